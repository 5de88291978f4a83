//! Every diagnostic is worded in Swedish too (issue 13): its message, and
//! its hint whenever it has one in English.
//!
//! Two nets. The first makes the library say as much as it can (every case
//! file of the repository, a valid case broken one rule at a time, files
//! that do not parse, protected cases that leak) and holds each diagnostic
//! to a Swedish wording. The second reads the source of `src/case`,
//! `src/check` and `src/protect`, so that a diagnostic no case here reaches
//! still cannot be built without its Swedish.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use sipform::case::{self, Loaded};
use sipform::diagnostic::Messages;
use sipform::protect::{self, Printed};
use sipform::{CheckOptions, Diagnostic, Error, FormKind, ModelOptions, Renderer, Resources};

static RENDERER: LazyLock<Renderer> =
    LazyLock::new(|| Renderer::new(Resources::embedded()).expect("the embedded resources load"));

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A valid case in format 2 (the check module's base case, upgraded): each
/// rule is broken in it by one replacement.
const BASE: &str = r#"format = 2
[person]
name = "Anna"
personal_number = "19990101-2386"

[[units]]
id = "psyk"
name = "Psykiatrin"
principal = "region"

[[units]]
id = "soc"
name = "Socialtjänsten"
principal = "kommun"

[[units]]
id = "fk"
name = "Försäkringskassan"
principal = "other"

[[consents]]
given_by = "individual"
form = "written"
date = 2026-11-02
valid_until = 2027-11-01
parties = ["psyk", "soc", "fk"]
information = ["Hälsa"]
information_exchange = true
meeting_and_plan = true

[meeting]
need_identified = 2026-11-01
invited = 2026-11-05
start = 2026-11-20T13:00:00
minutes = 60
purpose = "P"
long_term_goal = "G"
questions = ["F"]
convener = { unit = "psyk", name = "Eva" }
chair = "Eva"

[[participants]]
name = "Eva"
role = "kurator"
unit = "psyk"
called = true
contributes = "Samtal"

[[participants]]
name = "Ali"
role = "handläggare"
unit = "fk"
contributes = "Ersättning"

[[plans]]
date = 2026-11-20
situation = "S"
long_term_goal = "G"
lead = "soc"
coordinator = { name = "Eva", unit = "psyk" }

[[plans.goals]]
id = "g"
text = "Mål"

[[plans.actions]]
goal = "g"
what = "Samtal"
responsible = "psyk"

[[plans.actions]]
goal = "g"
what = "Ansökan"
responsible = ["fk", "self"]

[[followups]]
date = 2027-02-20
convener = "soc"
"#;

/// A child with two guardians with custody, who both consent.
fn child() -> String {
    with(BASE, &[
        ("personal_number = \"19990101-2386\"\n", "personal_number = \"20140914-2732\"\n\n[[guardians]]\nname = \"Sofia\"\npersonal_number = \"19810322-4526\"\n\n[[guardians]]\nname = \"Daniel\"\npersonal_number = \"19791107-3935\"\n"),
        ("given_by = \"individual\"", "given_by = \"guardians\"\nguardians = [\"Sofia\", \"Daniel\"]"),
    ])
}

/// A protected case whose units have generic names: what it prints is
/// scanned.
fn protected() -> String {
    with(
        BASE,
        &[
            ("personal_number = \"19990101-2386\"\n", "personal_number = \"19990101-2386\"\nprotected = true\n"),
            ("name = \"Psykiatrin\"\n", "name = \"Psykiatrin Karlstad\"\ngeneric_name = \"Psykiatrin\"\n"),
            ("name = \"Socialtjänsten\"\n", "name = \"Socialtjänsten\"\ngeneric_name = \"Socialtjänsten\"\n"),
            ("name = \"Försäkringskassan\"\n", "name = \"Försäkringskassan\"\ngeneric_name = \"Försäkringskassan\"\n"),
        ],
    )
}

/// The text with each `from` replaced by its `to` once; each must be there,
/// so that a case here cannot stop breaking the rule it is for unseen.
fn with(text: &str, replacements: &[(&str, &str)]) -> String {
    let mut text = text.to_owned();
    for (from, to) in replacements {
        assert!(text.contains(from), "the case has no `{from}`:\n{text}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// A held follow-up to append to BASE (it replaces the planned one).
fn held(extra: &str) -> String {
    with(BASE, &[("[[followups]]\ndate = 2027-02-20\nconvener = \"soc\"\n", &format!("[[followups]]\ndate = 2027-02-20\nconvener = \"soc\"\npresent = [\"Anna\"]\nwellbeing = \"Bra\"\n{extra}"))])
}

/// The cases that break a rule each, named for what they break.
fn broken() -> Vec<(String, String)> {
    let long = "a".repeat(20_001);
    let many = vec!["\"Hälsa\""; 501].join(", ");
    let c = child();
    let cases: Vec<(&str, String)> = vec![
        ("no consent", {
            let start = BASE.find("[[consents]]").unwrap();
            let end = BASE.find("[meeting]").unwrap();
            format!("{}{}", &BASE[..start], &BASE[end..])
        }),
        ("consents out of order", with(BASE, &[("[meeting]", "[[consents]]\ngiven_by = \"individual\"\nform = \"written\"\ndate = 2026-10-01\nvalid_until = 2027-09-30\nparties = [\"psyk\"]\ninformation = [\"Hälsa\"]\ninformation_exchange = true\nmeeting_and_plan = true\n\n[meeting]")])),
        ("consent ends before it begins", with(BASE, &[("valid_until = 2027-11-01", "valid_until = 2026-11-01")])),
        ("consent too long", with(BASE, &[("valid_until = 2027-11-01", "valid_until = 2027-11-03")])),
        ("withdrawn before given", with(BASE, &[("information = [\"Hälsa\"]", "information = [\"Hälsa\"]\nwithdrawn = 2026-10-01")])),
        ("consent after the meeting", with(BASE, &[("date = 2026-11-02", "date = 2026-11-21")])),
        ("consent expired", with(BASE, &[("valid_until = 2027-11-01", "valid_until = 2026-11-19")])),
        ("consent scope", with(BASE, &[("parties = [\"psyk\", \"soc\", \"fk\"]", "parties = [\"psyk\", \"soc\"]")])),
        ("young person's own consent", with(BASE, &[("meeting_and_plan = true\n", "meeting_and_plan = true\nyoung_person = { information_exchange = true }\n")])),
        ("young person under the guardians", with(&c, &[("meeting_and_plan = true\n", "meeting_and_plan = true\nyoung_person = { information_exchange = true }\n")])),
        ("child consents", with(&c, &[("given_by = \"guardians\"\nguardians = [\"Sofia\", \"Daniel\"]", "given_by = \"individual\"")])),
        ("adult with guardians", with(BASE, &[("given_by = \"individual\"", "given_by = \"guardians\"\nguardians = [\"Sofia\"]"), ("[[units]]", "[[guardians]]\nname = \"Sofia\"\n\n[[units]]")])),
        ("no guardian", with(BASE, &[("personal_number = \"19990101-2386\"", "personal_number = \"20140914-2732\""), ("given_by = \"individual\"", "given_by = \"guardians\"")])),
        ("unknown guardian", with(&c, &[("[\"Sofia\", \"Daniel\"]", "[\"Sofia\", \"Danial\"]")])),
        ("one guardian missing", with(&c, &[("[\"Sofia\", \"Daniel\"]", "[\"Sofia\"]")])),
        ("no representative", with(BASE, &[("given_by = \"individual\"", "given_by = \"representative\"")])),
        ("withdrawn", with(BASE, &[("information = [\"Hälsa\"]", "information = [\"Hälsa\"]\nwithdrawn = 2027-02-01")])),
        ("withdrawn and closed", with(&held("decision = \"close\"\nclose_reason = \"Anna vill inte längre.\"\n"), &[("information = [\"Hälsa\"]", "information = [\"Hälsa\"]\nwithdrawn = 2027-02-01")])),
        ("information exchange refused", with(BASE, &[("information_exchange = true", "information_exchange = false")])),
        ("information exchange not recorded", with(BASE, &[("information_exchange = true\n", "")])),
        ("meeting and plan not recorded", with(BASE, &[("meeting_and_plan = true\n", "")])),
        ("meeting and plan refused", with(BASE, &[("meeting_and_plan = true", "meeting_and_plan = false")])),
        ("no invitation date and no questions", with(BASE, &[("invited = 2026-11-05\n", ""), ("questions = [\"F\"]", "questions = []"), ("contributes = \"Samtal\"\n", "")])),
        ("wrong check digit", with(BASE, &[("19990101-2386", "19990101-2387")])),
        ("not a personnummer", with(BASE, &[("19990101-2386", "1999-01-01")])),
        ("no such birth date", with(BASE, &[("19990101-2386", "19990230-2386")])),
        ("called, not a huvudman", with(BASE, &[("contributes = \"Ersättning\"", "contributes = \"Ersättning\"\ncalled = true")])),
        ("huvudman not called, absent", with(BASE, &[("called = true\n", "called = false\n"), ("contributes = \"Ersättning\"", "contributes = \"Ersättning\"\ncalled = true\npresent = false")])),
        ("follow-ups out of order", with(BASE, &[("[[followups]]\ndate = 2027-02-20\nconvener = \"soc\"\n", "[[followups]]\ndate = 2027-02-20\nconvener = \"soc\"\n\n[[followups]]\ndate = 2027-02-10\nconvener = \"soc\"\n")])),
        ("follow-up before the plan", with(BASE, &[("date = 2027-02-20", "date = 2026-11-20")])),
        ("follow-up starts another day", with(BASE, &[("date = 2027-02-20\n", "date = 2027-02-20\nstart = 2027-02-21T10:00\nplan_version = 5\nparticipants = [\"Nobody\"]\n")])),
        ("follow-up convened by another", with(BASE, &[("convener = \"soc\"", "convener = \"psyk\"")])),
        ("no decision", held("")),
        ("no close reason", held("decision = \"close\"\n")),
        ("restart without a reason", held("decision = \"restart\"\n")),
        ("revised without changes", held("decision = \"revise\"\n")),
        ("nothing assessed", held("decision = \"continue\"\ngoals = [{ goal = \"x\", status = \"met\" }]\nactions = [{ action = 9, done = true }]\n")),
        ("someone unknown present", held("decision = \"continue\"\n").replacen("present = [\"Anna\"]", "present = [\"Anne\"]", 1)),
        ("no follow-up", with(BASE, &[("[[followups]]\ndate = 2027-02-20\nconvener = \"soc\"\n", "")])),
        ("no goals and no actions", {
            let start = BASE.find("[[plans.goals]]").unwrap();
            let end = BASE.find("[[followups]]").unwrap();
            format!("{}goals = []\nactions = []\n\n{}", &BASE[..start], &BASE[end..])
        }),
        ("no one responsible", with(BASE, &[("responsible = [\"fk\", \"self\"]", "responsible = []")])),
        ("no huvudman carries an action", with(BASE, &[("responsible = \"psyk\"", "responsible = \"fk\"")])),
        ("lead and coordinator not huvudman", with(BASE, &[("lead = \"soc\"", "lead = \"fk\""), ("{ name = \"Eva\", unit = \"psyk\" }\n\n[[plans.goals]]", "{ name = \"Eva\", unit = \"fk\" }\n\n[[plans.goals]]")])),
        ("plan versions", with(BASE, &[("[[followups]]", "[[plans]]\nversion = 3\ndate = 2026-11-01\nsituation = \"S\"\nlong_term_goal = \"G\"\nlead = \"soc\"\ncoordinator = { name = \"Eva\", unit = \"psyk\" }\ngoals = [{ id = \"g\", text = \"Mål\" }]\nactions = [{ goal = \"g\", what = \"Samtal\", responsible = \"psyk\" }]\n\n[[plans]]\nversion = 4\ndate = 2026-11-02\ndecided_at = 2026-12-24\nchanges = \"C\"\nsituation = \"S\"\nlong_term_goal = \"G\"\nlead = \"soc\"\ncoordinator = { name = \"Eva\", unit = \"psyk\" }\ngoals = [{ id = \"g\", text = \"Mål\" }]\nactions = [{ goal = \"g\", what = \"Samtal\", responsible = \"psyk\" }]\n\n[[followups]]")])),
        ("version decided by a follow-up that did not revise", with(&held("decision = \"continue\"\n"), &[("[[followups]]", "[[plans]]\nversion = 2\ndate = 2027-02-20\ndecided_at = 2027-02-20\nchanges = \"C\"\nsituation = \"S\"\nlong_term_goal = \"G\"\nlead = \"soc\"\ncoordinator = { name = \"Eva\", unit = \"psyk\" }\ngoals = [{ id = \"g\", text = \"Mål\" }]\nactions = [{ goal = \"g\", what = \"Samtal\", responsible = \"psyk\" }]\n\n[[followups]]")])),
        ("version dated before its decision", with(&held("decision = \"revise\"\nchanges = \"C\"\n"), &[("[[followups]]", "[[plans]]\nversion = 2\ndate = 2027-02-19\ndecided_at = 2027-02-20\nchanges = \"C\"\nsituation = \"S\"\nlong_term_goal = \"G\"\nlead = \"soc\"\ncoordinator = { name = \"Eva\", unit = \"psyk\" }\ngoals = [{ id = \"g\", text = \"Mål\" }]\nactions = [{ goal = \"g\", what = \"Samtal\", responsible = \"psyk\" }]\n\n[[followups]]")])),
        ("duplicate ids", with(BASE, &[("id = \"fk\"", "id = \"soc\""), ("text = \"Mål\"\n", "text = \"Mål\"\n\n[[plans.goals]]\nid = \"g\"\ntext = \"Igen\"\n")])),
        ("unknown unit, goal and party", with(BASE, &[("convener = \"soc\"", "convener = \"sok\""), ("goal = \"g\"\nwhat = \"Samtal\"", "goal = \"h\"\nwhat = \"Samtal\""), ("[\"fk\", \"self\"]", "[\"fk\", \"Sara\"]")])),
        ("follow-up without a plan", {
            let start = BASE.find("[[plans]]").unwrap();
            let end = BASE.find("[[followups]]").unwrap();
            format!("{}{}present = [\"Anna\"]\nwellbeing = \"Bra\"\ndecision = \"continue\"\n", &BASE[..start], &BASE[end..])
        }),
        ("emoji and Chinese", with(BASE, &[("situation = \"S\"", "situation = \"S 😀\""), ("purpose = \"P\"", "purpose = \"P 中文\"")])),
        ("too many items", with(BASE, &[("information = [\"Hälsa\"]", &format!("information = [{many}]"))])),
        ("empty text", with(BASE, &[("situation = \"S\"", "situation = \"  \"")])),
        ("placeholder text", with(BASE, &[("situation = \"S\"", "situation = \"FYLL I situationen\"")])),
        ("control character", with(BASE, &[("situation = \"S\"", "situation = \"S\\u0007\"")])),
        ("text too long", with(BASE, &[("situation = \"S\"", &format!("situation = \"{long}\""))])),
        ("invited after the meeting", with(BASE, &[("invited = 2026-11-05", "invited = 2026-11-21")])),
        ("need after the meeting", with(BASE, &[("need_identified = 2026-11-01", "need_identified = 2026-11-21")])),
        ("late meeting", with(BASE, &[("need_identified = 2026-11-01", "need_identified = 2026-10-01")])),
        ("late discharge invitation", with(BASE, &[("invited = 2026-11-05", "discharge_notice = 2026-11-01\ninvited = 2026-11-05")])),
        ("no language catalogue", with(BASE, &[("format = 2\n", "format = 2\nlanguage = \"xx\"\n")])),
    ];
    cases.into_iter().map(|(name, text)| (name.to_owned(), text)).collect()
}

/// Files that do not read as a case, each in its own way.
fn unreadable() -> Vec<(&'static str, String)> {
    let json = r#"{"format": 2, "person": {"name": "A", "personal_number": "19990101-2386"}}"#;
    vec![
        ("case.toml", with(BASE, &[("valid_until", "valid_untill")])),
        ("case.toml", with(BASE, &[("valid_until", "banana")])),
        ("case.toml", with(BASE, &[("name = \"Anna\"\n", "")])),
        ("case.toml", with(BASE, &[("minutes = 60", "minutes = \"en timme\"")])),
        ("case.toml", with(BASE, &[("minutes = 60", "minutes = -5")])),
        ("case.toml", with(BASE, &[("principal = \"kommun\"", "principal = \"kommunen\"")])),
        ("case.toml", with(BASE, &[("principal = \"kommun\"", "principal = \"banana\"")])),
        ("case.toml", with(BASE, &[("valid_until = 2027-11-01", "valid_until = 2026-02-30")])),
        ("case.toml", with(BASE, &[("valid_until = 2027-11-01", "valid_until = \"2026-02-30\"")])),
        ("case.toml", with(BASE, &[("valid_until = 2027-11-01", "valid_until = 2027-11-01T10:00")])),
        ("case.toml", with(BASE, &[("start = 2026-11-20T13:00:00", "start = 2026-11-20T13:00:00Z")])),
        ("case.toml", with(BASE, &[("start = 2026-11-20T13:00:00", "start = \"i morgon\"")])),
        ("case.toml", with(BASE, &[("valid_until = 2027-11-01", "valid_until = \"ÅÅÅÅ-MM-DD\""), ("date = 2026-11-02", "date = \"ÅÅÅÅ-MM-DD\"")])),
        ("case.toml", with(BASE, &[("format = 2", "format = 3")])),
        ("case.toml", with(BASE, &[("[person]", "[person")])),
        ("case.toml", with(BASE, &[("name = \"Anna\"", "name = Anna")])),
        ("case.toml", with(BASE, &[("name = \"Anna\"", "name = \"Anna")])),
        ("case.toml", with(BASE, &[("questions = [\"F\"]", "questions = [\"F\" \"G\"]")])),
        ("case.toml", with(BASE, &[("name = \"Anna\"", "name = \"Anna\"\nname = \"Anna\"")])),
        ("case.toml", with(BASE, &[("responsible = [\"fk\", \"self\"]", "responsible = 5")])),
        ("case.toml", format!("{BASE}\n[[followups]]\ndate = 2027-03-01\nconvener = \"soc\"\nactions = [{{ action = 1, done = \"kanske\" }}]\n")),
        ("case.toml", "format = 1\n[person]\nname = \"A\"\npersonal_number = \"19990101-2386\"\nsurprise = 1\n".to_owned()),
        ("case.toml", sipform::STARTER.to_owned()),
        ("case.json", json.replacen("\"A\"", "5", 1)),
        ("case.json", json.replacen("\"A\"", "null", 1)),
        ("case.json", json.replacen("\"name\"", "\"nmae\"", 1)),
        ("case.json", json.replacen("}}", "}, \"printed\": \"2026-02-30\"}", 1)),
        ("case.json", json.replacen("\"A\",", "\"A\",,", 1)),
        ("case.json", json.replacen("\"A\",", "\"A\"", 1)),
        ("case.json", json.replacen("\"A\"}", "\"A\",}", 1)),
        ("case.json", json.replacen("}}", "}", 1)),
        ("case.json", json.replacen("\"name\"", "name", 1)),
        ("case.json", format!("{json} x")),
        ("case.json", json.replacen("\"format\": 2", "\"format\": \"two\"", 1)),
    ]
}

/// Every diagnostic the library gives about a loaded case, under the
/// options a user can give.
fn diagnose(loaded: &Loaded, found: &mut Vec<Diagnostic>) {
    let options = [
        ModelOptions::default(),
        ModelOptions {
            with_blanks: true,
            check: CheckOptions { with_blanks: true, ..Default::default() },
            ..Default::default()
        },
        ModelOptions {
            check: CheckOptions { printed: case::Date::parse("2027-11-20").ok(), ..Default::default() },
            ..Default::default()
        },
    ];
    for o in &options {
        found.extend(RENDERER.check_case(loaded, None, o));
        for kind in FormKind::ALL {
            found.extend(RENDERER.check_case(loaded, Some(kind), o));
        }
    }
    found.extend(RENDERER.check(loaded, &CheckOptions { young_person_consent_age: Some(15), ..Default::default() }));
    found.extend(sipform::check::left_out_by_withdrawal(loaded, &CheckOptions::default()));
}

/// The same, for the protected variant: what every form would print is
/// scanned too, so this is slower and kept to the cases it is about.
fn diagnose_protected(loaded: &Loaded, found: &mut Vec<Diagnostic>) {
    let options = ModelOptions {
        protected: true,
        return_address: vec!["Socialtjänsten".into(), "Storgatan 1".into(), "652 24 Karlstad".into()],
        ..Default::default()
    };
    found.extend(RENDERER.check_case(loaded, None, &options));
    found.extend(RENDERER.check_case(loaded, Some(FormKind::Envelope), &options));
    found.extend(RENDERER.check_file_name(loaded, &options, "sip-kiruna-070-123-45-67.pdf"));
    let redacted = protect::redact(loaded);
    let printed = |origin: &str, part: &str| Printed {
        origin: origin.into(),
        part: part.into(),
        text: "Vi ses på Storgatan 3 i Kiruna, ring 070-123 45 67.".into(),
    };
    found.extend(protect::scan_printed(
        &redacted,
        &[
            printed("the plan form", "the page header"),
            printed("the my-plan form", "the section \"Mina mål\""),
            printed("the invitation calendar file", "its text"),
            printed("the followup calendar file", "its laid-out text"),
        ],
    ));
}

/// The protected cases: leaks of every kind, and envelopes that cannot go.
fn protected_cases() -> Vec<(String, String)> {
    let p = protected();
    let c = child();
    vec![
        (
            "protected, no generic names".into(),
            with(
                BASE,
                &[("personal_number = \"19990101-2386\"\n", "personal_number = \"19990101-2386\"\nprotected = true\n")],
            ),
        ),
        (
            "protected, places in the text".into(),
            with(
                &p,
                &[
                    (
                        "situation = \"S\"",
                        "situation = \"Vi bor hos mormor i Kiruna, ring 070-123 45 67 eller mejla anna@kiruna.se.\"",
                    ),
                    (
                        "long_term_goal = \"G\"\nlead",
                        "long_term_goal = \"Jag och Bäckbyskolan har ett bra samarbete.\"\nlead",
                    ),
                    ("text = \"Mål\"", "text = \"Vi bor i Ki\\u00ADruna, nära Кiruna.\""),
                    ("what = \"Samtal\"", "what = \"Samtal med Ali varje vecka\""),
                    (
                        "id = \"fk\"\nname = \"Försäkringskassan\"\n",
                        "id = \"fk\"\nname = \"Försäkringskassan\"\ncontact = { name = \"Olle Ek\" }\n",
                    ),
                ],
            ),
        ),
        (
            "violence, envelope".into(),
            with(
                BASE,
                &[
                    ("personal_number = \"19990101-2386\"\n", "personal_number = \"19990101-2386\"\nviolence = true\n"),
                    ("name = \"Psykiatrin\"\n", "name = \"Psykiatrin\"\ngeneric_name = \"Psykiatrin\"\n"),
                    ("name = \"Socialtjänsten\"\n", "name = \"Socialtjänsten\"\ngeneric_name = \"Socialtjänsten\"\n"),
                    (
                        "name = \"Försäkringskassan\"\n",
                        "name = \"Försäkringskassan\"\ngeneric_name = \"Försäkringskassan\"\n",
                    ),
                ],
            ),
        ),
        (
            "protected child, guardian unmarked".into(),
            with(
                &c,
                &[
                    (
                        "personal_number = \"20140914-2732\"\n",
                        "personal_number = \"20140914-2732\"\nprotected = true\n",
                    ),
                    ("name = \"Psykiatrin\"\n", "name = \"Psykiatrin\"\ngeneric_name = \"Psykiatrin\"\n"),
                    ("name = \"Socialtjänsten\"\n", "name = \"Socialtjänsten\"\ngeneric_name = \"Socialtjänsten\"\n"),
                    (
                        "name = \"Försäkringskassan\"\n",
                        "name = \"Försäkringskassan\"\ngeneric_name = \"Försäkringskassan\"\n",
                    ),
                ],
            ),
        ),
        (
            "child, guardian unmarked, printed protected".into(),
            with(
                &c,
                &[
                    ("name = \"Psykiatrin\"\n", "name = \"Psykiatrin\"\ngeneric_name = \"Psykiatrin\"\n"),
                    ("name = \"Socialtjänsten\"\n", "name = \"Socialtjänsten\"\ngeneric_name = \"Socialtjänsten\"\n"),
                    (
                        "name = \"Försäkringskassan\"\n",
                        "name = \"Försäkringskassan\"\ngeneric_name = \"Försäkringskassan\"\n",
                    ),
                ],
            ),
        ),
        (
            "protected child, both guardians marked".into(),
            with(
                &c,
                &[
                    (
                        "personal_number = \"20140914-2732\"\n",
                        "personal_number = \"20140914-2732\"\nprotected = true\n",
                    ),
                    (
                        "name = \"Sofia\"\npersonal_number = \"19810322-4526\"\n",
                        "name = \"Sofia\"\npersonal_number = \"19810322-4526\"\nprotecting = true\n",
                    ),
                    (
                        "name = \"Daniel\"\npersonal_number = \"19791107-3935\"\n",
                        "name = \"Daniel\"\nprotecting = true\n",
                    ),
                ],
            ),
        ),
        (
            "protected child, marked guardian without a number".into(),
            with(
                &c,
                &[
                    (
                        "personal_number = \"20140914-2732\"\n",
                        "personal_number = \"20140914-2732\"\nprotected = true\n",
                    ),
                    (
                        "name = \"Daniel\"\npersonal_number = \"19791107-3935\"\n",
                        "name = \"Daniel\"\nprotecting = true\n",
                    ),
                ],
            ),
        ),
    ]
}

/// Every case file of the repository: the examples and the test data.
fn case_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml" || e == "json") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("examples"), &mut files);
    walk(&root().join("tests/data"), &mut files);
    files.sort();
    files
}

/// What a diagnostic lacks in Swedish, if anything.
fn lacks(d: &Diagnostic) -> Option<&'static str> {
    let Some(sv) = &d.swedish else { return Some("no Swedish at all") };
    if sv.message.trim().is_empty() {
        return Some("no Swedish message");
    }
    if sv.message == d.message {
        return Some("a Swedish message that is the English one");
    }
    if d.hint.is_some() && sv.hint.as_deref().is_none_or(|h| h.trim().is_empty()) {
        return Some("an English hint and no Swedish one");
    }
    if d.hint.is_some() && sv.hint == d.hint {
        return Some("a Swedish hint that is the English one");
    }
    let (message, _) = d.words(Messages::Swedish);
    (message != sv.message).then_some("words(Swedish) does not give the Swedish message")
}

#[test]
fn every_diagnostic_the_library_gives_has_its_swedish_words() {
    // (what it came from, the diagnostic)
    let mut seen: Vec<(String, Diagnostic)> = Vec::new();
    let mut run = |origin: &str, name: &str, text: &str, protected: bool| {
        let mut found = Vec::new();
        match case::from_bytes(name, None, text.as_bytes().to_vec()) {
            // A protected case has every form laid out by every check, so
            // it gets the protected run alone.
            Ok(loaded) if protected => diagnose_protected(&loaded, &mut found),
            Ok(loaded) => diagnose(&loaded, &mut found),
            Err(Error::Invalid(invalid)) => found.extend(invalid.diagnostics),
            Err(e) => panic!("{origin}: {e}"),
        }
        seen.extend(found.into_iter().map(|d| (origin.to_owned(), d)));
    };

    let files = case_files();
    assert!(files.len() >= 7, "the examples and tests/data are found: {files:?}");
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        run(&path.display().to_string(), &name, &text, false);
        // Each as a protected case, as `--protected` prints it.
        let protected = text.replacen("protected = false", "protected = true", 1);
        run(&format!("{} (protected)", path.display()), &name, &protected, true);
    }
    run("the base case", "base.toml", BASE, true);
    for (what, text) in broken() {
        run(&what, "case.toml", &text, false);
    }
    for (what, text) in protected_cases() {
        run(&what, "case.toml", &text, true);
    }
    for (name, text) in unreadable() {
        run(
            &format!("unreadable {name}: {}", text.lines().find(|l| !BASE.contains(*l)).unwrap_or("")),
            name,
            &text,
            false,
        );
    }

    let mut failures: Vec<String> = Vec::new();
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for (origin, d) in &seen {
        *codes.entry(d.code).or_default() += 1;
        if let Some(what) = lacks(d) {
            let failure = format!("[{}] {what}: {} (hint: {:?}) — from {origin}", d.code, d.message, d.hint);
            if !failures.contains(&failure) {
                failures.push(failure);
            }
        }
    }
    println!("{} diagnostics, {} distinct codes: {:?}", seen.len(), codes.len(), codes.keys().collect::<Vec<_>>());
    assert!(failures.is_empty(), "{} diagnostics lack their Swedish words:\n{}", failures.len(), failures.join("\n"));
    // So that the test cannot pass by seeing nothing: the run reaches 84
    // codes at the time of writing, every code of src/case, src/check and
    // src/protect. A rule removed lowers it; a rule added should be reached
    // here and raise it.
    assert!(codes.len() >= 84, "only {} distinct codes were seen: {:?}", codes.len(), codes.keys().collect::<Vec<_>>());
}

/// Rust source with comments and the contents of string and character
/// literals blanked out (quotes kept), so that brackets, `;` and method
/// names are only those of the code. Lengths are kept, so positions match.
fn skeleton(source: &str) -> Vec<char> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = chars.clone();
    let mut i = 0;
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for c in out.iter_mut().take(to).skip(from) {
            if *c != '\n' {
                *c = ' ';
            }
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && next == Some('/') {
            let end = chars[i..].iter().position(|c| *c == '\n').map_or(chars.len(), |p| i + p);
            blank(&mut out, i, end);
            i = end;
        } else if c == '/' && next == Some('*') {
            let end = (i + 2..chars.len().saturating_sub(1))
                .find(|j| chars[*j] == '*' && chars[j + 1] == '/')
                .map_or(chars.len(), |j| j + 2);
            blank(&mut out, i, end);
            i = end;
        } else if c == 'r' && !ident_before && matches!(next, Some('"') | Some('#')) {
            // A raw string: r"…", r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                i += 1;
                continue;
            }
            let open = i + 1 + hashes;
            let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let end = (open + 1..chars.len()).find(|j| chars[*j..].starts_with(&close)).unwrap_or(chars.len());
            blank(&mut out, open + 1, end);
            i = end + close.len();
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            blank(&mut out, i + 1, j);
            i = j + 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}'), else a lifetime.
            let end = if next == Some('\\') {
                chars.get(i + 3..).and_then(|rest| rest.iter().position(|c| *c == '\'')).map(|p| i + 3 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    blank(&mut out, i + 1, end);
                    i = end + 1;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Where the expression that `at` is part of ends: at a `;` or `,` outside
/// brackets, or at the bracket that closes around it.
fn expression_end(code: &[char], at: usize) -> usize {
    let mut depth = 0usize;
    for (i, c) in code.iter().enumerate().skip(at) {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return i,
            ')' | ']' | '}' => depth -= 1,
            ';' | ',' if depth == 0 => return i,
            _ => {}
        }
    }
    code.len()
}

/// The bracket that closes the one at `open`.
fn closing(code: &[char], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, c) in code.iter().enumerate().skip(open) {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    code.len()
}

fn find_all(code: &[char], needle: &str) -> Vec<usize> {
    let needle: Vec<char> = needle.chars().collect();
    (0..code.len()).filter(|i| code[*i..].starts_with(&needle)).collect()
}

fn contains(code: &[char], needle: &str) -> bool {
    !find_all(code, needle).is_empty()
}

/// The second net, over the source. The heuristic, on the source with
/// comments and string contents blanked and everything from the first
/// `#[cfg(test)]` on left out (the test modules come last in these files):
///
/// - each `Diagnostic::error(` and `Diagnostic::warning(` must have `.sv(`
///   in the rest of its expression, that is from the call up to the first
///   `;` or `,` outside brackets, or to the bracket that closes around it
///   (so `c.push(path, Diagnostic::error(..).sv(..).hint(..))` and a
///   `let d = Diagnostic::error(..).sv(..);` both count);
/// - each `.hint(` must have `.hint_sv(` in the rest of its expression, so
///   a hint added after the diagnostic is made (`d.hint(..)` in a match
///   arm) is held to it too;
/// - a struct literal `Diagnostic { .., ..d }` must name `swedish`, and no
///   code may assign `.hint =` or `.message =` (it would bypass both).
///
/// A diagnostic made elsewhere and handed through a helper is covered by
/// the helper's own call; the first net checks what the helpers are given.
fn source_findings(file: &str, source: &str) -> Vec<String> {
    let production = source.split("#[cfg(test)]").next().unwrap_or("");
    let code = skeleton(production);
    let line = |at: usize| code[..at].iter().filter(|c| **c == '\n').count() + 1;
    let mut out = Vec::new();
    for call in ["Diagnostic::error(", "Diagnostic::warning("] {
        for at in find_all(&code, call) {
            let end = expression_end(&code, at);
            if !contains(&code[at..end], ".sv(") {
                out.push(format!("{file}:{}: `{call}` without `.sv(`", line(at)));
            }
        }
    }
    for at in find_all(&code, ".hint(") {
        let end = expression_end(&code, at);
        if !contains(&code[at..end], ".hint_sv(") {
            out.push(format!("{file}:{}: `.hint(` without `.hint_sv(`", line(at)));
        }
    }
    for at in find_all(&code, "Diagnostic {") {
        // `-> Diagnostic {` begins a function's body, not a struct literal.
        let before: String = code[..at].iter().collect();
        if before.trim_end().ends_with("->") {
            continue;
        }
        let open = at + "Diagnostic ".len();
        let body = &code[open..closing(&code, open)];
        if contains(body, "..") && !contains(body, "swedish") {
            out.push(format!("{file}:{}: `Diagnostic {{ .. }}` without `swedish`", line(at)));
        }
    }
    for assignment in [".hint =", ".message ="] {
        for at in find_all(&code, assignment) {
            out.push(format!("{file}:{}: `{assignment}` sets the English alone", line(at)));
        }
    }
    out
}

#[test]
fn every_diagnostic_in_the_source_is_given_its_swedish_words() {
    let mut files = Vec::new();
    for dir in ["src/case", "src/check", "src/protect"] {
        for entry in fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut calls = 0;
    let mut findings = Vec::new();
    for path in &files {
        let source = fs::read_to_string(path).unwrap();
        let name = path.strip_prefix(root()).unwrap().display().to_string();
        let code = skeleton(source.split("#[cfg(test)]").next().unwrap_or(""));
        calls += find_all(&code, "Diagnostic::error(").len() + find_all(&code, "Diagnostic::warning(").len();
        findings.extend(source_findings(&name, &source));
    }
    assert!(findings.is_empty(), "{} places lack their Swedish:\n{}", findings.len(), findings.join("\n"));
    // 87 at the time of writing; far fewer means the scan stopped seeing them.
    assert!(calls >= 80, "only {calls} `Diagnostic::error(`/`warning(` calls were found in {} files", files.len());
}

/// The heuristic itself finds what it is for.
#[test]
fn the_source_scan_finds_a_missing_swedish_wording() {
    let bad = r#"
fn g() -> Diagnostic {
    Diagnostic::error("w", "it is wrong").sv("det är fel")
}
fn f(c: &mut Checker) {
    c.push(&[], Diagnostic::error("x", "it is wrong").hint("fix it"));
    let d = Diagnostic::warning("y", format!("{}", 1)).sv("fel");
    let e = match 1 { _ => d.hint("do it"), };
    let g = Diagnostic { code: "z", ..d };
    d.hint = Some("h".into());
}
"#;
    let found = source_findings("bad.rs", bad);
    assert_eq!(found.len(), 5, "{found:#?}");
    let good = r##"
fn f(c: &mut Checker) {
    // Diagnostic::error("in a comment")
    c.push(&[], Diagnostic::error("x", "it is wrong; (really)").sv("det är fel").hint("fix it").hint_sv("rätta det"));
    let d = Diagnostic::warning("y", format!("{}", ')')).sv("fel");
    let e = match 1 { _ => d.hint("do it").hint_sv("gör det"), };
    let g = Diagnostic { code: "z", swedish: None, ..d };
    let s = r#"Diagnostic::error("raw")"#;
    let q = ['\'', '"', '\u{2060}'];
}
"##;
    assert_eq!(source_findings("good.rs", good), Vec::<String>::new());
}
