//! Publishing the preliminary results (which fixes the objection window), objections filed
//! by agencies once per indicator inside the window, and the evaluators' decisions.

use super::catalog::catalog_of;
use super::results::{results, AgencyResult, Basis};
use super::scores::{current_scores, Stage};
use super::scoring::round2;
use super::{agency_by_code, settings_of, EvaluationError};
use crate::fa::{format_decimal, normalize_text, JalaliDate};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Preliminary {
    pub published_on: String,
    pub window_opens: String,
    pub window_closes: String,
}

pub fn preliminary(conn: &Connection, year: i32) -> Result<Option<Preliminary>, EvaluationError> {
    Ok(conn
        .query_row(
            "SELECT published_on, window_opens, window_closes FROM ev_preliminary WHERE year = ?1",
            [year],
            |r| {
                let date = |i: usize| r.get::<_, String>(i).map(|d| JalaliDate::display_stored(&d));
                Ok(Preliminary { published_on: date(0)?, window_opens: date(1)?, window_closes: date(2)? })
            },
        )
        .optional()?)
}

/// The preliminary results as published.
pub fn published_results(conn: &Connection, year: i32) -> Result<Option<Vec<AgencyResult>>, EvaluationError> {
    let json: Option<String> =
        conn.query_row("SELECT results FROM ev_preliminary WHERE year = ?1", [year], |r| r.get(0)).optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Why the preliminary results cannot be published today, if they cannot: the year is locked,
/// they were published already, the phase is not open, or an evaluator score is missing.
pub fn publish_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    if let Some(p) = preliminary(conn, year)? {
        return Err(EvaluationError::AlreadyPublished { year, published: p.published_on });
    }
    super::phases::ensure_open(conn, year, "preliminary", today)?;
    let catalog = catalog_of(conn, year)?;
    let scored = current_scores(conn, year, Stage::Evaluator)?;
    let names: std::collections::HashMap<String, String> =
        super::results::agency_refs(conn)?.into_iter().map(|a| (a.code, a.name)).collect();
    let mut missing = Vec::new();
    for indicator in &catalog.indicators {
        for agency in &indicator.agencies {
            if !scored.contains_key(&(agency.clone(), indicator.code.clone())) {
                missing.push(format!(
                    "{}: شاخص «{}»",
                    names.get(agency).cloned().unwrap_or_else(|| agency.clone()),
                    indicator.code
                ));
            }
        }
    }
    if !missing.is_empty() {
        missing.sort();
        return Err(EvaluationError::ScoresMissing { missing });
    }
    Ok(())
}

