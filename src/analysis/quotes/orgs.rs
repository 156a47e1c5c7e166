//! Organisations as speakers: `the ministry said`, `the company said in a statement`, `it
//! added` stand for an organisation entity named before, and only then; an organisation
//! with no entity behind it stays unknown.

use super::mentions::Mentions;

/// Nouns that stand for an organisation named before (`the ministry`, `the agency`).
#[rustfmt::skip]
const ORG_NOUNS: &[&str] = &[
    "ministry", "company", "agency", "department", "firm", "group", "organisation",
    "organization", "council", "committee", "commission", "union", "bank", "embassy",
    "office", "party", "club", "carmaker", "airline", "retailer", "broadcaster", "regulator",
    "government", "court", "authority", "church", "university", "foundation", "institute",
    "network", "charity", "newspaper",
];

/// Nouns general enough to stand for any organisation (`Volta Motors … the company`).
const GENERIC: &[&str] = &[
    "company",
    "firm",
    "group",
    "organisation",
    "organization",
    "carmaker",
    "airline",
    "retailer",
];

/// How far back (bytes) `the ministry` or `it` may look for its organisation.
const REACH: usize = 1200;

pub fn is_org_noun(word: &str) -> bool {
    ORG_NOUNS.contains(&word)
}

/// The organisation `the <noun>` before byte `before` stands for: the nearest one whose
/// name holds the noun (`Foreign Ministry`), or for a generic noun the nearest one.
pub fn resolve_noun(m: &Mentions, noun: &str, before: usize) -> Option<usize> {
    let generic = GENERIC.contains(&noun);
    nearest_orgs(m, before).find(|&i| m.names[i].words.iter().any(|w| w == noun) || generic)
}

/// The organisation `it` before byte `before` stands for: the nearest organisation, when
/// no person is named between them.
pub fn resolve_it(m: &Mentions, before: usize) -> Option<usize> {
    let i = (0..m.names.len())
        .rev()
        .filter(|&i| m.names[i].range.end <= before)
        .take_while(|&i| before - m.names[i].range.end <= REACH / 3)
        .find(|&i| m.names[i].org || m.names[i].person)?;
    m.names[i].org.then_some(i)
}

fn nearest_orgs<'a>(m: &'a Mentions, before: usize) -> impl Iterator<Item = usize> + 'a {
    (0..m.names.len())
        .rev()
        .filter(move |&i| m.names[i].range.end <= before)
        .take_while(move |&i| before - m.names[i].range.end <= REACH)
        .filter(|&i| m.names[i].org && !m.names[i].possessive)
}
