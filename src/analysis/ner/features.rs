//! Hand-made token features, hashed. For each token: the word and its lower case, shape,
//! prefixes and suffixes, a ±2 window of words and shapes, gazetteer matches (with the
//! token's BILU position inside the match), title words before it ("President", "Mr"),
//! and whether it starts a sentence. Per-token pieces are hashed once and the window
//! features only mix those hashes, which keeps extraction cheap.

use super::gazetteer::{self, Gazetteer};
use super::hash::{HashedMap, finish, hash_bytes, mix};

/// Document evidence about capitalised words: a sentence-initial "Defense" that the article
/// writes "defense" elsewhere is a common word; one it writes capitalised mid-sentence is a
/// name. Filled from every sentence of the document before tagging.
#[derive(Clone, Debug, Default)]
pub struct DocInfo {
    /// Lower-case hashes of words written lower-case somewhere.
    lower: HashedMap<()>,
    /// Word hashes of capitalised words written mid-sentence somewhere.
    cap_mid: HashedMap<()>,
    lower_buf: String,
}

/// [`DocInfo::flags`] bits.
pub const DOC_LOWER_ELSEWHERE: u8 = 1;
pub const DOC_CAPITALISED_MID_SENTENCE: u8 = 2;

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

impl DocInfo {
    /// Forgets everything (a new document).
    pub fn clear(&mut self) {
        self.lower.clear();
        self.cap_mid.clear();
    }

    /// Adds one sentence (or block) of the document.
    pub fn add(&mut self, words: &[&str]) {
        for (i, w) in words.iter().enumerate() {
            let Some(c) = w.chars().next() else { continue };
            if c.is_lowercase() {
                normalise(w, &mut self.lower_buf);
                self.lower
                    .insert(hash_bytes(1, self.lower_buf.as_bytes()), ());
            } else if c.is_uppercase() && !sentence_initial(words, i) {
                self.cap_mid.insert(hash_bytes(3, w.as_bytes()), ());
            }
        }
    }

    /// The evidence bits for word `w` with pieces `b` (0 unless `w` is capitalised).
    pub fn flags(&self, w: &str, b: &Base) -> u8 {
        if !starts_upper(w) {
            return 0;
        }
        let mut f = 0;
        if self.lower.contains_key(&b.lower) {
            f |= DOC_LOWER_ELSEWHERE;
        }
        if self.cap_mid.contains_key(&b.word) {
            f |= DOC_CAPITALISED_MID_SENTENCE;
        }
        // Capitalised at all: tells "no evidence" apart from "not capitalised".
        f | 4
    }
}

/// Per-token hashed pieces the window features are built from. Everything but `gaz` and
/// `gaz_pos` depends on the word form alone (see [`Base::of`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct Base {
    pub lower: u64,
    pub word: u64,
    pub suf3: u64,
    pub shape: u64,
    /// Gazetteer category bits of the match covering the token, and its position there.
    pub gaz: u8,
    pub gaz_pos: u8,
    pub title: bool,
    /// What the rest of the document says about this capitalised word ([`DocInfo`]).
    pub doc: u8,
}

