//! lede — a terminal news reader.
//!
//! The crate is organised around one idea (see `README.md`): every article becomes one
//! canonical body text, and everything shown on top of it is a span layer over that text.
//!
//! - [`article`]: turning bytes on disk into an [`article::Article`] (import, clean).
//! - [`analysis`]: pure functions from an article to span layers (sections, later entities).
//! - [`config`]: `config.toml` → [`config::Config`] (keys, theme, reader options).
//! - [`tui`]: the terminal interface (state, layout, views); it never does I/O itself.
//! - [`cli`]: command-line definitions and the non-interactive commands.

pub mod analysis;
pub mod annotate;
pub mod article;
pub mod cli;
pub mod config;
pub mod library;
pub mod search;
pub mod store;
pub mod tui;
