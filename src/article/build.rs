//! Building an [`Article`] from structured pieces (headings, paragraphs, links), for the
//! formats that already know their structure: Markdown, HTML, JSON records, feeds.
//!
//! The builder owns the invariants every later layer relies on (see
//! [`Article::check_blocks`]): whitespace inside a piece is collapsed to single spaces
//! (explicit line breaks survive as one `\n`), empty pieces are dropped, and blocks are
//! joined by one blank line. When cleaning is on, each paragraph goes through the same
//! debris rules as plain text, and removals are recorded rather than lost.

use super::clean::{classify, is_navigation};
use super::{Article, Block, BlockKind, Meta, RemovalReason, Removed};

/// Accumulates the pieces of one article in reading order.
#[derive(Debug)]
pub struct ArticleBuilder {
    article: Article,
    clean: bool,
    /// The 1-based number of the next piece, recorded as `line` of a removal: structured
    /// formats have no meaningful input line, and the piece number still orders them.
    piece: usize,
}

impl ArticleBuilder {
    /// Starts an article with its headline. `clean` applies the debris rules to paragraphs.
    pub fn new(title: &str, clean: bool) -> Self {
        ArticleBuilder {
            article: Article {
                title: collapse(title).replace('\n', " "),
                ..Article::default()
            },
            clean,
            piece: 0,
        }
    }

    pub fn deck(&mut self, deck: &str) -> &mut Self {
        let deck = collapse(deck).replace('\n', " ");
        self.article.deck = (!deck.is_empty()).then_some(deck);
        self
    }

    pub fn meta_mut(&mut self) -> &mut Meta {
        &mut self.article.meta
    }

    pub fn warn(&mut self, warning: String) -> &mut Self {
        self.article.warnings.push(warning);
        self
    }

    /// The headline so far (importers fall back to the first heading when it is empty).
    pub fn title(&self) -> &str {
        &self.article.title
    }

    pub fn set_title(&mut self, title: &str) -> &mut Self {
        self.article.title = collapse(title).replace('\n', " ");
        self
    }

    /// True when no block has been added yet.
    pub fn is_empty(&self) -> bool {
        self.article.blocks.is_empty()
    }

    pub fn heading(&mut self, text: &str) -> &mut Self {
        self.push(BlockKind::Heading, text)
    }

    pub fn link(&mut self, url: &str) -> &mut Self {
        self.push(BlockKind::Link, url)
    }

    /// Adds a paragraph. With cleaning on, debris ("Share this article", a lone "|") is
    /// recorded as removed instead.
    pub fn paragraph(&mut self, text: &str) -> &mut Self {
        if self.clean
            && let Some(reason) = classify(text)
        {
            self.piece += 1;
            let text = collapse(text);
            if !text.is_empty() {
                self.removed(text, reason);
            }
            return self;
        }
        self.push(BlockKind::Paragraph, text)
    }

    fn removed(&mut self, text: String, reason: RemovalReason) {
        let at = self.article.body.len();
        self.article.removed.push(Removed {
            text,
            reason,
            line: self.piece.max(1),
            at,
        });
    }

    fn push(&mut self, kind: BlockKind, text: &str) -> &mut Self {
        self.piece += 1;
        let text = collapse(text);
        if text.is_empty() {
            return self;
        }
        let body = &mut self.article.body;
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(&text);
        self.article.blocks.push(Block {
            kind,
            range: start..body.len(),
        });
        self
    }

    /// Finishes the article: with cleaning on, a copy of the headline opening the body and
    /// a trailing run of "Next article…" links are moved to the removed list.
    pub fn finish(mut self) -> Article {
        if self.clean {
            self.drop_repeated_headline();
            self.drop_trailing_navigation();
        }
        self.article
    }

    fn drop_repeated_headline(&mut self) {
        let Some(first) = self.article.blocks.first() else {
            return;
        };
        let text = self.article.block_text(first);
        if text.is_empty() || !text.eq_ignore_ascii_case(&self.article.title) {
            return;
        }
        self.remove_block(0, RemovalReason::RepeatedHeadline);
    }

