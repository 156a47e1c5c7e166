//! Span layers over the body as the reader shows them: entity mentions (by kind), quotations,
//! speakers, search matches and the focused mark. Each layer is sorted by start so a row
//! finds its marks with a binary search; styles are combined plain → entity → quote →
//! speaker → highlight → search match → focus → current search match → selection.

use std::ops::Range;

use ratatui::style::Style;

use crate::analysis::Analysis;
use crate::config::{Slot, Theme};

/// The marks of one article, ready for drawing and navigation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Entity mentions with the slot of their kind, sorted by start.
    pub entities: Vec<(Range<usize>, Slot)>,
    /// Quotations, sorted by start.
    pub quotes: Vec<Range<usize>>,
    /// Speaker mentions named in the text, sorted by start.
    pub speakers: Vec<Range<usize>>,
    /// The longest mark of any layer: a mark reaching into a row starts at most this far
    /// before it, which bounds the search.
    pub longest: usize,
}

impl Marks {
    pub fn new(analysis: &Analysis) -> Marks {
        let mut entities: Vec<(Range<usize>, Slot)> = analysis
            .entities
            .iter()
            .map(|e| (e.range.clone(), Slot::for_entity(e.kind.as_str())))
            .collect();
        entities.sort_by_key(|(r, _)| (r.start, r.end));
        let mut quotes: Vec<Range<usize>> =
            analysis.quotes.iter().map(|q| q.range.clone()).collect();
        quotes.sort_by_key(|r| (r.start, r.end));
        let mut speakers: Vec<Range<usize>> = analysis
            .quotes
            .iter()
            .filter_map(|q| q.speaker.clone())
            .collect();
        speakers.sort_by_key(|r| (r.start, r.end));
        speakers.dedup();
        let longest = entities
            .iter()
            .map(|(r, _)| r)
            .chain(&quotes)
            .chain(&speakers)
            .map(|r| r.len())
            .max()
            .unwrap_or(0);
        Marks {
            entities,
            quotes,
            speakers,
            longest,
        }
    }

    /// The first entity mention starting after `offset` (or before, going back).
    pub fn next_entity(&self, offset: usize, forward: bool) -> Option<Range<usize>> {
        next_in(self.entities.iter().map(|(r, _)| r), offset, forward)
    }

    pub fn next_quote(&self, offset: usize, forward: bool) -> Option<Range<usize>> {
        next_in(self.quotes.iter(), offset, forward)
    }
}

fn next_in<'a>(
    ranges: impl DoubleEndedIterator<Item = &'a Range<usize>>,
    offset: usize,
    forward: bool,
) -> Option<Range<usize>> {
    if forward {
        ranges.into_iter().find(|r| r.start > offset).cloned()
    } else {
        ranges.into_iter().rev().find(|r| r.start < offset).cloned()
    }
}

/// What to draw on top of the plain text.
pub struct Layers<'a> {
    pub marks: &'a Marks,
    pub show_entities: bool,
    pub focus: Option<&'a Range<usize>>,
    /// Search matches: sorted, never overlapping.
    pub search: &'a [Range<usize>],
    /// The current search match.
    pub current: Option<&'a Range<usize>>,
    /// Highlights (annotations) with their colour slot, sorted by start.
    pub highlights: &'a [(Range<usize>, Slot)],
    /// The passage being selected.
    pub selection: Option<&'a Range<usize>>,
}

