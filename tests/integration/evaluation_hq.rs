//! Seed step 9 on the fixtures: the national headquarters confirms an agency's self-assessment
//! and changes it, in a returned workbook or by its letter typed in the grid; every change is
//! listed with its before, after and reference. The evaluators wait for the confirmation when
//! the year's settings say so.

use crate::common;
use daftar::evaluation::hq::{self, HqChange};
use daftar::evaluation::intake::import_workbooks;
use daftar::evaluation::reply::{read_tsv, typed_for, write_reply};
use daftar::evaluation::scores::{self, Stage};
use daftar::evaluation::scoring::ScoreInput;
use daftar::evaluation::workbook::{generate_workbooks, Purpose};
use daftar::evaluation::{catalog, create_year, phases, settings_of, update_settings, view, EvaluationError};
use daftar::fa::JalaliDate;
use daftar::issued::IntakeStatus;
use daftar::store::Store;
use daftar::Problem;
use std::path::{Path, PathBuf};

const YEAR: i32 = 1403;
const EDUCATION: &str = "اداره کل آموزش و پرورش استان لرستان";
const UNIVERSITY: &str = "دانشگاه لرستان";

fn d(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

fn phase_day(store: &Store, code: &str) -> JalaliDate {
    let phase = phases::phases(store.conn(), YEAR, d("1404/01/15")).unwrap().into_iter().find(|p| p.code == code);
    d(&phase.unwrap().starts_on)
}

/// A year with new-year settings and its catalog, and the self-assessments of 101 and 102
/// from the fixtures imported.
fn self_assessed() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::demo_store();
    create_year(&mut store, YEAR, d("1404/01/15"), None).unwrap();
    catalog::import_catalog(
        &mut store,
        YEAR,
        &common::fixtures().join("evaluation/catalog-1403.xlsx"),
        d("1404/01/15"),
    )
    .unwrap();
    let returned: Vec<PathBuf> =
        ["101", "102"].iter().map(|a| returned(&mut store, dir.path(), Purpose::SelfAssessment, a, &[])).collect();
    let day = phase_day(&store, "self_assessment");
    let results =
        import_workbooks(&mut store, YEAR, Purpose::SelfAssessment, &returned, day, &mut |_, _, _| {}).unwrap();
    assert!(results.iter().all(|r| r.status == IntakeStatus::Imported), "{results:?}");
    (dir, store)
}

/// The `purpose` workbook of `agency` filled from the fixtures, with `edit` (indicator ->
/// (value, score, note)) typed over them.
fn returned(
    store: &mut Store,
    dir: &Path,
    purpose: Purpose,
    agency: &str,
    edit: &[(&str, &str, &str, &str)],
) -> PathBuf {
    let sent = generate_workbooks(store, YEAR, purpose, &dir.join("sent"), &[agency.to_string()]).unwrap();
    let table = if purpose == Purpose::SelfAssessment { "self-1403.tsv" } else { "evaluator-1403.tsv" };
    let rows = read_tsv(&common::fixtures().join("src/evaluation").join(table)).unwrap();
    let mut typed = typed_for(&rows, agency);
    for (indicator, value, score, note) in edit {
        typed.insert((indicator.to_string(), String::new()), (value.to_string(), score.to_string(), note.to_string()));
    }
    let path = dir.join(format!("returned-{}-{agency}-{}.xlsx", purpose.as_str(), edit.len()));
    write_reply(Path::new(&sent[0].path), &path, &typed).unwrap();
    path
}

fn self_score(store: &Store, agency: &str, indicator: &str) -> Option<f64> {
    let own = scores::current_scores(store.conn(), YEAR, Stage::SelfAssessment).unwrap();
    own.get(&(agency.to_string(), indicator.to_string())).map(|s| s.score)
}

/// A change as the listing shows it: agency, indicator, before, after, letter, from a workbook.
type Listed = (String, String, Option<f64>, Option<f64>, String, bool);

fn summary(changes: &[HqChange]) -> Vec<Listed> {
    changes
        .iter()
        .map(|c| {
            let (agency, indicator) = (c.agency_code.clone(), c.indicator_code.clone());
            (agency, indicator, c.before, c.after, c.reference.clone(), c.file_name.is_some())
        })
        .collect()
}

