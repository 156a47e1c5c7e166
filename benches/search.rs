//! In-article search on a 10 MB article: folding the text once (when the search prompt
//! first opens), then each keystroke of an incremental search (compile the query, find
//! every match).

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use lede::article::{ParseMode, parse};
use lede::search::{Folded, Matcher};

const TEN_MB: usize = 10 * 1024 * 1024;

fn benches(c: &mut Criterion) {
    let text = support::big_article_text(TEN_MB);
    let article = parse(&text, ParseMode::Clean);
    let mut group = c.benchmark_group("search 10MB");
    group.sample_size(10);
    group.bench_function("fold the text (once per article)", |b| {
        b.iter(|| Folded::new(std::hint::black_box(&article.body)))
    });
    let folded = Folded::new(&article.body);
    // Each prefix of the query is one keystroke; the slowest are the short ones.
    for query in [
        "S",
        "Sh",
        "Shapps",
        "mutual defense",
        r"hegemon\w*",
        "pyongyang",
    ] {
        group.bench_function(format!("keystroke: {query}"), |b| {
            b.iter(|| {
                let m = Matcher::new(query).expect("query");
                m.find_all(&folded).len()
            })
        });
    }
    group.finish();
}

criterion_group!(search, benches);
criterion_main!(search);
