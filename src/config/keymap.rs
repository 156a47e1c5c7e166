//! The keymap: key sequences → actions, with prefix matching for chords like `g g`.

use super::keys::{KeyPress, KeySeq};
use crate::tui::action::{Action, Screen};

/// The bindings in force, in `Action::ALL` order and, within an action, in the order its
/// keys were written (the help screen lists them so).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(KeySeq, Action)>,
}

/// What the presses typed so far mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMatch {
    /// No binding starts with these presses.
    None,
    /// Some binding starts with them; wait for more.
    Prefix,
    Action(Action),
}

impl Keymap {
    /// Builds a keymap from already validated bindings (`config` checks them for clashes).
    pub fn from_bindings(bindings: Vec<(KeySeq, Action)>) -> Self {
        Keymap { bindings }
    }

    pub fn bindings(&self) -> &[(KeySeq, Action)] {
        &self.bindings
    }

    /// What `typed` means on any screen (the first binding wins when two screens bind the
    /// same keys differently).
    pub fn lookup(&self, typed: &[KeyPress]) -> KeyMatch {
        self.find(typed, |_| true)
    }

    /// What `typed` means on `screen`: only actions that work there count.
    pub fn lookup_on(&self, typed: &[KeyPress], screen: Screen) -> KeyMatch {
        self.find(typed, |a| a.works_on(screen))
    }

    fn find(&self, typed: &[KeyPress], active: impl Fn(Action) -> bool) -> KeyMatch {
        let mut prefix = false;
        for (seq, action) in self.bindings.iter().filter(|(_, a)| active(*a)) {
            if seq.0 == typed {
                return KeyMatch::Action(*action);
            }
            if seq.starts_with(typed) {
                prefix = true;
            }
        }
        if prefix {
            KeyMatch::Prefix
        } else {
            KeyMatch::None
        }
    }

    /// The sequences bound to `action`, in declaration order.
    pub fn keys_for(&self, action: Action) -> impl Iterator<Item = &KeySeq> {
        self.bindings
            .iter()
            .filter(move |(_, a)| *a == action)
            .map(|(k, _)| k)
    }

    /// The first key bound to `action`, for short hints ("? help").
    pub fn hint(&self, action: Action) -> String {
        self.keys_for(action)
            .next()
            .map(ToString::to_string)
            .unwrap_or_default()
    }
}
