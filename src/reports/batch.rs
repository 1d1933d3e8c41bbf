//! Batches (issue 14 item 3): a per-agency document made for every agency the catalog lists for
//! it, or a chosen group, at once: one PDF with a page range per agency, or a folder of files
//! «کد - نام دستگاه.pdf». Generic over the catalog: any kind whose entry lists agencies is made
//! once per agency through the same `make_numbered` a single document uses.
//!
//! Nothing is written or registered until every agency's document is made: the files go to
//! temporary names and take their final names, and final letters their register numbers, in one
//! transaction at the end. A cancelled or refused batch leaves no file and no number.

use super::catalog::{kind, make_numbered, Kind, REGISTERED};
use super::request::{AgencyChoice, ReportFormat, ReportRequest};
use super::ReportError;
use crate::fa::JalaliDate;
use crate::register::{self, IssuedDocument, Numbering};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// One PDF with a page range per agency, or a folder with a file per agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum BatchOutput {
    File,
    Folder,
}

/// A document for many agencies: every agency the catalog lists for it (`agencies` empty) or
/// the codes given, in their order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchRequest {
    pub kind: String,
    pub year: i32,
    pub agencies: Vec<String>,
    pub format: ReportFormat,
    pub output: BatchOutput,
}

/// Told after each agency's document is made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
    pub agency_code: String,
    pub agency_name: String,
}

/// An agency's share of a batch: its file, its pages (in the one PDF, or in its own file) and
/// the register's numbers it took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchPart {
    pub agency_code: String,
    pub agency_name: String,
    pub path: String,
    pub first_page: Option<u32>,
    pub last_page: Option<u32>,
    pub numbers: Vec<String>,
}

/// An agency whose document could not be made, and why (the document's own Persian refusal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchFailure {
    pub agency_code: String,
    pub agency_name: String,
    pub reason: String,
}

/// A batch written: the PDF or the folder, each agency's part, and the agencies left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedBatch {
    pub path: String,
    pub output: BatchOutput,
    #[ts(type = "number")]
    pub bytes: u64,
    pub parts: Vec<BatchPart>,
    pub failures: Vec<BatchFailure>,
}

/// The document's kind and the agencies to make it for, or why the batch cannot be made.
pub fn batch_allowed(store: &Store, request: &BatchRequest) -> Result<(&'static Kind, Vec<AgencyChoice>), ReportError> {
    let k = kind(&request.kind)?;
    let catalog = super::catalog(store)?;
    let info = catalog.documents.into_iter().find(|d| d.kind == k.key);
    let Some(info) = info.filter(|i| i.batchable) else {
        return Err(ReportError::BatchNotOffered { title: k.title.to_string() });
    };
    if let Some(reason) = info.blocker {
        return Err(ReportError::NotReady { title: k.title.to_string(), reason });
    }
    if request.output == BatchOutput::File && request.format != ReportFormat::Pdf {
        return Err(ReportError::BatchOneFileIsPdf);
    }
    if request.agencies.iter().all(|c| c.trim().is_empty()) {
        return Ok((k, info.agencies));
    }
    let mut chosen: Vec<AgencyChoice> = Vec::new();
    let mut unknown = Vec::new();
    for code in request.agencies.iter().map(|c| crate::fa::code(c.trim())).filter(|c| !c.is_empty()) {
        let listed = info.agencies.iter().find(|a| a.code == code).cloned();
        match listed
            .map(Ok)
            .unwrap_or_else(|| crate::agencies::find(store, &code).map(|a| AgencyChoice { code: a.code, name: a.name }))
        {
            Ok(choice) if !chosen.contains(&choice) => chosen.push(choice),
            Ok(_) => {}
            Err(_) => unknown.push(code),
        }
    }
    if !unknown.is_empty() {
        return Err(ReportError::BatchUnknownAgencies { codes: unknown.join("، ") });
    }
    Ok((k, chosen))
}

/// One agency's document, made and not yet written.
struct Drawn {
    agency: AgencyChoice,
    bytes: Vec<u8>,
    pages: u32,
    numbering: Numbering,
}

