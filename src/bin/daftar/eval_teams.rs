//! `daftar eval teams …`: the evaluator teams of a year (seed step 13), their agencies, their
//! evaluator workbooks and their progress.

use crate::out::{Failure, Out};
use clap::{Args, Subcommand};
use daftar::evaluation::teams::{self, Team, TeamInput, TeamMemberInput, TeamProgress};
use daftar::evaluation::view;
use daftar::fa::{self, JalaliDate};
use daftar::store::Store;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum TeamsCommand {
    /// The teams with their evaluators and agencies, and the agencies in no team.
    List(TeamYear),
    /// A new team: --member for each evaluator's name, --committee-member for a committee member's id.
    Create {
        name: String,
        #[command(flatten)]
        members: MemberArgs,
        #[command(flatten)]
        year: TeamYear,
    },
    /// Rename a team.
    Rename {
        id: i64,
        name: String,
        #[command(flatten)]
        year: TeamYear,
    },
    /// Replace a team's evaluators.
    Members {
        id: i64,
        #[command(flatten)]
        members: MemberArgs,
        #[command(flatten)]
        year: TeamYear,
    },
    /// Delete a team (refused while agencies are assigned to it).
    Delete {
        id: i64,
        #[command(flatten)]
        year: TeamYear,
    },
    /// Assign agencies (codes) to a team; an agency in another team is refused.
    Assign {
        id: i64,
        #[arg(required = true)]
        agencies: Vec<String>,
        #[command(flatten)]
        year: TeamYear,
    },
    /// Take agencies (codes) out of their team.
    Unassign {
        #[arg(required = true)]
        agencies: Vec<String>,
        #[command(flatten)]
        year: TeamYear,
    },
    /// Write the team's evaluator workbooks (one per agency of the team) into --out.
    Workbooks {
        id: i64,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        year: TeamYear,
    },
    /// Each team's agencies and the evaluator scores entered of their indicators.
    Progress(TeamYear),
}

#[derive(Args)]
pub struct TeamYear {
    /// Jalali year evaluated (default: the file's working year).
    #[arg(long)]
    year: Option<i32>,
}

#[derive(Args)]
pub struct MemberArgs {
    /// An evaluator's name (repeat for each).
    #[arg(long = "member")]
    names: Vec<String>,
    /// The id of a committee member (`daftar eval committee`) who evaluates (repeat for each).
    #[arg(long = "committee-member")]
    committee: Vec<i64>,
}

impl MemberArgs {
    fn inputs(self) -> Vec<TeamMemberInput> {
        let chosen =
            self.committee.into_iter().map(|id| TeamMemberInput { committee_member_id: Some(id), name: String::new() });
        chosen.chain(self.names.into_iter().map(|name| TeamMemberInput { committee_member_id: None, name })).collect()
    }
}

pub fn run(
    store: &mut Store,
    working_year: i32,
    today: JalaliDate,
    out: &Out,
    command: TeamsCommand,
) -> Result<(), Failure> {
    let year = |y: &TeamYear| y.year.unwrap_or(working_year);
    use TeamsCommand as C;
    match command {
        C::List(y) => list(store, year(&y), out),
        C::Create { name, members, year: y } => {
            let t = teams::create_team(store, year(&y), &TeamInput { name, members: members.inputs() })?;
            print_team(out, &t, "ساخته شد")
        }
        C::Rename { id, name, year: y } => {
            let members = current_members(store, year(&y), id)?;
            let t = teams::edit_team(store, year(&y), id, &TeamInput { name, members })?;
            print_team(out, &t, "به‌روز شد")
        }
        C::Members { id, members, year: y } => {
            let name = current(store, year(&y), id)?.name;
            let t = teams::edit_team(store, year(&y), id, &TeamInput { name, members: members.inputs() })?;
            print_team(out, &t, "به‌روز شد")
        }
        C::Delete { id, year: y } => {
            teams::delete_team(store, year(&y), id)?;
            out.print(&id, || format!("تیم {} حذف شد.", fa::int(id)));
            Ok(())
        }
        C::Assign { id, agencies, year: y } => {
            let t = teams::assign(store, year(&y), id, &agencies)?;
            print_team(out, &t, "دستگاه‌ها سپرده شد")
        }
        C::Unassign { agencies, year: y } => {
            let n = teams::unassign(store, year(&y), &agencies)?;
            out.print(&n, || format!("{} دستگاه از تیم‌شان برداشته شد.", fa::int(n)));
            Ok(())
        }
        C::Workbooks { id, out: dir, year: y } => workbooks(store, year(&y), id, &dir, out),
        C::Progress(y) => progress(store, year(&y), today, out),
    }
}

