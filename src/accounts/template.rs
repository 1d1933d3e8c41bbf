//! Reading the template workbook (docs/formats/template.md) and putting it in the province
//! file. A revised template for the same year replaces the tables, items and rules; values
//! and assignments are keyed by item code, so unchanged items keep theirs.

use super::model::{ItemKind, Severity, Template, TemplateItem, TemplateRule, TemplateTable};
use super::rules::{parse_rule, Expr};
use super::AccountsError;
use crate::agencies;
use crate::fa::{normalize_text, parse_number};
use crate::issued::sha256_hex;
use crate::sheets::{CellProblem, Column, Header, SheetRow, WorkbookReader};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use ts_rs::TS;

const MAX_ROWS: usize = 20_000;

const META_SHEET: &[&str] = &["مشخصات", "meta"];
const TABLES_SHEET: &[&str] = &["جداول", "tables"];
const ITEMS_SHEET: &[&str] = &["اقلام", "items"];
const RULES_SHEET: &[&str] = &["قواعد", "rules"];

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum T {
    Code,
    Title,
    Unit,
    Notes,
}
const TABLE_COLUMNS: &[Column<T>] = &[
    Column { field: T::Code, name: "کد جدول", aliases: &["کد"] },
    Column { field: T::Title, name: "عنوان", aliases: &["عنوان جدول"] },
    Column { field: T::Unit, name: "واحد", aliases: &[] },
    Column { field: T::Notes, name: "یادداشت", aliases: &["توضیح", "توضیحات"] },
];

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum I {
    Table,
    Code,
    Row,
    Col,
    Unit,
    Kind,
    Decimals,
    Required,
    Agency,
}
const ITEM_COLUMNS: &[Column<I>] = &[
    Column { field: I::Table, name: "کد جدول", aliases: &["جدول"] },
    Column { field: I::Code, name: "کد قلم", aliases: &["کد"] },
    Column { field: I::Row, name: "عنوان سطر", aliases: &["سطر"] },
    Column { field: I::Col, name: "عنوان ستون", aliases: &["ستون"] },
    Column { field: I::Unit, name: "واحد", aliases: &[] },
    Column { field: I::Kind, name: "نوع", aliases: &[] },
    Column { field: I::Decimals, name: "اعشار", aliases: &["رقم اعشار"] },
    Column { field: I::Required, name: "الزامی", aliases: &[] },
    Column {
        field: I::Agency, name: "کد دستگاه متولی", aliases: &["دستگاه متولی", "کد دستگاه"]
    },
];

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum R {
    Code,
    Expression,
    Severity,
    Message,
}
const RULE_COLUMNS: &[Column<R>] = &[
    Column { field: R::Code, name: "کد", aliases: &["کد قاعده"] },
    Column { field: R::Expression, name: "عبارت", aliases: &["قاعده"] },
    Column { field: R::Severity, name: "شدت", aliases: &[] },
    Column { field: R::Message, name: "پیام", aliases: &[] },
];

/// What importing a template did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateImportReport {
    /// The year the template was filed under.
    pub year: i32,
    /// The year written in the file: differs from `year` only when the person chose another.
    pub file_year: i32,
    pub version: String,
    pub previous_version: Option<String>,
    /// The same file was imported before: nothing changed.
    pub unchanged: bool,
    pub tables: u32,
    pub items: u32,
    pub rules: u32,
    pub added_items: Vec<String>,
    pub removed_items: Vec<String>,
    /// Removed items that had values: the values stay in the file's history.
    pub removed_with_values: u32,
    pub assigned_from_template: u32,
    pub warnings: Vec<String>,
}

