//! The cell formats the workbooks Daftar issues share, so that both services' workbooks look
//! alike: thin grey borders, a bold title, shaded headers, and yellow cells to type in; and
//! how every sheet is laid out and printed: right to left, Persian text in right-to-left
//! reading order, columns as wide as what they hold, one page wide on A4.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// Excel's reading order «right to left» (`readingOrder="2"`): without it Excel and
/// LibreOffice lay a Persian cell out left to right, and a final period or «(ISIC ویرایش ۴)»
/// lands at the wrong end.
pub const RIGHT_TO_LEFT: u8 = 2;

/// The width of a guide sheet's one column: its lines wrap within an A4 portrait page
/// (LibreOffice does not shrink a one-column sheet to fit, so the column must fit as it is).
pub const GUIDE_WIDTH: f64 = 66.0;

/// Excel's paper size number for A4.
const A4: u8 = 9;

/// `format` with the thin grey border of every table cell.
pub fn bordered(format: Format) -> Format {
    format.set_border(FormatBorder::Thin).set_border_color("#B7C4CC")
}

/// `format` reading right to left, for any cell that holds Persian text.
pub fn persian(format: Format) -> Format {
    format.set_reading_direction(RIGHT_TO_LEFT)
}

/// A plain Persian text cell.
pub fn text() -> Format {
    persian(Format::new().set_align(FormatAlign::Right))
}

pub fn title() -> Format {
    persian(Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Right))
}

/// A column header: shaded, centred, wrapped at spaces (`ColumnWidths::header` makes the
/// column at least as wide as the header's longest word, so that no word breaks).
pub fn header() -> Format {
    bordered(persian(
        Format::new()
            .set_bold()
            .set_background_color("#DDEBE6")
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap(),
    ))
}

/// A locked label, wrapped, right-aligned and centred vertically.
pub fn label() -> Format {
    bordered(persian(
        Format::new().set_text_wrap().set_align(FormatAlign::Right).set_align(FormatAlign::VerticalCenter),
    ))
}

/// An unlocked, shaded cell where people type (numbers or Persian text).
pub fn input() -> Format {
    persian(Format::new())
        .set_unlocked()
        .set_background_color("#FFF7D6")
        .set_border(FormatBorder::Thin)
        .set_border_color("#E0B84C")
}

/// A row height (points) that shows `text` wrapped in a column about `chars` characters wide;
/// rust_xlsxwriter does not measure text, and spreadsheet programs do not always refit rows.
pub fn wrapped_height(text: &str, chars: usize) -> f64 {
    let chars = chars.max(1);
    let lines = text.split('\n').map(|l| l.chars().count().div_ceil(chars).max(1)).sum::<usize>();
    (lines as f64 * 16.0 + 4.0).max(20.0)
}

/// How a sheet prints: A4, one page wide (as many pages tall as it needs), landscape when
/// wide, with the rows `header_rows` (first, last) repeated at the top of each page. Not
/// centred: LibreOffice centres a right-to-left sheet off the page, cutting both sides.
pub fn print_setup(sheet: &mut Worksheet, landscape: bool, header_rows: Option<(u32, u32)>) -> Result<(), XlsxError> {
    sheet.set_paper_size(A4).set_print_fit_to_pages(1, 0);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    if let Some((first, last)) = header_rows {
        sheet.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// The width of a column, in Excel's character units, from what it holds: the longest value
/// (text capped at `max`, beyond which it wraps), and a header's longest word, since headers
/// wrap at spaces and a word wider than its column would break in the middle.
#[derive(Debug, Clone)]
pub struct ColumnWidths {
    widths: Vec<f64>,
    max: f64,
}

impl ColumnWidths {
    /// Text longer than `max` characters wraps instead of widening its column.
    pub fn new(max: f64) -> Self {
        Self { widths: Vec::new(), max }
    }

    fn fit(&mut self, column: u16, width: f64) {
        let column = usize::from(column);
        if self.widths.len() <= column {
            self.widths.resize(column + 1, 0.0);
        }
        let width = width.min(self.max);
        if width > self.widths[column] {
            self.widths[column] = width;
        }
    }

    /// A header, wrapped at spaces: as wide as its longest word.
    pub fn header(&mut self, column: u16, text: &str) {
        let word = text.split_whitespace().map(display_width).fold(0.0, f64::max);
        self.fit(column, word + 2.0);
    }

    /// A text value, on one line up to `max` and wrapped beyond.
    pub fn text(&mut self, column: u16, text: &str) {
        let longest = text.lines().map(display_width).fold(0.0, f64::max);
        self.fit(column, longest + 2.0);
    }

    /// A number as its number format shows it, e.g. «1,908.09» for `#,##0.00`.
    pub fn number(&mut self, column: u16, value: f64, decimals: usize) {
        let digits = format!("{:.*}", decimals, value.abs());
        let integer = digits.split('.').next().unwrap_or_default().len();
        let shown = digits.len() + (integer.saturating_sub(1)) / 3 + usize::from(value < 0.0) + 1;
        self.fit(column, shown as f64 + 2.0);
    }

    /// At least `width` characters (a column for people to type into).
    pub fn at_least(&mut self, column: u16, width: f64) {
        self.fit(column, width);
    }

    /// The width found for `column`.
    pub fn width(&self, column: u16) -> f64 {
        self.widths.get(usize::from(column)).copied().unwrap_or(0.0)
    }

    /// Set every column's width on `sheet`.
    pub fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for (c, width) in self.widths.iter().enumerate() {
            sheet.set_column_width(c as u16, width.max(6.0))?;
        }
        Ok(())
    }

    /// The sum of the widths: about how many characters a printed row is wide.
    pub fn total(&self) -> f64 {
        self.widths.iter().map(|w| w.max(6.0)).sum()
    }
}

/// About how many of Excel's character units `text` takes in the default font. Persian
/// letters are about as wide as Latin digits; bold headers and wide letters get a margin.
fn display_width(text: &str) -> f64 {
    text.chars()
        .filter(|c| !matches!(c, '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{064B}'..='\u{0652}'))
        .map(|c| {
            if c.is_ascii_uppercase() || matches!(c, 'م' | 'ش' | 'س' | 'ص' | 'ض' | 'گ' | 'ک') {
                1.3
            } else {
                1.1
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_their_numbers_and_header_words() {
        let mut widths = ColumnWidths::new(50.0);
        widths.header(0, "کل");
        widths.number(0, 1908.09, 2);
        // «1,908.09» is 8 characters: the column holds it with room to spare (no ###).
        assert!(widths.width(0) >= 10.0, "{}", widths.width(0));
        widths.header(1, "امتیاز توسعه‌ای");
        assert!(widths.width(1) >= display_width("توسعه‌ای") + 2.0);
        widths.text(2, &"الف ".repeat(40));
        assert_eq!(widths.width(2), 50.0, "long text wraps at the cap");
        widths.number(3, -1_234_567.0, 0);
        assert!(widths.width(3) >= "-1,234,567".len() as f64 + 2.0);
    }

    #[test]
    fn wrapped_rows_are_tall_enough_for_their_lines() {
        assert_eq!(wrapped_height("کوتاه", 40), 20.0);
        assert_eq!(wrapped_height(&"ب".repeat(81), 40), 3.0 * 16.0 + 4.0);
        assert_eq!(wrapped_height("یک\nدو", 40), 2.0 * 16.0 + 4.0);
    }
}
