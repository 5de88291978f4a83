//! How the forms look on paper, read back from the PDFs of every example,
//! filled in, in large print and blank: no word of a name, place, phone
//! number or e-mail address is broken over two lines, a street keeps its
//! number and a postcode its two parts, no words overlap or run off the
//! page (a column too narrow for a word it holds), action numbers run in
//! reading order and are the same in the plan and the follow-up, and no
//! page ends with a heading or a label.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const EXAMPLES: &[&str] = &["anna", "child", "discharge", "two-years"];

/// Every string of a case under a key that holds a name, a place or a way
/// to reach someone.
fn atoms(case: &Path) -> (Vec<String>, Vec<String>) {
    fn walk(key: &str, v: &toml::Value, names: &mut Vec<String>, phones: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => {
                let k = key.to_lowercase();
                if k.contains("phone") {
                    phones.push(s.clone());
                }
                if ["name", "address", "phone", "email", "place", "where", "relation", "generic_name"]
                    .iter()
                    .any(|n| k == *n || k.ends_with(&format!("_{n}")))
                {
                    names.push(s.clone());
                }
            }
            toml::Value::Array(items) => items.iter().for_each(|i| walk(key, i, names, phones)),
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| walk(k, v, names, phones)),
            _ => {}
        }
    }
    let value: toml::Value = toml::from_str(&std::fs::read_to_string(case).unwrap()).unwrap();
    let (mut names, mut phones) = (Vec::new(), Vec::new());
    walk("", &value, &mut names, &mut phones);
    (names, phones)
}

fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .map(|t| t.trim_matches(|c: char| matches!(c, ',' | '.' | '(' | ')' | ':' | ';')).to_lowercase())
        .filter(|t| t.chars().count() >= 2)
}

/// `pdftotext -raw` as it is, soft hyphens and all, with no-break spaces
/// made spaces, one entry a line.
fn raw_lines(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// What breaks a name, a place or a number over two lines in this PDF.
fn broken_words(pdf: &Path, case: &Path) -> Vec<String> {
    let (names, phones) = atoms(case);
    broken(&raw_lines(pdf), &names, &phones)
}

/// What breaks one of `names` or `phones` over two of `lines`.
fn broken(lines: &[String], names: &[String], phones: &[String]) -> Vec<String> {
    let words: BTreeSet<String> = names.iter().flat_map(|n| tokens(n).collect::<Vec<_>>()).collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.contains('\u{ad}') {
            found.push(format!("a hyphenated word on {line:?}"));
        }
        let Some(next) = lines.get(i + 1) else { continue };
        let last = line.rsplit(' ').next().unwrap_or("");
        let first = next.split(' ').next().unwrap_or("");
        // "Lin-" / "dqvist", "Karl-" / "Erik": a line ending inside a word of a name.
        if let Some(head) = last.strip_suffix('-') {
            let head = head.to_lowercase();
            if words.iter().any(|w| w.starts_with(&head) && w.len() > head.len() + 1) {
                found.push(format!("{last:?} / {first:?}"));
            }
        }
        // "Hamngatan" / "2", "652" / "24": a street from its number, a postcode in two.
        let pair = format!("{last} {first}");
        // A break after a comma ("Storgatan 4," / "681 30 Kristinehamn") is
        // between the parts of an address, not inside one.
        let split_number = first.starts_with(|c: char| c.is_ascii_digit())
            && !last.ends_with(',')
            && names.iter().any(|n| n.replace('\u{a0}', " ").contains(&pair));
        if split_number {
            found.push(format!("{last:?} / {first:?}"));
        }
    }
    // A phone number is read on one line, or misdialled: wherever its
    // characters follow each other across lines, one line holds it whole.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let all = squeeze(&lines.concat());
    for phone in phones {
        let phone = squeeze(phone);
        if all.contains(&phone) && !lines.iter().any(|l| squeeze(l).contains(&phone)) {
            found.push(format!("the phone number {phone:?} over two lines"));
        }
    }
    found
}

