//! The third stage: a case and a form definition become the form model, the
//! plain data (texts, lists, tables) that the template lays out. Every word
//! is final here; the template only arranges it.

mod context;
mod format;
mod lix;
mod together;

use minijinja::value::ValueKind;
use minijinja::Value;
use serde::Serialize;

use crate::case::{Case, Date};
use crate::catalog::Catalog;
use crate::check::CheckOptions;
use crate::error::Error;
use crate::forms::{
    BlockDefinition, ColumnDefinition, FormDefinition, FormKind, SectionDefinition, TableLayout, TextStyle,
};

pub use crate::catalog::join_words;
pub use crate::select::{followup_invitation_date, form_date, invitation_date, listed, select, Pick, Selection};
pub use format::Formatter;
pub use lix::{lix, Lix};
pub use together::keep_together;

/// Who an invitation is written to (`--to`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Recipient {
    /// Everyone called and invited, in one letter: "Kallelse/inbjudan".
    #[default]
    Everyone,
    /// The person the plan is for: an invitation, in "du" form.
    Person,
    /// The huvudmän's units, who must take part: a "Kallelse".
    Called,
    /// Other actors, who are welcome but not obliged: an "Inbjudan".
    Invited,
}

impl Recipient {
    pub fn name(self) -> &'static str {
        match self {
            Recipient::Everyone => "everyone",
            Recipient::Person => "person",
            Recipient::Called => "called",
            Recipient::Invited => "invited",
        }
    }
}

/// What the template receives as `/data.json`.
#[derive(Debug, Serialize)]
pub struct FormModel {
    pub form: &'static str,
    /// The language's code for Typst, and its direction ("ltr", "rtl").
    pub lang: String,
    pub dir: &'static str,
    pub title: String,
    pub subtitle: Option<String>,
    pub short_title: String,
    pub person: String,
    pub personal_number: String,
    pub printed: String,
    pub labels: Labels,
    pub sections: Vec<Section>,
    /// The form's date, year-month-day, for the PDF's metadata.
    pub date: [u32; 3],
    /// Keywords for the PDF's metadata.
    pub keywords: Vec<String>,
    /// A blank form to fill in by hand: the header gets lines for the name
    /// and the date.
    pub blank: bool,
    /// The organisation sending the form, from its profile.
    pub org: Option<crate::org::OrgHeader>,
    /// How the form is set (`easy-read`), from its definition.
    pub style: Option<String>,
    /// Large print (`--large-print`): larger type, tables as cards.
    pub large_print: bool,
    /// The same form in a second language (`--also sv`): the template prints
    /// its headings, labels and sentences under the first's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also: Option<Box<FormModel>>,
    /// What an emoji no font can print becomes, when the language replaces
    /// them (`[emoji]` in its language.toml); refused by the check otherwise.
    #[serde(skip)]
    pub emoji_replacement: Option<String>,
}

/// Fixed words the template itself prints (page header and footer).
#[derive(Debug, Serialize)]
pub struct Labels {
    pub name: String,
    pub personal_number: String,
    pub printed: String,
    pub page: String,
    pub of: String,
    pub yes: String,
    pub no: String,
}

#[derive(Debug, Serialize)]
pub struct Section {
    pub title: String,
    pub boxed: bool,
    pub keep: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    Field {
        label: Option<String>,
        value: String,
    },
    Text {
        label: Option<String>,
        text: String,
        style: &'static str,
        /// The catalogue's sentence has words of its own, not only the
        /// case's values (`{{ plan.long_term_goal }}`): what LIX measures,
        /// and, when not, a value the template sets in its own direction.
        fixed: bool,
    },
    Facts {
        rows: Vec<[String; 2]>,
    },
    List {
        label: Option<String>,
        items: Vec<String>,
        /// The items are the catalogue's own sentences (`texts`), not the
        /// case's values: what LIX measures, and what a second language
        /// repeats.
        fixed: bool,
        /// The label is a value of the case (who does what), not the
        /// catalogue's words: LIX leaves it out.
        #[serde(skip)]
        group: bool,
    },
    /// `writing`: empty rows tall enough to write in by hand.
    Table {
        label: Option<String>,
        columns: Vec<Column>,
        rows: Vec<Row>,
        writing: bool,
        layout: TableLayout,
    },
    /// Ruled lines to write on.
    Write {
        label: String,
        lines: u32,
    },
    Checks {
        label: String,
        options: Vec<Check>,
    },
    Signatures {
        lines: Vec<String>,
        date_label: String,
        signature_label: String,
    },
    Address {
        label: String,
        lines: Vec<String>,
    },
}

