//! The accept loop. axum's own `serve` gives hyper no timer, so hyper's
//! header read timeout never fires, and a client that sends its request a
//! byte at a time (slowloris) holds a connection for as long as it likes.
//! Here every connection has a timer: a request head must arrive within
//! the read timeout (its body is timed in guard.rs), and at most
//! `MAX_CONNECTIONS` are held at once, so connections, like renders, are
//! bounded. On shutdown, connections finish the request under way.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

/// Connections held at once; more wait in the kernel's backlog.
pub const MAX_CONNECTIONS: usize = 512;

pub async fn serve(listener: TcpListener, router: Router, read_timeout: Duration, shutdown: impl Future<Output = ()>) {
    let room = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    // Each connection holds a receiver; the sender learns when all are gone.
    let (stop, stopped) = watch::channel(false);
    let mut shutdown = pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = room.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it
                // was taken: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(router.clone());
        let mut stopping = stopped.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut builder = http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(read_timeout);
            let mut connection = pin!(builder.serve_connection(TokioIo::new(stream), service));
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = stopping.changed() => connection.as_mut().graceful_shutdown(),
            }
            let _ = connection.await;
        });
    }
    let _ = stop.send(true);
    drop(stopped);
    stop.closed().await;
}
