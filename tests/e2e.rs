//! End to end: the built binary in a real pseudo-terminal, read back through a VT100 parser.

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// A running `lede` in an 80x24 pseudo-terminal.
struct Session {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The session's own data folder (its library database), so runs never share state.
    _data: Option<tempfile::TempDir>,
}

impl Session {
    fn start(args: &[&str], rows: u16, cols: u16) -> Session {
        let data = tempfile::tempdir().expect("data folder");
        let mut s = Session::start_in(data.path(), args, rows, cols);
        s._data = Some(data);
        s
    }

    /// Starts lede with `data` as its XDG data folder (two sessions can share a library).
    fn start_in(data: &std::path::Path, args: &[&str], rows: u16, cols: u16) -> Session {
        Session::start_env(data, args, rows, cols, &[])
    }

    /// Like `start_in`, with extra environment variables (`EDITOR`).
    fn start_env(
        data: &std::path::Path,
        args: &[&str],
        rows: u16,
        cols: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_lede"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        // Keep the user's own config out of the test.
        cmd.env("XDG_CONFIG_HOME", env!("CARGO_MANIFEST_DIR"));
        cmd.env("XDG_DATA_HOME", data);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn lede");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        // Keep the master alive as long as the session by leaking it into the reader thread's
        // lifetime: dropping it would hang up the child.
        std::mem::forget(pty.master);
        Session {
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).expect("rows"),
                NonZeroU16::new(cols).expect("cols"),
                0,
            ),
            output: rx,
            writer,
            child,
            _data: None,
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Reads output until `done(screen)` holds; panics with the screen after 10 s.
    fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        self.wait_within(what, 10, done);
    }

    /// Like `wait_for` with a longer patience, for work whose duration depends on the
    /// machine (a debug build reading 50 MB while other tests run). Not a speed check.
    fn wait_within(&mut self, what: &str, secs: u64, done: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while !done(self.parser.screen()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .output
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                Ok(bytes) => self.parser.process(&bytes),
                Err(_) if Instant::now() >= deadline => panic!(
                    "timed out waiting for {what}; screen:\n{}",
                    self.parser.screen().contents()
                ),
                Err(_) => {}
            }
        }
    }

    /// The terminal is as lede found it: main screen, cursor shown, no mouse capture.
    fn assert_terminal_restored(&self) {
        let screen = self.parser.screen();
        assert!(!screen.alternate_screen(), "alternate screen left on");
        assert!(!screen.hide_cursor(), "cursor left hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
    }

    /// Processes whatever output has arrived (after a pause, so the screen is settled).
    fn drain(&mut self) {
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
            self.parser.process(&bytes);
        }
    }

    fn row(&self, row: u16) -> String {
        let screen = self.parser.screen();
        screen.contents_between(row, 0, row, screen.size().1.get())
    }

    /// Waits for the process to exit and drains its last output; returns the exit status.
    fn finish(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(300)) {
                    self.parser.process(&bytes);
                }
                return status;
            }
            assert!(Instant::now() < deadline, "lede did not exit");
            while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.parser.process(&bytes);
            }
        }
    }
}

#[test]
fn jump_to_a_section_open_contents_and_quit_restores_the_terminal() {
    let mut s = Session::start(&[common::SEED], 24, 80);
    s.wait_for("the first frame", |screen| {
        screen.contents().contains("Russia and North Korea signed")
            && screen.contents_between(23, 0, 23, 80).contains("help")
    });
    assert!(
        s.parser.screen().alternate_screen(),
        "reader uses the alternate screen"
    );

    let target = "Concern in the US and the UK";
    let mut presses = 0;
    while !s.row(0).contains(target) {
        assert!(presses < 5, "`]` never brought the heading to the top");
        // The status line is drawn last and names the section: when it has changed and is
        // complete, the whole frame is on screen.
        let before = s.row(23);
        s.send("]");
        presses += 1;
        s.wait_for("the view to move", |screen| {
            let status = screen.contents_between(23, 0, 23, 80);
            status != before && status.contains("help")
        });
    }
    assert_eq!(presses, 3, "the seed's third heading is three `]` away");
    // The frame may arrive in pieces: wait for its status line too.
    s.wait_for("the status line", |screen| {
        screen.contents_between(23, 0, 23, 80).contains("§3/3")
    });

    s.send("t");
    s.wait_for("the contents panel", |screen| {
        screen.contents().contains("Contents")
    });
    let screen = s.parser.screen().contents();
    assert!(screen.contains("Against US hegemony"), "{screen}");

    s.send("q"); // closes the panel
    s.wait_for("the panel to close", |screen| {
        !screen.contents().contains("Contents")
    });
    s.send("q"); // quits
    let status = s.finish();
    assert!(status.success(), "exit status {status:?}");
    s.assert_terminal_restored();
}

