//! The protected variant, for people with skyddade personuppgifter and anyone
//! living with violence in a close relationship: no form may print anything
//! that can reveal where they live or stay.
//!
//! It is fail-closed and works on the data, not the layout. Every location
//! field (declared once, [`Case::location_fields`]) is emptied before the form
//! model is built, so no template can print it, hide it or leak it into PDF
//! metadata. Units are named by their generic name. Then every text still in
//! the case is searched for the removed values, their parts (street, postcode,
//! town) and for address-like patterns; a hit stops the render with an error
//! that names the field, because a person must rewrite it.

use std::collections::HashSet;

use crate::case::locate::{self, Step};
use crate::case::{Case, Loaded};
use crate::check::static_key;
use crate::diagnostic::Diagnostic;

/// Whether the case itself demands the protected variant. There is no way to
/// turn it off for such a case.
pub fn required(case: &Case) -> bool {
    case.person.protected || case.person.violence
}

/// The case with every location field removed and units named generically,
/// or the reasons it cannot be printed safely.
pub fn redact(loaded: &Loaded) -> Result<Case, Vec<Diagnostic>> {
    let mut case = loaded.case.clone();
    let mut needles = Needles::new(&loaded.case);
    for (_, value) in case.location_fields() {
        if let Some(v) = value.take() {
            needles.add(&v);
        }
    }

    let mut found = Vec::new();
    let mut push = |path: &[Step], d: Diagnostic| {
        let span = locate::locate(&loaded.source, path);
        found.push(d.at(span));
    };
    for (i, unit) in case.units.iter_mut().enumerate() {
        match unit.generic_name.clone() {
            Some(generic) => {
                if generic != unit.name {
                    needles.add(&unit.name);
                }
                unit.name = generic;
            }
            None => push(
                &[Step::Key("units"), Step::Index(i), Step::Key("name")],
                Diagnostic::error(
                    "no-generic-name",
                    format!("unit `{}` has no `generic_name`; the protected variant prints units only by a name that points to no place", unit.id),
                )
                .hint("add e.g. generic_name = \"Vårdcentralen\" or \"Socialtjänsten\" to the unit"),
            ),
        }
    }

    let value = serde_json::to_value(&case).expect("a case always serialises");
    let mut path = Vec::new();
    let mut hits = Vec::new();
    scan(&value, &mut path, &needles, &mut hits);
    for (path, text, needle) in hits {
        let mut span = locate::locate(&loaded.source, &path);
        // Point at the words themselves when the source holds them verbatim.
        if let Some(s) = &span {
            if let Some(at) = loaded.source.text[s.clone()].find(&needle) {
                span = Some(s.start + at..s.start + at + needle.len());
            }
        }
        let d = Diagnostic::error(
            "location-in-text",
            format!(
                "`{}` says `{needle}`, which can reveal where the person lives or stays: {}",
                locate::display(&path),
                shorten(&text)
            ),
        )
        .hint("the case is protected (skyddade personuppgifter or violence): rewrite the text without addresses, places, postcodes or phone numbers")
        .at(span);
        found.push(d);
    }

    if found.is_empty() {
        Ok(case)
    } else {
        Err(found)
    }
}

/// Keys whose values are identifiers or codes, never printed as text.
const NOT_TEXT: &[&str] =
    &["id", "goal", "responsible", "parties", "lead", "unit", "convener", "personal_number", "language"];

