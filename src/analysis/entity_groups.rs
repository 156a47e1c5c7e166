//! Entity mentions grouped by what they name, for the Entities panel: one group per kind and
//! name, short forms of a person's name ("Putin", "Kim") folded into the full name
//! ("Vladimir Putin", "Kim Jong-un") mentioned in the same article.

use std::collections::HashMap;
use std::ops::Range;

use super::Entity;

/// Every mention of one name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityGroup {
    /// The kind's JSON name ("person", "place", …).
    pub kind: &'static str,
    /// The fullest form of the name in the article.
    pub name: String,
    /// Byte ranges of the mentions, in text order.
    pub mentions: Vec<Range<usize>>,
}

/// Groups `entities` (mentions in `body`): by kind in the order of `kinds`, then most
/// mentioned first, then by name.
pub fn group(body: &str, entities: &[Entity], kinds: &[&str]) -> Vec<EntityGroup> {
    let mut by_name: HashMap<(&'static str, String), Vec<Range<usize>>> = HashMap::new();
    for e in entities {
        let Some(text) = body.get(e.range.clone()) else {
            continue;
        };
        let name = normalise(text);
        if name.is_empty() {
            continue;
        }
        by_name
            .entry((kind_name(e), name))
            .or_default()
            .push(e.range.clone());
    }
    // Fold a one-word person name into the single longer person name that starts or ends
    // with it; when two full names share the word ("Kim Jong-un", "Kim Yo-jong"), it is
    // ambiguous and stays on its own.
    let people: Vec<String> = by_name
        .keys()
        .filter(|(k, n)| *k == "person" && n.contains(' '))
        .map(|(_, n)| n.clone())
        .collect();
    let short: Vec<String> = by_name
        .keys()
        .filter(|(k, n)| *k == "person" && !n.contains(' '))
        .map(|(_, n)| n.clone())
        .collect();
    for word in short {
        let owners: Vec<&String> = people
            .iter()
            .filter(|full| {
                full.split(' ').next() == Some(word.as_str())
                    || full.rsplit(' ').next() == Some(word.as_str())
            })
            .collect();
        if let [owner] = owners.as_slice()
            && let Some(mentions) = by_name.remove(&("person", word.clone()))
        {
            by_name
                .entry(("person", (*owner).clone()))
                .or_default()
                .extend(mentions);
        }
    }
    let mut groups: Vec<EntityGroup> = by_name
        .into_iter()
        .map(|((kind, name), mut mentions)| {
            mentions.sort_by_key(|r| r.start);
            EntityGroup {
                kind,
                name,
                mentions,
            }
        })
        .collect();
    let rank = |kind: &str| kinds.iter().position(|k| *k == kind).unwrap_or(kinds.len());
    groups.sort_by(|a, b| {
        rank(a.kind)
            .cmp(&rank(b.kind))
            .then(b.mentions.len().cmp(&a.mentions.len()))
            .then_with(|| a.name.cmp(&b.name))
    });
    groups
}

fn kind_name(e: &Entity) -> &'static str {
    e.kind.as_str()
}

/// One spelling per name: inner whitespace collapsed, possessive `’s` dropped.
fn normalise(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .strip_suffix("’s")
        .or_else(|| joined.strip_suffix("'s"))
        .unwrap_or(&joined)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityKind;

    fn mentions(body: &str, names: &[(&str, EntityKind)]) -> Vec<Entity> {
        let mut out = Vec::new();
        for (name, kind) in names {
            for (start, _) in body.match_indices(name) {
                // Only whole mentions: "Kim" inside "Kim Jong-un" is the longer one's.
                if out
                    .iter()
                    .any(|e: &Entity| e.range.start <= start && start < e.range.end)
                {
                    continue;
                }
                out.push(Entity {
                    kind: *kind,
                    range: start..start + name.len(),
                });
            }
        }
        out.sort_by_key(|e| e.range.start);
        out
    }

    #[test]
    fn short_forms_fold_into_the_full_name_and_counts_rank() {
        use EntityKind::*;
        let body = "Vladimir Putin met Kim Jong-un in Pyongyang. Putin thanked Kim. \
                    Putin’s visit to Pyongyang was his first. Kim Yo-jong spoke.";
        let entities = mentions(
            body,
            &[
                ("Vladimir Putin", Person),
                ("Kim Jong-un", Person),
                ("Kim Yo-jong", Person),
                ("Putin’s", Person),
                ("Putin", Person),
                ("Kim", Person),
                ("Pyongyang", Place),
            ],
        );
        let groups = group(body, &entities, &["person", "place"]);
        let names: Vec<(&str, usize)> = groups
            .iter()
            .map(|g| (g.name.as_str(), g.mentions.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("Vladimir Putin", 3),
                // "Kim" could be either Kim: it is not folded.
                ("Kim", 1),
                ("Kim Jong-un", 1),
                ("Kim Yo-jong", 1),
                ("Pyongyang", 2),
            ]
        );
        let putin = &groups[0];
        assert!(putin.mentions.windows(2).all(|w| w[0].start < w[1].start));
    }
}
