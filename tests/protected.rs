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
    for (base, extra) in [("anna", ""), ("child", REPRESENTATIVE), ("discharge", ""), ("anna", REPRESENTATIVE)] {
        let case = marked(dir.path(), base, extra, n);
        n += 1;
        assert!(case.markers.len() >= 15, "{base}: only {} location fields", case.markers.len());

        let normal = dir.path().join(format!("normal-{n}"));
        let pdfs = render_all(&case.file, &normal, &[]);
        let shown: String = pdfs.iter().map(|p| pdf_text(p)).collect::<Vec<_>>().join(" ");
        for (field, marker) in &case.markers {
            assert!(
                shown.contains(marker.as_str()),
                "{base}: the normal forms never print {field}, so its removal is untested"
            );
        }

        let protected = dir.path().join(format!("protected-{n}"));
        let pdfs = render_all(&case.file, &protected, &["--protected", "--convener-copy"]);
        assert!(
            pdfs.iter().any(|p| p.to_str().unwrap().ends_with("-envelope.pdf")),
            "the protected variant has the envelope"
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
        "plan.coordinator.phone",
        "plan.actions[0].where",
        "plan.actions[10].where",
        "followup.place",
        "evaluations[0].next.place",
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
        assert!(pdfs.len() == 5, "four forms and the envelope: {pdfs:?}");
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
    assert_has(&stderr(&out), &["location-in-text", "plan.situation", &format!("leak.toml:{line}:")]);
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
