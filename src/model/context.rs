//! The case as the forms see it: every value a form definition or a
//! catalogue sentence can name, already in words (dates spelled out, unit ids
//! resolved to names, choices to their labels). Built once per render.

use serde_json::{json, Map, Value};

use crate::case::personal_number::{age_on, birth_date};
use crate::case::{
    Action, Answers, Attainment, Case, Consent, ConsentForm, ConsentGiver, ConsentPart, ContactWay, Date, Decision,
    Done, Followup, FollowupConvener, Plan, Principal, Unit, When,
};
use crate::catalog::Catalog;
use crate::check::SELF;
use crate::error::Error;
use crate::forms::FormKind;

use super::format::Formatter;
use crate::catalog::join_words;
use crate::select::Selection;

/// Builds the context of one form: the consent, plan version and follow-up
/// the selection names, as the form shows them.
pub fn build(
    case: &Case,
    kind: FormKind,
    sel: Selection,
    catalog: &Catalog,
    options: &super::ModelOptions,
) -> Result<Value, Error> {
    let b = Builder {
        case,
        words: Words { catalog },
        fmt: Formatter::new(catalog)?,
        consent: sel.consent.map(|i| &case.consents[i]),
        plan: sel.plan.map(|i| &case.plans[i]),
        sel,
    };
    let mut ctx = b.build(kind, options.recipient)?;
    if let Value::Object(map) = &mut ctx {
        if options.protected {
            // When and where the person will be is agreed by phone, so a
            // template cannot print it: it is not in the data at all.
            if let Some(Value::Object(meeting)) = map.get_mut("meeting") {
                for key in super::WITHHELD_PATHS.iter().filter_map(|p| p.strip_prefix("meeting.")) {
                    meeting.remove(key);
                }
            }
        }
        map.insert("protected".into(), options.protected.into());
        map.insert("post_forwarded".into(), case.person.post_forwarded(options.protected).into());
        map.insert("convener_copy".into(), options.convener_copy.into());
        let forwarding = options
            .forwarding_address
            .clone()
            .unwrap_or_else(|| super::FORWARDING_ADDRESS.iter().map(|l| l.to_string()).collect());
        // A child's post goes to the guardian who protects them; an unclear
        // case is refused before any form is built (lib.rs, envelope_rule).
        let guardian = match case.post_recipient() {
            Ok(crate::case::PostRecipient::Guardian(i)) => case.guardians.get(i),
            _ => None,
        };
        let inner = match guardian {
            Some(g) => vec![g.name.clone(), g.personal_number.clone().unwrap_or_default()],
            None => vec![case.person.name.clone(), case.person.personal_number.clone()],
        };
        map.insert(
            "envelope".into(),
            json!({
                "to_guardian": guardian.map(|g| &g.name),
                "inner": inner,
                "return": options.return_address,
                "forwarding": forwarding,
            }),
        );
    }
    keep_phone_numbers_whole(&mut ctx);
    Ok(ctx)
}

/// "070-174 06 21" broken over two lines is easy to misdial; its spaces
/// become no-break spaces wherever a phone number is.
fn keep_phone_numbers_whole(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if key == "phone" || key.ends_with("_phone") => *s = s.replace(' ', "\u{a0}"),
                    _ => keep_phone_numbers_whole(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(keep_phone_numbers_whole),
        _ => {}
    }
}

struct Words<'a> {
    catalog: &'a Catalog,
}

impl Words<'_> {
    fn get(&self, key: &str) -> Result<String, Error> {
        self.catalog.raw(key).map(str::to_owned)
    }

    fn yes_no(&self, b: bool) -> Result<String, Error> {
        self.get(if b { "words.yes" } else { "words.no" })
    }
}

/// Someone responsible for an action.
struct Party<'a> {
    /// As the actions table shows it: "Unit (contact)", "Name (relation)".
    described: String,
    /// The bare name.
    name: String,
    unit: Option<&'a Unit>,
}

struct Builder<'a> {
    case: &'a Case,
    words: Words<'a>,
    fmt: Formatter<'a>,
    sel: Selection,
    /// The consent in force on the form's date (on the consent form, the one printed).
    consent: Option<&'a Consent>,
    /// The plan version shown or referred to.
    plan: Option<&'a Plan>,
}

