//! Page furniture by name: elements that are not the article (menus, share bars, related
//! links, cookie banners, captions…). Lines of furniture inside the article are found
//! by [`super::lines`].
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
        "nav"
            | "aside"
            | "footer"
            | "header"
            | "menu"
            | "dialog"
            | "figcaption"
            | "form"
            | "amp-sidebar"
            | "amp-consent"
            | "amp-user-notification"
            | "amp-social-share"
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
    "paywall",
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
    "subscription",
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
    "replies",
    "subscribe",
    "taboola",
];

/// Word pairs that only mean furniture together.
const PAIRS: &[(&str, &str)] = &[
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
/// the article's topics, not the element. Engines add them by the handful; one alone is
/// a component's own name (`post-body-bio`, `section-comments`).
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
    let taxonomy = |c: &str| {
        let lower = c.to_ascii_lowercase();
        TAXONOMY.iter().any(|t| lower.starts_with(t))
    };
    if value.split_whitespace().filter(|c| taxonomy(c)).count() < 2 {
        return value.to_string();
    }
    value
        .split_whitespace()
        .filter(|c| !taxonomy(c))
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
    // schema.org's articleBody, as microdata or RDFa.
    if ["itemprop", "property"].iter().any(|a| {
        el.attr(a).is_some_and(|p| {
            p.split_whitespace()
                .any(|p| p.eq_ignore_ascii_case("articleBody"))
        })
    }) {
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
        assert_eq!(judge("<div class='read-more'>x</div>"), None); // a link, or a whole hidden half
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
        assert_eq!(
            judge("<div class='post-body-bio'>x</div>"),
            Some(Junk::Soft)
        );
        assert_eq!(
            judge("<div class='section-comments'>x</div>"),
            Some(Junk::Strong)
        );
        assert_eq!(judge("<div class='promo hidden'>x</div>"), Some(Junk::Soft));
        assert_eq!(
            judge("<div itemprop='articleBody' class='tags'>x</div>"),
            None
        );
    }
}
