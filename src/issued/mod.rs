//! What both services' issued workbooks share: the hidden identity sheet with its stamp (year,
//! agency, nonce, digest), the intake of returned files and each file's status, the provenance
//! of a stored value, and one error type both services wrap.

pub mod cells;
mod error;
mod identity;
mod intake;
mod provenance;

pub use error::{IssuedError, Service};
pub use identity::{
    check_sheet_mark, read_identity_sheet, write_identity_sheet, write_sheet_mark, Stamp, GUIDE_SHEET, IDENTITY_SHEET,
};
pub use intake::{file_sha256, import_each, in_one_batch, read_ahead, IntakeStatus};
pub use provenance::{Change, Provenance};

/// Lower-case hex SHA-256: file identities, workbook digests, package manifests and snapshots.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
