//! Backup commands (issue 16 items 1 and 2): each a few lines over `daftar::backup`. A damaged
//! file that failed to open is remembered by the shell, so that its backups can be listed and
//! one restored without the page holding its path.

use crate::dialogs;
use crate::shell::Shell;
use daftar::backup::{self, BackupList, BackupMade, BackupReason, BackupRef, BackupSettings};
use daftar::bindings::AppState;
use daftar::AppError;
use tauri::State;

type Reply<T> = Result<T, AppError>;

#[tauri::command]
pub async fn backup_list(shell: State<'_, Shell>) -> Reply<BackupList> {
    shell.backups()
}

#[tauri::command]
pub async fn backup_make(shell: State<'_, Shell>) -> Reply<BackupMade> {
    shell.with_store(|s| backup::make(s, BackupReason::Manual, daftar::backup::local_now()))
}

#[tauri::command]
pub async fn backup_restore(shell: State<'_, Shell>, choice: BackupRef) -> Reply<AppState> {
    shell.restore(&choice)
}

#[tauri::command]
pub async fn backup_set_settings(shell: State<'_, Shell>, settings: BackupSettings) -> Reply<BackupSettings> {
    shell.with_store(|s| backup::set_settings(s, &settings))
}

#[tauri::command]
pub async fn backup_choose_second_folder(shell: State<'_, Shell>) -> Reply<Option<BackupSettings>> {
    let Some(folder) = dialogs::pick_folder(shell.app(), "پوشهٔ دوم پشتیبان‌ها (حافظهٔ جانبی یا پوشهٔ شبکه)")
    else {
        return Ok(None);
    };
    shell
        .with_store(|s| {
            let current = backup::settings(s.conn())?;
            let chosen = BackupSettings { second_folder: folder.display().to_string(), ..current };
            backup::set_settings(s, &chosen)
        })
        .map(Some)
}

#[tauri::command]
pub async fn backup_warnings(shell: State<'_, Shell>) -> Reply<Vec<String>> {
    Ok(shell.take_warnings())
}
