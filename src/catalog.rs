//! The text catalogue: every fixed word the forms print, per language, in
//! `lang/<code>/text.toml`, and the language's own rules (direction, the
//! genitive, form names) in `lang/<code>/language.toml`. Sentences are
//! minijinja templates filled with the case's values as plain text; they
//! never produce Typst source.

use std::collections::BTreeMap;

use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Deserialize;

use crate::error::Error;
use crate::resources::Resources;

#[derive(Debug)]
pub struct Catalog {
    file: String,
    /// The language's rules, `language.toml`, as the user knows the file.
    rules_file: String,
    entries: BTreeMap<String, toml::Value>,
    env: Environment<'static>,
    language: Language,
}

/// A language's rules, as `lang/<code>/language.toml` writes them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The language's name in itself ("suomi").
    pub name: String,
    /// Its name in English ("Finnish").
    pub english_name: String,
    /// The code Typst gets for the text.
    pub typst: String,
    /// "ltr" or "rtl".
    pub direction: Direction,
    #[serde(default)]
    pub genitive: Genitive,
    /// Between the items of a list in words, before the last one's "and":
    /// ", " ("A, B och C"); Arabic writes "، ".
    #[serde(default = "comma")]
    pub list_separator: String,
    /// Form names in this language, by the form's English name.
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// What becomes of an emoji no embedded font can print.
    #[serde(default)]
    pub emoji: Emoji,
}

/// What becomes of an emoji no embedded font can print: refused (an error
/// at its field, the default: it may carry meaning a reader needs), or
/// replaced by words of the language, with a warning at its field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emoji {
    #[serde(default)]
    pub policy: EmojiPolicy,
    /// What an emoji is printed as when replaced ("(emoji)").
    #[serde(default)]
    pub replacement: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmojiPolicy {
    #[default]
    Refuse,
    Replace,
}

impl Emoji {
    /// The replacement, when emoji are replaced.
    pub fn replacement(&self) -> Option<&str> {
        (self.policy == EmojiPolicy::Replace).then_some(self.replacement.as_str())
    }
}

fn comma() -> String {
    ", ".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// The genitive the `genitive` filter adds to a name.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Genitive {
    #[serde(default)]
    pub suffix: String,
    /// Endings after which the name takes no suffix.
    #[serde(default)]
    pub none_after: Vec<String>,
}

impl Genitive {
    /// "Annas", "Elias" (Swedish); "Anna" where names do not inflect.
    pub fn apply(&self, name: &str) -> String {
        let lower = name.to_lowercase();
        if name.is_empty() || self.none_after.iter().any(|e| lower.ends_with(&e.to_lowercase())) {
            name.to_owned()
        } else {
            format!("{name}{}", self.suffix)
        }
    }
}

impl Catalog {
    /// Loads the catalogue of a language from the resources.
    pub fn load(resources: &Resources, language: &str) -> Result<Self, Error> {
        let text_name = format!("lang/{language}/text.toml");
        let rules_name = format!("lang/{language}/language.toml");
        let file = resources.describe(&text_name);
        let missing = || Error::Catalog {
            file: file.clone(),
            message: format!("there is no catalogue for the language `{language}`"),
        };
        let text = resources.text(&text_name).map_err(|_| missing())?;
        let rules = resources.text(&rules_name).map_err(|_| missing())?;
        let rules_file = resources.describe(&rules_name);
        let language: Language =
            toml::from_str(&rules).map_err(|e| Error::Catalog { file: rules_file.clone(), message: e.to_string() })?;
        let mut catalog = Self::parse_with(&file, &text, language)?;
        catalog.rules_file = rules_file;
        Ok(catalog)
    }

