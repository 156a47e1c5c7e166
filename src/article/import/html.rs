//! HTML importer: a news page (or a fragment of one) to an [`Article`].
//!
//! The page is parsed by html5ever (through `scraper`), the same parser browsers follow, so
//! broken markup is repaired the way a browser would. [`fragment`] turns markup that is
//! already the article (a feed item's `content`, a JSON `body`) into blocks as it is;
//! [`parse`] first finds the article inside a whole page.

mod walk;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::article::Article;
use crate::article::build::ArticleBuilder;

use walk::{Piece, PieceKind, walk};

/// Reads a whole HTML page.
pub fn parse(text: &str, clean: bool) -> Result<Article, String> {
    let doc = Html::parse_document(text);
    let title = doc
        .root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "title")
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default();
    let mut builder = ArticleBuilder::new(&title, clean);
    let body = doc
        .root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "body");
    let root = body.map_or(doc.tree.root(), |b| *b);
    emit(&walk(root, &|_, _| false), &mut builder);
    if builder.is_empty() {
        return Err("no text found in this HTML page".to_string());
    }
    Ok(builder.finish())
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
    fn fragment_with_broken_markup() {
        let a = from_fragment("<p>one<p>two <i>three</b> four<div>five");
        assert_eq!(a.body, "one\n\ntwo three four\n\nfive");
    }
}
