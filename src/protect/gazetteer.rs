//! Swedish place names: municipalities, counties, provinces, localities,
//! postal towns and city districts, from `gazetteer/places.tsv` (GeoNames
//! data, CC BY 4.0; see `gazetteer/README.md` and `scripts/gazetteer`).
//!
//! Names are looked up by their folded tokens (src/protect/text.rs), so
//! case, look-alike letters and invisible characters do not matter; a
//! second index by sound key finds old and foreign spellings of names
//! written as names.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::text::{keys, sound_key};

/// The shipped gazetteer.
const PLACES: &str = include_str!("../../gazetteer/places.tsv");

/// One place name.
#[derive(Debug, Clone)]
pub struct Place {
    /// As written in the gazetteer.
    pub name: String,
    /// Its folded tokens.
    pub keys: Vec<String>,
    /// Also an ordinary Swedish word ("Vara", "Mark", "Boden"): a place only
    /// where it is written or placed as one.
    pub word: bool,
    /// Also a common given name or surname ("Nora", "Lund").
    pub name_too: bool,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// First folded token → places starting with it.
    by_key: HashMap<String, Vec<usize>>,
    /// Sound key of a one-word name → places.
    by_sound: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    /// The gazetteer shipped in the binary, parsed once.
    pub fn shipped() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(PLACES))
    }

    /// Reads `name<TAB>kinds<TAB>flags` lines; `#` starts a comment.
    pub fn parse(text: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            let _kinds = cols.next();
            let flags = cols.next().unwrap_or("");
            let keys = keys(name);
            if keys.is_empty() || name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                continue;
            }
            let has = |f: &str| flags.split(',').any(|x| x.trim() == f);
            let place =
                Place { name: name.to_owned(), keys, word: has("word"), name_too: has("firstname") || has("surname") };
            g.add(place);
        }
        g
    }

    fn add(&mut self, place: Place) {
        let i = self.places.len();
        self.by_key.entry(place.keys[0].clone()).or_default().push(i);
        if place.keys.len() == 1 {
            self.by_sound.entry(sound_key(&place.keys[0])).or_default().push(i);
        }
        self.places.push(place);
    }

    /// Places whose tokens start at `keys[0]`; the number of tokens each
    /// covers. A last token may carry a genitive -s ("Kirunas").
    pub fn at<'a>(&'a self, keys: &[&str]) -> Vec<(&'a Place, usize)> {
        let mut out = Vec::new();
        let Some(first) = keys.first() else { return out };
        let mut candidates: Vec<usize> = self.by_key.get(*first).cloned().unwrap_or_default();
        if let Some(stem) = genitive_stem(first) {
            candidates.extend(self.by_key.get(stem).into_iter().flatten().filter(|i| self.places[**i].keys.len() == 1));
        }
        for i in candidates {
            let p = &self.places[i];
            if p.keys.len() > keys.len() {
                continue;
            }
            let matches = p.keys.iter().zip(keys).enumerate().all(|(k, (want, got))| {
                want == got || (k + 1 == p.keys.len() && genitive_stem(got) == Some(want.as_str()))
            });
            if matches && !out.iter().any(|(q, _): &(&Place, usize)| std::ptr::eq(*q, p)) {
                out.push((p, p.keys.len()));
            }
        }
        out
    }

    /// One-word places with this sound key.
    pub fn by_sound(&self, key: &str) -> impl Iterator<Item = &Place> {
        let sound = sound_key(genitive_stem(key).unwrap_or(key));
        let whole = sound_key(key);
        self.by_sound.get(&whole).into_iter().chain(self.by_sound.get(&sound)).flatten().map(|i| &self.places[*i])
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }
}

/// "Kirunas" → "kiruna": the stem of a genitive, when long enough to mean it.
fn genitive_stem(key: &str) -> Option<&str> {
    key.strip_suffix('s').filter(|s| s.chars().count() >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protect::text::fold;

    const SAMPLE: &str = "# test\nKiruna\tmunicipality\t\nLilla Edet\tmunicipality\t\nVara\tmunicipality\tword\nLund\tmunicipality\tword,surname\n";

    fn find(g: &Gazetteer, text: &str) -> Vec<String> {
        let keys = crate::protect::text::keys(text);
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        g.at(&refs).into_iter().map(|(p, _)| p.name.clone()).collect()
    }

    #[test]
    fn finds_names_in_any_spelling_and_genitive() {
        let g = Gazetteer::parse(SAMPLE);
        assert_eq!(find(&g, "KIRUNA"), ["Kiruna"]);
        assert_eq!(find(&g, "Kirunas"), ["Kiruna"]);
        assert_eq!(find(&g, "lilla edet i dag"), ["Lilla Edet"]);
        assert!(find(&g, "lilla huset").is_empty());
        assert!(g.at(&[fold("vara").as_str()])[0].0.word);
        assert!(g.at(&[fold("lund").as_str()])[0].0.name_too);
        assert_eq!(g.by_sound(&fold("Kirvna")).count(), 0);
    }

    #[test]
    fn the_shipped_gazetteer_has_every_municipality() {
        let g = Gazetteer::shipped();
        assert!(g.len() > 800, "{}", g.len());
        for name in ["Kiruna", "Gävle", "Åre", "Ed", "Lilla Edet", "Upplands Väsby", "Malung-Sälen", "Stockholm"] {
            let keys = crate::protect::text::keys(name);
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            assert!(!g.at(&refs).is_empty(), "{name}");
        }
    }
}
