//! Checking a year's values: the built-in checks every item gets from the template (required,
//! kind, decimals, non-negative) and the template's rules. Each failure names the rule, the
//! items with their values, the workbook cell to fix and the supplying agency.

use super::model::{ItemKind, Severity, Template, TemplateItem, TemplateRule};
use super::rules::{evaluate, parse_rule, render_message, Outcome, ValueSource};
use super::values::{current_values, StoredValue};
use super::{template_of, AccountsError};
use crate::agencies;
use crate::fa;
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One item named by a failure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FailedItem {
    pub code: String,
    pub label: String,
    pub value: Option<f64>,
    /// Where the agency must fix it, e.g. «T01!E7»; empty when it was not read from a workbook.
    pub cell: String,
    pub agency_code: Option<String>,
    pub agency_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckFailure {
    pub rule_code: String,
    pub severity: Severity,
    pub message: String,
    pub items: Vec<FailedItem>,
}

/// What one rule found, as R's validate reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RuleSummary {
    pub code: String,
    pub severity: Severity,
    /// The rule's expression, or what a built-in check checks.
    pub description: String,
    pub items_checked: u32,
    pub passed: u32,
    pub failed: u32,
    pub not_computable: u32,
    /// For «not computable»: the values that were missing («prev:CODE» for last year's).
    pub missing: Vec<String>,
    /// For «not computable»: why, in Persian (values missing, or a value divided by is zero).
    pub why_not_computable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckRun {
    pub year: i32,
    pub ran_at: String,
    pub rules: Vec<RuleSummary>,
    pub failures: Vec<CheckFailure>,
    pub passed: u32,
    pub failed: u32,
    pub not_computable: u32,
    pub errors: u32,
    pub warnings: u32,
}

/// The year's values as the checks read them. Each item's value is looked up in `now` once,
/// in template order, and kept by the item's position (`known`); rules find an item's position
/// in a map of their own, whose keys lie together in one string, and read that compact array,
/// instead of probing the year's value map (tens of thousands of entries, far larger than the
/// processor's cache at a country's size) once per check and reference.
struct Source<'a> {
    now: &'a HashMap<String, StoredValue>,
    before: &'a HashMap<String, StoredValue>,
    items: &'a [TemplateItem],
    /// Item code (a slice of `item_codes(items)`) -> positions in `items` of its first item
    /// (which ranges, decimals and values are taken from, as the scans found) and of its last
    /// (which failures name).
    position: foldhash::HashMap<&'a str, (u32, u32)>,
    /// What the checks need of each item's current value, by position in `items`.
    known: Vec<Known>,
    /// Each item's table, by position in `items`, as a number (equal numbers, equal codes).
    table: Vec<u32>,
}

/// What the checks need of an item's current value.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Known {
    number: Option<f64>,
    /// A number, or a text that is not empty.
    present: bool,
}

impl Known {
    fn of(value: Option<&StoredValue>) -> Self {
        Known {
            number: value.and_then(|v| v.number),
            present: value.is_some_and(|v| v.number.is_some() || v.text.as_deref().is_some_and(|t| !t.is_empty())),
        }
    }
}

/// Every item's code, one after the other: the keys of `Source::position`.
fn item_codes(items: &[TemplateItem]) -> String {
    let mut codes = String::with_capacity(items.iter().map(|i| i.code.len()).sum());
    items.iter().for_each(|i| codes.push_str(&i.code));
    codes
}

impl<'a> Source<'a> {
    /// `codes` is `item_codes(items)`; `each` sees every item with what is known of its value.
    fn new(
        now: &'a HashMap<String, StoredValue>,
        before: &'a HashMap<String, StoredValue>,
        items: &'a [TemplateItem],
        codes: &'a str,
        mut each: impl FnMut(usize, &TemplateItem, Known),
    ) -> Self {
        // A loop of lookups alone, so that the processor has several of them waiting on memory
        // at once.
        let known: Vec<Known> = items.iter().map(|item| Known::of(now.get(&item.code))).collect();
        // foldhash: the rules look codes up tens of thousands of times; SipHash (std's, made
        // against hash flooding, which a template of our own does not attempt) is several
        // times slower on short keys.
        let mut position = foldhash::HashMap::with_capacity_and_hasher(items.len(), Default::default());
        let mut tables: HashMap<&str, u32> = HashMap::new();
        let mut table = Vec::with_capacity(items.len());
        let mut rest = codes;
        for (at, item) in items.iter().enumerate() {
            let (code, after) = rest.split_at(item.code.len());
            rest = after;
            each(at, item, known[at]);
            // A table's items mostly follow one another: its number is looked up when it changes.
            let same = at > 0 && items[at - 1].table_code == item.table_code;
            let next = tables.len() as u32;
            table.push(if same { table[at - 1] } else { *tables.entry(item.table_code.as_str()).or_insert(next) });
            let at = at as u32;
            position.entry(code).and_modify(|(_, last)| *last = at).or_insert((at, at));
        }
        Self { now, before, items, position, known, table }
    }

