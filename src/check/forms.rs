//! What an invitation must say (VGR: "Syftet … och frågeställningarna ska
//! tydligt framgå", and what each invitee can contribute), and the day it
//! carries: without `invited`, a day chosen after the consent, said aloud.

use super::Checker;
use crate::case::locate::Step;
use crate::diagnostic::Diagnostic;
use crate::forms::FormKind;
use crate::select::Pick;

pub(super) fn run(c: &mut Checker, kind: FormKind, pick: Pick) {
    let case = c.case;
    match kind {
        FormKind::Invitation => {
            let Some(meeting) = &case.meeting else { return };
            if meeting.invited.is_none() {
                if let Some(date) = crate::select::invitation_date(case) {
                    c.push(
                        &[Step::Key("meeting")],
                        Diagnostic::warning(
                            "no-invitation-date",
                            format!("`meeting.invited` is missing; the invitation is dated {date}, the later of the day the need was found and the consent"),
                        )
                        .sv(format!("`meeting.invited` saknas; kallelsen dateras {date}, det senare av dagen då behovet upptäcktes och dagen för samtycket"))
                        .hint("write `invited = YYYY-MM-DD` under [meeting], the day the invitation goes out")
                        .hint_sv("skriv `invited = ÅÅÅÅ-MM-DD` under [meeting], dagen då kallelsen skickas"),
                    );
                }
            }
            if meeting.questions.is_empty() {
                c.push(
                    &[Step::Key("meeting")],
                    Diagnostic::warning("no-questions", "the invitation names no questions for the meeting")
                        .sv("kallelsen anger inga frågor för mötet")
                        .hint("write what the meeting is to answer in `questions`; the invitation must make them clear")
                        .hint_sv("skriv i `questions` vad mötet ska ge svar på; kallelsen måste göra frågorna tydliga"),
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
                        .sv(format!("kallelsen säger inte vad {} förväntas bidra med", p.name))
                        .hint("write it in `contributes`; the invitation must make it clear")
                        .hint_sv("skriv det i `contributes`; kallelsen måste göra det tydligt"),
                    );
                }
            }
        }
        FormKind::FollowupInvitation => {
            let Ok(selected) = crate::select::select(case, kind, pick, None) else { return };
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
                    .sv(format!(
                        "`invited` saknas på uppföljningen {}; kallelsen till den dateras {}",
                        f.date, selected.date
                    ))
                    .hint("write `invited = YYYY-MM-DD` on the follow-up, the day the invitation goes out")
                    .hint_sv("skriv `invited = ÅÅÅÅ-MM-DD` på uppföljningen, dagen då kallelsen skickas"),
                );
            }
            if f.questions.is_empty() {
                c.push(
                    &base,
                    Diagnostic::warning(
                        "no-questions",
                        format!("the invitation to the follow-up of {} names no questions", f.date),
                    )
                    .sv(format!("kallelsen till uppföljningen {} anger inga frågor", f.date))
                    .hint("write what the follow-up is to take up in `questions`")
                    .hint_sv("skriv i `questions` vad uppföljningen ska ta upp"),
                );
            }
            if f.participants.is_empty() {
                c.push(
                    &base,
                    Diagnostic::warning("no-invitees", format!("nobody is invited to the follow-up of {}", f.date))
                        .sv(format!("ingen är kallad eller inbjuden till uppföljningen {}", f.date))
                        .hint("name who is invited in `participants`: the person, and those with actions in the plan")
                        .hint_sv("ange i `participants` vilka som kallas eller bjuds in: personen, och de som har insatser i planen"),
                );
            }
        }
        _ => {}
    }
}

/// A calendar file is for a meeting still to come: a follow-up already held
/// gets none, and the warning is found at the `decision` that makes it held.
pub(super) fn held_followup_calendar(c: &mut Checker, i: usize) {
    let Some(f) = c.case.followups.get(i) else { return };
    let n = i + 1;
    let date = f.date;
    c.push(
        &[Step::Key("followups"), Step::Index(i), Step::Key("decision")],
        Diagnostic::warning(
            "held-followup-calendar",
            format!("follow-up number {n} ({date}) is already held: no calendar file is written for it"),
        )
        .sv(format!("uppföljning nummer {n} ({date}) är redan hållen: ingen kalenderfil skrivs för den"))
        .hint("a calendar file is for a meeting still to come; without --followup it is the next follow-up planned")
        .hint_sv(
            "en kalenderfil är för ett möte som ska hållas; utan --followup gäller den nästa planerade uppföljning",
        ),
    );
}
