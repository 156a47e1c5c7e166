//! Removing scraping debris: recognising page furniture line by line.
//!
//! The rule of thumb is *precision first*: a line is debris only when it is short and matches
//! a pattern anchored at its start (or is the whole line). A real sentence that merely
//! contains "follow" or "share" is long, or does not start with the pattern, and stays.
//! Everything removed is recorded by the caller with its reason, so nothing is lost.
//!
//! No regex: each test is a few prefix/equality checks on a lowercased, length-capped copy
//! of the line, so classifying a 50 MB line costs no more than a short one.

use super::RemovalReason;

/// Furniture lines are short; anything longer is treated as prose.
const MAX_FURNITURE_WORDS: usize = 16;
/// Cookie banners are wordier than other furniture.
const MAX_COOKIE_WORDS: usize = 45;
/// Only this many bytes of a line are ever lowercased and inspected.
const INSPECT_BYTES: usize = 400;

/// Why `line` (one input line, any surrounding whitespace) is debris, if it is. Navigation
/// is not decided here: "NEXT …" is only debris at the end of the article, see
/// [`is_navigation`].
pub fn classify(line: &str) -> Option<RemovalReason> {
    let trimmed = line.trim();
    if is_empty_like(trimmed) {
        return Some(RemovalReason::Empty);
    }
    let words = count_words(trimmed, MAX_COOKIE_WORDS + 1);
    if words > MAX_COOKIE_WORDS {
        return None;
    }
    let lower = lowercase_prefix(trimmed);
    let lower = lower.trim_end_matches(['.', '!', '…', ' ']);
    if is_cookie(lower) {
        return Some(RemovalReason::Cookie);
    }
    if words > MAX_FURNITURE_WORDS {
        return None;
    }
    if is_follow(lower, words) {
        Some(RemovalReason::Follow)
    } else if is_share(lower, words) {
        Some(RemovalReason::Share)
    } else if is_subscribe(lower) {
        Some(RemovalReason::Subscribe)
    } else if is_furniture(lower, words) {
        Some(RemovalReason::Furniture)
    } else {
        None
    }
}

/// "PREV …", "NEXT …", "Previous article", "Next story: …": links to neighbouring articles.
/// The caller only applies this to the trailing lines of an article, because "Next year…"
/// or "Next, the minister…" are ordinary sentence openings.
pub fn is_navigation(line: &str) -> bool {
    let trimmed = line.trim();
    if count_words(trimmed, MAX_FURNITURE_WORDS + 10) > MAX_FURNITURE_WORDS + 8 {
        return false;
    }
    let lower = lowercase_prefix(trimmed);
    const HEADS: [&str; 8] = [
        "prev",
        "previous",
        "next",
        "previous article",
        "next article",
        "previous story",
        "next story",
        "previous post",
    ];
    HEADS.iter().any(|head| {
        lower.strip_prefix(head).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with([' ', ':', '\u{a0}', '»', '«', '›', '‹', '>', '<', '→', '←'])
        })
    }) && !lower.starts_with("next, ")
}

/// Only whitespace (including NBSP and zero-width characters), or a few marks with no letter
/// or digit in them ("-", "***", "•").
pub fn is_empty_like(trimmed: &str) -> bool {
    let visible = trimmed.chars().filter(|c| !is_invisible(*c)).take(11);
    let mut count = 0;
    for c in visible {
        if c.is_alphanumeric() {
            return false;
        }
        count += 1;
    }
    count <= 10
}

fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

fn is_follow(lower: &str, words: usize) -> bool {
    const STARTS: [&str; 10] = [
        "follow us",
        "for latest updates",
        "for the latest updates",
        "for more updates",
        "for latest news",
        "for the latest news",
        "stay updated",
        "stay connected with us",
        "like us on facebook",
        "join us on",
    ];
    if STARTS.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    // "Follow The Times on Twitter", "Follow @handle": short, and names a platform.
    lower.starts_with("follow ") && words <= 8 && (names_platform(lower) || lower.contains('@'))
}

