//! What an invitation must say (VGR: "Syftet … och frågeställningarna ska
//! tydligt framgå", and what each invitee can contribute), and the day it
//! carries: without `invited`, a day chosen after the consent, said aloud.

use super::Checker;
use crate::case::locate::Step;
use crate::diagnostic::Diagnostic;
use crate::forms::FormKind;
use crate::model::Pick;

pub(super) fn run(c: &mut Checker, kind: FormKind, pick: Pick) {
    let case = c.case;
    match kind {
        FormKind::Invitation => {
            let Some(meeting) = &case.meeting else { return };
            if meeting.invited.is_none() {
                if let Some(date) = crate::model::invitation_date(case) {
                    c.push(
                        &[Step::Key("meeting")],
                        Diagnostic::warning(
                            "no-invitation-date",
                            format!("`meeting.invited` is missing; the invitation is dated {date}, the later of the day the need was found and the consent"),
                        )
                        .hint("write `invited = YYYY-MM-DD` under [meeting], the day the invitation goes out"),
                    );
                }
            }
            if meeting.questions.is_empty() {
                c.push(
                    &[Step::Key("meeting")],
                    Diagnostic::warning("no-questions", "the invitation names no questions for the meeting").hint(
                        "write what the meeting is to answer in `questions`; the invitation must make them clear",
                    ),
                );
            }
            for (i, p) in case.participants.iter().enumerate() {
                if p.unit.is_some() && p.contributes.is_none() {
                    c.push(
                        &[Step::Key("participants"), Step::Index(i)],
                        Diagnostic::warning(
                            "no-contribution",
                            format!("the invitation does not say what {} is expected to contribute", p.name),
                        )
                        .hint("write it in `contributes`; the invitation must make it clear"),
                    );
                }
            }
        }
        FormKind::FollowupInvitation => {
            let Ok(selected) = crate::model::select(case, kind, pick, None) else { return };
            let Some(i) = selected.followup else { return };
            let f = &case.followups[i];
            let base = [Step::Key("followups"), Step::Index(i)];
            if f.invited.is_none() {
                c.push(
                    &base,
                    Diagnostic::warning(
                        "no-invitation-date",
                        format!(
                            "`invited` is missing on the follow-up of {}; its invitation is dated {}",
                            f.date, selected.date
                        ),
                    )
                    .hint("write `invited = YYYY-MM-DD` on the follow-up, the day the invitation goes out"),
                );
            }
            if f.questions.is_empty() {
                c.push(
                    &base,
                    Diagnostic::warning(
                        "no-questions",
                        format!("the invitation to the follow-up of {} names no questions", f.date),
                    )
                    .hint("write what the follow-up is to take up in `questions`"),
                );
            }
            if f.participants.is_empty() {
                c.push(
                    &base,
                    Diagnostic::warning("no-invitees", format!("nobody is invited to the follow-up of {}", f.date))
                        .hint("name who is invited in `participants`: the person, and those with actions in the plan"),
                );
            }
        }
        _ => {}
    }
}
