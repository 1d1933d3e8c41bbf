//! What the benches share: medians and the synthetic years of both services. Each bench
//! includes it with `mod common;` and uses only part of it.
#![allow(dead_code)]

use daftar::accounts::values::StoredValue;
use daftar::accounts::{ItemKind, Severity, Template, TemplateItem, TemplateRule, TemplateTable};
use daftar::evaluation::model::{Axis, Catalog, Indicator, IndicatorKind};
use daftar::evaluation::results::{AgencyRef, Scores};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The median time of `runs` runs of `work`, and what the last run gave.
pub fn timed<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(work());
        times.push(start.elapsed());
    }
    (median(times), last.expect("at least one run"))
}

/// A synthetic regional-accounts year at `scale`: 30·scale tables of 100 items, 1,000·scale
/// rules of the fixture's kinds, items supplied by 186·scale agencies; this year's values and
/// last year's (5% lower).
pub fn accounts_year(scale: usize) -> (Template, HashMap<String, StoredValue>, HashMap<String, StoredValue>) {
    let (tables_n, agencies) = (30 * scale, 186 * scale);
    let mut tables = Vec::new();
    let mut items = Vec::new();
    let mut now = HashMap::new();
    let mut before = HashMap::new();
    let value = |n: f64| StoredValue { number: Some(n), text: None, note: String::new(), cell: String::new() };
    for t in 0..tables_n {
        let table = format!("S{t:04}");
        tables.push(TemplateTable {
            code: table.clone(),
            title: format!("جدول {t}"),
            unit: "واحد".into(),
            notes: String::new(),
        });
        for i in 0..100 {
            let code = format!("{table}.R{i:03}.V");
            let n = 1000.0 + (t * 100 + i) as f64;
            now.insert(code.clone(), value(n));
            before.insert(code.clone(), value(n * 0.95));
            items.push(TemplateItem {
                code,
                table_code: table.clone(),
                row_label: format!("ردیف {i}"),
                col_label: "مقدار".into(),
                unit: "واحد".into(),
                kind: ItemKind::Number,
                decimals: 1,
                required: true,
                agency_code: Some(format!("{}", 1000 + (t * 100 + i) % agencies)),
            });
        }
    }
    let rules = (0..1000 * scale)
        .map(|r| {
            let (t, i) = (r % tables_n, (r / tables_n) % 90);
            let at = |k: usize| format!("S{t:04}.R{:03}.V", i + k);
            let expression = match r % 4 {
                0 => format!("{} <= sum({} .. {}) ~ 1%", at(0), at(1), at(9)),
                1 => format!("abs(change({})) <= 0.25", at(0)),
                2 => format!("between({} / {}, 0.5, 2)", at(0), at(1)),
                _ => format!("if present({}) then {} + {} > {}", at(0), at(1), at(2), at(3)),
            };
            let severity = if r % 3 == 0 { Severity::Warning } else { Severity::Error };
            TemplateRule {
                code: format!("S-{r:05}"),
                expression,
                severity,
                message: format!("قاعدهٔ {r}: {{{}}}", at(0)),
            }
        })
        .collect();
    let template = Template {
        code: "SYN".into(),
        year: 1403,
        version: "1".into(),
        title: "سال ساختگی".into(),
        tables,
        items,
        rules,
    };
    (template, now, before)
}

/// `agencies` agencies in 6 groups, each on 20 general and `per_agency - 20` own indicators,
/// with a score for every pair.
pub fn evaluation_year(agencies: usize, per_agency: usize) -> (Catalog, Vec<AgencyRef>, Scores) {
    let refs: Vec<AgencyRef> = (0..agencies)
        .map(|a| AgencyRef {
            code: format!("{a:04}"),
            name: format!("دستگاه {a}"),
            short_name: String::new(),
            group: format!("گروه {}", a % 6),
        })
        .collect();
    let all: Vec<String> = refs.iter().map(|a| a.code.clone()).collect();
    let indicator = |code: String, kind, agencies: Vec<String>| {
        let axis_code = (kind == IndicatorKind::General).then(|| "A1".to_string());
        Indicator { axis_code, title: String::new(), ..Indicator::points(&code, kind, 50.0, agencies) }
    };
    let mut indicators: Vec<Indicator> =
        (0..20).map(|i| indicator(format!("G{i:02}"), IndicatorKind::General, all.clone())).collect();
    for a in &all {
        for i in 0..per_agency - 20 {
            indicators.push(indicator(format!("S{a}-{i}"), IndicatorKind::Specific, vec![a.clone()]));
        }
    }
    let mut scores = Scores::default();
    for (n, ind) in indicators.iter().enumerate() {
        for a in &ind.agencies {
            scores.insert(a.clone(), ind.code.clone(), ((n * 7 + a.len() * 13) % 50) as f64 + 0.25);
        }
    }
    (Catalog::new(vec![Axis { code: "A1".into(), title: "محور".into() }], indicators), refs, scores)
}

/// A province file (`dir`/p.daftar) with the fixture's template, last year's values and every
/// agency's workbook sent; the store and the workbooks the agencies return.
pub fn accounts_fixture_year(dir: &Path) -> (daftar::store::Store, Vec<PathBuf>) {
    use daftar::accounts;
    let path = dir.join("p.daftar");
    let mut store = daftar::store::Store::create(&path, &daftar::demo::demo_province(), "bench").unwrap();
    daftar::agencies::import_xlsx(&mut store, &fixtures().join("agencies.xlsx")).unwrap();
    accounts::import_template(&mut store, &fixtures().join("accounts/template-1403.xlsx")).unwrap();
    accounts::values::import_final_values(&mut store, 1402, &fixtures().join("accounts/values-1402.xlsx")).unwrap();
    let returned = daftar::demo::agency_replies(&mut store, 1403, &fixtures(), dir).unwrap();
    (store, returned)
}
