//! The command line as a user meets it: outputs, errors, exit codes, and the
//! promises about bytes (deterministic, never half-written, never markup).

mod common;

use std::fs;

use common::*;

fn anna_text() -> String {
    fs::read_to_string(example("anna")).unwrap()
}

#[test]
fn same_case_gives_the_same_bytes() {
    let (a, b) = (tempdir(), tempdir());
    for dir in [&a, &b] {
        sipform_ok(&["render", example("anna").to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    }
    for form in ["invitation", "consent", "plan", "followup"] {
        let name = format!("anna-{form}.pdf");
        let first = fs::read(a.path().join(&name)).unwrap();
        let second = fs::read(b.path().join(&name)).unwrap();
        assert!(first.starts_with(b"%PDF-"), "{name} is a PDF");
        assert!(first == second, "{name} differs between two runs");
    }
}

#[test]
fn text_that_looks_like_typst_prints_as_itself() {
    let hostile = [
        r#"#read("/etc/passwd")"#,
        r#"]#panic("boom")["#,
        r#"*fet* _kursiv_ $x^2$ \ <etikett> @ref `kod`"#,
        r#"{{ person.name }} {% if true %}ja{% endif %}"#,
        "= Rubrik\n// ingen kommentar /* inte heller */\n- ingen lista\n+ a == b",
    ];
    let dir = tempdir();
    let case = dir.path().join("hostile.toml");
    let text = anna_text().replace(r#"name = "Anna Andersson""#, &format!("name = {:?}", hostile[0])).replace(
        "Jag vill ta min examen",
        &format!("{} {} {} {}", hostile[1], hostile[2], hostile[3], hostile[4])
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n"),
    );
    fs::write(&case, text).unwrap();
    let pdf = render(&case, "plan", dir.path());
    let got = pdf_text(&pdf);
    for h in hostile {
        assert_has(&got, &[&normalise(h)]);
    }
    assert_lacks(&got, &["root:x:0"]);
}

#[test]
fn json_case_renders_like_the_toml_case() {
    let dir = tempdir();
    let json = dir.path().join("anna.json");
    let value: toml::Value = toml::from_str(&anna_text()).unwrap();
    fs::write(&json, serde_json::to_string_pretty(&to_json(value)).unwrap()).unwrap();
    let from_json = fs::read(render(&json, "plan", dir.path())).unwrap();
    let toml_dir = tempdir();
    let from_toml = fs::read(render(&example("anna"), "plan", toml_dir.path())).unwrap();
    assert!(from_json == from_toml, "the JSON case gives other bytes than the TOML case");
}

#[test]
fn a_wrong_value_is_reported_with_file_line_and_column() {
    let dir = tempdir();
    let case = dir.path().join("broken.toml");
    let text = anna_text().replacen(r#"name = "Anna Andersson""#, "name = 12", 1);
    let line = text.lines().position(|l| l == "name = 12").unwrap() + 1;
    fs::write(&case, text).unwrap();
    let out = sipform(&["render", case.to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_has(&err, &[&format!("broken.toml:{line}:8"), "expected a string"]);
    assert!(!err.contains('\u{1b}'), "no colour codes when stderr is not a terminal");
    assert_eq!(pdfs_in(dir.path()).len(), 0, "nothing is written for a broken case");
}

#[test]
fn a_misspelt_key_gets_a_suggestion() {
    let dir = tempdir();
    let case = dir.path().join("typo.toml");
    fs::write(&case, anna_text().replacen("personal_number =", "personal_numbr =", 1)).unwrap();
    let out = sipform(&["check", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["typo.toml:10:1", "personal_numbr", "did you mean `personal_number`?"]);
}

#[test]
fn a_broken_json_case_is_located_too() {
    let dir = tempdir();
    let case = dir.path().join("broken.json");
    fs::write(&case, "{\n  \"format\": 1,\n  \"person\": {\n    \"name\": \"Anna\",\n  }\n}\n").unwrap();
    let out = sipform(&["check", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["broken.json:5:3"]);
}

#[test]
fn the_case_file_is_never_overwritten() {
    let dir = tempdir();
    let case = dir.path().join("anna.toml");
    fs::write(&case, anna_text()).unwrap();
    let out = sipform(&["render", case.to_str().unwrap(), "--form", "plan", "-o", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["is the case file"]);
    assert_eq!(fs::read_to_string(&case).unwrap(), anna_text());
}

#[test]
fn no_temporary_file_is_left_behind() {
    let dir = tempdir();
    let out = dir.path().join("plan.pdf");
    sipform_ok(&["render", example("anna").to_str().unwrap(), "--form", "sip", "-o", out.to_str().unwrap()]);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["plan.pdf"]);
}

#[test]
fn an_unknown_form_lists_the_forms() {
    let out = sipform(&["render", example("anna").to_str().unwrap(), "--form", "planen"]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["there is no form `planen`", "plan (sip, ", "invitation (kallelse, inbjudan, "]);
}

#[test]
fn a_missing_file_is_named() {
    let out = sipform(&["render", "no-such-case.toml", "--all"]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["no-such-case.toml"]);
}

#[test]
fn printed_date_can_be_given() {
    let dir = tempdir();
    let pdf = dir.path().join("p.pdf");
    sipform_ok(&[
        "render",
        example("anna").to_str().unwrap(),
        "--form",
        "plan",
        "--printed",
        "2027-01-05",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_has(&pdf_text(&pdf), &["Datum 5 januari 2027"]);
    let out = sipform(&["render", example("anna").to_str().unwrap(), "--form", "plan", "--printed", "5/1"]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["YYYY-MM-DD"]);
}

#[test]
fn example_prints_a_case_that_checks_clean() {
    let out = sipform_ok(&["example"]);
    assert_eq!(stdout(&out), anna_text());
    let checked = sipform(&["check", example("anna").to_str().unwrap(), "--strict"]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
}

#[test]
fn schema_describes_the_case() {
    let out = sipform_ok(&["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("the schema is JSON");
    let props = &schema["properties"];
    for key in ["format", "person", "consents", "meeting", "participants", "plans", "followups"] {
        assert!(props.get(key).is_some(), "the schema has `{key}`: {schema}");
    }
    // The schema is format 2's; format 1 is read, but not written any more.
    for key in ["consent", "plan", "evaluations"] {
        assert!(props.get(key).is_none(), "the schema has no `{key}`: {schema}");
    }
    assert_eq!(schema["additionalProperties"], serde_json::Value::Bool(false));
}

#[test]
fn long_text_flows_onto_more_pages_and_nothing_is_cut() {
    let dir = tempdir();
    let case = dir.path().join("long.toml");
    let words: Vec<String> = (0..600).map(|i| format!("ord{i}")).collect();
    let long = words.join(" ");
    let text = fs::read_to_string(example("discharge"))
        .unwrap()
        .replacen("if_need_returns = \"", &format!("if_need_returns = \"{long} "), 1)
        .replacen("situation = \"", &format!("situation = \"{long} "), 1);
    fs::write(&case, text).unwrap();
    for form in ["followup", "plan"] {
        let pdf = render(&case, form, dir.path());
        // Page breaks put the running header between words; every word is there, in order.
        let got: Vec<String> = pdf_text(&pdf).split(' ').filter(|w| w.starts_with("ord")).map(str::to_owned).collect();
        assert_eq!(got.iter().filter(|w| **w == "ord0").count(), 1, "{form}: the text once");
        let first = got.iter().position(|w| w == "ord0").unwrap();
        assert_eq!(&got[first..first + words.len()], &words[..], "{form}: every word, in order");
        assert!(pages(&pdf) >= 3, "{form}: the long text takes more pages");
    }
}

#[test]
fn the_starter_file_checks_clean_once_filled_in() {
    let dir = tempdir();
    let case = dir.path().join("ärende.toml");
    sipform_ok(&["new", case.to_str().unwrap()]);
    let out = sipform(&["new", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "never writes over a started case");

    let starter = fs::read_to_string(&case).unwrap();
    assert!(starter.lines().filter(|l| l.starts_with('#')).count() > 20, "commented, in Swedish");
    let out = sipform(&["check", case.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let codes: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["placeholder"; 7], "every unfilled date at once");

    // The dates filled in: now every "FYLL I" text is named, all at once.
    let dates = [
        ("date = \"ÅÅÅÅ-MM-DD\"            # när samtycket", "date = 2026-11-02 #"),
        ("valid_until = \"ÅÅÅÅ-MM-DD\"", "valid_until = 2027-11-01"),
        ("need_identified = \"ÅÅÅÅ-MM-DD\"", "need_identified = 2026-11-01"),
        ("invited = \"ÅÅÅÅ-MM-DD\"", "invited = 2026-11-05"),
        ("start = \"ÅÅÅÅ-MM-DDT13:00\"", "start = 2026-11-20T13:00:00"),
        ("date = \"ÅÅÅÅ-MM-DD\"            # mötesdagen", "date = 2026-11-20 #"),
        ("date = \"ÅÅÅÅ-MM-DD\"            # när planen", "date = 2027-02-20 #"),
    ];
    let mut text = starter.clone();
    for (from, to) in dates {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    fs::write(&case, &text).unwrap();
    let out = sipform(&["check", case.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let found = json["diagnostics"].as_array().unwrap();
    let placeholders: usize = text.lines().filter(|l| !l.starts_with('#')).map(|l| l.matches("\"FYLL I").count()).sum();
    let (answers, found): (Vec<_>, Vec<_>) = found.iter().partition(|d| d["code"] != "placeholder");
    assert_eq!(found.len(), placeholders, "one finding a placeholder: {json:#}");
    assert!(found.iter().all(|d| d["code"] == "placeholder"), "{json:#}");
    // Nobody has answered yet: the starter records no answer to consent, and says so.
    let answers: Vec<&str> = answers.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(answers, ["consent-not-recorded", "meeting-consent-not-recorded"], "{json:#}");
    // The person said yes to both parts.
    for part in ["information_exchange", "meeting_and_plan"] {
        let commented = format!("# {part} = true");
        assert!(text.contains(&commented), "{commented}");
        text = text.replacen(&commented, &format!("{part} = true"), 1);
    }

    // Everything filled in: clean, and every form renders.
    let mut n = 0;
    while let Some(at) = text.find("\"FYLL I") {
        let end = at + 1 + text[at + 1..].find('"').unwrap();
        n += 1;
        let value =
            if text[..at].ends_with("personal_number = ") { "19990101-2386".to_owned() } else { format!("Text {n}") };
        text.replace_range(at + 1..end, &value);
    }
    fs::write(&case, &text).unwrap();
    let out = sipform(&["check", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    sipform_ok(&["render", case.to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(pdfs_in(dir.path()).len(), 4, "invitation, consent, plan and the person's own copy");
}

#[test]
fn every_blank_form_renders_with_its_labels_and_room_to_write() {
    let dir = tempdir();
    sipform_ok(&["blank", "--all", "-o", dir.path().to_str().unwrap()]);
    let expected = [
        (
            "invitation",
            &[
                "Kallelse/inbjudan till SIP-möte",
                "Behovet upptäcktes",
                "Plats",
                "Kallade och inbjudna",
                "K eller I",
                "Din uppgift på mötet",
                "Svara senast",
                "Gäller till och med",
            ][..],
        ),
        (
            "consent",
            &[
                "Samtycke till samordnad individuell plan",
                "Jag själv",
                "Vårdnadshavarna",
                "Skriftligt",
                "Muntligt",
                "Uppgifter som får lämnas",
                // Each part's own sentence, with its own Ja and Nej: a
                // signature attests to what is ticked.
                "Jag samtycker till att verksamheterna nedan delar information Ja Nej",
                "Jag samtycker till att ett SIP-möte hålls och att en samordnad individuell plan skrivs Ja Nej",
                "Med min underskrift intygar jag att svaren ovan är mina.",
                "Underskrift",
            ][..],
        ),
        (
            "plan",
            &[
                "Samordnad individuell plan (SIP)",
                "Mina delmål",
                "Vem gör vad",
                "Hur ofta",
                "Var",
                "Den här personen håller ihop min plan",
                "Nästa uppföljning",
                // What the paper plan lacked (FORMS-REVIEW.md 3, V14–V16).
                "Mina närstående",
                "För verksamheterna",
                "De som var med när planen skrevs",
                "Närvarande",
            ][..],
        ),
        (
            "followup",
            &[
                "Uppföljning av samordnad individuell plan",
                "Uppnått? Ja, delvis eller nej",
                "Fortsätta som planerat",
                "Avsluta planen",
                "Nästa uppföljning",
            ][..],
        ),
    ];
    for (form, labels) in expected {
        let pdf = dir.path().join(format!("blank-{form}.pdf"));
        let text = pdf_text(&pdf);
        assert_has(&text, labels);
        assert_has(&text, &["Namn:", "Personnummer:", "Datum", "Sida 1 av"]);
    }
    // The envelope form, blank, with Skatteverket's published address.
    assert_has(&pdf_text(&dir.path().join("blank-envelope.pdf")), &["Det inre kuvertet", "Box 2820"]);
    assert_eq!(pdfs_in(dir.path()).len(), 5);
}

#[test]
fn blank_forms_are_protected_without_place_fields_and_the_same_every_time() {
    let (a, b) = (tempdir(), tempdir());
    for dir in [&a, &b] {
        sipform_ok(&["blank", "--all", "--protected", "-o", dir.path().to_str().unwrap()]);
    }
    for form in ["invitation", "consent", "plan", "followup"] {
        let name = format!("blank-{form}-protected.pdf");
        assert!(fs::read(a.path().join(&name)).unwrap() == fs::read(b.path().join(&name)).unwrap(), "{name}");
        let text = pdf_text(&a.path().join(&name));
        assert_lacks(
            &text,
            &["Adress", "Plats", "Länk", "Sammankallandes telefon", "Samordningsansvarigs telefon", "Var "],
        );
    }
    assert_has(&pdf_text(&a.path().join("blank-invitation-protected.pdf")), &["De bestäms per telefon"]);
}

#[test]
fn the_blank_plan_has_the_action_rows_asked_for() {
    let dir = tempdir();
    let (few, many) = (dir.path().join("few.pdf"), dir.path().join("many.pdf"));
    sipform_ok(&["blank", "plan", "--rows", "2", "-o", few.to_str().unwrap()]);
    sipform_ok(&["blank", "sip", "--rows", "40", "-o", many.to_str().unwrap()]);
    assert!(pages(&many) > pages(&few), "40 rows take more pages than 2");
    let out = sipform(&["blank", "plan", "--rows", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn with_blanks_prints_what_is_known_and_leaves_the_rest_to_write() {
    let dir = tempdir();
    let anna = anna_text();
    // Only the invitation's part is known: no plan, follow-up or evaluations.
    let partial = dir.path().join("partial.toml");
    fs::write(&partial, &anna[..anna.find("[[plans]]").unwrap()]).unwrap();
    let out = sipform(&["render", partial.to_str().unwrap(), "-o", dir.path().join("plain").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(pdfs_in(&dir.path().join("plain")).len(), 2, "invitation and consent only");

    let out_dir = dir.path().join("blanks");
    sipform_ok(&["render", partial.to_str().unwrap(), "--with-blanks", "-o", out_dir.to_str().unwrap()]);
    assert_eq!(pdfs_in(&out_dir).len(), 4, "every form, the missing ones blank");
    let plan = pdf_text(&out_dir.join("partial-plan.pdf"));
    assert_has(
        &plan,
        &[
            "Namn: Anna Andersson",
            "Personnummer: 19990101-2386",
            "Vem gör vad",
            "Den här personen håller ihop min plan",
        ],
    );
    assert_lacks(&plan, &["KBT-behandling"]);
    assert_has(&pdf_text(&out_dir.join("partial-invitation.pdf")), &["Anna behöver samordnade insatser"]);

    // A plan without actions: an error, unless they are to be written in by hand.
    // The held follow-up assesses the actions; only the planned one is kept.
    let start = anna.find("[[plans.goals]]").unwrap();
    let planned = anna.rfind("[[followups]]").unwrap();
    let bare = dir.path().join("bare.toml");
    fs::write(&bare, format!("{}goals = []\nactions = []\n\n{}", &anna[..start], &anna[planned..])).unwrap();
    let pdf = dir.path().join("bare-plan.pdf");
    let out = sipform(&["render", bare.to_str().unwrap(), "--form", "plan", "-o", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["error[no-actions]"]);
    let out =
        sipform(&["render", bare.to_str().unwrap(), "--form", "plan", "--with-blanks", "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_has(&stderr(&out), &["warning[no-actions]", "room to write by hand"]);
    assert_has(&pdf_text(&pdf), &["Anna Andersson", "Jag har kontakt med psykiatriska öppenvården", "Vad görs"]);
}

/// `--emit-typst` writes each form's Typst project: the templates as they
/// are built in, and the form's data, the model the PDF was laid out from.
#[test]
fn emit_typst_writes_what_each_form_compiles_from() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let emit = dir.path().join("typst");
    sipform_ok(&[
        "render",
        example("anna").to_str().unwrap(),
        "--all",
        "-o",
        out.to_str().unwrap(),
        "--emit-typst",
        emit.to_str().unwrap(),
    ]);
    for form in ["invitation", "consent", "plan", "my-plan"] {
        let project = emit.join(format!("anna-{form}"));
        for template in ["form.typ", "sipform.typ"] {
            assert_eq!(
                std::fs::read(project.join("templates").join(template)).unwrap(),
                std::fs::read(root().join("templates").join(template)).unwrap(),
                "{form}: {template}"
            );
        }
        let data: serde_json::Value =
            serde_json::from_slice(&std::fs::read(project.join("data.json")).unwrap()).unwrap();
        assert_eq!(data["form"], form);
        assert_eq!(data["person"], "Anna Andersson");
        // The PDF says the same as the data.
        let text = pdf_text(&out.join(format!("anna-{form}.pdf")));
        assert!(normalise(&text).contains(&normalise(data["title"].as_str().unwrap())), "{form}");
    }
}

#[test]
fn one_form_into_a_new_folder_with_a_trailing_slash() {
    let dir = tempfile::tempdir().unwrap();
    let folder = format!("{}/new/", dir.path().display());
    sipform_ok(&["render", example("anna").to_str().unwrap(), "--form", "plan", "-o", &folder]);
    assert!(dir.path().join("new/anna-plan.pdf").is_file(), "the plan is written in the new folder");
    // Without the slash, -o names the file for one form, as before.
    let file = dir.path().join("plan.pdf");
    sipform_ok(&["render", example("anna").to_str().unwrap(), "--form", "plan", "-o", file.to_str().unwrap()]);
    assert!(file.is_file());
}
