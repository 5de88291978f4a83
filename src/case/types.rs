//! The case file as typed Rust values: the one source of truth from which the
//! JSON Schema (`sipform schema`), the parser and the forms all follow.
//!
//! Fields documented "Location data" can reveal where someone lives or stays;
//! see DOMAIN.md, "Protected identities and violence".

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dates::{Date, DateTime};
use super::locate::Step;

/// One person's SIP: everything the forms are rendered from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Version of the case-file format. This is format 2; format 1 files
    /// are read and upgraded (`sipform upgrade`).
    pub format: u32,
    /// Language of the output, as a language code. Only `sv` so far.
    #[serde(default = "default_language")]
    pub language: String,
    /// The date the forms carry as printed (utskriftsdatum). Without it, each
    /// form carries its own date: the invitation's, the consent's, the plan's
    /// or the follow-up's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed: Option<Date>,
    /// The individual (den enskilde) the plan is for.
    pub person: Person,
    /// Every guardian (vårdnadshavare) of a child.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guardians: Vec<Guardian>,
    /// A legal representative: god man, förvaltare or framtidsfullmakt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<Representative>,
    /// Relatives and close ones (närstående) who take part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relatives: Vec<Relative>,
    /// Organisations and units (verksamheter) involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Unit>,
    /// Every consent (samtycke), oldest first: each renewal, refusal or
    /// change of scope is a new one. A form is checked against the consent
    /// in force on its own date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    /// The first SIP meeting, the one the invitation calls to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Meeting>,
    /// Who is called or invited to the meeting, and who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    /// The plan, one entry a version, oldest first: version 1 written at the
    /// meeting, each later one at the follow-up that decided to revise it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<Plan>,
    /// The follow-up meetings (uppföljning/utvärdering), oldest first: those
    /// held, with what was found and decided, and the next one planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<Followup>,
}

fn default_language() -> String {
    "sv".to_owned()
}

fn is_yes(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

/// The individual.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Personnummer or samordningsnummer, e.g. `19990101-2380`.
    pub personal_number: String,
    /// Skyddade personuppgifter: forces the protected variant.
    #[serde(default)]
    pub protected: bool,
    /// Violence in a close relationship: the safety rules apply.
    #[serde(default)]
    pub violence: bool,
    /// Location data. Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Location data. Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Location data. E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// How the person wants to be contacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactWay>,
    /// How the person takes part in the meeting, in their words or the
    /// convener's (e.g. "Anna är med på hela mötet.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub takes_part: Option<String>,
}

/// How the person wants to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContactWay {
    Phone,
    Letter,
    ThirdParty,
}

impl Person {
    /// Whether post to the person goes through Skatteverket's forwarding
    /// service, so that the envelope form applies. The service is for people
    /// with skyddade personuppgifter only (Skatteverket, "Skyddade
    /// personuppgifter"; DOMAIN.md): for violence alone there is no envelope,
    /// post goes the way agreed with the person. The protected variant asked
    /// for a case that says neither is taken as skyddade personuppgifter,
    /// the safer reading.
    pub fn post_forwarded(&self, protected_variant: bool) -> bool {
        self.protected || (protected_variant && !self.violence)
    }
}

/// Who the envelope form addresses post to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostRecipient {
    /// The person themself.
    Person,
    /// For a child, the guardian at this index of `guardians`.
    Guardian(usize),
}

impl Case {
    /// Who post about the person goes to through Skatteverket: the person,
    /// or for a child (a case with guardians) the guardian who protects the
    /// child, not one who may be the one they are protected from. With more
    /// than one guardian the case must say which (`protecting = true`); when
    /// it does not, the answer is an error saying what to write, never a guess:
    /// why, in English and in Swedish.
    pub fn post_recipient(&self) -> Result<PostRecipient, (&'static str, &'static str)> {
        let recipient = match self.guardians.as_slice() {
            [] => return Ok(PostRecipient::Person),
            [_] => 0,
            many => {
                let mut marked = many.iter().enumerate().filter(|(_, g)| g.protecting).map(|(i, _)| i);
                match (marked.next(), marked.next()) {
                    (Some(i), None) => i,
                    (None, _) => return Err((
                        "the child has more than one guardian, and none is marked as the one post goes to",
                        "barnet har mer än en vårdnadshavare, och ingen av dem är markerad som den som posten går till",
                    )),
                    (Some(_), Some(_)) => {
                        return Err((
                            "more than one guardian is marked `protecting`; post goes to one",
                            "mer än en vårdnadshavare är markerad med `protecting`; posten går till en",
                        ))
                    }
                }
            }
        };
        if self.guardians[recipient].personal_number.is_none() {
            return Err((
                "the guardian post goes to has no personal_number, which the inner envelope must carry",
                "vårdnadshavaren som posten går till saknar `personal_number`, som måste stå på innerkuvertet",
            ));
        }
        Ok(PostRecipient::Guardian(recipient))
    }
}