fn current(store: &Store, year: i32, id: i64) -> Result<Team, Failure> {
    let found = teams::teams(store.conn(), year)?.into_iter().find(|t| t.id == id);
    Ok(found.ok_or(daftar::evaluation::EvaluationError::UnknownTeam { id })?)
}

fn current_members(store: &Store, year: i32, id: i64) -> Result<Vec<TeamMemberInput>, Failure> {
    Ok(current(store, year, id)?
        .members
        .into_iter()
        .map(|m| TeamMemberInput { committee_member_id: m.committee_member_id, name: m.name })
        .collect())
}

fn print_team(out: &Out, t: &Team, what: &str) -> Result<(), Failure> {
    out.print(t, || format!("{what}: {}", team_line(t)));
    Ok(())
}

fn list(store: &Store, year: i32, out: &Out) -> Result<(), Failure> {
    let v = teams::teams_view(store.conn(), year)?;
    out.print(&v, || {
        let mut lines: Vec<String> = v.teams.iter().map(team_line).collect();
        let free: Vec<String> =
            v.agencies.iter().filter(|a| a.team_id.is_none()).map(|a| format!("{} {}", a.code, a.name)).collect();
        if !free.is_empty() {
            lines.push(format!("بی‌تیم ({}): {}", fa::count(free.len()), free.join("، ")));
        }
        if lines.is_empty() {
            lines.push("هنوز تیمی ساخته نشده است.".into());
        }
        lines.join("\n")
    });
    Ok(())
}

fn team_line(t: &Team) -> String {
    let members: Vec<&str> = t.members.iter().map(|m| m.name.as_str()).collect();
    let agencies: Vec<&str> = t.agencies.iter().map(|a| a.code.as_str()).collect();
    format!(
        "{}\t{}\tارزیاب‌ها: {}\tدستگاه‌ها ({}): {}",
        fa::int(t.id),
        t.name,
        members.join("، "),
        fa::count(agencies.len()),
        agencies.join(" ")
    )
}

fn workbooks(store: &mut Store, year: i32, id: i64, dir: &Path, out: &Out) -> Result<(), Failure> {
    let written = teams::write_workbooks(store, year, id, dir)?;
    out.print(&written, || {
        let mut lines: Vec<String> =
            written.iter().map(|w| format!("{} ({} شاخص)", w.file_name, fa::int(w.indicators))).collect();
        lines.push(format!("{} کارپوشهٔ ارزیاب در {} نوشته شد.", fa::count(written.len()), dir.display()));
        lines.join("\n")
    });
    Ok(())
}

fn progress(store: &Store, year: i32, today: JalaliDate, out: &Out) -> Result<(), Failure> {
    let o = view::overview(store.conn(), year, today)?;
    let rows: &Vec<TeamProgress> = &o.teams;
    out.print(&serde_json::json!({ "teams": rows, "unassigned": o.unassigned }), || {
        let mut lines: Vec<String> = rows
            .iter()
            .map(|t| {
                format!(
                    "{}\t{} دستگاه\tامتیاز ارزیاب: {}",
                    t.name,
                    fa::int(t.agencies),
                    fa::of(t.scored as usize, t.indicators as usize)
                )
            })
            .collect();
        if !o.unassigned.is_empty() {
            lines.push(format!("بی‌تیم: {} دستگاه ({})", fa::count(o.unassigned.len()), o.unassigned.join(" ")));
        }
        lines.join("\n")
    });
    Ok(())
}
