//! `daftar report make KIND --all | --agencies A,B | --agency A --agency B [--split]`: a
//! per-agency document for many agencies at once (issue 14 item 3).

use super::{catalog_year, format_of, Batch};
use crate::out::{tell, ChecksFound, Failure, Out};
use daftar::fa;
use daftar::reports::{self, BatchOutput, BatchRequest, SavedBatch};
use daftar::store::Store;
use std::path::Path;

/// Make the batch, telling each agency on stderr; exit 1 when some agencies' documents could
/// not be made (the others are written, and the failures listed with their reasons).
pub(crate) fn make_batch(store: &mut Store, batch: Batch, path: &Path, out: &Out) -> Result<(), Failure> {
    let output = if batch.split { BatchOutput::Folder } else { BatchOutput::File };
    let format = format_of(batch.format, if batch.split { Path::new("") } else { path });
    let year = match batch.year {
        Some(y) => y,
        None => catalog_year(store, &batch.kind)?,
    };
    let request = BatchRequest { kind: batch.kind, year, agencies: batch.agencies, format, output };
    let quiet = out.json;
    let mut progress = |p: &reports::BatchProgress| {
        if !quiet {
            tell(&format!("{} — {} ({})", fa::of(p.done as usize, p.total as usize), p.agency_name, p.agency_code));
        }
    };
    let saved = reports::save_batch(store, &request, path, &mut progress, &|| false)?;
    out.print(&saved, || described(&saved));
    if saved.failures.is_empty() {
        Ok(())
    } else {
        Err(ChecksFound.into())
    }
}

/// The batch for people: where it went, each agency's pages or file and numbers, the failures.
fn described(saved: &SavedBatch) -> String {
    let mut lines = vec![format!("نوشته شد: {} ({} کیلوبایت)", saved.path, fa::int(saved.bytes.div_ceil(1024)))];
    for part in &saved.parts {
        let place = match (saved.output, part.first_page, part.last_page) {
            (BatchOutput::File, Some(first), Some(last)) if first == last => format!("صفحهٔ {}", fa::int(first)),
            (BatchOutput::File, Some(first), Some(last)) => {
                format!("صفحهٔ {} تا {}", fa::int(first), fa::int(last))
            }
            _ => part.path.clone(),
        };
        let numbers = if part.numbers.is_empty() {
            String::new()
        } else {
            format!("، شمارهٔ دبیرخانه: {}", fa::text_digits(&part.numbers.join("، ")))
        };
        lines.push(format!("{}\t{}\t{place}{numbers}", part.agency_code, part.agency_name));
    }
    for failure in &saved.failures {
        lines.push(format!("ساخته نشد: {} ({}): {}", failure.agency_name, failure.agency_code, failure.reason));
    }
    lines.join("\n")
}
