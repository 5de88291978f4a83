//! The discharge example (Margit, 84, home from hospital; oral consent; the plan is
//! closed at the follow-up), every form read back from the PDF.

mod common;

use common::*;

#[test]
fn invitation() {
    let (text, pages) = example_form("discharge", "invitation");
    assert_running_header(&text, "Kallelse till SIP-möte", "Margit Johansson", "11 november 2026", pages);
    assert_has(
        &text,
        &[
            "Kallelse till SIP-möte",
            "Samordnad individuell plan (SIP) för Margit Johansson",
            // Everyone it goes to is called: the intro says what the title says.
            "Du är kallad till ett SIP-möte",
            // The discharge notice, with its date.
            "Margit är utskrivningsklar från sjukhuset sedan den 10 november 2026. \
             Mötet behövs för att Margit ska få rätt stöd efter utskrivningen.",
            "Varför vi ska ses",
            "Margit har legat på sjukhus för hjärtsvikt och kom hem den 12 november.",
            "Det långsiktiga målet, det som är viktigt för Margit",
            "Margit vill bo kvar hemma och klara sig själv så mycket som möjligt.",
            "Frågor som mötet ska ta upp",
            "Hur ska Margits mediciner och vikt följas upp efter tiden på sjukhuset?",
            "Vem ska Margit och Lars ringa om hon blir sämre?",
            "Tid och plats",
            "tisdag 24 november 2026",
            "10.00–11.00",
            "1 timme",
            "Hemma hos Margit, Rosenlundsgatan 4, 681 32 Kristinehamn",
            // A place and a link: the link is for those who take part digitally.
            "Länk för den som deltar digitalt",
            "https://vmote.example.se/m/482193",
            "Vem som kallar och leder mötet",
            "Sammankallande",
            "Karin Sjöberg",
            "Vårdcentralen Stensäter, Kristinehamn",
            "070-174 06 51",
            "karin.sjoberg@example.se",
            "Johanna Nilsson",
            "Kallade (måste delta)",
            "Pernilla Åberg",
            "Centralsjukhuset Karlstad, medicinavdelning 12",
            "Är med via länken de första 15 minuterna.",
            "Ali Hassan",
            "biståndshandläggare",
            "Erik Lund",
            "Bedömning av hemmet och hjälpmedel, så att Margit inte ramlar.",
            "Inbjudna",
            "Inga andra är inbjudna.",
            "Margit och närstående",
            "Så deltar Margit",
            "Hon hör dåligt, så vi pratar en i taget och tydligt.",
            "Lars Johansson (son) – Stöd till Margit och hjälp med att handla.",
            "Margit gav muntligt samtycke den 10 november 2026",
            "Samtycket gäller till och med den 9 november 2027.",
            "Hemtjänsten Väster, Kristinehamns kommun",
            "Risken att jag ramlar och vilka hjälpmedel jag behöver",
            "Det här behöver du göra",
            "Berätta för Karin Sjöberg vem som kommer från din verksamhet.",
            "för att Margit ska nå sitt mål",
        ],
    );
    // A place as well as a link, so not a digital meeting; a one-hour meeting; no
    // guardians, no exclusions; nothing from the plan or the follow-up.
    assert_lacks(
        &text,
        &[
            "kallad eller inbjuden",
            "Mötet är digitalt.",
            "Länk till det digitala mötet",
            "1 timme och",
            "Vårdnadshavare",
            "Information som inte får delas",
            "Mitt godkännande",
            "Nästa uppföljning",
        ],
    );
}

