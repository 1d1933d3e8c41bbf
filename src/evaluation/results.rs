//! Totals, percent of the scale, tiers, ranks and growth of every agency. `compute` is pure
//! (the benchmark and the unit tests call it directly); `results` loads a year and calls it.
//!
//! Tie-break (docs/formats/indicators.md): a higher combined score ranks first; equal combined
//! scores are ordered by the general score, then by specific plus development; agencies still
//! equal share a rank (1, 2, 2, 4). Scores are compared after rounding to two decimals.

use super::catalog::catalog_of;
use super::model::{Catalog, IndicatorKind};
use super::scores::{current_scores, Stage};
use super::scoring::round2;
use super::settings::{Combine, EvalSettings};
use super::{settings_of, EvaluationError};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;
use ts_rs::TS;

/// An agency as the results name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AgencyRef {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub group: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AxisScore {
    pub axis: String,
    pub title: String,
    pub score: f64,
    pub ceiling: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AgencyResult {
    pub agency: AgencyRef,
    pub general: f64,
    pub specific: f64,
    pub development: f64,
    pub total: f64,
    pub percent: f64,
    pub tier: String,
    pub rank: u32,
    pub group_rank: u32,
    pub previous_percent: Option<f64>,
    /// Percent this year minus percent last year, in points.
    pub growth: Option<f64>,
    /// Indicators without a score (counted as zero).
    pub unscored: u32,
    /// General indicators by axis, then «اختصاصی» and «توسعه‌ای».
    pub by_axis: Vec<AxisScore>,
}

/// Which scores count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The evaluator's scores.
    Preliminary,
    /// The evaluator's scores with decided objections applied.
    Final,
}

/// Earned scores, each agency's together: agency code -> indicator code -> score. An agency's
/// results read its own few hundred scores from a map of their own; one map of every
/// (agency, indicator) pair outgrows the processor's cache at a country's size (558,000 pairs
/// at 1,860 agencies), and then every score read waits on memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores(HashMap<String, HashMap<String, f64>>);

impl Scores {
    pub fn get(&self, agency: &str, indicator: &str) -> Option<f64> {
        self.0.get(agency)?.get(indicator).copied()
    }

    /// Sets (or replaces) the score of `agency` on `indicator`.
    pub fn insert(&mut self, agency: String, indicator: String, score: f64) {
        self.0.entry(agency).or_default().insert(indicator, score);
    }
}

impl FromIterator<((String, String), f64)> for Scores {
    fn from_iter<I: IntoIterator<Item = ((String, String), f64)>>(pairs: I) -> Self {
        let mut scores = Scores::default();
        for ((agency, indicator), score) in pairs {
            scores.insert(agency, indicator, score);
        }
        scores
    }
}

/// Results of every agency in rank order, from its earned `scores`; `previous` is last year's
/// percent by agency code.
pub fn compute(
    settings: &EvalSettings,
    catalog: &Catalog,
    agencies: &[AgencyRef],
    scores: &Scores,
    previous: &HashMap<String, f64>,
) -> Vec<AgencyResult> {
    // Agency code -> its position in `agencies` (the first, should a code come twice), and each
    // position's indicators in catalog order.
    let mut position: HashMap<&str, usize> = HashMap::with_capacity(agencies.len());
    for (at, agency) in agencies.iter().enumerate() {
        position.entry(agency.code.as_str()).or_insert(at);
    }
    let mut by_agency: Vec<Vec<&super::Indicator>> = vec![Vec::new(); agencies.len()];
    for indicator in &catalog.indicators {
        for code in &indicator.agencies {
            if let Some(&at) = position.get(code.as_str()) {
                by_agency[at].push(indicator);
            }
        }
    }
    let no_scores = HashMap::new();
    let mut results: Vec<AgencyResult> = agencies
        .iter()
        .filter_map(|agency| {
            let indicators = &by_agency[position[agency.code.as_str()]];
            if indicators.is_empty() {
                return None;
            }
            let own = scores.0.get(&agency.code).unwrap_or(&no_scores);
            let sums = sum_by_kind_and_axis(catalog, indicators, own);
            Some(result_of(settings, agency, sums, previous.get(&agency.code).copied()))
        })
        .collect();
    results.sort_by(|a, b| rank_order(a, b).then_with(|| a.agency.code.cmp(&b.agency.code)));
    assign_ranks(&mut results);
    results
}

