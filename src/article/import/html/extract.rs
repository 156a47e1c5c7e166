//! Finding the article inside a page.
//!
//! 1. Furniture is marked: elements whose tag, role or class names say menu, share bar,
//!    related links, cookie banner, comments… ([`junk::classify`]). An element that holds
//!    half the page's prose is spared unless its name is unambiguous (comments, cookies).
//!    Then furniture known by its shape: repeated records (comments, teaser cards) and the
//!    boxes around text inputs ([`patterns`]).
//! 2. The remaining text is walked into pieces, and each piece gets a value: long,
//!    sentence-like, link-poor text counts for its words; link lists, bylines and short
//!    labels count against. When the page's JSON-LD carries the `articleBody`, a piece's
//!    value is instead whether its words are in that body.
//! 3. The article is the element whose pieces sum highest: it takes in every paragraph of
//!    the story and leaves out the boxes around it, which would lower the sum.
//! 4. Inside it, link-dense pieces, bylines, datelines, furniture headings and headings
//!    left without text are dropped.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::junk::{self, Junk};
use super::meta::PageMeta;
use super::walk::{Piece, PieceKind, walk};
use super::{lines, patterns, region};

/// The pieces of the article, in reading order, and how they were found.
#[derive(Debug, Default)]
pub struct Extraction {
    pub pieces: Vec<Piece>,
    /// The JSON-LD `articleBody` was used instead of the page (the page had no such text).
    pub from_ld_body: bool,
}

/// Lowercase word tokens of `text` (letters and digits).
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Finds the article in `doc`.
pub fn extract(doc: &Html, meta: &PageMeta) -> Extraction {
    let root = body_of(doc);
    let mut junk = mark_junk(doc, root);
    let named_out = walk(root, &|id, _| junk.contains(&id));
    junk.extend(patterns::find(doc, root, &named_out, &prose_value));
    let all = walk(root, &|id, _| junk.contains(&id));

    let heuristic = select(doc, &all, &|p| heuristic_value(p), None);
    let Some(ld_body) = meta.ld.body.as_deref().map(super::ld_text) else {
        return Extraction {
            pieces: heuristic,
            from_ld_body: false,
        };
    };
    let ld_words: HashSet<String> = tokens(&ld_body).collect();
    let ld_len = tokens(&ld_body).count();
    if ld_len < 40 {
        return Extraction {
            pieces: heuristic,
            from_ld_body: false,
        };
    }
    let h_len: usize = heuristic.iter().map(|p| tokens(&p.text).count()).sum();
    let h_recall = recall(&heuristic, &ld_body);
    // A teaser body (paywalls, truncated feeds): the page holds more than the JSON-LD.
    if h_recall >= 0.8 && (ld_len as f64) < 0.7 * h_len as f64 {
        return Extraction {
            pieces: heuristic,
            from_ld_body: false,
        };
    }
    let in_body = |p: &Piece| in_body_share(&p.text, &ld_words);
    let guided = select(
        doc,
        &all,
        &|p| guided_value(p, in_body(p)),
        Some(&|p: &Piece| in_body(p) >= 0.5),
    );
    let g_recall = recall(&guided, &ld_body);
    if g_recall >= 0.6 && g_recall + 0.05 >= h_recall {
        return Extraction {
            pieces: guided,
            from_ld_body: false,
        };
    }
    if h_recall >= 0.5 {
        return Extraction {
            pieces: heuristic,
            from_ld_body: false,
        };
    }
    Extraction {
        pieces: Vec::new(),
        from_ld_body: true,
    }
}

/// The `<body>` (or the whole document when the parser made none).
fn body_of(doc: &Html) -> NodeRef<'_, Node> {
    doc.root_element()
        .children()
        .find(|c| c.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or_else(|| doc.tree.root())
}

