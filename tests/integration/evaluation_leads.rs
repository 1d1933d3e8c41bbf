//! Indicators measured by another agency (evaluation seed §8): the catalog's «دستگاه سنجش»
//! column, one workbook per lead listing every agency, its intake as the evaluators' evidence
//! (and, by the setting, as their score), mangled lead workbooks refused, and the to-do naming
//! the leads that have not replied.

use crate::common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use daftar::evaluation::lead_workbook::generate_lead_workbooks;
use daftar::evaluation::leads::{import_lead_workbooks, LeadIntakeResult};
use daftar::evaluation::reply::{typed_for_lead, write_lead_reply, Typed};
use daftar::evaluation::simulate::{play_year, Until};
use daftar::evaluation::workbook::{generate_workbooks, EvalWorkbook, Purpose};
use daftar::evaluation::{catalog, intake, settings_of, update_settings, view, EvaluationError};
use daftar::fa::JalaliDate;
use daftar::issued::{IntakeStatus, IDENTITY_SHEET};
use daftar::store::Store;
use daftar::Problem;
use std::path::{Path, PathBuf};

fn d(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

const START: &str = "1404/01/15";

/// The year played until the evaluators' scores are in: every lead got its workbook, all but
/// the finance office (405, the last lead of the catalog) sent it back.
fn evaluated() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::demo_store();
    play_year(&mut store, &common::fixtures(), 1403, d(START), Until::Evaluated, &dir.path().join("work")).unwrap();
    (dir, store)
}

fn phase_day(store: &Store, code: &str) -> JalaliDate {
    let phases = daftar::evaluation::phases::phases(store.conn(), 1403, d(START)).unwrap();
    d(&phases.into_iter().find(|p| p.code == code).unwrap().starts_on)
}

fn file_bytes(store: &Store) -> Vec<u8> {
    std::fs::read(store.path()).unwrap()
}

