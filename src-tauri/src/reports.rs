//! Report commands: each a few lines over `daftar::reports`.

use crate::dialogs;
use crate::shell::Shell;
use daftar::reports::{
    self, BatchOutput, BatchProgress, BatchRequest, ReportCatalog, ReportFormat, ReportRequest, SavedBatch, SavedReport,
};
use daftar::AppError;
use serde::Serialize;
use tauri::ipc::{InvokeResponseBody, IpcResponse};
use tauri::State;
use ts_rs::TS;

type Reply<T> = Result<T, AppError>;

/// A PDF as raw bytes: an ArrayBuffer on the page, not a JSON array of numbers.
pub struct PdfBytes(pub Vec<u8>);

impl IpcResponse for PdfBytes {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        Ok(InvokeResponseBody::Raw(self.0))
    }
}

impl TS for PdfBytes {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "ArrayBuffer".into()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

/// A document saved in this session; `index` opens it again (the page never holds its path).
#[derive(Serialize, TS)]
pub struct SavedDocument {
    #[serde(flatten)]
    #[ts(flatten)]
    pub report: SavedReport,
    pub index: u32,
}

#[tauri::command]
pub async fn report_catalog(shell: State<'_, Shell>) -> Reply<ReportCatalog> {
    shell.with_store(|s| reports::catalog(s))
}

#[tauri::command]
pub async fn report_preview(shell: State<'_, Shell>, request: ReportRequest) -> Reply<PdfBytes> {
    let request = ReportRequest { format: ReportFormat::Pdf, ..request };
    shell.with_document(|s| reports::make(s, &request)).map(|made| PdfBytes(made.pdf))
}

/// Ask where to save, then write the document there; None when the person cancels.
#[tauri::command]
pub async fn report_save(shell: State<'_, Shell>, request: ReportRequest) -> Reply<Option<SavedDocument>> {
    let name = reports::suggested_file_name(&request).map_err(|e| daftar::Problem::to_app_error(&e))?;
    let filter = match request.format {
        ReportFormat::Pdf => ("سند PDF", &["pdf"][..]),
        ReportFormat::Xlsx => ("کارپوشهٔ اکسل", &["xlsx"][..]),
    };
    let Some(path) = dialogs::save_file(shell.app(), "ذخیرهٔ سند", &name, filter) else { return Ok(None) };
    let report = shell.with_document(|s| reports::save(s, &request, &path))?;
    Ok(Some(SavedDocument { report, index: shell.remember_saved(path) }))
}

/// Open a document saved in this session in the system's viewer, for printing.
#[tauri::command]
pub async fn report_open(shell: State<'_, Shell>, index: u32) -> Reply<()> {
    crate::system::open_file(&shell.saved_path(index)?)
}

#[tauri::command]
pub async fn report_set_foreword(shell: State<'_, Shell>, year: i32, text: String) -> Reply<()> {
    shell.with_store(|s| reports::set_foreword(s, year, &text))
}

// Batches (issue 14 item 3)
/// A batch written in this session; `index` opens its one PDF again (none for a folder).
#[derive(Serialize, TS)]
pub struct SavedBatchDocument {
    #[serde(flatten)]
    #[ts(flatten)]
    pub batch: SavedBatch,
    pub index: Option<u32>,
}

/// Ask where (the PDF, or the folder), then make the batch there; None when the person cancels
/// the dialog. Progress is polled with `report_batch_progress`; `report_batch_cancel` stops it.
#[tauri::command]
pub async fn report_batch(shell: State<'_, Shell>, request: BatchRequest) -> Reply<Option<SavedBatchDocument>> {
    shell.with_store(|s| reports::batch_allowed(s, &request).map(|_| ()))?;
    let chosen = match request.output {
        BatchOutput::File => {
            let single = ReportRequest {
                kind: request.kind.clone(),
                year: request.year,
                agency: None,
                format: ReportFormat::Pdf,
            };
            let name = reports::suggested_file_name(&single).map_err(|e| daftar::Problem::to_app_error(&e))?;
            dialogs::save_file(shell.app(), "ذخیرهٔ سند همهٔ دستگاه‌ها", &name, ("سند PDF", &["pdf"][..]))
        }
        BatchOutput::Folder => dialogs::pick_folder(shell.app(), "پوشهٔ فایل‌های دستگاه‌ها"),
    };
    let Some(path) = chosen else { return Ok(None) };
    let batch = shell.batch(|s, progress, cancelled| reports::save_batch(s, &request, &path, progress, cancelled))?;
    let index = (request.output == BatchOutput::File).then(|| shell.remember_saved(path));
    Ok(Some(SavedBatchDocument { batch, index }))
}

#[tauri::command]
pub async fn report_batch_progress(shell: State<'_, Shell>) -> Reply<Option<BatchProgress>> {
    Ok(shell.batch_progress())
}

#[tauri::command]
pub async fn report_batch_cancel(shell: State<'_, Shell>) -> Reply<()> {
    shell.cancel_batch();
    Ok(())
}
