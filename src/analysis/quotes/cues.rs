//! Word lists for attribution: cue verbs, role nouns, titles, pronouns and the little words
//! the patterns skip. Plain functions over lowercase words, no tables built at run time.

/// Verbs that introduce reported speech, as lemmas. Every inflection is recognised by
/// [`cue_lemma`].
#[rustfmt::skip]
const CUE_LEMMAS: &[&str] = &[
    "say", "add", "tell", "declare", "reiterate", "criticise", "criticize", "explain",
    "warn", "highlight", "note", "insist", "claim", "state", "argue", "write", "ask",
    "announce", "acknowledge", "admit", "confirm", "deny", "urge", "stress", "recall",
    "describe", "call", "assure", "comment", "reply", "respond", "tweet", "conclude",
    "observe", "remark", "suggest", "predict", "promise", "vow", "pledge", "boast",
    "complain", "lament", "contend", "maintain", "emphasise", "emphasize", "underline",
    "assert", "allege", "testify", "exclaim", "caution", "concede", "recount", "quip",
    "counter", "retort", "answer", "specify", "affirm", "mention", "repeat", "proclaim",
    "report", "continue", "agree", "accuse", "tell", "speak", "think", "believe",
    "question", "wonder", "plead", "demand", "threaten", "point", "indicate", "reveal",
    "joke", "sum", "summarise", "summarize",
];

/// Whether the word list `list` holds `word`. Lengths are compared first: these lists are
/// asked about most words near names, and most differ in length.
fn has(list: &[&str], word: &str) -> bool {
    let (len, first) = (word.len(), word.as_bytes().first());
    list.iter()
        .any(|w| w.len() == len && w.as_bytes().first() == first && *w == word)
}

/// Irregular forms, mapped to their lemma.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("thought", "think"),
];

/// The lemma of `word` when it is an inflection of a cue verb. `word` must be lowercase.
pub fn cue_lemma(word: &str) -> Option<&'static str> {
    if let Some(&(_, lemma)) = IRREGULAR.iter().find(|(form, _)| *form == word) {
        return Some(lemma);
    }
    let first = word.as_bytes().first()?;
    CUE_LEMMAS
        .iter()
        .copied()
        .filter(|lemma| lemma.as_bytes().first() == Some(first))
        .find(|lemma| inflects(lemma, word))
}

/// Whether `word` is `lemma`, `lemma`+s/es/ed/d/ing, with the usual spelling changes
/// (`deny`→`denies`/`denied`, `note`→`noting`, `admit`→`admitted`).
fn inflects(lemma: &str, word: &str) -> bool {
    if word == lemma {
        return true;
    }
    let Some(tail) = word.strip_prefix(lemma) else {
        // Spelling changes at the end of the lemma.
        if let Some(stem) = lemma.strip_suffix('y') {
            return word
                .strip_prefix(stem)
                .is_some_and(|t| t == "ies" || t == "ied");
        }
        if let Some(stem) = lemma.strip_suffix('e') {
            return word.strip_prefix(stem).is_some_and(|t| t == "ing");
        }
        return false;
    };
    match tail {
        "s" | "es" | "ed" | "d" | "ing" => true,
        // Doubled final consonant: admitted, admitting, quipped.
        _ => {
            let last = lemma.chars().last();
            let mut t = tail.chars();
            t.next() == last && matches!(t.as_str(), "ed" | "ing")
        }
    }
}

/// Lemmas that are cues only with a particle or a complement (`point out`, `sum up`) or
/// that are too often something else to introduce a quotation on their own.
pub fn needs_particle(lemma: &str) -> Option<&'static str> {
    match lemma {
        "point" => Some("out"),
        "sum" => Some("up"),
        _ => None,
    }
}

/// Role nouns: what a person is called instead of their name (`the president said`).
pub fn is_role(word: &str) -> bool {
    has(ROLES, word)
}

#[rustfmt::skip]
const ROLES: &[&str] = &[
    "president", "leader", "minister", "premier", "chancellor", "secretary", "spokesman",
    "spokeswoman", "spokesperson", "advisor", "adviser", "ambassador", "professor",
    "director", "chairman", "chairwoman", "chair", "chief", "governor", "senator", "mayor",
    "general", "commander", "prosecutor", "lawyer", "attorney", "judge", "coach", "captain",
    "manager", "executive", "founder", "researcher", "analyst", "expert", "economist",
    "scientist", "editor", "author", "king", "queen", "prince", "princess", "pope",
    "representative", "envoy", "diplomat", "officer", "inspector", "detective", "official",
    "head", "ceo", "chairperson", "commissioner", "congressman", "congresswoman",
    "lawmaker", "legislator", "dictator", "monarch", "emir", "sheikh", "cleric", "bishop",
    "cardinal", "priest", "rabbi", "imam", "sergeant", "colonel", "lieutenant", "admiral",
    "mp", "councillor", "councilor", "justice", "superintendent", "sheriff", "doctor",
    "physician", "surgeon", "negotiator", "deputy", "defender", "striker", "goalkeeper",
    "midfielder", "player", "candidate", "nominee", "activist", "campaigner", "owner",
    "investor", "banker",
];

