//! Re-anchoring accuracy and speed: ≥ 200 articles × 10 random annotations, re-anchored
//! after seeded random edits whose effect on each quote is tracked, so every result can be
//! judged against the truth; then the time to re-anchor 500 annotations on a
//! 100,000-character article.
//!
//! Articles: the bundled ones and the test fixtures, plus `../shared/corpus` when it is
//! there; from a bare checkout, paragraphs of the bundled articles are stitched into more
//! articles until there are 200. Run with `cargo bench --bench anchor`.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::time::Instant;

#[path = "anchor/edits.rs"]
mod edits;
#[path = "anchor/table.rs"]
mod table;

use lede::annotate::Target;
use lede::annotate::anchor::reanchor;

use edits::{Edit, Rng, apply, edits_inside, line_end, paragraphs, pick_quotes, typos};
use table::Table;

const ARTICLES: usize = 200;
const PER_ARTICLE: usize = 10;

fn main() {
    let (mut articles, origin) = load_articles();
    // `cargo bench` passes --bench; under `cargo test --all-targets` (a debug build) a few
    // articles check that it runs, without the timing.
    let full = std::env::args().any(|a| a == "--bench");
    if !full {
        articles.truncate(3);
    }
    println!(
        "{} articles ({origin}), {PER_ARTICLE} annotations each\n",
        articles.len()
    );
    let mut table = Table::default();
    for (n, article) in articles.iter().enumerate() {
        let mut rng = Rng::new(n as u64 + 1);
        run_article(article, &articles, &mut rng, &mut table);
    }
    table.print();
    if full {
        timing(&articles);
    }
}

const BOILERPLATE_TOP: &[&str] = &[
    "Follow us on Twitter and Facebook",
    "Share this article",
    "Advertisement",
];
const BOILERPLATE_END: &[&str] = &[
    "Follow us on Instagram for more news",
    "Subscribe to our newsletter",
    "© All rights reserved. Reproduction prohibited.",
];

fn run_article(article: &str, all: &[String], rng: &mut Rng, table: &mut Table) {
    let quotes = pick_quotes(article, 0, PER_ARTICLE, rng);
    let paras = paragraphs(article);
    // (1) unchanged, (2) typos, (3) paragraphs added, (4) paragraphs removed.
    table.run("1 unchanged", article, Vec::new(), &quotes);
    table.run(
        "2 typos outside",
        article,
        typos(article, &quotes, rng),
        &quotes,
    );
    let mut added = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let donor = &all[rng.below(all.len())];
        let dp = paragraphs(donor);
        let at = paras[rng.below(paras.len())].start;
        if dp.is_empty() || added.iter().any(|e: &Edit| e.range.start == at) {
            continue;
        }
        let with = format!("{}\n\n", &donor[dp[rng.below(dp.len())].clone()]);
        added.push(Edit {
            range: at..at,
            with,
        });
    }
    table.run("3 paragraphs added", article, added, &quotes);
    let removable: Vec<&Range<usize>> = paras
        .iter()
        .filter(|p| quotes.iter().all(|q| q.end < p.start || q.start > p.end))
        .collect();
    let mut removed: Vec<Edit> = Vec::new();
    for _ in 0..1 + rng.below(2) {
        if let Some(p) = removable.get(rng.below(removable.len()))
            && removed.iter().all(|e| e.range.start != p.start)
        {
            removed.push(Edit {
                range: p.start..line_end(article, p.end),
                with: String::new(),
            });
        }
    }
    if !removed.is_empty() {
        table.run("4a paragraphs removed", article, removed, &quotes);
    }
    // (4b) the paragraph holding one quote removed: that quote is an orphan.
    if let Some(q) = quotes.get(rng.below(quotes.len()))
        && let Some(p) = paras.iter().find(|p| p.start <= q.start && q.end <= p.end)
    {
        let cut = vec![Edit {
            range: p.start..line_end(article, p.end),
            with: String::new(),
        }];
        let inside: Vec<Range<usize>> = quotes
            .iter()
            .filter(|x| p.start <= x.start && x.end <= p.end)
            .cloned()
            .collect();
        table.run("4b quote's paragraph removed", article, cut, &inside);
    }
    // (5) boilerplate lines around the article removed on re-import.
    let top = BOILERPLATE_TOP[rng.below(BOILERPLATE_TOP.len())];
    let end = BOILERPLATE_END[rng.below(BOILERPLATE_END.len())];
    let dressed = format!("{top}\n\n{article}\n\n{end}\n");
    let body = top.len() + 2;
    let dq = pick_quotes(&dressed[..body + article.len()], body, PER_ARTICLE, rng);
    let strip = vec![
        Edit {
            range: 0..body,
            with: String::new(),
        },
        Edit {
            range: body + article.len()..dressed.len(),
            with: String::new(),
        },
    ];
    table.run("5 boilerplate removed", &dressed, strip, &dq);
    // (6–8) edits inside one quote at a time.
    for (name, lo, hi) in [
        ("6 inside 0-10%", 0.0, 0.10),
        ("7 inside 10-25%", 0.10, 0.25),
        ("8 inside >=50%", 0.50, 0.80),
    ] {
        for q in &quotes {
            let edits = edits_inside(article, q, rng.between(lo, hi), rng);
            table.run(name, article, edits, std::slice::from_ref(q));
        }
    }
}

