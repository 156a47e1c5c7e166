//! `lede annotations`: export and import (W3C, Markdown, hypothes.is), listing, adding,
//! and the store under abuse (SIGKILL mid-save, two writers at once, odd notes).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lede::annotate::{Annotation, Status, Target};
use lede::store::Store;

const SEED: &str = "assets/articles/2024-06-19-russia-north-korea-defense-pact.txt";
const FIXTURES: &str = "tests/fixtures/annotations";

/// A library of its own: a database and empty config and data folders.
struct Library {
    root: PathBuf,
    db: PathBuf,
}

impl Library {
    fn new(root: &Path, name: &str) -> Library {
        let root = root.join(name);
        fs::create_dir_all(root.join("config")).expect("mkdir");
        fs::create_dir_all(root.join("data")).expect("mkdir");
        let db = root.join("lede.db");
        Library { root, db }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
        cmd.env("XDG_CONFIG_HOME", self.root.join("config"))
            .env("XDG_DATA_HOME", self.root.join("data"))
            .arg("--db")
            .arg(&self.db)
            .args(args);
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("lede runs")
    }

    /// Runs `args`, which must succeed; returns standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "lede {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Adds the file at `path` to the library; returns its store id.
    fn add_article(&self, path: &Path) -> i64 {
        self.ok(&["add", &path.to_string_lossy()]);
        let store = self.store();
        store
            .articles_at(path)
            .expect("articles")
            .first()
            .expect("indexed")
            .0
    }

    fn store(&self) -> Store {
        Store::open(&self.db).expect("store opens")
    }

    fn body(&self, id: i64) -> String {
        self.store().article(id).expect("article").article.body
    }
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The seed article copied to `dir` (so every test has its own file and path).
fn seed_copy(dir: &Path) -> PathBuf {
    let path = dir.join("2024-06-19-pact.txt");
    fs::copy(repo(SEED), &path).expect("copy");
    path
}

fn one_line_error(out: &Output, parts: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should fail: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(err.starts_with("lede: "), "{err}");
    for part in parts {
        assert!(err.contains(part), "{err:?} should mention {part:?}");
    }
}

/// An annotation written straight into the store, for statuses `add` never makes.
fn put(store: &Store, article: i64, target: Target, status: Status, hash: &str) -> Annotation {
    let mut a = Annotation::new(article, target, hash);
    a.status = status;
    a.colour = 3;
    a.set_note("written directly #direct");
    a.created = "2023-01-02T03:04:05Z".into();
    a.modified = "2024-02-03T04:05:06Z".into();
    store.put_annotation(&a).expect("put");
    a
}

fn by_id(list: Vec<Annotation>) -> HashMap<String, Annotation> {
    list.into_iter().map(|a| (a.id.clone(), a)).collect()
}

#[test]
fn w3c_export_then_import_into_a_fresh_library_keeps_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = seed_copy(dir.path());
    let one = Library::new(dir.path(), "one");
    let id1 = one.add_article(&article);
    let art = article.to_string_lossy().into_owned();
    one.ok(&[
        "annotations",
        "add",
        &art,
        "--quote",
        "mutual assistance",
        "--note",
        "Key clause #treaty",
        "--tag",
        "nk-russia",
        "--colour",
        "3",
    ]);
    one.ok(&["annotations", "add", &art, "--quote", "Mikhaílo Podoliak"]);
    let body = one.body(id1);
    let hash = one.store().article(id1).expect("article").content_hash;
    let at = body.find("Against US hegemony").expect("heading");
    let store = one.store();
    put(
        &store,
        id1,
        Target::capture(&body, at..at + 19),
        Status::NeedsReview,
        &hash,
    );
    let orphan = Target {
        exact: "a sentence the text lost".into(),
        prefix: "before ".into(),
        suffix: " after".into(),
        start: 40,
        end: 64,
    };
    put(&store, id1, orphan.clone(), Status::Orphan, "0ld-hash");
    put(&store, id1, orphan, Status::Orphan, &hash);
    let exported = one.store().annotations(None).expect("list");
    assert_eq!(exported.len(), 5);

