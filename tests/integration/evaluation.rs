//! A year of performance evaluation on the fixtures: results against the independently
//! computed expected results, and every broken input refused with its message and no change.

use crate::common;
use daftar::evaluation::objections::{decide, file_objection, objection_id, publish_preliminary, Decision};
use daftar::evaluation::results::{results, Basis};
use daftar::evaluation::simulate::{play_year, Until};
use daftar::evaluation::{approval, catalog, scores, scoring::ScoreInput, view, workbook, EvaluationError};
use daftar::fa::JalaliDate;
use daftar::store::Store;
use daftar::Problem;
use std::collections::HashMap;
use std::path::Path;

fn d(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

const START: &str = "1404/01/15";

/// The province with agencies and a year played up to `until`.
fn year_until(until: Until) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::demo_store();
    let work = dir.path().join("work");
    play_year(&mut store, &common::fixtures(), 1403, d(START), until, &work).unwrap();
    (dir, store)
}

fn phase_day(store: &Store, code: &str) -> JalaliDate {
    let p = daftar::evaluation::phases::phases(store.conn(), 1403, d(START))
        .unwrap()
        .into_iter()
        .find(|p| p.code == code)
        .unwrap();
    d(&p.starts_on)
}

fn expected(file: &str) -> HashMap<String, Vec<String>> {
    let rows = daftar::evaluation::reply::read_tsv(&common::fixtures().join("src/evaluation").join(file)).unwrap();
    rows.into_iter().map(|r| (r[0].clone(), r)).collect()
}

fn file_bytes(store: &Store) -> Vec<u8> {
    std::fs::read(store.path()).unwrap()
}

#[test]
fn the_final_results_match_the_independently_computed_ones() {
    let (_dir, store) = year_until(Until::Festival);
    let approved = approval::approved_results(store.conn(), 1403).unwrap().expect("approved");
    let expected = expected("expected-1403.tsv");
    assert_eq!(approved.len(), expected.len());
    for r in &approved {
        let e = &expected[&r.agency.code];
        let n = |i: usize| e[i].parse::<f64>().unwrap();
        let got = (r.general, r.specific, r.development, r.total, r.percent, r.tier.as_str(), r.rank, r.group_rank);
        let want = (n(1), n(2), n(3), n(4), n(5), e[6].as_str(), n(7) as u32, n(8) as u32);
        assert_eq!(got, want, "agency {}", r.agency.code);
        assert_eq!(r.growth, e[9].parse::<f64>().ok(), "growth of {}", r.agency.code);
    }
    // The fixture's tie: 504 and 512 have equal totals; the general score puts 512 first.
    let rank = |code: &str| approved.iter().find(|r| r.agency.code == code).unwrap().rank;
    assert_eq!((rank("512"), rank("504")), (35, 36));
    // The published preliminary results are the evaluator's scores alone.
    let preliminary = daftar::evaluation::objections::published_results(store.conn(), 1403).unwrap().unwrap();
    let expected = expected_preliminary();
    for r in &preliminary {
        assert_eq!(
            r.total,
            expected[&r.agency.code][4].parse::<f64>().unwrap(),
            "preliminary total of {}",
            r.agency.code
        );
    }
    let festival = daftar::evaluation::festival::festival(store.conn(), 1403).unwrap();
    assert_eq!(festival.groups.len(), 5);
    assert_eq!(festival.growth[0].agency.code, "104", "the fixture's largest growth");
    assert_eq!(festival.teams.len(), 3);
}

fn expected_preliminary() -> HashMap<String, Vec<String>> {
    expected("expected-preliminary-1403.tsv")
}

