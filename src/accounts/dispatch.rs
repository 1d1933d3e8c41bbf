//! Step 6 on paper: the Statistical Centre's letter asking for the year's data (its number and
//! date, which the request letters and the package's cover letter answer), and each package
//! written for the Centre with the day it was sent. Writing a package is not sending it: the
//! office records the sending («ثبت ارسال») when the package leaves.

use super::AccountsError;
use crate::fa::{to_latin_digits, to_persian_digits, JalaliDate};
use crate::store::{jalali_of_iso, now_iso, record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The Statistical Centre's request letter of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CentreLetter {
    pub number: String,
    /// «۱۴۰۳/۰۲/۱۰»
    pub date: String,
}

impl CentreLetter {
    /// The line a letter answering it carries.
    pub fn reference(&self) -> String {
        format!("بازگشت به نامهٔ شمارهٔ {} مورخ {} مرکز آمار ایران", to_persian_digits(&self.number), self.date)
    }
}

/// Record (or correct) the Centre's request letter of `year`; an empty number and date clear
/// it. Both or neither. Audited with the old value.
pub fn set_centre_letter(
    store: &mut Store,
    year: i32,
    number: &str,
    date: &str,
) -> Result<Option<CentreLetter>, AccountsError> {
    let number = to_latin_digits(number.trim());
    let date = match (number.is_empty(), date.trim().is_empty()) {
        (true, true) => None,
        (false, false) => Some(
            JalaliDate::parse(date)
                .map_err(|e| AccountsError::BadDate {
                    what: "تاریخ نامهٔ مرکز آمار".into(), message: e.to_string()
                })?,
        ),
        (true, false) => return Err(AccountsError::CentreLetterIncomplete { missing: "شمارهٔ".into() }),
        (false, true) => return Err(AccountsError::CentreLetterIncomplete { missing: "تاریخ".into() }),
    };
    let old = centre_letter(store.conn(), year)?;
    let stored_date = date.map(JalaliDate::to_latin_string);
    let stored_number = Some(number.clone()).filter(|n| !n.is_empty());
    store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ra_year (year, sc_letter_number, sc_letter_date) VALUES (?1, ?2, ?3)
             ON CONFLICT (year) DO UPDATE SET sc_letter_number = excluded.sc_letter_number, sc_letter_date = excluded.sc_letter_date",
            params![year, stored_number, stored_date],
        )?;
        let key = year.to_string();
        let entry = AuditEntry::new("ra_year", &key, "centre_letter").old(&old).new_value((&number, &stored_date));
        record_audit(tx, actor, &entry)?;
        Ok::<_, AccountsError>(())
    })?;
    centre_letter(store.conn(), year)
}

/// The Centre's request letter of `year`, when recorded.
pub fn centre_letter(conn: &Connection, year: i32) -> Result<Option<CentreLetter>, AccountsError> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_row("SELECT sc_letter_number, sc_letter_date FROM ra_year WHERE year = ?1", [year], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(match row {
        Some((Some(number), Some(date))) => Some(CentreLetter { number, date: JalaliDate::display_stored(&date) }),
        _ => None,
    })
}

/// A package written for the Centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PackageRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub year: i32,
    pub file_name: String,
    pub draft: bool,
    pub manifest_sha256: String,
    /// When it was written, Jalali with the time.
    pub created_at_jalali: String,
    /// The day it was sent («۱۴۰۳/۱۰/۰۵»); null until «ثبت ارسال».
    pub sent_on: Option<String>,
}

/// Keep a written package (inside the transaction that records it).
pub(crate) fn record_package(
    tx: &Connection,
    year: i32,
    file_name: &str,
    draft: bool,
    manifest_sha256: &str,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO ra_package (year, file_name, draft, manifest_sha256, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![year, file_name, draft, manifest_sha256, now_iso()],
    )?;
    Ok(tx.last_insert_rowid())
}

const SELECT_PACKAGE: &str = "SELECT id, year, file_name, draft, manifest_sha256, created_at, sent_on FROM ra_package";

fn packages_where(conn: &Connection, clause: &str, arg: i64) -> Result<Vec<PackageRecord>, AccountsError> {
    let mut stmt = conn.prepare(&format!("{SELECT_PACKAGE} WHERE {clause} ORDER BY id DESC"))?;
    let rows = stmt.query_map([arg], |r| {
        Ok(PackageRecord {
            id: r.get(0)?,
            year: r.get(1)?,
            file_name: r.get(2)?,
            draft: r.get(3)?,
            manifest_sha256: r.get(4)?,
            created_at_jalali: jalali_of_iso(&r.get::<_, String>(5)?),
            sent_on: r.get::<_, Option<String>>(6)?.map(|d| JalaliDate::display_stored(&d)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The packages written for `year`, newest first.
pub fn packages(conn: &Connection, year: i32) -> Result<Vec<PackageRecord>, AccountsError> {
    packages_where(conn, "year = ?1", year.into())
}

fn package_record(conn: &Connection, id: i64) -> Result<PackageRecord, AccountsError> {
    packages_where(conn, "id = ?1", id)?.into_iter().next().ok_or(AccountsError::UnknownPackage { id })
}

/// Record the day package `id` was sent to the Centre (not after `today`); a second call
/// corrects it. Audited with the old date.
pub fn mark_sent(store: &mut Store, id: i64, date: &str, today: JalaliDate) -> Result<PackageRecord, AccountsError> {
    let old = package_record(store.conn(), id)?;
    let sent_on = JalaliDate::parse(date)
        .map_err(|e| AccountsError::BadDate {
            what: "تاریخ ارسال بسته".into(), message: e.to_string()
        })?;
    if sent_on > today {
        return Err(AccountsError::SentInFuture { date: sent_on.to_string(), today: today.to_string() });
    }
    store.write(|tx, actor| {
        tx.execute("UPDATE ra_package SET sent_on = ?2 WHERE id = ?1", params![id, sent_on.to_latin_string()])?;
        let key = id.to_string();
        let entry = AuditEntry::new("ra_package", &key, "sent").old(&old.sent_on).new_value(sent_on.to_latin_string());
        record_audit(tx, actor, &entry)?;
        Ok::<_, AccountsError>(())
    })?;
    package_record(store.conn(), id)
}
