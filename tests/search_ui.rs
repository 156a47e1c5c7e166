//! Search in the interface: `/` in the reader (incremental, `n`/`N`, `Esc`, `Enter`,
//! history), `*` on an entity, and library search (`S`) on a real store.

mod common;

use common::{
    SEED, draw, press, press_with, reader_app, screen_rows, settle, store_with, stored_library_app,
    type_text,
};
use insta::assert_snapshot;
use lede::store::Store;
use lede::tui::App;
use lede::tui::prompt::PromptKind;

fn status(app: &mut App) -> String {
    screen_rows(&draw(app, 80, 24))[23].clone()
}

fn top(app: &App) -> usize {
    app.reader.as_ref().map(|r| r.top()).unwrap_or_default()
}

/// The screen row (0-based, within the text) of the current match.
fn current_row(app: &App) -> Option<usize> {
    let reader = app.reader.as_ref()?;
    let current = reader.search()?.current()?.start;
    let row = reader.layout()?.row_of_offset(current);
    row.checked_sub(reader.top())
}

fn counter(app: &App) -> Option<String> {
    app.reader
        .as_ref()
        .and_then(|r| r.search())
        .filter(|s| s.is_active())
        .map(|s| s.counter())
}

#[test]
fn typing_searches_as_you_go_and_enter_keeps_the_search() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "/");
    assert!(status(&mut app).starts_with(" /"), "{}", status(&mut app));
    type_text(&mut app, "Sha");
    // Every keystroke re-searches: "Sha" (a capital: case matters there) is in Shapps
    // (twice) and in no other word of the seed.
    assert_eq!(counter(&app).as_deref(), Some("1/2"));
    type_text(&mut app, "pps");
    let line = status(&mut app);
    assert!(line.contains("/Shapps   1/2"), "{line}");
    // The view moved to the match, with context rows above it.
    let row = current_row(&app).expect("match on screen");
    assert!(top(&app) > 0, "the view moved down to the match");
    assert!(
        (3..20).contains(&row),
        "match at row {row}: not at the very edge"
    );
    press(&mut app, "enter");
    assert!(app.prompt.is_none());
    let line = status(&mut app);
    assert!(line.contains("/Shapps 1/2"), "{line}");
    // Keys are commands again: `j` scrolls.
    let before = top(&app);
    press(&mut app, "j");
    assert_eq!(top(&app), before + 1);
}

#[test]
fn n_and_shift_n_step_through_the_matches_and_wrap_with_a_message() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "/");
    // Lower case ignores case: the two Shapps and the `grantshapps` of a link.
    type_text(&mut app, "shapps");
    press(&mut app, "enter");
    assert_eq!(counter(&app).as_deref(), Some("1/3"));
    press(&mut app, "n");
    assert_eq!(counter(&app).as_deref(), Some("2/3"));
    assert!(app.message.is_none(), "no wrap yet");
    assert!(status(&mut app).contains("/shapps 2/3"));
    press(&mut app, "n n");
    assert_eq!(counter(&app).as_deref(), Some("1/3"));
    let line = status(&mut app);
    assert!(line.contains("back to the first"), "{line}");
    press(&mut app, "N");
    assert_eq!(counter(&app).as_deref(), Some("3/3"));
    assert!(status(&mut app).contains("back to the last"));
    press(&mut app, "N");
    assert_eq!(counter(&app).as_deref(), Some("2/3"));
    assert!(app.message.is_none());
    press(&mut app, "2 n");
    assert_eq!(
        counter(&app).as_deref(),
        Some("1/3"),
        "a count steps several"
    );
    // A scrolled-away match comes back into view.
    press(&mut app, "g g n");
    assert!(current_row(&app).is_some_and(|r| r < 23));
}

#[test]
fn esc_goes_back_to_where_the_view_was_and_clears_the_search() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "] j j");
    let before = top(&app);
    press(&mut app, "/");
    type_text(&mut app, "Shapps");
    assert_ne!(top(&app), before);
    press(&mut app, "esc");
    assert_eq!(top(&app), before);
    assert!(app.prompt.is_none());
    assert_eq!(counter(&app), None);
    assert!(!status(&mut app).contains("/Shapps"));
    // `n` with no search says how to start one.
    press(&mut app, "n");
    assert!(
        status(&mut app).contains("no search yet"),
        "{}",
        status(&mut app)
    );
}