/// A guardian (vårdnadshavare) of a child.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guardian {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_number: Option<String>,
    /// Whether this guardian has custody (vårdnad). With joint custody both
    /// must consent.
    #[serde(default = "yes")]
    pub custody: bool,
    /// The guardian who protects the child and whom the child lives with:
    /// for a child with skyddade personuppgifter, post goes to them through
    /// Skatteverket. Needed when the child has more than one guardian.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protecting: bool,
    /// Location data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Location data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Location data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A legal representative.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    pub name: String,
    /// What kind: "god man", "förvaltare", "framtidsfullmakt", ...
    pub kind: String,
    /// Location data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A relative or close one (närstående).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relative {
    pub name: String,
    /// e.g. "syster", "mamma", "vän".
    pub relation: String,
    /// Location data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Location data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Location data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// An organisation or unit (verksamhet).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Short id the rest of the file refers to, e.g. `vuxenpsyk`.
    pub id: String,
    /// Location data (names a place). Full name of the unit.
    pub name: String,
    /// A name that does not point to an area, e.g. "Vuxenpsykiatrin"; printed
    /// instead of `name` in the protected variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generic_name: Option<String>,
    /// Which principal (huvudman) the unit belongs to.
    pub principal: Principal,
    /// Whether the unit serves a local area (a school, a vårdcentral, a
    /// home-care team): in the protected variant its staff are printed by
    /// their role, since a named teacher points to the school. `false` for a
    /// unit that serves a whole region or the country.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub local: bool,
    /// Location data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Location data. The unit's switchboard or reception.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The individual's contact person (kontaktperson) at this unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// Kommun, region, or another actor (Försäkringskassan, school, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Principal {
    Region,
    Kommun,
    Other,
}

/// A person to contact.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    /// Title or profession, e.g. "kurator".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Location data (of the unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Location data (of the unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A consent (samtycke) as it was asked for and answered: to information
/// exchange between the named parties (part 1), and to a SIP meeting being
/// held and a plan written (part 2). An answer nobody recorded is left out,
/// and the form then prints empty boxes, never a "Ja".
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Who gives consent.
    pub given_by: ConsentGiver,
    /// With `given_by = "guardians"`: each guardian who answered, by name
    /// (their answers are those of the consent), or with answers of their
    /// own (`{ name = "...", information_exchange = false }`). With joint
    /// custody, both must consent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guardians: Vec<GuardianAnswer>,
    /// A young person's own answers beside the guardians', from the age the
    /// organisation sets (`young_person_consent_age`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub young_person: Option<Answers>,
    /// Written, oral or presumed.
    pub form: ConsentForm,
    /// When consent was asked for and answered.
    pub date: Date,
    /// Last day the consent is valid (at most one year after `date`).
    pub valid_until: Date,
    /// Unit ids that may exchange information with each other.
    pub parties: Vec<String>,
    /// What information may be shared.
    pub information: Vec<String>,
    /// What must not be shared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<String>,
    /// Part 1, the answer to information exchange: `true` yes, `false` no.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_exchange: Option<bool>,
    /// Part 2, the answer to a SIP meeting being held and a plan written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_and_plan: Option<bool>,
    /// For oral or presumed consent: where and by whom it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<String>,
    /// A child's own view, recorded as age and maturity allow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_view: Option<String>,
    /// The date the consent was withdrawn, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Date>,
}

/// The answers to the two parts of a consent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Part 1: information exchange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_exchange: Option<bool>,
    /// Part 2: a SIP meeting and a plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_and_plan: Option<bool>,
}

/// A guardian who answered: by name, or with answers of their own.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum GuardianAnswer {
    /// The guardian's name; their answers are the consent's.
    Name(String),
    /// The guardian's name and own answers.
    Answered {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        information_exchange: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        meeting_and_plan: Option<bool>,
    },
}

