//! Scores of (agency, indicator) with their history: the agency's self-assessment and the
//! evaluator's score; the headquarters' confirmation of a self-assessment.

use super::catalog::catalog_of;
use super::model::{Catalog, Indicator};
use super::scoring::{earned, formula, ScoreInput};
use super::{agency_by_code, settings_of, EvaluationError};
use crate::fa::{format_decimal, normalize_text, JalaliDate};
use crate::issued::{Change, Provenance};
use crate::store::{record_audit, AuditEntry, Store};
use crate::Problem;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    SelfAssessment,
    Evaluator,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SelfAssessment => "self",
            Self::Evaluator => "evaluator",
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::SelfAssessment => "خودارزیابی",
            Self::Evaluator => "امتیاز ارزیاب",
        }
    }
}

/// A score in force.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StoredScore {
    pub input: ScoreInput,
    pub score: f64,
    pub evidence: String,
    pub comment: String,
    pub cell: String,
    pub entered_at: String,
    pub entered_by: String,
}

/// Put `score` in force for (agency, indicator, stage), keeping the one it replaces.
pub(super) fn store_score(
    conn: &Connection,
    year: i32,
    agency_id: i64,
    indicator: &str,
    stage: Stage,
    score: &StoredScore,
    from: &Provenance,
) -> Result<Change, EvaluationError> {
    // The last guard: every entry path has judged the input, so a score that is not a finite
    // number within the bound would be a bug, and SQLite would store NaN as NULL.
    if let Err(message) = crate::issued::cells::bounded(score.score) {
        return Err(rusqlite::Error::ToSqlConversionFailure(format!("{indicator}: {message}").into()).into());
    }
    let input = serde_json::to_string(&score.input).expect("input serializes");
    // Cached statements: a workbook sets hundreds of scores; each compiled once per connection.
    let current: Option<(i64, String, f64, String, String)> = conn
        .prepare_cached(
            "SELECT id, input, score, evidence, comment FROM ev_score
             WHERE year = ?1 AND agency_id = ?2 AND indicator_code = ?3 AND stage = ?4 AND current = 1",
        )?
        .query_row(params![year, agency_id, indicator, stage.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let change = match &current {
        Some((_, i, s, e, c)) if *i == input && *s == score.score && *e == score.evidence && *c == score.comment => {
            return Ok(Change::Same)
        }
        Some((id, ..)) => {
            conn.prepare_cached("UPDATE ev_score SET current = 0 WHERE id = ?1")?.execute([id])?;
            Change::Changed
        }
        None => Change::New,
    };
    conn.prepare_cached(
        "INSERT INTO ev_score (year, agency_id, indicator_code, stage, input, score, evidence, comment, submission_id, cell, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
            year,
            agency_id,
            indicator,
            stage.as_str(),
            input,
            score.score,
            score.evidence,
            score.comment,
            from.submission_id,
            from.cell,
            crate::store::now_iso(),
            from.actor
        ])?;
    Ok(change)
}

/// Take the score of (agency, indicator, stage) out of force because the newer workbook left
/// its row empty (docs/formats/intake.md): only a score an earlier workbook brought; one typed
/// in the app stays. The cleared score stays in the history. Whether one was cleared.
pub(super) fn clear_from_workbook(
    conn: &Connection,
    year: i32,
    agency_id: i64,
    indicator: &str,
    stage: Stage,
) -> Result<bool, EvaluationError> {
    let cleared = conn
        .prepare_cached(
            "UPDATE ev_score SET current = 0 WHERE year = ?1 AND agency_id = ?2 AND indicator_code = ?3 AND stage = ?4
             AND current = 1 AND submission_id IS NOT NULL",
        )?
        .execute(params![year, agency_id, indicator, stage.as_str()])?;
    Ok(cleared > 0)
}

/// Scores in force of a stage: (agency code, indicator code) -> score.
pub fn current_scores(
    conn: &Connection,
    year: i32,
    stage: Stage,
) -> Result<HashMap<(String, String), StoredScore>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT a.code, s.indicator_code, s.input, s.score, s.evidence, s.comment, s.cell, s.entered_at, s.entered_by
         FROM ev_score s JOIN agency a ON a.id = s.agency_id WHERE s.year = ?1 AND s.stage = ?2 AND s.current = 1",
    )?;
    let rows = stmt.query_map(params![year, stage.as_str()], |r| {
        let input: String = r.get(2)?;
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
            StoredScore {
                input: serde_json::from_str(&input).unwrap_or(ScoreInput::Points { points: 0.0 }),
                score: r.get(3)?,
                evidence: r.get(4)?,
                comment: r.get(5)?,
                cell: r.get(6)?,
                entered_at: r.get(7)?,
                entered_by: r.get(8)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

/// The earlier scores of one (agency, indicator, stage), newest first.
pub fn history(
    conn: &Connection,
    year: i32,
    agency_code: &str,
    indicator: &str,
    stage: Stage,
) -> Result<Vec<StoredScore>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT s.input, s.score, s.evidence, s.comment, s.cell, s.entered_at, s.entered_by FROM ev_score s JOIN agency a ON a.id = s.agency_id
         WHERE s.year = ?1 AND a.code = ?2 AND s.indicator_code = ?3 AND s.stage = ?4 ORDER BY s.id DESC",
    )?;
    let rows = stmt.query_map(params![year, agency_code, indicator, stage.as_str()], |r| {
        Ok(StoredScore {
            input: serde_json::from_str(&r.get::<_, String>(0)?).unwrap_or(ScoreInput::Points { points: 0.0 }),
            score: r.get(1)?,
            evidence: r.get(2)?,
            comment: r.get(3)?,
            cell: r.get(4)?,
            entered_at: r.get(5)?,
            entered_by: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The limit past which an evaluator's departure from the self score needs a comment.
pub(super) fn departure_needs_comment(
    indicator: &Indicator,
    self_score: Option<f64>,
    evaluator: f64,
    departure_percent: f64,
) -> Option<(f64, f64)> {
    let own = self_score?;
    let limit = indicator.ceiling * departure_percent / 100.0;
    let departure = (evaluator - own).abs();
    (departure > limit + 1e-9).then_some((departure, limit))
}

/// The agency and indicator an input is for, and the score it earns (either stage's); refused
/// for an indicator the agency does not have or an input the indicator cannot take.
pub(super) struct Earned<'c> {
    pub agency_id: i64,
    pub code: String,
    pub name: String,
    pub indicator: &'c Indicator,
    pub score: f64,
}

pub(super) fn earned_by<'c>(
    conn: &Connection,
    catalog: &'c Catalog,
    agency_code: &str,
    indicator_code: &str,
    input: &ScoreInput,
) -> Result<Earned<'c>, EvaluationError> {
    let (agency_id, code, name) = agency_by_code(conn, agency_code)?;
    let indicator_code = indicator_code.trim().to_ascii_uppercase();
    let indicator = catalog
        .indicator(&indicator_code)
        .filter(|i| i.agencies.contains(&code))
        .ok_or_else(|| EvaluationError::UnknownIndicator { code: indicator_code.clone(), agency: name.clone() })?;
    let score = earned(indicator, input).map_err(|p| EvaluationError::InvalidScore {
        agency: name.clone(),
        indicator: indicator_code,
        message: p.message(),
    })?;
    Ok(Earned { agency_id, code, name, indicator, score })
}

/// An evaluator's input judged before it is stored: the score it earns, and the refusal a
/// missing comment would meet (the score departs too far from the agency's own).
struct Judged {
    agency_id: i64,
    agency_code: String,
    indicator_code: String,
    score: f64,
    comment_needed: Option<EvaluationError>,
    formula: Option<String>,
}

fn judge(
    conn: &Connection,
    year: i32,
    agency_code: &str,
    indicator_code: &str,
    input: &ScoreInput,
) -> Result<Judged, EvaluationError> {
    let settings = settings_of(conn, year)?;
    let catalog = catalog_of(conn, year)?;
    let Earned { agency_id, code, name, indicator, score } =
        earned_by(conn, &catalog, agency_code, indicator_code, input)?;
    let indicator_code = indicator.code.clone();
    let own: Option<f64> = conn
        .query_row(
            "SELECT score FROM ev_score WHERE year = ?1 AND agency_id = ?2 AND indicator_code = ?3 AND stage = 'self' AND current = 1",
            params![year, agency_id, indicator_code],
            |r| r.get(0),
        )
        .optional()?;
    let comment_needed =
        departure_needs_comment(indicator, own, score, settings.departure_percent).map(|(departure, _)| {
            EvaluationError::CommentRequired {
                agency: name.clone(),
                indicator: indicator_code.clone(),
                departure: format_decimal(departure, 2),
                limit: format!("{}٪", format_decimal(settings.departure_percent, 0)),
            }
        });
    let formula = formula(indicator, input);
    Ok(Judged { agency_id, agency_code: code, indicator_code, score, comment_needed, formula })
}

/// What the score dialog shows while the evaluator types: computed by the same code that
/// stores the score, so that the preview and the stored score cannot differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScorePreview {
    /// The score the input earns, rounded as it would be stored; null when it would be refused.
    pub score: Option<f64>,
    /// Why the input would be refused.
    pub refusal: Option<String>,
    /// The refusal a missing comment would meet: the score departs too far from the agency's own.
    pub comment_required: Option<String>,
    /// How a ratio score is computed, e.g. «۵۰ × ۸۵ ÷ ۹۰».
    pub formula: Option<String>,
}

/// The score `input` would earn, or why it would be refused; nothing is stored.
pub fn preview_score(
    conn: &Connection,
    year: i32,
    agency_code: &str,
    indicator_code: &str,
    input: &ScoreInput,
) -> Result<ScorePreview, EvaluationError> {
    match judge(conn, year, agency_code, indicator_code, input) {
        Ok(j) => Ok(ScorePreview {
            score: Some(j.score),
            refusal: None,
            comment_required: j.comment_needed.map(|e| e.to_string()),
            formula: j.formula,
        }),
        Err(e) if e.fault() == crate::Fault::User => {
            Ok(ScorePreview { score: None, refusal: Some(e.to_string()), comment_required: None, formula: None })
        }
        Err(e) => Err(e),
    }
}

/// Why no evaluator score can be entered today, if none can: the year is locked or the
/// evaluation phase is not open.
pub fn scoring_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    super::phases::ensure_open(conn, year, "evaluation", today)
}

/// Why the evaluator cannot score `agency_code` today, if not: what stops every score
/// ([`scoring_allowed`]), or the year's settings make the evaluators wait for the agency's
/// headquarters (seed step 9) and its confirmation is not recorded.
pub fn scoring_allowed_for(
    conn: &Connection,
    year: i32,
    agency_code: &str,
    today: JalaliDate,
) -> Result<(), EvaluationError> {
    scoring_allowed(conn, year, today)?;
    super::hq::ensure_confirmed_if_required(conn, year, agency_code)
}

/// Why no headquarters' confirmation can be recorded today, if none can.
pub fn hq_confirmation_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    super::phases::ensure_open(conn, year, "hq_confirmation", today)
}

