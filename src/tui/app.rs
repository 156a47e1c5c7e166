//! Application state and its update function. Pure: events in, state and effects out; the
//! runtime (`run.rs`) performs the effects (the store, files, the browser) and feeds the
//! results back.

use std::sync::Arc;

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::layout::{Position as Cell, Rect};

use crate::analysis::Analysis;
use crate::article::Article;
use crate::config::Config;
use crate::config::keys::KeyPress;
use crate::store::{LibraryEntry, Position, StoredArticle};

mod library_actions;
mod note_actions;
mod reader_actions;
mod search_actions;

pub use search_actions::HISTORY_LIMIT;
mod stored;

use reader_actions::select_entry;

use super::action::{Action, Screen};
use super::editor::NoteEditor;
use super::input::{Command, KeyInput};
use super::library::Library;
use super::prompt::{Prompt, PromptKind};
use super::reader::{Focus, Reader, ViewMark};
use super::results::Results;

/// Work the runtime must do for the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Read article `id` from the store, then call [`App::open_stored`] (or
    /// [`App::error`]).
    Load(i64),
    /// Run the full analysis (entities, quotations) off the UI thread, then call
    /// [`App::analysed`] with the same generation.
    Analyse {
        generation: u64,
        article: Arc<Article>,
    },
    /// Cache an article's full analysis in the store.
    SaveAnalysis {
        id: i64,
        content_hash: String,
        analysis: Box<Analysis>,
    },
    /// Save where the reader was in article `id`.
    SavePosition { id: i64, position: Position },
    /// Open a web address with `$BROWSER`, detached.
    OpenUrl(String),
    /// Search every article for this FTS5 query, then call [`App::searched`].
    SearchLibrary(String),
    /// Remember a kept search query in the store's history of its kind.
    SaveHistory { kind: PromptKind, query: String },
    /// Write an annotation (one transaction), then call [`App::annotation_saved`].
    SaveAnnotation(Box<crate::annotate::Annotation>),
    /// Delete an annotation, then call [`App::annotation_deleted`].
    DeleteAnnotation(String),
    /// Suspend the screen, edit this text in `$EDITOR`, then call
    /// [`App::edited_externally`].
    EditExternally(String),
    /// Re-import article `id`'s file (re-anchoring its highlights), then reopen it.
    Reload(i64),
    /// Write article `id`'s notes as Markdown and W3C JSON files into `dir` (`None`: the
    /// current folder).
    ExportNotes {
        id: i64,
        dir: Option<std::path::PathBuf>,
    },
}

/// Earlier search queries, oldest first, by prompt kind (loaded from the store by the
/// runtime, see [`App::set_history`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Histories {
    pub article: Vec<String>,
    pub library: Vec<String>,
    pub notes: Vec<String>,
}

impl Histories {
    pub fn of(&self, kind: PromptKind) -> &[String] {
        match kind {
            PromptKind::Article => &self.article,
            PromptKind::Library => &self.library,
            PromptKind::Notes => &self.notes,
        }
    }

    fn of_mut(&mut self, kind: PromptKind) -> &mut Vec<String> {
        match kind {
            PromptKind::Article => &mut self.article,
            PromptKind::Library => &mut self.library,
            PromptKind::Notes => &mut self.notes,
        }
    }
}

/// Where the view was when the article prompt opened: what `Esc` goes back to and where
/// the incremental search starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Origin {
    view: ViewMark,
    offset: usize,
}

/// The stored article in the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Opened {
    id: i64,
    /// Where it was opened (kept if the reader closes before it was ever drawn).
    position: Position,
}

