//! Backups of the province file (issue 16 items 1 and 2): made by themselves, verified, rotated,
//! kept in a second folder, restored; an unwritable folder never stops the work; a damaged file
//! is met with its backups, in the core and in the CLI.

use crate::common;
use chrono::{NaiveDate, NaiveDateTime};
use daftar::accounts::{self, package, review};
use daftar::backup::{self, BackupLocation, BackupReason, BackupRef, BackupSettings, Rotation};
use daftar::store::Store;
use daftar::Problem;
use std::path::{Path, PathBuf};

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 11, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
}

/// The backups beside `file`, oldest first, by reason.
fn reasons(file: &Path) -> Vec<BackupReason> {
    let mut found: Vec<(NaiveDateTime, String, BackupReason)> = std::fs::read_dir(backup::beside_folder(file))
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    backup::parse_name(&name).map(|(at, r)| (at, name, r))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    found.into_iter().map(|(_, _, r)| r).collect()
}

fn newest(file: &Path, reason: BackupReason) -> PathBuf {
    let list = backup::list(file, None, &BackupSettings::default());
    let found = list.backups.iter().find(|b| b.reason == reason).expect("a backup of that reason");
    PathBuf::from(&found.folder).join(&found.name)
}

fn agency_count(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM agency", [], |r| r.get(0)).unwrap()
}

#[test]
fn the_first_open_of_a_day_makes_one_verified_backup() {
    let (dir, store) = common::demo_store();
    let file = store.path().to_path_buf();
    drop(store);
    for hour in [9, 11, 16] {
        drop(backup::open(&file, "آزمون", false, at(3, hour)).unwrap());
    }
    assert_eq!(reasons(&file), vec![BackupReason::Daily], "one for the 3rd");
    drop(backup::open(&file, "آزمون", false, at(4, 8)).unwrap());
    assert_eq!(reasons(&file), vec![BackupReason::Daily, BackupReason::Daily]);
    // Read-only opens copy nothing.
    drop(backup::open(&file, "آزمون", true, at(5, 8)).unwrap());
    assert_eq!(reasons(&file).len(), 2);
    let made = newest(&file, BackupReason::Daily);
    backup::verify(&made).unwrap();
    assert_eq!(agency_count(&made), agency_count(&file));
    assert!(made.starts_with(dir.path().join("lorestan.backups")));
}

#[test]
fn approval_package_and_intake_are_backed_up_first() {
    let (_dir, mut store) = common::demo_copy();
    let file = store.path().to_path_buf();
    let approved_in = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM ra_status WHERE state = 'approved'", [], |r| r.get(0)).unwrap()
    };
    let approved = |path: &Path| approved_in(&rusqlite::Connection::open(path).unwrap());
    let before = approved_in(store.conn());
    review::approve(&mut store, 1403, "203", None).unwrap();
    assert_eq!(reasons(&file), vec![BackupReason::Approval]);
    assert_eq!(approved(&newest(&file, BackupReason::Approval)), before, "the copy is from before the approval");
    let zip = file.with_file_name("draft.zip");
    package::package(&mut store, 1403, &zip, true).unwrap();
    let missing = vec![file.with_file_name("no-such-workbook.xlsx")];
    accounts::import_workbooks(&mut store, 1403, &missing, None, &mut |_, _, _| {}).unwrap();
    let mut got = reasons(&file);
    got.sort_by_key(|r| r.slug());
    assert_eq!(got, vec![BackupReason::Approval, BackupReason::Intake, BackupReason::Package]);
    assert!(store.take_warnings().is_empty());
    drop(store);
    for b in backup::list(&file, None, &BackupSettings::default()).backups {
        assert!(b.readable && b.years.contains(&1403), "{b:?}");
    }
}

