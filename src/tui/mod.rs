//! The terminal interface: state (`app`, `reader`, `library`), key input, layout and
//! views. Only `run` touches the terminal, the file system and the store.

pub mod action;
pub mod app;
pub mod editor;
pub mod input;
pub mod layout;
pub mod library;
pub mod marks;
pub mod notes;
pub mod panel;
pub mod prompt;
pub mod reader;
pub mod results;
mod run;
pub mod search;
pub mod selection;
pub mod views;

pub use app::{App, Effect};
pub use run::{first_look, load_histories, perform, run};
