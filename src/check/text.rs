//! Every string in the case: not blank, no control characters, not so long
//! (nor any list so long) that no paper form could hold it.

use super::{CheckOptions, Checker};
use crate::case::locate::{self, Step};
use crate::case::Loaded;
use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::source::static_key;

/// The longest text a field may hold, in characters: some ten pages, far
/// beyond any real SIP, and short enough to lay out in well under a second.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The most items a list may hold (actions, goals, participants, ...).
pub const MAX_ITEMS: usize = 500;

pub(super) fn run(c: &mut Checker) {
    let value = serde_json::to_value(c.case).expect("a case always serialises");
    walk(c, &value, &mut Vec::new(), &mut string);
}

/// Every string of the case that holds a character no font of sipform's
/// can draw (a script without a font, an emoji): `unprintable-character`,
/// found here so that a clean check means a clean render, never a failure
/// in the PDF export.
pub fn unprintable(
    loaded: &Loaded,
    options: &CheckOptions,
    printable: &dyn Fn(char) -> bool,
    emoji_replacement: Option<&str>,
) -> Vec<Diagnostic> {
    let mut c = Checker::new(loaded, options);
    let value = serde_json::to_value(c.case).expect("a case always serialises");
    walk(&mut c, &value, &mut Vec::new(), &mut |c: &mut Checker, s: &str, path: &[Step]| {
        let mut missing: Vec<char> = Vec::new();
        for ch in s.chars().filter(|ch| !needs_no_glyph(*ch) && !printable(*ch)) {
            if !missing.contains(&ch) {
                missing.push(ch);
            }
        }
        // The language replaces emoji: a warning says which, and where.
        if let Some(replacement) = emoji_replacement {
            let (emoji, others): (Vec<char>, Vec<char>) = missing.iter().partition(|ch| is_emoji(**ch));
            if !emoji.is_empty() {
                let field = locate::display(path);
                let shown: String = emoji.iter().collect();
                c.push(
                    path,
                    Diagnostic::warning(
                        "emoji-replaced",
                        format!("`{field}` holds emoji ({shown}) that no font can print: the forms print {replacement:?} in their place"),
                    )
                    .sv(format!(
                        "`{field}` innehåller emojier ({shown}) som inget typsnitt kan skriva ut: blanketterna skriver {replacement:?} i stället"
                    ))
                    .hint("if the emoji says something the reader needs, write it in words")
                    .hint_sv("om emojin säger något som läsaren behöver veta, skriv det med ord"),
                );
            }
            missing = others;
        }
        if missing.is_empty() {
            return;
        }
        let field = locate::display(path);
        let shown: Vec<String> = missing.iter().take(5).map(|ch| format!("{ch:?} (U+{:04X})", *ch as u32)).collect();
        let more = if missing.len() > 5 { format!(" and {} more", missing.len() - 5) } else { String::new() };
        let emoji = missing.iter().all(|ch| is_emoji(*ch));
        let (what, what_sv) = if emoji { ("emoji", "emojier") } else { ("characters", "tecken") };
        let more_sv = if missing.len() > 5 { format!(" och {} till", missing.len() - 5) } else { String::new() };
        c.push(
            path,
            Diagnostic::error(
                "unprintable-character",
                format!("`{field}` holds {what} that no font of sipform's can print: {}{more}", shown.join(", ")),
            )
            .sv(format!(
                "`{field}` innehåller {what_sv} som inget av sipforms typsnitt kan skriva ut: {}{more_sv}",
                shown.join(", ")
            ))
            .hint(if emoji {
                "write it in words, or leave it out: the forms print no emoji"
            } else {
                "sipform prints Latin (with the Nordic and Sami letters), Arabic and common symbols: write the text in one of them, a name as it is spelt in Latin letters in the population register"
            })
            .hint_sv(if emoji {
                "skriv det med ord, eller ta bort det: blanketterna skriver inte ut emojier"
            } else {
                "sipform skriver ut latinska bokstäver (med de nordiska och samiska), arabiska och vanliga symboler: skriv texten med dem, och ett namn så som det stavas med latinska bokstäver i folkbokföringen"
            }),
        );
    });
    // A list too long is the case rules' to report, once.
    c.found.retain(|d| d.code == "unprintable-character" || d.code == "emoji-replaced");
    c.found
}

