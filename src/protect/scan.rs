//! The detectors: what in a text can reveal where a person lives or stays.
//!
//! Each works on any text, whatever field or form it comes from: place names
//! from the gazetteer, streets and post boxes, phone numbers and postcodes,
//! e-mail addresses, domains and links, and the words and numbers of the
//! case's own location fields. Words that may be a place but are not known
//! to be one (a capital in mid-sentence) are returned apart, for a person to
//! judge.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use super::gazetteer::Gazetteer;
use super::numbers::{numbers, NumberKind};
use super::text::{fold, keys, tokens, Token};

/// What a hit is, for the message that reports it (never the text itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HitKind {
    Place,
    Street,
    Phone,
    Postcode,
    Email,
    Web,
    /// A word or number of a location field the protected variant removed.
    Known,
    /// A name written where a place goes ("bor i …", "nära …").
    Placed,
    /// Map coordinates.
    Coordinates,
}

impl HitKind {
    /// The words for it in a message: "names a place".
    pub fn what(self) -> &'static str {
        match self {
            HitKind::Place => "a place name",
            HitKind::Street => "a street address or post box",
            HitKind::Phone => "a phone number",
            HitKind::Postcode => "a postcode",
            HitKind::Email => "an e-mail address",
            HitKind::Web => "a web address or domain",
            HitKind::Known => "a word or number from a location field that is removed",
            HitKind::Placed => {
                "a name written where a place goes (after \"bor i\", \"nära\", \"inlagd på\" or the like)"
            }
            HitKind::Coordinates => "map coordinates",
        }
    }

    /// The same in Swedish: "ett ortnamn".
    pub fn what_sv(self) -> &'static str {
        match self {
            HitKind::Place => "ett ortnamn",
            HitKind::Street => "en gatuadress eller boxadress",
            HitKind::Phone => "ett telefonnummer",
            HitKind::Postcode => "ett postnummer",
            HitKind::Email => "en e-postadress",
            HitKind::Web => "en webbadress eller domän",
            HitKind::Known => "ett ord eller nummer ur en platsuppgift som tas bort",
            HitKind::Placed => {
                "ett namn där det brukar stå en plats (efter \"bor i\", \"nära\", \"inlagd på\" eller liknande)"
            }
            HitKind::Coordinates => "kartkoordinater",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: HitKind,
    /// Where, in bytes of the text scanned.
    pub span: Range<usize>,
}

/// The scanner for one case: the shipped gazetteer and word lists, and what
/// the case itself tells (its people, its removed location values).
#[derive(Debug, Default, Clone)]
pub struct Scanner {
    /// Folded words of the names of the people in the case: a place name
    /// that is also one of them is a place only where it is placed as one.
    people: HashSet<String>,
    /// Folded words of removed location values, matched in any case.
    known_words: HashSet<String>,
    /// Words that begin a removed value with a capital, as any first word
    /// does ("Buss och affärer …", "Tallängsskolan"): matched only where
    /// they are written as a name, so the common noun "buss" stays free.
    known_names: HashSet<String>,
    /// The same, long enough to be found across spaces and line breaks.
    known_long: Vec<String>,
    /// Digits of removed phone numbers and other long numbers.
    known_digits: Vec<String>,
    /// Digits of removed postcodes and other short numbers.
    known_short: HashSet<String>,
    /// Digits of the numbers the case marks as safe to print (a switchboard).
    safe_digits: HashSet<String>,
}

/// Words that never name a place, folded (vocabulary.txt).
fn vocabulary() -> &'static HashSet<String> {
    static V: OnceLock<HashSet<String>> = OnceLock::new();
    V.get_or_init(|| {
        include_str!("vocabulary.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .flat_map(keys)
            .collect()
    })
}

fn folded_set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| fold(w)).collect()
}