/// An agency's earned scores added up by kind and by axis.
struct Sums {
    general: f64,
    specific: f64,
    development: f64,
    unscored: u32,
    by_axis: Vec<AxisScore>,
}

/// `own` is the agency's scores by indicator code.
fn sum_by_kind_and_axis(catalog: &Catalog, indicators: &[&super::Indicator], own: &HashMap<String, f64>) -> Sums {
    let mut sums = Sums { general: 0.0, specific: 0.0, development: 0.0, unscored: 0, by_axis: empty_axes(catalog) };
    for indicator in indicators {
        let score = match own.get(&indicator.code) {
            Some(s) => *s,
            None => {
                sums.unscored += 1;
                0.0
            }
        };
        let axis = match indicator.kind {
            IndicatorKind::General => {
                sums.general += score;
                indicator.axis_code.as_deref().unwrap_or_default()
            }
            IndicatorKind::Specific => {
                sums.specific += score;
                "specific"
            }
            IndicatorKind::Development => {
                sums.development += score;
                "development"
            }
        };
        if let Some(a) = sums.by_axis.iter_mut().find(|a| a.axis == axis) {
            a.score += score;
            a.ceiling += indicator.ceiling;
        }
    }
    sums.by_axis.retain(|a| a.ceiling > 0.0);
    for a in &mut sums.by_axis {
        a.score = round2(a.score);
    }
    sums
}

/// The catalog's axes, then the specific and development indicators as two more, all at zero.
fn empty_axes(catalog: &Catalog) -> Vec<AxisScore> {
    let mut axes: Vec<AxisScore> = catalog
        .axes
        .iter()
        .map(|a| AxisScore { axis: a.code.clone(), title: a.title.clone(), score: 0.0, ceiling: 0.0 })
        .collect();
    for (axis, kind) in [("specific", IndicatorKind::Specific), ("development", IndicatorKind::Development)] {
        axes.push(AxisScore { axis: axis.into(), title: kind.persian().into(), score: 0.0, ceiling: 0.0 });
    }
    axes
}

/// Totals, percent and tier by the settings' way of combining; growth over last year.
fn result_of(settings: &EvalSettings, agency: &AgencyRef, sums: Sums, previous_percent: Option<f64>) -> AgencyResult {
    let (general, specific, development) = (round2(sums.general), round2(sums.specific), round2(sums.development));
    let (total, percent) = match settings.combine {
        Combine::Sum => {
            let total = round2(general + specific + development);
            (total, round2(total / settings.max_total() * 100.0))
        }
        Combine::Weighted => {
            let percent = general / settings.general_scale * settings.general_weight
                + (specific + development) / settings.specific_scale * (100.0 - settings.general_weight);
            (round2(percent * settings.max_total() / 100.0), round2(percent))
        }
    };
    AgencyResult {
        agency: agency.clone(),
        general,
        specific,
        development,
        total,
        percent,
        tier: settings.tier_of(percent),
        rank: 0,
        group_rank: 0,
        previous_percent,
        growth: previous_percent.map(|p| round2(percent - p)),
        unscored: sums.unscored,
        by_axis: sums.by_axis,
    }
}

/// Higher combined first, then general, then specific plus development.
fn rank_order(a: &AgencyResult, b: &AgencyResult) -> Ordering {
    let key = |r: &AgencyResult| (round2(r.total), round2(r.general), round2(r.specific + r.development));
    let (ka, kb) = (key(a), key(b));
    kb.0.total_cmp(&ka.0).then(kb.1.total_cmp(&ka.1)).then(kb.2.total_cmp(&ka.2))
}

