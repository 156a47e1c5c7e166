//! Import: our W3C export (or any W3C annotation JSON with its pages embedded) and
//! hypothes.is JSON (see [`super::hypothesis`]) read into [`Incoming`] annotations, which
//! [`place`] then anchors in the article they belong to.

use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;

use super::anchor;
use super::target::byte_of;
use super::{Annotation, COLOURS, Status, Target};

/// An annotation read from a file, not yet placed in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incoming {
    /// A UUID: the file's own when it has one, else derived from its id (stable, so a
    /// second import of the same file replaces rather than duplicates).
    pub id: String,
    /// The target's source URI.
    pub source: Option<String>,
    /// lede's own record of the article (from `lede:article`).
    pub uid: Option<String>,
    pub path: Option<PathBuf>,
    pub item: Option<String>,
    /// `None` for a page note (no selector): nothing to anchor.
    pub target: Option<Target>,
    /// Whether `target.start`/`end` came from a position selector.
    pub has_position: bool,
    pub colour: u8,
    pub note: String,
    pub tags: Vec<String>,
    pub created: String,
    pub modified: String,
    pub content_hash: Option<String>,
    pub status: Option<Status>,
}

/// The colour a `lede-highlight-N` class stands for (0 for anything else).
fn colour_of_class(class: Option<&str>) -> u8 {
    class
        .and_then(|c| c.trim().strip_prefix("lede-highlight-"))
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=COLOURS).contains(n))
        .map_or(0, |n| n - 1)
}

/// What a file held: annotations, of which those without a selector are page notes.
#[derive(Debug, Default)]
pub struct Parsed {
    pub items: Vec<Incoming>,
    /// `"W3C"` or `"hypothes.is"`.
    pub format: &'static str,
}

/// Reads our export (or any W3C annotation JSON with embedded pages) or hypothes.is JSON.
/// Errors are one line without the file name: `line 3 column 5: expected …`.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err("the file is empty (expected W3C or hypothes.is annotation JSON)".into());
    }
    let value: Value = serde_json::from_str(text).map_err(json_error)?;
    let w3c = |items: Vec<W3cItem>| -> Result<Parsed, String> {
        let items = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                item.incoming()
                    .map_err(|e| format!("annotation {}: {e}", i + 1))
            })
            .collect::<Result<_, _>>()?;
        Ok(Parsed {
            items,
            format: "W3C",
        })
    };
    match &value {
        Value::Object(map) if type_is(map.get("type"), "AnnotationCollection") => {
            let c: W3cCollection = typed(text)?;
            let mut items = Vec::new();
            let mut page = c.first;
            loop {
                match page {
                    None => break,
                    Some(PageRef::Link(link)) => {
                        return Err(format!(
                            "the collection's page {link} is a link, not embedded; only \
                             collections with their items inline can be read"
                        ));
                    }
                    Some(PageRef::Page(p)) => {
                        items.extend(p.items);
                        page = p.next.map(|b| *b);
                    }
                }
            }
            w3c(items)
        }
        Value::Object(map) if type_is(map.get("type"), "AnnotationPage") => {
            w3c(typed::<W3cPage>(text)?.items)
        }
        Value::Object(map) if type_is(map.get("type"), "Annotation") => {
            w3c(vec![typed::<W3cItem>(text)?])
        }
        Value::Object(map)
            if ["rows", "annotations", "uri"]
                .iter()
                .any(|k| map.contains_key(*k)) =>
        {
            super::hypothesis::parse(text, &value)
        }
        Value::Array(list) => match list.first() {
            None => Ok(Parsed::default()),
            Some(Value::Object(first)) if type_is(first.get("type"), "Annotation") => {
                w3c(typed::<Vec<W3cItem>>(text)?)
            }
            Some(_) => super::hypothesis::parse(text, &value),
        },
        _ => Err(
            "not annotation JSON: expected a W3C AnnotationCollection, AnnotationPage or \
             Annotation, or hypothes.is annotations ({\"rows\": [...]} or a list)"
                .into(),
        ),
    }
}

/// Parses `text` again as `T`, for errors with a line and column.
pub(super) fn typed<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(json_error)
}

/// `line 3 column 5: expected …` from a serde_json error.
pub(super) fn json_error(e: serde_json::Error) -> String {
    let text = e.to_string();
    if e.line() == 0 {
        return text;
    }
    let message = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    format!("line {} column {}: {message}", e.line(), e.column())
}

fn type_is(value: Option<&Value>, name: &str) -> bool {
    match value {
        Some(Value::String(s)) => s == name,
        Some(Value::Array(list)) => list.iter().any(|v| v.as_str() == Some(name)),
        _ => false,
    }
}

#[derive(Deserialize, Clone, Debug)]
#[serde(untagged)]
pub(super) enum OneOrMany<T> {
    // A list first: a struct (or IgnoredAny) would also take a list.
    Many(Vec<T>),
    One(T),
}

