//! The in-article matcher: what `/` in the reader (and `f` on an entity) searches with.
//!
//! - A query is a regular expression (Rust `regex` syntax). When it is not a valid one, it
//!   is searched as literal text and [`Matcher::note`] says so.
//! - Accents, curly quotes and line breaks never matter: text and query are both folded
//!   ([`super::fold`]).
//! - Smart case: a query without capitals ignores case. In a plain-text query, a capital
//!   only asks for a capital *there* (`Pyongyang` finds `PYONGYANG` and `Pyongyang`, not
//!   `pyongyang`); in a regular expression with capitals, case matters throughout.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use super::fold::{Folded, fold_query};

/// Bound on the compiled program, so a pathological pattern cannot eat memory.
const SIZE_LIMIT: usize = 8 << 20;

/// A compiled search.
#[derive(Clone, Debug)]
pub struct Matcher {
    query: String,
    regex: Regex,
    note: Option<String>,
}

impl Matcher {
    /// Compiles `query`; `None` for an empty query.
    pub fn new(query: &str) -> Option<Matcher> {
        if query.is_empty() {
            return None;
        }
        let folded = fold_query(query);
        let has_upper = folded.chars().any(char::is_uppercase);
        let literal = !folded.chars().any(is_meta);
        let (regex, note) = if literal {
            (literal_regex(&folded, has_upper), None)
        } else {
            match RegexBuilder::new(&folded)
                .case_insensitive(!has_upper)
                .size_limit(SIZE_LIMIT)
                .build()
            {
                Ok(r) => (Some(r), None),
                Err(_) => (
                    literal_regex(&folded, has_upper),
                    Some("not a valid regular expression: searching the text as typed".into()),
                ),
            }
        };
        Some(Matcher {
            query: query.to_string(),
            regex: regex?,
            note,
        })
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// Why the query is not searched as typed, if it is not.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Every match in `text` (its folded form), as byte ranges of the original text, in
    /// order, never empty, never overlapping.
    pub fn find_all(&self, text: &Folded) -> Vec<Range<usize>> {
        self.regex
            .find_iter(&text.text)
            .filter(|m| !m.is_empty())
            .map(|m| text.original_range(m.range()))
            .filter(|r| !r.is_empty())
            .collect()
    }
}

fn is_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$'
    )
}

/// A regex for literal text with per-character smart case: a lower-case letter matches
/// either case, a capital only itself.
fn literal_regex(folded: &str, has_upper: bool) -> Option<Regex> {
    let mut pattern = String::with_capacity(folded.len() * 4);
    for c in folded.chars() {
        let upper: Vec<char> = c.to_uppercase().collect();
        if has_upper && c.is_lowercase() && upper.len() == 1 && upper[0] != c {
            pattern.push('[');
            pattern.push_str(&regex::escape(&c.to_string()));
            pattern.push_str(&regex::escape(&upper[0].to_string()));
            pattern.push(']');
        } else {
            pattern.push_str(&regex::escape(&c.to_string()));
        }
    }
    RegexBuilder::new(&pattern)
        .case_insensitive(!has_upper)
        .size_limit(SIZE_LIMIT)
        .build()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(query: &str, text: &'a str) -> Vec<&'a str> {
        let m = Matcher::new(query).expect("query");
        m.find_all(&Folded::new(text))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn lower_case_ignores_case() {
        assert_eq!(
            found("shapps", "Shapps, SHAPPS, shapps"),
            ["Shapps", "SHAPPS", "shapps"]
        );
    }

    #[test]
    fn a_capital_asks_for_a_capital_there() {
        assert_eq!(
            found("Pyongyang", "PYONGYANG Pyongyang pyongyang"),
            ["PYONGYANG", "Pyongyang"]
        );
    }

    #[test]
    fn accents_do_not_matter_either_way() {
        assert_eq!(found("Mikhailo", "Mikhaílo Podoliak"), ["Mikhaílo"]);
        assert_eq!(found("mikhaílo", "MIKHAILO"), ["MIKHAILO"]);
    }

    #[test]
    fn curly_and_straight_quotes_match() {
        assert_eq!(found("Pyongyang's", "Pyongyang’s ally"), ["Pyongyang’s"]);
        assert_eq!(found("“deal”", "a \"deal\" b"), ["\"deal\""]);
    }

    #[test]
    fn regular_expressions_work_and_invalid_ones_fall_back() {
        assert_eq!(
            found(r"hegemon\w*", "hegemony, hegemonic"),
            ["hegemony", "hegemonic"]
        );
        let m = Matcher::new("(Kim").expect("query");
        assert!(m.note().is_some());
        assert_eq!(found("(Kim", "said (Kim Jong-un)"), ["(Kim"]);
        assert!(Matcher::new("Kim").expect("query").note().is_none());
    }

    #[test]
    fn a_phrase_across_a_line_break_is_found() {
        let text = "the mutual\ndefense pact";
        assert_eq!(found("mutual defense", text), ["mutual\ndefense"]);
    }

    #[test]
    fn empty_matches_are_skipped_and_empty_queries_refused() {
        assert!(Matcher::new("").is_none());
        assert_eq!(found("x*", "abc"), Vec::<&str>::new());
    }
}
