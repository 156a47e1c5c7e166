//! Section detection: which standalone paragraphs are sub-headings.
//!
//! In plain text a sub-heading is a short standalone paragraph that introduces the prose after
//! it. Shortness alone is not enough (bylines, captions, list items, quotes, datelines are
//! short too), so each paragraph gets a score from hand-set weights over signals, and the
//! paragraphs above a threshold are headings:
//!
//! 1. **Vetoes** (`heading_signals::Veto`): sentence endings, bullets, bylines, credits,
//!    datelines/time stamps, embeds (URLs, @handles, `— Name`), `Label: text` lines, over 15
//!    words, the first paragraph (nothing precedes it) and the last (nothing follows).
//! 2. **Shape** of the paragraph itself, see [`weights`].
//! 3. **Context**: a heading sits between prose paragraphs. The next paragraph should be long
//!    body text; a short neighbour means a run of short lines, i.e. a list or a table, and
//!    a previous line ending in `:` introduces a list. Furniture neighbours (credits, embeds,
//!    bylines) are looked past.
//! 4. **Repetition**: articles with sub-headings usually have several. A lone candidate must
//!    clear a higher bar, which keeps a stray caption in a heading-less article out.

use std::ops::Range;

use super::heading_signals::{Case, Ending, Shape, Veto};
use crate::article::{Article, BlockKind};

/// A named section: its heading paragraph and the extent of the section.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Byte range of the heading text in the body (a whole block).
    pub heading: Range<usize>,
    /// Byte offset where the section ends: the next heading's start, or the body's end.
    pub end: usize,
}

impl Section {
    pub fn start(&self) -> usize {
        self.heading.start
    }
}

/// The hand-set weights. A typical heading ("Concern in the US and the UK" between two prose
/// paragraphs) scores 2 + 1 + 1 + 1 + 2 + 1 = 8; a list item loses 3 per short neighbour.
pub mod weights {
    /// At most 10 words.
    pub const SHORT: f32 = 2.0;
    /// 11–15 words: possible, but long for a heading.
    pub const MEDIUM: f32 = 0.5;
    /// At most 70 characters.
    pub const FEW_CHARS: f32 = 1.0;
    /// No final punctuation, the usual heading ending.
    pub const BARE_ENDING: f32 = 1.0;
    /// "!" is a tabloid sentence ("Unbelievable!") far more often than a heading.
    pub const EXCLAMATION: f32 = -2.0;
    /// "Background:" (a colon heading is allowed only up to 4 words).
    pub const COLON: f32 = -1.0;
    /// Title Case or ALL CAPS.
    pub const HEADING_CASE: f32 = 1.0;
    /// Digits suggest a table row, a score or a date.
    pub const DIGITS: f32 = -0.5;
    /// Per finite-verb/pronoun marker, at most two counted (half for questions, whose
    /// auxiliaries are part of the question form).
    pub const SENTENCE_MARKER: f32 = -1.0;
    /// A plain sentence-case line with a finite verb or pronoun ("The final vote was 31 to
    /// 12") is far more often a sentence that lost its full stop than a heading; quoted and
    /// question headings are exempt.
    pub const SENTENCE_CASE_VERB: f32 = -1.5;
    /// "Sources", "See also": back-matter headings, followed by a list, not prose.
    pub const BACK_MATTER: f32 = 3.0;
    /// The next paragraph is prose.
    pub const NEXT_BODY: f32 = 2.0;
    /// The next paragraph is one complete shorter sentence.
    pub const NEXT_SENTENCE: f32 = 1.0;
    /// The next paragraph is short too: a list or table run.
    pub const NEXT_SHORT: f32 = -3.0;
    /// A bare URL follows.
    pub const NEXT_LINK: f32 = -1.0;
    /// The previous paragraph is prose.
    pub const PREV_BODY: f32 = 1.0;
    /// The previous paragraph is one complete shorter sentence.
    pub const PREV_SENTENCE: f32 = 0.5;
    /// The previous paragraph is short (a run) or ends with ":" (a list intro).
    pub const PREV_SHORT: f32 = -3.0;
    /// Score a paragraph needs to be a heading when the article has other candidates.
    pub const THRESHOLD: f32 = 4.5;
    /// Score a lone candidate needs: a near-perfect profile (short, bare, between two prose
    /// paragraphs, no digits or verbs), since a stray caption is likelier than one heading.
    pub const LONE_THRESHOLD: f32 = 7.0;
}

