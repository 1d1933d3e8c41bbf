//! `daftar accounts …`: the regional accounts of a year, the same operations as the app.

use crate::out::{open, some_refused, usage, ChecksFound, Failure, Out};
use clap::Subcommand;
use daftar::accounts::assign::{self, AssignmentOverview};
use daftar::accounts::checks::{self, CheckRun};
use daftar::accounts::dispatch;
use daftar::accounts::package::{self, Manifest, VerifyReport};
use daftar::accounts::review::{self, Dashboard, TableStatus};
use daftar::accounts::signing::{self, ExpectedKey};
use daftar::accounts::years::{self, ReuseReport, TemplateImport};
use daftar::accounts::AccountsError;
use daftar::accounts::{
    self, explanations, feedback, values, GeneratedWorkbook, IntakeResult, Severity, TemplateImportReport,
};
use daftar::fa::{self, JalaliDate};
use daftar::issued::{Change, IntakeStatus};
use daftar::store::Store;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub(crate) enum AccountsCommand {
    /// Import (or revise) the template of tables of a year (default: the working year). A file
    /// whose «سال» differs is refused unless --as-year says to file it under --year anyway.
    Template {
        xlsx: PathBuf,
        #[arg(long)]
        year: Option<i32>,
        /// File it under --year although the file says another year.
        #[arg(long, requires = "year")]
        as_year: bool,
    },
    /// Give this year's unassigned items the suppliers they had last year (matched by item code).
    ReuseAssignments {
        #[arg(long)]
        year: Option<i32>,
    },
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
    /// Explain a warning for one agency it names (required before approving its part); it
    /// stands while the warning cites the same values.
    Explain {
        rule: String,
        text: String,
        /// The agency whose items the warning names.
        #[arg(long)]
        agency: String,
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
    /// unless --draft), signed with the office's key; `package verify FILE.zip` re-checks one,
    /// `package key` prints the key's fingerprint to register with the Centre.
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
    /// The Statistical Centre's letter asking for the year's data, which the request letters and
    /// the package's cover letter answer.
    #[command(subcommand)]
    RequestLetter(RequestLetterAction),
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
pub(crate) enum PackageAction {
    /// Re-check a package's signature, hashes, files and counts; exit 1 when something is
    /// wrong, 2 when the file is not a package.
    Verify {
        #[arg(value_name = "FILE.zip")]
        package: PathBuf,
        /// The office's registered key: its fingerprint or its public key (hex).
        #[arg(long, value_name = "FINGERPRINT_OR_PUBKEY")]
        key: Option<String>,
    },
    /// The office's public key and its fingerprint (made on first use), to register with the Centre.
    Key,
    /// The packages written for the year and the day each was sent.
    List {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Record the day a package (by its number in `package list`) was sent to the Centre.
    MarkSent {
        id: i64,
        /// Jalali (default: today).
        #[arg(long)]
        date: Option<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum RequestLetterAction {
    /// Record the Centre's letter (number and Jalali date); both empty clear it.
    Set {
        #[arg(long)]
        number: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        year: Option<i32>,
    },
}

/// The province file a command works on, and where it prints.
struct Accounts<'a> {
    store: Store,
    out: &'a Out,
}

pub(crate) fn run(command: AccountsCommand, file: &Option<PathBuf>, actor: &str, out: &Out) -> Result<(), Failure> {
    if let AccountsCommand::Package { action: Some(PackageAction::Verify { package, key }), .. } = &command {
        return verify_package(package, key.as_deref(), out);
    }
    let store = open(file, actor)?;
    let working_year = store.province()?.working_year;
    let mut a = Accounts { store, out };
    let y = |year: Option<i32>| year.unwrap_or(working_year);
    let result = match command {
        AccountsCommand::Template { xlsx, year, as_year } => a.template(&xlsx, y(year), as_year),
        AccountsCommand::ReuseAssignments { year } => a.reuse_assignments(y(year)),
        AccountsCommand::Assignments { year } => a.assignments(y(year)),
        AccountsCommand::Assign { item, agency, year, reason } => a.assign(y(year), &item, &agency, reason.as_deref()),
        AccountsCommand::Workbooks { out: dir, year, agencies } => a.workbooks(y(year), &dir, &agencies),
        AccountsCommand::ValuesImport { xlsx, year } => a.values_import(year, &xlsx),
        AccountsCommand::Enter { item, value, note, year } => a.enter(y(year), &item, &value, &note),
        AccountsCommand::Check { year, feedback } => a.check(y(year), feedback.as_deref()),
        AccountsCommand::Dashboard { year } => a.dashboard(y(year)),
        AccountsCommand::Deadline { date, year } => a.deadline(y(year), &date),
        AccountsCommand::Explain { rule, text, agency, year } => a.explain(y(year), &rule, &agency, &text),
        AccountsCommand::Approve { agency, table, year } => a.approve(y(year), &agency, table.as_deref()),
        AccountsCommand::Reopen { agency, table, reason, year } => a.reopen(y(year), &agency, &table, &reason),
        AccountsCommand::Package { action: Some(PackageAction::Verify { .. }), .. } => {
            unreachable!("handled before opening the store")
        }
        AccountsCommand::Package { action: Some(PackageAction::Key), .. } => a.key(),
        AccountsCommand::Package { action: Some(PackageAction::List { year }), .. } => a.packages(y(year)),
        AccountsCommand::Package { action: Some(PackageAction::MarkSent { id, date }), .. } => {
            a.mark_sent(id, date.as_deref())
        }
        AccountsCommand::RequestLetter(RequestLetterAction::Set { number, date, year }) => {
            a.centre_letter(y(year), &number, &date)
        }
        AccountsCommand::Package { action: None, out: file, year, draft } => {
            a.package(y(year), &file.expect("clap requires --out"), draft)
        }
        AccountsCommand::Intake { files, year, agency } => a.intake(y(year), &files, agency.as_deref()),
    };
    // A backup before an approval, a package or an intake that a folder did not take.
    crate::out::warn_all(&mut a.store);
    result
}

impl Accounts<'_> {
    fn template(&mut self, xlsx: &Path, year: i32, as_year: bool) -> Result<(), Failure> {
        let r = if as_year {
            years::import_template_as(&mut self.store, xlsx, year)?
        } else {
            match years::import_template_for(&mut self.store, xlsx, year)? {
                TemplateImport::Imported { report } => report,
                TemplateImport::YearDiffers { file, file_year, year, .. } => {
                    return Err(AccountsError::YearDiffers { file, file_year, year }.into())
                }
            }
        };
        self.out.print(&r, || template_text(&r));
        Ok(())
    }

    fn reuse_assignments(&mut self, year: i32) -> Result<(), Failure> {
        let r = years::reuse_assignments(&mut self.store, year)?;
        self.out.print(&r, || reuse_text(&r));
        Ok(())
    }

    fn assignments(&mut self, year: i32) -> Result<(), Failure> {
        let o = assign::overview(&self.store, year)?;
        self.out.print(&o, || assignments_text(&o));
        Ok(())
    }

    fn assign(&mut self, year: i32, item: &str, agency: &str, reason: Option<&str>) -> Result<(), Failure> {
        let i = assign::assign(&mut self.store, year, item, agency, reason)?;
        self.out.print(&i, || {
            let agency = fa::code(&i.agency_code.clone().unwrap_or_default());
            format!("قلم {} به دستگاه {agency} واگذار شد.", i.code)
        });
        Ok(())
    }

    fn workbooks(&mut self, year: i32, dir: &Path, agencies: &[String]) -> Result<(), Failure> {
        let written = accounts::generate_workbooks(&mut self.store, year, dir, agencies)?;
        self.out.print(&written, || workbooks_text(&written, dir));
        Ok(())
    }

    fn values_import(&mut self, year: i32, xlsx: &Path) -> Result<(), Failure> {
        let count = values::import_final_values(&mut self.store, year, xlsx)?;
        self.out.print(&count, || format!("{} مقدار سال {} وارد شد.", fa::int(count), fa::int(year)));
        Ok(())
    }

    fn enter(&mut self, year: i32, item: &str, value: &str, note: &str) -> Result<(), Failure> {
        let changed = values::enter_value(&mut self.store, year, item, value, note)? != Change::Same;
        self.out.print(&changed, || {
            if changed {
                format!("مقدار {item} ثبت شد.")
            } else {
                format!("مقدار {item} همان بود؛ چیزی تغییر نکرد.")
            }
        });
        Ok(())
    }

    /// Exit 1 when the checks find errors or warnings.
    fn check(&mut self, year: i32, feedback_dir: Option<&Path>) -> Result<(), Failure> {
        let run = checks::run_checks(&mut self.store, year)?;
        let written = match feedback_dir {
            Some(dir) => feedback::write_workbooks(&mut self.store, year, &run, dir)?,
            None => Vec::new(),
        };
        self.out.print(&run, || check_text(&run, &written));
        if run.errors + run.warnings > 0 {
            return Err(ChecksFound.into());
        }
        Ok(())
    }

    fn dashboard(&mut self, year: i32) -> Result<(), Failure> {
        let board = review::dashboard(&self.store, year)?;
        self.out.print(&board, || dashboard_text(&board));
        Ok(())
    }

    fn deadline(&mut self, year: i32, date: &str) -> Result<(), Failure> {
        let date = JalaliDate::parse(date).map_err(|e| usage(&e.to_string()))?;
        review::set_deadline(&mut self.store, year, date)?;
        self.out.print(&date.to_latin_string(), || format!("مهلت دستگاه‌ها: {date}"));
        Ok(())
    }

    fn explain(&mut self, year: i32, rule: &str, agency: &str, text: &str) -> Result<(), Failure> {
        explanations::explain(&mut self.store, year, rule, agency, text)?;
        self.out.print(&rule, || format!("توضیح «{rule}» برای دستگاه {agency} ثبت شد."));
        Ok(())
    }

    fn approve(&mut self, year: i32, agency: &str, table: Option<&str>) -> Result<(), Failure> {
        let tables = review::approve(&mut self.store, year, agency, table)?;
        self.out.print(&tables, || tables.iter().map(table_state_line).collect::<Vec<_>>().join("\n"));
        Ok(())
    }

    fn reopen(&mut self, year: i32, agency: &str, table: &str, reason: &str) -> Result<(), Failure> {
        review::reopen(&mut self.store, year, agency, table, reason)?;
        self.out.print(&table, || format!("جدول {table} بازگشایی شد."));
        Ok(())
    }

    fn package(&mut self, year: i32, file: &Path, draft: bool) -> Result<(), Failure> {
        let m = package::package(&mut self.store, year, file, draft)?;
        self.out.print(&m, || package_text(&m, file));
        Ok(())
    }

    fn packages(&mut self, year: i32) -> Result<(), Failure> {
        let list = dispatch::packages(self.store.conn(), year)?;
        self.out.print(&list, || list.iter().map(package_line).collect::<Vec<_>>().join("\n"));
        Ok(())
    }

    fn mark_sent(&mut self, id: i64, date: Option<&str>) -> Result<(), Failure> {
        let today = JalaliDate::today();
        let date = date.map(str::to_string).unwrap_or_else(|| today.to_latin_string());
        let record = dispatch::mark_sent(&mut self.store, id, &date, today)?;
        self.out.print(&record, || package_line(&record));
        Ok(())
    }

    fn centre_letter(&mut self, year: i32, number: &str, date: &str) -> Result<(), Failure> {
        let letter = dispatch::set_centre_letter(&mut self.store, year, number, date)?;
        self.out.print(&letter, || match &letter {
            Some(l) => format!("نامهٔ مرکز آمار برای سال {} ثبت شد: {}", fa::int(year), l.reference()),
            None => format!("نامهٔ مرکز آمار سال {} پاک شد.", fa::int(year)),
        });
        Ok(())
    }

    fn key(&mut self) -> Result<(), Failure> {
        let key = signing::office_key(&mut self.store)?;
        self.out.print(&key, || {
            format!(
                "اثر انگشت کلید امضای دفتر: {}\nکلید عمومی (Ed25519): {}\nاین اثر انگشت را نزد مرکز آمار ثبت کنید؛ هر بسته با `package verify --key` با آن سنجیده می‌شود.",
                key.fingerprint, key.public_key
            )
        });
        Ok(())
    }

    /// Exit 2 when a workbook was refused, 1 when one had findings.
    fn intake(&mut self, year: i32, files: &[PathBuf], agency: Option<&str>) -> Result<(), Failure> {
        let results = accounts::import_workbooks(&mut self.store, year, files, agency, &mut self.out.progress())?;
        self.out.print(&results, || results.iter().flat_map(intake_lines).collect::<Vec<_>>().join("\n"));
        if results.iter().any(|r| r.status == IntakeStatus::Refused) {
            return Err(some_refused("accounts.intake.refused"));
        }
        if results.iter().any(|r| !r.findings.is_empty()) {
            return Err(ChecksFound.into());
        }
        Ok(())
    }
}

/// `accounts package verify`: needs no province file.
fn verify_package(package: &Path, key: Option<&str>, out: &Out) -> Result<(), Failure> {
    let expected = key.map(ExpectedKey::parse).transpose()?;
    let report = package::verify(package, expected.as_ref())?;
    out.print(&report, || verify_text(&report));
    if !report.problems.is_empty() {
        return Err(ChecksFound.into());
    }
    Ok(())
}

fn template_text(r: &TemplateImportReport) -> String {
    if r.unchanged {
        return format!("الگوی سال {} (نسخهٔ {}) پیش‌تر وارد شده بود؛ چیزی تغییر نکرد.", fa::int(r.year), r.version);
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
    if r.file_year != r.year {
        lines.push(format!(
            "  در فایل سال {} نوشته شده بود و به خواست شما برای سال {} ثبت شد.",
            fa::int(r.file_year),
            fa::int(r.year)
        ));
    }
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
}

fn assignments_text(o: &AssignmentOverview) -> String {
    let mut lines = vec![format!(
        "سال {}: {} قلم، {} بی‌متولی؛ {} دستگاه متولی، {} دستگاه فعال بی‌قلم.",
        fa::int(o.year),
        fa::int(o.items),
        fa::count(o.unassigned.len()),
        fa::count(o.per_agency.len()),
        fa::count(o.agencies_without_items.len())
    )];
    lines.extend(o.unassigned.iter().map(|i| format!("بی‌متولی: {}\t{} / {}", i.code, i.row_label, i.col_label)));
    lines.join("\n")
}

fn workbooks_text(written: &[GeneratedWorkbook], dir: &Path) -> String {
    let mut lines: Vec<String> = written
        .iter()
        .map(|w| format!("{}\t{} جدول، {} قلم\t{}", w.agency_name, fa::int(w.tables), fa::int(w.items), w.file_name))
        .collect();
    lines.push(format!("{} کارپوشه در {} نوشته شد.", fa::count(written.len()), dir.display()));
    lines.join("\n")
}

fn check_text(run: &CheckRun, feedback: &[GeneratedWorkbook]) -> String {
    let mut lines = vec![format!(
        "بررسی سال {}: {} گذشت، {} ناموفق، {} محاسبه‌نشدنی؛ {} خطا و {} هشدار.",
        fa::int(run.year),
        fa::int(run.passed),
        fa::int(run.failed),
        fa::int(run.not_computable),
        fa::int(run.errors),
        fa::int(run.warnings)
    )];
    for r in &run.rules {
        if let Some(why) = &r.why_not_computable {
            lines.push(format!("  {} محاسبه نشد: {why}", r.code));
        }
    }
    for f in &run.failures {
        let kind = if f.severity == Severity::Error { "خطا" } else { "هشدار" };
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
    lines.extend(feedback.iter().map(|w| format!("بازخورد: {} → {}", w.agency_name, w.file_name)));
    lines.join("\n")
}

fn dashboard_text(board: &Dashboard) -> String {
    let deadline = match (&board.deadline, board.days_left) {
        (Some(d), Some(left)) if left >= 0 => format!("{d} ({} روز مانده)", fa::int(left)),
        (Some(d), Some(left)) => format!("{d} ({} روز گذشته)", fa::int(-left)),
        _ => "تعیین نشده".into(),
    };
    let mut lines = vec![format!(
        "سال {}: {} دستگاه متولی؛ {} قلم بی‌متولی؛ مهلت: {}؛ آخرین بررسی: {}",
        fa::int(board.year),
        fa::count(board.agencies.len()),
        fa::int(board.unassigned_items),
        deadline,
        board.last_check_jalali.clone().unwrap_or_else(|| "اجرا نشده".into())
    )];
    for a in &board.agencies {
        for t in &a.tables {
            lines.push(format!(
                "{}\t{}\t{}\t{} مقدار، {} الزامیِ خالی، {} خطا، {} هشدار ({} بی‌توضیح)",
                a.agency_name,
                t.table_code,
                t.state.map(|s| s.persian()).unwrap_or("—"),
                fa::of(t.values as usize, t.items as usize),
                fa::int(t.missing_required),
                fa::count(t.errors.len()),
                fa::count(t.warnings.len()),
                fa::count(t.unexplained_warnings.len())
            ));
        }
    }
    lines.join("\n")
}

fn table_state_line(t: &TableStatus) -> String {
    format!("{}\t{}", t.table_code, t.state.map(|s| s.persian()).unwrap_or("—"))
}

fn package_line(p: &dispatch::PackageRecord) -> String {
    let sent = p.sent_on.as_ref().map_or("هنوز ارسال نشده".to_string(), |d| format!("ارسال: {d}"));
    let kind = if p.draft { "پیش‌نویس" } else { "نهایی" };
    format!("{}. {} ({kind}) — ساخته: {} — {sent}", fa::int(p.id), p.file_name, p.created_at_jalali)
}

fn package_text(m: &Manifest, file: &Path) -> String {
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
}

fn intake_lines(r: &IntakeResult) -> Vec<String> {
    let who = r.agency_name.clone().unwrap_or_default();
    let mut lines = vec![match r.status {
        IntakeStatus::Imported => format!(
            "وارد شد: {} ({who}): {} مقدار خوانده شد، {} تازه، {} تغییر، {} ایراد، {} هشدار.",
            r.file_name,
            fa::int(r.values_read),
            fa::int(r.new_values),
            fa::int(r.changed_values),
            fa::count(r.findings.len()),
            fa::count(r.warnings.len())
        ),
        IntakeStatus::Unchanged => format!("بی‌تغییر: {} ({who}) پیش‌تر وارد شده بود.", r.file_name),
        IntakeStatus::Refused => {
            format!("رد شد: {}: {}", r.file_name, r.refusal.as_ref().map(|e| e.message.as_str()).unwrap_or_default())
        }
    }];
    lines.extend(r.findings.iter().map(|f| format!("  ایراد {} ({}): {}", f.cell, f.item_code, f.message)));
    lines.extend(r.warnings.iter().map(|w| format!("  هشدار: {w}")));
    lines
}

fn verify_text(report: &VerifyReport) -> String {
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
    lines.push(format!("SHA-256 فایل manifest.json: {}", report.manifest_sha256));
    if let Some(signed_by) = &report.signed_by {
        lines.push(format!("امضای manifest درست است؛ اثر انگشت کلید امضاکننده: {signed_by}"));
    }
    if report.problems.is_empty() {
        lines.push("همهٔ فایل‌ها سالم و با رمزهای manifest یکسان‌اند و شمارهای manifest با فایل‌ها می‌خواند.".into());
        if report.expected_key.is_none() {
            lines.push(
                "کلید سنجیده نشد: با --key اثر انگشت ثبت‌شدهٔ دفتر را بدهید تا معلوم شود بسته از همان دفتر است.".into(),
            );
        }
    }
    lines.extend(report.problems.iter().map(|p| format!("ایراد: {p}")));
    lines.join("\n")
}

fn reuse_text(r: &ReuseReport) -> String {
    let mut lines = vec![format!(
        "{} قلم سال {} متولی سال {} را گرفت؛ {} قلم از پیش متولی داشت و دست نخورد.",
        fa::int(r.reused.len() as i64),
        fa::int(r.year),
        fa::int(r.from_year),
        fa::int(r.kept)
    )];
    for s in &r.inactive {
        lines.push(format!("  {}: متولی پارسال «{}» غیرفعال است؛ بی‌متولی ماند.", s.item, s.agency_name));
    }
    if !r.unmatched.is_empty() {
        lines.push(format!("  بی‌همتا در سال {}: {}", fa::int(r.from_year), r.unmatched.join("، ")));
    }
    lines.join("\n")
}
