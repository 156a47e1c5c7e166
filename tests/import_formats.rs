//! The structured formats through `import_file`: Markdown, JSON (object, array, wrapper,
//! JSON Lines), RSS and Atom feeds, and a newsboat cache. Fixtures: `tests/fixtures/formats/`.

use std::path::{Path, PathBuf};

use lede::analysis::sections;
use lede::article::import::{Format, Item, import_file};
use lede::article::{Article, BlockKind, ParseMode};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

/// Imports in clean mode and checks what holds for every item of every format.
fn import(path: &Path, format: Format) -> Vec<Item> {
    let (found, items) =
        import_file(path, ParseMode::Clean).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(found, format, "{}", path.display());
    for item in &items {
        let a = &item.article;
        if let Err(problem) = a.check_blocks() {
            panic!("{}: {:?}: {problem}", path.display(), item.key);
        }
        assert_eq!(a.path.as_deref(), Some(path));
        let joined: Vec<&str> = a.blocks.iter().map(|b| a.block_text(b)).collect();
        assert_eq!(a.body, joined.join("\n\n"));
        assert!(!a.title.contains('\n'));
    }
    // Plain mode (no cleaning) reads the same items, also with sound blocks.
    let (_, plain) = import_file(path, ParseMode::Plain).expect("plain mode");
    assert_eq!(plain.len(), items.len());
    for item in &plain {
        assert_eq!(item.article.check_blocks(), Ok(()));
    }
    items
}

fn section_titles(a: &Article) -> Vec<&str> {
    sections::detect(a)
        .iter()
        .map(|s| &a.body[s.heading.clone()])
        .collect()
}

fn keys(items: &[Item]) -> Vec<&str> {
    items.iter().filter_map(|i| i.key.as_deref()).collect()
}

const SPACEX_2019: &str = "https://en.wikinews.org/wiki/SpaceX_Crew_Dragon_capsule_docks_with_International_Space_Station";

#[test]
fn markdown_with_front_matter_and_sections() {
    let items = import(&fixture("spacex-crew-dragon.md"), Format::Markdown);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].key, None);
    let a = &items[0].article;
    assert_eq!(
        a.title,
        "SpaceX Crew Dragon capsule docks with International Space Station"
    );
    assert_eq!(
        a.deck.as_deref(),
        Some(
            "The first US spacecraft able to carry people to reach the station since 2011 \
             arrives with cargo and a mannequin."
        )
    );
    assert_eq!(a.meta.author.as_deref(), Some("Wikinews contributors"));
    assert_eq!(a.meta.source.as_deref(), Some("Wikinews"));
    assert_eq!(a.meta.url.as_deref(), Some(SPACEX_2019));
    assert_eq!(a.meta.published.as_deref(), Some("2019-03-05"));
    assert_eq!(
        section_titles(a),
        [
            "Launch from Cape Canaveral",
            "Reactions",
            "The Commercial Crew Program"
        ]
    );
    // The `# title` line repeats the front matter's title: removed, and recorded.
    assert_eq!(a.removed.len(), 1);
    assert_eq!(a.removed[0].reason.as_str(), "repeated-headline");
    assert!(a.body.starts_with("On Sunday, the SpaceX Crew Dragon"));
    assert!(a.body.contains("own robotic arm apparatus"));
    assert!(
        a.body
            .contains("short-term goal of NASA's Commercial Crew Program is")
    );
    let last = a.blocks.last().expect("blocks");
    assert!(a.block_text(last).starts_with("• Last year, SpaceX tested"));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);

    let (_, plain) = import_file(&fixture("spacex-crew-dragon.md"), ParseMode::Plain).expect("md");
    let first = &plain[0].article.blocks[0];
    assert_eq!(first.kind, BlockKind::Heading, "kept without cleaning");
}

#[test]
fn json_object() {
    let items = import(&fixture("zapata.json"), Format::Json);
    assert_eq!(items.len(), 1);
    let a = &items[0].article;
    assert_eq!(
        items[0].key.as_deref(),
        Some(
            "https://en.wikinews.org/wiki/French_inventor_Franky_Zapata_successfully_crosses_English_Channel_on_jet-powered_hoverboard"
        )
    );
    assert!(a.title.starts_with("French inventor Franky Zapata"));
    assert_eq!(a.meta.author.as_deref(), Some("Wikinews contributors"));
    assert_eq!(a.meta.source.as_deref(), Some("Wikinews"));
    assert_eq!(a.meta.published.as_deref(), Some("2019-08-06T07:30:00Z"));
    assert_eq!(a.blocks.len(), 8);
    assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
}

