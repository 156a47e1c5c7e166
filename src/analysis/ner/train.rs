//! Training: a structured averaged perceptron (Collins 2002) over the same features and
//! constrained Viterbi the runtime uses. Deterministic: the shuffle uses a fixed seed and
//! every map is iterated in sorted order before it affects the model.

use std::collections::HashMap;

use super::conll::{Document, Label, join_hyphens, spans_to_joined, strip_article};
use std::sync::Arc;

use super::features::{DocInfo, Extractor};
use super::gazetteer::Gazetteer;
use super::lattice::{Transitions, viterbi};
use super::model::Model;
use super::tags::{self, N_TAGS};
use crate::analysis::EntityKind;

/// One training sentence in runtime tokens, with gold BILOU tags.
pub struct Example {
    pub words: Vec<String>,
    pub tags: Vec<u8>,
    /// The evidence of the example's document (shared by its sentences).
    pub doc: Arc<DocInfo>,
}

/// Documents longer than this many sentences (the VOA file has no document breaks) are
/// read as pseudo-documents of [`PSEUDO_DOCUMENT`] consecutive sentences, about an article.
const LONG_DOCUMENT: usize = 200;
const PSEUDO_DOCUMENT: usize = 30;

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub epochs: usize,
    pub seed: u64,
    /// Averaged weights smaller than this (in absolute value) are dropped from the model.
    pub prune: f32,
    /// Features seen fewer times than this in the training text are left out (a feature
    /// seen once mostly memorises one sentence's silver label). 1 keeps all: measured, 2
    /// halves the table but costs ~0.005 F1 on the gold sets.
    pub min_count: u32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            epochs: 10,
            seed: 20240531,
            prune: 0.01,
            min_count: 1,
        }
    }
}

/// Training examples from CoNLL documents: hyphens re-joined, unscored types dropped.
pub fn examples(docs: &[Document]) -> Vec<Example> {
    let mut out = Vec::new();
    let chunk = |d: &Document| {
        if d.sentences.len() > LONG_DOCUMENT {
            PSEUDO_DOCUMENT
        } else {
            d.sentences.len().max(1)
        }
    };
    for part in docs.iter().flat_map(|d| d.sentences.chunks(chunk(d))) {
        let joined: Vec<_> = part.iter().map(|s| join_hyphens(&s.words)).collect();
        let mut info = DocInfo::default();
        for (words, _) in &joined {
            info.add(&words.iter().map(String::as_str).collect::<Vec<_>>());
        }
        let info = Arc::new(info);
        let mut labelled: Vec<(Vec<String>, Vec<Span>)> = part
            .iter()
            .zip(joined)
            .map(|(s, (words, map))| {
                let mut spans: Vec<Span> = spans_to_joined(&s.spans, &map)
                    .into_iter()
                    .filter_map(|(r, l)| match l {
                        Label::Kind(k) => Some((r, k)),
                        Label::Unscored => None,
                    })
                    .collect();
                strip_article(&words, &mut spans);
                (words, spans)
            })
            .collect();
        if CONSISTENT_LABELS {
            majority_labels(&mut labelled);
        }
        for (words, spans) in labelled {
            let tags = tags::encode(words.len(), &spans);
            out.push(Example {
                words,
                tags,
                doc: Arc::clone(&info),
            });
        }
    }
    out
}

type Span = (std::ops::Range<usize>, EntityKind);

/// Whether silver labels are made consistent within a document before training.
const CONSISTENT_LABELS: bool = true;

/// The teacher labels the same name differently within one article ("Trump" a person here,
/// an organization there). Within a document, every mention of a name text gets the kind
/// most of its mentions got (ties keep their own), for the name kinds; this removes label
/// noise the document pass would undo anyway.
fn majority_labels(sentences: &mut [(Vec<String>, Vec<Span>)]) {
    let is_name = |k: EntityKind| {
        matches!(
            k,
            EntityKind::Person | EntityKind::Organization | EntityKind::Place | EntityKind::Group
        )
    };
    let mut votes: HashMap<String, HashMap<EntityKind, usize>> = HashMap::new();
    for (words, spans) in sentences.iter() {
        for (r, k) in spans {
            if is_name(*k) {
                *votes
                    .entry(words[r.clone()].join(" "))
                    .or_default()
                    .entry(*k)
                    .or_default() += 1;
            }
        }
    }
    for (words, spans) in sentences.iter_mut() {
        for (r, k) in spans.iter_mut() {
            if !is_name(*k) {
                continue;
            }
            let Some(v) = votes.get(&words[r.clone()].join(" ")) else {
                continue;
            };
            let mine = v.get(k).copied().unwrap_or(0);
            // Deterministic: most votes, then the kind's order.
            if let Some((&best, &n)) = v
                .iter()
                .max_by_key(|&(kind, n)| (*n, std::cmp::Reverse(*kind)))
                && n > mine
            {
                *k = best;
            }
        }
    }
}

