//! `daftar agencies …`: the province's agency directory.

use crate::out::{open, Failure, Out};
use clap::{Args, Subcommand};
use daftar::agencies::{self, Agency, AgencyInput, ImportReport};
use daftar::fa;
use daftar::store::Store;
use std::path::PathBuf;

#[derive(Subcommand)]
pub(crate) enum AgencyCommand {
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
pub(crate) struct AgencyFields {
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

pub(crate) fn run(command: AgencyCommand, file: &Option<PathBuf>, actor: &str, out: &Out) -> Result<(), Failure> {
    let mut store = open(file, actor)?;
    match command {
        AgencyCommand::Import { xlsx } => {
            let r = agencies::import_xlsx(&mut store, &xlsx)?;
            out.print(&r, || import_text(&r));
        }
        AgencyCommand::List { search, all } => {
            let list = agencies::list(&store, &search, all)?;
            out.print(&list, || list.iter().map(agency_line).collect::<Vec<_>>().join("\n"));
        }
        AgencyCommand::Add(fields) => {
            let a = agencies::add(&mut store, &fields.apply(AgencyInput::default()))?;
            print_agency(out, "افزوده شد", &a);
        }
        AgencyCommand::Edit { current_code, fields, reason } => {
            let a = edit(&mut store, &current_code, fields, reason.as_deref())?;
            print_agency(out, "ویرایش شد", &a);
        }
        AgencyCommand::Deactivate { code, reason } => {
            let a = agencies::set_active(&mut store, &code, false, Some(&reason))?;
            print_agency(out, "غیرفعال شد", &a);
        }
        AgencyCommand::Activate { code, reason } => {
            let a = agencies::set_active(&mut store, &code, true, reason.as_deref())?;
            print_agency(out, "فعال شد", &a);
        }
    }
    Ok(())
}

/// Only the fields given change; the rest stay as they are.
fn edit(store: &mut Store, code: &str, fields: AgencyFields, reason: Option<&str>) -> Result<Agency, Failure> {
    let existing = agencies::find(store, code)?;
    Ok(agencies::edit(store, code, &fields.apply(existing.to_input()), reason)?)
}

fn print_agency(out: &Out, what: &str, a: &Agency) {
    out.print(a, || format!("{what}: {}", agency_line(a)));
}

fn import_text(r: &ImportReport) -> String {
    format!(
        "{}: {} ردیف خوانده شد؛ {} تازه، {} به‌روز، {} بی‌تغییر، {} گروه تازه.",
        r.file_name,
        fa::int(r.rows_read),
        fa::int(r.added),
        fa::int(r.updated),
        fa::int(r.unchanged),
        fa::int(r.groups_added)
    )
}

fn agency_line(a: &Agency) -> String {
    format!(
        "{}\t{}\t{}\t{}{}",
        fa::code(&a.code),
        a.name,
        a.group.as_deref().unwrap_or("-"),
        if a.focal_person.is_empty() { "بدون کارشناس رابط" } else { &a.focal_person },
        if a.active { "" } else { "\t(غیرفعال)" }
    )
}