/// Share of `ld_body`'s words that `pieces` hold (multiset overlap).
fn recall(pieces: &[Piece], ld_body: &str) -> f64 {
    let mut have: HashMap<String, usize> = HashMap::new();
    for p in pieces {
        for t in tokens(&p.text) {
            *have.entry(t).or_default() += 1;
        }
    }
    let (mut hit, mut total) = (0usize, 0usize);
    for t in tokens(ld_body) {
        total += 1;
        if let Some(n) = have.get_mut(&t)
            && *n > 0
        {
            *n -= 1;
            hit += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        hit as f64 / total as f64
    }
}

/// Share of the words of `text` found in the JSON-LD body.
fn in_body_share(text: &str, ld_words: &HashSet<String>) -> f64 {
    let (mut hit, mut total) = (0usize, 0usize);
    for t in tokens(text) {
        total += 1;
        if ld_words.contains(&t) {
            hit += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        hit as f64 / total as f64
    }
}

/// Prose characters per element: what a piece of long, link-poor, sentence-like text adds
/// to each element around it. Used to spare furniture-named elements that hold the story.
fn prose_by_element(doc: &Html, pieces: &[Piece]) -> HashMap<NodeId, f64> {
    let mut prose: HashMap<NodeId, f64> = HashMap::new();
    for p in pieces {
        region::add_up(doc, p.node, prose_value(p), &mut prose);
    }
    prose
}

/// How much article-like prose a piece is: its characters when it is long, link-poor and
/// sentence-like, else nothing.
fn prose_value(p: &Piece) -> f64 {
    if looks_like_prose(p) {
        p.chars as f64 * (1.0 - p.link_density())
    } else {
        0.0
    }
}

fn looks_like_prose(p: &Piece) -> bool {
    !matches!(p.kind, PieceKind::Heading(_))
        && p.link_density() < 0.3
        && word_count(&p.text) >= 10
        && p.text.contains(['.', '!', '?', '"', '”', ';', ','])
}

/// The elements to leave out of the page.
fn mark_junk(doc: &Html, root: NodeRef<'_, Node>) -> HashSet<NodeId> {
    let everything = walk(root, &|_, _| false);
    let prose = prose_by_element(doc, &everything);
    let total = prose.get(&root.id()).copied().unwrap_or(0.0);
    let mut junk = HashSet::new();
    for node in root.descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let Some(verdict) = junk::classify(el) else {
            continue;
        };
        let held = prose.get(&node.id()).copied().unwrap_or(0.0);
        // Named furniture that holds most of the page's prose is the page's wrapper (or the
        // names lie): keep it. Comments and banners are kept only when they also hold the
        // headline or the marked-up article body (a comment thread can outweigh the story).
        if total > 0.0
            && held >= 0.5 * total
            && (verdict == Junk::Soft || holds_article_marks(node))
        {
            continue;
        }
        junk.insert(node.id());
    }
    junk
}

/// `node` holds an `<h1>`, a `<main>` or an `itemprop="articleBody"`.
fn holds_article_marks(node: NodeRef<'_, Node>) -> bool {
    node.descendants().any(|d| {
        d.value().as_element().is_some_and(|e| {
            matches!(e.name(), "h1" | "main")
                || e.attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
        })
    })
}

/// What a piece says about the element holding it being the article, judged by its shape.
fn heuristic_value(p: &Piece) -> f64 {
    if matches!(p.kind, PieceKind::Heading(_)) {
        return 0.0;
    }
    let words = word_count(&p.text) as f64;
    let ld = p.link_density();
    if lines::is_byline_or_dateline(&p.text) || lines::is_legal_line(&p.text) {
        return -words;
    }
    if ld > 0.5 {
        return -words;
    }
    let sentence = p.text.contains(['.', '!', '?', '"', '”', ';']);
    if words >= 10.0 {
        if ld >= 0.35 {
            0.0
        } else if sentence {
            words * (1.0 - ld)
        } else {
            words * 0.3
        }
    } else if ld == 0.0 && sentence && p.kind == PieceKind::Paragraph {
        words * 0.5
    } else {
        -words * 0.5
    }
}

/// The same, judged by whether the JSON-LD body holds the piece's words.
fn guided_value(p: &Piece, in_body: f64) -> f64 {
    if matches!(p.kind, PieceKind::Heading(_)) {
        return 0.0;
    }
    let words = word_count(&p.text) as f64;
    if in_body >= 0.7 && p.link_density() <= 0.5 {
        words
    } else {
        -words
    }
}

/// Picks the article's elements (see [`region`]) and returns their pieces, filtered.
fn select(
    doc: &Html,
    pieces: &[Piece],
    value: &dyn Fn(&Piece) -> f64,
    keep: Option<&dyn Fn(&Piece) -> bool>,
) -> Vec<Piece> {
    let roots = region::region(doc, pieces, value);
    let chosen: Vec<Piece> = if roots.is_empty() {
        pieces.to_vec()
    } else {
        pieces
            .iter()
            .filter(|p| region::is_within(doc, p.node, &roots))
            .cloned()
            .collect()
    };
    tidy(chosen, keep)
}

/// Drops what is not article text inside the chosen element.
fn tidy(pieces: Vec<Piece>, keep: Option<&dyn Fn(&Piece) -> bool>) -> Vec<Piece> {
    let norm = |p: &Piece| p.text.split_whitespace().collect::<Vec<_>>().join(" ");
    // A short label said again and again (slide titles of a gallery, "Advertisement") is
    // furniture, every time.
    let mut times: HashMap<String, usize> = HashMap::new();
    for p in &pieces {
        if word_count(&p.text) < 5 {
            *times.entry(norm(p)).or_default() += 1;
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        if times.get(&norm(&p)).is_some_and(|n| *n >= 3) && patterns::is_label(&p) {
            continue;
        }
        let words = word_count(&p.text);
        let ld = p.link_density();
        let drop = match p.kind {
            PieceKind::Heading(_) => ld > 0.5 || lines::is_furniture_heading(&p.text),
            PieceKind::Paragraph => {
                ld > 0.5
                    || (ld > 0.3 && words < 15)
                    || lines::is_byline_or_dateline(&p.text)
                    || lines::is_legal_line(&p.text)
                    || keep.is_some_and(|k| words >= 4 && !k(&p))
            }
            PieceKind::Item => {
                ld > 0.6
                    || (ld > 0.3 && words < 8)
                    || lines::is_byline_or_dateline(&p.text)
                    || keep.is_some_and(|k| words >= 4 && !k(&p))
            }
        };
        if drop {
            continue;
        }
        // Pull quotes and repeated teasers say again what the text says.
        if words >= 5 && !seen.insert(norm(&p)) {
            continue;
        }
        out.push(p);
    }
    // Labels before the first and after the last sentence: kicker, read time, counts.
    let sentence = |p: &Piece| !matches!(p.kind, PieceKind::Heading(_)) && !patterns::is_label(p);
    if let (Some(first), Some(last)) = (
        out.iter().position(sentence),
        out.iter().rposition(sentence),
    ) {
        let mut i = 0;
        out.retain(|p| {
            i += 1;
            let inside = (first + 1..=last + 1).contains(&i);
            inside || !is_loose_label(p)
        });
    }
    // A heading needs text under it (one left over from a dropped box is furniture).
    let mut kept: Vec<Piece> = Vec::with_capacity(out.len());
    for (i, p) in out.iter().enumerate() {
        if matches!(p.kind, PieceKind::Heading(_)) {
            let next_is_text = out
                .get(i + 1)
                .is_some_and(|n| !matches!(n.kind, PieceKind::Heading(_)));
            if !next_is_text {
                continue;
            }
        }
        kept.push(p.clone());
    }
    kept
}

/// A paragraph of a few words that is no sentence ("Follow", "6 min read", "2.3K").
fn is_loose_label(p: &Piece) -> bool {
    !matches!(p.kind, PieceKind::Heading(_)) && word_count(&p.text) <= 4 && patterns::is_label(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let meta = super::super::meta::read(&doc);
        extract(&doc, &meta)
            .pieces
            .into_iter()
            .map(|p| crate::article::build::collapse(&p.text))
            .collect()
    }

    const PROSE: &str = "The council voted on Tuesday to close the old bridge, citing safety \
        concerns raised by engineers over the winter.";

    #[test]
    fn menus_and_related_links_are_left_out() {
        let html = format!(
            "<body><ul class='menu'><li><a href='/a'>News</a></li><li><a href='/b'>Sport</a></li></ul>\
             <div class='story'><h1>Bridge closes</h1><p>{PROSE}</p><h2>Reaction</h2><p>{PROSE} Again.</p>\
             <p>Short one.</p></div>\
             <div><h3>Elsewhere</h3><ul><li><a href='/c'>Another story about a thing that happened today</a></li>\
             <li><a href='/d'>Yet another story about something else entirely</a></li></ul></div></body>"
        );
        let got = texts(&html);
        assert_eq!(got[0], "Bridge closes");
        assert_eq!(got[1], PROSE);
        assert_eq!(got[2], "Reaction");
        assert_eq!(got.last().map(String::as_str), Some("Short one."));
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn link_density_drops_link_lists_inside_the_article() {
        let html = format!(
            "<body><article><p>{PROSE}</p><p>Read more: <a href='/x'>Council shuts the other bridge too</a></p>\
             <p>{PROSE} More.</p></article></body>"
        );
        let got = texts(&html);
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_label_repeated_many_times_is_left_out() {
        let slides = "<div class='slide'>Storm in pictures</div>".repeat(4);
        let html = format!(
            "<body><article><p>{PROSE}</p>{slides}<p>{PROSE} Two.</p><p>{PROSE} Three.</p></article></body>"
        );
        let got = texts(&html);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got.iter().all(|t| !t.contains("Storm in pictures")));
    }

    #[test]
    fn comments_are_left_out_even_when_long() {
        let comment = format!("<p>{PROSE} {PROSE}</p>");
        let html = format!(
            "<body><article><p>{PROSE}</p><p>{PROSE} Two.</p></article>\
             <section id='comments'>{}</section></body>",
            comment.repeat(6)
        );
        let got = texts(&html);
        assert_eq!(got.len(), 2);
    }
}
