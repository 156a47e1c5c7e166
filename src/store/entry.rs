//! What the library screen and `lede list` show of an article: no body, no analysis, so
//! listing 100,000 articles stays cheap.

use std::path::PathBuf;

/// How far the reader got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReadState {
    #[default]
    Unread,
    /// Opened, not finished.
    Reading,
    /// Scrolled to the end.
    Read,
}

impl ReadState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadState::Unread => "unread",
            ReadState::Reading => "reading",
            ReadState::Read => "read",
        }
    }

    pub(crate) fn from_code(code: i64) -> ReadState {
        match code {
            1 => ReadState::Reading,
            2 => ReadState::Read,
            _ => ReadState::Unread,
        }
    }

    pub(crate) fn code(self) -> i64 {
        match self {
            ReadState::Unread => 0,
            ReadState::Reading => 1,
            ReadState::Read => 2,
        }
    }
}

/// One row of the library.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LibraryEntry {
    /// The store's id for the article (what the reader and annotations refer to).
    pub id: i64,
    /// Stable public id (hash of path and item key), shown by `lede list`.
    pub uid: String,
    pub path: PathBuf,
    /// Which item of a many-article file (feed, JSON Lines), if any.
    pub item_key: Option<String>,
    /// The format name (`text`, `html`, …).
    pub format: String,
    pub title: String,
    pub source: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// ISO 8601 date or date-time, when known.
    pub published: Option<String>,
    pub words: u32,
    pub read: ReadState,
    /// Reading progress, 0–1000.
    pub progress: u16,
    /// How many annotations the article has.
    pub notes: u32,
    /// The file is gone from disk; the article (and its notes) are kept.
    pub missing: bool,
}

impl LibraryEntry {
    /// Reading time at 230 words a minute, at least one minute.
    pub fn minutes(&self) -> u32 {
        self.words.div_ceil(230).max(1)
    }

    /// `yyyy-mm-dd` of the publication date.
    pub fn date(&self) -> Option<&str> {
        self.published.as_deref().map(|d| d.get(..10).unwrap_or(d))
    }
}
