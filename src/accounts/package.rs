//! The package for the Statistical Centre: the tables workbook in the template's layout,
//! data.csv in long form, checks.csv, and manifest.json with the SHA-256 of every file.
//! Refused while anything is unapproved, unless it is a draft (then marked draft everywhere).

use super::checks::{check, CheckRun};
use super::model::{ItemKind, Severity, Template};
use super::review::{dashboard, Dashboard};
use super::state::{advance, ReviewState};
use super::values::{current_values, StoredValue};
use super::{template_of, AccountsError};
use crate::fa::{self, JalaliDate};
use crate::issued::sha256_hex;
use crate::store::{now_iso, record_audit, AuditEntry, ProvinceInfo, Store};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PackagedFile {
    pub name: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub sha256: String,
}

/// manifest.json, and what `package` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Manifest {
    pub province: String,
    pub office: String,
    pub year: i32,
    pub template_code: String,
    pub template_version: String,
    pub draft: bool,
    pub created_at: String,
    pub created_at_jalali: String,
    pub app_version: String,
    pub tables: u32,
    pub items: u32,
    pub values: u32,
    pub missing: u32,
    pub agencies: u32,
    pub rules_passed: u32,
    pub rules_failed: u32,
    pub rules_not_computable: u32,
    pub files: Vec<PackagedFile>,
}

/// A CSV field, quoted when it has to be.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv_line(fields: &[String]) -> String {
    fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",") + "\r\n"
}

/// A plain number for CSV: spreadsheets compute with it.
fn plain(value: &StoredValue) -> String {
    match (&value.number, &value.text) {
        (Some(n), _) => n.to_string(),
        (None, Some(t)) => t.clone(),
        _ => String::new(),
    }
}

/// Write the package of `year` to `out` (a .zip). Without `draft`, every agency's tables must
/// be approved and every item assigned; they become «sent».
pub fn package(store: &mut Store, year: i32, out: &Path, draft: bool) -> Result<Manifest, AccountsError> {
    let template = template_of(store, year)?;
    let board = dashboard(store, year)?;
    if !draft {
        ensure_ready(&board)?;
    }
    let province = store.province()?;
    let now = current_values(store.conn(), year)?;
    let before = current_values(store.conn(), year - 1)?;
    let agencies: HashMap<String, String> =
        crate::agencies::list(store, "", true)?.into_iter().map(|a| (a.code, a.name)).collect();
    let run = check(&template, &now, &before, &agencies)?;
    let explanations = text_by_code(store.conn(), "SELECT rule_code, text FROM ra_explanation WHERE year = ?1", year)?;
    let last_change =
        text_by_code(store.conn(), "SELECT item_code, entered_at FROM ra_value WHERE year = ?1 AND current = 1", year)?;
    let kind = if draft { "draft" } else { "final" };
    let files: Vec<(String, Vec<u8>)> = vec![
        (format!("tables-{year}.xlsx"), tables_bytes(out, &template, &now, &province.province, draft)?),
        ("data.csv".into(), data_csv(kind, &template, &now, &review_states(&board), &last_change).into_bytes()),
        ("checks.csv".into(), checks_csv(kind, &run, &explanations).into_bytes()),
    ];
    let counts = Counts { template: &template, now: &now, agencies: board.agencies.len() as u32, run: &run };
    let manifest = manifest_of(&province, year, draft, &counts, &files);
    write_zip(out, &files, &manifest)?;
    record_package(store, year, out, draft, &manifest)?;
    Ok(manifest)
}

/// Refuse a final package while a part is unapproved or an item has no supplier.
fn ensure_ready(board: &Dashboard) -> Result<(), AccountsError> {
    let pending: Vec<String> = board
        .agencies
        .iter()
        .flat_map(|a| a.tables.iter().map(move |t| (a, t)))
        .filter(|(_, t)| !matches!(t.state, Some(ReviewState::Approved | ReviewState::Sent)))
        .map(|(a, t)| format!("{} ({})", a.agency_name, t.table_code))
        .collect();
    if !pending.is_empty() || board.unassigned_items > 0 {
        return Err(AccountsError::NotReadyToSend { pending, unassigned: board.unassigned_items });
    }
    Ok(())
}

/// Two text columns of a year's rows (code -> text), by `sql` with the year as ?1.
fn text_by_code(conn: &Connection, sql: &str, year: i32) -> Result<HashMap<String, String>, AccountsError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (agency code, table code) -> its review state.
fn review_states(board: &Dashboard) -> HashMap<(String, String), ReviewState> {
    board
        .agencies
        .iter()
        .flat_map(|a| {
            a.tables.iter().filter_map(move |t| t.state.map(|s| ((a.agency_code.clone(), t.table_code.clone()), s)))
        })
        .collect()
}

