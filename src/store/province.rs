//! The province a file belongs to: province, office, working year, when and by what made.

use super::audit::{jalali_of_iso, now_iso, record};
use super::{AuditEntry, StoreError};
use crate::fa::normalize_text;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What a person gives to create a province file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewProvince {
    pub province: String,
    pub office: String,
    pub working_year: i32,
}

impl NewProvince {
    pub(super) fn validated(&self) -> Result<Self, StoreError> {
        let invalid = |message: &str| StoreError::InvalidSetup { message: message.to_string() };
        let province = normalize_text(&self.province);
        let office = normalize_text(&self.office);
        if province.is_empty() {
            return Err(invalid("نام استان را بنویسید (مثلاً «لرستان»)."));
        }
        if office.is_empty() {
            return Err(invalid("نام اداره را بنویسید (مثلاً «سازمان مدیریت و برنامه‌ریزی استان لرستان»)."));
        }
        if !(1300..=1500).contains(&self.working_year) {
            return Err(invalid("سال کاری باید سالی شمسی میان ۱۳۰۰ و ۱۵۰۰ باشد (مثلاً ۱۴۰۳)."));
        }
        Ok(Self { province, office, working_year: self.working_year })
    }
}

/// The province file as the status bar and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProvinceInfo {
    pub path: String,
    pub file_name: String,
    pub province: String,
    pub office: String,
    pub working_year: i32,
    pub created_at: String,
    pub created_at_jalali: String,
    pub app_version: String,
    /// Set when the file opened for reading only: why nothing can be changed, and what to do.
    pub read_only: Option<String>,
}

pub(super) fn insert(conn: &Connection, actor: &str, setup: &NewProvince) -> Result<(), StoreError> {
    let created_at = now_iso();
    conn.execute(
        "INSERT INTO province (id, province, office, working_year, created_at, app_version, last_app_version)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5)",
        params![setup.province, setup.office, setup.working_year, created_at, APP_VERSION],
    )?;
    record(conn, actor, &AuditEntry::new("province", "1", "create").new_value(setup))?;
    Ok(())
}

pub(super) fn read(conn: &Connection, path: &Path) -> Result<ProvinceInfo, StoreError> {
    let info = conn.query_row(
        "SELECT province, office, working_year, created_at, app_version FROM province WHERE id = 1",
        [],
        |r| {
            let created_at: String = r.get(3)?;
            Ok(ProvinceInfo {
                path: path.display().to_string(),
                file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                province: r.get(0)?,
                office: r.get(1)?,
                working_year: r.get(2)?,
                created_at_jalali: jalali_of_iso(&created_at),
                created_at,
                app_version: r.get(4)?,
                read_only: None,
            })
        },
    )?;
    Ok(info)
}

pub(super) fn last_app_version(conn: &Connection) -> Option<String> {
    conn.query_row("SELECT last_app_version FROM province WHERE id = 1", [], |r| r.get(0)).optional().ok().flatten()
}

pub(super) fn note_app_version(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("UPDATE province SET last_app_version = ?1 WHERE id = 1 AND last_app_version <> ?1", [APP_VERSION])?;
    Ok(())
}
