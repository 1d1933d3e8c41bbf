//! The documents the office can make, what each needs before it can be made, and one entry
//! point that makes any of them as PDF or Excel (the Reports screen and `daftar report` use it).

use super::request::{AgencyChoice, ReportCatalog, ReportFormat, ReportInfo, ReportRequest, SavedReport};
use super::{Made, ReportError};
use crate::evaluation::approval::approved_results;
use crate::evaluation::objections::preliminary;
use crate::fa::{self, JalaliDate};
use crate::register::{self, IssuedDocument, Numbering};
use crate::store::Store;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;

pub struct Kind {
    pub key: &'static str,
    pub title: &'static str,
    pub service: &'static str,
    pub description: &'static str,
    pub needs_agency: bool,
}

pub const KINDS: &[Kind] = &[
    Kind {
        key: "request_letter",
        title: "نامهٔ درخواست اقلام",
        service: "accounts",
        description: "نامه به دستگاه با فهرست اقلام آماری که باید بفرستد و مهلت آن.",
        needs_agency: true,
    },
    Kind {
        key: "check_report",
        title: "گزارش بررسی داده‌ها",
        service: "accounts",
        description: "یافته‌های آخرین بررسی در اقلام یک دستگاه: هر یافته، خانهٔ آن در کارپوشه و راه درست کردن.",
        needs_agency: true,
    },
    Kind {
        key: "appointment_letters",
        title: "احکام اعضای کارگروه‌ها",
        service: "evaluation",
        description: "ابلاغ عضویت هر عضو دبیرخانهٔ جشنواره و کمیتهٔ راهبری، هر کدام در یک صفحه.",
        needs_agency: false,
    },
    Kind {
        key: "preliminary_sheet",
        title: "کارنامهٔ نتایج اولیه",
        service: "evaluation",
        description: "همهٔ شاخص‌های یک دستگاه: سقف، خوداظهاری، امتیاز ارزیاب، اعتراض و نتیجهٔ آن، امتیاز نهایی.",
        needs_agency: true,
    },
    Kind {
        key: "scorecard",
        title: "کارنامهٔ نهایی دستگاه",
        service: "evaluation",
        description: "امتیاز، سطح و رتبهٔ نهایی یک دستگاه، نمودار محورها و امتیاز هر شاخص.",
        needs_agency: true,
    },
    Kind {
        key: "ranking",
        title: "گزارش رتبه‌بندی",
        service: "evaluation",
        description: "رتبه، امتیاز، سطح و تغییر همهٔ دستگاه‌ها با نمودار پراکندگی سطح‌ها.",
        needs_agency: false,
    },
    Kind {
        key: "tier_notification",
        title: "ابلاغ سطح‌بندی و رتبهٔ استان",
        service: "evaluation",
        description:
            "نامه به هر دستگاه (هر کدام در یک صفحه): سطح و رتبهٔ استانی، سطح و رتبهٔ ملی و رتبهٔ استان در میان استان‌ها.",
        needs_agency: false,
    },
    Kind {
        key: "certificates",
        title: "تقدیرنامه",
        service: "evaluation",
        description: "تقدیرنامهٔ برگزیدگان جشنواره (افقی، با کادر)، برای یک دستگاه برگزیده.",
        needs_agency: true,
    },
    Kind {
        key: "festival_report",
        title: "گزارش جشنواره",
        service: "evaluation",
        description: "برگزیدگان هر گروه، بیشترین رشد و تیم‌های کاری برتر جشنوارهٔ شهید رجایی.",
        needs_agency: false,
    },
    Kind {
        key: "booklet",
        title: "کتابچهٔ نتایج",
        service: "evaluation",
        description: "کتابچهٔ چاپی نتایج سال: پیشگفتار، روش، خلاصه، گروه‌ها، کارنامهٔ هر دستگاه، برگزیدگان و پیوست شاخص‌ها.",
        needs_agency: false,
    },
];

pub(super) fn kind(key: &str) -> Result<&'static Kind, ReportError> {
    KINDS.iter().find(|k| k.key == key).ok_or_else(|| ReportError::UnknownKind {
        kind: key.to_string(),
        known: KINDS.iter().map(|k| k.key).collect::<Vec<_>>().join("، "),
    })
}

