//! Property tests of the layout: rows fit, cover the text once, and map back.

use super::*;
use crate::article::Block;
use proptest::prelude::*;

/// Paragraphs from a mix of ASCII words, accented, CJK, emoji and odd spacing.
fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[a-z]{1,12}",
            "[A-Za-zéüñ’“”]{1,8}",
            "[\u{4e00}-\u{4e50}]{1,20}",
            Just("👩‍👩‍👧‍👦".to_string()),
            Just("❤\u{fe0f}".to_string()),
            "[a-z]{30,60}",
        ],
        1..40,
    )
    .prop_map(|words| words.join(" "))
}

proptest! {
    #[test]
    fn rows_fit_cover_and_map_back(paras in proptest::collection::vec(paragraph(), 1..6), width in 4u16..120) {
        let mut body = String::new();
        let mut blocks = Vec::new();
        for p in &paras {
            if !body.is_empty() { body.push_str("\n\n"); }
            let start = body.len();
            body.push_str(p);
            blocks.push(Block { kind: BlockKind::Paragraph, range: start..body.len() });
        }
        let article = Article { title: "T".into(), body, blocks, ..Article::default() };
        let map = RowMap::new(&article, &Analysis::default(), width);
        let mut covered = vec![false; article.body.len()];
        for (i, row) in map.rows().iter().enumerate() {
            if !row.kind.in_body() { continue; }
            let text = &article.body[row.range.clone()];
            prop_assert!(display_width(text) <= usize::from(width), "row {i} too wide: {text:?}");
            prop_assert_eq!(map.row_of_offset(row.range.start), i);
            for c in &mut covered[row.range.clone()] {
                prop_assert!(!*c, "byte on two rows");
                *c = true;
            }
        }
        for (i, b) in article.body.bytes().enumerate() {
            prop_assert!(covered[i] || b == b' ' || b == b'\n', "byte {i} on no row");
        }
    }
}
