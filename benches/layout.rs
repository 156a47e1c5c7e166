//! Layout and frame costs on a 10 MB article: wrap at 100 columns, re-wrap on resize, and
//! one scroll keystroke to the next drawn frame (update + render into a buffer).

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use lede::analysis::sections;
use lede::article::{ParseMode, parse};
use lede::config::Config;
use lede::tui::layout::RowMap;
use lede::tui::{App, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const TEN_MB: usize = 10 * 1024 * 1024;

fn benches(c: &mut Criterion) {
    let text = support::big_article_text(TEN_MB);
    let article = parse(&text, ParseMode::Clean);
    // Layout needs the sections only; entities are benched in `benches/ner.rs`.
    let analysis = lede::tui::first_look(&article);

    let mut group = c.benchmark_group("10MB");
    group.sample_size(10);
    group.bench_function("parse+clean", |b| {
        b.iter(|| parse(std::hint::black_box(&text), ParseMode::Clean))
    });
    group.bench_function("sections", |b| {
        b.iter(|| sections::detect(std::hint::black_box(&article)))
    });
    group.bench_function("layout at 100 columns", |b| {
        b.iter(|| RowMap::new(&article, &analysis, 100))
    });
    group.bench_function("re-layout at 80 columns (resize)", |b| {
        b.iter(|| RowMap::new(&article, &analysis, 80))
    });
    group.finish();

    let mut app = App::with_article(Config::defaults(), article, analysis);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal
        .draw(|f| views::draw(&mut app, f))
        .expect("first frame");
    let down = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    let up = Event::Key(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE));
    let mut forward = true;
    c.bench_function("10MB/scroll key to next frame (120x40)", |b| {
        b.iter(|| {
            forward = !forward;
            app.handle_event(if forward { &down } else { &up });
            terminal.draw(|f| views::draw(&mut app, f)).expect("frame");
        })
    });
}

criterion_group!(layout, benches);
criterion_main!(layout);