/// Words whose boxes overlap another's, or run into the page's margin:
/// a word wider than the column it is set in.
fn colliding_words(pdf: &Path) -> Vec<String> {
    let boxes = word_boxes(pdf);
    let mut found = Vec::new();
    for n in 1..=boxes.last().map_or(0, |w| w.page) {
        let on_page: Vec<&WordBox> = boxes.iter().filter(|w| w.page == n).collect();
        let width = on_page.first().map_or(0.0, |w| w.page_width);
        let mut page: Vec<Word> =
            on_page.iter().map(|w| (w.x_min, w.y_min, w.x_max, w.y_max, w.word.clone())).collect();
        found.extend(collisions(&mut page, width));
    }
    found
}

/// A word's box on a page, and the word.
type Word = (f64, f64, f64, f64, String);

/// The words of a page that overlap another or run into the right margin;
/// empties `page`.
fn collisions(page: &mut Vec<Word>, width: f64) -> Vec<String> {
    let mut found = Vec::new();
    for (i, a) in page.iter().enumerate() {
        // 20 mm margins: nothing closer than 18 mm to the edge.
        if a.2 > width - 51.0 {
            found.push(format!("{:?} runs into the margin", a.4));
        }
        for b in &page[i + 1..] {
            let x = a.2.min(b.2) - a.0.max(b.0);
            let y = a.3.min(b.3) - a.1.max(b.1);
            if x > 0.5 && y > 0.6 * (a.3 - a.1).min(b.3 - b.1) {
                found.push(format!("{:?} overlaps {:?}", a.4, b.4));
            }
        }
    }
    page.clear();
    found
}

/// Every form of every example, as `render --all` writes them, with `extra`.
fn all_forms(dir: &Path, extra: &[&str]) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for name in EXAMPLES {
        let case = example(name);
        let folder = dir.join(name);
        let mut args = vec!["render", case.to_str().unwrap(), "--all", "-o", folder.to_str().unwrap()];
        args.extend_from_slice(extra);
        sipform_ok(&args);
        out.extend(pdfs_in(&folder).into_iter().map(|pdf| (pdf, case.clone())));
    }
    out
}

#[test]
fn no_name_place_or_number_is_broken_and_no_word_collides() {
    let dir = tempdir();
    let mut forms = all_forms(&dir.path().join("normal"), &[]);
    forms.extend(all_forms(&dir.path().join("large"), &["--large-print"]));
    forms.extend(all_forms(&dir.path().join("protected"), &["--protected"]));
    assert!(forms.len() >= 60, "{} PDFs", forms.len());
    let mut faults = Vec::new();
    for (pdf, case) in &forms {
        for fault in broken_words(pdf, case).into_iter().chain(colliding_words(pdf)) {
            faults.push(format!("{}: {fault}", pdf.strip_prefix(dir.path()).unwrap().display()));
        }
    }
    assert!(faults.is_empty(), "{} faults:\n{}", faults.len(), faults.join("\n"));
}

#[test]
fn blank_forms_have_no_collisions_in_any_variant() {
    let dir = tempdir();
    for extra in [&[][..], &["--protected"], &["--large-print"]] {
        let mut args = vec!["blank", "--all", "-o", dir.path().to_str().unwrap()];
        args.extend_from_slice(extra);
        sipform_ok(&args);
    }
    let pdfs = pdfs_in(dir.path());
    assert_eq!(pdfs.len(), 15, "{pdfs:?}");
    let faults: Vec<String> = pdfs.iter().flat_map(|p| colliding_words(p)).collect();
    assert!(faults.is_empty(), "{faults:#?}");
}

/// A copy of the template whose colours are changed, as a `--templates`
/// folder: each replacement must apply.
fn recoloured(dir: &Path, changes: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(root().join("templates/sipform.typ")).unwrap();
    for (from, to) in changes {
        assert!(text.contains(from), "the template has no {from:?}");
        text = text.replace(from, to);
    }
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join("templates/sipform.typ"), text).unwrap();
    dir.to_owned()
}

