//! Page furniture: elements that are not the article (menus, share bars, related links,
//! cookie banners, captions…) and short lines inside it that are not prose (bylines,
//! datelines, "Related stories" headings).
//!
//! An element is judged by its tag, its ARIA role and the words of its `class`, `id` and
//! a few test/component attributes sites use (`data-component`, `data-testid`…). The
//! words are split at punctuation and camelCase, so `article__related-links`,
//! `relatedLinks` and `related_links` all say "related". The caller still protects an
//! element that holds most of the page's prose (a `<div class="page has-sidebar">`
//! wrapping the whole article is not a sidebar).

use scraper::node::Element;

/// How sure the judgement is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Junk {
    /// Structure or naming says furniture; the caller keeps it if it holds the article.
    Soft,
    /// Comments, cookie banners, newsletters, ad networks: dropped even when large.
    Strong,
}

/// Tags that are furniture by nature.
fn junk_tag(name: &str) -> bool {
    matches!(
        name,
        "nav" | "aside" | "footer" | "header" | "menu" | "dialog" | "figcaption" | "form"
    )
}

/// Words of class/id naming furniture; exact matches on the split words.
const SOFT_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "adunit",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "alert",
    "aside",
    "author",
    "authors",
    "banner",
    "bio",
    "boilerplate",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "bylines",
    "caption",
    "captions",
    "contributor",
    "contributors",
    "contact",
    "contacts",
    "copyright",
    "credit",
    "credits",
    "dateline",
    "donate",
    "donation",
    "embed",
    "figcaption",
    "follow",
    "footer",
    "header",
    "kicker",
    "login",
    "masthead",
    "menu",
    "menubar",
    "meta",
    "modal",
    "most",
    "mostread",
    "mostpopular",
    "nav",
    "navbar",
    "navigation",
    "next",
    "overlay",
    "pagination",
    "pager",
    "paid",
    "partner",
    "popular",
    "popup",
    "prev",
    "previous",
    "promo",
    "promos",
    "promoted",
    "promotion",
    "rail",
    "recirc",
    "recirculation",
    "recommend",
    "recommendation",
    "recommendations",
    "recommended",
    "register",
    "related",
    "search",
    "share",
    "sharebar",
    "shares",
    "sharing",
    "sidebar",
    "signin",
    "signup",
    "skip",
    "skiplink",
    "social",
    "sponsor",
    "sponsored",
    "sronly",
    "tag",
    "tags",
    "teaser",
    "teasers",
    "timestamp",
    "toolbar",
    "tools",
    "topics",
    "trending",
    "tweet",
    "upsell",
    "widget",
    "widgets",
];

/// Words naming furniture that can outweigh an article (comment threads) or that no
/// article container is ever named after.
const STRONG_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commento",
    "consent",
    "cookie",
    "cookies",
    "disqus",
    "gdpr",
    "newsletter",
    "newsletters",
    "outbrain",
    "paywall",
    "replies",
    "subscribe",
    "subscription",
    "taboola",
];

/// Word pairs that only mean furniture together.
const PAIRS: &[(&str, &str)] = &[
    ("read", "more"),
    ("more", "stories"),
    ("more", "from"),
    ("visually", "hidden"),
    ("sr", "only"),
    ("screen", "reader"),
    ("you", "may"),
    ("see", "also"),
    ("most", "read"),
];

/// Roles of furniture landmarks and widgets.
fn junk_role(role: &str) -> bool {
    matches!(
        role,
        "navigation"
            | "banner"
            | "contentinfo"
            | "complementary"
            | "menu"
            | "menubar"
            | "dialog"
            | "alertdialog"
            | "search"
            | "toolbar"
            | "tablist"
    )
}

