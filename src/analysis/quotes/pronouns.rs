//! `he` and `she`, resolved once for the whole article, in text order, so that what one
//! pronoun teaches (`… she said` makes an unknown person female) holds for the next.
//!
//! A person's gender comes from a gendered title or role before a mention (`Mrs`,
//! `spokeswoman`), from the first name of a full mention ([`gender`]), and from earlier
//! pronouns; it is shared by every mention with the same last word (`Okafor` after `David
//! Okafor`), unless two of them disagree. A pronoun takes, among the persons named before
//! it within reach and not of the other gender: the subject (first name) of its own
//! sentence, else the subject of the sentence before (one known to have the pronoun's gender
//! first), else the nearest one.

use std::collections::HashMap;

use super::gender::{self, Gender};
use super::mentions::Name;
use super::text::Token;

/// How far back (bytes) a pronoun may look for its person.
pub const REACH: usize = 1500;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Known(Gender),
    /// Mentions sharing this last word were given both genders.
    Conflict,
}

/// The persons' genders by last word, learned as the text is read.
struct Genders(HashMap<String, Slot>);

impl Genders {
    fn get(&self, n: &Name) -> Option<Gender> {
        match self.0.get(n.words.last()?)? {
            Slot::Known(g) => Some(*g),
            Slot::Conflict => None,
        }
    }

    fn learn(&mut self, n: &Name, g: Gender) {
        let Some(key) = n.words.last() else { return };
        let slot = self.0.entry(key.clone()).or_insert(Slot::Known(g));
        if *slot != Slot::Known(g) {
            *slot = Slot::Conflict;
        }
    }
}

/// The evidence for the gender of each name from its own words and the title before it.
fn evidence(body: &str, tokens: &[Token], n: &Name) -> Option<Gender> {
    let mut k = n.toks.start;
    let mut seen = 0;
    while k > 0 && seen < 4 {
        k -= 1;
        let t = &tokens[k];
        if t.is_punct('.') {
            continue;
        }
        if !t.is_word() || t.sentence_end {
            break;
        }
        if let Some(g) = gender::of_title(&body[t.range.clone()].to_lowercase()) {
            return Some(g);
        }
        seen += 1;
    }
    // Apposition after: `Julie Hahn, spokeswoman for …`.
    if tokens.get(n.toks.end).is_some_and(|t| t.is_punct(',')) {
        for t in tokens.iter().skip(n.toks.end + 1).take(4) {
            if !t.is_word() {
                break;
            }
            if let Some(g) = gender::of_title(&body[t.range.clone()].to_lowercase()) {
                return Some(g);
            }
        }
    }
    if n.words.len() >= 2 {
        return gender::of_first_name(&n.words[0]);
    }
    None
}

/// For every `he`/`she` token outside quotations, in order: (token, the name it stands for).
pub fn resolve_all(body: &str, tokens: &[Token], names: &[Name]) -> Vec<(usize, Option<usize>)> {
    let mut genders = Genders(HashMap::new());
    for n in names.iter().filter(|n| n.person && !n.other) {
        if let Some(g) = evidence(body, tokens, n) {
            genders.learn(n, g);
        }
    }
    let mut out = Vec::new();
    // Index of the first name starting at or after the current token.
    let mut next_name = 0;
    // Start tokens of the current and the previous sentence.
    let (mut sentence, mut previous) = (0, None);
    for (k, t) in tokens.iter().enumerate() {
        while next_name < names.len() && names[next_name].toks.start < k {
            next_name += 1;
        }
        if k > 0 && tokens[k - 1].sentence_end {
            previous = Some(sentence);
            sentence = k;
        }
        if !t.is_word() || t.quoted {
            continue;
        }
        let word = &body[t.range.clone()];
        if !matches!(word, "he" | "she" | "He" | "She") {
            continue;
        }
        let Some(g) = gender::of_pronoun(&word.to_lowercase()) else {
            continue;
        };
        // Persons before the pronoun within reach, not of the other gender; `known` asks
        // for the pronoun's gender for sure.
        let fits = |i: usize, known: bool| {
            let n = &names[i];
            let ng = genders.get(n);
            n.person
                && !n.other
                && n.range.end <= t.range.start
                && t.range.start - n.range.end <= REACH
                && if known {
                    ng == Some(g)
                } else {
                    ng.is_none_or(|ng| ng == g)
                }
        };
        // The first name of a sentence.
        let subject = |from: usize, to: usize| {
            let first = names[..next_name].partition_point(|n| n.toks.start < from);
            Some(first).filter(|&i| i < next_name && names[i].toks.start < to)
        };
        let own = subject(sentence, k);
        let before = previous.and_then(|p| subject(p, sentence));
        let subjects = |known: bool| {
            own.filter(|&i| fits(i, known))
                .or_else(|| before.filter(|&i| fits(i, known)))
        };
        // A subject known to be of the pronoun's gender, then any that is not known to be
        // of the other, then the nearest such person.
        let chosen = subjects(true).or_else(|| subjects(false)).or_else(|| {
            (0..next_name)
                .rev()
                .take_while(|&i| t.range.start.saturating_sub(names[i].range.end) <= REACH)
                .find(|&i| fits(i, false))
        });
        if let Some(i) = chosen {
            genders.learn(&names[i], g);
        }
        out.push((k, chosen));
    }
    out
}
