//! What the reader's actions do: scrolling, sections, marks, the side panel, following a
//! name. A child of `app` so it can reach the app's private state.

use super::{App, Effect};
use crate::tui::action::Action;
use crate::tui::panel::Tab;
use crate::tui::reader::{Focus, Reader};

impl App {
    pub(super) fn apply_reader(&mut self, action: Action, n: isize) {
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
                    let text = format!(
                        "following {} ({} mentions; {}/{} step through them)",
                        g.name,
                        g.mentions.len(),
                        self.config.keymap.hint(Action::SearchNext),
                        self.config.keymap.hint(Action::SearchPrev)
                    );
                    // The same search as `/` and `*`: its names are highlighted and n/N
                    // move between them.
                    self.search_group(group);
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
                    let orphan = reader.notes.as_ref().and_then(|n| {
                        let note = &n.all()[*n.shown().get(panel.selected())?];
                        note.range.is_none().then(|| note.annotation.id.clone())
                    });
                    if panel.tab == Tab::Notes
                        && let Some(id) = orphan
                    {
                        self.start_reattach(id);
                    }
                }
            }
            Action::Select => {
                let top = reader.top();
                let link = reader.link_on_row(top);
                if link.is_some() {
                    self.open_link(link);
                }
            }
            Action::OpenLink => {
                let link = reader.first_link_on_screen();
                self.open_link(link);
            }
            Action::Filter
            | Action::CycleSort
            | Action::ToggleUnreadFirst
            | Action::LibrarySearch
            | Action::Search
            | Action::SearchNext
            | Action::SearchPrev
            | Action::SearchEntity => {}
            Action::Close => {
                let reattach = reader.notes.as_mut().and_then(|n| n.reattach.take());
                if reader.selection.take().is_some() || reattach.is_some() {
                    self.info("selection cancelled");
                } else if reader.following.is_some() {
                    reader.follow(None);
                } else if reader.panel.is_some() {
                    reader.panel = None;
                    reader.focus = Focus::Text;
                } else if self.library.is_some() {
                    self.leave_reader();
                } else {
                    self.quit();
                }
            }
            Action::Help | Action::Quit => {}
            // Highlights and notes: see `note_actions`.
            Action::VisualSelect
            | Action::SelectWordNext
            | Action::SelectWordPrev
            | Action::SelectSentenceNext
            | Action::SelectSentencePrev
            | Action::SelectParagraphNext
            | Action::SelectParagraphPrev
            | Action::SelectRowDown
            | Action::SelectRowUp
            | Action::Annotate
            | Action::EditNote
            | Action::SetTags
            | Action::CycleColour
            | Action::DeleteNote
            | Action::UndoDelete
            | Action::PanelNotes
            | Action::Reload
            | Action::ExportNotes => {}
        }
    }

    /// Queues opening `link` in the browser, if it is a web address.
    fn open_link(&mut self, link: Option<String>) {
        match link {
            None => self.info("no link on screen"),
            Some(text) => match web_address(&text) {
                Some(url) => {
                    self.info(format!("opening {url}"));
                    self.effects.push(Effect::OpenUrl(url));
                }
                None => self.error(format!("not a web address: {text}")),
            },
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
}

/// `Enter` on a panel entry: jump to a section, to the next mention of a name (cycling), or
/// to a quotation.
pub(super) fn select_entry(reader: &mut Reader, tab: Tab, entry: usize) {
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
        Tab::Notes => {
            let Some(notes) = &mut reader.notes else {
                return;
            };
            let Some(note) = notes.shown().get(entry).map(|&i| &notes.all()[i]) else {
                return;
            };
            let id = note.annotation.id.clone();
            let range = note.range.clone();
            notes.focused = Some(id);
            if let Some(range) = range {
                reader.focus_on(range);
            }
        }
    }
}

/// `text` as an address a browser may open: `http(s)://…`, or `www.…` (taken as https).
/// Anything else (`file:`, `javascript:`, words) is refused.
pub(super) fn web_address(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Some(text.to_string())
    } else if lower.starts_with("www.") {
        Some(format!("https://{text}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::web_address;

    #[test]
    fn only_web_addresses_are_opened() {
        assert_eq!(
            web_address(" https://example.com/a?b=c "),
            Some("https://example.com/a?b=c".into())
        );
        assert_eq!(web_address("HTTP://x.org"), Some("HTTP://x.org".into()));
        assert_eq!(
            web_address("www.bbc.co.uk"),
            Some("https://www.bbc.co.uk".into())
        );
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "",
            "two words",
            "é",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
    }
}