#[test]
fn the_headquarters_changes_are_recorded_with_before_after_and_reference() {
    let (dir, mut store) = self_assessed();
    let hq_day = phase_day(&store, "hq_confirmation");
    // The headquarters returns 101's workbook with G08 (points, ceiling 40; the agency said
    // 30.5) lowered to 26 and G01 as the agency had it.
    let from_hq = returned(&mut store, dir.path(), Purpose::SelfAssessment, "101", &[("G08", "", "26", "نامهٔ ستاد")]);
    let letter = "نامهٔ ستاد ۴۵۲۱/۵۹ مورخ ۱۴۰۴/۰۷/۲۸";

    // Refused, with nothing stored: no reference; another agency's workbook; outside the phase.
    let no_reference = hq::confirm(&mut store, YEAR, "101", hq_day, " ", Some(&from_hq), hq_day).unwrap_err();
    assert_eq!(no_reference.code(), "evaluation.hq.reference_required");
    let other = hq::confirm(&mut store, YEAR, "102", hq_day, letter, Some(&from_hq), hq_day).unwrap_err();
    assert_eq!(other.code(), "evaluation.hq.other_agency");
    assert!(other.to_string().contains(&format!("«{EDUCATION}» است، نه «{UNIVERSITY}»")), "{other}");
    let early = phase_day(&store, "self_assessment");
    let closed = hq::confirm(&mut store, YEAR, "101", early, letter, Some(&from_hq), early).unwrap_err();
    assert_eq!(closed.code(), "evaluation.phase_closed");
    assert!(hq::hq_changes(store.conn(), YEAR, None).unwrap().is_empty());
    assert!(scores::hq_confirmations(store.conn(), YEAR).unwrap().is_empty());
    assert_eq!(self_score(&store, "101", "G08"), Some(30.5));

    // Confirmed with the workbook: one change, G08 30.5 -> 26, and the confirmation.
    let done = hq::confirm(&mut store, YEAR, "101", hq_day, letter, Some(&from_hq), hq_day).unwrap();
    assert_eq!(done.workbook.as_ref().map(|w| (w.status, w.changed_scores)), Some((IntakeStatus::Imported, 1)));
    let want = ("101".to_string(), "G08".to_string(), Some(30.5), Some(26.0), letter.to_string(), true);
    assert_eq!(summary(&done.changes), vec![want.clone()]);
    assert_eq!(done.changes[0].indicator_title, "استقرار نظام جانشین‌پروری و توسعه شایستگی مدیران");
    assert_eq!(self_score(&store, "101", "G08"), Some(26.0));
    let history = scores::history(store.conn(), YEAR, "101", "G08", Stage::SelfAssessment).unwrap();
    assert_eq!(history.iter().map(|s| s.score).collect::<Vec<_>>(), vec![26.0, 30.5], "the agency's stays in history");
    assert_eq!(scores::hq_confirmations(store.conn(), YEAR).unwrap()["101"].reference, letter);

    // By a second letter typed in the grid: G08 to 28, evidence kept from the workbook.
    let second = "نامهٔ ستاد ۴۶۰۲/۵۹";
    let typed =
        hq::change_self_score(&mut store, YEAR, "101", "G08", &ScoreInput::Points { points: 28.0 }, "", second, hq_day)
            .unwrap()
            .expect("a change");
    assert_eq!((typed.before, typed.after, typed.file_name.is_none()), (Some(26.0), Some(28.0), true));
    // The same score again changes nothing and records nothing.
    let same =
        hq::change_self_score(&mut store, YEAR, "101", "G08", &ScoreInput::Points { points: 28.0 }, "", second, hq_day);
    assert_eq!(same.unwrap(), None);
    // A score over the ceiling, an indicator the agency does not have, and no letter are refused.
    let over =
        hq::change_self_score(&mut store, YEAR, "101", "G08", &ScoreInput::Points { points: 45.0 }, "", second, hq_day);
    assert_eq!(over.unwrap_err().code(), "evaluation.score.invalid");
    let unknown =
        hq::change_self_score(&mut store, YEAR, "101", "X99", &ScoreInput::Points { points: 1.0 }, "", second, hq_day);
    assert_eq!(unknown.unwrap_err().code(), "evaluation.unknown_indicator");
    let unsigned =
        hq::change_self_score(&mut store, YEAR, "101", "G08", &ScoreInput::Points { points: 20.0 }, "", "", hq_day);
    assert_eq!(unsigned.unwrap_err().code(), "evaluation.hq.reference_required");

    let all = hq::hq_changes(store.conn(), YEAR, None).unwrap();
    let second_row = ("101".to_string(), "G08".to_string(), Some(26.0), Some(28.0), second.to_string(), false);
    assert_eq!(summary(&all), vec![want, second_row]);
    assert!(hq::hq_changes(store.conn(), YEAR, Some("102")).unwrap().is_empty());
    let evidence = scores::current_scores(store.conn(), YEAR, Stage::SelfAssessment).unwrap();
    assert_eq!(evidence[&("101".to_string(), "G08".to_string())].evidence, "نامهٔ ستاد");
}

