//! One backup of the demo province (VACUUM INTO, integrity check of the copy, rotation), and
//! the check every open makes (PRAGMA quick_check). Prints figures; `make bench` runs it.
//! Goal on the 2-core machine: a backup < 300 ms (it runs before an approval, a package or an
//! intake, so it must be «a moment»), the open check < 50 ms.

use daftar::backup::{self, BackupReason};
use daftar::store::Store;
use std::path::Path;
use std::time::Instant;

mod common;
use common::median;

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lorestan.daftar");
    daftar::demo::build(&file, &fixtures, false, "سنجش").unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    let store = Store::open(&file, "سنجش").unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2024, 11, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let mut backups = Vec::new();
    for i in 0..15 {
        let at = start + chrono::Duration::minutes(i);
        let begun = Instant::now();
        backup::make(&store, BackupReason::Manual, at).unwrap();
        backups.push(begun.elapsed());
    }
    let mut checks = Vec::new();
    for _ in 0..15 {
        let begun = Instant::now();
        let ok: String = store.conn().query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
        checks.push(begun.elapsed());
    }
    println!("demo province: {:.1} MB", size as f64 / 1024.0 / 1024.0);
    println!("one backup (copy, integrity check, rotation): {:?} median (goal < 300 ms)", median(backups));
    println!("open check (quick_check): {:?} median (goal < 50 ms)", median(checks));
}
