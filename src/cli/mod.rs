//! The subcommands, one file each, and how their outcomes become exit codes.

pub mod args;
mod batch;
mod blank;
mod check;
mod example;
mod lix;
mod new;
mod render;
mod report;
mod say;
mod schema;
mod serve;
mod upgrade;

use std::process::ExitCode;

use args::{Cli, Command};

/// Exit codes, documented in README.md.
pub mod exit {
    pub const OK: u8 = 0;
    /// Only warnings, and `--strict` was given.
    pub const WARNINGS: u8 = 1;
    /// The input is wrong: the user can fix it.
    pub const INVALID: u8 = 2;
    /// sipform or the system failed.
    pub const INTERNAL: u8 = 3;
}

pub fn run(cli: Cli) -> ExitCode {
    // `new` writes a Swedish starter: its words are Swedish unless asked otherwise.
    say::choose(cli.messages, matches!(cli.command, Command::New(_)));
    let code = match cli.command {
        Command::Render(a) => render::run(a),
        Command::Check(a) => check::run(a),
        Command::Blank(a) => blank::run(a),
        Command::New(a) => new::run(a),
        Command::Example => example::run(),
        Command::Schema => schema::run(),
        Command::Upgrade(a) => upgrade::run(a),
        Command::Lix(a) => lix::run(a),
        Command::Serve(a) => serve::run(a),
    };
    ExitCode::from(code)
}
