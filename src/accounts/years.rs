//! The years of regional accounts in one province file: which years it holds, a template whose
//! year differs from the one the person works on (asked, never filed silently), and what last
//! year leaves to the next (its values are `prev()` for the checks; its suppliers may be reused).

use super::template::import_parsed;
use super::values::current_values;
use super::{parse_template, template_of, AccountsError, TemplateImportReport};
use crate::agencies;
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// What importing a template for a year answered: imported, or a question for the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TemplateImport {
    Imported {
        report: TemplateImportReport,
    },
    /// Nothing was stored: the file is the template of another year. `question` names both years.
    YearDiffers {
        file: String,
        file_year: i32,
        year: i32,
        question: String,
    },
}

/// Import the template at `path` for `year`; when the file says another year, nothing is
/// stored and the answer asks which year it is for.
pub fn import_template_for(store: &mut Store, path: &Path, year: i32) -> Result<TemplateImport, AccountsError> {
    let template = parse_template(path)?;
    if template.year != year {
        let differs =
            AccountsError::YearDiffers { file: crate::sheets::file_name(path), file_year: template.year, year };
        let question = differs.to_string();
        let AccountsError::YearDiffers { file, file_year, year } = differs else { unreachable!() };
        return Ok(TemplateImport::YearDiffers { file, file_year, year, question });
    }
    let report = import_parsed(store, template, year, path)?;
    Ok(TemplateImport::Imported { report })
}

/// Import the template at `path` as the template of `year`, whatever year the file says: the
/// person chose it (the report and the audit row keep both years).
pub fn import_template_as(store: &mut Store, path: &Path, year: i32) -> Result<TemplateImportReport, AccountsError> {
    let mut template = parse_template(path)?;
    let file_year = template.year;
    template.year = year;
    import_parsed(store, template, file_year, path)
}

/// The years the file has regional accounts for (a template or values), and the working year;
/// newest first.
pub fn years(store: &Store) -> Result<Vec<i32>, AccountsError> {
    let working = store.province()?.working_year;
    let mut stmt = store.conn().prepare("SELECT year FROM ra_template UNION SELECT DISTINCT year FROM ra_value")?;
    let mut years: Vec<i32> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if !years.contains(&working) {
        years.push(working);
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    Ok(years)
}

/// What the file knows of the year before: the values its checks read as `prev()`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PreviousYear {
    pub year: i32,
    /// Current values of that year (numbers or texts).
    pub values: u32,
    /// The year was worked in this file (it has a template), so its values came through intake
    /// and review; otherwise they were imported from a workbook of final values.
    pub worked_here: bool,
    /// Parts of that year not yet approved or sent: their values may still change.
    pub unapproved_parts: u32,
}

pub fn previous_year(conn: &Connection, year: i32) -> Result<PreviousYear, AccountsError> {
    let before = year - 1;
    let values = current_values(conn, before)?.len() as u32;
    let worked_here: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM ra_template WHERE year = ?1)", [before], |r| r.get(0))?;
    let unapproved_parts: u32 = conn.query_row(
        "SELECT count(*) FROM ra_status WHERE year = ?1 AND state NOT IN ('approved', 'sent')",
        [before],
        |r| r.get(0),
    )?;
    Ok(PreviousYear { year: before, values, worked_here, unapproved_parts })
}

/// An item of this year given last year's supplier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReusedSupplier {
    pub item: String,
    pub agency_code: String,
    pub agency_name: String,
}

/// What reusing last year's suppliers did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReuseReport {
    pub year: i32,
    pub from_year: i32,
    /// Items given last year's supplier (they had none this year).
    pub reused: Vec<ReusedSupplier>,
    /// Items that already had a supplier this year: left as they were.
    pub kept: u32,
    /// Items whose supplier last year is inactive now: left unassigned.
    pub inactive: Vec<ReusedSupplier>,
    /// Items of this year that last year's template did not have, or had without a supplier.
    pub unmatched: Vec<String>,
}

/// Last year's supplier of each item code.
fn suppliers_of(conn: &Connection, year: i32) -> rusqlite::Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare("SELECT item_code, agency_id FROM ra_assignment WHERE year = ?1")?;
    let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Why last year's suppliers cannot be reused for `year` now: no template this year, or no item
/// of it both unassigned now and assigned last year.
pub fn reuse_allowed(store: &Store, year: i32) -> Result<(), AccountsError> {
    let template = template_of(store, year)?;
    let before = suppliers_of(store.conn(), year - 1)?;
    let candidate = template.items.iter().any(|i| i.agency_code.is_none() && before.contains_key(&i.code));
    if !candidate {
        return Err(AccountsError::NothingToReuse { from_year: year - 1, year });
    }
    Ok(())
}

/// Give every unassigned item of `year` the supplier it had last year (matched by item code),
/// unless that agency is inactive now. Items already assigned are left alone. One transaction,
/// one audit row with what was reused.
pub fn reuse_assignments(store: &mut Store, year: i32) -> Result<ReuseReport, AccountsError> {
    reuse_allowed(store, year)?;
    let template = template_of(store, year)?;
    let before = suppliers_of(store.conn(), year - 1)?;
    let agencies: HashMap<i64, agencies::Agency> =
        agencies::list(store, "", true)?.into_iter().map(|a| (a.id, a)).collect();
    let mut report =
        ReuseReport { year, from_year: year - 1, reused: vec![], kept: 0, inactive: vec![], unmatched: vec![] };
    let mut assign = Vec::new();
    for item in &template.items {
        if item.agency_code.is_some() {
            report.kept += 1;
            continue;
        }
        let Some(agency) = before.get(&item.code).and_then(|id| agencies.get(id)) else {
            report.unmatched.push(item.code.clone());
            continue;
        };
        let supplier = ReusedSupplier {
            item: item.code.clone(),
            agency_code: agency.code.clone(),
            agency_name: agency.name.clone(),
        };
        if agency.active {
            assign.push((item.code.clone(), agency.id));
            report.reused.push(supplier);
        } else {
            report.inactive.push(supplier);
        }
    }
    store.write(|tx, actor| {
        for (item, agency_id) in &assign {
            tx.execute(
                "INSERT INTO ra_assignment (year, item_code, agency_id) VALUES (?1, ?2, ?3)",
                params![year, item, agency_id],
            )?;
        }
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ra_assignment", &year.to_string(), "reuse").new_value(serde_json::json!({
                "from_year": year - 1,
                "items": report.reused.iter().map(|r| [&r.item, &r.agency_code]).collect::<Vec<_>>(),
            })),
        )?;
        Ok::<_, AccountsError>(())
    })?;
    Ok(report)
}
