//! The plain-text format: a headline line, a blank line, then paragraphs, usually scraped
//! from a web page.
//!
//! Decisions (see also `clean.rs` for what counts as debris):
//!
//! - **Headline**: the first non-blank line. `Headline | Deck` is split at the first ` | `.
//!   Copies of the headline (or of its title part) before the first kept paragraph are
//!   removed as [`RemovalReason::RepeatedHeadline`].
//! - **Paragraphs**: blank lines separate paragraphs. Inside a run of consecutive non-blank
//!   lines, each line is its own paragraph (scraped text puts one `<p>` per line, and page
//!   footers such as `PREV …`/`NEXT …` sit on adjacent lines) *unless* the run looks
//!   hard-wrapped: every line but the last is 50–100 characters long and close to the longest
//!   one, the next line's first word would not have fitted on it (which is how a greedy
//!   wrapper breaks lines), almost no line ends in sentence punctuation, and no line starts
//!   with a list marker. Hard-wrapped lines are joined with one space. A short first line
//!   directly above hard-wrapped lines (a heading with no blank line after it) stays apart.
//! - **Whitespace**: each tab becomes one space in clean mode (scraped tabs are indentation
//!   noise, and a raw tab has no width a terminal layout could measure); paragraphs are
//!   trimmed (NBSP included). Lines of only whitespace/NBSP/zero-width marks, or a lone mark
//!   such as `-`, are debris ([`RemovalReason::Empty`]) and separate paragraphs. In plain
//!   mode tabs are expanded to 8-column tab stops, which is what `cat` shows.
//! - **Links**: a paragraph that is only a URL becomes a [`BlockKind::Link`] block.
//! - **Navigation** (`PREV …`, `NEXT …`) is debris only in the trailing run of lines after
//!   the last real paragraph: "Next year…" in the middle of an article is prose.

use std::borrow::Cow;

use super::clean::{classify, is_empty_like, is_navigation};
use super::{Article, Block, BlockKind, RemovalReason, Removed};

/// One input line after the headline, as the cleaner sees it.
enum Item<'a> {
    /// A truly blank line (nothing, or ASCII spaces/tabs): a paragraph separator.
    Blank,
    /// Debris, also a paragraph separator.
    Debris {
        text: Cow<'a, str>,
        reason: RemovalReason,
        line: usize,
    },
    /// A line of content, trimmed, tabs already turned into spaces.
    Content { text: Cow<'a, str>, line: usize },
}

/// Parses `text` (already decoded, LF newlines) as a headline plus cleaned paragraphs.
pub fn parse_clean(text: &str) -> Article {
    let mut article = Article::default();
    let mut lines = text.split('\n').enumerate().map(|(i, l)| (i + 1, l));

    let headline = lines
        .by_ref()
        .map(|(_, l)| l.trim())
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let headline = tabs_to_spaces(headline);
    let (title, deck) = split_headline(&headline);
    article.title = title.to_string();
    article.deck = deck.map(str::to_string);

    let mut items: Vec<Item<'_>> = lines.map(|(line, raw)| classify_line(raw, line)).collect();
    mark_repeated_headline(&mut items, &headline, title);
    mark_trailing_navigation(&mut items);
    build_body(&mut article, items);
    article
}

/// Parses `text` with no interpretation: the body is the text (tabs expanded), and blocks are
/// its blank-line separated runs, trimmed.
pub fn parse_plain(text: &str) -> Article {
    let body = expand_tabs(text).into_owned();
    let mut blocks = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in body.split('\n') {
        let end = offset + line.len();
        if line.trim().is_empty() {
            if let Some((s, e)) = run.take() {
                blocks.push(trimmed_block(&body, s, e));
            }
        } else {
            run = Some((run.map_or(offset, |(s, _)| s), end));
        }
        offset = end + 1;
    }
    if let Some((s, e)) = run {
        blocks.push(trimmed_block(&body, s, e));
    }
    Article {
        body,
        blocks,
        ..Article::default()
    }
}

fn trimmed_block(body: &str, start: usize, end: usize) -> Block {
    let slice = &body[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    Block {
        kind: BlockKind::Paragraph,
        range: start + lead..end - trail,
    }
}

/// `Headline | Deck` → (headline, deck). Only the first ` | ` splits; an empty side is
/// not a split.
pub fn split_headline(line: &str) -> (&str, Option<&str>) {
    if let Some((title, deck)) = line.split_once(" | ") {
        let (title, deck) = (title.trim(), deck.trim());
        if !title.is_empty() && !deck.is_empty() {
            return (title, Some(deck));
        }
    }
    (line, None)
}

fn classify_line(raw: &str, line: usize) -> Item<'_> {
    if raw.bytes().all(|b| b == b' ' || b == b'\t') {
        return Item::Blank;
    }
    let trimmed = raw.trim();
    if is_empty_like(trimmed) {
        return Item::Debris {
            text: Cow::Borrowed(raw),
            reason: RemovalReason::Empty,
            line,
        };
    }
    match classify(trimmed) {
        Some(reason) => Item::Debris {
            text: Cow::Borrowed(trimmed),
            reason,
            line,
        },
        None => Item::Content {
            text: tabs_to_spaces(trimmed),
            line,
        },
    }
}

