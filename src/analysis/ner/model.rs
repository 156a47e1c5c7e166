//! The trained tagger: a compact weight table and BILOU Viterbi decoding.
//!
//! Weights are sparse: each feature hash maps (open addressing, linear probing) to a short
//! run of `(tag, weight)` pairs, weights quantized to `i16` with one scale. The file is the
//! arrays written one after another in little-endian, so loading is a handful of copies.
//! In memory the runs of up to four pairs sit inside the 16-byte table slot itself (with a
//! 32-bit fingerprint of the key), so most lookups touch one cache line.
//!
//! Tagging sums cached rows rather than features: see [`Scratch`] (per-document caches of
//! word-form and context rows), and decoding works on the BILOU lattice (`lattice.rs`).
//!
//! Frequent word forms also have their score rows precomputed (see [`Model::set_vocabulary`]),
//! so the first sight of a common word in a document costs one lookup, not one per feature.
//!
//! File layout (`LEDENER2`): magic, `n_tags` u32, `scale` f32, `n_slots` u32, `n_entries`
//! u32, `n_gaz` u32, then `keys` [u64; n_slots], `starts` [u32; n_slots], `lens`
//! [u8; n_slots], `entry_tags` [u8; n_entries], `entry_weights` [i16; n_entries],
//! `transitions` [f32; n_tags²] (start row, then tag rows… see [`Model::trans`]),
//! `start` [f32; n_tags], `end` [f32; n_tags], gazetteer `keys` [u64; n_gaz], `flags` [u8; n_gaz],
//! `n_vocab` u32, vocabulary word hashes [u64; n_vocab], their rows
//! [f32; n_vocab × 5 × n_tags] (own features, then as left, right, second-left and
//! second-right neighbour).

use std::sync::atomic::{AtomicU64, Ordering};

use super::features::{
    Base, DocInfo, PAD_BASE, PAIR_FEATURES, ROLES, context_features, context_key, neighbour,
    own_features, pair_features, sentence_initial, spread_matches,
};
use super::gazetteer::{self, Gazetteer};
use super::hash::{HashedMap, hash_bytes};
use super::lattice::{Transitions, viterbi};
use super::tags::{self, N_TAGS};

mod codec;
#[cfg(test)]
mod tests;

const MAGIC: &[u8; 8] = b"LEDENER2";

/// One slot of the feature table in memory: key and its run of entries side by side, so a
/// lookup touches one cache line here and one in `entries` (the file keeps the columns
/// separate; they are interleaved on load).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

/// The slot of the lookup table: a 32-bit fingerprint of the feature and, for the ~85% of
/// features with at most four tags, the `(tag, weight)` pairs themselves, so a lookup reads
/// one 16-byte slot and nothing else. Unused pairs have tag `0xFF`; a longer run has tag
/// `LONG` first and its `start` (two halves) and length in `w` (the run is in `entries`).
#[derive(Clone, Copy, Debug, Default)]
struct Inline {
    fp: u32,
    tags: [u8; 4],
    w: [i16; 4],
}

const LONG: u8 = 0xFE;

/// The fingerprint of a key (never 0, which marks an empty slot). The slot index uses the
/// key's low bits, the fingerprint its high bits.
#[inline]
fn fingerprint(key: u64) -> u32 {
    (key >> 32) as u32 | 1
}

/// A `(tag, weight)` pair packed into one word: tag in the low byte, weight above.
#[inline]
fn pack(tag: u8, weight: i16) -> u32 {
    (weight as u16 as u32) << 8 | tag as u32
}

#[derive(Clone, Debug, Default)]
pub struct Model {
    scale: f32,
    /// The lookup table (same positions as `slots`, which keeps the full keys for saving).
    inline: Vec<Inline>,
    slots: Vec<Slot>,
    entries: Vec<u32>,
    /// `trans[prev * N_TAGS + next]`, already `-inf` where the move is not allowed.
    trans: Vec<f32>,
    start: Vec<f32>,
    end: Vec<f32>,
    lattice: Transitions,
    /// Word-form hash → index into `vocab_rows` (`WORD_ROWS × N_TAGS` values each, in
    /// units of `vocab_scale`).
    vocab: HashedMap<u32>,
    vocab_keys: Vec<u64>,
    vocab_rows: Vec<i16>,
    vocab_scale: f32,
    /// Tells scratch caches which model filled them (0 = none).
    uid: u64,
    pub(crate) gazetteer: Gazetteer,
}

