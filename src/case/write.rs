//! Writes a case back out as a case file: what the web form's "save"
//! gives the coordinator, and the JSON the page edits.
//!
//! Comments and layout of the file the case was read from are not kept
//! (`sipform upgrade` keeps them; this writes from the parsed case).

use super::Case;

/// The case as pretty JSON, in the order of the case format.
pub fn to_json(case: &Case) -> String {
    let mut text = serde_json::to_string_pretty(case).expect("a case always serialises");
    text.push('\n');
    text
}

/// The case as a TOML case file. Dates and times are written bare
/// (`date = 2026-11-20`), as a person writes them, but only when the file
/// still reads back as the same case: a free text that happens to look like
/// a date stays a string.
pub fn to_toml(case: &Case) -> String {
    let quoted = toml::to_string_pretty(case).expect("a case always serialises as TOML");
    let mut document: toml_edit::DocumentMut = quoted.parse().expect("toml writes TOML that toml_edit reads");
    bare_dates(document.as_item_mut());
    let bare = document.to_string();
    if reads_as(&bare, case) {
        bare
    } else {
        quoted
    }
}

/// Whether `text` parses to the same case (compared as JSON values, which
/// is how the case's fields are defined).
fn reads_as(text: &str, case: &Case) -> bool {
    let Ok(again) = toml::from_str::<Case>(text) else { return false };
    serde_json::to_value(&again).ok() == serde_json::to_value(case).ok()
}

/// Every string that is a date (YYYY-MM-DD) or a local date and time
/// (YYYY-MM-DDTHH:MM) becomes a TOML datetime.
fn bare_dates(item: &mut toml_edit::Item) {
    use toml_edit::{Item, Value};
    match item {
        Item::Value(value) => bare_value(value),
        Item::Table(table) => table.iter_mut().for_each(|(_, item)| bare_dates(item)),
        Item::ArrayOfTables(tables) => {
            tables.iter_mut().for_each(|table| table.iter_mut().for_each(|(_, item)| bare_dates(item)))
        }
        Item::None => {}
    }
    fn bare_value(value: &mut Value) {
        match value {
            Value::String(text) => {
                if let Some(datetime) = as_datetime(text.value()) {
                    *value = Value::from(datetime);
                }
            }
            Value::Array(array) => array.iter_mut().for_each(bare_value),
            Value::InlineTable(table) => table.iter_mut().for_each(|(_, v)| bare_value(v)),
            _ => {}
        }
    }
}

fn as_datetime(text: &str) -> Option<toml_edit::Datetime> {
    let shaped = |t: &str| {
        t.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 => b == b':',
            _ => b.is_ascii_digit(),
        })
    };
    if (text.len() == 10 || text.len() == 16) && shaped(text) {
        // TOML's local time needs seconds.
        let full = if text.len() == 16 { format!("{text}:00") } else { text.to_owned() };
        full.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Case {
        toml::from_str(crate::EXAMPLE).expect("the example parses")
    }

    #[test]
    fn the_example_reads_back_as_itself_from_toml_and_json() {
        let case = example();
        let toml = to_toml(&case);
        assert!(toml.contains("date = 2026-11-20\n"), "dates are bare:\n{toml}");
        assert!(toml.contains("start = 2026-11-20T13:00:00\n"), "times are bare:\n{toml}");
        assert!(reads_as(&toml, &case));
        let json: Case = serde_json::from_str(&to_json(&case)).unwrap();
        assert_eq!(serde_json::to_value(json).unwrap(), serde_json::to_value(&case).unwrap());
    }

    #[test]
    fn a_text_that_looks_like_a_date_stays_text() {
        let mut case = example();
        case.person.takes_part = Some("2026-11-20".into());
        let toml = to_toml(&case);
        assert!(toml.contains("takes_part = \"2026-11-20\""), "{toml}");
        assert!(reads_as(&toml, &case));
    }

    #[test]
    fn only_whole_dates_are_dates() {
        assert!(as_datetime("2026-11-20").is_some());
        assert!(as_datetime("2026-11-20T13:05").is_some());
        for text in ["2026-11-2", "2026-13-40", "20261120", "2026-11-20 13:05", "Omgående", "2026-11-20T13"] {
            assert!(as_datetime(text).is_none(), "{text}");
        }
    }
}
