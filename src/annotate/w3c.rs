//! W3C Web Annotation (JSON-LD) export and import.
//!
//! An export is one `AnnotationCollection` whose first (and only) `AnnotationPage` holds
//! every annotation. Each one carries its note and tags as `TextualBody`s (purposes
//! `commenting` and `tagging`), a `SpecificResource` target (the article's URL, else a
//! `file://` URI of its file) with a `TextQuoteSelector` and a `TextPositionSelector`
//! (code points), its colour as a `styleClass` plus a `CssStylesheet`, and what only
//! lede needs for an exact round trip under the `lede:` prefix (declared in `@context` as
//! [`LEDE_NS`]): `lede:status`, `lede:contentHash` and `lede:article` (uid, path, item).
//!
//! [`super::import`] reads such files back.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Value, json};

use super::{Annotation, COLOURS};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The IRI the `lede:` prefix stands for.
pub const LEDE_NS: &str = "urn:lede:";

/// Background colours of `lede-highlight-1`…`4` (the default theme's, as CSS).
const CSS_COLOURS: [&str; COLOURS as usize] = ["#fff59d", "#c5e1a5", "#b2ebf2", "#f8bbd0"];

/// What an export says about the article an annotation is in, and how an import finds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleRef {
    pub uid: String,
    pub path: PathBuf,
    /// The item of a many-article file (feed, JSON Lines), if any.
    pub item: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub source: Option<String>,
    /// ISO 8601 publication date, when known.
    pub published: Option<String>,
}

impl ArticleRef {
    /// The URI an annotation's target names: the article's URL, else its file's URI.
    pub fn source_uri(&self) -> String {
        match self.url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => url.to_string(),
            _ => file_uri(&self.path),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Export

#[derive(Serialize)]
struct Collection {
    #[serde(rename = "@context")]
    context: Value,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page,
}

#[derive(Serialize)]
struct Page {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    motivation: Option<&'static str>,
    created: String,
    modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<BodyOut>,
    target: TargetOut,
    stylesheet: Stylesheet,
    #[serde(rename = "lede:status")]
    status: &'static str,
    #[serde(rename = "lede:contentHash")]
    content_hash: String,
    #[serde(rename = "lede:article")]
    article: ArticleOut,
}

#[derive(Serialize)]
struct BodyOut {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
}

#[derive(Serialize)]
struct TargetOut {
    #[serde(rename = "type")]
    kind: &'static str,
    source: String,
    selector: (QuoteOut, PositionOut),
    #[serde(rename = "styleClass")]
    style_class: String,
}

#[derive(Serialize)]
struct QuoteOut {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: String,
    prefix: String,
    suffix: String,
}

#[derive(Serialize)]
struct PositionOut {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Stylesheet {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

#[derive(Serialize)]
struct ArticleOut {
    uid: String,
    path: String,
    item: Option<String>,
}

/// The collection holding `items` (each annotation with the article it is in), as
/// pretty-printed JSON-LD with its keys in a readable order.
pub fn collection_json(label: &str, items: &[(&Annotation, &ArticleRef)]) -> String {
    let collection = Collection {
        context: json!([CONTEXT, { "lede": LEDE_NS }]),
        kind: "AnnotationCollection",
        label: label.to_string(),
        total: items.len(),
        first: Page {
            kind: "AnnotationPage",
            start_index: 0,
            items: items.iter().map(|(a, r)| item(a, r)).collect(),
        },
    };
    let mut text = serde_json::to_string_pretty(&collection).unwrap_or_default();
    text.push('\n');
    text
}

fn item(a: &Annotation, article: &ArticleRef) -> Item {
    let mut body = Vec::new();
    if !a.note.is_empty() {
        body.push(BodyOut {
            kind: "TextualBody",
            purpose: "commenting",
            value: a.note.clone(),
            format: Some("text/plain"),
        });
    }
    for tag in &a.tags {
        body.push(BodyOut {
            kind: "TextualBody",
            purpose: "tagging",
            value: tag.clone(),
            format: None,
        });
    }
    let class = style_class(a.colour);
    let t = &a.target;
    Item {
        id: format!("urn:uuid:{}", a.id),
        kind: "Annotation",
        motivation: body.is_empty().then_some("highlighting"),
        created: a.created.clone(),
        modified: a.modified.clone(),
        body,
        target: TargetOut {
            kind: "SpecificResource",
            source: article.source_uri(),
            selector: (
                QuoteOut {
                    kind: "TextQuoteSelector",
                    exact: t.exact.clone(),
                    prefix: t.prefix.clone(),
                    suffix: t.suffix.clone(),
                },
                PositionOut {
                    kind: "TextPositionSelector",
                    start: t.start,
                    end: t.end,
                },
            ),
            style_class: class.clone(),
        },
        stylesheet: Stylesheet {
            kind: "CssStylesheet",
            value: format!(
                ".{class} {{ background-color: {}; }}",
                CSS_COLOURS[usize::from(a.colour % COLOURS)]
            ),
        },
        status: a.status.as_str(),
        content_hash: a.content_hash.clone(),
        article: ArticleOut {
            uid: article.uid.clone(),
            path: article.path.to_string_lossy().into_owned(),
            item: article.item.clone(),
        },
    }
}

/// `lede-highlight-1`…`4` for colours 0…3.
pub fn style_class(colour: u8) -> String {
    format!("lede-highlight-{}", colour % COLOURS + 1)
}

// ---------------------------------------------------------------------------------------
// File URIs

/// `file:///abs/path`, every byte but unreserved ones and `/` percent-encoded.
pub fn file_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file://");
    if !path.is_absolute() {
        uri.push('/');
    }
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// The path a `file:` URI names (`file:///p`, `file://localhost/p`, `file:/p`), decoded.
pub fn path_of_file_uri(uri: &str) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    let scheme = uri.get(..5)?;
    if !scheme.eq_ignore_ascii_case("file:") {
        return None;
    }
    let rest = &uri[5..];
    let rest = rest
        .strip_prefix("//localhost")
        .or_else(|| rest.strip_prefix("//"))
        .unwrap_or(rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(PathBuf::from(std::ffi::OsString::from_vec(out)))
}

#[cfg(test)]
#[path = "w3c_tests.rs"]
mod tests;