fn index(keys: &[u64]) -> HashedMap<u32> {
    keys.iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect()
}

fn next_uid() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Reusable scratch space for tagging, with per-document caches: the score contributions
/// of each distinct word form (its own features and its features as a neighbour) and of
/// each distinct shape/gazetteer context. A word's features repeat across a document, so
/// most tokens cost a few cache reads and [`PAIR_FEATURES`] table probes.
///
/// Use one `Scratch` per document (or call [`Scratch::clear`] between documents): the
/// caches are only bounded by the number of distinct words seen, up to a cap.
#[derive(Default)]
pub struct Scratch {
    /// The model the caches were filled by.
    model: u64,
    lower: String,
    shape: String,
    feats: Vec<u64>,
    /// Word-form hash → word id. Id 0 is the sentence-edge pad.
    word_ids: HashedMap<u32>,
    word_base: Vec<Base>,
    word_gaz: Vec<u64>,
    /// Per word id, `1 + ROLES` rows of `N_TAGS` scores: its own features, then as each
    /// neighbour role.
    word_rows: Vec<f32>,
    ctx_ids: HashedMap<u32>,
    ctx_rows: Vec<f32>,
    ids: Vec<u32>,
    base: Vec<Base>,
    gaz_words: Vec<u64>,
    matches: Vec<(u8, u8)>,
    scores: Vec<f32>,
    delta: Vec<f32>,
    doc: DocInfo,
}

/// Distinct words kept per scratch before the caches start over.
const MAX_CACHED_WORDS: usize = 1 << 16;
const WORD_ROWS: usize = 1 + ROLES;

impl Scratch {
    /// Forgets the cached scores and the document (call between documents).
    pub fn clear(&mut self) {
        self.model = 0;
        self.doc.clear();
    }

