//! The HTTP API, `/api/v1`: each handler reads the request, calls the
//! library, and says in its status what went wrong: 400 for a case that
//! does not parse or a bad parameter, 422 for a case that breaks a rule,
//! 413 above 1 MiB, 415 for a body that is neither TOML nor JSON, 503 when
//! every worker is busy. A 500 is sipform's own fault, never the input's.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sipform::case::Loaded;
use sipform::diagnostic::Messages;
use sipform::{case, job, Error, FormKind, ModelOptions};

use clap::ValueEnum;

use super::super::args::{CommonArgs, Recipient, RuleArgs};
use super::super::render::options;
use super::app::App;
use super::guard::{accept_language, problem};
use super::pool::Busy;
use super::zip;

/// The query parameters of `check` and `render`, as the CLI's options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// One form (a name or an alias, as `-f`); every form by default.
    form: Option<String>,
    /// The language to print in (`--lang`).
    lang: Option<String>,
    /// A second language under the first (`--also`).
    also: Option<String>,
    /// The protected variant (`--protected`).
    #[serde(default)]
    protected: bool,
    /// The printing date, YYYY-MM-DD (`--printed`).
    printed: Option<String>,
    /// Large print (`--large-print`).
    #[serde(default)]
    large_print: bool,
    /// With the calendar files (`--ics`); several files come as a zip.
    #[serde(default)]
    ics: bool,
    /// Which follow-up, counting from 1 (`--followup`).
    followup: Option<usize>,
    /// Which plan version, counting from 1 (`--version`).
    version: Option<u32>,
    /// Whom an invitation is for: everyone, person, called or invited (`--to`).
    to: Option<String>,
    /// The convener's own copy of an invitation (`--convener-copy`).
    #[serde(default)]
    convener_copy: bool,
    /// The language of the diagnostics: sv or en; else Accept-Language.
    messages: Option<String>,
}

pub async fn healthz() -> &'static str {
    "ok\n"
}

/// Ready while a render would be let in.
pub async fn readyz(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if app.pool.has_room() {
        "ready\n".into_response()
    } else {
        busy(Busy::Full, accept_language(&headers))
    }
}

pub async fn not_found() -> Response {
    problem(StatusCode::NOT_FOUND, "not-found", "there is nothing here; the API is under /api/v1 (openapi.json)")
}

pub async fn forms() -> Response {
    let forms: Vec<_> =
        FormKind::ALL.iter().map(|k| serde_json::json!({ "name": k.name(), "aliases": k.aliases() })).collect();
    json(StatusCode::OK, &serde_json::json!({ "forms": forms }))
}

pub async fn schema() -> Response {
    json(StatusCode::OK, &sipform::case::schema())
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], include_str!("openapi.json")).into_response()
}

