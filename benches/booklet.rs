//! The results booklet (issue 15 goal 3): the fixture year to the festival, council-approved,
//! then the booklet made in a fresh process (this bench re-runs itself), so that its peak
//! memory is the booklet's and not the set-up's. Prints wall time and peak resident memory
//! beside the goals: < 1 s and < 150 MB on the 2-core machine.
//! `DAFTAR_BENCH_KEEP=path` also keeps the approved province file there (for the CLI).

use daftar::evaluation::simulate::{play_year, Until};
use daftar::fa::JalaliDate;
use daftar::reports::{self, ReportFormat, ReportRequest};
use daftar::store::{NewProvince, Store};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const CHILD: &str = "DAFTAR_BENCH_BOOKLET_OF";
const RUNS: usize = 5;

/// The process's peak resident set in KB: VmHWM on Linux; None where it cannot be read.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// In the child: make the booklet once, print «seconds peak_kb pages».
fn make_booklet(file: &Path) {
    let store = Store::open_read_only(file, "سنجش").unwrap();
    let request = ReportRequest { kind: "booklet".into(), year: 1403, agency: None, format: ReportFormat::Pdf };
    let start = Instant::now();
    let made = reports::make(&store, &request).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    println!("{seconds} {} {}", peak_kb().unwrap_or(0), made.pages);
}

fn approved_year(dir: &Path) -> std::path::PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let setup = NewProvince {
        province: "لرستان".into(),
        office: "سازمان مدیریت و برنامه‌ریزی استان لرستان".into(),
        working_year: 1403,
    };
    let file = dir.join("booklet.daftar");
    let mut store = Store::create(&file, &setup, "سنجش").unwrap();
    daftar::agencies::import_xlsx(&mut store, &fixtures.join("agencies.xlsx")).unwrap();
    let today = JalaliDate::parse("1404/01/15").unwrap();
    play_year(&mut store, &fixtures, 1403, today, Until::Festival, &dir.join("work")).unwrap();
    file
}

fn main() {
    if let Some(file) = std::env::var_os(CHILD) {
        make_booklet(Path::new(&file));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = approved_year(dir.path());
    if let Some(keep) = std::env::var_os("DAFTAR_BENCH_KEEP") {
        std::fs::copy(&file, keep).unwrap();
    }
    let me = std::env::current_exe().unwrap();
    let mut runs: Vec<(f64, u64, u32)> = (0..RUNS)
        .map(|_| {
            let out = Command::new(&me).env(CHILD, &file).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let text = String::from_utf8(out.stdout).unwrap();
            let mut fields = text.split_whitespace();
            let mut next = || fields.next().expect("three figures");
            (next().parse().unwrap(), next().parse().unwrap(), next().parse().unwrap())
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (seconds, _, pages) = runs[RUNS / 2];
    let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
    let peak = if peak == 0 { "unmeasured here".to_string() } else { format!("{:.0} MB", peak as f64 / 1024.0) };
    println!(
        "results booklet, {pages} pages, in a fresh process: {seconds:.2} s (goal < 1 s), peak resident {peak} (goal < 150 MB)"
    );
}