    /// Adds a sentence (or block) to the current document's evidence ([`DocInfo`]). Add
    /// them all before tagging the first: a word's evidence is fixed when first tagged.
    pub fn add_to_document(&mut self, words: &[&str]) {
        self.doc.add(words);
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
        let mut slots = vec![Slot::default(); cap];
        let mut entries = Vec::new();
        let mut weights = weights;
        weights.sort_unstable_by_key(|(k, _)| *k);
        for (k, run) in weights {
            let mut i = k as usize & (cap - 1);
            while slots[i].key != 0 {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = Slot {
                key: k,
                start: entries.len() as u32,
                len: run.len() as u32,
            };
            for (t, w) in run {
                entries.push(pack(t, (w / scale).round().clamp(-32767.0, 32767.0) as i16));
            }
        }
        Model::assemble(scale, slots, entries, [trans, start, end], gazetteer)
    }

    /// A model from its weight table, transition scores (`[trans, start, end]`) and
    /// gazetteer, without precomputed word rows; masks impossible transitions and builds
    /// the inline lookup table. Both training and loading end here.
    fn assemble(
        scale: f32,
        slots: Vec<Slot>,
        entries: Vec<u32>,
        [trans, start, end]: [Vec<f32>; 3],
        gazetteer: Gazetteer,
    ) -> Model {
        let mut m = Model {
            scale,
            inline: Vec::new(),
            slots,
            entries,
            trans,
            start,
            end,
            lattice: Transitions::default(),
            vocab: HashedMap::default(),
            vocab_keys: Vec::new(),
            vocab_rows: Vec::new(),
            vocab_scale: 0.0,
            uid: next_uid(),
            gazetteer,
        };
        m.mask_transitions();
        m.build_inline();
        m
    }

    fn mask_transitions(&mut self) {
        for p in 0..N_TAGS {
            for t in 0..N_TAGS {
                if !tags::allowed(Some(p as u8), Some(t as u8)) {
                    self.trans[p * N_TAGS + t] = f32::NEG_INFINITY;
                }
            }
        }
        self.lattice = Transitions::new(&self.trans, &self.start, &self.end);
    }

    /// Whether the model has any weights (an empty placeholder tags nothing).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of features in the table.
    pub fn n_features(&self) -> usize {
        self.slots.iter().filter(|s| s.key != 0).count()
    }

    fn build_inline(&mut self) {
        self.inline = self
            .slots
            .iter()
            .map(|s| {
                if s.key == 0 {
                    return Inline::default();
                }
                let mut x = Inline {
                    fp: fingerprint(s.key),
                    tags: [0xFF; 4],
                    w: [0; 4],
                };
                let run = &self.entries[s.start as usize..(s.start + s.len) as usize];
                if run.len() <= 4 {
                    for (j, &e) in run.iter().enumerate() {
                        x.tags[j] = e as u8;
                        x.w[j] = (e >> 8) as u16 as i16;
                    }
                } else {
                    x.tags[0] = LONG;
                    x.w = [
                        s.start as u16 as i16,
                        (s.start >> 16) as u16 as i16,
                        s.len as u16 as i16,
                        0,
                    ];
                }
                x
            })
            .collect();
    }

    /// Adds the weights of feature `key` (if known) to `row`.
    #[inline]
    fn add_feature(&self, key: u64, row: &mut [f32]) {
        let mask = self.inline.len().wrapping_sub(1);
        if mask == usize::MAX {
            return;
        }
        let fp = fingerprint(key);
        let mut i = key as usize & mask;
        let x = loop {
            let x = &self.inline[i];
            if x.fp == fp {
                break x;
            }
            if x.fp == 0 {
                return;
            }
            i = (i + 1) & mask;
        };
        if x.tags[0] == LONG {
            let start = (x.w[0] as u16 as usize) | (x.w[1] as u16 as usize) << 16;
            let len = x.w[2] as u16 as usize;
            for &e in &self.entries[start..start + len] {
                let w = (e >> 8) as u16 as i16;
                if let Some(r) = row.get_mut((e & 0xFF) as usize) {
                    *r += w as f32 * self.scale;
                }
            }
        } else {
            for (&t, &w) in x.tags.iter().zip(&x.w) {
                if let Some(r) = row.get_mut(t as usize) {
                    *r += w as f32 * self.scale;
                }
            }
        }
    }

    /// Sums the weights of `feats` into a fresh row appended to `rows`.
    fn push_row(&self, feats: &[u64], rows: &mut Vec<f32>) {
        let at = rows.len();
        rows.resize(at + N_TAGS, 0.0);
        for &f in feats {
            self.add_feature(f, &mut rows[at..]);
        }
    }

    /// The cache id of word `w`, computing its rows on first sight.
    fn word_id(&self, w: &str, s: &mut Scratch) -> u32 {
        let key = hash_bytes(3, w.as_bytes());
        if let Some(&id) = s.word_ids.get(&key) {
            return id;
        }
        let id = s.word_base.len() as u32;
        let mut b = Base::of(w, &mut s.lower, &mut s.shape);
        b.doc = s.doc.flags(w, &b);
        if let Some(&v) = self.vocab.get(&key) {
            const ROW: usize = N_TAGS * WORD_ROWS;
            let v = v as usize;
            let q = self.vocab_scale;
            s.word_rows.extend(
                self.vocab_rows[v * ROW..(v + 1) * ROW]
                    .iter()
                    .map(|&x| x as f32 * q),
            );
        } else {
            s.feats.clear();
            own_features(w, &b, &s.lower, &mut s.feats);
            self.push_row(&s.feats, &mut s.word_rows);
            self.push_role_rows(&b, &mut s.word_rows);
        }
        s.word_base.push(b);
        s.word_gaz.push(gazetteer::word_hash(w));
        s.word_ids.insert(key, id);
        id
    }

    fn push_role_rows(&self, b: &Base, rows: &mut Vec<f32>) {
        for feats in b.role_features() {
            let n = feats.iter().take_while(|&&f| f != 0).count();
            self.push_row(&feats[..n], rows);
        }
    }

    /// Precomputes the rows of `words` (e.g. the most frequent forms of the training
    /// text): own features and every neighbour role, from the current weights.
    pub fn set_vocabulary(&mut self, words: &[&str]) {
        let (mut lower, mut shape, mut feats) = (String::new(), String::new(), Vec::new());
        let mut keys = Vec::new();
        let mut rows = Vec::new();
        let mut seen = HashedMap::default();
        for w in words {
            let key = hash_bytes(3, w.as_bytes());
            if seen.insert(key, ()).is_some() {
                continue;
            }
            let b = Base::of(w, &mut lower, &mut shape);
            feats.clear();
            own_features(w, &b, &lower, &mut feats);
            self.push_row(&feats, &mut rows);
            self.push_role_rows(&b, &mut rows);
            keys.push(key);
        }
        let max = rows.iter().fold(1e-9f32, |m, x| m.max(x.abs()));
        self.vocab_scale = max / 32767.0;
        self.vocab_rows = rows
            .iter()
            .map(|x| (x / self.vocab_scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        self.vocab = index(&keys);
        self.vocab_keys = keys;
        self.uid = next_uid();
    }

    /// Number of words with precomputed rows.
    pub fn n_vocabulary(&self) -> usize {
        self.vocab_keys.len()
    }

    /// Empties `s`'s caches if another model (or nothing yet) filled them.
    fn prepare(&self, s: &mut Scratch) {
        if s.model == self.uid && s.word_base.len() < MAX_CACHED_WORDS {
            return;
        }
        s.model = self.uid;
        s.word_ids.clear();
        s.word_base.clear();
        s.word_gaz.clear();
        s.word_rows.clear();
        s.ctx_ids.clear();
        s.ctx_rows.clear();
        // Word id 0: the pad beyond the sentence edges (no own features).
        s.word_base.push(PAD_BASE);
        s.word_gaz.push(0);
        s.word_rows.resize(N_TAGS, 0.0);
        self.push_role_rows(&PAD_BASE, &mut s.word_rows);
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
        let s = scratch;
        self.prepare(s);
        let n = words.len();
        s.ids.clear();
        s.base.clear();
        s.gaz_words.clear();
        for w in words {
            let id = self.word_id(w, s);
            s.ids.push(id);
            s.base.push(s.word_base[id as usize]);
            s.gaz_words.push(s.word_gaz[id as usize]);
        }
        self.gazetteer.matches_hashed(&s.gaz_words, &mut s.matches);
        spread_matches(&s.matches, &mut s.base);
        s.scores.clear();
        s.scores.resize(n * N_TAGS, 0.0);
        const ROW: usize = N_TAGS * WORD_ROWS;
        for i in 0..n {
            let base = &s.base;
            let (b0, m1, m2, p1) = (
                &base[i],
                neighbour(base, i, -1),
                neighbour(base, i, -2),
                neighbour(base, i, 1),
            );
            let first = sentence_initial(words, i);
            let key = context_key(m2, m1, b0, p1, first);
            let ctx = match s.ctx_ids.get(&key) {
                Some(&c) => c as usize,
                None => {
                    let c = s.ctx_rows.len() / N_TAGS;
                    s.feats.clear();
                    context_features(m2, m1, b0, p1, first, &mut s.feats);
                    self.push_row(&s.feats, &mut s.ctx_rows);
                    s.ctx_ids.insert(key, c as u32);
                    c
                }
            };
            let id = |j: isize| -> usize {
                let j = i as isize + j;
                if j < 0 || j as usize >= n {
                    0
                } else {
                    s.ids[j as usize] as usize
                }
            };
            let rows = &s.word_rows;
            let role = |id: usize, r: usize| &rows[id * ROW + r * N_TAGS..][..N_TAGS];
            let own = role(id(0), 0);
            let (rm1, rp1, rm2, rp2) = (
                role(id(-1), 1),
                role(id(1), 2),
                role(id(-2), 3),
                role(id(2), 4),
            );
            let rc = &s.ctx_rows[ctx * N_TAGS..][..N_TAGS];
            let row = &mut s.scores[i * N_TAGS..][..N_TAGS];
            for t in 0..N_TAGS {
                row[t] = own[t] + rm1[t] + rp1[t] + rm2[t] + rp2[t] + rc[t];
            }
            let pairs: [u64; PAIR_FEATURES] = pair_features(m1, b0, p1);
            for f in pairs {
                self.add_feature(f, row);
            }
        }
        viterbi(&s.scores, &self.lattice, &mut s.delta, out);
    }
}
