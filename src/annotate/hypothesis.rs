//! hypothes.is JSON import: an API search result (`{"rows": [...]}`), the client's export
//! (`{"annotations": [...]}`), a bare list, or a single annotation. Each row's `target`
//! holds its `source` and selectors (`RangeSelector`, `TextPositionSelector`,
//! `TextQuoteSelector`); rows without a selector (page notes, replies) become page notes.

use serde::Deserialize;
use serde_json::Value;

use super::import::{Incoming, Parsed, Selector, push_tag, target_of, typed, utc_time, uuid_for};

#[derive(Deserialize)]
struct Rows {
    rows: Vec<Row>,
}

#[derive(Deserialize)]
struct Export {
    annotations: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    id: Option<String>,
    uri: Option<String>,
    text: Option<String>,
    tags: Option<Vec<String>>,
    created: Option<String>,
    updated: Option<String>,
    #[serde(default)]
    target: Vec<RowTarget>,
}

#[derive(Deserialize)]
struct RowTarget {
    source: Option<String>,
    selector: Option<Vec<Selector>>,
}

/// `value` is `text` already parsed; `text` is parsed again into typed rows so that a
/// field of the wrong type is reported with its line and column.
pub(super) fn parse(text: &str, value: &Value) -> Result<Parsed, String> {
    let rows: Vec<Row> = match value {
        Value::Object(map) if map.contains_key("rows") => typed::<Rows>(text)?.rows,
        Value::Object(map) if map.contains_key("annotations") => typed::<Export>(text)?.annotations,
        Value::Array(_) => typed(text)?,
        _ => vec![typed::<Row>(text)?],
    };
    let items = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let label = row.id.clone().unwrap_or_else(|| format!("{}", i + 1));
            row.incoming()
                .map_err(|e| format!("annotation {label}: {e}"))
        })
        .collect::<Result<_, _>>()?;
    Ok(Parsed {
        items,
        format: "hypothes.is",
    })
}

impl Row {
    fn incoming(self) -> Result<Incoming, String> {
        let chosen = self
            .target
            .iter()
            .position(|t| t.selector.as_ref().is_some_and(|s| !s.is_empty()))
            .unwrap_or(0);
        let (source, selectors) = match self.target.into_iter().nth(chosen) {
            Some(t) => (t.source, t.selector.unwrap_or_default()),
            None => (None, Vec::new()),
        };
        let source = source.or(self.uri);
        let (target, has_position) = target_of(&selectors)?;
        let mut tags = Vec::new();
        for tag in self.tags.unwrap_or_default() {
            push_tag(&mut tags, &tag);
        }
        let note = self.text.unwrap_or_default();
        let id = match self.id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => format!("https://hypothes.is/a/{id}"),
            _ => String::new(),
        };
        let created = utc_time(self.created.as_deref(), "created")?;
        let modified = match self.updated.as_deref() {
            Some(t) => utc_time(Some(t), "updated")?,
            None => created.clone(),
        };
        Ok(Incoming {
            id: uuid_for(&id, || format!("{source:?}{target:?}{created}{note}")),
            source,
            uid: None,
            path: None,
            item: None,
            target,
            has_position,
            colour: 0,
            note,
            tags,
            created,
            modified,
            content_hash: None,
            status: None,
        })
    }
}