impl GuardianAnswer {
    pub fn name(&self) -> &str {
        match self {
            GuardianAnswer::Name(n) | GuardianAnswer::Answered { name: n, .. } => n,
        }
    }

    /// The answers this guardian gave themself, none when only named.
    pub fn own(&self) -> Answers {
        match self {
            GuardianAnswer::Name(_) => Answers::default(),
            GuardianAnswer::Answered { information_exchange, meeting_and_plan, .. } => {
                Answers { information_exchange: *information_exchange, meeting_and_plan: *meeting_and_plan }
            }
        }
    }

    /// This guardian's answers, the consent's where they gave none of their own.
    pub fn answers(&self, consent: &Consent) -> Answers {
        let own = self.own();
        Answers {
            information_exchange: own.information_exchange.or(consent.information_exchange),
            meeting_and_plan: own.meeting_and_plan.or(consent.meeting_and_plan),
        }
    }
}

/// One part of a consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentPart {
    InformationExchange,
    MeetingAndPlan,
}

impl ConsentPart {
    pub fn key(self) -> &'static str {
        match self {
            ConsentPart::InformationExchange => "information_exchange",
            ConsentPart::MeetingAndPlan => "meeting_and_plan",
        }
    }

    pub fn of(self, a: Answers) -> Option<bool> {
        match self {
            ConsentPart::InformationExchange => a.information_exchange,
            ConsentPart::MeetingAndPlan => a.meeting_and_plan,
        }
    }
}

impl Consent {
    /// The answer to one part, all who answer taken together: any "no" is
    /// a no (a guardian's or a young person's refusal stands), every "yes"
    /// a yes, anything else not recorded. A guardian with custody who is
    /// not named has not answered.
    pub fn answer(&self, part: ConsentPart, guardians_with_custody: &[&str]) -> Option<bool> {
        let mut answers: Vec<Option<bool>> = Vec::new();
        match self.given_by {
            ConsentGiver::Guardians => {
                for name in guardians_with_custody {
                    let given = self.guardians.iter().find(|g| g.name() == *name);
                    answers.push(given.and_then(|g| part.of(g.answers(self))));
                }
                if answers.is_empty() {
                    answers.push(None);
                }
                if let Some(young) = self.young_person {
                    answers.push(part.of(young));
                }
            }
            ConsentGiver::Individual | ConsentGiver::Representative => answers.push(part.of(Answers {
                information_exchange: self.information_exchange,
                meeting_and_plan: self.meeting_and_plan,
            })),
        }
        if answers.contains(&Some(false)) {
            Some(false)
        } else if answers.iter().all(|a| *a == Some(true)) {
            Some(true)
        } else {
            None
        }
    }

    /// Whether the consent is in force on a day: given by then, not yet
    /// run out, not withdrawn.
    pub fn covers(&self, day: Date) -> bool {
        self.date <= day && day <= self.valid_until && self.withdrawn.is_none_or(|w| day < w)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConsentGiver {
    /// The individual.
    Individual,
    /// Every guardian with custody.
    Guardians,
    /// The legal representative.
    Representative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConsentForm {
    Written,
    Oral,
    Presumed,
}

/// The SIP meeting.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// When the need for a SIP was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_identified: Option<Date>,
    /// The utskrivningsklar notice, for SIPs after discharge from hospital.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discharge_notice: Option<Date>,
    /// When the invitation is sent; the invitation's own date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited: Option<Date>,
    /// The last day to answer the invitation (OSA), printed with a reply slip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<Date>,
    /// Proposed start, local time.
    pub start: DateTime,
    /// Length of the meeting in minutes.
    pub minutes: u32,
    /// Location data. Where the meeting is held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Link for a digital meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Why the meeting is needed.
    pub purpose: String,
    /// The individual's long-term goal: what is important to them.
    pub long_term_goal: String,
    /// The questions the meeting will take up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// Who convenes (sammankallande).
    pub convener: Convener,
    /// Who chairs the meeting (mötesledare).
    pub chair: String,
    /// Who writes the plan during the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_taker: Option<String>,
    /// Language of the interpreter, if one takes part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<String>,
}

/// The convener (sammankallande).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Convener {
    /// Unit id.
    pub unit: String,
    pub name: String,
    /// Location data. Defaults to the unit contact's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Location data. Defaults to the unit contact's e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A number that is safe to print for a protected person: a region's
    /// or municipality's central switchboard, which points to no unit.
    /// Printed only in the protected variant, where no other phone is; never
    /// taken from another field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe_phone: Option<String>,
}

/// Someone called or invited to the meeting.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub name: String,
    /// Role or title, e.g. "kurator", "syster".
    pub role: String,
    /// Unit id; none for the individual, relatives and guardians.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `true`: called (kallad) as a principal, obliged to attend; `false`:
    /// invited (inbjuden).
    #[serde(default)]
    pub called: bool,
    /// Whether the participant took part in the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<bool>,
    /// What the participant is expected to contribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contributes: Option<String>,
}

