use crate::accounts::AccountsError;
use crate::agencies::AgencyError;
use crate::error::{Fault, Problem};
use crate::evaluation::EvaluationError;
use crate::register::RegisterError;
use crate::reports::ReportError;
use crate::store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum FollowupError {
    #[error(
        "در سال {year} هیچ دستگاهی تأخیر ندارد؛ نامهٔ یادآوری لازم نیست. تابلوی پیگیری می‌گوید هر دستگاه تا کجا پیش آمده است."
    )]
    NobodyLate { year: String },
    #[error("دستگاه «{code}» در سال {year} تأخیری ندارد که برایش یادآوری نوشته شود؛ کد را از تابلوی پیگیری بردارید.")]
    NotLate { code: String, year: String },
    #[error("دستگاهی با کد «{code}» در فهرست دستگاه‌ها نیست؛ کد را از فهرست دستگاه‌ها یا تابلوی پیگیری بردارید.")]
    UnknownAgency { code: String },
    #[error("سال {year} نه الگوی حساب‌های منطقه‌ای دارد و نه دورهٔ ارزیابی عملکرد؛ سال دیگری برگزینید.")]
    NoYear { year: String },
    #[error("پوشهٔ «{path}» ساخته نشد: {}. پوشهٔ دیگری برگزینید.", crate::error::system_reason(.detail))]
    Folder { path: String, detail: String },
    #[error(transparent)]
    Accounts(#[from] AccountsError),
    #[error(transparent)]
    Evaluation(#[from] EvaluationError),
    #[error(transparent)]
    Register(#[from] RegisterError),
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Agency(#[from] AgencyError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for FollowupError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(StoreError::from(e))
    }
}

impl Problem for FollowupError {
    fn code(&self) -> &'static str {
        match self {
            Self::NobodyLate { .. } => "followup.nobody_late",
            Self::NotLate { .. } => "followup.not_late",
            Self::UnknownAgency { .. } => "followup.unknown_agency",
            Self::NoYear { .. } => "followup.no_year",
            Self::Folder { .. } => "followup.folder_failed",
            Self::Accounts(e) => e.code(),
            Self::Evaluation(e) => e.code(),
            Self::Register(e) => e.code(),
            Self::Report(e) => e.code(),
            Self::Agency(e) => e.code(),
            Self::Store(e) => e.code(),
        }
    }
    fn fault(&self) -> Fault {
        match self {
            Self::Accounts(e) => e.fault(),
            Self::Evaluation(e) => e.fault(),
            Self::Register(e) => e.fault(),
            Self::Report(e) => e.fault(),
            Self::Agency(e) => e.fault(),
            Self::Store(e) => e.fault(),
            _ => Fault::User,
        }
    }
    fn details(&self) -> Vec<String> {
        match self {
            Self::Accounts(e) => e.details(),
            Self::Evaluation(e) => e.details(),
            Self::Register(e) => e.details(),
            Self::Report(e) => e.details(),
            Self::Agency(e) => e.details(),
            Self::Store(e) => e.details(),
            Self::Folder { detail, .. } => vec![detail.clone()],
            _ => Vec::new(),
        }
    }
}
