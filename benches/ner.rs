//! Entity tagging speed: tokens per second on ~100k tokens of the bundled articles, model
//! load (parse of `assets/models/ner.bin`), and the whole analysis of the seed article.

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lede::analysis::ner::model::{Model, Scratch};
use lede::analysis::ner::{self, MODEL_BYTES};
use lede::analysis::tokenize::tokenize;
use lede::article::{ParseMode, parse};

const SEED: &str = "assets/articles/2024-06-19-russia-north-korea-defense-pact.txt";

/// About 100,000 tokens: every bundled article, repeated. Each copy is its own document,
/// so the per-document caches of the tagger start cold for each one, as in the reader.
fn corpus() -> Vec<String> {
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
    let mut out = Vec::new();
    let mut n = 0;
    while n < 100_000 {
        for t in &texts {
            n += tokenize(t).len();
            out.push(t.clone());
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let model = Model::from_bytes(MODEL_BYTES).expect("model");
    let docs = corpus();
    // Per document, its lines as token lists: analysis tags block by block.
    let lines: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|text| {
            text.lines()
                .map(|l| {
                    tokenize(l)
                        .into_iter()
                        .map(|t| &l[t.range])
                        .collect::<Vec<&str>>()
                })
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect();
    let n: usize = lines.iter().flatten().map(Vec::len).sum();
    let n_tokens: usize = docs.iter().map(|d| tokenize(d).len()).sum();

    let mut g = c.benchmark_group("ner");
    g.measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("tag (features + scores + viterbi)", |b| {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        b.iter(|| {
            for doc in &lines {
                scratch.clear();
                for words in doc {
                    scratch.add_to_document(words);
                }
                for words in doc {
                    model.tag(words, &mut scratch, &mut out);
                }
            }
        })
    });
    g.throughput(Throughput::Elements(n_tokens as u64));
    g.bench_function("entities (tokenize + tag + document pass)", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(ner::entities(d));
            }
        })
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