fn is_share(lower: &str, words: usize) -> bool {
    const EXACT: [&str; 10] = [
        "share",
        "share this",
        "share article",
        "share this article",
        "share this story",
        "share this post",
        "share via email",
        "share on social media",
        "copy link",
        "tweet",
    ];
    if EXACT.contains(&lower) {
        return true;
    }
    (lower.starts_with("share on ")
        || lower.starts_with("share to ")
        || lower.starts_with("share via "))
        && words <= 8
        && names_platform(lower)
}

fn is_subscribe(lower: &str) -> bool {
    const STARTS: [&str; 9] = [
        "subscribe to our",
        "subscribe now",
        "subscribe for",
        "sign up for our",
        "sign up to our",
        "sign up for the",
        "get our newsletter",
        "newsletter sign-up",
        "newsletter signup",
    ];
    lower == "subscribe" || STARTS.iter().any(|s| lower.starts_with(s))
}

fn is_cookie(lower: &str) -> bool {
    const STARTS: [&str; 8] = [
        "we use cookies",
        "this site uses cookies",
        "this website uses cookies",
        "our site uses cookies",
        "by continuing to use this site",
        "by using this site, you agree",
        "accept cookies",
        "accept all cookies",
    ];
    STARTS.iter().any(|s| lower.starts_with(s)) || lower == "cookie settings"
}

fn is_furniture(lower: &str, words: usize) -> bool {
    const EXACT: [&str; 38] = [
        "advertisement",
        "advertisment",
        "sponsored",
        "sponsored content",
        "story continues below advertisement",
        "article continues below advertisement",
        "continue reading",
        "continue reading below",
        "read more",
        "scroll to continue with content",
        "skip advertisement",
        "loading",
        "print",
        "related",
        "listen to this article",
        "listen",
        "play video",
        "watch video",
        "most read",
        "most popular",
        "trending",
        "trending now",
        "recommended",
        "more on this story",
        "top stories",
        "related topics",
        "related stories",
        "leave a comment",
        "show comments",
        "view comments",
        "back to top",
        "skip to content",
        "skip to main content",
        "image",
        "video",
        "audio",
        "sign in",
        "log in",
    ];
    // "5 min read", "12 minute read".
    if let Some((n, rest)) = lower.split_once(' ')
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
        && ["min read", "minute read", "mins read"].contains(&rest)
    {
        return true;
    }
    if EXACT.contains(&lower) {
        return true;
    }
    if LINK_LABELS.contains(&lower) {
        return true;
    }
    // "Read more: <other article>", "ALSO READ | …", "Watch: …", "Tags: …", "Click here to …".
    if words <= 14
        && LINK_LABELS.iter().any(|label| {
            lower.strip_prefix(label).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with([':', '|', '»', '›', '-', '–', '—'])
            })
        })
    {
        return true;
    }
    const STARTS: [&str; 2] = ["click here to ", "click here for "];
    words <= 14 && STARTS.iter().any(|s| lower.starts_with(s))
}

/// Labels that announce a link to another page, alone or before `:`/`|`/`»`/`-` and a
/// headline ("ALSO READ | Central bank holds rates").
const LINK_LABELS: [&str; 26] = [
    "read more",
    "also read",
    "read also",
    "must read",
    "read next",
    "related",
    "related articles",
    "related article",
    "related news",
    "related content",
    "related posts",
    "related story",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "don't miss",
    "don’t miss",
    "more from",
    "watch",
    "listen",
    "tags",
    "topics",
    "trending",
    "see more",
    "more stories",
];

fn names_platform(lower: &str) -> bool {
    const PLATFORMS: [&str; 14] = [
        "facebook",
        "twitter",
        " x",
        "instagram",
        "google news",
        "telegram",
        "whatsapp",
        "linkedin",
        "youtube",
        "tiktok",
        "threads",
        "bluesky",
        "email",
        "reddit",
    ];
    PLATFORMS.iter().any(|p| lower.contains(p))
}

/// Counts whitespace-separated words, stopping at `cap` so huge lines cost nothing.
pub fn count_words(text: &str, cap: usize) -> usize {
    text.split_whitespace().take(cap).count()
}

