//! Entity evaluation: exact-span precision, recall and F1 per kind, on CoNLL files
//! (silver OntoNotes or CoNLL-2003 gold such as WikiGold) and on the GUM news gold JSON.
//!
//! A predicted mention counts only if its start, end and kind all match a gold mention.
//! - CoNLL: the file's own tokens are tagged (hyphenated words re-joined as the runtime
//!   tokenizer would, predictions mapped back onto the file's tokens). With CoNLL-2003 types
//!   only person / place / organization are scored (`MISC` has no lede kind). A leading
//!   "the"/"The" is dropped from gold spans (see [`conll::strip_article`]): lede marks names.
//! - GUM: the body is analysed like any article (lines as blocks). Only GUM's person / place
//!   / organization mentions are scored, with two normalisations, because lede marks names,
//!   not noun phrases (as CoNLL and OntoNotes do): a leading "the"/"The" and a trailing
//!   possessive `'s`/`’s` are dropped from gold mentions ("the United States" → "United
//!   States", "Warhol's" → "Warhol"). Predicted mentions of other kinds are not scored.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;

use crate::analysis::EntityKind;
use crate::analysis::ner::conll::{self, Label};
use crate::analysis::ner::model::Model;
use crate::analysis::ner::{self, tag_document};

/// Scored mentions as `(start, end, kind)`.
pub type SpanSet = HashSet<(usize, usize, EntityKind)>;

/// Gold, predicted and correct counts for one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.correct += o.correct;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Per-kind counts; `Display` prints the table.
#[derive(Clone, Debug, Default)]
pub struct EvalReport {
    pub title: String,
    pub kinds: BTreeMap<EntityKind, Counts>,
}

const PLACE_ORG_PERSON: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
];

impl EvalReport {
    /// All scored kinds together.
    pub fn overall(&self) -> Counts {
        let mut c = Counts::default();
        self.kinds.values().for_each(|k| c.add(*k));
        c
    }

    /// Person, organization and place together.
    pub fn names(&self) -> Counts {
        let mut c = Counts::default();
        for k in PLACE_ORG_PERSON {
            if let Some(x) = self.kinds.get(&k) {
                c.add(*x);
            }
        }
        c
    }

    /// Counts for one kind (zero if it was not scored).
    pub fn kind(&self, kind: EntityKind) -> Counts {
        self.kinds.get(&kind).copied().unwrap_or_default()
    }

    fn score(
        &mut self,
        gold: &HashSet<(usize, usize, EntityKind)>,
        pred: &HashSet<(usize, usize, EntityKind)>,
    ) {
        for g in gold {
            self.kinds.entry(g.2).or_default().gold += 1;
        }
        for p in pred {
            let c = self.kinds.entry(p.2).or_default();
            c.predicted += 1;
            if gold.contains(p) {
                c.correct += 1;
            }
        }
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.title.is_empty() {
            writeln!(f, "{}", self.title)?;
        }
        writeln!(
            f,
            "{:<28} {:>6} {:>9} {:>6} {:>6} {:>6}",
            "kind", "gold", "predicted", "P", "R", "F1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: Counts| {
            writeln!(
                f,
                "{:<28} {:>6} {:>9} {:>6.3} {:>6.3} {:>6.3}",
                name,
                c.gold,
                c.predicted,
                c.precision(),
                c.recall(),
                c.f1()
            )
        };
        for (k, c) in &self.kinds {
            row(f, k.as_str(), *c)?;
        }
        row(f, "person+organization+place", self.names())?;
        row(f, "overall", self.overall())
    }
}

/// Evaluates the bundled model on a CoNLL file.
pub fn eval_conll(path: &Path) -> Result<EvalReport, String> {
    eval_conll_with(ner::bundled(), path)
}

/// Evaluates `model` on a CoNLL file.
pub fn eval_conll_with(model: &Model, path: &Path) -> Result<EvalReport, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let docs = conll::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut r = eval_documents(model, &docs);
    r.title = format!("{} (exact span)", path.display());
    Ok(r)
}

/// Evaluates `model` on parsed CoNLL documents.
pub fn eval_documents(model: &Model, docs: &[conll::Document]) -> EvalReport {
    let mut report = EvalReport::default();
    for_each_document(model, docs, &mut |_, gold, pred| report.score(gold, pred));
    report
}

/// The mistakes of `model` on CoNLL documents: `(mention text, kind, predicted)` for every
/// predicted mention not in the gold set (`predicted` true) and every gold mention missed.
pub fn errors(model: &Model, docs: &[conll::Document]) -> Vec<(String, EntityKind, bool)> {
    let mut out = Vec::new();
    for_each_document(model, docs, &mut |words, gold, pred| {
        let text = |s: usize, e: usize| words[s..e].join(" ");
        for &(s, e, k) in pred.difference(gold) {
            out.push((text(s, e), k, true));
        }
        for &(s, e, k) in gold.difference(pred) {
            out.push((text(s, e), k, false));
        }
    });
    out
}

