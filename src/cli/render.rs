//! `sipform render`: a case in, PDFs out.

use std::path::{Path, PathBuf};

use sipform::case::Date;
use sipform::case::SourceFile;
use sipform::org::{Logos, Organisation};
use sipform::{case, job, CheckOptions, Diagnostic, Error, FormKind, ModelOptions, Pick, Renderer, Resources};

use super::args::{CommonArgs, OutputFormat, Recipient, RenderArgs, RuleArgs};
use super::say::say;
use super::{batch, exit, report};

pub fn run(args: RenderArgs) -> u8 {
    report::set_protected(args.common.protected);
    let setup = || -> Result<_, Error> {
        // Mistakes on the command line first: they are the quickest to fix.
        let org = organisation(args.common.rules.org.as_deref())?;
        let options = options(&args.common, org.as_ref().map(|(o, _)| o), args.with_blanks)?;
        let form = args.form.as_deref().map(str::parse::<FormKind>).transpose()?;
        let cases = batch::cases(&args.cases)?;
        Ok((options, form, cases, renderer(args.common.templates.as_deref(), org)?))
    };
    let (options, form, cases, renderer) = match setup() {
        Ok(setup) => setup,
        Err(e) => {
            report::error(&e, OutputFormat::Human);
            return report::code(&e);
        }
    };
    let job = Job {
        form,
        output: args.output.as_deref(),
        ics: args.ics,
        emit_typst: args.emit_typst.as_deref(),
        options: &options,
        renderer: &renderer,
    };
    // One case file named on the command line is rendered here; several, or
    // a folder, as a batch.
    if cases.len() == 1 && args.cases.len() == 1 && !args.cases[0].is_dir() {
        match job.render(&cases[0], false) {
            Ok(done) => {
                report::diagnostics(&done.source, &done.warnings, OutputFormat::Human);
                for (path, what) in &done.written {
                    eprintln!("{} {} ({what})", say("wrote", "skrev"), path.display());
                }
                exit::OK
            }
            Err(e) => {
                report::error(&e, OutputFormat::Human);
                report::code(&e)
            }
        }
    } else {
        batch::run(&job, &cases)
    }
}

/// What to render, for every case of a run.
pub struct Job<'a> {
    pub form: Option<FormKind>,
    /// `-o`: the PDF for one form of one case, else the folder.
    pub output: Option<&'a Path>,
    pub ics: bool,
    /// `--emit-typst`: the folder to write each form's Typst project to.
    pub emit_typst: Option<&'a Path>,
    pub options: &'a ModelOptions,
    pub renderer: &'a Renderer,
}

/// A form's Typst project: each file's path in it and its bytes.
type TypstProject = Vec<(String, Vec<u8>)>;

/// A case rendered: the files written and the warnings met on the way.
pub struct Done {
    pub source: SourceFile,
    pub written: Vec<(PathBuf, String)>,
    pub warnings: Vec<Diagnostic>,
}

/// A case rendered in memory: its files, not yet written.
pub struct Made {
    source: SourceFile,
    /// Each file's path, bytes and what it is.
    files: Vec<(PathBuf, Vec<u8>, String)>,
    projects: Vec<(PathBuf, TypstProject)>,
    warnings: Vec<Diagnostic>,
}

