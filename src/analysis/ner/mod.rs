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
        for (mut r, kind) in tags::decode(&tagged) {
            // Names, not noun phrases: never start a mention with the article.
            if r.len() > 1 && matches!(words[r.start], "the" | "The") {
                r.start += 1;
            }
            spans.push((run.start + r.start..run.start + r.end, kind));
        }
    }
    document::fix_heads(text, tokens, &mut spans);
    document::harmonise(text, tokens, spans, &|w| {
        gaz.word(w)
            & (gazetteer::COUNTRY | gazetteer::CITY | gazetteer::REGION | gazetteer::DEMONYM)
            != 0
    })
}

/// Whether a token looks like part of a name (capitalised word).
pub(crate) fn is_capitalised(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word
        && text[t.range.clone()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}
