//! The child example (Elias, 12, two guardians who consent), every form read back from the PDF.

mod common;

use common::*;

#[test]
fn invitation() {
    let (text, pages) = example_form("child", "kallelse");
    assert_running_header(&text, "Kallelse till SIP-möte", "Elias Nyström", "12 februari 2027", pages);
    assert_has(
        &text,
        &[
            "Kallelse till SIP-möte",
            "Samordnad individuell plan (SIP) för Elias Nyström",
            // Everyone it goes to is called: the intro says what the title says.
            "Du är kallad till ett SIP-möte",
            "Varför vi ska ses",
            "Elias har ADHD och är ofta borta från skolan.",
            "Det långsiktiga målet, det som är viktigt för Elias",
            "Elias vill gå till skolan varje dag och ha kompisar.",
            "Frågor som mötet ska ta upp",
            "Vilket stöd behöver Elias i klassrummet och på rasterna?",
            "Hur håller BUP, socialtjänsten och skolan kontakt med varandra och med familjen?",
            "Tid och plats",
            "tisdag 2 mars 2027",
            "14.00–15.30",
            "1 timme och 30 minuter",
            "Tallängsskolan, elevhälsans konferensrum, Tallängsvägen 3, Örebro",
            "Vem som kallar och leder mötet",
            "Sammankallande",
            "Barn- och ungdomspsykiatrin (BUP), Örebro",
            "lina.ahmadi@example.se",
            "070-174 06 21",
            "Johan Eriksson",
            "Kallade (måste delta)",
            "Maria Lindqvist",
            "Ahmed Yusuf",
            "mentor och klasslärare",
            "Anpassningar i klassrummet och kontakt med hemmet om närvaron.",
            "Inbjudna",
            "Elias och närstående",
            "Så deltar Elias",
            "Elias är med den första halvtimmen och berättar själv vad som är viktigt för honom.",
            "Birgitta Holm (mormor) – Tid med Elias efter skolan.",
            "Vårdnadshavare • Sofia Nyström • Daniel Berg",
            "Vårdnadshavarna gav skriftligt samtycke den 10 februari 2027",
            "Samtycket gäller till och med den 9 februari 2028.",
            "Elias närvaro, skolarbete och stöd i skolan",
            "Uppgifter om föräldrarnas ekonomi",
            "Det här behöver du göra",
            "Berätta för Lina Ahmadi vem som kommer från din verksamhet.",
            "Skicka en ersättare",
            "för att Elias ska nå sitt mål",
        ],
    );
    // The guardians consented, not Elias; no hospital discharge, no link; nothing
    // from the plan or the follow-up.
    assert_lacks(
        &text,
        &[
            "Elias gav",
            "utskrivningsklar",
            "Länk för den som deltar digitalt",
            "Mitt godkännande",
            "Nästa uppföljning",
            "kallad eller inbjuden",
        ],
    );
}

