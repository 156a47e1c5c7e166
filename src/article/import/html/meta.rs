//! What a page says about its article besides the text: headline, site, author, canonical
//! URL, publication date and summary, from `<meta>` tags (Open Graph, Twitter, Dublin
//! Core, parsely…), `<link rel>`, JSON-LD, and as a last resort the visible byline and
//! `<time>` elements.

use std::collections::HashMap;

use scraper::{ElementRef, Html};

use super::jsonld::{self, LdArticle};
use super::junk::{is_byline_or_dateline, words};
use crate::article::build::collapse;
use crate::article::import::date;

/// The page's own account of the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: String,
    pub description: Option<String>,
    pub site: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// Every `<h1>` of the page, collapsed (the extractor drops the one that is the title).
    pub h1s: Vec<String>,
    /// JSON-LD facts, `articleBody` included.
    pub ld: LdArticle,
}

/// Reads the metadata of `doc`.
pub fn read(doc: &Html) -> PageMeta {
    let mut metas: HashMap<String, String> = HashMap::new();
    let mut scripts = Vec::new();
    let mut canonical = None;
    let mut title_tag = None;
    let mut h1s = Vec::new();
    let mut time = None;
    let mut byline = None;
    let mut dateline = None;
    for el in doc.root_element().descendent_elements() {
        let v = el.value();
        match v.name() {
            "meta" => {
                let key = v
                    .attr("property")
                    .or_else(|| v.attr("name"))
                    .or_else(|| v.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, v.attr("content")) {
                    let content = collapse(content);
                    if !content.is_empty() {
                        metas.entry(key.to_ascii_lowercase()).or_insert(content);
                    }
                }
            }
            "script"
                if v.attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                scripts.push(el.text().collect::<String>());
            }
            "link" => {
                let rel = v.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && canonical.is_none() {
                    canonical = v.attr("href").map(str::trim).map(str::to_string);
                }
            }
            "title" if title_tag.is_none() => title_tag = Some(text_of(el)),
            "h1" => h1s.push(text_of(el)),
            "time" if time.is_none() => {
                time = v
                    .attr("datetime")
                    .map(str::to_string)
                    .or_else(|| Some(text_of(el)));
            }
            _ => {}
        }
        if byline.is_none() {
            byline = byline_of(el);
        }
        if dateline.is_none() {
            dateline = dateline_of(el);
        }
    }
    h1s.retain(|h| !h.is_empty());
    let ld = jsonld::read(&scripts);
    let get = |keys: &[&str]| keys.iter().find_map(|k| metas.get(*k).cloned());

    let site = get(&["og:site_name", "application-name", "twitter:site:name"])
        .or_else(|| ld.publisher.clone())
        .or_else(|| get(&["publisher", "dc.publisher", "cxenseparse:site"]))
        .or_else(|| title_tag.as_deref().and_then(site_from_title));
    let og_title = get(&["og:title", "twitter:title", "dc.title", "headline"]);
    let title = choose_title(
        og_title.as_deref(),
        ld.headline.as_deref(),
        &h1s,
        title_tag.as_deref(),
        site.as_deref(),
    );
    let description = get(&["og:description", "description", "twitter:description"])
        .or_else(|| ld.description.clone());
    let url = absolute(canonical)
        .or_else(|| absolute(get(&["og:url", "twitter:url"])))
        .or_else(|| absolute(ld.url.clone()));
    let published = [
        get(&[
            "article:published_time",
            "og:published_time",
            "article.published",
        ]),
        ld.published.clone(),
        get(&[
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "parsely-pub-date",
            "sailthru.date",
            "dc.date.issued",
            "dcterms.date",
            "dc.date",
            "date",
            "article:published",
            "og:updated_time",
            "article:modified_time",
        ]),
        time,
    ]
    .into_iter()
    .flatten()
    .find_map(|d| parse_date(&d))
    .or(dateline);
    let person = |a: &String| !a.starts_with("http") && Some(a) != site.as_ref();
    let ld_authors: Vec<String> = ld.authors.iter().filter(|a| person(a)).cloned().collect();
    let author = join_names(&ld_authors)
        .or_else(|| {
            get(&[
                "author",
                "article:author",
                "dc.creator",
                "parsely-author",
                "byl",
            ])
            .map(|a| meta_author(&a))
            .filter(person)
        })
        .or(byline)
        .or_else(|| get(&["author"]).filter(|a| !a.starts_with("http")));
    PageMeta {
        title,
        description,
        site,
        author,
        url,
        published,
        h1s,
        ld,
    }
}

