//! The province file: create, reopen, lock, version checks.

use crate::common;

use daftar::store::{Store, StoreError, LATEST_VERSION};
use daftar::Problem;
use rusqlite::Connection;

#[test]
fn create_then_reopen_keeps_the_province() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    let created = Store::create(&path, &common::lorestan(), "آزمون").unwrap().province().unwrap();
    let reopened = Store::open(&path, "آزمون").unwrap();
    assert_eq!(reopened.province().unwrap(), created);
    assert_eq!(created.province, "لرستان");
    assert_eq!(created.working_year, 1403);
    assert_eq!(created.app_version, env!("CARGO_PKG_VERSION"));
    assert!(reopened.backup_made().is_none());
    let audit = reopened.audit_log(10).unwrap();
    assert_eq!(
        (audit[0].entity.as_str(), audit[0].action.as_str(), audit[0].actor.as_str()),
        ("province", "create", "آزمون")
    );
}

#[test]
fn a_second_opener_is_told_the_file_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    let first = Store::create(&path, &common::lorestan(), "آزمون").unwrap();
    let err = Store::open(&path, "دیگری").err().expect("the file is held");
    assert_eq!(err.code(), "store.in_use");
    assert_eq!(
        err.to_string(),
        "پروندهٔ «lorestan.daftar» را برنامهٔ دیگری (پنجرهٔ دیگر دفتر یا خط فرمان) باز کرده است. آن را ببندید و دوباره بکوشید."
    );
    drop(first);
    Store::open(&path, "دیگری").expect("free once the first closes");
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    drop(Store::create(&path, &common::lorestan(), "آزمون").unwrap());
    {
        let raw = Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        raw.execute("UPDATE province SET last_app_version = '9.0.0'", []).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, "آزمون").err().unwrap();
    assert!(matches!(err, StoreError::NewerVersion { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "پروندهٔ «lorestan.daftar» را نسخهٔ تازه‌تری از دفتر (9.0.0) نوشته است و این نسخه ({}) نمی‌تواند آن را بخواند. دفتر را به‌روز کنید.",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn files_that_are_not_province_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.daftar");
    std::fs::write(&text, "این یک یادداشت است و پایگاه داده نیست. ".repeat(50)).unwrap();
    let err = Store::open(&text, "آزمون").err().unwrap();
    assert_eq!(err.code(), "store.not_a_province_file");
    assert_eq!(
        err.to_string(),
        "«notes.daftar» پروندهٔ استان دفتر نیست؛ پرونده‌ای را برگزینید که دفتر ساخته است (با پسوند daftar)."
    );

    // Refusing must not touch the file: SQLite would write a header into an empty one.
    let empty = dir.path().join("empty.daftar");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(Store::open(&empty, "آزمون").err().unwrap().code(), "store.not_a_province_file");
    assert_eq!(std::fs::read(&empty).unwrap().len(), 0);
    let before = std::fs::read(&text).unwrap();
    let _ = Store::open(&text, "آزمون");
    assert_eq!(std::fs::read(&text).unwrap(), before);

    let other_sqlite = dir.path().join("other.daftar");
    Connection::open(&other_sqlite).unwrap().execute_batch("CREATE TABLE x (y); PRAGMA user_version = 1;").unwrap();
    assert_eq!(Store::open(&other_sqlite, "آزمون").err().unwrap().code(), "store.not_a_province_file");

    let missing = Store::open(&dir.path().join("nowhere.daftar"), "آزمون").err().unwrap();
    assert_eq!(missing.code(), "store.not_found");
}

#[test]
fn create_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    std::fs::write(&path, "precious").unwrap();
    let err = Store::create(&path, &common::lorestan(), "آزمون").err().unwrap();
    assert_eq!(err.code(), "store.already_exists");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");
}

#[test]
fn bad_setup_is_refused_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.daftar");
    let mut setup = common::lorestan();
    setup.working_year = 2024;
    let err = Store::create(&path, &setup, "آزمون").err().unwrap();
    assert_eq!(err.to_string(), "سال کاری باید سالی شمسی میان ۱۳۰۰ و ۱۵۰۰ باشد (مثلاً ۱۴۰۳).");
    assert!(!path.exists());
}

/// A province file written by the first release (schema 1) is copied, then migrated.
#[test]
fn a_file_from_the_first_release_is_copied_then_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    std::fs::copy(common::fixtures().join("province-v1.daftar"), &path).unwrap();
    let original = std::fs::read(&path).unwrap();
    let store = Store::open(&path, "آزمون").unwrap();
    let backup = store.backup_made().expect("a copy before migrating").to_path_buf();
    assert_eq!(daftar::agencies::list(&store, "", true).unwrap().len(), 63);
    drop(store);
    let version = |p: &std::path::Path| -> u32 {
        Connection::open(p).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
    };
    assert_eq!(version(&path), LATEST_VERSION);
    assert_eq!(version(&backup), 1);
    assert_ne!(std::fs::read(&path).unwrap(), original);
    let reopened = Store::open(&path, "آزمون").unwrap();
    assert!(reopened.backup_made().is_none());
}
