//! Report commands: each a few lines over `daftar::reports`.

use crate::dialogs;
use crate::shell::Shell;
use daftar::reports::{self, ReportCatalog, ReportFormat, ReportRequest, SavedReport};
use daftar::AppError;
use tauri::{AppHandle, State};

type Reply<T> = Result<T, AppError>;

#[tauri::command]
pub async fn report_catalog(shell: State<'_, Shell>) -> Reply<ReportCatalog> {
    shell.with_store(|s| reports::catalog(s))
}

/// The document as PDF bytes for the preview (an ArrayBuffer on the page, not JSON numbers).
#[tauri::command]
pub async fn report_preview(shell: State<'_, Shell>, request: ReportRequest) -> Reply<tauri::ipc::Response> {
    let request = ReportRequest { format: ReportFormat::Pdf, ..request };
    shell.with_store(|s| reports::make(s, &request)).map(|made| tauri::ipc::Response::new(made.pdf))
}

/// Ask where to save, then write the document there; None when the person cancels.
#[tauri::command]
pub async fn report_save(
    app: AppHandle,
    shell: State<'_, Shell>,
    request: ReportRequest,
) -> Reply<Option<SavedReport>> {
    let name = reports::suggested_file_name(&request).map_err(|e| daftar::Problem::to_app_error(&e))?;
    let filter = match request.format {
        ReportFormat::Pdf => ("سند PDF", &["pdf"][..]),
        ReportFormat::Xlsx => ("کارپوشهٔ اکسل", &["xlsx"][..]),
    };
    let Some(path) = dialogs::save_file(&app, "ذخیرهٔ سند", &name, filter) else { return Ok(None) };
    shell.with_store(|s| reports::save(s, &request, &path)).map(Some)
}

/// Open a saved document in the system's viewer, for printing.
#[tauri::command]
pub async fn report_open(path: String) -> Reply<()> {
    crate::system::open_file(std::path::Path::new(&path))
}

#[tauri::command]
pub async fn report_set_foreword(shell: State<'_, Shell>, year: i32, text: String) -> Reply<()> {
    shell.with_store(|s| reports::set_foreword(s, year, &text))
}
