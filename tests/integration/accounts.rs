//! Regional accounts on a small template made here: import and revision, assignments,
//! agency workbooks, and intake of what agencies return, good and broken.

use crate::common;

use daftar::accounts::reply::{write_reply, Reply, Typed};
use daftar::accounts::{self, assign, values, IntakeStatus};
use daftar::store::Store;
use daftar::Problem;
use std::path::{Path, PathBuf};

type Rows<'a> = Vec<Vec<&'a str>>;

fn write_template(path: &Path, year: &str, version: &str, items: &Rows) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheets: Vec<(&str, Rows)> = vec![
        (
            "مشخصات",
            vec![
                vec!["کد الگو", "SCI-RA"],
                vec!["سال", year],
                vec!["نسخه", version],
                vec!["عنوان", "الگوی جداول حساب‌های منطقه‌ای"],
            ],
        ),
        (
            "جداول",
            vec![
                vec!["کد جدول", "عنوان", "واحد"],
                vec!["T01", "سطح زیرکشت گندم", "هکتار"],
                vec!["T03", "مصرف برق", "میلیون کیلووات‌ساعت"],
            ],
        ),
        ("اقلام", items.clone()),
        (
            "قواعد",
            vec![
                vec!["کد", "عبارت", "شدت", "پیام"],
                vec![
                    "R1",
                    "T01.TOTAL.AREA == T01.IRR.AREA + T01.RAIN.AREA ~ 1",
                    "خطا",
                    "جمع سطح ({T01.TOTAL.AREA}) با اجزا برابر نیست.",
                ],
            ],
        ),
    ];
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

fn write_template_with_rules(path: &Path, rules: &[(&str, &str)]) {
    write_template(path, "1403", "1403.1", &items_v1());
    // Rewrite with other rules: same sheets, the «قواعد» sheet replaced.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    use calamine::Reader;
    for name in book.sheet_names() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name).unwrap();
        if name == "قواعد" {
            for (c, h) in ["کد", "عبارت", "شدت", "پیام"].iter().enumerate() {
                sheet.write_string(0, c as u16, *h).unwrap();
            }
            for (r, (code, expr)) in rules.iter().enumerate() {
                for (c, v) in [*code, *expr, "خطا", "پیام"].iter().enumerate() {
                    sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
                }
            }
            continue;
        }
        for (r, row) in book.worksheet_range(&name).unwrap().rows().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, v.to_string()).unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

fn items_v1() -> Rows<'static> {
    vec![
        vec!["کد جدول", "کد قلم", "عنوان سطر", "عنوان ستون", "واحد", "نوع", "اعشار", "الزامی", "کد دستگاه متولی"],
        vec!["T01", "T01.IRR.AREA", "گندم آبی", "سطح", "هکتار", "عدد", "1", "بله", "501"],
        vec!["T01", "T01.RAIN.AREA", "گندم دیم", "سطح", "هکتار", "عدد", "1", "بله", "501"],
        vec!["T01", "T01.TOTAL.AREA", "جمع", "سطح", "هکتار", "عدد", "1", "بله", "501"],
        vec!["T03", "T03.HOUSE.CONS", "خانگی", "مصرف", "میلیون کیلووات‌ساعت", "عدد", "2", "بله", "202"],
        vec!["T03", "T03.CUSTOMERS", "مشترکان", "تعداد", "نفر", "عدد صحیح", "0", "بله", "202"],
        vec!["T03", "T03.SOURCE", "منبع داده", "", "", "متن", "0", "خیر", ""],
    ]
}

struct Office {
    dir: tempfile::TempDir,
    store: Store,
}

