//! Issue 15, timed: intake at the reader's speed and growth that stays linear. Every ratio is
//! paired: the alternatives (or sizes) run one after the other in each round, in an order
//! that rotates, and the figure is the median over the rounds of each round's ratio.
//!
//! 1. The fixture year's 29 returned workbooks: calamine only reading them; Daftar's intake
//!    and checks from the province file to the stored result (in this process, and as two
//!    CLI processes); the openpyxl and python-calamine scripts of benches/anchors/ as
//!    processes, when `python3` (or $DAFTAR_ANCHOR_PYTHON) has those packages.
//! 2. Each service at ×1, ×2, ×4, ×10 (×10 = 1,860 agencies; 30,000 items and 10,000 rules):
//!    the cost of each doubling (×4 → ×10 is given per doubling too), at most 2.3× each.
//!
//! `make bench` runs it; `cargo bench -p daftar --bench linear` alone (`-- intake` or
//! `-- growth` for one part).

use daftar::accounts::checks::{check, run_checks};
use daftar::accounts::{self};
use daftar::evaluation::model::Catalog;
use daftar::evaluation::results::compute;
use daftar::evaluation::EvalSettings;
use daftar::store::Store;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

mod common;
use common::{accounts_fixture_year, accounts_year, evaluation_year};

const ROUNDS: usize = 7;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn verdict(pass: bool) -> &'static str {
    if pass {
        "PASS"
    } else {
        "MISS"
    }
}

fn timed(work: impl FnOnce()) -> f64 {
    let start = Instant::now();
    work();
    start.elapsed().as_secs_f64()
}

/// Run `alternatives` ROUNDS times each, interleaved (the order rotates every round); returns
/// each one's times, round by round.
fn paired(alternatives: &mut [&mut dyn FnMut() -> f64]) -> Vec<Vec<f64>> {
    let n = alternatives.len();
    let mut times = vec![Vec::new(); n];
    for round in 0..ROUNDS {
        for k in 0..n {
            let at = (k + round) % n;
            times[at].push((alternatives[at])());
        }
    }
    times
}

/// The median over the rounds of a[i] / b[i].
fn paired_ratio(a: &[f64], b: &[f64]) -> f64 {
    median(a.iter().zip(b).map(|(x, y)| x / y).collect())
}

fn ms(seconds: f64) -> String {
    format!("{:.1} ms", seconds * 1000.0)
}

// ---- 1. Intake against the plain readers -------------------------------------------------

/// The fixture year's province file (closed) and the workbooks the agencies return.
fn fixture_year(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let (store, returned) = accounts_fixture_year(dir);
    let path = store.path().to_path_buf();
    drop(store);
    (path, returned)
}

/// calamine reading every cell of every sheet, and nothing else.
fn calamine_read(files: &[PathBuf]) -> f64 {
    use calamine::Reader;
    timed(|| {
        let mut cells = 0usize;
        for file in files {
            let mut book = calamine::open_workbook_auto(file).unwrap();
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).unwrap();
                cells += range.used_cells().count();
            }
        }
        assert!(cells > 0);
    })
}

fn fresh_copy(base: &Path, dir: &Path, name: &str) -> PathBuf {
    let copy = dir.join(name);
    let _ = std::fs::remove_file(&copy);
    std::fs::copy(base, &copy).unwrap();
    copy
}

/// The CLI measured: $DAFTAR_BENCH_CLI (`make bench` gives it the one `cargo build --release`
/// made), else the one cargo built for this bench.
fn cli_path() -> PathBuf {
    std::env::var_os("DAFTAR_BENCH_CLI").map(PathBuf::from).unwrap_or_else(|| env!("CARGO_BIN_EXE_daftar").into())
}

