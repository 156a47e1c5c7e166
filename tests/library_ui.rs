//! The library screen: filtering, sorting, opening a stored article and coming back to the
//! same place, reading positions and analyses saved in a real store, links, and a library
//! of 100,000 articles.

mod common;

use common::{
    draw, press, press_with, sample_library_app, screen_rows, settle, store_with,
    stored_library_app, type_text,
};
use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use lede::config::{Config, Slot};
use lede::store::{LibraryEntry, ReadState};
use lede::tui::{App, Effect};

/// The headlines shown, top to bottom (as the store gives them, not cut).
fn shown(app: &App) -> Vec<String> {
    let library = app.library.as_ref().expect("library");
    library
        .view()
        .iter()
        .map(|&i| library.entries()[i].title.clone())
        .collect()
}

fn selected_id(app: &App) -> Option<i64> {
    app.library
        .as_ref()
        .and_then(|l| l.selected_entry())
        .map(|e| e.id)
}

fn status(app: &mut App) -> String {
    screen_rows(&draw(app, 80, 24))[23].clone()
}

#[test]
fn filter_narrows_as_typed_enter_keeps_it_and_esc_clears_it() {
    let mut app = sample_library_app();
    assert_eq!(shown(&app).len(), 14);
    assert!(status(&mut app).contains("14 articles · by date"));
    press(&mut app, "/");
    type_text(&mut app, "wiki");
    let after_wiki = shown(&app).len();
    type_text(&mut app, " mars");
    let found = shown(&app);
    assert_eq!(
        found[0], "Simple animals could live in Martian brines",
        "every word must match, fuzzily, and the best match comes first"
    );
    assert!(after_wiki > found.len());
    let line = status(&mut app);
    let count = format!("{}/14 matching", found.len());
    assert!(
        line.contains("/wiki mars") && line.contains(&count),
        "{line}"
    );
    // Backspace widens again.
    press(
        &mut app,
        "backspace backspace backspace backspace backspace",
    );
    assert_eq!(shown(&app).len(), after_wiki);
    // Keys typed at the prompt are text, not commands: `q` does not quit, `j` is a letter.
    type_text(&mut app, "q");
    assert!(!app.should_quit());
    press(&mut app, "backspace esc");
    assert_eq!(shown(&app).len(), 14, "Esc clears the filter");
    assert!(status(&mut app).contains("14 articles"));

    press(&mut app, "/");
    // Capitals make the match case-sensitive.
    type_text(&mut app, "GUM");
    press(&mut app, "enter");
    assert_eq!(shown(&app).len(), 3);
    // Back to list navigation, with the filter kept.
    press(&mut app, "j");
    assert_eq!(
        app.library.as_ref().map(|l| l.selected()),
        Some(1),
        "j moves now"
    );
    let line = status(&mut app);
    assert!(
        line.contains("3/14 matching /GUM · best, then by date"),
        "{line}"
    );
    // `q` drops the filter first, then quits.
    press(&mut app, "q");
    assert_eq!(shown(&app).len(), 14);
    assert!(!app.should_quit());
    press(&mut app, "q");
    assert!(app.should_quit());
}

#[test]
fn matched_characters_are_highlighted_and_the_selection_stands_out() {
    let mut app = sample_library_app();
    press(&mut app, "/");
    type_text(&mut app, "expo");
    let t = draw(&mut app, 80, 24);
    let buf = t.backend().buffer();
    let rows = screen_rows(&t);
    assert!(rows[2].contains("Expo opens its doors"), "{}", rows[2]);
    let theme = app.config.theme.clone();
    let hit = theme.style(Slot::Focus);
    let selected = theme.style(Slot::ListSelected);
    // The first match is selected; the matched letters of the second row are styled.
    assert!(buf[(5, 2)].modifier.contains(selected.add_modifier));
    press(&mut app, "esc");
    press(&mut app, "/");
    type_text(&mut app, "korea");
    let t = draw(&mut app, 80, 24);
    let rows = screen_rows(&t);
    let y = rows
        .iter()
        .position(|r| r.contains("Korea’s new rail link"))
        .expect("listed") as u16;
    assert!(y > 2, "not the selected row");
    let buf = t.backend().buffer();
    let x = rows[usize::from(y)].find("Korea").expect("headline") as u16;
    assert_eq!(buf[(x, y)].symbol(), "K");
    assert_eq!(buf[(x, y)].modifier, hit.add_modifier, "K is matched");
    // A missing file's row is dimmed, with its marker.
    press(&mut app, "esc");
    let t = draw(&mut app, 80, 24);
    let rows = screen_rows(&t);
    let y = rows
        .iter()
        .position(|r| r.contains("Expo opens"))
        .expect("listed");
    assert!(rows[y].starts_with('✗'), "{}", rows[y]);
    let muted = theme.style(Slot::Muted);
    assert_eq!(
        t.backend().buffer()[(4, y as u16)].modifier,
        muted.add_modifier
    );
}