/// The year a service's documents are about: the working year for regional accounts, the
/// latest evaluation year.
fn years(store: &Store) -> Result<(i32, Option<i32>), ReportError> {
    let accounts = store.province()?.working_year;
    let evaluation = crate::evaluation::years(store.conn())?.first().copied();
    Ok((accounts, evaluation))
}

/// Every document with the year it is about, the agencies it can be made for, and why it
/// cannot be made yet.
pub fn catalog(store: &Store) -> Result<ReportCatalog, ReportError> {
    let (accounts_year, evaluation_year) = years(store)?;
    let names: HashMap<String, String> =
        crate::agencies::list(store, "", true)?.into_iter().map(|a| (a.code, a.name)).collect();
    let choice = |code: &str| AgencyChoice {
        code: code.to_string(),
        name: names.get(code).cloned().unwrap_or_else(|| code.to_string()),
    };
    let mut documents = accounts_documents(store, accounts_year, &choice);
    if let Some(year) = evaluation_year {
        documents.extend(evaluation_documents(store.conn(), year, &choice)?);
    }
    let (foreword, foreword_is_default) = match evaluation_year {
        Some(year) => match super::foreword::stored_foreword(store, year)? {
            Some(text) => (Some(text), false),
            None => (Some(super::foreword::foreword(store, year)?), true),
        },
        None => (None, true),
    };
    Ok(ReportCatalog { documents, foreword, foreword_is_default })
}

/// The regional accounts' documents: they need the year's template, items given to agencies,
/// and (the check report) a check run.
fn accounts_documents(store: &Store, year: i32, choice: &dyn Fn(&str) -> AgencyChoice) -> Vec<ReportInfo> {
    let template = crate::accounts::template_of(store, year).ok();
    let mut suppliers: Vec<String> =
        template.iter().flat_map(|t| t.items.iter().filter_map(|i| i.agency_code.clone())).collect();
    suppliers.sort();
    suppliers.dedup();
    let no_template = template.is_none().then(|| {
        format!("الگوی جداول سال {} هنوز وارد نشده است؛ در «حساب‌های منطقه‌ای» الگو را وارد کنید.", fa::int(year))
    });
    let checked = crate::accounts::review::latest_failures(store.conn(), year).ok().flatten().is_some();
    let mut documents = Vec::new();
    for k in KINDS.iter().filter(|k| k.service == "accounts") {
        let blocker = no_template
            .clone()
            .or_else(|| {
                (suppliers.is_empty())
                    .then(|| "هنوز هیچ قلمی به دستگاهی سپرده نشده است؛ نخست اقلام را به دستگاه‌ها بسپارید.".to_string())
            })
            .or_else(|| {
                (k.key == "check_report" && !checked).then(|| {
                    "داده‌ها هنوز بررسی نشده‌اند؛ در «حساب‌های منطقه‌ای» دکمهٔ «بررسی داده‌ها» را بزنید.".to_string()
                })
            });
        documents.push(info(k, year, suppliers.iter().map(|c| choice(c)).collect(), blocker));
    }
    documents
}

/// The evaluation's documents: most wait for the preliminary results or the council's approval.
fn evaluation_documents(
    conn: &Connection,
    year: i32,
    choice: &dyn Fn(&str) -> AgencyChoice,
) -> Result<Vec<ReportInfo>, ReportError> {
    let y = fa::int(year);
    let approved = approved_results(conn, year)?;
    let published = preliminary(conn, year)?.is_some();
    let not_approved = approved.is_none().then(|| {
        format!("نتایج سال {y} هنوز به تصویب شورا نرسیده است؛ پس از ثبت تصویب شورا در «ارزیابی عملکرد» ساخته می‌شود.")
    });
    let not_published =
        (!published).then(|| format!("نتایج اولیهٔ سال {y} هنوز اعلام نشده است؛ پس از اعلام نتایج اولیه ساخته می‌شود."));
    let evaluated = evaluated_agencies(conn, year, choice)?;
    let members = crate::evaluation::committees::members(conn, year)?;
    let honoured = if approved.is_some() { honoured_agencies(conn, year, choice) } else { Vec::new() };
    let mut documents = Vec::new();
    for k in KINDS.iter().filter(|k| k.service == "evaluation") {
        let (agencies, blocker) = match k.key {
            "appointment_letters" => (
                vec![],
                members.is_empty().then(|| {
                    "هنوز عضوی برای کارگروه‌ها ثبت نشده است؛ اعضا را در «ارزیابی عملکرد» ثبت کنید.".to_string()
                }),
            ),
            "preliminary_sheet" => (evaluated.clone(), not_published.clone()),
            "ranking" => (vec![], if approved.is_some() { None } else { not_published.clone() }),
            "certificates" => (honoured.clone(), not_approved.clone()),
            "scorecard" => (evaluated.clone(), not_approved.clone()),
            "tier_notification" => {
                (evaluated.clone(), blocker_of(crate::evaluation::national::notification_allowed(conn, year))?)
            }
            _ => (vec![], not_approved.clone()),
        };
        documents.push(info(k, year, agencies, blocker));
    }
    Ok(documents)
}

