//! `lede add` and `lede list`: the library from scripts.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use super::{IndexReport, Progress, index};
use crate::store::{LibraryEntry, Store, StoreError};

/// A progress bar on stderr, shown only on a terminal and only for imports long enough to
/// need one.
pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    pub fn new() -> Bar {
        Bar { bar: None }
    }
}

impl Default for Bar {
    fn default() -> Self {
        Bar::new()
    }
}

impl Progress for Bar {
    fn start(&mut self, total: usize) {
        if total < 200 || !io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::new(total as u64);
        let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files  {elapsed}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        self.bar = Some(bar);
    }

    fn advance(&mut self, path: &Path) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if bar.position() % 64 == 0 {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                bar.set_message(name.unwrap_or_default());
            }
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// Runs `lede add`: indexes `paths`, prints a summary, then every problem, one per line.
pub fn run_add(store: &Store, paths: &[PathBuf]) -> Result<IndexReport, StoreError> {
    let report = index(store, paths, &mut Bar::new())?;
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", summary(&report));
    for (path, problem) in &report.problems {
        let _ = writeln!(err, "lede: skipped {}: {problem}", path.display());
    }
    Ok(report)
}

/// One line saying what an index run did.
pub fn summary(r: &IndexReport) -> String {
    let mut line = format!(
        "{} file{}: {} added, {} updated, {} unchanged",
        r.files,
        if r.files == 1 { "" } else { "s" },
        r.added,
        r.updated,
        r.unchanged
    );
    if r.missing > 0 {
        line.push_str(&format!(", {} missing", r.missing));
    }
    if !r.problems.is_empty() {
        line.push_str(&format!(", {} skipped", r.problems.len()));
    }
    line
}

/// Runs `lede list`: aligned columns for people, or JSON Lines with `--json`.
pub fn run_list(store: &Store, json: bool, out: &mut dyn Write) -> Result<(), String> {
    let entries = store.entries(None).map_err(|e| e.to_string())?;
    let write = |out: &mut dyn Write, e: &LibraryEntry| -> io::Result<()> {
        if json {
            serde_json::to_writer(&mut *out, &entry_json(e))?;
            writeln!(out)
        } else {
            writeln!(
                out,
                "{}  {:10}  {:7}  {:3}  {:8}  {}{}  ({})",
                e.uid,
                e.date().unwrap_or("-"),
                e.read.as_str(),
                e.notes,
                e.format,
                e.title,
                e.source
                    .as_deref()
                    .map(|s| format!(" — {s}"))
                    .unwrap_or_default(),
                location(e)
            )
        }
    };
    for e in &entries {
        match write(out, e) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
            Err(err) => return Err(format!("writing output: {err}")),
        }
    }
    out.flush().map_err(|e| format!("writing output: {e}"))
}

/// `path` or `path#key` for items of many-article files.
fn location(e: &LibraryEntry) -> String {
    match &e.item_key {
        Some(key) => format!("{}#{key}", e.path.display()),
        None => e.path.display().to_string(),
    }
}

fn entry_json(e: &LibraryEntry) -> serde_json::Value {
    serde_json::json!({
        "id": e.uid,
        "path": e.path.to_string_lossy(),
        "item": e.item_key,
        "format": e.format,
        "headline": e.title,
        "source": e.source,
        "author": e.author,
        "url": e.url,
        "date": e.published,
        "words": e.words,
        "read": e.read.as_str(),
        "progress": e.progress as f64 / 1000.0,
        "notes": e.notes,
        "missing": e.missing,
    })
}
