//! HTML importer: a news page (or a fragment of one) to an [`Article`].
//!
//! The page is parsed by html5ever (through `scraper`), the same parser browsers follow, so
//! broken markup is repaired the way a browser would. [`fragment`] turns markup that is
//! already the article (a feed item's `content`, a JSON `body`) into blocks as it is;
//! [`parse`] first finds the article inside a whole page.

pub mod charset;
mod dates;
mod extract;
mod jsonld;
mod junk;
mod lines;
mod meta;
mod patterns;
mod region;
mod title;
mod walk;

use std::collections::HashSet;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::article::Article;
use crate::article::build::{ArticleBuilder, LINE_BREAK};

use extract::tokens;
use walk::{Piece, PieceKind, walk};

/// Reads a whole HTML page: its metadata, then the article text without the page around
/// it (see `extract` for how the article is found).
pub fn parse(text: &str, clean: bool) -> Result<Article, String> {
    let doc = Html::parse_document(text);
    let meta = meta::read(&doc);
    let mut builder = ArticleBuilder::new(&meta.title, clean);
    if let Some(warning) = charset::lossy_warning(text) {
        builder.warn(warning);
    }
    let m = builder.meta_mut();
    m.author = meta.author.clone();
    m.source = meta.site.clone();
    m.url = meta.url.clone();
    m.published = meta.published.clone();

    let found = extract::extract(&doc, &meta);
    let mut first_text = String::new();
    if found.from_ld_body {
        let body = meta.ld.body.as_deref().map(ld_text).unwrap_or_default();
        for line in body.split('\n') {
            if first_text.is_empty() {
                first_text = line.to_string();
            }
            builder.paragraph(line);
        }
    } else {
        // An <h1> before the text is the headline (or a section name), not a heading.
        let first_para = found
            .pieces
            .iter()
            .position(|p| !matches!(p.kind, PieceKind::Heading(_)))
            .unwrap_or(found.pieces.len());
        if builder.title().is_empty()
            && let Some(h1) = found.pieces[..first_para]
                .iter()
                .find(|p| p.kind == PieceKind::Heading(1))
        {
            builder.set_title(&h1.text);
        }
        let pieces: Vec<Piece> = found
            .pieces
            .into_iter()
            .enumerate()
            .filter(|(i, p)| {
                let PieceKind::Heading(level) = p.kind else {
                    return true;
                };
                if *i < first_para {
                    // Before the text: the headline again (in any heading), or the deck.
                    let deck = meta
                        .description
                        .as_deref()
                        .is_some_and(|d| mostly_within(&p.text, d) && mostly_within(d, &p.text));
                    level != 1 && !same_words(&p.text, &meta.title) && !deck
                } else {
                    !(level == 1 && same_words(&p.text, &meta.title))
                }
            })
            .map(|(_, p)| p)
            .collect();
        let pieces: Vec<Piece> = pieces
            .into_iter()
            .filter_map(|p| drop_furniture_lines(p, &meta.title))
            .collect();
        if let Some(p) = pieces
            .iter()
            .find(|p| !matches!(p.kind, PieceKind::Heading(_)))
        {
            first_text = p.text.clone();
        }
        emit(&pieces, &mut builder);
    }
    if let Some(description) = &meta.description
        && !mostly_within(description, &first_text)
        && !same_words(description, &meta.title)
    {
        builder.deck(description);
    }
    if builder.title().is_empty()
        && let Some(h) = found_heading(&doc)
    {
        builder.set_title(&h);
    }
    if builder.is_empty() {
        return Err("no article text found in this HTML page".to_string());
    }
    Ok(builder.finish())
}

/// In a paragraph of `<br>`-separated lines, drops the lines that repeat the headline or
/// only give the byline or date (hand-made pages put them all in one block).
fn drop_furniture_lines(mut piece: Piece, title: &str) -> Option<Piece> {
    if matches!(piece.kind, PieceKind::Heading(_)) || !piece.text.contains(LINE_BREAK) {
        return Some(piece);
    }
    let lines: Vec<&str> = piece
        .text
        .split(LINE_BREAK)
        .filter(|line| {
            let line = line.trim();
            !(same_words(line, title) || lines::is_byline_or_dateline(line))
        })
        .collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    piece.text = lines.join(&LINE_BREAK.to_string());
    Some(piece)
}

/// The first heading of the page, for a page with no title at all.
fn found_heading(doc: &Html) -> Option<String> {
    doc.root_element()
        .descendent_elements()
        .find(|e| matches!(e.value().name(), "h1" | "h2"))
        .map(|e| crate::article::build::collapse(&e.text().collect::<String>()))
        .filter(|h| !h.is_empty())
}

