//! Flows: key and mouse events fed to the app, checked on its state and screen.

mod common;

use common::{SEED, draw, press, reader_app, screen_rows};
use crossterm::event::{Event, KeyModifiers, MouseEvent, MouseEventKind};

fn top_text(app: &mut lede::tui::App, w: u16, h: u16) -> String {
    screen_rows(&draw(app, w, h))[0].trim().to_string()
}

#[test]
fn section_keys_walk_the_seed_headings_and_back() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    let headings = [
        "Against US hegemony",
        "“Russia and Korea do not accept blackmail”",
        "Concern in the US and the UK",
    ];
    for (i, h) in headings.iter().enumerate() {
        press(&mut app, "]");
        let rows = screen_rows(&draw(&mut app, 80, 24));
        assert_eq!(rows[0].trim(), *h);
        assert!(rows[23].contains(&format!("§{}/3", i + 1)), "{}", rows[23]);
    }
    press(&mut app, "]");
    let rows = screen_rows(&draw(&mut app, 80, 24));
    assert!(rows[23].contains("no more sections"), "{}", rows[23]);
    press(&mut app, "[ [");
    assert_eq!(top_text(&mut app, 80, 24), headings[0]);
    press(&mut app, "[");
    assert!(top_text(&mut app, 80, 24).starts_with("Russia and North Korea"));
}

#[test]
fn counts_repeat_section_jumps_and_scrolling() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "2 ]");
    assert_eq!(
        top_text(&mut app, 80, 24),
        "“Russia and Korea do not accept blackmail”"
    );
    let top = app.reader.as_ref().map(|r| r.top()).unwrap_or_default();
    press(&mut app, "5 j");
    assert_eq!(app.reader.as_ref().map(|r| r.top()), Some(top + 5));
}

#[test]
fn contents_panel_jumps_to_the_selected_heading() {
    let mut app = reader_app(SEED);
    draw(&mut app, 120, 40);
    press(&mut app, "t j j enter");
    assert!(top_text(&mut app, 120, 40).starts_with("“Russia and Korea do not accept blackmail”"));
    // The panel stays open and marks the current section.
    let rows = screen_rows(&draw(&mut app, 120, 40));
    assert!(rows.iter().any(|r| r.contains("▸ 2. “Russia")), "{rows:#?}");
    press(&mut app, "q");
    assert!(app.reader.as_ref().is_some_and(|r| r.panel.is_none()));
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut app = reader_app(SEED);
    draw(&mut app, 120, 40);
    press(&mut app, "] 3 j");
    let before = app.reader.as_ref().map(|r| {
        let layout = r.layout().expect("laid out");
        layout.offset_of_row(r.top())
    });
    for (w, h) in [(80, 24), (50, 20), (200, 60), (120, 40)] {
        draw(&mut app, w, h);
        let reader = app.reader.as_ref().expect("reader");
        let layout = reader.layout().expect("laid out");
        let row = &layout.rows()[reader.top()];
        let offset = before.expect("offset");
        assert!(
            row.range.start <= offset && offset <= row.range.end.max(row.range.start + 1),
            "at {w}x{h} the top row {:?} lost offset {offset}",
            row.range
        );
    }
}

#[test]
fn wheel_scrolls_and_bottom_shows_100_percent() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    });
    app.handle_event(&wheel);
    assert_eq!(app.reader.as_ref().map(|r| r.top()), Some(3));
    press(&mut app, "G");
    let rows = screen_rows(&draw(&mut app, 80, 24));
    assert!(rows[23].contains("100%"), "{}", rows[23]);
    press(&mut app, "g g");
    assert_eq!(app.reader.as_ref().map(|r| r.top()), Some(0));
}

#[test]
fn help_opens_and_closes_and_lists_every_action_of_its_screen() {
    use lede::tui::action::{Action, Screen};
    let mut reader = reader_app(SEED);
    let mut library = common::sample_library_app();
    for (app, screen) in [
        (&mut reader, Screen::Reader),
        (&mut library, Screen::Library),
    ] {
        press(app, "?");
        let mut seen = String::new();
        // The help scrolls when it is longer than the window.
        for _ in 0..3 {
            seen.push_str(&screen_rows(&draw(app, 120, 40)).join("\n"));
            press(app, "ctrl-d");
        }
        for action in Action::ALL {
            assert_eq!(
                seen.contains(action.description()),
                action.works_on(screen),
                "{action:?} on {screen:?}"
            );
        }
        press(app, "esc");
        assert!(app.help.is_none());
        press(app, "q");
        assert!(app.should_quit());
    }
}

