//! The document-level pass. A sequence tagger sees one block at a time, so the same name
//! can get different kinds in different paragraphs, and a short form ("Putin" after
//! "Vladimir Putin") can be missed. News names a person in full first and by surname (or,
//! for Korean names, family name) after; this pass uses that convention:
//!
//! 1. **Majority kind**: every mention with the same surface text gets the kind most of them
//!    got (ties keep their own).
//! 2. **Short forms**: each token of a multi-token person name (capitalised, not a title) is
//!    an alias; an alias token left untagged becomes a person, and an alias tagged as
//!    something else becomes a person unless it is a known place (so "Washington" after
//!    "George Washington" stays a city where the model said so).
//! 3. **Repeats**: an untagged exact repeat of a multi-token name gets that name's kind.

use std::collections::HashMap;
use std::ops::Range;

use super::is_capitalised;
use crate::analysis::EntityKind;
use crate::analysis::tokenize::{Token, TokenKind};

type Span = (Range<usize>, EntityKind);

fn is_name_kind(k: EntityKind) -> bool {
    matches!(
        k,
        EntityKind::Person
            | EntityKind::Organization
            | EntityKind::Place
            | EntityKind::Group
            | EntityKind::Event
            | EntityKind::Work
            | EntityKind::Law
            | EntityKind::Product
    )
}

/// Words that are never taken as a short form on their own.
const NOT_ALIASES: &[&str] = &[
    "President",
    "Minister",
    "Prime",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "Jr",
    "Jr.",
    "Sr",
    "Sr.",
    "The",
    "General",
    "Secretary",
    "King",
    "Queen",
    "Prince",
    "St.",
    "Saint",
    "Sir",
    "Lord",
    "De",
    "Van",
    "Von",
    "Al",
    "El",
    "La",
    "Le",
    "Bin",
];

/// Last words that make a name a place (a facility) rather than a person: "Kim Il Sung
/// Square" is named after a person but is not one.
const PLACE_HEADS: &[&str] = &[
    "Square",
    "Street",
    "St.",
    "Avenue",
    "Ave.",
    "Road",
    "Boulevard",
    "Bridge",
    "Airport",
    "Stadium",
    "Arena",
    "Park",
    "Palace",
    "Mausoleum",
    "Tower",
    "Station",
    "Hall",
    "Center",
    "Centre",
    "Memorial",
    "Cathedral",
    "Church",
    "Mosque",
    "Temple",
    "Monument",
    "Highway",
    "Canal",
    "Island",
    "Islands",
    "Mountain",
    "Mountains",
    "River",
    "Lake",
    "Valley",
    "County",
    "Province",
    "District",
];

/// Last words that make a name an organization rather than a person.
const ORGANIZATION_HEADS: &[&str] = &[
    "University",
    "College",
    "School",
    "Institute",
    "Foundation",
    "Party",
    "Company",
    "Corporation",
    "Corp.",
    "Inc.",
    "Ltd.",
    "Ltd",
    "Co.",
    "Group",
    "Association",
    "Council",
    "Committee",
    "Ministry",
    "Department",
    "Agency",
    "Bank",
    "Club",
    "Hospital",
    "Museum",
    "Society",
    "Fund",
    "Trust",
    "Commission",
    "Union",
    "League",
    "Federation",
    "Academy",
    "Airlines",
    "Airways",
    "Motors",
    "Press",
    "Times",
    "News",
    "Network",
    "Organization",
    "Organisation",
];

/// Last words of a named document: a treaty or law, whatever the tagger called it.
const LAW_HEADS: &[&str] = &[
    "Agreement",
    "Treaty",
    "Accord",
    "Accords",
    "Act",
    "Protocol",
    "Charter",
    "Constitution",
    "Amendment",
];

/// Rule 0, before the others: a "person" whose last word is a place or organization head
/// noun is that place or organization; a name ending in a document head noun ("…
/// Partnership Agreement") is a law; a mention never ends with a clitic (`North Korea’s`
/// is the place `North Korea`).
pub fn fix_heads(text: &str, tokens: &[Token], spans: &mut [Span]) {
    for (r, k) in spans.iter_mut() {
        while r.len() > 1 && tokens[r.end - 1].kind == TokenKind::Clitic {
            r.end -= 1;
        }
        let last = &text[tokens[r.end - 1].range.clone()];
        if r.len() >= 2 && is_name_kind(*k) && LAW_HEADS.contains(&last) {
            *k = EntityKind::Law;
        } else if *k == EntityKind::Person && r.len() >= 2 {
            if PLACE_HEADS.contains(&last) {
                *k = EntityKind::Place;
            } else if ORGANIZATION_HEADS.contains(&last) {
                *k = EntityKind::Organization;
            }
        }
    }
}

