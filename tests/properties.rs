//! Property tests: any text in any field prints as itself. Untrusted text is
//! never Typst markup nor a Jinja template, so `#read("/etc/passwd")`, `$x$`,
//! `*fet*`, `{{ person.name }}` and the like must come out of the PDF
//! character for character.
//!
//! The library renders in-process with one shared [`Renderer`] (loading fonts
//! and templates once), and the PDF is read back with `pdftotext -raw`: the
//! default reading order of `pdf_text` may interleave neighbouring table cells
//! and drops a real hyphen that ends a line. A failure is shrunk and saved to
//! `tests/properties.proptest-regressions`, which proptest replays first.

mod common;

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use sipform::{Case, Error, FormKind, ModelOptions, Renderer, Resources};

use common::*;

/// One renderer for every case: fonts, templates and form definitions load once.
static RENDERER: LazyLock<Renderer> =
    LazyLock::new(|| Renderer::new(Resources::embedded()).expect("the embedded resources load"));

/// The Anna example as a TOML value, to change one field of.
static ANNA: LazyLock<toml::Value> =
    LazyLock::new(|| toml::from_str(sipform::EXAMPLE).expect("examples/anna.toml is valid TOML"));

// ---------------------------------------------------------------------------
// The text strategy
// ---------------------------------------------------------------------------

/// Markup of Typst, Jinja, HTML and Markdown that must stay literal text.
/// Newlines put the line-start markup (`= `, `- `, `+ `, `/ `) at line starts.
#[rustfmt::skip]
const MARKUP: &[&str] = &[
    "#", "$", "*", "_", "`", "<", ">", "@", "=", "\\", "[", "]", "{", "}", "~", "'", "\"", "//", "/*", "*/",
    "{{", "}}", "{%", "%}", "{#", "#}", "#let x = 1", "#let", "$x$", "$x^2$", "$ a/b $", "@ref", "@anna",
    "<label>", "<etikett>", "#read(\"/etc/passwd\")", "#panic(\"boom\")", "#image(\"/etc/passwd\")",
    "#include \"/etc/passwd\"", "]#panic(\"x\")[", "#{1 + 1}", "#(1 + 1)", "#sym.arrow", "#[*fet*]", "*fet*",
    "_kursiv_", "`kod`", "```rust", "\\ ", "\\#", "--", "---", "...", "- ", "+ ", "/ Term: ", "\n= Rubrik",
    "\n== ", "\n- ", "\n+ ", "\n/ Term: ", "\n// ", "{{ person.name }}", "{{ 7 * 7 }}",
    "{% if true %}ja{% endif %}", "{% raw %}", "<script>", "&amp;", "%", "|", "^", "&", "fi", "ffl",
];

/// Words and letters the forms' users write: Swedish and other Latin names.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "Anna", "Ångest", "vårdcentral", "Åsa Öberg", "Müller", "Ñúñez", "Łukasz", "Dvořák", "Erdős", "Straße",
    "Kovač", "Øystein", "Çelik", "effektiv", "flöde",
];

/// One printable character the embedded Noto Sans covers: printable ASCII,
/// Latin-1 Supplement (without the soft hyphen, which is invisible) and Latin
/// Extended-A.
fn covered_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::char::range(' ', '~'),
        2 => proptest::char::range('\u{a1}', '\u{ff}').prop_filter("not the soft hyphen", |c| *c != '\u{ad}'),
        2 => proptest::char::range('\u{100}', '\u{17f}'),
    ]
}

/// A piece of text: mostly markup, some words, single characters and spaces.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(MARKUP).prop_map(str::to_owned),
        2 => proptest::sample::select(WORDS).prop_map(str::to_owned),
        4 => proptest::collection::vec(covered_char(), 1..6).prop_map(|cs| cs.into_iter().collect()),
        2 => Just(" ".to_owned()),
    ]
}

/// 1 to 60 characters, never blank.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 1..12)
        .prop_map(|pieces| pieces.concat().chars().take(60).collect::<String>())
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

// ---------------------------------------------------------------------------
// Cases and reading them back
// ---------------------------------------------------------------------------

/// A field of the Anna case that holds free text, and the forms that print it.
#[derive(Debug, Clone, Copy)]
enum Field {
    PersonName,
    MeetingPurpose,
    GoalText,
    ActionWhat,
    ConsentInformation,
    Wellbeing,
}

