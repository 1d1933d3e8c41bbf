//! Performance-evaluation documents: appointment letters, an agency's preliminary result
//! sheet and final scorecard, the ranking report, certificates and the festival report. Each
//! builds its tables once; the PDF and the Excel workbook are two renderings of them.

use super::letter::{letterhead, signature, EMBLEM};
use super::table::{col, Kind, ReportTable, Value};
use super::{Made, ReportError};
use crate::evaluation::approval::approved_results;
use crate::evaluation::committees::{members, Committee, Member};
use crate::evaluation::festival::{festival, Festival};
use crate::evaluation::national::{national_tiering, NationalTiering};
use crate::evaluation::objections::{preliminary, Decision};
use crate::evaluation::results::{results, tier_counts, AgencyResult, Basis};
use crate::evaluation::view::{agency_scores, ScoreRow};
use crate::evaluation::{settings_of, EvalSettings, EvaluationError};
use crate::fa::{self, format_decimal, JalaliDate};
use crate::pdf::{Align, BarChart, Document, Orientation, TextStyle};
use crate::register::Numbering;
use crate::store::Store;

/// Which results a document shows: the council's approved ones, or the final ones as they
/// stand (named so on the page).
pub(super) struct Standing {
    pub results: Vec<AgencyResult>,
    pub approved: bool,
}

pub(super) fn standing(store: &Store, year: i32) -> Result<Standing, ReportError> {
    if let Some(results) = approved_results(store.conn(), year)? {
        return Ok(Standing { results, approved: true });
    }
    if preliminary(store.conn(), year)?.is_none() {
        return Err(ReportError::NotReady {
            title: "رتبه‌بندی".into(),
            reason: format!(
                "نتایج اولیهٔ سال {} هنوز اعلام نشده است؛ نخست همهٔ شاخص‌ها را امتیاز دهید و نتایج اولیه را اعلام کنید.",
                fa::int(year)
            ),
        });
    }
    Ok(Standing { results: results(store.conn(), year, Basis::Final)?, approved: false })
}

fn approved_only(store: &Store, year: i32) -> Result<Vec<AgencyResult>, ReportError> {
    Ok(approved_results(store.conn(), year)?.ok_or(EvaluationError::NotYetApproved { year })?)
}

fn agency_result<'a>(results: &'a [AgencyResult], code: &str) -> Result<&'a AgencyResult, ReportError> {
    let code = crate::fa::to_latin_digits(code.trim());
    results
        .iter()
        .find(|r| r.agency.code == code)
        .ok_or_else(|| EvaluationError::UnknownAgency { code: code.clone() }.into())
}

// ---------- Tables ----------

pub(super) fn members_table(list: &[Member]) -> ReportTable {
    let mut table = ReportTable::new(
        "اعضای کارگروه‌ها",
        "اعضای دبیرخانهٔ جشنواره و کمیتهٔ راهبری",
        vec![
            col("کارگروه", 2.2, Kind::Text),
            col("نام و نام خانوادگی", 2.2, Kind::Text),
            col("سمت", 4.5, Kind::Text),
            col("نقش", 0.9, Kind::Text),
            col("تاریخ ابلاغ", 1.3, Kind::Ordinal),
            col("شمارهٔ ابلاغ", 1.4, Kind::Ordinal),
        ],
    );
    for m in list {
        table.push(vec![
            m.committee.persian().into(),
            m.name.clone().into(),
            m.position.clone().into(),
            m.role.persian().into(),
            m.letter_date.clone().into(),
            m.letter_number.clone().into(),
        ]);
    }
    table
}

fn outcome(row: &ScoreRow) -> (Value, Value) {
    match &row.objection {
        None => (Value::Empty, Value::Empty),
        Some(o) => {
            let filed: Value = format!("ثبت {}", o.filed_on).into();
            let result: Value = match (o.decision, o.new_score) {
                (None, _) => "در انتظار تصمیم".into(),
                (Some(Decision::Rejected), _) => "رد شد".into(),
                (Some(d), Some(score)) => format!("{} ({})", d.persian(), format_decimal(score, 2)).into(),
                (Some(d), None) => d.persian().into(),
            };
            (filed, result)
        }
    }
}

