//! What the screens of regional accounts show, gathered from the modules above.

use super::assign::{overview, AssignmentOverview};
use super::checks::CheckFailure;
use super::dispatch::{centre_letter, packages, CentreLetter, PackageRecord};
use super::explanations::{warning_explanations, WarningExplanation};
use super::model::TemplateItem;
use super::review::{dashboard, latest_failures, Dashboard};
use super::values::current_values;
use super::years::{previous_year, reuse_allowed, years, PreviousYear};
use super::{template_of, AccountsError};
use crate::action::Action;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// The template of a year, in brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateInfo {
    pub code: String,
    pub version: String,
    pub title: String,
    /// (code, title) of each table, in order.
    pub tables: Vec<(String, String)>,
    pub items: u32,
    pub rules: u32,
}

/// Everything the regional-accounts screen needs for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountsOverview {
    pub year: i32,
    /// The years the file has regional accounts for, and the working year; newest first.
    pub years: Vec<i32>,
    pub working_year: i32,
    /// Active agencies in the directory: none yet means the directory is the first step.
    pub agencies: u32,
    /// Last year's values, which the checks read as `prev()`.
    pub previous: PreviousYear,
    /// Give this year's unassigned items the suppliers they had last year.
    pub reuse_assignments: Action,
    pub template: Option<TemplateInfo>,
    pub dashboard: Option<Dashboard>,
    pub assignments: Option<AssignmentOverview>,
    /// The Statistical Centre's request letter of the year, when recorded.
    pub centre_letter: Option<CentreLetter>,
    /// The packages written for the year, newest first, with the day each was sent.
    pub packages: Vec<PackageRecord>,
}

pub fn accounts_overview(store: &Store, year: i32) -> Result<AccountsOverview, AccountsError> {
    let base = AccountsOverview {
        year,
        years: years(store)?,
        working_year: store.province()?.working_year,
        agencies: crate::agencies::list(store, "", false)?.len() as u32,
        previous: previous_year(store.conn(), year)?,
        reuse_assignments: Action::from_guard(reuse_allowed(store, year))?,
        template: None,
        dashboard: None,
        assignments: None,
        centre_letter: centre_letter(store.conn(), year)?,
        packages: packages(store.conn(), year)?,
    };
    let template = match template_of(store, year) {
        Ok(t) => t,
        Err(AccountsError::NoTemplate { .. }) => {
            return Ok(AccountsOverview { reuse_assignments: Action::hidden(), ..base })
        }
        Err(e) => return Err(e),
    };
    Ok(AccountsOverview {
        template: Some(TemplateInfo {
            code: template.code.clone(),
            version: template.version.clone(),
            title: template.title.clone(),
            tables: template.tables.iter().map(|t| (t.code.clone(), t.title.clone())).collect(),
            items: template.items.len() as u32,
            rules: template.rules.len() as u32,
        }),
        dashboard: Some(dashboard(store, year)?),
        assignments: Some(overview(store, year)?),
        ..base
    })
}

/// One item of a table as the grid shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ItemRow {
    pub item: TemplateItem,
    pub agency_name: Option<String>,
    pub value: Option<f64>,
    pub text: Option<String>,
    pub note: String,
    /// Where it was read from («T01!E7»), empty for typed values.
    pub cell: String,
    pub previous: Option<f64>,
    /// Approved or sent: changes are refused until the table is reopened.
    pub locked: bool,
}

pub fn item_rows(store: &Store, year: i32, table: &str) -> Result<Vec<ItemRow>, AccountsError> {
    let template = template_of(store, year)?;
    let now = current_values(store.conn(), year)?;
    let before = current_values(store.conn(), year - 1)?;
    let names: HashMap<String, String> =
        crate::agencies::list(store, "", true)?.into_iter().map(|a| (a.code, a.name)).collect();
    // The same view the lock triggers read (migration 0002), so the grid and SQL agree.
    let locked: std::collections::HashSet<String> = {
        let mut stmt = store.conn().prepare("SELECT item_code FROM ra_locked_item WHERE year = ?1")?;
        let codes = stmt.query_map([year], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        codes
    };
    Ok(template
        .items
        .into_iter()
        .filter(|i| i.table_code.eq_ignore_ascii_case(table))
        .map(|item| {
            let value = now.get(&item.code);
            ItemRow {
                agency_name: item.agency_code.as_ref().and_then(|c| names.get(c).cloned()),
                value: value.and_then(|v| v.number),
                text: value.and_then(|v| v.text.clone()),
                note: value.map(|v| v.note.clone()).unwrap_or_default(),
                cell: value.map(|v| v.cell.clone()).unwrap_or_default(),
                previous: before.get(&item.code).and_then(|v| v.number),
                locked: locked.contains(&item.code),
                item,
            }
        })
        .collect())
}

/// The findings of the latest check run, with where each agency stands on each warning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FindingsView {
    pub ran_at_jalali: Option<String>,
    pub failures: Vec<CheckFailure>,
    /// One per warning and agency it names (explained for the values cited, or open with the
    /// earlier text and why it no longer stands), then carried-over explanations without an
    /// agency.
    pub explanations: Vec<WarningExplanation>,
}

pub fn findings(store: &Store, year: i32) -> Result<FindingsView, AccountsError> {
    let latest = latest_failures(store.conn(), year)?;
    let failures = latest.as_ref().map(|(_, f)| f.clone()).unwrap_or_default();
    Ok(FindingsView {
        ran_at_jalali: latest.as_ref().map(|(at, _)| crate::store::jalali_of_iso(at)),
        explanations: warning_explanations(store.conn(), year, &failures)?,
        failures,
    })
}