/// Lowercased copy of at most [`INSPECT_BYTES`] of `text`, cut on a char boundary, with NBSP
/// turned into a plain space so patterns match scraped text.
fn lowercase_prefix(text: &str) -> String {
    let mut end = text.len().min(INSPECT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let lower = text[..end].to_lowercase();
    if lower.contains('\u{a0}') {
        lower.replace('\u{a0}', " ")
    } else {
        lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RemovalReason::*;

    #[test]
    fn empty_like_lines() {
        for line in [
            "",
            "   ",
            "\u{a0}",
            " \u{a0} \t",
            "-",
            "***",
            "•",
            "\u{200b}",
        ] {
            assert_eq!(classify(line), Some(Empty), "{line:?}");
        }
        assert_eq!(classify("1"), None);
        assert_eq!(classify("-- a"), None);
    }

    #[test]
    fn link_labels_before_another_headline() {
        for line in [
            "ALSO READ | Central bank holds rates steady",
            "Read more: Why fusion is always thirty years away",
            "Watch: How oil prices affect your grocery bill",
            "Tags: Oil, Markets, Inflation",
            "Related » Storm clean-up begins",
            "You may also like",
        ] {
            assert_eq!(classify(line), Some(Furniture), "{line:?}");
        }
        // The same words opening real sentences stay.
        for line in [
            "Watch the skies tonight for the meteor shower.",
            "Related research has found the same effect in mice.",
            "Tags on the fish showed they travelled 2,000 km.",
        ] {
            assert_eq!(classify(line), None, "{line:?}");
        }
    }

    #[test]
    fn follow_lines() {
        for line in [
            "For Latest Updates Follow us on Google\u{a0}News",
            "Follow us on Twitter",
            "Follow The Daily Planet on Instagram",
            "Follow @dailyplanet",
            "Like us on Facebook!",
        ] {
            assert_eq!(classify(line), Some(Follow), "{line:?}");
        }
    }

    #[test]
    fn share_subscribe_cookie_furniture() {
        let cases = [
            ("Share on Facebook", Share),
            ("Share this article", Share),
            ("SHARE", Share),
            ("Share via Email", Share),
            ("Subscribe to our newsletter", Subscribe),
            ("Sign up for our daily briefing.", Subscribe),
            (
                "We use cookies to improve your experience. By continuing you accept them.",
                Cookie,
            ),
            ("Accept all cookies", Cookie),
            ("Advertisement", Furniture),
            ("ADVERTISEMENT", Furniture),
            ("Story continues below advertisement", Furniture),
            ("Click here to read the full report", Furniture),
            ("Read more: Ministers clash over budget", Furniture),
            ("Related: The hidden cost of cheap flights", Furniture),
            ("Listen to this article", Furniture),
            ("5 min read", Furniture),
            ("Most read", Furniture),
        ];
        for (line, reason) in cases {
            assert_eq!(classify(line), Some(reason), "{line:?}");
        }
    }

    #[test]
    fn real_sentences_are_kept() {
        for line in [
            "Investors who follow the company closely were not surprised by the results.",
            "Follow the money, the detective told the jury on Tuesday, and you will find the killer.",
            "Shares in the company fell by 4% after the announcement.",
            "Share prices rose on Monday.",
            "The union said it would share the findings with members next week.",
            "Subscribers to the service will be refunded, the company said.",
            "Cookies and cakes were sold at the fair to raise money for the school.",
            "Advertisements for the product were banned in 2019.",
            "Read more about the plan on page four, the leaflet says, which is unusual.",
            "Next year the government will review the law.",
            "Click",
        ] {
            assert_eq!(classify(line), None, "{line:?}");
        }
    }

    #[test]
    fn navigation_lines() {
        assert!(is_navigation("PREV “There is also a lot here”"));
        assert!(is_navigation(
            "NEXT After the crime, the president admits concern"
        ));
        assert!(is_navigation("Next article: Markets rally"));
        assert!(is_navigation("Previous"));
        assert!(!is_navigation("Nextel shares fell."));
        assert!(!is_navigation("Next, the minister spoke."));
    }

    #[test]
    fn huge_line_is_cheap_and_kept() {
        let line = "word ".repeat(1_000_000);
        assert_eq!(classify(&line), None);
        assert!(!is_navigation(&line));
    }

    #[test]
    fn multibyte_cut_is_safe() {
        let line = "é".repeat(INSPECT_BYTES);
        assert_eq!(classify(&line), None);
    }
}
