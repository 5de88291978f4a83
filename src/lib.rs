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
pub mod job;
pub mod layout;
pub mod model;
pub mod org;
pub mod pdf;
pub mod protect;
pub mod resources;
pub mod select;
pub mod source;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub use case::{Case, Loaded};
pub use check::CheckOptions;
pub use diagnostic::{Diagnostic, Severity};
pub use error::{Error, InvalidCase};
pub use forms::FormKind;
pub use model::{ModelOptions, Pick, Recipient};
pub use resources::Resources;

use catalog::Catalog;
use forms::FormDefinition;
use layout::Layout;
use typst_layout::PagedDocument;

/// The Anna example (seed 003), as `sipform example` prints it.
pub const EXAMPLE: &str = include_str!("../examples/anna.toml");

/// The commented starter case that `sipform new` writes, with placeholders
/// ("FYLL I ...") that `check` reports until they are filled in.
pub const STARTER: &str = include_str!("../lang/sv/starter.toml");

/// Renders forms. Fonts, templates and form definitions are loaded once and
/// shared, so one renderer serves many cases and threads.
pub struct Renderer {
    resources: Resources,
    layout: Layout,
    definitions: HashMap<FormKind, FormDefinition>,
    blanks: HashMap<FormKind, FormDefinition>,
    org: Option<(org::Organisation, org::LogoFormats)>,
    catalogs: Mutex<HashMap<String, Arc<Catalog>>>,
    /// What the catalogues of a language (and its `--also` language) hold
    /// that no font can print: the same for every case, so scanned once.
    unprintable: Mutex<HashMap<Languages, Arc<Vec<check::UnprintableText>>>>,
}

/// A form's language and its `--also` language.
type Languages = (String, Option<String>);

/// Forms the protected variant laid out and found nothing in: each with
/// its document and the data it was made from.
type LaidOut = Vec<(FormKind, PagedDocument, Vec<u8>)>;

