//! The `lede` binary: parse the command line, load config and input, then run.
//! Everything that can fail on bad input fails here, before the terminal is touched.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use lede::article::{self, ParseMode};
use lede::cli::{self, Cli, Command};
use lede::config::{self, Config};
use lede::folder;
use lede::library::commands::{run_add, run_list, run_search};
use lede::store::{self, Store};
use lede::tui::{self, App, ArticleList};

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
    let app = match open_app(config, cli.path) {
        Ok(app) => app,
        Err(e) => return fail(&e, 1),
    };
    match tui::run(app, None) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("terminal: {e}"), 1),
    }
}

/// Builds the first screen: the reader for a file, the list for a folder.
fn open_app(config: Config, path: Option<PathBuf>) -> Result<App, String> {
    let path = path
        .or_else(|| config.library.path.clone())
        .unwrap_or_else(cli::bundled_articles);
    if path.is_dir() {
        let entries = folder::scan(&path)?;
        return Ok(App::with_list(config, ArticleList::new(path, entries)));
    }
    let article = article::load(Path::new(&path), ParseMode::Clean).map_err(|e| e.to_string())?;
    let analysis = tui::first_look(&article);
    Ok(App::with_article(config, article, analysis))
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
