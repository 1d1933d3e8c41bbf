//! The province file and the system around it: a file that may not be written, a full disk,
//! a closed output, the system's own (English) words kept out of Persian messages, and
//! headers matched whole.

use crate::common::{self, daftar};
use daftar::evaluation::{self as ev, approval, phases};
use daftar::fa::JalaliDate;
use daftar::store::Store;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The error a `--json` run printed.
fn json_error(out: &Output) -> serde_json::Value {
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    printed["error"].clone()
}

/// Latin letters in a Persian message once the paths it names are taken out.
fn latin_in(message: &str, paths: &[&Path]) -> String {
    let mut rest = message.to_string();
    for p in paths {
        rest = rest.replace(&p.display().to_string(), "");
    }
    rest.chars().filter(|c| c.is_ascii_alphabetic()).collect()
}

/// A copy of the demo province at `path`; the demo is built once for all these tests.
fn demo_copy(path: &Path) {
    static DEMO: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        daftar::demo::build(&dir.path().join("demo.daftar"), &common::fixtures(), false, "آزمون").unwrap();
        dir
    });
    std::fs::copy(dir.path().join("demo.daftar"), path).unwrap();
}

fn new_province(path: &Path) {
    let office = "سازمان مدیریت و برنامه‌ریزی استان لرستان";
    let init = daftar(path, &["init", "--province", "لرستان", "--office", office, "--year", "1403"]);
    assert_eq!(init.status.code(), Some(0), "{}", text(&init.stderr));
}

/// Makes `path` unwritable by `how` (chmod of the file or of its folder). Returns the extra
/// arguments a command needs: none when chmod binds, `--read-only` when it does not (root and
/// CAP_DAC_OVERRIDE write through permissions), so the test still checks the refusals.
#[cfg(unix)]
fn make_unwritable(path: &Path, folder: bool) -> Vec<&'static str> {
    use std::os::unix::fs::PermissionsExt;
    let (target, mode) = if folder { (path.parent().unwrap(), 0o555) } else { (path, 0o444) };
    std::fs::set_permissions(target, std::fs::Permissions::from_mode(mode)).unwrap();
    let binds = if folder {
        let probe = target.join("probe");
        let made = std::fs::write(&probe, b"").is_ok();
        let _ = std::fs::remove_file(&probe);
        !made
    } else {
        std::fs::OpenOptions::new().write(true).open(path).is_err()
    };
    if binds {
        vec![]
    } else {
        eprintln!("chmod {mode:o} does not stop this user (root?): the file is opened with --read-only instead");
        vec!["--read-only"]
    }
}

#[cfg(unix)]
fn make_writable(path: &Path, folder: bool) {
    use std::os::unix::fs::PermissionsExt;
    let (target, mode) = if folder { (path.parent().unwrap(), 0o755) } else { (path, 0o644) };
    std::fs::set_permissions(target, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_read_only_province_file_is_shown_and_printed_and_every_change_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, reason) in [(false, "اجازهٔ نوشتن ندارد"), (true, "پوشهٔ پروندهٔ استان اجازهٔ نوشتن ندارد")]
    {
        let closed = dir.path().join(if folder { "closed-folder" } else { "closed-file" });
        std::fs::create_dir(&closed).unwrap();
        let file = closed.join("lorestan.daftar");
        new_province(&file);
        let before = std::fs::read(&file).unwrap();
        let flags = make_unwritable(&file, folder);
        let with = |args: &[&'static str]| -> Vec<&'static str> { [flags.as_slice(), args].concat() };

        let info = daftar(&file, &with(&["--json", "info"]));
        assert_eq!(info.status.code(), Some(0), "{}", text(&info.stderr));
        let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
        assert_eq!(info["province"], "لرستان");
        let said = info["read_only"].as_str().expect("the file says it is read-only").to_string();
        if flags.is_empty() {
            assert!(said.contains(reason), "{said}");
        }
        let list = daftar(&file, &with(&["--json", "agencies", "list"]));
        assert_eq!(list.status.code(), Some(0), "{}", text(&list.stderr));

        let add = daftar(&file, &with(&["--json", "agencies", "add", "--code", "101", "--name", "اداره کل آزمون"]));
        assert_eq!(add.status.code(), Some(2), "{}", text(&add.stdout));
        let error = json_error(&add);
        assert_eq!(error["code"], "store.read_only");
        assert_eq!(error["message"], said.as_str(), "the refusal says what the banner says");

        make_writable(&file, folder);
        assert_eq!(std::fs::read(&file).unwrap(), before, "byte-identical");
        let left: Vec<_> = std::fs::read_dir(&closed).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["lorestan.daftar"], "no journal, copy or probe left beside it");
    }
}

