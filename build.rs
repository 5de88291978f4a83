//! Embeds the files sipform is made of besides its code: every file under
//! `templates/`, `forms/`, `lang/` and `fonts/`. A new language is a new
//! folder under `lang/` and needs no change here or in the code.

use std::fs;
use std::path::{Path, PathBuf};

const FOLDERS: &[&str] = &["templates", "forms", "lang", "fonts"];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in FOLDERS {
        println!("cargo:rerun-if-changed={folder}");
        collect(&root, &root.join(folder), &mut files);
    }
    // Sorted, so the list (and the binary) is the same on every machine.
    files.sort();
    let mut out = String::from("&[\n");
    for name in &files {
        let path = root.join(name);
        out.push_str(&format!("    ({name:?}, include_bytes!({:?}) as &[u8]),\n", path.display().to_string()));
    }
    out.push_str("]\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// Every file under `dir`, as a path relative to `root` with `/` between
/// its parts; folders are watched so a new file rebuilds.
fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.strip_prefix(root).unwrap().display());
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).unwrap();
            let parts: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            files.push(parts.join("/"));
        }
    }
}
