//! The runtime: owns the terminal, reads events, performs effects. The terminal is restored
//! on every exit path, panics included.

use std::io::{self, stdout};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;

use super::app::{App, Effect};
use super::views;
use crate::analysis::analyze;
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
    let result = execute!(stdout(), EnableMouseCapture).and_then(|()| {
        loop {
            terminal.draw(|frame| views::draw(&mut app, frame))?;
            if app.should_quit() {
                break Ok(());
            }
            let event = event::read()?;
            if let Some(effect) = app.handle_event(&event) {
                perform(&mut app, effect);
            }
        }
    });
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::try_restore()?;
    result
}

/// Performs one effect and hands the result back to the app.
pub fn perform(app: &mut App, effect: Effect) {
    match effect {
        Effect::Open(path) => match article::load(&path, ParseMode::Clean) {
            Ok(article) => {
                let analysis = analyze(&article);
                app.open(article, analysis);
            }
            Err(e) => app.error(e.to_string()),
        },
    }
}
