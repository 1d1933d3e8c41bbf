//! A year of evaluation played from the fixtures (fixtures/src/evaluation): the office's
//! steps on the days of their phases, the agencies' and evaluators' workbooks filled in and
//! returned. The demo province, the integration tests and the benchmark use it.

use super::committees::{add_member, Committee, MemberInput, Role};
use super::objections::{decide, file_objection, objection_id, publish_preliminary, Decision};
use super::phases::phases;
use super::reply::{read_tsv, typed_for, write_reply};
use super::workbook::{generate_workbooks, Purpose};
use super::{approval, catalog, create_year, festival, intake, scores, EvaluationError};
use crate::fa::JalaliDate;
use crate::issued::IntakeStatus;
use crate::store::Store;
use std::path::{Path, PathBuf};

/// How far to play the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Until {
    /// Self-assessments and evaluator scores are in.
    Evaluated,
    /// Preliminary results published the day the preliminary phase starts; the fixture's
    /// objections filed and some decided the day after.
    Objections,
    /// Pending objections rejected, the council's approval, the festival's nominations.
    Festival,
}

/// The days between the start of the cycle and the preliminary phase with default lengths.
pub fn days_to_preliminary() -> i64 {
    super::phases::PHASES.iter().take_while(|(code, _, _)| *code != "preliminary").map(|(_, _, days)| days).sum()
}

fn fail(path: &Path, detail: impl ToString) -> EvaluationError {
    EvaluationError::Write { path: path.display().to_string(), detail: detail.to_string() }
}

/// Send one workbook per agency and import what comes back, filled from `table`.
fn round_trip(
    store: &mut Store,
    year: i32,
    purpose: Purpose,
    table: &Path,
    work: &Path,
    today: JalaliDate,
) -> Result<(), EvaluationError> {
    let sent = generate_workbooks(store, year, purpose, &work.join(purpose.as_str()), &[])?;
    let rows = read_tsv(table).map_err(|e| fail(table, e))?;
    let mut returned: Vec<PathBuf> = Vec::new();
    for workbook in &sent {
        let path = work.join(format!("returned-{}-{}.xlsx", purpose.as_str(), workbook.agency_code));
        write_reply(Path::new(&workbook.path), &path, &typed_for(&rows, &workbook.agency_code))
            .map_err(|e| fail(&path, e))?;
        returned.push(path);
    }
    let results = intake::import_workbooks(store, year, purpose, &returned, today, &mut |_, _, _| {})?;
    if let Some(refused) = results.iter().find(|r| r.status == IntakeStatus::Refused) {
        let e = refused.refusal.clone().unwrap_or_else(|| crate::AppError {
            code: String::new(),
            message: String::new(),
            details: vec![],
        });
        return Err(fail(Path::new(&refused.file_name), format!("{} {}", e.message, e.details.join(" | "))));
    }
    Ok(())
}

/// Play `year` from `start` (the circular) up to `until`, with the fixtures in `fixtures`.
/// `work` holds the workbooks sent and returned.
pub fn play_year(
    store: &mut Store,
    fixtures: &Path,
    year: i32,
    start: JalaliDate,
    until: Until,
    work: &Path,
) -> Result<(), EvaluationError> {
    let src = fixtures.join("src/evaluation");
    create_year(store, year, start, None)?;
    let day = |store: &Store, code: &str| -> Result<JalaliDate, EvaluationError> {
        let phase =
            phases(store.conn(), year, start)?.into_iter().find(|p| p.code == code).expect("every phase exists");
        Ok(JalaliDate::parse(&phase.starts_on).expect("phase dates are valid"))
    };
    approval::import_past_results(store, year - 1, &fixtures.join("evaluation/results-1402.xlsx"))?;
    catalog::import_catalog(store, year, &fixtures.join("evaluation/catalog-1403.xlsx"), day(store, "circular")?)?;
    let committees = src.join(format!("committees-{year}.tsv"));
    for row in read_tsv(&committees).map_err(|e| fail(&committees, e))? {
        let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
        let input = MemberInput {
            committee: Committee::parse(&cell(0)).unwrap_or(Committee::Secretariat),
            name: cell(1),
            position: cell(2),
            role: Role::parse(&cell(3)).unwrap_or(Role::Member),
            letter_date: cell(4),
            letter_number: cell(5),
        };
        add_member(store, year, &input, day(store, "committees")?)?;
    }
    round_trip(
        store,
        year,
        Purpose::SelfAssessment,
        &src.join(format!("self-{year}.tsv")),
        work,
        day(store, "self_assessment")?,
    )?;
    let hq_day = day(store, "hq_confirmation")?;
    let catalog = catalog::catalog_of(store.conn(), year)?;
    let agencies: Vec<String> = super::results::agency_refs(store.conn())?
        .into_iter()
        .map(|a| a.code)
        .filter(|code| catalog.of_agency(code).next().is_some())
        .collect();
    // Two headquarters have not answered yet in the demo's year.
    let unconfirmed = if until >= Until::Festival { 0 } else { 2 };
    for (n, code) in agencies.iter().enumerate().skip(unconfirmed) {
        scores::confirm_hq(store, year, code, hq_day, &format!("نامهٔ ستاد شمارهٔ {}/{}", year, 100 + n), hq_day)?;
    }
    round_trip(
        store,
        year,
        Purpose::Evaluator,
        &src.join(format!("evaluator-{year}.tsv")),
        work,
        day(store, "evaluation")?,
    )?;
    if until == Until::Evaluated {
        return Ok(());
    }
    let published = day(store, "preliminary")?;
    publish_preliminary(store, year, published)?;
    let next_day = published.add_days(1);
    let table = src.join(format!("objections-{year}.tsv"));
    let objections = read_tsv(&table).map_err(|e| fail(&table, e))?;
    for row in &objections {
        let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
        file_objection(store, year, &cell(0), &cell(1), &cell(2), &cell(3), next_day)?;
        if let Some(decision) = Decision::parse(&cell(4)) {
            let score = cell(5).parse::<f64>().ok();
            let id = objection_id(store.conn(), year, &cell(0), &cell(1))?;
            decide(store, year, id, decision, score, &cell(6), next_day)?;
        }
    }
    if until == Until::Objections {
        return Ok(());
    }
    let rescoring = day(store, "rescoring")?;
    for row in objections.iter().filter(|r| Decision::parse(r.get(4).map(String::as_str).unwrap_or("")).is_none()) {
        let id = objection_id(store.conn(), year, &row[0], &row[1])?;
        decide(store, year, id, Decision::Rejected, None, "مستند تازه‌ای همراه اعتراض نبود.", rescoring)?;
    }
    approval::approve(store, year, "جلسهٔ شمارهٔ ۳ شورای توسعهٔ مدیریت استان", day(store, "council")?)?;
    let festival_day = day(store, "festival")?;
    let table = src.join(format!("nominations-{year}.tsv"));
    for row in read_tsv(&table).map_err(|e| fail(&table, e))? {
        let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
        let nomination = festival::nominate(store, year, &cell(0), &cell(1), &cell(2), &cell(3), festival_day)?;
        if cell(4) == "بله" {
            festival::select(store, year, nomination.id, true, festival_day)?;
        }
    }
    Ok(())
}
