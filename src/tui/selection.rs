//! Visual selection (`v`): a passage of the body chosen from the keyboard or with the mouse,
//! and the text motions that extend it (words, sentences, paragraphs). Offsets are body
//! bytes; the selection always covers the word it started on.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::article::Article;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// What the selection started on (a word, or a mouse press point).
    start: Range<usize>,
    /// Where the moving end is.
    pub head: usize,
}

impl Selection {
    /// A selection of the word at (or after) `offset`.
    pub fn at_word(body: &str, offset: usize) -> Selection {
        let word = word_at(body, offset);
        Selection {
            head: word.end,
            start: word,
        }
    }

    /// A selection of `range` (a search match, an entity mention).
    pub fn of(range: Range<usize>) -> Selection {
        Selection {
            head: range.end,
            start: range,
        }
    }

    /// A selection from `offset` to itself (a mouse press), grown by dragging.
    pub fn at_point(offset: usize) -> Selection {
        Selection {
            start: offset..offset,
            head: offset,
        }
    }

    /// The selected bytes.
    pub fn range(&self) -> Range<usize> {
        self.start.start.min(self.head)..self.start.end.max(self.head)
    }

    /// Moves the head by one text unit, forward or back.
    pub fn extend(&mut self, article: &Article, unit: Unit, forward: bool) {
        let body = &article.body;
        // Going back from the end of the start word shrinks to it before growing leftwards.
        let from = self.head;
        self.head = match (unit, forward) {
            (Unit::Word, true) => next_word_end(body, from),
            (Unit::Word, false) => prev_word_start(body, from),
            (Unit::Sentence, true) => next_sentence_end(article, from),
            (Unit::Sentence, false) => prev_sentence_start(article, from),
            (Unit::Paragraph, true) => next_block_end(article, from),
            (Unit::Paragraph, false) => prev_block_start(article, from),
        };
    }
}

/// What a motion moves by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Word,
    Sentence,
    Paragraph,
}

/// How far before an offset word searches start: words are looked for near the offset,
/// not from the top of a long article.
const WORD_WINDOW: usize = 256;

/// The largest character boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The word at `offset`, or the next one if `offset` is between words (an empty range at
/// the end of the text).
pub fn word_at(body: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(body.len());
    let lo = floor_boundary(body, offset.saturating_sub(WORD_WINDOW));
    body[lo..]
        .unicode_word_indices()
        .map(|(i, w)| lo + i..lo + i + w.len())
        .find(|r| r.end > offset)
        .unwrap_or(body.len()..body.len())
}

fn next_word_end(body: &str, from: usize) -> usize {
    let lo = floor_boundary(body, from);
    body[lo..]
        .unicode_word_indices()
        .map(|(i, w)| lo + i + w.len())
        .find(|&end| end > from)
        .unwrap_or(from)
}

fn prev_word_start(body: &str, from: usize) -> usize {
    let from = floor_boundary(body, from);
    let mut window = WORD_WINDOW;
    loop {
        let lo = floor_boundary(body, from.saturating_sub(window));
        // A word cut by the window's edge is not trusted unless the window is the text.
        let found = body[lo..from]
            .unicode_word_indices()
            .map(|(i, _)| lo + i)
            .rev()
            .find(|&start| lo == 0 || start > lo);
        match found {
            Some(start) => return start,
            None if lo == 0 => return from,
            None => window *= 4,
        }
    }
}

/// The sentences of a block: byte ranges ending after their final punctuation (closing
/// quotes and brackets included). A full stop after a single capital or a short
/// abbreviation ("Mr.", "U.S.") does not end a sentence.
pub fn sentences(body: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let text = &body[block.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut end = k + 1;
            while end < chars.len() && matches!(chars[end].1, '”' | '’' | '"' | '\'' | ')' | '»')
            {
                end += 1;
            }
            let at_space = end < chars.len() && chars[end].1.is_whitespace();
            let next_starts = chars[end..]
                .iter()
                .map(|(_, c)| *c)
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| !c.is_lowercase());
            if end == chars.len() || (at_space && next_starts && !abbreviation(text, chars[k].0)) {
                let stop = chars.get(end).map_or(text.len(), |(i, _)| *i);
                out.push(block.start + start..block.start + stop);
                // The next sentence starts at its first non-space character.
                let mut s = end;
                while s < chars.len() && chars[s].1.is_whitespace() {
                    s += 1;
                }
                start = chars.get(s).map_or(text.len(), |(i, _)| *i);
                k = s;
                continue;
            }
        }
        k += 1;
    }
    if start < text.len() {
        out.push(block.start + start..block.end);
    }
    out
}

/// Whether the full stop at `dot` ends an abbreviation rather than a sentence.
fn abbreviation(text: &str, dot: usize) -> bool {
    let word = text[..dot]
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    const SHORT: [&str; 12] = [
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "St", "Jr", "Sr", "Lt",
    ];
    (letters == 1 && word.chars().next().is_some_and(char::is_uppercase))
        || word.contains('.')
        || SHORT.contains(&word)
}

