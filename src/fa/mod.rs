//! Persian locale: digits in and out, numbers formatted for people, text normalization,
//! Jalali dates.

mod digits;
mod jalali;
mod text;

pub use digits::{
    count, format_decimal, format_integer, int, parse_number, to_latin_digits, to_persian_digits, NumberError,
};
pub use jalali::{JalaliDate, JalaliError};
pub use text::{comparison_key, normalize_text, quoted_list};
