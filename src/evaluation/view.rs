//! What the evaluation screen shows: where the year stands and what is left to do, an
//! agency's scores beside each other, and the results.

use super::actions::{evaluation_actions, EvalActions};
use super::approval::{approvals, approved_results, Approval};
use super::catalog::catalog_of;
use super::committees::{members, Member};
use super::leads::{awaited, lead_scores, lead_statuses, LeadEvidence, LeadStatus};
use super::model::{Catalog, IndicatorKind, Method};
use super::national::{national_tiering, NationalTiering};
use super::objections::{objections, preliminary, Decision, Objection, Preliminary};
use super::phases::{phases, Phase};
use super::results::{results, tier_counts, AgencyResult, Basis};
use super::scores::{
    current_scores, departure_needs_comment, hq_confirmations, scoring_allowed_for, Stage, StoredScore,
};
use super::scoring::{describe, ScoreInput};
use super::{is_locked, settings_of, EvalSettings, EvaluationError};
use crate::action::Action;
use crate::fa::{format_integer, JalaliDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AgencyProgress {
    pub code: String,
    pub name: String,
    pub group: String,
    pub indicators: u32,
    pub self_scored: u32,
    pub hq_confirmed: bool,
    pub evaluator_scored: u32,
    pub objections: u32,
    pub pending_objections: u32,
    /// The evaluator's scoring of this agency: disabled with why not (the phase, or the
    /// headquarters' confirmation the year's settings wait for).
    pub score: Action,
}

/// The parts of the evaluation screen a line of the to-do list can lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EvalView {
    Agencies,
    Results,
    Objections,
    Festival,
    /// The year's set-up: settings, committees, earlier results and the national tiering.
    Setup,
}

/// One thing left to do, and where on the screen it is done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Todo {
    pub text: String,
    pub view: Option<EvalView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvaluationOverview {
    pub year: i32,
    pub years: Vec<i32>,
    pub today: String,
    pub settings: EvalSettings,
    pub phases: Vec<Phase>,
    /// The phase whose dates hold today, if any.
    pub current_phase: Option<String>,
    pub has_catalog: bool,
    pub general: u32,
    pub specific: u32,
    pub development: u32,
    pub agencies: Vec<AgencyProgress>,
    /// Each evaluator team's progress (seed step 13); empty without teams.
    pub teams: Vec<super::teams::TeamProgress>,
    /// The codes of evaluated agencies in no team, once there are teams.
    pub unassigned: Vec<String>,
    pub committee: Vec<Member>,
    pub preliminary: Option<Preliminary>,
    pub approvals: Vec<Approval>,
    pub locked: bool,
    pub province_rank: Option<u32>,
    pub province_count: Option<u32>,
    /// The lead agencies (دستگاه سنجش) that score indicators for every agency, and whether
    /// they have replied.
    pub leads: Vec<LeadStatus>,
    /// What is left to do, in Persian, most urgent first.
    pub todo: Vec<Todo>,
    /// What can be done today, and why not.
    pub actions: EvalActions,
}

