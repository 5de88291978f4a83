//! The fourth stage: the form model laid out by Typst into pages.

mod fonts;
mod world;

use std::collections::HashMap;

use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::{FileId, Source};
use typst::utils::LazyHash;
use typst::{Library, World, WorldExt};
use typst_layout::PagedDocument;

pub use fonts::{Fonts, FAMILY};

use crate::error::Error;
use crate::resources::Resources;
use world::{file_id, SipWorld};

/// Everything Typst needs that does not change between forms: loaded once,
/// shared by every render (and every thread).
pub struct Layout {
    library: LazyHash<Library>,
    fonts: Fonts,
    sources: HashMap<FileId, Source>,
    resources: Resources,
    /// Files the templates may read besides their own (the logos), by path.
    files: HashMap<FileId, typst::foundations::Bytes>,
}

impl Layout {
    pub fn new(resources: &Resources) -> Result<Self, Error> {
        let mut sources = HashMap::new();
        for name in resources.names_under("templates/") {
            let text = resources.text(name)?.into_owned();
            let id = file_id(&format!("/{name}"));
            sources.insert(id, Source::new(id, text));
        }
        Ok(Self {
            library: world::library(),
            fonts: Fonts::load(resources),
            sources,
            resources: resources.clone(),
            files: HashMap::new(),
        })
    }

    /// Whether Typst can draw a logo: a broken file is the user's to fix, and
    /// must say so before any form is laid out.
    pub fn decode_logo(bytes: &[u8], format: &str) -> Result<(), String> {
        use typst::visualize::{RasterImage, SvgImage};
        let bytes = typst::foundations::Bytes::new(bytes.to_vec());
        match format {
            "svg" => SvgImage::new(bytes).map(|_| ()).map_err(|e| format!("{e:?}")),
            _ => {
                RasterImage::plain(bytes, typst::visualize::ExchangeFormat::Png).map(|_| ()).map_err(|e| e.to_string())
            }
        }
    }

    /// A file the templates may read at this virtual path (a logo).
    pub fn add_file(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.insert(file_id(path), typst::foundations::Bytes::new(bytes));
    }

    /// Lays out the form whose data (the form model as JSON) is given.
    pub fn compile(&self, data: Vec<u8>) -> Result<PagedDocument, Error> {
        let world = SipWorld::new(&self.library, &self.fonts, &self.sources, data, &self.files);
        let warned = typst::compile::<PagedDocument>(&world);
        match warned.output {
            Ok(doc) => Ok(doc),
            Err(errors) => Err(Error::Template(self.describe(&world, &errors))),
        }
    }

    /// Typst's messages with the template file, line and column.
    pub fn describe(&self, world: &dyn World, diags: &[SourceDiagnostic]) -> String {
        diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                let place = d.span.id().and_then(|id| {
                    let range = world.range(d.span)?;
                    let source = world.source(id).ok()?;
                    let line = source.lines().byte_to_line(range.start)? + 1;
                    let column = source.lines().byte_to_column(range.start)? + 1;
                    let name = id.vpath().get_without_slash().to_owned();
                    Some(format!("{}:{line}:{column}: ", self.resources.describe(&name)))
                });
                let hints: String = d.hints.iter().map(|h| format!(" (hint: {})", h.v)).collect();
                format!("{}{}{hints}", place.unwrap_or_default(), d.message)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Every piece of text a laid-out document shows, in reading order, one
/// line a run: what the protected variant scans as printed. A word that
/// Typst hyphenated across two lines is joined again.
pub fn document_text(doc: &PagedDocument) -> String {
    use typst::layout::FrameItem;
    fn walk(item: &FrameItem, out: &mut String) {
        match item {
            FrameItem::Group(group) => group.frame.items().for_each(|(_, item)| walk(item, out)),
            FrameItem::Text(text) => {
                let hyphenated = out.ends_with('-') && text.text.starts_with(char::is_lowercase);
                if hyphenated {
                    out.pop();
                } else if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text.text);
            }
            _ => {}
        }
    }
    // The header, the body and the footer of a page are separate texts: a
    // body's last word followed by the footer's "Sida 1" is no phrase.
    let mut out = String::new();
    for page in doc.pages() {
        for (_, item) in page.frame.items() {
            walk(item, &mut out);
            if matches!(item, FrameItem::Group(_)) {
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out
}