#[test]
fn consent() {
    let (text, pages) = example_form("child", "samtycke");
    assert_running_header(&text, "Samtycke till SIP", "Elias Nyström", "10 februari 2027", pages);
    assert_has(
        &text,
        &[
            "Samtycke till samordnad individuell plan (SIP)",
            "Samtycket gäller",
            "Elias Nyström",
            "20140914-2732",
            "behövs samtycke från er som är vårdnadshavare",
            "Del 1. Samtycke till att verksamheterna delar information",
            // In the guardians' voice, about Elias.
            "Frågan är om verksamheterna nedan får lämna och ta emot uppgifter om Elias.",
            "Vi samtycker till att verksamheterna delar information X Ja Nej",
            // Saying no costs Elias nothing.
            "Ni kan säga nej. Ett nej tar inte bort Elias rätt till hjälp.",
            // Each guardian's own answer, to each part.
            "Så svarade var och en",
            "Sofia Nyström Ja Ja",
            "Daniel Berg Ja Ja",
            "Barn- och ungdomspsykiatrin (BUP), Örebro",
            "Socialtjänsten, barn och familj, Örebro kommun",
            "Tallängsskolan",
            "Information som får delas",
            "Elias utredning, diagnos och behandling på BUP",
            "Hur Elias och familjen har det hemma, så långt det behövs för planen",
            "Information som inte får delas",
            "Uppgifter om föräldrarnas ekonomi",
            "Del 2. Samtycke till SIP-möte och plan",
            "Vi samtycker till att ett SIP-möte hålls och att en samordnad individuell plan skrivs för Elias",
            "X Ja",
            "Hur länge samtycket gäller",
            "10 februari 2027",
            "9 februari 2028",
            "Ni kan ändra er",
            "Ni kan när som helst ta tillbaka ert samtycke",
            "Om en av er tar tillbaka samtycket gäller det inte längre.",
            "Kontakta gärna Lina Ahmadi, Barn- och ungdomspsykiatrin (BUP), Örebro, telefon 070-174 06 21.",
            "X Skriftligt",
            "X Vårdnadshavarna",
            // Each guardian with their own personnummer.
            "Sofia Nyström 19810322-4526",
            "Daniel Berg 19791107-3935",
            "När båda föräldrarna har vårdnaden måste båda samtycka.",
            "Barnets egen uppfattning",
            "Så här tycker Elias själv",
            "Elias tycker att det är bra att BUP, skolan och socialtjänsten pratar med varandra.",
            "Han vill inte att klasskamraterna får veta att han går på BUP.",
            "Underskrift och namnförtydligande: Sofia Nyström",
            "Underskrift och namnförtydligande: Daniel Berg",
            "Underskrift och namnförtydligande: Den som tog emot samtycket",
        ],
    );
    // The guardians sign, and whoever received the consent; Elias does not.
    assert_eq!(text.matches("Underskrift och namnförtydligande:").count(), 3, "three signature lines:\n{text}");
    assert_lacks(
        &text,
        &[
            "Underskrift och namnförtydligande: Elias",
            "Jag samtycker",
            "Du kan ändra dig",
            "X Jag själv",
            "X Muntligt",
            "Inte antecknad.",
        ],
    );
}

#[test]
fn plan() {
    let (text, pages) = example_form("child", "sip");
    assert!(pages >= 2, "the plan has many actions; it flows onto more pages");
    assert_running_header(&text, "Samordnad individuell plan", "Elias Nyström", "2 mars 2027", pages);
    assert_has(
        &text,
        &[
            "Samordnad individuell plan (SIP)",
            "Min plan, version 1, skriven 2 mars 2027",
            "Planen är för",
            "20140914-2732",
            "Varför vi träffades",
            "Vi ska göra en gemensam plan tillsammans med Elias och hans föräldrar",
            "Så här har jag det nu",
            "I höstas fick jag veta att jag har ADHD.",
            "Jag bor varannan vecka hos mamma och varannan vecka hos pappa.",
            "Det här vill jag",
            "Jag vill gå till skolan varje dag och ha kompisar. Jag vill att det blir mindre bråk hemma.",
            "Mina delmål",
            "Så kan mina behov ändras",
            "I augusti börjar jag i sjuan och får nya lärare.",
            "Vem gör vad",
            "Varje skoldag",
            "BUP, Lärkgatan 8",
            "Tallängsskolan (Ahmed Yusuf)",
            "Birgitta Holm (mormor)",
            "Nästa vecka",
            "Omgående – 26 mars 2027",
            "9 mars 2027 – 11 juni 2027",
            "8 mars 2027 – 31 augusti 2027",
            "Packa väskan och lägga fram kläderna kvällen innan",
            "Jag, Sofia Nyström och Daniel Berg har varit med och gjort planen.",
            "1. Vilka insatser behövs?",
            "11 insatser.",
            "2. Vilka insatser har kommunen och regionen ansvar för?",
            "Kommun: Tallängsskolan – insatser 1, 2, 3 och 10",
            "Region: Barn- och ungdomspsykiatrin (BUP), Örebro – insatser 5 och 6",
            "Kommun: Socialtjänsten, barn och familj, Örebro kommun – insats 7",
            "3. Vad gör andra än kommunen och regionen?",
            "Elias Nyström – insatser 4, 8 och 11",
            "Birgitta Holm – insats 9",
            "4. Vem har det övergripande ansvaret för planen?",
            "Barn- och ungdomspsykiatrin (BUP), Örebro (huvudman: Region). Samordnare är Lina Ahmadi.",
            "Den här personen håller ihop min plan",
            "Mina kontaktpersoner",
            "skolkurator i elevhälsan",
            "070-174 06 22",
            "De som var med när planen skrevs",
            "pappa och vårdnadshavare",
            "Det vi inte är överens om",
            "Pappa tycker att Elias ska gå hela skoldagar direkt.",
            "Vi provar kortare dagar fram till påsklovet.",
            "Annat vi pratade om",
            "Elias vill börja spela fotboll i en klubb igen.",
            "25 maj 2027",
            "Mitt godkännande",
            "Jag, Sofia Nyström och Daniel Berg har varit med och gjort planen. Vi tycker att den är bra. X Ja",
            "Ingen behöver skriva under. Jag får en kopia av planen. Mina vårdnadshavare får också en kopia.",
        ],
    );
    // The actions table is grouped by goal: each goal's row once, before its actions.
    let groups = [
        "Delmål 1: Gå till skolan varje dag och orka vara kvar",
        "Delmål 2: Bli lugnare och bråka mindre hemma",
        "Delmål 3: Ha kompisar att vara med på rasterna",
    ];
    for g in groups {
        assert_eq!(text.matches(g).count(), 1, "one group row {g:?}:\n{text}");
    }
    let order = [
        groups[0],
        "1 Kortare skoldagar, 8.30–12.00, fram till påsklovet",
        "3 Mentorn ringer mamma eller pappa samma morgon",
        groups[1],
        "6 Samtal om vad som händer när jag blir arg",
        "9 Hämta mig efter skolan",
        groups[2],
        "10 Samtal med skolkuratorn",
        "11 Vara med på fotbollen",
    ];
    for pair in order.windows(2) {
        assert!(at(&text, pair[0]) < at(&text, pair[1]), "{:?} comes before {:?}:\n{text}", pair[0], pair[1]);
    }
    // Each action is a card, with who does it.
    assert_eq!(text.matches("Vem gör det").count(), 11, "a card an action:\n{text}");
    // There were disagreements, Elias is a child, and a plan is not signed.
    assert_lacks(
        &text,
        &[
            "Alla var överens om planen.",
            "Jag har varit med och gjort planen och jag håller med om den",
            "Underskrift och namnförtydligande",
        ],
    );
}

