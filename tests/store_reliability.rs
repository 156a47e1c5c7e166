//! The store under abuse: killed mid-import, foreign files at its path, read-only folders.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use lede::library::{Quiet, index};
use lede::store::Store;

fn lede(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .output()
        .expect("lede runs")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// `lede ARGS` as the unprivileged `nobody` when we are root (root ignores permissions).
fn lede_unprivileged(args: &[&str]) -> Output {
    if is_root() {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_lede"))
            .args(args)
            .output()
            .expect("setpriv runs")
    } else {
        lede(args)
    }
}

fn one_line_error(out: &Output, parts: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should fail: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for part in parts {
        assert!(err.contains(part), "{err:?} should mention {part:?}");
    }
}

/// A folder of `n` small articles.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join("corpus");
    for i in 0..n {
        let sub = root.join(format!("{:02}", i % 50));
        fs::create_dir_all(&sub).expect("mkdir");
        let body = format!(
            "Story number {i}\n\nParagraph one of story {i}, about the news of the day.\n\n{}",
            "Another paragraph with enough words to make the file a realistic size. ".repeat(20)
        );
        fs::write(sub.join(format!("story-{i:05}.txt")), body).expect("write");
    }
    root
}

#[test]
fn killed_mid_import_the_database_opens_and_the_next_import_completes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = corpus(dir.path(), 4000);
    let db = dir.path().join("lede.db");
    let (db_arg, root_arg) = (db.to_string_lossy(), root.to_string_lossy());
    for round in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
            .args(["--db", &db_arg, "add", &root_arg])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Kill once some articles are in, at a different point each round.
        let deadline = Instant::now() + Duration::from_secs(30);
        let want = 200 * (round + 1);
        loop {
            let count = Store::open(&db)
                .and_then(|s| s.entries(None))
                .map_or(0, |e| e.len());
            if count >= want || Instant::now() > deadline {
                break;
            }
            if child.try_wait().expect("poll").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = child.kill(); // SIGKILL
        child.wait().expect("reaped");
        let store = Store::open(&db).expect("opens after SIGKILL");
        let check: String = store.integrity_check().expect("integrity check runs");
        assert_eq!(check, "ok");
    }
    let store = Store::open(&db).expect("opens");
    let report = index(&store, &[root], &mut Quiet).expect("import completes");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(store.entries(None).expect("entries").len(), 4000);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("lede.db");
    let text = "# my notes\nthis is not a database\n";
    fs::write(&db, text).expect("write");
    let db_arg = db.to_string_lossy();
    one_line_error(
        &lede(&["--db", &db_arg, "list"]),
        &[&db_arg, "not a lede database"],
    );
    one_line_error(
        &lede(&["--db", &db_arg, "add", "assets/articles"]),
        &[&db_arg, "not a lede database"],
    );
    assert_eq!(fs::read_to_string(&db).expect("read"), text);
}

#[test]
fn a_read_only_data_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    fs::create_dir(&data).expect("mkdir");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).expect("chmod");
    // A database that does not exist yet in a folder lede cannot create files in.
    let db = data.join("lede/lede.db");
    let db_arg = db.to_string_lossy();
    one_line_error(
        &lede_unprivileged(&["--db", &db_arg, "list"]),
        &[&db_arg, "permission denied"],
    );
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).expect("chmod back");
}

#[test]
fn two_processes_import_into_one_database_side_by_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = corpus(&dir.path().join("a"), 600);
    let b = corpus(&dir.path().join("b"), 600);
    let db = dir.path().join("lede.db");
    let db_arg = db.to_string_lossy().into_owned();
    let children: Vec<_> = [a, b]
        .iter()
        .map(|root| {
            Command::new(env!("CARGO_BIN_EXE_lede"))
                .args(["--db", &db_arg, "add", &root.to_string_lossy()])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = Store::open(&db).expect("opens");
    assert_eq!(store.entries(None).expect("entries").len(), 1200);
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

#[test]
fn add_fails_for_a_missing_named_path_but_not_for_a_bad_file_inside_a_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = corpus(dir.path(), 3);
    fs::write(root.join("00/broken.json"), "{\"title\": ").expect("write");
    let db = dir.path().join("lede.db");
    let (db, root) = (db.to_string_lossy(), root.to_string_lossy());
    let inside = lede(&["--db", &db, "add", &root]);
    assert!(inside.status.success());
    let err = String::from_utf8_lossy(&inside.stderr);
    assert!(
        err.contains("broken.json") && err.contains("1 skipped"),
        "{err}"
    );
    let missing = dir.path().join("nope.txt");
    let named = lede(&["--db", &db, "add", &root, &missing.to_string_lossy()]);
    assert!(!named.status.success());
    assert!(String::from_utf8_lossy(&named.stderr).contains("nope.txt: no such file"));
}