#[test]
fn the_rotation_keeps_the_last_of_a_folder() {
    let (_dir, mut store) = common::new_store();
    let file = store.path().to_path_buf();
    let three = BackupSettings {
        second_folder: String::new(),
        rotation: Rotation { keep_last: 3, keep_days: 0, keep_months: 0 },
    };
    backup::set_settings(&mut store, &three).unwrap();
    for minute in 0..6 {
        backup::make(&store, BackupReason::Manual, at(10, 9) + chrono::Duration::minutes(minute)).unwrap();
    }
    let list = backup::list(&file, Some(store.conn()), &three);
    let names: Vec<&str> = list.backups.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        ["20241110-090500-manual.daftar", "20241110-090400-manual.daftar", "20241110-090300-manual.daftar"]
    );
}

#[test]
fn a_restore_brings_the_data_back_and_keeps_the_current_file_aside() {
    let (_dir, store) = common::demo_store();
    let file = store.path().to_path_buf();
    let before = agency_count_open(&store);
    let made = backup::make(&store, BackupReason::Manual, at(12, 9)).unwrap();
    let mut slot = Some(store);
    let input =
        daftar::agencies::AgencyInput {
            code: "999".into(), name: "اداره کل آزمون".into(), ..Default::default()
        };
    daftar::agencies::add(slot.as_mut().unwrap(), &input).unwrap();
    assert_eq!(agency_count_open(slot.as_ref().unwrap()), before + 1);
    let listed = backup::list(&file, slot.as_ref().map(Store::conn), &BackupSettings::default());
    let since = listed.backups[0].since.clone().unwrap();
    assert_eq!(since.changes, 1, "{}", since.summary);
    assert!(since.summary.contains("دستگاه‌ها"), "{}", since.summary);
    let choice = BackupRef { name: made.name.clone(), location: BackupLocation::Beside };
    let restored = backup::restore(&mut slot, &file, &choice, &BackupSettings::default(), "آزمون", at(12, 10)).unwrap();
    assert_eq!(agency_count_open(slot.as_ref().unwrap()), before, "the data is back");
    assert!(restored.aside.ends_with("-restore.daftar"), "{}", restored.aside);
    assert_eq!(agency_count(Path::new(&restored.aside)), before + 1, "the replaced file is kept as it was");
    let unknown = BackupRef { name: "20240101-000000-manual.daftar".into(), location: BackupLocation::Beside };
    let err = backup::restore(&mut slot, &file, &unknown, &BackupSettings::default(), "آزمون", at(12, 11)).unwrap_err();
    assert_eq!(err.code(), "backup.unknown");
    assert!(slot.is_some(), "a refused restore leaves the file open");
}

fn agency_count_open(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM agency", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_second_folder_gets_a_verified_copy_too() {
    let (dir, mut store) = common::new_store();
    let stick = dir.path().join("usb");
    std::fs::create_dir(&stick).unwrap();
    let settings = BackupSettings { second_folder: stick.display().to_string(), rotation: Rotation::default() };
    backup::set_settings(&mut store, &settings).unwrap();
    let made = backup::make(&store, BackupReason::Manual, at(13, 9)).unwrap();
    assert_eq!(made.written.len(), 2, "{made:?}");
    let on_stick = stick.join("lorestan.backups").join(&made.name);
    backup::verify(&on_stick).unwrap();
    let list = backup::list(store.path(), Some(store.conn()), &settings);
    assert!(list.backups.iter().any(|b| b.location == BackupLocation::Second));
    let missing = BackupSettings { second_folder: dir.path().join("unplugged").display().to_string(), ..settings };
    let err = backup::set_settings(&mut store, &missing).unwrap_err();
    assert!(err.to_string().contains("پیدا نشد"), "{err}");
}

/// A folder that may not be written: the work goes on, with a Persian warning.
#[test]
fn an_unwritable_backup_folder_warns_and_the_work_goes_on() {
    let (_dir, mut store) = common::demo_copy();
    let file = store.path().to_path_buf();
    // A plain file where the folder should be: no folder can be made there, on any system.
    std::fs::write(backup::beside_folder(&file), b"not a folder").unwrap();
    review::approve(&mut store, 1403, "203", None).unwrap();
    let warnings = store.take_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("پشتیبان") && warnings[0].contains("کار شما انجام می‌شود"), "{}", warnings[0]);
    let err = backup::make(&store, BackupReason::Manual, at(14, 9)).unwrap_err();
    assert_eq!(err.code(), "backup.not_written");
}

