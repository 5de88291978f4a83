//! A real headless Chromium, driven through chromedriver's W3C WebDriver
//! protocol (JSON over HTTP), spoken over a plain TCP socket: what the web
//! form's tests click and read with. scripts/test installs Debian's
//! `chromium` and `chromium-driver`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// One browser session, closed (with its driver) when dropped.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

/// The key WebDriver names an element by in its answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub const TAB: &str = "\u{e004}";
pub const ENTER: &str = "\u{e007}";

impl Browser {
    /// Starts chromedriver and a headless Chromium that saves downloads
    /// in `downloads`.
    pub fn start(downloads: &Path) -> Browser {
        let port = free_port();
        let driver = Command::new(which("chromedriver"))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut browser = Browser { driver, port, session: String::new() };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = downloads.join("profile");
        // The flags a sandboxed machine without a network needs (no GPU, no
        // background connections); root needs --no-sandbox.
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,900",
            "--lang=sv-SE",
        ];
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": which("chromium"),
                "args": args,
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                    "intl.accept_languages": "sv-SE,sv",
                },
            },
        }}});
        let answer = browser.call("POST", "/session", &capabilities);
        browser.session = answer["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {answer}")).to_owned();
        browser
    }

    fn call(&self, method: &str, path: &str, body: &Value) -> Value {
        let body = if method == "GET" || method == "DELETE" { String::new() } else { body.to_string() };
        if std::env::var_os("SIPFORM_WEBDRIVER_LOG").is_some() {
            eprintln!("webdriver: {method} {path} {}", body.chars().take(120).collect::<String>());
        }
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("chromedriver answers");
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.port,
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        // chromedriver keeps the connection open after its answer, whatever
        // the request says: read the head, then as many bytes as it names.
        let mut raw = Vec::new();
        let mut buffer = [0u8; 65536];
        let (split, length) = loop {
            let n = stream.read(&mut buffer).unwrap();
            assert!(n > 0, "chromedriver closed the connection before answering");
            raw.extend_from_slice(&buffer[..n]);
            if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .expect("chromedriver says how long its answer is");
                break (split, length);
            }
        };
        while raw.len() < split + 4 + length {
            let n = stream.read(&mut buffer).unwrap();
            assert!(n > 0, "chromedriver closed the connection mid-answer");
            raw.extend_from_slice(&buffer[..n]);
        }
        let body = raw[split + 4..split + 4 + length].to_vec();
        let value: Value =
            serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
        let value = value["value"].clone();
        if let Some(error) = value.get("error") {
            panic!("WebDriver {method} {path}: {error}: {}", value["message"]);
        }
        value
    }

    fn at(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    pub fn open(&self, url: &str) {
        self.call("POST", &self.at("/url"), &json!({ "url": url }));
    }

    /// Runs a script in the page and returns what it returns.
    pub fn run(&self, script: &str, args: &[Value]) -> Value {
        self.call("POST", &self.at("/execute/sync"), &json!({ "script": script, "args": args }))
    }

    /// Runs a script that calls its last argument when done.
    pub fn run_async(&self, script: &str, args: &[Value]) -> Value {
        self.call("POST", &self.at("/execute/async"), &json!({ "script": script, "args": args }))
    }

    /// The element a CSS selector finds; panics when there is none.
    pub fn find(&self, css: &str) -> String {
        let found = self.call("POST", &self.at("/element"), &json!({ "using": "css selector", "value": css }));
        found[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}")).to_owned()
    }

    /// The element with this id (ids hold dots and brackets, which CSS
    /// would read as selectors).
    pub fn by_id(&self, id: &str) -> String {
        let found = self.run("return document.getElementById(arguments[0]);", &[json!(id)]);
        found[ELEMENT].as_str().unwrap_or_else(|| panic!("no element #{id}")).to_owned()
    }

    pub fn click(&self, element: &str) {
        self.call("POST", &self.at(&format!("/element/{element}/click")), &json!({}));
    }

    pub fn clear(&self, element: &str) {
        self.call("POST", &self.at(&format!("/element/{element}/clear")), &json!({}));
    }

    /// Types into an element as a person would, key by key.
    pub fn type_into(&self, element: &str, text: &str) {
        self.call("POST", &self.at(&format!("/element/{element}/value")), &json!({ "text": text }));
    }

    /// Presses keys in whatever has the focus, as a keyboard does.
    pub fn keys(&self, text: &str) {
        let presses: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                [
                    json!({ "type": "keyDown", "value": c.to_string() }),
                    json!({ "type": "keyUp", "value": c.to_string() }),
                ]
            })
            .collect();
        let actions = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": presses }] });
        self.call("POST", &self.at("/actions"), &actions);
    }

    /// Waits until the script returns something truthy, and returns it.
    pub fn wait_for(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let value = self.run(script, &[]);
            let truthy = match &value {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return value;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "waited 30 s for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.call("DELETE", &path, &json!({}))));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A program on PATH; its absence fails the test with what to do.
fn which(program: &str) -> String {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("`{program}` is not installed: run scripts/test, which installs chromium and chromium-driver")
        })
        .display()
        .to_string()
}
