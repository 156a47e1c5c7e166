//! Named-entity recognition: an averaged-perceptron BILOU tagger over hashed hand-made
//! features ([`features`]), decoded with constrained Viterbi ([`model`]), then a
//! document-level pass ([`document`]) that makes repeated names agree and links short forms.
//!
//! The model is trained by `cargo run --release --bin train-ner` ([`train`]) and shipped in
//! `assets/models/ner.bin`; it is parsed once, on first use.

pub mod conll;
pub mod document;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod lattice;
pub mod model;
pub mod tags;
pub mod train;

use std::ops::Range;
use std::sync::OnceLock;

use crate::analysis::tokenize::{Token, TokenKind, tokenize_with};
use crate::analysis::{Entity, EntityKind};
use model::{Model, Scratch};

/// The bundled model file.
pub const MODEL_BYTES: &[u8] = include_bytes!("../../../assets/models/ner.bin");

/// The bundled model, parsed on first use. A corrupt file (a build problem, caught by the
/// tests) degrades to an empty model that finds nothing rather than failing analysis.
pub fn bundled() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(MODEL_BYTES).unwrap_or_default())
}

/// Entity mentions in `text` (byte ranges), treating each line as a block.
pub fn entities(text: &str) -> Vec<Entity> {
    let mut blocks = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        blocks.push(at..at + line.len());
        at += line.len();
    }
    entities_in_blocks(text, &blocks)
}

/// Entity mentions in the `blocks` of `text`. Tokenisation sees the whole text (so a glued
/// `Putinwho` is split when `Putin` appears in another paragraph) and so does the
/// document-level pass; tagging runs block by block.
pub fn entities_in_blocks(text: &str, blocks: &[Range<usize>]) -> Vec<Entity> {
    entities_with(bundled(), text, blocks)
}

/// [`entities_in_blocks`] with an explicit model (for evaluation and tests).
pub fn entities_with(model: &Model, text: &str, blocks: &[Range<usize>]) -> Vec<Entity> {
    let gaz = &model.gazetteer;
    let known =
        |w: &str| gaz.word(w) & (gazetteer::COUNTRY | gazetteer::CITY | gazetteer::FIRST_NAME) != 0;
    let tokens = tokenize_with(text, &known);
    // Each block's run of tokens (tokens are in text order).
    let mut runs = Vec::with_capacity(blocks.len());
    let mut first = 0;
    for block in blocks {
        while first < tokens.len() && tokens[first].range.start < block.start {
            first += 1;
        }
        let mut last = first;
        while last < tokens.len() && tokens[last].range.end <= block.end {
            last += 1;
        }
        runs.push(first..last);
        first = last;
    }
    tag_document(model, text, &tokens, &runs)
        .into_iter()
        .map(|(r, kind)| Entity {
            kind,
            range: tokens[r.start].range.start..tokens[r.end - 1].range.end,
        })
        .collect()
}

/// Tags every run of `tokens` (token index ranges, e.g. paragraphs or sentences) and applies
/// the document-level pass. Returns token-index spans.
pub fn tag_document(
    model: &Model,
    text: &str,
    tokens: &[Token],
    runs: &[Range<usize>],
) -> Vec<(Range<usize>, EntityKind)> {
    let gaz = &model.gazetteer;
    let mut scratch = Scratch::default();
    let mut tagged = Vec::new();
    let mut spans = Vec::new();
    let word_runs: Vec<Vec<&str>> = runs
        .iter()
        .map(|run| {
            tokens[run.clone()]
                .iter()
                .map(|t| &text[t.range.clone()])
                .collect()
        })
        .collect();
    // Document evidence first (how each capitalised word is written elsewhere), then tags.
    for words in &word_runs {
        scratch.add_to_document(words);
    }
    for (run, words) in runs.iter().zip(&word_runs) {
        model.tag(words, &mut scratch, &mut tagged);
        for (r, kind) in tags::decode(&tagged) {
            for piece in between_brackets(words, r) {
                if let Some(r) = trim_span(words, piece, kind) {
                    spans.push((run.start + r.start..run.start + r.end, kind));
                }
            }
        }
    }
    document::fix_heads(text, tokens, &mut spans);
    document::harmonise(text, tokens, spans, &|w| {
        gaz.word(w)
            & (gazetteer::COUNTRY | gazetteer::CITY | gazetteer::REGION | gazetteer::DEMONYM)
            != 0
    })
}

/// The parts of a decoded mention between bracket tokens: "World Health Organization
/// (WHO" is two names, "World Health Organization" and "WHO" (the tagger now and then
/// runs a name on into the abbreviation that follows it).
fn between_brackets(words: &[&str], r: Range<usize>) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = r.start;
    for i in r.clone() {
        if matches!(words[i], "(" | ")" | "[" | "]") {
            pieces.push(start..i);
            start = i + 1;
        }
    }
    pieces.push(start..r.end);
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// A decoded mention made a name: never starting with "the", nor a name with "a"/"an"
/// (names, not noun phrases; "a year" stays a date), never running over a sentence stop. A run is a whole paragraph and the
/// tagger, trained on sentences, now and then carries a name on into the next sentence
/// ("the Hajj. Construction was…"); periods inside names stay inside their tokens
/// (`U.S.`, `St.`), so a bare `.`/`!`/`?` token always ends one. `None` if nothing is left.
fn trim_span(words: &[&str], mut r: Range<usize>, kind: EntityKind) -> Option<Range<usize>> {
    if let Some(stop) = words[r.clone()]
        .iter()
        .position(|w| matches!(*w, "." | "!" | "?"))
    {
        r.end = r.start + stop;
    }
    let name = matches!(
        kind,
        EntityKind::Person | EntityKind::Organization | EntityKind::Place | EntityKind::Group
    );
    if r.len() > 1
        && (matches!(words[r.start], "the" | "The") || name && matches!(words[r.start], "a" | "an"))
    {
        r.start += 1;
    }
    if name && is_portfolio_title(words, r.clone()) {
        return None;
    }
    (!r.is_empty()).then_some(r)
}

