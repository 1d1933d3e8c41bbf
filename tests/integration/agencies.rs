//! The agency directory: import of the fixture, every broken file refused with its exact
//! message and nothing changed, and add / edit / deactivate with their audit rows.

use crate::common;

use daftar::agencies::{self, AgencyInput};
use daftar::store::Store;
use daftar::Problem;
use std::path::Path;

#[test]
fn the_fixture_imports_the_lorestan_agencies_with_groups() {
    let (_dir, mut store) = common::new_store();
    let report = agencies::import_xlsx(&mut store, &common::fixtures().join("agencies.xlsx")).unwrap();
    assert_eq!(report.rows_read, 63);
    assert_eq!((report.added, report.updated, report.unchanged, report.groups_added), (63, 0, 0, 5));
    let all = agencies::list(&store, "", true).unwrap();
    assert_eq!(all.len(), 63);
    assert_eq!(all.iter().filter(|a| !a.active).count(), 2);
    let education = agencies::find(&store, "101").unwrap();
    assert_eq!(education.name, "اداره کل آموزش و پرورش استان لرستان");
    assert_eq!(education.group.as_deref(), Some("علمی، فرهنگی و آموزشی"));
    // Phones typed with Persian digits are stored with Latin ones.
    assert!(all.iter().all(|a| a.phone.is_ascii()));
    let groups = agencies::groups(&store).unwrap();
    assert_eq!(groups.len(), 5);
    assert_eq!(groups.iter().map(|g| g.agency_count).sum::<i64>(), 63);

    // The same file again changes nothing.
    let again = agencies::import_xlsx(&mut store, &common::fixtures().join("agencies.xlsx")).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged, again.groups_added), (0, 0, 63, 0));
}

#[test]
fn search_ignores_arabic_letters_and_half_spaces() {
    let (_dir, store) = common::demo_store();
    let by_arabic = agencies::list(&store, "منطقه اي", false).unwrap();
    assert!(by_arabic.iter().any(|a| a.name == "شرکت آب منطقه‌ای لرستان"), "{by_arabic:?}");
    assert_eq!(agencies::list(&store, "۱۰۱", false).unwrap()[0].code, "101");
    assert!(agencies::list(&store, "وزارت نیرو", false).unwrap().len() >= 2);
    let active = agencies::list(&store, "", false).unwrap().len();
    assert_eq!(active, 61);
}

/// What a refused import must leave: the same province file, byte for byte.
fn refused(file: &str) -> daftar::AppError {
    let (_dir, mut store) = common::demo_store();
    let path = store.path().to_path_buf();
    let input = common::fixtures().join("broken").join(file);
    let input_before = std::fs::read(&input).unwrap();
    let audit_before = store.audit_log(1000).unwrap().len();
    let list_before = agencies::list(&store, "", true).unwrap();
    let db_before = std::fs::read(&path).unwrap();
    let err = agencies::import_xlsx(&mut store, &input).expect_err("the file is refused").to_app_error();
    assert_eq!(agencies::list(&store, "", true).unwrap(), list_before);
    assert_eq!(store.audit_log(1000).unwrap().len(), audit_before);
    assert_eq!(std::fs::read(&path).unwrap(), db_before, "the province file changed");
    assert_eq!(std::fs::read(&input).unwrap(), input_before);
    err
}

#[test]
fn a_csv_renamed_to_xlsx_is_refused() {
    let err = refused("agencies-csv-renamed.xlsx");
    assert_eq!(err.code, "sheet.not_xlsx");
    assert_eq!(err.message, "فایل «agencies-csv-renamed.xlsx» کارپوشهٔ اکسل (xlsx) نیست؛ متن ساده یا CSV است که پسوندش به xlsx تغییر کرده. آن را در اکسل یا لیبره‌آفیس باز کنید و با قالب xlsx ذخیره کنید: در اکسل «Excel Workbook (*.xlsx)» و در لیبره‌آفیس «Excel 2007–365».");
}

#[test]
fn an_empty_file_is_refused() {
    let err = refused("agencies-empty.xlsx");
    assert_eq!(err.code, "sheet.empty_file");
    assert_eq!(
        err.message,
        "فایل «agencies-empty.xlsx» خالی است (صفر بایت)؛ شاید کامل ذخیره یا رونوشت نشده. نسخهٔ کامل را دوباره بگیرید."
    );
}

#[test]
fn a_truncated_file_is_refused() {
    let err = refused("agencies-truncated.xlsx");
    assert_eq!(err.code, "sheet.damaged");
    assert_eq!(err.message, "فایل «agencies-truncated.xlsx» ناقص یا آسیب‌دیده است و خوانده نشد؛ شاید کامل ذخیره یا رونوشت نشده. نسخهٔ سالم را دوباره از فرستنده بگیرید.");
}

