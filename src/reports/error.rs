use crate::accounts::AccountsError;
use crate::error::{Fault, Problem};
use crate::evaluation::EvaluationError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Accounts(#[from] AccountsError),
    #[error(transparent)]
    Evaluation(#[from] EvaluationError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Agency(#[from] crate::agencies::AgencyError),
    #[error(transparent)]
    Register(#[from] crate::register::RegisterError),
    #[error("سندی با نام «{kind}» در دفتر نیست؛ یکی از این‌ها را بنویسید: {known}.")]
    UnknownKind { kind: String, known: String },
    #[error("«{title}» دربارهٔ یک دستگاه است؛ کد دستگاه را هم بدهید.")]
    AgencyRequired { title: String },
    #[error("«{title}» هنوز ساخته نمی‌شود: {reason}")]
    NotReady { title: String, reason: String },
    #[error("کارپوشهٔ اکسل «{title}» ساخته نشد: {}.", crate::error::system_reason(.detail))]
    Xlsx { title: String, detail: String },
    #[error("فایل «{path}» نوشته نشد: {}. پوشهٔ دیگری برگزینید یا ببینید فایل در برنامهٔ دیگری باز نباشد.", crate::error::system_reason(.detail))]
    Write { path: String, detail: String },
    // Batches (issue 14 item 3)
    #[error("«{title}» برای یک دستگاه ساخته نمی‌شود، پس گروهی هم ساخته نمی‌شود؛ آن را یک‌جا بسازید.")]
    BatchNotOffered { title: String },
    #[error("یک فایل برای همهٔ دستگاه‌ها فقط PDF است؛ کارپوشه‌های اکسل را در «پوشه‌ای از فایل‌ها» بسازید.")]
    BatchOneFileIsPdf,
    #[error("این کدها دستگاهی در دفتر نیستند: {codes}. کد درست را از فهرست دستگاه‌ها بنویسید.")]
    BatchUnknownAgencies { codes: String },
    #[error("ساخت گروهی لغو شد؛ هیچ فایلی نوشته نشد و شماره‌ای از دبیرخانه گرفته نشد.")]
    BatchCancelled,
    #[error("«{title}» برای هیچ‌یک از دستگاه‌ها ساخته نشد؛ {reasons}")]
    BatchNothingMade { title: String, reasons: String },
    #[error("سندهای دستگاه‌ها در یک فایل PDF کنار هم گذاشته نشدند: {}. «پوشه‌ای از فایل‌ها» را برگزینید.", crate::error::system_reason(.detail))]
    BatchJoin { detail: String },
}

impl Problem for ReportError {
    fn code(&self) -> &'static str {
        match self {
            Self::Accounts(e) => e.code(),
            Self::Evaluation(e) => e.code(),
            Self::Store(e) => e.code(),
            Self::Agency(e) => e.code(),
            Self::Register(e) => e.code(),
            Self::UnknownKind { .. } => "report.unknown_kind",
            Self::AgencyRequired { .. } => "report.agency_required",
            Self::NotReady { .. } => "report.not_ready",
            Self::Xlsx { .. } => "report.xlsx_failed",
            Self::Write { .. } => "report.write_failed",
            Self::BatchNotOffered { .. } => "report.batch_not_offered",
            Self::BatchOneFileIsPdf => "report.batch_one_file_is_pdf",
            Self::BatchUnknownAgencies { .. } => "report.batch_unknown_agencies",
            Self::BatchCancelled => "report.batch_cancelled",
            Self::BatchNothingMade { .. } => "report.batch_nothing_made",
            Self::BatchJoin { .. } => "report.batch_join_failed",
        }
    }

    fn fault(&self) -> Fault {
        match self {
            Self::Accounts(e) => e.fault(),
            Self::Evaluation(e) => e.fault(),
            Self::Store(e) => e.fault(),
            Self::Agency(e) => e.fault(),
            Self::Register(e) => e.fault(),
            Self::Xlsx { .. } | Self::BatchJoin { .. } => Fault::Internal,
            _ => Fault::User,
        }
    }

    fn details(&self) -> Vec<String> {
        match self {
            Self::Accounts(e) => e.details(),
            Self::Evaluation(e) => e.details(),
            Self::Store(e) => e.details(),
            Self::Agency(e) => e.details(),
            Self::Register(e) => e.details(),
            Self::Xlsx { detail, .. } | Self::Write { detail, .. } | Self::BatchJoin { detail } => vec![detail.clone()],
            _ => Vec::new(),
        }
    }
}
