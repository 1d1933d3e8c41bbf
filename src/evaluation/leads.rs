//! Indicators measured by another agency (seed §8): a lead agency (دستگاه سنجش) scores some
//! general indicators for every agency. Its returned workbook is checked like an agency's and
//! lands whole or not at all; each agency's score is kept as the evidence evaluators see, and,
//! when the year's settings say so, also becomes the evaluator's score (audited, within the
//! evaluation phase). The overview says which leads have not replied.

use super::catalog::catalog_of;
use super::intake::{read_identity, read_rows, refused, score_of, EvalIntakeResult, NoScore, RowKey, RowKeys, Typed};
use super::lead_workbook::{lead_ref, LeadRef, AGENCY_HEADER, LEAD_PERSIAN, LEAD_PURPOSE, LEAD_SHIFT};
use super::model::{Catalog, Indicator};
use super::scores::{store_score, Stage, StoredScore};
use super::scoring::{describe, ScoreInput};
use super::workbook::{EvalIdentity, Purpose};
use super::{settings_of, EvaluationError};
use crate::fa::JalaliDate;
use crate::issued::cells::InputCells;
use crate::issued::{file_sha256, import_each, Change, IntakeStatus, IssuedError, Provenance, Service};
use crate::sheets::WorkbookReader;
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

const SERVICE: Service = Service::Evaluation;

/// Where a lead agency stands: its indicators, whether its workbook went out and came back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LeadStatus {
    pub code: String,
    pub name: String,
    /// The codes of the indicators it scores.
    pub indicators: Vec<String>,
    /// Rows of (agency, indicator) it is asked for.
    pub asked: u32,
    pub issued: bool,
    /// When its latest workbook was taken in (Jalali date and time), if one was.
    pub replied_at: Option<String>,
    /// Agencies' scores it sent, in force.
    pub scored: u32,
}

/// Every lead agency of the year's catalog, in catalog order.
pub fn lead_statuses(conn: &Connection, year: i32, catalog: &Catalog) -> Result<Vec<LeadStatus>, EvaluationError> {
    let mut out = Vec::new();
    for code in catalog.leads() {
        let lead = lead_ref(conn, code)?;
        let indicators: Vec<&Indicator> = catalog.of_lead(code).collect();
        let issued: bool = conn
            .query_row(
                "SELECT 1 FROM ev_lead_workbook_issued WHERE year = ?1 AND lead_agency_id = ?2 LIMIT 1",
                params![year, lead.id],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        let replied_at: Option<String> = conn.query_row(
            "SELECT max(received_at) FROM ev_lead_submission WHERE year = ?1 AND lead_agency_id = ?2",
            params![year, lead.id],
            |r| r.get(0),
        )?;
        let scored: u32 = conn.query_row(
            "SELECT count(*) FROM ev_lead_score WHERE year = ?1 AND lead_agency_id = ?2",
            params![year, lead.id],
            |r| r.get(0),
        )?;
        out.push(LeadStatus {
            code: lead.code,
            name: lead.name,
            indicators: indicators.iter().map(|i| i.code.clone()).collect(),
            asked: indicators.iter().map(|i| i.agencies.len() as u32).sum(),
            issued,
            replied_at: replied_at.as_deref().map(crate::store::jalali_of_iso),
            scored,
        });
    }
    Ok(out)
}

/// What a lead agency said of one agency's indicator: the evidence beside the scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LeadEvidence {
    pub lead_code: String,
    pub lead_name: String,
    /// Null until the lead's workbook brings a score for this agency.
    pub score: Option<f64>,
    /// What was typed, described («مقدار ۸۵»).
    pub input: Option<String>,
    pub note: String,
    pub file_name: Option<String>,
    pub received_at: Option<String>,
}