const N_TRANS: usize = N_TAGS * N_TAGS;
const START: usize = N_TRANS;
const END: usize = N_TRANS + N_TAGS;
const N_DENSE: usize = N_TRANS + 2 * N_TAGS;

/// Perceptron weights with lazy averaging: `total` holds the sum of each weight over all
/// steps up to `stamp`.
struct Params {
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u64>,
    /// For each feature id, its `(tag, param index)` pairs.
    rows: Vec<Vec<(u8, u32)>>,
    step: u64,
}

impl Params {
    fn new(n_features: usize) -> Params {
        Params {
            w: vec![0.0; N_DENSE],
            total: vec![0.0; N_DENSE],
            stamp: vec![0; N_DENSE],
            rows: vec![Vec::new(); n_features],
            step: 1,
        }
    }

    fn update(&mut self, p: usize, delta: f32) {
        self.total[p] += (self.step - self.stamp[p]) as f64 * self.w[p] as f64;
        self.stamp[p] = self.step;
        self.w[p] += delta;
    }

    fn feature_param(&mut self, fid: u32, tag: u8) -> usize {
        let row = &mut self.rows[fid as usize];
        if let Some(&(_, p)) = row.iter().find(|(t, _)| *t == tag) {
            return p as usize;
        }
        let p = self.w.len();
        row.push((tag, p as u32));
        self.w.push(0.0);
        self.total.push(0.0);
        self.stamp.push(self.step);
        p
    }

    fn averaged(&self, p: usize) -> f32 {
        let t = self.total[p] + (self.step - self.stamp[p]) as f64 * self.w[p] as f64;
        (t / self.step as f64) as f32
    }
}

/// Features of every example, interned to dense ids.
struct Interned {
    hashes: Vec<u64>,
    fids: Vec<u32>,
    /// Per example, per token: start into `fids` (one extra at the end of each example).
    offsets: Vec<Vec<u32>>,
}

fn intern(examples: &[Example], gaz: &Gazetteer, min_count: u32) -> Interned {
    let mut ids: HashMap<u64, u32> = HashMap::new();
    let mut hashes = Vec::new();
    let mut fids = Vec::new();
    let mut offsets: Vec<Vec<u32>> = Vec::with_capacity(examples.len());
    let mut x = Extractor::default();
    let (mut feats, mut offs) = (Vec::new(), Vec::new());
    for ex in examples {
        let words: Vec<&str> = ex.words.iter().map(String::as_str).collect();
        x.extract(&words, gaz, &ex.doc, &mut feats, &mut offs);
        let base = fids.len() as u32;
        offsets.push(offs.iter().map(|&o| base + o).collect());
        for &f in &feats {
            let id = *ids.entry(f).or_insert_with(|| {
                hashes.push(f);
                (hashes.len() - 1) as u32
            });
            fids.push(id);
        }
    }
    let mut counts = vec![0u32; hashes.len()];
    for &f in &fids {
        counts[f as usize] += 1;
    }
    // Renumber the kept features densely and rebuild the per-token runs without the rest.
    let mut renum = vec![u32::MAX; hashes.len()];
    let mut kept = Vec::new();
    for (f, &h) in hashes.iter().enumerate() {
        if counts[f] >= min_count {
            renum[f] = kept.len() as u32;
            kept.push(h);
        }
    }
    let mut new_fids = Vec::with_capacity(fids.len());
    for offs in &mut offsets {
        let old: Vec<u32> = offs.clone();
        for (i, o) in offs.iter_mut().enumerate() {
            *o = new_fids.len() as u32;
            if let Some(&end) = old.get(i + 1) {
                new_fids.extend(
                    fids[old[i] as usize..end as usize]
                        .iter()
                        .map(|&f| renum[f as usize])
                        .filter(|&f| f != u32::MAX),
                );
            }
        }
    }
    Interned {
        hashes: kept,
        fids: new_fids,
        offsets,
    }
}

