//! The protected variant, for people with skyddade personuppgifter and anyone
//! living with violence in a close relationship: no form may print anything
//! that can reveal where they live or stay.
//!
//! Two walls, both fail-closed. The first works on the data: every declared
//! location field ([`Case::location_fields`]) is emptied before the form
//! model is built, and units are named by their generic name. The second
//! works on what is printed: every string of the case, of each form model,
//! of the calendar files, the page header, the envelope and the output file
//! names goes through the same detectors ([`scan`]), after folding away
//! case, look-alike letters and invisible characters ([`text`]). A hit stops
//! the render with a located error that names the field but never repeats
//! the words, so that the diagnostic itself leaks nothing. Words that may be
//! places but are not known to be (a capital in mid-sentence) are listed in
//! a warning, for a person to judge.

pub mod gazetteer;
pub mod numbers;
pub mod scan;
pub mod staff;
pub mod text;

use std::collections::HashSet;

use crate::case::locate::{self, Step};
use crate::case::{Case, Loaded, SourceFile};
use crate::diagnostic::{Diagnostic, Swedish};
use crate::forms::FormKind;
use crate::source::static_key;

pub use scan::{Hit, HitKind, Scanner};

/// Whether the case itself demands the protected variant. There is no way to
/// turn it off for such a case.
pub fn required(case: &Case) -> bool {
    case.person.protected || case.person.violence
}

/// The envelope asked for where Skatteverket forwards no post.
pub fn envelope_refused(loaded: &Loaded) -> Diagnostic {
    let path = [Step::Key("person"), Step::Key("violence")];
    Diagnostic::error(
        "envelope-not-forwarded",
        "the envelope form is for post through Skatteverket's forwarding, which only people with skyddade personuppgifter have"
            .to_owned(),
    )
    .sv("kuvertblanketten är för post som Skatteverket vidarebefordrar, och det gör Skatteverket bara för personer med skyddade personuppgifter")
    .hint("send post the way agreed with the person (person.contact); set person.protected = true only if they have skyddade personuppgifter")
    .hint_sv("skicka post på det sätt som har bestämts med personen (`person.contact`); ange `person.protected = true` bara om personen har skyddade personuppgifter")
    .at(locate::locate(&loaded.source, &path))
    .path(locate::shown(&loaded.source, &path))
}

/// The envelope for a child whose guardian to write to is not clear; `why`
/// in English and in Swedish ([`Case::post_recipient`]).
pub fn envelope_recipient_unclear(loaded: &Loaded, why: (&str, &str)) -> Diagnostic {
    let path = [Step::Key("guardians")];
    let (why, why_sv) = why;
    Diagnostic::error("envelope-recipient", format!("the envelope cannot be addressed: {why}"))
        .sv(format!("kuvertet kan inte adresseras: {why_sv}"))
        .hint("mark the guardian the child lives with and is protected by with protecting = true, and give their personal_number")
        .hint_sv("markera den vårdnadshavare som barnet bor hos och skyddas av med `protecting = true`, och ange vårdnadshavarens `personal_number`")
        .at(locate::locate(&loaded.source, &path))
        .path(locate::shown(&loaded.source, &path))
}

/// The envelope left out of a run of several forms, for the same reason.
pub fn envelope_left_out(loaded: &Loaded, why: (&str, &str)) -> Diagnostic {
    let unclear = envelope_recipient_unclear(loaded, why);
    let hint_sv = unclear.swedish.as_ref().and_then(|s| s.hint.clone());
    Diagnostic {
        severity: crate::diagnostic::Severity::Warning,
        code: "envelope-left-out",
        message: format!("the envelope is left out: {}", why.0),
        swedish: Some(Box::new(Swedish { message: format!("kuvertet tas inte med: {}", why.1), hint: hint_sv })),
        ..unclear
    }
}

/// A case made safe to print: location fields removed, units named
/// generically; the scanner that knows its people and removed values; and
/// what stops it (errors) or needs a person's eye (warnings).
#[derive(Debug, Clone)]
pub struct Redacted {
    pub case: Case,
    pub scanner: Scanner,
    pub findings: Vec<Diagnostic>,
}

impl Redacted {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Diagnostic::is_error)
    }
}

