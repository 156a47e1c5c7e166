//! Tokenisation for analysis: byte ranges over the text, never a changed copy of it.
//!
//! Scraped news is damaged in ways a textbook tokenizer does not expect, so the rules here
//! are chosen for it:
//!
//! - Curly and straight apostrophes: a clitic (`’s`, `'s`, `n’t`, `’re`, `’ve`, `’ll`, `’d`,
//!   `’m`) is its own token (`Pyongyang’s` → `Pyongyang` `’s`), but a name apostrophe
//!   stays inside the word (`O’Brien`).
//! - Hyphens between letters or digits join: `Kim Jong-un`, `Koh Yu-hwan`, `COVID-19` are one
//!   token each. Dashes (`–`, `—`) and spaced hyphens are punctuation.
//! - Letters are Unicode letters and marks (`Mikhaílo`, decomposed accents too).
//! - Abbreviations keep their period (`U.S.`, `Mr.`, `Jan.`), as the training data does.
//! - Glued words (`Putinwho`, `natureAccording`) are split; see [`split_glued`]. The split
//!   only changes token boundaries: ranges still point into the unchanged text.

use std::collections::HashSet;
use std::ops::Range;

/// One token: a byte range into the text it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with digits, joined hyphens or name apostrophes (`Jong-un`, `K2`).
    Word,
    /// Digits, possibly with `.`/`,` between them (`1,000`, `3.5`).
    Number,
    /// A clitic split off a word (`’s`, `n't`).
    Clitic,
    /// Anything else, one character (or an ellipsis) at a time.
    Punct,
}

/// Tokenizes `text`, splitting glued words whose stem appears on its own in `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with(text, &|_| false)
}

/// Tokenizes `text`; `known` says whether a capitalised stem is a known name (a gazetteer)
/// beyond the names that appear on their own in `text` itself.
pub fn tokenize_with(text: &str, known: &dyn Fn(&str) -> bool) -> Vec<Token> {
    let raw = base_tokens(text);
    split_glued(text, raw, known)
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

/// Combining marks (decomposed accents) belong to the letter before them.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

fn is_word_char(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Words whose period belongs to them (titles, months, company suffixes).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Jr",
    "Sr", "Inc", "Corp", "Ltd", "Co", "Prof", "Rev", "Mt", "Ft", "vs", "Jan", "Feb", "Mar", "Apr",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Adm", "Maj", "Gens", "Reps", "Sens",
    "Messrs", "Bros", "Dept", "Univ", "Ave", "Blvd",
];

/// Clitics split off the end of a word (after the apostrophe), lower case.
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// The tokens before glue splitting.
fn base_tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            let mut j = i + 1;
            // An ellipsis or a run of the same dash is one token.
            if c == '.' || c == '-' {
                while at(j) == Some(c) {
                    j += 1;
                }
            }
            out.push(Token {
                range: byte(i)..byte(j),
                kind: TokenKind::Punct,
            });
            i = j;
            continue;
        }
        // A word: word chars, joined by a hyphen, apostrophe or (in numbers/initialisms)
        // a period or comma when a word char follows.
        let start = i;
        let mut j = i + 1;
        loop {
            match at(j) {
                Some(d) if is_word_char(d) => j += 1,
                Some(d)
                    if (is_hyphen(d) || is_apostrophe(d))
                        && at(j + 1).is_some_and(is_word_char) =>
                {
                    j += 2
                }
                Some('.' | ',')
                    if at(j - 1).is_some_and(|p| p.is_ascii_digit())
                        && at(j + 1).is_some_and(|n| n.is_ascii_digit()) =>
                {
                    j += 2
                }
                _ => break,
            }
        }
        // Split a trailing clitic off: the last apostrophe followed only by a clitic.
        let mut end = j;
        let mut clitic = None;
        if let Some(k) = (start + 1..j).rev().find(|&k| is_apostrophe(chars[k].1)) {
            let tail: String = chars[k + 1..j].iter().map(|&(_, c)| c).collect();
            let tail_lower = tail.to_lowercase();
            if CLITICS.contains(&tail_lower.as_str()) {
                end = k;
                clitic = Some(k);
            } else if tail_lower == "t" && k > start + 1 && matches!(chars[k - 1].1, 'n' | 'N') {
                end = k - 1;
                clitic = Some(k - 1);
            }
        }
        // Periods: initialisms (`U.S.`, `D.C.`) and known abbreviations keep them.
        if clitic.is_none() && at(j) == Some('.') {
            let word = &text[byte(start)..byte(j)];
            let single_letter = j == start + 1 && is_letter(c);
            if single_letter {
                // Extend over `X.Y.Z.`
                let mut k = j + 1;
                while at(k).is_some_and(is_letter) && at(k + 1) == Some('.') {
                    k += 2;
                }
                if k > j + 1 || c.is_uppercase() {
                    j = k.max(j + 1);
                    end = j;
                }
            } else if ABBREVIATIONS.contains(&word) {
                j += 1;
                end = j;
            }
        }
        let word = &text[byte(start)..byte(end)];
        let kind = if word
            .chars()
            .all(|ch| ch.is_numeric() || ch == '.' || ch == ',')
        {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        out.push(Token {
            range: byte(start)..byte(end),
            kind,
        });
        if let Some(k) = clitic {
            out.push(Token {
                range: byte(k)..byte(j),
                kind: TokenKind::Clitic,
            });
        }
        i = j;
    }
    out
}

