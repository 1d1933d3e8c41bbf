//! Evaluating a rule over a year's values. A missing value is unknown, not zero: it makes
//! arithmetic, sums and comparisons unknown, and logic follows three-valued (Kleene) rules.
//! A rule whose result is unknown is «not computable» and says which values are missing.

use super::parse::Expr;
use crate::fa::{format_decimal, to_persian_digits};

/// Where a rule reads values from.
pub trait ValueSource {
    fn value(&self, code: &str) -> Option<f64>;
    fn previous(&self, code: &str) -> Option<f64>;
    fn is_present(&self, code: &str) -> bool;
    /// The items from `from` to `to` in template order with their values, if that is a valid
    /// range: read by position, not looked up again by code.
    fn range<'s>(&'s self, from: &'s str, to: &'s str) -> Option<Vec<(&'s str, Option<f64>)>>;
    /// Decimals to show an item's value with in messages.
    fn decimals(&self, code: &str) -> usize;
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Pass,
    Fail,
    /// Values the rule needs are missing (this year's, or last year's as «prev:CODE»), or a
    /// value it divides by is zero (`zero`: «prev:CODE» for last year's value under change(),
    /// the item's code, or the divisor as written).
    NotComputable {
        missing: Vec<String>,
        zero: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum V {
    Num(f64),
    Bool(bool),
}

struct Eval<'a> {
    source: &'a dyn ValueSource,
    missing: Vec<String>,
    zero: Vec<String>,
}

type R = Result<Option<V>, String>;

impl Eval<'_> {
    fn miss(&mut self, code: String) -> R {
        if !self.missing.contains(&code) {
            self.missing.push(code);
        }
        Ok(None)
    }

    fn number(&mut self, e: &Expr) -> Result<Option<f64>, String> {
        match self.eval(e)? {
            Some(V::Num(n)) => Ok(Some(n)),
            Some(V::Bool(_)) => Err("جایی که عدد لازم است درست/نادرست آمده است.".into()),
            None => Ok(None),
        }
    }

    fn truth(&mut self, e: &Expr) -> Result<Option<bool>, String> {
        match self.eval(e)? {
            Some(V::Bool(b)) => Ok(Some(b)),
            Some(V::Num(_)) => Err("جایی که شرط (مقایسه) لازم است عدد آمده است.".into()),
            None => Ok(None),
        }
    }

    fn eval(&mut self, e: &Expr) -> R {
        Ok(match e {
            Expr::Number(n) => Some(V::Num(*n)),
            Expr::Item(code) => match self.source.value(code) {
                Some(v) => Some(V::Num(v)),
                None => return self.miss(code.clone()),
            },
            Expr::Prev(code) => match self.source.previous(code) {
                Some(v) => Some(V::Num(v)),
                None => return self.miss(format!("prev:{code}")),
            },
            Expr::Change(code) => return self.change(code),
            Expr::Present(code) => Some(V::Bool(self.source.is_present(code))),
            Expr::Neg(x) => self.number(x)?.map(|n| V::Num(-n)),
            Expr::Abs(x) => self.number(x)?.map(|n| V::Num(n.abs())),
            Expr::Binary(a, op, b) => return self.arithmetic(a, *op, b),
            Expr::Sum(list) => return self.sum(list),
            Expr::SumRange(from, to) => return self.sum_range(from, to),
            Expr::Compare(a, op, b, tolerance) => return self.compare(a, op, b, *tolerance),
            Expr::Between(x, lo, hi) => {
                let (x, lo, hi) = (self.number(x)?, self.number(lo)?, self.number(hi)?);
                match (x, lo, hi) {
                    (Some(x), Some(lo), Some(hi)) => Some(V::Bool(lo <= x && x <= hi)),
                    _ => None,
                }
            }
            Expr::Not(x) => self.truth(x)?.map(|b| V::Bool(!b)),
            Expr::And(a, b) => match (self.truth(a)?, self.truth(b)?) {
                (Some(false), _) | (_, Some(false)) => Some(V::Bool(false)),
                (Some(true), Some(true)) => Some(V::Bool(true)),
                _ => None,
            },
            Expr::Or(a, b) => match (self.truth(a)?, self.truth(b)?) {
                (Some(true), _) | (_, Some(true)) => Some(V::Bool(true)),
                (Some(false), Some(false)) => Some(V::Bool(false)),
                _ => None,
            },
            Expr::Implies(condition, check) => match self.truth(condition)? {
                Some(false) => Some(V::Bool(true)),
                Some(true) => self.truth(check)?.map(V::Bool),
                None => None,
            },
        })
    }

    /// The relative change of an item since last year; both values must be there.
    fn change(&mut self, code: &str) -> R {
        let now = self.source.value(code);
        let before = self.source.previous(code);
        if now.is_none() {
            self.miss(code.to_string())?;
        }
        if before.is_none() {
            self.miss(format!("prev:{code}"))?;
        }
        Ok(match (now, before) {
            (Some(_), Some(0.0)) => self.divided_by_zero(format!("prev:{code}")),
            (Some(n), Some(p)) => Some(V::Num(n / p - 1.0)),
            _ => None,
        })
    }

    fn arithmetic(&mut self, a: &Expr, op: char, b: &Expr) -> R {
        let divisor = b;
        let (a, b) = (self.number(a)?, self.number(b)?);
        let (Some(a), Some(b)) = (a, b) else { return Ok(None) };
        Ok(match op {
            '+' => Some(V::Num(a + b)),
            '-' => Some(V::Num(a - b)),
            '*' => Some(V::Num(a * b)),
            // Division by zero is unknown, and the rule says which value was zero.
            _ if b == 0.0 => self.divided_by_zero(divisor.describe()),
            _ => Some(V::Num(a / b)),
        })
    }

    fn divided_by_zero(&mut self, what: String) -> Option<V> {
        if !self.zero.contains(&what) {
            self.zero.push(what);
        }
        None
    }

    /// The sum of `parts`, unknown when any part is.
    fn sum(&mut self, parts: &[Expr]) -> R {
        let mut total = Some(0.0);
        for part in parts {
            let value = self.number(part)?;
            total = total.zip(value).map(|(t, v)| t + v);
        }
        Ok(total.map(V::Num))
    }

    /// The sum of the items from `from` to `to`, unknown when any of them has no value (each
    /// such item is missing, as it would be in a list).
    fn sum_range(&mut self, from: &str, to: &str) -> R {
        let source = self.source;
        let parts = source.range(from, to).ok_or_else(|| format!("بازهٔ «{from} .. {to}» در الگو درست نیست."))?;
        let mut total = Some(0.0);
        for (code, value) in parts {
            if value.is_none() {
                self.miss(code.to_string())?;
            }
            total = total.zip(value).map(|(t, v)| t + v);
        }
        Ok(total.map(V::Num))
    }

    /// `tolerance` is (amount, whether it is a percent of the right side).
    fn compare(&mut self, a: &Expr, op: &str, b: &Expr, tolerance: Option<(f64, bool)>) -> R {
        let (a, b) = (self.number(a)?, self.number(b)?);
        let (Some(a), Some(b)) = (a, b) else { return Ok(None) };
        let slack = match tolerance {
            Some((t, true)) => t / 100.0 * b.abs(),
            Some((t, false)) => t,
            None => 0.0,
        };
        // Rounding of stored decimals must not fail an exact identity.
        let slack = slack + 1e-9 * a.abs().max(b.abs()).max(1.0);
        Ok(Some(V::Bool(match op {
            "==" => (a - b).abs() <= slack,
            "!=" => (a - b).abs() > slack,
            "<" => a < b,
            "<=" => a <= b + slack,
            ">" => a > b,
            _ => a >= b - slack,
        })))
    }
}

