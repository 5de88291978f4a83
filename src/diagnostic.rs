//! Problems found in a case file, with where they are.
//!
//! The library only collects them; the CLI prints them (see `cli::report`).

use std::fmt;
use std::ops::Range;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem: a stable code, what is wrong, where, and what to do.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code, e.g. `syntax` or `unknown-unit`, for integrations to match on.
    pub code: &'static str,
    pub message: String,
    /// Byte range in the case file, when the problem has a place.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Where in the case it is, e.g. `consent.valid_until`, when it is about one value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The message and the hint in Swedish, for users who read Swedish
    /// (issue 13); the English ones stand in where there is none.
    /// (Boxed: most diagnostics pass through `Result`s, and stay small.)
    #[serde(skip)]
    pub swedish: Option<Box<Swedish>>,
}

/// A diagnostic's words in Swedish.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Swedish {
    pub message: String,
    pub hint: Option<String>,
}

/// The language of sipform's own messages: diagnostics, hints and the
/// command line's words. The forms' language is the case's, not this.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Messages {
    #[default]
    English,
    Swedish,
}

impl Messages {
    /// The messages for a POSIX locale name (`sv_SE.UTF-8`, `sv`, `sv_FI`):
    /// Swedish for Swedish, English for every other language.
    pub fn from_locale(name: &str) -> Self {
        let language = name.split(['_', '.', '@', '-']).next().unwrap_or("");
        if language.eq_ignore_ascii_case("sv") {
            Messages::Swedish
        } else {
            Messages::English
        }
    }

    /// One of two wordings.
    pub fn pick<'a>(self, english: &'a str, swedish: &'a str) -> &'a str {
        match self {
            Messages::English => english,
            Messages::Swedish => swedish,
        }
    }
}

/// Something said in both languages, for errors whose words are made
/// outside the diagnostics (a command-line value, a form name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub english: String,
    pub swedish: String,
}

impl Said {
    pub fn new(english: impl Into<String>, swedish: impl Into<String>) -> Self {
        Self { english: english.into(), swedish: swedish.into() }
    }

    pub fn in_language(&self, messages: Messages) -> &str {
        messages.pick(&self.english, &self.swedish)
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.english)
    }
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            path: None,
            hint: None,
            swedish: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(code, message) }
    }

    pub fn at(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.path = (!path.is_empty()).then_some(path);
        self
    }

    /// The path, when there is one.
    pub fn with_path(self, path: Option<String>) -> Self {
        match path {
            Some(path) => self.path(path),
            None => self,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The message in Swedish.
    pub fn sv(mut self, message: impl Into<String>) -> Self {
        self.swedish.get_or_insert_with(Box::default).message = message.into();
        self
    }

    /// The hint in Swedish.
    pub fn hint_sv(mut self, hint: impl Into<String>) -> Self {
        self.swedish.get_or_insert_with(Box::default).hint = Some(hint.into());
        self
    }

    /// The message and the hint in these messages' language; English
    /// where a Swedish wording is missing.
    pub fn words(&self, messages: Messages) -> (&str, Option<&str>) {
        match (messages, &self.swedish) {
            (Messages::Swedish, Some(sv)) if !sv.message.is_empty() => {
                (sv.message.as_str(), sv.hint.as_deref().or(self.hint.as_deref()))
            }
            _ => (self.message.as_str(), self.hint.as_deref()),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swedish_locale_gives_swedish_messages() {
        for name in ["sv", "sv_SE", "sv_SE.UTF-8", "sv_FI.utf8", "SV_se", "sv_SE@euro"] {
            assert_eq!(Messages::from_locale(name), Messages::Swedish, "{name}");
        }
        for name in ["", "C", "C.UTF-8", "POSIX", "en_US.UTF-8", "fi_FI", "svenska", "se_NO"] {
            assert_eq!(Messages::from_locale(name), Messages::English, "{name}");
        }
    }

    #[test]
    fn english_stands_in_for_a_missing_swedish_wording() {
        let d = Diagnostic::error("x", "It is wrong").hint("Fix it");
        assert_eq!(d.words(Messages::Swedish), ("It is wrong", Some("Fix it")));
        let d = d.sv("Det är fel");
        assert_eq!(d.words(Messages::Swedish), ("Det är fel", Some("Fix it")));
        let d = d.hint_sv("Rätta det");
        assert_eq!(d.words(Messages::Swedish), ("Det är fel", Some("Rätta det")));
        assert_eq!(d.words(Messages::English), ("It is wrong", Some("Fix it")));
    }
}
