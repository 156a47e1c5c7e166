//! What one paragraph looks like on its own: the per-block signals section detection scores.
//!
//! Everything here is local to one paragraph's text; how it sits among its neighbours is
//! `sections.rs`'s business. Patterns are plain string checks (no regex): this runs on every
//! paragraph of every article opened.

/// Paragraphs longer than this are never headings, so they are only measured roughly.
pub const MAX_HEADING_CHARS: usize = 120;

/// How a paragraph ends, ignoring closing quotes and brackets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `.` `,` `;` `…`: a sentence or a fragment of one.
    Sentence,
    Question,
    Exclamation,
    Colon,
    /// No punctuation: the usual heading ending.
    Bare,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// "Concern in the US and the UK": content words capitalised.
    Title,
    /// "WHAT HAPPENS NEXT".
    Upper,
    /// "Against US hegemony": a capital first word, lowercase others.
    Sentence,
    /// Starts with a lowercase letter: a continuation, never a heading.
    Lower,
}

/// Why a paragraph can never be a heading, whatever its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Veto {
    TooLong,
    /// Ends like a sentence (`.`, `,`, `;`), or is a quotation that does.
    SentenceEnding,
    /// "• item", "- item".
    Bullet,
    /// "By Jane Doe", "Jane Doe, Reuters".
    Byline,
    /// "Photo: AP", "(Reuters)", "… Image: Getty Images".
    Credit,
    /// "Friday, July 21, 2017", "WASHINGTON —", "12:45 GMT".
    Dateline,
    /// "— Name (@handle) November 3, 2019", URLs, @handles.
    Embed,
    /// "Q: …", "Related: …", "Watch: …": a label and text after it.
    Label,
    /// Starts lowercase: a broken-off continuation.
    Lowercase,
}

/// The signals of one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Tokens that contain a letter or digit ("—" is not a word), capped for long text.
    pub words: usize,
    pub chars: usize,
    pub ending: Ending,
    pub case: Case,
    /// Entirely inside quotation marks (the seed's “Russia and Korea do not accept blackmail”).
    pub quoted: bool,
    pub has_digit: bool,
    /// "1. Check your tyres": a numbered item, a heading only if followed by prose.
    pub numbered: bool,
    /// Finite-verb / pronoun markers ("is", "was", "said", "we", "she"…): sentence-likeness.
    pub sentence_markers: usize,
    /// "Sources", "See also", "External links": the headings of back matter.
    pub back_matter: bool,
    /// A bare caption label ("Image caption", "Media caption"): the next line is a caption.
    pub caption_label: bool,
    pub veto: Option<Veto>,
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        let chars = text.chars().take(MAX_HEADING_CHARS * 4).count();
        let words = text
            .split_whitespace()
            .take(200)
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        let (inner, quoted) = strip_quotes(text);
        let ending = ending_of(inner);
        let mut shape = Shape {
            words,
            chars,
            ending,
            case: Case::Sentence,
            quoted,
            has_digit: false,
            numbered: false,
            sentence_markers: 0,
            back_matter: false,
            caption_label: false,
            veto: None,
        };
        if chars > MAX_HEADING_CHARS {
            shape.veto = Some(Veto::TooLong);
            return shape;
        }
        let body = strip_number(inner);
        shape.numbered = body.len() < inner.len();
        shape.case = case_of(body);
        shape.has_digit = body.chars().any(|c| c.is_ascii_digit());
        shape.sentence_markers = sentence_markers(body);
        shape.back_matter = is_back_matter(text);
        shape.caption_label = is_caption_label(text);
        shape.veto = super::heading_vetoes::veto(text, &shape);
        shape
    }

    /// A full prose paragraph: the kind a heading introduces and follows.
    pub fn is_body(&self) -> bool {
        self.words >= 15
            && matches!(
                self.ending,
                Ending::Sentence | Ending::Question | Ending::Exclamation | Ending::Colon
            )
            || self.words >= 40
    }

    /// A complete shorter sentence ("Wikinews provides additional video so readers may
    /// learn more."): prose, though not a full paragraph. List items and table rows rarely
    /// look like this.
    pub fn is_sentence(&self) -> bool {
        self.words >= 8
            && matches!(
                self.ending,
                Ending::Sentence | Ending::Question | Ending::Exclamation
            )
    }
}

fn strip_quotes(text: &str) -> (&str, bool) {
    const PAIRS: [(char, char); 4] = [('“', '”'), ('"', '"'), ('‘', '’'), ('«', '»')];
    for (open, close) in PAIRS {
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            // “A” and “B”: two quotations, not one quoted paragraph.
            if !inner.contains(open) && !inner.contains(close) && !inner.is_empty() {
                return (inner.trim(), true);
            }
        }
    }
    (text, false)
}

fn ending_of(text: &str) -> Ending {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '*', ' ']);
    match trimmed.chars().next_back() {
        Some('.' | ',' | ';' | '…') => Ending::Sentence,
        Some('?') => Ending::Question,
        Some('!') => Ending::Exclamation,
        Some(':') => Ending::Colon,
        _ => Ending::Bare,
    }
}

