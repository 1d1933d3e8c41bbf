//! Returned files taken in one by one: each gets its own result, a refused file does not stop
//! the others, and a failure of the province file itself stops the batch.

use crate::error::{Fault, Problem};
use crate::sheets::{file_name, SheetError};
use crate::store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IntakeStatus {
    Imported,
    /// The same file was imported before: nothing changed.
    Unchanged,
    Refused,
}

/// Import each of `paths` with `import`; a refusal becomes that file's result through
/// `refused(file name, error)`. `progress(done, total, file)` is called before each file.
pub fn import_each<R, E: Problem>(
    paths: &[PathBuf],
    progress: &mut dyn FnMut(usize, usize, &str),
    mut import: impl FnMut(&Path) -> Result<R, E>,
    refused: impl Fn(String, &E) -> R,
) -> Result<Vec<R>, E> {
    let mut results = Vec::with_capacity(paths.len());
    for (index, path) in paths.iter().enumerate() {
        progress(index, paths.len(), &file_name(path));
        let result = match import(path) {
            Ok(result) => result,
            Err(e) if e.fault() == Fault::Internal => return Err(e),
            Err(e) => refused(file_name(path), &e),
        };
        results.push(result);
    }
    progress(paths.len(), paths.len(), "");
    Ok(results)
}

/// A batch intake of `paths` in one transaction (`Store::batch`), after the verified backup
/// made before every batch intake, whose copy is checked on another thread while the workbooks
/// are written (`backup::before_alongside`). An empty batch changes nothing: no backup.
pub fn in_one_batch<T, E: From<StoreError>>(
    store: &mut Store,
    paths: &[PathBuf],
    work: impl FnOnce(&mut Store) -> Result<T, E>,
) -> Result<T, E> {
    let batch = |store: &mut Store| store.batch(work);
    if paths.is_empty() {
        batch(store)
    } else {
        crate::backup::before_alongside(store, crate::backup::BackupReason::Intake, batch)
    }
}

/// How many files the reading thread of `read_ahead` may be ahead of their import: enough to
/// keep reading while the backup is copied (a returned workbook's rows are a few kilobytes).
const READ_AHEAD: usize = 8;

/// `read` each of `paths` on a thread of its own, in order and some files ahead, while
/// `consume` takes the results as they come (same order, one per path) on this thread. Reading
/// and unpacking a workbook needs nothing of the province file, so it runs beside what does
/// (the backup before an intake, the writes), on the machine's other core. If `consume`
/// returns early the reader stops at its next file.
pub fn read_ahead<P: Send, T>(
    paths: &[PathBuf],
    read: impl Fn(&Path) -> P + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = P>) -> T,
) -> T {
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(READ_AHEAD);
        let read = &read;
        scope.spawn(move || {
            for path in paths {
                if send.send(read(path)).is_err() {
                    break;
                }
            }
        });
        consume(&mut receive.into_iter())
    })
}

/// The SHA-256 of a returned file's bytes: the same file imported twice changes nothing.
pub fn file_sha256(path: &Path) -> Result<String, SheetError> {
    let bytes = std::fs::read(path).map_err(|e| SheetError::Io { file: file_name(path), detail: e.to_string() })?;
    Ok(super::sha256_hex(&bytes))
}
