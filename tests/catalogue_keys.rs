//! Every text of a catalogue is printed somewhere: a key that nothing names
//! is a sentence no one proofreads against a form, and drifts. (That every
//! catalogue has Swedish's keys and placeholders is `catalog.rs`'s test.)

mod common;

use std::fs;
use std::path::Path;

use common::root;

/// Every file under `dir` whose name ends in one of `ends`, read.
fn texts(dir: &Path, ends: &[&str], out: &mut String) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            texts(&path, ends, out);
        } else if ends.iter().any(|e| path.to_string_lossy().ends_with(e)) {
            out.push_str(&fs::read_to_string(&path).unwrap());
            out.push('\n');
        }
    }
}

/// The catalogue's keys, flattened ("plan.goals.title").
fn keys(table: &toml::Table, prefix: &str, out: &mut Vec<String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            toml::Value::Table(t) => keys(t, &key, out),
            _ => out.push(key),
        }
    }
}

/// What names a key: a form definition, the code, the template or another
/// sentence, with the key as a whole word ("plan.goals.title", not a part
/// of "plan.goals.title_n"); or the code, building it from a prefix
/// (`format!("words.done.{done}")`).
fn unused(catalogue: &str, users: &str) -> Vec<String> {
    let table: toml::Table = toml::from_str(catalogue).unwrap();
    let mut all = Vec::new();
    keys(&table, "", &mut all);
    let prefixes: Vec<&str> = users
        .match_indices(".{")
        .filter_map(|(i, _)| users[..i].rsplit('"').next())
        .filter(|p| !p.is_empty())
        .collect();
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    all.into_iter()
        .filter(|key| {
            let named = users.match_indices(key.as_str()).any(|(i, _)| {
                let before = users[..i].chars().next_back().is_none_or(|c| !is_key_char(c));
                let after = users[i + key.len()..].chars().next().is_none_or(|c| !is_key_char(c));
                before && after
            });
            let built = prefixes.iter().any(|p| key.rsplit_once('.').is_some_and(|(parent, _)| parent == *p));
            !named && !built
        })
        .collect()
}

#[test]
fn every_key_of_every_catalogue_is_used() {
    let mut users = String::new();
    texts(&root().join("forms"), &[".toml"], &mut users);
    texts(&root().join("src"), &[".rs"], &mut users);
    texts(&root().join("templates"), &[".typ"], &mut users);
    for entry in fs::read_dir(root().join("lang")).unwrap().flatten() {
        let catalogue = fs::read_to_string(entry.path().join("text.toml")).unwrap();
        // A sentence may name another ({{ words.yes }}): the catalogue's own
        // text counts as a user, but a key does not use itself.
        let without_keys: String = catalogue.lines().map(|l| l.split_once('=').map_or(l, |(_, v)| v)).collect();
        let left = unused(&catalogue, &format!("{users}\n{without_keys}"));
        assert!(
            left.is_empty(),
            "lang/{}/text.toml: no form or code uses {left:?}",
            entry.file_name().to_string_lossy()
        );
    }
}

/// The test can fail: a key nothing names is found, one named is not, and
/// one the code builds from a prefix is not.
#[test]
fn an_unused_key_is_found() {
    let catalogue = "[plan]\ntitle = \"Plan\"\nforgotten = \"x\"\n[words.done]\nyes = \"Ja\"\n";
    let users = "title = \"plan.title\"\nself.words.get(&format!(\"words.done.{done}\"))";
    assert_eq!(unused(catalogue, users), vec!["plan.forgotten".to_owned()]);
    // A key that is only part of a longer one is not used.
    assert_eq!(unused("[plan]\ntitle = \"x\"\n", "\"plan.title_n\""), vec!["plan.title".to_owned()]);
}
