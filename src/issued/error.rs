use crate::error::Problem;
use crate::fa;
use thiserror::Error;

/// The service that issued a workbook: its refusals keep that service's codes and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Accounts,
    Evaluation,
}

impl Service {
    /// For whom Daftar made the service's workbooks.
    fn made_for(self) -> &'static str {
        match self {
            Self::Accounts => "برای دستگاه‌ها",
            Self::Evaluation => "برای ارزیابی",
        }
    }
    /// What agencies write in them.
    fn filled_with(self) -> &'static str {
        match self {
            Self::Accounts => "مقادیر",
            Self::Evaluation => "امتیازها",
        }
    }
}

/// Why a returned workbook is not one this province file issued for this place.
#[derive(Debug, Error)]
pub enum IssuedError {
    #[error("«{file}» کارپوشه‌ای نیست که دفتر {} ساخته باشد (برگهٔ پنهان «شناسه» را ندارد)؛ از دستگاه بخواهید {} را در کارپوشه‌ای که برایش فرستاده شده بنویسد.", .service.made_for(), .service.filled_with())]
    NotOurWorkbook { service: Service, file: String },
    #[error("برگهٔ «شناسه» در «{file}» (کارپوشهٔ «{agency}») دست‌کاری شده و با رمز آن نمی‌خواند؛ کارپوشهٔ تازه‌ای برای دستگاه بسازید و بفرستید.")]
    TamperedIdentity { service: Service, file: String, agency: String },
    #[error("«{file}» کارپوشهٔ «{agency}» است ولی این پرونده آن را نساخته (شاید از پروندهٔ استان دیگری است)؛ کارپوشه‌ای را وارد کنید که از همین پرونده فرستاده شده.")]
    NotIssued { service: Service, file: String, agency: String },
    #[error("«{file}» کارپوشهٔ سال {} «{agency}» است، نه سال {}؛ کارپوشهٔ سال درست را وارد کنید.", fa::int(*.found), fa::int(*.expected))]
    WrongYear { service: Service, file: String, agency: String, found: i32, expected: i32 },
    #[error("«{file}» کارپوشهٔ «{found}» است، نه «{expected}»؛ آن را برای دستگاه درست وارد کنید.")]
    WrongAgency { service: Service, file: String, found: String, expected: String },
}

impl IssuedError {
    pub fn service(&self) -> Service {
        match self {
            Self::NotOurWorkbook { service, .. }
            | Self::TamperedIdentity { service, .. }
            | Self::NotIssued { service, .. }
            | Self::WrongYear { service, .. }
            | Self::WrongAgency { service, .. } => *service,
        }
    }
}

impl Problem for IssuedError {
    fn code(&self) -> &'static str {
        let (accounts, evaluation) = match self {
            Self::NotOurWorkbook { .. } => ("accounts.intake.not_our_workbook", "evaluation.intake.not_our_workbook"),
            Self::TamperedIdentity { .. } => {
                ("accounts.intake.tampered_identity", "evaluation.intake.tampered_identity")
            }
            Self::NotIssued { .. } => ("accounts.intake.not_issued", "evaluation.intake.not_issued"),
            Self::WrongYear { .. } => ("accounts.intake.wrong_year", "evaluation.intake.wrong_year"),
            Self::WrongAgency { .. } => ("accounts.intake.wrong_agency", "evaluation.intake.wrong_agency"),
        };
        match self.service() {
            Service::Accounts => accounts,
            Service::Evaluation => evaluation,
        }
    }
}
