//! The package for the Statistical Centre: the tables workbook in the template's layout,
//! data.csv in long form, checks.csv, and manifest.json with the SHA-256 of every file.
//! Refused while anything is unapproved, unless it is a draft (then marked draft everywhere).

use super::checks::{check, CheckRun};
use super::explanations::{warning_explanations, WarningExplanation};
use super::model::{ItemKind, Severity, Template, TemplateItem};
use super::review::{dashboard, Dashboard};
use super::signing::{signature_holds, ExpectedKey, OfficeSigner};
use super::state::{advance, ReviewState};
use super::values::{current_values, StoredValue};
use super::{template_of, AccountsError};
use crate::fa::{self, JalaliDate};
use crate::issued::sha256_hex;
use crate::sheets::guard::{check_workbook, measure, read_entry, GuardError, ZipLimits};
use crate::sheets::style;
use crate::store::{now_iso, record_audit, AuditEntry, ProvinceInfo, Store};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
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
    /// The office's Ed25519 public key (hex); manifest.sig is its signature of this very file.
    /// Empty in packages made before packages were signed.
    #[serde(default)]
    pub public_key: String,
    /// The public key's fingerprint, as registered with the Centre and printed on the cover letter.
    #[serde(default)]
    pub key_fingerprint: String,
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
    crate::backup::before(store, crate::backup::BackupReason::Package);
    let province = store.province()?;
    let now = current_values(store.conn(), year)?;
    let before = current_values(store.conn(), year - 1)?;
    let agencies: HashMap<String, String> =
        crate::agencies::list(store, "", true)?.into_iter().map(|a| (a.code, a.name)).collect();
    let run = check(&template, &now, &before, &agencies)?;
    let explanations = explanations_by_rule(&warning_explanations(store.conn(), year, &run.failures)?);
    let last_change =
        text_by_code(store.conn(), "SELECT item_code, entered_at FROM ra_value WHERE year = ?1 AND current = 1", year)?;
    let kind = if draft { "draft" } else { "final" };
    let files: Vec<(String, Vec<u8>)> = vec![
        (format!("tables-{year}.xlsx"), tables_bytes(out, &template, &now, &province.province, draft)?),
        ("data.csv".into(), data_csv(kind, &template, &now, &review_states(&board), &last_change).into_bytes()),
        ("checks.csv".into(), checks_csv(kind, &run, &explanations).into_bytes()),
    ];
    let counts = Counts { template: &template, now: &now, agencies: board.agencies.len() as u32, run: &run };
    let mut manifest = manifest_of(&province, year, draft, &counts, &files);
    let signer = OfficeSigner::for_office(store)?;
    manifest.public_key = signer.public_key();
    manifest.key_fingerprint = signer.fingerprint();
    let manifest_json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| AccountsError::Write { path: out.display().to_string(), detail: e.to_string() })?;
    let signature = signer.sign(&manifest_json);
    write_zip(out, &files, &manifest_json, &signature)?;
    record_package(store, year, out, draft, &manifest, &sha256_hex(&manifest_json))?;
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

/// Rule code -> the explanations that stand for the values the package's checks cite, one
/// «agency code: text» each, joined with « | ».
fn explanations_by_rule(explanations: &[WarningExplanation]) -> HashMap<String, String> {
    let mut by_rule: HashMap<String, String> = HashMap::new();
    for e in explanations.iter().filter(|e| e.explained) {
        let line = format!("{}: {}", e.agency_code.as_deref().unwrap_or_default(), e.text);
        by_rule.entry(e.rule_code.clone()).and_modify(|t| *t = format!("{t} | {line}")).or_insert(line);
    }
    by_rule
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
        public_key: String::new(),
        key_fingerprint: String::new(),
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
fn write_zip(
    out: &Path,
    files: &[(String, Vec<u8>)],
    manifest_json: &[u8],
    signature: &str,
) -> Result<(), AccountsError> {
    let partial = out.with_extension("zip.partial");
    let write = || -> Result<(), Box<dyn std::error::Error>> {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&partial)?);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            zip.start_file(name.as_str(), options)?;
            zip.write_all(bytes)?;
        }
        zip.start_file(MANIFEST, options)?;
        zip.write_all(manifest_json)?;
        zip.start_file(SIGNATURE, options)?;
        zip.write_all(format!("{signature}\n").as_bytes())?;
        zip.finish()?.sync_all()?;
        std::fs::rename(&partial, out)?;
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        AccountsError::Write { path: out.display().to_string(), detail: e.to_string() }
    })
}