/// Splits `row` (a body byte range) into runs with their styles, starting from `base`.
pub fn styled_runs(
    row: Range<usize>,
    base: Style,
    layers: &Layers<'_>,
    theme: &Theme,
) -> Vec<(Range<usize>, Style)> {
    let longest = layers.marks.longest;
    let entities: &[(Range<usize>, Slot)] = if layers.show_entities {
        overlapping(&layers.marks.entities, &row, longest, |(r, _)| r)
    } else {
        &[]
    };
    let quotes = overlapping(&layers.marks.quotes, &row, longest, |r| r);
    let speakers = overlapping(&layers.marks.speakers, &row, longest, |r| r);
    let focus = layers
        .focus
        .filter(|f| f.start < row.end && f.end > row.start);
    // Matches never overlap, so none reaching into the row starts before the one before it.
    let search = {
        let items = layers.search;
        let end = items.partition_point(|r| r.start < row.end);
        let start = items[..end].partition_point(|r| r.end <= row.start);
        &items[start..end]
    };
    let current = layers
        .current
        .filter(|f| f.start < row.end && f.end > row.start);
    let highlights: Vec<&(Range<usize>, Slot)> = layers
        .highlights
        .iter()
        .take_while(|(r, _)| r.start < row.end)
        .filter(|(r, _)| r.end > row.start)
        .collect();
    let selection = layers
        .selection
        .filter(|f| f.start < row.end && f.end > row.start);
    // Every place a style may change inside the row.
    let mut cuts = vec![row.start, row.end];
    let mut cut = |r: &Range<usize>| {
        for p in [r.start, r.end] {
            if p > row.start && p < row.end {
                cuts.push(p);
            }
        }
    };
    entities.iter().for_each(|(r, _)| cut(r));
    quotes.iter().for_each(&mut cut);
    speakers.iter().for_each(&mut cut);
    focus.into_iter().for_each(&mut cut);
    search.iter().for_each(&mut cut);
    current.into_iter().for_each(&mut cut);
    highlights.iter().for_each(|(r, _)| cut(r));
    selection.into_iter().for_each(&mut cut);
    cuts.sort_unstable();
    cuts.dedup();
    let inside = |r: &Range<usize>, p: usize| r.start <= p && p < r.end;
    cuts.windows(2)
        .map(|w| {
            let (start, end) = (w[0], w[1]);
            let mut style = base;
            if let Some((_, slot)) = entities.iter().find(|(r, _)| inside(r, start)) {
                style = style.patch(theme.style(*slot));
            }
            if quotes.iter().any(|r| inside(r, start)) {
                style = style.patch(theme.style(Slot::Quote));
            }
            if speakers.iter().any(|r| inside(r, start)) {
                style = style.patch(theme.style(Slot::Speaker));
            }
            // A later highlight over an earlier one wins (it was made on purpose, later).
            if let Some((_, slot)) = highlights.iter().rev().find(|(r, _)| inside(r, start)) {
                style = style.patch(theme.style(*slot));
            }
            if search.iter().any(|r| inside(r, start)) {
                style = style.patch(theme.style(Slot::SearchMatch));
            }
            if focus.is_some_and(|r| inside(r, start)) {
                style = style.patch(theme.style(Slot::Focus));
            }
            if current.is_some_and(|r| inside(r, start)) {
                style = style.patch(theme.style(Slot::SearchCurrent));
            }
            if selection.is_some_and(|r| inside(r, start)) {
                style = style.patch(theme.style(Slot::Selection));
            }
            (start..end, style)
        })
        .collect()
}

