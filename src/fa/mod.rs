//! Persian locale: digits in and out, numbers formatted for people, text normalization,
//! Jalali dates.

mod digits;
mod jalali;
mod text;

pub use digits::{
    code, count, format_decimal, format_integer, int, of, parse_number, percent, text_digits, to_latin_digits,
    to_persian_digits, NumberError,
};
pub use jalali::{JalaliDate, JalaliError};
pub use text::{comparison_key, normalize_text, quoted_list};

/// The one way each kind of number is written for people (docs/architecture-notes.md,
/// «Numbers and codes»); ui/src/lib/fa.test.ts pins the same forms.
#[cfg(test)]
mod rule {
    use super::*;

    #[test]
    fn each_kind_of_number_reads_one_way() {
        // A decimal: Persian digits, ٫ for the point, ٬ between thousands.
        assert_eq!(format_decimal(1908.09, 2), "۱٬۹۰۸٫۰۹");
        assert_eq!(format_decimal(-4.95, 2), "\u{2212}۴٫۹۵");
        // Thousands.
        assert_eq!(format_integer(1_234_567), "۱٬۲۳۴٬۵۶۷");
        // A percentage: the sign after the number.
        assert_eq!(percent(95.4, 2), "۹۵٫۴۰٪");
        assert_eq!(percent(90.0, 0), "۹۰٪");
        // A count of a total: «از», never a slash that reads as ٫.
        assert_eq!(of(28, 30), "۲۸ از ۳۰");
        assert!(!of(28, 30).contains('/'));
        // A date: the only slash people read.
        assert_eq!(JalaliDate::new(1403, 9, 5).unwrap().to_string(), "۱۴۰۳/۰۹/۰۵");
        // Codes, versions, agency codes and hashes: Latin, as typed and compared.
        assert_eq!(code("G01"), "G01");
        assert_eq!(code("R-T04-03"), "R-T04-03");
        assert_eq!(code("G۰۱"), "G01");
        assert_eq!(code("۱۴۰۳.۱"), "1403.1");
        assert_eq!(code("۱۰۱"), "101");
        // Years and ranks: Persian digits, ungrouped.
        assert_eq!(int(1403), "۱۴۰۳");
    }
}
