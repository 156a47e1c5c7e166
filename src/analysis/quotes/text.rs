//! The token view attribution works on: words and punctuation with byte ranges, which
//! paragraph they are in, whether a quotation covers them, and where sentences end.
//!
//! Words glued by a scraper are split here, without changing the text: a capitalised word
//! ending in a cue verb or a relative pronoun (`Shappswarned`, `Putinwho`) and a lowercase
//! word running into a capitalised one (`natureAccording`). Entity spans from the NER model
//! are preferred where they exist; this only keeps the fallback and the cue finder honest.

use std::ops::Range;

use super::cues;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// Any other single non-space character (including quote marks).
    Punct(char),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: Kind,
    /// Index of the paragraph (see `pairing::paragraphs`).
    pub para: usize,
    /// Inside a quotation (marks included).
    pub quoted: bool,
    /// Ends a sentence (a `.`, `!`, `?` outside quotations, or the last token of a
    /// paragraph).
    pub sentence_end: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

/// Tokenises `body` given its paragraphs and its (outermost) quotation ranges, both sorted.
pub fn tokenize(body: &str, paragraphs: &[Range<usize>], quotes: &[Range<usize>]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for (para, p) in paragraphs.iter().enumerate() {
        let text = &body[p.clone()];
        let first = out.len();
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            let start = p.start + at;
            if !c.is_alphanumeric() {
                out.push(token(start..start + c.len_utf8(), Kind::Punct(c), para));
                continue;
            }
            let mut end = start + c.len_utf8();
            // A word: alphanumerics, joined by - ’ ' . when a letter or digit follows.
            while let Some(&(i, n)) = chars.peek() {
                if n.is_alphanumeric() {
                    end = p.start + i + n.len_utf8();
                    chars.next();
                    continue;
                }
                let after = text[i + n.len_utf8()..].chars().next();
                if matches!(n, '-' | '’' | '\'' | '.' | '‑')
                    && after.is_some_and(char::is_alphanumeric)
                {
                    chars.next();
                    continue;
                }
                break;
            }
            for r in split_glue(body, start..end) {
                out.push(token(r, Kind::Word, para));
            }
        }
        if let Some(last) = out.get_mut(first..).and_then(|t| t.last_mut()) {
            last.sentence_end = true;
        }
    }
    mark_quoted(&mut out, quotes);
    mark_sentences(body, &mut out);
    out
}

fn token(range: Range<usize>, kind: Kind, para: usize) -> Token {
    Token {
        range,
        kind,
        para,
        quoted: false,
        sentence_end: false,
    }
}

/// Splits scraper glue inside one word; most words come back whole.
fn split_glue(body: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let word = &body[range.clone()];
    // `natureAccording`: a lowercase word running into a capitalised one, with enough on
    // both sides that it is not `iPhone`; capitalised words (`McDonald`, `PlayStation`)
    // are left alone.
    let starts_lower = word.chars().next().is_some_and(char::is_lowercase);
    let mut prev_lower = false;
    for (i, c) in word.char_indices() {
        if starts_lower && c.is_uppercase() && prev_lower && word[..i].chars().count() >= 4 {
            let tail = &word[i..];
            if tail.chars().skip(1).any(char::is_lowercase) && !word[..i].contains('-') {
                let mid = range.start + i;
                let mut out = split_glue(body, range.start..mid);
                out.extend(split_glue(body, mid..range.end));
                return out;
            }
        }
        prev_lower = c.is_lowercase();
    }
    // `Shappswarned`, `Putinwho`: a capitalised word with a cue verb or `who`/`which`
    // glued to its end.
    if word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
    {
        for (i, _) in word.char_indices().skip(4) {
            let tail = &word[i..];
            let glued = matches!(tail, "who" | "which" | "whose")
                || (tail.len() >= 4 && cues::cue_lemma(tail).is_some());
            if glued {
                let mid = range.start + i;
                return vec![range.start..mid, mid..range.end];
            }
        }
    }
    vec![range]
}

fn mark_quoted(tokens: &mut [Token], quotes: &[Range<usize>]) {
    let mut q = 0;
    for t in tokens.iter_mut() {
        while q < quotes.len() && quotes[q].end <= t.range.start {
            q += 1;
        }
        t.quoted = quotes
            .get(q)
            .is_some_and(|r| r.start <= t.range.start && t.range.end <= r.end);
    }
}

/// Marks `.`, `!`, `?` (and `…`) outside quotations as sentence ends, unless the period
/// follows an abbreviation or an initial (`Mr.`, `John F. Kennedy`). A closing quote mark
/// right after a final `.` inside a quotation (`…sanctions.”`) ends the sentence too when
/// what follows starts a new one.
fn mark_sentences(body: &str, tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let Kind::Punct(c) = tokens[i].kind else {
            continue;
        };
        let next_starts = tokens.get(i + 1).is_none_or(|n| {
            n.para != tokens[i].para
                || body[n.range.clone()]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_alphanumeric())
        });
        if !next_starts {
            continue;
        }
        let end = match c {
            '!' | '?' | '…' => !tokens[i].quoted,
            '.' => {
                !tokens[i].quoted
                    && i.checked_sub(1).is_none_or(|p| {
                        let w = &body[tokens[p].range.clone()];
                        !(tokens[p].is_word()
                            && tokens[p].range.end == tokens[i].range.start
                            && (cues::is_abbreviation(w)
                                || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))))
                    })
            }
            // The closing mark of a quotation ending a sentence: `… sanctions.” Next`.
            _ => {
                tokens[i].quoted
                    && tokens.get(i + 1).is_some_and(|n| !n.quoted)
                    && i.checked_sub(1)
                        .is_some_and(|p| tokens[p].is_punct('.') || tokens[p].is_punct('?'))
                    && tokens.get(i + 1).is_some_and(|n| {
                        body[n.range.clone()]
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                    })
            }
        };
        if end {
            tokens[i].sentence_end = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(body: &str) -> Vec<&str> {
        let paras = super::super::pairing::paragraphs(body);
        tokenize(body, &paras, &[])
            .into_iter()
            .map(|t| &body[t.range])
            .collect()
    }

    #[test]
    fn words_keep_hyphens_apostrophes_and_accents() {
        assert_eq!(
            words("Kim Jong-un, Mikhaílo’s U.S. plan."),
            ["Kim", "Jong-un", ",", "Mikhaílo’s", "U.S", ".", "plan", "."]
        );
    }

    #[test]
    fn glue_is_split() {
        assert_eq!(
            words("Grant Shappswarned that Vladimir Putinwho in natureAccording to"),
            [
                "Grant",
                "Shapps",
                "warned",
                "that",
                "Vladimir",
                "Putin",
                "who",
                "in",
                "nature",
                "According",
                "to"
            ]
        );
        assert_eq!(
            words("McDonald iPhone Holland"),
            ["McDonald", "iPhone", "Holland"]
        );
    }

    #[test]
    fn sentence_ends() {
        let body = "Mr. Smith met John F. Kennedy. Then he left! Why?";
        let paras = super::super::pairing::paragraphs(body);
        let toks = tokenize(body, &paras, &[]);
        let ends: Vec<&str> = toks
            .iter()
            .filter(|t| t.sentence_end)
            .map(|t| &body[t.range.start..])
            .collect();
        assert_eq!(ends, [". Then he left! Why?", "! Why?", "?"]);
    }
}
