//! The Typst world sipform compiles in: the templates, one virtual data file
//! and the embedded fonts, and nothing else. No file system, no packages, no
//! clock: `datetime.today()` fails, so output cannot depend on when it ran.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;

/// Where the template reads the form's data: `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";

/// The entry template.
pub const MAIN_PATH: &str = "/templates/form.typ";

pub struct SipWorld<'a> {
    library: &'a LazyHash<Library>,
    fonts: &'a Fonts,
    /// Template sources, by virtual path.
    sources: &'a HashMap<FileId, Source>,
    main: FileId,
    data: Bytes,
    /// Other files it may read (the organisation's logos).
    files: &'a HashMap<FileId, Bytes>,
}

impl<'a> SipWorld<'a> {
    pub fn new(
        library: &'a LazyHash<Library>,
        fonts: &'a Fonts,
        sources: &'a HashMap<FileId, Source>,
        data: Vec<u8>,
        files: &'a HashMap<FileId, Bytes>,
    ) -> Self {
        Self { library, fonts, sources, main: file_id(MAIN_PATH), data: Bytes::new(data), files }
    }
}

/// The id of a file at a virtual path in the project root.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("our own paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The standard library, built once.
pub fn library() -> LazyHash<Library> {
    LazyHash::new(Library::builder().build())
}

impl World for SipWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id(DATA_PATH) {
            return Ok(self.data.clone());
        }
        if let Some(file) = self.files.get(&id) {
            return Ok(file.clone());
        }
        self.sources.get(&id).map(|s| Bytes::from_string(s.clone())).ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}
