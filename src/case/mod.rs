//! The first stage of the pipeline: a case file's text to typed values.

mod dates;
pub mod locate;
pub mod personal_number;
mod serde_words;
mod types;
pub mod upgrade;
pub mod v1;
pub mod write;

use std::path::Path;

pub use crate::source::{SourceFile, Syntax};
pub use dates::{Date, DateTime};
pub use types::*;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, InvalidCase};

/// A case file larger than this is refused before it is parsed: no real SIP
/// comes near it, and it keeps a mistaken or hostile input from eating memory.
pub const MAX_CASE_BYTES: usize = 1024 * 1024;

/// The case-file format this version writes; format 1 is read too, and
/// upgraded ([`v1`]).
pub const FORMAT: u32 = 2;

/// A parsed case and the text it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub case: Case,
    pub source: SourceFile,
}

/// The JSON Schema of a case file, generated from the types: what
/// `sipform schema` prints and the API's `GET /api/v1/schema` returns.
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Case);
    schema.insert("$id".into(), "https://sipform.se/schema/case-1.json".into());
    serde_json::to_value(&schema).expect("a schema always serialises")
}

/// Reads and parses a case file.
pub fn load(path: &Path) -> Result<Loaded, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.into(), source })?;
    from_bytes(&path.display().to_string(), Some(path), bytes)
}

/// Parses a case from bytes; `name` is how messages call the file.
pub fn from_bytes(name: &str, path: Option<&Path>, bytes: Vec<u8>) -> Result<Loaded, Error> {
    if bytes.len() > MAX_CASE_BYTES {
        return Err(Error::TooLarge { name: name.into(), size: bytes.len(), limit: MAX_CASE_BYTES });
    }
    let text = utf8_text(name, bytes)?;
    let syntax = SourceFile::guess_syntax(path, &text);
    let mut source = SourceFile::new(name, text, syntax);
    source.path = path.map(Into::into);
    match parse(&source) {
        Ok((case, moved)) => {
            source.moved = moved;
            Ok(Loaded { case, source })
        }
        Err(diagnostic) => {
            // A starter file (`sipform new`) stops at its first unfilled date;
            // name them all at once, so they can be filled in one go.
            let mut diagnostics = date_placeholders(&source.text);
            if !diagnostics.iter().any(|d| d.span == diagnostic.span) {
                diagnostics.insert(0, diagnostic);
            }
            diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
            Err(Error::Invalid(Box::new(InvalidCase { source, diagnostics })))
        }
    }
}

/// A file's bytes as text: UTF-8, without a byte-order mark (invisible in
/// editors, and it breaks both parsers).
pub(crate) fn utf8_text(name: &str, bytes: Vec<u8>) -> Result<String, Error> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // The prefix is valid UTF-8, so lines and columns can be counted in it.
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let source = SourceFile::new(name, valid.to_owned(), Syntax::Toml);
        let (line, column) = source.line_col(offset);
        Error::NotUtf8 { name: name.into(), offset, line, column, byte: bytes[offset] }
    })?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
}

/// What the starter file writes where a date is to be filled in.
pub const DATE_PLACEHOLDER: &str = "ÅÅÅÅ-MM-DD";

fn date_placeholders(text: &str) -> Vec<Diagnostic> {
    let quoted = format!("\"{DATE_PLACEHOLDER}");
    text.match_indices(&quoted)
        // Not in a comment.
        .filter(|(at, _)| !text[text[..*at].rfind('\n').map_or(0, |i| i + 1)..*at].contains('#'))
        .map(|(at, _)| {
            let end = text[at + 1..].find('"').map_or(text.len(), |i| at + 2 + i);
            Diagnostic::error("placeholder", "this date is not filled in")
                .sv("datumet är inte ifyllt")
                .at(Some(at..end))
                .hint("write the date without quotes, e.g. 2026-11-20 (a time as 2026-11-20T13:00)")
                .hint_sv("skriv datumet utan citattecken, t.ex. 2026-11-20 (en tid som 2026-11-20T13:00)")
        })
        .collect()
}

