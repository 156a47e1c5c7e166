//! The config file: shipped defaults, merging a user's file over them, and exact error texts.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyModifiers};
use lede::config::keys::{KeyPress, KeySeq};
use lede::config::{self, Config, DEFAULT_CONFIG, KeyMatch, Slot};
use lede::tui::action::{Action, Screen};
use ratatui::style::{Color, Modifier, Style};

const FIXTURES: &str = "tests/fixtures/config";

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn load_fixture(name: &str) -> Config {
    config::from_file(&fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// The keys of `action` as the help screen shows them.
fn keys(config: &Config, action: Action) -> Vec<String> {
    config
        .keymap
        .keys_for(action)
        .map(ToString::to_string)
        .collect()
}

fn press(text: &str) -> Vec<KeyPress> {
    KeySeq::parse(text).expect("valid key").0
}

#[test]
fn shipped_config_is_the_defaults() {
    let from_file = config::from_file(Path::new("config.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_file, Config::defaults());
    let from_text = config::from_user_toml(DEFAULT_CONFIG, Path::new("config.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_text, Config::defaults());
    assert_eq!(Config::try_defaults(), Ok(Config::defaults()));
}

#[test]
fn defaults_follow_keys_md() {
    let c = Config::defaults();
    let expected: [(Action, &[&str]); 16] = [
        (Action::ScrollDown, &["j", "↓"]),
        (Action::ScrollUp, &["k", "↑"]),
        (Action::PageDown, &["Space", "PageDown"]),
        (Action::PageUp, &["b", "PageUp"]),
        (Action::HalfPageDown, &["Ctrl-d"]),
        (Action::HalfPageUp, &["Ctrl-u"]),
        (Action::Top, &["g g", "Home"]),
        (Action::Bottom, &["G", "End"]),
        (Action::NextSection, &["]"]),
        (Action::PrevSection, &["["]),
        (Action::ToggleContents, &["t"]),
        (Action::FocusNext, &["Tab"]),
        (Action::Select, &["Enter"]),
        (Action::Help, &["?", "F1"]),
        (Action::Close, &["q", "Esc"]),
        (Action::Quit, &["Ctrl-c"]),
    ];
    for (action, want) in expected {
        assert_eq!(keys(&c, action), want, "{}", action.name());
    }
    assert_eq!(c.reader.width, 100);
    assert_eq!(c.reader.panel_width, 34);
    assert_eq!(c.library.path, None);
}

#[test]
fn defaults_bind_every_action_and_style_every_slot() {
    let c = Config::defaults();
    for action in Action::ALL {
        assert!(!keys(&c, action).is_empty(), "{} unbound", action.name());
        // The shipped file documents every action by name.
        assert!(DEFAULT_CONFIG.contains(&format!("\n{} = [", action.name())));
    }
    for slot in Slot::ALL {
        assert!(c.theme.get(slot).is_some(), "{} unstyled", slot.name());
        assert!(DEFAULT_CONFIG.contains(&format!("\n{} = {{", slot.name())));
    }
    assert!(
        c.theme
            .style(Slot::Status)
            .add_modifier
            .contains(Modifier::REVERSED),
        "the status line must stand out on any terminal"
    );
}

#[test]
fn bindings_are_in_action_order() {
    let c = load_fixture("valid_override.toml");
    let order: Vec<usize> = c
        .keymap
        .bindings()
        .iter()
        .map(|(_, a)| Action::ALL.iter().position(|x| x == a).expect("known"))
        .collect();
    assert!(order.is_sorted(), "{order:?}");
}

#[test]
fn user_file_overrides_a_key_and_a_style_and_leaves_the_rest() {
    let c = load_fixture("valid_override.toml");
    let d = Config::defaults();
    assert_eq!(c.reader.width, 80);
    assert_eq!(c.reader.panel_width, d.reader.panel_width);
    assert_eq!(c.library, d.library);
    assert_eq!(keys(&c, Action::ScrollDown), ["J", "Ctrl-n"]);
    // `j` no longer scrolls the reader (it still extends a selection).
    assert_eq!(
        c.keymap.lookup_on(&press("j"), Screen::Reader),
        KeyMatch::None
    );
    for action in Action::ALL.into_iter().filter(|a| *a != Action::ScrollDown) {
        assert_eq!(keys(&c, action), keys(&d, action), "{}", action.name());
    }
    // The slot's table replaces its whole style: no `bold` left over from the default.
    assert_eq!(
        c.theme.style(Slot::Headline),
        Style::default()
            .fg(Color::Red)
            .add_modifier(Modifier::ITALIC)
    );
    for slot in Slot::ALL.into_iter().filter(|s| *s != Slot::Headline) {
        assert_eq!(c.theme.get(slot), d.theme.get(slot), "{}", slot.name());
    }
}

#[test]
fn user_binding_takes_over_a_default_one() {
    let c = load_fixture("valid_takeover.toml");
    assert_eq!(keys(&c, Action::Help), ["q"]);
    assert_eq!(keys(&c, Action::Close), ["Esc"]);
    // "g" starts the default "g g" of `top`, which gives way.
    assert_eq!(keys(&c, Action::FocusNext), ["g"]);
    assert_eq!(keys(&c, Action::Top), ["Home"]);
    assert_eq!(
        c.keymap.lookup(&press("g")),
        KeyMatch::Action(Action::FocusNext)
    );
}

#[test]
fn ctrl_c_quits_even_when_quit_is_unbound() {
    let c = load_fixture("valid_unbind.toml");
    assert_eq!(keys(&c, Action::Quit), ["Ctrl-c"]);
    assert!(keys(&c, Action::ToggleContents).is_empty());
    let ctrl_c = KeyPress::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(c.keymap.lookup(&[ctrl_c]), KeyMatch::Action(Action::Quit));
}

#[test]
fn library_path_expands_home() {
    let c = load_fixture("valid_library.toml");
    let home = std::env::var_os("HOME").expect("HOME is set for tests");
    assert_eq!(c.library.path, Some(PathBuf::from(home).join("news")));
}

#[test]
fn a_file_of_comments_changes_nothing() {
    assert_eq!(load_fixture("valid_empty.toml"), Config::defaults());
}

/// Every invalid fixture and the exact line lede prints for it.
const INVALID: &[(&str, &str)] = &[
    (
        "invalid_unknown_section.toml",
        "4:2: unknown section `colours`",
    ),
    (
        "invalid_top_level_option.toml",
        "1:1: unknown option `width` outside any section (such as [reader])",
    ),
    (
        "invalid_section_not_table.toml",
        "1:10: [reader] must be a table, not an integer",
    ),
    (
        "invalid_unknown_option.toml",
        "2:1: unknown option `widht` in [reader]",
    ),
    (
        "invalid_unknown_action.toml",
        "4:5: unknown action `scrol_down` in [keys]",
    ),
    (
        "invalid_unknown_slot.toml",
        "2:1: unknown theme slot `hedline` in [theme]",
    ),
    (
        "invalid_bad_colour.toml",
        "2:32: unknown colour `purpel` for `headline` in [theme]",
    ),
    (
        "invalid_bad_attribute.toml",
        "2:14: unknown attribute `blod` for `headline` in [theme]",
    ),
    (
        "invalid_bool_type.toml",
        "2:19: `italic` of `deck` in [theme] must be true or false, not a string",
    ),
    (
        "invalid_bad_key_name.toml",
        "2:23: unknown key `pgdn` for `page_down` in [keys]",
    ),
    (
        "invalid_bad_key_after_unicode.toml",
        "2:19: unknown key `pgup` for `help` in [keys]",
    ),
    (
        "invalid_width_too_small.toml",
        "2:9: `width` in [reader] must be between 20 and 1000, not 5",
    ),
    (
        "invalid_width_too_large.toml",
        "2:9: `width` in [reader] must be between 20 and 1000, not 1001",
    ),
    (
        "invalid_wrong_type.toml",
        "2:9: `width` in [reader] must be an integer, not a string",
    ),
    (
        "invalid_keys_not_a_list.toml",
        "2:7: `top` in [keys] must be a list of key sequences such as [\"j\", \"down\"], not a string",
    ),
    (
        "invalid_conflict.toml",
        "3:17: `x` for `close` is already bound to `help`",
    ),
    (
        "invalid_prefix_conflict.toml",
        "3:8: `g g` for `top` starts with `g`, already bound to `help`",
    ),
    (
        "invalid_listed_twice.toml",
        "2:29: `j` is listed twice for `scroll_down`",
    ),
    (
        "invalid_ctrl_c.toml",
        "2:9: `ctrl-c` always quits lede; it cannot be bound to `help`",
    ),
    (
        "invalid_prefix_conflict_shorter.toml",
        "3:14: `g` for `help` is the start of `g g` for `top`, so `g g` could never be typed",
    ),
    (
        "invalid_ctrl_c_prefix.toml",
        "2:9: `ctrl-c q` for `quit` starts with `ctrl-c`, which always quits lede",
    ),
    ("invalid_syntax.toml", "1:8: unclosed table, expected `]`"),
    ("invalid_duplicate_key.toml", "3:1: duplicate key"),
];

#[test]
fn invalid_files_give_exact_one_line_errors() {
    for (name, want) in INVALID {
        let path = fixture(name);
        let err = config::from_file(&path).expect_err(name);
        assert_eq!(
            err.to_string(),
            format!("{}:{want}", path.display()),
            "{name}"
        );
        assert!(!err.to_string().contains('\n'));
        assert_eq!(err.path(), path);
    }
}

#[test]
fn every_invalid_fixture_is_checked() {
    let mut on_disk: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("fixture dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("invalid_"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = INVALID.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn explicit_missing_file_is_an_error_naming_it() {
    let path = fixture("does_not_exist.toml");
    let err = config::load(Some(&path)).expect_err("missing file");
    assert_eq!(
        err.to_string(),
        format!("{}: config file not found", path.display())
    );
    assert_eq!(err.line(), None);
}

#[test]
fn explicit_file_is_loaded() {
    let c = config::load(Some(&fixture("valid_override.toml"))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.reader.width, 80);
}
