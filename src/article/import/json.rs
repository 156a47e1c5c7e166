//! JSON articles: one object, an array of objects, a wrapper holding them
//! (`{"articles": […]}`, a JSON Feed's `items`, `{"data": {"posts": […]}}`), or JSON Lines.
//!
//! Decisions:
//!
//! - **Records**: an object is an article when it has a title or a text field; otherwise its
//!   array-of-objects fields (known wrapper names first: `articles`, `items`, `data`…) and
//!   then its object fields are searched, a few levels deep. A record wrapped in one object
//!   (`{"_source": {…}}`, `{"node": {…}}`) is unwrapped. A wrapper's own `title`/`name` is
//!   the records' source when they name none (a JSON Feed's title).
//! - **JSON Lines**: tried when the whole text is not one JSON value. Bad lines are skipped
//!   with a warning on every item; the file is refused only when nothing parses, or when
//!   more lines fail than parse (then it is a broken JSON document, and its error is shown).
//! - **Fields** are matched ignoring case, `_` and `-` (`published_at` = `publishedAt`), in
//!   the priority order of the lists below. A value may be a string, a number (dates), an
//!   object (`{"name": …}`, WordPress's `{"rendered": …}`) or an array (authors joined by
//!   ", "; a body array is one paragraph group per element).
//! - **Body**: HTML when it has tags (see [`looks_like_html`]), converted by
//!   [`super::html::fragment`]; otherwise plain text split like the plain-text format
//!   (blank lines, then one paragraph per line unless the lines are hard-wrapped), with the
//!   same debris cleaning. Without a text field, the description/summary is the body.
//! - **Deck**: `deck`/`subtitle`/`summary`/`description`…, dropped when it is just the
//!   opening of the body (a truncated excerpt).
//! - **Key**: the URL, else `#N` (1-based position in the array or line in the file); a URL
//!   already used by an earlier record falls back to `#N` too, so keys stay unique.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::text::{add_text, inline_text, opens};
use super::{Item, date};
use crate::article::build::ArticleBuilder;

// Field names in priority order, compared after [`norm`]; space-separated.
const TITLE: &str = "title headline name";
const BODY: &str = "text content body article articlebody contenthtml contenttext fulltext \
                    bodytext bodyhtml maintext";
/// Deck fields that become the body when there is no text field.
const SUMMARY: &str = "description summary excerpt abstract";
const DECK: &str = "deck subtitle subheadline standfirst summary description excerpt abstract";
const URL: &str = "url link href canonicalurl permalink weburl externalurl";
const DATE: &str = "date published publishedat publisheddate publishdate pubdate datepublished \
                    publicationdate createdat datecreated created timestamp updated updatedat \
                    datemodified modified";
const AUTHOR: &str = "author authors byline creator by";
const SOURCE: &str = "source site sitename publisher sourcename provider";
/// Fields that usually hold the list of records, tried before any other array.
const WRAPPERS: &str = "articles items entries data results posts stories docs records news \
                        hits documents response feed";
/// How deep wrappers are searched.
const MAX_DEPTH: usize = 4;

pub fn parse(text: &str, clean: bool) -> Result<Vec<Item>, String> {
    let lines: Vec<(usize, Value)>;
    let (records, warnings) = match serde_json::from_str::<Value>(text) {
        Ok(value) => {
            lines = vec![(1, value)];
            (document_records(&lines[0].1), Vec::new())
        }
        Err(err) => {
            let (parsed, warnings, failed) = parse_lines(text);
            if parsed.is_empty() || failed > parsed.len() {
                return Err(invalid_json(&err));
            }
            lines = parsed;
            let records = lines
                .iter()
                .filter_map(|(line, value)| {
                    let fields = unwrap_record(value.as_object()?)?;
                    Some(Record {
                        fields,
                        position: *line,
                        source: None,
                    })
                })
                .collect();
            (records, warnings)
        }
    };
    if records.is_empty() {
        return Err(
            "no articles found in this JSON (expected objects with a title or text field)"
                .to_string(),
        );
    }
    let mut used = HashSet::new();
    let items = records
        .iter()
        .map(|record| {
            let mut item = to_item(record, clean, &mut used);
            item.article.warnings.extend(warnings.iter().cloned());
            item
        })
        .collect();
    Ok(items)
}

