//! Scoring quotations and their speakers against the GUM news gold
//! (`../shared/corpus/gum-news/`, see its README for the offsets).
//!
//! - **Quotes**: every gold quotation (pieces GUM split at a sentence, `continues_previous`,
//!   merged back into one) against every quotation lede finds, including scare quotes.
//!   *Exact*: the same code-point span. *Overlap*: the spans share a character; each gold
//!   and each found quotation is matched at most once, in text order.
//! - **Speakers**: GUM marks none in news, so `gum_speakers.tsv` (compiled in) holds a
//!   hand annotation: a name, or `-` when the text names no speaker. Over the
//!   overlap-matched quotations with an annotation: *accuracy* = both agree (the same
//!   person, or both none); *precision* = right names / names given; *recall* = right names
//!   / gold names. A name is right when one name's words all occur in the other
//!   (`Ushakov` ~ `Yuri Ushakov`), ignoring case and a leading `the`.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde_json::Value;

use crate::analysis;
use crate::article::{Article, Block, BlockKind};

const SPEAKERS: &str = include_str!("gum_speakers.tsv");

/// Counts for one evaluation run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteEval {
    pub docs: usize,
    pub gold: usize,
    pub found: usize,
    pub exact: usize,
    pub overlap: usize,
    /// Matched quotations with a speaker annotation.
    pub speaker_judged: usize,
    pub speaker_agree: usize,
    pub speaker_given: usize,
    pub speaker_gold: usize,
    pub speaker_right: usize,
    /// One line per speaker disagreement (`doc start: found … / gold …`), for inspection.
    pub speaker_errors: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl QuoteEval {
    /// (precision, recall, F1) of quotation spans, exact or by overlap.
    pub fn quotes(&self, exact: bool) -> (f64, f64, f64) {
        let hits = if exact { self.exact } else { self.overlap };
        let (p, r) = (ratio(hits, self.found), ratio(hits, self.gold));
        (p, r, f1(p, r))
    }

    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_agree, self.speaker_judged)
    }

    /// (precision, recall, F1) of named speakers on matched quotations.
    pub fn speakers(&self) -> (f64, f64, f64) {
        let p = ratio(self.speaker_right, self.speaker_given);
        let r = ratio(self.speaker_right, self.speaker_gold);
        (p, r, f1(p, r))
    }
}

impl fmt::Display for QuoteEval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "quotations: {} documents, {} gold, {} found",
            self.docs, self.gold, self.found
        )?;
        for (label, exact) in [("exact span", true), ("overlap", false)] {
            let (p, r, f1) = self.quotes(exact);
            writeln!(f, "  {label:<12} P {p:.3}  R {r:.3}  F1 {f1:.3}")?;
        }
        let (p, r, f1) = self.speakers();
        writeln!(
            f,
            "speakers on {} matched quotations: accuracy {:.3} ({} agree)",
            self.speaker_judged,
            self.speaker_accuracy(),
            self.speaker_agree
        )?;
        write!(
            f,
            "  named       P {p:.3}  R {r:.3}  F1 {f1:.3}  ({} right, {} given, {} gold)",
            self.speaker_right, self.speaker_given, self.speaker_gold
        )
    }
}

/// Evaluates every `*.gold.json` in `dir` (with its `.txt`) through the whole analysis.
pub fn eval_quotes(dir: &Path) -> Result<QuoteEval, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no *.gold.json files", dir.display()));
    }
    let mut total = QuoteEval::default();
    for gold_path in files {
        let name = gold_path.to_string_lossy().to_string();
        let txt = name.trim_end_matches(".gold.json").to_string() + ".txt";
        let text = std::fs::read_to_string(&txt).map_err(|e| format!("{txt}: {e}"))?;
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(&gold_path).map_err(|e| format!("{name}: {e}"))?,
        )
        .map_err(|e| format!("{name}: {e}"))?;
        eval_doc(&text, &gold, &mut total).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(total)
}

/// A gold quotation: code-point span and the annotated speaker (`Some(None)`: no one).
struct GoldQuote {
    span: Range<usize>,
    speaker: Option<Option<String>>,
}