/// Every indicator of an agency: ceiling, self score, evaluator score, objection, outcome, final.
pub(super) fn indicator_sheet_table(name: &str, rows: &[ScoreRow]) -> ReportTable {
    let mut table = ReportTable::new(
        "امتیاز شاخص‌ها",
        &format!("امتیاز شاخص‌های {name}"),
        vec![
            col("کد", 0.9, Kind::Code),
            col("شاخص", 5.2, Kind::Text),
            col("سقف", 0.8, Kind::Number(0)),
            col("خوداظهاری", 1.0, Kind::Number(2)),
            col("ارزیاب", 1.0, Kind::Number(2)),
            col("اعتراض", 1.3, Kind::Text),
            col("نتیجهٔ اعتراض", 1.7, Kind::Text),
            col("نهایی", 1.0, Kind::Number(2)),
        ],
    );
    let (mut ceiling, mut own, mut evaluator, mut last) = (0.0, 0.0, 0.0, 0.0);
    for r in rows {
        let (filed, result) = outcome(r);
        table.push(vec![
            r.code.clone().into(),
            r.title.clone().into(),
            r.ceiling.into(),
            r.self_score.into(),
            r.evaluator_score.into(),
            filed,
            result,
            r.final_score.into(),
        ]);
        ceiling += r.ceiling;
        own += r.self_score.unwrap_or(0.0);
        evaluator += r.evaluator_score.unwrap_or(0.0);
        last += r.final_score.unwrap_or(0.0);
    }
    table.totals = Some(vec![
        Value::Empty,
        "جمع".into(),
        ceiling.into(),
        own.into(),
        evaluator.into(),
        Value::Empty,
        Value::Empty,
        last.into(),
    ]);
    table
}

/// Every agency of `rows` by rank; with the national tier and rank once the national tiering
/// is imported (before it, and for the agencies it does not list, the line under the table,
/// `national_line`, says why there is none).
pub(super) fn ranking_table(
    title: &str,
    rows: &[&AgencyResult],
    sheet: &str,
    national: &NationalTiering,
) -> ReportTable {
    let mut columns = vec![
        col("رتبه", 0.6, Kind::Ordinal),
        col("دستگاه", 4.4, Kind::Text),
        col("گروه", 2.2, Kind::Text),
        col("عمومی", 1.0, Kind::Number(2)),
        col("اختصاصی", 1.0, Kind::Number(2)),
        col("کل", 1.0, Kind::Number(2)),
        col("درصد", 0.8, Kind::Number(2)),
        col("سطح", 1.0, Kind::Text),
        col("رتبه در گروه", 0.8, Kind::Ordinal),
        col("تغییر", 0.8, Kind::Change(2)),
    ];
    if national.imported {
        columns.push(col("سطح ملی", 1.1, Kind::Text));
        columns.push(col("رتبهٔ ملی", 0.7, Kind::Ordinal));
    }
    let mut table = ReportTable::new(sheet, title, columns);
    for r in rows {
        let mut row: Vec<Value> = vec![
            r.rank.into(),
            r.agency.name.clone().into(),
            r.agency.group.clone().into(),
            r.general.into(),
            (r.specific + r.development).into(),
            r.total.into(),
            r.percent.into(),
            r.tier.clone().into(),
            r.group_rank.into(),
            r.growth.into(),
        ];
        if national.imported {
            let listed = national.of(&r.agency.code);
            row.push(listed.map_or("—", |n| n.tier.as_str()).into());
            row.push(listed.and_then(|n| n.rank).map_or_else(|| "—".into(), Value::from));
        }
        table.push(row);
    }
    table
}