/// The sentence holding `offset` (or the next one), in whichever block holds it.
pub fn sentence_at(article: &Article, offset: usize) -> Option<Range<usize>> {
    let block = article
        .blocks
        .iter()
        .find(|b| b.range.end > offset)?
        .range
        .clone();
    sentences(&article.body, block)
        .into_iter()
        .find(|s| s.end > offset)
}

/// The sentences of the blocks from the one holding `from` onwards (or backwards), so a
/// motion in a long article looks at a few blocks, not all of them.
fn sentences_from(
    article: &Article,
    from: usize,
    forward: bool,
) -> Box<dyn Iterator<Item = Range<usize>> + '_> {
    let blocks = &article.blocks;
    let here = blocks.partition_point(|b| b.range.end < from);
    let split = move |b: &crate::article::Block| sentences(&article.body, b.range.clone());
    if forward {
        Box::new(blocks[here.min(blocks.len())..].iter().flat_map(split))
    } else {
        let upto = (here + 1).min(blocks.len());
        Box::new(
            blocks[..upto]
                .iter()
                .rev()
                .flat_map(move |b| split(b).into_iter().rev()),
        )
    }
}

fn next_sentence_end(article: &Article, from: usize) -> usize {
    sentences_from(article, from, true)
        .map(|s| s.end)
        .find(|&end| end > from)
        .unwrap_or(from)
}

fn prev_sentence_start(article: &Article, from: usize) -> usize {
    sentences_from(article, from, false)
        .map(|s| s.start)
        .find(|&start| start < from)
        .unwrap_or(from)
}

fn next_block_end(article: &Article, from: usize) -> usize {
    article
        .blocks
        .iter()
        .map(|b| b.range.end)
        .find(|&end| end > from)
        .unwrap_or(from)
}

fn prev_block_start(article: &Article, from: usize) -> usize {
    article
        .blocks
        .iter()
        .map(|b| b.range.start)
        .take_while(|&start| start < from)
        .last()
        .unwrap_or(from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ParseMode, parse};

    fn article() -> Article {
        parse(
            "Title here\n\nMr. Smith met Dr. Jones in the U.S. capital. “It went well,” he said! \
             Then they left.\n\nA second paragraph, with one sentence.\n",
            ParseMode::Clean,
        )
    }

    #[test]
    fn sentences_skip_abbreviations_and_keep_closing_quotes() {
        let a = article();
        let block = a.blocks[0].range.clone();
        let got: Vec<&str> = sentences(&a.body, block)
            .into_iter()
            .map(|r| &a.body[r])
            .collect();
        assert_eq!(
            got,
            [
                "Mr. Smith met Dr. Jones in the U.S. capital.",
                "“It went well,” he said!",
                "Then they left."
            ]
        );
    }

    #[test]
    fn selection_grows_by_word_sentence_and_paragraph_and_keeps_its_first_word() {
        let a = article();
        let at = a.body.find("Smith").expect("word");
        let mut s = Selection::at_word(&a.body, at + 2);
        assert_eq!(&a.body[s.range()], "Smith");
        s.extend(&a, Unit::Word, true);
        assert_eq!(&a.body[s.range()], "Smith met");
        s.extend(&a, Unit::Sentence, true);
        assert_eq!(
            &a.body[s.range()],
            "Smith met Dr. Jones in the U.S. capital."
        );
        s.extend(&a, Unit::Paragraph, true);
        assert!(a.body[s.range()].ends_with("Then they left."));
        s.extend(&a, Unit::Paragraph, true);
        assert!(
            a.body[s.range()].ends_with("with one sentence."),
            "across blocks"
        );
        // Back past the start word: the selection now runs from the text's start to it.
        let mut s = Selection::at_word(&a.body, at);
        s.extend(&a, Unit::Word, false);
        s.extend(&a, Unit::Word, false);
        assert_eq!(&a.body[s.range()], "Mr. Smith");
        s.extend(&a, Unit::Word, false);
        assert_eq!(&a.body[s.range()], "Mr. Smith", "stops at the start");
    }

    #[test]
    fn word_motions_deep_in_a_long_text_and_across_long_gaps() {
        let body = format!(
            "{}end-of-pad {} lonely",
            "pad ".repeat(5000),
            " ".repeat(3000)
        );
        let at = body.find("lonely").expect("word");
        assert_eq!(&body[word_at(&body, at + 2)], "lonely");
        // Back over 3,000 spaces to the previous word.
        let back = prev_word_start(&body, at);
        assert_eq!(&body[back..back + 3], "pad");
        assert_eq!(next_word_end(&body, back), back + 3);
        // Between words: the next one.
        assert_eq!(&body[word_at(&body, at - 10)], "lonely");
    }

    #[test]
    fn sentence_at_finds_the_sentence_around_an_offset() {
        let a = article();
        let at = a.body.find("went").expect("word");
        let s = sentence_at(&a, at).expect("sentence");
        assert_eq!(&a.body[s], "“It went well,” he said!");
        assert_eq!(word_at(&a.body, a.body.len()), a.body.len()..a.body.len());
    }
}
