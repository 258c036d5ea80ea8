//! judging: a terminal app for judging hackathons.
//!
//! The pure core (`model`, `text`, `links`, `config` validation) does no I/O. The edges read
//! exports (`export`, `pull`), keep the judge's store (`store`), and print (`report`).

pub mod assign;
pub mod browser;
pub mod cli;
pub mod commands;
pub mod config;
pub mod export;
pub mod headjudge;
pub mod hub;
pub mod links;
pub mod merge;
pub mod model;
pub mod paths;
pub mod prizes;
pub mod pull;
pub mod report;
pub mod scorefile;
pub mod store;
pub mod text;
pub mod tui;
