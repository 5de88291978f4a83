//! Calendar files (`render --ics`), read back with a real iCalendar parser
//! (the `icalendar` crate) and checked against RFC 5545 and the case: the
//! meeting at its time in Europe/Stockholm, the follow-up as an all-day
//! event, text escaped, lines folded at 75 octets, the same bytes every run,
//! and for a protected person no place, link, address, phone or e-mail
//! anywhere in the file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};
use icalendar::parser::{read_calendar, unfold, Component as Parsed, Property};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};

use common::*;
use sipform::case::locate::display;

// ------------------------------------------------------------------ reading

/// A calendar file as written, with what a parser makes of it.
struct Ics {
    path: PathBuf,
    raw: Vec<u8>,
}

impl Ics {
    fn read(path: &Path) -> Ics {
        let raw = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Ics { path: path.to_owned(), raw }
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.raw).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", self.path.display()))
    }

    fn unfolded(&self) -> String {
        unfold(self.text())
    }

    /// The content lines after unfolding, without their CRLF.
    fn lines(&self) -> Vec<String> {
        let unfolded = self.unfolded();
        let body = unfolded.strip_suffix("\r\n").expect("the file ends with CRLF");
        body.split("\r\n").map(str::to_owned).collect()
    }

    /// The raw (still escaped) value of the one content line named `name`.
    fn raw_value(&self, name: &str) -> String {
        let found: Vec<String> = self
            .lines()
            .into_iter()
            .filter(|l| l.split([':', ';']).next() == Some(name))
            .map(|l| l.split_once(':').unwrap().1.to_owned())
            .collect();
        assert_eq!(found.len(), 1, "{}: one {name} line", self.path.display());
        found.into_iter().next().unwrap()
    }

    /// The file's text in every form a reader might search it: as written,
    /// unfolded, and unfolded with the TEXT escapes undone.
    fn readings(&self) -> [String; 3] {
        let unfolded = self.unfolded();
        let mut unescaped = String::with_capacity(unfolded.len());
        let mut chars = unfolded.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n' | 'N') => unescaped.push('\n'),
                    Some(next) => unescaped.push(next),
                    None => unescaped.push('\\'),
                },
                (c, false) => unescaped.push(c),
            }
        }
        [self.text().to_owned(), unfolded, unescaped]
    }

    /// RFC 5545, 3.1: every line ends with CRLF and is at most 75 octets
    /// long, a long line goes on in lines that start with one space, and a
    /// fold never splits a character.
    #[track_caller]
    fn assert_well_formed(&self) {
        let name = self.path.display();
        assert!(self.raw.ends_with(b"\r\n"), "{name} ends with CRLF");
        let physical: Vec<&[u8]> = self.raw[..self.raw.len() - 1].split(|&b| b == b'\n').collect();
        for (n, line) in physical.iter().enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or_else(|| panic!("{name}: line {} ends with LF only", n + 1));
            assert!(!line.contains(&b'\r'), "{name}: a bare CR in line {}", n + 1);
            assert!(line.len() <= 75, "{name}: line {} has {} octets", n + 1, line.len());
            let text = std::str::from_utf8(line)
                .unwrap_or_else(|_| panic!("{name}: line {} breaks a character in two", n + 1));
            assert!(!text.is_empty(), "{name}: line {} is empty", n + 1);
            if let Some(rest) = text.strip_prefix(' ') {
                assert!(n > 0 && !rest.is_empty(), "{name}: line {} continues nothing", n + 1);
            }
            assert!(!text.starts_with('\t'), "{name}: line {} folds with a tab", n + 1);
        }
        assert!(physical.len() >= self.lines().len());
    }

    /// The file as the parser reads it: the VCALENDAR's properties and
    /// components. Every content line must have been understood.
    fn parse<'a>(&self, unfolded: &'a str) -> (Vec<Property<'a>>, Vec<Parsed<'a>>) {
        let calendar =
            read_calendar(unfolded).unwrap_or_else(|e| panic!("{} does not parse: {e}", self.path.display()));
        fn count(c: &Parsed) -> usize {
            2 + c.properties.len() + c.components.iter().map(count).sum::<usize>()
        }
        let understood = 2 + calendar.properties.len() + calendar.components.iter().map(count).sum::<usize>();
        assert_eq!(understood, self.lines().len(), "{}: the parser read every content line", self.path.display());
        (calendar.properties, calendar.components)
    }

    /// The one VEVENT, typed.
    fn event(&self) -> icalendar::Event {
        let calendar = icalendar::Calendar::from_str(self.text()).unwrap();
        let mut events = calendar.components.into_iter().filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        });
        let event = events.next().expect("a VEVENT");
        assert!(events.next().is_none(), "{}: one VEVENT", self.path.display());
        event
    }
}

