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

    /// Serialises the model (see the module docs for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        for v in [
            N_TAGS,
            0,
            self.slots.len(),
            self.entries.len(),
            self.gazetteer.keys.len(),
        ] {
            b.extend_from_slice(&(v as u32).to_le_bytes());
        }
        b[12..16].copy_from_slice(&self.scale.to_le_bytes());
        let slots = &self.slots;
        slots
            .iter()
            .for_each(|s| b.extend_from_slice(&s.key.to_le_bytes()));
        slots
            .iter()
            .for_each(|s| b.extend_from_slice(&s.start.to_le_bytes()));
        b.extend(slots.iter().map(|s| s.len as u8));
        b.extend(self.entries.iter().map(|&e| e as u8));
        self.entries
            .iter()
            .for_each(|&e| b.extend_from_slice(&((e >> 8) as u16).to_le_bytes()));
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
        b.extend_from_slice(&(self.vocab_keys.len() as u32).to_le_bytes());
        b.extend_from_slice(&self.vocab_scale.to_le_bytes());
        self.vocab_keys
            .iter()
            .for_each(|x| b.extend_from_slice(&x.to_le_bytes()));
        self.vocab_rows
            .iter()
            .for_each(|x| b.extend_from_slice(&x.to_le_bytes()));
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
        let keys = r.take(n_slots.checked_mul(8).ok_or("model size overflow")?)?;
        let starts = r.take(n_slots * 4)?;
        let lens = r.take(n_slots)?;
        let slots: Vec<Slot> = keys
            .chunks_exact(8)
            .zip(starts.chunks_exact(4))
            .zip(lens)
            .map(|((k, s), &len)| Slot {
                key: u64::from_le_bytes(k.try_into().unwrap_or_default()),
                start: u32::from_le_bytes(s.try_into().unwrap_or_default()),
                len: len as u32,
            })
            .collect();
        let entry_tags = r.take(n_entries)?;
        let entry_weights = r.take(n_entries.checked_mul(2).ok_or("model size overflow")?)?;
        let entries: Vec<u32> = entry_tags
            .iter()
            .zip(entry_weights.chunks_exact(2))
            .map(|(&t, w)| pack(t, i16::from_le_bytes([w[0], w[1]])))
            .collect();
        let trans = r.vec(N_TAGS * N_TAGS, f32::from_le_bytes)?;
        let start = r.vec(N_TAGS, f32::from_le_bytes)?;
        let end = r.vec(N_TAGS, f32::from_le_bytes)?;
        let gaz_keys = r.vec(n_gaz, u64::from_le_bytes)?;
        let gaz_flags = r.take(n_gaz)?.to_vec();
        let n_vocab = r.u32()? as usize;
        let vocab_scale = f32::from_le_bytes(r.array()?);
        let vocab_keys = r.vec(n_vocab, u64::from_le_bytes)?;
        let vocab_rows = r.vec(
            n_vocab
                .checked_mul(WORD_ROWS * N_TAGS)
                .ok_or("model size overflow")?,
            i16::from_le_bytes,
        )?;
        let bad_run = slots
            .iter()
            .any(|s| s.start as usize + s.len as usize > n_entries);
        if bad_run || entry_tags.iter().any(|&t| t as usize >= N_TAGS) {
            return Err("model weight table is corrupt".into());
        }
        let gazetteer = Gazetteer {
            keys: gaz_keys,
            flags: gaz_flags,
        };
        let mut m = Model::assemble(scale, slots, entries, [trans, start, end], gazetteer);
        m.vocab = index(&vocab_keys);
        m.vocab_keys = vocab_keys;
        m.vocab_rows = vocab_rows;
        m.vocab_scale = vocab_scale;
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

    fn vec<const N: usize, T>(
        &mut self,
        n: usize,
        f: impl Fn([u8; N]) -> T,
    ) -> Result<Vec<T>, String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ner::features::Extractor;
    use crate::analysis::tokenize::tokenize;

    /// Scores the plain way: every feature of every token looked up in the table.
    fn reference_scores(m: &Model, words: &[&str]) -> Vec<f32> {
        let (mut feats, mut offs) = (Vec::new(), Vec::new());
        let doc = DocInfo::default();
        Extractor::default().extract(words, &m.gazetteer, &doc, &mut feats, &mut offs);
        let mut scores = vec![0.0; words.len() * N_TAGS];
        for i in 0..words.len() {
            for &f in &feats[offs[i] as usize..offs[i + 1] as usize] {
                m.add_feature(f, &mut scores[i * N_TAGS..(i + 1) * N_TAGS]);
            }
        }
        scores
    }

    #[test]
    fn inline_table_holds_every_run() {
        let m = crate::analysis::ner::bundled();
        for s in m.slots.iter().filter(|s| s.key != 0) {
            let mut want = vec![0.0f32; N_TAGS];
            for &e in &m.entries[s.start as usize..(s.start + s.len) as usize] {
                want[(e & 0xFF) as usize] += ((e >> 8) as u16 as i16) as f32 * m.scale;
            }
            let mut got = vec![0.0f32; N_TAGS];
            m.add_feature(s.key, &mut got);
            assert_eq!(got, want, "feature {:x}", s.key);
        }
    }

    /// Textbook Viterbi over every allowed pair of tags.
    fn plain_viterbi(scores: &[f32], m: &Model) -> Vec<u8> {
        let n = scores.len() / N_TAGS;
        let mut delta = vec![f32::NEG_INFINITY; n * N_TAGS];
        let mut back = vec![0usize; n * N_TAGS];
        for t in 0..N_TAGS {
            if tags::allowed(None, Some(t as u8)) {
                delta[t] = scores[t] + m.start[t];
            }
        }
        for i in 1..n {
            for t in 0..N_TAGS {
                for p in 0..N_TAGS {
                    if tags::allowed(Some(p as u8), Some(t as u8)) {
                        let v = delta[(i - 1) * N_TAGS + p] + m.trans[p * N_TAGS + t];
                        if v > delta[i * N_TAGS + t] - scores[i * N_TAGS + t] {
                            delta[i * N_TAGS + t] = v + scores[i * N_TAGS + t];
                            back[i * N_TAGS + t] = p;
                        }
                    }
                }
            }
        }
        let mut best = (0, f32::NEG_INFINITY);
        for t in 0..N_TAGS {
            let v = delta[(n - 1) * N_TAGS + t] + m.end[t];
            if tags::allowed(Some(t as u8), None) && v > best.1 {
                best = (t, v);
            }
        }
        let mut out = vec![best.0 as u8; n];
        for i in (1..n).rev() {
            out[i - 1] = back[i * N_TAGS + out[i] as usize] as u8;
        }
        out
    }

    #[test]
    fn cached_scores_equal_the_plain_sum() {
        let m = crate::analysis::ner::bundled();
        let text = "President Vladimir Putin met Kim Jong-un in Pyongyang, North Korea. \
                    Putin said the talks with Kim went well. In Moscow, Yuri Ushakov agreed.\n\
                    The Labor party said Grant Shapps was wrong about Ukraine and Russia.";
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        for line in text.lines() {
            let words: Vec<&str> = tokenize(line)
                .iter()
                .map(|t| &line[t.range.clone()])
                .collect();
            m.tag(&words, &mut scratch, &mut out);
            let want = reference_scores(m, &words);
            for (a, b) in scratch.scores.iter().zip(&want) {
                assert!((a - b).abs() < 2e-2, "{a} vs {b}");
            }
            // The decoder agrees with a brute-force check of its own optimum's score.
            let mut delta = Vec::new();
            let mut again = Vec::new();
            viterbi(&want, &m.lattice, &mut delta, &mut again);
            assert_eq!(out, again);
            assert_eq!(out, plain_viterbi(&want, m));
            for w in out.windows(2) {
                assert!(tags::allowed(Some(w[0]), Some(w[1])));
            }
            assert!(tags::allowed(None, Some(out[0])));
            assert!(tags::allowed(out.last().copied(), None));
        }
    }
}
