//! The last stage: pages to PDF bytes, and PDF bytes to a file that is either
//! whole or not there at all.

use std::io::Write;
use std::path::Path;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::case::Date;
use crate::error::Error;

/// Exports a document. `ident` must be stable for the same document and say
/// nothing by itself (Typst stores only its hash); `date` is the form's date,
/// so the same case always gives the same bytes.
pub fn export(doc: &PagedDocument, ident: String, date: Date) -> Result<Vec<u8>, Error> {
    use chrono::Datelike;
    let d = date.0;
    let datetime = Datetime::from_ymd_hms(d.year(), d.month() as u8, d.day() as u8, 0, 0, 0)
        .ok_or_else(|| Error::Template(format!("{date} cannot be a PDF date")))?;
    // PDF/A-2a for archiving in case records; PDF/UA-1 so screen readers can
    // read the forms to the people they are for.
    let standards = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .map_err(|e| Error::Template(format!("PDF standards: {}", e.message())))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        creator: Smart::Custom(Some(format!("sipform {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(datetime)),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options)
        .map_err(|errors| Error::Template(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("\n")))
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so a reader never sees half a PDF and a failed write leaves nothing.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail = |source| Error::Write { path: path.into(), source };
    if path.is_dir() {
        return Err(fail(std::io::Error::new(std::io::ErrorKind::IsADirectory, "that is a folder")));
    }
    // `-o out/plan.pdf` makes `out/`, as `-o out/` does for many forms.
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sipform-").suffix(".tmp");
    // A temporary file is private (0600); the PDF should get the permissions
    // a file written the ordinary way would, or keep those it had.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_replaces_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_unwritable_path_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // Below a file, no folder can be made, not even by root.
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"").unwrap();
        assert!(matches!(write_atomically(&file.join("out.pdf"), b"x"), Err(Error::Write { .. })));
        assert!(matches!(write_atomically(dir.path(), b"x"), Err(Error::Write { .. })));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "only the file that was there");
    }

    #[test]
    fn a_missing_folder_is_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new-folder").join("out.pdf");
        write_atomically(&path, b"x").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"x");
    }
}