pub fn overview(conn: &Connection, year: i32, today: JalaliDate) -> Result<EvaluationOverview, EvaluationError> {
    let settings = settings_of(conn, year)?;
    let phases = phases(conn, year, today)?;
    let catalog = catalog_of(conn, year).ok();
    let agencies = match &catalog {
        Some(catalog) => agency_progress(conn, year, catalog, today)?,
        None => Vec::new(),
    };
    let count = |kind| catalog.as_ref().map_or(0, |c| c.indicators.iter().filter(|i| i.kind == kind).count() as u32);
    let preliminary = preliminary(conn, year)?;
    let locked = is_locked(conn, year)?;
    let national = national_tiering(conn, year)?;
    let committee = members(conn, year)?;
    let leads = match &catalog {
        Some(catalog) => lead_statuses(conn, year, catalog)?,
        None => Vec::new(),
    };
    let mut todo = todo(&agencies, catalog.is_some(), !committee.is_empty(), preliminary.is_some(), locked);
    // Once the preliminary results are out, a lead's missing reply no longer changes them.
    if !locked && preliminary.is_none() {
        todo.extend(leads_todo(&leads));
    }
    let teams = super::teams::progress(conn, year, &agencies)?;
    let unassigned = super::teams::unassigned(conn, year, &agencies)?;
    todo.extend(super::teams::todo_line(&unassigned, locked).map(|text| Todo { text, view: Some(EvalView::Setup) }));
    Ok(EvaluationOverview {
        year,
        years: super::years(conn)?,
        today: today.to_string(),
        current_phase: phases.iter().rev().find(|p| p.current).map(|p| p.code.clone()),
        settings,
        phases,
        has_catalog: catalog.is_some(),
        general: count(IndicatorKind::General),
        specific: count(IndicatorKind::Specific),
        development: count(IndicatorKind::Development),
        agencies,
        teams,
        unassigned,
        committee,
        preliminary,
        approvals: approvals(conn, year)?,
        locked,
        province_rank: national.province_rank,
        province_count: national.province_count,
        leads,
        todo,
        actions: evaluation_actions(conn, year, today)?,
    })
}

/// Each evaluated agency's progress: indicators, scores entered, confirmation, objections.
fn agency_progress(
    conn: &Connection,
    year: i32,
    catalog: &Catalog,
    today: JalaliDate,
) -> Result<Vec<AgencyProgress>, EvaluationError> {
    let own = current_scores(conn, year, Stage::SelfAssessment)?;
    let evaluator = current_scores(conn, year, Stage::Evaluator)?;
    let hq = hq_confirmations(conn, year)?;
    let objections = objections(conn, year)?;
    let mut progress = Vec::new();
    for a in super::results::agency_refs(conn)? {
        let codes: Vec<&str> = catalog.of_agency(&a.code).map(|i| i.code.as_str()).collect();
        if codes.is_empty() {
            continue;
        }
        let count = |scores: &HashMap<(String, String), StoredScore>| {
            codes.iter().filter(|c| scores.contains_key(&(a.code.clone(), c.to_string()))).count() as u32
        };
        let mine: Vec<&Objection> = objections.iter().filter(|o| o.agency_code == a.code).collect();
        progress.push(AgencyProgress {
            indicators: codes.len() as u32,
            self_scored: count(&own),
            evaluator_scored: count(&evaluator),
            hq_confirmed: hq.contains_key(&a.code),
            objections: mine.len() as u32,
            pending_objections: mine.iter().filter(|o| o.decision.is_none()).count() as u32,
            score: Action::from_guard(scoring_allowed_for(conn, year, &a.code, today))?,
            code: a.code,
            name: a.name,
            group: a.group,
        });
    }
    Ok(progress)
}

/// What is left to do, most urgent first, each with the part of the screen where it is done.
fn todo(
    agencies: &[AgencyProgress],
    has_catalog: bool,
    has_committee: bool,
    published: bool,
    locked: bool,
) -> Vec<Todo> {
    let n = |v: usize| format_integer(v as i64);
    let mut todo = Vec::new();
    let mut push = |text: String, view: Option<EvalView>| todo.push(Todo { text, view });
    if !has_catalog {
        push("فهرست شاخص‌های سال را وارد کنید.".into(), None);
    }
    if !has_committee {
        push("اعضای دبیرخانه و کمیتهٔ راهبری را ثبت کنید.".into(), Some(EvalView::Setup));
    }
    if locked {
        // The council has approved: what was not done before it is no longer to do.
        return todo;
    }
    let no_self = agencies.iter().filter(|a| a.self_scored == 0).count();
    if has_catalog && no_self > 0 {
        push(format!("{} دستگاه هنوز خودارزیابی نفرستاده‌اند.", n(no_self)), Some(EvalView::Agencies));
    }
    let no_hq = agencies.iter().filter(|a| a.self_scored > 0 && !a.hq_confirmed).count();
    if no_hq > 0 {
        push(format!("تأیید ستاد ملی {} دستگاه ثبت نشده است.", n(no_hq)), Some(EvalView::Agencies));
    }
    let unscored: u32 = agencies.iter().map(|a| a.indicators - a.evaluator_scored).sum();
    if has_catalog && unscored > 0 {
        push(format!("{} امتیاز ارزیاب مانده است.", n(unscored as usize)), Some(EvalView::Agencies));
    }
    if has_catalog && unscored == 0 && !published {
        push("همهٔ شاخص‌ها امتیاز دارند؛ نتایج اولیه را اعلام کنید.".into(), Some(EvalView::Results));
    }
    let pending: u32 = agencies.iter().map(|a| a.pending_objections).sum();
    if pending > 0 {
        push(format!("{} اعتراض منتظر تصمیم است.", n(pending as usize)), Some(EvalView::Objections));
    }
    if published && pending == 0 && !locked {
        push("نتایج نهایی آمادهٔ تصویب در شورای توسعهٔ مدیریت است.".into(), Some(EvalView::Results));
    }
    todo
}