/// A rendered form.
pub struct Rendered {
    pub kind: FormKind,
    pub pdf: Vec<u8>,
    /// The form model as the template read it (`/data.json`): with
    /// [`Renderer::typst_files`], the exact input of the Typst compilation.
    pub data: Vec<u8>,
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
        Ok(Self {
            resources,
            layout,
            definitions,
            blanks,
            org: None,
            catalogs: Mutex::new(HashMap::new()),
            unprintable: Mutex::new(HashMap::new()),
        })
    }

    /// Prints the organisation's name, logo and contact details on every
    /// form (on protected forms its generic name and protected logo only).
    pub fn with_organisation(mut self, org: org::Organisation, logos: org::Logos) -> Self {
        let mut formats = org::LogoFormats::default();
        if let Some(logo) = logos.normal {
            formats.normal = Some(logo.format);
            self.layout.add_file(org::LOGO_PATH, logo.bytes);
        }
        if let Some(logo) = logos.protected {
            formats.protected = Some(logo.format);
            self.layout.add_file(org::PROTECTED_LOGO_PATH, logo.bytes);
        }
        self.org = Some((org, formats));
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

    /// The languages asked for on the command line (`--lang`, `--also`)
    /// that there are no forms in.
    pub fn unknown_languages(&self, options: &ModelOptions) -> Vec<Diagnostic> {
        let languages = self.resources.languages();
        let list = languages.join(", ");
        [("--lang", &options.language), ("--also", &options.also)]
            .into_iter()
            .filter_map(|(flag, code)| Some((flag, code.as_deref()?)))
            .filter(|(_, code)| !languages.iter().any(|l| l == code))
            .map(|(flag, code)| {
                Diagnostic::error("language", format!("{flag} {code}: there are forms in these languages only: {list}"))
                    .sv(format!("{flag} {code}: det finns blanketter bara på de här språken: {list}"))
            })
            .collect()
    }

    /// The language a case's forms are printed in: `--lang`, else the case's own.
    fn language<'a>(case: &'a Case, options: &'a ModelOptions) -> &'a str {
        options.language.as_deref().unwrap_or(&case.language)
    }

    /// A form's model in its language, and, with `--also`, the same form in
    /// the second language under it. `build` makes the model from a catalogue.
    fn build_in_languages(
        &self,
        language: &str,
        options: &ModelOptions,
        build: impl Fn(&Catalog) -> Result<model::FormModel, Error>,
    ) -> Result<model::FormModel, Error> {
        let model = build(&*self.catalog(language)?)?;
        match options.also.as_deref() {
            Some(second) if second != language => model.with_second(build(&*self.catalog(second)?)?, second),
            _ => Ok(model),
        }
    }

    /// Checks a case for every form it has the data for: the diagnostics, errors first.
    pub fn check(&self, loaded: &Loaded, options: &CheckOptions) -> Vec<Diagnostic> {
        let mut found = check::check(loaded, options);
        found.extend(self.own_rules(loaded, &[], &ModelOptions { check: options.clone(), ..ModelOptions::default() }));
        found.sort_by_key(|d| std::cmp::Reverse(d.severity));
        found
    }

    /// Checks a case for one form, or for every form it has the data for,
    /// with the options a render would get: for the protected variant, what
    /// every form would print is scanned too. Errors first.
    pub fn check_case(&self, loaded: &Loaded, form: Option<FormKind>, options: &ModelOptions) -> Vec<Diagnostic> {
        let mut found = match form {
            Some(kind) => check::check_form(loaded, kind, options.pick, &options.check),
            None => check::check(loaded, &options.check),
        };
        let kinds = match form {
            Some(kind) => vec![kind],
            None => self.available_with(&loaded.case, options),
        };
        found.extend(self.own_rules(loaded, &kinds, options));
        if options.protected || protect::required(&loaded.case) {
            found.extend(self.protected_findings(loaded, &kinds, options));
        }
        finish(found)
    }

    /// Checks a case for printing these forms, as `render` does before it
    /// writes any: the case's rules, each form's, and for the protected
    /// variant everything they print. Errors first.
    pub fn check_forms(&self, loaded: &Loaded, kinds: &[FormKind], options: &ModelOptions) -> Vec<Diagnostic> {
        self.check_forms_laid_out(loaded, kinds, options).0
    }

    /// `check_forms`, and for the protected variant the forms it laid out
    /// to scan them, ready to export.
    fn check_forms_laid_out(
        &self,
        loaded: &Loaded,
        kinds: &[FormKind],
        options: &ModelOptions,
    ) -> (Vec<Diagnostic>, LaidOut) {
        let mut found = check::check_forms(loaded, kinds, options.pick, &options.check);
        let rules_hold = !found.iter().any(Diagnostic::is_error);
        found.extend(self.own_rules(loaded, kinds, options));
        let mut laid_out = Vec::new();
        if options.protected || protect::required(&loaded.case) {
            let (more, forms) = self.protected_pass(loaded, kinds, options, rules_hold);
            found.extend(more);
            laid_out = forms;
        }
        (finish(found), laid_out)
    }

    /// The rules that need what the renderer has: its catalogues (the
    /// case's language), its fonts (every character printable) and the
    /// envelope's.
    fn own_rules(&self, loaded: &Loaded, kinds: &[FormKind], options: &ModelOptions) -> Vec<Diagnostic> {
        let mut found: Vec<Diagnostic> =
            case::unknown_language(loaded, &self.resources.languages()).into_iter().collect();
        found.extend(self.unknown_languages(options));
        // The language the forms are printed in says what becomes of an emoji.
        let replacement = self
            .catalog(Self::language(&loaded.case, options))
            .ok()
            .and_then(|c| c.language().emoji.replacement().map(str::to_owned));
        let printable = |ch| self.layout.can_print(ch);
        found.extend(check::unprintable(loaded, &options.check, &printable, replacement.as_deref()));
        // The words the forms print of their own, in both languages.
        found.extend(
            self.unprintable_catalogues(Self::language(&loaded.case, options), options).iter().map(|u| u.diagnostic()),
        );
        if !kinds.is_empty() {
            found.extend(self.envelope_rule(loaded, kinds, options));
        }
        found
    }

    /// The texts of the catalogues a form is printed from (its language's,
    /// and the `--also` language's) that hold characters no font can
    /// print; an unknown language is reported elsewhere.
    fn unprintable_catalogues(&self, language: &str, options: &ModelOptions) -> Arc<Vec<check::UnprintableText>> {
        let key = (language.to_owned(), options.also.clone().filter(|s| s != language));
        if let Some(found) = self.unprintable.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return found.clone();
        }
        let found = Arc::new(self.scan_catalogues(language, options));
        self.unprintable.lock().unwrap_or_else(|e| e.into_inner()).insert(key, found.clone());
        found
    }

    fn scan_catalogues(&self, language: &str, options: &ModelOptions) -> Vec<check::UnprintableText> {
        let Ok(first) = self.catalog(language) else { return Vec::new() };
        // The first language's policy replaces emoji in the whole form,
        // the second language's words too (`data`).
        let replacement = first.language().emoji.replacement().map(str::to_owned);
        let printable = |ch| self.layout.can_print(ch);
        let mut found = check::unprintable_catalogue(&first, &printable, replacement.as_deref());
        if let Some(second) = options.also.as_deref().filter(|s| *s != language) {
            if let Ok(second) = self.catalog(second) {
                found.extend(check::unprintable_catalogue(&second, &printable, replacement.as_deref()));
            }
        }
        found
    }

    /// The envelope, asked for in a case whose post Skatteverket does not forward.
    /// Asked for together with other forms, the envelope of a child whose
    /// protecting guardian is not marked is left out with a warning (see
    /// [`envelope_comes_along`]); asked for alone, it is refused.
    fn envelope_rule(&self, loaded: &Loaded, kinds: &[FormKind], options: &ModelOptions) -> Option<Diagnostic> {
        let case = &loaded.case;
        if !kinds.contains(&FormKind::Envelope) {
            let left_out = kinds.len() > 1 && case.person.post_forwarded(options.protected);
            return match case.post_recipient() {
                Err(why) if left_out => Some(protect::envelope_left_out(loaded, why)),
                _ => None,
            };
        }
        if !case.person.post_forwarded(options.protected) {
            return Some(protect::envelope_refused(loaded));
        }
        case.post_recipient().err().map(|why| protect::envelope_recipient_unclear(loaded, why))
    }

    /// What the name of an output file gives away, for a protected case:
    /// it is shown in every folder and attachment list.
    pub fn check_file_name(&self, loaded: &Loaded, options: &ModelOptions, name: &str) -> Option<Diagnostic> {
        if !(options.protected || protect::required(&loaded.case)) {
            return None;
        }
        protect::file_name(&protect::redact(loaded), name)
    }

    /// The forms this case has the data for, in process order. The envelope
    /// belongs to post through Skatteverket only ([`case::Person::post_forwarded`]).
    pub fn available(&self, case: &Case, protected: bool) -> Vec<FormKind> {
        self.available_with(case, &ModelOptions { protected, ..ModelOptions::default() })
    }

    /// The forms to render for a case: with `--with-blanks` every form, those
    /// the case has no data for as blank forms with the person's name.
    pub fn available_with(&self, case: &Case, options: &ModelOptions) -> Vec<FormKind> {
        FormKind::ALL
            .into_iter()
            .filter(|k| *k != FormKind::Envelope || envelope_comes_along(case, options))
            .filter(|k| model::listed(case, *k, options.pick))
            .filter(|k| {
                model::form_date(case, *k, options.pick).is_ok() || (options.with_blanks && self.blanks.contains_key(k))
            })
            .filter(|k| check::consent_allows(case, *k, options.pick))
            .collect()
    }

    /// The form model of one form, as the template receives it.
    pub fn model(&self, loaded: &Loaded, kind: FormKind, options: &ModelOptions) -> Result<model::FormModel, Error> {
        let mut found = check::check_form(loaded, kind, options.pick, &options.check);
        found.extend(self.own_rules(loaded, &[], options));
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
            return Err(invalid(loaded, found));
        }
        let language = Self::language(&loaded.case, options);
        let definition = &self.definitions[&kind];
        if self.is_protected(loaded, kind, options) {
            // Built from the redacted case only: what is not there cannot leak.
            let redacted = self.redacted(loaded)?;
            let options = ModelOptions { protected: true, ..options.clone() };
            self.build_in_languages(language, &options, |c| model::build(&redacted.case, kind, definition, c, &options))
        } else {
            self.build_in_languages(language, options, |c| model::build(&loaded.case, kind, definition, c, options))
        }
    }

    /// Whether this form of this case is printed in the protected variant.
    fn is_protected(&self, loaded: &Loaded, kind: FormKind, options: &ModelOptions) -> bool {
        options.protected || protect::required(&loaded.case) || kind == FormKind::Envelope
    }

    /// The redacted case, or the reasons it cannot be printed safely.
    fn redacted(&self, loaded: &Loaded) -> Result<protect::Redacted, Error> {
        let redacted = protect::redact(loaded);
        if redacted.has_errors() {
            return Err(invalid(loaded, redacted.findings));
        }
        Ok(redacted)
    }

    /// The calendar file of the meeting or the follow-up, if the case has
    /// it; for a protected person built from the redacted case, so it holds
    /// no place, and scanned like every form.
    pub fn calendar(
        &self,
        loaded: &Loaded,
        event: calendar::Event,
        options: &ModelOptions,
    ) -> Result<Option<String>, Error> {
        let catalog = self.catalog(Self::language(&loaded.case, options))?;
        if options.protected || protect::required(&loaded.case) {
            let redacted = self.redacted(loaded)?;
            let ics = calendar::ics(&redacted.case, event, options.pick.followup, &catalog)?;
            if let Some(text) = &ics {
                let printed = [protect::Printed {
                    origin: format!("the {} calendar file", event.name()),
                    part: "its text".into(),
                    text: unfold_ics(text),
                }];
                let found = protect::scan_printed(&redacted, &printed);
                if !found.is_empty() {
                    return Err(invalid(loaded, found));
                }
            }
            Ok(ics)
        } else {
            calendar::ics(&loaded.case, event, options.pick.followup, &catalog)
        }
    }

    /// Everything the protected variant finds in what these forms (and
    /// their calendar files) would print: the case's own values, each form
    /// model, the page header and the laid-out text. `check` and `render`
    /// run the same, so a clean check means a clean render.
    pub fn protected_findings(&self, loaded: &Loaded, kinds: &[FormKind], options: &ModelOptions) -> Vec<Diagnostic> {
        let rules_hold =
            !check::check_forms(loaded, kinds, options.pick, &options.check).iter().any(Diagnostic::is_error);
        self.protected_pass(loaded, kinds, options, rules_hold).0
    }

    /// The protected variant's findings, and each form laid out as it would
    /// be printed (when nothing was found in it), so that a job lays each
    /// form out once: to scan it, and then to export it. `rules_hold`: the
    /// case's rules for these forms (`check::check_forms`) found no error,
    /// which the caller has already asked.
    fn protected_pass(
        &self,
        loaded: &Loaded,
        kinds: &[FormKind],
        options: &ModelOptions,
        rules_hold: bool,
    ) -> (Vec<Diagnostic>, LaidOut) {
        let mut laid_out = Vec::new();
        let redacted = protect::redact(loaded);
        let mut found = redacted.findings.clone();
        if redacted.has_errors() {
            return (found, laid_out);
        }
        // The case's other rules must hold before its forms can be built.
        if !rules_hold {
            return (found, laid_out);
        }
        let options = ModelOptions { protected: true, ..options.clone() };
        for kind in kinds {
            match self.protected_form(loaded, &redacted, *kind, &options) {
                Ok((doc, data, more)) if more.is_empty() => laid_out.push((*kind, doc, data)),
                Ok((_, _, more)) => found.extend(more),
                Err(Error::Invalid(invalid)) => found.extend(invalid.diagnostics),
                Err(e) => {
                    found.push(Diagnostic::error("render", e.to_string()).sv(e.words(diagnostic::Messages::Swedish)))
                }
            }
        }
        for event in [calendar::Event::Meeting, calendar::Event::Followup] {
            if let Err(Error::Invalid(invalid)) = self.calendar(loaded, event, &options) {
                found.extend(invalid.diagnostics);
            }
        }
        let mut seen = std::collections::HashSet::new();
        found.retain(|d| seen.insert((d.code, d.span.clone(), d.message.clone())));
        (found, laid_out)
    }

    /// A protected form laid out, and what its printed text gives away: the
    /// strings of its model, and the text Typst laid out (templates and
    /// catalogue included), scanned as a second wall behind the redaction.
    fn protected_form(
        &self,
        loaded: &Loaded,
        redacted: &protect::Redacted,
        kind: FormKind,
        options: &ModelOptions,
    ) -> Result<(PagedDocument, Vec<u8>, Vec<Diagnostic>), Error> {
        let language = Self::language(&loaded.case, options);
        let mut model = if options.with_blanks && model::form_date(&redacted.case, kind, options.pick).is_err() {
            let person = Some(&redacted.case.person);
            self.blank_model_with(language, kind, options, None, person, NO_DATA_NO_BLANK)?
        } else {
            let definition = &self.definitions[&kind];
            self.build_in_languages(language, options, |c| model::build(&redacted.case, kind, definition, c, options))?
        };
        model.org = self.org_header(true);
        let origin = format!("the {} form", kind.name());
        let mut printed = model.printed_strings(&origin);
        let data = self.data(&model);
        let doc = self.layout.compile(data.clone())?;
        let forwarding = options
            .forwarding_address
            .clone()
            .unwrap_or_else(|| model::FORWARDING_ADDRESS.iter().map(|l| l.to_string()).collect());
        // As laid out, the address's spaces are no-break ones (data()).
        let laid_out: Vec<String> = forwarding.iter().map(|l| model::keep_together(l)).collect();
        printed.push(protect::Printed {
            origin: origin.clone(),
            part: "its laid-out text".into(),
            text: without(&layout::document_text(&doc), &laid_out),
        });
        let printed: Vec<protect::Printed> =
            printed.into_iter().filter(|p| !forwarding.iter().any(|l| l == &p.text)).collect();
        Ok((doc, data, protect::scan_printed(redacted, &printed)))
    }
    /// The languages there are forms in: the catalogues built in, and any
    /// a `--templates` folder adds.
    pub fn languages(&self) -> Vec<String> {
        self.resources.languages()
    }

    /// Each language there are forms in, with its name in itself
    /// ("suomi"), for a front end to offer.
    pub fn language_names(&self) -> Vec<(String, String)> {
        self.languages()
            .into_iter()
            .map(|code| {
                let name = self
                    .resources
                    .text(&format!("lang/{code}/language.toml"))
                    .ok()
                    .and_then(|text| toml::from_str::<catalog::Language>(&text).ok())
                    .map_or_else(|| code.clone(), |l| l.name);
                (code, name)
            })
            .collect()
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
        self.blank(language, kind, options, rows, None, date, NO_BLANK).map(|(pdf, _)| pdf)
    }

    /// A blank form with the person's name and personnummer filled in.
    fn blank_for(&self, case: &Case, kind: FormKind, options: &ModelOptions) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let date = options.check.printed.or(case.printed).unwrap_or(model::BLANK_DATE);
        self.blank(Self::language(case, options), kind, options, None, Some(&case.person), date, NO_DATA_NO_BLANK)
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
        missing: Why,
    ) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let mut model = self.blank_model_with(language, kind, options, rows, person, missing)?;
        // A blank form has no case to check; its catalogues' words are all
        // it prints, and one no font can print is the catalogue's error.
        if let Some(u) = self.unprintable_catalogues(language, options).first() {
            return Err(Error::Catalog { message: u.message(), file: u.file.clone() });
        }
        model.org = self.org_header(options.protected);
        self.typeset(&model, &format!("blank-{}", kind.name()), date)
    }

    /// The model of a blank form, as `render_blank` lays it out.
    pub fn blank_model(
        &self,
        language: &str,
        kind: FormKind,
        options: &ModelOptions,
    ) -> Result<model::FormModel, Error> {
        self.blank_model_with(language, kind, options, None, None, NO_BLANK)
    }

    /// A blank form's model; `missing` says why when the form has no blank version.
    fn blank_model_with(
        &self,
        language: &str,
        kind: FormKind,
        options: &ModelOptions,
        rows: Option<u32>,
        person: Option<&case::Person>,
        missing: Why,
    ) -> Result<model::FormModel, Error> {
        let definition = self
            .blanks
            .get(&kind)
            .ok_or_else(|| Error::NoData { form: kind.name(), reason: diagnostic::Said::new(missing.0, missing.1) })?;
        self.build_in_languages(language, options, |c| model::build_blank(kind, definition, c, options, rows, person))
    }

    /// Lays out a form model and exports it as PDF.
    fn typeset(&self, model: &model::FormModel, name: &str, date: case::Date) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let data = self.data(model);
        let doc = self.layout.compile(data.clone())?;
        Ok((Self::export(&doc, &data, name, date)?, data))
    }

    /// The files a form compiles from besides its data, by their path in
    /// the Typst project (`/templates/form.typ` is the entry; the data is
    /// `/data.json`): `typst compile --root DIR DIR/templates/form.typ`
    /// with the fonts of `fonts/` makes the same document (`--emit-typst`).
    pub fn typst_files(&self) -> Vec<(String, Vec<u8>)> {
        self.layout.files_for_typst()
    }

    /// The form model as the template reads it (`/data.json`): what belongs
    /// on one line joined by no-break spaces ([`model::keep_together`]), and
    /// every emoji no font can print replaced when the language says so
    /// (else the check has refused them).
    fn data(&self, model: &model::FormModel) -> Vec<u8> {
        fn each(value: &mut serde_json::Value, with: &dyn Fn(&str) -> String) {
            match value {
                serde_json::Value::String(s) => *s = with(s),
                serde_json::Value::Array(items) => items.iter_mut().for_each(|v| each(v, with)),
                serde_json::Value::Object(map) => map.values_mut().for_each(|v| each(v, with)),
                _ => {}
            }
        }
        let mut value = serde_json::to_value(model).expect("the form model always serialises");
        match model.emoji_replacement.as_deref() {
            Some(replacement) => each(&mut value, &|s| {
                model::keep_together(&check::replace_emoji(s, replacement, &|ch| self.layout.can_print(ch)))
            }),
            None => each(&mut value, &model::keep_together),
        }
        serde_json::to_vec(&value).expect("JSON always serialises")
    }

    /// Exports a laid-out form, with a document id that is a digest of its
    /// content, stable across runs.
    fn export(doc: &PagedDocument, data: &[u8], name: &str, date: case::Date) -> Result<Vec<u8>, Error> {
        let ident = format!("sipform:{name}:{:016x}", fnv1a(data));
        pdf::export(doc, ident, date)
    }

    /// Renders one form to PDF bytes.
    pub fn render(&self, loaded: &Loaded, kind: FormKind, options: &ModelOptions) -> Result<Rendered, Error> {
        let protected = self.is_protected(loaded, kind, options);
        // A form the case has no data for, asked for with blanks: the blank
        // form, with who it is for.
        if options.with_blanks && model::form_date(&loaded.case, kind, options.pick).is_err() {
            let mut found = check::check(loaded, &options.check);
            found.extend(self.own_rules(loaded, &[], options));
            if found.iter().any(Diagnostic::is_error) {
                return Err(invalid(loaded, found));
            }
            let warnings = found.into_iter().filter(|d| !d.is_error()).collect();
            if protected {
                return self.render_protected(loaded, kind, options, warnings);
            }
            let (pdf, data) = self.blank_for(&loaded.case, kind, options)?;
            return Ok(Rendered { kind, pdf, data, warnings });
        }
        let mut found = check::check_form(loaded, kind, options.pick, &options.check);
        found.extend(self.own_rules(loaded, &[kind], options));
        if found.iter().any(Diagnostic::is_error) {
            return Err(invalid(loaded, found));
        }
        let warnings: Vec<Diagnostic> = found.into_iter().filter(|d| !d.is_error()).collect();
        self.render_checked(loaded, kind, options, warnings)
    }

    /// Renders a form of a case that has been checked for it: a job checks
    /// every form once, before it makes any (`job.rs`), and need not check
    /// each again. A protected form still scans what it prints, since that
    /// is only known once it is laid out.
    fn render_checked(
        &self,
        loaded: &Loaded,
        kind: FormKind,
        options: &ModelOptions,
        warnings: Vec<Diagnostic>,
    ) -> Result<Rendered, Error> {
        if self.is_protected(loaded, kind, options) {
            return self.render_protected(loaded, kind, options, warnings);
        }
        let mut model = self.model_checked(loaded, kind, options, Vec::new())?;
        model.org = self.org_header(false);
        let date = model::form_date(&loaded.case, kind, options.pick)?;
        let (pdf, data) = self.typeset(&model, kind.name(), date)?;
        Ok(Rendered { kind, pdf, data, warnings })
    }

    /// Renders a protected form: from the redacted case, and only when
    /// nothing it prints gives a place away.
    fn render_protected(
        &self,
        loaded: &Loaded,
        kind: FormKind,
        options: &ModelOptions,
        mut warnings: Vec<Diagnostic>,
    ) -> Result<Rendered, Error> {
        let redacted = self.redacted(loaded)?;
        warnings.extend(redacted.findings.iter().filter(|d| !d.is_error()).cloned());
        let options = ModelOptions { protected: true, ..options.clone() };
        let (doc, data, found) = self.protected_form(loaded, &redacted, kind, &options)?;
        if !found.is_empty() {
            return Err(invalid(loaded, found));
        }
        let pdf = self.export_protected(loaded, kind, &options, &doc, &data)?;
        Ok(Rendered { kind, pdf, data, warnings })
    }

    /// A protected form, laid out and scanned, as PDF.
    fn export_protected(
        &self,
        loaded: &Loaded,
        kind: FormKind,
        options: &ModelOptions,
        doc: &PagedDocument,
        data: &[u8],
    ) -> Result<Vec<u8>, Error> {
        let dated = model::form_date(&loaded.case, kind, options.pick);
        let date = dated
            .as_ref()
            .ok()
            .copied()
            .unwrap_or(options.check.printed.or(loaded.case.printed).unwrap_or(model::BLANK_DATE));
        let name = if dated.is_ok() { kind.name().to_owned() } else { format!("blank-{}", kind.name()) };
        Self::export(doc, data, &name, date)
    }
}

