//! Furniture recognised by its shape rather than its name, for sites whose class names say
//! nothing (`sc-1l8b3z4-0`, `css-79rysd`, `item`):
//!
//! - **Record lists**: three or more sibling elements of one kind (same tag and class), each
//!   holding several pieces of which at least one is a label (a linked title, an author and
//!   time line, "Reply"). Comment threads, teaser cards and "more stories" grids look like
//!   this; article paragraphs do not (each is one piece, or all prose). A list that holds
//!   nearly all the page's prose is the content itself (a live blog) and is kept.
//! - **Figures** with only a few words: an image's caption and credit.
//! - **Form widgets**: the small box around a text input (newsletter sign-up, search,
//!   comment form): the input's ancestors while they hold few words.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::walk::{Piece, PieceKind};

/// Piece counts per element, summed over all it holds.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    pieces: usize,
    labels: usize,
    words: usize,
    prose: f64,
}

/// A short line that labels rather than says: a link, a few words without a sentence, a
/// byline or time.
pub fn is_label(p: &Piece) -> bool {
    if matches!(p.kind, PieceKind::Heading(_)) {
        return p.link_density() > 0.5;
    }
    let words = p.text.split_whitespace().count();
    p.link_density() >= 0.5
        || (words <= 6 && !has_sentence_end(&p.text))
        || super::lines::is_byline_or_dateline(&p.text)
}

/// Ends like a sentence, or holds a sentence end inside ("2.3K" and "v1.2" do not).
fn has_sentence_end(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['.', '!', '?', '"', '”', '’', ')', '…'])
        || [". ", "! ", "? "].iter().any(|s| t.contains(s))
}

fn counts_by_element(
    doc: &Html,
    pieces: &[Piece],
    prose: &dyn Fn(&Piece) -> f64,
) -> HashMap<NodeId, Counts> {
    let mut out: HashMap<NodeId, Counts> = HashMap::new();
    for p in pieces {
        let Some(node) = doc.tree.get(p.node) else {
            continue;
        };
        let label = is_label(p);
        let words = p.text.split_whitespace().count();
        let value = prose(p);
        for a in std::iter::once(node).chain(node.ancestors()) {
            let c = out.entry(a.id()).or_default();
            c.pieces += 1;
            c.labels += usize::from(label);
            c.words += words;
            c.prose += value;
        }
    }
    out
}

/// Elements under `root` that are furniture by shape. `pieces` is the walk of `root` with
/// the furniture found by name already left out; `prose` values a piece as article prose.
pub fn find(
    doc: &Html,
    root: NodeRef<'_, Node>,
    pieces: &[Piece],
    prose: &dyn Fn(&Piece) -> f64,
) -> HashSet<NodeId> {
    let counts = counts_by_element(doc, pieces, prose);
    let total = counts.get(&root.id()).map_or(0.0, |c| c.prose);
    let mut junk = HashSet::new();
    for node in root.descendants() {
        if node.value().is_element() && counts.contains_key(&node.id()) {
            record_list(node, &counts, total, &mut junk);
        }
        if let Some(el) = node.value().as_element()
            && el.name() == "figure"
            && counts.get(&node.id()).map_or(0, |c| c.words) <= FIGURE_WORDS
        {
            junk.insert(node.id());
        }
        if let Some(el) = node.value().as_element()
            && is_text_input(el)
            && let Some(widget) = widget_around(node, &counts)
        {
            junk.insert(widget);
        }
    }
    junk
}

/// Marks the records among `node`'s children, if they form a record list.
fn record_list(
    node: NodeRef<'_, Node>,
    counts: &HashMap<NodeId, Counts>,
    total: f64,
    junk: &mut HashSet<NodeId>,
) {
    let mut groups: HashMap<(String, String), Vec<NodeId>> = HashMap::new();
    for child in node.children() {
        if let Some(el) = child.value().as_element() {
            let key = (el.name().to_string(), signature(el.attr("class")));
            groups.entry(key).or_default().push(child.id());
        }
    }
    for members in groups.values() {
        if members.len() < 3 {
            continue;
        }
        let records: Vec<NodeId> = members
            .iter()
            .copied()
            .filter(|m| {
                counts
                    .get(m)
                    .is_some_and(|c| c.pieces >= 2 && c.labels >= 1)
            })
            .collect();
        if records.len() < 3 || records.len() * 5 < members.len() * 3 {
            continue;
        }
        let held: f64 = records
            .iter()
            .filter_map(|r| counts.get(r))
            .map(|c| c.prose)
            .sum();
        if total > 0.0 && held >= 0.8 * total {
            continue; // the content itself: a live blog, a list article
        }
        // Steps of a how-to, items of a list article: the records hold most of the page's
        // prose and, with the lead beside them, nearly all of it. A comment thread sits in
        // a box of its own, away from the story it outweighs.
        let around = counts.get(&node.id()).map_or(0.0, |c| c.prose);
        if total > 0.0 && held >= 0.5 * total && around >= 0.8 * total && around > held {
            continue;
        }
        junk.extend(records);
    }
}