    /// A Swedish-rules catalogue of the given text (for tests and tools).
    pub fn parse(file: &str, text: &str) -> Result<Self, Error> {
        let rules = crate::resources::EMBEDDED
            .iter()
            .find(|(n, _)| *n == "lang/sv/language.toml")
            .and_then(|(_, b)| std::str::from_utf8(b).ok())
            .expect("the Swedish rules are built in");
        let language = toml::from_str(rules).expect("the built-in Swedish rules read");
        Self::parse_with(file, text, language)
    }

    fn parse_with(file: &str, text: &str, language: Language) -> Result<Self, Error> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| Error::Catalog { file: file.into(), message: e.to_string() })?;
        let mut entries = BTreeMap::new();
        flatten("", toml::Value::Table(table), &mut entries);
        let mut env = Environment::new();
        // A sentence that names a value the case lacks is a bug in the form
        // definition or the catalogue; it must fail, not print a gap.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_keep_trailing_newline(false);
        let genitive = language.genitive.clone();
        env.add_filter("genitive", move |name: String| genitive.apply(&name));
        // A phone number or a date kept on one line: its spaces do not break.
        env.add_filter("nobreak", |s: String| s.replace(' ', "\u{a0}"));
        // A list in words: `names | and_list("och")` is "A, B och C".
        let separator = language.list_separator.clone();
        let rtl = language.direction == Direction::Rtl;
        env.add_filter("and_list", move |items: Vec<String>, and: String| {
            let items: Vec<String> = items.into_iter().map(|i| if rtl { isolate(&i) } else { i }).collect();
            join_words(&items, &separator, &and)
        });
        if rtl {
            // A Swedish value inside a right-to-left sentence ("... مع Elena
            // Andersson.") is isolated (Unicode UAX #9, FSI ... PDI), so that
            // the bidi algorithm orders it as one piece, its own punctuation
            // intact, and the sentence keeps the form's direction.
            env.set_formatter(|out, state, value| match value.as_str() {
                Some(s) if needs_isolating(s) => out
                    .write_str(&isolate(s))
                    .map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write the value")),
                _ => minijinja::escape_formatter(out, state, value),
            });
        }
        Ok(Self { file: file.into(), rules_file: "language.toml".into(), entries, env, language })
    }

    /// The language's rules.
    pub fn language(&self) -> &Language {
        &self.language
    }

    /// Every key of the text, flattened ("plan.goals.title"): for the tests
    /// that hold the catalogues to the same keys.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The text file, as the user knows it (`lang/sv/text.toml (built in)`,
    /// or the path of one added with `--templates`).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The rules file, `language.toml`, as the user knows it.
    pub fn rules_file(&self) -> &str {
        &self.rules_file
    }

    /// Every text of the catalogue as written, with its key (a list's
    /// items as `dates.months[0]`): what the forms may print of it.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        for (key, value) in &self.entries {
            match value {
                toml::Value::String(s) => out.push((key.clone(), s.as_str())),
                toml::Value::Array(items) => {
                    out.extend(items.iter().enumerate().filter_map(|(i, v)| Some((format!("{key}[{i}]"), v.as_str()?))))
                }
                _ => {}
            }
        }
        out
    }

    fn error(&self, message: String) -> Error {
        Error::Catalog { file: self.file.clone(), message }
    }

    /// The raw text of an entry.
    pub fn raw(&self, key: &str) -> Result<&str, Error> {
        match self.entries.get(key) {
            Some(toml::Value::String(s)) => Ok(s),
            Some(_) => Err(self.error(format!("`{key}` is not a text"))),
            None => Err(self.error(format!("`{key}` is missing"))),
        }
    }

    /// A list entry, e.g. the month names.
    pub fn list(&self, key: &str) -> Result<Vec<String>, Error> {
        match self.entries.get(key) {
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| self.error(format!("`{key}` must list texts"))))
                .collect(),
            _ => Err(self.error(format!("`{key}` is missing or not a list"))),
        }
    }

    /// An entry filled in with values from `ctx`.
    pub fn render(&self, key: &str, ctx: &Value) -> Result<String, Error> {
        let source = self.raw(key)?;
        if !source.contains("{{") && !source.contains("{%") {
            return Ok(source.to_owned());
        }
        self.env
            .render_str(source, ctx)
            .map(|s| s.trim().to_owned())
            .map_err(|e| self.error(format!("`{key}`: {}", describe(&e))))
    }

    /// A list entry, each item filled in with values from `ctx`.
    /// A list of sentences, each rendered; an item that renders empty (a
    /// sentence under an `{% if %}` that does not hold) is left out.
    pub fn render_list(&self, key: &str, ctx: &Value) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        for item in self.list(key)? {
            let text = self.env.render_str(&item, ctx).map_err(|e| self.error(format!("`{key}`: {}", describe(&e))))?;
            if !text.trim().is_empty() {
                out.push(text.trim().to_owned());
            }
        }
        Ok(out)
    }

    /// Evaluates an expression of a form definition (`meeting.link`,
    /// `evaluation.decision == "close"`) against the case's values.
    pub fn eval(&self, expr: &str, ctx: &Value, origin: &str) -> Result<Value, Error> {
        let compiled = self.env.compile_expression(expr).map_err(|e| Error::FormDefinition {
            file: origin.into(),
            message: format!("`{expr}`: {}", describe(&e)),
        })?;
        compiled
            .eval(ctx)
            .map_err(|e| Error::FormDefinition { file: origin.into(), message: format!("`{expr}`: {}", describe(&e)) })
    }
}

