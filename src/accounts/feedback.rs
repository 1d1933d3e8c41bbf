//! Feedback to agencies: after a check run, each agency whose items failed gets its workbook
//! back with the failing cells coloured and commented and a sheet listing the findings.

use super::checks::CheckRun;
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
    let mut marks = Marks::new();
    let mut agencies: Vec<String> = Vec::new();
    for failure in &run.failures {
        let text = match failure.severity {
            Severity::Error => format!("خطا ({}): {}", failure.rule_code, failure.message),
            Severity::Warning => format!("هشدار ({}): {}", failure.rule_code, failure.message),
        };
        for item in &failure.items {
            let Some(agency) = &item.agency_code else { continue };
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
