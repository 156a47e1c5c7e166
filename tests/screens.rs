//! Screen snapshots (TestBackend + insta) of the reader, contents panel, help and list.

mod common;

use common::{SEED, draw, press, reader_app};
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

#[test]
fn list_80x24() {
    let mut app = common::list_app("assets/articles");
    let t = draw(&mut app, 80, 24);
    assert_snapshot!(t.backend());
}

#[test]
fn list_120x40() {
    let mut app = common::list_app("assets/articles");
    press(&mut app, "j j");
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
