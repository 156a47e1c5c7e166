//! HTML article extraction scored on fixture pages (`tests/fixtures/html/`): each page is
//! imported as `lede analyze` would, and its body (headings included) is compared with the
//! true article text by word-token precision and recall (bag of lowercase words, multiset
//! overlap). The headline is compared apart: it is the title, not part of the body.
//!
//! Run with `--nocapture` to see the table.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lede::article::import::import_file;
use lede::article::{Article, BlockKind, ParseMode};
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("fixture dir")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".html").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// (precision, recall, F1) of `got` against `want`.
fn score(got: &str, want: &str) -> (f64, f64, f64) {
    let (g, w) = (tokens(got), tokens(want));
    let overlap: usize = g
        .iter()
        .map(|(t, n)| (*n).min(w.get(t).copied().unwrap_or(0)))
        .sum();
    let (gn, wn) = (g.values().sum::<usize>(), w.values().sum::<usize>());
    let p = if gn == 0 {
        0.0
    } else {
        overlap as f64 / gn as f64
    };
    let r = if wn == 0 {
        0.0
    } else {
        overlap as f64 / wn as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn import(path: &Path) -> Article {
    let (_, mut items) = import_file(path, ParseMode::Clean).expect("import");
    assert_eq!(items.len(), 1);
    items.remove(0).article
}

struct Row {
    name: String,
    p: f64,
    r: f64,
    f: f64,
}

#[test]
fn extraction_quality_on_fixture_pages() {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for name in fixtures() {
        let a = import(&dir().join(format!("{name}.html")));
        assert_eq!(a.check_blocks(), Ok(()), "{name}");
        let truth = std::fs::read_to_string(dir().join(format!("{name}.txt"))).expect("truth");
        let (headline, body) = truth.split_once("\n\n").expect("headline line");
        let (p, r, f) = score(&a.body, body);
        rows.push(Row {
            name: name.clone(),
            p,
            r,
            f,
        });

        let meta: Value = serde_json::from_str(
            &std::fs::read_to_string(dir().join(format!("{name}.json"))).expect("meta"),
        )
        .expect("meta json");
        let mut expect = |what: &str, got: Option<&str>| {
            let want = meta[what].as_str();
            if want.is_some() && got != want {
                problems.push(format!("{name}: {what} {got:?}, want {want:?}"));
            }
        };
        expect("title", Some(&a.title));
        expect("author", a.meta.author.as_deref());
        expect("site", a.meta.source.as_deref());
        expect("url", a.meta.url.as_deref());
        expect("published", a.meta.published.as_deref());
        if meta["title"].as_str().is_none() && a.title != headline {
            problems.push(format!("{name}: title {:?}", a.title));
        }
        let headings: Vec<&str> = a
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| a.block_text(b))
            .collect();
        for want in meta["headings"].as_array().into_iter().flatten() {
            let want = want.as_str().unwrap_or_default();
            if !headings.contains(&want) {
                problems.push(format!(
                    "{name}: heading {want:?} missing from {headings:?}"
                ));
            }
        }
    }
    println!(
        "{:<12} {:>9} {:>6} {:>6}",
        "fixture", "precision", "recall", "F1"
    );
    for row in &rows {
        println!(
            "{:<12} {:>9.3} {:>6.3} {:>6.3}",
            row.name, row.p, row.r, row.f
        );
    }
    let n = rows.len() as f64;
    let mean = |f: fn(&Row) -> f64| rows.iter().map(f).sum::<f64>() / n;
    let (mp, mr, mf) = (mean(|r| r.p), mean(|r| r.r), mean(|r| r.f));
    println!("{:<12} {mp:>9.3} {mr:>6.3} {mf:>6.3}", "mean");
    assert!(rows.len() >= 12, "only {} fixtures", rows.len());
    for row in &rows {
        assert!(row.f >= 0.85, "{}: F1 {:.3} below 0.85", row.name, row.f);
    }
    assert!(mf >= 0.93, "mean F1 {mf:.3} below 0.93");
    assert!(problems.is_empty(), "metadata:\n{}", problems.join("\n"));
}

#[test]
fn scorer_counts_multiset_overlap() {
    let (p, r, f) = score("a a b", "a b b c");
    assert!((p - 2.0 / 3.0).abs() < 1e-9);
    assert!((r - 0.5).abs() < 1e-9);
    assert!((f - 4.0 / 7.0).abs() < 1e-9);
}
