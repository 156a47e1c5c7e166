//! Configuration: the compiled-in `config.toml` with the user's file merged over it.
//!
//! Every problem in a file (unknown names, bad values, conflicting keys, TOML syntax) is a
//! [`ConfigError`] whose one-line Display reads `path:line:col: message`, so `main` can
//! print it and exit with status 2 before touching the terminal.

mod bindings;
mod error;
pub mod keymap;
pub mod keys;
mod layer;
mod load;
mod style;
pub mod theme;
mod value;

use std::path::{Path, PathBuf};

pub use error::ConfigError;
pub use keymap::{KeyMatch, Keymap};
pub use load::{default_path, from_file, load};
pub use theme::{Slot, Theme};

use layer::Draft;

/// The shipped defaults, documented option by option.
pub const DEFAULT_CONFIG: &str = include_str!("../../config.toml");

/// How errors in the shipped defaults name their file.
const DEFAULT_CONFIG_NAME: &str = "<built-in config.toml>";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub reader: ReaderConfig,
    pub library: LibraryConfig,
    pub theme: Theme,
    pub keymap: Keymap,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderConfig {
    /// The widest the text column gets (the measure); it is centred in wider windows.
    pub width: u16,
    /// Width of the side panel in columns.
    pub panel_width: u16,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryConfig {
    /// The folder `lede` opens with no argument (`None`: the bundled articles).
    pub path: Option<PathBuf>,
    /// The database file (`None`: `$XDG_DATA_HOME/lede/lede.db`).
    pub db: Option<PathBuf>,
    /// Where the reader's export (`X`) writes notes (`None`: the current folder).
    pub exports: Option<PathBuf>,
}

impl Config {
    /// The shipped defaults ([`DEFAULT_CONFIG`]).
    ///
    /// Infallible by design: the shipped file is checked by a unit test, so it always parses.
    /// Were it ever broken, this falls back to a bare config (default widths, plain styles,
    /// only `ctrl-c` bound) rather than panic; [`Config::try_defaults`] reports the error.
    pub fn defaults() -> Config {
        Config::try_defaults().unwrap_or_else(|_| Draft::empty().into_config())
    }

    /// The shipped defaults, or the error in them.
    pub fn try_defaults() -> Result<Config, ConfigError> {
        default_draft().map(Draft::into_config)
    }
}

/// The defaults with `text` (the contents of `path`, named in errors) merged over them.
pub fn from_user_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let mut draft = default_draft()?;
    draft
        .apply(text)
        .map_err(|problem| ConfigError::at(path, text, problem))?;
    Ok(draft.into_config())
}

fn default_draft() -> Result<Draft, ConfigError> {
    let mut draft = Draft::empty();
    draft
        .apply(DEFAULT_CONFIG)
        .map_err(|p| ConfigError::at(Path::new(DEFAULT_CONFIG_NAME), DEFAULT_CONFIG, p))?;
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;

    #[test]
    fn shipped_config_parses() {
        if let Err(err) = Config::try_defaults() {
            panic!("{err}");
        }
    }

    #[test]
    fn shipped_config_styles_every_slot() {
        let theme = Config::defaults().theme;
        for slot in Slot::ALL {
            assert!(theme.get(slot).is_some(), "no style for `{}`", slot.name());
        }
    }

    #[test]
    fn shipped_config_binds_every_action() {
        let keymap = Config::defaults().keymap;
        for action in Action::ALL {
            assert!(
                keymap.keys_for(action).next().is_some(),
                "`{}` has no default key",
                action.name()
            );
        }
    }
}
