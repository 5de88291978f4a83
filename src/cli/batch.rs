//! `sipform render` with many cases: every core renders, with one renderer
//! (fonts and templates loaded once); a bad case is reported and the rest
//! still render; a summary at the end, and an exit code that says whether
//! any failed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use sipform::Error;

use super::args::OutputFormat;
use super::render::{stem, Job, Made};
use super::say::{messages, say};
use super::{exit, report};
use sipform::diagnostic::Messages;

/// The case files named on the command line: files as given, folders as the
/// `.toml` and `.json` files directly in them, in name order.
pub fn cases(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut cases = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            cases.push(input.clone());
            continue;
        }
        let entries = std::fs::read_dir(input).map_err(|source| Error::Read { path: input.clone(), source })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "json")))
            .collect();
        if found.is_empty() {
            return Err(Error::usage(
                format!("`{}` holds no case files (.toml or .json)", input.display()),
                format!("`{}` har inga ärendefiler (.toml eller .json)", input.display()),
            ));
        }
        found.sort();
        cases.extend(found);
    }
    // Outputs are named after the case file; two cases of the same name
    // would write over each other's forms.
    let mut stems: Vec<(String, &PathBuf)> = cases.iter().map(|c| (stem(c), c)).collect();
    stems.sort();
    if let Some(pair) = stems.windows(2).find(|w| w[0].0 == w[1].0) {
        let (a, b) = (pair[0].1.display(), pair[1].1.display());
        return Err(Error::usage(
            format!("`{a}` and `{b}` would write forms of the same name; rename one"),
            format!("`{a}` och `{b}` skulle skriva blanketter med samma namn; byt namn på den ena"),
        ));
    }
    Ok(cases)
}

pub fn run(job: &Job, cases: &[PathBuf]) -> u8 {
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        let bar = ProgressBar::new(cases.len() as u64);
        let style = ProgressStyle::with_template("{bar:40} {pos}/{len} cases  {per_sec}  {elapsed_precise}")
            .expect("the progress template is valid");
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        Some(bar)
    } else {
        None
    };
    // Messages go above the bar, or as plain lines without one.
    let above_bar = |print: &dyn Fn()| match &bar {
        Some(bar) => bar.suspend(print),
        None => print(),
    };

    let next = AtomicUsize::new(0);
    // What the summary needs of each case: how many files it wrote, or why
    // it failed. Not the case itself: 10,000 case texts kept to the end
    // would be memory that grows with the batch.
    let mut outcomes: Vec<(usize, Result<usize, Error>)> = Vec::with_capacity(cases.len());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(cases.len()).max(1);
    // The render threads make each case's files in memory and hand them to
    // this thread, which writes them. Writing a file whole waits for the
    // disk (`sync_all` before the rename, src/pdf.rs): about 1 ms a file
    // here, which kept a core idle while its thread waited, 7 % of a
    // batch's time (bench/RESULTS.md). More render threads than cores
    // would fill that wait too, but rendered slower. The channel
    // holds a few cases, so a slow disk holds the render threads back
    // rather than filling memory.
    let (made, written) = std::sync::mpsc::sync_channel::<(usize, Result<Made, Error>)>(2 * workers);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let made = made.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                if made.send((i, job.make(case, true))).is_err() {
                    break;
                }
            });
        }
        drop(made);
        for (i, made) in written {
            let case = &cases[i];
            let outcome = made.and_then(Made::write);
            above_bar(&|| match &outcome {
                Ok(done) => {
                    report::diagnostics(&done.source, &done.warnings, OutputFormat::Human);
                    eprintln!(
                        "{}  {} ({} {})",
                        say("ok    ", "klar  "),
                        case.display(),
                        done.written.len(),
                        say("files", "filer")
                    );
                }
                Err(e) => {
                    report::error(e, OutputFormat::Human);
                    eprintln!("{}  {}", say("failed", "fel   "), case.display());
                }
            });
            outcomes.push((i, outcome.map(|done| done.written.len())));
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }

    outcomes.sort_by_key(|(i, _)| *i);
    summary(cases, &outcomes, started.elapsed())
}

fn summary(cases: &[PathBuf], outcomes: &[(usize, Result<usize, Error>)], took: Duration) -> u8 {
    let files: usize = outcomes.iter().filter_map(|(_, o)| o.as_ref().ok()).sum();
    let failed: Vec<(&Path, &Error)> =
        outcomes.iter().filter_map(|(i, o)| o.as_ref().err().map(|e| (cases[*i].as_path(), e))).collect();
    let rate = cases.len() as f64 / took.as_secs_f64().max(1e-9);
    let (done, all, seconds) = (cases.len() - failed.len(), cases.len(), took.as_secs_f64());
    match messages() {
        Messages::English => {
            eprintln!("\nrendered {done} of {all} cases ({files} files) in {seconds:.1} s, {rate:.1} cases/s")
        }
        Messages::Swedish => {
            eprintln!("\n{done} av {all} ärenden klara ({files} filer) på {seconds:.1} s, {rate:.1} ärenden/s")
        }
    }
    if failed.is_empty() {
        return exit::OK;
    }
    eprintln!("{} {}", failed.len(), say("failed:", "misslyckades:"));
    for (case, e) in &failed {
        let reason = match e {
            Error::Invalid(invalid) => {
                let first = &invalid.diagnostics[0];
                let more = invalid.diagnostics.len() - 1;
                let place = first.span.as_ref().map(|s| {
                    let (line, column) = invalid.source.line_col(s.start);
                    format!(":{line}:{column}")
                });
                let more = if more > 0 {
                    format!(" ({} {more} {})", say("and", "och"), say("more", "till"))
                } else {
                    String::new()
                };
                format!("{}{}: {}{more}", case.display(), place.unwrap_or_default(), first.words(messages()).0)
            }
            e => format!("{}: {}", case.display(), e.words(messages())),
        };
        eprintln!("  {reason}");
    }
    failed.iter().map(|(_, e)| report::code(e)).max().unwrap_or(exit::INVALID)
}