/// The leads' scores of a year: (agency code, indicator code) -> evidence.
pub fn lead_scores(conn: &Connection, year: i32) -> Result<HashMap<RowKey, LeadEvidence>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT a.code, s.indicator_code, l.code, l.name, s.input, s.score, s.note, u.file_name, s.entered_at
         FROM ev_lead_score s JOIN agency a ON a.id = s.agency_id JOIN agency l ON l.id = s.lead_agency_id
         JOIN ev_lead_submission u ON u.id = s.submission_id WHERE s.year = ?1",
    )?;
    let rows = stmt.query_map([year], |r| {
        let input: Option<ScoreInput> = serde_json::from_str(&r.get::<_, String>(4)?).ok();
        Ok((
            (r.get(0)?, r.get(1)?),
            LeadEvidence {
                lead_code: r.get(2)?,
                lead_name: r.get(3)?,
                input: input.as_ref().map(describe),
                score: Some(r.get(5)?),
                note: r.get(6)?,
                file_name: Some(r.get(7)?),
                received_at: Some(crate::store::jalali_of_iso(&r.get::<_, String>(8)?)),
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The evidence row of an indicator with a lead but no score from it yet.
pub(super) fn awaited(conn: &Connection, lead_code: &str) -> Result<LeadEvidence, EvaluationError> {
    let lead = lead_ref(conn, lead_code)?;
    Ok(LeadEvidence {
        lead_code: lead.code,
        lead_name: lead.name,
        score: None,
        input: None,
        note: String::new(),
        file_name: None,
        received_at: None,
    })
}

/// Why no lead workbook can be taken in today, if none can: the year is locked, no indicator
/// has a lead, or the phase is not open — the evaluation phase when the leads' scores become
/// the evaluators' (the guard of typed scores), else any of self-assessment to evaluation.
pub fn lead_intake_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    if catalog_of(conn, year)?.leads().is_empty() {
        return Err(EvaluationError::NoLeads { year });
    }
    if settings_of(conn, year)?.lead_score_as_evaluator {
        return super::scores::scoring_allowed(conn, year, today);
    }
    let open =
        ["self_assessment", "hq_confirmation"].iter().any(|p| super::phases::ensure_open(conn, year, p, today).is_ok());
    if open {
        return Ok(());
    }
    super::phases::ensure_open(conn, year, "evaluation", today)
}

/// What taking in one lead workbook did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LeadIntakeResult {
    /// The lead agency is the workbook's agency; the scores are the agencies' lead scores.
    #[serde(flatten)]
    pub intake: EvalIntakeResult,
    /// Evaluator scores set from the lead's (when the year's settings say so) that changed.
    pub evaluator_scores: u32,
}

/// Take in returned lead workbooks, one transaction each; a refused file does not stop the
/// others. `progress(done, total, file)` is called before each file.
pub fn import_lead_workbooks(
    store: &mut Store,
    year: i32,
    paths: &[PathBuf],
    today: JalaliDate,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<Vec<LeadIntakeResult>, EvaluationError> {
    lead_intake_allowed(store.conn(), year, today)?;
    let catalog = catalog_of(store.conn(), year)?;
    let as_evaluator = settings_of(store.conn(), year)?.lead_score_as_evaluator;
    import_each(
        paths,
        progress,
        |path| import_one(store, year, &catalog, as_evaluator, path),
        |file, e| LeadIntakeResult { intake: refused(file, e), evaluator_scores: 0 },
    )
}

fn import_one(
    store: &mut Store,
    year: i32,
    catalog: &Catalog,
    as_evaluator: bool,
    path: &Path,
) -> Result<LeadIntakeResult, EvaluationError> {
    let sha = file_sha256(path)?;
    let mut workbook = WorkbookReader::open(path)?;
    let file = workbook.file_name().to_string();
    let identity = read_identity(&mut workbook)?;
    check_issued(store.conn(), &identity, year, &file)?;
    let lead = lead_ref(store.conn(), &identity.stamp.agency_code)?;
    if catalog.of_lead(&lead.code).next().is_none() {
        let leads = catalog.leads().iter().map(|l| l.to_string()).collect();
        return Err(EvaluationError::NotALead { year, code: lead.code, name: lead.name, leads });
    }
    let unchanged = store
        .conn()
        .query_row(
            "SELECT 1 FROM ev_lead_submission WHERE year = ?1 AND lead_agency_id = ?2 AND file_sha256 = ?3",
            params![year, lead.id, sha],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    let rows: Vec<(RowKey, &Indicator)> = catalog
        .of_lead(&lead.code)
        .flat_map(|i| i.agencies.iter().map(move |a| ((a.clone(), i.code.clone()), i)))
        .collect();
    let keyed: HashMap<RowKey, &Indicator> = rows.iter().cloned().collect();
    let mut cells = InputCells::default();
    let keys = RowKeys { first_header: AGENCY_HEADER, shift: LEAD_SHIFT };
    let typed = read_rows(store.conn(), &mut workbook, &identity, keys, &keyed, &mut cells)?;
    let (scores, empty) = judge(&rows, &typed, &mut cells);
    cells.verdict(SERVICE, &file, &lead.name)?;
    let mut result = LeadIntakeResult {
        intake: EvalIntakeResult {
            file_name: file.clone(),
            status: if unchanged { IntakeStatus::Unchanged } else { IntakeStatus::Imported },
            agency_code: Some(lead.code.clone()),
            agency_name: Some(lead.name.clone()),
            scores_read: scores.len() as u32,
            new_scores: 0,
            changed_scores: 0,
            cleared_scores: 0,
            refusal: None,
        },
        evaluator_scores: 0,
    };
    if !unchanged {
        let submission = LeadSubmission { year, lead: &lead, file: &file, sha: &sha, as_evaluator };
        store_submission(store, &submission, (&scores, &empty), &mut result)?;
    }
    Ok(result)
}

/// Refuse a workbook this province file did not issue as a lead workbook of this year.
fn check_issued(conn: &Connection, identity: &EvalIdentity, year: i32, file: &str) -> Result<(), EvaluationError> {
    let stamp = &identity.stamp;
    let (file, agency) = (file.to_string(), stamp.agency_name.clone());
    let issued = |table: &str| -> Result<bool, EvaluationError> {
        let sql = format!("SELECT 1 FROM {table} WHERE digest = ?1");
        Ok(conn.query_row(&sql, [&stamp.digest], |_| Ok(())).optional()?.is_some())
    };
    if identity.purpose != LEAD_PURPOSE || !issued("ev_lead_workbook_issued")? {
        // An agency's own workbook brought here: say which it is.
        if let (Some(purpose), true) = (Purpose::parse(&identity.purpose), issued("ev_workbook_issued")?) {
            let found = purpose.persian().into();
            return Err(EvaluationError::WrongPurpose { file, found, expected: LEAD_PERSIAN.into() });
        }
        return Err(IssuedError::NotIssued { service: SERVICE, file, agency }.into());
    }
    if stamp.year != year {
        let (found, expected) = (stamp.year, year);
        return Err(IssuedError::WrongYear { service: SERVICE, file, agency, found, expected }.into());
    }
    Ok(())
}

/// The (agency, indicator) rows scored, in the workbook's order, and those left empty; every
/// problem goes to `cells`.
fn judge(
    rows: &[(RowKey, &Indicator)],
    typed: &HashMap<RowKey, Typed>,
    cells: &mut InputCells,
) -> (Vec<(RowKey, StoredScore)>, Vec<RowKey>) {
    let (mut scores, mut empty) = (Vec::new(), Vec::new());
    for (key, indicator) in rows {
        let Some(t) = typed.get(key) else { continue };
        match score_of(indicator, t, cells) {
            Ok((input, score, cell)) => {
                let stored = StoredScore {
                    input,
                    score,
                    evidence: t.note(),
                    comment: String::new(),
                    cell,
                    entered_at: String::new(),
                    entered_by: String::new(),
                };
                scores.push((key.clone(), stored));
            }
            Err(NoScore::Empty) => empty.push(key.clone()),
            Err(NoScore::Refused) => {}
        }
    }
    (scores, empty)
}

/// One returned lead workbook being stored.
struct LeadSubmission<'a> {
    year: i32,
    lead: &'a LeadRef,
    file: &'a str,
    sha: &'a str,
    as_evaluator: bool,
}

/// The submission, its lead scores (and, by the setting, the evaluators' scores) in one
/// transaction, what its empty rows clear cleared, audited; `result` counts what changed.
fn store_submission(
    store: &mut Store,
    s: &LeadSubmission,
    (scores, empty): (&[(RowKey, StoredScore)], &[RowKey]),
    result: &mut LeadIntakeResult,
) -> Result<(), EvaluationError> {
    let ids = agency_ids(store.conn())?;
    store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ev_lead_submission (year, lead_agency_id, file_name, file_sha256, received_at, received_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![s.year, s.lead.id, s.file, s.sha, crate::store::now_iso(), actor],
        )?;
        let submission = tx.last_insert_rowid();
        for ((agency, indicator), score) in scores {
            let agency_id = ids[agency];
            match store_lead_score(tx, s, agency_id, indicator, score, (submission, actor))? {
                Change::New => result.intake.new_scores += 1,
                Change::Changed => result.intake.changed_scores += 1,
                Change::Same => {}
            }
            if s.as_evaluator && as_evaluator_score(tx, s, (agency_id, agency), indicator, score, actor)? {
                result.evaluator_scores += 1;
            }
        }
        for (agency, indicator) in empty {
            let cleared = tx.execute(
                "DELETE FROM ev_lead_score WHERE year = ?1 AND agency_id = ?2 AND indicator_code = ?3",
                params![s.year, ids[agency], indicator],
            )?;
            result.intake.cleared_scores += cleared as u32;
        }
        let i = &result.intake;
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_lead_submission", &format!("{}/{}", s.year, s.lead.code), "import").new_value((
                s.file,
                i.scores_read,
                i.new_scores,
                i.changed_scores,
                i.cleared_scores,
                result.evaluator_scores,
            )),
        )?;
        Ok::<_, EvaluationError>(())
    })
}

