//! Replays the fuzz corpus (`fuzz/corpus/parse_check/`) on stable, the way
//! the `parse_check` fuzz target runs each input: every file, however broken,
//! must parse and check without a panic, and every diagnostic's span must lie
//! inside the text on character boundaries.
//!
//! The first byte of a corpus file picks its name: `T` → `fuzz.toml`,
//! `J` → `fuzz.json`, anything else → no path (syntax guessed from the text).

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use sipform::{CheckOptions, Diagnostic, Error};

fn run_one(data: &[u8]) -> Result<(), String> {
    let Some((&first, rest)) = data.split_first() else { return Ok(()) };
    let (name, path) = match first {
        b'T' => ("fuzz.toml", Some(Path::new("fuzz.toml"))),
        b'J' => ("fuzz.json", Some(Path::new("fuzz.json"))),
        _ => ("fuzz", None),
    };
    match sipform::case::from_bytes(name, path, rest.to_vec()) {
        Ok(loaded) => {
            let found = sipform::check::check(&loaded, &CheckOptions::default());
            spans_inside(&loaded.source.text, &found)
        }
        Err(Error::Invalid(invalid)) if invalid.diagnostics.is_empty() => {
            Err("an invalid case without a diagnostic".into())
        }
        Err(Error::Invalid(invalid)) => spans_inside(&invalid.source.text, &invalid.diagnostics),
        Err(_) => Ok(()),
    }
}

fn spans_inside(text: &str, found: &[Diagnostic]) -> Result<(), String> {
    for d in found {
        if let Some(Range { start, end }) = d.span.clone() {
            if start > end || end > text.len() {
                return Err(format!("span {start}..{end} outside {} bytes: {d:?}", text.len()));
            }
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return Err(format!("span {start}..{end} splits a character: {d:?}"));
            }
        }
    }
    Ok(())
}

#[test]
fn every_corpus_input_parses_and_checks_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/parse_check");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the fuzz corpus {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the fuzz corpus {} is empty", dir.display());

    let mut failures = Vec::new();
    for file in &files {
        let data = fs::read(file).unwrap();
        let outcome = std::panic::catch_unwind(|| run_one(&data));
        let name = file.file_name().unwrap().to_string_lossy();
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(why)) => failures.push(format!("{name}: {why}")),
            Err(panic) => {
                let why = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                failures.push(format!("{name}: panicked: {why}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus inputs failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
