//! The library's errors. The CLI turns them into messages and exit codes.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Messages, Said};
use crate::source::SourceFile;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{}`: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },

    #[error("`{name}` is not UTF-8 text: line {line}, column {column} holds the byte 0x{byte:02X} (offset {offset}); save the file as UTF-8 (many systems export Latin-1 or Windows-1252)")]
    NotUtf8 { name: String, offset: usize, line: usize, column: usize, byte: u8 },

    #[error("`{name}` is {size} bytes; a case file may be at most {limit} bytes")]
    TooLarge { name: String, size: usize, limit: usize },

    #[error("`{}` is not a valid case", .0.source.name)]
    Invalid(Box<InvalidCase>),

    #[error("{0}")]
    UnknownForm(Said),

    /// A command-line value is wrong.
    #[error("{0}")]
    Usage(Said),

    #[error("the {form} form cannot be made from this case: {reason}")]
    NoData { form: &'static str, reason: Said },

    #[error("in the text catalogue `{file}`: {message}")]
    Catalog { file: String, message: String },

    #[error("in the form definition `{file}`: {message}")]
    FormDefinition { file: String, message: String },

    #[error("in the template: {0}")]
    Template(String),

    #[error("cannot write `{}`: {source}; choose another output with -o, or check that the folder exists and may be written to", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// A case file and what is wrong with it.
#[derive(Debug)]
pub struct InvalidCase {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// What went wrong, in these messages' language. The words a file or
    /// the system gave (an I/O error, a template author's mistake) stay as
    /// they came.
    pub fn words(&self, messages: Messages) -> String {
        if messages == Messages::English {
            return self.to_string();
        }
        match self {
            Error::Read { path, source } => format!("kan inte läsa `{}`: {source}", path.display()),
            Error::NotUtf8 { name, offset, line, column, byte } => format!(
                "`{name}` är inte UTF-8-text: rad {line}, kolumn {column} har byten 0x{byte:02X} (position {offset}); \
                 spara filen som UTF-8 (många system exporterar Latin-1 eller Windows-1252)"
            ),
            Error::TooLarge { name, size, limit } => {
                format!("`{name}` är {size} byte; en ärendefil får vara högst {limit} byte")
            }
            Error::Invalid(invalid) => format!("`{}` är inte ett giltigt ärende", invalid.source.name),
            Error::UnknownForm(said) | Error::Usage(said) => said.swedish.clone(),
            Error::NoData { form, reason } => {
                format!("blanketten {form} kan inte göras av det här ärendet: {}", reason.swedish)
            }
            Error::Catalog { file, message } => format!("i textkatalogen `{file}`: {message}"),
            Error::FormDefinition { file, message } => format!("i blankettdefinitionen `{file}`: {message}"),
            Error::Template(message) => format!("i mallen: {message}"),
            Error::Write { path, source } => format!(
                "kan inte skriva `{}`: {source}; välj en annan utfil med -o, eller se efter att mappen finns och går att skriva i",
                path.display()
            ),
        }
    }

    /// The error's stable code, for JSON and the HTTP API.
    pub fn code(&self) -> &'static str {
        match self {
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

    /// The error as JSON: the case's findings, or the error itself as one.
    pub fn json_report(&self, messages: Messages) -> serde_json::Value {
        match self {
            Error::Invalid(invalid) => json_report(&invalid.source, &invalid.diagnostics, messages),
            e => {
                serde_json::json!({ "diagnostics": [{ "severity": "error", "code": e.code(), "message": e.words(messages) }] })
            }
        }
    }

    /// A wrong command-line value, said in both languages.
    pub fn usage(english: impl Into<String>, swedish: impl Into<String>) -> Self {
        Error::Usage(Said::new(english, swedish))
    }

    /// Whether the fault lies in the input (as opposed to sipform itself or the system).
    pub fn is_input_error(&self) -> bool {
        !matches!(self, Error::Template(_) | Error::Write { .. })
    }
}

/// The findings about a case as JSON, as `check --format json` prints them
/// and the HTTP API returns them: stable codes, the file, the path in the
/// case, and line and column (1-based) where the case file has them.
pub fn json_report(source: &SourceFile, found: &[Diagnostic], messages: Messages) -> serde_json::Value {
    use serde_json::json;
    let items: Vec<_> = found
        .iter()
        .map(|d| {
            let at = |offset: usize| {
                let (line, column) = source.line_col(offset);
                json!({ "line": line, "column": column, "offset": offset })
            };
            let (start, end) = d.span.as_ref().map_or((None, None), |s| (Some(at(s.start)), Some(at(s.end))));
            let (message, hint) = d.words(messages);
            json!({
                "severity": d.severity,
                "code": d.code,
                "message": message,
                "hint": hint,
                "file": source.name,
                "path": d.path,
                "line": start.as_ref().map(|s| s["line"].clone()),
                "column": start.as_ref().map(|s| s["column"].clone()),
                "start": start,
                "end": end,
            })
        })
        .collect();
    json!({ "diagnostics": items })
}
