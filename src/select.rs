//! Which part of a case's history a form shows: a SIP lives for years, with
//! consents renewed, plan versions and follow-ups, and each form is about
//! one moment of it. The consent a form is checked against is the one in
//! force on the form's own date.

use crate::case::{Case, Date};
use crate::error::Error;
use crate::forms::FormKind;

/// What the user picked on the command line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pick {
    /// A follow-up (0-based): the follow-up form shows it, the follow-up
    /// invitation invites to it.
    pub followup: Option<usize>,
    /// The plan form's version (its number); the consent form's consent
    /// (counting from 1).
    pub version: Option<u32>,
}

/// The parts of the case one form shows, as indexes into the case's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// The form's own date.
    pub date: Date,
    /// The consent the form prints or is checked against: the one in force
    /// on its date (for the consent form, the one picked, else the latest).
    pub consent: Option<usize>,
    /// The plan version the form shows or refers to.
    pub plan: Option<usize>,
    /// The follow-up the form shows or invites to.
    pub followup: Option<usize>,
}

fn missing(kind: FormKind, english: impl Into<String>, swedish: impl Into<String>) -> Error {
    Error::NoData { form: kind.name(), reason: crate::diagnostic::Said::new(english, swedish) }
}

/// The first meeting's invitation date: `meeting.invited`, else the day
/// the need was found or the consent before the meeting was given,
/// whichever is later, and never after the meeting.
pub fn invitation_date(case: &Case) -> Option<Date> {
    let m = case.meeting.as_ref()?;
    let start = m.start.date();
    let consent = case.consent_on(start).map(|i| case.consents[i].date);
    Some(
        m.invited
            .unwrap_or_else(|| [m.need_identified, consent].into_iter().flatten().max().unwrap_or(start).min(start)),
    )
}

/// A follow-up's invitation date: its `invited`, else the last meeting
/// before it or the consent in force, whichever is later.
pub fn followup_invitation_date(case: &Case, i: usize) -> Date {
    let f = &case.followups[i];
    f.invited.unwrap_or_else(|| {
        let before = case.followups[..i].iter().rev().find(|e| e.held()).map(|e| e.date);
        let plan = case.version_on(f.date).map(|v| case.plans[v].date).filter(|d| *d < f.date);
        let consent = case.consent_on(f.date).map(|c| case.consents[c].date);
        [before, plan, consent].into_iter().flatten().max().unwrap_or(f.date).min(f.date)
    })
}

/// The follow-up a follow-up invitation calls to: the one picked, else the
/// next one planned.
fn invited_followup(case: &Case, kind: FormKind, pick: Pick) -> Result<usize, Error> {
    match pick.followup {
        Some(i) if i < case.followups.len() => Ok(i),
        Some(i) => Err(missing(
            kind,
            format!("there is no follow-up number {}; the case has {}", i + 1, case.followups.len()),
            format!("det finns ingen uppföljning nummer {}; ärendet har {}", i + 1, case.followups.len()),
        )),
        None if case.closed() => Err(missing(
            kind,
            "the plan is closed; no follow-up is planned",
            "planen är avslutad; ingen uppföljning är planerad",
        )),
        None => case.next_planned().ok_or_else(|| {
            missing(kind, "the case has no follow-up planned", "ärendet har ingen planerad uppföljning")
        }),
    }
}

/// The follow-up the follow-up form records: the one picked, else the last held.
fn recorded_followup(case: &Case, kind: FormKind, pick: Pick) -> Result<usize, Error> {
    match pick.followup {
        Some(i) if case.followups.get(i).is_some_and(|f| f.held()) => Ok(i),
        Some(i) if i < case.followups.len() => Err(missing(
            kind,
            format!("follow-up number {} is not held yet: it has no `decision`", i + 1),
            format!("uppföljning nummer {} är inte hållen än: den har inget `decision`", i + 1),
        )),
        Some(i) => Err(missing(
            kind,
            format!("there is no follow-up number {}; the case has {}", i + 1, case.followups.len()),
            format!("det finns ingen uppföljning nummer {}; ärendet har {}", i + 1, case.followups.len()),
        )),
        None => case.last_held().ok_or_else(|| {
            missing(
                kind,
                "no follow-up is recorded as held (with a `decision`)",
                "ingen uppföljning är antecknad som hållen (med `decision`)",
            )
        }),
    }
}

/// The plan version the plan form prints: the one picked, else the latest
/// written by the print date, else the latest.
fn printed_version(case: &Case, kind: FormKind, pick: Pick, printed: Option<Date>) -> Result<usize, Error> {
    if case.plans.is_empty() {
        return Err(missing(kind, "the case has no [[plans]]", "ärendet har inga [[plans]]"));
    }
    let versions = case.plan_versions();
    match pick.version {
        Some(n) => versions.iter().position(|v| *v == n).ok_or_else(|| {
            let known: Vec<String> = versions.iter().map(u32::to_string).collect();
            missing(
                kind,
                format!("there is no plan version {n}; the versions are {}", known.join(", ")),
                format!("det finns ingen planversion {n}; versionerna är {}", known.join(", ")),
            )
        }),
        None => Ok(printed.and_then(|d| case.version_on(d)).unwrap_or(case.plans.len() - 1)),
    }
}