fn describe(e: &minijinja::Error) -> String {
    let mut out = e.to_string();
    if let Some(detail) = e.detail() {
        if !out.contains(detail) {
            out.push_str(": ");
            out.push_str(detail);
        }
    }
    out
}

fn flatten(prefix: &str, value: toml::Value, out: &mut BTreeMap<String, toml::Value>) {
    match value {
        toml::Value::Table(table) => {
            for (k, v) in table {
                let key = if prefix.is_empty() { k } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        other => {
            out.insert(prefix.to_owned(), other);
        }
    }
}

/// A catalogue sentence taken apart: its own text outside the tags, and
/// the inside of each `{{ }}` and `{% %}` tag in order (`{# #}` comments
/// are neither). An unclosed tag runs to the end.
pub fn split_tags(source: &str) -> (String, Vec<&str>) {
    let (mut own, mut tags) = (String::new(), Vec::new());
    let mut rest = source;
    while let Some(start) = rest.find('{') {
        own.push_str(&rest[..start]);
        let tail = &rest[start..];
        let close = match tail.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                own.push('{');
                rest = &tail[1..];
                continue;
            }
        };
        let end = tail.find(close).unwrap_or(tail.len());
        if close != "#}" {
            tags.push(&tail[2..end]);
        }
        rest = tail.get(end + 2..).unwrap_or("");
    }
    own.push_str(rest);
    (own, tags)
}

/// The names a sentence refers to inside its tags (`person.first_name`,
/// `consent.given_by`), without string literals: what must be the same in
/// every language's version of the sentence.
pub fn references(source: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for mut tag in split_tags(source).1 {
        // Words inside quotes are the language's own ('och', 'Jag').
        let mut code = String::new();
        while let Some(q) = tag.find(['\'', '"']) {
            code.push_str(&tag[..q]);
            let quote = &tag[q..q + 1];
            tag = tag[q + 1..].find(quote).map_or("", |e| &tag[q + 1 + e + 1..]);
            code.push(' ');
        }
        code.push_str(tag);
        for word in code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')) {
            // The template's own words are not values: a language may
            // need another branch (Arabic's dual) where Swedish has none.
            const SYNTAX: &[&str] =
                &["if", "elif", "else", "endif", "and", "or", "not", "is", "in", "true", "false", "none"];
            if word.chars().next().is_some_and(char::is_alphabetic) && !SYNTAX.contains(&word) {
                out.insert(word.to_owned());
            }
        }
    }
    out
}