impl Job<'_> {
    /// Renders one case and writes its files. In a batch, `-o` is always the
    /// folder.
    pub fn render(&self, case_path: &Path, batch: bool) -> Result<Done, Error> {
        self.make(case_path, batch)?.write()
    }

    /// Renders one case's files in memory: everything is made before
    /// anything is written.
    pub fn make(&self, case_path: &Path, batch: bool) -> Result<Made, Error> {
        let (renderer, options) = (self.renderer, self.options);
        let loaded = case::load(case_path)?;
        let kinds = renderer.forms_of(&loaded, self.form, options)?;
        // Where each form goes, and that none of them is the case file,
        // before anything is made.
        let mut targets = Vec::with_capacity(kinds.len());
        for kind in &kinds {
            let path = self.target(case_path, *kind, batch)?;
            refuse_input(&path, case_path)?;
            targets.push((*kind, path));
        }
        let stem = stem(case_path);
        let file_name = match (self.form, targets.as_slice()) {
            (Some(_), [(_, path)]) => path.file_name().map(|n| n.to_string_lossy().into_owned()),
            _ => None,
        };
        let request =
            job::Request { form: self.form, ics: self.ics, options, stem: &stem, file_name: file_name.as_deref() };
        let done = renderer.job(&loaded, &request)?;

        // Everything is made before anything is written.
        let dir = targets[0].1.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut files: Vec<(PathBuf, Vec<u8>, String)> = Vec::with_capacity(done.files.len());
        let mut projects: Vec<(PathBuf, TypstProject)> = Vec::new();
        for file in done.files {
            match file.made {
                job::Made::Form(kind) => {
                    let path = targets.iter().find(|(k, _)| *k == kind).map(|(_, p)| p.clone()).unwrap_or_default();
                    if let (Some(emit), Some(data)) = (self.emit_typst, file.data) {
                        // The exact input of the compilation: the templates,
                        // the logos and this form's data.
                        let mut project = renderer.typst_files();
                        project.push(("/data.json".into(), data));
                        projects.push((emit.join(format!("{stem}-{}", kind.name())), project));
                    }
                    files.push((path, file.bytes, kind.to_string()));
                }
                job::Made::Calendar(event) => {
                    let path = dir.join(&file.name);
                    refuse_input(&path, case_path)?;
                    files.push((path, file.bytes, format!("calendar, {}", event.name())));
                }
            }
        }
        Ok(Made { source: loaded.source, files, projects, warnings: done.warnings })
    }

    /// Where one form goes: `-o` is the file for one form of one case, and
    /// otherwise the folder; `-o out/`, with the slash, is always a folder.
    fn target(&self, case_path: &Path, kind: FormKind, batch: bool) -> Result<PathBuf, Error> {
        let file_name = format!("{}-{}.pdf", stem(case_path), kind.name());
        Ok(match (self.output, self.form.is_some() && !batch) {
            (Some(out), true) if !out.is_dir() && !out.as_os_str().to_string_lossy().ends_with('/') => {
                out.to_path_buf()
            }
            (Some(dir), _) => {
                std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.into(), source })?;
                dir.join(file_name)
            }
            (None, _) => PathBuf::from(file_name),
        })
    }
}

impl Made {
    /// Writes the files, each whole or not at all.
    pub fn write(self) -> Result<Done, Error> {
        let Made { source, files, projects, warnings } = self;
        let mut written = Vec::with_capacity(files.len());
        for (path, bytes, what) in files {
            sipform::pdf::write_atomically(&path, &bytes)?;
            written.push((path, what));
        }
        for (dir, project) in projects {
            for (name, bytes) in project {
                let path = dir.join(name.trim_start_matches('/'));
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|source| Error::Write { path: parent.into(), source })?;
                }
                sipform::pdf::write_atomically(&path, &bytes)?;
            }
            let what = say(
                "Typst project: typst compile --root DIR DIR/templates/form.typ",
                "Typst-projekt: typst compile --root MAPP MAPP/templates/form.typ",
            );
            written.push((dir, what.to_owned()));
        }
        Ok(Done { source, written, warnings })
    }
}

/// The case file's name without its extension, which names its outputs.
pub fn stem(case_path: &Path) -> String {
    case_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "case".into())
}

pub fn renderer(templates: Option<&Path>, org: Option<(Organisation, Logos)>) -> Result<Renderer, Error> {
    let resources = match templates {
        Some(dir) => Resources::with_overrides(dir)?,
        None => Resources::embedded(),
    };
    let renderer = Renderer::new(resources)?;
    Ok(match org {
        Some((org, logo)) => renderer.with_organisation(org, logo),
        None => renderer,
    })
}

