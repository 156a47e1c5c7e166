//! JSON-LD (`<script type="application/ld+json">`): what a page says about its article in
//! schema.org terms. News sites publish it for search engines, so it is usually right about
//! the headline, date, author and publisher, and sometimes holds the whole `articleBody`.

use serde_json::Value;

/// The article facts found in a page's JSON-LD blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LdArticle {
    pub headline: Option<String>,
    pub description: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub body: Option<String>,
}

/// schema.org types that describe an article (or a page whose main entity is one).
fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    matches!(
        t,
        "NewsArticle"
            | "Article"
            | "ReportageNewsArticle"
            | "AnalysisNewsArticle"
            | "OpinionNewsArticle"
            | "BackgroundNewsArticle"
            | "ReviewNewsArticle"
            | "BlogPosting"
            | "LiveBlogPosting"
            | "SocialMediaPosting"
            | "ScholarlyArticle"
            | "TechArticle"
            | "Report"
    )
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Parses JSON-LD script texts and merges what they say about the article: the first
/// article object found gives each field; `WebSite`/`Organization` objects may name the
/// publisher when the article does not.
pub fn read(scripts: &[String]) -> LdArticle {
    let values: Vec<Value> = scripts.iter().filter_map(|s| parse_lenient(s)).collect();
    let mut objects = Vec::new();
    for v in &values {
        collect(v, &mut objects, 0);
    }
    let mut out = LdArticle::default();
    let mut site = None;
    for obj in &objects {
        let ts = types(obj);
        if ts.iter().any(|t| is_article_type(t)) {
            merge(obj, &mut out);
        } else if ts
            .iter()
            .any(|t| matches!(*t, "WebSite" | "NewsMediaOrganization"))
            && site.is_none()
        {
            site = string(obj.get("name"));
        }
    }
    if out.publisher.is_none() {
        out.publisher = site;
    }
    out
}

fn merge(obj: &Value, out: &mut LdArticle) {
    fill(
        &mut out.headline,
        string(obj.get("headline")).or_else(|| string(obj.get("name"))),
    );
    fill(&mut out.description, string(obj.get("description")));
    fill(
        &mut out.published,
        string(obj.get("datePublished")).or_else(|| string(obj.get("dateCreated"))),
    );
    if out.authors.is_empty() {
        out.authors = names(obj.get("author"));
        if out.authors.is_empty() {
            out.authors = names(obj.get("creator"));
        }
    }
    fill(
        &mut out.publisher,
        names(obj.get("publisher")).into_iter().next(),
    );
    let entity = obj.get("mainEntityOfPage").and_then(|m| match m {
        Value::String(s) => Some(s.clone()),
        other => string(other.get("@id")).or_else(|| string(other.get("url"))),
    });
    fill(&mut out.url, string(obj.get("url")).or(entity));
    let body = string(obj.get("articleBody")).or_else(|| string(obj.get("text")));
    if body.as_ref().map_or(0, |b| b.len()) > out.body.as_ref().map_or(0, |b| b.len()) {
        out.body = body;
    }
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value.filter(|v| !v.trim().is_empty());
    }
}

/// Gathers every object of the document: top-level arrays, `@graph`, and objects nested
/// under `mainEntity`.
fn collect<'v>(v: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => {
            for item in items {
                collect(item, out, depth + 1);
            }
        }
        Value::Object(map) => {
            out.push(v);
            for key in ["@graph", "mainEntity", "itemListElement"] {
                if let Some(inner) = map.get(key) {
                    collect(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// A string field, or the text of a one-element list of strings.
fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| string(Some(x))),
        _ => None,
    }
}

/// Names of persons or organisations: a string, an object with `name`, or a list of
/// either.
fn names(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: Option<String>| {
        if let Some(n) = name
            && !n.starts_with("http")
            && !out.contains(&n)
        {
            out.push(n);
        }
    };
    match v {
        Some(Value::String(s)) => push(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(Value::Array(items)) => {
            for item in items {
                match item {
                    Value::String(s) => push(Some(s.trim().to_string())),
                    other => push(string(other.get("name"))),
                }
            }
        }
        Some(other) => push(string(other.get("name"))),
        None => {}
    }
    out.retain(|n| !n.is_empty());
    out
}

/// JSON as sites write it: raw newlines and tabs inside strings (invalid JSON) are
/// common, as are HTML comments or CDATA wrappers around the script.
fn parse_lenient(text: &str) -> Option<Value> {
    let text = text
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    if let Ok(v) = serde_json::from_str(text) {
        return Some(v);
    }
    // Escape control characters inside strings (a raw newline keeps its meaning).
    let mut cleaned = String::with_capacity(text.len() + 16);
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        match c {
            '\n' if in_string => cleaned.push_str("\\n"),
            c if c.is_control() => cleaned.push(' '),
            '"' if !escaped => {
                in_string = !in_string;
                cleaned.push(c);
            }
            c => cleaned.push(c),
        }
        escaped = in_string && c == '\\' && !escaped;
    }
    serde_json::from_str(&cleaned).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_news_article_in_a_graph() {
        let script = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Daily Planet"},
            {"@type":"NewsArticle","headline":"Dam opens",
             "datePublished":"2024-06-19T10:00:00+01:00",
             "author":[{"@type":"Person","name":"Lois Lane"},{"name":"Clark Kent"}],
             "articleBody":"The dam opened.
Crowds came.",
             "mainEntityOfPage":{"@id":"https://planet.example/dam"}}]}"#;
        let ld = read(&[script.to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("Dam opens"));
        assert_eq!(ld.authors, ["Lois Lane", "Clark Kent"]);
        assert_eq!(ld.publisher.as_deref(), Some("Daily Planet"));
        assert_eq!(ld.url.as_deref(), Some("https://planet.example/dam"));
        assert_eq!(ld.body.as_deref(), Some("The dam opened.\nCrowds came."));
    }

    #[test]
    fn ignores_broken_and_unrelated_json() {
        let ld = read(&[
            "{not json".to_string(),
            r#"{"@type":"BreadcrumbList","name":"x"}"#.to_string(),
            r#"[{"@type":["NewsArticle"],"author":"https://x.example/me","publisher":{"name":"P"}}]"#
                .to_string(),
        ]);
        assert_eq!(ld.headline, None);
        assert!(ld.authors.is_empty());
        assert_eq!(ld.publisher.as_deref(), Some("P"));
    }
}
