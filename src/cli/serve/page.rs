//! The web form's page, built once at the start in each of its languages
//! from `web/page.html` (minijinja) and the words in `web/labels.*.toml`.
//! A label the page asks for and the words lack is an error when it is
//! built, and a test builds it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use serde::Deserialize;
use sipform::{Error, FormKind, Renderer};

const PAGE: &str = include_str!("web/page.html");
pub const SCRIPT: &str = include_str!("web/app.js");
pub const STYLE: &str = include_str!("web/app.css");
/// The page's languages: its words, by language code.
const LABELS: [(&str, &str); 2] =
    [("sv", include_str!("web/labels.sv.toml")), ("en", include_str!("web/labels.en.toml"))];

/// The page may run only its own script and style, talk only to this
/// server, and show a PDF preview made in the page (a `blob:` frame).
pub const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
     img-src 'self'; frame-src blob:; object-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The built pages, by language.
pub struct Web {
    pub pages: BTreeMap<&'static str, String>,
}

/// One language's words, as labels.*.toml holds them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labels {
    text: BTreeMap<String, String>,
    words: BTreeMap<String, String>,
    label: BTreeMap<String, String>,
    help: BTreeMap<String, String>,
    noun: BTreeMap<String, String>,
}

impl Web {
    /// Builds the page in every language, with the page token in it. An
    /// error here (a label missing) is sipform's own fault: the tests
    /// build the page.
    pub fn build(renderer: &Renderer, token: &str) -> Result<Web, String> {
        let mut pages = BTreeMap::new();
        for (lang, labels) in LABELS {
            let other = LABELS.iter().map(|(l, _)| *l).find(|l| *l != lang).unwrap_or(lang);
            pages.insert(lang, page(renderer, token, lang, other, labels)?.0);
        }
        Ok(Web { pages })
    }
}

/// One language's page, and the labels it used (`label.person.name`).
fn page(
    renderer: &Renderer,
    token: &str,
    lang: &str,
    other: &str,
    labels: &str,
) -> Result<(String, BTreeSet<String>), String> {
    let labels: Labels = toml::from_str(labels).map_err(|e| format!("labels.{lang}.toml: {e}"))?;
    let labels = Arc::new(labels);
    let used = Arc::new(Mutex::new(BTreeSet::new()));
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    let lookup = |labels: &Arc<Labels>, table: fn(&Labels) -> &BTreeMap<String, String>, kind: &'static str| {
        let (labels, used) = (labels.clone(), used.clone());
        move |key: String| -> Result<String, minijinja::Error> {
            used.lock().unwrap_or_else(|e| e.into_inner()).insert(format!("{kind}.{key}"));
            table(&labels).get(&key).cloned().ok_or_else(|| {
                minijinja::Error::new(minijinja::ErrorKind::UndefinedError, format!("no {kind} `{key}` in labels"))
            })
        }
    };
    env.add_function("t", lookup(&labels, |l| &l.text, "text"));
    env.add_function("label", lookup(&labels, |l| &l.label, "label"));
    env.add_function("help", lookup(&labels, |l| &l.help, "help"));
    env.add_function("noun", lookup(&labels, |l| &l.noun, "noun"));
    let helps = labels.clone();
    env.add_function("has_help", move |key: String| helps.help.contains_key(&key));
    env.add_template("page.html", PAGE).map_err(|e| format!("page.html: {e:#}"))?;
    let forms: Vec<&str> = FormKind::ALL.iter().map(|k| k.name()).collect();
    let context = minijinja::context! {
        lang,
        other_lang => other,
        token,
        forms,
        languages => renderer.language_names(),
        // The script's words, as JSON; the page escapes it as text.
        words => serde_json::to_string(&labels.words).expect("words serialise"),
    };
    let page =
        env.get_template("page.html").and_then(|t| t.render(context)).map_err(|e| format!("page.html: {e:#}"))?;
    let used = used.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Ok((page, used))
}

/// A page token: 128 bits from the system's random source, as hex.
pub fn token() -> Result<String, Error> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).map_err(|e| {
        Error::usage(
            format!("cannot read /dev/urandom for the page token: {e}"),
            format!("kan inte läsa /dev/urandom för sidans token: {e}"),
        )
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let table: toml::Table = toml::from_str(text).unwrap();
        let mut out = Vec::new();
        for (section, values) in table {
            for key in values.as_table().unwrap().keys() {
                out.push(format!("{section}.{key}"));
            }
        }
        out.sort();
        out
    }

    #[test]
    fn every_language_of_the_page_has_the_same_words() {
        let swedish = keys(LABELS[0].1);
        for (lang, text) in &LABELS[1..] {
            assert_eq!(keys(text), swedish, "labels.{lang}.toml");
        }
    }

    fn renderer() -> Renderer {
        Renderer::new(sipform::resources::Resources::embedded()).unwrap()
    }

    #[test]
    fn the_page_builds_in_every_language_and_uses_every_label() {
        let renderer = renderer();
        for (lang, text) in LABELS {
            let (page, used) = page(&renderer, "0123456789abcdef", lang, "xx", text).unwrap();
            assert!(page.contains(&format!("<html lang=\"{lang}\">")));
            let labels: Labels = toml::from_str(text).unwrap();
            let tables =
                [("text", &labels.text), ("label", &labels.label), ("help", &labels.help), ("noun", &labels.noun)];
            for (kind, table) in tables {
                for key in table.keys() {
                    assert!(used.contains(&format!("{kind}.{key}")), "labels.{lang}.toml: {kind} `{key}` is not used");
                }
            }
            // What the script says is looked up as word("key").
            for key in labels.words.keys() {
                assert!(SCRIPT.contains(&format!("word(\"{key}\")")), "labels.{lang}.toml: word `{key}` is not used");
            }
        }
    }

    #[test]
    fn an_unused_or_missing_label_is_found() {
        let renderer = renderer();
        let without = LABELS[0].1.replace("\"person.name\" = \"Namn\"\n", "");
        assert!(page(&renderer, "t", "sv", "en", &without).unwrap_err().contains("person.name"));
        let with = LABELS[0].1.replace("[help]\n", "[help]\n\"person.nickname\" = \"Smeknamn\"\n");
        let (_, used) = page(&renderer, "t", "sv", "en", &with).unwrap();
        assert!(!used.contains("help.person.nickname"));
    }

    #[test]
    fn page_tokens_differ() {
        let (a, b) = (token().unwrap(), token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
