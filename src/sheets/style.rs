//! The cell formats the workbooks Daftar issues share, so that both services' workbooks look
//! alike: thin grey borders, a bold title, shaded headers, and yellow cells to type in.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

/// `format` with the thin grey border of every table cell.
pub fn bordered(format: Format) -> Format {
    format.set_border(FormatBorder::Thin).set_border_color("#B7C4CC")
}

pub fn title() -> Format {
    Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Right)
}

pub fn header() -> Format {
    bordered(Format::new().set_bold().set_background_color("#DDEBE6").set_align(FormatAlign::Center).set_text_wrap())
}

/// A locked label, wrapped, right-aligned and centred vertically.
pub fn label() -> Format {
    bordered(Format::new().set_text_wrap().set_align(FormatAlign::Right).set_align(FormatAlign::VerticalCenter))
}

/// An unlocked, shaded cell where people type.
pub fn input() -> Format {
    Format::new()
        .set_unlocked()
        .set_background_color("#FFF7D6")
        .set_border(FormatBorder::Thin)
        .set_border_color("#E0B84C")
}
