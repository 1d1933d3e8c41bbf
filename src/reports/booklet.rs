//! The results booklet: the public face of the year's evaluation. Cover, foreword, contents,
//! method, summary, festival groups, one page per agency, honours and an appendix of
//! indicators. The contents need the pages of what follows them, so they are drawn last and
//! put in place after the foreword (one layout pass).

use super::evaluation::{axis_chart, draw_tables, festival_tables, national_line, ranking_table, tier_chart};
use super::letter::EMBLEM;
use super::table::{col, Kind, ReportTable, Value};
use super::{Made, ReportError};
use crate::evaluation::approval::{approvals, approved_results};
use crate::evaluation::catalog::catalog_of;
use crate::evaluation::festival::{festival, Festival};
use crate::evaluation::national::{national_tiering, NationalTiering};
use crate::evaluation::results::{scores_on, AgencyResult, Basis, Scores};
use crate::evaluation::{settings_of, Catalog, EvalSettings, EvaluationError, Indicator, IndicatorKind};
use crate::fa::{self, format_decimal, JalaliDate};
use crate::pdf::{Align, BarChart, ContentsEntry, Document, Orientation, TextStyle};
use crate::store::{ProvinceInfo, Store};
use std::collections::HashMap;

/// Everything the booklet prints, read once.
struct Data {
    year: i32,
    province: ProvinceInfo,
    settings: EvalSettings,
    catalog: Catalog,
    results: Vec<AgencyResult>,
    scores: Scores,
    festival: Festival,
    national: NationalTiering,
    foreword: String,
    approved_on: String,
}

fn load(store: &Store, year: i32) -> Result<Data, ReportError> {
    let results = approved_results(store.conn(), year)?.ok_or(EvaluationError::NotYetApproved { year })?;
    let approved_on =
        approvals(store.conn(), year)?.last().map(|a| JalaliDate::display_stored(&a.approved_on)).unwrap_or_default();
    Ok(Data {
        year,
        province: store.province()?,
        settings: settings_of(store.conn(), year)?,
        catalog: catalog_of(store.conn(), year)?,
        scores: scores_on(store.conn(), year, Basis::Final)?,
        festival: festival(store.conn(), year)?,
        national: national_tiering(store.conn(), year)?,
        foreword: super::foreword::foreword(store, year)?,
        results,
        approved_on,
    })
}

/// The booklet's PDF and its tables for Excel.
pub fn booklet(store: &Store, year: i32) -> Result<Made, ReportError> {
    let data = load(store, year)?;
    Ok(Made::new(layout(&data), tables(&data)))
}

/// How many pages the contents take with these entries.
fn contents_pages(entries: &[ContentsEntry]) -> usize {
    let mut doc = Document::new("", Orientation::Portrait);
    contents_page(&mut doc, entries);
    doc.page_count()
}

fn contents_page(doc: &mut Document, entries: &[ContentsEntry]) {
    doc.paragraph("فهرست مطالب", &TextStyle::heading());
    doc.spacer(6.0);
    doc.table_of_contents(entries);
}

/// The contents go after the foreword, at page `at` (from 0), once the rest is laid out: the
/// headings after them move by the contents' own pages, which depend only on how many
/// headings there are. One layout pass.
fn insert_contents(doc: &mut Document, at: usize) {
    let mut entries = doc.contents().to_vec();
    let added = contents_pages(&entries);
    for entry in entries.iter_mut().filter(|e| e.page > at) {
        entry.page += added;
    }
    doc.insert_pages(at, |doc| contents_page(doc, &entries));
    debug_assert_eq!(doc.contents(), entries.as_slice(), "the contents took the pages measured");
}

fn tables(data: &Data) -> Vec<ReportTable> {
    let rows: Vec<&AgencyResult> = data.results.iter().collect();
    let title = format!("رتبه‌بندی دستگاه‌های اجرایی — سال {}", fa::int(data.year));
    let mut tables = vec![ranking_table(&title, &rows, "رتبه‌بندی", &data.national)];
    tables.push(axes_table(data));
    tables.push(tiers_table(&data.settings));
    tables.extend(festival_tables(&data.festival));
    tables.push(indicator_scores_table(data));
    tables.push(appendix_table(data, &[IndicatorKind::General, IndicatorKind::Development], "شاخص‌های عمومی و توسعه‌ای"));
    tables.push(appendix_table(data, &[IndicatorKind::Specific], "شاخص‌های اختصاصی"));
    tables
}

