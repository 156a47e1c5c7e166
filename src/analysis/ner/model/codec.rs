//! The model file: serialising the tables and reading them back (layout in the parent
//! module's docs).

use super::*;

impl Model {
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
