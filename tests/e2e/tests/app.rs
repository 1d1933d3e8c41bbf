//! The real app binary, driven like a person would: open the demo province, see its
//! agencies, add one, restart the app, and find the agency still there.
//!
//! Needs a display (run under `xvfb-run`), `tauri-driver` and `WebKitWebDriver` on PATH, and
//! the app built (`make test` does all of it). DAFTAR_APP overrides the app's path.

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::json;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("DAFTAR_APP") {
        return PathBuf::from(path);
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
    target.join("debug/daftar-app")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// tauri-driver, stopped with SIGTERM so that it also stops the WebKitWebDriver it started.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(config_home: &Path) -> Self {
        Self::start_with(config_home, &[])
    }

    /// With extra environment for the app (tauri-driver's children inherit it).
    fn start_with(config_home: &Path, env: &[(&str, &Path)]) -> Self {
        let port = free_port();
        let native_port = free_port();
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("XDG_CONFIG_HOME", config_home)
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver is installed (make setup)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        Self { child, port }
    }

    async fn session(&self, province_file: &Path) -> Client {
        let caps = json!({
            "browserName": "wry",
            "tauri:options": {
                "application": app_binary(),
                "args": ["--file", province_file],
            }
        });
        let caps = caps.as_object().unwrap().clone();
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a WebDriver session with the app")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
    }
}

/// Open the province file once the app has let go of it: after the session closes, the app
/// may take a moment to exit and release its lock.
fn open_when_released(path: &Path) -> daftar::store::Store {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match daftar::store::Store::open(path, "آزمون") {
            Ok(store) => return store,
            Err(daftar::store::StoreError::InUse { .. }) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(200))
            }
            Err(e) => panic!("the province file after the app closed: {e}"),
        }
    }
}

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

async fn find(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

/// The codes of the rows shown, read in one script so that a re-render cannot interleave.
async fn agency_codes(client: &Client) -> Vec<String> {
    let script = "return Array.from(document.querySelectorAll('[data-testid=\"agency-row\"]'), r => r.dataset.code);";
    let value = client.execute(script, vec![]).await.unwrap();
    serde_json::from_value(value).unwrap()
}

/// Click after scrolling the element to the middle of the window, clear of sticky bars.
async fn click(client: &Client, element: &Element) {
    let arg = serde_json::to_value(element).unwrap();
    client.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg]).await.unwrap();
    element.click().await.unwrap();
}

/// Wait until the agency table shows a row with `code`.
async fn wait_for_agency(client: &Client, code: &str) -> Element {
    find(client, &format!("{}[data-code=\"{code}\"]", testid("agency-row"))).await
}

