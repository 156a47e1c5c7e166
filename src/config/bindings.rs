//! Merging `[keys]` layers into one keymap, and the rules that keep it unambiguous.
//!
//! Rules (also documented in `config.toml`):
//! - A layer's `action = [...]` replaces that action's keys; `action = []` unbinds it.
//! - A sequence a layer binds wins over an earlier layer's binding of another action: the
//!   older binding is dropped silently if it is the same sequence or one of the two starts
//!   the other (`g` vs `g g`), since otherwise the user would get an error about a line
//!   they never wrote.
//! - Within one layer, two bindings that are the same sequence, or where one starts the
//!   other, are an error reported at the later one.
//! - Actions that never work on the same screen (`filter` in the library, the reader's
//!   section keys) may share keys: they never meet.
//! - `ctrl-c` always quits: no other action may use it (or start with it), and it is added
//!   to `quit` even when the user rebinds or unbinds `quit`.

use std::ops::Range;

use crossterm::event::{KeyCode, KeyModifiers};

use super::error::Problem;
use super::keymap::Keymap;
use super::keys::{KeyPress, KeySeq};
use crate::tui::action::Action;

/// One key sequence as written in a file.
#[derive(Clone, Debug)]
pub(crate) struct Binding {
    pub seq: KeySeq,
    /// As the user wrote it, for error messages.
    pub text: String,
    /// Where it was written (byte range of the string).
    pub span: Range<usize>,
}

/// The keys of every action so far, in `Action::ALL` order.
#[derive(Clone, Debug)]
pub(crate) struct KeyDraft {
    per_action: Vec<(Action, Vec<Binding>)>,
}

/// How a new sequence collides with an existing one.
enum Clash {
    Same,
    /// The new one is the start of the old one.
    StartsOld,
    /// The old one is the start of the new one.
    StartsNew,
}

fn clash(new: &KeySeq, old: &KeySeq) -> Option<Clash> {
    if new == old {
        Some(Clash::Same)
    } else if old.starts_with(&new.0) {
        Some(Clash::StartsOld)
    } else if new.starts_with(&old.0) {
        Some(Clash::StartsNew)
    } else {
        None
    }
}

/// The reserved way out.
fn ctrl_c() -> KeySeq {
    KeySeq(vec![KeyPress::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )])
}

impl KeyDraft {
    pub fn new() -> Self {
        KeyDraft {
            per_action: Action::ALL.iter().map(|a| (*a, Vec::new())).collect(),
        }
    }

    /// Applies one layer's `[keys]`, given in file order.
    pub fn apply(&mut self, layer: Vec<(Action, Vec<Binding>)>) -> Result<(), Problem> {
        let reserved = ctrl_c();
        let mut set_here: Vec<Action> = Vec::new();
        for (action, bindings) in layer {
            // Replacing first means this action's old keys never clash with its new ones.
            self.slot(action).clear();
            set_here.push(action);
            for new in bindings {
                check_reserved(&new, action, &reserved)?;
                for (other, olds) in &mut self.per_action {
                    if !action.shares_a_screen(*other) {
                        continue;
                    }
                    if set_here.contains(other) {
                        if let Some(old) =
                            olds.iter().find(|old| clash(&new.seq, &old.seq).is_some())
                        {
                            return Err(conflict(&new, action, old, *other));
                        }
                    } else {
                        // An older layer's binding gives way to this one.
                        olds.retain(|old| clash(&new.seq, &old.seq).is_none());
                    }
                }
                self.slot(action).push(new);
            }
        }
        Ok(())
    }

    /// The keymap, in `Action::ALL` order, with `ctrl-c` always quitting.
    pub fn into_keymap(self) -> Keymap {
        let reserved = ctrl_c();
        let mut out = Vec::new();
        for (action, bindings) in self.per_action {
            let has_ctrl_c = bindings.iter().any(|b| b.seq == reserved);
            out.extend(bindings.into_iter().map(|b| (b.seq, action)));
            if action == Action::Quit && !has_ctrl_c {
                out.push((reserved.clone(), Action::Quit));
            }
        }
        Keymap::from_bindings(out)
    }

    fn slot(&mut self, action: Action) -> &mut Vec<Binding> {
        // `per_action` holds every action (see `new`), so this always finds one; the
        // fallback only keeps the signature total.
        let index = self
            .per_action
            .iter()
            .position(|(a, _)| *a == action)
            .unwrap_or_else(|| {
                self.per_action.push((action, Vec::new()));
                self.per_action.len() - 1
            });
        &mut self.per_action[index].1
    }
}

fn check_reserved(new: &Binding, action: Action, reserved: &KeySeq) -> Result<(), Problem> {
    let message = match clash(&new.seq, reserved) {
        None => return Ok(()),
        Some(Clash::Same) if action == Action::Quit => return Ok(()),
        Some(Clash::Same) => format!(
            "`{}` always quits lede; it cannot be bound to `{}`",
            new.text,
            action.name()
        ),
        Some(_) => format!(
            "`{}` for `{}` starts with `ctrl-c`, which always quits lede",
            new.text,
            action.name()
        ),
    };
    Err(Problem::new(new.span.clone(), message))
}

fn conflict(new: &Binding, action: Action, old: &Binding, other: Action) -> Problem {
    let (n, a, o, b) = (&new.text, action.name(), &old.text, other.name());
    let message = match clash(&new.seq, &old.seq) {
        Some(Clash::Same) if action == other => format!("`{n}` is listed twice for `{a}`"),
        Some(Clash::Same) => format!("`{n}` for `{a}` is already bound to `{b}`"),
        Some(Clash::StartsOld) => format!(
            "`{n}` for `{a}` is the start of `{o}` for `{b}`, so `{o}` could never be typed"
        ),
        _ => format!("`{n}` for `{a}` starts with `{o}`, already bound to `{b}`"),
    };
    Problem::new(new.span.clone(), message)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::keys::KeySeq;
    use crate::config::{KeyMatch, from_user_toml};
    use crate::tui::action::{Action, Screen};

    #[test]
    fn actions_of_different_screens_share_keys_and_others_clash() {
        let text = "[keys]\nfilter = [\"]\"]\n";
        let c = from_user_toml(text, Path::new("user.toml")).expect("no clash");
        let key = KeySeq::parse("]").expect("key").0;
        assert_eq!(
            c.keymap.lookup_on(&key, Screen::Library),
            KeyMatch::Action(Action::Filter)
        );
        assert_eq!(
            c.keymap.lookup_on(&key, Screen::Reader),
            KeyMatch::Action(Action::NextSection)
        );
        let text = "[keys]\nfilter = [\"x\"]\ncycle_sort = [\"x\"]\n";
        let err = from_user_toml(text, Path::new("user.toml")).expect_err("clash");
        assert!(
            err.to_string()
                .contains("`x` for `cycle_sort` is already bound to `filter`"),
            "{err}"
        );
    }
}