#[test]
fn library_opens_an_article_goes_back_and_reopens_where_the_reader_left() {
    let data = tempfile::tempdir().expect("data folder");
    let rows_of =
        |s: &Session| -> Vec<String> { (0..22).map(|r| s.row(r).trim_end().to_string()).collect() };
    let mut s = Session::start_in(data.path(), &["assets/articles"], 24, 80);
    s.wait_for("the library", |screen| {
        screen.contents().contains("Headline")
    });
    s.send("j");
    s.send("\r");
    s.wait_for("the reader", |screen| screen.contents().contains("% "));
    s.send("jjjjjjjjjjjj");
    s.wait_for("the view to move", |screen| {
        !screen.contents().contains("Headline")
    });
    std::thread::sleep(Duration::from_millis(300));
    s.drain();
    let left_at = rows_of(&s);
    s.send("q");
    s.wait_for("the library again", |screen| {
        screen.contents().contains("Headline")
    });
    s.send("q");
    assert!(s.finish().success());
    assert!(!s.parser.screen().alternate_screen());

    // A new run on the same library: the article opens where the reader left it.
    let mut s = Session::start_in(data.path(), &[], 24, 80);
    s.wait_for("the library", |screen| {
        screen.contents().contains("Headline")
    });
    s.send("j");
    s.send("\r");
    s.wait_for("the reader at the saved place", |screen| {
        let first = left_at
            .iter()
            .find(|l| !l.trim().is_empty())
            .cloned()
            .unwrap_or_default();
        screen.contents().contains(first.trim())
    });
    std::thread::sleep(Duration::from_millis(300));
    s.drain();
    assert_eq!(rows_of(&s)[..8], left_at[..8]);
    s.send("q");
    s.send("q");
    assert!(s.finish().success());
}

#[test]
fn bad_config_exits_2_without_touching_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("bad.toml");
    std::fs::write(&config, "[reader]\nwidth = \"wide\"\n").expect("write config");
    let config = config.to_string_lossy().into_owned();
    let mut s = Session::start(&["--config", &config, common::SEED], 24, 80);
    let status = s.finish();
    assert_eq!(status.exit_code(), 2);
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen());
    let text = screen.contents();
    assert!(text.contains(&format!("{config}:2:")), "{text}");
}

#[test]
fn a_50_megabyte_single_line_opens_at_once_and_quits_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let mut text = b"A headline\n\n".to_vec();
    while text.len() < 50 * 1024 * 1024 {
        text.extend_from_slice(b"lorem ipsum dolor sit amet consectetur ");
    }
    std::fs::write(&path, text).expect("write");
    let mut s = Session::start(&[&path.to_string_lossy()], 24, 80);
    // The first frame does not wait for the entity analysis, which runs in the background.
    s.wait_within("the first frame", 120, |screen| {
        screen.contents().contains("A headline")
            && screen.contents_between(23, 0, 23, 80).contains("help")
    });
    s.send("G");
    s.wait_within("the end", 60, |screen| {
        screen.contents_between(23, 0, 23, 80).contains("100%")
    });
    s.send("q");
    assert!(s.finish().success());
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn search_the_seed_for_shapps_and_step_through_the_matches() {
    let mut s = Session::start(&[common::SEED], 24, 80);
    s.wait_for("the first frame", |screen| {
        screen.contents().contains("Russia and North Korea signed")
            && screen.contents_between(23, 0, 23, 80).contains("help")
    });
    let status = |screen: &vt100::Screen| screen.contents_between(23, 0, 23, 80);
    s.send("/");
    s.wait_for("the prompt", |screen| status(screen).starts_with(" /"));
    s.send("Shapps");
    s.wait_for("the first match while typing", |screen| {
        status(screen).contains("/Shapps   1/2")
    });
    // The view moved to the match, which is on screen and highlighted.
    s.drain();
    let screen = s.parser.screen().contents();
    assert!(screen.contains("Shapps"), "{screen}");
    assert!(
        !screen.contains("Russia and North Korea signed"),
        "{screen}"
    );
    s.send("\r");
    s.wait_for("the kept search", |screen| {
        status(screen).contains("/Shapps 1/2")
    });
    s.send("n");
    s.wait_for("the second match", |screen| {
        status(screen).contains("/Shapps 2/2")
    });
    s.send("n");
    s.wait_for("the wrap to the first", |screen| {
        let line = status(screen);
        line.contains("back to the first") || line.contains("1/2")
    });
    s.send("N");
    s.wait_for("back to the last", |screen| {
        status(screen).contains("/Shapps 2/2") || status(screen).contains("back to the last")
    });
    s.send("q");
    let exit = s.finish();
    assert!(exit.success(), "exit status {exit:?}");
    s.assert_terminal_restored();
}

