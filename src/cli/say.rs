//! The language of the command line's own words, chosen once a run
//! (`--messages`, else the locale).

use std::sync::atomic::{AtomicBool, Ordering};

use sipform::diagnostic::Messages;

use super::args::MessagesArg;

static SWEDISH: AtomicBool = AtomicBool::new(false);

/// Chooses the messages of this run: `--messages`, else Swedish for a
/// Swedish locale (POSIX: LC_ALL, then LC_MESSAGES, then LANG, the first
/// that is set), else `fallback`'s.
pub fn choose(flag: Option<MessagesArg>, swedish_by_default: bool) {
    let messages = match flag {
        Some(MessagesArg::Sv) => Messages::Swedish,
        Some(MessagesArg::En) => Messages::English,
        None if swedish_by_default => Messages::Swedish,
        None => locale().map_or(Messages::English, |l| Messages::from_locale(&l)),
    };
    SWEDISH.store(messages == Messages::Swedish, Ordering::Relaxed);
}

fn locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
}

/// The messages of this run.
pub fn messages() -> Messages {
    if SWEDISH.load(Ordering::Relaxed) {
        Messages::Swedish
    } else {
        Messages::English
    }
}

/// One of two wordings, in this run's language.
pub fn say<'a>(english: &'a str, swedish: &'a str) -> &'a str {
    messages().pick(english, swedish)
}
