//! The Notes tab: highlights in text order ("quote start — note #tags"), then the orphans
//! the last re-import could not place, with their quote.

use crate::annotate::Status;
use crate::config::{Slot, Theme};
use crate::tui::reader::Reader;

use super::panel::{PanelLine, wrap};

/// Characters of the quote each entry starts with.
const QUOTE_CHARS: usize = 48;

pub fn lines(reader: &Reader, theme: &Theme, width: usize) -> Vec<PanelLine> {
    let Some(notes) = &reader.notes else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut orphans_started = false;
    for (entry, &i) in notes.shown().iter().enumerate() {
        let note = &notes.all()[i];
        let a = &note.annotation;
        if note.range.is_none() && !orphans_started {
            orphans_started = true;
            lines.push(PanelLine {
                entry: None,
                text: "Orphans (Enter to re-attach)".into(),
                style: theme.style(Slot::PanelTitle),
                marker: "  ",
            });
        }
        let mut quote: String = a.target.exact.chars().take(QUOTE_CHARS).collect();
        if a.target.exact.chars().nth(QUOTE_CHARS).is_some() {
            quote.push('…');
        }
        let flag = match a.status {
            Status::NeedsReview => "? ",
            _ => "",
        };
        let marker = if notes.focused.as_deref() == Some(a.id.as_str()) {
            "▸ "
        } else {
            "  "
        };
        let quote_style = theme
            .style(Slot::Panel)
            .patch(theme.style(Slot::highlight(a.colour)));
        for (n, piece) in wrap(&format!("{flag}“{quote}”"), width, 1)
            .into_iter()
            .enumerate()
        {
            lines.push(PanelLine {
                entry: Some(entry),
                text: piece,
                style: quote_style,
                marker: if n == 0 { marker } else { "  " },
            });
        }
        let first_line = a.note.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let tags: Vec<String> = a
            .tags
            .iter()
            .filter(|t| !first_line.contains(&format!("#{t}")))
            .map(|t| format!("#{t}"))
            .collect();
        let detail = [first_line.trim().to_string(), tags.join(" ")]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !detail.is_empty() {
            for piece in wrap(&detail, width.saturating_sub(1).max(1), 0) {
                lines.push(PanelLine {
                    entry: Some(entry),
                    text: format!(" {piece}"),
                    style: theme.style(Slot::Panel),
                    marker: "  ",
                });
            }
        }
    }
    lines
}
