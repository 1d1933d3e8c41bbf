//! Reading workbooks people send (calamine) without trusting them: the file is checked
//! for what it really is, and sheets are streamed so that a huge sheet cannot exhaust memory.

mod address;
pub mod guard;
mod header;
mod read;
pub mod style;

pub use address::{cell_address, column_letter};
pub use header::{CellProblem, Column, Header, MissingHeaders};
pub use read::{file_name, read_sheet, safe_file_name, CellValue, SheetError, SheetRow, SheetRows, WorkbookReader};
