//! Finds where a value sits in the case file's text, so that a problem found
//! after parsing (an unknown unit id, say) can still be shown at its line.

use std::ops::Range;

pub use crate::source::Step;
use crate::source::{SourceFile, Syntax};

/// A path into the case, e.g. `plan.actions[2].responsible`.
pub type Path = Vec<Step>;

/// The byte range of the value at `path`, or of the nearest enclosing value
/// that exists.
pub fn locate(source: &SourceFile, path: &[Step]) -> Option<Range<usize>> {
    let path = super::v1::in_file(&source.moved, path);
    match source.syntax {
        Syntax::Toml => locate_toml(&source.text, &path),
        Syntax::Json => json::locate(&source.text, &path),
    }
}

/// A path as the file's own reader knows it: for a file in an earlier
/// format, where the value stands in that file.
pub fn shown(source: &SourceFile, path: &[Step]) -> String {
    display(&super::v1::in_file(&source.moved, path))
}

pub fn display(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k)
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn locate_toml(text: &str, path: &[Step]) -> Option<Range<usize>> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    let mut span = root.span();
    let mut table = Some(root.get_ref());
    let mut array: Option<&toml::de::DeArray> = None;
    for step in path {
        let value = match (step, table, array) {
            (Step::Key(k), Some(t), _) => t.iter().find(|(key, _)| key.get_ref() == k).map(|(_, v)| v),
            (Step::Index(i), _, Some(a)) => a.get(*i),
            _ => None,
        };
        let Some(value) = value else { break };
        span = value.span();
        (table, array) = match value.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
    }
    // A table header's span is the whole table; point at its first line instead.
    let first_line_end = text[span.clone()].find('\n').map_or(span.end, |i| span.start + i);
    Some(span.start..first_line_end)
}

mod json {
    //! Just enough of a JSON reader to find spans; serde_json keeps none.
    use super::Step;
    use std::ops::Range;

    pub fn locate(text: &str, path: &[Step]) -> Option<Range<usize>> {
        let mut r = Reader { b: text.as_bytes(), i: 0 };
        r.ws();
        let mut span = r.i..r.skip_value()?;
        for step in path {
            r.i = span.start;
            let found = match step {
                Step::Key(k) => r.find_key(k),
                Step::Index(n) => r.find_index(*n),
            };
            match found {
                Some(s) => span = s,
                None => break,
            }
        }
        let end = text[span.clone()].find('\n').map_or(span.end, |i| span.start + i);
        Some(span.start..end)
    }

    struct Reader<'a> {
        b: &'a [u8],
        i: usize,
    }

    impl Reader<'_> {
        fn ws(&mut self) {
            while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
        }

        fn eat(&mut self, c: u8) -> Option<()> {
            self.ws();
            (self.b.get(self.i) == Some(&c)).then(|| self.i += 1)
        }

        /// Skips one value starting at `i`, returning its end.
        fn skip_value(&mut self) -> Option<usize> {
            self.ws();
            match *self.b.get(self.i)? {
                b'"' => {
                    self.string()?;
                    Some(self.i)
                }
                open @ (b'{' | b'[') => {
                    let close = if open == b'{' { b'}' } else { b']' };
                    self.i += 1;
                    if self.eat(close).is_some() {
                        return Some(self.i);
                    }
                    loop {
                        if open == b'{' {
                            self.ws();
                            self.string()?;
                            self.eat(b':')?;
                        }
                        self.skip_value()?;
                        if self.eat(b',').is_none() {
                            self.eat(close)?;
                            return Some(self.i);
                        }
                    }
                }
                _ => {
                    let start = self.i;
                    while self.i < self.b.len() && !b",}] \t\r\n".contains(&self.b[self.i]) {
                        self.i += 1;
                    }
                    (self.i > start).then_some(self.i)
                }
            }
        }

        /// Reads a string at `i`, returning its raw contents (escapes left as they are).
        fn string(&mut self) -> Option<&[u8]> {
            if self.b.get(self.i) != Some(&b'"') {
                return None;
            }
            let start = self.i + 1;
            self.i = start;
            while *self.b.get(self.i)? != b'"' {
                self.i += if self.b[self.i] == b'\\' { 2 } else { 1 };
            }
            self.i += 1;
            Some(&self.b[start..self.i - 1])
        }

        fn find_key(&mut self, key: &str) -> Option<Range<usize>> {
            self.eat(b'{')?;
            if self.eat(b'}').is_some() {
                return None;
            }
            loop {
                self.ws();
                let k = self.string()?.to_vec();
                self.eat(b':')?;
                self.ws();
                let start = self.i;
                let end = self.skip_value()?;
                if k == key.as_bytes() {
                    return Some(start..end);
                }
                self.eat(b',')?;
            }
        }

        fn find_index(&mut self, n: usize) -> Option<Range<usize>> {
            self.eat(b'[')?;
            for i in 0.. {
                self.ws();
                let start = self.i;
                let end = self.skip_value()?;
                if i == n {
                    return Some(start..end);
                }
                self.eat(b',')?;
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(src: &'a SourceFile, path: &[Step]) -> &'a str {
        &src.text[locate(src, path).unwrap()]
    }

    #[test]
    fn finds_toml_values() {
        let src = SourceFile::new(
            "c.toml",
            "format = 1\n[plan]\nlead = \"x\"\n[[plan.actions]]\nwhat = \"a\"\n[[plan.actions]]\nwhat = \"b\"\nresponsible = \"nope\"\n".into(),
            Syntax::Toml,
        );
        let path = [Step::Key("plan"), Step::Key("actions"), Step::Index(1), Step::Key("responsible")];
        assert_eq!(at(&src, &path), "\"nope\"");
        assert_eq!(at(&src, &[Step::Key("plan"), Step::Key("lead")]), "\"x\"");
    }

    #[test]
    fn finds_json_values() {
        let src = SourceFile::new(
            "c.json",
            r#"{"format": 1, "plan": {"lead": "x", "actions": [{"what": "a"}, {"what": "b\"", "responsible": "nope"}]}}"#.into(),
            Syntax::Json,
        );
        let path = [Step::Key("plan"), Step::Key("actions"), Step::Index(1), Step::Key("responsible")];
        assert_eq!(at(&src, &path), "\"nope\"");
        assert_eq!(at(&src, &[Step::Key("format")]), "1");
    }

    #[test]
    fn a_missing_step_falls_back_to_the_parent() {
        let src = SourceFile::new("c.json", "{\"plan\": {\"lead\": \"x\"}}".into(), Syntax::Json);
        assert_eq!(at(&src, &[Step::Key("plan"), Step::Key("nothing")]), "{\"lead\": \"x\"}");
        assert_eq!(display(&[Step::Key("plan"), Step::Key("goals"), Step::Index(0)]), "plan.goals[0]");
    }
}
