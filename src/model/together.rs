//! What belongs together stays on one line: a street and its number
//! ("Hamngatan 2", FORMS-REVIEW.md V3), a word and the number after it
//! ("vecka 47"), a house letter ("Hamngatan 2 B") and a postcode ("652 24").
//! The spaces between them become no-break spaces in the form model, where
//! a regex show rule in the template used to box them: that rule ran over
//! every text of every form and cost a tenth of the layout (bench/RESULTS.md).
//! Hyphenated names ("Karl-Erik") are still kept whole by the template.

const NO_BREAK: char = '\u{a0}';

/// The text with the spaces inside such phrases made no-break.
pub fn keep_together(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = chars.clone();
    let word_char = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric() || *c == '_');
    for i in 0..chars.len() {
        if chars[i] != ' ' {
            continue;
        }
        // A word (and perhaps a full stop) before, a digit after.
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let word_before = match before {
            Some('.') => i >= 2 && chars[i - 2].is_alphabetic(),
            Some(c) => c.is_alphabetic(),
            None => false,
        };
        if word_before && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            out[i] = NO_BREAK;
            // The number runs on through digits, hyphens and no-break
            // spaces; a single letter after it is a house letter.
            let mut j = i + 1;
            while chars.get(j).is_some_and(|c| c.is_ascii_digit() || *c == '-' || *c == NO_BREAK) {
                j += 1;
            }
            if chars.get(j) == Some(&' ') && chars.get(j + 1).is_some_and(|c| c.is_alphabetic()) && !word_char(j + 2) {
                out[j] = NO_BREAK;
            }
            continue;
        }
        // A postcode: three digits, a space, two digits, each a whole word.
        let three = i >= 3 && (i - 3..i).all(|k| chars[k].is_ascii_digit()) && (i < 4 || !word_char(i - 4));
        let two = (i + 1..i + 3).all(|k| chars.get(k).is_some_and(char::is_ascii_digit)) && !word_char(i + 3);
        if three && two {
            out[i] = NO_BREAK;
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::keep_together;

    fn shown(s: &str) -> String {
        keep_together(s).replace('\u{a0}', "~")
    }

    #[test]
    fn streets_numbers_and_postcodes_stay_whole() {
        assert_eq!(shown("Storgatan 1, 652 24 Karlstad"), "Storgatan~1, 652~24 Karlstad");
        assert_eq!(shown("Hamngatan 2 B, vån 3"), "Hamngatan~2~B, vån~3");
        assert_eq!(shown("vecka 47 och v. 48"), "vecka~47 och v.~48");
        assert_eq!(shown("telefon 054-61\u{a0}00\u{a0}10 dagtid"), "telefon~054-61~00~10 dagtid");
        assert_eq!(shown("1 gång i veckan"), "1 gång i veckan");
        // Not a postcode: four digits, or a word after.
        assert_eq!(shown("år 2026 12 av 1234 56"), "år~2026 12 av~1234 56");
        assert_eq!(shown("Gata 2 Bra"), "Gata~2 Bra");
        assert_eq!(shown("Anna Andersson"), "Anna Andersson");
    }
}
