//! The protected variant attacked end to end, through the real binary:
//! generated leaks of every class (a place in context with spelling tricks,
//! phone numbers, postcodes, e-mail and web addresses), put into generated
//! fields of a protected case, must stop `render` (no file written, calendar
//! files included) and `check`, and no message may repeat them, on the
//! terminal, in JSON or in a batch's summary. Each generated case, not
//! protected, passes `check`: the input is otherwise valid, so what refuses
//! it is the protected variant, and the test can fail.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use sipform::case::personal_number;

/// Lines of the examples whose value a leak replaces, by how they start:
/// free text on every form, a unit's generic name, a relative's name, and
/// what format 2 added (what a plan version changed, a follow-up's
/// questions and changes, the questions of the meeting).
const FIELDS: &[(&str, &str)] = &[
    ("anna", "takes_part = "),
    ("anna", "purpose = "),
    ("anna", "long_term_goal = "),
    ("anna", "contributes = "),
    ("anna", "situation = "),
    ("anna", "other = "),
    ("anna", "wellbeing = "),
    ("anna", "new_information = "),
    ("anna", "generic_name = "),
    ("anna", "relation = "),
    ("two-years", "changes = \"Karin har fått"),
    ("two-years", "changes = \"Karin arbetar halvtid. Socialtjänsten"),
    ("two-years", "questions = [\"Hur får Karin"),
    ("two-years", "questions = [\"Är det dags"),
    ("two-years", "other_needs = "),
];
/// Towns and municipalities of the gazetteer that are not also Swedish words
/// or first names, so that any spelling of them is a place.
fn places() -> Vec<String> {
    fs::read_to_string(root().join("gazetteer/places.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let (name, kinds, flags) = (cols.next()?, cols.next()?, cols.next().unwrap_or(""));
            let town = kinds.split(',').any(|k| k == "municipality" || k == "locality");
            (town && flags.is_empty() && name.chars().count() >= 4 && !name.contains(' ')).then(|| name.to_owned())
        })
        .collect()
}

/// A spelling trick a coordinator, a register or an attacker might use.
fn spelled(place: &str, trick: usize) -> String {
    let chars: Vec<char> = place.chars().collect();
    let mid = chars.len() / 2;
    let insert = |c: char| chars[..mid].iter().chain([c].iter()).chain(&chars[mid..]).collect::<String>();
    match trick {
        0 => place.to_owned(),
        1 => place.to_uppercase(),
        2 => place.to_lowercase(),
        3 => insert('\u{200b}'),
        4 => insert('\u{ad}'),
        5 => place.replace('a', "\u{430}").replace('o', "\u{43e}").replace('e', "\u{435}"),
        _ => chars.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" "),
    }
}

/// A leak of one class, and the part of it no message may repeat.
fn leak() -> impl Strategy<Value = (String, String)> {
    let places = places();
    assert!(places.len() > 500, "the gazetteer has towns: {}", places.len());
    const LEADS: [&str; 5] =
        ["Vi bor hos mormor i", "Hon har flyttat till", "Pappa jobbar kvar i", "Vi ses utanför", "Han går i skolan i"];
    let place = (0..places.len(), 0..7usize, 0..LEADS.len()).prop_map(move |(i, trick, lead)| {
        let p = &places[i];
        (format!("{} {} nu.", LEADS[lead], spelled(p, trick)), p.to_lowercase())
    });
    let sep = prop::sample::select(vec!["-", " ", ".", "/", "\u{2009}", "", " - "]);
    // "070315-1233" is a phone number and the personnummer of someone born
    // in 2007 at once, and is read as the latter (a false alarm on every
    // form of a person born then): the generator leaves those out.
    let phone = (sep.clone(), sep.clone(), 1_000_000u32..9_999_999, any::<bool>())
        .prop_map(|(a, b, n, plus)| {
            let digits = n.to_string();
            let start = if plus { "+46 70" } else { "070" };
            (format!("{start}{a}{}{b}{}", &digits[..3], &digits[3..]), digits)
        })
        .prop_filter("a valid personnummer", |(text, _)| !personal_number::is_valid(text))
        .prop_map(|(text, digits)| (format!("Ring mig på {text} efter skolan."), digits));
    // A dot or a slash makes a decimal or a fraction, and five bare digits
    // an amount (a known gap, tests/protected_corpus.rs): not postcodes.
    let postcode_sep = prop::sample::select(vec!["-", " ", "\u{2009}", "\u{a0}", " - "]);
    let postcode = (postcode_sep, 100u32..999, 10u32..99, any::<bool>()).prop_map(|(s, a, b, se)| {
        let prefix = if se { "SE-" } else { "" };
        (format!("Posten kommer till {prefix}{a}{s}{b}."), format!("{a}{s}{b}"))
    });
    let at = prop::sample::select(vec!["@", " (at) ", " [at] ", " @ ", "(a)"]);
    let email = ("[a-z]{4,8}", at, prop::sample::select(vec!["gmail.com", "hotmail.se", "telia.com"]))
        .prop_map(|(user, at, domain)| (format!("Skriv till {user}{at}{domain} om något händer."), user));
    let web = ("[a-z]{5,9}", prop::sample::select(vec!["https://", "www.", "http://www."]))
        .prop_map(|(site, scheme)| (format!("Läs mer på {scheme}{site}.se/hitta-hit"), site));
    prop_oneof![place, phone, postcode, email, web]
}

