//! The demo province: Lorestan, built from the fixtures, for `make run` and for trying things.

use crate::agencies::{self, AgencyError, ImportReport};
use crate::store::{NewProvince, Store, StoreError};
use std::path::{Path, PathBuf};

/// Where the fixtures are: $DAFTAR_FIXTURES, or the source tree's fixtures/.
pub fn default_fixtures_dir() -> PathBuf {
    std::env::var_os("DAFTAR_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
}

pub fn demo_province() -> NewProvince {
    NewProvince {
        province: "لرستان".into(),
        office: "سازمان مدیریت و برنامه‌ریزی استان لرستان".into(),
        working_year: 1403,
    }
}

/// Build the demo province file at `out` from `fixtures`. The file is built beside `out`
/// under a temporary name and moved into place only when complete; an existing `out` is
/// replaced only when `replace` is set.
pub fn build(out: &Path, fixtures: &Path, replace: bool, actor: &str) -> Result<ImportReport, AgencyError> {
    if out.exists() && !replace {
        return Err(StoreError::AlreadyExists { path: out.to_path_buf() }.into());
    }
    let partial = out.with_extension("daftar.partial");
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        let mut store = Store::create(&partial, &demo_province(), actor)?;
        let report = agencies::import_xlsx(&mut store, &fixtures.join("agencies.xlsx"))?;
        drop(store);
        std::fs::rename(&partial, out).map_err(|e| StoreError::InvalidSetup {
            message: format!("پروندهٔ نمونه در «{}» گذاشته نشد: {e}", out.display()),
        })?;
        Ok(report)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
