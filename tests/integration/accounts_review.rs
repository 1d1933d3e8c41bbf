//! Review and approval on the demo province (1403 received and checked): errors block,
//! warnings need an explanation, approved values are locked in SQL until reopened.

use crate::common;

use daftar::accounts::review::{self, ReviewState};
use daftar::accounts::{explanations, values, AccountsError};
use daftar::store::Store;
use daftar::Problem;

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let store = Store::open(&path, "کارشناس").unwrap();
    (dir, store)
}

fn state(store: &Store, agency: &str, table: &str) -> Option<ReviewState> {
    let board = review::dashboard(store, 1403).unwrap();
    board.agencies.iter().find(|a| a.agency_code == agency)?.tables.iter().find(|t| t.table_code == table)?.state
}

#[test]
fn the_dashboard_shows_every_agency_and_what_is_wrong() {
    let (_dir, mut store) = demo();
    review::set_deadline(&mut store, 1403, daftar::fa::JalaliDate::parse("۱۴۰۳/۰۹/۳۰").unwrap()).unwrap();
    let board = review::dashboard(&store, 1403).unwrap();
    assert_eq!(board.deadline.as_deref(), Some("۱۴۰۳/۰۹/۳۰"));
    assert!(board.days_left.is_some());
    assert_eq!(board.agencies.len(), 29);
    assert_eq!(board.unassigned_items, 3);
    assert!(board.last_check_jalali.is_some());
    let farming = board.agencies.iter().find(|a| a.agency_code == "501").unwrap();
    let crops = farming.tables.iter().find(|t| t.table_code == "T01").unwrap();
    assert_eq!(crops.state, Some(ReviewState::Checked));
    assert_eq!(crops.errors, ["R-T01-03"]);
    assert_eq!(crops.unexplained_warnings, ["R-T01-12"]);
    let electricity = board.agencies.iter().find(|a| a.agency_code == "201").unwrap();
    let t03 = electricity.tables.iter().find(|t| t.table_code == "T03").unwrap();
    assert_eq!(t03.missing_required, 1);
}

#[test]
fn errors_block_approval_and_warnings_need_an_explanation() {
    let (_dir, mut store) = demo();
    let err = review::approve(&mut store, 1403, "501", Some("T01")).unwrap_err();
    assert_eq!(err.to_string(), "سهم «سازمان جهاد کشاورزی استان لرستان» در جدول T01 خطا دارد («R-T01-03») و تأیید نمی‌شود؛ نخست خطاها را با دستگاه درست کنید و دوباره بررسی کنید.");

    let err = review::approve(&mut store, 1403, "202", None).unwrap_err();
    assert_eq!(err.code(), "accounts.review.unexplained_warnings");
    assert_eq!(err.to_string(), "هشدارهای «R-T04-03» در سهم «شرکت گاز استان لرستان» در جدول T04 هنوز توضیح ندارند؛ برای هر یک توضیح بنویسید، سپس تأیید کنید.");
    assert_eq!(
        explanations::explain(&mut store, 1403, "R-T04-03", "202", "  ").unwrap_err().code(),
        "accounts.review.explanation_required"
    );
    explanations::explain(&mut store, 1403, "R-T04-03", "202", "راه‌اندازی فاز دوم فولاد ازنا؛ نامهٔ شرکت گاز پیوست است.")
        .unwrap();
    let tables = review::approve(&mut store, 1403, "202", None).unwrap();
    assert!(tables.iter().all(|t| t.state == Some(ReviewState::Approved)));
    assert_eq!(tables[0].changed_by, "کارشناس");
}

#[test]
fn approved_values_are_locked_in_sql_until_reopened_with_a_reason() {
    let (_dir, mut store) = demo();
    review::approve(&mut store, 1403, "203", None).unwrap();
    assert_eq!(state(&store, "203", "T05"), Some(ReviewState::Approved));
    let item = daftar::accounts::template_of(&store, 1403)
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.agency_code.as_deref() == Some("203"))
        .unwrap();

    // The grid shows the lock from the same view the triggers read.
    let rows = daftar::accounts::view::item_rows(&store, 1403, "T05").unwrap();
    assert!(rows.iter().filter(|r| r.item.agency_code.as_deref() == Some("203")).all(|r| r.locked));
    assert!(rows.iter().filter(|r| r.item.agency_code.as_deref() == Some("204")).all(|r| !r.locked));

    // Through the app's functions …
    let err = values::enter_value(&mut store, 1403, &item.code, "123", "").unwrap_err();
    assert!(matches!(err, AccountsError::Locked));
    assert_eq!(err.to_string(), "این مقادیر تأیید شده و قفل‌اند؛ برای تغییر، نخست جدول را با ذکر دلیل بازگشایی کنید.");
    // … and in SQL itself.
    let sql =
        store.conn().execute("UPDATE ra_value SET value_num = 1 WHERE year = 1403 AND item_code = ?1", [&item.code]);
    assert!(sql.unwrap_err().to_string().contains("ra_value_locked"));
    let sql = store.conn().execute("DELETE FROM ra_value WHERE year = 1403 AND item_code = ?1", [&item.code]);
    assert!(sql.is_err());

    assert_eq!(
        review::reopen(&mut store, 1403, "203", "T05", " ").unwrap_err().code(),
        "accounts.review.reason_required"
    );
    review::reopen(&mut store, 1403, "203", "T05", "اصلاح رقم برداشت از چاه‌ها به درخواست شرکت").unwrap();
    assert_eq!(state(&store, "203", "T05"), Some(ReviewState::Checked));
    values::enter_value(&mut store, 1403, &item.code, "۱۲۳", "اصلاح پس از بازگشایی").unwrap();
    let audit = store.audit_log(5).unwrap();
    let reopen = audit.iter().find(|r| r.action == "reopen").unwrap();
    assert_eq!(reopen.reason.as_deref(), Some("اصلاح رقم برداشت از چاه‌ها به درخواست شرکت"));
    assert_eq!(
        review::reopen(&mut store, 1403, "203", "T05", "دوباره").unwrap_err().code(),
        "accounts.review.not_approved"
    );
}

#[test]
fn a_new_receipt_needs_new_checks_before_approval() {
    let (_dir, mut store) = demo();
    values::enter_value(&mut store, 1403, "T09.OTHER.HOSP", "5", "").unwrap();
    // The office's own entry does not change agencies' states; an agency's new workbook does.
    assert_eq!(state(&store, "203", "T05"), Some(ReviewState::Checked));
    let err = review::approve(&mut store, 1403, "999", None).unwrap_err();
    assert_eq!(err.code(), "agency.not_found");
}
