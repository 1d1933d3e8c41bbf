//! The desktop shell of Daftar: a window, native dialogs, and thin commands over the core.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod accounts;
mod commands;
mod dialogs;
mod evaluation;
mod reports;
mod shell;
mod system;

use shell::Shell;
use std::path::PathBuf;
use tauri::Manager;

/// `daftar-app --file PATH` (or DAFTAR_FILE) opens that province file at start.
fn file_to_open() -> Option<PathBuf> {
    file_argument(std::env::args().skip(1)).or_else(|| std::env::var_os("DAFTAR_FILE").map(PathBuf::from))
}

fn file_argument(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--file" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--file=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let shell = Shell::new(config_dir.join("recent.json"));
            if let Some(path) = file_to_open() {
                shell.open_at_start(&path);
            }
            app.manage(shell);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_state,
            commands::province_create,
            commands::province_open,
            commands::province_open_recent,
            commands::province_close,
            commands::agencies_list,
            commands::agency_groups,
            commands::agency_add,
            commands::agency_edit,
            commands::agency_set_active,
            commands::agencies_import,
            accounts::accounts_overview,
            accounts::accounts_template_import,
            accounts::accounts_workbooks,
            accounts::accounts_intake,
            accounts::accounts_intake_progress,
            accounts::accounts_check,
            accounts::accounts_findings,
            accounts::accounts_feedback,
            accounts::accounts_explain,
            accounts::accounts_approve,
            accounts::accounts_reopen,
            accounts::accounts_deadline,
            accounts::accounts_items,
            accounts::accounts_enter_value,
            accounts::accounts_assign,
            accounts::accounts_package,
            evaluation::eval_overview,
            evaluation::eval_agency_scores,
            evaluation::eval_score,
            evaluation::eval_confirm_hq,
            evaluation::eval_results,
            evaluation::eval_objections,
            evaluation::eval_file_objection,
            evaluation::eval_decide,
            evaluation::eval_publish,
            evaluation::eval_approve,
            evaluation::eval_reopen_approval,
            evaluation::eval_reopen_phase,
            evaluation::eval_catalog_import,
            evaluation::eval_workbooks,
            evaluation::eval_intake,
            evaluation::eval_export,
            evaluation::eval_festival,
            reports::report_catalog,
            reports::report_preview,
            reports::report_save,
            reports::report_open,
            reports::report_set_foreword,
        ])
        .run(tauri::generate_context!())
        .expect("Daftar could not start its window");
}

#[cfg(test)]
mod tests {
    use super::file_argument;
    use std::path::PathBuf;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter().map(|s| s.to_string()).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn the_file_argument_in_both_spellings() {
        assert_eq!(file_argument(args(&["--file", "a b.daftar"])), Some(PathBuf::from("a b.daftar")));
        assert_eq!(file_argument(args(&["-x", "--file=c.daftar"])), Some(PathBuf::from("c.daftar")));
        assert_eq!(file_argument(args(&["--file"])), None);
        assert_eq!(file_argument(args(&[])), None);
    }
}
