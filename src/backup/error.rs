use crate::error::Problem;
use crate::store::StoreError;
use std::path::{Path, PathBuf};
use thiserror::Error;

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

#[derive(Debug, Error)]
pub enum BackupError {
    #[error("پشتیبان در هیچ پوشه‌ای نوشته نشد: {}. جای خالی دیسک و اجازهٔ نوشتن در پوشهٔ «{}» را بررسی کنید.", .reasons.join("؛ "), .folder.display())]
    NotWritten { folder: PathBuf, reasons: Vec<String> },
    #[error("رونوشت تازهٔ «{name}» در بازبینی درست درنیامد و پاک شد؛ شاید پروندهٔ استان آسیب دیده باشد. پشتیبان‌های پیشین را ببینید.")]
    CopyDamaged { name: String, detail: String },
    #[error("پشتیبانی به نام «{name}» پیدا نشد؛ فهرست پشتیبان‌ها را دوباره ببینید.")]
    UnknownBackup { name: String },
    #[error("پشتیبان «{name}» خود آسیب دیده است و بازگردانده نشد؛ پشتیبان دیگری برگزینید.")]
    BackupDamaged { name: String, detail: String },
    #[error("پروندهٔ «{}» آسیب دیده است و باز نمی‌شود. {} پشتیبان از آن هست؛ یکی را برگزینید و بازگردانید (پروندهٔ کنونی پیش از آن کنار گذاشته می‌شود).", name(.path), crate::fa::count(*.backups))]
    Damaged { path: PathBuf, backups: usize, detail: String },
    #[error("پروندهٔ «{}» آسیب دیده است و باز نمی‌شود، و پشتیبانی از آن در «{}» پیدا نشد. اگر رونوشتی از آن جای دیگری دارید، آن را باز کنید.", name(.path), .folder.display())]
    DamagedWithoutBackup { path: PathBuf, folder: PathBuf, detail: String },
    #[error("پیش از بازگردانی، پروندهٔ کنونی کنار گذاشته نشد ({}), پس چیزی جایگزین نشد.", .0)]
    AsideFailed(String),
    #[error("پشتیبان بر جای پرونده نوشته نشد: {}. پرونده دست‌نخورده است؛ اجازهٔ نوشتن در پوشه را بررسی کنید.", crate::error::io_reason(.0))]
    Replace(std::io::Error),
    #[error("{0}")]
    Settings(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

impl Problem for BackupError {
    fn code(&self) -> &'static str {
        match self {
            Self::NotWritten { .. } => "backup.not_written",
            Self::CopyDamaged { .. } => "backup.copy_damaged",
            Self::UnknownBackup { .. } => "backup.unknown",
            Self::BackupDamaged { .. } => "backup.backup_damaged",
            Self::Damaged { .. } => "backup.damaged",
            Self::DamagedWithoutBackup { .. } => "backup.damaged_without_backup",
            Self::AsideFailed(_) => "backup.aside_failed",
            Self::Replace(_) => "backup.replace_failed",
            Self::Settings(_) => "backup.settings",
            Self::Store(e) => e.code(),
        }
    }
    fn fault(&self) -> crate::Fault {
        match self {
            Self::Store(e) => e.fault(),
            _ => crate::Fault::User,
        }
    }
    fn details(&self) -> Vec<String> {
        match self {
            Self::CopyDamaged { detail, .. }
            | Self::BackupDamaged { detail, .. }
            | Self::Damaged { detail, .. }
            | Self::DamagedWithoutBackup { detail, .. } => vec![detail.clone()],
            Self::Replace(e) => vec![e.to_string()],
            Self::Store(e) => e.details(),
            _ => Vec::new(),
        }
    }
}
