//! Plain language, measured: the fixed text of every Swedish form is at
//! LIX 35 or below ("lätt" to "medelsvår" text), and the person's own plan
//! at 30 or below, for every example, every kind of letter, the protected
//! variant, large print and the blank forms. Measured through `sipform lix`,
//! so the figures are the ones README gives and a user can reproduce.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

/// The shared forms and the blank forms, for staff and person alike.
const LIMIT: f64 = 35.0;
/// The person's own plan, in easy-to-read Swedish.
const MY_PLAN_LIMIT: f64 = 30.0;

/// The option sets a form's wording depends on.
const VARIANTS: &[&[&str]] = &[
    &[],
    &["--to", "person"],
    &["--to", "called"],
    &["--to", "invited"],
    &["--convener-copy"],
    &["--protected"],
    &["--large-print"],
];

/// `(form, lix)` for each form `sipform lix` measures.
fn measure(case: &Path, extra: &[&str], templates: Option<&Path>) -> Vec<(String, f64)> {
    let mut args = vec!["lix", "--format", "json", "--case", case.to_str().unwrap()];
    args.extend_from_slice(extra);
    if let Some(dir) = templates {
        args.extend(["--templates", dir.to_str().unwrap()]);
    }
    let out = sipform_ok(&args);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["form"].as_str().unwrap().to_owned(), f["lix"].as_f64().unwrap()))
        .collect()
}

fn limit(form: &str) -> f64 {
    if form == "my-plan" {
        MY_PLAN_LIMIT
    } else {
        LIMIT
    }
}

/// Every form over its limit, as "case form [options]: LIX".
fn over_limit(cases: &[PathBuf], templates: Option<&Path>) -> Vec<String> {
    let mut over = Vec::new();
    for case in cases {
        for extra in VARIANTS {
            for (form, lix) in measure(case, extra, templates) {
                if lix > limit(&form) {
                    let name = case.file_stem().unwrap().to_string_lossy();
                    over.push(format!("{name} {form} {extra:?}: LIX {lix}"));
                }
            }
        }
    }
    over
}

/// The examples, and the cases whose forms say more: a child living with
/// violence (the convener's safety reminders), and one with skyddade
/// personuppgifter (the envelope).
fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = ["anna", "child", "discharge", "two-years"].iter().map(|n| example(n)).collect();
    let child = fs::read_to_string(example("child")).unwrap();
    for (name, flag) in [("violence", "violence"), ("skyddad", "protected")] {
        let text = child.replacen(&format!("{flag} = false"), &format!("{flag} = true"), 1).replacen(
            "custody = true",
            "custody = true\nprotecting = true",
            1,
        );
        assert_ne!(text, child, "the example's flags moved");
        let path = dir.join(format!("{name}.toml"));
        fs::write(&path, text).unwrap();
        cases.push(path);
    }
    cases
}

#[test]
fn every_form_reads_at_lix_35_and_the_persons_own_plan_at_30() {
    let dir = tempdir();
    let over = over_limit(&cases(dir.path()), None);
    assert!(over.is_empty(), "forms above their LIX limit:\n{}", over.join("\n"));
}

/// Every form the examples make is measured, blank ones and the envelope
/// included, so a form cannot slip out of the test above.
#[test]
fn the_measure_covers_every_form() {
    let dir = tempdir();
    let cases = cases(dir.path());
    let mut forms: Vec<String> = cases
        .iter()
        .flat_map(|c| VARIANTS.iter().flat_map(move |v| measure(c, v, None)))
        .map(|(form, _)| form)
        .collect();
    forms.sort();
    forms.dedup();
    for form in [
        "invitation",
        "followup-invitation",
        "consent",
        "plan",
        "my-plan",
        "followup",
        "envelope",
        "blank invitation",
        "blank consent",
        "blank plan",
        "blank followup",
        "blank envelope",
    ] {
        assert!(forms.iter().any(|f| f == form), "{form} is not measured: {forms:?}");
    }
}

/// The test can fail: a catalogue whose sentences run long, with long
/// words, is over the limit, and only in the form that prints them.
#[test]
fn a_wordy_catalogue_is_caught() {
    let dir = tempdir();
    let lang = dir.path().join("lang/sv");
    fs::create_dir_all(&lang).unwrap();
    let wordy =
        "Samordningsansvarig huvudmannarepresentant dokumenterar överenskommelsen beträffande insatsplaneringen \
                 tillsammans med berörda verksamhetsföreträdare i enlighet med gällande lagstiftning";
    let catalogue = fs::read_to_string(root().join("lang/sv/text.toml")).unwrap();
    let changed = catalogue.replacen(
        "[my_plan.want]\ntitle = \"Det här vill jag\"",
        &format!("[my_plan.want]\ntitle = \"{wordy} och {wordy} och {wordy}\""),
        1,
    );
    assert_ne!(changed, catalogue, "the catalogue's my_plan.want.title moved");
    fs::write(lang.join("text.toml"), changed).unwrap();
    let over = over_limit(&[example("anna")], Some(dir.path()));
    assert!(!over.is_empty(), "a wordy my-plan passed");
    assert!(over.iter().all(|o| o.contains(" my-plan ")), "{over:?}");
}

/// LIX measures the form's words, not what the case records: a case whose
/// texts are written in long words measures the same, form by form.
#[test]
fn what_the_case_records_is_not_measured() {
    let dir = tempdir();
    let wordy = "Samordningsansvarig verksamhetsföreträdare dokumenterar behandlingsinsatserna kontinuerligt";
    let text = fs::read_to_string(example("anna")).unwrap();
    let mut changed = text.clone();
    for key in ["purpose", "long_term_goal", "situation", "what"] {
        changed = replace_values(&changed, key, wordy);
    }
    assert_ne!(changed, text);
    let case = dir.path().join("wordy.toml");
    fs::write(&case, changed).unwrap();
    for extra in VARIANTS {
        assert_eq!(measure(&case, extra, None), measure(&example("anna"), extra, None), "{extra:?}");
    }
}

/// Every `key = "..."` line of a TOML text with the value replaced.
fn replace_values(text: &str, key: &str, value: &str) -> String {
    text.lines()
        .map(|l| if l.starts_with(&format!("{key} = \"")) { format!("{key} = \"{value}\"") } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n")
}
