//! A whole year of performance evaluation through the CLI, as a script would run it: each
//! step on a day of its phase (--today), the agencies' and evaluators' workbooks filled in
//! from the fixtures, and the approved results checked against the expected ones.

use crate::common;
use daftar::evaluation::reply::{read_tsv, typed_for, typed_for_lead, write_lead_reply, write_reply};
use std::path::{Path, PathBuf};
use std::process::Command;

fn daftar(file: &Path, today: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_daftar"))
        .arg("--file")
        .arg(file)
        .arg("--today")
        .arg(today)
        .args(args)
        .env("USER", "ارزیاب")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(file: &Path, today: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (code, out, err) = daftar(file, today, &all);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    serde_json::from_str(&out).unwrap()
}

/// Fill every workbook listed in `sent` (CLI JSON) from a fixture table; return the paths.
fn replies(sent: &serde_json::Value, table: &str, dir: &Path) -> Vec<String> {
    let rows = read_tsv(&common::fixtures().join("src/evaluation").join(table)).unwrap();
    sent.as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let agency = w["agency_code"].as_str().unwrap();
            let out = dir.join(format!("{table}-{agency}.xlsx"));
            write_reply(Path::new(w["path"].as_str().unwrap()), &out, &typed_for(&rows, agency)).unwrap();
            out.to_string_lossy().into_owned()
        })
        .collect()
}