    let file = dir.path().join("out").join("notes.jsonld");
    fs::create_dir(dir.path().join("out")).expect("mkdir");
    let printed = one.ok(&[
        "annotations",
        "export",
        "--format",
        "w3c",
        "-o",
        &file.to_string_lossy(),
    ]);
    assert!(printed.is_empty(), "-o writes nothing to stdout: {printed}");
    let names: Vec<_> = fs::read_dir(dir.path().join("out")).expect("ls").collect();
    assert_eq!(names.len(), 1, "no temporary file left behind");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).expect("read")).expect("JSON");
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["total"], 5);
    let source = json["first"]["items"][0]["target"]["source"]
        .as_str()
        .expect("source");
    assert!(source.starts_with("file:///"), "{source}");

    // Another library holding the same file, under another id.
    let two = Library::new(dir.path(), "two");
    let other = dir.path().join("2019-01-09-other.txt");
    fs::copy(
        repo("assets/articles/2019-01-09-simple-animals-could-live-in-martian-brines-wikinews.txt"),
        &other,
    )
    .expect("copy");
    two.add_article(&other);
    let id2 = two.add_article(&article);
    assert_ne!(id1, id2);
    let summary = two.ok(&["annotations", "import", &file.to_string_lossy()]);
    assert_eq!(
        summary.trim(),
        "imported 5 (2 anchored, 1 need review, 2 orphaned), skipped 0"
    );
    let before = by_id(exported);
    let after = by_id(two.store().annotations(None).expect("list"));
    assert_eq!(before.len(), after.len());
    for (id, a) in &before {
        let b = after.get(id).expect("same id");
        assert_eq!(b.article, id2);
        assert_eq!(
            Annotation {
                article: a.article,
                ..b.clone()
            },
            *a,
            "every other field"
        );
    }
    // Importing again replaces, never duplicates.
    two.ok(&["annotations", "import", &file.to_string_lossy()]);
    assert_eq!(two.store().annotation_count().expect("count"), 5);
    assert_eq!(
        two.store().entry(id2).expect("entry").expect("there").notes,
        5
    );
}

#[test]
fn markdown_export_groups_by_article_in_text_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = seed_copy(dir.path());
    let lib = Library::new(dir.path(), "lib");
    let id = lib.add_article(&article);
    let art = article.to_string_lossy().into_owned();
    // Added out of text order; the quote spans a section heading.
    lib.ok(&[
        "annotations",
        "add",
        &art,
        "--quote",
        "criticized Podoliak",
        "--tag",
        "ukraine",
    ]);
    lib.ok(&[
        "annotations",
        "add",
        &id.to_string(),
        "--quote",
        "subjected by Washington. Against US hegemony Putin I declare",
        "--note",
        "Where the section turns.\nSecond line.",
        "--tag",
        "hegemony",
    ]);
    let body = lib.body(id);
    let hash = lib.store().article(id).expect("article").content_hash;
    let at = body.find("Kim Jong-un received Putin").expect("in text");
    put(
        &lib.store(),
        id,
        Target::capture(&body, at..at + 26),
        Status::NeedsReview,
        &hash,
    );

    let md = lib.ok(&[
        "annotations",
        "export",
        "--format",
        "markdown",
        "--article",
        &art,
    ]);
    assert!(md.starts_with("# Annotations from lede: "), "{md}");
    assert!(
        md.contains("\n## Russia and North Korea signed a mutual defense agreement"),
        "{md}"
    );
    assert!(md.contains(&format!("2024-06-19 · `{art}`")), "{md}");
    assert!(
        md.contains(
            "> subjected by Washington.\n>\n> Against US hegemony\n>\n> Putin I declare\n\n\
             Where the section turns.\nSecond line.\n\n#hegemony\n"
        ),
        "{md}"
    );
    assert!(md.contains("**⚠ Needs review:**"), "{md}");
    assert!(md.contains("> criticized Podoliak\n\n#ukraine\n"), "{md}");
    let order: Vec<usize> = [
        "> Kim Jong-un received Putin",
        "> subjected by",
        "> criticized",
    ]
    .iter()
    .map(|q| md.find(q).expect("each quote"))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "text order: {order:?}"
    );
}

