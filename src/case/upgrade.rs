//! `sipform upgrade`: the text of a format-1 case file rewritten as format 2.
//!
//! The values move as [`CaseV1::upgrade`](super::v1::CaseV1::upgrade) moves
//! them in memory, and the rewritten text must read as the very case the old
//! one did; [`upgrade_text`] checks that before it hands the text back.
//!
//! - `[consent]` becomes the one entry of `[[consents]]`, with
//!   `information_exchange = true` (a format-1 consent was one given);
//! - `[plan]` becomes the one entry of `[[plans]]`;
//! - each `[[evaluations]]` becomes a `[[followups]]` entry held, with the
//!   `convener` and `place` the upgrade gives it, and without its `next`;
//! - the follow-up planned (`[followup]`, or the last evaluation's `next`)
//!   becomes the last `[[followups]]` entry, when the upgrade keeps it;
//! - `format = 1` becomes `format = 2`.
//!
//! A TOML file keeps its comments and layout: the tables move whole, with
//! the comments above them (toml_edit). A JSON file is written anew, pretty
//! with two spaces, its keys in the order they had.

use super::locate::Step;
use super::v1::Moved;
use super::{parse, Case, SourceFile, Syntax, FORMAT};
use crate::error::{Error, InvalidCase};

/// Why a text was not upgraded.
#[derive(Debug, thiserror::Error)]
pub enum UpgradeError {
    /// The text is in the current format already: there is nothing to do.
    #[error("the case file is already format {FORMAT}")]
    Current,
    /// The text does not read as a case: [`Error::Invalid`], with the
    /// diagnostics that say where and why.
    #[error(transparent)]
    Invalid(Error),
    /// sipform's own fault: the rewritten text would not read as the same
    /// case. The caller must write nothing.
    #[error("the upgraded case file would not read as the same case ({0}); this is a fault in sipform")]
    Mismatch(String),
}

/// The text of a format-1 case file as format 2, in the same syntax.
pub fn upgrade_text(text: &str, syntax: Syntax) -> Result<String, UpgradeError> {
    let source = SourceFile::new("case file", text.to_owned(), syntax);
    let (case, moved) = match parse(&source) {
        Ok(parsed) => parsed,
        Err(diagnostic) => {
            let diagnostics = vec![diagnostic];
            return Err(UpgradeError::Invalid(Error::Invalid(Box::new(InvalidCase { source, diagnostics }))));
        }
    };
    if case.format == FORMAT {
        return Err(UpgradeError::Current);
    }
    let shape = Shape::of(&case, &moved);
    let upgraded = match syntax {
        Syntax::Toml => toml_text::upgrade(text, &shape),
        Syntax::Json => json_text::upgrade(text, &shape),
    }
    .map_err(UpgradeError::Mismatch)?;
    verify(&case, &upgraded, syntax)?;
    Ok(upgraded)
}

/// What the in-memory upgrade made of the follow-ups, which the text follows.
struct Shape {
    /// For each evaluation, in order: the place and convener (a unit id) the
    /// follow-up held was given.
    held: Vec<(Option<String>, String)>,
    /// Where the follow-up planned came from, if it was kept.
    planned: Option<Planned>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Planned {
    /// The case's `[followup]`.
    Followup,
    /// The `next` of the evaluation at this index.
    Next(usize),
}

impl Shape {
    fn of(case: &Case, moved: &Moved) -> Self {
        // The upgrade records a decision for every evaluation and for nothing else.
        let held: Vec<_> = case
            .followups
            .iter()
            .take_while(|f| f.held())
            .map(|f| (f.place.clone(), f.convener_unit().to_owned()))
            .collect();
        let planned_at = [Step::Key("followups"), Step::Index(held.len())];
        let planned =
            moved.iter().find(|(now, _)| now.as_slice() == planned_at).and_then(|(_, then)| match then.as_slice() {
                [Step::Key("followup")] => Some(Planned::Followup),
                [Step::Key("evaluations"), Step::Index(i), Step::Key("next")] => Some(Planned::Next(*i)),
                _ => None,
            });
        Shape { held, planned }
    }
}

/// The keys of a format-2 consent that come after `information_exchange`:
/// it is written before the first of them, or last.
const AFTER_INFORMATION_EXCHANGE: &[&str] = &["meeting_and_plan", "recorded", "child_view", "withdrawn"];

/// Checks that the upgraded text reads, as format 2, as the case the old text did.
fn verify(before: &Case, upgraded: &str, syntax: Syntax) -> Result<(), UpgradeError> {
    let source = SourceFile::new("upgraded case file", upgraded.to_owned(), syntax);
    let (after, moved) =
        parse(&source).map_err(|d| UpgradeError::Mismatch(format!("it does not read: {}", d.message)))?;
    if after.format != FORMAT || !moved.is_empty() {
        return Err(UpgradeError::Mismatch(format!("it is not format {FORMAT}")));
    }
    if comparable(before) != comparable(&after) {
        return Err(UpgradeError::Mismatch("it holds other values".into()));
    }
    Ok(())
}

/// A case as JSON, without the format number, to compare two readings.
pub(crate) fn comparable(case: &Case) -> serde_json::Value {
    let mut value = serde_json::to_value(case).expect("a case serialises");
    if let Some(object) = value.as_object_mut() {
        object.remove("format");
    }
    value
}

mod toml_text {
    //! TOML through toml_edit, so that comments and layout stay.

