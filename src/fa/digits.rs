//! Numbers typed by people: Persian (۰-۹), Arabic-Indic (٠-٩) or Latin digits,
//! ٫ or . as the decimal mark, ٬ or , for grouping, a leading - or U+2212.

use thiserror::Error;

const PERSIAN_ZERO: u32 = '۰' as u32;
const ARABIC_INDIC_ZERO: u32 = '٠' as u32;

/// Why a text is not a number; the Display text is the Persian message shown to users.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberError {
    #[error("مقدار خالی است؛ یک عدد بنویسید.")]
    Empty,
    #[error("«{text}» عدد نیست: {} پذیرفته نیست. فقط رقم، ممیز (٫ یا .)، جداکنندهٔ هزارگان (٬ یا ,) و علامت منفی در ابتدا مجاز است.", shown_char(*.found))]
    InvalidCharacter { text: String, found: char },
    #[error("«{text}» عدد نیست: بیش از یک ممیز دارد.")]
    SeveralDecimalMarks { text: String },
    #[error("«{text}» عدد نیست: جداکنندهٔ هزارگان باید هر سه رقم بیاید (مانند ۱٬۲۳۴٬۵۶۷).")]
    MisplacedGrouping { text: String },
    #[error("«{text}» عدد نیست: رقمی ندارد.")]
    NoDigits { text: String },
}

/// A character for a message: quoted when it can be seen, named by its code point when it
/// cannot (a bidi mark quoted as «‏» looks like nothing at all).
fn shown_char(c: char) -> String {
    let invisible = c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}');
    if invisible {
        format!("نویسهٔ نامرئی U+{:04X}", c as u32)
    } else {
        format!("نویسهٔ «{c}»")
    }
}

/// The value of an ASCII/Persian/Arabic-Indic digit, if `c` is one.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '۰'..='۹' => Some(c as u32 - PERSIAN_ZERO),
        '٠'..='٩' => Some(c as u32 - ARABIC_INDIC_ZERO),
        _ => None,
    }
}

/// Parse a number as people type it in Iran. Grouping separators must fall every three
/// digits so that `1,5` (a European decimal) is refused rather than read as fifteen.
pub fn parse_number(input: &str) -> Result<f64, NumberError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let mut chars = text.chars().peekable();
    let negative = matches!(chars.peek(), Some('-') | Some('\u{2212}'));
    if negative {
        chars.next();
    }
    let mut integer_groups: Vec<String> = vec![String::new()];
    let mut fraction: Option<String> = None;
    for c in chars {
        if let Some(d) = digit_value(c) {
            let digit = char::from_digit(d, 10).expect("digit below ten");
            match fraction.as_mut() {
                Some(f) => f.push(digit),
                None => integer_groups.last_mut().expect("never empty").push(digit),
            }
        } else if c == '٫' || c == '.' {
            if fraction.is_some() {
                return Err(NumberError::SeveralDecimalMarks { text: text.to_string() });
            }
            fraction = Some(String::new());
        } else if c == '٬' || c == ',' {
            if fraction.is_some() {
                return Err(NumberError::MisplacedGrouping { text: text.to_string() });
            }
            integer_groups.push(String::new());
        } else {
            return Err(NumberError::InvalidCharacter { text: text.to_string(), found: c });
        }
    }
    if integer_groups.len() > 1 {
        let first_ok = (1..=3).contains(&integer_groups[0].len());
        let rest_ok = integer_groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(NumberError::MisplacedGrouping { text: text.to_string() });
        }
    }
    let integer: String = integer_groups.concat();
    let fraction = fraction.unwrap_or_default();
    if integer.is_empty() && fraction.is_empty() {
        return Err(NumberError::NoDigits { text: text.to_string() });
    }
    let latin = format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        if integer.is_empty() { "0" } else { &integer },
        if fraction.is_empty() { "0" } else { &fraction }
    );
    Ok(latin.parse::<f64>().expect("only digits and one point remain"))
}

/// Replace Latin and Arabic-Indic digits by Persian ones, leaving everything else.
pub fn to_persian_digits(text: &str) -> String {
    text.chars()
        .map(|c| match digit_value(c) {
            Some(d) => char::from_u32(PERSIAN_ZERO + d).expect("Persian digit"),
            None => c,
        })
        .collect()
}

