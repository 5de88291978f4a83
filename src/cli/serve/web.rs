//! The web form at `/`: a page for coordinators who do not write case
//! files. The page is built once at the start, per language, from
//! `web/page.html` (minijinja) and the labels; app.js keeps the case as
//! JSON in the browser and calls the same handlers as the API, under
//! `/app/`, with the per-start page token (see guard.rs). It stores
//! nothing: no cookie, no browser storage, nothing on the server.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sipform::{case, Error, FormKind, Renderer};

use super::guard::{accept_language, problem};
use super::App;

const PAGE: &str = include_str!("web/page.html");
const SCRIPT: &str = include_str!("web/app.js");
const STYLE: &str = include_str!("web/app.css");
/// The page's languages: its words, by language code.
const LABELS: [(&str, &str); 2] =
    [("sv", include_str!("web/labels.sv.toml")), ("en", include_str!("web/labels.en.toml"))];

/// The page may run only its own script and style, talk only to this
/// server, and show a PDF preview made in the page (a `blob:` frame).
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
     img-src 'self'; frame-src blob:; object-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The built pages, by language.
pub struct Web {
    pages: BTreeMap<&'static str, String>,
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

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
}

/// `GET /`: the page, in the language asked for (`?lang=`), else the
/// browser's (Swedish unless it prefers another we have).
pub async fn index(State(app): State<Arc<App>>, headers: HeaderMap, Query(query): Query<PageQuery>) -> Response {
    let Some(web) = &app.web else { return super::api::not_found().await };
    let lang = match query.lang.as_deref() {
        Some(lang) if web.pages.contains_key(lang) => lang,
        _ => browser_language(&headers),
    };
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], web.pages[lang].clone()).into_response();
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_POLICY));
    response
}

/// English for a browser whose first language is English; Swedish, the
/// coordinators' language, otherwise.
fn browser_language(headers: &HeaderMap) -> &'static str {
    let first = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next());
    match first {
        Some(tag) if tag.trim().to_ascii_lowercase().starts_with("en") => "en",
        _ => "sv",
    }
}

pub async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT).into_response()
}

pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// `GET /app/example`: the example case, as the JSON the page edits.
pub async fn example() -> Response {
    match case::from_bytes("example.toml", None, sipform::EXAMPLE.as_bytes().to_vec()) {
        Ok(loaded) => json_text(case::write::to_json(&loaded.case)),
        Err(_) => problem(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the built-in example does not parse"),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Convert {
    /// `json` (the default) or `toml`.
    to: Option<String>,
    /// The name of the file, for messages.
    name: Option<String>,
    messages: Option<String>,
}

/// `POST /app/convert`: a case file (TOML or JSON, a format-1 file
/// upgraded) as JSON for the page to edit, or the page's JSON as a TOML
/// case file to save. A file that does not parse is answered 400 with
/// its diagnostics, located in the file.
pub async fn convert(
    headers: HeaderMap,
    Query(query): Query<Convert>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let messages = match query.messages.as_deref() {
        Some("en") => sipform::diagnostic::Messages::English,
        Some("sv") => sipform::diagnostic::Messages::Swedish,
        _ => accept_language(&headers),
    };
    let body = match body {
        Ok(body) => body,
        Err(e) => return problem(e.status(), "too-large", &e.body_text()),
    };
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json")));
    let name = query.name.unwrap_or_else(|| if json { "case.json".into() } else { "case.toml".into() });
    // The reader picks TOML or JSON by the file's name.
    let as_path = if json { "case.json" } else { "case.toml" };
    match case::from_bytes(&name, Some(std::path::Path::new(as_path)), body.to_vec()) {
        Ok(loaded) => match query.to.as_deref() {
            Some("toml") => {
                ([(header::CONTENT_TYPE, "application/toml; charset=utf-8")], case::write::to_toml(&loaded.case))
                    .into_response()
            }
            Some("json") | None => json_text(case::write::to_json(&loaded.case)),
            Some(other) => problem(StatusCode::BAD_REQUEST, "usage", &format!("to={other}: write json or toml")),
        },
        Err(e @ Error::TooLarge { .. }) => {
            (StatusCode::PAYLOAD_TOO_LARGE, json_body(e.json_report(messages))).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, json_body(e.json_report(messages))).into_response(),
    }
}

fn json_body(value: serde_json::Value) -> ([(header::HeaderName, &'static str); 1], String) {
    ([(header::CONTENT_TYPE, "application/json")], value.to_string())
}

fn json_text(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
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
