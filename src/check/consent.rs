//! Consent (samtycke): it exists, was given before the meeting, covers every
//! unit at the meeting, is valid when the forms are dated, runs no longer
//! than allowed, and comes from who may give it: a child's guardians with
//! custody, or a named representative.

use super::{unknown, Checker};
use crate::case::locate::Step;
use crate::case::personal_number::{age_on, birth_date};
use crate::case::{Case, ConsentGiver, Decision};
use crate::diagnostic::Diagnostic;
use crate::forms::FormKind;

const CONSENT: Step = Step::Key("consent");

pub(super) fn run(c: &mut Checker) {
    let case = c.case;
    let Some(consent) = &case.consent else {
        let needs = if case.meeting.is_some() {
            Some("meeting")
        } else if case.plan.is_some() {
            Some("plan")
        } else {
            None
        };
        if let Some(key) = needs {
            c.push(
                &[Step::Key(key)],
                Diagnostic::error("no-consent", "a SIP needs the person's consent, and the case has no [consent]")
                    .hint("add [consent] with who gave it, when, until when and which units it covers"),
            );
        }
        return;
    };
    let at = |key: &'static str| [CONSENT, Step::Key(key)];

    if consent.valid_until < consent.date {
        c.push(
            &at("valid_until"),
            Diagnostic::error(
                "consent-period",
                format!("the consent ends ({}) before it was given ({})", consent.valid_until, consent.date),
            )
            .hint("check `date` and `valid_until`"),
        );
    } else {
        let months = c.options.consent_months;
        let longest = consent.date.0.checked_add_months(chrono::Months::new(months));
        if longest.is_some_and(|longest| consent.valid_until.0 > longest) {
            c.push(
                &at("valid_until"),
                Diagnostic::error(
                    "consent-too-long",
                    format!(
                        "the consent runs until {}, more than {months} months after it was given ({})",
                        consent.valid_until, consent.date
                    ),
                )
                .hint("a consent is time-limited; ask again when it runs out (the limit is set with --consent-months)"),
            );
        }
    }
    if let Some(withdrawn) = consent.withdrawn {
        if withdrawn < consent.date {
            c.push(
                &at("withdrawn"),
                Diagnostic::error(
                    "consent-period",
                    format!("the consent is withdrawn ({withdrawn}) before it was given ({})", consent.date),
                )
                .hint("check `date` and `withdrawn`"),
            );
        }
    }

    if (case.meeting.is_some() || case.plan.is_some()) && !consent.meeting_and_plan {
        c.push(
            &at("meeting_and_plan"),
            Diagnostic::error(
                "no-meeting-consent",
                "the consent does not cover holding a SIP meeting and writing a plan, but the case has one",
            )
            .hint("ask for consent to the meeting and the plan, or set `meeting_and_plan = true` if it was given"),
        );
    }

    if let Some(meeting) = c.meeting_date() {
        let meeting_path: &[Step] = if case.meeting.is_some() {
            &[Step::Key("meeting"), Step::Key("start")]
        } else {
            &[Step::Key("plan"), Step::Key("date")]
        };
        if consent.date > meeting {
            c.push(
                &at("date"),
                Diagnostic::error(
                    "consent-after-meeting",
                    format!("the consent is given on {}, after the meeting on {meeting}", consent.date),
                )
                .hint("consent must be given before the meeting is called; check `consent.date`"),
            );
        } else if meeting > consent.valid_until && consent.withdrawn.is_none() && consent.valid_until >= consent.date {
            c.push(
                meeting_path,
                Diagnostic::error(
                    "consent-expired",
                    format!("the meeting on {meeting} is after the consent ran out ({})", consent.valid_until),
                )
                .hint("ask for a new consent before the meeting"),
            );
        }
    }

    // Everyone at the meeting exchanges information: the consent must name
    // each unit that is called or invited, and the convener's.
    let mut units: Vec<(Vec<Step>, &str)> = Vec::new();
    if let Some(m) = &case.meeting {
        units.push((vec![Step::Key("meeting"), Step::Key("convener"), Step::Key("unit")], &m.convener.unit));
    }
    for (i, p) in case.participants.iter().enumerate() {
        if let Some(u) = &p.unit {
            units.push((vec![Step::Key("participants"), Step::Index(i), Step::Key("unit")], u));
        }
    }
    let known: Vec<&str> = case.units.iter().map(|u| u.id.as_str()).collect();
    let mut reported = Vec::new();
    for (path, unit) in units {
        // An unknown unit is reported by the reference rules.
        if consent.parties.iter().any(|p| p == unit) || !known.contains(&unit) || reported.contains(&unit) {
            continue;
        }
        reported.push(unit);
        c.push(
            &path,
            Diagnostic::error("consent-scope", format!("`{unit}` takes part in the meeting, but the consent does not cover it"))
                .hint(format!("add \"{unit}\" to `consent.parties` if the person agreed to it; otherwise leave the unit out of the meeting")),
        );
    }

    giver(c, case);
}

