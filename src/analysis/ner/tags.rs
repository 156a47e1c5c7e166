//! The BILOU tag set: `O`, then `B`/`I`/`L`/`U` for every [`EntityKind`], and the rules
//! that say which tag may follow which (so decoding never yields a broken span).

use std::ops::Range;

use crate::analysis::EntityKind;

/// Number of tags: `O` plus four per kind.
pub const N_TAGS: usize = 1 + 4 * EntityKind::ALL.len();

/// The tag `O` (outside any entity).
pub const O: u8 = 0;

/// Where a token sits in its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    Begin,
    Inside,
    Last,
    Unit,
}

/// The tag for `kind` at `pos`.
pub fn tag(kind: EntityKind, pos: Position) -> u8 {
    let k = EntityKind::ALL.iter().position(|&x| x == kind).unwrap_or(0);
    let p = match pos {
        Position::Begin => 0,
        Position::Inside => 1,
        Position::Last => 2,
        Position::Unit => 3,
    };
    (1 + 4 * k + p) as u8
}

/// The kind and position of a tag, `None` for `O`.
pub fn split(tag: u8) -> Option<(EntityKind, Position)> {
    if tag == O || tag as usize >= N_TAGS {
        return None;
    }
    let t = tag as usize - 1;
    let pos = match t % 4 {
        0 => Position::Begin,
        1 => Position::Inside,
        2 => Position::Last,
        _ => Position::Unit,
    };
    Some((EntityKind::ALL[t / 4], pos))
}

/// Whether `next` may follow `prev` (`None` = sentence start / end).
pub fn allowed(prev: Option<u8>, next: Option<u8>) -> bool {
    let open = |t: Option<u8>| {
        matches!(
            t.and_then(split),
            Some((_, Position::Begin | Position::Inside))
        )
    };
    let continues = |t: Option<u8>| {
        matches!(
            t.and_then(split),
            Some((_, Position::Inside | Position::Last))
        )
    };
    if open(prev) {
        // An open entity must continue with the same kind.
        let pk = prev.and_then(split).map(|(k, _)| k);
        let nk = next.and_then(split).map(|(k, _)| k);
        continues(next) && pk == nk
    } else {
        !continues(next)
    }
}

/// Tags for the token spans `spans` (token index ranges) of `kinds` in a sentence of `n`.
pub fn encode(n: usize, spans: &[(Range<usize>, EntityKind)]) -> Vec<u8> {
    let mut tags = vec![O; n];
    for (r, kind) in spans {
        if r.is_empty() || r.end > n {
            continue;
        }
        if r.len() == 1 {
            tags[r.start] = tag(*kind, Position::Unit);
            continue;
        }
        tags[r.start] = tag(*kind, Position::Begin);
        for t in &mut tags[r.start + 1..r.end - 1] {
            *t = tag(*kind, Position::Inside);
        }
        tags[r.end - 1] = tag(*kind, Position::Last);
    }
    tags
}

/// Token spans of a tag sequence. Tolerant of broken sequences (from hand-written tags):
/// a `B`/`I` run that does not close still becomes a span.
pub fn decode(tags: &[u8]) -> Vec<(Range<usize>, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let s = split(t);
        if let Some((start, kind)) = open {
            let same = matches!(s, Some((k, Position::Inside | Position::Last)) if k == kind);
            if !same {
                out.push((start..i, kind));
                open = None;
            }
        }
        match s {
            Some((kind, Position::Unit)) => out.push((i..i + 1, kind)),
            Some((kind, Position::Begin)) => open = Some((i, kind)),
            Some((kind, Position::Inside | Position::Last)) if open.is_none() => {
                open = Some((i, kind))
            }
            _ => {}
        }
        if let (Some((start, kind)), Some((_, Position::Last))) = (open, s) {
            out.push((start..i + 1, kind));
            open = None;
        }
    }
    if let Some((start, kind)) = open {
        out.push((start..tags.len(), kind));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_constraints() {
        let spans = vec![
            (0..2, EntityKind::Person),
            (3..4, EntityKind::Place),
            (4..7, EntityKind::Organization),
        ];
        let tags = encode(8, &spans);
        assert_eq!(decode(&tags), spans);
        for w in tags.windows(2) {
            assert!(allowed(Some(w[0]), Some(w[1])));
        }
        assert!(allowed(None, Some(tags[0])));
        assert!(!allowed(
            None,
            Some(tag(EntityKind::Person, Position::Inside))
        ));
        assert!(!allowed(
            Some(tag(EntityKind::Person, Position::Begin)),
            None
        ));
        assert_eq!(N_TAGS, 53);
    }
}
