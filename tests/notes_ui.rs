//! Highlights and notes in the reader, against a real store: selecting, annotating,
//! colours, tags, deleting with undo, the Notes panel, reloading with re-anchoring,
//! re-attaching an orphan, and the screens (editor, panel, highlights).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{SEED, draw, press_with, repo_path, screen_rows, settle};
use crossterm::event::MouseEventKind;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent};
use insta::assert_snapshot;
use lede::annotate::Status;
use lede::config::Config;
use lede::store::Store;
use lede::tui::App;

/// A store holding a copy of the seed (so tests may edit the file), and the app reading
/// it, laid out at 80x24.
fn seed_app(dir: &Path) -> (Store, App, i64, PathBuf) {
    let file = dir.join("seed.txt");
    fs::copy(repo_path(SEED), &file).expect("copy seed");
    let store = Store::open(&dir.join("lede.db")).expect("store");
    lede::library::index(
        &store,
        std::slice::from_ref(&file),
        &mut lede::library::Quiet,
    )
    .expect("index");
    let id = store.article_id(&file, None).expect("query").expect("id");
    let mut app = App::with_stored(Config::defaults(), store.article(id).expect("article"));
    settle(&mut app, Some(&store), None, &mut Vec::new());
    draw(&mut app, 80, 24);
    (store, app, id, file)
}

fn keys(app: &mut App, store: &Store, keys: &str) {
    press_with(app, Some(store), keys);
    draw(app, 80, 24);
}

fn type_in(app: &mut App, store: &Store, text: &str) {
    for c in text.chars() {
        let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        let first = app.handle_event(&event);
        settle(app, Some(store), first, &mut Vec::new());
    }
}

fn status(app: &mut App) -> String {
    screen_rows(&draw(app, 80, 24))[23].clone()
}

/// Scrolls until `text` is on the top row's paragraph (via search, then dropping it).
fn go_to(app: &mut App, store: &Store, text: &str) {
    keys(app, store, "/");
    type_in(app, store, text);
    keys(app, store, "enter");
}

#[test]
fn select_annotate_write_a_note_and_it_is_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, mut app, id, _) = seed_app(dir.path());
    go_to(&mut app, &store, "Ushakov");
    keys(&mut app, &store, "v");
    assert!(
        status(&mut app).contains("selecting: w b"),
        "{}",
        status(&mut app)
    );
    keys(&mut app, &store, "w w");
    let line = status(&mut app);
    assert!(line.contains("SELECT") && line.contains("chars"), "{line}");
    let selected = app
        .reader
        .as_ref()
        .and_then(|r| r.selection.clone())
        .expect("selection");
    let body = app.reader.as_ref().expect("reader").article.body.clone();
    let passage = body[selected.range()].to_string();
    assert!(
        passage.starts_with("Ushakov") && passage.split_whitespace().count() == 3,
        "{passage}"
    );
    keys(&mut app, &store, "a");
    assert!(app.editor.is_some(), "a opens the note editor");
    // Saved at once (the highlight is never lost), then the note.
    assert_eq!(store.annotations_of(id).expect("list").len(), 1);
    type_in(&mut app, &store, "Kremlin adviser #kremlin");
    keys(&mut app, &store, "enter");
    type_in(&mut app, &store, "second line");
    keys(&mut app, &store, "ctrl-s");
    assert!(app.editor.is_none());
    let stored = store.annotations_of(id).expect("list");
    assert_eq!(stored.len(), 1);
    let a = &stored[0];
    assert_eq!(a.target.exact, passage);
    assert_eq!(a.note, "Kremlin adviser #kremlin\nsecond line");
    assert_eq!(a.tags, ["kremlin"]);
    assert_eq!(a.status, Status::Anchored);
    let line = status(&mut app);
    assert!(line.contains("saved “Ushakov"), "{line}");
    keys(&mut app, &store, "j");
    let line = status(&mut app);
    assert!(line.contains("· 1 note"), "{line}");
    // The library counts it.
    assert_eq!(store.entries_brief(None).expect("entries")[0].notes, 1);
}

