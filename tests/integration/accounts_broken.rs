//! Broken returned workbooks on the fixture year, each with its exact message and, when a
//! file is refused, the province file unchanged.

use crate::common;

use daftar::accounts::checks::run_checks;
use daftar::accounts::reply::{write_reply, Reply, Typed};
use daftar::accounts::{self, values, IntakeStatus};
use daftar::store::Store;
use std::path::PathBuf;

struct Year {
    dir: tempfile::TempDir,
    store: Store,
    sent: PathBuf,
}

/// The demo province (1403 received and checked) and a fresh workbook for the gas company.
fn year() -> Year {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let mut store = Store::open(&path, "کارشناس").unwrap();
    let written = accounts::generate_workbooks(&mut store, 1403, &dir.path().join("sent"), &["202".into()]).unwrap();
    Year { sent: PathBuf::from(&written[0].path), dir, store }
}

impl Year {
    fn reply(&self, name: &str, reply: &Reply) -> PathBuf {
        let path = self.dir.path().join(name);
        write_reply(&self.sent, &path, reply).unwrap();
        path
    }
    fn intake(&mut self, file: &PathBuf) -> accounts::IntakeResult {
        accounts::import_workbooks(&mut self.store, 1403, std::slice::from_ref(file), Some("202"), &mut |_, _, _| {})
            .unwrap()
            .remove(0)
    }
    fn now(&self, code: &str) -> f64 {
        values::current_values(self.store.conn(), 1403).unwrap()[code].number.unwrap()
    }
    fn before(&self, code: &str) -> f64 {
        values::current_values(self.store.conn(), 1402).unwrap()[code].number.unwrap()
    }
    fn failing(&mut self) -> Vec<(String, String)> {
        run_checks(&mut self.store, 1403).unwrap().failures.into_iter().map(|f| (f.rule_code, f.message)).collect()
    }
}

fn values_of(pairs: &[(&str, Typed)]) -> Reply {
    Reply { values: pairs.iter().map(|(c, v)| (c.to_string(), v.clone())).collect(), ..Default::default() }
}

#[test]
fn a_negative_value_is_reported_by_the_built_in_check() {
    let mut year = year();
    let file = year.reply("negative.xlsx", &values_of(&[("T04.CNG.CONS", Typed::Number(-12.0))]));
    assert_eq!(year.intake(&file).status, IntakeStatus::Imported);
    let failing = year.failing();
    assert!(
        failing.contains(&(
            "B-NONNEGATIVE".into(),
            "«جایگاه‌های سوخت CNG / مصرف» منفی است؛ این قلم نمی‌تواند منفی باشد.".into()
        )),
        "{failing:?}"
    );
}

#[test]
fn a_sixty_percent_jump_over_last_year_is_a_warning() {
    let mut year = year();
    let household = year.before("T04.HOUSEHOLD.CONS") * 1.6;
    let total = year.now("T04.TOTAL.CONS") - year.now("T04.HOUSEHOLD.CONS") + household;
    let file = year.reply(
        "jump.xlsx",
        &values_of(&[("T04.HOUSEHOLD.CONS", Typed::Number(household)), ("T04.TOTAL.CONS", Typed::Number(total))]),
    );
    assert_eq!(year.intake(&file).status, IntakeStatus::Imported);
    let codes: Vec<String> = year.failing().into_iter().map(|(c, _)| c).collect();
    assert!(codes.contains(&"R-T04-04".to_string()), "{codes:?}");
    assert!(!codes.contains(&"R-T04-01".to_string()), "the total was kept consistent: {codes:?}");
}

#[test]
fn a_row_the_agency_inserted_moves_nothing() {
    let mut year = year();
    let mut reply = values_of(&[("T04.PUBLIC.CONS", Typed::Number(55.5))]);
    reply.inserted.push((
        "T04".into(),
        6,
        vec![String::new(), "ردیفی که دستگاه افزوده".into(), String::new(), String::new(), "999".into()],
    ));
    let file = year.reply("inserted.xlsx", &reply);
    let result = year.intake(&file);
    assert_eq!(result.status, IntakeStatus::Imported);
    assert_eq!(result.warnings, ["ردیف ۷ برگهٔ «T04» کد قلم ندارد و نادیده گرفته شد."]);
    assert_eq!(year.now("T04.PUBLIC.CONS"), 55.5, "matched by item code, not by position");
}

#[test]
fn truncated_and_renamed_files_are_refused_and_change_nothing() {
    let mut year = year();
    let full = year.reply("full.xlsx", &values_of(&[("T04.PUBLIC.CONS", Typed::Number(1.0))]));
    let bytes = std::fs::read(&full).unwrap();
    let truncated = year.dir.path().join("gas-truncated.xlsx");
    std::fs::write(&truncated, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let renamed = year.dir.path().join("gas.xlsx");
    std::fs::write(&renamed, "کد قلم,مقدار\nT04.PUBLIC.CONS,12\n").unwrap();
    let before = std::fs::read(year.store.path()).unwrap();
    let result = year.intake(&truncated);
    assert_eq!(result.status, IntakeStatus::Refused);
    assert_eq!(result.refusal.unwrap().message, "فایل «gas-truncated.xlsx» ناقص یا آسیب‌دیده است و خوانده نشد؛ شاید کامل ذخیره یا رونوشت نشده. نسخهٔ سالم را دوباره از فرستنده بگیرید.");
    let result = year.intake(&renamed);
    assert_eq!(result.refusal.unwrap().message, "فایل «gas.xlsx» کارپوشهٔ اکسل (xlsx) نیست؛ متن ساده یا CSV است که پسوندش به xlsx تغییر کرده. آن را در اکسل یا لیبره‌آفیس باز کنید و با قالب xlsx ذخیره کنید: در اکسل «Excel Workbook (*.xlsx)» و در لیبره‌آفیس «Excel 2007–365».");
    assert_eq!(std::fs::read(year.store.path()).unwrap(), before, "the province file changed");
}
