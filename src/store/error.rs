use crate::error::{Fault, Problem};
use std::path::{Path, PathBuf};
use thiserror::Error;

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("پروندهٔ «{}» پیدا نشد؛ نشانی را بررسی کنید یا پروندهٔ تازه‌ای بسازید.", name(.path))]
    NotFound { path: PathBuf },
    #[error("پروندهٔ «{}» از پیش وجود دارد؛ نام دیگری برگزینید یا همان پرونده را باز کنید.", name(.path))]
    AlreadyExists { path: PathBuf },
    #[error("پروندهٔ «{}» را برنامهٔ دیگری (پنجرهٔ دیگر دفتر یا خط فرمان) باز کرده است. آن را ببندید و دوباره بکوشید.", name(.path))]
    InUse { path: PathBuf },
    #[error("«{}» پروندهٔ استان دفتر نیست؛ پرونده‌ای را برگزینید که دفتر ساخته است (با پسوند daftar).", name(.path))]
    NotAProvinceFile { path: PathBuf },
    #[error("پروندهٔ «{}» را نسخهٔ تازه‌تری از دفتر ({written_by}) نوشته است و این نسخه ({}) نمی‌تواند آن را بخواند. دفتر را به‌روز کنید.", name(.path), env!("CARGO_PKG_VERSION"))]
    NewerVersion { path: PathBuf, file_version: u32, written_by: String },
    #[error("پیش از به‌روزرسانی ساختار پرونده، ساختن رونوشت «{}» ممکن نشد؛ پرونده دست‌نخورده ماند. جای خالی دیسک و اجازهٔ نوشتن در پوشه را بررسی کنید.", name(.path))]
    BackupFailed { path: PathBuf, source: rusqlite::Error },
    #[error("به‌روزرسانی ساختار پرونده به نسخهٔ {version} انجام نشد و پرونده به حال پیشین ماند.")]
    MigrationFailed { version: u32, source: rusqlite::Error },
    #[error("{message}")]
    InvalidSetup { message: String },
    #[error("پروندهٔ «{}» باز نشد: {source}", name(.path))]
    CannotOpen { path: PathBuf, source: rusqlite::Error },
    #[error("خطای درونی پایگاه داده: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub(super) fn from_open(path: &Path, source: rusqlite::Error) -> Self {
        Self::CannotOpen { path: path.to_path_buf(), source }
    }
}

impl Problem for StoreError {
    fn code(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "store.not_found",
            Self::AlreadyExists { .. } => "store.already_exists",
            Self::InUse { .. } => "store.in_use",
            Self::NotAProvinceFile { .. } => "store.not_a_province_file",
            Self::NewerVersion { .. } => "store.newer_version",
            Self::BackupFailed { .. } => "store.backup_failed",
            Self::MigrationFailed { .. } => "store.migration_failed",
            Self::InvalidSetup { .. } => "store.invalid_setup",
            Self::CannotOpen { .. } => "store.cannot_open",
            Self::Sqlite(_) => "store.internal",
        }
    }

    fn fault(&self) -> Fault {
        match self {
            Self::MigrationFailed { .. } | Self::Sqlite(_) => Fault::Internal,
            _ => Fault::User,
        }
    }

    fn details(&self) -> Vec<String> {
        match self {
            Self::NewerVersion { path, file_version, .. } => {
                vec![format!(
                    "{}: نسخهٔ ساختار {file_version}، این برنامه تا نسخهٔ {}",
                    path.display(),
                    super::LATEST_VERSION
                )]
            }
            Self::BackupFailed { source, .. }
            | Self::MigrationFailed { source, .. }
            | Self::CannotOpen { source, .. } => {
                vec![source.to_string()]
            }
            Self::NotFound { path }
            | Self::AlreadyExists { path }
            | Self::InUse { path }
            | Self::NotAProvinceFile { path } => {
                vec![path.display().to_string()]
            }
            _ => Vec::new(),
        }
    }
}
