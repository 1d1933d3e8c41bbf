//! Briefing sessions for the agencies' managers and experts, one module for both services:
//! evaluation step 4 («آموزش توجیهی مدیران و کارشناسان») and regional accounts step 3
//! («برگزاری جلسات توجیهی آموزشی کارشناسان»). A session has a date, time and place, the
//! agencies invited and, afterwards, who came. Its invitation letters and attendance sheet are
//! documents (src/reports/briefing.rs).

mod error;

pub use error::BriefingError;

use crate::action::Action;
use crate::agencies::{self, Agency};
use crate::fa::{normalize_text, to_latin_digits, JalaliDate};
use crate::store::{now_iso, record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Accounts,
    Evaluation,
}

impl Service {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accounts => "accounts",
            Self::Evaluation => "evaluation",
        }
    }

    /// The service as letters name it.
    pub fn persian(self) -> &'static str {
        match self {
            Self::Accounts => "تهیهٔ حساب‌های منطقه‌ای",
            Self::Evaluation => "ارزیابی عملکرد دستگاه‌های اجرایی",
        }
    }

    /// The title a session gets when none is typed.
    pub fn default_title(self) -> &'static str {
        match self {
            Self::Accounts => "جلسهٔ توجیهی آموزشی کارشناسان دستگاه‌ها در تهیهٔ اقلام آماری حساب‌های منطقه‌ای",
            Self::Evaluation => "جلسهٔ آموزش توجیهی مدیران و کارشناسان دستگاه‌ها در ارزیابی عملکرد",
        }
    }

    pub fn parse(text: &str) -> Result<Self, BriefingError> {
        match crate::fa::comparison_key(text).as_str() {
            "accounts" | "ra" => Ok(Self::Accounts),
            "evaluation" | "eval" => Ok(Self::Evaluation),
            _ => Err(BriefingError::UnknownService { given: text.to_string() }),
        }
    }
}

/// What a person types to plan a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BriefingInput {
    pub service: Service,
    pub year: i32,
    /// Empty: the service's usual title.
    pub title: String,
    /// Jalali, any digits.
    pub held_on: String,
    /// «۹:۳۰» or «09:30», any digits.
    pub starts_at: String,
    pub place: String,
    /// The invitation letters' number; may be empty.
    pub letter_number: String,
    /// The invitation letters' date (Jalali); empty = the day they are printed.
    pub letter_date: String,
}

/// An invited agency and, once recorded, whether it came and who.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Invitee {
    pub agency_code: String,
    pub agency_name: String,
    /// null: attendance not recorded yet.
    pub present: Option<bool>,
    pub attendee: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Briefing {
    #[ts(type = "number")]
    pub id: i64,
    pub service: Service,
    pub year: i32,
    pub title: String,
    /// «۱۴۰۳/۰۲/۱۰»
    pub held_on: String,
    /// «09:30»
    pub starts_at: String,
    pub place: String,
    pub letter_number: String,
    /// «۱۴۰۳/۰۲/۰۱», or empty.
    pub letter_date: String,
    pub invitees: Vec<Invitee>,
    /// Invitation letters and the attendance sheet: blocked while nobody is invited.
    pub letters: Action,
    /// Recording attendance: blocked until the session has been held.
    pub attendance: Action,
}

/// One agency's attendance as recorded after the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AttendanceInput {
    /// The agency's code.
    pub agency: String,
    pub present: bool,
    /// Who came for it; may be empty.
    pub attendee: String,
}

/// The session's fields as stored, or the first thing wrong with them.
struct Checked {
    title: String,
    held_on: JalaliDate,
    starts_at: String,
    place: String,
    letter_number: String,
    letter_date: Option<JalaliDate>,
}

fn parse_time(text: &str) -> Result<String, BriefingError> {
    let latin = to_latin_digits(text.trim()).replace(['٫', '.'], ":");
    let bad = || BriefingError::BadTime { given: text.trim().to_string() };
    let (h, m) = latin.split_once(':').ok_or_else(bad)?;
    let hour: u32 = h.parse().map_err(|_| bad())?;
    let minute: u32 = m.parse().map_err(|_| bad())?;
    if hour > 23 || minute > 59 || m.len() != 2 {
        return Err(bad());
    }
    Ok(format!("{hour:02}:{minute:02}"))
}

fn parse_date(what: &str, text: &str) -> Result<JalaliDate, BriefingError> {
    JalaliDate::parse(text).map_err(|e| BriefingError::BadDate { what: what.into(), message: e.to_string() })
}