/// The national tiering's lines of an agency's summary: its tier and rank and the province's
/// standing, or one line saying the tiering has not come yet.
fn national_summary(national: &NationalTiering, code: &str) -> Vec<(&'static str, String)> {
    if !national.imported {
        return vec![("سطح و رتبهٔ ملی", crate::evaluation::national::NOT_YET.to_string())];
    }
    vec![
        ("سطح ملی", national.tier_text(code)),
        ("رتبهٔ ملی", national.rank_text(code)),
        ("رتبهٔ استان در میان استان‌ها", national.province_standing()),
    ]
}

pub(super) fn summary_table(r: &AgencyResult, national: &NationalTiering) -> ReportTable {
    let mut table = ReportTable::new(
        "خلاصه",
        &format!("کارنامهٔ {}", r.agency.name),
        vec![col("عنوان", 2.0, Kind::Text), col("مقدار", 2.0, Kind::Text)],
    );
    let mut rows: Vec<(&str, String)> = vec![
        ("امتیاز شاخص‌های عمومی", format_decimal(r.general, 2)),
        ("امتیاز شاخص‌های اختصاصی", format_decimal(r.specific, 2)),
        ("امتیاز شاخص‌های توسعه‌ای", format_decimal(r.development, 2)),
        ("امتیاز کل", format_decimal(r.total, 2)),
        ("درصد از کل امتیاز", fa::percent(r.percent, 2)),
        ("سطح", r.tier.clone()),
        ("رتبه در استان", fa::int(r.rank)),
        ("رتبه در گروه", format!("{} در گروه {}", fa::int(r.group_rank), r.agency.group)),
        (
            "تغییر نسبت به سال پیش (واحد درصد)",
            r.growth.map_or_else(|| "—".to_string(), |g| super::table::pdf_text(&Value::Number(g), Kind::Change(2))),
        ),
    ];
    rows.extend(national_summary(national, &r.agency.code));
    for (label, value) in rows {
        table.push(vec![label.into(), value.into()]);
    }
    table
}

/// The national tiering under a ranking: where it came from and the province's standing, or
/// that it has not come yet.
pub(super) fn national_line(national: &NationalTiering) -> String {
    if national.imported {
        format!(
            "ستون‌های «سطح ملی» و «رتبهٔ ملی» سطح‌بندی اعلام‌شده از سوی سازمان اداری و استخدامی کشور است \
             («—» برای دستگاهی که در آن نیامده است). {}",
            national.province_text
        )
    } else {
        format!("سطح‌بندی ملی: {}", national.province_text)
    }
}

pub(super) fn axis_chart(r: &AgencyResult, title: &str) -> BarChart {
    BarChart {
        title: title.to_string(),
        bars: r.by_axis.iter().map(|a| (a.title.clone(), a.score)).collect(),
        max: r.by_axis.iter().map(|a| a.ceiling).reduce(f64::max),
        decimals: 1,
        ceilings: r.by_axis.iter().map(|a| a.ceiling).collect(),
    }
}

pub(super) fn tier_chart(settings: &EvalSettings, rows: &[AgencyResult]) -> BarChart {
    BarChart {
        title: "پراکندگی دستگاه‌ها در سطح‌ها".into(),
        bars: tier_counts(settings, rows).into_iter().map(|(t, n)| (t, f64::from(n))).collect(),
        max: None,
        decimals: 0,
        ceilings: Vec::new(),
    }
}

