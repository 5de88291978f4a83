//! The meetings of a SIP's life: who is called and who invited, who came,
//! and the follow-ups, each a meeting with its own people and a record of
//! what it found and decided.

use super::Checker;
use crate::case::locate::Step;
use crate::case::{Case, Decision, Principal};
use crate::diagnostic::Diagnostic;

pub(super) fn run(c: &mut Checker) {
    participants(c);
    followups(c);
}

/// "Kallad" is a legal claim: a huvudman's unit must take part. It matches
/// the principal, and a called party who did not come is a deviation
/// (seed 002: "avvikelse").
fn participants(c: &mut Checker) {
    for (i, p) in c.case.participants.iter().enumerate() {
        let Some(unit) = &p.unit else { continue };
        let at = [Step::Key("participants"), Step::Index(i), Step::Key("called")];
        match c.principal(unit) {
            Some(Principal::Other) if p.called => c.push(
                &at,
                Diagnostic::warning(
                    "called-not-huvudman",
                    format!("{} is called, but `{unit}` is neither kommun nor region; only a huvudman is obliged to take part", p.name),
                )
                .sv(format!("{} är kallad, men `{unit}` är varken kommun eller region; bara en huvudman är skyldig att delta", p.name))
                .hint("write `called = false`: others are invited")
                .hint_sv("skriv `called = false`: andra aktörer bjuds in"),
            ),
            Some(Principal::Kommun | Principal::Region) if !p.called => c.push(
                &at,
                Diagnostic::warning(
                    "huvudman-not-called",
                    format!("{} is only invited, but `{unit}` belongs to a huvudman, which is called and must take part", p.name),
                )
                .sv(format!("{} är bara inbjuden, men `{unit}` hör till en huvudman, som kallas och måste delta", p.name))
                .hint("write `called = true`")
                .hint_sv("skriv `called = true`"),
            ),
            _ => {}
        }
        if p.called && p.present == Some(false) {
            c.push(
                &[Step::Key("participants"), Step::Index(i), Step::Key("present")],
                Diagnostic::warning("called-absent", format!("{} was called and did not take part", p.name))
                    .sv(format!("{} var kallad men deltog inte", p.name))
                    .hint("a called party who stays away is a deviation: report it as an avvikelse (seed 002)")
                    .hint_sv("en kallad part som uteblir är en avvikelse: rapportera den som avvikelse"),
            );
        }
    }
}

/// Everyone a follow-up can name: the person, their guardians, relatives
/// and representative, the first meeting's participants, unit contacts,
/// the convener and every coordinator.
fn people(case: &Case) -> Vec<&str> {
    let mut names = vec![case.person.name.as_str()];
    names.extend(case.guardians.iter().map(|g| g.name.as_str()));
    names.extend(case.relatives.iter().map(|r| r.name.as_str()));
    names.extend(case.representative.iter().map(|r| r.name.as_str()));
    names.extend(case.participants.iter().map(|p| p.name.as_str()));
    names.extend(case.units.iter().filter_map(|u| u.contact.as_ref()).map(|c| c.name.as_str()));
    names.extend(case.meeting.iter().map(|m| m.convener.name.as_str()));
    names.extend(case.plans.iter().map(|p| p.coordinator.name.as_str()));
    names
}

