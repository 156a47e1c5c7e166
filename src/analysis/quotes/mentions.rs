//! Who can be a speaker: person names (from the entity layer, or a conservative fallback),
//! the roles they were introduced with, and how a short form, a role noun or a pronoun
//! resolves to a full name.
//!
//! The fallback: where no entity covers a capitalised run of words, the run is a name
//! candidate. Leading function words and titles are stripped (`The UK Defense Minister
//! Grant Shapps` → `Grant Shapps`, role `minister`), a run stops at punctuation and at a
//! possessive, and a run holding a word like `University` or `Square` is not a person. A
//! fallback name counts as a *person* (a target for `he` or `the minister`) only when a
//! title or role introduced it; otherwise it can still be a speaker when it stands right
//! next to a cue verb, where the sentence itself says it speaks.

use std::collections::HashSet;
use std::ops::Range;

use super::cues;
use super::pronouns;
use super::roles::{headline_roles, roles_around};
use super::text::Token;
use crate::analysis::Entity;

/// A name mention.
#[derive(Clone, Debug)]
pub struct Name {
    /// Token indices of the name (titles excluded).
    pub toks: Range<usize>,
    /// Byte range of the name in the body.
    pub range: Range<usize>,
    /// The name's words, lowercase, possessive `’s` removed (for short-form matching).
    pub words: Vec<String>,
    /// A person for sure (entity kind `person`, or a fallback name with a title or role).
    pub person: bool,
    /// Some other kind of entity (organisation, place…): a speaker only when adjacent.
    pub other: bool,
    /// An organisation entity (`KCNA`, `the Foreign Ministry`): a speaker when it is the
    /// subject of a cue, and what `the ministry` or `it` can stand for.
    pub org: bool,
    /// Role words it was introduced with (`president`, `minister`), lowercase.
    pub roles: Vec<String>,
    /// Ends in `’s`: `Labour’s Shadow Home Secretary …` is not Labour speaking.
    pub possessive: bool,
}

/// Every name mention of an article, and a map from token to the name covering it.
pub struct Mentions<'a> {
    pub body: &'a str,
    pub names: Vec<Name>,
    /// For each token, the index in `names` of the name covering it.
    by_token: Vec<Option<usize>>,
    /// (name words, roles) found in the headline, which is not part of the body.
    title_roles: Vec<(Vec<String>, Vec<String>)>,
    /// Every `he`/`she` outside quotations: (token, the name it stands for).
    pronouns: Vec<(usize, Option<usize>)>,
}

impl<'a> Mentions<'a> {
    pub fn build(body: &'a str, title: &str, tokens: &[Token], entities: &[Entity]) -> Self {
        let mut names = Vec::new();
        // Entity spans first: the model knows better than capital letters.
        let mut covered = vec![false; tokens.len()];
        let mut t = 0;
        for e in entities {
            let kind = e.kind.as_str();
            while t < tokens.len() && tokens[t].range.end <= e.range.start {
                t += 1;
            }
            let mut start = t;
            let mut end = t;
            while end < tokens.len() && tokens[end].range.start < e.range.end {
                covered[end] = true;
                end += 1;
            }
            // `Ambassador Mohib`: a title the tagger took into a person's name is a role,
            // not part of the name, so the mention links to `Hamdullah Mohib`.
            while kind == "person" && end - start > 1 && is_title_before_name(body, tokens, start) {
                start += 1;
            }
            if end > start && matches!(kind, "person" | "organization" | "group" | "place") {
                names.push(Name {
                    toks: start..end,
                    range: tokens[start].range.start.max(e.range.start)..e.range.end,
                    words: words(body, &tokens[start..end]),
                    person: kind == "person",
                    other: kind != "person",
                    org: kind == "organization",
                    roles: Vec::new(),
                    possessive: is_possessive(body, &tokens[end - 1]),
                });
            }
        }
        fallback_names(body, tokens, &covered, &mut names);
        names.sort_by_key(|n| n.toks.start);
        for n in &mut names {
            let roles = roles_around(body, tokens, n.toks.clone());
            if !roles.is_empty() && !n.other {
                n.person = true;
            }
            n.roles.extend(roles);
        }
        let mut by_token = vec![None; tokens.len()];
        for (i, n) in names.iter().enumerate() {
            for slot in &mut by_token[n.toks.clone()] {
                *slot = Some(i);
            }
        }
        let title_roles = headline_roles(title);
        let mut m = Mentions {
            body,
            names,
            by_token,
            title_roles,
            pronouns: Vec::new(),
        };
        m.share_personhood();
        m.pronouns = pronouns::resolve_all(body, tokens, &m.names);
        m
    }