/// Whether the envelope is among a case's forms: when post goes through
/// Skatteverket, and for a child only when it is clear which guardian it goes
/// to. A case that records skyddade personuppgifter always has it, so that an
/// unclear guardian stops the render; the protected variant asked for on
/// another case leaves it out (with a warning) rather than address a guess.
fn envelope_comes_along(case: &Case, options: &ModelOptions) -> bool {
    case.person.post_forwarded(options.protected) && (case.person.protected || case.post_recipient().is_ok())
}

/// Findings once each, errors first.
fn finish(mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    found.retain(|d| seen.insert((d.code, d.span.clone(), d.message.clone())));
    found.sort_by_key(|d| std::cmp::Reverse(d.severity));
    found
}

/// Why a form has no blank version to print.
const NO_BLANK: Why = (
    "it has no blank version; it is filled in from another form",
    "den har ingen blank version; den fylls i utifrån en annan blankett",
);
/// Why, in English and in Swedish.
type Why = (&'static str, &'static str);
/// Why a form asked for with blanks cannot be printed.
const NO_DATA_NO_BLANK: Why = (
    "the case has no data for it, and it has no blank version",
    "ärendet har inga uppgifter till den, och den har ingen blank version",
);

fn invalid(loaded: &Loaded, diagnostics: Vec<Diagnostic>) -> Error {
    Error::Invalid(Box::new(InvalidCase { source: loaded.source.clone(), diagnostics }))
}

/// A text with the given lines blotted out (Skatteverket's forwarding
/// address is the one place the envelope form must print).
fn without(text: &str, lines: &[String]) -> String {
    let mut out = text.to_owned();
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        out = out.replace(line.as_str(), " ");
    }
    out
}

/// What a calendar file shows a person: its lines unfolded (RFC 5545 3.1)
/// and unescaped, without the machine fields (the UID, the time zone's
/// name "Europe/Stockholm", dates and rules), which name no one's place.
fn unfold_ics(text: &str) -> String {
    const MACHINE: &[&str] = &[
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "TZID",
        "TZOFFSETFROM",
        "TZOFFSETTO",
        "TZNAME",
        "RRULE",
        "SEQUENCE",
        "TRANSP",
        "STATUS",
    ];
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    unfolded
        .lines()
        .filter(|line| {
            let name = line.split([':', ';']).next().unwrap_or("");
            !MACHINE.contains(&name)
        })
        .map(|line| line.replace("\\n", " ").replace("\\,", ",").replace("\\;", ";"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A small stable hash (FNV-1a); std's hasher may change between releases.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
