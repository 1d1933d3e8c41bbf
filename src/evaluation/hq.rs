//! Seed step 9: the agency's national headquarters reviews its self-assessment, confirms it and
//! may change it, in a returned self-assessment workbook or by its letter (typed in the grid).
//! Each change is a new version of the self score (ev_score keeps the history) tied, in
//! ev_hq_change, to the version it replaced and the reference of the headquarters' letter. When
//! the year's settings say so, the evaluators score an agency only after the confirmation.

use super::catalog::catalog_of;
use super::intake::{self, EvalIntakeResult};
use super::scores::{self, hq_confirmation_allowed, store_score, Stage, StoredScore};
use super::scoring::ScoreInput;
use super::{agency_by_code, settings_of, EvaluationError};
use crate::fa::{normalize_text, JalaliDate};
use crate::issued::{Change, Provenance};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// One change the headquarters made to an agency's self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HqChange {
    pub agency_code: String,
    pub agency_name: String,
    pub indicator_code: String,
    pub indicator_title: String,
    /// The agency's own score the change replaced; null when the agency had left it empty.
    pub before: Option<f64>,
    /// The headquarters' score; null when the headquarters emptied it.
    pub after: Option<f64>,
    /// The headquarters' letter (number and date).
    pub reference: String,
    /// The returned workbook the change came in; null when typed in the grid.
    pub file_name: Option<String>,
    /// Jalali date it was recorded.
    pub recorded_on: String,
    pub recorded_by: String,
}

/// Why the evaluators cannot score `agency_code` yet, if not: the year's settings make them
/// wait for the headquarters' confirmation and none is recorded for the agency.
pub(super) fn ensure_confirmed_if_required(
    conn: &Connection,
    year: i32,
    agency_code: &str,
) -> Result<(), EvaluationError> {
    if !settings_of(conn, year)?.evaluator_waits_for_hq {
        return Ok(());
    }
    let (agency_id, _, name) = agency_by_code(conn, agency_code)?;
    let confirmed = conn
        .query_row(
            "SELECT 1 FROM ev_hq_confirmation WHERE year = ?1 AND agency_id = ?2",
            params![year, agency_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if confirmed {
        Ok(())
    } else {
        Err(EvaluationError::HqNotConfirmed { agency: name })
    }
}

/// The headquarters' letter, normalised; refused when empty.
pub(super) fn reference_of(reference: &str) -> Result<String, EvaluationError> {
    let reference = normalize_text(reference);
    if reference.is_empty() {
        return Err(EvaluationError::HqReferenceRequired);
    }
    Ok(reference)
}

/// The id of the self score in force of (agency, indicator), if any.
fn current_self_id(conn: &Connection, year: i32, agency_id: i64, indicator: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM ev_score WHERE year = ?1 AND agency_id = ?2 AND indicator_code = ?3 AND stage = 'self' AND current = 1",
        params![year, agency_id, indicator],
        |r| r.get(0),
    )
    .optional()
}

/// A change of one self score by the headquarters, being stored.
pub(super) struct ChangeRecord<'a> {
    pub year: i32,
    pub agency_id: i64,
    pub indicator: &'a str,
    pub reference: &'a str,
    pub submission_id: Option<i64>,
}

impl ChangeRecord<'_> {
    /// Put `score` in force as the headquarters' version (or, with none, take the agency's out
    /// of force) and record the change; nothing when it changes nothing. Whether it changed.
    pub(super) fn store(
        &self,
        tx: &Connection,
        score: Option<(&StoredScore, &Provenance)>,
        actor: &str,
    ) -> Result<Change, EvaluationError> {
        let before = current_self_id(tx, self.year, self.agency_id, self.indicator)?;
        let change = match score {
            Some((score, from)) => {
                store_score(tx, self.year, self.agency_id, self.indicator, Stage::SelfAssessment, score, from)?
            }
            // An empty row takes out of force only what a workbook brought, as in any intake.
            None => match before {
                Some(id)
                    if tx.execute(
                        "UPDATE ev_score SET current = 0 WHERE id = ?1 AND submission_id IS NOT NULL",
                        [id],
                    )? > 0 =>
                {
                    Change::Changed
                }
                _ => Change::Same,
            },
        };
        if change == Change::Same {
            return Ok(change);
        }
        let after = current_self_id(tx, self.year, self.agency_id, self.indicator)?;
        tx.execute(
            "INSERT INTO ev_hq_change (year, agency_id, indicator_code, before_score_id, after_score_id, reference, submission_id, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                self.year,
                self.agency_id,
                self.indicator,
                before,
                after,
                self.reference,
                self.submission_id,
                crate::store::now_iso(),
                actor
            ],
        )?;
        Ok(change)
    }
}