#[test]
fn a_without_selection_takes_the_sentence_and_esc_keeps_the_highlight() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, mut app, id, _) = seed_app(dir.path());
    go_to(&mut app, &store, "nuclear deterrence");
    keys(&mut app, &store, "a");
    keys(&mut app, &store, "esc");
    let line = status(&mut app);
    assert!(
        line.contains("highlight kept without a note (d d deletes it)"),
        "{line}"
    );
    let stored = store.annotations_of(id).expect("list");
    assert_eq!(stored.len(), 1);
    let exact = &stored[0].target.exact;
    assert!(exact.contains("nuclear deterrence factor"), "{exact}");
    assert!(
        exact.ends_with('.') || exact.ends_with('”'),
        "a whole sentence: {exact}"
    );
    assert!(stored[0].note.is_empty());
}

#[test]
fn colour_tags_delete_confirm_and_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, mut app, id, _) = seed_app(dir.path());
    go_to(&mut app, &store, "Podoliak");
    keys(&mut app, &store, "v a ctrl-s");
    keys(&mut app, &store, "m m");
    assert_eq!(store.annotations_of(id).expect("list")[0].colour, 2);
    // A new highlight takes the colour last chosen.
    go_to(&mut app, &store, "Ryabkov");
    keys(&mut app, &store, "v a ctrl-s");
    let ryabkov = store.annotations_of(id).expect("list");
    let made = ryabkov
        .iter()
        .find(|a| a.target.exact == "Ryabkov")
        .expect("made");
    assert_eq!(made.colour, 2);
    keys(&mut app, &store, "d d y");
    go_to(&mut app, &store, "Podoliak");
    keys(&mut app, &store, "T");
    type_in(&mut app, &store, "#ukraine analysis");
    keys(&mut app, &store, "ctrl-s");
    assert_eq!(
        store.annotations_of(id).expect("list")[0].tags,
        ["ukraine", "analysis"]
    );
    // Anything but y keeps it.
    keys(&mut app, &store, "d d");
    assert!(status(&mut app).contains("delete the highlight"));
    keys(&mut app, &store, "n");
    assert_eq!(store.annotations_of(id).expect("list").len(), 1);
    keys(&mut app, &store, "d d y");
    assert!(store.annotations_of(id).expect("list").is_empty());
    assert!(status(&mut app).contains("deleted"));
    keys(&mut app, &store, "u");
    let back = store.annotations_of(id).expect("list");
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].colour, 2, "undo restores it as it was");
    assert_eq!(back[0].tags, ["ukraine", "analysis"]);
}

#[test]
fn reload_reanchors_and_an_orphan_is_listed_and_reattached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, mut app, id, file) = seed_app(dir.path());
    go_to(&mut app, &store, "Koh Yu-hwan");
    keys(&mut app, &store, "v ) a");
    type_in(&mut app, &store, "the analyst");
    keys(&mut app, &store, "ctrl-s");
    let made = store.annotations_of(id).expect("list")[0].clone();

    // A paragraph added at the top: the highlight moves with its text.
    let text = fs::read_to_string(&file).expect("read");
    let (head, rest) = text.split_once("\n\n").expect("headline");
    let edited = format!("{head}\n\nAn editor's note added at the top of the article.\n\n{rest}");
    fs::write(&file, &edited).expect("edit");
    keys(&mut app, &store, "r");
    assert!(
        status(&mut app).contains("1 in place"),
        "{}",
        status(&mut app)
    );
    let moved = store.annotations_of(id).expect("list")[0].clone();
    assert_eq!(moved.target.exact, made.target.exact);
    assert!(moved.target.start > made.target.start);

    // Its paragraph removed: an orphan, kept and listed.
    let paragraph = edited
        .split("\n\n")
        .find(|p| p.contains(&made.target.exact))
        .expect("paragraph")
        .to_string();
    fs::write(&file, edited.replace(&format!("{paragraph}\n\n"), "")).expect("remove");
    keys(&mut app, &store, "r");
    let orphan = store.annotations_of(id).expect("list")[0].clone();
    assert_eq!(orphan.status, Status::Orphan);
    assert_eq!(orphan.note, "the analyst", "never deleted, note intact");
    // `t` opens the panel with the focus in it, where digits pick tabs.
    keys(&mut app, &store, "t 4");
    let screen = screen_rows(&draw(&mut app, 120, 40)).join("\n");
    assert!(screen.contains("Orphans"), "{screen}");
    // Enter on the orphan, then select new text and a: re-attached there.
    keys(&mut app, &store, "enter");
    assert!(status(&mut app).contains("re-attach"));
    keys(&mut app, &store, "tab");
    go_to(&mut app, &store, "Shapps");
    keys(&mut app, &store, "v a");
    let back = store.annotations_of(id).expect("list");
    assert_eq!(back.len(), 1, "re-attached, not duplicated");
    assert_eq!(back[0].status, Status::Anchored);
    assert_eq!(back[0].target.exact, "Shapps");
    assert_eq!(back[0].note, "the analyst");
}