/// Only the format number, read before the rest decides how to read it.
#[derive(serde::Deserialize)]
struct FormatOnly {
    format: u32,
}

/// Parses the text of a case file into a [`Case`]: a format-1 file is
/// upgraded, and the places of its moved values returned with it.
// A diagnostic is large beside its Swedish wording; a file has one parse
// error at most, so boxing it would buy nothing.
pub fn parse(source: &SourceFile) -> Result<(Case, v1::Moved), Diagnostic> {
    let format = match source.syntax {
        Syntax::Toml => toml::from_str::<FormatOnly>(&source.text).ok(),
        Syntax::Json => serde_json::from_str::<FormatOnly>(&source.text).ok(),
    }
    .map(|f| f.format);
    if let Some(format) = format.filter(|f| *f != 1 && *f != FORMAT) {
        let span = locate::locate(source, &[locate::Step::Key("format")]);
        return Err(Diagnostic::error(
            "format",
            format!("this is case-file format {format}, but sipform reads formats 1 and {FORMAT}"),
        )
        .sv(format!("det här är ärendefilens format {format}, men sipform läser format 1 och {FORMAT}"))
        .at(span)
        .hint(format!("write `format = {FORMAT}` and check the file against `sipform schema`"))
        .hint_sv(format!("skriv `format = {FORMAT}` och kontrollera filen mot `sipform schema`")));
    }
    let (case, moved) = if format == Some(1) {
        let old: v1::CaseV1 = deserialize(source)?;
        old.upgrade()
    } else {
        (deserialize::<Case>(source)?, Vec::new())
    };
    Ok((case, moved))
}

/// `language` names a language there is no catalogue for: the languages
/// are what the catalogues are (`Resources::languages`), so the renderer,
/// which knows them, asks.
pub fn unknown_language(loaded: &Loaded, languages: &[String]) -> Option<Diagnostic> {
    let language = &loaded.case.language;
    if languages.iter().any(|l| l == language) {
        return None;
    }
    let span = locate::locate(&loaded.source, &[locate::Step::Key("language")]);
    Some(
        Diagnostic::error("language", format!("there is no text catalogue for language `{language}`"))
            .sv(format!("det finns ingen textkatalog för språket `{language}`"))
            .at(span)
            .path("language")
            .hint(format!("use one of: {}", languages.join(", ")))
            .hint_sv(format!("använd något av: {}", languages.join(", "))),
    )
}

/// Reads the text as `T`, with serde's message placed in the file and the
/// path of the value it is about (`person.personal_number`), so that a
/// front end can show it beside its field.
fn deserialize<T: serde::de::DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    match source.syntax {
        Syntax::Toml => {
            let read = toml::Deserializer::parse(&source.text).map_err(|e| (e, None)).and_then(|de| {
                serde_path_to_error::deserialize(de).map_err(|e| {
                    let path = error_path(e.path(), e.inner().message());
                    (e.into_inner(), path)
                })
            });
            read.map_err(|(e, path)| {
                let message = e.message().trim().to_owned();
                let span = e.span().map(|s| source.clamp(s));
                decorate(message, span, Syntax::Toml).with_path(path)
            })
        }
        Syntax::Json => {
            let mut de = serde_json::Deserializer::from_str(&source.text);
            let read = serde_path_to_error::deserialize(&mut de)
                .map_err(|e| {
                    let path = error_path(e.path(), &e.inner().to_string());
                    (e.into_inner(), path)
                })
                .and_then(|value| de.end().map(|()| value).map_err(|e| (e, None)));
            read.map_err(|(e, path)| {
                let message = strip_json_position(&e.to_string());
                // serde_json's column is that of the character it stopped at:
                // for a bad value, the end of it; mark the whole value then.
                let at = source.byte_offset(e.line(), e.column().max(1));
                let width = source.text[at.min(source.text.len())..].chars().next().map_or(0, char::len_utf8);
                let value = (e.classify() == serde_json::error::Category::Data)
                    .then(|| json_value_ending_at(&source.text, at))
                    .flatten();
                let span = source.clamp(value.unwrap_or(at..at + width));
                decorate(message, Some(span), Syntax::Json).with_path(path)
            })
        }
    }
}

