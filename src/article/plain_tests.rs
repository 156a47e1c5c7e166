//! Tests for the plain-text format (kept apart so `plain.rs` stays one concept).

use super::*;
use crate::article::{ParseMode, parse};

const SEED: &str =
    include_str!("../../assets/articles/2024-06-19-russia-north-korea-defense-pact.txt");

fn clean(text: &str) -> Article {
    parse(text, ParseMode::Clean)
}

fn texts(article: &Article) -> Vec<&str> {
    article
        .blocks
        .iter()
        .map(|b| article.block_text(b))
        .collect()
}

fn reasons(article: &Article) -> Vec<(RemovalReason, &str)> {
    article
        .removed
        .iter()
        .map(|r| (r.reason, r.text.as_str()))
        .collect()
}

/// Layout-independent invariants every clean parse must satisfy.
pub(crate) fn assert_invariants(article: &Article) {
    let body = &article.body;
    let mut last_end = 0;
    for (i, block) in article.blocks.iter().enumerate() {
        let r = &block.range;
        assert!(r.start < r.end, "block {i} empty");
        assert!(i == 0 || r.start >= last_end + 2, "block {i} overlaps");
        assert!(body.is_char_boundary(r.start) && body.is_char_boundary(r.end));
        let text = &body[r.clone()];
        assert_eq!(text, text.trim(), "block {i} not trimmed");
        assert!(!text.contains("\n\n"), "block {i} holds a blank line");
        last_end = r.end;
    }
    for removed in &article.removed {
        assert!(removed.at <= body.len() && body.is_char_boundary(removed.at));
    }
}

fn assert_joined(article: &Article) {
    assert_eq!(article.body, texts(article).join("\n\n"));
}

#[test]
fn seed_headline_and_deck() {
    let a = clean(SEED);
    assert_eq!(
        a.title,
        "Russia and North Korea signed a mutual defense agreement in case of aggression"
    );
    assert_eq!(
        a.deck.as_deref(),
        Some("President Vladimir Putin was received by Kim Jong-un in Pyongang")
    );
    assert!(a.warnings.is_empty());
}

#[test]
fn seed_debris_removed_with_reasons() {
    let a = clean(SEED);
    let r = reasons(&a);
    use RemovalReason::*;
    let kinds: Vec<RemovalReason> = r.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        [
            RepeatedHeadline,
            RepeatedHeadline,
            Empty,
            Follow,
            Empty,
            Empty,
            Navigation,
            Navigation
        ],
        "{r:#?}"
    );
    assert_eq!(r[3].1, "For Latest Updates Follow us on Google\u{a0}News");
    assert_eq!(r[5].1, "-");
    assert!(r[6].1.starts_with("PREV “There is"));
    assert!(r[7].1.starts_with("NEXT After the quadruple crime"));
    // Lines are 1-based lines of the input file.
    assert_eq!(a.removed[0].line, 3);
    assert_eq!(a.removed[1].line, 4);
    let total_lines = SEED.lines().count();
    assert_eq!(a.removed[7].line, total_lines);
    // The repeated headlines stood before the first paragraph; the footer after the last.
    assert_eq!(a.removed[0].at, 0);
    for footer in &a.removed[2..] {
        assert_eq!(footer.at, a.body.len());
    }
    assert!(!a.body.contains("Follow us"));
    assert!(!a.body.contains("PREV"));
    assert!(!a.body.contains('\u{a0}'));
}

#[test]
fn seed_blocks() {
    let a = clean(SEED);
    assert_invariants(&a);
    assert_joined(&a);
    let t = texts(&a);
    assert!(t[0].starts_with("North Korea and Russia signed"));
    assert!(
        t.last()
            .is_some_and(|l| l.starts_with("Putin is scheduled to meet"))
    );
    assert!(t.contains(&"Against US hegemony"));
    assert!(t.contains(&"“Russia and Korea do not accept blackmail”"));
    let links: Vec<&str> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Link)
        .map(|b| a.block_text(b))
        .collect();
    assert_eq!(
        links,
        ["https://twitter.com/grantshapps/status/1803329393680388249"]
    );
}

#[test]
fn headline_without_deck() {
    let a = clean("Just a title\n\nBody text here.\n");
    assert_eq!(a.title, "Just a title");
    assert_eq!(a.deck, None);
    assert_eq!(a.body, "Body text here.");
}

#[test]
fn headline_split_only_on_spaced_bar() {
    assert_eq!(split_headline("A|B"), ("A|B", None));
    assert_eq!(split_headline("A | B | C"), ("A", Some("B | C")));
    assert_eq!(split_headline("A | "), ("A | ", None));
}

#[test]
fn repeated_title_only_and_case_insensitive() {
    let a = clean("Big News | The deck\n\nbig   news\nThe first paragraph.\n\nBig News\n");
    assert_eq!(
        reasons(&a),
        [(RemovalReason::RepeatedHeadline, "big   news")]
    );
    // A later paragraph equal to the title is content (e.g. a closing slogan).
    assert_eq!(texts(&a), ["The first paragraph.", "Big News"]);
}

