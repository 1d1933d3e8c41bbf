//! Service 2, performance evaluation of the province's executive agencies: the cycle of a
//! year, its settings and committees, the indicator catalog, self-assessment, evaluator
//! scores, preliminary results and objections, council approval, tiers, ranks and the festival.

pub mod actions;
pub mod approval;
pub mod catalog;
pub mod committees;
mod error;
pub mod festival;
pub mod hq;
pub mod intake;
pub mod lead_workbook;
pub mod leads;
pub mod model;
pub mod national;
pub mod objections;
pub mod phases;
pub mod reply;
pub mod results;
pub mod scores;
pub mod scoring;
pub mod settings;
pub mod simulate;
pub mod teams;
pub mod transfer;
pub mod view;
pub mod workbook;

pub use error::EvaluationError;
pub use model::{Axis, Catalog, Direction, Indicator, IndicatorKind, Measure, Method};
pub use settings::{Combine, EvalSettings, Signatories, Signatory, Tier};

use crate::fa::JalaliDate;
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};

/// Start a year's evaluation: its settings (the defaults unless given) and its phases laid
/// end to end from `start`.
pub fn create_year(
    store: &mut Store,
    year: i32,
    start: JalaliDate,
    settings: Option<EvalSettings>,
) -> Result<EvalSettings, EvaluationError> {
    let settings = settings.unwrap_or_default();
    settings.validate()?;
    if year_exists(store.conn(), year)? {
        return Err(EvaluationError::YearExists { year });
    }
    let schedule = phases::default_schedule(start);
    store.write(|tx, actor| {
        let json = serde_json::to_string(&settings).expect("settings serialize");
        tx.execute(
            "INSERT INTO ev_year (year, settings, created_at) VALUES (?1, ?2, ?3)",
            params![year, json, crate::store::now_iso()],
        )?;
        phases::insert_schedule(tx, year, &schedule)?;
        record_audit(tx, actor, &AuditEntry::new("ev_year", &year.to_string(), "create").new_value(&settings))?;
        Ok(settings.clone())
    })
}

pub fn year_exists(conn: &Connection, year: i32) -> Result<bool, EvaluationError> {
    Ok(conn.query_row("SELECT 1 FROM ev_year WHERE year = ?1", [year], |_| Ok(())).optional()?.is_some())
}

/// The years with an evaluation, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>, EvaluationError> {
    let mut stmt = conn.prepare("SELECT year FROM ev_year ORDER BY year DESC")?;
    let years = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i32>>>()?;
    Ok(years)
}

pub fn settings_of(conn: &Connection, year: i32) -> Result<EvalSettings, EvaluationError> {
    let json: String = conn
        .query_row("SELECT settings FROM ev_year WHERE year = ?1", [year], |r| r.get(0))
        .optional()?
        .ok_or(EvaluationError::NoYear { year })?;
    serde_json::from_str(&json).map_err(|e| EvaluationError::BadSettings { message: e.to_string() })
}

/// Replace the settings of a year (refused once the council has approved it). Audited.
pub fn update_settings(store: &mut Store, year: i32, settings: &EvalSettings) -> Result<(), EvaluationError> {
    settings.validate()?;
    let old = settings_of(store.conn(), year)?;
    ensure_not_locked(store.conn(), year)?;
    store.write(|tx, actor| {
        let json = serde_json::to_string(settings).expect("settings serialize");
        tx.execute("UPDATE ev_year SET settings = ?2 WHERE year = ?1", params![year, json])?;
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_year", &year.to_string(), "settings").old(&old).new_value(settings),
        )?;
        Ok(())
    })
}

/// Refuse when the council's approval of the year stands (the triggers refuse too).
pub fn ensure_not_locked(conn: &Connection, year: i32) -> Result<(), EvaluationError> {
    if is_locked(conn, year)? {
        return Err(EvaluationError::YearLocked { year });
    }
    Ok(())
}

pub fn is_locked(conn: &Connection, year: i32) -> Result<bool, EvaluationError> {
    Ok(conn.query_row("SELECT 1 FROM ev_locked_year WHERE year = ?1", [year], |_| Ok(())).optional()?.is_some())
}

/// An agency's id and name by code (any digits), or UnknownAgency.
pub(crate) fn agency_by_code(conn: &Connection, code: &str) -> Result<(i64, String, String), EvaluationError> {
    let code = crate::fa::to_latin_digits(code.trim());
    conn.query_row("SELECT id, code, name FROM agency WHERE code = ?1", [&code], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .optional()?
    .ok_or(EvaluationError::UnknownAgency { code })
}
