//! Decoding on the BILOU lattice: transition scores arranged so that Viterbi only visits
//! the moves BILOU allows (into `O`/`B`/`U` from any closed tag, into `I`/`L` from the same
//! kind's `B` or `I`), with the dense part in 8-lane chunks.

use super::tags::{self, N_TAGS};

const N_KINDS: usize = (N_TAGS - 1) / 4;
/// Tags after which an entity may start: `O`, every `L`, every `U` (ascending).
const N_CLOSED: usize = 1 + 2 * N_KINDS;
/// `N_CLOSED` rounded up to whole 8-lane chunks.
const CLOSED_PAD: usize = N_CLOSED.div_ceil(8) * 8;

fn closed_tags() -> [u8; N_CLOSED] {
    let mut c = [0u8; N_CLOSED];
    for k in 0..N_KINDS {
        c[1 + 2 * k] = (1 + 4 * k + 2) as u8;
        c[2 + 2 * k] = (1 + 4 * k + 3) as u8;
    }
    c
}

/// Tags that may follow a closed tag: `O`, every `B`, every `U` (ascending).
fn starter_tags() -> [u8; N_CLOSED] {
    let mut c = [0u8; N_CLOSED];
    for k in 0..N_KINDS {
        c[1 + 2 * k] = (1 + 4 * k) as u8;
        c[2 + 2 * k] = (1 + 4 * k + 3) as u8;
    }
    c
}

/// Transition scores arranged for the BILOU lattice: a move into `O`/`B`/`U` comes from any
/// closed tag (a dense `N_CLOSED`² block, padded for 8-lane arithmetic); a move into `I`/`L`
/// comes from the same kind's `B` or `I`. Disallowed moves are never considered, so the
/// raw scores need no masking.
#[derive(Clone, Debug)]
pub struct Transitions {
    /// `into[s][c]`: from closed tag `c` into starter `s`; padding is `-inf`.
    into: Vec<[f32; CLOSED_PAD]>,
    /// The largest minus the smallest score in `into`.
    spread: f32,
    trans: Vec<f32>,
    start: Vec<f32>,
    end: Vec<f32>,
}

impl Default for Transitions {
    fn default() -> Transitions {
        let z = vec![0.0; N_TAGS * N_TAGS];
        Transitions::new(&z, &[0.0; N_TAGS], &[0.0; N_TAGS])
    }
}

impl Transitions {
    /// From `trans[prev * N_TAGS + next]`, start and end scores.
    pub fn new(trans: &[f32], start: &[f32], end: &[f32]) -> Transitions {
        let (closed, starters) = (closed_tags(), starter_tags());
        let into = starters
            .iter()
            .map(|&s| {
                let mut row = [f32::NEG_INFINITY; CLOSED_PAD];
                for (c, &p) in closed.iter().enumerate() {
                    row[c] = trans[p as usize * N_TAGS + s as usize];
                }
                row
            })
            .collect::<Vec<_>>();
        let (lo, hi) = into
            .iter()
            .flat_map(|r| &r[..N_CLOSED])
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &x| {
                (lo.min(x), hi.max(x))
            });
        Transitions {
            into,
            spread: hi - lo,
            trans: trans.to_vec(),
            start: start.to_vec(),
            end: end.to_vec(),
        }
    }

    #[inline]
    fn t(&self, prev: usize, next: usize) -> f32 {
        self.trans[prev * N_TAGS + next]
    }
}

/// The best of `a + b` over the lanes (8 accumulators, so it vectorises).
#[inline]
fn max_sum(a: &[f32; CLOSED_PAD], b: &[f32; CLOSED_PAD]) -> f32 {
    let mut acc = [f32::NEG_INFINITY; 8];
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for j in 0..8 {
            let v = ca[j] + cb[j];
            acc[j] = if v > acc[j] { v } else { acc[j] };
        }
    }
    acc.iter()
        .fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m })
}

