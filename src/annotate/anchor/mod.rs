//! Re-anchoring: finding annotations again after an article's text changed.
//!
//! For each target, in order, the first step that is sure wins:
//!
//! 1. **diff** (when the old text is known): the quote's old range mapped through a diff of
//!    the old and new text ([`diff`]). Holding the exact quote, or within 10% of it
//!    (edits inside the passage, which the annotation follows), it is anchored; within 25%
//!    it is kept as a candidate for review.
//! 2. **position**: the stored code point position still holds the exact quote. With the
//!    old text known the diff goes first, because a repeated phrase can slide into the old
//!    position when text is inserted before it.
//! 3. **quote**: the exact quote elsewhere, ranked by its context and then by distance to
//!    where the old position is now ([`quote`]).
//! 4. **fuzzy**: an approximate match within 25% edits ([`fuzzy`], Myers' bit vectors),
//!    accepted only with matching context, and always for review.
//!
//! Otherwise the target is an orphan. A place is only `Anchored` when nothing else could
//! claim it; doubt gives `NeedsReview`, and no good place gives `None`.
//!
//! The diff, the code point index and the character array of the new text are built once
//! per call, not per target.

mod diff;
mod fuzzy;
mod index;
mod quote;
#[cfg(test)]
mod tests;

use std::ops::Range;

use super::{Status, Target};
use diff::DiffMap;
use index::CharIndex;

/// How a target was found again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The stored position still holds the exact quote.
    Position,
    /// The position mapped through a diff of the old and new text.
    Diff,
    /// The exact quote found elsewhere, chosen by context and distance.
    Quote,
    /// An approximate match of the quote (flagged for review).
    Fuzzy,
}

/// A target found again in the new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The target re-captured from the new text (quote, context and position).
    pub target: Target,
    /// `Anchored`, or `NeedsReview` when the match is approximate.
    pub status: Status,
    pub method: Method,
}

/// Edits inside a quote, relative to its length, up to which the diff-mapped passage is
/// still the annotated one without asking.
const ANCHOR_EDITS: f64 = 0.10;
/// Up to this much editing, the diff-mapped passage is still taken without asking when the
/// text around it agrees with the stored context: the diff says where the passage went,
/// so an edited quote there is the same passage, edited. A refit that lost a piece of the
/// quote at one edge has different text beside it, and is asked about.
const ANCHOR_EDITS_IN_CONTEXT: f64 = 0.25;
/// How much the context must agree (0–1, see `quote::context_score`) for that.
const CONTEXT_AGREES: f64 = 0.75;
/// The error budget of approximate matching, relative to the quote's length.
const REVIEW_EDITS: f64 = 0.25;
/// Quotes shorter than this (in characters) are not searched approximately: with a budget
/// of one or two edits they match by chance all over a long text.
const FUZZY_MIN: usize = 8;
/// Fuzzy candidates weighed per target.
const FUZZY_CANDIDATES: usize = 8;

/// Finds each of `targets` (captured from `old`, when the old text is known) in `new`.
/// `None` means orphan: not found with enough confidence. Never guesses.
pub fn reanchor(old: Option<&str>, new: &str, targets: &[Target]) -> Vec<Option<Found>> {
    let text = Text::new(new);
    let before = old.map(|old| Before {
        text: old,
        index: CharIndex::new(old),
        diff: DiffMap::new(old, new),
    });
    targets
        .iter()
        .map(|t| {
            let (bytes, status, method) = locate(t, &text, before.as_ref())?;
            Some(Found {
                target: Target::capture(new, bytes),
                status,
                method,
            })
        })
        .collect()
}

/// The new text, indexed once.
pub(crate) struct Text<'a> {
    pub text: &'a str,
    pub index: CharIndex,
    pub chars: Vec<char>,
}

impl<'a> Text<'a> {
    fn new(text: &'a str) -> Text<'a> {
        Text {
            text,
            index: CharIndex::new(text),
            chars: text.chars().collect(),
        }
    }

    /// The byte range of the code point range `cps`.
    fn bytes(&self, cps: Range<usize>) -> Range<usize> {
        self.index.byte_clamped(cps.start)..self.index.byte_clamped(cps.end)
    }
}

/// The old text and its diff to the new one.
struct Before<'a> {
    text: &'a str,
    index: CharIndex,
    diff: DiffMap,
}

type Located = (Range<usize>, Status, Method);

