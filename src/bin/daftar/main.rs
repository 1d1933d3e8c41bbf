//! `daftar`: everything the app does, from the command line. Exit codes: 0 ok, 1 checks
//! found problems, 2 bad input or usage, 3 internal error.

use clap::{Parser, Subcommand};
use daftar::store::default_actor;
use std::path::PathBuf;
use std::process::ExitCode;

mod accounts;
mod agencies;
mod backup;
mod briefing;
mod eval_teams;
mod evaluation;
mod followup;
mod out;
mod province;
mod register;
mod reports;

use out::{Failure, Out};

#[derive(Parser)]
#[command(name = "daftar", version, about = "دفتر: حساب‌های منطقه‌ای و ارزیابی عملکرد دستگاه‌های اجرایی استان")]
struct Cli {
    /// The province file (or DAFTAR_FILE).
    #[arg(long, global = true, env = "DAFTAR_FILE")]
    file: Option<PathBuf>,
    /// Print data and errors as JSON.
    #[arg(long, global = true)]
    json: bool,
    /// Open the province file for viewing and printing only: nothing is written to it.
    #[arg(long, global = true, env = "DAFTAR_READ_ONLY")]
    read_only: bool,
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
    Agencies(agencies::AgencyCommand),
    /// Regional accounts: template, assignments, agency workbooks, intake.
    #[command(subcommand)]
    Accounts(accounts::AccountsCommand),
    /// Performance evaluation of the agencies: cycle, catalog, scores, objections, approval, festival.
    #[command(subcommand)]
    Eval(evaluation::EvalCommand),
    /// Briefing sessions of either service: plan, invite, letters, attendance.
    #[command(subcommand)]
    Briefing(briefing::BriefingCommand),
    /// Documents as PDF or Excel: letters, reports, certificates, the results booklet.
    #[command(subcommand)]
    Report(reports::ReportCommand),
    /// The letter register (دبیرخانه): numbered letters out, workbooks and letters in.
    #[command(subcommand)]
    Register(register::RegisterCommand),
    // Follow-up (issue 14 item 2)
    /// Follow-up of both services: who is late (the board) and the reminder letters.
    #[command(subcommand)]
    Followup(followup::FollowupCommand),
    /// Backups of the province file: list them, make one now, restore one, their settings.
    #[command(subcommand)]
    Backup(backup::BackupCommand),
    /// The changes recorded in the audit log, newest first: filtered, or written to an .xlsx.
    Audit(province::AuditArgs),
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

fn run(cli: Cli) -> Result<(), Failure> {
    let out = Out { json: cli.json };
    let actor = cli.by.clone().unwrap_or_else(default_actor);
    let file = &cli.file;
    match cli.command {
        Command::Init { province, office, year } => province::init(file, province, office, year, &actor, &out),
        Command::Info => province::info(file, &actor, &out),
        Command::Audit(args) => province::audit(file, args, &actor, &out),
        Command::Demo { out: target, fixtures, force } => {
            province::demo(target.or(file.clone()), fixtures, force, &actor, &out)
        }
        Command::Agencies(command) => agencies::run(command, file, &actor, &out),
        Command::Accounts(command) => accounts::run(command, file, &actor, &out),
        Command::Eval(command) => evaluation::run(command, file, cli.today.as_deref(), &actor, &out),
        Command::Report(command) => reports::run(command, file, &actor, &out),
        Command::Briefing(command) => briefing::run(command, file, cli.today.as_deref(), &actor, &out),
        Command::Register(command) => register::run(command, file, &actor, &out),
        Command::Followup(command) => followup::run(command, file, cli.today.as_deref(), &actor, &out),
        Command::Backup(command) => backup::run(command, file, &actor, &out),
    }
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
    out::READ_ONLY.store(cli.read_only, std::sync::atomic::Ordering::Relaxed);
    let _ = out::TODAY.set(cli.today.as_deref().and_then(|t| daftar::fa::JalaliDate::parse(t).ok()));
    let outcome = std::panic::catch_unwind(|| run(cli)).unwrap_or_else(|_| Err(Failure::panic()));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(json),
    }
}