/// A stored article whose analysis is running, so the result can be cached even if the
/// reader closed meanwhile.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pending {
    generation: u64,
    id: i64,
    content_hash: String,
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
    /// The library screen (`lede` on a folder or the whole library).
    pub library: Option<Library>,
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
    /// The search prompt on the bottom line, while it is open.
    pub prompt: Option<Prompt>,
    /// Earlier queries of each prompt kind.
    pub history: Histories,
    /// Library search results, shown over the library until closed.
    pub results: Option<Results>,
    /// The note editor over the reader, while open.
    pub editor: Option<NoteEditor>,
    /// A highlight waiting for `y` to be deleted.
    confirm_delete: Option<String>,
    /// The colour `m` last chose: new highlights take it.
    last_colour: u8,
    /// Where the view was when the article prompt opened.
    origin: Option<Origin>,
    /// A search to start in the next article opened from the results: the in-article
    /// query and the body offset of the first hit.
    pending_search: Option<(String, usize)>,
    /// Work queued for the runtime by state changes (see [`App::take_effects`]).
    effects: Vec<Effect>,
    /// Counts article opens, so a late analysis of a closed article is dropped.
    generation: u64,
    /// The stored article in the reader, if it is one.
    opened: Option<Opened>,
    /// Analyses running for stored articles.
    pending: Vec<Pending>,
    quit: bool,
}

impl App {
    /// An app showing the library: `entries` (as the store lists them), under `title`.
    pub fn with_library(config: Config, title: String, entries: Vec<LibraryEntry>) -> App {
        let mut app = App::empty(config);
        app.library = Some(Library::new(title, entries));
        app
    }

    /// An app reading one stored article (`lede FILE`); closing it quits, and the reading
    /// position is saved.
    pub fn with_stored(config: Config, stored: StoredArticle) -> App {
        let mut app = App::empty(config);
        app.open_stored(stored);
        app
    }

    /// An app reading one article that is not in the store (stdin, tests): nothing is
    /// saved.
    pub fn with_article(config: Config, article: Article, analysis: Analysis) -> App {
        let mut app = App::empty(config);
        app.open(article, analysis);
        app
    }

