//! The Quotes tab: each quotation in text order, as "speaker — first words".

use crate::config::{Slot, Theme};
use crate::tui::reader::Reader;

use super::panel::{PanelLine, wrap};

/// How many words of a quotation the tab shows.
const FIRST_WORDS: usize = 8;

pub fn lines(reader: &Reader, theme: &Theme, width: usize) -> Vec<PanelLine> {
    let body = &reader.article.body;
    let mut lines = Vec::new();
    for (i, quote) in reader.analysis.quotes.iter().enumerate() {
        let speaker = quote.speaker_name.as_deref().unwrap_or("(unattributed)");
        let text = body.get(quote.range.clone()).unwrap_or("");
        let mut words: Vec<&str> = text.split_whitespace().take(FIRST_WORDS + 1).collect();
        let more = words.len() > FIRST_WORDS;
        words.truncate(FIRST_WORDS);
        let label = format!(
            "{speaker} — {}{}",
            words.join(" "),
            if more { "…" } else { "" }
        );
        for (n, piece) in wrap(&label, width, 2).into_iter().enumerate() {
            lines.push(PanelLine {
                entry: Some(i),
                text: piece,
                style: if n == 0 {
                    theme.style(Slot::Panel)
                } else {
                    theme.style(Slot::Panel).patch(theme.style(Slot::Quote))
                },
                marker: "  ",
            });
        }
    }
    lines
}
