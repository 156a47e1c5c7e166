//! Feeds: RSS 0.9x, 1.0 and 2.0, and Atom, read by feed-rs. One item per entry.
//!
//! Decisions:
//!
//! - **Text**: the entry's content (`content:encoded`, Atom `<content>`), else its summary
//!   (`<description>`, Atom `<summary>`). Markup (tags or entities) goes through
//!   [`super::html::fragment`]; a `text/plain` or markup-free text is split into paragraphs
//!   like a JSON body. When both exist, the summary is the deck unless it is just the
//!   opening of the content (an excerpt).
//! - **An entry with no text** (link-only feeds) is kept with its title and link, and a
//!   warning; the reader shows the headline and the URL to open. An entry with neither
//!   title nor text is skipped with a warning on the other items.
//! - **Metadata**: the link is the entry's `alternate` (or only) link; the date is
//!   `published`, else `updated`; authors are the entry's (RSS `author`, `dc:creator`, Atom
//!   `author`), else the feed's; the source is the feed's title.
//! - **Key**: the entry's id (RSS `guid`, Atom `id`), else its link, else `#N`. feed-rs
//!   would invent ids (a random UUID when there is no link), which would change on every
//!   read, so its generator is turned off. A key seen before falls back to `#N`.
//! - **Encoding**: the text arrives decoded, so an `encoding="…"` in the XML declaration is
//!   dropped before parsing (feed-rs would otherwise decode it a second time).
//! - **Errors**: one line, `invalid feed XML: …` or `not an RSS or Atom feed …`.

use std::borrow::Cow;
use std::collections::HashSet;

use feed_rs::model::{Entry, Feed, Link, Person, Text};
use feed_rs::parser::{Builder, ParseErrorKind, ParseFeedError};

use super::text::{has_entity, inline_text, looks_like_html, opens, plain_paragraphs};
use super::{Item, date};
use crate::article::build::ArticleBuilder;

pub fn parse(text: &str, clean: bool) -> Result<Vec<Item>, String> {
    let parser = Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    let feed = parser
        .parse(without_encoding(text).as_bytes())
        .map_err(|e| describe(&e))?;
    let source = feed.title.as_ref().map(text_of).filter(|s| !s.is_empty());
    let mut items = Vec::new();
    let mut warnings = Vec::new();
    let mut used = HashSet::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        match to_item(&feed, entry, source.as_deref(), clean) {
            Some((article, keys)) => {
                let position = format!("#{}", i + 1);
                let key = keys
                    .into_iter()
                    .find(|k| !k.is_empty() && !used.contains(k))
                    .unwrap_or(position);
                used.insert(key.clone());
                items.push(Item {
                    key: Some(key),
                    article,
                });
            }
            None => warnings.push(format!("entry {} has no title and no text, skipped", i + 1)),
        }
    }
    for item in &mut items {
        item.article.warnings.extend(warnings.iter().cloned());
    }
    Ok(items)
}

/// The article of one entry and its key candidates in order (id, link); `None` when the
/// entry has nothing to read.
fn to_item(
    feed: &Feed,
    entry: &Entry,
    source: Option<&str>,
    clean: bool,
) -> Option<(crate::article::Article, Vec<String>)> {
    let title = entry.title.as_ref().map(text_of).unwrap_or_default();
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .filter(|b| !b.trim().is_empty())
        .map(|body| {
            (
                body,
                entry
                    .content
                    .as_ref()
                    .is_some_and(|c| is_plain(&c.content_type)),
            )
        });
    let summary = entry
        .summary
        .as_ref()
        .filter(|s| !s.content.trim().is_empty());
    if title.is_empty() && content.is_none() && summary.is_none() {
        return None;
    }

    let mut builder = ArticleBuilder::new(&title, clean);
    let link = best_link(&entry.links);
    let meta = builder.meta_mut();
    meta.url = link.clone();
    meta.source = source.map(str::to_string);
    meta.published = entry.published.or(entry.updated).map(date::from_utc);
    meta.author = names(&entry.authors).or_else(|| names(&feed.authors));

    let mut deck = None;
    match (content, summary) {
        (Some((body, plain)), summary) => {
            add_text(body, plain, &mut builder);
            deck = summary.map(text_of);
        }
        (None, Some(summary)) => add_text(
            &summary.content,
            is_plain(&summary.content_type),
            &mut builder,
        ),
        (None, None) => {
            builder.warn("the feed gives no text for this entry, only its title".to_string());
        }
    }
    let mut article = builder.finish();
    if let Some(deck) = deck.filter(|d| !d.is_empty() && !opens(&article.body, d)) {
        article.deck = Some(deck);
    }
    let keys = [Some(entry.id.trim().to_string()), link]
        .into_iter()
        .flatten()
        .collect();
    Some((article, keys))
}