fn props<'p, 'a>(c: &'p Parsed<'a>, name: &str) -> Vec<&'p Property<'a>> {
    c.properties.iter().filter(|p| p.name.as_str() == name).collect()
}

/// The one property of that name, which must be there once.
#[track_caller]
fn prop<'p, 'a>(c: &'p Parsed<'a>, name: &str) -> &'p Property<'a> {
    let found = props(c, name);
    assert_eq!(found.len(), 1, "one {name} in {}", c.name.as_str());
    found[0]
}

fn param<'p>(p: &'p Property, key: &str) -> Option<&'p str> {
    p.params.iter().find(|x| x.key.as_str() == key).and_then(|x| x.val.as_ref()).map(|v| v.as_str())
}

/// A TEXT value with its escapes undone (RFC 5545, 3.3.11), insisting that
/// every comma, semicolon and backslash in it was escaped.
fn unescape(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\') => out.push('\\'),
                Some(';') => out.push(';'),
                Some(',') => out.push(','),
                Some('n' | 'N') => out.push('\n'),
                other => panic!("`\\{other:?}` is no TEXT escape: {raw}"),
            },
            ',' | ';' => panic!("an unescaped {c:?} in a TEXT value: {raw}"),
            c => out.push(c),
        }
    }
    out
}

fn components<'p, 'a>(cs: &'p [Parsed<'a>], name: &str) -> Vec<&'p Parsed<'a>> {
    cs.iter().filter(|c| c.name.as_str() == name).collect()
}

#[track_caller]
fn assert_uid(uid: &str) {
    let (hex, host) = uid.split_once('@').unwrap_or_else(|| panic!("UID {uid}"));
    assert_eq!(host, "sipform", "UID {uid}");
    assert!(hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "UID {uid}");
}

// ---------------------------------------------------------------- rendering