    fn drop_trailing_navigation(&mut self) {
        while let Some(last) = self.article.blocks.last() {
            if last.kind != BlockKind::Paragraph
                || !is_navigation(self.article.block_text(last))
                || self.article.blocks.len() == 1
            {
                return;
            }
            self.remove_block(self.article.blocks.len() - 1, RemovalReason::Navigation);
        }
    }

    /// Takes block `i` out of the body (shifting later offsets) and records it as removed.
    fn remove_block(&mut self, i: usize, reason: RemovalReason) {
        let article = &mut self.article;
        let range = article.blocks[i].range.clone();
        let text = article.body[range.clone()].to_string();
        // The block and one adjacent separator go.
        let cut = if i + 1 < article.blocks.len() {
            range.start..article.blocks[i + 1].range.start
        } else if i > 0 {
            article.blocks[i - 1].range.end..range.end
        } else {
            range.clone()
        };
        let shift = cut.end - cut.start;
        article.body.replace_range(cut.clone(), "");
        article.blocks.remove(i);
        for block in &mut article.blocks[i..] {
            block.range.start -= shift;
            block.range.end -= shift;
        }
        for removed in &mut article.removed {
            if removed.at >= cut.end {
                removed.at -= shift;
            } else if removed.at > cut.start {
                removed.at = cut.start;
            }
        }
        let at = cut.start.min(article.body.len());
        let line = article
            .removed
            .iter()
            .filter(|r| r.at <= at)
            .map(|r| r.line)
            .max()
            .unwrap_or(0)
            + 1;
        let pos = article.removed.partition_point(|r| r.at <= at);
        article.removed.insert(
            pos,
            Removed {
                text,
                reason,
                line,
                at,
            },
        );
    }
}

/// An explicit line break inside a piece (`<br>`, a Markdown hard break). Importers put
/// U+2028 LINE SEPARATOR where the source breaks a line on purpose; ordinary newlines in
/// markup are just whitespace.
pub const LINE_BREAK: char = '\u{2028}';

/// Collapses whitespace runs to one space, or to one `\n` when the run holds a
/// [`LINE_BREAK`]; trims both ends. NBSP counts as whitespace.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending: Option<char> = None;
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() {
                pending = match (pending, c) {
                    (Some('\n'), _) | (_, LINE_BREAK) => Some('\n'),
                    _ => Some(' '),
                };
            }
            continue;
        }
        if let Some(p) = pending.take() {
            out.push(p);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_become_blocks_with_blank_lines_between() {
        let mut b = ArticleBuilder::new("  Title\n here ", true);
        b.heading("Against  US\thegemony")
            .paragraph("First\u{a0} para.\n\n")
            .paragraph("   ")
            .link("https://example.com/x");
        let a = b.finish();
        assert_eq!(a.title, "Title here");
        assert_eq!(
            a.body,
            "Against US hegemony\n\nFirst para.\n\nhttps://example.com/x"
        );
        let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [BlockKind::Heading, BlockKind::Paragraph, BlockKind::Link]
        );
        assert_eq!(a.check_blocks(), Ok(()));
    }

    #[test]
    fn line_breaks_survive_as_one_newline() {
        assert_eq!(collapse(" a \u{2028}\n  b \n c\t\n"), "a\nb c");
    }

    #[test]
    fn debris_is_recorded_not_kept() {
        let mut b = ArticleBuilder::new("Pact signed", true);
        b.paragraph("Pact signed")
            .paragraph("Moscow agreed on Wednesday.")
            .paragraph("Share on Facebook")
            .paragraph("Kyiv objected.")
            .paragraph("NEXT: Markets fall");
        let a = b.finish();
        assert_eq!(a.body, "Moscow agreed on Wednesday.\n\nKyiv objected.");
        let reasons: Vec<&str> = a.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(reasons, ["repeated-headline", "share", "navigation"]);
        assert_eq!(a.removed[1].at, "Moscow agreed on Wednesday.".len());
        assert_eq!(a.check_blocks(), Ok(()));
    }

    #[test]
    fn without_cleaning_everything_stays() {
        let mut b = ArticleBuilder::new("T", false);
        b.paragraph("Share on Facebook");
        let a = b.finish();
        assert_eq!(a.body, "Share on Facebook");
        assert!(a.removed.is_empty());
    }
}
