//! `sipform new`: a commented starter case to fill in.

use sipform::Error;

use super::args::{NewArgs, OutputFormat};
use super::{exit, report};

pub fn run(args: NewArgs) -> u8 {
    let Some(path) = args.file else {
        print!("{}", sipform::STARTER);
        return exit::OK;
    };
    // Never write over a case someone has started filling in.
    let result = if path.exists() {
        Err(Error::usage(
            format!("`{}` already exists; choose another name", path.display()),
            format!("`{}` finns redan; välj ett annat namn", path.display()),
        ))
    } else {
        sipform::pdf::write_atomically(&path, sipform::STARTER.as_bytes())
    };
    match result {
        Ok(()) => {
            eprintln!(
                "wrote {}: fill in every \"FYLL I\" and \"ÅÅÅÅ-MM-DD\", then run `sipform check {}`",
                path.display(),
                path.display()
            );
            exit::OK
        }
        Err(e) => {
            report::error(&e, OutputFormat::Human);
            report::code(&e)
        }
    }
}
