//! Letter-register (دبیرخانه) commands: each a few lines over `daftar::register`.

use crate::dialogs;
use crate::shell::Shell;
use daftar::register::{self, IncomingInput, RegisterEntry, RegisterFilter};
use daftar::AppError;
use tauri::State;

type Reply<T> = Result<T, AppError>;

#[tauri::command]
pub async fn register_list(shell: State<'_, Shell>, filter: RegisterFilter) -> Reply<Vec<RegisterEntry>> {
    shell.with_store(|s| register::list(s.conn(), &filter))
}

#[tauri::command]
pub async fn register_log_in(shell: State<'_, Shell>, input: IncomingInput) -> Reply<RegisterEntry> {
    shell.with_store(|s| register::log_incoming(s, &input))
}

#[tauri::command]
pub async fn register_export(shell: State<'_, Shell>, filter: RegisterFilter) -> Reply<Option<u32>> {
    let name = format!("register-{}.xlsx", daftar::fa::JalaliDate::today().to_latin_string().replace('/', "-"));
    let Some(path) = dialogs::save_file(shell.app(), "ذخیرهٔ دبیرخانه", &name, ("کارپوشهٔ اکسل", &["xlsx"]))
    else {
        return Ok(None);
    };
    shell.with_store(|s| register::export_xlsx(s.conn(), &filter, &path)).map(Some)
}

#[tauri::command]
pub async fn register_pattern(shell: State<'_, Shell>) -> Reply<String> {
    shell.with_store(|s| register::pattern(s.conn()))
}

#[tauri::command]
pub async fn register_set_pattern(shell: State<'_, Shell>, pattern: String) -> Reply<String> {
    shell.with_store(|s| register::set_pattern(s, &pattern))
}
