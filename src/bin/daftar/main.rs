//! `daftar`: everything the app does, from the command line. Exit codes: 0 ok, 1 checks
//! found problems, 2 bad input or usage, 3 internal error.

use clap::{Args, Parser, Subcommand};
use daftar::agencies::{self, Agency, AgencyInput};
use daftar::fa::{self, to_persian_digits, JalaliDate};
use daftar::store::{default_actor, NewProvince, Store};
use daftar::{AppError, Fault, Problem};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

mod evaluation;
mod reports;

#[derive(Parser)]
#[command(name = "daftar", version, about = "دفتر: حساب‌های منطقه‌ای و ارزیابی عملکرد دستگاه‌های اجرایی استان")]
struct Cli {
    /// The province file (or DAFTAR_FILE).
    #[arg(long, global = true, env = "DAFTAR_FILE")]
    file: Option<PathBuf>,
    /// Print data and errors as JSON.
    #[arg(long, global = true)]
    json: bool,
    /// Who is recorded in the audit log (default: the computer account).
    #[arg(long, global = true)]
    by: Option<String>,
    /// The day the evaluation's phases are judged by, Jalali (default: today; or DAFTAR_TODAY).
    #[arg(long, global = true, env = "DAFTAR_TODAY")]
    today: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new province file.
    Init {
        #[arg(long)]
        province: String,
        #[arg(long)]
        office: String,
        /// Jalali working year (default: this year).
        #[arg(long)]
        year: Option<i32>,
    },
    /// Show the province file: province, office, year, version.
    Info,
    /// The agency directory.
    #[command(subcommand)]
    Agencies(AgencyCommand),
    /// Regional accounts: template, assignments, agency workbooks, intake.
    #[command(subcommand)]
    Accounts(AccountsCommand),
    /// Performance evaluation of the agencies: cycle, catalog, scores, objections, approval, festival.
    #[command(subcommand)]
    Eval(evaluation::EvalCommand),
    /// Documents as PDF or Excel: letters, reports, certificates, the results booklet.
    #[command(subcommand)]
    Report(reports::ReportCommand),
    /// The latest changes recorded in the audit log.
    Audit {
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Build the demo province (Lorestan, 1403) from fixtures/.
    Demo {
        /// Where to write it (default: the --file path, else demo/lorestan.daftar).
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        fixtures: Option<PathBuf>,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum AgencyCommand {
    /// Import agencies from an xlsx workbook (all rows or none).
    Import { xlsx: PathBuf },
    /// List agencies, optionally searched.
    List {
        #[arg(long, default_value = "")]
        search: String,
        /// Include inactive agencies.
        #[arg(long)]
        all: bool,
    },
    /// Add an agency.
    Add(AgencyFields),
    /// Edit the agency with this code; only the given fields change (--code gives it a new code).
    Edit {
        #[arg(value_name = "CODE")]
        current_code: String,
        #[command(flatten)]
        fields: AgencyFields,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Deactivate an agency (a reason is required).
    Deactivate {
        code: String,
        #[arg(long)]
        reason: String,
    },
    /// Reactivate an agency.
    Activate {
        code: String,
        #[arg(long)]
        reason: Option<String>,
    },
}

#[derive(Subcommand)]
enum AccountsCommand {
    /// Import (or revise) the template of tables of a year.
    Template { xlsx: PathBuf },
    /// What is unassigned, and which agencies have nothing to supply.
    Assignments {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Make an agency the supplier of an item.
    Assign {
        item: String,
        agency: String,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Write one workbook per agency (or per --agency) into --out.
    Workbooks {
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long = "agency")]
        agencies: Vec<String>,
    },
    /// Import the final values of a year (e.g. last year's) from a sheet of «کد قلم» and «مقدار».
    ValuesImport {
        xlsx: PathBuf,
        #[arg(long)]
        year: i32,
    },
    /// Type the value of an item (for items that came by letter).
    Enter {
        item: String,
        value: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        year: Option<i32>,
    },
    /// Run the checks; exit 1 when they find errors or warnings.
    Check {
        #[arg(long)]
        year: Option<i32>,
        /// Also write feedback workbooks for the agencies with findings into this folder.
        #[arg(long)]
        feedback: Option<PathBuf>,
    },
    /// Every agency's state for the year: received, missing, errors, warnings, deadline.
    Dashboard {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Set the deadline for agencies (Jalali, e.g. 1403/09/30).
    Deadline {
        date: String,
        #[arg(long)]
        year: Option<i32>,
    },
    /// Explain a warning (required before approval).
    Explain {
        rule: String,
        text: String,
        #[arg(long)]
        year: Option<i32>,
    },
    /// Approve an agency's tables (all, or --table).
    Approve {
        agency: String,
        #[arg(long)]
        table: Option<String>,
        #[arg(long)]
        year: Option<i32>,
    },
    /// Reopen an approved table of an agency (a reason is required).
    Reopen {
        agency: String,
        #[arg(long)]
        table: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        year: Option<i32>,
    },
    /// Write the package for the Statistical Centre (refused while anything is unapproved,
    /// unless --draft); `package verify FILE.zip` re-checks one.
    #[command(args_conflicts_with_subcommands = true)]
    Package {
        #[command(subcommand)]
        action: Option<PackageAction>,
        #[arg(long, required = true)]
        out: Option<PathBuf>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        draft: bool,
    },
    /// Import returned agency workbooks, each in one transaction.
    Intake {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        year: Option<i32>,
        /// Refuse workbooks that are not this agency's.
        #[arg(long)]
        agency: Option<String>,
    },
}

#[derive(Subcommand)]
enum PackageAction {
    /// Re-check a package's hashes and structure; exit 1 when something is wrong.
    Verify {
        #[arg(value_name = "FILE.zip")]
        package: PathBuf,
    },
}

#[derive(Args)]
struct AgencyFields {
    #[arg(long)]
    code: Option<String>,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    short_name: Option<String>,
    #[arg(long)]
    group: Option<String>,
    #[arg(long)]
    ministry: Option<String>,
    #[arg(long)]
    focal: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    email: Option<String>,
}

impl AgencyFields {
    fn apply(self, mut input: AgencyInput) -> AgencyInput {
        let AgencyFields { code, name, short_name, group, ministry, focal, phone, email } = self;
        input.code = code.unwrap_or(input.code);
        input.name = name.unwrap_or(input.name);
        input.short_name = short_name.unwrap_or(input.short_name);
        input.group = group.or(input.group);
        input.parent_ministry = ministry.unwrap_or(input.parent_ministry);
        input.focal_person = focal.unwrap_or(input.focal_person);
        input.phone = phone.unwrap_or(input.phone);
        input.email = email.unwrap_or(input.email);
        input
    }
}

/// A failure on its way out: the error as the UI would get it, and whose fault it is;
/// `fault: None` means the work was done and checks found problems (exit 1).
pub(crate) struct Failure {
    pub(crate) error: AppError,
    pub(crate) fault: Fault,
    pub(crate) checks: bool,
}

impl<E: Problem> From<E> for Failure {
    fn from(e: E) -> Self {
        Self { error: e.to_app_error(), fault: e.fault(), checks: false }
    }
}

impl From<ChecksFound> for Failure {
    fn from(_: ChecksFound) -> Self {
        Self {
            error: AppError {
                code: "checks.found".into(),
                message: "کار انجام شد و ایرادهایی پیدا شد؛ فهرست بالا را ببینید.".into(),
                details: vec![],
            },
            fault: Fault::User,
            checks: true,
        }
    }
}

pub(crate) fn usage(message: &str) -> Failure {
    Failure {
        error: AppError { code: "cli.usage".into(), message: message.into(), details: vec![] },
        fault: Fault::User,
        checks: false,
    }
}

pub(crate) struct Out {
    pub(crate) json: bool,
}

impl Out {
    /// Print `data` as JSON, or `text` for people.
    pub(crate) fn print<T: Serialize>(&self, data: &T, text: impl FnOnce() -> String) {
        if self.json {
            println!("{}", serde_json::to_string_pretty(data).expect("serializable"));
        } else {
            println!("{}", text());
        }
    }
}

fn agency_line(a: &Agency) -> String {
    format!(
        "{}\t{}\t{}\t{}{}",
        to_persian_digits(&a.code),
        a.name,
        a.group.as_deref().unwrap_or("-"),
        if a.focal_person.is_empty() { "بدون کارشناس رابط" } else { &a.focal_person },
        if a.active { "" } else { "\t(غیرفعال)" }
    )
}

pub(crate) fn open(cli_file: &Option<PathBuf>, actor: &str) -> Result<Store, Failure> {
    let path = cli_file.as_ref().ok_or_else(|| usage("پروندهٔ استان را با --file یا DAFTAR_FILE بدهید."))?;
    Ok(Store::open(path, actor)?)
}

fn run(cli: Cli) -> Result<(), Failure> {
    let out = Out { json: cli.json };
    let actor = cli.by.clone().unwrap_or_else(default_actor);
    match cli.command {
        Command::Init { province, office, year } => {
            let path = cli.file.as_ref().ok_or_else(|| usage("جای پروندهٔ تازه را با --file بدهید."))?;
            let setup =
                NewProvince { province, office, working_year: year.unwrap_or_else(|| JalaliDate::today().year) };
            let store = Store::create(path, &setup, &actor)?;
            let info = store.province()?;
            out.print(&info, || {
                format!(
                    "پروندهٔ استان {} برای سال {} ساخته شد: {}",
                    info.province,
                    fa::int(info.working_year),
                    info.path
                )
            });
        }
        Command::Info => {
            let store = open(&cli.file, &actor)?;
            let info = store.province()?;
            out.print(&info, || {
                format!(
                    "استان: {}\nاداره: {}\nسال کاری: {}\nساخته‌شده: {}\nنسخه: {}",
                    info.province,
                    info.office,
                    fa::int(info.working_year),
                    info.created_at_jalali,
                    info.app_version
                )
            });
        }
        Command::Audit { limit } => {
            let store = open(&cli.file, &actor)?;
            let rows = store.audit_log(limit)?;
            out.print(&rows, || {
                rows.iter()
                    .map(|r| format!("{}\t{}\t{}\t{}\t{}", r.at_jalali, r.actor, r.entity, r.entity_key, r.action))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Demo { out: target, fixtures, force } => {
            let target = target.or(cli.file.clone()).unwrap_or_else(|| PathBuf::from("demo/lorestan.daftar"));
            if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| usage(&format!("پوشهٔ «{}» ساخته نشد: {e}", dir.display())))?;
            }
            let fixtures = fixtures.unwrap_or_else(daftar::demo::default_fixtures_dir);
            let report = daftar::demo::build(&target, &fixtures, force, &actor)?;
            out.print(&report, || {
                format!("پروندهٔ نمونهٔ لرستان ساخته شد: {} ({} دستگاه)", target.display(), fa::int(report.added))
            });
        }
        Command::Accounts(command) => return run_accounts(command, &cli.file, &actor, &out),
        Command::Eval(command) => return evaluation::run(command, &cli.file, cli.today.as_deref(), &actor, &out),
        Command::Report(command) => return reports::run(command, &cli.file, &actor, &out),
        Command::Agencies(command) => {
            let mut store = open(&cli.file, &actor)?;
            match command {
                AgencyCommand::Import { xlsx } => {
                    let r = agencies::import_xlsx(&mut store, &xlsx)?;
                    out.print(&r, || {
                        format!(
                            "{}: {} ردیف خوانده شد؛ {} تازه، {} به‌روز، {} بی‌تغییر، {} گروه تازه.",
                            r.file_name,
                            fa::int(r.rows_read),
                            fa::int(r.added),
                            fa::int(r.updated),
                            fa::int(r.unchanged),
                            fa::int(r.groups_added)
                        )
                    });
                }
                AgencyCommand::List { search, all } => {
                    let list = agencies::list(&store, &search, all)?;
                    out.print(&list, || list.iter().map(agency_line).collect::<Vec<_>>().join("\n"));
                }
                AgencyCommand::Add(fields) => {
                    let a = agencies::add(&mut store, &fields.apply(AgencyInput::default()))?;
                    out.print(&a, || format!("افزوده شد: {}", agency_line(&a)));
                }
                AgencyCommand::Edit { current_code, fields, reason } => {
                    let existing = agencies::find(&store, &current_code)?;
                    let a = agencies::edit(
                        &mut store,
                        &current_code,
                        &fields.apply(existing.to_input()),
                        reason.as_deref(),
                    )?;
                    out.print(&a, || format!("ویرایش شد: {}", agency_line(&a)));
                }
                AgencyCommand::Deactivate { code, reason } => {
                    let a = agencies::set_active(&mut store, &code, false, Some(&reason))?;
                    out.print(&a, || format!("غیرفعال شد: {}", agency_line(&a)));
                }
                AgencyCommand::Activate { code, reason } => {
                    let a = agencies::set_active(&mut store, &code, true, reason.as_deref())?;
                    out.print(&a, || format!("فعال شد: {}", agency_line(&a)));
                }
            }
        }
    }
    Ok(())
}

/// Exit 1 when the work was done but found problems in what was read.
pub(crate) struct ChecksFound;

fn run_accounts(command: AccountsCommand, file: &Option<PathBuf>, actor: &str, out: &Out) -> Result<(), Failure> {
    use daftar::accounts::{self, assign, IntakeStatus};
    if let AccountsCommand::Package { action: Some(PackageAction::Verify { package }), .. } = &command {
        return verify_package(package, out);
    }
    let mut store = open(file, actor)?;
    let working_year = store.province()?.working_year;
    match command {
        AccountsCommand::Template { xlsx } => {
            let r = accounts::import_template(&mut store, &xlsx)?;
            out.print(&r, || {
                if r.unchanged {
                    return format!(
                        "الگوی سال {} (نسخهٔ {}) پیش‌تر وارد شده بود؛ چیزی تغییر نکرد.",
                        fa::int(r.year),
                        r.version
                    );
                }
                let mut lines = vec![format!(
                    "الگوی سال {} نسخهٔ {}: {} جدول، {} قلم، {} قاعده؛ {} قلم به متولی پیشنهادی الگو واگذار شد.",
                    fa::int(r.year),
                    r.version,
                    fa::int(r.tables),
                    fa::int(r.items),
                    fa::int(r.rules),
                    fa::int(r.assigned_from_template)
                )];
                if let Some(previous) = &r.previous_version {
                    lines.push(format!(
                        "جایگزین نسخهٔ {previous}: {} قلم تازه، {} قلم حذف‌شده ({} با مقدار، که در تاریخچه می‌ماند).",
                        fa::count(r.added_items.len()),
                        fa::count(r.removed_items.len()),
                        fa::int(r.removed_with_values)
                    ));
                }
                lines.extend(r.warnings.iter().map(|w| format!("هشدار: {w}")));
                lines.join("\n")
            });
        }
        AccountsCommand::Assignments { year } => {
            let o = assign::overview(&store, year.unwrap_or(working_year))?;
            out.print(&o, || {
                let mut lines = vec![format!(
                    "سال {}: {} قلم، {} بی‌متولی؛ {} دستگاه متولی، {} دستگاه فعال بی‌قلم.",
                    fa::int(o.year),
                    fa::int(o.items),
                    fa::count(o.unassigned.len()),
                    fa::count(o.per_agency.len()),
                    fa::count(o.agencies_without_items.len())
                )];
                lines.extend(
                    o.unassigned.iter().map(|i| format!("بی‌متولی: {}\t{} / {}", i.code, i.row_label, i.col_label)),
                );
                lines.join("\n")
            });
        }
        AccountsCommand::Assign { item, agency, year, reason } => {
            let i = assign::assign(&mut store, year.unwrap_or(working_year), &item, &agency, reason.as_deref())?;
            out.print(&i, || {
                format!(
                    "قلم {} به دستگاه {} واگذار شد.",
                    i.code,
                    fa::to_persian_digits(&i.agency_code.clone().unwrap_or_default())
                )
            });
        }
        AccountsCommand::Workbooks { out: dir, year, agencies } => {
            let written = accounts::generate_workbooks(&mut store, year.unwrap_or(working_year), &dir, &agencies)?;
            out.print(&written, || {
                let mut lines: Vec<String> = written
                    .iter()
                    .map(|w| {
                        format!(
                            "{}\t{} جدول، {} قلم\t{}",
                            w.agency_name,
                            fa::int(w.tables),
                            fa::int(w.items),
                            w.file_name
                        )
                    })
                    .collect();
                lines.push(format!("{} کارپوشه در {} نوشته شد.", fa::count(written.len()), dir.display()));
                lines.join("\n")
            });
        }
        AccountsCommand::Dashboard { year } => {
            let board = accounts::review::dashboard(&store, year.unwrap_or(working_year))?;
            out.print(&board, || {
                let mut lines = vec![format!(
                    "سال {}: {} دستگاه متولی؛ {} قلم بی‌متولی؛ مهلت: {}؛ آخرین بررسی: {}",
                    fa::int(board.year),
                    fa::count(board.agencies.len()),
                    fa::int(board.unassigned_items),
                    match (&board.deadline, board.days_left) {
                        (Some(d), Some(left)) if left >= 0 => format!("{d} ({} روز مانده)", fa::int(left)),
                        (Some(d), Some(left)) => format!("{d} ({} روز گذشته)", fa::int(-left)),
                        _ => "تعیین نشده".into(),
                    },
                    board.last_check_jalali.clone().unwrap_or_else(|| "اجرا نشده".into())
                )];
                for a in &board.agencies {
                    for t in &a.tables {
                        lines.push(format!(
                            "{}\t{}\t{}\t{}/{} مقدار، {} الزامیِ خالی، {} خطا، {} هشدار ({} بی‌توضیح)",
                            a.agency_name,
                            t.table_code,
                            t.state.map(|s| s.persian()).unwrap_or("—"),
                            fa::int(t.values),
                            fa::int(t.items),
                            fa::int(t.missing_required),
                            fa::count(t.errors.len()),
                            fa::count(t.warnings.len()),
                            fa::count(t.unexplained_warnings.len())
                        ));
                    }
                }
                lines.join("\n")
            });
        }
        AccountsCommand::Deadline { date, year } => {
            let date = daftar::fa::JalaliDate::parse(&date).map_err(|e| usage(&e.to_string()))?;
            accounts::review::set_deadline(&mut store, year.unwrap_or(working_year), date)?;
            out.print(&date.to_latin_string(), || format!("مهلت دستگاه‌ها: {date}"));
        }
        AccountsCommand::Explain { rule, text, year } => {
            accounts::review::explain(&mut store, year.unwrap_or(working_year), &rule, &text)?;
            out.print(&rule, || format!("توضیح «{rule}» ثبت شد."));
        }
        AccountsCommand::Approve { agency, table, year } => {
            let tables =
                accounts::review::approve(&mut store, year.unwrap_or(working_year), &agency, table.as_deref())?;
            out.print(&tables, || {
                tables
                    .iter()
                    .map(|t| format!("{}\t{}", t.table_code, t.state.map(|s| s.persian()).unwrap_or("—")))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        AccountsCommand::Reopen { agency, table, reason, year } => {
            accounts::review::reopen(&mut store, year.unwrap_or(working_year), &agency, &table, &reason)?;
            out.print(&table, || format!("جدول {table} بازگشایی شد."));
        }
        AccountsCommand::Package { action: Some(PackageAction::Verify { .. }), .. } => {
            unreachable!("handled before opening the store")
        }
        AccountsCommand::Package { action: None, out: file, year, draft } => {
            let file = file.expect("clap requires --out");
            let m = accounts::package::package(&mut store, year.unwrap_or(working_year), &file, draft)?;

            out.print(&m, || {
                let mut lines = vec![format!(
                    "بستهٔ {}سال {} نوشته شد: {}",
                    if m.draft { "پیش‌نویسِ " } else { "" },
                    fa::int(m.year),
                    file.display()
                )];
                lines.push(format!(
                    "{} جدول، {} قلم، {} مقدار، {} الزامیِ خالی؛ قواعد: {} گذشت، {} ناموفق، {} محاسبه‌نشدنی.",
                    fa::int(m.tables),
                    fa::int(m.items),
                    fa::int(m.values),
                    fa::int(m.missing),
                    fa::int(m.rules_passed),
                    fa::int(m.rules_failed),
                    fa::int(m.rules_not_computable)
                ));
                lines.extend(m.files.iter().map(|f| format!("{}\tSHA-256 {}", f.name, f.sha256)));
                lines.join("\n")
            });
        }
        AccountsCommand::ValuesImport { xlsx, year } => {
            let count = accounts::values::import_final_values(&mut store, year, &xlsx)?;
            out.print(&count, || format!("{} مقدار سال {} وارد شد.", fa::int(count), fa::int(year)));
        }
        AccountsCommand::Enter { item, value, note, year } => {
            let change = accounts::values::enter_value(&mut store, year.unwrap_or(working_year), &item, &value, &note)?;
            let changed = change != daftar::issued::Change::Same;
            out.print(&changed, || {
                if changed {
                    format!("مقدار {item} ثبت شد.")
                } else {
                    format!("مقدار {item} همان بود؛ چیزی تغییر نکرد.")
                }
            });
        }
        AccountsCommand::Check { year, feedback } => {
            let year = year.unwrap_or(working_year);
            let run = accounts::checks::run_checks(&mut store, year)?;
            let written = match &feedback {
                Some(dir) => accounts::feedback::write_workbooks(&mut store, year, &run, dir)?,
                None => Vec::new(),
            };
            out.print(&run, || {
                let mut lines = vec![format!(
                    "بررسی سال {}: {} گذشت، {} ناموفق، {} محاسبه‌نشدنی (مقدار ناموجود)؛ {} خطا و {} هشدار.",
                    fa::int(year),
                    fa::int(run.passed),
                    fa::int(run.failed),
                    fa::int(run.not_computable),
                    fa::int(run.errors),
                    fa::int(run.warnings)
                )];
                for f in &run.failures {
                    let kind = if f.severity == accounts::Severity::Error { "خطا" } else { "هشدار" };
                    let cells: Vec<String> = f
                        .items
                        .iter()
                        .filter(|i| !i.cell.is_empty())
                        .map(|i| format!("{} ({})", i.cell, i.agency_name.clone().unwrap_or_default()))
                        .collect();
                    lines.push(format!("{kind} {}: {}", f.rule_code, f.message));
                    if !cells.is_empty() && cells.len() <= 3 {
                        lines.push(format!("  خانه: {}", cells.join("، ")));
                    }
                }
                for w in &written {
                    lines.push(format!("بازخورد: {} → {}", w.agency_name, w.file_name));
                }
                lines.join("\n")
            });
            if run.errors + run.warnings > 0 {
                return Err(Failure::from(ChecksFound));
            }
        }
        AccountsCommand::Intake { files, year, agency } => {
            let json = out.json;
            let mut progress = |done: usize, total: usize, file: &str| {
                if !json && !file.is_empty() {
                    eprintln!("[{}/{}] {file}", fa::count(done + 1), fa::count(total));
                }
            };
            let results = accounts::import_workbooks(
                &mut store,
                year.unwrap_or(working_year),
                &files,
                agency.as_deref(),
                &mut progress,
            )?;
            out.print(&results, || {
                let mut lines = Vec::new();
                for r in &results {
                    let who = r.agency_name.clone().unwrap_or_default();
                    match r.status {
                        IntakeStatus::Imported => lines.push(format!(
                            "وارد شد: {} ({who}): {} مقدار خوانده شد، {} تازه، {} تغییر، {} ایراد، {} هشدار.",
                            r.file_name,
                            fa::int(r.values_read),
                            fa::int(r.new_values),
                            fa::int(r.changed_values),
                            fa::count(r.findings.len()),
                            fa::count(r.warnings.len())
                        )),
                        IntakeStatus::Unchanged => {
                            lines.push(format!("بی‌تغییر: {} ({who}) پیش‌تر وارد شده بود.", r.file_name))
                        }
                        IntakeStatus::Refused => lines.push(format!(
                            "رد شد: {}: {}",
                            r.file_name,
                            r.refusal.as_ref().map(|e| e.message.as_str()).unwrap_or_default()
                        )),
                    }
                    lines.extend(
                        r.findings.iter().map(|f| format!("  ایراد {} ({}): {}", f.cell, f.item_code, f.message)),
                    );
                    lines.extend(r.warnings.iter().map(|w| format!("  هشدار: {w}")));
                }
                lines.join("\n")
            });
            if results.iter().any(|r| r.status == IntakeStatus::Refused) {
                return Err(Failure {
                    error: AppError {
                        code: "accounts.intake.refused".into(),
                        message: "برخی کارپوشه‌ها رد شدند؛ پیام هر یک را ببینید.".into(),
                        details: vec![],
                    },
                    fault: Fault::User,
                    checks: false,
                });
            }
            if results.iter().any(|r| !r.findings.is_empty()) {
                return Err(Failure::from(ChecksFound));
            }
        }
    }
    Ok(())
}

/// `accounts package verify`: needs no province file.
fn verify_package(package: &std::path::Path, out: &Out) -> Result<(), Failure> {
    let report = daftar::accounts::package::verify(package)?;
    out.print(&report, || {
        let mut lines = Vec::new();
        if let Some(m) = &report.manifest {
            lines.push(format!(
                "بستهٔ {}سال {} استان {} (الگوی {}، ساخته {}): {} فایل.",
                if m.draft { "پیش‌نویسِ " } else { "" },
                fa::int(m.year),
                m.province,
                m.template_version,
                m.created_at_jalali,
                fa::count(m.files.len())
            ));
        }
        if report.problems.is_empty() {
            lines.push("همهٔ فایل‌ها سالم و با رمزهای manifest یکسان‌اند.".into());
        }
        lines.extend(report.problems.iter().map(|p| format!("ایراد: {p}")));
        lines.join("\n")
    });
    if !report.problems.is_empty() {
        return Err(Failure::from(ChecksFound));
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let json = cli.json;
    // A bug must still end with the documented «internal error» code, not Rust's 101.
    let outcome = std::panic::catch_unwind(|| run(cli)).unwrap_or_else(|_| {
        Err(Failure {
            error: AppError {
                code: "internal.panic".into(),
                message: "خطای درونی برنامه رخ داد و کار نیمه‌تمام ماند؛ پرونده دست‌نخورده است. این پیام را به پشتیبانی بفرستید.".into(),
                details: vec![],
            },
            fault: Fault::Internal,
            checks: false,
        })
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { error, fault, checks }) => {
            if json {
                // With findings the data was printed already; one JSON document per run.
                if !checks {
                    println!("{}", serde_json::json!({ "error": error }));
                }
            } else {
                eprintln!("خطا: {}", error.message);
                for d in &error.details {
                    eprintln!("  - {d}");
                }
            }
            ExitCode::from(match (checks, fault) {
                (true, _) => 1,
                (false, Fault::User) => 2,
                (false, Fault::Internal) => 3,
            })
        }
    }
}
