//! The library at scale: a synthetic library made by recombining the bundled Wikinews
//! corpus (headline of one article, paragraphs of others), written to a temporary folder.
//!
//! Figures (medians of several runs, printed as a table):
//! - first index of 10,000 articles: articles/s and MB/s;
//! - re-index of 100,000 unchanged articles;
//! - listing 100,000 entries from the store (what the library screen loads first);
//! - opening one stored article (text + cached analysis + position).
//!
//! `cargo bench --bench library` runs it at full size (several minutes, ~500 MB of
//! temporary files). Under `cargo test --all-targets` it runs at a tiny size, as a check.
//! `LEDE_KEEP_DB=PATH` keeps a copy of the big library's database for experiments.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::collections::HashMap;

use lede::analysis::analyze;
use lede::library::{Quiet, index};
use lede::store::Store;

#[path = "common/pty.rs"]
mod pty;
use pty::Pty;

const CORPUS: &str = "../shared/corpus/wikinews";
const BUNDLED: &str = "assets/articles";

/// Paragraph-separated articles to recombine.
fn sources() -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = [root.join(CORPUS), root.join(BUNDLED)]
        .into_iter()
        .find(|d| d.is_dir())
        .expect("a corpus folder");
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let text = fs::read_to_string(&path).unwrap_or_default();
        let mut parts = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
        let Some(headline) = parts.next() else {
            continue;
        };
        let paragraphs: Vec<String> = parts.map(str::to_string).collect();
        if !paragraphs.is_empty() {
            out.push((headline.to_string(), paragraphs));
        }
    }
    out
}

/// Writes `n` articles under `root`, 1,000 per folder, with dated names. Deterministic.
fn generate(root: &Path, n: usize, sources: &[(String, Vec<String>)]) -> u64 {
    let mut bytes = 0;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..n {
        let dir = root.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&dir).expect("mkdir");
        }
        let (headline, _) = &sources[i % sources.len()];
        let mut text = format!("{headline} ({i})\n\n");
        let paragraphs = 4 + (next() % 12) as usize;
        for _ in 0..paragraphs {
            let (_, ps) = &sources[(next() as usize) % sources.len()];
            text.push_str(&ps[(next() as usize) % ps.len()]);
            text.push_str("\n\n");
        }
        let date = format!(
            "20{:02}-{:02}-{:02}",
            5 + i % 20,
            1 + (i / 20) % 12,
            1 + (i / 240) % 28
        );
        let path = dir.join(format!("{date}-story-{i:06}.txt"));
        bytes += text.len() as u64;
        fs::write(path, text).expect("write");
    }
    bytes
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (first_n, big_n, runs) = if full {
        (10_000, 100_000, 3)
    } else {
        (200, 500, 1)
    };
    let sources = sources();
    let tmp = tempfile::tempdir().expect("tempdir");

    // First index of `first_n` articles, each run into a fresh database.
    let small = tmp.path().join("small");
    let bytes = generate(&small, first_n, &sources);
    let mut times = Vec::new();
    for run in 0..runs {
        let db = tmp.path().join(format!("first-{run}.db"));
        let store = Store::open(&db).expect("store");
        let start = Instant::now();
        let report = index(&store, std::slice::from_ref(&small), &mut Quiet).expect("index");
        times.push(start.elapsed());
        assert_eq!(report.added, first_n);
    }
    let t = median(times).as_secs_f64();
    println!(
        "first index, {first_n} articles ({:.1} MB): median {:.2} s = {:.0} articles/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        t,
        first_n as f64 / t,
        bytes as f64 / 1e6 / t
    );

    // The big library: indexed once, then re-indexed with nothing changed.
    let big = tmp.path().join("big");
    generate(&big, big_n, &sources);
    let db = tmp.path().join("big.db");
    let mut store = Store::open(&db).expect("store");
    let start = Instant::now();
    index(&store, std::slice::from_ref(&big), &mut Quiet).expect("index");
    println!(
        "first index, {big_n} articles: {:.1} s",
        start.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    for _ in 0..runs.max(3) {
        let store = Store::open(&db).expect("store");
        let start = Instant::now();
        let report = index(&store, std::slice::from_ref(&big), &mut Quiet).expect("index");
        times.push(start.elapsed());
        assert_eq!(report.unchanged, big_n);
    }
    println!(
        "re-index, {big_n} unchanged articles: median {:.0} ms",
        median(times).as_secs_f64() * 1e3
    );

    // Listing the whole library (the library screen's first query).
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let entries = Store::open(&db)
            .and_then(|s| s.entries_brief(None))
            .expect("entries");
        times.push(start.elapsed());
        assert_eq!(entries.len(), big_n);
    }
    println!(
        "open store + list {big_n} entries (what the screen loads): median {:.0} ms",
        median(times).as_secs_f64() * 1e3
    );

    // Opening stored articles with a cached analysis.
    let entries = store.entries(None).expect("entries");
    let picks: Vec<i64> = (0..50)
        .map(|k| entries[(k * 7919) % entries.len()].id)
        .collect();
    for &id in &picks {
        let stored = store.article(id).expect("article");
        let analysis = analyze(&stored.article);
        store
            .put_analysis(id, &stored.content_hash, &analysis)
            .expect("cache");
    }
    let mut times = Vec::new();
    for &id in &picks {
        let start = Instant::now();
        let stored = store.article(id).expect("article");
        times.push(start.elapsed());
        assert!(stored.analysis.is_some());
    }
    println!(
        "read one stored article with cached analysis: median {:.2} ms",
        median(times).as_secs_f64() * 1e3
    );
    search_figures(&mut store, &big, big_n);
    drop(store);
    if let Ok(keep) = std::env::var("LEDE_KEEP_DB") {
        std::fs::copy(&db, keep).expect("keep db");
    }
    pty_figures(&db, big_n);
}