    use toml_edit::{Array, ArrayOfTables, Decor, DocumentMut, InlineTable, Item, Key, Table, Value};

    use super::{Planned, Shape, AFTER_INFORMATION_EXCHANGE, FORMAT};

    pub(super) fn upgrade(text: &str, shape: &Shape) -> Result<String, String> {
        let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
        let root = doc.as_table_mut();
        if let Some(Item::Value(format)) = root.get_mut("format") {
            let decor = format.decor().clone();
            *format = Value::from(i64::from(FORMAT));
            *format.decor_mut() = decor;
        }
        let mut entries = take(root);
        rename(&mut entries, "consent", "consents", |item| listed(item, true));
        rename(&mut entries, "plan", "plans", |item| listed(item, false));
        followups(&mut entries, shape)?;
        put(root, entries);
        let out = doc.to_string();
        Ok(if text.contains("\r\n") && !text.replace("\r\n", "").contains('\n') { crlf(&out) } else { out })
    }

    /// A table as the one entry of a list of them: `[consent]` as
    /// `[[consents]]`, `consent = { ... }` as `consents = [{ ... }]`.
    fn listed(item: Item, consent: bool) -> Item {
        match item {
            Item::Table(mut table) => {
                if consent {
                    let mut entries = take(&mut table);
                    add_information_exchange(&mut entries);
                    put(&mut table, entries);
                }
                table.set_dotted(false);
                table.set_implicit(false);
                let mut tables = ArrayOfTables::new();
                tables.push(table);
                Item::ArrayOfTables(tables)
            }
            Item::Value(Value::InlineTable(mut table)) => {
                if consent {
                    let mut entries = take_inline(&mut table);
                    add_information_exchange(&mut entries);
                    put_inline(&mut table, entries);
                }
                let decor = std::mem::take(table.decor_mut());
                let mut array = Array::new();
                array.push_formatted(Value::InlineTable(table));
                let mut value = Value::Array(array);
                *value.decor_mut() = decor;
                Item::Value(value)
            }
            other => other,
        }
    }

    fn add_information_exchange(entries: &mut Vec<(Key, Item)>) {
        let at =
            entries.iter().position(|(k, _)| AFTER_INFORMATION_EXCHANGE.contains(&k.get())).unwrap_or(entries.len());
        insert(entries, at, "information_exchange", Value::from(true));
    }

