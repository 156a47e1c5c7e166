//! Dates as pages write them, normalised to the ISO 8601 forms stored in
//! [`Meta::published`](crate::article::Meta).

use crate::article::import::date;

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
        // A year a little later, past a time: "Fri Mar 13 21:30:09 EST 2015".
        let later_year = || {
            (i + 2..(i + 5).min(words.len()))
                .filter_map(|j| num(words.get(j)))
                .find(|y| y.len() == 4)
        };
        let found = match (before, after, after2) {
            (_, Some(d), Some(y)) if y.len() == 4 && d.len() <= 2 => ymd(&y, &month, &d),
            (Some(d), Some(y), _) if y.len() == 4 && d.len() <= 2 => ymd(&y, &month, &d),
            (_, Some(d), _) if d.len() <= 2 => later_year().and_then(|y| ymd(&y, &month, &d)),
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
        assert_eq!(
            parse_date("Fri Mar 13 21:30:09 EST 2015").as_deref(),
            Some("2015-03-13")
        );
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2024-13-45"), None);
    }
}
