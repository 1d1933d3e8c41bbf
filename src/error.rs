//! How an error reaches a person: a stable code, a Persian message that says how to fix
//! it, and details (one line each). The app shows it; the CLI prints it and picks the exit code.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the UI receives when a command fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
    pub details: Vec<String>,
}

/// Whether the person can fix it (bad input, wrong file, file in use) or it is our fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    User,
    Internal,
}

/// Every module's error enum implements this to travel to the UI and the CLI.
pub trait Problem: std::error::Error {
    fn code(&self) -> &'static str;
    fn fault(&self) -> Fault {
        Fault::User
    }
    fn details(&self) -> Vec<String> {
        Vec::new()
    }
    fn to_app_error(&self) -> AppError {
        AppError { code: self.code().to_string(), message: self.to_string(), details: self.details() }
    }
}
