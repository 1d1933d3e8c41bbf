//! The webview's commands: each a few lines over a core function. File paths come only
//! from native dialogs opened here, never from the page.

use crate::shell::Shell;
use daftar::agencies::{self, Agency, AgencyGroup, AgencyInput, ImportReport};
use daftar::bindings::AppState;
use daftar::store::NewProvince;
use daftar::AppError;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

type Reply<T> = Result<T, AppError>;

/// A file dialog modal over the main window, so that it cannot hide behind it.
pub fn file_dialog(app: &AppHandle) -> FileDialogBuilder<tauri::Wry> {
    let dialog = app.dialog().file();
    match app.get_webview_window("main") {
        Some(window) => dialog.set_parent(&window),
        None => dialog,
    }
}

fn dialog_path(file: Option<tauri_plugin_dialog::FilePath>) -> Option<std::path::PathBuf> {
    file.and_then(|f| f.into_path().ok())
}

#[tauri::command]
pub fn app_state(shell: State<'_, Shell>) -> AppState {
    shell.state()
}

/// Ask where to save a new province file, then create it. `None`: the user cancelled.
#[tauri::command]
pub async fn province_create(
    app: AppHandle,
    shell: State<'_, Shell>,
    province: String,
    office: String,
    year: i32,
) -> Reply<Option<AppState>> {
    let chosen = file_dialog(&app)
        .set_title("جای پروندهٔ تازهٔ استان")
        .set_file_name(format!("{province}-{year}.daftar"))
        .add_filter("پروندهٔ استان دفتر", &["daftar"])
        .blocking_save_file();
    let Some(mut path) = dialog_path(chosen) else { return Ok(None) };
    if path.extension().is_none() {
        path.set_extension("daftar");
    }
    shell.create(&path, &NewProvince { province, office, working_year: year }).map(Some)
}

#[tauri::command]
pub async fn province_open(app: AppHandle, shell: State<'_, Shell>) -> Reply<Option<AppState>> {
    let chosen = file_dialog(&app)
        .set_title("باز کردن پروندهٔ استان")
        .add_filter("پروندهٔ استان دفتر", &["daftar"])
        .blocking_pick_file();
    match dialog_path(chosen) {
        Some(path) => shell.open(&path).map(Some),
        None => Ok(None),
    }
}

#[tauri::command]
pub async fn province_open_recent(shell: State<'_, Shell>, index: usize) -> Reply<AppState> {
    let path = shell.recent_path(index)?;
    shell.open(&path)
}

#[tauri::command]
pub fn province_close(shell: State<'_, Shell>) -> AppState {
    shell.close();
    shell.state()
}

#[tauri::command]
pub async fn agencies_list(shell: State<'_, Shell>, query: String, include_inactive: bool) -> Reply<Vec<Agency>> {
    shell.with_store(|s| agencies::list(s, &query, include_inactive))
}

#[tauri::command]
pub async fn agency_groups(shell: State<'_, Shell>) -> Reply<Vec<AgencyGroup>> {
    shell.with_store(|s| agencies::groups(s))
}

#[tauri::command]
pub async fn agency_add(shell: State<'_, Shell>, input: AgencyInput) -> Reply<Agency> {
    shell.with_store(|s| agencies::add(s, &input))
}

#[tauri::command]
pub async fn agency_edit(shell: State<'_, Shell>, code: String, input: AgencyInput, reason: Option<String>) -> Reply<Agency> {
    shell.with_store(|s| agencies::edit(s, &code, &input, reason.as_deref()))
}

#[tauri::command]
pub async fn agency_set_active(shell: State<'_, Shell>, code: String, active: bool, reason: String) -> Reply<Agency> {
    shell.with_store(|s| agencies::set_active(s, &code, active, Some(&reason)))
}

/// Ask for an xlsx file and import its agencies. `None`: the user cancelled.
#[tauri::command]
pub async fn agencies_import(app: AppHandle, shell: State<'_, Shell>) -> Reply<Option<ImportReport>> {
    let chosen = file_dialog(&app)
        .set_title("فایل اکسل دستگاه‌ها")
        .add_filter("کارپوشهٔ اکسل", &["xlsx"])
        .blocking_pick_file();
    let Some(path) = dialog_path(chosen) else { return Ok(None) };
    shell.with_store(|s| agencies::import_xlsx(s, &path)).map(Some)
}
