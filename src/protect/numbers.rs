//! Phone numbers and postcodes, however they are written.
//!
//! Digits are read after NFKC (full-width, superscript and other scripts'
//! digits count), with a letter O or l between digits read as the digit it
//! stands for, and digit words ("noll sju noll …") read as digits. Runs of
//! digit groups joined by any separator are then judged as a whole: times
//! (13.00–14.30), dates (2026-11-20, 20/11) and personnummer are not phone
//! numbers; amounts (12 500 kr) and case numbers (Dnr 2026/12345) are not
//! postcodes.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::case::personal_number;

/// A number that can reveal where someone lives or can be reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub kind: NumberKind,
    /// Its digits.
    pub digits: String,
    /// Where it is written, in bytes of the original text.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Phone,
    Postcode,
    /// Any other run of digits, for matching against the case's own values.
    Other,
}

/// National numbers that reveal nothing about anyone: emergency, 1177,
/// the police, BRIS, Kvinnofridslinjen, Försäkringskassan's and
/// Skatteverket's switchboards and the like may always be printed.
const NATIONAL: &[&str] = &["112", "1177", "11414", "116111", "020505050", "0771524524", "0771567567", "0771416416"];

/// Words after a number that make it an amount or a measure, not a postcode.
const UNITS: &[&str] = &[
    "kr", "kronor", "sek", "mg", "g", "kg", "ml", "l", "st", "procent", "timmar", "tim", "min", "minuter", "dagar",
    "veckor", "år", "månader", "poäng", "p",
];

/// Words before a number that make it a case or file number.
const CASE_NUMBER_WORDS: &[&str] = &[
    "dnr",
    "diarienummer",
    "ärende",
    "ärendenummer",
    "nr",
    "nummer",
    "id",
    "referens",
    "ref",
    "lopnummer",
    "löpnummer",
];

/// A character as a digit, or as a letter that looks like one.
#[derive(Debug, Clone)]
struct Char {
    c: char,
    at: Range<usize>,
}

/// Every run of digits in a text, judged.
pub fn numbers(text: &str) -> Vec<Number> {
    let chars = normal_chars(text);
    let mut out = Vec::new();
    let n = chars.len();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.c.is_ascii_digit());
    let mut i = 0;
    while i < n {
        if !digit(i) {
            i += 1;
            continue;
        }
        // Collect groups of digits joined by short separators.
        let start = i;
        let mut groups: Vec<(String, Option<String>)> = Vec::new(); // (digits, separator before)
        let mut sep: Option<String> = None;
        loop {
            let mut g = String::new();
            while digit(i) {
                g.push(chars[i].c);
                i += 1;
            }
            groups.push((g, sep.take()));
            // A separator of at most three characters, then a digit.
            let mut j = i;
            let mut s = String::new();
            while j < n && s.chars().count() < 3 && is_separator(chars[j].c) {
                s.push(chars[j].c);
                j += 1;
            }
            if !s.is_empty() && digit(j) && !s.contains('\n') {
                sep = Some(s);
                i = j;
            } else {
                break;
            }
        }
        let end = chars[i - 1].at.end;
        let begin = chars[start].at.start;
        let before: String =
            chars[..start].iter().rev().take(12).map(|c| c.c).collect::<Vec<_>>().into_iter().rev().collect();
        let after: String = chars[i..].iter().take(12).map(|c| c.c).collect();
        for (digits, range) in judge(&groups, &before, &after) {
            let span = span_of(&chars, start, i, &groups, range).unwrap_or(begin..end);
            out.push(Number { kind: digits.1, digits: digits.0, span });
        }
    }
    out.extend(number_words(text));
    out
}

/// The span of the groups `range` of a run.
fn span_of(
    chars: &[Char],
    start: usize,
    end: usize,
    groups: &[(String, Option<String>)],
    range: Range<usize>,
) -> Option<Range<usize>> {
    if range.start == 0 && range.end == groups.len() {
        return Some(chars[start].at.start..chars[end - 1].at.end);
    }
    // Walk the run counting digits.
    let mut index = start;
    let mut first = None;
    let mut last = None;
    for (k, (g, sep)) in groups.iter().enumerate() {
        if let Some(s) = sep {
            index += s.chars().count();
        }
        if k == range.start {
            first = Some(chars[index].at.start);
        }
        index += g.chars().count();
        if k + 1 == range.end {
            last = Some(chars[index - 1].at.end);
        }
    }
    Some(first?..last?)
}