impl<'a> Builder<'a> {
    fn build(&self, kind: FormKind, recipient: super::Recipient) -> Result<Value, Error> {
        let c = self.case;
        let mut ctx = Map::new();
        ctx.insert("person".into(), self.person()?);
        ctx.insert("guardians".into(), self.guardians()?);
        if let Some(r) = &c.representative {
            ctx.insert("representative".into(), json!({ "name": r.name, "kind": r.kind, "phone": r.phone }));
        }
        ctx.insert(
            "relatives".into(),
            c.relatives
                .iter()
                .map(|r| {
                    json!({
                        "name": r.name,
                        "relation": r.relation,
                        "phone": r.phone,
                        "email": r.email,
                        "address": r.address,
                        "contact": contact_text(&r.phone, &r.email, &r.address),
                    })
                })
                .collect(),
        );
        ctx.insert(
            "relatives_text".into(),
            c.relatives
                .iter()
                .map(|r| {
                    // What a relative who takes part brings, as the invitation asks of everyone.
                    let brings = c.participants.iter().find(|p| p.name == r.name).and_then(|p| p.contributes.as_ref());
                    match brings {
                        Some(b) => format!("{} ({}) – {b}", r.name, r.relation),
                        None => format!("{} ({})", r.name, r.relation),
                    }
                })
                .collect(),
        );
        ctx.insert("guardian_names".into(), c.guardians.iter().map(|g| g.name.clone()).collect());
        ctx.insert("contact".into(), self.contact_person());
        let units: Vec<Value> = c.units.iter().map(|u| self.unit(u)).collect::<Result<_, _>>()?;
        ctx.insert("units".into(), units.into());
        if let Some(consent) = self.consent()? {
            ctx.insert("consent".into(), consent);
        }
        let followup_meeting = match kind {
            FormKind::FollowupInvitation => self.sel.followup.map(|i| (i, &c.followups[i])),
            _ => None,
        };
        let meeting = match followup_meeting {
            Some((i, f)) => Some(self.followup_meeting(i, f)?),
            None => self.meeting()?,
        };
        if let Some(meeting) = meeting {
            ctx.insert("meeting".into(), meeting);
        }
        // A plan version decided at a follow-up was written by those at it.
        let decided_at = match kind {
            FormKind::Plan | FormKind::MyPlan => self
                .sel
                .plan
                .and_then(|v| c.plans[v].decided_at)
                .and_then(|day| c.followups.iter().find(|f| f.date == day && f.held())),
            _ => None,
        };
        // Who a follow-up invites: those it names, as the first meeting knew them.
        let people: Vec<crate::case::Participant> = match (followup_meeting, decided_at) {
            (Some((_, f)), _) => f.participants.iter().map(|name| self.invitee(name)).collect(),
            (None, Some(f)) => self.attended(f),
            (None, None) => c.participants.clone(),
        };
        let participants: Vec<Value> = people.iter().map(|p| self.participant(p)).collect::<Result<_, _>>()?;
        let pick = |called: bool| -> Vec<Value> {
            people
                .iter()
                .zip(&participants)
                .filter(|(p, _)| p.called == called && p.unit.is_some())
                .map(|(_, v)| v.clone())
                .collect()
        };
        let (called, invited) = (pick(true), pick(false));
        // The title says what the letter is: a call to those obliged to come,
        // an invitation to the rest, both when it goes to both.
        let title = match recipient {
            super::Recipient::Person | super::Recipient::Invited => "invitation",
            super::Recipient::Called => "call",
            super::Recipient::Everyone if invited.is_empty() && !called.is_empty() => "call",
            super::Recipient::Everyone if called.is_empty() => "invitation",
            super::Recipient::Everyone => "both",
        };
        ctx.insert(
            "letter".into(),
            json!({
                "to": recipient.name(),
                "title": title,
                "followup": followup_meeting.is_some(),
                "number": followup_meeting.map(|(i, _)| (i + 1).to_string()),
            }),
        );
        ctx.insert("called".into(), called.into());
        ctx.insert("invited".into(), invited.into());
        ctx.insert(
            "present".into(),
            people
                .iter()
                .zip(&participants)
                .filter(|(p, _)| p.present != Some(false))
                .map(|(_, v)| v.clone())
                .collect(),
        );
        ctx.insert("participants".into(), participants.into());
        if let Some(plan) = self.plan()? {
            ctx.insert("plan".into(), plan);
        }
        match kind {
            FormKind::Followup => {
                if let Some(i) = self.sel.followup {
                    ctx.insert("evaluation".into(), self.evaluation(i, &c.followups[i])?);
                }
            }
            _ => {
                // The follow-up the plan names: the first after this version.
                if let Some(i) = self.sel.followup.filter(|_| kind.shows_plan()) {
                    ctx.insert("followup".into(), self.followup(&c.followups[i])?);
                }
            }
        }
        Ok(Value::Object(ctx))
    }

    /// The day the case is seen from: the meeting, else the plan, else the consent.
    fn reference_date(&self) -> Option<Date> {
        Some(self.sel.date)
    }

    /// Who the individual turns to: the plan's coordinator, else the convener.
    fn contact_person(&self) -> Value {
        let c = self.case;
        let (name, unit_id, phone) = match (self.plan, &c.meeting) {
            (Some(p), _) => (&p.coordinator.name, &p.coordinator.unit, p.coordinator.phone.as_ref()),
            (None, Some(m)) => (&m.convener.name, &m.convener.unit, m.convener.phone.as_ref()),
            (None, None) => return Value::Null,
        };
        let unit = self.find_unit(unit_id);
        let phone = phone
            .or(unit.and_then(|u| u.contact.as_ref()).and_then(|c| c.phone.as_ref()))
            .or(unit.and_then(|u| u.phone.as_ref()));
        json!({ "name": name, "unit": self.unit_name(unit_id), "phone": phone })
    }

