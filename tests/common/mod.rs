//! Helpers shared by the integration tests: build an app on an article, press keys, draw.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyEvent};
use lede::article::{self, ParseMode};
use lede::config::Config;
use lede::config::keys::KeySeq;
use lede::store::{LibraryEntry, ReadState, Store};
use lede::tui::{App, Effect, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub const SEED: &str = "assets/articles/2024-06-19-russia-north-korea-defense-pact.txt";

/// An app reading the article at `rel` (relative to the repo) with the default config,
/// its background analysis already done.
pub fn reader_app(rel: &str) -> App {
    let article = article::load(&repo_path(rel), ParseMode::Clean).expect("article loads");
    let analysis = lede::tui::first_look(&article);
    let mut app = App::with_article(Config::defaults(), article, analysis);
    for effect in app.take_effects() {
        lede::tui::perform(&mut app, effect, None);
    }
    app
}

/// Presses keys written as in config.toml, separated by spaces ("] ] t"), performing the
/// effects they queue without a store. Returns the browser launches asked for (never
/// performed in tests).
pub fn press(app: &mut App, keys: &str) -> Vec<String> {
    press_with(app, None, keys)
}

/// Like [`press`], with the store the effects read and write.
pub fn press_with(app: &mut App, store: Option<&Store>, keys: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for press in KeySeq::parse(keys).expect("valid keys").0 {
        let event = Event::Key(KeyEvent::new(press.code, press.mods));
        let first = app.handle_event(&event);
        settle(app, store, first, &mut urls);
    }
    urls
}

/// Performs `first` and every effect queued after it, until none is left.
pub fn settle(app: &mut App, store: Option<&Store>, first: Option<Effect>, urls: &mut Vec<String>) {
    let mut queue: Vec<Effect> = first.into_iter().collect();
    loop {
        queue.extend(app.take_effects());
        if queue.is_empty() {
            break;
        }
        for effect in std::mem::take(&mut queue) {
            match effect {
                Effect::OpenUrl(url) => urls.push(url),
                other => lede::tui::perform(app, other, store),
            }
        }
    }
}

/// Types `text` character by character (at the filter prompt).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = crossterm::event::KeyCode::Char(c);
        let event = Event::Key(KeyEvent::new(code, crossterm::event::KeyModifiers::NONE));
        let first = app.handle_event(&event);
        settle(app, None, first, &mut Vec::new());
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

/// A store in `dir` holding the articles of the folder `rel` (relative to the repo).
pub fn store_with(dir: &Path, rel: &str) -> Store {
    let store = Store::open(&dir.join("lede.db")).expect("store opens");
    lede::library::index(&store, &[repo_path(rel)], &mut lede::library::Quiet).expect("index");
    store
}

/// An app on the library of `store`.
pub fn stored_library_app(store: &Store) -> App {
    let entries = store.entries(None).expect("entries");
    App::with_library(Config::defaults(), "Library".into(), entries)
}

/// One sample article: headline, source, date, words, read state, progress, notes,
/// missing.
type SampleRow = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    u32,
    ReadState,
    u16,
    u32,
    bool,
);