/// The pages of a PDF as grey pixels (pdftoppm's PGM), 100 dpi.
fn grey_pages(pdf: &Path) -> Vec<(usize, usize, Vec<u8>)> {
    let prefix = pdf.with_extension("");
    let out = Command::new("pdftoppm").args(["-gray", "-r", "100"]).arg(pdf).arg(&prefix).output().unwrap();
    assert!(out.status.success(), "pdftoppm {}", pdf.display());
    let mut pages = Vec::new();
    for n in 1.. {
        // pdftoppm numbers pages with as many digits as the last one has.
        let Some(file) = ["", "0", "00"]
            .iter()
            .map(|z| PathBuf::from(format!("{}-{z}{n}.pgm", prefix.display())))
            .find(|f| f.is_file())
        else {
            break;
        };
        let bytes = std::fs::read(file).unwrap();
        // "P5\n<width> <height>\n255\n" and a byte a pixel.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
        }
        let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        pages.push((width, height, bytes[at + 1..].to_vec()));
    }
    pages
}

/// Where `second` has ink and `rest` has ink too, on a page of each (the
/// same page, its words in two colours): each line of `second` (a run of
/// rows with ink), cut where its ink leaves a gap wider than a space, is a
/// box; the pixels of `rest` inside a box are letters of another line that
/// reach into it. Letters need not touch to make two lines one tangle:
/// an Arabic descender that dips between the Swedish capitals under it
/// shares their rows, and that is what is counted.
fn intrusions(width: usize, second: &[u8], rest: &[u8]) -> Vec<(usize, usize, usize)> {
    let dark = |p: &[u8], x: usize, y: usize| p[y * width + x] < 128;
    let height = second.len() / width;
    let inked: Vec<bool> = (0..height).map(|y| (0..width).any(|x| dark(second, x, y))).collect();
    let mut found = Vec::new();
    let mut y = 0;
    while y < height {
        if !inked[y] {
            y += 1;
            continue;
        }
        let top = y;
        while y < height && inked[y] {
            y += 1;
        }
        let columns: Vec<usize> = (0..width).filter(|&x| (top..y).any(|r| dark(second, x, r))).collect();
        // 9 px at 100 dpi is 2.3 mm, wider than a space between words and
        // narrower than the space between two table cells.
        for part in columns.chunk_by(|a, b| b - a <= 9) {
            let (left, right) = (part[0], part[part.len() - 1]);
            let count = (top..y).map(|r| (left..=right).filter(|&x| dark(rest, x, r)).count()).sum::<usize>();
            if count > 2 {
                found.push((left, top, count));
            }
        }
    }
    found
}

/// An Arabic form with the Swedish words under its own (`--also sv`): no
/// letter of the Arabic lines above and below a grey Swedish line reaches
/// into it. Arabic letters reach far beyond the line box that Typst spaces
/// lines by (0.42 em below the baseline, against 0.24 em for Latin ones),
/// and pdftotext's boxes (the fonts' ascender to descender, twice a line's
/// height for Noto Sans Arabic) cannot tell lines that tangle from lines
/// that are near, so the ink is compared: each form is made twice through
/// a recoloured template, once with only the second language's words
/// visible, once with everything but them.
#[test]
fn the_second_language_clears_the_arabic_lines_around_it() {
    let dir = tempdir();
    let visible = "fill: faint, it)";
    let only_second = recoloured(
        &dir.path().join("only-second"),
        &[
            ("#let ink = black", "#let ink = white"),
            ("#let faint = luma(35%)", "#let faint = white"),
            ("#let rule = 0.6pt + luma(45%)", "#let rule = 0.6pt + white"),
            (visible, "fill: black, it)"),
        ],
    );
    let all_but = recoloured(&dir.path().join("all-but"), &[(visible, "fill: white, it)")]);
    let mut faults = Vec::new();
    let mut pages_compared = 0;
    for name in EXAMPLES {
        let text = std::fs::read_to_string(example(name)).unwrap();
        let arabic = text.replacen("language = \"sv\"", "language = \"ar\"", 1);
        assert_ne!(arabic, text, "{name}: the example's language line moved");
        let case = dir.path().join(format!("{name}-ar.toml"));
        std::fs::write(&case, arabic).unwrap();
        for (variant, extra) in [("normal", &[][..]), ("large", &["--large-print"][..])] {
            let mut made = Vec::new();
            for templates in [&only_second, &all_but] {
                let folder = templates.join(format!("{name}-{variant}"));
                let mut args = vec!["render", case.to_str().unwrap(), "--all", "--also", "sv"];
                args.extend_from_slice(&["--templates", templates.to_str().unwrap(), "-o", folder.to_str().unwrap()]);
                args.extend_from_slice(extra);
                sipform_ok(&args);
                made.push(pdfs_in(&folder));
            }
            for (a, b) in made[0].iter().zip(&made[1]) {
                for (n, ((width, _, p), (_, _, q))) in grey_pages(a).iter().zip(grey_pages(b)).enumerate() {
                    pages_compared += 1;
                    for (x, y, count) in intrusions(*width, p, &q) {
                        let form = a.file_name().unwrap().to_string_lossy();
                        faults.push(format!("{variant} {form} page {}: {count} pixels in the line at {x},{y}", n + 1));
                    }
                }
            }
        }
    }
    assert!(pages_compared >= 40, "{pages_compared} pages");
    assert!(faults.is_empty(), "{} lines where the languages tangle:\n{}", faults.len(), faults.join("\n"));
}

