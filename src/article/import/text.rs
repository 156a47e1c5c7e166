//! Body text shared by the importers whose records carry text of unknown kind (JSON
//! fields, feed entries, newsboat items): HTML or plain, whole bodies or one-line fields.

use crate::article::build::{ArticleBuilder, collapse};
use crate::article::clean::classify;
use crate::article::plain::{is_hard_wrapped, is_url};

/// Text of a one-line field: tags stripped and entities decoded when it holds any.
pub fn inline_text(text: &str) -> String {
    if !looks_like_html(text) && !has_entity(text) {
        return collapse(text).replace('\n', " ");
    }
    let mut builder = ArticleBuilder::new("", false);
    super::html::fragment(text, &mut builder);
    let article = builder.finish();
    let parts: Vec<&str> = article
        .blocks
        .iter()
        .map(|b| article.block_text(b))
        .collect();
    collapse(&parts.join(" ")).replace('\n', " ")
}

/// True when `deck` is the opening of `body` (an excerpt, maybe cut with "…" or "[…]").
pub fn opens(body: &str, deck: &str) -> bool {
    let deck = deck
        .trim_end_matches(['.', '…', ' ', ']', '['])
        .trim_end_matches("[...")
        .trim_end_matches(['.', '…', ' ', '[']);
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let (deck, body) = (words(deck), words(body));
    !deck.is_empty() && body.len() >= deck.len() && {
        let n = deck.len();
        // The last deck word may be cut mid-word.
        deck[..n - 1] == body[..n - 1] && body[n - 1].starts_with(deck[n - 1].as_str())
    }
}

/// Adds a body text to the article: as HTML when it has tags, else as plain paragraphs.
pub fn add_text(text: &str, builder: &mut ArticleBuilder) {
    if looks_like_html(text) {
        super::html::fragment(text, builder);
    } else {
        plain_paragraphs(text, builder);
    }
}

/// Blank lines separate paragraphs; inside a run of lines, each line is a paragraph unless
/// the run is hard-wrapped (the plain-text format's rule, [`is_hard_wrapped`]). Debris lines
/// end a run and go to the builder alone, which records them when cleaning.
pub fn plain_paragraphs(text: &str, builder: &mut ArticleBuilder) {
    let mut run: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush_run(&mut run, builder);
        } else if classify(line).is_some() {
            flush_run(&mut run, builder);
            builder.paragraph(line);
        } else {
            run.push(line);
        }
    }
    flush_run(&mut run, builder);
}

fn flush_run(run: &mut Vec<&str>, builder: &mut ArticleBuilder) {
    let mut one = |lines: &[&str]| {
        let text = lines.join(" ");
        if is_url(&text) {
            builder.link(&text);
        } else {
            builder.paragraph(&text);
        }
    };
    if is_hard_wrapped(run) {
        one(run);
    } else if run.len() >= 3 && is_hard_wrapped(&run[1..]) {
        one(&run[..1]);
        one(&run[1..]);
    } else {
        for line in run.iter() {
            one(std::slice::from_ref(line));
        }
    }
    run.clear();
}

/// Markup rather than prose: an opening or closing tag of a common HTML element
/// (`<p>`, `</div>`, `<br/>`, `<a href=…>`). "a < b" or "<Name>" are not.
pub fn looks_like_html(text: &str) -> bool {
    const TAGS: &[&str] = &[
        "p",
        "br",
        "div",
        "span",
        "a",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "img",
        "figure",
        "figcaption",
        "section",
        "article",
        "table",
        "tr",
        "td",
        "th",
        "pre",
        "code",
        "hr",
        "iframe",
        "script",
        "html",
        "body",
        "header",
        "footer",
        "aside",
        "small",
        "sup",
        "sub",
        "cite",
        "q",
    ];
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let name_part = rest.strip_prefix('/').unwrap_or(rest);
        let len = name_part
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name_part.len());
        let (name, after) = name_part.split_at(len);
        if TAGS.contains(&name.to_ascii_lowercase().as_str())
            && after.starts_with(['>', ' ', '/', '\n', '\t'])
        {
            return true;
        }
    }
    false
}

/// `&amp;`, `&#8217;`, `&#x2019;`.
pub fn has_entity(text: &str) -> bool {
    text.match_indices('&').any(|(at, _)| {
        let rest = &text[at + 1..];
        let end = rest.find(';').filter(|&e| (2..=10).contains(&e));
        end.is_some_and(|e| {
            let name = &rest[..e];
            name.chars().all(|c| c.is_ascii_alphanumeric())
                || name.strip_prefix('#').is_some_and(|n| {
                    let n = n.strip_prefix(['x', 'X']).unwrap_or(n);
                    !n.is_empty() && n.chars().all(|c| c.is_ascii_hexdigit())
                })
        })
    })
}
