//! Entities and quotations in the reader: colours, `e`/`E`, `"`/`'`, `x`, the Entities and
//! Quotes tabs, following a name with `f`.

mod common;

use common::{SEED, draw, press, reader_app, screen_rows};
use lede::config::Slot;

#[test]
fn entity_mentions_are_coloured_by_kind_and_x_hides_them() {
    let mut app = reader_app(SEED);
    let t = draw(&mut app, 80, 24);
    let person = app.config.theme.style(Slot::EntityPerson);
    let rows = screen_rows(&t);
    // "Vladimir Putinwho" in the first paragraph: "Vladimir" is a person mention.
    let y = rows
        .iter()
        .position(|r| r.contains("Vladimir Putinwho"))
        .expect("first paragraph on screen");
    let x = rows[y].find("Vladimir").expect("name") as u16;
    let x = rows[y][..x as usize].chars().count() as u16;
    let cell = &t.backend().buffer()[(x, y as u16)];
    assert_eq!(
        cell.fg,
        person.fg.unwrap_or_default(),
        "Vladimir in person colour"
    );
    press(&mut app, "x");
    let t = draw(&mut app, 80, 24);
    let cell = &t.backend().buffer()[(x, y as u16)];
    assert_ne!(
        cell.fg,
        person.fg.unwrap_or_default(),
        "x hides entity colours"
    );
}

#[test]
fn e_and_quote_keys_move_the_focus_mark_and_scroll_to_it() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "e");
    let first = app
        .reader
        .as_ref()
        .and_then(|r| r.focus_mark.clone())
        .expect("an entity is focused");
    press(&mut app, "e e E");
    let back = app.reader.as_ref().and_then(|r| r.focus_mark.clone());
    assert!(back.is_some_and(|m| m.start > first.start));
    // Quotations: walk far enough to need scrolling; the focused one stays on screen.
    press(&mut app, "8 \"");
    let reader = app.reader.as_ref().expect("reader");
    let quote = reader.focus_mark.clone().expect("a quotation is focused");
    assert!(reader.analysis.quotes.iter().any(|q| q.range == quote));
    let t = draw(&mut app, 80, 24);
    let focus = app.config.theme.style(Slot::Focus);
    let buf = t.backend().buffer();
    let shown =
        (0..23u16).any(|y| (0..80u16).any(|x| buf[(x, y)].modifier.contains(focus.add_modifier)));
    assert!(shown, "the focused quotation is drawn in the focus style");
}

#[test]
fn entities_tab_groups_names_and_follow_filters_paragraphs() {
    let mut app = reader_app(SEED);
    draw(&mut app, 120, 40);
    press(&mut app, "t 2");
    let rows = screen_rows(&draw(&mut app, 120, 40)).join("\n");
    assert!(rows.contains("People"), "{rows}");
    assert!(rows.contains("Places"), "{rows}");
    let reader = app.reader.as_ref().expect("reader");
    let putin = reader
        .groups
        .iter()
        .position(|g| g.name == "Vladimir Putin")
        .expect("Putin grouped under his full name");
    assert!(
        reader.groups[putin].mentions.len() >= 5,
        "short forms folded in"
    );
    // Select Putin, follow him: every shown paragraph mentions him.
    let first_person = reader
        .groups
        .iter()
        .position(|g| g.kind == "person")
        .unwrap_or(0);
    let steps = putin - first_person;
    press(&mut app, "g g");
    for _ in 0..steps {
        press(&mut app, "j");
    }
    press(&mut app, "f");
    let reader = app.reader.as_ref().expect("reader");
    assert_eq!(reader.following, Some(putin));
    // Following also searches for the name, so n/N step through its mentions.
    let search = reader.search().expect("a search");
    assert!(search.is_active());
    assert!(search.matches().len() >= reader.groups[putin].mentions.len());
    let rows = screen_rows(&draw(&mut app, 120, 40));
    let status = &rows[39];
    assert!(status.contains("following Vladimir Putin"), "{status}");
    press(&mut app, "n");
    let status = screen_rows(&draw(&mut app, 120, 40))[39].clone();
    assert!(
        status.contains("following Vladimir Putin") && status.contains("2/"),
        "{status}"
    );
    let text = rows.join("\n");
    assert!(
        !text.contains("Ushakov said that the new document"),
        "paragraph without Putin hidden"
    );
    press(&mut app, "f");
    assert_eq!(app.reader.as_ref().and_then(|r| r.following), None);
}

#[test]
fn quotes_tab_lists_speakers_and_enter_jumps() {
    let mut app = reader_app(SEED);
    draw(&mut app, 120, 40);
    press(&mut app, "t 3");
    let rows = screen_rows(&draw(&mut app, 120, 40)).join("\n");
    assert!(rows.contains("Podoliak"), "{rows}");
    press(&mut app, "G enter");
    let reader = app.reader.as_ref().expect("reader");
    let last = reader.analysis.quotes.last().map(|q| q.range.clone());
    assert_eq!(reader.focus_mark, last);
}
