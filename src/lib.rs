//! Daftar (دفتر): the province office's ledger. The core knows nothing of windows: the CLI
//! and the desktop shell call the same functions.

pub mod accounts;
pub mod action;
pub mod agencies;
pub mod backup;
pub mod bindings;
pub mod briefing;
pub mod demo;
pub mod error;
pub mod evaluation;
pub mod fa;
pub mod followup;
pub mod issued;
pub mod pdf;
pub mod recent;
pub mod register;
pub mod reports;
pub mod sheets;
pub mod store;

pub use error::{AppError, Fault, Problem};
