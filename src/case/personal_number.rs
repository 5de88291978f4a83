//! Swedish personnummer and samordningsnummer.
//!
//! Forms: `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDDNNNN`,
//! `YYMMDD+NNNN` (the plus marks someone 100 or older). A samordningsnummer
//! adds 60 to the day. The last digit is a Luhn check digit over the ten
//! digits without the century.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// What a valid number tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonalNumber {
    pub born: NaiveDate,
    /// A samordningsnummer (day + 60) rather than a personnummer.
    pub coordination: bool,
}

/// Why a number is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not one of the written forms.
    Format,
    /// The digits do not make a real date.
    NotADate,
    /// The check digit is wrong; `expected` is what the first nine digits give.
    CheckDigit { expected: u32 },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Problem::Format => f.write_str("is not written as a personnummer or samordningsnummer"),
            Problem::NotADate => f.write_str("does not hold a real date of birth"),
            Problem::CheckDigit { expected } => {
                write!(f, "has the wrong check digit (the digits before it give {expected})")
            }
        }
    }
}

impl Problem {
    /// What is wrong, in Swedish: the words after the number, as the
    /// English [`fmt::Display`] gives them.
    pub fn swedish(&self) -> String {
        match self {
            Problem::Format => "är inte skrivet som ett personnummer eller samordningsnummer".to_owned(),
            Problem::NotADate => "innehåller inget födelsedatum som finns".to_owned(),
            Problem::CheckDigit { expected } => {
                format!("har fel kontrollsiffra (siffrorna före den ger {expected})")
            }
        }
    }
}

/// Reads a number, judged relative to `today` (needed to place a two-digit
/// year in its century).
pub fn parse(number: &str, today: NaiveDate) -> Result<PersonalNumber, Problem> {
    let number = number.trim();
    let (digits, separator) = split(number).ok_or(Problem::Format)?;
    let (year, rest) = match digits.len() {
        12 if separator != Some('+') => (digits[..4].parse::<i32>().map_err(|_| Problem::Format)?, &digits[2..]),
        10 => {
            let yy = digits[..2].parse::<i32>().map_err(|_| Problem::Format)?;
            let mut year = today.year() - (today.year() - yy).rem_euclid(100);
            if separator == Some('+') {
                year -= 100;
            }
            (year, &digits[..])
        }
        _ => return Err(Problem::Format),
    };
    let month: u32 = rest[2..4].parse().map_err(|_| Problem::Format)?;
    let mut day: u32 = rest[4..6].parse().map_err(|_| Problem::Format)?;
    let coordination = day > 60;
    if coordination {
        day -= 60;
    }
    let mut born = NaiveDate::from_ymd_opt(year, month, day).ok_or(Problem::NotADate)?;
    // A two-digit year of this century that lies ahead means the last century.
    if digits.len() == 10 && born > today {
        born = born.with_year(year - 100).ok_or(Problem::NotADate)?;
    }
    let expected = luhn(&rest[..9]);
    if rest[9..].parse::<u32>() != Ok(expected) {
        return Err(Problem::CheckDigit { expected });
    }
    Ok(PersonalNumber { born, coordination })
}

/// The digits without the separator, and the separator if it stands where
/// it may: before the last four digits.
fn split(number: &str) -> Option<(String, Option<char>)> {
    match number.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        None => Some((number.to_owned(), None)),
        Some((i, c @ ('-' | '+'))) => {
            let (head, tail) = (&number[..i], &number[i + 1..]);
            let ok = matches!(head.len(), 6 | 8) && tail.len() == 4 && tail.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| (format!("{head}{tail}"), Some(c)))
        }
        Some(_) => None,
    }
}

/// The Luhn check digit of nine digits.
fn luhn(nine: &str) -> u32 {
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let v = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            v / 10 + v % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

/// The birth date a number encodes, if it is valid.
pub fn birth_date(number: &str, today: NaiveDate) -> Option<NaiveDate> {
    parse(number, today).ok().map(|p| p.born)
}

/// Whether `number` is a valid personnummer or samordningsnummer in some
/// century: a real date and the right check digit. A phone number written
/// like one ("070100-0000") almost never passes both.
pub fn is_valid(number: &str) -> bool {
    // The latest day a two-digit year can be read against: every birth date
    // lies before it, so no valid number is refused for lying ahead.
    let far = NaiveDate::from_ymd_opt(2099, 12, 31).expect("a real date");
    parse(number, far).is_ok()
}

/// Age in whole years on a date.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_every_spelling() {
        let today = d("2026-11-22");
        for n in ["19990101-2386", "199901012386", "990101-2386", "9901012386"] {
            assert_eq!(birth_date(n, today), Some(d("1999-01-01")), "{n}");
        }
        assert_eq!(birth_date("140914-2732", today), Some(d("2014-09-14")));
        assert_eq!(birth_date("140914+2732", today), Some(d("1914-09-14")));
    }

    #[test]
    fn a_samordningsnummer_adds_sixty_to_the_day() {
        let p = parse("19990161-2383", d("2026-11-22")).unwrap();
        assert_eq!(p.born, d("1999-01-01"));
        assert!(p.coordination);
    }

    #[test]
    fn each_fault_is_named() {
        let today = d("2026-11-22");
        assert_eq!(parse("19990101-2387", today), Err(Problem::CheckDigit { expected: 6 }));
        assert_eq!(parse("19990230-2380", today), Err(Problem::NotADate));
        assert_eq!(parse("19991301-2380", today), Err(Problem::NotADate));
        assert_eq!(parse("19990192-2380", today), Err(Problem::NotADate), "day 92 is no samordningsnummer");
        for bad in ["1999x101-2386", "19990101-238", "1999-0101-2386", "19990101+2386", "", "19990101 2386"] {
            assert_eq!(parse(bad, today), Err(Problem::Format), "{bad:?}");
        }
    }

    #[test]
    fn luhn_matches_known_numbers() {
        // Skatteverket's test numbers used in the examples.
        for n in ["20140914-2732", "19810322-4526", "19791107-3935", "19420612-3129"] {
            assert!(parse(n, d("2026-11-22")).is_ok(), "{n}");
        }
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(d("2009-03-15"), d("2027-03-14")), 17);
        assert_eq!(age_on(d("2009-03-15"), d("2027-03-15")), 18);
    }
}
