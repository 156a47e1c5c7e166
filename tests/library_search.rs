//! Library search (FTS5): ranking, phrases, prefixes, operators, accents, re-indexing.

use std::fs;
use std::path::{Path, PathBuf};

use lede::library::{Quiet, index};
use lede::store::Store;

struct Lib {
    _dir: tempfile::TempDir,
    root: PathBuf,
    store: Store,
}

fn write(root: &Path, name: &str, text: &str) {
    fs::write(root.join(name), text).expect("write");
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("news");
    fs::create_dir(&root).expect("mkdir");
    write(
        &root,
        "pact.txt",
        "Russia and North Korea sign mutual defense pact\n\nThe treaty foresees mutual \
         assistance. Putin spoke against US hegemony.",
    );
    write(
        &root,
        "defense-budget.txt",
        "Budget talks\n\nThe mutual fund industry and the defense budget were discussed. \
         Defense again, and defense once more, defense.",
    );
    write(
        &root,
        "kyiv.txt",
        "Zelensky adviser speaks\n\nMikhaílo Podoliak said the hegemonic practices must end.",
    );
    let store = Store::open(&dir.path().join("lede.db")).expect("store");
    index(&store, std::slice::from_ref(&root), &mut Quiet).expect("index");
    Lib {
        _dir: dir,
        root,
        store,
    }
}

fn titles(lib: &Lib, query: &str) -> Vec<String> {
    lib.store
        .search(query, 10)
        .expect("search")
        .into_iter()
        .map(|h| h.headline)
        .collect()
}

#[test]
fn headline_hits_rank_first() {
    let lib = lib();
    // "defense" is in one headline once, and four times in another article's body.
    let found = titles(&lib, "defense");
    assert_eq!(found[0], "Russia and North Korea sign mutual defense pact");
    assert_eq!(found.len(), 2);
}

#[test]
fn phrases_prefixes_and_operators() {
    let lib = lib();
    assert_eq!(
        titles(&lib, "\"mutual defense\""),
        ["Russia and North Korea sign mutual defense pact"]
    );
    let mut hegemon = titles(&lib, "hegemon*");
    hegemon.sort();
    assert_eq!(
        hegemon,
        [
            "Russia and North Korea sign mutual defense pact",
            "Zelensky adviser speaks"
        ]
    );
    assert_eq!(
        titles(&lib, "hegemon* NOT putin"),
        ["Zelensky adviser speaks"]
    );
    assert_eq!(titles(&lib, "budget OR zelensky").len(), 2);
}

#[test]
fn accents_and_case_do_not_matter() {
    let lib = lib();
    assert_eq!(titles(&lib, "MIKHAILO"), ["Zelensky adviser speaks"]);
    assert_eq!(titles(&lib, "mikhaílo"), ["Zelensky adviser speaks"]);
}

#[test]
fn hits_carry_snippets_and_body_offsets() {
    let lib = lib();
    let hits = lib.store.search("podoliak", 10).expect("search");
    let hit = &hits[0];
    let body = lib.store.article(hit.id).expect("article").article.body;
    assert_eq!(hit.body_hits.len(), 1);
    assert_eq!(&body[hit.body_hits[0].clone()], "Podoliak");
    assert_eq!(&hit.snippet[hit.snippet_hits[0].clone()], "Podoliak");
    assert!(hit.score > 0.0);
}

#[test]
fn edits_are_reindexed() {
    let lib = lib();
    assert!(titles(&lib, "armistice").is_empty());
    // Same size would not be noticed by size alone; mtime moves too.
    write(
        &lib.root,
        "kyiv.txt",
        "Zelensky adviser speaks\n\nAn armistice was proposed.",
    );
    index(&lib.store, std::slice::from_ref(&lib.root), &mut Quiet).expect("reindex");
    assert_eq!(titles(&lib, "armistice"), ["Zelensky adviser speaks"]);
    assert!(titles(&lib, "podoliak").is_empty());
}

#[test]
fn odd_input_is_searched_or_refused_in_one_line() {
    let lib = lib();
    assert_eq!(titles(&lib, "Jong-un").len(), 0);
    assert!(titles(&lib, "   ").is_empty());
    match lib.store.search("putin AND", 10) {
        Ok(hits) => assert!(hits.is_empty()),
        Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
    }
}

#[test]
fn history_is_kept_most_recent_last_without_duplicates() {
    let lib = lib();
    for q in ["putin", "kim", "putin", "treaty"] {
        lib.store.push_history("article", q).expect("push");
    }
    lib.store.push_history("library", "other").expect("push");
    assert_eq!(
        lib.store.history("article", 10).expect("history"),
        ["kim", "putin", "treaty"]
    );
    assert_eq!(
        lib.store.history("article", 2).expect("history"),
        ["putin", "treaty"]
    );
}

#[test]
fn ranking_split_over_threads_matches_one_thread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("news");
    fs::create_dir(&root).expect("mkdir");
    // Articles whose scores differ (how often a word comes and how long the text is), so
    // the best 5 of 40 are spread over every id range.
    let words = ["police", "court", "minister", "storm"];
    for k in 0..40 {
        let hits = (k * 7) % 5 + 1;
        let filler = "and more words ".repeat((k * 13) % 9 + 1);
        let word = words[k % words.len()];
        let body = format!("{}{filler}end.", format!("{word} said ").repeat(hits));
        write(
            &root,
            &format!("a{k:02}.txt"),
            &format!("Report {k}\n\n{body}"),
        );
    }
    let mut store = Store::open(&dir.path().join("lede.db")).expect("store");
    index(&store, std::slice::from_ref(&root), &mut Quiet).expect("index");
    for query in [
        "police",
        "police OR court",
        "\"minister said\"",
        "sto*",
        "said",
    ] {
        // 5 hits: snippets on one thread; 30: snippets split over the threads too.
        for limit in [5, 30] {
            store.set_query_threads(Some(1));
            let one = store.search(query, limit).expect("search");
            for threads in [2, 3, 4] {
                store.set_query_threads(Some(threads));
                let split = store.search(query, limit).expect("search");
                let key = |hits: &[lede::store::SearchHit]| -> Vec<(i64, i64, String)> {
                    hits.iter()
                        .map(|h| (h.id, (h.score * 1e9).round() as i64, h.snippet.clone()))
                        .collect()
                };
                assert_eq!(key(&split), key(&one), "{query:?} on {threads} threads");
                assert_eq!(split.len(), limit.min(one.len()));
            }
        }
    }
}

#[test]
fn the_search_command_prints_ranked_hits_json_lines_or_says_nothing_matched() {
    use lede::library::commands::run_search;
    let lib = lib();
    let text = |query: &str, json: bool| {
        let mut out = Vec::new();
        run_search(&lib.store, query, json, 10, &mut out)
            .map(|()| String::from_utf8(out).expect("utf-8"))
    };
    let plain = text("hegemon*", false).expect("search");
    assert!(plain.starts_with("  1. "), "{plain}");
    assert!(
        plain.contains("pact.txt") && plain.contains("kyiv.txt"),
        "{plain}"
    );
    let json = text("podoliak", true).expect("search");
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 1, "{json}");
    assert_eq!(
        text("zzzunknown", false).expect("search"),
        "no article matches \"zzzunknown\"\n"
    );
    assert_eq!(text("zzzunknown", true).expect("search"), "");
    let err = text("AND", false).expect_err("bad query");
    assert!(
        err.starts_with("search \"AND\"") && !err.contains('\n'),
        "{err}"
    );
}