fn scan(
    value: &serde_json::Value,
    path: &mut Vec<Step>,
    needles: &Needles,
    hits: &mut Vec<(Vec<Step>, String, String)>,
) {
    match value {
        serde_json::Value::String(s) => {
            let skip = matches!(path.last(), Some(Step::Key(k)) if NOT_TEXT.contains(k))
                || matches!(path.iter().rev().nth(1), Some(Step::Key(k)) if NOT_TEXT.contains(k));
            if !skip {
                if let Some(needle) = needles.find(s) {
                    hits.push((path.clone(), s.clone(), needle));
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                scan(item, path, needles, hits);
                path.pop();
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                path.push(Step::Key(static_key(k)));
                scan(v, path, needles, hits);
                path.pop();
            }
        }
        _ => {}
    }
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    format!("\"{out}\"")
}

/// What to look for in free text.
#[derive(Debug, Default)]
struct Needles {
    /// Whole values and their comma-separated parts, lower-cased.
    phrases: Vec<String>,
    /// Place names from the values (capitalised words), matched as written at
    /// the start of a word, so "Karlstad" also finds "Karlstads".
    names: Vec<String>,
    /// Phone numbers, as digits only, found inside longer runs too.
    phones: Vec<String>,
    /// Postcodes and other short numbers, as digits, found only whole.
    numbers: Vec<String>,
    /// Words that are never place names here: people's names and generic unit names.
    ordinary: HashSet<String>,
}

/// Capitalised words that begin sentences about places without naming one.
const COMMON: &[&str] = &[
    "Hemma",
    "Hemmet",
    "Hos",
    "Vid",
    "Rum",
    "Plan",
    "Våning",
    "Buss",
    "Bussen",
    "Skolan",
    "Skolgården",
    "Affären",
    "Affärer",
    "Affärerna",
    "Mottagningen",
    "Lokaler",
    "Lokal",
    "Digitalt",
    "Telefon",
    "Mötet",
    "Kommun",
    "Region",
];

/// Words that join others in a place description without naming a place.
const SMALL_WORDS: &[&str] = &[
    "i",
    "på",
    "och",
    "hos",
    "vid",
    "med",
    "till",
    "från",
    "för",
    "av",
    "om",
    "under",
    "över",
    "en",
    "ett",
    "den",
    "det",
    "min",
    "mitt",
    "mina",
    "sin",
    "sitt",
    "sina",
    "hans",
    "hennes",
    "deras",
    "eller",
    "via",
    "inne",
    "ute",
    "hemma",
    "hem",
    "hemmet",
    "lokaler",
    "lokalerna",
    "rummet",
    "tysta",
    "lilla",
    "stora",
    "nya",
    "gamla",
];

/// Endings of Swedish street names.
const STREET_ENDINGS: &[&str] = &[
    "gatan",
    "vägen",
    "gränd",
    "gränden",
    "torget",
    "torg",
    "stigen",
    "allén",
    "backen",
    "leden",
    "platsen",
    "promenaden",
    "kajen",
    "esplanaden",
];

impl Needles {
    fn new(case: &Case) -> Self {
        let mut ordinary: HashSet<String> = COMMON.iter().map(|w| w.to_string()).collect();
        let mut people: Vec<&str> = vec![&case.person.name];
        people.extend(case.guardians.iter().map(|g| g.name.as_str()));
        people.extend(case.relatives.iter().map(|r| r.name.as_str()));
        people.extend(case.representative.iter().map(|r| r.name.as_str()));
        people.extend(case.participants.iter().map(|p| p.name.as_str()));
        people.extend(case.units.iter().filter_map(|u| u.contact.as_ref()).map(|c| c.name.as_str()));
        people.extend(case.units.iter().filter_map(|u| u.generic_name.as_deref()));
        if let Some(m) = &case.meeting {
            people.extend([m.convener.name.as_str(), m.chair.as_str()]);
        }
        if let Some(p) = &case.plan {
            people.push(&p.coordinator.name);
        }
        for name in people {
            ordinary.extend(words(name).map(str::to_owned));
            ordinary.extend(words(name).map(str::to_lowercase));
        }
        ordinary.extend(COMMON.iter().map(|w| w.to_lowercase()));
        ordinary.extend(SMALL_WORDS.iter().map(|w| w.to_string()));
        Needles { ordinary, ..Default::default() }
    }

    /// Learns a location value: the whole, its parts, its place names and numbers.
    fn add(&mut self, value: &str) {
        let whole = value.trim().to_lowercase();
        if whole.chars().filter(|c| c.is_alphanumeric()).count() >= 3 && self.telling(&whole) {
            self.phrases.push(whole);
        }
        for part in value.split([',', '\n', ';']) {
            let part = part.trim().to_lowercase();
            if part.chars().filter(|c| c.is_alphabetic()).count() >= 4 && self.telling(&part) {
                self.phrases.push(part);
            }
        }
        for word in words(value) {
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            // "Kristinehamns kommun" names the town "Kristinehamn".
            let stem = match word.strip_suffix('s') {
                Some(s) if s.chars().count() >= 5 => s,
                _ => word,
            };
            let ordinary = self.ordinary.contains(word) || self.ordinary.contains(stem);
            if (capitalised || is_street(word)) && word.chars().count() >= 4 && !ordinary {
                self.names.push(stem.to_owned());
            }
        }
        // E-mail: the domain can name a town ("kristinehamn.se").
        if let Some((_, domain)) = value.split_once('@') {
            if let Some(label) = domain.split('.').next().filter(|l| l.len() >= 4) {
                self.phrases.push(label.to_lowercase());
            }
        }
        for run in digit_runs(value) {
            match run.len() {
                7.. => self.phones.push(run),
                5.. => self.numbers.push(run),
                _ => {}
            }
        }
    }

    /// Whether a phrase says more than ordinary words: "hemma" or "hemma hos
    /// Margit" tell no one where Margit lives; "Storgatan 1" does.
    fn telling(&self, phrase: &str) -> bool {
        words(phrase).any(|w| !self.ordinary.contains(&w.to_lowercase()) && !w.chars().all(|c| c.is_ascii_digit()))
    }

    /// The first thing in `text` that gives a place away.
    fn find(&self, text: &str) -> Option<String> {
        let lower = text.to_lowercase();
        for phrase in &self.phrases {
            if let Some(at) = lower.find(phrase.as_str()) {
                return Some(original(text, &lower, at, phrase.len()));
            }
        }
        for name in &self.names {
            if let Some(at) = find_word_start(text, name) {
                return Some(text[at..].split(|c: char| !c.is_alphanumeric()).next().unwrap_or(name).to_owned());
            }
        }
        // Street names are capitalised; "handleden" or "skolvägen" are not streets.
        for word in words(text) {
            if word.chars().next().is_some_and(char::is_uppercase) && is_street(word) {
                return Some(word.to_owned());
            }
        }
        if looks_like_date(text) {
            return None;
        }
        for run in digit_runs(text) {
            if self.phones.iter().any(|d| run.contains(d.as_str())) || self.numbers.contains(&run) {
                return Some(run);
            }
        }
        if let Some(postcode) = find_postcode(text) {
            return Some(postcode);
        }
        if let Some(email) = text.split_whitespace().find(|w| w.contains('@') && w.contains('.')) {
            return Some(email.to_owned());
        }
        None
    }
}

/// A value that is a date (the case's own dates serialise as text).
fn looks_like_date(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-' && t[..4].bytes().all(|b| b.is_ascii_digit())
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty())
}