/// An item or table code: a letter, then letters, digits, «_» and «.».
fn valid_code(code: &str) -> bool {
    code.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

fn code_of(text: &str) -> String {
    normalize_text(text).to_ascii_uppercase()
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match crate::fa::comparison_key(text).as_str() {
        "" | "بله" | "آری" | "1" | "true" | "yes" => Some(true),
        "خیر" | "نه" | "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

struct Reading<'a> {
    workbook: &'a mut WorkbookReader,
    problems: Vec<CellProblem>,
}

impl Reading<'_> {
    fn sheet(&mut self, names: &[&str]) -> Result<(String, Vec<SheetRow>), AccountsError> {
        let sheet = self.workbook.find_sheet(names).ok_or_else(|| AccountsError::MissingSheet {
            file: self.workbook.file_name().to_string(),
            sheet: names[0].to_string(),
        })?;
        let rows = self.workbook.rows(&sheet, MAX_ROWS)?;
        Ok((sheet, rows))
    }

    /// The header and data rows of a sheet, refusing it if required columns are missing.
    fn table<F: Copy + Eq + std::hash::Hash>(
        &mut self,
        names: &[&str],
        spec: &[Column<F>],
        required: &[F],
    ) -> Result<(Header<F>, Vec<SheetRow>), AccountsError> {
        let (sheet, rows) = self.sheet(names)?;
        Header::split(&rows, &sheet, spec, required).map(|(h, data)| (h, data.to_vec())).map_err(|m| {
            AccountsError::MissingColumns {
                file: self.workbook.file_name().to_string(),
                sheet,
                missing: m.missing,
                found: m.found,
            }
        })
    }
}

/// Read and check a template workbook; every problem is named by sheet, row and column.
pub fn parse_template(path: &Path) -> Result<Template, AccountsError> {
    let mut workbook = WorkbookReader::open(path)?;
    let file = workbook.file_name().to_string();
    let mut reading = Reading { workbook: &mut workbook, problems: Vec::new() };
    let Meta { year, code, version, title } = reading.meta()?;
    let (tables, table_codes) = reading.tables()?;
    let items = reading.items(&table_codes)?;
    let rules = reading.rules(&items)?;
    if !reading.problems.is_empty() {
        return Err(AccountsError::InvalidTemplate { file, problems: reading.problems });
    }
    Ok(Template { code, year, version, title, tables, items, rules })
}

/// What the «مشخصات» sheet says about the template.
struct Meta {
    year: i32,
    code: String,
    version: String,
    title: String,
}

impl Reading<'_> {
    /// «مشخصات»: key in column A, value in column B.
    fn meta(&mut self) -> Result<Meta, AccountsError> {
        let (meta_sheet, meta_rows) = self.sheet(META_SHEET)?;
        let meta = |key: &str| -> Option<(SheetRow, String)> {
            meta_rows
                .iter()
                .find(|r| crate::fa::comparison_key(&r.cell(0).as_text()) == crate::fa::comparison_key(key))
                .map(|r| (r.clone(), normalize_text(&r.cell(1).as_text())))
        };
        let meta_problem = |row: u32, message: String| CellProblem {
            sheet: Some(meta_sheet.clone()),
            row,
            column: "B".into(),
            header: String::new(),
            message,
        };
        let mut year = 0;
        match meta("سال") {
            Some((row, text)) => match parse_number(&text) {
                Ok(v) if v.fract() == 0.0 && (1300.0..=1500.0).contains(&v) => year = v as i32,
                _ => self
                    .problems
                    .push(meta_problem(row.number, format!("سال «{text}» باید سالی شمسی مانند ۱۴۰۳ باشد."))),
            },
            None => self.problems.push(meta_problem(1, "ردیفی با «سال» در ستون A نیست؛ سال الگو را بنویسید.".into())),
        }
        let mut text_of = |key: &str| -> String {
            match meta(key) {
                Some((_, value)) if !value.is_empty() => value,
                found => {
                    let row = found.map(|(r, _)| r.number).unwrap_or(1);
                    self.problems.push(meta_problem(row, format!("«{key}» الگو نوشته نشده است.")));
                    String::new()
                }
            }
        };
        Ok(Meta { code: text_of("کد الگو"), version: text_of("نسخه"), title: text_of("عنوان"), year })
    }

    /// The tables, and the codes that are valid and unique (items may name only those).
    fn tables(&mut self) -> Result<(Vec<TemplateTable>, HashSet<String>), AccountsError> {
        let (header, rows) = self.table(TABLES_SHEET, TABLE_COLUMNS, &[T::Code, T::Title])?;
        let mut tables = Vec::new();
        let mut table_codes = HashSet::new();
        for row in &rows {
            let mut problem = |field, message: String| self.problems.push(header.problem(row, field, message));
            let code = code_of(&header.text(row, T::Code));
            let title = normalize_text(&header.text(row, T::Title));
            if !valid_code(&code) {
                problem(
                    T::Code,
                    format!("کد جدول «{code}» باید با حرف لاتین آغاز شود و فقط حرف، رقم، «_» و «.» داشته باشد."),
                );
            } else if !table_codes.insert(code.clone()) {
                problem(T::Code, format!("کد جدول «{code}» دوبار آمده است."));
            }
            if title.is_empty() {
                problem(T::Title, "عنوان جدول را بنویسید.".into());
            }
            tables.push(TemplateTable {
                code,
                title,
                unit: normalize_text(&header.text(row, T::Unit)),
                notes: normalize_text(&header.text(row, T::Notes)),
            });
        }
        Ok((tables, table_codes))
    }

    fn items(&mut self, table_codes: &HashSet<String>) -> Result<Vec<TemplateItem>, AccountsError> {
        let (header, rows) = self.table(ITEMS_SHEET, ITEM_COLUMNS, &[I::Table, I::Code, I::Row, I::Kind])?;
        let mut items = Vec::new();
        let mut item_codes = HashSet::new();
        for row in &rows {
            let mut problem = |field, message: String| self.problems.push(header.problem(row, field, message));
            let table_code = code_of(&header.text(row, I::Table));
            let code = code_of(&header.text(row, I::Code));
            if !table_codes.contains(&table_code) {
                problem(I::Table, format!("جدول «{table_code}» در برگهٔ جداول نیست."));
            }
            if !valid_code(&code) {
                problem(
                    I::Code,
                    format!("کد قلم «{code}» باید با حرف لاتین آغاز شود و فقط حرف، رقم، «_» و «.» داشته باشد."),
                );
            } else if !item_codes.insert(code.clone()) {
                problem(I::Code, format!("کد قلم «{code}» دوبار آمده است؛ هر قلم کد یکتا دارد."));
            }
            items.push(item_of_row(code, table_code, &header, row, &mut problem));
        }
        Ok(items)
    }

    fn rules(&mut self, items: &[TemplateItem]) -> Result<Vec<TemplateRule>, AccountsError> {
        let (header, rows) =
            self.table(RULES_SHEET, RULE_COLUMNS, &[R::Code, R::Expression, R::Severity, R::Message])?;
        let mut rules = Vec::new();
        let mut rule_codes = HashSet::new();
        for row in &rows {
            let mut problem = |field, message: String| self.problems.push(header.problem(row, field, message));
            let code = code_of(&header.text(row, R::Code));
            if code.is_empty() {
                problem(R::Code, "کد قاعده را بنویسید.".into());
            } else if !rule_codes.insert(code.clone()) {
                problem(R::Code, format!("کد قاعدهٔ «{code}» دوبار آمده است."));
            }
            let expression = normalize_text(&header.text(row, R::Expression));
            if expression.is_empty() {
                problem(R::Expression, "عبارت قاعده خالی است.".into());
            }
            let severity_text = header.text(row, R::Severity);
            let severity = Severity::from_persian(&severity_text).unwrap_or_else(|| {
                problem(R::Severity, format!("شدت «{severity_text}» شناخته نیست؛ «خطا» یا «هشدار» بنویسید."));
                Severity::Error
            });
            let message = normalize_text(&header.text(row, R::Message));
            if message.is_empty() {
                problem(R::Message, "پیام قاعده را بنویسید؛ کارشناس دستگاه آن را می‌خواند.".into());
            }
            rules.push(TemplateRule { code, expression, severity, message });
        }
        check_rule_references(&header, &rows, &rules, items, &mut self.problems);
        Ok(rules)
    }
}

