//! Publication dates as the importers find them, normalised to the ISO 8601 forms stored in
//! [`Meta::published`](crate::article::Meta): `2024-06-19` for a bare date, else
//! `2024-06-19T10:00:00Z` (UTC, whole seconds), so dates sort as text.
//!
//! Accepted: RFC 3339 / ISO 8601 date-times (`T` or a space between date and time, with an
//! offset or `Z`; without one the time is taken as UTC), RFC 2822 (feeds: `Wed, 19 Jun 2024
//! 10:00:00 GMT`, weekday optional), a bare `YYYY-MM-DD`, and unix time in seconds (or in
//! milliseconds when it has 13 digits, as JavaScript writes it).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// The ISO 8601 form of `text`, or `None` when it is not a date lede understands.
pub fn normalize(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) && text.len() >= 5 {
        let n: i64 = text.parse().ok()?;
        return if text.len() >= 13 {
            from_unix(n / 1000)
        } else {
            from_unix(n)
        };
    }
    if text.len() == 10
        && let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
    {
        return Some(date.format("%Y-%m-%d").to_string());
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(from_utc(t.with_timezone(&Utc)));
    }
    // ISO 8601 variants RFC 3339 refuses: a space for `T`, `+0200` offsets, no offset.
    let iso = text.replacen(' ', "T", 1);
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(t) = DateTime::parse_from_str(&iso, format) {
            return Some(from_utc(t.with_timezone(&Utc)));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(&iso, format) {
            return Some(from_utc(t.and_utc()));
        }
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(from_utc(t.with_timezone(&Utc)));
    }
    None
}

/// Unix seconds as an ISO 8601 UTC date-time; `None` for 0 and negative times (a missing
/// date written as a number) and for times past year 9999.
pub fn from_unix(seconds: i64) -> Option<String> {
    if seconds <= 0 {
        return None;
    }
    DateTime::from_timestamp(seconds, 0)
        .filter(|t| t.timestamp() < 253_402_300_800)
        .map(from_utc)
}

/// A UTC time in the stored form.
pub fn from_utc(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Normalises `text` or explains in one line why not (for an importer's warning).
pub fn normalize_or_warn(text: &str) -> Result<String, String> {
    normalize(text).ok_or_else(|| {
        let shown: String = text.trim().chars().take(60).collect();
        format!("unrecognised date {shown:?} ignored")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Option<String> {
        normalize(text)
    }

    #[test]
    fn bare_dates_stay_dates() {
        assert_eq!(n("2024-06-19").as_deref(), Some("2024-06-19"));
        assert_eq!(n(" 2024-06-19\n").as_deref(), Some("2024-06-19"));
        assert_eq!(n("2024-02-30"), None);
    }

    #[test]
    fn rfc3339_goes_to_utc() {
        let want = Some("2024-06-19T10:00:00Z".to_string());
        assert_eq!(n("2024-06-19T10:00:00Z"), want);
        assert_eq!(n("2024-06-19T12:00:00+02:00"), want);
        assert_eq!(n("2024-06-19T10:00:00.123Z"), want);
        assert_eq!(n("2024-06-19 10:00:00Z"), want);
        assert_eq!(n("2024-06-19T12:00:00+0200"), want);
        assert_eq!(n("2024-06-19T10:00:00"), want);
        assert_eq!(n("2024-06-19 10:00"), want);
    }

    #[test]
    fn rfc2822_as_feeds_write_it() {
        let want = Some("2024-06-19T10:00:00Z".to_string());
        assert_eq!(n("Wed, 19 Jun 2024 10:00:00 GMT"), want);
        assert_eq!(n("Wed, 19 Jun 2024 06:00:00 -0400"), want);
        assert_eq!(n("19 Jun 2024 10:00:00 +0000"), want);
    }

    #[test]
    fn unix_seconds_and_milliseconds() {
        assert_eq!(n("1718791200").as_deref(), Some("2024-06-19T10:00:00Z"));
        assert_eq!(n("1718791200000").as_deref(), Some("2024-06-19T10:00:00Z"));
        assert_eq!(from_unix(0), None);
        assert_eq!(from_unix(-5), None);
        assert_eq!(from_unix(i64::MAX), None);
    }

    #[test]
    fn nonsense_is_none() {
        for text in ["", "  ", "yesterday", "19/06/2024", "2024", "June 2024"] {
            assert_eq!(n(text), None, "{text:?}");
        }
        assert_eq!(
            normalize_or_warn("yesterday"),
            Err("unrecognised date \"yesterday\" ignored".to_string())
        );
    }
}
