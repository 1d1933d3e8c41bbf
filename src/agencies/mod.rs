//! The province's executive agencies and their festival groups, shared by both services.

mod error;
mod import;
mod repo;
mod validate;

pub use error::{AgencyError, RowProblem};
pub use import::{import_xlsx, ImportReport, MAX_IMPORT_ROWS};
pub use repo::{add, edit, find, groups, list, set_active};
pub use validate::normalized_code;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An agency as the directory shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Agency {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub group: Option<String>,
    pub parent_ministry: String,
    pub focal_person: String,
    pub phone: String,
    pub email: String,
    pub active: bool,
}

/// What a person types to add or edit an agency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgencyInput {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub group: Option<String>,
    pub parent_ministry: String,
    pub focal_person: String,
    pub phone: String,
    pub email: String,
}

/// A festival group and how many agencies are in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgencyGroup {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub agency_count: i64,
}

impl Agency {
    pub fn to_input(&self) -> AgencyInput {
        AgencyInput {
            code: self.code.clone(),
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            group: self.group.clone(),
            parent_ministry: self.parent_ministry.clone(),
            focal_person: self.focal_person.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
        }
    }
}