/// The rest of an item's row (label, kind, decimals, required, supplier); what is wrong in it
/// goes to `problem`.
fn item_of_row(
    code: String,
    table_code: String,
    header: &Header<I>,
    row: &SheetRow,
    problem: &mut dyn FnMut(I, String),
) -> TemplateItem {
    let row_label = normalize_text(&header.text(row, I::Row));
    if row_label.is_empty() {
        problem(I::Row, "عنوان سطر را بنویسید.".into());
    }
    let kind_text = header.text(row, I::Kind);
    let kind = ItemKind::from_persian(&kind_text).unwrap_or_else(|| {
        problem(
            I::Kind,
            format!("نوع «{kind_text}» شناخته نیست؛ یکی از «عدد»، «عدد صحیح»، «درصد» یا «متن» را بنویسید."),
        );
        ItemKind::Number
    });
    let decimals_text = header.text(row, I::Decimals);
    let decimals = if decimals_text.trim().is_empty() {
        0
    } else {
        match parse_number(&decimals_text) {
            Ok(v) if v.fract() == 0.0 && (0.0..=6.0).contains(&v) => v as u8,
            _ => {
                problem(I::Decimals, format!("تعداد رقم اعشار «{decimals_text}» باید عددی از ۰ تا ۶ باشد."));
                0
            }
        }
    };
    let required_text = header.text(row, I::Required);
    let required = parse_yes_no(&required_text).unwrap_or_else(|| {
        problem(I::Required, format!("«{required_text}» را نمی‌فهمم؛ «بله» یا «خیر» بنویسید."));
        true
    });
    let agency = crate::fa::to_latin_digits(&normalize_text(&header.text(row, I::Agency)));
    TemplateItem {
        code,
        table_code,
        row_label,
        col_label: normalize_text(&header.text(row, I::Col)),
        unit: normalize_text(&header.text(row, I::Unit)),
        kind,
        decimals: if kind == ItemKind::Integer { 0 } else { decimals },
        required,
        agency_code: Some(agency).filter(|a| !a.is_empty()),
    }
}

