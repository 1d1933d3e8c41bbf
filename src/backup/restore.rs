//! Opening a file with its damage in view, and putting a backup in its place.

use super::BackupSettings;
use super::{backups_in, beside_folder, folders, make, on_open, verify, BackupError, BackupLocation, BackupReason};
use crate::store::{Store, StoreError};
use chrono::NaiveDateTime;
use rusqlite::ErrorCode;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A backup chosen from the list: its name and folder (never a path from the page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupRef {
    pub name: String,
    pub location: BackupLocation,
}

/// A restore done: which backup, and where the file that was replaced was kept.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Restored {
    pub name: String,
    pub aside: String,
}

/// Open the province file as the app and the CLI do: a damaged file is said to be damaged,
/// with how many backups it has; a good one gets its daily backup (at `now`) when writable.
pub fn open(path: &Path, actor: &str, read_only: bool, now: NaiveDateTime) -> Result<Store, BackupError> {
    let opened = if read_only { Store::open_read_only(path, actor) } else { Store::open(path, actor) };
    let mut store = match opened {
        Ok(store) => store,
        Err(e) => return Err(damage_of(path, e)),
    };
    // A quick check reads every page once: garbled bytes inside the file show here.
    let check: rusqlite::Result<String> = store.conn().query_row("PRAGMA quick_check", [], |r| r.get(0));
    match check {
        Ok(ok) if ok == "ok" => {}
        Ok(problem) => return Err(damaged(path, first_lines(&problem))),
        Err(e) => return Err(damage_of(path, StoreError::from(e))),
    }
    on_open(&mut store, now);
    Ok(store)
}

/// A failure to open that means the file is damaged becomes `Damaged`; others stay as they are.
fn damage_of(path: &Path, e: StoreError) -> BackupError {
    let corrupt = |source: &rusqlite::Error| {
        matches!(source.sqlite_error_code(), Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase))
    };
    let is_damage = match &e {
        StoreError::CannotOpen { source, .. } | StoreError::Sqlite(source) => corrupt(source),
        StoreError::MigrationFailed { source, .. } => corrupt(source),
        // A garbled header: damage when the file has backups (else it is just another file).
        StoreError::NotAProvinceFile { .. } => !backups_in(&beside_folder(path)).is_empty(),
        _ => false,
    };
    if is_damage {
        damaged(path, e.to_string())
    } else {
        BackupError::Store(e)
    }
}

/// SQLite's report of a damaged file runs to hundreds of lines; the first few say enough.
fn first_lines(report: &str) -> String {
    report.lines().take(3).collect::<Vec<_>>().join(" ")
}

fn damaged(path: &Path, detail: String) -> BackupError {
    let folder = beside_folder(path);
    match backups_in(&folder).len() {
        0 => BackupError::DamagedWithoutBackup { path: path.to_path_buf(), folder, detail },
        n => BackupError::Damaged { path: path.to_path_buf(), backups: n, detail },
    }
}

/// Put `choice` in place of `file`: the backup is verified, the current file is kept aside
/// first (a backup «پیش از بازگردانی», or a plain copy when it cannot be read), `slot`'s store is
/// closed, the backup copied over the file, and the file reopened into `slot`.
pub fn restore(
    slot: &mut Option<Store>,
    file: &Path,
    choice: &BackupRef,
    settings: &BackupSettings,
    actor: &str,
    now: NaiveDateTime,
) -> Result<Restored, BackupError> {
    let source = resolve(file, choice, settings)?;
    verify(&source).map_err(|detail| BackupError::BackupDamaged { name: choice.name.clone(), detail })?;
    let aside = match slot.as_ref().map(|store| make(store, BackupReason::Restore, now)) {
        Some(Ok(made)) => made.written.first().cloned().unwrap_or_default(),
        // A file that opens but does not copy cleanly is damaged: kept as it is.
        None | Some(Err(BackupError::CopyDamaged { .. })) => copy_aside(file, now)?,
        Some(Err(e)) => return Err(BackupError::AsideFailed(e.to_string())),
    };
    *slot = None; // release the file's lock before it is replaced
    if let Err(e) = replace(file, &source) {
        *slot = Store::open(file, actor).ok();
        return Err(e);
    }
    *slot = Some(Store::open(file, actor)?);
    Ok(Restored { name: choice.name.clone(), aside })
}

/// The backup's path, when the name is one of that folder's backups.
fn resolve(file: &Path, choice: &BackupRef, settings: &BackupSettings) -> Result<PathBuf, BackupError> {
    let unknown = || BackupError::UnknownBackup { name: choice.name.clone() };
    let folder = folders(file, settings).into_iter().find(|(l, _)| *l == choice.location).ok_or_else(unknown)?.1;
    backups_in(&folder).into_iter().find(|(name, _, _)| *name == choice.name).ok_or_else(unknown)?;
    Ok(folder.join(&choice.name))
}

/// A file that cannot be opened is kept as it is, byte for byte, outside the rotation.
fn copy_aside(file: &Path, now: NaiveDateTime) -> Result<String, BackupError> {
    if !file.exists() {
        return Ok(String::new());
    }
    let folder = beside_folder(file);
    let aside = folder.join(format!("{}-restore.damaged", now.format("%Y%m%d-%H%M%S")));
    std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::copy(file, &aside))
        .map_err(|e| BackupError::AsideFailed(crate::error::io_reason(&e).to_string()))?;
    Ok(aside.display().to_string())
}

/// Copy beside the file under a temporary name, then rename over it (one step on the same disk).
fn replace(file: &Path, source: &Path) -> Result<(), BackupError> {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let incoming = file.with_file_name(format!(".{name}.restoring"));
    std::fs::copy(source, &incoming).map_err(BackupError::Replace)?;
    // A journal left beside the old file belongs to it: SQLite would play it into the backup.
    let journal = file.with_file_name(format!("{name}-journal"));
    if journal.exists() {
        let _ = std::fs::remove_file(&journal);
    }
    std::fs::rename(&incoming, file).map_err(|e| {
        let _ = std::fs::remove_file(&incoming);
        BackupError::Replace(e)
    })
}

/// Settings for a file: its own when it opens, the defaults (no second folder) when it does not.
pub fn settings_or_default(store: Option<&Store>) -> BackupSettings {
    store.and_then(|s| super::settings(s.conn()).ok()).unwrap_or_default()
}