/// Evaluate a parsed rule. Err is a rule that does not make sense (e.g. a number where a
/// condition is needed), a fault of the template, not of the data.
pub fn evaluate(rule: &Expr, source: &dyn ValueSource) -> Result<Outcome, String> {
    let mut eval = Eval { source, missing: Vec::new(), zero: Vec::new() };
    let result = eval.truth(rule)?;
    Ok(match result {
        Some(true) => Outcome::Pass,
        Some(false) => Outcome::Fail,
        None => Outcome::NotComputable { missing: eval.missing, zero: eval.zero },
    })
}

/// The rule's message with `{ITEM.CODE}` replaced by the item's value in Persian digits
/// (or «—» when it has none).
pub fn render_message(message: &str, source: &dyn ValueSource) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        out.push_str(&rest[..start]);
        let code = rest[start + 1..start + len].trim();
        match source.value(&code.to_ascii_uppercase()) {
            Some(v) => out.push_str(&format_decimal(v, source.decimals(&code.to_ascii_uppercase()))),
            None if code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') => out.push('—'),
            None => out.push_str(&to_persian_digits(&rest[start..start + len + 1])),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::super::parse_rule;
    use super::*;
    use std::collections::HashMap;

    struct Values {
        now: HashMap<&'static str, f64>,
        before: HashMap<&'static str, f64>,
        order: Vec<&'static str>,
    }

    impl ValueSource for Values {
        fn value(&self, code: &str) -> Option<f64> {
            self.now.get(code).copied()
        }
        fn previous(&self, code: &str) -> Option<f64> {
            self.before.get(code).copied()
        }
        fn is_present(&self, code: &str) -> bool {
            self.now.contains_key(code)
        }
        fn range<'s>(&'s self, from: &'s str, to: &'s str) -> Option<Vec<(&'s str, Option<f64>)>> {
            let a = self.order.iter().position(|c| *c == from)?;
            let b = self.order.iter().position(|c| *c == to)?;
            (a <= b).then(|| self.order[a..=b].iter().map(|c| (*c, self.value(c))).collect())
        }
        fn decimals(&self, _: &str) -> usize {
            0
        }
    }

    fn values() -> Values {
        Values {
            now: HashMap::from([("A", 100.0), ("B", 60.0), ("C", 40.5), ("OUT", 500.0), ("IC", 200.0), ("VA", 300.0)]),
            before: HashMap::from([("A", 80.0), ("C", 0.0)]),
            order: vec!["B", "C", "A", "X"],
        }
    }

    fn run(rule: &str) -> Outcome {
        evaluate(&parse_rule(rule).unwrap(), &values()).unwrap()
    }

    #[test]
    fn a_zero_last_year_is_named_not_taken_for_a_missing_value() {
        let zero_before = Outcome::NotComputable { missing: vec![], zero: vec!["prev:C".into()] };
        assert_eq!(run("abs(change(C)) <= 0.25"), zero_before);
        assert_eq!(run("A / prev(C) > 1"), zero_before);
    }

    #[test]
    fn identities_with_tolerances() {
        assert_eq!(run("A == B + C ~ 1"), Outcome::Pass);
        assert_eq!(run("A == B + C ~ 0.1"), Outcome::Fail);
        assert_eq!(run("A == sum(B, C) ~ 0.5%"), Outcome::Pass);
        assert_eq!(run("A == sum(B .. C) ~ 0.4%"), Outcome::Fail);
        assert_eq!(run("OUT - IC == VA"), Outcome::Pass);
    }

    #[test]
    fn last_year_and_change() {
        assert_eq!(run("abs(change(A)) <= 0.25"), Outcome::Pass);
        assert_eq!(run("abs(change(A)) <= 0.2"), Outcome::Fail);
        assert_eq!(run("prev(A) == 80"), Outcome::Pass);
        assert_eq!(
            run("abs(change(B)) <= 0.25"),
            Outcome::NotComputable { missing: vec!["prev:B".into()], zero: vec![] }
        );
    }

    #[test]
    fn missing_values_are_unknown_not_zero() {
        assert_eq!(run("A == B + X"), Outcome::NotComputable { missing: vec!["X".into()], zero: vec![] });
        assert_eq!(run("present(X)"), Outcome::Fail);
        assert_eq!(run("present(A) and present(B)"), Outcome::Pass);
        // Kleene logic: false and unknown is false; true or unknown is true.
        assert_eq!(run("A < 0 and X > 0"), Outcome::Fail);
        assert_eq!(run("A > 0 or X > 0"), Outcome::Pass);
        assert_eq!(run("not (X > 0)"), Outcome::NotComputable { missing: vec!["X".into()], zero: vec![] });
        assert_eq!(run("between(A / 0, 1, 2)"), Outcome::NotComputable { missing: vec![], zero: vec!["0".into()] });
        // A range names its items without a value as a list does.
        let missing_x = Outcome::NotComputable { missing: vec!["X".into()], zero: vec![] };
        assert_eq!(run("sum(A .. X) > 0"), missing_x);
        assert_eq!(run("sum(A, X) > 0"), missing_x);
    }

    #[test]
    fn if_then() {
        assert_eq!(run("if A > 1000 then B > 1000"), Outcome::Pass);
        assert_eq!(run("if A > 0 then B > 1000"), Outcome::Fail);
        assert_eq!(run("if X > 0 then B > 0"), Outcome::NotComputable { missing: vec!["X".into()], zero: vec![] });
        assert_eq!(run("if A > 0 then between(B / A, 0.5, 0.7)"), Outcome::Pass);
    }

    #[test]
    fn nonsense_rules_are_errors_of_the_template() {
        let err = evaluate(&parse_rule("A + B").unwrap(), &values()).unwrap_err();
        assert_eq!(err, "جایی که شرط (مقایسه) لازم است عدد آمده است.");
        assert!(evaluate(&parse_rule("sum(A .. B) > 0").unwrap(), &values()).is_err());
    }

    #[test]
    fn messages_show_values_in_persian() {
        let text = render_message("جمع ({A} هکتار) با اجزا ({B} و {X}) برابر نیست.", &values());
        assert_eq!(text, "جمع (۱۰۰ هکتار) با اجزا (۶۰ و —) برابر نیست.");
    }
}