/// The consent the consent form prints: the one picked, else the latest.
fn printed_consent(case: &Case, kind: FormKind, pick: Pick) -> Result<usize, Error> {
    if case.consents.is_empty() {
        return Err(missing(kind, "the case has no [[consents]]", "ärendet har inga [[consents]]"));
    }
    match pick.version {
        Some(n) if (1..=case.consents.len()).contains(&(n as usize)) => Ok(n as usize - 1),
        Some(n) => Err(missing(
            kind,
            format!("there is no consent number {n}; the case has {}", case.consents.len()),
            format!("det finns inget samtycke nummer {n}; ärendet har {}", case.consents.len()),
        )),
        None => Ok(case.consents.len() - 1),
    }
}

/// What a form shows of the case. `printed` is the print date when one is
/// set: the plan form then shows the version in force on that day.
pub fn select(case: &Case, kind: FormKind, pick: Pick, printed: Option<Date>) -> Result<Selection, Error> {
    let consent_on = |d: Date| case.consent_on(d);
    match kind {
        FormKind::Invitation => {
            let date = invitation_date(case)
                .ok_or_else(|| missing(kind, "the case has no [meeting]", "ärendet har inget [meeting]"))?;
            Ok(Selection { date, consent: consent_on(date), plan: None, followup: None })
        }
        FormKind::FollowupInvitation => {
            let i = invited_followup(case, kind, pick)?;
            let f = &case.followups[i];
            let plan = case.assessed_version(f);
            if case.plans.is_empty() {
                return Err(missing(
                    kind,
                    "the case has no [[plans]] to follow up",
                    "ärendet har inga [[plans]] att följa upp",
                ));
            }
            let date = followup_invitation_date(case, i);
            Ok(Selection { date, consent: consent_on(date), plan, followup: Some(i) })
        }
        FormKind::Consent => {
            let c = printed_consent(case, kind, pick)?;
            let date = case.consents[c].date;
            Ok(Selection { date, consent: Some(c), plan: case.version_on(date), followup: None })
        }
        FormKind::Plan | FormKind::MyPlan => {
            let v = printed_version(case, kind, pick, printed)?;
            let date = case.plans[v].date;
            // The follow-up the plan names: the first planned after it.
            let next = case.followups.iter().position(|f| f.date > date);
            Ok(Selection { date, consent: consent_on(date), plan: Some(v), followup: next })
        }
        FormKind::Followup => {
            if case.plans.is_empty() {
                return Err(missing(
                    kind,
                    "the case has no [[plans]] to follow up",
                    "ärendet har inga [[plans]] att följa upp",
                ));
            }
            let i = recorded_followup(case, kind, pick)?;
            let date = case.followups[i].date;
            Ok(Selection {
                date,
                consent: consent_on(date),
                plan: case.assessed_version(&case.followups[i]),
                followup: Some(i),
            })
        }
        // Post goes out with the invitation, the plan or a follow-up: the latest of them.
        FormKind::Envelope => {
            let date = [
                invitation_date(case),
                case.plans.last().map(|p| p.date),
                case.last_held().map(|i| case.followups[i].date),
                case.consents.last().map(|c| c.date),
            ]
            .into_iter()
            .flatten()
            .max()
            .ok_or_else(|| {
                missing(
                    kind,
                    "the case has neither [meeting], [[plans]], [[followups]] nor [[consents]]",
                    "ärendet har varken [meeting], [[plans]], [[followups]] eller [[consents]]",
                )
            })?;
            Ok(Selection { date, consent: consent_on(date), plan: case.version_on(date), followup: None })
        }
    }
}

/// The form's own date: when it was or is to be issued.
pub fn form_date(case: &Case, kind: FormKind, pick: Pick) -> Result<Date, Error> {
    select(case, kind, pick, None).map(|s| s.date)
}

/// Whether a form is among those a case has, before its data is looked
/// at: the follow-up invitation only when one is picked (`--followup`) or
/// the next follow-up has an invitation prepared (`invited` or
/// `participants` written). Asked for by name, it is always made.
pub fn listed(case: &Case, kind: FormKind, pick: Pick) -> bool {
    let prepared = |i: usize| case.followups[i].invited.is_some() || !case.followups[i].participants.is_empty();
    kind != FormKind::FollowupInvitation
        || pick.followup.is_some()
        || (!case.closed() && case.next_planned().is_some_and(prepared))
}