#[test]
fn hypothesis_json_is_imported_by_url_and_page_notes_are_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lib = Library::new(dir.path(), "lib");
    let id = lib.add_article(&repo(&format!("{FIXTURES}/harbour-bridge.json")));
    let fixture = repo(&format!("{FIXTURES}/hypothesis.json"));
    let out = lib.run(&["annotations", "import", &fixture.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "imported 3 (2 anchored, 0 need review, 1 orphaned), skipped 3"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("skipped 2 page notes or replies"), "{err}");
    assert!(
        err.contains("skipped 1 annotation: no article in the library for https://example.org/"),
        "{err}"
    );
    let list = lib.store().annotations_of(id).expect("list");
    let quotes: Vec<(&str, Status)> = list
        .iter()
        .map(|a| (a.target.exact.as_str(), a.status))
        .collect();
    assert_eq!(
        quotes,
        vec![
            ("a referendum on the stadium budget", Status::Orphan),
            ("close the old harbour bridge to cars", Status::Anchored),
            ("We cannot keep patching it", Status::Anchored),
        ]
    );
    let bridge = &list[1];
    assert_eq!(bridge.note, "Big change for commuters.");
    assert_eq!(bridge.tags, vec!["transport", "Wellington"]);
    assert_eq!(bridge.created, "2024-05-15T08:12:44Z");
    assert_eq!(bridge.modified, "2024-05-15T08:13:02Z");
    let body = lib.body(id);
    let start = body.find("close the old").expect("in text");
    assert_eq!(bridge.target.start, body[..start].chars().count());
    // The same file again: the same annotations, updated in place.
    lib.ok(&["annotations", "import", &fixture.to_string_lossy()]);
    assert_eq!(lib.store().annotation_count().expect("count"), 3);
}

#[test]
fn list_filters_by_tag_and_prints_json_lines_with_code_point_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = seed_copy(dir.path());
    let lib = Library::new(dir.path(), "lib");
    let id = lib.add_article(&article);
    let art = article.to_string_lossy().into_owned();
    let a = lib.ok(&[
        "annotations",
        "add",
        &art,
        "--quote",
        "Podoliak",
        "--tag",
        "Ukraine",
    ]);
    lib.ok(&[
        "annotations",
        "add",
        &art,
        "--quote",
        "Pyongyang",
        "--note",
        "#other",
    ]);
    let c = lib.ok(&[
        "annotations",
        "add",
        &art,
        "--quote",
        "Ushakov",
        "--note",
        "line one\nline two",
        "--tag",
        "ukraine",
        "--tag",
        "people",
    ]);
    let text = lib.ok(&["annotations", "list", "--tag", "#UKRAINE"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines.iter().any(|l| l.starts_with(&a.trim()[..8])),
        "{text}"
    );
    let line_c = lines
        .iter()
        .find(|l| l.starts_with(&c.trim()[..8]))
        .expect("c listed");
    assert!(
        line_c.contains("“Ushakov”  line one  #ukraine #people"),
        "{line_c}"
    );
    assert!(line_c.contains(&format!("  {id}  anchored")), "{line_c}");
    assert_eq!(lib.ok(&["annotations", "list"]).lines().count(), 3);

    let json = lib.ok(&["annotations", "list", "--json", "--tag", "ukraine"]);
    let body = lib.body(id);
    for line in json.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one object per line");
        let exact = v["exact"].as_str().expect("exact");
        let at = body.find(exact).expect("in body");
        let start = body[..at].chars().count();
        assert_eq!(v["start"], start, "code points, not bytes");
        assert_eq!(v["end"], start + exact.chars().count());
        assert_eq!(v["article"], id);
        assert_eq!(v["status"], "anchored");
        assert_eq!(v["colour"], 1);
    }
    assert_eq!(json.lines().count(), 2);
    assert!(json.contains("\"note\":\"line one\\nline two\""), "{json}");
    assert!(
        body.find("Podoliak").expect("x")
            > body[..body.find("Podoliak").expect("x")].chars().count(),
        "the seed has multi-byte characters before the quote"
    );
}

