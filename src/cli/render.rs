//! `sipform render`: a case in, PDFs out.

use std::path::{Path, PathBuf};

use sipform::case::Date;
use sipform::{case, Error, FormKind, ModelOptions, Renderer, Resources};

use super::args::{CommonArgs, OutputFormat, RenderArgs};
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

    // Warnings are the same for every form; show them once.
    let mut warned = false;
    for (kind, path) in targets {
        let rendered = renderer.render(&loaded, kind, &options)?;
        if !warned {
            report::diagnostics(&loaded.source, &rendered.warnings, OutputFormat::Human);
            warned = true;
        }
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
    let printed = common
        .printed
        .as_deref()
        .map(|s| {
            Date::parse(s).map_err(|e| Error::Usage(format!("--printed `{s}`: {e}; write the date as YYYY-MM-DD")))
        })
        .transpose()?;
    let evaluation = match common.evaluation {
        Some(0) => return Err(Error::Usage("--evaluation counts from 1: the first follow-up is 1".into())),
        Some(n) => Some(n - 1),
        None => None,
    };
    let lines = |text: &str| text.split(['\n', '|']).map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect();
    Ok(ModelOptions {
        printed,
        evaluation,
        protected: common.protected,
        convener_copy: common.convener_copy,
        return_address: common.return_address.as_deref().map(lines).unwrap_or_default(),
        forwarding_address: common.forwarding_address.as_deref().map(lines),
    })
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