impl Field {
    /// The forms printing the field. The plan prints the meeting's purpose as
    /// its own when it has none; the invitation lists the consent's information.
    fn forms(self) -> &'static [FormKind] {
        match self {
            Field::PersonName => &[FormKind::Invitation, FormKind::Consent, FormKind::Plan, FormKind::Followup],
            Field::MeetingPurpose => &[FormKind::Invitation, FormKind::Plan],
            Field::GoalText | Field::ActionWhat => &[FormKind::Plan, FormKind::Followup],
            Field::ConsentInformation => &[FormKind::Consent, FormKind::Invitation],
            Field::Wellbeing => &[FormKind::Followup],
        }
    }

    /// The field's slot in the case as TOML.
    fn slot(self, case: &mut toml::Value) -> &mut toml::Value {
        match self {
            Field::PersonName => &mut case["person"]["name"],
            Field::MeetingPurpose => &mut case["meeting"]["purpose"],
            Field::GoalText => &mut case["plans"][0]["goals"][0]["text"],
            Field::ActionWhat => &mut case["plans"][0]["actions"][0]["what"],
            Field::ConsentInformation => &mut case["consents"][0]["information"][1],
            Field::Wellbeing => &mut case["followups"][0]["wellbeing"],
        }
    }

    /// The field as the library parsed it.
    fn parsed(self, case: &Case) -> &str {
        match self {
            Field::PersonName => &case.person.name,
            Field::MeetingPurpose => &case.meeting.as_ref().unwrap().purpose,
            Field::GoalText => &case.plans[0].goals[0].text,
            Field::ActionWhat => &case.plans[0].actions[0].what,
            Field::ConsentInformation => &case.consents[0].information[1],
            Field::Wellbeing => case.followups[0].wellbeing.as_deref().unwrap_or_default(),
        }
    }
}

/// The Anna case with `field` set to `text`, as a TOML or a JSON file's bytes,
/// escaped by the `toml` and `serde_json` crates.
fn case_file(field: Field, text: &str, json: bool) -> (&'static str, Vec<u8>) {
    let mut case = ANNA.clone();
    *field.slot(&mut case) = toml::Value::String(text.to_owned());
    if json {
        ("x.json", serde_json::to_vec_pretty(&to_json(case)).unwrap())
    } else {
        ("x.toml", toml::to_string(&case).expect("the case serialises").into_bytes())
    }
}

/// Whether `needle` (normalised: single spaces) occurs in `hay` (the PDF's
/// text, normalised keeping line breaks) where the PDF may have broken a line
/// inside it. A space of `needle` may be a line break in `hay`, and `hay` may
/// break a line between any two other characters (after a hyphen or a slash,
/// or inside a word too long for a narrow table cell); nothing else may differ.
fn occurs_across_line_breaks(hay: &str, needle: &str) -> bool {
    let hay: Vec<char> = hay.chars().collect();
    let needle: Vec<char> = needle.chars().collect();
    let matches_at = |start: usize| {
        let (mut h, mut n) = (start, 0);
        while n < needle.len() {
            let Some(&got) = hay.get(h) else { return false };
            let want = needle[n];
            if want == ' ' {
                if got != ' ' && got != '\n' {
                    return false;
                }
            } else if got == '\n' && n > 0 && needle[n - 1] != ' ' {
                // A line broken inside a word: the word goes on on the next line.
                h += 1;
                continue;
            } else if got != want {
                return false;
            }
            h += 1;
            n += 1;
        }
        true
    };
    !needle.is_empty() && (0..hay.len()).any(matches_at)
}

/// Renders every form that prints `field` with `text` in it and checks that
/// each PDF holds the text as written.
fn prints_literally(field: Field, text: &str, json: bool) -> Result<(), TestCaseError> {
    let (name, bytes) = case_file(field, text, json);
    let loaded = sipform::case::from_bytes(name, Some(Path::new(name)), bytes).expect("the case file parses");
    prop_assert_eq!(field.parsed(&loaded.case), text, "the case file holds the text unchanged");

    let expected = normalise(text);
    let dir = tempdir();
    for &kind in field.forms() {
        let rendered = match RENDERER.render(&loaded, kind, &ModelOptions::default()) {
            Ok(r) => r,
            Err(Error::Invalid(invalid)) => {
                // The documented rejections of text (blank, control characters)
                // skip the input; any other refusal is a failure.
                let codes: Vec<&str> = invalid.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code).collect();
                let documented =
                    !codes.is_empty() && codes.iter().all(|c| matches!(*c, "empty-text" | "control-character"));
                if documented {
                    return Err(TestCaseError::reject(format!("{codes:?}")));
                }
                return Err(TestCaseError::fail(format!(
                    "{field:?} = {text:?} was refused: {:?}",
                    invalid.diagnostics
                )));
            }
            Err(e) => return Err(TestCaseError::fail(format!("{field:?} = {text:?}, {kind:?}: {e}"))),
        };
        let pdf = dir.path().join(format!("{}.pdf", kind.name()));
        std::fs::write(&pdf, &rendered.pdf).unwrap();
        let got = pdf_raw_text(&pdf);
        prop_assert!(
            occurs_across_line_breaks(&got, &expected),
            "{:?} form, {:?} = {:?}: expected {:?} in:\n{}",
            kind,
            field,
            text,
            expected,
            got
        );
        prop_assert!(!got.contains("root:x:0"), "a file was read into the {kind:?} form");
    }
    Ok(())
}

