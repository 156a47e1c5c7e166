//! The `lede` binary: parse the command line, load config and input, then run.
//! Everything that can fail on bad input fails here, before the terminal is touched.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use lede::annotate;
use lede::cli::{self, Cli, Command};
use lede::config::{self, Config};
use lede::library::commands::{Bar, run_add, run_list, run_search};
use lede::library::{self};
use lede::store::{self, Store};
use lede::tui::{self, App};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Analyze(args)) = &cli.command {
        return match cli::run_analyze(args) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => fail(&format!("writing output: {e}"), 1),
        };
    }
    if let Some(Command::Eval(command)) = &cli.command {
        return match cli::run_eval(command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e, 1),
        };
    }
    let config = match config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string(), 2),
    };
    if let Some(Command::Add { paths }) = &cli.command {
        let store = match open_store(&cli, &config) {
            Ok(s) => s,
            Err(e) => return fail(&e, 1),
        };
        return match run_add(&store, paths) {
            // A file inside a folder that cannot be read is reported and skipped; a path
            // named on the command line that cannot be read is a failure for scripts.
            Ok(report)
                if report
                    .problems
                    .iter()
                    .any(|(p, _)| paths.iter().any(|a| library::absolute(a) == *p)) =>
            {
                ExitCode::FAILURE
            }
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => fail(&e.to_string(), 1),
        };
    }
    if let Some(Command::Search { query, json, limit }) = &cli.command {
        let store = match open_store(&cli, &config) {
            Ok(s) => s,
            Err(e) => return fail(&e, 1),
        };
        let query = query.join(" ");
        return match run_search(&store, &query, *json, *limit, &mut std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e, 1),
        };
    }
    if let Some(Command::Annotations(command)) = &cli.command {
        let store = match open_store(&cli, &config) {
            Ok(s) => s,
            Err(e) => return fail(&e, 1),
        };
        return match annotate::commands::run(&store, command, &mut std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e, 1),
        };
    }
    if let Some(Command::List { json }) = &cli.command {
        let store = match open_store(&cli, &config) {
            Ok(s) => s,
            Err(e) => return fail(&e, 1),
        };
        return match run_list(&store, *json, &mut std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e, 1),
        };
    }
    let store = match open_store(&cli, &config) {
        Ok(s) => s,
        Err(e) => return fail(&e, 1),
    };
    let (app, skipped) = match open_app(config, cli.path, &store) {
        Ok(opened) => opened,
        Err(e) => return fail(&e, 1),
    };
    let result = tui::run(app, Some(store));
    // Said after the screen is gone, so it stays readable.
    for (path, problem) in &skipped {
        eprintln!("lede: skipped {}: {problem}", path.display());
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("terminal: {e}"), 1),
    }
}

/// Files a folder index could not read, reported when lede exits.
type Skipped = Vec<(PathBuf, String)>;

/// Builds the first screen, after bringing the store up to date with `path`:
/// - a file: indexed, then opened in the reader at the saved position (a feed or JSON
///   Lines file holding several articles opens as a list of them);
/// - a folder: indexed (a progress bar on long imports), then its articles listed;
/// - nothing: the whole library at once, without re-indexing, so a large library opens
///   instantly (`lede add` or `lede FOLDER` re-index). An empty library first takes in the
///   configured `[library] path`, else the bundled articles.
fn open_app(
    config: Config,
    path: Option<PathBuf>,
    store: &Store,
) -> Result<(App, Skipped), String> {
    let (root, title) = match path {
        Some(path) => {
            let root = library::absolute(&path);
            (Some(root), path.display().to_string())
        }
        None => {
            if store.count().map_err(|e| e.to_string())? == 0 {
                let first = config
                    .library
                    .path
                    .clone()
                    .unwrap_or_else(cli::bundled_articles);
                run_add_quietly(store, &first)?;
            }
            (None, "Library".to_string())
        }
    };
    let Some(root) = root else {
        let entries = store.entries_brief(None).map_err(|e| e.to_string())?;
        return Ok((App::with_library(config, title, entries), Vec::new()));
    };
    let report = library::index(store, std::slice::from_ref(&root), &mut Bar::new())
        .map_err(|e| e.to_string())?;
    if !root.is_dir() {
        if let Some((_, problem)) = report.problems.first() {
            return Err(format!("{}: {problem}", title));
        }
        if let Some(id) = store.article_id(&root, None).map_err(|e| e.to_string())? {
            let stored = store.article(id).map_err(|e| e.to_string())?;
            return Ok((App::with_stored(config, stored), Vec::new()));
        }
    }
    let entries = store
        .entries_brief(Some(&root))
        .map_err(|e| e.to_string())?;
    if entries.is_empty() {
        return Err(match report.problems.first() {
            Some((path, problem)) if report.problems.len() == 1 => {
                format!("{}: {problem}", path.display())
            }
            _ => format!(
                "{title}: no articles here (looked for *.{})",
                library::KNOWN_EXTENSIONS.join(", *.")
            ),
        });
    }
    Ok((App::with_library(config, title, entries), report.problems))
}

/// Indexes `path` for a first run, with a progress bar; problems are not fatal.
fn run_add_quietly(store: &Store, path: &Path) -> Result<(), String> {
    library::index(store, &[path.to_path_buf()], &mut Bar::new())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The library database: `--db`, else the config's `[library] db`, else the XDG default.
fn open_store(cli: &Cli, config: &Config) -> Result<Store, String> {
    let path = cli
        .db
        .clone()
        .or_else(|| config.library.db.clone())
        .unwrap_or_else(store::default_path);
    Store::open(&path).map_err(|e| e.to_string())
}

fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("lede: {message}");
    ExitCode::from(code)
}
