//! Deadlines and the order of dates: the meeting soon after the need is
//! found, the invitation within three days of a discharge notice, and no
//! invitation after the meeting it calls to.

use super::Checker;
use crate::case::locate::Step;
use crate::diagnostic::Diagnostic;

const MEETING: Step = Step::Key("meeting");

pub(super) fn run(c: &mut Checker) {
    let Some(meeting) = &c.case.meeting else { return };
    let start = meeting.start.date();

    if let Some(invited) = meeting.invited {
        if invited > start {
            c.push(
                &[MEETING, Step::Key("invited")],
                Diagnostic::error(
                    "invited-after-meeting",
                    format!("the invitation ({invited}) is dated after the meeting ({start})"),
                )
                .sv(format!("kallelsen ({invited}) är daterad efter mötet ({start})"))
                .hint("check `invited` and `start`")
                .hint_sv("kontrollera `invited` och `start`"),
            );
        }
    }
    if let Some(need) = meeting.need_identified {
        let days = (start.0 - need.0).num_days();
        let within = i64::from(c.options.meeting_within_days);
        if days < 0 {
            c.push(
                &[MEETING, Step::Key("need_identified")],
                Diagnostic::error(
                    "need-after-meeting",
                    format!("the need is found ({need}) after the meeting ({start})"),
                )
                .sv(format!("behovet upptäcks ({need}) efter mötet ({start})"))
                .hint("check `need_identified` and `start`")
                .hint_sv("kontrollera `need_identified` och `start`"),
            );
        } else if days > within {
            c.push(
                &[MEETING, Step::Key("start")],
                Diagnostic::warning(
                    "late-meeting",
                    format!("the meeting is {days} days after the need was found ({need}); it should be held within {within}"),
                )
                .sv(format!("mötet hålls {days} dagar efter att behovet upptäcktes ({need}); det bör hållas inom {within} dagar"))
                .hint("hold the meeting sooner if you can; the limit is set with --meeting-within-days")
                .hint_sv("håll mötet tidigare om du kan; gränsen ställs in med --meeting-within-days"),
            );
        }
    }
    // After a hospital stay the invitation must go out within three calendar
    // days of the utskrivningsklar notice.
    if let (Some(notice), Some(invited)) = (meeting.discharge_notice, meeting.invited) {
        let days = (invited.0 - notice.0).num_days();
        if days > 3 {
            c.push(
                &[MEETING, Step::Key("invited")],
                Diagnostic::warning(
                    "late-discharge-invitation",
                    format!("the invitation goes out {days} days after the discharge notice ({notice}); the rule is at most 3 calendar days"),
                )
                .sv(format!("kallelsen skickas {days} dagar efter meddelandet om utskrivningsklar patient ({notice}); regeln är högst 3 kalenderdagar"))
                .hint("send the invitation sooner, or check `invited` and `discharge_notice`")
                .hint_sv("skicka kallelsen tidigare, eller kontrollera `invited` och `discharge_notice`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{check, CheckOptions};

    #[test]
    fn a_meeting_more_than_three_weeks_after_the_need_is_a_warning() {
        // The base meeting is 19 days after the need.
        assert_eq!(codes(&with("need_identified = 2026-11-01", "need_identified = 2026-10-30")), Vec::<&str>::new());
        let late = with("need_identified = 2026-11-01", "need_identified = 2026-10-29");
        let found = check(&load(&late), &Default::default());
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["late-meeting"]);
        assert!(!found[0].is_error());
        let halland = CheckOptions { meeting_within_days: 30, ..Default::default() };
        assert!(check(&load(&late), &halland).is_empty());
    }

    #[test]
    fn a_late_discharge_invitation_is_a_warning() {
        let notice = |invited: &str| {
            with("invited = 2026-11-05", &format!("discharge_notice = 2026-11-01\ninvited = {invited}"))
        };
        assert_eq!(codes(&notice("2026-11-04")), Vec::<&str>::new());
        let late = notice("2026-11-05");
        let found = check(&load(&late), &Default::default());
        assert_eq!(found.iter().map(|d| d.code).collect::<Vec<_>>(), ["late-discharge-invitation"]);
        assert_eq!(&late[found[0].span.clone().unwrap()], "2026-11-05");
    }

    #[test]
    fn dates_in_the_wrong_order_are_errors() {
        assert_eq!(codes(&with("invited = 2026-11-05", "invited = 2026-11-21")), ["invited-after-meeting"]);
        assert_eq!(
            codes(&with("need_identified = 2026-11-01", "need_identified = 2026-11-21")),
            ["need-after-meeting"]
        );
    }
}
