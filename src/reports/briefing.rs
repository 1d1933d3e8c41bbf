//! A briefing session's documents, for either service: one invitation letter per invited
//! agency, and the attendance sheet people sign at the door.

use super::letter::{letterhead, signature};
use super::table::{col, Kind, ReportTable, Value};
use super::Made;
use crate::agencies;
use crate::briefing::{briefing, letters_allowed, Briefing, BriefingError};
use crate::evaluation::{settings_of, EvalSettings, Signatory};
use crate::fa::{self, to_persian_digits, JalaliDate};
use crate::pdf::{Align, Document, Orientation, TextStyle};
use crate::store::Store;
use chrono::{Datelike, Weekday};

/// Who signs the invitations: the office's signatory of appointment letters, as the year's
/// evaluation settings name it (the default title when the file has no evaluation that year).
fn signatory(store: &Store, year: i32) -> Signatory {
    settings_of(store.conn(), year).unwrap_or_else(|_| EvalSettings::default()).signatories.appointment
}

fn weekday(date: JalaliDate) -> &'static str {
    match date.to_gregorian().weekday() {
        Weekday::Sat => "شنبه",
        Weekday::Sun => "یکشنبه",
        Weekday::Mon => "دوشنبه",
        Weekday::Tue => "سه‌شنبه",
        Weekday::Wed => "چهارشنبه",
        Weekday::Thu => "پنجشنبه",
        Weekday::Fri => "جمعه",
    }
}

/// «روز سه‌شنبه ۱۴۰۳/۰۲/۱۱ ساعت ۰۹:۳۰ در سالن جلسات»
fn when_and_where(b: &Briefing) -> String {
    let day = JalaliDate::parse(&b.held_on).map(weekday).unwrap_or_default();
    format!("روز {day} {} ساعت {} در {}", b.held_on, to_persian_digits(&b.starts_at), b.place)
}

/// The session whose documents are asked for, refused while nobody is invited.
fn session(store: &Store, id: i64) -> Result<Briefing, BriefingError> {
    letters_allowed(store.conn(), id)?;
    briefing(store, id, JalaliDate::today())
}

/// One letter per invited agency, on the office's letterhead, signed as its letters are.
pub fn invitation_letters(store: &Store, id: i64) -> Result<Made, BriefingError> {
    let b = session(store, id)?;
    let province = store.province()?;
    let signer = signatory(store, b.year);
    let mut doc = Document::new("دعوت به جلسهٔ توجیهی", Orientation::Portrait).with_header(&province.office);
    for (i, invitee) in b.invitees.iter().enumerate() {
        if i > 0 {
            doc.new_page();
        }
        let agency = agencies::find(store, &invitee.agency_code)?;
        letterhead(&mut doc, &province.office, &b.letter_date, &b.letter_number);
        doc.paragraph(&format!("ریاست محترم {}", agency.name), &TextStyle::body().bold().with_align(Align::Right));
        doc.spacer(6.0);
        doc.paragraph(&format!("موضوع: دعوت به {}", b.title), &TextStyle::body().bold().with_align(Align::Right));
        doc.spacer(6.0);
        let contact = if agency.focal_person.is_empty() {
            String::new()
        } else {
            format!(" (کارشناس رابط آن دستگاه: {})", agency.focal_person)
        };
        doc.paragraph(
            &format!(
                "با سلام و احترام؛ در اجرای فرایند {} سال {} استان {}، {} {} برگزار می‌شود. \
                 خواهشمند است دستور فرمایید مدیر و کارشناس مسئول آن دستگاه{contact} در این جلسه حضور یابند \
                 و نام شرکت‌کنندگان را پیش از جلسه به این سازمان اعلام کنند.",
                b.service.persian(),
                fa::int(b.year),
                province.province,
                b.title,
                when_and_where(&b),
            ),
            &TextStyle::body(),
        );
        signature(&mut doc, &signer.name, &signer.title);
    }
    Ok(Made::new(doc, vec![invitees_table(&b, "دستگاه‌های دعوت‌شده", false)]))
}

/// The sheet signed at the session: each invited agency, who came (as recorded, else blank),
/// and a blank column for the signature.
pub fn attendance_sheet(store: &Store, id: i64) -> Result<Made, BriefingError> {
    let b = session(store, id)?;
    let province = store.province()?;
    let mut doc = Document::new("فهرست حضور در جلسهٔ توجیهی", Orientation::Portrait).with_header(&province.office);
    doc.paragraph(&format!("فهرست حضور — {}", b.title), &TextStyle::heading());
    doc.paragraph(
        &format!("{} سال {} — {}", b.service.persian(), fa::int(b.year), when_and_where(&b)),
        &TextStyle::body(),
    );
    doc.spacer(8.0);
    let table = invitees_table(&b, "فهرست حضور", true);
    let mut spec = table.pdf(10.0);
    // Room to sign: the blank signature cell is three lines tall (the engine drops empty lines,
    // so each holds a zero-width non-joiner).
    for row in &mut spec.rows {
        if let Some(cell) = row.last_mut() {
            *cell = ["\u{200c}"; 3].join("\n");
        }
    }
    doc.table(&spec);
    Ok(Made::new(doc, vec![table]))
}

/// Row, agency, attendee and (for the sheet) a blank signature column.
fn invitees_table(b: &Briefing, sheet: &str, signatures: bool) -> ReportTable {
    let mut columns = vec![
        col("ردیف", 0.6, Kind::Ordinal),
        col("دستگاه اجرایی", 4.2, Kind::Text),
        col("نام و سمت شرکت‌کننده", 3.0, Kind::Text),
    ];
    if signatures {
        columns.push(col("امضا", 1.8, Kind::Verbatim));
    }
    let mut table = ReportTable::new(sheet, &format!("{} — {}", b.title, b.held_on), columns);
    for (n, invitee) in b.invitees.iter().enumerate() {
        let mut row: Vec<Value> =
            vec![((n + 1) as u32).into(), invitee.agency_name.clone().into(), invitee.attendee.clone().into()];
        if signatures {
            row.push(Value::Empty);
        }
        table.push(row);
    }
    table
}
