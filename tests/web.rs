//! The web form at `/`, in a real headless Chromium against the real
//! server: filled by keyboard, checked as one types, files opened and
//! saved, forms previewed, nothing stored, and axe-core finding no WCAG
//! 2.1 A/AA fault.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::browser::{Browser, ENTER, TAB};
use common::server::Server;
use common::*;
use serde_json::{json, Value};

/// The server, a browser on its page, and the browser's download folder.
struct Page {
    browser: Browser,
    // Dropped after the browser.
    _server: Server,
    downloads: tempfile::TempDir,
}

impl Page {
    fn open(lang: &str) -> Page {
        let server = Server::start(&[]);
        let downloads = tempdir();
        let browser = Browser::start(downloads.path());
        browser.open(&format!("http://127.0.0.1:{}/?lang={lang}", server.port));
        browser.wait_for("the page's script", "return window.sipform !== undefined;");
        Page { browser, _server: server, downloads }
    }

    /// Fills in the example with the keyboard only: Tab to its button,
    /// Enter, and waits for the check to answer.
    fn example_by_keyboard(&self) {
        let b = &self.browser;
        b.run("document.activeElement.blur(); window.scrollTo(0, 0);", &[]);
        let mut reached = false;
        for _ in 0..15 {
            b.keys(TAB);
            if b.run("return document.activeElement.id;", &[]) == json!("load-example") {
                reached = true;
                break;
            }
        }
        assert!(reached, "Tab never reached the example button");
        b.keys(ENTER);
        b.wait_for("the example's persons", "return window.sipform.state().person?.name === 'Anna Andersson';");
        self.checked();
    }

    /// Waits for a check to finish, and returns its status line.
    fn checked(&self) -> String {
        let b = &self.browser;
        b.wait_for(
            "the check",
            "const s = document.getElementById('check-status').textContent; \
             return !s.includes('Kontrollerar') && !s.includes('Checking') && !s.includes('startar') ? s : '';",
        )
        .as_str()
        .unwrap()
        .to_owned()
    }

    fn state(&self) -> Value {
        self.browser.run("return window.sipform.state();", &[])
    }

    fn text_of(&self, id: &str) -> String {
        let found = self
            .browser
            .run("const e = document.getElementById(arguments[0]); return e ? e.textContent : null;", &[json!(id)]);
        found.as_str().unwrap_or_default().to_owned()
    }

    /// Clicks the preview button and returns the PDF the page shows.
    fn preview(&self) -> Vec<u8> {
        let b = &self.browser;
        b.run("window.sipform.clearPreview();", &[]);
        b.click(&b.find("#preview"));
        b.wait_for("the preview", "return window.sipform.preview() !== null;");
        let pdf = b.run_async(
            "const done = arguments[arguments.length - 1];
             window.sipform.preview().arrayBuffer()
               .then(a => done(Array.from(new Uint8Array(a))), e => done(String(e)));",
            &[],
        );
        pdf.as_array().unwrap_or_else(|| panic!("{pdf}")).iter().map(|v| v.as_u64().unwrap() as u8).collect()
    }

