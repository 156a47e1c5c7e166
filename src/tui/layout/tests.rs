//! Layout tests: wrapping, row maps, offsets, headers and removed lines.

use super::*;
use crate::article::Block;

fn article(paragraphs: &[&str]) -> Article {
    let mut body = String::new();
    let mut blocks = Vec::new();
    for p in paragraphs {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(p);
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            range: start..body.len(),
        });
    }
    Article {
        title: "A title".into(),
        body,
        blocks,
        ..Article::default()
    }
}

fn row_texts(a: &Article, map: &RowMap) -> Vec<String> {
    map.rows()
        .iter()
        .map(|r| match r.kind {
            RowKind::Title => a.title[r.range.clone()].to_string(),
            k if k.in_body() => a.body[r.range.clone()].to_string(),
            _ => String::new(),
        })
        .collect()
}

#[test]
fn wraps_at_word_boundaries() {
    let a = article(&["one two three four five six", "seven"]);
    let map = RowMap::new(&a, &Analysis::default(), 10);
    assert_eq!(
        row_texts(&a, &map),
        [
            "A title",
            "",
            "",
            "one two",
            "three four",
            "five six",
            "",
            "seven"
        ]
    );
    assert_eq!(map.body_start(), 3);
}

#[test]
fn long_and_wide_words_never_overflow() {
    let a = article(&["漢字漢字漢字漢字漢字 supercalifragilistic 👩‍👩‍👧‍👦👩‍👩‍👧‍👦 x"]);
    for width in 1..30 {
        let map = RowMap::new(&a, &Analysis::default(), width);
        for r in map.rows() {
            if r.kind.in_body() {
                let w = display_width(&a.body[r.range.clone()]);
                assert!(w <= usize::from(width).max(2), "{w} > {width}");
            }
        }
    }
}

#[test]
fn offsets_map_back_to_rows() {
    let a = article(&["alpha beta gamma delta", "epsilon zeta eta theta"]);
    let map = RowMap::new(&a, &Analysis::default(), 11);
    for (i, r) in map.rows().iter().enumerate().skip(map.body_start()) {
        if r.kind.in_body() {
            assert_eq!(map.row_of_offset(r.range.start), i);
            assert_eq!(map.row_of_offset(r.range.end.saturating_sub(1)), i);
            assert_eq!(map.offset_of_row(i), r.range.start);
        }
    }
}

#[test]
fn original_shows_removed_lines_where_they_stood() {
    use crate::article::{RemovalReason, Removed};
    let mut a = article(&["first para", "second para"]);
    let second = a.blocks[1].range.start;
    let end = a.body.len();
    for (text, at) in [
        ("top debris", 0),
        ("middle debris", second),
        ("footer", end),
    ] {
        a.removed.push(Removed {
            text: text.into(),
            reason: RemovalReason::Furniture,
            line: 1,
            at,
        });
    }
    let map = RowMap::build(&a, &Analysis::default(), 40, true, None);
    let kinds: Vec<RowKind> = map.rows()[map.body_start()..]
        .iter()
        .map(|r| r.kind)
        .collect();
    use RowKind::*;
    assert_eq!(
        kinds,
        [Removed(0), Body, Blank, Removed(1), Body, Blank, Removed(2)]
    );
    // Offsets still find the text rows, and every row maps to a non-decreasing offset.
    assert_eq!(map.rows()[map.row_of_offset(second)].kind, Body);
    let offsets: Vec<usize> = (map.body_start()..map.len())
        .map(|r| map.offset_of_row(r))
        .collect();
    assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "{offsets:?}");
    assert_eq!(
        RowMap::build(&a, &Analysis::default(), 40, false, None),
        RowMap::new(&a, &Analysis::default(), 40)
    );
}

#[test]
fn every_row_comes_back_from_its_resume_offset() {
    let a = article(&["alpha beta gamma delta", "epsilon zeta", "eta theta iota"]);
    for width in [5u16, 11, 40] {
        let map = RowMap::new(&a, &Analysis::default(), width);
        for row in map.body_start()..map.len() {
            let offset = map.resume_offset(row);
            assert_eq!(map.row_of_offset(offset), row, "row {row} at width {width}");
        }
        // Offsets of text still find their own rows.
        let second = a.blocks[1].range.start;
        assert_eq!(map.rows()[map.row_of_offset(second)].kind, RowKind::Body);
    }
}

#[test]
fn byline_and_address_sit_under_the_headline() {
    let mut a = article(&["text"]);
    a.meta = crate::article::Meta {
        author: Some("Jane Doe".into()),
        source: Some("TASS".into()),
        url: Some("https://tass.com/a".into()),
        published: Some("2024-06-19T10:00:00Z".into()),
    };
    let map = RowMap::new(&a, &Analysis::default(), 40);
    let kinds: Vec<RowKind> = map.rows().iter().map(|r| r.kind).collect();
    use RowKind::*;
    assert_eq!(kinds, [Title, Byline, Url, Rule, Blank, Body]);
    assert_eq!(map.byline(), "TASS · Jane Doe · 2024-06-19");
    assert_eq!(map.body_start(), 5);
    // Only what is known, and nothing at all without metadata.
    a.meta.author = None;
    a.meta.url = None;
    assert_eq!(byline(&a.meta), "TASS · 2024-06-19");
    let plain = article(&["text"]);
    assert_eq!(
        RowMap::new(&plain, &Analysis::default(), 40).body_start(),
        3
    );
}

#[test]
fn every_non_space_byte_is_on_exactly_one_row() {
    let a = article(&[
        "The  quick brown   fox\njumps over",
        "日本語のテキストです。とても長い",
    ]);
    for width in [3u16, 7, 12, 40] {
        let map = RowMap::new(&a, &Analysis::default(), width);
        let mut covered = vec![0u8; a.body.len()];
        for r in map.rows().iter().filter(|r| r.kind.in_body()) {
            for c in &mut covered[r.range.clone()] {
                *c += 1;
            }
        }
        for (i, b) in a.body.bytes().enumerate() {
            if b != b' ' && b != b'\n' {
                assert_eq!(covered[i], 1, "byte {i} at width {width}");
            }
        }
    }
}