/// `POST /api/v1/check`: the diagnostics, as `check --format json` prints
/// them; 200 when the case has no errors, 422 when it has.
pub async fn check(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    params: Result<Query<Params>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (_, options, form, loaded, messages) = match read(&app, &headers, params, body) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let shared = app.clone();
    let work = move || {
        let found = shared.renderer.check_case(&loaded, form, &options);
        let status = if found.iter().any(|d| d.is_error()) { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
        json(status, &sipform::error::json_report(&loaded.source, &found, messages))
    };
    run(&app, messages, work).await
}

/// `POST /api/v1/render`: one file as itself (a PDF), several as a zip.
pub async fn render(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    params: Result<Query<Params>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (params, options, form, loaded, messages) = match read(&app, &headers, params, body) {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let shared = app.clone();
    let work = move || {
        let request = job::Request { form, ics: params.ics, options: &options, stem: "sip", file_name: None };
        match shared.renderer.job(&loaded, &request) {
            Ok(done) => files(done),
            Err(e) => error(&e, messages),
        }
    };
    run(&app, messages, work).await
}

type Read = (Params, ModelOptions, Option<FormKind>, Loaded, Messages);

/// The parameters, the options they make, and the case from the body.
fn read(
    app: &App,
    headers: &HeaderMap,
    params: Result<Query<Params>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Read, Response> {
    let Query(params) = params.map_err(|e| problem(StatusCode::BAD_REQUEST, "usage", &e.body_text()))?;
    // Above the limit, axum stops reading and says 413.
    let body = body.map_err(|e| {
        let status = e.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            format!("a case file may be at most {} bytes", sipform::case::MAX_CASE_BYTES)
        } else {
            e.body_text()
        };
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE { "too-large" } else { "usage" };
        problem(status, code, &message)
    })?;
    let messages = match params.messages.as_deref() {
        Some("sv") => Messages::Swedish,
        Some("en") => Messages::English,
        Some(other) => {
            return Err(problem(StatusCode::BAD_REQUEST, "usage", &format!("messages={other}: write sv or en")));
        }
        None => accept_language(headers),
    };
    let name = match media_type(headers).as_deref() {
        Some("application/toml" | "text/toml" | "application/x-toml") => "case.toml",
        Some("application/json") => "case.json",
        _ => {
            return Err(problem(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "media-type",
                messages.pick(
                    "send the case as Content-Type: application/toml or application/json",
                    "skicka ärendet som Content-Type: application/toml eller application/json",
                ),
            ))
        }
    };
    let form = params.form.as_deref().map(str::parse::<FormKind>).transpose().map_err(|e| error(&e, messages))?;
    // The command line's options, resolved by the same code as there.
    let to = match params.to.as_deref() {
        None => Recipient::Everyone,
        Some(to) => Recipient::from_str(to, true).map_err(|_| {
            let message = format!("to={to}: write everyone, person, called or invited");
            problem(StatusCode::BAD_REQUEST, "usage", &message)
        })?,
    };
    let common = CommonArgs {
        rules: RuleArgs { printed: params.printed.clone(), consent_months: None, meeting_within_days: None, org: None },
        followup: params.followup,
        version: params.version,
        to,
        protected: params.protected,
        convener_copy: params.convener_copy,
        large_print: params.large_print,
        return_address: None,
        forwarding_address: None,
        templates: None,
        lang: params.lang.clone(),
        also: params.also.clone(),
    };
    let options = options(&common, app.org.as_ref(), false).map_err(|e| error(&e, messages))?;
    let unknown = app.renderer.unknown_languages(&options);
    if let Some(d) = unknown.first() {
        return Err(problem(StatusCode::BAD_REQUEST, d.code, d.words(messages).0));
    }
    // A case that does not parse (syntax, a wrong type, an unknown field)
    // is a bad request; one that parses and breaks a rule, 422.
    let loaded = case::from_bytes(name, Some(std::path::Path::new(name)), body.to_vec()).map_err(|e| match e {
        Error::TooLarge { .. } => error(&e, messages),
        e => json(StatusCode::BAD_REQUEST, &e.json_report(messages)),
    })?;
    Ok((params, options, form, loaded, messages))
}

/// The media type of the body, without parameters, in lower case.
pub fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(value.split(';').next()?.trim().to_ascii_lowercase())
}

/// Runs the work on the render pool.
pub async fn run(app: &App, messages: Messages, work: impl FnOnce() -> Response + Send + 'static) -> Response {
    match app.pool.run(work).await {
        Ok(response) => response,
        Err(why) => busy(why, messages),
    }
}

fn busy(why: Busy, messages: Messages) -> Response {
    let message = match why {
        Busy::Full => messages.pick(
            "every worker is busy and the queue is full; try again in a few seconds",
            "alla arbetare är upptagna och kön är full; försök igen om några sekunder",
        ),
        Busy::TimedOut => messages.pick(
            "the render took longer than the server allows; try again, or render fewer forms at a time",
            "utskriften tog längre tid än servern tillåter; försök igen, eller skriv ut färre blanketter åt gången",
        ),
        Busy::Failed => {
            let message = messages.pick(
                "sipform itself failed; the error is in the server's log",
                "sipform själv gick fel; felet står i serverns logg",
            );
            return problem(StatusCode::INTERNAL_SERVER_ERROR, "internal", message);
        }
    };
    let mut response = problem(StatusCode::SERVICE_UNAVAILABLE, "busy", message);
    response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
    response
}

/// One file as itself; several as a zip of them.
fn files(done: job::Done) -> Response {
    match done.files.as_slice() {
        [one] => {
            let disposition = format!("attachment; filename=\"{}\"", one.name);
            (
                [(header::CONTENT_TYPE, one.media_type().to_owned()), (header::CONTENT_DISPOSITION, disposition)],
                one.bytes.clone(),
            )
                .into_response()
        }
        many => {
            let entries: Vec<(String, Vec<u8>)> = many.iter().map(|f| (f.name.clone(), f.bytes.clone())).collect();
            (
                [
                    (header::CONTENT_TYPE, "application/zip".to_owned()),
                    (header::CONTENT_DISPOSITION, "attachment; filename=\"sip.zip\"".to_owned()),
                ],
                zip::archive(&entries),
            )
                .into_response()
        }
    }
}

/// An error as its status and JSON: the input's fault is a 4xx. A case
/// that reaches the library has parsed, so its findings are rules broken.
fn error(e: &Error, messages: Messages) -> Response {
    let status = match e {
        Error::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        // A case that does not parse, or is not text.
        Error::NotUtf8 { .. } | Error::UnknownForm(_) | Error::Usage(_) | Error::Read { .. } => StatusCode::BAD_REQUEST,
        Error::Invalid(_) | Error::NoData { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        Error::Catalog { .. } | Error::FormDefinition { .. } | Error::Template(_) | Error::Write { .. } => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    json(status, &e.json_report(messages))
}

fn json(status: StatusCode, value: &serde_json::Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], value.to_string()).into_response()
}
