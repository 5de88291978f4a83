//! Renders run on tokio's blocking threads, at most `workers` at a time, with
//! at most `queue` more waiting; a request beyond that, or one that waits
//! and works longer than the timeout, is answered 503 with Retry-After, so
//! that a burst cannot grow the server's memory without bound.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

pub struct Pool {
    /// Permits to render: one per worker.
    running: Arc<Semaphore>,
    /// Permits to be in the pool at all, rendering or waiting.
    admitted: Arc<Semaphore>,
    timeout: Duration,
}

/// Why the pool did not bring back a render's result.
#[derive(Debug, PartialEq, Eq)]
pub enum Busy {
    /// Every worker is busy and the queue is full.
    Full,
    /// The render waited and worked longer than the timeout.
    TimedOut,
    /// The render panicked (sipform's own fault; the panic was printed).
    Failed,
}

impl Pool {
    pub fn new(workers: usize, queue: usize, timeout: Duration) -> Self {
        Pool {
            running: Arc::new(Semaphore::new(workers)),
            admitted: Arc::new(Semaphore::new(workers + queue)),
            timeout,
        }
    }

    /// Whether a request would be let in now.
    pub fn has_room(&self) -> bool {
        self.admitted.available_permits() > 0
    }

    /// Runs `work` on a blocking thread when a worker is free.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
        let admitted = self.admitted.clone().try_acquire_owned().map_err(|_| Busy::Full)?;
        let running = self.running.clone();
        let job = async move {
            let permit = running.acquire_owned().await.expect("the pool's semaphore is never closed");
            // The permits go with the work: a render that outlives its
            // timeout still holds its worker until it ends, so the pool
            // never runs more than `workers` at once.
            tokio::task::spawn_blocking(move || {
                let _held = (permit, admitted);
                work()
            })
            .await
        };
        match tokio::time::timeout(self.timeout, job).await {
            Ok(Ok(done)) => Ok(done),
            Ok(Err(_)) => Err(Busy::Failed),
            Err(_) => Err(Busy::TimedOut),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_full_pool_turns_work_away_and_takes_it_again_when_free() {
        let pool = Arc::new(Pool::new(1, 0, Duration::from_secs(10)));
        let (started, wait) = std::sync::mpsc::channel::<()>();
        let (release, held) = std::sync::mpsc::channel::<()>();
        let busy = {
            let pool = pool.clone();
            tokio::spawn(async move {
                pool.run(move || {
                    started.send(()).unwrap();
                    held.recv().unwrap();
                })
                .await
            })
        };
        wait.recv().unwrap();
        assert_eq!(pool.run(|| ()).await, Err(Busy::Full));
        assert!(!pool.has_room());
        release.send(()).unwrap();
        busy.await.unwrap().unwrap();
        assert_eq!(pool.run(|| 7).await, Ok(7));
    }

    #[tokio::test]
    async fn a_render_that_panics_is_a_failure_not_a_lost_connection() {
        let pool = Pool::new(1, 0, Duration::from_secs(10));
        assert_eq!(pool.run(|| panic!("a bug")).await, Err::<(), _>(Busy::Failed));
        assert_eq!(pool.run(|| 1).await, Ok(1), "the worker is free again");
    }

    #[tokio::test]
    async fn work_longer_than_the_timeout_is_turned_away() {
        let pool = Pool::new(1, 0, Duration::from_millis(20));
        assert_eq!(pool.run(|| std::thread::sleep(Duration::from_millis(300))).await, Err(Busy::TimedOut));
    }
}
