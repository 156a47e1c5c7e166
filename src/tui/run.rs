//! The runtime: owns the terminal, reads events, performs effects. The terminal is restored
//! on every exit path, panics included.

use std::io::{self, stdout};
use std::sync::mpsc::{Sender, channel};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;

use super::app::{App, Effect};
use super::views;
use crate::analysis::{Analysis, analyze, sections};
use crate::article::{self, ParseMode};

/// Runs the interactive app until it quits.
pub fn run(mut app: App) -> io::Result<()> {
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
    let result = execute!(stdout(), EnableMouseCapture).and_then(|()| {
        loop {
            for effect in app.take_effects() {
                start(&mut app, effect, &tx);
            }
            terminal.draw(|frame| views::draw(&mut app, frame))?;
            if app.should_quit() {
                break Ok(());
            }
            match rx.recv() {
                Ok(Incoming::Terminal(event)) => {
                    if let Some(effect) = app.handle_event(&event) {
                        start(&mut app, effect, &tx);
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
    result
}

enum Incoming {
    Terminal(Event),
    Analysed(u64, Analysis),
}

/// Starts one effect: reading a file is quick and done here; analysis goes to a thread.
fn start(app: &mut App, effect: Effect, tx: &Sender<Incoming>) {
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
        other => perform(app, other),
    }
}

/// Performs one effect to completion on this thread (tests and scripted use) and hands the
/// result back to the app, including the analyses it queues.
pub fn perform(app: &mut App, effect: Effect) {
    match effect {
        Effect::Open(path) => match article::load(&path, ParseMode::Clean) {
            Ok(article) => {
                let analysis = first_look(&article);
                app.open(article, analysis);
            }
            Err(e) => app.error(e.to_string()),
        },
        Effect::Analyse {
            generation,
            article,
        } => app.analysed(generation, analyze(&article)),
    }
}

/// What the first frame needs: the sections (cheap); entities and quotations follow.
pub fn first_look(article: &crate::article::Article) -> Analysis {
    Analysis {
        sections: sections::detect(article),
        ..Analysis::default()
    }
}