#[test]
fn library_search_opens_a_hit_and_the_history_survives_a_restart() {
    let data = tempfile::tempdir().expect("data folder");
    let status = |screen: &vt100::Screen| screen.contents_between(23, 0, 23, 80);
    let mut s = Session::start_in(data.path(), &["assets/articles"], 24, 80);
    s.wait_for("the library", |screen| {
        screen.contents().contains("Headline")
    });
    s.send("S");
    s.wait_for("the prompt", |screen| status(screen).contains("search:"));
    s.send("Shapps\r");
    s.wait_for("the results", |screen| {
        screen.contents().contains("Search: Shapps") && status(screen).contains("1 article")
    });
    s.send("\r");
    s.wait_for("the article at its first hit", |screen| {
        status(screen).contains("/shapps 2/3")
    });
    s.send("n");
    s.wait_for("the next match", |screen| {
        status(screen).contains("/shapps 3/3")
    });
    s.send("q");
    s.wait_for("the results again", |screen| {
        screen.contents().contains("Search: Shapps")
    });
    s.send("q");
    s.wait_for("the library again", |screen| {
        screen.contents().contains("Headline")
    });
    s.send("q");
    assert!(s.finish().success());

    // A new run: ↑ at the library prompt brings the query back from the store.
    let mut s = Session::start_in(data.path(), &[], 24, 80);
    s.wait_for("the library", |screen| {
        screen.contents().contains("Headline")
    });
    s.send("\x06"); // Ctrl-f
    s.wait_for("the prompt", |screen| status(screen).contains("search:"));
    s.send("\x1b[A"); // Up
    s.wait_for("the remembered query", |screen| {
        status(screen).contains("search: Shapps")
    });
    s.send("\x1b");
    s.wait_for("the prompt to close", |screen| {
        !status(screen).contains("search:")
    });
    s.send("q");
    assert!(s.finish().success());
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn highlight_a_passage_write_its_note_in_editor_and_it_is_stored() {
    let data = tempfile::tempdir().expect("data folder");
    let seed = data.path().join("seed.txt");
    std::fs::copy(common::repo_path(common::SEED), &seed).expect("copy seed");
    // A stand-in for $EDITOR: appends a line to the note file it is given.
    let editor = data.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho 'from the editor #ext' >> \"$1\"\n",
    )
    .expect("script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let seed_arg = seed.to_string_lossy().to_string();
    let editor_arg = editor.to_string_lossy().to_string();
    let mut s = Session::start_env(
        data.path(),
        &[&seed_arg],
        24,
        80,
        &[("EDITOR", &editor_arg), ("VISUAL", "")],
    );
    let status = |screen: &vt100::Screen| screen.contents_between(23, 0, 23, 80);
    s.wait_for("the first frame", |screen| {
        screen.contents().contains("Russia and North Korea signed")
    });
    s.send("/Podoliak\r");
    s.wait_for("the search", |screen| {
        status(screen).contains("/Podoliak 1/2")
    });
    s.send("v");
    s.wait_for("the selection", |screen| {
        status(screen).contains("selecting")
    });
    s.send("a");
    s.wait_for("the note editor", |screen| {
        screen.contents().contains("Note on “Podoliak”")
    });
    s.send("typed here\r");
    // Ctrl-e: the editor runs on the screen, then the box comes back with its text.
    s.send("\x05");
    s.wait_for("the note back from the editor", |screen| {
        screen.contents().contains("from the editor #ext")
    });
    s.send("\x13");
    s.wait_for("saved", |screen| {
        status(screen).contains("saved “Podoliak”")
    });
    s.send("q");
    let exit = s.finish();
    assert!(exit.success(), "exit status {exit:?}");
    s.assert_terminal_restored();

    let store = lede::store::Store::open(&data.path().join("lede/lede.db")).expect("store");
    let notes = store.annotations(None).expect("annotations");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].target.exact, "Podoliak");
    assert_eq!(notes[0].note, "typed here\nfrom the editor #ext");
    assert_eq!(notes[0].tags, ["ext"]);
}
