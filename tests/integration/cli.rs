//! The `daftar` command line: the same operations, JSON output and documented exit codes.

use crate::common::{self, daftar};

use std::process::{Command, Output};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn init_add_edit_list_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("l.daftar");
    let init_with_year = |year: &str| {
        let office = "سازمان مدیریت و برنامه‌ریزی استان لرستان";
        daftar(&file, &["--json", "init", "--province", "لرستان", "--office", office, "--year", year])
    };
    // Persian digits in a numeric option are a usage error from clap: exit 2.
    assert_eq!(init_with_year("۱۴۰۳").status.code(), Some(2));
    let init = init_with_year("1403");
    assert_eq!(init.status.code(), Some(0), "{}", String::from_utf8_lossy(&init.stderr));
    let info: serde_json::Value = serde_json::from_str(&stdout(&init)).unwrap();
    assert_eq!(info["working_year"], 1403);

    let add = daftar(
        &file,
        &[
            "--json",
            "agencies",
            "add",
            "--code",
            "101",
            "--name",
            "اداره کل آموزش و پرورش استان لرستان",
            "--group",
            "علمی، فرهنگی و آموزشی",
        ],
    );
    assert_eq!(add.status.code(), Some(0));
    let edit =
        daftar(&file, &["--json", "agencies", "edit", "101", "--phone", "۰۶۶-۳۳۲۲۰۰۰۰", "--reason", "شماره تازه"]);
    assert_eq!(edit.status.code(), Some(0));
    let list = daftar(&file, &["--json", "agencies", "list", "--search", "آموزش"]);
    let agencies: serde_json::Value = serde_json::from_str(&stdout(&list)).unwrap();
    assert_eq!(agencies[0]["phone"], "066-33220000");
    assert_eq!(agencies.as_array().unwrap().len(), 1);

    let deactivate = daftar(&file, &["agencies", "deactivate", "101", "--reason", "آزمون"]);
    assert_eq!(deactivate.status.code(), Some(0));
    let list = daftar(&file, &["--json", "agencies", "list"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&stdout(&list)).unwrap().as_array().unwrap().len(), 0);
    let audit = daftar(&file, &["--json", "audit"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&audit)).unwrap();
    assert_eq!(rows[0]["action"], "deactivate");
    assert_eq!(rows[0]["actor"], "آزمون");
}

#[test]
fn bad_input_exits_2_with_the_error_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("l.daftar");
    daftar::demo::build(&file, &common::fixtures(), false, "آزمون").unwrap();
    let out = daftar(
        &file,
        &[
            "--json",
            "agencies",
            "import",
            common::fixtures().join("broken/agencies-duplicate-codes.xlsx").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let error: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(error["error"]["code"], "agency.import.invalid_rows");
    assert_eq!(
        error["error"]["details"][0],
        "ردیف ۶، ستون A («کد»): کد «102» در ردیف ۳ هم آمده است؛ هر دستگاه کد یکتا دارد."
    );

    let plain = daftar(&file, &["agencies", "edit", "999", "--name", "x"]);
    assert_eq!(plain.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&plain.stderr).trim(), "خطا: دستگاهی با کد «999» در این پرونده نیست.");

    let usage = daftar(&file, &["agencies", "frobnicate"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn a_file_held_by_another_program_is_refused_by_the_cli() {
    let (_dir, store) = common::demo_store();
    let out = daftar(store.path(), &["agencies", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "خطا: پروندهٔ «lorestan.daftar» را برنامهٔ دیگری (پنجرهٔ دیگر دفتر یا خط فرمان) باز کرده است. آن را ببندید و دوباره بکوشید.\n  - ".to_string() + &store.path().display().to_string()
    );
}

#[test]
fn demo_builds_lorestan_and_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo/lorestan.daftar");
    let out = Command::new(env!("CARGO_BIN_EXE_daftar")).args(["--json", "demo", "--out"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["added"], 63);
    let again = Command::new(env!("CARGO_BIN_EXE_daftar")).args(["demo", "--out"]).arg(&file).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    let forced =
        Command::new(env!("CARGO_BIN_EXE_daftar")).args(["demo", "--force", "--out"]).arg(&file).output().unwrap();
    assert_eq!(forced.status.code(), Some(0));
    let info = daftar(&file, &["--json", "info"]);
    let info: serde_json::Value = serde_json::from_str(&stdout(&info)).unwrap();
    assert_eq!((info["province"].as_str(), info["working_year"].as_i64()), (Some("لرستان"), Some(1403)));
}

#[test]
fn accounts_commands_report_findings_with_exit_1_and_refusals_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("l.daftar");
    daftar::demo::build(&file, &common::fixtures(), false, "آزمون").unwrap();

    let check = daftar(&file, &["--json", "accounts", "check"]);
    assert_eq!(check.status.code(), Some(1), "checks found the fixture's problems");
    let run: serde_json::Value = serde_json::from_str(&stdout(&check)).unwrap();
    assert_eq!((run["errors"].as_u64(), run["warnings"].as_u64()), (Some(7), Some(3)));

    let package = daftar(&file, &["accounts", "package", "--out", dir.path().join("p.zip").to_str().unwrap()]);
    assert_eq!(package.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&package.stderr).starts_with("خطا: بسته هنوز آمادهٔ ارسال نیست"));
    let draft = daftar(
        &file,
        &["--json", "accounts", "package", "--draft", "--out", dir.path().join("p.zip").to_str().unwrap()],
    );
    assert_eq!(draft.status.code(), Some(0));
    assert!(dir.path().join("p.zip").exists());

    let intake = daftar(&file, &["accounts", "intake", common::fixtures().join("agencies.xlsx").to_str().unwrap()]);
    assert_eq!(intake.status.code(), Some(2));
    assert!(
        stdout(&intake)
            .starts_with("رد شد: agencies.xlsx: «agencies.xlsx» کارپوشه‌ای نیست که دفتر برای دستگاه‌ها ساخته باشد"),
        "{}",
        stdout(&intake)
    );

    let workbooks = daftar(
        &file,
        &["--json", "accounts", "workbooks", "--agency", "۲۰۲", "--out", dir.path().join("out").to_str().unwrap()],
    );
    assert_eq!(workbooks.status.code(), Some(0));
    let written: serde_json::Value = serde_json::from_str(&stdout(&workbooks)).unwrap();
    assert_eq!(written[0]["agency_code"], "202");
    assert_eq!(written[0]["items"], 14);
}