fn locate(t: &Target, text: &Text, before: Option<&Before>) -> Option<Located> {
    if t.exact.is_empty() {
        return locate_point(t, text, before);
    }
    let len = t.exact.chars().count();
    let position = text
        .index
        .byte(t.start)
        .map(|at| at..at + t.exact.len())
        .filter(|r| text.text.get(r.clone()) == Some(t.exact.as_str()));
    let mut expected = (t.start, false);
    let mut review = None;
    if let Some(b) = before
        && let Some(old) = b
            .index
            .byte(t.start)
            .map(|at| at..at + t.exact.len())
            .filter(|r| b.text.get(r.clone()) == Some(t.exact.as_str()))
    {
        let start = b.diff.map_start(old.start);
        let end = b.diff.map_end(old.end, text.text.len()).max(start);
        expected = (text.index.cp(start), true);
        if text.text[start..end] == t.exact {
            let method = if position == Some(start..end) {
                Method::Position
            } else {
                Method::Diff
            };
            return Some((start..end, Status::Anchored, method));
        }
        if let Some(position) = position {
            return Some((position, Status::Anchored, Method::Position));
        }
        // Refit the mapped range to the quote (the diff's edges may be a little off around
        // edits), as long as a good part of the quote survived unchanged.
        if b.diff.kept(old) * 4 >= t.exact.len() {
            let cps = text.index.cp(start)..text.index.cp(end);
            if let Some(m) = align_near(t, text, cps, len) {
                let edits = m.1 as f64 / len as f64;
                if edits <= ANCHOR_EDITS
                    || (edits <= ANCHOR_EDITS_IN_CONTEXT
                        && quote::context_score(t, text, m.0.clone()) >= CONTEXT_AGREES)
                {
                    return Some((text.bytes(m.0), Status::Anchored, Method::Diff));
                }
                review = Some(text.bytes(m.0));
            }
        }
    } else if let Some(position) = position {
        return Some((position, Status::Anchored, Method::Position));
    }
    // An exact quote that is only a guess yields to the edited passage the diff found.
    if let Some((cps, status)) = quote::find_exact(t, text, expected.0, expected.1)
        && (status == Status::Anchored || review.is_none())
    {
        return Some((text.bytes(cps), status, Method::Quote));
    }
    if let Some(review) = review {
        return Some((review, Status::NeedsReview, Method::Diff));
    }
    fuzzy_find(t, text, expected.0, len)
}

/// The best fit of the quote within the error budget in a window around `cps` (code
/// points where the diff puts it), as a code point range and its edit distance.
fn align_near(
    t: &Target,
    text: &Text,
    cps: Range<usize>,
    len: usize,
) -> Option<(Range<usize>, usize)> {
    let max = budget(len);
    let slack = max + 4;
    let lo = cps.start.saturating_sub(slack);
    let hi = (cps.end + slack).min(text.chars.len());
    let quote: Vec<char> = t.exact.chars().collect();
    let m = fuzzy::align(
        &quote,
        &text.chars[lo..hi],
        max,
        (cps.start - lo, cps.end - lo),
    )?;
    Some((lo + m.start..lo + m.end, m.distance))
}

fn budget(len: usize) -> usize {
    (REVIEW_EDITS * len as f64).floor() as usize
}

/// An approximate match anywhere in the text, for review: within the error budget, with
/// context that agrees (or, for a long and nearly intact quote, at least some context).
fn fuzzy_find(t: &Target, text: &Text, expected: usize, len: usize) -> Option<Located> {
    if len < FUZZY_MIN {
        return None;
    }
    let quote: Vec<char> = t.exact.chars().collect();
    let found = fuzzy::search(&quote, &text.chars, budget(len), FUZZY_CANDIDATES);
    let scored = found.into_iter().filter_map(|m| {
        let alike = 1.0 - m.distance as f64 / len as f64;
        let context = quote::context_score(t, text, m.start..m.end);
        let credible = context >= 0.5 || (alike >= 0.9 && len >= 40 && context >= 0.25);
        credible.then_some((m, alike + context))
    });
    let best = scored.max_by(|a, b| {
        a.1.total_cmp(&b.1).then(
            b.0.start
                .abs_diff(expected)
                .cmp(&a.0.start.abs_diff(expected)),
        )
    })?;
    Some((
        text.bytes(best.0.start..best.0.end),
        Status::NeedsReview,
        Method::Fuzzy,
    ))
}

/// An empty target (a point between two characters) has only its context to go by.
fn locate_point(t: &Target, text: &Text, before: Option<&Before>) -> Option<Located> {
    let fits = |s: &str, at: usize| s[..at].ends_with(&t.prefix) && s[at..].starts_with(&t.suffix);
    if let Some(b) = before
        && let Some(at) = b.index.byte(t.start)
        && fits(b.text, at)
        && let Some(now) = b.diff.map_point(at)
    {
        return Some((now..now, Status::Anchored, Method::Diff));
    }
    if let Some(at) = text.index.byte(t.start)
        && fits(text.text, at)
    {
        return Some((at..at, Status::Anchored, Method::Position));
    }
    // The context alone, when it is long enough to mean something and occurs once.
    let joined = format!("{}{}", t.prefix, t.suffix);
    if joined.chars().count() < FUZZY_MIN {
        return None;
    }
    let mut hits = text.text.match_indices(&joined);
    let (first, _) = hits.next()?;
    if hits.next().is_some() {
        return None;
    }
    let at = first + t.prefix.len();
    Some((at..at, Status::Anchored, Method::Quote))
}