#[test]
fn incremental_search_starts_from_the_view_and_shows_no_match_and_notes() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    // From the third section, the first "Korea" at or after the view is below it.
    press(&mut app, "] ] ]");
    let from = app.reader.as_ref().map(|r| r.top_offset()).unwrap_or(0);
    press(&mut app, "/");
    type_text(&mut app, "Korea");
    let reader = app.reader.as_ref().expect("reader");
    let search = reader.search().expect("search");
    let current = search.current().expect("a match").start;
    assert!(current >= from, "{current} < {from}");
    assert!(search.current_index().unwrap_or(0) > 0);
    // A match that is no longer there: "no match", and the view is back where it was.
    let top_before = top(&app);
    type_text(&mut app, "zzz");
    assert!(
        status(&mut app).contains("no match"),
        "{}",
        status(&mut app)
    );
    assert!(top(&app) <= top_before + 23);
    press(&mut app, "ctrl-u");
    type_text(&mut app, "(Kim");
    let line = status(&mut app);
    assert!(line.contains("not a valid regular expression"), "{line}");
    press(&mut app, "enter");
    let line = status(&mut app);
    assert!(line.contains("not a valid regular expression"), "{line}");
    press(&mut app, "/");
    // Backspace on an empty line leaves the prompt like Esc.
    press(&mut app, "ctrl-u backspace");
    assert!(app.prompt.is_none());
}

#[test]
fn a_phrase_broken_across_screen_rows_is_found() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    // Two words on either side of a row break inside one paragraph.
    let (phrase, row) = {
        let reader = app.reader.as_ref().expect("reader");
        let layout = reader.layout().expect("laid out");
        let body = &reader.article.body;
        let rows = layout.rows();
        (layout.body_start()..rows.len() - 1)
            .find_map(|i| {
                let (a, b) = (&rows[i], &rows[i + 1]);
                let gap = body.get(a.range.end..b.range.start)?;
                if a.range.is_empty()
                    || b.range.is_empty()
                    || gap.trim() != ""
                    || gap.contains('\n')
                {
                    return None;
                }
                let last = body[a.range.clone()].split_whitespace().last()?;
                let first = body[b.range.clone()].split_whitespace().next()?;
                let alpha = |w: &str| w.len() > 2 && w.chars().all(char::is_alphabetic);
                (alpha(last) && alpha(first)).then(|| (format!("{last} {first}"), i))
            })
            .expect("a wrapped paragraph")
    };
    press(&mut app, "/");
    type_text(&mut app, &phrase);
    press(&mut app, "enter");
    let reader = app.reader.as_ref().expect("reader");
    let layout = reader.layout().expect("laid out");
    let search = reader.search().expect("search");
    assert!(
        search
            .matches()
            .iter()
            .any(|m| layout.row_of_offset(m.start) == row
                && layout.row_of_offset(m.end - 1) == row + 1),
        "{phrase:?} across rows {row}/{} not found: {:?}",
        row + 1,
        search.matches()
    );
}

#[test]
fn history_walks_with_up_and_down_and_is_kept_in_the_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("lede.db")).expect("store");
    let mut app = reader_app(SEED);
    lede::tui::load_histories(&mut app, &store);
    assert!(app.history.article.is_empty());
    draw(&mut app, 80, 24);
    for query in ["Putin", "Shapps"] {
        press_with(&mut app, Some(&store), "/");
        type_text(&mut app, query);
        press_with(&mut app, Some(&store), "enter");
    }
    assert_eq!(
        store.history("article", 100).expect("history"),
        ["Putin", "Shapps"]
    );
    // A new run reads them back; ↑ brings the newest first, ↓ goes back to the draft.
    let mut app = reader_app(SEED);
    lede::tui::load_histories(&mut app, &store);
    draw(&mut app, 80, 24);
    press(&mut app, "/");
    type_text(&mut app, "Ki");
    press(&mut app, "up");
    assert_eq!(app.prompt.as_ref().map(|p| p.value()), Some("Shapps"));
    assert_eq!(
        counter(&app).as_deref(),
        Some("1/2"),
        "a history entry searches"
    );
    press(&mut app, "up");
    assert_eq!(app.prompt.as_ref().map(|p| p.value()), Some("Putin"));
    press(&mut app, "down down");
    assert_eq!(app.prompt.as_ref().map(|p| p.value()), Some("Ki"));
    press(&mut app, "up up enter");
    assert!(status(&mut app).contains("/Putin"));
    assert_eq!(app.history.of(PromptKind::Article), ["Shapps", "Putin"]);
}