/// A final package marks the approved parts «sent»; every package is kept (ra_package) and audited.
fn record_package(
    store: &mut Store,
    year: i32,
    out: &Path,
    draft: bool,
    manifest: &Manifest,
    manifest_sha256: &str,
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
        let file_name = crate::sheets::file_name(out);
        let id = super::dispatch::record_package(tx, year, &file_name, draft, manifest_sha256)?;
        let summary =
            serde_json::json!({ "id": id, "file": out.display().to_string(), "draft": draft, "files": manifest.files });
        record_audit(tx, actor, &AuditEntry::new("ra_package", &year.to_string(), "package").new_value(summary))?;
        Ok::<_, AccountsError>(())
    })
}

/// The widest a table's label column grows before its labels wrap.
const LABEL_WIDTH: f64 = 42.0;

/// One RTL sheet a table, rows by columns as the template lays them out, printed one page wide.
/// The cell formats of the package's tables workbook.
struct TableFormats {
    title: Format,
    subtitle: Format,
    draft_mark: Format,
    header: Format,
    label: Format,
}

fn write_tables(
    path: &Path,
    template: &Template,
    values: &HashMap<String, StoredValue>,
    province: &str,
    draft: bool,
) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let formats = TableFormats {
        title: style::title(),
        subtitle: style::persian(Format::new().set_font_color("#52606D").set_align(FormatAlign::Right)),
        draft_mark: style::persian(Format::new().set_bold().set_font_color("#C0392B").set_align(FormatAlign::Right)),
        header: style::header(),
        label: style::persian(
            Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter),
        ),
    };
    let place = format!("استان {province} · سال {}", fa::int(template.year));
    for table in &template.tables {
        let items: Vec<&TemplateItem> = template.items.iter().filter(|i| i.table_code == table.code).collect();
        let sheet = workbook.add_worksheet();
        sheet.set_name(&table.code)?.set_right_to_left(true);
        sheet.write_string_with_format(0, 0, format!("{} — {}", table.code, table.title), &formats.title)?;
        let unit = if table.unit.is_empty() { String::new() } else { format!("واحد: {} · ", table.unit) };
        sheet.write_string_with_format(1, 0, format!("{unit}{place}"), &formats.subtitle)?;
        if draft {
            sheet.write_string_with_format(2, 0, "پیش‌نویس — تأییدنشده؛ برای ارسال نهایی نیست.", &formats.draft_mark)?;
        }
        write_grid(sheet, &items, values, &formats)?;
    }
    workbook.save(path)
}

/// A table's items as the Statistical Centre lays them out: row labels down, column labels
/// across, each value in its cell; columns sized from their content, one page wide.
fn write_grid(
    sheet: &mut rust_xlsxwriter::Worksheet,
    items: &[&TemplateItem],
    values: &HashMap<String, StoredValue>,
    formats: &TableFormats,
) -> Result<(), XlsxError> {
    let mut rows: Vec<&str> = Vec::new();
    let mut cols: Vec<&str> = Vec::new();
    for item in items {
        if !rows.contains(&item.row_label.as_str()) {
            rows.push(&item.row_label);
        }
        if !cols.contains(&item.col_label.as_str()) {
            cols.push(&item.col_label);
        }
    }
    let top = 4;
    sheet.write_string_with_format(top, 0, "شرح", &formats.header)?;
    let mut widths = style::ColumnWidths::new(LABEL_WIDTH);
    widths.header(0, "شرح");
    for (c, col) in cols.iter().enumerate() {
        let title = if col.is_empty() { "مقدار" } else { col };
        sheet.write_string_with_format(top, c as u16 + 1, title, &formats.header)?;
        widths.header(c as u16 + 1, col);
        widths.at_least(c as u16 + 1, 14.0);
    }
    for row in &rows {
        widths.text(0, row);
    }
    let header_height =
        cols.iter().map(|col| style::wrapped_height(col, 16)).fold(style::wrapped_height("شرح", 16), f64::max);
    sheet.set_row_height(top, header_height)?;
    for (r, row) in rows.iter().enumerate() {
        let r = top + 1 + r as u32;
        sheet.set_row_height(r, style::wrapped_height(row, LABEL_WIDTH as usize - 4))?;
        sheet.write_string_with_format(r, 0, *row, &formats.label)?;
        for (c, col) in cols.iter().enumerate() {
            let item = items.iter().find(|i| i.row_label == *row && i.col_label == *col);
            write_value_cell(sheet, (r, c as u16 + 1), item.copied(), values, &formats.label, &mut widths, row)?;
        }
    }
    widths.apply(sheet)?;
    sheet.set_freeze_panes(top + 1, 1)?;
    style::print_setup(sheet, widths.total() > 95.0, Some((top, top)))?;
    Ok(())
}

