//! A careless agency's returned workbooks, for both services (docs/formats/intake.md): each is
//! made here from a workbook the app issued for a fresh province file, then taken in through
//! the core and through the CLI. Intake stores exactly what was sent (a cleared cell clears,
//! a formula's saved value is taken) or refuses the whole file with its cells named and leaves
//! the province file as it was.

use crate::common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use daftar::accounts::reply::{write_reply, Reply, Typed};
use daftar::accounts::{self, values, IntakeResult, IntakeStatus};
use daftar::evaluation::intake::{import_workbooks, EvalIntakeResult};
use daftar::evaluation::scores::{current_scores, Stage};
use daftar::evaluation::{catalog, workbook::Purpose};
use daftar::fa::JalaliDate;
use daftar::issued::IDENTITY_SHEET;
use daftar::store::Store;
use daftar::AppError;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const YEAR: i32 = 1403;

/// Run the CLI on the province file; (exit code, stdout and stderr).
fn cli(file: &Path, args: &[&str]) -> (i32, String) {
    let (code, out, err) = common::cli(file, args);
    (code, out + &err)
}

/// What the two offices (regional accounts, evaluation) share: the province file, opened on
/// demand and closed for the CLI, and the same refusal checked through the core and the CLI.
trait Office {
    /// The province file and its store while open.
    fn file(&mut self) -> (&Path, &mut Option<Store>);
    /// The CLI's exit code and output; the store is closed first (the file is locked while open).
    fn cli_intake(&mut self, file: &Path) -> (i32, String);
    /// The core's intake of one file: its status and refusal.
    fn core_intake(&mut self, file: &Path) -> (IntakeStatus, Option<AppError>);

    fn store(&mut self) -> &mut Store {
        let (province, store) = self.file();
        store.get_or_insert_with(|| Store::open(province, "کارشناس").unwrap())
    }

    fn close(&mut self) {
        *self.file().1 = None;
    }

    /// A refused file: the same refusal through the core and the CLI (exit 2), and the province
    /// file byte for byte as it was. Returns the refusal's message and details, joined.
    fn refused(&mut self, file: &Path, code: &str) -> String {
        self.close();
        let province = self.file().0.to_path_buf();
        let before = file_bytes(&province);
        let (exit, out) = self.cli_intake(file);
        assert_eq!(exit, 2, "{out}");
        assert!(out.contains(code), "{out}");
        let (status, refusal) = self.core_intake(file);
        assert_eq!(status, IntakeStatus::Refused);
        let refusal = refusal.unwrap();
        assert_eq!(refusal.code, code);
        self.close();
        assert_eq!(file_bytes(&province), before, "a refused workbook changes nothing");
        format!("{}\n{}", refusal.message, refusal.details.join("\n"))
    }
}

// ---- Workbooks changed as careless agencies and the programs they use change them ----

/// Every sheet of a workbook: (name, cells as (row, column, value)).
type Sheets = Vec<(String, Vec<(u32, u16, Data)>)>;

fn read_sheets(path: &Path) -> Sheets {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let (top, left) = range.start().unwrap_or((0, 0));
            let cells = range.cells().map(|(r, c, v)| (r as u32 + top, (c as u32 + left) as u16, v.clone())).collect();
            (name, cells)
        })
        .collect()
}

