//! The second stage: what must hold in a case before any form can be drawn.
//!
//! These are the checks rendering depends on: every reference resolves, ids
//! are unique, required text is not empty and holds no control characters.

use std::collections::HashSet;

use crate::case::locate::{self, Step};
use crate::case::{Case, Loaded};
use crate::diagnostic::Diagnostic;

/// The word that stands for the individual in `plan.actions[].responsible`.
pub const SELF: &str = "self";

/// Checks a loaded case; the diagnostics are ordered by where they are in the file.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut c = Checker { loaded, found: Vec::new() };
    c.run(&loaded.case);
    c.found.sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
    c.found
}

struct Checker<'a> {
    loaded: &'a Loaded,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, path: &[Step], d: Diagnostic) {
        let span = locate::locate(&self.loaded.source, path);
        self.found.push(d.at(span));
    }

    fn run(&mut self, case: &Case) {
        self.texts(case);

        let unit_ids: Vec<&str> = case.units.iter().map(|u| u.id.as_str()).collect();
        let mut seen = HashSet::new();
        for (i, id) in unit_ids.iter().enumerate() {
            if !seen.insert(*id) {
                self.push(
                    &[Step::Key("units"), Step::Index(i), Step::Key("id")],
                    Diagnostic::error("duplicate-id", format!("two units have the id `{id}`"))
                        .hint("give each unit its own id"),
                );
            }
        }
        let unit = |c: &mut Self, id: &str, path: &[Step]| {
            if !unit_ids.contains(&id) {
                c.push(path, unknown("unit", id, &unit_ids, "add it under [[units]] or correct the id"));
            }
        };

        if let Some(consent) = &case.consent {
            for (i, party) in consent.parties.iter().enumerate() {
                unit(self, party, &[Step::Key("consent"), Step::Key("parties"), Step::Index(i)]);
            }
        }
        if let Some(meeting) = &case.meeting {
            unit(self, &meeting.convener.unit, &[Step::Key("meeting"), Step::Key("convener"), Step::Key("unit")]);
            // After a hospital stay the invitation must go out within three
            // calendar days of the utskrivningsklar notice.
            if let (Some(notice), Some(invited)) = (meeting.discharge_notice, meeting.invited) {
                let days = (invited.0 - notice.0).num_days();
                if days > 3 {
                    self.push(
                        &[Step::Key("meeting"), Step::Key("invited")],
                        Diagnostic::warning(
                            "late-discharge-invitation",
                            format!("the invitation goes out {days} days after the discharge notice ({notice}); the rule is at most 3 calendar days"),
                        )
                        .hint("send the invitation sooner, or check `invited` and `discharge_notice`"),
                    );
                }
            }
        }
        for (i, p) in case.participants.iter().enumerate() {
            if let Some(u) = &p.unit {
                unit(self, u, &[Step::Key("participants"), Step::Index(i), Step::Key("unit")]);
            }
        }
        if let Some(f) = &case.followup {
            unit(self, &f.convener, &[Step::Key("followup"), Step::Key("convener")]);
        }

        let mut goal_ids: Vec<&str> = Vec::new();
        if let Some(plan) = &case.plan {
            unit(self, &plan.lead, &[Step::Key("plan"), Step::Key("lead")]);
            unit(self, &plan.coordinator.unit, &[Step::Key("plan"), Step::Key("coordinator"), Step::Key("unit")]);
            for (i, goal) in plan.goals.iter().enumerate() {
                if goal_ids.contains(&goal.id.as_str()) {
                    self.push(
                        &[Step::Key("plan"), Step::Key("goals"), Step::Index(i), Step::Key("id")],
                        Diagnostic::error("duplicate-id", format!("two goals have the id `{}`", goal.id))
                            .hint("give each goal its own id"),
                    );
                }
                goal_ids.push(&goal.id);
            }
            // Relatives, guardians and a representative can take on actions too.
            let mut parties: Vec<&str> = unit_ids.clone();
            parties.push(SELF);
            parties.extend(case.relatives.iter().map(|r| r.name.as_str()));
            parties.extend(case.guardians.iter().map(|g| g.name.as_str()));
            parties.extend(case.representative.iter().map(|r| r.name.as_str()));
            for (i, action) in plan.actions.iter().enumerate() {
                let at = |key| [Step::Key("plan"), Step::Key("actions"), Step::Index(i), Step::Key(key)];
                if !goal_ids.contains(&action.goal.as_str()) {
                    self.push(
                        &at("goal"),
                        unknown("goal", &action.goal, &goal_ids, "use the id of one of [[plan.goals]]"),
                    );
                }
                for who in action.responsible.iter() {
                    if !parties.contains(&who) {
                        self.push(
                            &at("responsible"),
                            unknown(
                                "responsible party",
                                who,
                                &parties,
                                "write a unit id, `self` for the individual, or the name of one of [[relatives]], [[guardians]] or the [representative]",
                            ),
                        );
                    }
                }
            }
        }

        for (e, evaluation) in case.evaluations.iter().enumerate() {
            let base = [Step::Key("evaluations"), Step::Index(e)];
            if case.plan.is_none() {
                self.push(
                    &base,
                    Diagnostic::error("no-plan", "a follow-up is recorded, but the case has no [plan] to follow up")
                        .hint("add the [plan] that this follow-up refers to"),
                );
            }
            for (g, result) in evaluation.goals.iter().enumerate() {
                if case.plan.is_some() && !goal_ids.contains(&result.goal.as_str()) {
                    let path = [&base[..], &[Step::Key("goals"), Step::Index(g), Step::Key("goal")]].concat();
                    self.push(
                        &path,
                        unknown("goal", &result.goal, &goal_ids, "follow-ups can only assess goals of the plan"),
                    );
                }
            }
            let actions = case.plan.as_ref().map_or(0, |p| p.actions.len());
            for (a, result) in evaluation.actions.iter().enumerate() {
                if case.plan.is_some() && (result.action == 0 || result.action > actions) {
                    let path = [&base[..], &[Step::Key("actions"), Step::Index(a), Step::Key("action")]].concat();
                    self.push(
                        &path,
                        Diagnostic::error("unknown-action", format!("the plan has no action number {}", result.action))
                            .hint(format!(
                                "actions are numbered from 1 in the order of [[plan.actions]]; this plan has {actions}"
                            )),
                    );
                }
            }
            if let Some(next) = &evaluation.next {
                let path = [&base[..], &[Step::Key("next"), Step::Key("convener")]].concat();
                unit(self, &next.convener, &path);
            }
        }
    }

    /// Every string in the case: not blank where required, no control characters.
    fn texts(&mut self, case: &Case) {
        let value = serde_json::to_value(case).expect("a case always serialises");
        let mut path = Vec::new();
        self.walk(&value, &mut path);
    }

    fn walk(&mut self, value: &serde_json::Value, path: &mut Vec<Step>) {
        match value {
            serde_json::Value::String(s) => {
                if s.trim().is_empty() {
                    self.push(
                        path,
                        Diagnostic::error("empty-text", format!("`{}` is empty", locate::display(path)))
                            .hint("write the text, or leave the key out if it is optional"),
                    );
                } else if let Some(c) = s.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
                    self.push(
                        path,
                        Diagnostic::error(
                            "control-character",
                            format!("`{}` holds the control character U+{:04X}", locate::display(path), c as u32),
                        )
                        .hint("remove it; it often comes from copying text out of another system"),
                    );
                }
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    self.walk(item, path);
                    path.pop();
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    // Keys come from our own types, so they live as long as the program.
                    path.push(Step::Key(static_key(key)));
                    self.walk(item, path);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

/// Interns a key of the case types as `&'static str`. The set is small and
/// fixed (the field names of `Case`), so the leak is bounded.
pub(crate) fn static_key(key: &str) -> &'static str {
    use std::sync::{Mutex, OnceLock};
    static KEYS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut keys = KEYS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    match keys.get(key) {
        Some(k) => k,
        None => {
            let k: &'static str = Box::leak(key.to_owned().into_boxed_str());
            keys.insert(k);
            k
        }
    }
}

fn unknown(what: &str, id: &str, known: &[&str], otherwise: &str) -> Diagnostic {
    let d = Diagnostic::error(
        match what {
            "unit" => "unknown-unit",
            "goal" => "unknown-goal",
            _ => "unknown-party",
        },
        format!("there is no {what} `{id}`"),
    );
    match crate::case::closest(id, known) {
        Some(best) => d.hint(format!("did you mean `{best}`?")),
        None => d.hint(otherwise.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{from_bytes, Loaded};

    fn load(text: &str) -> Loaded {
        from_bytes("t.toml", None, text.as_bytes().to_vec()).unwrap()
    }

    const BASE: &str = r#"format = 1
[person]
name = "Anna"
personal_number = "19990101-2380"
[[units]]
id = "psyk"
name = "Psykiatrin"
principal = "region"
"#;

    #[test]
    fn a_consistent_case_has_no_findings() {
        assert!(check(&load(BASE)).is_empty());
    }

    #[test]
    fn an_unknown_unit_is_found_with_a_suggestion() {
        let text = format!("{BASE}[followup]\ndate = 2027-01-01\nconvener = \"psyc\"\n");
        let found = check(&load(&text));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "unknown-unit");
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `psyk`?"));
        assert_eq!(&text[found[0].span.clone().unwrap()], "\"psyc\"");
    }

    #[test]
    fn blank_text_and_control_characters_are_found() {
        let text = BASE.replace("name = \"Anna\"", "name = \"  \"").replace("Psykiatrin", "Psyk\\u0007");
        let codes: Vec<_> = check(&load(&text)).iter().map(|d| d.code).collect();
        assert_eq!(codes, ["empty-text", "control-character"]);
    }

    #[test]
    fn duplicate_unit_ids_are_found() {
        let text = format!("{BASE}[[units]]\nid = \"psyk\"\nname = \"X\"\nprincipal = \"kommun\"\n");
        assert_eq!(check(&load(&text))[0].code, "duplicate-id");
    }

    const MEETING: &str = r#"
[meeting]
start = 2026-11-20T13:00:00
minutes = 60
purpose = "P"
long_term_goal = "G"
convener = { unit = "psyk", name = "Eva" }
chair = "Eva"
"#;

    #[test]
    fn a_late_discharge_invitation_is_a_warning() {
        let on_time = MEETING.replace("minutes", "discharge_notice = 2026-11-01\ninvited = 2026-11-04\nminutes");
        assert!(check(&load(&format!("{BASE}{on_time}"))).is_empty());
        let late = MEETING.replace("minutes", "discharge_notice = 2026-11-01\ninvited = 2026-11-05\nminutes");
        let text = format!("{BASE}{late}");
        let found = check(&load(&text));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "late-discharge-invitation");
        assert!(!found[0].is_error());
        assert_eq!(&text[found[0].span.clone().unwrap()], "2026-11-05");
    }

    #[test]
    fn guardians_can_be_responsible_for_actions() {
        let plan = r#"
[[guardians]]
name = "Sofia"
custody = true
[plan]
date = 2026-11-20
situation = "S"
long_term_goal = "G"
lead = "psyk"
coordinator = { name = "Eva", unit = "psyk" }
[[plan.goals]]
id = "g"
text = "Mål"
[[plan.actions]]
goal = "g"
what = "Läsa läxor"
responsible = ["Sofia", "self"]
"#;
        assert!(check(&load(&format!("{BASE}{plan}"))).is_empty());
        let found = check(&load(&format!("{BASE}{}", plan.replace("[\"Sofia\"", "[\"Sofie\""))));
        assert_eq!(found[0].code, "unknown-party");
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `Sofia`?"));
    }
}