#[test]
fn mouse_drag_selects_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, mut app, id, _) = seed_app(dir.path());
    let rows = screen_rows(&draw(&mut app, 80, 24));
    // The first row of body text under the rule.
    let y = rows
        .iter()
        .position(|r| r.contains('─'))
        .map(|i| i + 2)
        .expect("rule") as u16;
    let x = rows[usize::from(y)].find(|c: char| c != ' ').expect("text") as u16;
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    for event in [
        mouse(MouseEventKind::Down(MouseButton::Left), x, y),
        mouse(MouseEventKind::Drag(MouseButton::Left), x + 5, y),
        mouse(MouseEventKind::Drag(MouseButton::Left), x + 9, y),
        mouse(MouseEventKind::Up(MouseButton::Left), x + 9, y),
    ] {
        app.handle_event(&event);
    }
    let selection = app
        .reader
        .as_ref()
        .and_then(|r| r.selection.clone())
        .expect("selection");
    assert_eq!(selection.range().len(), 9);
    keys(&mut app, &store, "a ctrl-s");
    let stored = store.annotations_of(id).expect("list");
    let expected: String = rows[usize::from(y)]
        .chars()
        .skip(usize::from(x))
        .take(9)
        .collect();
    assert_eq!(stored[0].target.exact, expected);
}

#[test]
fn screens_editor_and_notes_panel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, mut app, _, _) = seed_app(dir.path());
    go_to(&mut app, &store, "Grant Shapps");
    keys(&mut app, &store, "v a");
    type_in(&mut app, &store, "Shadow of an election #uk");
    assert_snapshot!("note_editor_80x24", draw(&mut app, 80, 24).backend());
    keys(&mut app, &store, "ctrl-s");
    go_to(&mut app, &store, "Podoliak");
    keys(&mut app, &store, "v a ctrl-s t 4");
    assert_snapshot!("notes_panel_120x40", draw(&mut app, 120, 40).backend());
    // The highlight's colour is drawn over the text, under the selection.
    let t = draw(&mut app, 80, 24);
    let buffer = t.backend().buffer();
    let theme = &app.config.theme;
    let highlight = theme.style(lede::config::Slot::Highlight1);
    let coloured = buffer
        .content()
        .iter()
        .filter(|c| highlight.bg.is_some() && c.bg == highlight.bg.expect("bg"))
        .count();
    assert!(coloured >= "Podoliak".len(), "{coloured} highlighted cells");
}

