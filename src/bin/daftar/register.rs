//! `daftar register …`: the letter register (دبیرخانه) of both services: list and search it,
//! write it to an .xlsx, log an incoming letter or objection, set the numbering pattern.

use crate::out::{open, Failure, Out};
use clap::Subcommand;
use daftar::fa;
use daftar::register::{self, IncomingInput, RegisterEntry, RegisterFilter};
use std::path::PathBuf;

#[derive(Subcommand)]
pub(crate) enum RegisterCommand {
    /// The entries, newest first: one agency's (--agency), those containing --query.
    List {
        #[arg(long)]
        agency: Option<String>,
        #[arg(long, default_value = "")]
        query: String,
    },
    /// Write the entries (filtered as `list` does) to an .xlsx workbook.
    Export {
        #[arg(long)]
        agency: Option<String>,
        #[arg(long, default_value = "")]
        query: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Log an incoming letter or objection by hand, with the sender's reference.
    LogIn {
        /// accounts or evaluation.
        #[arg(long)]
        service: String,
        #[arg(long)]
        agency: String,
        /// letter or objection.
        #[arg(long, default_value = "letter")]
        kind: String,
        /// Jalali, e.g. 1403/02/11 (default: today).
        #[arg(long, default_value = "")]
        date: String,
        #[arg(long)]
        subject: String,
        /// The sender's number and date, e.g. «۱۲۳۴/ص مورخ ۱۴۰۳/۰۲/۱۰».
        #[arg(long)]
        reference: String,
    },
    /// Show the numbering pattern, or set it with --set (it must hold {seq}; {year} is the year).
    Pattern {
        #[arg(long)]
        set: Option<String>,
    },
}

pub(crate) fn run(command: RegisterCommand, file: &Option<PathBuf>, actor: &str, out: &Out) -> Result<(), Failure> {
    let mut store = open(file, actor)?;
    match command {
        RegisterCommand::List { agency, query } => {
            let rows = register::list(store.conn(), &RegisterFilter { agency, query })?;
            out.print(&rows, || rows.iter().map(line).collect::<Vec<_>>().join("\n"));
        }
        RegisterCommand::Export { agency, query, out: path } => {
            let count = register::export_xlsx(store.conn(), &RegisterFilter { agency, query }, &path)?;
            let written = serde_json::json!({ "path": path.display().to_string(), "entries": count });
            out.print(&written, || format!("نوشته شد: {} ({} ثبت)", path.display(), fa::int(count)));
        }
        RegisterCommand::LogIn { service, agency, kind, date, subject, reference } => {
            let input = IncomingInput { service, agency_code: agency, kind, date, subject, reference };
            let entry = register::log_incoming(&mut store, &input)?;
            out.print(&entry, || format!("ثبت شد: {}", line(&entry)));
        }
        RegisterCommand::Pattern { set } => {
            let pattern = match set {
                Some(text) => register::set_pattern(&mut store, &text)?,
                None => register::pattern(store.conn())?,
            };
            out.print(&serde_json::json!({ "pattern": pattern }), || format!("الگوی شماره: {pattern}"));
        }
    }
    Ok(())
}

/// «1403/5/ص  ۱۴۰۳/۰۲/۱۰  صادره  101 نام دستگاه  نوع  موضوع  مرجع»
fn line(e: &RegisterEntry) -> String {
    let direction = if e.direction == "out" { "صادره" } else { "وارده" };
    format!(
        "{}\t{}\t{direction}\t{} {}\t{}\t{}\t{}",
        e.number.as_deref().map(fa::text_digits).unwrap_or_else(|| "—".into()),
        fa::JalaliDate::display_stored(&e.entry_date),
        e.agency_code,
        e.agency_name,
        e.kind_label,
        e.subject,
        e.reference
    )
}
