//! `sipform render` with many cases: a folder of generated cases, some of them
//! broken in different ways, rendered as one batch. Every good case gets its
//! forms, every bad one is named with where and why, nothing is written for
//! it, and the summary and exit code say so.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use common::*;

const EXAMPLES: [&str; 3] = ["anna", "child", "discharge"];
/// Every example has the data for these four forms (the envelope is only
/// made for the protected variant).
const FORMS: [&str; 5] = ["invitation", "consent", "plan", "my-plan", "followup"];

const FIRST: [&str; 20] = [
    "Alva", "Bertil", "Cecilia", "David", "Ebba", "Filip", "Greta", "Hugo", "Ines", "Jonas", "Klara", "Leo", "Maja",
    "Nils", "Olivia", "Per", "Rut", "Sixten", "Tove", "Ville",
];
const LAST: [&str; 10] = [
    "Almqvist",
    "Bergström",
    "Dahlberg",
    "Ekholm",
    "Forsberg",
    "Gustavsson",
    "Hedlund",
    "Isaksson",
    "Jansson",
    "Karlsson",
];

/// The person's full name in each example, written everywhere the example
/// names them (participants, those present at the follow-up).
fn person(base: &str) -> &'static str {
    match base {
        "anna" => "Anna Andersson",
        "child" => "Elias Nyström",
        "discharge" => "Margit Johansson",
        _ => unreachable!(),
    }
}

/// A good case made from an example: another person (the personnummer stays,
/// so it stays valid) and a goal text of its own.
struct Good {
    file: PathBuf,
    stem: String,
    base: &'static str,
    name: String,
    goal: String,
}

fn good_case(dir: &Path, i: usize, json: bool) -> Good {
    let base = EXAMPLES[i % EXAMPLES.len()];
    let name = format!("{} {}", FIRST[i % FIRST.len()], LAST[i / FIRST.len() % LAST.len()]);
    let original = fs::read_to_string(example(base)).unwrap();
    let mut text = original.replace(person(base), &name);
    assert_ne!(text, original, "{base}: the person's name is in the example");

    // The first goal's text gets the case's number.
    let line = text.lines().find(|l| l.starts_with("text = \"")).expect("the example has goals").to_owned();
    let goal = format!("{} fall {i:03}", &line["text = \"".len()..line.len() - 1]);
    text = text.replacen(&line, &format!("text = \"{goal}\""), 1);

    let stem = format!("case-{i:03}-{base}");
    let file = dir.join(format!("{stem}.{}", if json { "json" } else { "toml" }));
    if json {
        let loaded = sipform::case::from_bytes("case.toml", None, text.into_bytes()).expect("the case parses");
        fs::write(&file, serde_json::to_string_pretty(&loaded.case).unwrap()).unwrap();
    } else {
        fs::write(&file, text).unwrap();
    }
    Good { file, stem, base, name, goal }
}

/// A broken case: its file, and where (line, column) and what the summary
/// must say about it.
struct Broken {
    file: PathBuf,
    at: (usize, usize),
    says: &'static str,
}

/// The 1-based line of the first line holding `line`, and the 1-based
/// column (in characters) of `token` in it.
fn position(text: &str, line: &str, token: &str) -> (usize, usize) {
    let (n, l) = text.lines().enumerate().find(|(_, l)| l.contains(line)).unwrap_or_else(|| panic!("{line:?}"));
    let col = l.find(token).unwrap_or_else(|| panic!("{token:?} in {l:?}"));
    (n + 1, l[..col].chars().count() + 1)
}

fn edit(base: &str, from: &str, to: &str) -> String {
    let text = fs::read_to_string(example(base)).unwrap();
    assert!(text.contains(from), "{base}: {from:?}");
    text.replacen(from, to, 1)
}

