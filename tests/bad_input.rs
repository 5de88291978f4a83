//! Messy input meets a clear error: the file, line and column, a stable
//! code, what to do, exit code 2, and never a panic or a PDF.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn anna_text() -> String {
    fs::read_to_string(example("anna")).unwrap()
}

/// Renders `bytes` as a case named `name` with `--all`, expecting it to be
/// refused: exit 2, no panic, nothing written. Returns what was printed.
#[track_caller]
fn refused(name: &str, bytes: &[u8]) -> String {
    let dir = tempdir();
    let case = dir.path().join(name);
    fs::write(&case, bytes).unwrap();
    let out_dir = dir.path().join("out");
    let out = sipform(&["render", case.to_str().unwrap(), "--all", "-o", out_dir.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "exit 2 for {name}: {err}");
    assert!(!err.contains("panicked"), "no panic: {err}");
    let written: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!out_dir.exists() || fs::read_dir(&out_dir).unwrap().next().is_none(), "nothing written: {written:?}");
    err
}

/// The same file through `check --format json`: the diagnostics' codes.
fn json_codes(name: &str, bytes: &[u8]) -> (Option<i32>, serde_json::Value) {
    let dir = tempdir();
    let case = dir.path().join(name);
    fs::write(&case, bytes).unwrap();
    let out = sipform(&["check", case.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("check --format json prints JSON");
    (out.status.code(), json)
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_toml_syntax_error_is_located() {
    let err = refused("case.toml", anna_text().replacen("[person]", "[person", 1).as_bytes());
    assert_has(&err, &["error[syntax]", "case.toml:8:8"]);
}

#[test]
fn a_json_syntax_error_is_located() {
    let err = refused("case.json", b"{\n  \"format\": 1,\n  \"person\": {\"name\": \"\xc3\x85sa\",, }\n}");
    assert_has(&err, &["error[syntax]", "case.json:3:28"]);
}

#[test]
fn text_that_is_not_utf8_names_where() {
    // Latin-1, as some systems still export: "Göran" with ö as the byte F6.
    let text = anna_text().replacen("Anna Andersson", "G\u{0}ran", 1).into_bytes();
    let latin1: Vec<u8> = text.into_iter().map(|b| if b == 0 { 0xF6 } else { b }).collect();
    let err = refused("case.toml", &latin1);
    assert_has(&err, &["not UTF-8", "line 9, column 10", "0xF6", "save the file as UTF-8"]);
}

#[test]
fn wrong_types_unknown_keys_and_impossible_dates_are_located() {
    let err = refused("case.toml", anna_text().replacen("minutes = 90", "minutes = \"en timme\"", 1).as_bytes());
    assert_has(&err, &["error[wrong-type]", "case.toml:", "en timme"]);

    let err = refused("case.toml", anna_text().replacen("valid_until", "valid_untill", 1).as_bytes());
    assert_has(&err, &["error[unknown-key]", "did you mean `valid_until`?"]);

    let err =
        refused("case.toml", anna_text().replacen("valid_until = 2027-", "valid_until = 2026-02-30 #", 1).as_bytes());
    assert_has(&err, &["error[invalid-date]", "case.toml:53:15"]);
    let (code, json) = json_codes(
        "case.json",
        br#"{"format": 1, "person": {"name": "A", "personal_number": "19990101-2386"}, "printed": "2026-02-30"}"#,
    );
    assert_eq!(code, Some(2));
    assert_eq!(codes(&json), ["invalid-date"]);
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("not a real date"));
}

#[test]
fn empty_text_and_control_characters_are_refused() {
    let err = refused("case.toml", anna_text().replacen("chair = ", "chair = \" \" #", 1).as_bytes());
    assert_has(&err, &["error[empty-text]", "meeting.chair"]);
    let err = refused("case.toml", anna_text().replacen("Anna Andersson", "Anna\\u001BAndersson", 1).as_bytes());
    assert_has(&err, &["error[control-character]", "U+001B"]);
}

#[test]
fn a_file_too_large_is_refused_before_it_is_read() {
    let mut text = anna_text();
    text.push_str(&format!("# {}\n", "x".repeat(sipform::case::MAX_CASE_BYTES)));
    let err = refused("case.toml", text.as_bytes());
    assert_has(&err, &["a case file may be at most 1048576 bytes"]);
}

#[test]
fn deep_nesting_is_an_error_and_the_report_stays_short() {
    let deep = format!("format = 1\nx = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let err = refused("case.toml", deep.as_bytes());
    assert_has(&err, &["error[syntax]", "case.toml:2:"]);
    assert!(err.len() < 2_000, "a long line is shown as an excerpt, not in full ({} bytes)", err.len());

    let deep = format!("{{\"format\": 1, \"person\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let err = refused("case.json", deep.as_bytes());
    assert_has(&err, &["case.json:1:"]);
    assert!(err.len() < 2_000, "{} bytes", err.len());
}

#[test]
fn a_huge_list_is_refused() {
    let many = vec!["\"Hälsa\""; sipform::check::MAX_ITEMS + 1].join(", ");
    let text = anna_text();
    let start = text.find("information = [").unwrap();
    let end = start + text[start..].find(']').unwrap() + 1;
    let err = refused("case.toml", format!("{}information = [{many}]{}", &text[..start], &text[end..]).as_bytes());
    assert_has(&err, &["error[too-many-items]", "consents[0].information", "at most 500"]);
}

#[test]
fn an_output_that_cannot_be_written_is_a_clear_error() {
    let dir = tempdir();
    // A path below a file: no one, root included, can create it.
    let blocker = dir.path().join("a-file");
    fs::write(&blocker, "").unwrap();
    let target = blocker.join("plan.pdf");
    let out = sipform(&["render", example("anna").to_str().unwrap(), "--form", "plan", "-o", target.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_has(&err, &["cannot write", "plan.pdf", "choose another output with -o"]);
    assert!(!target.exists());

    let out = sipform(&["render", example("anna").to_str().unwrap(), "--all", "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_has(&stderr(&out), &["cannot write"]);
}

#[test]
fn check_reports_rules_as_json_with_place_and_path() {
    let text = anna_text().replacen("given_by = \"individual\"", "given_by = \"representative\"", 1);
    let (code, json) = json_codes("case.toml", text.as_bytes());
    assert_eq!(code, Some(2));
    assert_eq!(codes(&json), ["no-representative"]);
    let d = &json["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "consents[0].given_by");
    assert_eq!(d["file"].as_str().map(|f| f.ends_with("case.toml")), Some(true));
    let line = d["line"].as_u64().unwrap() as usize;
    assert_eq!(text.lines().nth(line - 1), Some("given_by = \"representative\""));
    assert!(d["hint"].as_str().unwrap().contains("[representative]"));
    assert!(d["start"]["offset"].as_u64() < d["end"]["offset"].as_u64());
}

#[test]
fn warnings_exit_zero_unless_strict() {
    let dir = tempdir();
    let case = dir.path().join("late.toml");
    // Anna's need was found 2026-11-02 and the meeting is 2026-11-20: 18 days.
    fs::write(&case, anna_text()).unwrap();
    let path = case.to_str().unwrap();
    let out = sipform(&["check", path, "--meeting-within-days", "14"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_has(&stderr(&out), &["warning[late-meeting]", "within 14"]);
    let out = sipform(&["check", path, "--meeting-within-days", "14", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let out = sipform(&["check", path, "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // A render goes on after a warning and prints it.
    let pdf = dir.path().join("plan.pdf");
    let out = sipform(&["render", path, "--form", "plan", "--meeting-within-days", "14", "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_has(&stderr(&out), &["warning[late-meeting]"]);
    assert!(Path::new(&pdf).exists());
}

#[test]
fn a_withdrawn_consent_leaves_only_its_record_and_the_closing_follow_up() {
    let dir = tempdir();
    let withdrawn = anna_text().replacen("valid_until =", "withdrawn = 2027-01-15\nvalid_until =", 1);
    let case = dir.path().join("withdrawn.toml");
    fs::write(&case, &withdrawn).unwrap();
    let out = sipform(&[
        "render",
        case.to_str().unwrap(),
        "--form",
        "plan",
        "-o",
        dir.path().join("p.pdf").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_has(&stderr(&out), &["error[consent-withdrawn]", "withdrawn on 2027-01-15"]);
    // `--all` prints the consent form, which records the withdrawal, and
    // says why it leaves the rest out.
    let out = sipform(&["render", case.to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_has(&stderr(&out), &["warning[consent-withdrawn]", "left out of `render --all`"]);
    let written: Vec<_> = pdfs_in(dir.path()).iter().map(|p| p.file_name().unwrap().to_owned()).collect();
    assert_eq!(written, ["withdrawn-consent.pdf"]);
    assert_has(
        &normalise(&pdf_text(&dir.path().join("withdrawn-consent.pdf"))),
        &["Samtycket togs tillbaka", "15 januari 2027"],
    );
    fs::remove_file(dir.path().join("withdrawn-consent.pdf")).unwrap();

    // Closed at the follow-up: that form, and only it, is printed.
    let closed = withdrawn.replacen(
        "decision = \"continue\"",
        "decision = \"close\"\nclose_reason = \"Anna har tagit tillbaka sitt samtycke.\"",
        1,
    );
    fs::write(&case, closed).unwrap();
    let out = sipform(&["check", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_has(&stderr(&out), &["warning[consent-withdrawn]"]);
    sipform_ok(&["render", case.to_str().unwrap(), "--all", "-o", dir.path().to_str().unwrap()]);
    let written: Vec<_> = pdfs_in(dir.path()).iter().map(|p| p.file_name().unwrap().to_owned()).collect();
    assert_eq!(written, ["withdrawn-consent.pdf", "withdrawn-followup.pdf"]);
    assert_has(&pdf_text(&dir.path().join("withdrawn-followup.pdf")), &["Anna har tagit tillbaka sitt samtycke."]);
}
