//! Reading CoNLL files (`token<TAB>tag`, IOB2, blank line between sentences, `-DOCSTART-`
//! between documents) and aligning their tokens with lede's tokenizer.
//!
//! spaCy (the silver teacher) splits hyphenated words (`Jong - un`) where lede keeps one
//! token (`Jong-un`). [`join_hyphens`] re-joins them: training sees what the runtime sees,
//! and evaluation maps predictions back onto the file's own tokens.

use std::ops::Range;

use crate::analysis::EntityKind;
use crate::analysis::tokenize::{Token, TokenKind};

/// What a file's entity label means for lede.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Kind(EntityKind),
    /// A gold entity with no lede kind (WikiGold `MISC`): not scored either way.
    Unscored,
}

/// Maps OntoNotes (silver) and CoNLL-2003 (WikiGold) types.
pub fn map_label(t: &str) -> Option<Label> {
    use EntityKind as K;
    Some(Label::Kind(match t {
        "PERSON" | "PER" => K::Person,
        "NORP" | "LANGUAGE" => K::Group,
        "FAC" | "GPE" | "LOC" => K::Place,
        "ORG" => K::Organization,
        "PRODUCT" => K::Product,
        "EVENT" => K::Event,
        "WORK_OF_ART" => K::Work,
        "LAW" => K::Law,
        "DATE" => K::Date,
        "TIME" => K::Time,
        "PERCENT" => K::Percent,
        "MONEY" => K::Money,
        "QUANTITY" | "ORDINAL" | "CARDINAL" => K::Number,
        "MISC" => return Some(Label::Unscored),
        _ => return None,
    }))
}

#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub words: Vec<String>,
    pub spans: Vec<(Range<usize>, Label)>,
}

#[derive(Clone, Debug, Default)]
pub struct Document {
    pub sentences: Vec<Sentence>,
}

/// Whether the file uses CoNLL-2003 types (PER/LOC/ORG/MISC) rather than OntoNotes.
pub fn is_conll2003(docs: &[Document]) -> bool {
    !docs
        .iter()
        .flat_map(|d| &d.sentences)
        .flat_map(|s| &s.spans)
        .any(|(_, l)| {
            matches!(
                l,
                Label::Kind(
                    EntityKind::Group
                        | EntityKind::Date
                        | EntityKind::Number
                        | EntityKind::Money
                        | EntityKind::Percent
                        | EntityKind::Time
                )
            )
        })
}

/// Parses a CoNLL file. Unknown types are an error (a silent drop would inflate scores).
pub fn parse(text: &str) -> Result<Vec<Document>, String> {
    let mut docs = vec![Document::default()];
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush = |docs: &mut Vec<Document>, words: &mut Vec<String>, tags: &mut Vec<String>| {
        if words.is_empty() {
            return Ok::<(), String>(());
        }
        let spans = iob_spans(tags)?;
        if let Some(d) = docs.last_mut() {
            d.sentences.push(Sentence {
                words: std::mem::take(words),
                spans,
            });
        }
        tags.clear();
        Ok(())
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("-DOCSTART-") {
            flush(&mut docs, &mut words, &mut tags)?;
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(Document::default());
            }
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut docs, &mut words, &mut tags)?;
            continue;
        }
        let mut parts = line.split(['\t', ' ']).filter(|p| !p.is_empty());
        let (Some(word), Some(tag)) = (parts.next(), parts.next_back()) else {
            return Err(format!("line {}: expected `token<TAB>tag`", n + 1));
        };
        words.push(word.to_string());
        tags.push(tag.to_string());
    }
    flush(&mut docs, &mut words, &mut tags)?;
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

/// Spans of IOB2 (or IO) tags.
fn iob_spans(tags: &[String]) -> Result<Vec<(Range<usize>, Label)>, String> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, ty) = match t.split_once('-') {
            Some((p, ty)) => (p, ty),
            None if t == "O" => ("O", ""),
            None => return Err(format!("bad tag `{t}`")),
        };
        let continues = prefix == "I" && open.is_some_and(|(_, o)| o == ty);
        if !continues {
            if let Some((s, o)) = open.take() {
                out.push((s, i, o));
            }
            if prefix != "O" {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, o)) = open {
        out.push((s, tags.len(), o));
    }
    out.into_iter()
        .filter_map(|(s, e, ty)| match map_label(ty) {
            Some(l) => Some(Ok((s..e, l))),
            None if ty.is_empty() => None,
            None => Some(Err(format!("unknown entity type `{ty}`"))),
        })
        .collect()
}

