//! Report tables as an Excel workbook: one right-to-left sheet per table, its title in the
//! first row, a frozen bold header, real numbers with number formats, Persian text in
//! right-to-left reading order, columns sized from their content, an autofilter, and printing
//! on A4 one page wide with the header repeated.

use super::table::{Kind, ReportTable, Value};
use crate::sheets::style::{self, ColumnWidths};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// Excel's limit on a sheet name, and the characters it refuses.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String =
        name.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')).take(28).collect();
    let mut candidate = clean.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{clean} {n}");
        n += 1;
    }
    candidate
}

/// Text longer than this many characters wraps in its cell instead of widening the column.
const WRAP_AT: f64 = 48.0;

/// A printed row about this many characters wide turns the page to landscape.
const PORTRAIT_CHARS: f64 = 95.0;

/// The cell formats of a report workbook, made once for all its sheets.
struct Formats {
    title: Format,
    header: Format,
    text: Format,
    latin: Format,
    code: Format,
    numbers: Vec<Format>,
    changes: Vec<Format>,
}

impl Formats {
    fn new() -> Self {
        let top = |f: Format| f.set_align(FormatAlign::Top);
        Formats {
            title: style::title().set_font_size(13),
            header: style::header(),
            text: style::persian(top(Format::new().set_text_wrap().set_align(FormatAlign::Right))),
            latin: top(Format::new().set_reading_direction(1).set_align(FormatAlign::Left)),
            code: top(Format::new().set_reading_direction(1).set_align(FormatAlign::Center)),
            numbers: (0..=3)
                .map(|d| {
                    let body = if d == 0 { "#,##0".to_string() } else { format!("#,##0.{}", "0".repeat(d)) };
                    Format::new().set_num_format(body)
                })
                .collect(),
            changes: (0..=3)
                .map(|d| {
                    let body = if d == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(d)) };
                    Format::new().set_num_format(format!("+{body};-{body};{body}"))
                })
                .collect(),
        }
    }

    /// One row of values; a totals row is bold on a tinted background. Rows of wrapped text
    /// are made tall enough for their lines.
    fn write_row(
        &self,
        sheet: &mut Worksheet,
        row: u32,
        table: &ReportTable,
        widths: &ColumnWidths,
        values: &[Value],
        total: bool,
    ) -> Result<(), XlsxError> {
        let mut lines = 1;
        for (c, (value, column)) in values.iter().zip(&table.columns).enumerate() {
            let c = c as u16;
            let pick =
                |f: &Format| if total { f.clone().set_bold().set_background_color("#EEF3F1") } else { f.clone() };
            match (value, column.kind) {
                (Value::Empty, _) => {}
                (Value::Text(t), Kind::Latin) => {
                    sheet.write_string_with_format(row, c, t, &pick(&self.latin))?;
                }
                (Value::Text(t), Kind::Code) => {
                    sheet.write_string_with_format(row, c, crate::fa::code(t), &pick(&self.code))?;
                }
                (Value::Text(t), _) => {
                    lines = lines.max(wrapped_lines(t, widths.width(c)));
                    sheet.write_string_with_format(row, c, t, &pick(&self.text))?;
                }
                (Value::Number(n), Kind::Number(d)) => {
                    sheet.write_number_with_format(row, c, *n, &pick(&self.numbers[usize::from(d.min(3))]))?;
                }
                (Value::Number(n), Kind::Change(d)) => {
                    sheet.write_number_with_format(row, c, *n, &pick(&self.changes[usize::from(d.min(3))]))?;
                }
                (Value::Number(n), _) => {
                    sheet.write_number_with_format(row, c, *n, &pick(&Format::new()))?;
                }
            }
        }
        if lines > 1 {
            sheet.set_row_height(row, lines as f64 * 15.0 + 4.0)?;
        }
        Ok(())
    }
}

pub fn workbook(tables: &[ReportTable]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    let mut taken = Vec::new();
    for table in tables {
        let name = sheet_name(&table.sheet, &taken);
        taken.push(name.clone());
        write_table(book.add_worksheet(), &name, table, &formats)?;
    }
    if tables.is_empty() {
        book.add_worksheet();
    }
    book.save_to_buffer()
}

