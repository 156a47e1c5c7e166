//! Typed reads of spanned TOML values, with errors that point at the value.
//!
//! We walk `toml::de::DeTable` by hand instead of deriving `Deserialize`: serde's errors
//! name neither the exact key nor its position reliably, and we want every error to say
//! `line:col` and which option it is about.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::error::Problem;

pub(crate) type Entry<'a, 'i> = (&'a Spanned<DeString<'i>>, &'a Spanned<DeValue<'i>>);

/// A table's entries in the order they appear in the file (the parser sorts them by name),
/// so the first problem reported is the first one a reader meets, and "the later one" of
/// two conflicting bindings is the one further down.
pub(crate) fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut entries: Vec<Entry<'a, 'i>> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// `what` names the option in messages, e.g. "`width` in [reader]".
pub(crate) fn as_table<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
    what: &str,
) -> Result<&'a DeTable<'i>, Problem> {
    match value.get_ref() {
        DeValue::Table(t) => Ok(t),
        other => Err(wrong_type(value.span(), what, "a table", other)),
    }
}

pub(crate) fn as_str<'a>(value: &'a Spanned<DeValue<'_>>, what: &str) -> Result<&'a str, Problem> {
    match value.get_ref() {
        DeValue::String(s) => Ok(s),
        other => Err(wrong_type(value.span(), what, "a string", other)),
    }
}

pub(crate) fn as_bool(value: &Spanned<DeValue<'_>>, what: &str) -> Result<bool, Problem> {
    match value.get_ref() {
        DeValue::Boolean(b) => Ok(*b),
        other => Err(wrong_type(value.span(), what, "true or false", other)),
    }
}

/// An integer within `range`, both ends included.
pub(crate) fn as_int_in(
    value: &Spanned<DeValue<'_>>,
    what: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, Problem> {
    let DeValue::Integer(int) = value.get_ref() else {
        return Err(wrong_type(
            value.span(),
            what,
            "an integer",
            value.get_ref(),
        ));
    };
    let out_of_range = || {
        Problem::new(
            value.span(),
            format!(
                "{what} must be between {} and {}, not {}",
                range.start(),
                range.end(),
                int.as_str()
            ),
        )
    };
    let n = i64::from_str_radix(int.as_str(), int.radix()).map_err(|_| out_of_range())?;
    if range.contains(&n) {
        Ok(n)
    } else {
        Err(out_of_range())
    }
}

pub(crate) fn wrong_type(
    span: Range<usize>,
    what: &str,
    expected: &str,
    found: &DeValue<'_>,
) -> Problem {
    Problem::new(
        span,
        format!("{what} must be {expected}, not {}", a_type(found)),
    )
}

/// "a string", "an integer", … for messages.
pub(crate) fn a_type(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