/// The stand-in for a neighbour beyond the sentence edge.
pub const PAD_BASE: Base = Base {
    lower: PAD,
    word: PAD,
    suf3: PAD,
    shape: PAD,
    gaz: 0,
    gaz_pos: 0,
    title: false,
    doc: 0,
};

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
    pub const DOC: u64 = 37;
    pub const DOC_S0: u64 = 38;
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
pub fn sentence_initial(words: &[&str], i: usize) -> bool {
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

/// Features of a word as the neighbour of the token being tagged, by role: left (`M1`),
/// right (`P1`), two left (`M2`), two right (`P2`). They depend on the word form alone.
pub const ROLES: usize = 4;
/// Most features a word contributes in one role.
pub const ROLE_FEATURES: usize = 4;

impl Base {
    /// The word-form pieces of `w` (`gaz` left empty); `lower`/`shape` are scratch buffers
    /// left holding the normalised lower case and shape.
    pub fn of(w: &str, lower: &mut String, shape_buf: &mut String) -> Base {
        normalise(w, lower);
        shape(w, shape_buf);
        Base {
            lower: hash_bytes(1, lower.as_bytes()),
            word: hash_bytes(3, w.as_bytes()),
            suf3: hash_bytes(5, suffix(lower, 3).as_bytes()),
            shape: hash_bytes(2, shape_buf.as_bytes()),
            gaz: 0,
            gaz_pos: 0,
            title: TITLES.contains(&lower.as_str()),
            doc: 0,
        }
    }

    /// The features this word gives the token at `role` distance from it ([`ROLES`]);
    /// zero marks an unused place.
    pub fn role_features(&self) -> [[u64; ROLE_FEATURES]; ROLES] {
        [
            [
                feat(t::W_M1, self.word),
                feat(t::SUF3_M1, self.suf3),
                feat(t::L_M1, self.lower),
                feat(t::S_M1, self.shape),
            ],
            [
                feat(t::W_P1, self.word),
                feat(t::SUF3_P1, self.suf3),
                feat(t::L_P1, self.lower),
                feat(t::S_P1, self.shape),
            ],
            [feat(t::L_M2, self.lower), 0, 0, 0],
            [feat(t::L_P2, self.lower), 0, 0, 0],
        ]
    }
}

/// The features of word `w` on its own (its form, shape, affixes), given its [`Base`] and
/// its normalised lower case.
pub fn own_features(w: &str, b: &Base, lower: &str, out: &mut Vec<u64>) {
    out.push(feat(t::BIAS, 0));
    out.push(feat(t::LOWER, b.lower));
    out.push(feat(t::WORD, b.word));
    // Parts of hyphenated words ("Yu-hwan", "Russian-backed"): the runtime keeps them
    // whole, so their halves are the evidence that generalises.
    if let Some((first, last)) = lower
        .split_once('-')
        .map(|(a, _)| a)
        .zip(lower.rsplit_once('-').map(|(_, b)| b))
    {
        out.push(feat(t::HYPH_FIRST, hash_bytes(1, first.as_bytes())));
        out.push(feat(t::HYPH_LAST, hash_bytes(1, last.as_bytes())));
    }
    out.push(feat(t::SHAPE, b.shape));
    out.push(feat(t::PRE2, hash_bytes(4, prefix(lower, 2).as_bytes())));
    out.push(feat(t::PRE3, hash_bytes(4, prefix(lower, 3).as_bytes())));
    out.push(feat(t::SUF2, hash_bytes(5, suffix(lower, 2).as_bytes())));
    out.push(feat(t::SUF3, b.suf3));
    out.push(feat(t::SUF4, hash_bytes(5, suffix(lower, 4).as_bytes())));
    let len = w.chars().count().min(8) as u64;
    out.push(feat(t::LEN_SHAPE, mix(len, b.shape)));
}

/// What the context features of a token depend on besides the word forms: shapes, titles,
/// gazetteer matches and sentence start. Tokens with equal keys share those features.
pub fn context_key(m2: &Base, m1: &Base, b0: &Base, p1: &Base, first: bool) -> u64 {
    let flags = (m1.title as u64)
        | (m2.title as u64) << 1
        | (first as u64) << 2
        | (m1.gaz as u64) << 8
        | (b0.gaz as u64) << 16
        | (b0.gaz_pos as u64) << 24
        | (p1.gaz as u64) << 32
        | (b0.doc as u64) << 40;
    finish(mix(mix(mix(flags, m1.shape), b0.shape), p1.shape))
}

/// Context features that depend on shapes, titles, gazetteer matches and sentence start
/// (everything [`context_key`] covers).
pub fn context_features(
    m2: &Base,
    m1: &Base,
    b0: &Base,
    p1: &Base,
    first: bool,
    out: &mut Vec<u64>,
) {
    out.push(feat(t::SS_M1, mix(m1.shape, b0.shape)));
    out.push(feat(t::SS_P1, mix(b0.shape, p1.shape)));
    out.push(feat(t::SSS, mix(mix(m1.shape, b0.shape), p1.shape)));
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
    if first {
        out.push(feat(t::FIRST_SHAPE, b0.shape));
    }
    if b0.doc != 0 {
        let d = b0.doc as u64 | (first as u64) << 4;
        out.push(feat(t::DOC, d));
        out.push(feat(t::DOC_S0, mix(d, b0.shape)));
    }
}

/// Word-pair features (looked up per token, never shared).
pub const PAIR_FEATURES: usize = 4;

/// The word-pair features of a token.
#[inline]
pub fn pair_features(m1: &Base, b0: &Base, p1: &Base) -> [u64; PAIR_FEATURES] {
    [
        feat(t::LL_M1, mix(m1.lower, b0.lower)),
        feat(t::LL_P1, mix(b0.lower, p1.lower)),
        feat(t::LM1_S0, mix(m1.lower, b0.shape)),
        feat(t::S0_LP1, mix(b0.shape, p1.lower)),
    ]
}

/// Spreads gazetteer matches (`(length, category)` per start token, longest first wins)
/// over the tokens they cover.
pub fn spread_matches(matches: &[(u8, u8)], base: &mut [Base]) {
    let mut covered = 0;
    for i in 0..matches.len() {
        let (len, cat) = matches[i];
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
                base[i + k].gaz = cat;
                base[i + k].gaz_pos = pos;
            }
            covered = i + len;
        }
    }
}

