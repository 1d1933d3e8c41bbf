//! The workbook sent to each agency: only its items, one RTL sheet a table, labels locked,
//! input cells unlocked and shaded with data validation, last year's values beside them, a
//! notes column, Persian instructions, and a hidden identity sheet that intake checks.

use super::model::{ItemKind, Template, TemplateItem, TemplateTable};
use super::state::{advance, ReviewState};
use super::{template_of, values, AccountsError};
use crate::agencies::{self, Agency};
use crate::fa;
use crate::issued::{write_identity_sheet, write_sheet_mark, Stamp, GUIDE_SHEET};
use crate::sheets::style::{self, bordered, print_setup, wrapped_height};
use crate::store::{record_audit, AuditEntry, Store};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The list of findings at the front of a feedback workbook.
pub const FINDINGS_SHEET: &str = "ایرادها";
/// The header of the item-code column; intake finds each table's rows below it.
pub const CODE_HEADER: &str = "کد قلم";
/// Columns of a table sheet (0-based): code, row, column, unit, value, last year, note.
pub const VALUE_COLUMN: u16 = 4;
pub const PREVIOUS_COLUMN: u16 = 5;
pub const NOTE_COLUMN: u16 = 6;
pub const FIRST_ITEM_ROW: u32 = 4;

/// What the identity sheet of a generated workbook says: the template, then the stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkbookIdentity {
    pub template_code: String,
    pub template_version: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// The labels of the template's fields on the identity sheet, above the stamp's.
pub(super) const IDENTITY_LABELS: [&str; 2] = ["کد الگو", "نسخهٔ الگو"];

impl WorkbookIdentity {
    /// The digest over the template and the stamp: a hand-edited identity sheet no longer matches it.
    pub fn compute_digest(&self) -> String {
        self.stamp.digest_over("daftar-ra-workbook-v1", &[&self.template_code, &self.template_version])
    }
}

/// One workbook written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GeneratedWorkbook {
    pub agency_code: String,
    pub agency_name: String,
    pub file_name: String,
    pub path: String,
    pub tables: u32,
    pub items: u32,
}

/// Write one workbook per agency with items (or only `agency_codes`) into `out_dir`.
pub fn generate_workbooks(
    store: &mut Store,
    year: i32,
    out_dir: &Path,
    agency_codes: &[String],
) -> Result<Vec<GeneratedWorkbook>, AccountsError> {
    write_agency_workbooks(store, year, out_dir, agency_codes, &HashMap::new())
}

/// Messages to show on items of a feedback workbook: item code -> messages.
pub(super) type Marks = HashMap<String, Vec<String>>;

/// The workbooks, with the cells of `marks` coloured and commented (feedback) when given.
pub(super) fn write_agency_workbooks(
    store: &mut Store,
    year: i32,
    out_dir: &Path,
    agency_codes: &[String],
    marks: &Marks,
) -> Result<Vec<GeneratedWorkbook>, AccountsError> {
    let template = template_of(store, year)?;
    let province = store.province()?;
    let previous = values::current_values(store.conn(), year - 1)?;
    let current = values::current_values(store.conn(), year)?;
    let mut by_agency: HashMap<String, Vec<&TemplateItem>> = HashMap::new();
    for item in &template.items {
        if let Some(code) = &item.agency_code {
            by_agency.entry(code.clone()).or_default().push(item);
        }
    }
    let mut agencies: Vec<Agency> = agencies::list(store, "", true)?
        .into_iter()
        .filter(|a| by_agency.contains_key(&a.code))
        .filter(|a| agency_codes.is_empty() || agency_codes.iter().any(|c| crate::fa::to_latin_digits(c) == a.code))
        .collect();
    agencies.sort_by(|a, b| a.code.cmp(&b.code));
    if !agency_codes.is_empty() && agencies.is_empty() {
        return Err(AccountsError::NothingToGenerate { year });
    }
    std::fs::create_dir_all(out_dir)
        .map_err(|e| AccountsError::Write { path: out_dir.display().to_string(), detail: e.to_string() })?;
    let mut written = Vec::new();
    for agency in &agencies {
        let items = &by_agency[&agency.code];
        let mut identity = WorkbookIdentity {
            template_code: template.code.clone(),
            template_version: template.version.clone(),
            stamp: Stamp::new(store.conn(), year, &agency.code, &agency.name)?,
        };
        identity.stamp.digest = identity.compute_digest();
        let short = if agency.short_name.is_empty() { &agency.name } else { &agency.short_name };
        let kind = if marks.is_empty() {
            "حساب‌های منطقه‌ای"
        } else {
            "بازخورد حساب‌های منطقه‌ای"
        };
        let file_name =
            crate::sheets::safe_file_name(&format!("{kind} {} - {} {}.xlsx", fa::int(year), agency.code, short));
        let path: PathBuf = out_dir.join(&file_name);
        let context = Context {
            template: &template,
            province: &province.province,
            office: &province.office,
            previous: &previous,
            current: &current,
            marks,
        };
        let tables = write_workbook(&path, &context, agency, items, &identity)
            .map_err(|e| AccountsError::Write { path: path.display().to_string(), detail: e.to_string() })?;
        store.write(|tx, actor| {
            tx.execute(
                "INSERT INTO ra_workbook_issued (year, agency_id, template_version, digest, generated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![year, agency.id, identity.template_version, identity.stamp.digest, identity.stamp.generated_at],
            )?;
            let mut parts: Vec<(i64, String)> = items.iter().map(|i| (agency.id, i.table_code.clone())).collect();
            parts.dedup();
            advance(tx, actor, year, &parts, ReviewState::Requested, ReviewState::Requested)?;
            record_audit(tx, actor, &AuditEntry::new("ra_workbook", &agency.code, "generate").new_value(&identity))?;
            Ok::<_, AccountsError>(())
        })?;
        written.push(GeneratedWorkbook {
            agency_code: agency.code.clone(),
            agency_name: agency.name.clone(),
            file_name,
            path: path.display().to_string(),
            tables,
            items: items.len() as u32,
        });
    }
    Ok(written)
}

