//! The embedded fonts, loaded once per process.

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::resources::Resources;

/// The family the templates ask for.
pub const FAMILY: &str = "Noto Sans";

pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

impl Fonts {
    pub fn load(resources: &Resources) -> Self {
        let fonts: Vec<Font> = resources
            .names_under("fonts/")
            .filter(|n| {
                let n = n.to_ascii_lowercase();
                n.ends_with(".ttf") || n.ends_with(".otf")
            })
            .filter_map(|n| resources.get(n))
            .flat_map(|bytes| Font::iter(Bytes::new(bytes.to_vec())))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Self { book, fonts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noto_sans_in_four_styles_arabic_in_two_and_the_symbols() {
        let fonts = Fonts::load(&Resources::embedded());
        assert_eq!(fonts.fonts.len(), 8);
        assert!(fonts.book.contains_family(&FAMILY.to_lowercase()));
        assert!(fonts.book.contains_family("noto sans arabic"));
    }

    /// Every script the forms are written in, the names of the people in
    /// them, and the symbols people type: Latin with the Nordic and Sami
    /// letters (Sámediggi's alphabets), Finnish and Meänkieli, Arabic with
    /// Persian's and Urdu's extra letters, and common symbols.
    #[test]
    fn the_fonts_cover_the_scripts_sipform_prints() {
        let fonts = Fonts::load(&Resources::embedded());
        let covers = |ch: char| fonts.fonts.iter().any(|f| f.info().coverage.contains(ch as u32));
        let wanted = concat!(
            "abcdefghijklmnopqrstuvwxyzåäöæøéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÆØÉÜ0123456789",
            "áčđŋšŧžÁČĐŊŠŦŽâïǥǧǩǯʒÂÏǤǦǨǮƷ",
            "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى٠١٢٣٤٥٦٧٨٩،؛؟پچژگکی",
            "€§°±×÷½–—•…→←↑↓✓✔✗☐☑©®№\"'«»„“”‘’",
        );
        let missing: String = wanted.chars().filter(|c| !covers(*c)).collect();
        assert_eq!(missing, "", "characters no font covers");
    }
}