/// Seven ways to get a case wrong, each in a file of its own.
fn broken_cases(dir: &Path) -> Vec<Broken> {
    let mut out = Vec::new();
    let mut add = |name: &str, text: String, at: (usize, usize), says: &'static str| {
        let file = dir.join(name);
        fs::write(&file, text).unwrap();
        out.push(Broken { file, at, says });
    };

    // TOML that does not parse.
    let text = edit("anna", "minutes = 90\n", "minutes = = 90\n");
    let at = position(&text, "minutes = = 90", "= 90");
    add("broken-syntax.toml", text, at, "");

    // A key the format does not have.
    let text = edit("child", "contact = \"third-party\"\n", "contact = \"third-party\"\nnickname = \"Nisse\"\n");
    let at = position(&text, "nickname", "nickname");
    add("broken-unknown-key.toml", text, at, "unknown field `nickname`");

    // Text where a number belongs.
    let text = edit("discharge", "minutes = 60\n", "minutes = \"sextio\"\n");
    let at = position(&text, "minutes = \"sextio\"", "\"sextio\"");
    add("broken-wrong-type.toml", text, at, "invalid type: string \"sextio\"");

    // A consent that does not cover a unit that takes part in the meeting.
    let text = edit(
        "anna",
        "parties = [\"vuxenpsyk\", \"socialpsyk\", \"studenthalsan\"]",
        "parties = [\"vuxenpsyk\", \"socialpsyk\"]",
    );
    let at = position(&text, "unit = \"studenthalsan\"", "\"studenthalsan\"");
    add(
        "broken-consent.toml",
        text,
        at,
        "`studenthalsan` takes part in the meeting on 2026-11-20, but the consent in force then does not cover it",
    );

    // A personnummer with the wrong check digit.
    let text = edit("anna", "\"19990101-2386\"", "\"19990101-2387\"");
    let at = position(&text, "personal_number", "\"19990101-2387\"");
    add("broken-personnummer.toml", text, at, "`19990101-2387` has the wrong check digit");

    // Actions for a goal the plan does not have.
    let text = fs::read_to_string(example("discharge")).unwrap().replace("\ngoal = \"trygg\"\n", "\ngoal = \"somn\"\n");
    let at = position(&text, "goal = \"somn\"", "\"somn\"");
    add("broken-goal.toml", text, at, "there is no goal `somn`");

    // A protected person whose plan names the street they live on.
    let text = edit("child", "protected = false", "protected = true").replacen(
        "situation = \"",
        "situation = \"Jag bor på Körsbärsvägen 12. ",
        1,
    );
    let at = position(&text, "Jag bor på Körsbärsvägen", "Körsbärsvägen");
    add("broken-location.toml", text, at, "can reveal where the person lives or stays");

    // JSON cut off after a line.
    let whole = {
        let loaded = sipform::case::from_bytes("case.toml", None, fs::read(example("child")).unwrap()).unwrap();
        serde_json::to_string_pretty(&loaded.case).unwrap()
    };
    let cut: String = whole.lines().take(40).map(|l| format!("{l}\n")).collect();
    add("broken-json.json", cut, (41, 1), "EOF while parsing");

    out
}

/// The one line of the summary that starts with `prefix`.
fn summary_line<'a>(err: &'a str, prefix: &str) -> &'a str {
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with(prefix)).collect();
    assert_eq!(lines.len(), 1, "one line starting {prefix:?} in:\n{err}");
    lines[0]
}

/// `rendered X of Y cases (Z files) in T s, R cases/s`, as numbers.
fn summary(err: &str) -> (usize, usize, usize, f64, f64) {
    let line = summary_line(err, "rendered ");
    let words: Vec<&str> = line.split_whitespace().collect();
    let shape = ["rendered", "", "of", "", "cases", "", "files)", "in", "", "s,", "", "cases/s"];
    assert_eq!(words.len(), shape.len(), "{line}");
    for (w, s) in words.iter().zip(shape) {
        assert!(s.is_empty() || *w == s, "{line}");
    }
    let number = |i: usize| words[i].trim_start_matches('(').parse::<f64>().unwrap_or_else(|_| panic!("{line}"));
    (number(1) as usize, number(3) as usize, number(5) as usize, number(8), number(10))
}

fn names_in(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect()
}

