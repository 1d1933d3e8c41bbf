//! `daftar report …`: the documents of the Reports screen, as files.

use crate::out::{file_failure, open, usage, Failure, Out};
use clap::{Subcommand, ValueEnum};
use daftar::fa;
use daftar::reports::{self, ReportFormat, ReportRequest};
use daftar::store::Store;
use std::path::{Path, PathBuf};

#[path = "reports_batch.rs"]
mod batch;

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum FormatArg {
    Pdf,
    Xlsx,
}

#[derive(Subcommand)]
pub(crate) enum ReportCommand {
    /// The documents, the year each is about, and why one cannot be made yet.
    List,
    /// Make one document: request_letter, check_report, appointment_letters, preliminary_sheet,
    /// scorecard, ranking, tier_notification, certificates, festival_report or booklet.
    Make {
        kind: String,
        /// The agency's code, for documents about one agency (with certificates and
        /// tier_notification: only that agency's page; without it, every agency's). Given more
        /// than once: a batch for those agencies.
        #[arg(long)]
        agency: Vec<String>,
        /// A batch for every agency the document lists: one PDF with a page range per agency,
        /// or with --split a folder of files «کد - نام دستگاه.pdf».
        #[arg(long, conflicts_with_all = ["agency", "agencies"])]
        all: bool,
        /// A batch for these agencies, by code: --agencies 101,102,205.
        #[arg(long, value_delimiter = ',')]
        agencies: Vec<String>,
        /// A batch as a folder (--out) of one file per agency instead of one PDF.
        #[arg(long)]
        split: bool,
        /// The year; by default the year the catalog lists for the document.
        #[arg(long)]
        year: Option<i32>,
        /// pdf, or xlsx for the document's tables as an Excel workbook; by default from --out.
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Show the results booklet's foreword, or set it (--text, --from FILE) or go back to the default (--reset).
    Foreword {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, conflicts_with_all = ["from", "reset"])]
        text: Option<String>,
        #[arg(long, conflicts_with = "reset")]
        from: Option<PathBuf>,
        #[arg(long)]
        reset: bool,
    },
    /// The cover letter of a regional-accounts package (its counts, the SHA-256 of every file and
    /// of the manifest, the office's key); refused unless the package verifies against this file's key.
    Cover {
        #[arg(value_name = "PACKAGE.zip")]
        package: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

pub(crate) fn run(command: ReportCommand, file: &Option<PathBuf>, actor: &str, out: &Out) -> Result<(), Failure> {
    match command {
        ReportCommand::List => list(&open(file, actor)?, out),
        ReportCommand::Make { kind, agency, all, agencies, split, year, format, out: path } => {
            let group: Vec<String> = agency.iter().chain(&agencies).cloned().collect();
            if all || split || group.len() > 1 || !agencies.is_empty() {
                let target = Batch { kind, agencies: group, split, year, format };
                batch::make_batch(&mut open(file, actor)?, target, &path, out)
            } else {
                make(&mut open(file, actor)?, kind, group.into_iter().next(), year, format, &path, out)
            }
        }
        ReportCommand::Foreword { year, text, from, reset } => {
            foreword(&mut open(file, actor)?, year, new_foreword(text, from, reset)?, out)
        }
        ReportCommand::Cover { package, out: path } => cover(&mut open(file, actor)?, &package, &path, out),
    }
}

fn list(store: &Store, out: &Out) -> Result<(), Failure> {
    let catalog = reports::catalog(store)?;
    out.print(&catalog, || {
        catalog
            .documents
            .iter()
            .map(|d| {
                let state = d.blocker.as_deref().map_or_else(|| "آماده".to_string(), |b| format!("هنوز نه: {b}"));
                format!("{}\t{}\t{}\t{}", d.kind, d.title, fa::int(d.year), state)
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

/// A batch asked for on the command line (issue 14 item 3).
pub(crate) struct Batch {
    pub(crate) kind: String,
    /// Empty for every agency the document lists.
    pub(crate) agencies: Vec<String>,
    pub(crate) split: bool,
    pub(crate) year: Option<i32>,
    pub(crate) format: Option<FormatArg>,
}

fn make(
    store: &mut Store,
    kind: String,
    agency: Option<String>,
    year: Option<i32>,
    format: Option<FormatArg>,
    path: &Path,
    out: &Out,
) -> Result<(), Failure> {
    let format = format_of(format, path);
    let year = match year {
        Some(y) => y,
        None => catalog_year(store, &kind)?,
    };
    let saved = reports::save(store, &ReportRequest { kind, year, agency, format }, path)?;
    out.print(&saved, || {
        let pages = saved.pages.map(|p| format!("، {} صفحه", fa::int(p))).unwrap_or_default();
        let numbers = if saved.numbers.is_empty() {
            String::new()
        } else {
            format!("\nشماره‌های دبیرخانه: {}", fa::text_digits(&saved.numbers.join("، ")))
        };
        format!("نوشته شد: {} ({} کیلوبایت{pages}){numbers}", saved.path, fa::int(saved.bytes.div_ceil(1024)))
    });
    Ok(())
}

/// The format asked for, or the one `--out`'s extension says (PDF by default).
pub(crate) fn format_of(format: Option<FormatArg>, path: &Path) -> ReportFormat {
    match format {
        Some(FormatArg::Pdf) => ReportFormat::Pdf,
        Some(FormatArg::Xlsx) => ReportFormat::Xlsx,
        None if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) => ReportFormat::Xlsx,
        None => ReportFormat::Pdf,
    }
}

/// The year the catalog lists for the document `kind`.
pub(crate) fn catalog_year(store: &Store, kind: &str) -> Result<i32, Failure> {
    reports::catalog(store)?
        .documents
        .iter()
        .find(|d| d.kind == kind)
        .map(|d| d.year)
        .ok_or_else(|| usage(&format!("سندی با نام «{kind}» در دفتر نیست؛ `daftar report list` فهرست را نشان می‌دهد.")))
}

/// The foreword to set, if any: given text, a file's text, or empty to go back to the default.
fn new_foreword(text: Option<String>, from: Option<PathBuf>, reset: bool) -> Result<Option<String>, Failure> {
    Ok(match (text, from, reset) {
        (Some(t), _, _) => Some(t),
        (_, Some(f), _) => {
            Some(std::fs::read_to_string(&f).map_err(|e| file_failure(format!("«{}» خوانده نشد", f.display()), &e))?)
        }
        (_, _, true) => Some(String::new()),
        _ => None,
    })
}

fn foreword(store: &mut Store, year: Option<i32>, new_text: Option<String>, out: &Out) -> Result<(), Failure> {
    let year = match year {
        Some(y) => y,
        None => *daftar::evaluation::years(store.conn())?
            .first()
            .ok_or_else(|| usage("هنوز سال ارزیابی‌ای در این پرونده نیست."))?,
    };
    if let Some(t) = new_text {
        reports::set_foreword(store, year, &t)?;
    }
    let foreword = reports::foreword(store, year)?;
    out.print(&foreword, || foreword.clone());
    Ok(())
}

/// Refused, saying what is wrong, unless the package verifies whole against this file's key.
fn cover(store: &mut Store, package: &Path, path: &Path, out: &Out) -> Result<(), Failure> {
    let saved = reports::save_cover_letter(store, package, path)?;
    out.print(&saved.path, || {
        let number = saved.numbers.first().map(|n| format!(" (شمارهٔ دبیرخانه: {})", fa::text_digits(n)));
        format!("نوشته شد: {}{}", saved.path, number.unwrap_or_default())
    });
    Ok(())
}