/// The neighbour of `i` at `offset`, or the pad.
#[inline]
pub fn neighbour(base: &[Base], i: usize, offset: isize) -> &Base {
    let j = i as isize + offset;
    if j < 0 || j as usize >= base.len() {
        &PAD_BASE
    } else {
        &base[j as usize]
    }
}

impl Extractor {
    /// The features of every token of `words`: `out[offsets[i]..offsets[i + 1]]` are the
    /// features of token `i`. This is the reference the trainer uses; the runtime
    /// ([`super::model::Model::tag`]) computes the same sums with per-document caches.
    pub fn extract(
        &mut self,
        words: &[&str],
        gaz: &Gazetteer,
        doc: &DocInfo,
        out: &mut Vec<u64>,
        offsets: &mut Vec<u32>,
    ) {
        out.clear();
        offsets.clear();
        self.base.clear();
        for w in words {
            let mut b = Base::of(w, &mut self.lower, &mut self.shape);
            b.doc = doc.flags(w, &b);
            self.base.push(b);
        }
        gaz.matches(words, &mut self.matches);
        spread_matches(&self.matches, &mut self.base);
        for (i, w) in words.iter().enumerate() {
            offsets.push(out.len() as u32);
            let base = &self.base;
            let (b0, m1, m2, p1, p2) = (
                &base[i],
                neighbour(base, i, -1),
                neighbour(base, i, -2),
                neighbour(base, i, 1),
                neighbour(base, i, 2),
            );
            normalise(w, &mut self.lower);
            own_features(w, b0, &self.lower, out);
            for (role, nb) in [m1, p1, m2, p2].into_iter().enumerate() {
                out.extend(nb.role_features()[role].iter().filter(|&&f| f != 0));
            }
            context_features(m2, m1, b0, p1, sentence_initial(words, i), out);
            out.extend(pair_features(m1, b0, p1));
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
        let doc = DocInfo::default();
        x.extract(&["In", "North", "Korea", "."], &gaz, &doc, &mut a, &mut oa);
        x.extract(&["In", "North", "Korea", "."], &gaz, &doc, &mut b, &mut ob);
        assert_eq!(a, b);
        assert_eq!(oa.len(), 5);
        assert!(sentence_initial(&["In"], 0));
        assert!(!sentence_initial(&["In", "North"], 1));
    }
}