/// Renders a case with `--ics` (all its forms) into `out` and returns the
/// calendar files that were written, meeting and follow-up.
fn render_ics(case: &Path, out: &Path, extra: &[&str]) -> (Option<Ics>, Option<Ics>) {
    let mut args = vec!["render", case.to_str().unwrap(), "--ics", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    sipform_ok(&args);
    let stem = case.file_stem().unwrap().to_str().unwrap();
    let read = |event: &str| {
        let path = out.join(format!("{stem}-{event}.ics"));
        path.exists().then(|| Ics::read(&path))
    };
    (read("invitation"), read("followup"))
}

/// The meeting's calendar file, and the follow-up's when the plan has a
/// next follow-up (a closed plan has none).
fn both(case: &Path, out: &Path, extra: &[&str]) -> (Ics, Option<Ics>) {
    match render_ics(case, out, extra) {
        (Some(m), f) => (m, f),
        (None, _) => panic!("{}: no calendar file for the meeting", case.display()),
    }
}

/// The example's own words, read with a TOML parser rather than sipform.
struct Facts {
    name: String,
    purpose: String,
    place: String,
    link: Option<String>,
    start: NaiveDateTime,
    /// The next follow-up: day, place and where the place is in the case.
    followup: Option<(NaiveDate, String, String)>,
}

fn facts(case: &Path) -> Facts {
    let t: toml::Table = toml::from_str(&fs::read_to_string(case).unwrap()).unwrap();
    let s = |table: &str, key: &str| t[table][key].as_str().unwrap().to_owned();
    let date = |table: &str, key: &str| t[table][key].as_datetime().unwrap().to_string();
    Facts {
        name: s("person", "name"),
        purpose: s("meeting", "purpose"),
        place: s("meeting", "place"),
        link: t["meeting"].get("link").map(|l| l.as_str().unwrap().to_owned()),
        start: NaiveDateTime::parse_from_str(&date("meeting", "start"), "%Y-%m-%dT%H:%M:%S").unwrap(),
        followup: next_followup(&t),
    }
}

/// The next follow-up as the case gives it: the first `[[followups]]` not
/// held (no `decision`) after the last one held; none when that one closed
/// the plan.
fn next_followup(t: &toml::Table) -> Option<(NaiveDate, String, String)> {
    let day =
        |v: &toml::Value| NaiveDate::parse_from_str(&v["date"].as_datetime().unwrap().to_string(), "%Y-%m-%d").unwrap();
    let followups = t.get("followups").and_then(|e| e.as_array()).map_or(&[][..], |e| e.as_slice());
    let held = |f: &toml::Value| f.get("decision").is_some();
    let last = followups.iter().rposition(held);
    if last.is_some_and(|i| matches!(followups[i]["decision"].as_str(), Some("close" | "restart"))) {
        return None;
    }
    let i = (last.map_or(0, |i| i + 1)..followups.len()).find(|&i| !held(&followups[i]))?;
    let place = followups[i]["place"].as_str().unwrap().to_owned();
    Some((day(&followups[i]), place, format!("followups[{i}].place")))
}

/// Each example's meeting, written out here from the examples.
const MEETINGS: [(&str, &str, &str); 3] = [
    ("anna", "2026-11-20T13:00:00", "2026-11-20T14:30:00"),
    ("child", "2027-03-02T14:00:00", "2027-03-02T15:30:00"),
    ("discharge", "2026-11-24T10:00:00", "2026-11-24T11:00:00"),
];

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
}

fn stockholm(s: &str) -> DatePerhapsTime {
    DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time: at(s), tzid: "Europe/Stockholm".into() })
}

// -------------------------------------------------------------------- tests

/// The meeting: one VEVENT at the example's time in Europe/Stockholm, with
/// that zone defined, the person in the summary, the purpose in the
/// description and the place as the location.
#[track_caller]
fn assert_meeting(ics: &Ics, f: &Facts, start: &str, end: &str) {
    ics.assert_well_formed();
    let unfolded = ics.unfolded();
    let (top, cs) = ics.parse(&unfolded);
    let value = |name: &str| top.iter().filter(|p| p.name.as_str() == name).map(|p| p.val.as_str()).collect::<Vec<_>>();
    assert_eq!(value("VERSION"), ["2.0"]);
    assert_eq!(value("PRODID").len(), 1);

    let zones = components(&cs, "VTIMEZONE");
    assert_eq!(zones.len(), 1, "the zone the times refer to is defined");
    assert_eq!(prop(zones[0], "TZID").val.as_str(), "Europe/Stockholm");
    let parts: Vec<&str> = zones[0].components.iter().map(|c| c.name.as_str()).collect();
    assert!(parts.contains(&"STANDARD") && parts.contains(&"DAYLIGHT"), "CET and CEST: {parts:?}");
    for part in &zones[0].components {
        for key in ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"] {
            prop(part, key);
        }
    }
    let events = components(&cs, "VEVENT");
    assert_eq!(events.len(), 1, "one VEVENT");
    assert_eq!(cs.len(), 2, "the zone and the event, nothing else");
    let e = events[0];

    for key in ["DTSTART", "DTEND"] {
        assert_eq!(param(prop(e, key), "TZID"), Some("Europe/Stockholm"), "{key}");
    }
    assert!(prop(e, "DTSTAMP").val.as_str().ends_with('Z'), "DTSTAMP is UTC");
    assert_uid(prop(e, "UID").val.as_str());

    let event = ics.event();
    assert_eq!(f.start, at(start), "the table here matches the example");
    assert_eq!(event.get_start(), Some(stockholm(start)));
    assert_eq!(event.get_end(), Some(stockholm(end)));
    let summary = event.get_summary().unwrap();
    assert!(summary.contains(&f.name), "SUMMARY {summary:?} names {}", f.name);
    let description = event.get_description().unwrap();
    assert!(description.contains(&f.purpose), "DESCRIPTION {description:?} holds the purpose");
    if let Some(link) = &f.link {
        assert!(description.contains(link.as_str()), "DESCRIPTION {description:?} holds the link");
    }
    assert_eq!(event.get_location(), Some(f.place.as_str()));

    // The parser and the RFC's escaping rules agree on every TEXT value.
    assert_eq!(unescape(&ics.raw_value("SUMMARY")), summary);
    assert_eq!(unescape(&ics.raw_value("DESCRIPTION")), description);
    assert_eq!(unescape(&ics.raw_value("LOCATION")), f.place);
}

