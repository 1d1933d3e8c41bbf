//! Evaluator teams (seed step 13, «بررسی و امتیازدهی اولیه توسط تیم ارزیاب»): the office's
//! evaluators in teams (committee members or other names), each team with the agencies it
//! scores — an agency in one team at most — its own evaluator workbooks, and its progress.
//! A team of one is an evaluator.

use super::committees::members;
use super::view::AgencyProgress;
use super::workbook::{issue_workbooks, EvalWorkbook, Purpose};
use super::{agency_by_code, ensure_not_locked, year_exists, EvaluationError};
use crate::action::Action;
use crate::fa::normalize_text;
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// One evaluator of a team as typed: a committee member (by id) or a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamMemberInput {
    /// A member of the year's committees; their name is taken from there.
    #[ts(type = "number | null")]
    pub committee_member_id: Option<i64>,
    /// The evaluator's name when they are not a committee member.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamInput {
    pub name: String,
    pub members: Vec<TeamMemberInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamMember {
    pub name: String,
    /// The committee member this evaluator was chosen as, if any.
    #[ts(type = "number | null")]
    pub committee_member_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamAgency {
    pub code: String,
    pub name: String,
    /// The team the agency is assigned to this year, if any.
    #[ts(type = "number | null")]
    pub team_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Team {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub members: Vec<TeamMember>,
    pub agencies: Vec<TeamAgency>,
    /// Writing the team's evaluator workbooks, or why not.
    pub workbooks: Action,
    /// Deleting the team, or why not (agencies still assigned).
    pub delete: Action,
}

/// The teams panel: the teams, and every agency that can be assigned with its team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamsView {
    pub teams: Vec<Team>,
    pub agencies: Vec<TeamAgency>,
    /// Creating, changing and assigning teams, or why not.
    pub edit: Action,
}

/// A team's progress on the overview: its agencies and the evaluator scores entered of all
/// their indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamProgress {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub members: Vec<String>,
    pub agencies: u32,
    pub indicators: u32,
    pub scored: u32,
}

/// Why teams cannot be created, changed or assigned: no such year, or its approval stands.
pub fn editing_allowed(conn: &Connection, year: i32) -> Result<(), EvaluationError> {
    if !year_exists(conn, year)? {
        return Err(EvaluationError::NoYear { year });
    }
    ensure_not_locked(conn, year)
}

/// Why a team's evaluator workbooks cannot be written: no catalog, or no agency of the team
/// has indicators (an empty filter would mean every agency).
pub fn workbooks_allowed(conn: &Connection, year: i32, id: i64) -> Result<Vec<String>, EvaluationError> {
    let catalog = super::catalog::catalog_of(conn, year)?;
    let team = team(conn, year, id)?;
    let codes: Vec<String> =
        team.agencies.into_iter().map(|a| a.code).filter(|code| catalog.of_agency(code).next().is_some()).collect();
    if codes.is_empty() {
        return Err(EvaluationError::TeamWithoutAgencies { team: team.name });
    }
    Ok(codes)
}

/// The team's name and evaluators as stored, or why the input cannot be.
fn checked(conn: &Connection, year: i32, input: &TeamInput) -> Result<(String, Vec<TeamMember>), EvaluationError> {
    let name = normalize_text(&input.name);
    if name.is_empty() {
        return Err(EvaluationError::Required { what: "نام تیم".into() });
    }
    let committee = members(conn, year)?;
    let mut chosen: Vec<TeamMember> = Vec::new();
    for m in &input.members {
        let member = match m.committee_member_id {
            Some(id) => {
                let found = committee.iter().find(|c| c.id == id).ok_or(EvaluationError::UnknownMember { id })?;
                TeamMember { name: found.name.clone(), committee_member_id: Some(id) }
            }
            None => TeamMember { name: normalize_text(&m.name), committee_member_id: None },
        };
        let key = crate::fa::comparison_key(&member.name);
        if !member.name.is_empty() && !chosen.iter().any(|c| crate::fa::comparison_key(&c.name) == key) {
            chosen.push(member);
        }
    }
    Ok((name, chosen))
}

/// Refuse a name another team of the year has.
fn ensure_name_free(conn: &Connection, year: i32, name: &str, except: Option<i64>) -> Result<(), EvaluationError> {
    let key = crate::fa::comparison_key(name);
    let taken =
        teams(conn, year)?.into_iter().any(|t| Some(t.id) != except && crate::fa::comparison_key(&t.name) == key);
    if taken {
        return Err(EvaluationError::TeamExists { name: name.to_string() });
    }
    Ok(())
}

