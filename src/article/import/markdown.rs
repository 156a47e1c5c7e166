//! Markdown (CommonMark with tables, strikethrough and footnotes) via pulldown-cmark.
//!
//! Decisions:
//!
//! - **Front matter**: a YAML (`---` … `---`/`...`) or TOML (`+++` … `+++`) block at the very
//!   start gives the title, deck, author, source, URL and date (see [`front_matter`]). It is
//!   cut off before pulldown-cmark sees the text rather than left to its metadata-block
//!   option, which also takes any `---`-fenced run in the middle of a document for metadata.
//! - **Title**: the front matter's, else the first `#` heading (which is then not a block),
//!   else a heading of any level that opens the document. A `#` heading repeating the
//!   front-matter title at the top is dropped as a repeated headline when cleaning.
//! - **Blocks**: other headings are [`BlockKind::Heading`](crate::article::BlockKind)
//!   blocks, whatever their level. Paragraphs, blockquote paragraphs and footnotes are
//!   paragraphs; each list item is its own paragraph prefixed `• ` (or `3. ` in an ordered
//!   list) so a list still reads as one; a table row is a paragraph of its cells joined by
//!   ` | `; a code block is one paragraph keeping its line breaks. A paragraph that is only a
//!   URL is a link block.
//! - **Inline markup** is dropped to its text: links keep their text, inline code its code,
//!   hard breaks become [`LINE_BREAK`]. Images are dropped with their alt text (it describes a
//!   picture the reader cannot show, and it would land mid-sentence), and so is raw HTML.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::date;
use crate::article::Article;
use crate::article::build::{ArticleBuilder, LINE_BREAK};
use crate::article::plain::is_url;

pub fn parse(text: &str, clean: bool) -> Result<Article, String> {
    let (front, body) = split_front_matter(text);
    let fields = front.map(front_matter).unwrap_or_default();
    let mut pieces = pieces(body);

    let title = match fields.title.clone() {
        Some(title) => title,
        None => take_title(&mut pieces).unwrap_or_default(),
    };
    let mut builder = ArticleBuilder::new(&title, clean);
    if let Some(deck) = &fields.deck {
        builder.deck(deck);
    }
    let meta = builder.meta_mut();
    meta.author = fields.author.clone();
    meta.source = fields.source.clone();
    meta.url = fields.url.clone();
    if let Some(raw) = &fields.date {
        match date::normalize_or_warn(raw) {
            Ok(iso) => builder.meta_mut().published = Some(iso),
            Err(warning) => {
                builder.warn(format!("front matter: {warning}"));
            }
        }
    }
    for piece in pieces {
        match piece {
            Piece::Heading(_, text) => builder.heading(&text),
            Piece::Paragraph(text) if is_url(text.trim()) => builder.link(text.trim()),
            Piece::Paragraph(text) => builder.paragraph(&text),
        };
    }
    Ok(builder.finish())
}

/// A block of the document before it goes into the article.
#[derive(Debug, PartialEq)]
enum Piece {
    Heading(u8, String),
    Paragraph(String),
}

/// The first level-1 heading, else a heading opening the document; removed from `pieces`.
fn take_title(pieces: &mut Vec<Piece>) -> Option<String> {
    let at = pieces
        .iter()
        .position(|p| matches!(p, Piece::Heading(1, _)))
        .or_else(|| matches!(pieces.first(), Some(Piece::Heading(..))).then_some(0))?;
    match pieces.remove(at) {
        Piece::Heading(_, text) | Piece::Paragraph(text) => Some(text),
    }
}

/// Walks the Markdown events and collects blocks of plain text.
fn pieces(markdown: &str) -> Vec<Piece> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut out = Pieces::default();
    for event in Parser::new_ext(markdown, options) {
        out.event(event);
    }
    out.flush();
    out.pieces
}