impl Office {
    fn new() -> Self {
        let (dir, store) = common::demo_store();
        let mut office = Self { dir, store };
        let template = office.path("template-1403.xlsx");
        write_template(&template, "۱۴۰۳", "1403.1", &items_v1());
        accounts::import_template(&mut office.store, &template).unwrap();
        office
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Generate the workbook of one agency and return its path.
    fn workbook_for(&mut self, agency: &str, year: i32) -> PathBuf {
        let out = self.path(&format!("out-{year}-{agency}"));
        let written = accounts::generate_workbooks(&mut self.store, year, &out, &[agency.to_string()]).unwrap();
        PathBuf::from(&written[0].path)
    }

    fn intake(&mut self, file: &Path, expected: Option<&str>) -> accounts::IntakeResult {
        let mut results =
            accounts::import_workbooks(&mut self.store, 1403, &[file.to_path_buf()], expected, &mut |_, _, _| {})
                .unwrap();
        results.remove(0)
    }

    fn current(&self, code: &str) -> Option<values::StoredValue> {
        values::current_values(self.store.conn(), 1403).unwrap().remove(code)
    }
}

fn reply(values: &[(&str, Typed)]) -> Reply {
    Reply { values: values.iter().map(|(c, v)| (c.to_string(), v.clone())).collect(), ..Default::default() }
}

#[test]
fn importing_the_template_assigns_the_proposed_suppliers() {
    let office = Office::new();
    let template = accounts::template_of(&office.store, 1403).unwrap();
    assert_eq!((template.tables.len(), template.items.len(), template.rules.len()), (2, 6, 1));
    assert_eq!(template.version, "1403.1");
    let overview = assign::overview(&office.store, 1403).unwrap();
    assert_eq!(overview.unassigned.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(), ["T03.SOURCE"]);
    assert_eq!(
        overview.per_agency.iter().map(|(c, _, n)| (c.as_str(), *n)).collect::<Vec<_>>(),
        [("202", 2), ("501", 3)]
    );
    assert_eq!(overview.agencies_without_items.len(), 61 - 2);
}

#[test]
fn reassigning_an_item_is_audited_and_survives_a_revision() {
    let mut office = Office::new();
    assign::assign(&mut office.store, 1403, "t03.source", "202", Some("منبع داده را شرکت برق می‌دهد")).unwrap();
    assign::assign(&mut office.store, 1403, "T01.TOTAL.AREA", "101", None).unwrap();
    let audit = office.store.audit_log(1).unwrap();
    assert_eq!(
        (audit[0].entity.as_str(), audit[0].old_value.as_deref(), audit[0].new_value.as_deref()),
        ("ra_assignment", Some("\"501\""), Some("\"101\""))
    );
    let err = assign::assign(&mut office.store, 1403, "T09.NOPE", "101", None).unwrap_err();
    assert_eq!(err.to_string(), "قلمی با کد «T09.NOPE» در الگوی سال ۱۴۰۳ نیست.");

    // Revision 2: T03.CUSTOMERS removed, T03.PUBLIC.CONS added; the office's assignments stay.
    let mut items = items_v1();
    items.retain(|r| r[1] != "T03.CUSTOMERS");
    items.push(vec!["T03", "T03.PUBLIC.CONS", "عمومی", "مصرف", "میلیون کیلووات‌ساعت", "عدد", "2", "بله", "202"]);
    let revised = office.path("template-1403-rev2.xlsx");
    write_template(&revised, "1403", "1403.2", &items);
    let report = accounts::import_template(&mut office.store, &revised).unwrap();
    assert_eq!(report.previous_version.as_deref(), Some("1403.1"));
    assert_eq!(report.added_items, ["T03.PUBLIC.CONS"]);
    assert_eq!(report.removed_items, ["T03.CUSTOMERS"]);
    let template = accounts::template_of(&office.store, 1403).unwrap();
    let supplier = |code: &str| template.items.iter().find(|i| i.code == code).unwrap().agency_code.clone();
    assert_eq!(supplier("T01.TOTAL.AREA").as_deref(), Some("101"));
    assert_eq!(supplier("T03.SOURCE").as_deref(), Some("202"));
    // The same file again changes nothing.
    assert!(accounts::import_template(&mut office.store, &revised).unwrap().unchanged);
}

#[test]
fn a_workbook_has_only_the_agencys_items_and_an_identity_sheet() {
    use calamine::{open_workbook, Reader, Xlsx};
    let mut office = Office::new();
    let path = office.workbook_for("501", 1403);
    assert!(path.file_name().unwrap().to_string_lossy().contains("501"));
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["راهنما", "T01", "شناسه"]);
    let table = book.worksheet_range("T01").unwrap();
    let codes: Vec<String> = table.rows().skip(4).map(|r| r[0].to_string()).collect();
    assert_eq!(codes, ["T01.IRR.AREA", "T01.RAIN.AREA", "T01.TOTAL.AREA"]);
    assert_eq!(table.get_value((3, 4)).unwrap().to_string(), "مقدار ۱۴۰۳");
    let identity = book.worksheet_range("شناسه").unwrap();
    assert_eq!(identity.get_value((3, 1)).unwrap().to_string(), "501");
    let visibility = book.sheets_metadata().iter().find(|s| s.name == "شناسه").unwrap().visible;
    assert_eq!(visibility, calamine::SheetVisible::VeryHidden);
}