    /// The name whose tokens start at `tok`, if any.
    pub fn name_starting(&self, tok: usize) -> Option<usize> {
        self.by_token
            .get(tok)
            .copied()
            .flatten()
            .filter(|&i| self.names[i].toks.start == tok)
    }

    /// The name whose tokens end just before `end`, if any.
    pub fn name_ending(&self, end: usize) -> Option<usize> {
        let last = end.checked_sub(1)?;
        self.by_token
            .get(last)
            .copied()
            .flatten()
            .filter(|&i| self.names[i].toks.end == end)
    }

    /// The full form of name `i`: the longest person name in the article that this one is
    /// the start or the end of (`Putin` → `Vladimir Putin`, `Kim` → `Kim Jong-un`), the
    /// nearest one before it winning among equals; itself when there is none.
    pub fn full_name(&self, i: usize) -> String {
        let short = &self.names[i];
        let mut best: Option<&Name> = None;
        for n in &self.names {
            if n.words.len() <= short.words.len() || n.other {
                continue;
            }
            let fits = n.words.starts_with(&short.words) || n.words.ends_with(&short.words);
            // A one-word short form matching a first word is only trusted for the
            // family-name-first pattern of hyphenated given names (`Kim Jong-un`).
            let fits = fits
                && (n.words.ends_with(&short.words)
                    || n.words.last().is_some_and(|w| w.contains('-')));
            if !fits {
                continue;
            }
            let better = match best {
                None => true,
                Some(b) => {
                    n.words.len() > b.words.len()
                        || (n.words.len() == b.words.len()
                            && n.range.start < short.range.start
                            && n.range.start > b.range.start)
                }
            };
            if better {
                best = Some(n);
            }
        }
        let chosen = best.unwrap_or(short);
        self.body[chosen.range.clone()]
            .trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '.'))
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .to_string()
    }

    /// Whether name `i` was introduced with `role` (in the body or the headline), or is a
    /// short form of a name that was.
    fn has_role(&self, i: usize, role: &str) -> bool {
        let n = &self.names[i];
        let same = |other: &[String]| {
            other.ends_with(&n.words) || n.words.ends_with(other) || other.starts_with(&n.words)
        };
        n.roles.iter().any(|r| r == role)
            || self
                .names
                .iter()
                .any(|o| same(&o.words) && o.roles.iter().any(|r| r == role))
            || self
                .title_roles
                .iter()
                .any(|(w, roles)| same(w) && roles.iter().any(|r| r == role))
    }

    /// The nearest person before byte `before` introduced with `role`, however far back:
    /// a role, unlike a pronoun, stays attached to its person through the article.
    pub fn resolve_role(&self, role: &str, before: usize) -> Option<usize> {
        (0..self.names.len())
            .rev()
            .filter(|&i| self.names[i].range.end <= before && !self.names[i].other)
            .find(|&i| self.has_role(i, role))
    }

    /// The person the `he`/`she` at token `tok` stands for (see [`pronouns`]).
    pub fn pronoun_at(&self, tok: usize) -> Option<usize> {
        let i = self.pronouns.binary_search_by_key(&tok, |p| p.0).ok()?;
        self.pronouns[i].1
    }

    /// A fallback name that shares its words with a person is a person too (`Shapps`
    /// after `Defense Minister Grant Shapps`).
    fn share_personhood(&mut self) {
        let persons: Vec<Vec<String>> = self
            .names
            .iter()
            .filter(|n| n.person)
            .map(|n| n.words.clone())
            .collect();
        for n in &mut self.names {
            if !n.person && !n.other {
                n.person = persons
                    .iter()
                    .any(|p| p.ends_with(&n.words) || n.words.ends_with(p));
            }
        }
    }
}

/// Whether token `k` is a title word (`Ambassador`, `Dr.`) followed by a capitalised word.
fn is_title_before_name(body: &str, tokens: &[Token], k: usize) -> bool {
    let word = |t: &Token| &body[t.range.clone()];
    let title = tokens[k].is_word() && cues::is_title(&word(&tokens[k]).to_lowercase());
    // `Dr.` is a word then a period.
    let next = tokens[k + 1..]
        .iter()
        .find(|t| !t.is_punct('.'))
        .filter(|t| t.is_word());
    title && next.is_some_and(|t| word(t).starts_with(char::is_uppercase))
}

