use crate::error::{Fault, Problem};
use calamine::{DataRef, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;
use thiserror::Error;

/// A cell's value as read, before any module decides what it means.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// An Excel error such as #REF! or #DIV/0!.
    Error(String),
    /// A date or time cell, as Excel's serial number or ISO text.
    DateTime(String),
    /// A formula saved without the value it computes (by a program that does not calculate):
    /// what the cell shows is unknown, so it is neither empty nor a value.
    Uncomputed,
}

impl CellValue {
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: whole numbers without «.0», so that a code typed as a number reads «101».
    pub fn as_text(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(t) => t.clone(),
            Self::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Self::Number(n) => n.to_string(),
            Self::Bool(true) => "TRUE".into(),
            Self::Bool(false) => "FALSE".into(),
            Self::Error(e) | Self::DateTime(e) => e.clone(),
            Self::Uncomputed => String::new(),
        }
    }

    /// A cell as stored: a formula's value is the one its program computed and saved.
    fn from_record(value: &DataRef<'_>, has_formula: bool) -> Self {
        match value {
            DataRef::Empty if has_formula => Self::Uncomputed,
            value => Self::from_data(value),
        }
    }

    fn from_data(value: &DataRef<'_>) -> Self {
        match value {
            DataRef::Empty => Self::Empty,
            DataRef::String(s) => Self::Text(s.clone()),
            DataRef::SharedString(s) => Self::Text((*s).to_string()),
            DataRef::Int(i) => Self::Number(*i as f64),
            DataRef::Float(f) => Self::Number(*f),
            DataRef::Bool(b) => Self::Bool(*b),
            DataRef::Error(e) => Self::Error(e.to_string()),
            DataRef::DateTime(d) => Self::DateTime(d.as_f64().to_string()),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Self::DateTime(s.clone()),
        }
    }
}

/// One row that has at least one non-empty cell. `number` is the row as Excel shows it (1-based);
/// `cells[i]` is column i (0-based), padded with Empty.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub number: u32,
    pub cells: Vec<CellValue>,
}

impl SheetRow {
    pub fn cell(&self, column: usize) -> &CellValue {
        self.cells.get(column).unwrap_or(&CellValue::Empty)
    }
}

/// The non-empty rows of one sheet.
#[derive(Debug, Clone)]
pub struct SheetRows {
    pub file_name: String,
    pub sheet: String,
    pub rows: Vec<SheetRow>,
}

#[derive(Debug, Error)]
pub enum SheetError {
    #[error("فایل «{file}» خالی است (صفر بایت)؛ شاید کامل ذخیره یا رونوشت نشده. نسخهٔ کامل را دوباره بگیرید.")]
    EmptyFile { file: String },
    #[error("فایل «{file}» کارپوشهٔ اکسل (xlsx) نیست؛ {looks_like}. آن را در اکسل یا لیبره‌آفیس باز کنید و با قالب xlsx ذخیره کنید: در اکسل «Excel Workbook (*.xlsx)» و در لیبره‌آفیس «Excel 2007–365».")]
    NotXlsx { file: String, looks_like: &'static str },
    #[error("فایل «{file}» ناقص یا آسیب‌دیده است و خوانده نشد؛ شاید کامل ذخیره یا رونوشت نشده. نسخهٔ سالم را دوباره از فرستنده بگیرید.")]
    Damaged { file: String, detail: String },
    #[error("کارپوشهٔ «{file}» هیچ برگه‌ای ندارد.")]
    NoSheets { file: String },
    #[error("برگهٔ «{sheet}» در فایل «{file}» هیچ ردیفی ندارد؛ ردیف سرستون‌ها و داده‌ها را در آن بگذارید.")]
    EmptySheet { file: String, sheet: String },
    #[error("برگهٔ «{sheet}» در فایل «{file}» بیش از {} ردیف پر دارد؛ این اندازه برای این فهرست پذیرفته نیست. ردیف‌های اضافه را پاک کنید یا برگهٔ درست را بفرستید.", crate::fa::format_integer(*limit as i64))]
    TooManyRows { file: String, sheet: String, limit: usize },
    #[error("فایل «{file}» خوانده نشد چون {excess}؛ کارپوشه‌ای که دفتر می‌خواند هرگز به این اندازه نمی‌رسد. برگه‌ها و ردیف‌های اضافه را پاک کنید یا کارپوشهٔ درست را از فرستنده بخواهید.")]
    TooLarge { file: String, excess: super::guard::ZipExcess },
    #[error("فایل «{file}» خوانده نشد: {}.", crate::error::system_reason(.detail))]
    Io { file: String, detail: String },
}

impl Problem for SheetError {
    fn code(&self) -> &'static str {
        match self {
            Self::EmptyFile { .. } => "sheet.empty_file",
            Self::NotXlsx { .. } => "sheet.not_xlsx",
            Self::Damaged { .. } => "sheet.damaged",
            Self::NoSheets { .. } => "sheet.no_sheets",
            Self::EmptySheet { .. } => "sheet.empty_sheet",
            Self::TooManyRows { .. } => "sheet.too_many_rows",
            Self::TooLarge { .. } => "sheet.too_large",
            Self::Io { .. } => "sheet.io",
        }
    }
    fn fault(&self) -> Fault {
        Fault::User
    }
    fn details(&self) -> Vec<String> {
        match self {
            Self::Damaged { detail, .. } | Self::Io { detail, .. } => vec![detail.clone()],
            _ => Vec::new(),
        }
    }
}