/// Applies the three rules above; returns spans sorted by position, never overlapping.
pub fn harmonise(
    text: &str,
    tokens: &[Token],
    mut spans: Vec<Span>,
    is_place: &dyn Fn(&str) -> bool,
) -> Vec<Span> {
    let surface =
        |r: &Range<usize>| &text[tokens[r.start].range.start..tokens[r.end - 1].range.end];
    // 1. Majority kind per surface text.
    let mut votes: HashMap<&str, HashMap<EntityKind, usize>> = HashMap::new();
    for (r, k) in &spans {
        if is_name_kind(*k) {
            *votes.entry(surface(r)).or_default().entry(*k).or_default() += 1;
        }
    }
    for (r, k) in &mut spans {
        if !is_name_kind(*k) {
            continue;
        }
        if let Some(v) = votes.get(surface(r)) {
            let mine = v.get(k).copied().unwrap_or(0);
            if let Some((&best, &n)) = v
                .iter()
                .max_by_key(|&(kind, n)| (*n, *kind == *k, std::cmp::Reverse(*kind)))
                && n > mine
            {
                *k = best;
            }
        }
    }
    // 2. Aliases from multi-token person names. Not a word the document also writes in
    // lower case ("Cup", "League": a common word in a mis-tagged span), not a head noun,
    // not a known place or nationality ("Dutch").
    let lower_words: std::collections::HashSet<String> = tokens
        .iter()
        .map(|t| &text[t.range.clone()])
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_lowercase)
        .collect();
    let common = |w: &str| {
        lower_words.contains(&w.to_lowercase())
            || PLACE_HEADS.contains(&w)
            || ORGANIZATION_HEADS.contains(&w)
            || LAW_HEADS.contains(&w)
            || is_place(w)
    };
    let mut aliases: HashMap<&str, ()> = HashMap::new();
    for (r, k) in &spans {
        if *k == EntityKind::Person && r.len() >= 2 {
            for t in &tokens[r.clone()] {
                let w = &text[t.range.clone()];
                if is_capitalised(text, t)
                    && w.chars().count() >= 2
                    && !NOT_ALIASES.contains(&w)
                    && !common(w)
                {
                    aliases.insert(w, ());
                }
            }
        }
    }
    for (r, k) in &mut spans {
        if r.len() == 1 && *k != EntityKind::Person && is_name_kind(*k) {
            let w = surface(r);
            if aliases.contains_key(w) && !is_place(w) {
                *k = EntityKind::Person;
            }
        }
    }
    // 3. Untagged aliases and exact repeats of multi-token names.
    let mut covered = vec![false; tokens.len()];
    for (r, _) in &spans {
        covered[r.clone()].iter_mut().for_each(|c| *c = true);
    }
    let mut names: HashMap<&str, Vec<(Vec<&str>, EntityKind)>> = HashMap::new();
    for (r, k) in &spans {
        if is_name_kind(*k) && r.len() >= 2 {
            let words: Vec<&str> = tokens[r.clone()]
                .iter()
                .map(|t| &text[t.range.clone()])
                .collect();
            let list = names.entry(words[0]).or_default();
            if !list.iter().any(|(w, _)| *w == words) {
                list.push((words, *k));
            }
        }
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        let w = &text[tokens[i].range.clone()];
        let mut matched = None;
        if let Some(list) = names.get(w) {
            for (seq, k) in list {
                let end = i + seq.len();
                if end <= tokens.len()
                    && !covered[i..end].iter().any(|&c| c)
                    && seq
                        .iter()
                        .zip(&tokens[i..end])
                        .all(|(s, t)| *s == &text[t.range.clone()])
                {
                    matched = Some((i..end, *k));
                    break;
                }
            }
        }
        if matched.is_none() && aliases.contains_key(w) && is_capitalised(text, &tokens[i]) {
            matched = Some((i..i + 1, EntityKind::Person));
        }
        match matched {
            Some((r, k)) => {
                i = r.end;
                added.push((r, k));
            }
            None => i += 1,
        }
    }
    spans.extend(added);
    spans.sort_by_key(|(r, _)| r.start);
    spans
}
