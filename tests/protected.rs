//! The protected variant, tested as an adversary would: every location field
//! of many cases gets a distinct marker; the protected PDFs must hold none of
//! them anywhere (text, metadata, any object, UTF-8 or UTF-16BE, plain or hex),
//! while the same cases rendered normally show every one, so the test can fail.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn render_all(case: &Path, out: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let mut args = vec!["render", case.to_str().unwrap(), "--all", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    sipform_ok(&args);
    pdfs_in(out)
}

/// Every form of a case: `--all`, and each earlier plan version and consent,
/// and the invitation to each of its follow-ups, held ones too, which is
/// where a follow-up's own place and link are printed.
fn render_every_form(case: &Path, out: &Path, extra: &[&str]) -> Vec<PathBuf> {
    render_all(case, out, extra);
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(case).unwrap()).unwrap();
    for (form, list, pick) in [
        ("followup-invitation", "followups", "--followup"),
        ("plan", "plans", "--version"),
        ("consent", "consents", "--version"),
    ] {
        for n in 1..=json[list].as_array().map_or(0, Vec::len) {
            let pdf = out.join(format!("{form}-{n}.pdf"));
            let n = n.to_string();
            let mut args =
                vec!["render", case.to_str().unwrap(), "--form", form, pick, &n, "-o", pdf.to_str().unwrap()];
            args.extend_from_slice(extra);
            sipform_ok(&args);
        }
    }
    pdfs_in(out)
}

/// Everything in a PDF a reader could get at: the extracted text, and every
/// object of the file, decompressed.
fn everything(pdf: &Path) -> (String, Vec<u8>) {
    let qdf = pdf.with_extension("qdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable", "--decode-level=all"])
        .arg(pdf)
        .arg(&qdf)
        .status()
        .expect("qpdf is installed (scripts/test installs it)");
    assert!(status.success() || status.code() == Some(3), "qpdf failed on {}", pdf.display());
    (pdf_text(pdf), fs::read(&qdf).unwrap())
}

fn encodings(marker: &str) -> Vec<Vec<u8>> {
    let utf16: Vec<u8> = marker.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02X}")).collect::<String>().into_bytes();
    vec![marker.as_bytes().to_vec(), utf16.clone(), hex(marker.as_bytes()), hex(&utf16)]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let lower = |b: &[u8]| b.to_ascii_uppercase();
    let (h, n) = (lower(haystack), lower(needle));
    h.windows(n.len()).any(|w| w == n)
}

#[track_caller]
fn assert_no_marker(pdfs: &[PathBuf], markers: &[(String, String)]) {
    for pdf in pdfs {
        let (text, bytes) = everything(pdf);
        for (field, marker) in markers {
            assert!(!text.contains(marker.as_str()), "{field} leaks into the text of {}", pdf.display());
            for enc in encodings(marker) {
                assert!(!contains(&bytes, &enc), "{field} leaks into the objects of {}", pdf.display());
            }
        }
    }
}

#[test]
fn no_location_marker_survives_the_protected_variant() {
    let dir = tempdir();
    let mut n = 0;
    for (base, extra) in
        [("anna", ""), ("child", REPRESENTATIVE), ("discharge", ""), ("anna", REPRESENTATIVE), ("two-years", "")]
    {
        let case = marked(dir.path(), base, extra, n);
        n += 1;
        assert!(case.markers.len() >= 15, "{base}: only {} location fields", case.markers.len());

        let normal = dir.path().join(format!("normal-{n}"));
        let pdfs = render_every_form(&case.file, &normal, &[]);
        let shown: String = pdfs.iter().map(|p| pdf_text(p)).collect::<Vec<_>>().join(" ");
        for (field, marker) in &case.markers {
            assert!(
                shown.contains(marker.as_str()),
                "{base}: the normal forms never print {field}, so its removal is untested"
            );
        }

        let protected = dir.path().join(format!("protected-{n}"));
        let pdfs = render_every_form(&case.file, &protected, &["--protected", "--convener-copy"]);
        // A child's envelope needs the protecting guardian marked; Elias has two.
        assert_eq!(
            pdfs.iter().any(|p| p.to_str().unwrap().ends_with("-envelope.pdf")),
            base != "child",
            "the protected variant has the envelope when it is clear whom it goes to"
        );
        assert_no_marker(&pdfs, &case.markers);
    }
}

