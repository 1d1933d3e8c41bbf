//! Service 1, regional accounts: the Statistical Centre's template of a year, which agency
//! supplies each item, the workbooks sent to agencies and the values that come back.

pub mod assign;
pub mod checks;
pub mod dispatch;
mod error;
pub mod explanations;
pub mod feedback;
mod intake;
mod model;
pub mod package;
pub mod reply;
pub mod review;
pub mod rules;
pub mod signing;
mod state;
mod template;
pub mod values;
pub mod view;
mod workbook;
pub mod years;

pub use crate::issued::IntakeStatus;
pub use error::AccountsError;
pub use intake::{import_workbooks, IntakeFinding, IntakeResult};
pub use model::{ItemKind, Severity, Template, TemplateItem, TemplateRule, TemplateTable};
pub use template::{import_template, parse_template, template_of, TemplateImportReport};
pub use workbook::{generate_workbooks, GeneratedWorkbook, WorkbookIdentity};
