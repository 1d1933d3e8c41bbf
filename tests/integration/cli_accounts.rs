//! A whole year of regional accounts through the CLI, as a script would run it, and the
//! package read back.

use crate::common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn json(file: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (code, out, err) = common::cli(file, &all);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_whole_year_through_the_cli_and_the_package_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lorestan.daftar");
    let fx = common::fixtures();
    let p = |path: PathBuf| path.to_string_lossy().into_owned();

    json(
        &file,
        &["init", "--province", "لرستان", "--office", "سازمان مدیریت و برنامه‌ریزی استان لرستان", "--year", "1403"],
    );
    json(&file, &["agencies", "import", &p(fx.join("agencies.xlsx"))]);
    let template = json(&file, &["accounts", "template", &p(fx.join("accounts/template-1403.xlsx"))]);
    assert_eq!(template["items"], 317);
    assert_eq!(
        json(&file, &["accounts", "values-import", "--year", "1402", &p(fx.join("accounts/values-1402.xlsx"))]),
        315
    );

    let assignments = json(&file, &["accounts", "assignments"]);
    for item in assignments["unassigned"].as_array().unwrap() {
        json(
            &file,
            &["accounts", "assign", item["code"].as_str().unwrap(), "401", "--reason", "بیمارستان‌های خیریه و نظامی"],
        );
    }
    assert_eq!(json(&file, &["accounts", "assignments"])["unassigned"].as_array().unwrap().len(), 0);

    let sent_dir = dir.path().join("sent");
    let sent: Vec<daftar::accounts::GeneratedWorkbook> =
        serde_json::from_value(json(&file, &["accounts", "workbooks", "--out", &p(sent_dir.clone())])).unwrap();
    assert_eq!(sent.len(), 29);

    // The agencies' part: a clean year, last year's consistent figures returned as this year's.
    let template_items: Vec<daftar::accounts::TemplateItem> = {
        let store = daftar::store::Store::open(&file, "agency").unwrap();
        daftar::accounts::template_of(&store, 1403).unwrap().items
    };
    let suppliers: HashMap<String, String> =
        template_items.iter().filter_map(|i| i.agency_code.clone().map(|a| (i.code.clone(), a))).collect();
    let rows: Vec<(String, String, String)> =
        daftar::fa::to_latin_digits(&std::fs::read_to_string(fx.join("src/accounts/values-1402.tsv")).unwrap())
            .lines()
            .skip(1)
            .map(|l| {
                let mut c = l.split('\t');
                (c.next().unwrap().to_string(), c.next().unwrap_or_default().to_string(), String::new())
            })
            .collect();
    let returned = daftar::accounts::reply::replies_from_values(&sent, &suppliers, &rows, dir.path()).unwrap();

    let mut intake: Vec<String> = vec!["accounts".into(), "intake".into()];
    intake.extend(returned.iter().map(|r| p(r.clone())));
    let intake: Vec<&str> = intake.iter().map(String::as_str).collect();
    let results = json(&file, &intake);
    assert!(results.as_array().unwrap().iter().all(|r| r["status"] == "imported"));

    let run = json(&file, &["accounts", "check"]);
    assert_eq!((run["errors"].as_u64(), run["warnings"].as_u64()), (Some(0), Some(0)));
    let board = json(&file, &["accounts", "dashboard"]);
    for agency in board["agencies"].as_array().unwrap() {
        json(&file, &["accounts", "approve", agency["agency_code"].as_str().unwrap()]);
    }
    let package = dir.path().join("package-1403.zip");
    let manifest = json(&file, &["accounts", "package", "--out", &p(package.clone())]);
    assert_eq!(manifest["draft"], false);
    let verified = json(&file, &["accounts", "package", "verify", &p(package.clone())]);
    assert_eq!(verified["problems"].as_array().unwrap().len(), 0);

    // Read the package back.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&package).unwrap()).unwrap();
    let mut data = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("data.csv").unwrap(), &mut data).unwrap();
    let wheat = data.lines().find(|l| l.contains(",T01.WHEAT_IRR.AREA,")).unwrap();
    let expected = rows.iter().find(|r| r.0 == "T01.WHEAT_IRR.AREA").unwrap().1.clone();
    assert!(wheat.starts_with("final,T01,T01.WHEAT_IRR.AREA,"), "{wheat}");
    assert!(wheat.contains(&format!(",{expected},501,approved,")), "{wheat}"); // as it stood when packaged
    let board = json(&file, &["accounts", "dashboard"]);
    assert!(board["agencies"].as_array().unwrap().iter().all(|a| a["tables"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["state"] == "sent")));

    // What was sent is locked.
    let (code, _, err) = common::cli(&file, &["accounts", "enter", "T01.WHEAT_IRR.AREA", "1"]);
    assert_eq!(code, 2);
    assert_eq!(err.trim(), "خطا: این مقادیر تأیید شده و قفل‌اند؛ برای تغییر، نخست جدول را با ذکر دلیل بازگشایی کنید.");
}