/// The case with every location field removed and units named generically,
/// and every string left in it scanned.
pub fn redact(loaded: &Loaded) -> Redacted {
    let mut case = loaded.case.clone();
    let everyone = people(&loaded.case);
    let mut scanner = Scanner::new(everyone.iter().copied());
    let coordinators = loaded.case.plans.iter().filter_map(|p| p.coordinator.safe_phone.as_deref());
    let convener = loaded.case.meeting.as_ref().and_then(|m| m.convener.safe_phone.as_deref());
    let followups = loaded.case.followups.iter().filter_map(|f| match &f.convener {
        crate::case::FollowupConvener::Person(c) => c.safe_phone.as_deref(),
        crate::case::FollowupConvener::Unit(_) => None,
    });
    coordinators.chain(convener).chain(followups).for_each(|safe| scanner.allow(safe));
    for (_, value) in case.location_fields() {
        if let Some(v) = value.take() {
            scanner.learn(&v);
        }
    }
    let mut findings = Vec::new();
    for (i, unit) in case.units.iter_mut().enumerate() {
        match unit.generic_name.clone() {
            Some(generic) => {
                if generic != unit.name {
                    scanner.learn_except(&unit.name, &generic);
                }
                unit.name = generic;
            }
            None => {
                let path = [Step::Key("units"), Step::Index(i), Step::Key("name")];
                findings.push(
                    Diagnostic::error(
                        "no-generic-name",
                        format!("unit `{}` has no `generic_name`; the protected variant prints units only by a name that points to no place", unit.id),
                    )
                    .sv(format!("enheten `{}` saknar `generic_name`; den skyddade varianten skriver bara ut enheter med ett namn som inte pekar ut någon plats", unit.id))
                    .hint("add e.g. generic_name = \"Vårdcentralen\" or \"Socialtjänsten\" to the unit")
                    .hint_sv("lägg till t.ex. `generic_name = \"Vårdcentralen\"` eller `\"Socialtjänsten\"` på enheten")
                    .at(locate::locate(&loaded.source, &path))
                    .path(locate::shown(&loaded.source, &path)),
                );
            }
        }
    }

    let (by_role, staff_findings) = staff::replace(loaded, &mut case);
    findings.extend(staff_findings);

    // Every string of the case as given: hidden characters first, since they
    // are what a spelling trick is made of.
    let original = serde_json::to_value(&loaded.case).expect("a case always serialises");
    let mut strings = Vec::new();
    collect(&original, &mut Vec::new(), &mut strings);
    for (path, text) in &strings {
        findings.extend(hidden(&loaded.source, path, text));
    }
    // Then every string left after redaction, as it may be printed.
    let value = serde_json::to_value(&case).expect("a case always serialises");
    let mut strings = Vec::new();
    collect(&value, &mut Vec::new(), &mut strings);
    let mut uncertain = Vec::new();
    // Who keeps their name: everyone but the staff printed by role.
    let replaced: HashSet<&str> = by_role.names().collect();
    let others: Vec<&str> = everyone.into_iter().filter(|n| !replaced.contains(n.trim())).collect();
    let staff_names = staff::Names::new(&by_role, &others);
    for (path, text) in &strings {
        if !is_name(path) && staff_names.in_text(text) {
            findings.push(staff::named_in_text(loaded, path));
        }
        let hits = if is_name(path) { scanner.scan_name(text) } else { scanner.scan(text) };
        for word in scanner.uncertain(text, &hits) {
            uncertain.push((path.clone(), text[word].to_owned()));
        }
        if !hits.is_empty() {
            findings.push(located_hit(&loaded.source, path, text, &hits));
        }
    }
    findings.extend(uncertain_warning(&loaded.source, uncertain));
    Redacted { case, scanner, findings }
}

/// Whether a value of the case is a person's name.
fn is_name(path: &[Step]) -> bool {
    match path {
        [Step::Key("units"), Step::Index(_), Step::Key("name" | "generic_name")] => false,
        [.., Step::Key("name" | "chair" | "note_taker" | "person")] => true,
        [Step::Key("consent"), Step::Key("guardians"), Step::Index(_)] => true,
        _ => false,
    }
}

