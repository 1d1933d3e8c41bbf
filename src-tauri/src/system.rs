//! Opening a saved file in the program the system uses for it (the PDF viewer, for printing).

use daftar::AppError;
use std::path::Path;
use std::process::{Command, Stdio};

fn launcher(path: &Path) -> Command {
    #[cfg(target_os = "windows")]
    {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", ""]).arg(path);
        c
    }
    #[cfg(target_os = "macos")]
    {
        let mut c = Command::new("open");
        c.arg(path);
        c
    }
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    {
        let mut c = Command::new("xdg-open");
        c.arg(path);
        c
    }
}

pub fn open_file(path: &Path) -> Result<(), AppError> {
    if !path.is_file() {
        return Err(AppError {
            code: "report.missing_file".into(),
            message: format!("فایل «{}» دیگر آنجا نیست؛ سند را دوباره ذخیره کنید.", path.display()),
            details: vec![],
        });
    }
    launcher(path).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().map(|_| ()).map_err(|e| {
        AppError {
            code: "report.open_failed".into(),
            message: format!("برنامه‌ای برای باز کردن «{}» پیدا نشد؛ فایل را از پوشه‌اش باز کنید.", path.display()),
            details: vec![e.to_string()],
        }
    })
}