/// The checks above can fail: a name hyphenated over two lines, a phone
/// number split, a street from its number, and two words on one spot.
#[test]
fn the_checks_catch_what_they_look_for() {
    let dir = tempdir();
    let case = dir.path().join("case.toml");
    std::fs::write(&case, "[person]\nname = \"Ann Lindqvist\"\naddress = \"Hamngatan 2\"\nphone = \"070-123 45 67\"\n")
        .unwrap();
    let (names, phones) = atoms(&case);
    let lines: Vec<String> =
        ["Kontakt: Ann Lin-", "dqvist, telefon 070-123", "45 67, Hamngatan", "2, Karl\u{ad}", "stad"]
            .map(String::from)
            .to_vec();
    let found = broken(&lines, &names, &phones);
    assert_eq!(found.len(), 4, "{found:#?}");
    let split = ["ring 070", "-123 45 67"].map(String::from).to_vec();
    assert_eq!(broken(&split, &names, &phones).len(), 1);
    let fine: Vec<String> = ["Ann Lindqvist, telefon", "070-123 45 67, Hamngatan 2"].map(String::from).to_vec();
    assert_eq!(broken(&fine, &names, &phones), Vec::<String>::new());

    let word = |x: f64, y: f64, w: &str| (x, y, x + 40.0, y + 10.0, w.to_owned());
    let mut page =
        vec![word(60.0, 100.0, "a"), word(90.0, 101.0, "b"), word(60.0, 120.0, "c"), word(560.0, 140.0, "d")];
    let found = collisions(&mut page, 595.0);
    assert_eq!(found.len(), 2, "{found:#?}");

    // A line of one colour, and letters of the other reaching into it.
    let (width, mut second, mut rest) = (40, vec![255u8; 40 * 20], vec![255u8; 40 * 20]);
    for (y, x) in (5..9).flat_map(|y| (5..21).map(move |x| (y, x))) {
        second[y * width + x] = 0;
    }
    for (y, x) in (10..14).flat_map(|y| (5..21).map(move |x| (y, x))) {
        rest[y * width + x] = 0;
    }
    assert!(intrusions(width, &second, &rest).is_empty(), "a line under the other");
    for (y, x) in (7..9).flat_map(|y| (12..14).map(move |x| (y, x))) {
        rest[y * width + x] = 0;
    }
    assert_eq!(intrusions(width, &second, &rest), vec![(5, 5, 4)]);
}

/// The text of one page, from pdftotext.
fn page_text(pdf: &Path, page: usize) -> Vec<String> {
    let n = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect()
}

/// The headings and labels a form can print, from the catalogue.
fn headings() -> BTreeSet<String> {
    let catalogue: toml::Value =
        toml::from_str(&std::fs::read_to_string(root().join("lang/sv/text.toml")).unwrap()).unwrap();
    let mut out = BTreeSet::new();
    fn walk(key: &str, v: &toml::Value, out: &mut BTreeSet<String>) {
        match v {
            toml::Value::String(s)
                if (key == "title" || key == "label" || key.ends_with("_title"))
                    && !s.contains("{%")
                    && !s.contains("{{") =>
            {
                out.insert(s.clone());
            }
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| walk(k, v, out)),
            _ => {}
        }
    }
    walk("", &catalogue, &mut out);
    out
}

