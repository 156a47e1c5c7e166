//! The old text's unchanged stretches and where they are in the new text, from one diff
//! per `reanchor` call.
//!
//! A character diff of two 100,000-character texts is slow when they differ much, so the
//! diff is hierarchical: lines (paragraphs) first, then words inside each replaced run of
//! lines, then characters inside each replaced run of words that is short. A common prefix
//! and suffix are cut off first, so an unchanged or lightly edited text costs almost
//! nothing. A deadline bounds the pathological cases: `similar` then returns a correct but
//! coarser diff, which only makes more targets fall through to the quote search.

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

/// Longest replaced run (old + new characters) refined character by character.
const CHAR_REFINE: usize = 2_000;
/// Time allowed for the whole diff.
const BUDGET: Duration = Duration::from_millis(60);

/// An unchanged stretch: `len` bytes at `old` in the old text are at `new` in the new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Same {
    old: usize,
    new: usize,
    len: usize,
}

/// The unchanged stretches of the old text, in order, with their place in the new text.
pub struct DiffMap {
    same: Vec<Same>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Lines,
    Words,
    Chars,
}

impl DiffMap {
    pub fn new(old: &str, new: &str) -> DiffMap {
        let mut same = Vec::new();
        let prefix = common_prefix(old, new);
        let suffix = common_suffix(&old[prefix..], &new[prefix..]);
        push(&mut same, 0, 0, prefix);
        let deadline = Instant::now() + BUDGET;
        let (old_mid, new_mid) = (prefix..old.len() - suffix, prefix..new.len() - suffix);
        refine(
            old,
            new,
            old_mid,
            new_mid,
            Level::Lines,
            deadline,
            &mut same,
        );
        push(&mut same, old.len() - suffix, new.len() - suffix, suffix);
        DiffMap { same }
    }

    /// The stretch holding old byte `p` (or the last one before it), by index.
    fn at(&self, p: usize) -> Option<usize> {
        self.same.partition_point(|s| s.old <= p).checked_sub(1)
    }

    /// Where old byte offset `p`, as the start of a range, is in the new text: its image when
    /// unchanged, else the start of the change that replaced it.
    pub fn map_start(&self, p: usize) -> usize {
        match self.at(p).map(|i| self.same[i]) {
            Some(s) if p < s.old + s.len => s.new + (p - s.old),
            Some(s) => s.new + s.len,
            None => 0,
        }
    }

    /// Where old byte offset `p`, as the (exclusive) end of a range, is in the new text: its
    /// image when the byte before it is unchanged, else the end of the change.
    pub fn map_end(&self, p: usize, new_len: usize) -> usize {
        let i = self.same.partition_point(|s| s.old < p);
        if let Some(s) = i.checked_sub(1).map(|k| self.same[k])
            && p <= s.old + s.len
        {
            return s.new + (p - s.old);
        }
        self.same.get(i).map_or(new_len, |s| s.new)
    }

    /// Where a point (an empty range) at old byte `p` is, when the text on both sides of
    /// it is unchanged.
    pub fn map_point(&self, p: usize) -> Option<usize> {
        let s = self.same[self.at(p)?];
        (p > s.old && p < s.old + s.len).then(|| s.new + (p - s.old))
    }

    /// How many bytes of the old `range` are unchanged in the new text.
    pub fn kept(&self, range: Range<usize>) -> usize {
        let first = self.at(range.start).unwrap_or(0);
        self.same[first..]
            .iter()
            .take_while(|s| s.old < range.end)
            .map(|s| {
                (s.old + s.len)
                    .min(range.end)
                    .saturating_sub(s.old.max(range.start))
            })
            .sum()
    }
}

