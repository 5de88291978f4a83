//! `sipform schema`: the JSON Schema of a case file, generated from the types.

use super::exit;

pub fn run() -> u8 {
    let mut schema = schemars::schema_for!(sipform::Case);
    schema.insert("$id".into(), "https://sipform.se/schema/case-1.json".into());
    println!("{}", serde_json::to_string_pretty(&schema).expect("a schema always serialises"));
    exit::OK
}
