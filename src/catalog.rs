//! The text catalogue: every fixed word the forms print, per language, in
//! `lang/<code>.toml`. Sentences are minijinja templates filled with the
//! case's values as plain text; they never produce Typst source.

use std::collections::BTreeMap;

use minijinja::{Environment, UndefinedBehavior, Value};

use crate::error::Error;
use crate::resources::Resources;

#[derive(Debug)]
pub struct Catalog {
    file: String,
    entries: BTreeMap<String, toml::Value>,
    env: Environment<'static>,
}

impl Catalog {
    /// Loads the catalogue of a language from the resources.
    pub fn load(resources: &Resources, language: &str) -> Result<Self, Error> {
        let name = format!("lang/{language}.toml");
        let file = resources.describe(&name);
        let text = resources.text(&name).map_err(|_| Error::Catalog {
            file: file.clone(),
            message: format!("there is no catalogue for the language `{language}`"),
        })?;
        Self::parse(&file, &text)
    }

    pub fn parse(file: &str, text: &str) -> Result<Self, Error> {
        let table: toml::Table =
            toml::from_str(text).map_err(|e| Error::Catalog { file: file.into(), message: e.to_string() })?;
        let mut entries = BTreeMap::new();
        flatten("", toml::Value::Table(table), &mut entries);
        let mut env = Environment::new();
        // A sentence that names a value the case lacks is a bug in the form
        // definition or the catalogue; it must fail, not print a gap.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_keep_trailing_newline(false);
        env.add_filter("genitive", genitive);
        // A phone number or a date kept on one line: its spaces do not break.
        env.add_filter("nobreak", |s: String| s.replace(' ', "\u{a0}"));
        // A list in words: `names | and_list("och")` is "A, B och C".
        env.add_filter("and_list", |items: Vec<String>, and: String| crate::model::join_words(&items, &and));
        Ok(Self { file: file.into(), entries, env })
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

/// A name in the Swedish genitive: "Annas", but "Elias" and "Max" as they are,
/// for a name that ends in s, x or z takes no further s (Språkrådet, Svenska
/// skrivregler 2017, 11.3).
fn genitive(name: String) -> String {
    match name.chars().last() {
        Some('s' | 'x' | 'z' | 'S' | 'X' | 'Z') | None => name,
        Some(_) => name + "s",
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

#[cfg(test)]
mod tests {
    use super::*;

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
