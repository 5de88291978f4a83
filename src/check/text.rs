//! Every string in the case: not blank, no control characters, not so long
//! (nor any list so long) that no paper form could hold it.

use super::{static_key, Checker};
use crate::case::locate::{self, Step};
use crate::diagnostic::Diagnostic;

/// The longest text a field may hold, in characters: some ten pages, far
/// beyond any real SIP, and short enough to lay out in well under a second.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The most items a list may hold (actions, goals, participants, ...).
pub const MAX_ITEMS: usize = 500;

pub(super) fn run(c: &mut Checker) {
    let value = serde_json::to_value(c.case).expect("a case always serialises");
    walk(c, &value, &mut Vec::new());
}

fn walk(c: &mut Checker, value: &serde_json::Value, path: &mut Vec<Step>) {
    match value {
        serde_json::Value::String(s) => string(c, s, path),
        serde_json::Value::Array(items) => {
            if items.len() > MAX_ITEMS {
                c.push(
                    path,
                    Diagnostic::error(
                        "too-many-items",
                        format!(
                            "`{}` has {} items; a case may have at most {MAX_ITEMS}",
                            locate::display(path),
                            items.len()
                        ),
                    )
                    .hint("this is more than any plan can hold; check that the file was exported as intended"),
                );
                return;
            }
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(c, item, path);
                path.pop();
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                // Keys come from our own types, so they live as long as the program.
                path.push(Step::Key(static_key(key)));
                walk(c, item, path);
                path.pop();
            }
        }
        _ => {}
    }
}

fn string(c: &mut Checker, s: &str, path: &[Step]) {
    let field = locate::display(path);
    if s.trim().is_empty() {
        c.push(
            path,
            Diagnostic::error("empty-text", format!("`{field}` is empty"))
                .hint("write the text, or leave the key out if it is optional"),
        );
    } else if is_placeholder(s) {
        c.push(
            path,
            Diagnostic::error("placeholder", format!("`{field}` is not filled in: {s}"))
                .hint("write the real value in place of the \"FYLL I\" text (or remove the key if it is optional)"),
        );
    } else if let Some(ch) = s.chars().find(|ch| forbidden(*ch)) {
        c.push(
            path,
            Diagnostic::error(
                "control-character",
                format!("`{field}` holds the control character U+{:04X}", ch as u32),
            )
            .hint("remove it; it often comes from copying text out of another system"),
        );
    } else if s.chars().count() > MAX_TEXT_CHARS {
        c.push(
            path,
            Diagnostic::error(
                "text-too-long",
                format!(
                    "`{field}` is {} characters long; a field may hold at most {MAX_TEXT_CHARS}",
                    s.chars().count()
                ),
            )
            .hint("shorten it, or refer to the journal for the details"),
        );
    }
}

/// A value of the starter file (`sipform new`) still waiting to be filled in.
pub(super) fn is_placeholder(s: &str) -> bool {
    s.trim_start().starts_with("FYLL I")
}

/// Characters that print as nothing or reorder what is printed. Line breaks
/// and tabs are text; a carriage return comes with Windows line ends.
fn forbidden(ch: char) -> bool {
    (ch.is_control() && !matches!(ch, '\n' | '\t' | '\r'))
        // Bidirectional overrides can make printed text read differently
        // from what was written.
        || matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn blank_text_is_an_error() {
        assert_eq!(codes(&with("name = \"Anna\"", "name = \"  \"")), ["empty-text"]);
    }

    #[test]
    fn control_and_bidi_characters_are_errors_but_line_ends_are_not() {
        assert_eq!(codes(&with("text = \"Mål\"", "text = \"Må\\u0007l\"")), ["control-character"]);
        assert_eq!(codes(&with("text = \"Mål\"", "text = \"Må\\u202El\"")), ["control-character"]);
        assert_eq!(codes(&with("text = \"Mål\"", "text = \"Må\\r\\n\\tl\"")), Vec::<&str>::new());
    }

    #[test]
    fn placeholders_of_the_starter_file_are_errors() {
        assert_eq!(codes(&with("text = \"Mål\"", "text = \"FYLL I delmålet\"")), ["placeholder"]);
    }

    #[test]
    fn overlong_text_and_lists_are_errors() {
        let long = "a".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(codes(&with("situation = \"S\"", &format!("situation = \"{long}\""))), ["text-too-long"]);
        let just = "a".repeat(MAX_TEXT_CHARS);
        assert_eq!(codes(&with("situation = \"S\"", &format!("situation = \"{just}\""))), Vec::<&str>::new());

        let many = vec!["\"Hälsa\""; MAX_ITEMS + 1].join(", ");
        let text = with("information = [\"Hälsa\"]", &format!("information = [{many}]"));
        assert_eq!(codes(&text), ["too-many-items"]);
    }
}
