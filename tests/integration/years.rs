//! Years in one province file: a template of another year is asked about, never filed
//! silently; last year's suppliers are reused where item codes match; last year's values are
//! `prev()` without an import; the CLI is refused while the app holds the file.

use crate::common;
use daftar::accounts::years::{self, TemplateImport};
use daftar::accounts::{assign, template_of, view, AccountsError};
use daftar::Problem;
use std::process::Command;

fn template_1403() -> std::path::PathBuf {
    common::fixtures().join("accounts/template-1403.xlsx")
}

#[test]
fn a_template_of_another_year_is_asked_about_and_filed_only_where_the_person_says() {
    let (_dir, mut store) = common::demo_store();
    let answer = years::import_template_for(&mut store, &template_1403(), 1404).unwrap();
    let TemplateImport::YearDiffers { file_year, year, question, .. } = answer else { panic!("filed silently") };
    assert_eq!((file_year, year), (1403, 1404));
    assert!(question.contains("۱۴۰۳") && question.contains("۱۴۰۴"), "{question}");
    assert!(matches!(template_of(&store, 1403), Err(AccountsError::NoTemplate { .. })));
    assert!(matches!(template_of(&store, 1404), Err(AccountsError::NoTemplate { .. })));

    let report = years::import_template_as(&mut store, &template_1403(), 1404).unwrap();
    assert_eq!((report.year, report.file_year), (1404, 1403));
    assert_eq!(template_of(&store, 1404).unwrap().items.len() as u32, report.items);
    assert!(matches!(template_of(&store, 1403), Err(AccountsError::NoTemplate { .. })));
    let overview = view::accounts_overview(&store, 1404).unwrap();
    assert_eq!(overview.years, [1404, 1403], "the 1404 template and the working year");
}

#[test]
fn last_years_suppliers_are_reused_where_item_codes_match() {
    let (_dir, mut store) = common::demo_store();
    let TemplateImport::Imported { .. } = years::import_template_for(&mut store, &template_1403(), 1403).unwrap()
    else {
        panic!("the template is of 1403")
    };
    // The office assigns what the template left without a supplier.
    let left: Vec<String> = template_of(&store, 1403)
        .unwrap()
        .items
        .into_iter()
        .filter(|i| i.agency_code.is_none())
        .map(|i| i.code)
        .collect();
    assert!(!left.is_empty(), "the fixture leaves items for the office to assign");
    let agency = daftar::agencies::list(&store, "", false).unwrap()[0].code.clone();
    for code in &left {
        assign::assign(&mut store, 1403, code, &agency, None).unwrap();
    }
    years::import_template_as(&mut store, &template_1403(), 1404).unwrap();
    let before = view::accounts_overview(&store, 1404).unwrap();
    assert!(before.reuse_assignments.enabled);

    let report = years::reuse_assignments(&mut store, 1404).unwrap();
    let reused: Vec<&String> = report.reused.iter().map(|r| &r.item).collect();
    assert_eq!(reused, left.iter().collect::<Vec<_>>());
    assert!(report.reused.iter().all(|r| r.agency_code == agency));
    let items = template_of(&store, 1404).unwrap().items;
    assert_eq!(report.kept as usize, items.len() - left.len());
    assert!(items.iter().all(|i| i.agency_code.is_some()));

    let again = years::reuse_assignments(&mut store, 1404).unwrap_err();
    assert_eq!(again.code(), "accounts.nothing_to_reuse");
    let after = view::accounts_overview(&store, 1404).unwrap();
    assert_eq!(after.reuse_assignments.blocker, Some(again.to_string()), "the button says the refusal");
}

#[test]
fn last_years_values_in_the_file_are_prev_without_an_import() {
    let (_dir, mut store) = common::demo_store();
    years::import_template_for(&mut store, &template_1403(), 1403).unwrap();
    let template = template_of(&store, 1403).unwrap();
    let item = template.items.iter().find(|i| i.kind != daftar::accounts::ItemKind::Text).unwrap();
    daftar::accounts::values::enter_value(&mut store, 1403, &item.code, "۱۲۳٫۵", "").unwrap();
    years::import_template_as(&mut store, &template_1403(), 1404).unwrap();

    let previous = view::accounts_overview(&store, 1404).unwrap().previous;
    assert_eq!((previous.year, previous.values, previous.worked_here), (1403, 1, true));
    let rows = view::item_rows(&store, 1404, &item.table_code).unwrap();
    let row = rows.iter().find(|r| r.item.code == item.code).unwrap();
    assert_eq!(row.previous, Some(123.5));
}

#[test]
fn the_cli_is_refused_while_the_app_holds_the_file_and_says_so() {
    let (dir, store) = common::demo_store();
    let file = dir.path().join("lorestan.daftar");
    let out = Command::new(env!("CARGO_BIN_EXE_daftar"))
        .arg("--file")
        .arg(&file)
        .args(["--json", "accounts", "template"])
        .arg(template_1403())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("store.in_use"), "{text}");
    assert!(text.contains("پنجرهٔ دیگر دفتر"), "the message names the app: {text}");
    // Once the app lets go, the CLI's change is what the app reads on its next open.
    drop(store);
    let out = Command::new(env!("CARGO_BIN_EXE_daftar"))
        .arg("--file")
        .arg(&file)
        .args(["accounts", "template", "--year", "1404"])
        .arg(template_1403())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "a template of 1403 is not filed under 1404 silently: {said}");
    assert!(said.contains("۱۴۰۳") && said.contains("۱۴۰۴"), "{said}");
}
