//! `sipform serve`, the real binary, on a free port for one test.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A server started for one test, stopped when the test ends.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        Server::start_with(&[&["serve", "--addr", "127.0.0.1:0"], extra].concat())
    }

    pub fn start_with(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sipform"))
            .args(args)
            .env_remove("SIPFORM_TEMPLATES")
            .env("LANG", "C.UTF-8")
            .stderr(Stdio::piped())
            .spawn()
            .expect("sipform serve starts");
        // The first line says where it listens.
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let first = lines.next().expect("sipform serve says where it listens").unwrap();
        let port = first.rsplit(':').next().and_then(|p| p.trim().parse().ok()).unwrap_or_else(|| panic!("{first}"));
        // The request log goes on; keep reading it so the pipe never fills.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, port }
    }
}

impl Server {
    /// The server's resident memory, in MB (Linux).
    pub fn resident_mb(&self) -> f64 {
        super::resident_mb(&self.child.id().to_string())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