/// The fixture catalog as a workbook, with `edit(indicator code, header, cell)` applied to
/// each cell of the indicators sheet.
fn catalog_with(path: &Path, edit: impl Fn(&str, &str, &str) -> String) {
    let src = common::fixtures().join("src/evaluation");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, file) in [("محورها", "axes.tsv"), ("شاخص‌ها", "indicators.tsv"), ("سنجه‌ها", "measures.tsv")]
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        let header: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
        for (r, line) in text.lines().enumerate() {
            let code = line.split('\t').next().unwrap();
            for (c, cell) in line.split('\t').enumerate() {
                let value = if file == "indicators.tsv" && r > 0 { edit(code, header[c], cell) } else { cell.into() };
                sheet.write_string(r as u32, c as u16, &value).unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn the_catalog_keeps_each_indicators_lead_and_refuses_an_unknown_code_naming_the_row() {
    let (dir, mut store) = common::demo_store();
    daftar::evaluation::create_year(&mut store, 1403, d(START), None).unwrap();
    let path = dir.path().join("catalog-bad-lead.xlsx");
    catalog_with(&path, |code, header, cell| match (code, header) {
        ("G17", "دستگاه سنجش") => "۹۹۹".into(),
        _ => cell.into(),
    });
    let before = file_bytes(&store);
    let err = catalog::import_catalog(&mut store, 1403, &path, d(START)).unwrap_err();
    assert_eq!(err.code(), "evaluation.catalog.invalid");
    let details = err.details().join("\n");
    assert!(details.contains("ردیف ۱۸"), "G17 is on row 18: {details}");
    assert!(details.contains("دستگاه سنجشی با کد «999» در فهرست دستگاه‌ها نیست"), "{details}");
    assert_eq!(file_bytes(&store), before, "nothing stored");

    let fixture = common::fixtures().join("evaluation/catalog-1403.xlsx");
    catalog::import_catalog(&mut store, 1403, &fixture, d(START)).unwrap();
    let stored = catalog::catalog_of(store.conn(), 1403).unwrap();
    let lead = |code: &str| stored.indicator(code).unwrap().lead.clone();
    assert_eq!(
        (lead("G14"), lead("G16"), lead("G17"), lead("G22")),
        (Some("505".into()), Some("407".into()), Some("405".into()), Some("405".into()))
    );
    assert_eq!(lead("G01"), None);
    assert_eq!(stored.leads(), ["505", "407", "405"]);
}

/// Every cell of the first sheet named `sheet`: (row, column, text).
fn cells(path: &Path, sheet: &str) -> Vec<(u32, u32, String)> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let (top, left) = range.start().unwrap();
    range.cells().map(|(r, c, v)| (r as u32 + top, c as u32 + left, v.to_string())).collect()
}

fn lead_workbook(store: &mut Store, dir: &Path, lead: &str) -> EvalWorkbook {
    let out = dir.join(format!("lead-{lead}"));
    generate_lead_workbooks(store, 1403, &out, &[lead.to_string()]).unwrap().remove(0)
}

#[test]
fn a_lead_workbook_lists_every_evaluated_agency_for_each_of_its_indicators() {
    let (dir, mut store) = evaluated();
    let sent = lead_workbook(&mut store, dir.path(), "405");
    assert_eq!((sent.agency_code.as_str(), sent.indicators), ("405", 2));
    let catalog = catalog::catalog_of(store.conn(), 1403).unwrap();
    let cells = cells(Path::new(&sent.path), "شاخص‌ها");
    let text = |r: u32, c: u32| cells.iter().find(|x| x.0 == r && x.1 == c).map(|x| x.2.clone()).unwrap_or_default();
    for indicator in ["G17", "G22"] {
        let mut listed: Vec<String> =
            cells.iter().filter(|x| x.1 == 2 && x.2 == indicator).map(|x| text(x.0, 0)).collect();
        listed.sort();
        let mut evaluated = catalog.indicator(indicator).unwrap().agencies.clone();
        evaluated.sort();
        assert_eq!(listed, evaluated, "every agency evaluated on {indicator}, once");
        assert_eq!(listed.len(), 61, "the active agencies");
    }
    assert!(cells.iter().all(|x| x.1 != 2 || !["G14", "G16", "G01"].contains(&x.2.as_str())), "only the lead's own");
    assert_eq!(text(3, 0), "کد دستگاه");
    // A lead that scores nothing is named with the year's leads.
    let err = generate_lead_workbooks(&mut store, 1403, dir.path(), &["101".into()]).unwrap_err();
    assert_eq!(err.code(), "evaluation.lead.not_a_lead");
    assert!(err.to_string().contains("505، 407، 405"), "{err}");
}

fn import(store: &mut Store, files: &[PathBuf], today: JalaliDate) -> Vec<LeadIntakeResult> {
    import_lead_workbooks(store, 1403, files, today, &mut |_, _, _| {}).unwrap()
}

fn reply(sent: &EvalWorkbook, path: &Path, typed: &[(&str, &str, &str)]) -> PathBuf {
    let typed: Typed = typed
        .iter()
        .map(|(key, score, note)| {
            ((key.to_string(), String::new()), (String::new(), score.to_string(), note.to_string()))
        })
        .collect();
    write_lead_reply(Path::new(&sent.path), path, &typed).unwrap();
    path.to_path_buf()
}

fn score_row(store: &Store, agency: &str, indicator: &str) -> view::ScoreRow {
    view::agency_scores(store.conn(), 1403, agency).unwrap().into_iter().find(|r| r.code == indicator).unwrap()
}

#[test]
fn a_returned_lead_workbook_is_the_evaluators_evidence_and_by_the_setting_their_score() {
    let (dir, mut store) = evaluated();
    // The leads that replied in the play: their scores are beside the agency's own.
    let g14 = score_row(&store, "101", "G14").lead.expect("G14 has a lead");
    assert_eq!((g14.lead_code.as_str(), g14.score.is_some()), ("505", true));
    let waiting = score_row(&store, "101", "G17").lead.expect("G17 has a lead");
    assert_eq!((waiting.lead_code.as_str(), waiting.score), ("405", None));
    assert!(score_row(&store, "101", "G01").lead.is_none());

    let sent = lead_workbook(&mut store, dir.path(), "405");
    let evaluator_before = score_row(&store, "101", "G17").evaluator_score;
    let first = reply(&sent, &dir.path().join("405-a.xlsx"), &[("101/G17", "33", "گزارش سامانهٔ ستاد، نامهٔ ۱۲۳")]);
    let hq_day = phase_day(&store, "hq_confirmation");
    let r = import(&mut store, &[first], hq_day).remove(0);
    assert_eq!((r.intake.status, r.intake.new_scores, r.evaluator_scores), (IntakeStatus::Imported, 1, 0));
    let row = score_row(&store, "101", "G17");
    let lead = row.lead.unwrap();
    assert_eq!((lead.score, lead.note.as_str()), (Some(33.0), "گزارش سامانهٔ ستاد، نامهٔ ۱۲۳"));
    assert_eq!(row.evaluator_score, evaluator_before, "evidence only while the setting is off");

    // With the setting, the lead's score is the evaluator's — only while evaluators score.
    let mut settings = settings_of(store.conn(), 1403).unwrap();
    settings.lead_score_as_evaluator = true;
    update_settings(&mut store, 1403, &settings).unwrap();
    let second = reply(&sent, &dir.path().join("405-b.xlsx"), &[("101/G17", "34", ""), ("102/G22", "41", "")]);
    let err = import_lead_workbooks(&mut store, 1403, std::slice::from_ref(&second), hq_day, &mut |_, _, _| {});
    assert_eq!(err.unwrap_err().code(), "evaluation.phase_closed");
    let evaluation_day = phase_day(&store, "evaluation");
    let r = import(&mut store, &[second], evaluation_day).remove(0);
    assert_eq!((r.intake.status, r.intake.scores_read, r.evaluator_scores), (IntakeStatus::Imported, 2, 2));
    let row = score_row(&store, "101", "G17");
    assert_eq!((row.evaluator_score, row.lead.unwrap().score), (Some(34.0), Some(34.0)));
    assert!(
        row.comment.starts_with("امتیاز دستگاه سنجش «اداره کل امور اقتصادی و دارایی استان لرستان»"),
        "{}",
        row.comment
    );
    let audited: String = store
        .conn()
        .query_row(
            "SELECT reason FROM audit_log WHERE entity = 'ev_score' AND entity_key = '1403/101/G17' AND action = 'evaluator' ORDER BY id DESC",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audited.contains("دستگاه سنجش"), "{audited}");
}

/// The sheets of a workbook as a spreadsheet program saves them: (name, cells).
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

fn write_sheets(path: &Path, sheets: &Sheets) {
    let mut out = rust_xlsxwriter::Workbook::new();
    for (name, cells) in sheets {
        let sheet = out.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, c, value) in cells {
            match value {
                Data::String(s) => sheet.write_string(*r, *c, s).map(|_| ()),
                Data::Float(f) => sheet.write_number(*r, *c, *f).map(|_| ()),
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

/// Import `file` as a lead workbook: it must be refused with `code`, changing nothing.
fn refused(store: &mut Store, file: &Path, code: &str) -> String {
    let before = file_bytes(store);
    let day = phase_day(store, "hq_confirmation");
    let r = import(store, &[file.to_path_buf()], day).remove(0);
    assert_eq!(r.intake.status, IntakeStatus::Refused, "{file:?}");
    let refusal = r.intake.refusal.unwrap();
    assert_eq!(refusal.code, code, "{}", refusal.message);
    assert_eq!(file_bytes(store), before, "a refused workbook changes nothing");
    format!("{}\n{}", refusal.message, refusal.details.join("\n"))
}

#[test]
fn tampered_copied_or_misplaced_lead_workbooks_are_refused_whole() {
    let (dir, mut store) = evaluated();
    let finance = lead_workbook(&mut store, dir.path(), "405");
    let environment = lead_workbook(&mut store, dir.path(), "505");
    let filled = reply(&finance, &dir.path().join("filled.xlsx"), &[("101/G17", "30", "")]);

    // The identity sheet edited by hand: its digest no longer matches.
    let mut sheets = read_sheets(&filled);
    let identity = &mut sheets.iter_mut().find(|(n, _)| n == IDENTITY_SHEET).unwrap().1;
    for (_, c, v) in identity.iter_mut() {
        if *c == 1 && *v == Data::String("405".into()) {
            *v = Data::String("505".into());
        }
    }
    let tampered = dir.path().join("tampered.xlsx");
    write_sheets(&tampered, &sheets);
    refused(&mut store, &tampered, "evaluation.intake.tampered_identity");

    // The environment office's identity sheet pasted into the finance office's workbook.
    let mut sheets = read_sheets(&filled);
    let foreign = read_sheets(Path::new(&environment.path)).into_iter().find(|(n, _)| n == IDENTITY_SHEET).unwrap();
    *sheets.iter_mut().find(|(n, _)| n == IDENTITY_SHEET).unwrap() = foreign;
    let pasted = dir.path().join("pasted.xlsx");
    write_sheets(&pasted, &sheets);
    let message = refused(&mut store, &pasted, "evaluation.intake.identity_of_another");
    assert!(message.contains("اداره کل امور اقتصادی و دارایی استان لرستان"), "{message}");

    // An agency's row copied below: which value was sent is not clear.
    let mut sheets = read_sheets(&filled);
    let scores = &mut sheets.iter_mut().find(|(n, _)| n == "شاخص‌ها").unwrap().1;
    let row = scores.iter().find(|(_, c, v)| *c == 0 && *v == Data::String("101".into())).unwrap().0;
    let last = scores.iter().map(|x| x.0).max().unwrap();
    let copy: Vec<_> =
        scores.iter().filter(|x| x.0 == row && x.1 < 40).map(|(_, c, v)| (last + 1, *c, v.clone())).collect();
    scores.extend(copy);
    let doubled = dir.path().join("doubled.xlsx");
    write_sheets(&doubled, &sheets);
    let message = refused(&mut store, &doubled, "evaluation.intake.invalid");
    assert!(message.contains("دستگاه «101»، شاخص «G17» دو بار آمده است"), "{message}");

    // A score above the ceiling is refused with its cell.
    let over = reply(&finance, &dir.path().join("over.xlsx"), &[("101/G17", "45", "")]);
    let message = refused(&mut store, &over, "evaluation.intake.invalid");
    assert!(message.contains("شاخص‌ها!"), "{message}");

    // An agency's self-assessment brought as a lead's, and a lead's as a self-assessment.
    let own = generate_workbooks(&mut store, 1403, Purpose::SelfAssessment, &dir.path().join("own"), &["101".into()])
        .unwrap()
        .remove(0);
    let message = refused(&mut store, Path::new(&own.path), "evaluation.intake.wrong_purpose");
    assert!(message.contains("خودارزیابی"), "{message}");
    let day = phase_day(&store, "self_assessment");
    let r = intake::import_workbooks(
        &mut store,
        1403,
        Purpose::SelfAssessment,
        std::slice::from_ref(&filled),
        day,
        &mut |_, _, _| {},
    )
    .unwrap()
    .remove(0);
    assert_eq!(r.refusal.unwrap().code, "evaluation.intake.wrong_purpose");

    // Another province file's lead workbook was never issued here.
    let (other_dir, mut other) = evaluated();
    let elsewhere = lead_workbook(&mut other, other_dir.path(), "405");
    refused(&mut store, Path::new(&elsewhere.path), "evaluation.intake.not_issued");

    // The untouched reply lands whole.
    let day = phase_day(&store, "hq_confirmation").add_days(1);
    let r = import(&mut store, &[filled], day).remove(0);
    assert_eq!((r.intake.status, r.intake.new_scores), (IntakeStatus::Imported, 1));
}

#[test]
fn the_to_do_names_the_leads_that_have_not_replied_and_the_overview_counts_them() {
    let (dir, mut store) = evaluated();
    let today = phase_day(&store, "evaluation");
    let overview = view::overview(store.conn(), 1403, today).unwrap();
    let replied: Vec<(&str, bool)> = overview.leads.iter().map(|l| (l.code.as_str(), l.replied_at.is_some())).collect();
    assert_eq!(replied, [("505", true), ("407", true), ("405", false)]);
    let line = overview.todo.iter().find(|t| t.text.contains("دستگاه سنجش")).expect("a line for the missing lead");
    assert_eq!(
        line.text,
        "۱ دستگاه سنجش هنوز امتیازهای شاخص‌هایی را که برای همه می‌سنجند نفرستاده‌اند: «اداره کل امور اقتصادی و دارایی استان لرستان»."
    );
    assert!(overview.actions.lead_workbooks.enabled && overview.actions.lead_intake.enabled);

    // Once the finance office replies, nothing is left to ask of the leads.
    let sent = lead_workbook(&mut store, dir.path(), "405");
    let rows =
        daftar::evaluation::reply::read_tsv(&common::fixtures().join("src/evaluation/evaluator-1403.tsv")).unwrap();
    let path = dir.path().join("405.xlsx");
    write_lead_reply(Path::new(&sent.path), &path, &typed_for_lead(&rows, &["G17".into(), "G22".into()])).unwrap();
    let r = import(&mut store, &[path], today).remove(0);
    assert_eq!((r.intake.status, r.intake.scores_read), (IntakeStatus::Imported, 122), "61 agencies × G17 and G22");
    let overview = view::overview(store.conn(), 1403, today).unwrap();
    assert!(overview.todo.iter().all(|t| !t.text.contains("دستگاه سنجش")), "{:?}", overview.todo);
    assert!(overview.leads.iter().all(|l| l.replied_at.is_some() && l.scored > 0));
}

#[test]
fn a_year_without_leads_hides_their_actions_and_says_why() {
    let (dir, mut store) = common::demo_store();
    daftar::evaluation::create_year(&mut store, 1403, d(START), None).unwrap();
    let path = dir.path().join("catalog-no-leads.xlsx");
    catalog_with(&path, |_, header, cell| if header == "دستگاه سنجش" { String::new() } else { cell.into() });
    catalog::import_catalog(&mut store, 1403, &path, d(START)).unwrap();
    let overview = view::overview(store.conn(), 1403, d(START)).unwrap();
    assert!(!overview.actions.lead_workbooks.visible && overview.leads.is_empty());
    let err = generate_lead_workbooks(&mut store, 1403, dir.path(), &[]).unwrap_err();
    assert!(matches!(err, EvaluationError::NoLeads { year: 1403 }));
}
