//! Analysis: pure functions from an [`Article`] to span layers over its body.
//!
//! Nothing here does I/O or knows about the terminal. Entities and quotations arrive in a
//! later issue; their layers already exist so the JSON interface is stable.

pub mod entity_groups;
pub mod eval;
pub mod heading_signals;
pub mod heading_vetoes;
pub mod ner;
pub mod quotes;
pub mod report;
pub mod sections;
pub mod tokenize;

use std::ops::Range;

use crate::article::{self, Article};

pub use sections::Section;

/// Every span layer computed for an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Named sections in text order. The text before the first one is the unnamed lead.
    pub sections: Vec<Section>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
}

/// A named-entity mention found by the entity model ([`ner`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub kind: EntityKind,
    pub range: Range<usize>,
}

/// What an entity mention names. The names in [`EntityKind::as_str`] are the JSON interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    /// Countries, cities, regions, landmarks.
    Place,
    /// Nationalities, religious and political groups ("Russian", "Ukrainians").
    Group,
    Event,
    /// Works of art: books, films, songs.
    Work,
    Law,
    Product,
    Date,
    Time,
    Money,
    Percent,
    /// Cardinals, ordinals and quantities.
    Number,
}

impl EntityKind {
    /// Every kind, in the order of the model's tag table.
    pub const ALL: [EntityKind; 13] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Group,
        EntityKind::Event,
        EntityKind::Work,
        EntityKind::Law,
        EntityKind::Product,
        EntityKind::Date,
        EntityKind::Time,
        EntityKind::Money,
        EntityKind::Percent,
        EntityKind::Number,
    ];

    /// The name used in `lede analyze` JSON and in evaluation tables.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
            EntityKind::Event => "event",
            EntityKind::Work => "work",
            EntityKind::Law => "law",
            EntityKind::Product => "product",
            EntityKind::Date => "date",
            EntityKind::Time => "time",
            EntityKind::Money => "money",
            EntityKind::Percent => "percent",
            EntityKind::Number => "number",
        }
    }

    /// The inverse of [`EntityKind::as_str`].
    pub fn from_name(name: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A quotation and, when known, its speaker (found by [`quotes::find`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quotation *with* its quote marks (`“…”`), as GUM and most annotations mark it;
    /// a quotation whose closing mark is missing ends at its paragraph's end, and one that
    /// runs over several paragraphs spans them all.
    pub range: Range<usize>,
    /// The mention the attribution rests on, as written next to the cue verb: a name
    /// (`Podoliak`), a role (`the president`) or a pronoun (`he`).
    pub speaker: Option<Range<usize>>,
    /// Who that mention is: the fullest form of the name found in the article
    /// (`Mikhaílo Podoliak`, `Vladimir Putin` for `the president`). Set exactly when
    /// `speaker` is.
    pub speaker_name: Option<String>,
    /// One or two words (scare quotes, titles): shown as quotations, rarely attributed.
    pub short: bool,
}

/// Runs every analysis layer over `article`.
pub fn analyze(article: &Article) -> Analysis {
    let entities = entities_of(article);
    Analysis {
        sections: sections::detect(article),
        quotes: quotes::find(article, &entities),
        entities,
    }
}

/// Entity mentions over the whole body, found block by block (a name never spans blocks),
/// with the document-level consistency pass seeing the whole article.
fn entities_of(article: &Article) -> Vec<Entity> {
    let blocks: Vec<Range<usize>> = article
        .blocks
        .iter()
        .filter(|b| b.kind == article::BlockKind::Paragraph)
        .map(|b| b.range.clone())
        .collect();
    ner::entities_in_blocks(&article.body, &blocks)
}