#[test]
fn clicking_a_contents_entry_jumps_to_it() {
    let mut app = reader_app(SEED);
    draw(&mut app, 120, 40);
    press(&mut app, "t");
    let rows = screen_rows(&draw(&mut app, 120, 40));
    let area = app.panel_area.expect("panel drawn");
    let y = rows
        .iter()
        .position(|r| r.contains("3. Concern"))
        .expect("third heading listed");
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: area.x + 3,
        row: u16::try_from(y).expect("row"),
        modifiers: KeyModifiers::NONE,
    });
    app.handle_event(&click);
    assert!(top_text(&mut app, 120, 40).starts_with("Concern in the US and the UK"));
}

#[test]
fn headline_and_headings_are_drawn_in_their_theme_styles() {
    use lede::config::Slot;
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "]");
    let t = draw(&mut app, 80, 24);
    let heading = app.config.theme.style(Slot::Heading);
    let body = app.config.theme.style(Slot::Body);
    assert_ne!(heading, body, "the default theme sets headings apart");
    let buf = t.backend().buffer();
    let cell = &buf[(2, 0)];
    assert_eq!(cell.symbol(), "A");
    assert_eq!(cell.modifier, heading.add_modifier);
    assert_eq!(cell.fg, heading.fg.unwrap_or_default());
    // Two rows down is body text.
    assert_eq!(buf[(2, 2)].modifier, body.add_modifier);
}

#[test]
fn tiny_and_odd_window_sizes_never_panic() {
    let mut app = reader_app(SEED);
    for keys in ["", "t", "?", "esc t ]"] {
        if !keys.is_empty() {
            press(&mut app, keys);
        }
        for (w, h) in [
            (1, 1),
            (2, 2),
            (5, 3),
            (19, 4),
            (20, 5),
            (33, 7),
            (64, 2),
            (300, 3),
        ] {
            draw(&mut app, w, h);
            press(&mut app, "j G ] [ g g");
        }
    }
    let mut library = common::sample_library_app();
    for (w, h) in [(1, 1), (3, 2), (12, 4), (40, 3)] {
        draw(&mut library, w, h);
        press(&mut library, "G ?");
        draw(&mut library, w, h);
        press(&mut library, "esc");
    }
}

#[test]
fn show_original_puts_removed_lines_back_dimmed_and_keeps_the_position() {
    use lede::config::Slot;
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "G");
    let cleaned = screen_rows(&draw(&mut app, 80, 24)).join("\n");
    assert!(!cleaned.contains("For Latest Updates"));
    press(&mut app, "o");
    draw(&mut app, 80, 24);
    press(&mut app, "G");
    let t = draw(&mut app, 80, 24);
    let rows = screen_rows(&t);
    let y = rows
        .iter()
        .position(|r| r.contains("For Latest Updates Follow us on Google"))
        .expect("footer shown");
    assert!(
        rows.iter()
            .any(|r| r.contains("NEXT After the quadruple crime"))
    );
    assert!(rows[23].contains("original"), "{}", rows[23]);
    let muted = app.config.theme.style(Slot::Muted);
    assert_eq!(
        t.backend().buffer()[(2, y as u16)].modifier,
        muted.add_modifier
    );
    // Toggling keeps the paragraph on top.
    press(&mut app, "g g ] o");
    assert_eq!(top_text(&mut app, 80, 24), "Against US hegemony");
    // With the original shown, the repeated headline lines are back under the header.
    press(&mut app, "o");
    draw(&mut app, 80, 24);
    press(&mut app, "g g");
    let rows = screen_rows(&draw(&mut app, 80, 24)).join("\n");
    assert!(rows.contains("| President Vladimir Putin"), "{rows}");
    press(&mut app, "o");
    let rows = screen_rows(&draw(&mut app, 80, 24)).join("\n");
    assert!(!rows.contains("| President Vladimir Putin"), "{rows}");
}
