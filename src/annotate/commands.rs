//! `lede annotations list|export|import|add`: annotations from scripts.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::export;
use super::import::{self, Incoming};
use super::{Annotation, Status, Target};
use crate::article::io_problem;
use crate::cli::{AddArgs, AnnotationsCommand, ExportFormat};
use crate::library;
use crate::store::Store;

/// Runs one `lede annotations` command; errors are one line (without `lede: `).
pub fn run(store: &Store, command: &AnnotationsCommand, out: &mut dyn Write) -> Result<(), String> {
    let result = match command {
        AnnotationsCommand::List { tag, json } => list(store, tag.as_deref(), *json, out),
        AnnotationsCommand::Export {
            format,
            article,
            output,
        } => export(store, *format, article.as_deref(), output.as_deref(), out),
        AnnotationsCommand::Import { file } => import(store, file, out),
        AnnotationsCommand::Add(args) => add(store, args, out),
    };
    match result {
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(Failure::Output(e)) => Err(format!("writing output: {e}")),
        Err(Failure::Said(e)) => Err(e),
        Ok(()) => Ok(()),
    }
}

enum Failure {
    Said(String),
    Output(io::Error),
}

impl From<String> for Failure {
    fn from(e: String) -> Failure {
        Failure::Said(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Output(e)
    }
}

type Outcome = Result<(), Failure>;

fn said<E: ToString>(e: E) -> Failure {
    Failure::Said(e.to_string())
}

// ---------------------------------------------------------------------------------------
// list

fn list(store: &Store, tag: Option<&str>, json: bool, out: &mut dyn Write) -> Outcome {
    let all = store.annotations(tag).map_err(said)?;
    let mut uids: HashMap<i64, String> = HashMap::new();
    for a in all.iter().filter(|_| json) {
        if let Entry::Vacant(slot) = uids.entry(a.article) {
            let uid = store.entry(a.article).map_err(said)?.map(|e| e.uid);
            slot.insert(uid.unwrap_or_default());
        }
    }
    for a in &all {
        if json {
            let t = &a.target;
            let line = serde_json::json!({
                "id": a.id,
                "article": a.article,
                "article_uid": uids.get(&a.article),
                "status": a.status.as_str(),
                "exact": t.exact,
                "prefix": t.prefix,
                "suffix": t.suffix,
                "start": t.start,
                "end": t.end,
                "colour": a.colour + 1,
                "note": a.note,
                "tags": a.tags,
                "created": a.created,
                "modified": a.modified,
                "content_hash": a.content_hash,
            });
            serde_json::to_writer(&mut *out, &line).map_err(io::Error::from)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", list_line(a))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `1a2b3c4d  12  anchored      “the quote start…”  note's first line  #tag #tag`
fn list_line(a: &Annotation) -> String {
    let mut line = format!(
        "{}  {:>4}  {:12}  “{}”",
        a.id.get(..8).unwrap_or(&a.id),
        a.article,
        a.status.as_str(),
        clip(&a.target.exact, 40)
    );
    if let Some(first) = a.note.lines().map(str::trim).find(|l| !l.is_empty()) {
        line.push_str("  ");
        line.push_str(&clip(first, 60));
    }
    if !a.tags.is_empty() {
        line.push_str("  ");
        let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
        line.push_str(&tags.join(" "));
    }
    line
}

/// `text` on one line, cut to `max` characters with `…`.
fn clip(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

// ---------------------------------------------------------------------------------------
// export

fn export(
    store: &Store,
    format: ExportFormat,
    article: Option<&str>,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Outcome {
    let id = article
        .map(|spec| resolve_article(store, spec))
        .transpose()?;
    let text = export::render(store, format, id)?;
    match output {
        Some(path) => export::write_atomically(path, text.as_bytes()).map_err(Failure::Said),
        None => {
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}

/// The article `spec` names: a store id, a uid from `lede list`, or the path of a file in
/// the library (holding one article).
fn resolve_article(store: &Store, spec: &str) -> Result<i64, String> {
    let spec = spec.trim();
    if let Ok(id) = spec.parse::<i64>()
        && store.entry(id).map_err(|e| e.to_string())?.is_some()
    {
        return Ok(id);
    }
    if spec.len() == 16
        && spec.bytes().all(|b| b.is_ascii_hexdigit())
        && let Some(id) = store.article_by_uid(spec).map_err(|e| e.to_string())?
    {
        return Ok(id);
    }
    let path = library::absolute(Path::new(spec));
    let found = store.articles_at(&path).map_err(|e| e.to_string())?;
    match found.as_slice() {
        [(id, _)] => Ok(*id),
        [] if path.exists() => Err(format!(
            "{spec}: not in the library (add it with `lede add {spec}`)"
        )),
        [] if spec.parse::<i64>().is_ok() => Err(format!("no article with id {spec}")),
        [] => Err(format!(
            "{spec}: no such article (give an id from `lede list` or a file's path)"
        )),
        many => Err(format!(
            "{spec}: holds {} articles; give one's id (`lede list`)",
            many.len()
        )),
    }
}

// ---------------------------------------------------------------------------------------
// import

/// What an import did, for the summary line.
#[derive(Default)]
struct Tally {
    anchored: usize,
    review: usize,
    orphaned: usize,
    page_notes: usize,
    /// Annotations whose article is not in the library, by source.
    unknown: Vec<(String, usize)>,
    outside: usize,
}

impl Tally {
    fn imported(&self) -> usize {
        self.anchored + self.review + self.orphaned
    }

    fn skipped(&self) -> usize {
        self.page_notes + self.outside + self.unknown.iter().map(|(_, n)| n).sum::<usize>()
    }
}

fn import(store: &Store, file: &Path, out: &mut dyn Write) -> Outcome {
    let name = file.display();
    let bytes = std::fs::read(file).map_err(|e| format!("{name}: {}", io_problem(&e)))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{name}: not UTF-8 text"))?;
    let parsed = import::parse(&text).map_err(|e| format!("{name}: {e}"))?;
    let mut tally = Tally::default();
    let mut by_article: Vec<(i64, Vec<Incoming>)> = Vec::new();
    let mut cache: HashMap<String, Option<i64>> = HashMap::new();
    for inc in parsed.items {
        if inc.target.is_none() {
            tally.page_notes += 1;
            continue;
        }
        let key = format!("{:?}{:?}{:?}{:?}", inc.source, inc.uid, inc.path, inc.item);
        let id = match cache.get(&key) {
            Some(id) => *id,
            None => {
                let id = store
                    .article_for_source(
                        inc.source.as_deref(),
                        inc.uid.as_deref(),
                        inc.path.as_deref(),
                        inc.item.as_deref(),
                    )
                    .map_err(said)?;
                cache.insert(key, id);
                id
            }
        };
        let Some(id) = id else {
            let source = inc.source.clone().unwrap_or_else(|| "(no source)".into());
            match tally.unknown.iter_mut().find(|(s, _)| *s == source) {
                Some((_, n)) => *n += 1,
                None => tally.unknown.push((source, 1)),
            }
            continue;
        };
        match by_article.iter_mut().find(|(a, _)| *a == id) {
            Some((_, group)) => group.push(inc),
            None => by_article.push((id, vec![inc])),
        }
    }
    let mut placed = Vec::new();
    for (id, group) in &by_article {
        let stored = store.article(*id).map_err(said)?;
        let list = import::place(group, *id, &stored.article.body, &stored.content_hash);
        for a in list {
            let Some(a) = a else {
                tally.outside += 1;
                continue;
            };
            match a.status {
                Status::Anchored => tally.anchored += 1,
                Status::NeedsReview => tally.review += 1,
                Status::Orphan => tally.orphaned += 1,
            }
            placed.push(a);
        }
    }
    if placed.is_empty()
        && let Some((source, _)) = tally.unknown.first()
    {
        let others = tally.skipped() - tally.unknown[0].1;
        return Err(said(format!(
            "{name}: nothing imported: no article in the library for {source}{}",
            match others {
                0 => String::new(),
                n => format!(" (and {n} more skipped)"),
            }
        )));
    }
    // One transaction: all of the file or nothing.
    store.put_annotations(&placed).map_err(said)?;
    writeln!(
        out,
        "imported {} ({} anchored, {} need review, {} orphaned), skipped {}",
        tally.imported(),
        tally.anchored,
        tally.review,
        tally.orphaned,
        tally.skipped()
    )?;
    out.flush()?;
    let mut err = io::stderr().lock();
    if tally.page_notes > 0 {
        let _ = writeln!(
            err,
            "lede: skipped {} page note{} or repl{} (no quoted passage to anchor)",
            tally.page_notes,
            plural(tally.page_notes),
            if tally.page_notes == 1 { "y" } else { "ies" }
        );
    }
    if tally.outside > 0 {
        let _ = writeln!(
            err,
            "lede: skipped {} annotation{} with only a position, outside the text",
            tally.outside,
            plural(tally.outside)
        );
    }
    for (source, n) in &tally.unknown {
        let _ = writeln!(
            err,
            "lede: skipped {n} annotation{}: no article in the library for {source}",
            plural(*n)
        );
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

// ---------------------------------------------------------------------------------------
// add

fn add(store: &Store, args: &AddArgs, out: &mut dyn Write) -> Outcome {
    if args.quote.trim().is_empty() {
        return Err(said(
            "the quote is empty: give the text to highlight with --quote TEXT",
        ));
    }
    let note = match (&args.note, &args.note_file) {
        (_, Some(file)) => read_note(file)?,
        (Some(note), None) => note.clone(),
        (None, None) => String::new(),
    };
    let id = resolve_article(store, &args.article)?;
    let stored = store.article(id).map_err(said)?;
    let body = &stored.article.body;
    let Some(range) = find_quote(body, &args.quote) else {
        return Err(said(format!(
            "{}: the quote is not in the article's text: {:?}",
            args.article,
            clip(&args.quote, 60)
        )));
    };
    let target = Target::capture(body, range);
    for _ in 0..args.count.max(1) {
        let mut a = Annotation::new(id, target.clone(), &stored.content_hash);
        a.colour = args.colour.saturating_sub(1);
        a.set_tags(&args.tags.join(" "));
        a.set_note(&note);
        store.put_annotation(&a).map_err(said)?;
        // Said only once the store has committed it.
        writeln!(out, "{}", a.id)?;
        out.flush()?;
    }
    Ok(())
}

fn read_note(file: &PathBuf) -> Result<String, Failure> {
    let bytes = if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("-: {}", io_problem(&e)))?;
        bytes
    } else {
        std::fs::read(file).map_err(|e| format!("{}: {}", file.display(), io_problem(&e)))?
    };
    String::from_utf8(bytes)
        .map_err(|_| said(format!("{}: the note is not UTF-8 text", file.display())))
}

/// The byte range of the first occurrence of `quote` in `body`: exactly, else with any
/// run of white space in the quote matching any run in the text (a quote typed on one
/// line across a paragraph break or heading).
fn find_quote(body: &str, quote: &str) -> Option<std::ops::Range<usize>> {
    if let Some(at) = body.find(quote) {
        return Some(at..at + quote.len());
    }
    let words: Vec<String> = quote.split_whitespace().map(regex::escape).collect();
    let pattern = regex::Regex::new(&words.join(r"\s+")).ok()?;
    pattern.find(body).map(|m| m.range())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_exactly_or_across_white_space() {
        let body = "End of a part.\n\nA Heading\n\nStart of the next.";
        assert_eq!(find_quote(body, "part.\n\nA"), Some(9..17));
        let r = find_quote(body, "part. A Heading Start").expect("found");
        assert_eq!(&body[r], "part.\n\nA Heading\n\nStart");
        assert_eq!(find_quote(body, "absent words"), None);
    }

    #[test]
    fn list_lines_clip_quote_and_note() {
        let body = "x".repeat(100);
        let mut a = Annotation::new(7, Target::capture(&body, 0..60), "h");
        a.note = "\nfirst line\nsecond".into();
        a.tags = vec!["t".into()];
        let line = list_line(&a);
        assert!(line.starts_with(&a.id[..8]), "{line}");
        assert!(line.contains(&format!("“{}…”", "x".repeat(39))), "{line}");
        assert!(line.ends_with("  first line  #t"), "{line}");
    }
}
