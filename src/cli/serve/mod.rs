//! `sipform serve`: the HTTP API over the library's job, on axum and tokio.
//! The server keeps no state between requests (no database, no files), so
//! more replicas behind any load balancer serve more users.

mod api;
mod app;
mod guard;
mod listen;
mod page;
mod pool;
mod web;
mod zip;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use sipform::Error;

use super::args::{ServeArgs, WebForm};
use super::render::{organisation, renderer};
use super::say::say;
use super::{exit, report};
use app::App;
use pool::Pool;

pub fn run(args: ServeArgs) -> u8 {
    match serve(args) {
        Ok(()) => exit::OK,
        Err(e) => {
            report::error(&e, super::args::OutputFormat::Human);
            report::code(&e)
        }
    }
}

fn serve(args: ServeArgs) -> Result<(), Error> {
    let token = match &args.token_file {
        Some(path) => Some(read_token(path)?),
        None if !args.addr.ip().is_loopback() => {
            return Err(Error::usage(
                format!("--addr {}: beyond this machine, give --token-file too, so that only your systems can call sipform", args.addr),
                format!("--addr {}: utanför den här datorn behövs också --token-file, så att bara era system kan anropa sipform", args.addr),
            ))
        }
        None => None,
    };
    let org = organisation(args.org.as_deref())?;
    let profile = org.as_ref().map(|(o, _)| o.clone());
    let renderer = renderer(args.templates.as_deref(), org)?;
    let serve_web = match args.web {
        WebForm::On => true,
        WebForm::Off => false,
        WebForm::Auto => args.addr.ip().is_loopback(),
    };
    let page_token = page::token()?;
    let read_timeout = Duration::from_secs(args.read_timeout.max(1));
    let web = if serve_web {
        Some(page::Web::build(&renderer, &page_token).map_err(|e| Error::Template(format!("the web form: {e}")))?)
    } else {
        None
    };
    let workers = args.workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::usage(format!("cannot start the server: {e}"), format!("kan inte starta servern: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr).await.map_err(|e| {
            Error::usage(
                format!("cannot listen on {}: {e}", args.addr),
                format!("kan inte lyssna på {}: {e}", args.addr),
            )
        })?;
        let addr = listener.local_addr().unwrap_or(args.addr);
        let app = Arc::new(App {
            renderer,
            org: profile,
            hosts: if token.is_some() { Vec::new() } else { loopback_hosts(addr) },
            token,
            pool: Pool::new(workers, args.queue, Duration::from_secs(args.timeout.max(1))),
            web,
            page_token,
            read_timeout,
        });
        eprintln!("{} http://{addr}", say("sipform listens on", "sipform lyssnar på"));
        listen::serve(listener, router(app), read_timeout, shutdown()).await;
        Ok(())
    })
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/healthz", get(api::healthz))
        .route("/readyz", get(api::readyz))
        .route("/api/v1/check", post(api::check))
        .route("/api/v1/render", post(api::render))
        .route("/api/v1/forms", get(api::forms))
        .route("/api/v1/schema", get(api::schema))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/", get(web::index))
        .route("/assets/app.js", get(web::script))
        .route("/assets/app.css", get(web::style))
        .route("/app/example", get(web::example))
        .route("/app/convert", post(web::convert))
        .route("/app/check", post(api::check))
        .route("/app/render", post(api::render))
        .fallback(api::not_found)
        // A case file may be at most 1 MiB (case::MAX_CASE_BYTES); a larger
        // body is answered 413 before it is read whole.
        .layer(DefaultBodyLimit::max(sipform::case::MAX_CASE_BYTES))
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard::guard))
        .with_state(app)
}

/// The Host headers that name this machine at this port.
fn loopback_hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    ["localhost", "127.0.0.1", "[::1]"].iter().flat_map(|h| [format!("{h}:{port}"), h.to_string()]).collect()
}

fn read_token(path: &std::path::Path) -> Result<String, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.into(), source })?;
    let token = text.trim().to_owned();
    if token.len() < 16 || token.chars().any(|c| !c.is_ascii_graphic()) {
        return Err(Error::usage(
            format!("`{}`: a token is at least 16 printable characters, with no spaces", path.display()),
            format!("`{}`: en token är minst 16 skrivbara tecken, utan mellanslag", path.display()),
        ));
    }
    Ok(token)
}

/// Ctrl-C or SIGTERM (as Kubernetes sends): stop taking requests, finish the
/// ones under way.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