#[test]
fn export_from_the_reader_writes_markdown_and_w3c_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, mut app, _, _) = seed_app(dir.path());
    let out = dir.path().join("exports");
    fs::create_dir(&out).expect("folder");
    app.config.library.exports = Some(out.clone());
    keys(&mut app, &store, "X");
    assert!(status(&mut app).contains("no notes to export"));
    go_to(&mut app, &store, "Ryabkov");
    keys(&mut app, &store, "v a");
    type_in(&mut app, &store, "deputy minister #russia");
    keys(&mut app, &store, "ctrl-s X");
    let line = status(&mut app);
    assert!(line.contains("exported 1 note(s)"), "{line}");
    let names: Vec<String> = fs::read_dir(&out)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let md = names
        .iter()
        .find(|n| n.ends_with(".notes.md"))
        .expect("markdown file");
    let json = names
        .iter()
        .find(|n| n.ends_with(".notes.jsonld"))
        .expect("json file");
    assert!(md.starts_with("russia-and-north-korea-signed-"), "{md}");
    let markdown = fs::read_to_string(out.join(md)).expect("read");
    assert!(
        markdown.contains("> Ryabkov") && markdown.contains("deputy minister"),
        "{markdown}"
    );
    let w3c: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join(json)).expect("read")).expect("json");
    assert_eq!(w3c["type"], "AnnotationCollection");
    assert_eq!(w3c["total"], 1);
}

#[test]
fn a_selection_across_a_heading_and_the_notes_filter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, mut app, id, _) = seed_app(dir.path());
    // From the last sentence before "Against US hegemony" into the paragraph after it.
    go_to(&mut app, &store, "pressures to which");
    keys(&mut app, &store, "v } } w");
    keys(&mut app, &store, "a");
    type_in(&mut app, &store, "spans the heading #structure");
    keys(&mut app, &store, "ctrl-s");
    go_to(&mut app, &store, "Ryabkov");
    keys(&mut app, &store, "v a");
    type_in(&mut app, &store, "deputy minister");
    keys(&mut app, &store, "ctrl-s");
    let stored = store.annotations_of(id).expect("list");
    assert_eq!(stored.len(), 2);
    assert!(
        stored[0].target.exact.contains("Against US hegemony"),
        "{}",
        stored[0].target.exact
    );
    // The Notes tab filters by quote, note or tag as you type; Esc clears.
    keys(&mut app, &store, "t 4 /");
    type_in(&mut app, &store, "structure");
    let notes = app
        .reader
        .as_ref()
        .and_then(|r| r.notes.as_ref())
        .expect("notes");
    assert_eq!(notes.shown().len(), 1);
    let panel = screen_rows(&draw(&mut app, 120, 40)).join("\n");
    assert!(
        panel.contains("spans the heading") && !panel.contains("deputy minister"),
        "{panel}"
    );
    keys(&mut app, &store, "esc");
    let notes = app
        .reader
        .as_ref()
        .and_then(|r| r.notes.as_ref())
        .expect("notes");
    assert_eq!(notes.shown().len(), 2);
}

#[test]
fn the_library_list_counts_notes_made_in_the_reader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, _, _, _) = seed_app(dir.path());
    let mut app = common::stored_library_app(&store);
    keys(&mut app, &store, "enter");
    go_to(&mut app, &store, "Ryabkov");
    keys(&mut app, &store, "v a ctrl-s q");
    let library = app.library.as_ref().expect("library");
    assert!(app.reader.is_none());
    assert_eq!(library.entries()[0].notes, 1);
    let rows = screen_rows(&draw(&mut app, 80, 24));
    let row = rows
        .iter()
        .find(|r| r.contains("Russia and North"))
        .expect("row");
    assert!(row.trim_end().ends_with('1'), "the notes column: {row}");
}

#[test]
fn quitting_with_the_editor_open_keeps_the_typed_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, mut app, id, _) = seed_app(dir.path());
    go_to(&mut app, &store, "Podoliak");
    keys(&mut app, &store, "v a");
    type_in(&mut app, &store, "half-written thought #draft");
    keys(&mut app, &store, "ctrl-c");
    assert!(app.should_quit());
    let stored = store.annotations_of(id).expect("list");
    assert_eq!(stored[0].note, "half-written thought #draft");
    assert_eq!(stored[0].tags, ["draft"]);
}
