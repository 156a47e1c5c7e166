//! Finding article files under a folder, with their size and mtime.
//!
//! The stat comes from the directory entry (`fstatat` on the open folder), not from the
//! full path: on a re-index of 100,000 unchanged files, path lookups in the kernel were
//! the largest cost. Sub-folders of the root are walked on a few threads.

use std::fs::DirEntry;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Extensions a folder walk picks up (a file named on the command line is read whatever
/// its name). `cache.db` (newsboat) is matched by name.
pub const KNOWN_EXTENSIONS: [&str; 14] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "rss",
    "atom", "rdf", "xml",
];

/// Size and mtime (ns since the epoch) of a file, or why they could not be read.
pub type Stat = Result<(u64, i64), String>;

/// Article files under `dir`, recursively, sorted by path, each with its [`Stat`]. Hidden
/// files and folders (`.git`, `.cache`) and a folder's README/LICENSE/SOURCES files are
/// skipped; an unreadable sub-folder is skipped;
/// an unreadable `dir` itself is an error.
pub fn article_files(dir: &Path) -> Result<Vec<(PathBuf, Stat)>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| crate::article::io_problem(&e))?;
    let mut out = Vec::new();
    let mut subdirs = Vec::new();
    for entry in read.filter_map(Result::ok) {
        visit(entry, &mut out, &mut subdirs);
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if threads < 2 || subdirs.len() < 2 {
        walk_all(subdirs, &mut out);
    } else {
        let mut shares: Vec<Vec<PathBuf>> = vec![Vec::new(); threads];
        for (i, d) in subdirs.into_iter().enumerate() {
            shares[i % threads].push(d);
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = shares
                .into_iter()
                .map(|share| {
                    scope.spawn(move || {
                        let mut found = Vec::new();
                        walk_all(share, &mut found);
                        found
                    })
                })
                .collect();
            for h in handles {
                // A walker thread cannot panic short of a bug; its files are then missed.
                if let Ok(found) = h.join() {
                    out.extend(found);
                }
            }
        });
    }
    // By bytes: `PathBuf`'s own ordering parses components on every comparison.
    out.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    Ok(out)
}

/// The stat of a file named directly (not found by a walk).
pub fn stat_path(path: &Path) -> Stat {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(size_and_mtime(&m)),
        Ok(_) => Err("not a regular file".to_string()),
        Err(e) => Err(crate::article::io_problem(&e)),
    }
}

fn walk_all(mut stack: Vec<PathBuf>, out: &mut Vec<(PathBuf, Stat)>) {
    while let Some(d) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in read.filter_map(Result::ok) {
            visit(entry, out, &mut stack);
        }
    }
}

fn visit(entry: DirEntry, out: &mut Vec<(PathBuf, Stat)>, dirs: &mut Vec<PathBuf>) {
    let name = entry.file_name();
    let Some(name) = name.to_str() else { return };
    if name.starts_with('.') || is_project_file(name) {
        return;
    }
    let Ok(kind) = entry.file_type() else { return };
    if kind.is_dir() {
        dirs.push(entry.path());
    } else if name == "cache.db" || has_known_extension(name) {
        let stat = if kind.is_symlink() {
            stat_path(&entry.path())
        } else {
            entry
                .metadata()
                .map(|m| size_and_mtime(&m))
                .map_err(|e| crate::article::io_problem(&e))
        };
        out.push((entry.path(), stat));
    }
}

fn size_and_mtime(m: &std::fs::Metadata) -> (u64, i64) {
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64);
    (m.len(), mtime)
}

/// README, LICENSE, SOURCES and the like describe a folder; they are not articles in it.
fn is_project_file(name: &str) -> bool {
    const NAMES: [&str; 8] = [
        "readme",
        "license",
        "licence",
        "sources",
        "changelog",
        "copying",
        "notice",
        "authors",
    ];
    let stem = name.split('.').next().unwrap_or(name);
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(stem))
}

fn has_known_extension(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && KNOWN_EXTENSIONS.iter().any(|k| k.eq_ignore_ascii_case(ext))
    })
}
