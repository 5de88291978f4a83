//! A SIP's whole life in one case file (format 2), read back from the PDFs:
//! consents renewed and refused, plan versions, follow-ups as meetings with
//! invitations of their own, letters to each kind of recipient, and nothing
//! printed that nobody recorded.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

/// One form of a case with extra arguments, read back.
fn form_text(case: &Path, form: &str, extra: &[&str], dir: &Path) -> String {
    pdf_text(&render_with(case, form, extra, dir))
}

/// The text between two phrases that must occur, in that order.
#[track_caller]
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = at(text, from);
    let end = start + at(&text[start..], to);
    &text[start..end]
}

#[test]
fn two_years_renders_every_form_of_its_life() {
    let dir = tempdir();
    let out = sipform_ok(&[
        "render",
        example("two-years").to_str().unwrap(),
        "--all",
        "--ics",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let names: Vec<String> =
        pdfs_in(dir.path()).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        [
            "two-years-consent.pdf",
            "two-years-followup-invitation.pdf",
            "two-years-followup.pdf",
            "two-years-invitation.pdf",
            "two-years-my-plan.pdf",
            "two-years-plan.pdf"
        ],
        "{}",
        stderr(&out)
    );
    // The next follow-up is a meeting with a time, in the calendar too.
    let ics = fs::read_to_string(dir.path().join("two-years-followup.ics")).unwrap();
    assert_has(&ics, &["DTSTART;TZID=Europe/Stockholm:20261201T090000", "DTEND;TZID=Europe/Stockholm:20261201T100000"]);
    assert!(stderr(&out).lines().all(|l| !l.starts_with("warning")), "the example is clean: {}", stderr(&out));
}

#[test]
fn every_form_is_checked_against_the_consent_in_force_on_its_date() {
    let dir = tempdir();
    let case = example("two-years");
    // The consent form prints the latest consent, with the earlier one listed.
    let consent = form_text(&case, "consent", &[], dir.path());
    assert_has(
        &consent,
        &[
            "Samtycket lämnades 15 december 2025 Samtycket gäller till och med 14 december 2026",
            "Tidigare samtycken • 10 januari 2025 till 9 januari 2026",
            "Min väg tillbaka till arbete",
        ],
    );
    // `--version 1` prints the first one as it was.
    let first = form_text(&case, "consent", &["--version", "1"], dir.path());
    assert_has(
        &first,
        &["Samtycket lämnades 10 januari 2025 Samtycket gäller till och med 9 januari 2026", "Datum 10 januari 2025"],
    );
    assert_lacks(&first, &["Min väg tillbaka till arbete", "Tidigare samtycken"]);

    // The first invitation cites the first consent; the follow-up's, the renewed one.
    let invitation = form_text(&case, "invitation", &[], dir.path());
    assert_has(&invitation, &["Karin gav skriftligt samtycke den 10 januari 2025", "till och med den 9 januari 2026"]);
    let followup_invitation = form_text(&case, "followup-invitation", &[], dir.path());
    assert_has(
        &followup_invitation,
        &["Karin gav skriftligt samtycke den 15 december 2025", "till och med den 14 december 2026"],
    );

    // Without the renewal, the follow-up of 2026-09-15 is after the consent ran out.
    let text = fs::read_to_string(&case).unwrap();
    let renewal = text.find("[[consents]]\ngiven_by = \"individual\"\nform = \"written\"\ndate = 2025-12-15").unwrap();
    let end = renewal + text[renewal..].find("\n\n").unwrap();
    let lapsed = dir.path().join("lapsed.toml");
    fs::write(&lapsed, format!("{}{}", &text[..renewal], &text[end + 2..])).unwrap();
    let out = sipform(&[
        "render",
        lapsed.to_str().unwrap(),
        "--form",
        "followup",
        "-o",
        dir.path().join("f.pdf").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_has(
        &stderr(&out),
        &["error[consent-expired]", "ran out on 2026-01-09", "the followup form is dated 2026-09-15"],
    );
    // The first meeting's forms were covered then, and still print.
    sipform_ok(&[
        "render",
        lapsed.to_str().unwrap(),
        "--form",
        "invitation",
        "-o",
        dir.path().join("i.pdf").to_str().unwrap(),
    ]);
}

#[test]
fn the_plan_prints_the_version_in_force_with_its_history() {
    let dir = tempdir();
    let case = example("two-years");
    let latest = form_text(&case, "plan", &[], dir.path());
    assert_has(
        &latest,
        &[
            "Min plan, version 3, skriven 3 februari 2026",
            "Det här är nytt i den här versionen Karin arbetar halvtid. Samtalen slutar och stödet med ekonomi tar över.",
            "Tidigare versioner av planen • Version 2, 10 juni 2025: Karin har fått ett eget boende.",
            "• Version 1, 28 januari 2025",
            "Jag arbetar halvtid och mår bra.",
            "Stöd med budget och ekonomi",
            // The lead changed with version 3.
            "Samordnare är Ali Rahimi.",
        ],
    );
    assert_lacks(&latest, &["Samtal varannan vecka", "Jag bor hos en vän"]);

    // Version 2 as it was: decided at the follow-up of 2025-06-10, by those who were there.
    let second = form_text(&case, "plan", &["--version", "2"], dir.path());
    assert_has(
        &second,
        &[
            "Min plan, version 2, skriven 10 juni 2025",
            "Tidigare versioner av planen • Version 1, 28 januari 2025",
            "Samtal en gång i månaden",
            "Samordnare är Maria Holm.",
        ],
    );
    assert_lacks(&second, &["Version 3", "Stöd med budget och ekonomi", "Samordnare är Ali Rahimi"]);
    let there = between(&second, "De som var med när planen skrevs", "Sida");
    assert_has(there, &["Karin Johansson", "Maria Holm", "Ali Rahimi"]);
    assert_lacks(there, &["Lena Berg"]);

    let out = sipform(&["render", case.to_str().unwrap(), "--form", "plan", "--version", "4"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_has(&stderr(&out), &["version 4"]);
}

#[test]
fn a_follow_up_assesses_the_version_in_force_on_its_date() {
    let dir = tempdir();
    let case = example("two-years");
    let last = form_text(&case, "followup", &[], dir.path());
    assert_has(
        &last,
        &[
            "Uppföljning 3, 15 september 2026",
            "Planens version Datum för uppföljningen",
            "3 februari 2026 3 15 september 2026",
            "X Fortsätta som planerat",
            "Karin har fått ett fast arbete på halvtid.",
            "Nästa uppföljning",
            "1 december 2026",
        ],
    );
    let first = form_text(&case, "followup", &["--followup", "1"], dir.path());
    assert_has(
        &first,
        &[
            "Uppföljning 1, 10 juni 2025",
            "28 januari 2025 1 10 juni 2025",
            "X Ändra (revidera) planen",
            "Karin har ett eget boende. Nu gäller arbete.",
            "Ansökan om boendestöd",
        ],
    );
    assert_lacks(&first, &["X Fortsätta som planerat", "Stöd med budget och ekonomi"]);
}

#[test]
fn a_follow_up_is_a_meeting_with_an_invitation_of_its_own() {
    let dir = tempdir();
    let case = example("two-years");
    let next = form_text(&case, "followup-invitation", &[], dir.path());
    assert_running_title(&next, "Kallelse/inbjudan till uppföljning");
    assert_has(
        &next,
        &[
            "Kallelse/inbjudan till uppföljning av SIP",
            "Du är kallad eller inbjuden till en uppföljning",
            "Vi följer upp planen från 3 februari 2026.",
            "Är det dags att avsluta planen?",
            "tisdag 1 december 2026 09.00–10.00 1 timme Socialtjänsten, Falun",
            "Svara senast 24 november 2026 till Ali Rahimi, telefon 023-82 00 20.",
            "Datum 10 november 2026",
        ],
    );
    // Those the follow-up invites, not everyone at the first meeting.
    assert_lacks(&next, &["Maria Holm"]);

    // A held follow-up's invitation, reprinted: the digital one, with its link.
    let digital = form_text(&case, "followup-invitation", &["--followup", "2"], dir.path());
    assert_has(&digital, &["https://meet.example.se/sip-4711", "tisdag 3 februari 2026 14.00–14.45", "Lena Berg"]);

    let out = sipform(&["render", case.to_str().unwrap(), "--form", "followup-invitation", "--followup", "9"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// The page's first words are the running title.
#[track_caller]
fn assert_running_title(text: &str, title: &str) {
    assert!(text.starts_with(title), "starts with {title:?}: {text}");
}

#[test]
fn each_kind_of_recipient_gets_its_own_letter() {
    let dir = tempdir();
    let case = example("anna");
    let person = form_text(&case, "invitation", &["--to", "person"], dir.path());
    assert_running_title(&person, "Inbjudan till SIP-möte");
    assert_has(
        &person,
        &[
            "Välkommen till ditt SIP-möte",
            "Du behöver hjälp från flera verksamheter samtidigt.",
            "Det är du som bestämmer vad vi ska prata om.",
            "Du får gärna ta med någon som stöd",
            "Kan du inte komma? Ring Eva Ek på 054-61 00 10.",
            "Jag kommer till mötet Ja Nej Namn Det här vill jag säga inför mötet",
        ],
    );
    assert_lacks(&person, &["Skicka en ersättare", "Det här behöver du göra", "Kallelse", "Namn, och verksamhet"]);

    let called = form_text(&case, "invitation", &["--to", "called"], dir.path());
    assert_running_title(&called, "Kallelse till SIP-möte");
    assert_has(
        &called,
        &[
            "Du är kallad till ett SIP-möte",
            "Bekräfta att du har fått kallelsen.",
            "Skicka en ersättare som kan fatta beslut",
        ],
    );
    assert_lacks(&called, &["Du måste inte komma", "Välkommen"]);

    let invited = form_text(&case, "invitation", &["--to", "invited"], dir.path());
    assert_running_title(&invited, "Inbjudan till SIP-möte");
    assert_has(
        &invited,
        &["Du är inbjuden till ett SIP-möte", "Du måste inte komma, men vi vill gärna att du är med."],
    );
    assert_lacks(&invited, &["Skicka en ersättare", "Bekräfta att du har fått kallelsen"]);

    // The convener's own copy tells the convener nothing to do.
    let own = form_text(&case, "invitation", &["--convener-copy"], dir.path());
    assert_lacks(&own, &["Det här behöver du göra", "Till dig som är kallad"]);
    assert_has(&own, &["Kallade (måste delta)"]);
}

#[test]
fn a_refusal_is_recorded_printed_and_stops_the_meeting() {
    let dir = tempdir();
    let text = fs::read_to_string(example("child")).unwrap();
    let from = "guardians = [\"Sofia Nyström\", \"Daniel Berg\"]";
    assert!(text.contains(from));
    let refused =
        text.replacen(from, "guardians = [\"Sofia Nyström\", { name = \"Daniel Berg\", meeting_and_plan = false }]", 1);
    // The refusal alone: the consent form, nothing else.
    let only = dir.path().join("refusal.toml");
    fs::write(&only, &refused[..refused.find("[meeting]").unwrap()]).unwrap();
    let out = dir.path().join("out");
    sipform_ok(&["render", only.to_str().unwrap(), "--all", "-o", out.to_str().unwrap()]);
    let written = pdfs_in(&out);
    assert_eq!(written.len(), 1, "{written:?}");
    let consent = pdf_text(&written[0]);
    assert_has(
        &consent,
        &[
            "Vi samtycker till att verksamheterna delar information X Ja Nej",
            "Vi samtycker till att ett SIP-möte hålls och att en samordnad individuell plan skrivs för Elias X Nej Ja",
            "Sofia Nyström Ja Ja",
            "Daniel Berg Ja Nej",
            "Ett nej tar inte bort Elias rätt till hjälp.",
        ],
    );

    // With a meeting on record, the case contradicts itself: one error, at Daniel's "no".
    let full = dir.path().join("full.toml");
    fs::write(&full, &refused).unwrap();
    let out = sipform(&["check", full.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let errors: Vec<&serde_json::Value> =
        json["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "one finding, however many forms it stops: {json:#}");
    assert_eq!(errors[0]["code"], "no-meeting-consent");
    assert_eq!(errors[0]["path"], "consents[0].guardians[1].meeting_and_plan");
    let line = errors[0]["line"].as_u64().unwrap() as usize;
    assert!(refused.lines().nth(line - 1).unwrap().contains("meeting_and_plan = false"));
}

/// The keys whose absence must print as nothing said: no tick, no sentence.
const UNRECORDED: [(&str, &str); 7] = [
    ("consents", "meeting_and_plan"),
    ("consents", "exclusions"),
    ("plans", "agreed"),
    ("plans", "disagreements"),
    ("followups", "wellbeing"),
    ("followups", "new_information"),
    ("followups", "other_needs"),
];

/// Sentences that state what nobody said, which a form once printed for a
/// missing value.
const ASSERTIONS: [&str; 6] = [
    "Alla var överens om planen",
    "Inga undantag",
    "Ingen ny information",
    "Inga andra insatser behövs",
    "Jag mår bra",
    "Inga nya insatser",
];

/// A small generator: for each example, several subsets of the keys above
/// left out (from a fixed seed, so a failure repeats); every form rendered;
/// what was left out is printed as "Inte antecknat" or an empty box.
#[test]
fn what_nobody_recorded_is_never_printed_as_said() {
    let dir = tempdir();
    let mut seed = 0x5e1f_u64;
    let mut next = move || {
        // xorshift64: a fixed sequence, no dependency.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut n = 0;
    for base in ["anna", "child", "discharge", "two-years"] {
        let original = fs::read_to_string(example(base)).unwrap();
        let case: toml::Table = toml::from_str(&original).unwrap();
        let masks: Vec<u64> = std::iter::once((1 << UNRECORDED.len()) - 1).chain((0..3).map(|_| next())).collect();
        for mask in masks {
            n += 1;
            let mut silent = case.clone();
            let mut dropped = Vec::new();
            for (bit, (list, key)) in UNRECORDED.iter().enumerate() {
                if mask & (1 << bit) == 0 {
                    continue;
                }
                for entry in silent.get_mut(*list).and_then(|l| l.as_array_mut()).into_iter().flatten() {
                    entry.as_table_mut().unwrap().remove(*key);
                }
                dropped.push(*key);
            }
            let file = dir.path().join(format!("silent-{n}.json"));
            fs::write(&file, serde_json::to_string_pretty(&to_json(toml::Value::Table(silent))).unwrap()).unwrap();
            let out = dir.path().join(format!("out-{n}"));
            let rendered = sipform(&["render", file.to_str().unwrap(), "--all", "-o", out.to_str().unwrap()]);
            assert!(rendered.status.success(), "{base} without {dropped:?}: {}", stderr(&rendered));
            let read = |form: &str| pdf_text(&out.join(format!("silent-{n}-{form}.pdf")));
            for pdf in pdfs_in(&out) {
                let text = pdf_text(&pdf);
                for said in ASSERTIONS.iter().filter(|s| !original.contains(*s)) {
                    assert!(!text.contains(said), "{base} without {dropped:?}: {} says {said:?}", pdf.display());
                }
            }
            if dropped.contains(&"meeting_and_plan") {
                let part = read("consent");
                let part = between(&part, "Del 2.", "Hur länge samtycket gäller");
                assert!(!part.contains('X'), "{base}: part 2 ticked with no answer recorded: {part}");
            }
            if dropped.contains(&"exclusions") {
                // Left out, as the parties and the information are when missing.
                let consent = read("consent");
                assert!(
                    !consent.contains("Information som inte får delas"),
                    "{base}: exclusions without any: {consent}"
                );
            }
            if dropped.contains(&"agreed") {
                let plan = read("plan");
                let agreed = between(&plan, "Mitt godkännande", "Ingen behöver skriva under");
                assert!(!agreed.contains('X'), "{base}: agreement ticked with none recorded: {agreed}");
            }
            if dropped.contains(&"disagreements") {
                assert_has(&read("plan"), &["Det vi inte är överens om Inte antecknat"]);
            }
            let followup = read("followup");
            for (key, label) in [
                ("wellbeing", "Hur jag mår Inte antecknat"),
                ("new_information", "Har något ändrats? Inte antecknat"),
                ("other_needs", "Behöver jag annan hjälp? Inte antecknat"),
            ] {
                if dropped.contains(&key) {
                    assert_has(&followup, &[label]);
                }
            }
        }
    }
    // The positive control: with everything recorded, the boxes are ticked,
    // so the checks above can fail.
    let anna = form_text(&example("anna"), "consent", &[], dir.path());
    assert!(between(&anna, "Del 2.", "Hur länge samtycket gäller").contains("X Ja"));
    let plan = form_text(&example("anna"), "plan", &[], dir.path());
    assert!(between(&plan, "Mitt godkännande", "Ingen behöver skriva under").contains("X Ja"));
}

#[test]
fn a_format_1_file_still_renders_and_is_told_about_in_its_own_terms() {
    let dir = tempdir();
    let v1: PathBuf = root().join("tests/data/format-1/anna.toml");
    sipform_ok(&["render", v1.to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(pdfs_in(dir.path()).len(), 5);

    let text =
        fs::read_to_string(&v1).unwrap().replacen("given_by = \"individual\"", "given_by = \"representative\"", 1);
    let broken = dir.path().join("broken.toml");
    fs::write(&broken, &text).unwrap();
    let out = sipform(&["check", broken.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "no-representative");
    assert_eq!(d["path"], "consent.given_by", "the path as the format-1 file writes it");
    let line = d["line"].as_u64().unwrap() as usize;
    assert_eq!(text.lines().nth(line - 1), Some("given_by = \"representative\""));
}

#[test]
fn each_way_of_consenting_is_worded_as_what_it_is() {
    let dir = tempdir();
    let anna = fs::read_to_string(example("anna")).unwrap();

    // Presumed: informed, did not object; never "Jag samtycker", and the
    // person signs nothing.
    let presumed = dir.path().join("presumed.toml");
    fs::write(&presumed, anna.replacen("form = \"written\"", "form = \"presumed\"", 1)).unwrap();
    let text = form_text(&presumed, "consent", &[], dir.path());
    assert_has(
        &text,
        &[
            "Anna har fått veta att verksamheterna nedan vill lämna och ta emot uppgifter. Anna har inte sagt nej.",
            "Det kallas underförstått samtycke.",
            "X Underförstått: har fått information och inte sagt nej",
            "Underskrift och namnförtydligande: Den som informerade och antecknade",
        ],
    );
    assert_lacks(&text, &["Jag samtycker", "Underskrift och namnförtydligande: Anna Andersson"]);

    // A representative is reminded that the mandate must cover it.
    let representative = dir.path().join("representative.toml");
    let text = anna.replacen("given_by = \"individual\"", "given_by = \"representative\"", 1) + REPRESENTATIVE;
    fs::write(&representative, text).unwrap();
    let text = form_text(&representative, "consent", &[], dir.path());
    assert_has(
        &text,
        &[
            "Du lämnar det som legal företrädare för Anna.",
            "Som legal företrädare kan du bara samtycka om ditt uppdrag omfattar det.",
            "Ett nej tar inte bort Annas rätt till hjälp.",
            "Underskrift och namnförtydligande: Karin Holm",
        ],
    );

    // A young person answers beside the guardians, from the age the
    // organisation sets, and not without it.
    let child = fs::read_to_string(example("child")).unwrap();
    let young = dir.path().join("young.toml");
    let answers = "meeting_and_plan = true\nyoung_person = { information_exchange = true, meeting_and_plan = true }";
    fs::write(&young, child.replacen("meeting_and_plan = true", answers, 1)).unwrap();
    let out = sipform(&["check", young.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_has(&stderr(&out), &["error[young-person-consent]", "young_person_consent_age"]);
    let org = dir.path().join("sipform.toml");
    fs::write(&org, "name = \"Region Örebro län\"\n\n[defaults]\nyoung_person_consent_age = 12\n").unwrap();
    let text = form_text(&young, "consent", &["--org", org.to_str().unwrap()], dir.path());
    assert_has(
        &text,
        &[
            "Elias Nyström Ja Ja",
            "Underskrift och namnförtydligande: Elias Nyström",
            "Underskrift och namnförtydligande: Daniel Berg",
        ],
    );
    let older = dir.path().join("older.toml");
    fs::write(&org, "name = \"Region Örebro län\"\n\n[defaults]\nyoung_person_consent_age = 15\n").unwrap();
    fs::copy(&young, &older).unwrap();
    let out = sipform(&["check", older.to_str().unwrap(), "--org", org.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "Elias is 12: {}", stderr(&out));
    assert_has(&stderr(&out), &["error[young-person-consent]"]);
}

/// A unit's contact person is the one to call, not the one who does the
/// unit's actions: the actions table names a person only where the case does.
#[test]
fn an_action_names_the_one_who_does_it_only_when_the_case_does() {
    let dir = tempdir();
    let plan = form_text(&example("child"), "plan", &[], dir.path());
    let actions = between(&plan, "Vem gör vad", "Den här personen håller ihop min plan");
    assert_has(actions, &["Yusuf"]);
    assert_lacks(actions, &["Lina Ahmadi", "Maria Lindqvist", "Johan Eriksson"]);
    // The contacts are still there, as the ones to call.
    assert_has(&plan, &["Lina Ahmadi", "Maria Lindqvist", "Johan Eriksson"]);
}
