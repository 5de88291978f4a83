//! The second stage: what must hold in a case before any form can be drawn.
//!
//! Errors stop a render; warnings are reported and the render goes on. Each
//! rule lives in the module named for what it guards; every finding carries a
//! stable code and the place in the case file it is about.

mod consent;
mod forms;
mod identity;
mod meetings;
mod plan;
mod references;
mod text;
mod timing;

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::case::locate::{self, Step};
use crate::case::{Case, Date, Loaded, Principal};
use crate::diagnostic::Diagnostic;
use crate::forms::FormKind;
use crate::select::Pick;

pub use text::{replace_emoji, unprintable, unprintable_catalogue, UnprintableText, MAX_ITEMS, MAX_TEXT_CHARS};

/// The word that stands for the individual in `plan.actions[].responsible`.
pub const SELF: &str = "self";

/// The rules that differ between regions, and the print date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOptions {
    /// How long a consent may run, in months from the day it was given
    /// (VGR: at most one year).
    pub consent_months: u32,
    /// How soon the meeting should be held after the need was found, in days
    /// (VGR: 3 weeks; Halland: 30 days). Later is a warning.
    pub meeting_within_days: u32,
    /// The date the forms carry as printed, when the command line sets it.
    pub printed: Option<Date>,
    /// Parts the case lacks are printed as room to write (`--with-blanks`):
    /// their absence is a warning, not an error.
    pub with_blanks: bool,
    /// The age from which a young person consents beside the guardians, as
    /// the organisation decides (OSL 12 kap. 3 §: a minor of sufficient
    /// maturity decides over their own secrecy); none by default.
    pub young_person_consent_age: Option<u32>,
}

/// What `--with-blanks` lets a case lack: it is written in by hand.
const MAY_BE_BLANK: &[&str] = &["no-goals", "no-actions", "no-followup", "no-consent", "no-huvudman-action"];

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            consent_months: 12,
            meeting_within_days: 21,
            printed: None,
            with_blanks: false,
            young_person_consent_age: None,
        }
    }
}

/// Checks a whole case: its own rules and those of every form it has the
/// data for, so that a clean check means `render --all` will go through.
/// The diagnostics are ordered by where they are in the file.
pub fn check(loaded: &Loaded, options: &CheckOptions) -> Vec<Diagnostic> {
    let mut c = Checker::new(loaded, options);
    c.case_rules();
    let case = &loaded.case;
    // A protected case is only ever printed protected: find now what would stop that.
    if crate::protect::required(case) {
        c.found.extend(protected(loaded));
    }
    let none = Pick::default();
    let (printable, allowed) = printable(case);
    if consent::withdrawn(case) && !allowed.is_empty() && allowed.len() < printable.len() {
        consent::withdrawn_note(&mut c);
    }
    match allowed.is_empty() {
        // Nothing can be printed: say why, once.
        true => printable.first().into_iter().for_each(|k| c.form_rules(*k, none)),
        false => allowed.into_iter().for_each(|k| c.form_rules(k, none)),
    }
    c.finish()
}

/// The forms a case has the data for, and those of them its consent lets be
/// printed.
fn printable(case: &Case) -> (Vec<FormKind>, Vec<FormKind>) {
    let none = Pick::default();
    let printable: Vec<FormKind> = FormKind::ALL
        .into_iter()
        .filter(|k| crate::select::listed(case, *k, none))
        .filter(|k| crate::select::form_date(case, *k, none).is_ok())
        .collect();
    let allowed = printable.iter().copied().filter(|k| consent_allows(case, *k, none)).collect();
    (printable, allowed)
}

/// The warning that `render --all` leaves forms out because the consent was
/// withdrawn, the same one `check` gives.
pub fn left_out_by_withdrawal(loaded: &Loaded, options: &CheckOptions) -> Vec<Diagnostic> {
    let (printable, allowed) = printable(&loaded.case);
    if !consent::withdrawn(&loaded.case) || allowed.is_empty() || allowed.len() == printable.len() {
        return Vec::new();
    }
    let mut c = Checker::new(loaded, options);
    consent::withdrawn_note(&mut c);
    c.finish()
}