impl Block {
    fn drop_label(&mut self, same_as: &str) {
        if let Block::Field { label, .. }
        | Block::Text { label, .. }
        | Block::List { label, .. }
        | Block::Table { label, .. } = self
        {
            if label.as_deref() == Some(same_as) {
                *label = None;
            }
        }
    }
}

/// A table row: cells, or the heading of a group of rows spanning the table.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Row {
    Cells(Vec<String>),
    Group { group: String },
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub label: String,
    pub width: f64,
}

#[derive(Debug, Serialize)]
pub struct Check {
    pub label: String,
    pub checked: bool,
}

/// Choices made for one render.
#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    /// The rules to check the case against, and the print date: without
    /// one, the case's `printed`, else the form's own date.
    pub check: CheckOptions,
    /// Which follow-up, plan version or consent the form shows.
    pub pick: Pick,
    /// Who an invitation is written to.
    pub recipient: Recipient,
    /// What the case lacks is left as room to write by hand, not left out.
    pub with_blanks: bool,
    /// The protected variant, for a case that is not protected by itself.
    /// The model is then built from a redacted case (src/protect.rs).
    pub protected: bool,
    /// The convener's own copy of the invitation, with the safety reminders
    /// a violence case needs.
    pub convener_copy: bool,
    /// The sender's return address for the envelope form, one line a line;
    /// without it the form leaves lines to write it by hand.
    pub return_address: Vec<String>,
    /// Skatteverket's forwarding address; the published one by default.
    pub forwarding_address: Option<Vec<String>>,
    /// Large print, for readers who need it (`--large-print`).
    pub large_print: bool,
    /// The language to print in, when not the case's own (`--lang`).
    pub language: Option<String>,
    /// A second language under the first (`--also`).
    pub also: Option<String>,
}

/// Skatteverket's published address for forwarding post to protected persons.
pub const FORWARDING_ADDRESS: [&str; 3] = ["Skatteverket", "Box 2820", "403 20 Göteborg"];

/// Builds the model of one form.
pub fn build(
    case: &Case,
    kind: FormKind,
    definition: &FormDefinition,
    catalog: &Catalog,
    options: &ModelOptions,
) -> Result<FormModel, Error> {
    let print_date = options.check.printed.or(case.printed);
    let sel = select(case, kind, options.pick, print_date)?;
    let own_date = sel.date;
    let printed = print_date.unwrap_or(own_date);
    let fmt = Formatter::new(catalog)?;
    let ctx = Value::from_serialize(context::build(case, kind, sel, catalog, options)?);
    let origin = format!("forms/{}.toml", kind.name());
    let b = ModelBuilder {
        catalog,
        ctx: &ctx,
        origin: &origin,
        blank: false,
        fill: options.with_blanks,
        protected: options.protected,
        large_print: options.large_print,
        rows: None,
    };

    let page = Page {
        person: case.person.name.clone(),
        personal_number: case.person.personal_number.clone(),
        printed: fmt.date(printed),
        date: own_date,
    };
    b.form(kind, definition, page)
}

/// What the page header and the PDF's metadata say about a form.
struct Page {
    person: String,
    personal_number: String,
    printed: String,
    date: Date,
}

/// The date in a blank form's PDF metadata when no print date is given: a
/// fixed day, so that the same blank form is always the same bytes.
pub const BLANK_DATE: Date = Date(match chrono::NaiveDate::from_ymd_opt(2026, 1, 1) {
    Some(d) => d,
    None => panic!("a real date"),
});

