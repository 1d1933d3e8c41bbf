//! Opening a saved file in the program the system uses for it (the PDF viewer, for printing),
//! through tauri-plugin-opener: the platform's own launcher on Windows, macOS and Linux.

use daftar::AppError;
use std::path::Path;

pub fn open_file(path: &Path) -> Result<(), AppError> {
    if !path.is_file() {
        return Err(AppError {
            code: "report.missing_file".into(),
            message: format!("فایل «{}» دیگر آنجا نیست؛ سند را دوباره ذخیره کنید.", path.display()),
            details: vec![],
        });
    }
    tauri_plugin_opener::open_path(path, None::<&str>).map_err(|e| AppError {
        code: "report.open_failed".into(),
        message: format!("برنامه‌ای برای باز کردن «{}» پیدا نشد؛ فایل را از پوشه‌اش باز کنید.", path.display()),
        details: vec![e.to_string()],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_gone_is_named_and_the_way_on_said() {
        let dir = tempfile::tempdir().unwrap();
        let e = open_file(&dir.path().join("کارنامه.pdf")).unwrap_err();
        assert_eq!(e.code, "report.missing_file");
        assert!(e.message.contains("کارنامه.pdf") && e.message.contains("دوباره ذخیره"), "{}", e.message);
    }
}