/// What a run of digit groups is: phone numbers, postcodes, or other
/// numbers, with the groups each covers.
fn judge(groups: &[(String, Option<String>)], before: &str, after: &str) -> Vec<((String, NumberKind), Range<usize>)> {
    let mut out = Vec::new();
    // Times and dates split a run: "kl. 06.00–07.30", "2026-11-20".
    let mut k = 0;
    let mut piece_start = 0;
    let mut pieces: Vec<Range<usize>> = Vec::new();
    while k < groups.len() {
        let next = groups.get(k + 1);
        let is_time = next.is_some_and(|(m, s)| {
            matches!(s.as_deref(), Some(".") | Some(":"))
                && groups[k].0.len() <= 2
                && m.len() == 2
                && groups[k].0.parse::<u32>().is_ok_and(|h| h < 24)
                && m.parse::<u32>().is_ok_and(|m| m < 60)
        });
        let is_date = groups.get(k + 2).is_some_and(|(d, s2)| {
            let (m, s1) = next.expect("a group after");
            groups[k].0.len() == 4
                && m.len() == 2
                && d.len() == 2
                && s1.as_deref() == Some("-")
                && s2.as_deref() == Some("-")
        });
        let is_day_month = next.is_some_and(|(m, s)| {
            s.as_deref() == Some("/")
                && groups[k].0.len() <= 2
                && m.len() <= 2
                && groups[k].0.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
                && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        });
        let width = if is_date {
            3
        } else if is_time || is_day_month {
            2
        } else {
            0
        };
        if width > 0 {
            if piece_start < k {
                pieces.push(piece_start..k);
            }
            k += width;
            piece_start = k;
        } else {
            k += 1;
        }
    }
    if piece_start < groups.len() {
        pieces.push(piece_start..groups.len());
    }
    let whole = pieces.len() == 1 && pieces[0] == (0..groups.len());
    for piece in pieces {
        let g = &groups[piece.clone()];
        let digits: String = g.iter().map(|(d, _)| d.as_str()).collect();
        let sizes: Vec<usize> = g.iter().map(|(d, _)| d.len()).collect();
        let seps: Vec<&str> = g.iter().skip(1).filter_map(|(_, s)| s.as_deref()).collect();
        let before_here = if piece.start == 0 { before } else { "" };
        let after_here = if piece.end == groups.len() { after } else { "" };
        let kind = kind_of(&digits, &sizes, &seps, before_here, after_here, whole);
        out.push(((digits, kind), piece));
    }
    out
}

