//! Pairing quotation marks into quotation spans, robust to scraped text.
//!
//! A mark's role comes first from its *context* and only then from its glyph, because
//! scrapers and translation tools mangle glyphs (`a party“,` uses an opening mark to close)
//! but rarely the spacing around them:
//!
//! - a mark with text after it and a space (or paragraph start, bracket, dash) before it
//!   can open; a mark with text before it and a space or punctuation after it can close;
//! - `’` and `'` between two letters, or before a digit (`’90s`), are apostrophes; a `’`
//!   that could close but finds no open single quote is an apostrophe too (`students’`);
//! - a closing mark with nothing open is an orphan and is ignored (`best friend”`).
//!
//! Pairing never crosses a paragraph, except for the news convention for multi-paragraph
//! quotations: a paragraph whose quotation is still open continues into the next one when
//! that paragraph opens with a double quote mark. Otherwise an open double quotation ends
//! where its paragraph ends, so one broken mark can never swallow the rest of the article.

use std::ops::Range;

/// Which level a mark belongs to. Double marks include guillemets and `„`; single marks
/// nest inside them (and the other way round in British style).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// One quotation found by pairing, before attribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// From the opening mark to just after the closing mark (or to the end of the
    /// paragraph when the closing mark is missing).
    pub range: Range<usize>,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Whether this is a single-mark (`‘ ’`, `' '`) quotation.
    pub single: bool,
}

/// An open quotation on the stack.
#[derive(Clone, Copy, Debug)]
struct Open {
    family: Family,
    start: usize,
    glyph: char,
}

/// Finds the quotation spans of `body`, in order of their opening marks. Nested quotations
/// (`“he called it ‘absurd’”`) are both returned.
pub fn pair(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let paragraphs = paragraphs(body);
    // A double quotation carried over from the previous paragraph, with its start.
    let mut carried: Option<Open> = None;
    for (i, para) in paragraphs.iter().enumerate() {
        let text = &body[para.clone()];
        let mut stack: Vec<Open> = Vec::new();
        let mut skip_first_mark = false;
        if let Some(open) = carried.take() {
            stack.push(open);
            skip_first_mark = true;
        }
        let mut prev: Option<char> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            if is_mark(c) {
                if skip_first_mark {
                    // The continuation mark of a multi-paragraph quotation.
                    skip_first_mark = false;
                } else {
                    step(&mut stack, &mut out, para.start + at, c, prev, next);
                }
            } else if !c.is_whitespace() {
                skip_first_mark = false;
            }
            prev = Some(c);
        }
        // Unclosed single quotes at the end of a paragraph were apostrophes or noise.
        stack.retain(|o| o.family == Family::Double);
        let Some(outer) = stack.first().copied() else {
            continue;
        };
        let continues = paragraphs
            .get(i + 1)
            .and_then(|next| body[next.clone()].chars().next())
            .is_some_and(|c| matches!(c, '“' | '"' | '„' | '«' | '”'));
        if continues {
            carried = Some(outer);
        } else {
            out.push(Span {
                range: outer.start..para.end,
                closed: false,
                single: false,
            });
        }
    }
    out.sort_by_key(|s| s.range.start);
    out
}

/// Byte ranges of the paragraphs: runs of non-blank lines, trimmed.
pub fn paragraphs(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.extend(current.take());
        } else {
            let lead = line.len() - line.trim_start().len();
            let start = at + lead;
            let end = start + trimmed.len();
            current = Some(match current {
                Some(r) => r.start..end,
                None => start..end,
            });
        }
        at += line.len();
    }
    out.extend(current);
    out
}

fn is_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '„' | '«' | '»' | '‘' | '’' | '\'' | '‚' | '‹' | '›'
    )
}

/// Marks that may sit between a space and the opening mark (`(“`, `—“`, `: “`).
fn opens_after(p: char) -> bool {
    matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | ';') || is_mark(p)
}

/// Characters that may follow a closing mark.
fn closes_before(n: char) -> bool {
    n.is_whitespace()
        || is_mark(n)
        || matches!(
            n,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '/' | '…'
        )
}

/// Applies one mark at byte `at` to the stack, emitting a span when it closes one.
fn step(
    stack: &mut Vec<Open>,
    out: &mut Vec<Span>,
    at: usize,
    c: char,
    prev: Option<char>,
    next: Option<char>,
) {
    let can_open = next.is_some_and(|n| !n.is_whitespace() && !matches!(n, '.' | ',' | ';' | ')'))
        && prev.is_none_or(|p| p.is_whitespace() || opens_after(p));
    let can_close = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(closes_before);
    let letters_around =
        prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
    let family = match c {
        '‘' | '’' | '\'' | '‚' | '‹' | '›' => Family::Single,
        _ => Family::Double,
    };
    if family == Family::Single {
        // Apostrophes: `Pyongyang’s`, `’90s`, `rock ’n’ roll`, `’em`.
        if letters_around || next.is_some_and(|n| n.is_ascii_digit()) || is_elision(c, next) {
            return;
        }
        if can_close && close(stack, out, at + c.len_utf8(), family) {
            return;
        }
        // `’` never opens: it is the apostrophe glyph (`’n’`, `’tis`).
        if can_open && c != '’' && c != '›' {
            stack.push(Open {
                family,
                start: at,
                glyph: c,
            });
        }
        return;
    }
    let opener_glyph = matches!(c, '“' | '„' | '«');
    let closer_glyph = matches!(c, '”' | '»');
    let role_open = match (can_open, can_close) {
        (true, false) => true,
        (false, true) => false,
        // No telling from the context (`a"b`, `“”`): an open quotation is closed,
        // otherwise the glyph decides, and `"` opens.
        _ => !has_open(stack, family) && !closer_glyph || (opener_glyph && c == '„'),
    };
    if role_open {
        // The same glyph opening again while one is open means the first lost its
        // closing mark: abandon it rather than guess where it ended.
        if let Some(top) = stack.last()
            && top.family == Family::Double
            && top.glyph == c
            && c != '«'
        {
            stack.pop();
        }
        stack.push(Open {
            family,
            start: at,
            glyph: c,
        });
    } else {
        close(stack, out, at + c.len_utf8(), family);
    }
}

