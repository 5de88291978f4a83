//! sipform turns one SIP case file into the standard SIP forms as PDF.
//!
//! The pipeline, one module a stage:
//! [`case`] (parse) → [`check`] → [`model`] (form model) → [`layout`] (Typst) → [`pdf`].
//! [`Renderer`] runs it; the `sipform` binary is a thin shell over it.

pub mod calendar;
pub mod case;
pub mod catalog;
pub mod check;
pub mod diagnostic;
pub mod error;
pub mod forms;
pub mod layout;
pub mod model;
pub mod org;
pub mod pdf;
pub mod protect;
pub mod resources;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub use case::{Case, Loaded};
pub use check::CheckOptions;
pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, InvalidCase};
pub use forms::FormKind;
pub use model::ModelOptions;
pub use resources::Resources;

use catalog::Catalog;
use forms::FormDefinition;
use layout::Layout;

/// The Anna example (seed 003), as `sipform example` prints it.
pub const EXAMPLE: &str = include_str!("../examples/anna.toml");

/// The commented starter case that `sipform new` writes, with placeholders
/// ("FYLL I ...") that `check` reports until they are filled in.
pub const STARTER: &str = include_str!("../lang/starter.sv.toml");

/// Renders forms. Fonts, templates and form definitions are loaded once and
/// shared, so one renderer serves many cases and threads.
pub struct Renderer {
    resources: Resources,
    layout: Layout,
    definitions: HashMap<FormKind, FormDefinition>,
    blanks: HashMap<FormKind, FormDefinition>,
    org: Option<(org::Organisation, Option<&'static str>)>,
    catalogs: Mutex<HashMap<String, Arc<Catalog>>>,
}

/// A rendered form.
pub struct Rendered {
    pub kind: FormKind,
    pub pdf: Vec<u8>,
    /// Problems that did not stop the render.
    pub warnings: Vec<Diagnostic>,
}

impl Renderer {
    pub fn new(resources: Resources) -> Result<Self, Error> {
        let layout = Layout::new(&resources)?;
        let definitions = FormKind::ALL
            .into_iter()
            .map(|k| FormDefinition::load(&resources, k).map(|d| (k, d)))
            .collect::<Result<_, _>>()?;
        let mut blanks = HashMap::new();
        for kind in FormKind::ALL {
            if let Some(d) = FormDefinition::load_blank(&resources, kind)? {
                blanks.insert(kind, d);
            }
        }
        Ok(Self { resources, layout, definitions, blanks, org: None, catalogs: Mutex::new(HashMap::new()) })
    }

    /// Prints the organisation's name, logo and contact details on every form.
    pub fn with_organisation(mut self, org: org::Organisation, logo: Option<org::Logo>) -> Self {
        let format = logo.map(|logo| {
            self.layout.set_logo(logo.bytes);
            logo.format
        });
        self.org = Some((org, format));
        self
    }

    fn org_header(&self, protected: bool) -> Option<org::OrgHeader> {
        self.org.as_ref().map(|(org, logo)| org.header(protected, *logo))
    }

    fn catalog(&self, language: &str) -> Result<Arc<Catalog>, Error> {
        let mut cache = self.catalogs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = cache.get(language) {
            return Ok(c.clone());
        }
        let c = Arc::new(Catalog::load(&self.resources, language)?);
        cache.insert(language.to_owned(), c.clone());
        Ok(c)
    }

    /// Checks a case for every form it has the data for: the diagnostics, errors first.
    pub fn check(&self, loaded: &Loaded, options: &CheckOptions) -> Vec<Diagnostic> {
        let mut found = check::check(loaded, options);
        found.sort_by_key(|d| std::cmp::Reverse(d.severity));
        found
    }

    /// The forms this case has the data for, in process order. The envelope
    /// belongs to the protected variant only.
    pub fn available(&self, case: &Case, protected: bool) -> Vec<FormKind> {
        self.available_with(case, &ModelOptions { protected, ..ModelOptions::default() })
    }

    /// The forms to render for a case: with `--with-blanks` every form, those
    /// the case has no data for as blank forms with the person's name.
    pub fn available_with(&self, case: &Case, options: &ModelOptions) -> Vec<FormKind> {
        let protected = options.protected || protect::required(case);
        FormKind::ALL
            .into_iter()
            .filter(|k| *k != FormKind::Envelope || protected)
            .filter(|k| {
                model::form_date(case, *k, None).is_ok() || (options.with_blanks && self.blanks.contains_key(k))
            })
            .filter(|k| check::consent_allows(case, *k, None))
            .collect()
    }

    /// The form model of one form, as the template receives it.
    pub fn model(&self, loaded: &Loaded, kind: FormKind, options: &ModelOptions) -> Result<model::FormModel, Error> {
        let found = check::check_form(loaded, kind, options.evaluation, &options.check);
        self.model_checked(loaded, kind, options, found)
    }

