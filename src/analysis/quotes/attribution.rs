//! Who said a quotation, from cue verbs and word order alone (no parser).
//!
//! For each quotation, in this order (the first that finds a speaker wins):
//! 1. after the quote, when it ends with `,”` (`“Q,” S said`, `“Q,” said S`, `“Q,” S, the
//!    role, said`): a cue verb within a few words, with a speaker right before or after it;
//! 2. before the quote, in its sentence: `According to S, … “Q”`, or the last cue verb
//!    with its subject (`S said: “Q”`, `S said (that) “Q”`, `S, the role, explained that
//!    “Q”`); a participle or coordinated cue (`…, saying: “Q”`, `and told police “Q”`)
//!    takes the sentence's subject;
//! 3. after the quote otherwise, the same as 1, or the sentence closing with `, S cue.` /
//!    `, cue S.` (`“Q” in its offensive, the North Korean leader highlighted.`), or
//!    `according to S`;
//! 4. a quotation with no cue of its own continues the speaker of the quotation before it
//!    in the same sentence, or of the sentence before it (`S said he was alarmed. “Q.”`),
//!    or of the previous paragraph when this one opens with the quote and that one ended
//!    attributing a quote or with `S said:`.
//!
//! A quotation that names something (`a robot named “…”`, `titled “…”`) has no speaker.
//!
//! Speakers are names, `he`/`she` (resolved to the nearest person before) or role nouns
//! (`the president`, resolved to the nearest person introduced with that role, or to the
//! name in apposition: `the Crown prosecutor, Mark Tedeschi,`). What
//! cannot be resolved stays unknown: never a guess. Short quotes (one or two words: scare
//! quotes) only get a speaker from patterns 1 and 2 when the cue is right next to them.

use std::ops::Range;

use super::cues;
use super::mentions::Mentions;
use super::orgs;
use super::text::Token;

/// A resolved speaker: the mention in the text and the full name it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    pub span: Range<usize>,
    pub name: String,
}

/// How many words after a quotation its attribution may start.
const POST_REACH: usize = 4;

/// The attribution context of one article.
pub struct Attributor<'a> {
    pub body: &'a str,
    pub tokens: &'a [Token],
    pub mentions: &'a Mentions<'a>,
}

/// A quotation as tokens: `open` is its first token, `end` one past its last.
#[derive(Clone, Copy, Debug)]
pub struct QuoteToks {
    pub open: usize,
    pub end: usize,
    pub short: bool,
    /// Ends with `,”` `?”` `!”`: the classic shape before `S said`.
    pub comma_close: bool,
}

impl<'a> Attributor<'a> {
    fn word(&self, k: usize) -> Option<String> {
        let t = self.tokens.get(k)?;
        t.is_word()
            .then(|| self.body[t.range.clone()].to_lowercase())
    }

