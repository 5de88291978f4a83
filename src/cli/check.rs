//! `sipform check`: find what is wrong with a case, render nothing.

use sipform::{case, check, Error, FormKind};

use super::args::{CheckArgs, OutputFormat};
use super::render::{check_options, evaluation};
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
    let options = check_options(&args.rules)?;
    let form = args.form.as_deref().map(str::parse::<FormKind>).transpose()?;
    let evaluation = evaluation(args.evaluation)?;
    let loaded = case::load(&args.case)?;
    let mut found = match form {
        Some(kind) => check::check_form(&loaded, kind, evaluation, &options),
        None => check::check(&loaded, &options),
    };
    if args.protected && !sipform::protect::required(&loaded.case) {
        found.extend(check::protected(&loaded));
    }
    // Errors first: they are what stops a render.
    found.sort_by_key(|d| std::cmp::Reverse(d.severity));
    report::diagnostics(&loaded.source, &found, args.format);
    Ok(if found.iter().any(|d| d.is_error()) {
        exit::INVALID
    } else if args.strict && !found.is_empty() {
        exit::WARNINGS
    } else {
        if args.format == OutputFormat::Human && found.is_empty() {
            eprintln!("{}: no problems found", loaded.source.name);
        }
        exit::OK
    })
}