/// Finds the sub-headings of `article`.
pub fn detect(article: &Article) -> Vec<Section> {
    if article.blocks.iter().any(|b| b.kind == BlockKind::Heading) {
        return declared(article);
    }
    let shapes: Vec<Option<Shape>> = article
        .blocks
        .iter()
        .map(|b| (b.kind == BlockKind::Paragraph).then(|| Shape::of(article.block_text(b))))
        .collect();
    let scored: Vec<(usize, f32)> = (0..shapes.len())
        .filter_map(|i| score(&shapes, i).map(|s| (i, s)))
        .filter(|&(_, s)| s >= weights::THRESHOLD)
        .collect();
    let headings: Vec<usize> = match scored.as_slice() {
        [(_, s)] if *s < weights::LONE_THRESHOLD => Vec::new(),
        _ => scored.iter().map(|&(i, _)| i).collect(),
    };
    headings
        .iter()
        .enumerate()
        .map(|(n, &i)| Section {
            heading: article.blocks[i].range.clone(),
            end: headings
                .get(n + 1)
                .map_or(article.body.len(), |&j| article.blocks[j].range.start),
        })
        .collect()
}

/// The headings a structured source declared: its markup is better evidence than any
/// guess from the text's shape.
fn declared(article: &Article) -> Vec<Section> {
    let heads: Vec<&std::ops::Range<usize>> = article
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| &b.range)
        .collect();
    heads
        .iter()
        .enumerate()
        .map(|(n, r)| Section {
            heading: (*r).clone(),
            end: heads
                .get(n + 1)
                .map_or(article.body.len(), |next| next.start),
        })
        .collect()
}