fn kind_of(digits: &str, sizes: &[usize], seps: &[&str], before: &str, after: &str, whole: bool) -> NumberKind {
    let len = digits.len();
    let plus = before.trim_end_matches(is_separator).ends_with('+');
    let next_word = after.trim_start_matches(is_separator).split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let next_word = next_word.to_lowercase();
    let prev_word: String = before
        .trim_end_matches(|c: char| is_separator(c) || c == '+')
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if NATIONAL.contains(&digits) {
        return NumberKind::Other;
    }
    // A personnummer: 6 or 8 digits, - or +, 4 digits, with a real date and
    // check digit; a phone number written in that shape ("070100-0000") is
    // still a phone number.
    let written = |sep: &str| format!("{}{sep}{}", &digits[..sizes[0]], &digits[sizes[0]..]);
    if whole
        && sizes.len() == 2
        && matches!(sizes[0], 6 | 8)
        && sizes[1] == 4
        && matches!(seps[0], "-" | "+")
        && personal_number::is_valid(&written(seps[0]))
    {
        return NumberKind::Other;
    }
    if sizes.len() == 1 && matches!(len, 10 | 12) && personal_number::is_valid(digits) {
        return NumberKind::Other;
    }
    let amount = UNITS.contains(&next_word.as_str()) || after.trim_start().starts_with([':', '%']);
    let case_number = CASE_NUMBER_WORDS.contains(&prev_word.as_str());
    // Phone numbers: a national number from 0, an international from +46 or
    // 0046, or seven digits or more in groups, as local numbers are written.
    if (digits.starts_with("0046") && len >= 11) || (plus && digits.starts_with("46") && len >= 9) {
        return NumberKind::Phone;
    }
    if digits.starts_with('0') && !digits.starts_with("00") && (7..=12).contains(&len) && !amount {
        return NumberKind::Phone;
    }
    if len >= 7 && sizes.len() >= 3 && !amount && !case_number && sizes.iter().all(|s| *s <= 4) {
        return NumberKind::Phone;
    }
    // Postcodes: five digits from 1, written 3+2 with a space or hyphen, or
    // as five with a country prefix or a town after them.
    let se_prefix = matches!(prev_word.as_str(), "se" | "s");
    if len == 5 && !digits.starts_with('0') && !amount && !case_number {
        // A postcode's groups are split by a space or a hyphen, never a slash.
        let split =
            sizes == [3, 2] && seps.iter().all(|s| s.chars().all(|c| c == '-' || crate::protect::text::is_space(c)));
        let town_after = after.trim_start_matches(is_separator).chars().next().is_some_and(char::is_uppercase);
        if split || se_prefix || (sizes == [5] && town_after) {
            return NumberKind::Postcode;
        }
    }
    NumberKind::Other
}

fn is_separator(c: char) -> bool {
    crate::protect::text::is_space(c)
        || matches!(c, '-' | '–' | '—' | '‐' | '‑' | '‒' | '−' | '/' | '.' | '(' | ')' | '_' | '\'' | '’')
}

/// The text as NFKC characters with their original byte ranges; digits of
/// every script as ASCII; O, o, l and I between digits as 0 and 1;
/// invisible characters dropped.
fn normal_chars(text: &str) -> Vec<Char> {
    let mut out: Vec<Char> = Vec::new();
    for (i, c) in text.char_indices() {
        if crate::protect::text::is_invisible(c) {
            continue;
        }
        let at = i..i + c.len_utf8();
        for n in c.to_string().nfkc() {
            let n = other_digit(n).unwrap_or(n);
            out.push(Char { c: n, at: at.clone() });
        }
    }
    let is_d = |c: char| c.is_ascii_digit();
    for k in 0..out.len() {
        let lookalike = match out[k].c {
            'O' | 'o' => Some('0'),
            'l' | 'I' | '|' => Some('1'),
            _ => None,
        };
        if let Some(d) = lookalike {
            let prev = k.checked_sub(1).and_then(|p| out.get(p)).is_some_and(|c| is_d(c.c));
            let next = out.get(k + 1).is_some_and(|c| is_d(c.c));
            // "O7O": a letter counts when a digit stands right beside it and
            // no other letter does.
            let prev_letter = k.checked_sub(1).and_then(|p| out.get(p)).is_some_and(|c| c.c.is_alphabetic());
            let next_letter =
                out.get(k + 1).is_some_and(|c| c.c.is_alphabetic() && !matches!(c.c, 'O' | 'o' | 'l' | 'I'));
            if (prev || next) && !prev_letter && !next_letter {
                out[k].c = d;
            }
        }
    }
    out
}

/// A decimal digit of another script (Arabic-Indic, Devanagari, …) as ASCII.
fn other_digit(c: char) -> Option<char> {
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50,
        0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50,
        0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC,
        0x1D7F6,
    ];
    let u = c as u32;
    ZEROS.iter().find(|z| (**z..**z + 10).contains(&u)).and_then(|z| char::from_digit(u - z, 10))
}

