//! The files sipform is made of besides its code: Typst templates, form
//! definitions, text catalogues and fonts. All are embedded in the binary so
//! it runs with nothing beside it; a user folder may override any of them
//! file by file (the same relative path wins), as in Zola and mdBook.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The files of a language, under `lang/<code>/`.
pub const LANGUAGE_FILES: [&str; 2] = ["text.toml", "language.toml"];

/// Every embedded file, by its path in the repository: all of `templates/`,
/// `forms/`, `lang/` and `fonts/`, listed by `build.rs`.
pub const EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The embedded files, optionally overridden by a user's folder.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    overrides: BTreeMap<String, Vec<u8>>,
    origin: Option<PathBuf>,
}

impl Resources {
    /// Only the embedded files.
    pub fn embedded() -> Self {
        Self::default()
    }

    /// The embedded files, with those found under `dir` (at the same relative
    /// paths: `templates/form.typ`, `lang/sv/text.toml`, ...) taking their
    /// place. Only files sipform knows are read, so the folder may hold
    /// anything else; and a language's two files and fonts (`fonts/*.ttf`,
    /// `*.otf`), so a folder may add a language and the fonts it needs.
    pub fn with_overrides(dir: &Path) -> Result<Self, Error> {
        if !dir.is_dir() {
            return Err(Error::Read {
                path: dir.into(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder"),
            });
        }
        let mut overrides = BTreeMap::new();
        for (name, _) in EMBEDDED {
            let path = dir.join(name);
            if path.is_file() {
                let bytes = std::fs::read(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
                overrides.insert((*name).to_owned(), bytes);
            }
        }
        // A language the user adds: lang/<code>/text.toml and language.toml.
        let lang = dir.join("lang");
        for entry in std::fs::read_dir(&lang).into_iter().flatten().flatten() {
            let Some(code) = entry.file_name().to_str().map(str::to_owned) else { continue };
            for file in LANGUAGE_FILES {
                let name = format!("lang/{code}/{file}");
                let path = dir.join(&name);
                if path.is_file() && !overrides.contains_key(&name) {
                    let bytes = std::fs::read(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
                    overrides.insert(name, bytes);
                }
            }
        }
        // Fonts the user adds, for a script the embedded fonts lack (Ethiopic
        // for Tigrinya, say): Typst falls back to every font it has, and
        // `check` asks the same fonts what they can print.
        let fonts = dir.join("fonts");
        for entry in std::fs::read_dir(&fonts).into_iter().flatten().flatten() {
            let Some(file) = entry.file_name().to_str().map(str::to_owned) else { continue };
            let name = format!("fonts/{file}");
            let font = [".ttf", ".otf"].iter().any(|e| file.to_ascii_lowercase().ends_with(e));
            if font && !overrides.contains_key(&name) && entry.path().is_file() {
                let bytes = std::fs::read(entry.path()).map_err(|source| Error::Read { path: entry.path(), source })?;
                overrides.insert(name, bytes);
            }
        }
        Ok(Self { overrides, origin: Some(dir.into()) })
    }

    /// The languages there is a catalogue for: every `lang/<code>/` with both
    /// its files, built in or added, sorted.
    pub fn languages(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .names_under("lang/")
            .filter_map(|n| n.strip_prefix("lang/")?.strip_suffix("/text.toml").map(str::to_owned))
            .filter(|code| !code.contains('/') && self.get(&format!("lang/{code}/language.toml")).is_some())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// The bytes of a file, by its repository path.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.overrides
            .get(name)
            .map(Vec::as_slice)
            .or_else(|| EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, b)| *b))
    }

    /// A text file, by its repository path.
    pub fn text(&self, name: &str) -> Result<Cow<'_, str>, Error> {
        let bytes = self.get(name).ok_or_else(|| Error::Template(format!("`{name}` is missing")))?;
        std::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|_| Error::Template(format!("`{}` is not UTF-8", self.describe(name))))
    }

    /// Where a file comes from, for messages.
    pub fn describe(&self, name: &str) -> String {
        match (&self.origin, self.overrides.contains_key(name)) {
            (Some(dir), true) => dir.join(name).display().to_string(),
            _ => format!("{name} (built in)"),
        }
    }

    /// Names of the files under a folder, e.g. every `templates/` file,
    /// built in or added.
    pub fn names_under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let added = self.overrides.keys().map(String::as_str).filter(|n| !EMBEDDED.iter().any(|(e, _)| e == n));
        EMBEDDED.iter().map(|(n, _)| *n).chain(added).filter(move |n| n.starts_with(folder))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_is_there() {
        for (name, bytes) in EMBEDDED {
            assert!(!bytes.is_empty(), "{name} is empty");
        }
    }

    #[test]
    fn a_folder_overrides_by_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("lang/sv")).unwrap();
        std::fs::write(dir.path().join("lang/sv/text.toml"), "x = 1").unwrap();
        std::fs::write(dir.path().join("unrelated.txt"), "ignored").unwrap();
        let r = Resources::with_overrides(dir.path()).unwrap();
        assert_eq!(r.text("lang/sv/text.toml").unwrap(), "x = 1");
        assert!(r.text("templates/form.typ").unwrap().len() > 10);
        assert!(r.describe("lang/sv/text.toml").ends_with("lang/sv/text.toml"));
        assert!(r.get("unrelated.txt").is_none());
    }
}
