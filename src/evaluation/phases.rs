//! The cycle of a year: sixteen phases with Jalali dates. A phase's data can be changed only
//! while the phase is open (today within its dates), or after it has been reopened with a
//! recorded reason until a given day.

use super::EvaluationError;
use crate::fa::JalaliDate;
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// (code, Persian title, default length in days), in the order of the cycle.
pub const PHASES: [(&str, &str, i64); 16] = [
    ("circular", "ابلاغ بخشنامه و شاخص‌های عمومی", 10),
    ("specific_approval", "تصویب سهم استانی شاخص‌های اختصاصی", 14),
    ("schedule", "زمان‌بندی مراحل", 5),
    ("briefing", "توجیه مدیران و کارشناسان", 7),
    ("committees", "تشکیل دبیرخانه و کمیتهٔ راهبری", 7),
    ("development", "تعیین و ابلاغ شاخص‌های توسعه‌ای", 14),
    ("self_assessment", "خودارزیابی دستگاه‌ها", 30),
    ("hq_confirmation", "تأیید ستاد ملی", 14),
    ("evaluation", "امتیازدهی ارزیابان", 30),
    ("preliminary", "اعلام نتایج اولیه", 7),
    ("objection", "مهلت اعتراض", 7),
    ("rescoring", "بررسی اعتراض‌ها و امتیازدهی دوباره", 14),
    ("council", "تصویب در شورای توسعهٔ مدیریت", 10),
    ("national", "سطح‌بندی ملی", 30),
    ("festival", "جشنوارهٔ شهید رجایی", 14),
    ("publication", "انتشار کتابچهٔ نتایج", 21),
];

pub fn phase_title(code: &str) -> &'static str {
    PHASES.iter().find(|(c, _, _)| *c == code).map(|(_, t, _)| *t).unwrap_or("مرحلهٔ نامعلوم")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Phase {
    pub code: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub reopened_until: Option<String>,
    pub reopen_reason: Option<String>,
    /// Open today: within its dates or reopened.
    pub open: bool,
    /// Today is within its dates.
    pub current: bool,
    pub past: bool,
}

/// The phases laid one after another from `start`, with their default lengths.
pub fn default_schedule(start: JalaliDate) -> Vec<(String, JalaliDate, JalaliDate)> {
    let mut day = start;
    PHASES
        .iter()
        .map(|(code, _, length)| {
            let ends = day.add_days(length - 1);
            let phase = (code.to_string(), day, ends);
            day = ends.add_days(1);
            phase
        })
        .collect()
}

fn date(text: &str) -> JalaliDate {
    JalaliDate::parse(text).expect("phase dates are written by Daftar")
}

pub fn phases(conn: &Connection, year: i32, today: JalaliDate) -> Result<Vec<Phase>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT code, starts_on, ends_on, reopened_until, reopen_reason FROM ev_phase WHERE year = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([year], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (code, starts, ends, reopened_until, reopen_reason) = row?;
        let (s, e) = (date(&starts), date(&ends));
        let current = s <= today && today <= e;
        let reopened = reopened_until.as_deref().is_some_and(|u| today <= date(u));
        out.push(Phase {
            title: phase_title(&code).to_string(),
            code,
            starts_on: s.to_string(),
            ends_on: e.to_string(),
            reopened_until: reopened_until.as_deref().map(|u| date(u).to_string()),
            reopen_reason,
            open: current || reopened,
            current,
            past: e < today,
        });
    }
    Ok(out)
}

/// Refuse a change to the data of `code` when the phase is not open today.
pub fn ensure_open(conn: &Connection, year: i32, code: &str, today: JalaliDate) -> Result<(), EvaluationError> {
    let phase =
        phases(conn, year, today)?.into_iter().find(|p| p.code == code).ok_or(EvaluationError::NoYear { year })?;
    if phase.open {
        return Ok(());
    }
    Err(EvaluationError::PhaseClosed {
        phase: phase.title,
        starts: phase.starts_on,
        ends: phase.ends_on,
        today: today.to_string(),
    })
}

