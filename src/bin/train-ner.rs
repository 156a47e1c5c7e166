//! Trains lede's entity model from the data in `data/ner/` and writes
//! `assets/models/ner.bin`. Deterministic: the same checkout gives the same file.
//!
//! ```text
//! cargo run --release --bin train-ner [-- --epochs N] [--min-count N] [--out PATH]
//! cargo run --release --bin train-ner -- --errors FILE.conll   # the model's mistakes
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use lede::analysis::eval;
use lede::analysis::ner::gazetteer::{self, Gazetteer};
use lede::analysis::ner::{conll, train};

/// Cities beyond this rank (by population) are left out: small towns named like ordinary
/// words or people ("Of", "Mobile", "Florence") cost more than they find.
const MAX_CITIES: usize = 10_000;

/// Word forms whose score rows are precomputed in the model (the most frequent ones).
const VOCABULARY: usize = 8192;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-ner: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Non-comment lines of a gazetteer list.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn print_errors(path: &Path) -> Result<(), String> {
    let docs = conll::parse(&read(path)?)?;
    let mut counts: std::collections::BTreeMap<(bool, String, String), usize> = Default::default();
    for (text, kind, predicted) in eval::errors(lede::analysis::ner::bundled(), &docs) {
        *counts
            .entry((predicted, kind.as_str().to_string(), text))
            .or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((predicted, kind, text), n) in rows {
        let what = if predicted { "wrong" } else { "missed" };
        println!("{n:>4} {what:<6} {kind:<13} {text}");
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut cfg = train::Config::default();
    let mut out = root.join("assets/models/ner.bin");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--epochs" => {
                cfg.epochs = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--epochs needs a number")?
            }
            "--min-count" => {
                cfg.min_count = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--min-count needs a number")?
            }
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a path")?),
            "--errors" => {
                // Not training: the bundled model's most frequent mistakes on a CoNLL file.
                let path = PathBuf::from(args.next().ok_or("--errors needs a CoNLL file")?);
                return print_errors(&path);
            }
            _ => return Err(format!("unknown argument `{a}`")),
        }
    }
    let data = root.join("data/ner");
    let t0 = Instant::now();
    let g = data.join("gazetteers");
    let lists = [
        (
            gazetteer::COUNTRY,
            read(&g.join("countries.txt"))?,
            usize::MAX,
        ),
        (
            gazetteer::CITY,
            read(&g.join("cities15000.txt"))?,
            MAX_CITIES,
        ),
        (
            gazetteer::REGION,
            read(&g.join("us-states.txt"))?,
            usize::MAX,
        ),
        (
            gazetteer::REGION,
            read(&g.join("us-regions.txt"))?,
            usize::MAX,
        ),
        (
            gazetteer::REGION,
            read(&g.join("continents.txt"))?,
            usize::MAX,
        ),
        (
            gazetteer::DEMONYM,
            read(&g.join("demonyms.txt"))?,
            usize::MAX,
        ),
        (
            gazetteer::FIRST_NAME,
            read(&g.join("first-names.txt"))?,
            usize::MAX,
        ),
    ];
    let gaz = Gazetteer::build(
        lists
            .iter()
            .flat_map(|(cat, text, max)| entries(text).take(*max).map(move |e| (*cat, e))),
    );
    let mut docs = Vec::new();
    for name in ["voa-train.conll", "wikinews-train.conll"] {
        let path = data.join("silver").join(name);
        docs.extend(conll::parse(&read(&path)?).map_err(|e| format!("{name}: {e}"))?);
    }
    let dev_path = data.join("silver/wikinews-dev.conll");
    let dev = conll::parse(&read(&dev_path)?)?;
    let examples = train::examples(&docs);
    let n_tokens: usize = examples.iter().map(|e| e.words.len()).sum();
    println!(
        "train-ner: {} sentences, {} tokens; {} epochs, seed {}",
        examples.len(),
        n_tokens,
        cfg.epochs,
        cfg.seed
    );
    let mut model = train::train(&examples, gaz, cfg, &mut |epoch, model| {
        let r = eval::eval_documents(model, &dev);
        println!(
            "epoch {epoch:>2}: dev F1 person+organization+place {:.3}, all kinds {:.3}  ({:.1}s)",
            r.names().f1(),
            r.overall().f1(),
            t0.elapsed().as_secs_f64()
        );
    });
    let vocab = train::vocabulary(&examples, VOCABULARY);
    model.set_vocabulary(&vocab.iter().map(String::as_str).collect::<Vec<_>>());
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "wrote {} ({:.1} MB, {} features, {} precomputed words)",
        out.display(),
        bytes.len() as f64 / 1e6,
        model.n_features(),
        model.n_vocabulary()
    );
    let r = eval::eval_documents(&model, &dev);
    println!("{r}");
    Ok(())
}
