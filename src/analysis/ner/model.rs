//! The trained tagger: a compact weight table and BILOU Viterbi decoding.
//!
//! Weights are sparse: each feature hash maps (open addressing, linear probing) to a short
//! run of `(tag, weight)` pairs, weights quantized to `i16` with one scale. The file is the
//! arrays written one after another in little-endian, so loading is a handful of copies.
//!
//! File layout (`LEDENER1`): magic, `n_tags` u32, `scale` f32, `n_slots` u32, `n_entries`
//! u32, `n_gaz` u32, then `keys` [u64; n_slots], `starts` [u32; n_slots], `lens`
//! [u8; n_slots], `entry_tags` [u8; n_entries], `entry_weights` [i16; n_entries],
//! `transitions` [f32; n_tags²] (start row, then tag rows… see [`Model::trans`]),
//! `start` [f32; n_tags], `end` [f32; n_tags], gazetteer `keys` [u64; n_gaz], `flags` [u8; n_gaz].

use super::features::Extractor;
use super::gazetteer::Gazetteer;
use super::tags::{self, N_TAGS};

const MAGIC: &[u8; 8] = b"LEDENER1";

/// One slot of the feature table in memory: key and its run of entries side by side, so a
/// lookup touches one cache line here and one in `entries` (the file keeps the columns
/// separate; they are interleaved on load).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

/// A `(tag, weight)` pair packed into one word: tag in the low byte, weight above.
#[inline]
fn pack(tag: u8, weight: i16) -> u32 {
    (weight as u16 as u32) << 8 | tag as u32
}

#[derive(Clone, Debug, Default)]
pub struct Model {
    scale: f32,
    slots: Vec<Slot>,
    entries: Vec<u32>,
    keys: Vec<u64>,
    starts: Vec<u32>,
    lens: Vec<u8>,
    entry_tags: Vec<u8>,
    entry_weights: Vec<i16>,
    /// `trans[prev * N_TAGS + next]`, already `-inf` where the move is not allowed.
    trans: Vec<f32>,
    start: Vec<f32>,
    end: Vec<f32>,
    pub(crate) gazetteer: Gazetteer,
}

/// Reusable scratch space for tagging.
#[derive(Default)]
pub struct Scratch {
    pub(crate) extractor: Extractor,
    feats: Vec<u64>,
    offsets: Vec<u32>,
    scores: Vec<f32>,
    delta: Vec<f32>,
    back: Vec<u8>,
}

/// Previous tags allowed before each tag (constraint-pruned Viterbi).
fn allowed_prev() -> Vec<Vec<u8>> {
    (0..N_TAGS as u8)
        .map(|next| {
            (0..N_TAGS as u8)
                .filter(|&p| tags::allowed(Some(p), Some(next)))
                .collect()
        })
        .collect()
}

fn prev_table() -> &'static [Vec<u8>] {
    static TABLE: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(allowed_prev)
}

