//! Search: the prompt (`/` in the reader, `S` in the library), the incremental in-article
//! search with `n`/`N`, searching for an entity, and the library search results. A child
//! of `app` so it can reach the app's private state.

use crossterm::event::KeyEvent;

use super::{App, Effect, Origin};
use crate::store::SearchHit;
use crate::tui::action::Action;
use crate::tui::panel::Tab;
use crate::tui::prompt::{Prompt, PromptEvent, PromptKind, remember};
use crate::tui::reader::Focus;
use crate::tui::results::{Results, article_query};
use crate::tui::search::Step;

/// Queries kept per history kind (as many as the runtime loads).
pub const HISTORY_LIMIT: usize = 100;

impl App {
    /// Takes the earlier queries of a prompt kind, oldest first (from the store).
    pub fn set_history(&mut self, kind: PromptKind, queries: Vec<String>) {
        *self.history.of_mut(kind) = queries;
    }

    /// Opens the prompt of `kind`; the article prompt remembers where the view is.
    pub(super) fn open_prompt(&mut self, kind: PromptKind) {
        if kind == PromptKind::Article {
            let Some(reader) = &self.reader else { return };
            self.origin = Some(Origin {
                view: reader.view_mark(),
                offset: reader.top_offset(),
            });
        }
        self.prompt = Some(Prompt::new(kind));
    }

