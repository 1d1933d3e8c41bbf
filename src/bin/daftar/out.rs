//! How a command ends: what it prints (JSON or text for people) and how it fails (the error as
//! the UI would get it, and the exit code).

use daftar::store::Store;
use daftar::{AppError, Fault, Problem};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// `--read-only`: every command opens the province file for reading only.
pub(crate) static READ_ONLY: AtomicBool = AtomicBool::new(false);

/// A failure on its way out: the error as the UI would get it, and whose fault it is;
/// `checks: true` means the work was done and checks found problems (exit 1).
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

/// Exit 1 when the work was done but found problems in what was read.
pub(crate) struct ChecksFound;

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

impl Failure {
    /// A user's mistake with this code and message.
    pub(crate) fn user(code: &str, message: &str) -> Self {
        Self {
            error: AppError { code: code.into(), message: message.into(), details: vec![] },
            fault: Fault::User,
            checks: false,
        }
    }

    /// A bug: the run ends with the documented «internal error» code, not Rust's 101.
    pub(crate) fn panic() -> Self {
        Self {
            error: AppError {
                code: "internal.panic".into(),
                message: "خطای درونی برنامه رخ داد و کار نیمه‌تمام ماند؛ پرونده دست‌نخورده است. این پیام را به پشتیبانی بفرستید.".into(),
                details: vec![],
            },
            fault: Fault::Internal,
            checks: false,
        }
    }

    /// Print the error (as JSON, or in Persian on stderr) and give the exit code.
    pub(crate) fn report(self, json: bool) -> ExitCode {
        if json {
            // With findings the data was printed already; one JSON document per run.
            if !self.checks {
                say(&serde_json::json!({ "error": self.error }).to_string());
            }
        } else {
            tell(&format!("خطا: {}", self.error.message));
            for d in &self.error.details {
                tell(&format!("  - {d}"));
            }
        }
        ExitCode::from(match (self.checks, self.fault) {
            (true, _) => 1,
            (false, Fault::User) => 2,
            (false, Fault::Internal) => 3,
        })
    }
}

pub(crate) fn usage(message: &str) -> Failure {
    Failure::user("cli.usage", message)
}

/// The day the command works as of: `--today` when given (tests, a late entry), else today.
pub(crate) fn today_or(given: Option<&str>) -> Result<daftar::fa::JalaliDate, Failure> {
    given.map_or_else(|| Ok(daftar::fa::JalaliDate::today()), date)
}

/// A Jalali date typed on the command line.
pub(crate) fn date(text: &str) -> Result<daftar::fa::JalaliDate, Failure> {
    daftar::fa::JalaliDate::parse(text).map_err(|e| usage(&e.to_string()))
}

/// A usage error whose cause is a library's text: that text goes to the details.
pub(crate) fn usage_because(message: &str, detail: String) -> Failure {
    let mut failure = usage(message);
    failure.error.details.push(detail);
    failure
}

/// A file the command was given could not be read or written (`what` says which, e.g.
/// «“x.pdf” نوشته نشد»): the system's reason follows in Persian, its own words go to the details.
pub(crate) fn file_failure(what: String, e: &std::io::Error) -> Failure {
    Failure {
        error: AppError {
            code: "cli.file".into(),
            message: format!("{what}: {}.", daftar::error::io_reason(e)),
            details: vec![e.to_string()],
        },
        fault: Fault::User,
        checks: false,
    }
}

/// One line on stdout. When the reader has gone (`daftar info | head -1`) the command ends
/// quietly, as command-line tools do, instead of panicking at the next print.
fn say(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let Err(e) = writeln!(stdout, "{text}").and_then(|()| stdout.flush()) else {
        return;
    };
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    tell(&format!("خطا: خروجی فرمان نوشته نشد: {}.", daftar::error::io_reason(&e)));
    std::process::exit(2);
}

/// One line on stderr; if stderr is closed too there is nobody left to tell.
pub(crate) fn tell(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Refuse a batch of workbooks when any was refused (each result says why).
pub(crate) fn some_refused(code: &str) -> Failure {
    Failure::user(code, "برخی کارپوشه‌ها رد شدند؛ پیام هر یک را ببینید.")
}

pub(crate) struct Out {
    pub(crate) json: bool,
}

impl Out {
    /// Print `data` as JSON, or `text` for people.
    pub(crate) fn print<T: Serialize>(&self, data: &T, text: impl FnOnce() -> String) {
        if self.json {
            say(&serde_json::to_string_pretty(data).expect("serializable"));
        } else {
            say(&text());
        }
    }

    /// Show `[done از total] file` on stderr while a batch is imported, unless printing JSON.
    pub(crate) fn progress(&self) -> impl FnMut(usize, usize, &str) {
        let json = self.json;
        move |done: usize, total: usize, file: &str| {
            if !json && !file.is_empty() {
                tell(&format!("[{}] {file}", daftar::fa::of(done + 1, total)));
            }
        }
    }
}

/// Open the province file: a damaged one is refused with the way to its backups; the first
/// open of a day backs it up (a folder that cannot take it is a warning on stderr).
pub(crate) fn open(cli_file: &Option<PathBuf>, actor: &str) -> Result<Store, Failure> {
    let path = province_path(cli_file)?;
    let read_only = READ_ONLY.load(Ordering::Relaxed);
    let mut store = daftar::backup::open(path, actor, read_only, now()).map_err(|e| damaged_failure(path, e))?;
    warn_all(&mut store);
    Ok(store)
}

pub(crate) fn province_path(cli_file: &Option<PathBuf>) -> Result<&PathBuf, Failure> {
    cli_file.as_ref().ok_or_else(|| usage("پروندهٔ استان را با --file یا DAFTAR_FILE بدهید."))
}

/// A damaged file's error names the commands that list and restore its backups.
pub(crate) fn damaged_failure(path: &std::path::Path, e: daftar::backup::BackupError) -> Failure {
    let mut failure = Failure::from(e);
    if failure.error.code == "backup.damaged" {
        let file = path.display();
        failure.error.message.push_str(&format!(
            " فهرست پشتیبان‌ها: «daftar backup list --file {file}»؛ بازگردانی: «daftar backup restore <نام> --file {file}»."
        ));
    }
    failure
}

// backups
/// The day the CLI acts on (--today / DAFTAR_TODAY, Jalali), set once by main.
pub(crate) static TODAY: std::sync::OnceLock<Option<daftar::fa::JalaliDate>> = std::sync::OnceLock::new();

/// Now, on the day given with --today when one was.
pub(crate) fn now() -> chrono::NaiveDateTime {
    let now = chrono::Local::now().naive_local();
    match TODAY.get().copied().flatten() {
        Some(day) => day.to_gregorian().and_time(now.time()),
        None => now,
    }
}

/// What the store kept to say (a backup folder that did not take its copy), on stderr.
pub(crate) fn warn_all(store: &mut Store) {
    for warning in store.take_warnings() {
        tell(&format!("هشدار: {warning}"));
    }
}