/// Small words and address words that name nothing by themselves.
fn stop_words() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        folded_set(&[
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
            "lgh",
            "lägenhet",
            "box",
            "c",
            "o",
            "co",
            "tr",
            "trappor",
            "trappa",
            "vån",
            "våning",
            "plan",
            "rum",
            "ingång",
            "port",
            "portkod",
            "kod",
            "hus",
            "huset",
            "uppgång",
            "rummet",
            "lokal",
            "lokalen",
            "lokaler",
            "lokalerna",
            "möte",
            "mötet",
            "länk",
            "se",
            "nu",
            "com",
            "org",
            "net",
            "www",
            "http",
            "https",
            "mail",
            "mejl",
            "e",
            "post",
            "the",
            "at",
            "dot",
            "punkt",
            "snabel",
            "a",
            "hemadress",
            "adress",
            "gata",
            "väg",
            "nr",
            "tel",
            "mobil",
            "mottagning",
            "besök",
            "besöksadress",
        ])
    })
}

/// Endings of Swedish street names, folded.
fn street_endings() -> &'static Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        [
            "gatan",
            "gata",
            "vägen",
            "väg",
            "gränd",
            "gränden",
            "torget",
            "torg",
            "stigen",
            "allén",
            "allé",
            "backen",
            "leden",
            "platsen",
            "promenaden",
            "kajen",
            "esplanaden",
            "gången",
            "slingan",
            "liden",
            "höjden",
            "stråket",
            "boulevarden",
            "parken",
            "plan",
            "strand",
            "stranden",
            "udden",
            "kroken",
            "svängen",
            "ringen",
            "tået",
        ]
        .iter()
        .map(|w| fold(w))
        .collect()
    })
}

/// Words that make the next word a place: "i Mora", "från Lund".
fn strong_prepositions() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        folded_set(&[
            "i", "från", "ifrån", "utanför", "nära", "inom", "bortom", "genom", "förbi", "norr", "söder", "öster",
            "väster", "centrala", "in",
        ])
    })
}

/// Words that make the next word a place when a verb of living or moving
/// comes before them: "bor på", "flyttat till".
fn weak_prepositions() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| folded_set(&["på", "till", "vid", "mot", "via", "kring", "runt", "ur", "åt", "om"]))
}

/// Verbs and nouns of living, staying and moving.
fn residence_words() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        folded_set(&[
            "inlagd",
            "inlagda",
            "inskriven",
            "vårdas",
            "vårdad",
            "föda",
            "föder",
            "går",
            "gick",
            "läser",
            "läste",
            "studerar",
            "pluggar",
            "jobbar",
            "arbetar",
            "praktiserar",
            "stugan",
            "huset",
            "byn",
            "gården",
            "bor",
            "bo",
            "bodde",
            "bott",
            "boende",
            "flytta",
            "flyttar",
            "flyttat",
            "flyttade",
            "flyttas",
            "vistas",
            "vistades",
            "vistats",
            "uppehåller",
            "stannar",
            "stannat",
            "bosatt",
            "bosatta",
            "folkbokförd",
            "skriven",
            "adress",
            "adressen",
            "hemadress",
            "gatuadress",
            "postadress",
            "bostad",
            "bostaden",
            "lägenhet",
            "lägenheten",
            "åker",
            "åka",
            "åkte",
            "åkt",
            "reser",
            "resa",
            "rest",
            "reste",
            "kör",
            "körde",
            "kört",
            "hämtas",
            "lämnas",
            "ligger",
            "ligga",
            "låg",
            "gömmer",
            "gömd",
            "skyddat",
            "jourboende",
            "kvinnojour",
            "kvinnojouren",
            "skyddade",
            "hemma",
            "uppvuxen",
            "född",
            "kommer",
            "kom",
        ])
    })
}

/// Top-level domains, folded.
fn tlds() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        folded_set(&[
            "se", "com", "nu", "org", "net", "eu", "io", "info", "biz", "me", "app", "dk", "no", "fi", "de", "uk",
            "co", "tv", "online", "site", "xyz", "gov", "edu", "int", "is", "ax",
        ])
    })
}

/// National agencies' and helplines' domains: they say nothing of where
/// anyone lives.
const NATIONAL_DOMAINS: &[&str] = &[
    "1177.se",
    "forsakringskassan.se",
    "arbetsformedlingen.se",
    "skatteverket.se",
    "migrationsverket.se",
    "socialstyrelsen.se",
    "polisen.se",
    "kronofogden.se",
    "csn.se",
    "pensionsmyndigheten.se",
    "bris.se",
    "kvinnofridslinjen.se",
    "umo.se",
    "youmo.se",
    "ivo.se",
    "jo.se",
    "krisinformation.se",
    "folkhalsomyndigheten.se",
    "mfof.se",
    "spsm.se",
    "kriminalvarden.se",
    "stat-inst.se",
    "sverige.se",
    "riksdagen.se",
    "regeringen.se",
];

