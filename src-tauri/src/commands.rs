//! The webview's commands: each a few lines over a core function. File paths come only
//! from native dialogs opened here, never from the page.

use crate::dialogs;
use crate::shell::Shell;
use daftar::agencies::{self, Agency, AgencyGroup, AgencyInput, ImportReport};
use daftar::bindings::AppState;
use daftar::store::{export_audit_xlsx, query_audit, AuditFilter, AuditPage, NewProvince};
use daftar::AppError;
use tauri::State;

type Reply<T> = Result<T, AppError>;

#[tauri::command]
pub async fn app_state(shell: State<'_, Shell>) -> Reply<AppState> {
    Ok(shell.state())
}

/// Ask where to save a new province file, then create it. `None`: the user cancelled.
#[tauri::command]
pub async fn province_create(
    shell: State<'_, Shell>,
    province: String,
    office: String,
    year: i32,
) -> Reply<Option<AppState>> {
    let name = format!("{province}-{year}.daftar");
    let Some(path) =
        dialogs::save_file(shell.app(), "جای پروندهٔ تازهٔ استان", &name, ("پروندهٔ استان دفتر", &["daftar"]))
    else {
        return Ok(None);
    };
    shell.create(&path, &NewProvince { province, office, working_year: year }).map(Some)
}

#[tauri::command]
pub async fn province_open(shell: State<'_, Shell>) -> Reply<Option<AppState>> {
    match dialogs::pick_file(shell.app(), "باز کردن پروندهٔ استان", ("پروندهٔ استان دفتر", &["daftar"]))
    {
        Some(path) => shell.open(&path).map(Some),
        None => Ok(None),
    }
}

#[tauri::command]
pub async fn province_open_recent(shell: State<'_, Shell>, index: u32) -> Reply<AppState> {
    let path = shell.recent_path(index)?;
    shell.open(&path)
}

#[tauri::command]
pub async fn province_close(shell: State<'_, Shell>) -> Reply<AppState> {
    shell.close();
    Ok(shell.state())
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
pub async fn agency_edit(
    shell: State<'_, Shell>,
    code: String,
    input: AgencyInput,
    reason: Option<String>,
) -> Reply<Agency> {
    shell.with_store(|s| agencies::edit(s, &code, &input, reason.as_deref()))
}

#[tauri::command]
pub async fn agency_set_active(shell: State<'_, Shell>, code: String, active: bool, reason: String) -> Reply<Agency> {
    shell.with_store(|s| agencies::set_active(s, &code, active, Some(&reason)))
}

/// Ask for an xlsx file and import its agencies. `None`: the user cancelled.
#[tauri::command]
pub async fn agencies_import(shell: State<'_, Shell>) -> Reply<Option<ImportReport>> {
    let Some(path) = dialogs::pick_file(shell.app(), "فایل اکسل دستگاه‌ها", ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| agencies::import_xlsx(s, &path)).map(Some)
}

#[tauri::command]
pub async fn audit_query(shell: State<'_, Shell>, filter: AuditFilter, limit: u32) -> Reply<AuditPage> {
    shell.with_store(|s| query_audit(s.conn(), &filter, limit))
}

#[tauri::command]
pub async fn audit_export(shell: State<'_, Shell>, filter: AuditFilter) -> Reply<Option<u32>> {
    let name = format!("audit-{}.xlsx", daftar::fa::JalaliDate::today().to_latin_string().replace('/', "-"));
    let Some(path) = dialogs::save_file(shell.app(), "ذخیرهٔ گزارش تغییرات", &name, ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| export_audit_xlsx(s.conn(), &filter, &path)).map(Some)
}
