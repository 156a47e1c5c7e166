//! One config document (the shipped defaults, then the user's file) applied over the
//! settings so far. Each section is checked strictly: unknown names and bad values are
//! errors that point at the spot.

use std::path::PathBuf;

use ratatui::style::Style;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::bindings::{Binding, KeyDraft};
use super::error::Problem;
use super::keys::KeySeq;
use super::style::parse_style;
use super::value::{as_int_in, as_str, as_table, in_file_order, wrong_type};
use super::{Config, LibraryConfig, ReaderConfig, Slot, Theme};
use crate::tui::action::Action;

/// Bounds for `[reader] width`: narrower is unreadable, wider is surely a typo.
pub(crate) const WIDTH_RANGE: std::ops::RangeInclusive<i64> = 20..=1000;
/// Bounds for `[reader] panel_width`.
pub(crate) const PANEL_WIDTH_RANGE: std::ops::RangeInclusive<i64> = 10..=200;

/// The settings being built, layer by layer.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    width: u16,
    panel_width: u16,
    library_path: Option<PathBuf>,
    library_db: Option<PathBuf>,
    library_exports: Option<PathBuf>,
    /// Indexed like `Slot::ALL`; `None` until a layer styles the slot.
    styles: Vec<Option<Style>>,
    keys: KeyDraft,
}

impl Draft {
    /// The state before any document: the shipped `config.toml` sets everything, so these
    /// values only matter if it could not be read (see `Config::defaults`).
    pub fn empty() -> Self {
        Draft {
            width: 100,
            panel_width: 34,
            library_path: None,
            library_db: None,
            library_exports: None,
            styles: vec![None; Slot::ALL.len()],
            keys: KeyDraft::new(),
        }
    }

    /// Parses `text` and merges it over the settings so far.
    pub fn apply(&mut self, text: &str) -> Result<(), Problem> {
        let doc = DeTable::parse(text)?;
        for (key, value) in in_file_order(doc.get_ref()) {
            let section: &str = key.get_ref();
            let known = ["reader", "library", "theme", "keys"];
            if !known.contains(&section) {
                // `width = 80` above any [section] is a common slip; say where it belongs.
                let message = if matches!(value.get_ref(), DeValue::Table(_)) {
                    format!("unknown section `{section}`")
                } else {
                    format!("unknown option `{section}` outside any section (such as [reader])")
                };
                return Err(Problem::new(key.span(), message));
            }
            let table = as_table(value, &format!("[{section}]"))?;
            match section {
                "reader" => self.apply_reader(table)?,
                "library" => self.apply_library(table)?,
                "theme" => self.apply_theme(table)?,
                _ => self.keys.apply(parse_keys(table)?)?,
            }
        }
        Ok(())
    }

    pub fn into_config(self) -> Config {
        let styles = Slot::ALL
            .iter()
            .zip(self.styles)
            .filter_map(|(slot, style)| style.map(|s| (*slot, s)))
            .collect();
        Config {
            reader: ReaderConfig {
                width: self.width,
                panel_width: self.panel_width,
            },
            library: LibraryConfig {
                path: self.library_path,
                db: self.library_db,
                exports: self.library_exports,
            },
            theme: Theme::from_styles(styles),
            keymap: self.keys.into_keymap(),
        }
    }

    fn apply_reader(&mut self, table: &DeTable<'_>) -> Result<(), Problem> {
        for (key, value) in in_file_order(table) {
            match key.get_ref().as_ref() {
                "width" => self.width = int_u16(value, "`width` in [reader]", WIDTH_RANGE)?,
                "panel_width" => {
                    self.panel_width =
                        int_u16(value, "`panel_width` in [reader]", PANEL_WIDTH_RANGE)?;
                }
                other => return Err(unknown_option(key, other, "reader")),
            }
        }
        Ok(())
    }

    fn apply_library(&mut self, table: &DeTable<'_>) -> Result<(), Problem> {
        for (key, value) in in_file_order(table) {
            match key.get_ref().as_ref() {
                "path" => {
                    let text = as_str(value, "`path` in [library]")?;
                    self.library_path = expand_home(text, value)?;
                }
                "db" => {
                    let text = as_str(value, "`db` in [library]")?;
                    self.library_db = expand_home(text, value)?;
                }
                "exports" => {
                    let text = as_str(value, "`exports` in [library]")?;
                    self.library_exports = expand_home(text, value)?;
                }
                other => return Err(unknown_option(key, other, "library")),
            }
        }
        Ok(())
    }

    fn apply_theme(&mut self, table: &DeTable<'_>) -> Result<(), Problem> {
        for (key, value) in in_file_order(table) {
            let name: &str = key.get_ref();
            let Some(index) = Slot::ALL.iter().position(|s| s.name() == name) else {
                return Err(Problem::new(
                    key.span(),
                    format!("unknown theme slot `{name}` in [theme]"),
                ));
            };
            let style_table = as_table(value, &format!("`{name}` in [theme]"))?;
            // A slot's table replaces its whole style: what you write is what you get.
            self.styles[index] = Some(parse_style(style_table, name)?);
        }
        Ok(())
    }
}

/// `[keys]` in file order, each action with its parsed sequences.
fn parse_keys(table: &DeTable<'_>) -> Result<Vec<(Action, Vec<Binding>)>, Problem> {
    let mut out = Vec::new();
    for (key, value) in in_file_order(table) {
        let name: &str = key.get_ref();
        let Some(action) = Action::from_name(name) else {
            return Err(Problem::new(
                key.span(),
                format!("unknown action `{name}` in [keys]"),
            ));
        };
        let DeValue::Array(items) = value.get_ref() else {
            return Err(wrong_type(
                value.span(),
                &format!("`{name}` in [keys]"),
                "a list of key sequences such as [\"j\", \"down\"]",
                value.get_ref(),
            ));
        };
        let mut bindings = Vec::new();
        for item in items.iter() {
            let text = as_str(item, &format!("a key sequence of `{name}` in [keys]"))?;
            let seq = KeySeq::parse(text)
                .map_err(|e| Problem::new(item.span(), format!("{e} for `{name}` in [keys]")))?;
            bindings.push(Binding {
                seq,
                text: text.to_string(),
                span: item.span(),
            });
        }
        out.push((action, bindings));
    }
    Ok(out)
}

fn int_u16(
    value: &Spanned<DeValue<'_>>,
    what: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<u16, Problem> {
    let n = as_int_in(value, what, range)?;
    // The ranges above fit in u16; saturate rather than panic if one ever did not.
    Ok(u16::try_from(n).unwrap_or(u16::MAX))
}

fn unknown_option(key: &Spanned<toml::de::DeString<'_>>, name: &str, section: &str) -> Problem {
    Problem::new(
        key.span(),
        format!("unknown option `{name}` in [{section}]"),
    )
}

/// `~` and `~/…` mean the home folder; an empty path means "the bundled articles".
fn expand_home(text: &str, value: &Spanned<DeValue<'_>>) -> Result<Option<PathBuf>, Problem> {
    if text.is_empty() {
        return Ok(None);
    }
    let rest = match text.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest.trim_start_matches('/'),
        _ => return Ok(Some(PathBuf::from(text))),
    };
    let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) else {
        return Err(Problem::new(
            value.span(),
            "cannot expand `~` in `path` in [library]: $HOME is not set",
        ));
    };
    let home = PathBuf::from(home);
    Ok(Some(if rest.is_empty() {
        home
    } else {
        home.join(rest)
    }))
}