/// Replace Persian and Arabic-Indic digits by Latin ones, leaving everything else.
pub fn to_latin_digits(text: &str) -> String {
    text.chars().map(latin_digit).collect()
}

/// `c` as an ASCII digit if it is a digit of any script, else `c` itself.
pub(crate) fn latin_digit(c: char) -> char {
    match digit_value(c) {
        Some(d) => char::from_digit(d, 10).expect("digit below ten"),
        None => c,
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('٬');
        }
        out.push(c);
    }
    out
}

/// An integer in Persian digits with ٬ grouping: 1234567 -> ۱٬۲۳۴٬۵۶۷.
pub fn format_integer(value: i64) -> String {
    let sign = if value < 0 { "\u{2212}" } else { "" };
    to_persian_digits(&format!("{sign}{}", group_thousands(&value.unsigned_abs().to_string())))
}

/// A whole number in Persian digits, ungrouped, as years, ranks, ids and short counts are
/// written: 1403 -> ۱۴۰۳ (format_integer groups thousands: ۱٬۴۰۳).
pub fn int(value: impl Into<i128>) -> String {
    to_persian_digits(&value.into().to_string())
}

/// How many, in Persian digits, ungrouped: a length or an index (see `int`).
pub fn count(n: usize) -> String {
    to_persian_digits(&n.to_string())
}

/// A number with a fixed count of decimals in Persian digits: 1234.5 -> ۱٬۲۳۴٫۵۰ (2 decimals).
pub fn format_decimal(value: f64, decimals: usize) -> String {
    let rendered = format!("{:.*}", decimals, value.abs());
    let (integer, fraction) = rendered.split_once('.').unwrap_or((&rendered, ""));
    let negative = value < 0.0 && rendered.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('\u{2212}');
    }
    out.push_str(&group_thousands(integer));
    if !fraction.is_empty() {
        out.push('٫');
        out.push_str(fraction);
    }
    to_persian_digits(&out)
}

/// A percentage: the number as `format_decimal` writes it, then «٪» (after the number, as
/// Persian writes it, in every document): 95.4 with 2 decimals -> ۹۵٫۴۰٪.
pub fn percent(value: f64, decimals: usize) -> String {
    format!("{}٪", format_decimal(value, decimals))
}

/// A count out of a total, in words rather than with a slash (a slash reads as the decimal
/// mark ٫ in Persian fonts): 28 of 30 -> «۲۸ از ۳۰».
pub fn of(part: usize, total: usize) -> String {
    format!("{} از {}", count(part), count(total))
}

/// A code as machines and people both type it, in Latin digits wherever it is shown (app,
/// PDF, Excel, CLI): indicator and table codes (G01, T04), item codes (R-T04-03), agency
/// codes (101), template versions (1403.1) and hashes. Persian digits typed in one are made Latin.
pub fn code(text: &str) -> String {
    to_latin_digits(text)
}

