//! The Entities tab: names grouped by kind (people, organisations, places, …), most
//! mentioned first, with their counts; each kind in its theme colour.

use crate::config::{Slot, Theme};
use crate::tui::reader::Reader;

use super::panel::{PanelLine, wrap};

pub fn lines(reader: &Reader, theme: &Theme, width: usize) -> Vec<PanelLine> {
    let mut lines = Vec::new();
    let mut kind = "";
    for (i, group) in reader.groups.iter().enumerate() {
        if group.kind != kind {
            kind = group.kind;
            lines.push(PanelLine {
                entry: None,
                text: heading(kind).to_string(),
                style: theme.style(Slot::PanelTitle),
                marker: "",
            });
        }
        let following = reader.following == Some(i);
        let label = format!("{} ({})", group.name, group.mentions.len());
        for piece in wrap(&label, width, 2) {
            lines.push(PanelLine {
                entry: Some(i),
                text: piece,
                style: theme.style(Slot::for_entity(kind)),
                marker: if following { "▸ " } else { "  " },
            });
        }
    }
    lines
}

fn heading(kind: &str) -> &'static str {
    match kind {
        "person" => "People",
        "organization" => "Organisations",
        "place" => "Places",
        "group" => "Groups",
        "date" => "Dates",
        "event" => "Events",
        "work" => "Works",
        "law" => "Laws",
        "product" => "Products",
        "time" => "Times",
        "money" => "Money",
        "percent" => "Percentages",
        _ => "Numbers",
    }
}
