//! `sipform check`: find what is wrong with a case, render nothing.

use sipform::{case, check, Error};

use super::args::{CheckArgs, OutputFormat};
use super::{exit, report};

pub fn run(args: CheckArgs) -> u8 {
    let loaded = match case::load(&args.case) {
        Ok(l) => l,
        Err(Error::Invalid(invalid)) => {
            report::diagnostics(&invalid.source, &invalid.diagnostics, args.format);
            return exit::INVALID;
        }
        Err(e) => {
            report::error(&e, args.format);
            return report::code(&e);
        }
    };
    let found = check::check(&loaded);
    report::diagnostics(&loaded.source, &found, args.format);
    if found.iter().any(|d| d.is_error()) {
        exit::INVALID
    } else if args.strict && !found.is_empty() {
        exit::WARNINGS
    } else {
        if args.format == OutputFormat::Human && found.is_empty() {
            eprintln!("{}: no problems found", loaded.source.name);
        }
        exit::OK
    }
}