/// The file's name as people see it, for messages («agencies.xlsx»).
pub fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// A file name that every file system accepts: no path separators or reserved characters.
pub fn safe_file_name(text: &str) -> String {
    text.chars().map(|c| if "/\\:*?\"<>|".contains(c) { '-' } else { c }).collect::<String>().trim().to_string()
}

/// Look at the first bytes: xlsx files are zip archives («PK\3\4»).
fn check_signature(bytes: &[u8], file: &str) -> Result<(), SheetError> {
    let head = &bytes[..bytes.len().min(512)];
    if head.is_empty() {
        return Err(SheetError::EmptyFile { file: file.to_string() });
    }
    // An OpenDocument file is a zip too, whose first entry «mimetype» (stored) names its kind.
    let open_document = head.starts_with(b"PK\x03\x04")
        && head.get(26..30).is_some_and(|lengths| {
            let extra = usize::from(u16::from_le_bytes([lengths[2], lengths[3]]));
            lengths[..2] == [8, 0]
                && head.get(30..38) == Some(b"mimetype".as_slice())
                && head.get(38 + extra..).is_some_and(|kind| kind.starts_with(b"application/vnd.oasis.opendocument"))
        });
    if head.starts_with(b"PK\x03\x04") && !open_document {
        return Ok(());
    }
    let looks_like = if open_document {
        "صفحه‌گستردهٔ OpenDocument (ods) است، نه آسیب‌دیده"
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "کارپوشهٔ قدیمی اکسل (xls) است"
    } else if head.starts_with(b"%PDF") {
        "فایل PDF است"
    } else if std::str::from_utf8(head).is_ok() || head.iter().all(|b| *b >= 0x09) {
        "متن ساده یا CSV است که پسوندش به xlsx تغییر کرده"
    } else {
        "قالب آن شناخته نیست"
    };
    Err(SheetError::NotXlsx { file: file.to_string(), looks_like })
}

/// Why calamine could not read the workbook: past the guard's limits after all (a part that
/// unpacks to more than it declared, which the light guard leaves to the zip reader to find),
/// or damaged.
fn failure(bytes: &[u8], file: &str, e: calamine::XlsxError) -> SheetError {
    match super::guard::guard_workbook_fully(bytes, file) {
        Err(excess @ SheetError::TooLarge { .. }) => excess,
        _ => SheetError::Damaged { file: file.to_string(), detail: e.to_string() },
    }
}

/// An xlsx workbook opened for reading, after its signature was checked and its size measured.
/// The file is read from disk once: the guard, calamine and the digest share its bytes.
pub struct WorkbookReader {
    file: String,
    bytes: Arc<[u8]>,
    workbook: Xlsx<Cursor<Arc<[u8]>>>,
}

