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
    /// The identity sheet of one agency's workbook pasted into another's: the sheets' marks
    /// say whose rows they are.
    #[error("برگهٔ «شناسه» در «{file}» از کارپوشهٔ «{identity}» است ولی برگهٔ «{sheet}» آن از کارپوشهٔ «{content}» است (برگهٔ شناسه از کارپوشهٔ دیگری رونوشت شده)؛ هیچ چیز وارد نشد. از «{content}» بخواهید {} را در همان کارپوشه‌ای بنویسد که برایش فرستاده شده و آن را بی‌دست‌کاری برگرداند.", .service.filled_with())]
    IdentityOfAnother { service: Service, file: String, sheet: String, identity: String, content: String },
    #[error("کارپوشهٔ «{file}» برگهٔ «{expected}» را ندارد (برگه‌های آن: {}); شاید نامش عوض شده. نام برگه را به «{expected}» برگردانید یا کارپوشهٔ فرستاده‌شده را دوباره پر کنید.", .found.join("، "))]
    MissingSheet { service: Service, file: String, expected: String, found: Vec<String> },
    #[error("در کارپوشهٔ «{file}» ({agency}) {} خانه فرمول دارد ولی مقدار حساب‌شدهٔ فرمول در فایل نیست ({}) — برنامه‌ای که فایل را ذخیره کرده فرمول‌ها را حساب نمی‌کند؛ هیچ چیز وارد نشد. کارپوشه را در Excel یا LibreOffice باز کنید و دوباره ذخیره کنید تا مقدارها حساب شوند، سپس دوباره وارد کنید.", fa::count(.cells.len()), listed_cells(.cells))]
    UncomputedFormulas { service: Service, file: String, agency: String, cells: Vec<String> },
    #[error("کارپوشهٔ «{file}» ({agency}): {} ایراد دارد و هیچ چیز از آن وارد نشد. ایرادها را به دستگاه برگردانید تا درست کند.", fa::count(.problems.len()))]
    InvalidCells { service: Service, file: String, agency: String, problems: Vec<String> },
}

/// The first cells of a list for a sentence, and how many more there are.
fn listed_cells(cells: &[String]) -> String {
    const SHOWN: usize = 10;
    let shown = cells.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("، ");
    match cells.len().checked_sub(SHOWN).filter(|more| *more > 0) {
        Some(more) => format!("{shown} و {} خانهٔ دیگر", fa::count(more)),
        None => shown,
    }
}

impl IssuedError {
    pub fn service(&self) -> Service {
        match self {
            Self::NotOurWorkbook { service, .. }
            | Self::TamperedIdentity { service, .. }
            | Self::NotIssued { service, .. }
            | Self::WrongYear { service, .. }
            | Self::WrongAgency { service, .. }
            | Self::IdentityOfAnother { service, .. }
            | Self::MissingSheet { service, .. }
            | Self::UncomputedFormulas { service, .. }
            | Self::InvalidCells { service, .. } => *service,
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
            Self::IdentityOfAnother { .. } => {
                ("accounts.intake.identity_of_another", "evaluation.intake.identity_of_another")
            }
            Self::MissingSheet { .. } => ("accounts.intake.missing_sheet", "evaluation.intake.missing_sheet"),
            Self::UncomputedFormulas { .. } => ("accounts.intake.uncomputed", "evaluation.intake.uncomputed"),
            Self::InvalidCells { .. } => ("accounts.intake.invalid", "evaluation.intake.invalid"),
        };
        match self.service() {
            Service::Accounts => accounts,
            Service::Evaluation => evaluation,
        }
    }
    fn details(&self) -> Vec<String> {
        const LISTED: usize = 30;
        let lines = match self {
            Self::UncomputedFormulas { cells, .. } => cells,
            Self::InvalidCells { problems, .. } => problems,
            _ => return Vec::new(),
        };
        let mut out: Vec<String> = lines.iter().take(LISTED).cloned().collect();
        if lines.len() > LISTED {
            out.push(format!("و {} مورد دیگر", fa::count(lines.len() - LISTED)));
        }
        out
    }
}
