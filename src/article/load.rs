//! Reading an article file: bytes → decoded text → parsed and cleaned [`Article`].

use std::fmt;
use std::path::{Path, PathBuf};

use super::Article;

/// How much interpretation to apply to the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ParseMode {
    /// Headline, deck, repeated-headline and debris removal (the normal reader).
    #[default]
    Clean,
    /// The whole input is the body, verbatim except for newline normalisation.
    Plain,
}

/// A file that cannot be read as an article. Displays as one line: `path: problem`.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub problem: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for LoadError {}

/// Reads and parses one article file.
pub fn load(path: &Path, mode: ParseMode) -> Result<Article, LoadError> {
    let _ = (path, mode);
    todo!("helper")
}

/// Parses already decoded text.
pub fn parse(text: &str, mode: ParseMode) -> Article {
    let _ = (text, mode);
    todo!("helper")
}