/// Viterbi over `scores[i * N_TAGS + tag]` with transition, start and end scores; writes the
/// best allowed tag sequence into `out`.
pub fn viterbi(
    scores: &[f32],
    trans: &[f32],
    start: &[f32],
    end: &[f32],
    delta: &mut Vec<f32>,
    back: &mut Vec<u8>,
    out: &mut Vec<u8>,
) {
    let n = scores.len() / N_TAGS;
    out.clear();
    if n == 0 {
        return;
    }
    let prevs = prev_table();
    delta.clear();
    delta.resize(n * N_TAGS, f32::NEG_INFINITY);
    back.clear();
    back.resize(n * N_TAGS, 0);
    for t in 0..N_TAGS {
        if tags::allowed(None, Some(t as u8)) {
            delta[t] = scores[t] + start[t];
        }
    }
    for i in 1..n {
        let (done, rest) = delta.split_at_mut(i * N_TAGS);
        let prev_row = &done[(i - 1) * N_TAGS..];
        let row = &mut rest[..N_TAGS];
        for (t, cell) in row.iter_mut().enumerate() {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for &p in &prevs[t] {
                let v = prev_row[p as usize] + trans[p as usize * N_TAGS + t];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            *cell = best + scores[i * N_TAGS + t];
            back[i * N_TAGS + t] = arg;
        }
    }
    let last = &delta[(n - 1) * N_TAGS..];
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0u8;
    for t in 0..N_TAGS {
        if tags::allowed(Some(t as u8), None) {
            let v = last[t] + end[t];
            if v > best {
                best = v;
                arg = t as u8;
            }
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg;
    for i in (1..n).rev() {
        out[i - 1] = back[i * N_TAGS + out[i] as usize];
    }
}

impl Model {
    /// Assembles a model from trained parts. `weights` lists `(feature hash, [(tag, weight)])`.
    pub fn from_parts(
        weights: Vec<(u64, Vec<(u8, f32)>)>,
        trans: Vec<f32>,
        start: Vec<f32>,
        end: Vec<f32>,
        gazetteer: Gazetteer,
    ) -> Model {
        let max = weights
            .iter()
            .flat_map(|(_, e)| e.iter().map(|&(_, w)| w.abs()))
            .fold(1e-9f32, f32::max);
        let scale = max / 32767.0;
        let cap = (weights.len() * 2).next_power_of_two().max(16);
        let mut keys = vec![0u64; cap];
        let mut starts = vec![0u32; cap];
        let mut lens = vec![0u8; cap];
        let mut entry_tags = Vec::new();
        let mut entry_weights = Vec::new();
        let mut weights = weights;
        weights.sort_unstable_by_key(|(k, _)| *k);
        for (k, entries) in weights {
            let mut i = k as usize & (cap - 1);
            while keys[i] != 0 {
                i = (i + 1) & (cap - 1);
            }
            keys[i] = k;
            starts[i] = entry_tags.len() as u32;
            lens[i] = entries.len() as u8;
            for (t, w) in entries {
                entry_tags.push(t);
                entry_weights.push((w / scale).round().clamp(-32767.0, 32767.0) as i16);
            }
        }
        let mut m = Model {
            scale,
            slots: Vec::new(),
            entries: Vec::new(),
            keys,
            starts,
            lens,
            entry_tags,
            entry_weights,
            trans,
            start,
            end,
            gazetteer,
        };
        m.mask_transitions();
        m.interleave();
        m
    }

    fn interleave(&mut self) {
        self.slots = (0..self.keys.len())
            .map(|i| Slot {
                key: self.keys[i],
                start: self.starts[i],
                len: self.lens[i] as u32,
            })
            .collect();
        self.entries = self
            .entry_tags
            .iter()
            .zip(&self.entry_weights)
            .map(|(&t, &w)| pack(t, w))
            .collect();
    }

    fn mask_transitions(&mut self) {
        for p in 0..N_TAGS {
            for t in 0..N_TAGS {
                if !tags::allowed(Some(p as u8), Some(t as u8)) {
                    self.trans[p * N_TAGS + t] = f32::NEG_INFINITY;
                }
            }
        }
    }

    /// Whether the model has any weights (an empty placeholder tags nothing).
    pub fn is_empty(&self) -> bool {
        self.entry_tags.is_empty()
    }

    /// Number of features in the table.
    pub fn n_features(&self) -> usize {
        self.keys.iter().filter(|&&k| k != 0).count()
    }

    /// The slot holding feature `key`, if the model knows it.
    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        loop {
            let k = self.slots[i].key;
            if k == key {
                return Some(i);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the weights stored in `slot` to `scores`.
    #[inline]
    fn add(&self, slot: usize, scores: &mut [f32]) {
        let slot = self.slots[slot];
        let s = slot.start as usize;
        for &e in &self.entries[s..s + slot.len as usize] {
            let w = (e >> 8) as u16 as i16;
            if let Some(x) = scores.get_mut((e & 0xFF) as usize) {
                *x += w as f32 * self.scale;
            }
        }
    }

    /// The best tag sequence for `words` (one sentence or block).
    pub fn tag(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<u8>) {
        out.clear();
        if words.is_empty() {
            return;
        }
        if self.is_empty() {
            out.resize(words.len(), tags::O);
            return;
        }
        let Scratch {
            extractor,
            feats,
            offsets,
            scores,
            delta,
            back,
        } = scratch;
        extractor.extract(words, &self.gazetteer, feats, offsets);
        // Two passes: first every table probe of the sentence (independent loads, so the
        // CPU overlaps the cache misses that dominate tagging), then the sums. Feature
        // hashes are replaced in place by slot numbers (`u64::MAX` = unknown).
        for f in feats.iter_mut() {
            *f = self.find(*f).map_or(u64::MAX, |s| s as u64);
        }
        scores.clear();
        scores.resize(words.len() * N_TAGS, 0.0);
        for i in 0..words.len() {
            let row = &mut scores[i * N_TAGS..(i + 1) * N_TAGS];
            for &slot in &feats[offsets[i] as usize..offsets[i + 1] as usize] {
                if slot != u64::MAX {
                    self.add(slot as usize, row);
                }
            }
        }
        viterbi(
            scores,
            &self.trans,
            &self.start,
            &self.end,
            delta,
            back,
            out,
        );
    }

    /// Serialises the model (see the module docs for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        for v in [
            N_TAGS,
            0,
            self.keys.len(),
            self.entry_tags.len(),
            self.gazetteer.keys.len(),
        ] {
            b.extend_from_slice(&(v as u32).to_le_bytes());
        }
        b[12..16].copy_from_slice(&self.scale.to_le_bytes());
        self.keys
            .iter()
            .for_each(|x| b.extend_from_slice(&x.to_le_bytes()));
        self.starts
            .iter()
            .for_each(|x| b.extend_from_slice(&x.to_le_bytes()));
        b.extend_from_slice(&self.lens);
        b.extend_from_slice(&self.entry_tags);
        self.entry_weights
            .iter()
            .for_each(|x| b.extend_from_slice(&x.to_le_bytes()));
        // Disallowed moves are stored as 0 and masked again on load (no infinities on disk).
        let finite = |x: &f32| if x.is_finite() { *x } else { 0.0 };
        for x in self.trans.iter().chain(&self.start).chain(&self.end) {
            b.extend_from_slice(&finite(x).to_le_bytes());
        }
        self.gazetteer
            .keys
            .iter()
            .for_each(|x| b.extend_from_slice(&x.to_le_bytes()));
        b.extend_from_slice(&self.gazetteer.flags);
        b
    }

    /// Parses a model written by [`Model::to_bytes`]. An empty input is an empty model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        if bytes.is_empty() {
            return Ok(Model::default());
        }
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a lede NER model (bad magic)".into());
        }
        let n_tags = r.u32()? as usize;
        if n_tags != N_TAGS {
            return Err(format!(
                "model has {n_tags} tags, this build expects {N_TAGS}"
            ));
        }
        let scale = f32::from_le_bytes(r.array()?);
        let n_slots = r.u32()? as usize;
        let n_entries = r.u32()? as usize;
        let n_gaz = r.u32()? as usize;
        if !n_slots.is_power_of_two() || (n_gaz != 0 && !n_gaz.is_power_of_two()) {
            return Err("model tables are not a power of two".into());
        }
        let keys = r.vec(n_slots, u64::from_le_bytes)?;
        let starts = r.vec(n_slots, u32::from_le_bytes)?;
        let lens = r.take(n_slots)?.to_vec();
        let entry_tags = r.take(n_entries)?.to_vec();
        let entry_weights = r.vec(n_entries, i16::from_le_bytes)?;
        let trans = r.vec(N_TAGS * N_TAGS, f32::from_le_bytes)?;
        let start = r.vec(N_TAGS, f32::from_le_bytes)?;
        let end = r.vec(N_TAGS, f32::from_le_bytes)?;
        let gaz_keys = r.vec(n_gaz, u64::from_le_bytes)?;
        let gaz_flags = r.take(n_gaz)?.to_vec();
        let bad_run = starts
            .iter()
            .zip(&lens)
            .any(|(&s, &l)| s as usize + l as usize > n_entries);
        if bad_run || entry_tags.iter().any(|&t| t as usize >= N_TAGS) {
            return Err("model weight table is corrupt".into());
        }
        let mut m = Model {
            scale,
            slots: Vec::new(),
            entries: Vec::new(),
            keys,
            starts,
            lens,
            entry_tags,
            entry_weights,
            trans,
            start,
            end,
            gazetteer: Gazetteer {
                keys: gaz_keys,
                flags: gaz_flags,
            },
        };
        m.mask_transitions();
        m.interleave();
        Ok(m)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("model file is truncated")?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn vec<const N: usize, T>(&mut self, n: usize, f: fn([u8; N]) -> T) -> Result<Vec<T>, String> {
        let raw = self.take(n.checked_mul(N).ok_or("model size overflow")?)?;
        Ok(raw
            .chunks_exact(N)
            .map(|c| {
                let mut a = [0u8; N];
                a.copy_from_slice(c);
                f(a)
            })
            .collect())
    }
}