#[test]
fn sort_cycles_date_source_title_and_unread_first() {
    let mut app = sample_library_app();
    let by_date = shown(&app);
    assert_eq!(by_date[0], "日本の新しい首相が就任", "newest first");
    assert_eq!(
        by_date.last().map(String::as_str),
        Some("Notes from a reading list without a date"),
        "undated last"
    );
    press(&mut app, "j j");
    let keep = selected_id(&app);
    press(&mut app, "s");
    assert!(status(&mut app).contains("by source"));
    assert!(
        shown(&app)[0].starts_with("CEO of GM"),
        "Associated Press first"
    );
    assert_eq!(selected_id(&app), keep, "the selection follows its article");
    press(&mut app, "s");
    assert!(status(&mut app).contains("by title"));
    let titles = shown(&app);
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles, sorted);
    press(&mut app, "s");
    assert_eq!(shown(&app), by_date);
    press(&mut app, "u");
    assert!(status(&mut app).contains("by date · unread first"));
    let library = app.library.as_ref().expect("library");
    let states: Vec<ReadState> = library
        .view()
        .iter()
        .map(|&i| library.entries()[i].read)
        .collect();
    assert!(states.is_sorted(), "{states:?}");
    press(&mut app, "u");
    assert_eq!(shown(&app), by_date);
}

#[test]
fn open_then_q_returns_to_the_same_article_with_the_filter_kept_and_saves_the_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with(dir.path(), "assets/articles");
    let mut app = stored_library_app(&store);
    let total = shown(&app).len();
    assert!(total >= 10, "{total}");
    draw(&mut app, 80, 24);
    press(&mut app, "/");
    type_text(&mut app, "korea");
    press(&mut app, "enter");
    let matches = shown(&app);
    assert!(matches.len() >= 2, "{matches:?}");
    press(&mut app, "j");
    let id = selected_id(&app).expect("selected");
    let title = matches[1].clone();

    press_with(&mut app, Some(&store), "enter");
    let reader = app.reader.as_ref().expect("opened");
    assert_eq!(reader.article.title, title);
    draw(&mut app, 80, 24);
    press_with(&mut app, Some(&store), "1 2 j");
    draw(&mut app, 80, 24);
    let offset = app
        .reader
        .as_ref()
        .map(|r| r.resume_offset())
        .expect("reader");
    let top = app.reader.as_ref().map(|r| r.top()).expect("reader");
    assert!(offset > 0);
    let progress = app.reader.as_ref().map(|r| r.progress()).expect("reader");

    press_with(&mut app, Some(&store), "q");
    assert!(app.reader.is_none(), "back in the library");
    assert_eq!(shown(&app), matches, "the filter is kept");
    assert_eq!(selected_id(&app), Some(id), "the same article is selected");
    assert!(
        app.message.as_ref().is_none_or(|m| !m.is_error),
        "{:?}",
        app.message
    );
    // The list shows where the reading stopped.
    let entry = entry_of(&app, id);
    assert_eq!(entry.read, ReadState::Reading);
    assert_eq!(entry.progress, progress);
    let rows = screen_rows(&draw(&mut app, 80, 24));
    let percent = format!("{}%", progress / 10);
    assert!(
        rows.iter()
            .any(|r| r.contains(&title[..20]) && r.contains(&percent)),
        "{rows:#?}"
    );
    // The store has it too, and the analysis that ran in the background.
    let stored = store.article(id).expect("stored");
    assert_eq!(stored.position.offset, offset);
    assert_eq!(stored.position.read, ReadState::Reading);
    assert!(stored.analysis.is_some(), "analysis cached");
    assert_eq!(store.entries(None).expect("entries").len(), total);

    // Opening again starts where the reading stopped, with the cached analysis (nothing
    // to analyse).
    let first = app.handle_event(&key("enter"));
    assert_eq!(first, Some(Effect::Load(id)));
    if let Some(effect) = first {
        lede::tui::perform(&mut app, effect, Some(&store));
    }
    let queued = app.take_effects();
    assert!(
        !queued.iter().any(|e| matches!(e, Effect::Analyse { .. })),
        "{queued:?}"
    );
    draw(&mut app, 80, 24);
    let reader = app.reader.as_ref().expect("reopened");
    assert_eq!(reader.top(), top, "the same row on top");
    assert!(
        reader.marks.next_entity(0, true).is_some(),
        "entities shown from the cache"
    );

    // Reading to the end marks it read.
    press_with(&mut app, Some(&store), "G");
    draw(&mut app, 80, 24);
    press_with(&mut app, Some(&store), "q");
    assert_eq!(entry_of(&app, id).read, ReadState::Read);
    assert_eq!(
        store.article(id).expect("stored").position.read,
        ReadState::Read
    );
    let rows = screen_rows(&draw(&mut app, 80, 24));
    assert!(
        rows.iter()
            .any(|r| r.contains(&title[..20]) && r.contains('✓')),
        "{rows:#?}"
    );
}