#[derive(Default)]
struct Pieces {
    pieces: Vec<Piece>,
    buf: String,
    /// Heading level of the text in `buf`, 0 for a paragraph.
    heading: u8,
    /// `buf` holds only a list-item or footnote prefix: a paragraph starting inside the item
    /// continues it instead of leaving the prefix alone.
    prefix_only: bool,
    /// Next number of each open list (`None`: bulleted).
    lists: Vec<Option<u64>>,
    in_code: bool,
    /// Inside an image: its alt text is dropped.
    image: usize,
    /// Cells written in the current table row.
    cells: usize,
}

impl Pieces {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_code => {
                self.push(&text.replace('\n', &LINE_BREAK.to_string()));
            }
            Event::Text(text) | Event::Code(text) => self.push(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.push(&text),
            Event::FootnoteReference(label) => self.push(&format!("[{label}]")),
            Event::SoftBreak => self.push(" "),
            Event::HardBreak => self.push(&LINE_BREAK.to_string()),
            Event::Rule => self.flush(),
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }),
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                if !self.prefix_only {
                    self.flush();
                }
            }
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = level as u8;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.in_code = true;
            }
            Tag::List(first) => {
                self.flush();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                let prefix = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_string(),
                };
                self.start_prefixed(&prefix);
            }
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.start_prefixed(&format!("[{label}] "));
            }
            Tag::TableHead | Tag::TableRow => {
                self.flush();
                self.cells = 0;
            }
            Tag::TableCell => {
                if self.cells > 0 {
                    self.buf.push_str(" | ");
                }
                self.cells += 1;
            }
            Tag::Image { .. } => self.image += 1,
            Tag::BlockQuote(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_) => self.flush(),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::CodeBlock => {
                self.flush();
                self.in_code = false;
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Image => self.image = self.image.saturating_sub(1),
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::BlockQuote(_)
            | TagEnd::HtmlBlock
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table => self.flush(),
            TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    fn start_prefixed(&mut self, prefix: &str) {
        self.buf.push_str(prefix);
        self.prefix_only = true;
    }

    fn push(&mut self, text: &str) {
        if self.image > 0 {
            return;
        }
        self.buf.push_str(text);
        self.prefix_only = false;
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let level = std::mem::take(&mut self.heading);
        self.prefix_only = false;
        let row = std::mem::take(&mut self.cells) > 0;
        if text.trim().is_empty() || row && text.replace('|', "").trim().is_empty() {
            return;
        }
        self.pieces.push(if level > 0 {
            Piece::Heading(level, text)
        } else {
            Piece::Paragraph(text)
        });
    }
}

/// The front matter's text (without its fences) and the document after it.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let first_end = text.find('\n').unwrap_or(text.len());
    let fence = text[..first_end].trim_end();
    let closers: &[&str] = match fence {
        "---" => &["---", "..."],
        "+++" => &["+++"],
        _ => return (None, text),
    };
    let mut at = (first_end + 1).min(text.len());
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if closers.contains(&text[at..end].trim_end()) {
            let rest = text.get(end + 1..).unwrap_or("");
            return (Some(&text[first_end + 1..at]), rest);
        }
        at = end + 1;
    }
    (None, text)
}

/// What the front matter says, values already unquoted.
#[derive(Debug, Default, PartialEq)]
struct Fields {
    title: Option<String>,
    deck: Option<String>,
    author: Option<String>,
    source: Option<String>,
    url: Option<String>,
    date: Option<String>,
}

/// Reads `key: value` (YAML) and `key = value` (TOML) lines. Understood beyond one-line
/// scalars: quoted strings, inline lists (`[A, "B"]`), YAML block lists (`- A` lines under
/// the key), a nested `name:` under the key (an author object), and `>`/`|` folded text.
/// The first occurrence of a field wins; unknown keys are ignored.
fn front_matter(text: &str) -> Fields {
    let lines: Vec<&str> = text.lines().collect();
    let mut fields = Fields::default();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.starts_with([' ', '\t', '#', '[', '-']) {
            continue;
        }
        let Some((key, value)) = split_key(line) else {
            continue;
        };
        let value = value.trim();
        let nested: Vec<&str> = lines[i..]
            .iter()
            .take_while(|l| l.starts_with([' ', '\t', '-']) || l.trim().is_empty())
            .copied()
            .collect();
        let value = if value.is_empty() || matches!(value, ">" | "|" | ">-" | "|-" | ">+" | "|+") {
            i += nested.len();
            nested_value(&nested, value.starts_with(['>', '|']))
        } else {
            scalar_or_list(value)
        };
        if value.is_empty() {
            continue;
        }
        let slot = match key.to_ascii_lowercase().replace(['_', '-'], "").as_str() {
            "title" | "headline" => &mut fields.title,
            "description" | "deck" | "subtitle" | "summary" => &mut fields.deck,
            "author" | "authors" | "byline" => &mut fields.author,
            "source" | "site" | "sitename" | "publisher" => &mut fields.source,
            "url" | "link" | "canonicalurl" | "permalink" => &mut fields.url,
            "date" | "published" | "pubdate" | "publishedat" | "publishdate" => &mut fields.date,
            _ => continue,
        };
        slot.get_or_insert(value);
    }
    fields
}