/// One line for serde's error: "invalid JSON at line 3, column 5: expected `,` or `}`".
fn invalid_json(err: &serde_json::Error) -> String {
    format!(
        "invalid JSON at line {}, column {}: {}",
        err.line(),
        err.column(),
        serde_message(err)
    )
}

/// serde's message without its " at line L column C" tail.
fn serde_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Each non-blank line as JSON: the objects (with their line numbers), a warning per line
/// skipped, and how many lines were not JSON at all.
fn parse_lines(text: &str) -> (Vec<(usize, Value)>, Vec<String>, usize) {
    let mut values = Vec::new();
    let mut warnings = Vec::new();
    let mut failed = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) if value.as_object().and_then(unwrap_record).is_some() => {
                values.push((i + 1, value));
            }
            Ok(_) => warnings.push(format!("line {}: not an article object, skipped", i + 1)),
            Err(err) => {
                failed += 1;
                warnings.push(format!(
                    "line {}: invalid JSON ({} at column {}), skipped",
                    i + 1,
                    serde_message(&err),
                    err.column()
                ));
            }
        }
    }
    (values, warnings, failed)
}

/// An object to read as an article, where it stood, and its wrapper's name.
struct Record<'a> {
    fields: &'a Map<String, Value>,
    position: usize,
    source: Option<String>,
}

/// The records of a whole JSON document.
fn document_records(value: &Value) -> Vec<Record<'_>> {
    let mut out = Vec::new();
    collect(value, None, 0, &mut out);
    out
}

fn collect<'a>(value: &'a Value, source: Option<&str>, depth: usize, out: &mut Vec<Record<'a>>) {
    match value {
        Value::Array(values) => {
            for (i, value) in values.iter().enumerate() {
                if let Some(fields) = value.as_object().and_then(unwrap_record) {
                    out.push(Record {
                        fields,
                        position: i + 1,
                        source: source.map(str::to_string),
                    });
                }
            }
        }
        Value::Object(map) => {
            if let Some(list) = wrapped_list(map) {
                let name = lookup(map, TITLE).and_then(single_line);
                collect(list, name.as_deref().or(source), depth + 1, out);
            } else if let Some(fields) = unwrap_record(map) {
                out.push(Record {
                    fields,
                    position: 1,
                    source: source.map(str::to_string),
                });
            } else if depth < MAX_DEPTH {
                // No article here: look inside (`{"data": {"posts": […]}}`).
                for value in map.values().filter(|v| v.is_object() || v.is_array()) {
                    collect(value, source, depth + 1, out);
                    if !out.is_empty() {
                        return;
                    }
                }
            }
        }
        _ => {}
    }
}

/// The field of `map` that holds its list of records: a known wrapper name first, else any
/// array of objects when `map` is not an article itself. A known wrapper holding no records
/// (`{"title": "Blog", "items": []}`) still counts when `map` has no text: an empty feed is
/// not an article.
fn wrapped_list(map: &Map<String, Value>) -> Option<&Value> {
    let is_records = |v: &Value| {
        v.as_array().is_some_and(|a| {
            a.iter()
                .any(|v| v.as_object().is_some_and(|o| unwrap_record(o).is_some()))
        })
    };
    let known: Vec<&Value> = map
        .iter()
        .filter(|(k, v)| v.is_array() && WRAPPERS.split_whitespace().any(|w| w == norm(k)))
        .map(|(_, v)| v)
        .collect();
    if let Some(list) = known.iter().find(|v| is_records(v)) {
        return Some(list);
    }
    if let Some(list) = known.first()
        && lookup(map, BODY).is_none()
    {
        return Some(list);
    }
    if is_article(map) {
        return None;
    }
    map.values().find(|v| is_records(v))
}