async fn type_into(client: &Client, id: &str, text: &str) {
    let field = find(client, &testid(id)).await;
    field.clear().await.unwrap();
    // Typing (not clear alone) fires the input events the page listens to; U+E003 is Backspace.
    let keys = if text.is_empty() { " \u{E003}" } else { text };
    field.send_keys(keys).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn open_demo_add_an_agency_restart_and_find_it() {
    let dir = tempfile::tempdir().unwrap();
    let province = dir.path().join("lorestan.daftar");
    daftar::demo::build(&province, &workspace_root().join("fixtures"), false, "آزمون").unwrap();
    let config_home = dir.path().join("config");
    let driver = Driver::start(&config_home);

    // First run: the demo province and its agencies.
    let client = driver.session(&province).await;
    wait_for_agency(&client, "101").await;
    let status = find(&client, &testid("status-province")).await.text().await.unwrap();
    assert!(status.contains("لرستان"), "status bar: {status}");
    let year = find(&client, &testid("status-year")).await.text().await.unwrap();
    assert!(year.contains("۱۴۰۳"), "status bar: {year}");
    let codes = agency_codes(&client).await;
    assert_eq!(codes.len(), 61, "active agencies shown: {codes:?}");
    let first_row = wait_for_agency(&client, "101").await.text().await.unwrap();
    assert!(first_row.contains("اداره کل آموزش و پرورش استان لرستان"), "{first_row}");

    // Search narrows the table, ignoring Arabic ي.
    type_into(&client, "agency-search", "منطقه اي").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while agency_codes(&client).await.len() == 61 {
        assert!(Instant::now() < deadline, "search did not filter");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let found = agency_codes(&client).await;
    assert!(found.contains(&"203".to_string()), "«شرکت آب منطقه‌ای لرستان» found by «منطقه اي»: {found:?}");
    type_into(&client, "agency-search", "").await;

    // Add an agency through the form.
    find(&client, &testid("agency-add")).await.click().await.unwrap();
    type_into(&client, "agency-form-code", "۷۰۱").await;
    type_into(&client, "agency-form-name", "اداره کل آزمون خودکار استان لرستان").await;
    type_into(&client, "agency-form-short-name", "آزمون خودکار").await;
    type_into(&client, "agency-form-focal", "مریم آزمایشی").await;
    find(&client, &testid("agency-form-save")).await.click().await.unwrap();
    let added = wait_for_agency(&client, "701").await.text().await.unwrap();
    assert!(added.contains("اداره کل آزمون خودکار استان لرستان"), "{added}");
    client.close().await.unwrap();
    drop(open_when_released(&province)); // the first app has exited and let go of the file

    // Second run of the app on the same file: the agency is still there.
    let client = driver.session(&province).await;
    let again = wait_for_agency(&client, "701").await.text().await.unwrap();
    assert!(again.contains("مریم آزمایشی"), "{again}");
    assert_eq!(agency_codes(&client).await.len(), 62);
    client.close().await.unwrap();
    drop(driver);

    // And the core sees it, with its audit row.
    let store = open_when_released(&province);
    let agency = daftar::agencies::find(&store, "701").unwrap();
    assert_eq!(agency.short_name, "آزمون خودکار");
    let audit = store.audit_log(5).unwrap();
    assert!(audit.iter().any(|r| r.entity == "agency" && r.entity_key == "701" && r.action == "create"));
}

/// Regional accounts in the app, on the demo's 1403: the dashboard of every agency's part,
/// the findings, a value typed for an unassigned item, and an approval.
#[tokio::test(flavor = "multi_thread")]
async fn regional_accounts_review_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let province = dir.path().join("lorestan.daftar");
    daftar::demo::build(&province, &workspace_root().join("fixtures"), false, "آزمون").unwrap();
    let driver = Driver::start(&dir.path().join("config"));
    let client = driver.session(&province).await;
    wait_for_agency(&client, "101").await;

    find(&client, &testid("nav-accounts")).await.click().await.unwrap();
    find(&client, &testid("accounts-dashboard")).await;
    let parts = client
        .execute("return document.querySelectorAll('[data-testid=\"accounts-part\"]').length;", vec![])
        .await
        .unwrap();
    assert_eq!(parts.as_u64(), Some(41), "every agency × table part is listed");
    let findings = find(&client, &testid("accounts-findings")).await.text().await.unwrap();
    assert!(findings.contains("R-T11-06"), "{findings}");

    // The office types the value of an item that came by letter.
    let select = find(&client, &testid("accounts-table-select")).await;
    select.select_by_value("T09").await.unwrap();
    let row = find(&client, &format!("{}[data-code=\"T09.OTHER.HOSP\"]", testid("accounts-item-row"))).await;
    let value = row.find(Locator::Css(&testid("accounts-item-value"))).await.unwrap();
    click(&client, &value).await;
    let input = find(&client, &testid("accounts-item-edit-input")).await;
    input.clear().await.unwrap();
    input.send_keys("۱۲\u{E007}").await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let row = find(&client, &format!("{}[data-code=\"T09.OTHER.HOSP\"]", testid("accounts-item-row"))).await;
        if row.text().await.unwrap_or_default().contains("۱۲") {
            break;
        }
        assert!(Instant::now() < deadline, "the typed value is shown");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Approve a clean part: the water company's table T05.
    let part = format!("{}[data-agency=\"203\"][data-table=\"T05\"]", testid("accounts-part"));
    let approve = find(&client, &part).await.find(Locator::Css(&testid("accounts-approve"))).await.unwrap();
    click(&client, &approve).await;
    let ok = find(&client, &testid("confirm-ok")).await;
    click(&client, &ok).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !find(&client, &part).await.text().await.unwrap_or_default().contains("تأییدشده") {
        assert!(Instant::now() < deadline, "the part shows as approved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    client.close().await.unwrap();
    drop(driver);

    let store = open_when_released(&province);
    let value = daftar::accounts::values::current_values(store.conn(), 1403).unwrap()["T09.OTHER.HOSP"].number;
    assert_eq!(value, Some(12.0));
    let board = daftar::accounts::review::dashboard(&store, 1403).unwrap();
    let water = board.agencies.iter().find(|a| a.agency_code == "203").unwrap();
    assert_eq!(water.tables[0].state, Some(daftar::accounts::review::ReviewState::Approved));
}

/// The analyst's year in the app: import every agency's returned workbook, see the failing
/// checks, fix a missing value in the grid, re-check, approve, and export the package.
/// Native dialogs are answered from a file (DAFTAR_E2E_DIALOG_ANSWERS; see src-tauri/src/dialogs.rs).
#[tokio::test(flavor = "multi_thread")]
async fn regional_accounts_year_in_the_app() {
    use daftar::accounts;
    let dir = tempfile::tempdir().unwrap();
    let fixtures = workspace_root().join("fixtures");
    let province = dir.path().join("lorestan.daftar");
    let returned = {
        let mut store = daftar::store::Store::create(&province, &daftar::demo::demo_province(), "آزمون").unwrap();
        daftar::agencies::import_xlsx(&mut store, &fixtures.join("agencies.xlsx")).unwrap();
        accounts::import_template(&mut store, &fixtures.join("accounts/template-1403.xlsx")).unwrap();
        accounts::values::import_final_values(&mut store, 1402, &fixtures.join("accounts/values-1402.xlsx")).unwrap();
        daftar::demo::agency_replies(&mut store, 1403, &fixtures, dir.path()).unwrap()
    };
    let package = dir.path().join("package-1403-draft.zip");
    let answers = dir.path().join("dialog-answers.txt");
    let intake_answer: Vec<String> = returned.iter().map(|p| p.display().to_string()).collect();
    std::fs::write(&answers, format!("{}\n{}\n", intake_answer.join("|"), package.display())).unwrap();

    let driver = Driver::start_with(&dir.path().join("config"), &[("DAFTAR_E2E_DIALOG_ANSWERS", &answers)]);
    let client = driver.session(&province).await;
    wait_for_agency(&client, "101").await;
    click(&client, &find(&client, &testid("nav-accounts")).await).await;

    // Import every agency's workbook in one action.
    click(&client, &find(&client, &testid("accounts-intake")).await).await;
    find(&client, &testid("accounts-intake-result")).await;
    let imported = client
        .execute("return document.querySelectorAll('[data-testid=\"accounts-intake-file\"][data-status=\"imported\"]').length;", vec![])
        .await
        .unwrap();
    assert_eq!(imported.as_u64(), Some(29));
    click(&client, &find(&client, &testid("accounts-intake-close")).await).await;

    // Run the checks and open the failing one: a required value is missing.
    click(&client, &find(&client, &testid("accounts-check")).await).await;
    let required = find(&client, &format!("{}[data-rule=\"B-REQUIRED\"]", testid("accounts-finding"))).await;
    assert!(required.text().await.unwrap().contains("T09.PRIVATE.PHYS"));

    // Fix it in the grid: physicians in private hospitals = total − the other sectors.
    find(&client, &testid("accounts-table-select")).await.select_by_value("T09").await.unwrap();
    let row = find(&client, &format!("{}[data-code=\"T09.PRIVATE.PHYS\"]", testid("accounts-item-row"))).await;
    click(&client, &row.find(Locator::Css(&testid("accounts-item-value"))).await.unwrap()).await;
    let input = find(&client, &testid("accounts-item-edit-input")).await;
    input.send_keys("۴۱۳\u{E007}").await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = find(&client, &format!("{}[data-code=\"T09.PRIVATE.PHYS\"]", testid("accounts-item-row")))
            .await
            .text()
            .await
            .unwrap_or_default();
        if text.contains("۴۱۳") {
            break;
        }
        assert!(Instant::now() < deadline, "the value is shown in the grid: {text}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    click(&client, &find(&client, &testid("accounts-check")).await).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = find(&client, &testid("accounts-findings")).await.text().await.unwrap_or_default();
        if !text.contains("T09.PRIVATE.PHYS") {
            break;
        }
        assert!(Instant::now() < deadline, "the finding is gone after re-checking");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }

    // Approve the university of medical sciences' table T09.
    let part = format!("{}[data-agency=\"401\"][data-table=\"T09\"]", testid("accounts-part"));
    click(&client, &find(&client, &part).await.find(Locator::Css(&testid("accounts-approve"))).await.unwrap()).await;
    click(&client, &find(&client, &testid("confirm-ok")).await).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !find(&client, &part).await.text().await.unwrap_or_default().contains("تأییدشده") {
        assert!(Instant::now() < deadline, "the part shows as approved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Export the package (a draft: the other agencies are not approved yet).
    click(&client, &find(&client, &testid("accounts-package")).await).await;
    click(&client, &find(&client, &testid("accounts-package-draft")).await).await;
    click(&client, &find(&client, &testid("accounts-package-ok")).await).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while !package.exists() {
        assert!(Instant::now() < deadline, "the package is written");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    client.close().await.unwrap();
    drop(driver);

    let report = accounts::package::verify(&package, None).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let manifest = report.manifest.unwrap();
    assert!(manifest.draft);
    // Still missing: the fixture's three other gaps and the three unassigned T09.OTHER items.
    assert_eq!(manifest.missing, 6);
}

/// Wait until the element matching `css` shows `text`.
async fn wait_for_text(client: &Client, css: &str, text: &str, what: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let shown = find(client, css).await.text().await.unwrap_or_default();
        if shown.contains(text) {
            return shown;
        }
        assert!(Instant::now() < deadline, "{what}: «{text}» not in «{shown}»");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Reopen a closed phase through the timeline, with a reason, until today (the default).
async fn reopen_phase(client: &Client, code: &str, reason: &str) {
    click(client, &find(client, &testid(&format!("eval-phase-reopen-{code}"))).await).await;
    type_into(client, "eval-reopen-reason", reason).await;
    click(client, &find(client, &testid("eval-reopen-save")).await).await;
    wait_for_text(client, &testid(&format!("eval-phase-{code}")), "بازگشایی", "the phase shows as reopened").await;
}

/// Performance evaluation in the app, on the demo's 1403 in its objection window: the analyst
/// rescores an indicator, files an agency's objection and decides it, has the council approve,
/// and reads the ranking and the tiers.
#[tokio::test(flavor = "multi_thread")]
async fn performance_evaluation_year_in_the_app() {
    use daftar::evaluation::{approval, objections, scores, scores::Stage};
    let dir = tempfile::tempdir().unwrap();
    let province = dir.path().join("lorestan.daftar");
    daftar::demo::build(&province, &workspace_root().join("fixtures"), false, "آزمون").unwrap();
    {
        // The demo leaves four objections undecided; the evaluators decide them first, as they
        // would before the council (this test decides the one it files in the app).
        let mut store = daftar::store::Store::open(&province, "ارزیاب").unwrap();
        let today = daftar::fa::JalaliDate::today();
        for o in objections::objections(store.conn(), 1403).unwrap().into_iter().filter(|o| o.decision.is_none()) {
            objections::decide(
                &mut store,
                1403,
                o.id,
                objections::Decision::Rejected,
                None,
                "مستندات تازه‌ای ارائه نشد",
                today,
            )
            .unwrap();
        }
    }
    let driver = Driver::start(&dir.path().join("config"));
    let client = driver.session(&province).await;
    wait_for_agency(&client, "101").await;
    click(&client, &find(&client, &testid("nav-evaluation")).await).await;
    find(&client, &testid("eval-todo")).await;

    // Scoring belongs to the evaluation phase, which has ended: reopen it with a reason.
    reopen_phase(&client, "evaluation", "بازبینی امتیاز جانشین‌پروری آموزش و پرورش").await;

    // Open education's grid and rescore G08 (direct points, ceiling 40) far from its self score.
    click(&client, &find(&client, &testid("eval-tab-agencies")).await).await;
    let row = find(&client, &testid("eval-agency-101")).await;
    click(&client, &row.find(Locator::Css("button.open")).await.unwrap()).await;
    find(&client, &format!("{}[data-agency=\"101\"]", testid("eval-grid"))).await;
    click(&client, &find(&client, &testid("eval-score-edit-G08")).await).await;
    type_into(&client, "eval-score-value", "۲۸").await;
    type_into(&client, "eval-score-comment", "برنامه‌های توسعه فردی مدیران در بازدید دوم دیده شد").await;
    click(&client, &find(&client, &testid("eval-score-save")).await).await;
    wait_for_text(&client, &testid("eval-row-G08"), "۲۸", "the new evaluator score is in the grid").await;

    // The agency objects to G10 inside the window.
    click(&client, &find(&client, &testid("eval-object-G10")).await).await;
    type_into(&client, "eval-objection-reason", "ساختار مصوب تازه در سامانه پست‌ها ثبت نشده بود").await;
    type_into(&client, "eval-objection-evidence", "نامه شماره ۱۲۳۴/۵ با پیوست ساختار").await;
    click(&client, &find(&client, &testid("eval-objection-save")).await).await;
    find(&client, &testid("eval-object-G10")).await; // the grid is back once the dialog closes

    // The evaluators accept it with a new score.
    click(&client, &find(&client, &testid("eval-tab-objections")).await).await;
    wait_for_text(&client, &testid("eval-objections"), "G10", "the filed objection is listed").await;
    let id = {
        let rows = client
            .execute("return Array.from(document.querySelectorAll('[data-testid^=\"eval-objection-\"]'), r => [r.dataset.testid, r.textContent]);", vec![])
            .await
            .unwrap();
        let rows: Vec<(String, String)> = serde_json::from_value(rows).unwrap();
        let row = rows
            .iter()
            .find(|(id, text)| id["eval-objection-".len()..].parse::<i64>().is_ok() && text.contains("G10"))
            .unwrap_or_else(|| panic!("the filed objection is listed: {rows:?}"));
        row.0["eval-objection-".len()..].to_string()
    };
    click(&client, &find(&client, &testid(&format!("eval-decide-{id}"))).await).await;
    find(&client, &testid("eval-decision")).await.select_by_value("accepted").await.unwrap();
    type_into(&client, "eval-decision-score", "۳۶").await;
    type_into(&client, "eval-decision-reason", "ساختار مصوب پیوست نامه تأیید شد").await;
    click(&client, &find(&client, &testid("eval-decision-save")).await).await;
    wait_for_text(&client, &testid(&format!("eval-objection-{id}")), "پذیرفته", "the decision is shown").await;

    // While agencies may still object, the council cannot approve; the button says why.
    let approve = find(&client, &testid("eval-approve")).await;
    assert!(!approve.is_enabled().await.unwrap(), "no approval inside the objection window");
    client.close().await.unwrap();
    drop(driver);

    // The council meets on the first day of its phase, after the window: the app on that day.
    let council_day = {
        let store = open_when_released(&province);
        let phases = daftar::evaluation::phases::phases(store.conn(), 1403, daftar::fa::JalaliDate::today()).unwrap();
        phases.into_iter().find(|p| p.code == "council").unwrap().starts_on
    };
    let driver = Driver::start_with(&dir.path().join("config"), &[("DAFTAR_TODAY", Path::new(&council_day))]);
    let client = driver.session(&province).await;
    wait_for_agency(&client, "101").await;
    click(&client, &find(&client, &testid("nav-evaluation")).await).await;
    find(&client, &testid("eval-todo")).await;
    click(&client, &find(&client, &testid("eval-approve")).await).await;
    type_into(&client, "eval-approve-session", "جلسه ۱۲ شورای برنامه‌ریزی و توسعه استان").await;
    click(&client, &find(&client, &testid("eval-approve-confirm")).await).await;
    find(&client, &testid("eval-reopen-approval")).await;

    // The ranking and the tiers of the approved results.
    click(&client, &find(&client, &testid("eval-tab-results")).await).await;
    wait_for_text(&client, &testid("eval-results-basis"), "تصویب‌شده", "the results are the approved ones").await;
    let shown = client
        .execute("return Object.fromEntries(Array.from(document.querySelectorAll('[data-testid^=\"eval-result-\"]'), r => [r.dataset.testid.slice('eval-result-'.length), r.textContent]));", vec![])
        .await
        .unwrap();
    let shown: std::collections::HashMap<String, String> = serde_json::from_value(shown).unwrap();
    assert_eq!(shown.len(), 61, "every agency is ranked: {shown:?}");
    let tiers = find(&client, &testid("eval-tiers")).await.text().await.unwrap();
    for tier in ["عالی", "خیلی خوب", "خوب", "متوسط", "ضعیف"] {
        assert!(tiers.contains(tier), "tier {tier} in {tiers}");
    }
    client.close().await.unwrap();
    drop(driver);

    let store = open_when_released(&province);
    let evaluator = scores::current_scores(store.conn(), 1403, Stage::Evaluator).unwrap();
    let g08 = &evaluator[&("101".to_string(), "G08".to_string())];
    assert_eq!(g08.score, 28.0);
    assert!(g08.comment.contains("بازدید دوم"));
    let filed = objections::objections(store.conn(), 1403)
        .unwrap()
        .into_iter()
        .find(|o| o.agency_code == "101" && o.indicator_code == "G10")
        .unwrap();
    assert_eq!((filed.decision, filed.new_score), (Some(objections::Decision::Accepted), Some(36.0)));
    let approvals = approval::approvals(store.conn(), 1403).unwrap();
    assert_eq!(approvals.len(), 1);
    let results = approval::approved_results(store.conn(), 1403).unwrap().unwrap();
    assert_eq!(results.len(), 61);
    for r in results.iter().filter(|r| r.rank <= 3) {
        let row = &shown[&r.agency.code];
        let rank = daftar::fa::to_persian_digits(&r.rank.to_string());
        let name = if r.agency.short_name.is_empty() { &r.agency.name } else { &r.agency.short_name };
        assert!(
            row.contains(name.as_str()) && row.contains(&r.tier) && row.contains(&rank),
            "rank {} row: {row}",
            r.rank
        );
    }
    assert!(daftar::evaluation::is_locked(store.conn(), 1403).unwrap());
}

/// The Reports screen on the demo: preview the ranking, save it as PDF and as Excel where the
/// (scripted) dialog says, and edit the booklet's foreword.
#[tokio::test(flavor = "multi_thread")]
async fn reports_preview_save_and_foreword_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let province = dir.path().join("lorestan.daftar");
    daftar::demo::build(&province, &workspace_root().join("fixtures"), false, "آزمون").unwrap();
    let pdf = dir.path().join("ranking.pdf");
    let xlsx = dir.path().join("ranking.xlsx");
    let answers = dir.path().join("dialog-answers.txt");
    std::fs::write(&answers, format!("{}\n{}\n", pdf.display(), xlsx.display())).unwrap();
    let driver = Driver::start_with(&dir.path().join("config"), &[("DAFTAR_E2E_DIALOG_ANSWERS", &answers)]);
    let client = driver.session(&province).await;
    wait_for_agency(&client, "101").await;
    click(&client, &find(&client, &testid("nav-reports")).await).await;

    // The ranking: previewed in the page, every page drawn by the PDF viewer.
    click(&client, &find(&client, &testid("report-doc-ranking")).await).await;
    click(&client, &find(&client, &testid("report-preview-button")).await).await;
    wait_for_text(&client, &testid("report-preview-pages"), "از", "the preview counts its pages").await;
    find(&client, &format!("{}[data-page=\"1\"]", testid("report-preview-page"))).await;

    // Saved as PDF, then as Excel.
    click(&client, &find(&client, &testid("report-save")).await).await;
    wait_for_text(&client, &testid("report-saved"), "ranking.pdf", "the saved PDF is named").await;
    click(&client, &find(&client, &testid("report-format-xlsx")).await).await;
    click(&client, &find(&client, &testid("report-save")).await).await;
    wait_for_text(&client, &testid("report-saved"), "ranking.xlsx", "the saved workbook is named").await;

    // The booklet cannot be made before the council's approval, and says so; its foreword can be edited.
    click(&client, &find(&client, &testid("report-doc-booklet")).await).await;
    wait_for_text(&client, &testid("report-blocker"), "تصویب شورا", "the booklet's blocker").await;
    type_into(&client, "report-foreword", "پیشگفتار نوشته‌شده در آزمون برنامه").await;
    click(&client, &find(&client, &testid("report-foreword-save")).await).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while find(&client, &testid("report-foreword-note"))
        .await
        .text()
        .await
        .map(|t| t.contains("پیش‌فرض"))
        .unwrap_or(false)
    {
        assert!(Instant::now() < deadline, "the foreword is no longer the default");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    client.close().await.unwrap();
    drop(driver);

    let head = |p: &Path| std::fs::read(p).unwrap()[..4].to_vec();
    assert_eq!(head(&pdf), b"%PDF");
    assert_eq!(head(&xlsx), b"PK\x03\x04");
    let store = open_when_released(&province);
    assert_eq!(
        daftar::reports::stored_foreword(&store, 1403).unwrap().as_deref(),
        Some("پیشگفتار نوشته‌شده در آزمون برنامه")
    );
}