    /// `[followup]` and `[[evaluations]]` as `[[followups]]`, where the
    /// first of them stood.
    fn followups(entries: &mut Vec<(Key, Item)>, shape: &Shape) -> Result<(), String> {
        let at = entries.iter().position(|(k, _)| matches!(k.get(), "followup" | "evaluations"));
        let Some(at) = at else { return Ok(()) };
        let followup = remove(entries, "followup");
        let evaluations = remove(entries, "evaluations");
        let decor = followup.as_ref().or(evaluations.as_ref()).map(|(k, _)| k.leaf_decor().clone());
        let key = Key::new("followups").with_leaf_decor(decor.unwrap_or_default());
        let mut next = None;
        let held = match evaluations.map(|(_, item)| item) {
            Some(Item::ArrayOfTables(mut tables)) => {
                for (i, table) in tables.iter_mut().enumerate() {
                    let mut items = take(table);
                    next = held_entry(&mut items, shape, i, next)?;
                    put(table, items);
                }
                Some(Item::ArrayOfTables(tables))
            }
            Some(Item::Value(Value::Array(mut array))) => {
                for (i, value) in array.iter_mut().enumerate() {
                    let Value::InlineTable(table) = value else { return Err("an evaluation is not a table".into()) };
                    let mut items = take_inline(table);
                    next = held_entry(&mut items, shape, i, next)?;
                    put_inline(table, items);
                }
                Some(Item::Value(Value::Array(array)))
            }
            Some(_) => return Err("`evaluations` is not a list of tables".into()),
            None => None,
        };
        let planned = match shape.planned {
            Some(Planned::Followup) => followup.map(|(_, item)| item),
            Some(Planned::Next(_)) => next,
            None => None,
        };
        if shape.planned.is_some() && planned.is_none() {
            return Err("the follow-up planned is not in the file".into());
        }
        let item = match (held, planned) {
            (None, None) => return Ok(()),
            (Some(held), None) => held,
            (None, Some(Item::Table(mut table))) => {
                table.set_dotted(false);
                table.set_implicit(false);
                let mut tables = ArrayOfTables::new();
                tables.push(table);
                Item::ArrayOfTables(tables)
            }
            (None, Some(planned)) => listed(planned, false),
            (Some(Item::ArrayOfTables(mut tables)), Some(planned)) => {
                let mut table = match planned {
                    Item::Table(table) => table,
                    Item::Value(Value::InlineTable(table)) => table.into_table(),
                    _ => return Err("the follow-up planned is not a table".into()),
                };
                table.set_dotted(false);
                table.set_implicit(false);
                // After the last follow-up held and the tables under it: a
                // header before them would take them over.
                let end = tables.iter().filter_map(last_position).max();
                if let Some(end) = end.filter(|end| table.position().is_none_or(|p| p <= *end)) {
                    for (_, item) in entries.iter_mut() {
                        shift_positions(item, end);
                    }
                    for t in tables.iter_mut() {
                        shift_table(t, end);
                    }
                    table.set_position(Some(end + 1));
                }
                tables.push(table);
                Item::ArrayOfTables(tables)
            }
            (Some(Item::Value(Value::Array(mut array))), Some(planned)) => {
                let mut table = match planned {
                    Item::Table(table) => table.into_inline_table(),
                    Item::Value(Value::InlineTable(table)) => table,
                    _ => return Err("the follow-up planned is not a table".into()),
                };
                // Laid out as the entry before it.
                let decor = array.iter().last().map(|v| v.decor().clone()).unwrap_or_default();
                *table.decor_mut() = decor;
                array.push_formatted(Value::InlineTable(table));
                Item::Value(Value::Array(array))
            }
            _ => return Err("the follow-ups are neither tables nor a list".into()),
        };
        entries.insert(at, (key, item));
        Ok(())
    }

    /// An evaluation as the follow-up held: its `next` taken out (and
    /// returned when it is the follow-up planned), `place` and `convener`
    /// written after its date.
    fn held_entry(
        items: &mut Vec<(Key, Item)>,
        shape: &Shape,
        i: usize,
        kept: Option<Item>,
    ) -> Result<Option<Item>, String> {
        let next = remove(items, "next").map(|(_, item)| item);
        let (place, convener) = shape.held.get(i).ok_or("more evaluations than follow-ups held")?;
        let mut at = items.iter().position(|(k, _)| k.get() == "date").map_or(items.len(), |d| d + 1);
        if let Some(place) = place {
            insert(items, at, "place", Value::from(place.as_str()));
            at += 1;
        }
        insert(items, at, "convener", Value::from(convener.as_str()));
        Ok(if shape.planned == Some(Planned::Next(i)) { next } else { kept })
    }

    /// Inserts a key and value among a table's entries, indented as its neighbours.
    fn insert(entries: &mut Vec<(Key, Item)>, at: usize, key: &str, value: Value) {
        let neighbour = entries.get(at).or_else(|| at.checked_sub(1).and_then(|i| entries.get(i)));
        let indent = neighbour.and_then(|(k, _)| k.leaf_decor().prefix()).and_then(|p| p.as_str()).map(|prefix| {
            let line = prefix.rsplit('\n').next().unwrap_or(prefix);
            line.chars().take_while(|c| *c == ' ' || *c == '\t').collect::<String>()
        });
        let mut key = Key::new(key);
        if let Some(indent) = indent {
            key.leaf_decor_mut().set_prefix(indent);
        }
        entries.insert(at, (key, Item::Value(value)));
    }

    fn remove(entries: &mut Vec<(Key, Item)>, key: &str) -> Option<(Key, Item)> {
        let at = entries.iter().position(|(k, _)| k.get() == key)?;
        Some(entries.remove(at))
    }