    fn empty(config: Config) -> App {
        App {
            config,
            library: None,
            reader: None,
            help: None,
            input: KeyInput::default(),
            message: None,
            panel_area: None,
            panel_rows: Vec::new(),
            list_area: None,
            prompt: None,
            history: Histories::default(),
            results: None,
            editor: None,
            confirm_delete: None,
            last_colour: 0,
            origin: None,
            pending_search: None,
            effects: Vec::new(),
            generation: 0,
            opened: None,
            pending: Vec::new(),
            quit: false,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Shows an article at once with what is already known of it (at least its sections),
    /// and queues the rest of the analysis.
    pub fn open(&mut self, article: Article, analysis: Analysis) {
        self.opened = None;
        self.show(Arc::new(article), analysis);
    }

    fn show(&mut self, article: Arc<Article>, analysis: Analysis) {
        self.warn(&article);
        self.generation += 1;
        self.effects.push(Effect::Analyse {
            generation: self.generation,
            article: Arc::clone(&article),
        });
        self.reader = Some(Reader::new(article, analysis, self.generation));
    }

    fn warn(&mut self, article: &Article) {
        if let Some(w) = article.warnings.last() {
            self.error(w.clone());
        }
    }

    /// Takes the result of [`Effect::Analyse`]: shown if the article is still open, and
    /// cached in the store if it is a stored one.
    pub fn analysed(&mut self, generation: u64, analysis: Analysis) {
        if let Some(i) = self.pending.iter().position(|p| p.generation == generation) {
            let p = self.pending.swap_remove(i);
            self.effects.push(Effect::SaveAnalysis {
                id: p.id,
                content_hash: p.content_hash,
                analysis: Box::new(analysis.clone()),
            });
        }
        if let Some(reader) = &mut self.reader
            && reader.generation == generation
        {
            reader.set_analysis(analysis);
        }
    }

    /// Quits, saving the reading position first.
    pub fn quit(&mut self) {
        self.save_position();
        self.keep_open_note();
        self.quit = true;
    }

    /// The screen keys are looked up for.
    pub fn screen(&self) -> Screen {
        if self.reader.as_ref().is_some_and(|r| r.selection.is_some()) {
            Screen::Visual
        } else if self.reader.is_some() || self.library.is_none() {
            Screen::Reader
        } else {
            Screen::Library
        }
    }

    /// Queues an effect for the runtime.
    pub fn push_effect(&mut self, effect: Effect) {
        self.effects.push(effect);
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

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) -> Option<Effect> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                self.message = None;
                if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    // Ctrl-c always quits, whatever the keymap says.
                    self.quit();
                    return None;
                }
                if self.editor.is_some() {
                    self.input.reset();
                    self.editor_key(key);
                    return None;
                }
                if self.confirm_delete.is_some() {
                    self.input.reset();
                    self.confirm_key(key);
                    return None;
                }
                if self.prompt.is_some() && self.help.is_none() {
                    self.input.reset();
                    self.prompt_key(key);
                    return None;
                }
                if self.typing_filter() {
                    self.input.reset();
                    self.filter_key(key);
                    return None;
                }
                // Digits are counts unless the side panel has the focus.
                let counts = !self
                    .reader
                    .as_ref()
                    .is_some_and(|r| r.panel.is_some() && r.focus == Focus::Panel);
                let screen = self.screen();
                let command = self.input.press(
                    &self.config.keymap,
                    KeyPress::from_event(*key),
                    counts,
                    screen,
                )?;
                self.apply(command)
            }
            Event::Mouse(mouse) => {
                let at = Cell::new(mouse.column, mouse.row);
                match mouse.kind {
                    MouseEventKind::ScrollDown => self.wheel(at, WHEEL_ROWS),
                    MouseEventKind::ScrollUp => self.wheel(at, -WHEEL_ROWS),
                    MouseEventKind::Down(MouseButton::Left) => return self.click(at),
                    MouseEventKind::Drag(MouseButton::Left) => self.drag(at),
                    MouseEventKind::Up(MouseButton::Left) => self.release(),
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
                Action::Quit => self.quit(),
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
            Action::Search if self.notes_panel_focused() => {
                self.open_prompt(PromptKind::Notes);
                return None;
            }
            Action::Search | Action::SearchNext | Action::SearchPrev | Action::SearchEntity
                if self.reader.is_some() =>
            {
                self.apply_search(action, count);
                return None;
            }
            Action::LibrarySearch if self.reader.is_none() => {
                self.open_prompt(PromptKind::Library);
                return None;
            }
            Action::Quit => {
                self.quit();
                return None;
            }
            _ => {}
        }
        if self.reader.is_some() {
            if !self.apply_notes(action, n) {
                self.apply_reader(action, n);
            }
            None
        } else if self.results.is_some() {
            self.apply_results(action, n)
        } else {
            self.apply_library(action, n)
        }
    }

    /// Rows a page moves in the library or list.
    fn list_page(&self) -> isize {
        self.list_area
            .map_or(10, |a| isize::try_from(a.height.max(2)).unwrap_or(10) - 1)
    }

    fn wheel(&mut self, at: Cell, rows: isize) {
        if let Some(help) = &mut self.help {
            *help = help.saturating_add_signed(rows);
        } else if let Some(reader) = &mut self.reader {
            if self.panel_area.is_some_and(|a| a.contains(at)) {
                reader.move_selection(rows.signum());
            } else {
                reader.scroll_by(rows);
            }
        } else if let Some(results) = &mut self.results {
            results.move_by(rows.signum());
        } else if let Some(library) = &mut self.library {
            library.move_by(rows.signum());
        }
    }

    fn click(&mut self, at: Cell) -> Option<Effect> {
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
        if self.press_text(at) {
            return None;
        }
        if self.reader.is_none()
            && let (Some(library), Some(area)) = (&mut self.library, self.list_area)
            && area.contains(at)
        {
            let index = library.offset + usize::from(at.y - area.y);
            if index < library.view().len() {
                library.select(index);
            }
        }
        None
    }
}
