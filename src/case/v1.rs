//! Case-file format 1: one consent, one plan, one planned follow-up and a
//! list of follow-ups held. It is read as it always was and upgraded to the
//! current format in memory, so every file that rendered still renders; the
//! places a diagnostic names are mapped back to where the value stands in
//! the format-1 file ([`Moved`]).
//!
//! Two defaults of format 1 asserted what nobody recorded: a missing
//! `meeting_and_plan` meant "yes" to part 2 of the consent, a missing
//! `agreed` that the person approved the plan. They are read as not recorded.

use serde::Deserialize;

use super::locate::Step;
use super::types::{ActionResult, Case, Guardian};
use super::types::{
    Answers, Consent, ConsentForm, ConsentGiver, Decision, Followup, FollowupConvener, GoalResult, GuardianAnswer,
    Meeting, Participant, Person, Plan, Relative, Representative, Unit,
};
use super::Date;

pub use crate::source::Moved;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseV1 {
    format: u32,
    #[serde(default = "sv")]
    language: String,
    #[serde(default)]
    printed: Option<Date>,
    person: Person,
    #[serde(default)]
    guardians: Vec<Guardian>,
    #[serde(default)]
    representative: Option<Representative>,
    #[serde(default)]
    relatives: Vec<Relative>,
    #[serde(default)]
    units: Vec<Unit>,
    #[serde(default)]
    consent: Option<ConsentV1>,
    #[serde(default)]
    meeting: Option<Meeting>,
    #[serde(default)]
    participants: Vec<Participant>,
    #[serde(default)]
    plan: Option<Plan>,
    #[serde(default)]
    followup: Option<FollowupV1>,
    #[serde(default)]
    evaluations: Vec<EvaluationV1>,
}