/// Splits a class/id value into lowercase words at punctuation and camelCase humps.
pub fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The classes of a `class` value that say what the element is, without the taxonomy
/// classes blog engines add (`tag-comment`, `category-newsletter`, `post-123`), which name
/// the article's topics, not the element.
fn own_classes(value: &str) -> String {
    const TAXONOMY: [&str; 8] = [
        "tag-",
        "category-",
        "post-",
        "postid-",
        "format-",
        "status-",
        "type-",
        "section-",
    ];
    value
        .split_whitespace()
        .filter(|c| {
            let lower = c.to_ascii_lowercase();
            !TAXONOMY.iter().any(|t| lower.starts_with(t))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The attributes whose words name what an element is.
const NAMING_ATTRS: [&str; 7] = [
    "class",
    "id",
    "data-component",
    "data-testid",
    "data-module",
    "data-gu-name",
    "itemprop",
];

/// Judges one element by its tag, role and names. `None`: nothing says furniture.
pub fn classify(el: &Element) -> Option<Junk> {
    let name = el.name();
    if matches!(name, "html" | "body" | "main" | "h1" | "h2" | "h3") {
        return None;
    }
    if el
        .attr("role")
        .is_some_and(|r| r.eq_ignore_ascii_case("main"))
    {
        return None;
    }
    if el
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        return None;
    }
    let mut verdict = None;
    if junk_tag(name) {
        verdict = Some(Junk::Soft);
    }
    if el
        .attr("role")
        .is_some_and(|r| junk_role(&r.to_ascii_lowercase()))
        || el.attr("aria-hidden") == Some("true")
    {
        verdict = Some(Junk::Soft);
    }
    if el.attr("class").is_some_and(|c| {
        c.split_whitespace().any(|class| {
            matches!(
                class.to_ascii_lowercase().as_str(),
                "hidden" | "hide" | "d-none" | "is-hidden" | "invisible" | "noprint" | "no-print"
            )
        })
    }) {
        verdict = Some(Junk::Soft);
    }
    for attr in NAMING_ATTRS {
        let Some(value) = el.attr(attr) else { continue };
        let ws = if attr == "class" {
            words(&own_classes(value))
        } else {
            words(value)
        };
        if ws.iter().any(|w| STRONG_WORDS.contains(&w.as_str())) {
            return Some(Junk::Strong);
        }
        if ws.iter().any(|w| SOFT_WORDS.contains(&w.as_str()))
            || PAIRS
                .iter()
                .any(|(a, b)| ws.windows(2).any(|p| p[0] == *a && p[1] == *b))
        {
            verdict = Some(Junk::Soft);
        }
    }
    verdict
}

/// Headings that introduce furniture rather than a section of the article.
pub fn is_furniture_heading(text: &str) -> bool {
    let lower = text.trim().trim_end_matches([':', '.']).to_lowercase();
    const HEADS: &[&str] = &[
        "related",
        "related stories",
        "related articles",
        "related content",
        "related coverage",
        "related topics",
        "related links",
        "read more",
        "more on this story",
        "more from",
        "more stories",
        "more news",
        "most read",
        "most popular",
        "most viewed",
        "trending",
        "top stories",
        "recommended",
        "you may also like",
        "you might also like",
        "also read",
        "see also",
        "comments",
        "share",
        "share this",
        "share this article",
        "share this story",
        "newsletter",
        "sign up",
        "advertisement",
        "topics",
        "tags",
        "about the author",
        "more in",
        "latest",
        "latest news",
        "editor's picks",
        "follow us",
    ];
    const LABELS: [&str; 9] = [
        "watch",
        "listen",
        "video",
        "read more",
        "read",
        "related",
        "see also",
        "more",
        "also read",
    ];
    const OPEN_HEADS: [&str; 5] = [
        "more from ",
        "more in ",
        "more on ",
        "latest from ",
        "most read in ",
    ];
    HEADS.iter().any(|h| {
        lower == *h
            || lower
                .strip_prefix(h)
                .is_some_and(|rest| rest.starts_with(':') && rest.len() < 30)
    }) || LABELS.iter().any(|l| {
        lower
            .strip_prefix(l)
            .is_some_and(|rest| rest.starts_with(':'))
    }) || OPEN_HEADS
        .iter()
        .any(|h| lower.starts_with(h) && lower.len() < h.len() + 30)
        || lower.ends_with(" comments")
        || lower.starts_with("comments (")
}

/// Page-footer legalese: "© 2024 …", "Copyright …", "All rights reserved", "Powered by …".
pub fn is_legal_line(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.split_whitespace().count() > 40 {
        return false;
    }
    let lower = trimmed.to_lowercase();
    lower.starts_with('©')
        || lower.starts_with("copyright")
        || lower.starts_with("(c) ")
        || lower.contains("all rights reserved")
        || lower.starts_with("powered by ")
        || lower.starts_with("proudly powered by")
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A short line that only says who wrote the piece or when: "By Jane Doe", "Jane Doe,
/// BBC News", "Published 19 June 2024", "Updated 3 hours ago", "June 19, 2024 10:00 AM".
pub fn is_byline_or_dateline(text: &str) -> bool {
    let trimmed = text.trim();
    let wc = trimmed.split_whitespace().count();
    if wc == 0 || wc > 14 {
        return false;
    }
    let lower = trimmed.to_lowercase();
    const HEADS: [&str; 10] = [
        "by ",
        "published",
        "updated",
        "last updated",
        "posted",
        "first published",
        "written by",
        "words by",
        "reporting by",
        "modified",
    ];
    if HEADS.iter().any(|h| lower.starts_with(h)) && !trimmed.ends_with(['.', '?', '!', '"', '”'])
    {
        return true;
    }
    if wc <= 8 && (lower.ends_with(" ago") || lower.contains(" ago ")) {
        return true;
    }
    is_date_only(&lower)
}

/// A line made of a date and time and nothing else (month names, numbers, am/pm, zones).
fn is_date_only(lower: &str) -> bool {
    const FILLER: &[&str] = &[
        "am",
        "pm",
        "a",
        "p",
        "m",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "est",
        "edt",
        "pst",
        "pdt",
        "et",
        "pt",
        "mon",
        "monday",
        "tue",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
        "at",
        "on",
        "the",
    ];
    let mut month = false;
    let mut digits = false;
    let separators = |c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '-' | '.' | '·');
    for w in lower.split(separators).filter(|w| !w.is_empty()) {
        let number = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        if w.chars().all(|c| c.is_ascii_digit() || c == ':') {
            digits = true;
        } else if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
            digits = true; // 19th, 1st
        } else if MONTHS.iter().any(|m| w.starts_with(m)) && w.len() <= 9 {
            month = true;
        } else if !FILLER.contains(&w) {
            return false;
        }
    }
    digits && (month || lower.contains(':') || lower.matches(['-', '/']).count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn judge(html: &str) -> Option<Junk> {
        let doc = Html::parse_fragment(html);
        let el = doc
            .root_element()
            .first_child()
            .and_then(|n| n.value().as_element().cloned());
        el.and_then(|e| classify(&e))
    }

    #[test]
    fn class_words_split_at_punctuation_and_humps() {
        assert_eq!(
            words("article__related-links relatedLinks sr_only"),
            [
                "article", "related", "links", "related", "links", "sr", "only"
            ]
        );
    }

    #[test]
    fn furniture_elements() {
        assert_eq!(judge("<nav>x</nav>"), Some(Junk::Soft));
        assert_eq!(judge("<div class='share-tools'>x</div>"), Some(Junk::Soft));
        assert_eq!(judge("<div id='cookieBanner'>x</div>"), Some(Junk::Strong));
        assert_eq!(
            judge("<section class='comments'>x</section>"),
            Some(Junk::Strong)
        );
        assert_eq!(judge("<div role='navigation'>x</div>"), Some(Junk::Soft));
        assert_eq!(judge("<div class='read-more'>x</div>"), Some(Junk::Soft));
        assert_eq!(judge("<div class='article-body'>x</div>"), None);
        assert_eq!(judge("<div class='adapt loaded'>x</div>"), None);
        assert_eq!(judge("<div class='shared-layout'>x</div>"), None);
        assert_eq!(judge("<p class='caption'>x</p>"), Some(Junk::Soft));
        assert_eq!(judge("<p class='paragraph inline-placeholder'>x</p>"), None);
        assert_eq!(
            judge("<article class='post type-post tag-comment category-newsletter'>x</article>"),
            None
        );
        assert_eq!(judge("<div class='col hidden-xs'>x</div>"), None);
        assert_eq!(judge("<div class='promo hidden'>x</div>"), Some(Junk::Soft));
        assert_eq!(
            judge("<div itemprop='articleBody' class='tags'>x</div>"),
            None
        );
    }

    #[test]
    fn furniture_headings() {
        assert!(is_furniture_heading("Related stories"));
        assert!(is_furniture_heading("More on this story:"));
        assert!(is_furniture_heading("42 comments"));
        assert!(is_furniture_heading("Watch: What we know so far"));
        assert!(!is_furniture_heading("Related risks grow in the region"));
        assert!(!is_furniture_heading("Reaction"));
    }

    #[test]
    fn legal_lines() {
        assert!(is_legal_line("© 2024 Planet Media. All rights reserved."));
        assert!(is_legal_line("Copyright 2009 Gazette"));
        assert!(!is_legal_line("The copyright case was heard on Monday."));
    }

    #[test]
    fn bylines_and_datelines() {
        for line in [
            "By Jane Doe",
            "By Jane Doe and John Roe, BBC News",
            "Published 19 June 2024",
            "Updated: June 19, 2024 10:00 a.m. ET",
            "3 hours ago",
            "19 June 2024, 10:00 BST",
            "2024-06-19 10:00",
            "Wednesday 19 June 2024 14.03 BST",
        ] {
            assert!(is_byline_or_dateline(line), "{line}");
        }
        for line in [
            "By the end of the year, prices had doubled.",
            "The vote is on 19 June.",
            "Published reports say the deal collapsed.",
            "Prices rose 5% in 2024.",
        ] {
            assert!(!is_byline_or_dateline(line), "{line}");
        }
    }
}
