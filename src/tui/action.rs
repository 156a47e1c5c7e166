//! The single vocabulary of user actions: keys, help screen and config all use it.

use serde::{Deserialize, Serialize};

/// The screens an action can work on. Two actions that never share a screen may share a
/// key (`/` filters the library and, later, searches the article).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
    Library,
    Reader,
    /// The reader while a passage is being selected (`v`): motions extend the selection.
    Visual,
}

impl Screen {
    pub const ALL: [Screen; 3] = [Screen::Library, Screen::Reader, Screen::Visual];
}

/// Everything a key can do. The snake_case name is the key in `config.toml`'s `[keys]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    NextSection,
    PrevSection,
    ToggleContents,
    PanelContents,
    PanelEntities,
    PanelQuotes,
    /// Show only the paragraphs that mention the selected (or focused) entity.
    Follow,
    FocusNext,
    /// Show the debris the cleaner removed, dimmed, where it stood.
    ToggleOriginal,
    ToggleEntities,
    NextEntity,
    PrevEntity,
    NextQuote,
    PrevQuote,
    /// Reader: search the article as you type (`Enter` keeps, `Esc` goes back).
    Search,
    /// Reader: the next / previous match of the search, wrapping around.
    SearchNext,
    SearchPrev,
    /// Reader: search the article for the entity selected in the panel (or moved to).
    SearchEntity,
    /// Library: search the text of every article (SQLite FTS5).
    LibrarySearch,
    /// Open the first link on screen (the article's URL, a link block) with `$BROWSER`.
    OpenLink,
    /// Reader: start selecting a passage at the cursor (`v`); again to stop.
    VisualSelect,
    /// Visual: extend the selection by a word, sentence, paragraph or row.
    SelectWordNext,
    SelectWordPrev,
    SelectSentenceNext,
    SelectSentencePrev,
    SelectParagraphNext,
    SelectParagraphPrev,
    SelectRowDown,
    SelectRowUp,
    /// Highlight the selection (or the current sentence) and write its note.
    Annotate,
    /// Edit the note of the highlight under the cursor.
    EditNote,
    /// Set the tags of the highlight under the cursor.
    SetTags,
    /// Cycle the colour of the highlight under the cursor.
    CycleColour,
    /// Delete the highlight under the cursor (asks first).
    DeleteNote,
    /// Put back the last deleted highlight.
    UndoDelete,
    /// Reader: the Notes tab of the side panel.
    PanelNotes,
    /// Reader: read the article's file again and re-anchor its highlights.
    Reload,
    /// Reader: write the article's highlights to Markdown and W3C JSON files.
    ExportNotes,
    /// Library: filter the list by headline and source (fuzzy, as you type).
    Filter,
    /// Library: sort by date, then source, then title, then date again.
    CycleSort,
    /// Library: unread articles first (then those being read), or not.
    ToggleUnreadFirst,
    /// Open the selected item (library list), jump to it (contents), or follow a link.
    Select,
    Help,
    /// Close the current view: help → panel → reader → filter → library (quits).
    Close,
    Quit,
}

impl Action {
    /// Every action, in the order the help screen lists them.
    pub const ALL: [Action; 53] = [
        Action::ScrollDown,
        Action::ScrollUp,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::NextSection,
        Action::PrevSection,
        Action::ToggleContents,
        Action::PanelContents,
        Action::PanelEntities,
        Action::PanelQuotes,
        Action::FocusNext,
        Action::ToggleEntities,
        Action::NextEntity,
        Action::PrevEntity,
        Action::NextQuote,
        Action::PrevQuote,
        Action::Follow,
        Action::Search,
        Action::SearchNext,
        Action::SearchPrev,
        Action::SearchEntity,
        Action::LibrarySearch,
        Action::VisualSelect,
        Action::SelectWordNext,
        Action::SelectWordPrev,
        Action::SelectSentenceNext,
        Action::SelectSentencePrev,
        Action::SelectParagraphNext,
        Action::SelectParagraphPrev,
        Action::SelectRowDown,
        Action::SelectRowUp,
        Action::Annotate,
        Action::EditNote,
        Action::SetTags,
        Action::CycleColour,
        Action::DeleteNote,
        Action::UndoDelete,
        Action::PanelNotes,
        Action::ExportNotes,
        Action::Reload,
        Action::Select,
        Action::OpenLink,
        Action::Filter,
        Action::CycleSort,
        Action::ToggleUnreadFirst,
        Action::ToggleOriginal,
        Action::Help,
        Action::Close,
        Action::Quit,
    ];

    /// The motions that extend a selection, in the order the help lists them.
    pub const SELECTION_MOTIONS: [Action; 8] = [
        Action::SelectWordNext,
        Action::SelectWordPrev,
        Action::SelectSentenceNext,
        Action::SelectSentencePrev,
        Action::SelectParagraphNext,
        Action::SelectParagraphPrev,
        Action::SelectRowDown,
        Action::SelectRowUp,
    ];