#[test]
fn followup() {
    let (text, pages) = example_form("child", "uppfoljning");
    assert_running_header(&text, "Uppföljning av SIP", "Elias Nyström", "25 maj 2027", pages);
    assert_has(
        &text,
        &[
            "Uppföljning av samordnad individuell plan (SIP)",
            "Uppföljning 1, 25 maj 2027",
            "Planen som följs upp",
            "Planen skrevs",
            "2 mars 2027",
            "Barn- och ungdomspsykiatrin (BUP), Örebro",
            "De som var med på uppföljningen",
            "• Daniel Berg",
            "• Ahmed Yusuf",
            "Hur jag mår",
            "Det lilla rummet hjälper mig.",
            "Hur det går med mina delmål",
            "Gå till skolan varje dag och orka vara kvar Delvis uppfyllt",
            "Uppfyllt",
            "Det är mindre bråk hos mamma.",
            "Elias spelar fotboll på rasterna och har två kompisar i klassen.",
            "Blev det gjort?",
            "Tallängsskolan (Ahmed Yusuf)",
            "Mentorn har ringt två gånger.",
            "Medicinen hjälper Elias att koncentrera sig.",
            "Birgitta Holm (mormor)",
            "Elias ser fram emot onsdagarna.",
            // The one action that was not done.
            "Vem gör det Jag Gjort Nej Vad hände? Hjälpte det? Elias glömmer det ofta när han redan har blivit arg.",
            "Har något ändrats?",
            "Elias börjar i sjuan i augusti och får en ny mentor.",
            "Behöver jag annan hjälp?",
            "Familjebehandlingen fortsätter över sommaren.",
            "Beslut",
            "X Fortsätta som planerat",
            "Nästa uppföljning",
            "14 september 2027",
            "Tallängsskolan, elevhälsans konferensrum, Tallängsvägen 3, Örebro",
        ],
    );
    assert_lacks(&text, &["X Avsluta planen", "X Ändra (revidera) planen", "Min plan är slut"]);
}

#[test]
fn all_renders_every_form_the_case_has() {
    let dir = tempdir();
    sipform_ok(&["render", example("child").to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    let mut written: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    assert_eq!(
        written,
        ["child-consent.pdf", "child-followup.pdf", "child-invitation.pdf", "child-my-plan.pdf", "child-plan.pdf"]
    );
}
