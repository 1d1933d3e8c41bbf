//! Regional-accounts documents: the request letter to an agency (its items, the deadline)
//! and the check report of an agency (each finding, its cell, its message).

use super::table::{col, Kind, ReportTable, Value};
use super::Made;
use crate::accounts::dispatch::centre_letter;
use crate::accounts::package::verify;
use crate::accounts::review::{dashboard, latest_failures};
use crate::accounts::signing::{existing_office_key, ExpectedKey};
use crate::accounts::{template_of, AccountsError, Severity};
use crate::agencies;
use crate::fa::{self, format_decimal, format_integer};
use crate::pdf::{Align, Document, Orientation, TextStyle};
use crate::register::Numbering;
use crate::store::Store;
use std::path::Path;

/// The letter asking an agency for its items of `year`, with the deadline (a draft: no number).
pub fn request_letter(store: &Store, year: i32, agency_code: &str) -> Result<Made, AccountsError> {
    request_letter_numbered(store, year, agency_code, &Numbering::preview())
}

/// The request letter with the register's number from `numbering`.
pub(crate) fn request_letter_numbered(
    store: &Store,
    year: i32,
    agency_code: &str,
    numbering: &Numbering,
) -> Result<Made, AccountsError> {
    let agency = agencies::find(store, agency_code)?;
    let province = store.province()?;
    let template = template_of(store, year)?;
    let items: Vec<_> =
        template.items.iter().filter(|i| i.agency_code.as_deref() == Some(agency.code.as_str())).collect();
    if items.is_empty() {
        return Err(AccountsError::NothingToGenerate { year });
    }
    let deadline = dashboard(store, year)?.deadline;
    let mut doc =
        Document::new("درخواست اقلام آماری حساب‌های منطقه‌ای", Orientation::Portrait).with_header(&province.office);
    let (date, number) = numbering.stamp(&agency.code);
    super::letter::date_and_number(&mut doc, &date, &number);
    doc.spacer(8.0);
    doc.paragraph(&format!("به: {}", agency.name), &TextStyle::body().bold().with_align(Align::Right));
    if !agency.focal_person.is_empty() {
        doc.paragraph(&format!("کارشناس رابط: {}", agency.focal_person), &TextStyle::body().with_align(Align::Right));
    }
    doc.paragraph(
        &format!("موضوع: درخواست اقلام آماری حساب‌های منطقه‌ای سال {}", fa::int(year)),
        &TextStyle::body().bold().with_align(Align::Right),
    );
    centre_reference(&mut doc, store, year)?;
    doc.spacer(6.0);
    let deadline_text = match &deadline {
        Some(d) => format!("حداکثر تا {d}"),
        None => "در نخستین فرصت".to_string(),
    };
    doc.paragraph(
        &format!(
            "با سلام و احترام؛ در اجرای برنامهٔ تهیهٔ حساب‌های منطقه‌ای استان {} و بر پایهٔ الگوی جداول مرکز آمار ایران (نسخهٔ {})، \
             خواهشمند است {} قلم آماری زیر را که تأمین آن با آن دستگاه است، در کارپوشهٔ پیوست تکمیل و {} به این سازمان بازگردانید. \
             در کارپوشه فقط خانه‌های زردرنگ را پر کنید؛ رقم سال پیش برای مقایسه آمده است و اگر تغییر زیادی دارید، علت را در ستون یادداشت بنویسید.",
            province.province,
            fa::code(&template.version),
            fa::count(items.len()),
            deadline_text
        ),
        &TextStyle::body(),
    );
    doc.spacer(6.0);
    let titles: std::collections::HashMap<&str, &str> =
        template.tables.iter().map(|t| (t.code.as_str(), t.title.as_str())).collect();
    let mut table = ReportTable::new(
        "اقلام درخواستی",
        &format!("اقلام آماری درخواستی از {} — سال {}", agency.name, fa::int(year)),
        vec![
            col("ردیف", 0.7, Kind::Ordinal),
            col("جدول", 3.2, Kind::Text),
            col("قلم آماری", 4.0, Kind::Text),
            col("واحد", 1.6, Kind::Text),
        ],
    );
    for (n, i) in items.iter().enumerate() {
        let label =
            if i.col_label.is_empty() { i.row_label.clone() } else { format!("{} — {}", i.row_label, i.col_label) };
        table.push(vec![
            ((n + 1) as u32).into(),
            format!("{} {}", i.table_code, titles.get(i.table_code.as_str()).copied().unwrap_or_default()).into(),
            label.into(),
            i.unit.clone().into(),
        ]);
    }
    doc.table(&table.pdf(8.5));
    doc.spacer(14.0);
    doc.paragraph(&province.office, &TextStyle::body().bold().with_align(Align::Left));
    Ok(Made::new(doc, vec![table]))
}

