//! Which backups a folder keeps: the last few, one a day for some days, one a month for some
//! months (Jalali months, as the office counts them). A pure function over the moments.

use crate::fa::JalaliDate;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many backups the rotation keeps; a setting of the province file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rotation {
    /// The newest this many, whatever their day.
    pub keep_last: u32,
    /// The newest of each day, for this many days back from today.
    pub keep_days: u32,
    /// The newest of each Jalali month, for this many months back from this month.
    pub keep_months: u32,
}

impl Default for Rotation {
    fn default() -> Self {
        Self { keep_last: 10, keep_days: 30, keep_months: 24 }
    }
}

/// For each moment (any order), whether the rotation keeps it at `now`.
pub fn keeps(moments: &[NaiveDateTime], rotation: &Rotation, now: NaiveDateTime) -> Vec<bool> {
    let mut order: Vec<usize> = (0..moments.len()).collect();
    order.sort_by(|a, b| moments[*b].cmp(&moments[*a]));
    let mut keep = vec![false; moments.len()];
    for &i in order.iter().take(rotation.keep_last as usize) {
        keep[i] = true;
    }
    let today = now.date();
    let this_month = month_index(JalaliDate::from_gregorian(today));
    let mut days_seen = std::collections::HashSet::new();
    let mut months_seen = std::collections::HashSet::new();
    for &i in &order {
        let day = moments[i].date();
        let age_days = (today - day).num_days();
        if age_days < i64::from(rotation.keep_days) && days_seen.insert(day) {
            keep[i] = true;
        }
        let month = month_index(JalaliDate::from_gregorian(day));
        if this_month - month < i64::from(rotation.keep_months) && months_seen.insert(month) {
            keep[i] = true;
        }
    }
    keep
}

fn month_index(date: JalaliDate) -> i64 {
    i64::from(date.year) * 12 + i64::from(date.month) - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    fn kept(moments: &[NaiveDateTime], rotation: Rotation, now: NaiveDateTime) -> Vec<NaiveDateTime> {
        let keep = keeps(moments, &rotation, now);
        let mut out: Vec<_> = moments.iter().zip(keep).filter(|(_, k)| *k).map(|(m, _)| *m).collect();
        out.sort();
        out
    }

    #[test]
    fn the_last_ten_are_kept_whatever_their_day() {
        let now = at(2024, 6, 1, 12);
        let moments: Vec<_> = (0..15).map(|i| now - Duration::minutes(i)).collect();
        let only_last = Rotation { keep_last: 10, keep_days: 0, keep_months: 0 };
        let kept = kept(&moments, only_last, now);
        assert_eq!(kept.len(), 10);
        assert_eq!(kept.first(), Some(&(now - Duration::minutes(9))), "the oldest five go");
    }

    #[test]
    fn one_a_day_for_thirty_days_the_newest_of_the_day() {
        let now = at(2024, 6, 30, 18);
        // Three a day for 40 days.
        let moments: Vec<_> =
            (0..40).flat_map(|d| [8, 12, 16].map(|h| at(2024, 6, 30, h) - Duration::days(d))).collect();
        let daily = Rotation { keep_last: 0, keep_days: 30, keep_months: 0 };
        let kept = kept(&moments, daily, now);
        assert_eq!(kept.len(), 30, "one for each of the last 30 days");
        assert!(kept.iter().all(|m| m.time() == at(2024, 1, 1, 16).time()), "the newest of each day");
        assert_eq!(kept.first().unwrap().date(), (now - Duration::days(29)).date());
    }

    #[test]
    fn one_a_jalali_month_for_the_months_asked() {
        // 1403/01/01 = 2024-03-20; one backup every day from then for a year.
        let start = at(2024, 3, 20, 9);
        let moments: Vec<_> = (0..365).map(|d| start + Duration::days(d)).collect();
        let now = *moments.last().unwrap();
        let monthly = Rotation { keep_last: 0, keep_days: 0, keep_months: 24 };
        let kept = kept(&moments, monthly, now);
        assert_eq!(kept.len(), 12, "one for each Jalali month of 1403");
        // The one kept for Farvardin is its last day, 1403/01/31 = 2024-04-19.
        assert_eq!(kept[0], at(2024, 4, 19, 9));
        let three_months = Rotation { keep_last: 0, keep_days: 0, keep_months: 3 };
        assert_eq!(super::keeps(&moments, &three_months, now).iter().filter(|k| **k).count(), 3);
    }

    #[test]
    fn the_defaults_keep_last_daily_and_monthly_together() {
        let start = at(2024, 3, 20, 9);
        // Five a day for 100 days.
        let moments: Vec<_> =
            (0..100).flat_map(|d| (0..5).map(move |h| start + Duration::days(d) + Duration::hours(h))).collect();
        let now = *moments.iter().max().unwrap();
        let kept = kept(&moments, Rotation::default(), now);
        // 10 last (two days' worth, of which the newest of each day counts once), 30 days,
        // and the months before the last 30 days: Farvardin, Ordibehesht (and Khordad's end
        // falls inside the 30 days).
        let days: std::collections::BTreeSet<_> = kept.iter().map(|m| m.date()).collect();
        assert!(kept.len() >= 30 + 8, "{}", kept.len());
        assert!(days.len() >= 30);
        assert!(kept.contains(&at(2024, 4, 19, 13)), "Farvardin's newest stays");
        assert!(!kept.contains(&at(2024, 4, 18, 13)), "another Farvardin day goes");
    }

    #[test]
    fn nothing_and_everything() {
        let now = at(2024, 6, 1, 12);
        assert!(keeps(&[], &Rotation::default(), now).is_empty());
        let two = [now, now - Duration::days(400)];
        assert_eq!(keeps(&two, &Rotation::default(), now), vec![true, true], "fewer than ten: all stay");
    }
}
