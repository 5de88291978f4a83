//! Helpers for the integration tests: run the real binary, read PDFs back as text.

#![allow(dead_code)]

pub mod browser;
pub mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> PathBuf {
    root().join("examples").join(format!("{name}.toml"))
}

pub fn sipform(args: &[&str]) -> Output {
    sipform_in_locale(args, "C.UTF-8")
}

/// sipform run with this locale (`LANG`), and no other locale variable:
/// the messages are English unless the locale is Swedish.
pub fn sipform_in_locale(args: &[&str], locale: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sipform"))
        .args(args)
        .env_remove("SIPFORM_TEMPLATES")
        .env_remove("SIPFORM_MESSAGES")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
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
    render_with(case, form, &[], dir)
}

/// Renders one form of a case with extra arguments (`--version 2`) into
/// `dir`, under a name the arguments make its own, and returns its path.
pub fn render_with(case: &Path, form: &str, extra: &[&str], dir: &Path) -> PathBuf {
    let pdf = dir.join(format!("{form}{}.pdf", extra.join("").replace('-', "")));
    let mut args = vec!["render", case.to_str().unwrap(), "--form", form, "-o", pdf.to_str().unwrap()];
    args.extend_from_slice(extra);
    sipform_ok(&args);
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

/// One form of an example, rendered and read back: its text and page count.
pub fn example_form(name: &str, form: &str) -> (String, usize) {
    let dir = tempdir();
    let pdf = render(&example(name), form, dir.path());
    (pdf_text(&pdf), pages(&pdf))
}

/// Every page carries the form's name, the person and their personnummer, the
/// form's date and "Sida N av M".
///
/// Where a table continues onto a page, pdftotext may read the repeated table
/// header in between the form's name and the person ("Uppföljning av SIP Nr
/// Insats 6 Namn: …"), so each page is checked on its own: the text up to its
/// "Sida N av M" starts with the form's name and holds the person and the date.
#[track_caller]
pub fn assert_running_header(text: &str, short_title: &str, person: &str, printed: &str, pages: usize) {
    assert!(pages >= 1, "the PDF has pages");
    let number = match person {
        "Anna Andersson" => "19990101-2386",
        "Elias Nyström" => "20140914-2732",
        "Margit Johansson" => "19420612-3129",
        other => panic!("no personnummer known for {other}"),
    };
    let person = format!("Namn: {person} Personnummer: {number} Datum {printed}");
    let mut rest = text;
    for n in 1..=pages {
        let footer = format!("Sida {n} av {pages}");
        let (page, after) = rest.split_once(&footer).unwrap_or_else(|| panic!("expected {footer:?} in:\n{text}"));
        assert!(page.trim_start().starts_with(short_title), "page {n} starts with {short_title:?}:\n{page}");
        assert_has(page, &[&person]);
        rest = after;
    }
    assert!(rest.trim().is_empty(), "nothing after the last page's footer: {rest:?}");
    assert_eq!(text.matches(&person).count(), pages, "the header on every page: {person:?}\n{text}");
}

/// The position of a phrase that must occur, for checking the order of things.
#[track_caller]
pub fn at(text: &str, phrase: &str) -> usize {
    text.find(phrase).unwrap_or_else(|| panic!("expected {phrase:?} in:\n{text}"))
}

/// The PDFs in a folder, sorted.
pub fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension() == Some("pdf".as_ref()))
        .collect();
    pdfs.sort();
    pdfs
}

/// The text of a PDF in content-stream order (`pdftotext -raw`), for checking
/// text character for character. The default reading order may interleave the
/// lines of neighbouring table cells, and it takes a real hyphen at the end of
/// a line for hyphenation and drops it; `-raw` does neither. Typst's own
/// hyphenation (a soft hyphen ending a line) is undone; runs of whitespace
/// become a newline where a line broke, else one space.
pub fn pdf_raw_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (scripts/test installs poppler-utils)");
    assert!(out.status.success(), "pdftotext failed on {}: {}", pdf.display(), stderr(&out));
    normalise_keeping_lines(&String::from_utf8(out.stdout).expect("pdftotext writes UTF-8"))
}

