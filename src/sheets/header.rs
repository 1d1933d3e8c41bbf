//! Finding columns by their header, in any order, and naming a cell when it is wrong.

use super::{column_letter, CellValue, SheetRow};
use crate::fa::{self, comparison_key, normalize_text};
use std::collections::HashMap;
use std::hash::Hash;

/// A column a sheet may have: the field it fills, its documented header and accepted aliases.
pub struct Column<F> {
    pub field: F,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

/// One thing wrong in one cell: sheet (when the message does not already say it), Excel row,
/// column letter and header, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub sheet: Option<String>,
    pub row: u32,
    pub column: String,
    pub header: String,
    pub message: String,
}

impl std::fmt::Display for CellProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "برگهٔ «{sheet}»، ")?;
        }
        write!(f, "ردیف {}، ستون {}", fa::int(self.row), self.column)?;
        if !self.header.is_empty() {
            write!(f, " («{}»)", self.header)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Where each field sits in a sheet, read from its header row.
pub struct Header<F> {
    columns: HashMap<F, (usize, String)>,
    sheet: Option<String>,
    /// Every non-empty header as written, in order.
    pub found: Vec<String>,
}

/// The documented headers a sheet lacks, and the headers it has, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingHeaders {
    pub missing: Vec<String>,
    pub found: Vec<String>,
}

impl<F: Copy + Eq + Hash> Header<F> {
    /// Split a sheet's rows into its header (row one, named after `sheet`) and its data rows;
    /// refused when a `required` column is missing (all of them when the sheet is empty).
    pub fn split<'r>(
        rows: &'r [SheetRow],
        sheet: &str,
        spec: &[Column<F>],
        required: &[F],
    ) -> Result<(Self, &'r [SheetRow]), MissingHeaders> {
        let Some((first, data)) = rows.split_first() else {
            let missing = spec.iter().filter(|c| required.contains(&c.field)).map(|c| c.name.to_string()).collect();
            return Err(MissingHeaders { missing, found: vec![] });
        };
        let header = Self::read(first, spec).in_sheet(sheet);
        let missing = header.missing(spec, required);
        if !missing.is_empty() {
            return Err(MissingHeaders { missing, found: header.found });
        }
        Ok((header, data))
    }

    /// Match the header row's cells to `spec`, ignoring ی/ي, ک/ك, spaces and half-spaces. A header
    /// matches whole: one that only begins or ends like a column's name is not that column.
    pub fn read(row: &SheetRow, spec: &[Column<F>]) -> Self {
        let mut columns = HashMap::new();
        let mut found = Vec::new();
        for (index, cell) in row.cells.iter().enumerate() {
            let header = normalize_text(&cell.as_text());
            if header.is_empty() {
                continue;
            }
            found.push(header.clone());
            let key = comparison_key(&header);
            let matches =
                |c: &&Column<F>| comparison_key(c.name) == key || c.aliases.iter().any(|a| comparison_key(a) == key);
            if let Some(column) = spec.iter().find(matches) {
                columns.entry(column.field).or_insert((index, header));
            }
        }
        Self { columns, sheet: None, found }
    }

    /// Name the sheet in every problem (for workbooks of several sheets).
    pub fn in_sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_string());
        self
    }

    pub fn has(&self, field: F) -> bool {
        self.columns.contains_key(&field)
    }

    /// The documented headers of `required` fields the sheet lacks.
    pub fn missing(&self, spec: &[Column<F>], required: &[F]) -> Vec<String> {
        spec.iter().filter(|c| required.contains(&c.field) && !self.has(c.field)).map(|c| c.name.to_string()).collect()
    }

    /// (field, column index) of every column found.
    pub fn fields(&self) -> impl Iterator<Item = (F, usize)> + '_ {
        self.columns.iter().map(|(f, (i, _))| (*f, *i))
    }

    pub fn cell<'r>(&self, row: &'r SheetRow, field: F) -> &'r CellValue {
        match self.columns.get(&field) {
            Some((i, _)) => row.cell(*i),
            None => &CellValue::Empty,
        }
    }

    pub fn text(&self, row: &SheetRow, field: F) -> String {
        self.cell(row, field).as_text()
    }

    pub fn problem(&self, row: &SheetRow, field: F, message: String) -> CellProblem {
        let (index, header) = self.columns.get(&field).cloned().unwrap_or((0, String::new()));
        CellProblem { sheet: self.sheet.clone(), row: row.number, column: column_letter(index as u32), header, message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    enum F {
        Code,
        Name,
        Email,
    }
    const SPEC: &[Column<F>] = &[
        Column { field: F::Code, name: "کد", aliases: &["کد دستگاه"] },
        Column { field: F::Name, name: "نام دستگاه", aliases: &["نام"] },
        Column { field: F::Email, name: "رایانامه", aliases: &["ایمیل"] },
    ];

    #[test]
    fn headers_are_matched_by_key_and_alias() {
        let row = SheetRow {
            number: 1,
            cells: vec![
                CellValue::Text("کد دستگاه".into()),
                CellValue::Empty,
                CellValue::Text(" نام  ".into()),
                CellValue::Text("ايميل".into()),
            ],
        };
        let header = Header::read(&row, SPEC);
        assert_eq!(header.found, ["کد دستگاه", "نام", "ایمیل"]);
        assert!(header.missing(SPEC, &[F::Code, F::Name]).is_empty());
        let data = SheetRow {
            number: 7,
            cells: vec![CellValue::Number(101.0), CellValue::Empty, CellValue::Text("x".into())],
        };
        assert_eq!(header.text(&data, F::Code), "101");
        let problem = header.in_sheet("اقلام").problem(&data, F::Email, "نادرست".into());
        assert_eq!(problem.to_string(), "برگهٔ «اقلام»، ردیف ۷، ستون D («ایمیل»): نادرست");
    }

    #[test]
    fn a_header_matches_whole_not_by_its_first_or_last_words() {
        const NATIONAL: &[Column<F>] =
            &[Column { field: F::Name, name: "سطح ملی", aliases: &["سطح ملی کشور"] }];
        let read = |text: &str| {
            let row = SheetRow { number: 1, cells: vec![CellValue::Text(text.into())] };
            Header::read(&row, NATIONAL).has(F::Name)
        };
        assert!(read("سطح‌ملی") && read("سطح ملي کشور"));
        assert!(!read("سطح") && !read("ملی") && !read("سطح ملی پیشنهادی") && !read("سطح ملی کشو"));
    }

    #[test]
    fn missing_columns_are_named_as_documented() {
        let row = SheetRow { number: 1, cells: vec![CellValue::Text("نام".into())] };
        assert_eq!(Header::read(&row, SPEC).missing(SPEC, &[F::Code, F::Name]), ["کد"]);
    }
}