#[test]
fn bad_input_is_one_line_a_failure_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = seed_copy(dir.path());
    let lib = Library::new(dir.path(), "lib");
    lib.add_article(&article);
    let art = article.to_string_lossy().into_owned();
    let count = || lib.store().annotation_count().expect("count");

    let bad = dir.path().join("notes.json");
    fs::write(
        &bad,
        "{\n  \"type\": \"AnnotationCollection\",\n  \"total\" 1\n}\n",
    )
    .expect("w");
    let out = lib
        .command(&["annotations", "import", "notes.json"])
        .current_dir(dir.path())
        .output();
    one_line_error(
        &out.expect("runs"),
        &["lede: notes.json: line 3 column 11: expected `:`"],
    );

    let wrong_type = dir.path().join("types.json");
    fs::write(
        &wrong_type,
        "{\"type\": \"Annotation\",\n \"target\": {\"source\": \"x\",\n  \"selector\": \
         {\"type\": \"TextPositionSelector\", \"start\": \"ten\", \"end\": 12}}}",
    )
    .expect("write");
    one_line_error(
        &lib.run(&["annotations", "import", &wrong_type.to_string_lossy()]),
        &["types.json: line 3 column"],
    );

    let unknown = dir.path().join("unknown.json");
    let json = r#"{"rows": [{"id": "abc", "uri": "https://nowhere.example/x", "text": "n",
        "target": [{"source": "https://nowhere.example/x", "selector":
        [{"type": "TextQuoteSelector", "exact": "Putin"}]}]}]}"#;
    fs::write(&unknown, json).expect("write");
    one_line_error(
        &lib.run(&["annotations", "import", &unknown.to_string_lossy()]),
        &[
            "unknown.json: nothing imported",
            "https://nowhere.example/x",
        ],
    );
    one_line_error(
        &lib.run(&["annotations", "import", "/no/such/notes.json"]),
        &["/no/such/notes.json: no such file"],
    );
    one_line_error(
        &lib.run(&["annotations", "add", "999", "--quote", "Putin"]),
        &["no article with id 999"],
    );
    one_line_error(
        &lib.run(&[
            "annotations",
            "add",
            &art,
            "--quote",
            "words not in the article",
        ]),
        &["the quote is not in the article's text"],
    );
    one_line_error(
        &lib.run(&["annotations", "export", "--article", "/no/such/article.txt"]),
        &["/no/such/article.txt: no such article"],
    );
    lib.ok(&["annotations", "add", &art, "--quote", "Putin"]);
    let folder = dir.path().join("missing-folder");
    one_line_error(
        &lib.run(&[
            "annotations",
            "export",
            "-o",
            &folder.join("x.json").to_string_lossy(),
        ]),
        &["x.json: no such file"],
    );
    assert!(!folder.exists());
    assert_eq!(count(), 1, "only the one good add was written");
    assert_eq!(lib.store().integrity_check().expect("check"), "ok");
}

