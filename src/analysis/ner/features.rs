//! Hand-made token features, hashed. For each token: the word and its lower case, shape,
//! prefixes and suffixes, a ±2 window of words and shapes, gazetteer matches (with the
//! token's BILU position inside the match), title words before it ("President", "Mr"),
//! and whether it starts a sentence. Per-token pieces are hashed once and the window
//! features only mix those hashes, which keeps extraction cheap.

use super::gazetteer::{self, Gazetteer};
use super::hash::{finish, hash_bytes, mix};

/// Per-token hashed pieces the window features are built from.
#[derive(Clone, Copy, Default)]
struct Base {
    lower: u64,
    word: u64,
    suf3: u64,
    shape: u64,
    /// Gazetteer category bits of the match covering the token, and its position there.
    gaz: u8,
    gaz_pos: u8,
    title: bool,
}

/// Reusable buffers, so tagging allocates nothing per sentence once warm.
#[derive(Default)]
pub struct Extractor {
    base: Vec<Base>,
    matches: Vec<(u8, u8)>,
    lower: String,
    shape: String,
}

/// Words that announce a person's name after them.
const TITLES: &[&str] = &[
    "president",
    "minister",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prime",
    "secretary",
    "chancellor",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "governor",
    "general",
    "gen.",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chairman",
    "chairwoman",
    "ceo",
    "director",
    "professor",
    "prof.",
    "judge",
    "justice",
    "mayor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "advisor",
    "adviser",
    "lt.",
    "col.",
    "capt.",
    "sgt.",
    "rev.",
    "sir",
    "lord",
    "lady",
    "dame",
    "commissioner",
    "coach",
    "actor",
    "actress",
    "singer",
    "author",
    "writer",
    "captain",
    "colonel",
    "lieutenant",
    "sergeant",
    "officer",
    "detective",
    "chief",
    "deputy",
    "vice",
    "premier",
    "emperor",
    "sheikh",
    "ayatollah",
    "cardinal",
    "bishop",
    "archbishop",
    "rabbi",
    "imam",
    "father",
    "saint",
    "st.",
    "player",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "manager",
    "founder",
    "analyst",
    "economist",
    "spokesman",
    "envoy",
    "diplomat",
    "congressman",
    "congresswoman",
];

/// Template ids: mixed into each feature so equal strings in different roles differ.
mod t {
    pub const BIAS: u64 = 1;
    pub const LOWER: u64 = 2;
    pub const WORD: u64 = 3;
    pub const SHAPE: u64 = 4;
    pub const PRE2: u64 = 5;
    pub const PRE3: u64 = 6;
    pub const SUF2: u64 = 7;
    pub const SUF3: u64 = 8;
    pub const SUF4: u64 = 9;
    pub const L_M1: u64 = 10;
    pub const L_P1: u64 = 11;
    pub const L_M2: u64 = 12;
    pub const L_P2: u64 = 13;
    pub const S_M1: u64 = 14;
    pub const S_P1: u64 = 15;
    pub const LL_M1: u64 = 16;
    pub const LL_P1: u64 = 17;
    pub const SS_M1: u64 = 18;
    pub const SS_P1: u64 = 19;
    pub const SSS: u64 = 20;
    pub const GAZ: u64 = 21;
    pub const GAZ_M1: u64 = 22;
    pub const GAZ_P1: u64 = 23;
    pub const TITLE_M1: u64 = 24;
    pub const TITLE_M2: u64 = 25;
    pub const FIRST_SHAPE: u64 = 26;
    pub const LM1_S0: u64 = 27;
    pub const S0_LP1: u64 = 28;
    pub const GAZ_S0: u64 = 29;
    pub const LEN_SHAPE: u64 = 30;
    pub const W_M1: u64 = 31;
    pub const W_P1: u64 = 32;
    pub const SUF3_M1: u64 = 33;
    pub const SUF3_P1: u64 = 34;
    pub const HYPH_FIRST: u64 = 35;
    pub const HYPH_LAST: u64 = 36;
}

const PAD: u64 = 0x5AD5_AD5A_D5AD_5AD5;

#[inline]
fn feat(template: u64, x: u64) -> u64 {
    finish(mix(template.wrapping_mul(0x2545_F491_4F6C_DD1D), x))
}