fn alnum_edge(w: &str, last: bool) -> bool {
    let c = if last {
        w.chars().next_back()
    } else {
        w.chars().next()
    };
    c.is_some_and(char::is_alphanumeric)
}

/// Re-joins `a - b` into `a-b`. Returns the joined words and, for each, the range of
/// original tokens it covers.
pub fn join_hyphens(words: &[String]) -> (Vec<String>, Vec<Range<usize>>) {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut map: Vec<Range<usize>> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let joinable = |j: usize| {
            words[j] == "-"
                && j + 1 < words.len()
                && alnum_edge(&words[j + 1], false)
                && out.last().is_some_and(|w: &String| alnum_edge(w, true))
        };
        if !out.is_empty() && joinable(i) {
            let (Some(w), Some(r)) = (out.last_mut(), map.last_mut()) else {
                break;
            };
            w.push('-');
            w.push_str(&words[i + 1]);
            r.end = i + 2;
            i += 2;
            continue;
        }
        out.push(words[i].clone());
        map.push(i..i + 1);
        i += 1;
    }
    (out, map)
}

/// Maps original-token spans onto joined tokens, dropping spans that start or end inside a
/// joined word (the runtime could not produce them).
pub fn spans_to_joined<L: Copy>(
    spans: &[(Range<usize>, L)],
    map: &[Range<usize>],
) -> Vec<(Range<usize>, L)> {
    let mut start_of = vec![None; map.last().map_or(0, |r| r.end)];
    let mut end_of = vec![None; start_of.len() + 1];
    for (j, r) in map.iter().enumerate() {
        start_of[r.start] = Some(j);
        end_of[r.end] = Some(j + 1);
    }
    spans
        .iter()
        .filter_map(|(r, l)| {
            let s = start_of.get(r.start).copied().flatten()?;
            let e = end_of.get(r.end).copied().flatten()?;
            Some((s..e, *l))
        })
        .collect()
}

/// Drops a leading "the"/"The" from a span: lede marks names ("International Criminal
/// Court"), not noun phrases; the silver teacher includes the article in some spans, CoNLL
/// and WikiGold never do. Applied to training labels and to gold spans in evaluation alike.
pub fn strip_article<L: Copy>(words: &[String], spans: &mut [(Range<usize>, L)]) {
    for (r, _) in spans {
        if r.len() > 1 && matches!(words[r.start].as_str(), "the" | "The") {
            r.start += 1;
        }
    }
}

/// A text of `words` joined by spaces, with a token per word, so the runtime pipeline can
/// run over given tokens.
pub fn text_and_tokens(words: &[String]) -> (String, Vec<Token>) {
    let mut text = String::new();
    let mut tokens = Vec::with_capacity(words.len());
    for w in words {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(w);
        let kind = if w.chars().all(|c| c.is_numeric() || c == '.' || c == ',') {
            TokenKind::Number
        } else if w.chars().next().is_some_and(char::is_alphanumeric) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        tokens.push(Token {
            range: start..text.len(),
            kind,
        });
    }
    (text, tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_joins_hyphens() {
        let docs = parse(
            "-DOCSTART-\n\nKim\tB-PERSON\nJong\tI-PERSON\n-\tI-PERSON\nun\tI-PERSON\nsaid\tO\n\n",
        )
        .expect("parses");
        let s = &docs[0].sentences[0];
        assert_eq!(s.spans, vec![(0..4, Label::Kind(EntityKind::Person))]);
        let (w, map) = join_hyphens(&s.words);
        assert_eq!(w, ["Kim", "Jong-un", "said"]);
        assert_eq!(
            spans_to_joined(&s.spans, &map),
            vec![(0..2, Label::Kind(EntityKind::Person))]
        );
        assert!(parse("a\tB-WHAT\n").is_err());
    }
}