/// A `text/plain` type (feeds otherwise say HTML or XHTML).
fn is_plain(mime: &impl std::fmt::Display) -> bool {
    mime.to_string()
        .to_ascii_lowercase()
        .starts_with("text/plain")
}

/// Adds an entry's text: markup through the HTML converter, plain text as paragraphs.
pub(super) fn add_text(text: &str, plain: bool, builder: &mut ArticleBuilder) {
    if !plain && (looks_like_html(text) || has_entity(text)) {
        super::html::fragment(text, builder);
    } else {
        plain_paragraphs(text, builder);
    }
}

/// A title or summary as one line of text.
fn text_of(text: &Text) -> String {
    inline_text(&text.content)
}

/// The entry's page: its `alternate` link, else its first.
fn best_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// Authors' names joined by ", " (people given only by an email address are left out).
fn names(people: &[Person]) -> Option<String> {
    let names: Vec<String> = people
        .iter()
        .filter_map(|p| p.name.as_deref())
        // RSS writes `email (Name)`; feed-rs leaves the parentheses on.
        .map(|n| {
            let n = n.trim();
            let n = n
                .strip_prefix('(')
                .and_then(|n| n.strip_suffix(')'))
                .unwrap_or(n);
            inline_text(n)
        })
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// The text without the encoding named in its XML declaration (it is UTF-8 by now).
fn without_encoding(text: &str) -> Cow<'_, str> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    if !rest.starts_with("<?xml") {
        return Cow::Borrowed(text);
    }
    match rest.find("?>") {
        Some(end) if rest[..end].contains("encoding") => {
            Cow::Owned(format!("<?xml version=\"1.0\"?>{}", &rest[end + 2..]))
        }
        _ => Cow::Borrowed(text),
    }
}