/// The names of the people in the case, as printed.
fn people(case: &Case) -> Vec<&str> {
    let mut out: Vec<&str> = vec![&case.person.name];
    out.extend(case.guardians.iter().map(|g| g.name.as_str()));
    out.extend(case.relatives.iter().map(|r| r.name.as_str()));
    out.extend(case.representative.iter().map(|r| r.name.as_str()));
    out.extend(case.participants.iter().map(|p| p.name.as_str()));
    out.extend(case.units.iter().filter_map(|u| u.contact.as_ref()).map(|c| c.name.as_str()));
    if let Some(m) = &case.meeting {
        out.extend([m.convener.name.as_str(), m.chair.as_str()]);
        out.extend(m.note_taker.as_deref());
    }
    for p in &case.plans {
        out.push(&p.coordinator.name);
        out.extend(p.actions.iter().filter_map(|a| a.person.as_deref()));
    }
    for c in &case.consents {
        out.extend(c.guardians.iter().map(|g| g.name()));
    }
    for f in &case.followups {
        out.extend(f.chair.as_deref());
        out.extend(f.note_taker.as_deref());
        if let crate::case::FollowupConvener::Person(c) = &f.convener {
            out.push(&c.name);
        }
    }
    out
}

/// Keys whose values are identifiers, codes or dates, never printed as
/// text: the id of a unit, a reference to it, a personnummer.
const NOT_TEXT: &[&str] = &["id", "goal", "parties", "lead", "unit", "personal_number", "language", "format"];