#[test]
fn approval_locks_scores_and_reopening_makes_a_new_version() {
    let (_dir, mut store) = year_until(Until::Festival);
    let evaluation_day = phase_day(&store, "evaluation");
    let before = file_bytes(&store);
    let err = scores::score_indicator(
        &mut store,
        1403,
        "101",
        "G01",
        &ScoreInput::Points { points: 10.0 },
        "x",
        evaluation_day,
    )
    .unwrap_err();
    assert_eq!(err.code(), "evaluation.year_locked");
    assert_eq!(
        err.to_string(),
        "نتایج ارزیابی این سال در شورای توسعهٔ مدیریت تصویب شده و قفل است؛ برای هر تغییری نخست تصویب را با ذکر دلیل بازگشایی کنید."
    );
    // The lock holds in SQL too, whatever program writes to the file.
    let sql = store.conn().execute("UPDATE ev_score SET score = 0 WHERE year = 1403", []);
    assert!(sql.unwrap_err().to_string().contains("ev.year_locked"));
    assert_eq!(file_bytes(&store), before, "nothing changed");

    assert_eq!(approval::reopen(&mut store, 1403, " ").unwrap_err().code(), "evaluation.reason_required");
    approval::reopen(&mut store, 1403, "اصلاح امتیاز شاخص G01 به دستور شورا").unwrap();
    let council = phase_day(&store, "council");
    // The evaluation phase has ended by the council's day: it is reopened, with a reason, to rescore.
    daftar::evaluation::phases::reopen(&mut store, 1403, "evaluation", "اصلاح پس از بازگشایی", council, council)
        .unwrap();
    scores::score_indicator(
        &mut store,
        1403,
        "101",
        "G01",
        &ScoreInput::Points { points: 55.0 },
        "مستندات تکمیلی",
        council,
    )
    .unwrap();
    let second = approval::approve(&mut store, 1403, "جلسهٔ ۴", council).unwrap();
    let all = approval::approvals(store.conn(), 1403).unwrap();
    assert_eq!((second.version, all.len(), all[0].reopened), (2, 2, true));
    assert_ne!(all[0].content_hash, all[1].content_hash);
}

#[test]
fn objections_are_once_per_indicator_inside_the_window_and_never_edited() {
    let (_dir, mut store) = year_until(Until::Objections);
    let published = phase_day(&store, "preliminary");
    let closes = published.add_days(6);
    let before = file_bytes(&store);

    let late = file_objection(&mut store, 1403, "101", "G01", "دلیل", "", closes.add_days(1)).unwrap_err();
    assert_eq!(late.code(), "evaluation.objection.outside_window");
    assert_eq!(
        late.to_string(),
        format!("اعتراض پذیرفته نیست: مهلت اعتراض از {published} تا {closes} بود و امروز {} است.", closes.add_days(1))
    );

    // 105 objected to S105-1 in the fixture.
    let twice = file_objection(&mut store, 1403, "105", "S105-1", "دوباره", "", published.add_days(2)).unwrap_err();
    assert_eq!(twice.code(), "evaluation.objection.duplicate");
    assert!(twice.to_string().contains("برای هر شاخص یک اعتراض پذیرفته می‌شود"));

    let empty = file_objection(&mut store, 1403, "101", "G01", "  ", "", published.add_days(2)).unwrap_err();
    assert_eq!(empty.code(), "evaluation.objection.reason_required");

    let edit = store.conn().execute("UPDATE ev_objection SET reason = 'دلیل دیگر'", []).unwrap_err();
    assert!(edit.to_string().contains("ev.objection_immutable"));
    let delete = store.conn().execute("DELETE FROM ev_objection", []).unwrap_err();
    assert!(delete.to_string().contains("ev.objection_immutable"));
    assert_eq!(file_bytes(&store), before, "nothing changed");

    // A decision within the ceiling; over it is refused.
    let id = objection_id(store.conn(), 1403, "109", "G14").unwrap();
    let over =
        decide(&mut store, 1403, id, Decision::Accepted, Some(10_000.0), "سند", published.add_days(2)).unwrap_err();
    assert_eq!(over.code(), "evaluation.objection.new_score_out_of_range");
    let rejected = decide(&mut store, 1403, id, Decision::Rejected, None, "", published.add_days(2)).unwrap_err();
    assert_eq!(rejected.code(), "evaluation.reason_required");

    // Council approval waits for every decision.
    let council = phase_day(&store, "council");
    let pending = approval::approve(&mut store, 1403, "", council).unwrap_err();
    assert_eq!(pending.code(), "evaluation.approval.objections_pending");
    assert_eq!(pending.details().len(), 4);

    // Every objection decided, the objection phase reopened into the council's days: no
    // approval while agencies may still object.
    let rescoring = phase_day(&store, "rescoring");
    for o in daftar::evaluation::objections::objections(store.conn(), 1403).unwrap() {
        if o.decision.is_none() {
            decide(&mut store, 1403, o.id, Decision::Rejected, None, "مستندات تازه‌ای نیامد", rescoring).unwrap();
        }
    }
    let until = council.add_days(1);
    daftar::evaluation::phases::reopen(&mut store, 1403, "objection", "مهلت به دستور شورا", until, council).unwrap();
    let early = approval::approve(&mut store, 1403, "", council).unwrap_err();
    assert_eq!(early.code(), "evaluation.approval.window_open");
    assert!(early.to_string().contains(&format!("تا {until}")), "{early}");
    let blocker = view::overview(store.conn(), 1403, council).unwrap().actions.approve.blocker;
    assert_eq!(blocker, Some(early.to_string()));
    approval::approve(&mut store, 1403, "جلسهٔ ۳", until.add_days(1)).unwrap();
}