/// Every item with its value, supplier, review state and last change, one CSV row each.
fn data_csv(
    kind: &str,
    template: &Template,
    now: &HashMap<String, StoredValue>,
    states: &HashMap<(String, String), ReviewState>,
    last_change: &HashMap<String, String>,
) -> String {
    let mut data = String::from("\u{feff}");
    data.push_str(&csv_line(
        &["package", "table", "item", "row", "column", "unit", "value", "agency", "status", "last_change"]
            .map(String::from),
    ));
    for item in &template.items {
        let agency = item.agency_code.clone().unwrap_or_default();
        let status = states
            .get(&(agency.clone(), item.table_code.clone()))
            .map(|s| format!("{s:?}").to_lowercase())
            .unwrap_or_else(|| "office".into());
        data.push_str(&csv_line(&[
            kind.into(),
            item.table_code.clone(),
            item.code.clone(),
            item.row_label.clone(),
            item.col_label.clone(),
            item.unit.clone(),
            now.get(&item.code).map(plain).unwrap_or_default(),
            agency,
            status,
            last_change.get(&item.code).cloned().unwrap_or_default(),
        ]));
    }
    data
}

/// Every rule with what it found and the analyst's explanation, one CSV row each.
fn checks_csv(kind: &str, run: &CheckRun, explanations: &HashMap<String, String>) -> String {
    let mut checks = String::from("\u{feff}");
    checks.push_str(&csv_line(
        &[
            "package",
            "rule",
            "severity",
            "description",
            "items_checked",
            "passed",
            "failed",
            "not_computable",
            "messages",
            "explanation",
        ]
        .map(String::from),
    ));
    for rule in &run.rules {
        let messages: Vec<&str> =
            run.failures.iter().filter(|f| f.rule_code == rule.code).map(|f| f.message.as_str()).collect();
        checks.push_str(&csv_line(&[
            kind.into(),
            rule.code.clone(),
            match rule.severity {
                Severity::Error => "error".into(),
                Severity::Warning => "warning".into(),
            },
            rule.description.clone(),
            rule.items_checked.to_string(),
            rule.passed.to_string(),
            rule.failed.to_string(),
            rule.not_computable.to_string(),
            messages.join(" | "),
            explanations.get(&rule.code).cloned().unwrap_or_default(),
        ]));
    }
    checks
}

/// The tables workbook's bytes, written beside `out` and read back.
fn tables_bytes(
    out: &Path,
    template: &Template,
    now: &HashMap<String, StoredValue>,
    province: &str,
    draft: bool,
) -> Result<Vec<u8>, AccountsError> {
    let tables_path = out.with_extension("tables.tmp.xlsx");
    let failed = |e: &dyn std::fmt::Display| AccountsError::Write {
        path: tables_path.display().to_string(),
        detail: e.to_string(),
    };
    write_tables(&tables_path, template, now, province, draft).map_err(|e| failed(&e))?;
    let bytes = std::fs::read(&tables_path).map_err(|e| failed(&e))?;
    let _ = std::fs::remove_file(&tables_path);
    Ok(bytes)
}

/// What the manifest counts.
struct Counts<'a> {
    template: &'a Template,
    now: &'a HashMap<String, StoredValue>,
    agencies: u32,
    run: &'a CheckRun,
}

fn manifest_of(
    province: &ProvinceInfo,
    year: i32,
    draft: bool,
    counts: &Counts,
    files: &[(String, Vec<u8>)],
) -> Manifest {
    let Counts { template, now, agencies, run } = counts;
    let has_value = |code: &str| now.get(code).is_some_and(|v| v.number.is_some() || v.text.is_some());
    let created_at = now_iso();
    Manifest {
        province: province.province.clone(),
        office: province.office.clone(),
        year,
        template_code: template.code.clone(),
        template_version: template.version.clone(),
        draft,
        created_at_jalali: crate::store::jalali_of_iso(&created_at),
        created_at,
        app_version: env!("CARGO_PKG_VERSION").into(),
        tables: template.tables.len() as u32,
        items: template.items.len() as u32,
        values: template.items.iter().filter(|i| has_value(&i.code)).count() as u32,
        missing: template.items.iter().filter(|i| i.required && !has_value(&i.code)).count() as u32,
        agencies: *agencies,
        rules_passed: run.passed,
        rules_failed: run.failed,
        rules_not_computable: run.not_computable,
        files: files
            .iter()
            .map(|(name, bytes)| PackagedFile {
                name: name.clone(),
                bytes: bytes.len() as u64,
                sha256: sha256_hex(bytes),
            })
            .collect(),
    }
}