/// The follow-up: one all-day VEVENT on the next follow-up's day.
#[track_caller]
fn assert_followup(ics: &Ics, f: &Facts) {
    ics.assert_well_formed();
    let unfolded = ics.unfolded();
    let (_, cs) = ics.parse(&unfolded);
    let events = components(&cs, "VEVENT");
    assert_eq!(events.len(), 1, "one VEVENT");
    let e = events[0];
    for key in ["DTSTART", "DTEND"] {
        assert_eq!(param(prop(e, key), "VALUE"), Some("DATE"), "{key} is a date");
        assert_eq!(param(prop(e, key), "TZID"), None, "{key}: a date has no zone");
    }
    assert!(prop(e, "DTSTAMP").val.as_str().ends_with('Z'), "DTSTAMP is UTC");
    assert_uid(prop(e, "UID").val.as_str());

    let event = ics.event();
    let (day, place, _) = f.followup.clone().expect("the case has a next follow-up");
    assert_eq!(event.get_start(), Some(DatePerhapsTime::Date(day)));
    assert_eq!(event.get_end(), Some(DatePerhapsTime::Date(day.succ_opt().unwrap())), "one whole day");
    let summary = event.get_summary().unwrap();
    assert!(summary.contains(&f.name), "SUMMARY {summary:?} names {}", f.name);
    assert_eq!(event.get_location(), Some(place.as_str()));
    assert_eq!(unescape(&ics.raw_value("SUMMARY")), summary);
    assert_eq!(unescape(&ics.raw_value("DESCRIPTION")), event.get_description().unwrap());
}

fn uid(ics: &Ics) -> String {
    ics.event().get_uid().unwrap().to_owned()
}

#[test]
fn each_example_has_its_meeting_and_follow_up_as_calendar_files() {
    let dir = tempdir();
    let mut uids = Vec::new();
    for (name, start, end) in MEETINGS {
        let f = facts(&example(name));
        let (meeting, followup) = both(&example(name), dir.path(), &[]);
        assert_meeting(&meeting, &f, start, end);
        uids.push(uid(&meeting));
        assert_eq!(
            followup.is_some(),
            f.followup.is_some(),
            "{name}: a follow-up file when the plan has a next follow-up"
        );
        if let Some(followup) = followup {
            assert_followup(&followup, &f);
            uids.push(uid(&followup));
        }
    }
    let mut distinct = uids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), uids.len(), "every event of every case has its own UID: {uids:?}");
}

/// A catalogue sentence's own words, outside its `{{ }}` and `{% %}` tags.
fn own_words(sentence: &str) -> Vec<String> {
    let mut own = String::new();
    let mut rest = sentence;
    while let Some(start) = rest.find(['{']) {
        own.push_str(&rest[..start]);
        let close = if rest[start..].starts_with("{%") { "%}" } else { "}}" };
        rest = rest[start..].find(close).map_or("", |end| &rest[start + end + 2..]);
        own.push(' ');
    }
    own.push_str(rest);
    own.split(|c: char| c.is_whitespace() || ".,:،".contains(c)).filter(|w| !w.is_empty()).map(String::from).collect()
}

