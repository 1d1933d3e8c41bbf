//! `daftar eval …`: the performance evaluation of a year, the same operations as the app.

use crate::out::{date, open, some_refused, today_or, usage, usage_because, Failure, Out};
use clap::{Args, Subcommand};
use daftar::evaluation::committees::{self, Member, MemberInput};
use daftar::evaluation::festival::{self, Festival};
use daftar::evaluation::hq::{self, HqChange};
use daftar::evaluation::intake::{self, EvalIntakeResult};
use daftar::evaluation::leads;
use daftar::evaluation::national;
use daftar::evaluation::objections::{self, Objection};
use daftar::evaluation::phases::{self, Phase};
use daftar::evaluation::results::{self, AgencyResult};
use daftar::evaluation::view::{self, EvaluationOverview, ScoreRow};
use daftar::evaluation::{
    self as ev, approval, catalog, catalog::CatalogImportReport, scores, scoring::ScoreInput, transfer,
    workbook::EvalWorkbook, workbook::Purpose,
};
use daftar::fa::{self, format_decimal, parse_number, JalaliDate};
use daftar::issued::IntakeStatus;
use daftar::store::Store;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Start a year's evaluation: default settings and phases laid out from --start.
    Init {
        #[arg(long)]
        year: Option<i32>,
        /// The first day of the cycle (the circular), Jalali.
        #[arg(long)]
        start: String,
    },
    /// Where the year stands: phases, progress and what is left to do.
    Status(Year),
    /// Show the settings, or change them with --set key=value (e.g. objection_window_days=10).
    Settings {
        #[command(flatten)]
        year: Year,
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        /// Show the settings a new year starts with instead.
        #[arg(long, conflicts_with = "set")]
        defaults: bool,
    },
    /// The phases with their dates.
    Phases(Year),
    /// Move a phase's dates.
    PhaseDates {
        phase: String,
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        /// Move every later phase by as many days as this phase's end moved.
        #[arg(long)]
        shift_following: bool,
        #[command(flatten)]
        year: Year,
    },
    /// Open a phase outside its dates until --until, with a reason.
    ReopenPhase {
        phase: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        until: String,
        #[command(flatten)]
        year: Year,
    },
    /// The members of the secretariat and the steering committee.
    Committee(Year),
    /// Add a committee member.
    CommitteeAdd {
        #[command(flatten)]
        member: MemberArgs,
        #[command(flatten)]
        year: Year,
    },
    /// Correct a committee member (every field is given again).
    CommitteeEdit {
        id: i64,
        #[command(flatten)]
        member: MemberArgs,
        #[command(flatten)]
        year: Year,
    },
    /// Remove a committee member entered by mistake, with a reason.
    CommitteeRemove {
        id: i64,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        year: Year,
    },
    /// Start the year's committees with the members of the latest earlier year.
    CommitteeReuse(Year),
    /// Evaluator teams: their evaluators, agencies, workbooks and progress.
    #[command(subcommand)]
    Teams(crate::eval_teams::TeamsCommand),
    /// Import the year's indicator catalog (docs/formats/indicators.md).
    Catalog {
        xlsx: PathBuf,
        #[command(flatten)]
        year: Year,
    },
    /// Write one self-assessment (or evaluator) workbook per agency into --out.
    Workbooks {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "self")]
        purpose: PurposeArg,
        #[arg(long = "agency")]
        agencies: Vec<String>,
        #[command(flatten)]
        year: Year,
    },
    /// Import returned self-assessment (or evaluator) workbooks.
    Intake {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "self")]
        purpose: PurposeArg,
        #[command(flatten)]
        year: Year,
    },
    /// Record the national headquarters' confirmation of an agency's self-assessment (seed
    /// step 9), with the self-assessment workbook the headquarters returned, if any.
    Confirm {
        agency: String,
        /// The date of the confirmation (default: today).
        #[arg(long)]
        on: Option<String>,
        /// The headquarters' letter (number and date).
        #[arg(long, default_value = "")]
        reference: String,
        /// The self-assessment workbook as the headquarters returned it: its scores become
        /// the headquarters' changes.
        #[arg(long)]
        workbook: Option<PathBuf>,
        #[command(flatten)]
        year: Year,
    },
    /// The headquarters changes one self score by its letter (seed step 9).
    HqChange {
        agency: String,
        indicator: String,
        #[command(flatten)]
        input: InputArgs,
        /// The headquarters' letter (number and date).
        #[arg(long)]
        reference: String,
        /// Evidence of the new score (default: the agency's).
        #[arg(long, default_value = "")]
        evidence: String,
        #[command(flatten)]
        year: Year,
    },
    /// The changes the headquarters made to self-assessments: indicator, before, after, letter.
    HqChanges {
        #[arg(long)]
        agency: Option<String>,
        #[command(flatten)]
        year: Year,
    },
    /// The national system's transfer of self-assessments (seed steps 10–12,
    /// docs/formats/national-transfer.md); with --preview, each row beside the self-assessment
    /// in force and nothing stored.
    Transfer {
        xlsx: PathBuf,
        #[arg(long)]
        preview: bool,
        #[command(flatten)]
        year: Year,
    },
    /// The evaluator's score of one indicator of one agency.
    Score {
        agency: String,
        indicator: String,
        #[command(flatten)]
        input: InputArgs,
        #[arg(long, default_value = "")]
        comment: String,
        #[command(flatten)]
        year: Year,
    },
    /// An agency's indicators: self score, evaluator score, objection, final.
    Scores {
        agency: String,
        #[command(flatten)]
        year: Year,
    },
    /// Publish the preliminary results today; the objection window opens.
    Publish(Year),
    /// File an agency's objection to one indicator.
    Object {
        agency: String,
        indicator: String,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        evidence: String,
        #[command(flatten)]
        year: Year,
    },
    /// The objections and their decisions.
    Objections(Year),
    /// Decide an objection: accepted (with --score), partly (with --score and --reason) or rejected (with --reason).
    Decide {
        agency: String,
        indicator: String,
        #[arg(long)]
        decision: String,
        #[arg(long)]
        score: Option<String>,
        #[arg(long, default_value = "")]
        reason: String,
        #[command(flatten)]
        year: Year,
    },
    /// Totals, percent, tier, rank and growth of every agency.
    Results {
        /// The evaluator's scores only, before objections.
        #[arg(long)]
        preliminary: bool,
        #[command(flatten)]
        year: Year,
    },
    /// The council approves the final results; the year's scores lock.
    Approve {
        /// The council session (number and date).
        #[arg(long, default_value = "")]
        session: String,
        #[command(flatten)]
        year: Year,
    },
    /// Reopen the council's approval with a reason.
    Reopen {
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        year: Year,
    },
    /// Import an earlier year's final results (docs/formats/results.md), for growth.
    PastResults {
        xlsx: PathBuf,
        #[arg(long)]
        year: i32,
        /// Read and check the file and show what would be stored, without storing it.
        #[arg(long)]
        preview: bool,
    },
    /// Import the national tiering and the province's rank (docs/formats/results.md).
    National {
        xlsx: PathBuf,
        /// Read and check the file and show what would be stored, without storing it.
        #[arg(long)]
        preview: bool,
        #[command(flatten)]
        year: Year,
    },
    /// The national tiering as imported (seed step 17): each agency's national tier and rank
    /// and the province's rank among the provinces, or that it has not come yet.
    Tiering {
        #[command(flatten)]
        year: Year,
    },
    /// Write the approved final results for the national system.
    Export {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        year: Year,
    },
    /// Register a work team's nomination for the festival.
    Nominate {
        #[arg(long)]
        team: String,
        #[arg(long)]
        agency: String,
        #[arg(long)]
        project: String,
        #[arg(long, default_value = "")]
        summary: String,
        #[command(flatten)]
        year: Year,
    },
    /// Every nominated work team, selected or not.
    Nominations(Year),
    /// Select (or with --unselect, unselect) a nomination.
    Select {
        id: i64,
        #[arg(long)]
        unselect: bool,
        #[command(flatten)]
        year: Year,
    },
    /// The festival: group winners, the largest growth, the selected teams.
    Festival(Year),

    // Indicators measured by another agency (seed §8).
    /// The lead agencies (دستگاه سنجش) of the year's catalog and whether they have replied.
    Leads(Year),
    /// Write one workbook per lead agency (or only --lead), every agency a row, into --out.
    LeadWorkbooks {
        #[arg(long)]
        out: PathBuf,
        #[arg(long = "lead")]
        leads: Vec<String>,
        #[command(flatten)]
        year: Year,
    },
    /// Take in returned lead workbooks: the agencies' lead scores (and, by the setting
    /// lead_score_as_evaluator, the evaluators' scores).
    LeadIntake {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        year: Year,
    },
}