#[test]
fn a_batch_with_broken_cases_renders_the_rest_and_names_the_broken() {
    let dir = tempdir();
    let cases = dir.path().join("cases");
    fs::create_dir(&cases).unwrap();
    let broken = broken_cases(&cases);
    let total = 200;
    let good: Vec<Good> = (0..total - broken.len()).map(|i| good_case(&cases, i, i % 25 == 7)).collect();
    // Not case files: not rendered, and no failure either.
    fs::write(cases.join("notes.txt"), "not a case").unwrap();
    fs::create_dir(cases.join("old.toml")).unwrap();

    let out = dir.path().join("out");
    let started = Instant::now();
    let run = sipform(&["render", cases.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let took = started.elapsed().as_secs_f64();
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "a batch with invalid cases exits 2:\n{err}");
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "no progress bar without a terminal");

    // Every good case, and nothing else, has its five forms.
    let expected: BTreeSet<String> =
        good.iter().flat_map(|g| FORMS.iter().map(move |f| format!("{}-{f}.pdf", g.stem))).collect();
    assert_eq!(names_in(&out), expected, "the forms of the good cases and nothing else");
    assert_eq!(expected.len(), FORMS.len() * good.len());
    for name in &expected {
        let bytes = fs::read(out.join(name)).unwrap();
        assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 1000, "{name} is a PDF");
        assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"), "{name} is written to the end");
    }
    for b in &broken {
        let stem = b.file.file_stem().unwrap().to_str().unwrap();
        assert!(!names_in(&out).iter().any(|n| n.starts_with(stem)), "nothing is written for {stem}");
    }

    // Each good form holds its own person, never the example's.
    for g in [&good[0], &good[1], &good[7], &good[good.len() - 1]] {
        let plan = pdf_text(&out.join(format!("{}-plan.pdf", g.stem)));
        assert_has(&plan, &[&g.name, &g.goal]);
        assert_lacks(&plan, &[person(g.base)]);
        let invitation = pdf_text(&out.join(format!("{}-invitation.pdf", g.stem)));
        assert_has(&invitation, &[&g.name]);
        assert_lacks(&invitation, &[person(g.base)]);
    }

    // One plain line per case.
    for g in &good {
        assert_eq!(
            err.lines().filter(|l| *l == format!("ok      {} (5 files)", g.file.display())).count(),
            1,
            "{}: one ok line in:\n{err}",
            g.stem
        );
    }
    for b in &broken {
        assert_eq!(err.lines().filter(|l| *l == format!("failed  {}", b.file.display())).count(), 1, "{err}");
    }
    assert_eq!(err.lines().filter(|l| l.starts_with("ok      ")).count(), good.len());
    assert_eq!(err.lines().filter(|l| l.starts_with("failed  ")).count(), broken.len());

    // The summary: the numbers, then the broken cases in name order, each
    // with the place in its file and the first problem.
    let (rendered, of, files, seconds, rate) = summary(&err);
    assert_eq!((rendered, of, files), (good.len(), total, FORMS.len() * good.len()), "{err}");
    assert!(seconds > 0.0 && seconds <= took + 0.1, "{seconds} s, measured {took:.1} s");
    // Both are rounded to a tenth: the rate is the cases over the time.
    let (low, high) = (total as f64 / (seconds + 0.05) - 0.05, total as f64 / (seconds - 0.05).max(1e-3) + 0.05);
    assert!(low <= rate && rate <= high, "{rate} cases/s for {total} cases in {seconds} s");
    let tail: Vec<&str> = err.lines().skip_while(|l| !l.starts_with("rendered ")).collect();
    assert_eq!(tail[1], format!("{} failed:", broken.len()), "{err}");
    let mut names: Vec<&Broken> = broken.iter().collect();
    names.sort_by_key(|b| b.file.clone());
    assert_eq!(tail.len(), 2 + names.len(), "nothing after the failed cases:\n{err}");
    for (line, b) in tail[2..].iter().zip(names) {
        let prefix = format!("  {}:{}:{}: ", b.file.display(), b.at.0, b.at.1);
        assert!(line.starts_with(&prefix), "expected {prefix:?}, got {line:?}");
        assert!(line.len() > prefix.len() && line.contains(b.says), "{:?} in {line:?}", b.says);
    }
    // And the full diagnostic came before, with the source line.
    assert_has(&err, &["error[syntax]", "error[unknown-key]", "error[consent-scope]", "error[location-in-text]"]);
    assert_has(&err, &["minutes = = 90", "personal_number = \"19990101-2387\""]);
    eprintln!("200 cases rendered in {took:.1} s");
}

#[test]
fn a_batch_renders_the_same_bytes_twice_and_exits_0() {
    let dir = tempdir();
    let cases = dir.path().join("cases");
    fs::create_dir(&cases).unwrap();
    let good: Vec<Good> = (0..10).map(|i| good_case(&cases, i, i == 4)).collect();

    // Once as a folder, once as files named one by one.
    let first = dir.path().join("first");
    let run = sipform(&["render", cases.to_str().unwrap(), "--ics", "-o", first.to_str().unwrap()]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    // Five forms and two calendar files; the discharge plan is closed, so
    // it has no next follow-up to put in a calendar.
    let closed = |g: &Good| g.base == "discharge";
    let files: usize = good.iter().map(|g| if closed(g) { 6 } else { 7 }).sum();
    let (rendered, of, written, _, _) = summary(&err);
    assert_eq!((rendered, of, written), (10, 10, files), "{err}");
    assert!(!err.contains("failed"), "{err}");
    for g in &good {
        let line = format!("{} ({} files)", g.file.display(), if closed(g) { 6 } else { 7 });
        assert_eq!(err.lines().filter(|l| l.starts_with("ok      ") && l.ends_with(&line)).count(), 1, "{line}\n{err}");
    }

    let second = dir.path().join("second");
    let mut args = vec!["render"];
    args.extend(good.iter().rev().map(|g| g.file.to_str().unwrap()));
    args.extend(["--ics", "-o", second.to_str().unwrap()]);
    let run = sipform(&args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));

    let expected: BTreeSet<String> = good
        .iter()
        .flat_map(|g| {
            let pdfs = FORMS.iter().map(move |f| format!("{}-{f}.pdf", g.stem));
            let events: &[&str] = if closed(g) { &["invitation"] } else { &["invitation", "followup"] };
            pdfs.chain(events.iter().map(move |e| format!("{}-{e}.ics", g.stem)))
        })
        .collect();
    assert_eq!(names_in(&first), expected);
    assert_eq!(names_in(&second), expected);
    for name in &expected {
        let (a, b) = (fs::read(first.join(name)).unwrap(), fs::read(second.join(name)).unwrap());
        assert!(a == b, "{name} differs between two runs");
    }
    let ics = fs::read_to_string(first.join(format!("{}-invitation.ics", good[3].stem))).unwrap();
    assert!(ics.contains(&good[3].name), "the calendar file names the person");
}