    fn first(&self, code: &str) -> Option<usize> {
        self.position.get(code).map(|&(first, _)| first as usize)
    }

    /// The item a failure names by `code`: the last of that code.
    fn item_named(&self, code: &str) -> Option<&'a TemplateItem> {
        self.position.get(code).map(|&(_, last)| &self.items[last as usize])
    }

    /// What is known of the current value of `code`, by position when it is an item of the
    /// template.
    fn current(&self, code: &str) -> Known {
        match self.first(code) {
            Some(at) => self.known[at],
            None => Known::of(self.now.get(code)),
        }
    }
}

impl ValueSource for Source<'_> {
    fn value(&self, code: &str) -> Option<f64> {
        self.current(code).number
    }
    fn previous(&self, code: &str) -> Option<f64> {
        self.before.get(code).and_then(|v| v.number)
    }
    fn is_present(&self, code: &str) -> bool {
        self.current(code).present
    }
    fn range<'s>(&'s self, from: &'s str, to: &'s str) -> Option<Vec<(&'s str, Option<f64>)>> {
        let (a, b) = (self.first(from)?, self.first(to)?);
        (a <= b && self.table[a] == self.table[b]).then(|| {
            (a..=b)
                .filter(|&at| self.items[at].kind != ItemKind::Text)
                .map(|at| (self.items[at].code.as_str(), self.known[at].number))
                .collect()
        })
    }
    fn decimals(&self, code: &str) -> usize {
        self.first(code).map(|at| self.items[at].decimals as usize).unwrap_or(0)
    }
}

fn label(item: &TemplateItem) -> String {
    if item.col_label.is_empty() {
        item.row_label.clone()
    } else {
        format!("{} / {}", item.row_label, item.col_label)
    }
}

/// Why a rule could not be computed, for people: the values not there yet, and the values it
/// divides by that are zero (a change against last year's zero is not a missing value).
fn why_not_computable(missing: &[String], zero: &[String]) -> String {
    let name = |code: &String| match code.strip_prefix("prev:") {
        Some(item) => format!("مقدار سال پیشِ «{item}»"),
        None => format!("«{code}»"),
    };
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("بی‌مقدار: {}", missing.iter().map(name).collect::<Vec<_>>().join("، ")));
    }
    if !zero.is_empty() {
        let zeros = zero.iter().map(name).collect::<Vec<_>>().join("، ");
        parts.push(format!("{zeros} صفر است و تغییر یا نسبت به آن حساب نمی‌شود"));
    }
    if parts.is_empty() {
        parts.push("مقداری که قاعده لازم دارد در دست نیست".to_string());
    }
    parts.join("؛ ")
}

/// Run every check over the current values of `year` and keep the run in the province file.
pub fn run_checks(store: &mut Store, year: i32) -> Result<CheckRun, AccountsError> {
    let template = template_of(store, year)?;
    let now = current_values(store.conn(), year)?;
    let before = current_values(store.conn(), year - 1)?;
    let names: HashMap<String, String> =
        agencies::list(store, "", true)?.into_iter().map(|a| (a.code, a.name)).collect();
    let run = check(&template, &now, &before, &names)?;
    store.write(|tx, actor| {
        tx.execute(
            "INSERT INTO ra_check_run (year, ran_at, ran_by, passed, failed, not_computable, errors, warnings)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![year, run.ran_at, actor, run.passed, run.failed, run.not_computable, run.errors, run.warnings],
        )?;
        let run_id = tx.last_insert_rowid();
        // What was received is now checked; the analyst reviews it for approval.
        tx.execute(
            "UPDATE ra_status SET state = 'checked', changed_at = ?2, changed_by = ?3 WHERE year = ?1 AND state = 'received'",
            params![year, run.ran_at, actor],
        )?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO ra_check_failure (run_id, rule_code, severity, message, items) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for f in &run.failures {
            let items = serde_json::to_string(&f.items).expect("serializable");
            insert.execute(params![run_id, f.rule_code, f.severity.as_str(), f.message, items])?;
        }
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ra_check_run", &year.to_string(), "run").new_value(serde_json::json!({
                "passed": run.passed, "failed": run.failed, "not_computable": run.not_computable,
                "errors": run.errors, "warnings": run.warnings
            })),
        )?;
        Ok::<_, AccountsError>(())
    })?;
    Ok(run)
}