/// Lower-case words a scraper glues onto the end of a name when it drops a space
/// (`Putinwho`, `Shappswarned`). Short endings (`on`, `s`) are left out on purpose: too many
/// real names end in them (`Anderson`).
const GLUE_SUFFIXES: &[&str] = &[
    "who",
    "which",
    "that",
    "warned",
    "said",
    "says",
    "and",
    "told",
    "added",
    "was",
    "has",
    "had",
    "have",
    "were",
    "will",
    "would",
    "also",
    "the",
    "thanked",
    "explained",
    "stated",
    "announced",
    "noted",
    "insisted",
    "declared",
    "replied",
    "wrote",
    "asked",
    "urged",
    "claimed",
    "accused",
    "criticized",
    "criticised",
    "highlighted",
    "reiterated",
    "with",
    "from",
    "for",
    "after",
    "before",
    "during",
    "while",
    "whose",
    "whom",
    "when",
    "where",
];

/// Splits glued words, without changing the text. Two kinds of glue point:
///
/// 1. **Case change** inside a word: an all-lower-case run of at least three letters
///    followed by a capitalised run (`natureAccording` → `nature` `According`). Requiring a
///    lower-case *start* keeps `McDonald`, `YouTube`, `DeSantis`, `iPhone` whole.
/// 2. **Name + function word**: a capitalised word that ends in a common lower-case function
///    word or speech verb ([`GLUE_SUFFIXES`]), where the stem (at least three letters) is a
///    known name — it appears as a word of its own elsewhere in the text, or `known` says so
///    (gazetteers) — and the whole word does not itself appear on its own more often than
///    once (`Putinwho` → `Putin` `who` because `Putin` occurs alone in the article).
pub fn split_glued(text: &str, tokens: Vec<Token>, known: &dyn Fn(&str) -> bool) -> Vec<Token> {
    // Capitalised words that stand alone in the text, with their counts.
    let mut standalone: HashSet<&str> = HashSet::new();
    for t in &tokens {
        if t.kind == TokenKind::Word {
            standalone.insert(&text[t.range.clone()]);
        }
    }
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        if t.kind != TokenKind::Word {
            out.push(t);
            continue;
        }
        let word = &text[t.range.clone()];
        match glue_point(word, &standalone, known) {
            Some(cut) => {
                let mid = t.range.start + cut;
                out.push(Token {
                    range: t.range.start..mid,
                    kind: TokenKind::Word,
                });
                out.push(Token {
                    range: mid..t.range.end,
                    kind: TokenKind::Word,
                });
            }
            None => out.push(t),
        }
    }
    out
}

