//! `daftar eval …`: the performance evaluation of a year, the same operations as the app.

use super::{open, usage, Failure, Out};
use clap::{Args, Subcommand};
use daftar::issued::IntakeStatus;
use daftar::evaluation::{
    self as ev, approval, catalog, committees, festival, intake, objections, phases, results, scores,
    scoring::ScoreInput, view, workbook::Purpose,
};
use daftar::fa::{self, format_decimal, parse_number, to_persian_digits, JalaliDate};
use daftar::{AppError, Fault};
use std::path::PathBuf;

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
        #[command(flatten)]
        year: Year,
    },
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
    /// Record the national headquarters' confirmation of an agency's self-assessment.
    Confirm {
        agency: String,
        /// The date of the confirmation (default: today).
        #[arg(long)]
        on: Option<String>,
        #[arg(long, default_value = "")]
        reference: String,
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
    },
    /// Import the national tiering and the province's rank (docs/formats/results.md).
    National {
        xlsx: PathBuf,
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

fn date(text: &str) -> Result<JalaliDate, Failure> {
    JalaliDate::parse(text).map_err(|e| usage(&e.to_string()))
}

fn n2(v: f64) -> String {
    format_decimal(v, 2)
}

fn result_line(r: &results::AgencyResult) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}٪\t{}\t{}{}",
        fa::int(r.rank),
        to_persian_digits(&r.agency.code),
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

