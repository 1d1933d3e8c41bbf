//! Follow-up commands (issue 14 item 2): the board of late agencies and their reminder letters,
//! each a few lines over `daftar::followup`. Today is `evaluation::today()` (DAFTAR_TODAY for
//! demonstrations and tests).

use crate::dialogs;
use crate::evaluation::today;
use crate::reports::PdfBytes;
use crate::shell::Shell;
use daftar::followup::{self, Board, RemindResult};
use daftar::register::Numbering;
use daftar::AppError;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

type Reply<T> = Result<T, AppError>;

/// The reminders saved in this session; `index` opens the PDF again (the page never holds its path).
#[derive(Serialize, TS)]
pub struct SavedReminders {
    pub result: RemindResult,
    pub index: u32,
}

/// The year asked for, or the working year.
fn year_or_working(shell: &Shell, year: Option<i32>) -> Reply<i32> {
    match year {
        Some(y) => Ok(y),
        None => shell.with_store(|s| s.province().map(|p| p.working_year)),
    }
}

#[tauri::command]
pub async fn followup_board(shell: State<'_, Shell>, year: Option<i32>) -> Reply<Board> {
    let year = year_or_working(&shell, year)?;
    shell.with_store(|s| followup::board(s, year, today()))
}

#[tauri::command]
pub async fn followup_preview(shell: State<'_, Shell>, year: i32, agencies: Vec<String>) -> Reply<PdfBytes> {
    let made =
        shell.with_document(|s| followup::reminder_letters(s, year, &agencies, today(), &Numbering::preview()))?;
    Ok(PdfBytes(made.pdf))
}

#[tauri::command]
pub async fn followup_remind(
    shell: State<'_, Shell>,
    year: i32,
    agencies: Vec<String>,
) -> Reply<Option<SavedReminders>> {
    shell.with_store(|s| followup::remind_allowed(s, year, &agencies, today()))?;
    let name = followup::suggested_file_name(year, today());
    let Some(path) = dialogs::save_file(shell.app(), "ذخیرهٔ نامه‌های یادآوری", &name, ("سند PDF", &["pdf"]))
    else {
        return Ok(None);
    };
    let result = shell.with_document(|s| followup::remind(s, year, &agencies, today(), &path, false))?;
    Ok(Some(SavedReminders { result, index: shell.remember_saved(path) }))
}