/// The checks themselves, without the province file: what `run_checks` computes.
pub fn check(
    template: &Template,
    now: &HashMap<String, StoredValue>,
    before: &HashMap<String, StoredValue>,
    agency_names: &HashMap<String, String>,
) -> Result<CheckRun, AccountsError> {
    let codes = item_codes(&template.items);
    let mut builtins = Builtins::new();
    let source = Source::new(now, before, &template.items, &codes, |at, item, value| builtins.check(at, item, value));
    let failed_item = |code: &str| -> FailedItem {
        let item = source.item_named(code);
        let agency_code = item.and_then(|i| i.agency_code.clone());
        FailedItem {
            code: code.to_string(),
            label: item.map(label).unwrap_or_default(),
            value: now.get(code).and_then(|v| v.number),
            cell: now.get(code).map(|v| v.cell.clone()).unwrap_or_default(),
            agency_name: agency_code.as_ref().and_then(|c| agency_names.get(c).cloned()),
            agency_code,
        }
    };
    let mut rules = Vec::with_capacity(BUILTINS.len() + template.rules.len());
    let mut failures = Vec::new();
    builtins.finish(&template.items, &failed_item, &mut rules, &mut failures);
    for rule in &template.rules {
        rules.push(run_rule(rule, &source, &failed_item, &mut failures)?);
    }
    let count = |f: fn(&RuleSummary) -> u32| rules.iter().map(f).sum();
    Ok(CheckRun {
        year: template.year,
        ran_at: crate::store::now_iso(),
        passed: count(|r| r.passed),
        failed: count(|r| r.failed),
        not_computable: count(|r| r.not_computable),
        errors: failures.iter().filter(|f| f.severity == Severity::Error).count() as u32,
        warnings: failures.iter().filter(|f| f.severity == Severity::Warning).count() as u32,
        rules,
        failures,
    })
}

/// A check every item of a template gets: its code, what it checks, and the check itself
/// (None: it does not apply to this item; Err: the finding's message).
type Builtin = (&'static str, &'static str, fn(&TemplateItem, Known) -> Option<Result<(), String>>);

const BUILTINS: [Builtin; 4] = [
    ("B-REQUIRED", "اقلام الزامی مقدار دارند", |item, value| {
        item.required.then(|| {
            if value.present {
                Ok(())
            } else {
                Err(format!("«{}» الزامی است و مقداری ندارد؛ مقدار را بنویسید.", label(item)))
            }
        })
    }),
    ("B-KIND", "مقدار با نوع قلم می‌خواند (عدد صحیح، درصد)", |item, value| {
        let n = value.number?;
        Some(match item.kind {
            ItemKind::Integer if n.fract() != 0.0 => {
                Err(format!("«{}» باید عدد صحیح باشد، نه {}.", label(item), fa::to_persian_digits(&n.to_string())))
            }
            ItemKind::Percent if !(0.0..=100.0).contains(&n) => {
                Err(format!("«{}» درصد است و باید میان ۰ و ۱۰۰ باشد.", label(item)))
            }
            _ => Ok(()),
        })
    }),
    ("B-DECIMALS", "بیش از رقم‌های اعشار مجاز نیست", |item, value| {
        let n = value.number?;
        let scaled = n * 10f64.powi(item.decimals.into());
        Some(if (scaled - scaled.round()).abs() > 1e-6 * scaled.abs().max(1.0) {
            Err(format!("«{}» بیش از {} رقم اعشار دارد.", label(item), fa::int(item.decimals)))
        } else {
            Ok(())
        })
    }),
    ("B-NONNEGATIVE", "مقدار منفی نیست", |item, value| {
        let n = value.number?;
        Some(if n < 0.0 {
            Err(format!("«{}» منفی است؛ این قلم نمی‌تواند منفی باشد.", label(item)))
        } else {
            Ok(())
        })
    }),
];

/// The built-in checks, run on each item as its value is looked up (text items only need a
/// value): each check's summary and its failures so far (item position, message).
struct Builtins {
    summaries: Vec<RuleSummary>,
    found: [Vec<(usize, String)>; BUILTINS.len()],
}