/// Lowercase words of a run, possessive removed.
fn words(body: &str, toks: &[Token]) -> Vec<String> {
    toks.iter()
        .filter(|t| t.is_word())
        .map(|t| strip_possessive(&body[t.range.clone()]).to_lowercase())
        .collect()
}

fn is_possessive(body: &str, t: &Token) -> bool {
    let w = &body[t.range.clone()];
    w.ends_with("’s") || w.ends_with("'s")
}

pub(super) fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

pub(super) fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// `al-Amr`, `bin` before a capital: lowercase pieces that belong inside a name.
fn is_particle_word(w: &str, next_capitalised: bool) -> bool {
    if let Some((head, tail)) = w.split_once('-') {
        return cues::is_name_particle(head) && is_capitalised(tail);
    }
    cues::is_name_particle(w) && next_capitalised
}

/// Function words that start sentences and so are capitalised without being names.
fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "in"
            | "on"
            | "at"
            | "for"
            | "but"
            | "and"
            | "as"
            | "after"
            | "before"
            | "when"
            | "while"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "according"
            | "today"
            | "yesterday"
            | "then"
            | "there"
            | "if"
            | "so"
            | "with"
            | "by"
            | "from"
            | "to"
            | "of"
            | "however"
            | "meanwhile"
            | "also"
            | "despite"
            | "although"
            | "since"
            | "during"
            | "under"
            | "speaking"
            | "asked"
            | "many"
            | "some"
            | "all"
            | "both"
            | "former"
            | "late"
            | "new"
            | "yes"
            | "no"
    ) || cues::cue_lemma(w).is_some()
}

/// Capitalised runs not covered by an entity, as fallback names.
fn fallback_names(body: &str, tokens: &[Token], covered: &[bool], out: &mut Vec<Name>) {
    let capitalised_inside: HashSet<&str> = tokens
        .windows(2)
        .filter(|w| {
            !w[0].sentence_end
                && w[0].para == w[1].para
                && !w[0].is_punct('“')
                && !w[0].is_punct('"')
        })
        .map(|w| &body[w[1].range.clone()])
        .filter(|w| is_capitalised(w))
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        let start = i;
        let mut end = i;
        while end < tokens.len() && !covered[end] && !tokens[end].quoted {
            let t = &tokens[end];
            let w = &body[t.range.clone()];
            let same_para = tokens[start].para == t.para;
            let next_cap = tokens
                .get(end + 1)
                .is_some_and(|n| n.is_word() && is_capitalised(&body[n.range.clone()]));
            if !same_para || !t.is_word() {
                // `Mr.` keeps going through its period.
                let abbrev_dot = t.is_punct('.')
                    && end > start
                    && cues::is_abbreviation(&body[tokens[end - 1].range.clone()])
                    && t.range.start == tokens[end - 1].range.end;
                if abbrev_dot && same_para {
                    end += 1;
                    continue;
                }
                break;
            }
            if !(is_capitalised(w) || (end > start && is_particle_word(w, next_cap))) {
                break;
            }
            end += 1;
            if w.ends_with("’s") || w.ends_with("'s") {
                break;
            }
        }
        if end == start {
            i += 1;
            continue;
        }
        i = end;
        // Strip function words and titles from the front: the name is what follows the
        // last title (`The UK Defense Minister Grant Shapps`).
        let word_at = |k: usize| body[tokens[k].range.clone()].to_lowercase();
        let mut s = start;
        while s < end && (!tokens[s].is_word() || is_stopword(&word_at(s))) {
            s += 1;
        }
        if let Some(last_title) = (s..end)
            .rev()
            .find(|&k| tokens[k].is_word() && cues::is_title(&word_at(k)))
        {
            s = last_title + 1;
        }
        while s < end && !tokens[s].is_word() {
            s += 1;
        }
        if s >= end {
            continue;
        }
        // A lone capitalised word opening a sentence (`Officials tell…`) is a name only if
        // the text also capitalises it elsewhere.
        let opens_sentence =
            s == 0 || tokens[s - 1].sentence_end || tokens[s - 1].para != tokens[s].para;
        if end - s == 1
            && opens_sentence
            && !capitalised_inside.contains(&body[tokens[s].range.clone()])
        {
            continue;
        }
        let ws = words(body, &tokens[s..end]);
        if ws.iter().any(|w| cues::is_non_person_head(w)) || ws.len() > 4 {
            continue;
        }
        out.push(Name {
            toks: s..end,
            range: tokens[s].range.start..tokens[end - 1].range.end,
            words: ws,
            person: false,
            other: false,
            org: false,
            roles: Vec::new(),
            possessive: is_possessive(body, &tokens[end - 1]),
        });
    }
}