#[test]
fn intake_reads_numbers_as_people_type_them() {
    let mut office = Office::new();
    let sent = office.workbook_for("501", 1403);
    let returned = office.path("501-returned.xlsx");
    let mut r = reply(&[
        ("T01.IRR.AREA", Typed::Text("۱۲۳٬۴۵۶٫۵".into())),
        ("T01.RAIN.AREA", Typed::Formula("=300000+1000".into(), "301000".into())),
        ("T01.TOTAL.AREA", Typed::Formula("=1/0".into(), "#DIV/0!".into())),
    ]);
    r.notes.insert("T01.IRR.AREA".into(), "برآورد اولیه".into());
    r.stray.push(("T01".into(), 5, 9, "یادداشت کنار جدول".into()));
    write_reply(&sent, &returned, &r).unwrap();

    let result = office.intake(&returned, Some("501"));
    assert_eq!(result.status, IntakeStatus::Imported);
    assert_eq!((result.values_read, result.new_values, result.changed_values), (2, 2, 0));
    assert_eq!(office.current("T01.IRR.AREA").unwrap().number, Some(123_456.5));
    assert_eq!(office.current("T01.IRR.AREA").unwrap().note, "برآورد اولیه");
    assert_eq!(office.current("T01.RAIN.AREA").unwrap().number, Some(301_000.0));
    assert_eq!(result.findings.len(), 1);
    assert_eq!(result.findings[0].cell, "T01!E7");
    assert_eq!(result.findings[0].message, "خانه خطای فرمول «#DIV/0!» دارد؛ مقدار درست را بنویسید.");
    assert_eq!(result.warnings, ["خانهٔ T01!J6 بیرون از خانه‌های ورود داده است و نادیده گرفته شد."]);

    // The same file again changes nothing.
    assert_eq!(office.intake(&returned, None).status, IntakeStatus::Unchanged);

    // A newer workbook supersedes; the older value stays in the history.
    let newer = office.path("501-returned-2.xlsx");
    write_reply(
        &sent,
        &newer,
        &reply(&[("T01.IRR.AREA", Typed::Number(124_000.0)), ("T01.TOTAL.AREA", Typed::Number(425_000.0))]),
    )
    .unwrap();
    let result = office.intake(&newer, None);
    assert_eq!((result.new_values, result.changed_values), (1, 1));
    let history = values::history(office.store.conn(), 1403, "T01.IRR.AREA").unwrap();
    assert_eq!(
        history.iter().map(|h| (h.0.number, h.4)).collect::<Vec<_>>(),
        [(Some(123_456.5), false), (Some(124_000.0), true)]
    );
}

/// A refused file leaves the province file as it was.
fn refused(office: &mut Office, file: &Path, expected: Option<&str>) -> daftar::AppError {
    let before = std::fs::read(office.store.path()).unwrap();
    let result = office.intake(file, expected);
    assert_eq!(result.status, IntakeStatus::Refused);
    assert_eq!(std::fs::read(office.store.path()).unwrap(), before, "the province file changed");
    result.refusal.unwrap()
}