/// The path of the value a serde error is about, as [`locate::display`]
/// writes paths: for a missing field, the field's own path. None at the
/// top, and where serde cannot say (an untagged enum's inside).
fn error_path(path: &serde_path_to_error::Path, message: &str) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => break,
        }
    }
    if let Some(field) = message.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(field);
    }
    (!out.is_empty()).then_some(out)
}

/// The string, number or literal that ends at (or just before) `end`.
fn json_value_ending_at(text: &str, end: usize) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = end.min(bytes.len());
    // serde_json may stop on the value's last byte or just after it.
    if i < bytes.len() && (bytes[i] == b'"' || bytes[i].is_ascii_alphanumeric()) {
        i += 1;
    }
    while i > 0 && bytes[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    let stop = i;
    match bytes.get(stop.checked_sub(1)?)? {
        b'"' => {
            let mut j = stop - 1;
            loop {
                j = text[..j].rfind('"')?;
                let escapes = bytes[..j].iter().rev().take_while(|b| **b == b'\\').count();
                if escapes % 2 == 0 {
                    return Some(j..stop);
                }
            }
        }
        b if b.is_ascii_alphanumeric() => {
            let start = bytes[..stop]
                .iter()
                .rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+')))
                .map_or(0, |p| p + 1);
            Some(start..stop)
        }
        _ => None,
    }
}

/// serde_json appends " at line L column C"; we show the place ourselves.
fn strip_json_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Serde's message as a diagnostic: a code for what kind of mistake it is,
/// the message in Swedish too ([`serde_words`]), and a hint where one helps.
fn decorate(message: String, span: Option<std::ops::Range<usize>>, syntax: Syntax) -> Diagnostic {
    let swedish = serde_words::swedish(&message, syntax);
    let diagnostic = |code| Diagnostic::error(code, message.clone()).sv(swedish.clone()).at(span.clone());
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((unknown, expected)) = rest.split_once("`, expected ") {
            let fields: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let d = diagnostic("unknown-key");
            return match closest(unknown, &fields) {
                Some(best) => d.hint(format!("did you mean `{best}`?")).hint_sv(format!("menade du `{best}`?")),
                None => d
                    .hint(format!("the keys allowed here are: {}", fields.join(", ")))
                    .hint_sv(format!("de nycklar som får stå här är: {}", fields.join(", "))),
            };
        }
    }
    if message.starts_with("missing field") {
        return diagnostic("missing-key")
            .hint("add it; `sipform example` prints a complete case to copy from")
            .hint_sv("lägg till den; `sipform example` skriver ut ett komplett ärende att kopiera från");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (word, expected) = rest.split_once("`, expected ").unwrap_or((rest, ""));
        let words: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let d = diagnostic("wrong-type");
        return match closest(word, &words) {
            Some(best) => d.hint(format!("did you mean `{best}`?")).hint_sv(format!("menade du `{best}`?")),
            None => d
                .hint(format!("write one of: {}", words.join(", ")))
                .hint_sv(format!("skriv något av: {}", words.join(", "))),
        };
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return diagnostic("wrong-type")
            .hint("`sipform schema` shows the type of every key; `sipform example` a case that has them all")
            .hint_sv(
                "`sipform schema` visar typen för varje nyckel, och `sipform example` ett ärende där alla finns med",
            );
    }
    if message.contains("not a real date") || message.starts_with("invalid date") || message.contains("time zone") {
        return diagnostic("invalid-date")
            .hint("write a date that exists as YYYY-MM-DD, and a time as YYYY-MM-DDTHH:MM (Swedish local time)")
            .hint_sv("skriv ett datum som finns, i formen ÅÅÅÅ-MM-DD, och en tid i formen 2026-11-20T13:00 (svensk lokal tid)");
    }
    match syntax {
        Syntax::Toml => diagnostic("syntax")
            .hint("check the TOML here: text in \"quotes\", dates bare (2026-11-20), [tables] and [[lists]] on their own lines")
            .hint_sv("kontrollera TOML-texten här: text inom \"citattecken\", datum utan citattecken (2026-11-20), [tabeller] och [[listor]] på egna rader"),
        Syntax::Json => diagnostic("syntax")
            .hint("check the JSON here: keys and text in \"double quotes\", commas between items and none after the last")
            .hint_sv("kontrollera JSON-texten här: nycklar och text inom \"dubbla citattecken\", kommatecken mellan posterna och inget efter den sista"),
    }
}

