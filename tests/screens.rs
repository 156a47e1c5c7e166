//! Screen snapshots (TestBackend + insta) of the reader, contents panel, help and the
//! library.

mod common;

use common::{SEED, draw, press, reader_app, sample_library_app, type_text};
use insta::assert_snapshot;

#[test]
fn reader_80x24() {
    let mut app = reader_app(SEED);
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

#[test]
fn reader_120x40() {
    let mut app = reader_app(SEED);
    let t = draw(&mut app, 120, 40);
    assert_snapshot!(t.backend());
}

#[test]
fn reader_second_section_80x24() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "] ]");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

#[test]
fn contents_panel_80x24() {
    let mut app = reader_app(SEED);
    draw(&mut app, 80, 24);
    press(&mut app, "t");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

#[test]
fn contents_panel_120x40() {
    let mut app = reader_app(SEED);
    draw(&mut app, 120, 40);
    press(&mut app, "t j j");
    let t = draw(&mut app, 120, 40);
    assert_snapshot!(t.backend());
}

#[test]
fn help_80x24() {
    let mut app = reader_app(SEED);
    press(&mut app, "?");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

#[test]
fn help_120x40() {
    let mut app = reader_app(SEED);
    press(&mut app, "?");
    let t = draw(&mut app, 120, 40);
    assert_snapshot!(t.backend());
}

/// The coloured reader: a debug snapshot keeps every cell's style, so a change in what is
/// marked (entities, quotations) or how shows up here.
#[test]
fn coloured_reader_styles_80x24() {
    let mut app = reader_app(SEED);
    let t = draw(&mut app, 80, 24);
    insta::assert_debug_snapshot!(t.backend().buffer());
}

#[test]
fn library_80x24() {
    let mut app = sample_library_app();
    press(&mut app, "j");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

#[test]
fn library_120x40() {
    let mut app = sample_library_app();
    let t = draw(&mut app, 120, 40);
    assert_snapshot!(t.backend());
}

/// Narrow: the source column gives way first, then date and notes.
#[test]
fn library_60x12() {
    let mut app = sample_library_app();
    press(&mut app, "G");
    let t = draw(&mut app, 60, 12);
    assert_snapshot!(t.backend());
}

/// Typing a filter: the prompt in the status line, the list narrowed as typed.
#[test]
fn library_filter_typing_80x24() {
    let mut app = sample_library_app();
    press(&mut app, "/");
    type_text(&mut app, "wiki pol");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

/// A kept filter, sorted by source: equal matches (the whole word) in source order, the
/// scattered ones after them.
#[test]
fn library_filtered_sorted_by_source_120x40() {
    let mut app = sample_library_app();
    press(&mut app, "/");
    type_text(&mut app, "korea");
    press(&mut app, "enter s");
    let t = draw(&mut app, 120, 40);
    assert_snapshot!(t.backend());
}

#[test]
fn library_sorted_by_source_80x24() {
    let mut app = sample_library_app();
    press(&mut app, "s");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

#[test]
fn library_help_80x24() {
    let mut app = sample_library_app();
    press(&mut app, "?");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

/// The byline (source · author · date) and the article's address under the headline.
#[test]
fn reader_byline_80x24() {
    let mut app = common::reader_app_with_meta();
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}