struct Context<'a> {
    template: &'a Template,
    province: &'a str,
    office: &'a str,
    previous: &'a HashMap<String, values::StoredValue>,
    current: &'a HashMap<String, values::StoredValue>,
    marks: &'a Marks,
}

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    label: Format,
    code: Format,
    previous: Format,
    note: Format,
    guide: Format,
    guide_title: Format,
}

impl Styles {
    fn new() -> Self {
        Self {
            title: style::title(),
            subtitle: style::persian(Format::new().set_font_color("#52606D").set_align(FormatAlign::Right)),
            header: style::header(),
            label: style::label(),
            code: bordered(
                Format::new().set_font_color("#52606D").set_font_size(9).set_align(FormatAlign::VerticalCenter),
            ),
            previous: bordered(Format::new().set_font_color("#52606D").set_num_format("#,##0.##")),
            note: bordered(style::persian(
                Format::new().set_unlocked().set_background_color("#FFF7D6").set_text_wrap(),
            )),
            guide: style::persian(
                Format::new().set_text_wrap().set_align(FormatAlign::Right).set_align(FormatAlign::Top),
            ),
            guide_title: style::persian(
                Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Right).set_text_wrap(),
            ),
        }
    }

    fn input(&self, item: &TemplateItem) -> Format {
        let format = style::input();
        match item.kind {
            ItemKind::Text => format.set_text_wrap(),
            _ if item.decimals == 0 => format.set_num_format("#,##0"),
            _ => format.set_num_format(format!("#,##0.{}", "0".repeat(item.decimals.into()))),
        }
    }
}

fn validation(item: &TemplateItem) -> Result<DataValidation, XlsxError> {
    let base = match item.kind {
        ItemKind::Integer => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(-2_000_000_000, 2_000_000_000))
            .set_error_message("در این خانه فقط عدد صحیح (بدون اعشار) بنویسید.")?,
        ItemKind::Percent => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
            .set_error_message("درصد باید عددی از ۰ تا ۱۰۰ باشد.")?,
        ItemKind::Number => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
            .set_error_message("در این خانه فقط عدد بنویسید.")?,
        ItemKind::Text => DataValidation::new()
            .allow_text_length(DataValidationRule::LessThanOrEqualTo(500))
            .set_error_message("متن بیش از ۵۰۰ نویسه است.")?,
    };
    // A warning, not a stop: numbers typed as Persian text are read by Daftar all the same.
    base.set_error_style(DataValidationErrorStyle::Warning).set_error_title("مقدار نادرست")
}

