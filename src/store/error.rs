use crate::error::{Fault, Problem};
use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a province file was opened for reading only: it can be viewed and printed, and every
/// change is refused with this reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// The file itself may not be written (its permissions, or Windows' read-only attribute).
    FileNotWritable,
    /// SQLite writes a rollback journal beside the file, so its folder must be writable too.
    FolderNotWritable,
    /// A CD, a locked USB stick, a read-only share.
    ReadOnlyDisk,
    /// The person asked for it (`--read-only`).
    Requested,
    /// The file opened for writing, yet SQLite was refused a write.
    Refused,
}

impl ReadOnlyReason {
    fn because(self) -> &'static str {
        match self {
            Self::FileNotWritable => "پروندهٔ استان فقط‌خواندنی است (اجازهٔ نوشتن ندارد)",
            Self::FolderNotWritable => {
                "پوشهٔ پروندهٔ استان اجازهٔ نوشتن ندارد و دفتر برای هر تغییر باید فایلی موقت کنار پرونده بسازد"
            }
            Self::ReadOnlyDisk => "پروندهٔ استان روی دیسکی فقط‌خواندنی است (مانند لوح فشرده یا حافظهٔ قفل‌شده)",
            Self::Requested => "پروندهٔ استان به خواست شما فقط برای خواندن باز شده است",
            Self::Refused => "سیستم عامل اجازهٔ نوشتن در پروندهٔ استان را نداد",
        }
    }

    fn remedy(self) -> &'static str {
        match self {
            Self::Requested => "برای تغییر، آن را بی‌گزینهٔ فقط‌خواندنی (--read-only) باز کنید.",
            _ => "برای تغییر، پرونده را در پوشه‌ای رونوشت کنید که اجازهٔ نوشتن دارد و رونوشت را باز کنید.",
        }
    }
}

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
    #[error("پروندهٔ «{}» باز نشد: {}.", name(.path), sqlite_reason(.source))]
    CannotOpen { path: PathBuf, source: rusqlite::Error },
    #[error("{}؛ پس چیزی در آن نوشته نمی‌شود، ولی دیدن و چاپ ممکن است. {}", .reason.because(), .reason.remedy())]
    ReadOnly { reason: ReadOnlyReason, detail: Option<String> },
    #[error("پروندهٔ «{}» را نسخهٔ پیشین دفتر ساخته و پیش از باز شدن باید ساختارش به‌روز شود، ولی {}. پرونده را در پوشه‌ای رونوشت کنید که اجازهٔ نوشتن دارد و رونوشت را باز کنید.", name(.path), .reason.because())]
    ReadOnlyNeedsMigration { path: PathBuf, reason: ReadOnlyReason },
    #[error("دیسک پر است و تغییر نوشته نشد؛ پرونده به حال پیش از این کار ماند. جایی از دیسک را خالی کنید (یا پرونده را به دیسکی با جای خالی ببرید) و دوباره بکوشید.")]
    DiskFull { source: rusqlite::Error },
    #[error("خطای درونی پایگاه داده رخ داد و کار انجام نشد. جزئیات را برای پشتیبانی بفرستید.")]
    Sqlite(rusqlite::Error),
}

/// A failed open, in words a person can act on (the SQLite text goes to details).
fn sqlite_reason(e: &rusqlite::Error) -> &'static str {
    match e.sqlite_error_code() {
        Some(ErrorCode::CannotOpen) => "سیستم عامل اجازهٔ باز کردن آن را نداد یا پرونده در دسترس نیست",
        Some(ErrorCode::PermissionDenied) => "اجازهٔ دسترسی به آن داده نشده است",
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => "پرونده آسیب دیده است",
        Some(ErrorCode::DiskFull) => "دیسک پر است",
        _ => "پایگاه دادهٔ آن خطایی داد که شرحش در جزئیات آمده است",
    }
}

impl From<rusqlite::Error> for StoreError {
    /// The failures a person can act on get their own message: a full disk, a file that may not
    /// be written; the rest are ours.
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Self::DiskFull { source: e },
            Some(ErrorCode::ReadOnly) => {
                Self::ReadOnly { reason: ReadOnlyReason::Refused, detail: Some(e.to_string()) }
            }
            _ => Self::Sqlite(e),
        }
    }
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
            Self::ReadOnly { .. } => "store.read_only",
            Self::ReadOnlyNeedsMigration { .. } => "store.read_only_needs_migration",
            Self::DiskFull { .. } => "store.disk_full",
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
            | Self::CannotOpen { source, .. }
            | Self::DiskFull { source }
            | Self::Sqlite(source) => {
                vec![source.to_string()]
            }
            Self::ReadOnly { detail, .. } => detail.iter().cloned().collect(),
            Self::ReadOnlyNeedsMigration { path, .. } => vec![path.display().to_string()],
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

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(format!("sqlite said {code}")))
    }

    #[test]
    fn a_full_disk_is_the_person_s_to_fix_and_says_how() {
        let err = StoreError::from(sqlite(ffi::SQLITE_FULL));
        assert!(matches!(err, StoreError::DiskFull { .. }));
        assert_eq!((err.code(), err.fault()), ("store.disk_full", Fault::User));
        assert!(err.to_string().contains("جایی از دیسک را خالی کنید"), "{err}");
        assert_eq!(err.details(), ["sqlite said 13"]);
    }

    #[test]
    fn a_refused_write_is_a_read_only_file_not_an_internal_error() {
        let err = StoreError::from(sqlite(ffi::SQLITE_READONLY));
        assert_eq!((err.code(), err.fault()), ("store.read_only", Fault::User));
        assert!(err.to_string().starts_with(ReadOnlyReason::Refused.because()), "{err}");
        assert_eq!(err.details(), ["sqlite said 8"]);
    }

    #[test]
    fn sqlite_s_own_words_stay_out_of_the_message() {
        for err in [
            StoreError::from(sqlite(ffi::SQLITE_CORRUPT)),
            StoreError::from_open(Path::new("/x/l.daftar"), sqlite(ffi::SQLITE_CANTOPEN)),
        ] {
            let message = err.to_string();
            assert!(!message.contains("sqlite said"), "{message}");
            assert!(!message.replace("l.daftar", "").chars().any(|c| c.is_ascii_alphabetic()), "{message}");
            assert!(err.details()[0].contains("sqlite said"));
        }
        assert_eq!(StoreError::from(sqlite(ffi::SQLITE_CORRUPT)).fault(), Fault::Internal);
    }
}