    /// A file that has arrived in the download folder, by its ending.
    fn downloaded(&self, ending: &str) -> PathBuf {
        let started = Instant::now();
        loop {
            let found = std::fs::read_dir(self.downloads.path())
                .unwrap()
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.to_string_lossy().ends_with(ending));
            if let Some(path) = found {
                return path;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "no download ending in {ending}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The example as the library reads it: what the page should hold.
fn example_json() -> Value {
    let loaded = sipform::case::from_bytes("example.toml", None, sipform::EXAMPLE.as_bytes().to_vec()).unwrap();
    serde_json::from_str(&sipform::case::write::to_json(&loaded.case)).unwrap()
}

/// What `check --format json` finds in a case file: (code, path) pairs.
fn cli_findings(case: &Path) -> Vec<(String, String)> {
    let out = sipform(&["check", case.to_str().unwrap(), "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["path"].as_str().unwrap_or("").to_owned()))
        .collect();
    found.sort();
    found
}

#[test]
fn the_example_fills_in_by_keyboard_checks_as_the_cli_does_and_previews_the_cli_pdf() {
    let page = Page::open("sv");
    let b = &page.browser;
    page.example_by_keyboard();

    // The page holds the example, field for field.
    let held = page.state();
    assert_eq!(held, example_json(), "the page holds what the example says");
    // Its fields show it.
    assert_eq!(b.run("return document.getElementById('f-person.name').value;", &[]), json!("Anna Andersson"));
    assert_eq!(
        b.run("return document.getElementById('f-plans[0].goals[1].text').value;", &[]),
        json!("Fungerande vardagsrutiner: mat, inköp och att passa tider")
    );

    // The check finds what the CLI finds in the same case.
    let dir = tempdir();
    let file = dir.path().join("held.json");
    std::fs::write(&file, held.to_string()).unwrap();
    let expected = cli_findings(&file);
    let shown = b.run("return document.querySelectorAll('#findings li').length;", &[]);
    assert_eq!(shown, json!(expected.len()), "summary: {}", page.text_of("findings"));

    // The preview is the form the CLI makes, byte for byte.
    let pdf = page.preview();
    assert!(b.run("return document.getElementById('preview-frame').src.startsWith('blob:');", &[]).as_bool().unwrap());
    assert!(pdf.starts_with(b"%PDF"), "the preview is a PDF");
    let cli = render(&file, "invitation", dir.path());
    assert_eq!(pdf, std::fs::read(cli).unwrap(), "the preview is the CLI's invitation");

    // The invitation to the person, as `--to person` makes it.
    b.run("document.getElementById('print-to').value = 'person';", &[]);
    let pdf = page.preview();
    let to_person = render_with(&file, "invitation", &["--to", "person"], &dir.path().join("person"));
    assert_eq!(pdf, std::fs::read(to_person).unwrap(), "the preview is the CLI's invitation to the person");

    // Every form as a zip, with the calendar file.
    b.click(&b.find("#download-all"));
    let zip = page.downloaded(".zip");
    let listing = std::process::Command::new("unzip").arg("-l").arg(&zip).output().unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout).to_string();
    for name in ["invitation.pdf", "plan.pdf", "my-plan.pdf", ".ics"] {
        assert!(listing.contains(name), "{name} in the zip:\n{listing}");
    }
}

#[test]
fn a_finding_stands_beside_its_field_and_in_the_summary_that_links_to_it() {
    let page = Page::open("sv");
    let b = &page.browser;
    page.example_by_keyboard();
    let number = b.by_id("f-person.personal_number");
    b.clear(&number);
    // A check digit that is wrong: the rule `personal-number` breaks.
    b.type_into(&number, "19990101-2387");
    b.wait_for("the finding", "return document.getElementById('f-person.personal_number-finding');");
    page.checked();
    let finding = page.text_of("f-person.personal_number-finding");
    assert!(finding.contains("kontrollsiffra") || finding.contains("personnummer"), "{finding}");
    assert_eq!(
        b.run("return document.getElementById('f-person.personal_number').getAttribute('aria-invalid');", &[]),
        json!("true")
    );
    let described =
        b.run("return document.getElementById('f-person.personal_number').getAttribute('aria-describedby');", &[]);
    assert!(described.as_str().unwrap().contains("f-person.personal_number-finding"));
    // The summary links to the field; following the link puts the focus there.
    let link = b.find("#findings li.error a[href='#f-person.personal_number']");
    b.click(&link);
    assert_eq!(b.run("return document.activeElement.id;", &[]), json!("f-person.personal_number"));

    // Several responsible, one of them a person with a space in the name:
    // typing in the field keeps them apart by the commas.
    let responsible = b.by_id("f-plans[0].actions[6].responsible");
    assert_eq!(
        b.run("return document.getElementById('f-plans[0].actions[6].responsible').value;", &[]),
        json!("self, Elena Andersson")
    );
    b.type_into(&responsible, " ");
    assert_eq!(
        b.run("return window.sipform.state().plans[0].actions[6].responsible;", &[]),
        json!(["self", "Elena Andersson"])
    );

    // A new goal row without its fields: the missing id is shown in the row.
    let goals = b.run("return window.sipform.state().plans[0].goals.length;", &[]);
    b.click(&b.find("[data-pattern='plans[].goals[]'] > [data-add]"));
    assert_eq!(b.run("return window.sipform.state().plans[0].goals.length;", &[]), json!(goals.as_u64().unwrap() + 1));
    let new = format!("f-plans[0].goals[{}].id-finding", goals);
    b.wait_for("the new goal's finding", &format!("return document.getElementById('{new}');"));
    // The new row's first field has the focus, for a keyboard user.
    assert_eq!(b.run("return document.activeElement.id;", &[]), json!(format!("f-plans[0].goals[{goals}].id")));
    // Removing it takes it out of the case and its finding away.
    let remove = b.run(
        "return Array.from(document.querySelectorAll('[data-pattern=\"plans[].goals[]\"] [data-remove]')).pop().textContent;",
        &[],
    );
    assert!(remove.as_str().unwrap().starts_with("Ta bort mål nummer"), "{remove}");
    b.run(
        "Array.from(document.querySelectorAll('[data-pattern=\"plans[].goals[]\"] [data-remove]')).pop().click();",
        &[],
    );
    assert_eq!(b.run("return window.sipform.state().plans[0].goals.length;", &[]), goals);
    b.wait_for("the finding to go", &format!("return !document.getElementById('{new}');"));
}

#[test]
fn a_case_opened_and_saved_as_toml_renders_the_same_forms() {
    let page = Page::open("sv");
    let b = &page.browser;
    let input = b.find("#open-file");
    b.type_into(&input, example("two-years").to_str().unwrap());
    b.wait_for("the case to open", "return (window.sipform.state().plans || []).length === 3;");
    page.checked();
    assert!(!b.run("return window.sipform.dirty();", &[]).as_bool().unwrap());
    b.click(&b.find("#save-toml"));
    let saved = page.downloaded("two-years.toml");
    let dir = tempdir();
    for form in ["plan", "followup", "consent"] {
        let original = std::fs::read(render(&example("two-years"), form, &dir.path().join("a")));
        let again = std::fs::read(render(&saved, form, &dir.path().join("b")));
        assert_eq!(original.unwrap(), again.unwrap(), "{form}: the saved file makes the same form");
    }

    // A file that does not parse is not opened: its error is shown with its
    // line, and the case on the page stays as it was.
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "format = 2\n[person]\nname = \"Anna\"\npersonal_number = 19990101\n").unwrap();
    b.type_into(&input, broken.to_str().unwrap());
    b.wait_for("the error", "return document.querySelector('#findings li.error');");
    let summary = page.text_of("findings");
    assert!(summary.contains("rad 4"), "{summary}");
    assert_eq!(b.run("return window.sipform.state().plans.length;", &[]), json!(3));
}

#[test]
fn a_protected_case_shows_the_banner_and_the_page_stores_nothing() {
    let page = Page::open("sv");
    let b = &page.browser;
    page.example_by_keyboard();
    assert_eq!(b.run("return document.getElementById('protected-banner').hidden;", &[]), json!(true));
    b.click(&b.by_id("f-person.protected"));
    assert_eq!(b.run("return document.getElementById('protected-banner').hidden;", &[]), json!(false));
    assert_eq!(b.run("return window.sipform.state().person.protected;", &[]), json!(true));
    assert!(page.text_of("protected-banner").contains("Skyddad variant"));
    // An edit is unsaved work: leaving the page asks first.
    assert!(b.run("return window.sipform.dirty();", &[]).as_bool().unwrap());
    // Every id on the page names one element.
    let duplicates = b.run(
        "const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);
         return ids.filter((id, i) => ids.indexOf(id) !== i);",
        &[],
    );
    assert_eq!(duplicates, json!([]));
    let stored = b.run(
        "return [localStorage.length, sessionStorage.length, document.cookie, indexedDB.databases ? 'idb' : ''];",
        &[],
    );
    assert_eq!(stored[0], json!(0));
    assert_eq!(stored[1], json!(0));
    assert_eq!(stored[2], json!(""));
    // Nothing the page uses comes from elsewhere.
    let outside = b.run(
        "return performance.getEntriesByType('resource').map(r => r.name).filter(n => !n.startsWith(location.origin));",
        &[],
    );
    assert_eq!(outside, json!([]));
}

#[test]
fn axe_core_finds_no_wcag_fault_in_the_filled_page_in_swedish_or_english() {
    let axe = axe_source();
    for lang in ["sv", "en"] {
        let page = Page::open(lang);
        let b = &page.browser;
        page.example_by_keyboard();
        // With a finding shown and a list row added, as a person would see it.
        let number = b.by_id("f-person.personal_number");
        b.clear(&number);
        b.type_into(&number, "123");
        b.wait_for("the finding", "return document.getElementById('f-person.personal_number-finding');");
        b.click(&b.find("[data-pattern='guardians[]'] > [data-add]"));
        b.run(&axe, &[]);
        let violations = b.run_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(r => done(r.violations.map(v => ({ id: v.id, help: v.help,
                 nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))));",
            &[],
        );
        assert_eq!(violations, json!([]), "{lang}: axe-core found WCAG faults");
    }
    // The check can fail: a field without a label is a fault axe names.
    let page = Page::open("sv");
    let b = &page.browser;
    b.run("document.getElementById('case').append(document.createElement('input'));", &[]);
    b.run(&axe, &[]);
    let violations = b.run_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a'] } }).then(r => done(r.violations.map(v => v.id)));",
        &[],
    );
    assert!(violations.as_array().unwrap().contains(&json!("label")), "{violations}");
}

/// axe-core's script, which scripts/test installs from npm.
fn axe_source() -> String {
    let path = std::env::var_os("SIPFORM_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/axe/node_modules/axe-core/axe.min.js"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; run scripts/test, which installs axe-core (or set SIPFORM_AXE)", path.display())
    })
}
