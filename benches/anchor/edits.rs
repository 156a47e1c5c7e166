//! The benchmark's seeded edit generator: random quotes, typos, edits inside a quote, and
//! where each quote ends up after the edits (the truth to judge re-anchoring against).

use std::collections::HashSet;
use std::ops::Range;

/// xorshift64*: seeded, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn letter(&mut self) -> char {
        (b'a' + self.below(26) as u8) as char
    }
}

/// An edit of the old text: `range` replaced by `with`. Edits of one text never overlap.
pub struct Edit {
    pub range: Range<usize>,
    pub with: String,
}

/// Applies `edits` to `old`, returning the new text and where each quote ended up (`None`
/// when its text was removed).
pub fn apply(
    old: &str,
    mut edits: Vec<Edit>,
    quotes: &[Range<usize>],
) -> (String, Vec<Option<Range<usize>>>) {
    edits.sort_by_key(|e| e.range.start);
    let mut new = String::with_capacity(old.len());
    let mut at = 0;
    for e in &edits {
        new.push_str(&old[at..e.range.start]);
        new.push_str(&e.with);
        at = e.range.end;
    }
    new.push_str(&old[at..]);
    let delta = |e: &Edit| e.with.len() as isize - e.range.len() as isize;
    let truth = quotes
        .iter()
        .map(|q| {
            if edits
                .iter()
                .any(|e| e.range.start <= q.start && e.range.end >= q.end && !e.range.is_empty())
            {
                return None;
            }
            let shift = |p: usize| -> usize {
                let d: isize = edits.iter().filter(|e| e.range.end <= p).map(delta).sum();
                (p as isize + d) as usize
            };
            // Inserts right at the start are before the quote; inside edits move only the end.
            Some(shift(q.start)..shift(q.end))
        })
        .collect();
    (new, truth)
}

/// Non-empty lines: paragraphs, headlines, captions.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if !body.trim().is_empty() {
            out.push(at..at + body.len());
        }
        at += line.len();
    }
    out
}

/// Up to `n` random sentence-ish spans (20–300 bytes, inside one paragraph, unique in the
/// text) at or after byte `from`.
pub fn pick_quotes(text: &str, from: usize, n: usize, rng: &mut Rng) -> Vec<Range<usize>> {
    let paras: Vec<Range<usize>> = paragraphs(text)
        .into_iter()
        .filter(|p| p.start >= from && p.len() >= 20)
        .collect();
    let mut out: Vec<Range<usize>> = Vec::new();
    for _ in 0..n * 20 {
        if out.len() == n || paras.is_empty() {
            break;
        }
        let p = &paras[rng.below(paras.len())];
        let para = &text[p.clone()];
        let starts: Vec<usize> = std::iter::once(0)
            .chain(para.match_indices(". ").map(|(i, _)| i + 2))
            .filter(|&i| i < para.len())
            .collect();
        let s = starts[rng.below(starts.len())];
        let ends: Vec<usize> = para
            .match_indices(". ")
            .map(|(i, _)| i + 1)
            .chain([para.len()])
            .filter(|&e| e >= s + 20)
            .collect();
        let Some(&e) = ends.get(rng.below(2.min(ends.len()))) else {
            continue;
        };
        let e = if e - s > 300 {
            let cut = (s..=s + 300)
                .rev()
                .find(|&i| para.is_char_boundary(i))
                .unwrap_or(s);
            match para.get(s..cut).and_then(|x| x.rfind(' ')) {
                Some(sp) if sp >= 20 => s + sp,
                _ => continue,
            }
        } else {
            e
        };
        let Some(span) = para.get(s..e) else { continue };
        let r = p.start + s..p.start + e;
        if span.trim().len() < 20 || text.matches(span).count() != 1 || out.contains(&r) {
            continue;
        }
        out.push(r);
    }
    out
}

fn outside(quotes: &[Range<usize>], at: usize) -> bool {
    quotes.iter().all(|q| at + 1 < q.start || at > q.end + 1)
}

/// Typos fixed or made in words outside the quotes.
pub fn typos(text: &str, quotes: &[Range<usize>], rng: &mut Rng) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    for _ in 0..3 + rng.below(6) {
        let at = rng.below(text.len());
        let Some(c) = text.get(at..).and_then(|s| s.chars().next()) else {
            continue;
        };
        if !c.is_ascii_alphabetic()
            || !outside(quotes, at)
            || edits.iter().any(|e| e.range.start.abs_diff(at) < 3)
        {
            continue;
        }
        let with = match rng.below(3) {
            0 => String::new(),
            1 => rng.letter().to_string(),
            _ => format!("{c}{}", rng.letter()),
        };
        edits.push(Edit {
            range: at..at + 1,
            with,
        });
    }
    edits
}

/// Random character edits strictly inside `q`, about `fraction` of its length.
pub fn edits_inside(text: &str, q: &Range<usize>, fraction: f64, rng: &mut Rng) -> Vec<Edit> {
    let chars: Vec<usize> = text[q.clone()]
        .char_indices()
        .map(|(i, _)| q.start + i)
        .collect();
    let wanted = ((fraction * chars.len() as f64).round() as usize).max(1);
    let mut used = HashSet::new();
    let mut edits = Vec::new();
    while edits.len() < wanted && used.len() + 2 < chars.len() {
        let k = 1 + rng.below(chars.len() - 2);
        if !used.insert(k) {
            continue;
        }
        let (a, b) = (chars[k], chars[k + 1]);
        let with = match rng.below(3) {
            0 => String::new(),
            1 => rng.letter().to_string(),
            _ => format!("{}{}", rng.letter(), &text[a..b]),
        };
        edits.push(Edit { range: a..b, with });
    }
    edits
}

/// The end of a paragraph's line with the blank lines after it.
pub fn line_end(text: &str, end: usize) -> usize {
    end + text[end..].bytes().take_while(|&b| b == b'\n').count()
}
