//! `sipform new`: a commented starter case to fill in.

use sipform::Error;

use super::args::{NewArgs, OutputFormat};
use super::say::messages;
use super::{exit, report};
use sipform::diagnostic::Messages;

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
            let shown = path.display();
            match messages() {
                Messages::English => eprintln!(
                    "wrote {shown}: fill in every \"FYLL I\" and \"ÅÅÅÅ-MM-DD\", then run `sipform check {shown}`"
                ),
                Messages::Swedish => eprintln!(
                    "skrev {shown}: fyll i varje \"FYLL I\" och \"ÅÅÅÅ-MM-DD\", och kör sedan `sipform check {shown}`"
                ),
            }
            exit::OK
        }
        Err(e) => {
            report::error(&e, OutputFormat::Human);
            report::code(&e)
        }
    }
}
