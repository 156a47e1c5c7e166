//! Bad input: each case gives one clear line naming the path and the problem, a non-zero
//! exit status, no panic, and (for the reader) no terminal touched.

use std::path::Path;
use std::process::{Command, Output};

fn lede(args: &[&str]) -> Output {
    let data = tempfile::tempdir().expect("data folder");
    Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .env("XDG_DATA_HOME", data.path())
        .env("XDG_CONFIG_HOME", env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run lede")
}

/// Checks the run failed with exactly one stderr line containing every `needle`.
fn assert_one_line_error(out: &Output, needles: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should fail; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr:?}");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} not in {stderr:?}");
    }
    // Nothing was drawn: no escape sequences on stdout (the terminal was never set up).
    assert!(!out.stdout.contains(&0x1b), "terminal touched");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path.to_string_lossy().into_owned()
}

#[test]
fn missing_path() {
    for args in [
        vec!["no/such/article.txt"],
        vec!["analyze", "no/such/article.txt"],
    ] {
        let out = lede(&args);
        assert_one_line_error(&out, &["no/such/article.txt", "no such file"]);
    }
}

#[test]
fn folder_without_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "notes.pdf", b"%PDF");
    let out = lede(&[&dir.path().to_string_lossy()]);
    assert_one_line_error(&out, &[&dir.path().to_string_lossy(), "no articles"]);
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in [("empty.txt", &b""[..]), ("blank.txt", &b"  \n\n\t\n"[..])] {
        let path = write(dir.path(), name, bytes);
        for args in [vec![path.as_str()], vec!["analyze", path.as_str()]] {
            assert_one_line_error(&lede(&args), &[&path, "empty"]);
        }
    }
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    );
    for args in [vec![path.as_str()], vec!["analyze", path.as_str()]] {
        assert_one_line_error(&lede(&args), &[&path, "binary"]);
    }
}

#[test]
fn unreadable_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "secret.txt", b"Headline\n\nBody.\n");
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&path, perms).expect("chmod");
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if is_root {
        // Root reads any file, so drop to `nobody` to meet a permission error for real.
        let out = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_lede"))
            .args(["analyze", &path])
            .output()
            .expect("setpriv runs");
        assert_one_line_error(&out, &[&path, "permission denied"]);
    } else {
        assert_one_line_error(&lede(&["analyze", &path]), &[&path, "permission denied"]);
    }
}

#[test]
fn malformed_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = write(dir.path(), "config.toml", b"[reader]\nwidth = 5\n");
    let out = lede(&["--config", &config, "assets/articles"]);
    assert_eq!(out.status.code(), Some(2));
    assert_one_line_error(&out, &[&format!("{config}:2:9"), "width"]);
}

#[test]
fn huge_single_line_is_read_not_refused() {
    // 50 MB on one line: read whole, cleaned, and laid out (the reader's own path, minus
    // the terminal; the end-to-end test opens it in a pty).
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "huge.txt", &huge_line());
    let article =
        lede::article::load(Path::new(&path), lede::article::ParseMode::Clean).expect("loads");
    assert_eq!(article.title, "A headline");
    assert!(
        article.body.len() > 50 * 1024 * 1024 - 100,
        "body kept whole"
    );
    let sections = lede::tui::first_look(&article);
    let layout = lede::tui::layout::RowMap::new(&article, &sections, 100);
    assert!(
        layout.len() > 500_000,
        "wrapped into rows: {}",
        layout.len()
    );
}

/// A headline and a 50 MB paragraph on a single line.
pub fn huge_line() -> Vec<u8> {
    let mut text = b"A headline\n\n".to_vec();
    let words = b"lorem ipsum dolor sit amet consectetur ";
    while text.len() < 50 * 1024 * 1024 {
        text.extend_from_slice(words);
    }
    text
}

#[test]
fn folder_library_skips_bad_files_and_lists_the_good_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "good.txt", b"A good headline\n\nSome text.\n");
    write(dir.path(), "bad.txt", b"\0\0\0");
    let data = tempfile::tempdir().expect("data folder");
    let store = lede::store::Store::open(&data.path().join("lede.db")).expect("store");
    let report = lede::library::index(
        &store,
        &[dir.path().to_path_buf()],
        &mut lede::library::Quiet,
    )
    .expect("index");
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    let (path, problem) = &report.problems[0];
    assert!(
        path.ends_with("bad.txt") && problem.contains("binary"),
        "{problem}"
    );
    let entries = store.entries(None).expect("entries");
    let app =
        lede::tui::App::with_library(lede::config::Config::defaults(), "folder".into(), entries);
    let library = app.library.as_ref().expect("library");
    let titles: Vec<&str> = library
        .view()
        .iter()
        .map(|&i| library.entries()[i].title.as_str())
        .collect();
    assert_eq!(titles, ["A good headline"]);
}