/// One cell of the grid: the item's number in its decimals, its text (wrapped, the row made
/// tall enough), or a blank bordered cell where the table has no item or the item no value.
fn write_value_cell(
    sheet: &mut rust_xlsxwriter::Worksheet,
    (r, c): (u32, u16),
    item: Option<&TemplateItem>,
    values: &HashMap<String, StoredValue>,
    label: &Format,
    widths: &mut style::ColumnWidths,
    row_label: &str,
) -> Result<(), XlsxError> {
    let Some(item) = item else {
        sheet.write_blank(r, c, label)?;
        return Ok(());
    };
    let format = match item.kind {
        ItemKind::Text => label.clone(),
        _ if item.decimals == 0 => label.clone().set_num_format("#,##0"),
        _ => label.clone().set_num_format(format!("#,##0.{}", "0".repeat(item.decimals.into()))),
    };
    match values.get(&item.code) {
        Some(StoredValue { number: Some(n), .. }) => {
            widths.number(c, *n, usize::from(item.decimals));
            sheet.write_number_with_format(r, c, *n, &format)?;
        }
        Some(StoredValue { text: Some(t), .. }) => {
            // A text value widens its column up to the label's width, then wraps.
            widths.text(c, t);
            let height = style::wrapped_height(t, LABEL_WIDTH as usize - 4)
                .max(style::wrapped_height(row_label, LABEL_WIDTH as usize - 4));
            sheet.set_row_height(r, height)?;
            sheet.write_string_with_format(r, c, t, &format)?;
        }
        _ => {
            sheet.write_blank(r, c, &format)?;
        }
    }
    Ok(())
}

/// Today's date as the package's Jalali stamp, for file names.
pub fn default_package_name(year: i32) -> String {
    format!("package-{year}-{}.zip", JalaliDate::today().to_latin_string().replace('/', ""))
}

const MANIFEST: &str = "manifest.json";
const SIGNATURE: &str = "manifest.sig";
const MIB: u64 = 1 << 20;

/// A package is five files: the demo's is 60 KB, a template of 5,000 items about 2 MB.
/// These bounds leave ample room and refuse a zip bomb from its central directory, before
/// anything is unpacked. (The tables workbook inside is measured again as a workbook.)
const PACKAGE_LIMITS: ZipLimits = ZipLimits {
    max_entries: 64,
    max_entry_bytes: 16 * MIB,
    max_large_entry_bytes: 16 * MIB,
    large_prefix: "",
    max_total_bytes: 32 * MIB,
    max_ratio: 100,
    max_xml_elements: u64::MAX,
};

/// What `verify` found in a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerifyReport {
    pub file_name: String,
    pub manifest: Option<Manifest>,
    /// SHA-256 of manifest.json exactly as stored; the cover letter prints it, so that the
    /// signed paper proves the zip.
    pub manifest_sha256: String,
    /// The fingerprint of the key whose signature of manifest.json holds; None when the
    /// manifest is unsigned or its signature does not hold.
    pub signed_by: Option<String>,
    /// The fingerprint the package was checked against (`--key`), if one was given.
    pub expected_key: Option<String>,
    /// Empty when the package is whole, unchanged and signed (by the expected key, if given).
    pub problems: Vec<String>,
}

const DATA_HEADER: &str = "package,table,item,row,column,unit,value,agency,status,last_change";
const CHECKS_HEADER: &str =
    "package,rule,severity,description,items_checked,passed,failed,not_computable,messages,explanation";

