//! Seed step 18: the letter notifying each agency of its tier and ranks, provincial and
//! national, and of the province's standing among the provinces. One letter a page; made
//! only once the council has approved and the national tiering has come
//! (`national::notification_allowed`).

use super::letter::{letterhead, signature};
use super::table::{col, Kind, ReportTable, Value};
use super::{Made, ReportError};
use crate::evaluation::approval::{approvals, approved_results};
use crate::evaluation::national::{national_tiering, notification_allowed, NationalTiering};
use crate::evaluation::results::AgencyResult;
use crate::evaluation::{settings_of, EvalSettings, EvaluationError};
use crate::fa::{self, format_decimal, JalaliDate};
use crate::pdf::{Align, Document, Orientation, TextStyle};
use crate::register::Numbering;
use crate::store::Store;

/// What every letter of the year shares.
struct Context<'a> {
    year: i32,
    province: &'a str,
    settings: &'a EvalSettings,
    approved_on: String,
    agencies: usize,
    national: &'a NationalTiering,
}

/// The notification letters of `year`: every evaluated agency's, or with `agency` only its own.
pub fn tier_notification(store: &Store, year: i32, agency: Option<&str>) -> Result<Made, ReportError> {
    tier_notification_numbered(store, year, agency, &Numbering::preview())
}

/// The notification letters, each agency's with its own number from `numbering`.
pub(crate) fn tier_notification_numbered(
    store: &Store,
    year: i32,
    agency: Option<&str>,
    numbering: &Numbering,
) -> Result<Made, ReportError> {
    notification_allowed(store.conn(), year)?;
    let results = approved_results(store.conn(), year)?.ok_or(EvaluationError::NotYetApproved { year })?;
    let chosen: Vec<&AgencyResult> = match agency {
        None => results.iter().collect(),
        Some(code) => {
            let code = fa::code(code.trim());
            let found = results.iter().find(|r| r.agency.code == code);
            vec![found.ok_or(EvaluationError::UnknownAgency { code })?]
        }
    };
    let province = store.province()?;
    let settings = settings_of(store.conn(), year)?;
    let national = national_tiering(store.conn(), year)?;
    let approved_on =
        approvals(store.conn(), year)?.last().map(|a| JalaliDate::display_stored(&a.approved_on)).unwrap_or_default();
    let context = Context {
        year,
        province: &province.province,
        settings: &settings,
        approved_on,
        agencies: results.len(),
        national: &national,
    };
    let mut doc = Document::new("ابلاغ سطح‌بندی ارزیابی عملکرد", Orientation::Portrait).with_header(&province.office);
    for (i, r) in chosen.iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        let (date, number) = numbering.stamp(&r.agency.code);
        letterhead(&mut doc, &province.office, &date, &number);
        letter_body(&mut doc, &context, r);
        let signatory = &settings.signatories.notification;
        signature(&mut doc, &signatory.name, &signatory.title);
    }
    Ok(Made::new(doc, vec![tiers_table(&context, &chosen), province_table(&context)]))
}

fn letter_body(doc: &mut Document, c: &Context, r: &AgencyResult) {
    let bold = TextStyle::body().bold().with_align(Align::Right);
    doc.paragraph(&r.agency.name, &bold);
    doc.spacer(6.0);
    doc.paragraph(&format!("موضوع: ابلاغ سطح‌بندی ارزیابی عملکرد سال {} و رتبه‌بندی استان‌ها", fa::int(c.year)), &bold);
    doc.spacer(6.0);
    doc.paragraph("با سلام و احترام؛", &TextStyle::body());
    for paragraph in [provincial_paragraph(c, r), national_paragraph(c, r), province_paragraph(c)] {
        doc.paragraph(&paragraph, &TextStyle { leading: 1.9, ..TextStyle::body() });
    }
    doc.paragraph(
        "خواهشمند است نتایج را به آگاهی مدیران و کارکنان آن دستگاه برسانید و برای بهبود شاخص‌هایی که امتیاز کمتری گرفته‌اند، برنامهٔ اقدام تهیه کنید.",
        &TextStyle { leading: 1.9, ..TextStyle::body() },
    );
}

