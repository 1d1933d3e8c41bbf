//! Regional-accounts commands: each a few lines over `daftar::accounts`. Files and folders
//! come from native dialogs opened here.

use crate::dialogs;
use crate::shell::Shell;
use daftar::accounts::checks::{self, CheckRun};
use daftar::accounts::feedback;
use daftar::accounts::package::{self, Manifest};
use daftar::accounts::review::{self, TableStatus};
use daftar::accounts::view::{self, AccountsOverview, FindingsView, ItemRow};
use daftar::accounts::{self, assign, values, GeneratedWorkbook, IntakeResult, TemplateImportReport, TemplateItem};
use daftar::bindings::IntakeProgress;
use daftar::fa::JalaliDate;
use daftar::{AppError, Problem};
use tauri::State;

type Reply<T> = Result<T, AppError>;

/// The year asked for, or the province file's working year.
fn year_or_working(shell: &Shell, year: Option<i32>) -> Reply<i32> {
    match year {
        Some(y) => Ok(y),
        None => shell.with_store(|s| s.province().map(|p| p.working_year)),
    }
}

#[tauri::command]
pub async fn accounts_overview(shell: State<'_, Shell>, year: Option<i32>) -> Reply<AccountsOverview> {
    let year = year_or_working(&shell, year)?;
    shell.with_store(|s| view::accounts_overview(s, year))
}

#[tauri::command]
pub async fn accounts_template_import(shell: State<'_, Shell>) -> Reply<Option<TemplateImportReport>> {
    let Some(path) = dialogs::pick_file(shell.app(), "الگوی جداول مرکز آمار", ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| accounts::import_template(s, &path)).map(Some)
}

#[tauri::command]
pub async fn accounts_workbooks(
    shell: State<'_, Shell>,
    year: i32,
    agencies: Vec<String>,
) -> Reply<Option<Vec<GeneratedWorkbook>>> {
    let Some(dir) = dialogs::pick_folder(shell.app(), "پوشهٔ کارپوشه‌های دستگاه‌ها") else {
        return Ok(None);
    };
    shell.with_store(|s| accounts::generate_workbooks(s, year, &dir, &agencies)).map(Some)
}

#[tauri::command]
pub async fn accounts_intake(shell: State<'_, Shell>, year: i32) -> Reply<Option<Vec<IntakeResult>>> {
    let paths = dialogs::pick_files(shell.app(), "کارپوشه‌های برگشتی دستگاه‌ها", ("کارپوشهٔ اکسل", &["xlsx"]));
    shell.import_with_progress(&paths, |s, progress| accounts::import_workbooks(s, year, &paths, None, progress))
}

/// How far the running intake is; the page polls it (no event permissions needed).
#[tauri::command]
pub async fn accounts_intake_progress(shell: State<'_, Shell>) -> Reply<Option<IntakeProgress>> {
    Ok(shell.progress())
}

#[tauri::command]
pub async fn accounts_check(shell: State<'_, Shell>, year: i32) -> Reply<CheckRun> {
    shell.with_store(|s| checks::run_checks(s, year))
}

#[tauri::command]
pub async fn accounts_findings(shell: State<'_, Shell>, year: i32) -> Reply<FindingsView> {
    shell.with_store(|s| view::findings(s, year))
}

#[tauri::command]
pub async fn accounts_feedback(shell: State<'_, Shell>, year: i32) -> Reply<Option<Vec<GeneratedWorkbook>>> {
    let Some(dir) = dialogs::pick_folder(shell.app(), "پوشهٔ کارپوشه‌های بازخورد") else {
        return Ok(None);
    };
    shell
        .with_store(|s| {
            let run = checks::run_checks(s, year)?;
            feedback::write_workbooks(s, year, &run, &dir)
        })
        .map(Some)
}

#[tauri::command]
pub async fn accounts_explain(shell: State<'_, Shell>, year: i32, rule: String, text: String) -> Reply<()> {
    shell.with_store(|s| review::explain(s, year, &rule, &text))
}

#[tauri::command]
pub async fn accounts_approve(
    shell: State<'_, Shell>,
    year: i32,
    agency: String,
    table: Option<String>,
) -> Reply<Vec<TableStatus>> {
    shell.with_store(|s| review::approve(s, year, &agency, table.as_deref()))
}

#[tauri::command]
pub async fn accounts_reopen(
    shell: State<'_, Shell>,
    year: i32,
    agency: String,
    table: String,
    reason: String,
) -> Reply<()> {
    shell.with_store(|s| review::reopen(s, year, &agency, &table, &reason))
}

#[tauri::command]
pub async fn accounts_deadline(shell: State<'_, Shell>, year: i32, date: String) -> Reply<()> {
    let date = JalaliDate::parse(&date).map_err(|e| e.to_app_error())?;
    shell.with_store(|s| review::set_deadline(s, year, date))
}

#[tauri::command]
pub async fn accounts_items(shell: State<'_, Shell>, year: i32, table: String) -> Reply<Vec<ItemRow>> {
    shell.with_store(|s| view::item_rows(s, year, &table))
}

#[tauri::command]
pub async fn accounts_enter_value(
    shell: State<'_, Shell>,
    year: i32,
    item: String,
    value: String,
    note: String,
) -> Reply<()> {
    shell.with_store(|s| values::enter_value(s, year, &item, &value, &note).map(|_| ()))
}

#[tauri::command]
pub async fn accounts_assign(
    shell: State<'_, Shell>,
    year: i32,
    item: String,
    agency: String,
    reason: Option<String>,
) -> Reply<TemplateItem> {
    shell.with_store(|s| assign::assign(s, year, &item, &agency, reason.as_deref()))
}

#[tauri::command]
pub async fn accounts_package(shell: State<'_, Shell>, year: i32, draft: bool) -> Reply<Option<Manifest>> {
    let name = if draft { format!("package-{year}-draft.zip") } else { package::default_package_name(year) };
    let Some(path) = dialogs::save_file(shell.app(), "ذخیرهٔ بستهٔ مرکز آمار", &name, ("بستهٔ zip", &["zip"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| package::package(s, year, &path, draft)).map(Some)
}
