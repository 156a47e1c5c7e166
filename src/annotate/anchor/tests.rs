//! The pipeline end to end: each step, and the cases where it must refuse to guess.

use proptest::prelude::*;

use super::*;

const ARTICLE: &str = "North Korea and Russia signed a mutual defense agreement on Wednesday.\n\n\
Putin declared that the treaty foresees mutual assistance in case of aggression.\n\n\
Kim Jong-un said the treaty will reliably guarantee the alliance between both countries.\n\n\
Western powers fear a deepening of military cooperation between the two states.\n";

/// The target of the first occurrence of `quote` in `body`.
fn target(body: &str, quote: &str) -> Target {
    let at = body.find(quote).expect("quote in the body");
    Target::capture(body, at..at + quote.len())
}

fn one(old: Option<&str>, new: &str, t: &Target) -> Option<Found> {
    reanchor(old, new, std::slice::from_ref(t))
        .pop()
        .expect("one result per target")
}

#[test]
fn an_unchanged_position_is_kept() {
    let t = target(ARTICLE, "mutual assistance");
    for old in [None, Some(ARTICLE)] {
        let found = one(old, ARTICLE, &t).expect("found");
        assert_eq!(found.target, t);
        assert_eq!(found.method, Method::Position);
        assert_eq!(found.status, Status::Anchored);
    }
}

#[test]
fn an_inserted_paragraph_moves_the_target_through_the_diff() {
    let t = target(ARTICLE, "reliably guarantee the alliance");
    let new = ARTICLE.replace("Putin", "A new first paragraph arrives here.\n\nPutin");
    let found = one(Some(ARTICLE), &new, &t).expect("found");
    assert_eq!(found.method, Method::Diff);
    assert_eq!(found.status, Status::Anchored);
    assert_eq!(found.target.exact, t.exact);
    assert_eq!(
        found.target.start,
        t.start + "A new first paragraph arrives here.\n\n".len()
    );
    // Without the old text, the quote is found by searching for it.
    let found = one(None, &new, &t).expect("found");
    assert_eq!(
        (found.method, found.target.start),
        (Method::Quote, t.start + 37)
    );
}

#[test]
fn a_repeated_phrase_sliding_into_the_old_position_does_not_fool_the_diff() {
    let old = "A: the treaty. B: the treaty.";
    let t = Target::capture(old, 18..28); // B's "the treaty"
    let new = format!("X: the treaty. {old}");
    assert_eq!(
        &new[18..28],
        "the treaty",
        "A's copy is now at the old offset"
    );
    let found = one(Some(old), &new, &t).expect("found");
    assert_eq!(
        found.target.start, 33,
        "follows its own passage, not the old offset"
    );
    assert_eq!(found.method, Method::Diff);
}

#[test]
fn duplicate_quotes_are_told_apart_by_their_context() {
    let body = "Putin said the treaty is historic. Later Kim said the treaty is historic too.";
    let second = body.rfind("the treaty is historic").expect("twice");
    let t = Target::capture(body, second..second + "the treaty is historic".len());
    // The text before both moves, so the stored position is stale and no diff is given.
    let new = format!("Update: {body}");
    let found = one(None, &new, &t).expect("found");
    assert_eq!(found.method, Method::Quote);
    assert_eq!(found.status, Status::Anchored);
    assert_eq!(found.target.prefix, t.prefix);
    assert_eq!(found.target.start, t.start + "Update: ".len());
}

#[test]
fn identical_duplicates_without_a_diff_are_only_offered_for_review() {
    let line = "Follow us on the social networks for more news today.\n";
    let old = format!("{line}{line}Body text.\n{line}{line}");
    let t = Target::capture(&old, line.len()..line.len() + 20);
    let new = format!("Intro.\n{old}");
    let found = one(None, &new, &t).expect("found");
    assert_eq!(found.status, Status::NeedsReview);
    // With the old text the diff knows which copy it was.
    let found = one(Some(&old), &new, &t).expect("found");
    assert_eq!(
        (found.status, found.target.start),
        (Status::Anchored, t.start + 7)
    );
}

#[test]
fn a_typo_fixed_inside_the_quote_is_anchored_or_flagged() {
    let old = ARTICLE.replace("reliably", "reliabley");
    let t = target(
        &old,
        "the treaty will reliabley guarantee the alliance between",
    );
    let new = format!("Intro paragraph.\n\n{ARTICLE}");
    for given in [Some(old.as_str()), None] {
        let found = one(given, &new, &t).expect("found");
        assert_eq!(
            found.target.exact,
            "the treaty will reliably guarantee the alliance between"
        );
        assert_ne!(found.status, Status::Orphan);
        if given.is_none() {
            assert_eq!(
                (found.method, found.status),
                (Method::Fuzzy, Status::NeedsReview)
            );
        } else {
            assert_eq!(
                (found.method, found.status),
                (Method::Diff, Status::Anchored)
            );
        }
    }
}

#[test]
fn a_heavily_rewritten_quote_is_an_orphan() {
    let t = target(
        ARTICLE,
        "Kim Jong-un said the treaty will reliably guarantee the alliance",
    );
    let new = ARTICLE.replace(
        "Kim Jong-un said the treaty will reliably guarantee the alliance",
        "According to Pyongyang, their pact secures a firm partnership",
    );
    assert_eq!(one(Some(ARTICLE), &new, &t), None);
    assert_eq!(one(None, &new, &t), None);
}