/// Copies of the headline before the first kept paragraph become debris. Compared by
/// words, ignoring case, because scrapers often differ only in spacing or capitalisation.
fn mark_repeated_headline(items: &mut [Item<'_>], headline: &str, title: &str) {
    if title.is_empty() {
        return;
    }
    let same = |a: &str, b: &str| {
        a.split_whitespace()
            .map(str::to_lowercase)
            .eq(b.split_whitespace().map(str::to_lowercase))
    };
    for item in items.iter_mut() {
        let Item::Content { text, line } = item else {
            continue;
        };
        if !(same(text, headline) || same(text, title)) {
            break;
        }
        *item = Item::Debris {
            text: std::mem::take(text),
            reason: RemovalReason::RepeatedHeadline,
            line: *line,
        };
    }
}

/// Walks back from the end over debris and navigation lines, turning the latter into debris.
fn mark_trailing_navigation(items: &mut [Item<'_>]) {
    for item in items.iter_mut().rev() {
        let Item::Content { text, line } = item else {
            continue;
        };
        if !is_navigation(text) {
            break;
        }
        *item = Item::Debris {
            text: std::mem::take(text),
            reason: RemovalReason::Navigation,
            line: *line,
        };
    }
}

/// A pending removal whose `at` is known only once the next paragraph is placed.
struct PendingRemoval {
    removed: Removed,
    /// Index of the paragraph that follows it (or the paragraph count: the body's end).
    next_paragraph: usize,
}

fn build_body(article: &mut Article, items: Vec<Item<'_>>) {
    let capacity = items
        .iter()
        .map(|i| match i {
            Item::Content { text, .. } => text.len() + 2,
            _ => 0,
        })
        .sum();
    let mut body = BodyBuilder {
        body: String::with_capacity(capacity),
        blocks: Vec::new(),
    };
    let mut pending: Vec<PendingRemoval> = Vec::new();
    let mut run: Vec<Cow<'_, str>> = Vec::new();
    for item in items {
        match item {
            Item::Content { text, .. } => run.push(text),
            Item::Blank => flush_run(&mut run, &mut body),
            Item::Debris { text, reason, line } => {
                flush_run(&mut run, &mut body);
                pending.push(PendingRemoval {
                    removed: Removed {
                        text: text.into_owned(),
                        reason,
                        line,
                        at: 0,
                    },
                    next_paragraph: body.blocks.len(),
                });
            }
        }
    }
    flush_run(&mut run, &mut body);
    let BodyBuilder { body, blocks } = body;
    article.removed = pending
        .into_iter()
        .map(|p| Removed {
            at: blocks
                .get(p.next_paragraph)
                .map_or(body.len(), |b| b.range.start),
            ..p.removed
        })
        .collect();
    article.body = body;
    article.blocks = blocks;
}

/// Appends paragraphs straight into the body (no intermediate strings: this is the hot
/// path for very large files).
struct BodyBuilder {
    body: String,
    blocks: Vec<Block>,
}

impl BodyBuilder {
    /// Appends `lines` joined by single spaces as one paragraph.
    fn push(&mut self, lines: &[Cow<'_, str>]) {
        if !self.body.is_empty() {
            self.body.push_str("\n\n");
        }
        let start = self.body.len();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.body.push(' ');
            }
            self.body.push_str(line);
        }
        let kind = if is_url(&self.body[start..]) {
            BlockKind::Link
        } else {
            BlockKind::Paragraph
        };
        self.blocks.push(Block {
            kind,
            range: start..self.body.len(),
        });
    }
}

/// Turns a run of consecutive content lines into paragraphs: one if hard-wrapped, else one
/// per line.
fn flush_run(run: &mut Vec<Cow<'_, str>>, body: &mut BodyBuilder) {
    if run.is_empty() {
        return;
    }
    if is_hard_wrapped(run) {
        body.push(run);
    } else if run.len() >= 3 && is_hard_wrapped(&run[1..]) {
        // A heading or label line directly above a hard-wrapped paragraph.
        body.push(&run[..1]);
        body.push(&run[1..]);
    } else {
        for line in run.iter() {
            body.push(std::slice::from_ref(line));
        }
    }
    run.clear();
}

/// See the module comment for the rule.
pub fn is_hard_wrapped<S: AsRef<str>>(lines: &[S]) -> bool {
    let Some((_, body)) = lines.split_last() else {
        return false;
    };
    if body.is_empty() || lines.iter().any(|l| starts_with_list_marker(l.as_ref())) {
        return false;
    }
    let width = |s: &str| s.chars().take(101).count();
    let max = lines.iter().map(|l| width(l.as_ref())).max().unwrap_or(0);
    if !(50..=100).contains(&max) {
        return false;
    }
    let mut punctuated = 0;
    for (i, line) in body.iter().enumerate() {
        let line = line.as_ref();
        let w = width(line);
        let next_word = lines[i + 1]
            .as_ref()
            .split_whitespace()
            .next()
            .map_or(0, |word| word.chars().count());
        if w * 10 < max * 7 || w + 1 + next_word <= max {
            return false;
        }
        if line.ends_with(['.', '?', '!', ':', '"', '”']) {
            punctuated += 1;
        }
    }
    punctuated <= body.len() / 3
}

/// "• item", "- item", "* item", "1. item", "2) item".
pub fn starts_with_list_marker(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with(['•', '◦', '▪', '‣', '–', '—'])
        || line.starts_with("- ")
        || line.starts_with("* ")
    {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// A paragraph that is only a URL.
pub fn is_url(text: &str) -> bool {
    let lower_start = text
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    (lower_start.starts_with("http://")
        || lower_start.starts_with("https://")
        || lower_start.starts_with("www."))
        && text.len() > 10
        && !text.chars().any(char::is_whitespace)
}

fn tabs_to_spaces(text: &str) -> Cow<'_, str> {
    if text.contains('\t') {
        Cow::Owned(text.replace('\t', " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// Tabs to the next multiple-of-8 column (columns counted in chars).
fn expand_tabs(text: &str) -> Cow<'_, str> {
    if !text.contains('\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let n = 8 - column % 8;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            '\n' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
#[path = "plain_tests.rs"]
mod tests;
