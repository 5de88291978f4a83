//! `sipform upgrade`: rewrite a format-1 case file as format 2, in place or
//! to `-o OUT`, keeping its comments (see `sipform::case::upgrade`).

use std::path::Path;

use sipform::case::upgrade::{upgrade_text, UpgradeError};
use sipform::case::{self, FORMAT};
use sipform::Error;

use super::args::{OutputFormat, UpgradeArgs};
use super::{exit, report};

/// `--check` on a file that needs upgrading.
const NEEDS_UPGRADE: u8 = 1;

pub fn run(args: UpgradeArgs) -> u8 {
    match run_checked(&args) {
        Ok(code) => code,
        Err(e) => {
            report::error(&e, OutputFormat::Human);
            report::code(&e)
        }
    }
}

fn run_checked(args: &UpgradeArgs) -> Result<u8, Error> {
    // A file that does not read is reported where it goes wrong, and left as it is.
    let loaded = case::load(&args.file)?;
    let name = &loaded.source.name;
    if loaded.case.format == FORMAT {
        let written = if args.output.is_some() { "; nothing written" } else { "" };
        eprintln!("{name} is already format {FORMAT}: nothing to upgrade{written}");
        return Ok(exit::OK);
    }
    if args.check {
        eprintln!("{name} is format {}: `sipform upgrade {name}` rewrites it as format {FORMAT}", loaded.case.format);
        return Ok(NEEDS_UPGRADE);
    }
    let text = match upgrade_text(&loaded.source.text, loaded.source.syntax) {
        Ok(text) => text,
        Err(UpgradeError::Current) => {
            eprintln!("{name} is already format {FORMAT}: nothing to upgrade");
            return Ok(exit::OK);
        }
        Err(UpgradeError::Invalid(e)) => return Err(e),
        Err(e @ UpgradeError::Mismatch(_)) => {
            eprintln!("error: {name}: {e}; the file is left as it was");
            return Ok(exit::INTERNAL);
        }
    };
    // In place, through a link to the file it names: the link stays a link.
    let target = match &args.output {
        Some(out) => out.clone(),
        None => std::fs::canonicalize(&args.file).unwrap_or_else(|_| args.file.clone()),
    };
    // A temporary file in the same folder, then a rename: the file is
    // whole, old or new, whatever happens on the way.
    sipform::pdf::write_atomically(&target, text.as_bytes())?;
    let shown = args.output.as_deref().unwrap_or(Path::new(name));
    if args.output.is_some() {
        eprintln!("wrote {}: {name} as format {FORMAT}", shown.display());
    } else {
        eprintln!("upgraded {name} to format {FORMAT}");
    }
    eprintln!("run `sipform check {}` to see what the forms still need", shown.display());
    Ok(exit::OK)
}
