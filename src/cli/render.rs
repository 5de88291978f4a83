//! `sipform render`: a case in, PDFs out.

use std::path::{Path, PathBuf};

use sipform::case::Date;
use sipform::{case, check, CheckOptions, Diagnostic, Error, FormKind, InvalidCase, ModelOptions, Renderer, Resources};

use super::args::{CommonArgs, OutputFormat, RenderArgs, RuleArgs};
use super::{exit, report};

pub fn run(args: RenderArgs) -> u8 {
    match render(&args) {
        Ok(()) => exit::OK,
        Err(e) => {
            report::error(&e, OutputFormat::Human);
            report::code(&e)
        }
    }
}

fn render(args: &RenderArgs) -> Result<(), Error> {
    // Mistakes on the command line first: they are the quickest to fix.
    let options = options(&args.common)?;
    let wanted = args.form.as_deref().map(str::parse::<FormKind>).transpose()?;
    let loaded = case::load(&args.case)?;
    let renderer = renderer(&args.common)?;

    let kinds = match wanted {
        Some(kind) => vec![kind],
        None => {
            let kinds = renderer.available(&loaded.case, options.protected);
            if kinds.is_empty() {
                // Perhaps the case has forms that its rules keep from printing.
                let found = check::check(&loaded, &options.check);
                if found.iter().any(Diagnostic::is_error) {
                    return Err(Error::Invalid(Box::new(InvalidCase { source: loaded.source, diagnostics: found })));
                }
                return Err(Error::NoData {
                    form: "any",
                    reason: "the case has neither [meeting], [consent], [plan] nor [followup]".into(),
                });
            }
            kinds
        }
    };

    let mut targets = Vec::with_capacity(kinds.len());
    for kind in &kinds {
        let path = target(args, *kind)?;
        refuse_input(&path, &args.case)?;
        targets.push((*kind, path));
    }

    // Check every form before writing any, so that a bad case leaves no
    // half set of forms behind; show the warnings once.
    let mut found: Vec<Diagnostic> = Vec::new();
    for kind in &kinds {
        for d in check::check_form(&loaded, *kind, options.evaluation, &options.check) {
            if !found.iter().any(|f| f.code == d.code && f.span == d.span && f.message == d.message) {
                found.push(d);
            }
        }
    }
    found.sort_by_key(|d| std::cmp::Reverse(d.severity));
    if found.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(Box::new(InvalidCase { source: loaded.source, diagnostics: found })));
    }
    report::diagnostics(&loaded.source, &found, OutputFormat::Human);

    for (kind, path) in targets {
        let rendered = renderer.render(&loaded, kind, &options)?;
        sipform::pdf::write_atomically(&path, &rendered.pdf)?;
        eprintln!("wrote {} ({})", path.display(), kind);
    }
    Ok(())
}

pub fn renderer(common: &CommonArgs) -> Result<Renderer, Error> {
    let resources = match &common.templates {
        Some(dir) => Resources::with_overrides(dir)?,
        None => Resources::embedded(),
    };
    Renderer::new(resources)
}

pub fn options(common: &CommonArgs) -> Result<ModelOptions, Error> {
    let evaluation = evaluation(common.evaluation)?;
    let lines = |text: &str| text.split(['\n', '|']).map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    Ok(ModelOptions {
        check: check_options(&common.rules)?,
        evaluation,
        protected: common.protected,
        convener_copy: common.convener_copy,
        return_address: common.return_address.as_deref().map(lines).unwrap_or_default(),
        forwarding_address: common.forwarding_address.as_deref().map(lines),
    })
}

/// `--evaluation` counts from 1, as people do; the library from 0.
pub fn evaluation(n: Option<usize>) -> Result<Option<usize>, Error> {
    match n {
        Some(0) => Err(Error::Usage("--evaluation counts from 1: the first follow-up is 1".into())),
        n => Ok(n.map(|n| n - 1)),
    }
}

pub fn check_options(rules: &RuleArgs) -> Result<CheckOptions, Error> {
    let printed = rules
        .printed
        .as_deref()
        .map(|s| {
            Date::parse(s).map_err(|e| Error::Usage(format!("--printed `{s}`: {e}; write the date as YYYY-MM-DD")))
        })
        .transpose()?;
    if rules.consent_months == 0 {
        return Err(Error::Usage("--consent-months must be at least 1".into()));
    }
    Ok(CheckOptions { consent_months: rules.consent_months, meeting_within_days: rules.meeting_within_days, printed })
}

/// Where one form goes: `-o` is the file for one form and the folder for `--all`.
fn target(args: &RenderArgs, kind: FormKind) -> Result<PathBuf, Error> {
    let stem = args.case.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "case".into());
    let file_name = format!("{stem}-{}.pdf", kind.name());
    Ok(match (&args.output, args.form.is_some()) {
        (Some(out), true) if !out.is_dir() => out.clone(),
        (Some(dir), _) => {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.clone(), source })?;
            dir.join(file_name)
        }
        (None, _) => PathBuf::from(file_name),
    })
}

/// Never write over the case file itself, whatever `-o` says.
fn refuse_input(target: &Path, input: &Path) -> Result<(), Error> {
    let same = match (target.canonicalize(), input.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Error::Usage(format!("`{}` is the case file; choose another output with -o", target.display())));
    }
    Ok(())
}
