use crate::agencies::AgencyError;
use crate::error::{wrapped_problem, Fault, Problem};
use crate::fa::{self, format_integer};
use crate::issued::IssuedError;
use crate::sheets::{CellProblem, SheetError};
use crate::store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum EvaluationError {
    #[error("ارزیابی سال {} هنوز آغاز نشده است؛ نخست سال را در صفحهٔ «ارزیابی عملکرد» با «آغاز ارزیابی سال» بسازید.", fa::int(*.year))]
    NoYear { year: i32 },
    #[error("ارزیابی سال {} پیش‌تر ساخته شده است.", fa::int(*.year))]
    YearExists { year: i32 },
    #[error("تنظیمات پذیرفته نشد: {message}.")]
    BadSettings { message: String },
    #[error("مرحله‌ای با کد «{code}» نیست.")]
    UnknownPhase { code: String, known: Vec<String> },
    #[error("پایان مرحلهٔ «{phase}» پیش از آغاز آن است؛ تاریخ‌ها را درست کنید.")]
    EndsBeforeStart { phase: String },
    #[error("مرحلهٔ «{phase}» باز نیست (از {starts} تا {ends}؛ امروز {today})؛ اگر باید بیرون از این بازه تغییری داده شود، مرحله را با ذکر دلیل بازگشایی کنید.")]
    PhaseClosed { phase: String, starts: String, ends: String, today: String },
    #[error("تاریخ بازگشایی مرحلهٔ «{phase}» ({until}) گذشته است؛ روزی از امروز به بعد بنویسید.")]
    ReopenInThePast { phase: String, until: String },
    #[error("مرحلهٔ «{later}» از {later_starts} آغاز می‌شود، پیش از پایان مرحلهٔ «{earlier}» ({earlier_ends})؛ مرحله‌ها به ترتیب می‌آیند و روی هم نمی‌افتند. آغاز «{later}» را از {earlier_ends} به بعد بگذارید، پایان «{earlier}» را زودتر کنید، یا مرحله‌های بعدی را هم‌راه جابه‌جا کنید.")]
    PhasesOverlap { earlier: String, earlier_ends: String, later: String, later_starts: String },
    #[error("مرحلهٔ «{phase}» هنوز تمام نشده است (تا {ends} باز است) و بازگشایی نمی‌خواهد؛ اگر روزهای بیشتری لازم است، تاریخ پایانش را در زمان‌بندی تغییر دهید.")]
    PhaseNotEnded { phase: String, ends: String },
    #[error("مرحلهٔ «{phase}» تا {until} بازگشایی شده و هنوز باز است؛ پس از آن روز می‌توان دوباره بازگشایی کرد.")]
    PhaseStillReopened { phase: String, until: String },
    #[error("دلیل را بنویسید؛ در پرونده و گزارش تغییرات می‌ماند.")]
    ReasonRequired,
    #[error("نتایج ارزیابی این سال در شورای توسعهٔ مدیریت تصویب شده و قفل است؛ برای هر تغییری نخست تصویب را با ذکر دلیل بازگشایی کنید.")]
    YearLocked { year: i32 },
    #[error("فهرست شاخص‌های «{file}»: {} ایراد پیدا شد و هیچ چیز وارد نشد. ایرادها را در فایل درست کنید و دوباره وارد کنید.", format_integer(.problems.len() as i64))]
    InvalidCatalog { file: String, problems: Vec<CellProblem> },
    #[error("کارپوشهٔ «{file}» برگهٔ «{sheet}» را ندارد؛ فهرست شاخص‌ها باید برگه‌های «محورها»، «شاخص‌ها» و «سنجه‌ها» را داشته باشد (docs/formats/indicators.md).")]
    MissingSheet { file: String, sheet: String },
    #[error("در فایل «{file}»، برگهٔ «{sheet}» این ستون‌ها نیست: {}. ردیف نخست برگه باید سرستون‌ها باشد.", crate::fa::quoted_list(.missing))]
    MissingColumns { file: String, sheet: String, missing: Vec<String> },
    #[error("سقف امتیازها جمع درستی ندارد ({} ایراد)؛ فهرست شاخص‌ها وارد نشد. سقف‌ها را در فایل درست کنید.", format_integer(.problems.len() as i64))]
    CeilingsDoNotAddUp { problems: Vec<String> },
    #[error("برای سال {} هنوز فهرست شاخص‌ها وارد نشده است؛ نخست فهرست شاخص‌ها را وارد کنید.", fa::int(*.year))]
    NoCatalog { year: i32 },
    #[error("برای سال {} پیش‌تر {} امتیاز ثبت شده و فهرست شاخص‌ها دیگر جایگزین نمی‌شود؛ اگر شاخصی باید تغییر کند، آن را با ستاد هماهنگ و دستی ثبت کنید.", fa::int(*.year), format_integer(i64::from(*.scores)))]
    CatalogHasScores { year: i32, scores: u32 },
    #[error("شاخصی با کد «{code}» برای «{agency}» نیست.")]
    UnknownIndicator { code: String, agency: String },
    #[error("امتیاز شاخص «{indicator}» برای «{agency}» پذیرفته نشد: {message}")]
    InvalidScore { agency: String, indicator: String, message: String },
    #[error("امتیاز ارزیاب برای شاخص «{indicator}» ({agency}) {departure} با امتیاز خوداظهاری فاصله دارد؛ بیش از {limit} سقف است، پس توضیح ارزیاب لازم است.")]
    CommentRequired { agency: String, indicator: String, departure: String, limit: String },
    #[error("نوشتن «{path}» ممکن نشد: {}. جای خالی دیسک و اجازهٔ نوشتن در پوشه را بررسی کنید.", crate::error::system_reason(.detail))]
    Write { path: String, detail: String },
    #[error("«{file}» کارپوشهٔ {found} است، نه {expected}؛ آن را در بخش درست وارد کنید.")]
    WrongPurpose { file: String, found: String, expected: String },
    #[error("نتایج اولیه هنوز کامل نیست: {} امتیاز ارزیاب ثبت نشده است. نخست همهٔ شاخص‌ها را امتیاز دهید.", format_integer(.missing.len() as i64))]
    ScoresMissing { missing: Vec<String> },
    #[error("نتایج اولیهٔ سال {} پیش‌تر در {published} اعلام شده است.", fa::int(*.year))]
    AlreadyPublished { year: i32, published: String },
    #[error("نتایج اولیهٔ سال {} هنوز اعلام نشده است؛ اعتراض پس از اعلام نتایج اولیه پذیرفته می‌شود.", fa::int(*.year))]
    NotPublished { year: i32 },
    #[error("اعتراض پذیرفته نیست: مهلت اعتراض از {opens} تا {closes} بود و امروز {today} است.")]
    ObjectionOutsideWindow { opens: String, closes: String, today: String },
    #[error("«{agency}» پیش‌تر برای شاخص «{indicator}» اعتراض ثبت کرده است؛ برای هر شاخص یک اعتراض پذیرفته می‌شود.")]
    DuplicateObjection { agency: String, indicator: String },
    #[error("اعتراض ثبت‌شده را نمی‌توان ویرایش کرد؛ دلیل و مستندات اعتراض همان‌گونه که ثبت شده می‌ماند.")]
    ObjectionImmutable,
    #[error("دلیل اعتراض را بنویسید.")]
    ObjectionReasonRequired,
    #[error("اعتراضی با شمارهٔ {} نیست.", fa::int(*.id))]
    UnknownObjection { id: i64 },
    #[error("برای پذیرش اعتراض امتیاز تازه را بنویسید (از ۰ تا {ceiling}).")]
    NewScoreRequired { ceiling: String },
    #[error("امتیاز تازهٔ {score} بیرون از بازهٔ ۰ تا سقف {ceiling} است.")]
    NewScoreOutOfRange { score: String, ceiling: String },
    #[error(
        "در پذیرش بخشی، امتیاز تازه باید میان امتیاز ارزیاب ({evaluator}) و سقف باشد و با امتیاز ارزیاب برابر نباشد."
    )]
    PartlyNeedsBetterScore { evaluator: String },
    #[error("پذیرش اعتراض امتیاز را کمتر از امتیاز ارزیاب ({evaluator}) نمی‌کند؛ اگر ادعای دستگاه درست نیست، اعتراض را رد کنید.")]
    AcceptedBelowEvaluator { evaluator: String },
    #[error("{} دستگاه در نتایج تصویب‌شده گروه جشنواره ندارند و برگزیدگان هر گروه بی آن‌ها روشن نمی‌شود؛ گروه هر دستگاه را در «دستگاه‌ها» بنویسید، سپس تصویب را با ذکر دلیل بازگشایی و دوباره تصویب کنید.", format_integer(.agencies.len() as i64))]
    AgenciesWithoutGroup { agencies: Vec<String> },
    #[error("کارگروه‌های سال {} پیش‌تر {} عضو دارند؛ اعضای سال پیش فقط برای سالی به کار می‌روند که هنوز عضوی ندارد.", fa::int(*.year), fa::int(*.count))]
    MembersAlreadyThere { year: i32, count: u32 },
    #[error("پیش از سال {} سالی با اعضای کارگروه در این پرونده نیست؛ اعضا را یکی‌یکی بیفزایید.", fa::int(*.year))]
    NoEarlierMembers { year: i32 },
    #[error("{} اعتراض هنوز تصمیم ندارد؛ پیش از تصویب دربارهٔ همه تصمیم بگیرید.", format_integer(.pending.len() as i64))]
    ObjectionsPending { pending: Vec<String> },
    #[error("نتایج اولیهٔ سال {} هنوز اعلام نشده است؛ شورا نتایجی را تصویب می‌کند که اعلام شده و مهلت اعتراض به آن گذشته باشد.", fa::int(*.year))]
    ApprovalBeforePublication { year: i32 },
    #[error("مهلت اعتراض دستگاه‌ها هنوز باز است (تا {closes}، امروز {today})؛ تصویب پس از پایان مهلت ممکن است. اگر مرحلهٔ اعتراض بازگشایی شده، تا پایان آن صبر کنید.")]
    ObjectionWindowOpen { closes: String, today: String },
    #[error("نسخهٔ تصویب‌شدهٔ نتایج سال {} با رمز آن نمی‌خواند و دست‌کاری شده است؛ از نسخهٔ پشتیبان پرونده استفاده کنید.", fa::int(*.year))]
    SnapshotDamaged { year: i32 },
    #[error("نتایج نهایی سال {} هنوز در شورای توسعهٔ مدیریت تصویب نشده است؛ برگزیدگان جشنواره و خروجی سامانهٔ ملی از نتایج تصویب‌شده ساخته می‌شوند.", fa::int(*.year))]
    NotYetApproved { year: i32 },
    #[error("نتایج سال {} تصویب‌نشده است که بازگشایی شود.", fa::int(*.year))]
    NotApproved { year: i32 },
    #[error("نتایج نهایی سال {} هنوز در {council} تصویب نشده است؛ سطح‌بندی و رتبه‌ها پس از تصویب شورا به دستگاه‌ها ابلاغ می‌شود.", fa::int(*.year))]
    NotificationBeforeApproval { year: i32, council: String },
    #[error("سطح‌بندی ملی سال {} هنوز وارد نشده است؛ نخست سطح‌بندی اعلام‌شده از سازمان اداری و استخدامی کشور را در «ارزیابی عملکرد»، بخش «نتایج سال پیش و سطح‌بندی ملی» وارد کنید.", fa::int(*.year))]
    NationalNotImported { year: i32 },
    #[error("دستگاهی با کد «{code}» در فهرست دستگاه‌ها نیست.")]
    UnknownAgency { code: String },
    #[error("فایل «{file}»: {} ایراد پیدا شد و هیچ چیز وارد نشد.", format_integer(.problems.len() as i64))]
    InvalidFile { file: String, problems: Vec<CellProblem> },
    #[error("در فایل سامانهٔ ملی «{file}» {} ردیف پذیرفته نیست و تا درست نشود هیچ امتیازی از آن وارد نمی‌شود؛ ردیف‌ها را درست کنید (یا خروجی تازه‌ای از سامانه بگیرید) و فایل را دوباره برگزینید.", format_integer(.problems.len() as i64))]
    TransferRowsRefused { file: String, problems: Vec<CellProblem> },
    #[error("نامزدی با شمارهٔ {} نیست.", fa::int(*.id))]
    UnknownNomination { id: i64 },
    #[error("عضوی با شمارهٔ {} در کارگروه‌های این سال نیست؛ فهرست اعضا را دوباره بخوانید.", fa::int(*.id))]
    UnknownMember { id: i64 },
    #[error("ستاد ملیِ «{agency}» هنوز خودارزیابی آن را تأیید نکرده است و بنا بر تنظیمات سال، امتیازدهی ارزیاب پس از تأیید ستاد است؛ نخست تأیید ستاد را با شمارهٔ نامه ثبت کنید (یا این تنظیم را خاموش کنید).")]
    HqNotConfirmed { agency: String },
    #[error("مرجع تغییر ستاد (شماره و تاریخ نامهٔ ستاد ملی) را بنویسید؛ هر تغییر ستاد با نامه‌اش ثبت می‌شود.")]
    HqReferenceRequired,
    #[error("«{file}» کارپوشهٔ خودارزیابی «{found}» است، نه «{expected}»؛ کارپوشه‌ای را که ستاد همین دستگاه برگردانده است برگزینید.")]
    HqWorkbookOfAnotherAgency { file: String, found: String, expected: String },
    #[error("{what}: {message}")]
    BadDate { what: String, message: String },
    #[error("{what} را بنویسید.")]
    Required { what: String },
    #[error("در فهرست شاخص‌های سال {} هیچ شاخصی دستگاه سنجش ندارد؛ کد دستگاه سنجش هر شاخصی را که دستگاه دیگری برای همه می‌سنجد در ستون «دستگاه سنجش» فهرست شاخص‌ها بنویسید و فهرست را دوباره وارد کنید.", fa::int(*.year))]
    NoLeads { year: i32 },
    #[error("«{name}» ({code}) دستگاه سنجش هیچ شاخصی در سال {} نیست؛ دستگاه‌های سنجش این سال: {}.", fa::int(*.year), .leads.join("، "))]
    NotALead { year: i32, code: String, name: String, leads: Vec<String> },
    #[error("تیم ارزیابی با شمارهٔ {} در این سال نیست؛ فهرست تیم‌ها را دوباره بخوانید.", fa::int(*.id))]
    UnknownTeam { id: i64 },
    #[error("تیمی به نام «{name}» در این سال هست؛ نام دیگری بنویسید.")]
    TeamExists { name: String },
    #[error("تیم «{team}» هنوز {} دستگاه دارد؛ نخست دستگاه‌هایش را از تیم بردارید یا به تیم دیگری بسپارید، سپس تیم را حذف کنید.", fa::int(*.count))]
    TeamHasAgencies { team: String, count: u32 },
    #[error("{} دستگاه از این فهرست در تیم دیگری است و هر دستگاه تنها در یک تیم ارزیابی می‌شود؛ هیچ دستگاهی به تیم «{team}» سپرده نشد. نخست آن دستگاه‌ها را از تیم کنونی‌شان بردارید.", format_integer(.agencies.len() as i64))]
    AgenciesInAnotherTeam { team: String, agencies: Vec<String> },
    #[error("تیم «{team}» هنوز دستگاهی با شاخص ندارد؛ نخست دستگاه‌هایش را به آن بسپارید.")]
    TeamWithoutAgencies { team: String },
    #[error("«{file}» کارپوشهٔ ارزیابی تیم «{team}» است، اما «{agency}» اکنون {}؛ امتیازهای آن پذیرفته نشد. کارپوشهٔ تازه را برای تیم کنونی دستگاه بسازید، یا دستگاه را دوباره به تیم «{team}» بسپارید.", .now.as_ref().map(|n| format!("از دستگاه‌های تیم «{n}» است")).unwrap_or_else(|| "به هیچ تیمی سپرده نشده است".into()))]
    WorkbookOfAnotherTeam { file: String, agency: String, team: String, now: Option<String> },
    #[error(transparent)]
    Issued(#[from] IssuedError),
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error(transparent)]
    Agency(#[from] AgencyError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for EvaluationError {
    fn from(e: rusqlite::Error) -> Self {
        // Locks and immutability are enforced by triggers (migration 0003).
        let text = e.to_string();
        if text.contains("ev.objection_immutable") {
            return Self::ObjectionImmutable;
        }
        if text.contains("ev.year_locked") {
            return Self::YearLocked { year: 0 };
        }
        Self::Store(StoreError::from(e))
    }
}

