//! Follow-up (issue 14 item 2): one board of who is late on either service of a year, why, by
//! how many days, and the last letter the register sent them; and the reminder letters for the
//! late agencies (reminder.rs). Today's date is a parameter, so that the rules can be tried on
//! any day; the app and the CLI pass the real today.

mod error;
mod reminder;

pub use error::FollowupError;
pub use reminder::{remind, remind_allowed, reminder_letters, suggested_file_name, RemindResult, REMINDER_KIND};

use crate::accounts::review::{dashboard, ReviewState};
use crate::action::Action;
use crate::evaluation::catalog::catalog_of;
use crate::evaluation::leads::lead_statuses;
use crate::evaluation::phases::phases;
use crate::evaluation::view::overview;
use crate::fa::{self, JalaliDate};
use crate::register::kind_label;
use crate::store::Store;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The last letter the register sent an agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LastLetter {
    pub number: Option<String>,
    pub kind: String,
    pub kind_label: String,
    /// Jalali, «1405/08/20».
    pub date: String,
}

/// What is late, as a key (the reason says it in Persian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// Accounts: the workbook has not come back by the deadline.
    NoWorkbook,
    /// Accounts: errors not corrected or warnings not explained.
    Findings,
    /// Evaluation: no or an incomplete self-assessment after its phase.
    SelfAssessment,
    /// Evaluation: a lead agency has not sent its scores.
    LeadReply,
    /// Evaluation: objections still undecided after re-scoring (the office's to do).
    ObjectionDecision,
}

/// One reason one agency is late.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LateRow {
    /// «accounts» or «evaluation».
    pub service: String,
    pub service_label: String,
    pub cause: Cause,
    pub agency_code: String,
    pub agency_name: String,
    /// Why, in Persian: what is missing.
    pub reason: String,
    /// The deadline or the end of the phase it was due by (Jalali, «۱۴۰۵/۰۸/۰۶»).
    pub due: String,
    /// Days from `due` to today.
    #[ts(type = "number")]
    pub days_late: i64,
    /// True when the agency owes it (a reminder goes to it); false when the office does (an
    /// objection awaiting the evaluators' decision).
    pub agency_owes: bool,
    pub last_letter: Option<LastLetter>,
}

/// Who is late on either service of a year, longest late first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Board {
    pub year: i32,
    /// Jalali, «۱۴۰۵/۰۹/۰۹».
    pub today: String,
    pub rows: Vec<LateRow>,
    /// The agencies a reminder goes to (those owing something), in board order.
    pub late_agencies: Vec<String>,
    /// «Reminder letters for every late agency»: blocked with remind's own refusal.
    pub remind: Action,
}

/// The board of `year` as of `today`. A year with neither an accounts template nor an
/// evaluation cycle is refused.
pub fn board(store: &Store, year: i32, today: JalaliDate) -> Result<Board, FollowupError> {
    let has_template = crate::accounts::template_of(store, year).is_ok();
    let has_evaluation = crate::evaluation::years(store.conn())?.contains(&year);
    if !has_template && !has_evaluation {
        return Err(FollowupError::NoYear { year: fa::int(year) });
    }
    let mut rows = Vec::new();
    if has_template {
        rows.extend(accounts_rows(store, year, today)?);
    }
    if has_evaluation {
        rows.extend(evaluation_rows(store.conn(), year, today)?);
    }
    for row in &mut rows {
        row.last_letter = last_letter(store.conn(), &row.agency_code)?;
    }
    rows.sort_by(|a, b| {
        b.days_late.cmp(&a.days_late).then(a.service.cmp(&b.service)).then(a.agency_code.cmp(&b.agency_code))
    });
    let late_agencies = owing_agencies(&rows);
    let remind = Action::from_guard(reminder::allowed(year, &late_agencies, &[], &|_| true).map(|_| ()))?;
    Ok(Board { year, today: today.to_string(), rows, late_agencies, remind })
}

/// The agencies owing something, each once, in the order of `rows`.
fn owing_agencies(rows: &[LateRow]) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for row in rows.iter().filter(|r| r.agency_owes) {
        if !codes.contains(&row.agency_code) {
            codes.push(row.agency_code.clone());
        }
    }
    codes
}

fn row(cause: Cause, (code, name): (&str, &str), reason: String, due: JalaliDate, today: JalaliDate) -> LateRow {
    let service = match cause {
        Cause::NoWorkbook | Cause::Findings => "accounts",
        _ => "evaluation",
    };
    LateRow {
        service: service.to_string(),
        service_label: service_label(service).to_string(),
        cause,
        agency_code: code.to_string(),
        agency_name: name.to_string(),
        reason,
        due: due.to_string(),
        days_late: due.days_until(today),
        agency_owes: true,
        last_letter: None,
    }
}

pub fn service_label(service: &str) -> &'static str {
    if service == "accounts" {
        "حساب‌های منطقه‌ای"
    } else {
        "ارزیابی عملکرد"
    }
}