/// Library search (FTS5, best 20) against `rg -c` over the same files as plain text, in the
/// same run. The queries are one word, a phrase, a prefix and a conjunction. Each is timed
/// ranked on one thread and as lede runs it (split over the cores), turn about, so the
/// machine's noise falls on both alike.
fn search_figures(store: &mut Store, dir: &Path, big_n: usize) {
    let queries: [(&str, &[&str]); 4] = [
        ("police", &["-i", "police"]),
        ("\"prime minister\"", &["-i", "prime minister"]),
        ("hegemon*", &["-i", "hegemon"]),
        (
            "election AND fraud",
            &["-i", "election.*fraud|fraud.*election"],
        ),
    ];
    let rg = std::process::Command::new("rg")
        .arg("--version")
        .output()
        .is_ok();
    for (query, rg_args) in queries {
        let (mut one, mut split) = (Vec::new(), Vec::new());
        let mut found = 0;
        for _ in 0..15 {
            for (threads, times) in [(Some(1), &mut one), (None, &mut split)] {
                store.set_query_threads(threads);
                let start = Instant::now();
                found = store.search(query, 20).expect("search").len();
                times.push(start.elapsed());
            }
        }
        let fts = median(split);
        let mut line = format!(
            "library search {query:?}, {big_n} articles: median {:.1} ms ({found} shown; \
             one thread {:.1} ms)",
            fts.as_secs_f64() * 1e3,
            median(one).as_secs_f64() * 1e3
        );
        if rg {
            let mut times = Vec::new();
            for _ in 0..3 {
                let start = Instant::now();
                let out = std::process::Command::new("rg")
                    .arg("-c")
                    .args(rg_args)
                    .arg(dir)
                    .output()
                    .expect("rg runs");
                times.push(start.elapsed());
                assert!(out.status.success() || out.status.code() == Some(1));
            }
            let rg_time = median(times);
            line.push_str(&format!(
                "; rg -c: {:.0} ms; ratio {:.0}x",
                rg_time.as_secs_f64() * 1e3,
                rg_time.as_secs_f64() / fts.as_secs_f64()
            ));
        }
        println!("{line}");
    }
}

/// The real binary on the big library in a pseudo-terminal: start to the first library
/// frame, then `Enter` to the reader's first frame (the analysis of the first entry was
/// cached above only if it was picked; the reader shows sections first either way).
fn pty_figures(db: &Path, big_n: usize) {
    let db = db.to_string_lossy().into_owned();
    let mut starts = Vec::new();
    let mut opens = Vec::new();
    let empty = HashMap::new();
    for _ in 0..5 {
        let (mut lede, start) = Pty::spawn(env!("CARGO_BIN_EXE_lede"), &["--db", &db], &empty);
        starts.push(lede.wait_for(" articles") - start);
        let sent = lede.send("\r");
        // The reader's status shows progress ("lead · 0%"); the unread library shows no "%".
        opens.push(lede.wait_for("%") - sent);
    }
    println!(
        "lede start to first library frame, {big_n} articles: median {:.0} ms",
        median(starts).as_secs_f64() * 1e3
    );
    println!(
        "open an article from the list to its first frame: median {:.1} ms",
        median(opens).as_secs_f64() * 1e3
    );
}
