//! A case file's text, kept beside the parsed values so every diagnostic can
//! point at a line and column, and the paths that name a value in it.
//! It sits below both the case reader and the errors, which both hold one.

use std::ops::Range;
use std::path::{Path, PathBuf};

/// One step of a path into the case: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

/// Where values of the current format came from in a format-1 file: pairs
/// of (path now, path in the file), longest first (see `case::v1`).
pub type Moved = Vec<(Vec<Step>, Vec<Step>)>;

/// Interns a key of the case types as `&'static str`, for a [`Step`]. The
/// set is small and fixed (the field names of `Case`), so the leak is
/// bounded.
pub(crate) fn static_key(key: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static KEYS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut keys = KEYS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    match keys.get(key) {
        Some(k) => k,
        None => {
            let k: &'static str = Box::leak(key.to_owned().into_boxed_str());
            keys.insert(k);
            k
        }
    }
}

/// The two spellings of a case file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Toml,
    Json,
}

/// The text of one case file and where it came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// How the file is named in messages (its path as given, or `<stdin>`).
    pub name: String,
    pub path: Option<PathBuf>,
    pub text: String,
    pub syntax: Syntax,
    /// For a file in an earlier format, where the values it holds stood in
    /// it (see `case::v1`); empty for a file in the current format.
    pub moved: Moved,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: String, syntax: Syntax) -> Self {
        Self { name: name.into(), path: None, text, syntax, moved: Vec::new() }
    }

    /// Decides TOML or JSON: by extension, else by the first character.
    pub fn guess_syntax(path: Option<&Path>, text: &str) -> Syntax {
        match path.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Syntax::Json,
            Some(e) if e.eq_ignore_ascii_case("toml") => Syntax::Toml,
            _ if text.trim_start().starts_with('{') => Syntax::Json,
            _ => Syntax::Toml,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    /// Byte offset of a 1-based line and a 1-based column counted in bytes,
    /// as serde_json counts them.
    pub fn byte_offset(&self, line: usize, column: usize) -> usize {
        let start = self.offset(line, 1);
        let at = (start + column.saturating_sub(1)).min(self.text.len());
        floor_char_boundary(&self.text, at)
    }

    /// Byte offset of a 1-based line and column (in characters).
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let mut start = 0;
        for _ in 1..line {
            match self.text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[start..];
        start + rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
    }

    /// Clamps a span to the text, on character boundaries.
    pub fn clamp(&self, span: Range<usize>) -> Range<usize> {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, span.end.clamp(start, self.text.len()));
        start..end
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("x", "a = 1\nnamn = \"Åsa\"\n".into(), Syntax::Toml);
        let at = f.text.find("\"Åsa").unwrap();
        assert_eq!(f.line_col(at), (2, 8));
        assert_eq!(f.offset(2, 8), at);
        let after_a = f.text.find("sa\"").unwrap();
        assert_eq!(f.line_col(after_a), (2, 10));
    }

    #[test]
    fn syntax_follows_extension_then_content() {
        assert_eq!(SourceFile::guess_syntax(Some(Path::new("a.JSON")), ""), Syntax::Json);
        assert_eq!(SourceFile::guess_syntax(None, "  {\"a\":1}"), Syntax::Json);
        assert_eq!(SourceFile::guess_syntax(Some(Path::new("a.txt")), "a = 1"), Syntax::Toml);
    }
}
