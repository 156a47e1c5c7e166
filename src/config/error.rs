//! Config errors that point at the offending spot: `path:line:col: message`, on one line,
//! so `lede` can print it and exit with status 2 before touching the terminal.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A problem in a config file (or the failure to read it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    path: PathBuf,
    /// 1-based line and column (in chars); `None` when the file as a whole is the problem.
    position: Option<(usize, usize)>,
    message: String,
}

impl ConfigError {
    /// An error about a spot in `text` (the contents of `path`), given by byte offset.
    pub(crate) fn at(path: &Path, text: &str, problem: Problem) -> Self {
        ConfigError {
            path: path.to_path_buf(),
            position: Some(line_col(text, problem.span.start)),
            message: one_line(&problem.message),
        }
    }

    /// An error about the file as a whole (unreadable, missing, not UTF-8).
    pub(crate) fn file(path: &Path, message: impl Into<String>) -> Self {
        ConfigError {
            path: path.to_path_buf(),
            position: None,
            message: one_line(&message.into()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// 1-based line, if the error is at a spot in the file.
    pub fn line(&self) -> Option<usize> {
        self.position.map(|(line, _)| line)
    }

    /// 1-based column counted in chars, if the error is at a spot in the file.
    pub fn column(&self) -> Option<usize> {
        self.position.map(|(_, col)| col)
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A problem found while reading one document, before we know which file it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Byte range in the document; only the start is reported.
    pub span: Range<usize>,
    pub message: String,
}

impl Problem {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Problem {
            span,
            message: message.into(),
        }
    }
}

impl From<toml::de::Error> for Problem {
    fn from(err: toml::de::Error) -> Self {
        // The toml crate's Display draws a multi-line snippet; we want only the message.
        Problem::new(err.span().unwrap_or(0..0), err.message())
    }
}

/// 1-based line and column of byte `offset` in `text`; the column counts chars, so an
/// editor's "go to column" lands on the right spot after non-ASCII text.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    // A span inside a multi-byte char (never produced by toml, but be safe) counts as its start.
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Error messages must stay on one line whatever the source said.
fn one_line(message: &str) -> String {
    message.lines().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_is_one_based_and_counts_chars() {
        let text = "ab\nçé = x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (1, 3));
        assert_eq!(line_col(text, 3), (2, 1));
        // "çé" is 4 bytes: the ' ' after it is column 3.
        assert_eq!(line_col(text, 7), (2, 3));
        assert_eq!(line_col(text, 999), (3, 1));
    }

    #[test]
    fn display_is_one_line() {
        let err = ConfigError::at(
            Path::new("/c/config.toml"),
            "x\ny",
            Problem::new(2..3, "bad\nthing"),
        );
        assert_eq!(err.to_string(), "/c/config.toml:2:1: bad thing");
        let err = ConfigError::file(Path::new("/c/config.toml"), "file not found");
        assert_eq!(err.to_string(), "/c/config.toml: file not found");
    }
}
