use crate::error::{Fault, Problem};
use crate::fa::format_integer;
use crate::sheets::SheetError;
use crate::store::StoreError;
use thiserror::Error;

/// One thing wrong in one cell of an imported agency sheet.
pub type RowProblem = crate::sheets::CellProblem;

#[derive(Debug, Error)]
pub enum AgencyError {
    #[error("{0}")]
    Invalid(String),
    #[error("کد «{code}» را پیش‌تر دستگاه «{existing}» دارد؛ هر دستگاه کد یکتای خود را دارد.")]
    DuplicateCode { code: String, existing: String },
    #[error("دستگاه «{name}» با کد «{existing_code}» از پیش در فهرست است (نام‌ها جدا از ی/ي، ک/ك و نیم‌فاصله یکی‌اند).")]
    DuplicateName { name: String, existing_code: String },
    #[error("دستگاهی با کد «{code}» در این پرونده نیست.")]
    NotFound { code: String },
    #[error("برای غیرفعال کردن دستگاه «{name}» دلیل را بنویسید؛ در گزارش تغییرات می‌ماند.")]
    ReasonRequired { name: String },
    #[error("در فایل «{file}»، برگهٔ «{sheet}» این ستون‌ها نیست: {}. ردیف نخست باید سرستون‌ها باشد، دست‌کم «کد» و «نام دستگاه».", crate::fa::quoted_list(.missing))]
    MissingColumns { file: String, sheet: String, missing: Vec<String>, found: Vec<String> },
    #[error("فایل «{file}»، برگهٔ «{sheet}»: {} ایراد پیدا شد و هیچ دستگاهی وارد نشد. ایرادها را در فایل درست کنید و دوباره وارد کنید.", format_integer(.problems.len() as i64))]
    InvalidRows { file: String, sheet: String, problems: Vec<RowProblem> },
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AgencyError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(StoreError::from(e))
    }
}

impl Problem for AgencyError {
    fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "agency.invalid",
            Self::DuplicateCode { .. } => "agency.duplicate_code",
            Self::DuplicateName { .. } => "agency.duplicate_name",
            Self::NotFound { .. } => "agency.not_found",
            Self::ReasonRequired { .. } => "agency.reason_required",
            Self::MissingColumns { .. } => "agency.import.missing_columns",
            Self::InvalidRows { .. } => "agency.import.invalid_rows",
            Self::Sheet(e) => e.code(),
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
            Self::InvalidRows { problems, .. } => problems.iter().map(ToString::to_string).collect(),
            Self::MissingColumns { found, .. } => {
                vec![format!("سرستون‌های موجود: {}", crate::fa::quoted_list(found))]
            }
            Self::Sheet(e) => e.details(),
            Self::Store(e) => e.details(),
            _ => Vec::new(),
        }
    }
}
