//! Command-line definitions and the non-interactive commands.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::analysis::{analyze, report::report};
use crate::article::{self, ParseMode, import};

#[derive(Debug, Parser)]
#[command(
    name = "lede",
    version,
    about = "A terminal news reader: read stored articles, jump between sections."
)]
pub struct Cli {
    /// Configuration file (default: $XDG_CONFIG_HOME/lede/config.toml)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Library database (default: [library] db in the config, else
    /// $XDG_DATA_HOME/lede/lede.db)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// An article file to read, or a folder to index and list (default: the library, or the
    /// bundled articles the first time)
    pub path: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the cleaned text, sections and removed debris of articles as JSON Lines
    Analyze(AnalyzeArgs),
    /// Add files and folders (recursively) to the library, or re-index what changed
    Add {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print the library: id, date, read state, notes, format, headline, source, path
    List {
        /// One JSON object per line
        #[arg(long)]
        json: bool,
    },
    /// Search the library (FTS5 syntax: "a phrase", prefix*, AND/OR/NOT), best first
    Search {
        /// The query; several words are joined with spaces
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// One JSON object per line (offsets in code points)
        #[arg(long)]
        json: bool,
        /// At most this many results
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
    },
    /// Score lede's analysis against annotated data (precision, recall, F1)
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Highlights and notes: list, add, export (W3C JSON-LD, Markdown), import
    #[command(subcommand)]
    Annotations(AnnotationsCommand),
}

#[derive(Debug, Subcommand)]
pub enum AnnotationsCommand {
    /// One line per annotation: id, article, status, quote, note, #tags
    List {
        /// Only annotations with this tag (case does not matter)
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// One JSON object per line (offsets in code points)
        #[arg(long)]
        json: bool,
    },
    /// Write annotations as W3C Web Annotation JSON-LD or Markdown
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::W3c)]
        format: ExportFormat,
        /// Only this article: its id (`lede list`), or the path of its file
        #[arg(long, value_name = "ID|PATH")]
        article: Option<String>,
        /// Write to FILE (replaced atomically) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Read a W3C export or hypothes.is JSON and anchor each annotation in its article
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Highlight a passage of an article; prints the new annotation's id once saved
    Add(AddArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// W3C Web Annotation JSON-LD (an AnnotationCollection)
    W3c,
    /// Markdown grouped by article
    Markdown,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The article: its id (`lede list`), or the path of its file in the library
    #[arg(value_name = "ID|PATH")]
    pub article: String,
    /// The exact text to highlight (its first occurrence; spacing may differ)
    #[arg(long, value_name = "TEXT")]
    pub quote: String,
    /// The note
    #[arg(long, value_name = "TEXT", conflicts_with = "note_file")]
    pub note: Option<String>,
    /// Read the note from FILE (`-` for standard input), verbatim
    #[arg(long, value_name = "FILE")]
    pub note_file: Option<PathBuf>,
    /// A tag (repeat for several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Highlight colour, 1-4
    #[arg(long, alias = "color", value_name = "1-4", default_value_t = 1,
          value_parser = clap::value_parser!(u8).range(1..=4))]
    pub colour: u8,
    /// Save this many copies, one transaction each, printing each id once committed
    #[arg(long, hide = true, default_value_t = 1)]
    pub count: usize,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Entities: a CoNLL file (token<TAB>tag, IOB2) or a folder of GUM `*.gold.json`
    Ner {
        #[arg(value_name = "FILE.conll|DIR")]
        path: PathBuf,
    },
    /// Quotations and their speakers: a folder of GUM `*.gold.json`
    Quotes {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Also list every speaker disagreement
        #[arg(long)]
        errors: bool,
    },
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Take the input verbatim: no headline detection and no cleaning
    #[arg(long)]
    pub plain: bool,
    /// Print JSON (the default and, for now, only format; accepted for scripts' clarity)
    #[arg(long)]
    pub json: bool,
    /// Article files, or `-` for standard input
    #[arg(required = true, value_name = "FILE|-")]
    pub files: Vec<PathBuf>,
}

/// The folder of articles shipped with lede.
pub fn bundled_articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles")
}

/// Runs `lede analyze`: one JSON object per line per file. A file that cannot be read is
/// reported on stderr (one line) and the others still print; the exit status is then 1.
pub fn run_analyze(args: &AnalyzeArgs) -> Result<bool, io::Error> {
    let mode = if args.plain {
        ParseMode::Plain
    } else {
        ParseMode::Clean
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut all_ok = true;
    for file in &args.files {
        let loaded = if file.as_os_str() == "-" {
            read_stdin(mode).map(|a| vec![(file.to_string_lossy().into_owned(), a)])
        } else {
            read_file(file, mode)
        };
        match loaded {
            Ok(articles) => {
                for (label, article) in articles {
                    let analysis = analyze(&article);
                    serde_json::to_writer(&mut out, &report(&label, &article, &analysis))?;
                    out.write_all(b"\n")?;
                }
            }
            Err(e) => {
                out.flush()?;
                eprintln!("lede: {e}");
                all_ok = false;
            }
        }
    }
    out.flush()?;
    Ok(all_ok)
}

/// The articles of one file, each labelled with its path (`path#key` for an item of a feed
/// or JSON Lines file). `--plain` reads any file as text, verbatim.
fn read_file(file: &Path, mode: ParseMode) -> Result<Vec<(String, article::Article)>, String> {
    if mode == ParseMode::Plain {
        let article = article::load(file, mode).map_err(|e| e.to_string())?;
        return Ok(vec![(file.to_string_lossy().into_owned(), article)]);
    }
    let (_, items) = import::import_file(file, mode).map_err(|e| e.to_string())?;
    let path = file.to_string_lossy();
    Ok(items
        .into_iter()
        .map(|item| {
            let label = match &item.key {
                Some(key) => format!("{path}#{key}"),
                None => path.to_string(),
            };
            (label, item.article)
        })
        .collect())
}

fn read_stdin(mode: ParseMode) -> Result<article::Article, String> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("-: {}", crate::article::io_problem(&e)))?;
    article::decode::decode(bytes)
        .map(|decoded| {
            let mut a = article::parse(&decoded.text, mode);
            a.warnings.extend(decoded.warnings);
            a
        })
        .map_err(|problem| format!("-: {problem}"))
}

/// Runs `lede eval`, printing the report table.
pub fn run_eval(command: &EvalCommand) -> Result<(), String> {
    match command {
        EvalCommand::Ner { path } => {
            let report = if path.is_dir() {
                crate::analysis::eval::eval_gum(path)?
            } else {
                crate::analysis::eval::eval_conll(path)?
            };
            print!("{report}");
            Ok(())
        }
        EvalCommand::Quotes { dir, errors } => {
            let report = crate::analysis::quotes::eval::eval_quotes(dir)?;
            if *errors {
                for line in &report.speaker_errors {
                    println!("{line}");
                }
            }
            print!("{report}");
            Ok(())
        }
    }
}