    /// Puts a new key, and the item made of the old one's, where the old key stood.
    fn rename(entries: &mut [(Key, Item)], old: &str, new: &str, make: impl FnOnce(Item) -> Item) {
        if let Some(entry) = entries.iter_mut().find(|(k, _)| k.get() == old) {
            let (key, item) = std::mem::replace(entry, (Key::new(new), Item::None));
            let key =
                Key::new(new).with_leaf_decor(key.leaf_decor().clone()).with_dotted_decor(key.dotted_decor().clone());
            *entry = (key, make(item));
        }
    }

    /// A table's entries, in order, with their formatting; the table is left empty.
    fn take(table: &mut Table) -> Vec<(Key, Item)> {
        let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
        keys.iter().filter_map(|k| table.remove_entry(k)).collect()
    }

    fn put(table: &mut Table, entries: Vec<(Key, Item)>) {
        for (key, item) in entries {
            table.insert_formatted(&key, item);
        }
    }

    fn take_inline(table: &mut InlineTable) -> Vec<(Key, Item)> {
        let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
        keys.iter().filter_map(|k| table.remove_entry(k)).map(|(k, v)| (k, Item::Value(v))).collect()
    }

    fn put_inline(table: &mut InlineTable, entries: Vec<(Key, Item)>) {
        let mut entries: Vec<(Key, Value)> =
            entries.into_iter().filter_map(|(key, item)| item.into_value().ok().map(|value| (key, value))).collect();
        // The space before `}` belongs to the value that was last (the last
        // one read, which has its decor): give it to the one that is last now.
        let was_last = entries.iter().rposition(|(_, v)| v.decor().suffix().is_some());
        if let Some(was_last) = was_last.filter(|i| *i + 1 < entries.len()) {
            let closing = entries[was_last].1.decor().suffix().cloned().unwrap_or_default();
            entries[was_last].1.decor_mut().set_suffix("");
            if let Some((_, value)) = entries.last_mut() {
                value.decor_mut().set_suffix(closing);
            }
        }
        for (mut key, mut value) in entries {
            if value.decor().prefix().is_none() {
                // A new key: spaced as toml_edit spaces an inline table's keys.
                key = key.with_leaf_decor(Decor::new(" ", " "));
                value.decor_mut().set_prefix(" ");
            }
            table.insert_formatted(&key, value);
        }
    }

    /// The position of a table's header or of the last header under it.
    fn last_position(table: &Table) -> Option<isize> {
        let mut last = table.position();
        for (_, item) in table.iter() {
            let under = match item {
                Item::Table(t) => last_position(t),
                Item::ArrayOfTables(ts) => ts.iter().filter_map(last_position).max(),
                _ => None,
            };
            last = last.max(under);
        }
        last
    }

    /// Moves every header after `end` one place on.
    fn shift_positions(item: &mut Item, end: isize) {
        match item {
            Item::Table(t) => shift_table(t, end),
            Item::ArrayOfTables(ts) => ts.iter_mut().for_each(|t| shift_table(t, end)),
            _ => {}
        }
    }

    fn shift_table(table: &mut Table, end: isize) {
        if let Some(p) = table.position().filter(|p| *p > end) {
            table.set_position(Some(p + 1));
        }
        for (_, item) in table.iter_mut() {
            shift_positions(item, end);
        }
    }

    /// Line ends as the file had them: toml_edit writes `\n` where it lays out.
    fn crlf(text: &str) -> String {
        text.replace("\r\n", "\n").replace('\n', "\r\n")
    }
}

mod json_text {
    //! JSON read into a tree that keeps the order of keys (serde_json's own
    //! `Value` sorts them, as its `preserve_order` feature is not enabled),
    //! changed, and written pretty with two spaces. Comments JSON has none;
    //! the layout is serde_json's.

    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

    use super::{Planned, Shape, AFTER_INFORMATION_EXCHANGE, FORMAT};

    /// A JSON value whose objects keep their keys in order.
    #[derive(Debug, Clone, PartialEq)]
    pub(super) enum Json {
        Null,
        Bool(bool),
        Number(serde_json::Number),
        String(String),
        Array(Vec<Json>),
        Object(Vec<(String, Json)>),
    }

    type Object = Vec<(String, Json)>;

