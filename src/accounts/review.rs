//! Review and approval, per agency and per table: requested -> received -> checked ->
//! approved -> sent, with who and when. Errors block approval; warnings need a written
//! explanation from each agency they name (explanations.rs). Approved values are locked in SQL (triggers) until reopened with a reason.

use super::checks::CheckFailure;
use super::explanations::{explained_pairs, warning_explanations};
use super::model::{Severity, TemplateItem};
use super::state::advance;
pub use super::state::ReviewState;
use super::values::current_values;
use super::{template_of, AccountsError};
use crate::action::Action;
use crate::agencies;
use crate::fa::JalaliDate;
use crate::store::{now_iso, record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// Where one agency's part of one table stands, and what is wrong in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TableStatus {
    pub table_code: String,
    pub table_title: String,
    pub state: Option<ReviewState>,
    pub changed_at_jalali: String,
    pub changed_by: String,
    pub items: u32,
    pub values: u32,
    pub missing_required: u32,
    /// Rules (and built-in checks) with errors on this part, from the latest check run.
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    pub unexplained_warnings: Vec<String>,
    /// Approving this part: hidden once approved, otherwise blocked with approve's own refusal.
    pub approve: Action,
    /// Reopening this part: shown once it is approved (or sent).
    pub reopen: Action,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AgencyStatus {
    pub agency_code: String,
    pub agency_name: String,
    pub tables: Vec<TableStatus>,
}

/// Every agency's state for the year, and the deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    pub year: i32,
    pub deadline: Option<String>,
    /// Days from today to the deadline (negative: past it).
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub last_check_jalali: Option<String>,
    pub unassigned_items: u32,
    pub agencies: Vec<AgencyStatus>,
}

/// The deadline for agencies to return their workbooks.
pub fn set_deadline(store: &mut Store, year: i32, deadline: JalaliDate) -> Result<(), AccountsError> {
    store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ra_year (year, deadline) VALUES (?1, ?2) ON CONFLICT (year) DO UPDATE SET deadline = excluded.deadline",
            params![year, deadline.to_latin_string()],
        )?;
        record_audit(tx, actor, &AuditEntry::new("ra_year", &year.to_string(), "deadline").new_value(deadline.to_latin_string()))?;
        Ok(())
    })
}

