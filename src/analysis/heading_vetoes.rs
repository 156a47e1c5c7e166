//! Why a paragraph can never be a heading: the vetoes (sentence endings, bullets, embeds,
//! credits, bylines, datelines, labels) and the word lists they recognise.

use super::heading_signals::{Case, Ending, Shape, Veto};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const AGENCIES: [&str; 12] = [
    "reuters",
    "ap",
    "afp",
    "associated press",
    "bloomberg",
    "staff",
    "staff writer",
    "correspondent",
    "reporter",
    "editor",
    "bbc news",
    "agencies",
];
const CREDIT_MARKS: [&str; 10] = [
    "photo:",
    "image:",
    "picture:",
    "photograph:",
    "credit:",
    "getty images",
    "ap photo",
    "/ afp",
    "/ reuters",
    "shutterstock",
];

/// How captions and media furniture begin in scraped pages ("Image caption, …").
const CAPTION_STARTS: [&str; 14] = [
    "photo ",
    "photos ",
    "photograph ",
    "pictured",
    "caption",
    "file photo",
    "image caption",
    "image source",
    "media caption",
    "video caption",
    "illustration:",
    "graphic:",
    "©",
    "copyright",
];

pub fn veto(text: &str, shape: &Shape) -> Option<Veto> {
    let lower = text.to_lowercase();
    // A quotation that is a whole sentence ("How can it go away?") is a quote; a quoted
    // heading drops its final punctuation like any other heading.
    if shape.ending == Ending::Sentence || (shape.quoted && shape.ending != Ending::Bare) {
        return Some(Veto::SentenceEnding);
    }
    if text.starts_with(['•', '◦', '▪', '‣', '*', '-', '–', '—', '·', '>']) {
        // "— Name (@handle) date" is an embed attribution; "- item" a bullet.
        return Some(if text.starts_with(['—', '–']) {
            Veto::Embed
        } else {
            Veto::Bullet
        });
    }
    if lower.contains("http://")
        || lower.contains("https://")
        || lower.contains("www.")
        || lower.contains("pic.twitter")
        || lower
            .split_whitespace()
            .any(|w| w.starts_with("(@") || w.starts_with('@'))
    {
        return Some(Veto::Embed);
    }
    if shape.case == Case::Lower {
        return Some(Veto::Lowercase);
    }
    if CREDIT_MARKS.iter().any(|m| lower.contains(m))
        || (text.starts_with('(') && text.ends_with(')'))
        || CAPTION_STARTS.iter().any(|p| lower.starts_with(p))
    {
        return Some(Veto::Credit);
    }
    if is_byline(&lower, shape) {
        return Some(Veto::Byline);
    }
    if is_dateline(text, &lower, shape) {
        return Some(Veto::Dateline);
    }
    if is_label(text) {
        return Some(Veto::Label);
    }
    if lower.contains("all rights reserved")
        || lower == "advertisement"
        || AGENCIES.contains(&lower.as_str())
        || lower == "getty images"
        || is_agency_credit(&lower, shape)
    {
        return Some(Veto::Credit);
    }
    None
}

/// Photo agencies and wires whose names make up credit lines ("EPA/ANSA", "AP Photo/Jane
/// Doe", "Xinhua via Getty").
const PHOTO_AGENCIES: [&str; 22] = [
    "ap",
    "afp",
    "epa",
    "ansa",
    "reuters",
    "getty",
    "xinhua",
    "shutterstock",
    "bloomberg",
    "alamy",
    "pa",
    "dpa",
    "efe",
    "tass",
    "sputnik",
    "anadolu",
    "yonhap",
    "kyodo",
    "ria",
    "imago",
    "zuma",
    "sipa",
];

/// A short line that names a photo agency and is shaped like a credit: parts joined by
/// "/" or "via", or nothing but agency names.
fn is_agency_credit(lower: &str, shape: &Shape) -> bool {
    if shape.words > 6 {
        return false;
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let agencies = words
        .iter()
        .filter(|w| PHOTO_AGENCIES.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
        .count();
    agencies > 0 && (lower.contains('/') || lower.contains(" via ") || agencies == words.len())
}

fn is_byline(lower: &str, shape: &Shape) -> bool {
    if shape.words <= 7 && (lower.starts_with("by ") || lower.starts_with("words by ")) {
        return true;
    }
    // "Jane Doe, Reuters", "Jane Doe | Staff writer", "Jane Doe and John Roe, AP".
    let tail = lower.rsplit([',', '|']).next().unwrap_or("").trim();
    shape.words <= 8 && lower.contains([',', '|']) && AGENCIES.contains(&tail)
}

fn is_dateline(text: &str, lower: &str, shape: &Shape) -> bool {
    let names_date = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| MONTHS.contains(&w) || WEEKDAYS.contains(&w));
    if names_date && shape.has_digit && shape.words <= 8 {
        return true;
    }
    // "WASHINGTON —", "LONDON, June 3 -": a place in capitals and a dash.
    if text.ends_with(['—', '–', '-']) && shape.words <= 6 {
        return true;
    }
    // "12:45", "12.45 GMT", "9:05am": live-blog time stamps.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && text[digits..].starts_with([':', '.'])
        && text[digits + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count()
            == 2
}

/// "Q: …", "A: …", "Related: …", "Watch: …": a short label, a colon, then more text. A
/// heading that merely ends with a colon is not a label.
fn is_label(text: &str) -> bool {
    let Some((label, rest)) = text.split_once(':') else {
        return false;
    };
    let label_words = label.split_whitespace().count();
    !rest.trim().is_empty()
        && (1..=2).contains(&label_words)
        && !label.chars().any(|c| c.is_ascii_digit())
        && !rest.starts_with(|c: char| c.is_ascii_digit())
}
