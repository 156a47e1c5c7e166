//! Inputs shared by the benches.

#![allow(dead_code)]

use std::path::Path;

/// A big article made by repeating the bundled corpus articles' paragraphs until `bytes`.
pub fn big_article_text(bytes: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let mut paragraphs = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("assets/articles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).expect("article");
        paragraphs.extend(text.split("\n\n").skip(1).map(str::to_owned));
    }
    let mut out = String::from("A very long article made for benchmarks\n\n");
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(paragraphs[i % paragraphs.len()].trim());
        out.push_str("\n\n");
        i += 1;
    }
    out
}