impl Scanner {
    /// A scanner that knows the names of the case's people; `people` are
    /// the printed names (person, relatives, staff …).
    pub fn new<'a>(people: impl IntoIterator<Item = &'a str>) -> Self {
        let mut s = Scanner::default();
        for name in people {
            for t in tokens(name) {
                // A name that is also a town excuses only what is not placed
                // as a town: "Dorotea ringer" passes, "bor i Dorotea" does not.
                if !t.number && t.key.chars().count() >= 2 {
                    s.people.insert(t.key);
                }
            }
        }
        s
    }

    /// Lets a number through that the case marks as safe to print (the
    /// coordinator's `safe_phone`): the one phone a protected form may show.
    pub fn allow(&mut self, value: &str) {
        self.safe_digits.extend(numbers(value).into_iter().map(|n| n.digits));
    }

    /// Learns a removed location value: its telling words and its numbers.
    pub fn learn(&mut self, value: &str) {
        self.learn_except(value, "");
    }

    /// Learns a removed value, except the words of what is printed in its
    /// place (a unit's generic name).
    pub fn learn_except(&mut self, value: &str, printed: &str) {
        let toks = tokens(value);
        let g = Gazetteer::shipped();
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        let printed: HashSet<String> = super::text::keys(printed).into_iter().collect();
        for (i, t) in toks.iter().enumerate() {
            if t.number {
                continue;
            }
            let letters = t.key.chars().filter(|c| c.is_alphabetic()).count();
            if letters < 2
                || stop_words().contains(&t.key)
                || vocabulary().contains(&t.key)
                || self.people.contains(&t.key)
                || printed.contains(&t.key)
            {
                continue;
            }
            let place = !g.at(&keys[i..]).is_empty();
            let strong = place || is_street(&t.key) || t.all_caps || (t.capitalised && !t.sentence_start);
            if strong {
                self.known_words.insert(t.key.clone());
                if t.key.chars().count() >= 6 {
                    self.known_long.push(t.key.clone());
                }
            } else if t.capitalised && letters >= 4 {
                self.known_names.insert(t.key.clone());
            }
        }
        for n in numbers(value) {
            match n.digits.len() {
                6.. => self.known_digits.push(n.digits),
                3..=5 => {
                    self.known_short.insert(n.digits);
                }
                _ => {}
            }
        }
        // The digits of a phone number written as one run.
        let all: String = value.nfkc().filter(char::is_ascii_digit).collect();
        if all.len() >= 7 {
            self.known_digits.push(all);
        }
        self.known_long.sort();
        self.known_long.dedup();
    }

    /// Everything in `text` that can reveal a place. `name` marks a field
    /// that holds a person's name.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.scan_as(text, false)
    }

    /// Scans a field that holds a person's name: there a place name is a
    /// place only where it is placed as one ("Anna, Kiruna", "mormor i
    /// Kiruna"), since names such as Vilhelmina, Lund or Berg are also towns.
    pub fn scan_name(&self, text: &str) -> Vec<Hit> {
        self.scan_as(text, true)
    }

    fn scan_as(&self, text: &str, name: bool) -> Vec<Hit> {
        let toks = tokens(text);
        let mut hits = Vec::new();
        self.places(&toks, name, &mut hits);
        self.spaced(&toks, &mut hits);
        coordinates(text, &toks, &mut hits);
        self.streets(&toks, &mut hits);
        self.known(text, &toks, &mut hits);
        self.numbers(text, &mut hits);
        web(text, &toks, &mut hits);
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        // Keep the outermost of overlapping hits.
        let mut out: Vec<Hit> = Vec::new();
        for h in hits {
            match out.last_mut() {
                Some(last) if h.span.start < last.span.end => last.span.end = last.span.end.max(h.span.end),
                _ => out.push(h),
            }
        }
        out
    }

    /// Words written as names (a capital in mid-sentence, or all capitals)
    /// that are neither found nor known: perhaps places, for a person to judge.
    pub fn uncertain(&self, text: &str, hits: &[Hit]) -> Vec<Range<usize>> {
        tokens(text)
            .into_iter()
            .filter(|t| !t.number && (t.capitalised && !t.sentence_start || t.all_caps))
            .filter(|t| t.key.chars().count() >= 2)
            .filter(|t| {
                let stem = t.key.strip_suffix('s').unwrap_or(&t.key);
                !self.people.contains(&t.key) && !self.people.contains(stem) && !vocabulary().contains(&t.key)
            })
            .filter(|t| !hits.iter().any(|h| h.span.start < t.span.end && t.span.start < h.span.end))
            .map(|t| t.span)
            .collect()
    }

    fn places(&self, toks: &[Token], name: bool, hits: &mut Vec<Hit>) {
        let g = Gazetteer::shipped();
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        for (i, t) in toks.iter().enumerate() {
            if t.number {
                continue;
            }
            // In a name, a comma, a slash or a bracket before a word sets it
            // apart as a place: "Anna Berg, Kiruna", "Anna (Kiruna)".
            let set_apart = name && i > 0 && t.before.contains([',', '(', '/', ':', ';']);
            let strong = strong_context(toks, i) || set_apart;
            let weak = strong || weak_context(toks, i);
            let person =
                self.people.contains(&t.key) || keys[i].strip_suffix('s').is_some_and(|s| self.people.contains(s));
            let written_as_name = (t.capitalised && !t.sentence_start) || (t.all_caps && t.key.chars().count() >= 3);
            for (place, n) in g.at(&keys[i..]) {
                let end = toks[i + n - 1].span.end;
                let plain = !place.word && !place.name_too;
                let hit = if name {
                    strong
                } else if person {
                    // A name of someone in the case that is also a town:
                    // a town wherever it is placed as one.
                    strong || (plain && weak)
                } else if place.name_too {
                    strong || (weak && t.capitalised)
                } else if place.word {
                    // Also an ordinary word ("i hallen", "ta till vara"):
                    // a place only when written as a name.
                    written_as_name || (strong && t.capitalised)
                } else {
                    true
                };
                if hit {
                    hits.push(Hit { kind: HitKind::Place, span: t.span.start..end });
                }
            }
            // A name placed as a place: "bor i Rosengård", "nära Vättern",
            // "inlagd på Sahlgrenska". Known or not, it is refused; words
            // that are never places (agencies, the case's people) pass.
            let placed = strong || (weak && residence_context(toks, i));
            if placed && (t.capitalised || t.all_caps) && !person && !name && !vocabulary().contains(&t.key) {
                hits.push(Hit { kind: HitKind::Placed, span: t.span.clone() });
            }
            // A place inside a word: "Göteborgsområdet", "gävlebo", "stockholmare".
            if compound_place(g, &t.key) {
                hits.push(Hit { kind: HitKind::Place, span: t.span.clone() });
            }
            // Old and foreign spellings of a name written as one.
            if (written_as_name || (strong && t.capitalised))
                && !person
                && !name
                && !vocabulary().contains(&t.key)
                && t.key.chars().count() >= 4
                && g.by_sound(&t.key).any(|p| !p.word && !p.name_too)
            {
                hits.push(Hit { kind: HitKind::Place, span: t.span.clone() });
            }
        }
    }

    /// Letters spaced or hyphenated apart: "K i r u n a", "Ki-ru-na".
    fn spaced(&self, toks: &[Token], hits: &mut Vec<Hit>) {
        let g = Gazetteer::shipped();
        let mut i = 0;
        while i < toks.len() {
            let short = |t: &Token| !t.number && t.key.chars().count() <= 2;
            let mut j = i;
            while j < toks.len() && short(&toks[j]) && (j == i || toks[j].before.chars().all(|c| c == ' ' || c == '-'))
            {
                j += 1;
            }
            if j - i >= 3 {
                // Any stretch of the run that is a place.
                for a in i..j {
                    for b in a + 2..=j {
                        let word: String = toks[a..b].iter().map(|t| t.key.as_str()).collect();
                        if word.chars().count() >= 4 && g.at(&[word.as_str()]).iter().any(|(p, n)| *n == 1 && !p.word) {
                            hits.push(Hit { kind: HitKind::Place, span: toks[a].span.start..toks[b - 1].span.end });
                        }
                    }
                }
                i = j;
            } else {
                i += 1;
            }
        }
    }

    fn streets(&self, toks: &[Token], hits: &mut Vec<Hit>) {
        for (i, t) in toks.iter().enumerate() {
            if t.number {
                continue;
            }
            let next = toks.get(i + 1);
            let house_number = next.is_some_and(|n| n.number && n.key.len() <= 4 && n.before.trim().is_empty());
            let prev = i.checked_sub(1).map(|p| toks[p].key.as_str());
            // "Box 1024", "c/o Andersson", "lgh 1101".
            if (t.key == fold("box") || t.key == fold("lgh")) && house_number {
                hits.push(Hit { kind: HitKind::Street, span: t.span.start..next.expect("a number").span.end });
                continue;
            }
            if t.key == fold("o") && prev == Some("c") && toks[i].before == "/" {
                let end = next.map_or(t.span.end, |n| n.span.end);
                hits.push(Hit { kind: HitKind::Street, span: toks[i - 1].span.start..end });
                continue;
            }
            // "kvarngatan12", "Storgatan12B": the number glued on.
            if let Some(digit) = t.key.find(|c: char| c.is_ascii_digit()) {
                if is_street(&t.key[..digit]) {
                    hits.push(Hit { kind: HitKind::Street, span: t.span.clone() });
                    continue;
                }
            }
            // "Norra Esplanaden 5": a street ending that is the whole name.
            if house_number
                && t.capitalised
                && !t.sentence_start
                && street_endings().contains(&t.key)
                && t.key.chars().count() >= 5
            {
                hits.push(Hit { kind: HitKind::Street, span: t.span.start..next.expect("a number").span.end });
                continue;
            }
            if is_street(&t.key) {
                let residence = residence_context(toks, i);
                let named = (t.capitalised && !t.sentence_start) || t.all_caps;
                if house_number || residence || named {
                    let end = if house_number { next.expect("a number").span.end } else { t.span.end };
                    hits.push(Hit { kind: HitKind::Street, span: t.span.start..end });
                }
                continue;
            }
            // "Storg. 5", "Kvarnv. 12": an abbreviated street and its number.
            let dotted = next.is_some_and(|n| n.before.trim_start().starts_with('.'));
            let after_dot = next.is_some_and(|n| n.number && n.before.trim() == ".");
            if t.capitalised
                && dotted
                && after_dot
                && t.key.chars().count() >= 4
                && (t.key.ends_with('g') || t.key.ends_with('v'))
            {
                hits.push(Hit { kind: HitKind::Street, span: t.span.start..next.expect("a number").span.end });
            }
        }
    }

    fn known(&self, text: &str, toks: &[Token], hits: &mut Vec<Hit>) {
        if self.known_words.is_empty() && self.known_names.is_empty() {
            return;
        }
        for (i, t) in toks.iter().enumerate() {
            let key = t.key.as_str();
            let stem = key.strip_suffix('s').unwrap_or(key);
            let as_name = (t.capitalised && !t.sentence_start) || t.all_caps;
            if self.known_words.contains(key)
                || self.known_words.contains(stem)
                || as_name && (self.known_names.contains(key) || self.known_names.contains(stem))
            {
                hits.push(Hit { kind: HitKind::Known, span: t.span.clone() });
                continue;
            }
            // "Kvarng." for "Kvarngatan".
            let abbreviated =
                toks.get(i + 1).map_or(text[t.span.end..].starts_with('.'), |n| n.before.starts_with('.'));
            if abbreviated
                && key.chars().count() >= 4
                && self.known_words.iter().any(|w| w.len() > key.len() && w.starts_with(key))
            {
                hits.push(Hit { kind: HitKind::Known, span: t.span.clone() });
            }
        }
        // A long word split by spaces, hyphens or a line break: "Kvarn-\ngatan".
        let mut compact = String::new();
        let mut owner: Vec<usize> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            for c in t.key.chars() {
                compact.push(c);
                owner.extend(std::iter::repeat_n(i, c.len_utf8()));
            }
        }
        for word in &self.known_long {
            for (at, _) in compact.match_indices(word.as_str()) {
                let (first, last) = (owner[at], owner[at + word.len() - 1]);
                if first != last {
                    hits.push(Hit { kind: HitKind::Known, span: toks[first].span.start..toks[last].span.end });
                }
            }
        }
    }

    fn numbers(&self, text: &str, hits: &mut Vec<Hit>) {
        for n in numbers(text).into_iter().filter(|n| !self.safe_digits.contains(&n.digits)) {
            let kind = match n.kind {
                NumberKind::Phone => Some(HitKind::Phone),
                NumberKind::Postcode => Some(HitKind::Postcode),
                NumberKind::Other => None,
            };
            let known = self
                .known_digits
                .iter()
                .any(|d| n.digits.contains(d.as_str()) || (n.digits.len() >= 6 && d.contains(&n.digits)))
                || self.known_short.contains(&n.digits);
            match (kind, known) {
                (Some(kind), _) => hits.push(Hit { kind, span: n.span }),
                (None, true) => hits.push(Hit { kind: HitKind::Known, span: n.span }),
                (None, false) => {}
            }
        }
    }
}