/// Re-check a package: the signature of the exact bytes of manifest.json (by `expected`, when
/// given), every listed file there with its size and SHA-256 and nothing else, the counts of
/// the manifest against data.csv, checks.csv and the tables workbook. A file that is not a
/// package at all (not a zip, a workbook, a zip without manifest.json, a zip bomb) is an error,
/// not a report.
pub fn verify(path: &Path, expected: Option<&ExpectedKey>) -> Result<VerifyReport, AccountsError> {
    let file_name = crate::sheets::file_name(path);
    let unpacked = unpack(path, &file_name)?;
    let contents = &unpacked.contents;
    let mut problems: Vec<String> =
        unpacked.duplicates.iter().map(|name| format!("«{name}» بیش از یک بار در بسته آمده است.")).collect();
    let manifest_bytes = contents.get(MANIFEST).map(Vec::as_slice).unwrap_or_default();
    let manifest: Option<Manifest> = match serde_json::from_slice(manifest_bytes) {
        Ok(m) => Some(m),
        Err(_) => {
            problems.push("manifest.json خوانده نشد: JSON درستی نیست و پس از ساخت بسته دست خورده است.".into());
            None
        }
    };
    let mut signed_by = None;
    if let Some(m) = &manifest {
        signed_by = check_signature(m, manifest_bytes, contents.get(SIGNATURE), expected, &mut problems);
        check_files(m, contents, &mut problems);
        check_counts(m, contents, &mut problems);
    }
    Ok(VerifyReport {
        file_name,
        manifest,
        manifest_sha256: sha256_hex(manifest_bytes),
        signed_by,
        expected_key: expected.map(ExpectedKey::fingerprint),
        problems,
    })
}

/// A package's entries, unpacked within `PACKAGE_LIMITS`.
struct Unpacked {
    contents: HashMap<String, Vec<u8>>,
    /// Names that occur more than once (the later entry is in `contents`).
    duplicates: Vec<String>,
}

/// What a file that is not a zip looks like, from its first bytes.
fn not_a_zip(head: &[u8]) -> &'static str {
    if head.is_empty() {
        "فایل تهی است"
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "کارپوشهٔ اکسل ۹۷ تا ۲۰۰۳ (xls) است، نه zip"
    } else if head.starts_with(b"%PDF") {
        "سندی PDF است، نه zip"
    } else if std::str::from_utf8(head).is_ok() {
        "متن ساده است، نه zip"
    } else {
        "zip نیست و قالبش شناخته نیست"
    }
}

fn unpack(path: &Path, file_name: &str) -> Result<Unpacked, AccountsError> {
    use std::io::{Read, Seek};
    let file = || file_name.to_string();
    let unreadable = |e: std::io::Error| AccountsError::PackageUnreadable { file: file(), detail: e.to_string() };
    let not_a_package = |looks_like: &str, detail: String| AccountsError::NotAPackage {
        file: file(),
        looks_like: looks_like.to_string(),
        detail,
    };
    let damaged_zip = "فایل zip آسیب‌دیده یا ناقص است";
    let mut opened = std::fs::File::open(path).map_err(unreadable)?;
    let mut head = Vec::with_capacity(64);
    (&mut opened).take(64).read_to_end(&mut head).map_err(unreadable)?;
    if !head.starts_with(b"PK") {
        return Err(not_a_package(not_a_zip(&head), String::new()));
    }
    opened.rewind().map_err(unreadable)?;
    let guard_failed = |e: GuardError| match e {
        GuardError::Excess(excess) => AccountsError::PackageTooLarge { file: file(), excess },
        GuardError::Unreadable(detail) => not_a_package(damaged_zip, detail),
    };
    let mut archive =
        zip::ZipArchive::new(std::io::BufReader::new(opened)).map_err(|e| not_a_package(damaged_zip, e.to_string()))?;
    measure(&mut archive, &PACKAGE_LIMITS).map_err(guard_failed)?;
    let names: Vec<String> = archive.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
    if !names.iter().any(|n| n == MANIFEST) {
        let looks_like = if names.iter().any(|n| n == "[Content_Types].xml") {
            "کارپوشهٔ اکسل (xlsx) است"
        } else {
            "فایل zipی است که manifest.json ندارد"
        };
        return Err(not_a_package(looks_like, format!("zip entries: {}", names.join(", "))));
    }
    let mut unpacked = Unpacked { contents: HashMap::new(), duplicates: Vec::new() };
    for index in 0..archive.len() {
        let (name, bytes) = read_entry(&mut archive, index).map_err(guard_failed)?;
        if unpacked.contents.insert(name.clone(), bytes).is_some() {
            unpacked.duplicates.push(name);
        }
    }
    Ok(unpacked)
}