/// 24 cases a property keeps the file near 15 s; `PROPTEST_CASES=500` searches deeper.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(24),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        // A render takes a while; shrinking stops after this many steps.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// The name is on every form: in the running header and among the facts.
    #[test]
    fn person_name_prints_literally(text in text(), json in any::<bool>()) {
        prints_literally(Field::PersonName, &text, json)?;
    }

    #[test]
    fn meeting_purpose_prints_literally(text in text(), json in any::<bool>()) {
        prints_literally(Field::MeetingPurpose, &text, json)?;
    }

    /// A goal: in the plan's goal table and group headings, and the follow-up's table.
    #[test]
    fn goal_text_prints_literally(text in text(), json in any::<bool>()) {
        prints_literally(Field::GoalText, &text, json)?;
    }

    /// An action: in narrow table cells of the plan and the follow-up.
    #[test]
    fn action_what_prints_literally(text in text(), json in any::<bool>()) {
        prints_literally(Field::ActionWhat, &text, json)?;
    }

    /// A list item of the consent, also listed in the invitation.
    #[test]
    fn consent_information_prints_literally(text in text(), json in any::<bool>()) {
        prints_literally(Field::ConsentInformation, &text, json)?;
    }

    #[test]
    fn wellbeing_prints_literally(text in text(), json in any::<bool>()) {
        prints_literally(Field::Wellbeing, &text, json)?;
    }
}

#[test]
fn line_breaks_may_split_but_not_change_the_text() {
    assert!(occurs_across_line_breaks("a KBT-\nbehandling b", "KBT-behandling"));
    assert!(occurs_across_line_breaks("x #read(\"/etc/\npasswd\") y", "#read(\"/etc/passwd\")"));
    assert!(occurs_across_line_breaks("Namn: Anna\nAndersson Utskriven", "Anna Andersson"));
    assert!(occurs_across_line_breaks("Anna Andersson", "Anna Andersson"));
    assert!(!occurs_across_line_breaks("Anna Andersson", "AnnaAndersson"));
    assert!(!occurs_across_line_breaks("Anna\n Andersson", "Anna Andersson"));
    assert!(!occurs_across_line_breaks("KBT–behandling", "KBT-behandling"));
    assert!(!occurs_across_line_breaks("a “b”", "a \"b\""));
    assert!(!occurs_across_line_breaks(" b", "b "));
    assert_eq!(normalise_keeping_lines(" a \n  b\tc\u{ad}\nd\u{c}e \n"), "a\nb cd\ne");
}

/// Text a date reader might take for a date or a time.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        (1900u32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (1900u32..2100, 1u32..13, 1u32..29, 0u32..24, 0u32..60)
            .prop_map(|(y, m, d, h, mi)| format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}")),
        Just("2026-13-45".to_owned()),
    ]
}

/// A case the web form saves (`case::write`) reads back as the same case,
/// whatever its texts hold: markup, quotes, newlines, or a text that looks
/// like a date, which the TOML writer must not turn into one.
fn saves_as_itself(field: Field, text: &str) -> Result<(), TestCaseError> {
    let (name, bytes) = case_file(field, text, false);
    let loaded = sipform::case::from_bytes(name, Some(Path::new(name)), bytes).expect("the case file parses");
    let value = |case: &Case| serde_json::to_value(case).unwrap();
    for (file, written) in [
        ("saved.toml", sipform::case::write::to_toml(&loaded.case)),
        ("saved.json", sipform::case::write::to_json(&loaded.case)),
    ] {
        let again = sipform::case::from_bytes(file, Some(Path::new(file)), written.clone().into_bytes())
            .map_err(|e| TestCaseError::fail(format!("{file} does not read back: {e}\n{written}")))?;
        prop_assert_eq!(value(&again.case), value(&loaded.case), "{} is another case:\n{}", file, written);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..config() })]

    #[test]
    fn a_saved_case_reads_back_as_itself(
        text in prop_oneof![3 => text(), 1 => date_like()],
        field in proptest::sample::select(&[
            Field::PersonName, Field::MeetingPurpose, Field::GoalText,
            Field::ActionWhat, Field::ConsentInformation, Field::Wellbeing,
        ][..]),
    ) {
        saves_as_itself(field, &text)?;
    }
}
