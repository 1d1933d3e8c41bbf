//! The demo province: Lorestan, built from the fixtures, for `make run` and for trying things.

use crate::agencies::{self, AgencyError, ImportReport};
use crate::store::{NewProvince, Store, StoreError};
use std::path::{Path, PathBuf};

/// Where the fixtures are: $DAFTAR_FIXTURES, or the source tree's fixtures/.
pub fn default_fixtures_dir() -> PathBuf {
    std::env::var_os("DAFTAR_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
}

pub fn demo_province() -> NewProvince {
    NewProvince {
        province: "لرستان".into(),
        office: "سازمان مدیریت و برنامه‌ریزی استان لرستان".into(),
        working_year: 1403,
    }
}

/// 1403 of regional accounts: the template, last year's values, every agency's workbook sent
/// and returned (values from fixtures/src/accounts/values-1403.tsv), the office's own entries
/// for the unassigned items, and a run of the checks, which find the fixture's problems; the
/// deadline for the workbooks passed a month ago.
fn regional_accounts(store: &mut Store, fixtures: &Path) -> Result<(), crate::accounts::AccountsError> {
    use crate::accounts::{self, checks, values};
    let year = 1403;
    accounts::import_template(store, &fixtures.join("accounts/template-1403.xlsx"))?;
    values::import_final_values(store, year - 1, &fixtures.join("accounts/values-1402.xlsx"))?;
    // Unique per build: tests build several demo provinces at once in one process.
    static BUILDS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let build = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let work = std::env::temp_dir().join(format!("daftar-demo-{}-{build}", std::process::id()));
    let result = (|| {
        let returned = agency_replies(store, year, fixtures, &work)?;
        let template = accounts::template_of(store, year)?;
        let rows = fixture_values(fixtures)?;
        let results = accounts::import_workbooks(store, year, &returned, None, &mut |_, _, _| {})?;
        if let Some(refused) = results.iter().find(|r| r.status == crate::issued::IntakeStatus::Refused) {
            let detail = refused.refusal.as_ref().map(|e| e.message.clone()).unwrap_or_default();
            return Err(accounts::AccountsError::Write { path: refused.file_name.clone(), detail });
        }
        for item in template.items.iter().filter(|i| i.agency_code.is_none()) {
            if let Some((_, value, note)) = rows.iter().find(|(code, _, _)| *code == item.code) {
                values::enter_value(store, year, &item.code, value, note)?;
            }
        }
        checks::run_checks(store, year)?;
        // The agencies' deadline passed a month ago: the findings the checks made are overdue
        // answers (the follow-up board lists them).
        accounts::review::set_deadline(store, year, crate::fa::JalaliDate::today().add_days(-30))?;
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// 1403 of performance evaluation, in its objection window today: the cycle is laid out so
/// that the preliminary results were published two days ago; objections were filed yesterday.
fn performance_evaluation(store: &mut Store, fixtures: &Path) -> Result<(), crate::evaluation::EvaluationError> {
    use crate::evaluation::simulate::{days_to_preliminary, play_year, Until};
    let today = crate::fa::JalaliDate::today();
    let start = today.add_days(-(days_to_preliminary() + 2));
    static BUILDS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let build = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let work = std::env::temp_dir().join(format!("daftar-demo-ev-{}-{build}", std::process::id()));
    let result = play_year(store, fixtures, 1403, start, Until::Objections, &work);
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// The fixture's 1403 values as the agencies return them: (item code, value, note) rows of
/// fixtures/src/accounts/values-1403.tsv.
pub fn fixture_values(fixtures: &Path) -> Result<Vec<(String, String, String)>, crate::accounts::AccountsError> {
    let path = fixtures.join("src/accounts/values-1403.tsv");
    let text = std::fs::read_to_string(&path).map_err(|e| crate::accounts::AccountsError::Write {
        path: path.display().to_string(),
        detail: e.to_string(),
    })?;
    Ok(text
        .lines()
        .skip(1)
        .map(|l| {
            let mut cells = l.split('\t').map(str::to_string);
            (cells.next().unwrap_or_default(), cells.next().unwrap_or_default(), cells.next().unwrap_or_default())
        })
        .collect())
}

/// Send every supplying agency its workbook of `year` and write what it returns (the
/// fixture's values) into `dir`; returns the returned workbooks.
pub fn agency_replies(
    store: &mut Store,
    year: i32,
    fixtures: &Path,
    dir: &Path,
) -> Result<Vec<PathBuf>, crate::accounts::AccountsError> {
    use crate::accounts;
    let sent = accounts::generate_workbooks(store, year, &dir.join("sent"), &[])?;
    let template = accounts::template_of(store, year)?;
    let suppliers = template.items.iter().filter_map(|i| i.agency_code.clone().map(|a| (i.code.clone(), a))).collect();
    accounts::reply::replies_from_values(&sent, &suppliers, &fixture_values(fixtures)?, dir)
        .map_err(|detail| accounts::AccountsError::Write { path: dir.display().to_string(), detail })
}

/// Build the demo province file at `out` from `fixtures`. The file is built beside `out`
/// under a temporary name and moved into place only when complete; an existing `out` is
/// replaced only when `replace` is set.
pub fn build(out: &Path, fixtures: &Path, replace: bool, actor: &str) -> Result<ImportReport, AgencyError> {
    if out.exists() && !replace {
        return Err(StoreError::AlreadyExists { path: out.to_path_buf() }.into());
    }
    let partial = out.with_extension("daftar.partial");
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        let mut store = Store::create(&partial, &demo_province(), actor)?;
        let report = agencies::import_xlsx(&mut store, &fixtures.join("agencies.xlsx"))?;
        regional_accounts(&mut store, fixtures).map_err(|e| StoreError::InvalidSetup { message: e.to_string() })?;
        performance_evaluation(&mut store, fixtures)
            .map_err(|e| StoreError::InvalidSetup { message: e.to_string() })?;
        drop(store);
        // The intakes backed up the half-built file: those copies are of no use to anyone.
        let _ = std::fs::remove_dir_all(crate::backup::beside_folder(&partial));
        std::fs::rename(&partial, out).map_err(|e| StoreError::InvalidSetup {
            message: format!("پروندهٔ نمونه در «{}» گذاشته نشد: {}.", out.display(), crate::error::io_reason(&e)),
        })?;
        Ok(report)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
        let _ = std::fs::remove_dir_all(crate::backup::beside_folder(&partial));
    }
    result
}
