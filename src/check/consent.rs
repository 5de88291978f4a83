//! Consent (samtycke) over the life of a SIP: each consent's period, scope
//! and givers are sound, and every form is covered by the consent in force
//! on its own date. A refusal is a consent answered "no": it can be
//! recorded and printed, and it stops the forms that need a "yes".

use super::{unknown, Checker};
use crate::case::locate::Step;
use crate::case::personal_number::{age_on, birth_date};
use crate::case::{Case, Consent, ConsentGiver, ConsentPart, Date, Decision};
use crate::diagnostic::Diagnostic;
use crate::forms::FormKind;
use crate::select::Pick;

fn at(i: usize, key: &'static str) -> Vec<Step> {
    vec![Step::Key("consents"), Step::Index(i), Step::Key(key)]
}

pub(super) fn run(c: &mut Checker) {
    let case = c.case;
    if case.consents.is_empty() {
        let needs = if case.meeting.is_some() {
            Some("meeting")
        } else if !case.plans.is_empty() {
            Some("plans")
        } else {
            None
        };
        if let Some(key) = needs {
            c.push(
                &[Step::Key(key)],
                Diagnostic::error("no-consent", "a SIP needs the person's consent, and the case has no [[consents]]")
                    .sv("en SIP kräver personens samtycke, och ärendet har inga [[consents]]")
                    .hint("add [[consents]] with who gave it, when, until when and which units it covers")
                    .hint_sv("lägg till [[consents]] med vem som gav samtycket, när, till när det gäller och vilka enheter det omfattar"),
            );
        }
        return;
    }
    for (i, consent) in case.consents.iter().enumerate() {
        period(c, i, consent);
        giver(c, case, i, consent);
        if let Some(before) = i.checked_sub(1).map(|b| &case.consents[b]) {
            if consent.date < before.date {
                c.push(
                    &at(i, "date"),
                    Diagnostic::error(
                        "consent-order",
                        format!("this consent ({}) is dated before the one above it ({})", consent.date, before.date),
                    )
                    .sv(format!(
                        "det här samtycket ({}) är daterat före samtycket ovanför ({})",
                        consent.date, before.date
                    ))
                    .hint("list the consents oldest first")
                    .hint_sv("lista samtyckena med det äldsta först"),
                );
            }
        }
    }
    meeting(c, case);
    scope(c, case);
}

fn period(c: &mut Checker, i: usize, consent: &Consent) {
    if consent.valid_until < consent.date {
        c.push(
            &at(i, "valid_until"),
            Diagnostic::error(
                "consent-period",
                format!("the consent ends ({}) before it was given ({})", consent.valid_until, consent.date),
            )
            .sv(format!("samtycket upphör ({}) innan det gavs ({})", consent.valid_until, consent.date))
            .hint("check `date` and `valid_until`")
            .hint_sv("kontrollera `date` och `valid_until`"),
        );
    } else {
        let months = c.options.consent_months;
        let longest = consent.date.0.checked_add_months(chrono::Months::new(months));
        if longest.is_some_and(|longest| consent.valid_until.0 > longest) {
            c.push(
                &at(i, "valid_until"),
                Diagnostic::error(
                    "consent-too-long",
                    format!(
                        "the consent runs until {}, more than {months} months after it was given ({})",
                        consent.valid_until, consent.date
                    ),
                )
                .sv(format!(
                    "samtycket gäller till {}, mer än {months} månader efter att det gavs ({})",
                    consent.valid_until, consent.date
                ))
                .hint("a consent is time-limited; ask again when it runs out, as a new [[consents]] (the limit is set with --consent-months)")
                .hint_sv("ett samtycke är tidsbegränsat; fråga igen när det går ut, och lägg till svaret som ett nytt [[consents]] (gränsen ställs in med --consent-months)"),
            );
        }
    }
    if let Some(withdrawn) = consent.withdrawn {
        if withdrawn < consent.date {
            c.push(
                &at(i, "withdrawn"),
                Diagnostic::error(
                    "consent-period",
                    format!("the consent is withdrawn ({withdrawn}) before it was given ({})", consent.date),
                )
                .sv(format!("samtycket återkallas ({withdrawn}) innan det gavs ({})", consent.date))
                .hint("check `date` and `withdrawn`")
                .hint_sv("kontrollera `date` och `withdrawn`"),
            );
        }
    }
}