/// The signature of manifest.json by the key the manifest names, and that key against the
/// expected one. Gives the fingerprint of the key whose signature holds.
fn check_signature(
    manifest: &Manifest,
    manifest_bytes: &[u8],
    signature: Option<&Vec<u8>>,
    expected: Option<&ExpectedKey>,
    problems: &mut Vec<String>,
) -> Option<String> {
    if manifest.public_key.is_empty() {
        problems.push("manifest.json کلید امضای دفتر را ندارد؛ بسته امضا نشده است.".into());
        return None;
    }
    let Some(signature) = signature else {
        problems.push("امضای manifest.json (فایل manifest.sig) در بسته نیست.".into());
        return None;
    };
    let signature = String::from_utf8_lossy(signature);
    if !signature_holds(&manifest.public_key, signature.trim(), manifest_bytes) {
        problems
            .push("امضای manifest.json درست نیست: manifest پس از ساخت بسته تغییر کرده یا امضا از آنِ آن نیست.".into());
        return None;
    }
    let fingerprint = ExpectedKey::parse(&manifest.public_key).ok()?.fingerprint();
    if manifest.key_fingerprint != fingerprint {
        problems.push(format!(
            "اثر انگشت نوشته در manifest.json ({}) از آنِ کلید آن ({fingerprint}) نیست.",
            manifest.key_fingerprint
        ));
    }
    if let Some(expected) = expected.filter(|e| !e.matches(&manifest.public_key)) {
        problems.push(format!(
            "بسته با کلید {fingerprint} امضا شده است، نه با کلید {} که باید؛ از دفتر دیگری است یا کسی آن را دوباره امضا کرده است.",
            expected.fingerprint()
        ));
    }
    Some(fingerprint)
}

/// Every listed file there with its size and SHA-256, and no file that is not listed.
fn check_files(manifest: &Manifest, contents: &HashMap<String, Vec<u8>>, problems: &mut Vec<String>) {
    for f in &manifest.files {
        match contents.get(&f.name) {
            None => problems.push(format!("«{}» در فهرست manifest هست ولی در بسته نیست.", f.name)),
            Some(bytes) if sha256_hex(bytes) != f.sha256 || bytes.len() as u64 != f.bytes => problems.push(format!(
                "«{}» با رمز SHA-256 ثبت‌شده در manifest نمی‌خواند؛ فایل پس از ساخت بسته تغییر کرده است.",
                f.name
            )),
            Some(_) => {}
        }
    }
    let mut extra: Vec<&String> = contents
        .keys()
        .filter(|n| *n != MANIFEST && *n != SIGNATURE && !manifest.files.iter().any(|f| &f.name == *n))
        .collect();
    extra.sort();
    problems.extend(extra.into_iter().map(|name| format!("«{name}» در بسته هست ولی در manifest نیست.")));
}

/// The package's CSVs have ten columns; a record keeps at most this many fields, so that a
/// line of millions of commas cannot take a field's worth of memory for each.
const MAX_CSV_FIELDS: usize = 64;

/// Each RFC 4180 record as `csv_line` writes them (quoted fields may hold commas, quotes,
/// newlines), given to `visit` one at a time so that nothing but the record is held.
fn csv_for_each(text: &str, mut visit: impl FnMut(&[String])) {
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') if record.len() < MAX_CSV_FIELDS => record.push(std::mem::take(&mut field)),
            (false, ',') => field.clear(),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                visit(&record);
                record.clear();
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        visit(&record);
    }
}

/// Each row of a CSV of the package after its header, to `visit`; false (and a problem) when
/// the header is wrong, or when the file is absent (check_files has said so).
fn csv_rows(
    name: &str,
    header: &str,
    contents: &HashMap<String, Vec<u8>>,
    problems: &mut Vec<String>,
    mut visit: impl FnMut(&[String]),
) -> bool {
    let Some(bytes) = contents.get(name) else { return false };
    let mut header_ok = None;
    csv_for_each(&String::from_utf8_lossy(bytes), |record| match header_ok {
        None => header_ok = Some(record.join(",") == header),
        Some(true) => visit(record),
        Some(false) => {}
    });
    if header_ok != Some(true) {
        problems.push(format!("سرستون‌های «{name}» آن نیست که باید باشد."));
        return false;
    }
    true
}