/// Make the batch and write it to `out` (the PDF, or the folder, made if missing). `progress`
/// hears of each agency; `cancelled` is asked before each one and once more before anything is
/// written: when it says yes, the batch stops with `BatchCancelled`, leaving nothing behind.
pub fn save_batch(
    store: &mut Store,
    request: &BatchRequest,
    out: &Path,
    progress: &mut dyn FnMut(&BatchProgress),
    cancelled: &dyn Fn() -> bool,
) -> Result<SavedBatch, ReportError> {
    let (k, agencies) = batch_allowed(store, request)?;
    let registered = request.format == ReportFormat::Pdf && REGISTERED.contains(&k.key) && store.read_only().is_none();
    let mut last = if registered { Numbering::begin(store.conn(), JalaliDate::today())? } else { Numbering::preview() };
    let (mut drawn, mut failures) = (Vec::new(), Vec::new());
    for (index, agency) in agencies.iter().enumerate() {
        if cancelled() {
            return Err(ReportError::BatchCancelled);
        }
        let numbering = last.following();
        match draw(store, request, k, &agency.code, &numbering) {
            Ok((bytes, pages)) => {
                last = numbering.following();
                drawn.push(Drawn { agency: agency.clone(), bytes, pages, numbering });
            }
            Err(e) => failures.push(BatchFailure {
                agency_code: agency.code.clone(),
                agency_name: agency.name.clone(),
                reason: e.to_string(),
            }),
        }
        let done = index as u32 + 1;
        let total = agencies.len() as u32;
        progress(&BatchProgress { done, total, agency_code: agency.code.clone(), agency_name: agency.name.clone() });
    }
    if cancelled() {
        return Err(ReportError::BatchCancelled);
    }
    if drawn.is_empty() {
        let reasons = failures.iter().map(|f| format!("{} ({}): {}", f.agency_name, f.agency_code, f.reason));
        return Err(ReportError::BatchNothingMade {
            title: k.title.to_string(),
            reasons: reasons.collect::<Vec<_>>().join("؛ "),
        });
    }
    let files = match request.output {
        BatchOutput::File => one_file(&drawn, out)?,
        BatchOutput::Folder => folder(&drawn, out, request.format)?,
    };
    let bytes = files.iter().map(|f| f.bytes.len() as u64).sum();
    let parts = commit(store, k, files, &drawn, registered)?;
    Ok(SavedBatch { path: out.display().to_string(), output: request.output, bytes, parts, failures })
}

/// One agency's document in the request's format (a PDF when it goes into the one file).
fn draw(
    store: &Store,
    request: &BatchRequest,
    k: &Kind,
    code: &str,
    numbering: &Numbering,
) -> Result<(Vec<u8>, u32), ReportError> {
    let single = ReportRequest {
        kind: k.key.to_string(),
        year: request.year,
        agency: Some(code.to_string()),
        format: request.format,
    };
    let made = make_numbered(store, &single, numbering)?;
    match request.format {
        ReportFormat::Pdf => Ok((made.pdf, made.pages)),
        ReportFormat::Xlsx => Ok((made.workbook(k.title)?, 0)),
    }
}

/// A file to write: its final path, its bytes, and the agencies (indexes of `drawn`) in it with
/// their first pages.
struct Output {
    path: PathBuf,
    bytes: Vec<u8>,
    agencies: Vec<(usize, Option<u32>)>,
}

fn one_file(drawn: &[Drawn], out: &Path) -> Result<Vec<Output>, ReportError> {
    let pdfs: Vec<Vec<u8>> = drawn.iter().map(|d| d.bytes.clone()).collect();
    let (bytes, counts) = crate::pdf::concatenate(&pdfs).map_err(|detail| ReportError::BatchJoin { detail })?;
    let mut first = 1;
    let mut agencies = Vec::new();
    for (index, count) in counts.iter().enumerate() {
        agencies.push((index, Some(first)));
        first += count;
    }
    Ok(vec![Output { path: out.to_path_buf(), bytes, agencies }])
}

fn folder(drawn: &[Drawn], out: &Path, format: ReportFormat) -> Result<Vec<Output>, ReportError> {
    let first = (format == ReportFormat::Pdf).then_some(1);
    Ok(drawn
        .iter()
        .enumerate()
        .map(|(index, d)| Output {
            path: out.join(agency_file_name(&d.agency.code, &d.agency.name, format.extension())),
            bytes: d.bytes.clone(),
            agencies: vec![(index, first)],
        })
        .collect())
}

