//! Stub: to be written.

use crate::article::Article;

pub fn parse(_text: &str, _clean: bool) -> Result<Article, String> {
    Err("not supported yet".to_string())
}
