//! The analyst's explanations of warnings. An explanation belongs to one agency and to the
//! values the warning cited when it was written (migration 0007): it explains the warning
//! only while the latest check cites the same values. A warning that names items of several
//! agencies needs an explanation from each of them, one per agency's part; a warning whose
//! items have no supplier belongs to no part, blocks no approval and cannot be explained
//! until its items are assigned.

use super::checks::{CheckFailure, FailedItem};
use super::review::latest_failures;
use super::{AccountsError, Severity};
use crate::agencies;
use crate::fa;
use crate::store::{jalali_of_iso, now_iso, record_audit, AuditEntry, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// Where one agency stands on one warning of the latest check run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WarningExplanation {
    pub rule_code: String,
    /// None: an explanation carried over from before explanations belonged to agencies, whose
    /// agency could not be told (migration 0007); it explains nothing and is shown for reference.
    pub agency_code: Option<String>,
    pub agency_name: String,
    /// An explanation covers the values the latest check found: the warning is explained for
    /// this agency.
    pub explained: bool,
    /// The explanation written for this agency, standing or not; empty when none was written.
    pub text: String,
    pub written_at_jalali: String,
    pub written_by: String,
    /// Why the text shown no longer explains the warning (the values changed since); empty
    /// when it does or when nothing was written.
    pub outdated: String,
}

/// An item as an explanation keeps it: the JSON of `FailedItem`, read for code and value.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct CitedValue {
    code: String,
    value: Option<f64>,
}

/// One row of ra_explanation.
struct Stored {
    rule_code: String,
    agency_code: Option<String>,
    agency_name: String,
    explained_items: Option<Vec<CitedValue>>,
    text: String,
    written_at: String,
    written_by: String,
}

/// Explain `rule`'s warning for `agency_code` (replacing that agency's earlier explanation of it;
/// both stay in the audit log). The explanation is tied to the values the warning cites now.
pub fn explain(store: &mut Store, year: i32, rule: &str, agency_code: &str, text: &str) -> Result<(), AccountsError> {
    let text = fa::normalize_text(text);
    let rule = rule.trim().to_ascii_uppercase();
    if text.is_empty() {
        return Err(AccountsError::ExplanationRequired { rule });
    }
    let agency = agencies::find(store, agency_code)?;
    let warning = explain_allowed(store.conn(), year, &rule, &agency.code, &agency.name)?;
    let items = serde_json::to_string(&warning.items).expect("serializable");
    store.write(|tx, actor| {
        tx.execute(
            "DELETE FROM ra_explanation WHERE year = ?1 AND rule_code = ?2 AND agency_id = ?3",
            params![year, rule, agency.id],
        )?;
        tx.execute(
            "INSERT INTO ra_explanation (year, rule_code, agency_id, explained_items, text, written_at, written_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![year, rule, agency.id, items, text, now_iso(), actor],
        )?;
        let key = format!("{year}/{rule}/{}", agency.code);
        record_audit(tx, actor, &AuditEntry::new("ra_explanation", &key, "explain").new_value(&text))?;
        Ok(())
    })
}

/// The warning an explanation of `rule` for the agency would explain: the latest check run's
/// warning of that rule naming an item the agency supplies.
pub fn explain_allowed(
    conn: &Connection,
    year: i32,
    rule: &str,
    agency_code: &str,
    agency_name: &str,
) -> Result<CheckFailure, AccountsError> {
    let failures = latest_failures(conn, year)?.map(|(_, f)| f).unwrap_or_default();
    failures
        .into_iter()
        .find(|f| f.severity == Severity::Warning && f.rule_code == rule && agencies_of(f).contains(&agency_code))
        .ok_or_else(|| AccountsError::NoSuchWarning { rule: rule.to_string(), agency: agency_name.to_string(), year })
}

