//! Memory of an open 10 MB article beyond the process baseline: peak resident size (Linux
//! VmHWM) after parsing, analysing and laying it out, divided by the article's size.
//! Run with `cargo bench --bench memory`.

mod support;

use lede::article::{ParseMode, parse};
use lede::tui::layout::RowMap;

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test --all-targets` this only checks that it
    // builds and starts.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let size = 10 * 1024 * 1024;
    let text = support::big_article_text(size);
    let text_bytes = text.len();
    // The source text stands for the file read from disk; what counts is what lede keeps.
    let before = peak_kib().unwrap_or(0);
    let article = parse(&text, ParseMode::Clean);
    drop(text);
    // The reader's own share: the text, its sections and its layout.
    let first = lede::tui::first_look(&article);
    let layout = RowMap::new(&article, &first, 100);
    let reader = peak_kib().unwrap_or(0);
    // Then the background analysis (entities, quotations), which the reader keeps.
    let analysis = lede::analysis::analyze(&article);
    let after = peak_kib().unwrap_or(0);
    let reader_grown = reader.saturating_sub(before) * 1024;
    println!(
        "memory/10MB reader (text, sections, layout): peak growth {:.1} MB = {:.2}x the article",
        reader_grown as f64 / 1e6,
        reader_grown as f64 / text_bytes as f64
    );
    println!(
        "memory/10MB analysis: {} entities, {} quotations",
        analysis.entities.len(),
        analysis.quotes.len()
    );
    let grown = (after.saturating_sub(before)) * 1024;
    println!(
        "memory/10MB with analysis: article {:.1} MB, {} rows, peak growth {:.1} MB = {:.2}x the article",
        text_bytes as f64 / 1e6,
        layout.len(),
        grown as f64 / 1e6,
        grown as f64 / text_bytes as f64
    );
}
