//! What the evaluation screen may do today, and why not. Each blocker is the refusal of the
//! operation the button starts, from the guard that operation calls.

use super::workbook::Purpose;
use super::{
    approval, catalog, committees, festival, intake, lead_workbook, leads, objections, scores, transfer,
    EvaluationError,
};
use crate::action::Action;
use crate::fa::JalaliDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvalActions {
    pub catalog: Action,
    pub self_workbooks: Action,
    pub self_intake: Action,
    /// Bringing in the national system's transfer of self-assessments (seed steps 10–12).
    pub national_transfer: Action,
    pub evaluator_workbooks: Action,
    pub evaluator_intake: Action,
    pub score: Action,
    pub confirm_hq: Action,
    pub publish: Action,
    pub file_objection: Action,
    pub decide: Action,
    pub approve: Action,
    pub reopen_approval: Action,
    /// Changing the phases' dates (not once the council's approval stands).
    pub schedule: Action,
    /// Changing the year's settings (not once the council's approval stands).
    pub settings: Action,
    /// Adding, changing or removing committee members (in the committees' phase).
    pub committee: Action,
    /// Starting this year's committees with last year's members.
    pub reuse_committee: Action,
    /// Importing the national tiering (in the national phase).
    pub national: Action,
    /// Registering and selecting the festival's work teams (in the festival's phase).
    pub nominate: Action,
    pub export: Action,
    pub festival: Action,
    /// Making the lead agencies' workbooks (shown when the catalog names leads, seed §8).
    pub lead_workbooks: Action,
    /// Taking in the lead agencies' returned workbooks.
    pub lead_intake: Action,
    /// The letters notifying the agencies of their tiers and the provinces' ranking (seed
    /// step 18): after the council's approval and the national tiering.
    pub notification: Action,
}

pub fn evaluation_actions(conn: &Connection, year: i32, today: JalaliDate) -> Result<EvalActions, EvaluationError> {
    let workbooks = || Action::from_guard(catalog::catalog_of(conn, year).map(|_| ()));
    let locked = super::is_locked(conn, year)?;
    let approved = approval::approved_results(conn, year)?.is_some();
    let has_leads = catalog::catalog_of(conn, year).is_ok_and(|c| !c.leads().is_empty());
    let if_leads = |guard| if has_leads { Action::from_guard(guard) } else { Ok(Action::hidden()) };
    Ok(EvalActions {
        catalog: Action::from_guard(catalog::import_allowed(conn, year, today))?,
        self_workbooks: workbooks()?,
        self_intake: Action::from_guard(intake::intake_allowed(conn, year, Purpose::SelfAssessment, today))?,
        national_transfer: Action::from_guard(transfer::transfer_allowed(conn, year, today))?,
        evaluator_workbooks: workbooks()?,
        evaluator_intake: Action::from_guard(intake::intake_allowed(conn, year, Purpose::Evaluator, today))?,
        score: Action::from_guard(scores::scoring_allowed(conn, year, today))?,
        confirm_hq: Action::from_guard(scores::hq_confirmation_allowed(conn, year, today))?,
        publish: Action::from_guard(objections::publish_allowed(conn, year, today))?,
        file_objection: Action::from_guard(objections::filing_allowed(conn, year, today))?,
        decide: Action::from_guard(objections::deciding_allowed(conn, year, today))?,
        approve: Action::from_guard(approval::approve_allowed(conn, year, today))?,
        reopen_approval: Action::shown_if(locked),
        schedule: Action::from_guard(super::ensure_not_locked(conn, year))?,
        settings: Action::from_guard(super::ensure_not_locked(conn, year))?,
        committee: Action::from_guard(committees::editing_allowed(conn, year, today))?,
        reuse_committee: Action::from_guard(committees::reuse_allowed(conn, year, today).map(|_| ()))?,
        national: Action::from_guard(approval::national_allowed(conn, year, today))?,
        nominate: Action::from_guard(festival::nominating_allowed(conn, year, today))?,
        export: Action::shown_if(approved),
        festival: Action::from_guard(super::festival::festival_allowed(conn, year))?,
        lead_workbooks: if_leads(lead_workbook::lead_workbooks_allowed(conn, year))?,
        lead_intake: if_leads(leads::lead_intake_allowed(conn, year, today))?,
        notification: Action::from_guard(super::national::notification_allowed(conn, year))?,
    })
}
