//! The backups of a file, newest first: when, why, how big, which years they hold, and what the
//! current file's audit log has recorded since each was made.

use super::{backups_in, folders, BackupLocation, BackupReason, BackupSettings};
use crate::fa::{self, JalaliDate};
use crate::store::AuditService;
use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// One backup as the list shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupInfo {
    pub name: String,
    pub location: BackupLocation,
    pub folder: String,
    /// Local time, «2024-11-30T07:15:09».
    pub made_at: String,
    pub made_at_jalali: String,
    pub reason: BackupReason,
    pub reason_label: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub size_label: String,
    /// The working year and every year with accounts or evaluation data in it.
    pub years: Vec<i32>,
    /// False when the backup cannot be read as a Daftar file.
    pub readable: bool,
    /// What was done in the current file after it; None when the current file cannot be read.
    pub since: Option<SinceBackup>,
}

/// The current file's audit entries after a backup's last one.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SinceBackup {
    pub changes: u32,
    /// «۵ تغییر: ارزیابی عملکرد ۳، دستگاه‌ها ۲» or «بی‌تغییر از آن پس».
    pub summary: String,
}

/// The list, with where it looked and the settings it used.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupList {
    pub file: String,
    pub folders: Vec<String>,
    pub settings: BackupSettings,
    pub backups: Vec<BackupInfo>,
}

/// The backups of `file` in its folders, newest first. `current` is the file's open connection
/// (None when it is damaged), for «what was done since».
pub fn list(file: &Path, current: Option<&Connection>, settings: &BackupSettings) -> BackupList {
    let targets = folders(file, settings);
    let mut backups: Vec<BackupInfo> = targets
        .iter()
        .flat_map(|(location, folder)| {
            backups_in(folder).into_iter().map(move |(name, at, reason)| {
                let path = folder.join(&name);
                describe(&path, name, *location, at, reason, current)
            })
        })
        .collect();
    backups.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(a.name.cmp(&b.name)));
    BackupList {
        file: file.display().to_string(),
        folders: targets.iter().map(|(_, f)| f.display().to_string()).collect(),
        settings: settings.clone(),
        backups,
    }
}

fn describe(
    path: &Path,
    name: String,
    location: BackupLocation,
    at: NaiveDateTime,
    reason: BackupReason,
    current: Option<&Connection>,
) -> BackupInfo {
    let size_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let inside = read_inside(path);
    let since = match (&inside, current) {
        (Some((_, last_audit)), Some(conn)) => since(conn, *last_audit).ok(),
        _ => None,
    };
    BackupInfo {
        name,
        location,
        folder: path.parent().map(|p| p.display().to_string()).unwrap_or_default(),
        made_at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        made_at_jalali: format!(
            "{} {}",
            JalaliDate::from_gregorian(at.date()),
            fa::to_persian_digits(&at.format("%H:%M").to_string())
        ),
        reason,
        reason_label: reason.label().to_string(),
        size_bytes,
        size_label: size_label(size_bytes),
        readable: inside.is_some(),
        years: inside.map(|(years, _)| years).unwrap_or_default(),
        since,
    }
}

/// The years a backup holds and its last audit entry's id, read without touching it.
fn read_inside(path: &Path) -> Option<(Vec<i32>, i64)> {
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
    let last_audit: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0)).ok()?;
    let mut years: Vec<i32> = Vec::new();
    for sql in ["SELECT working_year FROM province", "SELECT year FROM ra_template", "SELECT year FROM ev_year"] {
        if let Ok(mut stmt) = conn.prepare(sql) {
            let found = stmt.query_map([], |r| r.get::<_, i32>(0)).and_then(|rows| rows.collect::<Result<Vec<_>, _>>());
            years.extend(found.unwrap_or_default());
        }
    }
    years.sort();
    years.dedup();
    Some((years, last_audit))
}

fn since(conn: &Connection, last_audit: i64) -> rusqlite::Result<SinceBackup> {
    let mut stmt = conn.prepare("SELECT entity FROM audit_log WHERE id > ?1")?;
    let entities: Vec<String> = stmt.query_map([last_audit], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut by_service: BTreeMap<&'static str, usize> = BTreeMap::new();
    for entity in &entities {
        *by_service.entry(AuditService::of_entity(entity).label()).or_default() += 1;
    }
    let summary = if entities.is_empty() {
        "بی‌تغییر از آن پس".to_string()
    } else {
        let parts: Vec<String> = by_service.iter().map(|(label, n)| format!("{label} {}", fa::count(*n))).collect();
        format!("{} تغییر: {}", fa::count(entities.len()), parts.join("، "))
    };
    Ok(SinceBackup { changes: entities.len() as u32, summary })
}

/// «۳۴۰ کیلوبایت», «۲٫۴ مگابایت».
pub fn size_label(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB * KB {
        format!("{} کیلوبایت", fa::format_integer((b / KB).ceil() as i64))
    } else {
        format!("{} مگابایت", fa::format_decimal(b / KB / KB, 1))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(super::size_label(300 * 1024), "۳۰۰ کیلوبایت");
        assert_eq!(super::size_label(2_516_582), "۲٫۴ مگابایت");
    }
}