/// The first meeting is held under a consent given before it and still in force.
fn meeting(c: &mut Checker, case: &Case) {
    let Some(meeting) = c.meeting_date() else { return };
    let meeting_path: Vec<Step> = if case.meeting.is_some() {
        vec![Step::Key("meeting"), Step::Key("start")]
    } else {
        vec![Step::Key("plans"), Step::Index(0), Step::Key("date")]
    };
    match case.consent_on(meeting) {
        None => c.push(
            &at(0, "date"),
            Diagnostic::error(
                "consent-after-meeting",
                format!("the consent is given on {}, after the meeting on {meeting}", case.consents[0].date),
            )
            .sv(format!("samtycket ges {}, efter mötet {meeting}", case.consents[0].date))
            .hint("consent must be given before the meeting is called; check `date` of the first [[consents]]")
            .hint_sv("samtycket måste ges innan någon kallas till mötet; kontrollera `date` i det första [[consents]]"),
        ),
        Some(i) => {
            let consent = &case.consents[i];
            if meeting > consent.valid_until && consent.withdrawn.is_none() && consent.valid_until >= consent.date {
                c.push(
                    &meeting_path,
                    Diagnostic::error(
                        "consent-expired",
                        format!("the meeting on {meeting} is after the consent ran out ({})", consent.valid_until),
                    )
                    .sv(format!("mötet {meeting} hålls efter att samtycket gick ut ({})", consent.valid_until))
                    .hint("ask for a new consent before the meeting, and add it as a new [[consents]]")
                    .hint_sv("be om ett nytt samtycke före mötet, och lägg till det som ett nytt [[consents]]"),
                );
            }
            if case.meeting.is_some() && consent.answer(ConsentPart::MeetingAndPlan, &case.custody()) == Some(false) {
                no_meeting(c, i, consent);
            }
        }
    }
}

/// Everyone at a meeting exchanges information: the consent in force on the
/// day must name each unit that is called or invited, and the convener's.
fn scope(c: &mut Checker, case: &Case) {
    let known: Vec<&str> = case.units.iter().map(|u| u.id.as_str()).collect();
    let check = |c: &mut Checker, day: Date, units: Vec<(Vec<Step>, &str)>| {
        let Some(i) = case.consent_on(day) else { return };
        let consent = &case.consents[i];
        let mut reported = Vec::new();
        for (path, unit) in units {
            // An unknown unit is reported by the reference rules.
            if consent.parties.iter().any(|p| p == unit) || !known.contains(&unit) || reported.contains(&unit) {
                continue;
            }
            reported.push(unit);
            c.push(
                &path,
                Diagnostic::error("consent-scope", format!("`{unit}` takes part in the meeting on {day}, but the consent in force then does not cover it"))
                    .sv(format!("`{unit}` deltar i mötet {day}, men samtycket som gäller då omfattar inte enheten"))
                    .hint(format!("add \"{unit}\" to `parties` of the consent given {} if the person agreed to it; otherwise leave the unit out of the meeting", consent.date))
                    .hint_sv(format!("lägg till \"{unit}\" i `parties` i samtycket från {} om personen har gått med på det; annars ska enheten inte vara med på mötet", consent.date)),
            );
        }
    };
    if let Some(m) = &case.meeting {
        let mut units: Vec<(Vec<Step>, &str)> =
            vec![(vec![Step::Key("meeting"), Step::Key("convener"), Step::Key("unit")], m.convener.unit.as_str())];
        for (i, p) in case.participants.iter().enumerate() {
            if let Some(u) = &p.unit {
                units.push((vec![Step::Key("participants"), Step::Index(i), Step::Key("unit")], u));
            }
        }
        check(c, m.start.date(), units);
    }
    for (f, followup) in case.followups.iter().enumerate() {
        let base = [Step::Key("followups"), Step::Index(f)];
        let mut units: Vec<(Vec<Step>, &str)> =
            vec![([&base[..], &[Step::Key("convener")]].concat(), followup.convener_unit())];
        for (i, name) in followup.participants.iter().enumerate() {
            if let Some(u) = case.participants.iter().find(|p| &p.name == name).and_then(|p| p.unit.as_deref()) {
                units.push(([&base[..], &[Step::Key("participants"), Step::Index(i)]].concat(), u));
            }
        }
        check(c, followup.date, units);
    }
}

