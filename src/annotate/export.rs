//! Exporting annotations: W3C Web Annotation JSON-LD or Markdown text for one article or
//! all of them, and writing files so no reader ever sees half of one.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::w3c::{self, ArticleRef};
use super::{Annotation, markdown};
use crate::article::io_problem;
use crate::cli::ExportFormat;
use crate::store::{LibraryEntry, Store};

/// The annotations of article `id` (or of every article) in `format`.
pub fn render(store: &Store, format: ExportFormat, id: Option<i64>) -> Result<String, String> {
    let said = |e: crate::store::StoreError| e.to_string();
    let (list, label) = match id {
        Some(id) => {
            let title = store
                .entry(id)
                .map_err(said)?
                .map(|e| e.title)
                .unwrap_or_default();
            (
                store.annotations_of(id).map_err(said)?,
                format!("Annotations from lede: {}", title.trim()),
            )
        }
        None => (
            store.annotations(None).map_err(said)?,
            "Annotations from lede".to_string(),
        ),
    };
    let mut refs: HashMap<i64, ArticleRef> = HashMap::new();
    for a in &list {
        if let Entry::Vacant(slot) = refs.entry(a.article) {
            let entry = store.entry(a.article).map_err(said)?.unwrap_or_default();
            slot.insert(article_ref(entry));
        }
    }
    Ok(match format {
        ExportFormat::W3c => {
            let empty = ArticleRef::default();
            let items: Vec<(&Annotation, &ArticleRef)> = list
                .iter()
                .map(|a| (a, refs.get(&a.article).unwrap_or(&empty)))
                .collect();
            w3c::collection_json(&label, &items)
        }
        ExportFormat::Markdown => {
            let mut groups: Vec<(ArticleRef, Vec<Annotation>)> = Vec::new();
            for a in list {
                match groups.last_mut() {
                    Some((_, group)) if group.first().map(|g| g.article) == Some(a.article) => {
                        group.push(a);
                    }
                    _ => {
                        let r = refs.get(&a.article).cloned().unwrap_or_default();
                        groups.push((r, vec![a]));
                    }
                }
            }
            markdown::export(&label, &groups)
        }
    })
}

/// Writes article `id`'s notes as `<name>.notes.md` and `<name>.notes.jsonld` in `dir`,
/// `<name>` made from its headline; returns the two paths.
pub fn write_article_notes(store: &Store, id: i64, dir: &Path) -> Result<[PathBuf; 2], String> {
    let entry = store
        .entry(id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no article with id {id}"))?;
    let name = file_stem(&entry.title, &entry.uid);
    let markdown = dir.join(format!("{name}.notes.md"));
    let json = dir.join(format!("{name}.notes.jsonld"));
    write_atomically(
        &markdown,
        render(store, ExportFormat::Markdown, Some(id))?.as_bytes(),
    )?;
    write_atomically(
        &json,
        render(store, ExportFormat::W3c, Some(id))?.as_bytes(),
    )?;
    Ok([markdown, json])
}

/// A file name from a headline: lower-case words joined by `-`, at most 60 characters;
/// `fallback` when nothing is left.
pub fn file_stem(title: &str, fallback: &str) -> String {
    let mut stem = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if stem.chars().count() + word.chars().count() + 1 > 60 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(&word.to_lowercase());
    }
    if stem.is_empty() {
        fallback.to_string()
    } else {
        stem
    }
}

fn article_ref(e: LibraryEntry) -> ArticleRef {
    ArticleRef {
        uid: e.uid,
        path: e.path,
        item: e.item_key,
        url: e.url,
        title: e.title,
        source: e.source,
        published: e.published,
    }
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, then renames it over
/// `path`: readers see the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    let Some(name) = path.file_name() else {
        return Err(format!("{shown}: not a file name"));
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("{shown}: {}", io_problem(&e)));
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_come_from_headlines() {
        assert_eq!(
            file_stem("Russia & North Korea: “a new era”!", "x"),
            "russia-north-korea-a-new-era"
        );
        assert_eq!(file_stem("«»", "0123abcd"), "0123abcd");
        assert!(file_stem(&"word ".repeat(40), "x").len() <= 60);
    }
}
