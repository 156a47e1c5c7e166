//! Re-anchoring: finding annotations again after an article's text changed.
//!
//! PLACEHOLDER pipeline (position check, then exact quote): the full one (diff mapping,
//! context-ranked quote search, fuzzy matching) replaces it.

use super::{Status, Target};

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

/// Finds each of `targets` (captured from `old`, when the old text is known) in `new`.
/// `None` means orphan: not found with enough confidence. Never guesses.
pub fn reanchor(old: Option<&str>, new: &str, targets: &[Target]) -> Vec<Option<Found>> {
    let _ = old;
    targets
        .iter()
        .map(|t| {
            if let Some(range) = t.byte_range(new) {
                return Some(Found {
                    target: Target::capture(new, range),
                    status: Status::Anchored,
                    method: Method::Position,
                });
            }
            if t.exact.is_empty() {
                return None;
            }
            let at = new.find(&t.exact)?;
            Some(Found {
                target: Target::capture(new, at..at + t.exact.len()),
                status: Status::Anchored,
                method: Method::Quote,
            })
        })
        .collect()
}