pub(super) fn festival_tables(f: &Festival) -> Vec<ReportTable> {
    let mut winners = ReportTable::new(
        "برگزیدگان گروه‌ها",
        "برگزیدگان هر گروه جشنواره",
        vec![
            col("گروه", 2.4, Kind::Text),
            col("رتبه در گروه", 0.9, Kind::Ordinal),
            col("دستگاه", 4.4, Kind::Text),
            col("درصد", 0.9, Kind::Number(2)),
            col("سطح", 1.0, Kind::Text),
        ],
    );
    for g in &f.groups {
        for w in &g.winners {
            winners.push(vec![
                g.group.clone().into(),
                w.group_rank.into(),
                w.agency.name.clone().into(),
                w.percent.into(),
                w.tier.clone().into(),
            ]);
        }
    }
    let mut growth = ReportTable::new(
        "بیشترین رشد",
        "دستگاه‌های با بیشترین رشد نسبت به سال پیش",
        vec![
            col("دستگاه", 4.4, Kind::Text),
            col("درصد سال پیش", 1.1, Kind::Number(2)),
            col("درصد امسال", 1.1, Kind::Number(2)),
            col("رشد", 0.9, Kind::Change(2)),
        ],
    );
    for g in &f.growth {
        growth.push(vec![g.agency.name.clone().into(), g.previous_percent.into(), g.percent.into(), g.growth.into()]);
    }
    let mut teams = ReportTable::new(
        "تیم‌های برتر",
        "تیم‌های کاری برتر",
        vec![
            col("تیم", 2.2, Kind::Text),
            col("دستگاه", 2.8, Kind::Text),
            col("عنوان طرح", 2.6, Kind::Text),
            col("خلاصه", 4.0, Kind::Text),
        ],
    );
    for t in &f.teams {
        teams.push(vec![
            t.team.clone().into(),
            t.agency_name.clone().into(),
            t.project.clone().into(),
            t.summary.clone().into(),
        ]);
    }
    vec![winners, growth, teams]
}

// ---------- Documents ----------

/// Write `tables` under their titles.
pub(super) fn draw_tables(doc: &mut Document, tables: &[ReportTable], size: f32) {
    for table in tables {
        doc.paragraph(&table.title, &TextStyle::body().bold().with_align(Align::Right));
        if table.rows.is_empty() {
            doc.paragraph("موردی ثبت نشده است.", &TextStyle::body().with_align(Align::Right));
        } else {
            doc.table(&table.pdf(size));
        }
        doc.spacer(10.0);
    }
}

/// One appointment letter per committee member, each on its own page (a draft: the member's
/// typed date and number).
pub fn appointment_letters(store: &Store, year: i32) -> Result<Made, ReportError> {
    appointment_letters_numbered(store, year, &Numbering::preview())
}

/// The appointment letters; final ones take the register's number and date, one per member
/// (registered under no agency), in place of the typed ones.
pub(crate) fn appointment_letters_numbered(
    store: &Store,
    year: i32,
    numbering: &Numbering,
) -> Result<Made, ReportError> {
    let list = members(store.conn(), year)?;
    if list.is_empty() {
        return Err(ReportError::NotReady {
            title: "احکام اعضای کارگروه‌ها".into(),
            reason: "هنوز عضوی برای دبیرخانهٔ جشنواره یا کمیتهٔ راهبری ثبت نشده است؛ اعضا را در مرحلهٔ «تشکیل کارگروه‌ها» ثبت کنید.".into(),
        });
    }
    let province = store.province()?;
    let signatory = crate::evaluation::settings_of(store.conn(), year)?.signatories.appointment;
    let mut doc =
        Document::new("ابلاغ عضویت در کارگروه‌های ارزیابی عملکرد", Orientation::Portrait).with_header(&province.office);
    for (i, m) in list.iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        let (date, number) = if numbering.is_final() {
            numbering.stamp_for(&format!("member-{}", m.id), "")
        } else {
            (m.letter_date.clone(), m.letter_number.clone())
        };
        letterhead(&mut doc, &province.office, &date, &number);
        doc.paragraph(
            &format!("{} {}", if m.name.is_empty() { "" } else { "جناب آقای/سرکار خانم" }, m.name),
            &TextStyle::body().bold().with_align(Align::Right),
        );
        doc.paragraph(&m.position, &TextStyle::body().with_align(Align::Right));
        doc.spacer(6.0);
        doc.paragraph(
            &format!("موضوع: ابلاغ عضویت در {} — ارزیابی عملکرد سال {}", m.committee.persian(), fa::int(year)),
            &TextStyle::body().bold().with_align(Align::Right),
        );
        doc.spacer(6.0);
        let duty = match m.committee {
            Committee::Secretariat => "تدوین و ابلاغ شاخص‌ها، برنامهٔ زمان‌بندی، پیگیری خوداظهاری دستگاه‌ها، هماهنگی ارزیابان و رسیدگی به اعتراض‌ها",
            // Seed step 6: the steering committee determines the province's development indicators.
            Committee::Steering => "بررسی و تعیین شاخص‌های توسعه‌ای استان، راهبری فرایند ارزیابی، نظارت بر ارزیابی و پیشنهاد نتایج نهایی به شورا",
        };
        doc.paragraph(
            &format!(
                "با سلام و احترام؛ به استناد دستورالعمل اجرایی ارزیابی عملکرد دستگاه‌های اجرایی و جشنوارهٔ شهید رجایی، \
                 جنابعالی به سمت «{}» {} استان {} برای ارزیابی عملکرد سال {} منصوب می‌شوید. \
                 انتظار می‌رود در {} با همکاری دیگر اعضا، وظایف محول را با دقت و در زمان‌بندی مصوب انجام دهید.",
                m.role.persian(),
                m.committee.persian(),
                province.province,
                fa::int(year),
                duty
            ),
            &TextStyle::body(),
        );
        signature(&mut doc, &signatory.name, &signatory.title);
    }
    Ok(Made::new(doc, vec![members_table(&list)]))
}