    /// A cue verb at token `k`: lowercase in the text, with its particle when it needs one.
    fn is_cue(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return false;
        };
        let text = &self.body[t.range.clone()];
        if !t.is_word() || t.quoted || !text.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        match cues::cue_lemma(text) {
            Some(lemma) => match cues::needs_particle(lemma) {
                Some(p) => self.word(k + 1).as_deref() == Some(p),
                None => true,
            },
            None => false,
        }
    }

    /// Start of the sentence holding token `k` (same paragraph, after a sentence end).
    fn sentence_start(&self, k: usize) -> usize {
        let para = self.tokens[k].para;
        let mut s = k;
        while s > 0 && self.tokens[s - 1].para == para && !self.tokens[s - 1].sentence_end {
            s -= 1;
        }
        s
    }

    /// One past the end of the sentence holding token `k`.
    fn sentence_end(&self, k: usize) -> usize {
        let mut e = k;
        while e < self.tokens.len() && !self.tokens[e].sentence_end {
            e += 1;
        }
        (e + 1).min(self.tokens.len())
    }

    /// The speaker mention ending just before token `end` (`Podoliak`, `he`, `the North
    /// Korean leader`), resolved; the byte position is where resolution looks back from.
    fn mention_ending(&self, end: usize) -> Option<Speaker> {
        let last = end.checked_sub(1)?;
        if let Some(i) = self.mentions.name_ending(end) {
            let n = &self.mentions.names[i];
            if !n.person
                && let Some(p) = self.affiliated_person(n.toks.start)
            {
                return Some(self.named(p));
            }
            // `seen by Sky News says`: after a preposition a name is no subject; a place or
            // a group (`Refugees`) is no speaker.
            let object = n.toks.start > 0
                && self
                    .word(n.toks.start - 1)
                    .is_some_and(|w| cues::is_preposition(&w));
            return (!n.possessive && !object && (n.person || n.org || !n.other))
                .then(|| self.named(i));
        }
        let w = self.word(last)?;
        if cues::is_speaker_pronoun(&w) {
            return self.pronoun(last);
        }
        if w == "it" {
            let at = self.tokens[last].range.clone();
            let i = orgs::resolve_it(self.mentions, at.start)?;
            return Some(Speaker {
                span: at,
                name: self.mentions.full_name(i),
            });
        }
        if orgs::is_org_noun(&w)
            && last > 0
            && matches!(self.word(last - 1).as_deref(), Some("the" | "its"))
        {
            return self.org_noun(last - 1..end, &w);
        }
        if cues::is_role(&w) {
            // Walk back over modifiers to the determiner: `the North Korean leader`.
            let mut k = last;
            for _ in 0..4 {
                let Some(prev) = k.checked_sub(1) else { break };
                let pw = self.word(prev)?;
                k = prev;
                if matches!(pw.as_str(), "the" | "its" | "their" | "his" | "her") {
                    return self.role(k..end, &w);
                }
            }
        }
        None
    }

    /// `Sally Wasef of Australia’s Griffith University explained`: the person whose
    /// affiliation is the organisation or place starting at token `start` (through `of`,
    /// `at` or `from`, an optional `the` and one possessive owner) speaks, not the
    /// organisation.
    ///
    /// Also through a role in apposition: `Scott Carson, president and CEO of Boeing
    /// Commercial Airplanes said`.
    fn affiliated_person(&self, start: usize) -> Option<usize> {
        let mut k = start;
        if let Some(owner) = self.mentions.name_ending(k)
            && self.mentions.names[owner].possessive
        {
            k = self.mentions.names[owner].toks.start;
        }
        if k > 0 && self.word(k - 1).as_deref() == Some("the") {
            k -= 1;
        }
        let prep = k.checked_sub(1)?;
        if !matches!(self.word(prep).as_deref(), Some("of" | "at" | "from")) {
            return None;
        }
        let person_ending = |end: usize| {
            self.mentions
                .name_ending(end)
                .filter(|&p| self.is_person(p))
        };
        if let Some(p) = person_ending(prep) {
            return Some(p);
        }
        // The role: a few words, one of them a role noun, back to a comma after the name.
        let comma = (prep.saturating_sub(6)..prep)
            .rev()
            .find(|&c| !self.tokens[c].is_word())?;
        (self.tokens[comma].is_punct(',') && self.has_role(comma + 1..prep))
            .then(|| person_ending(comma))
            .flatten()
    }

    /// The speaker mention starting at token `start`, skipping titles before a name
    /// (`said Ambassador Mohib`, `added the president`, `said he`).
    fn mention_starting(&self, start: usize) -> Option<Speaker> {
        let w = self.word(start)?;
        if cues::is_speaker_pronoun(&w) {
            return self.pronoun(start);
        }
        if w == "the" {
            // `according to the Sydney Morning Herald`: an organisation named with its article.
            if let Some(i) = self.mentions.name_starting(start + 1)
                && self.mentions.names[i].org
                && !self.mentions.names[i].possessive
            {
                return Some(self.named(i));
            }
            for k in start + 1..(start + 5).min(self.tokens.len()) {
                let kw = self.word(k)?;
                let org = orgs::is_org_noun(&kw) && k == start + 1;
                let role =
                    cues::is_role(&kw) && !self.word(k + 1).is_some_and(|n| cues::is_role(&n));
                // `the Crown prosecutor, Mark Tedeschi, QC,`: the name in apposition.
                if (org || role)
                    && self.tokens.get(k + 1).is_some_and(|t| t.is_punct(','))
                    && let Some(i) = self.mentions.name_starting(k + 2)
                    && (self.mentions.names[i].person || org && self.mentions.names[i].org)
                {
                    return Some(self.named(i));
                }
                if org {
                    return self.org_noun(start..k + 1, &kw);
                }
                if role {
                    return self.role(start..k + 1, &kw);
                }
            }
            return None;
        }
        let mut k = start;
        let mut limit = start + 4;
        while k < limit {
            if let Some(i) = self.mentions.name_starting(k) {
                let name = &self.mentions.names[i];
                // `Shadow Home Secretary Yvette Cooper`: a non-person name followed by a
                // title is a modifier of the person after it.
                let titled_next = self.word(name.toks.end).is_some_and(|w| cues::is_title(&w));
                if !(name.possessive || name.other && titled_next) {
                    return (name.person || name.org || !name.other).then(|| self.named(i));
                }
                // `Labour’s Shadow Home Secretary Yvette Cooper`: the owner is not the
                // speaker; look past it and its titles.
                k = name.toks.end;
                limit = k + 4;
                continue;
            }
            let kw = self.word(k).or_else(|| {
                self.tokens
                    .get(k)
                    .filter(|t| t.is_punct('.'))
                    .map(|_| String::new())
            })?;
            // A lowercase modifier of a title: `opposition leader Samuel Osei`.
            let modifier = k + 1 < limit
                && self.tokens[k].range.start < self.tokens[k].range.end
                && self.body[self.tokens[k].range.clone()].starts_with(|c: char| c.is_lowercase())
                && self.word(k + 1).is_some_and(|n| cues::is_title(&n));
            if !(kw.is_empty() || cues::is_title(&kw) || modifier) {
                return self.role_then_name(start);
            }
            k += 1;
        }
        self.role_then_name(start)
    }

    /// `said chief investment officer at Solaris Asset Management, Tim Ghriskey.`: a role
    /// phrase (a role noun within its first words), a comma, and the person it describes.
    fn role_then_name(&self, start: usize) -> Option<Speaker> {
        let end = (start + 10).min(self.tokens.len());
        let comma = (start..end).find(|&c| !self.tokens[c].is_word())?;
        if !(self.tokens[comma].is_punct(',') && self.has_role(start..comma.min(start + 4))) {
            return None;
        }
        let i = self.mentions.name_starting(comma + 1)?;
        self.is_person(i).then(|| self.named(i))
    }

    /// Whether tokens `toks` hold a role noun (`president`, `analyst`).
    fn has_role(&self, toks: Range<usize>) -> bool {
        toks.into_iter()
            .any(|c| self.word(c).is_some_and(|w| cues::is_role(&w)))
    }

    /// Whether name `i` is a person named as the subject (not an owner: `Huber’s`).
    fn is_person(&self, i: usize) -> bool {
        let name = &self.mentions.names[i];
        name.person && !name.possessive
    }

    /// `“…,” said Angers.`: right after the cue and alone before the sentence ends, a name
    /// of another kind (a surname that is also a city) is the speaker.
    fn adjacent_name(&self, start: usize) -> Option<Speaker> {
        let i = self.mentions.name_starting(start)?;
        let name = &self.mentions.names[i];
        let closes = self
            .tokens
            .get(name.toks.end)
            .is_some_and(|t| t.is_punct('.') || t.is_punct(','));
        (name.toks.len() == 1 && !name.possessive && closes).then(|| self.named(i))
    }

    fn named(&self, i: usize) -> Speaker {
        Speaker {
            span: self.mentions.names[i].range.clone(),
            name: self.mentions.full_name(i),
        }
    }

    fn pronoun(&self, k: usize) -> Option<Speaker> {
        let at = self.tokens[k].range.clone();
        let i = self.mentions.pronoun_at(k)?;
        Some(Speaker {
            span: at,
            name: self.mentions.full_name(i),
        })
    }

    fn org_noun(&self, toks: Range<usize>, noun: &str) -> Option<Speaker> {
        let span = self.tokens[toks.start].range.start..self.tokens[toks.end - 1].range.end;
        let i = orgs::resolve_noun(self.mentions, noun, span.start)?;
        Some(Speaker {
            span,
            name: self.mentions.full_name(i),
        })
    }

    fn role(&self, toks: Range<usize>, role: &str) -> Option<Speaker> {
        let span = self.tokens[toks.start].range.start..self.tokens[toks.end - 1].range.end;
        let i = self.mentions.resolve_role(role, span.start)?;
        Some(Speaker {
            span,
            name: self.mentions.full_name(i),
        })
    }

    /// The subject of the cue at `cue`, looking back no further than `floor`: skips
    /// adverbs and auxiliaries (`also`, `has`) and one comma-delimited apposition
    /// (`Koh Yu-hwan, professor of …, explained`).
    fn subject_before(&self, cue: usize, floor: usize) -> Option<Speaker> {
        let mut j = cue;
        let mut passive = false;
        while j > floor
            && let Some(w) = self.word(j - 1)
            && (cues::is_skippable(&w) || w == "been" || w == "being")
        {
            passive |= matches!(w.as_str(), "is" | "was" | "were" | "are" | "been" | "being");
            j -= 1;
        }
        // `Gutierrez was described by the CBCP as “…”`, `The iPhone is claimed to be “…”`:
        // in the passive the subject is not the speaker; the agent after `by` is, if named.
        if passive && !self.word(cue).is_some_and(|w| w.ends_with("ing")) {
            let by = (cue + 1..(cue + 3).min(self.tokens.len()))
                .find(|&k| self.word(k).as_deref() == Some("by"))?;
            return self.mention_starting(by + 1);
        }
        if let Some(s) = self.mention_ending(j).filter(|_| j > floor) {
            return Some(s);
        }
        if j > floor && self.tokens[j - 1].is_punct(',') {
            // `The governor of the bank, Rafael Duarte, told`: the name closes the subject.
            if let Some(i) = self.mentions.name_ending(j - 1)
                && self.mentions.names[i].person
                && self.mentions.names[i].toks.start > floor
                && let Some(b) = self.before_titles(self.mentions.names[i].toks.start, floor)
                && self.tokens[b].is_punct(',')
            {
                return self.mention_ending(j - 1);
            }
            let stop = j.saturating_sub(20).max(floor);
            let comma = (stop..j - 1)
                .rev()
                .find(|&k| self.tokens[k].is_punct(','))?;
            if (comma + 1..j - 1).any(|k| self.is_cue(k) || self.tokens[k].quoted) {
                return None;
            }
            return self.mention_ending(comma).filter(|_| comma > floor);
        }
        None
    }

    /// The token before the titles in front of the name starting at `start` (`director,
    /// Dr. Anthony Fauci`: the comma), no further back than `floor`.
    fn before_titles(&self, start: usize, floor: usize) -> Option<usize> {
        let mut b = start.checked_sub(1)?;
        while b > floor
            && (self.tokens[b].is_punct('.') || self.word(b).is_some_and(|w| cues::is_title(&w)))
        {
            b -= 1;
        }
        Some(b)
    }

    /// The subject of the sentence starting at `s`: a speaker mention among its first
    /// words (after an opening adverbial like `On Wednesday,`).
    fn sentence_subject(&self, s: usize, limit: usize) -> Option<Speaker> {
        let mut k = s;
        // `After the match, Hernan Gomez …`: skip one short fronted phrase.
        if let Some(c) = (s..(s + 6).min(limit)).find(|&k| self.tokens[k].is_punct(','))
            && self.mention_starting(s).is_none()
        {
            k = c + 1;
        }
        self.mention_starting(k)
    }

    /// `according to S` / `in the words of S` between `from` and `to`.
    fn according_to(&self, from: usize, to: usize) -> Option<Speaker> {
        for k in from..to {
            let w = self.word(k);
            let hit = match w.as_deref() {
                Some("according") if self.word(k + 1).as_deref() == Some("to") => Some(k + 2),
                Some("words")
                    if self.word(k + 1).as_deref() == Some("of")
                        && k >= 2
                        && self.word(k - 1).as_deref() == Some("the") =>
                {
                    Some(k + 2)
                }
                _ => None,
            };
            if let Some(s) = hit
                .filter(|&s| s < to)
                .and_then(|s| self.mention_starting(s))
            {
                return Some(s);
            }
        }
        None
    }

    /// Pattern 1 / 3a: `“Q,” S said`, `“Q,” said S`, within `POST_REACH` words.
    fn after_near(&self, q: QuoteToks, limit: usize) -> Option<Speaker> {
        let mut k = q.end;
        while k < limit && !self.tokens[k].is_word() && !self.tokens[k].quoted {
            k += 1;
        }
        if k >= limit {
            return None;
        }
        if self.is_cue(k) {
            return self
                .mention_starting(k + 1)
                .or_else(|| self.adjacent_name(k + 1));
        }
        // A speaker within the first few words, then its cue (through an apposition).
        let first = k;
        let cue = (k..limit.min(k + 14)).find(|&c| self.is_cue(c))?;
        let s = self.subject_before(cue, first)?;
        let start_tok = (first..cue).find(|&t| self.tokens[t].range.start >= s.span.start);
        let lead_words = start_tok.map_or(usize::MAX, |t| t - first);
        (lead_words <= POST_REACH || self.body[s.span.clone()].is_empty()).then_some(s)
    }

    /// `Kim: “Q”` (live blogs, interviews): a paragraph that opens with a name, a colon
    /// and the quotation.
    fn colon_label(&self, q: QuoteToks) -> Option<Speaker> {
        let colon = q.open.checked_sub(1)?;
        if !self.tokens[colon].is_punct(':') || colon == 0 {
            return None;
        }
        let i = self.mentions.name_ending(colon)?;
        let start = self.mentions.names[i].toks.start;
        let opens = start == 0 || self.tokens[start - 1].para != self.tokens[start].para;
        (opens && self.tokens[start].para == self.tokens[q.open].para)
            .then(|| self.mention_ending(colon))
            .flatten()
    }

    /// Pattern 2: the sentence before the quote.
    fn before(&self, q: QuoteToks, floor: usize) -> Option<Speaker> {
        if let Some(s) = self.colon_label(q) {
            return Some(s);
        }
        if let Some(s) = self.according_to(floor, q.open) {
            return Some(s);
        }
        let cue = (floor..q.open).rev().find(|&k| self.is_cue(k))?;
        if q.short {
            let between_ok = (cue + 1..q.open).all(|k| {
                self.tokens[k].is_punct(',')
                    || self.tokens[k].is_punct(':')
                    || self.word(k).as_deref() == Some("that")
            });
            if !between_ok {
                return None;
            }
        }
        if let Some(s) = self.subject_before(cue, floor) {
            return Some(s);
        }
        // `…, saying: “Q”`, `… and told police “Q”`: the sentence's subject speaks.
        let participle = self.word(cue).is_some_and(|w| w.ends_with("ing"));
        let coordinated = cue > floor
            && (self.tokens[cue - 1].is_punct(',')
                || matches!(self.word(cue - 1).as_deref(), Some("and" | "but")));
        if participle || coordinated {
            let s = self.sentence_start(cue);
            return self.sentence_subject(s, cue);
        }
        None
    }

    /// Pattern 3b: the sentence ends with `, S cue.` or `, cue S.`
    fn sentence_tail(&self, q: QuoteToks, end: usize) -> Option<Speaker> {
        let mut last = end.checked_sub(1)?;
        while last > q.end && !self.tokens[last].is_word() {
            last -= 1;
        }
        if last <= q.end {
            return None;
        }
        if self.is_cue(last) {
            let s = self.subject_before(last, q.end)?;
            let s_tok = (q.end..last).find(|&t| self.tokens[t].range.start >= s.span.start)?;
            let head = (q.end..s_tok).rev().find(|&t| !self.tokens[t].is_word())?;
            return (self.tokens[head].is_punct(',') && head + 6 >= s_tok).then_some(s);
        }
        // `, cue S.`: find the cue just after the last comma.
        let comma = (q.end..last)
            .rev()
            .find(|&t| self.tokens[t].is_punct(','))?;
        if self.is_cue(comma + 1) {
            let s = self.mention_starting(comma + 2)?;
            let tail_ok = self.tokens[comma + 2..=last]
                .iter()
                .all(|t| t.range.start < s.span.end + 1);
            return tail_ok.then_some(s);
        }
        None
    }

    /// The speaker of quotation `q` from its own sentence, or `None`. `prev_end` is the
    /// token after the previous quotation in the article (attribution never reaches back
    /// into it).
    pub fn own(&self, q: QuoteToks, prev_end: usize, next_open: usize) -> Option<Speaker> {
        let s_start = self.sentence_start(q.open).max(prev_end);
        let s_end = self
            .sentence_end(q.end.saturating_sub(1).max(q.open))
            .max(q.end);
        let post_limit = s_end.min(next_open).max(q.end);
        if q.comma_close
            && let Some(s) = self.after_near(q, post_limit)
        {
            return Some(s);
        }
        if let Some(s) = self.before(q, s_start) {
            return Some(s);
        }
        if q.short && !q.comma_close {
            return None;
        }
        if q.short {
            return None;
        }
        self.after_near(q, post_limit)
            .or_else(|| {
                (next_open >= s_end)
                    .then(|| self.sentence_tail(q, s_end))
                    .flatten()
            })
            .or_else(|| self.according_to(q.end, post_limit))
    }

    /// Whether quotation `q` is a name given to something (`a robot named “Better Idea of
    /// Afghan Girls,”`, `the report, titled “…”`): nobody says it, so it gets no speaker.
    pub fn is_name_quote(&self, q: QuoteToks) -> bool {
        let before = (0..q.open).rev().find(|&k| !self.tokens[k].is_punct(','));
        before.and_then(|k| self.word(k)).is_some_and(|w| {
            matches!(
                w.as_str(),
                // Not `called`: `what he called “a disaster”` is his speech.
                "named" | "titled" | "entitled" | "dubbed" | "nicknamed" | "renamed"
            )
        })
    }

    /// Whether `“Q,”` is followed by its own cue verb within a few words (`“Q,” the company
    /// said`, `“Q,” one worker said`): the text names a speaker, so when it could not be
    /// resolved the quotation must not inherit one from elsewhere.
    pub fn has_own_cue(&self, q: QuoteToks, next_open: usize) -> bool {
        q.comma_close
            && (q.end
                ..(q.end + POST_REACH + 1)
                    .min(next_open)
                    .min(self.tokens.len()))
                .take_while(|&k| !self.tokens[k].sentence_end && !self.tokens[k].quoted)
                .any(|k| self.is_cue(k))
    }

    /// Pattern 4, sentence before: `S said he was alarmed. “Q”` — the previous sentence in
    /// the same paragraph has a cue verb with a subject (and no quotation of its own).
    pub fn previous_sentence(&self, q: QuoteToks) -> Option<Speaker> {
        let s = self.sentence_start(q.open);
        if s == 0 || s != q.open && (s..q.open).any(|k| self.tokens[k].is_word()) {
            return None;
        }
        let prev_end = s - 1;
        let prev_start = self.sentence_start(prev_end);
        let same_para = self.tokens[prev_end].para == self.tokens[q.open].para;
        if !same_para {
            // Previous paragraph: only when it ends introducing this (`S said:`/`S said,`).
            let ender = &self.tokens[prev_end];
            if !(ender.is_punct(':') || ender.is_punct(',')) {
                return None;
            }
        }
        // Scare quotes are narrative (`She called it “ambitious” and “overdue”:`); a real
        // quotation has its own speaker.
        let quoted_words = (prev_start..=prev_end)
            .filter(|&k| self.tokens[k].quoted && self.tokens[k].is_word())
            .count();
        if quoted_words > 2 * super::SHORT_WORDS {
            return None;
        }
        let cue = (prev_start..=prev_end).find(|&k| self.is_cue(k))?;
        self.subject_before(cue, prev_start)
            .or_else(|| self.sentence_subject(prev_start, cue))
    }

    /// Whether quotation `q` opens its sentence (nothing but the quote mark before it).
    pub fn opens_paragraph(&self, q: QuoteToks) -> bool {
        q.open == 0 || self.tokens[q.open - 1].para != self.tokens[q.open].para
    }

    /// Whether tokens `from..to` hold a sentence end (the quotes are in different
    /// sentences).
    pub fn sentence_between(&self, from: usize, to: usize) -> bool {
        (from..to).any(|k| self.tokens[k].sentence_end)
    }
}