/// Endings that make a word about a place out of a place name: the area
/// ("Göteborgsområdet"), its people ("gävlebo", "stockholmare").
const COMPOUND_ENDINGS: &[&str] = &[
    "området", "område", "trakten", "trakt", "regionen", "bo", "bon", "borna", "bor", "are", "aren", "arna", "arnas",
    "kommun", "kommuns", "länet", "stad", "staden", "centrum", "ort", "orten", "iten", "iter", "ingar", "ing",
    "ingarna", "isk", "iska", "kusten", "bygden",
];

/// A word that starts with a place name (five letters or more, not also an
/// ordinary word or name) and ends as a word about that place.
fn compound_place(g: &Gazetteer, key: &str) -> bool {
    for (at, _) in key.char_indices().skip(5) {
        let (head, tail) = key.split_at(at);
        let tail = tail.strip_prefix('s').filter(|t| !t.is_empty()).unwrap_or(tail);
        if COMPOUND_ENDINGS.contains(&tail) && g.at(&[head]).iter().any(|(p, n)| *n == 1 && !p.word && !p.name_too) {
            return true;
        }
    }
    false
}

/// Map coordinates: a degree sign, or two decimal numbers with four
/// decimals or more ("67.8558, 20.2253").
fn coordinates(text: &str, toks: &[Token], hits: &mut Vec<Hit>) {
    if let Some(at) = text.find(['°', '′', '″']) {
        let start = toks.iter().rev().find(|t| t.span.end <= at).map_or(at, |t| t.span.start);
        hits.push(Hit { kind: HitKind::Coordinates, span: start..at + '°'.len_utf8() });
    }
    for w in toks.windows(2) {
        if w[0].number && w[1].number && w[1].before == "." && w[1].key.len() >= 4 && w[0].key.len() <= 3 {
            hits.push(Hit { kind: HitKind::Coordinates, span: w[0].span.start..w[1].span.end });
        }
    }
}