/// One table on its own right-to-left sheet: title, a header row repeated on every printed
/// page, the rows and the totals, columns sized from their content, one page wide.
fn write_table(sheet: &mut Worksheet, name: &str, table: &ReportTable, formats: &Formats) -> Result<(), XlsxError> {
    let widths = column_widths(table);
    sheet.set_name(name)?.set_right_to_left(true);
    sheet.write_string_with_format(0, 0, &table.title, &formats.title)?;
    let header_row = 1u32;
    let header_lines = table
        .columns
        .iter()
        .enumerate()
        .map(|(c, column)| wrapped_lines(&column.title, widths.width(c as u16)))
        .max()
        .unwrap_or(1);
    sheet.set_row_height(header_row, header_lines as f64 * 15.0 + 6.0)?;
    for (c, column) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, &column.title, &formats.header)?;
    }
    widths.apply(sheet)?;
    let mut row = header_row + 1;
    for values in &table.rows {
        formats.write_row(sheet, row, table, &widths, values, false)?;
        row += 1;
    }
    let last_data_row = row - 1;
    if let Some(totals) = &table.totals {
        formats.write_row(sheet, row, table, &widths, totals, true)?;
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    if !table.columns.is_empty() {
        sheet.autofilter(header_row, 0, last_data_row.max(header_row), table.columns.len() as u16 - 1)?;
    }
    style::print_setup(sheet, widths.total() > PORTRAIT_CHARS, Some((header_row, header_row)))
}

/// Each column as wide as its header's longest word and its longest value (text up to
/// `WRAP_AT`, then wrapped).
fn column_widths(table: &ReportTable) -> ColumnWidths {
    let mut widths = ColumnWidths::new(WRAP_AT);
    for (c, column) in table.columns.iter().enumerate() {
        widths.header(c as u16, &column.title);
    }
    for values in table.rows.iter().chain(table.totals.as_ref()) {
        for (c, (value, column)) in values.iter().zip(&table.columns).enumerate() {
            let c = c as u16;
            match (value, column.kind) {
                (Value::Empty, _) => {}
                (Value::Text(t), _) => widths.text(c, t),
                (Value::Number(n), Kind::Number(d) | Kind::Change(d)) => widths.number(c, *n, usize::from(d.min(3))),
                (Value::Number(n), _) => widths.number(c, *n, if n.fract() == 0.0 { 0 } else { 2 }),
            }
        }
    }
    widths
}

/// How many lines `text` takes wrapped in a column `width` characters wide.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width - 2.0).max(4.0);
    text.lines().map(|l| ((l.chars().count() as f64 * 1.1) / per_line).ceil().max(1.0) as usize).sum::<usize>().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::table::col;

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("نتایج: گروه/اقتصادی", &[]), "نتایج گروهاقتصادی");
        assert_eq!(sheet_name("الف", &["الف".to_string()]), "الف ۲".replace('۲', "2"));
    }

    #[test]
    fn a_table_reads_back_with_numbers_as_numbers() {
        let mut table = ReportTable::new(
            "رتبه‌بندی",
            "رتبه‌بندی ۱۴۰۳",
            vec![col("رتبه", 0.6, Kind::Ordinal), col("دستگاه", 4.0, Kind::Text), col("امتیاز", 1.0, Kind::Number(2))],
        );
        table.push(vec![1u32.into(), "آموزش و پرورش".into(), 1820.5.into()]);
        table.totals = Some(vec![Value::Empty, "میانگین".into(), 1820.5.into()]);
        let bytes = workbook(&[table]).unwrap();
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("رتبه‌بندی").unwrap();
        let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        assert_eq!(rows[0][0], "رتبه‌بندی ۱۴۰۳");
        assert_eq!(rows[1], vec!["رتبه", "دستگاه", "امتیاز"]);
        assert_eq!(rows[2], vec!["1", "آموزش و پرورش", "1820.5"]);
        assert!(matches!(range.get_value((2, 2)), Some(calamine::Data::Float(_))), "a number stays a number");
    }
}
