//! The benchmark's scoreboard: each result judged against the truth, per scenario.

use std::ops::Range;

use lede::annotate::anchor::{Found, reanchor};
use lede::annotate::{Status, Target};

use crate::edits::{Edit, apply};

#[derive(Default, Clone, Copy)]
struct Row {
    n: usize,
    correct: usize,
    review_ok: usize,
    review_bad: usize,
    orphan: usize,
    wrong: usize,
    /// Anchored at the right place although the truth is "gone" or "mostly rewritten".
    anchored_but_unsure: usize,
}

#[derive(Default)]
pub struct Table {
    rows: Vec<(String, bool, Row)>,
}

impl Table {
    fn row(&mut self, name: &str, with_old: bool) -> &mut Row {
        let i = match self
            .rows
            .iter()
            .position(|(n, w, _)| n == name && *w == with_old)
        {
            Some(i) => i,
            None => {
                self.rows.push((name.to_string(), with_old, Row::default()));
                self.rows.len() - 1
            }
        };
        &mut self.rows[i].2
    }

    /// Re-anchors `quotes` of `old` after `edits`, with and without the old text.
    pub fn run(&mut self, name: &str, old: &str, edits: Vec<Edit>, quotes: &[Range<usize>]) {
        let (new, truth) = apply(old, edits, quotes);
        let targets: Vec<Target> = quotes
            .iter()
            .map(|q| Target::capture(old, q.clone()))
            .collect();
        let rewritten = name.starts_with('8');
        for with_old in [true, false] {
            let found = reanchor(with_old.then_some(old), &new, &targets);
            for (f, t) in found.iter().zip(&truth) {
                let row = self.row(name, with_old);
                row.n += 1;
                judge(row, f.as_ref(), t.as_ref(), &new, rewritten);
            }
        }
    }

    pub fn print(&self) {
        for with_old in [true, false] {
            let title = if with_old {
                "with the old text (diff available)"
            } else {
                "without the old text"
            };
            println!("{title}");
            let head = [
                "n",
                "correct",
                "review ok",
                "review bad",
                "orphan",
                "WRONG",
                "correct%",
                "located%",
            ];
            println!(
                "{:<30}{}",
                "scenario",
                head.map(|h| format!("{h:>11}")).concat()
            );
            let mut total = Row::default();
            for (name, _, r) in self.rows.iter().filter(|(_, w, _)| *w == with_old) {
                // Where the quote's passage is gone or rewritten, orphan or review is right.
                let gone = name.starts_with("4b") || name.starts_with('8');
                let good = if gone {
                    r.orphan + r.review_ok + r.review_bad
                } else {
                    r.correct
                };
                let note = match r.anchored_but_unsure {
                    0 => String::new(),
                    n => format!("  ({n} anchored on a rewritten quote)"),
                };
                println!(
                    "{name:<30}{}{}{}{note}",
                    r.counts(),
                    pct(good, r.n),
                    pct(r.correct + r.review_ok, r.n)
                );
                total.add(r);
            }
            let silent = format!(
                "{:>21}",
                format!(
                    "silent wrong {:.2}%",
                    100.0 * total.wrong as f64 / total.n.max(1) as f64
                )
            );
            println!("{:<30}{}{silent}\n", "all", total.counts());
        }
        println!(
            "correct: anchored on >= 90% (intersection over union) of the truth; for 4b and 8, where"
        );
        println!(
            "the passage is gone or rewritten: orphan or review. review ok/bad: NeedsReview on/off the"
        );
        println!(
            "truth. WRONG: anchored off the truth, silently. located%: on the truth, anchored or review.\n"
        );
    }
}

impl Row {
    fn counts(&self) -> String {
        [
            self.n,
            self.correct,
            self.review_ok,
            self.review_bad,
            self.orphan,
            self.wrong,
        ]
        .map(|x| format!("{x:>11}"))
        .concat()
    }

    fn add(&mut self, r: &Row) {
        self.n += r.n;
        self.correct += r.correct;
        self.review_ok += r.review_ok;
        self.review_bad += r.review_bad;
        self.orphan += r.orphan;
        self.wrong += r.wrong;
    }
}

fn pct(part: usize, n: usize) -> String {
    format!("{:>10.1}%", 100.0 * part as f64 / n.max(1) as f64)
}

fn judge(
    row: &mut Row,
    found: Option<&Found>,
    truth: Option<&Range<usize>>,
    new: &str,
    rewritten: bool,
) {
    let Some(f) = found else {
        row.orphan += 1;
        return;
    };
    let range = byte_range(new, &f.target);
    let right = truth.is_some_and(|t| overlap(&range, t) >= 0.9);
    match (f.status, right) {
        (Status::NeedsReview, true) => row.review_ok += 1,
        (Status::NeedsReview, false) | (Status::Orphan, _) => row.review_bad += 1,
        (Status::Anchored, true) if rewritten => row.anchored_but_unsure += 1,
        (Status::Anchored, true) => row.correct += 1,
        (Status::Anchored, false) => {
            row.wrong += 1;
            // LEDE_ANCHOR_WRONG=1 shows each silent mistake, for working on the matcher.
            if std::env::var_os("LEDE_ANCHOR_WRONG").is_some() {
                let shown = |r: &Range<usize>| new.get(r.clone()).unwrap_or("?").to_string();
                eprintln!(
                    "WRONG via {:?}: found {:?}\n  truth {:?}",
                    f.method,
                    shown(&range),
                    truth.map(shown)
                );
            }
        }
    }
}

fn byte_range(text: &str, t: &Target) -> Range<usize> {
    let start = text
        .char_indices()
        .nth(t.start)
        .map_or(text.len(), |(i, _)| i);
    start..start + t.exact.len()
}

/// Intersection over union.
fn overlap(a: &Range<usize>, b: &Range<usize>) -> f64 {
    let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let union = a.end.max(b.end) - a.start.min(b.start);
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}
