//! The runtime: owns the terminal, reads events, performs effects (the store, files, the
//! browser). The terminal is restored on every exit path, panics included.

use std::io::{self, stdout};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;

use super::app::{App, Effect, HISTORY_LIMIT};
use super::prompt::PromptKind;
use super::views;
use crate::analysis::{Analysis, analyze, sections};
use crate::library::Quiet;
use crate::store::{Store, StoredArticle};

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
    let gate = Arc::new(InputGate::default());
    let reader_gate = Arc::clone(&gate);
    std::thread::spawn(move || read_input(&input, &reader_gate));
    // Problems saving on the way out: the screen is gone by then, so they go to stderr.
    let mut last_words: Vec<String> = Vec::new();
    let result = execute!(stdout(), EnableMouseCapture).and_then(|()| {
        loop {
            for effect in app.take_effects() {
                match effect {
                    Effect::EditExternally(text) => {
                        let edited = edit_externally(&mut terminal, &gate, &text);
                        app.edited_externally(edited);
                    }
                    other => start(&mut app, other, store, &tx),
                }
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
                        app.push_effect(effect);
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

/// Lets the loop stop the input thread from reading while another program (`$EDITOR`)
/// owns the terminal: it would otherwise steal that program's keys.
#[derive(Default)]
struct InputGate {
    paused: AtomicBool,
    /// Set by the input thread when it has seen `paused` and is not reading.
    idle: AtomicBool,
}

fn read_input(input: &Sender<Incoming>, gate: &InputGate) {
    loop {
        // `idle` is cleared before `paused` is looked at, so the loop never sees a stale
        // `idle` while this thread is about to read.
        gate.idle.store(false, Ordering::SeqCst);
        if gate.paused.load(Ordering::SeqCst) {
            gate.idle.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        match event::poll(Duration::from_millis(50)) {
            Ok(true) => match event::read() {
                Ok(event) => {
                    if input.send(Incoming::Terminal(event)).is_err() {
                        return;
                    }
                }
                Err(_) => return,
            },
            Ok(false) => {}
            Err(_) => return,
        }
    }
}

/// Runs `$VISUAL`/`$EDITOR` (else `vi`) on `text` in a temporary file, with the screen
/// handed over to it, and returns what it saved.
fn edit_externally(
    terminal: &mut ratatui::DefaultTerminal,
    gate: &InputGate,
    text: &str,
) -> Result<String, String> {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let path = std::env::temp_dir().join(format!("lede-note-{}.md", std::process::id()));
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    gate.paused.store(true, Ordering::SeqCst);
    while !gate.idle.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = execute!(stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = Command::new(program).args(words).arg(&path).status();
    let back = ratatui::try_init().map(|t| *terminal = t);
    let _ = execute!(stdout(), EnableMouseCapture);
    let _ = terminal.clear();
    gate.paused.store(false, Ordering::SeqCst);
    back.map_err(|e| format!("terminal: {e}"))?;
    let saved = match status {
        Ok(s) if s.success() => {
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        }
        Ok(s) => Err(format!("{program} exited with {s}; the note is unchanged")),
        Err(e) => Err(format!("cannot run {program} ($EDITOR): {e}")),
    };
    let _ = std::fs::remove_file(&path);
    saved
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
        Effect::SaveAnnotation(a) => match store.map(|s| s.put_annotation(&a)) {
            Some(Ok(())) => app.annotation_saved(*a),
            Some(Err(e)) => app.error(format!("could not save the highlight: {e}")),
            None => app.error("no library database is open".into()),
        },
        Effect::DeleteAnnotation(id) => match store.map(|s| s.delete_annotation(&id)) {
            Some(Ok(_)) => app.annotation_deleted(&id),
            Some(Err(e)) => app.error(format!("could not delete the highlight: {e}")),
            None => app.error("no library database is open".into()),
        },
        // Needs the terminal: the loop in `run` does it; without one, there is no editor.
        Effect::EditExternally(_) => {
            app.edited_externally(Err("no terminal to run $EDITOR in".into()));
        }
        Effect::Reload(id) => match store {
            Some(store) => match reload(store, id) {
                Ok(stored) => app.reloaded(stored),
                Err(e) => app.error(e),
            },
            None => app.error("no library database is open".into()),
        },
        Effect::ExportNotes { id, dir } => match store {
            Some(store) => match export_notes(store, id, dir) {
                Ok(message) => app.info(message),
                Err(e) => app.error(e),
            },
            None => app.error("no library database is open".into()),
        },
    }
}

/// Re-imports article `id`'s file (the store re-anchors its annotations) and reads the
/// article back.
fn reload(store: &Store, id: i64) -> Result<StoredArticle, String> {
    // The library row is enough to name the file: no need to read the text twice.
    let path = store
        .entry(id)
        .map_err(|e| e.to_string())?
        .map(|e| e.path)
        .ok_or_else(|| format!("no article with id {id}"))?;
    let report = crate::library::index(store, std::slice::from_ref(&path), &mut Quiet)
        .map_err(|e| e.to_string())?;
    if let Some((_, problem)) = report.problems.first() {
        return Err(format!("{}: {problem}", path.display()));
    }
    store.article(id).map_err(|e| e.to_string())
}

/// Writes article `id`'s notes as Markdown and W3C JSON files in `dir` (else the current
/// folder); says where.
fn export_notes(store: &Store, id: i64, dir: Option<PathBuf>) -> Result<String, String> {
    let count = store.annotations_of(id).map_err(|e| e.to_string())?.len();
    if count == 0 {
        return Ok("no notes to export in this article".into());
    }
    let dir = match dir {
        Some(dir) => dir,
        None => std::env::current_dir().map_err(|e| format!("the current folder: {e}"))?,
    };
    let [markdown, json] = crate::annotate::export::write_article_notes(store, id, &dir)?;
    Ok(format!(
        "exported {count} note(s) to {} and {}",
        markdown.display(),
        json.display()
    ))
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
