//! The Anna example (seed 003), every form read back from the PDF.

mod common;

use common::*;

#[test]
fn invitation() {
    let (text, pages) = example_form("anna", "kallelse");
    assert_running_header(&text, "Kallelse/inbjudan till SIP-möte", "Anna Andersson", "4 november 2026", pages);
    assert_has(
        &text,
        &[
            "Kallelse/inbjudan till SIP-möte",
            "Varför vi ska ses",
            "Anna behöver samordnade insatser från psykiatrisk öppenvård",
            "Anna vill ta sin examen till våren",
            "Frågor som mötet ska ta upp",
            "Hur kan Anna få hjälp att hantera sin ångest?",
            "fredag 20 november 2026",
            "13.00–14.30",
            "1 timme och 30 minuter",
            "Hamngatan 2, rum 3, Karlstad",
            "Sammankallande",
            "eva.ek@example.se",
            "054-61 00 10",
            "Kallade (måste delta)",
            "Inbjudna",
            "Behandling för Annas ångest",
            "Sara Lind",
            "Elena Andersson (syster)",
            "Anna gav skriftligt samtycke den 2 november 2026",
            "Till dig som är kallad: bekräfta att du har fått kallelsen",
            "Skicka en ersättare",
            "Förbered dig",
            "Till dig som är inbjuden: du måste inte komma",
            // The reply slip, with the convener to answer.
            "Svara så snart du kan till Eva Ek, telefon 054-61 00 10",
            "Jag kommer till mötet Ja Nej",
        ],
    );
    // Only the invitation's wording; nothing from the plan's decisions.
    assert_lacks(&text, &["Mitt godkännande", "Nästa uppföljning"]);
}

#[test]
fn consent() {
    let (text, pages) = example_form("anna", "samtycke");
    assert_running_header(&text, "Samtycke till SIP", "Anna Andersson", "2 november 2026", pages);
    assert_has(
        &text,
        &[
            "Samtycke till samordnad individuell plan (SIP)",
            "19990101-2386",
            "Del 1. Samtycke till att verksamheterna delar information",
            "Socialpsykiatrin, Karlstads kommun",
            "Studenthälsan vid Karlstads universitet",
            "Information som får delas",
            "Mina studier och vad jag behöver för att klara dem",
            "Information som inte får delas",
            "Uppgifter om min familj utöver min syster Elena",
            "Del 2. Samtycke till SIP-möte och plan",
            "X Ja",
            "2 november 2026",
            "1 november 2027",
            "Du kan ändra dig",
            "X Skriftligt",
            "X Jag själv",
            "Underskrift och namnförtydligande: Anna Andersson",
            "Underskrift och namnförtydligande: Den som tog emot samtycket",
        ],
    );
}

#[test]
fn plan() {
    let (text, pages) = example_form("anna", "sip");
    assert!(pages >= 2, "the plan has many actions; it flows onto more pages");
    assert_running_header(&text, "Samordnad individuell plan", "Anna Andersson", "20 november 2026", pages);
    assert_has(
        &text,
        &[
            "Samordnad individuell plan (SIP)",
            "Så här har jag det nu",
            "Jag behöver träna på att vara där det finns många människor",
            "Det här vill jag",
            "Jag vill ta min examen till våren och klara min vardag själv.",
            "Mina delmål",
            "Fungerande vardagsrutiner: mat, inköp och att passa tider",
            "Vem gör vad",
            "KBT-behandling, samtal",
            "2 gånger i veckan",
            "Omgående – 31 maj 2027",
            "3 Skriva dagbok Vem gör det Jag",
            "För verksamheterna",
            "1. Vilka insatser behövs?",
            "2. Vilka insatser har kommunen och regionen ansvar för?",
            "3. Vad gör andra än kommunen och regionen?",
            "7 insatser.",
            "Region: Vuxenpsykiatriska öppenvårdsmottagningen Karlstad – insats 1",
            "Kommun: Socialpsykiatrin, Karlstads kommun – insatser 2 och 6",
            "Anna Andersson – insatser 3, 5 och 7",
            "Studenthälsan vid Karlstads universitet – insats 4",
            "Elena Andersson – insats 5",
            "4. Vem har det övergripande ansvaret för planen?",
            "Den här personen håller ihop min plan",
            "Samordnare är Eva Ek",
            "Mina kontaktpersoner",
            "Hamngatan 2, 652 20 Karlstad Eva Ek kurator och fast",
            "eva.ek@example.se",
            "De som var med när planen skrevs",
            "Det vi inte är överens om Inte antecknat",
            "15 februari 2027",
        ],
    );
    // Each action is a card with its labels: who does it, how often, when.
    assert_eq!(text.matches("Vem gör det").count(), 7, "a card an action:\n{text}");
    // The person's part comes first, the part for the staff last.
    assert!(at(&text, "Mitt godkännande") < at(&text, "För verksamheterna"), "{text}");
    assert!(at(&text, "För verksamheterna") < at(&text, "4. Vem har det övergripande ansvaret"), "{text}");
}

#[test]
fn followup() {
    let (text, pages) = example_form("anna", "uppfoljning");
    assert_running_header(&text, "Uppföljning av SIP", "Anna Andersson", "15 februari 2027", pages);
    assert_has(
        &text,
        &[
            "Uppföljning av samordnad individuell plan (SIP)",
            "Uppföljning 1, 15 februari 2027",
            "Planen skrevs",
            "20 november 2026",
            "Hur det går med mina delmål",
            "Hantera min ångest Delvis uppfyllt",
            "Uppfyllt",
            "Blev det gjort?",
            "Ångesten har minskat enligt Anna och skattningsskalan.",
            "Anna har fått en plats i en studiegrupp på universitetet.",
            "X Fortsätta som planerat",
            "Nästa uppföljning",
            "17 maj 2027",
        ],
    );
    assert_lacks(&text, &["X Avsluta planen", "gäller inte längre"]);
}

#[test]
fn all_renders_every_form_the_case_has() {
    let dir = tempdir();
    sipform_ok(&["render", example("anna").to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    let mut written: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    assert_eq!(
        written,
        ["anna-consent.pdf", "anna-followup.pdf", "anna-invitation.pdf", "anna-my-plan.pdf", "anna-plan.pdf"]
    );
}
