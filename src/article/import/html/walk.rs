//! The DOM → blocks walk: turns a subtree into headings and paragraphs in reading order.
//!
//! Block elements (`p`, `div`, `li`, `blockquote`, `td`…) end the paragraph being
//! gathered; inline elements add their text to it. `<br>` becomes [`LINE_BREAK`], and a
//! run of two or more `<br>` with nothing but whitespace between splits the paragraph
//! (old pages and forum posts separate paragraphs that way). The walk knows nothing of
//! boilerplate: the caller passes a `skip` test for the elements to leave out, and each
//! [`Piece`] carries what the caller needs to judge it afterwards (how much of its text is
//! link text, which element it came from).

use std::ops::Range;

use ego_tree::{NodeId, NodeRef};
use scraper::Node;
use scraper::node::Element;

use crate::article::build::LINE_BREAK;

/// What a piece is: a heading (with its level) or a paragraph of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PieceKind {
    Heading(u8),
    Paragraph,
    /// A list item (`li`, `dd`, `dt`): prose in articles, links in menus.
    Item,
}

/// One block of text found by the walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    /// The text, whitespace not yet collapsed; [`LINE_BREAK`] where the source had `<br>`.
    pub text: String,
    /// Characters (not whitespace) of the text that sit inside links.
    pub link_chars: usize,
    /// Characters of the text that are not whitespace.
    pub chars: usize,
    /// The innermost block element the text belongs to.
    pub node: NodeId,
}

impl Piece {
    /// Share of the text that is link text (0 for an empty piece).
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// Elements whose content is never text to read, whatever the caller says.
pub fn is_hidden_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "picture"
            | "source"
            | "img"
            | "map"
            | "button"
            | "select"
            | "option"
            | "input"
            | "textarea"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "amp-ad"
            | "amp-embed"
            | "amp-analytics"
            | "amp-iframe"
            | "amp-video"
            | "amp-img"
    )
}

/// Elements the page hides from everyone (`hidden`, inline `display:none`).
pub fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Elements that start and end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Deeper than this, the walk stops descending (no stack overflow on pathological input);
/// the text below is still gathered, flat.
const MAX_DEPTH: usize = 256;

/// Walks `root` and returns its pieces. `skip(node, element)` leaves an element and all
/// it holds out; hidden tags and hidden elements are always left out.
pub fn walk(root: NodeRef<'_, Node>, skip: &dyn Fn(NodeId, &Element) -> bool) -> Vec<Piece> {
    let mut walker = Walker {
        skip,
        pieces: Vec::new(),
        buf: String::new(),
        links: Vec::new(),
        link_depth: 0,
        block: vec![root.id()],
        heading: None,
        pre_depth: 0,
    };
    walker.node(root, 0);
    walker.flush();
    walker.pieces
}

struct Walker<'s> {
    skip: &'s dyn Fn(NodeId, &Element) -> bool,
    pieces: Vec<Piece>,
    /// The text of the block being gathered.
    buf: String,
    /// Byte ranges of `buf` that are link text.
    links: Vec<Range<usize>>,
    link_depth: usize,
    /// The block elements open around the walk (innermost last).
    block: Vec<NodeId>,
    /// Inside a heading: its level.
    heading: Option<u8>,
    /// Inside `<pre>`: its line ends are line breaks.
    pre_depth: usize,
}