/// The plan (samordnad individuell plan).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Date of the meeting where this version was written.
    pub date: Date,
    /// The version's number. Without it, versions count on from the first
    /// (1, unless the first says otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// For a version after the first: what changed and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<String>,
    /// For a version after the first: the date of the follow-up whose
    /// decision to revise the plan led to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<Date>,
    /// Purpose of the meeting; defaults to the invitation's purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// The individual's own description of the situation, in their words.
    pub situation: String,
    /// Long-term goal: what is important to the individual.
    pub long_term_goal: String,
    /// How the needs may change ahead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_ahead: Option<String>,
    /// Unit id of the lead organisation (huvudansvarig).
    pub lead: String,
    /// The named coordinator (samordningsansvarig).
    pub coordinator: Coordinator,
    /// Disagreements, written down, not hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disagreements: Option<String>,
    /// Other topics discussed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// Whether the individual agreed to the plan (a signature is not
    /// required). Left out when nobody recorded it: the form then has empty
    /// boxes to tick.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed: Option<bool>,
    /// Sub-goals (delmål).
    pub goals: Vec<Goal>,
    /// Actions (insatser), each towards a goal.
    pub actions: Vec<Action>,
}

/// The named coordinator.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coordinator {
    pub name: String,
    /// Unit id.
    pub unit: String,
    /// Location data. Defaults to the unit contact's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A number that is safe to print for a protected person: a region's
    /// or municipality's central switchboard, which points to no unit.
    /// Printed only in the protected variant, where no other phone is; never
    /// taken from another field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe_phone: Option<String>,
}

/// A sub-goal.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Short id that actions and follow-ups refer to.
    pub id: String,
    pub text: String,
}

/// An action (insats).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Goal id.
    pub goal: String,
    /// What is done.
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_often: Option<String>,
    /// Location data. Where the action happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#where: Option<String>,
    /// Who is responsible: a unit id, `self` for the individual, or the name
    /// of a relative, a guardian or the representative; one or a list.
    pub responsible: Responsible,
    /// The person at the responsible unit who does it, when it is not the
    /// unit's contact person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// Start: a date or words such as "Omgående".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<When>,
    /// End: a date or words such as "Tills vidare".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<When>,
}

/// One responsible party or several.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Responsible {
    One(String),
    Many(Vec<String>),
}

impl Responsible {
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let items: &[String] = match self {
            Responsible::One(one) => std::slice::from_ref(one),
            Responsible::Many(many) => many,
        };
        items.iter().map(String::as_str)
    }
}

/// A date, or words for when something happens.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum When {
    Date(Date),
    Words(String),
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = When;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date (YYYY-MM-DD) or words such as \"Omgående\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<When, E> {
                // Text that looks like a date must be one; anything else is words.
                let looks_like_date = v.len() == 10
                    && v.bytes().enumerate().all(|(i, b)| match i {
                        4 | 7 => b == b'-',
                        _ => b.is_ascii_digit(),
                    });
                if looks_like_date {
                    Date::parse(v).map(When::Date).map_err(E::custom)
                } else {
                    Ok(When::Words(v.to_owned()))
                }
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<When, A::Error> {
                Date::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(When::Date)
            }
        }
        d.deserialize_any(V)
    }
}