/// Digit words in a row, "noll sju noll ett …": five or more make a number.
fn number_words(text: &str) -> Vec<Number> {
    const WORDS: &[(&str, char)] = &[
        ("noll", '0'),
        ("nolla", '0'),
        ("ett", '1'),
        ("en", '1'),
        ("etta", '1'),
        ("två", '2'),
        ("tvåa", '2'),
        ("tre", '3'),
        ("trea", '3'),
        ("fyra", '4'),
        ("fyran", '4'),
        ("fem", '5'),
        ("femma", '5'),
        ("sex", '6'),
        ("sexa", '6'),
        ("sju", '7'),
        ("sjua", '7'),
        ("åtta", '8'),
        ("nio", '9'),
        ("nia", '9'),
    ];
    let tokens = crate::protect::text::tokens(text);
    let mut out = Vec::new();
    let mut run: Vec<(char, Range<usize>)> = Vec::new();
    let mut words = 0;
    let flush = |run: &mut Vec<(char, Range<usize>)>, words: &mut usize, out: &mut Vec<Number>| {
        if run.len() >= 5 && *words >= 2 {
            let digits: String = run.iter().map(|(d, _)| *d).collect();
            let kind = if run.len() >= 7 { NumberKind::Phone } else { NumberKind::Other };
            let kind = if run.len() == 5 && !digits.starts_with('0') { NumberKind::Postcode } else { kind };
            out.push(Number { kind, digits, span: run[0].1.start..run[run.len() - 1].1.end });
        }
        run.clear();
        *words = 0;
    };
    for t in tokens {
        let word = text[t.span.clone()].to_lowercase();
        let digit = if t.number && t.key.len() <= 4 {
            // Digits and words mixed: "070 ett två tre".
            None
        } else {
            WORDS.iter().find(|(w, _)| *w == word).map(|(_, d)| *d)
        };
        let joined = t.before.chars().all(|c| is_separator(c) || c == ',');
        match digit {
            Some(d) => {
                if !joined {
                    flush(&mut run, &mut words, &mut out);
                }
                run.push((d, t.span.clone()));
                words += 1;
            }
            None if t.number && t.key.len() <= 4 => {
                if !joined {
                    flush(&mut run, &mut words, &mut out);
                }
                run.extend(t.key.chars().map(|d| (d, t.span.clone())));
            }
            None => flush(&mut run, &mut words, &mut out),
        }
    }
    flush(&mut run, &mut words, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(NumberKind, String)> {
        numbers(text).into_iter().filter(|n| n.kind != NumberKind::Other).map(|n| (n.kind, n.digits)).collect()
    }

    #[test]
    fn phone_numbers_in_any_format() {
        for text in [
            "070-123 45 67",
            "0701234567",
            "+46 70 123 45 67",
            "0046701234567",
            "070/123 45 67",
            "070.123.45.67",
            "08-123 456 78",
            "(08) 123 456 78",
            "O7O-123 45 67",
            "070\u{2009}123\u{2009}45\u{2009}67",
            "０７０１２３４５６７",
            "070-l23 45 67",
            "ring 123 45 67",
            "noll sju noll ett två tre fyra fem sex sju",
            // Shaped like a personnummer, but no real date or check digit.
            "070100-0000",
            "0701000000",
            "070315-1235",
        ] {
            let found = kinds(text);
            assert!(found.iter().any(|(k, _)| *k == NumberKind::Phone), "{text}: {found:?}");
        }
    }

    #[test]
    fn postcodes_in_any_format() {
        for text in ["981 31", "98131 Kiruna", "981-31", "SE-981 31", "S-981 31", "981\u{2009}31", "SE98131"] {
            let found = kinds(text);
            assert!(found.iter().any(|(k, _)| *k == NumberKind::Postcode), "{text}: {found:?}");
        }
    }

    #[test]
    fn times_dates_amounts_and_case_numbers_are_none_of_them() {
        for text in [
            "kl. 13.00–14.30",
            "06.00-07.30",
            "08:15",
            "2026-11-20",
            "2026-11-20 13.00",
            "20/11",
            "12 500 kr",
            "15000 kronor",
            "100 000 kr",
            "1 250 000 kr",
            "Dnr 2026/12345",
            "ärendenummer 12345",
            "19990101-2386",
            "990101-2386",
            // Born in 2007: a personnummer, though it starts like a mobile.
            "070315-1233",
            "50 mg",
            "vecka 47",
            "3 gånger i veckan",
            "Ring 1177 eller 112",
            "Polisen 114 14",
            "2026–2027",
            "12345",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }
}
