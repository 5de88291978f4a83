//! What every request passes before it reaches a handler, and what every
//! response carries.
//!
//! - **Host**: on loopback, only a Host header that names this machine is
//!   answered. A web page elsewhere can point its own name at 127.0.0.1
//!   (DNS rebinding) and so reach a local server through the browser; the
//!   Host header it sends still carries its own name.
//! - **Origin**: a POST with an Origin header must come from this server's
//!   own page. Browsers send Origin with every cross-site POST, so a
//!   foreign page cannot make a coordinator's browser post a case (CSRF);
//!   there are no CORS headers, so it cannot read an answer either.
//! - **Token**: with `--token-file`, every API call carries
//!   `Authorization: Bearer TOKEN`.
//! - **Headers**: a strict Content-Security-Policy, no sniffing, no
//!   referrer, and no caching, since answers hold people's cases.
//! - **Log**: one line per request: its number, method, route, status and
//!   time; never a query, a header or a body, which may hold case data.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sipform::diagnostic::Messages;

use super::app::App;

pub async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let id = COUNT.fetch_add(1, Ordering::Relaxed) + 1;
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map_or("(none)", |p| p.as_str()).to_owned();

    let mut response = match refusal(&app, &request) {
        Some(refused) => refused,
        None => match read_body(request, app.read_timeout).await {
            Ok(request) => next.run(request).await,
            Err(refused) => refused,
        },
    };
    secure(response.headers_mut());
    let log = serde_json::json!({
        "request": id,
        "method": method.as_str(),
        "route": route,
        "status": response.status().as_u16(),
        "ms": (started.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
    });
    eprintln!("{log}");
    response
}

/// The request with its body read whole, within the read timeout and the
/// case-file limit: a client that sends its body slowly is answered 408,
/// and never holds a render worker while it dawdles.
async fn read_body(request: Request, timeout: Duration) -> Result<Request, Response> {
    let messages = accept_language(request.headers());
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, sipform::case::MAX_CASE_BYTES)).await {
        Ok(Ok(bytes)) => Ok(Request::from_parts(parts, Body::from(bytes))),
        // Above the limit (or the client went away, when no one reads this).
        Ok(Err(_)) => Err(problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            &format!("a case file may be at most {} bytes", sipform::case::MAX_CASE_BYTES),
        )),
        Err(_) => Err(problem(
            StatusCode::REQUEST_TIMEOUT,
            "read-timeout",
            messages.pick(
                "the request's body came too slowly; send it again",
                "anropets innehåll kom för långsamt; skicka det igen",
            ),
        )),
    }
}

/// Why a request is not answered, or None.
fn refusal(app: &App, request: &Request) -> Option<Response> {
    let headers = request.headers();
    let messages = accept_language(headers);
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !app.hosts.is_empty() && !app.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return Some(problem(
            StatusCode::MISDIRECTED_REQUEST,
            "host",
            messages.pick(
                "this server answers only requests addressed to this machine (Host: localhost or 127.0.0.1)",
                "servern svarar bara på anrop till den här datorn (Host: localhost eller 127.0.0.1)",
            ),
        ));
    }
    if request.method() == Method::POST {
        if let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
            if !same_origin(origin, host) {
                return Some(problem(
                    StatusCode::FORBIDDEN,
                    "origin",
                    messages.pick(
                        "a page from another site may not post to sipform",
                        "en sida från en annan webbplats får inte skicka till sipform",
                    ),
                ));
            }
        }
    }
    // The web form's own calls: they carry the token the page was built
    // with, which a page from elsewhere cannot read (no CORS), and a custom
    // header a foreign page cannot send without a preflight we never allow.
    if request.uri().path().starts_with("/app/") && request.method() == Method::POST {
        let given = headers.get("x-sipform-page").and_then(|v| v.to_str().ok()).unwrap_or("");
        if app.web.is_none() || !same_secret(given, &app.page_token) {
            return Some(problem(
                StatusCode::FORBIDDEN,
                "page-token",
                messages.pick(
                    "only the web form of this server may call /app/; IT systems call /api/v1",
                    "bara den här serverns webbformulär får anropa /app/; IT-system anropar /api/v1",
                ),
            ));
        }
    }
    let api = request.uri().path().starts_with("/api/");
    if let (true, Some(token)) = (api, &app.token) {
        if !bearer_is(headers, token) {
            let mut refused = problem(
                StatusCode::UNAUTHORIZED,
                "token",
                messages.pick(
                    "this server needs `Authorization: Bearer TOKEN`, the token from its --token-file",
                    "servern kräver `Authorization: Bearer TOKEN`, med token från dess --token-file",
                ),
            );
            refused.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return Some(refused);
        }
    }
    None
}

/// Whether an Origin header names the host the request was sent to.
fn same_origin(origin: &str, host: &str) -> bool {
    let rest = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"));
    rest.is_some_and(|r| !host.is_empty() && r.eq_ignore_ascii_case(host))
}

/// Whether the request carries the bearer token.
fn bearer_is(headers: &HeaderMap, token: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    same_secret(given, token)
}

/// Whether two secrets are equal, in time that does not depend on where
/// they first differ.
fn same_secret(given: &str, secret: &str) -> bool {
    given.len() == secret.len() && given.bytes().zip(secret.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

fn secure(headers: &mut HeaderMap) {
    // A handler may set its own (the web form's page allows its script).
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::CACHE_CONTROL, "no-store");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
}

/// The language of the caller's messages: Swedish when its first language
/// is Swedish (Accept-Language), English otherwise.
pub fn accept_language(headers: &HeaderMap) -> Messages {
    if first_language(headers).starts_with("sv") {
        Messages::Swedish
    } else {
        Messages::English
    }
}

/// The caller's first language (Accept-Language), in lower case, or "".
pub fn first_language(headers: &HeaderMap) -> String {
    let first = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next());
    first.unwrap_or("").trim().to_ascii_lowercase()
}

/// An answer that says what is wrong, as JSON with a stable code.
pub fn problem(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "diagnostics": [{ "severity": "error", "code": code, "message": message }] });
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_host_is_the_same_origin() {
        assert!(same_origin("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(!same_origin("http://127.0.0.1:8081", "127.0.0.1:8080"));
        assert!(!same_origin("https://evil.example", "127.0.0.1:8080"));
        assert!(!same_origin("null", "127.0.0.1:8080"));
        assert!(!same_origin("http://", ""));
    }

    #[test]
    fn the_token_must_match_whole() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
            h
        };
        assert!(bearer_is(&with("Bearer s3cret"), "s3cret"));
        assert!(!bearer_is(&with("Bearer s3cre"), "s3cret"));
        assert!(!bearer_is(&with("Bearer s3crett"), "s3cret"));
        assert!(!bearer_is(&with("s3cret"), "s3cret"));
        assert!(!bearer_is(&HeaderMap::new(), "s3cret"));
    }
}