/// Like [`normalise`], but a run of whitespace holding a line break becomes
/// one newline rather than a space.
pub fn normalise_keeping_lines(text: &str) -> String {
    let joined = text.replace("\u{ad}\n", "").replace('\u{ad}', "");
    let mut out = String::with_capacity(joined.len());
    let mut gap: Option<char> = None;
    for ch in joined.chars() {
        if ch.is_whitespace() {
            let line = matches!(ch, '\n' | '\r' | '\u{c}' | '\u{2028}' | '\u{2029}');
            gap = Some(if line || gap == Some('\n') { '\n' } else { ' ' });
        } else {
            if let Some(g) = gap.take() {
                if !out.is_empty() {
                    out.push(g);
                }
            }
            out.push(ch);
        }
    }
    out
}

/// A TOML value as the same JSON: dates become ISO strings, as a JSON case writes them.
pub fn to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, to_json(v))).collect(),
    }
}

/// A representative to add to an example, so that their phone is a location field too.
pub const REPRESENTATIVE: &str =
    "\n[representative]\nname = \"Karin Holm\"\nkind = \"god man\"\nphone = \"070-174 06 99\"\n";

/// A case built on an example with a marker in every location field and in
/// every unit's own name (the protected variant prints generic names).
pub struct Marked {
    pub file: PathBuf,
    pub markers: Vec<(String, String)>,
}

pub fn marked(dir: &Path, base: &str, extra: &str, n: usize) -> Marked {
    let text = std::fs::read_to_string(example(base)).unwrap() + extra;
    let mut loaded = sipform::case::from_bytes("base.toml", None, text.into_bytes()).expect("the example parses");
    let mut markers = Vec::new();
    for (i, (path, value)) in loaded.case.location_fields().into_iter().enumerate() {
        let marker = format!("QZX{n}K{i:02}");
        *value = Some(marker.clone());
        markers.push((sipform::case::locate::display(&path), marker));
    }
    for (i, unit) in loaded.case.units.iter_mut().enumerate() {
        let marker = format!("QZX{n}U{i:02}");
        unit.name = format!("{} {marker}", unit.generic_name.as_deref().unwrap());
        markers.push((format!("units[{i}].name"), marker));
    }
    let file = dir.join(format!("marked-{n}.json"));
    std::fs::write(&file, serde_json::to_string_pretty(&loaded.case).unwrap()).unwrap();
    Marked { file, markers }
}

/// A word's box on a page of a PDF, in points from the top left, as
/// `pdftotext -bbox` reads it.
pub struct WordBox {
    pub page: usize,
    pub page_width: f64,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
    pub word: String,
}

/// Every word of a PDF with its box, page by page.
pub fn word_boxes(pdf: &Path) -> Vec<WordBox> {
    let out =
        Command::new("pdftotext").args(["-bbox", "-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext -bbox {}", pdf.display());
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |line: &str, name: &str| -> f64 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    let (mut page, mut page_width, mut words) = (0, 0.0, Vec::new());
    for line in text.lines() {
        if line.contains("<page ") {
            page += 1;
            page_width = attr(line, "width");
        } else if line.contains("<word ") {
            let word = line.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_owned();
            words.push(WordBox {
                page,
                page_width,
                x_min: attr(line, "xMin"),
                y_min: attr(line, "yMin"),
                x_max: attr(line, "xMax"),
                y_max: attr(line, "yMax"),
                word,
            });
        }
    }
    words
}

/// A process's resident memory, in MB (Linux): `self`, or a process id.
pub fn resident_mb(process: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{process}/status")).expect("Linux /proc");
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("VmRSS");
    kb / 1024.0
}