/// Who may give consent: an adult themself or a representative; for a
/// child, every guardian with custody, and a young person beside them from
/// the age the organisation sets.
fn giver(c: &mut Checker, case: &Case, i: usize, consent: &Consent) {
    let person = &case.person.name;
    let age = birth_date(&case.person.personal_number, c.today()).map(|b| age_on(b, consent.date.0));

    if let Some(_young) = consent.young_person {
        let allowed = c.options.young_person_consent_age;
        let ok = consent.given_by == ConsentGiver::Guardians
            && allowed.is_some_and(|from| age.is_some_and(|a| i64::from(a) >= i64::from(from)));
        if !ok {
            let (why, why_sv) = match allowed {
                None => (
                    "the organisation has not set an age from which a young person consents beside the guardians"
                        .to_owned(),
                    "organisationen har inte angett från vilken ålder en ung person samtycker vid sidan av vårdnadshavarna"
                        .to_owned(),
                ),
                Some(from) if consent.given_by == ConsentGiver::Guardians => (
                    format!(
                        "{person} is {} when the consent is given; the organisation's age is {from}",
                        age.unwrap_or_default()
                    ),
                    format!(
                        "{person} är {} år när samtycket ges; organisationens åldersgräns är {from} år",
                        age.unwrap_or_default()
                    ),
                ),
                Some(_) => (
                    "a young person's own answers go beside the guardians' (`given_by = \"guardians\"`)".to_owned(),
                    "en ung persons egna svar står vid sidan av vårdnadshavarnas (`given_by = \"guardians\"`)".to_owned(),
                ),
            };
            c.push(
                &at(i, "young_person"),
                Diagnostic::error("young-person-consent", format!("a young person's own consent is recorded, but {why}"))
                    .sv(format!("en ung persons eget samtycke är antecknat, men {why_sv}"))
                    .hint("set `young_person_consent_age` in the organisation's profile (sipform.toml), or record the young person's view in `child_view`")
                    .hint_sv("ange `young_person_consent_age` i organisationens profil (sipform.toml), eller skriv den unga personens synpunkter i `child_view`"),
            );
        }
    }
    match consent.given_by {
        ConsentGiver::Individual if age.is_some_and(|a| a < 18) => c.push(
            &at(i, "given_by"),
            Diagnostic::error(
                "child-consent",
                format!("{person} is {} when the consent is given; for a child the guardians with custody consent", age.unwrap_or_default()),
            )
            .sv(format!("{person} är {} år när samtycket ges; för ett barn samtycker de vårdnadshavare som har vårdnaden", age.unwrap_or_default()))
            .hint("write `given_by = \"guardians\"` and name them in `guardians`; record the child's own view in `child_view`")
            .hint_sv("skriv `given_by = \"guardians\"` och ange vårdnadshavarna i `guardians`; skriv barnets egna synpunkter i `child_view`"),
        ),
        ConsentGiver::Guardians if age.is_some_and(|a| a >= 18) => c.push(
            &at(i, "given_by"),
            Diagnostic::error(
                "adult-consent",
                format!("{person} is {} when the consent is given; an adult consents themself", age.unwrap_or_default()),
            )
            .sv(format!("{person} är {} år när samtycket ges; en vuxen samtycker själv", age.unwrap_or_default()))
            .hint("write `given_by = \"individual\"`, or `\"representative\"` if a legal representative consents")
            .hint_sv("skriv `given_by = \"individual\"`, eller `\"representative\"` om en legal företrädare samtycker"),
        ),
        ConsentGiver::Guardians => {
            if case.custody().is_empty() {
                c.push(
                    &at(i, "given_by"),
                    Diagnostic::error("no-guardian", "the guardians consent, but the case names no guardian with custody")
                        .sv("vårdnadshavarna samtycker, men ärendet anger ingen vårdnadshavare med vårdnad")
                        .hint("add each guardian under [[guardians]] with `custody = true`")
                        .hint_sv("lägg till varje vårdnadshavare under [[guardians]] med `custody = true`"),
                );
                return;
            }
            let names: Vec<&str> = case.guardians.iter().map(|g| g.name.as_str()).collect();
            for (g, answer) in consent.guardians.iter().enumerate() {
                if !names.contains(&answer.name()) {
                    c.push(
                        &[Step::Key("consents"), Step::Index(i), Step::Key("guardians"), Step::Index(g)],
                        unknown(
                            ("guardian", "ingen vårdnadshavare"),
                            answer.name(),
                            &names,
                            ("write the name as it stands under [[guardians]]", "skriv namnet så som det står under [[guardians]]"),
                        ),
                    );
                }
            }
        }
        ConsentGiver::Representative if case.representative.is_none() => c.push(
            &at(i, "given_by"),
            Diagnostic::error("no-representative", "a representative consents, but the case names none")
                .sv("en företrädare samtycker, men ärendet anger ingen")
                .hint("add [representative] with name and kind (god man, förvaltare, framtidsfullmakt)")
                .hint_sv("lägg till [representative] med namn (`name`) och slag (`kind`: god man, förvaltare, framtidsfullmakt)"),
        ),
        _ => {}
    }
}