#[test]
fn a_read_only_file_still_prints_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lorestan.daftar");
    demo_copy(&file);
    let before = std::fs::read(&file).unwrap();
    let letter = dir.path().join("letter.pdf");
    let letter_arg = letter.to_string_lossy().into_owned();
    let made =
        daftar(&file, &["--read-only", "report", "make", "request_letter", "--agency", "101", "--out", &letter_arg]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    assert_eq!(&std::fs::read(&letter).unwrap()[..4], b"%PDF");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_closed_output_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lorestan.daftar");
    new_province(&file);
    // `daftar info | head -0`: the reader is gone before the first line is printed.
    let mut child = Command::new(env!("CARGO_BIN_EXE_daftar"))
        .arg("--file")
        .arg(&file)
        .arg("info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_the_person_s_to_fix_and_says_how() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lorestan.daftar");
    demo_copy(&file);
    let full = Path::new("/dev/full");
    for format in ["pdf", "xlsx"] {
        let out = daftar(&file, &["--json", "report", "make", "ranking", "--format", format, "--out", "/dev/full"]);
        assert_eq!(out.status.code(), Some(2), "{format}: {}", text(&out.stdout));
        let error = json_error(&out);
        let message = error["message"].as_str().unwrap();
        assert!(message.contains("دیسک پر است؛ جایی از آن را خالی کنید"), "{message}");
        assert_eq!(latin_in(message, &[full]), "", "{message}");
        assert!(error["details"][0].as_str().unwrap().contains("os error 28"), "{error}");
    }
}

#[test]
fn the_system_s_own_words_stay_in_the_details() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lorestan.daftar");
    demo_copy(&file);
    let missing = dir.path().join("nowhere/agencies.xlsx");
    let no_folder = dir.path().join("nowhere/letter.pdf");
    let cases: Vec<(Vec<String>, &Path, &str)> = vec![
        (
            vec!["agencies".into(), "import".into(), missing.to_string_lossy().into()],
            &missing,
            "خوانده نشد: چنین فایل یا پوشه‌ای نیست",
        ),
        (
            vec!["report".into(), "foreword".into(), "--from".into(), missing.to_string_lossy().into()],
            &missing,
            "خوانده نشد: چنین فایل یا پوشه‌ای نیست",
        ),
        (
            vec!["report".into(), "make".into(), "ranking".into(), "--out".into(), no_folder.to_string_lossy().into()],
            &no_folder,
            "نوشته نشد: چنین فایل یا پوشه‌ای نیست",
        ),
    ];
    for (args, path, says) in cases {
        let mut all = vec!["--json"];
        all.extend(args.iter().map(String::as_str));
        let out = daftar(&file, &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stdout));
        let error = json_error(&out);
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(says), "{args:?}: {message}");
        assert_eq!(latin_in(message, &[path, Path::new("agencies.xlsx")]), "", "{message}");
        let details = error["details"].to_string();
        assert!(details.contains("No such file or directory"), "{args:?}: {details}");
    }
}

#[cfg(unix)]
#[test]
fn a_folder_without_permission_is_said_in_persian() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lorestan.daftar");
    demo_copy(&file);
    let closed = dir.path().join("closed");
    std::fs::create_dir(&closed).unwrap();
    let letter = closed.join("letter.pdf");
    if !make_unwritable(&letter, true).is_empty() {
        // make_unwritable printed why: this user writes through permissions.
        return;
    }
    let out = daftar(&file, &["--json", "report", "make", "ranking", "--out", &letter.to_string_lossy()]);
    make_writable(&letter, true);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let error = json_error(&out);
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("نوشته نشد: اجازهٔ دسترسی به آن داده نشده است"), "{message}");
    assert_eq!(latin_in(message, &[&letter]), "", "{message}");
    assert!(error["details"][0].as_str().unwrap().contains("Permission denied"), "{error}");
}

/// A national tiering workbook as docs/formats/results.md describes it, with `headers`.
fn national_workbook(path: &Path, headers: [&str; 3]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "101").unwrap();
    sheet.write_string(1, 1, "عالی").unwrap();
    sheet.write_number(1, 2, 3.0).unwrap();
    workbook.save(path).unwrap();
}

fn national_rows(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM ev_national", [], |r| r.get(0)).unwrap()
}

#[test]
fn headers_match_whole_so_last_year_s_results_are_not_the_national_tiering() {
    let (dir, mut store) = common::demo_store();
    let start = JalaliDate::parse("1404/01/15").unwrap();
    ev::create_year(&mut store, 1403, start, None).unwrap();
    let national_day = phases::default_schedule(start).into_iter().find(|(code, ..)| code == "national").unwrap().1;

    // Last year's results carry «سطح» and «رتبه», not «سطح ملی»: refused, naming the column.
    let results = common::fixtures().join("evaluation/results-1402.xlsx");
    let err = approval::import_national(&mut store, 1403, &results, national_day).unwrap_err();
    assert!(matches!(&err, ev::EvaluationError::MissingColumns { missing, .. } if missing == &["سطح ملی"]), "{err}");
    let shortened = dir.path().join("shortened.xlsx");
    national_workbook(&shortened, ["کد دستگاه", "سطح", "رتبه"]);
    assert!(approval::import_national(&mut store, 1403, &shortened, national_day).is_err());
    let longer = dir.path().join("longer.xlsx");
    national_workbook(&longer, ["کد دستگاه", "سطح ملی پیشنهادی", "رتبهٔ ملی"]);
    assert!(approval::import_national(&mut store, 1403, &longer, national_day).is_err());
    assert_eq!(national_rows(&store), 0);

    // The documented headers, spelled with a half-space or Arabic ی, still read.
    let documented = dir.path().join("national.xlsx");
    national_workbook(&documented, ["كد دستگاه", "سطح‌ملی", "رتبهٔ ملی"]);
    assert_eq!(approval::import_national(&mut store, 1403, &documented, national_day).unwrap(), 1);
    let stored: (String, i64) = store
        .conn()
        .query_row("SELECT national_tier, national_rank FROM ev_national", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(stored, ("عالی".to_string(), 3));
}