impl WorkbookReader {
    pub fn open(path: &Path) -> Result<Self, SheetError> {
        let file = file_name(path);
        let bytes = std::fs::read(path).map_err(|e| SheetError::Io { file: file.clone(), detail: e.to_string() })?;
        check_signature(&bytes, &file)?;
        super::guard::guard_workbook(&bytes, &file)?;
        let bytes: Arc<[u8]> = bytes.into();
        let workbook = Xlsx::new(Cursor::new(Arc::clone(&bytes))).map_err(|e| failure(&bytes, &file, e))?;
        Ok(Self { file, bytes, workbook })
    }

    pub fn file_name(&self) -> &str {
        &self.file
    }

    /// The file's bytes as read (for its digest: the same file imported twice changes nothing).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.workbook.sheet_names()
    }

    /// The sheet whose name matches one of `names` (ignoring ی/ي, spaces and half-spaces).
    pub fn find_sheet(&self, names: &[&str]) -> Option<String> {
        let keys: Vec<String> = names.iter().map(|n| crate::fa::comparison_key(n)).collect();
        self.sheet_names().into_iter().find(|n| keys.contains(&crate::fa::comparison_key(n)))
    }

    /// The non-empty rows of `sheet`, streamed; refused past `max_rows` non-empty rows.
    /// An empty sheet gives no rows (callers decide whether that is wrong).
    pub fn rows(&mut self, sheet: &str, max_rows: usize) -> Result<Vec<SheetRow>, SheetError> {
        let file = self.file.clone();
        let bytes = Arc::clone(&self.bytes);
        let damaged = |e: calamine::XlsxError| failure(&bytes, &file, e);
        let mut reader = self.workbook.worksheet_cells_reader(sheet).map_err(damaged)?;
        let mut rows: Vec<SheetRow> = Vec::new();
        let mut current: Option<SheetRow> = None;
        let push = |row: SheetRow, rows: &mut Vec<SheetRow>| -> Result<(), SheetError> {
            if row.cells.iter().any(|c| !c.is_empty()) {
                if rows.len() >= max_rows {
                    return Err(SheetError::TooManyRows {
                        file: file.clone(),
                        sheet: sheet.to_string(),
                        limit: max_rows,
                    });
                }
                rows.push(row);
            }
            Ok(())
        };
        while let Some(cell) = reader.next_cell_with_formula_metadata().map_err(damaged)? {
            let (row, column) = cell.pos;
            let value = CellValue::from_record(&cell.value, cell.formula.is_some());
            if current.as_ref().is_some_and(|r| r.number != row + 1) {
                push(current.take().expect("checked"), &mut rows)?;
            }
            let entry = current.get_or_insert_with(|| SheetRow { number: row + 1, cells: Vec::new() });
            let column = column as usize;
            if column >= 16_384 {
                continue; // beyond Excel's last column: not a real cell
            }
            if entry.cells.len() <= column {
                entry.cells.resize(column + 1, CellValue::Empty);
            }
            entry.cells[column] = value;
        }
        if let Some(row) = current.take() {
            push(row, &mut rows)?;
        }
        Ok(rows)
    }
}

/// Read the non-empty rows of a sheet: the one named `preferred` if the workbook has it,
/// otherwise the first. Streams the sheet and stops at `max_rows` non-empty rows.
pub fn read_sheet(path: &Path, preferred: &[&str], max_rows: usize) -> Result<SheetRows, SheetError> {
    let mut workbook = WorkbookReader::open(path)?;
    let file = workbook.file.clone();
    let sheet = workbook
        .find_sheet(preferred)
        .or_else(|| workbook.sheet_names().into_iter().next())
        .ok_or_else(|| SheetError::NoSheets { file: file.clone() })?;
    let rows = workbook.rows(&sheet, max_rows)?;
    if rows.is_empty() {
        return Err(SheetError::EmptySheet { file, sheet });
    }
    Ok(SheetRows { file_name: file, sheet, rows })
}