    /// The form model, given the case's check findings.
    fn model_checked(
        &self,
        loaded: &Loaded,
        kind: FormKind,
        options: &ModelOptions,
        found: Vec<Diagnostic>,
    ) -> Result<model::FormModel, Error> {
        if found.iter().any(Diagnostic::is_error) {
            return Err(Error::Invalid(Box::new(InvalidCase { source: loaded.source.clone(), diagnostics: found })));
        }
        let catalog = self.catalog(&loaded.case.language)?;
        if options.protected || protect::required(&loaded.case) || kind == FormKind::Envelope {
            // Built from the redacted case only: what is not there cannot leak.
            let case = protect::redact(loaded).map_err(|diagnostics| {
                Error::Invalid(Box::new(InvalidCase { source: loaded.source.clone(), diagnostics }))
            })?;
            let options = ModelOptions { protected: true, ..options.clone() };
            model::build(&case, kind, &self.definitions[&kind], &catalog, &options)
        } else {
            model::build(&loaded.case, kind, &self.definitions[&kind], &catalog, options)
        }
    }

    /// The calendar file of the meeting or the follow-up, if the case has
    /// it; for a protected person built from the redacted case, so it holds
    /// no place.
    pub fn calendar(
        &self,
        loaded: &Loaded,
        event: calendar::Event,
        options: &ModelOptions,
    ) -> Result<Option<String>, Error> {
        let catalog = self.catalog(&loaded.case.language)?;
        if options.protected || protect::required(&loaded.case) {
            let case = protect::redact(loaded).map_err(|diagnostics| {
                Error::Invalid(Box::new(InvalidCase { source: loaded.source.clone(), diagnostics }))
            })?;
            calendar::ics(&case, event, &catalog)
        } else {
            calendar::ics(&loaded.case, event, &catalog)
        }
    }

    /// The forms that have a blank version, in process order.
    pub fn blank_forms(&self) -> Vec<FormKind> {
        FormKind::ALL.into_iter().filter(|k| self.blanks.contains_key(k)).collect()
    }

    /// Renders a blank form for filling in by hand (the paper reserve
    /// routine); `rows` sets the empty rows of the actions table.
    pub fn render_blank(
        &self,
        language: &str,
        kind: FormKind,
        options: &ModelOptions,
        rows: Option<u32>,
    ) -> Result<Vec<u8>, Error> {
        let date = options.check.printed.unwrap_or(model::BLANK_DATE);
        let missing = "it has no blank version; it is filled in from another form";
        self.blank(language, kind, options, rows, None, date, missing)
    }

    /// A blank form with the person's name and personnummer filled in.
    fn blank_for(&self, case: &Case, kind: FormKind, options: &ModelOptions) -> Result<Vec<u8>, Error> {
        let date = options.check.printed.or(case.printed).unwrap_or(model::BLANK_DATE);
        let missing = "the case has no data for it, and it has no blank version";
        self.blank(&case.language, kind, options, None, Some(&case.person), date, missing)
    }

    /// A blank form; `missing` says why when the form has no blank version.
    #[allow(clippy::too_many_arguments)]
    fn blank(
        &self,
        language: &str,
        kind: FormKind,
        options: &ModelOptions,
        rows: Option<u32>,
        person: Option<&case::Person>,
        date: case::Date,
        missing: &str,
    ) -> Result<Vec<u8>, Error> {
        let definition =
            self.blanks.get(&kind).ok_or_else(|| Error::NoData { form: kind.name(), reason: missing.into() })?;
        let catalog = self.catalog(language)?;
        let mut model = model::build_blank(language, kind, definition, &catalog, options, rows, person)?;
        model.org = self.org_header(options.protected);
        self.typeset(&model, &format!("blank-{}", kind.name()), date)
    }

    /// Lays out a form model and exports it as PDF.
    fn typeset(&self, model: &model::FormModel, name: &str, date: case::Date) -> Result<Vec<u8>, Error> {
        let data = serde_json::to_vec(model).expect("the form model always serialises");
        let doc = self.layout.compile(data.clone())?;
        // The document id: a digest of the form's content, stable across runs.
        let ident = format!("sipform:{name}:{:016x}", fnv1a(&data));
        pdf::export(&doc, ident, date)
    }

    /// Renders one form to PDF bytes.
    pub fn render(&self, loaded: &Loaded, kind: FormKind, options: &ModelOptions) -> Result<Rendered, Error> {
        // A form the case has no data for, asked for with blanks: the blank
        // form, with who it is for.
        if options.with_blanks && model::form_date(&loaded.case, kind, options.evaluation).is_err() {
            let found = check::check(loaded, &options.check);
            if found.iter().any(Diagnostic::is_error) {
                return Err(Error::Invalid(Box::new(InvalidCase {
                    source: loaded.source.clone(),
                    diagnostics: found,
                })));
            }
            let protected = options.protected || protect::required(&loaded.case);
            let options = ModelOptions { protected, ..options.clone() };
            let pdf = self.blank_for(&loaded.case, kind, &options)?;
            return Ok(Rendered { kind, pdf, warnings: found.into_iter().filter(|d| !d.is_error()).collect() });
        }
        let found = check::check_form(loaded, kind, options.evaluation, &options.check);
        let warnings: Vec<Diagnostic> = found.iter().filter(|d| !d.is_error()).cloned().collect();
        let mut model = self.model_checked(loaded, kind, options, found)?;
        let protected = options.protected || protect::required(&loaded.case) || kind == FormKind::Envelope;
        model.org = self.org_header(protected);
        let date = model::form_date(&loaded.case, kind, options.evaluation)?;
        let pdf = self.typeset(&model, kind.name(), date)?;
        Ok(Rendered { kind, pdf, warnings })
    }
}

/// A small stable hash (FNV-1a); std's hasher may change between releases.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
