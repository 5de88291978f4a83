//! The person's own plan (`--form my-plan`, "min-plan"): easy-to-read
//! Swedish, read back from the PDF, with its typesetting measured: type
//! size, line length, no broken words.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// The person's own plan, asked for by its Swedish name.
fn my_plan(case: &Path, extra: &[&str], dir: &Path) -> std::path::PathBuf {
    render_with(case, "min-plan", extra, dir)
}

/// The height of every word's box: 14 pt Noto Sans gives boxes of about
/// 19 pt (ascender to descender, 1.36 em).
fn word_heights(pdf: &Path) -> Vec<f64> {
    word_boxes(pdf).iter().map(|w| w.y_max - w.y_min).collect()
}

#[test]
fn annas_own_plan_speaks_as_anna_in_large_type_and_short_lines() {
    let dir = tempdir();
    let pdf = my_plan(&example("anna"), &[], dir.path());
    let text = pdf_text(&pdf);
    // The parts in the order the person reads them, in the first person.
    let order = [
        "Min plan",
        "Det här vill jag",
        "Jag vill ta min examen till våren och klara min vardag själv.",
        "Det här gör jag",
        "Skriva dagbok. Varje dag.",
        "Det här gör de andra för mig",
        "Vuxenpsykiatriska öppenvårdsmottagningen Karlstad",
        "KBT-behandling, samtal. 1 gång i veckan.",
        "Vem kan jag fråga?",
        "Fråga Eva Ek.",
        "Telefon: 054-61 00 10",
        "Nästa möte",
        "Vi ses igen den 15 februari 2027.",
    ];
    let mut from = 0;
    for phrase in order {
        let at = text[from..].find(phrase).unwrap_or_else(|| panic!("{phrase:?} after byte {from} in:\n{text}"));
        from += at + phrase.len();
    }
    // What the others do comes under who does it, each named once.
    assert_eq!(text.matches("Socialpsykiatrin, Karlstads kommun").count(), 1, "{text}");
    // An action shared with the person is said once, as the person's.
    assert_eq!(text.matches("Göra något tillsammans").count(), 1, "{text}");
    assert_has(&text, &["Det gör jag tillsammans med Elena Andersson."]);
    // Every page says whose it is, as on every form: the name, the
    // personnummer and the date; the personnummer nowhere else.
    let header = "Min plan Anna Andersson Personnummer: 19990101-2386 Datum 20 november 2026";
    let n = pages(&pdf);
    assert!(n >= 2, "a header on more than the first page is checked");
    assert_eq!(text.matches(header).count(), n, "the header on every page: {text}");
    assert_eq!(text.matches("19990101-2386").count(), n, "{text}");
    // None of the staff's vocabulary.
    assert_lacks(&text, &["huvudman", "Huvudansvarig", "insats", "enligt lagen"]);

    // At least 14 pt everywhere, header and footer too.
    let heights = word_heights(&pdf);
    assert!(!heights.is_empty());
    let smallest = heights.iter().cloned().fold(f64::MAX, f64::min);
    assert!(smallest >= 18.9, "a word smaller than 14 pt: box {smallest:.1} pt high");

    // Lines of at most about 60 characters, and no word broken across two.
    let raw = pdf_raw_text(&pdf);
    for line in raw.lines() {
        let body = line.trim_start_matches("• ");
        assert!(body.chars().count() <= 60, "a line of {} characters: {line:?}", body.chars().count());
        assert!(!line.ends_with('-') && !line.ends_with('\u{ad}'), "a word broken at the end of {line:?}");
    }
}

#[test]
fn a_childs_copy_and_a_protected_copy() {
    let dir = tempdir();
    let child = pdf_text(&my_plan(&example("child"), &[], dir.path()));
    assert_has(&child, &["Det här är min plan. Jag har gjort den tillsammans med vuxna som hjälper mig."]);

    // The protected variant applies to the person's copy like to every form.
    let case = dir.path().join("protected.toml");
    fs::write(&case, fs::read_to_string(example("anna")).unwrap().replacen("protected = false", "protected = true", 1))
        .unwrap();
    let text = pdf_text(&my_plan(&case, &[], dir.path()));
    assert_has(&text, &["Det här gör jag", "Fråga Eva Ek."]);
    assert_lacks(&text, &["Karlstad", "Hamngatan", "054-61 00 10", "Plats:"]);
}

#[test]
fn it_follows_the_plan_version_in_force_or_the_one_asked_for() {
    let dir = tempdir();
    let case = example("two-years");
    let latest = pdf_text(&my_plan(&case, &[], dir.path()));
    assert_has(&latest, &["Version 3 av planen, 3 februari 2026.", "Jag vill arbeta heltid.", "Fråga Ali Rahimi."]);
    let first = pdf_text(&my_plan(&case, &["--version", "1"], dir.path()));
    assert_has(
        &first,
        &["Version 1 av planen, 28 januari 2025.", "Jag vill ha ett eget boende och ett arbete.", "Fråga Maria Holm."],
    );
    assert_lacks(&first, &["Jag vill arbeta heltid."]);
}