fn garble(file: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(file).unwrap().len();
    let mut f = std::fs::OpenOptions::new().write(true).open(file).unwrap();
    f.seek(SeekFrom::Start(len / 2)).unwrap();
    f.write_all(&vec![0xA5; 16 * 1024]).unwrap();
}

#[test]
fn a_damaged_file_is_met_with_its_backups() {
    let (_dir, store) = common::demo_store();
    let file = store.path().to_path_buf();
    let made = backup::make(&store, BackupReason::Manual, at(15, 9)).unwrap();
    drop(store);
    garble(&file);
    let err = backup::open(&file, "آزمون", false, at(15, 10)).err().unwrap();
    assert_eq!(err.code(), "backup.damaged");
    assert!(err.to_string().contains("آسیب دیده") && err.to_string().contains("۱ پشتیبان"), "{err}");
    // Truncated: the same.
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 3]).unwrap();
    assert_eq!(backup::open(&file, "آزمون", false, at(15, 10)).err().unwrap().code(), "backup.damaged");
    // A garbled header.
    std::fs::write(&file, vec![0x5A; bytes.len()]).unwrap();
    assert_eq!(backup::open(&file, "آزمون", false, at(15, 10)).err().unwrap().code(), "backup.damaged");
    let mut slot = None;
    let choice = BackupRef { name: made.name, location: BackupLocation::Beside };
    let restored = backup::restore(&mut slot, &file, &choice, &BackupSettings::default(), "آزمون", at(15, 11)).unwrap();
    assert!(restored.aside.ends_with("-restore.damaged"));
    assert_eq!(std::fs::read(&restored.aside).unwrap(), vec![0x5A; bytes.len()], "the damaged file is kept as it was");
    assert!(agency_count_open(slot.as_ref().unwrap()) > 0);
}

#[test]
fn a_damaged_file_without_backups_says_so() {
    let (_dir, store) = common::new_store();
    let file = store.path().to_path_buf();
    drop(store);
    garble(&file);
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let err = backup::open(&file, "آزمون", false, at(16, 10)).err().unwrap();
    assert_eq!(err.code(), "backup.damaged_without_backup", "{err}");
}

#[test]
fn the_cli_lists_makes_and_restores_and_names_the_list_for_a_damaged_file() {
    let (_dir, store) = common::demo_store();
    let file = store.path().to_path_buf();
    drop(store);
    let json = |args: &[&str]| {
        let (code, out, err) = common::cli(&file, &[&["--json"], args].concat());
        assert_eq!(code, 0, "{args:?}: {err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let made = json(&["backup", "make"]);
    let name = made["name"].as_str().unwrap().to_string();
    let list = json(&["backup", "list"]);
    let names: Vec<&str> = list["backups"].as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap()).collect();
    assert!(names.contains(&name.as_str()), "{names:?}");
    assert!(list["backups"][0]["made_at_jalali"].as_str().unwrap().starts_with('۱'));
    garble(&file);
    let (code, _, err) = common::cli(&file, &["agencies", "list"]);
    assert_eq!(code, 2);
    assert!(err.contains("آسیب دیده") && err.contains("daftar backup list"), "{err}");
    let (code, out, _) = common::cli(&file, &["backup", "list"]);
    assert_eq!(code, 0);
    assert!(out.contains(&name), "the list works on a damaged file: {out}");
    let (code, _, err) = common::cli(&file, &["backup", "restore", &name]);
    assert_eq!(code, 2, "without --yes and no answer, nothing happens: {err}");
    let restored = json(&["backup", "restore", &name, "--yes"]);
    assert!(restored["aside"].as_str().unwrap().ends_with(".damaged"));
    let (code, out, err) = common::cli(&file, &["agencies", "list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("101"));
}