    /// A key typed at the open prompt.
    pub(super) fn prompt_key(&mut self, key: &KeyEvent) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        let kind = prompt.kind;
        let event = prompt.key(key, self.history.of(kind));
        match (event, kind) {
            (PromptEvent::Nothing, _) => {}
            (PromptEvent::Edited, PromptKind::Article) => {
                let query = prompt.value().to_string();
                self.search_article(&query);
            }
            (PromptEvent::Edited, PromptKind::Library) => {}
            (PromptEvent::Edited, PromptKind::Notes) => {
                let text = prompt.value().to_string();
                self.filter_notes(text);
            }
            (PromptEvent::Cancel, PromptKind::Notes) => {
                self.prompt = None;
                self.filter_notes(String::new());
            }
            (PromptEvent::Cancel, PromptKind::Article) => {
                self.prompt = None;
                let origin = self.origin.take();
                if let Some(reader) = &mut self.reader {
                    reader.search_mut().clear();
                    if let Some(origin) = origin {
                        reader.restore_view(origin.view);
                    }
                }
            }
            (PromptEvent::Cancel, PromptKind::Library) => self.prompt = None,
            (PromptEvent::Submit(query), kind) => {
                self.prompt = None;
                self.origin = None;
                if query.trim().is_empty() {
                    if kind == PromptKind::Notes {
                        self.filter_notes(String::new());
                    } else if let Some(reader) = &mut self.reader {
                        reader.search_mut().clear();
                    }
                    return;
                }
                self.keep_query(kind, &query);
                match kind {
                    PromptKind::Article => {
                        let search = self.reader.as_ref().and_then(|r| r.search());
                        let note = search.and_then(|s| s.note()).map(str::to_string);
                        // The prompt showed the note; it stays said once the prompt is gone.
                        let none = search.is_some_and(|s| s.matches().is_empty());
                        match (none, note) {
                            (true, Some(note)) => {
                                self.info(format!("no match for /{query} ({note})"));
                            }
                            (true, None) => self.info(format!("no match for /{query}")),
                            (false, Some(note)) => self.info(note),
                            (false, None) => {}
                        }
                    }
                    PromptKind::Library => self.effects.push(Effect::SearchLibrary(query)),
                    PromptKind::Notes => self.filter_notes(query),
                }
            }
        }
    }

    /// Remembers a kept query here and (through the runtime) in the store.
    fn keep_query(&mut self, kind: PromptKind, query: &str) {
        remember(self.history.of_mut(kind), query, HISTORY_LIMIT);
        self.effects.push(Effect::SaveHistory {
            kind,
            query: query.to_string(),
        });
    }

    /// Re-searches the article for `query` as typed: the first match at or after where
    /// the view was when the prompt opened is brought into view; with none, the view
    /// goes back there.
    fn search_article(&mut self, query: &str) {
        let origin = self.origin;
        let Some(reader) = &mut self.reader else {
            return;
        };
        let from = origin.map_or_else(|| reader.top_offset(), |o| o.offset);
        reader.search_mut().set_query(query, from);
        match reader.search().and_then(|s| s.current()).map(|m| m.start) {
            Some(start) => {
                if let Some(o) = origin {
                    // Start from the origin each time, so deleting a letter goes back.
                    reader.restore_view(o.view);
                }
                reader.reveal(start);
            }
            None => {
                if let Some(o) = origin {
                    reader.restore_view(o.view);
                }
            }
        }
    }

    /// `/`, `n`, `N` and `*` in the reader.
    pub(super) fn apply_search(&mut self, action: Action, count: usize) {
        match action {
            Action::Search => self.open_prompt(PromptKind::Article),
            Action::SearchNext | Action::SearchPrev => self.step_search(action, count),
            Action::SearchEntity => self.search_entity(),
            _ => {}
        }
    }

    fn step_search(&mut self, action: Action, count: usize) {
        let search_key = self.config.keymap.hint(Action::Search);
        let Some(reader) = &mut self.reader else {
            return;
        };
        let forward = action == Action::SearchNext;
        let from = reader.top_offset();
        if !reader.search().is_some_and(|s| s.is_active()) {
            self.info(format!("no search yet: {search_key} searches the article"));
            return;
        }
        let search = reader.search_mut();
        let step = search.step(forward, count, from);
        let query = search.query().unwrap_or_default().to_string();
        reader.reveal_match();
        match step {
            Step::Moved => {}
            Step::Wrapped if forward => self.info("passed the last match: back to the first"),
            Step::Wrapped => self.info("passed the first match: back to the last"),
            Step::NoMatch => self.info(format!("no match for /{query}")),
        }
    }

    /// `*`: searches for the entity selected in the Entities panel, or the mention `e`
    /// moved to, with the same search as `/`.
    fn search_entity(&mut self) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        let in_entities =
            reader.panel.is_some_and(|p| p.tab == Tab::Entities) && reader.focus == Focus::Panel;
        let group = if in_entities {
            reader.panel.map(|p| p.selected())
        } else {
            reader.focus_mark.clone().and_then(|m| reader.group_of(&m))
        };
        let Some(group) = group.and_then(|g| reader.groups.get(g)) else {
            let panel = self.config.keymap.hint(Action::PanelEntities);
            let next = self.config.keymap.hint(Action::NextEntity);
            self.info(format!(
                "pick an entity first: {next} moves to one, {panel} lists them"
            ));
            return;
        };
        let query = name_query(&reader.article.body, group);
        // From the mention moved to, or from the top of the view.
        let from = reader
            .focus_mark
            .as_ref()
            .filter(|_| !in_entities)
            .map_or_else(|| reader.top_offset(), |m| m.start);
        reader.search_mut().set_query(&query, from);
        reader.reveal_match();
        self.keep_query(PromptKind::Article, &query);
    }

    /// Searches for the names of entity group `group` (what `f` does when it starts
    /// following a name), so `n`/`N` step through its mentions.
    pub(super) fn search_group(&mut self, group: usize) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        let Some(g) = reader.groups.get(group) else {
            return;
        };
        let query = name_query(&reader.article.body, g);
        let from = reader.top_offset();
        reader.search_mut().set_query(&query, from);
        self.keep_query(PromptKind::Article, &query);
    }

    /// Starts the in-article search an article opened from the results asked for.
    pub(super) fn start_pending_search(&mut self) {
        let Some((query, from)) = self.pending_search.take() else {
            return;
        };
        if let Some(reader) = &mut self.reader
            && !query.is_empty()
        {
            reader.search_mut().set_query(&query, from);
            reader.reveal_match();
        }
    }

    /// Takes the result of [`Effect::SearchLibrary`]: the hits, or a one-line error.
    pub fn searched(&mut self, query: String, hits: Result<Vec<SearchHit>, String>) {
        match hits {
            Ok(hits) => {
                if hits.is_empty() {
                    self.info(format!("nothing found for “{query}”"));
                }
                self.results = Some(Results::new(query, hits));
            }
            Err(e) => self.error(e),
        }
    }

    /// Keys on the library search results.
    pub(super) fn apply_results(&mut self, action: Action, n: isize) -> Option<Effect> {
        let page = self.list_page() / 2;
        let results = self.results.as_mut()?;
        match action {
            Action::ScrollDown => results.move_by(n),
            Action::ScrollUp => results.move_by(-n),
            Action::PageDown | Action::HalfPageDown => results.move_by(n * page.max(1)),
            Action::PageUp | Action::HalfPageUp => results.move_by(-n * page.max(1)),
            Action::Top => results.select(0),
            Action::Bottom => results.select(usize::MAX),
            Action::Select => {
                let hit = results.selected_hit()?;
                let from = hit.body_hits.first().map_or(0, |r| r.start);
                self.pending_search = Some((article_query(&results.query), from));
                return Some(Effect::Load(hit.id));
            }
            Action::Close => self.results = None,
            _ => {}
        }
        None
    }
}

/// A search for every form a name takes in the text ("Vladimir Putin", "Putin"): the
/// forms as literal alternatives, longest first, so the fullest one is matched where it
/// stands.
fn name_query(body: &str, group: &crate::analysis::entity_groups::EntityGroup) -> String {
    let mut forms: Vec<&str> = group
        .mentions
        .iter()
        .filter_map(|m| body.get(m.clone()))
        .chain(std::iter::once(group.name.as_str()))
        .collect();
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    forms.dedup();
    forms
        .into_iter()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join("|")
}
