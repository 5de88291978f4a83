//! sipform's own messages in the user's language: Swedish for a Swedish
//! locale and for `new` (whose starter is Swedish), English otherwise, and
//! `--messages` over both; the JSON keeps its codes whatever the language.

mod common;

use std::process::Command;

use common::*;

/// A run whose error sipform words itself: a language there is no forms in.
fn unknown_language(locale: &str, extra: &[&str]) -> String {
    let case = example("anna");
    let mut args = vec!["check", case.to_str().unwrap(), "--lang", "xx"];
    args.extend_from_slice(extra);
    let out = sipform_in_locale(&args, locale);
    assert_eq!(out.status.code(), Some(2));
    stderr(&out)
}

#[test]
fn a_swedish_locale_gets_swedish_messages() {
    for locale in ["sv_SE.UTF-8", "sv_FI.utf8", "sv"] {
        let err = unknown_language(locale, &[]);
        assert!(err.contains("det finns blanketter bara på de här språken"), "{locale}: {err}");
    }
    for locale in ["C.UTF-8", "en_GB.UTF-8", "fi_FI.UTF-8", ""] {
        let err = unknown_language(locale, &[]);
        assert!(err.contains("there are forms in these languages only"), "{locale:?}: {err}");
    }
}

#[test]
fn messages_overrides_the_locale() {
    let err = unknown_language("sv_SE.UTF-8", &["--messages", "en"]);
    assert!(err.contains("there are forms in these languages only"), "{err}");
    let err = unknown_language("C.UTF-8", &["--messages", "sv"]);
    assert!(err.contains("det finns blanketter bara"), "{err}");
}

/// POSIX: LC_ALL over LC_MESSAGES over LANG.
#[test]
fn lc_all_comes_before_lang() {
    let case = example("anna");
    let run = |vars: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sipform"));
        cmd.args(["check", case.to_str().unwrap(), "--lang", "xx"])
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env_remove("SIPFORM_MESSAGES")
            .env("NO_COLOR", "1");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stderr).unwrap()
    };
    assert!(run(&[("LANG", "sv_SE.UTF-8"), ("LC_ALL", "C")]).contains("there are forms"));
    assert!(run(&[("LANG", "C"), ("LC_MESSAGES", "sv_SE.UTF-8")]).contains("det finns blanketter"));
    assert!(run(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "sv_SE.UTF-8")]).contains("det finns blanketter"));
    assert!(run(&[("SIPFORM_MESSAGES", "sv")]).contains("det finns blanketter"));
}

/// `new` writes a Swedish starter, and says so in Swedish whatever the locale.
#[test]
fn new_speaks_swedish() {
    let dir = tempdir();
    let case = dir.path().join("ny.toml");
    let out = sipform_in_locale(&["new", case.to_str().unwrap()], "C.UTF-8");
    assert!(out.status.success());
    assert!(stderr(&out).contains("fyll i varje"), "{}", stderr(&out));
    let again = dir.path().join("ny2.toml");
    let out = sipform_in_locale(&["new", again.to_str().unwrap(), "--messages", "en"], "C.UTF-8");
    assert!(stderr(&out).contains("fill in every"), "{}", stderr(&out));
}

/// The JSON's codes, paths and places are the same in both languages; the
/// words differ.
#[test]
fn json_keeps_its_codes_in_swedish() {
    let dir = tempdir();
    let case = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(example("anna")).unwrap().replacen("language = \"sv\"", "language = \"xx\"", 1);
    std::fs::write(&case, text).unwrap();
    let json = |m: &str| {
        let out = sipform(&["check", case.to_str().unwrap(), "--lang", "yy", "--format", "json", "--messages", m]);
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap()["diagnostics"].clone()
    };
    let (en, sv) = (json("en"), json("sv"));
    let keys = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].clone(), d["path"].clone(), d["line"].clone(), d["column"].clone()))
            .collect::<Vec<_>>()
    };
    assert!(!keys(&en).is_empty());
    assert_eq!(keys(&en), keys(&sv));
    // The test can fail: the Swedish run really is another language.
    assert_ne!(en, sv, "the words differ");
}

/// A failure sipform reports as an error of its own (not a diagnostic).
#[test]
fn errors_are_worded_in_swedish() {
    let out = sipform(&["render", "finns-inte.toml", "--messages", "sv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("fel: kan inte läsa `finns-inte.toml`"), "{}", stderr(&out));
    let out = sipform(&["render", "finns-inte.toml"]);
    assert!(stderr(&out).starts_with("error: cannot read `finns-inte.toml`"), "{}", stderr(&out));
}