/// The candidate nearest to `word`, if it is near enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml_case(text: &str) -> Result<Case, Diagnostic> {
        parse(&SourceFile::new("t.toml", text.into(), Syntax::Toml)).map(|(case, _)| case)
    }

    const MINIMAL: &str = "format = 1\n[person]\nname = \"A\"\npersonal_number = \"19990101-2380\"\n";

    #[test]
    fn a_minimal_case_parses() {
        let case = toml_case(MINIMAL).unwrap();
        assert_eq!(case.language, "sv");
        assert!(case.plans.is_empty());
    }

    #[test]
    fn an_unknown_key_gets_a_suggestion_and_a_place() {
        let text = format!("{MINIMAL}[consent]\ngiven_by = \"individual\"\nvalid_untill = 2027-01-01\n");
        let d = toml_case(&text).unwrap_err();
        assert_eq!(d.code, "unknown-key");
        assert_eq!(d.hint.as_deref(), Some("did you mean `valid_until`?"));
        assert_eq!(&text[d.span.unwrap()], "valid_untill");
    }

    #[test]
    fn json_errors_point_at_the_place() {
        let text = "{\n  \"format\": 1,\n  \"person\": {\"name\": 5}\n}";
        let src = SourceFile::new("t.json", text.into(), Syntax::Json);
        let d = parse(&src).unwrap_err();
        assert_eq!(d.code, "wrong-type");
        assert_eq!(src.line_col(d.span.unwrap().start).0, 3);
        assert!(!d.message.contains("at line"));
    }

    #[test]
    fn json_value_errors_mark_the_whole_value() {
        let text = "{\"format\": 1, \"printed\": \"2026-02-30\", \"person\": {}}";
        let src = SourceFile::new("t.json", text.into(), Syntax::Json);
        let d = parse(&src).unwrap_err();
        assert_eq!(&text[d.span.unwrap()], "\"2026-02-30\"");
        let text = "{\"language\": \"så\", \"format\": \"one\"}";
        let d = parse(&SourceFile::new("t.json", text.into(), Syntax::Json)).unwrap_err();
        assert_eq!(&text[d.span.unwrap()], "\"one\"");
    }

    #[test]
    fn another_format_is_refused() {
        let d = toml_case(&MINIMAL.replace("format = 1", "format = 3")).unwrap_err();
        assert_eq!(d.code, "format");
    }

    #[test]
    fn invalid_utf8_and_huge_files_are_refused() {
        assert!(matches!(from_bytes("x", None, vec![b'a', 0xff]), Err(Error::NotUtf8 { offset: 1, .. })));
        let latin1 = b"format = 1\nname = \"G\xf6ran\"\n".to_vec();
        let e = from_bytes("x", None, latin1).unwrap_err();
        assert!(matches!(e, Error::NotUtf8 { line: 2, column: 10, byte: 0xF6, .. }), "{e:?}");
        let huge = vec![b' '; MAX_CASE_BYTES + 1];
        assert!(matches!(from_bytes("x", None, huge), Err(Error::TooLarge { .. })));
    }

    #[test]
    fn typos_are_matched_but_unrelated_words_are_not() {
        assert_eq!(closest("valid_untill", &["date", "valid_until"]), Some("valid_until"));
        assert_eq!(closest("banana", &["date", "valid_until"]), None);
    }
}