/// xorshift64*, for a reproducible shuffle without a dependency.
fn shuffle(order: &mut [usize], seed: &mut u64) {
    for i in (1..order.len()).rev() {
        *seed ^= *seed >> 12;
        *seed ^= *seed << 25;
        *seed ^= *seed >> 27;
        let r = seed.wrapping_mul(0x2545_F491_4F6C_DD1D);
        order.swap(i, (r % (i as u64 + 1)) as usize);
    }
}

/// Trains a model. `on_epoch(epoch, model)` sees the averaged model after each epoch (e.g.
/// to print dev scores).
pub fn train(
    examples: &[Example],
    gazetteer: Gazetteer,
    cfg: Config,
    on_epoch: &mut dyn FnMut(usize, &Model),
) -> Model {
    let data = intern(examples, &gazetteer, cfg.min_count);
    let mut p = Params::new(data.hashes.len());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = cfg.seed.max(1);
    let (mut scores, mut delta, mut pred) = (Vec::new(), Vec::new(), Vec::new());
    let mut model = Model::default();
    for epoch in 1..=cfg.epochs {
        shuffle(&mut order, &mut seed);
        for &e in &order {
            let ex = &examples[e];
            let offs = &data.offsets[e];
            let n = ex.words.len();
            if n == 0 {
                continue;
            }
            scores.clear();
            scores.resize(n * N_TAGS, 0.0f32);
            for i in 0..n {
                for &fid in &data.fids[offs[i] as usize..offs[i + 1] as usize] {
                    for &(t, q) in &p.rows[fid as usize] {
                        scores[i * N_TAGS + t as usize] += p.w[q as usize];
                    }
                }
            }
            let tr = Transitions::new(&p.w[..N_TRANS], &p.w[START..END], &p.w[END..N_DENSE]);
            viterbi(&scores, &tr, &mut delta, &mut pred);
            if pred != ex.tags {
                let gold = &ex.tags;
                for i in 0..n {
                    if gold[i] != pred[i] {
                        for k in offs[i]..offs[i + 1] {
                            let fid = data.fids[k as usize];
                            let g = p.feature_param(fid, gold[i]);
                            p.update(g, 1.0);
                            let b = p.feature_param(fid, pred[i]);
                            p.update(b, -1.0);
                        }
                    }
                    if i > 0 && (gold[i - 1], gold[i]) != (pred[i - 1], pred[i]) {
                        p.update(gold[i - 1] as usize * N_TAGS + gold[i] as usize, 1.0);
                        p.update(pred[i - 1] as usize * N_TAGS + pred[i] as usize, -1.0);
                    }
                }
                if gold[0] != pred[0] {
                    p.update(START + gold[0] as usize, 1.0);
                    p.update(START + pred[0] as usize, -1.0);
                }
                if gold[n - 1] != pred[n - 1] {
                    p.update(END + gold[n - 1] as usize, 1.0);
                    p.update(END + pred[n - 1] as usize, -1.0);
                }
            }
            p.step += 1;
        }
        model = snapshot(&p, &data.hashes, gazetteer.clone(), cfg.prune);
        on_epoch(epoch, &model);
    }
    model
}

fn snapshot(p: &Params, hashes: &[u64], gazetteer: Gazetteer, prune: f32) -> Model {
    let dense: Vec<f32> = (0..N_DENSE).map(|q| p.averaged(q)).collect();
    let mut weights = Vec::new();
    for (fid, row) in p.rows.iter().enumerate() {
        let mut entries: Vec<(u8, f32)> = row
            .iter()
            .map(|&(t, q)| (t, p.averaged(q as usize)))
            .filter(|(_, w)| w.abs() >= prune)
            .collect();
        if !entries.is_empty() {
            entries.sort_by_key(|(t, _)| *t);
            weights.push((hashes[fid], entries));
        }
    }
    Model::from_parts(
        weights,
        dense[..N_TRANS].to_vec(),
        dense[START..END].to_vec(),
        dense[END..N_DENSE].to_vec(),
        gazetteer,
    )
}

/// The `max` most frequent word forms of the training text seen at least twice (ties in
/// text order), for [`Model::set_vocabulary`].
pub fn vocabulary(examples: &[Example], max: usize) -> Vec<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for w in examples.iter().flat_map(|e| &e.words) {
        let n = counts.len();
        counts.entry(w).or_insert((0, n)).0 += 1;
    }
    let mut words: Vec<(&str, (usize, usize))> =
        counts.into_iter().filter(|(_, (n, _))| *n >= 2).collect();
    words.sort_by_key(|&(_, (n, first))| (std::cmp::Reverse(n), first));
    words
        .into_iter()
        .take(max)
        .map(|(w, _)| w.to_string())
        .collect()
}
