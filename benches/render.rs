//! How long each stage takes: `cargo bench`. No framework: each case runs a
//! fixed number of times and the median and fastest are printed, which is
//! what we compare between changes. Speed is measured here, never in tests.

use std::hint::black_box;
use std::time::{Duration, Instant};

use sipform::{case, FormKind, ModelOptions, Renderer, Resources};

fn measure(name: &str, runs: usize, mut f: impl FnMut()) {
    f(); // warm caches (Typst memoises across compilations, as in real use)
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    println!("{name:<44} median {:>9.2?}   fastest {:>9.2?}   ({runs} runs)", times[runs / 2], times[0]);
}

/// Anna's case with the actions repeated until the plan has `n` of them.
fn long_plan(n: usize) -> String {
    let mut text = sipform::EXAMPLE.to_owned();
    let action = "\n[[plan.actions]]\ngoal = \"angest\"\nwhat = \"Samtal om hur veckan har varit och vad som kan bli bättre\"\nhow_often = \"1 gång i veckan\"\nwhere = \"Mottagningen\"\nresponsible = \"vuxenpsyk\"\nstart = \"Omgående\"\n";
    let insert_at = text.find("[followup]").expect("the example has a follow-up");
    let extra = action.repeat(n.saturating_sub(7));
    text.insert_str(insert_at, &extra);
    // The follow-up names actions by number; the extra ones are simply not followed up.
    text
}

fn main() {
    let example = sipform::EXAMPLE.as_bytes().to_vec();

    measure("parse + check the Anna case", 200, || {
        let loaded = case::from_bytes("anna.toml", None, black_box(example.clone())).unwrap();
        black_box(sipform::check::check(&loaded, &Default::default()));
    });

    measure("start a renderer (fonts, templates, forms)", 20, || {
        black_box(Renderer::new(Resources::embedded()).unwrap());
    });

    let renderer = Renderer::new(Resources::embedded()).unwrap();
    let loaded = case::from_bytes("anna.toml", None, example.clone()).unwrap();
    let options = ModelOptions::default();
    for kind in FormKind::ALL {
        measure(&format!("render {kind} (Anna)"), 20, || {
            black_box(renderer.render(&loaded, kind, &options).unwrap());
        });
    }
    measure("render all four forms (Anna)", 10, || {
        for kind in FormKind::ALL {
            black_box(renderer.render(&loaded, kind, &options).unwrap());
        }
    });

    // Memoisation makes repeated input cheap; a new person each run is
    // what a batch of different cases costs.
    let mut run = 0;
    measure("render plan, a different person each run", 20, || {
        run += 1;
        let text = sipform::EXAMPLE.replace("Anna Andersson", &format!("Person Nummer{run}"));
        let case = case::from_bytes("varied.toml", None, text.into_bytes()).unwrap();
        black_box(renderer.render(&case, FormKind::Plan, &options).unwrap());
    });

    let cases: Vec<_> = (0..48)
        .map(|i| {
            let text = sipform::EXAMPLE.replace("Anna Andersson", &format!("Batch Person{i}"));
            case::from_bytes("batch.toml", None, text.into_bytes()).unwrap()
        })
        .collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    measure(&format!("48 different cases, all forms, {cores} threads"), 3, || {
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..cores {
                scope.spawn(|| {
                    while let Some(case) = cases.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                        for kind in [FormKind::Invitation, FormKind::Consent, FormKind::Plan, FormKind::Followup] {
                            black_box(renderer.render(case, kind, &options).unwrap());
                        }
                    }
                });
            }
        });
    });

    for kind in renderer.blank_forms() {
        measure(&format!("blank {kind}"), 20, || {
            black_box(renderer.render_blank("sv", kind, &options, Some(8)).unwrap());
        });
    }

    for n in [50, 200] {
        let big = case::from_bytes("long.toml", None, long_plan(n).into_bytes()).unwrap();
        let pages = renderer.render(&big, FormKind::Plan, &options).unwrap().pdf.len();
        measure(&format!("render plan with {n} actions ({} kB)", pages / 1024), 5, || {
            black_box(renderer.render(&big, FormKind::Plan, &options).unwrap());
        });
    }
}