#[test]
fn star_searches_for_the_entity_selected_in_the_panel() {
    let mut app = reader_app(SEED);
    draw(&mut app, 120, 40);
    press(&mut app, "t 2");
    let (name, forms, mentions) = {
        let reader = app.reader.as_ref().expect("reader");
        let panel = reader.panel.expect("panel");
        let group = &reader.groups[panel.selected()];
        let forms: Vec<String> = group
            .mentions
            .iter()
            .map(|m| reader.article.body[m.clone()].to_string())
            .collect();
        (group.name.clone(), forms, group.mentions.len())
    };
    assert!(
        forms.iter().any(|f| *f != name),
        "{name} has shorter forms: {forms:?}"
    );
    press(&mut app, "*");
    let reader = app.reader.as_ref().expect("reader");
    let search = reader.search().expect("search");
    // Every mention is found (and only forms of the name).
    assert!(
        search.matches().len() >= mentions,
        "{name}: {:?}",
        search.matches()
    );
    for m in search.matches() {
        let text = &reader.article.body[m.clone()];
        assert!(forms.iter().any(|f| f == text) || text == name, "{text}");
    }
    let line = screen_rows(&draw(&mut app, 120, 40))[39].clone();
    assert!(line.contains(&format!("/{name}|")), "{line}");
    // `n` then steps through its mentions.
    let index = |app: &App| {
        app.reader
            .as_ref()
            .and_then(|r| r.search())
            .and_then(|s| s.current_index())
    };
    let first = index(&app);
    press(&mut app, "n");
    assert_eq!(index(&app), first.map(|i| (i + 1) % search_len(&app)));
}

fn search_len(app: &App) -> usize {
    app.reader
        .as_ref()
        .and_then(|r| r.search())
        .map_or(1, |s| s.matches().len())
}

#[test]
fn reader_prompt_with_matches_80x24() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "/");
    type_text(&mut app, "Korea");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

#[test]
fn reader_prompt_with_matches_120x40() {
    let mut app = reader_app(SEED);
    draw(&mut app, 120, 40);
    press(&mut app, "/");
    type_text(&mut app, "Korea");
    press(&mut app, "enter n");
    let t = draw(&mut app, 120, 40);
    assert_snapshot!(t.backend());
}

/// Every cell's style: the matches in `search_match`, the current one in
/// `search_current`.
#[test]
fn reader_search_styles_80x24() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "/");
    type_text(&mut app, "Pyongyang");
    let t = draw(&mut app, 80, 24);
    insta::assert_debug_snapshot!(t.backend().buffer());
}

fn library_search(store: &Store, query: &str) -> App {
    let mut app = stored_library_app(store);
    press_with(&mut app, Some(store), "S");
    type_text(&mut app, query);
    press_with(&mut app, Some(store), "enter");
    app
}

#[test]
fn library_search_results_80x24() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with(dir.path(), "assets/articles");
    let mut app = library_search(&store, "Korea");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

#[test]
fn library_search_results_120x40() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with(dir.path(), "assets/articles");
    let mut app = library_search(&store, "war");
    press(&mut app, "j");
    let t = draw(&mut app, 120, 40);
    assert_snapshot!(t.backend());
}