pub fn options(common: &CommonArgs, org: Option<&Organisation>, with_blanks: bool) -> Result<ModelOptions, Error> {
    let followup = evaluation(common.followup)?;
    let version = match common.version {
        Some(0) => {
            return Err(Error::usage(
                "--version counts from 1: the first version is 1",
                "--version räknar från 1: den första versionen är 1",
            ))
        }
        v => v,
    };
    let lines = |text: &str| text.split(['\n', '|']).map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    Ok(ModelOptions {
        check: CheckOptions { with_blanks, ..check_options_with(&common.rules, org)? },
        with_blanks,
        pick: Pick { followup, version },
        recipient: match common.to {
            Recipient::Everyone => sipform::Recipient::Everyone,
            Recipient::Person => sipform::Recipient::Person,
            Recipient::Called => sipform::Recipient::Called,
            Recipient::Invited => sipform::Recipient::Invited,
        },
        protected: common.protected,
        convener_copy: common.convener_copy,
        large_print: common.large_print,
        return_address: common.return_address.as_deref().map(lines).unwrap_or_default(),
        forwarding_address: common
            .forwarding_address
            .as_deref()
            .map(lines)
            .or_else(|| org.and_then(|o| o.defaults.forwarding_address.clone())),
        language: common.lang.clone(),
        also: common.also.clone(),
    })
}

/// `--evaluation` counts from 1, as people do; the library from 0.
pub fn evaluation(n: Option<usize>) -> Result<Option<usize>, Error> {
    match n {
        Some(0) => Err(Error::usage(
            "--followup counts from 1: the first follow-up is 1",
            "--followup räknar från 1: den första uppföljningen är 1",
        )),
        n => Ok(n.map(|n| n - 1)),
    }
}

/// The organisation's profile: `--org`, else `sipform.toml` here, else none.
pub fn organisation(path: Option<&Path>) -> Result<Option<(Organisation, Logos)>, Error> {
    let default = Path::new(sipform::org::DEFAULT_FILE);
    match path {
        Some(path) => Organisation::load(path).map(Some),
        None if default.is_file() => Organisation::load(default).map(Some),
        None => Ok(None),
    }
}

pub fn check_options_with(rules: &RuleArgs, org: Option<&Organisation>) -> Result<CheckOptions, Error> {
    let printed = rules
        .printed
        .as_deref()
        .map(|s| {
            Date::parse(s).map_err(|e| {
                Error::usage(
                    format!("--printed `{s}`: {e}; write the date as YYYY-MM-DD"),
                    format!("--printed `{s}`: {e}; skriv datumet som ÅÅÅÅ-MM-DD"),
                )
            })
        })
        .transpose()?;
    let defaults = org.map(|o| &o.defaults);
    let builtin = CheckOptions::default();
    let consent_months =
        rules.consent_months.or(defaults.and_then(|d| d.consent_months)).unwrap_or(builtin.consent_months);
    let meeting_within_days = rules
        .meeting_within_days
        .or(defaults.and_then(|d| d.meeting_within_days))
        .unwrap_or(builtin.meeting_within_days);
    if consent_months == 0 {
        return Err(Error::usage(
            "the consent must be allowed to run at least 1 month",
            "samtycket måste få gälla minst 1 månad",
        ));
    }
    let young_person_consent_age = defaults.and_then(|d| d.young_person_consent_age);
    Ok(CheckOptions { consent_months, meeting_within_days, printed, with_blanks: false, young_person_consent_age })
}

/// Never write over the case file itself, whatever `-o` says.
fn refuse_input(target: &Path, input: &Path) -> Result<(), Error> {
    let same = match (target.canonicalize(), input.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Error::usage(
            format!("`{}` is the case file; choose another output with -o", target.display()),
            format!("`{}` är ärendefilen; välj en annan utfil med -o", target.display()),
        ));
    }
    Ok(())
}
