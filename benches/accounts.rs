//! Regional accounts, timed: one returned workbook, the whole fixture year (intake of every
//! agency's workbook and the checks), and the checks of a synthetic year ten times larger
//! (3,000 items, 1,000 rules, 150 agencies). Prints figures; `make bench` runs it.
//! Targets on the 2-core machine: one workbook < 15 ms, the fixture year < 1 s, a check run
//! of the large year < 50 ms.

use daftar::accounts::checks::{check, run_checks};
use daftar::accounts::reply::{write_reply, Reply, Typed};
use daftar::accounts::values::StoredValue;
use daftar::accounts::{self, ItemKind, Severity, Template, TemplateItem, TemplateRule, TemplateTable};
use daftar::store::Store;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A province file with the template, last year's values and every agency's workbook sent;
/// returns the returned workbooks (from the fixture's 1403 values).
fn prepared(dir: &Path) -> (Store, Vec<std::path::PathBuf>) {
    let mut store = Store::create(&dir.join("p.daftar"), &daftar::demo::demo_province(), "bench").unwrap();
    daftar::agencies::import_xlsx(&mut store, &fixtures().join("agencies.xlsx")).unwrap();
    accounts::import_template(&mut store, &fixtures().join("accounts/template-1403.xlsx")).unwrap();
    accounts::values::import_final_values(&mut store, 1402, &fixtures().join("accounts/values-1402.xlsx")).unwrap();
    let returned = daftar::demo::agency_replies(&mut store, 1403, &fixtures(), dir).unwrap();
    (store, returned)
}

fn one_workbook() -> (Duration, u32) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, returned) = prepared(dir.path());
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
        let (mut store, returned) = prepared(dir.path());
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

/// 150 agencies, 30 tables of 100 items, 1,000 rules of the fixture's kinds.
fn synthetic_year() -> (Template, HashMap<String, StoredValue>, HashMap<String, StoredValue>) {
    let mut tables = Vec::new();
    let mut items = Vec::new();
    let mut now = HashMap::new();
    let mut before = HashMap::new();
    for t in 0..30 {
        let table = format!("S{t:02}");
        tables.push(TemplateTable {
            code: table.clone(),
            title: format!("جدول {t}"),
            unit: "واحد".into(),
            notes: String::new(),
        });
        for i in 0..100 {
            let code = format!("{table}.R{i:03}.V");
            let value = 1000.0 + f64::from(t * 100 + i);
            now.insert(
                code.clone(),
                StoredValue { number: Some(value), text: None, note: String::new(), cell: String::new() },
            );
            before.insert(
                code.clone(),
                StoredValue { number: Some(value * 0.95), text: None, note: String::new(), cell: String::new() },
            );
            items.push(TemplateItem {
                code,
                table_code: table.clone(),
                row_label: format!("ردیف {i}"),
                col_label: "مقدار".into(),
                unit: "واحد".into(),
                kind: ItemKind::Number,
                decimals: 1,
                required: true,
                agency_code: Some(format!("{}", 100 + (t * 100 + i) % 150)),
            });
        }
    }
    let mut rules = Vec::new();
    for r in 0..1000 {
        let t = r % 30;
        let i = (r / 30) % 90;
        let at = |k: usize| format!("S{t:02}.R{:03}.V", i + k);
        let expression = match r % 4 {
            0 => format!("{} <= sum({} .. {}) ~ 1%", at(0), at(1), at(9)),
            1 => format!("abs(change({})) <= 0.25", at(0)),
            2 => format!("between({} / {}, 0.5, 2)", at(0), at(1)),
            _ => format!("if present({}) then {} + {} > {}", at(0), at(1), at(2), at(3)),
        };
        rules.push(TemplateRule {
            code: format!("S-{r:04}"),
            expression,
            severity: if r % 3 == 0 { Severity::Warning } else { Severity::Error },
            message: format!("قاعدهٔ {r}: {{{}}}", at(0)),
        });
    }
    (
        Template {
            code: "SYN".into(),
            year: 1403,
            version: "1".into(),
            title: "سال ساختگی".into(),
            tables,
            items,
            rules,
        },
        now,
        before,
    )
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
    let (template, now, before) = synthetic_year();
    let mut times = Vec::new();
    for _ in 0..11 {
        let start = Instant::now();
        let run = check(&template, &now, &before, &HashMap::new()).unwrap();
        times.push(start.elapsed());
        assert_eq!(run.rules.len(), 1004);
    }
    println!(
        "synthetic year (3,000 items, 1,000 rules, 150 agencies): check run median {} (target < 50 ms)",
        ms(median(times))
    );
}
