//! LIX (läsbarhetsindex, Björnsson 1968), the readability measure Swedish
//! plain-language work uses: words per sentence plus the percentage of
//! words longer than six letters. Below 30 is very easy (easy-to-read
//! books), 30 to 40 easy (fiction, popular press), 40 to 50 medium
//! (ordinary newspapers), above 50 hard (official texts).
//!
//! sipform measures the fixed text of each form: the words the catalogue
//! puts on it (headings, labels, sentences, tick-box options), not what the
//! case records, which the coordinator writes.

use serde::Serialize;

use super::{Block, FormModel};

/// A text's LIX, with what it is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Lix {
    pub words: usize,
    pub sentences: usize,
    /// Words of more than six letters.
    pub long_words: usize,
    pub value: f64,
}

/// LIX of a set of texts. Each text ends a sentence even without a full
/// stop, as a heading or a label does; inside a text, `.`, `!`, `?` and `:`
/// followed by a space end one.
pub fn lix<S: AsRef<str>>(texts: &[S]) -> Lix {
    let (mut words, mut sentences, mut long_words) = (0, 0, 0);
    for text in texts {
        let text = text.as_ref();
        let mut in_sentence = false;
        for token in text.split_whitespace() {
            let letters = token.chars().filter(|c| c.is_alphabetic()).count();
            if letters > 0 || token.chars().any(|c| c.is_ascii_digit()) {
                words += 1;
                in_sentence = true;
                if letters > 6 {
                    long_words += 1;
                }
            }
            if in_sentence && token.ends_with(['.', '!', '?', ':']) {
                sentences += 1;
                in_sentence = false;
            }
        }
        if in_sentence {
            sentences += 1;
        }
    }
    let value = if words == 0 {
        0.0
    } else {
        words as f64 / sentences.max(1) as f64 + 100.0 * long_words as f64 / words as f64
    };
    Lix { words, sentences, long_words, value }
}

impl FormModel {
    /// The words the form's catalogue puts on it, in order: its title,
    /// headings, labels, sentences and options, without the case's values.
    pub fn fixed_text(&self) -> Vec<String> {
        let mut out = vec![self.title.clone()];
        for section in &self.sections {
            out.push(section.title.clone());
            for block in &section.blocks {
                match block {
                    Block::Field { label, .. } => out.extend(label.clone()),
                    Block::Text { label, text, fixed, .. } => {
                        out.extend(label.clone());
                        if *fixed {
                            out.push(text.clone());
                        }
                    }
                    Block::Facts { rows } => out.extend(rows.iter().map(|[label, _]| label.clone())),
                    Block::List { label, items, fixed, group } => {
                        if !*group {
                            out.extend(label.clone());
                        }
                        if *fixed {
                            out.extend(items.iter().cloned());
                        }
                    }
                    Block::Table { label, columns, .. } => {
                        out.extend(label.clone());
                        out.extend(columns.iter().map(|c| c.label.clone()));
                    }
                    Block::Write { label, .. } => out.push(label.clone()),
                    Block::Checks { label, options } => {
                        out.push(label.clone());
                        out.extend(options.iter().map(|o| o.label.clone()));
                    }
                    Block::Signatures { date_label, signature_label, .. } => {
                        out.extend([date_label.clone(), signature_label.clone()]);
                    }
                    Block::Address { label, .. } => out.push(label.clone()),
                }
            }
        }
        out
    }

    /// LIX of the form's fixed text.
    pub fn lix(&self) -> Lix {
        lix(&self.fixed_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_sentences_and_long_words() {
        // 7 words, 2 sentences, 3 long words (more than six letters).
        let l = lix(&["Vi gör en plan.", "Verksamheter arbetar tillsammans"]);
        assert_eq!((l.words, l.sentences, l.long_words), (7, 2, 3));
        assert!((l.value - (3.5 + 300.0 / 7.0)).abs() < 1e-9, "{l:?}");
    }

    #[test]
    fn a_label_is_a_sentence_and_a_colon_ends_one() {
        let l = lix(&["Namn", "Telefon: ring oss."]);
        assert_eq!((l.words, l.sentences), (4, 3));
    }

    #[test]
    fn numbers_are_words_and_punctuation_is_not() {
        let l = lix(&["Ring 112 – nu!"]);
        assert_eq!((l.words, l.sentences, l.long_words), (3, 1, 0));
    }

    #[test]
    fn nothing_has_no_lix() {
        assert_eq!(lix::<&str>(&[]).value, 0.0);
    }
}
