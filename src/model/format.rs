//! Dates, times and lengths in words of the output language.
//!
//! Done here rather than in Typst because Typst only knows English month
//! names; the words come from the catalogue, so a new language needs no code.

use chrono::{Datelike, Duration, NaiveDateTime, Timelike};

use crate::case::Date;
use crate::catalog::Catalog;
use crate::error::Error;

pub struct Formatter<'a> {
    /// The lengths of time are the catalogue's sentences, filled in when
    /// asked for (see [`Formatter::length`]).
    catalog: &'a Catalog,
    /// Dates are isolated in a right-to-left language (see [`Formatter::date`]).
    rtl: bool,
    months: Vec<String>,
    weekdays: Vec<String>,
    date_pattern: String,
    weekday_date_pattern: String,
    time_separator: String,
}

impl<'a> Formatter<'a> {
    pub fn new(catalog: &'a Catalog) -> Result<Self, Error> {
        let months = catalog.list("dates.months")?;
        let weekdays = catalog.list("dates.weekdays")?;
        if months.len() != 12 || weekdays.len() != 7 {
            return Err(Error::Catalog {
                file: "catalogue".into(),
                message: "`dates.months` needs 12 names and `dates.weekdays` 7, Monday first".into(),
            });
        }
        Ok(Self {
            catalog,
            rtl: catalog.language().direction == crate::catalog::Direction::Rtl,
            months,
            weekdays,
            date_pattern: catalog.raw("dates.date")?.to_owned(),
            weekday_date_pattern: catalog.raw("dates.weekday_date")?.to_owned(),
            time_separator: catalog.raw("dates.time_separator")?.to_owned(),
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

    /// "1 timme och 30 minuter": `dates.hours` and `dates.minutes`, each a
    /// sentence of the catalogue given `n`, which picks the language's
    /// form for that number (Arabic: "ساعتان" for 2, "5 دقائق" for 3 to 10,
    /// "11 دقيقة" from 11; CLDR's plural categories), and
    /// `dates.hours_and_minutes` to join them. A new language's words for
    /// its numbers are its catalogue's, with no code.
    pub fn length(&self, minutes: u32) -> Result<String, Error> {
        let (h, m) = (minutes / 60, minutes % 60);
        let hours = || self.count("dates.hours", "dates.hour_one", h);
        let mins = || self.count("dates.minutes", "dates.minute_one", m);
        Ok(match (h, m) {
            (0, _) => mins()?,
            (_, 0) => hours()?,
            _ => {
                let (hours, mins) = (hours()?, mins()?);
                // A catalogue written before `hours_and_minutes` joins with `and`.
                let pattern = match self.catalog.raw("dates.hours_and_minutes") {
                    Ok(p) => p.to_owned(),
                    Err(_) => format!("{{hours}} {} {{minutes}}", self.catalog.raw("dates.and")?),
                };
                pattern.replace("{hours}", &hours).replace("{minutes}", &mins)
            }
        })
    }

    /// `n` of something, in the catalogue's sentence for it. A catalogue
    /// written before these were sentences says "{n} timmar", and
    /// "1 timme" under its own key (`one`); both still read.
    fn count(&self, key: &str, one: &str, n: u32) -> Result<String, Error> {
        if n == 1 {
            if let Ok(text) = self.catalog.raw(one) {
                return Ok(text.to_owned());
            }
        }
        let text = self.catalog.render(key, &minijinja::context! { n })?;
        Ok(text.replace("{n}", &n.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::Resources;

    fn sv() -> Catalog {
        Catalog::load(&Resources::embedded(), "sv").unwrap()
    }

    #[test]
    fn swedish_dates_and_times() {
        let c = sv();
        let f = Formatter::new(&c).unwrap();
        let d = Date::parse("2026-11-20").unwrap();
        assert_eq!(f.weekday_date(d), "fredag 20 november 2026");
        let t = crate::case::DateTime::parse("2026-11-20T13:00").unwrap().0;
        assert_eq!(f.time_span(t, 90), "13.00–14.30");
    }

    fn ar() -> Catalog {
        Catalog::load(&Resources::embedded(), "ar").unwrap()
    }

    /// Arabic counts with a dual (2), a plural (3 to 10) and, from 11, the
    /// singular (CLDR's Arabic plural categories: two, few, many); the
    /// conjunction و is written onto the next word.
    #[test]
    fn arabic_lengths_count_in_arabic() {
        let c = ar();
        let f = Formatter::new(&c).unwrap();
        let said = |m: u32| f.length(m).unwrap();
        assert_eq!(said(125), "ساعتان و5 دقائق");
        assert_eq!(said(60), "ساعة واحدة");
        assert_eq!(said(62), "ساعة واحدة ودقيقتان");
        assert_eq!(said(61), "ساعة واحدة ودقيقة واحدة");
        assert_eq!(said(90), "ساعة واحدة و30 دقيقة");
        assert_eq!(said(45), "45 دقيقة");
        assert_eq!(said(10), "10 دقائق");
        assert_eq!(said(180), "3 ساعات");
        assert_eq!(said(11 * 60), "11 ساعة");
    }

    /// A language's forms for a number are its catalogue's: one with a
    /// form of its own for 2 to 4 (as Czech or Polish have) needs no code.
    #[test]
    fn a_catalogue_says_how_its_language_counts() {
        let months = (1..=12).map(|m| format!("\"m{m}\"")).collect::<Vec<_>>().join(", ");
        let text = format!(
            "[dates]\nmonths = [{months}]\nweekdays = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\"]\n\
             date = \"{{day}} {{month}} {{year}}\"\nweekday_date = \"{{weekday}} {{date}}\"\ntime_separator = \":\"\n\
             hours = \"{{{{ n }}}} {{% if n == 1 %}}hodina{{% elif n <= 4 %}}hodiny{{% else %}}hodin{{% endif %}}\"\n\
             minutes = \"{{{{ n }}}} min\"\nhours_and_minutes = \"{{hours}} a {{minutes}}\"\nand = \"a\"\n"
        );
        let c = Catalog::parse("test.toml", &text).unwrap();
        let f = Formatter::new(&c).unwrap();
        assert_eq!(f.length(60).unwrap(), "1 hodina");
        assert_eq!(f.length(190).unwrap(), "3 hodiny a 10 min");
        assert_eq!(f.length(300).unwrap(), "5 hodin");
    }

    #[test]
    fn lengths_in_words() {
        let c = sv();
        let f = Formatter::new(&c).unwrap();
        assert_eq!(f.length(90).unwrap(), "1 timme och 30 minuter");
        assert_eq!(f.length(120).unwrap(), "2 timmar");
        assert_eq!(f.length(45).unwrap(), "45 minuter");
        assert_eq!(f.length(61).unwrap(), "1 timme och 1 minut");
    }
}
