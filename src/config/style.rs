//! One `[theme]` entry: a table of colours and text attributes → a ratatui `Style`.

use ratatui::style::{Color, Modifier, Style};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::Problem;
use super::value::{as_bool, in_file_order, wrong_type};

/// The text attributes a style may switch on (`true`) or off (`false`).
const MODIFIERS: [(&str, Modifier); 5] = [
    ("bold", Modifier::BOLD),
    ("italic", Modifier::ITALIC),
    ("dim", Modifier::DIM),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
];

/// Parses the style of slot `slot` (its name, for messages).
pub(crate) fn parse_style(table: &DeTable<'_>, slot: &str) -> Result<Style, Problem> {
    let mut style = Style::default();
    for (key, value) in in_file_order(table) {
        let name: &str = key.get_ref();
        let what = format!("`{name}` of `{slot}` in [theme]");
        match name {
            "fg" => style = style.fg(parse_colour(value, slot)?),
            "bg" => style = style.bg(parse_colour(value, slot)?),
            _ => {
                let Some((_, modifier)) = MODIFIERS.iter().find(|(n, _)| *n == name) else {
                    return Err(Problem::new(
                        key.span(),
                        format!("unknown attribute `{name}` for `{slot}` in [theme]"),
                    ));
                };
                // `false` removes the attribute, so a slot drawn over bold text can unbold it.
                style = if as_bool(value, &what)? {
                    style.add_modifier(*modifier)
                } else {
                    style.remove_modifier(*modifier)
                };
            }
        }
    }
    Ok(style)
}

/// A colour: a name ("red", "lightblue", "darkgray", "reset"), "#rrggbb", or an index 0–255
/// (as a number or a string).
fn parse_colour(value: &Spanned<DeValue<'_>>, slot: &str) -> Result<Color, Problem> {
    let unknown = |shown: &str| {
        Problem::new(
            value.span(),
            format!("unknown colour `{shown}` for `{slot}` in [theme]"),
        )
    };
    match value.get_ref() {
        DeValue::String(text) => colour_from_str(text).ok_or_else(|| unknown(text)),
        DeValue::Integer(int) => i64::from_str_radix(int.as_str(), int.radix())
            .ok()
            .and_then(|n| u8::try_from(n).ok())
            .map(Color::Indexed)
            .ok_or_else(|| unknown(int.as_str())),
        other => Err(wrong_type(
            value.span(),
            &format!("a colour of `{slot}` in [theme]"),
            "a string or an integer",
            other,
        )),
    }
}

/// Our own table rather than `Color::from_str`, so the accepted names are exactly the ones
/// `config.toml` documents. Case, `-`, `_` and spaces are ignored: "Light-Blue" works.
fn colour_from_str(text: &str) -> Option<Color> {
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let n = u32::from_str_radix(hex, 16).ok()?;
        let [_, r, g, b] = n.to_be_bytes();
        return Some(Color::Rgb(r, g, b));
    }
    if let Ok(n) = text.parse::<u8>() {
        return Some(Color::Indexed(n));
    }
    let name: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let colour = match name.as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    };
    Some(colour)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(colour_from_str("Light-Blue"), Some(Color::LightBlue));
        assert_eq!(colour_from_str("dark gray"), Some(Color::DarkGray));
        assert_eq!(colour_from_str("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(colour_from_str("42"), Some(Color::Indexed(42)));
        assert_eq!(colour_from_str("#ff80"), None);
        assert_eq!(colour_from_str("256"), None);
        assert_eq!(colour_from_str("purple"), None);
    }

    #[test]
    fn style_table() {
        let doc =
            toml::de::DeTable::parse("s = { fg = 3, bg = \"blue\", bold = true, dim = false }")
                .expect("parses");
        let (_, value) = doc.get_ref().iter().next().expect("one entry");
        let DeValue::Table(t) = value.get_ref() else {
            panic!("not a table")
        };
        let style = parse_style(t, "s").expect("valid");
        assert_eq!(
            style,
            Style::default()
                .fg(Color::Indexed(3))
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD)
                .remove_modifier(Modifier::DIM)
        );
    }
}