/// The evaluator scores one indicator of one agency (in the app's grid or the CLI) while the
/// evaluation phase is open. The evaluator is the store's actor; the date is kept.
pub fn score_indicator(
    store: &mut Store,
    year: i32,
    agency_code: &str,
    indicator_code: &str,
    input: &ScoreInput,
    comment: &str,
    today: JalaliDate,
) -> Result<StoredScore, EvaluationError> {
    scoring_allowed_for(store.conn(), year, agency_code, today)?;
    let judged = judge(store.conn(), year, agency_code, indicator_code, input)?;
    let comment = normalize_text(comment);
    if let Some(needed) = judged.comment_needed.filter(|_| comment.is_empty()) {
        return Err(needed);
    }
    let (agency_id, code, indicator_code, score) =
        (judged.agency_id, judged.agency_code, judged.indicator_code, judged.score);
    let stored = StoredScore {
        input: input.clone(),
        score,
        evidence: String::new(),
        comment,
        cell: String::new(),
        entered_at: crate::store::now_iso(),
        entered_by: store.actor().to_string(),
    };
    store.write(|tx, actor| {
        let change =
            store_score(tx, year, agency_id, &indicator_code, Stage::Evaluator, &stored, &Provenance::typed(actor))?;
        if change != Change::Same {
            let key = format!("{year}/{code}/{indicator_code}");
            record_audit(tx, actor, &AuditEntry::new("ev_score", &key, "evaluator").new_value(&stored))?;
        }
        Ok::<_, EvaluationError>(())
    })?;
    Ok(stored)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HqConfirmation {
    pub agency_code: String,
    pub confirmed_on: String,
    pub reference: String,
}

/// Record that the agency's national headquarters confirmed its self-assessment.
pub fn confirm_hq(
    store: &mut Store,
    year: i32,
    agency_code: &str,
    confirmed_on: JalaliDate,
    reference: &str,
    today: JalaliDate,
) -> Result<(), EvaluationError> {
    hq_confirmation_allowed(store.conn(), year, today)?;
    let reference = super::hq::reference_of(reference)?;
    let (agency_id, code, _) = agency_by_code(store.conn(), agency_code)?;
    store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ev_hq_confirmation (year, agency_id, confirmed_on, reference, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (year, agency_id) DO UPDATE SET confirmed_on = excluded.confirmed_on, reference = excluded.reference,
             recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by",
            params![year, agency_id, confirmed_on.to_latin_string(), reference, crate::store::now_iso(), actor],
        )?;
        let key = format!("{year}/{code}");
        record_audit(tx, actor, &AuditEntry::new("ev_hq_confirmation", &key, "confirm").new_value((confirmed_on.to_latin_string(), &reference)))?;
        Ok(())
    })
}

pub fn hq_confirmations(conn: &Connection, year: i32) -> Result<HashMap<String, HqConfirmation>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT a.code, h.confirmed_on, h.reference FROM ev_hq_confirmation h JOIN agency a ON a.id = h.agency_id WHERE h.year = ?1",
    )?;
    let rows = stmt.query_map([year], |r| {
        let code: String = r.get(0)?;
        let on: String = r.get(1)?;
        Ok((
            code.clone(),
            HqConfirmation { agency_code: code, confirmed_on: JalaliDate::display_stored(&on), reference: r.get(2)? },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}