#[test]
fn json_array_with_html_bodies() {
    let items = import(&fixture("array.json"), Format::Json);
    assert_eq!(
        keys(&items),
        [
            "https://en.wikinews.org/wiki/Russia%27s_Navalny_airlifted_to_Germany",
            "https://en.wikinews.org/wiki/Hurricane_Lorenzo_hits_Azores,_heads_towards_Ireland",
            "https://en.wikinews.org/wiki/Guitarist_Eddie_Van_Halen_dies,_aged_65",
        ]
    );
    let a = &items[0].article;
    assert_eq!(a.title, "Russia's Navalny airlifted to Germany");
    assert_eq!(a.meta.published.as_deref(), Some("2020-08-22T18:00:00Z"));
    assert_eq!(a.meta.author.as_deref(), Some("Wikinews contributors"));
    assert_eq!(a.blocks.len(), 4);
    assert!(!a.body.contains('<'));
    // The added "Share this article" is debris when cleaning, text otherwise.
    let lorenzo = &items[1].article;
    assert_eq!(lorenzo.removed.len(), 1);
    assert_eq!(lorenzo.removed[0].reason.as_str(), "share");
    let (_, plain) = import_file(&fixture("array.json"), ParseMode::Plain).expect("plain");
    assert!(plain[1].article.body.ends_with("Share this article"));
}

#[test]
fn json_lines_skip_the_bad_line() {
    let items = import(&fixture("articles.jsonl"), Format::Json);
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[2].article.title,
        "World Health Organization declares COVID-19 pandemic"
    );
    assert_eq!(
        items[0].article.meta.published.as_deref(),
        Some("2019-09-27T12:00:00Z")
    );
    assert_eq!(items[0].article.meta.source.as_deref(), Some("Wikinews"));
    for item in &items {
        assert_eq!(item.article.warnings.len(), 1);
        let warning = &item.article.warnings[0];
        assert!(warning.starts_with("line 3: invalid JSON ("), "{warning}");
        assert!(warning.ends_with("), skipped"), "{warning}");
    }
}

#[test]
fn json_wrapper_object() {
    let items = import(&fixture("newsapi.json"), Format::Json);
    assert_eq!(items.len(), 2);
    let a = &items[0].article;
    assert_eq!(
        a.title,
        "Northern Arapaho Tribe welcomes buffalo herd in Wyoming, United States"
    );
    assert_eq!(a.meta.source.as_deref(), Some("Wikinews"));
    assert_eq!(a.meta.published.as_deref(), Some("2019-10-19T15:04:00Z"));
    // The description is the body's first words cut with "…": not a deck.
    assert_eq!(a.deck, None);
    assert_eq!(a.blocks.len(), 6);
}

#[test]
fn rss2_with_content_encoded() {
    let items = import(&fixture("wikinews.rss"), Format::Feed);
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[0].key.as_deref(),
        Some(
            "https://en.wikinews.org/wiki/SpaceX_successfully_launches_its_first_crewed_spaceflight"
        )
    );
    let a = &items[0].article;
    assert_eq!(
        a.title,
        "SpaceX successfully launches its first crewed spaceflight"
    );
    assert_eq!(a.meta.source.as_deref(), Some("Wikinews"));
    assert_eq!(a.meta.author.as_deref(), Some("Wikinews contributors"));
    assert_eq!(a.meta.published.as_deref(), Some("2020-05-31T10:00:00Z"));
    assert_eq!(a.meta.url, items[0].key);
    assert_eq!(a.deck, None, "the description is the first sentence");
    assert!(
        a.body
            .starts_with("SpaceX successfully launched its first crewed mission")
    );
    assert!(a.blocks.len() >= 6);
}

#[test]
fn atom_with_html_sections() {
    let items = import(&fixture("wikinews.atom"), Format::Feed);
    assert_eq!(
        keys(&items),
        [
            "urn:lede:fixture:spacex-2019",
            "urn:lede:fixture:kosgei-2019"
        ]
    );
    let a = &items[0].article;
    assert_eq!(a.meta.url.as_deref(), Some(SPACEX_2019));
    assert_eq!(a.meta.published.as_deref(), Some("2019-03-05T13:00:00Z"));
    assert_eq!(a.meta.author.as_deref(), Some("Wikinews contributors"));
    assert_eq!(a.meta.source.as_deref(), Some("Wikinews science and sport"));
    assert_eq!(
        a.deck.as_deref(),
        Some("Crew Dragon reaches the International Space Station with cargo and a mannequin.")
    );
    assert_eq!(
        section_titles(a),
        [
            "Launch from Cape Canaveral",
            "Reactions",
            "The Commercial Crew Program"
        ]
    );
    let b = &items[1].article;
    assert_eq!(
        b.meta.published.as_deref(),
        Some("2019-10-14T08:00:00Z"),
        "updated"
    );
}