/// Viterbi over `scores[i * N_TAGS + tag]`; writes the best allowed tag sequence into
/// `out`. The forward pass keeps only scores; the backward pass recomputes the one
/// argmax it needs per token.
pub fn viterbi(scores: &[f32], tr: &Transitions, delta: &mut Vec<f32>, out: &mut Vec<u8>) {
    let n = scores.len() / N_TAGS;
    out.clear();
    if n == 0 {
        return;
    }
    let (closed, starters) = (closed_tags(), starter_tags());
    delta.clear();
    delta.resize(n * N_TAGS, f32::NEG_INFINITY);
    for &t in &starters {
        let t = t as usize;
        delta[t] = scores[t] + tr.start[t];
    }
    let mut dc = [f32::NEG_INFINITY; CLOSED_PAD];
    for i in 1..n {
        let (done, rest) = delta.split_at_mut(i * N_TAGS);
        let prev = &done[(i - 1) * N_TAGS..];
        let row = &mut rest[..N_TAGS];
        let sc = &scores[i * N_TAGS..(i + 1) * N_TAGS];
        let mut dmax = f32::NEG_INFINITY;
        for (d, &c) in dc.iter_mut().zip(&closed) {
            *d = prev[c as usize];
            dmax = if *d > dmax { *d } else { dmax };
        }
        // A closed tag further than the spread of transition scores below the best one can
        // win no move, so only the few near the top are tried (exact, not a beam).
        let floor = dmax - tr.spread;
        let mut cands = [0u8; N_CLOSED];
        let mut n_cands = 0;
        for (c, &d) in dc[..N_CLOSED].iter().enumerate() {
            if d >= floor {
                cands[n_cands] = c as u8;
                n_cands += 1;
            }
        }
        if n_cands * 3 > N_CLOSED {
            for (into, &s) in tr.into.iter().zip(&starters) {
                row[s as usize] = max_sum(&dc, into) + sc[s as usize];
            }
        } else {
            let cands = &cands[..n_cands];
            for (into, &s) in tr.into.iter().zip(&starters) {
                let mut best = f32::NEG_INFINITY;
                for &c in cands {
                    let v = dc[c as usize] + into[c as usize];
                    best = if v > best { v } else { best };
                }
                row[s as usize] = best + sc[s as usize];
            }
        }
        for k in 0..N_KINDS {
            let (b, m, l) = (1 + 4 * k, 2 + 4 * k, 3 + 4 * k);
            let (pb, pm) = (prev[b], prev[m]);
            let x = pb + tr.t(b, m);
            let y = pm + tr.t(m, m);
            row[m] = if y > x { y } else { x } + sc[m];
            let x = pb + tr.t(b, l);
            let y = pm + tr.t(m, l);
            row[l] = if y > x { y } else { x } + sc[l];
        }
    }
    // Backward: the best closed tag at the end, then each token's best predecessor.
    let pick = |cands: &mut dyn Iterator<Item = (u8, f32)>| {
        let mut best = (0u8, f32::NEG_INFINITY);
        for (t, v) in cands {
            if v > best.1 {
                best = (t, v);
            }
        }
        best.0
    };
    let last = &delta[(n - 1) * N_TAGS..];
    out.resize(n, 0);
    out[n - 1] = pick(
        &mut closed
            .iter()
            .map(|&t| (t, last[t as usize] + tr.end[t as usize])),
    );
    for i in (1..n).rev() {
        let t = out[i] as usize;
        let prev = &delta[(i - 1) * N_TAGS..i * N_TAGS];
        out[i - 1] = match tags::split(t as u8) {
            Some((_, tags::Position::Inside | tags::Position::Last)) => {
                let (b, m) = (t - (t - 1) % 4, t - (t - 1) % 4 + 1);
                pick(&mut [b, m].into_iter().map(|p| (p as u8, prev[p] + tr.t(p, t))))
            }
            _ => pick(
                &mut closed
                    .iter()
                    .map(|&p| (p, prev[p as usize] + tr.t(p as usize, t))),
            ),
        };
    }
}