fn text_of(el: ElementRef<'_>) -> String {
    collapse(&el.text().collect::<String>())
}

/// The text of `el` with a space between its text nodes (`<span>By A</span><span>Site`).
fn spaced_text_of(el: ElementRef<'_>) -> String {
    collapse(&el.text().collect::<Vec<_>>().join(" "))
}

/// A date from a visible dateline ("Posted 2007-02-28") directly inside `el`, for pages
/// that declare none.
fn dateline_of(el: ElementRef<'_>) -> Option<String> {
    if matches!(el.value().name(), "script" | "style" | "title") {
        return None;
    }
    el.children().find_map(|c| {
        let text = c.value().as_text()?;
        let text = text.trim();
        (text.len() < 80 && is_byline_or_dateline(text))
            .then(|| parse_date(text))
            .flatten()
    })
}

/// An author meta tag: "By A, B" → "A and B".
fn meta_author(value: &str) -> String {
    let value = value.trim();
    let value = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| value.strip_prefix(p))
        .unwrap_or(value);
    let names: Vec<String> = value
        .split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .map(clean_byline)
        .filter(|n| !n.is_empty())
        .collect();
    join_names(&names).unwrap_or_default()
}

/// The site named at the end of a page title ("Dam opens - Tri-County Gazette").
fn site_from_title(title: &str) -> Option<String> {
    const SEPARATORS: [&str; 4] = [" | ", " - ", " – ", " — "];
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|s| title.rfind(s).map(|i| (i, *s)))
        .max_by_key(|(i, _)| *i)?;
    let tail = title[at + sep.len()..].trim();
    let head_words = title[..at].split_whitespace().count();
    let tail_words = tail.split_whitespace().count();
    ((1..=4).contains(&tail_words) && head_words >= 3).then(|| tail.to_string())
}

fn absolute(url: Option<String>) -> Option<String> {
    url.filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(one.clone()),
        [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
    }
}

/// The author named by a byline element (`class="byline"`, `itemprop="author"`,
/// `rel="author"`), if `el` is one.
fn byline_of(el: ElementRef<'_>) -> Option<String> {
    let v = el.value();
    let rel_author = v
        .attr("rel")
        .is_some_and(|r| r.eq_ignore_ascii_case("author"));
    let itemprop = v
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("author"));
    let named = ["class", "id", "data-testid", "data-component"]
        .iter()
        .any(|a| {
            v.attr(a).is_some_and(|c| {
                let ws = words(c);
                ws.iter()
                    .any(|w| matches!(w.as_str(), "byline" | "author" | "authors"))
                    && !ws
                        .iter()
                        .any(|w| matches!(w.as_str(), "bio" | "image" | "avatar" | "photo"))
            })
        });
    if !(rel_author || itemprop || named) {
        return None;
    }
    if itemprop
        && let Some(name) = el
            .descendent_elements()
            .find(|e| e.value().attr("itemprop") == Some("name"))
    {
        let name = v
            .attr("content")
            .map(collapse)
            .unwrap_or_else(|| text_of(name));
        return Some(clean_byline(&name)).filter(|n| plausible_name(n));
    }
    let by_node = el
        .text()
        .map(str::trim)
        .find(|t| t.starts_with("By ") || t.starts_with("by "))
        .map(collapse);
    let text = v
        .attr("content")
        .map(collapse)
        .or(by_node)
        .unwrap_or_else(|| spaced_text_of(el));
    Some(clean_byline(&text)).filter(|n| plausible_name(n))
}