#[test]
fn the_council_approves_only_published_results() {
    let (_dir, mut store) = year_until(Until::Evaluated);
    let council = phase_day(&store, "council");
    let unpublished = approval::approve(&mut store, 1403, "جلسه", council).unwrap_err();
    assert_eq!(unpublished.code(), "evaluation.approval.not_published");
}

#[test]
fn publishing_needs_every_score_and_happens_once() {
    let (_dir, mut store) = year_until(Until::Objections);
    let published = phase_day(&store, "preliminary");
    let again = publish_preliminary(&mut store, 1403, published).unwrap_err();
    let festival = daftar::evaluation::festival::festival(store.conn(), 1403).unwrap_err();
    assert_eq!(festival.code(), "evaluation.approval.not_yet_approved");
    assert!(festival.to_string().starts_with("نتایج نهایی سال ۱۴۰۳ هنوز در شورای توسعهٔ مدیریت تصویب نشده است"));
    assert_eq!(again.code(), "evaluation.preliminary.already_published");
    let overview = view::overview(store.conn(), 1403, phase_day(&store, "objection").add_days(1)).unwrap();
    assert_eq!(overview.current_phase.as_deref(), Some("objection"));
    assert!(overview.todo.iter().any(|t| t.text == "۴ اعتراض منتظر تصمیم است."), "{:?}", overview.todo);
}

/// A returned self-assessment workbook of agency 101 with the cells changed by `edit`
/// (indicator, measure) -> (value, score, note).
fn self_workbook(store: &mut Store, dir: &Path, agency: &str, edit: &[(&str, &str, &str, &str)]) -> std::path::PathBuf {
    let sent = workbook::generate_workbooks(
        store,
        1403,
        workbook::Purpose::SelfAssessment,
        &dir.join("sent"),
        &[agency.to_string()],
    )
    .unwrap();
    let rows = daftar::evaluation::reply::read_tsv(&common::fixtures().join("src/evaluation/self-1403.tsv")).unwrap();
    let mut typed = daftar::evaluation::reply::typed_for(&rows, agency);
    for (indicator, value, score, note) in edit {
        typed.insert((indicator.to_string(), String::new()), (value.to_string(), score.to_string(), note.to_string()));
    }
    let path = dir.join(format!("returned-{agency}-{}.xlsx", edit.len()));
    daftar::evaluation::reply::write_reply(Path::new(&sent[0].path), &path, &typed).unwrap();
    path
}