fn is_street(word: &str) -> bool {
    let lower = word.to_lowercase();
    STREET_ENDINGS.iter().any(|end| lower.len() > end.len() + 2 && lower.ends_with(end))
}

/// Byte offsets in a lower-cased copy are not always offsets in the original
/// (some letters change length); fall back to the needle itself.
fn original(text: &str, lower: &str, at: usize, len: usize) -> String {
    if text.len() == lower.len() && text.is_char_boundary(at) && text.is_char_boundary(at + len) {
        text[at..at + len].to_owned()
    } else {
        lower[at..at + len].to_owned()
    }
}

fn find_word_start(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word)
        .map(|(at, _)| at)
        .find(|&at| text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

/// Runs of digits, joined across single spaces and hyphens: "070-174 06 21"
/// is "0701740621".
fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            current.push(c);
        } else if matches!(c, ' ' | '-' | '\u{a0}')
            && !current.is_empty()
            && chars.peek().is_some_and(char::is_ascii_digit)
        {
            continue;
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// A Swedish postcode: "652 24" or "65224", standing alone.
fn find_postcode(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let free = |i: Option<usize>| {
        i.and_then(|i| chars.get(i)).is_none_or(|c| !c.is_alphanumeric() && !matches!(c, '-' | '.' | ':' | '/'))
    };
    for start in 0..chars.len() {
        if !digit(start) || !free(start.checked_sub(1)) {
            continue;
        }
        for gap in [0, 1] {
            let second = start + 3 + gap;
            let all = (start..start + 3).all(digit) && (second..second + 2).all(digit);
            let spaced = gap == 0 || chars.get(start + 3) == Some(&' ');
            if all && spaced && free(Some(second + 2)) {
                return Some(chars[start..second + 2].iter().collect());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::from_bytes;

    const CASE: &str = r#"format = 1
[person]
name = "Sara Berg"
personal_number = "19990101-2386"
protected = true
address = "Storgatan 1, 652 24 Karlstad"
phone = "070-123 45 67"
[[relatives]]
name = "Ola Berg"
relation = "bror"
email = "ola@kristinehamn.se"
[[units]]
id = "vc"
name = "Vårdcentralen Väster, Karlstads kommun"
generic_name = "Vårdcentralen"
principal = "region"
address = "Hamngatan 2"
contact = { name = "Eva Ek", phone = "054-61 00 10" }
"#;

    fn redact_with(extra: &str) -> Result<Case, Vec<Diagnostic>> {
        let loaded = match from_bytes("t.toml", None, format!("{CASE}{extra}").into_bytes()) {
            Ok(l) => l,
            Err(crate::Error::Invalid(i)) => panic!("{:?}", i.diagnostics),
            Err(e) => panic!("{e}"),
        };
        redact(&loaded)
    }

    #[test]
    fn location_fields_are_emptied_and_units_named_generically() {
        let case = redact_with("").unwrap();
        assert_eq!(case.person.address, None);
        assert_eq!(case.person.phone, None);
        assert_eq!(case.relatives[0].email, None);
        assert_eq!(case.units[0].address, None);
        assert_eq!(case.units[0].contact.as_ref().unwrap().phone, None);
        assert_eq!(case.units[0].name, "Vårdcentralen");
    }

    #[test]
    fn a_unit_without_a_generic_name_is_an_error() {
        let found =
            redact_with("[[units]]\nid = \"bup\"\nname = \"BUP Karlstad\"\nprincipal = \"region\"\n").unwrap_err();
        assert_eq!(found[0].code, "no-generic-name");
    }

    #[test]
    fn free_text_naming_a_place_stops_the_render() {
        let plan = |situation: &str| {
            format!(
                "[plan]\ndate = 2026-11-20\nsituation = \"{situation}\"\nlong_term_goal = \"Må bra\"\nlead = \"vc\"\ncoordinator = {{ name = \"Eva Ek\", unit = \"vc\" }}\ngoals = []\nactions = []\n"
            )
        };
        for (text, needle) in [
            ("Jag bor på Storgatan nu.", "Storgatan"),
            ("Jag har flyttat till Karlstads centrum.", "Karlstads"),
            ("Ring mig på 0701234567.", "0701234567"),
            ("Adressen är Lillvägen 3.", "Lillvägen"),
            ("Post till 123 45 Ort.", "123 45"),
            ("Jag träffar Ola på Väster.", "Väster"),
            ("Mejla ola@kristinehamn.se", "kristinehamn"),
            ("Hamngatan 2, två trappor", "Hamngatan 2"),
        ] {
            let found = redact_with(&plan(text)).expect_err(text);
            assert_eq!(found[0].code, "location-in-text", "{text}");
            assert!(found[0].message.contains(needle), "{text}: {}", found[0].message);
        }
    }

    #[test]
    fn ordinary_text_passes() {
        let text = "Jag vill må bättre. Sara och Ola ses hemma 1 gång i veckan, kl 13.00, från 2026-11-20. \
                    Vårdcentralen ringer. Hemma är det lugnt. Bussen är svår.";
        let plan = format!(
            "[plan]\ndate = 2026-11-20\nsituation = \"{text}\"\nlong_term_goal = \"Må bra\"\nlead = \"vc\"\ncoordinator = {{ name = \"Eva Ek\", unit = \"vc\" }}\ngoals = []\nactions = []\n"
        );
        redact_with(&plan).unwrap();
    }

    #[test]
    fn digits_and_postcodes() {
        assert_eq!(digit_runs("070-174 06 21 och 13.00"), ["0701740621", "13", "00"]);
        assert_eq!(find_postcode("till 652 24 Karlstad"), Some("652 24".into()));
        assert_eq!(find_postcode("65224"), Some("65224".into()));
        assert_eq!(find_postcode("år 2026-11-20, 13.00, 100 000 kr"), None);
    }
}
