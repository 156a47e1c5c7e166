//! The headline: which of the page's titles to trust, and the site name to cut from it.

use crate::article::build::collapse;

/// Picks the headline: the page's `<h1>` when the meta title agrees with it, else the
/// Open Graph / JSON-LD headline, else the `<title>` without its " | Site" part.
pub fn choose_title(
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

/// The site named at the end of a page title ("Dam opens - Tri-County Gazette").
pub fn site_from_title(title: &str) -> Option<String> {
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
    fn site_from_the_title_tag() {
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
