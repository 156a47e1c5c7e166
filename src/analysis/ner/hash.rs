//! Feature hashing: every feature is a 64-bit hash, so extraction allocates nothing and the
//! weight table is keyed by integers. Collisions at 64 bits are negligible for a few million
//! features. The hash is fixed here (not `std`'s randomised one) because it is part of the
//! model file format.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Mixes `x` into `h` (order-sensitive).
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(23) ^ x).wrapping_mul(K)
}

/// Hashes `s` on top of `seed`, eight bytes at a time.
#[inline]
pub fn hash_bytes(seed: u64, s: &[u8]) -> u64 {
    let mut h = mix(seed, s.len() as u64);
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(b));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(b));
    }
    h
}

/// Final avalanche (splitmix64), so the low bits index an open-addressing table well.
/// Never returns 0, which marks an empty slot.
#[inline]
pub fn finish(h: u64) -> u64 {
    let mut z = h;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    if z == 0 { 1 } else { z }
}

/// A hasher for keys that are already hashes: the key itself is the hash.
#[derive(Clone, Copy, Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// A `HashMap` keyed by precomputed hashes.
pub type HashedMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;
