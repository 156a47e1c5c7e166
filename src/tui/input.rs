//! Turning key presses into actions: multi-key sequences (`g g`) and counts (`5j`).

use crossterm::event::{KeyCode, KeyModifiers};

use crate::config::keys::KeyPress;
use crate::config::{KeyMatch, Keymap};

use super::action::{Action, Screen};

/// Presses typed so far that do not yet make an action.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyInput {
    pending: Vec<KeyPress>,
    count: Option<usize>,
}

/// An action with its repeat count (1 when none was typed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Command {
    pub action: Action,
    pub count: usize,
}

impl KeyInput {
    /// Feeds one press made on `screen`; returns a command when the presses complete one
    /// of its bindings. With `counts`, digits always build a count ("12j"); without, a
    /// bound digit is its action.
    pub fn press(
        &mut self,
        keymap: &Keymap,
        key: KeyPress,
        counts: bool,
        screen: Screen,
    ) -> Option<Command> {
        if self.pending.is_empty()
            && let Some(digit) = count_digit(key, self.count.is_some())
            && (counts
                || self.count.is_some()
                || keymap.lookup_on(&[key], screen) == KeyMatch::None)
        {
            let count = self
                .count
                .unwrap_or(0)
                .saturating_mul(10)
                .saturating_add(digit);
            self.count = Some(count.min(1_000_000));
            return None;
        }
        self.pending.push(key);
        match keymap.lookup_on(&self.pending, screen) {
            KeyMatch::Prefix => None,
            KeyMatch::Action(action) => {
                let count = self.count.unwrap_or(1).max(1);
                self.reset();
                Some(Command { action, count })
            }
            KeyMatch::None => {
                // A broken sequence: retry the last press on its own, as vim does.
                let retry = self.pending.len() > 1;
                self.reset();
                if retry {
                    self.press(keymap, key, counts, screen)
                } else {
                    None
                }
            }
        }
    }

    pub fn reset(&mut self) {
        self.pending.clear();
        self.count = None;
    }

    /// What is typed so far, for the status line (`5`, `g`).
    pub fn pending_text(&self) -> String {
        let mut text = self.count.map(|c| c.to_string()).unwrap_or_default();
        for p in &self.pending {
            text.push_str(&p.to_string());
        }
        text
    }
}

/// A digit that extends a count: `1`–`9` start one, `0` only continues one.
fn count_digit(key: KeyPress, counting: bool) -> Option<usize> {
    match key.code {
        KeyCode::Char(c @ '0'..='9') if key.mods == KeyModifiers::NONE => {
            let d = c as usize - '0' as usize;
            (d > 0 || counting).then_some(d)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::keys::KeySeq;

    fn keymap() -> Keymap {
        let b = |k: &str, a| (KeySeq::parse(k).expect("key"), a);
        Keymap::from_bindings(vec![
            b("j", Action::ScrollDown),
            b("g g", Action::Top),
            b("G", Action::Bottom),
        ])
    }

    fn press(input: &mut KeyInput, map: &Keymap, k: &str) -> Option<Command> {
        input.press(map, KeyPress::parse(k).expect("key"), true, Screen::Reader)
    }

    #[test]
    fn sequences_and_counts() {
        let map = keymap();
        let mut input = KeyInput::default();
        assert_eq!(press(&mut input, &map, "g"), None);
        assert_eq!(input.pending_text(), "g");
        assert_eq!(
            press(&mut input, &map, "g"),
            Some(Command {
                action: Action::Top,
                count: 1
            })
        );
        assert_eq!(press(&mut input, &map, "1"), None);
        assert_eq!(press(&mut input, &map, "2"), None);
        assert_eq!(input.pending_text(), "12");
        assert_eq!(
            press(&mut input, &map, "j"),
            Some(Command {
                action: Action::ScrollDown,
                count: 12
            })
        );
    }

    #[test]
    fn bound_digits_act_only_without_counts() {
        let map = Keymap::from_bindings(vec![
            (KeySeq::parse("2").expect("key"), Action::PanelEntities),
            (KeySeq::parse("j").expect("key"), Action::ScrollDown),
        ]);
        let mut input = KeyInput::default();
        let two = KeyPress::parse("2").expect("key");
        let on = Screen::Reader;
        assert_eq!(input.press(&map, two, true, on), None);
        assert_eq!(
            input.press(&map, KeyPress::parse("j").expect("key"), true, on),
            Some(Command {
                action: Action::ScrollDown,
                count: 2
            })
        );
        assert_eq!(
            input.press(&map, two, false, on),
            Some(Command {
                action: Action::PanelEntities,
                count: 1
            })
        );
    }

    #[test]
    fn broken_sequence_retries_last_key() {
        let map = keymap();
        let mut input = KeyInput::default();
        assert_eq!(press(&mut input, &map, "g"), None);
        assert_eq!(
            press(&mut input, &map, "G"),
            Some(Command {
                action: Action::Bottom,
                count: 1
            })
        );
        assert_eq!(press(&mut input, &map, "x"), None);
        assert_eq!(input.pending_text(), "");
    }
}