/// A realistic library without a store: sources, dates (and none), read states, notes, a
/// missing file, long and non-ASCII headlines.
pub fn sample_entries() -> Vec<LibraryEntry> {
    let rows: [SampleRow; 14] = [
        (
            "Russia and North Korea sign a mutual defence pact during Putin’s visit to Pyongyang",
            Some("TASS"),
            Some("2024-06-19"),
            1850,
            ReadState::Reading,
            450,
            2,
            false,
        ),
        (
            "Polish leader Jarosław Kaczyński promises stricter laws on abortion",
            Some("Wikinews"),
            Some("2019-05-15"),
            420,
            ReadState::Read,
            1000,
            0,
            false,
        ),
        (
            "Puerto Rico governor announces resignation following weeks of protests",
            Some("Wikinews"),
            Some("2019-07-28"),
            610,
            ReadState::Unread,
            0,
            0,
            false,
        ),
        (
            "Simple animals could live in Martian brines",
            Some("Wikinews"),
            Some("2019-01-09"),
            380,
            ReadState::Unread,
            0,
            1,
            false,
        ),
        (
            "CEO of GM outlines plan for ‘new GM’ after auto company files for bankruptcy",
            Some("Associated Press"),
            Some("2009-06-04"),
            980,
            ReadState::Read,
            1000,
            0,
            false,
        ),
        (
            "Arrest made as mayor of Gdańsk, Poland stabbed on stage",
            Some("Wikinews"),
            Some("2019-01-14"),
            300,
            ReadState::Unread,
            0,
            0,
            false,
        ),
        (
            "Fur fans flock to Toronto’s Furnal Equinox 2019",
            Some("Wikinews"),
            Some("2019-03-25"),
            700,
            ReadState::Reading,
            120,
            0,
            false,
        ),
        (
            "Warhol’s soup cans and the art of repetition",
            Some("GUM"),
            Some("2014-01-28"),
            2300,
            ReadState::Unread,
            0,
            12,
            false,
        ),
        (
            "Expo opens its doors to a record crowd",
            Some("GUM"),
            Some("2016-09-07"),
            540,
            ReadState::Unread,
            0,
            0,
            true,
        ),
        (
            "Korea’s new rail link: what changes for commuters",
            Some("GUM"),
            Some("2015-08-21"),
            760,
            ReadState::Unread,
            0,
            0,
            false,
        ),
        (
            "Notes from a reading list without a date",
            None,
            None,
            150,
            ReadState::Unread,
            0,
            0,
            false,
        ),
        (
            "Wikinews investigates disappearance of Indonesian cargo ship",
            Some("Wikinews"),
            Some("2019-01-10"),
            1200,
            ReadState::Unread,
            0,
            0,
            false,
        ),
        (
            "日本の新しい首相が就任",
            Some("NHK"),
            Some("2024-10-01T09:00:00+09:00"),
            500,
            ReadState::Unread,
            0,
            0,
            false,
        ),
        (
            "An undated clipping whose file has gone missing",
            Some("The Guardian"),
            None,
            900,
            ReadState::Read,
            1000,
            3,
            true,
        ),
    ];
    let mut entries: Vec<LibraryEntry> = rows
        .into_iter()
        .enumerate()
        .map(
            |(i, (title, source, date, words, read, progress, notes, missing))| LibraryEntry {
                id: i as i64 + 1,
                uid: format!("{:016x}", i + 1),
                path: PathBuf::from(format!("/news/{}.txt", i + 1)),
                format: "text".into(),
                title: title.into(),
                source: source.map(Into::into),
                published: date.map(Into::into),
                words,
                read,
                progress,
                notes,
                missing,
                ..LibraryEntry::default()
            },
        )
        .collect();
    // As the store lists them: newest first, undated last.
    entries.sort_by(|a, b| match (&a.published, &b.published) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.title.cmp(&b.title),
    });
    entries
}

/// An app on [`sample_entries`].
pub fn sample_library_app() -> App {
    App::with_library(Config::defaults(), "Library".into(), sample_entries())
}

/// The seed article with what a web page would say about it: source, author, date, URL,
/// and a link block at the end.
pub fn reader_app_with_meta() -> App {
    let mut article = article::load(&repo_path(SEED), ParseMode::Clean).expect("article loads");
    article.meta = lede::article::Meta {
        author: Some("Jane Doe".into()),
        source: Some("TASS".into()),
        url: Some("https://tass.com/politics/1804519".into()),
        published: Some("2024-06-19T14:05:00Z".into()),
    };
    let link = "https://www.kcna.kp/en/article/defence-pact";
    article.body.push_str("\n\n");
    let start = article.body.len();
    article.body.push_str(link);
    article.blocks.push(lede::article::Block {
        kind: lede::article::BlockKind::Link,
        range: start..article.body.len(),
    });
    let analysis = lede::tui::first_look(&article);
    let mut app = App::with_article(Config::defaults(), article, analysis);
    settle(&mut app, None, None, &mut Vec::new());
    app
}