fn checked(input: &BriefingInput) -> Result<Checked, BriefingError> {
    if !(1300..=1500).contains(&input.year) {
        return Err(BriefingError::BadYear { year: input.year });
    }
    let held_on = parse_date("تاریخ جلسه", &input.held_on)?;
    let starts_at = parse_time(&input.starts_at)?;
    let place = normalize_text(&input.place);
    if place.is_empty() {
        return Err(BriefingError::PlaceRequired);
    }
    let title = normalize_text(&input.title);
    let letter_date = match input.letter_date.trim() {
        "" => None,
        text => Some(parse_date("تاریخ نامهٔ دعوت", text)?),
    };
    Ok(Checked {
        title: if title.is_empty() { input.service.default_title().to_string() } else { title },
        held_on,
        starts_at,
        place,
        letter_number: to_latin_digits(input.letter_number.trim()),
        letter_date,
    })
}

/// Plan a session. Audited.
pub fn create(store: &mut Store, input: &BriefingInput, today: JalaliDate) -> Result<Briefing, BriefingError> {
    let c = checked(input)?;
    let id = store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO briefing (service, year, title, held_on, starts_at, place, letter_number, letter_date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                input.service.as_str(),
                input.year,
                c.title,
                c.held_on.to_latin_string(),
                c.starts_at,
                c.place,
                c.letter_number,
                c.letter_date.map(JalaliDate::to_latin_string).unwrap_or_default(),
                now_iso()
            ],
        )?;
        let id = tx.last_insert_rowid();
        record_audit(tx, actor, &AuditEntry::new("briefing", &id.to_string(), "create").new_value(input))?;
        Ok::<_, BriefingError>(id)
    })?;
    briefing(store, id, today)
}

/// The agency of `code` if it may be invited (it exists and is active).
fn invitable(store: &Store, code: &str) -> Result<Agency, BriefingError> {
    let agency = agencies::find(store, code)?;
    if !agency.active {
        return Err(BriefingError::InactiveAgency { name: agency.name });
    }
    Ok(agency)
}

/// Invite agencies (by code) to a session; those invited already stay as they are. Audited.
pub fn invite(store: &mut Store, id: i64, codes: &[String], today: JalaliDate) -> Result<Briefing, BriefingError> {
    ensure_exists(store.conn(), id)?;
    if codes.is_empty() {
        return Err(BriefingError::NoAgencyGiven);
    }
    let invited: Vec<Agency> = codes.iter().map(|c| invitable(store, c)).collect::<Result<_, _>>()?;
    store.write(|tx, actor| {
        for agency in &invited {
            tx.execute(
                "INSERT INTO briefing_invitee (briefing_id, agency_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![id, agency.id],
            )?;
        }
        let codes: Vec<&str> = invited.iter().map(|a| a.code.as_str()).collect();
        record_audit(tx, actor, &AuditEntry::new("briefing_invitee", &id.to_string(), "invite").new_value(codes))?;
        Ok::<_, BriefingError>(())
    })?;
    briefing(store, id, today)
}

/// Withdraw an invitation sent by mistake. Audited with the reason.
pub fn uninvite(
    store: &mut Store,
    id: i64,
    code: &str,
    reason: &str,
    today: JalaliDate,
) -> Result<Briefing, BriefingError> {
    let agency = invited_agency(store, id, code, today)?;
    store.write(|tx, actor| {
        tx.execute("DELETE FROM briefing_invitee WHERE briefing_id = ?1 AND agency_id = ?2", params![id, agency.id])?;
        let key = id.to_string();
        let entry = AuditEntry::new("briefing_invitee", &key, "uninvite").old(&agency.code);
        record_audit(tx, actor, &entry.reason(Some(reason.trim()).filter(|r| !r.is_empty())))?;
        Ok::<_, BriefingError>(())
    })?;
    briefing(store, id, today)
}

/// The agency of `code`, which must be invited to session `id`.
fn invited_agency(store: &Store, id: i64, code: &str, today: JalaliDate) -> Result<Agency, BriefingError> {
    let session = briefing(store, id, today)?;
    let agency = agencies::find(store, code)?;
    if !session.invitees.iter().any(|i| i.agency_code == agency.code) {
        return Err(BriefingError::NotInvited { name: agency.name });
    }
    Ok(agency)
}

/// Why attendance cannot be recorded yet: the session has not been held.
pub fn attendance_allowed(conn: &Connection, id: i64, today: JalaliDate) -> Result<(), BriefingError> {
    let held_on = held_on(conn, id)?;
    if today < held_on {
        return Err(BriefingError::NotHeldYet { held_on: held_on.to_string(), today: today.to_string() });
    }
    Ok(())
}

/// Why the letters and the attendance sheet cannot be made: nobody is invited.
pub fn letters_allowed(conn: &Connection, id: i64) -> Result<(), BriefingError> {
    ensure_exists(conn, id)?;
    let invited: u32 =
        conn.query_row("SELECT count(*) FROM briefing_invitee WHERE briefing_id = ?1", [id], |r| r.get(0))?;
    if invited == 0 {
        return Err(BriefingError::NoInvitees);
    }
    Ok(())
}

