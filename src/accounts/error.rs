use crate::agencies::AgencyError;
use crate::error::{wrapped_problem, Fault, Problem};
use crate::fa::{self, format_integer};
use crate::issued::IssuedError;
use crate::sheets::{CellProblem, SheetError};
use crate::store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AccountsError {
    #[error("کارپوشهٔ «{file}» برگهٔ «{sheet}» را ندارد؛ الگو باید برگه‌های «مشخصات»، «جداول»، «اقلام» و «قواعد» را داشته باشد (docs/formats/template.md).")]
    MissingSheet { file: String, sheet: String },
    #[error("در فایل «{file}»، برگهٔ «{sheet}» این ستون‌ها نیست: {}. ردیف نخست برگه باید سرستون‌ها باشد.", crate::fa::quoted_list(.missing))]
    MissingColumns { file: String, sheet: String, missing: Vec<String>, found: Vec<String> },
    #[error("الگوی «{file}»: {} ایراد پیدا شد و الگو وارد نشد. ایرادها را در فایل درست کنید و دوباره وارد کنید.", format_integer(.problems.len() as i64))]
    InvalidTemplate { file: String, problems: Vec<CellProblem> },
    #[error("برای سال {} الگویی وارد نشده است؛ نخست الگوی جداول آن سال را وارد کنید.", fa::int(*.year))]
    NoTemplate { year: i32 },
    #[error("«{file}» الگوی سال {} است و شما روی سال {} کار می‌کنید؛ بگویید برای کدام سال ثبت شود.", fa::int(*.file_year), fa::int(*.year))]
    YearDiffers { file: String, file_year: i32, year: i32 },
    #[error("سال {} در این پرونده قلمی با دستگاه متولی ندارد که برای سال {} به کار رود؛ اقلام را یک‌به‌یک واگذار کنید.", fa::int(*.from_year), fa::int(*.year))]
    NothingToReuse { from_year: i32, year: i32 },
    #[error("برای سال {} هیچ دستگاهی از دستگاه‌های خواسته‌شده قلمی ندارد؛ نخست اقلام را به دستگاه‌ها واگذار کنید.", fa::int(*.year))]
    NothingToGenerate { year: i32 },
    #[error("نوشتن «{path}» ممکن نشد: {}. جای خالی دیسک و اجازهٔ نوشتن در پوشه را بررسی کنید.", crate::error::system_reason(.detail))]
    Write { path: String, detail: String },
    #[error("«{file}» کارپوشهٔ «{agency}» بر پایهٔ نسخهٔ «{found}» الگو ساخته شده و الگوی کنونی نسخهٔ «{expected}» است؛ کارپوشهٔ تازه بسازید و برای دستگاه بفرستید.")]
    WrongVersion { file: String, agency: String, found: String, expected: String },
    #[error("«{file}» کارپوشهٔ دستگاهی با کد «{code}» است که در فهرست دستگاه‌ها نیست.")]
    UnknownAgency { file: String, code: String },
    #[error("قلمی با کد «{code}» در الگوی سال {} نیست.", fa::int(*.year))]
    UnknownItem { year: i32, code: String },
    #[error("دستگاه «{name}» غیرفعال است؛ نخست آن را فعال کنید یا دستگاه دیگری برگزینید.")]
    InactiveAgency { name: String },
    #[error("فایل مقادیر «{file}»: {} ایراد پیدا شد و هیچ مقداری وارد نشد.", format_integer(.problems.len() as i64))]
    InvalidValues { file: String, problems: Vec<CellProblem> },
    #[error("مقدار قلم «{code}» پذیرفته نشد: {message}")]
    InvalidValue { code: String, message: String },
    #[error("قاعدهٔ «{code}» الگو معنا ندارد: {message}. الگوی درست را از مرکز آمار بخواهید.")]
    BadRule { code: String, message: String },
    #[error("برای «{rule}» توضیحی نوشته نشده است؛ بنویسید چرا این هشدار پذیرفتنی است.")]
    ExplanationRequired { rule: String },
    #[error("آخرین بررسی سال {} هشدار «{rule}» را دربارهٔ اقلام «{agency}» نیافته است؛ توضیح برای هشداری نوشته می‌شود که بررسی‌ها دربارهٔ اقلام همان دستگاه یافته‌اند. دستگاه و کد قاعده را بررسی کنید، یا اگر مقادیر تازه رسیده، نخست بررسی‌ها را اجرا کنید.", fa::int(*.year))]
    NoSuchWarning { rule: String, agency: String, year: i32 },
    #[error("دستگاه «{agency}» در سال {} جدولی برای تأیید ندارد.", fa::int(*.year))]
    NothingToApprove { agency: String, year: i32 },
    #[error("سهم {part} هنوز بررسی نشده است؛ نخست مقادیر را دریافت و بررسی‌ها را اجرا کنید.")]
    NotChecked { part: String },
    #[error("سهم {part} خطا دارد ({}) و تأیید نمی‌شود؛ نخست خطاها را با دستگاه درست کنید و دوباره بررسی کنید.", crate::fa::quoted_list(.rules))]
    BlockedByErrors { part: String, rules: Vec<String> },
    #[error("هشدارهای {} در سهم {part} هنوز توضیح ندارند؛ برای هر یک توضیح بنویسید، سپس تأیید کنید.", crate::fa::quoted_list(.rules))]
    UnexplainedWarnings { part: String, rules: Vec<String> },
    #[error("سهم {part} تأییدشده نیست که بازگشایی شود.")]
    NotApproved { part: String },
    #[error("برای بازگشایی دلیل بنویسید؛ در گزارش تغییرات می‌ماند.")]
    ReopenReasonRequired,
    #[error("این مقادیر تأیید شده و قفل‌اند؛ برای تغییر، نخست جدول را با ذکر دلیل بازگشایی کنید.")]
    Locked,
    #[error("بسته هنوز آمادهٔ ارسال نیست: {} سهم تأیید نشده و {} قلم بی‌متولی است. آن‌ها را تأیید و واگذار کنید، یا بستهٔ پیش‌نویس بسازید.", format_integer(.pending.len() as i64), format_integer(i64::from(*.unassigned)))]
    NotReadyToSend { pending: Vec<String>, unassigned: u32 },
    #[error("«{file}» بستهٔ حساب‌های منطقه‌ای نیست: {looks_like}. بسته فایل zipی است که دفتر با «ساختن بسته» می‌سازد و manifest.json، امضای آن (manifest.sig)، data.csv، checks.csv و کارپوشهٔ جدول‌ها را دارد.")]
    NotAPackage { file: String, looks_like: String, detail: String },
    #[error("بستهٔ «{file}» باز نشد؛ نشانی فایل و اجازهٔ خواندن آن را بررسی کنید.")]
    PackageUnreadable { file: String, detail: String },
    #[error("بستهٔ «{file}» خوانده نشد چون {excess}؛ بستهٔ دفتر هرگز چنین نیست. بستهٔ درست را دوباره بخواهید.")]
    PackageTooLarge { file: String, excess: crate::sheets::guard::ZipExcess },
    #[error("بستهٔ «{file}» وارسی شد و {} ایراد دارد؛ برای بسته‌ای که با ساختهٔ این پرونده یکی نیست نامهٔ همراه نوشته نمی‌شود. بسته را دوباره بسازید.", format_integer(.problems.len() as i64))]
    PackageRejected { file: String, problems: Vec<String> },
    #[error("این پرونده هنوز بسته‌ای نساخته و کلید امضا ندارد، پس بستهٔ «{file}» ساختهٔ آن نیست؛ بسته را با همین پرونده بسازید.")]
    NoOfficeKey { file: String },
    #[error("«{given}» کلید عمومی (۶۴ رقم شانزده‌شانزدهی) یا اثر انگشت کلید (۳۲ رقم) نیست.")]
    BadKeyArgument { given: String },
    #[error("ساختن کلید امضای دفتر ممکن نشد، چون سیستم عامل عدد تصادفی نداد؛ دوباره بکوشید.")]
    KeyCreation { detail: String },
    #[error("{what} پذیرفته نشد: {message}")]
    BadDate { what: String, message: String },
    #[error("{missing} نامهٔ درخواست مرکز آمار را هم بنویسید؛ نامه با شماره و تاریخش ثبت می‌شود (برای پاک کردن، هر دو را خالی بگذارید).")]
    CentreLetterIncomplete { missing: String },
    #[error("بسته‌ای با شمارهٔ {} در این پرونده ساخته نشده است؛ فهرست بسته‌های سال را ببینید.", fa::int(*.id))]
    UnknownPackage { id: i64 },
    #[error("تاریخ ارسال ({date}) پس از امروز ({today}) است؛ ارسال را روزی که بسته فرستاده شد ثبت کنید.")]
    SentInFuture { date: String, today: String },
    #[error(transparent)]
    Issued(#[from] IssuedError),
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error(transparent)]
    Agency(#[from] AgencyError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AccountsError {
    fn from(e: rusqlite::Error) -> Self {
        // The lock on approved values is enforced by triggers (migration 0002).
        if e.to_string().contains("ra_value_locked") {
            return Self::Locked;
        }
        Self::Store(StoreError::from(e))
    }
}

impl Problem for AccountsError {
    fn code(&self) -> &'static str {
        wrapped_problem!(self.code(), {
            Self::MissingSheet { .. } => "accounts.template.missing_sheet",
            Self::MissingColumns { .. } => "accounts.template.missing_columns",
            Self::InvalidTemplate { .. } => "accounts.template.invalid",
            Self::NoTemplate { .. } => "accounts.no_template",
            Self::YearDiffers { .. } => "accounts.year_differs",
            Self::NothingToReuse { .. } => "accounts.nothing_to_reuse",
            Self::NothingToGenerate { .. } => "accounts.nothing_to_generate",
            Self::Write { .. } => "accounts.write_failed",
            Self::ExplanationRequired { .. } => "accounts.review.explanation_required",
            Self::NoSuchWarning { .. } => "accounts.review.no_such_warning",
            Self::NothingToApprove { .. } => "accounts.review.nothing_to_approve",
            Self::NotChecked { .. } => "accounts.review.not_checked",
            Self::BlockedByErrors { .. } => "accounts.review.blocked_by_errors",
            Self::UnexplainedWarnings { .. } => "accounts.review.unexplained_warnings",
            Self::NotApproved { .. } => "accounts.review.not_approved",
            Self::ReopenReasonRequired => "accounts.review.reason_required",
            Self::Locked => "accounts.locked",
            Self::NotReadyToSend { .. } => "accounts.package.not_ready",
            Self::NotAPackage { .. } => "accounts.package.not_a_package",
            Self::PackageUnreadable { .. } => "accounts.package.unreadable",
            Self::PackageTooLarge { .. } => "accounts.package.too_large",
            Self::PackageRejected { .. } => "accounts.package.rejected",
            Self::NoOfficeKey { .. } => "accounts.package.no_office_key",
            Self::BadKeyArgument { .. } => "accounts.package.bad_key",
            Self::KeyCreation { .. } => "accounts.package.key_creation",
            Self::BadRule { .. } => "accounts.bad_rule",
            Self::BadDate { .. } => "accounts.bad_date",
            Self::CentreLetterIncomplete { .. } => "accounts.centre_letter.incomplete",
            Self::UnknownPackage { .. } => "accounts.package.not_found",
            Self::SentInFuture { .. } => "accounts.package.sent_in_future",
            Self::InvalidValues { .. } => "accounts.values.invalid",
            Self::InvalidValue { .. } => "accounts.value.invalid",
            Self::UnknownItem { .. } => "accounts.unknown_item",
            Self::InactiveAgency { .. } => "accounts.inactive_agency",
            Self::WrongVersion { .. } => "accounts.intake.wrong_version",
            Self::UnknownAgency { .. } => "accounts.intake.unknown_agency",
        })
    }
    fn fault(&self) -> Fault {
        wrapped_problem!(self.fault(), { _ => Fault::User })
    }
    fn details(&self) -> Vec<String> {
        wrapped_problem!(self.details(), {
            Self::InvalidTemplate { problems, .. } | Self::InvalidValues { problems, .. } => {
                problems.iter().map(ToString::to_string).collect()
            }
            Self::MissingColumns { found, .. } => {
                vec![format!("سرستون‌های موجود: {}", crate::fa::quoted_list(found))]
            }
            Self::NotReadyToSend { pending, .. } => {
                let mut lines: Vec<String> = pending.iter().take(20).map(|p| format!("تأییدنشده: {p}")).collect();
                if pending.len() > 20 {
                    lines.push(format!("و {} سهم دیگر", format_integer((pending.len() - 20) as i64)));
                }
                lines
            }
            Self::NotAPackage { detail, .. }
            | Self::PackageUnreadable { detail, .. }
            | Self::KeyCreation { detail } => vec![detail.clone()].into_iter().filter(|d| !d.is_empty()).collect(),
            Self::PackageRejected { problems, .. } => problems.clone(),
            Self::Write { detail, .. } => vec![detail.clone()],
            _ => Vec::new(),
        })
    }
}