/// The lead agencies that have not sent their scores back, named (seed §8).
fn leads_todo(leads: &[LeadStatus]) -> Option<Todo> {
    let waiting: Vec<String> =
        leads.iter().filter(|l| l.replied_at.is_none()).map(|l| format!("«{}»", l.name)).collect();
    if waiting.is_empty() {
        return None;
    }
    let text = format!(
        "{} دستگاه سنجش هنوز امتیازهای شاخص‌هایی را که برای همه می‌سنجند نفرستاده‌اند: {}.",
        format_integer(waiting.len() as i64),
        waiting.join("، ")
    );
    Some(Todo { text, view: Some(EvalView::Agencies) })
}

/// One indicator of one agency: what the agency claimed, what the evaluator gave, any
/// objection and its outcome, and the score that counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoreRow {
    pub code: String,
    pub title: String,
    pub kind: IndicatorKind,
    pub axis: Option<String>,
    pub method: Method,
    pub ceiling: f64,
    pub target: Option<f64>,
    pub direction: Option<String>,
    pub unit: String,
    pub measures: Vec<super::Measure>,
    pub self_score: Option<f64>,
    pub self_input: Option<String>,
    pub evidence: String,
    pub evaluator_score: Option<f64>,
    pub evaluator_input: Option<String>,
    pub comment: String,
    pub evaluator: Option<String>,
    pub scored_at: Option<String>,
    pub objection: Option<Objection>,
    pub final_score: Option<f64>,
    /// The evaluator's input as entered, to start the score dialog from.
    pub evaluator_entry: Option<ScoreInput>,
    /// The evaluator's score departs from the agency's own by more than the settings allow
    /// without a comment.
    pub departs: bool,
    /// The lead agency that scores this indicator for every agency, and what it said (seed §8).
    pub lead: Option<LeadEvidence>,
}