impl Walker<'_> {
    fn node(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        match node.value() {
            Node::Text(text) => self.text(text),
            Node::Element(el) => self.element(node, el, depth),
            Node::Document | Node::Fragment => {
                for child in node.children() {
                    self.node(child, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        let start = self.buf.len();
        if self.pre_depth > 0 {
            // Replaced as the text comes in, so that the link ranges stay true.
            self.buf
                .extend(text.chars().map(|c| if c == '\n' { LINE_BREAK } else { c }));
        } else {
            self.buf.push_str(text);
        }
        if self.link_depth > 0 {
            self.links.push(start..self.buf.len());
        }
    }

    fn element(&mut self, node: NodeRef<'_, Node>, el: &Element, depth: usize) {
        let name = el.name();
        if is_hidden_tag(name) || is_hidden(el) || (self.skip)(node.id(), el) {
            // A skipped element still separates the words on either side of it.
            if is_block(name) {
                self.flush();
            } else if !is_hidden_tag(name) {
                self.buf.push(' ');
            }
            return;
        }
        if name == "br" {
            self.buf.push(LINE_BREAK);
            return;
        }
        if depth >= MAX_DEPTH {
            self.flat_text(node);
            return;
        }
        if let Some(level) = heading_level(name)
            && self.heading.is_none()
        {
            self.flush();
            self.heading = Some(level);
            self.block.push(node.id());
            self.children(node, depth);
            self.flush();
            self.block.pop();
            self.heading = None;
            return;
        }
        let block = is_block(name) && self.heading.is_none();
        if block {
            self.flush();
            self.block.push(node.id());
        }
        let link = name == "a" && el.attr("href").is_some();
        if link {
            self.link_depth += 1;
        }
        let pre = name == "pre";
        if pre {
            self.pre_depth += 1;
        }
        self.children(node, depth);
        if pre {
            self.pre_depth -= 1;
        }
        if link {
            self.link_depth -= 1;
        }
        if block {
            self.flush_as(kind_of(name));
            self.block.pop();
        } else if matches!(name, "td" | "th") {
            self.buf.push(' ');
        }
    }

    fn children(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        for child in node.children() {
            self.node(child, depth + 1);
        }
    }

    /// The text under `node`, without structure (only past [`MAX_DEPTH`]).
    fn flat_text(&mut self, node: NodeRef<'_, Node>) {
        for d in node.descendants() {
            if let Node::Text(text) = d.value() {
                let hidden = d.ancestors().take(MAX_DEPTH).any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| is_hidden_tag(e.name()))
                });
                if !hidden {
                    self.buf.push_str(text);
                    self.buf.push(' ');
                }
            }
        }
    }

    fn flush(&mut self) {
        self.flush_as(PieceKind::Paragraph);
    }

    /// Ends the block being gathered: one piece per `<br><br>`-separated part.
    fn flush_as(&mut self, kind: PieceKind) {
        let buf = std::mem::take(&mut self.buf);
        let links = std::mem::take(&mut self.links);
        let node = self.block.last().copied();
        let Some(node) = node else { return };
        let kind = match self.heading {
            Some(level) => PieceKind::Heading(level),
            None => kind,
        };
        let parts = match kind {
            PieceKind::Heading(_) => std::iter::once(0..buf.len()).collect(),
            _ => paragraph_parts(&buf),
        };
        // Parts and link ranges both run in text order: one sweep over the links (a long
        // `<br>`-separated page has thousands of each).
        let mut first_link = 0;
        for part in parts {
            while links.get(first_link).is_some_and(|r| r.end <= part.start) {
                first_link += 1;
            }
            let text = buf[part.clone()].trim_matches(char::is_whitespace);
            if text.is_empty() {
                continue;
            }
            let chars = count_chars(text);
            if chars == 0 {
                continue;
            }
            let link_chars = links[first_link..]
                .iter()
                .take_while(|r| r.start < part.end)
                .map(|r| {
                    let (s, e) = (r.start.max(part.start), r.end.min(part.end));
                    if s < e { count_chars(&buf[s..e]) } else { 0 }
                })
                .sum();
            self.pieces.push(Piece {
                kind,
                text: text.to_string(),
                link_chars,
                chars,
                node,
            });
        }
    }
}

fn kind_of(name: &str) -> PieceKind {
    match name {
        "li" | "dd" | "dt" => PieceKind::Item,
        _ => PieceKind::Paragraph,
    }
}