fn followups(c: &mut Checker) {
    let case = c.case;
    let known = people(case);
    let versions = case.plan_versions();
    for (i, f) in case.followups.iter().enumerate() {
        let at = |key: &'static str| [Step::Key("followups"), Step::Index(i), Step::Key(key)];
        if let Some(before) = i.checked_sub(1).map(|b| &case.followups[b]) {
            if f.date <= before.date {
                c.push(
                    &at("date"),
                    Diagnostic::error(
                        "followup-order",
                        format!("this follow-up ({}) is not after the one above it ({})", f.date, before.date),
                    )
                    .sv(format!(
                        "den här uppföljningen ({}) är inte efter uppföljningen ovanför ({})",
                        f.date, before.date
                    ))
                    .hint("list the follow-ups oldest first, one a day")
                    .hint_sv("lista uppföljningarna med den äldsta först, högst en per dag"),
                );
            }
        }
        if let Some(first) = case.plans.first() {
            if f.date <= first.date {
                c.push(
                    &at("date"),
                    Diagnostic::error(
                        "followup-before-plan",
                        format!("the follow-up ({}) is not after the plan ({})", f.date, first.date),
                    )
                    .sv(format!("uppföljningen ({}) är inte efter planen ({})", f.date, first.date))
                    .hint("the follow-up comes after the meeting where the plan was written; check its `date`")
                    .hint_sv("uppföljningen kommer efter mötet där planen skrevs; kontrollera dess `date`"),
                );
            }
        }
        if f.start.is_some_and(|s| s.date() != f.date) {
            c.push(
                &at("start"),
                Diagnostic::error(
                    "followup-start",
                    format!("the follow-up starts on another day than its `date` ({})", f.date),
                )
                .sv(format!("uppföljningen börjar en annan dag än dess `date` ({})", f.date))
                .hint("`start` is the day and time of `date`, e.g. 2027-02-15T13:00")
                .hint_sv("`start` är dagen i `date` med klockslag, t.ex. 2027-02-15T13:00"),
            );
        }
        if let Some(n) = f.plan_version {
            if !versions.contains(&n) {
                let list: Vec<String> = versions.iter().map(u32::to_string).collect();
                c.push(
                    &at("plan_version"),
                    Diagnostic::error("unknown-version", format!("there is no plan version {n}"))
                        .sv(format!("det finns ingen planversion {n}"))
                        .hint(format!("the versions are {}", list.join(", ")))
                        .hint_sv(format!("versionerna är {}", list.join(", "))),
                );
            }
        }
        for (key, names, severity_error) in [("participants", &f.participants, true), ("present", &f.present, false)] {
            for (n, name) in names.iter().enumerate() {
                if known.contains(&name.as_str()) {
                    continue;
                }
                let mut d = super::unknown(
                    ("person", "ingen person"),
                    name,
                    &known,
                    (
                        "name someone in the case: the person, a guardian, a relative, the representative or a participant",
                        "ange någon i ärendet: personen, en vårdnadshavare, en närstående, företrädaren eller en deltagare",
                    ),
                );
                if !severity_error {
                    d.severity = crate::diagnostic::Severity::Warning;
                }
                c.push(&[Step::Key("followups"), Step::Index(i), Step::Key(key), Step::Index(n)], d);
            }
        }
        // The lead organisation convenes the follow-up (004: "Huvudansvarig … sammankallar").
        if let Some(v) = case.assessed_version(f).map(|v| &case.plans[v]) {
            if f.convener_unit() != v.lead && case.units.iter().any(|u| u.id == f.convener_unit()) {
                c.push(
                    &at("convener"),
                    Diagnostic::warning(
                        "followup-convener",
                        format!(
                            "the follow-up of {} is convened by `{}`, not by the lead `{}`",
                            f.date,
                            f.convener_unit(),
                            v.lead
                        ),
                    )
                    .sv(format!(
                        "uppföljningen {} sammankallas av `{}`, inte av den huvudansvariga `{}`",
                        f.date,
                        f.convener_unit(),
                        v.lead
                    ))
                    .hint("the unit with overall responsibility (`lead`) convenes the follow-ups; check `convener`")
                    .hint_sv("enheten med huvudansvaret (`lead`) sammankallar uppföljningarna; kontrollera `convener`"),
                );
            }
        }
        held(c, i);
    }
}

