//! Application state and its update function. Pure: events in, state and effects out; the
//! runtime (`run.rs`) performs the effects (reading files) and feeds the results back.

use std::path::PathBuf;

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::analysis::Analysis;
use crate::article::Article;
use crate::config::Config;
use crate::config::keys::KeyPress;

use super::action::Action;
use super::article_list::ArticleList;
use super::input::{Command, KeyInput};
use super::reader::{Focus, Reader};

/// Work the runtime must do for the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Read and analyse this article, then call [`App::open`] (or [`App::error`]).
    Open(PathBuf),
}

/// A one-line message in the status line until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

/// Rows of the wheel scroll per notch.
const WHEEL_ROWS: isize = 3;

pub struct App {
    pub config: Config,
    pub list: Option<ArticleList>,
    pub reader: Option<Reader>,
    /// The help overlay's scroll offset while it is open.
    pub help: Option<usize>,
    pub input: KeyInput,
    pub message: Option<Message>,
    /// Screen areas from the last draw, for mouse clicks.
    pub panel_area: Option<Rect>,
    /// The contents entry on each inner row of the panel, from the last draw.
    pub panel_rows: Vec<usize>,
    pub list_area: Option<Rect>,
    quit: bool,
}

impl App {
    /// An app showing the article list of a folder.
    pub fn with_list(config: Config, list: ArticleList) -> App {
        let mut app = App::empty(config);
        let problems = list.problems();
        if problems > 0 {
            app.error(format!(
                "{problems} file(s) could not be read: they are marked ⚠ (Enter shows why)"
            ));
        }
        app.list = Some(list);
        app
    }

    /// An app reading one article.
    pub fn with_article(config: Config, article: Article, analysis: Analysis) -> App {
        let mut app = App::empty(config);
        app.open(article, analysis);
        app
    }