/// An agency's preliminary result sheet: every indicator with its ceiling, self and
/// evaluator scores, the objection and its outcome, and the final score.
pub fn preliminary_sheet(store: &Store, year: i32, agency: &str) -> Result<Made, ReportError> {
    preliminary_sheet_numbered(store, year, agency, &Numbering::preview())
}

/// The preliminary sheet with the register's number from `numbering` above its title.
pub(crate) fn preliminary_sheet_numbered(
    store: &Store,
    year: i32,
    agency: &str,
    numbering: &Numbering,
) -> Result<Made, ReportError> {
    let published = preliminary(store.conn(), year)?.ok_or(EvaluationError::NotPublished { year })?;
    let rows = agency_scores(store.conn(), year, agency)?;
    let results = results(store.conn(), year, Basis::Final)?;
    let result = agency_result(&results, agency)?;
    let province = store.province()?;
    let mut doc =
        Document::new("کارنامهٔ نتایج اولیهٔ ارزیابی عملکرد", Orientation::Landscape).with_header(&province.office);
    if numbering.is_final() {
        let (date, number) = numbering.stamp(&result.agency.code);
        super::letter::date_and_number(&mut doc, &date, &number);
    }
    doc.paragraph(
        &format!("نتایج اولیهٔ ارزیابی عملکرد سال {} — {}", fa::int(year), result.agency.name),
        &TextStyle::heading(),
    );
    doc.paragraph(
        &format!(
            "نتایج اولیه در {} اعلام شد و مهلت اعتراض از {} تا {} است. برای هر شاخص سقف امتیاز، امتیاز خوداظهاری، امتیاز ارزیاب، \
             اعتراض دستگاه و نتیجهٔ آن و امتیاز نهایی آمده است. امتیاز کل اکنون {} از {} ({}٪، سطح «{}») است.",
            JalaliDate::display_stored(&published.published_on),
            JalaliDate::display_stored(&published.window_opens),
            JalaliDate::display_stored(&published.window_closes),
            format_decimal(result.total, 2),
            format_decimal(settings_of(store.conn(), year)?.max_total(), 0),
            format_decimal(result.percent, 2),
            result.tier
        ),
        &TextStyle::body(),
    );
    doc.spacer(6.0);
    let tables = vec![indicator_sheet_table(&result.agency.name, &rows)];
    for table in &tables {
        doc.table(&table.pdf(8.0));
    }
    Ok(Made::new(doc, tables))
}

