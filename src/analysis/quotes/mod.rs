//! Quotations and who said them.
//!
//! Three steps, each in its own file: [`pairing`] turns quote marks into quotation spans
//! (robust to scraped text), [`text`] gives attribution a token view (sentences, glue
//! split), [`mentions`] finds who can speak (entity persons first, a conservative
//! capitalised-name fallback otherwise) and resolves short forms, roles and pronouns, and
//! [`attribution`] applies the cue-verb patterns. [`eval`] scores the result against the
//! GUM news gold quotations.
//!
//! Everything is linear in the article's length, apart from name resolution, which is
//! linear in the number of names per resolved speaker.

pub mod attribution;
pub mod cues;
pub mod eval;
pub mod gender;
pub mod mentions;
pub mod orgs;
pub mod pairing;
pub mod pronouns;
pub mod roles;
pub mod text;

use std::ops::Range;

use crate::analysis::{Entity, Quote};
use crate::article::Article;
use attribution::{Attributor, QuoteToks, Speaker};
use mentions::Mentions;

/// Quotations with at most this many words are "short": scare quotes and titles
/// (“defensive”, “new era”). They are kept, but get a speaker only from a cue right next
/// to them.
pub const SHORT_WORDS: usize = 2;

/// Finds the quotations of `article` and their speakers, using `entities` (the entity layer,
/// sorted by start) for names. Quotations are in text order; a quotation nested in another
/// (`‘absurd’` inside `“…”`) comes after its container and never gets a speaker.
pub fn find(article: &Article, entities: &[Entity]) -> Vec<Quote> {
    let body = article.body.as_str();
    let spans = pairing::pair(body);
    if spans.is_empty() {
        return Vec::new();
    }
    let paragraphs = pairing::paragraphs(body);
    // Outermost quotations: spans are sorted by start, so a span inside the last kept
    // outer one is nested.
    let mut outer: Vec<Range<usize>> = Vec::new();
    for s in &spans {
        if outer.last().is_none_or(|o| s.range.start >= o.end) {
            outer.push(s.range.clone());
        }
    }
    let tokens = text::tokenize(body, &paragraphs, &outer);
    let mut sorted_entities;
    let entities = if entities.is_sorted_by_key(|e| e.range.start) {
        entities
    } else {
        sorted_entities = entities.to_vec();
        sorted_entities.sort_by_key(|e| e.range.start);
        &sorted_entities
    };
    // The headline and deck are not in the body but often hold the only title a person
    // gets (`President Vladimir Putin was received…`).
    let headline = match &article.deck {
        Some(deck) => format!("{} | {deck}", article.title),
        None => article.title.clone(),
    };
    let mentions = Mentions::build(body, &headline, &tokens, entities);
    let att = Attributor {
        body,
        tokens: &tokens,
        mentions: &mentions,
    };
    let qtoks: Vec<QuoteToks> = outer
        .iter()
        .map(|r| quote_tokens(body, &tokens, r))
        .collect();
    let mut speakers: Vec<Option<Speaker>> = Vec::with_capacity(outer.len());
    for (i, &q) in qtoks.iter().enumerate() {
        // Attribution never reaches back into the previous quotation, but a short one
        // (a scare quote) is part of the narrative: `S warned that it is a “warning” and
        // we must “deter this”` still finds `S warned`.
        let prev_end = qtoks[..i]
            .iter()
            .rev()
            .find(|p| !p.short)
            .map_or(0, |p| p.end);
        let next_open = qtoks.get(i + 1).map_or(tokens.len(), |n| n.open);
        if att.is_name_quote(q) {
            speakers.push(None);
            continue;
        }
        let mut speaker = att.own(q, prev_end, next_open);
        if speaker.is_none() && !q.short && !att.has_own_cue(q, next_open) {
            speaker = inherited(&att, &qtoks, &speakers, i).or_else(|| att.previous_sentence(q));
        }
        speakers.push(speaker);
    }
    let mut out = Vec::with_capacity(spans.len());
    let mut next_outer = 0;
    for s in spans {
        let is_outer = outer.get(next_outer) == Some(&s.range);
        let speaker = if is_outer {
            next_outer += 1;
            speakers[next_outer - 1].take()
        } else {
            None
        };
        out.push(Quote {
            short: word_count(&body[s.range.clone()]) <= SHORT_WORDS,
            speaker: speaker.as_ref().map(|sp| sp.span.clone()),
            speaker_name: speaker.map(|sp| sp.name),
            range: s.range,
        });
    }
    out
}

