//! Entity tagging speed: tokens per second on ~100k tokens of the bundled articles, model
//! load (parse of `assets/models/ner.bin`), and the whole analysis of the seed article.

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lede::analysis::ner::model::{Model, Scratch};
use lede::analysis::ner::{self, MODEL_BYTES};
use lede::analysis::tokenize::tokenize;
use lede::article::{ParseMode, parse};

const SEED: &str = "assets/articles/russia-north-korea-defense-pact.txt";

/// About 100,000 tokens: every bundled article, repeated, as paragraphs.
fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    let mut out = String::new();
    while tokenize(&out).len() < 100_000 {
        for t in &texts {
            out.push_str(t);
            out.push_str("\n\n");
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let model = Model::from_bytes(MODEL_BYTES).expect("model");
    let text = corpus();
    let tokens = tokenize(&text);
    // Tag line by line, as analysis tags block by block.
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|l| {
            let base = l.as_ptr() as usize - text.as_ptr() as usize;
            tokens
                .iter()
                .filter(|t| t.range.start >= base && t.range.end <= base + l.len())
                .map(|t| &text[t.range.clone()])
                .collect()
        })
        .filter(|w: &Vec<&str>| !w.is_empty())
        .collect();
    let n: usize = lines.iter().map(Vec::len).sum();

    let mut g = c.benchmark_group("ner");
    g.measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("tag (features + scores + viterbi)", |b| {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        b.iter(|| {
            for words in &lines {
                model.tag(words, &mut scratch, &mut out);
            }
        })
    });
    g.throughput(Throughput::Elements(tokens.len() as u64));
    g.bench_function("entities (tokenize + tag + document pass)", |b| {
        b.iter(|| ner::entities(&text))
    });
    g.finish();

    let mut g = c.benchmark_group("ner-load");
    g.bench_function("parse model file", |b| {
        b.iter(|| Model::from_bytes(MODEL_BYTES).expect("model"))
    });
    let seed = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED))
        .expect("seed");
    let article = parse(&seed, ParseMode::default());
    g.bench_function("analyze seed (all layers)", |b| {
        b.iter(|| lede::analysis::analyze(&article))
    });
    g.bench_function("entities of seed", |b| {
        b.iter(|| ner::entities(&article.body))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