/// Why no calendar file goes with follow-up `i` (0-based), which is
/// already held: said, so that the file's absence is not taken for a fault
/// and no other follow-up's event is looked for in its place.
pub fn held_followup_calendar(loaded: &Loaded, options: &CheckOptions, i: usize) -> Vec<Diagnostic> {
    let mut c = Checker::new(loaded, options);
    forms::held_followup_calendar(&mut c, i);
    c.finish()
}

/// Checks a case for printing one form; `pick` says which follow-up, plan
/// version or consent it shows.
pub fn check_form(loaded: &Loaded, kind: FormKind, pick: Pick, options: &CheckOptions) -> Vec<Diagnostic> {
    check_forms(loaded, &[kind], pick, options)
}

/// Checks a case for printing several forms: the case's rules once, each
/// form's own, and every finding once however many forms it stops.
pub fn check_forms(loaded: &Loaded, kinds: &[FormKind], pick: Pick, options: &CheckOptions) -> Vec<Diagnostic> {
    let mut c = Checker::new(loaded, options);
    c.case_rules();
    // The same protected findings as a whole-case check: `check --form plan`
    // must not pass a case that `render --form plan` refuses.
    if crate::protect::required(&loaded.case) {
        c.found.extend(protected(loaded));
    }
    for kind in kinds {
        c.form_rules(*kind, pick);
    }
    c.finish()
}

/// What the protected variant finds in the case's own values: location data
/// left in text, hidden characters, a unit without a generic name (errors),
/// and words that may be places (warnings). What the forms print is
/// scanned by the renderer ([`crate::Renderer::protected_findings`]).
pub fn protected(loaded: &Loaded) -> Vec<Diagnostic> {
    crate::protect::redact(loaded).findings
}

/// Whether the consent lets this form be printed: always, unless the
/// latest consent was withdrawn; then only the consent form that documents
/// it and the follow-up that closes the plan.
pub fn consent_allows(case: &Case, kind: FormKind, pick: Pick) -> bool {
    !consent::withdrawn(case) || kind == FormKind::Consent || consent::allowed_after_withdrawal(case, kind, pick)
}

pub(crate) struct Checker<'a> {
    loaded: &'a Loaded,
    case: &'a Case,
    options: &'a CheckOptions,
    found: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(loaded: &'a Loaded, options: &'a CheckOptions) -> Self {
        Checker { loaded, case: &loaded.case, options, found: Vec::new() }
    }

    fn case_rules(&mut self) {
        text::run(self);
        identity::run(self);
        references::run(self);
        consent::run(self);
        plan::run(self);
        meetings::run(self);
        timing::run(self);
    }

    /// The rules of printing one form.
    fn form_rules(&mut self, kind: FormKind, pick: Pick) {
        consent::form_rules(self, kind, pick);
        forms::run(self, kind, pick);
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        if self.options.with_blanks {
            for d in &mut self.found {
                if MAY_BE_BLANK.contains(&d.code) {
                    d.severity = crate::diagnostic::Severity::Warning;
                    *d = d
                        .clone()
                        .hint("it is left as room to write by hand (--with-blanks)")
                        .hint_sv("det lämnas som plats att skriva för hand (--with-blanks)");
                }
            }
        }
        // A rule met for several forms is one finding, not one a form.
        let mut seen = HashSet::new();
        self.found.retain(|d| seen.insert((d.code, d.span.clone(), d.message.clone())));
        self.found.sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
        self.found
    }

    fn push(&mut self, path: &[Step], d: Diagnostic) {
        let span = locate::locate(&self.loaded.source, path);
        self.found.push(d.at(span).path(locate::shown(&self.loaded.source, path)));
    }

    fn principal(&self, unit: &str) -> Option<Principal> {
        self.case.units.iter().find(|u| u.id == unit).map(|u| u.principal)
    }

    /// The day the meeting is (or was) held: the invitation's meeting, else
    /// the plan's date.
    fn meeting_date(&self) -> Option<Date> {
        self.case.meeting.as_ref().map(|m| m.start.date()).or(self.case.plans.first().map(|p| p.date))
    }

    /// The day the case is judged from, for placing a two-digit birth year
    /// in its century: the print date, else the latest date in the case,
    /// else today.
    fn today(&self) -> NaiveDate {
        let case = self.case;
        self.options
            .printed
            .or(case.printed)
            .or_else(|| {
                [
                    case.meeting.as_ref().map(|m| m.start.date()),
                    case.plans.iter().map(|p| p.date).max(),
                    case.consents.iter().map(|c| c.date).max(),
                    case.followups.iter().map(|e| e.date).max(),
                ]
                .into_iter()
                .flatten()
                .max()
            })
            .map_or_else(today_utc, |d| d.0)
    }
}