/// `map` itself when it is an article, else the one article object it wraps.
fn unwrap_record(map: &Map<String, Value>) -> Option<&Map<String, Value>> {
    if is_article(map) {
        return Some(map);
    }
    map.values()
        .filter_map(Value::as_object)
        .find(|inner| is_article(inner))
}

/// Has a title or a body (or a summary standing in for it).
fn is_article(map: &Map<String, Value>) -> bool {
    lookup(map, TITLE).and_then(single_line).is_some()
        || lookup(map, BODY).is_some()
        || lookup(map, SUMMARY).is_some()
}

/// Field names compared ignoring case, `_` and `-`.
fn norm(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first non-empty field among `names` (in their order).
fn lookup<'a>(map: &'a Map<String, Value>, names: &'static str) -> Option<&'a Value> {
    lookup_named(map, names).map(|(_, v)| v)
}

/// Like [`lookup`], with the name that matched.
fn lookup_named<'a>(
    map: &'a Map<String, Value>,
    names: &'static str,
) -> Option<(&'static str, &'a Value)> {
    names.split_whitespace().find_map(|name| {
        map.iter()
            .find(|(k, v)| norm(k) == name && has_text(v))
            .map(|(_, v)| (name, v))
    })
}

fn has_text(value: &Value) -> bool {
    match value {
        Value::String(s) => !s.trim().is_empty(),
        Value::Number(_) => true,
        Value::Array(a) => a.iter().any(has_text),
        Value::Object(_) => text_of(value).is_some(),
        Value::Null | Value::Bool(_) => false,
    }
}

/// The text a value stands for: a string, a number, an object's `name`/`rendered`/`text`…,
/// the texts of an array joined by ", ".
fn text_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(map) => {
            const INNER: &[&str] = &[
                "name", "title", "rendered", "text", "value", "html", "content",
            ];
            return INNER.iter().find_map(|name| {
                map.iter()
                    .find(|(k, _)| norm(k) == *name)
                    .and_then(|(_, v)| text_of(v))
            });
        }
        Value::Array(values) => values
            .iter()
            .filter_map(text_of)
            .collect::<Vec<_>>()
            .join(", "),
        Value::Null | Value::Bool(_) => String::new(),
    };
    (!text.is_empty()).then_some(text)
}

/// A value as one line of text, markup and entities removed.
fn single_line(value: &Value) -> Option<String> {
    let text = inline_text(&text_of(value)?);
    (!text.is_empty()).then_some(text)
}

