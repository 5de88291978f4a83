//! The library's errors. The CLI turns them into messages and exit codes.

use std::path::PathBuf;

use crate::case::SourceFile;
use crate::diagnostic::Diagnostic;

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
    UnknownForm(String),

    /// A command-line value is wrong.
    #[error("{0}")]
    Usage(String),

    #[error("the {form} form cannot be made from this case: {reason}")]
    NoData { form: &'static str, reason: String },

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
    /// Whether the fault lies in the input (as opposed to sipform itself or the system).
    pub fn is_input_error(&self) -> bool {
        !matches!(self, Error::Template(_) | Error::Write { .. })
    }
}