fn today_utc() -> NaiveDate {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    NaiveDate::default() + chrono::Days::new(days)
}

/// A reference to something the case does not have. `what` is what it
/// refers to, in English ("unit") and in Swedish with its negation
/// ("ingen enhet"); `otherwise` the hint, in both, when no name is near.
fn unknown(what: (&str, &str), id: &str, known: &[&str], otherwise: (&str, &str)) -> Diagnostic {
    let (what, what_sv) = what;
    let d = Diagnostic::error(
        match what {
            "unit" => "unknown-unit",
            "goal" => "unknown-goal",
            "person" => "unknown-person",
            _ => "unknown-party",
        },
        format!("there is no {what} `{id}`"),
    )
    .sv(format!("det finns {what_sv} `{id}`"));
    match crate::case::closest(id, known) {
        Some(best) => d.hint(format!("did you mean `{best}`?")).hint_sv(format!("menade du `{best}`?")),
        None => d.hint(otherwise.0.to_owned()).hint_sv(otherwise.1.to_owned()),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A valid case to break one rule at a time.
    use crate::case::{from_bytes, Loaded};

    pub fn load(text: &str) -> Loaded {
        from_bytes("t.toml", None, text.as_bytes().to_vec()).unwrap()
    }

    /// Codes found in a case with the default options.
    pub fn codes(text: &str) -> Vec<&'static str> {
        super::check(&load(text), &Default::default()).iter().map(|d| d.code).collect()
    }

    /// The base case with `from` replaced by `to` (which must be there).
    pub fn with(from: &str, to: &str) -> String {
        assert!(VALID.contains(from), "the base case has no `{from}`");
        VALID.replacen(from, to, 1)
    }

    /// Passes every rule: an adult, a meeting, consent, a plan and a follow-up.
    pub const VALID: &str = r#"format = 1
[person]
name = "Anna"
personal_number = "19990101-2386"

[[units]]
id = "psyk"
name = "Psykiatrin"
principal = "region"

[[units]]
id = "soc"
name = "Socialtjänsten"
principal = "kommun"

[[units]]
id = "fk"
name = "Försäkringskassan"
principal = "other"

[consent]
given_by = "individual"
form = "written"
date = 2026-11-02
valid_until = 2027-11-01
parties = ["psyk", "soc", "fk"]
information = ["Hälsa"]
meeting_and_plan = true

[meeting]
need_identified = 2026-11-01
invited = 2026-11-05
start = 2026-11-20T13:00:00
minutes = 60
purpose = "P"
long_term_goal = "G"
questions = ["F"]
convener = { unit = "psyk", name = "Eva" }
chair = "Eva"

[[participants]]
name = "Eva"
role = "kurator"
unit = "psyk"
called = true
contributes = "Samtal"

[[participants]]
name = "Ali"
role = "handläggare"
unit = "fk"
contributes = "Ersättning"

[plan]
date = 2026-11-20
situation = "S"
long_term_goal = "G"
lead = "soc"
coordinator = { name = "Eva", unit = "psyk" }

[[plan.goals]]
id = "g"
text = "Mål"

[[plan.actions]]
goal = "g"
what = "Samtal"
responsible = "psyk"

[[plan.actions]]
goal = "g"
what = "Ansökan"
responsible = ["fk", "self"]

[followup]
date = 2027-02-20
convener = "soc"
"#;
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn the_base_case_passes_every_rule() {
        assert_eq!(codes(VALID), Vec::<&str>::new());
    }

    #[test]
    fn findings_carry_their_path_and_place() {
        let text = with("convener = \"soc\"", "convener = \"sos\"");
        let found = check(&load(&text), &Default::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path.as_deref(), Some("followup.convener"));
        assert_eq!(&text[found[0].span.clone().unwrap()], "\"sos\"");
    }
}