#[test]
fn workbooks_of_another_agency_year_or_version_are_refused_with_whose_they_are() {
    let mut office = Office::new();
    let sent = office.workbook_for("501", 1403);
    let returned = office.path("returned.xlsx");
    write_reply(&sent, &returned, &reply(&[("T01.IRR.AREA", Typed::Number(1.0))])).unwrap();

    let err = refused(&mut office, &returned, Some("202"));
    assert_eq!(err.code, "accounts.intake.wrong_agency");
    assert_eq!(err.message, "«returned.xlsx» کارپوشهٔ «سازمان جهاد کشاورزی استان لرستان» است، نه «شرکت گاز استان لرستان»؛ آن را برای دستگاه درست وارد کنید.");

    // Last year's workbook.
    let template_1402 = office.path("template-1402.xlsx");
    write_template(&template_1402, "1402", "1402.1", &items_v1());
    accounts::import_template(&mut office.store, &template_1402).unwrap();
    let old = office.workbook_for("501", 1402);
    let err = refused(&mut office, &old, None);
    assert_eq!(
        err.message,
        format!(
            "«{}» کارپوشهٔ سال ۱۴۰۲ «سازمان جهاد کشاورزی استان لرستان» است، نه سال ۱۴۰۳؛ کارپوشهٔ سال درست را وارد کنید.",
            old.file_name().unwrap().to_string_lossy()
        )
    );

    // A workbook of the first version after the template was revised.
    let revised = office.path("template-1403-rev2.xlsx");
    write_template(&revised, "1403", "1403.2", &items_v1());
    accounts::import_template(&mut office.store, &revised).unwrap();
    let err = refused(&mut office, &returned, None);
    assert_eq!(err.message, "«returned.xlsx» کارپوشهٔ «سازمان جهاد کشاورزی استان لرستان» بر پایهٔ نسخهٔ «1403.1» الگو ساخته شده و الگوی کنونی نسخهٔ «1403.2» است؛ کارپوشهٔ تازه بسازید و برای دستگاه بفرستید.");
}

#[test]
fn tampered_or_foreign_workbooks_are_refused() {
    let mut office = Office::new();
    let sent = office.workbook_for("501", 1403);

    // Someone changed the agency code on the identity sheet.
    let tampered = office.path("tampered.xlsx");
    let mut r = reply(&[]);
    r.stray.push(("شناسه".into(), 3, 1, "202".into()));
    write_reply(&sent, &tampered, &r).unwrap();
    let err = refused(&mut office, &tampered, None);
    assert_eq!(err.code, "accounts.intake.tampered_identity");
    assert_eq!(err.message, "برگهٔ «شناسه» در «tampered.xlsx» (کارپوشهٔ «سازمان جهاد کشاورزی استان لرستان») دست‌کاری شده و با رمز آن نمی‌خواند؛ کارپوشهٔ تازه‌ای برای دستگاه بسازید و بفرستید.");

    // A workbook that this office did not make (another province file made it).
    let (_other_dir, mut other) = common::demo_store();
    let template = office.path("template-1403.xlsx");
    accounts::import_template(&mut other, &template).unwrap();
    let foreign_dir = office.path("foreign");
    let foreign = accounts::generate_workbooks(&mut other, 1403, &foreign_dir, &["501".into()]).unwrap();
    drop(other);
    let err = refused(&mut office, Path::new(&foreign[0].path), None);
    assert_eq!(err.code, "accounts.intake.not_issued");

    // Not a Daftar workbook at all, and not a workbook at all.
    let err = refused(&mut office, &common::fixtures().join("agencies.xlsx"), None);
    assert_eq!(err.message, "«agencies.xlsx» کارپوشه‌ای نیست که دفتر برای دستگاه‌ها ساخته باشد (برگهٔ پنهان «شناسه» را ندارد)؛ از دستگاه بخواهید مقادیر را در کارپوشه‌ای که برایش فرستاده شده بنویسد.");
    let err = refused(&mut office, &common::fixtures().join("broken/agencies-csv-renamed.xlsx"), None);
    assert_eq!(err.code, "sheet.not_xlsx");
}

#[test]
fn a_batch_goes_on_past_a_refused_file_and_reports_progress() {
    let mut office = Office::new();
    let a = office.workbook_for("501", 1403);
    let b = office.workbook_for("202", 1403);
    let (ra, rb) = (office.path("a.xlsx"), office.path("b.xlsx"));
    write_reply(&a, &ra, &reply(&[("T01.IRR.AREA", Typed::Number(10.0))])).unwrap();
    write_reply(
        &b,
        &rb,
        &reply(&[("T03.HOUSE.CONS", Typed::Text("۱٫۵".into())), ("T03.CUSTOMERS", Typed::Text("دوازده".into()))]),
    )
    .unwrap();
    let files = vec![ra, common::fixtures().join("broken/agencies-empty.xlsx"), rb];
    let mut seen = Vec::new();
    let results = accounts::import_workbooks(&mut office.store, 1403, &files, None, &mut |done, total, _| {
        seen.push((done, total))
    })
    .unwrap();
    assert_eq!(seen, [(0, 3), (1, 3), (2, 3), (3, 3)]);
    let statuses: Vec<_> = results.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [IntakeStatus::Imported, IntakeStatus::Refused, IntakeStatus::Imported]);
    assert_eq!(office.current("T03.HOUSE.CONS").unwrap().number, Some(1.5));
    assert_eq!(results[2].findings[0].message, "«دوازده» عدد نیست: نویسهٔ «د» پذیرفته نیست. فقط رقم، ممیز (٫ یا .)، جداکنندهٔ هزارگان (٬ یا ,) و علامت منفی در ابتدا مجاز است.");
}