/// A follow-up meeting (uppföljning/utvärdering): planned, with what an
/// invitation needs, and once held, with what was found and decided.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    /// The day of the follow-up.
    pub date: Date,
    /// Start, local time, when it is set: the invitation and the calendar
    /// file carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime>,
    /// Length in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Location data. Where it is held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Link for a digital follow-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Who convenes: a unit id, or `{ unit, name, phone, email }`. Normally
    /// the lead organisation.
    pub convener: FollowupConvener,
    /// Who chairs the follow-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<String>,
    /// Who takes notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_taker: Option<String>,
    /// When the invitation to it is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited: Option<Date>,
    /// The last day to answer the invitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<Date>,
    /// The questions the follow-up will take up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// Who is invited, by name: the person, guardians, relatives, the
    /// representative, or participants of the first meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// The plan version it assesses; without it, the version in force on its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_version: Option<u32>,
    /// What was decided, once it is held: it marks the follow-up as held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Names of those present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub present: Vec<String>,
    /// How the individual is doing, in their words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wellbeing: Option<String>,
    /// New information or changed circumstances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_information: Option<String>,
    /// Need for other interventions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_needs: Option<String>,
    /// With `decision = "revise"`: what is to change in the plan, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<String>,
    /// Why the plan is closed or restarted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_reason: Option<String>,
    /// When the plan is closed: where to turn if the need comes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_need_returns: Option<String>,
    /// Attainment per goal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<GoalResult>,
    /// Whether each action was done, and its effect.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionResult>,
}

impl Followup {
    /// Whether it has been held: its decision is recorded.
    pub fn held(&self) -> bool {
        self.decision.is_some()
    }

    /// Whether it closes the plan, with or without a restart.
    pub fn closes(&self) -> bool {
        matches!(self.decision, Some(Decision::Close | Decision::Restart))
    }

    /// The convener's unit id.
    pub fn convener_unit(&self) -> &str {
        match &self.convener {
            FollowupConvener::Unit(u) => u,
            FollowupConvener::Person(c) => &c.unit,
        }
    }
}

/// Who convenes a follow-up: a unit, or a named person at one.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum FollowupConvener {
    /// A unit id.
    Unit(String),
    /// A named person at a unit.
    Person(Convener),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// Continue as planned.
    Continue,
    /// Revise the plan.
    Revise,
    /// Close the plan.
    Close,
    /// Close and restart with a new consent.
    Restart,
}

/// Attainment of one goal.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalResult {
    /// Goal id.
    pub goal: String,
    pub status: Attainment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Attainment {
    /// Uppfyllt.
    Met,
    /// Delvis uppfyllt.
    Partly,
    /// Inte uppfyllt.
    NotMet,
}

/// What became of one action.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionResult {
    /// The action's number in the plan, counting from 1.
    pub action: usize,
    /// Whether the party did what it took on: `yes`, `partly`, `no`, or
    /// `not_needed` when it turned out not to be needed (`true` and `false`
    /// are read as yes and no).
    pub done: Done,
    /// The effect, short and long term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<String>,
}

/// Whether an action was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Done {
    Yes,
    Partly,
    No,
    NotNeeded,
}

