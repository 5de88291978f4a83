//! The organisation's profile: its name, logo and contact details on every
//! form, its defaults for the rules, and never an address in the protected variant.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

const PROFILE: &str = r#"
name = "Vårdcentralen Hagfors"
generic_name = "Regionen"
logo = "logo.png"
address = ["Box 1024", "683 21 Hagfors"]
phone = "0563-187 00"

[defaults]
consent_months = 6
meeting_within_days = 14
forwarding_address = ["Skatteverket", "Box 9999", "999 99 Provort"]
"#;

/// A 2×2 PNG: the smallest real logo.
const LOGO: [u8; 73] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0xD4, 0x9A, 0x73, 0x00, 0x00, 0x00, 0x10, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x10, 0x71, 0xEB, 0x01, 0x22, 0x06, 0x08, 0x05, 0x00, 0x17, 0x56, 0x03, 0x99,
    0x1F, 0x9C, 0xD8, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn profile(dir: &Path) -> std::path::PathBuf {
    fs::write(dir.join("logo.png"), LOGO).unwrap();
    let path = dir.join("org.toml");
    fs::write(&path, PROFILE).unwrap();
    path
}

/// Anna's case with a consent that runs 12 months shortened to 6, so that
/// only the profile's consent limit decides.
fn anna_six_months(dir: &Path) -> std::path::PathBuf {
    let text = fs::read_to_string(example("anna")).unwrap().replacen(
        "valid_until = 2027-11-01",
        "valid_until = 2027-05-01",
        1,
    );
    let case = dir.join("anna.toml");
    fs::write(&case, text).unwrap();
    case
}

#[test]
fn the_profile_names_the_sender_on_every_page() {
    let dir = tempdir();
    let org = profile(dir.path());
    let case = anna_six_months(dir.path());
    let pdf = dir.path().join("plan.pdf");
    sipform_ok(&[
        "render",
        case.to_str().unwrap(),
        "--form",
        "plan",
        "--org",
        org.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let text = pdf_text(&pdf);
    let n = pages(&pdf);
    assert_eq!(text.matches("Vårdcentralen Hagfors").count(), n, "in every header: {text}");
    assert_eq!(text.matches("Box 1024 · 683 21 Hagfors · 0563-187 00").count(), n, "in every footer");

    // The logo is an image in the PDF.
    assert_eq!(images(&pdf), n, "the logo on every page");
}

/// How many images a PDF draws, as `pdfimages` lists them.
fn images(pdf: &Path) -> usize {
    let out = Command::new("pdfimages").arg("-list").arg(pdf).output().expect("pdfimages is installed");
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    listed.lines().skip(2).filter(|l| l.contains(" image ")).count()
}

#[test]
fn protected_forms_draw_no_logo_unless_the_profile_gives_a_protected_one() {
    let dir = tempdir();
    let org = profile(dir.path());
    let case = anna_six_months(dir.path());
    let render = |org: &Path, out: &str| {
        let out_dir = dir.path().join(out);
        sipform_ok(&[
            "render",
            case.to_str().unwrap(),
            "--protected",
            "--org",
            org.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
        ]);
        sipform_ok(&["blank", "--all", "--protected", "--org", org.to_str().unwrap(), "-o", out_dir.to_str().unwrap()]);
        pdfs_in(&out_dir)
    };
    // A region's or unit's logo can say where a person is seen.
    let pdfs = render(&org, "plain");
    assert!(pdfs.len() >= 8, "{pdfs:?}");
    for pdf in &pdfs {
        assert_eq!(images(pdf), 0, "no logo on {}", pdf.display());
    }
    // A logo chosen for protected forms is drawn on each of their pages.
    let with = dir.path().join("with.toml");
    fs::write(&with, PROFILE.replace("logo = \"logo.png\"", "logo = \"logo.png\"\nprotected_logo = \"logo.png\""))
        .unwrap();
    for pdf in render(&with, "with") {
        assert_eq!(images(&pdf), pages(&pdf), "the protected logo on every page of {}", pdf.display());
    }
}

#[test]
fn the_protected_variant_prints_no_address_or_phone_of_the_organisation() {
    let dir = tempdir();
    let org = profile(dir.path());
    let case = anna_six_months(dir.path());
    let out_dir = dir.path().join("out");
    sipform_ok(&[
        "render",
        case.to_str().unwrap(),
        "--protected",
        "--org",
        org.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    for pdf in pdfs_in(&out_dir) {
        let text = pdf_text(&pdf);
        assert_lacks(&text, &["Hagfors", "Box 1024", "683 21", "0563"]);
        assert_has(&text, &["Regionen"]);
    }
    // The envelope goes out through the profile's forwarding address.
    assert_has(&pdf_text(&out_dir.join("anna-envelope.pdf")), &["Box 9999", "999 99 Provort"]);
}

#[test]
fn the_profile_sets_the_rules_unless_the_command_line_does() {
    let dir = tempdir();
    let org = profile(dir.path());
    let case = anna_six_months(dir.path());
    let (case, org) = (case.to_str().unwrap(), org.to_str().unwrap());
    // Anna's meeting is 18 days after the need was found: late by the profile's 14.
    let out = sipform(&["check", case, "--org", org]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_has(&stderr(&out), &["warning[late-meeting]", "within 14"]);
    let out = sipform(&["check", case, "--org", org, "--meeting-within-days", "30"]);
    assert!(!stderr(&out).contains("late-meeting"), "{}", stderr(&out));
    // A 6-month consent is the profile's longest; the full year is too long.
    let year = fs::read_to_string(example("anna")).unwrap();
    let long = dir.path().join("long.toml");
    fs::write(&long, year).unwrap();
    let out = sipform(&["check", long.to_str().unwrap(), "--org", org]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["consent-too-long", "more than 6 months"]);
}

#[test]
fn sipform_toml_in_the_current_folder_is_the_profile() {
    let dir = tempdir();
    profile(dir.path());
    fs::rename(dir.path().join("org.toml"), dir.path().join("sipform.toml")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sipform"))
        .current_dir(dir.path())
        .args(["blank", "consent", "-o", "blank.pdf"])
        .env_remove("SIPFORM_ORG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_has(&pdf_text(&dir.path().join("blank.pdf")), &["Vårdcentralen Hagfors", "0563-187 00"]);
}

#[test]
fn a_bad_profile_is_a_located_error() {
    let dir = tempdir();
    let org = dir.path().join("org.toml");
    fs::write(&org, "name = \"X\"\nadress = [\"Box 1\"]\n").unwrap();
    let out = sipform(&["check", example("anna").to_str().unwrap(), "--org", org.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["org.toml:2:1", "adress"]);

    // A PNG that is cut short is refused when the profile is read, not mid-render.
    fs::write(dir.path().join("broken.png"), &LOGO[..40]).unwrap();
    fs::write(&org, "name = \"X\"\nlogo = \"broken.png\"\n").unwrap();
    let out =
        sipform(&["blank", "plan", "--org", org.to_str().unwrap(), "-o", dir.path().join("p.pdf").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["broken.png", "cannot be read"]);

    fs::write(dir.path().join("logo.gif"), b"GIF89a").unwrap();
    fs::write(&org, "name = \"X\"\nlogo = \"logo.gif\"\n").unwrap();
    let out =
        sipform(&["blank", "plan", "--org", org.to_str().unwrap(), "-o", dir.path().join("p.pdf").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["neither PNG nor SVG"]);
}
