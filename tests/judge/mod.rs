//! The judge's app for screen tests: tomas on the built-in sample event (a declared conflict
//! with "Moss & Lichen"), a jury note on Bus Stop Oracle, keys pressed through the real keymap
//! and runner against a real store.
#![allow(dead_code)]

use judging::config::Config;
use judging::event_files::Loaded;
use judging::model::{Change, TextPart};
use judging::store::Store;
use judging::tui::app::Action;
use judging::tui::{App, Runner};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub struct Judge {
    pub _dir: tempfile::TempDir,
    pub store: Store,
    pub app: App,
    pub runner: Runner,
}

impl Judge {
    /// tomas under `config`, the sample pulled; `before` writes to the store ahead of the note
    /// and of the app's load.
    pub fn tomas(config: Config, before: impl FnOnce(&mut Store)) -> Judge {
        let dir = tempfile::tempdir().expect("tempdir");
        let loaded = Loaded { config, path: None };
        let mut store = Store::open(&dir.path().join("s.sqlite"), "build-small-2026").expect("store");
        judging::commands::pull::pull(&loaded, &mut store, None, false).expect("pull");
        before(&mut store);
        let note = Change::Text(TextPart::Note, Some("Worked offline on a train; ask about the model size.".into()));
        store.apply("bus-stop-oracle", &note).expect("note");
        let app = judging::tui::load(&loaded, "tomas", None, &store).expect("app");
        let runner = Runner::new(&store);
        Judge { _dir: dir, store, app, runner }
    }

    pub fn act(&mut self, action: Action) {
        self.runner.step(&self.store, &mut self.app, action);
    }

    pub fn keys(&mut self, keys: &[KeyCode]) {
        for key in keys {
            if let Some(action) = judging::tui::keys::handle_key(&self.app, KeyEvent::from(*key)) {
                self.act(action);
            }
        }
    }
}