/// A calendar file is in the case's language: an Arabic and a Finnish
/// case's meeting and follow-up carry their catalogue's `[calendar]`
/// words (their summary and description), not the Swedish ones, in files
/// that parse.
#[test]
fn calendar_files_speak_the_case_language() {
    let dir = tempdir();
    let catalogue = |code: &str| -> toml::Table {
        toml::from_str(&fs::read_to_string(root().join(format!("lang/{code}/text.toml"))).unwrap()).unwrap()
    };
    let sv = catalogue("sv");
    for code in ["ar", "fi"] {
        let words = catalogue(code);
        let text = fs::read_to_string(example("anna")).unwrap();
        let case = dir.path().join(format!("anna-{code}.toml"));
        fs::write(&case, text.replacen("language = \"sv\"", &format!("language = \"{code}\""), 1)).unwrap();
        let (meeting, followup) = both(&case, &dir.path().join(code), &[]);
        let followup = followup.expect("Anna's plan has a next follow-up");
        for (ics, keys) in [(&meeting, ["meeting", "convener"]), (&followup, ["followup", "followup_description"])] {
            ics.assert_well_formed();
            ics.parse(&ics.unfolded());
            ics.event();
            let read = &ics.readings()[2];
            for key in keys {
                let sentence = words["calendar"][key].as_str().unwrap();
                for w in own_words(sentence) {
                    assert!(read.contains(&w), "{code}: {w:?} of calendar.{key} in:\n{read}");
                }
                // Not the Swedish sentence: its longer words are not all there.
                let swedish = own_words(sv["calendar"][key].as_str().unwrap());
                let found = swedish.iter().filter(|w| w.chars().count() > 3 && read.contains(w.as_str())).count();
                assert!(
                    found < swedish.iter().filter(|w| w.chars().count() > 3).count(),
                    "{code}: calendar.{key} in Swedish:\n{read}"
                );
            }
        }
    }
}

#[test]
fn calendar_files_are_the_same_bytes_every_run() {
    let dir = tempdir();
    for (name, _, _) in MEETINGS {
        let (m1, f1) = both(&example(name), &dir.path().join("one"), &[]);
        let (m2, f2) = both(&example(name), &dir.path().join("two"), &[]);
        assert!(m1.raw == m2.raw, "{name}: the meeting's calendar file differs between two runs");
        assert_eq!(f1.as_ref().map(|f| &f.raw), f2.as_ref().map(|f| &f.raw), "{name}: the follow-up's file differs");
        assert_eq!(uid(&m1), uid(&m2));
        assert_eq!(f1.as_ref().map(uid), f2.as_ref().map(uid));
    }
}

/// A calendar updates an event it has by its UID: a meeting that moves to
/// another time and room keeps its UID, and so does the follow-up.
#[test]
fn the_uid_stays_when_the_meeting_moves() {
    let dir = tempdir();
    let moved = dir.path().join("moved.toml");
    let text = fs::read_to_string(example("anna")).unwrap();
    let old_place = "place = \"Vuxenpsykiatriska öppenvårdsmottagningen, Hamngatan 2, rum 3, Karlstad\"\npurpose";
    assert!(text.contains(old_place));
    fs::write(
        &moved,
        text.replacen("start = 2026-11-20T13:00:00", "start = 2026-11-27T09:15:00", 1).replacen(
            old_place,
            "place = \"Hamngatan 2, rum 7, Karlstad\"\npurpose",
            1,
        ),
    )
    .unwrap();
    let (m1, f1) = both(&example("anna"), &dir.path().join("before"), &[]);
    let (m2, f2) = both(&moved, &dir.path().join("after"), &[]);
    let f = facts(&moved);
    assert_eq!(f.place, "Hamngatan 2, rum 7, Karlstad");
    assert_meeting(&m2, &f, "2026-11-27T09:15:00", "2026-11-27T10:45:00");
    assert_eq!(uid(&m1), uid(&m2), "the moved meeting is the same event");
    assert_eq!(f1.as_ref().map(uid), f2.as_ref().map(uid));
    assert!(f1.is_some());
}