/// Write `sheets` as a workbook saved by a spreadsheet program: values only, the identity
/// sheet still very hidden.
fn write_sheets(path: &Path, sheets: &Sheets) {
    let mut out = rust_xlsxwriter::Workbook::new();
    for (name, cells) in sheets {
        let sheet = out.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, c, value) in cells {
            match value {
                Data::String(s) => sheet.write_string(*r, *c, s).map(|_| ()),
                Data::Float(f) => sheet.write_number(*r, *c, *f).map(|_| ()),
                Data::Int(i) => sheet.write_number(*r, *c, *i as f64).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
        if name == IDENTITY_SHEET {
            sheet.set_very_hidden(true);
        }
    }
    out.save(path).unwrap();
}

/// The row (0-based) of `sheet` whose column A is `code` and, when given, column B `measure`.
fn row_of(sheets: &Sheets, sheet: &str, code: &str, measure: Option<&str>) -> u32 {
    let cells = &sheets.iter().find(|(n, _)| n == sheet).unwrap().1;
    let text = |r: u32, c: u16| cells.iter().find(|(rr, cc, _)| *rr == r && *cc == c).map(|(_, _, v)| v.to_string());
    cells
        .iter()
        .filter(|(_, c, v)| *c == 0 && *v == code)
        .map(|(r, _, _)| *r)
        .find(|r| measure.is_none_or(|m| text(*r, 1).as_deref() == Some(m)))
        .unwrap_or_else(|| panic!("{code} is not on {sheet}"))
}

/// Replace one cell of `sheet` (by its reference, «E5») inside the xlsx at `path` with
/// `<c r=… {attributes}>{xml}</c>`: what a program that writes the file itself leaves there (a
/// formula without its value, «NaN», a number too large for a double).
fn set_cell_xml(path: &Path, sheet: &str, reference: &str, attributes: &str, xml: &str) {
    let index = read_sheets(path).iter().position(|(n, _)| n == sheet).unwrap();
    let part = format!("xl/worksheets/sheet{}.xml", index + 1);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.push((entry.name().unwrap().to_string(), bytes));
    }
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        let bytes = if name == part {
            replace_cell(
                &String::from_utf8(bytes).unwrap(),
                reference,
                &format!("<c r=\"{reference}\"{attributes}>{xml}</c>"),
            )
        } else {
            bytes
        };
        writer.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap();
}

fn replace_cell(sheet_xml: &str, reference: &str, replacement: &str) -> Vec<u8> {
    let start = sheet_xml.find(&format!("<c r=\"{reference}\"")).unwrap_or_else(|| panic!("no cell {reference}"));
    let rest = &sheet_xml[start..];
    let open_end = rest.find('>').unwrap();
    let end = if rest[..open_end].ends_with('/') { open_end + 1 } else { rest.find("</c>").unwrap() + 4 };
    format!("{}{replacement}{}", &sheet_xml[..start], &rest[end..]).into_bytes()
}

