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

/// Bump when analysis output changes (model retrained, rules changed): cached analyses
/// from an older version are then recomputed on open.
pub const CACHE_VERSION: u32 = 1;

/// Every span layer computed for an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    /// Named sections in text order. The text before the first one is the unnamed lead.
    pub sections: Vec<Section>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
}

/// A named-entity mention found by the entity model ([`ner`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub range: Range<usize>,
}

/// What an entity mention names. The names in [`EntityKind::as_str`] are the JSON interface.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
///
/// Entities and quotations are found piece by piece: an article longer than
/// [`PIECE_BYTES`] (rare: book-length dumps, concatenated feeds) is cut between paragraphs
/// into pieces of about that size, so their working memory stays bounded whatever the
/// article's length. A normal article is one piece, and the document-level passes see it
/// whole.
pub fn analyze(article: &Article) -> Analysis {
    let mut entities = Vec::new();
    let mut quotes = Vec::new();
    for piece in pieces(article) {
        let (e, q) = piece_mentions(article, piece);
        entities.extend(e);
        quotes.extend(q);
    }
    Analysis {
        sections: sections::detect(article),
        quotes,
        entities,
    }
}

/// About how much text one piece of analysis holds.
pub const PIECE_BYTES: usize = 1 << 18;

/// Consecutive runs of whole blocks (indices into `article.blocks`) of about
/// [`PIECE_BYTES`] each.
fn pieces(article: &Article) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut first = 0;
    while first < article.blocks.len() {
        let start = article.blocks[first].range.start;
        let mut last = first + 1;
        while last < article.blocks.len() && article.blocks[last].range.end - start <= PIECE_BYTES {
            last += 1;
        }
        out.push(first..last);
        first = last;
    }
    out
}

/// Entities and quotations of one piece, with offsets into the whole body.
fn piece_mentions(article: &Article, piece: Range<usize>) -> (Vec<Entity>, Vec<Quote>) {
    let blocks = &article.blocks[piece];
    let (Some(first), Some(last)) = (blocks.first(), blocks.last()) else {
        return (Vec::new(), Vec::new());
    };
    let (start, end) = (first.range.start, last.range.end);
    let whole = start == 0 && end == article.body.len();
    // A piece is analysed as an article of its own (the headline and deck stay, since
    // attribution reads titles there); offsets are shifted back afterwards.
    let owned;
    let part = if whole {
        article
    } else {
        owned = Article {
            path: None,
            title: article.title.clone(),
            deck: article.deck.clone(),
            meta: article::Meta::default(),
            body: article.body[start..end].to_string(),
            blocks: blocks
                .iter()
                .map(|b| article::Block {
                    kind: b.kind,
                    range: b.range.start - start..b.range.end - start,
                })
                .collect(),
            removed: Vec::new(),
            warnings: Vec::new(),
        };
        &owned
    };
    let paragraphs: Vec<Range<usize>> = part
        .blocks
        .iter()
        .filter(|b| b.kind != article::BlockKind::Link)
        .map(|b| b.range.clone())
        .collect();
    let entities = ner::entities_in_blocks(&part.body, &paragraphs);
    let quotes = quotes::find(part, &entities);
    let shift = |r: Range<usize>| r.start + start..r.end + start;
    (
        entities
            .into_iter()
            .map(|e| Entity {
                range: shift(e.range),
                ..e
            })
            .collect(),
        quotes
            .into_iter()
            .map(|q| Quote {
                range: shift(q.range),
                speaker: q.speaker.map(shift),
                ..q
            })
            .collect(),
    )
}
