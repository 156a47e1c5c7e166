//! The terminal interface.

pub mod action;
