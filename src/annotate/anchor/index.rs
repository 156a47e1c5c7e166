//! Code point ↔ byte offsets of one text, built once per `reanchor` call: targets count
//! code points (W3C), slicing needs bytes, and walking the text per target would make
//! 500 targets on a long article quadratic.

/// Byte offset of every code point of a text, plus the text's length at the end.
pub struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut starts = Vec::with_capacity(text.len() + 1);
        starts.extend(text.char_indices().map(|(i, _)| i));
        starts.push(text.len());
        CharIndex { starts }
    }

    /// Number of code points.
    pub fn chars(&self) -> usize {
        self.starts.len() - 1
    }

    /// Byte offset of code point `cp` (the text's length for `cp == chars()`).
    pub fn byte(&self, cp: usize) -> Option<usize> {
        self.starts.get(cp).copied()
    }

    /// Byte offset of `cp`, clamped to the end of the text.
    pub fn byte_clamped(&self, cp: usize) -> usize {
        self.starts[cp.min(self.chars())]
    }

    /// Code point index of the character starting at (or containing) byte `byte`.
    pub fn cp(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_both_ways_over_multibyte_characters() {
        let text = "aé😀b";
        let idx = CharIndex::new(text);
        assert_eq!(idx.chars(), 4);
        assert_eq!(idx.byte(0), Some(0));
        assert_eq!(idx.byte(2), Some(3));
        assert_eq!(idx.byte(3), Some(7));
        assert_eq!(idx.byte(4), Some(8));
        assert_eq!(idx.byte(5), None);
        assert_eq!(idx.cp(7), 3);
        assert_eq!(idx.cp(8), 4);
        assert_eq!(idx.cp(2), 1, "inside é");
    }
}
