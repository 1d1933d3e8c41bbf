//! The score an indicator earns from what was typed, by its method. Pure functions: the
//! results, the workbook intake and the grid all use them.

use super::model::{Direction, Indicator, Method};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an agency or an evaluator typed for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ScoreInput {
    /// (a) the actual value, compared with the target.
    Actual { actual: f64 },
    /// (b), or any method when the score itself is typed.
    Points { points: f64 },
    /// (c)
    YesNo { yes: bool },
    /// (d) percent achieved (0–100) by measure code.
    Measures { percents: Vec<(String, f64)> },
}

/// Half away from zero to two decimals: every earned score is kept like this, and totals are
/// sums of these rounded scores (docs/formats/indicators.md).
pub fn round2(value: f64) -> f64 {
    let scaled = value * 100.0;
    // Guard against 0.125 being stored as 0.12499999.
    let nudged = scaled + scaled.signum() * 1e-9;
    nudged.round() / 100.0
}

/// Why a typed input cannot be scored; the caller adds where it was typed.
#[derive(Debug, Clone, PartialEq)]
pub enum InputProblem {
    /// Not finite, or past the bound of every stored number.
    Unbounded {
        value: f64,
    },
    OverCeiling {
        score: f64,
        ceiling: f64,
    },
    Negative {
        value: f64,
    },
    PercentOutOfRange {
        measure: String,
        percent: f64,
    },
    UnknownMeasure {
        measure: String,
    },
    WrongKind {
        expected: &'static str,
    },
    NoTarget,
}

impl InputProblem {
    pub fn message(&self) -> String {
        use crate::issued::cells::{bounded, show_number, show_pair};
        match self {
            Self::Unbounded { value } => bounded(*value).err().unwrap_or_default(),
            Self::OverCeiling { score, ceiling } => {
                let (score, ceiling) = show_pair(*score, *ceiling);
                format!(
                    "امتیاز {score} از سقف امتیاز این شاخص ({ceiling}) بیشتر است؛ امتیازی از ۰ تا {ceiling} بنویسید."
                )
            }
            Self::Negative { value } => {
                format!("مقدار {} منفی است؛ امتیاز و مقدار عملکرد نمی‌توانند منفی باشند.", show_number(*value))
            }
            Self::PercentOutOfRange { measure, percent } => {
                format!("درصد تحقق سنجهٔ «{measure}» ({}) باید میان ۰ و ۱۰۰ باشد.", show_number(*percent))
            }
            Self::UnknownMeasure { measure } => format!("سنجه‌ای با کد «{measure}» در این شاخص نیست."),
            Self::WrongKind { expected } => format!("برای این شاخص {expected} بنویسید."),
            Self::NoTarget => {
                "این شاخص هدف ندارد و امتیاز آن از مقدار عملکرد حساب نمی‌شود؛ امتیاز را مستقیم بنویسید.".into()
            }
        }
    }
}

/// The score `input` earns on `indicator`: capped at the ceiling for actual values, refused
/// when a typed score is over the ceiling or anything is negative.
pub fn earned(indicator: &Indicator, input: &ScoreInput) -> Result<f64, InputProblem> {
    // An absurd actual would earn the full ceiling and NaN compares as neither over nor under:
    // every number typed is held to the bound first.
    let typed: Vec<f64> = match input {
        ScoreInput::Actual { actual } => vec![*actual],
        ScoreInput::Points { points } => vec![*points],
        ScoreInput::YesNo { .. } => vec![],
        ScoreInput::Measures { percents } => percents.iter().map(|(_, p)| *p).collect(),
    };
    if let Some(value) = typed.into_iter().find(|v| crate::issued::cells::bounded(*v).is_err()) {
        return Err(InputProblem::Unbounded { value });
    }
    let ceiling = indicator.ceiling;
    let score = match input {
        ScoreInput::Points { points } => {
            if *points < 0.0 {
                return Err(InputProblem::Negative { value: *points });
            }
            if *points > ceiling + 1e-9 {
                return Err(InputProblem::OverCeiling { score: *points, ceiling });
            }
            *points
        }
        ScoreInput::Actual { actual } => {
            if *actual < 0.0 {
                return Err(InputProblem::Negative { value: *actual });
            }
            let target = indicator.target.filter(|t| *t > 0.0).ok_or(InputProblem::NoTarget)?;
            let ratio = match indicator.direction.unwrap_or(Direction::HigherIsBetter) {
                Direction::HigherIsBetter => actual / target,
                Direction::LowerIsBetter if *actual == 0.0 => 1.0,
                Direction::LowerIsBetter => target / actual,
            };
            ceiling * ratio.min(1.0)
        }
        ScoreInput::YesNo { yes } => {
            if *yes {
                ceiling
            } else {
                0.0
            }
        }
        ScoreInput::Measures { percents } => {
            if indicator.method != Method::Measures {
                return Err(InputProblem::WrongKind { expected: "امتیاز یا مقدار عملکرد" });
            }
            let mut weighted = 0.0;
            for (code, percent) in percents {
                let measure = indicator
                    .measures
                    .iter()
                    .find(|m| &m.code == code)
                    .ok_or_else(|| InputProblem::UnknownMeasure { measure: code.clone() })?;
                if !(0.0..=100.0).contains(percent) {
                    return Err(InputProblem::PercentOutOfRange { measure: code.clone(), percent: *percent });
                }
                weighted += measure.weight * percent / 100.0;
            }
            ceiling * weighted / 100.0
        }
    };
    Ok(round2(score))
}

