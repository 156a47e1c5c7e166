//! Finding the article an imported annotation belongs to: by its source URL, then by the
//! file a `file:` URI (or lede's own record) names, then by lede's uid.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};

use super::entry::LibraryEntry;
use super::files::path_text;
use super::{Result, Store};
use crate::annotate::w3c::path_of_file_uri;

impl Store {
    /// The article `source` (a URL or `file:` URI) names, helped by what a lede export
    /// records of it (`uid`, `path`, `item`): the article whose URL is `source` (several:
    /// the one with that uid or path, else the first still on disk), else the article of
    /// the file the URI or `path` names (its item `item`, or its only article), else the
    /// article with that uid.
    pub fn article_for_source(
        &self,
        source: Option<&str>,
        uid: Option<&str>,
        path: Option<&Path>,
        item: Option<&str>,
    ) -> Result<Option<i64>> {
        let source = source.map(str::trim).filter(|s| !s.is_empty());
        let file = source.and_then(path_of_file_uri);
        if let Some(url) = source.filter(|_| file.is_none()) {
            let mut found = self.by_url(url)?;
            if found.is_empty() {
                found = self.by_similar_url(url)?;
            }
            let pick = found
                .iter()
                .find(|c| uid.is_some_and(|u| c.uid == u))
                .or_else(|| found.iter().find(|c| path.is_some_and(|p| c.path == p)))
                .or_else(|| found.iter().find(|c| !c.missing))
                .or(found.first());
            if let Some(c) = pick {
                return Ok(Some(c.id));
            }
        }
        for path in file.as_deref().into_iter().chain(path) {
            if let Some(id) = self.by_path(path, item)? {
                return Ok(Some(id));
            }
        }
        match uid {
            Some(uid) => self.article_by_uid(uid),
            None => Ok(None),
        }
    }

    /// The article with public id `uid`.
    pub fn article_by_uid(&self, uid: &str) -> Result<Option<i64>> {
        self.conn
            .prepare_cached("SELECT id FROM articles WHERE uid = ?1")
            .and_then(|mut s| s.query_row([uid], |r| r.get(0)).optional())
            .map_err(|e| self.fail(e))
    }

    /// The articles of the file at `path`: `(id, item key)`, in the order they were added.
    pub fn articles_at(&self, path: &Path) -> Result<Vec<(i64, Option<String>)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.item_key FROM articles a JOIN files f ON f.id = a.file_id
                 WHERE f.path = ?1 ORDER BY a.id",
            )
            .map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map([path_text(path)], |r| {
                let key: String = r.get(1)?;
                Ok((r.get(0)?, Some(key).filter(|k| !k.is_empty())))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.fail(e))?;
        Ok(rows)
    }

    /// The library row of article `id` (with its path, uid, item key and URL).
    pub fn entry(&self, id: i64) -> Result<Option<LibraryEntry>> {
        self.conn
            .prepare_cached(
                "SELECT a.id, a.title, a.source, a.published, a.words, a.read_state,
                   a.progress, a.missing, f.path, a.uid, a.item_key, a.format, a.author,
                   a.url, a.notes
                 FROM articles a JOIN files f ON f.id = a.file_id WHERE a.id = ?1",
            )
            .and_then(|mut s| s.query_row([id], super::articles::entry_row).optional())
            .map_err(|e| self.fail(e))
    }

    fn by_path(&self, path: &Path, item: Option<&str>) -> Result<Option<i64>> {
        let all = self.articles_at(path)?;
        Ok(match item {
            Some(key) => all.iter().find(|(_, k)| k.as_deref() == Some(key)),
            None => all.iter().find(|(_, k)| k.is_none()).or(match all.len() {
                1 => all.first(),
                _ => None,
            }),
        }
        .map(|(id, _)| *id))
    }

    fn by_url(&self, url: &str) -> Result<Vec<Candidate>> {
        self.candidates("WHERE a.url = ?1", params![url])
    }

    /// Articles whose URL differs from `url` only in ways that name the same page: scheme
    /// http/https, `www.`, a trailing `/`, a `#fragment`, case of the host.
    fn by_similar_url(&self, url: &str) -> Result<Vec<Candidate>> {
        let want = url_key(url);
        if want.is_empty() {
            return Ok(Vec::new());
        }
        let all = self.candidates("WHERE a.url IS NOT NULL AND a.url != ''", params![])?;
        Ok(all
            .into_iter()
            .filter(|c| url_key(&c.url) == want)
            .collect())
    }

    fn candidates(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Candidate>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT a.id, a.uid, f.path, a.missing, coalesce(a.url, '')
                 FROM articles a JOIN files f ON f.id = a.file_id {filter} ORDER BY a.id"
            ))
            .map_err(|e| self.fail(e))?;
        stmt.query_map(args, |r| {
            Ok(Candidate {
                id: r.get(0)?,
                uid: r.get(1)?,
                path: PathBuf::from(r.get::<_, String>(2)?),
                missing: r.get::<_, i64>(3)? != 0,
                url: r.get(4)?,
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(|e| self.fail(e))
    }
}

struct Candidate {
    id: i64,
    uid: String,
    path: PathBuf,
    missing: bool,
    url: String,
}

/// `url` reduced to what names the page: no scheme, no `www.`, lowercase host, no
/// fragment, no trailing `/`.
fn url_key(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let rest = match url.find("://") {
        Some(i) if matches!(url[..i].to_ascii_lowercase().as_str(), "http" | "https") => {
            &url[i + 3..]
        }
        Some(_) => return url.to_string(),
        None => url,
    };
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{host}{}", path.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::url_key;

    #[test]
    fn similar_urls_share_a_key() {
        let key = url_key("https://www.Example.com/news/story/");
        assert_eq!(key, "example.com/news/story");
        assert_eq!(url_key("http://example.com/news/story#part-2"), key);
        assert_ne!(url_key("https://example.com/news/other"), key);
        assert_eq!(url_key("urn:x-pdf:abc"), "urn:x-pdf:abc");
    }
}
