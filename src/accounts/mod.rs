//! Service 1, regional accounts: the Statistical Centre's template of a year, which agency
//! supplies each item, the workbooks sent to agencies and the values that come back.

pub mod assign;
pub mod checks;
mod error;
pub mod feedback;
mod intake;
mod model;
pub mod package;
pub mod reply;
pub mod review;
pub mod rules;
mod state;
mod template;
pub mod values;
pub mod view;
mod workbook;

pub use error::AccountsError;
pub use intake::{import_workbooks, IntakeFinding, IntakeResult, IntakeStatus};
pub use model::{ItemKind, Severity, Template, TemplateItem, TemplateRule, TemplateTable};
pub use template::{import_template, parse_template, template_of, TemplateImportReport};
pub use workbook::{generate_workbooks, GeneratedWorkbook, WorkbookIdentity};

/// Lower-case hex SHA-256: file identities, workbook digests and package manifests.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
