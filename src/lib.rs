//! judging: a terminal app for judging hackathons.
//!
//! The pure core knows nothing of files, terminals or networks: `model` (the plain data),
//! `config` (judging.toml's meaning), `merge` (the statistics), `rankings` (a panel of judges
//! into rankings), `prizes` (prize rules), `assign` (who judges what) and `newest` (a judge's
//! step back to an older file), with the text helpers `sanitize`, `text_width`, `format` and
//! `links`. The edges do the I/O and call into the core: `commands` (one per subcommand),
//! `store` (`SQLite`), `export` (the organizers' export), `scorefile` (the judges' files), `hub`
//! and `net` (the network), `event_files` and `paths` (where files are),
//! `report` (printed output), `browser` and `tui` (the screens). Arrows point inward only.

pub mod assign;
pub mod browser;
pub mod cli;
pub mod commands;
pub mod config;
pub mod disk;
pub mod event_files;
pub mod export;
pub mod file_names;
pub mod finals;
pub mod format;
pub mod help;
pub mod hub;
pub mod keys;
pub mod limits;
pub mod links;
pub mod merge;
pub mod model;
pub mod net;
pub mod newest;
pub mod parallel;
pub mod paste;
pub mod paths;
pub mod pipe;
pub mod plain;
pub mod prizes;
pub mod progress;
pub mod rankings;
pub mod report;
pub mod rng;
pub mod sanitize;
pub mod scorefile;
pub mod signing;
pub mod stats;
pub mod store;
pub mod text_width;
pub mod tui;
pub mod when;
