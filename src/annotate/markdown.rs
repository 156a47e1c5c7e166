//! Markdown export: one `##` section per article (headline, then source · date · URL or
//! path), each highlight as a blockquote of its exact quote, then its note and `#tags`, in
//! text order. Highlights that need review or are orphaned say so above the quote.

use super::w3c::ArticleRef;
use super::{Annotation, Status};

/// The Markdown for `groups`: each article with its annotations (already in text order).
pub fn export(title: &str, groups: &[(ArticleRef, Vec<Annotation>)]) -> String {
    let mut out = format!("# {title}\n");
    for (article, list) in groups {
        out.push('\n');
        let headline = match article.title.trim() {
            "" => article
                .path
                .file_name()
                .map_or_else(|| "(untitled)".to_string(), |n| n.to_string_lossy().into()),
            t => t.to_string(),
        };
        out.push_str(&format!("## {}\n\n", one_line(&headline)));
        let mut facts: Vec<String> = Vec::new();
        if let Some(source) = article.source.as_deref().filter(|s| !s.trim().is_empty()) {
            facts.push(one_line(source));
        }
        if let Some(date) = article.published.as_deref().filter(|d| !d.is_empty()) {
            facts.push(date.get(..10).unwrap_or(date).to_string());
        }
        facts.push(
            match article.url.as_deref().filter(|u| !u.trim().is_empty()) {
                Some(url) => format!("<{}>", url.trim()),
                None => format!("`{}`", article.path.display()),
            },
        );
        out.push_str(&facts.join(" · "));
        out.push('\n');
        for a in list {
            out.push('\n');
            highlight(&mut out, a);
        }
    }
    out
}

fn highlight(out: &mut String, a: &Annotation) {
    match a.status {
        Status::Anchored => {}
        Status::NeedsReview => out.push_str(
            "**⚠ Needs review:** the text changed and this passage was found only \
             approximately.\n\n",
        ),
        Status::Orphan => out.push_str(
            "**✗ Orphan:** this passage is no longer in the article; the quote is as it \
             was highlighted.\n\n",
        ),
    }
    for line in a.target.exact.lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(&escape_line_start(line));
            out.push('\n');
        }
    }
    if a.target.exact.lines().next().is_none() {
        out.push_str(">\n");
    }
    if !a.note.trim().is_empty() {
        out.push('\n');
        out.push_str(a.note.trim_end());
        out.push('\n');
    }
    if !a.tags.is_empty() {
        out.push('\n');
        let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
        out.push_str(&tags.join(" "));
        out.push('\n');
    }
}

/// A quoted line that Markdown would read as a heading, list item, rule or nested quote
/// gets its first character escaped.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let ordered = {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'))
    };
    let marker = trimmed.starts_with(['#', '>', '=', '|'])
        || ["- ", "* ", "+ ", "---", "***", "___"]
            .iter()
            .any(|m| trimmed.starts_with(m));
    if ordered {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        format!("{indent}{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else if marker {
        format!("{indent}\\{trimmed}")
    } else {
        line.to_string()
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Target;

    fn annotation(
        body: &str,
        quote: &str,
        note: &str,
        tags: &[&str],
        status: Status,
    ) -> Annotation {
        let at = body.find(quote).expect("quote in body");
        let mut a = Annotation::new(1, Target::capture(body, at..at + quote.len()), "h");
        a.note = note.into();
        a.tags = tags.iter().map(|t| t.to_string()).collect();
        a.status = status;
        a
    }

    #[test]
    fn articles_with_facts_then_quotes_notes_and_tags() {
        let body = "Intro line.\n\n# A heading\n\nMore text here.";
        let article = ArticleRef {
            title: "The headline".into(),
            source: Some("Agency".into()),
            published: Some("2024-06-19T10:00:00Z".into()),
            path: "/news/a.txt".into(),
            ..ArticleRef::default()
        };
        let list = vec![
            annotation(
                body,
                "line.\n\n# A heading\n\nMore",
                "a note",
                &["x", "y-z"],
                Status::Anchored,
            ),
            annotation(body, "text", "", &[], Status::NeedsReview),
            annotation(body, "here", "gone", &[], Status::Orphan),
        ];
        let md = export("Annotations", &[(article, list)]);
        assert_eq!(
            md,
            "# Annotations\n\n## The headline\n\nAgency · 2024-06-19 · `/news/a.txt`\n\n\
             > line.\n>\n> \\# A heading\n>\n> More\n\na note\n\n#x #y-z\n\n\
             **⚠ Needs review:** the text changed and this passage was found only \
             approximately.\n\n> text\n\n\
             **✗ Orphan:** this passage is no longer in the article; the quote is as it \
             was highlighted.\n\n> here\n\ngone\n"
        );
    }

    #[test]
    fn line_starts_markdown_would_misread_are_escaped() {
        assert_eq!(escape_line_start("- item"), "\\- item");
        assert_eq!(escape_line_start("12. June"), "12\\. June");
        assert_eq!(escape_line_start("plain - text"), "plain - text");
        assert_eq!(escape_line_start("-5 degrees"), "-5 degrees");
    }
}
