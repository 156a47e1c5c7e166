//! Stub: to be written.

use std::path::Path;

use super::Item;

pub fn read(_path: &Path, _clean: bool) -> Result<Vec<Item>, String> {
    Err("not supported yet".to_string())
}