/// The rules that depend on the form printed: the consent in force on the
/// form's date exists, has not run out or been withdrawn, and says yes to
/// what the form is for. The consent form itself documents any consent,
/// a refusal too.
pub(super) fn form_rules(c: &mut Checker, kind: FormKind, pick: Pick) {
    let case = c.case;
    if case.consents.is_empty() || matches!(kind, FormKind::Consent | FormKind::Envelope) {
        return;
    }
    let Ok(own) = crate::select::form_date(case, kind, pick) else { return };
    let printed = c.options.printed.or(case.printed).unwrap_or(own);
    let form = kind.name();
    let form_sv = kind.definite_sv();
    let Some(i) = case.consent_on(printed) else {
        c.push(
            &at(0, "date"),
            Diagnostic::error(
                "consent-not-given",
                format!("the {form} form is dated {printed}, before the consent was given ({})", case.consents[0].date),
            )
            .sv(format!("{form_sv} är daterad {printed}, innan samtycket gavs ({})", case.consents[0].date))
            .hint(if kind == FormKind::Invitation && case.meeting.as_ref().is_some_and(|m| m.invited.is_none()) {
                "a SIP starts with consent; set `meeting.invited`, the day the invitation goes out".to_owned()
            } else {
                "a SIP starts with consent; check the first consent's `date` and the form's date".to_owned()
            })
            .hint_sv(
                if kind == FormKind::Invitation && case.meeting.as_ref().is_some_and(|m| m.invited.is_none()) {
                    "en SIP börjar med samtycke; ange `meeting.invited`, dagen då kallelsen skickas"
                } else {
                    "en SIP börjar med samtycke; kontrollera `date` i det första samtycket och blankettens datum"
                },
            ),
        );
        return;
    };
    let consent = &case.consents[i];
    // A consent that ends before it begins is reported once, by the case rules.
    if consent.valid_until < consent.date {
        return;
    }
    // A withdrawn consent stops what is printed after it; and while the
    // latest consent stands withdrawn, nothing but the closing is printed.
    let latest_withdrawn = case.consents.last().and_then(|c| c.withdrawn).filter(|_| withdrawn(case));
    if let Some(withdrawn) = consent.withdrawn.filter(|w| *w <= printed).or(latest_withdrawn) {
        if !allowed_after_withdrawal(case, kind, pick) {
            c.push(
                &at(i, "withdrawn"),
                Diagnostic::error(
                    "consent-withdrawn",
                    format!("the consent was withdrawn on {withdrawn}; only the consent form that records it and a follow-up that closes the plan can be printed"),
                )
                .sv(format!("samtycket återkallades {withdrawn}; bara samtyckesblanketten som dokumenterar det och en uppföljning som avslutar planen kan skrivas ut"))
                .hint("record a follow-up with `decision = \"close\"`; if consent was given again, add it as a new [[consents]]")
                .hint_sv("anteckna en uppföljning med `decision = \"close\"`; om samtycke har getts på nytt, lägg till det som ett nytt [[consents]]"),
            );
        }
        return;
    }
    if printed > consent.valid_until {
        c.push(
            &at(i, "valid_until"),
            Diagnostic::error(
                "consent-expired",
                format!("the consent ran out on {}, but the {form} form is dated {printed}", consent.valid_until),
            )
            .sv(format!("samtycket gick ut {}, men {form_sv} är daterad {printed}", consent.valid_until))
            .hint(if c.options.printed.is_some() {
                "the print date (--printed) is after the consent ran out; reprint with the date the form was first made, or record a renewed consent as a new [[consents]]"
            } else {
                "ask for a new consent and add it as a new [[consents]]"
            })
            .hint_sv(if c.options.printed.is_some() {
                "utskriftsdatumet (--printed) är efter att samtycket gick ut; skriv ut igen med datumet då blanketten först gjordes, eller anteckna ett förnyat samtycke som ett nytt [[consents]]"
            } else {
                "be om ett nytt samtycke och lägg till det som ett nytt [[consents]]"
            }),
        );
        return;
    }
    let custody = case.custody();
    match consent.answer(ConsentPart::InformationExchange, &custody) {
        Some(true) => {}
        Some(false) => c.push(
            &refused_at(i, consent, ConsentPart::InformationExchange, &custody),
            Diagnostic::error(
                "consent-refused",
                format!(
                    "the consent of {} says no to information exchange; only the consent form, which records the answer, can be printed",
                    consent.date
                ),
            )
            .sv(format!(
                "samtycket från {} säger nej till informationsutbyte; bara samtyckesblanketten, som dokumenterar svaret, kan skrivas ut",
                consent.date
            ))
            .hint("a refusal is documented with the consent form (`--form consent`); the person still gets the help they have a right to")
            .hint_sv("ett nej dokumenteras med samtyckesblanketten (`--form consent`); ett nej ändrar inte personens rätt till hjälp"),
        ),
        None => {
            let missing: Vec<&str> = if consent.given_by == ConsentGiver::Guardians {
                custody.iter().copied().filter(|g| !consent.guardians.iter().any(|a| a.name() == *g)).collect()
            } else {
                Vec::new()
            };
            if !missing.is_empty() {
                let path = if consent.guardians.is_empty() { at(i, "given_by") } else { at(i, "guardians") };
                c.push(
                    &path,
                    Diagnostic::error(
                        "guardian-consent",
                        format!("every guardian with custody must consent, and the consent does not name {}", missing.join(" or ")),
                    )
                    .sv(format!("varje vårdnadshavare med vårdnad måste samtycka, och samtycket anger inte {}", missing.join(" eller ")))
                    .hint("ask each guardian with custody; name each who answered in `guardians`")
                    .hint_sv("fråga varje vårdnadshavare med vårdnad, och ange var och en som har svarat i `guardians`"),
                );
                return;
            } else {
                c.push(
                    &at(i, "information_exchange"),
                    Diagnostic::error(
                        "consent-not-recorded",
                        format!("the consent of {} does not say whether information may be exchanged", consent.date),
                    )
                    .sv(format!("samtycket från {} säger inte om information får utbytas", consent.date))
                    .hint("write `information_exchange = true` when the person said yes, `false` when they said no")
                    .hint_sv("skriv `information_exchange = true` om personen sa ja, och `false` om svaret var nej"),
                );
            }
        }
    }
    let needs_meeting =
        matches!(kind, FormKind::Invitation | FormKind::Plan | FormKind::MyPlan | FormKind::FollowupInvitation);
    if needs_meeting {
        match consent.answer(ConsentPart::MeetingAndPlan, &custody) {
            Some(false) => no_meeting(c, i, consent),
            None => c.push(
                &at(i, "meeting_and_plan"),
                Diagnostic::warning(
                    "meeting-consent-not-recorded",
                    format!("the consent of {} does not record an answer to a SIP meeting and a plan", consent.date),
                )
                .sv(format!("samtycket från {} anger inget svar om SIP-möte och plan", consent.date))
                .hint("write `meeting_and_plan = true` when the person said yes; the consent form leaves the boxes empty until then")
                .hint_sv("skriv `meeting_and_plan = true` om personen sa ja; samtyckesblanketten lämnar rutorna tomma tills dess"),
            ),
            Some(true) => {}
        }
    }
}