fn layout(data: &Data) -> Document {
    let year = fa::int(data.year);
    let mut doc = Document::new(&format!("کتابچهٔ نتایج ارزیابی عملکرد سال {year}"), Orientation::Portrait)
        .with_header(&data.province.office);
    cover(&mut doc, data);

    doc.new_page();
    doc.contents_heading("پیشگفتار", &TextStyle::heading(), 0);
    doc.spacer(4.0);
    doc.paragraph(&data.foreword, &TextStyle { leading: 1.9, ..TextStyle::body() });

    let contents_at = doc.page_count();

    doc.new_page();
    method(&mut doc, data);

    doc.new_page();
    summary(&mut doc, data);

    doc.new_page();
    doc.contents_heading("نتایج گروه‌های جشنواره", &TextStyle::heading(), 0);
    for (i, group) in groups(data).into_iter().enumerate() {
        if i > 0 {
            doc.spacer(10.0);
        }
        let rows: Vec<&AgencyResult> = data.results.iter().filter(|r| r.agency.group == group).collect();
        doc.contents_heading(&format!("گروه {group}"), &TextStyle { size: 12.5, ..TextStyle::heading() }, 1);
        let mut table = ranking_table("", &rows, &group, &data.national);
        table.columns.remove(2); // the group is the heading
        for row in &mut table.rows {
            row.remove(2);
        }
        doc.table(&table.pdf(7.5));
        doc.spacer(4.0);
        doc.bar_chart(&BarChart {
            title: String::new(),
            bars: rows.iter().map(|r| (short(r), r.percent)).collect(),
            max: Some(100.0),
            decimals: 1,
            ceilings: Vec::new(),
        });
    }

    let mut first = true;
    for r in &data.results {
        doc.new_page();
        if first {
            doc.contents_heading("کارنامهٔ دستگاه‌ها", &TextStyle::heading(), 0);
            first = false;
        }
        agency_page(&mut doc, data, r);
    }

    doc.new_page();
    doc.contents_heading("برگزیدگان جشنوارهٔ شهید رجایی", &TextStyle::heading(), 0);
    draw_tables(&mut doc, &festival_tables(&data.festival), 8.0);

    doc.new_page();
    doc.contents_heading("پیوست: فهرست شاخص‌ها", &TextStyle::heading(), 0);
    let general =
        appendix_table(data, &[IndicatorKind::General, IndicatorKind::Development], "شاخص‌های عمومی و توسعه‌ای");
    doc.contents_heading(&general.title, &TextStyle { size: 12.5, ..TextStyle::heading() }, 1);
    doc.table(&general.pdf(7.5));
    doc.spacer(10.0);
    let specific = appendix_table(data, &[IndicatorKind::Specific], "شاخص‌های اختصاصی");
    doc.contents_heading(&specific.title, &TextStyle { size: 12.5, ..TextStyle::heading() }, 1);
    doc.table(&specific.pdf(7.0));
    insert_contents(&mut doc, contents_at);
    doc
}

fn short(r: &AgencyResult) -> String {
    if r.agency.short_name.is_empty() {
        r.agency.name.clone()
    } else {
        r.agency.short_name.clone()
    }
}

fn groups(data: &Data) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    for r in &data.results {
        if !groups.contains(&r.agency.group) {
            groups.push(r.agency.group.clone());
        }
    }
    groups.sort();
    groups
}