/// A street name: a street ending after at least three letters.
fn is_street(key: &str) -> bool {
    street_endings().iter().any(|end| key.len() >= end.len() + 3 && key.ends_with(end.as_str()))
}

fn strong_context(toks: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &toks[p]) else { return false };
    // A preposition that ends the sentence before says nothing of this word.
    if toks[i].before.contains(['.', '!', '?', '\n']) {
        return false;
    }
    let p = prev.key.as_str();
    if strong_prepositions().contains(p) || residence_words().contains(p) && p != fold("kommer") && p != fold("kom") {
        // "in" alone is too common: only "in till", "in i", "flytta in".
        return p != "in";
    }
    if weak_prepositions().contains(p) {
        return residence_context(toks, i);
    }
    // "norr om Kiruna"
    if p == "om" {
        return i >= 2 && strong_prepositions().contains(&toks[i - 2].key);
    }
    false
}

fn weak_context(toks: &[Token], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|p| weak_prepositions().contains(&toks[p].key))
}

/// A verb or noun of living or moving in the two or three words before.
fn residence_context(toks: &[Token], i: usize) -> bool {
    (i.saturating_sub(3)..i).any(|k| residence_words().contains(&toks[k].key))
}

/// E-mail addresses, links and domains, in any spelling.
fn web(text: &str, toks: &[Token], hits: &mut Vec<Hit>) {
    // Any at sign, as NFKC reads it (full-width and small forms too).
    let mut at_signs = Vec::new();
    for (i, c) in text.char_indices() {
        if c.to_string().nfkc().any(|n| n == '@') {
            at_signs.push(i);
        }
    }
    for at in at_signs {
        let start = toks.iter().rev().find(|t| t.span.end <= at).map_or(at, |t| t.span.start);
        let end = toks.iter().find(|t| t.span.start > at).map_or(at + 1, |t| t.span.end);
        hits.push(Hit { kind: HitKind::Email, span: start.min(at)..end.max(at + 1) });
    }
    let tld = tlds();
    for (i, t) in toks.iter().enumerate() {
        let next = toks.get(i + 1);
        // "(at)", "[at]", "snabel-a", "snabela".
        let bracketed = t.key == "at" && t.before.trim_end().ends_with(['(', '[', '{', '<']);
        // "(a)" between a name and a domain: "anna(a)gmail.com". Alone, as
        // in an enumeration "(a) och (b)", it is no at sign.
        let domain_follows = toks.get(i + 2).is_some_and(|d| d.before.trim() == "." && tld.contains(&d.key));
        let bracketed_a = t.key == "a"
            && t.before.trim().ends_with(['(', '['])
            && next.is_some_and(|n| n.before.trim().starts_with([')', ']']))
            && domain_follows;
        let bracketed = bracketed || bracketed_a;
        let snabel = t.key == fold("snabel") && next.is_some_and(|n| n.key == "a") || t.key == fold("snabela");
        if bracketed || snabel {
            let start = i.checked_sub(1).map_or(t.span.start, |p| toks[p].span.start);
            let end = toks.get(i + 2).map_or(t.span.end, |n| n.span.end);
            hits.push(Hit { kind: HitKind::Email, span: start..end });
            continue;
        }
        // A scheme or "www".
        if matches!(t.key.as_str(), "http" | "https" | "ftp") && next.is_some_and(|n| n.before.starts_with(':')) {
            hits.push(Hit { kind: HitKind::Web, span: t.span.start..next.expect("a token").span.end });
            continue;
        }
        // label.tld, or "label dot tld" / "label punkt tld".
        let Some(n) = next else { continue };
        let dotted = n.before.nfkc().collect::<String>() == "." && tld.contains(&n.key) && !t.number
            || t.key == "www" && n.before == ".";
        let spelled = (n.key == "dot" || n.key == fold("punkt"))
            && n.before.trim().is_empty()
            && toks.get(i + 2).is_some_and(|m| tld.contains(&m.key) && m.before.trim().is_empty());
        let dotted = dotted && !text[n.span.end..].starts_with(|c: char| c.is_alphanumeric());
        if dotted || spelled {
            // Back over the labels: "mail.kiruna.se".
            let mut first = i;
            while first > 0 && (toks[first].before.nfkc().collect::<String>() == "." || toks[first].before == "-") {
                first -= 1;
            }
            let last = if spelled { i + 2 } else { i + 1 };
            let labels: Vec<String> = toks[first..=last]
                .iter()
                .filter(|t| t.key != "dot" && t.key != fold("punkt"))
                .map(|t| text[t.span.clone()].to_lowercase())
                .collect();
            let domain = labels.join(".");
            let national = NATIONAL_DOMAINS.iter().any(|d| domain == *d || domain.ends_with(&format!(".{d}")));
            if !national {
                hits.push(Hit { kind: HitKind::Web, span: toks[first].span.start..toks[last].span.end });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(scanner: &Scanner, text: &str) -> Vec<(HitKind, String)> {
        scanner.scan(text).into_iter().map(|h| (h.kind, text[h.span].to_owned())).collect()
    }

    #[test]
    fn places_in_any_spelling() {
        let s = Scanner::new(["Anna Lund", "Nora Ek"]);
        for text in [
            "vi bor hos mormor i Kiruna",
            "hon har flyttat till gävle",
            "GÄVLE",
            "Kirunas skolor",
            "Vi åker till Åre",
            "Ki\u{00AD}runa",
            "Кiruna",
            "Han bor i Upsala nu",
            "hälsningar från Gefle",
            "i Lilla Edet",
            "Vi bor i Lund",
            "Vi bor i Nora",
        ] {
            let found = kinds(&s, text);
            assert!(found.iter().any(|(k, _)| matches!(k, HitKind::Place | HitKind::Placed)), "{text}: {found:?}");
        }
    }

    #[test]
    fn ordinary_words_and_names_are_not_places() {
        let s = Scanner::new(["Anna Lund", "Nora Ek"]);
        for text in [
            "Jag vill vara hemma mer.",
            "Han satt på marken.",
            "Anna Lund ringer mig.",
            "Nora kommer på mötet.",
            "Vara med på mötet är viktigt.",
            "Vi tar till vara på det som fungerar.",
            "Jag pratar med Nora varje vecka.",
            "på vägen hem",
            "skolvägen är lång",
            "Försäkringskassan och Arbetsförmedlingen",
        ] {
            assert_eq!(kinds(&s, text), [], "{text}");
        }
    }

    #[test]
    fn streets_need_a_number_or_a_context() {
        let s = Scanner::new(["Anna"]);
        for text in [
            "Kvarngatan 12",
            "KVARNGATAN 12 LGH 1101",
            "jag bor på kvarngatan",
            "Vi ses på Storgatan",
            "Storg. 5",
            "Box 1024",
            "c/o Andersson",
        ] {
            let found = kinds(&s, text);
            assert!(found.iter().any(|(k, _)| matches!(k, HitKind::Street | HitKind::Placed)), "{text}: {found:?}");
        }
        for text in ["på vägen hem", "Gatan utanför är mörk.", "skolvägen", "Ring 5 gånger"] {
            assert_eq!(kinds(&s, text), [], "{text}");
        }
    }

    #[test]
    fn mail_and_web_in_any_spelling() {
        let s = Scanner::new(["Anna"]);
        for text in [
            "anna@example.se",
            "anna (at) example.se",
            "anna(a)example.se",
            "anna [a] example.se",
            "anna [at] example dot se",
            "anna snabel-a example punkt se",
            "anna @ example . se",
            "anna＠example.se",
            "www.example.se",
            "https://example.se/x",
            "example.se",
            "teams.microsoft.com/l/meetup-join/abc",
        ] {
            assert!(!kinds(&s, text).is_empty(), "{text}");
        }
        for text in [
            "Läs mer på 1177.se eller forsakringskassan.se.",
            "Jag träffar Sara. Se till att hon kommer.",
            "Punkterna (a) och (b) gäller.",
        ] {
            assert_eq!(kinds(&s, text), [], "{text}");
        }
        // The name before "(a)" is part of the address, so it is masked too.
        let hits = s.scan("Skriv till xljq(a)gmail.com nu.");
        assert!(hits.iter().any(|h| h.kind == HitKind::Email && h.span.start == "Skriv till ".len()), "{hits:?}");
    }

    #[test]
    fn known_values_match_in_any_form() {
        let mut s = Scanner::new(["Sara Berg"]);
        s.learn("Kvarngatan 12, 981 31 Jukkasjärvi");
        s.learn("070-123 45 67");
        s.learn("Digitalt");
        s.learn("Biblioteket");
        s.learn("Buss och affärer");
        s.learn("Tallängsskolan");
        for text in [
            "KVARNGATAN",
            "Kvarng. 12",
            "Kvarn-\ngatan",
            "jukkasjärvi",
            "0701234567",
            "98131",
            "Han går på Tallängsskolan.",
        ] {
            assert!(!kinds(&s, text).is_empty(), "{text}");
        }
        for text in ["Vi ses digitalt.", "Jag lånar böcker på biblioteket.", "Sara Berg kommer.", "Jag åker buss."]
        {
            assert_eq!(kinds(&s, text), [], "{text}");
        }
    }

    #[test]
    fn uncertain_words_are_listed() {
        let s = Scanner::new(["Anna"]);
        let text = "Anna träffar Försäkringskassan och Bäckbyskolan i dag.";
        let found: Vec<&str> = s.uncertain(text, &s.scan(text)).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["Bäckbyskolan"]);
    }
}
