//! Calendar files (iCalendar, RFC 5545) for the meeting and the follow-up,
//! so that those called can put the SIP meeting in their calendars.
//!
//! Written by hand: the format is small, and the output must be
//! byte-for-byte stable (no generated stamps or ids) and must never carry a
//! place for a protected person, which is easiest to see in forty lines.

use minijinja::context;

use crate::case::{Case, Date, DateTime};
use crate::catalog::Catalog;
use crate::error::Error;

/// Which calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The SIP meeting the invitation calls to.
    Meeting,
    /// A follow-up: the one picked, else the next planned.
    Followup,
}

impl Event {
    pub fn name(self) -> &'static str {
        match self {
            Event::Meeting => "invitation",
            Event::Followup => "followup",
        }
    }
}

/// Europe/Stockholm since 1996: CET, and CEST from the last Sunday of March
/// to the last Sunday of October.
const STOCKHOLM: &str = "BEGIN:VTIMEZONE\r
TZID:Europe/Stockholm\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

/// The calendar file for an event, or `None` when the case has no such event.
///
/// `case` must already be redacted for a protected person (see
/// `protect::redact`): this function prints every place the case still holds.
///
/// `followup` picks the follow-up (0-based); without it, the next planned.
/// A follow-up picked that is already held has no event: `None`, never
/// another follow-up's, which would put the wrong meeting in a calendar
/// beside the invitation to this one.
pub fn ics(case: &Case, event: Event, followup: Option<usize>, catalog: &Catalog) -> Result<Option<String>, Error> {
    let person = &case.person.name;
    let mut lines: Vec<String> = Vec::new();
    match event {
        Event::Meeting => {
            let Some(m) = &case.meeting else { return Ok(None) };
            let ctx = context! { name => person, convener => &m.convener.name, link => &m.link };
            let end = DateTime(m.start.0 + chrono::Duration::minutes(i64::from(m.minutes)));
            // Stable across a new time or place, so a calendar updates the
            // event rather than adding a second one.
            let basis = m.need_identified.or(m.invited).unwrap_or(m.start.date());
            lines.push(format!("UID:{}", uid(&[person, "meeting", &m.convener.unit, &basis.to_string()])));
            lines.push(format!("DTSTAMP:{}", stamp(m.invited.unwrap_or(m.start.date()))));
            lines.push(format!("DTSTART;TZID=Europe/Stockholm:{}", local(m.start)));
            lines.push(format!("DTEND;TZID=Europe/Stockholm:{}", local(end)));
            lines.push(format!("SUMMARY:{}", text(&catalog.render("calendar.meeting", &ctx)?)));
            let mut description = vec![m.purpose.clone()];
            if m.link.is_some() {
                description.push(catalog.render("calendar.link", &ctx)?);
            }
            description.push(catalog.render("calendar.convener", &ctx)?);
            lines.push(format!("DESCRIPTION:{}", text(&description.join("\n\n"))));
            if let Some(place) = &m.place {
                lines.push(format!("LOCATION:{}", text(place)));
            }
        }
        Event::Followup => {
            let picked = match followup {
                Some(i) => Some(i).filter(|i| case.followups.get(*i).is_some_and(|f| !f.held())),
                None => next_followup(case),
            };
            let Some(i) = picked else {
                return Ok(None);
            };
            let f = &case.followups[i];
            let id = f.convener_unit();
            let convener = case.units.iter().find(|u| u.id == id);
            let unit = convener.map(|u| u.generic_name.as_ref().unwrap_or(&u.name).as_str()).unwrap_or(id);
            let ctx = context! { name => person, unit => unit, link => &f.link, timed => f.start.is_some() };
            let first = case.plans.first().map_or(f.date, |p| p.date);
            // Stable across a new day, time or place of the same follow-up:
            // the plan it belongs to and its place in the row.
            let round = (i + 1).to_string();
            lines.push(format!("UID:{}", uid(&[person, "followup", &first.to_string(), &round])));
            let issued = crate::model::followup_invitation_date(case, i);
            lines.push(format!("DTSTAMP:{}", stamp(issued)));
            match f.start {
                Some(start) => {
                    let end = DateTime(start.0 + chrono::Duration::minutes(i64::from(f.minutes.unwrap_or(60))));
                    lines.push(format!("DTSTART;TZID=Europe/Stockholm:{}", local(start)));
                    lines.push(format!("DTEND;TZID=Europe/Stockholm:{}", local(end)));
                }
                // A follow-up with a day but no hour yet: an all-day event.
                None => {
                    lines.push(format!("DTSTART;VALUE=DATE:{}", day(f.date)));
                    lines.push(format!("DTEND;VALUE=DATE:{}", day(Date(f.date.0 + chrono::Days::new(1)))));
                }
            }
            lines.push(format!("SUMMARY:{}", text(&catalog.render("calendar.followup", &ctx)?)));
            let purpose = case.assessed_version(f).and_then(|v| case.plans[v].purpose.clone()).unwrap_or_default();
            let mut description = vec![catalog.render("calendar.followup_description", &ctx)?, purpose];
            if f.link.is_some() {
                description.push(catalog.render("calendar.link", &ctx)?);
            }
            let description: Vec<&str> = description.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
            lines.push(format!("DESCRIPTION:{}", text(&description.join("\n\n"))));
            if let Some(place) = &f.place {
                lines.push(format!("LOCATION:{}", text(place)));
            }
        }
    }

    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sipform//sipform//SV\r\n");
    out.push_str("CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    if lines.iter().any(|l| l.contains("TZID=Europe/Stockholm")) {
        out.push_str(STOCKHOLM);
    }
    out.push_str("BEGIN:VEVENT\r\n");
    for line in lines {
        out.push_str(&fold(&line));
    }
    out.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    Ok(Some(out))
}

/// The next follow-up planned (its index); none once the plan is closed.
pub fn next_followup(case: &Case) -> Option<usize> {
    if case.closed() {
        return None;
    }
    case.next_planned()
}

/// A globally unique, stable id: a digest of what identifies the event. It
/// holds no personnummer, which a digest would not hide.
fn uid(parts: &[&str]) -> String {
    format!("{:016x}@sipform", crate::fnv1a(parts.join("\u{1f}").as_bytes()))
}

/// DTSTAMP must be UTC; the day the event was issued, at midnight, keeps the
/// file the same for the same case.
fn stamp(d: Date) -> String {
    format!("{}T000000Z", day(d))
}

fn day(d: Date) -> String {
    d.0.format("%Y%m%d").to_string()
}

fn local(t: DateTime) -> String {
    t.0.format("%Y%m%dT%H%M%S").to_string()
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545, 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets, never inside a character (RFC 5545, 3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("DESCRIPTION:{}", "å".repeat(60));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn uids_are_stable_and_differ_by_event() {
        assert_eq!(uid(&["Anna", "meeting"]), uid(&["Anna", "meeting"]));
        assert_ne!(uid(&["Anna", "meeting"]), uid(&["Anna", "followup"]));
    }
}