    fn empty(config: Config) -> App {
        App {
            config,
            list: None,
            reader: None,
            help: None,
            input: KeyInput::default(),
            message: None,
            panel_area: None,
            panel_rows: Vec::new(),
            list_area: None,
            quit: false,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Shows an article (the result of [`Effect::Open`]).
    pub fn open(&mut self, article: Article, analysis: Analysis) {
        for w in &article.warnings {
            self.message = Some(Message {
                text: w.clone(),
                is_error: true,
            });
        }
        self.reader = Some(Reader::new(article, analysis));
    }

    pub fn error(&mut self, text: String) {
        self.message = Some(Message {
            text,
            is_error: true,
        });
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) -> Option<Effect> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    // Ctrl-c always quits, whatever the keymap says.
                    self.quit = true;
                    return None;
                }
                self.message = None;
                let command = self
                    .input
                    .press(&self.config.keymap, KeyPress::from_event(*key))?;
                self.apply(command)
            }
            Event::Mouse(mouse) => {
                let at = Position::new(mouse.column, mouse.row);
                match mouse.kind {
                    MouseEventKind::ScrollDown => self.wheel(at, WHEEL_ROWS),
                    MouseEventKind::ScrollUp => self.wheel(at, -WHEEL_ROWS),
                    MouseEventKind::Down(MouseButton::Left) => return self.click(at),
                    _ => {}
                }
                None
            }
            // Resizes need nothing here: the next draw lays out for the new size and keeps
            // the top row's text on top.
            _ => None,
        }
    }

    /// Applies one action (with its count) to the screen that has focus.
    pub fn apply(&mut self, command: Command) -> Option<Effect> {
        let Command { action, count } = command;
        let n = count as isize;
        if let Some(scroll) = &mut self.help {
            match action {
                Action::Help | Action::Close => self.help = None,
                Action::Quit => self.quit = true,
                Action::ScrollDown => *scroll = scroll.saturating_add(count),
                Action::ScrollUp => *scroll = scroll.saturating_sub(count),
                Action::PageDown | Action::HalfPageDown => *scroll = scroll.saturating_add(10),
                Action::PageUp | Action::HalfPageUp => *scroll = scroll.saturating_sub(10),
                Action::Top => *scroll = 0,
                Action::Bottom => *scroll = usize::MAX / 2,
                _ => {}
            }
            return None;
        }
        match action {
            Action::Help => {
                self.help = Some(0);
                return None;
            }
            Action::Quit => {
                self.quit = true;
                return None;
            }
            _ => {}
        }
        if self.reader.is_some() {
            self.apply_reader(action, n);
            None
        } else {
            self.apply_list(action, n)
        }
    }

    fn apply_reader(&mut self, action: Action, n: isize) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        let in_panel = reader.panel.is_some() && reader.focus == Focus::Panel;
        match action {
            Action::ScrollDown if in_panel => reader.move_selection(n),
            Action::ScrollUp if in_panel => reader.move_selection(-n),
            Action::Top if in_panel => reader.move_selection(isize::MIN / 2),
            Action::Bottom if in_panel => reader.move_selection(isize::MAX / 2),
            Action::ScrollDown => reader.scroll_by(n),
            Action::ScrollUp => reader.scroll_by(-n),
            Action::PageDown => reader.scroll_pages(n),
            Action::PageUp => reader.scroll_pages(-n),
            Action::HalfPageDown => reader.scroll_half_pages(n),
            Action::HalfPageUp => reader.scroll_half_pages(-n),
            Action::Top => reader.to_top(),
            Action::Bottom => reader.to_bottom(),
            Action::NextSection | Action::PrevSection => {
                let forward = action == Action::NextSection;
                if reader.analysis.sections.is_empty() {
                    self.info("this article has no sections");
                } else if !reader.jump_section(forward, n.unsigned_abs()) {
                    self.info(if forward {
                        "no more sections below"
                    } else {
                        "at the top"
                    });
                }
                self.sync_panel();
            }
            Action::ToggleContents => reader.toggle_panel(),
            Action::ToggleOriginal => {
                let count = reader.article.removed.len();
                reader.toggle_original();
                if reader.showing_original() {
                    self.info(format!(
                        "showing the original: {count} removed line(s), dimmed"
                    ));
                } else {
                    self.info("showing the cleaned text");
                }
            }
            Action::FocusNext => {
                if reader.panel.is_some() {
                    reader.focus = match reader.focus {
                        Focus::Text => Focus::Panel,
                        Focus::Panel => Focus::Text,
                    };
                } else {
                    let key = self.config.keymap.hint(Action::ToggleContents);
                    self.info(format!("no panel open ({key} opens the contents)"));
                }
            }
            Action::Select if in_panel => {
                if let Some(selected) = reader.panel.map(|p| p.selected) {
                    reader.jump_to_entry(selected);
                }
            }
            Action::Select => {}
            Action::Close => {
                if reader.panel.is_some() {
                    reader.panel = None;
                    reader.focus = Focus::Text;
                } else if self.list.is_some() {
                    self.reader = None;
                } else {
                    self.quit = true;
                }
            }
            Action::Help | Action::Quit => {}
        }
    }

    /// Keeps the contents selection on the section being read after a jump.
    fn sync_panel(&mut self) {
        if let Some(reader) = &mut self.reader {
            let current = reader.current_section().map_or(0, |i| i + 1);
            if let Some(panel) = &mut reader.panel {
                panel.selected = current;
            }
        }
    }

    fn apply_list(&mut self, action: Action, n: isize) -> Option<Effect> {
        let list = self.list.as_mut()?;
        let page = self
            .list_area
            .map_or(10, |a| isize::try_from(a.height.max(2)).unwrap_or(10) - 1);
        match action {
            Action::ScrollDown => list.move_by(n),
            Action::ScrollUp => list.move_by(-n),
            Action::PageDown => list.move_by(n * page),
            Action::PageUp => list.move_by(-n * page),
            Action::HalfPageDown => list.move_by(n * page / 2),
            Action::HalfPageUp => list.move_by(-n * page / 2),
            Action::Top => list.selected = 0,
            Action::Bottom => list.select_last(),
            Action::Select => {
                let entry = list.current()?;
                match &entry.title {
                    Err(problem) => {
                        let text = format!("{}: {problem}", entry.path.display());
                        self.error(text);
                    }
                    Ok(_) => return Some(Effect::Open(entry.path.clone())),
                }
            }
            Action::Close => self.quit = true,
            _ => {}
        }
        None
    }

    fn wheel(&mut self, at: Position, rows: isize) {
        if let Some(help) = &mut self.help {
            *help = help.saturating_add_signed(rows);
        } else if let Some(reader) = &mut self.reader {
            if self.panel_area.is_some_and(|a| a.contains(at)) {
                reader.move_selection(rows.signum());
            } else {
                reader.scroll_by(rows);
            }
        } else if let Some(list) = &mut self.list {
            list.move_by(rows.signum());
        }
    }

    fn click(&mut self, at: Position) -> Option<Effect> {
        if self.help.is_some() {
            return None;
        }
        if let (Some(reader), Some(area)) = (&mut self.reader, self.panel_area)
            && area.contains(at)
        {
            // The panel's border takes the first row.
            let row = usize::from(at.y.saturating_sub(area.y + 1));
            if let Some(&entry) = self.panel_rows.get(row) {
                reader.panel = Some(super::reader::ContentsPanel { selected: entry });
                reader.jump_to_entry(entry);
            }
            return None;
        }
        if self.reader.is_none()
            && let (Some(list), Some(area)) = (&mut self.list, self.list_area)
            && area.contains(at)
        {
            let index = list.offset + usize::from(at.y - area.y);
            if index < list.entries.len() {
                list.selected = index;
            }
        }
        None
    }
}