/// An agency's final scorecard from the approved results: totals, tier and ranks, its
/// scores by axis against their ceilings, and every indicator's final score.
pub fn scorecard(store: &Store, year: i32, agency: &str) -> Result<Made, ReportError> {
    let results = approved_only(store, year)?;
    let result = agency_result(&results, agency)?;
    let rows = agency_scores(store.conn(), year, agency)?;
    let province = store.province()?;
    let mut doc = Document::new("کارنامهٔ نهایی ارزیابی عملکرد", Orientation::Portrait).with_header(&province.office);
    doc.image(EMBLEM, 46.0, Align::Center);
    doc.paragraph(
        &format!("کارنامهٔ نهایی ارزیابی عملکرد سال {}", fa::int(year)),
        &TextStyle::heading().with_align(Align::Center),
    );
    doc.paragraph(&result.agency.name, &TextStyle { size: 13.0, ..TextStyle::heading() }.with_align(Align::Center));
    doc.spacer(6.0);
    let national = national_tiering(store.conn(), year)?;
    let summary = summary_table(result, &national);
    doc.table(&summary.pdf(9.5));
    doc.spacer(8.0);
    doc.bar_chart(&axis_chart(result, "امتیاز هر محور در برابر سقف آن"));
    let indicators = indicator_sheet_table(&result.agency.name, &rows);
    doc.paragraph(&indicators.title, &TextStyle::body().bold().with_align(Align::Right));
    doc.table(&indicators.pdf(7.5));
    Ok(Made::new(doc, vec![summary, indicators]))
}

/// Every agency by rank, with the tier distribution.
pub fn ranking(store: &Store, year: i32) -> Result<Made, ReportError> {
    let standing = standing(store, year)?;
    let settings = settings_of(store.conn(), year)?;
    let province = store.province()?;
    let mut doc = Document::new("رتبه‌بندی دستگاه‌های اجرایی", Orientation::Landscape).with_header(&province.office);
    doc.paragraph(
        &format!("رتبه‌بندی دستگاه‌های اجرایی استان {} در ارزیابی عملکرد سال {}", province.province, fa::int(year)),
        &TextStyle::heading(),
    );
    let basis = if standing.approved {
        let council = crate::evaluation::settings_of(store.conn(), year)?.council;
        format!("این رتبه‌بندی بر پایهٔ نتایج نهایی مصوب {council} است.")
    } else {
        "این رتبه‌بندی بر پایهٔ نتایج تا امروز (پس از اعمال تصمیم‌های اعتراض) است و هنوز به تصویب شورا نرسیده است.".into()
    };
    doc.paragraph(
        &format!(
            "{basis} امتیاز کل از {} است؛ در امتیاز برابر، امتیاز شاخص‌های عمومی و سپس اختصاصی رتبه را تعیین می‌کند. ستون «تغییر» درصد امسال منهای درصد سال پیش است.",
            format_decimal(settings.max_total(), 0)
        ),
        &TextStyle::body(),
    );
    doc.spacer(4.0);
    let rows: Vec<&AgencyResult> = standing.results.iter().collect();
    let national = national_tiering(store.conn(), year)?;
    let table = ranking_table(&format!("رتبه‌بندی سال {}", fa::int(year)), &rows, "رتبه‌بندی", &national);
    doc.table(&table.pdf(if national.imported { 7.5 } else { 8.0 }));
    doc.spacer(4.0);
    doc.paragraph(&national_line(&national), &TextStyle::body());
    doc.spacer(10.0);
    doc.column_chart(&tier_chart(&settings, &standing.results), 110.0);
    let mut tiers = ReportTable::new(
        "سطح‌ها",
        "پراکندگی سطح‌ها",
        vec![
            col("سطح", 1.5, Kind::Text),
            col("از درصد", 1.0, Kind::Number(0)),
            col("تعداد دستگاه", 1.0, Kind::Number(0)),
        ],
    );
    for (tier, (name, count)) in settings.tiers.iter().zip(tier_counts(&settings, &standing.results)) {
        tiers.push(vec![name.into(), tier.min_percent.into(), count.into()]);
    }
    Ok(Made::new(doc, vec![table, tiers]))
}