fn cover(doc: &mut Document, data: &Data) {
    doc.bare_page();
    let width = doc.page_width();
    doc.fill_rect(0.0, 0.0, width, 16.0, (0.07, 0.3, 0.26));
    doc.image_at(EMBLEM, (width - 120.0) / 2.0, 130.0, 120.0);
    doc.set_y(290.0);
    doc.paragraph(
        "کتابچهٔ نتایج",
        &TextStyle { size: 30.0, leading: 1.5, ..TextStyle::heading() }.with_align(Align::Center),
    );
    doc.paragraph(
        "ارزیابی عملکرد دستگاه‌های اجرایی",
        &TextStyle { size: 22.0, leading: 1.6, ..TextStyle::heading() }.with_align(Align::Center),
    );
    doc.spacer(8.0);
    doc.paragraph(
        &format!("استان {} — سال {}", data.province.province, fa::int(data.year)),
        &TextStyle { size: 16.0, ..TextStyle::heading() }.with_align(Align::Center),
    );
    doc.spacer(6.0);
    doc.paragraph("جشنوارهٔ شهید رجایی", &TextStyle { size: 13.0, ..TextStyle::body() }.with_align(Align::Center));
    doc.set_y(doc.page_height() - 150.0);
    doc.paragraph(
        &data.province.office,
        &TextStyle { size: 13.0, ..TextStyle::body().bold() }.with_align(Align::Center),
    );
    if !data.approved_on.is_empty() {
        doc.paragraph(
            &format!("نتایج مصوب {} در {}", data.settings.council, data.approved_on),
            &TextStyle::small().with_align(Align::Center),
        );
    }
    let height = doc.page_height();
    doc.fill_rect(0.0, height - 16.0, width, 16.0, (0.07, 0.3, 0.26));
}

fn axes_table(data: &Data) -> ReportTable {
    let mut table = ReportTable::new(
        "محورها",
        "محورهای ارزیابی و سقف امتیاز آن‌ها",
        vec![
            col("کد", 0.7, Kind::Code),
            col("محور", 5.0, Kind::Text),
            col("تعداد شاخص", 1.2, Kind::Number(0)),
            col("سقف امتیاز", 1.2, Kind::Number(0)),
        ],
    );
    for axis in &data.catalog.axes {
        let of_axis: Vec<&Indicator> =
            data.catalog.indicators.iter().filter(|i| i.axis_code.as_deref() == Some(axis.code.as_str())).collect();
        table.push(vec![
            axis.code.clone().into(),
            axis.title.clone().into(),
            (of_axis.len() as u32).into(),
            of_axis.iter().map(|i| i.ceiling).sum::<f64>().into(),
        ]);
    }
    let general: Vec<&Indicator> =
        data.catalog.indicators.iter().filter(|i| i.kind == IndicatorKind::General).collect();
    table.totals = Some(vec![
        Value::Empty,
        "شاخص‌های عمومی".into(),
        (general.len() as u32).into(),
        general.iter().map(|i| i.ceiling).sum::<f64>().into(),
    ]);
    table
}

fn tiers_table(settings: &EvalSettings) -> ReportTable {
    let mut table = ReportTable::new(
        "سطح‌ها",
        "سطح‌های عملکرد",
        vec![
            col("سطح", 1.6, Kind::Text),
            col("از درصد", 1.0, Kind::Number(0)),
            col("تا کمتر از درصد", 1.2, Kind::Number(0)),
        ],
    );
    for (i, t) in settings.tiers.iter().enumerate() {
        let upper: Value = if i == 0 { "—".into() } else { settings.tiers[i - 1].min_percent.into() };
        table.push(vec![t.name.clone().into(), t.min_percent.into(), upper]);
    }
    table
}