/// The guard's refusal as the document's blocker (a fault of the file is passed on).
fn blocker_of(guard: Result<(), crate::evaluation::EvaluationError>) -> Result<Option<String>, ReportError> {
    Ok(crate::action::Action::from_guard(guard)?.blocker)
}

/// The agencies the year's indicator catalog evaluates (none before it is imported).
fn evaluated_agencies(
    conn: &Connection,
    year: i32,
    choice: &dyn Fn(&str) -> AgencyChoice,
) -> Result<Vec<AgencyChoice>, ReportError> {
    match crate::evaluation::catalog::catalog_of(conn, year) {
        Ok(catalog) => {
            let mut codes: Vec<&String> = catalog.indicators.iter().flat_map(|i| &i.agencies).collect();
            codes.sort();
            codes.dedup();
            Ok(codes.into_iter().map(|c| choice(c)).collect())
        }
        Err(crate::evaluation::EvaluationError::NoCatalog { .. }) => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

/// The agencies the festival honours, each once.
fn honoured_agencies(conn: &Connection, year: i32, choice: &dyn Fn(&str) -> AgencyChoice) -> Vec<AgencyChoice> {
    let mut honoured: Vec<AgencyChoice> = Vec::new();
    if let Ok(f) = crate::evaluation::festival::festival(conn, year) {
        for h in super::evaluation::honours(&f) {
            if !honoured.iter().any(|c| c.code == h.agency_code) {
                honoured.push(choice(&h.agency_code));
            }
        }
    }
    honoured
}

fn info(k: &Kind, year: i32, agencies: Vec<AgencyChoice>, blocker: Option<String>) -> ReportInfo {
    let blocker =
        blocker.or_else(|| (k.needs_agency && agencies.is_empty()).then(|| "دستگاهی برای این سند نیست.".to_string()));
    ReportInfo {
        kind: k.key.to_string(),
        title: k.title.to_string(),
        service: k.service.to_string(),
        description: k.description.to_string(),
        year,
        needs_agency: k.needs_agency,
        batchable: k.needs_agency || !agencies.is_empty(),
        agencies,
        formats: vec![ReportFormat::Pdf, ReportFormat::Xlsx],
        blocker,
    }
}

/// Make the document of `request` as a PDF (with its tables): a draft, numbered by no one.
pub fn make(store: &Store, request: &ReportRequest) -> Result<Made, ReportError> {
    make_numbered(store, request, &Numbering::preview())
}

/// The documents that go to an agency as letters: saving one as a PDF takes the register's
/// numbers (one per agency), printed on each agency's page.
pub(super) const REGISTERED: &[&str] =
    &["request_letter", "preliminary_sheet", "tier_notification", "certificates", "appointment_letters"];

/// Make the document of `request`, each agency's page numbered by `numbering`.
pub(super) fn make_numbered(
    store: &Store,
    request: &ReportRequest,
    numbering: &Numbering,
) -> Result<Made, ReportError> {
    let k = kind(&request.kind)?;
    let agency = request.agency.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let agency_of = || agency.ok_or_else(|| ReportError::AgencyRequired { title: k.title.to_string() });
    let year = request.year;
    Ok(match k.key {
        "request_letter" => super::accounts::request_letter_numbered(store, year, agency_of()?, numbering)?,
        "check_report" => super::check_report(store, year, agency_of()?)?,
        "appointment_letters" => super::evaluation::appointment_letters_numbered(store, year, numbering)?,
        "preliminary_sheet" => super::evaluation::preliminary_sheet_numbered(store, year, agency_of()?, numbering)?,
        "scorecard" => super::scorecard(store, year, agency_of()?)?,
        "ranking" => super::ranking(store, year)?,
        "certificates" => super::evaluation::certificates_numbered(store, year, agency, numbering)?,
        "tier_notification" => super::notification::tier_notification_numbered(store, year, agency, numbering)?,
        "festival_report" => super::festival_report(store, year)?,
        "booklet" => super::booklet(store, year)?,
        _ => unreachable!("every kind is listed"),
    })
}

/// A file name for the document, in Persian: «کارنامهٔ نهایی دستگاه ۱۴۰۳ 101.pdf» (the agency code in Latin digits, as everywhere).
pub fn suggested_file_name(request: &ReportRequest) -> Result<String, ReportError> {
    let k = kind(&request.kind)?;
    let mut name = format!("{} {}", k.title, fa::int(request.year));
    if let Some(agency) = request.agency.as_deref().filter(|a| !a.trim().is_empty()) {
        name.push(' ');
        name.push_str(&fa::code(agency.trim()));
    }
    Ok(format!("{}.{}", crate::sheets::safe_file_name(&name), request.format.extension()))
}

/// Make the document and write it to `out` in the request's format. A letter saved as a PDF is
/// final: it takes the register's numbers (one per agency), stored with the file's SHA-256 in
/// the transaction that writes the file, so that no numbered file exists without its entries.
/// A read-only file still prints its documents, but a letter from it is a draft: no number.
pub fn save(store: &mut Store, request: &ReportRequest, out: &Path) -> Result<SavedReport, ReportError> {
    let k = kind(&request.kind)?;
    let registered = request.format == ReportFormat::Pdf && REGISTERED.contains(&k.key) && store.read_only().is_none();
    let numbering =
        if registered { Numbering::begin(store.conn(), JalaliDate::today())? } else { Numbering::preview() };
    let made = make_numbered(store, request, &numbering)?;
    let (bytes, pages) = match request.format {
        ReportFormat::Pdf => (made.pdf, Some(made.pages)),
        ReportFormat::Xlsx => (made.workbook(k.title)?, None),
    };
    let write = || {
        std::fs::write(out, &bytes)
            .map_err(|e| ReportError::Write { path: out.display().to_string(), detail: e.to_string() })
    };
    if !registered {
        write()?;
        return Ok(SavedReport { path: out.display().to_string(), bytes: bytes.len() as u64, pages, numbers: vec![] });
    }
    let document_name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let document = IssuedDocument {
        service: k.service,
        kind: k.key,
        subject: k.title,
        document_name: &document_name,
        pdf: &bytes,
    };
    let issued = store.write(|tx, actor| {
        let issued = register::record_issued(tx, actor, &numbering, &document)?;
        write()?;
        Ok::<_, ReportError>(issued)
    })?;
    let numbers = issued.into_iter().map(|i| i.number).collect();
    Ok(SavedReport { path: out.display().to_string(), bytes: bytes.len() as u64, pages, numbers })
}

/// Write the cover letter of `package` to `out`, numbered by the register (kind «cover_letter»,
/// addressed to the Statistical Centre) unless the file is read-only.
pub fn save_cover_letter(store: &mut Store, package: &Path, out: &Path) -> Result<SavedReport, ReportError> {
    let numbering = if store.read_only().is_none() {
        Numbering::begin(store.conn(), JalaliDate::today())?
    } else {
        Numbering::preview()
    };
    let made = super::accounts::package_cover_letter_numbered(store, package, &numbering)?;
    let document_name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let document = IssuedDocument {
        service: "accounts",
        kind: "cover_letter",
        subject: "نامهٔ همراه بستهٔ حساب‌های منطقه‌ای",
        document_name: &document_name,
        pdf: &made.pdf,
    };
    let write = || {
        std::fs::write(out, &made.pdf)
            .map_err(|e| ReportError::Write { path: out.display().to_string(), detail: e.to_string() })
    };
    let numbers = if numbering.is_final() {
        let issued = store.write(|tx, actor| {
            let issued = register::record_issued(tx, actor, &numbering, &document)?;
            write()?;
            Ok::<_, ReportError>(issued)
        })?;
        issued.into_iter().map(|i| i.number).collect()
    } else {
        write()?;
        Vec::new()
    };
    Ok(SavedReport { path: out.display().to_string(), bytes: made.pdf.len() as u64, pages: Some(made.pages), numbers })
}