/// Unicode's left-to-right isolate, first strong isolate and pop
/// directional isolate (UAX #9).
pub const LEFT_TO_RIGHT_ISOLATE: char = '\u{2066}';
pub const FIRST_STRONG_ISOLATE: char = '\u{2068}';
pub const POP_DIRECTIONAL_ISOLATE: char = '\u{2069}';

/// Whether a value in a right-to-left sentence needs isolating: it has
/// letters of a left-to-right script (a Swedish name or place), or digits.
/// Digits after Arabic letters are Arabic numbers to the bidi algorithm
/// (UAX #9, rule W2), and a hyphen or a space between two of them is not
/// part of the number (W4 joins Arabic numbers across a comma or colon
/// only): "054-61 00 10" would be laid out as "61 00 10-054". In an
/// isolate the digits have no Arabic letter before them.
fn needs_isolating(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit() || (c.is_alphabetic() && !is_right_to_left(c)))
}

/// Whether a text is one isolate already (a date, see `Formatter::date`).
fn is_isolated(s: &str) -> bool {
    s.starts_with(['\u{2066}', '\u{2067}', '\u{2068}'])
        && s.ends_with(POP_DIRECTIONAL_ISOLATE)
        && s.matches(POP_DIRECTIONAL_ISOLATE).count() == 1
}

/// A text that must read left to right whatever is around it (a
/// personnummer after an Arabic label), in a left-to-right isolate.
pub fn left_to_right(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("{LEFT_TO_RIGHT_ISOLATE}{s}{POP_DIRECTIONAL_ISOLATE}")
    }
}

/// Letters of the Arabic and Hebrew scripts, and their presentation forms.
fn is_right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// A value isolated, when it needs it, in a right-to-left sentence.
pub(crate) fn isolate(s: &str) -> String {
    if needs_isolating(s) && !is_isolated(s) {
        format!("{FIRST_STRONG_ISOLATE}{s}{POP_DIRECTIONAL_ISOLATE}")
    } else {
        s.to_owned()
    }
}

