//! The forms in the person's language: every form and blank form renders in
//! every language, with its headings readable from the PDF (Arabic in
//! logical order), and a character no font can print gets the same verdict
//! from `check` and `render`: a located error, never a failed export.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

/// The languages there are catalogues for, as folders under `lang/`.
fn languages() -> Vec<String> {
    let mut codes: Vec<String> = fs::read_dir(root().join("lang"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("text.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    codes
}

/// An example case rewritten in another language.
fn in_language(example_name: &str, code: &str, dir: &Path) -> PathBuf {
    let text = fs::read_to_string(example(example_name)).unwrap();
    let changed = text.replacen("language = \"sv\"", &format!("language = \"{code}\""), 1);
    assert!(code == "sv" || changed != text, "the example's language line moved");
    let path = dir.join(format!("{example_name}-{code}.toml"));
    fs::write(&path, changed).unwrap();
    path
}

/// Text read back from a PDF, compared by words: the bidi embedding marks
/// pdftotext puts around right-to-left runs are dropped, and so is lam (ل),
/// since poppler extracts a lam ligature's two letters in reverse order
/// ("الآن" as "اآلن"); a mirrored bracket is a bracket.
fn words(text: &str) -> Vec<String> {
    text.chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | 'ل'))
        .collect::<String>()
        .split(|c: char| c.is_whitespace() || "()«»“”\"،.:,?؟".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every word of `heading` is in `text`, read back from a PDF.
fn assert_words(text: &str, heading: &str, what: &str) {
    let found = words(text);
    for w in words(heading) {
        assert!(found.contains(&w), "{what}: the word {w:?} of {heading:?} is not in:\n{text}");
    }
}

/// A text of the catalogue, as the form prints it (no placeholders).
fn catalogue_text(code: &str, table: &str, key: &str) -> String {
    let text = fs::read_to_string(root().join(format!("lang/{code}/text.toml"))).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    let mut v = &value;
    for part in table.split('.') {
        v = &v[part];
    }
    v[key].as_str().unwrap().to_owned()
}

#[test]
fn there_are_catalogues_for_swedish_english_and_arabic() {
    let codes = languages();
    for code in ["sv", "en", "ar"] {
        assert!(codes.iter().any(|c| c == code), "{codes:?}");
    }
}

#[test]
fn every_form_renders_in_every_language_with_its_headings() {
    let dir = tempdir();
    for code in languages() {
        for name in ["anna", "two-years"] {
            let case = in_language(name, &code, dir.path());
            let out = dir.path().join(format!("{name}-{code}"));
            sipform_ok(&["render", case.to_str().unwrap(), "--all", "-o", out.to_str().unwrap()]);
            let plan = out.join(format!("{name}-{code}-plan.pdf"));
            let text = pdf_text(&plan);
            // Headings without placeholders, read back word by word.
            for (table, key) in [("plan.situation", "title"), ("plan.contacts", "title"), ("plan.followup", "title")] {
                assert_words(&text, &catalogue_text(&code, table, key), &format!("{code} {name} plan"));
            }
            let my_plan = pdf_text(&out.join(format!("{name}-{code}-my-plan.pdf")));
            assert_words(&my_plan, &catalogue_text(&code, "my_plan.mine", "title"), &format!("{code} my-plan"));
        }
        let blanks = dir.path().join(format!("blank-{code}"));
        sipform_ok(&["blank", "--all", "--language", &code, "-o", blanks.to_str().unwrap()]);
        assert_eq!(pdfs_in(&blanks).len(), 5, "{code}: five blank forms");
    }
}

/// A Swedish name in an Arabic sentence keeps its letters in order, and the
/// Arabic around it reads back in logical order.
#[test]
fn arabic_reads_back_in_logical_order_with_swedish_names_whole() {
    let dir = tempdir();
    let case = in_language("anna", "ar", dir.path());
    let pdf = render(&case, "plan", dir.path());
    let text = normalise(&pdf_text(&pdf));
    assert!(text.contains("Anna Andersson"), "{text}");
    assert!(text.contains("Vuxenpsykiatriska öppenvårdsmottagningen Karlstad"), "{text}");
    // The words of the title in the order written, in logical order.
    let title = words(&catalogue_text("ar", "plan", "title"));
    let found = words(&text);
    let at = found.windows(title.len() - 1).position(|w| w == &title[..title.len() - 1]);
    assert!(at.is_some(), "{title:?} in logical order in:\n{text}");
    // The test can fail: the same words reversed are not found.
    let reversed: Vec<String> = title[..title.len() - 1].iter().rev().cloned().collect();
    assert!(!found.windows(reversed.len()).any(|w| w == &reversed[..]));
}

/// An unknown language is a located error naming the languages there are.
#[test]
fn an_unknown_language_is_a_located_error() {
    let dir = tempdir();
    let case = in_language("anna", "xx", dir.path());
    let out = sipform(&["check", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("error[language]") && err.contains(":6:") && err.contains("ar, en"), "{err}");
}

/// A region adds a language with a folder, no code: `lang/<code>/` with
/// the two files, given with `--templates`.
#[test]
fn a_templates_folder_adds_a_language() {
    let dir = tempdir();
    let lang = dir.path().join("lang/xx");
    fs::create_dir_all(&lang).unwrap();
    let text = fs::read_to_string(root().join("lang/en/text.toml")).unwrap();
    fs::write(lang.join("text.toml"), text.replace("\"Who does what\"", "\"Qui fait quoi\"")).unwrap();
    let rules = fs::read_to_string(root().join("lang/en/language.toml")).unwrap();
    fs::write(lang.join("language.toml"), rules.replace("name = \"English\"", "name = \"Test\"")).unwrap();
    let case = in_language("anna", "xx", dir.path());
    let templates = dir.path().to_str().unwrap();
    sipform_ok(&["check", case.to_str().unwrap(), "--templates", templates]);
    let pdf = render_with(&case, "plan", &["--templates", templates], dir.path());
    assert!(pdf_text(&pdf).contains("Qui fait quoi"));
}

/// What `check` says of a character no font has, `render` says too, with
/// the same code and place; a script sipform has fonts for passes both.
#[test]
fn check_and_render_agree_on_what_can_be_printed() {
    let dir = tempdir();
    let base = fs::read_to_string(example("anna")).unwrap();
    let cases = [
        ("arabic", "علي حسن", true),
        ("sami", "Áilu Ŋuvttoš Čárli", true),
        ("chinese", "王芳", false),
        ("emoji", "Anna 😀", false),
        ("tifinagh", "ⵜⴰⵎⴰⵣⵉⵖⵜ", false),
    ];
    for (name, relative, printable) in cases {
        let text = base.replace("Elena Andersson", relative);
        assert_ne!(text, base);
        let case = dir.path().join(format!("{name}.toml"));
        fs::write(&case, text).unwrap();
        let check = sipform(&["check", case.to_str().unwrap()]);
        let out = dir.path().join(name);
        let render = sipform(&["render", case.to_str().unwrap(), "--all", "-o", out.to_str().unwrap()]);
        if printable {
            assert!(check.status.success(), "{name}: {}", stderr(&check));
            assert!(render.status.success(), "{name}: {}", stderr(&render));
            let plan = pdf_text(&out.join(format!("{name}-plan.pdf")));
            assert!(normalise(&plan).contains(relative), "{name}: {relative} not printed");
        } else {
            for (what, run) in [("check", &check), ("render", &render)] {
                assert_eq!(run.status.code(), Some(2), "{name}: {what} {}", stderr(run));
                let err = stderr(run);
                assert!(err.contains("error[unprintable-character]") && err.contains("relatives[0].name"), "{err}");
            }
            assert!(!out.exists() || pdfs_in(&out).is_empty(), "{name}: a form was written");
        }
    }
}

/// `--lang` prints a case's forms in another language than its own: the
/// staff's Swedish copy of a plan written for the person in Arabic.
#[test]
fn lang_prints_the_forms_in_another_language() {
    let dir = tempdir();
    let case = in_language("anna", "ar", dir.path());
    let pdf = render_with(&case, "plan", &["--lang", "sv"], dir.path());
    let text = pdf_text(&pdf);
    assert_words(&text, &catalogue_text("sv", "plan.situation", "title"), "--lang sv");
    assert!(!words(&text).contains(&"خطة".to_owned()), "no Arabic in the Swedish copy:\n{text}");
    // An unknown one is refused, naming the languages there are.
    let out = sipform(&["render", case.to_str().unwrap(), "-f", "plan", "--lang", "xx", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--lang xx") && stderr(&out).contains("ar, en"), "{}", stderr(&out));
    let out = sipform(&["check", case.to_str().unwrap(), "--also", "xx"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// `--also sv`: every heading of the Arabic form has the Swedish one under
/// it, each after its Arabic heading and before the next, so that staff
/// and the person read the same page. Without `--also`, no Swedish heading.
#[test]
fn also_adds_the_second_language_under_each_heading() {
    let dir = tempdir();
    let case = in_language("anna", "ar", dir.path());
    let both = dir.path().join("both");
    sipform_ok(&["render", case.to_str().unwrap(), "--all", "--also", "sv", "-o", both.to_str().unwrap()]);
    let one = dir.path().join("one");
    sipform_ok(&["render", case.to_str().unwrap(), "--all", "-o", one.to_str().unwrap()]);
    let headings = [
        ("plan", "plan.situation"),
        ("plan", "plan.contacts"),
        ("plan", "plan.followup"),
        ("consent", "consent.exchange"),
        ("invitation", "invitation.purpose"),
        ("my-plan", "my_plan.mine"),
    ];
    for (form, table) in headings {
        let (arabic, swedish) = (catalogue_text("ar", table, "title"), catalogue_text("sv", table, "title"));
        let pdf = both.join(format!("anna-ar-{form}.pdf"));
        let boxes: Vec<(WordBox, String)> = word_boxes(&pdf)
            .into_iter()
            .filter_map(|b| {
                let w = words(&b.word).join("");
                (!w.is_empty()).then_some((b, w))
            })
            .collect();
        // Where the Swedish heading's words stand in a row, and where the
        // Arabic heading's words are.
        let swedish_words = words(&swedish);
        let swedish_at: Vec<&WordBox> = boxes
            .windows(swedish_words.len())
            .filter(|w| w.iter().map(|(_, x)| x).eq(swedish_words.iter()))
            .map(|w| &w[0].0)
            .collect();
        let arabic_words = words(&arabic);
        // pdftotext -bbox gives an Arabic word's letters in visual order.
        let arabic_at: Vec<&WordBox> = boxes
            .iter()
            .filter(|(_, w)| arabic_words.contains(w) || arabic_words.contains(&w.chars().rev().collect()))
            .map(|(b, _)| b)
            .collect();
        assert!(!swedish_at.is_empty() && !arabic_at.is_empty(), "{form}: {swedish:?} and {arabic:?} are printed");
        // Right under: the next line below an Arabic heading's word.
        let under = swedish_at
            .iter()
            .any(|s| arabic_at.iter().any(|a| a.page == s.page && s.y_min > a.y_min + 5.0 && s.y_min < a.y_max + 12.0));
        assert!(under, "{form}: {swedish:?} right under {arabic:?}");
        let alone = words(&pdf_text(&one.join(format!("anna-ar-{form}.pdf"))));
        let w = words(&swedish);
        assert!(!alone.windows(w.len()).any(|x| x == &w[..]), "{form}: no {swedish:?} without --also");
    }
    // A second language that is the first changes nothing, byte for byte.
    let sv = example("anna");
    let plain = render_with(&sv, "plan", &[], &dir.path().join("plain"));
    let same = render_with(&sv, "plan", &["--also", "sv"], &dir.path().join("same"));
    assert_eq!(fs::read(plain).unwrap(), fs::read(same).unwrap());
    // Blank forms too.
    let blank = dir.path().join("blank-ar-sv.pdf");
    sipform_ok(&["blank", "plan", "--language", "ar", "--also", "sv", "-o", blank.to_str().unwrap()]);
    assert_words(&pdf_text(&blank), &catalogue_text("sv", "plan.actions", "title"), "blank --also sv");
}

/// A protected case in two languages: both languages' words are scanned,
/// and the forms render.
#[test]
fn also_works_for_a_protected_case() {
    let dir = tempdir();
    let arabic = fs::read_to_string(in_language("anna", "ar", dir.path())).unwrap();
    let case = dir.path().join("protected-ar.toml");
    fs::write(&case, arabic.replacen("protected = false", "protected = true", 1)).unwrap();
    let out = dir.path().join("out");
    sipform_ok(&["check", case.to_str().unwrap(), "--also", "sv"]);
    sipform_ok(&["render", case.to_str().unwrap(), "--all", "--also", "sv", "-o", out.to_str().unwrap()]);
    assert!(pdfs_in(&out).len() >= 3);
}

/// The language says what becomes of an emoji: refused by default, in
/// `check` and `render` alike; replaced, with a warning at its field, when
/// its language.toml says `policy = "replace"`.
#[test]
fn emoji_are_refused_or_replaced_as_the_language_says() {
    let dir = tempdir();
    let text = fs::read_to_string(example("anna")).unwrap();
    let case = dir.path().join("emoji.toml");
    fs::write(&case, text.replacen("name = \"Anna Andersson\"", "name = \"Anna Andersson 🙂\"", 1)).unwrap();
    let refused = sipform(&["check", case.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("unprintable-character"), "{}", stderr(&refused));
    let out = dir.path().join("refused.pdf");
    assert_eq!(
        sipform(&["render", case.to_str().unwrap(), "-f", "plan", "-o", out.to_str().unwrap()]).status.code(),
        Some(2)
    );
    assert!(!out.exists());

    let templates = dir.path().join("templates");
    fs::create_dir_all(templates.join("lang/sv")).unwrap();
    let rules = fs::read_to_string(root().join("lang/sv/language.toml")).unwrap();
    assert!(rules.contains("policy = \"refuse\""));
    fs::write(templates.join("lang/sv/language.toml"), rules.replace("policy = \"refuse\"", "policy = \"replace\""))
        .unwrap();
    let t = templates.to_str().unwrap();
    let checked = sipform(&["check", case.to_str().unwrap(), "--templates", t]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(stderr(&checked).contains("warning[emoji-replaced]"), "{}", stderr(&checked));
    let pdf = dir.path().join("replaced.pdf");
    sipform_ok(&["render", case.to_str().unwrap(), "-f", "plan", "--templates", t, "-o", pdf.to_str().unwrap()]);
    let printed = pdf_text(&pdf);
    assert!(printed.contains("Anna Andersson (emoji)") && !printed.contains('🙂'), "{printed}");
}

/// A place in Arabic or Cyrillic letters ("كارلستاد", "Карлстад": Karlstad)
/// is one no list of Swedish places knows: in a protected case, text in
/// another alphabet is refused, located, by check and render alike; in
/// another case it is printed as written.
#[test]
fn a_protected_case_refuses_text_it_cannot_check_for_places() {
    let dir = tempdir();
    let text = fs::read_to_string(in_language("anna", "ar", dir.path())).unwrap();
    for place in ["كارلستاد", "Карлстад"] {
        let written = text.replacen("situation = \"", &format!("situation = \"أسكن في {place}. "), 1);
        assert_ne!(written, text);
        let open = dir.path().join("open.toml");
        fs::write(&open, &written).unwrap();
        sipform_ok(&["check", open.to_str().unwrap()]);
        let protected = dir.path().join("protected.toml");
        fs::write(&protected, written.replacen("protected = false", "protected = true", 1)).unwrap();
        let out = sipform(&["check", protected.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{place}");
        let err = stderr(&out);
        assert!(err.contains("error[unchecked-script]") && err.contains("situation"), "{err}");
        let pdf = dir.path().join("p.pdf");
        let out = sipform(&["render", protected.to_str().unwrap(), "-f", "plan", "-o", pdf.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(!pdf.exists());
    }
}

/// The text of a PDF without the bidi marks poppler puts around runs, with
/// whitespace made single spaces.
fn plain_text(pdf: &Path) -> String {
    pdf_text(pdf).chars().filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')).collect()
}

/// A personnummer and a phone number read left to right in an Arabic form
/// too, in the page header after an Arabic label, in a table and inside an
/// Arabic sentence. Digits after Arabic letters are Arabic numbers to the
/// bidi algorithm (UAX #9, rule W2), and a hyphen or space between two of
/// them is no part of the number (W4 joins only European ones), so without
/// an isolate the groups are laid out right to left: "2386-19990101".
#[test]
fn numbers_read_left_to_right_in_arabic_forms() {
    let dir = tempdir();
    let case = in_language("anna", "ar", dir.path());
    let out = dir.path().join("out");
    sipform_ok(&["render", case.to_str().unwrap(), "--all", "-o", out.to_str().unwrap()]);
    let mut phones = 0;
    for pdf in pdfs_in(&out) {
        let text = plain_text(&pdf);
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        // Every personnummer in order: one in each page's header at least
        // (the person's own copy says whose it is by name only).
        if !name.contains("my-plan") {
            assert!(text.matches("19990101-2386").count() >= pages(&pdf), "{name}: the header's number:\n{text}");
        }
        assert_eq!(text.matches("19990101").count(), text.matches("19990101-2386").count(), "{name}:\n{text}");
        assert!(!text.contains("2386-19990101"), "{name}: the number's groups reversed:\n{text}");
        // Eva Ek's phone, wherever the form has it.
        assert_eq!(text.matches("61 00 10").count(), text.matches("054-61 00 10").count(), "{name}:\n{text}");
        assert!(!text.contains("61 00 10-054"), "{name}: the phone's groups reversed:\n{text}");
        phones += text.matches("054-61 00 10").count();
    }
    assert!(phones >= 3, "the phone is printed in several forms");
}

/// A Swedish value with a hyphen keeps its words in order in an Arabic
/// form ("KBT-behandling, samtal", not ", samtalKBT-behandling": the box
/// that keeps "KBT-behandling" on one line is neutral to the bidi
/// algorithm, and took the paragraph's direction), and an Arabic date after
/// a Swedish word reads as a date: "Omgående – 31 مايو 2027", the day, the
/// month and the year from right to left, not "31 2027 مايو" (the year, an
/// Arabic number after Arabic letters, went with the month).
#[test]
fn swedish_values_and_arabic_dates_keep_their_order_in_arabic_forms() {
    let dir = tempdir();
    let case = in_language("anna", "ar", dir.path());
    let pdf = render(&case, "plan", dir.path());
    let text = plain_text(&pdf);
    assert!(text.contains("KBT-behandling, samtal"), "{text}");
    assert!(!text.contains("samtalKBT"), "{text}");
    // pdftotext reads this line in the order it is drawn, so the order is
    // read from where the words stand: -bbox gives each word's box (and an
    // Arabic word's letters in visual order).
    let boxes = word_boxes(&pdf);
    let month = |w: &str| w == "مايو" || w.chars().rev().collect::<String>() == "مايو";
    let mut dates = 0;
    for b in boxes.iter().filter(|b| b.word == "Omgående") {
        // Arabic letters come from a font with another height: the words
        // of a line share their middle, not their top.
        let middle = |w: &WordBox| (w.y_min + w.y_max) / 2.0;
        let line: Vec<&WordBox> =
            boxes.iter().filter(|w| w.page == b.page && (middle(w) - middle(b)).abs() < 3.0).collect();
        let x = |found: &dyn Fn(&str) -> bool| line.iter().find(|w| found(&w.word)).map(|w| w.x_min);
        let (Some(day), Some(month), Some(year)) = (x(&|w| w == "31"), x(&month), x(&|w| w == "2027")) else {
            continue;
        };
        let shown: Vec<&str> = line.iter().map(|w| w.word.as_str()).collect();
        assert!(year < month && month < day, "31 مايو 2027 reads from right to left: {shown:?}");
        dates += 1;
    }
    assert!(dates >= 3, "the three actions that start at once and end on 31 May 2027: {dates}");
}

/// A language added through `--templates` whose fixed words no embedded font
/// can print (Tigrinya, in Ethiopic letters): `check` says so, naming the
/// catalogue and the key, and `render` and `blank` refuse alike, with the
/// same code (exit 2), rather than fail in the PDF export (exit 3). With
/// `--also`, the second language's catalogue is held to the same.
#[test]
fn catalogue_text_no_font_can_print_is_refused_by_check_and_render_alike() {
    let dir = tempdir();
    let lang = dir.path().join("lang/ti");
    fs::create_dir_all(&lang).unwrap();
    let text = fs::read_to_string(root().join("lang/en/text.toml")).unwrap();
    let changed = text.replace("\"Who does what\"", "\"ማን እንታይ ይገብር\"");
    assert_ne!(changed, text);
    fs::write(lang.join("text.toml"), changed).unwrap();
    let rules = fs::read_to_string(root().join("lang/en/language.toml")).unwrap();
    fs::write(lang.join("language.toml"), rules.replace("name = \"English\"", "name = \"Tigrinya\"")).unwrap();
    let templates = dir.path().to_str().unwrap();
    let file = lang.join("text.toml").display().to_string();

    let case = in_language("anna", "ti", dir.path());
    let sv = example("anna");
    let runs: [(&str, Vec<&str>); 5] = [
        ("check", vec!["check", case.to_str().unwrap(), "--templates", templates]),
        ("render", vec!["render", case.to_str().unwrap(), "--all", "--templates", templates, "-o"]),
        ("check --also", vec!["check", sv.to_str().unwrap(), "--also", "ti", "--templates", templates]),
        (
            "render --also",
            vec!["render", sv.to_str().unwrap(), "-f", "plan", "--also", "ti", "--templates", templates, "-o"],
        ),
        ("blank", vec!["blank", "plan", "--language", "ti", "--templates", templates, "-o"]),
    ];
    for (i, (what, mut args)) in runs.into_iter().enumerate() {
        let out = dir.path().join(format!("out-{i}"));
        if args.last() == Some(&"-o") {
            args.push(out.to_str().unwrap());
        }
        let run = sipform(&args);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(2), "{what}: {err}");
        assert!(err.contains("unprintable-character") || err.contains("no font"), "{what}: {err}");
        assert!(err.contains(&file) && err.contains("plan.actions.title") && err.contains("U+121B"), "{what}: {err}");
        assert!(!out.exists() || (out.is_dir() && pdfs_in(&out).is_empty()), "{what}: a form was written");
    }
}

/// A script the embedded fonts lack is refused, until a `--templates`
/// folder adds a font for it: then `check` passes and `render` prints it
/// (Armenian, with DejaVu Sans, which scripts/test installs).
#[test]
fn a_templates_folder_adds_a_font_for_a_script_sipform_lacks() {
    let font = std::path::Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    assert!(font.is_file(), "{}: run scripts/test, which installs fonts-dejavu-core", font.display());
    let dir = tempdir();
    let name = "Արամ Պետրոսյան";
    let case = dir.path().join("armenian.toml");
    fs::write(&case, fs::read_to_string(example("anna")).unwrap().replace("Elena Andersson", name)).unwrap();
    let without = sipform(&["check", case.to_str().unwrap(), "--format", "json"]);
    assert!(stdout(&without).contains("unprintable-character"), "{}", stdout(&without));

    let templates = dir.path().join("templates-with-font");
    fs::create_dir_all(templates.join("fonts")).unwrap();
    fs::copy(font, templates.join("fonts/DejaVuSans.ttf")).unwrap();
    let templates = templates.to_str().unwrap();
    sipform_ok(&["check", case.to_str().unwrap(), "--templates", templates]);
    let pdf = render_with(&case, "plan", &["--templates", templates], &dir.path().join("out"));
    assert!(normalise(&pdf_text(&pdf)).contains(name), "the Armenian name is printed");
}
