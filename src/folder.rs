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
}

/// Lists the article files directly inside `dir`, sorted by file name, each with its
/// headline. Unreadable files are listed with their problem; an unreadable folder, or one
/// without articles, is an error (one line naming the folder).
pub fn scan(dir: &Path) -> Result<Vec<FolderEntry>, String> {
    let read = fs::read_dir(dir).map_err(|e| format!("{}: {}", dir.display(), io_reason(&e)))?;
    let mut paths: Vec<PathBuf> = read
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
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|path| {
            let title = article::load(&path, ParseMode::Clean)
                .map(|a| a.title)
                .map_err(|e| e.problem);
            FolderEntry { path, title }
        })
        .collect())
}

/// The OS reason without Rust's "(os error N)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_lowercase(),
        None => text,
    }
}
