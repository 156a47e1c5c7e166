//! Key presses and key sequences as written in `config.toml` ("j", "ctrl-d", "g g").

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One normalised key press. Shift is folded into the character for printable keys, so
/// `G` and `shift-g` are the same press.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyPress {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// A sequence of presses bound to one action (`g g`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeySeq(pub Vec<KeyPress>);

impl KeyPress {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            // Terminals report shift-tab as BackTab.
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeyPress { code, mods }
    }

    pub fn from_event(event: KeyEvent) -> Self {
        KeyPress::new(event.code, event.modifiers)
    }

    /// Parses one press: `j`, `G`, `ctrl-d`, `alt-x`, `space`, `pagedown`, `f1`, `?`.
    pub fn parse(text: &str) -> Result<KeyPress, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix_len, m) = if lower.starts_with("ctrl-") {
                (5, KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                (4, KeyModifiers::ALT)
            } else if lower.starts_with("shift-") {
                (6, KeyModifiers::SHIFT)
            } else {
                break;
            };
            // "ctrl--" would be ctrl plus '-'; a lone "-" is the minus key.
            if rest.len() == prefix_len {
                break;
            }
            mods |= m;
            rest = &rest[prefix_len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCode::F(n),
                    _ => return Err(format!("unknown key `{text}`")),
                },
                _ => return Err(format!("unknown key `{text}`")),
            },
        };
        Ok(KeyPress::new(code, mods))
    }
}

impl KeySeq {
    /// Parses presses separated by spaces: `g g`, `ctrl-w l`.
    pub fn parse(text: &str) -> Result<KeySeq, String> {
        let presses = text
            .split_whitespace()
            .map(KeyPress::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if presses.is_empty() {
            if text.is_empty() {
                return Err("empty key".to_string());
            }
            // A string of only spaces names the space bar.
            return Ok(KeySeq(vec![KeyPress::new(
                KeyCode::Char(' '),
                KeyModifiers::NONE,
            )]));
        }
        Ok(KeySeq(presses))
    }

    pub fn starts_with(&self, prefix: &[KeyPress]) -> bool {
        self.0.starts_with(prefix)
    }
}

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::PageDown => f.write_str("PageDown"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl fmt::Display for KeySeq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays() {
        let cases = [
            ("j", "j"),
            ("G", "G"),
            ("shift-g", "G"),
            ("ctrl-d", "Ctrl-d"),
            ("Ctrl-D", "Ctrl-d"),
            ("g g", "g g"),
            ("space", "Space"),
            ("pagedown", "PageDown"),
            ("f1", "F1"),
            ("-", "-"),
            ("ctrl--", "Ctrl--"),
        ];
        for (input, shown) in cases {
            let seq = KeySeq::parse(input).expect(input);
            assert_eq!(seq.to_string(), shown, "{input}");
        }
    }

    #[test]
    fn rejects_unknown_names() {
        assert!(KeySeq::parse("pgdn").is_err());
        assert!(KeySeq::parse("f99").is_err());
        assert!(KeySeq::parse("").is_err());
    }

    #[test]
    fn event_normalisation_matches_parsing() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeyPress::from_event(ev), KeyPress::parse("G").expect("G"));
    }
}
