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
            .filter(|n| n.ends_with(".ttf") || n.ends_with(".otf"))
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
    fn the_embedded_family_has_four_styles() {
        let fonts = Fonts::load(&Resources::embedded());
        assert_eq!(fonts.fonts.len(), 4);
        assert!(fonts.book.contains_family(&FAMILY.to_lowercase()));
    }
}