impl Builtins {
    fn new() -> Self {
        let summaries = BUILTINS
            .iter()
            .map(|(code, description, _)| RuleSummary {
                code: code.to_string(),
                severity: Severity::Error,
                description: description.to_string(),
                items_checked: 0,
                passed: 0,
                failed: 0,
                not_computable: 0,
                missing: vec![],
                why_not_computable: None,
            })
            .collect();
        Self { summaries, found: Default::default() }
    }

    /// Every built-in check of the item at position `at`.
    fn check(&mut self, at: usize, item: &TemplateItem, value: Known) {
        for (k, (code, _, check)) in BUILTINS.iter().enumerate() {
            if item.kind == ItemKind::Text && *code != "B-REQUIRED" {
                continue;
            }
            let Some(result) = check(item, value) else { continue };
            let summary = &mut self.summaries[k];
            summary.items_checked += 1;
            match result {
                Ok(()) => summary.passed += 1,
                Err(message) => {
                    summary.failed += 1;
                    self.found[k].push((at, message));
                }
            }
        }
    }

    /// The summaries, and each check's failures in item order, as one pass per check gave them.
    fn finish(
        self,
        items: &[TemplateItem],
        failed_item: &dyn Fn(&str) -> FailedItem,
        summaries: &mut Vec<RuleSummary>,
        failures: &mut Vec<CheckFailure>,
    ) {
        summaries.extend(self.summaries);
        for ((code, _, _), found) in BUILTINS.iter().zip(self.found) {
            failures.extend(found.into_iter().map(|(at, message)| CheckFailure {
                rule_code: code.to_string(),
                severity: Severity::Error,
                message,
                items: vec![failed_item(&items[at].code)],
            }));
        }
    }
}

