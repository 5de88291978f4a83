//! `sipform check`: find what is wrong with a case, render nothing.

use sipform::{case, Error, FormKind};

use super::args::{CheckArgs, OutputFormat};
use super::render::{options, organisation, renderer};
use super::say::say;
use super::{exit, report};

pub fn run(args: CheckArgs) -> u8 {
    match run_checked(&args) {
        Ok(code) => code,
        Err(e) => {
            report::error(&e, args.format);
            report::code(&e)
        }
    }
}

fn run_checked(args: &CheckArgs) -> Result<u8, Error> {
    report::set_protected(args.common.protected);
    let org = organisation(args.common.rules.org.as_deref())?;
    let options = options(&args.common, org.as_ref().map(|(o, _)| o), args.with_blanks)?;
    let form = args.form.as_deref().map(str::parse::<FormKind>).transpose()?;
    let renderer = renderer(args.common.templates.as_deref(), org)?;
    let loaded = case::load(&args.case)?;
    let found = renderer.check_case(&loaded, form, &options);
    report::diagnostics(&loaded.source, &found, args.format);
    Ok(if found.iter().any(|d| d.is_error()) {
        exit::INVALID
    } else if args.strict && !found.is_empty() {
        exit::WARNINGS
    } else {
        if args.format == OutputFormat::Human && found.is_empty() {
            eprintln!("{}: {}", loaded.source.name, say("no problems found", "inga fel hittades"));
        }
        exit::OK
    })
}
