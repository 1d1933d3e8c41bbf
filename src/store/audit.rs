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
    /// The part of Daftar the change belongs to.
    pub service: AuditService,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
}

pub(super) fn record(conn: &Connection, actor: &str, entry: &AuditEntry) -> rusqlite::Result<()> {
    // Cached: a batch of workbooks writes one row per workbook.
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, entity, entity_key, action, old_value, new_value, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        now_iso(),
        actor,
        entry.entity,
        entry.entity_key,
        entry.action,
        entry.old.as_ref().map(Value::to_string),
        entry.new.as_ref().map(Value::to_string),
        entry.reason,
    ])?;
    Ok(())
}

pub(super) fn latest(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, entity, entity_key, action, old_value, new_value, reason
         FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], row_of)?;
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

/// The part of Daftar a change belongs to, read from the audited entity's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditService {
    Accounts,
    Evaluation,
    Agencies,
    /// The province file itself, its key and the reports' texts.
    File,
}

impl AuditService {
    pub fn of_entity(entity: &str) -> Self {
        if entity.starts_with("ra_") {
            Self::Accounts
        } else if entity.starts_with("ev_") {
            Self::Evaluation
        } else if entity.starts_with("agency") {
            Self::Agencies
        } else {
            Self::File
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Accounts => "حساب‌های منطقه‌ای",
            Self::Evaluation => "ارزیابی عملکرد",
            Self::Agencies => "دستگاه‌ها",
            Self::File => "پرونده و گزارش‌ها",
        }
    }
}

/// Which audit rows to show; every field left empty matches all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize, TS)]
pub struct AuditFilter {
    pub service: Option<AuditService>,
    /// An agency's code: rows whose key names it (`1403/512`) or whose values carry it.
    pub agency: Option<String>,
    /// Who made the change (exact name as recorded).
    pub actor: Option<String>,
    /// First and last day, Jalali («1403/07/01», any digits), both included.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Why an audit query or export could not be done.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("تاریخ «از» یا «تا»: {0}")]
    Date(#[from] crate::fa::JalaliError),
    #[error("«از» ({from}) پس از «تا» ({to}) است؛ بازه را درست کنید.")]
    RangeReversed { from: String, to: String },
    #[error("کارپوشهٔ گزارش تغییرات «{path}» نوشته نشد: {}. پوشهٔ دیگری برگزینید یا ببینید فایل در برنامهٔ دیگری باز نباشد.", crate::error::system_reason(.detail))]
    Write { path: String, detail: String },
    #[error(transparent)]
    Store(#[from] super::StoreError),
}

impl From<rusqlite::Error> for AuditError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

impl crate::error::Problem for AuditError {
    fn code(&self) -> &'static str {
        match self {
            Self::Date(_) => "audit.date",
            Self::RangeReversed { .. } => "audit.range_reversed",
            Self::Write { .. } => "audit.write_failed",
            Self::Store(e) => e.code(),
        }
    }
    fn fault(&self) -> crate::error::Fault {
        match self {
            Self::Store(e) => e.fault(),
            _ => crate::error::Fault::User,
        }
    }
    fn details(&self) -> Vec<String> {
        match self {
            Self::Write { detail, .. } => vec![detail.clone()],
            Self::Store(e) => e.details(),
            _ => Vec::new(),
        }
    }
}

/// The rows a filter picks, newest first, and who appears in the whole log (for the filter's list).
#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// How many rows match; `rows` holds at most the limit asked for.
    pub matching: u32,
    pub actors: Vec<String>,
}