fn write_workbook(
    path: &Path,
    context: &Context,
    agency: &Agency,
    items: &[&TemplateItem],
    identity: &WorkbookIdentity,
) -> Result<u32, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let year = fa::int(identity.stamp.year);
    let guide = workbook.add_worksheet();
    guide.set_name(GUIDE_SHEET)?.set_right_to_left(true).set_column_width(0, style::GUIDE_WIDTH)?;
    write_guide(guide, &styles, context, agency, items, &year)?;
    let findings: Vec<(&TemplateItem, &Vec<String>)> =
        items.iter().filter_map(|i| context.marks.get(&i.code).map(|m| (*i, m))).collect();
    if !findings.is_empty() {
        write_findings(workbook.add_worksheet(), &styles, &findings)?;
    }
    let mut tables = 0;
    for table in &context.template.tables {
        let rows: Vec<&TemplateItem> = items.iter().copied().filter(|i| i.table_code == table.code).collect();
        if rows.is_empty() {
            continue;
        }
        tables += 1;
        let sheet = workbook.add_worksheet();
        write_table(sheet, &styles, context, agency, table, &rows, &identity.stamp)?;
    }
    let [code_label, version_label] = IDENTITY_LABELS;
    let own = [(code_label, identity.template_code.as_str()), (version_label, identity.template_version.as_str())];
    write_identity_sheet(&mut workbook, &own, &identity.stamp)?;
    workbook.save(path)?;
    Ok(tables)
}

/// The sheet of a feedback workbook that lists what to fix, item by item.
fn write_findings(
    sheet: &mut Worksheet,
    styles: &Styles,
    findings: &[(&TemplateItem, &Vec<String>)],
) -> Result<(), XlsxError> {
    sheet.set_name(FINDINGS_SHEET)?.set_right_to_left(true).set_tab_color("#C0392B");
    for (c, h) in [CODE_HEADER, "جدول", "سطر / ستون", "ایراد و راه درست کردن آن"].iter().enumerate()
    {
        sheet.write_string_with_format(0, c as u16, *h, &styles.header)?;
    }
    for (r, (item, messages)) in findings.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.set_row_height(r, wrapped_height(&messages.join("\n"), 85))?;
        sheet.write_string_with_format(r, 0, &item.code, &styles.code)?;
        sheet.write_string_with_format(r, 1, &item.table_code, &styles.label)?;
        sheet.write_string_with_format(r, 2, format!("{} / {}", item.row_label, item.col_label), &styles.label)?;
        sheet.write_string_with_format(r, 3, messages.join("\n"), &styles.label)?;
    }
    for (c, width) in [18.0, 8.0, 36.0, 90.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    print_setup(sheet, true, Some((0, 0)))?;
    sheet.protect();
    Ok(())
}