fn daftar_cli(file: &Path, args: &[&str], files: &[PathBuf]) -> std::process::ExitStatus {
    Command::new(cli_path())
        .arg("--file")
        .arg(file)
        .args(args)
        .args(files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap()
}

/// The Python that runs the anchors, if it has openpyxl and python-calamine.
fn anchor_python() -> Option<String> {
    let python = std::env::var("DAFTAR_ANCHOR_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python).args(["-c", "import openpyxl, python_calamine"]).output();
    ok.is_ok_and(|o| o.status.success()).then_some(python)
}

fn anchor(python: &str, script: &str, dir: &Path, files: &[PathBuf]) -> f64 {
    let out = dir.join(format!("{script}.sqlite"));
    let _ = std::fs::remove_file(&out);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/anchors").join(script);
    timed(|| {
        let status = Command::new(python).arg(path).arg(&out).args(files).stdout(std::process::Stdio::null()).status();
        assert!(status.unwrap().success())
    })
}

fn intake_against_readers() {
    let dir = tempfile::tempdir().unwrap();
    let (base, files) = fixture_year(dir.path());
    let d = dir.path();
    let mut read = || calamine_read(&files);
    let mut in_process = || {
        let file = fresh_copy(&base, d, "in-process.daftar");
        timed(|| {
            let mut store = Store::open(&file, "bench").unwrap();
            let results = accounts::import_workbooks(&mut store, 1403, &files, None, &mut |_, _, _| {}).unwrap();
            assert!(results.iter().all(|r| r.status == accounts::IntakeStatus::Imported));
            run_checks(&mut store, 1403).unwrap();
        })
    };
    // What one transaction per workbook cost (as before Store::batch): each file its own batch.
    let mut one_by_one = || {
        let file = fresh_copy(&base, d, "one-by-one.daftar");
        timed(|| {
            let mut store = Store::open(&file, "bench").unwrap();
            for f in &files {
                accounts::import_workbooks(&mut store, 1403, std::slice::from_ref(f), None, &mut |_, _, _| {}).unwrap();
            }
            run_checks(&mut store, 1403).unwrap();
        })
    };
    let mut processes = || {
        let file = fresh_copy(&base, d, "cli.daftar");
        timed(|| {
            assert!(daftar_cli(&file, &["accounts", "intake", "--year", "1403"], &files).code().is_some_and(|c| c < 2));
            assert!(daftar_cli(&file, &["accounts", "check", "--year", "1403"], &[]).code().is_some_and(|c| c < 2));
        })
    };
    // The verified copy issue 16 requires before every batch intake (pages copied, synced,
    // `PRAGMA integrity_check` on the copy), alone on one thread: a part of the intake above
    // that no speed-up of the intake itself removes.
    let mut backup = || {
        let file = fresh_copy(&base, d, "backup.daftar");
        let store = Store::open(&file, "bench").unwrap();
        let now = chrono::Local::now().naive_local();
        timed(|| drop(daftar::backup::make(&store, daftar::backup::BackupReason::Intake, now).unwrap()))
    };
    let python = anchor_python();
    let times = match &python {
        Some(py) => {
            let mut openpyxl = || anchor(py, "openpyxl_intake.py", d, &files);
            let mut pycalamine = || anchor(py, "calamine_intake.py", d, &files);
            let all: &mut [&mut dyn FnMut() -> f64] = &mut [
                &mut read,
                &mut in_process,
                &mut processes,
                &mut one_by_one,
                &mut backup,
                &mut openpyxl,
                &mut pycalamine,
            ];
            paired(all)
        }
        None => paired(&mut [&mut read, &mut in_process, &mut processes, &mut one_by_one, &mut backup]),
    };
    let m = |k: usize| median(times[k].clone());
    println!(
        "== intake + checks of the fixture year ({} returned workbooks), medians of {ROUNDS} paired rounds",
        files.len()
    );
    println!("calamine only reading them: {}", ms(m(0)));
    let inside = paired_ratio(&times[1], &times[0]);
    println!(
        "Daftar intake + checks, province file to stored result: {} = {inside:.1}× the raw read (goal ≤ 2×) {}",
        ms(m(1)),
        verdict(inside <= 2.0)
    );
    let cli = paired_ratio(&times[2], &times[0]);
    println!(
        "the same as two CLI processes (intake, check; {}): {} = {cli:.1}× the raw read",
        cli_path().display(),
        ms(m(2))
    );
    let batch_gain = paired_ratio(&times[3], &times[1]);
    println!("with one transaction per workbook instead of one a batch: {} ({batch_gain:.2}× the batch)", ms(m(3)));
    let backup_share = paired_ratio(&times[4], &times[0]);
    println!(
        "the verified backup issue 16 requires before a batch intake (copy + integrity_check), alone: {} = {backup_share:.1}× the raw read",
        ms(m(4))
    );
    match python {
        Some(_) => {
            let openpyxl = paired_ratio(&times[5], &times[2]);
            let pycalamine = paired_ratio(&times[6], &times[2]);
            println!(
                "openpyxl script (process): {}; the CLI is {openpyxl:.1}× faster (goal ≥ 10×) {}",
                ms(m(5)),
                verdict(openpyxl >= 10.0)
            );
            println!(
                "python-calamine script (process): {}; the CLI is {pycalamine:.1}× faster (goal ≥ 3×) {}",
                ms(m(6)),
                verdict(pycalamine >= 3.0)
            );
        }
        None => println!(
            "openpyxl and python-calamine anchors: skipped, this Python lacks them (benches/anchors/README.md)"
        ),
    }
}

// ---- 2. Growth -------------------------------------------------------------------------

const SCALES: [usize; 4] = [1, 2, 4, 10];

/// Print each step's cost (×4 → ×10 also per doubling) against the goal of 2.3× at most.
fn growth(what: &str, times: &[Vec<f64>]) {
    let m: Vec<String> = times.iter().map(|t| ms(median(t.clone()))).collect();
    println!("{what}: {}", m.join(" / "));
    let mut worst: f64 = 0.0;
    let mut steps = Vec::new();
    for s in 1..SCALES.len() {
        let ratio = paired_ratio(&times[s], &times[s - 1]);
        let size = SCALES[s] as f64 / SCALES[s - 1] as f64;
        let per_doubling = ratio.powf(2f64.ln() / size.ln());
        worst = worst.max(per_doubling);
        steps.push(if size == 2.0 {
            format!("×{}→×{}: {ratio:.2}×", SCALES[s - 1], SCALES[s])
        } else {
            format!("×{}→×{}: {ratio:.2}× ({per_doubling:.2}× a doubling)", SCALES[s - 1], SCALES[s])
        });
    }
    println!("  {}; worst doubling {worst:.2}× (goal ≤ 2.3×) {}", steps.join(", "), verdict(worst <= 2.3));
}

/// A province file holding `template` and its values of both years, written straight into
/// the tables (a template of 30,000 items is past what a template workbook may hold).
fn accounts_file(dir: &Path, scale: usize) -> PathBuf {
    let (template, now, before) = accounts_year(scale);
    let path = dir.join(format!("accounts-x{scale}.daftar"));
    drop(Store::create(&path, &daftar::demo::demo_province(), "bench").unwrap());
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute(
        "INSERT INTO ra_template (year, code, version, title, file_name, file_sha256, imported_at)
         VALUES (1403, 'SYN', '1', 'سال ساختگی', 'syn.xlsx', '', '')",
        [],
    )
    .unwrap();
    for (n, t) in template.tables.iter().enumerate() {
        tx.execute(
            "INSERT INTO ra_table (year, code, title, unit, position) VALUES (1403, ?1, ?2, ?3, ?4)",
            rusqlite::params![t.code, t.title, t.unit, n as i64],
        )
        .unwrap();
    }
    for (n, i) in template.items.iter().enumerate() {
        tx.execute(
            "INSERT INTO ra_item (year, code, table_code, row_label, col_label, unit, kind, decimals, required, position)
             VALUES (1403, ?1, ?2, ?3, ?4, ?5, 'number', 1, 1, ?6)",
            rusqlite::params![i.code, i.table_code, i.row_label, i.col_label, i.unit, n as i64],
        )
        .unwrap();
    }
    for (n, r) in template.rules.iter().enumerate() {
        tx.execute(
            "INSERT INTO ra_rule (year, code, expression, severity, message, position) VALUES (1403, ?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![r.code, r.expression, r.severity.as_str(), r.message, n as i64],
        )
        .unwrap();
    }
    for (year, values) in [(1403, &now), (1402, &before)] {
        for (code, v) in values {
            tx.execute(
                "INSERT INTO ra_value (year, item_code, value_num, source, entered_at, entered_by) VALUES (?1, ?2, ?3, 'import', '', 'bench')",
                rusqlite::params![year, code, v.number],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
    path
}

/// Each size's times, paired: in every round each size runs once, the order rotating.
fn sizes(mut run: impl FnMut(usize) -> f64) -> Vec<Vec<f64>> {
    let mut times = vec![Vec::new(); SCALES.len()];
    for round in 0..ROUNDS {
        for k in 0..SCALES.len() {
            let at = (k + round) % SCALES.len();
            times[at].push(run(at));
        }
    }
    times
}

fn growth_of_each_service() {
    println!("== growth at ×1 / ×2 / ×4 / ×10, medians of {ROUNDS} paired rounds");
    let years: Vec<_> = SCALES.iter().map(|&s| accounts_year(s)).collect();
    let times = sizes(|at| {
        let (template, now, before) = &years[at];
        timed(|| {
            assert_eq!(check(template, now, before, &HashMap::new()).unwrap().rules.len(), template.rules.len() + 4)
        })
    });
    growth("accounts checks in memory (3,000 items × 1,000 rules … 30,000 × 10,000)", &times);
    drop(years);

    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = SCALES.iter().map(|&s| accounts_file(dir.path(), s)).collect();
    let times = sizes(|at| {
        let file = fresh_copy(&files[at], dir.path(), "run.daftar");
        timed(|| {
            let mut store = Store::open(&file, "bench").unwrap();
            run_checks(&mut store, 1403).unwrap();
        })
    });
    growth("accounts checks from the province file to the stored run (same sizes)", &times);

    let years: Vec<_> = SCALES.iter().map(|&s| evaluation_year(186 * s, 300)).collect();
    let settings = EvalSettings::default();
    let times = sizes(|at| {
        let (catalog, refs, scores) = &years[at];
        timed(|| assert_eq!(compute(&settings, catalog, refs, scores, &HashMap::new()).len(), refs.len()))
    });
    growth("evaluation results (186 … 1,860 agencies × 300 indicators)", &times);
    let times = sizes(|at| {
        let (catalog, refs, _) = &years[at];
        // A fresh catalog each time: the index is built inside the timing, as on each load.
        let catalog = catalog.clone();
        let catalog = Catalog::new(catalog.axes, catalog.indicators);
        timed(|| {
            let n: usize = refs.iter().map(|a| catalog.of_agency(&a.code).count()).sum();
            assert_eq!(n, refs.len() * 300);
        })
    });
    growth("every agency's indicators, Catalog::of_agency (same sizes)", &times);
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // `-- intake` or `-- growth` runs one part (to profile it); nothing runs both.
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let wanted = |part: &str| only.is_empty() || only.iter().any(|o| o == part);
    if wanted("intake") {
        intake_against_readers();
    }
    if wanted("growth") {
        growth_of_each_service();
    }
}