#[derive(Args)]
pub struct MemberArgs {
    /// secretariat | steering (or «دبیرخانه جشنواره» / «کمیته راهبری»).
    #[arg(long)]
    committee: String,
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    position: String,
    /// chair | secretary | member (or رئیس / دبیر / عضو).
    #[arg(long, default_value = "member")]
    role: String,
    #[arg(long)]
    letter_date: String,
    #[arg(long, default_value = "")]
    letter_number: String,
}

#[derive(Args)]
pub struct Year {
    /// Jalali year evaluated (default: the file's working year).
    #[arg(long)]
    year: Option<i32>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PurposeArg {
    #[value(name = "self")]
    SelfAssessment,
    Evaluator,
}

impl From<PurposeArg> for Purpose {
    fn from(p: PurposeArg) -> Self {
        match p {
            PurposeArg::SelfAssessment => Purpose::SelfAssessment,
            PurposeArg::Evaluator => Purpose::Evaluator,
        }
    }
}

#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct InputArgs {
    /// The actual value (indicators scored against a target).
    #[arg(long)]
    actual: Option<String>,
    /// The score itself, 0 to the ceiling.
    #[arg(long)]
    points: Option<String>,
    #[arg(long)]
    yes: bool,
    #[arg(long)]
    no: bool,
    /// A measure's percent achieved, e.g. M1=80 (repeat for each measure).
    #[arg(long = "measure", value_name = "CODE=PERCENT")]
    measures: Vec<String>,
}

fn number(text: &str) -> Result<f64, Failure> {
    parse_number(text).map_err(|e| usage(&e.to_string()))
}

impl InputArgs {
    fn input(&self) -> Result<ScoreInput, Failure> {
        if let Some(a) = &self.actual {
            return Ok(ScoreInput::Actual { actual: number(a)? });
        }
        if let Some(p) = &self.points {
            return Ok(ScoreInput::Points { points: number(p)? });
        }
        if self.yes || self.no {
            return Ok(ScoreInput::YesNo { yes: self.yes });
        }
        let mut percents = Vec::new();
        for m in &self.measures {
            let (code, value) = m.split_once('=').ok_or_else(|| usage(&format!("«{m}» را به شکل M1=80 بنویسید.")))?;
            percents.push((code.trim().to_ascii_uppercase(), number(value)?));
        }
        Ok(ScoreInput::Measures { percents })
    }
}

