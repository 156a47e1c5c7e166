//! Where an annotation stands: the W3C `TextQuoteSelector` (the quoted text with up to
//! [`CONTEXT`] characters either side) and `TextPositionSelector` (code points), together.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Characters of context kept before and after the quote.
pub const CONTEXT: usize = 32;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The highlighted text, exactly.
    pub exact: String,
    /// Up to [`CONTEXT`] characters before it (fewer at the start of the text).
    pub prefix: String,
    /// Up to [`CONTEXT`] characters after it.
    pub suffix: String,
    /// Code point offsets of the quote in the body: `start..end`.
    pub start: usize,
    pub end: usize,
}

impl Target {
    /// The target for the byte range `bytes` of `body` (snapped to character boundaries).
    pub fn capture(body: &str, bytes: Range<usize>) -> Target {
        let start = floor_char(body, bytes.start.min(body.len()));
        let end = floor_char(body, bytes.end.clamp(start, body.len()));
        let before = &body[..start];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT - 1)
            .map_or(0, |(i, _)| i);
        let after = &body[end..];
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT)
            .map_or(after.len(), |(i, _)| i);
        let start_cp = before.chars().count();
        let exact = &body[start..end];
        Target {
            exact: exact.to_string(),
            prefix: before[prefix_start..].to_string(),
            suffix: after[..suffix_end].to_string(),
            start: start_cp,
            end: start_cp + exact.chars().count(),
        }
    }

    /// The byte range of the quote in `body` if the stored position still holds the exact
    /// quote there.
    pub fn byte_range(&self, body: &str) -> Option<Range<usize>> {
        let start = byte_of(body, self.start)?;
        let end = start + self.exact.len();
        (body.get(start..end) == Some(self.exact.as_str())).then_some(start..end)
    }

    /// Length of the quote in characters.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The byte offset of code point `cp` in `text` (`text.len()` for the end), if in range.
pub fn byte_of(text: &str, cp: usize) -> Option<usize> {
    if cp == 0 {
        return Some(0);
    }
    match text.char_indices().nth(cp) {
        Some((i, _)) => Some(i),
        None => (text.chars().count() == cp).then_some(text.len()),
    }
}

/// The largest character boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_keeps_32_characters_of_context_each_side() {
        let body = format!("{}QUOTE{}", "a".repeat(40), "é".repeat(40));
        let t = Target::capture(&body, 40..45);
        assert_eq!(t.exact, "QUOTE");
        assert_eq!(t.prefix, "a".repeat(32));
        assert_eq!(t.suffix, "é".repeat(32));
        assert_eq!((t.start, t.end), (40, 45));
        assert_eq!(t.byte_range(&body), Some(40..45));
    }

    #[test]
    fn positions_count_code_points_not_bytes() {
        let body = "Mikhaílo Podoliak said “yes”.";
        let start = body.find("Podoliak").expect("in the text");
        let t = Target::capture(body, start..start + "Podoliak".len());
        assert_eq!((t.start, t.end), (9, 17));
        assert_eq!(t.prefix, "Mikhaílo ");
        assert_eq!(t.byte_range(body), Some(start..start + 8));
        assert_eq!(t.byte_range("Mikhaílo Podoliak"), Some(start..start + 8));
        assert_eq!(t.byte_range("something else entirely"), None);
    }

    #[test]
    fn capture_snaps_inside_characters_and_allows_empty() {
        let body = "héllo";
        let t = Target::capture(body, 2..2);
        assert!(t.is_empty());
        assert_eq!(t.prefix, "h");
        assert_eq!(byte_of(body, 5), Some(body.len()));
        assert_eq!(byte_of(body, 6), None);
    }
}