fn write_members(tx: &Connection, id: i64, members: &[TeamMember]) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM ev_team_member WHERE team_id = ?1", [id])?;
    for (position, m) in members.iter().enumerate() {
        tx.execute(
            "INSERT INTO ev_team_member (team_id, position, name, committee_member_id) VALUES (?1, ?2, ?3, ?4)",
            params![id, position as i64, m.name, m.committee_member_id],
        )?;
    }
    Ok(())
}

/// A new team of evaluators. Audited.
pub fn create_team(store: &mut Store, year: i32, input: &TeamInput) -> Result<Team, EvaluationError> {
    editing_allowed(store.conn(), year)?;
    let (name, chosen) = checked(store.conn(), year, input)?;
    ensure_name_free(store.conn(), year, &name, None)?;
    store.write(|tx, actor| {
        tx.execute("INSERT INTO ev_team (year, name) VALUES (?1, ?2)", params![year, name])?;
        let id = tx.last_insert_rowid();
        write_members(tx, id, &chosen)?;
        record_audit(tx, actor, &AuditEntry::new("ev_team", &id.to_string(), "create").new_value((&name, &chosen)))?;
        team(tx, year, id)
    })
}

/// Rename a team or change its evaluators. Audited with the old and new team.
pub fn edit_team(store: &mut Store, year: i32, id: i64, input: &TeamInput) -> Result<Team, EvaluationError> {
    editing_allowed(store.conn(), year)?;
    let old = team(store.conn(), year, id)?;
    let (name, chosen) = checked(store.conn(), year, input)?;
    ensure_name_free(store.conn(), year, &name, Some(id))?;
    store.write(|tx, actor| {
        tx.execute("UPDATE ev_team SET name = ?2 WHERE id = ?1", params![id, name])?;
        write_members(tx, id, &chosen)?;
        let key = id.to_string();
        let entry = AuditEntry::new("ev_team", &key, "edit").old((&old.name, &old.members)).new_value((&name, &chosen));
        record_audit(tx, actor, &entry)?;
        team(tx, year, id)
    })
}

/// Why a team cannot be deleted: editing is closed, or agencies are still assigned to it
/// (unassign them first, so that no agency loses its team unnoticed).
pub fn deleting_allowed(conn: &Connection, year: i32, id: i64) -> Result<(), EvaluationError> {
    let team = team(conn, year, id)?;
    delete_guard(conn, year, &team.name, team.agencies.len())
}

fn delete_guard(conn: &Connection, year: i32, name: &str, agencies: usize) -> Result<(), EvaluationError> {
    editing_allowed(conn, year)?;
    if agencies > 0 {
        return Err(EvaluationError::TeamHasAgencies { team: name.to_string(), count: agencies as u32 });
    }
    Ok(())
}

/// Delete a team without agencies. Audited.
pub fn delete_team(store: &mut Store, year: i32, id: i64) -> Result<(), EvaluationError> {
    deleting_allowed(store.conn(), year, id)?;
    let old = team(store.conn(), year, id)?;
    store.write(|tx, actor| {
        tx.execute("DELETE FROM ev_team WHERE id = ?1", [id])?;
        record_audit(tx, actor, &AuditEntry::new("ev_team", &id.to_string(), "delete").old((&old.name, &old.members)))?;
        Ok(())
    })
}

/// The agencies of `codes` (any digits) by id, code and name; unknown codes are refused.
fn agencies_of(conn: &Connection, codes: &[String]) -> Result<Vec<(i64, String, String)>, EvaluationError> {
    let mut found: Vec<(i64, String, String)> = Vec::new();
    for code in codes {
        let agency = agency_by_code(conn, code)?;
        if !found.iter().any(|(id, ..)| *id == agency.0) {
            found.push(agency);
        }
    }
    Ok(found)
}