/// A follow-up held: it decided something, says why it closes, what a
/// revision changes, and assesses every goal and action of its version.
fn held(c: &mut Checker, i: usize) {
    let case = c.case;
    let f = &case.followups[i];
    let at = |key: &'static str| [Step::Key("followups"), Step::Index(i), Step::Key(key)];
    let Some(decision) = f.decision else {
        let recorded = !f.present.is_empty()
            || f.wellbeing.is_some()
            || !f.goals.is_empty()
            || !f.actions.is_empty()
            || f.close_reason.is_some();
        if recorded {
            c.push(
                &at("date"),
                Diagnostic::error(
                    "no-decision",
                    format!("the follow-up of {} records results but no decision", f.date),
                )
                .sv(format!("uppföljningen {} har resultat antecknade men inget beslut", f.date))
                .hint("write `decision`: continue, revise, close or restart")
                .hint_sv("skriv `decision`: continue (fortsätta), revise (revidera), close (avsluta) eller restart (börja om)"),
            );
        }
        return;
    };
    if matches!(decision, Decision::Close | Decision::Restart) && f.close_reason.is_none() {
        let (word, word_sv) =
            if decision == Decision::Close { ("closes", "avslutar") } else { ("restarts", "börjar om") };
        c.push(
            &at("decision"),
            Diagnostic::error(
                "no-close-reason",
                format!("the follow-up on {} {word} the plan without saying why", f.date),
            )
            .sv(format!("uppföljningen {} {word_sv} planen utan att säga varför", f.date))
            .hint("write the reason in `close_reason`")
            .hint_sv("skriv skälet i `close_reason`"),
        );
    }
    if decision == Decision::Revise {
        if f.changes.is_none() {
            c.push(
                &at("decision"),
                Diagnostic::error(
                    "no-changes",
                    format!("the follow-up on {} revises the plan without saying what changes", f.date),
                )
                .sv(format!("uppföljningen {} reviderar planen utan att säga vad som ändras", f.date))
                .hint("write what changes in the plan, and why, in `changes`")
                .hint_sv("skriv i `changes` vad som ändras i planen, och varför"),
            );
        }
        if !case.plans.iter().any(|p| p.decided_at == Some(f.date)) {
            c.push(
                &at("decision"),
                Diagnostic::warning(
                    "revision-pending",
                    format!(
                        "the follow-up on {} decided to revise the plan, and no plan version follows from it",
                        f.date
                    ),
                )
                .sv(format!(
                    "uppföljningen {} beslutade att revidera planen, men ingen planversion följer av beslutet",
                    f.date
                ))
                .hint(format!("add the new version under [[plans]] with `decided_at = {}`", f.date))
                .hint_sv(format!("lägg till den nya versionen under [[plans]] med `decided_at = {}`", f.date)),
            );
        }
    }
    let Some(plan) = case.assessed_version(f).map(|v| &case.plans[v]) else { return };
    let goals: Vec<String> = plan
        .goals
        .iter()
        .enumerate()
        .filter(|(_, g)| !f.goals.iter().any(|r| r.goal == g.id))
        .map(|(n, _)| (n + 1).to_string())
        .collect();
    if !goals.is_empty() {
        c.push(
            &at("goals"),
            Diagnostic::warning(
                "unassessed-goal",
                format!("the follow-up on {} does not assess goal {} of the plan", f.date, goals.join(", ")),
            )
            .sv(format!("uppföljningen {} bedömer inte planens mål {}", f.date, goals.join(", ")))
            .hint("add each goal to `goals` with its status; what was not looked at is not known")
            .hint_sv("lägg till varje mål i `goals` med dess status; det som inte har följts upp vet man inget om"),
        );
    }
    let actions: Vec<String> =
        (1..=plan.actions.len()).filter(|n| !f.actions.iter().any(|r| r.action == *n)).map(|n| n.to_string()).collect();
    if !actions.is_empty() {
        c.push(
            &at("actions"),
            Diagnostic::warning(
                "unassessed-action",
                format!("the follow-up on {} does not say what became of action {}", f.date, actions.join(", ")),
            )
            .sv(format!("uppföljningen {} säger inte hur det gick med insats {}", f.date, actions.join(", ")))
            .hint("add each action to `actions`, with `done` (yes, partly, no, not_needed)")
            .hint_sv("lägg till varje insats i `actions`, med `done` (yes = ja, partly = delvis, no = nej, not_needed = behövdes inte)"),
        );
    }
}
