//! The status line: where you are (§ section, heading, %), messages, pending keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::config::Slot;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::display_width;
use crate::tui::prompt::PromptKind;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if app.prompt.is_some() && app.help.is_none() {
        draw_prompt(app, frame, area);
        return;
    }
    let theme = &app.config.theme;
    let base = theme.style(Slot::Status);
    let mut left: Vec<Span> = Vec::new();
    if let Some(reader) = &app.reader {
        if let Some(selection) = &reader.selection {
            let chars = reader.article.body[selection.range()].chars().count();
            left.push(Span::styled(
                format!(" SELECT {chars} chars "),
                theme.style(Slot::Selection),
            ));
        }
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
        if let Some(notes) = reader.notes.as_ref().filter(|n| !n.is_empty()) {
            let orphans = notes.orphans();
            let count = match notes.len() {
                1 => "1 note".to_string(),
                n => format!("{n} notes"),
            };
            let orphans = if orphans > 0 {
                format!(" ({orphans} orphaned)")
            } else {
                String::new()
            };
            left.push(Span::styled(format!(" · {count}{orphans}"), base));
        }
        if let Some(search) = reader.search().filter(|s| s.is_active()) {
            let query = search.query().unwrap_or_default();
            left.push(Span::styled(
                format!(" · /{query} {}", search.counter()),
                theme.style(Slot::StatusAccent),
            ));
        }
    } else if let Some(results) = &app.results {
        let n = results.hits.len();
        let found = match n {
            0 => "nothing found".to_string(),
            1 => "1 article".to_string(),
            _ => format!("{n} articles"),
        };
        left.push(Span::styled(
            format!(" search “{}”", results.query),
            theme.style(Slot::StatusAccent),
        ));
        left.push(Span::styled(format!(" · {found} · best first"), base));
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

/// The prompt line: what is typed, with the terminal's cursor in it; for the article
/// search, the match count (or "no match") and the matcher's note.
fn draw_prompt(app: &App, frame: &mut Frame, area: Rect) {
    let Some(prompt) = &app.prompt else {
        return;
    };
    let theme = &app.config.theme;
    let base = theme.style(Slot::Status);
    let sigil = format!(" {}", prompt.kind.sigil());
    let width = usize::from(area.width);
    // Long queries scroll so the cursor stays on screen.
    let room = width.saturating_sub(display_width(&sigil) + 1).max(1);
    let value = prompt.value();
    let cursor = prompt.cursor_column();
    let skip = cursor.saturating_sub(room.saturating_sub(1));
    let shown: String = skip_columns(value, skip);
    let x = area.x + u16::try_from(display_width(&sigil) + cursor - skip).unwrap_or(u16::MAX);
    if x < area.right() {
        frame.set_cursor_position((x, area.y));
    }
    let mut spans = vec![
        Span::styled(sigil, theme.style(Slot::StatusAccent)),
        Span::styled(shown, theme.style(Slot::StatusAccent)),
    ];
    if prompt.kind == PromptKind::Article
        && let Some(search) = app
            .reader
            .as_ref()
            .and_then(|r| r.search())
            .filter(|s| s.is_active())
    {
        spans.push(Span::styled(format!("   {}", search.counter()), base));
        if let Some(note) = search.note() {
            spans.push(Span::styled(format!(" · {note}"), base));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(base), area);
}

/// `text` without its first `columns` display columns.
fn skip_columns(text: &str, columns: usize) -> String {
    let mut used = 0;
    text.chars()
        .skip_while(|c| {
            let skip = used < columns;
            used += display_width(c.encode_utf8(&mut [0; 4]));
            skip
        })
        .collect()
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