fn method(doc: &mut Document, data: &Data) {
    let s = &data.settings;
    let counts = |kind: IndicatorKind| fa::count(data.catalog.indicators.iter().filter(|i| i.kind == kind).count());
    doc.contents_heading("روش ارزیابی", &TextStyle::heading(), 0);
    let combine = match s.combine {
        crate::evaluation::Combine::Sum => "امتیاز کل جمع امتیاز شاخص‌های عمومی و اختصاصی است".to_string(),
        crate::evaluation::Combine::Weighted => {
            format!("امتیاز کل میانگین وزنی دو بخش است و بخش عمومی {}٪ وزن دارد", format_decimal(s.general_weight, 0))
        }
    };
    doc.paragraph(
        &format!(
            "عملکرد هر دستگاه با {} شاخص عمومی (مشترک همهٔ دستگاه‌ها، در {} محور)، شاخص‌های اختصاصی همان دستگاه ({} شاخص برای همهٔ دستگاه‌ها) \
             و {} شاخص توسعه‌ای سنجیده شد. سقف شاخص‌های عمومی {} و سقف شاخص‌های اختصاصی و توسعه‌ای روی هم {} امتیاز است \
             و {}٪ از این سقف به شاخص‌های توسعه‌ای می‌رسد؛ {}. \
             هر شاخص به یکی از چهار روش امتیاز می‌گیرد: نسبت تحقق به هدف (با سقف امتیاز شاخص، و برای شاخص‌های «کمتر بهتر» نسبت هدف به تحقق)، \
             امتیاز مستقیم، بله/خیر، یا سنجه‌هایی با وزن‌های جمعاً صد. \
             امتیاز خوداظهاری دستگاه‌ها را ارزیابان بررسی کردند، نتایج اولیه اعلام شد، اعتراض‌ها در مهلت {} روزه رسیدگی شد و نتایج نهایی به تصویب شورا رسید. \
             در امتیاز کل برابر، امتیاز عمومی بیشتر و سپس امتیاز اختصاصی بیشتر رتبهٔ بهتر می‌گیرد.",
            counts(IndicatorKind::General),
            fa::count(data.catalog.axes.len()),
            counts(IndicatorKind::Specific),
            counts(IndicatorKind::Development),
            format_decimal(s.general_scale, 0),
            format_decimal(s.specific_scale, 0),
            format_decimal(s.development_share, 0),
            combine,
            fa::int(s.objection_window_days),
        ),
        &TextStyle::body(),
    );
    doc.spacer(8.0);
    draw_tables(doc, &[axes_table(data), tiers_table(s)], 9.0);
}

fn summary(doc: &mut Document, data: &Data) {
    doc.contents_heading("خلاصهٔ نتایج", &TextStyle::heading(), 0);
    let n = data.results.len();
    let mean = data.results.iter().map(|r| r.percent).sum::<f64>() / n.max(1) as f64;
    let top = data.results.first();
    doc.paragraph(
        &format!(
            "{} دستگاه اجرایی ارزیابی شدند. میانگین امتیاز {}٪ بود{}.",
            fa::count(n),
            format_decimal(mean, 2),
            top.map(|t| format!(
                " و {} با {}٪ رتبهٔ نخست استان را به دست آورد",
                t.agency.name,
                format_decimal(t.percent, 2)
            ))
            .unwrap_or_default()
        ),
        &TextStyle::body(),
    );
    doc.column_chart(&tier_chart(&data.settings, &data.results), 100.0);
    doc.spacer(4.0);
    doc.contents_heading("رتبه‌بندی همهٔ دستگاه‌ها", &TextStyle { size: 12.5, ..TextStyle::heading() }, 1);
    let rows: Vec<&AgencyResult> = data.results.iter().collect();
    doc.table(&ranking_table("", &rows, "", &data.national).pdf(if data.national.imported { 7.0 } else { 7.5 }));
    doc.spacer(4.0);
    doc.paragraph(&national_line(&data.national), &TextStyle { size: 9.0, ..TextStyle::body() });
}