#[test]
fn no_page_ends_with_a_heading_or_a_label() {
    let dir = tempdir();
    let headings = headings();
    assert!(headings.contains("Vem gör vad") && headings.contains("Mina kontaktpersoner"), "{headings:?}");
    let mut forms = all_forms(dir.path(), &[]);
    forms.extend(all_forms(&dir.path().join("large"), &["--large-print"]));
    let mut faults = Vec::new();
    for (pdf, _) in forms {
        let n = pages(&pdf);
        for page in 1..n {
            let lines = page_text(&pdf, page);
            // The last line is the footer, "Sida N av M".
            let body_end = lines.iter().rposition(|l| !l.starts_with("Sida ")).unwrap();
            if headings.contains(&lines[body_end]) {
                faults.push(format!("{} page {page} ends with {:?}", pdf.display(), lines[body_end]));
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

/// The numbered lines of a section: "3 Skriva dagbok" as (3, "Skriva dagbok").
fn numbered(lines: &[&str]) -> Vec<(usize, String)> {
    lines
        .iter()
        .filter_map(|l| {
            let (n, rest) = l.split_once(' ')?;
            Some((n.parse().ok()?, rest.to_owned()))
        })
        .collect()
}

#[test]
fn action_numbers_run_in_reading_order_and_match_in_plan_and_followup() {
    let dir = tempdir();
    for name in EXAMPLES {
        let plan = render(&example(name), "plan", dir.path());
        let text = pdf_raw_text(&plan);
        let lines: Vec<&str> = text.lines().collect();
        let start = lines.iter().position(|l| *l == "Vem gör vad").expect("the actions heading");
        let end = lines.iter().position(|l| *l == "Den här personen håller ihop min plan").expect("the next heading");
        let actions = numbered(&lines[start..end]);
        let numbers: Vec<usize> = actions.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>(), "{name}: {actions:?}");
        assert!(numbers.len() >= 2, "{name}: {actions:?}");

        let followup = render(&example(name), "followup", dir.path());
        let text = pdf_raw_text(&followup);
        let lines: Vec<&str> = text.lines().collect();
        let Some(start) = lines.iter().position(|l| *l == "Blev det gjort?") else { continue };
        let assessed = numbered(&lines[start..]);
        let mut last = 0;
        for (n, what) in assessed.iter().filter(|(n, _)| *n <= numbers.len()) {
            if let Some((_, planned)) = actions.iter().find(|(m, _)| m == n) {
                let first_words: String = planned.split(' ').take(2).collect::<Vec<_>>().join(" ");
                assert!(what.starts_with(&first_words), "{name}: follow-up {n} {what:?} is plan {n} {planned:?}");
            }
            assert!(*n > last, "{name}: follow-up numbers in order: {assessed:?}");
            last = *n;
        }
    }
}

/// Anna's case file lists her actions as 1, 2, 3 for her first goal, 4 and
/// 5 for the second, and 6 and 7 for the first again; the plan prints them
/// 1 to 7 down the page.
#[test]
fn annas_actions_are_renumbered_by_goal() {
    let dir = tempdir();
    let text = pdf_raw_text(&render(&example("anna"), "plan", dir.path()));
    let a = at(&text, "4 Gå till det tysta rummet");
    let b = at(&text, "5 Göra något tillsammans");
    let c = at(&text, "6 Göra veckoschema");
    assert!(a < b && b < c, "{text}");
}

#[test]
fn signature_lines_share_a_page_with_what_they_sign() {
    let dir = tempdir();
    for name in EXAMPLES {
        let pdf = render(&example(name), "consent", dir.path());
        for page in 1..=pages(&pdf) {
            let lines = page_text(&pdf, page);
            let signs = lines.iter().any(|l| l.contains("Underskrift och namnförtydligande"));
            if signs {
                let body = lines.iter().filter(|l| !l.starts_with("Sida ") && !l.contains("Underskrift och")).count();
                assert!(body >= 6, "{name} page {page}: signatures with nearly nothing to sign: {lines:?}");
            }
        }
    }
}
