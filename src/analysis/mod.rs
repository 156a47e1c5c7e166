//! Analysis: pure functions from an [`Article`] to span layers over its body.
//!
//! Nothing here does I/O or knows about the terminal. Entities and quotations arrive in a
//! later issue; their layers already exist so the JSON interface is stable.

pub mod heading_signals;
pub mod report;
pub mod sections;

use std::ops::Range;

use crate::article::Article;

pub use sections::Section;

/// Every span layer computed for an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Named sections in text order. The text before the first one is the unnamed lead.
    pub sections: Vec<Section>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
}

/// A named-entity mention (filled by the entity model in a later issue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub kind: String,
    pub range: Range<usize>,
}

/// A quotation and, when known, its speaker (filled in a later issue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    pub range: Range<usize>,
    pub speaker: Option<Range<usize>>,
}

/// Runs every analysis layer over `article`.
pub fn analyze(article: &Article) -> Analysis {
    Analysis {
        sections: sections::detect(article),
        entities: Vec::new(),
        quotes: Vec::new(),
    }
}
