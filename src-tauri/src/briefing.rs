//! Briefing-session commands, for both services: each a few lines over `daftar::briefing`.

use crate::dialogs;
use crate::evaluation::today;
use crate::reports::SavedDocument;
use crate::shell::Shell;
use daftar::briefing::{self, AttendanceInput, Briefing, BriefingInput, Service};
use daftar::{AppError, Problem};
use tauri::State;

type Reply<T> = Result<T, AppError>;

#[tauri::command]
pub async fn briefing_list(shell: State<'_, Shell>, service: Service, year: i32) -> Reply<Vec<Briefing>> {
    shell.with_store(|s| briefing::list(s, service, year, today()))
}

#[tauri::command]
pub async fn briefing_create(shell: State<'_, Shell>, input: BriefingInput) -> Reply<Briefing> {
    shell.with_store(|s| briefing::create(s, &input, today()))
}

#[tauri::command]
pub async fn briefing_invite(shell: State<'_, Shell>, id: u32, agencies: Vec<String>) -> Reply<Briefing> {
    shell.with_store(|s| briefing::invite(s, id.into(), &agencies, today()))
}

#[tauri::command]
pub async fn briefing_uninvite(shell: State<'_, Shell>, id: u32, agency: String, reason: String) -> Reply<Briefing> {
    shell.with_store(|s| briefing::uninvite(s, id.into(), &agency, &reason, today()))
}

#[tauri::command]
pub async fn briefing_attendance(shell: State<'_, Shell>, id: u32, entries: Vec<AttendanceInput>) -> Reply<Briefing> {
    shell.with_store(|s| briefing::record_attendance(s, id.into(), &entries, today()))
}

/// Rust makes the invitation letters (or with `sheet` the attendance sheet), then asks where to
/// save them; null = cancelled.
#[tauri::command]
pub async fn briefing_save_letters(shell: State<'_, Shell>, id: u32, sheet: bool) -> Reply<Option<SavedDocument>> {
    let made = shell.with_store(|s| {
        if sheet {
            daftar::reports::attendance_sheet(s, id.into())
        } else {
            daftar::reports::invitation_letters(s, id.into())
        }
    })?;
    let name = format!("briefing-{id}-{}.pdf", if sheet { "attendance" } else { "invitations" });
    let Some(path) = dialogs::save_file(shell.app(), "ذخیرهٔ سند", &name, ("سند PDF", &["pdf"])) else {
        return Ok(None);
    };
    std::fs::write(&path, &made.pdf).map_err(|e| {
        let write = daftar::accounts::AccountsError::Write { path: path.display().to_string(), detail: e.to_string() };
        write.to_app_error()
    })?;
    let report = daftar::reports::SavedReport {
        path: path.display().to_string(),
        bytes: made.pdf.len() as u64,
        pages: Some(made.pages),
        numbers: Vec::new(),
    };
    Ok(Some(SavedDocument { report, index: shell.remember_saved(path) }))
}