/// The text of a JSON-LD `articleBody`: markup (some sites put HTML there) turned into
/// paragraphs, one per line.
fn ld_text(body: &str) -> String {
    if !body.contains(['<', '&']) {
        return body.to_string();
    }
    let doc = Html::parse_fragment(body);
    walk(doc.tree.root(), &|_, _| false)
        .iter()
        .map(|p| crate::article::build::collapse(&p.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The same words, ignoring case and punctuation.
fn same_words(a: &str, b: &str) -> bool {
    tokens(a).eq(tokens(b))
}

/// Most (80%) of the words of `short` occur in `long`: a summary that only repeats the
/// opening paragraph is not a deck.
fn mostly_within(short: &str, long: &str) -> bool {
    let have: HashSet<String> = tokens(long).collect();
    let words: Vec<String> = tokens(short).collect();
    if words.is_empty() {
        return true;
    }
    let hit = words.iter().filter(|w| have.contains(*w)).count();
    hit * 5 >= words.len() * 4
}

/// Adds the blocks of an HTML fragment to `builder`: headings as headings, paragraphs,
/// list items and quotations as paragraphs, `<br>` as a line break; scripts and styles
/// are dropped and entities decoded. Nothing is judged boilerplate: the fragment is taken
/// to be the article (the builder's own cleaning still applies).
pub fn fragment(html: &str, builder: &mut ArticleBuilder) {
    let doc = Html::parse_fragment(html);
    let root: NodeRef<'_, Node> = doc.tree.root();
    emit(&walk(root, &|_, _| false), builder);
}

/// Hands pieces to the builder in order.
fn emit(pieces: &[Piece], builder: &mut ArticleBuilder) {
    for piece in pieces {
        match piece.kind {
            PieceKind::Heading(_) => builder.heading(&piece.text),
            PieceKind::Paragraph | PieceKind::Item => builder.paragraph(&piece.text),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    fn from_fragment(html: &str) -> Article {
        let mut b = ArticleBuilder::new("T", true);
        fragment(html, &mut b);
        b.finish()
    }

    #[test]
    fn fragment_becomes_blocks() {
        let a = from_fragment(
            "<p>First &amp; <b>bold</b> para.</p><h3>Sub head</h3>\
             <ul><li>one item</li><li>two</li></ul><blockquote>Quoted words</blockquote>\
             <script>alert(1)</script><p>Line one<br>line two</p>",
        );
        assert_eq!(
            a.body,
            "First & bold para.\n\nSub head\n\none item\n\ntwo\n\nQuoted words\n\nLine one\nline two"
        );
        assert_eq!(a.blocks[1].kind, BlockKind::Heading);
        assert_eq!(a.check_blocks(), Ok(()));
    }

    #[test]
    fn fragment_of_plain_text_and_entities() {
        let a = from_fragment("Caf&eacute; &lt;open&gt; &#8220;late&#8221;");
        assert_eq!(a.body, "Café <open> “late”");
    }

    #[test]
    fn page_without_title_takes_its_h1() {
        let a = parse(
            "<body><h1>Dam opens</h1><p>The dam opened on Monday, after ten years of work \
             and three delays, to a crowd of several hundred people.</p></body>",
            true,
        )
        .expect("page");
        assert_eq!(a.title, "Dam opens");
        assert!(a.body.starts_with("The dam opened"));
    }

    #[test]
    fn garbage_never_panics() {
        for input in [
            "",
            "<",
            "<<<>>>",
            "</p></div></body>",
            "<html><body>",
            "<p>unclosed <b>bold <i>italic",
            "<table><td>cell<tr><p>para</table>",
            "<script>never closed",
            "\u{0}\u{feff}<p>\u{2028}x</p>",
            "<meta charset=windows-1252><p>Caf\u{fffd}</p>",
            "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":",
            "<br><br><br><br>",
            "&&&;;; &#xFFFFFF; &#0; &bogus;",
        ] {
            if let Ok(a) = parse(input, true) {
                assert_eq!(a.check_blocks(), Ok(()), "{input:?}");
            }
            let _ = from_fragment(input);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_tag_soup_gives_valid_blocks(
            parts in proptest::collection::vec(
                "(<(p|div|br|h2|li|ul|td|tr|table|article|nav|script|a href='/x')>|</(p|div|h2|li|ul|a|article|nav|script|table)>|[A-Za-z ,.&;#0-9]{0,16})",
                0..60,
            ),
            clean in proptest::bool::ANY,
        ) {
            let html = parts.concat();
            if let Ok(a) = parse(&html, clean) {
                proptest::prop_assert_eq!(a.check_blocks(), Ok(()));
            }
            let mut b = ArticleBuilder::new("T", clean);
            fragment(&html, &mut b);
            proptest::prop_assert_eq!(b.finish().check_blocks(), Ok(()));
        }
    }

    #[test]
    fn fragment_with_broken_markup() {
        let a = from_fragment("<p>one<p>two <i>three</b> four<div>five");
        assert_eq!(a.body, "one\n\ntwo three four\n\nfive");
    }
}