#[test]
fn url_line_is_a_link_block() {
    let a = clean(
        "T\n\nSee below.\n\nhttps://example.org/x?y=1\n\nwww.example.org/page\n\nhttps://x y\n",
    );
    let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
    use BlockKind::*;
    assert_eq!(kinds, [Paragraph, Link, Link, Paragraph]);
}

#[test]
fn crlf_bom_free_text_and_tabs() {
    let a = clean("Title\r\n\r\n\tIndented\tparagraph.\r\nSecond line alone.\r\n");
    assert_eq!(texts(&a), ["Indented paragraph.", "Second line alone."]);
    assert_joined(&a);
}

#[test]
fn navigation_only_at_the_end() {
    let a = clean("T\n\nNext year the law changes.\n\nMore prose here.\n\nNEXT Other story\n");
    assert_eq!(
        texts(&a),
        ["Next year the law changes.", "More prose here."]
    );
    assert_eq!(
        reasons(&a),
        [(RemovalReason::Navigation, "NEXT Other story")]
    );
}

#[test]
fn debris_in_the_middle_records_next_paragraph_offset() {
    let a = clean("T\n\nOne.\nAdvertisement\nTwo.\n");
    assert_eq!(texts(&a), ["One.", "Two."]);
    assert_eq!(a.removed[0].reason, RemovalReason::Furniture);
    assert_eq!(a.removed[0].line, 4);
    assert_eq!(a.removed[0].at, a.blocks[1].range.start);
}

#[test]
fn hard_wrapped_paragraph_is_joined() {
    let text = "Title\n\n\
The committee met on Tuesday to discuss the proposal, which would change\n\
how the city collects household waste and recycles plastic bottles and\n\
cans from next spring.\n\n\
Short second paragraph.\n";
    let a = clean(text);
    assert_eq!(
        texts(&a),
        [
            "The committee met on Tuesday to discuss the proposal, which would change how the city collects household waste and recycles plastic bottles and cans from next spring.",
            "Short second paragraph."
        ]
    );
}

#[test]
fn scraped_lines_stay_separate() {
    let lines = [
        "The minister said the plan would be published next week.",
        "Opposition parties criticised the timing of the announcement.",
        "Vote",
    ];
    assert!(!is_hard_wrapped(&lines));
    assert!(!is_hard_wrapped(&["By Jane Doe", "Reuters"]));
    assert!(!is_hard_wrapped(&[
        "• Apples and pears from the orchard by the river in the valley",
        "• Pears"
    ]));
}

#[test]
fn plain_mode_is_verbatim() {
    let text =
        "Title | Deck\r\n\r\nTitle | Deck\r\nShare on Facebook\r\n  para\ttwo  \r\n\r\n\r\nend";
    let a = parse(text, ParseMode::Plain);
    assert_eq!(a.title, "");
    assert_eq!(a.deck, None);
    assert!(a.removed.is_empty());
    assert_eq!(
        a.body,
        "Title | Deck\n\nTitle | Deck\nShare on Facebook\n  para  two  \n\n\nend"
    );
    assert_eq!(
        texts(&a),
        [
            "Title | Deck",
            "Title | Deck\nShare on Facebook\n  para  two",
            "end"
        ]
    );
    assert_invariants(&a);
}

#[test]
fn nothing_but_headline() {
    let a = clean("\n\n  Only a headline  \n\n");
    assert_eq!(a.title, "Only a headline");
    assert_eq!(a.body, "");
    assert!(a.blocks.is_empty());
}

#[test]
fn never_panics_on_odd_input() {
    let inputs = [
        "",
        "\n",
        "\u{a0}",
        "é\n\n\u{a0}é\u{a0}\n-\n\t\n",
        "T\n\nhttps://",
        "T\n\n1. \n2)",
        "T | \n\n | \n",
        "\u{feff}T\n\n\u{200b}\n",
    ];
    for text in inputs {
        for mode in [ParseMode::Clean, ParseMode::Plain] {
            assert_invariants(&parse(text, mode));
        }
    }
}

#[test]
fn fifty_megabyte_line_is_linear() {
    let line = "word ".repeat(10 * 1024 * 1024);
    let text = format!("Title\n\n{line}\n");
    let start = std::time::Instant::now();
    let a = clean(&text);
    assert_eq!(a.blocks.len(), 1);
    assert_eq!(a.body.len(), line.trim_end().len());
    // Generous: debug builds on a shared machine. Quadratic behaviour would take minutes.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn leading_bom_in_text_is_dropped() {
    let a = clean("\u{feff}Title\n\nBody.");
    assert_eq!(a.title, "Title");
}

#[test]
fn heading_directly_above_wrapped_lines_stays_apart() {
    let text = "Title\n\nFindings\n\
The charities surveyed work in areas ranging from food banks to youth\n\
clubs, and most have annual incomes below a quarter of a million. Six in\n\
ten said their costs had risen.\n";
    let a = clean(text);
    assert_eq!(texts(&a).len(), 2);
    assert_eq!(texts(&a)[0], "Findings");
    assert!(texts(&a)[1].ends_with("Six in ten said their costs had risen."));
}