/// One table's sheet: its title, a header row and one row per item of the agency.
fn write_table(
    sheet: &mut Worksheet,
    styles: &Styles,
    context: &Context,
    agency: &Agency,
    table: &TemplateTable,
    rows: &[&TemplateItem],
    stamp: &Stamp,
) -> Result<(), XlsxError> {
    let (this_year, previous_year) = (fa::int(stamp.year), fa::int(stamp.year - 1));
    sheet.set_name(&table.code)?.set_right_to_left(true).set_tab_color("#1F6F5C");
    sheet.merge_range(0, 0, 0, NOTE_COLUMN, &format!("{} — {}", table.code, table.title), &styles.title)?;
    write_sheet_mark(sheet, stamp)?;
    let unit = if table.unit.is_empty() { String::new() } else { format!("واحد: {} · ", table.unit) };
    let subtitle = format!("{unit}استان {} · سال {this_year} · {}", context.province, agency.name);
    sheet.merge_range(1, 0, 1, NOTE_COLUMN, &subtitle, &styles.subtitle)?;
    let headers = [
        CODE_HEADER.to_string(),
        "سطر".into(),
        "ستون".into(),
        "واحد".into(),
        format!("مقدار {this_year}"),
        format!("مقدار {previous_year} (برای مقایسه)"),
        "یادداشت".into(),
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(FIRST_ITEM_ROW - 1, c as u16, h, &styles.header)?;
    }
    sheet.set_row_height(0, 24)?;
    sheet.set_row_height(FIRST_ITEM_ROW - 1, 32)?;
    for (offset, item) in rows.iter().enumerate() {
        write_item_row(sheet, styles, context, FIRST_ITEM_ROW + offset as u32, item)?;
    }
    // The code column as wide as the longest code (small type), so that no code is cut.
    let code_width = rows.iter().map(|i| i.code.chars().count()).max().unwrap_or(0) as f64 * 0.85 + 2.0;
    for (c, width) in [code_width.max(16.0), 38.0, 22.0, 14.0, 18.0, 18.0, 30.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(FIRST_ITEM_ROW, 0)?;
    print_setup(sheet, true, Some((FIRST_ITEM_ROW - 1, FIRST_ITEM_ROW - 1)))?;
    sheet.protect();
    Ok(())
}

/// An item's row: labels locked; its value (marked when feedback names it), last year's and a note.
fn write_item_row(
    sheet: &mut Worksheet,
    styles: &Styles,
    context: &Context,
    r: u32,
    item: &TemplateItem,
) -> Result<(), XlsxError> {
    let label_height = wrapped_height(&item.row_label, 36).max(wrapped_height(&item.col_label, 20));
    if label_height > 20.0 {
        sheet.set_row_height(r, label_height)?;
    }
    sheet.write_string_with_format(r, 0, &item.code, &styles.code)?;
    sheet.write_string_with_format(r, 1, &item.row_label, &styles.label)?;
    sheet.write_string_with_format(r, 2, &item.col_label, &styles.label)?;
    sheet.write_string_with_format(r, 3, &item.unit, &styles.label)?;
    let marked = context.marks.get(&item.code);
    let input = match marked {
        Some(_) => styles.input(item).set_background_color("#F8D7DA").set_border_color("#C0392B"),
        None => styles.input(item),
    };
    if let Some(messages) = marked {
        let note = rust_xlsxwriter::Note::new(messages.join("\n")).set_author("دفتر").set_width(360).set_height(120);
        sheet.insert_note(r, VALUE_COLUMN, &note)?;
    }
    match context.current.get(&item.code) {
        Some(v) if v.number.is_some() => {
            sheet.write_number_with_format(r, VALUE_COLUMN, v.number.unwrap_or_default(), &input)?
        }
        Some(v) if v.text.is_some() => {
            sheet.write_string_with_format(r, VALUE_COLUMN, v.text.as_deref().unwrap_or_default(), &input)?
        }
        _ => sheet.write_blank(r, VALUE_COLUMN, &input)?,
    };
    match context.previous.get(&item.code).and_then(|v| v.number) {
        Some(n) => sheet.write_number_with_format(r, PREVIOUS_COLUMN, n, &styles.previous)?,
        None => sheet.write_blank(r, PREVIOUS_COLUMN, &styles.previous)?,
    };
    let note = context.current.get(&item.code).map(|v| v.note.as_str()).unwrap_or_default();
    sheet.write_string_with_format(r, NOTE_COLUMN, note, &styles.note)?;
    sheet.add_data_validation(r, VALUE_COLUMN, r, VALUE_COLUMN, &validation(item)?)?;
    Ok(())
}

fn write_guide(
    sheet: &mut Worksheet,
    styles: &Styles,
    context: &Context,
    agency: &Agency,
    items: &[&TemplateItem],
    year: &str,
) -> Result<(), XlsxError> {
    let lines = [
        format!("کارپوشهٔ آمار حساب‌های منطقه‌ای سال {year} — {}", agency.name),
        format!(
            "این کارپوشه را {} برای «{}» ساخته است و {} قلم آماری دارد که تأمین آن‌ها با دستگاه شماست.",
            context.office,
            agency.name,
            fa::count(items.len())
        ),
        "۱. در هر برگه (یک برگه برای هر جدول) فقط خانه‌های زردرنگ ستون «مقدار» و «یادداشت» را پر کنید؛ بقیهٔ خانه‌ها قفل‌اند.".into(),
        "۲. عددها را با رقم فارسی یا لاتین بنویسید؛ جداکنندهٔ هزارگان لازم نیست. اگر مقداری در دسترس نیست، خانه را خالی بگذارید و دلیل را در «یادداشت» بنویسید.".into(),
        "۳. ستون «مقدار سال پیش» برای مقایسه است؛ اگر تغییر زیادی دارید، علت را در «یادداشت» توضیح دهید.".into(),
        "۴. نام برگه‌ها، کد اقلام و ترتیب ستون‌ها را تغییر ندهید و برگه‌ای نیفزایید یا پاک نکنید؛ دفتر اقلام را با کدشان می‌شناسد.".into(),
        format!("۵. کارپوشهٔ تکمیل‌شده را همان‌گونه که هست به {} بفرستید.", context.office),
        format!("شناسهٔ کارپوشه: کد دستگاه {} · استان {}", agency.code, context.province),
    ];
    sheet.write_string_with_format(0, 0, &lines[0], &styles.guide_title)?;
    sheet.set_row_height(0, wrapped_height(&lines[0], style::GUIDE_WIDTH as usize / 2 - 4) * 1.4)?;
    for (r, line) in lines.iter().enumerate().skip(1) {
        sheet.write_string_with_format(r as u32 + 1, 0, line, &styles.guide)?;
        sheet.set_row_height(r as u32 + 1, wrapped_height(line, style::GUIDE_WIDTH as usize - 8))?;
    }
    print_setup(sheet, false, None)?;
    sheet.set_active(true);
    Ok(())
}
