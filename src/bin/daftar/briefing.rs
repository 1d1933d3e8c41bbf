//! `daftar briefing …`: briefing sessions of either service (evaluation step 4, regional
//! accounts step 3): plan one, invite agencies, print the letters and the attendance sheet,
//! record who came.

use crate::out::{file_failure, open, today_or, Failure, Out};
use clap::Subcommand;
use daftar::briefing::{self, AttendanceInput, Briefing, BriefingInput, Service};
use daftar::fa;
use daftar::store::Store;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub(crate) enum BriefingCommand {
    /// Plan a session: its date (Jalali), time, place and title.
    Create {
        /// accounts or evaluation.
        #[arg(long)]
        service: String,
        #[arg(long)]
        year: Option<i32>,
        /// Jalali, e.g. 1403/02/11.
        #[arg(long)]
        date: String,
        /// e.g. 09:30.
        #[arg(long)]
        time: String,
        #[arg(long)]
        place: String,
        /// Default: the service's usual title.
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long, default_value = "")]
        letter_number: String,
        /// The invitations' date (default: the day they are printed).
        #[arg(long, default_value = "")]
        letter_date: String,
    },
    /// The sessions of a service's year.
    List {
        #[arg(long)]
        service: String,
        #[arg(long)]
        year: Option<i32>,
    },
    /// One session with its invited agencies and their attendance.
    Show { id: i64 },
    /// Invite agencies (by code), or every active agency with --all.
    Invite {
        id: i64,
        agencies: Vec<String>,
        #[arg(long, conflicts_with = "agencies")]
        all: bool,
    },
    /// Withdraw an invitation sent by mistake.
    Uninvite {
        id: i64,
        agency: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Record who came, after the session: --present CODE or CODE=«attendee», --absent CODE.
    Attendance {
        id: i64,
        #[arg(long, value_name = "CODE[=NAME]")]
        present: Vec<String>,
        #[arg(long, value_name = "CODE")]
        absent: Vec<String>,
    },
    /// Write the invitation letters (one page per invited agency), or with --sheet the attendance sheet.
    Letters {
        id: i64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        sheet: bool,
    },
}

pub(crate) fn run(
    command: BriefingCommand,
    file: &Option<PathBuf>,
    today: Option<&str>,
    actor: &str,
    out: &Out,
) -> Result<(), Failure> {
    let today = today_or(today)?;
    let mut store = open(file, actor)?;
    let working_year = store.province()?.working_year;
    let store = &mut store;
    match command {
        BriefingCommand::Create { service, year, date, time, place, title, letter_number, letter_date } => {
            let input = BriefingInput {
                service: Service::parse(&service)?,
                year: year.unwrap_or(working_year),
                title,
                held_on: date,
                starts_at: time,
                place,
                letter_number,
                letter_date,
            };
            show(out, &briefing::create(store, &input, today)?)
        }
        BriefingCommand::List { service, year } => {
            let list = briefing::list(store, Service::parse(&service)?, year.unwrap_or(working_year), today)?;
            out.print(&list, || list.iter().map(summary).collect::<Vec<_>>().join("\n"));
            Ok(())
        }
        BriefingCommand::Show { id } => show(out, &briefing::briefing(store, id, today)?),
        BriefingCommand::Invite { id, agencies, all } => {
            let codes = if all { active_codes(store)? } else { agencies };
            show(out, &briefing::invite(store, id, &codes, today)?)
        }
        BriefingCommand::Uninvite { id, agency, reason } => {
            show(out, &briefing::uninvite(store, id, &agency, &reason, today)?)
        }
        BriefingCommand::Attendance { id, present, absent } => {
            let entries = attendance(&present, &absent);
            show(out, &briefing::record_attendance(store, id, &entries, today)?)
        }
        BriefingCommand::Letters { id, out: path, sheet } => letters(store, id, &path, sheet, out),
    }
}

fn active_codes(store: &Store) -> Result<Vec<String>, Failure> {
    Ok(daftar::agencies::list(store, "", false)?.into_iter().map(|a| a.code).collect())
}

/// `--present 202=«name»`, `--present 202`, `--absent 501` as attendance entries.
fn attendance(present: &[String], absent: &[String]) -> Vec<AttendanceInput> {
    let came = present.iter().map(|p| {
        let (code, name) = p.split_once('=').unwrap_or((p, ""));
        AttendanceInput { agency: code.trim().into(), present: true, attendee: name.trim().into() }
    });
    let missed =
        absent.iter().map(|c| AttendanceInput { agency: c.trim().into(), present: false, attendee: String::new() });
    came.chain(missed).collect()
}

fn letters(store: &Store, id: i64, path: &Path, sheet: bool, out: &Out) -> Result<(), Failure> {
    let made = if sheet {
        daftar::reports::attendance_sheet(store, id)?
    } else {
        daftar::reports::invitation_letters(store, id)?
    };
    std::fs::write(path, &made.pdf).map_err(|e| file_failure(format!("«{}» نوشته نشد", path.display()), &e))?;
    out.print(&serde_json::json!({ "path": path.display().to_string(), "pages": made.pages }), || {
        format!("نوشته شد: {} ({} صفحه)", path.display(), fa::int(made.pages))
    });
    Ok(())
}

fn summary(b: &Briefing) -> String {
    let came = b.invitees.iter().filter(|i| i.present == Some(true)).count();
    format!(
        "{}. {} — {} ساعت {}، {} — {} دستگاه دعوت‌شده، {} حاضر",
        fa::int(b.id),
        b.title,
        b.held_on,
        fa::text_digits(&b.starts_at),
        b.place,
        fa::count(b.invitees.len()),
        fa::count(came)
    )
}

fn show(out: &Out, b: &Briefing) -> Result<(), Failure> {
    out.print(b, || {
        let mut lines = vec![summary(b)];
        for i in &b.invitees {
            let state = match i.present {
                None => "ثبت‌نشده".to_string(),
                Some(false) => "غایب".to_string(),
                Some(true) if i.attendee.is_empty() => "حاضر".to_string(),
                Some(true) => format!("حاضر: {}", i.attendee),
            };
            lines.push(format!("  {} {} — {state}", i.agency_code, i.agency_name));
        }
        lines.join("\n")
    });
    Ok(())
}
