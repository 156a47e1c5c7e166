//! The theme: named style slots that views ask for by name.

use ratatui::style::Style;

/// Every place the UI styles text. The snake_case name is the key in `[theme]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    Headline,
    Deck,
    Body,
    Heading,
    Link,
    Status,
    StatusAccent,
    Panel,
    PanelTitle,
    PanelSelected,
    ListSelected,
    Muted,
    HelpKey,
    Message,
    Error,
    EntityPerson,
    EntityOrganization,
    EntityPlace,
    EntityGroup,
    EntityDate,
    /// Events, works, laws, products, times, money, percentages, numbers.
    EntityOther,
    Quote,
    Speaker,
    /// The mention or quotation `e`/`"` moved to.
    Focus,
    /// Every match of the search (`/`), and hits in library search snippets.
    SearchMatch,
    /// The current match of the search.
    SearchCurrent,
    /// Highlights (annotations), in the four colours `m` cycles through.
    Highlight1,
    Highlight2,
    Highlight3,
    Highlight4,
    /// The passage being selected (`v`, mouse drag).
    Selection,
    /// The mark at the end of a row where a highlight with a note ends.
    NoteMarker,
}

impl Slot {
    /// The slot an entity kind (its JSON name) is coloured with.
    pub fn for_entity(kind: &str) -> Slot {
        match kind {
            "person" => Slot::EntityPerson,
            "organization" => Slot::EntityOrganization,
            "place" => Slot::EntityPlace,
            "group" => Slot::EntityGroup,
            "date" => Slot::EntityDate,
            _ => Slot::EntityOther,
        }
    }

    /// The slot of highlight colour `colour` (0-based; wraps around).
    pub fn highlight(colour: u8) -> Slot {
        match colour % crate::annotate::COLOURS {
            0 => Slot::Highlight1,
            1 => Slot::Highlight2,
            2 => Slot::Highlight3,
            _ => Slot::Highlight4,
        }
    }

    pub const ALL: [Slot; 32] = [
        Slot::Headline,
        Slot::Deck,
        Slot::Body,
        Slot::Heading,
        Slot::Link,
        Slot::Status,
        Slot::StatusAccent,
        Slot::Panel,
        Slot::PanelTitle,
        Slot::PanelSelected,
        Slot::ListSelected,
        Slot::Muted,
        Slot::HelpKey,
        Slot::Message,
        Slot::Error,
        Slot::EntityPerson,
        Slot::EntityOrganization,
        Slot::EntityPlace,
        Slot::EntityGroup,
        Slot::EntityDate,
        Slot::EntityOther,
        Slot::Quote,
        Slot::Speaker,
        Slot::Focus,
        Slot::SearchMatch,
        Slot::SearchCurrent,
        Slot::Highlight1,
        Slot::Highlight2,
        Slot::Highlight3,
        Slot::Highlight4,
        Slot::Selection,
        Slot::NoteMarker,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Slot::Headline => "headline",
            Slot::Deck => "deck",
            Slot::Body => "body",
            Slot::Heading => "heading",
            Slot::Link => "link",
            Slot::Status => "status",
            Slot::StatusAccent => "status_accent",
            Slot::Panel => "panel",
            Slot::PanelTitle => "panel_title",
            Slot::PanelSelected => "panel_selected",
            Slot::ListSelected => "list_selected",
            Slot::Muted => "muted",
            Slot::HelpKey => "help_key",
            Slot::Message => "message",
            Slot::Error => "error",
            Slot::EntityPerson => "entity_person",
            Slot::EntityOrganization => "entity_organization",
            Slot::EntityPlace => "entity_place",
            Slot::EntityGroup => "entity_group",
            Slot::EntityDate => "entity_date",
            Slot::EntityOther => "entity_other",
            Slot::Quote => "quote",
            Slot::Speaker => "speaker",
            Slot::Focus => "focus",
            Slot::SearchMatch => "search_match",
            Slot::SearchCurrent => "search_current",
            Slot::Highlight1 => "highlight1",
            Slot::Highlight2 => "highlight2",
            Slot::Highlight3 => "highlight3",
            Slot::Highlight4 => "highlight4",
            Slot::Selection => "selection",
            Slot::NoteMarker => "note_marker",
        }
    }
}

/// A style for every slot.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    styles: Vec<(Slot, Style)>,
}

impl Theme {
    pub fn from_styles(styles: Vec<(Slot, Style)>) -> Self {
        Theme { styles }
    }

    /// The slot's style; an unstyled slot draws plain.
    pub fn style(&self, slot: Slot) -> Style {
        self.get(slot).unwrap_or_default()
    }

    /// The slot's style, if the theme sets one.
    pub fn get(&self, slot: Slot) -> Option<Style> {
        self.styles
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, st)| *st)
    }

    /// Every styled slot, in `Slot::ALL` order when built from a config.
    pub fn styles(&self) -> &[(Slot, Style)] {
        &self.styles
    }
}