    /// The name used in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Action::ScrollDown => "scroll_down",
            Action::ScrollUp => "scroll_up",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::HalfPageDown => "half_page_down",
            Action::HalfPageUp => "half_page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextSection => "next_section",
            Action::PrevSection => "prev_section",
            Action::ToggleContents => "toggle_contents",
            Action::PanelContents => "panel_contents",
            Action::PanelEntities => "panel_entities",
            Action::PanelQuotes => "panel_quotes",
            Action::Follow => "follow",
            Action::FocusNext => "focus_next",
            Action::ToggleOriginal => "toggle_original",
            Action::ToggleEntities => "toggle_entities",
            Action::NextEntity => "next_entity",
            Action::PrevEntity => "prev_entity",
            Action::NextQuote => "next_quote",
            Action::PrevQuote => "prev_quote",
            Action::OpenLink => "open_link",
            Action::Search => "search",
            Action::SearchNext => "search_next",
            Action::SearchPrev => "search_prev",
            Action::SearchEntity => "search_entity",
            Action::LibrarySearch => "library_search",
            Action::Filter => "filter",
            Action::CycleSort => "cycle_sort",
            Action::ToggleUnreadFirst => "toggle_unread_first",
            Action::VisualSelect => "visual_select",
            Action::SelectWordNext => "select_word_next",
            Action::SelectWordPrev => "select_word_prev",
            Action::SelectSentenceNext => "select_sentence_next",
            Action::SelectSentencePrev => "select_sentence_prev",
            Action::SelectParagraphNext => "select_paragraph_next",
            Action::SelectParagraphPrev => "select_paragraph_prev",
            Action::SelectRowDown => "select_row_down",
            Action::SelectRowUp => "select_row_up",
            Action::Annotate => "annotate",
            Action::EditNote => "edit_note",
            Action::SetTags => "set_tags",
            Action::CycleColour => "cycle_colour",
            Action::DeleteNote => "delete_note",
            Action::UndoDelete => "undo_delete",
            Action::PanelNotes => "panel_notes",
            Action::Reload => "reload",
            Action::ExportNotes => "export_notes",
            Action::Select => "select",
            Action::Help => "help",
            Action::Close => "close",
            Action::Quit => "quit",
        }
    }

    /// Looks an action up by its config name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The help screen's heading this action is listed under.
    pub fn group(self) -> &'static str {
        match self {
            Action::ScrollDown
            | Action::ScrollUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom => "Moving",
            Action::NextSection
            | Action::PrevSection
            | Action::ToggleContents
            | Action::PanelContents
            | Action::PanelEntities
            | Action::PanelQuotes
            | Action::FocusNext => "Sections and the side panel",
            Action::Select | Action::OpenLink => "Opening",
            Action::Search
            | Action::SearchNext
            | Action::SearchPrev
            | Action::SearchEntity
            | Action::LibrarySearch => "Search",
            Action::ToggleEntities
            | Action::NextEntity
            | Action::PrevEntity
            | Action::NextQuote
            | Action::PrevQuote
            | Action::Follow => "Entities and quotations",
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
            | Action::ExportNotes
            | Action::Reload => "Highlights and notes",
            Action::Filter | Action::CycleSort | Action::ToggleUnreadFirst => "Library",
            Action::ToggleOriginal | Action::Help | Action::Close | Action::Quit => "Other",
        }
    }

    /// Whether the action does something on `screen` (help lists only those; keys of
    /// actions that never share a screen do not clash).
    pub fn works_on(self, screen: Screen) -> bool {
        if screen == Screen::Visual {
            // Selecting: only the motions and what ends the selection, so motion keys may
            // reuse reading keys (`b`, `j`, `k`).
            return Action::SELECTION_MOTIONS.contains(&self)
                || matches!(
                    self,
                    Action::VisualSelect
                        | Action::Annotate
                        | Action::Help
                        | Action::Close
                        | Action::Quit
                );
        }
        match self {
            Action::SelectWordNext
            | Action::SelectWordPrev
            | Action::SelectSentenceNext
            | Action::SelectSentencePrev
            | Action::SelectParagraphNext
            | Action::SelectParagraphPrev
            | Action::SelectRowDown
            | Action::SelectRowUp => false,
            Action::VisualSelect
            | Action::Annotate
            | Action::EditNote
            | Action::SetTags
            | Action::CycleColour
            | Action::DeleteNote
            | Action::UndoDelete
            | Action::PanelNotes
            | Action::Reload
            | Action::ExportNotes => screen == Screen::Reader,
            Action::Filter
            | Action::CycleSort
            | Action::ToggleUnreadFirst
            | Action::LibrarySearch => screen == Screen::Library,
            Action::NextSection
            | Action::PrevSection
            | Action::ToggleContents
            | Action::PanelContents
            | Action::PanelEntities
            | Action::PanelQuotes
            | Action::Follow
            | Action::FocusNext
            | Action::ToggleOriginal
            | Action::ToggleEntities
            | Action::NextEntity
            | Action::PrevEntity
            | Action::NextQuote
            | Action::PrevQuote
            | Action::OpenLink
            | Action::Search
            | Action::SearchNext
            | Action::SearchPrev
            | Action::SearchEntity => screen == Screen::Reader,
            Action::ScrollDown
            | Action::ScrollUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom
            | Action::Select
            | Action::Help
            | Action::Close
            | Action::Quit => true,
        }
    }

    /// Whether some screen has both actions, so their keys must not clash.
    pub fn shares_a_screen(self, other: Action) -> bool {
        Screen::ALL
            .into_iter()
            .any(|s| self.works_on(s) && other.works_on(s))
    }

    /// One line for the help screen.
    pub fn description(self) -> &'static str {
        match self {
            Action::ScrollDown => "scroll down one row (a count repeats: 5j)",
            Action::ScrollUp => "scroll up one row",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::Top => "go to the top",
            Action::Bottom => "go to the bottom",
            Action::NextSection => "next section heading",
            Action::PrevSection => "previous section heading",
            Action::ToggleContents => "show/hide the contents panel",
            Action::PanelContents => "panel: Contents tab (digits: when the panel has focus)",
            Action::PanelEntities => "panel: Entities tab, grouped by kind",
            Action::PanelQuotes => "panel: Quotes tab, speaker and first words",
            Action::Follow => "follow an entity: only paragraphs naming it (n/N step)",
            Action::FocusNext => "move focus between text and panel",
            Action::ToggleOriginal => "show/hide what cleaning removed (dimmed)",
            Action::ToggleEntities => "show/hide entity colours",
            Action::NextEntity => "next entity mention",
            Action::PrevEntity => "previous entity mention",
            Action::NextQuote => "next quotation",
            Action::PrevQuote => "previous quotation",
            Action::OpenLink => "open the first link on screen with $BROWSER",
            Action::Search => "search the article as you type (Enter keeps, Esc back)",
            Action::SearchNext => "next match of the search (wraps around)",
            Action::SearchPrev => "previous match of the search (wraps around)",
            Action::SearchEntity => "search for the selected entity's names",
            Action::LibrarySearch => "search all articles' text: words, \"phrase\", prefix*",
            Action::Filter => "filter by headline and source (Enter keeps, Esc clears)",
            Action::CycleSort => "sort by date, source or title",
            Action::ToggleUnreadFirst => "unread articles first, or not",
            Action::VisualSelect => "select a passage from the cursor (again or Esc: stop)",
            Action::SelectWordNext => "selecting: extend to the next word",
            Action::SelectWordPrev => "selecting: back one word",
            Action::SelectSentenceNext => "selecting: to the end of the sentence",
            Action::SelectSentencePrev => "selecting: back to a sentence start",
            Action::SelectParagraphNext => "selecting: to the end of the paragraph",
            Action::SelectParagraphPrev => "selecting: back to a paragraph start",
            Action::SelectRowDown => "selecting: one row down",
            Action::SelectRowUp => "selecting: one row up",
            Action::Annotate => "highlight the selection (or sentence) and write a note",
            Action::EditNote => "edit the note of the highlight on screen (Ctrl-e: $EDITOR)",
            Action::SetTags => "set the tags of the highlight on screen",
            Action::CycleColour => "change the colour of the highlight on screen",
            Action::DeleteNote => "delete the highlight on screen (asks first)",
            Action::UndoDelete => "undo the last delete",
            Action::PanelNotes => "panel: Notes tab, highlights in text order, orphans",
            Action::Reload => "read the file again and re-anchor the highlights",
            Action::ExportNotes => "export this article's notes (Markdown and W3C JSON)",
            Action::Select => "open / jump to the selected item, or the link on top",
            Action::Help => "show/hide this help",
            Action::Close => "close this view: help, panel, article, filter, library",
            Action::Quit => "quit lede",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
            assert!(seen.insert(a.name()), "duplicate name {}", a.name());
        }
    }

    #[test]
    fn every_action_works_somewhere_and_groups_are_contiguous() {
        let mut groups: Vec<&str> = Vec::new();
        for a in Action::ALL {
            assert!(Screen::ALL.iter().any(|s| a.works_on(*s)), "{a:?}");
            if groups.last() != Some(&a.group()) {
                assert!(!groups.contains(&a.group()), "{} split", a.group());
                groups.push(a.group());
            }
        }
        assert!(!Action::Filter.shares_a_screen(Action::NextSection));
        assert!(Action::Filter.shares_a_screen(Action::Quit));
        // Selecting reuses reading keys: its motions never meet the reader's scrolling.
        assert!(!Action::SelectWordPrev.shares_a_screen(Action::PageUp));
        assert!(
            Action::Annotate.works_on(Screen::Visual) && Action::Annotate.works_on(Screen::Reader)
        );
    }
}