fn eval_doc(text: &str, gold: &Value, total: &mut QuoteEval) -> Result<(), String> {
    let (headline, rest) = text.split_once('\n').ok_or("no headline line")?;
    let body = rest
        .strip_prefix('\n')
        .ok_or("no blank line after the headline")?;
    let doc = gold["doc"].as_str().ok_or("no doc")?;
    let mut golds: Vec<GoldQuote> = Vec::new();
    for q in gold["quotations"].as_array().ok_or("no quotations")? {
        let (Some(start), Some(end)) = (q["start"].as_u64(), q["end"].as_u64()) else {
            return Err("quotation without start/end".into());
        };
        let (start, end) = (start as usize, end as usize);
        if q["continues_previous"].as_bool() == Some(true)
            && let Some(last) = golds.last_mut()
        {
            last.span.end = end;
            continue;
        }
        let speaker = annotated_speaker(doc, start);
        golds.push(GoldQuote {
            span: start..end,
            speaker,
        });
    }
    let article = article_of(headline, body);
    let analysis = analysis::analyze(&article);
    // Code-point offsets of found quotations.
    let cps = CodePointMap::new(body);
    let found: Vec<(Range<usize>, Option<String>)> = analysis
        .quotes
        .iter()
        .map(|q| {
            (
                cps.at(q.range.start)..cps.at(q.range.end),
                q.speaker_name.clone(),
            )
        })
        .collect();
    total.docs += 1;
    total.gold += golds.len();
    total.found += found.len();
    let mut used = vec![false; found.len()];
    for g in &golds {
        if found.iter().any(|(r, _)| *r == g.span) {
            total.exact += 1;
        }
        let hit = found
            .iter()
            .enumerate()
            .find(|(i, (r, _))| !used[*i] && r.start < g.span.end && g.span.start < r.end);
        let Some((i, (_, speaker))) = hit else {
            continue;
        };
        used[i] = true;
        total.overlap += 1;
        let Some(gold_speaker) = &g.speaker else {
            continue;
        };
        total.speaker_judged += 1;
        total.speaker_given += usize::from(speaker.is_some());
        total.speaker_gold += usize::from(gold_speaker.is_some());
        match (speaker, gold_speaker) {
            (None, None) => total.speaker_agree += 1,
            (Some(s), Some(g)) if same_name(s, g) => {
                total.speaker_agree += 1;
                total.speaker_right += 1;
            }
            _ => total.speaker_errors.push(format!(
                "{doc} {}: found {speaker:?}, gold {gold_speaker:?}",
                g.span.start
            )),
        }
    }
    Ok(())
}

/// The hand-annotated speaker of the gold quotation at `start` of `doc`.
fn annotated_speaker(doc: &str, start: usize) -> Option<Option<String>> {
    SPEAKERS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?.parse::<usize>().ok()?, f.next()?))
        })
        .find(|(d, s, _)| *d == doc && *s == start)
        .map(|(_, _, name)| (name != "-").then(|| name.to_string()))
}

/// The article for a GUM text: the body as given (offsets must stay aligned), one
/// paragraph block per paragraph.
pub fn article_of(headline: &str, body: &str) -> Article {
    let blocks = super::pairing::paragraphs(body)
        .into_iter()
        .map(|range| Block {
            kind: BlockKind::Paragraph,
            range,
        })
        .collect();
    Article {
        title: headline.to_string(),
        body: body.to_string(),
        blocks,
        ..Article::default()
    }
}

/// Whether two speaker names denote the same one: all words of the shorter name occur in
/// the longer.
pub fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '.')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .filter(|w| w != "the")
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && short.iter().all(|w| long.contains(w))
}

/// Byte → code point offsets of one text.
struct CodePointMap {
    /// Byte offset of each char, plus the text length at the end.
    starts: Vec<usize>,
}

impl CodePointMap {
    fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CodePointMap { starts }
    }

    fn at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s < byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_by_words() {
        assert!(same_name("Ushakov", "Yuri Ushakov"));
        assert!(same_name("the Church", "Church of Scientology"));
        assert!(!same_name("Kim Jong-un", "Vladimir Putin"));
        assert!(!same_name("", "Putin"));
    }

    #[test]
    fn code_points() {
        let m = CodePointMap::new("aé“b");
        assert_eq!(m.at(0), 0);
        assert_eq!(m.at(1), 1);
        assert_eq!(m.at(3), 2);
        assert_eq!(m.at(6), 3);
        assert_eq!(m.at(7), 4);
    }
}
