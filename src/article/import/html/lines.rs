//! Lines of furniture inside the article's element: bylines, datelines, legalese and
//! headings that introduce boxes ("Related stories") rather than sections.

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