/// The kind of element a class names, without the parts that number or place it
/// (`story-block sbpos-1 id1227` and `story-block sbpos-2 id1228` are one kind).
fn signature(class: Option<&str>) -> String {
    let mut classes: Vec<&str> = class
        .unwrap_or("")
        .split_whitespace()
        .filter(|c| !c.chars().any(|ch| ch.is_ascii_digit()))
        .collect();
    classes.sort_unstable();
    classes.join(" ")
}

fn is_text_input(el: &scraper::node::Element) -> bool {
    match el.name() {
        "textarea" => true,
        "input" => matches!(
            el.attr("type")
                .unwrap_or("text")
                .to_ascii_lowercase()
                .as_str(),
            "text" | "email" | "search" | "tel" | "password"
        ),
        _ => false,
    }
}

/// A figure holding no more words than this is an image with its caption and credit.
const FIGURE_WORDS: usize = 30;

/// Words a form widget may hold around its input (prompt, privacy note, button).
const WIDGET_WORDS: usize = 60;

/// The largest ancestor of an input that still holds few words: the whole widget.
fn widget_around(input: NodeRef<'_, Node>, counts: &HashMap<NodeId, Counts>) -> Option<NodeId> {
    let mut widget = None;
    for a in input.ancestors() {
        let Some(el) = a.value().as_element() else {
            break;
        };
        if matches!(el.name(), "body" | "html" | "main" | "article") {
            break;
        }
        let words = counts.get(&a.id()).map_or(0, |c| c.words);
        if words > WIDGET_WORDS {
            break;
        }
        widget = Some(a.id());
    }
    widget
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::import::html::walk::walk;

    fn junk_texts(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let root = doc.tree.root();
        let pieces = walk(root, &|_, _| false);
        let prose = |p: &Piece| {
            if is_label(p) { 0.0 } else { p.chars as f64 }
        };
        let found = find(&doc, root, &pieces, &prose);
        let mut out: Vec<String> = found
            .iter()
            .filter_map(|id| doc.tree.get(*id))
            .filter_map(scraper::ElementRef::wrap)
            .map(|e| e.text().collect::<String>())
            .collect();
        out.sort();
        out
    }

    const ARTICLE: &str = "<div class='text'><p>The bridge closed on Monday after engineers found cracks in two of its supports.</p>\
        <p>Traffic was diverted through the town centre, and buses ran late all afternoon.</p>\
        <p>The council said repairs would take at least three weeks to complete.</p>\
        <p>Shop owners on the bridge road said trade had already fallen sharply.</p></div>";

    #[test]
    fn comment_threads_and_cards_are_records() {
        let comment = |n: usize| {
            format!(
                "<div class='item'><div class='head'><b>user{n}</b> 8:0{n} pm</div>\
                 <div class='body'>I was there and it took far longer than the report says, honestly.</div>\
                 <div class='foot'><a href='#'>Reply</a></div></div>"
            )
        };
        let html = format!(
            "<body>{ARTICLE}<div class='thread'>{}</div></body>",
            (1..=4).map(comment).collect::<String>()
        );
        let found = junk_texts(&html);
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|t| t.contains("Reply")));
    }

    #[test]
    fn steps_beside_their_lead_are_content() {
        let step = |n: usize, text: &str| {
            format!("<div class='mod step'><span class='head'>Step {n}</span><p>{text}</p></div>")
        };
        let steps: String = [
            "Traffic was diverted through the town centre, and buses ran late all afternoon.",
            "The council said repairs would take at least three weeks to complete, at a cost.",
            "Shop owners on the bridge road said trade had already fallen sharply this week.",
            "Engineers will inspect the other two bridges in the town before the end of May.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| step(i + 1, t))
        .collect();
        let html = format!(
            "<body><div class='main'><div class='mod step'><p>The bridge closed on Monday after \
             engineers found cracks in two of its supports.</p></div>{steps}</div>\
             <div class='side'><p>Weather: dry and mild for most of the week ahead.</p></div></body>"
        );
        assert!(junk_texts(&html).is_empty(), "{:?}", junk_texts(&html));
    }

    #[test]
    fn numbered_classes_are_one_kind() {
        assert_eq!(
            signature(Some("story-block sectionref-news sbpos-1 id12")),
            signature(Some("sectionref-news story-block sbpos-2 id13"))
        );
    }

    #[test]
    fn paragraphs_and_sections_are_not_records() {
        let section = "<section class='part'><h2>Part</h2><p>Prose that goes on for a while, as prose does.</p>\
                       <p>More prose follows here, with a full stop.</p></section>";
        let html = format!("<body>{ARTICLE}{}</body>", section.repeat(3));
        assert!(junk_texts(&html).is_empty());
    }

    #[test]
    fn newsletter_box_around_an_input_is_a_widget() {
        let html = format!(
            "<body>{ARTICLE}<div class='x'><p>Get our free morning email with the five stories that matter.</p>\
             <input type='email'><button>Sign me up</button></div></body>"
        );
        let found = junk_texts(&html);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("morning email"));
    }
}
