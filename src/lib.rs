//! Throughline: customer-journey mapping.
//!
//! The core (`model`, `sample`, `layout`) is pure Rust with no browser crates, tested natively.
//! `ui` is the Yew shell and exists only when compiling for the browser (wasm32).

pub mod analysis;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod clipboard;
pub mod command;
mod draft;
pub mod export;
pub mod format;
pub mod generate;
pub mod history;
pub mod import;
pub mod layout;
pub mod model;
pub mod overlay;
pub mod query;
pub mod sample;
pub mod templates;

#[cfg(target_arch = "wasm32")]
pub mod ui;
