//! Choosing where the article is, given a value for every piece of the page.
//!
//! 1. The element whose pieces sum highest: it takes in the story's paragraphs and leaves
//!    out boxes of links and labels, which would lower the sum.
//! 2. Tightening: a short "about us" box or an author bio beside the story also sums
//!    positive and would pull the choice up to a wrapper holding both. So while one child
//!    holds nearly all (80%) of the chosen element's prose, the choice moves down to that
//!    child. The siblings right next to the final choice that are plain prose stay (a lead
//!    paragraph before the body).

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::patterns::is_label;
use super::walk::Piece;

/// Share of the prose a child must hold for the choice to move down to it.
const DOMINANT: f64 = 0.8;

#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    /// All values added up.
    total: f64,
    /// Positive values only: the prose.
    prose: f64,
    pieces: usize,
    /// Pieces that label (links, short lines) or count against.
    labels: usize,
}

/// Adds `value` to `node` and every element above it.
pub fn add_up(doc: &Html, node: NodeId, value: f64, into: &mut HashMap<NodeId, f64>) {
    let Some(node) = doc.tree.get(node) else {
        return;
    };
    for a in std::iter::once(node).chain(node.ancestors()) {
        *into.entry(a.id()).or_default() += value;
    }
}

/// The elements holding the article, in document order; empty when nothing sums positive.
pub fn region(doc: &Html, pieces: &[Piece], value: &dyn Fn(&Piece) -> f64) -> Vec<NodeId> {
    let mut sums: HashMap<NodeId, Sums> = HashMap::new();
    for p in pieces {
        let Some(node) = doc.tree.get(p.node) else {
            continue;
        };
        let v = value(p);
        let label = v < 0.0 || is_label(p);
        for a in std::iter::once(node).chain(node.ancestors()) {
            let s = sums.entry(a.id()).or_default();
            s.total += v;
            s.prose += v.max(0.0);
            s.pieces += 1;
            s.labels += usize::from(label);
        }
    }
    // Document order: on a tie the outer element (seen first) wins, so headings and short
    // paragraphs beside the main text stay in.
    let mut best: Option<(NodeRef<'_, Node>, f64)> = None;
    for node in doc.tree.root().descendants() {
        if let Some(s) = sums.get(&node.id())
            && best.is_none_or(|(_, b)| s.total > b)
        {
            best = Some((node, s.total));
        }
    }
    let Some((mut chosen, total)) = best else {
        return Vec::new();
    };
    if total <= 0.0 {
        return Vec::new();
    }
    let get = |n: &NodeRef<'_, Node>| sums.get(&n.id()).copied().unwrap_or_default();
    loop {
        let whole = get(&chosen).prose;
        let Some(child) = chosen
            .children()
            .filter(|c| c.value().is_element())
            .max_by(|a, b| get(a).prose.total_cmp(&get(b).prose))
        else {
            break;
        };
        if whole <= 0.0 || get(&child).prose < DOMINANT * whole {
            break;
        }
        chosen = child;
    }
    // The plain prose right next to the final choice (not beside the wrappers above it,
    // where it would be a footer line).
    // A longer run of text with a stray label or two (an image credit, a contact line) is
    // the rest of the story too: long posts come in sections split by wide figures.
    let plain = |n: &NodeRef<'_, Node>| {
        let s = get(n);
        s.pieces == 0
            || (s.labels == 0 && s.prose > 0.0)
            || (s.pieces >= 5 && s.labels * 5 <= s.pieces && s.total > 0.0)
    };
    let mut beside: Vec<NodeId> = Vec::new();
    for side in [Side::Before, Side::After] {
        let mut sib = side.next(chosen);
        while let Some(s) = sib {
            if !plain(&s) {
                break;
            }
            if get(&s).pieces > 0 {
                beside.push(s.id());
            }
            sib = side.next(s);
        }
    }
    beside.push(chosen.id());
    // Document order.
    let order: HashMap<NodeId, usize> = doc
        .tree
        .root()
        .descendants()
        .enumerate()
        .map(|(i, n)| (n.id(), i))
        .collect();
    beside.sort_by_key(|id| order.get(id).copied().unwrap_or(usize::MAX));
    beside
}

#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

impl Side {
    fn next<'a>(self, n: NodeRef<'a, Node>) -> Option<NodeRef<'a, Node>> {
        match self {
            Side::Before => n.prev_sibling(),
            Side::After => n.next_sibling(),
        }
    }
}

/// `node` is one of `roots` or inside one.
pub fn is_within(doc: &Html, node: NodeId, roots: &[NodeId]) -> bool {
    let Some(n) = doc.tree.get(node) else {
        return false;
    };
    std::iter::once(n)
        .chain(n.ancestors())
        .any(|a| roots.contains(&a.id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::import::html::walk::walk;

    fn chosen_text(html: &str) -> String {
        let doc = Html::parse_document(html);
        let pieces = walk(doc.tree.root(), &|_, _| false);
        let value = |p: &Piece| {
            if matches!(
                p.kind,
                crate::article::import::html::walk::PieceKind::Heading(_)
            ) {
                0.0
            } else if is_label(p) {
                -1.0
            } else {
                p.text.split_whitespace().count() as f64
            }
        };
        let roots = region(&doc, &pieces, &value);
        pieces
            .iter()
            .filter(|p| is_within(&doc, p.node, &roots))
            .map(|p| p.text.trim().to_string())
            .collect::<Vec<_>>()
            .join("|")
    }

    const BODY: &str = "<p>One long sentence of the story that goes on and on, as stories do.</p>\
        <p>Another long sentence of the story, with a comma and a full stop.</p>\
        <p>A third sentence of the story, so that the body clearly dominates.</p>\
        <p>A fourth sentence of the story, still going, and then it ends here.</p>";

    #[test]
    fn a_bio_beside_the_story_is_left_out() {
        let html = format!(
            "<body><div><div class='a'>{BODY}</div><div class='b'><p>About us: we are a small paper, since 1921.</p>\
             <ul><li><a href='/x'>Events</a></li></ul></div></div></body>"
        );
        let got = chosen_text(&html);
        assert!(!got.contains("About us"), "{got}");
        assert!(got.contains("fourth sentence"), "{got}");
    }

    #[test]
    fn the_story_after_a_wide_figure_stays() {
        let tail = "<div class='inner'><h3>After the vote</h3>\
            <p>A fifth sentence of the story, after the wide picture, and it goes on.</p>\
            <p>A sixth sentence of the story, with a comma and a full stop.</p>\
            <p>A seventh sentence of the story, still the same story as before.</p>\
            <p>An eighth sentence of the story, and then the story is nearly over.</p>\
            <p>Photo: Staff</p></div>";
        let html = format!(
            "<body><div class='post'><div class='inner'>{}</div>\
             <div class='wide'><figure><img src='/x.jpg'></figure></div>{tail}</div>\
             <div class='b'><p>About us: we are a small paper, since 1921.</p>\
             <ul><li><a href='/x'>Events</a></li></ul></div></body>",
            BODY.repeat(5)
        );
        let got = chosen_text(&html);
        assert!(got.contains("eighth sentence"), "{got}");
        assert!(!got.contains("About us"), "{got}");
    }

    #[test]
    fn a_lead_paragraph_next_to_the_body_stays() {
        let html = format!(
            "<body><div><h1>T</h1><span>By A</span><div class='lead'><p>The lead paragraph, which matters.</p></div>\
             <div class='body'>{BODY}</div></div></body>"
        );
        let got = chosen_text(&html);
        assert!(got.starts_with("The lead paragraph"), "{got}");
    }
}
