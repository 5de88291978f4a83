//! `sipform blank`: empty forms for the paper reserve routine, to fill in by
//! hand when the IT service is down and type in later.

use std::path::PathBuf;

use sipform::{Error, FormKind, ModelOptions};

use super::args::{BlankArgs, OutputFormat};
use super::say::say;
use super::{exit, report};
use sipform::diagnostic::Messages;

pub fn run(args: BlankArgs) -> u8 {
    match blank(&args) {
        Ok(()) => exit::OK,
        Err(e) => {
            report::error(&e, OutputFormat::Human);
            report::code(&e)
        }
    }
}

fn blank(args: &BlankArgs) -> Result<(), Error> {
    if args.rows == 0 || args.rows > 100 {
        return Err(Error::usage("--rows takes 1 to 100 rows", "--rows tar 1 till 100 rader"));
    }
    let renderer =
        super::render::renderer(args.templates.as_deref(), super::render::organisation(args.org.as_deref())?)?;
    let kinds = match &args.form {
        Some(name) => vec![name.parse::<FormKind>()?],
        None => renderer.blank_forms(),
    };
    let options = ModelOptions {
        protected: args.protected,
        large_print: args.large_print,
        language: Some(args.language.clone()),
        also: args.also.clone(),
        ..ModelOptions::default()
    };
    if let Some(unknown) = renderer.unknown_languages(&options).into_iter().next() {
        return Err(Error::usage(unknown.message.clone(), unknown.words(Messages::Swedish).0));
    }
    let suffix = match (args.protected, args.large_print) {
        (false, false) => "",
        (true, false) => "-protected",
        (false, true) => "-large-print",
        (true, true) => "-protected-large-print",
    };
    for kind in kinds {
        let path = match (&args.output, args.all) {
            (Some(out), false) if !out.is_dir() => out.clone(),
            (Some(dir), _) => {
                std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.clone(), source })?;
                dir.join(format!("blank-{}{suffix}.pdf", kind.name()))
            }
            (None, _) => PathBuf::from(format!("blank-{}{suffix}.pdf", kind.name())),
        };
        let pdf = renderer.render_blank(&args.language, kind, &options, Some(args.rows))?;
        sipform::pdf::write_atomically(&path, &pdf)?;
        eprintln!("{} {} ({} {kind})", say("wrote", "skrev"), path.display(), say("blank", "blank"));
    }
    Ok(())
}
