//! `daftar`: everything the app does, from the command line. Exit codes: 0 ok, 1 checks
//! found problems, 2 bad input or usage, 3 internal error.

use clap::{Args, Parser, Subcommand};
use daftar::agencies::{self, Agency, AgencyInput};
use daftar::fa::{to_persian_digits, JalaliDate};
use daftar::store::{default_actor, NewProvince, Store};
use daftar::{AppError, Fault, Problem};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

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

/// A failure on its way out: the error as the UI would get it, and whose fault it is.
struct Failure {
    error: AppError,
    fault: Fault,
}

impl<E: Problem> From<E> for Failure {
    fn from(e: E) -> Self {
        Self { error: e.to_app_error(), fault: e.fault() }
    }
}

fn usage(message: &str) -> Failure {
    Failure { error: AppError { code: "cli.usage".into(), message: message.into(), details: vec![] }, fault: Fault::User }
}

struct Out {
    json: bool,
}

impl Out {
    /// Print `data` as JSON, or `text` for people.
    fn print<T: Serialize>(&self, data: &T, text: impl FnOnce() -> String) {
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

fn open(cli_file: &Option<PathBuf>, actor: &str) -> Result<Store, Failure> {
    let path = cli_file.as_ref().ok_or_else(|| usage("پروندهٔ استان را با --file یا DAFTAR_FILE بدهید."))?;
    Ok(Store::open(path, actor)?)
}

fn run(cli: Cli) -> Result<(), Failure> {
    let out = Out { json: cli.json };
    let actor = cli.by.clone().unwrap_or_else(default_actor);
    match cli.command {
        Command::Init { province, office, year } => {
            let path = cli.file.as_ref().ok_or_else(|| usage("جای پروندهٔ تازه را با --file بدهید."))?;
            let setup = NewProvince { province, office, working_year: year.unwrap_or_else(|| JalaliDate::today().year) };
            let store = Store::create(path, &setup, &actor)?;
            let info = store.province()?;
            out.print(&info, || format!("پروندهٔ استان {} برای سال {} ساخته شد: {}", info.province, to_persian_digits(&info.working_year.to_string()), info.path));
        }
        Command::Info => {
            let store = open(&cli.file, &actor)?;
            let info = store.province()?;
            out.print(&info, || {
                format!(
                    "استان: {}\nاداره: {}\nسال کاری: {}\nساخته‌شده: {}\nنسخه: {}",
                    info.province,
                    info.office,
                    to_persian_digits(&info.working_year.to_string()),
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
                format!("پروندهٔ نمونهٔ لرستان ساخته شد: {} ({} دستگاه)", target.display(), to_persian_digits(&report.added.to_string()))
            });
        }
        Command::Agencies(command) => {
            let mut store = open(&cli.file, &actor)?;
            match command {
                AgencyCommand::Import { xlsx } => {
                    let r = agencies::import_xlsx(&mut store, &xlsx)?;
                    out.print(&r, || {
                        format!(
                            "{}: {} ردیف خوانده شد؛ {} تازه، {} به‌روز، {} بی‌تغییر، {} گروه تازه.",
                            r.file_name,
                            to_persian_digits(&r.rows_read.to_string()),
                            to_persian_digits(&r.added.to_string()),
                            to_persian_digits(&r.updated.to_string()),
                            to_persian_digits(&r.unchanged.to_string()),
                            to_persian_digits(&r.groups_added.to_string())
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
                    let a = agencies::edit(&mut store, &current_code, &fields.apply(existing.to_input()), reason.as_deref())?;
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
        })
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { error, fault }) => {
            if json {
                println!("{}", serde_json::json!({ "error": error }));
            } else {
                eprintln!("خطا: {}", error.message);
                for d in &error.details {
                    eprintln!("  - {d}");
                }
            }
            ExitCode::from(match fault {
                Fault::User => 2,
                Fault::Internal => 3,
            })
        }
    }
}
