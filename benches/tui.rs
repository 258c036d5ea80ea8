//! The judge's app with 10,000 submissions in the store: the time to the first frame (open the
//! store, load, build the app, draw), and the time from a key to the next frame on a 200x50
//! `TestBackend`, for a move, for a score (which includes its `SQLite` write), and for a move
//! just after another process wrote to the store (the app reads it again first); and a move
//! with a rubric of 3,000 criteria (a hostile but legal judging.toml).
//!
//! Resident memory of the real binary is measured by `benches/tui-memory.sh`.

use criterion::{Criterion, criterion_group, criterion_main};
use judging::event_files::Loaded;
use judging::store::Store;
use judging::tui::keys::handle_key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

fn bench_tui(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (loaded, db) = common::store::pulled(dir.path(), 10_000);
    let mut group = c.benchmark_group("tui, 10k submissions");
    group.bench_function("first frame: open, load, draw 200x50", |b| {
        b.iter(|| {
            let store = Store::open(&db, "build-small-2026").expect("store");
            let assignments = loaded.assignments().expect("assignments");
            let app = judging::tui::load(&loaded, "mira", assignments.as_ref(), &store).expect("app");
            let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
            terminal.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        });
    });
    let store = Store::open(&db, "build-small-2026").expect("store");
    let mut app = judging::tui::load(&loaded, "mira", None, &store).expect("app");
    let mut runner = judging::tui::Runner::new(&store);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    terminal.draw(|f| f.render_widget(&app, f.area())).expect("draw");
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut down = true;
    group.bench_function("key to frame: move (j/k)", |b| {
        b.iter(|| {
            down = !down;
            let k = if down { key('j') } else { key('k') };
            if let Some(action) = handle_key(&app, k) {
                runner.step(&store, &mut app, action);
            }
            terminal.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        });
    });
    let mut value = b'1';
    group.bench_function("key to frame: score (saved to SQLite)", |b| {
        b.iter(|| {
            value = if value == b'5' { b'1' } else { value + 1 };
            for k in [key('h'), key(value as char)] {
                if let Some(action) = handle_key(&app, k) {
                    runner.step(&store, &mut app, action);
                }
            }
            terminal.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        });
    });
    // Another process (`judging score`) writes beside the app: the next key reads the store again
    // (ten thousand entries and every score) before it draws.
    let beside = Store::open(&db, "build-small-2026").expect("a second connection");
    let ids: Vec<String> = app.entries.iter().map(|e| e.submission.id.clone()).collect();
    let mut n = 0usize;
    group.bench_function("key to frame after a write beside the app (reload)", |b| {
        b.iter(|| {
            n += 1;
            let change = judging::model::Change::Score {
                criterion: "cost".into(),
                value: Some(1 + u8::try_from(n % 5).expect("under 5")),
            };
            beside.apply(&ids[n % ids.len()], &change).expect("write beside");
            down = !down;
            if let Some(action) = handle_key(&app, key(if down { 'j' } else { 'k' })) {
                runner.step(&store, &mut app, action);
            }
            terminal.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        });
    });
    // A rubric of 3,000 criteria, each with five levels of a few words to a few lines: a key's
    // frame had wrapped every level of every criterion to size the Scores pane.
    let big = Loaded { config: with_criteria(&loaded.config, 3_000), path: None };
    let mut app = judging::tui::load(&big, "mira", None, &store).expect("app");
    let mut runner = judging::tui::Runner::new(&store);
    terminal.draw(|f| f.render_widget(&app, f.area())).expect("draw");
    group.bench_function("key to frame: move (j/k), 3,000 criteria", |b| {
        b.iter(|| {
            down = !down;
            if let Some(action) = handle_key(&app, key(if down { 'j' } else { 'k' })) {
                runner.step(&store, &mut app, action);
            }
            terminal.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        });
    });
    group.finish();
}

/// The event's criteria and more, to `count` in all: labels of their number and up to three
/// words, levels of 3 to 27 words.
fn with_criteria(config: &judging::config::Config, count: usize) -> judging::config::Config {
    let words = ["works", "helps", "model", "answers", "quickly", "offline", "small", "garden", "meter", "lantern"];
    let mut config = config.clone();
    let template = config.criteria[0].clone();
    for i in 0..count.saturating_sub(config.criteria.len()) {
        let mut c = template.clone();
        c.id = format!("c{i}");
        let number = format!("Criterion {i}");
        let label: Vec<&str> =
            std::iter::once(number.as_str()).chain((0..i % 4).map(|k| words[(i * 3 + k) % words.len()])).collect();
        c.label = label.join(" ");
        for (l, level) in c.levels.iter_mut().enumerate() {
            let n = 3 + (i * 7 + l * 5) % 25;
            level.meaning = (0..n).map(|k| words[(i + l + k) % words.len()]).collect::<Vec<_>>().join(" ") + ".";
        }
        config.criteria.push(c);
    }
    config
}

criterion_group!(benches, bench_tui);
criterion_main!(benches);