/// "1. ", "2) ", "10. " at the start.
fn strip_number(text: &str) -> &str {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &text[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r.trim_start();
        }
    }
    text
}

/// Small words a Title Case heading leaves lowercase.
const MINOR_WORDS: [&str; 24] = [
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "into", "over", "vs", "via", "per", "up", "off",
];

fn case_of(text: &str) -> Case {
    let first = text.chars().find(|c| c.is_alphabetic());
    if first.is_some_and(char::is_lowercase) {
        return Case::Lower;
    }
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    if letters.clone().count() >= 4 && letters.all(|c| !c.is_lowercase()) {
        return Case::Upper;
    }
    let (mut content, mut capitalised) = (0, 0);
    for word in text.split_whitespace().skip(1) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() || MINOR_WORDS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
            continue;
        }
        content += 1;
        if first.is_uppercase() {
            capitalised += 1;
        }
    }
    if content >= 1 && capitalised == content {
        Case::Title
    } else {
        Case::Sentence
    }
}

/// Words that make a line read as a sentence (a finite verb or a personal pronoun), rather
/// than as a noun-phrase label. Quoted or question headings can contain them, so this is a
/// weak signal, never a veto.
fn sentence_markers(text: &str) -> usize {
    const MARKERS: [&str; 28] = [
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says", "told",
        "can", "could", "should", "may", "might", "must", "did", "been", "i", "we", "he", "she",
        "they", "you", "it", "his",
    ];
    text.split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            MARKERS.iter().any(|m| m.eq_ignore_ascii_case(w))
        })
        .count()
}

fn is_caption_label(text: &str) -> bool {
    const LABELS: [&str; 7] = [
        "caption",
        "image caption",
        "media caption",
        "video caption",
        "photo caption",
        "image source",
        "image",
    ];
    let t = text.trim_end_matches([':', ',']).trim();
    LABELS.iter().any(|l| l.eq_ignore_ascii_case(t))
}

fn is_back_matter(text: &str) -> bool {
    const NAMES: [&str; 10] = [
        "sources",
        "references",
        "external links",
        "see also",
        "related news",
        "notes",
        "further reading",
        "bibliography",
        "footnotes",
        "related stories",
    ];
    let t = text.trim_end_matches(':').trim();
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn veto_of(text: &str) -> Option<Veto> {
        Shape::of(text).veto
    }

    #[test]
    fn seed_headings_pass() {
        for h in [
            "Against US hegemony",
            "“Russia and Korea do not accept blackmail”",
            "Concern in the US and the UK",
        ] {
            let s = Shape::of(h);
            assert_eq!(s.veto, None, "{h}");
            assert_eq!(s.ending, Ending::Bare);
        }
        assert!(Shape::of("“Russia and Korea do not accept blackmail”").quoted);
        assert_eq!(Shape::of("Concern in the US and the UK").case, Case::Title);
        assert_eq!(Shape::of("WHAT HAPPENS NEXT").case, Case::Upper);
        assert_eq!(Shape::of("Against US hegemony").case, Case::Sentence);
    }

    #[test]
    fn vetoes() {
        use Veto::*;
        let cases = [
            ("— Jane Roe (@janeroe) November 3, 2019", Embed),
            ("By Jane Doe", Byline),
            ("Jane Doe, Reuters", Byline),
            ("Photo: AP", Credit),
            ("Image: Getty Images", Credit),
            ("(Reuters)", Credit),
            ("Image caption, Crowds at the gate", Credit),
            ("© 2024 Northwind Media", Credit),
            ("Advertisement", Credit),
            ("Reuters", Credit),
            ("EPA/ANSA", Credit),
            ("AP Photo/Jane Doe", Credit),
            ("Xinhua via Getty", Credit),
            ("Friday, July 21, 2017", Dateline),
            ("WASHINGTON —", Dateline),
            ("12:45 GMT", Dateline),
            ("• Free school meals", Bullet),
            ("- Free school meals", Bullet),
            ("Related: Why the bridge closed", Label),
            ("Q: Why did you leave?", Label),
            ("“We will not give up,” she said.", SentenceEnding),
            ("\"How can it go away?\"", SentenceEnding),
            ("https://twitter.com/x/status/1", Embed),
            ("and then the rest", Lowercase),
        ];
        for (text, expected) in cases {
            assert_eq!(veto_of(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn plausible_headings_have_no_veto() {
        for text in [
            "What does this mean for Europe?",
            "1. Check your tyres",
            "Background:",
            "Group F — Sweden 1 – 0 Korea Republic",
            "Sources",
            "The road to 2030",
        ] {
            assert_eq!(veto_of(text), None, "{text}");
        }
        assert!(Shape::of("1. Check your tyres").numbered);
        assert!(Shape::of("Sources").back_matter);
    }

    #[test]
    fn body_paragraphs() {
        let long = "The committee met on Tuesday and agreed, after a long debate that ran late \
                    into the night, to publish its findings in the spring.";
        assert!(Shape::of(long).is_body());
        assert!(!Shape::of("Against US hegemony").is_body());
    }
}
