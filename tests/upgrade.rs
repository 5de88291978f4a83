//! `sipform upgrade` as a user meets it: a format-1 case file rewritten as
//! format 2 in place or elsewhere, its comments kept, and a file that does
//! not read left exactly as it was.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Anna's case in format 1: examples/anna.toml while it is format 1, else
/// the copy of it kept in tests/data/format-1 for this test.
fn anna_v1() -> String {
    let text = fs::read_to_string(example("anna")).unwrap();
    if text.contains("\nformat = 1\n") {
        return text;
    }
    fs::read_to_string(root().join("tests/data/format-1/anna.toml")).unwrap()
}

/// The files in a folder, so that a stray temporary file would show.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn anna_is_upgraded_in_place_keeping_her_comments() {
    let dir = tempdir();
    let case = dir.path().join("anna.toml");
    let original = anna_v1();
    assert!(original.contains("format = 1\n") && original.contains("\n[consent]\n"), "the example is format 1");
    fs::write(&case, &original).unwrap();

    let out = sipform(&["upgrade", "--check", path(&case)]);
    assert_eq!(out.status.code(), Some(1), "format 1 needs upgrading: {}", stderr(&out));
    assert_has(&stderr(&out), &["format 1"]);
    assert_eq!(fs::read_to_string(&case).unwrap(), original, "--check writes nothing");

    let out = sipform_ok(&["upgrade", path(&case)]);
    assert_has(&stderr(&out), &["format 2"]);
    let upgraded = fs::read_to_string(&case).unwrap();
    assert_has(
        &upgraded,
        &["format = 2\n", "\n[[consents]]\n", "\n[[plans]]\n", "\n[[plans.goals]]\n", "\n[[followups]]\n"],
    );
    assert_lacks(&upgraded, &["format = 1", "[consent]", "[plan]", "[followup]", "[[evaluations]]", "next = "]);
    assert_has(
        &upgraded,
        &[
            "# Anna, 27: the worked example from Ludvika kommun's SIP material (seed 003).\n",
            "# Render it with:  sipform render examples/anna.toml --all -o anna/\n",
        ],
    );
    let comments = |text: &str| text.lines().filter(|l| l.trim_start().starts_with('#')).map(str::to_owned).collect();
    let before: Vec<String> = comments(&original);
    assert_eq!(before, comments(&upgraded) as Vec<String>, "every comment line stays, in order");
    assert_eq!(names_in(dir.path()), ["anna.toml"], "no temporary file is left behind");

    let check = sipform(&["check", path(&case)]);
    assert!(matches!(check.status.code(), Some(0 | 1)), "the upgraded case checks: {}", stderr(&check));

    let again = sipform(&["upgrade", "--check", path(&case)]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_has(&stderr(&again), &["already format 2"]);
    let again = sipform(&["upgrade", path(&case)]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_has(&stderr(&again), &["already format 2"]);
    assert_eq!(fs::read_to_string(&case).unwrap(), upgraded, "an upgraded file is left as it is");
}

#[test]
fn output_goes_elsewhere_and_the_file_stays() {
    let dir = tempdir();
    let case = dir.path().join("anna.toml");
    fs::write(&case, anna_v1()).unwrap();
    let out = dir.path().join("sub").join("upgraded.toml");
    sipform_ok(&["upgrade", path(&case), "-o", path(&out)]);
    let upgraded = fs::read_to_string(&out).unwrap();
    assert_has(&upgraded, &["format = 2\n", "[[followups]]"]);
    assert_eq!(fs::read_to_string(&case).unwrap(), anna_v1(), "the file itself is left as it was");
}

#[test]
fn a_json_case_is_upgraded_as_json() {
    let dir = tempdir();
    let case = dir.path().join("anna.json");
    let value = to_json(toml::from_str(&anna_v1()).unwrap());
    fs::write(&case, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    sipform_ok(&["upgrade", path(&case)]);
    let upgraded: serde_json::Value = serde_json::from_str(&fs::read_to_string(&case).unwrap()).unwrap();
    assert_eq!(upgraded["format"], 2);
    assert_eq!(upgraded["consents"][0]["information_exchange"], true);
    assert_eq!(upgraded["plans"].as_array().unwrap().len(), 1);
    assert_eq!(upgraded["followups"].as_array().unwrap().len(), 2, "the one held and the next");
    for gone in ["consent", "plan", "followup", "evaluations"] {
        assert!(upgraded.get(gone).is_none(), "{gone} is gone");
    }
    let check = sipform(&["check", path(&case)]);
    assert!(matches!(check.status.code(), Some(0 | 1)), "the upgraded case checks: {}", stderr(&check));
}

#[test]
fn a_file_that_does_not_read_is_named_and_left_byte_for_byte() {
    let dir = tempdir();
    let case = dir.path().join("broken.toml");
    let text = anna_v1().replace("given_by = \"individual\"", "given_bye = \"individual\"");
    fs::write(&case, &text).unwrap();
    let before = fs::read(&case).unwrap();
    for args in [vec!["upgrade", path(&case)], vec!["upgrade", "--check", path(&case)]] {
        let out = sipform(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_has(&stderr(&out), &["given_bye", "broken.toml:", "did you mean `given_by`?"]);
        assert_eq!(fs::read(&case).unwrap(), before, "{args:?} leaves the file as it was");
    }
    let elsewhere = dir.path().join("out.toml");
    let out = sipform(&["upgrade", path(&case), "-o", path(&elsewhere)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(names_in(dir.path()), ["broken.toml"], "nothing is written");
}
