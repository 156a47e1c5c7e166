//! Import invariants over every article fixture, in both parse modes, and encoding variants
//! of the seed (BOM, CRLF, lone CR, tabs) that must not change the result.

use std::path::PathBuf;

use lede::article::{Article, BlockKind, ParseMode, RemovalReason, load, parse};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let seed = root().join("assets/articles/2024-06-19-russia-north-korea-defense-pact.txt");
    out.push((
        "seed".to_string(),
        std::fs::read_to_string(seed).expect("seed"),
    ));
    let dir = root().join("tests/fixtures/articles");
    for sub in ["gum", "wikinews", "own"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
            .expect("fixture dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("fixture");
            out.push((path.display().to_string(), text));
        }
    }
    out
}

/// Holds in both modes (see `Article::check_blocks`).
fn assert_block_invariants(name: &str, a: &Article) {
    if let Err(problem) = a.check_blocks() {
        panic!("{name}: {problem}");
    }
}

#[test]
fn clean_mode_invariants_on_every_fixture() {
    for (name, text) in fixture_texts() {
        let a = parse(&text, ParseMode::Clean);
        assert_block_invariants(&name, &a);
        let joined: Vec<&str> = a.blocks.iter().map(|b| a.block_text(b)).collect();
        assert_eq!(a.body, joined.join("\n\n"), "{name}: body != blocks");
        assert!(!a.title.is_empty(), "{name}: no title");
        assert!(!a.body.contains('\t') && !a.body.contains('\r'), "{name}");
    }
}

#[test]
fn plain_mode_invariants_on_every_fixture() {
    for (name, text) in fixture_texts() {
        let a = parse(&text, ParseMode::Plain);
        assert_block_invariants(&name, &a);
        assert_eq!(a.body, text, "{name}: plain body is the input");
        assert!(a.title.is_empty() && a.deck.is_none() && a.removed.is_empty());
        assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }
}

#[test]
fn encoding_variants_of_the_seed_parse_the_same() {
    let path = root().join("assets/articles/2024-06-19-russia-north-korea-defense-pact.txt");
    let reference = load(&path, ParseMode::Clean).expect("seed");
    let text = std::fs::read_to_string(&path).expect("seed");
    let dir = tempfile::tempdir().expect("tempdir");
    let variants: [(&str, Vec<u8>); 4] = [
        ("bom", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()),
        ("crlf", text.replace('\n', "\r\n").into_bytes()),
        ("cr", text.replace('\n', "\r").into_bytes()),
        (
            "bom-crlf",
            [&b"\xEF\xBB\xBF"[..], text.replace('\n', "\r\n").as_bytes()].concat(),
        ),
    ];
    for (name, bytes) in variants {
        let variant = dir.path().join(name);
        std::fs::write(&variant, bytes).expect("write");
        let a = load(&variant, ParseMode::Clean).expect("variant loads");
        assert_eq!(a.title, reference.title, "{name}");
        assert_eq!(a.deck, reference.deck, "{name}");
        assert_eq!(a.body, reference.body, "{name}");
        assert_eq!(a.blocks, reference.blocks, "{name}");
        assert_eq!(a.removed, reference.removed, "{name}");
        assert!(a.warnings.is_empty(), "{name}: {:?}", a.warnings);
    }
}

#[test]
fn seed_footer_reasons() {
    let path = root().join("assets/articles/2024-06-19-russia-north-korea-defense-pact.txt");
    let a = load(&path, ParseMode::Clean).expect("seed");
    let reasons: Vec<&str> = a.removed.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "repeated-headline",
            "repeated-headline",
            "empty",
            "follow",
            "empty",
            "empty",
            "navigation",
            "navigation"
        ]
    );
    assert!(a.removed.iter().all(|r| r.reason != RemovalReason::Share));
}
