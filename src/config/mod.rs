//! Configuration: the compiled-in `config.toml` with the user's file merged over it.

pub mod keymap;
pub mod keys;
pub mod theme;

use std::path::PathBuf;

pub use keymap::{KeyMatch, Keymap};
pub use theme::{Slot, Theme};

/// The shipped defaults, documented option by option.
pub const DEFAULT_CONFIG: &str = include_str!("../../config.toml");

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
}
