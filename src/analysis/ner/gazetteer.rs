//! Gazetteers (lists of countries, cities, demonyms, first names…) as a hash table of token
//! sequences. Entries are tokenized with the runtime tokenizer when the model is built, and
//! the table is stored in the model file, so the program never parses the lists itself.

use super::hash::{finish, hash_bytes, mix};
use crate::analysis::tokenize::tokenize;

/// Categories, one bit each.
pub const COUNTRY: u8 = 1;
pub const CITY: u8 = 2;
pub const REGION: u8 = 4;
pub const DEMONYM: u8 = 8;
pub const FIRST_NAME: u8 = 16;
/// Marks a sequence that is a proper prefix of a longer entry (so matching goes on).
pub const PREFIX: u8 = 128;

/// The longest entry matched, in tokens.
pub const MAX_LEN: usize = 5;

/// Open-addressing table: token-sequence hash → category bits.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub(crate) keys: Vec<u64>,
    pub(crate) flags: Vec<u8>,
}

const SEED: u64 = 0x6761_7a65_7474_6565;

/// The running hash of a token sequence after adding `word`.
#[inline]
pub fn extend(h: u64, word: &str) -> u64 {
    mix(h, word_hash(word))
}

/// The hash of one word that [`Gazetteer::matches_hashed`] takes.
#[inline]
pub fn word_hash(word: &str) -> u64 {
    hash_bytes(SEED, word.as_bytes())
}

impl Gazetteer {
    /// Builds the table from `(category, entry)` pairs.
    pub fn build<'a>(entries: impl IntoIterator<Item = (u8, &'a str)>) -> Gazetteer {
        let mut map: std::collections::HashMap<u64, u8> = std::collections::HashMap::new();
        for (cat, entry) in entries {
            let toks = tokenize(entry);
            if toks.is_empty() || toks.len() > MAX_LEN {
                continue;
            }
            let mut h = SEED;
            for (i, t) in toks.iter().enumerate() {
                h = extend(h, &entry[t.range.clone()]);
                let bits = if i + 1 == toks.len() { cat } else { PREFIX };
                *map.entry(finish(h)).or_insert(0) |= bits;
            }
        }
        let cap = (map.len() * 2).next_power_of_two().max(16);
        let mut keys = vec![0u64; cap];
        let mut flags = vec![0u8; cap];
        let mut sorted: Vec<(u64, u8)> = map.into_iter().collect();
        sorted.sort_unstable();
        for (k, f) in sorted {
            let mut i = k as usize & (cap - 1);
            while keys[i] != 0 {
                i = (i + 1) & (cap - 1);
            }
            keys[i] = k;
            flags[i] = f;
        }
        Gazetteer { keys, flags }
    }

    /// Category bits (and [`PREFIX`]) of the sequence whose running hash is `h`.
    #[inline]
    pub fn get(&self, h: u64) -> u8 {
        if self.keys.is_empty() {
            return 0;
        }
        let key = finish(h);
        let mask = self.keys.len() - 1;
        let mut i = key as usize & mask;
        loop {
            let k = self.keys[i];
            if k == key {
                return self.flags[i];
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }

    /// Category bits of a one-word entry.
    pub fn word(&self, word: &str) -> u8 {
        self.get(extend(SEED, word)) & !PREFIX
    }

    /// The longest entry starting at each token: `(length, category bits)`, 0 length if none.
    pub fn matches(&self, words: &[&str], out: &mut Vec<(u8, u8)>) {
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        self.matches_hashed(&hashes, out);
    }

    /// [`Gazetteer::matches`] over the [`word_hash`]es of the words.
    pub fn matches_hashed(&self, words: &[u64], out: &mut Vec<(u8, u8)>) {
        out.clear();
        out.resize(words.len(), (0, 0));
        if self.keys.is_empty() {
            return;
        }
        for i in 0..words.len() {
            let mut h = SEED;
            for len in 1..=MAX_LEN.min(words.len() - i) {
                h = mix(h, words[i + len - 1]);
                let f = self.get(h);
                if f & !PREFIX != 0 {
                    out[i] = (len as u8, f & !PREFIX);
                }
                if f & PREFIX == 0 {
                    break;
                }
            }
        }
    }
}