/// A text of a catalogue that holds characters no font of sipform's can
/// draw: the file, the key, and the characters as a message shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnprintableText {
    pub file: String,
    pub key: String,
    pub shown: String,
    /// How many more there are than `shown` shows.
    pub more: usize,
}

impl UnprintableText {
    /// "`plan.actions.title` holds characters that no font ... 'ማ' (U+121B)".
    pub fn message(&self) -> String {
        let more = if self.more > 0 { format!(" and {} more", self.more) } else { String::new() };
        format!("`{}` holds characters that no font of sipform's can print: {}{more}", self.key, self.shown)
    }

    fn message_sv(&self) -> String {
        let more = if self.more > 0 { format!(" och {} till", self.more) } else { String::new() };
        format!("`{}` innehåller tecken som inget av sipforms typsnitt kan skriva ut: {}{more}", self.key, self.shown)
    }

    /// As a finding of `check`: `unprintable-character`, naming the file.
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::error("unprintable-character", format!("the catalogue `{}`: {}", self.file, self.message()))
            .sv(format!("katalogen `{}`: {}", self.file, self.message_sv()))
            .hint("sipform prints Latin (with the Nordic and Sami letters), Arabic and common symbols: the forms cannot be printed in this language's script")
            .hint_sv("sipform skriver ut latinska bokstäver (med de nordiska och samiska), arabiska och vanliga symboler: blanketterna kan inte skrivas ut med det här språkets skrift")
    }
}

/// Every text of a catalogue (the output language's, or the second one's
/// with `--also`) that holds a character no font of sipform's can draw.
/// A language added with `--templates` in a script sipform has no font for
/// (Tigrinya, in Ethiopic letters) would otherwise pass the check and fail
/// in the PDF export. Emoji the language replaces (`emoji_replacement`)
/// are replaced in the catalogue's words too (lib.rs, `data`), and so
/// pass; then the replacement must be printable itself, checked with the
/// catalogue whose rules file gives it.
pub fn unprintable_catalogue(
    catalog: &Catalog,
    printable: &dyn Fn(char) -> bool,
    emoji_replacement: Option<&str>,
) -> Vec<UnprintableText> {
    let mut texts: Vec<(&str, String, &str)> =
        catalog.texts().into_iter().map(|(key, text)| (catalog.file(), key, text)).collect();
    if let Some(replacement) = emoji_replacement.filter(|r| catalog.language().emoji.replacement() == Some(*r)) {
        texts.push((catalog.rules_file(), "emoji.replacement".into(), replacement));
    }
    let mut found = Vec::new();
    for (file, key, text) in texts {
        let mut missing: Vec<char> = Vec::new();
        for ch in text.chars().filter(|ch| !needs_no_glyph(*ch) && !printable(*ch)) {
            let replaced = emoji_replacement.is_some() && is_emoji(ch);
            if !replaced && !missing.contains(&ch) {
                missing.push(ch);
            }
        }
        if !missing.is_empty() {
            let shown: Vec<String> =
                missing.iter().take(5).map(|ch| format!("{ch:?} (U+{:04X})", *ch as u32)).collect();
            let more = missing.len().saturating_sub(5);
            found.push(UnprintableText { file: file.to_owned(), key, shown: shown.join(", "), more });
        }
    }
    found
}

