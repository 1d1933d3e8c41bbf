//! The catalog of a year: axes, indicators with their scoring method, measures, and which
//! agency is evaluated on which indicator.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    General,
    Specific,
    Development,
}

impl IndicatorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::Specific => "specific",
            Self::Development => "development",
        }
    }
    pub fn from_db(text: &str) -> Self {
        match text {
            "general" => Self::General,
            "specific" => Self::Specific,
            _ => Self::Development,
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::General => "عمومی",
            Self::Specific => "اختصاصی",
            Self::Development => "توسعه‌ای",
        }
    }
    pub fn from_persian(text: &str) -> Option<Self> {
        [Self::General, Self::Specific, Self::Development].into_iter().find(|k| k.persian() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// (a) actual against target, with a direction.
    Ratio,
    /// (b) points from 0 to the ceiling.
    Points,
    /// (c) yes earns the ceiling, no earns nothing.
    YesNo,
    /// (d) measures (سنجه) with weights out of 100, each scored as a percent achieved.
    Measures,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ratio => "ratio",
            Self::Points => "points",
            Self::YesNo => "yes_no",
            Self::Measures => "measures",
        }
    }
    pub fn from_db(text: &str) -> Self {
        match text {
            "ratio" => Self::Ratio,
            "points" => Self::Points,
            "yes_no" => Self::YesNo,
            _ => Self::Measures,
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::Ratio => "نسبت به هدف",
            Self::Points => "امتیاز مستقیم",
            Self::YesNo => "بله/خیر",
            Self::Measures => "سنجه‌ای",
        }
    }
    pub fn from_persian(text: &str) -> Option<Self> {
        let key = crate::fa::comparison_key(text).replace(' ', "");
        [Self::Ratio, Self::Points, Self::YesNo, Self::Measures]
            .into_iter()
            .find(|m| crate::fa::comparison_key(m.persian()).replace(' ', "") == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HigherIsBetter => "higher",
            Self::LowerIsBetter => "lower",
        }
    }
    pub fn from_db(text: &str) -> Option<Self> {
        match text {
            "higher" => Some(Self::HigherIsBetter),
            "lower" => Some(Self::LowerIsBetter),
            _ => None,
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::HigherIsBetter => "بیشتر بهتر",
            Self::LowerIsBetter => "کمتر بهتر",
        }
    }
    pub fn from_persian(text: &str) -> Option<Self> {
        let key = crate::fa::comparison_key(text);
        [Self::HigherIsBetter, Self::LowerIsBetter].into_iter().find(|d| crate::fa::comparison_key(d.persian()) == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Axis {
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Measure {
    pub code: String,
    pub title: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Indicator {
    pub code: String,
    pub kind: IndicatorKind,
    pub axis_code: Option<String>,
    pub title: String,
    pub ceiling: f64,
    pub unit: String,
    pub evidence: String,
    pub method: Method,
    pub direction: Option<Direction>,
    pub target: Option<f64>,
    pub measures: Vec<Measure>,
    /// Agency codes evaluated on it; empty in a parsed catalog means every active agency.
    pub agencies: Vec<String>,
    /// The code of the lead agency (دستگاه سنجش) that scores it for every agency (seed §8).
    #[serde(default)]
    pub lead: Option<String>,
}

impl Indicator {
    /// An indicator scored in points, with nothing else said of it: what tests and benchmarks
    /// need to build a catalog without a workbook.
    pub fn points(code: &str, kind: IndicatorKind, ceiling: f64, agencies: Vec<String>) -> Self {
        Indicator {
            code: code.into(),
            kind,
            axis_code: None,
            title: code.into(),
            ceiling,
            unit: String::new(),
            evidence: String::new(),
            method: Method::Points,
            direction: None,
            target: None,
            measures: vec![],
            agencies,
            lead: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Catalog {
    pub axes: Vec<Axis>,
    pub indicators: Vec<Indicator>,
    /// Agency code -> positions of its indicators, built at the first `of_agency`.
    #[serde(skip)]
    #[ts(skip)]
    pub by_agency: AgencyIndex,
}

/// Which indicators each agency is evaluated on, as positions in `Catalog::indicators`: built
/// once, so that asking for every agency's indicators costs the catalog once, not once per
/// agency. Whoever changes `indicators` or their agencies after asking resets it
/// (`AgencyIndex::default()`); debug builds check every answer against a scan.
#[derive(Debug, Clone, Default)]
pub struct AgencyIndex(std::sync::OnceLock<std::collections::HashMap<String, Vec<usize>>>);

impl PartialEq for AgencyIndex {
    /// A cache: two catalogs are equal by what they hold, whatever each has looked up.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl AgencyIndex {
    fn positions<'a>(&'a self, indicators: &[Indicator], agency_code: &str) -> &'a [usize] {
        let index = self.0.get_or_init(|| {
            let mut index: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
            for (at, indicator) in indicators.iter().enumerate() {
                for agency in &indicator.agencies {
                    let positions = index.entry(agency.clone()).or_default();
                    // An agency listed twice on one indicator still has it once.
                    if positions.last() != Some(&at) {
                        positions.push(at);
                    }
                }
            }
            index
        });
        index.get(agency_code).map(Vec::as_slice).unwrap_or(&[])
    }
}

impl Catalog {
    pub fn new(axes: Vec<Axis>, indicators: Vec<Indicator>) -> Self {
        Self { axes, indicators, by_agency: AgencyIndex::default() }
    }

    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }

    /// The indicators a lead agency scores for every agency, in catalog order.
    pub fn of_lead<'a>(&'a self, lead_code: &'a str) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| i.lead.as_deref() == Some(lead_code))
    }

    /// The lead agencies' codes, each once, in catalog order.
    pub fn leads(&self) -> Vec<&str> {
        let mut leads: Vec<&str> = Vec::new();
        for lead in self.indicators.iter().filter_map(|i| i.lead.as_deref()) {
            if !leads.contains(&lead) {
                leads.push(lead);
            }
        }
        leads
    }

    /// The indicators an agency is evaluated on, in catalog order.
    pub fn of_agency<'a>(&'a self, agency_code: &'a str) -> impl Iterator<Item = &'a Indicator> + 'a {
        let positions = self.by_agency.positions(&self.indicators, agency_code);
        debug_assert!(
            positions.iter().copied().eq(self
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.agencies.iter().any(|a| a == agency_code))
                .map(|(at, _)| at)),
            "the catalog's agency index is stale: reset `by_agency` after changing the indicators"
        );
        positions.iter().map(|&at| &self.indicators[at])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes<'a>(catalog: &'a Catalog, agency: &'a str) -> Vec<&'a str> {
        catalog.of_agency(agency).map(|i| i.code.as_str()).collect()
    }

    fn catalog() -> Catalog {
        let to = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect();
        Catalog::new(
            vec![],
            vec![
                Indicator::points("G1", IndicatorKind::General, 10.0, to(&["101", "102"])),
                Indicator::points("S1", IndicatorKind::Specific, 10.0, to(&["102", "102"])),
                Indicator::points("G2", IndicatorKind::General, 10.0, to(&["102", "101"])),
                Indicator::points("D1", IndicatorKind::Development, 10.0, to(&[])),
            ],
        )
    }

    #[test]
    fn the_agency_index_answers_in_catalog_order_each_indicator_once() {
        let catalog = catalog();
        assert_eq!(codes(&catalog, "101"), ["G1", "G2"]);
        assert_eq!(codes(&catalog, "102"), ["G1", "S1", "G2"], "listed twice on S1, S1 once");
        assert!(codes(&catalog, "999").is_empty());
        // Built once: a clone carries it, equality ignores it.
        let copy = catalog.clone();
        assert_eq!(copy, super::tests::catalog());
        assert_eq!(codes(&copy, "101"), ["G1", "G2"]);
    }

    #[test]
    fn a_reset_index_follows_changed_indicators() {
        let mut catalog = catalog();
        assert_eq!(codes(&catalog, "103"), Vec::<&str>::new());
        catalog.indicators[3].agencies.push("103".into());
        catalog.by_agency = AgencyIndex::default();
        assert_eq!(codes(&catalog, "103"), ["D1"]);
    }

    #[test]
    #[should_panic(expected = "stale")]
    #[cfg(debug_assertions)]
    fn a_stale_index_is_caught_in_debug_builds() {
        let mut catalog = catalog();
        let _ = codes(&catalog, "101");
        catalog.indicators[3].agencies.push("101".into());
        let _ = codes(&catalog, "101");
    }
}