fn split_key(line: &str) -> Option<(&str, &str)> {
    let at = line.find([':', '='])?;
    let key = line[..at].trim().trim_matches(['"', '\'']);
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    ok.then(|| (key, &line[at + 1..]))
}

/// The value of a key whose lines follow it: a list, an object's `name`, or folded text.
fn nested_value(lines: &[&str], folded: bool) -> String {
    if folded {
        return lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    }
    let items: Vec<String> = lines
        .iter()
        .filter_map(|l| l.trim().strip_prefix('-'))
        .map(|item| {
            let item = item.trim();
            match split_key(item) {
                Some((key, value)) if key.eq_ignore_ascii_case("name") => unquote(value.trim()),
                _ => unquote(item),
            }
        })
        .filter(|s| !s.is_empty())
        .collect();
    if !items.is_empty() {
        return items.join(", ");
    }
    lines
        .iter()
        .filter_map(|l| split_key(l.trim()))
        .find(|(key, _)| key.eq_ignore_ascii_case("name"))
        .map(|(_, value)| unquote(value.trim()))
        .unwrap_or_default()
}

/// `"quoted"`, `'quoted'`, `[a, "b"]` (joined with ", "), or the bare text (a trailing
/// ` # comment` removed).
fn scalar_or_list(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        return inner
            .split(',')
            .map(|item| unquote(item.trim()))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
    }
    unquote(value)
}

