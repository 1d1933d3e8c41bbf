//! The documents people print and send, built on the PDF engine.

mod accounts;

pub use accounts::{check_report, package_cover_letter, request_letter};