#[test]
fn broken_templates_are_refused_with_sheet_row_and_column() {
    let (dir, mut store) = common::demo_store();
    let path = dir.path().join("bad-template.xlsx");
    let mut items = items_v1();
    items[2][1] = "T01.IRR.AREA"; // duplicate code
    items[3][0] = "T99"; // unknown table
    items[4][5] = "عدد اعشاری"; // unknown kind
    write_template(&path, "1403", "1403.1", &items);
    let err = accounts::import_template(&mut store, &path).unwrap_err().to_app_error();
    assert_eq!(err.code, "accounts.template.invalid");
    assert_eq!(err.details, [
        "برگهٔ «اقلام»، ردیف ۳، ستون B («کد قلم»): کد قلم «T01.IRR.AREA» دوبار آمده است؛ هر قلم کد یکتا دارد.",
        "برگهٔ «اقلام»، ردیف ۴، ستون A («کد جدول»): جدول «T99» در برگهٔ جداول نیست.",
        "برگهٔ «اقلام»، ردیف ۵، ستون F («نوع»): نوع «عدد اعشاری» شناخته نیست؛ یکی از «عدد»، «عدد صحیح»، «درصد» یا «متن» را بنویسید.",
        // The duplicated code took the place of T01.RAIN.AREA, which the rule still names.
        "برگهٔ «قواعد»، ردیف ۲، ستون B («عبارت»): قاعدهٔ «R1» به قلم «T01.RAIN.AREA» اشاره دارد که در برگهٔ اقلام نیست.",
    ]);
    assert!(matches!(accounts::template_of(&store, 1403), Err(accounts::AccountsError::NoTemplate { .. })));

    // Rules that do not parse or name items the template does not have.
    let bad_rules = dir.path().join("bad-rules.xlsx");
    write_template_with_rules(
        &bad_rules,
        &[
            ("R1", "T01.TOTAL.AREA == (T01.IRR.AREA + T01.RAIN.AREA"),
            ("R2", "T01.TOTAL.AREA == T01.WHEAT.AREA"),
            ("R3", "T01.TOTAL.AREA == sum(T03.HOUSE.CONS .. T01.IRR.AREA)"),
        ],
    );
    let err = accounts::import_template(&mut store, &bad_rules).unwrap_err().to_app_error();
    assert_eq!(err.details, [
        "برگهٔ «قواعد»، ردیف ۲، ستون B («عبارت»): قاعدهٔ «R1» خوانده نشد: در نویسهٔ ۴۸: «)» لازم است (پرانتز باز شده بسته نشده است).",
        "برگهٔ «قواعد»، ردیف ۳، ستون B («عبارت»): قاعدهٔ «R2» به قلم «T01.WHEAT.AREA» اشاره دارد که در برگهٔ اقلام نیست.",
        "برگهٔ «قواعد»، ردیف ۴، ستون B («عبارت»): بازهٔ «T03.HOUSE.CONS .. T01.IRR.AREA» در قاعدهٔ «R3» باید درون یک جدول و از بالا به پایین باشد.",
    ]);

    let no_items = dir.path().join("no-items.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().set_name("مشخصات").unwrap();
    workbook.save(&no_items).unwrap();
    let err = accounts::import_template(&mut store, &no_items).unwrap_err();
    assert_eq!(err.to_string(), "کارپوشهٔ «no-items.xlsx» برگهٔ «جداول» را ندارد؛ الگو باید برگه‌های «مشخصات»، «جداول»، «اقلام» و «قواعد» را داشته باشد (docs/formats/template.md).");
}
