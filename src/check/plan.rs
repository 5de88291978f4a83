//! Each plan version answers the four points the law asks (SoL 10 kap.
//! 7 §, HSL 16 kap. 4 §): which interventions are needed, which huvudman
//! does which, what others do, and which huvudman has overall
//! responsibility. It names a coordinator at a huvudman and a follow-up. A
//! version after the first says what changed and the follow-up that
//! decided it.

use super::Checker;
use crate::case::locate::Step;
use crate::case::{Decision, Plan, Principal};
use crate::diagnostic::Diagnostic;

fn is_huvudman(p: Option<Principal>) -> bool {
    matches!(p, Some(Principal::Region | Principal::Kommun))
}

pub(super) fn run(c: &mut Checker) {
    let case = c.case;
    let versions = case.plan_versions();
    for (v, plan) in case.plans.iter().enumerate() {
        law(c, v, plan);
        if v > 0 {
            history(c, v, plan, versions[v - 1], versions[v]);
        }
    }
    let Some(last) = case.plans.last() else { return };
    // The follow-up: when, and who calls it. A closed plan needs none.
    if !case.closed() && !case.followups.iter().any(|f| f.date > last.date) {
        c.push(
            &[Step::Key("plans"), Step::Index(case.plans.len() - 1)],
            Diagnostic::error(
                "no-followup",
                "the plan has no follow-up; it must say when it is followed up and by whom",
            )
            .sv("planen har ingen uppföljning; den måste säga när den följs upp och av vem")
            .hint("add a [[followups]] with `date` and `convener` (normally the lead unit)")
            .hint_sv("lägg till en [[followups]] med `date` och `convener` (oftast den huvudansvariga enheten)"),
        );
    }
}

fn law(c: &mut Checker, v: usize, plan: &Plan) {
    let at = |key: &'static str| vec![Step::Key("plans"), Step::Index(v), Step::Key(key)];
    // 1. Which interventions are needed.
    if plan.goals.is_empty() {
        c.push(
            &at("goals"),
            Diagnostic::error("no-goals", "the plan has no goals")
                .sv("planen har inga mål")
                .hint("add the sub-goals under [[plans.goals]]")
                .hint_sv("lägg till delmålen under [[plans.goals]]"),
        );
    }
    if plan.actions.is_empty() {
        c.push(
            &at("actions"),
            Diagnostic::error("no-actions", "the plan names no actions; the law asks which interventions are needed")
                .sv("planen anger inga insatser; lagen kräver att planen säger vilka insatser som behövs")
                .hint("add each intervention under [[plans.actions]] with its goal and who is responsible")
                .hint_sv("lägg till varje insats under [[plans.actions]] med dess mål och vem som är ansvarig"),
        );
    }
    // 2 and 3. Who does what: every action has someone responsible, and the
    // huvudmän carry at least one.
    let mut by_huvudman = false;
    for (i, action) in plan.actions.iter().enumerate() {
        let mut responsible = action.responsible.iter().peekable();
        if responsible.peek().is_none() {
            c.push(
                &[Step::Key("plans"), Step::Index(v), Step::Key("actions"), Step::Index(i), Step::Key("responsible")],
                Diagnostic::error("no-responsible", format!("no one is responsible for action {}", i + 1))
                    .sv(format!("ingen är ansvarig för insats {}", i + 1))
                    .hint("write the id of the unit that does it, `self`, or the name of a relative")
                    .hint_sv(
                        "skriv id för enheten som gör insatsen, `self` (personen själv) eller namnet på en närstående",
                    ),
            );
        }
        by_huvudman |= responsible.any(|r| is_huvudman(c.principal(r)));
    }
    if !plan.actions.is_empty() && !by_huvudman {
        c.push(
            &at("actions"),
            Diagnostic::error(
                "no-huvudman-action",
                "no action is the responsibility of a kommun or region unit; the law asks which huvudman does what",
            )
            .sv("ingen insats har en enhet i kommunen eller regionen som ansvarig; lagen kräver att planen säger vilken huvudman som gör vad")
            .hint("set `responsible` to the unit of the kommun or region that carries each intervention")
            .hint_sv("ange i `responsible` den enhet i kommunen eller regionen som står för varje insats"),
        );
    }
    // 4. Overall responsibility, and the coordinator, sit with a huvudman.
    if c.principal(&plan.lead).is_some() && !is_huvudman(c.principal(&plan.lead)) {
        c.push(
            &at("lead"),
            Diagnostic::error("lead-not-huvudman", format!("`{}` leads the plan, but it is neither kommun nor region", plan.lead))
                .sv(format!("`{}` har huvudansvaret för planen, men är varken kommun eller region", plan.lead))
                .hint("overall responsibility lies with a huvudman: choose a unit with `principal = \"kommun\"` or `\"region\"`")
                .hint_sv("huvudansvaret ligger hos en huvudman: välj en enhet med `principal = \"kommun\"` eller `\"region\"`"),
        );
    }
    let coordinator = &plan.coordinator.unit;
    if c.principal(coordinator).is_some() && !is_huvudman(c.principal(coordinator)) {
        c.push(
            &[Step::Key("plans"), Step::Index(v), Step::Key("coordinator"), Step::Key("unit")],
            Diagnostic::error(
                "coordinator-not-huvudman",
                format!("the coordinator works for `{coordinator}`, which is neither kommun nor region"),
            )
            .sv(format!("samordnaren arbetar på `{coordinator}`, som är varken kommun eller region"))
            .hint("the coordinator is someone at a huvudman: a unit with `principal = \"kommun\"` or `\"region\"`")
            .hint_sv("samordnaren är någon hos en huvudman: en enhet med `principal = \"kommun\"` eller `\"region\"`"),
        );
    }
}

