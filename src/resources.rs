//! The files sipform is made of besides its code: Typst templates, form
//! definitions, text catalogues and fonts. All are embedded in the binary so
//! it runs with nothing beside it; a user folder may override any of them
//! file by file (the same relative path wins), as in Zola and mdBook.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Error;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)) as &[u8])),*]
    };
}

/// Every embedded file, by its path in the repository.
pub const EMBEDDED: &[(&str, &[u8])] = embed![
    "templates/sipform.typ",
    "templates/form.typ",
    "forms/invitation.toml",
    "forms/consent.toml",
    "forms/plan.toml",
    "forms/my-plan.toml",
    "forms/followup.toml",
    "forms/envelope.toml",
    "forms/blank/invitation.toml",
    "forms/blank/consent.toml",
    "forms/blank/plan.toml",
    "forms/blank/followup.toml",
    "forms/blank/envelope.toml",
    "lang/sv.toml",
    "fonts/NotoSans-Regular.ttf",
    "fonts/NotoSans-Bold.ttf",
    "fonts/NotoSans-Italic.ttf",
    "fonts/NotoSans-BoldItalic.ttf",
];

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
    /// paths: `templates/form.typ`, `lang/sv.toml`, ...) taking their place.
    /// Only files sipform knows are read, so the folder may hold anything else.
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
        Ok(Self { overrides, origin: Some(dir.into()) })
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

    /// Names of the files under a folder, e.g. every `templates/` file.
    pub fn names_under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        EMBEDDED.iter().map(|(n, _)| *n).filter(move |n| n.starts_with(folder))
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
        std::fs::create_dir_all(dir.path().join("lang")).unwrap();
        std::fs::write(dir.path().join("lang/sv.toml"), "x = 1").unwrap();
        std::fs::write(dir.path().join("unrelated.txt"), "ignored").unwrap();
        let r = Resources::with_overrides(dir.path()).unwrap();
        assert_eq!(r.text("lang/sv.toml").unwrap(), "x = 1");
        assert!(r.text("templates/form.typ").unwrap().len() > 10);
        assert!(r.describe("lang/sv.toml").ends_with("lang/sv.toml"));
        assert!(r.get("unrelated.txt").is_none());
    }
}
