//! The Hugging Face Hub: its Spaces as the shared export, and the metadata that checks the
//! rules and hints at latency and cost.

pub mod api;
pub mod client;
pub mod enrich;
pub mod ids;
pub mod org;
pub mod readme;
pub mod repo;