impl<'de> Deserialize<'de> for Done {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Done;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one of `yes`, `partly`, `no`, `not_needed`, or true or false")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Done, E> {
                Ok(if v { Done::Yes } else { Done::No })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Done, E> {
                match v {
                    "yes" => Ok(Done::Yes),
                    "partly" => Ok(Done::Partly),
                    "no" => Ok(Done::No),
                    "not_needed" => Ok(Done::NotNeeded),
                    _ => Err(E::unknown_variant(v, &["yes", "partly", "no", "not_needed"])),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// A location field: its path in the case and its value.
pub type LocationField<'a> = (Vec<Step>, &'a mut Option<String>);

impl Case {
    /// Every field that can reveal where the person lives or stays: the one
    /// declaration of location data (the `# location` fields of the case
    /// format, and contact details that point to a place). The protected
    /// variant empties all of them (src/protect.rs); a field added to the
    /// types that holds a place belongs here.
    pub fn location_fields(&mut self) -> Vec<LocationField<'_>> {
        use Step::{Index as I, Key as K};
        let mut out: Vec<LocationField<'_>> = Vec::new();
        let p = &mut self.person;
        out.push((vec![K("person"), K("address")], &mut p.address));
        out.push((vec![K("person"), K("phone")], &mut p.phone));
        out.push((vec![K("person"), K("email")], &mut p.email));
        for (i, g) in self.guardians.iter_mut().enumerate() {
            out.push((vec![K("guardians"), I(i), K("address")], &mut g.address));
            out.push((vec![K("guardians"), I(i), K("phone")], &mut g.phone));
            out.push((vec![K("guardians"), I(i), K("email")], &mut g.email));
        }
        if let Some(r) = &mut self.representative {
            out.push((vec![K("representative"), K("phone")], &mut r.phone));
        }
        for (i, r) in self.relatives.iter_mut().enumerate() {
            out.push((vec![K("relatives"), I(i), K("address")], &mut r.address));
            out.push((vec![K("relatives"), I(i), K("phone")], &mut r.phone));
            out.push((vec![K("relatives"), I(i), K("email")], &mut r.email));
        }
        for (i, u) in self.units.iter_mut().enumerate() {
            out.push((vec![K("units"), I(i), K("address")], &mut u.address));
            out.push((vec![K("units"), I(i), K("phone")], &mut u.phone));
            if let Some(c) = &mut u.contact {
                out.push((vec![K("units"), I(i), K("contact"), K("phone")], &mut c.phone));
                out.push((vec![K("units"), I(i), K("contact"), K("email")], &mut c.email));
            }
        }
        if let Some(m) = &mut self.meeting {
            out.push((vec![K("meeting"), K("place")], &mut m.place));
            // A meeting link is a traceable IT channel; invitations go by phone.
            out.push((vec![K("meeting"), K("link")], &mut m.link));
            out.push((vec![K("meeting"), K("convener"), K("phone")], &mut m.convener.phone));
            out.push((vec![K("meeting"), K("convener"), K("email")], &mut m.convener.email));
        }
        for (v, plan) in self.plans.iter_mut().enumerate() {
            out.push((vec![K("plans"), I(v), K("coordinator"), K("phone")], &mut plan.coordinator.phone));
            for (i, a) in plan.actions.iter_mut().enumerate() {
                out.push((vec![K("plans"), I(v), K("actions"), I(i), K("where")], &mut a.r#where));
            }
        }
        for (i, f) in self.followups.iter_mut().enumerate() {
            out.push((vec![K("followups"), I(i), K("place")], &mut f.place));
            out.push((vec![K("followups"), I(i), K("link")], &mut f.link));
            if let FollowupConvener::Person(c) = &mut f.convener {
                out.push((vec![K("followups"), I(i), K("convener"), K("phone")], &mut c.phone));
                out.push((vec![K("followups"), I(i), K("convener"), K("email")], &mut c.email));
            }
        }
        out
    }
}

impl Case {
    /// The plan versions' numbers, in order: each one's own, else one more
    /// than the one before (the first counts from 1).
    pub fn plan_versions(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.plans.len());
        for p in &self.plans {
            let next = out.last().map_or(1, |v: &u32| v + 1);
            out.push(p.version.unwrap_or(next));
        }
        out
    }

    /// The index of the plan version in force on a day: the latest written
    /// by then. A version written at a follow-up is not the one that
    /// follow-up assesses; see [`Case::assessed_version`].
    pub fn version_on(&self, day: Date) -> Option<usize> {
        self.plans.iter().rposition(|p| p.date <= day)
    }

    /// The index of the plan version a follow-up assesses: the one it names,
    /// else the latest written before it, not one it decided.
    pub fn assessed_version(&self, followup: &Followup) -> Option<usize> {
        if let Some(n) = followup.plan_version {
            return self.plan_versions().iter().position(|v| *v == n);
        }
        self.plans
            .iter()
            .rposition(|p| p.date < followup.date || (p.date == followup.date && p.decided_at != Some(followup.date)))
    }

    /// The index of the consent that applies on a day: the latest given by
    /// then (which may have run out or been withdrawn).
    pub fn consent_on(&self, day: Date) -> Option<usize> {
        self.consents.iter().rposition(|c| c.date <= day)
    }

    /// The names of the guardians with custody.
    pub fn custody(&self) -> Vec<&str> {
        self.guardians.iter().filter(|g| g.custody).map(|g| g.name.as_str()).collect()
    }

    /// The index of the last follow-up held.
    pub fn last_held(&self) -> Option<usize> {
        self.followups.iter().rposition(Followup::held)
    }

    /// The index of the next follow-up planned: the first not held, after
    /// the last one held.
    pub fn next_planned(&self) -> Option<usize> {
        let from = self.last_held().map_or(0, |i| i + 1);
        (from..self.followups.len()).find(|&i| !self.followups[i].held())
    }

    /// Whether the plan is closed: the last follow-up held closed it.
    pub fn closed(&self) -> bool {
        self.last_held().is_some_and(|i| self.followups[i].closes())
    }
}