impl<T> OneOrMany<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(x) => vec![x],
            OneOrMany::Many(list) => list,
        }
    }
}

#[derive(Deserialize)]
struct W3cCollection {
    first: Option<PageRef>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PageRef {
    Link(String),
    Page(W3cPage),
}

#[derive(Deserialize)]
struct W3cPage {
    #[serde(default)]
    items: Vec<W3cItem>,
    next: Option<Box<PageRef>>,
}

#[derive(Deserialize)]
struct W3cItem {
    id: Option<String>,
    created: Option<String>,
    modified: Option<String>,
    body: Option<OneOrMany<BodyRef>>,
    #[serde(rename = "bodyValue")]
    body_value: Option<String>,
    target: OneOrMany<TargetRef>,
    #[serde(rename = "lede:status")]
    status: Option<String>,
    #[serde(rename = "lede:contentHash")]
    content_hash: Option<String>,
    #[serde(rename = "lede:article")]
    article: Option<LedeArticle>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BodyRef {
    Text(TextualBody),
    /// A body given by IRI (not read).
    Other(serde::de::IgnoredAny),
}

#[derive(Deserialize)]
struct TextualBody {
    value: Option<String>,
    purpose: Option<OneOrMany<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TargetRef {
    Link(String),
    Specific(SpecificResource),
}

#[derive(Deserialize)]
struct SpecificResource {
    source: Option<String>,
    selector: Option<OneOrMany<Selector>>,
    #[serde(rename = "styleClass")]
    style_class: Option<String>,
}

/// A selector of any type; only the quote and position ones are used.
#[derive(Deserialize, Clone, Debug)]
pub(super) struct Selector {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub exact: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub start: Option<u64>,
    pub end: Option<u64>,
}

#[derive(Deserialize)]
struct LedeArticle {
    uid: Option<String>,
    path: Option<String>,
    item: Option<String>,
}

impl W3cItem {
    fn incoming(self) -> Result<Incoming, String> {
        let mut note = self.body_value.unwrap_or_default();
        let mut tags = Vec::new();
        for body in self.body.map(OneOrMany::into_vec).unwrap_or_default() {
            let BodyRef::Text(body) = body else { continue };
            let purposes = body.purpose.map(OneOrMany::into_vec).unwrap_or_default();
            let value = body.value.unwrap_or_default();
            if purposes.iter().any(|p| p == "tagging") {
                push_tag(&mut tags, &value);
            } else if note.is_empty() {
                note = value;
            } else if !value.is_empty() {
                note.push_str("\n\n");
                note.push_str(&value);
            }
        }
        let targets = self.target.into_vec();
        // The first target with a selector, else the first one (a page note).
        let chosen = targets
            .iter()
            .position(|t| matches!(t, TargetRef::Specific(s) if s.selector.is_some()))
            .unwrap_or(0);
        let (source, selectors, class) = match targets.into_iter().nth(chosen) {
            Some(TargetRef::Link(uri)) => (Some(uri), Vec::new(), None),
            Some(TargetRef::Specific(s)) => (
                s.source,
                s.selector.map(OneOrMany::into_vec).unwrap_or_default(),
                s.style_class,
            ),
            None => return Err("no target".into()),
        };
        let (target, has_position) = target_of(&selectors)?;
        let status = match self.status.as_deref() {
            None => None,
            Some(s) => Some(Status::parse(s).ok_or_else(|| format!("unknown lede:status {s:?}"))?),
        };
        let article = self.article;
        let id = self.id.unwrap_or_default();
        Ok(Incoming {
            id: uuid_for(&id, || {
                format!("{source:?}{target:?}{:?}{note}", self.created)
            }),
            source,
            uid: article.as_ref().and_then(|a| a.uid.clone()),
            path: article
                .as_ref()
                .and_then(|a| a.path.as_ref())
                .map(PathBuf::from),
            item: article.and_then(|a| a.item),
            target,
            has_position,
            colour: colour_of_class(class.as_deref()),
            note,
            tags,
            created: utc_time(self.created.as_deref(), "created")?,
            modified: utc_time(self.modified.as_deref(), "modified")?,
            content_hash: self.content_hash,
            status,
        })
    }
}

/// Adds a tag (without `#`, spaces made `-`) unless empty or already there.
pub(super) fn push_tag(tags: &mut Vec<String>, tag: &str) {
    let tag = tag
        .trim()
        .trim_start_matches('#')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    if !tag.is_empty() && !tags.contains(&tag) {
        tags.push(tag);
    }
}

/// The target the quote and position selectors describe; `(None, false)` when there are
/// neither (a page note).
pub(super) fn target_of(selectors: &[Selector]) -> Result<(Option<Target>, bool), String> {
    let of = |kind: &str| selectors.iter().find(|s| s.kind.as_deref() == Some(kind));
    let quote = of("TextQuoteSelector").filter(|q| q.exact.is_some());
    let position = of("TextPositionSelector");
    let position = match position {
        Some(p) => match (p.start, p.end) {
            (Some(start), Some(end)) if start <= end => Some((start as usize, end as usize)),
            (Some(start), Some(end)) => {
                return Err(format!(
                    "TextPositionSelector start {start} is after its end {end}"
                ));
            }
            _ => return Err("TextPositionSelector without start and end".into()),
        },
        None => None,
    };
    let target = match (quote, position) {
        (None, None) => return Ok((None, false)),
        (Some(q), position) => {
            let exact = q.exact.clone().unwrap_or_default();
            let (start, end) = position.unwrap_or((0, exact.chars().count()));
            Target {
                exact,
                prefix: q.prefix.clone().unwrap_or_default(),
                suffix: q.suffix.clone().unwrap_or_default(),
                start,
                end,
            }
        }
        (None, Some((start, end))) => Target {
            start,
            end,
            ..Target::default()
        },
    };
    Ok((Some(target), position.is_some()))
}

/// The UUID in `id` (`urn:uuid:…` or bare), else one derived from `id` (or, when there
/// is no id, from `fallback()`), so the same annotation always gets the same id.
pub(super) fn uuid_for(id: &str, fallback: impl FnOnce() -> String) -> String {
    let bare = id.trim();
    let bare = bare
        .get(..9)
        .filter(|p| p.eq_ignore_ascii_case("urn:uuid:"))
        .map_or(bare, |_| &bare[9..]);
    if let Ok(uuid) = uuid::Uuid::parse_str(bare) {
        return uuid.hyphenated().to_string();
    }
    let seed = if id.trim().is_empty() {
        fallback()
    } else {
        id.trim().to_string()
    };
    let hash = xxhash_rust::xxh3::xxh3_128(seed.as_bytes()).to_be_bytes();
    // A version 8 (custom) UUID: stable, and never equal to a random v4.
    uuid::Builder::from_custom_bytes(hash)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// An RFC 3339 time as lede keeps them (UTC, to the second); now when absent.
pub(super) fn utc_time(time: Option<&str>, field: &str) -> Result<String, String> {
    let Some(time) = time.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(super::now_utc());
    };
    chrono::DateTime::parse_from_rfc3339(time)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        })
        .map_err(|_| format!("{field}: not an RFC 3339 time: {time:?}"))
}

// ---------------------------------------------------------------------------------------
// Placing

/// Places annotations read from a file in article `article`, whose text is `body` with
/// content hash `hash`. One made in exactly this text (same hash, the quote where it says)
/// is taken as it is, status included; the others go through the re-anchoring pipeline:
/// found → its status, not found → an orphan keeping its quote. `None` for a page note,
/// or a position-only target outside the text.
pub fn place(items: &[Incoming], article: i64, body: &str, hash: &str) -> Vec<Option<Annotation>> {
    let mut out: Vec<Option<Annotation>> = Vec::with_capacity(items.len());
    let mut pending = Vec::new();
    for (i, inc) in items.iter().enumerate() {
        let Some(target) = inc.target.clone() else {
            out.push(None);
            continue;
        };
        let mut a = Annotation {
            id: inc.id.clone(),
            article,
            target,
            colour: inc.colour,
            note: inc.note.clone(),
            tags: inc.tags.clone(),
            created: inc.created.clone(),
            modified: inc.modified.clone(),
            content_hash: inc.content_hash.clone().unwrap_or_default(),
            status: inc.status.unwrap_or_default(),
        };
        if a.target.exact.is_empty() {
            // Only a position: take whatever the text holds there, for review.
            let range = byte_of(body, a.target.start).zip(byte_of(body, a.target.end));
            out.push(match range {
                Some((s, e)) if s < e => {
                    a.target = Target::capture(body, s..e);
                    a.status = Status::NeedsReview;
                    a.content_hash = hash.to_string();
                    Some(a)
                }
                _ => None,
            });
            continue;
        }
        let same_text = inc.content_hash.as_deref() == Some(hash)
            && inc.has_position
            && (a.status == Status::Orphan || a.target.byte_range(body).is_some());
        if !same_text {
            pending.push(i);
        }
        out.push(Some(a));
    }
    let targets: Vec<Target> = pending
        .iter()
        .filter_map(|&i| out[i].as_ref().map(|a| a.target.clone()))
        .collect();
    let found = anchor::reanchor(None, body, &targets);
    for (&i, found) in pending.iter().zip(found) {
        let Some(a) = out[i].as_mut() else { continue };
        match found {
            Some(f) => {
                a.target = f.target;
                a.status = f.status;
                a.content_hash = hash.to_string();
            }
            None => a.status = Status::Orphan,
        }
    }
    out
}
