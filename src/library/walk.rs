//! Finding article files under a folder.

use std::path::{Path, PathBuf};

/// Extensions a folder walk picks up (a file named on the command line is read whatever
/// its name). `cache.db` (newsboat) is matched by name.
pub const KNOWN_EXTENSIONS: [&str; 14] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "rss",
    "atom", "rdf", "xml",
];

/// Article files under `dir`, recursively, sorted by path. Hidden files and folders
/// (`.git`, `.cache`) are skipped. An unreadable sub-folder is skipped; an unreadable
/// `dir` itself is an error.
pub fn article_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut first = true;
    while let Some(d) = stack.pop() {
        let read = match std::fs::read_dir(&d) {
            Ok(r) => r,
            Err(e) if first => return Err(crate::folder::io_reason(&e)),
            Err(_) => continue,
        };
        first = false;
        for entry in read.filter_map(Result::ok) {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if name == "cache.db" || has_known_extension(name) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn has_known_extension(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && KNOWN_EXTENSIONS.iter().any(|k| k.eq_ignore_ascii_case(ext))
    })
}