/// The agencies whose items a failure names, in the order of its items.
fn agencies_of(failure: &CheckFailure) -> Vec<&str> {
    let mut codes: Vec<&str> = Vec::new();
    for code in failure.items.iter().filter_map(|i| i.agency_code.as_deref()) {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// For each warning of `failures` and each agency it names, whether that agency has explained
/// it for the values it cites; then the carried-over explanations of those rules that have no
/// agency.
pub fn warning_explanations(
    conn: &Connection,
    year: i32,
    failures: &[CheckFailure],
) -> Result<Vec<WarningExplanation>, AccountsError> {
    let stored = stored(conn, year)?;
    let names = agency_names(failures);
    let mut out = Vec::new();
    for warning in failures.iter().filter(|f| f.severity == Severity::Warning) {
        for agency in agencies_of(warning) {
            let mine =
                stored.iter().find(|s| s.rule_code == warning.rule_code && s.agency_code.as_deref() == Some(agency));
            let name = names.iter().find(|(c, _)| c == agency).map(|(_, n)| n.clone()).unwrap_or_default();
            out.push(status(warning, Some(agency.to_string()), name, mine));
        }
    }
    let warned: HashSet<&str> =
        failures.iter().filter(|f| f.severity == Severity::Warning).map(|f| f.rule_code.as_str()).collect();
    for old in stored.iter().filter(|s| s.agency_code.is_none() && warned.contains(s.rule_code.as_str())) {
        let warning = failures.iter().find(|f| f.rule_code == old.rule_code).expect("warned");
        out.push(status(warning, None, String::new(), Some(old)));
    }
    Ok(out)
}

/// The (rule, agency) pairs whose warning is explained for the values it cites.
pub fn explained_pairs(explanations: &[WarningExplanation]) -> HashSet<(String, String)> {
    explanations
        .iter()
        .filter(|e| e.explained)
        .filter_map(|e| Some((e.rule_code.clone(), e.agency_code.clone()?)))
        .collect()
}

fn status(
    warning: &CheckFailure,
    agency_code: Option<String>,
    agency_name: String,
    stored: Option<&Stored>,
) -> WarningExplanation {
    let Some(s) = stored else {
        return WarningExplanation {
            rule_code: warning.rule_code.clone(),
            agency_code,
            agency_name,
            explained: false,
            text: String::new(),
            written_at_jalali: String::new(),
            written_by: String::new(),
            outdated: String::new(),
        };
    };
    let outdated = match &s.explained_items {
        None => "این توضیح پیش از آن نوشته شده که توضیح‌ها به دستگاه و مقادیر بسته شوند و دستگاهش روشن نیست؛ برای هر دستگاه توضیح بنویسید.".to_string(),
        Some(explained) => changed_values(explained, &warning.items),
    };
    WarningExplanation {
        rule_code: warning.rule_code.clone(),
        agency_code,
        agency_name: if agency_name.is_empty() { s.agency_name.clone() } else { agency_name },
        explained: outdated.is_empty(),
        text: s.text.clone(),
        written_at_jalali: jalali_of_iso(&s.written_at),
        written_by: s.written_by.clone(),
        outdated,
    }
}

/// Empty when the warning cites the values explained; otherwise which values changed since.
fn changed_values(explained: &[CitedValue], now: &[FailedItem]) -> String {
    let mut then: Vec<&CitedValue> = explained.iter().collect();
    then.sort_by(|a, b| a.code.cmp(&b.code));
    let mut current: Vec<(&str, Option<f64>)> = now.iter().map(|i| (i.code.as_str(), i.value)).collect();
    current.sort_by(|a, b| a.0.cmp(b.0));
    if then.iter().map(|c| (c.code.as_str(), c.value)).eq(current.iter().copied()) {
        return String::new();
    }
    let changes: Vec<String> = current
        .iter()
        .filter_map(|(code, value)| {
            let before = then.iter().find(|c| c.code == *code).map(|c| c.value);
            (before != Some(*value)).then(|| match before {
                Some(before) => format!("«{code}» از {} به {}", shown(before), shown(*value)),
                None => format!("«{code}» تازه در هشدار آمده است"),
            })
        })
        .collect();
    let mut sentence = "مقادیر پس از توضیح تغییر کرده است".to_string();
    if !changes.is_empty() {
        sentence.push_str(": ");
        sentence.push_str(&changes.join("، "));
    }
    sentence.push_str("؛ توضیح پیشین دیگر این هشدار را توضیح نمی‌دهد، دوباره بنویسید.");
    sentence
}

/// A value as the analyst typed it, in Persian digits; «—» for none.
fn shown(value: Option<f64>) -> String {
    let Some(v) = value else { return "—".to_string() };
    let decimals = v.to_string().split_once('.').map_or(0, |(_, f)| f.len()).min(6);
    fa::format_decimal(v, decimals)
}

/// Agency code -> name, as the failures carry them.
fn agency_names(failures: &[CheckFailure]) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = Vec::new();
    for item in failures.iter().flat_map(|f| &f.items) {
        if let (Some(code), Some(name)) = (&item.agency_code, &item.agency_name) {
            if !names.iter().any(|(c, _)| c == code) {
                names.push((code.clone(), name.clone()));
            }
        }
    }
    names
}

fn stored(conn: &Connection, year: i32) -> Result<Vec<Stored>, AccountsError> {
    let mut stmt = conn.prepare(
        "SELECT e.rule_code, a.code, a.name, e.explained_items, e.text, e.written_at, e.written_by
         FROM ra_explanation e LEFT JOIN agency a ON a.id = e.agency_id WHERE e.year = ?1 ORDER BY e.rule_code",
    )?;
    let rows = stmt.query_map([year], |r| {
        let items: Option<String> = r.get(3)?;
        Ok(Stored {
            rule_code: r.get(0)?,
            agency_code: r.get(1)?,
            agency_name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            // A row that does not read (it cannot be written so) explains nothing.
            explained_items: items.map(|i| serde_json::from_str(&i).unwrap_or_default()),
            text: r.get(4)?,
            written_at: r.get(5)?,
            written_by: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, value: Option<f64>) -> FailedItem {
        FailedItem {
            code: code.into(),
            label: String::new(),
            value,
            cell: String::new(),
            agency_code: Some("202".into()),
            agency_name: None,
        }
    }

    fn cited(code: &str, value: Option<f64>) -> CitedValue {
        CitedValue { code: code.into(), value }
    }

    #[test]
    fn the_same_values_in_any_order_keep_an_explanation_and_a_changed_one_says_which() {
        let then = [cited("T04.A", Some(1.5)), cited("T04.B", None)];
        assert_eq!(changed_values(&then, &[item("T04.B", None), item("T04.A", Some(1.5))]), "");
        let changed = changed_values(&then, &[item("T04.A", Some(2.25)), item("T04.B", None)]);
        assert!(changed.starts_with("مقادیر پس از توضیح تغییر کرده است: «T04.A» از ۱٫۵ به ۲٫۲۵"), "{changed}");
        let grown = changed_values(&then, &[item("T04.A", Some(1.5)), item("T04.B", None), item("T04.C", Some(3.0))]);
        assert!(grown.contains("«T04.C» تازه در هشدار آمده است"), "{grown}");
    }
}