/// Text for people with its numbers in Persian digits, except in words that hold a Latin
/// letter, which are codes and units (G01, R-T04-03, m3) and keep their digits:
/// «جدول T01، سال 1403» -> «جدول T01، سال ۱۴۰۳».
pub fn text_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(char::is_whitespace) {
        if word.chars().any(|c| c.is_ascii_alphabetic()) {
            out.push_str(word);
        } else {
            out.push_str(&to_persian_digits(word));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_script_and_separator() {
        assert_eq!(parse_number("۱۲۳"), Ok(123.0));
        assert_eq!(parse_number("١٢٣"), Ok(123.0));
        assert_eq!(parse_number("۱٬۲۳۴٫۵"), Ok(1234.5));
        assert_eq!(parse_number("1,234.5"), Ok(1234.5));
        assert_eq!(parse_number("  -۴۲ "), Ok(-42.0));
        assert_eq!(parse_number("\u{2212}3٫25"), Ok(-3.25));
        assert_eq!(parse_number(".5"), Ok(0.5));
        assert_eq!(parse_number("12,345,678"), Ok(12_345_678.0));
        assert_eq!(parse_number("۱۲3٬٤٥٦"), Ok(123_456.0));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        assert_eq!(parse_number(""), Err(NumberError::Empty));
        assert_eq!(parse_number("   "), Err(NumberError::Empty));
        assert!(matches!(parse_number("12a"), Err(NumberError::InvalidCharacter { found: 'a', .. })));
        assert!(matches!(parse_number("1.2.3"), Err(NumberError::SeveralDecimalMarks { .. })));
        assert!(matches!(parse_number("1,5"), Err(NumberError::MisplacedGrouping { .. })));
        assert!(matches!(parse_number("1234,567"), Err(NumberError::MisplacedGrouping { .. })));
        assert!(matches!(parse_number("1.5,000"), Err(NumberError::MisplacedGrouping { .. })));
        assert!(matches!(parse_number("-"), Err(NumberError::NoDigits { .. })));
        assert!(matches!(parse_number("--5"), Err(NumberError::InvalidCharacter { found: '-', .. })));
        assert!(matches!(parse_number("۵ ۰"), Err(NumberError::InvalidCharacter { found: ' ', .. })));
        assert!(parse_number("۱۲\u{200F}").unwrap_err().to_string().contains("نویسهٔ نامرئی U+200F پذیرفته نیست"));
        assert!(parse_number("12a").unwrap_err().to_string().contains("نویسهٔ «a» پذیرفته نیست"));
    }

    #[test]
    fn messages_are_persian_and_quote_the_input() {
        let message = parse_number("12a").unwrap_err().to_string();
        assert_eq!(
            message,
            "«12a» عدد نیست: نویسهٔ «a» پذیرفته نیست. فقط رقم، ممیز (٫ یا .)، جداکنندهٔ هزارگان (٬ یا ,) و علامت منفی در ابتدا مجاز است."
        );
    }

    #[test]
    fn formats_with_persian_digits_and_grouping() {
        assert_eq!(format_integer(0), "۰");
        assert_eq!(format_integer(999), "۹۹۹");
        assert_eq!(format_integer(1000), "۱٬۰۰۰");
        assert_eq!(format_integer(1_234_567), "۱٬۲۳۴٬۵۶۷");
        assert_eq!(format_integer(-1403), "\u{2212}۱٬۴۰۳");
        assert_eq!(format_decimal(1234.5, 2), "۱٬۲۳۴٫۵۰");
        assert_eq!(format_decimal(-0.001, 1), "۰٫۰");
        assert_eq!(format_decimal(12.0, 0), "۱۲");
        assert_eq!(int(1403), "۱۴۰۳");
        assert_eq!(int(-5i64), "-۵");
        assert_eq!(count(12_345), "۱۲۳۴۵");
    }

    #[test]
    fn text_keeps_the_digits_of_codes() {
        assert_eq!(text_digits("جدول T01، سال 1403"), "جدول T01، سال ۱۴۰۳");
        assert_eq!(text_digits("«R-T04-03» و «G01»: 12 مورد"), "«R-T04-03» و «G01»: ۱۲ مورد");
        assert_eq!(text_digits("میلیون m3"), "میلیون m3");
        assert_eq!(text_digits(""), "");
    }

    #[test]
    fn digits_convert_both_ways() {
        assert_eq!(to_persian_digits("066-33221100"), "۰۶۶-۳۳۲۲۱۱۰۰");
        assert_eq!(to_latin_digits("۰۶۶-٣٣٢"), "066-332");
    }

    #[test]
    fn formatted_numbers_parse_back() {
        for v in [-987_654_321_i64, -1, 0, 7, 1000, 1_000_000, 123_456_789_012] {
            assert_eq!(parse_number(&format_integer(v)), Ok(v as f64));
        }
    }

    proptest::proptest! {
        #[test]
        fn any_integer_formats_and_parses_back(v in -1_000_000_000_000_000i64..1_000_000_000_000_000) {
            proptest::prop_assert_eq!(parse_number(&format_integer(v)), Ok(v as f64));
        }

        #[test]
        fn digits_in_any_script_read_the_same(v in 0u64..10_000_000_000, fraction in 0u32..1000) {
            let latin = format!("{v}.{fraction:03}");
            let expected = parse_number(&latin).unwrap();
            let persian = to_persian_digits(&latin).replace('.', "٫");
            let arabic: String = latin.chars().map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32('٠' as u32 + d).unwrap(),
                None => c,
            }).collect();
            proptest::prop_assert_eq!(parse_number(&persian), Ok(expected));
            proptest::prop_assert_eq!(parse_number(&arabic), Ok(expected));
        }
    }
}