/// A consent that says no to a meeting and a plan: one finding, however
/// many forms it stops, at the answer that says no.
fn no_meeting(c: &mut Checker, i: usize, consent: &Consent) {
    let custody = c.case.custody();
    c.push(
        &refused_at(i, consent, ConsentPart::MeetingAndPlan, &custody),
        Diagnostic::error(
            "no-meeting-consent",
            format!("the consent of {} says no to a SIP meeting and a plan", consent.date),
        )
        .sv(format!("samtycket från {} säger nej till SIP-möte och plan", consent.date))
        .hint("a SIP is held only with consent; record the refusal with the consent form alone, and if consent was given later, add it as a new [[consents]]")
        .hint_sv("en SIP hålls bara med samtycke; dokumentera nejet med enbart samtyckesblanketten, och om samtycke gavs senare, lägg till det som ett nytt [[consents]]"),
    );
}

/// Where a "no" to one part is written: a guardian's or the young person's
/// own answer, else the consent's.
fn refused_at(i: usize, consent: &Consent, part: ConsentPart, custody: &[&str]) -> Vec<Step> {
    if consent.given_by == ConsentGiver::Guardians {
        for (j, g) in consent.guardians.iter().enumerate() {
            if custody.contains(&g.name()) && part.of(g.own()) == Some(false) {
                return vec![
                    Step::Key("consents"),
                    Step::Index(i),
                    Step::Key("guardians"),
                    Step::Index(j),
                    Step::Key(part.key()),
                ];
            }
        }
        if consent.young_person.is_some_and(|a| part.of(a) == Some(false)) {
            return vec![Step::Key("consents"), Step::Index(i), Step::Key("young_person"), Step::Key(part.key())];
        }
    }
    at(i, part.key())
}