#[test]
fn broken_self_assessments_are_refused_whole_with_each_cell_named() {
    let (dir, mut store) = common::demo_store();
    daftar::evaluation::create_year(&mut store, 1403, d(START), None).unwrap();
    catalog::import_catalog(&mut store, 1403, &common::fixtures().join("evaluation/catalog-1403.xlsx"), d(START))
        .unwrap();
    let day = phase_day(&store, "self_assessment");
    let import = |store: &mut Store, path: &Path| {
        let r = daftar::evaluation::intake::import_workbooks(
            store,
            1403,
            workbook::Purpose::SelfAssessment,
            &[path.to_path_buf()],
            day,
            &mut |_, _, _| {},
        )
        .unwrap();
        r.into_iter().next().unwrap()
    };
    // G08 is «امتیاز مستقیم» with a ceiling of 40 (fixtures/src/evaluation/indicators.tsv).
    let over = self_workbook(&mut store, dir.path(), "101", &[("G08", "", "۴۵", "گزارش")]);
    let negative = self_workbook(&mut store, dir.path(), "101", &[("G08", "", "-3", "گزارش"), ("G06", "", "", "")]);
    let no_evidence = self_workbook(
        &mut store,
        dir.path(),
        "101",
        &[("G08", "", "20", ""), ("G06", "", "", ""), ("G07", "", "", "")],
    );
    let before = file_bytes(&store);
    for (path, message) in [
        (&over, "امتیاز ۴۵٫۰۰ از سقف امتیاز این شاخص (۴۰٫۰۰) بیشتر است؛ امتیازی از ۰ تا ۴۰٫۰۰ بنویسید."),
        (&negative, "مقدار −۳ منفی است؛ امتیاز و مقدار عملکرد نمی‌توانند منفی باشند."),
        (
            &no_evidence,
            "برای امتیاز ۲۰٫۰۰ شاخص «G08» مستندات نوشته نشده است؛ مستندات را بنویسید یا امتیاز را خالی بگذارید.",
        ),
    ] {
        let result = import(&mut store, path);
        let refusal = result.refusal.expect("refused");
        assert_eq!(refusal.code, "evaluation.intake.invalid");
        assert!(refusal.details.iter().any(|d| d.ends_with(message)), "{:?}", refusal.details);
        assert!(
            refusal.details.iter().all(|d| d.starts_with("شاخص‌ها!")),
            "each problem names its cell: {:?}",
            refusal.details
        );
    }
    assert_eq!(file_bytes(&store), before, "a refused workbook changes nothing");

    // Another agency's workbook where 102's is expected is still 101's; another year is refused.
    let good = self_workbook(&mut store, dir.path(), "102", &[]);
    let ok = import(&mut store, &good);
    assert_eq!(ok.agency_code.as_deref(), Some("102"));
    assert!(ok.refusal.is_none(), "{:?}", ok.refusal);
    let same = import(&mut store, &good);
    assert_eq!(same.status, daftar::issued::IntakeStatus::Unchanged);

    let (other_dir, mut other) = common::demo_store();
    daftar::evaluation::create_year(&mut other, 1404, d("1405/01/15"), None).unwrap();
    catalog::import_catalog(
        &mut other,
        1404,
        &common::fixtures().join("evaluation/catalog-1403.xlsx"),
        d("1405/01/15"),
    )
    .unwrap();
    let sent = workbook::generate_workbooks(
        &mut other,
        1404,
        workbook::Purpose::SelfAssessment,
        &other_dir.path().join("s"),
        &["101".into()],
    )
    .unwrap();
    let foreign = import(&mut store, Path::new(&sent[0].path));
    assert_eq!(foreign.refusal.unwrap().code, "evaluation.intake.not_issued", "made by another province file");
    // The same file the wrong year: its identity names 1404.
    daftar::evaluation::create_year(&mut other, 1403, d(START), None).unwrap();
    let r = daftar::evaluation::intake::import_workbooks(
        &mut other,
        1403,
        workbook::Purpose::SelfAssessment,
        &[sent[0].path.clone().into()],
        day,
        &mut |_, _, _| {},
    );
    let wrong_year = r.unwrap_err();
    assert_eq!(wrong_year.code(), "evaluation.no_catalog");
}