#[test]
fn quitting_from_the_reader_saves_the_position_and_a_stored_file_quits_on_q() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with(dir.path(), "assets/articles");
    // The library opens sorted by date, newest first: that is the selected entry.
    let mut entries = store.entries(None).expect("entries");
    lede::library::commands::sort_by_date(&mut entries);
    let id = entries[0].id;

    // From the library, Ctrl-c in the reader quits and saves, even with the blank row
    // between two paragraphs on top.
    let mut app = stored_library_app(&store);
    press_with(&mut app, Some(&store), "enter");
    draw(&mut app, 80, 24);
    let reader = app.reader.as_mut().expect("reader");
    let layout = reader.layout().expect("laid out");
    let blank = (layout.body_start()..layout.len())
        .find(|&r| layout.rows()[r].kind == lede::tui::layout::RowKind::Blank)
        .expect("a blank row between paragraphs");
    reader.set_top(blank);
    draw(&mut app, 80, 24);
    let offset = app
        .reader
        .as_ref()
        .map(|r| r.resume_offset())
        .expect("reader");
    press_with(&mut app, Some(&store), "ctrl-c");
    assert!(app.should_quit());
    assert_eq!(store.article(id).expect("stored").position.offset, offset);

    // `lede FILE`: the stored article alone; `q` quits and saves.
    let mut app = App::with_stored(Config::defaults(), store.article(id).expect("stored"));
    settle(&mut app, Some(&store), None, &mut Vec::new());
    draw(&mut app, 80, 24);
    assert_eq!(
        app.reader.as_ref().map(|r| r.top()),
        Some(blank),
        "opens where it was left, to the row"
    );
    press_with(&mut app, Some(&store), "g g");
    draw(&mut app, 80, 24);
    press_with(&mut app, Some(&store), "q");
    assert!(app.should_quit());
    let stored = store.article(id).expect("stored");
    assert_eq!(stored.position.offset, 0);
    assert_eq!(stored.position.progress, 0);
}

#[test]
fn store_problems_are_one_line_messages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with(dir.path(), "assets/articles");
    let mut app = stored_library_app(&store);
    lede::tui::perform(&mut app, Effect::Load(999_999), Some(&store));
    let message = app.message.clone().expect("an error");
    assert!(
        message.is_error && message.text.contains("999999"),
        "{message:?}"
    );
    assert!(app.reader.is_none());
    // Without a store nothing can be opened, and nothing panics.
    let mut app = sample_library_app();
    press(&mut app, "enter");
    let message = app.message.clone().expect("an error");
    assert!(message.text.contains("no library database"), "{message:?}");
    let rows = screen_rows(&draw(&mut app, 80, 24));
    assert!(rows[23].contains("no library database"), "{}", rows[23]);
}

#[test]
fn links_open_with_the_browser_from_the_byline_and_link_blocks() {
    let mut app = common::reader_app_with_meta();
    let rows = screen_rows(&draw(&mut app, 80, 24));
    assert!(
        rows[3].contains("TASS · Jane Doe · 2024-06-19"),
        "{rows:#?}"
    );
    assert!(rows[4].contains("https://tass.com/politics/1804519"));
    // `O` opens the first link on screen; Enter only the one on the top row.
    assert_eq!(press(&mut app, "O"), ["https://tass.com/politics/1804519"]);
    assert!(press(&mut app, "enter").is_empty());
    press(&mut app, "4 j");
    draw(&mut app, 80, 24);
    assert_eq!(
        press(&mut app, "enter"),
        ["https://tass.com/politics/1804519"]
    );
    // Link blocks: the seed's embedded tweet is the first link on the last page.
    press(&mut app, "G");
    draw(&mut app, 80, 24);
    let urls = press(&mut app, "O");
    assert_eq!(
        urls,
        ["https://twitter.com/grantshapps/status/1803329393680388249"]
    );
    // Enter opens the link block on the top row.
    let reader = app.reader.as_mut().expect("reader");
    let layout = reader.layout().expect("laid out");
    let row = layout
        .rows()
        .iter()
        .rposition(|r| r.kind == lede::tui::layout::RowKind::Link)
        .expect("a link row");
    reader.set_top(row);
    let urls = press(&mut app, "enter");
    assert_eq!(urls, ["https://www.kcna.kp/en/article/defence-pact"]);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("opening https://www.kcna.kp")),
        "{:?}",
        app.message
    );
    // A page with no link says so.
    let mut plain = common::reader_app(common::SEED);
    draw(&mut plain, 80, 24);
    assert!(press(&mut plain, "O").is_empty());
    assert!(
        plain
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("no link"))
    );
}

