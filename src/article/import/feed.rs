//! Stub: to be written.

use super::Item;

pub fn parse(_text: &str, _clean: bool) -> Result<Vec<Item>, String> {
    Err("not supported yet".to_string())
}
