//! The Contents tab: the lead and every section heading; the one being read is marked.

use crate::config::{Slot, Theme};
use crate::tui::reader::Reader;

use super::panel::{PanelLine, wrap};

pub fn lines(reader: &Reader, theme: &Theme, width: usize) -> Vec<PanelLine> {
    let current = reader.current_section().map_or(0, |i| i + 1);
    let mut lines = Vec::new();
    for entry in 0..reader.entries() {
        let (label, indent) = match entry {
            0 => ("(top)".to_string(), 0),
            // Continuation lines hang under the heading text, not its number.
            i => (
                format!("{i}. {}", reader.heading(i - 1)),
                i.to_string().len() + 2,
            ),
        };
        for (n, piece) in wrap(&label, width, indent).into_iter().enumerate() {
            lines.push(PanelLine {
                entry: Some(entry),
                text: piece,
                style: theme.style(Slot::Panel),
                marker: if entry == current && n == 0 {
                    "▸ "
                } else {
                    "  "
                },
            });
        }
    }
    lines
}
