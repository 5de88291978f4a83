//! Memory stays flat however many cases are rendered: Typst's memo cache is
//! evicted as forms are made (src/layout/mod.rs), so what one case laid out
//! does not stay behind. Before, every plan left about 3.6 MB, and 1,000
//! plans peaked at 4.3 GB. (Speed is measured in bench/, not here; this is
//! correctness: a server or a year's batch must not run out of memory.)
//! One test in its own binary, so no other test's memory is counted.

mod common;

use sipform::{case, FormKind, ModelOptions, Renderer, Resources};

/// A case no other is like: a new person, new words in every text.
fn case_number(i: usize) -> sipform::Loaded {
    let words = ["stöd", "vardag", "träning", "samtal", "skola", "arbete", "boende", "ekonomi", "sömn", "vänner"];
    let sentence: Vec<String> =
        (0..40).map(|k| format!("{}{}", words[(i * 7 + k * 3) % words.len()], i * 100 + k)).collect();
    let text = sipform::EXAMPLE.replace("Anna Andersson", &format!("Person Nummer{i}")).replacen(
        "situation = \"",
        &format!("situation = \"{}. ", sentence.join(" ")),
        1,
    );
    case::from_bytes(&format!("case-{i}.toml"), None, text.into_bytes()).expect("the case reads")
}

#[test]
fn memory_does_not_grow_with_the_number_of_cases() {
    let renderer = Renderer::new(Resources::embedded()).unwrap();
    let options = ModelOptions::default();
    let render = |range: std::ops::Range<usize>| {
        for i in range {
            renderer.render(&case_number(i), FormKind::Plan, &options).expect("the plan renders");
        }
    };
    // Warm up: fonts, the template, the allocator's pools.
    render(0..15);
    let before = common::resident_mb("self");
    render(15..75);
    let after = common::resident_mb("self");
    // 60 more plans: at the old 3.6 MB a case that was over 200 MB.
    assert!(
        after - before < 60.0,
        "memory grew by {:.0} MB over 60 plans ({before:.0} MB to {after:.0} MB)",
        after - before
    );
}
