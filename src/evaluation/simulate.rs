//! A year of evaluation played from the fixtures (fixtures/src/evaluation): the office's
//! steps on the days of their phases, the agencies' and evaluators' workbooks filled in and
//! returned. The demo province, the integration tests and the benchmark use it.

use super::committees::{add_member, Committee, MemberInput, Role};
use super::lead_workbook::generate_lead_workbooks;
use super::leads::import_lead_workbooks;
use super::objections::{decide, file_objection, objection_id, publish_preliminary, Decision};
use super::phases::phases;
use super::reply::{read_tsv, typed_for, typed_for_lead, write_lead_reply, write_reply};
use super::workbook::{generate_workbooks, Purpose};
use super::{approval, catalog, create_year, festival, intake, scores, EvaluationError};
use crate::fa::JalaliDate;
use crate::issued::IntakeStatus;
use crate::store::Store;
use std::path::{Path, PathBuf};

/// How far to play the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Until {
    /// Self-assessments are in and the headquarters have confirmed them; the evaluators have not
    /// begun (the national system's transfer comes now).
    SelfAssessed,
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
    let play = Play { year, start, src: fixtures.join("src/evaluation") };
    // The demo's year leaves two headquarters unanswered while the evaluators score, so its
    // evaluators do not wait for the headquarters (seed step 9); a played-through year does.
    let settings = super::EvalSettings { evaluator_waits_for_hq: until >= Until::Festival, ..Default::default() };
    create_year(store, year, start, Some(settings))?;
    approval::import_past_results(store, year - 1, &fixtures.join("evaluation/results-1402.xlsx"))?;
    let circular = play.day(store, "circular")?;
    catalog::import_catalog(store, year, &fixtures.join("evaluation/catalog-1403.xlsx"), circular)?;
    play.add_committees(store)?;
    let self_file = play.src.join(format!("self-{year}.tsv"));
    round_trip(store, year, Purpose::SelfAssessment, &self_file, work, play.day(store, "self_assessment")?)?;
    play.confirm_hq(store, until)?;
    if until == Until::SelfAssessed {
        return Ok(());
    }
    play.leads_reply(store, work)?;
    let evaluator_file = play.src.join(format!("evaluator-{year}.tsv"));
    round_trip(store, year, Purpose::Evaluator, &evaluator_file, work, play.day(store, "evaluation")?)?;
    if until == Until::Evaluated {
        return Ok(());
    }
    let objections = play.publish_and_object(store)?;
    if until == Until::Objections {
        return Ok(());
    }
    play.reject_undecided(store, &objections)?;
    approval::approve(store, year, "جلسهٔ شمارهٔ ۳ شورای توسعهٔ مدیریت استان", play.day(store, "council")?)?;
    play.nominate(store)
}

/// A year being played on the first day of each phase, from the fixtures' tables in `src`.
struct Play {
    year: i32,
    start: JalaliDate,
    src: PathBuf,
}

impl Play {
    /// The first day of the phase `code`.
    fn day(&self, store: &Store, code: &str) -> Result<JalaliDate, EvaluationError> {
        let phase = phases(store.conn(), self.year, self.start)?
            .into_iter()
            .find(|p| p.code == code)
            .expect("every phase exists");
        Ok(JalaliDate::parse(&phase.starts_on).expect("phase dates are valid"))
    }

    fn table(&self, name: &str) -> Result<Vec<Vec<String>>, EvaluationError> {
        let path = self.src.join(format!("{name}-{}.tsv", self.year));
        read_tsv(&path).map_err(|e| fail(&path, e))
    }

    fn add_committees(&self, store: &mut Store) -> Result<(), EvaluationError> {
        for row in self.table("committees")? {
            let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
            let input = MemberInput {
                committee: Committee::parse(&cell(0)).unwrap_or(Committee::Secretariat),
                name: cell(1),
                position: cell(2),
                role: Role::parse(&cell(3)).unwrap_or(Role::Member),
                letter_date: cell(4),
                letter_number: cell(5),
            };
            add_member(store, self.year, &input, self.day(store, "committees")?)?;
        }
        Ok(())
    }