/// The filter as SQL conditions over audit_log, with their parameters.
fn conditions(filter: &AuditFilter) -> Result<(String, Vec<String>), AuditError> {
    let mut sql = vec!["1 = 1".to_string()];
    let mut args: Vec<String> = Vec::new();
    let day = |text: &Option<String>| -> Result<Option<JalaliDate>, AuditError> {
        Ok(match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Some(JalaliDate::parse(t)?),
            None => None,
        })
    };
    let (from, to) = (day(&filter.from)?, day(&filter.to)?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(AuditError::RangeReversed { from: f.to_string(), to: t.to_string() });
        }
    }
    // `at` is local time in RFC 3339, so its first ten characters are the local day.
    if let Some(f) = from {
        args.push(f.to_gregorian().format("%Y-%m-%d").to_string());
        sql.push(format!("substr(at, 1, 10) >= ?{}", args.len()));
    }
    if let Some(t) = to {
        args.push(t.to_gregorian().format("%Y-%m-%d").to_string());
        sql.push(format!("substr(at, 1, 10) <= ?{}", args.len()));
    }
    if let Some(actor) = filter.actor.as_deref().filter(|a| !a.is_empty()) {
        args.push(actor.to_string());
        sql.push(format!("actor = ?{}", args.len()));
    }
    if let Some(code) = filter.agency.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        args.push(crate::fa::to_latin_digits(code));
        let n = args.len();
        sql.push(format!(
            "(instr('/' || entity_key || '/', '/' || ?{n} || '/') > 0
              OR instr(coalesce(old_value, ''), '\"' || ?{n} || '\"') > 0
              OR instr(coalesce(new_value, ''), '\"' || ?{n} || '\"') > 0)"
        ));
    }
    if let Some(service) = filter.service {
        sql.push(
            match service {
                AuditService::Accounts => "entity LIKE 'ra\\_%' ESCAPE '\\'",
                AuditService::Evaluation => "entity LIKE 'ev\\_%' ESCAPE '\\'",
                AuditService::Agencies => "entity LIKE 'agency%'",
                AuditService::File => {
                    "entity NOT LIKE 'ra\\_%' ESCAPE '\\' AND entity NOT LIKE 'ev\\_%' ESCAPE '\\' AND entity NOT LIKE 'agency%'"
                }
            }
            .to_string(),
        );
    }
    Ok((sql.join(" AND "), args))
}

fn row_of(r: &rusqlite::Row) -> rusqlite::Result<AuditRow> {
    let at: String = r.get(1)?;
    Ok(AuditRow {
        id: r.get(0)?,
        at_jalali: jalali_of_iso(&at),
        at,
        actor: r.get(2)?,
        service: AuditService::of_entity(&r.get::<_, String>(3)?),
        entity: r.get(3)?,
        entity_key: r.get(4)?,
        action: r.get(5)?,
        old_value: r.get(6)?,
        new_value: r.get(7)?,
        reason: r.get(8)?,
    })
}

/// The audit rows `filter` picks, newest first, at most `limit` of them.
pub fn query(conn: &Connection, filter: &AuditFilter, limit: u32) -> Result<AuditPage, AuditError> {
    let (condition, args) = conditions(filter)?;
    let params = rusqlite::params_from_iter(args.iter());
    let matching: u32 =
        conn.query_row(&format!("SELECT count(*) FROM audit_log WHERE {condition}"), params, |r| r.get(0))?;
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, entity, entity_key, action, old_value, new_value, reason
         FROM audit_log WHERE {condition} ORDER BY id DESC LIMIT {limit}"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), row_of)?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare("SELECT DISTINCT actor FROM audit_log ORDER BY actor")?;
    let actors = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(AuditPage { rows, matching, actors })
}

/// Every row `filter` picks as a right-to-left workbook with Persian headers; returns how many.
pub fn export_xlsx(conn: &Connection, filter: &AuditFilter, out: &std::path::Path) -> Result<u32, AuditError> {
    let page = query(conn, filter, u32::MAX)?;
    let write_failed = |detail: String| AuditError::Write { path: out.display().to_string(), detail };
    let bytes = workbook(&page.rows).map_err(|e| write_failed(e.to_string()))?;
    std::fs::write(out, bytes).map_err(|e| write_failed(e.to_string()))?;
    Ok(page.rows.len() as u32)
}