#[test]
fn a_whole_evaluation_year_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lorestan.daftar");
    let fx = common::fixtures();
    let p = |path: PathBuf| path.to_string_lossy().into_owned();
    let day = "1404/01/15";
    json(
        &file,
        day,
        &["init", "--province", "لرستان", "--office", "سازمان مدیریت و برنامه‌ریزی استان لرستان", "--year", "1403"],
    );
    json(&file, day, &["agencies", "import", &p(fx.join("agencies.xlsx"))]);
    json(&file, day, &["eval", "init", "--start", day]);
    let phases = json(&file, day, &["eval", "phases"]);
    let start = |code: &str| -> String {
        let phase = phases.as_array().unwrap().iter().find(|x| x["code"] == code).unwrap();
        daftar::fa::to_latin_digits(phase["starts_on"].as_str().unwrap())
    };
    assert_eq!(
        json(&file, day, &["eval", "past-results", "--year", "1402", &p(fx.join("evaluation/results-1402.xlsx"))]),
        59
    );
    let catalog = json(&file, day, &["eval", "catalog", &p(fx.join("evaluation/catalog-1403.xlsx"))]);
    assert_eq!(
        (catalog["general"].as_u64(), catalog["specific"].as_u64(), catalog["agencies"].as_u64()),
        (Some(22), Some(336), Some(61))
    );

    let committees = start("committees");
    json(
        &file,
        &committees,
        &[
            "eval",
            "committee-add",
            "--committee",
            "steering",
            "--name",
            "مریم رضایی",
            "--role",
            "chair",
            "--letter-date",
            "۱۴۰۴/۰۲/۱۵",
            "--letter-number",
            "1404/120",
        ],
    );
    // Outside its phase the same step is refused with the phase's dates.
    let (code, _, err) = daftar(
        &file,
        day,
        &["eval", "committee-add", "--committee", "steering", "--name", "علی", "--letter-date", "1404/02/15"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("مرحلهٔ «تشکیل دبیرخانه و کمیتهٔ راهبری» باز نیست"), "{err}");

    let self_day = start("self_assessment");
    let sent = json(&file, &self_day, &["eval", "workbooks", "--out", &p(dir.path().join("self"))]);
    let files = replies(&sent, "self-1403.tsv", dir.path());
    let mut args = vec!["eval", "intake"];
    args.extend(files.iter().map(String::as_str));
    let results = json(&file, &self_day, &args);
    assert!(results.as_array().unwrap().iter().all(|r| r["status"] == "imported"), "{results}");

    // Seed step 9: 101's headquarters confirms and lowers G08 (the agency said 30.5) by its letter.
    let hq_day = start("hq_confirmation");
    json(&file, &hq_day, &["eval", "confirm", "101", "--reference", "نامهٔ ۱۲/۴۵"]);
    let change =
        json(&file, &hq_day, &["eval", "hq-change", "101", "G08", "--points", "26", "--reference", "نامهٔ ۱۲/۴۶"]);
    assert_eq!((change["before"].as_f64(), change["after"].as_f64()), (Some(30.5), Some(26.0)), "{change}");
    let changes = json(&file, &hq_day, &["eval", "hq-changes", "--agency", "101"]);
    assert_eq!(changes.as_array().map(Vec::len), Some(1), "{changes}");
    assert_eq!(changes[0]["reference"], "نامهٔ ۱۲/۴۶");
    let (code, _, err) =
        daftar(&file, &hq_day, &["eval", "hq-change", "101", "G08", "--points", "20", "--reference", ""]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("مرجع تغییر ستاد"), "{err}");

    // Seed §8: each lead agency gets one workbook listing every agency and sends it back.
    let hq_day = start("hq_confirmation");
    let leads = json(&file, &hq_day, &["eval", "leads"]);
    let codes: Vec<&str> = leads.as_array().unwrap().iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["505", "407", "405"]);
    assert!(leads.as_array().unwrap().iter().all(|l| l["replied_at"].is_null()));
    let sent = json(&file, &hq_day, &["eval", "lead-workbooks", "--out", &p(dir.path().join("leads"))]);
    let rows = read_tsv(&fx.join("src/evaluation/evaluator-1403.tsv")).unwrap();
    let mut args = vec!["eval".to_string(), "lead-intake".to_string()];
    for w in sent.as_array().unwrap() {
        let lead = w["agency_code"].as_str().unwrap();
        let indicators: Vec<String> = leads.as_array().unwrap().iter().find(|l| l["code"] == lead).unwrap()
            ["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect();
        let out = dir.path().join(format!("lead-{lead}.xlsx"));
        write_lead_reply(Path::new(w["path"].as_str().unwrap()), &out, &typed_for_lead(&rows, &indicators)).unwrap();
        args.push(p(out));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let results = json(&file, &hq_day, &args);
    assert!(
        results.as_array().unwrap().iter().all(|r| r["status"] == "imported" && r["evaluator_scores"] == 0),
        "{results}"
    );
    let leads = json(&file, &hq_day, &["eval", "leads"]);
    assert!(leads.as_array().unwrap().iter().all(|l| !l["replied_at"].is_null()), "{leads}");
    let (_, text, _) = daftar(&file, &hq_day, &["eval", "scores", "101"]);
    assert!(text.contains("دستگاه سنجش اداره کل حفاظت محیط زیست استان لرستان:"), "{text}");

    let eval_day = start("evaluation");
    let sent = json(
        &file,
        &eval_day,
        &["eval", "workbooks", "--purpose", "evaluator", "--out", &p(dir.path().join("evaluator"))],
    );
    let files = replies(&sent, "evaluator-1403.tsv", dir.path());
    let mut args = vec!["eval", "intake", "--purpose", "evaluator"];
    args.extend(files.iter().map(String::as_str));
    // A new year's evaluators wait for each headquarters: only 101's workbook goes in.
    let (code, out, err) = daftar(&file, &eval_day, &args);
    assert_eq!(code, 2, "{err}");
    assert!(out.contains("ستاد ملیِ «دانشگاه لرستان» هنوز خودارزیابی آن را تأیید نکرده است"), "{out}");
    // The province lets them go on (the setting off), and the rest go in.
    json(&file, &eval_day, &["eval", "settings", "--set", "evaluator_waits_for_hq=false"]);
    json(&file, &eval_day, &args);

    let published = start("preliminary");
    let window = json(&file, &published, &["eval", "publish"]);
    assert_eq!(window["window_opens"], daftar::fa::to_persian_digits(&published));
    let objections = read_tsv(&fx.join("src/evaluation/objections-1403.tsv")).unwrap();
    let next = daftar::fa::JalaliDate::parse(&published).unwrap().add_days(1).to_latin_string();
    for o in &objections {
        json(&file, &next, &["eval", "object", &o[0], &o[1], "--reason", &o[2], "--evidence", &o[3]]);
        let decision = match o[4].as_str() {
            "پذیرفته" => "accepted",
            "بخشی پذیرفته" => "partly",
            "رد" => "rejected",
            _ => "rejected",
        };
        let reason =
            if o[6].is_empty() { "مستند تازه‌ای همراه اعتراض نبود." } else { &o[6] };
        let mut args = vec!["eval", "decide", &o[0], &o[1], "--decision", decision, "--reason", reason];
        if !o[5].is_empty() {
            args.extend(["--score", &o[5]]);
        }
        json(&file, &next, &args);
    }
    let approval = json(&file, &start("council"), &["eval", "approve", "--session", "جلسهٔ ۳"]);
    assert_eq!(approval["version"], 1);
    assert_eq!(approval["content_hash"].as_str().unwrap().len(), 64);

    let results = json(&file, &start("council"), &["eval", "results"]);
    let expected = read_tsv(&fx.join("src/evaluation/expected-1403.tsv")).unwrap();
    for e in &expected {
        let r = results.as_array().unwrap().iter().find(|r| r["agency"]["code"] == e[0].as_str()).unwrap();
        assert_eq!(r["total"].as_f64(), e[4].parse::<f64>().ok(), "total of {}", e[0]);
        assert_eq!(
            (r["tier"].as_str().unwrap(), r["rank"].as_u64().unwrap()),
            (e[6].as_str(), e[7].parse::<u64>().unwrap()),
            "{}",
            e[0]
        );
    }
    // After approval a score cannot change, and the exit code says it was refused.
    let (code, _, err) = daftar(&file, &eval_day, &["eval", "score", "101", "G08", "--points", "10", "--comment", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("قفل است"), "{err}");

    let export = dir.path().join("national.xlsx");
    json(&file, &start("national"), &["eval", "export", "--out", &p(export.clone())]);
    let mut workbook = daftar::sheets::WorkbookReader::open(&export).unwrap();
    assert_eq!(workbook.sheet_names(), ["نتایج نهایی", "امتیاز شاخص‌ها"]);
    assert_eq!(workbook.rows("نتایج نهایی", 1000).unwrap().len(), 62);

    // Seed steps 17–18: the national tiering comes back; before it, the letters notifying the
    // agencies are refused and the tiering says it has not come.
    let national_day = start("national");
    let letters = dir.path().join("tier-letters.pdf");
    let make_letters = ["report", "make", "tier_notification", "--out", &p(letters.clone())];
    let (code, _, err) = daftar(&file, &national_day, &make_letters);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("سطح‌بندی ملی سال ۱۴۰۳ هنوز وارد نشده است"), "{err}");
    let tiering = json(&file, &national_day, &["eval", "tiering"]);
    assert_eq!(tiering["imported"], false);
    assert!(tiering["province_text"].as_str().unwrap().contains("رتبه‌بندی ملی هنوز نرسیده است"), "{tiering}");
    let tiers = dir.path().join("tiering.xlsx");
    common::national_workbook(&tiers, &[("101", "عالی", 7), ("104", "خوب", 30)], Some((5, 31)));
    json(&file, &national_day, &["eval", "national", &p(tiers)]);
    let tiering = json(&file, &national_day, &["eval", "tiering"]);
    assert_eq!((tiering["province_rank"].as_u64(), tiering["province_count"].as_u64()), (Some(5), Some(31)));
    assert_eq!(tiering["agencies"][0]["agency_code"], "101");
    assert_eq!(tiering["agencies"][0]["tier"], "عالی");
    let (code, out, _) = daftar(&file, &national_day, &["eval", "results"]);
    assert_eq!(code, 0);
    assert!(out.contains("سطح ملی «خوب»، رتبهٔ ملی ۳۰") && out.contains("۵ از ۳۱"), "{out}");
    let saved = json(&file, &national_day, &make_letters);
    assert_eq!(saved["pages"], 61, "a letter for each agency: {saved}");
    let one = json(&file, &national_day, &[&make_letters[..], &["--agency", "104"]].concat());
    assert_eq!(one["pages"], 1, "{one}");

    let festival_day = start("festival");
    let n = json(
        &file,
        &festival_day,
        &["eval", "nominate", "--team", "تیم پنجره واحد", "--agency", "104", "--project", "خدمات بی‌کاغذ"],
    );
    json(&file, &festival_day, &["eval", "select", &n["id"].to_string()]);
    let festival = json(&file, &festival_day, &["eval", "festival"]);
    assert_eq!(festival["teams"].as_array().unwrap().len(), 1);
    assert_eq!(festival["growth"][0]["agency"]["code"], "104");

    // The year's documents through `daftar report`: the list says all are ready, the booklet
    // and a certificate are made, and a wrong request is refused with exit 2 and a message.
    let list = json(&file, &festival_day, &["report", "list"]);
    let documents = list["documents"].as_array().unwrap();
    let blocked: Vec<&serde_json::Value> =
        documents.iter().filter(|d| d["service"] == "evaluation" && !d["blocker"].is_null()).collect();
    assert!(blocked.is_empty(), "every evaluation document is ready: {blocked:?}");
    let accounts = documents.iter().find(|d| d["kind"] == "request_letter").unwrap();
    assert!(accounts["blocker"].as_str().unwrap().contains("الگوی جداول"), "no template in this file");
    json(&file, &festival_day, &["report", "foreword", "--text", "پیشگفتار از خط فرمان"]);
    let booklet = dir.path().join("booklet.pdf");
    let saved = json(&file, &festival_day, &["report", "make", "booklet", "--out", &p(booklet.clone())]);
    assert!(saved["pages"].as_u64().unwrap() > 60, "{saved}");
    assert_eq!(&std::fs::read(&booklet).unwrap()[..4], b"%PDF");
    let ranking = dir.path().join("ranking.xlsx");
    let saved = json(&file, &festival_day, &["report", "make", "ranking", "--out", &p(ranking.clone())]);
    assert!(saved["pages"].is_null(), "a workbook has no pages: {saved}");
    let mut workbook = daftar::sheets::WorkbookReader::open(&ranking).unwrap();
    assert_eq!(workbook.rows("رتبه‌بندی", 1000).unwrap().len(), 63, "title, header and 61 agencies");
    let certificate = dir.path().join("certificate.pdf");
    json(
        &file,
        &festival_day,
        &["report", "make", "certificates", "--agency", "104", "--out", &p(certificate.clone())],
    );
    let (code, _, err) =
        daftar(&file, &festival_day, &["report", "make", "scorecard", "--out", &p(dir.path().join("x.pdf"))]);
    assert_eq!(code, 2);
    assert!(err.contains("کد دستگاه را هم بدهید"), "{err}");
    assert!(!dir.path().join("x.pdf").exists(), "nothing written on a refusal");
}

/// What a disabled button says is what the operation answers when it is tried anyway: both come
/// from the operation's own guard. On the demo province in its objection window, publishing
/// (done already), approving (not the council's phase) and importing the catalog (scores exist)
/// are refused, by the app's view and by the CLI alike.
#[test]
fn a_disabled_action_says_what_the_cli_refusal_says() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.daftar");
    let made = Command::new(env!("CARGO_BIN_EXE_daftar")).args(["demo", "--out"]).arg(&file).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let today = daftar::fa::JalaliDate::today();
    let actions = {
        let store = daftar::store::Store::open(&file, "آزمون").unwrap();
        let year = *daftar::evaluation::years(store.conn()).unwrap().first().unwrap();
        daftar::evaluation::view::overview(store.conn(), year, today).unwrap().actions
    };
    let catalog = common::fixtures().join("evaluation/catalog-1403.xlsx");
    let cases = [
        ("publish", actions.publish, vec!["eval", "publish"]),
        ("approve", actions.approve, vec!["eval", "approve", "--session", "جلسهٔ آزمون"]),
        ("catalog", actions.catalog, vec!["eval", "catalog", catalog.to_str().unwrap()]),
    ];
    for (name, action, args) in cases {
        assert!(!action.enabled, "{name} is blocked on the demo");
        let tooltip = action.blocker.unwrap_or_else(|| panic!("{name} says why"));
        let mut all = vec!["--json"];
        all.extend(args);
        let (code, out, err) = daftar(&file, &today.to_latin_string(), &all);
        assert_eq!(code, 2, "{name}: {out}{err}");
        let refusal: serde_json::Value = serde_json::from_str(if out.trim().is_empty() { &err } else { &out }).unwrap();
        assert_eq!(refusal["error"]["message"].as_str(), Some(tooltip.as_str()), "{name}");
    }
}
