//! Jalali (Solar Hijri) dates over icu_calendar's Persian calendar, converted to and from
//! chrono's Gregorian dates. Years in Daftar are Jalali.

use chrono::{Datelike, NaiveDate};
use icu_calendar::{cal::Persian, Date, Iso};
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

use super::{to_latin_digits, to_persian_digits};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum JalaliError {
    #[error("«{text}» تاریخ شمسی نیست؛ آن را به شکل ۱۴۰۳/۰۱/۰۱ بنویسید (سال/ماه/روز).")]
    Malformed { text: String },
    #[error("تاریخ {year}/{month}/{day} در تقویم شمسی وجود ندارد؛ ماه‌های ۱ تا ۶ سی‌ویک روز، ۷ تا ۱۱ سی روز و اسفند ۲۹ یا ۳۰ روز دارد.")]
    OutOfRange { year: i32, month: u32, day: u32 },
}

impl crate::Problem for JalaliError {
    fn code(&self) -> &'static str {
        "fa.date"
    }
}

/// A day of the Jalali calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct JalaliDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl JalaliDate {
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, JalaliError> {
        Date::try_new_persian(year, month, day)
            .map(|_| Self { year, month, day })
            .map_err(|_| JalaliError::OutOfRange { year, month: month.into(), day: day.into() })
    }

    pub fn from_gregorian(date: NaiveDate) -> Self {
        let month = u8::try_from(date.month()).expect("month fits u8");
        let day = u8::try_from(date.day()).expect("day fits u8");
        let iso = Date::try_new_iso(date.year(), month, day).expect("chrono dates are valid ISO dates");
        let persian = iso.to_calendar(Persian);
        Self { year: persian.year().extended_year(), month: persian.month().ordinal, day: persian.day_of_month().0 }
    }

    pub fn to_gregorian(self) -> NaiveDate {
        let persian = Date::try_new_persian(self.year, self.month, self.day).expect("checked when built");
        let iso = persian.to_calendar(Iso);
        NaiveDate::from_ymd_opt(iso.year().extended_year(), iso.month().ordinal.into(), iso.day_of_month().0.into())
            .expect("ISO dates are valid chrono dates")
    }

    /// Today on this computer's clock, in its local time zone.
    pub fn today() -> Self {
        Self::from_gregorian(chrono::Local::now().date_naive())
    }

    pub fn is_leap_year(year: i32) -> bool {
        Date::try_new_persian(year, 12, 30).is_ok()
    }

    /// Read «۱۴۰۳/۰۱/۰۱», «1403/1/1» or «1403-01-01», in any digits.
    pub fn parse(text: &str) -> Result<Self, JalaliError> {
        let malformed = || JalaliError::Malformed { text: text.trim().to_string() };
        let latin = to_latin_digits(text.trim());
        let parts: Vec<&str> = latin.split(['/', '-']).collect();
        let [y, m, d] = parts.as_slice() else { return Err(malformed()) };
        let year: i32 = y.parse().map_err(|_| malformed())?;
        let month: u8 = m.parse().map_err(|_| malformed())?;
        let day: u8 = d.parse().map_err(|_| malformed())?;
        if y.len() != 4 {
            return Err(malformed());
        }
        Self::new(year, month, day)
    }

    /// The day `days` later (earlier when negative).
    pub fn add_days(self, days: i64) -> Self {
        Self::from_gregorian(self.to_gregorian() + chrono::Duration::days(days))
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Self) -> i64 {
        (later.to_gregorian() - self.to_gregorian()).num_days()
    }

    /// «۱۴۰۳/۰۱/۰۱» for a date stored as «1403/01/01»; any other text as it is.
    pub fn display_stored(text: &str) -> String {
        Self::parse(text).map(|d| d.to_string()).unwrap_or_else(|_| text.to_string())
    }

    /// «1403/01/01» with Latin digits, for files that other programs read.
    pub fn to_latin_string(self) -> String {
        format!("{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }
}

/// «۱۴۰۳/۰۱/۰۱», as people read dates.
impl fmt::Display for JalaliDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_persian_digits(&self.to_latin_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn greg(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn adding_days_crosses_months_and_leap_years() {
        let last = JalaliDate::new(1403, 12, 30).unwrap();
        assert_eq!(last.add_days(1), JalaliDate::new(1404, 1, 1).unwrap());
        assert_eq!(JalaliDate::new(1403, 6, 31).unwrap().add_days(1), JalaliDate::new(1403, 7, 1).unwrap());
        assert_eq!(JalaliDate::new(1404, 1, 1).unwrap().add_days(-1), last);
        assert_eq!(JalaliDate::new(1403, 1, 1).unwrap().days_until(JalaliDate::new(1404, 1, 1).unwrap()), 366);
    }

    #[test]
    fn known_dates() {
        assert_eq!(JalaliDate::new(1403, 1, 1).unwrap().to_gregorian(), greg(2024, 3, 20));
        assert_eq!(JalaliDate::new(1403, 12, 30).unwrap().to_gregorian(), greg(2025, 3, 20));
        assert_eq!(JalaliDate::from_gregorian(greg(2025, 3, 21)), JalaliDate::new(1404, 1, 1).unwrap());
        assert_eq!(JalaliDate::from_gregorian(greg(1979, 2, 11)), JalaliDate::new(1357, 11, 22).unwrap());
        assert!(JalaliDate::is_leap_year(1403));
        assert!(!JalaliDate::is_leap_year(1402));
        assert!(JalaliDate::new(1402, 12, 30).is_err());
    }

    /// Every day from 1300/01/01 to 1500/12/end: Jalali -> Gregorian -> Jalali is the
    /// identity, and consecutive Jalali days are consecutive Gregorian days.
    #[test]
    fn every_day_from_1300_to_1500_round_trips() {
        let mut previous: Option<NaiveDate> = None;
        let mut days = 0;
        for year in 1300..=1500 {
            for month in 1..=12u8 {
                let length = match month {
                    1..=6 => 31,
                    7..=11 => 30,
                    _ if JalaliDate::is_leap_year(year) => 30,
                    _ => 29,
                };
                for day in 1..=length {
                    let jalali = JalaliDate::new(year, month, day).unwrap();
                    let gregorian = jalali.to_gregorian();
                    assert_eq!(JalaliDate::from_gregorian(gregorian), jalali);
                    if let Some(p) = previous {
                        assert_eq!(gregorian - p, chrono::Duration::days(1), "after {jalali}");
                    }
                    previous = Some(gregorian);
                    days += 1;
                }
                assert!(JalaliDate::new(year, month, length + 1).is_err());
            }
        }
        // 201 years of 365 days plus the leap days between.
        assert!((201 * 365 + 45..=201 * 365 + 52).contains(&days), "{days}");
    }

    #[test]
    fn parses_and_prints() {
        let d = JalaliDate::parse("۱۴۰۳/۰۱/۰۱").unwrap();
        assert_eq!(d, JalaliDate::new(1403, 1, 1).unwrap());
        assert_eq!(JalaliDate::parse("1403-1-1").unwrap(), d);
        assert_eq!(d.to_string(), "۱۴۰۳/۰۱/۰۱");
        assert_eq!(d.to_latin_string(), "1403/01/01");
        assert!(matches!(JalaliDate::parse("1403/13/01"), Err(JalaliError::OutOfRange { .. })));
        assert!(matches!(JalaliDate::parse("03/01/01"), Err(JalaliError::Malformed { .. })));
        assert!(matches!(JalaliDate::parse("امروز"), Err(JalaliError::Malformed { .. })));
    }

    proptest::proptest! {
        #[test]
        fn any_gregorian_day_round_trips(days in 0i64..(200 * 366)) {
            let day = greg(1921, 3, 21) + chrono::Duration::days(days);
            let jalali = JalaliDate::from_gregorian(day);
            proptest::prop_assert_eq!(jalali.to_gregorian(), day);
            proptest::prop_assert_eq!(JalaliDate::parse(&jalali.to_string()), Ok(jalali));
        }
    }
}