fn agency_ids(conn: &Connection) -> Result<HashMap<String, i64>, EvaluationError> {
    let mut stmt = conn.prepare("SELECT code, id FROM agency")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Keep the lead's score of (agency, indicator), replacing an earlier one (kept in the audit).
fn store_lead_score(
    conn: &Connection,
    s: &LeadSubmission,
    agency_id: i64,
    indicator: &str,
    score: &StoredScore,
    (submission, actor): (i64, &str),
) -> Result<Change, EvaluationError> {
    crate::issued::cells::bounded(score.score)
        .map_err(|m| rusqlite::Error::ToSqlConversionFailure(format!("{indicator}: {m}").into()))?;
    let input = serde_json::to_string(&score.input).expect("input serializes");
    let old: Option<(String, f64, String)> = conn
        .query_row(
            "SELECT input, score, note FROM ev_lead_score WHERE year = ?1 AND agency_id = ?2 AND indicator_code = ?3",
            params![s.year, agency_id, indicator],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let change = match &old {
        Some((i, v, n)) if *i == input && *v == score.score && *n == score.evidence => return Ok(Change::Same),
        Some(_) => Change::Changed,
        None => Change::New,
    };
    conn.execute(
        "INSERT INTO ev_lead_score (year, agency_id, indicator_code, lead_agency_id, input, score, note, submission_id, cell, entered_at, entered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (year, agency_id, indicator_code) DO UPDATE SET lead_agency_id = excluded.lead_agency_id,
         input = excluded.input, score = excluded.score, note = excluded.note, submission_id = excluded.submission_id,
         cell = excluded.cell, entered_at = excluded.entered_at, entered_by = excluded.entered_by",
        params![
            s.year,
            agency_id,
            indicator,
            s.lead.id,
            input,
            score.score,
            score.evidence,
            submission,
            score.cell,
            crate::store::now_iso(),
            actor
        ],
    )?;
    Ok(change)
}

/// Put the lead's score in force as the evaluator's, with a comment naming the lead and the
/// file; audited as an evaluator's score. Whether it changed anything.
fn as_evaluator_score(
    conn: &Connection,
    s: &LeadSubmission,
    (agency_id, agency_code): (i64, &str),
    indicator: &str,
    score: &StoredScore,
    actor: &str,
) -> Result<bool, EvaluationError> {
    let mut comment = format!("امتیاز دستگاه سنجش «{}» ({})", s.lead.name, s.file);
    if !score.evidence.is_empty() {
        comment = format!("{comment}: {}", score.evidence);
    }
    let stored = StoredScore {
        input: score.input.clone(),
        score: score.score,
        evidence: String::new(),
        comment,
        cell: score.cell.clone(),
        entered_at: crate::store::now_iso(),
        entered_by: actor.to_string(),
    };
    let from = Provenance { source: "lead", submission_id: None, cell: &score.cell, actor };
    if store_score(conn, s.year, agency_id, indicator, Stage::Evaluator, &stored, &from)? == Change::Same {
        return Ok(false);
    }
    let key = format!("{}/{agency_code}/{indicator}", s.year);
    let entry = AuditEntry::new("ev_score", &key, "evaluator").new_value(&stored).reason(Some(&stored.comment));
    record_audit(conn, actor, &entry)?;
    Ok(true)
}
