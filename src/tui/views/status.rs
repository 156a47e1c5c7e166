//! The status line: where you are (§ section, heading, %), messages, pending keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::config::Slot;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::display_width;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.config.theme;
    let base = theme.style(Slot::Status);
    let mut left: Vec<Span> = Vec::new();
    if let Some(reader) = &app.reader {
        let n = reader.analysis.sections.len();
        let (index, heading) = match reader.current_section() {
            Some(i) => (i + 1, reader.heading(i).to_string()),
            None => (0, "lead".to_string()),
        };
        if n > 0 {
            left.push(Span::styled(
                format!(" §{index}/{n} "),
                theme.style(Slot::StatusAccent),
            ));
        }
        left.push(Span::styled(
            format!(" {heading} · {}%", reader.percent()),
            base,
        ));
        if let Some(group) = reader.following.and_then(|g| reader.groups.get(g)) {
            left.push(Span::styled(
                format!(" · following {}", group.name),
                theme.style(Slot::StatusAccent),
            ));
        }
        if reader.showing_original() {
            left.push(Span::styled(" · original", theme.style(Slot::StatusAccent)));
        }
    } else if let Some(library) = &app.library {
        let total = library.entries().len();
        let shown = library.view().len();
        let filter = library.filter();
        let count = if filter.is_active() {
            format!("{shown}/{total} matching")
        } else if total == 1 {
            "1 article".to_string()
        } else {
            format!("{total} articles")
        };
        if filter.editing() {
            let prompt = format!(" /{}", filter.query());
            // The terminal's cursor stands at the end of what is typed.
            let x = area.x + u16::try_from(display_width(&prompt)).unwrap_or(u16::MAX);
            if x < area.right() {
                frame.set_cursor_position((x, area.y));
            }
            left.push(Span::styled(prompt, theme.style(Slot::StatusAccent)));
            left.push(Span::styled(format!("   {count}"), base));
        } else {
            let key = library.sort().name();
            let text = if filter.is_active() {
                // Matches come best first; the sort key orders equal ones.
                format!(" {count} /{} · best, then by {key}", filter.query())
            } else {
                format!(" {count} · by {key}")
            };
            let mut text = text;
            if library.unread_first() {
                text.push_str(" · unread first");
            }
            left.push(Span::styled(text, base));
        }
    }
    let right = right_text(app);
    let message = app.message.as_ref().map(|m| {
        let slot = if m.is_error {
            Slot::Error
        } else {
            Slot::Message
        };
        Span::styled(format!("  {}", m.text), theme.style(slot))
    });
    // The message replaces the position text when there is no room for both.
    let left_width: usize = left.iter().map(|s| display_width(&s.content)).sum();
    let msg_width = message.as_ref().map_or(0, |m| display_width(&m.content));
    let width = usize::from(area.width);
    let mut spans = if msg_width > 0 && left_width + msg_width + right.len() > width {
        Vec::new()
    } else {
        left
    };
    spans.extend(message);
    let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    let pad = width.saturating_sub(used + display_width(&right));
    spans.push(Span::styled(" ".repeat(pad), base));
    spans.push(Span::styled(right, base));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(base), area);
}

fn right_text(app: &App) -> String {
    let pending = app.input.pending_text();
    let help = app.config.keymap.hint(Action::Help);
    if pending.is_empty() {
        format!("{help} help ")
    } else {
        format!("{pending}  {help} help ")
    }
}
