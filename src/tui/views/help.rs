//! The help overlay: every action with its keys, from the keymap itself so it never drifts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::config::{Config, Slot};
use crate::tui::action::Action;

/// Draws the overlay scrolled by `scroll` rows; returns the scroll clamped to the content.
pub fn draw(config: &Config, scroll: usize, frame: &mut Frame, area: Rect) -> usize {
    let theme = &config.theme;
    let lines = help_lines(config);
    let keys_width = lines
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let wanted_width = lines
        .iter()
        .map(|(_, d)| keys_width + 3 + d.chars().count())
        .max()
        .unwrap_or(0) as u16
        + 4;
    let height = (lines.len() as u16 + 4).min(area.height);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(wanted_width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    let inner_height = usize::from(popup.height.saturating_sub(2));
    let max_scroll = (lines.len() + 2).saturating_sub(inner_height);
    let scroll = scroll.min(max_scroll);
    let mut text: Vec<Line> = lines
        .into_iter()
        .map(|(keys, desc)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<keys_width$}"), theme.style(Slot::HelpKey)),
                Span::raw("  "),
                Span::styled(desc, theme.style(Slot::Panel)),
            ])
        })
        .collect();
    text.push(Line::raw(""));
    text.push(Line::styled(
        " Ctrl-c always quits. Counts repeat a key: 5j.",
        theme.style(Slot::Muted),
    ));
    let title = format!(
        " Help: keys ({} closes) ",
        config.keymap.hint(Action::Close)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Slot::PanelTitle))
        .title(Span::styled(title, theme.style(Slot::PanelTitle)));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        popup,
    );
    scroll
}

/// `(keys, description)` for every action, in the keymap's order.
pub fn help_lines(config: &Config) -> Vec<(String, String)> {
    Action::ALL
        .into_iter()
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
            (keys, action.description().to_string())
        })
        .collect()
}