/// "By Jane Doe, Chief Reporter | 19 June" → "Jane Doe".
pub fn clean_byline(text: &str) -> String {
    let text = collapse(text).replace('\n', " ");
    let mut t = text.trim();
    for prefix in ["By ", "by ", "BY ", "Written by ", "Words by ", "Author: "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim();
        }
    }
    let cut = [
        " | ",
        ",",
        " - ",
        " – ",
        " — ",
        " on ",
        " Updated",
        " Published",
        "\u{2022}",
    ]
    .iter()
    .filter_map(|s| t.find(s))
    .min()
    .unwrap_or(t.len());
    t[..cut].trim().trim_end_matches(['.', ':']).to_string()
}

/// Looks like a person's (or a few persons') name: 1–8 words, starting with a capital,
/// no digits.
fn plausible_name(name: &str) -> bool {
    let wc = name.split_whitespace().count();
    (1..=8).contains(&wc)
        && name.chars().next().is_some_and(char::is_uppercase)
        && !name.chars().any(|c| c.is_ascii_digit())
}

/// Picks the headline: the page's `<h1>` when the meta title agrees with it, else the
/// Open Graph / JSON-LD headline, else the `<title>` without its " | Site" part.
fn choose_title(
    og: Option<&str>,
    ld: Option<&str>,
    h1s: &[String],
    title_tag: Option<&str>,
    site: Option<&str>,
) -> String {
    let reference: Vec<String> = [og, ld, title_tag]
        .into_iter()
        .flatten()
        .map(|t| strip_site_suffix(t, site))
        .filter(|t| !t.is_empty())
        .collect();
    let agrees = |h: &String| reference.iter().any(|r| similar(h, r));
    if let Some(h1) = h1s.iter().find(|h| agrees(h)) {
        return h1.clone();
    }
    if let Some(first) = reference.first() {
        return first.clone();
    }
    h1s.first().cloned().unwrap_or_default()
}

/// Most words of the shorter title appear in the longer one.
fn similar(a: &str, b: &str) -> bool {
    let wa = title_words(a);
    let wb = title_words(b);
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if short.is_empty() {
        return false;
    }
    let shared = short.iter().filter(|w| long.contains(w)).count();
    shared * 10 >= short.len() * 7 && short.len() * 2 >= long.len()
}