/// Builds a blank form, to fill in by hand when the IT service is down.
/// `rows` sets how many empty rows the actions table gets.
pub fn build_blank(
    kind: FormKind,
    definition: &FormDefinition,
    catalog: &Catalog,
    options: &ModelOptions,
    rows: Option<u32>,
    person: Option<&crate::case::Person>,
) -> Result<FormModel, Error> {
    let fmt = Formatter::new(catalog)?;
    // Who the form is for, when it is known (`--with-blanks`); blank otherwise.
    let (name, number) = person.map_or(("", ""), |p| (p.name.as_str(), p.personal_number.as_str()));
    let ctx = Value::from_serialize(serde_json::json!({
        "blank": true,
        "protected": options.protected,
        "person": { "name": name, "personal_number": number },
        // A paper invitation goes to anyone: both a call and an invitation.
        "letter": { "to": "everyone", "title": "both", "followup": false, "number": null },
        // The envelope form: Skatteverket's published address; the rest is
        // written by hand.
        "envelope": {
            "forwarding": options.forwarding_address.clone().unwrap_or_else(|| FORWARDING_ADDRESS.map(String::from).to_vec()),
            "return": options.return_address,
        },
    }));
    let origin = format!("forms/blank/{}.toml", kind.name());
    let b = ModelBuilder {
        catalog,
        ctx: &ctx,
        origin: &origin,
        blank: true,
        fill: true,
        protected: options.protected,
        large_print: options.large_print,
        rows,
    };
    let page = Page {
        person: name.to_owned(),
        personal_number: number.to_owned(),
        printed: options.check.printed.map(|d| fmt.date(d)).unwrap_or_default(),
        date: options.check.printed.unwrap_or(BLANK_DATE),
    };
    b.form(kind, definition, page)
}

struct ModelBuilder<'a> {
    catalog: &'a Catalog,
    ctx: &'a Value,
    origin: &'a str,
    /// A blank form: every value is left as room to write.
    blank: bool,
    /// A value the case lacks is room to write (blank forms, `--with-blanks`).
    fill: bool,
    /// The protected variant: what can say where the person is, or will be,
    /// is neither printed nor asked for (see [`withheld`]).
    protected: bool,
    large_print: bool,
    /// Empty rows for the actions table of a blank form.
    rows: Option<u32>,
}

/// The last names of values that say where someone lives, stays or can be
/// reached: a row or column that shows one of them is left out of a
/// protected form, also where `--with-blanks` would make it a line to write
/// on, since a line labelled "Adress" asks staff to write the address down.
const WITHHELD_NAMES: &[&str] = &["address", "phone", "phone_text", "email", "contact", "place", "link", "where"];

/// The day and time of a meeting the person is invited to: where they will
/// be, and when. The protected context holds neither (context.rs).
pub(crate) const WITHHELD_PATHS: &[&str] = &["meeting.date", "meeting.time", "meeting.start"];

/// Whether a form value (`person.address`, `meeting.time if x`) or a table
/// column (`where`) is one the protected variant withholds.
fn withheld(expr: &str) -> bool {
    let path = expr.split_whitespace().next().unwrap_or("");
    let last = path.rsplit('.').next().unwrap_or(path);
    WITHHELD_NAMES.contains(&last) || WITHHELD_PATHS.contains(&path)
}

