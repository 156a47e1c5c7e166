//! Importers: one module per format, each turning a file's bytes into [`Article`]s.
//!
//! A file holds one article (plain text, Markdown, an HTML page) or many (JSON Lines, a
//! feed, a newsboat cache). Every importer returns [`Item`]s: the article plus a `key`
//! telling items of one file apart, so the store can give each a stable identity.
//!
//! The format is chosen by extension, then by sniffing the first bytes when the extension
//! says nothing (`.txt` that is really HTML is still read as text: the user named it so).

pub mod date;
pub mod feed;
pub mod html;
pub mod json;
pub mod markdown;
pub mod newsboat;
pub mod text;

use std::path::Path;

use super::Article;
use super::decode::decode;
use super::load::{LoadError, ParseMode, parse, read_bytes};

/// The formats lede reads. The name is stored in the library and shown by `lede list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Feed,
    Newsboat,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Feed,
        Format::Newsboat,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Feed => "feed",
            Format::Newsboat => "newsboat",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The format a file's extension names, if it names one.
    pub fn from_extension(path: &Path) -> Option<Format> {
        if path.file_name().and_then(|n| n.to_str()) == Some("cache.db") {
            return Some(Format::Newsboat);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" | "jsonl" | "ndjson" => Format::Json,
            "rss" | "atom" | "rdf" | "xml" => Format::Feed,
            _ => return None,
        })
    }

    /// The format of a file: its extension, else a look at its first bytes.
    pub fn detect(path: &Path, head: &[u8]) -> Option<Format> {
        Format::from_extension(path).or_else(|| sniff(head))
    }
}

/// Guesses a format from the start of a file without an informative extension.
pub fn sniff(head: &[u8]) -> Option<Format> {
    if head.starts_with(b"SQLite format 3\0") {
        return Some(Format::Newsboat);
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let lower = start.get(..start.len().min(256))?.to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        Some(Format::Html)
    } else if lower.starts_with("<?xml") || lower.starts_with("<rss") || lower.starts_with("<feed")
    {
        if lower.contains("<html") {
            Some(Format::Html)
        } else {
            Some(Format::Feed)
        }
    } else if lower.starts_with('{') || lower.starts_with('[') {
        Some(Format::Json)
    } else if lower.starts_with("---\n") || lower.starts_with("+++\n") {
        Some(Format::Markdown)
    } else {
        None
    }
}

/// One article of a file. `key` is `None` for one-article formats, else what tells the item
/// apart inside the file (its URL, guid, or position).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub key: Option<String>,
    pub article: Article,
}

impl Item {
    pub fn single(article: Article) -> Item {
        Item { key: None, article }
    }
}

/// Reads every article of `path`. Plain text is the fallback for unknown extensions.
/// Errors name the file and the problem in one line.
pub fn import_file(path: &Path, mode: ParseMode) -> Result<(Format, Vec<Item>), LoadError> {
    let bytes = read_bytes(path)?;
    let format = Format::detect(path, &bytes).unwrap_or(Format::Text);
    let mut items = import_bytes(path, &bytes, format, mode).map_err(|problem| LoadError {
        path: path.to_path_buf(),
        problem,
    })?;
    for item in &mut items {
        item.article.path = Some(path.to_path_buf());
    }
    Ok((format, items))
}

/// Reads the articles of `bytes` in `format` (the newsboat cache is read from `path`).
pub fn import_bytes(
    path: &Path,
    bytes: &[u8],
    format: Format,
    mode: ParseMode,
) -> Result<Vec<Item>, String> {
    let clean = mode == ParseMode::Clean;
    if format == Format::Newsboat {
        return newsboat::read(path, clean);
    }
    let mut decoded = decode(bytes).map_err(|e| e.to_string())?;
    // A page in a legacy charset (windows-1252, Shift_JIS…) says so in a <meta>; read it
    // that way rather than as lossy UTF-8.
    if format == Format::Html && !decoded.warnings.is_empty() && std::str::from_utf8(bytes).is_err()
    {
        let (text, encoding) = html::charset::decode_html(bytes);
        decoded.text = text;
        decoded.warnings = vec![format!("read as {encoding} (not UTF-8)")];
    }
    if decoded.text.trim().is_empty() {
        return Err("empty file".to_string());
    }
    let text = decoded
        .text
        .strip_prefix('\u{feff}')
        .unwrap_or(&decoded.text);
    let mut items = match format {
        Format::Text => vec![Item::single(parse(text, mode))],
        Format::Markdown => vec![Item::single(markdown::parse(text, clean)?)],
        Format::Html => vec![Item::single(html::parse(text, clean)?)],
        Format::Json => json::parse(text, clean)?,
        Format::Feed => feed::parse(text, clean)?,
        Format::Newsboat => unreachable_newsboat()?,
    };
    if items.is_empty() {
        return Err(format!("no articles in this {} file", format.as_str()));
    }
    for item in &mut items {
        item.article
            .warnings
            .splice(0..0, decoded.warnings.iter().cloned());
    }
    Ok(items)
}

/// Newsboat caches are handled before decoding; kept as an error rather than a panic.
fn unreachable_newsboat() -> Result<Vec<Item>, String> {
    Err("a newsboat cache is read from its path".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legacy_charset_page_is_read_in_its_charset() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 news</title>\
            </head><body><article><h1>Caf\xe9 news</h1>"
            .to_vec();
        for _ in 0..4 {
            page.extend_from_slice(
                b"<p>The caf\xe9 in M\xfcnchen reopened on Monday after a long renovation \
                  that took most of the year, its owner said.</p>",
            );
        }
        page.extend_from_slice(b"</article></body></html>");
        let items = import_bytes(Path::new("p.html"), &page, Format::Html, ParseMode::Clean)
            .expect("imports");
        let a = &items[0].article;
        assert_eq!(a.title, "Café news");
        assert!(a.body.contains("café in München"), "{}", a.body);
        assert_eq!(a.warnings, ["read as windows-1252 (not UTF-8)"]);
    }

    #[test]
    fn formats_come_from_extensions_then_content() {
        assert_eq!(
            Format::detect(Path::new("a.MD"), b""),
            Some(Format::Markdown)
        );
        assert_eq!(
            Format::detect(Path::new("x/cache.db"), b""),
            Some(Format::Newsboat)
        );
        assert_eq!(
            Format::detect(Path::new("page"), b"<!DOCTYPE html>"),
            Some(Format::Html)
        );
        assert_eq!(
            Format::detect(Path::new("feed"), b"<?xml version=\"1.0\"?><rss>"),
            Some(Format::Feed)
        );
        assert_eq!(Format::detect(Path::new("n"), b"plain words"), None);
    }
}