/// Assign agencies to a team. An agency already in another team is refused (all of them
/// named, nothing assigned): unassign it there first. Already this team's: nothing to do.
pub fn assign(store: &mut Store, year: i32, id: i64, codes: &[String]) -> Result<Team, EvaluationError> {
    editing_allowed(store.conn(), year)?;
    let target = team(store.conn(), year, id)?;
    let agencies = agencies_of(store.conn(), codes)?;
    let assigned = assignments(store.conn(), year)?;
    let names: HashMap<i64, String> = teams(store.conn(), year)?.into_iter().map(|t| (t.id, t.name)).collect();
    let elsewhere: Vec<String> = agencies
        .iter()
        .filter_map(|(agency_id, code, name)| match assigned.get(agency_id) {
            Some(other) if *other != id => Some(format!("{name} ({code}): تیم «{}»", names[other])),
            _ => None,
        })
        .collect();
    if !elsewhere.is_empty() {
        return Err(EvaluationError::AgenciesInAnotherTeam { team: target.name, agencies: elsewhere });
    }
    let new: Vec<&(i64, String, String)> = agencies.iter().filter(|(a, ..)| !assigned.contains_key(a)).collect();
    store.write(|tx, actor| {
        for (agency_id, ..) in &new {
            tx.execute(
                "INSERT INTO ev_team_agency (year, agency_id, team_id) VALUES (?1, ?2, ?3)",
                params![year, agency_id, id],
            )?;
        }
        let added: Vec<&str> = new.iter().map(|(_, code, _)| code.as_str()).collect();
        record_audit(tx, actor, &AuditEntry::new("ev_team_agency", &id.to_string(), "assign").new_value(&added))?;
        team(tx, year, id)
    })
}

/// Take agencies out of whatever team they are in; the count of those that were in one.
pub fn unassign(store: &mut Store, year: i32, codes: &[String]) -> Result<u32, EvaluationError> {
    editing_allowed(store.conn(), year)?;
    let agencies = agencies_of(store.conn(), codes)?;
    let assigned = assignments(store.conn(), year)?;
    let leaving: Vec<(i64, String, i64)> = agencies
        .into_iter()
        .filter_map(|(agency_id, code, _)| assigned.get(&agency_id).map(|team| (agency_id, code, *team)))
        .collect();
    store.write(|tx, actor| {
        for (agency_id, code, team) in &leaving {
            tx.execute("DELETE FROM ev_team_agency WHERE year = ?1 AND agency_id = ?2", params![year, agency_id])?;
            let key = team.to_string();
            let entry = AuditEntry::new("ev_team_agency", &key, "unassign").old(code);
            record_audit(tx, actor, &entry)?;
        }
        Ok::<_, EvaluationError>(())
    })?;
    Ok(leaving.len() as u32)
}

