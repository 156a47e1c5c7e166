//! Helpers shared by the integration tests: build an app on an article, press keys, draw.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyEvent};
use lede::article::{self, ParseMode};
use lede::config::Config;
use lede::config::keys::KeySeq;
use lede::tui::{App, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub const SEED: &str = "assets/articles/russia-north-korea-defense-pact.txt";

/// An app reading the article at `rel` (relative to the repo) with the default config,
/// its background analysis already done.
pub fn reader_app(rel: &str) -> App {
    let article = article::load(&repo_path(rel), ParseMode::Clean).expect("article loads");
    let analysis = lede::tui::first_look(&article);
    let mut app = App::with_article(Config::defaults(), article, analysis);
    for effect in app.take_effects() {
        lede::tui::perform(&mut app, effect);
    }
    app
}

/// Presses keys written as in config.toml, separated by spaces ("] ] t").
pub fn press(app: &mut App, keys: &str) {
    for press in KeySeq::parse(keys).expect("valid keys").0 {
        let event = Event::Key(KeyEvent::new(press.code, press.mods));
        if let Some(effect) = app.handle_event(&event) {
            lede::tui::perform(app, effect);
        }
        for effect in app.take_effects() {
            lede::tui::perform(app, effect);
        }
    }
}

/// Draws the app on a fresh test terminal of the given size.
pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| views::draw(app, frame))
        .expect("draw");
    terminal
}

/// The screen's rows as plain strings.
pub fn screen_rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

/// An app listing the folder at `rel`.
pub fn list_app(rel: &str) -> App {
    let dir = repo_path(rel);
    let entries = lede::folder::scan(&dir).expect("folder scans");
    // Snapshots must not depend on where the repo is checked out.
    App::with_list(
        Config::defaults(),
        lede::tui::ArticleList::new(PathBuf::from(rel), entries),
    )
}