#[test]
fn evaluator_scoring_waits_for_the_headquarters_when_the_setting_says_so() {
    let (dir, mut store) = self_assessed();
    assert!(
        settings_of(store.conn(), YEAR).unwrap().evaluator_waits_for_hq,
        "on for a new year (seed step 9 before 13)"
    );
    let hq_day = phase_day(&store, "hq_confirmation");
    hq::confirm(&mut store, YEAR, "101", hq_day, "نامهٔ ستاد ۱۲/۴۵", None, hq_day).unwrap();
    let day = phase_day(&store, "evaluation");
    let points = ScoreInput::Points { points: 24.5 };

    let refused = scores::score_indicator(&mut store, YEAR, "102", "G08", &points, "", day).unwrap_err();
    assert!(matches!(&refused, EvaluationError::HqNotConfirmed { agency } if agency == UNIVERSITY), "{refused:?}");
    assert!(refused.to_string().starts_with(&format!("ستاد ملیِ «{UNIVERSITY}» هنوز خودارزیابی آن را تأیید نکرده است")));
    scores::score_indicator(&mut store, YEAR, "101", "G08", &ScoreInput::Points { points: 30.0 }, "", day).unwrap();

    // The agency's action in the overview shows the same refusal; the confirmed one is enabled.
    let overview = view::overview(store.conn(), YEAR, day).unwrap();
    let action = |code: &str| overview.agencies.iter().find(|a| a.code == code).unwrap().score.clone();
    assert_eq!(action("102").blocker, Some(refused.to_string()));
    assert!(action("101").enabled);

    // A returned evaluator workbook of 102 is refused the same way, and stores nothing.
    let workbook = returned(&mut store, dir.path(), Purpose::Evaluator, "102", &[]);
    let results =
        import_workbooks(&mut store, YEAR, Purpose::Evaluator, std::slice::from_ref(&workbook), day, &mut |_, _, _| {})
            .unwrap();
    assert_eq!(results[0].status, IntakeStatus::Refused);
    assert_eq!(results[0].refusal.as_ref().map(|e| e.message.clone()), Some(refused.to_string()));
    let evaluator = scores::current_scores(store.conn(), YEAR, Stage::Evaluator).unwrap();
    assert!(!evaluator.keys().any(|(agency, _)| agency == "102"));

    // With the setting off, the evaluators go on without the confirmation.
    let mut settings = settings_of(store.conn(), YEAR).unwrap();
    settings.evaluator_waits_for_hq = false;
    update_settings(&mut store, YEAR, &settings).unwrap();
    scores::score_indicator(&mut store, YEAR, "102", "G08", &points, "", day).unwrap();
    let results = import_workbooks(&mut store, YEAR, Purpose::Evaluator, &[workbook], day, &mut |_, _, _| {}).unwrap();
    assert_eq!(results[0].status, IntakeStatus::Imported, "{:?}", results[0].refusal);
    let overview = view::overview(store.conn(), YEAR, day).unwrap();
    assert!(overview.agencies.iter().all(|a| a.score.enabled));
}
