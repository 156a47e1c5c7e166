//! Section detection: which standalone paragraphs are sub-headings.

use std::ops::Range;

use crate::article::Article;

/// A named section: its heading paragraph and the extent of the section.
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// Finds the sub-headings of `article`.
pub fn detect(article: &Article) -> Vec<Section> {
    let _ = article;
    Vec::new()
}
