//! Approximate matching of a quote: Myers' bit-vector algorithm (1999) in its block form,
//! with Hyyrö's formulation of the horizontal carries, so a quote of any length runs as
//! 64-row blocks. One text character costs one pass over the blocks, whatever the error
//! budget, which keeps a scan of a 100,000-character article at about a millisecond.
//!
//! Everything here counts characters (code points), over `&[char]` slices.

/// Rows per block: one machine word.
const W: usize = 64;

/// A pattern compiled to its match masks (`Peq`): bit `i` of block `i / 64` is set in the
/// mask of character `c` when the pattern's `i`-th character is `c`.
pub struct Pattern {
    len: usize,
    blocks: usize,
    /// Masks of the ASCII characters, `blocks` words each, looked up directly.
    ascii: Vec<u64>,
    /// Other characters of the pattern, sorted, with their masks (`blocks` words each).
    other: Vec<char>,
    other_masks: Vec<u64>,
    /// The bit of the pattern's last row in the last block.
    last: u64,
    /// The mask of a character the pattern does not contain.
    zero: Vec<u64>,
}

impl Pattern {
    pub fn new(pattern: &[char]) -> Pattern {
        let len = pattern.len();
        let blocks = len.div_ceil(W);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other: Vec<char> = pattern.iter().copied().filter(|c| !c.is_ascii()).collect();
        other.sort_unstable();
        other.dedup();
        let mut other_masks = vec![0u64; other.len() * blocks];
        for (i, &c) in pattern.iter().enumerate() {
            let (block, bit) = (i / W, 1u64 << (i % W));
            if c.is_ascii() {
                ascii[c as usize * blocks + block] |= bit;
            } else if let Ok(k) = other.binary_search(&c) {
                other_masks[k * blocks + block] |= bit;
            }
        }
        let last = if len == 0 { 0 } else { 1u64 << ((len - 1) % W) };
        Pattern {
            len,
            blocks,
            ascii,
            other,
            other_masks,
            last,
            zero: vec![0; blocks],
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    fn masks(&self, c: char) -> &[u64] {
        let b = self.blocks;
        if c.is_ascii() {
            let at = c as usize * b;
            &self.ascii[at..at + b]
        } else {
            match self.other.binary_search(&c) {
                Ok(k) => &self.other_masks[k * b..(k + 1) * b],
                Err(_) => &self.zero,
            }
        }
    }

    /// Runs over `text`, calling `each(j, d)` after its `j`-th character with `d`, the edit
    /// distance between the pattern and the best substring of `text` ending there. When
    /// `anchored`, the substring must start at the start of `text` (so `d` is the plain
    /// edit distance to `text[..=j]`); otherwise it may start anywhere (search).
    pub fn scan(
        &self,
        text: impl Iterator<Item = char>,
        anchored: bool,
        mut each: impl FnMut(usize, usize),
    ) {
        let mut pv = vec![!0u64; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let mut score = self.len as isize;
        // Row 0 costs one per text character when anchored, nothing when searching.
        let top = if anchored { 1 } else { 0 };
        for (j, c) in text.enumerate() {
            let masks = self.masks(c);
            let mut carry = top;
            for b in 0..self.blocks {
                let high = if b + 1 == self.blocks {
                    self.last
                } else {
                    1 << (W - 1)
                };
                carry = advance(&mut pv[b], &mut mv[b], masks[b], carry, high);
            }
            score += carry;
            each(j, score.max(0) as usize);
        }
    }
}

/// One column step of one block (Myers 1999, fig. 9): updates the vertical deltas `pv`
/// (+1) and `mv` (−1) given the horizontal delta `hin` entering at the block's top row,
/// and returns the horizontal delta leaving its bottom row (`high`).
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, hin: isize, high: u64) -> isize {
    let (p, m) = (*pv, *mv);
    let mut eq = eq;
    let xv = eq | m;
    if hin < 0 {
        eq |= 1;
    }
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let mut ph = m | !(xh | p);
    let mut mh = p & xh;
    let hout = if ph & high != 0 {
        1
    } else if mh & high != 0 {
        -1
    } else {
        0
    };
    ph <<= 1;
    mh <<= 1;
    if hin < 0 {
        mh |= 1;
    } else if hin > 0 {
        ph |= 1;
    }
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// The edit distance (Levenshtein) between `a` and `b`.
pub fn distance(a: &[char], b: &[char]) -> usize {
    let mut d = a.len();
    Pattern::new(a).scan(b.iter().copied(), true, |_, s| d = s);
    d
}

/// An approximate occurrence: `text[start..end]` is `distance` edits from the pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub distance: usize,
}

/// The best occurrences of `pattern` in `text` within `max` edits: the lowest distance of
/// each run of ending positions under the budget, best first, at most `limit` of them.
pub fn search(pattern: &[char], text: &[char], max: usize, limit: usize) -> Vec<Match> {
    let compiled = Pattern::new(pattern);
    let mut ends: Vec<(usize, usize)> = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    compiled.scan(text.iter().copied(), false, |j, d| {
        if d <= max {
            if run.is_none_or(|(_, best)| d < best) {
                run = Some((j + 1, d));
            }
        } else if let Some(found) = run.take() {
            ends.push(found);
        }
    });
    ends.extend(run);
    ends.sort_by_key(|&(end, d)| (d, end));
    ends.truncate(limit);
    let reversed = Reversed::new(pattern);
    ends.into_iter()
        .map(|(end, d)| {
            let prefer = end.saturating_sub(pattern.len());
            let start = reversed.start(text, end, max, prefer);
            Match {
                start,
                end,
                distance: d,
            }
        })
        .collect()
}

/// The best alignment of `pattern` inside `text` (a window around where it should be):
/// the lowest distance, ties broken towards the expected `near` start and end.
pub fn align(pattern: &[char], text: &[char], max: usize, near: (usize, usize)) -> Option<Match> {
    let mut best: Option<(usize, usize)> = None;
    Pattern::new(pattern).scan(text.iter().copied(), false, |j, d| {
        let end = j + 1;
        let better = match best {
            None => true,
            Some((e, bd)) => d < bd || (d == bd && end.abs_diff(near.1) < e.abs_diff(near.1)),
        };
        if better {
            best = Some((end, d));
        }
    });
    let (end, d) = best.filter(|&(_, d)| d <= max)?;
    let start = Reversed::new(pattern).start(text, end, max, near.0);
    Some(Match {
        start,
        end,
        distance: d,
    })
}

/// The reversed pattern, which finds where a match ending at a known place starts.
struct Reversed {
    pattern: Pattern,
}

impl Reversed {
    fn new(pattern: &[char]) -> Reversed {
        let rev: Vec<char> = pattern.iter().rev().copied().collect();
        Reversed {
            pattern: Pattern::new(&rev),
        }
    }

    /// The start of the best match that ends at `end`: an anchored scan backwards from
    /// `end`, lowest distance, ties broken towards `prefer`.
    fn start(&self, text: &[char], end: usize, max: usize, prefer: usize) -> usize {
        let from = end.saturating_sub(self.pattern.len() + max);
        let mut best = (end, self.pattern.len());
        self.pattern
            .scan(text[from..end].iter().rev().copied(), true, |j, d| {
                let start = end - j - 1;
                if d < best.1 || (d == best.1 && start.abs_diff(prefer) < best.0.abs_diff(prefer)) {
                    best = (start, d);
                }
            });
        best.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The textbook dynamic programme, to check the bit-vector one against.
    fn naive(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut diag = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let next = (diag + usize::from(ca != cb))
                    .min(row[j] + 1)
                    .min(row[j + 1] + 1);
                diag = row[j + 1];
                row[j + 1] = next;
            }
        }
        row[b.len()]
    }

    #[test]
    fn distance_agrees_with_the_textbook_algorithm_across_blocks() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..200 {
            let alphabet = ['a', 'b', 'c', 'é', '😀'];
            let n = (next() % 180) as usize + round % 3;
            let a: Vec<char> = (0..n).map(|_| alphabet[(next() % 5) as usize]).collect();
            let mut b = a.clone();
            for _ in 0..(next() % 20) {
                let at = (next() as usize) % (b.len() + 1);
                match next() % 3 {
                    0 => b.insert(at, alphabet[(next() % 5) as usize]),
                    1 if at < b.len() => {
                        b.remove(at);
                    }
                    _ if at < b.len() => b[at] = alphabet[(next() % 5) as usize],
                    _ => {}
                }
            }
            assert_eq!(distance(&a, &b), naive(&a, &b), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn a_200_character_quote_is_found_with_errors_across_blocks() {
        let quote: String = (0..20).map(|i| format!("word{i:02}xyz ")).collect();
        assert_eq!(quote.chars().count(), 200);
        let mut edited = quote.clone();
        edited.replace_range(10..12, "QQ"); // block 0
        edited.replace_range(100..101, ""); // block 1
        edited.insert_str(190, "++"); // block 2
        let text = chars(&format!(
            "{}{}{}",
            "filler text ".repeat(50),
            edited,
            " tail ".repeat(30)
        ));
        let found = search(&chars(&quote), &text, 50, 4);
        let best = found.first().expect("found");
        assert_eq!(best.distance, 5);
        assert_eq!(best.start, 600);
        assert_eq!(best.end, 600 + edited.chars().count());
    }

    #[test]
    fn align_prefers_the_expected_place_among_equals() {
        let text = chars("abc xx abc");
        let m = align(&chars("abc"), &text, 0, (7, 10)).expect("found");
        assert_eq!((m.start, m.end, m.distance), (7, 10, 0));
        let m = align(&chars("abc"), &text, 0, (0, 3)).expect("found");
        assert_eq!((m.start, m.end), (0, 3));
        assert!(align(&chars("zzz"), &text, 1, (0, 3)).is_none());
    }
}