/// How an input reads for people: «۸۵ (هدف ۹۰)», «بله», «M1: ۸۰٪، M2: ۶۰٪».
pub fn describe(input: &ScoreInput) -> String {
    use crate::fa::format_decimal as f;
    match input {
        ScoreInput::Actual { actual } => format!("عملکرد {}", f(*actual, 2)),
        ScoreInput::Points { points } => format!("امتیاز {}", f(*points, 2)),
        ScoreInput::YesNo { yes } => (if *yes { "بله" } else { "خیر" }).to_string(),
        ScoreInput::Measures { percents } => {
            percents.iter().map(|(c, p)| format!("{c}: {}٪", f(*p, 2))).collect::<Vec<_>>().join("، ")
        }
    }
}

/// How a ratio score is computed from `input`, for people: «۵۰ × ۸۵ ÷ ۹۰» (higher is better),
/// «۵۰ × ۱۰ ÷ ۲۰» (lower is better); None for other methods or inputs.
pub fn formula(indicator: &Indicator, input: &ScoreInput) -> Option<String> {
    let ScoreInput::Actual { actual } = input else { return None };
    let target = indicator.target.filter(|t| *t > 0.0)?;
    let n = |x: f64| crate::fa::to_persian_digits(&format!("{}", round2(x)).replace('.', "٫"));
    Some(match indicator.direction.unwrap_or(Direction::HigherIsBetter) {
        Direction::HigherIsBetter => format!("{} × {} ÷ {}", n(indicator.ceiling), n(*actual), n(target)),
        Direction::LowerIsBetter if *actual == 0.0 => "عملکرد صفر: سقف امتیاز".to_string(),
        Direction::LowerIsBetter => format!("{} × {} ÷ {}", n(indicator.ceiling), n(target), n(*actual)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::model::{IndicatorKind, Measure};

    fn indicator(method: Method, direction: Option<Direction>, target: Option<f64>) -> Indicator {
        Indicator {
            code: "G01".into(),
            kind: IndicatorKind::General,
            axis_code: None,
            title: "آزمون".into(),
            ceiling: 50.0,
            unit: String::new(),
            evidence: String::new(),
            method,
            direction,
            target,
            measures: vec![
                Measure { code: "M1".into(), title: "یک".into(), weight: 60.0 },
                Measure { code: "M2".into(), title: "دو".into(), weight: 40.0 },
            ],
            agencies: vec![],
            lead: None,
        }
    }

    #[test]
    fn higher_is_better_earns_in_proportion_and_is_capped() {
        let i = indicator(Method::Ratio, Some(Direction::HigherIsBetter), Some(80.0));
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 60.0 }), Ok(37.5));
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 80.0 }), Ok(50.0));
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 120.0 }), Ok(50.0), "capped at the ceiling");
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 0.0 }), Ok(0.0));
    }

    #[test]
    fn lower_is_better_uses_target_over_actual() {
        let i = indicator(Method::Ratio, Some(Direction::LowerIsBetter), Some(10.0));
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 20.0 }), Ok(25.0));
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 10.0 }), Ok(50.0));
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 5.0 }), Ok(50.0), "better than target is capped");
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 0.0 }), Ok(50.0), "nothing at all is the best");
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 30.0 }), Ok(16.67), "rounded to two decimals");
    }

    #[test]
    fn direct_points_stay_within_zero_and_the_ceiling() {
        let i = indicator(Method::Points, None, None);
        assert_eq!(earned(&i, &ScoreInput::Points { points: 42.5 }), Ok(42.5));
        assert_eq!(earned(&i, &ScoreInput::Points { points: 50.0 }), Ok(50.0));
        assert_eq!(
            earned(&i, &ScoreInput::Points { points: 50.5 }),
            Err(InputProblem::OverCeiling { score: 50.5, ceiling: 50.0 })
        );
        assert_eq!(earned(&i, &ScoreInput::Points { points: -1.0 }), Err(InputProblem::Negative { value: -1.0 }));
        assert_eq!(
            InputProblem::OverCeiling { score: 50.5, ceiling: 50.0 }.message(),
            "امتیاز ۵۰٫۵۰ از سقف امتیاز این شاخص (۵۰٫۰۰) بیشتر است؛ امتیازی از ۰ تا ۵۰٫۰۰ بنویسید."
        );
        assert_eq!(
            earned(&i, &ScoreInput::Points { points: 50.0001 }).unwrap_err().message(),
            "امتیاز ۵۰٫۰۰۰۱ از سقف امتیاز این شاخص (۵۰٫۰۰۰۰) بیشتر است؛ امتیازی از ۰ تا ۵۰٫۰۰۰۰ بنویسید."
        );
    }

    #[test]
    fn absurd_and_non_finite_numbers_earn_nothing_and_are_refused() {
        let ratio = indicator(Method::Ratio, Some(Direction::HigherIsBetter), Some(80.0));
        let points = indicator(Method::Points, None, None);
        let measures = indicator(Method::Measures, None, None);
        for value in [1e308, -1e308, f64::INFINITY, f64::NAN] {
            let refused = |i: &Indicator, input: ScoreInput| {
                assert!(matches!(earned(i, &input), Err(InputProblem::Unbounded { .. })), "{input:?}")
            };
            refused(&ratio, ScoreInput::Actual { actual: value });
            refused(&points, ScoreInput::Points { points: value });
            refused(&measures, ScoreInput::Measures { percents: vec![("M1".into(), value)] });
        }
        let message = earned(&ratio, &ScoreInput::Actual { actual: 1e308 }).unwrap_err().message();
        assert!(message.contains("بیش از ۱۰^۱۵") && message.chars().count() < 120, "{message}");
    }

    #[test]
    fn fixture_cases_round_half_away_from_zero() {
        // G01 of the 1403 fixture: 60 × 52.9 / 90 = 35.2666… -> 35.27
        let mut higher = indicator(Method::Ratio, Some(Direction::HigherIsBetter), Some(90.0));
        higher.ceiling = 60.0;
        assert_eq!(earned(&higher, &ScoreInput::Actual { actual: 52.9 }), Ok(35.27));
        // G19: 50 × 7 / 12.43 = 28.1576… -> 28.16
        let lower = indicator(Method::Ratio, Some(Direction::LowerIsBetter), Some(7.0));
        assert_eq!(earned(&lower, &ScoreInput::Actual { actual: 12.43 }), Ok(28.16));
        // G02: 50 × (40×55 + 35×47 + 25×76) / 10000 = 28.725 -> 28.73, not 28.72
        let mut measures = indicator(Method::Measures, None, None);
        measures.measures = vec![
            Measure { code: "M1".into(), title: "یک".into(), weight: 40.0 },
            Measure { code: "M2".into(), title: "دو".into(), weight: 35.0 },
            Measure { code: "M3".into(), title: "سه".into(), weight: 25.0 },
        ];
        let input =
            ScoreInput::Measures { percents: vec![("M1".into(), 55.0), ("M2".into(), 47.0), ("M3".into(), 76.0)] };
        assert_eq!(earned(&measures, &input), Ok(28.73));
    }

    #[test]
    fn the_formula_explains_a_ratio_score() {
        let mut higher = indicator(Method::Ratio, Some(Direction::HigherIsBetter), Some(90.0));
        higher.ceiling = 60.0;
        assert_eq!(formula(&higher, &ScoreInput::Actual { actual: 52.9 }).as_deref(), Some("۶۰ × ۵۲٫۹ ÷ ۹۰"));
        let lower = indicator(Method::Ratio, Some(Direction::LowerIsBetter), Some(7.0));
        assert_eq!(formula(&lower, &ScoreInput::Actual { actual: 12.43 }).as_deref(), Some("۵۰ × ۷ ÷ ۱۲٫۴۳"));
        assert_eq!(formula(&lower, &ScoreInput::Actual { actual: 0.0 }).as_deref(), Some("عملکرد صفر: سقف امتیاز"));
        assert_eq!(formula(&higher, &ScoreInput::Points { points: 3.0 }), None);
    }

    #[test]
    fn yes_earns_the_ceiling_and_no_earns_nothing() {
        let i = indicator(Method::YesNo, None, None);
        assert_eq!(earned(&i, &ScoreInput::YesNo { yes: true }), Ok(50.0));
        assert_eq!(earned(&i, &ScoreInput::YesNo { yes: false }), Ok(0.0));
    }

    #[test]
    fn measures_are_weighted_out_of_a_hundred() {
        let i = indicator(Method::Measures, None, None);
        let input = ScoreInput::Measures { percents: vec![("M1".into(), 80.0), ("M2".into(), 50.0)] };
        // 50 × (60×0.8 + 40×0.5)/100 = 50 × 0.68 = 34
        assert_eq!(earned(&i, &input), Ok(34.0));
        let over = ScoreInput::Measures { percents: vec![("M1".into(), 120.0)] };
        assert!(matches!(earned(&i, &over), Err(InputProblem::PercentOutOfRange { .. })));
        let unknown = ScoreInput::Measures { percents: vec![("M9".into(), 10.0)] };
        assert!(matches!(earned(&i, &unknown), Err(InputProblem::UnknownMeasure { .. })));
    }

    #[test]
    fn a_ratio_without_target_cannot_be_computed() {
        let i = indicator(Method::Ratio, Some(Direction::HigherIsBetter), None);
        assert_eq!(earned(&i, &ScoreInput::Actual { actual: 5.0 }), Err(InputProblem::NoTarget));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round2(0.125), 0.13);
        assert_eq!(round2(2.675), 2.68);
        assert_eq!(round2(1.004), 1.0);
    }
}