/// Every string in a value, with its path.
fn collect(value: &serde_json::Value, path: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, String)>) {
    match value {
        serde_json::Value::String(s) => {
            let key = path.iter().rev().find_map(|s| match s {
                Step::Key(k) => Some(*k),
                Step::Index(_) => None,
            });
            // `convener` is a unit id in [followup]; `meeting.convener.name` is a person.
            let reference = matches!(path.last(), Some(Step::Key("convener"))) && path.len() == 2;
            if !key.is_some_and(|k| NOT_TEXT.contains(&k)) && !reference && !is_date(s) {
                out.push((path.clone(), s.clone()));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                collect(item, path, out);
                path.pop();
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                path.push(Step::Key(static_key(k)));
                collect(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// A date or date-time as the case serialises it.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s[..4].bytes().all(|c| c.is_ascii_digit())
        && s[10..].bytes().all(|c| c.is_ascii_digit() || matches!(c, b'T' | b':' | b'.'))
}

/// Invisible format characters and words that mix scripts: in a protected
/// case they are refused, since they are how a place is made to look like
/// something else.
fn hidden(source: &SourceFile, path: &[Step], value: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let span = locate::locate(source, path);
    let shown = locate::shown(source, path);
    if let Some((_, c)) = text::invisible_chars(value).first() {
        out.push(
            Diagnostic::error(
                "hidden-character",
                format!("`{shown}` holds an invisible character (U+{:04X}) that can hide a word from the protected variant's checks", *c as u32),
            )
            .sv(format!("`{shown}` innehåller ett osynligt tecken (U+{:04X}) som kan dölja ett ord för den skyddade variantens kontroller", *c as u32))
            .hint("retype the text without copying it: soft hyphens, zero-width spaces, word joiners and direction marks are not allowed in a protected case")
            .hint_sv("skriv in texten på nytt utan att kopiera den: mjuka bindestreck, nollbreddsmellanslag, ordbindare och riktningsmarkeringar är inte tillåtna i ett skyddat ärende")
            .at(span.clone())
            .path(shown.clone()),
        );
    }
    if !text::mixed_script_words(value).is_empty() {
        out.push(
            Diagnostic::error(
                "mixed-script",
                format!("`{shown}` has a word that mixes alphabets (Latin with Cyrillic or Greek letters, say), which can disguise a place"),
            )
            .sv(format!("`{shown}` har ett ord som blandar alfabet (till exempel latinska bokstäver med kyrilliska eller grekiska), vilket kan dölja en plats"))
            .hint("retype the word on a Swedish keyboard")
            .hint_sv("skriv in ordet på nytt med ett svenskt tangentbord")
            .at(span.clone())
            .path(shown.clone()),
        );
    } else if !text::other_script_words(value).is_empty() {
        // The places sipform knows are spelt in Latin letters: a place in
        // Arabic or Cyrillic letters would pass unseen. Fail closed.
        out.push(
            Diagnostic::error(
                "unchecked-script",
                format!("`{shown}` has words in another alphabet than the Latin one, which the protected variant cannot check for places"),
            )
            .sv(format!("`{shown}` har ord i ett annat alfabet än det latinska, och dem kan den skyddade varianten inte kontrollera för platser"))
            .hint("write the case's texts of a protected person in Latin letters, and a name as it is spelt in the population register; the forms' own words may still be in the person's language (`language`)")
            .hint_sv("skriv texterna i en skyddad persons ärende med latinska bokstäver, och ett namn så som det stavas i folkbokföringen; blanketternas egna ord kan ändå vara på personens språk (`language`)")
            .at(span)
            .path(shown),
        );
    }
    out
}

/// The error for hits in one value of the case: located at the first hit
/// when the source holds the value as written, and never repeating it.
fn located_hit(source: &SourceFile, path: &[Step], value: &str, hits: &[Hit]) -> Diagnostic {
    let shown = locate::shown(source, path);
    let mut span = locate::locate(source, path);
    if let Some(s) = &span {
        let first = &value[hits[0].span.clone()];
        if let Some(at) = source.text[s.clone()].find(first) {
            span = Some(s.start + at..s.start + at + first.len());
        }
    }
    Diagnostic::error("location-in-text", format!("`{shown}` prints {}, which can reveal where the person lives or stays: {}", describe(hits), masked(value, hits)))
        .sv(format!("`{shown}` skriver ut {}, som kan avslöja var personen bor eller vistas: {}", describe_sv(hits), masked(value, hits)))
        .hint("the case is protected (skyddade personuppgifter or violence): rewrite the text without places, addresses, postcodes, phone numbers, e-mail or web addresses")
        .hint_sv("ärendet är skyddat (skyddade personuppgifter eller våld i nära relation): skriv om texten utan platser, adresser, postnummer, telefonnummer, e-postadresser eller webbadresser")
        .at(span)
        .path(shown)
}

/// "a place name and a phone number".
pub fn describe(hits: &[Hit]) -> String {
    describe_with(hits, HitKind::what, "and")
}

/// The same in Swedish: "ett ortnamn och ett telefonnummer".
pub fn describe_sv(hits: &[Hit]) -> String {
    describe_with(hits, HitKind::what_sv, "och")
}

/// The kinds of hit, once each, as a list in words.
fn describe_with(hits: &[Hit], what: fn(HitKind) -> &'static str, and: &str) -> String {
    let mut kinds: Vec<HitKind> = hits.iter().map(|h| h.kind).collect();
    kinds.sort();
    kinds.dedup();
    let words: Vec<String> = kinds.into_iter().map(|k| what(k).to_owned()).collect();
    crate::catalog::join_words(&words, ", ", and)
}

/// The value with every hit blotted out, shortened around the first, so a
/// person can find the words to rewrite without the diagnostic repeating them.
pub fn masked(value: &str, hits: &[Hit]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for h in hits {
        out.push_str(&value[last..h.span.start]);
        out.push_str("[…]");
        last = h.span.end;
    }
    out.push_str(&value[last..]);
    let out: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = out.chars().collect();
    let first = out.find("[…]").map_or(0, |b| out[..b].chars().count());
    let from = first.saturating_sub(30);
    let to = (first + 50).min(chars.len());
    format!(
        "\"{}{}{}\"",
        if from > 0 { "…" } else { "" },
        chars[from..to].iter().collect::<String>(),
        if to < chars.len() { "…" } else { "" }
    )
}

/// One warning for the words that may be places, with where they are.
fn uncertain_warning(source: &SourceFile, words: Vec<(Vec<Step>, String)>) -> Option<Diagnostic> {
    let (first_path, _) = words.first()?;
    let mut seen = HashSet::new();
    let list: Vec<String> = words
        .iter()
        .filter(|(_, w)| seen.insert(text::fold(w)))
        .map(|(p, w)| format!("{w} ({})", locate::shown(source, p)))
        .collect();
    Some(
        Diagnostic::warning(
            "uncertain-place",
            format!("the protected variant does not know whether these words name places: {}", list.join(", ")),
        )
        .sv(format!("den skyddade varianten vet inte om de här orden är namn på platser: {}", list.join(", ")))
        .hint("check that none of them is a place, a street, a school or a unit near where the person lives; rewrite any that is")
        .hint_sv("kontrollera att inget av dem är en plats, en gata, en skola eller en enhet nära där personen bor; skriv om de ord som är det")
        .at(locate::locate(source, first_path))
        .path(locate::shown(source, first_path)),
    )
}

/// Where a printed string comes from, when it is not a value of the case.
#[derive(Debug, Clone)]
pub struct Printed {
    /// What prints it: "the plan form", "the calendar file", "the output file name".
    pub origin: String,
    /// The part of the output: a section title, a header.
    pub part: String,
    pub text: String,
}

/// Scans strings that reach an output. A hit that a value of the case
/// already explains was reported there; the rest are errors naming what
/// prints them.
pub fn scan_printed(redacted: &Redacted, printed: &[Printed]) -> Vec<Diagnostic> {
    let scanner = &redacted.scanner;
    // The case's own values, folded once: a hit one of them holds was
    // reported at its place in the case file.
    let value = serde_json::to_value(&redacted.case).expect("a case always serialises");
    let mut strings = Vec::new();
    collect(&value, &mut Vec::new(), &mut strings);
    let case_texts: Vec<String> = strings.iter().map(|(_, s)| text::fold(s)).collect();
    let case_has = |words: &str| {
        let needle = text::fold(words);
        case_texts.iter().any(|s| s.contains(&needle))
    };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in printed {
        let hits = scanner.scan(&p.text);
        if hits.is_empty() {
            continue;
        }
        let fresh: Vec<Hit> = hits.into_iter().filter(|h| !case_has(&p.text[h.span.clone()])).collect();
        if fresh.is_empty() || !seen.insert((p.origin.clone(), text::fold(&p.text))) {
            continue;
        }
        out.push(
            Diagnostic::error(
                "location-in-output",
                format!("{} prints {} in {}: {}", p.origin, describe(&fresh), p.part, masked(&p.text, &fresh)),
            )
            .sv(format!(
                "{} skriver ut {} i {}: {}",
                origin_sv(&p.origin),
                describe_sv(&fresh),
                part_sv(&p.part),
                masked(&p.text, &fresh)
            ))
            .hint("the protected variant prints nothing that can reveal where the person lives or stays; change the option, profile or template that gives this text")
            .hint_sv("den skyddade varianten skriver inte ut något som kan avslöja var personen bor eller vistas; ändra det val, den profil eller den mall som ger den här texten"),
        );
    }
    out
}

/// What prints a string ([`Printed::origin`]), in Swedish. The renderer
/// names it in English ("the plan form", "the invitation calendar file");
/// a name it does not know is given as it is.
fn origin_sv(origin: &str) -> String {
    let inner = |suffix: &str| origin.strip_prefix("the ").and_then(|o| o.strip_suffix(suffix));
    if let Some(kind) = inner(" form").and_then(|name| name.parse::<FormKind>().ok()) {
        return kind.definite_sv().to_owned();
    }
    match inner(" calendar file") {
        Some("invitation") => "kalenderfilen för mötet".to_owned(),
        Some("followup") => "kalenderfilen för uppföljningen".to_owned(),
        _ => origin.to_owned(),
    }
}

/// The part of an output a string is in ([`Printed::part`]), in Swedish.
fn part_sv(part: &str) -> String {
    if let Some(title) = part.strip_prefix("the section ") {
        return format!("avsnittet {title}");
    }
    match part {
        "its text" => "sin text".to_owned(),
        "its laid-out text" => "texten på sidorna".to_owned(),
        "the page header" => "sidhuvudet".to_owned(),
        _ => part.to_owned(),
    }
}

/// Checks a file name that an output is written under.
pub fn file_name(redacted: &Redacted, name: &str) -> Option<Diagnostic> {
    let readable = name.replace(['-', '_', '.'], " ");
    let hits = redacted.scanner.scan(&readable);
    (!hits.is_empty()).then(|| {
        Diagnostic::error(
            "location-in-file-name",
            format!("the output file name prints {}: {}", describe(&hits), masked(&readable, &hits)),
        )
        .sv(format!("utfilens namn innehåller {}: {}", describe_sv(&hits), masked(&readable, &hits)))
        .hint("the case is protected: rename the case file (its name names the forms), or give the output file with -o")
        .hint_sv("ärendet är skyddat: byt namn på ärendefilen (blanketternas filnamn bygger på det), eller ange utfilen med -o")
    })
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
contact = { name = "Eva Ek", title = "kurator", phone = "054-61 00 10" }
"#;

    fn redact_with(extra: &str) -> Redacted {
        let loaded = match from_bytes("t.toml", None, format!("{CASE}{extra}").into_bytes()) {
            Ok(l) => l,
            Err(crate::Error::Invalid(i)) => panic!("{:?}", i.diagnostics),
            Err(e) => panic!("{e}"),
        };
        redact(&loaded)
    }

    fn plan(situation: &str) -> String {
        format!(
            "[plan]\ndate = 2026-11-20\nsituation = \"{situation}\"\nlong_term_goal = \"Må bra\"\nlead = \"vc\"\ncoordinator = {{ name = \"Eva Ek\", unit = \"vc\" }}\ngoals = []\nactions = []\n"
        )
    }

    #[test]
    fn location_fields_are_emptied_and_units_named_generically() {
        let r = redact_with("");
        assert!(!r.has_errors(), "{:?}", r.findings);
        let case = r.case;
        assert_eq!(case.person.address, None);
        assert_eq!(case.person.phone, None);
        assert_eq!(case.relatives[0].email, None);
        assert_eq!(case.units[0].address, None);
        assert_eq!(case.units[0].contact.as_ref().unwrap().phone, None);
        assert_eq!(case.units[0].name, "Vårdcentralen");
    }

    #[test]
    fn a_unit_without_a_generic_name_is_an_error() {
        let r = redact_with("[[units]]\nid = \"bup\"\nname = \"BUP Karlstad\"\nprincipal = \"region\"\n");
        assert_eq!(r.findings[0].code, "no-generic-name");
    }

    #[test]
    fn free_text_naming_a_place_stops_the_render_without_repeating_it() {
        for (text, needle) in [
            ("Jag bor på Storgatan nu.", "Storgatan"),
            ("Jag har flyttat till Karlstads centrum.", "Karlstads"),
            ("Ring mig på 0701234567.", "0701234567"),
            ("Adressen är Lillvägen 3.", "Lillvägen"),
            ("Post till 123 45 Ort.", "123 45"),
            ("Jag träffar Ola på Väster.", "Väster"),
            ("Mejla ola@kristinehamn.se", "kristinehamn"),
            ("Hamngatan 2, två trappor", "Hamngatan 2"),
            ("Vi bor hos mormor i Kiruna.", "Kiruna"),
        ] {
            let r = redact_with(&plan(text));
            let d = r
                .findings
                .iter()
                .find(|d| d.code == "location-in-text")
                .unwrap_or_else(|| panic!("{text}: {:?}", r.findings));
            assert!(!d.message.contains(needle), "{text}: {}", d.message);
            assert_eq!(d.path.as_deref(), Some("plan.situation"));
        }
    }

    #[test]
    fn hidden_characters_and_mixed_scripts_are_refused() {
        let r = redact_with(&plan("Vi bor i Ki\u{00AD}runa."));
        assert!(r.findings.iter().any(|d| d.code == "hidden-character"));
        assert!(r.findings.iter().any(|d| d.code == "location-in-text"));
        let r = redact_with(&plan("Vi bor i Кiruna."));
        assert!(r.findings.iter().any(|d| d.code == "mixed-script"));
    }

    #[test]
    fn ordinary_text_passes() {
        let text = "Jag vill må bättre. Sara och Ola ses hemma 1 gång i veckan, kl 13.00, från 2026-11-20. \
                    Vårdcentralen ringer. Hemma är det lugnt. Bussen är svår.";
        let r = redact_with(&plan(text));
        assert!(!r.has_errors(), "{:?}", r.findings);
    }

    #[test]
    fn unknown_names_are_a_warning_to_check() {
        let r = redact_with(&plan("Jag och Bäckbyskolan har ett bra samarbete."));
        assert!(!r.has_errors(), "{:?}", r.findings);
        let w = r.findings.iter().find(|d| d.code == "uncertain-place").expect("a warning");
        assert!(w.message.contains("Bäckbyskolan (plan.situation)"), "{}", w.message);
    }

    #[test]
    fn masking_blots_out_every_hit() {
        let text = "Vi bor i Kiruna, ring 070-123 45 67.";
        let s = Scanner::new(["Anna"]);
        let m = masked(text, &s.scan(text));
        assert!(!m.contains("Kiruna") && !m.contains("070"), "{m}");
    }
}
