//! Whole process: `lede FILE` started in a pseudo-terminal until its first frame (the
//! headline) is on screen. Includes process start, config, the store (a stat to see the
//! file is unchanged, then its text read back), sections and drawing.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/pty.rs"]
mod pty;
use pty::Pty;

const SEED: &str = "assets/articles/2024-06-19-russia-north-korea-defense-pact.txt";

/// Starts `program` on the seed and returns the time until the headline has been written.
fn first_frame(program: &str, data: &Path) -> Duration {
    let env = HashMap::from([("XDG_DATA_HOME", data)]);
    let (mut pty, start) = Pty::spawn(program, &[SEED], &env);
    pty.wait_for("Pyongang") - start
}

fn bench(c: &mut Criterion) {
    // lede's library lives here; the seed is indexed by the first run, then each start
    // finds it unchanged (one stat) and reads it back from the store.
    let data = tempfile::tempdir().expect("data folder");
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("lede seed to first frame", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| first_frame(env!("CARGO_BIN_EXE_lede"), data.path()))
                .sum()
        })
    });
    // The baseline a reader would otherwise use: `less` showing the same file.
    if std::process::Command::new("less")
        .arg("--version")
        .output()
        .is_ok()
    {
        group.bench_function("less seed to first frame (baseline)", |b| {
            b.iter_custom(|iters| (0..iters).map(|_| first_frame("less", data.path())).sum())
        });
    }
    group.finish();
}

criterion_group!(startup, bench);
criterion_main!(startup);