impl ModelBuilder<'_> {
    /// The form: its sections, under the page's header.
    fn form(&self, kind: FormKind, definition: &FormDefinition, page: Page) -> Result<FormModel, Error> {
        use chrono::Datelike;
        let mut sections = Vec::new();
        for section in &definition.sections {
            if let Some(s) = self.section(section)? {
                sections.push(s);
            }
        }
        Ok(FormModel {
            form: kind.name(),
            lang: self.catalog.language().typst.clone(),
            dir: match self.catalog.language().direction {
                crate::catalog::Direction::Ltr => "ltr",
                crate::catalog::Direction::Rtl => "rtl",
            },
            title: self.text(&definition.title)?,
            subtitle: definition.subtitle.as_deref().map(|s| self.text(s)).transpose()?,
            short_title: self.text(&definition.short_title)?,
            person: page.person,
            // After an Arabic label ("الرقم الشخصي: ") the number's two
            // groups would be laid out right to left (see
            // `catalog::needs_isolating`): in a left-to-right isolate it
            // reads as written, in the page header and in any template's.
            personal_number: match self.catalog.language().direction {
                crate::catalog::Direction::Ltr => page.personal_number,
                crate::catalog::Direction::Rtl => crate::catalog::left_to_right(&page.personal_number),
            },
            printed: page.printed,
            labels: Labels {
                name: self.text("page.name")?,
                personal_number: self.text("page.personal_number")?,
                printed: self.text("page.printed")?,
                page: self.text("page.page")?,
                of: self.text("page.of")?,
                yes: self.text("words.yes")?,
                no: self.text("words.no")?,
            },
            sections,
            date: [page.date.0.year() as u32, page.date.0.month(), page.date.0.day()],
            keywords: vec!["SIP".into(), self.text("page.keyword")?],
            blank: self.blank,
            org: None,
            style: definition.style.clone(),
            large_print: self.large_print,
            also: None,
            emoji_replacement: self.catalog.language().emoji.replacement().map(str::to_owned),
        })
    }

    fn text(&self, key: &str) -> Result<String, Error> {
        self.catalog.render(key, self.ctx)
    }

    fn eval(&self, expr: &str) -> Result<Value, Error> {
        self.catalog.eval(expr, self.ctx, self.origin)
    }

    /// Whether a row or field showing this value is left out altogether.
    fn withholds(&self, value: &str) -> bool {
        self.protected && withheld(value)
    }

    /// Whether a table column is shown.
    fn shows(&self, column: &ColumnDefinition) -> Result<bool, Error> {
        Ok(!self.withholds(&column.field) && self.holds(&column.when)?)
    }

    fn holds(&self, when: &Option<String>) -> Result<bool, Error> {
        match when {
            None => Ok(true),
            Some(expr) => Ok(self.eval(expr)?.is_true()),
        }
    }

    /// A value as text; `None` when absent or blank.
    fn value_text(&self, expr: &str) -> Result<Option<String>, Error> {
        Ok(as_text(&self.eval(expr)?))
    }

    fn section(&self, def: &SectionDefinition) -> Result<Option<Section>, Error> {
        if !self.holds(&def.when)? {
            return Ok(None);
        }
        let title = self.text(&def.title)?;
        let mut blocks = Vec::new();
        for block in &def.blocks {
            for mut b in self.blocks(block)? {
                // A label that repeats the heading right above it says nothing.
                b.drop_label(&title);
                blocks.push(b);
            }
        }
        if blocks.is_empty() {
            return Ok(None);
        }
        Ok(Some(Section { title, boxed: def.boxed, keep: def.keep, blocks }))
    }

    fn or_empty(&self, value: Option<String>, empty: &Option<String>) -> Result<Option<String>, Error> {
        match (value, empty) {
            (Some(v), _) => Ok(Some(v)),
            (None, Some(key)) => Ok(Some(self.text(key)?)),
            (None, None) => Ok(None),
        }
    }

    /// The blocks one definition makes: one, none, or a list a group.
    fn blocks(&self, def: &BlockDefinition) -> Result<Vec<Block>, Error> {
        match def {
            BlockDefinition::List { value: Some(expr), group: Some(field), when, .. } if !self.blank => {
                if !self.holds(when)? {
                    return Ok(Vec::new());
                }
                let groups = self.groups(expr, field)?;
                if groups.is_empty() {
                    // The empty text, or room to write, as for any list.
                    return Ok(self.block(def)?.into_iter().collect());
                }
                Ok(groups
                    .into_iter()
                    .map(|(label, items)| Block::List { label: Some(label), items, fixed: false, group: true })
                    .collect())
            }
            _ => Ok(self.block(def)?.into_iter().collect()),
        }
    }

    /// A list's items by the value of `field`, groups in the order they first
    /// come, each item's `text`.
    fn groups(&self, expr: &str, field: &str) -> Result<Vec<(String, Vec<String>)>, Error> {
        let value = self.eval(expr)?;
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for item in value.try_iter().into_iter().flatten() {
            let (Some(key), Some(text)) = (
                item.get_attr(field).ok().as_ref().and_then(as_text),
                item.get_attr("text").ok().as_ref().and_then(as_text),
            ) else {
                continue;
            };
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, items)) => items.push(text),
                None => groups.push((key, vec![text])),
            }
        }
        Ok(groups)
    }

    fn block(&self, def: &BlockDefinition) -> Result<Option<Block>, Error> {
        Ok(match def {
            BlockDefinition::Field { label, value, empty, when } => {
                if !self.holds(when)? || self.withholds(value) {
                    return Ok(None);
                }
                if self.blank {
                    return Ok(Some(Block::Write { label: self.text(label)?, lines: 2 }));
                }
                let known = self.value_text(value)?;
                if known.is_none() && self.fill {
                    return Ok(Some(Block::Write { label: self.text(label)?, lines: 2 }));
                }
                match self.or_empty(known, empty)? {
                    Some(value) => Some(Block::Field { label: Some(self.text(label)?), value }),
                    None => None,
                }
            }
            BlockDefinition::Text { label, text, style, when } => {
                if !self.holds(when)? {
                    return Ok(None);
                }
                let style = match style {
                    TextStyle::Normal => "normal",
                    TextStyle::Note => "note",
                };
                let label = label.as_deref().map(|l| self.text(l)).transpose()?;
                let fixed = self.catalog.raw(text).is_ok_and(has_own_words);
                Some(Block::Text { label, text: self.text(text)?, style, fixed })
            }
            BlockDefinition::Facts { rows, when } => {
                if !self.holds(when)? {
                    return Ok(None);
                }
                let mut out = Vec::new();
                for row in rows.iter().filter(|row| !self.withholds(&row.value)) {
                    if !self.holds(&row.when)? {
                        continue;
                    }
                    let known = self.value_text(&row.value)?;
                    if known.is_none() && self.fill && row.when.is_none() {
                        // An empty value is a line to write on.
                        out.push([self.text(&row.label)?, String::new()]);
                    } else if let Some(v) = self.or_empty(known, &row.empty)? {
                        out.push([self.text(&row.label)?, v]);
                    }
                }
                (!out.is_empty()).then_some(Block::Facts { rows: out })
            }
            BlockDefinition::List { label, value, texts, empty, when, .. } => {
                if !self.holds(when)? {
                    return Ok(None);
                }
                if self.blank && value.is_some() {
                    let label = self.text(label.as_deref().unwrap_or("words.notes"))?;
                    return Ok(Some(Block::Write { label, lines: 3 }));
                }
                let items = match (value, texts) {
                    (Some(expr), None) => self.items(expr)?,
                    (None, Some(key)) => self.catalog.render_list(key, self.ctx)?,
                    _ => {
                        return Err(Error::FormDefinition {
                            file: self.origin.into(),
                            message: "a list takes either `value` or `texts`".into(),
                        })
                    }
                };
                let label = label.as_deref().map(|l| self.text(l)).transpose()?;
                if items.is_empty() && self.fill && value.is_some() {
                    let label = label.unwrap_or(self.text("blank.notes")?);
                    return Ok(Some(Block::Write { label, lines: 3 }));
                }
                if items.is_empty() {
                    match empty {
                        Some(key) => Some(Block::Field { label, value: self.text(key)? }),
                        None => None,
                    }
                } else {
                    Some(Block::List { label, items, fixed: texts.is_some(), group: false })
                }
            }
            BlockDefinition::Table { label, value, columns, group, empty, rows, layout, when } => {
                if !self.holds(when)? {
                    return Ok(None);
                }
                if self.blank {
                    let mut shown = Vec::new();
                    for c in columns {
                        if self.shows(c)? {
                            shown.push(Column { label: self.text(&c.label)?, width: c.width });
                        }
                    }
                    // The actions table takes the number asked for; others their own.
                    let n = if value == "plan.actions" { self.rows.or(*rows) } else { *rows }.unwrap_or(3);
                    let empty_row = || Row::Cells(vec![String::new(); shown.len()]);
                    let rows = (0..n).map(|_| empty_row()).collect();
                    let label = label.as_deref().map(|l| self.text(l)).transpose()?;
                    return Ok(Some(Block::Table { label, columns: shown, rows, writing: true, layout: *layout }));
                }
                let list = self.eval(value)?;
                let label = label.as_deref().map(|l| self.text(l)).transpose()?;
                let mut shown = Vec::new();
                for c in columns {
                    if self.shows(c)? {
                        shown.push(c);
                    }
                }
                let columns = shown;
                let field = |item: &minijinja::Value, name: &str| item.get_attr(name).ok().and_then(|v| as_text(&v));
                let items: Vec<minijinja::Value> = list.try_iter().map(|i| i.collect()).unwrap_or_default();
                // (group, cells) in the order the groups first appear; stable within a group.
                let mut groups: Vec<(Option<String>, Vec<Vec<String>>)> = Vec::new();
                for item in &items {
                    let key = group.as_deref().and_then(|g| field(item, g));
                    let cells = columns.iter().map(|c| field(item, &c.field).unwrap_or_default()).collect();
                    match groups.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, rows)) => rows.push(cells),
                        None => groups.push((key, vec![cells])),
                    }
                }
                if groups.is_empty() && self.fill {
                    let columns = columns
                        .iter()
                        .map(|c| Ok(Column { label: self.text(&c.label)?, width: c.width }))
                        .collect::<Result<Vec<_>, Error>>()?;
                    let rows = (0..rows.unwrap_or(3)).map(|_| Row::Cells(vec![String::new(); columns.len()])).collect();
                    Some(Block::Table { label, columns, rows, writing: true, layout: *layout })
                } else if groups.is_empty() {
                    match empty {
                        Some(key) => Some(Block::Field { label, value: self.text(key)? }),
                        None => None,
                    }
                } else {
                    let columns = columns
                        .iter()
                        .map(|c| Ok(Column { label: self.text(&c.label)?, width: c.width }))
                        .collect::<Result<_, Error>>()?;
                    let mut rows = Vec::new();
                    for (key, cells) in groups {
                        if let Some(group) = key {
                            rows.push(Row::Group { group });
                        }
                        rows.extend(cells.into_iter().map(Row::Cells));
                    }
                    Some(Block::Table { label, columns, rows, writing: false, layout: *layout })
                }
            }
            BlockDefinition::Checks { label, options, when } => {
                if !self.holds(when)? {
                    return Ok(None);
                }
                let options = options
                    .iter()
                    .map(|o| Ok(Check { label: self.text(&o.label)?, checked: self.eval(&o.checked)?.is_true() }))
                    .collect::<Result<_, Error>>()?;
                Some(Block::Checks { label: self.text(label)?, options })
            }
            BlockDefinition::Address { label, lines, when } => {
                if !self.holds(when)? {
                    return Ok(None);
                }
                Some(Block::Address { label: self.text(label)?, lines: self.items(lines)? })
            }
            BlockDefinition::Write { label, lines, when } => {
                if !self.holds(when)? {
                    return Ok(None);
                }
                Some(Block::Write { label: self.text(label)?, lines: *lines })
            }
            BlockDefinition::Signatures { labels, names, when } => {
                if !self.holds(when)? {
                    return Ok(None);
                }
                // The people giving consent sign first, then staff.
                let mut lines = match names {
                    Some(expr) => self.items(expr)?,
                    None => Vec::new(),
                };
                for l in labels {
                    lines.push(self.text(l)?);
                }
                (!lines.is_empty()).then_some(Block::Signatures {
                    lines,
                    date_label: self.text("words.date_place")?,
                    signature_label: self.text("words.signature")?,
                })
            }
        })
    }

    fn items(&self, expr: &str) -> Result<Vec<String>, Error> {
        let value = self.eval(expr)?;
        Ok(match value.try_iter() {
            Ok(iter) if value.kind() == ValueKind::Seq => iter.filter_map(|v| as_text(&v)).collect(),
            _ => as_text(&value).into_iter().collect(),
        })
    }
}

