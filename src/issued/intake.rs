//! Returned files taken in one by one: each gets its own result, a refused file does not stop
//! the others, and a failure of the province file itself stops the batch.

use crate::error::{Fault, Problem};
use crate::sheets::{file_name, SheetError};
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

/// The SHA-256 of a returned file's bytes: the same file imported twice changes nothing.
pub fn file_sha256(path: &Path) -> Result<String, SheetError> {
    let bytes = std::fs::read(path).map_err(|e| SheetError::Io { file: file_name(path), detail: e.to_string() })?;
    Ok(super::sha256_hex(&bytes))
}
