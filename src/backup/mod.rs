//! Backups of the province file (issue 16 items 1 and 2): verified copies made by themselves
//! (the first open of a day, before an approval, a package or a batch intake, on close) in a
//! folder beside the file, `<name>.backups/`, and when set in a second folder (a USB stick, a
//! share); rotated; listed with what was done since; restored.
//!
//! A copy is made page by page with SQLite's backup API on the open connection (it reads
//! through the exclusive lock the store holds), checked with `PRAGMA integrity_check`, and only
//! then given its name, `YYYYMMDD-HHMMSS-<reason>.daftar`: the moment in local time, Gregorian
//! so names sort by it.

mod error;
mod listing;
mod restore;
pub mod rotation;

pub use error::BackupError;
pub use listing::{list, BackupInfo, BackupList, SinceBackup};
pub use restore::{open, restore, settings_or_default, BackupRef, Restored};
pub use rotation::Rotation;

use crate::store::{record_audit, AuditEntry, Store};
use chrono::{NaiveDateTime, Timelike};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Why a backup was made; its slug is part of the backup's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    Daily,
    Approval,
    Package,
    Intake,
    Close,
    Manual,
    Restore,
}

impl BackupReason {
    const ALL: [Self; 7] =
        [Self::Daily, Self::Approval, Self::Package, Self::Intake, Self::Close, Self::Manual, Self::Restore];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::Approval => "approval",
            Self::Package => "package",
            Self::Intake => "intake",
            Self::Close => "close",
            Self::Manual => "manual",
            Self::Restore => "restore",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Daily => "نخستین باز کردن روز",
            Self::Approval => "پیش از تصویب",
            Self::Package => "پیش از ساختن بسته",
            Self::Intake => "پیش از دریافت کارپوشه‌ها",
            Self::Close => "هنگام بستن",
            Self::Manual => "به خواست کاربر",
            Self::Restore => "پیش از بازگردانی",
        }
    }

    fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

/// Where backups go and how many stay; kept in the province file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSettings {
    /// A second folder (a USB stick, a share); empty: none. Backups go to `<it>/<name>.backups/`.
    pub second_folder: String,
    pub rotation: Rotation,
}

/// Which of the two folders a backup is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupLocation {
    Beside,
    Second,
}

/// A backup just made: its name and the folders it was written to; a folder that could not
/// take it is a warning.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupMade {
    pub name: String,
    pub written: Vec<String>,
    pub warnings: Vec<String>,
}

/// `<folder of the file>/<name>.backups`.
pub fn beside_folder(file: &Path) -> PathBuf {
    file.with_file_name(format!("{}.backups", stem(file)))
}

fn stem(file: &Path) -> String {
    file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "province".into())
}

/// The folders backups of `file` go to, the one beside it first.
pub fn folders(file: &Path, settings: &BackupSettings) -> Vec<(BackupLocation, PathBuf)> {
    let mut out = vec![(BackupLocation::Beside, beside_folder(file))];
    if !settings.second_folder.trim().is_empty() {
        let second = Path::new(settings.second_folder.trim()).join(format!("{}.backups", stem(file)));
        out.push((BackupLocation::Second, second));
    }
    out
}

/// `20241130-071500-approval.daftar` (with `-2`, `-3` … when the second is taken).
pub fn backup_name(now: NaiveDateTime, reason: BackupReason, taken: impl Fn(&str) -> bool) -> String {
    let base = format!("{}-{}", now.format("%Y%m%d-%H%M%S"), reason.slug());
    let mut name = format!("{base}.daftar");
    let mut n = 2;
    while taken(&name) {
        name = format!("{base}-{n}.daftar");
        n += 1;
    }
    name
}

/// The moment and reason a backup's name carries; None for any other file.
pub fn parse_name(name: &str) -> Option<(NaiveDateTime, BackupReason)> {
    let body = name.strip_suffix(".daftar")?;
    let mut parts = body.splitn(4, '-');
    let (date, time, slug) = (parts.next()?, parts.next()?, parts.next()?);
    if let Some(n) = parts.next() {
        n.parse::<u32>().ok()?;
    }
    let moment = NaiveDateTime::parse_from_str(&format!("{date}-{time}"), "%Y%m%d-%H%M%S").ok()?;
    Some((moment, BackupReason::from_slug(slug)?))
}

/// The backups in `folder`, by name with their moment, in no order.
pub(crate) fn backups_in(folder: &Path) -> Vec<(String, NaiveDateTime, BackupReason)> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            parse_name(&name).map(|(at, reason)| (name, at, reason))
        })
        .collect()
}

