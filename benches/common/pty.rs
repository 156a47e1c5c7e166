#![allow(dead_code)] // each bench uses the part it needs

//! Timing a real lede (or any program) in a pseudo-terminal: from spawn, or from a key
//! press, until some text has been written to the screen.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// A program running in an 80x24 pseudo-terminal.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    seen: Vec<u8>,
}

impl Pty {
    pub fn spawn(program: &str, args: &[&str], env: &HashMap<&str, &Path>) -> (Pty, Instant) {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", env!("CARGO_MANIFEST_DIR"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let start = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        std::mem::forget(pty.master);
        (
            Pty {
                child,
                writer,
                output: rx,
                seen: Vec::new(),
            },
            start,
        )
    }

    /// Waits until `marker` has been written since the last call; the time it arrived.
    pub fn wait_for(&mut self, marker: &str) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(at) = find(&self.seen, marker.as_bytes()) {
                self.seen.drain(..at + marker.len());
                return Instant::now();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "timed out waiting for {marker:?}");
            if let Ok(bytes) = self.output.recv_timeout(left) {
                self.seen.extend_from_slice(&bytes);
            }
        }
    }

    /// Sends keys; the time they were sent.
    pub fn send(&mut self, keys: &str) -> Instant {
        self.seen.clear();
        while self.output.try_recv().is_ok() {}
        self.writer.write_all(keys.as_bytes()).expect("keys");
        self.writer.flush().expect("flush");
        Instant::now()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