/// Publish the preliminary results today: every indicator of every agency must have an
/// evaluator score. The objection window opens today for the settings' number of days.
pub fn publish_preliminary(store: &mut Store, year: i32, today: JalaliDate) -> Result<Preliminary, EvaluationError> {
    publish_allowed(store.conn(), year, today)?;
    let settings = settings_of(store.conn(), year)?;
    let results = results(store.conn(), year, Basis::Preliminary)?;
    let closes = today.add_days(i64::from(settings.objection_window_days) - 1);
    store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ev_preliminary (year, published_on, window_opens, window_closes, results, published_at, published_by) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)",
            params![year, today.to_latin_string(), closes.to_latin_string(), serde_json::to_string(&results).expect("results serialize"), crate::store::now_iso(), actor],
        )?;
        // Publishing ends the preliminary phase; the window is the objection phase.
        tx.execute("UPDATE ev_phase SET ends_on = max(starts_on, ?2) WHERE year = ?1 AND code = 'preliminary'", params![year, today.to_latin_string()])?;
        tx.execute(
            "UPDATE ev_phase SET starts_on = ?2, ends_on = ?3 WHERE year = ?1 AND code = 'objection'",
            params![year, today.to_latin_string(), closes.to_latin_string()],
        )?;
        record_audit(tx, actor, &AuditEntry::new("ev_preliminary", &year.to_string(), "publish").new_value((today.to_latin_string(), closes.to_latin_string())))?;
        Ok::<_, EvaluationError>(())
    })?;
    Ok(Preliminary {
        published_on: today.to_string(),
        window_opens: today.to_string(),
        window_closes: closes.to_string(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accepted,
    Partly,
    Rejected,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Partly => "partly",
            Self::Rejected => "rejected",
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::Accepted => "پذیرفته",
            Self::Partly => "بخشی پذیرفته",
            Self::Rejected => "رد",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        let key = crate::fa::comparison_key(text);
        [Self::Accepted, Self::Partly, Self::Rejected]
            .into_iter()
            .find(|d| d.as_str() == key || crate::fa::comparison_key(d.persian()) == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Objection {
    #[ts(type = "number")]
    pub id: i64,
    pub agency_code: String,
    pub agency_name: String,
    pub indicator_code: String,
    pub indicator_title: String,
    pub ceiling: f64,
    /// The evaluator's score objected to.
    pub evaluator_score: Option<f64>,
    /// What the agency claimed in its self-assessment: the score an accepted objection grants.
    pub claimed_score: Option<f64>,
    pub reason: String,
    pub evidence: String,
    pub filed_on: String,
    pub filed_by: String,
    pub decision: Option<Decision>,
    pub new_score: Option<f64>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

pub fn objections(conn: &Connection, year: i32) -> Result<Vec<Objection>, EvaluationError> {
    let evaluator = current_scores(conn, year, Stage::Evaluator)?;
    let claimed = current_scores(conn, year, Stage::SelfAssessment)?;
    let mut stmt = conn.prepare(
        "SELECT o.id, a.code, a.name, o.indicator_code, i.title, i.ceiling, o.reason, o.evidence, o.filed_on, o.filed_by,
                o.decision, o.new_score, o.decision_reason, o.decided_by, o.decided_at
         FROM ev_objection o JOIN agency a ON a.id = o.agency_id JOIN ev_indicator i ON i.year = o.year AND i.code = o.indicator_code
         WHERE o.year = ?1 ORDER BY o.id",
    )?;
    let rows = stmt.query_map([year], |r| {
        let agency_code: String = r.get(1)?;
        let indicator_code: String = r.get(3)?;
        Ok(Objection {
            id: r.get(0)?,
            evaluator_score: evaluator.get(&(agency_code.clone(), indicator_code.clone())).map(|s| s.score),
            claimed_score: claimed.get(&(agency_code.clone(), indicator_code.clone())).map(|s| s.score),
            agency_code,
            agency_name: r.get(2)?,
            indicator_code,
            indicator_title: r.get(4)?,
            ceiling: r.get(5)?,
            reason: r.get(6)?,
            evidence: r.get(7)?,
            filed_on: JalaliDate::display_stored(&r.get::<_, String>(8)?),
            filed_by: r.get(9)?,
            decision: r.get::<_, Option<String>>(10)?.as_deref().and_then(Decision::parse),
            new_score: r.get(11)?,
            decision_reason: r.get(12)?,
            decided_by: r.get(13)?,
            decided_at: r.get::<_, Option<String>>(14)?.map(|t| crate::store::jalali_of_iso(&t)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Why no objection can be filed today, if none can: the year is locked, the preliminary
/// results are not published, or today is outside the window (and the objection phase is not
/// reopened).
pub fn filing_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    let (opens, closes) = conn
        .query_row("SELECT window_opens, window_closes FROM ev_preliminary WHERE year = ?1", [year], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?
        .ok_or(EvaluationError::NotPublished { year })?;
    let (opens, closes) = (JalaliDate::parse(&opens).expect("stored"), JalaliDate::parse(&closes).expect("stored"));
    let in_window = opens <= today && today <= closes;
    if !in_window && super::phases::ensure_open(conn, year, "objection", today).is_err() {
        return Err(EvaluationError::ObjectionOutsideWindow {
            opens: opens.to_string(),
            closes: closes.to_string(),
            today: today.to_string(),
        });
    }
    Ok(())
}

/// File an agency's objection to one indicator's preliminary score, inside the window.
/// It cannot be edited afterwards (the file's triggers refuse it too).
pub fn file_objection(
    store: &mut Store,
    year: i32,
    agency_code: &str,
    indicator_code: &str,
    reason: &str,
    evidence: &str,
    today: JalaliDate,
) -> Result<Objection, EvaluationError> {
    filing_allowed(store.conn(), year, today)?;
    let reason = normalize_text(reason);
    if reason.is_empty() {
        return Err(EvaluationError::ObjectionReasonRequired);
    }
    let (agency_id, code, name) = agency_by_code(store.conn(), agency_code)?;
    let indicator_code = indicator_code.trim().to_ascii_uppercase();
    let catalog = catalog_of(store.conn(), year)?;
    if !catalog.indicator(&indicator_code).is_some_and(|i| i.agencies.contains(&code)) {
        return Err(EvaluationError::UnknownIndicator { code: indicator_code, agency: name });
    }
    let exists = store
        .conn()
        .query_row(
            "SELECT 1 FROM ev_objection WHERE year = ?1 AND agency_id = ?2 AND indicator_code = ?3",
            params![year, agency_id, indicator_code],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if exists {
        return Err(EvaluationError::DuplicateObjection { agency: name, indicator: indicator_code });
    }
    let id = store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ev_objection (year, agency_id, indicator_code, reason, evidence, filed_on, filed_at, filed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![year, agency_id, indicator_code, reason, normalize_text(evidence), today.to_latin_string(), crate::store::now_iso(), actor],
        )?;
        let id = tx.last_insert_rowid();
        record_audit(tx, actor, &AuditEntry::new("ev_objection", &id.to_string(), "file").new_value((&code, &indicator_code, &reason)))?;
        Ok::<_, EvaluationError>(id)
    })?;
    Ok(objections(store.conn(), year)?.into_iter().find(|o| o.id == id).expect("just filed"))
}

/// The score a decision gives, or why it cannot be taken. Every decision states its reason (it
/// is sent to the agency). Accepted grants the agency's claim: the score becomes what it
/// claimed in its self-assessment unless another is given, never below the evaluator's.
/// Partly accepted needs a score above the evaluator's. Rejected keeps the evaluator's score.
fn decided_score(
    objection: &Objection,
    decision: Decision,
    new_score: Option<f64>,
    reason: &str,
) -> Result<Option<f64>, EvaluationError> {
    if reason.is_empty() {
        return Err(EvaluationError::ReasonRequired);
    }
    let ceiling = objection.ceiling;
    let evaluator = objection.evaluator_score.unwrap_or(0.0);
    let score = match decision {
        Decision::Rejected => return Ok(None),
        Decision::Accepted => new_score.or(objection.claimed_score),
        Decision::Partly => new_score,
    };
    let score = score.ok_or_else(|| EvaluationError::NewScoreRequired { ceiling: format_decimal(ceiling, 2) })?;
    if !score.is_finite() || !(0.0..=ceiling + 1e-9).contains(&score) {
        return Err(EvaluationError::NewScoreOutOfRange {
            score: format_decimal(score, 2),
            ceiling: format_decimal(ceiling, 2),
        });
    }
    match decision {
        Decision::Accepted if score < evaluator - 1e-9 => {
            Err(EvaluationError::AcceptedBelowEvaluator { evaluator: format_decimal(evaluator, 2) })
        }
        Decision::Partly if score <= evaluator => {
            Err(EvaluationError::PartlyNeedsBetterScore { evaluator: format_decimal(evaluator, 2) })
        }
        _ => Ok(Some(round2(score))),
    }
}

/// Why no objection can be decided today, if none can: the year is locked, or neither the
/// objection nor the re-scoring phase is open.
pub fn deciding_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::ensure_not_locked(conn, year)?;
    if super::phases::ensure_open(conn, year, "objection", today).is_err() {
        super::phases::ensure_open(conn, year, "rescoring", today)?;
    }
    Ok(())
}

/// The evaluators' decision on an objection, while the objection or re-scoring phase is open.
/// Accepted needs a new score within the ceiling; partly accepted a score above the
/// evaluator's; rejected a reason. A changed decision keeps the earlier one in the log.
pub fn decide(
    store: &mut Store,
    year: i32,
    id: i64,
    decision: Decision,
    new_score: Option<f64>,
    reason: &str,
    today: JalaliDate,
) -> Result<Objection, EvaluationError> {
    deciding_allowed(store.conn(), year, today)?;
    let objection = objections(store.conn(), year)?
        .into_iter()
        .find(|o| o.id == id)
        .ok_or(EvaluationError::UnknownObjection { id })?;
    let reason = normalize_text(reason);
    let new_score = decided_score(&objection, decision, new_score, &reason)?;
    store.write(|tx, actor| {
        tx.execute(
            "UPDATE ev_objection SET decision = ?2, new_score = ?3, decision_reason = ?4, decided_at = ?5, decided_by = ?6 WHERE id = ?1",
            params![id, decision.as_str(), new_score, Some(reason.clone()).filter(|r| !r.is_empty()), crate::store::now_iso(), actor],
        )?;
        let old = objection.decision.map(|d| (d.as_str(), objection.new_score, objection.decision_reason.clone()));
        record_audit(tx, actor, &AuditEntry::new("ev_objection", &id.to_string(), "decide").old(old).new_value((decision.as_str(), new_score, &reason)))?;
        Ok::<_, EvaluationError>(())
    })?;
    Ok(objections(store.conn(), year)?.into_iter().find(|o| o.id == id).expect("exists"))
}

/// Find an objection by agency and indicator (the CLI names them so).
pub fn objection_id(
    conn: &Connection,
    year: i32,
    agency_code: &str,
    indicator_code: &str,
) -> Result<i64, EvaluationError> {
    let (agency_id, _, _) = agency_by_code(conn, agency_code)?;
    conn.query_row(
        "SELECT id FROM ev_objection WHERE year = ?1 AND agency_id = ?2 AND indicator_code = ?3",
        params![year, agency_id, indicator_code.trim().to_ascii_uppercase()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(EvaluationError::UnknownObjection { id: 0 })
}

#[cfg(test)]
mod decision_tests {
    use super::*;

    fn filed(evaluator: f64, claimed: Option<f64>) -> Objection {
        Objection {
            id: 1,
            agency_code: "101".into(),
            agency_name: "الف".into(),
            indicator_code: "G10".into(),
            indicator_title: "ساختار".into(),
            ceiling: 40.0,
            evaluator_score: Some(evaluator),
            claimed_score: claimed,
            reason: "ساختار تازه ثبت نشده بود".into(),
            evidence: String::new(),
            filed_on: String::new(),
            filed_by: String::new(),
            decision: None,
            new_score: None,
            decision_reason: None,
            decided_by: None,
            decided_at: None,
        }
    }

    fn code(r: Result<Option<f64>, EvaluationError>) -> &'static str {
        use crate::Problem;
        r.err().map_or("ok", |e| e.code())
    }

    #[test]
    fn accepting_grants_the_claim_and_never_lowers_the_score() {
        let o = filed(20.0, Some(36.0));
        assert_eq!(decided_score(&o, Decision::Accepted, None, "مستندات پذیرفته شد").unwrap(), Some(36.0));
        assert_eq!(decided_score(&o, Decision::Accepted, Some(30.0), "بخشی از مستندات").unwrap(), Some(30.0));
        let lower = decided_score(&o, Decision::Accepted, Some(10.0), "دلیل");
        assert_eq!(code(lower), "evaluation.objection.accepted_below_evaluator");
        let nothing_claimed = decided_score(&filed(20.0, None), Decision::Accepted, None, "دلیل");
        assert_eq!(code(nothing_claimed), "evaluation.objection.new_score_required");
    }

    #[test]
    fn every_decision_states_its_reason() {
        let o = filed(20.0, Some(36.0));
        for decision in [Decision::Accepted, Decision::Partly, Decision::Rejected] {
            assert_eq!(code(decided_score(&o, decision, Some(30.0), "")), "evaluation.reason_required");
        }
        assert_eq!(decided_score(&o, Decision::Rejected, None, "هدف مصوب ملاک است").unwrap(), None);
    }

    #[test]
    fn partly_needs_a_score_above_the_evaluators_within_the_ceiling() {
        let o = filed(20.0, Some(36.0));
        assert_eq!(code(decided_score(&o, Decision::Partly, Some(20.0), "بخشی")), "evaluation.objection.partly_score");
        assert_eq!(
            code(decided_score(&o, Decision::Partly, Some(41.0), "بخشی")),
            "evaluation.objection.new_score_out_of_range"
        );
        assert_eq!(
            code(decided_score(&o, Decision::Partly, Some(f64::NAN), "بخشی")),
            "evaluation.objection.new_score_out_of_range"
        );
        assert_eq!(decided_score(&o, Decision::Partly, Some(25.0), "بخشی").unwrap(), Some(25.0));
    }
}