/// The byte offset inside `word` where it should be split, if it is glued.
fn glue_point(
    word: &str,
    standalone: &HashSet<&str>,
    known: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    if word.contains(|c: char| c.is_numeric() || is_hyphen(c) || is_apostrophe(c)) {
        return None;
    }
    let first = word.chars().next()?;
    // Rule 1: lower-case run, then a capitalised run.
    if first.is_lowercase() {
        let cut = word.find(|c: char| c.is_uppercase())?;
        let (left, right) = word.split_at(cut);
        let right_lower = right
            .chars()
            .skip(1)
            .take_while(|c| c.is_lowercase())
            .count();
        if left.chars().count() >= 3 && right_lower >= 2 {
            return Some(cut);
        }
        return None;
    }
    // Rule 2: Capitalised stem + lower-case function word.
    if !first.is_uppercase() || word.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    if known(word) {
        return None;
    }
    for suffix in GLUE_SUFFIXES {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        if stem.chars().count() < 3 {
            continue;
        }
        if standalone.contains(stem) || known(stem) {
            return Some(stem.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| &text[t.range]).collect()
    }

    #[test]
    fn curly_apostrophe_clitics_split_and_names_stay() {
        assert_eq!(words("Pyongyang’s bet"), ["Pyongyang", "’s", "bet"]);
        assert_eq!(words("Russia's support"), ["Russia", "'s", "support"]);
        assert_eq!(words("O’Brien don't"), ["O’Brien", "do", "n't"]);
    }

    #[test]
    fn hyphenated_names_are_one_token_dashes_are_not() {
        assert_eq!(
            words("Kim Jong-un and Koh Yu-hwan"),
            ["Kim", "Jong-un", "and", "Koh", "Yu-hwan"]
        );
        assert_eq!(
            words("war (1950-1953) – a"),
            ["war", "(", "1950-1953", ")", "–", "a"]
        );
        assert_eq!(words("Moscow - the"), ["Moscow", "-", "the"]);
    }

    #[test]
    fn accents_numbers_and_abbreviations() {
        assert_eq!(words("Mikhaílo Podoliak"), ["Mikhaílo", "Podoliak"]);
        assert_eq!(
            words("$1,000.50 and 3.5%"),
            ["$", "1,000.50", "and", "3.5", "%"]
        );
        assert_eq!(
            words("the U.S. and Mr. Smith."),
            ["the", "U.S.", "and", "Mr.", "Smith", "."]
        );
        let kinds: Vec<TokenKind> = tokenize("In 2022, Kim").iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Word,
                TokenKind::Number,
                TokenKind::Punct,
                TokenKind::Word
            ]
        );
    }

    #[test]
    fn ranges_cover_the_text_without_changing_it() {
        let text = "“Hello,” said Putinwho… natureAccording";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.range.start) && text.is_char_boundary(t.range.end));
            assert!(!text[t.range].trim().is_empty());
        }
    }

    #[test]
    fn glue_case_change_splits_but_camel_names_do_not() {
        assert_eq!(
            words("in natureAccording to"),
            ["in", "nature", "According", "to"]
        );
        assert_eq!(
            words("McDonald YouTube iPhone DeSantis"),
            ["McDonald", "YouTube", "iPhone", "DeSantis"]
        );
    }

    #[test]
    fn glue_name_plus_function_word_splits_only_known_stems() {
        assert_eq!(
            words("Vladimir Putinwho thanked him. Putin said"),
            [
                "Vladimir", "Putin", "who", "thanked", "him", ".", "Putin", "said"
            ]
        );
        assert_eq!(
            words("Grant Shappswarned that Shapps"),
            ["Grant", "Shapps", "warned", "that", "Shapps"]
        );
        // No standalone stem: left alone.
        assert_eq!(
            words("Anderson and Holland"),
            ["Anderson", "and", "Holland"]
        );
        // A gazetteer can supply the stem.
        let toks = tokenize_with("Moscowand", &|w| w == "Moscow");
        assert_eq!(toks.len(), 2);
    }
}