/// Regional accounts, once the deadline has passed: an agency whose workbook has not come back
/// for some of its tables, and one whose findings (errors not corrected, warnings not
/// explained) are not answered in its tables not yet approved.
fn accounts_rows(store: &Store, year: i32, today: JalaliDate) -> Result<Vec<LateRow>, FollowupError> {
    let view = dashboard(store, year)?;
    let Some(deadline) = view.deadline.as_deref().and_then(|d| JalaliDate::parse(d).ok()) else { return Ok(vec![]) };
    if today <= deadline {
        return Ok(vec![]);
    }
    let mut rows = Vec::new();
    for agency in &view.agencies {
        let missing: Vec<&str> = agency
            .tables
            .iter()
            .filter(|t| matches!(t.state, None | Some(ReviewState::Requested)))
            .map(|t| t.table_code.as_str())
            .collect();
        let (code, name) = (&agency.agency_code, &agency.agency_name);
        if !missing.is_empty() {
            let reason = format!(
                "کارپوشهٔ اقلام آماری تا پایان مهلت بازنگشته است ({} جدول: {})",
                fa::count(missing.len()),
                fa::code(&missing.join("، "))
            );
            rows.push(row(Cause::NoWorkbook, (code, name), reason, deadline, today));
        }
        let open = agency.tables.iter().filter(|t| !matches!(t.state, Some(ReviewState::Approved | ReviewState::Sent)));
        let (mut errors, mut warnings): (Vec<&str>, Vec<&str>) = (vec![], vec![]);
        for table in open.filter(|t| !missing.contains(&t.table_code.as_str())) {
            errors.extend(table.errors.iter().map(String::as_str).filter(|r| !errors.contains(r)).collect::<Vec<_>>());
            let unexplained = table.unexplained_warnings.iter().map(String::as_str);
            warnings.extend(unexplained.filter(|r| !warnings.contains(r)).collect::<Vec<_>>());
        }
        if let Some(reason) = findings_reason(&errors, &warnings) {
            rows.push(row(Cause::Findings, (code, name), reason, deadline, today));
        }
    }
    Ok(rows)
}

/// «یافته‌های بررسی پاسخ نگرفته است: ۲ خطای اصلاح‌نشده (R01، R02) و ۱ هشدار بی‌توضیح (W03)»
fn findings_reason(errors: &[&str], warnings: &[&str]) -> Option<String> {
    let mut parts = Vec::new();
    if !errors.is_empty() {
        parts.push(format!("{} خطای اصلاح‌نشده ({})", fa::count(errors.len()), errors.join("، ")));
    }
    if !warnings.is_empty() {
        parts.push(format!("{} هشدار بی‌توضیح ({})", fa::count(warnings.len()), warnings.join("، ")));
    }
    (!parts.is_empty()).then(|| format!("یافته‌های بررسی داده‌ها پاسخ نگرفته است: {}", parts.join(" و ")))
}

/// The end of a phase of the evaluation year, when it has passed by `today`.
fn ended(conn: &Connection, year: i32, code: &str, today: JalaliDate) -> Result<Option<JalaliDate>, FollowupError> {
    let phase = phases(conn, year, today)?.into_iter().find(|p| p.code == code);
    Ok(phase.and_then(|p| JalaliDate::parse(&p.ends_on).ok()).filter(|end| *end < today))
}

/// Performance evaluation, until the council approves (then nothing is owed any more): no or
/// an incomplete self-assessment after its phase, a lead agency that has not replied by the
/// end of the headquarters' confirmation (its scores are the evaluators' evidence), and
/// objections still undecided after the re-scoring phase (owed by the office, not the agency).
fn evaluation_rows(conn: &Connection, year: i32, today: JalaliDate) -> Result<Vec<LateRow>, FollowupError> {
    if crate::evaluation::is_locked(conn, year)? || catalog_of(conn, year).is_err() {
        return Ok(vec![]);
    }
    let view = overview(conn, year, today)?;
    let mut rows = Vec::new();
    if let Some(end) = ended(conn, year, "self_assessment", today)? {
        for a in view.agencies.iter().filter(|a| a.self_scored < a.indicators) {
            let reason = if a.self_scored == 0 {
                "خودارزیابی را نفرستاده است".to_string()
            } else {
                format!(
                    "خودارزیابی ناقص است: {} شاخص از {}",
                    fa::int(a.indicators - a.self_scored),
                    fa::int(a.indicators)
                ) + " بی‌امتیاز مانده است"
            };
            rows.push(row(Cause::SelfAssessment, (&a.code, &a.name), reason, end, today));
        }
    }
    if let Some(end) = ended(conn, year, "hq_confirmation", today)? {
        let catalog = catalog_of(conn, year)?;
        for lead in lead_statuses(conn, year, &catalog)?.iter().filter(|l| l.replied_at.is_none()) {
            let reason = format!(
                "دستگاه سنجش: امتیاز {} شاخص ({}) را برای دستگاه‌ها نفرستاده است",
                fa::count(lead.indicators.len()),
                lead.indicators.join("، ")
            );
            rows.push(row(Cause::LeadReply, (&lead.code, &lead.name), reason, end, today));
        }
    }
    if let Some(end) = ended(conn, year, "rescoring", today)? {
        for a in view.agencies.iter().filter(|a| a.pending_objections > 0) {
            let reason = format!(
                "تصمیم دربارهٔ {} اعتراض این دستگاه هنوز گرفته نشده است (بر عهدهٔ ارزیابان)",
                fa::int(a.pending_objections)
            );
            let pending = row(Cause::ObjectionDecision, (&a.code, &a.name), reason, end, today);
            rows.push(LateRow { agency_owes: false, ..pending });
        }
    }
    Ok(rows)
}

/// The newest outgoing entry of the register addressed to `agency_code`.
fn last_letter(conn: &Connection, agency_code: &str) -> Result<Option<LastLetter>, FollowupError> {
    let found = conn
        .query_row(
            "SELECT number, kind, entry_date FROM register_entry WHERE direction = 'out' AND agency_code = ?1
             ORDER BY entry_date DESC, id DESC LIMIT 1",
            [agency_code],
            |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        )
        .optional()?;
    Ok(found.map(|(number, kind, date)| LastLetter {
        number,
        kind_label: kind_label(&kind).to_string(),
        kind,
        date: JalaliDate::display_stored(&date),
    }))
}