#[test]
fn mouse_selects_rows_and_the_wheel_moves_the_selection() {
    let mut app = sample_library_app();
    draw(&mut app, 80, 24);
    let area = app.list_area.expect("rows drawn");
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 10,
        row: area.y + 4,
        modifiers: KeyModifiers::NONE,
    });
    app.handle_event(&click);
    assert_eq!(app.library.as_ref().map(|l| l.selected()), Some(4));
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    app.handle_event(&wheel);
    assert_eq!(app.library.as_ref().map(|l| l.selected()), Some(5));
}

#[test]
fn tiny_windows_and_an_empty_library_never_panic() {
    let mut app = sample_library_app();
    let mut empty = App::with_library(Config::defaults(), "Empty".into(), Vec::new());
    for app in [&mut app, &mut empty] {
        for (w, h) in [(1, 1), (3, 2), (12, 4), (40, 3), (79, 5), (200, 60)] {
            draw(app, w, h);
            press(app, "G s u / x enter ?");
            draw(app, w, h);
            press(app, "esc j k enter");
            draw(app, w, h);
        }
    }
    let rows = screen_rows(&draw(&mut empty, 80, 24));
    // `/` goes back to editing the kept filter, so the x's add up.
    assert!(rows[2].contains("no article matches “xx"), "{rows:#?}");
    press(&mut empty, "q");
    let rows = screen_rows(&draw(&mut empty, 80, 24));
    assert!(rows[2].contains("no articles"), "{rows:#?}");
}

/// 100,000 articles: the filter and one frame work over all of them (sorting and
/// filtering happen once per change, drawing reads only the rows on screen). Timing is
/// the benches' business; this checks the result.
#[test]
fn a_library_of_100_000_filters_and_draws() {
    let sources = ["TASS", "Wikinews", "BBC News", "Le Monde", "NHK"];
    let words = [
        "Russia", "Korea", "pact", "election", "mayor", "Mars", "brines", "governor", "budget",
        "storm",
    ];
    let entries: Vec<LibraryEntry> = (0..100_000i64)
        .map(|i| {
            let n = i as usize;
            LibraryEntry {
                id: i + 1,
                title: format!(
                    "{} {} {} report number {i}",
                    words[n % 10],
                    words[(n / 10) % 10],
                    words[(n / 100) % 10]
                ),
                source: Some(sources[n % 5].to_string()),
                published: (!n.is_multiple_of(7))
                    .then(|| format!("20{:02}-{:02}-{:02}", n % 25, n % 12 + 1, n % 28 + 1)),
                words: (n % 3000) as u32,
                ..LibraryEntry::default()
            }
        })
        .collect();
    let mut app = App::with_library(Config::defaults(), "Library".into(), entries);
    let rows = screen_rows(&draw(&mut app, 80, 24));
    assert!(rows[23].contains("100000 articles"), "{}", rows[23]);
    assert!(rows[2].contains("20"), "dated first: {}", rows[2]);
    press(&mut app, "/");
    type_text(&mut app, "mars brines tass");
    let library = app.library.as_ref().expect("library");
    // Every TASS article naming both Mars and brines is among the (fuzzy) matches.
    let shown: std::collections::HashSet<usize> = library.view().iter().copied().collect();
    let exact: Vec<usize> = (0..library.entries().len())
        .filter(|&i| {
            let e = &library.entries()[i];
            e.source.as_deref() == Some("TASS")
                && e.title.contains("Mars")
                && e.title.contains("brines")
        })
        .collect();
    assert!(!exact.is_empty());
    assert!(exact.iter().all(|i| shown.contains(i)));
    assert!(shown.len() < 100_000);
    let rows = screen_rows(&draw(&mut app, 80, 24));
    assert!(rows[23].contains("/100000 matching"), "{}", rows[23]);
    press(&mut app, "enter G s");
    let rows = screen_rows(&draw(&mut app, 120, 40));
    assert!(rows[39].contains("by source"), "{}", rows[39]);
    press(&mut app, "esc");
    assert_eq!(app.library.as_ref().map(|l| l.view().len()), Some(100_000));
    draw(&mut app, 80, 24);
}

fn entry_of(app: &App, id: i64) -> LibraryEntry {
    app.library
        .as_ref()
        .and_then(|l| l.entries().iter().find(|e| e.id == id))
        .cloned()
        .expect("entry")
}

fn key(name: &str) -> Event {
    let press = lede::config::keys::KeyPress::parse(name).expect("key");
    Event::Key(crossterm::event::KeyEvent::new(press.code, press.mods))
}