/// Written beside under a temporary name, then moved: a failed write leaves no half package.
fn write_zip(out: &Path, files: &[(String, Vec<u8>)], manifest: &Manifest) -> Result<(), AccountsError> {
    let partial = out.with_extension("zip.partial");
    let write = || -> Result<(), Box<dyn std::error::Error>> {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&partial)?);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            zip.start_file(name.as_str(), options)?;
            zip.write_all(bytes)?;
        }
        zip.start_file("manifest.json", options)?;
        zip.write_all(serde_json::to_string_pretty(manifest)?.as_bytes())?;
        zip.finish()?.sync_all()?;
        std::fs::rename(&partial, out)?;
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        AccountsError::Write { path: out.display().to_string(), detail: e.to_string() }
    })
}

/// A final package marks the approved parts «sent»; every package is audited.
fn record_package(
    store: &mut Store,
    year: i32,
    out: &Path,
    draft: bool,
    manifest: &Manifest,
) -> Result<(), AccountsError> {
    let parts: Vec<(i64, String)> = {
        let mut stmt = store
            .conn()
            .prepare("SELECT agency_id, table_code FROM ra_status WHERE year = ?1 AND state = 'approved'")?;
        let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    store.write(|tx, actor| {
        if !draft {
            advance(tx, actor, year, &parts, ReviewState::Sent, ReviewState::Sent)?;
        }
        let summary = serde_json::json!({ "file": out.display().to_string(), "draft": draft, "files": manifest.files });
        record_audit(tx, actor, &AuditEntry::new("ra_package", &year.to_string(), "package").new_value(summary))?;
        Ok::<_, AccountsError>(())
    })
}

/// One RTL sheet a table, rows by columns as the template lays them out.
fn write_tables(
    path: &Path,
    template: &Template,
    values: &HashMap<String, StoredValue>,
    province: &str,
    draft: bool,
) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Right);
    let subtitle = Format::new().set_font_color("#52606D").set_align(FormatAlign::Right);
    let draft_mark = Format::new().set_bold().set_font_color("#C0392B").set_align(FormatAlign::Right);
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBE6")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let label = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let year = fa::int(template.year);
    for table in &template.tables {
        let items: Vec<_> = template.items.iter().filter(|i| i.table_code == table.code).collect();
        let mut rows: Vec<&str> = Vec::new();
        let mut cols: Vec<&str> = Vec::new();
        for item in &items {
            if !rows.contains(&item.row_label.as_str()) {
                rows.push(&item.row_label);
            }
            if !cols.contains(&item.col_label.as_str()) {
                cols.push(&item.col_label);
            }
        }
        let sheet = workbook.add_worksheet();
        sheet.set_name(&table.code)?.set_right_to_left(true);
        sheet.write_string_with_format(0, 0, format!("{} — {}", table.code, table.title), &title)?;
        let unit = if table.unit.is_empty() { String::new() } else { format!("واحد: {} · ", table.unit) };
        sheet.write_string_with_format(1, 0, format!("{unit}استان {province} · سال {year}"), &subtitle)?;
        if draft {
            sheet.write_string_with_format(2, 0, "پیش‌نویس — تأییدنشده؛ برای ارسال نهایی نیست.", &draft_mark)?;
        }
        let top = 4;
        sheet.write_string_with_format(top, 0, "شرح", &header)?;
        for (c, col) in cols.iter().enumerate() {
            sheet.write_string_with_format(top, c as u16 + 1, if col.is_empty() { "مقدار" } else { col }, &header)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = top + 1 + r as u32;
            sheet.write_string_with_format(r, 0, *row, &label)?;
            for (c, col) in cols.iter().enumerate() {
                let c = c as u16 + 1;
                let Some(item) = items.iter().find(|i| i.row_label == *row && i.col_label == *col) else {
                    sheet.write_blank(r, c, &label)?;
                    continue;
                };
                let format = match item.kind {
                    ItemKind::Text => label.clone(),
                    _ if item.decimals == 0 => label.clone().set_num_format("#,##0"),
                    _ => label.clone().set_num_format(format!("#,##0.{}", "0".repeat(item.decimals.into()))),
                };
                match values.get(&item.code) {
                    Some(StoredValue { number: Some(n), .. }) => sheet.write_number_with_format(r, c, *n, &format)?,
                    Some(StoredValue { text: Some(t), .. }) => sheet.write_string_with_format(r, c, t, &format)?,
                    _ => sheet.write_blank(r, c, &format)?,
                };
            }
        }
        sheet.set_column_width(0, 40)?;
        for c in 1..=cols.len() as u16 {
            sheet.set_column_width(c, 18)?;
        }
        sheet.set_freeze_panes(top + 1, 1)?;
    }
    workbook.save(path)
}