#[test]
fn malformed_files_fail_in_one_line() {
    let cases = [
        (
            "malformed.json",
            "invalid JSON at line 4, column 3: expected `,` or `}`",
        ),
        (
            "malformed.rss",
            "invalid feed XML: ill-formed document: expected `</item>`, but `</channel>` was found",
        ),
    ];
    for (name, problem) in cases {
        let path = fixture(name);
        let err = import_file(&path, ParseMode::Clean).expect_err("refused");
        assert_eq!(err.to_string(), format!("{}: {problem}", path.display()));
    }
}

#[test]
fn formats_are_sniffed_without_an_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, format) in [
        ("wikinews.rss", Format::Feed),
        ("wikinews.atom", Format::Feed),
        ("array.json", Format::Json),
        ("spacex-crew-dragon.md", Format::Markdown),
    ] {
        let path = dir.path().join(name.replace('.', "-"));
        std::fs::copy(fixture(name), &path).expect("copy");
        let (found, items) = import_file(&path, ParseMode::Clean).expect("imports");
        assert_eq!(found, format, "{name}");
        assert!(!items.is_empty());
    }
}

/// A newsboat cache built from newsboat's schema, with two feeds and four items.
fn newsboat_cache(path: &Path) {
    let conn = rusqlite::Connection::open(path).expect("create cache");
    let schema = std::fs::read_to_string(fixture("newsboat-schema.sql")).expect("schema");
    conn.execute_batch(&schema).expect("schema");
    conn.execute(
        "INSERT INTO rss_feed (rssurl, url, title) VALUES (?1, ?2, ?3), (?4, ?5, ?6)",
        [
            "https://en.wikinews.org/rss",
            "https://en.wikinews.org/",
            "Wikinews",
            "https://example.org/atom",
            "https://example.org/",
            "",
        ],
    )
    .expect("feeds");
    let rss = std::fs::read_to_string(fixture("wikinews.rss")).expect("rss");
    let body = |n: usize| {
        let start = rss.match_indices("<![CDATA[").nth(n).expect("item").0 + 9;
        let end = start + rss[start..].find("]]>").expect("end");
        rss[start..end].to_string()
    };
    let mut insert = conn
        .prepare(
            "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread,
             deleted, content_mime_type) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, 'text/html')",
        )
        .expect("prepare");
    let rows: [(&str, &str, &str, i64, String, i64); 4] = [
        (
            "g-spacex",
            "SpaceX successfully launches its first crewed spaceflight",
            "https://en.wikinews.org/rss",
            1_590_919_200,
            body(0),
            0,
        ),
        (
            "g-lorenzo",
            "Hurricane Lorenzo hits Azores, heads towards Ireland",
            "https://en.wikinews.org/rss",
            1_570_017_600,
            body(1),
            0,
        ),
        (
            "g-navalny",
            "Russia's Navalny airlifted to Germany",
            "https://en.wikinews.org/rss",
            1_598_119_200,
            body(2),
            1,
        ),
        (
            "",
            "A link-only item",
            "https://example.org/atom",
            1_598_119_200,
            String::new(),
            0,
        ),
    ];
    for (guid, title, feed, date, content, deleted) in rows {
        insert
            .execute(rusqlite::params![
                guid,
                title,
                "Wikinews contributors",
                format!("https://example.org/{}", title.len()),
                feed,
                date,
                content,
                deleted
            ])
            .expect("item");
    }
}

#[test]
fn newsboat_cache_is_read_without_being_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cache.db");
    newsboat_cache(&path);
    let before = std::fs::read(&path).expect("read");
    let items = import(&path, Format::Newsboat);
    assert_eq!(
        keys(&items),
        ["g-spacex", "g-lorenzo", "https://example.org/16"]
    );
    let a = &items[0].article;
    assert_eq!(a.meta.source.as_deref(), Some("Wikinews"));
    assert_eq!(a.meta.published.as_deref(), Some("2020-05-31T10:00:00Z"));
    assert!(a.body.starts_with("SpaceX successfully launched"));
    assert_eq!(
        items[2].article.meta.source.as_deref(),
        Some("https://example.org/")
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);

    // Any SQLite file is sniffed as a cache; one that is not newsboat's says so.
    let other = dir.path().join("library");
    rusqlite::Connection::open(&other)
        .expect("create")
        .execute_batch("CREATE TABLE articles (id INTEGER);")
        .expect("table");
    let err = import_file(&other, ParseMode::Clean).expect_err("refused");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: not a newsboat cache (no rss_item table)",
            other.display()
        )
    );
}
