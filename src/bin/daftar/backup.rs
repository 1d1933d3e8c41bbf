//! `daftar backup list | make | restore | settings`: backups of the province file. `list` and
//! `restore` work on a damaged file too (it is not opened then).
//!
//! The CLI does not back up when a command ends: a script runs many short commands, and a copy
//! at each exit would push the useful ones (the first of the day, those before an approval, a
//! package or an intake, which the commands make themselves) out of «the last ten».

use crate::out::{damaged_failure, now, province_path, usage, warn_all, Failure, Out};
use clap::Subcommand;
use daftar::backup::{self, BackupLocation, BackupRef, BackupSettings, Rotation};
use daftar::fa;
use daftar::store::Store;
use std::io::BufRead;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub(crate) enum BackupCommand {
    /// The backups, newest first: date, size, years, reason and what was done since.
    List,
    /// Make a verified backup now.
    Make,
    /// Put a backup (a name from `list`) in place of the file; the current file is kept aside first.
    Restore {
        backup: String,
        /// The backup is in the second folder.
        #[arg(long)]
        second: bool,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Show the settings, or change them: the second folder ("" for none) and the rotation.
    Settings {
        #[arg(long)]
        second_folder: Option<String>,
        #[arg(long)]
        keep_last: Option<u32>,
        #[arg(long)]
        keep_days: Option<u32>,
        #[arg(long)]
        keep_months: Option<u32>,
    },
}

pub(crate) fn run(command: BackupCommand, file: &Option<PathBuf>, actor: &str, out: &Out) -> Result<(), Failure> {
    let path = province_path(file)?;
    match command {
        BackupCommand::List => list(path, actor, out),
        BackupCommand::Make => {
            let mut store =
                Store::open(path, actor).map_err(|e| damaged_failure(path, backup::BackupError::Store(e)))?;
            let made = backup::make(&store, backup::BackupReason::Manual, now())?;
            warn_all(&mut store);
            for warning in &made.warnings {
                eprintln!("هشدار: {warning}");
            }
            out.print(&made, || format!("پشتیبان ساخته و بازبینی شد: {}\n{}", made.name, made.written.join("\n")));
            Ok(())
        }
        BackupCommand::Restore { backup, second, yes } => restore(path, &backup, second, yes, actor, out),
        BackupCommand::Settings { second_folder, keep_last, keep_days, keep_months } => {
            let mut store = Store::open(path, actor)?;
            let old = backup::settings(store.conn())?;
            let asked = second_folder.is_some() || keep_last.is_some() || keep_days.is_some() || keep_months.is_some();
            let settings = if asked {
                let rotation = Rotation {
                    keep_last: keep_last.unwrap_or(old.rotation.keep_last),
                    keep_days: keep_days.unwrap_or(old.rotation.keep_days),
                    keep_months: keep_months.unwrap_or(old.rotation.keep_months),
                };
                let new = BackupSettings { second_folder: second_folder.unwrap_or(old.second_folder), rotation };
                backup::set_settings(&mut store, &new)?
            } else {
                old
            };
            out.print(&settings, || settings_text(&settings));
            Ok(())
        }
    }
}

/// The file opened when it can be (for «what was done since»), without a daily backup.
fn open_if_possible(path: &Path, actor: &str) -> Option<Store> {
    Store::open(path, actor).ok()
}

fn list(path: &Path, actor: &str, out: &Out) -> Result<(), Failure> {
    let store = open_if_possible(path, actor);
    let settings = backup::settings_or_default(store.as_ref());
    let listed = backup::list(path, store.as_ref().map(Store::conn), &settings);
    out.print(&listed, || {
        if listed.backups.is_empty() {
            return format!("پشتیبانی در «{}» نیست.", listed.folders.join("» و «"));
        }
        let lines = listed.backups.iter().map(|b| {
            let years: Vec<String> = b.years.iter().map(|y| fa::int(*y)).collect();
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}{}",
                b.name,
                b.made_at_jalali,
                b.size_label,
                years.join("، "),
                b.reason_label,
                b.since.as_ref().map(|s| s.summary.as_str()).unwrap_or("—"),
                if b.location == BackupLocation::Second { "\t(پوشهٔ دوم)" } else { "" }
            )
        });
        lines.collect::<Vec<_>>().join("\n")
    });
    Ok(())
}

fn restore(path: &Path, name: &str, second: bool, yes: bool, actor: &str, out: &Out) -> Result<(), Failure> {
    let mut slot = open_if_possible(path, actor);
    let settings = backup::settings_or_default(slot.as_ref());
    let location = if second { BackupLocation::Second } else { BackupLocation::Beside };
    let choice = BackupRef { name: name.to_string(), location };
    if !yes && !confirmed(path, name)? {
        return Err(usage("بازگردانی انجام نشد (تأیید نشد)."));
    }
    let restored = backup::restore(&mut slot, path, &choice, &settings, actor, now())?;
    out.print(&restored, || {
        format!("پشتیبان «{}» بازگردانده شد. پروندهٔ پیشین کنار گذاشته شد: {}", restored.name, restored.aside)
    });
    Ok(())
}

/// Ask on the terminal; without an answer (no terminal) the restore does not happen.
fn confirmed(path: &Path, name: &str) -> Result<bool, Failure> {
    eprintln!("پروندهٔ «{}» با پشتیبان «{name}» جایگزین شود؟ (بله/خیر)", path.display());
    let mut answer = String::new();
    let read = std::io::stdin().lock().read_line(&mut answer).unwrap_or(0);
    if read == 0 {
        return Err(usage("برای بازگردانی بی‌پرسش، --yes را بیفزایید."));
    }
    Ok(matches!(answer.trim(), "بله" | "ب" | "y" | "yes"))
}

fn settings_text(s: &BackupSettings) -> String {
    let second = if s.second_folder.is_empty() { "—".to_string() } else { s.second_folder.clone() };
    format!(
        "پوشهٔ دوم: {second}\nنگه‌داری: {} پشتیبان واپسین، یکی در روز تا {} روز، یکی در ماه تا {} ماه",
        fa::int(s.rotation.keep_last),
        fa::int(s.rotation.keep_days),
        fa::int(s.rotation.keep_months)
    )
}