/// Each assigned agency's team, by agency id.
fn assignments(conn: &Connection, year: i32) -> Result<HashMap<i64, i64>, EvaluationError> {
    let mut stmt = conn.prepare("SELECT agency_id, team_id FROM ev_team_agency WHERE year = ?1")?;
    let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

fn team(conn: &Connection, year: i32, id: i64) -> Result<Team, EvaluationError> {
    teams(conn, year)?.into_iter().find(|t| t.id == id).ok_or(EvaluationError::UnknownTeam { id })
}

fn team_members(conn: &Connection, id: i64) -> Result<Vec<TeamMember>, EvaluationError> {
    let mut stmt =
        conn.prepare("SELECT name, committee_member_id FROM ev_team_member WHERE team_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([id], |r| Ok(TeamMember { name: r.get(0)?, committee_member_id: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn team_agencies(conn: &Connection, id: i64) -> Result<Vec<TeamAgency>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT a.code, a.name FROM ev_team_agency t JOIN agency a ON a.id = t.agency_id WHERE t.team_id = ?1 ORDER BY a.code",
    )?;
    let rows = stmt.query_map([id], |r| Ok(TeamAgency { code: r.get(0)?, name: r.get(1)?, team_id: Some(id) }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The year's teams by name, with their evaluators and agencies.
pub fn teams(conn: &Connection, year: i32) -> Result<Vec<Team>, EvaluationError> {
    let mut stmt = conn.prepare("SELECT id, name FROM ev_team WHERE year = ?1 ORDER BY name, id")?;
    let rows = stmt.query_map([year], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let heads = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (id, name) in heads {
        let agencies = team_agencies(conn, id)?;
        let workbooks = if agencies.is_empty() {
            Action::from_guard(Err(EvaluationError::TeamWithoutAgencies { team: name.clone() }))?
        } else {
            Action::from_guard(super::catalog::catalog_of(conn, year).map(|_| ()))?
        };
        let delete = Action::from_guard(delete_guard(conn, year, &name, agencies.len()))?;
        out.push(Team { id, name, members: team_members(conn, id)?, agencies, workbooks, delete });
    }
    Ok(out)
}

/// The teams panel: the teams and the agencies that can be assigned (those with indicators
/// once the catalog is in, every active agency before), each with its team.
pub fn teams_view(conn: &Connection, year: i32) -> Result<TeamsView, EvaluationError> {
    let catalog = super::catalog::catalog_of(conn, year).ok();
    let assigned: HashMap<String, i64> = {
        let mut stmt = conn.prepare(
            "SELECT a.code, t.team_id FROM ev_team_agency t JOIN agency a ON a.id = t.agency_id WHERE t.year = ?1",
        )?;
        let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let agencies = super::results::agency_refs(conn)?
        .into_iter()
        .filter(|a| catalog.as_ref().is_none_or(|c| c.of_agency(&a.code).next().is_some()))
        .map(|a| TeamAgency { team_id: assigned.get(&a.code).copied(), code: a.code, name: a.name })
        .collect();
    Ok(TeamsView { teams: teams(conn, year)?, agencies, edit: Action::from_guard(editing_allowed(conn, year))? })
}

/// Write the team's evaluator workbooks (the evaluator workbook of each of its agencies with
/// indicators) into `out_dir`; each is registered as the team's, so that its intake accepts
/// it only while the agency is still this team's.
pub fn write_workbooks(
    store: &mut Store,
    year: i32,
    id: i64,
    out_dir: &Path,
) -> Result<Vec<EvalWorkbook>, EvaluationError> {
    let codes = workbooks_allowed(store.conn(), year, id)?;
    let team = team(store.conn(), year, id)?;
    issue_workbooks(store, year, Purpose::Evaluator, out_dir, &codes, Some((team.id, &team.name)))
}

/// Refuse a returned workbook issued for a team whose agency is no longer that team's (it moved
/// to another team or was unassigned after the workbook was written).
pub(super) fn check_workbook_team(
    conn: &Connection,
    year: i32,
    digest: &str,
    agency_id: i64,
    agency: &str,
    file: &str,
) -> Result<(), EvaluationError> {
    let issued: Option<(i64, String)> = conn
        .query_row("SELECT team_id, team_name FROM ev_team_workbook WHERE digest = ?1", [digest], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((team_id, team_name)) = issued else { return Ok(()) };
    let now: Option<(i64, String)> = conn
        .query_row(
            "SELECT t.id, t.name FROM ev_team_agency a JOIN ev_team t ON t.id = a.team_id WHERE a.year = ?1 AND a.agency_id = ?2",
            params![year, agency_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match now {
        Some((now_id, _)) if now_id == team_id => Ok(()),
        now => Err(EvaluationError::WorkbookOfAnotherTeam {
            file: file.to_string(),
            agency: agency.to_string(),
            team: team_name,
            now: now.map(|(_, name)| name),
        }),
    }
}

/// Each team's progress from the overview's agencies (those with indicators).
pub fn progress(
    conn: &Connection,
    year: i32,
    agencies: &[AgencyProgress],
) -> Result<Vec<TeamProgress>, EvaluationError> {
    let by_code: HashMap<&str, &AgencyProgress> = agencies.iter().map(|a| (a.code.as_str(), a)).collect();
    Ok(teams(conn, year)?
        .into_iter()
        .map(|t| {
            let mine: Vec<&AgencyProgress> =
                t.agencies.iter().filter_map(|a| by_code.get(a.code.as_str()).copied()).collect();
            TeamProgress {
                id: t.id,
                name: t.name,
                members: t.members.into_iter().map(|m| m.name).collect(),
                agencies: t.agencies.len() as u32,
                indicators: mine.iter().map(|a| a.indicators).sum(),
                scored: mine.iter().map(|a| a.evaluator_scored).sum(),
            }
        })
        .collect())
}

/// The evaluated agencies in no team, once there are teams (without teams, nobody is missing one).
pub fn unassigned(conn: &Connection, year: i32, agencies: &[AgencyProgress]) -> Result<Vec<String>, EvaluationError> {
    if teams(conn, year)?.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare("SELECT a.code FROM ev_team_agency t JOIN agency a ON a.id = t.agency_id WHERE t.year = ?1")?;
    let assigned = stmt.query_map([year], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(agencies.iter().filter(|a| !assigned.contains(&a.code)).map(|a| a.code.clone()).collect())
}

/// The to-do line for agencies without a team, while the year is open.
pub fn todo_line(unassigned: &[String], locked: bool) -> Option<String> {
    (!locked && !unassigned.is_empty()).then(|| {
        format!(
            "{} دستگاه هنوز به هیچ تیم ارزیابی سپرده نشده‌اند؛ آن‌ها را در «راه‌اندازی سال» به تیمی بسپارید.",
            crate::fa::count(unassigned.len())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unassigned_agencies_are_to_do_only_while_the_year_is_open() {
        let left = vec!["101".to_string(), "102".to_string()];
        assert!(todo_line(&left, false).unwrap().starts_with("۲ دستگاه"));
        assert_eq!(todo_line(&left, true), None);
        assert_eq!(todo_line(&[], false), None);
    }
}