fn workbook(rows: &[AuditRow]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::sheets::style;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("گزارش تغییرات")?.set_right_to_left(true);
    let columns: [(&str, f64); 10] = [
        ("ردیف", 8.0),
        ("زمان", 18.0),
        ("کاربر", 16.0),
        ("بخش", 18.0),
        ("موضوع", 20.0),
        ("کلید", 18.0),
        ("کار", 12.0),
        ("پیش از تغییر", 40.0),
        ("پس از تغییر", 40.0),
        ("دلیل", 30.0),
    ];
    let header = style::header();
    for (c, (title, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *title, &header)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number(r, 0, row.id as f64)?;
        let texts = [
            row.at_jalali.as_str(),
            row.actor.as_str(),
            row.service.label(),
            row.entity.as_str(),
            row.entity_key.as_str(),
            row.action.as_str(),
            row.old_value.as_deref().unwrap_or(""),
            row.new_value.as_deref().unwrap_or(""),
            row.reason.as_deref().unwrap_or(""),
        ];
        for (c, text) in texts.iter().enumerate() {
            sheet.write_string(r, c as u16 + 1, *text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{record_audit, NewProvince, Store};

    fn store_with_rows() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let setup = NewProvince { province: "لرستان".into(), office: "سازمان".into(), working_year: 1403 };
        let mut store = Store::create(&dir.path().join("p.daftar"), &setup, "مریم").unwrap();
        store
            .write(|tx, actor| {
                record_audit(tx, actor, &AuditEntry::new("ra_status", "1403/512/T01", "approve"))?;
                record_audit(tx, "علی", &AuditEntry::new("ev_objection", "14", "file").new_value(("5120", "S1")))?;
                record_audit(tx, "علی", &AuditEntry::new("ev_objection", "15", "file").new_value(("512", "S1")))?;
                record_audit(tx, actor, &AuditEntry::new("agency", "512", "edit"))?;
                Ok::<_, crate::store::StoreError>(())
            })
            .unwrap();
        (dir, store)
    }

    fn keys(page: &AuditPage) -> Vec<String> {
        page.rows.iter().map(|r| format!("{}:{}", r.entity, r.entity_key)).collect()
    }

    #[test]
    fn an_agency_is_found_in_keys_and_values_but_not_inside_a_longer_code() {
        let (_dir, store) = store_with_rows();
        let filter = AuditFilter { agency: Some("۵۱۲".into()), ..Default::default() };
        let page = query(store.conn(), &filter, 100).unwrap();
        assert_eq!(keys(&page), ["agency:512", "ev_objection:15", "ra_status:1403/512/T01"]);
        assert_eq!(page.matching, 3);
    }

    #[test]
    fn service_person_and_days_narrow_the_rows() {
        let (_dir, store) = store_with_rows();
        let by_service = AuditFilter { service: Some(AuditService::Evaluation), ..Default::default() };
        assert_eq!(query(store.conn(), &by_service, 100).unwrap().matching, 2);
        let by_person =
            AuditFilter { actor: Some("مریم".into()), service: Some(AuditService::File), ..Default::default() };
        // «province create» is the file's own row, recorded by whoever created it.
        assert_eq!(keys(&query(store.conn(), &by_person, 100).unwrap()), ["province:1"]);
        let today = JalaliDate::today();
        let tomorrow = JalaliDate::from_gregorian(today.to_gregorian().succ_opt().unwrap());
        let future = AuditFilter { from: Some(tomorrow.to_latin_string()), ..Default::default() };
        assert_eq!(query(store.conn(), &future, 100).unwrap().matching, 0);
        let today_only = AuditFilter {
            from: Some(today.to_latin_string()),
            to: Some(today.to_latin_string()),
            ..Default::default()
        };
        assert_eq!(query(store.conn(), &today_only, 100).unwrap().matching, 5);
        let reversed = AuditFilter {
            from: Some(tomorrow.to_latin_string()),
            to: Some(today.to_latin_string()),
            ..Default::default()
        };
        assert_eq!(
            crate::error::Problem::code(&query(store.conn(), &reversed, 100).unwrap_err()),
            "audit.range_reversed"
        );
    }

    #[test]
    fn the_export_is_a_right_to_left_sheet_with_persian_headers() {
        use calamine::Reader;
        let (dir, store) = store_with_rows();
        let out = dir.path().join("audit.xlsx");
        let filter = AuditFilter { service: Some(AuditService::Evaluation), ..Default::default() };
        assert_eq!(export_xlsx(store.conn(), &filter, &out).unwrap(), 2);
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
        let range = book.worksheet_range("گزارش تغییرات").unwrap();
        assert_eq!(range.get((0, 1)).unwrap().to_string(), "زمان");
        assert_eq!(range.get((1, 3)).unwrap().to_string(), "ارزیابی عملکرد");
        assert_eq!(range.get((1, 5)).unwrap().to_string(), "15");
        assert_eq!(range.height(), 3);
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut sheet_xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet_xml).unwrap();
        assert!(sheet_xml.contains("rightToLeft=\"1\""));
    }
}
