//! Finding the articles of a folder (the simple list before the full library arrives).

use std::fs;
use std::path::{Path, PathBuf};

use crate::article::{self, ParseMode};

/// File extensions read as plain-text articles.
pub const EXTENSIONS: [&str; 2] = ["txt", "text"];

/// One article file of a folder: its headline, or why it cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    pub path: PathBuf,
    pub title: Result<String, String>,
    /// The date a `yyyy-mm-dd-` file name prefix gives, if any.
    pub date: Option<String>,
}

/// The `yyyy-mm-dd` a file name starts with (the corpus' naming scheme), if any.
fn date_prefix(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let date = name.get(..10)?;
    let b = date.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    shape.then(|| date.to_string())
}

/// Lists the article files directly inside `dir`, each with its headline: files without a
/// date in their name first (by name), then newest first. Unreadable files are listed with their problem; an unreadable folder, or one
/// without articles, is an error (one line naming the folder).
pub fn scan(dir: &Path) -> Result<Vec<FolderEntry>, String> {
    let read = fs::read_dir(dir).map_err(|e| format!("{}: {}", dir.display(), io_reason(&e)))?;
    let paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    if paths.is_empty() {
        return Err(format!(
            "{}: no articles here (looked for *.{})",
            dir.display(),
            EXTENSIONS.join(", *.")
        ));
    }
    let mut entries: Vec<FolderEntry> = paths
        .into_iter()
        .map(|path| {
            let title = article::load(&path, ParseMode::Clean)
                .map(|a| a.title)
                .map_err(|e| e.problem);
            let date = date_prefix(&path);
            FolderEntry { path, title, date }
        })
        .collect();
    // Undated files first (by name), then newest first.
    entries.sort_by(|a, b| {
        (a.date.is_some(), &b.date, &a.path).cmp(&(b.date.is_some(), &a.date, &b.path))
    });
    Ok(entries)
}

/// The OS reason without Rust's "(os error N)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_lowercase(),
        None => text,
    }
}
