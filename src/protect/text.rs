//! Text as the detectors see it: folded so that no spelling trick hides a
//! word, and cut into tokens that remember where they were written.
//!
//! Folding is Unicode NFKC (full-width and superscript forms become plain
//! ones), lower case, and the confusable skeleton of Unicode TR 39 (a
//! Cyrillic "а" is a Latin "a"), with invisible format characters dropped
//! (soft hyphens, zero-width spaces, word joiners, direction marks). The
//! same folding is applied to everything compared, the gazetteer included,
//! so a word matches however it was typed.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One word or number of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded form, for matching; for a number, its digits.
    pub key: String,
    /// Where it was written, in bytes of the original text.
    pub span: Range<usize>,
    /// Written with a capital first letter.
    pub capitalised: bool,
    /// Written in capitals only (two letters or more), as registers deliver addresses.
    pub all_caps: bool,
    /// The first word of the text or of a sentence, where a capital says nothing.
    pub sentence_start: bool,
    /// Only digits.
    pub number: bool,
    /// What stands between the previous token and this one, as written.
    pub before: String,
}

/// Folds a text for matching: NFKC, lower case, confusable skeleton; format
/// characters dropped; combining marks kept (so "Gävle" is not "Gavle").
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn fold_char(c: char, out: &mut String) {
    if is_invisible(c) {
        return;
    }
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for n in c.to_string().nfkc() {
        if n.is_ascii() {
            out.push(n.to_ascii_lowercase());
            continue;
        }
        // The skeleton maps capitals and small letters apart (a Cyrillic "К"
        // is a "K"; its "к" is a "ĸ"): map, lower, and map what is still
        // not ASCII once more. ASCII letters are left alone, since the
        // skeleton would make "I" an "l" and "m" an "rn".
        for m in unicode_security::skeleton(&n.to_string()).flat_map(char::to_lowercase) {
            if m.is_ascii() || is_combining_mark(m) {
                out.push(m);
            } else {
                out.extend(
                    unicode_security::skeleton(&m.to_string()).flat_map(char::to_lowercase).map(small_lookalike),
                );
            }
        }
    }
}

/// Small Cyrillic and Greek letters the skeleton leaves apart from the Latin
/// letters they look like.
fn small_lookalike(c: char) -> char {
    match c {
        'к' | 'ĸ' | 'κ' => 'k',
        'м' => 'm',
        'н' => 'h',
        'т' | 'τ' => 't',
        'в' | 'β' => 'b',
        'ι' => 'i',
        'ν' => 'v',
        'υ' => 'u',
        c => c,
    }
}

/// A character that prints nothing but can split or disguise a word: soft
/// hyphen, zero-width space and joiners, word joiner, direction marks and
/// isolates, the byte-order mark, variation selectors, tag characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Whether a character is a space of any kind (thin, no-break, ideographic).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Characters that end a sentence or start a new item, after which a capital
/// letter is no sign of a name.
const SENTENCE_BREAKS: &[char] =
    &['.', '!', '?', ':', ';', '\n', '•', '·', '–', '—', '"', '(', '[', '“', '”', '»', '«'];

/// Cuts a text into tokens: runs of letters, digits and combining marks.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let word_char = c.is_alphanumeric() || is_combining_mark(c) || (is_invisible(c) && start.is_some());
        if word_char && start.is_none() {
            start = Some(i);
        }
        let ends = !word_char || iter.peek().is_none();
        if ends {
            if let Some(s) = start.take() {
                let end = if word_char { i + c.len_utf8() } else { i };
                out.push(token(text, s..end, &text[last_end..s], out.is_empty()));
                last_end = end;
            }
        }
    }
    out
}

fn token(text: &str, span: Range<usize>, before: &str, first: bool) -> Token {
    let written = &text[span.clone()];
    let normal: String = written.nfkc().collect();
    let number = normal.chars().all(|c| c.is_ascii_digit() || is_invisible(c));
    let key = if number { normal.chars().filter(char::is_ascii_digit).collect() } else { fold(written) };
    let letters: Vec<char> = normal.chars().filter(|c| c.is_alphabetic()).collect();
    let capitalised = normal.chars().next().is_some_and(char::is_uppercase);
    let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let sentence_start = first || before.contains(SENTENCE_BREAKS);
    Token { key, span, capitalised, all_caps, sentence_start, number, before: before.to_owned() }
}

/// The folded keys of a phrase, for comparing with tokens.
pub fn keys(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.key).collect()
}