/// Competition ranking overall and within each festival group (results are in rank order).
fn assign_ranks(results: &mut [AgencyResult]) {
    let mut group_seen: HashMap<String, (u32, Option<usize>)> = HashMap::new();
    for i in 0..results.len() {
        results[i].rank = if i > 0 && rank_order(&results[i - 1], &results[i]) == Ordering::Equal {
            results[i - 1].rank
        } else {
            i as u32 + 1
        };
        let group = results[i].agency.group.clone();
        let (count, last) = group_seen.get(&group).copied().unwrap_or((0, None));
        let rank = match last {
            Some(j) if rank_order(&results[j], &results[i]) == Ordering::Equal => results[j].group_rank,
            _ => count + 1,
        };
        results[i].group_rank = rank;
        group_seen.insert(group, (count + 1, Some(i)));
    }
}

/// Agencies as the results name them, active ones only.
pub fn agency_refs(conn: &Connection) -> Result<Vec<AgencyRef>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT a.code, a.name, a.short_name, coalesce(g.name, '') FROM agency a LEFT JOIN agency_group g ON g.id = a.group_id
         WHERE a.active = 1 ORDER BY a.code",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(AgencyRef { code: r.get(0)?, name: r.get(1)?, short_name: r.get(2)?, group: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The score that counts for each (agency, indicator) on `basis`.
pub fn scores_on(conn: &Connection, year: i32, basis: Basis) -> Result<Scores, EvaluationError> {
    let mut scores: Scores =
        current_scores(conn, year, Stage::Evaluator)?.into_iter().map(|(k, s)| (k, s.score)).collect();
    if basis == Basis::Final {
        let mut stmt = conn.prepare(
            "SELECT a.code, o.indicator_code, o.new_score FROM ev_objection o JOIN agency a ON a.id = o.agency_id
             WHERE o.year = ?1 AND o.decision IN ('accepted', 'partly') AND o.new_score IS NOT NULL",
        )?;
        for row in
            stmt.query_map([year], |r| Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get::<_, f64>(2)?)))?
        {
            let ((agency, indicator), score) = row?;
            scores.insert(agency, indicator, score);
        }
    }
    Ok(scores)
}

/// Last year's percent by agency code.
pub fn previous_percents(conn: &Connection, year: i32) -> Result<HashMap<String, f64>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT a.code, p.percent FROM ev_past_result p JOIN agency a ON a.id = p.agency_id WHERE p.year = ?1",
    )?;
    let rows = stmt.query_map(params![year - 1], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
}

/// The results of a year on `basis`, computed from the scores in the file.
pub fn results(conn: &Connection, year: i32, basis: Basis) -> Result<Vec<AgencyResult>, EvaluationError> {
    let settings = settings_of(conn, year)?;
    let catalog = catalog_of(conn, year)?;
    let agencies = agency_refs(conn)?;
    let scores = scores_on(conn, year, basis)?;
    let previous = previous_percents(conn, year)?;
    Ok(compute(&settings, &catalog, &agencies, &scores, &previous))
}

