//! Printing problems: located diagnostics with the source line marked
//! (codespan-reporting), or JSON for integrations.

use std::io::IsTerminal;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use codespan_reporting::term::{self, Config};
use serde_json::json;
use sipform::case::SourceFile;
use sipform::{Diagnostic, Error, Severity};

use super::args::OutputFormat;
use super::exit;

pub fn diagnostics(source: &SourceFile, found: &[Diagnostic], format: OutputFormat) {
    match format {
        OutputFormat::Json => {
            let items: Vec<_> = found
                .iter()
                .map(|d| {
                    let at = |offset: usize| {
                        let (line, column) = source.line_col(offset);
                        json!({ "line": line, "column": column, "offset": offset })
                    };
                    let (start, end) = d.span.as_ref().map_or((None, None), |s| (Some(at(s.start)), Some(at(s.end))));
                    json!({
                        "severity": d.severity,
                        "code": d.code,
                        "message": d.message,
                        "hint": d.hint,
                        "file": source.name,
                        "path": d.path,
                        "line": start.as_ref().map(|s| s["line"].clone()),
                        "column": start.as_ref().map(|s| s["column"].clone()),
                        "start": start,
                        "end": end,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&json!({ "diagnostics": items })).expect("json"));
        }
        OutputFormat::Human => {
            let file = SimpleFile::new(source.name.as_str(), source.text.as_str());
            // termcolor's Auto does not look at whether stderr is a terminal.
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let writer = StandardStream::stderr(if colour { ColorChoice::Auto } else { ColorChoice::Never });
            let config = Config::default();
            for d in found {
                let mut report = match d.severity {
                    Severity::Error => Report::error(),
                    Severity::Warning => Report::warning(),
                }
                .with_code(d.code)
                .with_message(&d.message);
                if let Some(span) = &d.span {
                    report = report.with_labels(vec![Label::primary((), span.clone())]);
                } else {
                    report = report.with_notes(vec![format!("in {}", source.name)]);
                }
                if let Some(hint) = &d.hint {
                    report = report.with_notes(vec![format!("hint: {hint}")]);
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
        OutputFormat::Json => println!(
            "{}",
            json!({ "diagnostics": [{ "severity": "error", "code": code_name(e), "message": e.to_string() }] })
        ),
        OutputFormat::Human => eprintln!("error: {e}"),
    }
}

fn code_name(e: &Error) -> &'static str {
    match e {
        Error::Read { .. } => "read",
        Error::NotUtf8 { .. } => "not-utf8",
        Error::TooLarge { .. } => "too-large",
        Error::Invalid(_) => "invalid",
        Error::UnknownForm(_) => "unknown-form",
        Error::Usage(_) => "usage",
        Error::NoData { .. } => "no-data",
        Error::Catalog { .. } => "catalog",
        Error::FormDefinition { .. } => "form-definition",
        Error::Template(_) => "template",
        Error::Write { .. } => "write",
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
