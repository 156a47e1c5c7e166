//! Finding the exact quote elsewhere in the new text, and judging a place by how well the
//! text around it matches the context stored with the target.

use std::ops::Range;

use super::Text;
use super::fuzzy::distance;
use crate::annotate::target::CONTEXT;
use crate::annotate::{Status, Target};

/// Context scores closer than this do not tell two places apart.
const MARGIN: f64 = 0.15;
/// At most this many occurrences are weighed (a very common quote is ambiguous anyway).
const MAX_OCCURRENCES: usize = 10_000;

/// How well the text around the code points `cps` of the new text matches the target's
/// prefix and suffix: 0 (nothing alike) to 1 (the same), the mean of both sides.
pub fn context_score(t: &Target, text: &Text, cps: Range<usize>) -> f64 {
    let prefix: Vec<char> = t.prefix.chars().collect();
    let suffix: Vec<char> = t.suffix.chars().collect();
    // As much context as a capture here would keep, so a quote that was at the start of
    // the text (short stored prefix) scores lower away from it.
    let before = &text.chars[cps.start.saturating_sub(CONTEXT)..cps.start];
    let after = &text.chars[cps.end..(cps.end + CONTEXT).min(text.chars.len())];
    (similarity(&prefix, before) + similarity(&suffix, after)) / 2.0
}

/// 1 minus the edit distance relative to the longer side. An empty stored side (the quote
/// was at the start or end of the text) matches only an empty side.
fn similarity(stored: &[char], found: &[char]) -> f64 {
    let longest = stored.len().max(found.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - distance(stored, found) as f64 / longest as f64
}

/// One place where the exact quote is.
struct Place {
    cps: Range<usize>,
    context: f64,
    /// Code points from where the target is expected to be.
    off: usize,
}

/// The exact quote's best place in the new text with how sure that is, ranked by context
/// and then by distance to `expected` (a code point). `expected_is_mapped` says whether
/// `expected` comes from a diff of the old text (so is reliable) or is the stale position.
pub fn find_exact(
    t: &Target,
    text: &Text,
    expected: usize,
    expected_is_mapped: bool,
) -> Option<(Range<usize>, Status)> {
    let len = t.exact.chars().count();
    let mut places: Vec<Place> = occurrences(text.text, &t.exact)
        .map(|at| {
            let start = text.index.cp(at);
            let cps = start..start + len;
            Place {
                context: context_score(t, text, cps.clone()),
                off: start.abs_diff(expected),
                cps,
            }
        })
        .collect();
    places.sort_by(|a, b| b.context.total_cmp(&a.context).then(a.off.cmp(&b.off)));
    let best = places.first()?;
    let mut rivals: Vec<&Place> = places
        .iter()
        .filter(|p| p.context > best.context - MARGIN)
        .collect();
    if rivals.len() == 1 {
        // Unique by context. A lone occurrence of a short quote with unrelated context may
        // be a coincidence (the quoted passage was removed), so it is only offered.
        let sure = if places.len() == 1 {
            best.context >= 0.25 || len >= 16
        } else {
            best.context >= 0.5
        };
        let status = if sure {
            Status::Anchored
        } else {
            Status::NeedsReview
        };
        return Some((best.cps.clone(), status));
    }
    // The context does not decide: take the nearest to where the quote is expected, and
    // trust that only when the expectation comes from the diff and it is clearly nearest.
    rivals.sort_by_key(|p| p.off);
    let (nearest, second) = (rivals[0], rivals[1]);
    let clear = expected_is_mapped && nearest.off * 2 + len < second.off;
    let status = if clear {
        Status::Anchored
    } else {
        Status::NeedsReview
    };
    Some((nearest.cps.clone(), status))
}

/// Byte offsets of every occurrence of `needle` in `hay`, overlapping ones included.
fn occurrences<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + hay.get(from..)?.find(needle)?;
        from = at + hay[at..].chars().next().map_or(1, char::len_utf8);
        Some(at)
    })
    .take(MAX_OCCURRENCES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_overlap_and_respect_characters() {
        assert_eq!(occurrences("aaaa", "aa").collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(occurrences("éaéa", "éa").collect::<Vec<_>>(), vec![0, 3]);
        assert_eq!(occurrences("abc", "x").count(), 0);
    }

    #[test]
    fn similarity_is_one_for_equal_sides_and_falls_with_edits() {
        let a: Vec<char> = "the president said".chars().collect();
        let b: Vec<char> = "the president says".chars().collect();
        assert_eq!(similarity(&a, &a), 1.0);
        assert!(similarity(&a, &b) > 0.8);
        assert_eq!(similarity(&[], &[]), 1.0);
        assert_eq!(similarity(&[], &a), 0.0);
    }
}