/// The speaker a quotation without a cue of its own continues: the previous quotation's
/// when it is in the same sentence, or when this one opens a paragraph right after a
/// paragraph whose last sentence attributed a quotation (the news convention for a
/// speaker's next paragraph).
fn inherited(
    att: &Attributor,
    qtoks: &[QuoteToks],
    speakers: &[Option<Speaker>],
    i: usize,
) -> Option<Speaker> {
    let p = i.checked_sub(1)?;
    let prev = qtoks[p];
    let speaker = speakers[p].clone()?;
    let q = qtoks[i];
    if prev.short || heading_like(att, q) {
        return None;
    }
    let tokens = att.tokens;
    let same_para = tokens[prev.open].para == tokens[q.open].para;
    if same_para && !att.sentence_between(prev.end.saturating_sub(1), q.open) {
        return Some(speaker);
    }
    // `“Q1,” S said. “Q2.”`: the next sentence is the quotation, right after the one that
    // attributed the previous quotation. That sentence may be long when it is only the
    // attribution (`“Q1,” Khaled Al-Maeena, editor at large at the Saudi Gazette, said.`).
    let between = &tokens[prev.end..q.open];
    let words = between.iter().filter(|t| t.is_word()).count();
    let names_speaker = between.first().zip(between.last()).is_some_and(|(a, b)| {
        a.range.start <= speaker.span.start && speaker.span.end <= b.range.end
    });
    if same_para
        && between.iter().filter(|t| t.sentence_end).count() == 1
        && between.last().is_some_and(|t| t.sentence_end)
        && (words <= 8 || names_speaker && words <= 20)
    {
        return Some(speaker);
    }
    let next_para = tokens[q.open].para == tokens[prev.open].para + 1
        || tokens[q.open].para == tokens[prev.end.saturating_sub(1)].para + 1;
    let prev_last_sentence = q.open >= 1 && !att.sentence_between(prev.end, q.open - 1);
    (att.opens_paragraph(q) && next_para && prev_last_sentence).then_some(speaker)
}

/// A paragraph that is only a quotation without final punctuation: a quoted heading
/// (`“Russia and Korea do not accept blackmail”`), which continues nobody's speech.
fn heading_like(att: &Attributor, q: QuoteToks) -> bool {
    let tokens = att.tokens;
    let para = tokens[q.open].para;
    let alone = att.opens_paragraph(q) && tokens.get(q.end).is_none_or(|t| t.para != para);
    let last_inside = q.end.checked_sub(2).map(|k| &tokens[k]);
    let punctuated = last_inside
        .is_some_and(|t| t.is_punct('.') || t.is_punct('!') || t.is_punct('?') || t.is_punct(','));
    alone && !punctuated
}

/// The tokens of quotation `r`.
fn quote_tokens(body: &str, tokens: &[text::Token], r: &Range<usize>) -> QuoteToks {
    let open = tokens.partition_point(|t| t.range.start < r.start);
    let end = tokens.partition_point(|t| t.range.start < r.end);
    let before_close = end.checked_sub(2).filter(|&k| k > open);
    let closed_by_mark = end > open
        && !tokens[end - 1].is_word()
        && body[tokens[end - 1].range.clone()]
            .chars()
            .next()
            .is_some_and(|c| !matches!(c, '.' | '!' | '?' | ',' | ')'));
    let comma_close = closed_by_mark
        && before_close.is_some_and(|k| {
            tokens[k].is_punct(',') || tokens[k].is_punct('?') || tokens[k].is_punct('!')
        });
    QuoteToks {
        open,
        end,
        short: word_count(&body[r.clone()]) <= SHORT_WORDS,
        comma_close,
    }
}

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