/// Who may give consent: an adult themself or a representative; for a
/// child, every guardian with custody.
fn giver(c: &mut Checker, case: &Case) {
    let Some(consent) = &case.consent else { return };
    let at = |key: &'static str| [CONSENT, Step::Key(key)];
    let person = &case.person.name;
    let age =
        c.meeting_date().and_then(|on| birth_date(&case.person.personal_number, c.today()).map(|b| age_on(b, on.0)));

    match consent.given_by {
        ConsentGiver::Individual if age.is_some_and(|a| a < 18) => c.push(
            &at("given_by"),
            Diagnostic::error(
                "child-consent",
                format!("{person} is {} on the day of the meeting; for a child the guardians with custody consent", age.unwrap_or_default()),
            )
            .hint("write `given_by = \"guardians\"` and name them in `consent.guardians`; record the child's own view in `child_view`"),
        ),
        ConsentGiver::Guardians if age.is_some_and(|a| a >= 18) => c.push(
            &at("given_by"),
            Diagnostic::error(
                "adult-consent",
                format!("{person} is {} on the day of the meeting; an adult consents themself", age.unwrap_or_default()),
            )
            .hint("write `given_by = \"individual\"`, or `\"representative\"` if a legal representative consents"),
        ),
        ConsentGiver::Guardians => {
            let custody: Vec<&str> = case.guardians.iter().filter(|g| g.custody).map(|g| g.name.as_str()).collect();
            if custody.is_empty() {
                c.push(
                    &at("given_by"),
                    Diagnostic::error("no-guardian", "the guardians consent, but the case names no guardian with custody")
                        .hint("add each guardian under [[guardians]] with `custody = true`"),
                );
                return;
            }
            let names: Vec<&str> = case.guardians.iter().map(|g| g.name.as_str()).collect();
            for (i, name) in consent.guardians.iter().enumerate() {
                if !names.contains(&name.as_str()) {
                    c.push(
                        &[CONSENT, Step::Key("guardians"), Step::Index(i)],
                        unknown("guardian", name, &names, "write the name as it stands under [[guardians]]"),
                    );
                }
            }
            let missing: Vec<&str> =
                custody.iter().copied().filter(|g| !consent.guardians.iter().any(|n| n == g)).collect();
            if !missing.is_empty() {
                let path = if consent.guardians.is_empty() { at("given_by") } else { at("guardians") };
                c.push(
                    &path,
                    Diagnostic::error(
                        "guardian-consent",
                        format!("every guardian with custody must consent, and the consent does not name {}", missing.join(" or ")),
                    )
                    .hint("ask each guardian with custody; name those who consented in `consent.guardians`"),
                );
            }
        }
        ConsentGiver::Representative if case.representative.is_none() => c.push(
            &at("given_by"),
            Diagnostic::error("no-representative", "a representative consents, but the case names none")
                .hint("add [representative] with name and kind (god man, förvaltare, framtidsfullmakt)"),
        ),
        _ => {}
    }
}