    fn person(&self) -> Result<Value, Error> {
        let p = &self.case.person;
        let first_name = p.name.split_whitespace().next().unwrap_or(&p.name).to_owned();
        let on = self.reference_date();
        let age = on.and_then(|on| birth_date(&p.personal_number, on.0).map(|b| age_on(b, on.0)));
        let contact = p
            .contact
            .map(|w| {
                self.words.get(match w {
                    ContactWay::Phone => "words.contact.phone",
                    ContactWay::Letter => "words.contact.letter",
                    ContactWay::ThirdParty => "words.contact.third_party",
                })
            })
            .transpose()?;
        Ok(json!({
            "name": p.name,
            "first_name": first_name,
            "personal_number": p.personal_number,
            "address": p.address,
            "phone": p.phone,
            "email": p.email,
            "contact": contact,
            "takes_part": p.takes_part,
            "age": age,
            "child": age.is_some_and(|a| a < 18),
            "violence": p.violence,
            "protected": p.protected,
        }))
    }

    fn guardians(&self) -> Result<Value, Error> {
        self.case
            .guardians
            .iter()
            .map(|g| {
                Ok(json!({
                    "name": g.name,
                    "personal_number": g.personal_number,
                    "custody": self.words.yes_no(g.custody)?,
                    "has_custody": g.custody,
                    "address": g.address,
                    "phone": g.phone,
                    "email": g.email,
                    "contact": contact_text(&g.phone, &g.email, &g.address),
                }))
            })
            .collect()
    }

    fn find_unit(&self, id: &str) -> Option<&Unit> {
        self.case.units.iter().find(|u| u.id == id)
    }

    fn unit_name(&self, id: &str) -> String {
        self.find_unit(id).map_or_else(|| id.to_owned(), |u| u.name.clone())
    }

    fn principal(&self, p: Principal) -> Result<String, Error> {
        self.words.get(match p {
            Principal::Region => "words.principal.region",
            Principal::Kommun => "words.principal.kommun",
            Principal::Other => "words.principal.other",
        })
    }

    fn unit(&self, u: &Unit) -> Result<Value, Error> {
        let contact = u.contact.as_ref();
        let contact_line = contact.map(|c| match &c.title {
            Some(t) => format!("{}, {t}", c.name),
            None => c.name.clone(),
        });
        Ok(json!({
            "id": u.id,
            "name": u.name,
            "principal": self.principal(u.principal)?,
            "address": u.address,
            "phone": u.phone,
            "contact": contact_line,
            "contact_name": contact.map(|c| &c.name),
            "contact_phone": contact.and_then(|c| c.phone.as_ref()).or(u.phone.as_ref()),
            "contact_email": contact.and_then(|c| c.email.as_ref()),
        }))
    }

    fn consent(&self) -> Result<Option<Value>, Error> {
        let Some(c) = self.consent else { return Ok(None) };
        let given_by = match c.given_by {
            ConsentGiver::Individual => "individual",
            ConsentGiver::Guardians => "guardians",
            ConsentGiver::Representative => "representative",
        };
        let form = match c.form {
            ConsentForm::Written => "written",
            ConsentForm::Oral => "oral",
            ConsentForm::Presumed => "presumed",
        };
        let case = self.case;
        let custody = case.custody();
        // One row a giver, with their own answer to each part: a refusal is
        // printed as the "no" it is, an answer nobody recorded as empty boxes.
        let said = |b: Option<bool>| match b {
            Some(b) => self.words.yes_no(b),
            None => self.words.get("words.not_recorded"),
        };
        let yes = said(Some(true))?;
        let no = said(Some(false))?;
        let unrecorded = said(None)?;
        let text = |b: Option<bool>| match b {
            Some(true) => yes.clone(),
            Some(false) => no.clone(),
            None => unrecorded.clone(),
        };
        let answer_row = |name: &str, a: Answers| {
            json!({
                "name": name,
                "information_exchange": a.information_exchange,
                "meeting_and_plan": a.meeting_and_plan,
                "exchange_text": text(a.information_exchange),
                "plan_text": text(a.meeting_and_plan),
            })
        };
        let mut answers: Vec<Value> = match c.given_by {
            ConsentGiver::Individual => vec![answer_row(&case.person.name, own_answers(c))],
            ConsentGiver::Representative => {
                case.representative.iter().map(|r| answer_row(&r.name, own_answers(c))).collect()
            }
            ConsentGiver::Guardians => custody
                .iter()
                .map(|name| {
                    let given = c.guardians.iter().find(|g| g.name() == *name);
                    answer_row(name, given.map(|g| g.answers(c)).unwrap_or_default())
                })
                .collect(),
        };
        if let Some(young) = c.young_person {
            answers.push(answer_row(&case.person.name, young));
        }
        let mut signers: Vec<String> = match c.given_by {
            ConsentGiver::Individual => vec![case.person.name.clone()],
            ConsentGiver::Guardians => custody.iter().map(|g| g.to_string()).collect(),
            ConsentGiver::Representative => case.representative.iter().map(|r| r.name.clone()).collect(),
        };
        if c.young_person.is_some() {
            signers.push(case.person.name.clone());
        }
        let number = self.sel.consent.unwrap_or(0);
        let earlier: Vec<String> = case.consents[..number]
            .iter()
            .map(|e| {
                let answer = e.answer(ConsentPart::InformationExchange, &custody);
                let ctx = minijinja::context! {
                    date => self.fmt.date(e.date),
                    valid_until => self.fmt.date(e.valid_until),
                    answer => answer,
                    withdrawn => e.withdrawn.map(|d| self.fmt.date(d)),
                };
                self.words.catalog.render("consent.history.item", &ctx)
            })
            .collect::<Result<_, _>>()?;
        Ok(Some(json!({
            "number": (number + 1).to_string(),
            "earlier": earlier,
            "signers": signers,
            "answers": answers,
            "young_person": c.young_person.is_some(),
            "given_by": given_by,
            "form": form,
            "form_text": self.words.get(&format!("words.consent.form.{form}"))?,
            "date": self.fmt.date(c.date),
            "valid_until": self.fmt.date(c.valid_until),
            "parties": c.parties.iter().map(|p| self.unit_name(p)).collect::<Vec<_>>(),
            "information": c.information,
            "exclusions": c.exclusions,
            "information_exchange": c.answer(ConsentPart::InformationExchange, &custody),
            "meeting_and_plan": c.answer(ConsentPart::MeetingAndPlan, &custody),
            "recorded": c.recorded,
            "child_view": c.child_view,
            "withdrawn": c.withdrawn.map(|d| self.fmt.date(d)),
        })))
    }

