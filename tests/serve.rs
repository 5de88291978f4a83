//! `sipform serve`: the real binary on a free port, spoken to over HTTP/1.1
//! on a plain TCP socket, as any client would.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;

use common::server::Server;
use common::*;

/// What this file asks of the server started for a test.
trait Ask {
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer;
    fn post_case(&self, path: &str, case: &[u8]) -> Answer;
}

impl Ask for Server {
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        request(self.port, method, path, headers, body)
    }

    fn post_case(&self, path: &str, case: &[u8]) -> Answer {
        post_case(self.port, path, case)
    }
}

/// One request on a connection of its own; the Host header names
/// 127.0.0.1 and the port unless `headers` give another.
fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server takes connections");
    let host = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map_or(format!("127.0.0.1:{port}"), |(_, v)| v.to_string());
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers.iter().filter(|(n, _)| !n.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    // A server may answer 413 before it has read a large body.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    Answer::parse(&raw)
}

fn post_case(port: u16, path: &str, case: &[u8]) -> Answer {
    request(port, "POST", path, &[("Content-Type", "application/toml")], case)
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn parse(raw: &[u8]) -> Answer {
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP answer has a head");
        let head = String::from_utf8_lossy(&raw[..split]);
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Answer { status, headers, body: raw[split + 4..].to_vec() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    fn codes(&self) -> Vec<String> {
        self.json()["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
    }
}

fn anna() -> Vec<u8> {
    std::fs::read(example("anna")).unwrap()
}

/// Anna with a personnummer whose check digit is wrong: it parses, and
/// breaks a rule.
fn broken_anna() -> String {
    String::from_utf8(anna()).unwrap().replacen(
        "personal_number = \"19990101-2386\"",
        "personal_number = \"19990101-2387\"",
        1,
    )
}

#[test]
fn health_and_readiness_answer_with_the_security_headers() {
    let server = Server::start(&[]);
    let health = server.request("GET", "/healthz", &[], b"");
    assert_eq!((health.status, health.body.as_slice()), (200, &b"ok\n"[..]));
    assert_eq!(server.request("GET", "/readyz", &[], b"").status, 200);
    let csp = health.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(health.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(health.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(health.header("cache-control"), Some("no-store"));
    assert!(health.header("access-control-allow-origin").is_none(), "no CORS");
    let missing = server.request("GET", "/nothing", &[], b"");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.codes(), ["not-found"]);
}

#[test]
fn check_answers_with_the_clis_diagnostics() {
    let server = Server::start(&[]);
    let clean = server.post_case("/api/v1/check", &anna());
    assert_eq!(clean.status, 200, "{}", String::from_utf8_lossy(&clean.body));
    assert_eq!(clean.header("content-type"), Some("application/json"));

    // A rule broken: the same codes, lines and paths as `sipform check --format json`.
    let dir = tempdir();
    let broken = broken_anna();
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, &broken).unwrap();
    let answer = server.post_case("/api/v1/check", broken.as_bytes());
    assert_eq!(answer.status, 422);
    let cli: serde_json::Value =
        serde_json::from_str(&stdout(&sipform(&["check", path.to_str().unwrap(), "--format", "json"]))).unwrap();
    let strip = |v: &serde_json::Value| {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (d["code"].clone(), d["line"].clone(), d["column"].clone(), d["path"].clone(), d["message"].clone())
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&answer.json()), strip(&cli));
    assert!(answer.codes().contains(&"personal-number".to_owned()), "{:?}", answer.codes());

    // Swedish when asked for, by parameter or Accept-Language; the codes stay.
    let swedish = server.request(
        "POST",
        "/api/v1/check",
        &[("Content-Type", "application/toml"), ("Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5")],
        broken.as_bytes(),
    );
    assert_eq!(swedish.codes(), answer.codes());
    assert_ne!(swedish.json()["diagnostics"][0]["message"], answer.json()["diagnostics"][0]["message"]);
}

#[test]
fn bad_input_gets_a_status_that_says_what_is_wrong() {
    let server = Server::start(&[]);
    // Does not parse: 400, located.
    let syntax = server.post_case("/api/v1/check", b"[person\nname = 1");
    assert_eq!(syntax.status, 400);
    assert_eq!(syntax.json()["diagnostics"][0]["line"], 1);
    // Not text.
    assert_eq!(server.post_case("/api/v1/render", &[0xff, 0xfe, 0x00]).status, 400);
    // A parameter that is wrong.
    assert_eq!(server.post_case("/api/v1/render?form=nonsense", &anna()).status, 400);
    assert_eq!(server.post_case("/api/v1/render?protected=maybe", &anna()).status, 400);
    assert_eq!(server.post_case("/api/v1/render?lang=xx", &anna()).status, 400);
    assert_eq!(server.post_case("/api/v1/render?printed=20261120", &anna()).status, 400);
    // Too large: 413, before it is read whole.
    let big = vec![b'#'; 1024 * 1024 + 1];
    let large = server.post_case("/api/v1/check", &big);
    assert_eq!(large.status, 413);
    assert_eq!(large.codes(), ["too-large"]);
    // Neither TOML nor JSON.
    let plain = server.request("POST", "/api/v1/check", &[("Content-Type", "text/plain")], &anna());
    assert_eq!(plain.status, 415);
    assert_eq!(server.request("POST", "/api/v1/check", &[], &anna()).status, 415);
    // The same case as JSON is read as JSON.
    let json = server.request(
        "POST",
        "/api/v1/check",
        &[("Content-Type", "application/json; charset=utf-8")],
        b"{\"format\": 2,",
    );
    assert_eq!(json.status, 400);
    assert_eq!(json.json()["diagnostics"][0]["file"], "case.json");
}

#[test]
fn render_sends_one_form_as_pdf_and_several_as_a_zip() {
    let server = Server::start(&[]);
    let plan = server.post_case("/api/v1/render?form=sip", &anna());
    assert_eq!(plan.status, 200);
    assert_eq!(plan.header("content-type"), Some("application/pdf"));
    assert!(plan.body.starts_with(b"%PDF-"));
    // Same input, same bytes.
    assert_eq!(server.post_case("/api/v1/render?form=plan", &anna()).body, plan.body);
    // The same PDF as the command line makes.
    let dir = tempdir();
    let cli = render(&example("anna"), "plan", dir.path());
    assert_eq!(std::fs::read(cli).unwrap(), plan.body);

    let all = server.post_case("/api/v1/render?ics=true", &anna());
    assert_eq!(all.status, 200);
    assert_eq!(all.header("content-type"), Some("application/zip"));
    let zip = dir.path().join("all.zip");
    std::fs::write(&zip, &all.body).unwrap();
    let listing = Command::new("unzip").arg("-Z1").arg(&zip).output().expect("unzip runs");
    let names = String::from_utf8_lossy(&listing.stdout);
    for name in ["sip-invitation.pdf", "sip-consent.pdf", "sip-plan.pdf", "sip-my-plan.pdf", "sip-invitation.ics"] {
        assert!(names.lines().any(|l| l == name), "{name} in {names}");
    }
    let test = Command::new("unzip").arg("-tq").arg(&zip).output().unwrap();
    assert!(test.status.success(), "{}", String::from_utf8_lossy(&test.stdout));

    // The command line's choices: whom an invitation is for, which
    // follow-up, which version; resolved as there, and refused as there.
    let to_person = server.post_case("/api/v1/render?form=invitation&to=person", &anna());
    assert_eq!(to_person.status, 200);
    let cli = render_with(&example("anna"), "invitation", &["--to", "person"], &dir.path().join("person"));
    assert_eq!(std::fs::read(cli).unwrap(), to_person.body);
    assert_eq!(server.post_case("/api/v1/render?form=invitation&to=nobody", &anna()).status, 400);
    assert_eq!(server.post_case("/api/v1/render?form=followup&followup=0", &anna()).status, 400);
    assert_eq!(server.post_case("/api/v1/render?form=plan&version=1&convener_copy=true", &anna()).status, 200);

    // A case that breaks a rule renders nothing: 422.
    let broken = broken_anna();
    assert_eq!(server.post_case("/api/v1/render", broken.as_bytes()).status, 422);
}

#[test]
fn the_protected_variant_is_checked_as_on_the_command_line() {
    let server = Server::start(&[]);
    let answer = server.post_case("/api/v1/render?protected=true&form=plan", &anna());
    let cli = sipform(&["check", example("anna").to_str().unwrap(), "--protected", "-f", "plan", "--format", "json"]);
    let cli_codes: Vec<String> = serde_json::from_str::<serde_json::Value>(&stdout(&cli)).unwrap()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    if cli_codes.is_empty() {
        assert_eq!(answer.status, 200);
        let text = String::from_utf8_lossy(&answer.body).into_owned();
        assert!(!text.contains("Storgatan"), "a protected plan prints no street");
    } else {
        assert_eq!(answer.status, 422);
        assert_eq!(answer.codes(), cli_codes);
    }
}

#[test]
fn another_host_and_another_sites_page_are_refused() {
    let server = Server::start(&[]);
    // DNS rebinding: a foreign name pointed at 127.0.0.1.
    let rebound = server.request("GET", "/healthz", &[("Host", "attacker.example:8080")], b"");
    assert_eq!(rebound.status, 421);
    // In the caller's language, with the same code.
    let swedish = server.request("GET", "/healthz", &[("Host", "attacker.example"), ("Accept-Language", "sv")], b"");
    assert_eq!(swedish.codes(), ["host"]);
    assert_ne!(swedish.json()["diagnostics"][0]["message"], rebound.json()["diagnostics"][0]["message"]);
    assert_eq!(server.request("GET", "/healthz", &[("Host", "localhost")], b"").status, 200);
    // CSRF: a foreign page's form or fetch carries its Origin.
    let foreign = server.request(
        "POST",
        "/api/v1/check",
        &[("Content-Type", "application/toml"), ("Origin", "https://attacker.example")],
        &anna(),
    );
    assert_eq!(foreign.status, 403);
    let own = format!("http://127.0.0.1:{}", server.port);
    let same =
        server.request("POST", "/api/v1/check", &[("Content-Type", "application/toml"), ("Origin", &own)], &anna());
    assert_eq!(same.status, 200);
}

#[test]
fn a_token_is_needed_beyond_loopback_and_checked_on_every_api_call() {
    // Listening beyond this machine without a token is refused at the start.
    let open = sipform(&["serve", "--addr", "0.0.0.0:0"]);
    assert_eq!(open.status.code(), Some(2), "{}", stderr(&open));
    assert!(stderr(&open).contains("--token-file"));

    let dir = tempdir();
    let short = dir.path().join("short");
    std::fs::write(&short, "abc\n").unwrap();
    assert_eq!(sipform(&["serve", "--token-file", short.to_str().unwrap()]).status.code(), Some(2));

    let file = dir.path().join("token");
    std::fs::write(&file, "k3J9-sipform-test-token-0123456789\n").unwrap();
    let server = Server::start(&["--token-file", file.to_str().unwrap()]);
    let without = server.post_case("/api/v1/check", &anna());
    assert_eq!(without.status, 401);
    assert_eq!(without.header("www-authenticate"), Some("Bearer"));
    let wrong = server.request(
        "POST",
        "/api/v1/check",
        &[("Content-Type", "application/toml"), ("Authorization", "Bearer k3J9-sipform-test-token-0123456788")],
        &anna(),
    );
    assert_eq!(wrong.status, 401);
    let right = server.request(
        "POST",
        "/api/v1/check",
        &[("Content-Type", "application/toml"), ("Authorization", "Bearer k3J9-sipform-test-token-0123456789")],
        &anna(),
    );
    assert_eq!(right.status, 200);
    // The probes need no token.
    assert_eq!(server.request("GET", "/healthz", &[], b"").status, 200);
}

#[test]
fn forms_schema_and_openapi_describe_the_api() {
    let server = Server::start(&[]);
    let forms = server.request("GET", "/api/v1/forms", &[], b"").json();
    let names: Vec<&str> = forms["forms"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"plan") && names.contains(&"invitation"), "{names:?}");
    let schema = server.request("GET", "/api/v1/schema", &[], b"").json();
    assert_eq!(schema, serde_json::from_str::<serde_json::Value>(&stdout(&sipform_ok(&["schema"]))).unwrap());
    let openapi = server.request("GET", "/api/v1/openapi.json", &[], b"").json();
    assert!(openapi["openapi"].as_str().unwrap().starts_with("3."));
    // Every route the server answers is in the document, and no other.
    let paths: Vec<&str> = openapi["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    for path in &paths {
        let method = if path.ends_with("check") || path.ends_with("render") { "POST" } else { "GET" };
        let answer = server.request(method, path, &[("Content-Type", "application/toml")], &anna());
        assert_ne!(answer.status, 404, "{path}");
    }
    assert_eq!(paths.len(), 7);
}

#[test]
fn a_full_queue_answers_503_with_retry_after() {
    // One worker and no queue: while it renders, the next is turned away.
    let server = Server::start(&["--workers", "1", "--queue", "0"]);
    // A slow render holds the one worker: a plan with 490 more actions, each
    // its own (the same action again would come from Typst's cache).
    let text = String::from_utf8(anna()).unwrap();
    let action = text[text.find("[[plans.actions]]").unwrap()..].split("\n\n").next().unwrap().to_owned();
    let more: String = (0..490)
        .map(|i| action.replace("KBT-behandling, samtal", &format!("Samtal med stöd nummer {i} om vardagen")) + "\n\n")
        .collect();
    let at = text.find("[[followups]]").unwrap();
    let case = format!("{}{more}{}", &text[..at], &text[at..]);
    // Ask while it renders; a machine fast enough to finish first gets
    // another slow render, a few times over.
    let mut busy = None;
    for _ in 0..5 {
        let slow = {
            let (port, case) = (server.port, case.clone());
            std::thread::spawn(move || post_case(port, "/api/v1/render?form=plan", case.as_bytes()))
        };
        while !slow.is_finished() {
            let answer = server.post_case("/api/v1/check", &anna());
            if answer.status == 503 {
                busy = Some(answer);
                break;
            }
        }
        // Either the check found the worker busy, or the check came first
        // and the slow render was the one turned away.
        let slow = slow.join().unwrap();
        if slow.status == 503 {
            busy = Some(slow);
        } else {
            assert_eq!(slow.status, 200, "the slow render itself is done");
        }
        if busy.is_some() {
            break;
        }
    }
    let busy = busy.expect("a second request while the one worker renders is turned away");
    assert_eq!(busy.header("retry-after"), Some("5"));
    assert_eq!(busy.codes(), ["busy"]);
    // And it is ready again.
    assert_eq!(server.request("GET", "/readyz", &[], b"").status, 200);
}

/// The Kubernetes example and the Dockerfile run the server as written:
/// their arguments start it (on a free port), and the probes answer, with
/// no token and the pod's own address as the Host.
#[test]
fn the_kubernetes_example_starts_and_its_probes_answer() {
    let yaml = std::fs::read_to_string(root().join("deploy/kubernetes.yaml")).unwrap();
    let line = yaml.lines().map(str::trim).find(|l| l.starts_with("args:")).expect("the container has args");
    check_deployed(&yaml, line.trim_start_matches("args:").trim());
    let dockerfile = std::fs::read_to_string(root().join("Dockerfile")).unwrap();
    let cmd = dockerfile.lines().find(|l| l.starts_with("CMD ")).expect("the image has a CMD");
    check_deployed(&yaml, cmd.trim_start_matches("CMD "));
}

fn check_deployed(yaml: &str, args: &str) {
    let args: Vec<String> = serde_json::from_str(args).expect("args as a JSON list");
    let dir = tempdir();
    let token = dir.path().join("token");
    std::fs::write(&token, "k3J9-sipform-test-token-0123456789\n").unwrap();
    let args: Vec<String> = args
        .iter()
        .map(|a| match a.as_str() {
            "0.0.0.0:8080" => "0.0.0.0:0".to_owned(),
            "/run/secrets/sipform-token" => token.to_str().unwrap().to_owned(),
            other => other.to_owned(),
        })
        .collect();
    let server = Server::start_with(&args.iter().map(String::as_str).collect::<Vec<_>>());
    for probe in ["/healthz", "/readyz"] {
        assert!(yaml.contains(&format!("path: {probe}")), "{probe} is a probe");
        assert_eq!(server.request("GET", probe, &[("Host", "10.1.2.3:8080")], b"").status, 200, "{probe}");
    }
    assert_eq!(server.post_case("/api/v1/check", &anna()).status, 401, "the API needs the token");
}

#[test]
fn the_web_form_is_served_on_loopback_and_only_its_own_page_may_call_app() {
    let server = Server::start(&[]);
    let page = server.request("GET", "/", &[("Accept-Language", "sv-SE,sv;q=0.9")], b"");
    assert_eq!(page.status, 200);
    let html = String::from_utf8(page.body.clone()).unwrap();
    assert!(html.contains("<html lang=\"sv\">"));
    // The page's own policy lets it run only its own script.
    let policy = page.header("content-security-policy").unwrap();
    assert!(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe"), "{policy}");
    // English for an English browser, Swedish for any other.
    let english = server.request("GET", "/", &[("Accept-Language", "en-GB,en;q=0.8")], b"");
    assert!(String::from_utf8_lossy(&english.body).contains("<html lang=\"en\">"));
    let german = server.request("GET", "/", &[("Accept-Language", "de-DE")], b"");
    assert!(String::from_utf8_lossy(&german.body).contains("<html lang=\"sv\">"));
    for asset in ["/assets/app.js", "/assets/app.css"] {
        assert_eq!(server.request("GET", asset, &[], b"").status, 200, "{asset}");
    }

    // The page token, as the page carries it.
    let token = html.split("name=\"sipform-page\" content=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    assert_eq!(token.len(), 32);
    let ask = |headers: &[(&str, &str)]| {
        let mut all = vec![("Content-Type", "application/toml")];
        all.extend_from_slice(headers);
        server.request("POST", "/app/check", &all, &anna())
    };
    assert_eq!(ask(&[("X-Sipform-Page", &token)]).status, 200);
    // Without the token, or with another, /app/ is refused: a foreign page
    // cannot know it.
    for refused in [ask(&[]), ask(&[("X-Sipform-Page", "0123456789abcdef0123456789abcdef")])] {
        assert_eq!(refused.status, 403);
        assert_eq!(refused.codes(), ["page-token"]);
    }
    // A foreign origin is refused even with the token.
    assert_eq!(ask(&[("X-Sipform-Page", &token), ("Origin", "https://evil.example")]).status, 403);

    // Opening a file: TOML in, the case as JSON out, and back to TOML that
    // reads as the same case.
    let json = server.request(
        "POST",
        "/app/convert?to=json",
        &[("Content-Type", "application/toml"), ("X-Sipform-Page", &token)],
        &anna(),
    );
    assert_eq!(json.status, 200);
    assert_eq!(json.json()["person"]["name"], "Anna Andersson");
    let toml = server.request(
        "POST",
        "/app/convert?to=toml",
        &[("Content-Type", "application/json"), ("X-Sipform-Page", &token)],
        &json.body,
    );
    assert_eq!(toml.status, 200);
    let dir = tempdir();
    let again = dir.path().join("again.toml");
    std::fs::write(&again, &toml.body).unwrap();
    let cli = |case: &std::path::Path| {
        std::fs::read(render(case, "plan", &dir.path().join(case.file_stem().unwrap()))).unwrap()
    };
    assert_eq!(cli(&again), cli(&example("anna")), "the converted file makes the same plan");
    // A file that does not parse is answered 400 with its located error.
    let broken = server.request(
        "POST",
        "/app/convert?to=json",
        &[("Content-Type", "application/toml"), ("X-Sipform-Page", &token)],
        b"format = 2\n[person]\nname = 1\n",
    );
    assert_eq!(broken.status, 400);
    assert_eq!(broken.json()["diagnostics"][0]["line"], 3);
}

#[test]
fn the_web_form_can_be_turned_off_and_is_off_beyond_loopback_unless_asked_for() {
    let off = Server::start(&["--web", "off"]);
    assert_eq!(off.request("GET", "/", &[], b"").status, 404);
    assert_eq!(off.request("POST", "/app/check", &[("Content-Type", "application/toml")], &anna()).status, 403);
    // The API is there all the same.
    assert_eq!(off.post_case("/api/v1/check", &anna()).status, 200);

    let dir = tempdir();
    let token = dir.path().join("token");
    std::fs::write(&token, "0123456789abcdef-secret").unwrap();
    let token = token.to_str().unwrap();
    let wide = Server::start_with(&["serve", "--addr", "0.0.0.0:0", "--token-file", token]);
    assert_eq!(wide.request("GET", "/", &[], b"").status, 404, "no web form beyond loopback by default");
    let asked = Server::start_with(&["serve", "--addr", "0.0.0.0:0", "--token-file", token, "--web", "on"]);
    assert_eq!(asked.request("GET", "/", &[], b"").status, 200);
}

#[test]
fn a_client_that_sends_slowly_is_cut_off_and_does_not_hold_the_server() {
    let server = Server::start(&["--read-timeout", "1"]);
    // A head that never ends: the connection is closed.
    let mut slow_head = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow_head.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    slow_head.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    let read = slow_head.read_to_end(&mut answer);
    assert!(read.is_ok(), "the server closes the connection rather than waiting: {read:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(8), "cut off after the read timeout");

    // A body that never ends: 408, with the code.
    let mut slow_body = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let head = format!(
        "POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/toml\r\nContent-Length: 1000\r\n\r\nformat = 2\n",
        server.port
    );
    slow_body.write_all(head.as_bytes()).unwrap();
    slow_body.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let mut raw = Vec::new();
    let mut buffer = [0u8; 4096];
    // Read until the answer's head and body are in (the connection may stay open).
    while !String::from_utf8_lossy(&raw).contains("read-timeout") {
        match slow_body.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&buffer[..n]),
        }
    }
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("read-timeout"), "{text}");

    // Meanwhile others are served.
    assert_eq!(server.request("GET", "/healthz", &[], b"").status, 200);
}

#[test]
fn the_servers_memory_stays_flat_under_load() {
    let server = Server::start(&[]);
    let anna = String::from_utf8(anna()).unwrap();
    // Each request a new person with new words, so nothing one case laid
    // out is of use to the next.
    let case = |i: usize| {
        let words: Vec<String> = (0..40).map(|k| format!("ord{}", i * 100 + k)).collect();
        anna.replace("Anna Andersson", &format!("Person Nummer{i}")).replacen(
            "situation = \"",
            &format!("situation = \"{}. ", words.join(" ")),
            1,
        )
    };
    let render = |range: std::ops::Range<usize>| {
        for i in range {
            let answer = server.post_case("/api/v1/render?form=plan", case(i).as_bytes());
            assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
        }
    };
    // Warm up: fonts, the template, the allocator's pools, the threads.
    render(0..15);
    let before = server.resident_mb();
    render(15..75);
    let after = server.resident_mb();
    // Without eviction every plan left about 3.6 MB: over 200 MB here.
    assert!(
        after - before < 60.0,
        "the server grew by {:.0} MB over 60 plans ({before:.0} to {after:.0} MB)",
        after - before
    );
}