/// feed-rs's error as one line.
fn describe(err: &ParseFeedError) -> String {
    let text = match err {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)".to_string()
        }
        ParseFeedError::XmlReader(e) => {
            let e = e.to_string();
            format!(
                "invalid feed XML: {}",
                e.strip_prefix("Parser error: ").unwrap_or(&e)
            )
        }
        other => format!("invalid feed: {other}"),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    fn items(xml: &str) -> Vec<Item> {
        let items = parse(xml, true).expect("parses");
        for item in &items {
            assert_eq!(item.article.check_blocks(), Ok(()));
        }
        items
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire &amp; Co</title><link>https://wire.example</link>
<item><title>Café opens</title><link>https://wire.example/a</link>
  <guid isPermaLink="false">a-1</guid><dc:creator>Ann Lee</dc:creator>
  <pubDate>Wed, 19 Jun 2024 10:00:00 GMT</pubDate>
  <description>A short &lt;b&gt;summary&lt;/b&gt;.</description>
  <content:encoded><![CDATA[<p>First <em>para</em>.</p><h2>Part</h2><p>Second.</p>]]></content:encoded></item>
<item><title>Only a link</title><link>https://wire.example/b</link></item>
<item><description>  </description></item>
<item><title>Plain summary</title><guid>a-1</guid>
  <description>Line one.
Line two.</description><author>bo@wire.example (Bo Chen)</author></item>
</channel></rss>"#;

    #[test]
    fn rss2_entries() {
        let all = items(RSS);
        assert_eq!(all.len(), 3);
        let a = &all[0].article;
        assert_eq!(all[0].key.as_deref(), Some("a-1"));
        assert_eq!(a.title, "Café opens");
        assert_eq!(a.body, "First para.\n\nPart\n\nSecond.");
        assert_eq!(a.blocks[1].kind, BlockKind::Heading);
        assert_eq!(a.deck.as_deref(), Some("A short summary."));
        assert_eq!(a.meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(a.meta.source.as_deref(), Some("Wire & Co"));
        assert_eq!(a.meta.url.as_deref(), Some("https://wire.example/a"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-06-19T10:00:00Z"));
        assert_eq!(a.warnings, ["entry 3 has no title and no text, skipped"]);
        // No text: kept with its title, link and a warning.
        let b = &all[1];
        assert_eq!(b.key.as_deref(), Some("https://wire.example/b"));
        assert_eq!(b.article.body, "");
        assert!(b.article.warnings[0].contains("no text"));
        // A plain description, one paragraph per line; a repeated guid falls back to #N.
        let c = &all[2];
        assert_eq!(c.key.as_deref(), Some("#4"));
        assert_eq!(c.article.body, "Line one.\n\nLine two.");
        assert_eq!(c.article.meta.author.as_deref(), Some("Bo Chen"));
    }

    #[test]
    fn atom_entries() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">The &lt;i&gt;Log&lt;/i&gt;</title>
<id>urn:feed</id><updated>2024-06-20T00:00:00Z</updated><author><name>Feed Author</name></author>
<entry><id>urn:1</id><title>One</title><updated>2024-06-19T12:00:00+02:00</updated>
  <link rel="self" href="https://log.example/1.atom"/><link rel="alternate" href="https://log.example/1"/>
  <summary>One, briefly.</summary>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body one.</p><p>More.</p></div></content></entry>
<entry><title>Two</title><published>2024-06-18T08:00:00Z</published><author><name>Cy</name></author>
  <content type="text">Plain &lt;not a tag&gt; text.</content></entry>
</feed>"#;
        let all = items(xml);
        assert_eq!(all.len(), 2);
        let a = &all[0].article;
        assert_eq!(all[0].key.as_deref(), Some("urn:1"));
        assert_eq!(a.meta.source.as_deref(), Some("The Log"));
        assert_eq!(a.meta.url.as_deref(), Some("https://log.example/1"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-06-19T10:00:00Z"));
        assert_eq!(a.meta.author.as_deref(), Some("Feed Author"));
        assert_eq!(a.body, "Body one.\n\nMore.");
        assert_eq!(a.deck.as_deref(), Some("One, briefly."));
        let b = &all[1];
        assert_eq!(b.key.as_deref(), Some("#2"));
        assert_eq!(b.article.body, "Plain <not a tag> text.");
        assert_eq!(b.article.meta.author.as_deref(), Some("Cy"));
    }

    #[test]
    fn rss1_and_rss091() {
        let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://r.example"><title>R</title><link>https://r.example</link><description>d</description></channel>
<item rdf:about="https://r.example/1"><title>T1</title><link>https://r.example/1</link><description>Text one.</description></item>
</rdf:RDF>"#;
        let all = items(rdf);
        assert_eq!(all[0].article.body, "Text one.");
        assert_eq!(all[0].key.as_deref(), Some("https://r.example/1"));
        let old = r#"<rss version="0.91"><channel><title>Old</title><item><title>T</title><description>Hello.</description></item></channel></rss>"#;
        assert_eq!(items(old)[0].article.body, "Hello.");
    }

    #[test]
    fn summary_that_opens_the_content_is_no_deck() {
        let xml = r#"<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>W</title>
<item><title>T</title><description>The opening words of [&#8230;]</description>
<content:encoded>&lt;p&gt;The opening words of the story.&lt;/p&gt;</content:encoded></item></channel></rss>"#;
        let a = &items(xml)[0].article;
        assert_eq!(a.body, "The opening words of the story.");
        assert_eq!(a.deck, None);
    }

    #[test]
    fn errors_are_one_line() {
        let err = |xml: &str| parse(xml, true).expect_err("fails");
        let broken = err(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>A</item></channel></rss>",
        );
        assert!(broken.starts_with("invalid feed XML: "), "{broken}");
        assert_eq!(
            broken,
            "invalid feed XML: ill-formed document: expected `</title>`, but `</item>` was found"
        );
        let cut = err("<rss version=\"2.0\"><channel><title>T</title><item><title>A</tit");
        assert!(cut.starts_with("invalid feed XML: "), "{cut}");
        assert!(!broken.contains('\n'));
        assert_eq!(
            err("<html><body>Hi</body></html>"),
            "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)"
        );
    }

    #[test]
    fn encoding_declaration_is_dropped() {
        assert_eq!(
            without_encoding("\n<?xml version=\"1.0\" encoding=\"windows-1252\" ?><rss/>"),
            "<?xml version=\"1.0\"?><rss/>"
        );
        assert_eq!(without_encoding("<rss/>"), "<rss/>");
    }
}