    fn meeting(&self) -> Result<Option<Value>, Error> {
        let Some(m) = &self.case.meeting else { return Ok(None) };
        let convener = self.find_unit(&m.convener.unit);
        let contact = convener.and_then(|u| u.contact.as_ref());
        let phone = m
            .convener
            .phone
            .as_ref()
            .or(contact.and_then(|c| c.phone.as_ref()))
            .or(convener.and_then(|u| u.phone.as_ref()));
        let email = m.convener.email.as_ref().or(contact.and_then(|c| c.email.as_ref()));
        Ok(Some(json!({
            "need_identified": m.need_identified.map(|d| self.fmt.date(d)),
            "discharge_notice": m.discharge_notice.map(|d| self.fmt.date(d)),
            "invited": m.invited.map(|d| self.fmt.date(d)),
            "reply_by": m.reply_by.map(|d| self.fmt.date(d)),
            "date": self.fmt.weekday_date(m.start.date()),
            "time": self.fmt.time_span(m.start.0, m.minutes),
            "start": self.fmt.time(m.start.0),
            "length": self.fmt.length(m.minutes)?,
            "place": m.place,
            "link": m.link,
            "purpose": m.purpose,
            "long_term_goal": m.long_term_goal,
            "questions": m.questions,
            "convener": {
                "name": m.convener.name,
                "unit": self.unit_name(&m.convener.unit),
                "phone": phone,
                "email": email,
                "safe_phone": m.convener.safe_phone,
            },
            "chair": m.chair,
            "note_taker": m.note_taker,
            "interpreter": m.interpreter,
        })))
    }

    fn participant(&self, p: &crate::case::Participant) -> Result<Value, Error> {
        Ok(json!({
            "name": p.name,
            "role": p.role,
            // Name and role in one column leaves the others room (no name broken).
            "name_role": if p.role.is_empty() { p.name.clone() } else { format!("{}\n{}", p.name, p.role) },
            "unit": p.unit.as_deref().map(|u| self.unit_name(u)),
            "called": p.called,
            "kind": self.words.get(if p.called { "words.called" } else { "words.invited" })?,
            "present": p.present.map(|b| self.words.yes_no(b)).transpose()?,
            "contributes": p.contributes,
        }))
    }

    /// Who is responsible, in words: a unit's name, a relative, and the
    /// person as "Jag", first: the plan and the follow-up are the person's,
    /// in one voice (FORMS-REVIEW.md 4.2).
    fn responsible(&self, a: &Action) -> Result<String, Error> {
        let me = a.responsible.iter().any(|who| who == SELF).then(|| self.words.get("plan.actions.me")).transpose()?;
        let names: Vec<String> = me
            .into_iter()
            .chain(a.responsible.iter().filter(|who| *who != SELF).map(|who| {
                let party = self.party(who);
                match (party.unit, &a.person) {
                    // The named person stands in for the unit's contact person.
                    (Some(u), Some(person)) => format!("{} ({person})", u.name),
                    _ => party.described,
                }
            }))
            .collect();
        Ok(self.join(&names))
    }