/// Commas, semicolons, backslashes and line breaks in the case's text are
/// escaped, and long text with three-octet characters folds between them.
#[test]
fn text_is_escaped_and_folded() {
    let dir = tempdir();
    let case = dir.path().join("escaped.toml");
    let purpose = "Första delen; andra, tredje \\ fjärde.\nNästa rad: priset 120 € för resan, \
                   och så vidare åäö ÅÄÖ åäö ÅÄÖ åäö ÅÄÖ €€€€€€€€€€€€€€€€€€€€€€€€€ slut";
    let place = "Rum 3; plan 2, Hamngatan\\huset";
    let text = fs::read_to_string(example("anna")).unwrap();
    let old = |key: &str| text.lines().find(|l| l.starts_with(&format!("{key} = \""))).unwrap().to_owned();
    let toml_string = |s: &str| toml::Value::String(s.into()).to_string();
    let text = text.replacen(&old("purpose"), &format!("purpose = {}", toml_string(purpose)), 1).replacen(
        &old("place"),
        &format!("place = {}", toml_string(place)),
        1,
    );
    fs::write(&case, text).unwrap();

    let f = facts(&case);
    assert_eq!((f.purpose.as_str(), f.place.as_str()), (purpose, place));
    let (meeting, _) = both(&case, dir.path(), &[]);
    assert_meeting(&meeting, &f, "2026-11-20T13:00:00", "2026-11-20T14:30:00");
    let raw = meeting.raw_value("LOCATION");
    assert_eq!(raw, "Rum 3\\; plan 2\\, Hamngatan\\\\huset");
    assert!(meeting.raw_value("DESCRIPTION").contains("fjärde.\\nNästa rad"), "a line break is \\n");
    assert!(meeting.text().lines().count() > meeting.lines().len(), "the description is folded");
}

/// The meeting's file comes with the invitation; the follow-up's with the
/// plan or the follow-up form.
#[test]
fn calendar_files_come_with_the_forms_they_belong_to() {
    let dir = tempdir();
    for (form, meeting, followup) in
        [("invitation", true, false), ("consent", false, false), ("plan", false, true), ("followup", false, true)]
    {
        let out = dir.path().join(form);
        fs::create_dir(&out).unwrap();
        let (m, f) = render_ics(&example("child"), &out, &["--form", form]);
        assert_eq!((m.is_some(), f.is_some()), (meeting, followup), "--form {form}");
        assert_eq!(pdfs_in(&out), [out.join(format!("child-{form}.pdf"))]);
    }
}

/// A follow-up's start as the case gives it, in Europe/Stockholm.
fn followup_start(case: &Path, n: usize) -> DatePerhapsTime {
    let t: toml::Table = toml::from_str(&fs::read_to_string(case).unwrap()).unwrap();
    stockholm(&t["followups"][n - 1]["start"].as_datetime().unwrap().to_string())
}