fn sv() -> String {
    "sv".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsentV1 {
    given_by: ConsentGiver,
    #[serde(default)]
    guardians: Vec<String>,
    form: ConsentForm,
    date: Date,
    valid_until: Date,
    parties: Vec<String>,
    information: Vec<String>,
    #[serde(default)]
    exclusions: Vec<String>,
    #[serde(default)]
    meeting_and_plan: Option<bool>,
    #[serde(default)]
    recorded: Option<String>,
    #[serde(default)]
    child_view: Option<String>,
    #[serde(default)]
    withdrawn: Option<Date>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FollowupV1 {
    date: Date,
    #[serde(default)]
    place: Option<String>,
    convener: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluationV1 {
    date: Date,
    present: Vec<String>,
    wellbeing: String,
    #[serde(default)]
    new_information: Option<String>,
    #[serde(default)]
    other_needs: Option<String>,
    decision: Decision,
    #[serde(default)]
    close_reason: Option<String>,
    #[serde(default)]
    if_need_returns: Option<String>,
    #[serde(default)]
    goals: Vec<GoalResult>,
    #[serde(default)]
    actions: Vec<ActionResult>,
    #[serde(default)]
    next: Option<FollowupV1>,
}

impl FollowupV1 {
    fn planned(self) -> Followup {
        Followup { place: self.place, convener: FollowupConvener::Unit(self.convener), ..empty_followup(self.date) }
    }
}

fn empty_followup(date: Date) -> Followup {
    Followup {
        date,
        start: None,
        minutes: None,
        place: None,
        link: None,
        convener: FollowupConvener::Unit(String::new()),
        chair: None,
        note_taker: None,
        invited: None,
        reply_by: None,
        questions: Vec::new(),
        participants: Vec::new(),
        plan_version: None,
        decision: None,
        present: Vec::new(),
        wellbeing: None,
        new_information: None,
        other_needs: None,
        changes: None,
        close_reason: None,
        if_need_returns: None,
        goals: Vec::new(),
        actions: Vec::new(),
    }
}

impl CaseV1 {
    /// The case in the current format, and where each moved value stood.
    pub fn upgrade(self) -> (Case, Moved) {
        use Step::{Index as I, Key as K};
        let mut moved: Moved = Vec::new();
        let consents = self
            .consent
            .map(|c| {
                moved.push((vec![K("consents"), I(0)], vec![K("consent")]));
                vec![Consent {
                    given_by: c.given_by,
                    guardians: c.guardians.into_iter().map(GuardianAnswer::Name).collect(),
                    young_person: None::<Answers>,
                    form: c.form,
                    date: c.date,
                    valid_until: c.valid_until,
                    parties: c.parties,
                    information: c.information,
                    exclusions: c.exclusions,
                    // A format-1 consent is one that was given: to information exchange.
                    information_exchange: Some(true),
                    meeting_and_plan: c.meeting_and_plan,
                    recorded: c.recorded,
                    child_view: c.child_view,
                    withdrawn: c.withdrawn,
                }]
            })
            .unwrap_or_default();
        let plans = self
            .plan
            .map(|p| {
                moved.push((vec![K("plans"), I(0)], vec![K("plan")]));
                vec![p]
            })
            .unwrap_or_default();
        let mut followups = Vec::new();
        let mut last_next = None;
        // A follow-up held was planned first: its convener and place are
        // those of the plan's follow-up or an earlier one's `next` on the
        // same day, else the lead's.
        let mut planned: Vec<FollowupV1> = self.followup.iter().cloned().collect();
        planned.extend(self.evaluations.iter().filter_map(|e| e.next.clone()));
        let lead = plans.first().map(|p: &Plan| p.lead.clone()).unwrap_or_default();
        for (i, e) in self.evaluations.into_iter().enumerate() {
            moved.push((vec![K("followups"), I(i)], vec![K("evaluations"), I(i)]));
            let was = planned.iter().find(|p| p.date == e.date);
            let convener = FollowupConvener::Unit(was.map_or_else(|| lead.clone(), |p| p.convener.clone()));
            let place = was.and_then(|p| p.place.clone());
            last_next = e.next.map(|n| (i, n));
            followups.push(Followup {
                convener,
                place,
                present: e.present,
                wellbeing: Some(e.wellbeing),
                new_information: e.new_information,
                other_needs: e.other_needs,
                decision: Some(e.decision),
                close_reason: e.close_reason,
                if_need_returns: e.if_need_returns,
                goals: e.goals,
                actions: e.actions,
                ..empty_followup(e.date)
            });
        }
        // The follow-up planned: the case's own, else the one the last
        // follow-up held decided; one that lies before it was already held.
        let held_until = followups.last().map(|f: &Followup| f.date);
        let after = |d: Date| held_until.is_none_or(|h| d > h);
        let n = followups.len();
        match (self.followup, last_next) {
            (Some(f), _) if after(f.date) => {
                moved.push((vec![K("followups"), I(n)], vec![K("followup")]));
                followups.push(f.planned());
            }
            (_, Some((i, next))) if after(next.date) => {
                moved.push((vec![K("followups"), I(n)], vec![K("evaluations"), I(i), K("next")]));
                followups.push(next.planned());
            }
            _ => {}
        }
        // A plan's version and the consent's given_by live at the same keys;
        // only the tables moved. Longest prefix first, so nothing shadows.
        moved.sort_by_key(|(now, _)| std::cmp::Reverse(now.len()));
        let case = Case {
            format: self.format,
            language: self.language,
            printed: self.printed,
            person: self.person,
            guardians: self.guardians,
            representative: self.representative,
            relatives: self.relatives,
            units: self.units,
            consents,
            meeting: self.meeting,
            participants: self.participants,
            plans,
            followups,
        };
        (case, moved)
    }
}

/// The path a value has in the file, given its path now.
pub fn in_file(moved: &Moved, path: &[Step]) -> Vec<Step> {
    for (now, then) in moved {
        if path.starts_with(now) {
            return then.iter().chain(&path[now.len()..]).cloned().collect();
        }
    }
    path.to_vec()
}