fn column_letter(column: u16) -> char {
    (b'A' + column as u8) as char
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

// ---- Regional accounts ----

/// The gas company's items on its first table sheet.
const TABLE: &str = "T04";
const A: &str = "T04.CNG.CONS";
const B: &str = "T04.HOUSEHOLD.CONS";
const C: &str = "T04.INDUSTRY.CONS";

struct AccountsOffice {
    dir: tempfile::TempDir,
    province: PathBuf,
    store: Option<Store>,
    /// The workbooks the office issued, by agency code.
    sent: HashMap<String, PathBuf>,
}

/// A fresh province file with the 1403 template and a workbook issued to every supplier.
fn accounts_office() -> AccountsOffice {
    let (dir, mut store) = common::demo_store();
    accounts::import_template(&mut store, &common::fixtures().join("accounts/template-1403.xlsx")).unwrap();
    let written = accounts::generate_workbooks(&mut store, YEAR, &dir.path().join("sent"), &[]).unwrap();
    let sent = written.into_iter().map(|w| (w.agency_code, PathBuf::from(w.path))).collect();
    AccountsOffice { province: store.path().to_path_buf(), dir, store: Some(store), sent }
}

impl Office for AccountsOffice {
    fn file(&mut self) -> (&Path, &mut Option<Store>) {
        (&self.province, &mut self.store)
    }

    fn cli_intake(&mut self, file: &Path) -> (i32, String) {
        self.store = None;
        cli(&self.province, &["--json", "accounts", "intake", "--year", "1403", &file.to_string_lossy()])
    }

    fn core_intake(&mut self, file: &Path) -> (IntakeStatus, Option<AppError>) {
        let result = self.intake(file);
        (result.status, result.refusal)
    }
}

impl AccountsOffice {
    /// The gas company's reply with `typed` in its value cells.
    fn reply(&self, name: &str, typed: &[(&str, Typed)]) -> PathBuf {
        let path = self.dir.path().join(name);
        let reply =
            Reply { values: typed.iter().map(|(c, v)| (c.to_string(), v.clone())).collect(), ..Default::default() };
        write_reply(&self.sent["202"], &path, &reply).unwrap();
        path
    }

    fn intake(&mut self, file: &Path) -> IntakeResult {
        accounts::import_workbooks(self.store(), YEAR, &[file.to_path_buf()], None, &mut |_, _, _| {})
            .unwrap()
            .remove(0)
    }

    fn current(&mut self, code: &str) -> Option<f64> {
        values::current_values(self.store().conn(), YEAR).unwrap().get(code).and_then(|v| v.number)
    }

    /// The cell of `item`'s value on the gas company's sheet, «E5».
    fn value_cell(&self, item: &str) -> String {
        let row = row_of(&read_sheets(&self.sent["202"]), TABLE, item, None);
        format!("{}{}", column_letter(accounts_value_column()), row + 1)
    }
}

fn accounts_value_column() -> u16 {
    4 // daftar::accounts::workbook::VALUE_COLUMN, «مقدار ۱۴۰۳»
}

#[test]
fn accounts_a_resent_workbook_with_a_cleared_cell_clears_the_value() {
    let mut office = accounts_office();
    let first =
        office.reply("first.xlsx", &[(A, Typed::Number(120.0)), (B, Typed::Number(3400.0)), (C, Typed::Number(9.5))]);
    assert_eq!(office.intake(&first).new_values, 3);
    // Resent with A's cell cleared, through the CLI: the newer file replaces the older one.
    let second = office.reply("second.xlsx", &[(B, Typed::Number(3400.0)), (C, Typed::Number(9.5))]);
    let (exit, out) = office.cli_intake(&second);
    assert_eq!(exit, 0, "{out}");
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(result[0]["cleared_values"], 1, "{out}");
    assert_eq!(office.current(A), None, "the cleared cell's value is no longer current");
    let history = values::history(office.store().conn(), YEAR, A).unwrap();
    assert_eq!(history.len(), 2, "the cleared value stays in the history");
    assert_eq!((history[0].0.number, history[0].4), (Some(120.0), false));
    assert_eq!((history[1].0.number, history[1].1.as_str(), history[1].4), (None, "workbook", true));
    // Through the core: C cleared as well; B is the same, nothing else changes.
    let third = office.reply("third.xlsx", &[(B, Typed::Number(3400.0))]);
    let result = office.intake(&third);
    assert_eq!((result.status, result.cleared_values, result.changed_values), (IntakeStatus::Imported, 1, 0));
    assert_eq!((office.current(B), office.current(C)), (Some(3400.0), None));
    // A value typed in the app came by another way: an empty cell does not clear it.
    values::enter_value(office.store(), YEAR, A, "77", "نامهٔ دستگاه").unwrap();
    let fourth = office.reply("fourth.xlsx", &[(B, Typed::Number(3401.0))]);
    assert_eq!(office.intake(&fourth).cleared_values, 0);
    assert_eq!(office.current(A), Some(77.0));
}

#[test]
fn accounts_a_formula_counts_by_its_saved_value_and_without_one_is_refused() {
    let mut office = accounts_office();
    let with_value = office.reply("saved.xlsx", &[(A, Typed::Formula("100+20".into(), "120".into()))]);
    assert_eq!(office.intake(&with_value).status, IntakeStatus::Imported);
    assert_eq!(office.current(A), Some(120.0), "the value the spreadsheet computed and saved");

    let typed = [(A, Typed::Number(1.0)), (B, Typed::Number(5.0)), (C, Typed::Number(2.0))];
    let without = office.reply("unsaved.xlsx", &typed);
    let (a, c) = (office.value_cell(A), office.value_cell(C));
    set_cell_xml(&without, TABLE, &a, "", "<f>100+30</f>");
    set_cell_xml(&without, TABLE, &c, "", "<f>SUM(E5:E6)</f>");
    let said = office.refused(&without, "accounts.intake.uncomputed");
    // Named in the order of the sheet's rows.
    let mut cells = [a, c];
    cells.sort_by_key(|cell| cell[1..].parse::<u32>().unwrap());
    let [first, second] = cells;
    assert!(
        said.starts_with(&format!(
            "در کارپوشهٔ «unsaved.xlsx» (شرکت گاز استان لرستان) ۲ خانه فرمول دارد ولی مقدار حساب‌شدهٔ فرمول در فایل نیست ({TABLE}!{first}، {TABLE}!{second})"
        )),
        "{said}"
    );
    assert!(said.contains("در Excel یا LibreOffice باز کنید و دوباره ذخیره کنید"), "{said}");
    assert_eq!((office.current(A), office.current(B)), (Some(120.0), None), "nothing of the refused file landed");
}

#[test]
fn accounts_an_item_row_twice_is_refused_naming_both_rows() {
    let mut office = accounts_office();
    let path = office.reply("copied.xlsx", &[(A, Typed::Number(10.0))]);
    let mut sheets = read_sheets(&path);
    let row = row_of(&sheets, TABLE, A, None);
    let table = &mut sheets.iter_mut().find(|(n, _)| n == TABLE).unwrap().1;
    let last = table.iter().map(|(r, _, _)| *r).max().unwrap();
    let copied: Vec<_> =
        table.iter().filter(|(r, _, _)| *r == row).map(|(_, c, v)| (last + 1, *c, v.clone())).collect();
    table.extend(copied.into_iter().map(|(r, c, v)| if c == 4 { (r, c, Data::Float(11.0)) } else { (r, c, v) }));
    write_sheets(&path, &sheets);
    let said = office.refused(&path, "accounts.intake.invalid");
    assert!(
        said.contains(&format!(
            "قلم «{A}» دو بار آمده است: ردیف {} و ردیف {} برگهٔ «{TABLE}» (شاید ردیفی رونوشت شده)؛ یکی را پاک کنید تا روشن باشد کدام مقدار فرستاده شده.",
            daftar::fa::int(row + 1),
            daftar::fa::int(last + 2)
        )),
        "{said}"
    );
    assert_eq!(office.current(A), None);
}

#[test]
fn accounts_numbers_past_the_bound_or_not_finite_are_refused_with_the_cell_and_the_bound() {
    let mut office = accounts_office();
    let cell = office.value_cell(A);
    for (name, xml, shown) in [
        ("huge.xlsx", "<v>1e308</v>", "عدد بیش از ۱۰^۱۵ از مرز ±۱۰^۱۵ که کارپوشه‌ها می‌پذیرند بیرون است"),
        ("negative.xlsx", "<v>-1e308</v>", "عدد کمتر از −۱۰^۱۵ از مرز ±۱۰^۱۵"),
        ("overflow.xlsx", "<v>1e309</v>", "عدد بیش از ۱۰^۱۵ از مرز ±۱۰^۱۵"),
        ("nan.xlsx", "<v>NaN</v>", "مقدار «NaN» (نه‌عدد) است، نه عدد؛ عدد درست را بنویسید."),
        ("text.xlsx", "<is><t>2000000000000000</t></is>", "عدد بیش از ۱۰^۱۵ از مرز ±۱۰^۱۵"),
    ] {
        let path = office.reply(name, &[(A, Typed::Number(1.0)), (B, Typed::Number(2.0))]);
        let attributes = if xml.starts_with("<is>") { r#" t="inlineStr""# } else { "" };
        set_cell_xml(&path, TABLE, &cell, attributes, xml);
        let said = office.refused(&path, "accounts.intake.invalid");
        assert!(said.contains(&format!("{TABLE}!{cell}: {shown}")), "{name}: {said}");
        assert!(said.chars().count() < 600, "no number printed whole: {said}");
    }
    assert_eq!(office.current(B), None, "nothing of the refused files landed");
    // Typed in the app: the same bound, the same sentence.
    let typed = values::enter_value(office.store(), YEAR, A, "1e308", "").unwrap_err().to_string();
    assert!(typed.contains("عدد"), "{typed}");
    let huge = "9".repeat(309);
    let typed = values::enter_value(office.store(), YEAR, A, &huge, "").unwrap_err().to_string();
    assert!(typed.contains("بیش از ۱۰^۱۵") && !typed.contains(&"۹".repeat(20)), "{typed}");
    assert_eq!(office.current(A), None);
}

#[test]
fn accounts_the_identity_sheet_of_another_agency_is_refused_naming_both() {
    let mut office = accounts_office();
    let other = office.sent.keys().find(|c| *c != "202").unwrap().clone();
    let gas = office.reply("gas.xlsx", &[(A, Typed::Number(10.0))]);
    let mut sheets = read_sheets(&gas);
    let foreign = read_sheets(&office.sent[&other]).into_iter().find(|(n, _)| n == IDENTITY_SHEET).unwrap();
    *sheets.iter_mut().find(|(n, _)| n == IDENTITY_SHEET).unwrap() = foreign;
    write_sheets(&gas, &sheets);
    let other_name = daftar::agencies::find(office.store(), &other).unwrap().name;
    let said = office.refused(&gas, "accounts.intake.identity_of_another");
    assert!(
        said.starts_with(&format!(
            "برگهٔ «شناسه» در «gas.xlsx» از کارپوشهٔ «{other_name}» است ولی برگهٔ «{TABLE}» آن از کارپوشهٔ «شرکت گاز استان لرستان» است"
        )),
        "{said}"
    );
    let submissions: i64 =
        office.store().conn().query_row("SELECT count(*) FROM ra_submission", [], |r| r.get(0)).unwrap();
    assert_eq!(submissions, 0, "no submission recorded for either agency");
}

// ---- Performance evaluation: self-assessment ----

const START: &str = "1404/01/15";

struct EvalOffice {
    dir: tempfile::TempDir,
    province: PathBuf,
    store: Option<Store>,
    day: JalaliDate,
    sent: HashMap<String, PathBuf>,
    /// What each agency types, from the fixture.
    fixture: Vec<Vec<String>>,
}

fn eval_office() -> EvalOffice {
    let (dir, mut store) = common::demo_store();
    let start = JalaliDate::parse(START).unwrap();
    daftar::evaluation::create_year(&mut store, YEAR, start, None).unwrap();
    catalog::import_catalog(&mut store, YEAR, &common::fixtures().join("evaluation/catalog-1403.xlsx"), start).unwrap();
    let phase = daftar::evaluation::phases::phases(store.conn(), YEAR, start)
        .unwrap()
        .into_iter()
        .find(|p| p.code == "self_assessment")
        .unwrap();
    let day = JalaliDate::parse(&phase.starts_on).unwrap();
    let out = dir.path().join("sent");
    let written = daftar::evaluation::workbook::generate_workbooks(
        &mut store,
        YEAR,
        Purpose::SelfAssessment,
        &out,
        &["101".into(), "102".into()],
    )
    .unwrap();
    let sent = written.into_iter().map(|w| (w.agency_code, PathBuf::from(w.path))).collect();
    let fixture =
        daftar::evaluation::reply::read_tsv(&common::fixtures().join("src/evaluation/self-1403.tsv")).unwrap();
    EvalOffice { province: store.path().to_path_buf(), dir, store: Some(store), day, sent, fixture }
}

const SCORES: &str = daftar::evaluation::workbook::SCORES_SHEET;

impl Office for EvalOffice {
    fn file(&mut self) -> (&Path, &mut Option<Store>) {
        (&self.province, &mut self.store)
    }

    fn cli_intake(&mut self, file: &Path) -> (i32, String) {
        self.store = None;
        let today = self.day.to_latin_string();
        cli(&self.province, &["--json", "--today", &today, "eval", "intake", "--year", "1403", &file.to_string_lossy()])
    }

    fn core_intake(&mut self, file: &Path) -> (IntakeStatus, Option<AppError>) {
        let result = self.intake(file);
        (result.status, result.refusal)
    }
}

impl EvalOffice {
    /// Agency 101's reply as the fixture types it, without the indicators in `left_out`.
    fn reply(&self, name: &str, left_out: &[&str]) -> PathBuf {
        let mut typed = daftar::evaluation::reply::typed_for(&self.fixture, "101");
        typed.retain(|(indicator, _), _| !left_out.contains(&indicator.as_str()));
        let path = self.dir.path().join(name);
        daftar::evaluation::reply::write_reply(&self.sent["101"], &path, &typed).unwrap();
        path
    }

    fn intake(&mut self, file: &Path) -> EvalIntakeResult {
        let day = self.day;
        import_workbooks(self.store(), YEAR, Purpose::SelfAssessment, &[file.to_path_buf()], day, &mut |_, _, _| {})
            .unwrap()
            .remove(0)
    }

    fn score(&mut self, indicator: &str) -> Option<f64> {
        let scores = current_scores(self.store().conn(), YEAR, Stage::SelfAssessment).unwrap();
        scores.get(&("101".to_string(), indicator.to_string())).map(|s| s.score)
    }

    /// The cell of an indicator's column on the scores sheet, «I5».
    fn cell(&self, indicator: &str, measure: Option<&str>, column: u16) -> String {
        let row = row_of(&read_sheets(&self.sent["101"]), SCORES, indicator, measure);
        format!("{}{}", column_letter(column), row + 1)
    }
}

use daftar::evaluation::workbook::{ACTUAL_COLUMN, SCORE_COLUMN};

#[test]
fn evaluation_a_resent_self_assessment_with_a_cleared_row_clears_the_score() {
    let mut office = eval_office();
    let first = office.reply("first.xlsx", &[]);
    assert!(office.intake(&first).refusal.is_none());
    let g08 = office.score("G08").expect("G08 scored");
    assert!(g08 > 0.0 && office.score("G01").is_some());
    // Resent through the CLI with G08 cleared (its points and evidence).
    let second = office.reply("second.xlsx", &["G08"]);
    let (exit, out) = office.cli_intake(&second);
    assert_eq!(exit, 0, "{out}");
    let result: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(result[0]["cleared_scores"], 1, "{out}");
    assert_eq!(office.score("G08"), None, "no score in force for the cleared indicator");
    let history =
        daftar::evaluation::scores::history(office.store().conn(), YEAR, "101", "G08", Stage::SelfAssessment).unwrap();
    assert_eq!(history.len(), 1, "the cleared score stays in the history");
    assert_eq!(history[0].score, g08);
    // Through the core: G01 cleared too.
    let third = office.reply("third.xlsx", &["G08", "G01"]);
    let result = office.intake(&third);
    assert_eq!((result.cleared_scores, result.changed_scores), (1, 0));
    assert_eq!(office.score("G01"), None);
}

#[test]
fn evaluation_a_formula_without_its_value_refuses_the_self_assessment() {
    let mut office = eval_office();
    let path = office.reply("unsaved.xlsx", &[]);
    let cell = office.cell("G01", None, ACTUAL_COLUMN);
    set_cell_xml(&path, SCORES, &cell, "", "<f>50+7</f>");
    let said = office.refused(&path, "evaluation.intake.uncomputed");
    assert!(
        said.contains(&format!("۱ خانه فرمول دارد ولی مقدار حساب‌شدهٔ فرمول در فایل نیست ({SCORES}!{cell})")),
        "{said}"
    );
    assert!(said.contains("در Excel یا LibreOffice باز کنید"), "{said}");
    // With the value the spreadsheet saved, the formula counts as that value.
    set_cell_xml(&path, SCORES, &cell, "", "<f>50+7</f><v>57</v>");
    assert!(office.intake(&path).refusal.is_none());
    assert_eq!(office.score("G01"), Some(38.0), "60 × 57 ÷ 90");
}

#[test]
fn evaluation_an_indicator_row_twice_is_refused_naming_both_rows() {
    let mut office = eval_office();
    let path = office.reply("copied.xlsx", &[]);
    let mut sheets = read_sheets(&path);
    let row = row_of(&sheets, SCORES, "G01", None);
    let scores = &mut sheets.iter_mut().find(|(n, _)| n == SCORES).unwrap().1;
    let last = scores.iter().map(|(r, _, _)| *r).max().unwrap();
    let copied: Vec<_> =
        scores.iter().filter(|(r, _, _)| *r == row).map(|(_, c, v)| (last + 1, *c, v.clone())).collect();
    scores.extend(copied);
    write_sheets(&path, &sheets);
    let said = office.refused(&path, "evaluation.intake.invalid");
    assert!(
        said.contains(&format!(
            "شاخص «G01» دو بار آمده است: ردیف {} و ردیف {} برگهٔ «{SCORES}»",
            daftar::fa::int(row + 1),
            daftar::fa::int(last + 2)
        )),
        "{said}"
    );
    assert_eq!(office.score("G01"), None);
}

#[test]
fn evaluation_absurd_and_non_finite_numbers_are_refused_never_scored() {
    let mut office = eval_office();
    let actual = office.cell("G01", None, ACTUAL_COLUMN);
    let points = office.cell("G08", None, SCORE_COLUMN);
    for (name, cell, xml, shown) in [
        ("huge-actual.xlsx", &actual, "<v>1e308</v>", "عدد بیش از ۱۰^۱۵ از مرز ±۱۰^۱۵"),
        ("overflow-actual.xlsx", &actual, "<v>1e309</v>", "عدد بیش از ۱۰^۱۵ از مرز ±۱۰^۱۵"),
        ("nan-actual.xlsx", &actual, "<v>NaN</v>", "مقدار «NaN» (نه‌عدد) است"),
        ("nan-points.xlsx", &points, "<v>NaN</v>", "مقدار «NaN» (نه‌عدد) است"),
        ("negative-points.xlsx", &points, "<v>-1e308</v>", "عدد کمتر از −۱۰^۱۵ از مرز ±۱۰^۱۵"),
    ] {
        let path = office.reply(name, &[]);
        set_cell_xml(&path, SCORES, cell, "", xml);
        let said = office.refused(&path, "evaluation.intake.invalid");
        assert!(said.contains(&format!("{SCORES}!{cell}: {shown}")), "{name}: {said}");
    }
    assert_eq!(office.score("G01"), None, "an absurd actual earns nothing");
    // Over the ceiling by a little: the two numbers read differently.
    let path = office.reply("over.xlsx", &[]);
    set_cell_xml(&path, SCORES, &points, "", "<v>40.0001</v>");
    let said = office.refused(&path, "evaluation.intake.invalid");
    assert!(said.contains("امتیاز ۴۰٫۰۰۰۱ از سقف امتیاز این شاخص (۴۰٫۰۰۰۰) بیشتر است"), "{said}");
}

#[test]
fn evaluation_the_identity_sheet_of_another_agency_is_refused_naming_both() {
    let mut office = eval_office();
    let path = office.reply("sent-as-102.xlsx", &[]);
    let mut sheets = read_sheets(&path);
    let foreign = read_sheets(&office.sent["102"]).into_iter().find(|(n, _)| n == IDENTITY_SHEET).unwrap();
    *sheets.iter_mut().find(|(n, _)| n == IDENTITY_SHEET).unwrap() = foreign;
    write_sheets(&path, &sheets);
    let names: Vec<String> =
        ["101", "102"].iter().map(|c| daftar::agencies::find(office.store(), c).unwrap().name).collect();
    let said = office.refused(&path, "evaluation.intake.identity_of_another");
    assert!(
        said.starts_with(&format!(
            "برگهٔ «شناسه» در «sent-as-102.xlsx» از کارپوشهٔ «{}» است ولی برگهٔ «{SCORES}» آن از کارپوشهٔ «{}» است",
            names[1], names[0]
        )),
        "{said}"
    );
    let submissions: i64 =
        office.store().conn().query_row("SELECT count(*) FROM ev_submission", [], |r| r.get(0)).unwrap();
    assert_eq!(submissions, 0);
}

#[test]
fn evaluation_a_renamed_scores_sheet_is_named_missing_with_the_sheets_found() {
    let mut office = eval_office();
    let path = office.reply("renamed.xlsx", &[]);
    let mut sheets = read_sheets(&path);
    sheets.iter_mut().find(|(n, _)| n == SCORES).unwrap().0 = "امتیازها".into();
    write_sheets(&path, &sheets);
    let said = office.refused(&path, "evaluation.intake.missing_sheet");
    assert!(
        said.starts_with(&format!(
            "کارپوشهٔ «renamed.xlsx» برگهٔ «{SCORES}» را ندارد (برگه‌های آن: راهنما، امتیازها); شاید نامش عوض شده."
        )),
        "{said}"
    );
}

#[test]
fn typed_scores_hold_the_same_bound_in_the_grid_and_its_preview() {
    let mut office = eval_office();
    let store = office.store();
    let input = daftar::evaluation::scoring::ScoreInput::Actual { actual: f64::INFINITY };
    let preview = daftar::evaluation::scores::preview_score(store.conn(), YEAR, "101", "G01", &input).unwrap();
    assert_eq!(preview.score, None);
    assert!(preview.refusal.unwrap().contains("بیش از ۱۰^۱۵"));
    let nan = daftar::evaluation::scoring::ScoreInput::Points { points: f64::NAN };
    let preview = daftar::evaluation::scores::preview_score(store.conn(), YEAR, "101", "G08", &nan).unwrap();
    assert!(preview.refusal.unwrap().contains("NaN"));
}
