//! A report's table, kept as values so that one table makes both the PDF's table (Persian
//! digits, right to left) and the Excel sheet (real numbers with number formats).

use crate::fa::{format_decimal, to_persian_digits};
use crate::pdf::{Align, Column, TableSpec};

/// What a column holds, which decides how it is written in each format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A code (agency, indicator, table, item): Latin digits as typed, centred (fa::code).
    Code,
    /// A number that is not a quantity (rank, row, date, letter number): Persian digits, no separators.
    Ordinal,
    /// A quantity with this many decimals.
    Number(u8),
    /// A signed change with this many decimals («+۲٫۵»).
    Change(u8),
    /// Text a machine compares (a cell address, a rule code, a hash): written as it is, at the left.
    Latin,
    /// Text already written for people (Persian with a Latin cell address): as it is, at the right.
    Verbatim,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Number(f64::from(n))
    }
}

impl From<Option<f64>> for Value {
    fn from(n: Option<f64>) -> Self {
        n.map_or(Value::Empty, Value::Number)
    }
}

#[derive(Debug, Clone)]
pub struct ReportColumn {
    pub title: String,
    /// Share of the PDF table's width; the Excel column is about this many times 6 characters wide.
    pub width: f32,
    pub kind: Kind,
}

pub fn col(title: &str, width: f32, kind: Kind) -> ReportColumn {
    ReportColumn { title: title.to_string(), width, kind }
}

#[derive(Debug, Clone)]
pub struct ReportTable {
    /// The Excel sheet's name (at most 31 characters).
    pub sheet: String,
    /// A line above the table in the PDF and the sheet's first row in Excel.
    pub title: String,
    pub columns: Vec<ReportColumn>,
    pub rows: Vec<Vec<Value>>,
    pub totals: Option<Vec<Value>>,
}

impl ReportTable {
    pub fn new(sheet: &str, title: &str, columns: Vec<ReportColumn>) -> Self {
        Self { sheet: sheet.to_string(), title: title.to_string(), columns, rows: Vec::new(), totals: None }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "a row of «{}» has every column", self.sheet);
        self.rows.push(row);
    }

    /// The PDF's table at `size` points.
    pub fn pdf(&self, size: f32) -> TableSpec {
        let cells = |row: &Vec<Value>| row.iter().zip(&self.columns).map(|(v, c)| pdf_text(v, c.kind)).collect();
        TableSpec {
            columns: self
                .columns
                .iter()
                .map(|c| Column {
                    title: c.title.clone(),
                    width: c.width,
                    align: match c.kind {
                        Kind::Text | Kind::Verbatim => Align::Right,
                        Kind::Latin => Align::Left,
                        Kind::Code | Kind::Ordinal => Align::Center,
                        Kind::Number(_) | Kind::Change(_) => Align::Center,
                    },
                })
                .collect(),
            rows: self.rows.iter().map(cells).collect(),
            totals: self.totals.as_ref().map(cells),
            size,
        }
    }
}

/// A value as the PDF shows it: Persian digits, Persian separators, «—» for nothing.
pub fn pdf_text(value: &Value, kind: Kind) -> String {
    match (value, kind) {
        (Value::Empty, _) => "—".into(),
        // Isolated left to right: in a Persian line a Latin text that starts with digits (a key's
        // fingerprint «7552 2B5C …») would otherwise have its first number moved to the end.
        (Value::Text(t), Kind::Latin) => format!("\u{2066}{t}\u{2069}"),
        (Value::Text(t), Kind::Verbatim) => t.clone(),
        (Value::Text(t), Kind::Code) => crate::fa::code(t),
        (Value::Text(t), _) => crate::fa::text_digits(t),
        (Value::Number(n), Kind::Number(d)) => format_decimal(*n, d as usize),
        (Value::Number(n), Kind::Change(d)) => {
            // Isolated left to right, so that the sign stays at the number's left in a Persian line.
            let text = format_decimal(n.abs(), d as usize);
            let zero = text.chars().all(|c| matches!(c, '۰' | '٫' | '٬'));
            if zero {
                text
            } else if *n > 0.0 {
                format!("\u{2066}+{text}\u{2069}")
            } else {
                format!("\u{2066}−{text}\u{2069}")
            }
        }
        (Value::Number(n), Kind::Latin | Kind::Verbatim | Kind::Code) => format_plain(*n),
        (Value::Number(n), Kind::Ordinal | Kind::Text) => to_persian_digits(&format_plain(*n)),
    }
}

fn format_plain(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_in_persian_in_the_pdf() {
        assert_eq!(pdf_text(&Value::Number(1234.5), Kind::Number(2)), "۱٬۲۳۴٫۵۰");
        assert_eq!(pdf_text(&Value::Number(35.0), Kind::Ordinal), "۳۵");
        assert_eq!(pdf_text(&Value::Number(101.0), Kind::Code), "101");
        assert_eq!(pdf_text(&"G01".into(), Kind::Code), "G01");
        assert_eq!(pdf_text(&"G۰۱".into(), Kind::Code), "G01");
        assert_eq!(pdf_text(&Value::Number(2.26), Kind::Change(1)), "\u{2066}+۲٫۳\u{2069}");
        assert_eq!(pdf_text(&Value::Number(-4.0), Kind::Change(1)), "\u{2066}−۴٫۰\u{2069}");
        assert_eq!(pdf_text(&Value::Number(0.001), Kind::Change(1)), "۰٫۰");
        assert_eq!(pdf_text(&"T01!E49".into(), Kind::Latin), "\u{2066}T01!E49\u{2069}");
        assert_eq!(pdf_text(&Value::Empty, Kind::Number(2)), "—");
        assert_eq!(pdf_text(&"S101-2".into(), Kind::Text), "S101-2");
        assert_eq!(pdf_text(&"T01 کشاورزی ۱۴۰۳".into(), Kind::Text), "T01 کشاورزی ۱۴۰۳");
    }

    #[test]
    fn one_table_gives_the_pdf_its_columns_right_to_left() {
        let mut table = ReportTable::new(
            "رتبه‌بندی",
            "رتبه‌بندی دستگاه‌ها",
            vec![col("رتبه", 0.6, Kind::Ordinal), col("دستگاه", 4.0, Kind::Text), col("امتیاز", 1.0, Kind::Number(2))],
        );
        table.push(vec![1u32.into(), "آموزش و پرورش".into(), 1820.5.into()]);
        let spec = table.pdf(9.0);
        assert_eq!(spec.columns[0].title, "رتبه");
        assert_eq!(spec.rows[0], vec!["۱", "آموزش و پرورش", "۱٬۸۲۰٫۵۰"]);
    }
}