/// The items of a start-sorted list that may overlap `row` (none of which is longer than
/// `longest`); callers test each for overlap.
fn overlapping<'a, T>(
    items: &'a [T],
    row: &Range<usize>,
    longest: usize,
    range: impl Fn(&T) -> &Range<usize>,
) -> &'a [T] {
    let end = items.partition_point(|t| range(t).start < row.end);
    let from = row.start.saturating_sub(longest);
    let start = items[..end].partition_point(|t| range(t).start < from);
    &items[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    fn theme() -> Theme {
        Theme::from_styles(vec![
            (Slot::EntityPerson, Style::new().fg(Color::Magenta)),
            (Slot::Quote, Style::new().add_modifier(Modifier::ITALIC)),
            (Slot::Focus, Style::new().add_modifier(Modifier::REVERSED)),
        ])
    }

    #[test]
    fn runs_combine_entity_quote_and_focus() {
        // 0         1         2
        // 0123456789012345678901234
        // “We agree,” said Ann Lee.
        let marks = Marks {
            entities: vec![(17..24, Slot::EntityPerson)],
            quotes: vec![Range { start: 0, end: 11 }],
            speakers: vec![],
            longest: 11,
        };
        let focus = 17..24;
        let layers = Layers {
            marks: &marks,
            show_entities: true,
            focus: Some(&focus),
            search: &[],
            current: None,
            highlights: &[],
            selection: None,
        };
        let runs = styled_runs(0..25, Style::new(), &layers, &theme());
        let ranges: Vec<Range<usize>> = runs.iter().map(|(r, _)| r.clone()).collect();
        assert_eq!(ranges, [0..11, 11..17, 17..24, 24..25]);
        assert!(runs[0].1.add_modifier.contains(Modifier::ITALIC));
        assert_eq!(runs[1].1, Style::new());
        assert_eq!(runs[2].1.fg, Some(Color::Magenta));
        assert!(runs[2].1.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn a_quote_spanning_rows_styles_every_row_and_entities_can_be_hidden() {
        let marks = Marks {
            entities: vec![(5..8, Slot::EntityPerson), (50..55, Slot::EntityPerson)],
            quotes: vec![Range { start: 2, end: 60 }],
            speakers: vec![],
            longest: 58,
        };
        let layers = Layers {
            marks: &marks,
            show_entities: false,
            focus: None,
            search: &[],
            current: None,
            highlights: &[],
            selection: None,
        };
        let runs = styled_runs(20..40, Style::new(), &layers, &theme());
        assert_eq!(runs.len(), 1);
        assert!(runs[0].1.add_modifier.contains(Modifier::ITALIC));
        assert_eq!(runs[0].1.fg, None);
    }

    #[test]
    fn search_matches_are_styled_and_the_current_one_differs() {
        let theme = Theme::from_styles(vec![
            (Slot::EntityPerson, Style::new().fg(Color::Magenta)),
            (Slot::SearchMatch, Style::new().bg(Color::Yellow)),
            (Slot::SearchCurrent, Style::new().bg(Color::LightRed)),
        ]);
        let marks = Marks {
            entities: vec![(0..6, Slot::EntityPerson)],
            longest: 6,
            ..Marks::default()
        };
        // A match that began on the row before, one inside, the current one after.
        let search = [0..3, 8..12, 20..26, 30..34];
        let layers = Layers {
            marks: &marks,
            show_entities: true,
            focus: None,
            search: &search,
            current: Some(&search[2]),
            highlights: &[],
            selection: None,
        };
        let runs = styled_runs(10..28, Style::new(), &layers, &theme);
        let got: Vec<(Range<usize>, Option<Color>)> =
            runs.iter().map(|(r, s)| (r.clone(), s.bg)).collect();
        assert_eq!(
            got,
            [
                (10..12, Some(Color::Yellow)),
                (12..20, None),
                (20..26, Some(Color::LightRed)),
                (26..28, None)
            ]
        );
        let runs = styled_runs(0..6, Style::new(), &layers, &theme);
        assert_eq!(
            runs[0].1.fg,
            Some(Color::Magenta),
            "the entity colour stays"
        );
        assert_eq!(runs[0].1.bg, Some(Color::Yellow));
    }

    #[test]
    fn highlights_sit_under_search_matches_and_the_selection_is_on_top() {
        let theme = Theme::from_styles(vec![
            (Slot::Quote, Style::new().add_modifier(Modifier::ITALIC)),
            (Slot::Highlight1, Style::new().bg(Color::LightYellow)),
            (Slot::Highlight2, Style::new().bg(Color::LightGreen)),
            (Slot::SearchMatch, Style::new().bg(Color::Yellow)),
            (
                Slot::Selection,
                Style::new().add_modifier(Modifier::REVERSED),
            ),
        ]);
        let marks = Marks {
            quotes: vec![Range { start: 0, end: 30 }],
            longest: 30,
            ..Marks::default()
        };
        let highlights = [(2..12, Slot::Highlight1), (8..20, Slot::Highlight2)];
        let search = [Range { start: 10, end: 11 }];
        let selection = 15..25;
        let layers = Layers {
            marks: &marks,
            show_entities: true,
            focus: None,
            search: &search,
            current: None,
            highlights: &highlights,
            selection: Some(&selection),
        };
        let runs = styled_runs(0..30, Style::new(), &layers, &theme);
        let got: Vec<(Range<usize>, Option<Color>, bool)> = runs
            .iter()
            .map(|(r, s)| {
                let reversed = s.add_modifier.contains(Modifier::REVERSED);
                (r.clone(), s.bg, reversed)
            })
            .collect();
        assert_eq!(
            got,
            [
                (0..2, None, false),
                (2..8, Some(Color::LightYellow), false),
                (8..10, Some(Color::LightGreen), false),
                (10..11, Some(Color::Yellow), false),
                (11..12, Some(Color::LightGreen), false),
                (12..15, Some(Color::LightGreen), false),
                (15..20, Some(Color::LightGreen), true),
                (20..25, None, true),
                (25..30, None, false),
            ]
        );
        assert!(
            runs.iter()
                .all(|(_, s)| s.add_modifier.contains(Modifier::ITALIC))
        );
    }

    #[test]
    fn next_and_previous_marks() {
        let marks = Marks {
            entities: vec![(5..8, Slot::EntityPerson), (50..55, Slot::EntityPerson)],
            ..Marks::default()
        };
        assert_eq!(marks.next_entity(0, true), Some(5..8));
        assert_eq!(marks.next_entity(5, true), Some(50..55));
        assert_eq!(marks.next_entity(50, true), None);
        assert_eq!(marks.next_entity(50, false), Some(5..8));
        assert_eq!(marks.next_entity(5, false), None);
    }
}