/// «بازگشت به نامهٔ شمارهٔ … مورخ …» of the Statistical Centre's request letter of `year`,
/// when it is recorded; nothing otherwise.
fn centre_reference(doc: &mut Document, store: &Store, year: i32) -> Result<(), AccountsError> {
    if let Some(letter) = centre_letter(store.conn(), year)? {
        doc.paragraph(&letter.reference(), &TextStyle::body().with_align(Align::Right));
    }
    Ok(())
}

/// An agency's check report: every finding of the latest check run on its items.
pub fn check_report(store: &Store, year: i32, agency_code: &str) -> Result<Made, AccountsError> {
    let agency = agencies::find(store, agency_code)?;
    let province = store.province()?;
    let template = template_of(store, year)?;
    let decimals: std::collections::HashMap<&str, usize> =
        template.items.iter().map(|i| (i.code.as_str(), i.decimals as usize)).collect();
    let (ran_at, failures) = latest_failures(store.conn(), year)?
        .ok_or(AccountsError::NotChecked { part: format!("«{}» در سال {}", agency.name, fa::int(year)) })?;
    let mine: Vec<_> = failures
        .into_iter()
        .filter(|f| f.items.iter().any(|i| i.agency_code.as_deref() == Some(agency.code.as_str())))
        .collect();
    let errors = mine.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = mine.len() - errors;
    let mut doc = Document::new("گزارش بررسی داده‌ها", Orientation::Landscape).with_header(&province.office);
    doc.paragraph(
        &format!("گزارش بررسی داده‌های حساب‌های منطقه‌ای سال {} — {}", fa::int(year), agency.name),
        &TextStyle::heading(),
    );
    doc.paragraph(
        &format!(
            "بررسی در {} انجام شد و در اقلام این دستگاه {} خطا و {} هشدار یافت. خطاها باید در کارپوشه درست شوند؛ برای هر هشدار یا رقم را اصلاح کنید یا علت را در ستون یادداشت بنویسید. \
             ستون «خانه» جای هر قلم را در کارپوشهٔ دستگاه نشان می‌دهد.",
            crate::store::jalali_of_iso(&ran_at),
            format_integer(errors as i64),
            format_integer(warnings as i64)
        ),
        &TextStyle::body(),
    );
    doc.spacer(6.0);
    let mut table = ReportTable::new(
        "یافته‌ها",
        &format!("یافته‌های بررسی داده‌های {} — سال {}", agency.name, fa::int(year)),
        vec![
            col("ردیف", 0.6, Kind::Ordinal),
            col("نوع", 0.9, Kind::Text),
            col("قاعده", 1.3, Kind::Latin),
            col("پیام و راه درست کردن", 5.0, Kind::Text),
            col("اقلام، مقدار و خانه در کارپوشه", 4.5, Kind::Verbatim),
        ],
    );
    if mine.is_empty() {
        doc.paragraph("در اقلام این دستگاه ایرادی پیدا نشد.", &TextStyle::body().bold());
        return Ok(Made::new(doc, vec![table]));
    }
    for (n, failure) in mine.iter().enumerate() {
        let items: Vec<String> = failure
            .items
            .iter()
            .filter(|i| i.agency_code.as_deref() == Some(agency.code.as_str()))
            .map(|i| {
                let value = i
                    .value
                    .map(|v| format_decimal(v, decimals.get(i.code.as_str()).copied().unwrap_or(0)))
                    .unwrap_or_else(|| "—".into());
                let cell = if i.cell.is_empty() { String::new() } else { format!(" ({})", i.cell) };
                format!("{}: {value}{cell}", i.label)
            })
            .collect();
        table.push(vec![
            ((n + 1) as u32).into(),
            match failure.severity {
                Severity::Error => "خطا".into(),
                Severity::Warning => "هشدار".into(),
            },
            failure.rule_code.clone().into(),
            failure.message.clone().into(),
            items.join("\n").into(),
        ]);
    }
    doc.table(&table.pdf(8.5));
    Ok(Made::new(doc, vec![table]))
}

/// The cover letter of a package for the Statistical Centre: what it holds, its counts, the
/// SHA-256 of every file and of the manifest, and the office's key that signed it, so that the
/// signed paper proves the zip. Written only for a package that verifies whole against this
/// province file's own key; otherwise refused with what is wrong.
pub fn package_cover_letter(store: &Store, package: &Path) -> Result<Made, AccountsError> {
    package_cover_letter_numbered(store, package, &Numbering::preview())
}