fn to_item(record: &Record<'_>, clean: bool, used: &mut HashSet<String>) -> Item {
    let fields = record.fields;
    let title = lookup(fields, TITLE)
        .and_then(single_line)
        .unwrap_or_default();
    let mut builder = ArticleBuilder::new(&title, clean);

    let body = lookup_named(fields, BODY).or_else(|| lookup_named(fields, SUMMARY));
    let deck = DECK
        .split_whitespace()
        .filter(|name| body.is_none_or(|(used, _)| used != *name))
        .find_map(|name| lookup(fields, name).and_then(single_line));
    if let Some(deck) = &deck {
        builder.deck(deck);
    }

    let url = lookup(fields, URL).and_then(single_line);
    let meta = builder.meta_mut();
    meta.url = url.clone();
    meta.author = lookup(fields, AUTHOR).and_then(single_line);
    meta.source = lookup(fields, SOURCE)
        .and_then(single_line)
        .or_else(|| record.source.clone());
    if let Some(raw) = lookup(fields, DATE).and_then(text_of) {
        match date::normalize_or_warn(&raw) {
            Ok(iso) => builder.meta_mut().published = Some(iso),
            Err(warning) => {
                builder.warn(warning);
            }
        }
    }

    match body.map(|(_, v)| v) {
        Some(Value::Array(parts)) => {
            for part in parts.iter().filter_map(text_of) {
                add_text(&part, &mut builder);
            }
        }
        Some(value) => add_text(&text_of(value).unwrap_or_default(), &mut builder),
        None => {}
    }
    let mut article = builder.finish();
    if article
        .deck
        .as_deref()
        .is_some_and(|deck| opens(&article.body, deck))
    {
        article.deck = None;
    }

    let position_key = format!("#{}", record.position);
    let key = match url {
        Some(url) if used.insert(url.clone()) => url,
        _ => {
            used.insert(position_key.clone());
            position_key
        }
    };
    Item {
        key: Some(key),
        article,
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::{has_entity, looks_like_html};
    use super::*;
    use crate::article::{Article, BlockKind};

    fn items(text: &str) -> Vec<Item> {
        let items = parse(text, true).expect("parses");
        for item in &items {
            assert_eq!(item.article.check_blocks(), Ok(()));
        }
        items
    }

    fn one(text: &str) -> Article {
        let mut items = items(text);
        assert_eq!(items.len(), 1);
        items.remove(0).article
    }

    #[test]
    fn field_names_and_value_shapes() {
        let a = one(
            r#"{"Headline": "Pact &amp; treaty", "articleBody": "One.\n\nTwo.",
            "published_at": "Wed, 19 Jun 2024 10:00:00 GMT", "webUrl": "https://x.org/a",
            "author": [{"name": "Ann Lee"}, "Bo Chen"], "source": {"id": "w", "name": "Wire"},
            "subtitle": "The <i>deck</i>"}"#,
        );
        assert_eq!(a.title, "Pact & treaty");
        assert_eq!(a.body, "One.\n\nTwo.");
        assert_eq!(a.deck.as_deref(), Some("The deck"));
        assert_eq!(a.meta.author.as_deref(), Some("Ann Lee, Bo Chen"));
        assert_eq!(a.meta.source.as_deref(), Some("Wire"));
        assert_eq!(a.meta.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-06-19T10:00:00Z"));
    }

    #[test]
    fn empty_fields_fall_through_to_the_next_name() {
        let a = one(
            r#"{"title": "", "headline": "H", "text": "  ", "content": "Body.",
            "date": null, "pubDate": 1718791200, "author": [], "byline": "By Ann"}"#,
        );
        assert_eq!(a.title, "H");
        assert_eq!(a.body, "Body.");
        assert_eq!(a.meta.published.as_deref(), Some("2024-06-19T10:00:00Z"));
        assert_eq!(a.meta.author.as_deref(), Some("By Ann"));
        let a = one(r#"{"title": "T", "date": "last week"}"#);
        assert_eq!(a.warnings, ["unrecognised date \"last week\" ignored"]);
        assert_eq!((a.body.as_str(), a.meta.published.as_deref()), ("", None));
    }

    #[test]
    fn html_body_vs_plain_body() {
        let a = one(
            r#"{"title": "T", "content": {"rendered": "<p>One <b>bold</b>.</p><h2>Part</h2><p>Two.</p>"}}"#,
        );
        assert_eq!(a.body, "One bold.\n\nPart\n\nTwo.");
        assert_eq!(a.blocks[1].kind, BlockKind::Heading);
        // "<" in prose is not markup: plain lines, each its own paragraph.
        let a = one(
            r#"{"title": "T", "text": "If a < b then <Name> wins.\nShare on Facebook\nNext line.\nhttps://x.org/long/path"}"#,
        );
        assert_eq!(
            a.body,
            "If a < b then <Name> wins.\n\nNext line.\n\nhttps://x.org/long/path"
        );
        assert_eq!(a.removed.len(), 1);
        assert_eq!(a.blocks[2].kind, BlockKind::Link);
        // A body given as an array of paragraphs.
        let a = one(r#"{"title": "T", "body": ["First.", "<p>Second.</p>"]}"#);
        assert_eq!(a.body, "First.\n\nSecond.");
    }

    #[test]
    fn hard_wrapped_plain_text_is_joined() {
        let line = "word ".repeat(14);
        let text = format!("{}\n{}\nend.", line.trim(), line.trim());
        let json = serde_json::json!({"title": "T", "text": text}).to_string();
        assert_eq!(one(&json).blocks.len(), 1);
    }

    #[test]
    fn description_is_the_body_without_text_or_a_deck_beside_it() {
        let a = one(r#"{"title": "T", "description": "Only a summary."}"#);
        assert_eq!(
            (a.body.as_str(), a.deck.as_deref()),
            ("Only a summary.", None)
        );
        let a = one(
            r#"{"title": "T", "description": "The lead sente…", "text": "The lead sentence here."}"#,
        );
        assert_eq!(a.deck, None, "an excerpt of the body is no deck");
        let a = one(r#"{"title": "T", "description": "Another angle.", "text": "Body."}"#);
        assert_eq!(a.deck.as_deref(), Some("Another angle."));
    }

    #[test]
    fn wrappers_and_keys() {
        let all = items(
            r#"{"status": "ok", "data": {"posts": [
            {"title": "A", "url": "https://x.org/a"}, {"title": "B"}, 5,
            {"title": "C", "url": "https://x.org/a"}, {"_source": {"title": "D"}}]}}"#,
        );
        let keys: Vec<&str> = all.iter().filter_map(|i| i.key.as_deref()).collect();
        assert_eq!(keys, ["https://x.org/a", "#2", "#4", "#5"]);
        assert_eq!(all[3].article.title, "D");
        // A JSON Feed: the wrapper's title is the source.
        let all = items(
            r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Blog",
            "items": [{"id": "1", "content_text": "Hi.", "date_published": "2024-06-19"}]}"#,
        );
        assert_eq!(all[0].article.meta.source.as_deref(), Some("Blog"));
        assert_eq!(all[0].article.body, "Hi.");
    }

    #[test]
    fn json_lines_skip_bad_lines_with_a_warning() {
        let all = items("{\"title\": \"A\"}\n\n{\"title\": oops}\n[1]\n{\"title\": \"B\"}\n");
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].key.as_deref(), Some("#5"));
        assert_eq!(
            all[0].article.warnings,
            [
                "line 3: invalid JSON (expected value at column 11), skipped",
                "line 4: not an article object, skipped"
            ]
        );
        assert_eq!(all[0].article.warnings, all[1].article.warnings);
    }

    #[test]
    fn errors_are_one_line() {
        let err = |text: &str| parse(text, true).expect_err("fails");
        assert_eq!(
            err("{\n  \"title\": \"A\",\n  \"text\" \"B\"\n}"),
            "invalid JSON at line 3, column 10: expected `:`"
        );
        assert_eq!(
            err("{\"title\": 1,}\n{oops}\n"),
            "invalid JSON at line 1, column 13: trailing comma"
        );
        let none = "no articles found in this JSON (expected objects with a title or text field)";
        assert_eq!(err("[1, 2]"), none);
        assert_eq!(err(r#"{"count": 0, "items": []}"#), none);
        assert_eq!(err(r#"{"title": "Blog", "items": []}"#), none);
    }

    #[test]
    fn html_detection() {
        for html in [
            "<p>x</p>",
            "a<br/>b",
            "x <a href=\"u\">y</a>",
            "</div>",
            "<BR>",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for text in ["a < b", "<Name>", "x<y", "<3 you", "1 <p"] {
            assert!(!looks_like_html(text), "{text}");
        }
        assert!(has_entity("AT&amp;T &#8217; &#x2019;"));
        assert!(!has_entity("R&D; Tom & Jerry;"));
    }
}
