//! Which agency supplies each item of a year, and what is left unassigned.

use super::model::TemplateItem;
use super::{template_of, AccountsError};
use crate::agencies::{self, Agency};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The state of assignments of a year: what is left to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssignmentOverview {
    pub year: i32,
    pub items: u32,
    pub unassigned: Vec<TemplateItem>,
    /// Active agencies with nothing to supply this year.
    pub agencies_without_items: Vec<Agency>,
    /// (agency code, agency name, item count), by code.
    pub per_agency: Vec<(String, String, u32)>,
}

pub fn overview(store: &Store, year: i32) -> Result<AssignmentOverview, AccountsError> {
    let template = template_of(store, year)?;
    let agencies = agencies::list(store, "", true)?;
    let mut per_agency = Vec::new();
    for agency in &agencies {
        let count =
            template.items.iter().filter(|i| i.agency_code.as_deref() == Some(agency.code.as_str())).count() as u32;
        if count > 0 {
            per_agency.push((agency.code.clone(), agency.name.clone(), count));
        }
    }
    Ok(AssignmentOverview {
        year,
        items: template.items.len() as u32,
        unassigned: template.items.iter().filter(|i| i.agency_code.is_none()).cloned().collect(),
        agencies_without_items: agencies
            .into_iter()
            .filter(|a| a.active && !per_agency.iter().any(|(c, _, _)| *c == a.code))
            .collect(),
        per_agency,
    })
}

/// Make `agency_code` the supplier of `item_code` in `year` (audited, with the old supplier).
pub fn assign(
    store: &mut Store,
    year: i32,
    item_code: &str,
    agency_code: &str,
    reason: Option<&str>,
) -> Result<TemplateItem, AccountsError> {
    let template = template_of(store, year)?;
    let code = item_code.trim().to_ascii_uppercase();
    let item = template
        .items
        .iter()
        .find(|i| i.code == code)
        .cloned()
        .ok_or_else(|| AccountsError::UnknownItem { year, code: code.clone() })?;
    let agency = agencies::find(store, agency_code)?;
    if !agency.active {
        return Err(AccountsError::InactiveAgency { name: agency.name });
    }
    store.write(|tx, actor| {
        let old: Option<String> = tx
            .query_row(
                "SELECT a.code FROM ra_assignment s JOIN agency a ON a.id = s.agency_id WHERE s.year = ?1 AND s.item_code = ?2",
                params![year, code],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "INSERT INTO ra_assignment (year, item_code, agency_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (year, item_code) DO UPDATE SET agency_id = excluded.agency_id",
            params![year, code, agency.id],
        )?;
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ra_assignment", &format!("{year}/{code}"), "assign").old(&old).new_value(&agency.code).reason(reason),
        )?;
        Ok::<_, AccountsError>(())
    })?;
    Ok(TemplateItem { agency_code: Some(agency.code), ..item })
}