/// Diffs `old[o]` against `new[n]` at `level`, refining replaced runs one level down.
fn refine(
    old: &str,
    new: &str,
    o: Range<usize>,
    n: Range<usize>,
    level: Level,
    deadline: Instant,
    out: &mut Vec<Same>,
) {
    if o.is_empty() || n.is_empty() {
        return;
    }
    let (a, a_at) = tokens(&old[o.clone()], o.start, level);
    let (b, b_at) = tokens(&new[n.clone()], n.start, level);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(deadline));
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                let bytes = a_at[old_index + len] - a_at[old_index];
                push(out, a_at[old_index], b_at[new_index], bytes);
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let o = a_at[old_index]..a_at[old_index + old_len];
                let n = b_at[new_index]..b_at[new_index + new_len];
                let next = match level {
                    Level::Lines => Some(Level::Words),
                    Level::Words
                        if old[o.clone()].chars().count() + new[n.clone()].chars().count()
                            <= CHAR_REFINE =>
                    {
                        Some(Level::Chars)
                    }
                    _ => None,
                };
                if let Some(next) = next {
                    refine(old, new, o, n, next, deadline, out);
                }
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
}

/// The tokens of `text` at `level` and their byte offsets (shifted by `base`), with the end
/// offset last, so token `i` spans `at[i]..at[i + 1]`.
fn tokens(text: &str, base: usize, level: Level) -> (Vec<&str>, Vec<usize>) {
    let mut at = Vec::new();
    match level {
        Level::Lines => {
            let mut i = 0;
            for line in text.split_inclusive('\n') {
                at.push(i);
                i += line.len();
            }
        }
        Level::Chars => at.extend(text.char_indices().map(|(i, _)| i)),
        Level::Words => {
            // Runs of letters and digits, runs of spaces, and any other character alone.
            let mut previous: Option<u8> = None;
            for (i, c) in text.char_indices() {
                let class = if c.is_alphanumeric() {
                    0
                } else if c.is_whitespace() {
                    1
                } else {
                    2
                };
                if class == 2 || previous != Some(class) {
                    at.push(i);
                }
                previous = Some(class);
            }
        }
    }
    at.push(text.len());
    let toks = at.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    for x in &mut at {
        *x += base;
    }
    (toks, at)
}

/// Appends a stretch, merging it with the previous one when they touch on both sides.
fn push(out: &mut Vec<Same>, old: usize, new: usize, len: usize) {
    if len == 0 {
        return;
    }
    if let Some(last) = out.last_mut()
        && last.old + last.len == old
        && last.new + last.len == new
    {
        last.len += len;
        return;
    }
    out.push(Same { old, new, len });
}

fn common_prefix(a: &str, b: &str) -> usize {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    (0..=n).rev().find(|&i| a.is_char_boundary(i)).unwrap_or(0)
}

fn common_suffix(a: &str, b: &str) -> usize {
    let n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (0..=n)
        .rev()
        .find(|&i| a.is_char_boundary(a.len() - i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_text_is_one_stretch() {
        let t = "one\ntwo\nthree";
        let map = DiffMap::new(t, t);
        assert_eq!(
            map.same,
            vec![Same {
                old: 0,
                new: 0,
                len: t.len()
            }]
        );
        assert_eq!(map.map_start(4), 4);
        assert_eq!(map.map_end(7, t.len()), 7);
    }

    #[test]
    fn positions_follow_an_inserted_paragraph_and_a_typo_fix() {
        let old = "First para.\n\nThe quick brwn fox jumps.\n\nLast para.";
        let new =
            "First para.\n\nA new paragraph here.\n\nThe quick brown fox jumps.\n\nLast para.";
        let map = DiffMap::new(old, new);
        let s = old.find("quick").expect("in old");
        let e = old.find(" jumps").expect("in old");
        let (ns, ne) = (map.map_start(s), map.map_end(e, new.len()));
        assert_eq!(&new[ns..ne], "quick brown fox");
        assert!(map.kept(s..e) >= "quick brwn fox".len());
        let gone = "First para.\n\nLast para.";
        let map = DiffMap::new(old, gone);
        assert_eq!(map.kept(s..e), 0);
    }

    #[test]
    fn common_ends_stop_at_character_boundaries() {
        assert_eq!(common_prefix("aé", "aè"), 1);
        assert_eq!(common_suffix("éa", "èa"), 1);
        assert_eq!(common_suffix("abc", "abc"), 3);
    }
}