    /// A responsible party as the forms name it.
    fn party(&self, who: &str) -> Party<'a> {
        let case = self.case;
        if who == SELF {
            return Party { described: self.first_name().to_owned(), name: case.person.name.clone(), unit: None };
        }
        if let Some(u) = case.units.iter().find(|u| u.id == who) {
            // The unit's contact person is not the one who does every action:
            // a person is named only where the case names one (`person`).
            return Party { described: u.name.clone(), name: u.name.clone(), unit: Some(u) };
        }
        let role = self.role_of(who);
        let described = match role {
            Some(role) => format!("{who} ({role})"),
            None => who.to_owned(),
        };
        Party { described, name: who.to_owned(), unit: None }
    }

    /// What someone close to the person is to them: a relative's relation,
    /// "vårdnadshavare", or the representative's kind.
    fn role_of(&self, name: &str) -> Option<String> {
        let case = self.case;
        case.relatives
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.relation.clone())
            .or_else(|| {
                case.guardians.iter().find(|g| g.name == name).and_then(|_| self.words.get("words.guardian").ok())
            })
            .or_else(|| case.representative.iter().find(|r| r.name == name).map(|r| r.kind.clone()))
    }

    /// "Delmål 1: Hantera min ångest", to head the goal's actions.
    fn goal_heading(&self, p: &Plan, id: &str) -> Result<String, Error> {
        let (n, text) = match p.goals.iter().position(|g| g.id == id) {
            Some(i) => (i + 1, p.goals[i].text.as_str()),
            None => (0, id),
        };
        self.words.catalog.render("plan.actions.goal_heading", &minijinja::context! { n, text })
    }

    fn first_name(&self) -> &'a str {
        let name = &self.case.person.name;
        name.split_whitespace().next().unwrap_or(name)
    }

    fn join(&self, names: &[String]) -> String {
        let and = self.words.get("dates.and").unwrap_or_else(|_| "&".into());
        join_words(names, &self.words.catalog.language().list_separator, &and)
    }

    fn when(&self, w: &Option<When>) -> Option<String> {
        w.as_ref().map(|w| match w {
            When::Date(d) => self.fmt.date(*d),
            When::Words(s) => s.clone(),
        })
    }

    fn plan(&self) -> Result<Option<Value>, Error> {
        let Some(p) = self.plan else { return Ok(None) };
        let goal_text = |id: &str| p.goals.iter().find(|g| g.id == id).map_or(id, |g| g.text.as_str()).to_owned();
        let mut actions = Vec::new();
        // The law's second and third points: who does which actions, by number.
        let (mut by_principal, mut outside): (Numbered, Numbered) = (Vec::new(), Vec::new());
        let (mut easy_mine, mut easy_others) = (Vec::new(), Vec::new());
        for (shown, a) in action_order(p).into_iter().map(|i| &p.actions[i]).enumerate() {
            let n = shown + 1;
            // "what." – who reads badly.
            let what = a.what.trim_end_matches('.');
            let (mut by_kommun, mut by_region, mut by_others) = (Vec::new(), Vec::new(), Vec::new());
            let mut by_self = false;
            for who in a.responsible.iter() {
                let party = self.party(who);
                match party.unit.map(|u| u.principal) {
                    _ if who == SELF => by_self = true,
                    Some(Principal::Kommun) => by_kommun.push(party.name),
                    Some(Principal::Region) => by_region.push(party.name),
                    Some(Principal::Other) | None => by_others.push(party.name),
                }
            }
            // The person's own copy: one sentence an action, in reading order.
            let helpers: Vec<String> = by_region.iter().chain(&by_kommun).chain(&by_others).cloned().collect();
            let easy = minijinja::context! { what, how_often => a.how_often, who => self.join(&helpers) };
            if by_self {
                easy_mine.push(self.words.catalog.render("my_plan.mine.item", &easy)?);
            }
            // An action shared with the person is theirs, said once.
            if !helpers.is_empty() && !by_self {
                let text = self.words.catalog.render("my_plan.others.item", &easy)?;
                easy_others.push(json!({ "who": self.join(&helpers), "text": text }));
            }
            for who in a.responsible.iter() {
                let party = self.party(who);
                match party.unit {
                    Some(u) if u.principal != Principal::Other => {
                        let label = format!("{}: {}", self.principal(u.principal)?, u.name);
                        number(&mut by_principal, label, n);
                    }
                    _ => number(&mut outside, party.name, n),
                }
            }
            actions.push(json!({
                "n": n.to_string(),
                "goal": goal_text(&a.goal),
                "goal_heading": self.goal_heading(p, &a.goal)?,
                "what": a.what,
                "how_often": a.how_often,
                "where": a.r#where,
                "responsible": self.responsible(a)?,
                "start": self.when(&a.start),
                "end": self.when(&a.end),
                "period": period(self.when(&a.start), self.when(&a.end)),
            }));
        }
        let lead = self.find_unit(&p.lead);
        let lead_principal = lead.map(|u| self.principal(u.principal)).transpose()?;
        let coordinator_unit = self.find_unit(&p.coordinator.unit);
        let coordinator_phone = p
            .coordinator
            .phone
            .as_ref()
            .or(coordinator_unit.and_then(|u| u.contact.as_ref()).and_then(|c| c.phone.as_ref()))
            .or(coordinator_unit.and_then(|u| u.phone.as_ref()));
        let switchboard = self.words.get("words.switchboard")?;
        let contacts: Vec<Value> = self
            .case
            .units
            .iter()
            .map(|u| {
                let c = u.contact.as_ref();
                let direct = c.and_then(|c| c.phone.as_ref());
                // The unit's own number as well, when the contact has another.
                // A number never breaks; "(växel …)" may go to the next line.
                let whole = |n: &String| n.replace(' ', "\u{a0}");
                let phone_text = match (direct, &u.phone) {
                    (Some(d), Some(unit)) if d != unit => {
                        Some(format!("{} ({switchboard}\u{a0}{})", whole(d), whole(unit)))
                    }
                    (Some(d), _) => Some(whole(d)),
                    (None, unit) => unit.as_ref().map(whole),
                };
                let email = c.and_then(|c| c.email.as_ref());
                // How to reach the contact: the phone, then the e-mail on a line of its own.
                let reach: Vec<&str> = phone_text.iter().map(String::as_str).chain(email.map(String::as_str)).collect();
                json!({
                    "unit": u.name,
                    "address": u.address,
                    "unit_text": match &u.address {
                        Some(a) => format!("{}\n{a}", u.name),
                        None => u.name.clone(),
                    },
                    "name": c.map(|c| &c.name),
                    // Name and role in one cell leaves the e-mail room: an address cannot wrap.
                    "person_text": c.map(|c| match &c.title {
                        Some(t) => format!("{}\n{t}", c.name),
                        None => c.name.clone(),
                    }),
                    "title": c.and_then(|c| c.title.as_ref()),
                    "phone": direct.or(u.phone.as_ref()),
                    "phone_text": phone_text,
                    "email": email,
                    "contact": (!reach.is_empty()).then(|| reach.join("\n")),
                })
            })
            .collect();
        let purpose = p.purpose.clone().or_else(|| self.case.meeting.as_ref().map(|m| m.purpose.clone()));
        let agreed = p.agreed;
        let versions = self.case.plan_versions();
        let index = self.sel.plan.unwrap_or(0);
        // The versions before this one, newest first: a short history.
        let history: Vec<String> = self.case.plans[..index]
            .iter()
            .zip(&versions)
            .rev()
            .map(|(v, n)| {
                let ctx = minijinja::context! {
                    version => n.to_string(),
                    date => self.fmt.date(v.date),
                    changes => v.changes,
                    decided_at => v.decided_at.map(|d| self.fmt.date(d)),
                };
                self.words.catalog.render("plan.history.item", &ctx)
            })
            .collect::<Result<_, _>>()?;
        Ok(Some(json!({
            "date": self.fmt.date(p.date),
            "version": versions[index].to_string(),
            "changes": p.changes,
            "decided_at": p.decided_at.map(|d| self.fmt.date(d)),
            "history": history,
            "purpose": purpose,
            "situation": p.situation,
            "long_term_goal": p.long_term_goal,
            "needs_ahead": p.needs_ahead,
            "lead": lead.map_or_else(|| p.lead.clone(), |u| u.name.clone()),
            "lead_principal": lead_principal,
            "coordinator": {
                "name": p.coordinator.name,
                "unit": self.unit_name(&p.coordinator.unit),
                "phone": coordinator_phone,
                "safe_phone": p.coordinator.safe_phone,
            },
            "disagreements": p.disagreements,
            "other": p.other,
            "agreed": agreed,
            "goals": p.goals.iter().enumerate().map(|(i, g)| json!({"n": (i + 1).to_string(), "id": g.id, "text": g.text})).collect::<Vec<_>>(),
            "actions": actions,
            "easy": {
                "goals": p.goals.iter().map(|g| g.text.clone()).collect::<Vec<_>>(),
                "mine": easy_mine,
                "others": easy_others,
            },
            "law": {
                "needed": self.words.catalog.render("plan.law.needed_value", &minijinja::context! { n => p.actions.len() })?,
                "by_principal": self.numbered(by_principal)?,
                "outside": self.numbered(outside)?,
            },
            "contacts": contacts,
        })))
    }

    /// "Kommun: Hemtjänsten – insats 2, 6 och 11", one line a party.
    fn numbered(&self, parties: Numbered) -> Result<Vec<String>, Error> {
        parties
            .into_iter()
            .map(|(who, numbers)| {
                let list: Vec<String> = numbers.iter().map(usize::to_string).collect();
                let ctx = minijinja::context! { who, count => numbers.len(), numbers => self.join(&list) };
                self.words.catalog.render("plan.law.numbered", &ctx)
            })
            .collect()
    }

    /// A follow-up as the plan and the follow-up form name it: when, where, who calls.
    fn followup(&self, f: &Followup) -> Result<Value, Error> {
        let convener = match &f.convener {
            FollowupConvener::Unit(u) => self.unit_name(u),
            FollowupConvener::Person(c) => format!("{}, {}", c.name, self.unit_name(&c.unit)),
        };
        Ok(json!({
            "date": self.fmt.date(f.date),
            "time": f.start.map(|s| self.fmt.time_span(s.0, f.minutes.unwrap_or(60))),
            "place": f.place,
            "link": f.link,
            "convener": convener,
        }))
    }

    /// Someone a follow-up invites, by name: as the first meeting knew them,
    /// else as the person, a guardian, a relative or the representative.
    fn invitee(&self, name: &str) -> crate::case::Participant {
        let c = self.case;
        if let Some(p) = c.participants.iter().find(|p| p.name == name) {
            return crate::case::Participant { present: None, ..p.clone() };
        }
        crate::case::Participant {
            name: name.to_owned(),
            role: self.role_of(name).unwrap_or_default(),
            unit: None,
            called: false,
            present: None,
            contributes: None,
        }
    }

    /// Who a follow-up held was for: those it invited and those recorded
    /// as there, each marked present or not when the follow-up says.
    fn attended(&self, f: &Followup) -> Vec<crate::case::Participant> {
        let extra = f.present.iter().filter(|name| !f.participants.contains(name));
        f.participants
            .iter()
            .chain(extra)
            .map(|name| crate::case::Participant {
                present: (!f.present.is_empty()).then(|| f.present.contains(name)),
                ..self.invitee(name)
            })
            .collect()
    }

    /// A follow-up as the meeting an invitation calls to: its day, time and
    /// place, its convener, and the plan it follows up.
    fn followup_meeting(&self, i: usize, f: &Followup) -> Result<Value, Error> {
        let (convener_unit, name, phone, email, safe_phone) = match &f.convener {
            FollowupConvener::Unit(u) => (u.as_str(), None, None, None, None),
            FollowupConvener::Person(c) => {
                (c.unit.as_str(), Some(c.name.clone()), c.phone.clone(), c.email.clone(), c.safe_phone.clone())
            }
        };
        let unit = self.find_unit(convener_unit);
        let contact = unit.and_then(|u| u.contact.as_ref());
        // A convener named only by unit: the unit's own number, never its
        // contact person's, who may not be the one who convenes.
        let phone = phone
            .or_else(|| if name.is_some() { contact.and_then(|c| c.phone.clone()) } else { None })
            .or(unit.and_then(|u| u.phone.clone()));
        let plan = self.plan;
        let purpose = self.words.catalog.render(
            "invitation.followup_purpose",
            &minijinja::context! { n => (i + 1), date => plan.map(|p| self.fmt.date(p.date)) },
        )?;
        Ok(json!({
            "invited": Some(self.fmt.date(self.sel.date)),
            "reply_by": f.reply_by.map(|d| self.fmt.date(d)),
            "date": self.fmt.weekday_date(f.date),
            "time": f.start.map(|s| self.fmt.time_span(s.0, f.minutes.unwrap_or(60))),
            "start": f.start.map(|s| self.fmt.time(s.0)),
            "length": f.minutes.map(|m| self.fmt.length(m)).transpose()?,
            "place": f.place,
            "link": f.link,
            "purpose": purpose,
            "long_term_goal": plan.map(|p| p.long_term_goal.clone()),
            "questions": f.questions,
            "convener": {
                "name": name,
                "unit": self.unit_name(convener_unit),
                "phone": phone,
                "email": email,
                "safe_phone": safe_phone,
            },
            "chair": f.chair,
            "note_taker": f.note_taker,
            "interpreter": self.case.meeting.as_ref().and_then(|m| m.interpreter.clone()),
        }))
    }

    fn evaluation(&self, index: usize, e: &Followup) -> Result<Value, Error> {
        let plan = self.plan;
        let decision = e.decision.map(|d| match d {
            Decision::Continue => "continue",
            Decision::Revise => "revise",
            Decision::Close => "close",
            Decision::Restart => "restart",
        });
        let goals: Vec<Value> = e
            .goals
            .iter()
            .map(|g| {
                let status = match g.status {
                    Attainment::Met => "met",
                    Attainment::Partly => "partly",
                    Attainment::NotMet => "not_met",
                };
                let text =
                    plan.and_then(|p| p.goals.iter().find(|x| x.id == g.goal)).map_or(g.goal.as_str(), |x| &x.text);
                Ok(json!({
                    "goal": text,
                    "status": status,
                    "status_text": self.words.get(&format!("words.attainment.{status}"))?,
                    "comment": g.comment,
                }))
            })
            .collect::<Result<_, Error>>()?;
        let mut results: Vec<&crate::case::ActionResult> = e.actions.iter().collect();
        // Numbered and ordered as the plan prints them.
        let numbers = plan.map(action_numbers).unwrap_or_default();
        let shown = |n: usize| n.checked_sub(1).and_then(|i| numbers.get(i)).copied().unwrap_or(n);
        results.sort_by_key(|r| (shown(r.action), r.action));
        let actions: Vec<Value> = results
            .into_iter()
            .map(|r| {
                let action = plan.and_then(|p| p.actions.get(r.action.wrapping_sub(1)));
                let done = match r.done {
                    Done::Yes => "yes",
                    Done::Partly => "partly",
                    Done::No => "no",
                    Done::NotNeeded => "not_needed",
                };
                Ok(json!({
                    "n": shown(r.action).to_string(),
                    "what": action.map(|a| a.what.clone()),
                    "responsible": action.map(|a| self.responsible(a)).transpose()?,
                    "done": self.words.get(&format!("words.done.{done}"))?,
                    "effect": r.effect,
                }))
            })
            .collect::<Result<_, Error>>()?;
        // The next follow-up: the first after this one.
        let next = self.case.followups.get(index + 1);
        let closed = e.closes();
        let lead = plan.and_then(|p| self.find_unit(&p.lead));
        let versions = self.case.plan_versions();
        let decision_text = decision.map(|d| self.words.get(&format!("words.decision.{d}"))).transpose()?;
        Ok(json!({
            "number": (index + 1).to_string(),
            "date": self.fmt.date(e.date),
            "plan_version": self.sel.plan.map(|v| versions[v].to_string()),
            "plan_date": plan.map(|p| self.fmt.date(p.date)),
            "present": e.present,
            "wellbeing": e.wellbeing,
            "new_information": e.new_information,
            "other_needs": e.other_needs,
            "decision": decision,
            "decision_text": decision_text,
            "changes": e.changes,
            "close_reason": e.close_reason,
            "if_need_returns": e.if_need_returns,
            "closed": closed,
            "goals": goals,
            "actions": actions,
            "next": next.filter(|_| !closed).map(|n| self.followup(n)).transpose()?,
            "lead": lead.map(|u| u.name.clone()),
            "lead_phone": lead.and_then(|u| u.phone.clone()),
        }))
    }
}