/// Lower-cases `w` into `out`, folding curly apostrophes and quotes to straight ones.
fn normalise(w: &str, out: &mut String) {
    out.clear();
    for c in w.chars() {
        match c {
            '’' | '‘' | 'ʼ' | '`' => out.push('\''),
            '“' | '”' | '„' | '«' | '»' => out.push('"'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Word shape with runs collapsed: `Putin` → `Xx`, `U.S.` → `X.X.`, `1,000` → `d,d`.
fn shape(w: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            match c {
                '’' | 'ʼ' => '\'',
                '“' | '”' | '„' | '«' | '»' => '"',
                c => c,
            }
        };
        if s != last {
            out.push(s);
            last = s;
        }
    }
}

fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn suffix(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    match s.char_indices().nth(count - n) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// Whether token `i` starts a sentence (first, or after `.`/`!`/`?`/`:` or an opening quote
/// at a sentence start).
fn sentence_initial(words: &[&str], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        let p = words[j - 1];
        if matches!(p, "“" | "\"" | "‘" | "(" | "«" | "'" | "„") {
            j -= 1;
            continue;
        }
        return matches!(
            p,
            "." | "!" | "?" | ":" | ";" | "..." | "…" | "—" | "–" | "|"
        );
    }
    true
}

impl Extractor {
    /// The features of every token of `words`: `out[offsets[i]..offsets[i + 1]]` are the
    /// features of token `i`.
    pub fn extract(
        &mut self,
        words: &[&str],
        gaz: &Gazetteer,
        out: &mut Vec<u64>,
        offsets: &mut Vec<u32>,
    ) {
        out.clear();
        offsets.clear();
        let n = words.len();
        self.base.clear();
        self.base.resize(n, Base::default());
        gaz.matches(words, &mut self.matches);
        // Spread each gazetteer match over its tokens, longest first wins.
        let mut covered = 0;
        for i in 0..n {
            let (len, cat) = self.matches[i];
            if len > 0 && i >= covered {
                let len = len as usize;
                for k in 0..len {
                    let pos = if len == 1 {
                        3
                    } else if k == 0 {
                        0
                    } else if k + 1 == len {
                        2
                    } else {
                        1
                    };
                    self.base[i + k].gaz = cat;
                    self.base[i + k].gaz_pos = pos;
                }
                covered = i + len;
            }
        }
        for (i, w) in words.iter().enumerate() {
            normalise(w, &mut self.lower);
            shape(w, &mut self.shape);
            let b = &mut self.base[i];
            b.lower = hash_bytes(1, self.lower.as_bytes());
            b.word = hash_bytes(3, w.as_bytes());
            b.suf3 = hash_bytes(5, suffix(&self.lower, 3).as_bytes());
            b.shape = hash_bytes(2, self.shape.as_bytes());
            b.title = TITLES.contains(&self.lower.as_str());
        }
        let get = |base: &[Base], i: isize| -> Base {
            if i < 0 || i as usize >= base.len() {
                Base {
                    lower: PAD,
                    word: PAD,
                    suf3: PAD,
                    shape: PAD,
                    gaz: 0,
                    gaz_pos: 0,
                    title: false,
                }
            } else {
                base[i as usize]
            }
        };
        for (i, w) in words.iter().enumerate() {
            offsets.push(out.len() as u32);
            let ii = i as isize;
            let b0 = self.base[i];
            let m1 = get(&self.base, ii - 1);
            let m2 = get(&self.base, ii - 2);
            let p1 = get(&self.base, ii + 1);
            let p2 = get(&self.base, ii + 2);
            normalise(w, &mut self.lower);
            let lower = self.lower.as_str();
            out.push(feat(t::BIAS, 0));
            out.push(feat(t::LOWER, b0.lower));
            out.push(feat(t::WORD, b0.word));
            out.push(feat(t::W_M1, m1.word));
            out.push(feat(t::W_P1, p1.word));
            out.push(feat(t::SUF3_M1, m1.suf3));
            out.push(feat(t::SUF3_P1, p1.suf3));
            // Parts of hyphenated words ("Yu-hwan", "Russian-backed"): the runtime keeps
            // them whole, so their halves are the evidence that generalises.
            if let Some((first, last)) = lower
                .split_once('-')
                .map(|(a, _)| a)
                .zip(lower.rsplit_once('-').map(|(_, b)| b))
            {
                out.push(feat(t::HYPH_FIRST, hash_bytes(1, first.as_bytes())));
                out.push(feat(t::HYPH_LAST, hash_bytes(1, last.as_bytes())));
            }
            out.push(feat(t::SHAPE, b0.shape));
            out.push(feat(t::PRE2, hash_bytes(4, prefix(lower, 2).as_bytes())));
            out.push(feat(t::PRE3, hash_bytes(4, prefix(lower, 3).as_bytes())));
            out.push(feat(t::SUF2, hash_bytes(5, suffix(lower, 2).as_bytes())));
            out.push(feat(t::SUF3, hash_bytes(5, suffix(lower, 3).as_bytes())));
            out.push(feat(t::SUF4, hash_bytes(5, suffix(lower, 4).as_bytes())));
            out.push(feat(t::L_M1, m1.lower));
            out.push(feat(t::L_P1, p1.lower));
            out.push(feat(t::L_M2, m2.lower));
            out.push(feat(t::L_P2, p2.lower));
            out.push(feat(t::S_M1, m1.shape));
            out.push(feat(t::S_P1, p1.shape));
            out.push(feat(t::LL_M1, mix(m1.lower, b0.lower)));
            out.push(feat(t::LL_P1, mix(b0.lower, p1.lower)));
            out.push(feat(t::SS_M1, mix(m1.shape, b0.shape)));
            out.push(feat(t::SS_P1, mix(b0.shape, p1.shape)));
            out.push(feat(t::SSS, mix(mix(m1.shape, b0.shape), p1.shape)));
            out.push(feat(t::LM1_S0, mix(m1.lower, b0.shape)));
            out.push(feat(t::S0_LP1, mix(b0.shape, p1.lower)));
            let len = w.chars().count().min(8) as u64;
            out.push(feat(t::LEN_SHAPE, mix(len, b0.shape)));
            for bit in [
                gazetteer::COUNTRY,
                gazetteer::CITY,
                gazetteer::REGION,
                gazetteer::DEMONYM,
                gazetteer::FIRST_NAME,
            ] {
                if b0.gaz & bit != 0 {
                    out.push(feat(t::GAZ, (bit as u64) << 8 | b0.gaz_pos as u64));
                    out.push(feat(t::GAZ_S0, mix(bit as u64, b0.shape)));
                }
                if m1.gaz & bit != 0 {
                    out.push(feat(t::GAZ_M1, bit as u64));
                }
                if p1.gaz & bit != 0 {
                    out.push(feat(t::GAZ_P1, bit as u64));
                }
            }
            if m1.title {
                out.push(feat(t::TITLE_M1, b0.shape));
            }
            if m2.title {
                out.push(feat(t::TITLE_M2, b0.shape));
            }
            if sentence_initial(words, i) {
                out.push(feat(t::FIRST_SHAPE, b0.shape));
            }
        }
        offsets.push(out.len() as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        let mut s = String::new();
        shape("Putin", &mut s);
        assert_eq!(s, "Xx");
        shape("U.S.", &mut s);
        assert_eq!(s, "X.X.");
        shape("Jong-un", &mut s);
        assert_eq!(s, "Xx-x");
        assert_eq!(prefix("mikhaílo", 6), "mikhaí");
        assert_eq!(suffix("mikhaílo", 3), "ílo");
        assert_eq!(suffix("ab", 3), "ab");
    }

    #[test]
    fn features_are_deterministic_and_windowed() {
        let gaz = Gazetteer::build([(gazetteer::COUNTRY, "North Korea")]);
        let mut x = Extractor::default();
        let (mut a, mut oa) = (Vec::new(), Vec::new());
        let (mut b, mut ob) = (Vec::new(), Vec::new());
        x.extract(&["In", "North", "Korea", "."], &gaz, &mut a, &mut oa);
        x.extract(&["In", "North", "Korea", "."], &gaz, &mut b, &mut ob);
        assert_eq!(a, b);
        assert_eq!(oa.len(), 5);
        assert!(sentence_initial(&["In"], 0));
        assert!(!sentence_initial(&["In", "North"], 1));
    }
}