/// Record who came to the session, agency by agency (agencies not named keep what they had).
/// Every agency must be invited. One transaction, audited.
pub fn record_attendance(
    store: &mut Store,
    id: i64,
    entries: &[AttendanceInput],
    today: JalaliDate,
) -> Result<Briefing, BriefingError> {
    attendance_allowed(store.conn(), id, today)?;
    if entries.is_empty() {
        return Err(BriefingError::NoAgencyGiven);
    }
    let rows: Vec<(Agency, &AttendanceInput)> = entries
        .iter()
        .map(|e| Ok((invited_agency(store, id, &e.agency, today)?, e)))
        .collect::<Result<_, BriefingError>>()?;
    store.write(|tx, actor| {
        for (agency, entry) in &rows {
            let attendee = if entry.present { normalize_text(&entry.attendee) } else { String::new() };
            tx.execute(
                "UPDATE briefing_invitee SET present = ?3, attendee = ?4 WHERE briefing_id = ?1 AND agency_id = ?2",
                params![id, agency.id, entry.present, attendee],
            )?;
        }
        record_audit(
            tx,
            actor,
            &AuditEntry::new("briefing_invitee", &id.to_string(), "attendance").new_value(entries),
        )?;
        Ok::<_, BriefingError>(())
    })?;
    briefing(store, id, today)
}

fn ensure_exists(conn: &Connection, id: i64) -> Result<(), BriefingError> {
    held_on(conn, id).map(|_| ())
}

fn held_on(conn: &Connection, id: i64) -> Result<JalaliDate, BriefingError> {
    let stored: String = conn
        .query_row("SELECT held_on FROM briefing WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(BriefingError::UnknownBriefing { id })?;
    parse_date("تاریخ جلسه", &stored)
}

fn invitees(conn: &Connection, id: i64) -> Result<Vec<Invitee>, BriefingError> {
    let mut stmt = conn.prepare(
        "SELECT a.code, a.name, i.present, i.attendee FROM briefing_invitee i JOIN agency a ON a.id = i.agency_id
         WHERE i.briefing_id = ?1 ORDER BY a.code",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Invitee { agency_code: r.get(0)?, agency_name: r.get(1)?, present: r.get(2)?, attendee: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const SELECT_BRIEFING: &str =
    "SELECT id, service, year, title, held_on, starts_at, place, letter_number, letter_date FROM briefing";

/// One session with its invitees and what can be done with it today.
pub fn briefing(store: &Store, id: i64, today: JalaliDate) -> Result<Briefing, BriefingError> {
    let found = query(store.conn(), &format!("{SELECT_BRIEFING} WHERE id = ?1"), params![id], today)?;
    found.into_iter().next().ok_or(BriefingError::UnknownBriefing { id })
}

/// The sessions of a service's year, earliest first.
pub fn list(store: &Store, service: Service, year: i32, today: JalaliDate) -> Result<Vec<Briefing>, BriefingError> {
    let sql = format!("{SELECT_BRIEFING} WHERE service = ?1 AND year = ?2 ORDER BY held_on, starts_at, id");
    query(store.conn(), &sql, params![service.as_str(), year], today)
}

fn query(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    today: JalaliDate,
) -> Result<Vec<Briefing>, BriefingError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(args, |r| {
        let service: String = r.get(1)?;
        Ok(Briefing {
            id: r.get(0)?,
            service: if service == "accounts" { Service::Accounts } else { Service::Evaluation },
            year: r.get(2)?,
            title: r.get(3)?,
            held_on: JalaliDate::display_stored(&r.get::<_, String>(4)?),
            starts_at: r.get(5)?,
            place: r.get(6)?,
            letter_number: r.get(7)?,
            letter_date: JalaliDate::display_stored(&r.get::<_, String>(8)?),
            invitees: vec![],
            letters: Action::hidden(),
            attendance: Action::hidden(),
        })
    })?;
    let mut found: Vec<Briefing> = rows.collect::<rusqlite::Result<_>>()?;
    for b in &mut found {
        b.invitees = invitees(conn, b.id)?;
        b.letters = Action::from_guard(letters_allowed(conn, b.id))?;
        b.attendance = Action::from_guard(attendance_allowed(conn, b.id, today))?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_in_any_digits_and_refused_out_of_range() {
        assert_eq!(parse_time("۹:۳۰").unwrap(), "09:30");
        assert_eq!(parse_time(" 14:05 ").unwrap(), "14:05");
        for bad in ["24:00", "9", "9:5", "ساعت نه", "09:60"] {
            let err = parse_time(bad).unwrap_err();
            assert_eq!(crate::Problem::code(&err), "briefing.bad_time", "{bad}");
        }
    }

    #[test]
    fn services_are_read_by_name() {
        assert_eq!(Service::parse("Evaluation").unwrap(), Service::Evaluation);
        assert_eq!(Service::parse("accounts").unwrap(), Service::Accounts);
        assert!(Service::parse("festival").unwrap_err().to_string().contains("accounts"));
    }
}