#[test]
fn the_quote_of_a_removed_paragraph_is_an_orphan() {
    let t = target(ARTICLE, "foresees mutual assistance in case of aggression");
    let paragraph =
        "Putin declared that the treaty foresees mutual assistance in case of aggression.\n\n";
    let new = ARTICLE.replace(paragraph, "");
    assert_eq!(one(Some(ARTICLE), &new, &t), None);
    assert_eq!(one(None, &new, &t), None);
}

#[test]
fn positions_count_code_points_in_non_ascii_text() {
    let old = "Gdańsk mayor Paweł Adamowicz was stabbed; Kaczyński spoke. 😀 Łódź reacted.";
    let t = target(old, "Łódź reacted");
    assert_eq!(
        t.start,
        old[..old.find("Łódź").expect("there")].chars().count()
    );
    let new = format!("Zażółć gęślą jaźń. {old}");
    for given in [Some(old), None] {
        let found = one(given, &new, &t).expect("found");
        assert_eq!(found.target.exact, "Łódź reacted");
        assert_eq!(
            found.target.start,
            t.start + "Zażółć gęślą jaźń. ".chars().count()
        );
        assert_eq!(found.status, Status::Anchored);
    }
    // A fuzzy match over non-ASCII characters lands on character boundaries.
    let edited = new.replace("Łódź reacted", "Łódż reactéd");
    let found = one(None, &edited, &t).expect("found");
    assert_eq!(
        (found.target.exact.as_str(), found.method),
        ("Łódż reactéd", Method::Fuzzy)
    );
}

#[test]
fn an_empty_target_follows_its_context() {
    let at = ARTICLE.find("Kim Jong-un").expect("there");
    let t = Target::capture(ARTICLE, at..at);
    assert!(t.exact.is_empty());
    let new = format!("New lead.\n\n{ARTICLE}");
    for given in [Some(ARTICLE), None] {
        let found = one(given, &new, &t).expect("found");
        assert!(found.target.is_empty());
        assert_eq!(found.target.start, t.start + "New lead.\n\n".len());
    }
    // Its context gone, a point has nothing to go by.
    let gone = ARTICLE.replace("aggression.\n\nKim Jong-un said", "aggression. Kim said");
    assert_eq!(one(None, &gone, &t), None);
    assert_eq!(one(None, "completely different", &t), None);
}

#[test]
fn a_200_character_quote_is_found_fuzzily_across_blocks() {
    let quote: String = (0..20)
        .map(|i| format!("phrase {i:02} "))
        .collect::<String>()
        .repeat(2);
    let quote = &quote[..200];
    let old = format!("Lead paragraph of the article.\n\n{quote}\n\nClosing words of the piece.");
    let t = target(&old, quote);
    assert_eq!(t.len(), 200);
    let mut edited = quote.to_string();
    edited.replace_range(5..7, "XY");
    edited.replace_range(90..92, "");
    edited.replace_range(150..151, "Z");
    edited.insert_str(195, "!!");
    let new = format!("Other lead.\n\n{}", old.replace(quote, &edited));
    let found = one(None, &new, &t).expect("found");
    assert_eq!(found.target.exact, edited);
    assert_eq!(
        (found.method, found.status),
        (Method::Fuzzy, Status::NeedsReview)
    );
    let found = one(Some(&old), &new, &t).expect("found");
    assert_eq!(found.target.exact, edited);
    assert_eq!(
        (found.method, found.status),
        (Method::Diff, Status::Anchored)
    );
}

#[test]
fn many_targets_share_one_diff() {
    let targets: Vec<Target> = ["mutual defense", "the treaty", "two states"]
        .iter()
        .map(|q| target(ARTICLE, q))
        .collect();
    let new = ARTICLE.replace("Wednesday", "Wednesday, June 19");
    let found = reanchor(Some(ARTICLE), &new, &targets);
    assert_eq!(found.len(), 3);
    for (t, f) in targets.iter().zip(&found) {
        assert_eq!(
            f.as_ref().map(|f| f.target.exact.as_str()),
            Some(t.exact.as_str())
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Text inserted anywhere outside the quote (before, after, or right at its edges)
    /// never loses it: the result is the quote's own passage.
    #[test]
    fn insertions_outside_the_quote_keep_it(
        quote_at in 0usize..4,
        inserts in proptest::collection::vec((0usize..1000, "[a-zé ,.\n]{1,40}"), 1..6),
        with_old in any::<bool>(),
    ) {
        let sentences: Vec<&str> = ARTICLE.split_inclusive(".\n\n").collect();
        let old = ARTICLE;
        let quote = sentences[quote_at].trim_end();
        let t = target(old, quote);
        let qs = old.find(quote).unwrap_or(0);
        let mut new = old.to_string();
        let mut start = qs;
        // Apply from the back so earlier offsets stay valid, keeping clear of the quote.
        let mut points: Vec<(usize, String)> = inserts
            .into_iter()
            .map(|(p, s)| {
                let outside = p % (old.len() - quote.len() + 1);
                let at = if outside <= qs { outside } else { outside + quote.len() };
                (at, s)
            })
            .collect();
        points.sort_by_key(|p| std::cmp::Reverse(p.0));
        for (at, s) in points {
            let at = (0..=at).rev().find(|&i| old.is_char_boundary(i)).unwrap_or(0);
            new.insert_str(at, &s);
            if at <= qs {
                start += s.len();
            }
        }
        let found = one(with_old.then_some(old), &new, &t);
        let found = found.expect("found");
        prop_assert_eq!(&found.target.exact, &t.exact);
        prop_assert_eq!(found.status, Status::Anchored);
        let truth = new[..start].chars().count();
        prop_assert_eq!(found.target.start, truth);
    }
}
