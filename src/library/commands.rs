//! `lede add` and `lede list`: the library from scripts.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use super::{IndexReport, Progress, index};
use crate::store::{LibraryEntry, SearchHit, Store, StoreError};

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
    let mut entries = store.entries(None).map_err(|e| e.to_string())?;
    sort_by_date(&mut entries);
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

/// Newest first, undated last, then by headline.
pub fn sort_by_date(entries: &mut [LibraryEntry]) {
    entries.sort_by(|a, b| {
        (a.published.is_none(), &b.published, &a.title, a.id).cmp(&(
            b.published.is_none(),
            &a.published,
            &b.title,
            b.id,
        ))
    });
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

/// Runs `lede search`: ranked hits, as text or JSON Lines.
pub fn run_search(
    store: &Store,
    query: &str,
    json: bool,
    limit: usize,
    out: &mut dyn Write,
) -> Result<(), String> {
    // A query FTS5 rejects is the user's problem, not the database's: no path in front.
    let hits = store.search(query, limit).map_err(|e| {
        if e.problem.starts_with("search ") {
            e.problem
        } else {
            e.to_string()
        }
    })?;
    // Scripts read JSON Lines (nothing for no hit); a person is told.
    if hits.is_empty() && !json {
        writeln!(out, "no article matches {query:?}")
            .and_then(|()| out.flush())
            .or_else(|e| match e.kind() {
                io::ErrorKind::BrokenPipe => Ok(()),
                _ => Err(format!("writing output: {e}")),
            })?;
        return Ok(());
    }
    for (rank, hit) in hits.iter().enumerate() {
        let written = if json {
            let body = store
                .article(hit.id)
                .map(|s| s.article.body)
                .unwrap_or_default();
            serde_json::to_writer(&mut *out, &hit_json(hit, &body))
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        } else {
            writeln!(
                out,
                "{:>3}. {}  ({:.2})\n     {}\n     {}",
                rank + 1,
                hit.headline,
                hit.score,
                hit.snippet.split_whitespace().collect::<Vec<_>>().join(" "),
                hit_location(hit)
            )
        };
        match written {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
            Err(e) => return Err(format!("writing output: {e}")),
        }
    }
    out.flush().map_err(|e| format!("writing output: {e}"))
}

fn hit_location(hit: &SearchHit) -> String {
    match &hit.item_key {
        Some(key) => format!("{}#{key}", hit.path.display()),
        None => hit.path.display().to_string(),
    }
}

/// A hit for scripts: offsets in code points of the body (as `lede analyze` reports it).
fn hit_json(hit: &SearchHit, body: &str) -> serde_json::Value {
    let cp = |byte: usize| body.get(..byte).map_or(0, |s| s.chars().count());
    let hits: Vec<serde_json::Value> = hit
        .body_hits
        .iter()
        .map(|r| {
            serde_json::json!({
                "start": cp(r.start),
                "end": cp(r.end),
                "text": body.get(r.clone()),
            })
        })
        .collect();
    serde_json::json!({
        "id": hit.uid,
        "path": hit.path.to_string_lossy(),
        "item": hit.item_key,
        "headline": hit.headline,
        "source": hit.source,
        "date": hit.published,
        "score": hit.score,
        "snippet": hit.snippet,
        "hits": hits,
    })
}