/// One honour on a certificate: who, and for what.
pub(super) struct Honour {
    pub agency_code: String,
    pub recipient: String,
    pub citation: String,
}

pub(super) fn honours(f: &Festival) -> Vec<Honour> {
    let year = fa::int(f.year);
    let mut list = Vec::new();
    for g in &f.groups {
        for w in &g.winners {
            list.push(Honour {
                agency_code: w.agency.code.clone(),
                recipient: w.agency.name.clone(),
                citation: format!(
                    "به پاس کسب رتبهٔ {} گروه «{}» در ارزیابی عملکرد سال {} با {}٪ امتیاز و سطح «{}»",
                    ordinal(w.group_rank),
                    g.group,
                    year,
                    format_decimal(w.percent, 2),
                    w.tier
                ),
            });
        }
    }
    for g in &f.growth {
        list.push(Honour {
            agency_code: g.agency.code.clone(),
            recipient: g.agency.name.clone(),
            citation: format!(
                "به پاس بیشترین رشد در ارزیابی عملکرد سال {}: {} واحد درصد بالاتر از سال پیش",
                year,
                format_decimal(g.growth.unwrap_or(0.0), 2)
            ),
        });
    }
    for t in &f.teams {
        list.push(Honour {
            agency_code: t.agency_code.clone(),
            recipient: format!("{} — {}", t.team, t.agency_name),
            citation: format!(
                "به پاس اجرای طرح «{}» و برگزیده شدن به عنوان تیم کاری برتر جشنوارهٔ شهید رجایی سال {}",
                t.project, year
            ),
        });
    }
    list
}

fn ordinal(n: u32) -> String {
    match n {
        1 => "نخست".into(),
        2 => "دوم".into(),
        3 => "سوم".into(),
        n => format!("{}م", fa::int(n)),
    }
}

/// Certificates (تقدیرنامه) for the festival's honours, one landscape framed page each;
/// with `agency`, only that agency's.
pub fn certificates(store: &Store, year: i32, agency: Option<&str>) -> Result<Made, ReportError> {
    certificates_numbered(store, year, agency, &Numbering::preview())
}

/// The certificates, each agency's numbered by `numbering` (one number per agency).
pub(crate) fn certificates_numbered(
    store: &Store,
    year: i32,
    agency: Option<&str>,
    numbering: &Numbering,
) -> Result<Made, ReportError> {
    let f = festival(store.conn(), year)?;
    let mut list = honours(&f);
    if let Some(code) = agency {
        let code = crate::fa::to_latin_digits(code.trim());
        list.retain(|h| h.agency_code == code);
        if list.is_empty() {
            return Err(ReportError::NotReady {
                title: "تقدیرنامه".into(),
                reason: format!("دستگاه با کد {} در میان برگزیدگان جشنوارهٔ سال {} نیست.", code, fa::int(year)),
            });
        }
    }
    let province = store.province()?;
    let signatory = crate::evaluation::settings_of(store.conn(), year)?.signatories.certificate;
    let mut doc = Document::new("تقدیرنامه", Orientation::Landscape).without_furniture();
    for (i, honour) in list.iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        let stamp = numbering.stamp(&honour.agency_code);
        certificate_page(&mut doc, honour, &province.office, (year, &stamp), &signatory);
    }
    let mut table = ReportTable::new(
        "تقدیرنامه‌ها",
        &format!("تقدیرنامه‌های جشنوارهٔ شهید رجایی سال {}", fa::int(year)),
        vec![col("دریافت‌کننده", 3.5, Kind::Text), col("به پاس", 6.0, Kind::Text)],
    );
    for h in &list {
        table.push(vec![h.recipient.clone().into(), h.citation.clone().into()]);
    }
    Ok(Made::new(doc, vec![table]))
}