#[test]
fn missing_columns_are_named() {
    let err = refused("agencies-missing-columns.xlsx");
    assert_eq!(err.code, "agency.import.missing_columns");
    assert_eq!(err.message, "در فایل «agencies-missing-columns.xlsx»، برگهٔ «دستگاه‌ها» این ستون‌ها نیست: «کد». ردیف نخست باید سرستون‌ها باشد، دست‌کم «کد» و «نام دستگاه».");
    assert_eq!(err.details, ["سرستون‌های موجود: «نام دستگاه»، «نام کوتاه»، «گروه جشنواره»، «دستگاه مادر»، «کارشناس رابط»، «تلفن»، «رایانامه»، «فعال»"]);
}

#[test]
fn duplicate_codes_are_named_by_row_and_column() {
    let err = refused("agencies-duplicate-codes.xlsx");
    assert_eq!(err.code, "agency.import.invalid_rows");
    assert_eq!(err.message, "فایل «agencies-duplicate-codes.xlsx»، برگهٔ «دستگاه‌ها»: ۱ ایراد پیدا شد و هیچ دستگاهی وارد نشد. ایرادها را در فایل درست کنید و دوباره وارد کنید.");
    assert_eq!(err.details, ["ردیف ۶، ستون A («کد»): کد «102» در ردیف ۳ هم آمده است؛ هر دستگاه کد یکتا دارد."]);
}

#[test]
fn names_differing_only_by_arabic_letters_or_half_space_are_duplicates() {
    let err = refused("agencies-duplicate-names.xlsx");
    assert_eq!(err.code, "agency.import.invalid_rows");
    assert_eq!(err.details, ["ردیف ۶۵، ستون B («نام دستگاه»): «اداره‌کل آموزش و پرورش استان لرستان» همان دستگاه ردیف ۲ است (نام‌ها جدا از ی/ي، ک/ك و نیم‌فاصله یکی‌اند)؛ یکی از دو ردیف را پاک کنید."]);
}

#[test]
fn a_new_code_for_a_known_name_is_refused_against_the_file() {
    let (dir, mut store) = common::demo_store();
    let path = dir.path().join("renamed.xlsx");
    write_sheet(&path, &[["کد", "نام دستگاه"], ["901", "اداره كل آموزش و پرورش استان لرستان"]]);
    let before = agencies::list(&store, "", true).unwrap();
    let err = agencies::import_xlsx(&mut store, &path).unwrap_err().to_app_error();
    assert_eq!(err.details, ["ردیف ۲، ستون B («نام دستگاه»): «اداره کل آموزش و پرورش استان لرستان» با کد «101» در پرونده هست و این ردیف کد «901» دارد؛ اگر کد عوض شده، آن را در برنامه ویرایش کنید."]);
    assert_eq!(agencies::list(&store, "", true).unwrap(), before);
}

#[test]
fn an_import_updates_by_code_and_audits_old_and_new() {
    let (dir, mut store) = common::demo_store();
    let path = dir.path().join("update.xlsx");
    write_sheet(&path, &[["کد دستگاه", "نام", "کارشناس رابط"], ["113", "پارک علم و فناوری لرستان", "زهرا کاظمی"]]);
    let old = agencies::find(&store, "113").unwrap();
    let report = agencies::import_xlsx(&mut store, &path).unwrap();
    assert_eq!((report.added, report.updated), (0, 1));
    let new = agencies::find(&store, "113").unwrap();
    assert_eq!(new.focal_person, "زهرا کاظمی");
    // Columns the sheet does not have keep what the province file had.
    assert_eq!(
        (&new.short_name, &new.group, &new.parent_ministry, &new.phone),
        (&old.short_name, &old.group, &old.parent_ministry, &old.phone)
    );
    let audit = store.audit_log(2).unwrap();
    let update = audit.iter().find(|r| r.action == "update").unwrap();
    assert!(update.old_value.as_deref().unwrap().contains(&old.name));
    assert!(update.new_value.as_deref().unwrap().contains("زهرا کاظمی"));
}

#[test]
fn a_partial_sheet_never_erases_or_reactivates() {
    let (dir, mut store) = common::demo_store();
    let inactive = agencies::list(&store, "", true).unwrap().into_iter().find(|a| !a.active).unwrap();
    let full = agencies::find(&store, "101").unwrap();
    let path = dir.path().join("partial.xlsx");
    write_sheet(
        &path,
        &[
            ["کد", "نام دستگاه", "تلفن", "فعال"],
            ["101", "", "", ""],
            [inactive.code.as_str(), inactive.name.as_str(), "066-33000000", ""],
        ],
    );
    // Row 2 has no name: a new agency would need one, but 101 exists, so the name is kept.
    let report = agencies::import_xlsx(&mut store, &path);
    let err = report.unwrap_err().to_app_error();
    assert_eq!(
        err.details,
        ["ردیف ۲، ستون B («نام دستگاه»): نام دستگاه را بنویسید (مثلاً «اداره کل آموزش و پرورش استان لرستان»)."]
    );
    write_sheet(
        &path,
        &[
            ["کد", "نام دستگاه", "تلفن", "فعال"],
            ["101", full.name.as_str(), "", ""],
            [inactive.code.as_str(), inactive.name.as_str(), "066-33000000", ""],
        ],
    );
    let report = agencies::import_xlsx(&mut store, &path).unwrap();
    assert_eq!((report.updated, report.unchanged), (1, 1));
    assert_eq!(agencies::find(&store, "101").unwrap(), full);
    let after = agencies::find(&store, &inactive.code).unwrap();
    assert!(!after.active, "an empty «فعال» cell does not reactivate");
    assert_eq!(after.phone, "066-33000000");
    assert_eq!(after.group, inactive.group);
}

