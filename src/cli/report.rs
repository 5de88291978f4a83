//! Printing problems: located diagnostics with the source line marked
//! (codespan-reporting), or JSON for integrations.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use std::ops::Range;

use codespan_reporting::files::{Files, Location, SimpleFile};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use codespan_reporting::term::{self, Config};
use sipform::case::SourceFile;
use sipform::{Diagnostic, Error, Severity};

use super::args::OutputFormat;
use super::exit;
use super::say::{messages, say};

/// Set when `--protected` is given: every case of the run is reported as protected.
static PROTECTED: AtomicBool = AtomicBool::new(false);

/// Reports every case of this run as protected (`--protected`).
pub fn set_protected(on: bool) {
    PROTECTED.store(on, Ordering::Relaxed);
}

/// Whether a case file asks for the protected variant, read from its text
/// so that even a file that does not parse is reported safely.
fn looks_protected(source: &SourceFile) -> bool {
    let compact: String = source.text.chars().filter(|c| !c.is_whitespace()).collect();
    ["protected=true", "violence=true", "\"protected\":true", "\"violence\":true"].iter().any(|p| compact.contains(p))
}

/// Prints the findings about a case. For a protected case the source lines
/// are not shown, since they may hold the very address a finding is about;
/// the file, line, column and path say where to look.
pub fn diagnostics(source: &SourceFile, found: &[Diagnostic], format: OutputFormat) {
    let protected = PROTECTED.load(Ordering::Relaxed) || looks_protected(source);
    match format {
        OutputFormat::Json => {
            let report = sipform::error::json_report(source, found, messages());
            println!("{}", serde_json::to_string_pretty(&report).expect("json"));
        }
        OutputFormat::Human => {
            // termcolor's Auto does not look at whether stderr is a terminal.
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let writer = StandardStream::stderr(if colour { ColorChoice::Auto } else { ColorChoice::Never });
            let config = Config::default();
            for d in found {
                let (message, hint) = d.words(messages());
                let mut report = match d.severity {
                    Severity::Error => Report::error(),
                    Severity::Warning => Report::warning(),
                }
                .with_code(d.code)
                .with_message(message);
                let file = Excerpt::new(source, d.span.clone());
                if protected {
                    let place = d.span.as_ref().map(|s| {
                        let (line, column) = source.line_col(s.start);
                        format!(":{line}:{column}")
                    });
                    let path = d.path.as_ref().map(|p| format!(", `{p}`")).unwrap_or_default();
                    let not_shown =
                        say("the line is not shown: the case is protected", "raden visas inte: ärendet är skyddat");
                    report = report.with_notes(vec![format!(
                        "{} {}{}{path} ({not_shown})",
                        say("in", "i"),
                        source.name,
                        place.unwrap_or_default()
                    )]);
                } else if let Some(span) = &file.span {
                    report = report.with_labels(vec![Label::primary((), span.clone())]);
                } else {
                    report = report.with_notes(vec![format!("{} {}", say("in", "i"), source.name)]);
                }
                if let Some(hint) = hint {
                    report = report.with_notes(vec![format!("{} {hint}", say("hint:", "tips:"))]);
                }
                let _ = term::emit(&mut writer.lock(), &config, &file, &report);
            }
        }
    }
}

pub fn error(e: &Error, format: OutputFormat) {
    if let Error::Invalid(invalid) = e {
        return diagnostics(&invalid.source, &invalid.diagnostics, format);
    }
    match format {
        OutputFormat::Json => println!("{}", e.json_report(messages())),
        OutputFormat::Human => eprintln!("{} {}", say("error:", "fel:"), e.words(messages())),
    }
}

/// The exit code for an error.
pub fn code(e: &Error) -> u8 {
    if e.is_input_error() {
        exit::INVALID
    } else {
        exit::INTERNAL
    }
}

/// A source line longer than this is shown as an excerpt around the place:
/// a minified JSON export is one line, and printing all of it helps no one.
const LONGEST_LINE: usize = 160;

/// The case file as the report shows it: the text, with an overlong line cut
/// down to the part around the span, and the span moved to match. The header
/// still gives the line and column in the real file.
struct Excerpt<'a> {
    file: SimpleFile<&'a str, String>,
    span: Option<Range<usize>>,
    /// Where the span starts in the excerpt, and its line and column in the real file.
    real: Option<(usize, usize, usize)>,
}

impl<'a> Excerpt<'a> {
    fn new(source: &'a SourceFile, span: Option<Range<usize>>) -> Self {
        let text = &source.text;
        let name = source.name.as_str();
        let whole = |span| Self { file: SimpleFile::new(name, text.clone()), span, real: None };
        let Some(span) = span else { return whole(None) };
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[span.start..].find('\n').map_or(text.len(), |i| span.start + i);
        if line_end - line_start <= LONGEST_LINE {
            return whole(Some(span));
        }
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let from = floor(span.start.saturating_sub(LONGEST_LINE / 3).max(line_start));
        let to = floor((span.start + LONGEST_LINE * 2 / 3).min(line_end));
        let (before, after) = (if from > line_start { "…" } else { "" }, if to < line_end { "…" } else { "" });
        let shown = format!("{}{before}{}{after}{}", &text[..line_start], &text[from..to], &text[line_end..]);
        let start = line_start + before.len() + (span.start - from);
        let end = start + (span.end.min(to).max(span.start) - span.start);
        let (line, column) = source.line_col(span.start);
        Self { file: SimpleFile::new(name, shown), span: Some(start..end), real: Some((start, line, column)) }
    }
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Files::name(&self.file, id)
    }

    fn source(&'a self, id: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Files::source(&self.file, id)
    }

    fn line_index(&'a self, id: (), byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        self.file.line_index(id, byte_index)
    }

    fn line_range(&'a self, id: (), line_index: usize) -> Result<Range<usize>, codespan_reporting::files::Error> {
        self.file.line_range(id, line_index)
    }

    fn location(&'a self, id: (), byte_index: usize) -> Result<Location, codespan_reporting::files::Error> {
        match self.real {
            Some((start, line_number, column_number)) if start == byte_index => {
                Ok(Location { line_number, column_number })
            }
            _ => self.file.location(id, byte_index),
        }
    }
}
