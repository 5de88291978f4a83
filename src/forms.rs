//! The SIP forms: their names, and the structure each one has
//! (sections, fields, order), read from `forms/<name>.toml`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::resources::Resources;

/// A form sipform can render.
/// How a table's rows are set on the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableLayout {
    #[default]
    Table,
    Cards,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormKind {
    /// Kallelse/inbjudan till SIP-möte.
    Invitation,
    /// Samtycke.
    Consent,
    /// Samordnad individuell plan.
    Plan,
    /// The person's own copy of the plan, in easy-to-read Swedish (lättläst).
    MyPlan,
    /// Uppföljning/utvärdering.
    Followup,
    /// Kallelse/inbjudan till uppföljning: the invitation form, to a follow-up.
    FollowupInvitation,
    /// Post to a protected person through Skatteverket: instructions and labels.
    Envelope,
}

impl FormKind {
    pub const ALL: [FormKind; 7] = [
        FormKind::Invitation,
        FormKind::Consent,
        FormKind::Plan,
        FormKind::MyPlan,
        FormKind::Followup,
        FormKind::FollowupInvitation,
        FormKind::Envelope,
    ];

    /// The form's name in Swedish, in the definite form a sentence can
    /// begin with ("planen är daterad …"), for messages.
    pub fn definite_sv(self) -> &'static str {
        match self {
            FormKind::Invitation => "kallelsen",
            FormKind::Consent => "samtyckesblanketten",
            FormKind::Plan => "planen",
            FormKind::MyPlan => "Min plan",
            FormKind::Followup => "uppföljningsblanketten",
            FormKind::FollowupInvitation => "kallelsen till uppföljningen",
            FormKind::Envelope => "kuvertblanketten",
        }
    }

    /// The English name, used on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            FormKind::Invitation => "invitation",
            FormKind::Consent => "consent",
            FormKind::Plan => "plan",
            FormKind::MyPlan => "my-plan",
            FormKind::Followup => "followup",
            FormKind::FollowupInvitation => "followup-invitation",
            FormKind::Envelope => "envelope",
        }
    }

    /// Names users may type instead, in every built-in language: the
    /// `[aliases]` of each `lang/<code>/language.toml` ("kallelse", "kutsu").
    pub fn aliases(self) -> &'static [String] {
        static ALIASES: std::sync::OnceLock<BTreeMap<String, Vec<String>>> = std::sync::OnceLock::new();
        let all = ALIASES.get_or_init(|| {
            let mut all: BTreeMap<String, Vec<String>> = BTreeMap::new();
            // Swedish first, the forms' own language; then the others.
            let files = crate::resources::EMBEDDED
                .iter()
                .filter(|(n, _)| n.starts_with("lang/") && n.ends_with("/language.toml"));
            let (swedish, others): (Vec<_>, Vec<_>) = files.partition(|(n, _)| *n == "lang/sv/language.toml");
            for (_, bytes) in swedish.into_iter().chain(others) {
                let table: toml::Table =
                    std::str::from_utf8(bytes).ok().and_then(|t| toml::from_str(t).ok()).unwrap_or_default();
                let Some(toml::Value::Table(aliases)) = table.get("aliases") else { continue };
                for (form, names) in aliases {
                    let names = names.as_array().into_iter().flatten().filter_map(|n| n.as_str());
                    let list = all.entry(form.clone()).or_default();
                    for n in names {
                        let n = n.to_lowercase();
                        if !list.contains(&n) {
                            list.push(n);
                        }
                    }
                }
            }
            all
        });
        all.get(self.name()).map_or(&[], Vec::as_slice)
    }

    /// The form whose definition this one is drawn from: an invitation to
    /// a follow-up is an invitation.
    pub fn definition(self) -> FormKind {
        match self {
            FormKind::FollowupInvitation => FormKind::Invitation,
            other => other,
        }
    }

    /// Whether the form shows a plan version: the plan and the person's own copy.
    pub fn shows_plan(self) -> bool {
        matches!(self, FormKind::Plan | FormKind::MyPlan)
    }

    fn definition_file(self) -> String {
        format!("forms/{}.toml", self.definition().name())
    }

    /// The blank form for the paper reserve routine, if this form has one
    /// (the blank invitation serves every meeting).
    fn blank_definition_file(self) -> Option<String> {
        matches!(
            self,
            FormKind::Invitation | FormKind::Consent | FormKind::Plan | FormKind::Followup | FormKind::Envelope
        )
        .then(|| format!("forms/blank/{}.toml", self.name()))
    }
}