    pub(super) fn upgrade(text: &str, shape: &Shape) -> Result<String, String> {
        let mut doc: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let Json::Object(root) = &mut doc else { return Err("the case is not a JSON object".into()) };
        if let Some(format) = get_mut(root, "format") {
            *format = Json::Number(FORMAT.into());
        }
        rename(root, "consent", "consents", |value| match value {
            Json::Object(mut consent) => {
                let at = consent
                    .iter()
                    .position(|(k, _)| AFTER_INFORMATION_EXCHANGE.contains(&k.as_str()))
                    .unwrap_or(consent.len());
                consent.insert(at, ("information_exchange".into(), Json::Bool(true)));
                Some(Json::Array(vec![Json::Object(consent)]))
            }
            _ => None,
        });
        rename(root, "plan", "plans", |value| match value {
            Json::Object(plan) => Some(Json::Array(vec![Json::Object(plan)])),
            _ => None,
        });
        followups(root, shape)?;
        let mut out = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
        out.push('\n');
        Ok(out)
    }

    /// `followup` and `evaluations` as `followups`, where the first of them stood.
    fn followups(root: &mut Object, shape: &Shape) -> Result<(), String> {
        let Some(at) = root.iter().position(|(k, _)| k == "followup" || k == "evaluations") else { return Ok(()) };
        let followup = remove(root, "followup");
        let evaluations = remove(root, "evaluations");
        let mut list = Vec::new();
        let mut next = None;
        if let Some(Json::Array(evaluations)) = evaluations {
            for (i, evaluation) in evaluations.into_iter().enumerate() {
                let Json::Object(mut entry) = evaluation else { return Err("an evaluation is not an object".into()) };
                let this_next = remove(&mut entry, "next");
                if shape.planned == Some(Planned::Next(i)) {
                    next = this_next;
                }
                let (place, convener) = shape.held.get(i).ok_or("more evaluations than follow-ups held")?;
                let mut after = entry.iter().position(|(k, _)| k == "date").map_or(entry.len(), |d| d + 1);
                if let Some(place) = place {
                    entry.insert(after, ("place".into(), Json::String(place.clone())));
                    after += 1;
                }
                entry.insert(after, ("convener".into(), Json::String(convener.clone())));
                list.push(Json::Object(entry));
            }
        }
        let planned = match shape.planned {
            Some(Planned::Followup) => followup,
            Some(Planned::Next(_)) => next,
            None => None,
        };
        match planned {
            Some(planned @ Json::Object(_)) => list.push(planned),
            Some(_) => return Err("the follow-up planned is not an object".into()),
            None if shape.planned.is_some() => return Err("the follow-up planned is not in the file".into()),
            None => {}
        }
        if !list.is_empty() {
            root.insert(at.min(root.len()), ("followups".into(), Json::Array(list)));
        }
        Ok(())
    }

    /// Puts a new key, with the value made of the old one's, where the old
    /// key stood; `null`, which format 1 read as "none", leaves no key.
    fn rename(object: &mut Object, old: &str, new: &str, make: impl FnOnce(Json) -> Option<Json>) {
        if let Some(at) = object.iter().position(|(k, _)| k == old) {
            let (_, value) = object.remove(at);
            if let Some(value) = make(value) {
                object.insert(at, (new.to_owned(), value));
            }
        }
    }

    /// Takes a key out; `null` counts as absent, as format 1 read it.
    fn remove(object: &mut Object, key: &str) -> Option<Json> {
        let at = object.iter().position(|(k, _)| k == key)?;
        Some(object.remove(at).1).filter(|v| *v != Json::Null)
    }

