//! The desktop shell of Daftar: a window, native dialogs, and thin commands over the core.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[macro_use]
mod command_list;
mod accounts;
mod backup;
mod briefing;
mod command_types;
mod commands;
mod dialogs;
mod evaluation;
mod followup;
mod register;
mod reports;
mod shell;
mod system;
#[cfg(test)]
mod typescript;

use shell::Shell;
use std::path::PathBuf;
use tauri::Manager;

/// The handler of every command in the list.
macro_rules! handler {
    ($($(#[doc = $doc:literal])* $module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty $([$quiet:ident])?;)*) => {
        tauri::generate_handler![$($module::$name),*]
    };
}

/// Fails to compile when a command's arguments or success type differ from the list's, so that
/// the generated TypeScript cannot lie about them. Never called.
macro_rules! signatures {
    ($($(#[doc = $doc:literal])* $module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty $([$quiet:ident])?;)*) => {
        #[allow(dead_code, unreachable_code, unused_variables, clippy::diverging_sub_expression)]
        async fn the_list_matches_the_commands(shell: tauri::State<'_, Shell>) {
            use crate::command_types::*;
            $({
                $(let $arg: $ty = unreachable!();)*
                let _: Result<$ret, daftar::AppError> = $module::$name(shell.clone(), $($arg),*).await;
            })*
        }
    };
}
with_commands!(signatures);

/// `daftar-app --file PATH` (or DAFTAR_FILE) opens that province file at start. A path alone,
/// `daftar-app PATH`, is taken too: Windows' file association (the NSIS and MSI installers) starts
/// the app with the double-clicked file as its only argument.
fn file_to_open() -> Option<PathBuf> {
    file_argument(std::env::args().skip(1)).or_else(|| std::env::var_os("DAFTAR_FILE").map(PathBuf::from))
}

fn file_argument(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    let mut alone = None;
    while let Some(arg) = args.next() {
        if arg == "--file" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--file=") {
            return Some(PathBuf::from(path));
        }
        if alone.is_none() && !arg.starts_with('-') {
            alone = Some(PathBuf::from(arg));
        }
    }
    alone
}

/// WebKitGTK starts with a browser's defaults: caches sized for many sites, a back-forward
/// page cache, GPU compositing layers. One local page of forms and tables needs none of
/// them, and they cost memory (issue 15 goal 4). `DAFTAR_WEBKIT_DEFAULTS=1` keeps WebKit's
/// defaults, for scripts/measure-app.sh to compare.
#[cfg(target_os = "linux")]
fn lighter_webview(webview: tauri::webview::PlatformWebview) {
    use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
    if std::env::var_os("DAFTAR_WEBKIT_DEFAULTS").is_some() {
        return;
    }
    let view = webview.inner();
    if let Some(context) = view.context() {
        context.set_cache_model(CacheModel::DocumentViewer);
    }
    if let Some(settings) = WebViewExt::settings(&view) {
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        settings.set_enable_page_cache(false);
        settings.set_enable_webgl(false);
    }
}

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let shell = Shell::new(config_dir.join("recent.json"));
            shell.attach(app.handle().clone());
            if let Some(path) = file_to_open() {
                shell.open_at_start(&path);
            }
            app.manage(shell);
            #[cfg(target_os = "linux")]
            if let Some(window) = app.get_webview_window("main") {
                window.with_webview(lighter_webview)?;
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the window backs the file up («on close»), as closing the file does.
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                window.state::<Shell>().close();
            }
        })
        .invoke_handler(with_commands!(handler))
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

    #[test]
    fn a_path_alone_as_a_file_association_passes_it() {
        assert_eq!(file_argument(args(&[r"C:\اسناد\لرستان.daftar"])), Some(PathBuf::from(r"C:\اسناد\لرستان.daftar")));
        assert_eq!(file_argument(args(&["a.daftar", "--file", "b.daftar"])), Some(PathBuf::from("b.daftar")));
        assert_eq!(file_argument(args(&["-x"])), None);
    }
}