#[test]
fn consent() {
    let (text, pages) = example_form("discharge", "samtycke");
    assert_running_header(&text, "Samtycke till SIP", "Margit Johansson", "10 november 2026", pages);
    assert_has(
        &text,
        &[
            "Samtycke till samordnad individuell plan (SIP)",
            "Samtycket gäller",
            "Margit Johansson",
            "19420612-3129",
            "En samordnad individuell plan, SIP, är din plan.",
            "behövs ditt samtycke",
            "Del 1. Samtycke till att verksamheterna delar information",
            "Frågan är om verksamheterna nedan får lämna och ta emot uppgifter om dig.",
            "Centralsjukhuset Karlstad, medicinavdelning 12",
            "Vårdcentralen Stensäter, Kristinehamn",
            "Biståndsenheten för äldre, Kristinehamns kommun",
            "Hemtjänsten Väster, Kristinehamns kommun",
            "Hemsjukvården och rehabiliteringen, Kristinehamns kommun",
            "Information som får delas",
            "Min hjärtsjukdom, mina mediciner och vården på sjukhuset",
            "Vilken hjälp jag behöver hemma och hur jag klarar vardagen",
            "Del 2. Samtycke till SIP-möte och plan",
            "Jag samtycker till att ett SIP-möte hålls och att en samordnad individuell plan skrivs X Ja",
            "Hur länge samtycket gäller",
            "10 november 2026",
            "9 november 2027",
            "Du kan ändra dig",
            "Du kan när som helst ta tillbaka ditt samtycke",
            "Kontakta gärna Karin Sjöberg, Vårdcentralen Stensäter, Kristinehamn, telefon 070-174 06 51.",
            "Hur samtycket lämnades",
            // Oral consent, and where it was written down.
            "X Muntligt",
            "Antecknat av, och i vilken journal",
            "Sjuksköterskan Pernilla Åberg, i Margits journal på medicinavdelning 12.",
            "Vem som lämnar samtycket",
            "X Jag själv",
            "Underskrift",
            "Underskrift och namnförtydligande: Den som tog emot samtycket",
        ],
    );
    // Oral consent is not signed: only the one who received it has a line.
    assert_eq!(text.matches("Underskrift och namnförtydligande:").count(), 1, "one signature line:\n{text}");
    assert_lacks(
        &text,
        &[
            "Underskrift och namnförtydligande: Margit",
            // The case records no exceptions: no row, and no "none".
            "Information som inte får delas",
            "Inga undantag",
            "X Skriftligt",
            "X Vårdnadshavarna",
            "Vi samtycker",
            "Ni kan ändra er",
            "När båda föräldrarna",
            "Barnets egen uppfattning",
        ],
    );
}

#[test]
fn plan() {
    let (text, pages) = example_form("discharge", "plan");
    assert!(pages >= 2, "the plan has many actions; it flows onto more pages");
    assert_running_header(&text, "Samordnad individuell plan", "Margit Johansson", "24 november 2026", pages);
    assert_has(
        &text,
        &[
            "Samordnad individuell plan (SIP)",
            "Min plan, version 1, skriven 24 november 2026",
            "Planen är för",
            "19420612-3129",
            "Varför vi träffades",
            "Vi ska göra en gemensam plan så att Margit kan känna sig trygg hemma.",
            "Så här har jag det nu",
            "Jag låg på sjukhuset i två veckor och fick veta att jag har hjärtsvikt.",
            "Det här vill jag",
            "Jag vill kunna gå till affären och till syföreningen i kyrkan igen.",
            "Mina delmål",
            "Så kan mina behov ändras",
            "När jag orkar mer kan jag behöva mindre hjälp av hemtjänsten.",
            "Vem gör vad",
            "Morgon och kväll",
            "Dygnet runt",
            "Omgående – Tills vidare",
            "26 november 2026 – 18 december 2026",
            "30 november 2026 – 22 januari 2027",
            // Actions shared by Margit and her son.
            "Jag och Lars Johansson (son)",
            "Jag och Lars Johansson (son)",
            "12 insatser.",
            "Kommun: Hemtjänsten Väster, Kristinehamns kommun – insatser 2, 6 och 11",
            "Kommun: Hemsjukvården och rehabiliteringen, Kristinehamns kommun – insatser 3, 7 och 10",
            "Region: Vårdcentralen Stensäter, Kristinehamn – insats 4",
            "Kommun: Biståndsenheten för äldre, Kristinehamns kommun – insats 9",
            "Margit Johansson – insatser 1, 5, 8 och 12",
            "Lars Johansson – insatser 5 och 12",
            "Vårdcentralen Stensäter, Kristinehamn (huvudman: Region). Samordnare är Karin Sjöberg.",
            "Den här personen håller ihop min plan",
            "Mina kontaktpersoner",
            "ali.hassan@example.se",
            "070-174 06 53",
            "De som var med när planen skrevs",
            "Erik Lund arbetsterapeut Hemsjukvården och rehabiliteringen, Kristinehamns kommun Nej",
            "Det vi inte är överens om Inte antecknat",
            "Annat vi pratade om",
            "Arbetsterapeuten kunde inte komma; sjuksköterskan i hemsjukvården berättar för honom vad vi har bestämt.",
            "19 januari 2027",
            "Mitt godkännande",
            "Jag har varit med och gjort planen. Jag tycker att den är bra. X Ja",
            "Ingen behöver skriva under. Jag får en kopia av planen.",
        ],
    );
    // The actions table is grouped by goal: each goal's row once, before its actions.
    let groups = [
        "Delmål 1: Slippa åka in till sjukhuset igen",
        "Delmål 2: Känna mig trygg hemma och inte ramla",
        "Delmål 3: Orka gå till affären själv",
    ];
    for g in groups {
        assert_eq!(text.matches(g).count(), 1, "one group row {g:?}:\n{text}");
    }
    let order = [
        groups[0],
        "1 Väga mig varje morgon och skriva upp vikten i häftet",
        "2 Ge mig mina mediciner enligt läkemedelslistan",
        groups[1],
        "8 Använda rollatorn inomhus",
        groups[2],
        "10 Träna balans och styrka",
        "12 Handla mat tillsammans.",
    ];
    for pair in order.windows(2) {
        assert!(at(&text, pair[0]) < at(&text, pair[1]), "{:?} comes before {:?}:\n{text}", pair[0], pair[1]);
    }
    // An adult's plan: nothing about guardians, and not signed.
    assert_lacks(&text, &["vårdnadshavare", "Underskrift och namnförtydligande"]);
}

