//! The JSON report of `lede analyze`: a stable interface for scripts.
//!
//! Offsets inside the program are bytes; here, at the edge, they become Unicode code points
//! (end-exclusive), which is what other languages index strings by.

use serde_json::{Value, json};

use super::Analysis;
use crate::article::Article;

/// Converts byte offsets of one text to code-point offsets. Queries in increasing order cost
/// one pass over the text in total.
struct CodePoints<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CodePoints<'a> {
    fn new(text: &'a str) -> Self {
        CodePoints {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// The report object for one article. `path` is shown as given (`-` for stdin).
pub fn report(path: &str, article: &Article, analysis: &Analysis) -> Value {
    let body = &article.body;
    let mut cp = CodePoints::new(body);
    let sections: Vec<Value> = analysis
        .sections
        .iter()
        .map(|s| {
            json!({
                "heading": &body[s.heading.clone()],
                "start": cp.at(s.heading.start),
                "end": cp.at(s.end),
            })
        })
        .collect();
    let entities: Vec<Value> = analysis
        .entities
        .iter()
        .map(|e| {
            json!({
                "text": &body[e.range.clone()],
                "kind": e.kind.as_str(),
                "start": cp.at(e.range.start),
                "end": cp.at(e.range.end),
            })
        })
        .collect();
    let quotes: Vec<Value> = analysis
        .quotes
        .iter()
        .map(|q| {
            let speaker = q.speaker.clone();
            let (s_start, s_end) = match &speaker {
                Some(r) => (Some(cp.at(r.start)), Some(cp.at(r.end))),
                None => (None, None),
            };
            // `speaker` is who (the full name); `speaker_start`/`speaker_end` and
            // `speaker_mention` are where the text names them for this quotation, which
            // may be a short form, a role or a pronoun ("he").
            json!({
                "text": &body[q.range.clone()],
                "start": cp.at(q.range.start),
                "end": cp.at(q.range.end),
                "short": q.short,
                "speaker": q.speaker_name.as_deref().or(speaker.clone().map(|r| &body[r])),
                "speaker_mention": speaker.map(|r| &body[r]),
                "speaker_start": s_start,
                "speaker_end": s_end,
            })
        })
        .collect();
    let removed: Vec<Value> = article
        .removed
        .iter()
        .map(|r| json!({"text": r.text, "reason": r.reason.as_str(), "line": r.line}))
        .collect();
    let meta = &article.meta;
    json!({
        "path": path,
        "title": article.title,
        "deck": article.deck,
        "author": meta.author,
        "source": meta.source,
        "url": meta.url,
        "date": meta.published,
        "body": body,
        "sections": sections,
        "entities": entities,
        "quotes": quotes,
        "removed": removed,
        "warnings": article.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Section;

    #[test]
    fn offsets_are_code_points() {
        let body = "Éé “Quoted” heading\n\nnext".to_string();
        let start = body.find('“').expect("quote");
        let article = Article {
            body: body.clone(),
            ..Article::default()
        };
        let analysis = Analysis {
            sections: vec![Section {
                heading: start..body.find("\n\n").expect("gap"),
                end: body.len(),
            }],
            ..Analysis::default()
        };
        let v = report("x.txt", &article, &analysis);
        let s = &v["sections"][0];
        assert_eq!(s["start"], 3);
        assert_eq!(s["end"], body.chars().count());
        assert_eq!(s["heading"], "“Quoted” heading");
        let chars: Vec<char> = body.chars().collect();
        let from_offsets: String = chars[3..3 + 16].iter().collect();
        assert_eq!(from_offsets, "“Quoted” heading");
    }
}