/// The declaration of location data, checked against the case format's
/// `# location` fields and contact details, written out independently here.
#[test]
fn every_location_field_is_declared() {
    let dir = tempdir();
    let case = marked(dir.path(), "child", REPRESENTATIVE, 9);
    let declared: Vec<&str> = case.markers.iter().map(|(f, _)| f.as_str()).collect();
    for field in [
        "person.address",
        "person.phone",
        "person.email",
        "guardians[0].address",
        "guardians[1].phone",
        "guardians[1].email",
        "representative.phone",
        "relatives[0].address",
        "relatives[0].phone",
        "relatives[0].email",
        "units[0].address",
        "units[0].phone",
        "units[0].contact.phone",
        "units[0].contact.email",
        "meeting.place",
        "meeting.link",
        "meeting.convener.phone",
        "meeting.convener.email",
        "plans[0].coordinator.phone",
        "plans[0].actions[0].where",
        "plans[0].actions[10].where",
        "followups[0].place",
        "followups[0].link",
        "followups[1].place",
    ] {
        assert!(declared.contains(&field), "{field} is not declared as location data: {declared:?}");
    }
}

#[test]
fn a_protected_case_is_always_rendered_protected() {
    let dir = tempdir();
    for flag in ["protected", "violence"] {
        let mut case = marked(dir.path(), "anna", "", 7);
        let text = fs::read_to_string(&case.file).unwrap().replacen(
            &format!("\"{flag}\": false"),
            &format!("\"{flag}\": true"),
            1,
        );
        fs::write(&case.file, text).unwrap();
        let out = dir.path().join(flag);
        let pdfs = render_all(&case.file, &out, &[]);
        // Skatteverket forwards post for skyddade personuppgifter only.
        let forms = if flag == "protected" { 6 } else { 5 };
        assert!(pdfs.len() == forms, "five forms, and the envelope if post is forwarded: {pdfs:?}");
        case.markers.retain(|(field, _)| !field.is_empty());
        assert_no_marker(&pdfs, &case.markers);
        let invitation = pdf_text(&out.join("marked-7-invitation.pdf"));
        assert_has(&invitation, &["Dag, tid och plats bestäms per telefon. Eva Ek ringer dig"]);
        assert_lacks(&invitation, &["fredag 20 november 2026", "13.00–14.30"]);
    }
}

#[test]
fn the_convener_copy_of_a_violence_case_has_the_safety_reminders() {
    let dir = tempdir();
    let case = dir.path().join("violence.toml");
    fs::write(&case, fs::read_to_string(example("anna")).unwrap().replacen("violence = false", "violence = true", 1))
        .unwrap();
    let copy = dir.path().join("copy.pdf");
    sipform_ok(&[
        "render",
        case.to_str().unwrap(),
        "--form",
        "kallelse",
        "--convener-copy",
        "-o",
        copy.to_str().unwrap(),
    ]);
    assert_has(
        &pdf_text(&copy),
        &[
            "Till dig som kallar: säkerhet",
            "Kalla så få som möjligt",
            "Kontakta Anna bara på det sätt ni har kommit överens om: telefon",
        ],
    );
    let plain = dir.path().join("plain.pdf");
    sipform_ok(&["render", case.to_str().unwrap(), "--form", "kallelse", "-o", plain.to_str().unwrap()]);
    assert_lacks(&pdf_text(&plain), &["Till dig som kallar"]);
}