/// The cover letter with the register's number from `numbering` (addressed to the Centre, so
/// its entry names no agency).
pub(crate) fn package_cover_letter_numbered(
    store: &Store,
    package: &Path,
    numbering: &Numbering,
) -> Result<Made, AccountsError> {
    let file = crate::sheets::file_name(package);
    let key = existing_office_key(store.conn())?.ok_or_else(|| AccountsError::NoOfficeKey { file: file.clone() })?;
    let report = verify(package, Some(&ExpectedKey::parse(&key.public_key)?))?;
    let manifest = match report.manifest {
        Some(m) if report.problems.is_empty() => m,
        _ => return Err(AccountsError::PackageRejected { file, problems: report.problems }),
    };
    let manifest = &manifest;
    let province = store.province()?;
    let mut doc = Document::new("نامهٔ همراه بستهٔ حساب‌های منطقه‌ای", Orientation::Portrait).with_header(&province.office);
    let (date, number) = numbering.stamp("");
    super::letter::date_and_number(&mut doc, &date, &number);
    doc.spacer(8.0);
    doc.paragraph("به: مرکز آمار ایران — دفتر حساب‌های منطقه‌ای", &TextStyle::body().bold().with_align(Align::Right));
    doc.paragraph(
        &format!("موضوع: ارسال داده‌های حساب‌های منطقه‌ای استان {} — سال {}", manifest.province, fa::int(manifest.year)),
        &TextStyle::body().bold().with_align(Align::Right),
    );
    centre_reference(&mut doc, store, manifest.year)?;
    doc.spacer(6.0);
    let draft = if manifest.draft {
        " این بسته «پیش‌نویس» است و هنوز همهٔ داده‌های آن تأیید نشده است."
    } else {
        ""
    };
    doc.paragraph(
        &format!(
            "با سلام و احترام؛ بستهٔ داده‌های حساب‌های منطقه‌ای سال {} استان {}، بر پایهٔ نسخهٔ {} الگوی جداول، به پیوست فرستاده می‌شود. \
             این بسته {} جدول و {} قلم آماری دارد که {} قلم آن مقدار دارد و داده‌های {} دستگاه اجرایی را در بر می‌گیرد. \
             از {} بررسی (قواعد الگو و بررسی‌های پایهٔ هر قلم)، {} گذشت، {} ناموفق بود و {} به سبب نبود مقدار محاسبه نشد؛ جزئیات در checks.csv آمده است.{draft}",
            fa::int(manifest.year),
            manifest.province,
            fa::code(&manifest.template_version),
            fa::int(manifest.tables),
            fa::int(manifest.items),
            fa::int(manifest.values),
            fa::int(manifest.agencies),
            fa::int(manifest.rules_passed + manifest.rules_failed + manifest.rules_not_computable),
            fa::int(manifest.rules_passed),
            fa::int(manifest.rules_failed),
            fa::int(manifest.rules_not_computable)
        ),
        &TextStyle::body(),
    );
    doc.spacer(6.0);
    doc.paragraph("فایل‌های بسته و رمز SHA-256 هر یک، برای اطمینان از دریافت سالم:", &TextStyle::body());
    let mut table = ReportTable::new(
        "فایل‌های بسته",
        "فایل‌های بسته و رمز SHA-256 هر یک",
        vec![
            col("فایل", 2.2, Kind::Latin),
            col("اندازه (بایت)", 1.4, Kind::Number(0)),
            col("SHA-256", 6.0, Kind::Latin),
        ],
    );
    for f in &manifest.files {
        // Names and hashes stay in Latin letters and digits: they are what a machine compares.
        table.push(vec![Value::Text(f.name.clone()), (f.bytes as f64).into(), Value::Text(f.sha256.clone())]);
    }
    doc.table(&table.pdf(7.5));
    doc.spacer(6.0);
    doc.paragraph(
        "manifest.json فهرست بالا را با رمز هر فایل دارد و با کلید امضای این دفتر (Ed25519) امضا شده است (manifest.sig). \
         رمز SHA-256 خود manifest.json و کلید عمومی دفتر در زیر آمده است؛ اثر انگشت کلید را یک بار نزد مرکز ثبت کنید \
         تا هر بسته با آن سنجیده شود:",
        &TextStyle::body(),
    );
    let mut proof = ReportTable::new(
        "امضای بسته",
        "رمز manifest و کلید امضای دفتر",
        vec![col("", 2.2, Kind::Text), col("", 7.4, Kind::Latin)],
    );
    proof.push(vec!["SHA-256 فایل manifest.json".into(), Value::Text(report.manifest_sha256.clone())]);
    proof.push(vec!["کلید عمومی دفتر".into(), Value::Text(manifest.public_key.clone())]);
    proof.push(vec!["اثر انگشت کلید".into(), Value::Text(manifest.key_fingerprint.clone())]);
    doc.table(&proof.pdf(7.5));
    doc.spacer(14.0);
    doc.paragraph(&province.office, &TextStyle::body().bold().with_align(Align::Left));
    Ok(Made::new(doc, vec![table, proof]))
}