#[test]
fn row_problems_are_all_listed_with_their_cells() {
    let (dir, mut store) = common::new_store();
    let path = dir.path().join("bad-rows.xlsx");
    write_sheet(
        &path,
        &[
            ["کد", "نام دستگاه", "تلفن", "رایانامه", "فعال"],
            ["", "اداره کل بهزیستی استان لرستان", "", "", "بله"],
            ["۳۰۲", "", "۰۶۶-abc", "a@b", "شاید"],
        ],
    );
    let err = agencies::import_xlsx(&mut store, &path).unwrap_err().to_app_error();
    assert_eq!(err.message, "فایل «bad-rows.xlsx»، برگهٔ «Sheet1»: ۵ ایراد پیدا شد و هیچ دستگاهی وارد نشد. ایرادها را در فایل درست کنید و دوباره وارد کنید.");
    assert_eq!(
        err.details,
        [
            "ردیف ۲، ستون A («کد»): کد دستگاه را بنویسید (مثلاً ۱۰۱).",
            "ردیف ۳، ستون B («نام دستگاه»): نام دستگاه را بنویسید (مثلاً «اداره کل آموزش و پرورش استان لرستان»).",
            "ردیف ۳، ستون C («تلفن»): تلفن «066-abc» فقط رقم، فاصله، خط تیره، پرانتز و + می‌تواند داشته باشد.",
            "ردیف ۳، ستون D («رایانامه»): رایانامهٔ «a@b» درست نیست؛ به شکل name@example.ir بنویسید.",
            "ردیف ۳، ستون E («فعال»): «شاید» را نمی‌فهمم؛ «بله» یا «خیر» بنویسید.",
        ]
    );
    assert!(agencies::list(&store, "", true).unwrap().is_empty());
}

#[test]
fn add_edit_deactivate_each_write_an_audit_row() {
    let (_dir, mut store) = common::demo_store();
    let input = AgencyInput {
        code: "۶۰۱".into(),
        name: "اداره كل نمونه استان لرستان".into(),
        group: Some("گروه تازه".into()),
        ..Default::default()
    };
    let added = agencies::add(&mut store, &input).unwrap();
    assert_eq!((added.code.as_str(), added.name.as_str()), ("601", "اداره کل نمونه استان لرستان"));

    let dup = agencies::add(&mut store, &AgencyInput { code: "602".into(), ..input.clone() }).unwrap_err();
    assert_eq!(dup.code(), "agency.duplicate_name");
    let dup = agencies::add(&mut store, &AgencyInput { name: "دیگر".into(), ..input.clone() }).unwrap_err();
    assert_eq!(
        dup.to_string(),
        "کد «601» را پیش‌تر دستگاه «اداره کل نمونه استان لرستان» دارد؛ هر دستگاه کد یکتای خود را دارد."
    );

    let mut changed = added.to_input();
    changed.focal_person = "مریم احمدی".into();
    let edited = agencies::edit(&mut store, "601", &changed, Some("تلفن تازه")).unwrap();
    assert_eq!(edited.focal_person, "مریم احمدی");

    let no_reason = agencies::set_active(&mut store, "601", false, Some("  ")).unwrap_err();
    assert_eq!(no_reason.code(), "agency.reason_required");
    let off = agencies::set_active(&mut store, "601", false, Some("ادغام در دستگاه دیگر")).unwrap();
    assert!(!off.active);

    let audit = store.audit_log(10).unwrap();
    let actions: Vec<_> = audit.iter().take(4).map(|r| (r.entity.as_str(), r.action.as_str())).collect();
    assert_eq!(
        actions,
        [("agency", "deactivate"), ("agency", "update"), ("agency", "create"), ("agency_group", "create")]
    );
    assert_eq!(audit[0].reason.as_deref(), Some("ادغام در دستگاه دیگر"));
    assert_eq!(audit[1].reason.as_deref(), Some("تلفن تازه"));

    // Still there after reopening.
    let path = store.path().to_path_buf();
    drop(store);
    let store = Store::open(&path, "آزمون").unwrap();
    assert!(!agencies::find(&store, "601").unwrap().active);
}

fn write_sheet<const N: usize>(path: &Path, rows: &[[&str; N]]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32, c as u16, *value).unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}