/// Renders the follow-up invitation with `--ics` and returns the follow-up's
/// calendar file, if one was written, and what was said on stderr.
fn followup_invitation_ics(case: &Path, out: &Path, extra: &[&str]) -> (Option<Ics>, String) {
    // An existing folder: with one form, `-o` is otherwise its file name.
    fs::create_dir(out).unwrap();
    let mut args =
        vec!["render", case.to_str().unwrap(), "--form", "followup-invitation", "--ics", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let done = sipform_ok(&args);
    let stem = case.file_stem().unwrap().to_str().unwrap();
    assert_eq!(pdfs_in(out), [out.join(format!("{stem}-followup-invitation.pdf"))]);
    assert!(!out.join(format!("{stem}-invitation.ics")).exists());
    let path = out.join(format!("{stem}-followup.ics"));
    (path.exists().then(|| Ics::read(&path)), stderr(&done))
}

/// Beside a follow-up invitation the calendar file is the event of the
/// follow-up it invites to: the one picked with `--followup`, else the next
/// planned. One already held gets no file, and a warning at its `decision`
/// says so; another follow-up's event is never put in its place.
#[test]
fn a_follow_up_invitation_comes_with_its_own_follow_ups_event() {
    let dir = tempdir();
    let case = example("two-years");
    let text = fs::read_to_string(&case).unwrap();

    // The default: the next follow-up planned, the fourth.
    let (ics, _) = followup_invitation_ics(&case, &dir.path().join("next"), &[]);
    assert_eq!(ics.expect("a calendar file").event().get_start(), Some(followup_start(&case, 4)));

    // The second is held: its invitation, and no calendar file for it.
    let (ics, said) = followup_invitation_ics(&case, &dir.path().join("held"), &["--followup", "2"]);
    assert!(ics.is_none(), "no other follow-up's event beside the second's invitation");
    assert!(said.contains("held-followup-calendar"), "{said}");
    let decision = text.match_indices("decision = ").nth(1).map(|(at, _)| text[..at].lines().count() + 1).unwrap();
    assert!(
        said.contains(&format!("two-years.toml:{decision}:")),
        "found at the second's decision, line {decision}: {said}"
    );

    // With a fifth follow-up planned after the fourth (while the consent
    // still runs), each invitation carries its own: the one picked, not the
    // next.
    let later = dir.path().join("two-years.toml");
    let fifth = "\n[[followups]]\ndate = 2026-12-10\nstart = 2026-12-10T13:00:00\nminutes = 60\n\
                 place = \"Socialtjänsten, Falun\"\nconvener = { unit = \"soc\", name = \"Ali Rahimi\" }\n\
                 invited = 2026-12-02\nparticipants = [\"Karin Johansson\", \"Ali Rahimi\"]\n\
                 questions = [\"Hur går det?\"]\n";
    fs::write(&later, format!("{text}{fifth}")).unwrap();
    for (n, extra) in [(4, &[][..]), (4, &["--followup", "4"][..]), (5, &["--followup", "5"][..])] {
        let (ics, said) =
            followup_invitation_ics(&later, &dir.path().join(format!("later-{n}-{}", extra.len())), extra);
        let start = ics.expect("a calendar file").event().get_start();
        assert_eq!(start, Some(followup_start(&later, n)), "{extra:?}");
        assert!(!said.contains("held-followup-calendar"), "{said}");
    }
}

// ---------------------------------------------------------------- protected

/// Everything of a case that tells where the person lives or stays: every
/// location field, and every unit's own name where the protected variant
/// prints a generic one.
fn location_values(case: &Path) -> Vec<(String, String)> {
    let bytes = fs::read(case).unwrap();
    let mut loaded = sipform::case::from_bytes(case.to_str().unwrap(), None, bytes).unwrap();
    let mut values: Vec<(String, String)> = loaded
        .case
        .location_fields()
        .into_iter()
        .filter_map(|(path, value)| value.clone().map(|v| (display(&path), v)))
        .collect();
    for (i, unit) in loaded.case.units.iter().enumerate() {
        if unit.generic_name.as_ref() != Some(&unit.name) {
            values.push((format!("units[{i}].name"), unit.name.clone()));
        }
    }
    values
}

/// No location value in the calendar file: no LOCATION property in any
/// component, and none of the values anywhere, as written, unfolded or
/// unescaped.
#[track_caller]
fn assert_no_location(ics: &Ics, values: &[(String, String)]) {
    ics.assert_well_formed();
    let unfolded = ics.unfolded();
    let (top, cs) = ics.parse(&unfolded);
    fn locations(c: &Parsed) -> usize {
        props(c, "LOCATION").len() + c.components.iter().map(locations).sum::<usize>()
    }
    assert!(!top.iter().any(|p| p.name.as_str() == "LOCATION"), "{}: LOCATION", ics.path.display());
    assert_eq!(cs.iter().map(locations).sum::<usize>(), 0, "{}: no LOCATION", ics.path.display());
    assert_eq!(ics.event().get_location(), None);
    for text in ics.readings() {
        for (field, value) in values {
            assert!(!text.contains(value.as_str()), "{field} ({value:?}) is in {}:\n{text}", ics.path.display());
        }
    }
}

#[test]
fn the_protected_variant_puts_no_place_in_the_calendar() {
    let dir = tempdir();
    for (name, start, end) in MEETINGS {
        let values = location_values(&example(name));
        let fields: Vec<&str> = values.iter().map(|(f, _)| f.as_str()).collect();
        assert!(fields.contains(&"meeting.place"), "{name}: {fields:?}");

        // Rendered normally, the calendar has the places, so their absence
        // below means something.
        let (meeting, followup) = both(&example(name), &dir.path().join(format!("{name}-normal")), &[]);
        let f = facts(&example(name));
        assert_meeting(&meeting, &f, start, end);
        if let Some(followup) = &followup {
            assert_followup(followup, &f);
        }

        let (meeting, followup) = both(&example(name), &dir.path().join(name), &["--protected"]);
        assert_no_location(&meeting, &values);
        // Still the person's meeting and follow-up.
        assert!(meeting.event().get_summary().unwrap().contains(&f.name));
        assert!(meeting.event().get_description().unwrap().contains(&f.purpose));
        if let (Some(followup), Some((day, _, _))) = (&followup, &f.followup) {
            assert_no_location(followup, &values);
            assert!(followup.event().get_summary().unwrap().contains(&f.name));
            assert_eq!(followup.event().get_start(), Some(DatePerhapsTime::Date(*day)));
        }
    }
}

#[test]
fn no_location_marker_reaches_a_protected_calendar_file() {
    let dir = tempdir();
    for (n, (base, extra)) in [("anna", ""), ("child", REPRESENTATIVE), ("discharge", "")].into_iter().enumerate() {
        let Marked { file: case, markers } = marked(dir.path(), base, extra, n);
        assert!(markers.len() >= 15, "{base}: only {} location fields", markers.len());
        let marker = |field: &str| markers.iter().find(|(f, _)| f == field).unwrap().1.clone();

        // Rendered normally, the place, the link and the follow-up's place
        // are in the calendar files: the markers can be seen.
        let (meeting, followup) = both(&case, &dir.path().join(format!("normal-{n}")), &[]);
        let [_, _, shown] = meeting.readings();
        assert!(shown.contains(&marker("meeting.place")), "{base}: LOCATION");
        assert!(shown.contains(&marker("meeting.link")), "{base}: the link in DESCRIPTION");
        let next = facts(&example(base)).followup.map(|(_, _, field)| field);
        assert_eq!(followup.is_some(), next.is_some(), "{base}");
        if let (Some(followup), Some(field)) = (&followup, &next) {
            let [_, _, shown] = followup.readings();
            assert!(shown.contains(&marker(field)), "{base}: LOCATION from {field}");
        }

        let (meeting, followup) = both(&case, &dir.path().join(format!("protected-{n}")), &["--protected"]);
        assert_no_location(&meeting, &markers);
        followup.iter().for_each(|f| assert_no_location(f, &markers));

        // A case that is protected by itself, without the flag.
        for flag in ["protected", "violence"] {
            let own = dir.path().join(format!("{flag}-{n}.json"));
            let text = fs::read_to_string(&case).unwrap();
            let from = format!("\"{flag}\": false");
            assert!(text.contains(&from), "{from}");
            // A child's post goes to the guardian marked as protecting them.
            let text = text.replacen("\"custody\": true", "\"custody\": true, \"protecting\": true", 1);
            fs::write(&own, text.replacen(&from, &format!("\"{flag}\": true"), 1)).unwrap();
            let (meeting, followup) = both(&own, &dir.path().join(format!("{flag}-{n}")), &[]);
            assert_no_location(&meeting, &markers);
            followup.iter().for_each(|f| assert_no_location(f, &markers));
        }
    }
}
