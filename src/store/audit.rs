//! The audit log: what changed, from what to what, who, when and why.

use crate::fa::JalaliDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// One change to record; `old` and `new` are the entity as JSON before and after.
pub struct AuditEntry<'a> {
    pub entity: &'a str,
    pub entity_key: &'a str,
    pub action: &'a str,
    pub old: Option<Value>,
    pub new: Option<Value>,
    pub reason: Option<&'a str>,
}

impl<'a> AuditEntry<'a> {
    pub fn new(entity: &'a str, entity_key: &'a str, action: &'a str) -> Self {
        Self { entity, entity_key, action, old: None, new: None, reason: None }
    }
    pub fn old(mut self, value: impl Serialize) -> Self {
        self.old = serde_json::to_value(value).ok();
        self
    }
    pub fn new_value(mut self, value: impl Serialize) -> Self {
        self.new = serde_json::to_value(value).ok();
        self
    }
    pub fn reason(mut self, reason: Option<&'a str>) -> Self {
        self.reason = reason.filter(|r| !r.trim().is_empty());
        self
    }
}

/// An audit row as read back.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditRow {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub at_jalali: String,
    pub actor: String,
    pub entity: String,
    pub entity_key: String,
    pub action: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
}

pub(super) fn record(conn: &Connection, actor: &str, entry: &AuditEntry) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, entity, entity_key, action, old_value, new_value, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            now_iso(),
            actor,
            entry.entity,
            entry.entity_key,
            entry.action,
            entry.old.as_ref().map(Value::to_string),
            entry.new.as_ref().map(Value::to_string),
            entry.reason,
        ],
    )?;
    Ok(())
}

pub(super) fn latest(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, entity, entity_key, action, old_value, new_value, reason
         FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        let at: String = r.get(1)?;
        Ok(AuditRow {
            id: r.get(0)?,
            at_jalali: jalali_of_iso(&at),
            at,
            actor: r.get(2)?,
            entity: r.get(3)?,
            entity_key: r.get(4)?,
            action: r.get(5)?,
            old_value: r.get(6)?,
            new_value: r.get(7)?,
            reason: r.get(8)?,
        })
    })?;
    rows.collect()
}

/// Local time with its offset, to the second.
pub fn now_iso() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// «۱۴۰۳/۰۱/۰۱ ۱۰:۲۰» from an RFC 3339 timestamp; the timestamp itself if it cannot be read.
pub fn jalali_of_iso(at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => format!(
            "{} {}",
            JalaliDate::from_gregorian(t.date_naive()),
            crate::fa::to_persian_digits(&t.format("%H:%M").to_string())
        ),
        Err(_) => at.to_string(),
    }
}