/// The heading score of block `i`, or `None` when it can never be a heading.
pub fn score(shapes: &[Option<Shape>], i: usize) -> Option<f32> {
    use weights::*;
    let shape = shapes.get(i)?.as_ref()?;
    if i == 0 || i + 1 >= shapes.len() || shape.veto.is_some() || shape.words == 0 {
        return None;
    }
    // The line after a bare "Image caption" label is the caption itself.
    if shapes[i - 1].as_ref().is_some_and(|p| p.caption_label) {
        return None;
    }
    if shape.words > 15 || (shape.ending == Ending::Colon && shape.words > 4) {
        return None;
    }
    let mut s = if shape.words <= 10 { SHORT } else { MEDIUM };
    if shape.chars <= 70 {
        s += FEW_CHARS;
    }
    s += match shape.ending {
        Ending::Bare => BARE_ENDING,
        Ending::Exclamation => EXCLAMATION,
        Ending::Colon => COLON,
        Ending::Question | Ending::Sentence => 0.0,
    };
    if matches!(shape.case, Case::Title | Case::Upper) {
        s += HEADING_CASE;
    }
    if shape.has_digit {
        s += DIGITS;
    }
    let markers = shape.sentence_markers.min(2) as f32;
    s += markers
        * SENTENCE_MARKER
        * if shape.ending == Ending::Question {
            0.5
        } else {
            1.0
        };
    if shape.case == Case::Sentence
        && !shape.quoted
        && shape.ending == Ending::Bare
        && shape.sentence_markers > 0
    {
        s += SENTENCE_CASE_VERB;
    }
    if shape.back_matter {
        s += BACK_MATTER;
    }
    s += match neighbour(shapes, i, Direction::Next) {
        Neighbour::Body => NEXT_BODY,
        Neighbour::Sentence => NEXT_SENTENCE,
        Neighbour::Link => NEXT_LINK,
        // Back matter is followed by a list of sources or links.
        Neighbour::Short | Neighbour::ListIntro if shape.back_matter => 0.0,
        Neighbour::Short | Neighbour::ListIntro => NEXT_SHORT,
        Neighbour::None => return None,
    };
    s += match neighbour(shapes, i, Direction::Prev) {
        Neighbour::Body => PREV_BODY,
        Neighbour::Sentence => PREV_SENTENCE,
        Neighbour::Link | Neighbour::None => 0.0,
        Neighbour::Short | Neighbour::ListIntro => PREV_SHORT,
    };
    Some(s)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Prev,
    Next,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Neighbour {
    Body,
    Sentence,
    /// Ends with ":" — introduces a list or a quote.
    ListIntro,
    Short,
    Link,
    None,
}

/// What the nearest meaningful paragraph in `dir` is. Furniture (credits, embeds, bylines,
/// datelines) is looked past, up to two blocks, since a caption often sits between a heading
/// and its prose.
fn neighbour(shapes: &[Option<Shape>], i: usize, dir: Direction) -> Neighbour {
    let mut j = i;
    for _ in 0..3 {
        j = match dir {
            Direction::Prev if j == 0 => return Neighbour::None,
            Direction::Prev => j - 1,
            Direction::Next if j + 1 >= shapes.len() => return Neighbour::None,
            Direction::Next => j + 1,
        };
        let Some(shape) = &shapes[j] else {
            if dir == Direction::Next {
                return Neighbour::Link;
            }
            continue;
        };
        if matches!(
            shape.veto,
            Some(Veto::Credit | Veto::Embed | Veto::Byline | Veto::Dateline)
        ) {
            continue;
        }
        if dir == Direction::Prev && shape.ending == Ending::Colon {
            return Neighbour::ListIntro;
        }
        return if shape.is_body() {
            Neighbour::Body
        } else if shape.is_sentence() {
            Neighbour::Sentence
        } else {
            Neighbour::Short
        };
    }
    Neighbour::None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ParseMode, parse};

    const SEED: &str =
        include_str!("../../assets/articles/2024-06-19-russia-north-korea-defense-pact.txt");

    fn headings(text: &str) -> Vec<String> {
        let article = parse(text, ParseMode::Clean);
        detect(&article)
            .iter()
            .map(|s| article.body[s.heading.clone()].to_string())
            .collect()
    }

    #[test]
    fn seed_sections() {
        assert_eq!(
            headings(SEED),
            [
                "Against US hegemony",
                "“Russia and Korea do not accept blackmail”",
                "Concern in the US and the UK"
            ]
        );
        let article = parse(SEED, ParseMode::Clean);
        let sections = detect(&article);
        assert_eq!(sections[0].end, sections[1].start());
        assert_eq!(sections[2].end, article.body.len());
    }

    #[test]
    fn list_run_is_not_headings() {
        let prose = "This paragraph is long enough to count as body prose, with more than fifteen \
                     words in it and a full stop.";
        let text = format!(
            "T\n\n{prose}\n\nThe plan includes:\n\nFree school meals\n\nLonger opening hours\n\n\
             New bus routes\n\n{prose}\n\n{prose}\n"
        );
        assert!(headings(&text).is_empty());
    }

    #[test]
    fn caption_after_a_caption_label_and_verb_fragments_are_not_headings() {
        let prose = "This paragraph is long enough to count as body prose, with more than fifteen \
                     words in it and a full stop.";
        let text = format!(
            "T\n\n{prose}\n\nImage caption\n\nThe council chamber during the vote\n\n{prose}\n\n\
             The final vote was 31 to 12\n\n{prose}\n\nWhat happens next\n\n{prose}\n\n\
             Who pays for it?\n\n{prose}\n"
        );
        assert_eq!(headings(&text), ["What happens next", "Who pays for it?"]);
    }

    #[test]
    fn lone_weak_candidate_is_dropped() {
        let prose = "This paragraph is long enough to count as body prose, with more than fifteen \
                     words in it and a full stop.";
        let text = format!("T\n\n{prose}\n\nA quiet street at dusk in 2019\n\n{prose}\n");
        assert!(headings(&text).is_empty());
    }

    #[test]
    fn empty_article() {
        assert!(detect(&Article::default()).is_empty());
    }
}

#[cfg(test)]
mod scale_tests {
    use super::*;
    use crate::article::{ParseMode, parse};

    /// ~2 MB (≈60k paragraphs) of headings, prose and list runs: every heading is found at
    /// scale (a quadratic pass would also make this test crawl).
    #[test]
    fn two_megabytes_is_linear() {
        let prose = "This is a paragraph of body prose that is long enough to count, with more \
                     than fifteen words and a full stop at the end of it.";
        let unit = format!("{prose}\n\nA heading here\n\n{prose}\n\nOne item\nTwo item\n\n");
        let text = format!("Title\n\n{}", unit.repeat(2 * 1024 * 1024 / unit.len()));
        let article = parse(&text, ParseMode::Clean);
        let sections = detect(&article);
        // Every unit has one heading between prose paragraphs (speed is measured in the
        // benches, not asserted here).
        assert_eq!(sections.len(), text.matches("A heading here").count());
    }
}
