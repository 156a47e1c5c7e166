//! Finding and reading the user's config file.

use std::ffi::OsString;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::error::ConfigError;
use super::{Config, from_user_toml};

/// Loads the configuration: the shipped defaults with the user's file merged over them.
///
/// With `explicit` (`--config PATH`) that file must exist. Otherwise the default file
/// (`$XDG_CONFIG_HOME/lede/config.toml`, else `~/.config/lede/config.toml`) is used when it
/// exists, and its absence just means "defaults".
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    if let Some(path) = explicit {
        return from_file(path);
    }
    match default_path() {
        Some(path) if path.exists() => from_file(&path),
        _ => Ok(Config::defaults()),
    }
}

/// Reads `path` (which must exist) and merges it over the defaults.
pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
    let bytes = std::fs::read(path).map_err(|err| {
        let problem = match err.kind() {
            ErrorKind::NotFound => "config file not found".to_string(),
            ErrorKind::IsADirectory => "config file is a directory".to_string(),
            _ => format!("cannot read config file: {err}"),
        };
        ConfigError::file(path, problem)
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| ConfigError::file(path, "config file is not valid UTF-8"))?;
    from_user_toml(&text, path)
}

/// Where the user's config file lives when `--config` is not given, if we can tell.
pub fn default_path() -> Option<PathBuf> {
    default_path_from(
        std::env::var_os("XDG_CONFIG_HOME"),
        std::env::var_os("HOME"),
    )
}

/// The XDG rule, kept apart from the process environment so it can be tested: a relative
/// or empty `$XDG_CONFIG_HOME` is ignored, as the spec says.
fn default_path_from(xdg: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let base = xdg
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("lede").join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_wins_over_home() {
        let p = default_path_from(Some("/x".into()), Some("/home/u".into()));
        assert_eq!(p, Some(PathBuf::from("/x/lede/config.toml")));
    }

    #[test]
    fn relative_or_empty_xdg_falls_back_to_home() {
        for xdg in [Some(OsString::from("rel")), Some(OsString::new()), None] {
            let p = default_path_from(xdg, Some("/home/u".into()));
            assert_eq!(p, Some(PathBuf::from("/home/u/.config/lede/config.toml")));
        }
    }

    #[test]
    fn nowhere_to_look() {
        assert_eq!(default_path_from(None, None), None);
    }
}
