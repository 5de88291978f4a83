//! `sipform example`: the Anna case, to copy from.

use super::exit;

pub fn run() -> u8 {
    print!("{}", sipform::EXAMPLE);
    exit::OK
}
