//! Search: in one article ([`Matcher`] over a [`Folded`] text) and, through the store,
//! across the library.

pub mod fold;
pub mod matcher;

pub use fold::Folded;
pub use matcher::Matcher;
