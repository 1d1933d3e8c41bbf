//! A whole year of regional accounts on the fixtures: the 1403 template, last year's values,
//! a workbook for every supplying agency, their replies (typed as people type), the office's
//! own entries, and the checks, which must agree rule by rule with the outcomes computed
//! independently in fixtures/src/accounts/generate.py.

use crate::common;

use daftar::accounts::checks::{check, run_checks};
use daftar::accounts::reply::{write_reply, Reply, Typed};
use daftar::accounts::{self, assign, values, IntakeStatus, Severity};
use std::collections::HashMap;
use std::path::PathBuf;

fn tsv(name: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(common::fixtures().join("src/accounts").join(name))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Rule code -> (outcome 1402, outcome 1403) as «pass», «fail» or «skip».
fn expected() -> HashMap<String, (String, String)> {
    tsv("expected-results.tsv").into_iter().map(|r| (r[0].clone(), (r[1].clone(), r[2].clone()))).collect()
}

fn outcome(summary: &daftar::accounts::checks::RuleSummary) -> &'static str {
    match (summary.passed, summary.failed) {
        (1, _) => "pass",
        (_, 1) => "fail",
        _ => "skip",
    }
}

#[test]
fn a_year_of_regional_accounts_on_the_fixtures() {
    let (dir, mut store) = common::demo_store();
    let fixtures = common::fixtures().join("accounts");

    let report = accounts::import_template(&mut store, &fixtures.join("template-1403.xlsx")).unwrap();
    assert_eq!((report.year, report.tables, report.items, report.rules), (1403, 13, 317, 133));
    assert_eq!(report.assigned_from_template, 314);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let overview = assign::overview(&store, 1403).unwrap();
    assert_eq!(overview.unassigned.len(), 3);
    assert_eq!(overview.per_agency.len(), 29);

    assert_eq!(values::import_final_values(&mut store, 1402, &fixtures.join("values-1402.xlsx")).unwrap(), 315);

    // Every supplying agency gets its workbook …
    let sent_dir = dir.path().join("sent");
    let sent = accounts::generate_workbooks(&mut store, 1403, &sent_dir, &[]).unwrap();
    assert_eq!(sent.len(), 29);
    assert_eq!(sent.iter().map(|w| w.items).sum::<u32>(), 314);

    // … and sends it back filled in: some numbers typed as Persian text with separators.
    let values_1403 = tsv("values-1403.tsv");
    let template = accounts::template_of(&store, 1403).unwrap();
    let suppliers: HashMap<String, String> =
        template.items.iter().filter_map(|i| i.agency_code.clone().map(|a| (i.code.clone(), a))).collect();
    let rows: Vec<(String, String, String)> =
        values_1403.iter().map(|r| (r[0].clone(), r[1].clone(), r.get(2).cloned().unwrap_or_default())).collect();
    let returned = daftar::accounts::reply::replies_from_values(&sent, &suppliers, &rows, dir.path()).unwrap();
    let results = accounts::import_workbooks(&mut store, 1403, &returned, None, &mut |_, _, _| {}).unwrap();
    for r in &results {
        assert_eq!(r.status, IntakeStatus::Imported, "{}: {:?}", r.file_name, r.refusal);
        assert!(r.findings.is_empty() && r.warnings.is_empty(), "{}: {:?} {:?}", r.file_name, r.findings, r.warnings);
    }
    assert_eq!(results.iter().map(|r| r.values_read).sum::<u32>(), 314 - 4);

    // The three unassigned items came by letter: the analyst types them.
    for item in &overview.unassigned {
        let row = values_1403.iter().find(|r| r[0] == item.code).unwrap();
        values::enter_value(&mut store, 1403, &item.code, &daftar::fa::to_persian_digits(&row[1]), &row[2]).unwrap();
    }

    // The checks agree with the independent evaluator, rule by rule.
    let run = run_checks(&mut store, 1403).unwrap();
    let expected = expected();
    for summary in run.rules.iter().filter(|r| !r.code.starts_with("B-")) {
        assert_eq!(outcome(summary), expected[&summary.code].1, "rule {} ({})", summary.code, summary.description);
    }
    let failed: Vec<&str> =
        run.failures.iter().filter(|f| !f.rule_code.starts_with("B-")).map(|f| f.rule_code.as_str()).collect();
    assert_eq!(failed, ["R-T01-03", "R-T01-12", "R-T03-03", "R-T04-03", "R-T06-03", "R-T11-06"]);
    let required: Vec<&str> =
        run.failures.iter().filter(|f| f.rule_code == "B-REQUIRED").map(|f| f.items[0].code.as_str()).collect();
    assert_eq!(required, ["T02.HONEY.PROD", "T03.PEAK.LOAD", "T09.PRIVATE.PHYS", "T10.HEALTH.CAPITAL"]);
    assert_eq!(run.not_computable, 5);

    // A failure names the cell the agency must fix and the agency.
    let construction = run.failures.iter().find(|f| f.rule_code == "R-T11-06").unwrap();
    assert_eq!(construction.severity, Severity::Error);
    let va = construction.items.iter().find(|i| i.code == "T11.F.VA").unwrap();
    assert!(va.cell.starts_with("T11!E"), "{}", va.cell);
    assert_eq!(va.agency_code.as_deref(), Some("502"));
    assert!(!construction.message.contains('{'), "{}", construction.message);

    // Feedback: each agency with findings gets its workbook back, failing cells marked.
    let feedback =
        daftar::accounts::feedback::write_workbooks(&mut store, 1403, &run, &dir.path().join("feedback")).unwrap();
    let mut agencies: Vec<&str> = feedback.iter().map(|w| w.agency_code.as_str()).collect();
    agencies.sort();
    assert_eq!(agencies, ["201", "202", "401", "405", "501", "502"]);
    let construction_book = feedback.iter().find(|w| w.agency_code == "502").unwrap();
    {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&construction_book.path).unwrap();
        assert_eq!(book.sheet_names()[..2], ["راهنما", "ایرادها"]);
        let findings = book.worksheet_range("ایرادها").unwrap();
        let listed: Vec<String> = findings.rows().skip(1).map(|r| r[0].to_string()).collect();
        assert!(listed.iter().any(|c| c == "T11.F.VA"), "{listed:?}");
        let message = findings.rows().find(|r| r[0] == "T11.F.VA").unwrap()[3].to_string();
        assert!(message.starts_with("خطا (R-T11-06): "), "{message}");
    }

    // The construction agency corrects its value in the feedback workbook and sends it back.
    let output = values::current_values(store.conn(), 1403).unwrap()["T11.F.OUTPUT"].number.unwrap();
    let ic = values::current_values(store.conn(), 1403).unwrap()["T11.F.IC"].number.unwrap();
    let corrected = dir.path().join("corrected-502.xlsx");
    let mut fix = Reply::default();
    fix.values.insert("T11.F.VA".into(), Typed::Number(output - ic));
    write_reply(PathBuf::from(&construction_book.path).as_path(), &corrected, &fix).unwrap();
    let result =
        accounts::import_workbooks(&mut store, 1403, &[corrected], Some("502"), &mut |_, _, _| {}).unwrap().remove(0);
    assert_eq!((result.status, result.changed_values), (IntakeStatus::Imported, 1));
    let rerun = run_checks(&mut store, 1403).unwrap();
    let codes: Vec<&str> = rerun.failures.iter().map(|f| f.rule_code.as_str()).collect();
    assert!(!codes.contains(&"R-T11-06"), "{codes:?}");
    // The province's total value added had been summed with the wrong figure: now it is the
    // total that no longer adds up, for its supplier to correct.
    assert!(codes.contains(&"R-T11-22"), "{codes:?}");
    assert_eq!(rerun.failures.len(), run.failures.len());

    // The Statistical Centre revises the template: two items go, two come; the rest keep their values.
    let before_revision = values::current_values(store.conn(), 1403).unwrap();
    let revision = accounts::import_template(&mut store, &fixtures.join("template-1403-rev2.xlsx")).unwrap();
    assert_eq!((revision.previous_version.as_deref(), revision.version.as_str()), (Some("1403.1"), "1403.2"));
    assert_eq!(revision.added_items, ["T12.MIGRANTS_IN.NUM", "T12.MIGRANTS_OUT.NUM"]);
    assert_eq!(revision.removed_items.len(), 2);
    assert_eq!(revision.removed_with_values, 2, "their values stay in the history");
    let after_revision = values::current_values(store.conn(), 1403).unwrap();
    assert_eq!(after_revision["T01.WHEAT_IRR.AREA"], before_revision["T01.WHEAT_IRR.AREA"]);

    // Last year's values on their own: every rule passes or cannot be computed (no 1401).
    let v1402 = values::current_values(store.conn(), 1402).unwrap();
    let run_1402 = check(&template, &v1402, &HashMap::new(), &HashMap::new()).unwrap();
    for summary in run_1402.rules.iter().filter(|r| !r.code.starts_with("B-")) {
        assert_eq!(outcome(summary), expected[&summary.code].0, "1402 rule {}", summary.code);
    }
}
