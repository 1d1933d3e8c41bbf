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
}

impl Catalog {
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
        self.indicators.iter().filter(move |i| i.agencies.iter().any(|a| a == agency_code))
    }
}
