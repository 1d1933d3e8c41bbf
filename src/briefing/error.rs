use crate::agencies::AgencyError;
use crate::error::{Fault, Problem};
use crate::fa;
use crate::store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum BriefingError {
    #[error("«{given}» خدمتی شناخته نیست؛ «accounts» (حساب‌های منطقه‌ای) یا «evaluation» (ارزیابی عملکرد) بنویسید.")]
    UnknownService { given: String },
    #[error("{what} پذیرفته نشد: {message}")]
    BadDate { what: String, message: String },
    #[error("«{given}» ساعت نیست؛ ساعت آغاز جلسه را به شکل ۰۹:۳۰ بنویسید (ساعت ۰ تا ۲۳، دقیقه ۰ تا ۵۹).")]
    BadTime { given: String },
    #[error("محل برگزاری جلسه را بنویسید (مثلاً «سالن جلسات سازمان»)؛ نامهٔ دعوت آن را نام می‌برد.")]
    PlaceRequired,
    #[error("سال {} پذیرفتنی نیست؛ سال شمسی چهاررقمی بنویسید (مثلاً ۱۴۰۳).", fa::int(*.year))]
    BadYear { year: i32 },
    #[error("جلسهٔ توجیهی شمارهٔ {} در این پرونده نیست؛ فهرست جلسه‌ها را ببینید.", fa::int(*.id))]
    UnknownBriefing { id: i64 },
    #[error("دستگاه «{name}» غیرفعال است و به جلسه دعوت نمی‌شود؛ نخست آن را در فهرست دستگاه‌ها فعال کنید.")]
    InactiveAgency { name: String },
    #[error("دستگاه «{name}» به این جلسه دعوت نشده است؛ نخست آن را دعوت کنید، سپس حضورش را ثبت کنید.")]
    NotInvited { name: String },
    #[error("دستگاهی برای دعوت داده نشده است؛ دست‌کم یک دستگاه را برگزینید.")]
    NoAgencyGiven,
    #[error("هنوز دستگاهی به این جلسه دعوت نشده است؛ نخست دستگاه‌ها را دعوت کنید تا نامه‌ها و فهرست حضور ساخته شوند.")]
    NoInvitees,
    #[error("جلسه در {held_on} برگزار می‌شود و امروز {today} است؛ حضور پس از برگزاری جلسه ثبت می‌شود.")]
    NotHeldYet { held_on: String, today: String },
    #[error(transparent)]
    Agency(#[from] AgencyError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for BriefingError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(StoreError::from(e))
    }
}

impl Problem for BriefingError {
    fn code(&self) -> &'static str {
        match self {
            Self::UnknownService { .. } => "briefing.unknown_service",
            Self::BadDate { .. } => "briefing.bad_date",
            Self::BadTime { .. } => "briefing.bad_time",
            Self::PlaceRequired => "briefing.place_required",
            Self::BadYear { .. } => "briefing.bad_year",
            Self::UnknownBriefing { .. } => "briefing.not_found",
            Self::InactiveAgency { .. } => "briefing.inactive_agency",
            Self::NotInvited { .. } => "briefing.not_invited",
            Self::NoAgencyGiven => "briefing.no_agency_given",
            Self::NoInvitees => "briefing.no_invitees",
            Self::NotHeldYet { .. } => "briefing.not_held_yet",
            Self::Agency(e) => e.code(),
            Self::Store(e) => e.code(),
        }
    }
    fn fault(&self) -> Fault {
        match self {
            Self::Agency(e) => e.fault(),
            Self::Store(e) => e.fault(),
            _ => Fault::User,
        }
    }
    fn details(&self) -> Vec<String> {
        match self {
            Self::Agency(e) => e.details(),
            Self::Store(e) => e.details(),
            _ => Vec::new(),
        }
    }
}
