//! The fourth stage: the form model laid out by Typst into pages.

mod fonts;
mod world;

use std::collections::HashMap;

use typst::diag::{Severity, SourceDiagnostic};
use typst::introspection::Tag;
use typst::layout::{Abs, Frame, FrameItem, Point};
use typst::syntax::{FileId, Source};
use typst::text::Lang;
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
        // The fonts load on a thread of their own while the templates are
        // parsed: each takes about 1.5 ms that a single cold form waits for
        // (6 M and 5.7 M instructions, callgrind); a cold plan took 1 to 2 ms
        // less (bench/RESULTS.md).
        let (fonts, sources) = std::thread::scope(|scope| {
            let fonts = scope.spawn(|| Fonts::load(resources));
            let sources = Self::parse_templates(resources);
            (fonts.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), sources)
        });
        Ok(Self {
            library: world::library(),
            fonts,
            sources: sources?,
            resources: resources.clone(),
            files: HashMap::new(),
        })
    }

    /// The templates, parsed, by their path in the Typst project.
    fn parse_templates(resources: &Resources) -> Result<HashMap<FileId, Source>, Error> {
        let mut sources = HashMap::new();
        for name in resources.names_under("templates/") {
            let text = resources.text(name)?.into_owned();
            let id = file_id(&format!("/{name}"));
            sources.insert(id, Source::new(id, text));
        }
        Ok(sources)
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

    /// Whether any embedded font has a glyph for the character: Typst falls
    /// back from the templates' family to every font it has.
    pub fn can_print(&self, ch: char) -> bool {
        self.fonts.fonts.iter().any(|f| f.info().coverage.contains(ch as u32))
    }

    /// The templates and other files a form compiles from, by their path in
    /// the project (the data, `/data.json`, is each form's own).
    pub fn files_for_typst(&self) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = self
            .sources
            .iter()
            .map(|(id, source)| (id.vpath().get_with_slash().to_owned(), source.text().as_bytes().to_vec()))
            .chain(self.files.iter().map(|(id, bytes)| (id.vpath().get_with_slash().to_owned(), bytes.to_vec())))
            .collect();
        out.sort();
        out
    }

    /// A file the templates may read at this virtual path (a logo).
    pub fn add_file(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.insert(file_id(path), typst::foundations::Bytes::new(bytes));
    }

    /// Lays out the form whose data (the form model as JSON) is given.
    pub fn compile(&self, data: Vec<u8>) -> Result<PagedDocument, Error> {
        let world = SipWorld::new(&self.library, &self.fonts, &self.sources, data, &self.files);
        let warned = typst::compile::<PagedDocument>(&world);
        evict();
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

/// Typst memoises layout across compilations in one global cache (comemo)
/// that never empties by itself: every case left about 3.6 MB behind, and
/// a batch of 1,000 plans peaked at 4.3 GB. The typst CLI's watch mode
/// evicts after every compilation (`comemo::evict(10)`). We evict after
/// every `EVICT_EVERY` forms (failed ones count too), dropping what went
/// unused since the eviction before: what every form shares (the
/// template's evaluation, the page header's words) is used again at once
/// and stays; what belonged to one case goes. Evicting takes the cache's
/// locks and walks all of it, so doing it after every form held the render
/// threads up: 1,000 plans on 2 cores ran at 55 plans a second evicting
/// every form (age 3), 68 evicting every 4th (age 1), peaking at 150 to 190
/// MB either way (bench/RESULTS.md).
pub const EVICT_EVERY: usize = 4;

fn evict() {
    static FORMS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    if FORMS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
        typst::comemo::evict(1);
    }
}

/// Every piece of text a laid-out document shows, in reading order: what the
/// protected variant scans as printed. The lines of a paragraph are joined
/// (a word Typst hyphenated across two lines is joined again), so that "bor
/// i" at a line's end and a place at the next line's start are one phrase;
/// separate blocks (a list item and the heading under it, the cells of a
/// table row, the header and the body) are separate lines, so that the last
/// word of one and the first of the next are no phrase.
pub fn document_text(doc: &PagedDocument) -> String {
    let mut out = String::new();
    for page in doc.pages() {
        let (mut last, mut open) = (None, Vec::new());
        walk(&page.frame, Point::zero(), &mut last, &mut open, &mut out);
        out.push('\n');
    }
    out
}

/// Where the last piece of text was: its baseline, where it ended, its size
/// and language.
struct Pen {
    y: Abs,
    end: Abs,
    size: Abs,
    lang: Lang,
}

/// Where the next piece of text is, seen from the last.
#[derive(Debug, PartialEq)]
enum Next {
    /// On the same line, close by: the same sentence.
    Along,
    /// On the next line of the same paragraph.
    Line,
    /// Anywhere else: another block, cell or column.
    Apart,
}