fn n2(v: f64) -> String {
    format_decimal(v, 2)
}

/// The province file, the year a command works on when it is not given, and the day the
/// phases are judged by.
struct Eval<'a> {
    store: Store,
    working_year: i32,
    today: JalaliDate,
    out: &'a Out,
}

pub fn run(
    command: EvalCommand,
    file: &Option<PathBuf>,
    today: Option<&str>,
    actor: &str,
    out: &Out,
) -> Result<(), Failure> {
    let today = today_or(today)?;
    let store = open(file, actor)?;
    let working_year = store.province()?.working_year;
    let mut eval = Eval { store, working_year, today, out };
    let result = eval.run(command);
    // A backup before an approval or an intake that a folder did not take.
    crate::out::warn_all(&mut eval.store);
    result
}

impl Eval<'_> {
    fn year(&self, year: &Year) -> i32 {
        year.year.unwrap_or(self.working_year)
    }

    fn run(&mut self, command: EvalCommand) -> Result<(), Failure> {
        use EvalCommand as C;
        match command {
            C::Init { year, start } => self.init(year.unwrap_or(self.working_year), &start),
            C::Status(year) => self.status(self.year(&year)),
            C::Settings { defaults: true, .. } => {
                let d = ev::EvalSettings::default();
                self.out.print(&d, || serde_json::to_string_pretty(&d).expect("serializable"));
                Ok(())
            }
            C::Settings { year, set, .. } => self.settings(self.year(&year), &set),
            C::Phases(year) => self.phases(self.year(&year)),
            C::PhaseDates { phase, start, end, shift_following, year } => {
                self.phase_dates(self.year(&year), &phase, &start, &end, shift_following)
            }
            C::ReopenPhase { phase, reason, until, year } => {
                self.reopen_phase(self.year(&year), &phase, &reason, &until)
            }
            C::Committee(year) => self.committee(self.year(&year)),
            C::CommitteeAdd { member, year } => self.committee_add(self.year(&year), &member.input()?),
            C::CommitteeEdit { id, member, year } => self.committee_edit(self.year(&year), id, &member.input()?),
            C::CommitteeRemove { id, reason, year } => self.committee_remove(self.year(&year), id, &reason),
            C::CommitteeReuse(year) => self.committee_reuse(self.year(&year)),
            C::Teams(command) => {
                crate::eval_teams::run(&mut self.store, self.working_year, self.today, self.out, command)
            }
            C::Catalog { xlsx, year } => self.catalog(self.year(&year), &xlsx),
            C::Workbooks { out: dir, purpose, agencies, year } => {
                self.workbooks(self.year(&year), purpose.into(), &dir, &agencies)
            }
            C::Intake { files, purpose, year } => self.intake(self.year(&year), purpose.into(), &files),
            C::Confirm { agency, on, reference, workbook, year } => {
                self.confirm(self.year(&year), &agency, on, &reference, workbook.as_deref())
            }
            C::HqChange { agency, indicator, input, reference, evidence, year } => {
                self.hq_change(self.year(&year), &agency, &indicator, &input.input()?, &evidence, &reference)
            }
            C::HqChanges { agency, year } => self.hq_changes(self.year(&year), agency.as_deref()),
            C::Transfer { xlsx, preview, year } => self.transfer(self.year(&year), &xlsx, preview),
            C::Score { agency, indicator, input, comment, year } => {
                self.score(self.year(&year), &agency, &indicator, &input.input()?, &comment)
            }
            C::Scores { agency, year } => self.scores(self.year(&year), &agency),
            C::Publish(year) => self.publish(self.year(&year)),
            C::Object { agency, indicator, reason, evidence, year } => {
                self.object(self.year(&year), &agency, &indicator, &reason, &evidence)
            }
            C::Objections(year) => self.objections(self.year(&year)),
            C::Decide { agency, indicator, decision, score, reason, year } => {
                self.decide(self.year(&year), &agency, &indicator, &decision, score.as_deref(), &reason)
            }
            C::Results { preliminary, year } => self.results(self.year(&year), preliminary),
            C::Approve { session, year } => self.approve(self.year(&year), &session),
            C::Reopen { reason, year } => self.reopen(self.year(&year), &reason),
            C::PastResults { xlsx, year, preview } => self.past_results(year, &xlsx, preview),
            C::National { xlsx, preview, year } => self.national(self.year(&year), &xlsx, preview),
            C::Export { out: path, year } => self.export(self.year(&year), &path),
            C::Tiering { year } => self.tiering(self.year(&year)),
            C::Nominate { team, agency, project, summary, year } => {
                self.nominate(self.year(&year), &team, &agency, &project, &summary)
            }
            C::Nominations(year) => self.nominations(self.year(&year)),
            C::Select { id, unselect, year } => self.select(self.year(&year), id, unselect),
            C::Festival(year) => self.festival(self.year(&year)),
            C::Leads(year) => self.leads(self.year(&year)),
            C::LeadWorkbooks { out: dir, leads, year } => self.lead_workbooks(self.year(&year), &dir, &leads),
            C::LeadIntake { files, year } => self.lead_intake(self.year(&year), &files),
        }
    }

    fn init(&mut self, year: i32, start: &str) -> Result<(), Failure> {
        let start = date(start)?;
        let settings = ev::create_year(&mut self.store, year, start, None)?;
        self.out.print(&settings, || format!("ارزیابی سال {} آغاز شد؛ مرحله‌ها از {start} چیده شدند.", fa::int(year)));
        Ok(())
    }

    fn status(&mut self, year: i32) -> Result<(), Failure> {
        let o = view::overview(self.store.conn(), year, self.today)?;
        self.out.print(&o, || status_text(&o));
        Ok(())
    }

    /// Show the settings; with `set` (key=value pairs) change them first.
    fn settings(&mut self, year: i32, set: &[String]) -> Result<(), Failure> {
        let mut settings = ev::settings_of(self.store.conn(), year)?;
        if !set.is_empty() {
            let mut json = serde_json::to_value(&settings).expect("settings serialize");
            for pair in set {
                let (key, value) =
                    pair.split_once('=').ok_or_else(|| usage(&format!("«{pair}» را به شکل کلید=مقدار بنویسید.")))?;
                let slot = json.get_mut(key.trim()).ok_or_else(|| usage(&format!("تنظیمی با نام «{key}» نیست.")))?;
                *slot = serde_json::from_str(value.trim())
                    .unwrap_or_else(|_| serde_json::Value::String(value.trim().to_string()));
            }
            settings = serde_json::from_value(json).map_err(|e| {
                usage_because(
                    "تنظیمات خوانده نشد؛ هر مقدار باید از نوع همان تنظیم باشد (عدد، متن یا فهرست).",
                    e.to_string(),
                )
            })?;
            ev::update_settings(&mut self.store, year, &settings)?;
        }
        self.out.print(&settings, || serde_json::to_string_pretty(&settings).expect("serializable"));
        Ok(())
    }

    fn phases(&mut self, year: i32) -> Result<(), Failure> {
        let list = phases::phases(self.store.conn(), year, self.today)?;
        self.out.print(&list, || list.iter().map(phase_line).collect::<Vec<_>>().join("\n"));
        Ok(())
    }

    fn phase_dates(&mut self, year: i32, phase: &str, start: &str, end: &str, shift: bool) -> Result<(), Failure> {
        phases::set_dates(&mut self.store, year, phase, date(start)?, date(end)?, shift)?;
        self.out.print(&phase, || format!("تاریخ‌های مرحلهٔ «{}» به‌روز شد.", phases::phase_title(phase)));
        Ok(())
    }

    fn reopen_phase(&mut self, year: i32, phase: &str, reason: &str, until: &str) -> Result<(), Failure> {
        let until = date(until)?;
        phases::reopen(&mut self.store, year, phase, reason, until, self.today)?;
        self.out.print(&phase, || format!("مرحلهٔ «{}» تا {until} باز شد.", phases::phase_title(phase)));
        Ok(())
    }

    fn committee(&mut self, year: i32) -> Result<(), Failure> {
        let list = committees::members(self.store.conn(), year)?;
        self.out.print(&list, || list.iter().map(member_line).collect::<Vec<_>>().join("\n"));
        Ok(())
    }

    fn committee_add(&mut self, year: i32, input: &MemberInput) -> Result<(), Failure> {
        let m = committees::add_member(&mut self.store, year, input, self.today)?;
        self.out.print(&m, || format!("افزوده شد: {} ({})", m.name, m.committee.persian()));
        Ok(())
    }

    fn committee_edit(&mut self, year: i32, id: i64, input: &MemberInput) -> Result<(), Failure> {
        let m = committees::edit_member(&mut self.store, year, id, input, self.today)?;
        self.out.print(&m, || format!("به‌روز شد: {} ({})", m.name, m.committee.persian()));
        Ok(())
    }

    fn committee_remove(&mut self, year: i32, id: i64, reason: &str) -> Result<(), Failure> {
        committees::remove_member(&mut self.store, year, id, reason, self.today)?;
        self.out.print(&id, || format!("عضو شمارهٔ {} برداشته شد.", fa::int(id)));
        Ok(())
    }

    fn committee_reuse(&mut self, year: i32) -> Result<(), Failure> {
        let list = committees::reuse_members(&mut self.store, year, self.today)?;
        self.out
            .print(&list, || format!("{} عضو از سال پیش برای سال {} ثبت شد.", fa::count(list.len()), fa::int(year)));
        Ok(())
    }

    fn catalog(&mut self, year: i32, xlsx: &Path) -> Result<(), Failure> {
        let r = catalog::import_catalog(&mut self.store, year, xlsx, self.today)?;
        self.out.print(&r, || catalog_text(&r));
        Ok(())
    }

    fn workbooks(&mut self, year: i32, purpose: Purpose, dir: &Path, agencies: &[String]) -> Result<(), Failure> {
        let written = ev::workbook::generate_workbooks(&mut self.store, year, purpose, dir, agencies)?;
        self.out.print(&written, || workbooks_text(&written, dir));
        Ok(())
    }

    /// Exit 2 when a workbook was refused.
    fn intake(&mut self, year: i32, purpose: Purpose, files: &[PathBuf]) -> Result<(), Failure> {
        let mut progress = self.out.progress();
        let results = intake::import_workbooks(&mut self.store, year, purpose, files, self.today, &mut progress)?;
        self.out.print(&results, || results.iter().flat_map(intake_lines).collect::<Vec<_>>().join("\n"));
        if results.iter().any(|r| r.status == IntakeStatus::Refused) {
            return Err(some_refused("evaluation.intake.refused"));
        }
        Ok(())
    }

    fn confirm(
        &mut self,
        year: i32,
        agency: &str,
        on: Option<String>,
        reference: &str,
        workbook: Option<&Path>,
    ) -> Result<(), Failure> {
        let on = match on {
            Some(d) => date(&d)?,
            None => self.today,
        };
        let done = hq::confirm(&mut self.store, year, agency, on, reference, workbook, self.today)?;
        self.out.print(&done, || {
            let mut lines =
                vec![format!("تأیید ستاد ملی برای دستگاه {} در {} ثبت شد.", fa::code(&done.agency_code), on)];
            lines.extend(done.workbook.iter().flat_map(intake_lines));
            lines.extend(done.changes.iter().map(hq_change_line));
            lines.join("\n")
        });
        Ok(())
    }

    fn hq_change(
        &mut self,
        year: i32,
        agency: &str,
        indicator: &str,
        input: &ScoreInput,
        evidence: &str,
        reference: &str,
    ) -> Result<(), Failure> {
        let change =
            hq::change_self_score(&mut self.store, year, agency, indicator, input, evidence, reference, self.today)?;
        self.out.print(&change, || match &change {
            Some(c) => hq_change_line(c),
            None => format!("امتیاز خودارزیابی شاخص «{indicator}» همین بود؛ تغییری ثبت نشد."),
        });
        Ok(())
    }

    fn hq_changes(&mut self, year: i32, agency: Option<&str>) -> Result<(), Failure> {
        let changes = hq::hq_changes(self.store.conn(), year, agency)?;
        self.out.print(&changes, || {
            if changes.is_empty() {
                return "ستاد ملی هیچ دستگاهی خودارزیابی آن را تغییر نداده است.".to_string();
            }
            changes.iter().map(hq_change_line).collect::<Vec<_>>().join("\n")
        });
        Ok(())
    }

    fn score(
        &mut self,
        year: i32,
        agency: &str,
        indicator: &str,
        input: &ScoreInput,
        comment: &str,
    ) -> Result<(), Failure> {
        let s = scores::score_indicator(&mut self.store, year, agency, indicator, input, comment, self.today)?;
        self.out.print(&s, || format!("امتیاز ارزیاب شاخص «{indicator}»: {}", n2(s.score)));
        Ok(())
    }

    fn scores(&mut self, year: i32, agency: &str) -> Result<(), Failure> {
        let rows = view::agency_scores(self.store.conn(), year, agency)?;
        self.out.print(&rows, || rows.iter().map(score_line).collect::<Vec<_>>().join("\n"));
        Ok(())
    }

    fn publish(&mut self, year: i32) -> Result<(), Failure> {
        let p = objections::publish_preliminary(&mut self.store, year, self.today)?;
        self.out.print(&p, || {
            format!(
                "نتایج اولیه در {} اعلام شد؛ مهلت اعتراض از {} تا {}.",
                p.published_on, p.window_opens, p.window_closes
            )
        });
        Ok(())
    }

    fn object(
        &mut self,
        year: i32,
        agency: &str,
        indicator: &str,
        reason: &str,
        evidence: &str,
    ) -> Result<(), Failure> {
        let o = objections::file_objection(&mut self.store, year, agency, indicator, reason, evidence, self.today)?;
        self.out.print(&o, || {
            format!("اعتراض شمارهٔ {} ثبت شد: {} — شاخص «{}».", fa::int(o.id), o.agency_name, o.indicator_code)
        });
        Ok(())
    }

    fn objections(&mut self, year: i32) -> Result<(), Failure> {
        let list = objections::objections(self.store.conn(), year)?;
        self.out.print(&list, || list.iter().map(objection_line).collect::<Vec<_>>().join("\n"));
        Ok(())
    }

    fn decide(
        &mut self,
        year: i32,
        agency: &str,
        indicator: &str,
        decision: &str,
        score: Option<&str>,
        reason: &str,
    ) -> Result<(), Failure> {
        let decision = objections::Decision::parse(decision)
            .ok_or_else(|| usage("تصمیم را accepted، partly یا rejected بنویسید."))?;
        let score = score.map(number).transpose()?;
        let id = objections::objection_id(self.store.conn(), year, agency, indicator)?;
        let o = objections::decide(&mut self.store, year, id, decision, score, reason, self.today)?;
        self.out.print(&o, || {
            format!("تصمیم دربارهٔ اعتراض {} — شاخص «{}»: {}", o.agency_name, o.indicator_code, decision.persian())
        });
        Ok(())
    }

    fn results(&mut self, year: i32, preliminary: bool) -> Result<(), Failure> {
        let rows = if preliminary {
            results::results(self.store.conn(), year, results::Basis::Preliminary)?
        } else {
            view::results_view(self.store.conn(), year)?.rows
        };
        let national = national::national_tiering(self.store.conn(), year)?;
        self.out.print(&rows, || {
            let mut lines = vec!["رتبه\tکد\tدستگاه\tعمومی\tاختصاصی\tکل\tدرصد\tسطح\tرتبه در گروه".to_string()];
            lines.extend(rows.iter().map(|r| match national.of(&r.agency.code) {
                Some(_) => format!("{}\t{}", result_line(r), national.agency_text(&r.agency.code)),
                None => result_line(r),
            }));
            lines.push(format!("سطح‌بندی ملی: {}", national.province_text));
            lines.join("\n")
        });
        Ok(())
    }

    fn approve(&mut self, year: i32, session: &str) -> Result<(), Failure> {
        let a = approval::approve(&mut self.store, year, session, self.today)?;
        self.out.print(&a, || {
            format!(
                "نتایج نهایی تصویب شد (نسخهٔ {}، رمز {}…)؛ امتیازها قفل شدند.",
                fa::int(a.version),
                &a.content_hash[..12]
            )
        });
        Ok(())
    }

    fn reopen(&mut self, year: i32, reason: &str) -> Result<(), Failure> {
        approval::reopen(&mut self.store, year, reason)?;
        self.out.print(&reason, || "تصویب بازگشایی شد؛ پس از تغییرها دوباره تصویب کنید.".to_string());
        Ok(())
    }

    fn past_results(&mut self, year: i32, xlsx: &Path, preview: bool) -> Result<(), Failure> {
        if preview {
            let p = approval::read_past_results(self.store.conn(), year, xlsx)?;
            self.out.print(&p, || past_results_text(&p));
            return Ok(());
        }
        let count = approval::import_past_results(&mut self.store, year, xlsx)?;
        self.out.print(&count, || format!("نتایج نهایی سال {} برای {} دستگاه وارد شد.", fa::int(year), fa::int(count)));
        Ok(())
    }

    fn national(&mut self, year: i32, xlsx: &Path, preview: bool) -> Result<(), Failure> {
        if preview {
            let p = approval::read_national(self.store.conn(), year, xlsx, self.today)?;
            self.out.print(&p, || national_text(&p));
            return Ok(());
        }
        let count = approval::import_national(&mut self.store, year, xlsx, self.today)?;
        self.out.print(&count, || format!("سطح‌بندی ملی {} دستگاه وارد شد.", fa::int(count)));
        Ok(())
    }

    fn transfer(&mut self, year: i32, xlsx: &Path, preview: bool) -> Result<(), Failure> {
        if preview {
            let p = transfer::preview_transfer(self.store.conn(), year, xlsx, self.today)?;
            self.out.print(&p, || transfer_text(&p));
            return Ok(());
        }
        let r = transfer::import_transfer(&mut self.store, year, xlsx, self.today)?;
        self.out.print(&r, || {
            format!(
                "«{}» از سامانهٔ ملی وارد شد: {} امتیاز خودارزیابی تازه، {} امتیاز تغییرکرده (نسخهٔ پیشین در سابقه می‌ماند)، {} ردیف بی‌تغییر.",
                r.file,
                fa::int(r.new_scores),
                fa::int(r.changed_scores),
                fa::int(r.unchanged)
            )
        });
        Ok(())
    }

    fn tiering(&mut self, year: i32) -> Result<(), Failure> {
        let t = national::national_tiering(self.store.conn(), year)?;
        self.out.print(&t, || {
            let mut lines: Vec<String> = t
                .agencies
                .iter()
                .map(|a| format!("{}\t{}\t{}", fa::code(&a.agency_code), a.tier, t.rank_text(&a.agency_code)))
                .collect();
            lines.push(t.province_text.clone());
            lines.join("\n")
        });
        Ok(())
    }

    fn export(&mut self, year: i32, path: &Path) -> Result<(), Failure> {
        let count = approval::export_national(&self.store, year, path)?;
        self.out.print(&path.display().to_string(), || {
            format!("نتایج نهایی {} دستگاه در {} نوشته شد.", fa::int(count), path.display())
        });
        Ok(())
    }

    fn nominate(&mut self, year: i32, team: &str, agency: &str, project: &str, summary: &str) -> Result<(), Failure> {
        let n = festival::nominate(&mut self.store, year, team, agency, project, summary, self.today)?;
        self.out.print(&n, || format!("نامزد شمارهٔ {} ثبت شد: {} ({})", fa::int(n.id), n.team, n.agency_name));
        Ok(())
    }

    fn nominations(&mut self, year: i32) -> Result<(), Failure> {
        let list = festival::nominations(self.store.conn(), year)?;
        self.out.print(&list, || {
            list.iter()
                .map(|n| {
                    let mark = if n.selected { "برگزیده" } else { "نامزد" };
                    format!("{}\t{mark}\t{}\t{}\t{}", fa::int(n.id), n.team, n.agency_name, n.project)
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        Ok(())
    }

    fn select(&mut self, year: i32, id: i64, unselect: bool) -> Result<(), Failure> {
        festival::select(&mut self.store, year, id, !unselect, self.today)?;
        self.out.print(&id, || {
            let what = if unselect { "از برگزیدگان بیرون رفت" } else { "برگزیده شد" };
            format!("نامزد شمارهٔ {} {what}.", fa::int(id))
        });
        Ok(())
    }

    fn festival(&mut self, year: i32) -> Result<(), Failure> {
        let f = festival::festival(self.store.conn(), year)?;
        self.out.print(&f, || festival_text(&f));
        Ok(())
    }

    fn leads(&mut self, year: i32) -> Result<(), Failure> {
        let catalog = catalog::catalog_of(self.store.conn(), year)?;
        let leads = leads::lead_statuses(self.store.conn(), year, &catalog)?;
        self.out.print(&leads, || leads.iter().map(lead_line).collect::<Vec<_>>().join("\n"));
        Ok(())
    }

    fn lead_workbooks(&mut self, year: i32, dir: &Path, leads: &[String]) -> Result<(), Failure> {
        let written = ev::lead_workbook::generate_lead_workbooks(&mut self.store, year, dir, leads)?;
        self.out.print(&written, || workbooks_text(&written, dir));
        Ok(())
    }

    /// Exit 2 when a workbook was refused.
    fn lead_intake(&mut self, year: i32, files: &[PathBuf]) -> Result<(), Failure> {
        let mut progress = self.out.progress();
        let results = leads::import_lead_workbooks(&mut self.store, year, files, self.today, &mut progress)?;
        self.out.print(&results, || results.iter().flat_map(lead_intake_lines).collect::<Vec<_>>().join("\n"));
        if results.iter().any(|r| r.intake.status == IntakeStatus::Refused) {
            return Err(some_refused("evaluation.intake.refused"));
        }
        Ok(())
    }
}

fn lead_line(l: &leads::LeadStatus) -> String {
    let reply = match (&l.replied_at, l.issued) {
        (Some(at), _) => format!("پاسخ داده ({at})، {} امتیاز", fa::int(l.scored)),
        (None, true) => "کارپوشه فرستاده شده، پاسخ نداده".into(),
        (None, false) => "کارپوشه هنوز ساخته نشده".into(),
    };
    format!("{}\t{}\t{}\t{} ردیف\t{reply}", l.code, l.name, l.indicators.join("، "), fa::int(l.asked))
}

fn lead_intake_lines(r: &leads::LeadIntakeResult) -> Vec<String> {
    let mut lines = intake_lines(&r.intake);
    if r.evaluator_scores > 0 {
        lines.push(format!("  {} امتیاز ارزیاب از امتیاز دستگاه سنجش ثبت شد.", fa::int(r.evaluator_scores)));
    }
    lines
}

impl MemberArgs {
    fn input(self) -> Result<MemberInput, Failure> {
        Ok(MemberInput {
            committee: committees::Committee::parse(&self.committee)
                .ok_or_else(|| usage("کارگروه را secretariat یا steering بنویسید."))?,
            name: self.name,
            position: self.position,
            role: committees::Role::parse(&self.role)
                .ok_or_else(|| usage("نقش را chair، secretary یا member بنویسید."))?,
            letter_date: self.letter_date,
            letter_number: self.letter_number,
        })
    }
}

fn status_text(o: &EvaluationOverview) -> String {
    let mut lines = vec![format!("ارزیابی سال {} — امروز {}", fa::int(o.year), o.today)];
    if let Some(p) = o.phases.iter().rev().find(|p| p.current) {
        lines.push(format!("مرحلهٔ کنونی: {} ({} تا {})", p.title, p.starts_on, p.ends_on));
    }
    lines.push(format!(
        "شاخص‌ها: {} عمومی، {} اختصاصی، {} توسعه‌ای؛ {} دستگاه.",
        fa::int(o.general),
        fa::int(o.specific),
        fa::int(o.development),
        fa::count(o.agencies.len())
    ));
    if !o.leads.is_empty() {
        let replied = o.leads.iter().filter(|l| l.replied_at.is_some()).count();
        lines.push(format!("دستگاه‌های سنجش: {} پاسخ داده‌اند.", fa::of(replied, o.leads.len())));
    }
    if o.locked {
        lines.push("نتایج تصویب شده و قفل است.".into());
    }
    lines.extend(o.todo.iter().map(|t| format!("مانده: {}", t.text)));
    lines.join("\n")
}

fn phase_line(p: &Phase) -> String {
    let mark = if p.current {
        "◀ "
    } else if p.open {
        "باز "
    } else {
        ""
    };
    format!("{mark}{}\t{}\t{} تا {}", p.code, p.title, p.starts_on, p.ends_on)
}

fn member_line(m: &Member) -> String {
    format!(
        "{}\t{}\t{}\t{}\tابلاغ {} شمارهٔ {}",
        m.committee.persian(),
        m.role.persian(),
        m.name,
        m.position,
        m.letter_date,
        fa::to_persian_digits(&m.letter_number)
    )
}

/// What a past-results file would store, one agency a line, and what it replaces.
fn past_results_text(p: &approval::PastResultsPreview) -> String {
    let mut lines: Vec<String> = p
        .rows
        .iter()
        .map(|r| {
            format!("{}\t{}\t{}\t{}٪\t{}", fa::code(&r.agency_code), r.agency_name, n2(r.total), n2(r.percent), r.tier)
        })
        .collect();
    lines.push(format!(
        "«{}»: نتایج سال {} برای {} دستگاه وارد می‌شود؛ {} ردیفِ پیشینِ این سال جایگزین می‌شود. چیزی نوشته نشد.",
        p.file,
        fa::int(p.year),
        fa::count(p.rows.len()),
        fa::int(p.replaces)
    ));
    lines.join("\n")
}

fn national_text(p: &approval::NationalPreview) -> String {
    let mut lines: Vec<String> = p
        .rows
        .iter()
        .map(|r| {
            let rank = r.rank.map(fa::int).unwrap_or_else(|| "—".into());
            format!("{}\t{}\t{}\t{rank}", fa::code(&r.agency_code), r.agency_name, r.tier)
        })
        .collect();
    if let Some(rank) = p.province_rank {
        let of = p.province_count.map(|c| format!(" از {}", fa::int(c))).unwrap_or_default();
        lines.push(format!("رتبهٔ استان: {}{of}", fa::int(rank)));
    }
    lines.push(format!(
        "«{}»: سطح ملی {} دستگاه وارد می‌شود؛ {} ردیفِ پیشین جایگزین می‌شود. چیزی نوشته نشد.",
        p.file,
        fa::count(p.rows.len()),
        fa::int(p.replaces)
    ));
    lines.join("\n")
}

/// The rows that differ from the self-assessment in force, the refused ones with their reasons,
/// and what the import would do.
fn transfer_text(p: &transfer::TransferPreview) -> String {
    use transfer::TransferStatus as S;
    let score = |s: Option<f64>| s.map(n2).unwrap_or_else(|| "—".into());
    let mut lines: Vec<String> = p
        .rows
        .iter()
        .filter(|r| !matches!(r.status, S::Same | S::Empty))
        .map(|r| {
            let what = match (r.status, &r.refusal, r.difference) {
                (_, Some(refusal), _) => format!("پذیرفته نیست: {refusal}"),
                (S::New, ..) => "تازه".to_string(),
                (_, _, Some(d)) => transfer::signed(d),
                _ => String::new(),
            };
            let (stored, transferred) = (score(r.stored), score(r.transferred));
            let (agency, indicator) = (fa::code(&r.agency_code), fa::code(&r.indicator_code));
            format!("ردیف {}\t{agency}\t{indicator}\t{stored} ← {transferred}\t{what}", fa::int(r.row))
        })
        .collect();
    lines.push(format!(
        "«{}»: {} ردیف؛ {} بی‌تغییر، {} تغییر، {} تازه، {} بی‌امتیاز، {} پذیرفته‌نشده. چیزی نوشته نشد.",
        p.file,
        fa::count(p.rows.len()),
        fa::int(p.same),
        fa::int(p.changed),
        fa::int(p.new),
        fa::int(p.empty),
        fa::int(p.refused)
    ));
    if let Some(blocker) = &p.import.blocker {
        lines.push(format!("ورود ممکن نیست: {blocker}"));
    }
    lines.join("\n")
}

fn catalog_text(r: &CatalogImportReport) -> String {
    format!(
        "فهرست شاخص‌های سال {} وارد شد: {} محور، {} شاخص عمومی، {} اختصاصی، {} توسعه‌ای برای {} دستگاه.",
        fa::int(r.year),
        fa::int(r.axes),
        fa::int(r.general),
        fa::int(r.specific),
        fa::int(r.development),
        fa::int(r.agencies)
    )
}

fn workbooks_text(written: &[EvalWorkbook], dir: &Path) -> String {
    let mut lines: Vec<String> =
        written.iter().map(|w| format!("{} ({} شاخص)", w.file_name, fa::int(w.indicators))).collect();
    lines.push(format!("{} کارپوشه در {} نوشته شد.", fa::count(written.len()), dir.display()));
    lines.join("\n")
}

fn intake_lines(r: &EvalIntakeResult) -> Vec<String> {
    let who = r.agency_name.clone().unwrap_or_default();
    match r.status {
        IntakeStatus::Imported => vec![format!(
            "وارد شد: {} ({who}): {} امتیاز، {} تازه، {} تغییر.",
            r.file_name,
            fa::int(r.scores_read),
            fa::int(r.new_scores),
            fa::int(r.changed_scores)
        )],
        IntakeStatus::Unchanged => vec![format!("بی‌تغییر: {} ({who}) پیش‌تر وارد شده بود.", r.file_name)],
        IntakeStatus::Refused => {
            let e = r.refusal.as_ref();
            let mut lines =
                vec![format!("رد شد: {}: {}", r.file_name, e.map(|e| e.message.as_str()).unwrap_or_default())];
            lines.extend(e.into_iter().flat_map(|e| e.details.iter().map(|d| format!("  - {d}"))));
            lines
        }
    }
}

fn score_line(r: &ScoreRow) -> String {
    let opt = |v: Option<f64>| v.map(n2).unwrap_or_else(|| "—".into());
    let objection = r
        .objection
        .as_ref()
        .map(|o| format!("\tاعتراض: {}", o.decision.map(|d| d.persian()).unwrap_or("در انتظار")))
        .unwrap_or_default();
    let lead = r
        .lead
        .as_ref()
        .map(|l| format!("\tدستگاه سنجش {}: {}", l.lead_name, l.score.map(n2).unwrap_or_else(|| "منتظر پاسخ".into())))
        .unwrap_or_default();
    format!(
        "{}\t{}\tسقف {}\tخوداظهاری {}\tارزیاب {}\tنهایی {}{objection}{lead}",
        r.code,
        r.title,
        n2(r.ceiling),
        opt(r.self_score),
        opt(r.evaluator_score),
        opt(r.final_score)
    )
}

fn objection_line(o: &Objection) -> String {
    let decision = match o.decision {
        Some(d) => format!("{}{}", d.persian(), o.new_score.map(|s| format!(" ({})", n2(s))).unwrap_or_default()),
        None => "در انتظار تصمیم".into(),
    };
    format!("{}\t{}\t{}\t{}\t{decision}", fa::int(o.id), o.agency_name, o.indicator_code, o.filed_on)
}

fn result_line(r: &AgencyResult) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}٪\t{}\t{}{}",
        fa::int(r.rank),
        fa::code(&r.agency.code),
        r.agency.name,
        n2(r.general),
        n2(r.specific + r.development),
        n2(r.total),
        n2(r.percent),
        r.tier,
        fa::int(r.group_rank),
        r.growth.map(|g| format!("\tرشد {}", n2(g))).unwrap_or_default()
    )
}

fn festival_text(f: &Festival) -> String {
    let mut lines = Vec::new();
    for g in &f.groups {
        lines.push(format!("گروه {}:", g.group));
        lines.extend(g.winners.iter().map(|w| format!("  {} — {}٪", w.agency.name, n2(w.percent))));
    }
    lines.extend(
        f.growth
            .iter()
            .map(|w| format!("بیشترین رشد: {} ({} امتیاز درصد)", w.agency.name, n2(w.growth.unwrap_or(0.0)))),
    );
    lines.extend(f.teams.iter().map(|t| format!("تیم برگزیده: {} ({}) — {}", t.team, t.agency_name, t.project)));
    lines.join("\n")
}

fn hq_change_line(c: &HqChange) -> String {
    let opt = |v: Option<f64>| v.map(n2).unwrap_or_else(|| "—".into());
    format!(
        "{}\t{}\t{}\tپیش از ستاد {}\tپس از ستاد {}\t{}",
        c.agency_code,
        c.indicator_code,
        c.indicator_title,
        opt(c.before),
        opt(c.after),
        c.reference
    )
}
