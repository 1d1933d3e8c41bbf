//! `daftar followup …`: who is late on either service (the board), and the reminder letters to
//! the late agencies (one PDF, one numbered page each; feedback workbooks beside it).

use crate::out::{open, today_or, Failure, Out};
use clap::Subcommand;
use daftar::fa;
use daftar::followup::{self, Board, LateRow, RemindResult};
use std::path::PathBuf;

#[derive(Subcommand)]
pub(crate) enum FollowupCommand {
    /// Who is late, why, by how many days, and the last letter sent to them.
    Board {
        /// Jalali year (default: the working year).
        #[arg(long)]
        year: Option<i32>,
    },
    /// Reminder letters to every late agency (or those named by --agency), one PDF in --out,
    /// each page numbered by the register; --preview takes no number.
    Remind {
        #[arg(long)]
        year: Option<i32>,
        /// An agency's code; repeat for several (default: every late agency).
        #[arg(long)]
        agency: Vec<String>,
        /// The folder the PDF (and the feedback workbooks) are written to.
        #[arg(long)]
        out: PathBuf,
        /// A draft: no number, nothing registered, no feedback workbook.
        #[arg(long)]
        preview: bool,
    },
}

pub(crate) fn run(
    command: FollowupCommand,
    file: &Option<PathBuf>,
    today: Option<&str>,
    actor: &str,
    out: &Out,
) -> Result<(), Failure> {
    let today = today_or(today)?;
    let mut store = open(file, actor)?;
    let working_year = store.province()?.working_year;
    match command {
        FollowupCommand::Board { year } => {
            let board = followup::board(&store, year.unwrap_or(working_year), today)?;
            out.print(&board, || board_text(&board));
        }
        FollowupCommand::Remind { year, agency, out: dir, preview } => {
            let year = year.unwrap_or(working_year);
            std::fs::create_dir_all(&dir).map_err(|e| followup::FollowupError::Folder {
                path: dir.display().to_string(),
                detail: e.to_string(),
            })?;
            let path = dir.join(followup::suggested_file_name(year, today));
            let result = followup::remind(&mut store, year, &agency, today, &path, preview)?;
            out.print(&result, || remind_text(&result));
        }
    }
    Ok(())
}

fn board_text(board: &Board) -> String {
    if board.rows.is_empty() {
        return format!("در سال {} تا امروز {} هیچ دستگاهی تأخیر ندارد.", fa::int(board.year), board.today);
    }
    let mut lines = vec![format!(
        "پیگیری سال {} — امروز {}: {} مورد، {} دستگاه برای یادآوری",
        fa::int(board.year),
        board.today,
        fa::count(board.rows.len()),
        fa::count(board.late_agencies.len())
    )];
    lines.extend(board.rows.iter().map(row_text));
    lines.join("\n")
}

fn row_text(r: &LateRow) -> String {
    let letter = match &r.last_letter {
        Some(l) => format!(
            "آخرین نامه: {} {} ({})",
            l.kind_label,
            fa::to_persian_digits(l.number.as_deref().unwrap_or("—")),
            l.date
        ),
        None => "بی‌نامه".to_string(),
    };
    format!(
        "{}\t{} {}\t{}\tمهلت {}\t{} روز\t{}",
        r.service_label,
        fa::code(&r.agency_code),
        r.agency_name,
        r.reason,
        r.due,
        fa::int(r.days_late),
        letter
    )
}

fn remind_text(r: &RemindResult) -> String {
    let mut lines = vec![format!("نوشته شد: {} ({} نامه)", r.saved.path, fa::count(r.agencies.len()))];
    if r.draft {
        lines.push("پیش‌نویس: شماره‌ای گرفته نشد.".to_string());
    } else {
        let numbers: Vec<String> = r.saved.numbers.iter().map(|n| fa::to_persian_digits(n)).collect();
        lines.push(format!("شماره‌ها: {}", numbers.join("، ")));
    }
    lines.extend(r.feedback.iter().map(|w| format!("کارپوشهٔ بازخورد: {}", w.path)));
    lines.join("\n")
}
