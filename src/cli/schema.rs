//! `sipform schema`: the JSON Schema of a case file, generated from the types.

use super::exit;

pub fn run() -> u8 {
    println!("{}", serde_json::to_string_pretty(&sipform::case::schema()).expect("a schema always serialises"));
    exit::OK
}
