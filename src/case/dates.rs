//! Dates and times in a case file.
//!
//! TOML has native dates (`date = 2026-11-20`) while JSON only has strings, so
//! these types accept both: a TOML date arrives as toml's private datetime map,
//! a JSON date as an ISO 8601 string. Either way chrono checks that the date
//! exists, so `2026-02-30` is an error at its own line and column.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// A local date and time (Swedish local time), `YYYY-MM-DDTHH:MM[:SS]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(pub NaiveDateTime);

impl Date {
    pub fn parse(text: &str) -> Result<Self, String> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(Date)
            .map_err(|_| format!("`{text}` is not a real date; write it as YYYY-MM-DD, e.g. 2026-11-20"))
    }
}

impl DateTime {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let bad =
            || format!("`{text}` is not a real date and time; write it as YYYY-MM-DDTHH:MM, e.g. 2026-11-20T13:00");
        // TOML allows a space instead of `T`, and seconds are optional.
        let normal = text.replacen(' ', "T", 1);
        let (date, time) = normal.split_once('T').ok_or_else(bad)?;
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| bad())?;
        let time = NaiveTime::parse_from_str(time, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
            .map_err(|_| bad())?;
        Ok(DateTime(NaiveDateTime::new(date, time)))
    }

    pub fn date(&self) -> Date {
        Date(self.0.date())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%dT%H:%M"))
    }
}

/// Reads the text of a date from a string (JSON) or from toml's datetime map.
struct DateText(&'static str);

impl<'de> Visitor<'de> for DateText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        // toml hands a native datetime over as a one-entry map whose key is
        // its private marker and whose value is the datetime as text.
        match map.next_entry::<String, String>()? {
            Some((key, value)) if key == "$__toml_private_datetime" => Ok(value),
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(DateText("a date, YYYY-MM-DD"))?;
        if text.contains(['T', ':']) {
            return Err(de::Error::custom(format!(
                "`{text}` has a time, but this field is a date only; write YYYY-MM-DD"
            )));
        }
        Date::parse(&text).map_err(de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(DateText("a date and time, YYYY-MM-DDTHH:MM"))?;
        if text.ends_with('Z') || text.contains('+') || text.matches('-').count() > 2 {
            return Err(de::Error::custom(format!(
                "`{text}` has a time zone; write the local Swedish time without one, e.g. 2026-11-20T13:00"
            )));
        }
        DateTime::parse(&text).map_err(de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD (in TOML also a bare date)."
        })
    }
}

impl JsonSchema for DateTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?$",
            "description": "Local Swedish date and time without zone, YYYY-MM-DDTHH:MM."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        d: Date,
        t: Option<DateTime>,
    }

    #[test]
    fn toml_native_dates_are_read() {
        let t: T = toml::from_str("d = 2026-11-20\nt = 2026-11-20T13:00:00").unwrap();
        assert_eq!(t.d.to_string(), "2026-11-20");
        assert_eq!(t.t.unwrap().to_string(), "2026-11-20T13:00");
    }

    #[test]
    fn json_string_dates_are_read() {
        let t: T = serde_json::from_str(r#"{"d":"2026-11-20","t":"2026-11-20T13:00"}"#).unwrap();
        assert_eq!(t.d.to_string(), "2026-11-20");
        assert_eq!(t.t.unwrap().to_string(), "2026-11-20T13:00");
    }

    #[test]
    fn impossible_dates_are_refused() {
        let err = toml::from_str::<T>("d = \"2026-02-30\"").err().unwrap();
        assert!(err.to_string().contains("not a real date"), "{err}");
        assert!(serde_json::from_str::<T>(r#"{"d":"2026-13-01"}"#).is_err());
    }

    #[test]
    fn a_time_in_a_date_field_is_refused() {
        let err = toml::from_str::<T>("d = 2026-11-20T10:00:00").err().unwrap();
        assert!(err.to_string().contains("date only"), "{err}");
    }

    #[test]
    fn zoned_times_are_refused() {
        let err = serde_json::from_str::<T>(r#"{"d":"2026-11-20","t":"2026-11-20T13:00:00Z"}"#).err().unwrap();
        assert!(err.to_string().contains("time zone"), "{err}");
    }
}