#[test]
fn two_cases_of_the_same_name_are_refused_before_anything_is_rendered() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    fs::create_dir(&a).unwrap();
    fs::create_dir(&b).unwrap();
    fs::copy(example("anna"), a.join("anna.toml")).unwrap();
    fs::copy(example("child"), a.join("child.toml")).unwrap();
    fs::copy(example("discharge"), b.join("anna.toml")).unwrap();
    let out = dir.path().join("out");

    // In two folders.
    let run = sipform(&["render", a.to_str().unwrap(), b.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert_has(&err, &["would write forms of the same name", &a.join("anna.toml").display().to_string()]);
    assert_has(&err, &[&b.join("anna.toml").display().to_string()]);
    assert!(!out.exists() || pdfs_in(&out).is_empty(), "nothing is rendered, not even child");

    // A .toml and a .json of the same name in one folder.
    let loaded = sipform::case::from_bytes("anna.toml", None, fs::read(example("anna")).unwrap()).unwrap();
    fs::write(a.join("anna.json"), serde_json::to_string_pretty(&loaded.case).unwrap()).unwrap();
    let run = sipform(&["render", a.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert_has(&err, &["would write forms of the same name", "anna.json", "anna.toml"]);
    assert!(!out.exists() || pdfs_in(&out).is_empty(), "nothing is rendered");

    // Named one by one, too.
    let run = sipform(&[
        "render",
        a.join("anna.toml").to_str().unwrap(),
        b.join("anna.toml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_has(&stderr(&run), &["would write forms of the same name"]);
    assert!(!out.exists() || pdfs_in(&out).is_empty(), "nothing is rendered");
}

#[test]
fn a_form_that_cannot_be_written_fails_its_case_and_the_rest_are_written() {
    // The render threads make the files and one thread writes them: a write
    // that fails must still fail its own case, named, with the exit code of
    // a failure that is not the input's, and leave the other cases whole.
    let dir = tempdir();
    let cases = dir.path().join("cases");
    fs::create_dir(&cases).unwrap();
    let good: Vec<Good> = (0..6).map(|i| good_case(&cases, i, false)).collect();
    let out = dir.path().join("out");
    let blocked = &good[3];
    // A folder where the plan would go.
    fs::create_dir_all(out.join(format!("{}-plan.pdf", blocked.stem)).join("inside")).unwrap();

    let run = sipform(&["render", cases.to_str().unwrap(), "-f", "plan", "-o", out.to_str().unwrap()]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(3), "a form that cannot be written is not the case's fault:\n{err}");
    let (rendered, of, files, _, _) = summary(&err);
    assert_eq!((rendered, of, files), (5, 6, 5), "{err}");
    assert_eq!(err.lines().filter(|l| *l == format!("failed  {}", blocked.file.display())).count(), 1, "{err}");
    let tail: Vec<&str> = err.lines().skip_while(|l| !l.starts_with("rendered ")).collect();
    assert_eq!(tail[1], "1 failed:", "{err}");
    assert!(tail[2].starts_with(&format!("  {}: ", blocked.file.display())) && tail[2].contains("folder"), "{err}");
    for g in good.iter().filter(|g| g.stem != blocked.stem) {
        let plan = out.join(format!("{}-plan.pdf", g.stem));
        assert_has(&pdf_text(&plan), &[&g.name]);
        assert_eq!(err.lines().filter(|l| *l == format!("ok      {} (1 files)", g.file.display())).count(), 1, "{err}");
    }
    assert!(out.join(format!("{}-plan.pdf", blocked.stem)).join("inside").is_dir(), "the folder is left alone");
    let leftovers: Vec<String> = names_in(&out).into_iter().filter(|n| n.starts_with('.')).collect();
    assert!(leftovers.is_empty(), "no temporary files left: {leftovers:?}");
}
