//! Indexing: bringing the store up to date with files on disk.
//!
//! `lede add PATH…` and `lede PATH` walk the given files and folders, and for each file
//! compare size and mtime with what the store remembers (one `stat`); only when they differ
//! is the file read and hashed, and only when the hash differs is it imported again. Files
//! that vanished from an indexed folder are marked missing, never deleted. A bad file is
//! recorded with its reason and never stops the import.

pub mod commands;
mod walk;

pub use walk::{KNOWN_EXTENSIONS, Stat, article_files, stat_path};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use xxhash_rust::xxh3::xxh3_128;

use crate::article::ParseMode;
use crate::article::import::{Format, import_bytes};
use crate::store::{FileState, Store, StoreError};

/// Files are committed in batches: one durable commit per file would make a first import of
/// thousands of files wait on the disk thousands of times.
const BATCH_TIME: Duration = Duration::from_millis(250);

/// What an index run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexReport {
    /// Files looked at.
    pub files: usize,
    /// Articles added and updated.
    pub added: usize,
    pub updated: usize,
    /// Files whose size and mtime (or content hash) had not changed.
    pub unchanged: usize,
    /// Files marked missing because they left an indexed folder.
    pub missing: usize,
    /// Bytes read from files that had to be read.
    pub bytes: u64,
    /// Files that could not be imported, with the reason.
    pub problems: Vec<(PathBuf, String)>,
}

/// Receives progress while indexing (a progress bar, or nothing).
pub trait Progress {
    fn start(&mut self, _total: usize) {}
    fn advance(&mut self, _path: &Path) {}
    fn finish(&mut self) {}
}

/// No progress display.
pub struct Quiet;
impl Progress for Quiet {}

/// Indexes `paths` (files and folders, recursively) into `store`.
pub fn index(
    store: &Store,
    paths: &[PathBuf],
    progress: &mut dyn Progress,
) -> Result<IndexReport, StoreError> {
    let mut report = IndexReport::default();
    let mut files: Vec<(PathBuf, Stat)> = Vec::new();
    let mut roots: Vec<PathBuf> = Vec::new();
    for path in paths {
        let path = absolute(path);
        if path.is_dir() {
            match article_files(&path) {
                Ok(found) => files.extend(found),
                Err(e) => report.problems.push((path.clone(), e)),
            }
            roots.push(path);
        } else {
            let stat = stat_path(&path);
            files.push((path, stat));
        }
    }
    // Files are taken out as they are met; what is left was not met. Named files alone
    // (`lede FILE`) need only their own state, not the whole library's.
    let mut known = if roots.is_empty() {
        let names: Vec<String> = files
            .iter()
            .map(|(p, _)| p.to_string_lossy().into_owned())
            .collect();
        store.files_named(&names.iter().map(String::as_str).collect::<Vec<_>>())?
    } else {
        store.files()?
    };
    if paths.len() > 1 {
        files.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
        files.dedup_by(|a, b| a.0 == b.0);
    }
    progress.start(files.len());
    let mut batch_start = Instant::now();
    store.begin()?;
    for (path, stat) in files {
        let state = known.remove(path.to_string_lossy().as_ref());
        report.files += 1;
        progress.advance(&path);
        if let Err(e) = index_file(store, &path, stat, state.as_ref(), &mut report) {
            let _ = store.rollback();
            return Err(e);
        }
        if batch_start.elapsed() >= BATCH_TIME {
            store.commit()?;
            store.begin()?;
            batch_start = Instant::now();
        }
    }
    let gone: Vec<i64> = known
        .iter()
        .filter(|(path, state)| {
            !state.missing
                && roots.iter().any(|r| Path::new(path).starts_with(r))
                && !Path::new(path).exists()
        })
        .map(|(_, state)| state.id)
        .collect();
    report.missing = gone.len();
    let marked = store.mark_missing(&gone);
    if let Err(e) = marked {
        let _ = store.rollback();
        return Err(e);
    }
    store.commit()?;
    progress.finish();
    Ok(report)
}

/// Brings one file up to date.
fn index_file(
    store: &Store,
    path: &Path,
    stat: Stat,
    known: Option<&FileState>,
    report: &mut IndexReport,
) -> Result<(), StoreError> {
    let (size, mtime_ns) = match stat {
        Ok(s) => s,
        Err(problem) => {
            report.problems.push((path.into(), problem));
            return Ok(());
        }
    };
    if let Some(k) = known
        && k.size == size
        && k.mtime_ns == mtime_ns
        && !k.missing
    {
        report.unchanged += 1;
        if let Some(problem) = &k.problem {
            report.problems.push((path.into(), problem.clone()));
        }
        return Ok(());
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            report
                .problems
                .push((path.into(), crate::article::io_problem(&e)));
            return Ok(());
        }
    };
    report.bytes += bytes.len() as u64;
    let hash = format!("{:032x}", xxh3_128(&bytes));
    let format = Format::detect(path, &bytes).unwrap_or(Format::Text);
    let mut state = FileState {
        id: 0,
        format: format.as_str().to_string(),
        size,
        mtime_ns,
        hash,
        problem: None,
        missing: false,
    };
    if let Some(k) = known
        && k.hash == state.hash
        && k.problem.is_none()
        && !k.missing
    {
        // Touched but not changed: remember the new mtime so the next run is a stat.
        store.put_file(path, &state)?;
        report.unchanged += 1;
        return Ok(());
    }
    match import_bytes(path, &bytes, format, ParseMode::Clean) {
        Ok(mut items) => {
            for item in &mut items {
                item.article.path = Some(path.to_path_buf());
            }
            let id = store.put_file(path, &state)?;
            let (added, updated) = store.put_items(id, path, format.as_str(), &items)?;
            report.added += added;
            report.updated += updated;
        }
        Err(problem) => {
            state.problem = Some(problem.clone());
            store.put_file(path, &state)?;
            report.problems.push((path.into(), problem));
        }
    }
    Ok(())
}

/// `path` made absolute (without resolving symlinks), so the same file is one entry however
/// it was named on the command line.
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Drop `.` and fold `..` textually; the store keys on this text.
    let mut out = PathBuf::new();
    for part in abs.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