/// Characters Typst lays out without a glyph: spaces and line ends, and the
/// invisible format characters (joiners, direction marks, variation
/// selectors) that shape or steer their neighbours.
fn needs_no_glyph(ch: char) -> bool {
    ch.is_whitespace()
        || ch.is_control()
        || matches!(ch, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

/// The emoji blocks, to say what was found in words the user knows.
fn is_emoji(ch: char) -> bool {
    matches!(ch, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}')
}

/// A text with every emoji no font can print replaced, when the language
/// says so (`[emoji]`, see [`unprintable`]): one replacement for what a
/// reader sees as one emoji, with its skin tone, its variation selector,
/// its tags, the emoji it is joined to (U+200D) and a flag's second letter.
pub fn replace_emoji(text: &str, replacement: &str, printable: &dyn Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if !is_emoji(ch) || printable(ch) {
            out.push(ch);
            continue;
        }
        out.push_str(replacement);
        let flag = ('\u{1F1E6}'..='\u{1F1FF}').contains(&ch);
        if flag && chars.peek().is_some_and(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(c)) {
            chars.next();
        }
        while let Some(&next) = chars.peek() {
            match next {
                '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' | '\u{20E3}' => {
                    chars.next();
                }
                '\u{200D}' => {
                    chars.next();
                    if chars.peek().is_some_and(|c| is_emoji(*c)) {
                        chars.next();
                    }
                }
                _ => break,
            }
        }
    }
    out
}

/// Calls `visit` with every string of a case's value and where it is; a list
/// longer than a case may hold is reported, not walked.
fn walk(
    c: &mut Checker,
    value: &serde_json::Value,
    path: &mut Vec<Step>,
    visit: &mut dyn FnMut(&mut Checker, &str, &[Step]),
) {
    match value {
        serde_json::Value::String(s) => visit(c, s, path),
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
                    .sv(format!(
                        "`{}` har {} poster; ett ärende får ha högst {MAX_ITEMS}",
                        locate::display(path),
                        items.len()
                    ))
                    .hint("this is more than any plan can hold; check that the file was exported as intended")
                    .hint_sv(
                        "det är mer än någon plan kan rymma; kontrollera att filen exporterades som det var tänkt",
                    ),
                );
                return;
            }
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(c, item, path, visit);
                path.pop();
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                // Keys come from our own types, so they live as long as the program.
                path.push(Step::Key(static_key(key)));
                walk(c, item, path, visit);
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
                .sv(format!("`{field}` är tom"))
                .hint("write the text, or leave the key out if it is optional")
                .hint_sv("skriv texten, eller ta bort nyckeln om den är frivillig"),
        );
    } else if is_placeholder(s) {
        c.push(
            path,
            Diagnostic::error("placeholder", format!("`{field}` is not filled in: {s}"))
                .sv(format!("`{field}` är inte ifylld: {s}"))
                .hint("write the real value in place of the \"FYLL I\" text (or remove the key if it is optional)")
                .hint_sv("skriv det riktiga värdet i stället för texten \"FYLL I\" (eller ta bort nyckeln om den är frivillig)"),
        );
    } else if let Some(ch) = s.chars().find(|ch| forbidden(*ch)) {
        c.push(
            path,
            Diagnostic::error(
                "control-character",
                format!("`{field}` holds the control character U+{:04X}", ch as u32),
            )
            .sv(format!("`{field}` innehåller styrtecknet U+{:04X}", ch as u32))
            .hint("remove it; it often comes from copying text out of another system")
            .hint_sv("ta bort det; det kommer ofta med när text kopieras från ett annat system"),
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
            .sv(format!(
                "`{field}` är {} tecken lång; ett fält får innehålla högst {MAX_TEXT_CHARS}",
                s.chars().count()
            ))
            .hint("shorten it, or refer to the journal for the details")
            .hint_sv("korta texten, eller hänvisa till journalen för detaljerna"),
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

#[cfg(test)]
mod emoji_tests {
    use super::replace_emoji;

    #[test]
    fn what_a_reader_sees_as_one_emoji_is_replaced_once() {
        let none = |_: char| false;
        let cases = [
            ("Spela fotboll ⚽", "Spela fotboll [e]"),
            ("Bra 👍🏽!", "Bra [e]!"),                           // skin tone
            ("Familj 👨\u{200D}👩\u{200D}👧.", "Familj [e]."), // joined
            ("Flagga 🇸🇪 här", "Flagga [e] här"),               // regional indicators
            ("Hjärta ❤\u{FE0F} och ✓", "Hjärta [e] och [e]"),
            ("Inget här", "Inget här"),
        ];
        for (text, want) in cases {
            assert_eq!(replace_emoji(text, "[e]", &none), want, "{text:?}");
        }
        // What a font can print stays.
        assert_eq!(replace_emoji("✓ klart", "[e]", &|c| c == '✓'), "✓ klart");
    }
}