/// 500 annotations on a 100,000-character article, after a mix of the edits above.
fn timing(articles: &[String]) {
    let mut rng = Rng::new(4242);
    let mut old = String::new();
    while old.chars().count() < 100_000 {
        old.push_str(&articles[rng.below(articles.len())]);
        old.push_str("\n\n");
    }
    let quotes = pick_quotes(&old, 0, 500, &mut rng);
    let paras = paragraphs(&old);
    let mut edits = typos(&old, &quotes, &mut rng);
    for _ in 0..5 {
        let at = paras[rng.below(paras.len())].start;
        if edits
            .iter()
            .all(|e| e.range.end < at || e.range.start > at + 200)
        {
            edits.push(Edit {
                range: at..at,
                with: "A paragraph added on re-import.\n\n".into(),
            });
        }
    }
    for q in quotes.iter().step_by(25) {
        if edits
            .iter()
            .all(|e| e.range.end < q.start || e.range.start > q.end)
        {
            edits.extend(edits_inside(&old, q, 0.05, &mut rng));
        }
    }
    let (new, _) = apply(&old, edits, &quotes);
    let targets: Vec<Target> = quotes
        .iter()
        .map(|q| Target::capture(&old, q.clone()))
        .collect();
    println!(
        "timing: {} annotations on a {}-character article (median of 9 runs)",
        targets.len(),
        old.chars().count()
    );
    for (label, given) in [
        ("with the old text", Some(old.as_str())),
        ("without the old text", None),
    ] {
        let mut times: Vec<f64> = (0..9)
            .map(|_| {
                let t0 = Instant::now();
                std::hint::black_box(reanchor(given, &new, &targets));
                t0.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!("  {label:<22} {:>8.1} ms", times[4]);
    }
}

/// Real articles first; stitched ones when a bare checkout has too few.
fn load_articles() -> (Vec<String>, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "assets/articles",
        "tests/fixtures/articles",
        "../shared/corpus",
    ] {
        collect(&root.join(dir), &mut files);
    }
    files.sort();
    let mut seen = HashSet::new();
    let mut articles: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .map(|t| t.trim().to_string())
        .filter(|t| paragraphs(t).len() >= 4 && t.len() >= 600 && seen.insert(t.clone()))
        .collect();
    let real = articles.len().min(ARTICLES);
    articles.truncate(ARTICLES);
    let pool: Vec<String> = articles
        .iter()
        .flat_map(|a| {
            paragraphs(a)
                .into_iter()
                .map(|p| a[p].to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut rng = Rng::new(7);
    while articles.len() < ARTICLES && !pool.is_empty() {
        let n = 6 + rng.below(12);
        let stitched: Vec<&str> = (0..n)
            .map(|_| pool[rng.below(pool.len())].as_str())
            .collect();
        articles.push(stitched.join("\n\n"));
    }
    let stitched = articles.len() - real;
    (
        articles,
        format!("{real} real, {stitched} stitched from their paragraphs"),
    )
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|x| x == "txt") {
            out.push(path);
        }
    }
}