/// The failures of the latest check run of `year`, if checks ran.
pub fn latest_failures(conn: &Connection, year: i32) -> Result<Option<(String, Vec<CheckFailure>)>, AccountsError> {
    let Some((run_id, ran_at)): Option<(i64, String)> = conn
        .query_row("SELECT id, ran_at FROM ra_check_run WHERE year = ?1 ORDER BY id DESC LIMIT 1", [year], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let mut stmt =
        conn.prepare("SELECT rule_code, severity, message, items FROM ra_check_failure WHERE run_id = ?1 ORDER BY id")?;
    let failures = stmt
        .query_map([run_id], |r| {
            let items: String = r.get(3)?;
            Ok(CheckFailure {
                rule_code: r.get(0)?,
                severity: Severity::from_db(&r.get::<_, String>(1)?),
                message: r.get(2)?,
                items: serde_json::from_str(&items).unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some((ran_at, failures)))
}

pub fn dashboard(store: &Store, year: i32) -> Result<Dashboard, AccountsError> {
    let conn = store.conn();
    let template = template_of(store, year)?;
    let values = current_values(conn, year)?;
    let failures = latest_failures(conn, year)?;
    let latest = failures.as_ref().map(|(_, f)| f.as_slice()).unwrap_or_default();
    let findings =
        Findings { failures: latest, explained: explained_pairs(&warning_explanations(conn, year, latest)?) };
    let titles: HashMap<&str, &str> = template.tables.iter().map(|t| (t.code.as_str(), t.title.as_str())).collect();
    let statuses = review_states(conn, year)?;
    let mut agencies_out = Vec::new();
    for agency in agencies::list(store, "", true)? {
        let mut tables = Vec::new();
        for table in &template.tables {
            let items: Vec<&TemplateItem> = template
                .items
                .iter()
                .filter(|i| i.table_code == table.code && i.agency_code.as_deref() == Some(agency.code.as_str()))
                .collect();
            if items.is_empty() {
                continue;
            }
            let has_value = |code: &str| values.get(code).is_some_and(|v| v.number.is_some() || v.text.is_some());
            let mut status = TableStatus {
                table_code: table.code.clone(),
                table_title: titles[table.code.as_str()].to_string(),
                state: None,
                changed_at_jalali: String::new(),
                changed_by: String::new(),
                items: items.len() as u32,
                values: items.iter().filter(|i| has_value(&i.code)).count() as u32,
                missing_required: items.iter().filter(|i| i.required && !has_value(&i.code)).count() as u32,
                errors: vec![],
                warnings: vec![],
                unexplained_warnings: vec![],
                approve: Action::hidden(),
                reopen: Action::hidden(),
            };
            if let Some((state, at, by)) = statuses.get(&(agency.code.clone(), table.code.clone())) {
                (status.state, status.changed_at_jalali, status.changed_by) = (Some(*state), at.clone(), by.clone());
            }
            findings.attach(&mut status, &agency.code, &items);
            let approved = matches!(status.state, Some(ReviewState::Approved | ReviewState::Sent));
            status.reopen = Action::shown_if(approved);
            if !approved {
                status.approve = Action::from_guard(part_approvable(&agency.name, &status))?;
            }
            tables.push(status);
        }
        if !tables.is_empty() {
            agencies_out.push(AgencyStatus { agency_code: agency.code, agency_name: agency.name, tables });
        }
    }
    let deadline: Option<String> =
        conn.query_row("SELECT deadline FROM ra_year WHERE year = ?1", [year], |r| r.get(0)).optional()?.flatten();
    let deadline_date = deadline.as_deref().and_then(|d| JalaliDate::parse(d).ok());
    Ok(Dashboard {
        year,
        deadline: deadline_date.map(|d| d.to_string()),
        days_left: deadline_date.map(|d| (d.to_gregorian() - JalaliDate::today().to_gregorian()).num_days()),
        last_check_jalali: failures.as_ref().map(|(at, _)| crate::store::jalali_of_iso(at)),
        unassigned_items: template.items.iter().filter(|i| i.agency_code.is_none()).count() as u32,
        agencies: agencies_out,
    })
}

/// (agency code, table code) -> (review state, when it changed in Jalali, by whom).
type ReviewStates = HashMap<(String, String), (ReviewState, String, String)>;

/// Each part's review state, when it changed and by whom.
fn review_states(conn: &Connection, year: i32) -> Result<ReviewStates, AccountsError> {
    let mut stmt = conn.prepare(
        "SELECT a.code, s.table_code, s.state, s.changed_at, s.changed_by FROM ra_status s JOIN agency a ON a.id = s.agency_id WHERE s.year = ?1",
    )?;
    let rows = stmt.query_map([year], |r| {
        let state = ReviewState::from_db(&r.get::<_, String>(2)?);
        let at = crate::store::jalali_of_iso(&r.get::<_, String>(3)?);
        Ok(((r.get(0)?, r.get(1)?), (state, at, r.get(4)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The latest check run's failures and the (rule, agency) pairs explained for the values they
/// cite, as the dashboard sorts them by part.
struct Findings<'a> {
    failures: &'a [CheckFailure],
    explained: HashSet<(String, String)>,
}

impl Findings<'_> {
    /// The rules failing on any of the part's items: errors, warnings, and those warnings the
    /// part's agency has not explained for the values they cite now.
    fn attach(&self, status: &mut TableStatus, agency_code: &str, items: &[&TemplateItem]) {
        for failure in self.failures {
            if !failure.items.iter().any(|f| items.iter().any(|i| i.code == f.code)) {
                continue;
            }
            let list = if failure.severity == Severity::Error { &mut status.errors } else { &mut status.warnings };
            if !list.contains(&failure.rule_code) {
                list.push(failure.rule_code.clone());
            }
            if failure.severity == Severity::Warning
                && !self.explained.contains(&(failure.rule_code.clone(), agency_code.to_string()))
                && !status.unexplained_warnings.contains(&failure.rule_code)
            {
                status.unexplained_warnings.push(failure.rule_code.clone());
            }
        }
    }
}

/// Why one agency's part of a table cannot be approved, if it cannot: it has not been checked
/// since its values came, it has errors, or a warning has no explanation. The dashboard's
/// approve button shows the same refusal.
fn part_approvable(agency_name: &str, part: &TableStatus) -> Result<(), AccountsError> {
    let where_ = format!("«{agency_name}» در جدول {}", part.table_code);
    if part.state != Some(ReviewState::Checked) {
        return Err(AccountsError::NotChecked { part: where_ });
    }
    if !part.errors.is_empty() {
        return Err(AccountsError::BlockedByErrors { part: where_, rules: part.errors.clone() });
    }
    if !part.unexplained_warnings.is_empty() {
        return Err(AccountsError::UnexplainedWarnings { part: where_, rules: part.unexplained_warnings.clone() });
    }
    Ok(())
}

/// Approve an agency's tables of `year` (all of them, or `table`). Refused while checks have
/// not run since the last receipt, while errors remain, or while a warning is unexplained.
pub fn approve(
    store: &mut Store,
    year: i32,
    agency_code: &str,
    table: Option<&str>,
) -> Result<Vec<TableStatus>, AccountsError> {
    let agency = agencies::find(store, agency_code)?;
    let board = dashboard(store, year)?;
    let parts: Vec<TableStatus> = board
        .agencies
        .into_iter()
        .find(|a| a.agency_code == agency.code)
        .map(|a| a.tables)
        .unwrap_or_default()
        .into_iter()
        .filter(|t| table.is_none_or(|code| t.table_code.eq_ignore_ascii_case(code)))
        .collect();
    if parts.is_empty() {
        return Err(AccountsError::NothingToApprove { agency: agency.name, year });
    }
    for part in parts.iter().filter(|p| !matches!(p.state, Some(ReviewState::Approved | ReviewState::Sent))) {
        part_approvable(&agency.name, part)?;
    }
    let to_approve: Vec<(i64, String)> = parts
        .iter()
        .filter(|p| p.state == Some(ReviewState::Checked))
        .map(|p| (agency.id, p.table_code.clone()))
        .collect();
    crate::backup::before(store, crate::backup::BackupReason::Approval);
    store.write(|tx, actor| {
        advance(tx, actor, year, &to_approve, ReviewState::Approved, ReviewState::Approved)?;
        let tables: Vec<&String> = to_approve.iter().map(|(_, t)| t).collect();
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ra_status", &format!("{year}/{}", agency.code), "approve").new_value(&tables),
        )?;
        Ok::<_, AccountsError>(())
    })?;
    let board = dashboard(store, year)?;
    Ok(board.agencies.into_iter().find(|a| a.agency_code == agency.code).map(|a| a.tables).unwrap_or_default())
}

/// Reopen an approved (or sent) table of an agency, with the reason recorded.
pub fn reopen(store: &mut Store, year: i32, agency_code: &str, table: &str, reason: &str) -> Result<(), AccountsError> {
    let agency = agencies::find(store, agency_code)?;
    let reason = crate::fa::normalize_text(reason);
    if reason.is_empty() {
        return Err(AccountsError::ReopenReasonRequired);
    }
    let table = table.trim().to_ascii_uppercase();
    store.write(|tx, actor| {
        // The audit row first: the trigger that guards the lock lifts it only right after the
        // reopening's audit row (migration 0005).
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ra_status", &format!("{year}/{}/{table}", agency.code), "reopen").reason(Some(&reason)),
        )?;
        let changed = tx.execute(
            "UPDATE ra_status SET state = 'checked', changed_at = ?4, changed_by = ?5
             WHERE year = ?1 AND agency_id = ?2 AND table_code = ?3 AND state IN ('approved', 'sent')",
            params![year, agency.id, table, now_iso(), actor],
        )?;
        if changed == 0 {
            return Err(AccountsError::NotApproved { part: format!("«{}» در جدول {}", agency.name, table) });
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Problem;

    fn part(state: Option<ReviewState>, errors: &[&str], unexplained: &[&str]) -> TableStatus {
        TableStatus {
            table_code: "T01".into(),
            table_title: "زراعت".into(),
            state,
            changed_at_jalali: String::new(),
            changed_by: String::new(),
            items: 10,
            values: 10,
            missing_required: 0,
            errors: errors.iter().map(|s| s.to_string()).collect(),
            warnings: unexplained.iter().map(|s| s.to_string()).collect(),
            unexplained_warnings: unexplained.iter().map(|s| s.to_string()).collect(),
            approve: Action::hidden(),
            reopen: Action::hidden(),
        }
    }

    fn refusal(part: &TableStatus) -> Option<&'static str> {
        part_approvable("کشاورزی", part).err().map(|e| e.code())
    }

    #[test]
    fn a_part_is_approvable_once_checked_without_errors_or_unexplained_warnings() {
        assert_eq!(refusal(&part(Some(ReviewState::Checked), &[], &[])), None);
        for state in [None, Some(ReviewState::Requested), Some(ReviewState::Received)] {
            assert_eq!(refusal(&part(state, &[], &[])), Some("accounts.review.not_checked"));
        }
        // The state is judged before the findings, errors before unexplained warnings.
        assert_eq!(refusal(&part(Some(ReviewState::Received), &["R1"], &[])), Some("accounts.review.not_checked"));
        let both = part(Some(ReviewState::Checked), &["R-T01-03"], &["W1"]);
        assert_eq!(refusal(&both), Some("accounts.review.blocked_by_errors"));
        let warned = part(Some(ReviewState::Checked), &[], &["W1"]);
        assert_eq!(refusal(&warned), Some("accounts.review.unexplained_warnings"));
        assert!(part_approvable("کشاورزی", &warned).unwrap_err().to_string().contains("W1"));
    }
}
