//! Feedback to agencies: after a check run, each agency whose items failed gets its workbook
//! back with the failing cells coloured and commented and a sheet listing the findings.

use super::checks::{CheckFailure, CheckRun};
use super::model::Severity;
use super::workbook::{write_agency_workbooks, GeneratedWorkbook, Marks};
use super::AccountsError;
use crate::store::Store;
use std::path::Path;

/// Write, for each agency whose items failed a check, its workbook with the failing cells
/// coloured and commented and a sheet listing the findings, ready to send back.
pub fn write_workbooks(
    store: &mut Store,
    year: i32,
    run: &CheckRun,
    out_dir: &Path,
) -> Result<Vec<GeneratedWorkbook>, AccountsError> {
    write_marked(store, year, &run.failures, None, out_dir)
}

/// The feedback workbooks of `only` (each agency among them whose items failed), from the latest
/// check run's findings: the reminder letters of follow-up send them with the letter.
pub fn write_latest_for(
    store: &mut Store,
    year: i32,
    only: &[String],
    out_dir: &Path,
) -> Result<Vec<GeneratedWorkbook>, AccountsError> {
    let failures = super::review::latest_failures(store.conn(), year)?.map(|(_, f)| f).unwrap_or_default();
    write_marked(store, year, &failures, Some(only), out_dir)
}

/// The workbooks of the agencies named by `failures` (of those in `only`, when given).
fn write_marked(
    store: &mut Store,
    year: i32,
    failures: &[CheckFailure],
    only: Option<&[String]>,
    out_dir: &Path,
) -> Result<Vec<GeneratedWorkbook>, AccountsError> {
    let mut marks = Marks::new();
    let mut agencies: Vec<String> = Vec::new();
    for failure in failures {
        let text = match failure.severity {
            Severity::Error => format!("خطا ({}): {}", failure.rule_code, failure.message),
            Severity::Warning => format!("هشدار ({}): {}", failure.rule_code, failure.message),
        };
        for item in &failure.items {
            let Some(agency) = &item.agency_code else { continue };
            if only.is_some_and(|only| !only.contains(agency)) {
                continue;
            }
            let messages = marks.entry(item.code.clone()).or_default();
            if !messages.contains(&text) {
                messages.push(text.clone());
            }
            if !agencies.contains(agency) {
                agencies.push(agency.clone());
            }
        }
    }
    if agencies.is_empty() {
        return Ok(Vec::new());
    }
    write_agency_workbooks(store, year, out_dir, &agencies, &marks)
}