/// A later version: numbered on from the one before, dated after it, and
/// led to by a follow-up's decision to revise, with what changed.
fn history(c: &mut Checker, v: usize, plan: &Plan, before: u32, this: u32) {
    let case = c.case;
    let at = |key: &'static str| vec![Step::Key("plans"), Step::Index(v), Step::Key(key)];
    if this != before + 1 {
        c.push(
            &at("version"),
            Diagnostic::error("version-order", format!("version {this} follows version {before}"))
                .sv(format!("version {this} kommer efter version {before}"))
                .hint(format!("number the versions in order: this one is {}", before + 1))
                .hint_sv(format!("numrera versionerna i ordning: den här är {}", before + 1)),
        );
    }
    if plan.date < case.plans[v - 1].date {
        c.push(
            &at("date"),
            Diagnostic::error(
                "version-order",
                format!(
                    "version {this} ({}) is dated before the version above it ({})",
                    plan.date,
                    case.plans[v - 1].date
                ),
            )
            .sv(format!(
                "version {this} ({}) är daterad före versionen ovanför ({})",
                plan.date,
                case.plans[v - 1].date
            ))
            .hint("list the plan versions oldest first")
            .hint_sv("lista planversionerna med den äldsta först"),
        );
    }
    if plan.changes.is_none() {
        c.push(
            &[Step::Key("plans"), Step::Index(v)],
            Diagnostic::error("no-changes", format!("plan version {this} does not say what changed"))
                .sv(format!("planversion {this} säger inte vad som har ändrats"))
                .hint("write what changed and why in `changes`")
                .hint_sv("skriv i `changes` vad som har ändrats och varför"),
        );
    }
    match plan.decided_at {
        None => c.push(
            &[Step::Key("plans"), Step::Index(v)],
            Diagnostic::error(
                "version-without-decision",
                format!("plan version {this} does not name the follow-up that decided it"),
            )
            .sv(format!("planversion {this} anger inte vilken uppföljning som beslutade om den"))
            .hint("write `decided_at` with the date of the follow-up that decided to revise the plan")
            .hint_sv("skriv i `decided_at` datumet för den uppföljning som beslutade att revidera planen"),
        ),
        Some(day) => {
            let decided = case.followups.iter().find(|f| f.date == day);
            match decided {
                Some(f) if f.decision == Some(Decision::Revise) => {
                    if plan.date < day {
                        c.push(
                            &at("date"),
                            Diagnostic::error(
                                "version-order",
                                format!(
                                    "version {this} ({}) is dated before the follow-up that decided it ({day})",
                                    plan.date
                                ),
                            )
                            .sv(format!(
                                "version {this} ({}) är daterad före uppföljningen som beslutade om den ({day})",
                                plan.date
                            ))
                            .hint("a version is written at or after the follow-up that decides it")
                            .hint_sv("en version skrivs vid eller efter den uppföljning som beslutar om den"),
                        );
                    }
                }
                Some(_) => c.push(
                    &at("decided_at"),
                    Diagnostic::error(
                        "unknown-decision",
                        format!("the follow-up of {day} did not decide to revise the plan"),
                    )
                    .sv(format!("uppföljningen {day} beslutade inte att revidera planen"))
                    .hint("its `decision` must be \"revise\"; check `decided_at`")
                    .hint_sv("dess `decision` måste vara \"revise\"; kontrollera `decided_at`"),
                ),
                None => {
                    let dates: Vec<String> =
                        case.followups.iter().filter(|f| f.held()).map(|f| f.date.to_string()).collect();
                    c.push(
                        &at("decided_at"),
                        Diagnostic::error("unknown-decision", format!("there is no follow-up on {day}"))
                            .sv(format!("det finns ingen uppföljning med datumet {day}"))
                            .hint(if dates.is_empty() {
                                "no follow-up is recorded as held".to_owned()
                            } else {
                                format!("the follow-ups held are on {}", dates.join(", "))
                            })
                            .hint_sv(if dates.is_empty() {
                                "ingen uppföljning är antecknad som hållen".to_owned()
                            } else {
                                format!("de uppföljningar som har hållits är daterade {}", dates.join(", "))
                            }),
                    );
                }
            }
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
        // The follow-up is then convened by someone else than the lead: a warning too.
        assert_eq!(codes(&with("lead = \"soc\"", "lead = \"fk\"")), ["lead-not-huvudman", "followup-convener"]);
        assert_eq!(
            codes(&with("{ name = \"Eva\", unit = \"psyk\" }", "{ name = \"Eva\", unit = \"fk\" }")),
            ["coordinator-not-huvudman"]
        );
    }

    #[test]
    fn the_plan_has_a_follow_up_after_it() {
        let text = VALID.replace("[followup]\ndate = 2027-02-20\nconvener = \"soc\"\n", "");
        assert_eq!(codes(&text), ["no-followup"]);
        assert_eq!(codes(&with("date = 2027-02-20", "date = 2026-11-20")), ["no-followup", "followup-before-plan"]);
    }

    #[test]
    fn closing_or_restarting_gives_a_reason() {
        let evaluation =
            "\n[[evaluations]]\ndate = 2027-02-20\npresent = [\"Anna\"]\nwellbeing = \"Bra\"\ngoals = [{ goal = \"g\", status = \"met\" }]\nactions = [{ action = 1, done = true }, { action = 2, done = true }]\ndecision = \"close\"\n";
        assert_eq!(codes(&format!("{VALID}{evaluation}")), ["no-close-reason"]);
        assert_eq!(codes(&format!("{VALID}{}", evaluation.replace("close", "restart"))), ["no-close-reason"]);
        assert_eq!(codes(&format!("{VALID}{evaluation}close_reason = \"Målen är nådda.\"\n")), Vec::<&str>::new());
        assert_eq!(codes(&format!("{VALID}{}", evaluation.replace("close", "continue"))), Vec::<&str>::new());
    }
}
