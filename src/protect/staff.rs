//! Staff at local units are printed by their role in the protected variant.
//!
//! A named teacher, school nurse or home-care worker points to the school or
//! the team, and so to the area where the person lives (DOMAIN.md,
//! "Protected identities and violence": "names ... of local units (school,
//! vårdcentral, residence) that point to an area"). The coordinator and the
//! convener keep their names: the person must be able to reach them. A unit
//! that serves a whole region or the country says `local = false`, and its
//! staff keep their names; every other unit counts as local, since that is
//! the safer reading.

use std::collections::{HashMap, HashSet};

use crate::case::locate::{self, Step};
use crate::case::{Case, Loaded};
use crate::diagnostic::Diagnostic;

use super::text::tokens;

/// Who is printed by role: their name as written, and the role it becomes.
#[derive(Debug, Clone, Default)]
pub struct ByRole {
    map: HashMap<String, String>,
}

impl ByRole {
    /// The names replaced, for the scan of free text.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    fn get(&self, name: &str) -> Option<&String> {
        self.map.get(name.trim())
    }

    fn apply(&self, name: &mut String) {
        if let Some(role) = self.get(name) {
            *name = role.clone();
        }
    }
}

/// Replaces the names of staff at local units by their role, everywhere the
/// case holds a name; what cannot be replaced safely is an error.
pub fn replace(loaded: &Loaded, case: &mut Case) -> (ByRole, Vec<Diagnostic>) {
    let mut kept: HashSet<&str> = HashSet::new();
    if let Some(m) = &loaded.case.meeting {
        kept.insert(m.convener.name.trim());
    }
    for p in &loaded.case.plans {
        kept.insert(p.coordinator.name.trim());
    }
    for f in &loaded.case.followups {
        if let crate::case::FollowupConvener::Person(c) = &f.convener {
            kept.insert(c.name.trim());
        }
    }
    let local: HashSet<&str> = loaded.case.units.iter().filter(|u| u.local).map(|u| u.id.as_str()).collect();

    let mut by_role = ByRole::default();
    let mut findings = Vec::new();
    for p in &loaded.case.participants {
        let at_local = p.unit.as_deref().is_some_and(|u| local.contains(u));
        if at_local && !kept.contains(p.name.trim()) && !p.role.trim().is_empty() {
            by_role.map.insert(p.name.trim().to_owned(), capitalised(p.role.trim()));
        }
    }
    for (i, unit) in loaded.case.units.iter().enumerate().filter(|(_, u)| u.local) {
        let Some(contact) = &unit.contact else { continue };
        let name = contact.name.trim();
        if kept.contains(name) || by_role.get(name).is_some() {
            continue;
        }
        match contact.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(title) => {
                by_role.map.insert(name.to_owned(), capitalised(title));
            }
            None => {
                let path = [Step::Key("units"), Step::Index(i), Step::Key("contact")];
                findings.push(
                    Diagnostic::error(
                        "staff-without-role",
                        format!("the contact person of unit `{}` is printed only by their role in the protected variant, and has none", unit.id),
                    )
                    .sv(format!("kontaktpersonen på enheten `{}` skrivs bara ut med sin roll i den skyddade varianten, men har ingen roll angiven", unit.id))
                    .hint("give their role, e.g. title = \"skolsköterska\"; or, if the unit serves a whole region or the country, set local = false on the unit")
                    .hint_sv("ange rollen, t.ex. `title = \"skolsköterska\"`; eller, om enheten betjänar en hel region eller hela landet, ange `local = false` på enheten")
                    .at(locate::locate(&loaded.source, &path))
                    .path(locate::shown(&loaded.source, &path)),
                );
            }
        }
    }

    for p in &mut case.participants {
        if let Some(role) = by_role.get(&p.name).cloned() {
            // The role now stands in the name's place; said twice it says nothing more.
            p.name = role;
            p.role = String::new();
        }
    }
    for unit in &mut case.units {
        if let Some(c) = &mut unit.contact {
            if by_role.get(&c.name).is_some() {
                by_role.apply(&mut c.name);
                c.title = None;
            }
        }
    }
    if let Some(m) = &mut case.meeting {
        by_role.apply(&mut m.chair);
        m.note_taker.iter_mut().for_each(|n| by_role.apply(n));
    }
    for plan in &mut case.plans {
        for a in &mut plan.actions {
            a.person.iter_mut().for_each(|n| by_role.apply(n));
        }
    }
    for f in &mut case.followups {
        f.present.iter_mut().for_each(|n| by_role.apply(n));
        f.participants.iter_mut().for_each(|n| by_role.apply(n));
        f.chair.iter_mut().for_each(|n| by_role.apply(n));
        f.note_taker.iter_mut().for_each(|n| by_role.apply(n));
    }
    (by_role, findings)
}