fn has_open(stack: &[Open], family: Family) -> bool {
    stack.iter().any(|o| o.family == family)
}

/// Closes the innermost open quotation of `family`, dropping anything opened inside it
/// that never closed. Returns whether there was one.
fn close(stack: &mut Vec<Open>, out: &mut Vec<Span>, end: usize, family: Family) -> bool {
    let Some(pos) = stack.iter().rposition(|o| o.family == family) else {
        return false;
    };
    let open = stack[pos];
    stack.truncate(pos);
    out.push(Span {
        range: open.start..end,
        closed: true,
        single: family == Family::Single,
    });
    true
}

/// `’n’`, `'em`, `'tis`, `'til`, `'cause`: elisions written with a leading apostrophe.
fn is_elision(c: char, next: Option<char>) -> bool {
    // Only the letter after the mark is known here; the common elisions start with these
    // letters and are followed by a letter-free stretch soon, which the pairing tolerates.
    // `’n’` is the one that would pair with itself, so catch it by its shape.
    matches!(c, '’' | '\'') && next == Some('n')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoted texts found in `body`.
    fn quotes(body: &str) -> Vec<&str> {
        pair(body).into_iter().map(|s| &body[s.range]).collect()
    }

    #[test]
    fn each_mark_style() {
        assert_eq!(quotes("He said “yes” today."), ["“yes”"]);
        assert_eq!(quotes("He said \"yes\" today."), ["\"yes\""]);
        assert_eq!(quotes("He said ‘yes’ today."), ["‘yes’"]);
        assert_eq!(quotes("Il a dit « oui » hier."), ["« oui »"]);
        assert_eq!(quotes("Il a dit «oui» hier."), ["«oui»"]);
        assert_eq!(quotes("Er sagte „ja“ gestern."), ["„ja“"]);
        assert_eq!(quotes("Er sagte »ja« gestern."), ["»ja«"]);
    }

    #[test]
    fn nested_single_inside_double() {
        assert_eq!(
            quotes("“They called it ‘absurd’ at once,” he said."),
            ["“They called it ‘absurd’ at once,”", "‘absurd’"]
        );
        assert_eq!(
            quotes("‘They called it “absurd” at once,’ he said."),
            ["‘They called it “absurd” at once,’", "“absurd”"]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        for text in [
            "Pyongyang’s nuclear bet, the ’90s, rock ’n’ roll at ten o’clock.",
            "The students’ union met. Rock 'n' roll in the '90s. Don't.",
            "James' car and the Joneses' house.",
        ] {
            assert_eq!(quotes(text), Vec::<&str>::new(), "{text}");
        }
        assert_eq!(
            quotes("“Pyongyang’s bet,” the students’ union said."),
            ["“Pyongyang’s bet,”"]
        );
    }

    #[test]
    fn opening_mark_used_to_close() {
        let text = "Putin I declare that “the treaty foresees assistance against a party“, \
                    specifying that Russia does not rule out cooperation.";
        assert_eq!(
            quotes(text),
            ["“the treaty foresees assistance against a party“"]
        );
    }

    #[test]
    fn orphan_closing_mark_is_ignored() {
        let text = "Kim said it is “defensive” in nature, and rated Putin best friend” from \
                    North Korea. Putin thanked Kim for “constant” support and asked it be “reviewed.”";
        assert_eq!(quotes(text), ["“defensive”", "“constant”", "“reviewed.”"]);
    }

    #[test]
    fn lone_opening_mark_ends_at_its_paragraph() {
        let body = "He said “this never closes. More text.\n\nNext paragraph, “fine” here.";
        let spans = pair(body);
        assert_eq!(
            &body[spans[0].range.clone()],
            "“this never closes. More text."
        );
        assert!(!spans[0].closed);
        assert_eq!(&body[spans[1].range.clone()], "“fine”");
    }

    #[test]
    fn multi_paragraph_quotation() {
        let body = "“First part of it.\n\n“Second part,” he said.\n\nAfter.";
        let spans = pair(body);
        assert_eq!(spans.len(), 1);
        assert_eq!(
            &body[spans[0].range.clone()],
            "“First part of it.\n\n“Second part,”"
        );
        assert!(spans[0].closed);
    }

    #[test]
    fn quoted_heading() {
        let body = "Intro.\n\n“Russia and Korea do not accept blackmail”\n\nText.";
        assert_eq!(quotes(body), ["“Russia and Korea do not accept blackmail”"]);
    }

    #[test]
    fn ascii_quotes_pair_by_context() {
        assert_eq!(
            quotes("\"We are here,\" she said, \"to win.\" Then \"it\" ended."),
            ["\"We are here,\"", "\"to win.\"", "\"it\""]
        );
        assert_eq!(quotes("a 5\" screen"), Vec::<&str>::new());
    }

    #[test]
    fn same_glyph_reopening_abandons_the_broken_one() {
        assert_eq!(quotes("It was “broken and then “whole” here."), ["“whole”"]);
    }

    #[test]
    fn paragraphs_are_trimmed_runs() {
        let body = " a\nb \n\n \nc\n";
        let p = paragraphs(body);
        assert_eq!(
            p.iter().map(|r| &body[r.clone()]).collect::<Vec<_>>(),
            ["a\nb", "c"]
        );
    }
}