/// Non-whitespace characters of `text`.
pub fn count_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Splits `buf` where two or more line breaks follow each other with only whitespace
/// between them. Returns byte ranges.
fn paragraph_parts(buf: &str) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut breaks = 0;
    let mut run_start = None;
    for (i, c) in buf.char_indices() {
        if c == LINE_BREAK {
            if breaks == 0 {
                run_start = Some(i);
            }
            breaks += 1;
        } else if !c.is_whitespace() {
            if breaks >= 2
                && let Some(rs) = run_start
            {
                parts.push(start..rs);
                start = i;
            }
            breaks = 0;
            run_start = None;
        }
    }
    parts.push(start..buf.len());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn pieces(html: &str) -> Vec<(PieceKind, String)> {
        let doc = Html::parse_fragment(html);
        walk(doc.tree.root(), &|_, _| false)
            .into_iter()
            .map(|p| (p.kind, crate::article::build::collapse(&p.text)))
            .collect()
    }

    #[test]
    fn blocks_and_inline_text() {
        let got = pieces(
            "<h2>Head <em>line</em></h2><p>One <b>two</b>\n three.</p>loose text<div>div</div>",
        );
        assert_eq!(
            got,
            [
                (PieceKind::Heading(2), "Head line".to_string()),
                (PieceKind::Paragraph, "One two three.".to_string()),
                (PieceKind::Paragraph, "loose text".to_string()),
                (PieceKind::Paragraph, "div".to_string()),
            ]
        );
    }

    #[test]
    fn double_breaks_split_single_breaks_stay() {
        let got = pieces("<div>a<br>b<br> <br>c<br/><br/><br/>d<br></div>");
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["a\nb", "c", "d"]);
    }

    #[test]
    fn link_density_counts_link_text() {
        let doc = Html::parse_fragment("<p><a href='/x'>abcd</a> efgh</p><p>no links</p>");
        let got = walk(doc.tree.root(), &|_, _| false);
        assert_eq!(got[0].link_chars, 4);
        assert_eq!(got[0].chars, 8);
        assert!((got[0].link_density() - 0.5).abs() < 1e-9);
        assert_eq!(got[1].link_density(), 0.0);
    }

    #[test]
    fn hidden_and_skipped_content_is_left_out() {
        let got = pieces(
            "<p>a<script>var x;</script><style>p{}</style> b</p><p hidden>h</p>\
             <p style='display: none'>n</p><nav>menu</nav>",
        );
        assert_eq!(
            got,
            [
                (PieceKind::Paragraph, "a b".to_string()),
                (PieceKind::Paragraph, "menu".to_string())
            ]
        );
        let doc = Html::parse_fragment("<p>keep</p><nav>menu</nav>");
        let got = walk(doc.tree.root(), &|_, el| el.name() == "nav");
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn each_br_part_counts_its_own_links() {
        let html = format!(
            "<div>{}</div>",
            "text <a href='/x'>ab</a> more<br><br>plain words<br><br>".repeat(40)
        );
        let doc = Html::parse_fragment(&html);
        let got = walk(doc.tree.root(), &|_, _| false);
        assert_eq!(got.len(), 80);
        for (i, p) in got.iter().enumerate() {
            assert_eq!(p.link_chars, if i % 2 == 0 { 2 } else { 0 }, "{i}");
        }
    }

    #[test]
    fn links_after_line_ends_in_pre_keep_their_place() {
        let doc = Html::parse_fragment("<pre>a\nb\n\u{e9}<a href='/x'>x\u{e9}</a>\u{e9}\n</pre>");
        let got = walk(doc.tree.root(), &|_, _| false);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].link_chars, 2);
        assert_eq!(got[0].text, "a\u{2028}b\u{2028}\u{e9}x\u{e9}\u{e9}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(5000) + "deep text" + &"</div>".repeat(5000);
        let got = pieces(&html);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, "deep text");
    }
}
