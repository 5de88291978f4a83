//! The web form at `/`: a page for coordinators who do not write case
//! files (page.rs builds it). app.js keeps the case as JSON in the
//! browser and calls the same handlers as the API, under `/app/`, with the
//! per-start page token (see guard.rs). It stores nothing: no cookie, no
//! browser storage, nothing on the server.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sipform::{case, Error};

use super::api::media_type;
use super::app::App;
use super::guard::{accept_language, first_language, problem};
use super::page::{PAGE_POLICY, SCRIPT, STYLE};

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
}

/// `GET /`: the page, in the language asked for (`?lang=`), else in the
/// browser's first language when the page has it, else in Swedish.
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
    if first_language(headers).starts_with("en") {
        "en"
    } else {
        "sv"
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
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Result<Query<Convert>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Query(query) = match query {
        Ok(query) => query,
        Err(e) => return problem(StatusCode::BAD_REQUEST, "usage", &e.body_text()),
    };
    let messages = match query.messages.as_deref() {
        Some("en") => sipform::diagnostic::Messages::English,
        Some("sv") => sipform::diagnostic::Messages::Swedish,
        _ => accept_language(&headers),
    };
    let body = match body {
        Ok(body) => body,
        Err(e) => return problem(e.status(), "too-large", &e.body_text()),
    };
    let json = media_type(&headers).as_deref() == Some("application/json");
    let name = query.name.unwrap_or_else(|| if json { "case.json".into() } else { "case.toml".into() });
    // The reader picks TOML or JSON by the file's name.
    let as_path = if json { "case.json" } else { "case.toml" };
    let to_toml = match query.to.as_deref() {
        Some("toml") => true,
        Some("json") | None => false,
        Some(other) => return problem(StatusCode::BAD_REQUEST, "usage", &format!("to={other}: write json or toml")),
    };
    // Reading a case of up to 1 MiB is work: it waits for a worker, as a
    // check does.
    let work = move || match case::from_bytes(&name, Some(std::path::Path::new(as_path)), body.to_vec()) {
        Ok(loaded) if to_toml => {
            ([(header::CONTENT_TYPE, "application/toml; charset=utf-8")], case::write::to_toml(&loaded.case))
                .into_response()
        }
        Ok(loaded) => json_text(case::write::to_json(&loaded.case)),
        Err(e @ Error::TooLarge { .. }) => {
            (StatusCode::PAYLOAD_TOO_LARGE, json_body(e.json_report(messages))).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, json_body(e.json_report(messages))).into_response(),
    };
    super::api::run(&app, messages, work).await
}

fn json_body(value: serde_json::Value) -> ([(header::HeaderName, &'static str); 1], String) {
    ([(header::CONTENT_TYPE, "application/json")], value.to_string())
}

fn json_text(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}