/// The backup settings of the open file.
pub fn settings(conn: &Connection) -> Result<BackupSettings, BackupError> {
    Ok(conn.query_row(
        "SELECT second_folder, keep_last, keep_days, keep_months FROM backup_setting WHERE id = 1",
        [],
        |r| {
            Ok(BackupSettings {
                second_folder: r.get(0)?,
                rotation: Rotation { keep_last: r.get(1)?, keep_days: r.get(2)?, keep_months: r.get(3)? },
            })
        },
    )?)
}

/// Change the second folder and the rotation (audited). The second folder must exist now.
pub fn set_settings(store: &mut Store, new: &BackupSettings) -> Result<BackupSettings, BackupError> {
    let new = BackupSettings { second_folder: new.second_folder.trim().to_string(), rotation: new.rotation };
    let folder = Path::new(&new.second_folder);
    let usable = new.second_folder.is_empty() || (folder.is_absolute() && folder.is_dir());
    if !usable {
        return Err(BackupError::Settings(format!(
            "پوشهٔ دوم «{}» پیدا نشد؛ نشانی کامل پوشه‌ای را بدهید که هست (مثلاً حافظهٔ جانبی وصل‌شده).",
            new.second_folder
        )));
    }
    let Rotation { keep_last, keep_days, keep_months } = new.rotation;
    if !(1..=1000).contains(&keep_last) || keep_days > 3650 || keep_months > 1200 {
        return Err(BackupError::Settings(
            "شمار پشتیبان‌های نگه‌داشته: «واپسین» میان ۱ و ۱۰۰۰، روزها تا ۳۶۵۰ و ماه‌ها تا ۱۲۰۰.".into(),
        ));
    }
    let old = settings(store.conn())?;
    store.write(|tx, actor| {
        tx.execute(
            "UPDATE backup_setting SET second_folder = ?1, keep_last = ?2, keep_days = ?3, keep_months = ?4 WHERE id = 1",
            rusqlite::params![new.second_folder, keep_last, keep_days, keep_months],
        )?;
        record_audit(tx, actor, &AuditEntry::new("backup_setting", "1", "update").old(&old).new_value(&new))?;
        Ok::<_, BackupError>(())
    })?;
    Ok(new)
}

/// Make a verified backup of the open file now, in every folder, then rotate each folder.
/// Fails only when no folder took it or the copy did not verify (it is deleted then).
pub fn make(store: &Store, reason: BackupReason, now: NaiveDateTime) -> Result<BackupMade, BackupError> {
    let settings = settings(store.conn()).unwrap_or_default();
    let targets = folders(store.path(), &settings);
    let name = backup_name(now.with_nanosecond(0).unwrap_or(now), reason, |n| {
        targets.iter().any(|(_, folder)| folder.join(n).exists())
    });
    let mut verified: Option<PathBuf> = None;
    let mut made = BackupMade { name: name.clone(), written: Vec::new(), warnings: Vec::new() };
    for (_, folder) in &targets {
        match write_into(store.conn(), folder, &name, verified.as_deref()) {
            Ok(path) => {
                rotate(folder, &settings.rotation, now);
                made.written.push(path.display().to_string());
                verified.get_or_insert(path);
            }
            Err(WriteFailure::Damaged(detail)) => return Err(BackupError::CopyDamaged { name, detail }),
            Err(WriteFailure::Unwritable(why)) => {
                made.warnings.push(format!("پشتیبان در پوشهٔ «{}» نوشته نشد: {why}.", folder.display()))
            }
        }
    }
    if made.written.is_empty() {
        return Err(BackupError::NotWritten { folder: targets[0].1.clone(), reasons: made.warnings });
    }
    Ok(made)
}

/// Now, in local time: the moment backups are named by.
pub fn local_now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Back up before `reason`'s operation: a folder that cannot take it is a warning kept on the
/// store, never a failure of the operation. A file opened read-only is not copied.
pub fn before(store: &mut Store, reason: BackupReason) {
    before_at(store, reason, local_now());
}

fn before_at(store: &mut Store, reason: BackupReason, now: NaiveDateTime) {
    if store.read_only().is_some() {
        return;
    }
    match make(store, reason, now) {
        Ok(made) => made.warnings.into_iter().for_each(|w| store.warn(w)),
        Err(e) => store.warn(format!("{e} کار شما انجام می‌شود.")),
    }
}

