//! Folding text for search: accents dropped (`Mikhaílo` → `Mikhailo`), curly quotes and
//! apostrophes made straight, every kind of space and line break made one space. Case is
//! kept (the matcher decides about case). A map takes positions in the folded text back
//! to the original, so matches are shown where they are.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A folded copy of a text and the way back to the original's byte offsets.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    pub text: String,
    /// Where the folded text and the original stop moving in step: `(folded, original,
    /// identity)`. In an identity run, byte `f` maps to `original + (f - folded)`; in a
    /// changed character, every byte maps to the character's start.
    breaks: Vec<(usize, usize, bool)>,
    original_len: usize,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut breaks: Vec<(usize, usize, bool)> = Vec::new();
        let mut in_identity = false;
        let mut rest = original;
        let mut at = 0;
        while !rest.is_empty() {
            // Runs of plain ASCII (not quotes needing no change) are copied in one go.
            let ascii = rest
                .bytes()
                .take_while(|b| b.is_ascii() && !matches!(b, b'\n' | b'\r' | b'\t'))
                .count();
            if ascii > 0 {
                if !in_identity {
                    breaks.push((text.len(), at, true));
                    in_identity = true;
                }
                text.push_str(&rest[..ascii]);
                at += ascii;
                rest = &rest[ascii..];
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            let len = c.len_utf8();
            let start = text.len();
            fold_char(c, &mut text);
            let same = text.len() - start == len && text[start..] == rest[..len];
            if same {
                if !in_identity {
                    breaks.push((start, at, true));
                    in_identity = true;
                }
            } else {
                breaks.push((start, at, false));
                in_identity = false;
            }
            at += len;
            rest = &rest[len..];
        }
        Folded {
            text,
            breaks,
            original_len: original.len(),
        }
    }

    /// The original byte offset of folded offset `f` (the start of the character it is in).
    pub fn original(&self, f: usize) -> usize {
        if f >= self.text.len() {
            return self.original_len;
        }
        let i = self.breaks.partition_point(|b| b.0 <= f).saturating_sub(1);
        match self.breaks.get(i) {
            Some(&(folded, original, true)) => original + (f - folded),
            Some(&(_, original, false)) => original,
            None => f,
        }
    }

    /// A folded range as an original range: from the start of the first character to the
    /// end of the last.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        self.original(r.start)..self.original(r.end)
    }
}

/// Appends the folded form of `c`.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
        '\u{2010}' | '\u{2011}' => out.push('-'),
        c if c.is_whitespace() => out.push(' '),
        c if c.is_ascii() => out.push(c),
        // Letters with no canonical decomposition that readers still type without marks.
        'ł' => out.push('l'),
        'Ł' => out.push('L'),
        'ø' => out.push('o'),
        'Ø' => out.push('O'),
        'đ' => out.push('d'),
        'Đ' => out.push('D'),
        'ı' => out.push('i'),
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'Æ' => out.push_str("AE"),
        'œ' => out.push_str("oe"),
        'Œ' => out.push_str("OE"),
        c => {
            let before = out.len();
            out.extend(std::iter::once(c).nfd().filter(|m| !is_combining_mark(*m)));
            if out.len() == before && !is_combining_mark(c) {
                out.push(c);
            }
        }
    }
}

/// Folds a query the same way as the text.
pub fn fold_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for c in query.chars() {
        fold_char(c, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_quotes_and_spaces_fold() {
        let f = Folded::new("Mikhaílo’s “deal”\nnext\u{a0}line Łódź");
        assert_eq!(f.text, "Mikhailo's \"deal\" next line Lodz");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "Café “Łódź” end";
        let f = Folded::new(original);
        let at = f.text.find("Lodz").expect("found");
        let r = f.original_range(at..at + 4);
        assert_eq!(&original[r], "Łódź");
        let end = f.text.find("end").expect("found");
        assert_eq!(&original[f.original_range(end..end + 3)], "end");
        assert_eq!(f.original(f.text.len()), original.len());
    }

    #[test]
    fn expansions_map_to_the_whole_character() {
        let original = "Straße x";
        let f = Folded::new(original);
        assert_eq!(f.text, "Strasse x");
        let at = f.text.find("sse").expect("found");
        assert_eq!(&original[f.original_range(at..at + 3)], "ße");
    }

    #[test]
    fn every_folded_offset_maps_inside_the_original_on_a_boundary() {
        let original = "ÅÄÖ a\u{301}b ‘x’ 北京 ß\n";
        let f = Folded::new(original);
        for i in (0..=f.text.len()).filter(|&i| f.text.is_char_boundary(i)) {
            let o = f.original(i);
            assert!(o <= original.len());
            assert!(original.is_char_boundary(o), "{i} -> {o}");
        }
    }
}
