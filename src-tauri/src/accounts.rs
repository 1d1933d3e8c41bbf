//! Regional-accounts commands: each a few lines over `daftar::accounts`. Files and folders
//! come from native dialogs opened here.

use crate::dialogs;
use crate::shell::{PendingKind, Shell};
use daftar::accounts::checks::{self, CheckRun};
use daftar::accounts::dispatch::{self, CentreLetter, PackageRecord};
use daftar::accounts::package::{self, Manifest, VerifyReport};
use daftar::accounts::review::{self, TableStatus};
use daftar::accounts::signing::{self, ExpectedKey};
use daftar::accounts::view::{self, AccountsOverview, FindingsView, ItemRow};
use daftar::accounts::years::{self, ReuseReport, TemplateImport};
use daftar::accounts::{self, assign, values, GeneratedWorkbook, IntakeResult, TemplateImportReport, TemplateItem};
use daftar::accounts::{explanations, feedback};
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
pub async fn accounts_template_import(shell: State<'_, Shell>, year: i32) -> Reply<Option<TemplateImport>> {
    let Some(path) = dialogs::pick_file(shell.app(), "الگوی جداول مرکز آمار", ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    let answer = shell.with_store(|s| years::import_template_for(s, &path, year))?;
    // A template whose year differs waits until the person says which of the two it is for.
    if let TemplateImport::YearDiffers { file_year, .. } = &answer {
        shell.keep_pending(PendingKind::Template, vec![*file_year, year], path);
    }
    Ok(Some(answer))
}

#[tauri::command]
pub async fn accounts_template_import_as(shell: State<'_, Shell>, year: i32) -> Reply<TemplateImportReport> {
    let Some(path) = shell.take_pending(PendingKind::Template, year) else {
        return Err(AppError {
            code: "accounts.no_pending_template".into(),
            message: "الگویی چشم‌به‌راه انتخاب سال نیست؛ الگو را دوباره با «ورود الگو…» برگزینید.".into(),
            details: vec![],
        });
    };
    shell.with_store(|s| years::import_template_as(s, &path, year))
}

#[tauri::command]
pub async fn accounts_reuse_assignments(shell: State<'_, Shell>, year: i32) -> Reply<ReuseReport> {
    shell.with_store(|s| years::reuse_assignments(s, year))
}

#[tauri::command]
pub async fn accounts_values_import(shell: State<'_, Shell>, year: i32) -> Reply<Option<u32>> {
    let Some(path) = dialogs::pick_file(shell.app(), "مقادیر نهایی سال", ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| values::import_final_values(s, year, &path)).map(Some)
}

#[tauri::command]
pub async fn accounts_package_verify(shell: State<'_, Shell>) -> Reply<Option<VerifyReport>> {
    let Some(path) = dialogs::pick_file(shell.app(), "وارسی بستهٔ مرکز آمار", ("بستهٔ zip", &["zip"]))
    else {
        return Ok(None);
    };
    shell
        .with_store(|s| {
            // A package from this office must carry this file's key, once the file has one.
            let expected = match signing::existing_office_key(s.conn())? {
                Some(key) => Some(ExpectedKey::parse(&key.public_key)?),
                None => None,
            };
            package::verify(&path, expected.as_ref())
        })
        .map(Some)
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
pub async fn accounts_explain(
    shell: State<'_, Shell>,
    year: i32,
    rule: String,
    agency: String,
    text: String,
) -> Reply<()> {
    shell.with_store(|s| explanations::explain(s, year, &rule, &agency, &text))
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

/// Rust asks for the package, then where to save its cover letter (PDF); the name written, or
/// null = cancelled. Refused, saying what is wrong, unless the package verifies against this file's key.
#[tauri::command]
pub async fn accounts_cover_letter(shell: State<'_, Shell>) -> Reply<Option<String>> {
    let Some(package) = dialogs::pick_file(shell.app(), "بستهٔ مرکز آمار", ("بستهٔ zip", &["zip"]))
    else {
        return Ok(None);
    };
    // Checked before asking where to save: a package that does not verify is refused here.
    shell.with_store(|s| daftar::reports::package_cover_letter(s, &package))?;
    let name = format!("{}-cover.pdf", package.file_stem().map(|n| n.to_string_lossy()).unwrap_or_default());
    let Some(path) = dialogs::save_file(shell.app(), "ذخیرهٔ نامهٔ همراه", &name, ("سند PDF", &["pdf"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| daftar::reports::save_cover_letter(s, &package, &path))?;
    Ok(Some(daftar::sheets::file_name(&path)))
}

#[tauri::command]
pub async fn accounts_centre_letter(
    shell: State<'_, Shell>,
    year: i32,
    number: String,
    date: String,
) -> Reply<Option<CentreLetter>> {
    shell.with_store(|s| dispatch::set_centre_letter(s, year, &number, &date))
}

#[tauri::command]
pub async fn accounts_package_mark_sent(shell: State<'_, Shell>, id: u32, date: String) -> Reply<PackageRecord> {
    shell.with_store(|s| dispatch::mark_sent(s, id.into(), &date, crate::evaluation::today()))
}
