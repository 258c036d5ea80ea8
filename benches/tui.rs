//! The judge's app with 10,000 submissions in the store: the time to the first frame (open the
//! store, load, build the app, draw), and the time from a key to the next frame on a 200x50
//! `TestBackend`, for a move, for a score (which includes its `SQLite` write), and for a move
//! just after another process wrote to the store (the app reads it again first).
//!
//! Resident memory of the real binary is measured by `benches/tui-memory.sh`.

use criterion::{Criterion, criterion_group, criterion_main};
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
    group.finish();
}

criterion_group!(benches, bench_tui);
criterion_main!(benches);