fn unquote(value: &str) -> String {
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            let inner = &value[1..value.len() - 1];
            return if q == '"' {
                inner.replace("\\\"", "\"").replace("\\\\", "\\")
            } else {
                inner.replace("''", "'")
            };
        }
    }
    match value.find(" #") {
        Some(at) => value[..at].trim_end().to_string(),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    fn md(text: &str) -> Article {
        let a = parse(text, true).expect("parses");
        assert_eq!(a.check_blocks(), Ok(()));
        a
    }

    fn texts(a: &Article) -> Vec<&str> {
        a.blocks.iter().map(|b| a.block_text(b)).collect()
    }

    #[test]
    fn yaml_front_matter_fills_the_metadata() {
        let a = md(
            "---\ntitle: \"Pact: signed\"\ndate: 2024-06-19T12:00:00+02:00\n\
                    author:\n  - Ann Lee\n  - 'Bo O''Neil'\nsite: Wire # comment\n\
                    description: >\n  A deck\n  in two lines\nurl: https://x.org/a\n---\n\
                    Body text.\n",
        );
        assert_eq!(a.title, "Pact: signed");
        assert_eq!(a.deck.as_deref(), Some("A deck in two lines"));
        assert_eq!(a.meta.author.as_deref(), Some("Ann Lee, Bo O'Neil"));
        assert_eq!(a.meta.source.as_deref(), Some("Wire"));
        assert_eq!(a.meta.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-06-19T10:00:00Z"));
        assert_eq!(a.body, "Body text.");
    }

    #[test]
    fn toml_front_matter_and_author_object() {
        let a = md("+++\ntitle = 'T'\nauthors = [\"A\", \"B\"]\ndate = 2024-06-19\n+++\nText.");
        assert_eq!(
            (a.title.as_str(), a.meta.author.as_deref()),
            ("T", Some("A, B"))
        );
        assert_eq!(a.meta.published.as_deref(), Some("2024-06-19"));
        let a =
            md("---\nauthor:\n  name: Ann Lee\n  email: a@x.org\ndate: soon\n---\n# H\n\nText.");
        assert_eq!(a.meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(a.meta.published, None);
        assert_eq!(
            a.warnings,
            ["front matter: unrecognised date \"soon\" ignored"]
        );
        assert_eq!(a.title, "H");
    }

    #[test]
    fn unclosed_fence_is_a_rule_not_front_matter() {
        let a = md("---\ntitle: x\n\nText.");
        assert_eq!(a.title, "");
        assert_eq!(texts(&a), ["title: x", "Text."]);
        // A `---` pair in the middle of the document is not metadata either.
        let a = md("# T\n\nOne.\n\n---\nkey: v\n---\n\nTwo.");
        assert_eq!(a.title, "T");
        assert!(texts(&a).contains(&"One."));
        assert!(texts(&a).contains(&"Two."));
    }

    #[test]
    fn first_h1_is_the_title_other_headings_are_blocks() {
        let a = md("# Title\n\nLead.\n\n## Part one\n\nText.\n\n# Second h1\n\nMore.");
        assert_eq!(a.title, "Title");
        assert_eq!(
            texts(&a),
            ["Lead.", "Part one", "Text.", "Second h1", "More."]
        );
        let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[1], BlockKind::Heading);
        assert_eq!(kinds[3], BlockKind::Heading);
        // No h1: a heading opening the document is the title; none at all leaves it empty.
        assert_eq!(md("### Small\n\nText.").title, "Small");
        assert_eq!(md("Text.\n\n## Later\n\nMore.").title, "");
    }

    #[test]
    fn front_matter_title_repeated_as_h1_is_dropped_when_cleaning() {
        let text = "---\ntitle: Same\n---\n# Same\n\nText.";
        assert_eq!(md(text).body, "Text.");
        let kept = parse(text, false).expect("parses");
        assert_eq!(kept.body, "Same\n\nText.");
    }

    #[test]
    fn lists_quotes_code_and_breaks() {
        let a = md("# T\n\n- one\n- *two*\n  - nested\n\n3. three\n4. four\n\n\
                    > Quoted\n> text.\n\n```\nfn a() {\n\n    b();\n}\n```\n\n\
                    Line one  \nline two\\\nthree.\n\n- loose\n\n  second para\n");
        assert_eq!(
            texts(&a),
            [
                "• one",
                "• two",
                "• nested",
                "3. three",
                "4. four",
                "Quoted text.",
                "fn a() {\nb();\n}",
                "Line one\nline two\nthree.",
                "• loose",
                "second para",
            ]
        );
    }

    #[test]
    fn inline_markup_links_images_html_tables_footnotes() {
        let a = md(
            "# T\n\nSee [the report](https://x.org) and `code`.![alt text](i.png) \
                    <b>bold</b> ~~gone~~[^1]\n\n<div>raw block</div>\n\n\
                    | a | b |\n|---|---|\n| 1 | 2 |\n\n<https://example.com/page>\n\n\
                    [^1]: The note.\n",
        );
        assert_eq!(
            texts(&a),
            [
                "See the report and code. bold gone[1]",
                "a | b",
                "1 | 2",
                "https://example.com/page",
                "[1] The note.",
            ]
        );
        assert_eq!(a.blocks[3].kind, BlockKind::Link);
    }

    #[test]
    fn debris_is_cleaned_only_when_asked() {
        let text = "# T\n\nText.\n\nShare on Facebook\n";
        assert_eq!(md(text).body, "Text.");
        assert_eq!(md(text).removed.len(), 1);
        assert_eq!(
            parse(text, false).expect("parses").body,
            "Text.\n\nShare on Facebook"
        );
    }

    #[test]
    fn empty_documents_give_empty_articles() {
        for text in ["", "---\ntitle: Only\n---\n", "<!-- nothing -->"] {
            let a = md(text);
            assert!(a.blocks.is_empty(), "{text:?}");
        }
    }
}