/// Write every file under a temporary name, then, in one transaction, register the numbers
/// and give the files their names; on any failure the temporary files are removed. A batch
/// that takes no number (a workbook, a scorecard, a read-only file) opens no transaction.
fn commit(
    store: &mut Store,
    k: &Kind,
    files: Vec<Output>,
    drawn: &[Drawn],
    registered: bool,
) -> Result<Vec<BatchPart>, ReportError> {
    if let Some(dir) = files.first().and_then(|f| f.path.parent()).filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
    }
    let mut temporary = Vec::new();
    let written = files.iter().try_for_each(|f| {
        let temp = temporary_path(&f.path);
        temporary.push(temp.clone());
        std::fs::write(&temp, &f.bytes).map_err(|e| write_error(&f.path, &e))
    });
    let all_written = written.is_ok();
    let result = written.and_then(|()| {
        if registered {
            store.write(|tx, actor| {
                place(k, &files, &temporary, drawn, |d, document| {
                    Ok(register::record_issued(tx, actor, &d.numbering, document)?)
                })
            })
        } else {
            place(k, &files, &temporary, drawn, |_, _| Ok(Vec::new()))
        }
    });
    if result.is_err() {
        // A file already renamed when a later one failed has no entries: it goes too.
        for (file, temp) in files.iter().zip(&temporary) {
            if std::fs::remove_file(temp).is_err() && all_written && file.path.is_file() {
                let _ = std::fs::remove_file(&file.path);
            }
        }
    }
    result
}

/// Record each agency's numbers with `record`, then give each file its name.
fn place(
    k: &Kind,
    files: &[Output],
    temporary: &[PathBuf],
    drawn: &[Drawn],
    mut record: impl FnMut(&Drawn, &IssuedDocument) -> Result<Vec<register::Issued>, ReportError>,
) -> Result<Vec<BatchPart>, ReportError> {
    let mut parts = Vec::new();
    for (file, temp) in files.iter().zip(temporary) {
        let document_name = file.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let document = IssuedDocument {
            service: k.service,
            kind: k.key,
            subject: k.title,
            document_name: &document_name,
            pdf: &file.bytes,
        };
        for &(index, first) in &file.agencies {
            let d = &drawn[index];
            let issued = record(d, &document)?;
            parts.push(BatchPart {
                agency_code: d.agency.code.clone(),
                agency_name: d.agency.name.clone(),
                path: file.path.display().to_string(),
                first_page: first,
                last_page: first.map(|f| f + d.pages.max(1) - 1),
                numbers: issued.into_iter().map(|i| i.number).collect(),
            });
        }
        std::fs::rename(temp, &file.path).map_err(|e| write_error(&file.path, &e))?;
    }
    Ok(parts)
}

fn write_error(path: &Path, e: &std::io::Error) -> ReportError {
    ReportError::Write { path: path.display().to_string(), detail: e.to_string() }
}

/// «.name.pdf.partial» beside the file: what a batch writes first, so that a file with its
/// final name is always whole.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    path.with_file_name(format!(".{name}.partial"))
}

/// «کد - نام دستگاه.pdf», safe on every system the office uses.
pub fn agency_file_name(code: &str, name: &str, extension: &str) -> String {
    format!("{}.{extension}", windows_safe(&format!("{} - {}", code.trim(), name.trim())))
}

/// A file name Windows accepts: its forbidden characters and control characters as «-», no
/// trailing dot or space, not a reserved device name, and at most 150 characters.
fn windows_safe(text: &str) -> String {
    let replaced: String =
        text.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '-' } else { c }).take(150).collect();
    let trimmed = replaced.trim().trim_end_matches(['.', ' ']).to_string();
    let stem = trimmed.split('.').next().unwrap_or("").trim().to_ascii_uppercase();
    const RESERVED: &[&str] = &["CON", "PRN", "AUX", "NUL"];
    let device = RESERVED.contains(&stem.as_str())
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem[3..].chars().all(|c| c.is_ascii_digit()));
    match (trimmed.is_empty(), device) {
        (true, _) => "-".to_string(),
        (_, true) => format!("_{trimmed}"),
        _ => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_file_is_named_code_dash_name() {
        assert_eq!(agency_file_name("101", "استانداری لرستان", "pdf"), "101 - استانداری لرستان.pdf");
    }

    #[test]
    fn windows_forbidden_characters_become_dashes() {
        assert_eq!(
            agency_file_name("7", "اداره کل راه/شهرسازی: «ستاد»?", "pdf"),
            "7 - اداره کل راه-شهرسازی- «ستاد»-.pdf"
        );
        assert_eq!(windows_safe("a<b>c\"d|e*f\\g\u{7}h"), "a-b-c-d-e-f-g-h");
    }

    #[test]
    fn no_trailing_dot_or_space_and_no_device_names() {
        assert_eq!(windows_safe("شرکت آب. "), "شرکت آب");
        assert_eq!(windows_safe("CON"), "_CON");
        assert_eq!(windows_safe("com1.x"), "_com1.x");
        assert_eq!(windows_safe("COMPANY"), "COMPANY");
        assert_eq!(windows_safe(" ... "), "-");
    }

    #[test]
    fn long_names_are_cut() {
        assert_eq!(windows_safe(&"ا".repeat(400)).chars().count(), 150);
    }
}
