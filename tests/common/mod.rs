//! Helpers for the integration tests: run the real binary, read PDFs back as text.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> PathBuf {
    root().join("examples").join(format!("{name}.toml"))
}

pub fn sipform(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sipform"))
        .args(args)
        .env_remove("SIPFORM_TEMPLATES")
        .env("NO_COLOR", "1")
        .output()
        .expect("the sipform binary runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs sipform and insists it succeeds.
pub fn sipform_ok(args: &[&str]) -> Output {
    let out = sipform(args);
    assert!(out.status.success(), "sipform {args:?} failed: {}", stderr(&out));
    out
}

/// Renders one form of a case into `dir` and returns the PDF's path.
pub fn render(case: &Path, form: &str, dir: &Path) -> PathBuf {
    let pdf = dir.join(format!("{form}.pdf"));
    sipform_ok(&["render", case.to_str().unwrap(), "--form", form, "-o", pdf.to_str().unwrap()]);
    pdf
}

/// The text of a PDF as poppler's pdftotext reads it, with the hyphenation of
/// narrow table cells undone and all whitespace made single spaces, so tests
/// can look for phrases without caring where lines broke.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (scripts/test installs poppler-utils)");
    assert!(out.status.success(), "pdftotext failed on {}: {}", pdf.display(), stderr(&out));
    normalise(&String::from_utf8(out.stdout).expect("pdftotext writes UTF-8"))
}

pub fn normalise(text: &str) -> String {
    let joined = text.replace("\u{ad}\n", "").replace("\u{ad} ", "").replace('\u{ad}', "");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number of pages, from pdfinfo.
pub fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo is installed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .expect("pdfinfo reports pages")
}

/// Asserts that every phrase occurs in the text, naming the first that does not.
#[track_caller]
pub fn assert_has(text: &str, phrases: &[&str]) {
    for p in phrases {
        assert!(text.contains(p), "expected {p:?} in:\n{text}");
    }
}

#[track_caller]
pub fn assert_lacks(text: &str, phrases: &[&str]) {
    for p in phrases {
        assert!(!text.contains(p), "did not expect {p:?} in:\n{text}");
    }
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}
