//! Roles said of a name: titles and role nouns before it (`President`, `Defense Minister`),
//! appositions on either side (`Sergei Ryabkov, deputy foreign minister`), and titled names
//! in the headline, which is not part of the body.

use std::ops::Range;

use super::cues;
use super::mentions::{is_capitalised, strip_possessive};
use super::text::Token;

/// Role words said of the name at `toks`: titles and role nouns just before it
/// (`President`, `team member`, `Swedish captain`), and appositions on either side
/// (`Sergei Ryabkov, deputy foreign minister`, `the leader of the country, Kim Jong-un`).
pub fn roles_around(body: &str, tokens: &[Token], toks: Range<usize>) -> Vec<String> {
    let mut roles = Vec::new();
    let lower = |k: usize| body[tokens[k].range.clone()].to_lowercase();
    let mut add = |w: String| {
        if !roles.contains(&w) {
            roles.push(w);
        }
    };
    // Directly before: words and abbreviation periods, up to four.
    let mut k = toks.start;
    let mut seen = 0;
    while k > 0 && seen < 4 {
        k -= 1;
        let t = &tokens[k];
        if t.is_punct('.') && k > 0 && cues::is_abbreviation(&body[tokens[k - 1].range.clone()]) {
            continue;
        }
        if !t.is_word() || t.sentence_end {
            break;
        }
        let w = lower(k);
        if cues::is_title(&w) && cues::is_role(&w) {
            add(w);
        } else if cues::is_title(&w) {
            // `Mr`, `Dr`: a person, no role.
            add(String::new());
        } else if !cues::is_role(&w) {
            // `Mr Brandt in Geneva`: titles stop at the first other word.
            break;
        }
        seen += 1;
    }
    // Apposition after: `, [the] <role words> ,|.`
    if tokens.get(toks.end).is_some_and(|t| t.is_punct(',')) {
        let after = tokens.get(toks.end + 1..(toks.end + 6).min(tokens.len()));
        for t in after.unwrap_or_default() {
            if !t.is_word() {
                break;
            }
            let w = body[t.range.clone()].to_lowercase();
            if cues::is_role(&w) {
                add(w);
            }
        }
    }
    // Apposition before: `<the role of X> , Name`.
    if toks.start >= 2 && tokens[toks.start - 1].is_punct(',') {
        let mut k = toks.start - 1;
        let mut n = 0;
        while k > 0 && n < 7 {
            k -= 1;
            if !tokens[k].is_word() || tokens[k].sentence_end {
                break;
            }
            let w = lower(k);
            if cues::is_role(&w) {
                add(w);
            }
            n += 1;
        }
    }
    roles
}

/// Titled names in the headline (`President Vladimir Putin was received…`): the headline is
/// not in the body, but it often carries the only title a person gets.
pub fn headline_roles(title: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let mut out = Vec::new();
    let words: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | ':' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].trim_end_matches('.').to_lowercase();
        if cues::is_role(&w) && is_capitalised(words[i]) {
            let mut name = Vec::new();
            let mut j = i + 1;
            while j < words.len() && is_capitalised(words[j]) && name.len() < 4 {
                let lw = strip_possessive(words[j]).to_lowercase();
                if cues::is_title(&lw) {
                    name.clear();
                } else {
                    name.push(lw);
                }
                j += 1;
            }
            if !name.is_empty() {
                out.push((name, vec![w]));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}
