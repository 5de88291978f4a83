//! Case files come from people and from exports out of IT systems (journal
//! systems, Excel, hand-edited JSON); however messy the bytes, parsing and
//! checking must answer with diagnostics and never panic, hang or point
//! outside the text.
//!
//! The first byte picks how the file is named: `T` → `fuzz.toml`, `J` →
//! `fuzz.json`, anything else → no path, so the syntax is guessed from the
//! text. The rest is the file. `tests/fuzz_corpus.rs` replays the corpus the
//! same way on stable.

#![no_main]

use std::ops::Range;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use sipform::{CheckOptions, Diagnostic, Error};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let (name, path) = match first {
        b'T' => ("fuzz.toml", Some(Path::new("fuzz.toml"))),
        b'J' => ("fuzz.json", Some(Path::new("fuzz.json"))),
        _ => ("fuzz", None),
    };
    match sipform::case::from_bytes(name, path, rest.to_vec()) {
        Ok(loaded) => {
            let found = sipform::check::check(&loaded, &CheckOptions::default());
            assert_spans(&loaded.source.text, &found);
        }
        Err(Error::Invalid(invalid)) => {
            assert!(!invalid.diagnostics.is_empty(), "an invalid case says why");
            assert_spans(&invalid.source.text, &invalid.diagnostics);
        }
        Err(_) => {}
    }
});

fn assert_spans(text: &str, found: &[Diagnostic]) {
    for d in found {
        if let Some(Range { start, end }) = d.span.clone() {
            assert!(start <= end && end <= text.len(), "span {start}..{end} outside {} bytes: {d:?}", text.len());
            assert!(
                text.is_char_boundary(start) && text.is_char_boundary(end),
                "span {start}..{end} splits a character: {d:?}"
            );
        }
    }
}