/// Every rule must parse and name only items of the template; a range must run forward
/// within one table.
fn check_rule_references(
    header: &Header<R>,
    rows: &[SheetRow],
    rules: &[TemplateRule],
    items: &[TemplateItem],
    problems: &mut Vec<CellProblem>,
) {
    let position: std::collections::HashMap<&str, (usize, &str)> =
        items.iter().enumerate().map(|(i, item)| (item.code.as_str(), (i, item.table_code.as_str()))).collect();
    for (row, rule) in rows.iter().zip(rules) {
        if rule.expression.is_empty() {
            continue;
        }
        let expr = match parse_rule(&rule.expression) {
            Ok(expr) => expr,
            Err(e) => {
                problems.push(header.problem(row, R::Expression, format!("قاعدهٔ «{}» خوانده نشد: {e}", rule.code)));
                continue;
            }
        };
        let mut referenced = Vec::new();
        expr.items(&mut referenced);
        for code in referenced.iter().filter(|c| !position.contains_key(**c)) {
            problems.push(header.problem(
                row,
                R::Expression,
                format!("قاعدهٔ «{}» به قلم «{code}» اشاره دارد که در برگهٔ اقلام نیست.", rule.code),
            ));
        }
        let mut ranges = Vec::new();
        collect_ranges(&expr, &mut ranges);
        for (from, to) in ranges {
            if let (Some((a, ta)), Some((b, tb))) = (position.get(from.as_str()), position.get(to.as_str())) {
                if ta != tb || a > b {
                    problems.push(header.problem(
                        row,
                        R::Expression,
                        format!(
                            "بازهٔ «{from} .. {to}» در قاعدهٔ «{}» باید درون یک جدول و از بالا به پایین باشد.",
                            rule.code
                        ),
                    ));
                }
            }
        }
    }
}

fn collect_ranges(expr: &Expr, out: &mut Vec<(String, String)>) {
    match expr {
        Expr::SumRange(a, b) => out.push((a.clone(), b.clone())),
        Expr::Neg(e) | Expr::Not(e) | Expr::Abs(e) => collect_ranges(e, out),
        Expr::Binary(a, _, b) | Expr::Compare(a, _, b, _) | Expr::And(a, b) | Expr::Or(a, b) | Expr::Implies(a, b) => {
            collect_ranges(a, out);
            collect_ranges(b, out);
        }
        Expr::Sum(list) => list.iter().for_each(|e| collect_ranges(e, out)),
        Expr::Between(x, lo, hi) => [x, lo, hi].iter().for_each(|e| collect_ranges(e, out)),
        _ => {}
    }
}

