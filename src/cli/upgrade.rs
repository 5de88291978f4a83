//! `sipform upgrade`: rewrite a format-1 case file as format 2, in place or
//! to `-o OUT`, keeping its comments (see `sipform::case::upgrade`).

use std::path::Path;

use sipform::case::upgrade::{upgrade_text, UpgradeError};
use sipform::case::{self, FORMAT};
use sipform::Error;

use super::args::{OutputFormat, UpgradeArgs};
use super::say::{messages, say};
use super::{exit, report};
use sipform::diagnostic::Messages;

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
        let written = if args.output.is_some() { say("; nothing written", "; inget skrevs") } else { "" };
        match messages() {
            Messages::English => eprintln!("{name} is already format {FORMAT}: nothing to upgrade{written}"),
            Messages::Swedish => eprintln!("{name} är redan format {FORMAT}: inget att uppgradera{written}"),
        }
        return Ok(exit::OK);
    }
    if args.check {
        let from = loaded.case.format;
        match messages() {
            Messages::English => {
                eprintln!("{name} is format {from}: `sipform upgrade {name}` rewrites it as format {FORMAT}")
            }
            Messages::Swedish => {
                eprintln!("{name} är format {from}: `sipform upgrade {name}` skriver om den i format {FORMAT}")
            }
        }
        return Ok(NEEDS_UPGRADE);
    }
    let text = match upgrade_text(&loaded.source.text, loaded.source.syntax) {
        Ok(text) => text,
        Err(UpgradeError::Current) => {
            match messages() {
                Messages::English => eprintln!("{name} is already format {FORMAT}: nothing to upgrade"),
                Messages::Swedish => eprintln!("{name} är redan format {FORMAT}: inget att uppgradera"),
            }
            return Ok(exit::OK);
        }
        Err(UpgradeError::Invalid(e)) => return Err(e),
        Err(e @ UpgradeError::Mismatch(_)) => {
            let left = say("the file is left as it was", "filen är lämnad som den var");
            eprintln!("{} {name}: {e}; {left}", say("error:", "fel:"));
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
    let shown = shown.display();
    match (messages(), args.output.is_some()) {
        (Messages::English, true) => eprintln!("wrote {shown}: {name} as format {FORMAT}"),
        (Messages::English, false) => eprintln!("upgraded {name} to format {FORMAT}"),
        (Messages::Swedish, true) => eprintln!("skrev {shown}: {name} i format {FORMAT}"),
        (Messages::Swedish, false) => eprintln!("{name} är uppgraderad till format {FORMAT}"),
    }
    match messages() {
        Messages::English => eprintln!("run `sipform check {shown}` to see what the forms still need"),
        Messages::Swedish => eprintln!("kör `sipform check {shown}` för att se vad blanketterna fortfarande behöver"),
    }
    Ok(exit::OK)
}