/// A count of the manifest that the files do not bear out.
fn mismatch(problems: &mut Vec<String>, what: &str, manifest: u64, found: u64) {
    if manifest != found {
        problems.push(format!("manifest {} {what} می‌گوید و فایل‌ها {} دارند.", fa::int(manifest), fa::int(found)));
    }
}

/// The manifest's counts against what the files hold: items, values and tables in data.csv,
/// the rules' outcomes in checks.csv, the sheets of the tables workbook, the package's kind on
/// every row. (Required-but-missing items and agencies are not in the files to count.)
fn check_counts(m: &Manifest, contents: &HashMap<String, Vec<u8>>, problems: &mut Vec<String>) {
    let kind = if m.draft { "draft" } else { "final" };
    let of_kind = |r: &[String]| r.first().map(String::as_str) == Some(kind);
    let mut kinds_ok = true;
    let (mut items, mut valued) = (0u64, 0u64);
    let mut data_tables: BTreeSet<String> = BTreeSet::new();
    let data_read = csv_rows("data.csv", DATA_HEADER, contents, problems, |r| {
        kinds_ok &= of_kind(r);
        items += 1;
        valued += u64::from(r.get(6).is_some_and(|v| !v.is_empty()));
        if let Some(table) = r.get(1).filter(|t| !data_tables.contains(*t)) {
            data_tables.insert(table.clone());
        }
    });
    if data_read {
        mismatch(problems, "قلم", m.items.into(), items);
        mismatch(problems, "مقدار", m.values.into(), valued);
    }
    // Sums of passed, failed and not computable; None once a cell is not a count.
    let mut sums: Option<[u64; 3]> = Some([0; 3]);
    let checks_read = csv_rows("checks.csv", CHECKS_HEADER, contents, problems, |r| {
        kinds_ok &= of_kind(r);
        sums = sums.and_then(|mut sums| {
            for (sum, column) in sums.iter_mut().zip(5..=7) {
                *sum = sum.checked_add(r.get(column)?.parse::<u64>().ok()?)?;
            }
            Some(sums)
        });
    });
    match sums {
        _ if !checks_read => {}
        Some([passed, failed, not_computable]) => {
            mismatch(problems, "قاعدهٔ گذشته", m.rules_passed.into(), passed);
            mismatch(problems, "قاعدهٔ ناموفق", m.rules_failed.into(), failed);
            mismatch(problems, "قاعدهٔ محاسبه‌نشدنی", m.rules_not_computable.into(), not_computable);
        }
        None => problems.push("در «checks.csv» شمارِ گذشته، ناموفق یا محاسبه‌نشدنی ردیفی عدد نیست.".into()),
    }
    if !kinds_ok {
        problems.push(format!("در فایل‌های CSV ردیفی هست که با نوع بسته ({kind}) نمی‌خواند."));
    }
    let Some(tables) = m.files.iter().find(|f| f.name.ends_with(".xlsx")).and_then(|f| contents.get(&f.name)) else {
        return;
    };
    if let Err(GuardError::Excess(excess)) = check_workbook(std::io::Cursor::new(tables.as_slice())) {
        problems.push(format!("کارپوشهٔ جدول‌ها خوانده نشد چون {excess}."));
        return;
    }
    use calamine::Reader;
    match calamine::Xlsx::new(std::io::Cursor::new(tables.as_slice())) {
        Ok(book) => {
            let sheets: BTreeSet<String> = book.sheet_names().into_iter().collect();
            mismatch(problems, "جدول", m.tables.into(), sheets.len() as u64);
            let absent: Vec<String> = data_tables.difference(&sheets).take(10).cloned().collect();
            if !absent.is_empty() {
                problems.push(format!(
                    "جدول‌های {} در data.csv هستند و در کارپوشهٔ جدول‌ها نیستند.",
                    fa::quoted_list(&absent)
                ));
            }
        }
        Err(_) => problems.push("کارپوشهٔ جدول‌ها باز نشد: فایل xlsx درستی نیست.".into()),
    }
}