pub fn run(
    command: EvalCommand,
    file: &Option<PathBuf>,
    today: Option<&str>,
    actor: &str,
    out: &Out,
) -> Result<(), Failure> {
    let today = match today {
        Some(t) => date(t)?,
        None => JalaliDate::today(),
    };
    let mut store = open(file, actor)?;
    let working_year = store.province()?.working_year;
    let y = |year: &Year| year.year.unwrap_or(working_year);
    match command {
        EvalCommand::Init { year, start } => {
            let (year, start) = (year.unwrap_or(working_year), date(&start)?);
            let settings = ev::create_year(&mut store, year, start, None)?;
            out.print(&settings, || format!("ارزیابی سال {} آغاز شد؛ مرحله‌ها از {start} چیده شدند.", fa::int(year)));
        }
        EvalCommand::Status(year) => {
            let o = view::overview(store.conn(), y(&year), today)?;
            out.print(&o, || {
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
                if o.locked {
                    lines.push("نتایج تصویب شده و قفل است.".into());
                }
                lines.extend(o.todo.iter().map(|t| format!("مانده: {t}")));
                lines.join("\n")
            });
        }
        EvalCommand::Settings { year, set } => {
            let year = y(&year);
            let mut settings = ev::settings_of(store.conn(), year)?;
            if !set.is_empty() {
                let mut json = serde_json::to_value(&settings).expect("settings serialize");
                for pair in &set {
                    let (key, value) = pair
                        .split_once('=')
                        .ok_or_else(|| usage(&format!("«{pair}» را به شکل کلید=مقدار بنویسید.")))?;
                    let slot =
                        json.get_mut(key.trim()).ok_or_else(|| usage(&format!("تنظیمی با نام «{key}» نیست.")))?;
                    *slot = serde_json::from_str(value.trim())
                        .unwrap_or_else(|_| serde_json::Value::String(value.trim().to_string()));
                }
                settings = serde_json::from_value(json).map_err(|e| usage(&format!("تنظیمات خوانده نشد: {e}")))?;
                ev::update_settings(&mut store, year, &settings)?;
            }
            out.print(&settings, || serde_json::to_string_pretty(&settings).expect("serializable"));
        }
        EvalCommand::Phases(year) => {
            let list = phases::phases(store.conn(), y(&year), today)?;
            out.print(&list, || {
                list.iter()
                    .map(|p| {
                        let mark = if p.current {
                            "◀ "
                        } else if p.open {
                            "باز "
                        } else {
                            ""
                        };
                        format!("{mark}{}\t{}\t{} تا {}", p.code, p.title, p.starts_on, p.ends_on)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        EvalCommand::PhaseDates { phase, start, end, year } => {
            phases::set_dates(&mut store, y(&year), &phase, date(&start)?, date(&end)?)?;
            out.print(&phase, || format!("تاریخ‌های مرحلهٔ «{}» به‌روز شد.", phases::phase_title(&phase)));
        }
        EvalCommand::ReopenPhase { phase, reason, until, year } => {
            let until = date(&until)?;
            phases::reopen(&mut store, y(&year), &phase, &reason, until, today)?;
            out.print(&phase, || format!("مرحلهٔ «{}» تا {until} باز شد.", phases::phase_title(&phase)));
        }
        EvalCommand::Committee(year) => {
            let list = committees::members(store.conn(), y(&year))?;
            out.print(&list, || {
                list.iter()
                    .map(|m| {
                        format!(
                            "{}\t{}\t{}\t{}\tابلاغ {} شمارهٔ {}",
                            m.committee.persian(),
                            m.role.persian(),
                            m.name,
                            m.position,
                            m.letter_date,
                            to_persian_digits(&m.letter_number)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        EvalCommand::CommitteeAdd { committee, name, position, role, letter_date, letter_number, year } => {
            let input = committees::MemberInput {
                committee: committees::Committee::parse(&committee)
                    .ok_or_else(|| usage("کارگروه را secretariat یا steering بنویسید."))?,
                name,
                position,
                role: committees::Role::parse(&role)
                    .ok_or_else(|| usage("نقش را chair، secretary یا member بنویسید."))?,
                letter_date,
                letter_number,
            };
            let m = committees::add_member(&mut store, y(&year), &input, today)?;
            out.print(&m, || format!("افزوده شد: {} ({})", m.name, m.committee.persian()));
        }
        EvalCommand::Catalog { xlsx, year } => {
            let r = catalog::import_catalog(&mut store, y(&year), &xlsx, today)?;
            out.print(&r, || {
                format!(
                    "فهرست شاخص‌های سال {} وارد شد: {} محور، {} شاخص عمومی، {} اختصاصی، {} توسعه‌ای برای {} دستگاه.",
                    fa::int(r.year),
                    fa::int(r.axes),
                    fa::int(r.general),
                    fa::int(r.specific),
                    fa::int(r.development),
                    fa::int(r.agencies)
                )
            });
        }
        EvalCommand::Workbooks { out: dir, purpose, agencies, year } => {
            let written = ev::workbook::generate_workbooks(&mut store, y(&year), purpose.into(), &dir, &agencies)?;
            out.print(&written, || {
                let mut lines: Vec<String> =
                    written.iter().map(|w| format!("{} ({} شاخص)", w.file_name, fa::int(w.indicators))).collect();
                lines.push(format!("{} کارپوشه در {} نوشته شد.", fa::count(written.len()), dir.display()));
                lines.join("\n")
            });
        }
        EvalCommand::Intake { files, purpose, year } => {
            let json = out.json;
            let mut progress = |done: usize, total: usize, file: &str| {
                if !json && !file.is_empty() {
                    eprintln!("[{}/{}] {file}", fa::count(done + 1), fa::count(total));
                }
            };
            let results = intake::import_workbooks(&mut store, y(&year), purpose.into(), &files, today, &mut progress)?;
            out.print(&results, || {
                let mut lines = Vec::new();
                for r in &results {
                    let who = r.agency_name.clone().unwrap_or_default();
                    match r.status {
                        IntakeStatus::Imported => lines.push(format!(
                            "وارد شد: {} ({who}): {} امتیاز، {} تازه، {} تغییر.",
                            r.file_name,
                            fa::int(r.scores_read),
                            fa::int(r.new_scores),
                            fa::int(r.changed_scores)
                        )),
                        IntakeStatus::Unchanged => {
                            lines.push(format!("بی‌تغییر: {} ({who}) پیش‌تر وارد شده بود.", r.file_name))
                        }
                        IntakeStatus::Refused => {
                            let e = r.refusal.as_ref();
                            lines.push(format!(
                                "رد شد: {}: {}",
                                r.file_name,
                                e.map(|e| e.message.as_str()).unwrap_or_default()
                            ));
                            lines.extend(e.into_iter().flat_map(|e| e.details.iter().map(|d| format!("  - {d}"))));
                        }
                    }
                }
                lines.join("\n")
            });
            if results.iter().any(|r| r.status == IntakeStatus::Refused) {
                return Err(Failure {
                    error: AppError {
                        code: "evaluation.intake.refused".into(),
                        message: "برخی کارپوشه‌ها رد شدند؛ پیام هر یک را ببینید.".into(),
                        details: vec![],
                    },
                    fault: Fault::User,
                    checks: false,
                });
            }
        }
        EvalCommand::Confirm { agency, on, reference, year } => {
            let on = match on {
                Some(d) => date(&d)?,
                None => today,
            };
            scores::confirm_hq(&mut store, y(&year), &agency, on, &reference, today)?;
            out.print(&agency, || {
                format!("تأیید ستاد ملی برای دستگاه {} در {} ثبت شد.", to_persian_digits(&agency), on)
            });
        }
        EvalCommand::Score { agency, indicator, input, comment, year } => {
            let s =
                scores::score_indicator(&mut store, y(&year), &agency, &indicator, &input.input()?, &comment, today)?;
            out.print(&s, || format!("امتیاز ارزیاب شاخص «{indicator}»: {}", n2(s.score)));
        }
        EvalCommand::Scores { agency, year } => {
            let rows = view::agency_scores(store.conn(), y(&year), &agency)?;
            out.print(&rows, || {
                let opt = |v: Option<f64>| v.map(n2).unwrap_or_else(|| "—".into());
                rows.iter()
                    .map(|r| {
                        let objection = r
                            .objection
                            .as_ref()
                            .map(|o| format!("\tاعتراض: {}", o.decision.map(|d| d.persian()).unwrap_or("در انتظار")))
                            .unwrap_or_default();
                        format!(
                            "{}\t{}\tسقف {}\tخوداظهاری {}\tارزیاب {}\tنهایی {}{objection}",
                            r.code,
                            r.title,
                            n2(r.ceiling),
                            opt(r.self_score),
                            opt(r.evaluator_score),
                            opt(r.final_score)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        EvalCommand::Publish(year) => {
            let p = objections::publish_preliminary(&mut store, y(&year), today)?;
            out.print(&p, || {
                format!(
                    "نتایج اولیه در {} اعلام شد؛ مهلت اعتراض از {} تا {}.",
                    p.published_on, p.window_opens, p.window_closes
                )
            });
        }
        EvalCommand::Object { agency, indicator, reason, evidence, year } => {
            let o = objections::file_objection(&mut store, y(&year), &agency, &indicator, &reason, &evidence, today)?;
            out.print(&o, || {
                format!("اعتراض شمارهٔ {} ثبت شد: {} — شاخص «{}».", fa::int(o.id), o.agency_name, o.indicator_code)
            })
        }
        EvalCommand::Objections(year) => {
            let list = objections::objections(store.conn(), y(&year))?;
            out.print(&list, || {
                list.iter()
                    .map(|o| {
                        let decision = match o.decision {
                            Some(d) => format!(
                                "{}{}",
                                d.persian(),
                                o.new_score.map(|s| format!(" ({})", n2(s))).unwrap_or_default()
                            ),
                            None => "در انتظار تصمیم".into(),
                        };
                        format!(
                            "{}\t{}\t{}\t{}\t{decision}",
                            fa::int(o.id),
                            o.agency_name,
                            o.indicator_code,
                            o.filed_on
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        EvalCommand::Decide { agency, indicator, decision, score, reason, year } => {
            let year = y(&year);
            let decision = objections::Decision::parse(&decision)
                .ok_or_else(|| usage("تصمیم را accepted، partly یا rejected بنویسید."))?;
            let score = score.as_deref().map(number).transpose()?;
            let id = objections::objection_id(store.conn(), year, &agency, &indicator)?;
            let o = objections::decide(&mut store, year, id, decision, score, &reason, today)?;
            out.print(&o, || {
                format!("تصمیم دربارهٔ اعتراض {} — شاخص «{}»: {}", o.agency_name, o.indicator_code, decision.persian())
            });
        }
        EvalCommand::Results { preliminary, year } => {
            let year = y(&year);
            let rows = if preliminary {
                results::results(store.conn(), year, results::Basis::Preliminary)?
            } else {
                view::results_view(store.conn(), year)?.rows
            };
            out.print(&rows, || {
                let mut lines = vec!["رتبه\tکد\tدستگاه\tعمومی\tاختصاصی\tکل\tدرصد\tسطح\tرتبه در گروه".to_string()];
                lines.extend(rows.iter().map(result_line));
                lines.join("\n")
            });
        }
        EvalCommand::Approve { session, year } => {
            let a = approval::approve(&mut store, y(&year), &session, today)?;
            out.print(&a, || {
                format!(
                    "نتایج نهایی تصویب شد (نسخهٔ {}، رمز {}…)؛ امتیازها قفل شدند.",
                    fa::int(a.version),
                    &a.content_hash[..12]
                )
            });
        }
        EvalCommand::Reopen { reason, year } => {
            approval::reopen(&mut store, y(&year), &reason)?;
            out.print(&reason, || "تصویب بازگشایی شد؛ پس از تغییرها دوباره تصویب کنید.".to_string());
        }
        EvalCommand::PastResults { xlsx, year } => {
            let count = approval::import_past_results(&mut store, year, &xlsx)?;
            out.print(&count, || format!("نتایج نهایی سال {} برای {} دستگاه وارد شد.", fa::int(year), fa::int(count)));
        }
        EvalCommand::National { xlsx, year } => {
            let count = approval::import_national(&mut store, y(&year), &xlsx, today)?;
            out.print(&count, || format!("سطح‌بندی ملی {} دستگاه وارد شد.", fa::int(count)));
        }
        EvalCommand::Export { out: path, year } => {
            let count = approval::export_national(&store, y(&year), &path)?;
            out.print(&path.display().to_string(), || {
                format!("نتایج نهایی {} دستگاه در {} نوشته شد.", fa::int(count), path.display())
            });
        }
        EvalCommand::Nominate { team, agency, project, summary, year } => {
            let n = festival::nominate(&mut store, y(&year), &team, &agency, &project, &summary, today)?;
            out.print(&n, || format!("نامزد شمارهٔ {} ثبت شد: {} ({})", fa::int(n.id), n.team, n.agency_name));
        }
        EvalCommand::Select { id, unselect, year } => {
            festival::select(&mut store, y(&year), id, !unselect, today)?;
            out.print(&id, || {
                format!(
                    "نامزد شمارهٔ {} {}.",
                    fa::int(id),
                    if unselect { "از برگزیدگان بیرون رفت" } else { "برگزیده شد" }
                )
            });
        }
        EvalCommand::Festival(year) => {
            let f = festival::festival(store.conn(), y(&year))?;
            out.print(&f, || {
                let mut lines = Vec::new();
                for g in &f.groups {
                    lines.push(format!("گروه {}:", g.group));
                    lines.extend(g.winners.iter().map(|w| format!("  {} — {}٪", w.agency.name, n2(w.percent))));
                }
                lines.extend(
                    f.growth.iter().map(|w| {
                        format!("بیشترین رشد: {} ({} امتیاز درصد)", w.agency.name, n2(w.growth.unwrap_or(0.0)))
                    }),
                );
                lines.extend(
                    f.teams.iter().map(|t| format!("تیم برگزیده: {} ({}) — {}", t.team, t.agency_name, t.project)),
                );
                lines.join("\n")
            });
        }
    }
    Ok(())
}
