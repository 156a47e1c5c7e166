//! Tests of the model: the table, cached scores against a plain sum, decoding.

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
