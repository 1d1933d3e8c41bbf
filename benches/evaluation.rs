//! Performance evaluation, timed: totals, tiers and ranks of 60 agencies × 300 indicators and
//! of a synthetic province ten times larger (600 × 300); importing the 61 fixture
//! self-assessment workbooks. Prints figures; `make bench` runs it.
//! Targets on the 2-core machine: results of 60 × 300 < 20 ms; 60 workbooks < 1 s.

use daftar::evaluation::reply::{read_tsv, typed_for, write_reply};
use daftar::evaluation::results::compute;
use daftar::evaluation::workbook::{generate_workbooks, Purpose};
use daftar::evaluation::{catalog, create_year, intake, EvalSettings};
use daftar::fa::JalaliDate;
use daftar::store::Store;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::{evaluation_year, median, ms};

fn time_results(agencies: usize, per_agency: usize) -> Duration {
    let (catalog, refs, scores) = evaluation_year(agencies, per_agency);
    let settings = EvalSettings::default();
    let previous = HashMap::new();
    median(
        (0..15)
            .map(|_| {
                let t = Instant::now();
                let r = compute(&settings, &catalog, &refs, &scores, &previous);
                assert_eq!(r.len(), agencies);
                t.elapsed()
            })
            .collect(),
    )
}

fn time_intake() -> (Duration, usize) {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut store = Store::create(&dir.path().join("p.daftar"), &daftar::demo::demo_province(), "bench").unwrap();
    daftar::agencies::import_xlsx(&mut store, &fixtures.join("agencies.xlsx")).unwrap();
    let start = JalaliDate::parse("1404/01/15").unwrap();
    create_year(&mut store, 1403, start, None).unwrap();
    catalog::import_catalog(&mut store, 1403, &fixtures.join("evaluation/catalog-1403.xlsx"), start).unwrap();
    let sent = generate_workbooks(&mut store, 1403, Purpose::SelfAssessment, &dir.path().join("sent"), &[]).unwrap();
    let rows = read_tsv(&fixtures.join("src/evaluation/self-1403.tsv")).unwrap();
    let returned: Vec<std::path::PathBuf> = sent
        .iter()
        .map(|w| {
            let out = dir.path().join(format!("r-{}.xlsx", w.agency_code));
            write_reply(Path::new(&w.path), &out, &typed_for(&rows, &w.agency_code)).unwrap();
            out
        })
        .collect();
    let day = start.add_days(57); // within the self-assessment phase
    let t = Instant::now();
    let results =
        intake::import_workbooks(&mut store, 1403, Purpose::SelfAssessment, &returned, day, &mut |_, _, _| {}).unwrap();
    let elapsed = t.elapsed();
    assert!(results.iter().all(|r| r.refusal.is_none()));
    (elapsed, returned.len())
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let small = time_results(60, 300);
    let large = time_results(600, 300);
    println!("results (totals, tiers, ranks) of 60 agencies × 300 indicators: {} (target < 20 ms)", ms(small));
    println!(
        "results of 600 agencies × 300 indicators (ten times larger): {} ({:.1}× the cost)",
        ms(large),
        large.as_secs_f64() / small.as_secs_f64()
    );
    let (intake, files) = time_intake();
    println!("importing {files} self-assessment workbooks: {} (target < 1 s)", ms(intake));
}
