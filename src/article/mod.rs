//! Articles: the canonical text every other layer points into.
//!
//! An [`Article`] is produced by an importer (one per format; plain text is the reference)
//! followed by the cleaner, which removes scraping debris and records what it removed.

pub mod build;
pub mod clean;
pub mod decode;
pub mod import;
pub mod load;
pub mod plain;

pub use load::{LoadError, ParseMode, io_problem, load, parse};

use std::ops::Range;
use std::path::PathBuf;

/// One stored article, cleaned. `body` is the canonical text: paragraphs joined by a blank
/// line. Every span in the program (blocks, sections, entities…) is a byte range into it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Where the article came from, for messages and the status line (`None` for stdin).
    pub path: Option<PathBuf>,
    pub title: String,
    pub deck: Option<String>,
    /// What the source said about the article (author, site, URL, date), where known.
    pub meta: Meta,
    pub body: String,
    /// The body's blocks in text order; they never overlap and never include the `\n\n`.
    pub blocks: Vec<Block>,
    /// Debris the cleaner took out, in file order, so it can be shown again.
    pub removed: Vec<Removed>,
    /// Non-fatal problems found while reading (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

/// What a source says about an article besides its text. Plain text files carry none of
/// it; Markdown front matter, HTML meta tags, JSON fields and feeds do.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    pub author: Option<String>,
    /// The site or feed the article comes from ("BBC News").
    pub source: Option<String>,
    pub url: Option<String>,
    /// Publication date as ISO 8601 (`2024-06-19` or `2024-06-19T10:00:00Z`), so dates
    /// sort as text.
    pub published: Option<String>,
}

/// A block of the body. In plain text, headings are not a block kind: section analysis
/// finds them by looking at the whole article. Structured formats (Markdown, HTML) declare
/// their headings, and those are taken as they are.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BlockKind {
    Paragraph,
    /// A paragraph that is only a URL (e.g. a stripped tweet embed). Never a heading.
    Link,
    /// A heading the source declared (`## …`, `<h2>`).
    Heading,
}

/// A piece of the input the cleaner removed, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: RemovalReason,
    /// 1-based line in the decoded input.
    pub line: usize,
    /// Byte offset in `body` where the text stood (so "show original" can put it back).
    pub at: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RemovalReason {
    /// The headline (or headline | deck) repeated at the top of the body.
    RepeatedHeadline,
    /// Only whitespace / NBSP, or a lone punctuation mark.
    Empty,
    /// "Follow us on …", "For Latest Updates …".
    Follow,
    /// Trailing "PREV …" / "NEXT …" links to other articles.
    Navigation,
    /// "Share on Facebook", "Share this article", …
    Share,
    /// "Subscribe to our newsletter", "Sign up …".
    Subscribe,
    /// Cookie / consent banners.
    Cookie,
    /// Other page furniture ("Advertisement", "Read more", …).
    Furniture,
}

impl RemovalReason {
    /// The stable name used in `lede analyze` JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::RepeatedHeadline => "repeated-headline",
            RemovalReason::Empty => "empty",
            RemovalReason::Follow => "follow",
            RemovalReason::Navigation => "navigation",
            RemovalReason::Share => "share",
            RemovalReason::Subscribe => "subscribe",
            RemovalReason::Cookie => "cookie",
            RemovalReason::Furniture => "furniture",
        }
    }
}

impl Article {
    /// The text of a block.
    pub fn block_text(&self, block: &Block) -> &str {
        &self.body[block.range.clone()]
    }

    /// Checks what every later layer relies on: blocks in order, non-empty, not
    /// overlapping, on char boundaries, trimmed, without a blank line inside; removals
    /// pointing inside the body. Returns the first violation found.
    pub fn check_blocks(&self) -> Result<(), String> {
        let mut last_end = 0;
        for (i, block) in self.blocks.iter().enumerate() {
            let r = &block.range;
            if r.start >= r.end || r.end > self.body.len() {
                return Err(format!("block {i} ({r:?}) is empty or past the body"));
            }
            if i > 0 && r.start <= last_end {
                return Err(format!("block {i} ({r:?}) overlaps the one before"));
            }
            if !self.body.is_char_boundary(r.start) || !self.body.is_char_boundary(r.end) {
                return Err(format!("block {i} ({r:?}) is off a char boundary"));
            }
            let text = &self.body[r.clone()];
            if text != text.trim() {
                return Err(format!("block {i} is not trimmed: {text:?}"));
            }
            if text.contains("\n\n") {
                return Err(format!("block {i} holds a blank line"));
            }
            last_end = r.end;
        }
        match self
            .removed
            .iter()
            .find(|r| r.at > self.body.len() || r.line == 0)
        {
            Some(r) => Err(format!("removal {:?} points outside the body", r.text)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_blocks_reports_violations() {
        let mut a = Article {
            body: "One.\n\nTwo.".into(),
            blocks: vec![
                Block {
                    kind: BlockKind::Paragraph,
                    range: 0..4,
                },
                Block {
                    kind: BlockKind::Paragraph,
                    range: 6..10,
                },
            ],
            ..Article::default()
        };
        assert_eq!(a.check_blocks(), Ok(()));
        a.blocks[1].range = 3..10;
        assert!(a.check_blocks().is_err_and(|e| e.contains("overlaps")));
        a.blocks[1].range = 4..10;
        assert!(a.check_blocks().is_err_and(|e| e.contains("overlaps")));
        a.blocks[1].range = 5..10;
        assert!(a.check_blocks().is_err_and(|e| e.contains("trimmed")));
        a.blocks[0].range = 0..10;
        a.blocks.truncate(1);
        assert!(a.check_blocks().is_err_and(|e| e.contains("blank line")));
    }
}
