//! Shared helpers of the integration tests.
use daftar::store::{NewProvince, Store};
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

pub fn lorestan() -> NewProvince {
    daftar::demo::demo_province()
}

/// A fresh province file in a temporary directory (kept alive by the returned guard).
pub fn new_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("lorestan.daftar"), &lorestan(), "آزمون").unwrap();
    (dir, store)
}

/// A province file with the fixture agencies imported.
pub fn demo_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = new_store();
    daftar::agencies::import_xlsx(&mut store, &fixtures().join("agencies.xlsx")).unwrap();
    (dir, store)
}
