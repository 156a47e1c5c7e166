use super::*;
use crate::annotate::import::{parse, place, uuid_for};
use crate::annotate::{Status, Target};

const BODY: &str = "Putin said the treaty foresees mutual assistance.\n\nConcern in the US\n\n\
                    Washington said it was worried about the pact.";

fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn sample() -> (Annotation, ArticleRef) {
    let at = BODY.find("mutual assistance").expect("in body");
    let mut a = Annotation::new(4, Target::capture(BODY, at..at + 17), "hash-1");
    a.colour = 2;
    a.note = "Key clause — «взаимная помощь» 👍".into();
    a.tags = vec!["treaty".into(), "nk-russia".into()];
    a.status = Status::NeedsReview;
    a.created = "2024-06-20T10:00:00Z".into();
    a.modified = "2024-06-21T11:30:00Z".into();
    let article = ArticleRef {
        uid: "0123456789abcdef".into(),
        path: "/news/a b/pact%.txt".into(),
        ..ArticleRef::default()
    };
    (a, article)
}

#[test]
fn export_has_the_w3c_shape() {
    let (a, article) = sample();
    let v = value(&collection_json("Annotations", &[(&a, &article)]));
    assert_eq!(v["@context"][0], CONTEXT);
    assert_eq!(v["@context"][1]["lede"], LEDE_NS);
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["total"], 1);
    let item = &v["first"]["items"][0];
    assert_eq!(v["first"]["type"], "AnnotationPage");
    assert_eq!(item["id"], format!("urn:uuid:{}", a.id));
    assert_eq!(item["type"], "Annotation");
    assert_eq!(item["body"][0]["purpose"], "commenting");
    assert_eq!(item["body"][0]["format"], "text/plain");
    assert_eq!(item["body"][1]["purpose"], "tagging");
    assert_eq!(item["body"][2]["value"], "nk-russia");
    assert_eq!(item["target"]["source"], "file:///news/a%20b/pact%25.txt");
    assert_eq!(item["target"]["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(item["target"]["selector"][0]["exact"], "mutual assistance");
    assert_eq!(item["target"]["selector"][1]["start"], a.target.start);
    assert_eq!(item["target"]["styleClass"], "lede-highlight-3");
    assert!(
        item["stylesheet"]["value"]
            .as_str()
            .is_some_and(|css| css.starts_with(".lede-highlight-3 {"))
    );
    assert_eq!(item["lede:status"], "needs-review");
    assert_eq!(item["lede:contentHash"], "hash-1");
    assert_eq!(item["lede:article"]["uid"], "0123456789abcdef");
    assert!(item.get("motivation").is_none());
}

#[test]
fn export_then_parse_gives_back_every_field() {
    let (a, article) = sample();
    let text = collection_json("x", &[(&a, &article)]);
    let parsed = parse(&text).expect("parses");
    assert_eq!(parsed.format, "W3C");
    let inc = &parsed.items[0];
    assert_eq!(inc.id, a.id);
    assert_eq!(
        inc.source.as_deref(),
        Some("file:///news/a%20b/pact%25.txt")
    );
    assert_eq!(inc.path.as_deref(), Some(Path::new("/news/a b/pact%.txt")));
    assert_eq!(inc.uid.as_deref(), Some("0123456789abcdef"));
    // Placed in the same text: taken as it was, status included.
    let placed = place(&parsed.items, 4, BODY, "hash-1");
    assert_eq!(placed[0].as_ref(), Some(&a));
    // In another text: anchored again, with the new hash.
    let moved = format!("New first line.\n{BODY}");
    let placed = place(&parsed.items, 4, &moved, "hash-2");
    let b = placed[0].as_ref().expect("placed");
    assert_eq!(b.status, Status::Anchored);
    assert_eq!(b.content_hash, "hash-2");
    assert_eq!(b.target.start, a.target.start + 16);
    // Not there at all: an orphan keeping its quote and old hash.
    let placed = place(&parsed.items, 4, "Nothing alike.", "hash-3");
    let c = placed[0].as_ref().expect("kept");
    assert_eq!(
        (c.status, c.content_hash.as_str()),
        (Status::Orphan, "hash-1")
    );
    assert_eq!(c.target, a.target);
}

#[test]
fn a_highlight_without_note_or_tags_has_no_body() {
    let (mut a, article) = sample();
    a.note.clear();
    a.tags.clear();
    let v = value(&collection_json("x", &[(&a, &article)]));
    let item = &v["first"]["items"][0];
    assert!(item.get("body").is_none());
    assert_eq!(item["motivation"], "highlighting");
    let text = v.to_string();
    let inc = &parse(&text).expect("parses").items[0];
    assert!(inc.note.is_empty() && inc.tags.is_empty());
}

#[test]
fn file_uris_round_trip_any_path() {
    for path in ["/a/b.txt", "/news/été 2024/#1?.html", "/x/100%/y"] {
        let uri = file_uri(Path::new(path));
        assert!(uri.is_ascii() && !uri.contains(' '), "{uri}");
        assert_eq!(path_of_file_uri(&uri).as_deref(), Some(Path::new(path)));
    }
    assert_eq!(
        path_of_file_uri("file://localhost/tmp/a%20b"),
        Some(PathBuf::from("/tmp/a b"))
    );
    assert_eq!(path_of_file_uri("https://example.com/"), None);
}

#[test]
fn errors_carry_line_and_column() {
    let e = parse("{\n  \"type\": \"AnnotationCollection\",\n  \"first\": {\"items\": [\n}")
        .expect_err("bad");
    assert!(e.starts_with("line 4 column 1: "), "{e}");
    let e = parse(
        "{\"type\": \"Annotation\",\n \"target\": {\"source\": \"https://e.com\",\n \
         \"selector\": {\"type\": \"TextPositionSelector\", \"start\": \"three\", \"end\": 5}}}",
    )
    .expect_err("bad type");
    assert!(e.starts_with("line 3 column"), "{e}");
    assert!(parse("").expect_err("empty").contains("empty"));
    assert!(parse("[1, 2]").is_err());
    assert!(
        parse("{\"hello\": 1}")
            .expect_err("not ours")
            .contains("not annotation JSON")
    );
}

#[test]
fn hypothesis_rows_become_incoming_annotations() {
    let text = r##"{"total": 2, "rows": [
      {"id": "Dzwh3MJHEe6O5w_kvWeJYg", "uri": "https://example.com/story",
       "text": "Worth checking", "tags": ["fact check", "#nk"],
       "created": "2024-06-20T08:15:30.123456+00:00", "updated": "2024-06-20T09:00:00+02:00",
       "target": [{"source": "https://example.com/story", "selector": [
         {"type": "RangeSelector", "startContainer": "/div[1]/p[2]", "startOffset": 0,
          "endContainer": "/div[1]/p[2]", "endOffset": 17},
         {"type": "TextPositionSelector", "start": 1200, "end": 1217},
         {"type": "TextQuoteSelector", "exact": "mutual assistance",
          "prefix": "the treaty foresees ", "suffix": "."}]}]},
      {"id": "page-note-1", "uri": "https://example.com/story", "text": "A page note",
       "target": [{"source": "https://example.com/story"}]}
    ]}"##;
    let parsed = parse(text).expect("parses");
    assert_eq!(parsed.format, "hypothes.is");
    let first = &parsed.items[0];
    assert_eq!(first.tags, vec!["fact-check", "nk"]);
    assert_eq!(first.created, "2024-06-20T08:15:30Z");
    assert_eq!(first.modified, "2024-06-20T07:00:00Z");
    assert_eq!(
        first.id,
        parse(text).expect("again").items[0].id,
        "stable id"
    );
    assert_eq!(first.id.len(), 36);
    assert!(parsed.items[1].target.is_none(), "page note");
    let placed = place(&parsed.items, 9, BODY, "h");
    let a = placed[0].as_ref().expect("anchored by quote");
    assert_eq!(a.status, Status::Anchored);
    assert_eq!(a.target.exact, "mutual assistance");
    assert_eq!(a.note, "Worth checking");
    assert!(placed[1].is_none());
}

#[test]
fn ids_keep_uuids_and_derive_the_rest() {
    let u = "0f8fad5b-d9cb-469f-a165-70867728950e";
    assert_eq!(uuid_for(&format!("urn:uuid:{u}"), String::new), u);
    assert_eq!(uuid_for(&u.to_uppercase(), String::new), u);
    let a = uuid_for("https://hypothes.is/a/xyz", String::new);
    assert_eq!(a, uuid_for("https://hypothes.is/a/xyz", String::new));
    assert_ne!(a, uuid_for("https://hypothes.is/a/xyw", String::new));
    assert!(uuid::Uuid::parse_str(&a).is_ok());
}