/// Whether a catalogue sentence says something itself, besides the values
/// it prints: letters outside its `{{ }}` and `{% %}` tags.
fn has_own_words(source: &str) -> bool {
    crate::catalog::split_tags(source).0.chars().any(char::is_alphabetic)
}

/// A value as printable text: strings as they are, numbers as digits; absent,
/// none and blank as nothing.
fn as_text(v: &Value) -> Option<String> {
    match v.kind() {
        ValueKind::Undefined | ValueKind::None => None,
        ValueKind::String => v.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned),
        ValueKind::Number | ValueKind::Bool => Some(v.to_string()),
        _ => None,
    }
}

impl FormModel {
    /// This form with the same form in a second language under it. Both
    /// come from one case and one definition, so they have the same parts;
    /// the template pairs them part by part, and refuses nothing silently:
    /// a catalogue that changed the parts is an error here.
    pub fn with_second(mut self, second: FormModel, language: &str) -> Result<Self, Error> {
        let shape = |m: &FormModel| -> Vec<Vec<std::mem::Discriminant<Block>>> {
            m.sections.iter().map(|s| s.blocks.iter().map(std::mem::discriminant).collect()).collect()
        };
        if shape(&self) != shape(&second) {
            return Err(Error::Catalog {
                file: format!("lang/{language}/text.toml"),
                message: format!("the {} form has other parts in this language than in the first", self.form),
            });
        }
        self.also = Some(Box::new(second));
        Ok(self)
    }