/// Today's date as the package's Jalali stamp, for file names.
pub fn default_package_name(year: i32) -> String {
    format!("package-{year}-{}.zip", JalaliDate::today().to_latin_string().replace('/', ""))
}

/// What `verify` found in a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerifyReport {
    pub file_name: String,
    pub manifest: Option<Manifest>,
    /// Empty when the package is whole and unchanged.
    pub problems: Vec<String>,
}

const DATA_HEADER: &str = "package,table,item,row,column,unit,value,agency,status,last_change";
const CHECKS_HEADER: &str =
    "package,rule,severity,description,items_checked,passed,failed,not_computable,messages,explanation";

/// Re-check a package: every file the manifest lists is there with its size and SHA-256,
/// nothing else is, the CSVs have their headers and the tables workbook opens.
pub fn verify(path: &Path) -> Result<VerifyReport, AccountsError> {
    use std::io::Read;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let not_a_package = |detail: String| AccountsError::NotAPackage { file: file_name.clone(), detail };
    let file = std::fs::File::open(path).map_err(|e| not_a_package(e.to_string()))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| not_a_package(e.to_string()))?;
    let mut contents: HashMap<String, Vec<u8>> = HashMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| not_a_package(e.to_string()))?;
        let name = entry.name().map_err(|e| not_a_package(e.to_string()))?.to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| not_a_package(e.to_string()))?;
        contents.insert(name, bytes);
    }
    let mut problems = Vec::new();
    let manifest: Option<Manifest> = match contents.get("manifest.json") {
        None => {
            problems.push("manifest.json در بسته نیست.".to_string());
            None
        }
        Some(bytes) => match serde_json::from_slice(bytes) {
            Ok(m) => Some(m),
            Err(e) => {
                problems.push(format!("manifest.json خوانده نشد: {e}"));
                None
            }
        },
    };
    if let Some(m) = &manifest {
        for f in &m.files {
            match contents.get(&f.name) {
                None => problems.push(format!("«{}» در فهرست manifest هست ولی در بسته نیست.", f.name)),
                Some(bytes) if sha256_hex(bytes) != f.sha256 || bytes.len() as u64 != f.bytes => {
                    problems.push(format!(
                        "«{}» با رمز SHA-256 ثبت‌شده در manifest نمی‌خواند؛ فایل پس از ساخت بسته تغییر کرده است.",
                        f.name
                    ))
                }
                Some(_) => {}
            }
        }
        for name in contents.keys().filter(|n| *n != "manifest.json" && !m.files.iter().any(|f| &f.name == *n)) {
            problems.push(format!("«{name}» در بسته هست ولی در manifest نیست."));
        }
        let kind = if m.draft { "draft" } else { "final" };
        for (name, header) in [("data.csv", DATA_HEADER), ("checks.csv", CHECKS_HEADER)] {
            let Some(bytes) = contents.get(name) else { continue };
            let text = String::from_utf8_lossy(bytes);
            let mut lines = text.trim_start_matches('\u{feff}').lines();
            if lines.next() != Some(header) {
                problems.push(format!("سرستون‌های «{name}» آن نیست که باید باشد."));
            }
            if lines.any(|l| !l.starts_with(&format!("{kind},"))) {
                problems.push(format!("در «{name}» ردیفی هست که با نوع بسته ({kind}) نمی‌خواند."));
            }
        }
        if let Some(tables) = m.files.iter().find(|f| f.name.ends_with(".xlsx")).and_then(|f| contents.get(&f.name)) {
            use calamine::Reader;
            match calamine::Xlsx::new(std::io::Cursor::new(tables.clone())) {
                Ok(book) if book.sheet_names().len() as u32 == m.tables => {}
                Ok(book) => problems.push(format!(
                    "کارپوشهٔ جدول‌ها {} برگه دارد و manifest {} جدول می‌گوید.",
                    fa::count(book.sheet_names().len()),
                    fa::int(m.tables)
                )),
                Err(e) => problems.push(format!("کارپوشهٔ جدول‌ها باز نشد: {e}")),
            }
        }
    }
    Ok(VerifyReport { file_name, manifest, problems })
}
