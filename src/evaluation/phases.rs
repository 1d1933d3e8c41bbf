//! The cycle of a year: sixteen phases with Jalali dates. A phase's data can be changed only
//! while the phase is open (today within its dates), or after it has been reopened with a
//! recorded reason until a given day.

use super::EvaluationError;
use crate::action::Action;
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
    /// «Reopen…»: shown only for a phase that has ended and is closed; disabled with the
    /// refusal of `reopen` (the council's approval stands).
    pub reopen: Action,
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

/// A date typed by a person (Jalali, any digits), or a refusal that names what it is.
pub fn typed_date(what: &str, text: &str) -> Result<JalaliDate, EvaluationError> {
    JalaliDate::parse(text).map_err(|e| EvaluationError::BadDate { what: what.to_string(), message: e.to_string() })
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
    let locked = super::is_locked(conn, year)?;
    let mut out = Vec::new();
    for row in rows {
        let (code, starts, ends, reopened_until, reopen_reason) = row?;
        let (s, e) = (date(&starts), date(&ends));
        let current = s <= today && today <= e;
        let reopened = reopened_until.as_deref().is_some_and(|u| today <= date(u));
        let (title, past, open) = (phase_title(&code), e < today, current || reopened);
        let reopen = if past && !open {
            Action::from_guard(reopen_allowed(year, title, &e, past, open, &reopened_until, locked))?
        } else {
            Action::hidden()
        };
        out.push(Phase {
            title: title.to_string(),
            code,
            starts_on: s.to_string(),
            ends_on: e.to_string(),
            reopened_until: reopened_until.as_deref().map(|u| date(u).to_string()),
            reopen_reason,
            open,
            current,
            past,
            reopen,
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

/// Refuse a phase that ends before it starts, or that overlaps its neighbours: a phase may
/// begin on the day the one before it ends (publishing the preliminary results hands the
/// objection window over that way), never earlier, and must end by the day the next begins.
/// `schedule` is in the order of the cycle; only the phase at `index` is judged.
pub fn check_phase_in_schedule(
    schedule: &[(String, JalaliDate, JalaliDate)],
    index: usize,
) -> Result<(), EvaluationError> {
    let (code, starts, ends) = &schedule[index];
    if ends < starts {
        return Err(EvaluationError::EndsBeforeStart { phase: phase_title(code).to_string() });
    }
    let overlap = |earlier: &(String, JalaliDate, JalaliDate), later: &(String, JalaliDate, JalaliDate)| {
        EvaluationError::PhasesOverlap {
            earlier: phase_title(&earlier.0).to_string(),
            earlier_ends: earlier.2.to_string(),
            later: phase_title(&later.0).to_string(),
            later_starts: later.1.to_string(),
        }
    };
    if let Some(before) = index.checked_sub(1).map(|i| &schedule[i]) {
        if *starts < before.2 {
            return Err(overlap(before, &schedule[index]));
        }
    }
    if let Some(after) = schedule.get(index + 1) {
        if after.1 < *ends {
            return Err(overlap(&schedule[index], after));
        }
    }
    Ok(())
}

fn stored_schedule(conn: &Connection, year: i32) -> Result<Vec<(String, JalaliDate, JalaliDate)>, EvaluationError> {
    let mut stmt = conn.prepare("SELECT code, starts_on, ends_on FROM ev_phase WHERE year = ?1 ORDER BY position")?;
    let rows =
        stmt.query_map([year], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (code, starts, ends) = row?;
        out.push((code, date(&starts), date(&ends)));
    }
    Ok(out)
}

/// Move a phase's dates (the schedule), checked against the phases before and after it.
/// With `shift_following`, every later phase moves by as many days as the phase's end moved,
/// so that lengthening one phase does not mean retyping the rest. Audited.
pub fn set_dates(
    store: &mut Store,
    year: i32,
    code: &str,
    starts: JalaliDate,
    ends: JalaliDate,
    shift_following: bool,
) -> Result<(), EvaluationError> {
    known_phase(code)?;
    super::ensure_not_locked(store.conn(), year)?;
    let mut schedule = stored_schedule(store.conn(), year)?;
    let index = schedule.iter().position(|p| p.0 == code).ok_or(EvaluationError::NoYear { year })?;
    let old = schedule.clone();
    let shift = old[index].2.days_until(ends);
    schedule[index].1 = starts;
    schedule[index].2 = ends;
    if shift_following {
        for later in &mut schedule[index + 1..] {
            later.1 = later.1.add_days(shift);
            later.2 = later.2.add_days(shift);
        }
    }
    check_phase_in_schedule(&schedule, index)?;
    store.write(|tx, actor| {
        for ((code, starts, ends), (_, old_starts, old_ends)) in schedule.iter().zip(&old) {
            if (starts, ends) == (old_starts, old_ends) {
                continue;
            }
            tx.execute(
                "UPDATE ev_phase SET starts_on = ?3, ends_on = ?4 WHERE year = ?1 AND code = ?2",
                params![year, code, starts.to_latin_string(), ends.to_latin_string()],
            )?;
            record_audit(
                tx,
                actor,
                &AuditEntry::new("ev_phase", &format!("{year}/{code}"), "dates")
                    .old((old_starts.to_latin_string(), old_ends.to_latin_string()))
                    .new_value((starts.to_latin_string(), ends.to_latin_string())),
            )?;
        }
        Ok(())
    })
}

/// Why a phase cannot be reopened: the council's approval stands, it has not ended yet (it is
/// open until its last day; a longer phase is a change of its dates), or a reopening still
/// holds it open.
fn reopen_allowed(
    year: i32,
    title: &str,
    ends: &JalaliDate,
    past: bool,
    open: bool,
    reopened_until: &Option<String>,
    locked: bool,
) -> Result<(), EvaluationError> {
    if locked {
        return Err(EvaluationError::YearLocked { year });
    }
    if !past {
        return Err(EvaluationError::PhaseNotEnded { phase: title.to_string(), ends: ends.to_string() });
    }
    if open {
        let until = reopened_until.as_deref().map(|u| date(u).to_string()).unwrap_or_default();
        return Err(EvaluationError::PhaseStillReopened { phase: title.to_string(), until });
    }
    Ok(())
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
    let phase = phases(store.conn(), year, today)?
        .into_iter()
        .find(|p| p.code == code)
        .ok_or(EvaluationError::NoYear { year })?;
    let ends = JalaliDate::parse(&phase.ends_on).expect("shown by Daftar");
    reopen_allowed(
        year,
        title,
        &ends,
        phase.past,
        phase.open,
        &phase.reopened_until,
        super::is_locked(store.conn(), year)?,
    )?;
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
    use crate::Problem;

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

    fn day(m: u8, d: u8) -> JalaliDate {
        JalaliDate::new(1404, m, d).unwrap()
    }

    #[test]
    fn a_phase_must_end_after_it_starts() {
        let mut schedule = default_schedule(day(1, 15));
        schedule[3].2 = schedule[3].1.add_days(-1);
        let e = check_phase_in_schedule(&schedule, 3).unwrap_err();
        assert_eq!(e.code(), "evaluation.ends_before_start");
    }

    #[test]
    fn a_phase_may_not_start_before_the_one_before_it_ends() {
        let mut schedule = default_schedule(day(1, 15));
        check_phase_in_schedule(&schedule, 5).unwrap();
        // The hand-over day (start on the previous phase's last day) is allowed.
        schedule[5].1 = schedule[4].2;
        check_phase_in_schedule(&schedule, 5).unwrap();
        schedule[5].1 = schedule[4].2.add_days(-1);
        let e = check_phase_in_schedule(&schedule, 5).unwrap_err();
        assert_eq!(e.code(), "evaluation.phases_overlap");
        let text = e.to_string();
        assert!(text.contains(phase_title(&schedule[4].0)) && text.contains(phase_title(&schedule[5].0)), "{text}");
    }

    #[test]
    fn a_phase_may_not_end_after_the_next_one_starts() {
        let mut schedule = default_schedule(day(1, 15));
        schedule[0].2 = schedule[1].1.add_days(1);
        let e = check_phase_in_schedule(&schedule, 0).unwrap_err();
        assert_eq!(e.code(), "evaluation.phases_overlap");
        // The last phase has no next one to run into.
        let last = schedule.len() - 1;
        schedule[last].2 = schedule[last].2.add_days(300);
        check_phase_in_schedule(&schedule, last).unwrap();
    }

    #[test]
    fn reopening_is_for_a_phase_that_has_ended_and_is_closed() {
        let ends = day(2, 1);
        reopen_allowed(1404, "x", &ends, true, false, &None, false).unwrap();
        let code = |r: Result<(), EvaluationError>| r.unwrap_err().code();
        assert_eq!(code(reopen_allowed(1404, "x", &ends, false, true, &None, false)), "evaluation.phase_not_ended");
        let until = Some("1404/02/10".to_string());
        assert_eq!(
            code(reopen_allowed(1404, "x", &ends, true, true, &until, false)),
            "evaluation.phase_still_reopened"
        );
        assert_eq!(code(reopen_allowed(1404, "x", &ends, true, false, &None, true)), "evaluation.year_locked");
    }
}