impl fmt::Display for FormKind {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FormKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let wanted = s.trim().to_lowercase();
        FormKind::ALL.into_iter().find(|k| k.name() == wanted || k.aliases().contains(&wanted)).ok_or_else(|| {
            let names: Vec<String> =
                FormKind::ALL.iter().map(|k| format!("{} ({})", k.name(), k.aliases().join(", "))).collect();
            Error::UnknownForm(crate::diagnostic::Said::new(
                format!("there is no form `{s}`; the forms are: {}", names.join("; ")),
                format!("det finns ingen blankett `{s}`; blanketterna är: {}", names.join("; ")),
            ))
        })
    }
}

/// A form's structure, as written in `forms/<name>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDefinition {
    /// Catalogue key of the form's title.
    pub title: String,
    /// Catalogue key of a line under the title.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Catalogue key of the short name in the page header.
    pub short_title: String,
    /// How the form is set: `easy-read` for the person's own copy (large
    /// type, short lines, no hyphenation); the standard form otherwise.
    #[serde(default)]
    pub style: Option<String>,
    #[serde(rename = "section")]
    pub sections: Vec<SectionDefinition>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDefinition {
    /// Catalogue key of the heading.
    pub title: String,
    /// Expression: the section is drawn only when it is true.
    #[serde(default)]
    pub when: Option<String>,
    /// Draw the section in a box, for what the reader must not miss.
    #[serde(default)]
    pub boxed: bool,
    /// Keep the section on one page: for short boxes that make no sense halved.
    #[serde(default)]
    pub keep: bool,
    #[serde(rename = "block", default)]
    pub blocks: Vec<BlockDefinition>,
}

