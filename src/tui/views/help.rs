//! The help overlay: every action of the current screen with its keys, from the keymap
//! itself so it never drifts, grouped under headings, then (in the reader) a legend of the
//! entity colours.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::config::{Config, Slot};
use crate::tui::action::{Action, Screen};

/// Draws the overlay for `screen` scrolled by `scroll` rows; returns the scroll clamped to
/// the content.
pub fn draw(
    config: &Config,
    screen: Screen,
    scroll: usize,
    frame: &mut Frame,
    area: Rect,
) -> usize {
    let theme = &config.theme;
    let entries = help_lines(config, screen);
    let keys_width = entries
        .iter()
        .map(|(_, k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut text: Vec<Line> = Vec::new();
    let mut group = "";
    for (action, keys, desc) in entries {
        if action.group() != group {
            if !group.is_empty() {
                text.push(Line::raw(""));
            }
            group = action.group();
            text.push(Line::styled(
                format!(" {group}"),
                theme.style(Slot::PanelTitle),
            ));
        }
        text.push(Line::from(vec![
            Span::styled(format!(" {keys:<keys_width$}"), theme.style(Slot::HelpKey)),
            Span::raw("  "),
            Span::styled(desc, theme.style(Slot::Panel)),
        ]));
    }
    if screen == Screen::Reader {
        legend(config, &mut text);
    }
    text.push(Line::raw(""));
    text.push(Line::styled(
        " Ctrl-c always quits. Counts repeat a key: 5j.",
        theme.style(Slot::Muted),
    ));

    let wanted_width = text.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let height = (text.len() as u16 + 2).min(area.height);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(wanted_width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    let inner_height = usize::from(popup.height.saturating_sub(2));
    let max_scroll = text.len().saturating_sub(inner_height);
    let scroll = scroll.min(max_scroll);
    let close = config.keymap.hint(Action::Close);
    let title = format!(" Help: keys ({close} closes) ");
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Slot::PanelTitle))
        .title(Span::styled(title, theme.style(Slot::PanelTitle)));
    if max_scroll > 0 {
        let down = config.keymap.hint(Action::ScrollDown);
        let up = config.keymap.hint(Action::ScrollUp);
        let more = if scroll < max_scroll {
            "more below"
        } else {
            "end"
        };
        block = block.title_bottom(Span::styled(
            format!(" {more} · {down}/{up} scroll "),
            theme.style(Slot::Muted),
        ));
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        popup,
    );
    scroll
}

/// The entity colours, for the reader's help.
fn legend(config: &Config, text: &mut Vec<Line<'static>>) {
    let theme = &config.theme;
    text.push(Line::raw(""));
    text.push(Line::styled(" Colours", theme.style(Slot::PanelTitle)));
    let legend = [
        ("person", Slot::EntityPerson),
        ("organisation", Slot::EntityOrganization),
        ("place", Slot::EntityPlace),
        ("group", Slot::EntityGroup),
        ("date", Slot::EntityDate),
        ("other", Slot::EntityOther),
        ("“quotation”", Slot::Quote),
        ("speaker", Slot::Speaker),
    ];
    let mut spans = vec![Span::raw(" ")];
    for (name, slot) in legend {
        spans.push(Span::styled(name, theme.style(slot)));
        spans.push(Span::raw("  "));
    }
    text.push(Line::from(spans));
    // The highlight colours `m` cycles through, and the note marker.
    let mut spans = vec![Span::raw(" ")];
    for colour in 0..crate::annotate::COLOURS {
        spans.push(Span::styled(
            format!("highlight {}", colour + 1),
            theme.style(Slot::highlight(colour)),
        ));
        spans.push(Span::raw("  "));
    }
    spans.push(Span::styled("selection", theme.style(Slot::Selection)));
    spans.push(Span::raw("  "));
    spans.push(Span::styled("✎", theme.style(Slot::NoteMarker)));
    spans.push(Span::raw(" a note"));
    text.push(Line::from(spans));
}

/// `(action, keys, description)` for every action that works on `screen`, in
/// `Action::ALL` order.
pub fn help_lines(config: &Config, screen: Screen) -> Vec<(Action, String, String)> {
    Action::ALL
        .into_iter()
        .filter(|a| a.works_on(screen))
        .map(|action| {
            let keys: Vec<String> = config
                .keymap
                .keys_for(action)
                .map(ToString::to_string)
                .collect();
            let keys = if keys.is_empty() {
                "(unbound)".to_string()
            } else {
                keys.join(", ")
            };
            (action, keys, action.description().to_string())
        })
        .collect()
}