/// One of the template's rules, evaluated once over the year.
fn run_rule(
    rule: &TemplateRule,
    source: &Source,
    failed_item: &dyn Fn(&str) -> FailedItem,
    failures: &mut Vec<CheckFailure>,
) -> Result<RuleSummary, AccountsError> {
    let bad_rule = |message: String| AccountsError::BadRule { code: rule.code.clone(), message };
    let expr = parse_rule(&rule.expression).map_err(|e| bad_rule(e.to_string()))?;
    let mut items: Vec<&str> = Vec::new();
    expr.items(&mut items);
    let outcome = evaluate(&expr, source).map_err(bad_rule)?;
    let mut summary = RuleSummary {
        code: rule.code.clone(),
        severity: rule.severity,
        description: rule.expression.clone(),
        items_checked: items.len() as u32,
        passed: 0,
        failed: 0,
        not_computable: 0,
        missing: vec![],
        why_not_computable: None,
    };
    match outcome {
        Outcome::Pass => summary.passed = 1,
        Outcome::Fail => {
            summary.failed = 1;
            failures.push(CheckFailure {
                rule_code: rule.code.clone(),
                severity: rule.severity,
                message: render_message(&rule.message, source),
                items: items.iter().map(|c| failed_item(c)).collect(),
            });
        }
        Outcome::NotComputable { missing, zero } => {
            summary.not_computable = 1;
            summary.why_not_computable = Some(why_not_computable(&missing, &zero));
            summary.missing = missing;
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::why_not_computable;
    use super::*;

    fn item(code: &str, table: &str, kind: ItemKind, decimals: u8) -> TemplateItem {
        TemplateItem {
            code: code.into(),
            table_code: table.into(),
            row_label: code.into(),
            col_label: String::new(),
            unit: String::new(),
            kind,
            decimals,
            required: false,
            agency_code: None,
        }
    }

    /// The lookups answer what the searches they replaced answered: the first item of a code,
    /// ranges within one table in template order without text items, none backwards.
    #[test]
    fn ranges_and_decimals_are_looked_up_as_they_were_searched() {
        let items = vec![
            item("A", "T1", ItemKind::Number, 1),
            item("B", "T1", ItemKind::Text, 0),
            item("C", "T1", ItemKind::Integer, 0),
            item("A", "T1", ItemKind::Number, 3),
            item("D", "T2", ItemKind::Number, 2),
            item("E", "T1", ItemKind::Number, 0),
        ];
        let empty = HashMap::new();
        let codes = item_codes(&items);
        let source = Source::new(&empty, &empty, &items, &codes, |_, _, _| {});
        fn range_codes(range: Option<Vec<(&str, Option<f64>)>>) -> Option<Vec<&str>> {
            range.map(|r| r.into_iter().map(|(c, _)| c).collect())
        }
        assert_eq!(range_codes(source.range("A", "C")), Some(vec!["A", "C"]));
        assert_eq!(source.range("C", "A"), None, "backwards");
        assert_eq!(source.range("A", "D"), None, "across tables");
        assert_eq!(source.range("A", "Z"), None);
        assert_eq!(range_codes(source.range("D", "D")), Some(vec!["D"]));
        assert_eq!(range_codes(source.range("C", "E")), Some(vec!["C", "A", "D", "E"]), "ends in one table, apart");
        assert_eq!((source.decimals("A"), source.decimals("D"), source.decimals("Z")), (1, 2, 0));
        assert_eq!(source.item_named("A").map(|i| i.decimals), Some(3), "failures name the last item of a code");
    }

    /// Values read by an item's position are those of the year's map, for items of the
    /// template (a code twice included) and for codes that are not.
    #[test]
    fn values_by_position_are_the_values_of_the_map() {
        let items = vec![
            item("A", "T1", ItemKind::Number, 1),
            item("B", "T1", ItemKind::Text, 0),
            item("C", "T1", ItemKind::Number, 0),
            item("A", "T1", ItemKind::Number, 3),
        ];
        let value = |number: Option<f64>, text: Option<&str>| StoredValue {
            number,
            text: text.map(str::to_string),
            note: String::new(),
            cell: String::new(),
        };
        let now = HashMap::from([
            ("A".to_string(), value(Some(5.0), None)),
            ("B".to_string(), value(None, Some("متن"))),
            ("C".to_string(), value(None, Some(""))),
            ("OUTSIDE".to_string(), value(Some(7.0), None)),
        ]);
        let before = HashMap::from([("A".to_string(), value(Some(4.0), None))]);
        let codes = item_codes(&items);
        let source = Source::new(&now, &before, &items, &codes, |_, _, _| {});
        for code in ["A", "B", "C", "OUTSIDE", "NONE"] {
            assert_eq!(source.value(code), now.get(code).and_then(|v| v.number), "{code}");
            assert_eq!(source.is_present(code), Known::of(now.get(code)).present, "{code}");
        }
        assert_eq!(
            (source.is_present("A"), source.is_present("B"), source.is_present("C"), source.is_present("OUTSIDE")),
            (true, true, false, true)
        );
        assert_eq!(source.range("A", "C"), Some(vec![("A", Some(5.0)), ("C", None)]));
        assert_eq!((source.previous("A"), source.previous("C")), (Some(4.0), None));
    }

    /// The built-in checks run in one pass over the items, yet list their failures check by
    /// check, each in item order, as one pass per check did.
    #[test]
    fn builtin_failures_are_listed_check_by_check() {
        let required = |code: &str| TemplateItem { required: true, ..item(code, "T1", ItemKind::Number, 0) };
        let template = Template {
            code: "T".into(),
            year: 1403,
            version: "1".into(),
            title: String::new(),
            tables: vec![],
            items: vec![required("A"), required("B"), required("C")],
            rules: vec![],
        };
        let value = |n: f64| StoredValue { number: Some(n), text: None, note: String::new(), cell: String::new() };
        let now = HashMap::from([("B".to_string(), value(-1.0))]);
        let run = check(&template, &now, &HashMap::new(), &HashMap::new()).unwrap();
        let found: Vec<(&str, &str)> =
            run.failures.iter().map(|f| (f.rule_code.as_str(), f.items[0].code.as_str())).collect();
        assert_eq!(found, [("B-REQUIRED", "A"), ("B-REQUIRED", "C"), ("B-NONNEGATIVE", "B")]);
        let summary = |code: &str| run.rules.iter().find(|r| r.code == code).map(|r| (r.items_checked, r.failed));
        assert_eq!((summary("B-REQUIRED"), summary("B-NONNEGATIVE")), (Some((3, 2)), Some((1, 1))));
    }

    #[test]
    fn a_zero_last_year_is_said_as_such_not_as_a_missing_value() {
        let zero = why_not_computable(&[], &["prev:T01.WHEAT".into()]);
        assert_eq!(zero, "مقدار سال پیشِ «T01.WHEAT» صفر است و تغییر یا نسبت به آن حساب نمی‌شود");
        assert!(!zero.contains("بی‌مقدار"));
        let missing = why_not_computable(&["T01.BARLEY".into(), "prev:T01.RICE".into()], &[]);
        assert_eq!(missing, "بی‌مقدار: «T01.BARLEY»، مقدار سال پیشِ «T01.RICE»");
    }
}