/// The first open of a day (by `now`) makes a backup; later opens that day do not.
/// Returns whether one was made (or tried).
pub fn on_open(store: &mut Store, now: NaiveDateTime) -> bool {
    if store.read_only().is_some() {
        return false;
    }
    let settings = settings(store.conn()).unwrap_or_default();
    let today = now.date();
    let made_today = folders(store.path(), &settings)
        .iter()
        .any(|(_, folder)| backups_in(folder).iter().any(|(_, at, _)| at.date() == today));
    if !made_today {
        before_at(store, BackupReason::Daily, now);
    }
    !made_today
}

enum WriteFailure {
    /// The folder or disk did not take it: a warning.
    Unwritable(String),
    /// The copy did not verify: the file itself is suspect.
    Damaged(String),
}

/// Write `name` into `folder` under a temporary name, verify it, then give it its name.
fn write_into(conn: &Connection, folder: &Path, name: &str, copy_of: Option<&Path>) -> Result<PathBuf, WriteFailure> {
    let io = |e: std::io::Error| WriteFailure::Unwritable(crate::error::io_reason(&e).to_string());
    std::fs::create_dir_all(folder).map_err(io)?;
    let partial = folder.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let written = match copy_of {
        Some(source) => std::fs::copy(source, &partial).map(drop).map_err(io),
        None => copy_pages(conn, &partial).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                WriteFailure::Damaged(e.to_string())
            }
            Some(rusqlite::ErrorCode::DiskFull) => WriteFailure::Unwritable("دیسک پر است".into()),
            _ => WriteFailure::Unwritable("پوشه اجازهٔ نوشتن نداد یا در دسترس نیست".into()),
        }),
    };
    let verified = written.and_then(|()| verify(&partial).map_err(WriteFailure::Damaged));
    let named = verified.and_then(|()| std::fs::rename(&partial, folder.join(name)).map_err(io));
    if named.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    named.map(|()| folder.join(name))
}

/// The open file copied page by page into `partial` with SQLite's backup API, through the
/// store's own connection (and so through its exclusive lock). Pages are copied as they are,
/// not rebuilt as `VACUUM INTO` would, and the copy is written without a journal of its own
/// (a copy cut short is never named: it must verify first), then synced once.
fn copy_pages(conn: &Connection, partial: &Path) -> rusqlite::Result<()> {
    let mut copy = Connection::open(partial)?;
    copy.pragma_update(None, "journal_mode", "OFF")?;
    copy.pragma_update(None, "synchronous", "OFF")?;
    let step = rusqlite::backup::Backup::new(conn, &mut copy)?.step(-1)?;
    drop(copy);
    if step != rusqlite::backup::StepResult::Done {
        // Another connection holds the copy's file: it is not ours to write.
        return Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None));
    }
    // Opened for writing: Windows flushes only a handle that may write.
    let synced = std::fs::OpenOptions::new().write(true).open(partial).and_then(|f| f.sync_all());
    synced.map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))
}

/// A copy is good when it is a Daftar file and SQLite's integrity check says «ok».
pub fn verify(path: &Path) -> Result<(), String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| e.to_string())?;
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| e.to_string())?;
    if id != crate::store::APPLICATION_ID {
        return Err("not a Daftar file (application_id)".into());
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(|e| e.to_string())?;
    let rows: Vec<String> =
        stmt.query_map([], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(|e| e.to_string())?;
    match rows.as_slice() {
        [ok] if ok == "ok" => Ok(()),
        _ => Err(rows.iter().flat_map(|r| r.lines()).take(3).collect::<Vec<_>>().join(" ")),
    }
}

/// Delete what the rotation does not keep; a file that will not go stays (the next rotation tries).
fn rotate(folder: &Path, rotation: &Rotation, now: NaiveDateTime) {
    let found = backups_in(folder);
    let moments: Vec<NaiveDateTime> = found.iter().map(|(_, at, _)| *at).collect();
    for ((name, _, _), keep) in found.iter().zip(rotation::keeps(&moments, rotation, now)) {
        if !keep {
            let _ = std::fs::remove_file(folder.join(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_carries_the_moment_and_the_reason() {
        let now = NaiveDateTime::parse_from_str("2024-11-30 07:15:09", "%Y-%m-%d %H:%M:%S").unwrap();
        let name = backup_name(now, BackupReason::Approval, |_| false);
        assert_eq!(name, "20241130-071509-approval.daftar");
        assert_eq!(parse_name(&name), Some((now, BackupReason::Approval)));
        let second = backup_name(now, BackupReason::Approval, |n| n == name);
        assert_eq!(second, "20241130-071509-approval-2.daftar");
        assert_eq!(parse_name(&second), Some((now, BackupReason::Approval)));
        for other in ["lorestan.daftar", "20241130-071509-approval.xlsx", "20241130-0715-x.daftar", ".a.partial"] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }
}