fn title_words(t: &str) -> Vec<String> {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Removes a site name from either end of a page title: "Dam opens | Daily Planet",
/// "Dam opens - World - Daily Planet", "Daily Planet: Dam opens".
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " / "];
    let mut t = collapse(title).replace('\n', " ");
    let site_lower = site.map(|s| s.trim().to_lowercase());
    let is_site = |part: &str| {
        let p = part.trim().to_lowercase();
        site_lower
            .as_ref()
            .is_some_and(|s| !s.is_empty() && (p == *s || p.contains(s.as_str()) || s.contains(&p)))
    };
    while let Some((sep, at)) = SEPARATORS
        .iter()
        .filter_map(|s| t.rfind(s).map(|i| (*s, i)))
        .max_by_key(|(_, i)| *i)
    {
        let (head, tail) = (&t[..at], &t[at + sep.len()..]);
        let tail_words = tail.split_whitespace().count();
        let head_words = head.split_whitespace().count();
        if is_site(tail) || (tail_words <= 3 && head_words >= 4 && site_lower.is_none()) {
            t = head.trim().to_string();
        } else {
            break;
        }
    }
    // "Site: Title" and "Site | Title".
    for sep in [": ", " | ", " - "] {
        if let Some((head, tail)) = t.split_once(sep)
            && is_site(head)
            && tail.split_whitespace().count() >= 3
        {
            t = tail.trim().to_string();
        }
    }
    t
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date as found in a page, in the ISO 8601 form [`Meta::published`] stores. Besides
/// what [`date::normalize`] reads: `2024/06/19`, `20240619`, `June 19, 2024`,
/// `19 June 2024` (with a time after it ignored).
///
/// [`Meta::published`]: crate::article::Meta
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(&text[..4], &text[4..6], &text[6..]);
    }
    if let Some(d) = date::normalize(text) {
        return Some(d);
    }
    // 2024/06/19, 2024.06.19, or an ISO date inside a line ("Posted 2024-06-19").
    for word in text.split_whitespace() {
        let head = word.split('T').next().unwrap_or("");
        let parts: Vec<&str> = head.split(['/', '.', '-']).collect();
        if let [y, m, d] = parts[..]
            && y.len() == 4
            && let Some(d) = ymd(y, m, d)
        {
            return Some(d);
        }
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    for i in 0..words.len() {
        let Some(m) = MONTHS.iter().position(|m| {
            words[i].starts_with(m)
                && words[i].len() <= 10
                && words[i].chars().all(char::is_alphabetic)
        }) else {
            continue;
        };
        let month = format!("{}", m + 1);
        let num = |w: Option<&String>| {
            w.map(|w| w.trim_end_matches(|c: char| c.is_alphabetic() || c == '.'))
                .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                .map(str::to_string)
        };
        let (before, after, after2) = (
            i.checked_sub(1).and_then(|j| num(words.get(j))),
            num(words.get(i + 1)),
            num(words.get(i + 2)),
        );
        // June 19, 2024 / 19 June 2024
        let found = match (before, after, after2) {
            (_, Some(d), Some(y)) if y.len() == 4 && d.len() <= 2 => ymd(&y, &month, &d),
            (Some(d), Some(y), _) if y.len() == 4 && d.len() <= 2 => ymd(&y, &month, &d),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_are_stripped() {
        let site = Some("Daily Planet");
        assert_eq!(
            strip_site_suffix("Dam opens | Daily Planet", site),
            "Dam opens"
        );
        assert_eq!(
            strip_site_suffix("Dam opens on time - World - Daily Planet", site),
            "Dam opens on time - World"
        );
        assert_eq!(
            strip_site_suffix("Daily Planet: Dam opens at last", site),
            "Dam opens at last"
        );
        assert_eq!(
            strip_site_suffix("Dam opens after ten years of work – BBC News", None),
            "Dam opens after ten years of work"
        );
        assert_eq!(
            strip_site_suffix("Rock - paper - scissors", None),
            "Rock - paper - scissors"
        );
    }

    #[test]
    fn dates_in_page_forms() {
        assert_eq!(
            parse_date("2024-06-19T10:00:00Z").as_deref(),
            Some("2024-06-19T10:00:00Z")
        );
        assert_eq!(parse_date("2024/06/19").as_deref(), Some("2024-06-19"));
        assert_eq!(parse_date("20240619").as_deref(), Some("2024-06-19"));
        assert_eq!(
            parse_date("June 19, 2024 10:03 AM ET").as_deref(),
            Some("2024-06-19")
        );
        assert_eq!(
            parse_date("Wed 19 June 2024 14.03 BST").as_deref(),
            Some("2024-06-19")
        );
        assert_eq!(
            parse_date("Published 3rd March 2021").as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(
            parse_date("Posted 2007-02-28").as_deref(),
            Some("2007-02-28")
        );
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2024-13-45"), None);
    }

    #[test]
    fn bylines_are_cleaned() {
        assert_eq!(clean_byline("By Jane Doe, BBC News"), "Jane Doe");
        assert_eq!(clean_byline("  by\n Jane Doe | June 19"), "Jane Doe");
        assert_eq!(
            clean_byline("Jane Doe and John Roe"),
            "Jane Doe and John Roe"
        );
        assert_eq!(
            meta_author("By Jane Doe, John Roe and Ann Poe"),
            "Jane Doe, John Roe and Ann Poe"
        );
        assert_eq!(
            site_from_title("Dam opens at last - Tri-County Gazette").as_deref(),
            Some("Tri-County Gazette")
        );
        assert_eq!(site_from_title("Dam opens"), None);
    }

    #[test]
    fn title_prefers_the_h1_that_matches() {
        let h1s = vec!["Menu".to_string(), "Dam opens after decade".to_string()];
        let t = choose_title(
            Some("Dam opens after decade of work"),
            None,
            &h1s,
            Some("Dam opens after decade | Planet"),
            Some("Planet"),
        );
        assert_eq!(t, "Dam opens after decade");
        let t = choose_title(None, None, &[], Some("Dam opens | Planet"), Some("Planet"));
        assert_eq!(t, "Dam opens");
    }
}