impl Problem for EvaluationError {
    fn code(&self) -> &'static str {
        wrapped_problem!(self.code(), {
            Self::NoYear { .. } => "evaluation.no_year",
            Self::YearExists { .. } => "evaluation.year_exists",
            Self::BadSettings { .. } => "evaluation.bad_settings",
            Self::UnknownPhase { .. } => "evaluation.unknown_phase",
            Self::EndsBeforeStart { .. } => "evaluation.ends_before_start",
            Self::PhaseClosed { .. } => "evaluation.phase_closed",
            Self::ReopenInThePast { .. } => "evaluation.reopen_in_the_past",
            Self::PhasesOverlap { .. } => "evaluation.phases_overlap",
            Self::PhaseNotEnded { .. } => "evaluation.phase_not_ended",
            Self::PhaseStillReopened { .. } => "evaluation.phase_still_reopened",
            Self::ReasonRequired => "evaluation.reason_required",
            Self::YearLocked { .. } => "evaluation.year_locked",
            Self::InvalidCatalog { .. } => "evaluation.catalog.invalid",
            Self::MissingSheet { .. } => "evaluation.catalog.missing_sheet",
            Self::MissingColumns { .. } => "evaluation.missing_columns",
            Self::CeilingsDoNotAddUp { .. } => "evaluation.catalog.ceilings",
            Self::NoCatalog { .. } => "evaluation.no_catalog",
            Self::CatalogHasScores { .. } => "evaluation.catalog.has_scores",
            Self::UnknownIndicator { .. } => "evaluation.unknown_indicator",
            Self::InvalidScore { .. } => "evaluation.score.invalid",
            Self::CommentRequired { .. } => "evaluation.score.comment_required",
            Self::Write { .. } => "evaluation.write_failed",
            Self::WrongPurpose { .. } => "evaluation.intake.wrong_purpose",
            Self::ScoresMissing { .. } => "evaluation.preliminary.scores_missing",
            Self::AlreadyPublished { .. } => "evaluation.preliminary.already_published",
            Self::NotPublished { .. } => "evaluation.objection.not_published",
            Self::ObjectionOutsideWindow { .. } => "evaluation.objection.outside_window",
            Self::DuplicateObjection { .. } => "evaluation.objection.duplicate",
            Self::ObjectionImmutable => "evaluation.objection.immutable",
            Self::ObjectionReasonRequired => "evaluation.objection.reason_required",
            Self::UnknownObjection { .. } => "evaluation.objection.unknown",
            Self::NewScoreRequired { .. } => "evaluation.objection.new_score_required",
            Self::NewScoreOutOfRange { .. } => "evaluation.objection.new_score_out_of_range",
            Self::PartlyNeedsBetterScore { .. } => "evaluation.objection.partly_score",
            Self::ObjectionsPending { .. } => "evaluation.approval.objections_pending",
            Self::ApprovalBeforePublication { .. } => "evaluation.approval.not_published",
            Self::ObjectionWindowOpen { .. } => "evaluation.approval.window_open",
            Self::AcceptedBelowEvaluator { .. } => "evaluation.objection.accepted_below_evaluator",
            Self::AgenciesWithoutGroup { .. } => "evaluation.festival.agencies_without_group",
            Self::MembersAlreadyThere { .. } => "evaluation.committee.members_present",
            Self::NoEarlierMembers { .. } => "evaluation.committee.no_earlier_members",
            Self::SnapshotDamaged { .. } => "evaluation.approval.snapshot_damaged",
            Self::NotYetApproved { .. } => "evaluation.approval.not_yet_approved",
            Self::NotApproved { .. } => "evaluation.approval.not_approved",
            Self::NotificationBeforeApproval { .. } => "evaluation.national.before_approval",
            Self::NationalNotImported { .. } => "evaluation.national.not_imported",
            Self::UnknownAgency { .. } => "evaluation.unknown_agency",
            Self::InvalidFile { .. } => "evaluation.file.invalid",
            Self::TransferRowsRefused { .. } => "evaluation.transfer.rows_refused",
            Self::UnknownNomination { .. } => "evaluation.festival.unknown_nomination",
            Self::UnknownMember { .. } => "evaluation.committee.unknown_member",
            Self::HqNotConfirmed { .. } => "evaluation.hq.not_confirmed",
            Self::HqReferenceRequired => "evaluation.hq.reference_required",
            Self::HqWorkbookOfAnotherAgency { .. } => "evaluation.hq.other_agency",
            Self::BadDate { .. } => "evaluation.bad_date",
            Self::Required { .. } => "evaluation.required",
            Self::NoLeads { .. } => "evaluation.lead.none",
            Self::NotALead { .. } => "evaluation.lead.not_a_lead",
            Self::UnknownTeam { .. } => "evaluation.team.unknown",
            Self::TeamExists { .. } => "evaluation.team.exists",
            Self::TeamHasAgencies { .. } => "evaluation.team.has_agencies",
            Self::AgenciesInAnotherTeam { .. } => "evaluation.team.agencies_in_another_team",
            Self::TeamWithoutAgencies { .. } => "evaluation.team.without_agencies",
            Self::WorkbookOfAnotherTeam { .. } => "evaluation.intake.workbook_of_another_team",
        })
    }
    fn fault(&self) -> Fault {
        wrapped_problem!(self.fault(), { _ => Fault::User })
    }
    fn details(&self) -> Vec<String> {
        let listed = |lines: &Vec<String>| {
            let mut out: Vec<String> = lines.iter().take(30).cloned().collect();
            if lines.len() > 30 {
                out.push(format!("و {} مورد دیگر", format_integer((lines.len() - 30) as i64)));
            }
            out
        };
        wrapped_problem!(self.details(), {
            Self::InvalidCatalog { problems, .. }
            | Self::InvalidFile { problems, .. }
            | Self::TransferRowsRefused { problems, .. } => {
                listed(&problems.iter().map(ToString::to_string).collect())
            }
            Self::CeilingsDoNotAddUp { problems } => listed(problems),
            Self::AgenciesWithoutGroup { agencies } => listed(agencies),
            Self::AgenciesInAnotherTeam { agencies, .. } => listed(agencies),
            Self::ScoresMissing { missing } => listed(missing),
            Self::ObjectionsPending { pending } => listed(pending),
            Self::UnknownPhase { known, .. } => vec![format!("مرحله‌ها: {}", known.join("، "))],
            Self::Write { detail, .. } => vec![detail.clone()],
            _ => Vec::new(),
        })
    }
}