    /// Every string this model will print, with where: what the protected
    /// variant scans. It walks the serialised model, so a field added to the
    /// model is scanned without anyone listing it.
    pub fn printed_strings(&self, origin: &str) -> Vec<crate::protect::Printed> {
        fn walk(value: &serde_json::Value, part: &str, origin: &str, out: &mut Vec<crate::protect::Printed>) {
            match value {
                serde_json::Value::String(s) if !s.trim().is_empty() => out.push(crate::protect::Printed {
                    origin: origin.to_owned(),
                    part: part.to_owned(),
                    text: s.clone(),
                }),
                serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, part, origin, out)),
                serde_json::Value::Object(map) => {
                    // A section's strings are reported under its title.
                    let part = match map.get("title") {
                        Some(serde_json::Value::String(t)) if map.contains_key("blocks") => {
                            format!("the section \"{t}\"")
                        }
                        _ => part.to_owned(),
                    };
                    for (k, v) in map {
                        if k == "form" || k == "lang" || k == "kind" || k == "style" {
                            continue;
                        }
                        walk(v, &part, origin, out);
                    }
                }
                _ => {}
            }
        }
        let value = serde_json::to_value(self).expect("the form model always serialises");
        let mut out = Vec::new();
        walk(&value, "the page header", origin, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::has_own_words;

    #[test]
    fn a_sentence_of_values_only_has_no_words_of_its_own() {
        assert!(!has_own_words("{{ plan.long_term_goal }}"));
        assert!(!has_own_words("{% if a %}{{ a }}{% else %}{{ b }}{% endif %}. "));
        assert!(has_own_words("Fråga {{ name }}."));
        assert!(has_own_words("{% if child %}Det här är min plan.{% endif %}"));
        assert!(has_own_words("Vi ses {# a note #}igen"));
        assert!(has_own_words("a { brace"));
    }
}