/// The headquarters changes one self score by its letter `reference` (typed in the grid or
/// the CLI) while its phase is open. Evidence left empty keeps the agency's. The change, or
/// none when the score in force is already this one.
#[allow(clippy::too_many_arguments)]
pub fn change_self_score(
    store: &mut Store,
    year: i32,
    agency_code: &str,
    indicator_code: &str,
    input: &ScoreInput,
    evidence: &str,
    reference: &str,
    today: JalaliDate,
) -> Result<Option<HqChange>, EvaluationError> {
    hq_confirmation_allowed(store.conn(), year, today)?;
    let reference = reference_of(reference)?;
    let catalog = catalog_of(store.conn(), year)?;
    let scores::Earned { agency_id, code, indicator, score, .. } =
        scores::earned_by(store.conn(), &catalog, agency_code, indicator_code, input)?;
    let indicator_code = indicator.code.clone();
    let own = scores::current_scores(store.conn(), year, Stage::SelfAssessment)?
        .remove(&(code.clone(), indicator_code.clone()));
    let evidence = match normalize_text(evidence) {
        typed if typed.is_empty() => own.map(|s| s.evidence).unwrap_or_default(),
        typed => typed,
    };
    let stored = StoredScore {
        input: input.clone(),
        score,
        evidence,
        comment: String::new(),
        cell: String::new(),
        entered_at: crate::store::now_iso(),
        entered_by: store.actor().to_string(),
    };
    let record =
        ChangeRecord { year, agency_id, indicator: &indicator_code, reference: &reference, submission_id: None };
    let change = store.write(|tx, actor| {
        let change = record.store(tx, Some((&stored, &Provenance::typed(actor))), actor)?;
        if change != Change::Same {
            let key = format!("{year}/{code}/{indicator_code}");
            record_audit(tx, actor, &AuditEntry::new("ev_hq_change", &key, "change").new_value((&stored, &reference)))?;
        }
        Ok::<_, EvaluationError>(change)
    })?;
    if change == Change::Same {
        return Ok(None);
    }
    Ok(hq_changes(store.conn(), year, Some(&code))?.pop())
}

/// What confirming with a returned workbook did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HqConfirmed {
    pub agency_code: String,
    /// The returned workbook's intake; null when the confirmation came without one.
    pub workbook: Option<EvalIntakeResult>,
    /// Every change the headquarters made to this agency's self-assessment so far.
    pub changes: Vec<HqChange>,
}

/// Record the headquarters' confirmation of `agency_code`'s self-assessment by its letter
/// `reference`, with the self-assessment workbook the headquarters returned, if any: its
/// scores become the headquarters' versions (read as any returned self-assessment workbook is,
/// docs/formats/intake.md). A refused workbook leaves everything as it was.
pub fn confirm(
    store: &mut Store,
    year: i32,
    agency_code: &str,
    confirmed_on: JalaliDate,
    reference: &str,
    workbook: Option<&Path>,
    today: JalaliDate,
) -> Result<HqConfirmed, EvaluationError> {
    hq_confirmation_allowed(store.conn(), year, today)?;
    let reference = reference_of(reference)?;
    let (_, code, _) = agency_by_code(store.conn(), agency_code)?;
    let workbook = match workbook {
        Some(path) => Some(intake::import_hq_workbook(store, year, &code, path, &reference)?),
        None => None,
    };
    scores::confirm_hq(store, year, &code, confirmed_on, &reference, today)?;
    let changes = hq_changes(store.conn(), year, Some(&code))?;
    Ok(HqConfirmed { agency_code: code, workbook, changes })
}

/// The headquarters' changes of a year (of one agency, if given), oldest first.
pub fn hq_changes(conn: &Connection, year: i32, agency_code: Option<&str>) -> Result<Vec<HqChange>, EvaluationError> {
    let agency = agency_code.map(|c| crate::fa::to_latin_digits(c.trim()));
    let mut stmt = conn.prepare(
        "SELECT a.code, a.name, c.indicator_code, coalesce(i.title, ''), b.score, f.score, c.reference, s.file_name,
                c.recorded_at, c.recorded_by
         FROM ev_hq_change c JOIN agency a ON a.id = c.agency_id
         LEFT JOIN ev_indicator i ON i.year = c.year AND i.code = c.indicator_code
         LEFT JOIN ev_score b ON b.id = c.before_score_id LEFT JOIN ev_score f ON f.id = c.after_score_id
         LEFT JOIN ev_submission s ON s.id = c.submission_id
         WHERE c.year = ?1 AND (?2 IS NULL OR a.code = ?2) ORDER BY c.id",
    )?;
    let rows = stmt.query_map(params![year, agency], |r| {
        Ok(HqChange {
            agency_code: r.get(0)?,
            agency_name: r.get(1)?,
            indicator_code: r.get(2)?,
            indicator_title: r.get(3)?,
            before: r.get(4)?,
            after: r.get(5)?,
            reference: r.get(6)?,
            file_name: r.get(7)?,
            recorded_on: crate::store::jalali_of_iso(&r.get::<_, String>(8)?),
            recorded_by: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