/// An example with `text` as the value of the line starting with `start`
/// (a list of one when the value there is a list), protected or not.
fn case_with((base, start): (&str, &str), text: &str, protected: bool) -> String {
    let mut case = fs::read_to_string(example(base)).unwrap();
    if protected {
        case = case.replacen("protected = false", "protected = true", 1);
        if !case.contains("protected = true") {
            case = case.replacen("[person]\n", "[person]\nprotected = true\n", 1);
        }
    }
    let line = case.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no line {start}")).to_owned();
    let key = &line[..line.find("= ").unwrap() + 2];
    let value = serde_json::to_string(text).unwrap();
    let value = if line[key.len()..].starts_with('[') { format!("[{value}]") } else { value };
    case.replacen(&line, &format!("{key}{value}"), 1)
}

#[track_caller]
fn assert_silent(what: &str, output: &str, secret: &str) {
    let lower = output.to_lowercase();
    assert!(!lower.contains(&secret.to_lowercase()), "{what} repeats {secret:?}:\n{output}");
}

fn files_in(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

proptest! {
    // PROPTEST_CASES runs more, for a long search before a release.
    #![proptest_config(Config { cases: cases(40), failure_persistence: Some(Box::new(FileFailurePersistence::Off)), ..Config::default() })]

    #[test]
    fn every_generated_leak_is_refused_without_being_repeated(
        field in prop::sample::select(FIELDS.to_vec()),
        (text, secret) in leak(),
    ) {
        let dir = tempdir();
        // Otherwise valid: not protected, the same text passes check.
        let plain = dir.path().join("plain.toml");
        fs::write(&plain, case_with(field, &text, false)).unwrap();
        let out = sipform(&["check", plain.to_str().unwrap()]);
        prop_assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

        let case = dir.path().join("case.toml");
        fs::write(&case, case_with(field, &text, true)).unwrap();
        let out_dir = dir.path().join("out");
        let out = sipform(&["render", case.to_str().unwrap(), "--ics", "-o", out_dir.to_str().unwrap()]);
        prop_assert_eq!(out.status.code(), Some(2), "{} in {:?}: {}", text, field, stderr(&out));
        prop_assert!(files_in(&out_dir).is_empty(), "nothing is written: {:?}", files_in(&out_dir));
        assert_silent("render", &format!("{}{}", stdout(&out), stderr(&out)), &secret);

        let out = sipform(&["check", case.to_str().unwrap(), "--format", "json"]);
        prop_assert_eq!(out.status.code(), Some(2));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("check --format json writes JSON");
        prop_assert!(json["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));
        assert_silent("check --format json", &format!("{}{}", stdout(&out), stderr(&out)), &secret);
    }
}

/// In a batch, the leaking cases fail, the good one is written, and the
/// summary names the failed cases without repeating any leak.
#[test]
fn a_batch_summary_repeats_no_leak() {
    let dir = tempdir();
    let good = dir.path().join("good.toml");
    fs::write(&good, fs::read_to_string(example("anna")).unwrap()).unwrap();
    let leaks = [
        ("situation = ", "Vi bor hos mormor i KIRUNA nu.", "kiruna"),
        ("purpose = ", "Ring 070/123 45 67 efter skolan.", "45 67"),
        ("wellbeing = ", "Skriv till annika (at) gmail.com.", "annika"),
        ("generic_name = ", "Vuxenpsykiatrin Gävle", "gävle"),
        ("relation = ", "syster, bor på Kvarngatan 4", "kvarngatan"),
    ];
    let mut args = vec!["render".to_owned(), good.to_str().unwrap().to_owned()];
    for (i, (field, text, _)) in leaks.iter().enumerate() {
        let case = dir.path().join(format!("leak{i}.toml"));
        fs::write(&case, case_with(("anna", field), text, true)).unwrap();
        args.push(case.to_str().unwrap().to_owned());
    }
    let out_dir = dir.path().join("out");
    args.extend(["-o".to_owned(), out_dir.to_str().unwrap().to_owned()]);
    let out = sipform(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    for (i, (_, _, secret)) in leaks.iter().enumerate() {
        assert_silent("the batch", &all, secret);
        assert!(all.contains(&format!("leak{i}.toml")), "the summary names leak{i}.toml:\n{all}");
    }
    let written = files_in(&out_dir);
    assert!(written.iter().any(|f| f.starts_with("good-")), "{written:?}");
    assert!(!written.iter().any(|f| f.starts_with("leak")), "{written:?}");
}
