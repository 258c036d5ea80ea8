//! What judging prints: tables, CSV and JSON, always from sanitised text.

pub mod columns;
pub mod entry;
pub mod feedback;
pub mod html;
pub mod list;
pub mod public;
pub mod rankings;
pub mod results;