#[test]
fn library_search_opens_the_article_at_its_first_hit_with_n_active() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with(dir.path(), "assets/articles");
    let mut app = stored_library_app(&store);
    press_with(&mut app, Some(&store), "ctrl-f");
    assert!(app.prompt.is_some(), "ctrl-f opens the prompt too");
    press(&mut app, "esc");
    assert!(app.prompt.is_none() && app.results.is_none());
    let mut app = library_search(&store, "Shapps");
    let results = app.results.as_ref().expect("results");
    assert_eq!(results.hits.len(), 1);
    assert!(results.hits[0].headline.contains("North Korea"));
    let t = draw(&mut app, 80, 24);
    let rows = screen_rows(&t);
    // The snippet's hit is drawn in the search match style.
    let (y, line) = rows
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, r)| r.contains("Shapps"))
        .expect("the snippet shows the hit");
    let x = line[..line.rfind("Shapps").expect("hit")].chars().count();
    let style = lede::config::Config::defaults()
        .theme
        .style(lede::config::Slot::SearchMatch);
    let cell = &t.backend().buffer()[(x as u16, y as u16)];
    assert_eq!(
        (cell.fg, cell.bg),
        (style.fg.expect("fg"), style.bg.expect("bg"))
    );
    assert!(store.history("library", 10).expect("history") == ["Shapps"]);
    press_with(&mut app, Some(&store), "enter");
    draw(&mut app, 80, 24);
    assert!(app.reader.is_some(), "Enter opens the article");
    // At the first hit the index found (the word Shapps; `Shappswarned` is one word to
    // it), with every match of the in-article search, the link's `grantshapps` too.
    assert_eq!(counter(&app).as_deref(), Some("2/3"));
    let row = current_row(&app).expect("the first hit is on screen");
    assert!(row < 23);
    assert!(status(&mut app).contains("/shapps 2/3"));
    press(&mut app, "n");
    assert_eq!(counter(&app).as_deref(), Some("3/3"));
    // q: back to the results, then to the library.
    press_with(&mut app, Some(&store), "q");
    assert!(app.reader.is_none() && app.results.is_some());
    press(&mut app, "q");
    assert!(app.results.is_none() && app.library.is_some());
    assert!(status(&mut app).contains("articles"));
}

#[test]
fn a_bad_library_query_is_a_one_line_error_and_nothing_found_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with(dir.path(), "assets/articles");
    let mut app = library_search(&store, "AND");
    assert!(app.results.is_none());
    let message = app.message.clone().expect("an error");
    assert!(
        message.is_error && !message.text.contains('\n'),
        "{message:?}"
    );
    assert!(status(&mut app).contains("search"), "{}", status(&mut app));
    let mut app = library_search(&store, "xylophonequartet");
    assert!(app.results.as_ref().is_some_and(|r| r.hits.is_empty()));
    let rows = screen_rows(&draw(&mut app, 80, 24)).join("\n");
    assert!(rows.contains("nothing found"), "{rows}");
    let mut urls = Vec::new();
    settle(&mut app, Some(&store), None, &mut urls);
    assert!(urls.is_empty());
}

#[test]
fn search_keys_are_remappable() {
    let toml = "[keys]\nsearch = [\"ctrl-s\"]\nsearch_next = [\"ctrl-n\"]\n";
    let config =
        lede::config::from_user_toml(toml, std::path::Path::new("user.toml")).expect("config");
    let mut app = reader_app(SEED);
    app.config = config;
    draw(&mut app, 80, 24);
    press(&mut app, "/");
    assert!(app.prompt.is_none(), "`/` is no longer bound in the reader");
    press(&mut app, "ctrl-s");
    type_text(&mut app, "Shapps");
    press(&mut app, "enter ctrl-n");
    assert_eq!(counter(&app).as_deref(), Some("2/2"));
    // The new keys show in the help and in hints.
    press(&mut app, "?");
    let rows = screen_rows(&draw(&mut app, 120, 40)).join("\n");
    press(&mut app, "ctrl-d ctrl-d");
    let more = screen_rows(&draw(&mut app, 120, 40)).join("\n");
    assert!((rows.clone() + &more).contains("Ctrl-s"), "{rows}\n{more}");
    press(&mut app, "q");
    assert!(app.help.is_none() && !app.should_quit());
    press(&mut app, "n");
    assert_eq!(counter(&app).as_deref(), Some("2/2"), "n is unbound now");
}