#[test]
fn followup() {
    let (text, pages) = example_form("discharge", "uppfoljning");
    assert_running_header(&text, "Uppföljning av SIP", "Margit Johansson", "19 januari 2027", pages);
    assert_has(
        &text,
        &[
            "Uppföljning av samordnad individuell plan (SIP)",
            "Uppföljning 1, 19 januari 2027",
            "Planen som följs upp",
            "Planen skrevs",
            "24 november 2026",
            "Vårdcentralen Stensäter, Kristinehamn",
            "De som var med på uppföljningen",
            "• Lars Johansson",
            "• Erik Lund",
            "Hur jag mår",
            "Jag känner mig trygg med larmet.",
            "Hur det går med mina delmål",
            "Slippa åka in till sjukhuset igen Uppfyllt",
            "Känna mig trygg hemma och inte ramla Uppfyllt",
            "Orka gå till affären själv Delvis uppfyllt",
            "Margit går till affären med rollatorn, men hon orkar inte bära tunga kassar.",
            "Blev det gjort?",
            "Margit väger sig varje morgon. Hemtjänsten tittar i häftet.",
            "Det har inte behövts.",
            "Hemtjänsten kom inom 20 minuter när Margit larmade.",
            "Margit och Lars handlar varje lördag.",
            "Har något ändrats?",
            "Margit har fått färdtjänst.",
            "Behöver jag annan hjälp?",
            "Hemtjänsten fortsätter med mediciner, mat och dusch enligt beslutet.",
            "Beslut",
            "Vi bestämde att",
            // The plan is closed, with the reason given.
            "X Avsluta planen",
            "Skäl",
            "Margit klarar sig bra med hemtjänsten och sina vanliga besök på vårdcentralen. \
             Hon behöver inte längre att verksamheterna samordnar sin hjälp i en plan, och hon vill inte ha fler möten.",
            "Min plan är slut",
            "Min plan är slut från och med 19 januari 2027. Vårdcentralen Stensäter, Kristinehamn berättar det för alla som har hjälpt mig.",
            "Om du behöver samordnad hjälp igen",
            "Ring Karin Sjöberg på vårdcentralen om du blir sämre eller behöver mer hjälp. \
             Då kan vi göra en ny plan tillsammans.",
        ],
    );
    // The reason comes with the decision, and where to turn after the plan has ended.
    assert!(at(&text, "X Avsluta planen") < at(&text, "Skäl"), "the reason follows the decision:\n{text}");
    assert!(
        at(&text, "Min plan är slut från") < at(&text, "Ring Karin Sjöberg"),
        "where to turn follows the closing text:\n{text}"
    );
    // Closed, not restarted: no next follow-up, no new consent, and the case's own
    // words about where to turn instead of the default sentence.
    assert_lacks(
        &text,
        &[
            "X Fortsätta som planerat",
            "X Avsluta planen och börja om",
            "En ny SIP ska göras",
            "Nästa uppföljning",
            "hjälp igen kan du alltid be om en ny SIP",
        ],
    );
}

#[test]
fn all_renders_every_form_the_case_has() {
    let dir = tempdir();
    sipform_ok(&["render", example("discharge").to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    let mut written: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    written.sort();
    assert_eq!(
        written,
        [
            "discharge-consent.pdf",
            "discharge-followup.pdf",
            "discharge-invitation.pdf",
            "discharge-my-plan.pdf",
            "discharge-plan.pdf"
        ]
    );
}
