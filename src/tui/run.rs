//! The runtime: owns the terminal, reads events, performs effects (the store, files, the
//! browser). The terminal is restored on every exit path, panics included.

use std::io::{self, stdout};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Sender, channel};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;

use super::app::{App, Effect, HISTORY_LIMIT};
use super::prompt::PromptKind;
use super::views;
use crate::analysis::{Analysis, analyze, sections};
use crate::store::Store;

/// Runs the interactive app until it quits. With a `store`, articles opened from the
/// library are read from it, and reading positions and analyses are saved to it.
pub fn run(mut app: App, store: Option<Store>) -> io::Result<()> {
    let store = store.as_ref();
    if let Some(store) = store {
        load_histories(&mut app, store);
    }
    let mut terminal = ratatui::try_init()?;
    // ratatui's hook restores the screen; mouse capture must be undone too, or the shell
    // prints escape codes for every mouse move after a panic.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    // One queue for key/mouse/resize events and finished background analyses, so the
    // loop sleeps until either arrives.
    let (tx, rx) = channel();
    let input = tx.clone();
    std::thread::spawn(move || {
        while let Ok(event) = event::read() {
            if input.send(Incoming::Terminal(event)).is_err() {
                break;
            }
        }
    });
    // Problems saving on the way out: the screen is gone by then, so they go to stderr.
    let mut last_words: Vec<String> = Vec::new();
    let result = execute!(stdout(), EnableMouseCapture).and_then(|()| {
        loop {
            for effect in app.take_effects() {
                start(&mut app, effect, store, &tx);
            }
            if app.should_quit() {
                if let Some(m) = app.message.as_ref().filter(|m| m.is_error) {
                    last_words.push(m.text.clone());
                }
                break Ok(());
            }
            terminal.draw(|frame| views::draw(&mut app, frame))?;
            match rx.recv() {
                Ok(Incoming::Terminal(event)) => {
                    if let Some(effect) = app.handle_event(&event) {
                        start(&mut app, effect, store, &tx);
                    }
                }
                Ok(Incoming::Analysed(generation, analysis)) => {
                    app.analysed(generation, analysis);
                }
                Err(_) => break Ok(()),
            }
        }
    });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::try_restore()?;
    for words in last_words {
        eprintln!("lede: {words}");
    }
    result
}

enum Incoming {
    Terminal(Event),
    Analysed(u64, Analysis),
}

/// Starts one effect: reading and writing the store is quick and done here; analysis goes
/// to a thread.
fn start(app: &mut App, effect: Effect, store: Option<&Store>, tx: &Sender<Incoming>) {
    match effect {
        Effect::Analyse {
            generation,
            article,
        } => {
            let tx = tx.clone();
            std::thread::spawn(move || {
                let analysis = analyze(&article);
                let _ = tx.send(Incoming::Analysed(generation, analysis));
            });
        }
        other => perform(app, other, store),
    }
}

/// Performs one effect to completion on this thread (tests and scripted use) and hands the
/// result back to the app. Store problems become a one-line error in the status line.
pub fn perform(app: &mut App, effect: Effect, store: Option<&Store>) {
    match effect {
        Effect::Analyse {
            generation,
            article,
        } => app.analysed(generation, analyze(&article)),
        Effect::Load(id) => match store.map(|s| s.article(id)) {
            Some(Ok(stored)) => app.open_stored(stored),
            Some(Err(e)) => app.error(e.to_string()),
            None => app.error("no library database is open".into()),
        },
        Effect::SaveAnalysis {
            id,
            content_hash,
            analysis,
        } => {
            if let Some(Err(e)) = store.map(|s| s.put_analysis(id, &content_hash, &analysis)) {
                app.error(format!("could not keep the analysis: {e}"));
            }
        }
        Effect::SavePosition { id, position } => {
            if let Some(Err(e)) = store.map(|s| s.put_position(id, position)) {
                app.error(format!("could not save the reading position: {e}"));
            }
        }
        Effect::OpenUrl(url) => {
            if let Err(e) = open_url(&url) {
                app.error(e);
            }
        }
        Effect::SearchLibrary(query) => match store.map(|s| s.search(&query, SEARCH_LIMIT)) {
            Some(result) => app.searched(query, result.map_err(|e| e.to_string())),
            None => app.error("no library database is open".into()),
        },
        Effect::SaveHistory { kind, query } => {
            if let Some(Err(e)) = store.map(|s| s.push_history(kind.name(), &query)) {
                app.error(format!("could not keep the search in the history: {e}"));
            }
        }
    }
}

/// Library search results listed at most.
const SEARCH_LIMIT: usize = 50;

/// Gives the app the search histories kept in the store (a problem is a status message).
pub fn load_histories(app: &mut App, store: &Store) {
    for kind in [PromptKind::Article, PromptKind::Library] {
        match store.history(kind.name(), HISTORY_LIMIT) {
            Ok(queries) => app.set_history(kind, queries),
            Err(e) => app.error(format!("could not read the search history: {e}")),
        }
    }
}

/// Opens `url` with `$BROWSER` (the first of a `:`-separated list; `%s` in it stands for
/// the address, else the address is appended), detached: lede never waits for it.
fn open_url(url: &str) -> Result<(), String> {
    let browser = std::env::var("BROWSER").unwrap_or_default();
    let command = browser.split(':').map(str::trim).find(|c| !c.is_empty());
    let Some(command) = command else {
        return Err(format!("$BROWSER is not set, so {url} cannot be opened"));
    };
    let mut words = command.split_whitespace();
    let program = words.next().unwrap_or(command);
    let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
    if !command.contains("%s") {
        args.push(url.to_string());
    }
    let mut cmd = Command::new(program);
    cmd.args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        // Its own process group: keys typed in lede's terminal never reach it.
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run $BROWSER ({program}): {e}"))?;
    // Reap it whenever it exits, without waiting here.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// What the first frame needs: the sections (cheap); entities and quotations follow.
pub fn first_look(article: &crate::article::Article) -> Analysis {
    Analysis {
        sections: sections::detect(article),
        ..Analysis::default()
    }
}
