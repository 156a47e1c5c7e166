//! Reading an article file: bytes → decoded text → parsed and cleaned [`Article`].

use std::fmt;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::Article;
use super::decode::{decode, normalize_newlines};
use super::plain::{parse_clean, parse_plain};

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
    let fail = |problem: String| LoadError {
        path: path.to_path_buf(),
        problem,
    };
    let bytes = read_bytes(path)?;
    let decoded = decode(&bytes).map_err(|e| fail(e.to_string()))?;
    if decoded.text.trim().is_empty() {
        return Err(fail("empty file".to_string()));
    }
    let mut article = parse(&decoded.text, mode);
    article.path = Some(path.to_path_buf());
    article.warnings.splice(0..0, decoded.warnings);
    Ok(article)
}

/// The bytes of a file, or a one-line error naming it.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let fail = |problem: String| LoadError {
        path: path.to_path_buf(),
        problem,
    };
    // Checked first: reading a directory fails with a platform-dependent message.
    if path.is_dir() {
        return Err(fail("is a directory".to_string()));
    }
    std::fs::read(path).map_err(|e| fail(io_problem(&e)))
}

/// Parses already decoded text (LF newlines are not required: CR/CRLF are normalised, and a
/// leading BOM is dropped).
pub fn parse(text: &str, mode: ParseMode) -> Article {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = normalize_newlines(text);
    match mode {
        ParseMode::Clean => parse_clean(&text),
        ParseMode::Plain => parse_plain(&text),
    }
}

/// One lowercase line for an I/O error, without the "(os error N)" suffix.
pub fn io_problem(err: &std::io::Error) -> String {
    match err.kind() {
        ErrorKind::NotFound => "no such file".to_string(),
        ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => {
            let text = err.to_string();
            let text = match text.rfind(" (os error") {
                Some(i) => &text[..i],
                None => &text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "cannot read file".to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn problem(path: &Path) -> String {
        load(path, ParseMode::Clean).expect_err("fails").to_string()
    }

    #[test]
    fn missing_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nope.txt");
        assert_eq!(problem(&path), format!("{}: no such file", path.display()));
    }

    #[test]
    fn directory() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            problem(dir.path()),
            format!("{}: is a directory", dir.path().display())
        );
    }

    #[test]
    fn empty_and_blank_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, content) in [("e.txt", &b""[..]), ("w.txt", b" \n\t\r\n\n")] {
            let path = dir.path().join(name);
            fs::write(&path, content).expect("write");
            assert_eq!(problem(&path), format!("{}: empty file", path.display()));
        }
    }

    #[test]
    fn binary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.png");
        fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
        let msg = problem(&path);
        assert_eq!(
            msg,
            format!(
                "{}: binary file (contains NUL bytes), not an article",
                path.display()
            )
        );
        assert!(!msg.contains('\n'));
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("secret.txt");
        fs::write(&path, "Title\n\nBody.\n").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::read(&path).is_ok() {
            return; // running as root: permissions are not enforced
        }
        assert_eq!(
            problem(&path),
            format!("{}: permission denied", path.display())
        );
    }

    #[test]
    fn invalid_utf8_warns_and_loads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("latin1.txt");
        fs::write(&path, b"Caf\xe9\r\n\r\nThe caf\xe9 opened.\r\n").expect("write");
        let article = load(&path, ParseMode::Clean).expect("loads");
        assert_eq!(article.title, "Caf\u{FFFD}");
        assert_eq!(article.body, "The caf\u{FFFD} opened.");
        assert_eq!(article.warnings.len(), 1);
        assert_eq!(article.path.as_deref(), Some(path.as_path()));
    }

    #[test]
    fn seed_loads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/articles/2024-06-19-russia-north-korea-defense-pact.txt");
        let article = load(&path, ParseMode::Clean).expect("loads");
        assert!(article.title.starts_with("Russia and North Korea"));
        assert!(article.warnings.is_empty());
    }
}