/// Whether `r` is a government portfolio naming an office, not an organisation: "Defense"
/// in "Defense Minister Andrei Belousov", "Foreign Affairs" in "Foreign Affairs
/// Secretary …". ("the Defense Ministry" is an organisation, and stays one.)
fn is_portfolio_title(words: &[&str], r: Range<usize>) -> bool {
    const PORTFOLIOS: &[&str] = &[
        "Agriculture",
        "Commerce",
        "Communications",
        "Culture",
        "Defence",
        "Defense",
        "Development",
        "Economic",
        "Economy",
        "Education",
        "Energy",
        "Environment",
        "Finance",
        "Foreign",
        "Health",
        "Home",
        "Housing",
        "Immigration",
        "Industry",
        "Infrastructure",
        "Interior",
        "Justice",
        "Labor",
        "Labour",
        "Security",
        "Sports",
        "Tourism",
        "Trade",
        "Transport",
        "Transportation",
        "Treasury",
        "Welfare",
        "Affairs",
        "Resources",
        "Services",
    ];
    const OFFICES: &[&str] = &[
        "Minister",
        "Ministers",
        "Secretary",
        "Secretaries",
        "Commissioner",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "Critic",
        "Czar",
    ];
    r.len() <= 2
        && words[r.clone()].iter().all(|w| PORTFOLIOS.contains(w))
        && words.get(r.end).is_some_and(|w| OFFICES.contains(w))
}

/// Whether a token looks like part of a name (capitalised word).
pub(crate) fn is_capitalised(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && text[t.range.clone()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod span_tests {
    use super::*;

    #[test]
    fn mentions_stop_at_a_sentence_end_and_drop_articles() {
        let words = ["for", "the", "Hajj", ".", "Construction", "began"];
        let org = EntityKind::Organization;
        assert_eq!(trim_span(&words, 1..5, org), Some(2..3));
        assert_eq!(trim_span(&words, 3..5, org), None);
        let words = ["of", "a", "World", "Health", "Organisation", "!"];
        assert_eq!(trim_span(&words, 1..6, org), Some(2..5));
        assert_eq!(trim_span(&["an"], 0..1, org), Some(0..1));
        assert_eq!(
            trim_span(&["a", "year"], 0..2, EntityKind::Date),
            Some(0..2)
        );
    }

    #[test]
    fn brackets_end_a_name() {
        let words = [
            "the",
            "World",
            "Health",
            "Organization",
            "(",
            "WHO",
            ")",
            "said",
        ];
        assert_eq!(between_brackets(&words, 1..6), [1..4, 5..6]);
        assert_eq!(between_brackets(&words, 1..4), vec![(1..4)]);
        assert_eq!(between_brackets(&words, 4..7), vec![(5..6)]);
        let text = "Officials at the World Health Organization (WHO) named the disease.";
        for e in entities(text) {
            let mention = &text[e.range.clone()];
            assert!(!mention.contains(['(', ')']), "{mention:?}");
        }
    }

    #[test]
    fn a_portfolio_before_an_office_is_part_of_a_title() {
        let org = EntityKind::Organization;
        let words = ["and", "Defense", "Minister", "Andrei", "Belousov"];
        assert_eq!(trim_span(&words, 1..2, org), None);
        let words = ["the", "Foreign", "Affairs", "Secretary", "said"];
        assert_eq!(trim_span(&words, 1..3, org), None);
        // A ministry is an organisation; a company's spokesman is a company's.
        let words = ["the", "Defense", "Ministry", "said"];
        assert_eq!(trim_span(&words, 1..3, org), Some(1..3));
        let words = ["Microsoft", "Spokesman", "Frank", "Shaw"];
        assert_eq!(trim_span(&words, 0..1, org), Some(0..1));
        let text = "He met Defense Minister Andrei Belousov in Moscow.";
        let found: Vec<&str> = entities(text)
            .iter()
            .map(|e| &text[e.range.clone()])
            .collect();
        assert!(!found.contains(&"Defense"), "{found:?}");
    }

    #[test]
    fn no_entity_runs_over_a_sentence_end() {
        let text = "Millions of pilgrims arrive in Mecca each year for the Hajj. Construction \
                    was underway at the Grand Mosque. Officials of the Saudi Binladin Group. \
                    Said nothing.";
        for e in entities(text) {
            let mention = &text[e.range.clone()];
            assert!(
                !mention.contains(". "),
                "{mention:?} runs over a sentence end"
            );
            assert!(!mention.starts_with("a "), "{mention:?}");
        }
    }
}
