//! Swedish personnummer and samordningsnummer.
//!
//! Forms: `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`, `YYMMDD+NNNN` (the
//! plus marks someone 100 or older). A samordningsnummer adds 60 to the day.

use chrono::{Datelike, NaiveDate};

/// The birth date a personal number encodes, judged relative to `today`
/// (needed to place a two-digit year in its century).
pub fn birth_date(number: &str, today: NaiveDate) -> Option<NaiveDate> {
    let number = number.trim();
    let plus = number.contains('+');
    let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
    let other = number.chars().filter(|c| !c.is_ascii_digit() && !matches!(c, '-' | '+')).count();
    if other > 0 {
        return None;
    }
    let (year, rest) = match digits.len() {
        12 => (digits[..4].parse::<i32>().ok()?, &digits[4..]),
        10 => {
            let yy = digits[..2].parse::<i32>().ok()?;
            let mut year = today.year() - (today.year() - yy).rem_euclid(100);
            if plus {
                year -= 100;
            }
            (year, &digits[2..])
        }
        _ => return None,
    };
    let month = rest[..2].parse::<u32>().ok()?;
    let mut day = rest[2..4].parse::<u32>().ok()?;
    if day > 60 {
        day -= 60;
    }
    let born = NaiveDate::from_ymd_opt(year, month, day)?;
    // A two-digit year of this century that lies ahead means the last century.
    if digits.len() == 10 && born > today {
        return born.with_year(year - 100);
    }
    Some(born)
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
        assert_eq!(birth_date("19990101-2380", today), Some(d("1999-01-01")));
        assert_eq!(birth_date("199901012380", today), Some(d("1999-01-01")));
        assert_eq!(birth_date("990101-2380", today), Some(d("1999-01-01")));
        assert_eq!(birth_date("120315-1234", today), Some(d("2012-03-15")));
        assert_eq!(birth_date("120315+1234", today), Some(d("1912-03-15")));
        assert_eq!(birth_date("19990161-2380", today), Some(d("1999-01-01")), "samordningsnummer");
        assert_eq!(birth_date("19990230-2380", today), None);
        assert_eq!(birth_date("1999x101-2380", today), None);
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(d("2009-03-15"), d("2027-03-14")), 17);
        assert_eq!(age_on(d("2009-03-15"), d("2027-03-15")), 18);
    }
}