pub(super) fn certificate_page(
    doc: &mut Document,
    honour: &Honour,
    office: &str,
    (year, (date, number)): (i32, &(String, String)),
    signatory: &crate::evaluation::Signatory,
) {
    let green = (0.07, 0.3, 0.26);
    let gold = (0.72, 0.56, 0.2);
    doc.frame(18.0, 2.5, green);
    doc.frame(25.0, 0.8, gold);
    let width = doc.page_width();
    doc.image_at(EMBLEM, (width - 72.0) / 2.0, 52.0, 72.0);
    doc.set_y(132.0);
    doc.paragraph(office, &TextStyle::body().bold().with_align(Align::Center));
    doc.spacer(10.0);
    doc.paragraph(
        "تقدیرنامه",
        &TextStyle { size: 34.0, leading: 1.4, ..TextStyle::heading() }.with_align(Align::Center),
    );
    doc.spacer(14.0);
    doc.paragraph(
        &honour.recipient,
        &TextStyle { size: 20.0, leading: 1.5, color: (0.1, 0.12, 0.15), ..TextStyle::heading() }
            .with_align(Align::Center),
    );
    doc.spacer(16.0);
    doc.paragraph(
        &honour.citation,
        &TextStyle { size: 14.0, leading: 1.8, ..TextStyle::body() }.with_align(Align::Center),
    );
    doc.spacer(6.0);
    doc.paragraph(
        &format!(
            "بدین‌وسیله در جشنوارهٔ شهید رجایی استان در سال {} از تلاش‌های ارزشمند شما قدردانی می‌شود.",
            fa::int(year + 1)
        ),
        &TextStyle { size: 12.0, ..TextStyle::body() }.with_align(Align::Center),
    );
    doc.set_y(doc.page_height() - 120.0);
    if !signatory.name.is_empty() {
        doc.paragraph(&signatory.name, &TextStyle::body().bold().with_align(Align::Center));
    }
    doc.paragraph(&signatory.title, &TextStyle::body().with_align(Align::Center));
    let date = if date.is_empty() { JalaliDate::today().to_string() } else { JalaliDate::display_stored(date) };
    let line =
        if number.is_empty() { date } else { format!("شماره: {}    تاریخ: {date}", fa::text_digits(number)) };
    doc.paragraph(&line, &TextStyle::small().with_align(Align::Center));
}

/// The festival report: winners of each group, the largest growth, the best work teams.
pub fn festival_report(store: &Store, year: i32) -> Result<Made, ReportError> {
    let f = festival(store.conn(), year)?;
    let settings = settings_of(store.conn(), year)?;
    let province = store.province()?;
    let mut doc = Document::new("گزارش جشنوارهٔ شهید رجایی", Orientation::Portrait).with_header(&province.office);
    doc.image(EMBLEM, 50.0, Align::Center);
    doc.paragraph(
        &format!("گزارش جشنوارهٔ شهید رجایی استان {} — سال {}", province.province, fa::int(year)),
        &TextStyle::heading().with_align(Align::Center),
    );
    let winners: usize = f.groups.iter().map(|g| g.winners.len()).sum();
    doc.paragraph(
        &format!(
            "بر پایهٔ نتایج نهایی مصوب ارزیابی عملکرد سال {}، در هر گروه جشنواره {} دستگاه نخست برگزیده شدند ({} دستگاه در {} گروه)، \
             {} دستگاه با بیشترین رشد نسبت به سال پیش تقدیر می‌شوند و دبیرخانه {} تیم کاری را برگزید.",
            fa::int(year),
            fa::int(settings.winners_per_group),
            fa::count(winners),
            fa::count(f.groups.len()),
            fa::count(f.growth.len()),
            fa::count(f.teams.len())
        ),
        &TextStyle::body(),
    );
    doc.spacer(6.0);
    let tables = festival_tables(&f);
    draw_tables(&mut doc, &tables, 8.5);
    Ok(Made::new(doc, tables))
}
