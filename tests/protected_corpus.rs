//! The protected variant against two corpora (tests/data): ordinary sentences
//! from plans, which must still be accepted in every free-text field, and
//! sentences that give a place away, which must be refused in every one.
//! Through the library, since the corpora hold hundreds of sentences; the
//! binary is driven end to end in tests/protected_attacks.rs.

mod common;

use common::root;
use sipform::case::from_bytes;
use sipform::protect;

/// Free-text fields of the Anna example, as TOML lines to replace.
const FIELDS: &[(&str, &str)] = &[
    ("plan.situation", "situation = "),
    ("meeting.purpose", "purpose = "),
    ("plan.long_term_goal", "long_term_goal = "),
    ("participants.contributes", "contributes = "),
];

fn corpus(name: &str) -> Vec<(String, Option<String>)> {
    std::fs::read_to_string(root().join("tests/data").join(name))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| match l.split_once('\t') {
            Some((text, leak)) => (text.to_owned(), Some(leak.to_owned())),
            None => (l.to_owned(), None),
        })
        .collect()
}

/// The Anna case, protected, with the corpus's names as relatives, and
/// `text` in the field whose line starts with `key`.
fn case_with(key: &str, text: &str) -> String {
    let names = std::fs::read_to_string(root().join("tests/data/ordinary-sv-names.txt")).unwrap();
    let mut case =
        std::fs::read_to_string(common::example("anna")).unwrap().replacen("protected = false", "protected = true", 1);
    let line = case.lines().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("no line {key}")).to_owned();
    let quoted = serde_json::to_string(text).unwrap();
    case = case.replacen(&line, &format!("{key}{quoted}"), 1);
    for name in names.lines().filter(|n| !n.trim().is_empty()) {
        case.push_str(&format!("\n[[relatives]]\nname = \"{name}\"\nrelation = \"vän\"\n"));
    }
    case
}

fn errors(case: &str) -> Vec<String> {
    let loaded = from_bytes("corpus.toml", None, case.as_bytes().to_vec()).unwrap_or_else(|e| panic!("{e}"));
    protect::redact(&loaded)
        .findings
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

#[test]
fn ordinary_sentences_are_accepted_in_every_field() {
    let sentences = corpus("ordinary-sv.txt");
    assert!(sentences.len() >= 50, "the corpus has {} sentences", sentences.len());
    let mut refused = Vec::new();
    for (i, (text, _)) in sentences.iter().enumerate() {
        // Each sentence in one field, the fields taken in turn.
        let (path, key) = FIELDS[i % FIELDS.len()];
        let found = errors(&case_with(key, text));
        if !found.is_empty() {
            refused.push(format!("{path}: {text}\n    {}", found.join("\n    ")));
        }
    }
    assert!(
        refused.is_empty(),
        "{} of {} ordinary sentences refused:\n{}",
        refused.len(),
        sentences.len(),
        refused.join("\n")
    );
}

/// Leaks the detectors do not catch yet: places that are neither in the
/// gazetteer nor placed after a word of living or moving (lakes, landmarks,
/// transport, sports clubs), a lower-case abbreviated street, a bare
/// postcode after a label, a link on a domain we do not read. README says
/// so; a person must still read a protected case. When one of them is
/// caught, take it off this list.
const KNOWN_GAPS: &[&str] = &[
    "norrbottningar",
    "Siljan",
    "Mälaren",
    "Storsjön",
    "Kebnekaise",
    "Liseberg",
    "Nordstan",
    "T-Centralen",
    "Roslagsbanan",
    "SL-kort",
    "Färjestad",
    "storg 3",
    "80310",
    "zoom.us/j/123456789",
];

#[test]
fn leaking_sentences_are_refused_in_every_field() {
    let sentences = corpus("leaks-sv.txt");
    assert!(sentences.len() >= 100);
    let mut passed = Vec::new();
    for (i, (text, leak)) in sentences.iter().enumerate() {
        let (path, key) = FIELDS[i % FIELDS.len()];
        let found = errors(&case_with(key, text));
        let gap = leak.as_deref().is_some_and(|l| KNOWN_GAPS.contains(&l));
        if found.is_empty() != gap {
            let why = if gap { "is caught now: take it off KNOWN_GAPS" } else { "passed" };
            passed.push(format!("{path}: {text} (leak: {}) {why}", leak.as_deref().unwrap_or("?")));
        }
        // The refusal never repeats what it found.
        if let Some(leak) = leak.as_deref().filter(|l| l.chars().count() >= 4) {
            for message in &found {
                assert!(!message.contains(leak), "the message repeats `{leak}`: {message}");
            }
        }
    }
    assert!(
        passed.is_empty(),
        "{} of {} leaking sentences passed:\n{}",
        passed.len(),
        sentences.len(),
        passed.join("\n")
    );
}