#[test]
fn location_data_in_free_text_stops_the_render() {
    let dir = tempdir();
    let case = dir.path().join("leak.toml");
    let text = fs::read_to_string(example("anna"))
        .unwrap()
        .replacen("protected = false", "protected = true", 1)
        .replacen("Jag studerar och vill", "Jag bor på Storgatan 1 och vill", 1);
    fs::write(&case, &text).unwrap();
    let out = sipform(&["render", case.to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let line = text.lines().position(|l| l.contains("Jag bor på Storgatan")).unwrap() + 1;
    assert_has(&stderr(&out), &["location-in-text", "plans[0].situation", &format!("leak.toml:{line}:")]);
    // The diagnostic says where, not what: it must not repeat the address.
    assert_lacks(&stderr(&out), &["Storgatan"]);
    assert_eq!(pdfs_in(dir.path()).len(), 0, "nothing is printed");

    // `check` finds it too, for a case that is always printed protected.
    let out = sipform(&["check", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["location-in-text", &format!("leak.toml:{line}:")]);
}

#[test]
fn a_unit_without_a_generic_name_cannot_be_printed_protected() {
    let dir = tempdir();
    let case = dir.path().join("nogeneric.toml");
    let text = fs::read_to_string(example("anna")).unwrap().replacen("generic_name = \"Socialpsykiatrin\"\n", "", 1);
    fs::write(&case, text).unwrap();
    let out = sipform(&[
        "render",
        case.to_str().unwrap(),
        "--form",
        "plan",
        "--protected",
        "-o",
        dir.path().join("p.pdf").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["no-generic-name", "socialpsyk"]);

    // `check` finds it when asked about the protected variant, and only then.
    let out = sipform(&["check", case.to_str().unwrap(), "--protected"]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["no-generic-name", "socialpsyk"]);
    let out = sipform(&["check", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The lines of a PDF's text, each trimmed, as pdftotext lays them out.
fn text_lines(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext").args(["-enc", "UTF-8", "-raw"]).arg(pdf).arg("-").output().unwrap();
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.trim().to_owned()).collect()
}

/// What a form asks for when it has a line labelled for a place, a time of
/// the meeting, a phone number or an address: the labels, as whole lines,
/// and phrases inside longer ones.
const PLACE_LABELS: &[&str] = &["Adress", "Telefon", "E-post", "Plats", "Dag", "Tid", "Var"];
const PLACE_PHRASES: &[&str] = &[
    "Ort och datum",
    "Länk till",
    "Sammankallandes telefon",
    "Telefon, e-post och adress",
    // The blank actions table's header row, with its "Var" column.
    "Hur ofta Var När",
];

/// Which of those a set of PDFs shows, with the file it is in.
fn asks_for_places(pdfs: &[PathBuf]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for pdf in pdfs {
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        for line in text_lines(pdf) {
            // An action card's "Var" (where) row: "Var Hemma".
            let label = PLACE_LABELS.iter().find(|l| line == **l || (**l == "Var" && line.starts_with("Var ")));
            let phrase = PLACE_PHRASES.iter().find(|p| line.contains(**p));
            if let Some(what) = label.or(phrase) {
                found.push((what.to_string(), name.clone()));
            }
        }
    }
    found
}

/// Protected paper asks for no place: no line to write an address, a phone,
/// the meeting's day, time or place on, no empty "Var" column, and "Datum"
/// where a signature asks for "Ort och datum". The same forms printed
/// normally do ask for every one of them, so the test can fail.
#[test]
fn protected_paper_has_no_line_to_write_a_place_on() {
    let dir = tempdir();
    let mut normal = Vec::new();
    let mut protected = Vec::new();
    for base in ["anna", "child", "discharge"] {
        let case = example(base);
        let out = dir.path().join(base);
        normal.extend(render_all(&case, &out.join("normal"), &["--with-blanks"]));
        protected.extend(render_all(&case, &out.join("protected"), &["--with-blanks", "--protected"]));
    }
    let blank = dir.path().join("blank");
    sipform_ok(&["blank", "--all", "-o", blank.join("normal").to_str().unwrap()]);
    sipform_ok(&["blank", "--all", "--protected", "-o", blank.join("protected").to_str().unwrap()]);
    normal.extend(pdfs_in(&blank.join("normal")));
    protected.extend(pdfs_in(&blank.join("protected")));

    let shown = asks_for_places(&normal);
    for what in PLACE_LABELS.iter().chain(PLACE_PHRASES) {
        assert!(
            shown.iter().any(|(w, _)| w == what),
            "the normal forms never show {what:?}, so the test is blind to it"
        );
    }
    let leaks = asks_for_places(&protected);
    assert!(leaks.is_empty(), "protected forms ask for a place: {leaks:?}");
    let signed: String = protected.iter().map(|p| pdf_text(p)).collect();
    assert_has(&signed, &["Datum Underskrift och namnförtydligande"]);
}

/// The protected invitation's day and time are not in its data, so a form
/// file of the user's (`--templates`) that prints them anyway prints nothing.
#[test]
fn a_template_override_cannot_print_the_protected_meetings_time() {
    let dir = tempdir();
    let forms = dir.path().join("templates/forms");
    fs::create_dir_all(&forms).unwrap();
    let own = fs::read_to_string(root().join("forms/invitation.toml")).unwrap().replace(
        "rows = [\n  { label = \"invitation.when.date\"",
        "rows = [\n  { label = \"invitation.when.length\", value = \"(meeting.date ~ ' kl ' ~ meeting.start) if meeting.start is defined\" },\n  { label = \"invitation.when.date\"",
    );
    assert!(own.contains("meeting.start"), "the override is written");
    fs::write(forms.join("invitation.toml"), own).unwrap();
    let templates = dir.path().join("templates");
    let case = example("anna");
    let render = |extra: &[&str]| {
        let pdf = dir.path().join(format!("inv{}.pdf", extra.len()));
        let mut args = vec!["render", case.to_str().unwrap(), "--form", "invitation"];
        args.extend(["--templates", templates.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        args.extend_from_slice(extra);
        sipform_ok(&args);
        pdf_text(&pdf)
    };
    assert_has(&render(&[]), &["fredag 20 november 2026 kl 13.00"]);
    let protected = render(&["--protected"]);
    assert_lacks(&protected, &["20 november", "13.00", "fredag"]);
}

/// A child's case with the flags given and the first guardian marked (or not)
/// as the one protecting the child.
fn child_case(dir: &Path, name: &str, protected: bool, violence: bool, mark: bool) -> PathBuf {
    let mut text = fs::read_to_string(example("child"))
        .unwrap()
        .replacen("protected = false", &format!("protected = {protected}"), 1)
        .replacen("violence = false", &format!("violence = {violence}"), 1);
    if mark {
        text = text.replacen("custody = true", "custody = true\nprotecting = true", 1);
    }
    let path = dir.join(format!("{name}.toml"));
    fs::write(&path, text).unwrap();
    path
}

/// Post through Skatteverket is for skyddade personuppgifter; a child's post
/// goes to the guardian who protects them, never to a guess between two.
#[test]
fn the_envelope_goes_where_skatteverket_forwards_it() {
    let dir = tempdir();
    let d = dir.path();

    // Violence alone: no envelope, and asking for one says why.
    let violence = child_case(d, "violence", false, true, true);
    let pdfs = render_all(&violence, &d.join("violence"), &[]);
    assert!(!pdfs.iter().any(|p| p.to_string_lossy().ends_with("-envelope.pdf")), "{pdfs:?}");
    let out = sipform(&["render", violence.to_str().unwrap(), "--form", "envelope", "-o", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["envelope-not-forwarded", "person.violence"]);

    // Two guardians and none marked: check and render refuse, at `guardians`.
    let unmarked = child_case(d, "unmarked", true, false, false);
    let out = sipform(&["check", unmarked.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["envelope-recipient", "protecting = true"]);
    let out = sipform(&["render", unmarked.to_str().unwrap(), "-o", d.join("unmarked").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(pdfs_in(&d.join("unmarked")).is_empty(), "nothing is written");

    // Marked: the inner envelope carries the protecting guardian, not the child.
    let marked = child_case(d, "marked", true, false, true);
    let out = d.join("marked");
    render_all(&marked, &out, &["--convener-copy"]);
    let envelope = pdf_text(&out.join("marked-envelope.pdf"));
    assert_has(&envelope, &["till vårdnadshavaren Sofia Nyström", "Sofia Nyström 19810322-4526"]);
    assert_lacks(&envelope, &["Daniel Berg", "19791107-3935"]);
    let invitation = pdf_text(&out.join("marked-invitation.pdf"));
    assert_has(
        &invitation,
        &["Elias har skyddade personuppgifter.", "Post om Elias går till Sofia Nyström via Skatteverket"],
    );
}

/// The convener's copy for a child living with violence carries the
/// routine's extra points (seed 001); an adult's does not.
#[test]
fn the_convener_copy_for_a_child_and_violence_has_the_routines_points() {
    let dir = tempdir();
    let d = dir.path();
    let child = child_case(d, "child", false, true, false);
    let copy = d.join("copy.pdf");
    sipform_ok(&[
        "render",
        child.to_str().unwrap(),
        "--form",
        "kallelse",
        "--convener-copy",
        "-o",
        copy.to_str().unwrap(),
    ]);
    let points = [
        "Bedöm noga om en SIP ska hållas alls",
        "En orosanmälan till socialtjänsten ska göras.",
        "Låt helst inte Elias vara med på mötet",
        "måste båda samtycka",
    ];
    let text = pdf_text(&copy);
    assert_has(&text, &points);
    assert_lacks(&text, &["Skatteverket"]);
    let adult = d.join("adult.toml");
    fs::write(&adult, fs::read_to_string(example("anna")).unwrap().replacen("violence = false", "violence = true", 1))
        .unwrap();
    let copy = d.join("adult.pdf");
    sipform_ok(&[
        "render",
        adult.to_str().unwrap(),
        "--form",
        "kallelse",
        "--convener-copy",
        "-o",
        copy.to_str().unwrap(),
    ]);
    assert_lacks(&pdf_text(&copy), &points);
}

/// Staff at local units are printed by their role, in every form; the
/// convener and the coordinator keep their names, so the person can reach
/// them. The same forms printed normally name them all, so the test can fail.
#[test]
fn staff_at_local_units_are_printed_by_role() {
    let dir = tempdir();
    for base in ["child", "discharge", "anna"] {
        let text = fs::read_to_string(example(base)).unwrap();
        let case = sipform::case::from_bytes("c.toml", None, text.into_bytes()).unwrap().case;
        let kept = [case.meeting.as_ref().unwrap().convener.name.clone(), case.plans[0].coordinator.name.clone()];
        let local: Vec<&str> = case.units.iter().filter(|u| u.local).map(|u| u.id.as_str()).collect();
        let staff: Vec<&str> = case
            .participants
            .iter()
            .filter(|p| p.unit.as_deref().is_some_and(|u| local.contains(&u)) && !kept.contains(&p.name))
            .map(|p| p.name.as_str())
            .collect();
        assert!(!staff.is_empty(), "{base} has staff at local units");
        let normal: String =
            render_all(&example(base), &dir.path().join(base), &[]).iter().map(|p| pdf_text(p)).collect();
        assert_has(&normal, &staff);
        let out = dir.path().join(format!("{base}-protected"));
        let protected: String =
            render_all(&example(base), &out, &["--protected"]).iter().map(|p| pdf_text(p)).collect();
        for name in &staff {
            for part in name.split_whitespace() {
                assert!(!protected.contains(part), "{base}: {part} (of {name}) is printed");
            }
        }
        assert_has(&protected, &[kept[0].as_str(), kept[1].as_str()]);
    }
}

/// A text that names such staff is refused, and so is a contact person
/// with no role to print instead.
#[test]
fn a_text_naming_local_staff_or_a_contact_without_a_role_is_refused() {
    let dir = tempdir();
    let text = fs::read_to_string(example("child")).unwrap();
    let named = dir.path().join("named.toml");
    fs::write(&named, text.replacen("Mentorn han har nu berättar", "Ahmed berättar", 1)).unwrap();
    let out = sipform(&["check", named.to_str().unwrap(), "--protected"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_has(&stderr(&out), &["staff-name", "followups[0].new_information"]);
    // The same text in an ordinary case is fine.
    sipform_ok(&["check", named.to_str().unwrap()]);

    let untitled = dir.path().join("untitled.toml");
    let text = fs::read_to_string(example("discharge")).unwrap()
        + "\n[[units]]\nid = \"fritids\"\nname = \"Fritidsgården\"\ngeneric_name = \"Fritidsgården\"\nprincipal = \"kommun\"\ncontact = { name = \"Per Olsson\" }\n";
    fs::write(&untitled, text).unwrap();
    let out = sipform(&["check", untitled.to_str().unwrap(), "--protected"]);
    assert_has(&stderr(&out), &["staff-without-role", "local = false"]);
}

/// A protected person can still reach the coordinator through a number the
/// case marks as safe to print (a switchboard), never by default; the
/// ordinary forms keep the direct number and do not show it.
#[test]
fn a_number_marked_safe_to_print_reaches_the_coordinator() {
    let dir = tempdir();
    let text = fs::read_to_string(example("anna")).unwrap();
    let safe = dir.path().join("safe.toml");
    let with = text
        .replacen(
            "coordinator = { name = \"Eva Ek\", unit = \"vuxenpsyk\" }",
            "coordinator = { name = \"Eva Ek\", unit = \"vuxenpsyk\", safe_phone = \"010-831 50 00\" }",
            1,
        )
        .replacen(
            "convener = { unit = \"vuxenpsyk\", name = \"Eva Ek\" }",
            "convener = { unit = \"vuxenpsyk\", name = \"Eva Ek\", safe_phone = \"010-831 50 00\" }",
            1,
        );
    assert_eq!(with.matches("safe_phone").count(), 2);
    fs::write(&safe, with).unwrap();
    let render = |case: &Path, form: &str, extra: &[&str]| {
        let pdf = dir.path().join(format!("{form}-{}.pdf", extra.len()));
        let mut args = vec!["render", case.to_str().unwrap(), "--form", form, "-o", pdf.to_str().unwrap()];
        args.extend_from_slice(extra);
        sipform_ok(&args);
        pdf_text(&pdf)
    };
    for form in ["plan", "invitation"] {
        assert_has(&render(&safe, form, &["--protected"]), &["Telefon, via växeln", "010-831 50 00"]);
        let normal = render(&safe, form, &[]);
        assert_lacks(&normal, &["010-831 50 00", "via växeln"]);
        assert_has(&normal, &["054-61 00 10"]);
        // Without the mark, no phone at all.
        let plain = render(&example("anna"), form, &["--protected"]);
        assert_lacks(&plain, &["via växeln", "054-61", "010-"]);
    }
}

/// The laid-out text is scanned block by block: the last word of a list
/// ("… mitt boende") and the heading under it ("Information som inte får
/// delas") are no phrase, so ordinary Swedish is not refused as a place.
#[test]
fn a_list_item_and_the_heading_under_it_are_not_read_as_one_phrase() {
    let dir = tempdir();
    let case = dir.path().join("boende.toml");
    let text =
        fs::read_to_string(example("anna")).unwrap().replacen("protected = false", "protected = true", 1).replacen(
            "\"Mina studier och vad jag behöver för att klara dem\",",
            "\"Mina studier och vad jag behöver för att klara dem\",\n  \"Min ekonomi och mitt boende\",",
            1,
        );
    assert!(text.contains("mitt boende"), "the case is edited");
    fs::write(&case, text).unwrap();
    let out = dir.path().join("out");
    let pdfs = render_all(&case, &out, &[]);
    let consent = pdfs.iter().find(|p| p.to_str().unwrap().ends_with("-consent.pdf")).unwrap();
    assert_has(&pdf_text(consent), &["Min ekonomi och mitt boende Information som inte får delas"]);
}