/// Import (or revise) the template of the year written in it.
pub fn import_template(store: &mut Store, path: &Path) -> Result<TemplateImportReport, AccountsError> {
    let template = parse_template(path)?;
    let file_year = template.year;
    import_parsed(store, template, file_year, path)
}

/// Import (or revise) a template read from `path` as the template of `template.year`, which
/// the caller may have set to a year other than the one written in the file (the person said so).
pub(super) fn import_parsed(
    store: &mut Store,
    template: Template,
    file_year: i32,
    path: &Path,
) -> Result<TemplateImportReport, AccountsError> {
    let bytes = std::fs::read(path)
        .map_err(|e| crate::sheets::SheetError::Io { file: path.display().to_string(), detail: e.to_string() })?;
    let digest = sha256_hex(&bytes);
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let agencies_by_code: HashMap<String, i64> =
        agencies::list(store, "", true)?.into_iter().map(|a| (a.code, a.id)).collect();

    store.write(|tx, actor| {
        let year = template.year;
        let previous: Option<(String, String)> = tx
            .query_row("SELECT version, file_sha256 FROM ra_template WHERE year = ?1", [year], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let mut report = TemplateImportReport {
            year,
            file_year,
            version: template.version.clone(),
            previous_version: previous.as_ref().map(|(v, _)| v.clone()),
            unchanged: false,
            tables: template.tables.len() as u32,
            items: template.items.len() as u32,
            rules: template.rules.len() as u32,
            added_items: vec![],
            removed_items: vec![],
            removed_with_values: 0,
            assigned_from_template: 0,
            warnings: vec![],
        };
        if previous.as_ref().is_some_and(|(_, sha)| *sha == digest) {
            report.unchanged = true;
            return Ok(report);
        }
        compare_items(tx, &template, previous.is_some(), &mut report)?;
        tx.execute("DELETE FROM ra_template WHERE year = ?1", [year])?; // cascades to tables, items, rules
        tx.execute(
            "INSERT INTO ra_template (year, code, version, title, file_name, file_sha256, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![year, template.code, template.version, template.title, file_name, digest, crate::store::now_iso()],
        )?;
        insert_tables(tx, &template)?;
        insert_items(tx, &template, &agencies_by_code, &mut report)?;
        insert_rules(tx, &template)?;
        let action = if previous.is_some() { "revise" } else { "import" };
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ra_template", &year.to_string(), action)
                .old(previous.as_ref().map(|(v, _)| v))
                .new_value(&report),
        )?;
        Ok(report)
    })
}

/// A revision: the items it adds and removes, and how many removed ones had values.
fn compare_items(
    conn: &Connection,
    template: &Template,
    revision: bool,
    report: &mut TemplateImportReport,
) -> rusqlite::Result<()> {
    let year = template.year;
    let old_codes: BTreeSet<String> = item_codes(conn, year)?;
    let new_codes: BTreeSet<String> = template.items.iter().map(|i| i.code.clone()).collect();
    report.added_items = if revision { new_codes.difference(&old_codes).cloned().collect() } else { vec![] };
    report.removed_items = old_codes.difference(&new_codes).cloned().collect();
    for code in &report.removed_items {
        let has_value: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM ra_value WHERE year = ?1 AND item_code = ?2)",
            params![year, code],
            |r| r.get(0),
        )?;
        report.removed_with_values += u32::from(has_value);
    }
    Ok(())
}

fn insert_tables(conn: &Connection, template: &Template) -> rusqlite::Result<()> {
    let year = template.year;
    for (position, t) in template.tables.iter().enumerate() {
        conn.execute(
            "INSERT INTO ra_table (year, code, title, unit, notes, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![year, t.code, t.title, t.unit, t.notes, position as i64],
        )?;
    }
    Ok(())
}