/// A small xorshift generator: enough randomness for kill delays, no dependency.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0x9e37_79b9, |d| d.as_nanos() as u64);
        Rng(seed | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn sigkill_during_saves_200_times_loses_no_confirmed_annotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = seed_copy(dir.path());
    let lib = Library::new(dir.path(), "lib");
    let id = lib.add_article(&article);
    let art = article.to_string_lossy().into_owned();
    let note = "Saved under fire — ملاحظة 🔥";
    let mut rng = Rng::new();
    let mut confirmed: Vec<String> = Vec::new();
    let started = std::time::Instant::now();
    for round in 0..200 {
        let mut child = lib
            .command(&[
                "annotations",
                "add",
                &art,
                "--quote",
                "mutual assistance",
                "--note",
                note,
                "--tag",
                "stress",
                "--colour",
                "2",
                "--count",
                "20",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // From before the store is open to well into the saves.
        std::thread::sleep(Duration::from_micros(rng.below(60_000)));
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().expect("reaped");
        let text = String::from_utf8_lossy(&out.stdout);
        // Only whole lines count: an id is confirmed once printed with its newline.
        let whole = match text.rfind('\n') {
            Some(i) => &text[..=i],
            None => "",
        };
        for line in whole.lines() {
            assert_eq!(line.len(), 36, "round {round}: {line:?}");
            confirmed.push(line.to_string());
        }
    }
    let store = lib.store();
    assert_eq!(store.integrity_check().expect("check"), "ok");
    let all = by_id(store.annotations(None).expect("list"));
    assert!(
        !confirmed.is_empty(),
        "some saves should finish before the kill ({:?})",
        started.elapsed()
    );
    let body = lib.body(id);
    let at = body.find("mutual assistance").expect("in text");
    let target = Target::capture(&body, at..at + "mutual assistance".len());
    for id_text in &confirmed {
        let a = all
            .get(id_text)
            .expect("every confirmed annotation is there");
        assert_eq!(a.article, id);
        assert_eq!(a.target, target);
        assert_eq!(a.note, note);
        assert_eq!(a.tags, vec!["stress"]);
        assert_eq!((a.colour, a.status), (1, Status::Anchored));
    }
    assert_eq!(
        store.entry(id).expect("entry").expect("there").notes as usize,
        all.len(),
        "the per-article count moved with every committed save"
    );
    eprintln!(
        "{} confirmed of {} saved in {:?}",
        confirmed.len(),
        all.len(),
        started.elapsed()
    );
}

#[test]
fn two_processes_adding_500_each_leave_exactly_1000() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = seed_copy(dir.path());
    let lib = Library::new(dir.path(), "lib");
    let id = lib.add_article(&article);
    let art = article.to_string_lossy().into_owned();
    let children: Vec<_> = ["first", "second"]
        .iter()
        .map(|who| {
            lib.command(&[
                "annotations",
                "add",
                &art,
                "--quote",
                "Kim Jong-un",
                "--note",
                who,
                "--count",
                "500",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
        })
        .collect();
    let mut printed: Vec<String> = Vec::new();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        assert_eq!(text.lines().count(), 500);
        printed.extend(text.lines().map(str::to_string));
    }
    let unique: HashSet<&String> = printed.iter().collect();
    assert_eq!(unique.len(), 1000, "no id printed twice");
    let store = lib.store();
    let all = store.annotations(None).expect("list");
    assert_eq!(all.len(), 1000);
    let stored: HashSet<&String> = all.iter().map(|a| &a.id).collect();
    assert_eq!(stored, unique, "none lost, none extra");
    let notes: Vec<usize> = ["first", "second"]
        .iter()
        .map(|w| all.iter().filter(|a| a.note == *w).count())
        .collect();
    assert_eq!(notes, vec![500, 500]);
    assert_eq!(store.entry(id).expect("entry").expect("there").notes, 1000);
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

#[test]
fn any_unicode_a_megabyte_note_an_empty_quote_and_a_quote_across_a_heading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = seed_copy(dir.path());
    let lib = Library::new(dir.path(), "lib");
    let id = lib.add_article(&article);
    let art = article.to_string_lossy().into_owned();

    // RTL text, a bidi override, emoji with modifiers and ZWJ, combining marks, NUL, CJK.
    let odd = "שלום עולם \u{202e}desrever\u{202c} 👩🏽‍💻🇺🇦 e\u{301}\u{0323} \0 after NUL 中文 #标签";
    let note_file = dir.path().join("note.txt");
    fs::write(&note_file, odd).expect("write");
    let odd_id = lib.ok(&[
        "annotations",
        "add",
        &art,
        "--quote",
        "Podoliak",
        "--note-file",
        &note_file.to_string_lossy(),
    ]);
    let big: String = "Ünïcödé ✓ notes, long. "
        .chars()
        .cycle()
        .take(1 << 20)
        .collect();
    assert!(big.len() > 1 << 20);
    let mut child = lib
        .command(&[
            "annotations",
            "add",
            &art,
            "--quote",
            "Ushakov",
            "--note-file",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(big.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let big_id = String::from_utf8(out.stdout).expect("UTF-8");

    let across = "subjected by Washington.\n\nAgainst US hegemony\n\nPutin I declare";
    let body = lib.body(id);
    assert!(
        body.contains(across),
        "the seed's heading sits between paragraphs"
    );
    lib.ok(&[
        "annotations",
        "add",
        &art,
        "--quote",
        across,
        "--tag",
        "heading",
    ]);

    for empty in ["", "   \n"] {
        one_line_error(
            &lib.run(&["annotations", "add", &art, "--quote", empty]),
            &["the quote is empty"],
        );
    }
    let store = lib.store();
    assert_eq!(store.annotation_count().expect("count"), 3);
    let a = store
        .annotation(odd_id.trim())
        .expect("read")
        .expect("there");
    assert_eq!(a.note, odd);
    assert_eq!(a.tags, vec!["标签"]);
    let b = store
        .annotation(big_id.trim())
        .expect("read")
        .expect("there");
    assert_eq!(b.note, big);

    // Through both exports and back into a fresh library, byte for byte.
    let file = dir.path().join("all.json");
    lib.ok(&["annotations", "export", "-o", &file.to_string_lossy()]);
    let md = lib.ok(&["annotations", "export", "--format", "markdown"]);
    assert!(md.contains(odd) && md.contains(&big.chars().take(1000).collect::<String>()));
    assert!(
        md.contains("> subjected by Washington.\n>\n> Against US hegemony\n"),
        "{}",
        &md[..200]
    );
    let fresh = Library::new(dir.path(), "fresh");
    fresh.add_article(&article);
    assert_eq!(
        fresh
            .ok(&["annotations", "import", &file.to_string_lossy()])
            .trim(),
        "imported 3 (3 anchored, 0 need review, 0 orphaned), skipped 0"
    );
    let again = by_id(fresh.store().annotations(None).expect("list"));
    for original in store.annotations(None).expect("list") {
        assert_eq!(again.get(&original.id), Some(&original));
    }
}
