//! Every reference resolves and every id is unique: units, goals, actions
//! and the people who take on actions.

use std::collections::HashSet;

use super::{unknown, Checker, SELF};
use crate::case::locate::Step;
use crate::diagnostic::Diagnostic;

pub(super) fn run(c: &mut Checker) {
    let case = c.case;
    let unit_ids: Vec<&str> = case.units.iter().map(|u| u.id.as_str()).collect();
    let mut seen = HashSet::new();
    for (i, id) in unit_ids.iter().enumerate() {
        if !seen.insert(*id) {
            c.push(
                &[Step::Key("units"), Step::Index(i), Step::Key("id")],
                Diagnostic::error("duplicate-id", format!("two units have the id `{id}`"))
                    .sv(format!("två enheter har id `{id}`"))
                    .hint("give each unit its own id")
                    .hint_sv("ge varje enhet ett eget id"),
            );
        }
    }
    let unit = |c: &mut Checker, id: &str, path: &[Step]| {
        if !unit_ids.contains(&id) {
            c.push(
                path,
                unknown(
                    ("unit", "ingen enhet"),
                    id,
                    &unit_ids,
                    ("add it under [[units]] or correct the id", "lägg till den under [[units]] eller rätta id:t"),
                ),
            );
        }
    };

    for (k, consent) in case.consents.iter().enumerate() {
        for (i, party) in consent.parties.iter().enumerate() {
            unit(c, party, &[Step::Key("consents"), Step::Index(k), Step::Key("parties"), Step::Index(i)]);
        }
    }
    if let Some(meeting) = &case.meeting {
        unit(c, &meeting.convener.unit, &[Step::Key("meeting"), Step::Key("convener"), Step::Key("unit")]);
    }
    for (i, p) in case.participants.iter().enumerate() {
        if let Some(u) = &p.unit {
            unit(c, u, &[Step::Key("participants"), Step::Index(i), Step::Key("unit")]);
        }
    }
    for (i, f) in case.followups.iter().enumerate() {
        let path: Vec<Step> = match &f.convener {
            crate::case::FollowupConvener::Unit(_) => {
                vec![Step::Key("followups"), Step::Index(i), Step::Key("convener")]
            }
            crate::case::FollowupConvener::Person(_) => {
                vec![Step::Key("followups"), Step::Index(i), Step::Key("convener"), Step::Key("unit")]
            }
        };
        unit(c, f.convener_unit(), &path);
    }

    // Relatives, guardians and a representative can take on actions too.
    let mut parties: Vec<&str> = unit_ids.clone();
    parties.push(SELF);
    parties.extend(case.relatives.iter().map(|r| r.name.as_str()));
    parties.extend(case.guardians.iter().map(|g| g.name.as_str()));
    parties.extend(case.representative.iter().map(|r| r.name.as_str()));
    for (v, plan) in case.plans.iter().enumerate() {
        let base = [Step::Key("plans"), Step::Index(v)];
        let path = |rest: &[Step]| [&base[..], rest].concat();
        unit(c, &plan.lead, &path(&[Step::Key("lead")]));
        unit(c, &plan.coordinator.unit, &path(&[Step::Key("coordinator"), Step::Key("unit")]));
        let mut goal_ids: Vec<&str> = Vec::new();
        for (i, goal) in plan.goals.iter().enumerate() {
            if goal_ids.contains(&goal.id.as_str()) {
                c.push(
                    &path(&[Step::Key("goals"), Step::Index(i), Step::Key("id")]),
                    Diagnostic::error("duplicate-id", format!("two goals have the id `{}`", goal.id))
                        .sv(format!("två mål har id `{}`", goal.id))
                        .hint("give each goal its own id")
                        .hint_sv("ge varje mål ett eget id"),
                );
            }
            goal_ids.push(&goal.id);
        }
        for (i, action) in plan.actions.iter().enumerate() {
            let at = |key| path(&[Step::Key("actions"), Step::Index(i), Step::Key(key)]);
            if !goal_ids.contains(&action.goal.as_str()) {
                c.push(
                    &at("goal"),
                    unknown(
                        ("goal", "inget mål"),
                        &action.goal,
                        &goal_ids,
                        ("use the id of one of the plan's goals", "använd id för ett av planens mål"),
                    ),
                );
            }
            for who in action.responsible.iter() {
                if !parties.contains(&who) {
                    c.push(
                        &at("responsible"),
                        unknown(
                            ("responsible party", "ingen ansvarig part"),
                            who,
                            &parties,
                            (
                                "write a unit id, `self` for the individual, or the name of one of [[relatives]], [[guardians]] or the [representative]",
                                "skriv id för en enhet, `self` för den enskilde, eller namnet på någon i [[relatives]], [[guardians]] eller [representative]",
                            ),
                        ),
                    );
                }
            }
        }
    }

    for (e, followup) in case.followups.iter().enumerate() {
        let base = [Step::Key("followups"), Step::Index(e)];
        if case.plans.is_empty() {
            if followup.held() {
                c.push(
                    &base,
                    Diagnostic::error("no-plan", "a follow-up is recorded, but the case has no [[plans]] to follow up")
                        .sv("en uppföljning är antecknad, men ärendet har inga [[plans]] att följa upp")
                        .hint("add the plan that this follow-up refers to")
                        .hint_sv("lägg till planen som den här uppföljningen gäller"),
                );
            }
            continue;
        }
        let Some(plan) = case.assessed_version(followup).map(|v| &case.plans[v]) else { continue };
        let goal_ids: Vec<&str> = plan.goals.iter().map(|g| g.id.as_str()).collect();
        for (g, result) in followup.goals.iter().enumerate() {
            if !goal_ids.contains(&result.goal.as_str()) {
                let path = [&base[..], &[Step::Key("goals"), Step::Index(g), Step::Key("goal")]].concat();
                c.push(
                    &path,
                    unknown(
                        ("goal", "inget mål"),
                        &result.goal,
                        &goal_ids,
                        ("follow-ups can only assess goals of the plan", "en uppföljning kan bara bedöma planens mål"),
                    ),
                );
            }
        }
        let actions = plan.actions.len();
        for (a, result) in followup.actions.iter().enumerate() {
            if result.action == 0 || result.action > actions {
                let path = [&base[..], &[Step::Key("actions"), Step::Index(a), Step::Key("action")]].concat();
                c.push(
                    &path,
                    Diagnostic::error("unknown-action", format!("the plan has no action number {}", result.action))
                        .sv(format!("planen har ingen insats nummer {}", result.action))
                        .hint(format!(
                            "actions are numbered from 1 in the order of the plan's actions; this version has {actions}"
                        ))
                        .hint_sv(format!(
                            "insatserna numreras från 1 i den ordning de står i planen; den här versionen har {actions}"
                        )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn an_unknown_unit_is_found_with_a_suggestion() {
        let text = with("convener = \"soc\"", "convener = \"sok\"");
        let found = super::super::check(&load(&text), &Default::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "unknown-unit");
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `soc`?"));
    }

    #[test]
    fn duplicate_ids_are_found() {
        assert_eq!(
            codes(&with("id = \"fk\"", "id = \"soc\"")),
            ["duplicate-id", "unknown-unit", "unknown-unit", "unknown-party"]
        );
        let two_goals = format!(
            "{}\n[[plan.goals]]\nid = \"g\"\ntext = \"Igen\"\n",
            VALID.replace("\n[followup]", "\n[[plan.goals]]\nid = \"g\"\ntext = \"Igen\"\n\n[followup]")
        );
        assert!(codes(&two_goals).contains(&"duplicate-id"));
    }

    #[test]
    fn actions_and_follow_ups_refer_to_what_exists() {
        assert_eq!(codes(&with("goal = \"g\"", "goal = \"h\"")), ["unknown-goal"]);
        let evaluation = "\n[[evaluations]]\ndate = 2027-02-20\npresent = [\"Anna\"]\nwellbeing = \"Bra\"\ndecision = \"continue\"\ngoals = [{ goal = \"x\", status = \"met\" }]\nactions = [{ action = 3, done = true }]\n";
        assert_eq!(
            codes(&format!("{VALID}{evaluation}")),
            ["unassessed-goal", "unknown-goal", "unassessed-action", "unknown-action"]
        );
    }

    #[test]
    fn relatives_and_guardians_can_be_responsible_for_actions() {
        let relative = "\n[[relatives]]\nname = \"Sara\"\nrelation = \"syster\"\n";
        let text =
            format!("{}{relative}", with("responsible = [\"fk\", \"self\"]", "responsible = [\"fk\", \"Sara\"]"));
        assert_eq!(codes(&text), Vec::<&str>::new());
        let found =
            super::super::check(&load(&text.replace("[\"fk\", \"Sara\"]", "[\"fk\", \"Sarah\"]")), &Default::default());
        assert_eq!(found[0].code, "unknown-party");
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `Sara`?"));
    }
}