/// The names printed by role, ready to look for in free text: folded once,
/// not once a string.
pub struct Names {
    /// The folded words of each full name.
    names: Vec<Vec<String>>,
    /// First names someone who keeps their name also has.
    taken: HashSet<String>,
}

impl Names {
    /// `others` are the people who keep their names: a first name one of
    /// them has is theirs, not the staff member's.
    pub fn new(by_role: &ByRole, others: &[&str]) -> Self {
        let names = by_role.names().map(|n| tokens(n).into_iter().map(|t| t.key).collect()).collect();
        let taken = others.iter().filter_map(|n| tokens(n).into_iter().next()).map(|t| t.key).collect();
        Names { names, taken }
    }

    /// Whether a text names someone printed by role: by their full name, or
    /// by a first name written as a name that no one else in the case has.
    pub fn in_text(&self, text: &str) -> bool {
        if self.names.is_empty() {
            return false;
        }
        let words = tokens(text);
        self.names.iter().any(|keys| {
            let Some(first) = keys.first() else { return false };
            let full = words.windows(keys.len()).any(|w| w.iter().zip(keys).all(|(t, k)| &t.key == k));
            let alone = !self.taken.contains(first) && words.iter().any(|t| t.capitalised && &t.key == first);
            full || alone
        })
    }
}

/// The error for a text that names someone printed by role.
pub fn named_in_text(loaded: &Loaded, path: &[Step]) -> Diagnostic {
    let shown = locate::shown(&loaded.source, path);
    Diagnostic::error(
        "staff-name",
        format!("`{shown}` names someone at a local unit, whom the protected variant prints only by their role"),
    )
    .sv(format!("`{shown}` nämner någon på en lokal enhet, som den skyddade varianten bara skriver ut med sin roll"))
    .hint("write their role instead of the name (\"mentorn\", \"skolsköterskan\"); a named teacher or nurse points to the school or the centre")
    .hint_sv("skriv rollen i stället för namnet (\"mentorn\", \"skolsköterskan\"); en namngiven lärare eller sjuksköterska pekar ut skolan eller mottagningen")
    .at(locate::locate(&loaded.source, path))
    .path(shown)
}

fn capitalised(role: &str) -> String {
    let mut chars = role.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_role(pairs: &[(&str, &str)]) -> ByRole {
        ByRole { map: pairs.iter().map(|(n, r)| (n.to_string(), r.to_string())).collect() }
    }

    fn named(by_role: &ByRole, others: &[&str], text: &str) -> bool {
        Names::new(by_role, others).in_text(text)
    }

    #[test]
    fn a_name_is_found_whole_or_by_a_first_name_no_one_else_has() {
        let staff = by_role(&[("Johan Eriksson", "Skolkurator")]);
        assert!(named(&staff, &[], "Samtal med Johan Eriksson varje vecka."));
        assert!(named(&staff, &[], "Samtal med JOHAN ERIKSSON."));
        assert!(named(&staff, &[], "Johan ringer hem."));
        // A first name the person or a relative also has is theirs.
        assert!(!named(&staff, &["Johan Nyström"], "Johan ringer hem."));
        assert!(!named(&staff, &[], "Samtal med skolkuratorn varje vecka."));
        // A name that is also a word counts only when written as a name.
        let staff = by_role(&[("Sten Ek", "Mentor")]);
        assert!(!named(&staff, &[], "Det är en sten i skon."));
        assert!(named(&staff, &[], "Han pratar med Sten."));
    }

    #[test]
    fn roles_are_capitalised_for_the_name_column() {
        assert_eq!(capitalised("skolkurator"), "Skolkurator");
        assert_eq!(capitalised("ämneslärare"), "Ämneslärare");
    }
}
