//! The plain-text format.
