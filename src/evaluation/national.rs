//! The national tiering as it comes back from the national Administrative and Recruitment
//! Organization (seed step 17): each agency's national tier and rank, and the province's rank
//! among the provinces. `approval::import_national` stores it; every results view, the
//! scorecard, the ranking and the booklet read it here, and the notification letter to the
//! agencies (seed step 18) is made from it once the council has approved.

use super::approval::approved_results;
use super::EvaluationError;
use crate::fa;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Said wherever the national tiering would be shown before it is imported.
pub const NOT_YET: &str = "رتبه‌بندی ملی هنوز نرسیده است";

/// One agency's place in the national tiering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NationalTier {
    pub agency_code: String,
    pub tier: String,
    pub rank: Option<u32>,
}

/// The year's national tiering, or that it has not come yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NationalTiering {
    pub year: i32,
    /// False until the national tiering of the year has been imported.
    pub imported: bool,
    pub agencies: Vec<NationalTier>,
    /// The province's rank among the provinces, and how many were ranked.
    pub province_rank: Option<u32>,
    pub province_count: Option<u32>,
    /// The province's standing in a sentence, or why it is not known.
    pub province_text: String,
    /// What stands for the national tier of an agency the tiering does not list.
    pub absent_text: String,
}

/// The national tiering of `year` as imported (empty, and saying so, before the import).
pub fn national_tiering(conn: &Connection, year: i32) -> Result<NationalTiering, EvaluationError> {
    let (province_rank, province_count): (Option<u32>, Option<u32>) =
        conn.query_row("SELECT province_rank, province_count FROM ev_year WHERE year = ?1", [year], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let mut stmt = conn.prepare(
        "SELECT a.code, n.national_tier, n.national_rank FROM ev_national n JOIN agency a ON a.id = n.agency_id
         WHERE n.year = ?1 ORDER BY coalesce(n.national_rank, 1e9), a.code",
    )?;
    let agencies = stmt
        .query_map([year], |r| Ok(NationalTier { agency_code: r.get(0)?, tier: r.get(1)?, rank: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let imported = !agencies.is_empty() || province_rank.is_some();
    Ok(NationalTiering {
        year,
        imported,
        province_text: province_text(imported, province_rank, province_count),
        absent_text: if imported { "در سطح‌بندی ملی نیامده".into() } else { NOT_YET.into() },
        agencies,
        province_rank,
        province_count,
    })
}

fn province_text(imported: bool, rank: Option<u32>, count: Option<u32>) -> String {
    match (imported, rank, count) {
        (false, ..) => format!("{NOT_YET}."),
        (true, None, _) => "سطح‌بندی ملی رسیده است، ولی رتبهٔ استان در میان استان‌ها در آن نیامده است.".into(),
        (true, Some(rank), Some(count)) => {
            format!("رتبهٔ استان در میان استان‌های کشور: {} از {}.", fa::int(rank), fa::int(count))
        }
        (true, Some(rank), None) => format!("رتبهٔ استان در میان استان‌های کشور: {}.", fa::int(rank)),
    }
}

impl NationalTiering {
    pub fn of(&self, agency_code: &str) -> Option<&NationalTier> {
        self.agencies.iter().find(|a| a.agency_code == agency_code)
    }

    /// The agency's national tier for a table cell: the tier, or why there is none.
    pub fn tier_text(&self, agency_code: &str) -> String {
        self.of(agency_code).map_or_else(|| self.absent_text.clone(), |a| a.tier.clone())
    }

    /// The agency's national rank for a table cell, «—» when there is none.
    pub fn rank_text(&self, agency_code: &str) -> String {
        self.of(agency_code).and_then(|a| a.rank).map_or_else(|| "—".into(), fa::int)
    }

    /// The province's rank among the provinces for a table cell: «۵ از ۳۱», or why not known.
    pub fn province_standing(&self) -> String {
        match (self.imported, self.province_rank, self.province_count) {
            (false, ..) => NOT_YET.into(),
            (true, None, _) => "در سطح‌بندی ملی نیامده".into(),
            (true, Some(rank), Some(count)) => fa::of(rank as usize, count as usize),
            (true, Some(rank), None) => fa::int(rank),
        }
    }

    /// The agency's national tier and rank in a phrase: «سطح ملی «عالی»، رتبهٔ ملی ۳», or
    /// that the tiering has not come yet or does not list the agency.
    pub fn agency_text(&self, agency_code: &str) -> String {
        match self.of(agency_code) {
            Some(a) => {
                let rank = a.rank.map(|r| format!("، رتبهٔ ملی {}", fa::int(r))).unwrap_or_default();
                format!("سطح ملی «{}»{rank}", a.tier)
            }
            None if self.imported => "در سطح‌بندی ملی نیامده است".into(),
            None => NOT_YET.into(),
        }
    }
}

/// Why the letters notifying the agencies of their tiers and the provinces' ranking (seed
/// step 18) cannot be made yet: they follow the council's approval and the national tiering.
pub fn notification_allowed(conn: &Connection, year: i32) -> Result<(), EvaluationError> {
    if approved_results(conn, year)?.is_none() {
        let council = super::settings_of(conn, year)?.council;
        return Err(EvaluationError::NotificationBeforeApproval { year, council });
    }
    if !national_tiering(conn, year)?.imported {
        return Err(EvaluationError::NationalNotImported { year });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiering(imported: bool, agencies: Vec<NationalTier>) -> NationalTiering {
        NationalTiering {
            year: 1403,
            imported,
            agencies,
            province_rank: None,
            province_count: None,
            province_text: province_text(imported, None, None),
            absent_text: if imported { "در سطح‌بندی ملی نیامده".into() } else { NOT_YET.into() },
        }
    }

    #[test]
    fn before_the_import_every_place_says_it_has_not_come() {
        let t = tiering(false, vec![]);
        assert_eq!(t.agency_text("101"), NOT_YET);
        assert_eq!(t.tier_text("101"), NOT_YET);
        assert_eq!(t.province_text, format!("{NOT_YET}."));
    }

    #[test]
    fn after_the_import_an_agency_has_its_tier_or_is_said_to_be_missing() {
        let t = tiering(true, vec![NationalTier { agency_code: "101".into(), tier: "عالی".into(), rank: Some(3) }]);
        assert_eq!(t.agency_text("101"), "سطح ملی «عالی»، رتبهٔ ملی ۳");
        assert_eq!(t.rank_text("101"), "۳");
        assert_eq!(t.agency_text("102"), "در سطح‌بندی ملی نیامده است");
        assert_eq!(t.rank_text("102"), "—");
        assert_eq!(province_text(true, Some(5), Some(31)), "رتبهٔ استان در میان استان‌های کشور: ۵ از ۳۱.");
    }
}
