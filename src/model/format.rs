//! Dates, times and lengths in words of the output language.
//!
//! Done here rather than in Typst because Typst only knows English month
//! names; the words come from the catalogue, so a new language needs no code.

use chrono::{Datelike, Duration, NaiveDateTime, Timelike};

use crate::case::Date;
use crate::catalog::Catalog;
use crate::error::Error;

pub struct Formatter {
    /// Dates are isolated in a right-to-left language (see [`Formatter::date`]).
    rtl: bool,
    months: Vec<String>,
    weekdays: Vec<String>,
    date_pattern: String,
    weekday_date_pattern: String,
    time_separator: String,
    hour_one: String,
    hours: String,
    minute_one: String,
    minutes: String,
    and: String,
}

impl Formatter {
    pub fn new(catalog: &Catalog) -> Result<Self, Error> {
        let months = catalog.list("dates.months")?;
        let weekdays = catalog.list("dates.weekdays")?;
        if months.len() != 12 || weekdays.len() != 7 {
            return Err(Error::Catalog {
                file: "catalogue".into(),
                message: "`dates.months` needs 12 names and `dates.weekdays` 7, Monday first".into(),
            });
        }
        Ok(Self {
            rtl: catalog.language().direction == crate::catalog::Direction::Rtl,
            months,
            weekdays,
            date_pattern: catalog.raw("dates.date")?.to_owned(),
            weekday_date_pattern: catalog.raw("dates.weekday_date")?.to_owned(),
            time_separator: catalog.raw("dates.time_separator")?.to_owned(),
            hour_one: catalog.raw("dates.hour_one")?.to_owned(),
            hours: catalog.raw("dates.hours")?.to_owned(),
            minute_one: catalog.raw("dates.minute_one")?.to_owned(),
            minutes: catalog.raw("dates.minutes")?.to_owned(),
            and: catalog.raw("dates.and")?.to_owned(),
        })
    }

    /// "20 november 2026", in the order of the language's `dates.date`.
    ///
    /// In a right-to-left language the date is one isolate (FSI ... PDI,
    /// UAX #9), so that it is ordered as a unit wherever it stands: after a
    /// Swedish word ("Omgående – 31 مايو 2027"), the year is an Arabic
    /// number that follows the month's Arabic letters (rule W2), and
    /// without the isolate the two were laid out together, right to left,
    /// in the Swedish word's run: "31 2027 مايو".
    pub fn date(&self, d: Date) -> String {
        self.unit(self.plain_date(d))
    }

    fn plain_date(&self, d: Date) -> String {
        let d = d.0;
        self.date_pattern
            .replace("{day}", &d.day().to_string())
            .replace("{month}", &self.months[d.month0() as usize])
            .replace("{year}", &d.year().to_string())
    }

    /// "torsdag 20 november 2026".
    pub fn weekday_date(&self, d: Date) -> String {
        let weekday = &self.weekdays[d.0.weekday().num_days_from_monday() as usize];
        self.unit(self.weekday_date_pattern.replace("{weekday}", weekday).replace("{date}", &self.plain_date(d)))
    }

    /// A date as one piece of a right-to-left line.
    fn unit(&self, text: String) -> String {
        if self.rtl {
            crate::catalog::isolate(&text)
        } else {
            text
        }
    }

    /// "13.00" (Swedish writes a point between hours and minutes).
    pub fn time(&self, t: NaiveDateTime) -> String {
        format!("{:02}{}{:02}", t.hour(), self.time_separator, t.minute())
    }

    /// "13.00–14.30".
    pub fn time_span(&self, start: NaiveDateTime, minutes: u32) -> String {
        let end = start + Duration::minutes(i64::from(minutes));
        format!("{}–{}", self.time(start), self.time(end))
    }

    /// "1 timme och 30 minuter".
    pub fn length(&self, minutes: u32) -> String {
        let (h, m) = (minutes / 60, minutes % 60);
        let hours = match h {
            1 => self.hour_one.clone(),
            n => self.hours.replace("{n}", &n.to_string()),
        };
        let mins = match m {
            1 => self.minute_one.clone(),
            n => self.minutes.replace("{n}", &n.to_string()),
        };
        match (h, m) {
            (0, _) => mins,
            (_, 0) => hours,
            _ => format!("{hours} {} {mins}", self.and),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::Resources;

    fn sv() -> Formatter {
        Formatter::new(&Catalog::load(&Resources::embedded(), "sv").unwrap()).unwrap()
    }

    #[test]
    fn swedish_dates_and_times() {
        let f = sv();
        let d = Date::parse("2026-11-20").unwrap();
        assert_eq!(f.weekday_date(d), "fredag 20 november 2026");
        let t = crate::case::DateTime::parse("2026-11-20T13:00").unwrap().0;
        assert_eq!(f.time_span(t, 90), "13.00–14.30");
    }

    #[test]
    fn lengths_in_words() {
        let f = sv();
        assert_eq!(f.length(90), "1 timme och 30 minuter");
        assert_eq!(f.length(120), "2 timmar");
        assert_eq!(f.length(45), "45 minuter");
        assert_eq!(f.length(61), "1 timme och 1 minut");
    }
}