impl Pen {
    fn next(&self, at: Point, size: Abs, lang: Lang) -> Next {
        // The next line of a paragraph is about one line pitch (1em and the
        // leading, 0.65em by default) below; more is a new block. Text above,
        // or far to the right on the same line, is another cell or column.
        // A line in another size or language is another block: a label over
        // its value, or the second language's words under the first's
        // (`--also`); a paragraph's lines share both.
        let larger = self.size.max(size);
        let down = at.y - self.y;
        let same_style = (self.size - size).abs() < larger * 0.05 && self.lang == lang;
        let size = larger;
        if down.abs() < size * 0.2 {
            if at.x > self.end + size * 1.5 {
                Next::Apart
            } else {
                Next::Along
            }
        } else if down > Abs::zero() && down < size * 1.9 && same_style {
            Next::Line
        } else {
            Next::Apart
        }
    }
}

/// Elements that sit inside a line of text, whose edges are no block's.
const INLINE: [&str; 12] = [
    "link",
    "strong",
    "emph",
    "underline",
    "overline",
    "strike",
    "highlight",
    "sub",
    "super",
    "smallcaps",
    "box",
    "text",
];

fn walk(frame: &Frame, offset: Point, last: &mut Option<Pen>, open: &mut Vec<bool>, out: &mut String) {
    for (pos, item) in frame.items() {
        let at = offset + *pos;
        match item {
            FrameItem::Group(group) => {
                walk(&group.frame, at + Point::new(group.transform.tx, group.transform.ty), last, open, out)
            }
            FrameItem::Text(text) => {
                // Typst ends a hyphenated line with a soft hyphen (U+00AD, as
                // `ShapedText::hyphen` in typst-layout maps it): the word is
                // joined again without it. A line that breaks after a real
                // hyphen ("KBT-" / "behandlingen") keeps it.
                match last.as_ref().map(|pen| pen.next(at, text.size, text.lang)) {
                    None => {}
                    Some(Next::Apart) => out.push('\n'),
                    Some(Next::Line) if out.ends_with('\u{ad}') => {
                        out.pop();
                    }
                    Some(Next::Line) if out.ends_with('-') => {}
                    // A word set in a box (a street and its number, kept on
                    // one line) is its own text, and the text after it starts
                    // with the space between them: one space, not two.
                    Some(Next::Line | Next::Along) if out.ends_with(' ') || text.text.starts_with(' ') => {}
                    Some(Next::Line | Next::Along) => out.push(' '),
                }
                out.push_str(&text.text);
                *last = Some(Pen { y: at.y, end: at.x + text.width(), size: text.size, lang: text.lang });
            }
            // An element's start or end is a block's edge, unless the element
            // sits inside a line (a link, bold words): headings, list items,
            // table cells and placed boxes are each their own text. Typst
            // tags these for PDF/UA; paragraphs are not tagged, so their
            // lines are joined by where they are (see `Pen::next`).
            FrameItem::Tag(tag) => {
                let block = match tag {
                    Tag::Start(content, _) => {
                        let block = !INLINE.contains(&content.elem().name());
                        open.push(block);
                        block
                    }
                    Tag::End(..) => open.pop().unwrap_or(true),
                };
                if block {
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    *last = None;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pen(x_end: f64, y: f64) -> Pen {
        Pen { y: Abs::pt(y), end: Abs::pt(x_end), size: Abs::pt(10.0), lang: Lang::SWEDISH }
    }

    #[test]
    fn the_lines_of_a_paragraph_are_one_text_and_blocks_are_apart() {
        let at = |x: f64, y: f64| Point::new(Abs::pt(x), Abs::pt(y));
        // A bold label and its value on one line.
        assert_eq!(pen(100.0, 50.0).next(at(102.0, 50.0), Abs::pt(10.0), Lang::SWEDISH), Next::Along);
        // The next line of the paragraph, 16.5 pt below at 10 pt.
        assert_eq!(pen(400.0, 50.0).next(at(60.0, 66.5), Abs::pt(10.0), Lang::SWEDISH), Next::Line);
        // A heading under a list, with the space above a heading.
        assert_eq!(pen(200.0, 50.0).next(at(60.0, 80.0), Abs::pt(12.0), Lang::SWEDISH), Next::Apart);
        // The next cell of a table row, to the right on the same baseline.
        assert_eq!(pen(150.0, 50.0).next(at(220.0, 50.0), Abs::pt(10.0), Lang::SWEDISH), Next::Apart);
        // The next cell, a cell of many lines before it: above.
        assert_eq!(pen(150.0, 90.0).next(at(220.0, 50.0), Abs::pt(10.0), Lang::SWEDISH), Next::Apart);
        // A value under its smaller label, as close as a paragraph's next line.
        assert_eq!(pen(60.0, 50.0).next(at(20.0, 64.0), Abs::pt(11.6), Lang::SWEDISH), Next::Apart);
        // The second language's words under the first's (`--also sv`).
        assert_eq!(pen(400.0, 50.0).next(at(60.0, 66.5), Abs::pt(10.0), Lang::ARABIC), Next::Apart);
    }
}
