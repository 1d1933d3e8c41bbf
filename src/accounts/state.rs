//! Where one agency's part of one table stands in review: requested -> received -> checked ->
//! approved -> sent. Issuing workbooks, intake, review and packaging each move it forward.

use crate::store::now_iso;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    Requested,
    Received,
    Checked,
    Approved,
    Sent,
}

impl ReviewState {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Received => "received",
            Self::Checked => "checked",
            Self::Approved => "approved",
            Self::Sent => "sent",
        }
    }
    pub(super) fn from_db(text: &str) -> Self {
        match text {
            "received" => Self::Received,
            "checked" => Self::Checked,
            "approved" => Self::Approved,
            "sent" => Self::Sent,
            _ => Self::Requested,
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::Requested => "درخواست‌شده",
            Self::Received => "دریافت‌شده",
            Self::Checked => "بررسی‌شده",
            Self::Approved => "تأییدشده",
            Self::Sent => "فرستاده‌شده",
        }
    }
}

/// Move every (agency, table) in `parts` to `state`, but never backwards past `keep_from`:
/// parts already at `keep_from` or later stay where they are.
pub(super) fn advance(
    conn: &Connection,
    actor: &str,
    year: i32,
    parts: &[(i64, String)],
    state: ReviewState,
    keep_from: ReviewState,
) -> rusqlite::Result<()> {
    for (agency_id, table) in parts {
        // Cached: every workbook of a batch advances its tables.
        let current: Option<String> = conn
            .prepare_cached("SELECT state FROM ra_status WHERE year = ?1 AND agency_id = ?2 AND table_code = ?3")?
            .query_row(params![year, agency_id, table], |r| r.get(0))
            .optional()?;
        if current.as_deref().map(ReviewState::from_db).is_some_and(|s| s >= keep_from) {
            continue;
        }
        conn.prepare_cached(
            "INSERT INTO ra_status (year, agency_id, table_code, state, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (year, agency_id, table_code) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at, changed_by = excluded.changed_by",
        )?
        .execute(params![year, agency_id, table, state.as_str(), now_iso(), actor])?;
    }
    Ok(())
}
