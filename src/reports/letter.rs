//! What every letter shares: the emblem and the office at the top, the date and number, and
//! a signature block.

use crate::fa::{to_persian_digits, JalaliDate};
use crate::pdf::{Align, Document, TextStyle};

/// The office's emblem (assets/emblem.png).
pub(crate) static EMBLEM: &[u8] = include_bytes!("../../assets/emblem.png");

/// Emblem at the right, the office beside it, date and number at the left.
pub(crate) fn letterhead(doc: &mut Document, office: &str, date: &str, number: &str) {
    let top = doc.y();
    let width = doc.page_width();
    let margin = (width - doc.content_width()) / 2.0;
    let emblem = 48.0;
    doc.image_at(EMBLEM, width - margin - emblem, top, emblem);
    doc.set_y(top + 4.0);
    date_and_number(doc, date, number);
    doc.set_y(top + emblem + 4.0);
    doc.paragraph(office, &TextStyle::small().bold().with_align(Align::Right));
    doc.spacer(12.0);
}

/// «تاریخ: …» and, on a final letter, «شماره: …» at the left. An empty date is today's; an
/// empty number (a draft) prints no number line.
pub(crate) fn date_and_number(doc: &mut Document, date: &str, number: &str) {
    let date = if date.trim().is_empty() { JalaliDate::today().to_string() } else { JalaliDate::display_stored(date) };
    doc.paragraph(&format!("تاریخ: {date}"), &TextStyle::small().with_align(Align::Left));
    if !number.trim().is_empty() {
        doc.paragraph(&format!("شماره: {}", to_persian_digits(number)), &TextStyle::small().with_align(Align::Left));
    }
}

/// The signer's name and title at the left, after some room for the signature.
pub(crate) fn signature(doc: &mut Document, name: &str, title: &str) {
    doc.spacer(26.0);
    if !name.is_empty() {
        doc.paragraph(name, &TextStyle::body().bold().with_align(Align::Left));
    }
    doc.paragraph(title, &TextStyle::body().with_align(Align::Left));
}
