//! The integration tests of the core, on the fixtures, in one test binary: each binary links
//! the whole core (PDF, workbooks, SQLite), so one binary instead of a dozen keeps the build
//! small and quick. Only the million-row test has a binary of its own (tests/huge_sheet.rs),
//! because it measures the process's peak memory.

#[allow(dead_code)]
mod common;

mod accounts;
mod accounts_broken;
mod accounts_explanations;
mod accounts_package;
mod accounts_review;
mod accounts_year;
mod agencies;
mod backup;
mod batches;
mod bombs;
mod briefing;
mod cli;
mod cli_accounts;
mod cli_evaluation;
mod evaluation;
mod evaluation_hq;
mod evaluation_leads;
mod evaluation_setup;
mod evaluation_teams;
mod file_system;
mod followup;
mod fuzz;
mod intake_careless;
mod locks;
mod national_transfer;
mod number_forms;
mod package_proof;
mod parity;
mod pdf;
mod register;
mod reports;
mod reports_evaluation;
mod store;
mod workbooks_print;
mod years;
// issue 15: linear growth, intake at the reader's speed
mod linear;
