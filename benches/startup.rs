//! Whole process: `lede FILE` started in a pseudo-terminal until its first frame (the
//! headline) is on screen. Includes process start, config, reading, analysis and drawing.

use std::io::Read;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const SEED: &str = "assets/articles/russia-north-korea-defense-pact.txt";

/// Starts `program` on the seed and returns the time until the headline has been written.
fn first_frame(program: &str) -> Duration {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(program);
    cmd.arg(SEED);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if seen.windows(8).any(|w| w == b"Pyongang") {
                let _ = tx.send(());
                break;
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("first frame");
    let elapsed = start.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    elapsed
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("lede seed to first frame", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| first_frame(env!("CARGO_BIN_EXE_lede")))
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
            b.iter_custom(|iters| (0..iters).map(|_| first_frame("less")).sum())
        });
    }
    group.finish();
}

criterion_group!(startup, bench);
criterion_main!(startup);