fn provincial_paragraph(c: &Context, r: &AgencyResult) -> String {
    let when = if c.approved_on.is_empty() { String::new() } else { format!("در {} ", c.approved_on) };
    format!(
        "بر پایهٔ نتایج نهایی ارزیابی عملکرد سال {} که {when}به تصویب {} رسید، آن دستگاه با امتیاز کل {} از {} ({}٪) \
         در سطح «{}» قرار گرفت و رتبهٔ {} را در میان {} دستگاه اجرایی استان و رتبهٔ {} را در گروه «{}» به دست آورد.",
        fa::int(c.year),
        c.settings.council,
        format_decimal(r.total, 2),
        format_decimal(c.settings.max_total(), 0),
        format_decimal(r.percent, 2),
        r.tier,
        fa::int(r.rank),
        fa::count(c.agencies),
        fa::int(r.group_rank),
        r.agency.group
    )
}

fn national_paragraph(c: &Context, r: &AgencyResult) -> String {
    match c.national.of(&r.agency.code) {
        Some(n) => format!(
            "در سطح‌بندی اعلام‌شده از سوی سازمان اداری و استخدامی کشور، سطح ملی آن دستگاه «{}»{} است.",
            n.tier,
            n.rank.map(|rank| format!(" و رتبهٔ ملی آن {}", fa::int(rank))).unwrap_or_default()
        ),
        None => "در سطح‌بندی اعلام‌شده از سوی سازمان اداری و استخدامی کشور، سطحی برای آن دستگاه نیامده است؛ \
                 پیگیری آن از ستاد دستگاه در سامانهٔ ملی خواسته می‌شود."
            .into(),
    }
}

fn province_paragraph(c: &Context) -> String {
    match (c.national.province_rank, c.national.province_count) {
        (Some(rank), Some(count)) => format!(
            "در رتبه‌بندی استان‌ها، استان {} رتبهٔ {} را در میان {} استان کشور به دست آورده است.",
            c.province,
            fa::int(rank),
            fa::int(count)
        ),
        (Some(rank), None) => {
            format!("در رتبه‌بندی استان‌ها، استان {} رتبهٔ {} را به دست آورده است.", c.province, fa::int(rank))
        }
        (None, _) => "رتبهٔ استان در میان استان‌ها در سطح‌بندی ملی اعلام نشده است.".into(),
    }
}

/// The tiers and ranks the letters notify, one row an agency.
fn tiers_table(c: &Context, chosen: &[&AgencyResult]) -> ReportTable {
    let mut table = ReportTable::new(
        "سطح‌بندی ابلاغ‌شده",
        &format!("سطح‌بندی ارزیابی عملکرد سال {} ابلاغ‌شده به دستگاه‌ها", fa::int(c.year)),
        vec![
            col("کد دستگاه", 0.9, Kind::Code),
            col("دستگاه", 4.0, Kind::Text),
            col("درصد", 0.8, Kind::Number(2)),
            col("سطح استانی", 1.1, Kind::Text),
            col("رتبه در استان", 0.8, Kind::Ordinal),
            col("رتبه در گروه", 0.8, Kind::Ordinal),
            col("سطح ملی", 1.2, Kind::Text),
            col("رتبهٔ ملی", 0.8, Kind::Ordinal),
        ],
    );
    for r in chosen {
        let national_rank = c.national.of(&r.agency.code).and_then(|n| n.rank);
        table.push(vec![
            r.agency.code.clone().into(),
            r.agency.name.clone().into(),
            r.percent.into(),
            r.tier.clone().into(),
            r.rank.into(),
            r.group_rank.into(),
            c.national.tier_text(&r.agency.code).into(),
            national_rank.map_or_else(|| "—".into(), Value::from),
        ]);
    }
    table
}

/// The province's standing among the provinces, as the letters give it.
fn province_table(c: &Context) -> ReportTable {
    let mut table = ReportTable::new(
        "رتبهٔ استان",
        &format!("رتبهٔ استان {} در میان استان‌ها", c.province),
        vec![col("عنوان", 2.0, Kind::Text), col("مقدار", 1.2, Kind::Text)],
    );
    table.push(vec!["رتبهٔ استان".into(), c.national.province_standing().into()]);
    table
}
