//! What a page says about its article besides the text: headline, site, author, canonical
//! URL, publication date and summary, from `<meta>` tags (Open Graph, Twitter, Dublin
//! Core, parsely…), `<link rel>`, JSON-LD, and as a last resort the visible byline and
//! `<time>` elements.

use std::collections::HashMap;

use scraper::{ElementRef, Html};

use super::dates::parse_date;
use super::jsonld::{self, LdArticle};
use super::junk::words;
use super::lines::is_byline_or_dateline;
use super::title::{choose_title, site_from_title};
use crate::article::build::collapse;

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
            "article:publicationdate",
            "publication_date",
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
    let itemprop = v.attr("itemprop").is_some_and(|p| {
        p.split_whitespace()
            .any(|p| p.eq_ignore_ascii_case("author"))
    });
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
    for prefix in [
        "By ",
        "by ",
        "BY ",
        "By: ",
        "by: ",
        "BY: ",
        "Written by ",
        "Words by ",
        "Author: ",
    ] {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
