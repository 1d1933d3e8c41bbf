//! The Shahid Rajaee festival: the top agencies of each festival group, the largest growth,
//! and the best work teams nominated and selected by the committee. This is the data of the
//! certificates and the festival report.

use super::approval::approved_results;
use super::results::AgencyResult;
use super::{agency_by_code, settings_of, EvaluationError};
use crate::fa::{normalize_text, JalaliDate};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Nomination {
    #[ts(type = "number")]
    pub id: i64,
    pub team: String,
    pub agency_code: String,
    pub agency_name: String,
    pub project: String,
    pub summary: String,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupWinners {
    pub group: String,
    pub winners: Vec<AgencyResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Festival {
    pub year: i32,
    pub groups: Vec<GroupWinners>,
    pub growth: Vec<AgencyResult>,
    pub teams: Vec<Nomination>,
}

pub fn nominations(conn: &Connection, year: i32) -> Result<Vec<Nomination>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT n.id, n.team, a.code, a.name, n.project, n.summary, n.selected FROM ev_nomination n JOIN agency a ON a.id = n.agency_id
         WHERE n.year = ?1 ORDER BY n.id",
    )?;
    let rows = stmt.query_map([year], |r| {
        Ok(Nomination {
            id: r.get(0)?,
            team: r.get(1)?,
            agency_code: r.get(2)?,
            agency_name: r.get(3)?,
            project: r.get(4)?,
            summary: r.get(5)?,
            selected: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Why nominations cannot be registered or selected today: the festival's phase is closed.
pub fn nominating_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::phases::ensure_open(conn, year, "festival", today)
}

/// Register a work team's nomination while the festival phase is open.
pub fn nominate(
    store: &mut Store,
    year: i32,
    team: &str,
    agency_code: &str,
    project: &str,
    summary: &str,
    today: JalaliDate,
) -> Result<Nomination, EvaluationError> {
    nominating_allowed(store.conn(), year, today)?;
    let (team, project) = (normalize_text(team), normalize_text(project));
    if team.is_empty() {
        return Err(EvaluationError::Required { what: "نام تیم".into() });
    }
    if project.is_empty() {
        return Err(EvaluationError::Required { what: "عنوان طرح".into() });
    }
    let (agency_id, ..) = agency_by_code(store.conn(), agency_code)?;
    let id = store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ev_nomination (year, team, agency_id, project, summary, registered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![year, team, agency_id, project, normalize_text(summary), crate::store::now_iso()],
        )?;
        let id = tx.last_insert_rowid();
        record_audit(tx, actor, &AuditEntry::new("ev_nomination", &id.to_string(), "nominate").new_value((&team, &project)))?;
        Ok::<_, EvaluationError>(id)
    })?;
    Ok(nominations(store.conn(), year)?.into_iter().find(|n| n.id == id).expect("just added"))
}

/// The committee selects (or unselects) a nomination.
pub fn select(store: &mut Store, year: i32, id: i64, selected: bool, today: JalaliDate) -> Result<(), EvaluationError> {
    nominating_allowed(store.conn(), year, today)?;
    store.write(|tx, actor| {
        let changed = tx.execute(
            "UPDATE ev_nomination SET selected = ?3, selected_at = ?4, selected_by = ?5 WHERE year = ?1 AND id = ?2",
            params![year, id, selected, crate::store::now_iso(), actor],
        )?;
        if changed == 0 {
            return Err(EvaluationError::UnknownNomination { id });
        }
        record_audit(tx, actor, &AuditEntry::new("ev_nomination", &id.to_string(), "select").new_value(selected))?;
        Ok(())
    })
}

/// Why the festival cannot be drawn yet, if it cannot: its winners come from approved results.
/// Every approved agency must belong to a festival group: winners are chosen per group.
pub fn festival_allowed(conn: &Connection, year: i32) -> Result<(), EvaluationError> {
    let results = approved_results(conn, year)?.ok_or(EvaluationError::NotYetApproved { year })?;
    let without: Vec<String> =
        results.iter().filter(|r| r.agency.group.trim().is_empty()).map(|r| r.agency.name.clone()).collect();
    if !without.is_empty() {
        return Err(EvaluationError::AgenciesWithoutGroup { agencies: without });
    }
    Ok(())
}

/// Winners from the approved final results: the top of each group by rank, the largest growth.
pub fn festival(conn: &Connection, year: i32) -> Result<Festival, EvaluationError> {
    festival_allowed(conn, year)?;
    let settings = settings_of(conn, year)?;
    let results = approved_results(conn, year)?.ok_or(EvaluationError::NotYetApproved { year })?;
    let mut group_names: Vec<String> = Vec::new();
    for r in &results {
        if !group_names.contains(&r.agency.group) {
            group_names.push(r.agency.group.clone());
        }
    }
    group_names.sort();
    let groups = group_names
        .into_iter()
        .map(|group| {
            let winners = results
                .iter()
                .filter(|r| r.agency.group == group && r.group_rank <= settings.winners_per_group)
                .cloned()
                .collect();
            GroupWinners { group, winners }
        })
        .collect();
    let mut growing: Vec<AgencyResult> =
        results.iter().filter(|r| r.growth.is_some_and(|g| g > 0.0)).cloned().collect();
    growing.sort_by(|a, b| b.growth.unwrap_or(0.0).total_cmp(&a.growth.unwrap_or(0.0)).then(a.rank.cmp(&b.rank)));
    growing.truncate(settings.growth_awards as usize);
    let teams = nominations(conn, year)?.into_iter().filter(|n| n.selected).collect();
    Ok(Festival { year, groups, growth: growing, teams })
}
