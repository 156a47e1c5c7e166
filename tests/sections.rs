//! Section detection scored against the fixture truth (`tests/fixtures/sections/truth.json`),
//! plus the seed's exact headings and the false-positive rate on Wikinews articles that have
//! no sub-headings. Run with `--nocapture` to see every miss and false alarm.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lede::analysis::sections::detect;
use lede::article::{Article, ParseMode, load};

/// Floors a little under what the detector achieves (see the printed report), so a
/// regression fails but an unrelated tweak does not.
const MIN_PRECISION: f64 = 0.90;
const MIN_RECALL: f64 = 0.80;
/// Share of heading-less Wikinews articles allowed to get any heading at all.
const MAX_WIKINEWS_FALSE_POSITIVE_RATE: f64 = 0.01;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn truth() -> BTreeMap<String, Vec<String>> {
    let path = root().join("tests/fixtures/sections/truth.json");
    let text = std::fs::read_to_string(&path).expect("truth.json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    serde_json::from_value(value["headings"].clone()).expect("headings map")
}

fn headings(article: &Article) -> Vec<String> {
    detect(article)
        .iter()
        .map(|s| article.body[s.heading.clone()].to_string())
        .collect()
}

/// Layout-independent invariants of a cleaned article.
fn assert_invariants(name: &str, article: &Article) {
    if let Err(problem) = article.check_blocks() {
        panic!("{name}: {problem}");
    }
    let joined: Vec<&str> = article
        .blocks
        .iter()
        .map(|b| article.block_text(b))
        .collect();
    assert_eq!(article.body, joined.join("\n\n"), "{name}: body != blocks");
    let sections = detect(article);
    for pair in sections.windows(2) {
        assert_eq!(
            pair[0].end,
            pair[1].start(),
            "{name}: sections not contiguous"
        );
    }
    if let Some(last) = sections.last() {
        assert_eq!(last.end, article.body.len());
    }
}

#[test]
fn seed_headings_are_exact() {
    let article = load(
        &root().join("assets/articles/2024-06-19-russia-north-korea-defense-pact.txt"),
        ParseMode::Clean,
    )
    .expect("seed loads");
    assert_invariants("seed", &article);
    assert_eq!(
        headings(&article),
        [
            "Against US hegemony",
            "“Russia and Korea do not accept blackmail”",
            "Concern in the US and the UK"
        ]
    );
}

#[test]
fn fixtures_precision_and_recall() {
    let dir = root().join("tests/fixtures/articles");
    let truth = truth();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (name, expected) in &truth {
        let article = load(&dir.join(name), ParseMode::Clean).expect("fixture loads");
        assert_invariants(name, &article);
        let found = headings(&article);
        let hits = found.iter().filter(|h| expected.contains(h)).count();
        let false_alarms: Vec<&String> = found.iter().filter(|h| !expected.contains(h)).collect();
        let misses: Vec<&String> = expected.iter().filter(|h| !found.contains(h)).collect();
        if !false_alarms.is_empty() || !misses.is_empty() {
            println!("{name}: false alarms {false_alarms:?}, missed {misses:?}");
        }
        tp += hits;
        fp += false_alarms.len();
        fn_ += misses.len();
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "{} fixtures: tp {tp} fp {fp} fn {fn_}: precision {precision:.3}, recall {recall:.3}",
        truth.len()
    );
    assert!(precision >= MIN_PRECISION, "precision {precision:.3}");
    assert!(recall >= MIN_RECALL, "recall {recall:.3}");
}

#[test]
fn every_fixture_has_truth() {
    let truth = truth();
    let dir = root().join("tests/fixtures/articles");
    for sub in ["gum", "wikinews", "own"] {
        for entry in std::fs::read_dir(dir.join(sub)).expect("fixture dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = format!(
                    "{sub}/{}",
                    path.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                );
                assert!(truth.contains_key(&name), "{name} missing from truth.json");
            }
        }
    }
}

/// The shared Wikinews sample (367 articles, none with sub-headings) lives next to the repo.
#[test]
fn wikinews_false_positive_rate() {
    let dir = root().join("../shared/corpus/wikinews");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("note: {} absent, skipping", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut with_headings = 0;
    for path in &paths {
        let article = load(path, ParseMode::Clean).expect("article loads");
        let name = display(path);
        assert_invariants(&name, &article);
        let found = headings(&article);
        if !found.is_empty() {
            with_headings += 1;
            println!("{name}: false headings {found:?}");
        }
    }
    let rate = with_headings as f64 / paths.len().max(1) as f64;
    println!(
        "wikinews: {with_headings} of {} articles got a heading (rate {rate:.4})",
        paths.len()
    );
    assert!(rate <= MAX_WIKINEWS_FALSE_POSITIVE_RATE, "rate {rate:.4}");
}

fn display(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}
