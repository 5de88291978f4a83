//! The stages in process, on one renderer: `cargo bench`. Each form is made
//! for a new person every run (a name, a situation and actions of their
//! own), since Typst memoises layout and the same input again would measure
//! the cache. The whole program against the typst CLI is `bench/run`.
//! Speed is measured here, never in tests.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;

use divan::{black_box, Bencher};
use sipform::{case, FormKind, Loaded, ModelOptions, Renderer, Resources};

fn main() {
    divan::main();
}

static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new(Resources::embedded()).unwrap());

/// A number no run has used, so each case is new to Typst's cache.
fn next() -> usize {
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// The Anna example as another person, with texts of their own.
fn person_text(i: usize) -> String {
    let words = ["stöd", "vardag", "träning", "samtal", "skola", "arbete", "boende", "ekonomi", "sömn", "vänner"];
    let sentence: Vec<String> =
        (0..30).map(|k| format!("{}{}", words[(i + k * 3) % words.len()], i * 31 + k)).collect();
    sipform::EXAMPLE
        .replace("Anna Andersson", &format!("Person Nummer{i}"))
        .replacen("situation = \"", &format!("situation = \"{}. ", sentence.join(" ")), 1)
        .replace("KBT-behandling, samtal", &format!("KBT-behandling, samtal {i}"))
}

fn person(i: usize) -> Loaded {
    case::from_bytes("bench.toml", None, person_text(i).into_bytes()).unwrap()
}

/// Anna's case with extra actions until the plan has `n` of them.
fn long_plan(n: usize, i: usize) -> Loaded {
    let mut text = person_text(i);
    let action = "\n[[plans.actions]]\ngoal = \"angest\"\nwhat = \"Samtal om hur veckan har varit och vad som kan bli bättre\"\nhow_often = \"1 gång i veckan\"\nwhere = \"Mottagningen\"\nresponsible = \"vuxenpsyk\"\nstart = \"Omgående\"\n";
    let at = text.find("[[followups]]").expect("the example has follow-ups");
    text.insert_str(at, &action.repeat(n.saturating_sub(7)));
    case::from_bytes("long.toml", None, text.into_bytes()).unwrap()
}

#[divan::bench]
fn parse_and_check(b: Bencher) {
    b.with_inputs(|| person_text(next()).into_bytes()).bench_values(|bytes| {
        let loaded = case::from_bytes("bench.toml", None, bytes).unwrap();
        black_box(sipform::check::check(&loaded, &Default::default()))
    });
}

#[divan::bench(sample_count = 10)]
fn start_a_renderer() -> Renderer {
    Renderer::new(Resources::embedded()).unwrap()
}

/// One form for a new person: check, model, layout, PDF.
#[divan::bench(args = FormKind::ALL.into_iter().filter(|k| *k != FormKind::Envelope))]
fn form_for_a_new_person(b: Bencher, kind: FormKind) {
    let options = ModelOptions::default();
    b.with_inputs(|| person(next())).bench_refs(|case| black_box(RENDERER.render(case, kind, &options).unwrap()));
}

#[divan::bench(args = [FormKind::Invitation, FormKind::Consent, FormKind::Plan, FormKind::Followup])]
fn blank_form(kind: FormKind) -> Vec<u8> {
    RENDERER.render_blank("sv", kind, &ModelOptions::default(), Some(8)).unwrap()
}

#[divan::bench(args = [50, 200], sample_count = 10)]
fn plan_with_many_actions(b: Bencher, n: usize) {
    let options = ModelOptions::default();
    b.with_inputs(|| long_plan(n, next()))
        .bench_refs(|case| black_box(RENDERER.render(case, FormKind::Plan, &options).unwrap()));
}

/// 48 new people's plans on every core: throughput in process.
#[divan::bench(sample_count = 5)]
fn plans_of_48_people_on_every_core(b: Bencher) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let options = ModelOptions::default();
    b.with_inputs(|| (0..48).map(|_| person(next())).collect::<Vec<_>>()).bench_refs(|cases| {
        let at = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..cores {
                scope.spawn(|| {
                    while let Some(case) = cases.get(at.fetch_add(1, Ordering::Relaxed)) {
                        black_box(RENDERER.render(case, FormKind::Plan, &options).unwrap());
                    }
                });
            }
        });
    });
}