/// Words written before a name that say what the person is (`President Vladimir Putin`,
/// `Defense Minister Grant Shapps`, `Dr. Jane Doe`). They are not part of the name.
pub fn is_title(word: &str) -> bool {
    is_role(word) || has(TITLES, word)
}

#[rustfmt::skip]
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "gen", "col",
    "capt", "lt", "sgt", "sen", "rep", "gov", "rev", "reverend", "father", "sister",
    "brother", "vice", "prime", "foreign", "defense", "defence", "interior", "finance",
    "speaker", "crown", "ayatollah", "st", "saint", "mister", "madam", "madame", "herr",
    "frau", "monsieur", "qc", "sc",
];

/// Lowercase particles inside names (`Suleiman al-Amr`, `Ursula von der Leyen`).
pub fn is_name_particle(word: &str) -> bool {
    has(NAME_PARTICLES, word)
}

#[rustfmt::skip]
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "van", "von", "der", "den", "de", "da", "di", "du", "la",
    "le", "dos", "das", "del", "ben", "abu", "ter", "zu",
];

/// Words that mark a capitalised run as something other than a person (`Kim Il Sung
/// Square`, `Dongguk University`), so the fallback name finder does not treat it as one.
pub fn is_non_person_head(word: &str) -> bool {
    has(NON_PERSON_HEADS, word)
}

#[rustfmt::skip]
const NON_PERSON_HEADS: &[&str] = &[
    "square", "university", "party", "council", "street", "road", "avenue", "ministry",
    "department", "agency", "association", "committee", "union", "bank", "company",
    "corporation", "group", "house", "office", "court", "news", "times", "post", "herald",
    "gazette", "journal", "press", "television", "radio", "airport", "station", "stadium",
    "arena", "hospital", "school", "college", "institute", "museum", "church", "assembly",
    "army", "forces", "navy", "police", "republic", "kingdom", "states", "nations",
    "organisation", "organization", "foundation", "centre", "center", "war", "day",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "county", "city", "province", "region", "island", "islands",
    "river", "lake", "mountain", "park", "hall", "tower", "towers", "bridge", "cup",
    "league", "club", "team", "fc", "inc", "ltd", "corp", "co", "sea", "ocean", "gulf",
    "mausoleum", "treaty", "agreement", "act", "bill", "award", "prize",
];

/// Pronouns that can stand for a speaker and be resolved to a person named before.
pub fn is_speaker_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she")
}

/// Words that may sit between a speaker and the cue verb (`Putin also said`, `she has
/// repeatedly warned`) without breaking the pattern.
pub fn is_skippable(word: &str) -> bool {
    has(SKIPPABLE, word)
}

#[rustfmt::skip]
const SKIPPABLE: &[&str] = &[
    "also", "then", "later", "has", "had", "have", "would", "will", "previously", "again",
    "further", "repeatedly", "reportedly", "once", "recently", "publicly", "earlier",
    "simply", "just", "only", "and", "but", "was", "is", "were", "did", "does", "do", "not",
    "never", "often", "first", "finally", "still", "even", "openly", "bluntly", "flatly",
    "insistently", "loudly", "quietly", "angrily", "firmly", "clearly",
];

/// Prepositions: a name right after one is not the subject of what follows (`a letter
/// seen by Sky News says`). Not `with`: `with Boswell stating: “…”`.
pub fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "by" | "to" | "of" | "from" | "for" | "at" | "in" | "on" | "about" | "against"
    )
}

/// Abbreviations whose period does not end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "lt",
    "col", "capt", "sgt", "mt", "no", "vs", "etc", "inc", "co", "corp", "ltd", "rev", "fig",
    "approx", "dept", "est", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov",
    "dec", "u.s", "u.k", "e.g", "i.e",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_inflections() {
        for (form, lemma) in [
            ("said", "say"),
            ("says", "say"),
            ("saying", "say"),
            ("added", "add"),
            ("told", "tell"),
            ("telling", "tell"),
            ("declared", "declare"),
            ("reiterates", "reiterate"),
            ("criticised", "criticise"),
            ("criticized", "criticize"),
            ("criticizing", "criticize"),
            ("warns", "warn"),
            ("noting", "note"),
            ("denied", "deny"),
            ("denies", "deny"),
            ("admitted", "admit"),
            ("stresses", "stress"),
            ("wrote", "write"),
            ("writing", "write"),
            ("replied", "reply"),
        ] {
            assert_eq!(cue_lemma(form), Some(lemma), "{form}");
        }
        for word in ["sailed", "the", "addition", "stated2", "noted-"] {
            assert_eq!(cue_lemma(word), None, "{word}");
        }
    }
}
