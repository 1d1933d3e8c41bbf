//! Native file dialogs, opened by Rust so that the page never holds a path.
//!
//! WebDriver cannot drive native dialogs, so the end-to-end tests answer them from a file:
//! when DAFTAR_E2E_DIALOG_ANSWERS names a file, each dialog takes its first line as the
//! answer (paths separated by «|», an empty line for «cancel») and removes it.

use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

/// The next scripted answer, when the tests script the dialogs.
fn scripted() -> Option<Vec<PathBuf>> {
    let file = std::env::var_os("DAFTAR_E2E_DIALOG_ANSWERS")?;
    let text = std::fs::read_to_string(&file).ok()?;
    let mut lines = text.lines();
    let answer = lines.next()?.to_string();
    let rest: Vec<&str> = lines.collect();
    std::fs::write(&file, rest.join("\n")).ok()?;
    Some(answer.split('|').filter(|p| !p.trim().is_empty()).map(PathBuf::from).collect())
}

/// A file dialog modal over the main window, so that it cannot hide behind it.
fn builder(app: &AppHandle, title: &str) -> FileDialogBuilder<tauri::Wry> {
    let dialog = app.dialog().file().set_title(title);
    match app.get_webview_window("main") {
        Some(window) => dialog.set_parent(&window),
        None => dialog,
    }
}

fn path(file: Option<tauri_plugin_dialog::FilePath>) -> Option<PathBuf> {
    file.and_then(|f| f.into_path().ok())
}

pub fn pick_file(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(answer) = scripted() {
        return answer.into_iter().next();
    }
    path(builder(app, title).add_filter(filter.0, filter.1).blocking_pick_file())
}

pub fn pick_files(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Vec<PathBuf> {
    if let Some(answer) = scripted() {
        return answer;
    }
    builder(app, title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect()
}

pub fn pick_folder(app: &AppHandle, title: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted() {
        return answer.into_iter().next();
    }
    path(builder(app, title).blocking_pick_folder())
}

/// Where to save; the extension is added when the person left it out.
pub fn save_file(app: &AppHandle, title: &str, name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    let chosen = match scripted() {
        Some(answer) => answer.into_iter().next(),
        None => path(builder(app, title).set_file_name(name).add_filter(filter.0, filter.1).blocking_save_file()),
    };
    chosen.map(|mut p| {
        if p.extension().is_none() {
            p.set_extension(filter.1[0]);
        }
        p
    })
}