pub fn agency_scores(conn: &Connection, year: i32, agency_code: &str) -> Result<Vec<ScoreRow>, EvaluationError> {
    let catalog = catalog_of(conn, year)?;
    let own = current_scores(conn, year, Stage::SelfAssessment)?;
    let evaluator = current_scores(conn, year, Stage::Evaluator)?;
    let objections = objections(conn, year)?;
    let code = crate::fa::to_latin_digits(agency_code.trim());
    let departure_percent = settings_of(conn, year)?.departure_percent;
    let mut from_leads = lead_scores(conn, year)?;
    catalog
        .of_agency(&code)
        .map(|i| {
            let lead = match &i.lead {
                Some(lead) => Some(match from_leads.remove(&(code.clone(), i.code.clone())) {
                    Some(evidence) => evidence,
                    None => awaited(conn, lead)?,
                }),
                None => None,
            };
            let key = (code.clone(), i.code.clone());
            let mine = own.get(&key);
            let theirs = evaluator.get(&key);
            let objection = objections.iter().find(|o| o.agency_code == code && o.indicator_code == i.code).cloned();
            let final_score = match &objection {
                Some(o) if matches!(o.decision, Some(Decision::Accepted | Decision::Partly)) => o.new_score,
                _ => theirs.map(|s| s.score),
            };
            Ok(ScoreRow {
                lead,
                code: i.code.clone(),
                title: i.title.clone(),
                kind: i.kind,
                axis: i.axis_code.clone(),
                method: i.method,
                ceiling: i.ceiling,
                target: i.target,
                direction: i.direction.map(|d| d.persian().to_string()),
                unit: i.unit.clone(),
                measures: i.measures.clone(),
                self_score: mine.map(|s| s.score),
                self_input: mine.map(|s| describe(&s.input)),
                evidence: mine.map(|s| s.evidence.clone()).unwrap_or_default(),
                evaluator_score: theirs.map(|s| s.score),
                evaluator_input: theirs.map(|s| describe(&s.input)),
                comment: theirs.map(|s| s.comment.clone()).unwrap_or_default(),
                evaluator: theirs.map(|s| s.entered_by.clone()),
                scored_at: theirs.map(|s| crate::store::jalali_of_iso(&s.entered_at)),
                objection,
                final_score,
                evaluator_entry: theirs.map(|s| s.input.clone()),
                departs: theirs.is_some_and(|t| {
                    departure_needs_comment(i, mine.map(|s| s.score), t.score, departure_percent).is_some()
                }),
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TierCount {
    pub tier: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ResultsView {
    /// «approved», «final» (not yet approved) or «preliminary».
    pub basis: String,
    pub rows: Vec<AgencyResult>,
    pub tiers: Vec<TierCount>,
    /// The national tiering of the year (seed step 17), or that it has not come yet.
    pub national: NationalTiering,
}

/// The approved results when the council has approved them, otherwise the results as they
/// stand (final if preliminary results were published, else preliminary).
pub fn results_view(conn: &Connection, year: i32) -> Result<ResultsView, EvaluationError> {
    let settings = settings_of(conn, year)?;
    let (basis, rows) = match approved_results(conn, year)? {
        Some(rows) => ("approved", rows),
        None if preliminary(conn, year)?.is_some() => ("final", results(conn, year, Basis::Final)?),
        None => ("preliminary", results(conn, year, Basis::Preliminary)?),
    };
    let tiers = tier_counts(&settings, &rows).into_iter().map(|(tier, count)| TierCount { tier, count }).collect();
    Ok(ResultsView { basis: basis.into(), rows, tiers, national: national_tiering(conn, year)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(self_scored: u32, hq: bool, evaluator_scored: u32, pending: u32) -> AgencyProgress {
        AgencyProgress {
            code: "101".into(),
            name: "الف".into(),
            group: "اجتماعی".into(),
            indicators: 6,
            self_scored,
            hq_confirmed: hq,
            evaluator_scored,
            objections: pending,
            pending_objections: pending,
            score: Action::enabled(),
        }
    }

    #[test]
    fn each_line_left_to_do_leads_to_where_it_is_done() {
        let lines = todo(&[agency(6, false, 3, 2)], true, true, true, false);
        let view_of = |text: &str| lines.iter().find(|t| t.text.contains(text)).map(|t| t.view);
        assert_eq!(view_of("تأیید ستاد ملی"), Some(Some(EvalView::Agencies)));
        assert_eq!(view_of("امتیاز ارزیاب مانده"), Some(Some(EvalView::Agencies)));
        assert_eq!(view_of("اعتراض منتظر تصمیم"), Some(Some(EvalView::Objections)));
        let fresh = todo(&[], false, false, false, false);
        assert_eq!(
            fresh.iter().map(|t| t.view).collect::<Vec<_>>(),
            vec![None, Some(EvalView::Setup)],
            "catalog and committee"
        );
        let approved = todo(&[agency(6, false, 6, 0)], true, true, true, true);
        assert!(approved.is_empty(), "nothing left once approved: {approved:?}");
        let ready = todo(&[agency(6, true, 6, 0)], true, true, false, false);
        assert_eq!(ready.iter().map(|t| t.view).collect::<Vec<_>>(), vec![Some(EvalView::Results)], "publish");
    }
}
