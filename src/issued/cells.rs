//! What the input cells of a returned workbook may hold, the same for both services
//! (docs/formats/intake.md): a number within the bound the issued workbooks' own data validation
//! sets, a formula only with the value its program computed, each item's row once. Whatever
//! breaks these refuses the whole workbook, so that nothing is stored in place of what was sent.

use super::{IssuedError, Service};
use crate::fa::{self, format_decimal, parse_number};
use crate::sheets::CellValue;
use std::collections::HashMap;

/// The largest magnitude a stored number may have: the issued workbooks validate ±1e15, and
/// intake and typed entry hold the same bound, so neither an absurd nor a non-finite number
/// (NaN, an overflow to infinity) reaches the store.
pub const NUMBER_BOUND: f64 = 1e15;

/// `n` if it is finite and within ±[`NUMBER_BOUND`], else why not (a sentence to show).
pub fn bounded(n: f64) -> Result<f64, String> {
    if n.is_nan() {
        return Err("مقدار «NaN» (نه‌عدد) است، نه عدد؛ عدد درست را بنویسید.".into());
    }
    if n.abs() > NUMBER_BOUND {
        return Err(format!(
            "عدد {} از مرز ±۱۰^۱۵ که کارپوشه‌ها می‌پذیرند بیرون است؛ عدد درست را با یکای خواسته‌شده بنویسید.",
            show_number(n)
        ));
    }
    Ok(n)
}

/// A number for a message, never longer than the bound: «بیش از ۱۰^۱۵» past it, else every
/// decimal it has (up to six), so that what was typed is what is shown.
pub fn show_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n > NUMBER_BOUND {
        return "بیش از ۱۰^۱۵".into();
    }
    if n < -NUMBER_BOUND {
        return "کمتر از −۱۰^۱۵".into();
    }
    let decimals = (0..6).find(|d| (n * 10f64.powi(*d)).fract().abs() < 1e-9).unwrap_or(6);
    format_decimal(n, decimals as usize)
}

/// Two numbers for a message that compares them («۴۰٫۰۰۰۱ از سقف (۴۰٫۰۰) بیشتر است»): two
/// decimals, or as many more as it takes for different numbers to read differently.
pub fn show_pair(a: f64, b: f64) -> (String, String) {
    if a.abs() > NUMBER_BOUND || b.abs() > NUMBER_BOUND {
        return (show_number(a), show_number(b));
    }
    let decimals = (2..=9).find(|d| format_decimal(a, *d) != format_decimal(b, *d)).unwrap_or(2);
    (format_decimal(a, decimals), format_decimal(b, decimals))
}

/// The number in an input cell, or why it cannot be taken (a sentence to show after the cell).
pub fn read_number(cell: &CellValue) -> Result<f64, String> {
    match cell {
        CellValue::Number(n) => bounded(*n),
        CellValue::Text(t) => bounded(parse_number(t).map_err(|e| e.to_string())?),
        CellValue::Error(e) => Err(format!("خانه خطای فرمول «{e}» دارد؛ مقدار درست را بنویسید.")),
        CellValue::Uncomputed => Err(UNCOMPUTED.into()),
        _ => Err("به جای عدد، تاریخ یا درست/نادرست نوشته شده است؛ عدد را بنویسید.".into()),
    }
}

const UNCOMPUTED: &str = "فرمول این خانه مقدار حساب‌شده ندارد.";

/// What is wrong with a returned workbook's input cells, gathered while its rows are read; any
/// of it refuses the whole workbook ([`InputCells::verdict`]).
#[derive(Default)]
pub struct InputCells {
    /// Cells whose formula was saved without its value: one refusal names them all.
    uncomputed: Vec<String>,
    problems: Vec<String>,
    /// Each row key (an item, an indicator and measure) with the sheet and row it was first on.
    first_rows: HashMap<String, (String, u32)>,
}

impl InputCells {
    /// The number in `cell` (at «T01!E7»), recording why not when it cannot be taken.
    pub fn number(&mut self, cell: &CellValue, at: &str) -> Option<f64> {
        match read_number(cell) {
            Ok(n) => Some(n),
            Err(message) => {
                self.problem_unless_uncomputed(cell, at, message);
                None
            }
        }
    }

