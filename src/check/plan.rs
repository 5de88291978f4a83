//! The plan answers the four points the law asks (SoL 10 kap. 7 §, HSL 16
//! kap. 4 §): which interventions are needed, which huvudman does which,
//! what others do, and which huvudman has overall responsibility. It names a
//! coordinator at a huvudman and a follow-up; a follow-up that closes or
//! restarts the plan says why.

use super::Checker;
use crate::case::locate::Step;
use crate::case::{Decision, Principal};
use crate::diagnostic::Diagnostic;

const PLAN: Step = Step::Key("plan");

fn is_huvudman(p: Option<Principal>) -> bool {
    matches!(p, Some(Principal::Region | Principal::Kommun))
}

pub(super) fn run(c: &mut Checker) {
    let case = c.case;
    evaluations(c);
    let Some(plan) = &case.plan else { return };

    // 1. Which interventions are needed.
    if plan.goals.is_empty() {
        c.push(
            &[PLAN, Step::Key("goals")],
            Diagnostic::error("no-goals", "the plan has no goals").hint("add the sub-goals under [[plan.goals]]"),
        );
    }
    if plan.actions.is_empty() {
        c.push(
            &[PLAN, Step::Key("actions")],
            Diagnostic::error("no-actions", "the plan names no actions; the law asks which interventions are needed")
                .hint("add each intervention under [[plan.actions]] with its goal and who is responsible"),
        );
    }
    // 2 and 3. Who does what: every action has someone responsible, and the
    // huvudmän carry at least one.
    let mut by_huvudman = false;
    for (i, action) in plan.actions.iter().enumerate() {
        let mut responsible = action.responsible.iter().peekable();
        if responsible.peek().is_none() {
            c.push(
                &[PLAN, Step::Key("actions"), Step::Index(i), Step::Key("responsible")],
                Diagnostic::error("no-responsible", format!("no one is responsible for action {}", i + 1))
                    .hint("write the id of the unit that does it, `self`, or the name of a relative"),
            );
        }
        by_huvudman |= responsible.any(|r| is_huvudman(c.principal(r)));
    }
    if !plan.actions.is_empty() && !by_huvudman {
        c.push(
            &[PLAN, Step::Key("actions")],
            Diagnostic::error(
                "no-huvudman-action",
                "no action is the responsibility of a kommun or region unit; the law asks which huvudman does what",
            )
            .hint("set `responsible` to the unit of the kommun or region that carries each intervention"),
        );
    }
    // 4. Overall responsibility, and the coordinator, sit with a huvudman.
    if c.principal(&plan.lead).is_some() && !is_huvudman(c.principal(&plan.lead)) {
        c.push(
            &[PLAN, Step::Key("lead")],
            Diagnostic::error("lead-not-huvudman", format!("`{}` leads the plan, but it is neither kommun nor region", plan.lead))
                .hint("overall responsibility lies with a huvudman: choose a unit with `principal = \"kommun\"` or `\"region\"`"),
        );
    }
    let coordinator = &plan.coordinator.unit;
    if c.principal(coordinator).is_some() && !is_huvudman(c.principal(coordinator)) {
        c.push(
            &[PLAN, Step::Key("coordinator"), Step::Key("unit")],
            Diagnostic::error(
                "coordinator-not-huvudman",
                format!("the coordinator works for `{coordinator}`, which is neither kommun nor region"),
            )
            .hint("the coordinator is someone at a huvudman: a unit with `principal = \"kommun\"` or `\"region\"`"),
        );
    }

    // The follow-up: when, and who calls it. A closed plan needs none.
    let closed = case.evaluations.last().is_some_and(|e| matches!(e.decision, Decision::Close | Decision::Restart));
    match &case.followup {
        None if !closed => c.push(
            &[PLAN],
            Diagnostic::error(
                "no-followup",
                "the plan has no follow-up; it must say when it is followed up and by whom",
            )
            .hint("add [followup] with `date` and `convener` (normally the lead unit)"),
        ),
        Some(f) if f.date <= plan.date => c.push(
            &[Step::Key("followup"), Step::Key("date")],
            Diagnostic::error(
                "followup-before-plan",
                format!("the follow-up ({}) is not after the plan ({})", f.date, plan.date),
            )
            .hint("the follow-up comes after the meeting; check `followup.date`"),
        ),
        _ => {}
    }
}

fn evaluations(c: &mut Checker) {
    for (i, e) in c.case.evaluations.iter().enumerate() {
        if matches!(e.decision, Decision::Close | Decision::Restart) && e.close_reason.is_none() {
            let word = if e.decision == Decision::Close { "closes" } else { "restarts" };
            c.push(
                &[Step::Key("evaluations"), Step::Index(i), Step::Key("decision")],
                Diagnostic::error(
                    "no-close-reason",
                    format!("the follow-up on {} {word} the plan without saying why", e.date),
                )
                .hint("write the reason in `close_reason`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn the_plan_needs_goals_and_actions() {
        let start = VALID.find("[[plan.goals]]").unwrap();
        let end = VALID.find("[followup]").unwrap();
        let text = format!("{}goals = []\nactions = []\n\n{}", &VALID[..start], &VALID[end..]);
        assert_eq!(codes(&text), ["no-goals", "no-actions"]);
    }

    #[test]
    fn each_action_has_someone_responsible_and_a_huvudman_carries_one() {
        assert_eq!(codes(&with("responsible = [\"fk\", \"self\"]", "responsible = []")), ["no-responsible"]);
        assert_eq!(codes(&with("responsible = \"psyk\"", "responsible = \"fk\"")), ["no-huvudman-action"]);
    }

    #[test]
    fn a_huvudman_leads_and_coordinates() {
        assert_eq!(codes(&with("lead = \"soc\"", "lead = \"fk\"")), ["lead-not-huvudman"]);
        assert_eq!(
            codes(&with("{ name = \"Eva\", unit = \"psyk\" }", "{ name = \"Eva\", unit = \"fk\" }")),
            ["coordinator-not-huvudman"]
        );
    }

    #[test]
    fn the_plan_has_a_follow_up_after_it() {
        let text = VALID.replace("[followup]\ndate = 2027-02-20\nconvener = \"soc\"\n", "");
        assert_eq!(codes(&text), ["no-followup"]);
        assert_eq!(codes(&with("date = 2027-02-20", "date = 2026-11-20")), ["followup-before-plan"]);
    }

    #[test]
    fn closing_or_restarting_gives_a_reason() {
        let evaluation =
            "\n[[evaluations]]\ndate = 2027-02-20\npresent = [\"Anna\"]\nwellbeing = \"Bra\"\ndecision = \"close\"\n";
        assert_eq!(codes(&format!("{VALID}{evaluation}")), ["no-close-reason"]);
        assert_eq!(codes(&format!("{VALID}{}", evaluation.replace("close", "restart"))), ["no-close-reason"]);
        assert_eq!(codes(&format!("{VALID}{evaluation}close_reason = \"Målen är nådda.\"\n")), Vec::<&str>::new());
        assert_eq!(codes(&format!("{VALID}{}", evaluation.replace("close", "continue"))), Vec::<&str>::new());
    }
}
