//! The results booklet's foreword: written by the office, kept in the province file, with a
//! default text until someone edits it.

use super::ReportError;
use crate::fa::{self, normalize_text};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, OptionalExtension};

fn key(year: i32) -> String {
    format!("booklet_foreword/{year}")
}

pub fn default_foreword(province: &str, year: i32, council: &str) -> String {
    let year = fa::int(year);
    format!(
        "ارزیابی عملکرد دستگاه‌های اجرایی، به استناد قانون مدیریت خدمات کشوری و آیین‌نامهٔ اجرایی نظام ارزیابی عملکرد، \
         هر سال با هدف بهبود کیفیت خدمات، پاسخ‌گویی و شفافیت انجام می‌شود. این کتابچه نتایج نهایی ارزیابی عملکرد سال {year} \
         دستگاه‌های اجرایی استان {province} را، آن‌گونه که در {council} تصویب شد، همراه با روش ارزیابی، \
         جایگاه هر دستگاه و نقاط قوت و قابل‌بهبود آن گزارش می‌کند.\n\
         از همهٔ مدیران و کارشناسان دستگاه‌ها که در خوداظهاری، ارائهٔ مستندات و فرایند اعتراض همراهی کردند، و از ارزیابان و \
         دبیرخانهٔ جشنوارهٔ شهید رجایی سپاسگزاریم. امید است این نتایج راهنمای برنامه‌ریزی سال پیش رو باشد."
    )
}

/// The stored foreword, or None when it was never edited.
pub fn stored_foreword(store: &Store, year: i32) -> Result<Option<String>, ReportError> {
    Ok(store
        .conn()
        .query_row("SELECT body FROM report_text WHERE key = ?1", [key(year)], |r| r.get(0))
        .optional()
        .map_err(crate::store::StoreError::from)?)
}

/// The council's name in the year's settings.
fn council_of(store: &Store, year: i32) -> Result<String, ReportError> {
    Ok(crate::evaluation::settings_of(store.conn(), year)?.council)
}

/// The foreword the booklet prints.
pub fn foreword(store: &Store, year: i32) -> Result<String, ReportError> {
    match stored_foreword(store, year)? {
        Some(text) => Ok(text),
        None => Ok(default_foreword(&store.province()?.province, year, &council_of(store, year)?)),
    }
}

/// Keep the office's foreword; an empty text goes back to the default. Audited.
pub fn set_foreword(store: &mut Store, year: i32, text: &str) -> Result<(), ReportError> {
    let text: String = text.split('\n').map(normalize_text).collect::<Vec<_>>().join("\n").trim().to_string();
    let old = stored_foreword(store, year)?;
    store.write(|tx, actor| {
        if text.is_empty() {
            tx.execute("DELETE FROM report_text WHERE key = ?1", [key(year)]).map_err(crate::store::StoreError::from)?;
        } else {
            tx.execute(
                "INSERT INTO report_text (key, body, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![key(year), text, crate::store::now_iso(), actor],
            )
            .map_err(crate::store::StoreError::from)?;
        }
        record_audit(tx, actor, &AuditEntry::new("report_text", &key(year), if text.is_empty() { "reset" } else { "edit" }).old(old).new_value(&text))?;
        Ok::<_, ReportError>(())
    })
}