#[test]
fn ceilings_that_do_not_add_up_are_refused_with_no_change() {
    let (dir, mut store) = common::demo_store();
    daftar::evaluation::create_year(&mut store, 1403, d(START), None).unwrap();
    // The fixture catalog with G01's ceiling raised by 5.
    let src = common::fixtures().join("src/evaluation");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, file) in [("محورها", "axes.tsv"), ("شاخص‌ها", "indicators.tsv"), ("سنجه‌ها", "measures.tsv")]
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        for (r, line) in text.lines().enumerate() {
            for (c, cell) in line.split('\t').enumerate() {
                let value = if file == "indicators.tsv" && r == 1 && c == 4 {
                    format!("{}", cell.parse::<f64>().unwrap() + 5.0)
                } else {
                    cell.to_string()
                };
                sheet.write_string(r as u32, c as u16, &value).unwrap();
            }
        }
    }
    let path = dir.path().join("catalog-bad.xlsx");
    workbook.save(&path).unwrap();
    let before = file_bytes(&store);
    let err = catalog::import_catalog(&mut store, 1403, &path, d(START)).unwrap_err();
    assert_eq!(err.code(), "evaluation.catalog.ceilings");
    assert_eq!(err.details(), ["مجموع سقف شاخص‌های عمومی ۱٬۰۰۵ است، نه ۱٬۰۰۰."]);
    assert_eq!(file_bytes(&store), before);
    assert!(matches!(catalog::catalog_of(store.conn(), 1403), Err(EvaluationError::NoCatalog { .. })));
}

#[test]
fn evaluator_departures_need_a_comment_and_closed_phases_refuse_changes() {
    let (_dir, mut store) = year_until(Until::Evaluated);
    let day = phase_day(&store, "evaluation");
    let self_score = view::agency_scores(store.conn(), 1403, "101")
        .unwrap()
        .into_iter()
        .find(|r| r.code == "G05")
        .unwrap()
        .self_score
        .unwrap();
    let low = ScoreInput::Points { points: (self_score - 20.0).max(0.0) };
    let err = scores::score_indicator(&mut store, 1403, "101", "G05", &low, "", day).unwrap_err();
    assert_eq!(err.code(), "evaluation.score.comment_required");
    scores::score_indicator(&mut store, 1403, "101", "G05", &low, "مستندات کافی نبود", day).unwrap();
    let council = phase_day(&store, "council");
    let closed = scores::score_indicator(&mut store, 1403, "101", "G05", &low, "x", council).unwrap_err();
    assert_eq!(closed.code(), "evaluation.phase_closed");
    let all = results(store.conn(), 1403, Basis::Preliminary).unwrap();
    assert_eq!(all.len(), 61);
    assert!(all.iter().all(|r| r.unscored == 0));
}

#[test]
fn the_festival_waits_until_every_approved_agency_has_a_group() {
    let (_dir, mut store) = year_until(Until::Objections);
    let agency = daftar::agencies::find(&store, "101").unwrap();
    let input = daftar::agencies::AgencyInput { group: None, ..agency.to_input() };
    daftar::agencies::edit(&mut store, "101", &input, Some("گروه در ادغام روشن نشده")).unwrap();
    let rescoring = phase_day(&store, "rescoring");
    for o in daftar::evaluation::objections::objections(store.conn(), 1403).unwrap() {
        if o.decision.is_none() {
            decide(&mut store, 1403, o.id, Decision::Rejected, None, "مستندات تازه‌ای نیامد", rescoring).unwrap();
        }
    }
    let council = phase_day(&store, "council");
    approval::approve(&mut store, 1403, "جلسهٔ ۳", council).unwrap();
    let refused = daftar::evaluation::festival::festival(store.conn(), 1403).unwrap_err();
    assert_eq!(refused.code(), "evaluation.festival.agencies_without_group");
    assert_eq!(refused.details(), vec![agency.name.clone()]);
    let blocker = view::overview(store.conn(), 1403, council).unwrap().actions.festival.blocker;
    assert_eq!(blocker, Some(refused.to_string()));
}