/// A withdrawn consent when the closing follow-up can still be printed.
pub(super) fn withdrawn_note(c: &mut Checker) {
    let Some((i, withdrawn)) = c.case.consents.iter().enumerate().rev().find_map(|(i, k)| k.withdrawn.map(|w| (i, w)))
    else {
        return;
    };
    c.push(
        &at(i, "withdrawn"),
        Diagnostic::warning(
            "consent-withdrawn",
            format!("the consent was withdrawn on {withdrawn}; only the consent form that records it and a follow-up that closes the plan can be printed"),
        )
        .sv(format!("samtycket återkallades {withdrawn}; bara samtyckesblanketten som dokumenterar det och en uppföljning som avslutar planen kan skrivas ut"))
        .hint("the other forms are left out of `render --all`")
        .hint_sv("de andra blanketterna tas inte med i `render --all`"),
    );
}

/// Whether the latest consent is withdrawn.
pub(super) fn withdrawn(case: &Case) -> bool {
    case.consents.last().is_some_and(|c| c.withdrawn.is_some())
}

/// After consent is withdrawn, the plan may still be closed: the follow-up
/// that closes it, and the envelope it goes out in.
pub(super) fn allowed_after_withdrawal(case: &Case, kind: FormKind, pick: Pick) -> bool {
    let closing =
        |i: Option<usize>| i.and_then(|i| case.followups.get(i)).is_some_and(|f| f.decision == Some(Decision::Close));
    match kind {
        FormKind::Followup => closing(pick.followup.or(case.last_held())),
        FormKind::Envelope => closing(case.last_held()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{check_form, CheckOptions};
    use crate::forms::FormKind;
    use crate::select::Pick;

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
        let found = check_form(&load(VALID), FormKind::Plan, Pick::default(), &late);
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["consent-expired"]);
        let found = check_form(&load(VALID), FormKind::Consent, Pick::default(), &late);
        assert!(found.is_empty(), "the consent form documents the consent whenever printed: {found:?}");

        let early =
            CheckOptions { printed: Some(crate::case::Date::parse("2026-11-01").unwrap()), ..Default::default() };
        let found = check_form(&load(VALID), FormKind::Invitation, Pick::default(), &early);
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
        // The consent form documents the withdrawal; the others stop.
        for kind in [FormKind::Invitation, FormKind::Plan] {
            let codes: Vec<_> = check_form(&open, kind, Pick::default(), &options).iter().map(|d| d.code).collect();
            assert_eq!(codes, ["consent-withdrawn"], "{kind:?}");
        }
        let closed = load(&format!("{withdrawn}{CLOSING}"));
        let errors =
            |kind| check_form(&closed, kind, Pick::default(), &options).into_iter().filter(|d| d.is_error()).count();
        assert_eq!(errors(FormKind::Followup), 0);
        assert_eq!(errors(FormKind::Envelope), 0);
        assert!(!check_form(&closed, FormKind::Plan, Pick::default(), &options).is_empty());
        let continued = load(&format!("{withdrawn}{}", CLOSING.replace("\"close\"", "\"continue\"")));
        assert!(!check_form(&continued, FormKind::Followup, Pick::default(), &options).is_empty());
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
    fn a_refusal_is_found_at_the_answer_that_says_no_once_however_many_forms_it_stops() {
        // In format 2, where a consent records its answer to information exchange.
        let v2 = crate::case::upgrade::upgrade_text(VALID, crate::case::Syntax::Toml).unwrap();
        let no = v2.replacen("information_exchange = true", "information_exchange = false", 1);
        assert_ne!(no, v2);
        let found = super::super::check(&load(&no), &CheckOptions::default());
        let refused: Vec<_> = found.iter().filter(|d| d.code == "consent-refused").collect();
        assert_eq!(refused.len(), 1, "{found:?}");
        assert_eq!(refused[0].path.as_deref(), Some("consents[0].information_exchange"));
        let only = check_form(&load(&no), FormKind::Consent, Pick::default(), &CheckOptions::default());
        assert!(only.iter().all(|d| d.code != "consent-refused"), "the consent form records the no: {only:?}");

        // A guardian's own "no" is where the finding points.
        let text = crate::case::upgrade::upgrade_text(
            &child("given_by = \"guardians\"\nguardians = [\"Sofia\", \"Daniel\"]"),
            crate::case::Syntax::Toml,
        )
        .unwrap()
        .replacen("\"Daniel\"]", "{ name = \"Daniel\", meeting_and_plan = false }]", 1);
        let found = super::super::check(&load(&text), &CheckOptions::default());
        let no_meeting: Vec<_> = found.iter().filter(|d| d.code == "no-meeting-consent").collect();
        assert_eq!(no_meeting.len(), 1, "{found:?}");
        assert_eq!(no_meeting[0].path.as_deref(), Some("consents[0].guardians[1].meeting_and_plan"));
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
            ["adult-consent", "guardian-consent"]
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