    /// The headquarters confirm each evaluated agency's self-assessment; in the demo's year two
    /// have not answered yet.
    fn confirm_hq(&self, store: &mut Store, until: Until) -> Result<(), EvaluationError> {
        let year = self.year;
        let hq_day = self.day(store, "hq_confirmation")?;
        let catalog = catalog::catalog_of(store.conn(), year)?;
        let agencies: Vec<String> = super::results::agency_refs(store.conn())?
            .into_iter()
            .map(|a| a.code)
            .filter(|code| catalog.of_agency(code).next().is_some())
            .collect();
        let unconfirmed = if until >= Until::Festival { 0 } else { 2 };
        for (n, code) in agencies.iter().enumerate().skip(unconfirmed) {
            scores::confirm_hq(store, year, code, hq_day, &format!("نامهٔ ستاد شمارهٔ {}/{}", year, 100 + n), hq_day)?;
        }
        Ok(())
    }

    /// Publish the preliminary results; the next day the objections are filed, and those the
    /// fixtures decide are decided. The objections' rows come back.
    fn publish_and_object(&self, store: &mut Store) -> Result<Vec<Vec<String>>, EvaluationError> {
        let year = self.year;
        let published = self.day(store, "preliminary")?;
        publish_preliminary(store, year, published)?;
        let next_day = published.add_days(1);
        let objections = self.table("objections")?;
        for row in &objections {
            let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
            file_objection(store, year, &cell(0), &cell(1), &cell(2), &cell(3), next_day)?;
            if let Some(decision) = Decision::parse(&cell(4)) {
                let score = cell(5).parse::<f64>().ok();
                let id = objection_id(store.conn(), year, &cell(0), &cell(1))?;
                decide(store, year, id, decision, score, &cell(6), next_day)?;
            }
        }
        Ok(objections)
    }

    /// What the fixtures leave undecided is rejected on the rescoring day.
    fn reject_undecided(&self, store: &mut Store, objections: &[Vec<String>]) -> Result<(), EvaluationError> {
        let rescoring = self.day(store, "rescoring")?;
        for row in objections.iter().filter(|r| Decision::parse(r.get(4).map(String::as_str).unwrap_or("")).is_none()) {
            let id = objection_id(store.conn(), self.year, &row[0], &row[1])?;
            decide(store, self.year, id, Decision::Rejected, None, "مستند تازه‌ای همراه اعتراض نبود.", rescoring)?;
        }
        Ok(())
    }

    /// Every lead agency gets its workbook on the headquarters' day; all but the last send it
    /// back with the evaluators' fixture values (the demo shows one lead yet to reply).
    fn leads_reply(&self, store: &mut Store, work: &Path) -> Result<(), EvaluationError> {
        let day = self.day(store, "hq_confirmation")?;
        let sent = generate_lead_workbooks(store, self.year, &work.join("lead"), &[])?;
        let rows = self.table("evaluator")?;
        let catalog = catalog::catalog_of(store.conn(), self.year)?;
        let mut returned = Vec::new();
        for workbook in sent.iter().take(sent.len().saturating_sub(1)) {
            let indicators: Vec<String> = catalog.of_lead(&workbook.agency_code).map(|i| i.code.clone()).collect();
            let path = work.join(format!("returned-lead-{}.xlsx", workbook.agency_code));
            write_lead_reply(Path::new(&workbook.path), &path, &typed_for_lead(&rows, &indicators))
                .map_err(|e| fail(&path, e))?;
            returned.push(path);
        }
        let results = import_lead_workbooks(store, self.year, &returned, day, &mut |_, _, _| {})?;
        match results.iter().find(|r| r.intake.status == IntakeStatus::Refused) {
            Some(r) => Err(fail(Path::new(&r.intake.file_name), format!("{:?}", r.intake.refusal))),
            None => Ok(()),
        }
    }

    fn nominate(&self, store: &mut Store) -> Result<(), EvaluationError> {
        let festival_day = self.day(store, "festival")?;
        for row in self.table("nominations")? {
            let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
            let nomination =
                festival::nominate(store, self.year, &cell(0), &cell(1), &cell(2), &cell(3), festival_day)?;
            if cell(4) == "بله" {
                festival::select(store, self.year, nomination.id, true, festival_day)?;
            }
        }
        Ok(())
    }
}