    /// Record a formula without its value, or else `message` about the cell at `at`.
    pub fn problem_unless_uncomputed(&mut self, cell: &CellValue, at: &str, message: String) {
        if *cell == CellValue::Uncomputed {
            self.formula_without_value(at);
        } else {
            self.problem(at, message);
        }
    }

    /// Record that the cell at `at` holds a formula saved without its value.
    pub fn formula_without_value(&mut self, at: &str) {
        self.uncomputed.push(at.to_string());
    }

    /// Record `message` about the cell at `at`.
    pub fn problem(&mut self, at: &str, message: String) {
        self.problems.push(format!("{at}: {message}"));
    }

    /// Whether the row `row` of `sheet` is the first with `key` (shown as `what`, e.g. «قلم
    /// «T01.A»»); a second one is recorded as a problem naming both rows.
    pub fn first_row(&mut self, key: &str, what: &str, sheet: &str, row: u32) -> bool {
        match self.first_rows.get(key) {
            None => {
                self.first_rows.insert(key.to_string(), (sheet.to_string(), row));
                true
            }
            Some((first_sheet, first)) => {
                let first = if first_sheet == sheet {
                    format!("ردیف {}", fa::int(*first))
                } else {
                    format!("ردیف {} برگهٔ «{first_sheet}»", fa::int(*first))
                };
                self.problems.push(format!(
                    "{what} دو بار آمده است: {first} و ردیف {} برگهٔ «{sheet}» (شاید ردیفی رونوشت شده)؛ یکی را پاک کنید تا روشن باشد کدام مقدار فرستاده شده.",
                    fa::int(row)
                ));
                false
            }
        }
    }

    /// The workbook's input cells refused, or Ok: formulas without values first (opening and
    /// saving the file fixes them all), then every other problem.
    pub fn verdict(self, service: Service, file: &str, agency: &str) -> Result<(), IssuedError> {
        let (file, agency) = (file.to_string(), agency.to_string());
        if !self.uncomputed.is_empty() {
            return Err(IssuedError::UncomputedFormulas { service, file, agency, cells: self.uncomputed });
        }
        if !self.problems.is_empty() {
            return Err(IssuedError::InvalidCells { service, file, agency, problems: self.problems });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_past_the_bound_or_not_finite_are_refused_and_shown_briefly() {
        assert_eq!(bounded(1e15), Ok(1e15));
        assert_eq!(bounded(-2.5), Ok(-2.5));
        for absurd in [1e308, -1e308, f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            let message = bounded(absurd).unwrap_err();
            assert!(message.chars().count() < 120, "{message}");
        }
        assert!(bounded(1e308).unwrap_err().contains("بیش از ۱۰^۱۵"));
        assert!(bounded(-1e308).unwrap_err().contains("کمتر از −۱۰^۱۵"));
        assert!(bounded(f64::NAN).unwrap_err().contains("NaN"));
        assert_eq!(read_number(&CellValue::Text("1e400".into())).map_err(|_| ()), Err(()));
    }

    #[test]
    fn compared_numbers_get_the_decimals_that_tell_them_apart() {
        assert_eq!(show_pair(40.0001, 40.0), ("۴۰٫۰۰۰۱".to_string(), "۴۰٫۰۰۰۰".to_string()));
        assert_eq!(show_pair(50.5, 50.0), ("۵۰٫۵۰".to_string(), "۵۰٫۰۰".to_string()));
        assert_eq!(show_number(12.25), "۱۲٫۲۵");
        assert_eq!(show_number(3.0), "۳");
    }

    #[test]
    fn a_second_row_of_the_same_key_names_both_rows() {
        let mut cells = InputCells::default();
        assert!(cells.first_row("A", "قلم «A»", "T01", 5));
        assert!(!cells.first_row("A", "قلم «A»", "T01", 9));
        let Err(IssuedError::InvalidCells { problems, .. }) = cells.verdict(Service::Accounts, "f.xlsx", "گاز")
        else {
            panic!("a copied row must refuse the workbook")
        };
        assert!(problems[0].contains("ردیف ۵ و ردیف ۹ برگهٔ «T01»"), "{problems:?}");
    }
}