fn insert_rules(conn: &Connection, template: &Template) -> rusqlite::Result<()> {
    let year = template.year;
    for (position, rule) in template.rules.iter().enumerate() {
        conn.execute(
            "INSERT INTO ra_rule (year, code, expression, severity, message, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![year, rule.code, rule.expression, rule.severity.as_str(), rule.message, position as i64],
        )?;
    }
    Ok(())
}

/// The items, each given the supplier the template proposes unless the office assigned one.
fn insert_items(
    conn: &Connection,
    template: &Template,
    agencies_by_code: &HashMap<String, i64>,
    report: &mut TemplateImportReport,
) -> rusqlite::Result<()> {
    let year = template.year;
    for (position, item) in template.items.iter().enumerate() {
        conn.execute(
            "INSERT INTO ra_item (year, code, table_code, row_label, col_label, unit, kind, decimals, required, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                year,
                item.code,
                item.table_code,
                item.row_label,
                item.col_label,
                item.unit,
                item.kind.as_str(),
                item.decimals,
                item.required,
                position as i64
            ],
        )?;
        let assigned: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM ra_assignment WHERE year = ?1 AND item_code = ?2)",
            params![year, item.code],
            |r| r.get(0),
        )?;
        let Some(agency_code) = item.agency_code.as_ref().filter(|_| !assigned) else { continue };
        match agencies_by_code.get(agency_code) {
            Some(agency_id) => {
                conn.execute(
                    "INSERT INTO ra_assignment (year, item_code, agency_id) VALUES (?1, ?2, ?3)",
                    params![year, item.code, agency_id],
                )?;
                report.assigned_from_template += 1;
            }
            None => report.warnings.push(format!(
                "قلم «{}»: دستگاهی با کد «{}» در فهرست دستگاه‌ها نیست؛ قلم بی‌متولی ماند و باید آن را واگذار کنید.",
                item.code,
                crate::fa::code(agency_code)
            )),
        }
    }
    Ok(())
}

fn item_codes(conn: &Connection, year: i32) -> rusqlite::Result<BTreeSet<String>> {
    let mut stmt = conn.prepare("SELECT code FROM ra_item WHERE year = ?1")?;
    let codes = stmt.query_map([year], |r| r.get(0))?.collect();
    codes
}

/// The template of `year` as stored, with each item's current supplier.
pub fn template_of(store: &Store, year: i32) -> Result<Template, AccountsError> {
    let conn = store.conn();
    let (code, version, title): (String, String, String) = conn
        .query_row("SELECT code, version, title FROM ra_template WHERE year = ?1", [year], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or(AccountsError::NoTemplate { year })?;
    let mut stmt = conn.prepare("SELECT code, title, unit, notes FROM ra_table WHERE year = ?1 ORDER BY position")?;
    let tables = stmt
        .query_map([year], |r| {
            Ok(TemplateTable { code: r.get(0)?, title: r.get(1)?, unit: r.get(2)?, notes: r.get(3)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(
        "SELECT i.code, i.table_code, i.row_label, i.col_label, i.unit, i.kind, i.decimals, i.required, a.code
         FROM ra_item i
         LEFT JOIN ra_assignment s ON s.year = i.year AND s.item_code = i.code
         LEFT JOIN agency a ON a.id = s.agency_id
         WHERE i.year = ?1 ORDER BY i.position",
    )?;
    let items = stmt
        .query_map([year], |r| {
            Ok(TemplateItem {
                code: r.get(0)?,
                table_code: r.get(1)?,
                row_label: r.get(2)?,
                col_label: r.get(3)?,
                unit: r.get(4)?,
                kind: ItemKind::from_db(&r.get::<_, String>(5)?),
                decimals: r.get(6)?,
                required: r.get(7)?,
                agency_code: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt =
        conn.prepare("SELECT code, expression, severity, message FROM ra_rule WHERE year = ?1 ORDER BY position")?;
    let rules = stmt
        .query_map([year], |r| {
            Ok(TemplateRule {
                code: r.get(0)?,
                expression: r.get(1)?,
                severity: Severity::from_db(&r.get::<_, String>(2)?),
                message: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Template { code, year, version, title, tables, items, rules })
}