/// The rules that depend on the form printed: a withdrawn consent, and
/// consent valid on the date the form carries.
pub(super) fn form_rules(c: &mut Checker, kind: FormKind, evaluation: Option<usize>) {
    let case = c.case;
    let Some(consent) = &case.consent else { return };
    if consent.withdrawn.is_some() && !allowed_after_withdrawal(case, kind, evaluation) {
        c.push(
            &[CONSENT, Step::Key("withdrawn")],
            Diagnostic::error(
                "consent-withdrawn",
                format!(
                    "the consent was withdrawn on {}; only the follow-up that closes the plan can be printed",
                    consent.withdrawn.unwrap_or(consent.date)
                ),
            )
            .hint("record a follow-up with `decision = \"close\"`, or remove `withdrawn` if consent was given again"),
        );
        return;
    }
    // The consent form documents the consent, whenever it is printed; the
    // envelope carries another form.
    // A consent that ends before it begins is reported once, by the case rules.
    if matches!(kind, FormKind::Consent | FormKind::Envelope)
        || consent.withdrawn.is_some()
        || consent.valid_until < consent.date
    {
        return;
    }
    let Ok(own) = crate::model::form_date(case, kind, evaluation) else { return };
    let printed = c.options.printed.or(case.printed).unwrap_or(own);
    let form = kind.name();
    if printed > consent.valid_until {
        c.push(
            &[CONSENT, Step::Key("valid_until")],
            Diagnostic::error(
                "consent-expired",
                format!("the consent ran out on {}, but the {form} form is dated {printed}", consent.valid_until),
            )
            .hint("ask for a new consent and record it, or print with the date the form was made (--printed)"),
        );
    } else if printed < consent.date {
        c.push(
            &[CONSENT, Step::Key("date")],
            Diagnostic::error(
                "consent-not-given",
                format!("the {form} form is dated {printed}, before the consent was given ({})", consent.date),
            )
            .hint("a SIP starts with consent; check `consent.date` and the form's date"),
        );
    }
}

/// A withdrawn consent when the closing follow-up can still be printed.
pub(super) fn withdrawn_note(c: &mut Checker) {
    let Some(withdrawn) = c.case.consent.as_ref().and_then(|c| c.withdrawn) else { return };
    c.push(
        &[CONSENT, Step::Key("withdrawn")],
        Diagnostic::warning(
            "consent-withdrawn",
            format!("the consent was withdrawn on {withdrawn}; only the follow-up that closes the plan can be printed"),
        )
        .hint("the other forms are left out of `render --all`"),
    );
}

/// After consent is withdrawn, the plan may still be closed: the follow-up
/// that closes it, and the envelope it goes out in.
pub(super) fn allowed_after_withdrawal(case: &Case, kind: FormKind, evaluation: Option<usize>) -> bool {
    let closing = |e: Option<&crate::case::Evaluation>| e.is_some_and(|e| e.decision == Decision::Close);
    match kind {
        FormKind::Followup => closing(evaluation.map_or(case.evaluations.last(), |i| case.evaluations.get(i))),
        FormKind::Envelope => closing(case.evaluations.last()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{check_form, CheckOptions};
    use crate::forms::FormKind;

    #[test]
    fn a_meeting_needs_consent() {
        let start = VALID.find("[consent]").unwrap();
        let end = VALID.find("[meeting]").unwrap();
        let text = format!("{}{}", &VALID[..start], &VALID[end..]);
        assert_eq!(codes(&text), ["no-consent"]);
    }

    #[test]
    fn consent_given_after_the_meeting_is_an_error() {
        assert_eq!(
            codes(&with("date = 2026-11-02", "date = 2026-11-05")),
            Vec::<&str>::new(),
            "the invitation's day is in time"
        );
        let late = codes(&with("date = 2026-11-02", "date = 2026-11-21"));
        assert!(late.contains(&"consent-after-meeting"), "{late:?}");
        assert!(late.contains(&"consent-not-given"), "the invitation went out before it: {late:?}");
    }

    #[test]
    fn consent_must_cover_every_unit_at_the_meeting() {
        assert_eq!(
            codes(&with("parties = [\"psyk\", \"soc\", \"fk\"]", "parties = [\"psyk\", \"soc\"]")),
            ["consent-scope"]
        );
        let without_convener = with("parties = [\"psyk\", \"soc\", \"fk\"]", "parties = [\"soc\", \"fk\"]");
        assert_eq!(codes(&without_convener), ["consent-scope"], "reported once, for the convener");
    }

    #[test]
    fn consent_may_run_a_year_by_default_and_as_configured() {
        assert_eq!(codes(&with("valid_until = 2027-11-01", "valid_until = 2027-11-02")), Vec::<&str>::new());
        assert_eq!(codes(&with("valid_until = 2027-11-01", "valid_until = 2027-11-03")), ["consent-too-long"]);
        assert_eq!(codes(&with("valid_until = 2027-11-01", "valid_until = 2026-11-01")), ["consent-period"]);
        let six = CheckOptions { consent_months: 6, ..Default::default() };
        let found = super::super::check(&load(VALID), &six);
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["consent-too-long"]);
    }

    #[test]
    fn consent_must_be_valid_on_the_meeting_and_the_printed_date() {
        let expired = with("valid_until = 2027-11-01", "valid_until = 2026-11-19");
        assert!(codes(&expired).contains(&"consent-expired"));

        let late =
            CheckOptions { printed: Some(crate::case::Date::parse("2027-11-02").unwrap()), ..Default::default() };
        let found = check_form(&load(VALID), FormKind::Plan, None, &late);
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["consent-expired"]);
        let found = check_form(&load(VALID), FormKind::Consent, None, &late);
        assert!(found.is_empty(), "the consent form documents the consent whenever printed: {found:?}");

        let early =
            CheckOptions { printed: Some(crate::case::Date::parse("2026-11-01").unwrap()), ..Default::default() };
        let found = check_form(&load(VALID), FormKind::Invitation, None, &early);
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["consent-not-given"]);
    }

    const CLOSING: &str = r#"
