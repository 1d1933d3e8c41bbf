//! Shared helpers of the integration tests.
use daftar::store::{NewProvince, Store};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

pub fn lorestan() -> NewProvince {
    daftar::demo::demo_province()
}

/// A fresh province file in a temporary directory (kept alive by the returned guard).
pub fn new_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("lorestan.daftar"), &lorestan(), "آزمون").unwrap();
    (dir, store)
}

/// A province file with the fixture agencies imported.
pub fn demo_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = new_store();
    daftar::agencies::import_xlsx(&mut store, &fixtures().join("agencies.xlsx")).unwrap();
    (dir, store)
}

/// The `daftar` CLI on a province file, as the user «آزمون» (and never read-only from the
/// environment).
pub fn daftar(file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daftar"))
        .arg("--file")
        .arg(file)
        .args(args)
        .env("USER", "آزمون")
        .env_remove("DAFTAR_READ_ONLY")
        .output()
        .expect("the CLI runs")
}

/// The same: its exit code, stdout and stderr.
pub fn cli(file: &Path, args: &[&str]) -> (i32, String, String) {
    let out = daftar(file, args);
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// The entries of a zip (a package), in order: (name, bytes).
pub fn zip_entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// A national tiering workbook as docs/formats/results.md describes it: (agency code, tier,
/// rank) rows and, if given, the sheet «استان» with the province's rank and the count of provinces.
pub fn national_workbook(path: &Path, agencies: &[(&str, &str, u32)], province: Option<(u32, u32)>) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["کد دستگاه", "سطح ملی", "رتبهٔ ملی"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (code, tier, rank)) in agencies.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, *code).unwrap();
        sheet.write_string(row, 1, *tier).unwrap();
        sheet.write_number(row, 2, f64::from(*rank)).unwrap();
    }
    if let Some((rank, count)) = province {
        let sheet = workbook.add_worksheet();
        sheet.set_name("استان").unwrap();
        sheet.write_string(0, 0, "رتبهٔ استان").unwrap();
        sheet.write_number(0, 1, f64::from(rank)).unwrap();
        sheet.write_string(1, 0, "تعداد استان‌ها").unwrap();
        sheet.write_number(1, 1, f64::from(count)).unwrap();
    }
    workbook.save(path).unwrap();
}

/// A copy of the demo province (built once per test run: regional accounts 1403 with every
/// workbook returned, and an evaluation year in its objection window), opened as «آزمون».
pub fn demo_copy() -> (tempfile::TempDir, Store) {
    static BUILT: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, source) = BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.daftar");
        daftar::demo::build(&path, &fixtures(), false, "آزمون").unwrap();
        (dir, path)
    });
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("lorestan.daftar");
    std::fs::copy(source, &copy).unwrap();
    let store = Store::open(&copy, "آزمون").unwrap();
    (dir, store)
}