/// Tags every document and hands its words, gold and predicted mentions (token offsets
/// into the words) to `f`.
fn for_each_document(
    model: &Model,
    docs: &[conll::Document],
    f: &mut dyn FnMut(&[&str], &SpanSet, &SpanSet),
) {
    let only_names = conll::is_conll2003(docs);
    let scored = |k: EntityKind| !only_names || PLACE_ORG_PERSON.contains(&k);
    for doc in docs {
        // Join hyphens per sentence, then tag the document's sentences as runs of one text.
        let mut words = Vec::new();
        let mut runs = Vec::new();
        let mut back = Vec::new(); // joined token -> (sentence, original range)
        for (si, s) in doc.sentences.iter().enumerate() {
            let (joined, map) = conll::join_hyphens(&s.words);
            let start = words.len();
            words.extend(joined);
            runs.push(start..words.len());
            back.extend(map.into_iter().map(|r| (si, r)));
        }
        let (text, tokens) = conll::text_and_tokens(&words);
        let spans = tag_document(model, &text, &tokens, &runs);
        let mut gold = HashSet::new();
        let mut pred = HashSet::new();
        let mut offset = 0;
        let mut sentence_start = Vec::new();
        for s in &doc.sentences {
            sentence_start.push(offset);
            let mut spans = s.spans.clone();
            conll::strip_article(&s.words, &mut spans);
            for (r, l) in &spans {
                if let Label::Kind(k) = l
                    && scored(*k)
                {
                    gold.insert((offset + r.start, offset + r.end, *k));
                }
            }
            offset += s.words.len();
        }
        for (r, k) in spans {
            if !scored(k) {
                continue;
            }
            let (s0, a) = &back[r.start];
            let (_, b) = &back[r.end - 1];
            pred.insert((
                sentence_start[*s0] + a.start,
                sentence_start[*s0] + b.end,
                k,
            ));
        }
        let all: Vec<&str> = doc
            .sentences
            .iter()
            .flat_map(|s| s.words.iter().map(String::as_str))
            .collect();
        f(&all, &gold, &pred);
    }
}

/// Evaluates the bundled model on the GUM news gold folder.
pub fn eval_gum(dir: &Path) -> Result<EvalReport, String> {
    eval_gum_with(ner::bundled(), dir)
}

/// Evaluates `model` on a folder of `<doc>.txt` + `<doc>.gold.json` pairs.
pub fn eval_gum_with(model: &Model, dir: &Path) -> Result<EvalReport, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no *.gold.json files", dir.display()));
    }
    let mut report = EvalReport {
        title: format!(
            "{} (GUM news, exact span, leading \"the\" and trailing 's dropped)",
            dir.display()
        ),
        ..EvalReport::default()
    };
    for path in paths {
        let (body, gold) = read_gum(&path)?;
        let blocks = line_blocks(&body);
        let pred: HashSet<_> = ner::entities_with(model, &body, &blocks)
            .into_iter()
            .filter(|e| PLACE_ORG_PERSON.contains(&e.kind))
            .map(|e| (e.range.start, e.range.end, e.kind))
            .collect();
        report.score(&gold, &pred);
    }
    Ok(report)
}

fn line_blocks(body: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        blocks.push(at..at + line.len());
        at += line.len();
    }
    blocks
}

/// The body of a GUM document and its scored gold mentions as byte spans.
pub fn read_gum(json_path: &Path) -> Result<(String, SpanSet), String> {
    let err = |e: String| format!("{}: {e}", json_path.display());
    let json = std::fs::read_to_string(json_path).map_err(|e| err(e.to_string()))?;
    let v: serde_json::Value = serde_json::from_str(&json).map_err(|e| err(e.to_string()))?;
    let txt_name = v["text_file"]
        .as_str()
        .ok_or_else(|| err("no text_file".into()))?;
    let txt_path = json_path.with_file_name(txt_name);
    let text = std::fs::read_to_string(&txt_path).map_err(|e| err(format!("{txt_name}: {e}")))?;
    let headline_len = text.find('\n').unwrap_or(text.len());
    let body = text.get(headline_len + 2..).unwrap_or("").to_string();
    // Code point → byte offsets.
    let bytes: Vec<usize> = body
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(body.len()))
        .collect();
    let mut gold = HashSet::new();
    for e in v["entities"].as_array().into_iter().flatten() {
        let kind = match e["type"].as_str() {
            Some("person") => EntityKind::Person,
            Some("place") => EntityKind::Place,
            Some("organization") => EntityKind::Organization,
            _ => continue,
        };
        let (Some(s), Some(t)) = (e["start"].as_u64(), e["end"].as_u64()) else {
            return Err(err("entity without start/end".into()));
        };
        let (Some(&s), Some(&t)) = (bytes.get(s as usize), bytes.get(t as usize)) else {
            return Err(err("entity offset outside the body".into()));
        };
        let mut s = s;
        let mention = &body[s..t];
        for det in ["the ", "The "] {
            if mention.starts_with(det) && t - s > det.len() {
                s += det.len();
            }
        }
        let mut t = t;
        for clitic in ["'s", "’s"] {
            if body[s..t].ends_with(clitic) && t - s > clitic.len() {
                t -= clitic.len();
            }
        }
        gold.insert((s, t, kind));
    }
    Ok((body, gold))
}