/// "a, b och c", with the language's separator and word for "and".
pub fn join_words(items: &[String], separator: &str, and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(separator)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A language counts in its own forms: Arabic has a dual (خدمتان) and
    /// counts from 11 with the singular; the catalogue says so, not code.
    #[test]
    fn arabic_counts_with_its_dual() {
        let ar = Catalog::load(&Resources::embedded(), "ar").unwrap();
        let said = |n: u32| ar.render("plan.law.needed_value", &minijinja::context! { n }).unwrap();
        assert!(said(1).starts_with("خدمة واحدة"), "{}", said(1));
        assert!(said(2).starts_with("خدمتان"), "{}", said(2));
        assert!(said(5).starts_with("5 خدمات"), "{}", said(5));
        assert!(said(12).starts_with("12 خدمة"), "{}", said(12));
    }

    #[test]
    fn references_are_the_names_in_tags_not_the_words_in_quotes() {
        let refs = references("{% if a.b == 'x' %}{{ (['Jag'] + c) | and_list('och') }} text{% endif %}");
        let want: Vec<&str> = vec!["a.b", "and_list", "c"];
        assert_eq!(refs.iter().map(String::as_str).collect::<Vec<_>>(), want);
    }

    /// Every language has every key Swedish has and no other, lists of the
    /// same length, sentences that refer to the same values, and rules that
    /// read: a missing or stray key, or a placeholder that differs, fails.
    #[test]
    fn every_catalogue_has_the_same_keys_and_placeholders_as_swedish() {
        let resources = Resources::embedded();
        let languages = resources.languages();
        assert!(languages.len() >= 4, "{languages:?}");
        let sv = Catalog::load(&resources, "sv").unwrap();
        for code in &languages {
            let other = Catalog::load(&resources, code).unwrap_or_else(|e| panic!("{code}: {e}"));
            let (a, b): (Vec<&str>, Vec<&str>) = (sv.keys().collect(), other.keys().collect());
            let missing: Vec<_> = a.iter().filter(|k| !b.contains(k)).collect();
            let stray: Vec<_> = b.iter().filter(|k| !a.contains(k)).collect();
            assert!(missing.is_empty() && stray.is_empty(), "{code}: missing {missing:?}, not in Swedish {stray:?}");
            for key in a {
                let (x, y) = (&sv.entries[key], &other.entries[key]);
                match (x, y) {
                    (toml::Value::String(x), toml::Value::String(y)) => {
                        assert_eq!(references(x), references(y), "{code}: `{key}` refers to other values");
                        let braces = |s: &str| {
                            ["{n}", "{day}", "{month}", "{year}", "{weekday}", "{date}", "{hours}", "{minutes}"]
                                .map(|p| s.contains(p))
                        };
                        assert_eq!(braces(x), braces(y), "{code}: `{key}` has other placeholders");
                    }
                    (toml::Value::Array(x), toml::Value::Array(y)) => {
                        assert_eq!(x.len(), y.len(), "{code}: `{key}` has another length");
                        for (x, y) in x.iter().zip(y) {
                            let (x, y) = (x.as_str().unwrap_or(""), y.as_str().unwrap_or(""));
                            assert_eq!(references(x), references(y), "{code}: an item of `{key}`");
                        }
                    }
                    _ => assert_eq!(x.type_str(), y.type_str(), "{code}: `{key}` is of another kind"),
                }
            }
        }
    }

    #[test]
    fn the_check_fails_on_a_stray_placeholder() {
        assert_ne!(references("Hej {{ person.first_name }}"), references("Hello {{ person.name }}"));
        assert_eq!(references("Hej {{ person.first_name }}"), references("Hello {{ person.first_name }}!"));
    }

    fn catalog(text: &str) -> Catalog {
        Catalog::parse("test.toml", text).unwrap()
    }

    #[test]
    fn sentences_are_filled_with_values_as_plain_text() {
        let c = catalog("[meeting]\nwhen = \"Mötet är {{ meeting.date }}.\"");
        let ctx = Value::from_serialize(serde_json::json!({"meeting": {"date": "{{ 1 + 1 }} #read(\"/etc/passwd\")"}}));
        assert_eq!(c.render("meeting.when", &ctx).unwrap(), "Mötet är {{ 1 + 1 }} #read(\"/etc/passwd\").");
    }

    #[test]
    fn a_missing_value_is_an_error_not_a_gap() {
        let c = catalog("s = \"Hej {{ person.name }}\"");
        let err = c.render("s", &Value::from_serialize(serde_json::json!({}))).unwrap_err();
        assert!(err.to_string().contains("`s`"), "{err}");
    }

    #[test]
    fn missing_keys_and_lists_are_reported() {
        let c = catalog("months = [\"januari\"]");
        assert_eq!(c.list("months").unwrap(), ["januari"]);
        assert!(c.raw("nothing").unwrap_err().to_string().contains("`nothing` is missing"));
    }

    #[test]
    fn a_name_in_the_genitive_takes_an_s_unless_it_ends_in_one() {
        let c = catalog("s = \"{{ name | genitive }} plan\"");
        let says = |name: &str| c.render("s", &Value::from_serialize(serde_json::json!({ "name": name }))).unwrap();
        assert_eq!(says("Anna"), "Annas plan");
        assert_eq!(says("Elias"), "Elias plan");
        assert_eq!(says("Max"), "Max plan");
        assert_eq!(says("Björn"), "Björns plan");
    }

    #[test]
    fn the_swedish_catalogue_parses() {
        let c = Catalog::load(&Resources::embedded(), "sv").unwrap();
        assert_eq!(c.list("dates.months").unwrap().len(), 12);
        assert_eq!(c.list("dates.weekdays").unwrap().len(), 7);
    }
}