    fn get_mut<'a>(object: &'a mut Object, key: &str) -> Option<&'a mut Json> {
        object.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    impl Serialize for Json {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                Json::Null => s.serialize_unit(),
                Json::Bool(b) => s.serialize_bool(*b),
                Json::Number(n) => n.serialize(s),
                Json::String(t) => s.serialize_str(t),
                Json::Array(items) => {
                    let mut seq = s.serialize_seq(Some(items.len()))?;
                    for item in items {
                        seq.serialize_element(item)?;
                    }
                    seq.end()
                }
                Json::Object(entries) => {
                    let mut map = s.serialize_map(Some(entries.len()))?;
                    for (k, v) in entries {
                        map.serialize_entry(k, v)?;
                    }
                    map.end()
                }
            }
        }
    }

    impl<'de> Deserialize<'de> for Json {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Json;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("any JSON value")
                }
                fn visit_unit<E>(self) -> Result<Json, E> {
                    Ok(Json::Null)
                }
                fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                    Ok(Json::Bool(v))
                }
                fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                    Ok(Json::Number(v.into()))
                }
                fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                    Ok(Json::Number(v.into()))
                }
                fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
                    Ok(serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number))
                }
                fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                    Ok(Json::String(v.to_owned()))
                }
                fn visit_string<E>(self, v: String) -> Result<Json, E> {
                    Ok(Json::String(v))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                    let mut items = Vec::new();
                    while let Some(item) = seq.next_element()? {
                        items.push(item);
                    }
                    Ok(Json::Array(items))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                    let mut entries = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        entries.push(entry);
                    }
                    Ok(Json::Object(entries))
                }
            }
            d.deserialize_any(V)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::case::from_bytes;

    /// A case file to try: how it is named, its path (which decides TOML or
    /// JSON) and its bytes.
    type Sample = (String, Option<PathBuf>, Vec<u8>);

    /// Every case file of the project: the examples, tests/data (TOML and
    /// JSON, at any depth), and the fuzz corpus, whose first byte names the
    /// file as the fuzz target does (`T` TOML, `J` JSON, else guessed).
    fn samples() -> Vec<Sample> {
        fn files(dir: &Path, recurse: bool, out: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    if recurse {
                        files(&path, recurse, out);
                    }
                } else {
                    out.push(path);
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("examples"), false, &mut paths);
        paths.retain(|p| p.extension() == Some("toml".as_ref()));
        let mut data = Vec::new();
        files(&root.join("tests/data"), true, &mut data);
        paths.extend(
            data.into_iter().filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "json"))),
        );
        paths.sort();
        let mut out: Vec<Sample> = paths
            .into_iter()
            .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?, p)))
            .map(|(name, bytes, path)| (name, Some(path), bytes))
            .collect();
        let mut corpus = Vec::new();
        files(&root.join("fuzz/corpus/parse_check"), false, &mut corpus);
        corpus.sort();
        for file in corpus {
            let Ok(bytes) = std::fs::read(&file) else { continue };
            let Some((first, rest)) = bytes.split_first() else { continue };
            let path = match first {
                b'T' => Some(PathBuf::from("fuzz.toml")),
                b'J' => Some(PathBuf::from("fuzz.json")),
                _ => None,
            };
            out.push((file.display().to_string(), path, rest.to_vec()));
        }
        out
    }

    /// The case a text reads as, through the same door as every case file.
    fn read(name: &str, path: Option<&Path>, text: &str) -> Result<crate::case::Loaded, Error> {
        from_bytes(name, path, text.as_bytes().to_vec())
    }

    /// Comment lines, trimmed, in order.
    fn comments(text: &str) -> Vec<&str> {
        text.lines().map(str::trim).filter(|l| l.starts_with('#')).collect()
    }

    /// The key property: every format-1 file that parses, upgraded, parses
    /// as format 2 and gives the same case (all but the format number).
    #[test]
    fn every_format_1_file_reads_as_the_same_case_upgraded() {
        let mut upgraded = Vec::new();
        for (name, path, bytes) in samples() {
            let Ok(before) = from_bytes(&name, path.as_deref(), bytes) else { continue };
            if before.case.format != 1 {
                continue;
            }
            let syntax = before.source.syntax;
            let text = upgrade_text(&before.source.text, syntax).unwrap_or_else(|e| panic!("{name}: {e}"));
            let after =
                read(&name, path.as_deref(), &text).unwrap_or_else(|e| panic!("{name} upgraded: {e:?}\n{text}"));
            assert_eq!(after.case.format, 2, "{name}");
            assert!(after.source.moved.is_empty(), "{name} upgraded is read as format 2");
            assert_eq!(comparable(&before.case), comparable(&after.case), "{name} upgraded:\n{text}");
            assert!(matches!(upgrade_text(&text, syntax), Err(UpgradeError::Current)), "{name}");
            if syntax == Syntax::Toml {
                assert_eq!(comments(&before.source.text), comments(&text), "{name}: the comments stay");
            }
            upgraded.push((name, syntax));
        }
        // The examples as they were in format 1.
        for example in ["anna", "child", "discharge"] {
            let name = format!("tests/data/format-1/{example}.toml");
            assert!(upgraded.iter().any(|(n, _)| n.ends_with(&name)), "{name} among {upgraded:?}");
        }
        assert!(upgraded.iter().any(|(_, s)| *s == Syntax::Json), "a JSON file too: {upgraded:?}");
    }

    /// A format-1 case with a consent, a plan and what is added.
    fn case_v1(extra: &str) -> String {
        format!(
            r#"# The case.
format = 1

[person]
name = "A B"
personal_number = "19990101-2386"

[[units]]
id = "u"
name = "Enheten"
principal = "region"

# Given on paper.
[consent]
given_by = "individual"
form = "written"
date = 2026-01-01
valid_until = 2026-12-31
parties = ["u"]
information = ["allt"]
recorded = "i journalen"

[plan]
date = 2026-01-10
situation = "S"
long_term_goal = "M"
lead = "u"
coordinator = {{ name = "C D", unit = "u" }}
goals = [{{ id = "g", text = "Mål" }}]
actions = [{{ goal = "g", what = "Något", responsible = "u" }}]
{extra}"#
        )
    }

    fn upgraded(text: &str) -> (String, Case) {
        let before = read("t.toml", None, text).expect("the format-1 case reads");
        let out = upgrade_text(text, Syntax::Toml).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let after = read("t.toml", None, &out).unwrap_or_else(|e| panic!("{e:?}\n{out}"));
        assert_eq!(comparable(&before.case), comparable(&after.case), "{out}");
        (out, after.case)
    }

    #[test]
    fn the_consent_says_information_exchange_where_format_2_has_it() {
        let (out, case) = upgraded(&case_v1(""));
        assert!(out.contains("# Given on paper.\n[[consents]]\n"), "{out}");
        assert!(out.contains("information = [\"allt\"]\ninformation_exchange = true\nrecorded = "), "{out}");
        assert!(out.contains("\n[[plans]]\n") && !out.contains("[plan]"), "{out}");
        assert_eq!(case.consents[0].information_exchange, Some(true));
        assert_eq!(case.consents[0].meeting_and_plan, None, "not recorded stays not recorded");
        let written = case_v1("").replace("recorded = ", "meeting_and_plan = false\nrecorded = ");
        let (out, case) = upgraded(&written);
        assert!(out.contains("information_exchange = true\nmeeting_and_plan = false\n"), "{out}");
        assert_eq!(case.consents[0].meeting_and_plan, Some(false));
    }

    #[test]
    fn a_followup_planned_before_the_evaluations_moves_after_them_with_its_comment() {
        let text = case_v1("").replace(
            "[plan]\n",
            "# The next one.\n[followup]\ndate = 2026-09-01\nplace = \"Rum 2\"\nconvener = \"u\"\n\n[plan]\n",
        ) + "\n# First.\n[[evaluations]]\ndate = 2026-05-01\npresent = [\"A B\"]\nwellbeing = \"Bra\"\ndecision = \"continue\"\n\n[[evaluations.goals]]\ngoal = \"g\"\nstatus = \"met\"\n\n[meeting]\nstart = 2026-01-10T10:00\nminutes = 60\npurpose = \"P\"\nlong_term_goal = \"M\"\nconvener = { unit = \"u\", name = \"C D\" }\nchair = \"C D\"\n";
        let (out, case) = upgraded(&text);
        assert_eq!(case.followups.len(), 2);
        assert!(case.followups[0].held() && !case.followups[1].held());
        // Held on a day no follow-up was planned for: convened by the lead.
        assert_eq!(case.followups[0].convener_unit(), "u");
        assert_eq!(case.followups[0].place, None);
        assert_eq!(case.followups[1].place.as_deref(), Some("Rum 2"));
        let (held, goals, planned, meeting) = (
            out.find("# First.\n[[followups]]\ndate = 2026-05-01\nconvener = \"u\"\n").unwrap(),
            out.find("[[followups.goals]]").unwrap(),
            out.find("# The next one.\n[[followups]]").unwrap(),
            out.find("[meeting]").unwrap(),
        );
        assert!(held < goals && goals < planned && planned < meeting, "{out}");
        assert_eq!(comments(&out), ["# The case.", "# Given on paper.", "# First.", "# The next one."]);
        assert!(!out.contains("[followup]") && !out.contains("evaluations"), "{out}");
    }

    #[test]
    fn the_last_evaluations_next_is_the_followup_planned() {
        let evaluation = |date: &str, next: &str| {
            format!("\n[[evaluations]]\ndate = {date}\npresent = [\"A B\"]\nwellbeing = \"Bra\"\ndecision = \"continue\"\n{next}")
        };
        // Planned for 2026-03-01 in a [followup], held then; the first held
        // decided the next, at its own place, as a table of its own.
        let text = case_v1("")
            + "\n[followup]\ndate = 2026-03-01\nplace = \"Rum 1\"\nconvener = \"u\"\n"
            + &evaluation("2026-03-01", "next = { date = 2026-06-01, place = \"Rum 3\", convener = \"u\" }\n")
            + &evaluation("2026-06-01", "\n[evaluations.next]\ndate = 2026-09-01\nconvener = \"u\"\n\n[[evaluations.goals]]\ngoal = \"g\"\nstatus = \"partly\"\n");
        let (out, case) = upgraded(&text);
        let places: Vec<_> = case.followups.iter().map(|f| f.place.as_deref()).collect();
        assert_eq!(places, [Some("Rum 1"), Some("Rum 3"), None]);
        assert_eq!(case.followups[2].date.to_string(), "2026-09-01");
        assert_eq!(case.followups[1].goals.len(), 1, "the goals stay with the follow-up held: {out}");
        assert!(!out.contains("next"), "{out}");
    }

    #[test]
    fn inline_tables_stay_inline() {
        let consent = "[consent]\ngiven_by = \"individual\"\nform = \"written\"\ndate = 2026-01-01\nvalid_until = 2026-12-31\nparties = [\"u\"]\ninformation = [\"allt\"]\nrecorded = \"i journalen\"\n";
        let inline = "consent = { given_by = \"individual\", form = \"oral\", date = 2026-01-01, valid_until = 2026-12-31, parties = [\"u\"], information = [\"allt\"] }\nfollowup = { date = 2026-09-01, convener = \"u\" }\nevaluations = [\n  { date = 2026-05-01, present = [\"A B\"], wellbeing = \"Bra\", decision = \"continue\" },\n]\n\n[person]";
        let text = case_v1("").replace(consent, "").replace("[person]", inline);
        let (out, case) = upgraded(&text);
        assert!(out.contains("consents = [{ given_by = \"individual\","), "{out}");
        assert!(out.contains("information = [\"allt\"], information_exchange = true }]\n"), "{out}");
        assert!(
            out.contains("followups = [\n  { date = 2026-05-01, convener = \"u\", present = [\"A B\"], wellbeing = \"Bra\", decision = \"continue\" },\n  { date = 2026-09-01, convener = \"u\" },\n]\n"),
            "{out}"
        );
        assert_eq!(case.followups.len(), 2);
    }

    #[test]
    fn crlf_line_ends_stay() {
        let text = case_v1("").replace('\n', "\r\n");
        let (out, _) = upgraded(&text);
        assert!(out.contains("\r\n[[consents]]\r\n") && !out.replace("\r\n", "").contains('\n'), "{out:?}");
    }

    #[test]
    fn json_keeps_its_keys_in_order_and_reads_null_as_none() {
        let text = r#"{"person": {"personal_number": "19990101-2386", "name": "A B"}, "format": 1,
            "units": [{"id": "u", "name": "E", "principal": "region"}], "consent": null,
            "plan": {"date": "2026-01-10", "situation": "S", "long_term_goal": "M", "lead": "u",
                     "coordinator": {"name": "C D", "unit": "u"}, "goals": [], "actions": []},
            "evaluations": [{"date": "2026-05-01", "present": [], "wellbeing": "Bra", "decision": "close", "next": null}],
            "followup": {"date": "2026-05-01", "convener": "u", "place": "Rum"}}"#;
        let before = read("t.json", None, text).unwrap();
        let out = upgrade_text(text, Syntax::Json).unwrap();
        let after = read("t.json", None, &out).unwrap();
        assert_eq!(comparable(&before.case), comparable(&after.case));
        assert!(out.starts_with("{\n  \"person\": {\n    \"personal_number\": \"19990101-2386\",\n    \"name\": \"A B\"\n  },\n  \"format\": 2,\n  \"units\""), "{out}");
        assert!(!out.contains("consent"), "{out}");
        assert!(out.contains("\"followups\": [\n    {\n      \"date\": \"2026-05-01\",\n      \"place\": \"Rum\",\n      \"convener\": \"u\",\n      \"present\": []"), "{out}");
        assert_eq!(after.case.followups.len(), 1, "the follow-up planned was the one held");
    }

    #[test]
    fn a_current_or_broken_file_is_not_upgraded() {
        let (out, _) = upgraded(&case_v1(""));
        assert!(matches!(upgrade_text(&out, Syntax::Toml), Err(UpgradeError::Current)));
        let broken = case_v1("").replace("given_by", "given_bye");
        match upgrade_text(&broken, Syntax::Toml) {
            Err(UpgradeError::Invalid(Error::Invalid(invalid))) => {
                let d = &invalid.diagnostics[0];
                assert_eq!(&broken[d.span.clone().unwrap()], "given_bye");
            }
            other => panic!("{other:?}"),
        }
    }
}
