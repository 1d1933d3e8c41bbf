use crate::error::{Fault, Problem};
use crate::store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum RegisterError {
    #[error(
        "الگوی شماره باید «{{seq}}» (شمارهٔ پیاپی) را داشته باشد، مثلاً «{{year}}/{{seq}}/ص»؛ «{given}» آن را ندارد."
    )]
    PatternWithoutSeq { given: String },
    #[error("«{given}» خدمتی شناخته نیست؛ «accounts» (حساب‌های منطقه‌ای) یا «evaluation» (ارزیابی عملکرد) بنویسید.")]
    UnknownService { given: String },
    #[error("«{given}» نوع نامهٔ رسیده نیست؛ «letter» (نامه) یا «objection» (اعتراض) بنویسید.")]
    UnknownIncomingKind { given: String },
    #[error("تاریخ «{given}» پذیرفته نشد؛ تاریخ شمسی را به شکل ۱۴۰۳/۰۲/۱۰ بنویسید.")]
    BadDate { given: String },
    #[error("دستگاهی با کد «{code}» در فهرست دستگاه‌ها نیست؛ کد را از فهرست دستگاه‌ها بردارید.")]
    UnknownAgency { code: String },
    #[error("شماره و تاریخ نامهٔ رسیده (مرجع) را بنویسید؛ دبیرخانه نامه را با آن پیدا می‌کند.")]
    ReferenceRequired,
    #[error("موضوع نامه را بنویسید.")]
    SubjectRequired,
    #[error(
        "شمارهٔ «{number}» را دبیرخانه پیش‌تر به نامهٔ دیگری داده است؛ سند را دوباره ذخیره کنید تا شمارهٔ تازه بگیرد."
    )]
    NumberTaken { number: String },
    #[error("فایل «{path}» نوشته نشد: {}. پوشهٔ دیگری برگزینید یا ببینید فایل در برنامهٔ دیگری باز نباشد.", crate::error::system_reason(.detail))]
    Write { path: String, detail: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for RegisterError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(StoreError::from(e))
    }
}

impl Problem for RegisterError {
    fn code(&self) -> &'static str {
        match self {
            Self::PatternWithoutSeq { .. } => "register.pattern_without_seq",
            Self::UnknownService { .. } => "register.unknown_service",
            Self::UnknownIncomingKind { .. } => "register.unknown_incoming_kind",
            Self::BadDate { .. } => "register.bad_date",
            Self::UnknownAgency { .. } => "register.unknown_agency",
            Self::ReferenceRequired => "register.reference_required",
            Self::SubjectRequired => "register.subject_required",
            Self::NumberTaken { .. } => "register.number_taken",
            Self::Write { .. } => "register.write_failed",
            Self::Store(e) => e.code(),
        }
    }
    fn fault(&self) -> Fault {
        match self {
            Self::Store(e) => e.fault(),
            _ => Fault::User,
        }
    }
    fn details(&self) -> Vec<String> {
        match self {
            Self::Store(e) => e.details(),
            Self::Write { detail, .. } => vec![detail.clone()],
            _ => Vec::new(),
        }
    }
}