/// The number each action is printed with, by its place in the case file:
/// the actions are printed under the goal they serve, in the order of the
/// goals, so they are numbered in that reading order (1, 2, 3 … down the
/// page, never 1, 2, 3, 6, 7, 4, 5; FORMS-REVIEW.md V4), the same in the
/// plan, its summary for the law and the follow-up. An action whose goal the
/// plan does not list comes last.
fn action_numbers(p: &Plan) -> Vec<usize> {
    let mut numbers = vec![0; p.actions.len()];
    for (shown, i) in action_order(p).into_iter().enumerate() {
        numbers[i] = shown + 1;
    }
    numbers
}

/// The actions' places in the case file, in the order they are printed.
fn action_order(p: &Plan) -> Vec<usize> {
    let goal_index = |id: &str| p.goals.iter().position(|g| g.id == id).unwrap_or(p.goals.len());
    let mut order: Vec<usize> = (0..p.actions.len()).collect();
    order.sort_by_key(|&i| (goal_index(&p.actions[i].goal), i));
    order
}

/// The answers of the one who consents (the person or the representative).
fn own_answers(c: &Consent) -> Answers {
    Answers { information_exchange: c.information_exchange, meeting_and_plan: c.meeting_and_plan }
}

/// "070-123 45 67, anna@example.se, Storgatan 1": how to reach someone.
fn contact_text(phone: &Option<String>, email: &Option<String>, address: &Option<String>) -> Option<String> {
    let phone = phone.as_ref().map(|p| p.replace(' ', "\u{a0}"));
    let parts: Vec<&str> = [phone.as_deref(), email.as_deref(), address.as_deref()].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Parties and the numbers of their actions, in order of first appearance.
type Numbered = Vec<(String, Vec<usize>)>;

fn number(parties: &mut Numbered, who: String, n: usize) {
    match parties.iter_mut().find(|(w, _)| *w == who) {
        Some((_, numbers)) if numbers.last() != Some(&n) => numbers.push(n),
        Some(_) => {}
        None => parties.push((who, vec![n])),
    }
}

/// "start – end", or whichever of the two is known.
fn period(start: Option<String>, end: Option<String>) -> Option<String> {
    match (start, end) {
        (Some(s), Some(e)) => Some(format!("{s} – {e}")),
        (Some(s), None) => Some(s),
        (None, Some(e)) => Some(format!("– {e}")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn phone_numbers_do_not_break() {
        let mut v = serde_json::json!({ "a": [{ "phone": "070-174 06 21", "name": "A B" }], "lead_phone": "054 1" });
        super::keep_phone_numbers_whole(&mut v);
        assert_eq!(v["a"][0]["phone"], "070-174\u{a0}06\u{a0}21");
        assert_eq!(v["a"][0]["name"], "A B");
        assert_eq!(v["lead_phone"], "054\u{a0}1");
    }

    use super::*;

    #[test]
    fn words_are_joined_the_swedish_way() {
        let w = |v: &[&str]| join_words(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>(), ", ", "och");
        assert_eq!(w(&["Anna"]), "Anna");
        assert_eq!(w(&["Anna", "Elena"]), "Anna och Elena");
        assert_eq!(w(&["A", "B", "C"]), "A, B och C");
    }
}
