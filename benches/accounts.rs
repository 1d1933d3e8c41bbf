//! Regional accounts, timed: one returned workbook, the whole fixture year (intake of every
//! agency's workbook and the checks), and the checks of a synthetic year ten times larger
//! (3,000 items, 1,000 rules, 186 agencies). Prints figures; `make bench` runs it.
//! Targets on the 2-core machine: one workbook < 15 ms, the fixture year < 1 s, a check run
//! of the large year < 50 ms.

use daftar::accounts;
use daftar::accounts::checks::{check, run_checks};
use daftar::accounts::reply::{write_reply, Reply, Typed};
use std::collections::HashMap;
use std::time::{Duration, Instant};

mod common;
use common::{accounts_fixture_year, accounts_year, median, ms};

fn one_workbook() -> (Duration, u32) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, returned) = accounts_fixture_year(dir.path());
    let largest = returned.iter().find(|p| p.to_string_lossy().contains("-501.")).unwrap().clone();
    let mut times = Vec::new();
    let mut values = 0;
    for run in 0..15 {
        // A new file each time, so that none is skipped as «already imported».
        let file = dir.path().join(format!("run-{run}.xlsx"));
        let mut reply = Reply::default();
        reply.values.insert("T01.WHEAT_IRR.AREA".into(), Typed::Number(100_000.0 + f64::from(run)));
        write_reply(&largest, &file, &reply).unwrap();
        let start = Instant::now();
        let result = accounts::import_workbooks(&mut store, 1403, &[file], None, &mut |_, _, _| {}).unwrap();
        times.push(start.elapsed());
        values = result[0].values_read;
    }
    (median(times), values)
}

fn fixture_year() -> (Duration, Duration, usize) {
    let mut intake = Vec::new();
    let mut checking = Vec::new();
    let mut files = 0;
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, returned) = accounts_fixture_year(dir.path());
        files = returned.len();
        let start = Instant::now();
        accounts::import_workbooks(&mut store, 1403, &returned, None, &mut |_, _, _| {}).unwrap();
        intake.push(start.elapsed());
        let start = Instant::now();
        run_checks(&mut store, 1403).unwrap();
        checking.push(start.elapsed());
    }
    (median(intake), median(checking), files)
}

fn main() {
    let (one, values) = one_workbook();
    println!("one returned workbook ({values} values): median {} (target < 15 ms)", ms(one));
    let (intake, checking, files) = fixture_year();
    println!(
        "fixture year: intake of {files} workbooks {} + checks {} = {} (target < 1 s)",
        ms(intake),
        ms(checking),
        ms(intake + checking)
    );
    let (template, now, before) = accounts_year(1);
    let mut times = Vec::new();
    for _ in 0..11 {
        let start = Instant::now();
        let run = check(&template, &now, &before, &HashMap::new()).unwrap();
        times.push(start.elapsed());
        assert_eq!(run.rules.len(), 1004);
    }
    println!(
        "synthetic year (3,000 items, 1,000 rules, 186 agencies): check run median {} (target < 50 ms)",
        ms(median(times))
    );
}