/// How many agencies are in each tier, in the order of the settings.
pub fn tier_counts(settings: &EvalSettings, results: &[AgencyResult]) -> Vec<(String, u32)> {
    settings
        .tiers
        .iter()
        .map(|t| (t.name.clone(), results.iter().filter(|r| r.tier == t.name).count() as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::model::{Axis, Indicator};

    fn indicator(code: &str, kind: IndicatorKind, ceiling: f64, agencies: &[&str]) -> Indicator {
        let axis_code = (kind == IndicatorKind::General).then(|| "A1".to_string());
        Indicator {
            axis_code,
            ..Indicator::points(code, kind, ceiling, agencies.iter().map(|a| a.to_string()).collect())
        }
    }

    fn agency(code: &str, group: &str) -> AgencyRef {
        AgencyRef {
            code: code.into(), name: format!("دستگاه {code}"), short_name: code.into(), group: group.into()
        }
    }

    fn setup() -> (EvalSettings, Catalog, Vec<AgencyRef>) {
        let all = ["1", "2", "3", "4"];
        let catalog = Catalog::new(
            vec![Axis { code: "A1".into(), title: "محور یک".into() }],
            vec![
                indicator("G1", IndicatorKind::General, 1000.0, &all),
                indicator("S1", IndicatorKind::Specific, 800.0, &all),
                indicator("D1", IndicatorKind::Development, 200.0, &all),
            ],
        );
        let agencies = vec![agency("1", "الف"), agency("2", "الف"), agency("3", "ب"), agency("4", "ب")];
        (EvalSettings::default(), catalog, agencies)
    }

    fn scores(rows: &[(&str, f64, f64, f64)]) -> Scores {
        let mut map = Scores::default();
        for (a, g, s, d) in rows {
            map.insert(a.to_string(), "G1".into(), *g);
            map.insert(a.to_string(), "S1".into(), *s);
            map.insert(a.to_string(), "D1".into(), *d);
        }
        map
    }

    #[test]
    fn totals_percent_and_tiers() {
        let (settings, catalog, agencies) = setup();
        let s = scores(&[
            ("1", 950.0, 760.0, 190.0),
            ("2", 700.0, 600.0, 100.0),
            ("3", 500.0, 400.0, 100.0),
            ("4", 800.0, 700.0, 150.0),
        ]);
        let r = compute(&settings, &catalog, &agencies, &s, &HashMap::new());
        let first = &r[0];
        assert_eq!(
            (first.agency.code.as_str(), first.total, first.percent, first.tier.as_str()),
            ("1", 1900.0, 95.0, "عالی")
        );
        assert_eq!(r.iter().map(|x| x.tier.as_str()).collect::<Vec<_>>(), ["عالی", "خیلی خوب", "خوب", "ضعیف"]);
        assert_eq!(r[1].agency.code, "4");
        assert_eq!(
            r[1].by_axis.iter().map(|a| (a.title.as_str(), a.score, a.ceiling)).collect::<Vec<_>>(),
            [("محور یک", 800.0, 1000.0), ("اختصاصی", 700.0, 800.0), ("توسعه‌ای", 150.0, 200.0)]
        );
    }

    #[test]
    fn ties_are_broken_by_general_then_shared() {
        let (settings, catalog, agencies) = setup();
        // 1 and 2 tie on the total; 2 has the higher general score. 3 and 4 tie on everything.
        let s = scores(&[
            ("1", 600.0, 700.0, 100.0),
            ("2", 700.0, 600.0, 100.0),
            ("3", 500.0, 500.0, 100.0),
            ("4", 500.0, 500.0, 100.0),
        ]);
        let r = compute(&settings, &catalog, &agencies, &s, &HashMap::new());
        let ranks: Vec<(&str, u32, u32)> = r.iter().map(|x| (x.agency.code.as_str(), x.rank, x.group_rank)).collect();
        assert_eq!(ranks, [("2", 1, 1), ("1", 2, 2), ("3", 3, 1), ("4", 3, 1)]);
    }

    #[test]
    fn growth_is_the_change_in_percent_points() {
        let (settings, catalog, agencies) = setup();
        let s = scores(&[("1", 900.0, 700.0, 150.0), ("2", 700.0, 600.0, 100.0)]);
        let previous = HashMap::from([("1".to_string(), 80.25), ("2".to_string(), 72.0)]);
        let r = compute(&settings, &catalog, &agencies, &s, &previous);
        let one = r.iter().find(|x| x.agency.code == "1").unwrap();
        assert_eq!((one.percent, one.growth), (87.5, Some(7.25)));
        let two = r.iter().find(|x| x.agency.code == "2").unwrap();
        assert_eq!(two.growth, Some(-2.0));
        let three = r.iter().find(|x| x.agency.code == "3").unwrap();
        assert_eq!((three.growth, three.unscored), (None, 3), "no scores: zero, counted as unscored");
    }

    #[test]
    fn weighted_combination_uses_the_general_weight() {
        let (mut settings, catalog, agencies) = setup();
        settings.combine = Combine::Weighted;
        settings.general_weight = 60.0;
        let s = scores(&[("1", 500.0, 800.0, 200.0)]);
        let r = compute(&settings, &catalog, &agencies, &s, &HashMap::new());
        let one = r.iter().find(|x| x.agency.code == "1").unwrap();
        // 0.5 × 60 + 1.0 × 40 = 70
        assert_eq!((one.percent, one.total), (70.0, 1400.0));
    }
}