/// A key with its combining marks removed, and the spellings of older
/// Swedish and of foreign keyboards made one: "Gefle" and "Gävle", "Upsala"
/// and "Uppsala", "Wexiö" and "Växjö" have the same sound key. Used only for
/// words written as names (a capital not at the start of a sentence).
pub fn sound_key(key: &str) -> String {
    let mut plain = String::new();
    for c in key.nfd() {
        if is_combining_mark(c) {
            // ä and æ sound like e; the others lose their marks.
            if c == '\u{0308}' && plain.ends_with('a') {
                plain.pop();
                plain.push('e');
            }
            continue;
        }
        plain.push(c);
    }
    let plain = plain.replace("ph", "f").replace("æ", "e").replace("ø", "o");
    let mut out = String::new();
    for c in plain.chars() {
        let c = match c {
            'w' | 'f' => 'v',
            'z' => 's',
            'q' | 'c' => 'k',
            'j' | 'y' => 'i',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Words that mix scripts (a Latin word with a Cyrillic letter in it): the
/// byte range of each, in the original text.
pub fn mixed_script_words(text: &str) -> Vec<Range<usize>> {
    use unicode_security::MixedScript;
    tokens(text)
        .into_iter()
        .filter(|t| !t.number)
        .filter(|t| {
            let word: String = text[t.span.clone()].chars().filter(|c| !is_invisible(*c)).collect();
            !word.as_str().is_single_script()
        })
        .map(|t| t.span)
        .collect()
}

/// Letters of the Latin script, with every accent and the Nordic and Sami
/// letters: what the gazetteer and the scanner read.
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32, 0xAA | 0xBA | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F | 0xFB00..=0xFB06)
}

/// The words of a text written in a script the scanner cannot read for
/// places (Arabic, Cyrillic, Greek, ...): "كارلستاد" and "Карлстад" are
/// Karlstad, and no list of Swedish places knows them.
pub fn other_script_words(text: &str) -> Vec<Range<usize>> {
    tokens(text)
        .into_iter()
        .filter(|t| text[t.span.clone()].chars().any(|c| c.is_alphabetic() && !is_latin_letter(c)))
        .map(|t| t.span)
        .collect()
}

/// The byte offsets of invisible format characters in a text.
pub fn invisible_chars(text: &str) -> Vec<(usize, char)> {
    text.char_indices().filter(|(_, c)| is_invisible(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_fold_to_one_key() {
        let kiruna = fold("kiruna");
        for spelling in [
            "Kiruna",
            "KIRUNA",
            "Ki\u{00AD}runa",
            "Ki\u{200B}runa",
            "Kir\u{2060}una",
            "\u{200E}Kiruna",
            "Кiruna",
            "Kіruna",
            "кiruna",
            "Ｋｉｒｕｎａ",
        ] {
            assert_eq!(fold(spelling), kiruna, "{spelling}");
        }
        assert_eq!(fold("Ga\u{0308}vle"), fold("Gävle"));
        assert_ne!(fold("Gävle"), fold("Gavle"));
    }

    #[test]
    fn tokens_know_their_place_and_case() {
        let t = tokens("Vi bor i GÄVLE. Karlstad\u{00AD}s 2 hus");
        let keys: Vec<&str> = t.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(
            keys,
            [fold("vi"), fold("bor"), fold("i"), fold("gävle"), fold("karlstads"), "2".into(), fold("hus")]
        );
        assert!(t[0].sentence_start && !t[1].sentence_start);
        assert!(t[3].all_caps && t[3].capitalised);
        assert!(t[4].sentence_start && t[4].capitalised);
        assert!(t[5].number);
        assert_eq!(&"Vi bor i GÄVLE. Karlstad\u{00AD}s 2 hus"[t[4].span.clone()], "Karlstad\u{00AD}s");
    }

    #[test]
    fn sound_keys_join_old_and_new_spellings() {
        for (old, new) in [("Gefle", "Gävle"), ("Upsala", "Uppsala"), ("Wexiö", "Växjö"), ("Carlstad", "Karlstad")]
        {
            assert_eq!(sound_key(&fold(old)), sound_key(&fold(new)), "{old}");
        }
        assert_ne!(sound_key(&fold("Kiruna")), sound_key(&fold("Luleå")));
    }

    #[test]
    fn words_in_other_scripts_are_found() {
        let text = "Bor i كارلستاد och Карлстад, Åre, Čáslav, Giehtaluoktá";
        let found: Vec<&str> = other_script_words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["كارلستاد", "Карлстад"]);
        assert!(other_script_words("Anna Andersson, Sápmi, Ñandú 12 ≥ 3 → ✓").is_empty());
    }

    #[test]
    fn mixed_scripts_and_invisibles_are_found() {
        assert_eq!(mixed_script_words("Vi bor i Кiruna nu").len(), 1);
        assert!(mixed_script_words("Ahmed och أحمد och Сергей").is_empty());
        assert_eq!(invisible_chars("Ki\u{00AD}runa").len(), 1);
        assert!(invisible_chars("Kiruna – här").is_empty());
    }
}