/// One agency on one page: its standing, its axes against their ceilings, its indicators,
/// and its three strongest and weakest indicators by share of the ceiling.
fn agency_page(doc: &mut Document, data: &Data, r: &AgencyResult) {
    doc.contents_heading(&r.agency.name, &TextStyle { size: 13.0, ..TextStyle::heading() }, 1);
    let growth = r
        .growth
        .map(|g| {
            format!("؛ تغییر نسبت به سال پیش {} واحد درصد", super::table::pdf_text(&Value::Number(g), Kind::Change(2)))
        })
        .unwrap_or_default();
    doc.paragraph(
        &format!(
            "گروه {} — امتیاز کل {} ({}٪)، سطح «{}»، رتبهٔ {} استان و {} گروه{}؛ {}",
            r.agency.group,
            format_decimal(r.total, 2),
            format_decimal(r.percent, 2),
            r.tier,
            fa::int(r.rank),
            fa::int(r.group_rank),
            growth,
            data.national.agency_text(&r.agency.code)
        ),
        &TextStyle { size: 9.5, ..TextStyle::body() }.with_align(Align::Right),
    );
    doc.bar_chart(&axis_chart(r, ""));
    let mut shares: Vec<(&Indicator, f64)> = data
        .catalog
        .of_agency(&r.agency.code)
        .map(|i| (i, data.scores.get(&r.agency.code, &i.code).unwrap_or(0.0)))
        .collect();
    let mut table = ReportTable::new(
        "",
        "",
        vec![
            col("کد", 0.9, Kind::Code),
            col("شاخص", 6.2, Kind::Text),
            col("سقف", 0.8, Kind::Number(0)),
            col("امتیاز", 0.9, Kind::Number(2)),
            col("درصد سقف", 0.9, Kind::Number(0)),
        ],
    );
    for (i, score) in &shares {
        table.push(vec![
            i.code.clone().into(),
            i.title.clone().into(),
            i.ceiling.into(),
            (*score).into(),
            (score / i.ceiling * 100.0).into(),
        ]);
    }
    doc.table(&table.pdf(6.6));
    shares.sort_by(|a, b| (b.1 / b.0.ceiling).total_cmp(&(a.1 / a.0.ceiling)).then(a.0.code.cmp(&b.0.code)));
    let named = |list: &[(&Indicator, f64)]| {
        list.iter()
            .map(|(i, s)| format!("{} ({}٪)", i.title, format_decimal(s / i.ceiling * 100.0, 0)))
            .collect::<Vec<_>>()
            .join("، ")
    };
    let small = TextStyle { size: 8.0, leading: 1.5, ..TextStyle::body() };
    doc.spacer(4.0);
    doc.paragraph(&format!("قوی‌ترین شاخص‌ها: {}.", named(&shares[..shares.len().min(3)])), &small);
    let weakest: Vec<(&Indicator, f64)> = shares.iter().rev().take(3).copied().collect();
    doc.paragraph(&format!("شاخص‌های نیازمند بهبود: {}.", named(&weakest)), &small);
}

/// Every agency's final score on every indicator (Excel only: a page per agency in the PDF).
fn indicator_scores_table(data: &Data) -> ReportTable {
    let mut table = ReportTable::new(
        "امتیاز شاخص‌ها",
        "امتیاز نهایی هر دستگاه در هر شاخص",
        vec![
            col("کد دستگاه", 0.9, Kind::Code),
            col("دستگاه", 4.0, Kind::Text),
            col("کد شاخص", 0.9, Kind::Code),
            col("شاخص", 5.0, Kind::Text),
            col("سقف", 0.8, Kind::Number(0)),
            col("امتیاز", 0.9, Kind::Number(2)),
        ],
    );
    for r in &data.results {
        for i in data.catalog.of_agency(&r.agency.code) {
            let score = data.scores.get(&r.agency.code, &i.code).unwrap_or(0.0);
            table.push(vec![
                r.agency.code.clone().into(),
                r.agency.name.clone().into(),
                i.code.clone().into(),
                i.title.clone().into(),
                i.ceiling.into(),
                score.into(),
            ]);
        }
    }
    table
}

fn appendix_table(data: &Data, kinds: &[IndicatorKind], title: &str) -> ReportTable {
    let axes: HashMap<&str, &str> = data.catalog.axes.iter().map(|a| (a.code.as_str(), a.title.as_str())).collect();
    let names: HashMap<&str, &str> =
        data.results.iter().map(|r| (r.agency.code.as_str(), r.agency.short_name.as_str())).collect();
    let specific = kinds == [IndicatorKind::Specific];
    let mut table = ReportTable::new(
        title,
        title,
        vec![
            col("کد", 0.9, Kind::Code),
            col("شاخص", 5.0, Kind::Text),
            col(if specific { "دستگاه" } else { "محور / نوع" }, 2.2, Kind::Text),
            col("سقف", 0.7, Kind::Number(0)),
            col("روش", 1.2, Kind::Text),
            col("واحد", 0.9, Kind::Text),
        ],
    );
    for i in data.catalog.indicators.iter().filter(|i| kinds.contains(&i.kind)) {
        let place = if specific {
            i.agencies.iter().map(|a| names.get(a.as_str()).copied().unwrap_or(a)).collect::<Vec<_>>().join("، ")
        } else {
            i.axis_code.as_deref().and_then(|a| axes.get(a).copied()).unwrap_or(i.kind.persian()).to_string()
        };
        table.push(vec![
            i.code.clone().into(),
            i.title.clone().into(),
            place.into(),
            i.ceiling.into(),
            i.method.persian().into(),
            i.unit.clone().into(),
        ]);
    }
    table
}
