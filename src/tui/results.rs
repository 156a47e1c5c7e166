//! Library search results (`S` in the library): the hits the store found for a query, best
//! first, and the selection among them.

use crate::store::SearchHit;

pub struct Results {
    pub query: String,
    pub hits: Vec<SearchHit>,
    selected: usize,
    /// First hit on screen, kept by the view so the selection stays visible.
    pub offset: usize,
}

impl Results {
    pub fn new(query: String, hits: Vec<SearchHit>) -> Results {
        Results {
            query,
            hits,
            selected: 0,
            offset: 0,
        }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_hit(&self) -> Option<&SearchHit> {
        self.hits.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.hits.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.hits.len().saturating_sub(1));
    }
}

/// An FTS5 query as an in-article one, so `n`/`N` find in the opened article what the
/// library search found: its words and phrases (not those after `NOT`) as alternatives,
/// `word*` as a prefix, in lower case (FTS5 ignores case).
pub fn article_query(fts: &str) -> String {
    let mut terms: Vec<String> = Vec::new();
    let mut negate = false;
    let text = fts.replace(['“', '”', '„'], "\"");
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (term, after) = if let Some(inner) = rest.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            (inner[..end].trim(), inner.get(end + 1..).unwrap_or(""))
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        rest = after.trim_start();
        let term = term.trim_matches(|c| c == '(' || c == ')');
        match term {
            "AND" | "OR" | "" => continue,
            "NOT" => {
                negate = true;
                continue;
            }
            _ => {}
        }
        if std::mem::take(&mut negate) {
            continue;
        }
        let (stem, prefix) = match term.strip_suffix('*') {
            Some(s) => (s, true),
            None => (term, false),
        };
        let mut pattern = regex::escape(&stem.to_lowercase());
        if prefix {
            pattern.push_str(r"\w*");
        }
        if !terms.contains(&pattern) {
            terms.push(pattern);
        }
    }
    terms.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_queries_become_article_queries() {
        assert_eq!(article_query("Shapps"), "shapps");
        assert_eq!(article_query("“mutual defense”"), "mutual defense");
        assert_eq!(article_query("hegemon*"), r"hegemon\w*");
        assert_eq!(article_query("(putin OR kim) NOT trump"), "putin|kim");
        assert_eq!(article_query("U.S. AND pact"), r"u\.s\.|pact");
        assert_eq!(article_query("  "), "");
    }
}
