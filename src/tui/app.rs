//! Application state and its update function. Pure: events in, state and effects out; the
//! runtime (`run.rs`) performs the effects (reading files) and feeds the results back.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::analysis::Analysis;
use crate::article::Article;
use crate::config::Config;
use crate::config::keys::KeyPress;

use super::action::Action;
use super::article_list::ArticleList;
use super::input::{Command, KeyInput};
use super::panel::Tab;
use super::reader::{Focus, Reader};

/// Work the runtime must do for the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Read this article, then call [`App::open`] (or [`App::error`]).
    Open(PathBuf),
    /// Run the full analysis (entities, quotations) off the UI thread, then call
    /// [`App::analysed`] with the same generation.
    Analyse {
        generation: u64,
        article: Arc<Article>,
    },
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
    /// The panel entry on each inner row of the panel (none on headers), from the last draw.
    pub panel_rows: Vec<Option<usize>>,
    pub list_area: Option<Rect>,
    /// Work queued for the runtime by state changes (see [`App::take_effects`]).
    effects: Vec<Effect>,
    /// Counts article opens, so a late analysis of a closed article is dropped.
    generation: u64,
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
            effects: Vec::new(),
            generation: 0,
            quit: false,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Shows an article at once with what is already known of it (at least its sections),
    /// and queues the rest of the analysis.
    pub fn open(&mut self, article: Article, analysis: Analysis) {
        for w in &article.warnings {
            self.message = Some(Message {
                text: w.clone(),
                is_error: true,
            });
        }
        self.generation += 1;
        let article = Arc::new(article);
        self.effects.push(Effect::Analyse {
            generation: self.generation,
            article: Arc::clone(&article),
        });
        self.reader = Some(Reader::new(article, analysis, self.generation));
    }

    /// Takes the result of [`Effect::Analyse`]; ignored if that article was closed.
    pub fn analysed(&mut self, generation: u64, analysis: Analysis) {
        if let Some(reader) = &mut self.reader
            && reader.generation == generation
        {
            reader.set_analysis(analysis);
        }
    }

    /// The effects queued since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
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
                // Digits are counts unless the side panel has the focus.
                let counts = !self
                    .reader
                    .as_ref()
                    .is_some_and(|r| r.panel.is_some() && r.focus == Focus::Panel);
                let command =
                    self.input
                        .press(&self.config.keymap, KeyPress::from_event(*key), counts)?;
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
            Action::PanelContents => reader.show_tab(Tab::Contents),
            Action::PanelEntities => reader.show_tab(Tab::Entities),
            Action::PanelQuotes => reader.show_tab(Tab::Quotes),
            Action::Follow => {
                let target = if in_panel && reader.panel.is_some_and(|p| p.tab == Tab::Entities) {
                    reader.panel.map(|p| p.selected())
                } else {
                    reader.focus_mark.clone().and_then(|m| reader.group_of(&m))
                };
                if reader.following.is_some() {
                    reader.follow(None);
                    self.info("showing every paragraph");
                } else if let Some(group) = target.filter(|&g| g < reader.groups.len()) {
                    reader.follow(Some(group));
                    let g = &reader.groups[group];
                    let text = format!("following {} ({} mentions)", g.name, g.mentions.len());
                    self.info(text);
                } else {
                    let panel = self.config.keymap.hint(Action::PanelEntities);
                    let next = self.config.keymap.hint(Action::NextEntity);
                    self.info(format!(
                        "pick an entity first: {next} moves to one, {panel} lists them"
                    ));
                }
            }
            Action::ToggleEntities => {
                reader.show_entities = !reader.show_entities;
                let state = if reader.show_entities {
                    "shown"
                } else {
                    "hidden"
                };
                self.info(format!("entity colours {state}"));
            }
            Action::NextEntity | Action::PrevEntity | Action::NextQuote | Action::PrevQuote => {
                let forward = matches!(action, Action::NextEntity | Action::NextQuote);
                let quotes = matches!(action, Action::NextQuote | Action::PrevQuote);
                let mut at = reader
                    .focus_mark
                    .as_ref()
                    .map_or_else(|| reader.top_offset(), |m| m.start);
                if reader.focus_mark.is_none() && !forward {
                    at = at.saturating_add(1);
                }
                let mut found = None;
                for _ in 0..n.unsigned_abs().max(1) {
                    let next = if quotes {
                        reader.marks.next_quote(at, forward)
                    } else {
                        reader.marks.next_entity(at, forward)
                    };
                    match next {
                        Some(m) => {
                            at = m.start;
                            found = Some(m);
                        }
                        None => break,
                    }
                }
                match found {
                    Some(mark) => reader.focus_on(mark),
                    None => {
                        let what = if quotes {
                            "quotation"
                        } else {
                            "entity mention"
                        };
                        let way = if forward { "below" } else { "above" };
                        self.info(format!("no {what} {way}"));
                    }
                }
            }
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
                if let Some(panel) = reader.panel {
                    select_entry(reader, panel.tab, panel.selected());
                }
            }
            Action::Select => {}
            Action::Close => {
                if reader.following.is_some() {
                    reader.follow(None);
                } else if reader.panel.is_some() {
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
            let len = reader.entries();
            if let Some(panel) = &mut reader.panel
                && panel.tab == Tab::Contents
            {
                panel.select(current, len);
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
            if let (Some(Some(entry)), Some(mut panel)) = (self.panel_rows.get(row), reader.panel) {
                let len = reader.entries_of(panel.tab);
                panel.select(*entry, len);
                reader.panel = Some(panel);
                select_entry(reader, panel.tab, *entry);
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

/// `Enter` on a panel entry: jump to a section, to the next mention of a name (cycling), or
/// to a quotation.
fn select_entry(reader: &mut Reader, tab: Tab, entry: usize) {
    match tab {
        Tab::Contents => reader.jump_to_entry(entry),
        Tab::Entities => {
            let Some(group) = reader.groups.get(entry) else {
                return;
            };
            let after = reader
                .focus_mark
                .as_ref()
                .filter(|m| group.mentions.contains(m))
                .map(|m| m.start);
            let next: Option<&std::ops::Range<usize>> = after
                .and_then(|a| group.mentions.iter().find(|m| m.start > a))
                .or_else(|| group.mentions.first());
            let next = next.cloned();
            if let Some(mark) = next {
                reader.focus_on(mark);
            }
        }
        Tab::Quotes => {
            if let Some(quote) = reader.analysis.quotes.get(entry) {
                let range = quote.range.clone();
                reader.focus_on(range);
            }
        }
    }
}
