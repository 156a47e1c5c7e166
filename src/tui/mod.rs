//! The terminal interface: state (`app`, `reader`, `article_list`), key input, layout and
//! views. Only `run` touches the terminal and the file system.

pub mod action;
pub mod app;
pub mod article_list;
pub mod input;
pub mod layout;
pub mod library;
pub mod marks;
pub mod panel;
pub mod reader;
mod run;
pub mod views;

pub use app::{App, Effect};
pub use article_list::{ArticleList, ListEntry};
pub use run::{first_look, perform, run};