/// Write the phases of a new year (inside the caller's transaction).
pub(super) fn insert_schedule(
    conn: &Connection,
    year: i32,
    schedule: &[(String, JalaliDate, JalaliDate)],
) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare("INSERT INTO ev_phase (year, code, position, starts_on, ends_on) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (position, (code, starts, ends)) in schedule.iter().enumerate() {
        stmt.execute(params![year, code, position as i64, starts.to_latin_string(), ends.to_latin_string()])?;
    }
    Ok(())
}

fn known_phase(code: &str) -> Result<&'static str, EvaluationError> {
    PHASES.iter().find(|(c, _, _)| *c == code).map(|(_, t, _)| *t).ok_or_else(|| EvaluationError::UnknownPhase {
        code: code.to_string(),
        known: PHASES.iter().map(|(c, _, _)| c.to_string()).collect(),
    })
}

/// Move a phase's dates (the schedule). Audited.
pub fn set_dates(
    store: &mut Store,
    year: i32,
    code: &str,
    starts: JalaliDate,
    ends: JalaliDate,
) -> Result<(), EvaluationError> {
    let title = known_phase(code)?;
    if ends < starts {
        return Err(EvaluationError::EndsBeforeStart { phase: title.to_string() });
    }
    super::ensure_not_locked(store.conn(), year)?;
    store.write(|tx, actor| {
        let old: (String, String) = tx
            .query_row(
                "SELECT starts_on, ends_on FROM ev_phase WHERE year = ?1 AND code = ?2",
                params![year, code],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|_| EvaluationError::NoYear { year })?;
        tx.execute(
            "UPDATE ev_phase SET starts_on = ?3, ends_on = ?4 WHERE year = ?1 AND code = ?2",
            params![year, code, starts.to_latin_string(), ends.to_latin_string()],
        )?;
        let key = format!("{year}/{code}");
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_phase", &key, "dates")
                .old(&old)
                .new_value((starts.to_latin_string(), ends.to_latin_string())),
        )?;
        Ok(())
    })
}

/// Open a phase outside its dates until `until`, with the reason kept in the file and the log.
pub fn reopen(
    store: &mut Store,
    year: i32,
    code: &str,
    reason: &str,
    until: JalaliDate,
    today: JalaliDate,
) -> Result<(), EvaluationError> {
    let title = known_phase(code)?;
    if reason.trim().is_empty() {
        return Err(EvaluationError::ReasonRequired);
    }
    if until < today {
        return Err(EvaluationError::ReopenInThePast { phase: title.to_string(), until: until.to_string() });
    }
    super::ensure_not_locked(store.conn(), year)?;
    store.write(|tx, actor| {
        let changed = tx.execute(
            "UPDATE ev_phase SET reopened_until = ?3, reopen_reason = ?4 WHERE year = ?1 AND code = ?2",
            params![year, code, until.to_latin_string(), reason.trim()],
        )?;
        if changed == 0 {
            return Err(EvaluationError::NoYear { year });
        }
        let key = format!("{year}/{code}");
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_phase", &key, "reopen").new_value(until.to_latin_string()).reason(Some(reason.trim())),
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_schedule_lays_phases_end_to_end() {
        let start = JalaliDate::new(1404, 1, 15).unwrap();
        let schedule = default_schedule(start);
        assert_eq!(schedule.len(), 16);
        assert_eq!(schedule[0].1, start);
        for pair in schedule.windows(2) {
            assert_eq!(pair[0].2.add_days(1), pair[1].1, "{} follows {}", pair[1].0, pair[0].0);
        }
        let objection = schedule.iter().find(|p| p.0 == "objection").unwrap();
        assert_eq!(objection.1.days_until(objection.2), 6, "seven days, both ends included");
    }
}