/// One thing in a section. Labels and texts are catalogue keys; values are
/// expressions over the case (`meeting.purpose`).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum BlockDefinition {
    /// A labelled value.
    Field {
        label: String,
        value: String,
        #[serde(default)]
        empty: Option<String>,
        #[serde(default)]
        when: Option<String>,
    },
    /// A sentence from the catalogue, under a label if it has one.
    Text {
        #[serde(default)]
        label: Option<String>,
        text: String,
        #[serde(default)]
        style: TextStyle,
        #[serde(default)]
        when: Option<String>,
    },
    /// Label/value rows.
    Facts {
        rows: Vec<FactDefinition>,
        #[serde(default)]
        when: Option<String>,
    },
    /// A labelled list of texts.
    List {
        #[serde(default)]
        label: Option<String>,
        /// Expression giving the items; or, with `texts`, none.
        #[serde(default)]
        value: Option<String>,
        /// Catalogue key of a list of sentences, used instead of `value`.
        #[serde(default)]
        texts: Option<String>,
        /// With `value`: the items are objects, listed as their `text`, one
        /// list a value of this field, under it as the label ("who does it").
        #[serde(default)]
        group: Option<String>,
        #[serde(default)]
        empty: Option<String>,
        #[serde(default)]
        when: Option<String>,
    },
    /// A table of objects; its header repeats on every page.
    Table {
        #[serde(default)]
        label: Option<String>,
        value: String,
        columns: Vec<ColumnDefinition>,
        /// A field of each item to group the rows by: items with the same value
        /// go together under a row showing it, in the order the values first appear.
        #[serde(default)]
        group: Option<String>,
        #[serde(default)]
        empty: Option<String>,
        /// On a blank form: how many empty rows to write in.
        #[serde(default)]
        rows: Option<u32>,
        /// How the rows are set: as a table (the default), or as cards, one
        /// under the other, for rows whose cells hold long names and places.
        #[serde(default)]
        layout: TableLayout,
        #[serde(default)]
        when: Option<String>,
    },
    /// An address label: a framed box with the lines, or ruled lines to
    /// write on when there are none.
    Address {
        label: String,
        /// Expression giving the lines.
        lines: String,
        #[serde(default)]
        when: Option<String>,
    },
    /// Tick boxes, ticked where an expression is true.
    Checks {
        label: String,
        options: Vec<OptionDefinition>,
        #[serde(default)]
        when: Option<String>,
    },
    /// Ruled lines to write on, under a label: for blank forms.
    Write {
        label: String,
        #[serde(default = "two")]
        lines: u32,
        #[serde(default)]
        when: Option<String>,
    },
    /// Lines to sign on, with a date line beside each.
    Signatures {
        /// Catalogue keys of fixed signers.
        #[serde(default)]
        labels: Vec<String>,
        /// Expression giving a list of names to sign.
        #[serde(default)]
        names: Option<String>,
        #[serde(default)]
        when: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TextStyle {
    #[default]
    Normal,
    /// Set apart: something the reader must act on.
    Note,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactDefinition {
    pub label: String,
    /// Expression giving the value; a blank form leaves it out.
    #[serde(default = "nothing")]
    pub value: String,
    #[serde(default)]
    pub empty: Option<String>,
    /// Expression: the row is shown only when it is true (and then never
    /// as a line to write on if the value is missing).
    #[serde(default)]
    pub when: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDefinition {
    pub label: String,
    /// Key in each row object.
    pub field: String,
    /// Relative width.
    #[serde(default = "one")]
    pub width: f64,
    /// Expression: the column is shown only when it is true.
    #[serde(default)]
    pub when: Option<String>,
}

fn one() -> f64 {
    1.0
}

fn two() -> u32 {
    2
}

fn nothing() -> String {
    "none".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDefinition {
    pub label: String,
    pub checked: String,
}

impl FormDefinition {
    pub fn load(resources: &Resources, kind: FormKind) -> Result<Self, Error> {
        Self::load_file(resources, &kind.definition_file())
    }

    /// The blank form of a kind, for filling in by hand.
    pub fn load_blank(resources: &Resources, kind: FormKind) -> Result<Option<Self>, Error> {
        kind.blank_definition_file().map(|name| Self::load_file(resources, &name)).transpose()
    }

    fn load_file(resources: &Resources, name: &str) -> Result<Self, Error> {
        let name = name.to_owned();
        let text = resources.text(&name)?;
        toml::from_str(&text)
            .map_err(|e| Error::FormDefinition { file: resources.describe(&name), message: e.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_aliases_are_accepted() {
        assert_eq!("kallelse".parse::<FormKind>().unwrap(), FormKind::Invitation);
        assert_eq!("Samtycke".parse::<FormKind>().unwrap(), FormKind::Consent);
        assert_eq!("sip".parse::<FormKind>().unwrap(), FormKind::Plan);
        assert_eq!("uppföljning".parse::<FormKind>().unwrap(), FormKind::Followup);
        let err = "kalle".parse::<FormKind>().unwrap_err().to_string();
        assert!(err.contains("invitation (kallelse, inbjudan, "), "{err}");
        // Every language's names: English and Finnish too.
        assert_eq!("follow-up".parse::<FormKind>().unwrap(), FormKind::Followup);
        assert_eq!("suostumus".parse::<FormKind>().unwrap(), FormKind::Consent);
    }

    #[test]
    fn every_built_in_definition_parses() {
        for kind in FormKind::ALL {
            let def = FormDefinition::load(&Resources::embedded(), kind).unwrap();
            assert!(!def.sections.is_empty(), "{kind}");
            if let Some(blank) = FormDefinition::load_blank(&Resources::embedded(), kind).unwrap() {
                assert!(!blank.sections.is_empty(), "blank {kind}");
            }
        }
    }
}