[[evaluations]]
date = 2027-02-20
present = ["Anna"]
wellbeing = "Bra"
decision = "close"
close_reason = "Anna vill inte längre ha en SIP."
"#;

    #[test]
    fn a_withdrawn_consent_stops_every_form_but_the_closing_follow_up() {
        let withdrawn = with("information = [\"Hälsa\"]", "information = [\"Hälsa\"]\nwithdrawn = 2027-02-01");
        let options = CheckOptions::default();
        let open = load(&withdrawn);
        for kind in [FormKind::Invitation, FormKind::Consent, FormKind::Plan] {
            let codes: Vec<_> = check_form(&open, kind, None, &options).iter().map(|d| d.code).collect();
            assert_eq!(codes, ["consent-withdrawn"], "{kind:?}");
        }
        let closed = load(&format!("{withdrawn}{CLOSING}"));
        assert!(check_form(&closed, FormKind::Followup, None, &options).is_empty());
        assert!(check_form(&closed, FormKind::Envelope, None, &options).is_empty());
        assert!(!check_form(&closed, FormKind::Plan, None, &options).is_empty());
        let continued = load(&format!("{withdrawn}{}", CLOSING.replace("\"close\"", "\"continue\"")));
        assert!(!check_form(&continued, FormKind::Followup, None, &options).is_empty());
    }

    const CHILD: &str = "personal_number = \"20140914-2732\"";
    const GUARDIANS: &str = r#"
[[guardians]]
name = "Sofia"
custody = true

[[guardians]]
name = "Daniel"
custody = true

[[guardians]]
name = "Lena"
custody = false
"#;

    fn child(consent: &str) -> String {
        let text = with("personal_number = \"19990101-2386\"", &format!("{CHILD}\n{GUARDIANS}"));
        text.replacen("given_by = \"individual\"", consent, 1)
    }

    #[test]
    fn a_child_needs_consent_from_every_guardian_with_custody() {
        assert_eq!(codes(&child("given_by = \"guardians\"\nguardians = [\"Sofia\", \"Daniel\"]")), Vec::<&str>::new());
        assert_eq!(codes(&child("given_by = \"guardians\"\nguardians = [\"Sofia\"]")), ["guardian-consent"]);
        assert_eq!(codes(&child("given_by = \"guardians\"")), ["guardian-consent"]);
        assert_eq!(codes(&child("given_by = \"individual\"")), ["child-consent"]);
        let typo = codes(&child("given_by = \"guardians\"\nguardians = [\"Sofia\", \"Danial\"]"));
        assert_eq!(typo, ["guardian-consent", "unknown-party"], "by place: the list, then the name in it");
    }

    #[test]
    fn an_adult_consents_themself() {
        assert_eq!(
            codes(&format!("{}{GUARDIANS}", with("given_by = \"individual\"", "given_by = \"guardians\""))),
            ["adult-consent"]
        );
    }

    #[test]
    fn consent_by_a_representative_names_one() {
        let by_rep = with("given_by = \"individual\"", "given_by = \"representative\"");
        assert_eq!(codes(&by_rep), ["no-representative"]);
        let named = format!("{by_rep}\n[representative]\nname = \"Per\"\nkind = \"god man\"\n");
        assert_eq!(codes(&named), Vec::<&str>::new());
    }
}
