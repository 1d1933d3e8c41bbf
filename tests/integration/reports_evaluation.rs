//! Evaluation documents and the results booklet on the fixture year, council-approved, read
//! back with poppler: key Persian strings in logical order, the font embedded and subset, the
//! expected page counts, every page rendered and not blank; and their Excel versions.

use crate::common;
use daftar::evaluation::simulate::{play_year, Until};
use daftar::fa::JalaliDate;
use daftar::reports::{self, ReportFormat, ReportRequest};
use daftar::store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// One approved year, played once and copied for each test (playing it takes seconds).
pub(crate) fn approved_year() -> (tempfile::TempDir, Store) {
    static FILE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, source) = FILE.get_or_init(|| {
        let (dir, mut store) = common::demo_store();
        let work = dir.path().join("work");
        play_year(
            &mut store,
            &common::fixtures(),
            1403,
            JalaliDate::parse("1404/01/15").unwrap(),
            Until::Festival,
            &work,
        )
        .unwrap();
        let path = store.path().to_path_buf();
        drop(store);
        (dir, path)
    });
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("lorestan.daftar");
    std::fs::copy(source, &copy).unwrap();
    let store = Store::open(&copy, "کارشناس").unwrap();
    (dir, store)
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let out =
        Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} (poppler-utils, make setup): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a reader of the PDF gets: its text (without the bidi controls poppler adds), pages,
/// and the checks every document must pass.
struct ReadBack {
    text: String,
    pages: usize,
}

fn read_back(pdf: &[u8], dir: &Path, name: &str) -> ReadBack {
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    if let Some(keep) = std::env::var_os("DAFTAR_KEEP_REPORTS") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(&path, Path::new(&keep).join(format!("{name}.pdf"))).unwrap();
    }
    let p = path.to_str().unwrap();
    let info = poppler("pdfinfo", &[p]);
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    let fonts = poppler("pdffonts", &[p]);
    let embedded: Vec<&str> = fonts.lines().filter(|l| l.contains("Vazirmatn")).collect();
    assert!(
        !embedded.is_empty() && embedded.iter().all(|l| l.contains('+') && l.contains(" yes yes ")),
        "{name}: fonts embedded and subset:\n{fonts}"
    );
    // Every page renders and is not blank: a page with text has many non-white pixels.
    let prefix = dir.join(format!("{name}-page"));
    poppler("pdftoppm", &["-gray", "-r", "20", p, prefix.to_str().unwrap()]);
    let mut rendered = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if file.starts_with(&format!("{name}-page")) {
            rendered += 1;
            let bytes = std::fs::read(entry.path()).unwrap();
            let dark = bytes.iter().rev().take(bytes.len() * 9 / 10).filter(|b| **b < 200).count();
            assert!(dark > 30, "{name}: page {file} is blank");
        }
    }
    assert_eq!(rendered, pages, "{name}: every page rendered");
    let text = poppler("pdftotext", &[p, "-"])
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect();
    ReadBack { text, pages }
}

fn make(store: &Store, kind: &str, agency: Option<&str>) -> daftar::reports::Made {
    reports::make(
        store,
        &ReportRequest { kind: kind.into(), year: 1403, agency: agency.map(Into::into), format: ReportFormat::Pdf },
    )
    .unwrap()
}

#[test]
fn appointment_letters_one_page_per_member() {
    let (dir, store) = approved_year();
    let members = daftar::evaluation::committees::members(store.conn(), 1403).unwrap();
    let made = make(&store, "appointment_letters", None);
    let back = read_back(&made.pdf, dir.path(), "appointment");
    assert_eq!(back.pages, members.len());
    assert!(back.text.contains("ابلاغ عضویت در"), "{}", back.text);
    assert!(back.text.contains("محمدرضا کرمی"), "{}", back.text);
    assert!(back.text.contains("۱۴۰۳/۰۲/۱۵"), "the letter's date in Persian digits");
    // Seed step 6: the steering committee determines the development indicators.
    let flat: String = back.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("تعیین شاخص‌های توسعه‌ای استان"), "{flat}");
    assert!(!flat.contains("تصویب سهم استانی شاخص‌های اختصاصی"));
    // Signed by the settings' signatory (a title, and no committee member's name under it).
    let signatory = daftar::evaluation::settings_of(store.conn(), 1403).unwrap().signatories.appointment;
    // (the chair's own position may be that title too)
    assert!(back.text.matches(signatory.title.as_str()).count() >= members.len(), "one signature a page");
}

#[test]
fn preliminary_sheet_lists_every_indicator_with_its_objection() {
    let (dir, store) = approved_year();
    let made = make(&store, "preliminary_sheet", Some("105"));
    let back = read_back(&made.pdf, dir.path(), "preliminary-105");
    let rows = daftar::evaluation::view::agency_scores(store.conn(), 1403, "105").unwrap();
    for r in &rows {
        assert!(
            back.text.contains(&r.code) && !back.text.contains(&daftar::fa::to_persian_digits(&r.code)),
            "indicator {} listed",
            r.code
        );
    }
    assert!(back.text.contains("نتایج اولیهٔ ارزیابی عملکرد سال") && back.text.contains("۱۴۰۳"), "{}", back.text);
    // S105-1 was accepted with 130 (objections fixture).
    assert!(back.text.contains("پذیرفته") && back.text.contains("۱۳۰٫۰۰"), "{}", back.text);
    assert_eq!(made.tables[0].rows.len(), rows.len());
}

#[test]
fn scorecard_ranking_festival_and_certificates() {
    let (dir, store) = approved_year();
    let approved = daftar::evaluation::approval::approved_results(store.conn(), 1403).unwrap().unwrap();
    let first = &approved[0];

    let card = read_back(&make(&store, "scorecard", Some(&first.agency.code)).pdf, dir.path(), "scorecard");
    assert!(card.text.contains(&first.agency.name) && card.text.contains(&first.tier), "{}", card.text);
    assert!(card.text.contains("کارنامهٔ نهایی ارزیابی عملکرد سال ۱۴۰۳"));

    let ranking = make(&store, "ranking", None);
    let back = read_back(&ranking.pdf, dir.path(), "ranking");
    assert_eq!(ranking.tables[0].rows.len(), approved.len());
    assert!(back.pages >= 2, "61 agencies and a chart: {}", back.pages);
    for tier in ["عالی", "خیلی خوب", "متوسط", "ضعیف"] {
        assert!(back.text.contains(tier), "tier {tier}");
    }
    // The council as the seed (steps 15–16) and the year's settings name it.
    assert!(back.text.contains("مصوب شورای توسعهٔ مدیریت استان"), "{}", back.text);
    assert!(!back.text.contains("شورای برنامه‌ریزی و توسعهٔ استان"));

    let festival = daftar::evaluation::festival::festival(store.conn(), 1403).unwrap();
    let report = read_back(&make(&store, "festival_report", None).pdf, dir.path(), "festival");
    assert!(report.text.contains("گزارش جشنوارهٔ شهید رجایی"));
    for g in &festival.groups {
        assert!(report.text.contains(&g.winners[0].agency.name), "winner of {}", g.group);
    }

    // All certificates: one landscape page per honour; and one agency's.
    let all = make(&store, "certificates", None);
    let back = read_back(&all.pdf, dir.path(), "certificates");
    let honours =
        festival.groups.iter().map(|g| g.winners.len()).sum::<usize>() + festival.growth.len() + festival.teams.len();
    assert_eq!(back.pages, honours);
    assert!(back.text.contains("تقدیرنامه") && back.text.contains("به پاس"));
    let size = poppler("pdfinfo", &[dir.path().join("certificates.pdf").to_str().unwrap()]);
    assert!(size.contains("841.89 x 595.276 pts (A4)"), "A4 landscape: {size}");
    let one = make(&store, "certificates", Some(&first.agency.code));
    let back = read_back(&one.pdf, dir.path(), "certificate-one");
    assert!(back.pages >= 1 && back.text.contains(&first.agency.name));
    assert!(!back.text.contains("صفحه"), "a certificate has no page numbers");
}

#[test]
fn the_booklet_has_contents_with_the_right_pages_and_a_page_per_agency() {
    let (dir, mut store) = approved_year();
    reports::set_foreword(&mut store, 1403, "پیشگفتار آزمایشی: این کتابچه با دفتر ساخته شد.").unwrap();
    let made = make(&store, "booklet", None);
    assert!(made.pdf.len() < 4 * 1024 * 1024, "under 4 MB: {}", made.pdf.len());
    let back = read_back(&made.pdf, dir.path(), "booklet");
    assert!((70..=130).contains(&back.pages), "about 80 pages: {}", back.pages);
    let text = &back.text;
    for part in [
        "کتابچهٔ نتایج",
        "پیشگفتار آزمایشی",
        "فهرست مطالب",
        "روش ارزیابی",
        "خلاصهٔ نتایج",
        "کارنامهٔ دستگاه‌ها",
        "برگزیدگان جشنوارهٔ شهید رجایی",
        "پیوست",
        "شاخص‌های اختصاصی",
    ] {
        assert!(text.contains(part), "«{part}» in the booklet");
    }
    // The contents say where «روش ارزیابی» starts, and it starts there: page N's text (pdftotext
    // separates pages with a form feed) begins with that heading.
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let contents_page = pages.iter().position(|p| p.contains("فهرست مطالب")).unwrap();
    let contents = pages[contents_page];
    // pdftotext gives the title and its page number on the same line or on the next one.
    let lines: Vec<&str> = contents.lines().filter(|l| !l.trim().is_empty()).collect();
    let at = lines.iter().position(|l| l.contains("روش ارزیابی")).expect("listed in the contents");
    let digits = |l: &str| l.chars().filter(|c| ('۰'..='۹').contains(c)).collect::<String>();
    let number = if digits(lines[at]).is_empty() { digits(lines[at + 1]) } else { digits(lines[at]) };
    let page: usize = daftar::fa::to_latin_digits(&number).parse().unwrap();
    assert!(
        pages[page - 1].contains("روش ارزیابی") && pages[page - 1].contains("محورهای ارزیابی"),
        "page {page}: {}",
        pages[page - 1]
    );
    // One page for each agency, found from the contents too.
    let approved = daftar::evaluation::approval::approved_results(store.conn(), 1403).unwrap().unwrap();
    let last = approved.last().unwrap();
    assert!(
        pages.iter().any(|p| p.contains(&last.agency.name) && p.contains("قوی‌ترین شاخص‌ها")),
        "the last agency's page"
    );
    let agency_pages = pages.iter().filter(|p| p.contains("قوی‌ترین شاخص‌ها")).count();
    assert!(agency_pages >= approved.len(), "{agency_pages} agency pages");
}

#[test]
fn excel_versions_are_right_to_left_with_numbers() {
    use calamine::{Data, Reader};
    let (dir, mut store) = approved_year();
    for kind in [
        "ranking",
        "booklet",
        "festival_report",
        "preliminary_sheet",
        "scorecard",
        "certificates",
        "appointment_letters",
    ] {
        let agency = matches!(kind, "preliminary_sheet" | "scorecard").then(|| "101".to_string());
        let out = dir.path().join(format!("{kind}.xlsx"));
        let saved = reports::save(
            &mut store,
            &ReportRequest { kind: kind.into(), year: 1403, agency, format: ReportFormat::Xlsx },
            &out,
        )
        .unwrap();
        assert!(saved.pages.is_none() && saved.bytes > 0);
        let mut book = calamine::open_workbook_auto(&out).unwrap();
        assert!(!book.sheet_names().is_empty(), "{kind}");
        let first = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&first).unwrap();
        assert!(range.height() >= 3, "{kind}: title, header and rows");
    }
    let mut book = calamine::open_workbook_auto(dir.path().join("ranking.xlsx")).unwrap();
    let range = book.worksheet_range("رتبه‌بندی").unwrap();
    assert_eq!(range.get_value((1, 0)), Some(&Data::String("رتبه".into())));
    assert_eq!(range.get_value((2, 0)), Some(&Data::Float(1.0)));
    assert!(matches!(range.get_value((2, 5)), Some(Data::Float(_))), "the total is a number");
    // Right to left, frozen header and an autofilter, in the sheet's XML.
    let xml = unzip_entry(&dir.path().join("ranking.xlsx"), "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("rightToLeft=\"1\"") && xml.contains("state=\"frozen\"") && xml.contains("<autoFilter"),
        "{xml}"
    );
}

fn unzip_entry(path: &Path, entry: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(entry).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn documents_that_need_approval_say_so_and_the_catalog_explains() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let demo = Store::open(&path, "کارشناس").unwrap();
    let err = reports::make(
        &demo,
        &ReportRequest { kind: "booklet".into(), year: 1403, agency: None, format: ReportFormat::Pdf },
    )
    .err()
    .unwrap();
    assert_eq!(daftar::Problem::code(&err), "evaluation.approval.not_yet_approved");
    let catalog = reports::catalog(&demo).unwrap();
    let booklet = catalog.documents.iter().find(|d| d.kind == "booklet").unwrap();
    assert!(booklet.blocker.as_deref().unwrap().contains("تصویب شورا"), "{booklet:?}");
    let ranking = catalog.documents.iter().find(|d| d.kind == "ranking").unwrap();
    assert_eq!(ranking.blocker, None, "the demo has published its preliminary results");
    let sheet = catalog.documents.iter().find(|d| d.kind == "preliminary_sheet").unwrap();
    assert_eq!(sheet.agencies.len(), 61);
    assert!(catalog.foreword_is_default && catalog.foreword.unwrap().contains("لرستان"));
    let err = reports::make(
        &demo,
        &ReportRequest { kind: "scorecard".into(), year: 1403, agency: None, format: ReportFormat::Pdf },
    )
    .err()
    .unwrap();
    assert_eq!(daftar::Problem::code(&err), "report.agency_required");
    let err = reports::make(
        &demo,
        &ReportRequest { kind: "nonsense".into(), year: 1403, agency: None, format: ReportFormat::Pdf },
    )
    .err()
    .unwrap();
    assert!(err.to_string().contains("booklet"), "{err}");
}

#[test]
fn the_foreword_is_kept_audited_and_reset() {
    let (_dir, mut store) = approved_year();
    assert!(reports::stored_foreword(&store, 1403).unwrap().is_none());
    reports::set_foreword(&mut store, 1403, "  متن تازهٔ پيشگفتار  ").unwrap();
    assert_eq!(reports::foreword(&store, 1403).unwrap(), "متن تازهٔ پیشگفتار", "normalized (ی)");
    let audit = store.audit_log(3).unwrap();
    assert!(audit.iter().any(|a| a.entity == "report_text" && a.action == "edit"));
    reports::set_foreword(&mut store, 1403, "").unwrap();
    assert!(reports::stored_foreword(&store, 1403).unwrap().is_none());
    let default = reports::foreword(&store, 1403).unwrap();
    assert!(default.contains("ارزیابی عملکرد"));
    assert!(default.contains("در شورای توسعهٔ مدیریت استان تصویب شد"), "the settings' council: {default}");
    let other = reports::default_foreword("لرستان", 1404, "شورای ویژهٔ ارزیابی");
    assert!(other.contains("در شورای ویژهٔ ارزیابی تصویب شد"), "{other}");
}

/// The first day of the year's phase `code`.
pub(crate) fn phase_day(store: &Store, code: &str) -> JalaliDate {
    let phases = daftar::evaluation::phases::phases(store.conn(), 1403, JalaliDate::parse("1404/01/15").unwrap());
    let phase = phases.unwrap().into_iter().find(|p| p.code == code).unwrap();
    JalaliDate::parse(&phase.starts_on).unwrap()
}

/// Whether `part` is in `text`, whitespace and stops aside (poppler may move a space or a
/// stop across a number in right-to-left text).
fn has(text: &str, part: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace() && !".:،؛".contains(*c)).collect::<String>();
    squeeze(text).contains(&squeeze(part))
}

/// Seed steps 17–18: the national tiering, once imported, is shown wherever the results are
/// (the results view, the scorecard, the ranking, the booklet), and before that they say it has
/// not come; the letters notifying the agencies wait for it and for the council's approval.
#[test]
fn the_national_tiering_is_shown_with_the_results_and_notified_to_the_agencies() {
    use daftar::evaluation::{approval, national, view};
    let (dir, mut store) = approved_year();
    let approved = approval::approved_results(store.conn(), 1403).unwrap().unwrap();
    let (first, second, third) = (&approved[0], &approved[1], &approved[2]);

    // Before the import: said plainly, and the letter is refused with the guard's sentence.
    let results = view::results_view(store.conn(), 1403).unwrap();
    assert!(!results.national.imported);
    assert!(results.national.province_text.contains(national::NOT_YET));
    let card = read_back(&make(&store, "scorecard", Some(&first.agency.code)).pdf, dir.path(), "card-before");
    assert!(has(&card.text, national::NOT_YET), "{}", card.text);
    let request =
        ReportRequest { kind: "tier_notification".into(), year: 1403, agency: None, format: ReportFormat::Pdf };
    let refused = reports::make(&store, &request).err().unwrap();
    assert_eq!(daftar::Problem::code(&refused), "evaluation.national.not_imported");
    let catalog = reports::catalog(&store).unwrap();
    let listed = catalog.documents.iter().find(|d| d.kind == "tier_notification").unwrap();
    assert_eq!(listed.blocker.as_deref(), Some(refused.to_string().as_str()));
    let today = phase_day(&store, "national");
    let actions = view::overview(store.conn(), 1403, today).unwrap().actions;
    assert_eq!(actions.notification.blocker.as_deref(), Some(refused.to_string().as_str()));

    let file = dir.path().join("national.xlsx");
    let tiers = [(first.agency.code.as_str(), "ممتاز ملی", 12), (second.agency.code.as_str(), "خوب", 40)];
    common::national_workbook(&file, &tiers, Some((5, 31)));
    approval::import_national(&mut store, 1403, &file, today).unwrap();

    // The results view and the overview.
    let results = view::results_view(store.conn(), 1403).unwrap();
    assert_eq!(results.national.of(&first.agency.code).unwrap().tier, "ممتاز ملی");
    assert_eq!(results.national.province_text, "رتبهٔ استان در میان استان‌های کشور: ۵ از ۳۱.");
    assert!(view::overview(store.conn(), 1403, today).unwrap().actions.notification.enabled);

    // The scorecard, the ranking and the booklet (its summary and the agency's page).
    let card = read_back(&make(&store, "scorecard", Some(&first.agency.code)).pdf, dir.path(), "card").text;
    for part in ["سطح ملی", "ممتاز ملی", "رتبهٔ ملی", "۱۲", "۵ از ۳۱"] {
        assert!(has(&card, part), "«{part}» in the scorecard: {card}");
    }
    assert!(!has(&card, national::NOT_YET));
    let ranking = make(&store, "ranking", None);
    let text = read_back(&ranking.pdf, dir.path(), "ranking-national").text;
    assert!(has(&text, "ممتاز ملی") && has(&text, "۵ از ۳۱"), "{text}");
    let header: Vec<&str> = ranking.tables[0].columns.iter().map(|c| c.title.as_str()).collect();
    assert!(header.ends_with(&["سطح ملی", "رتبهٔ ملی"]), "{header:?}");
    let booklet = read_back(&make(&store, "booklet", None).pdf, dir.path(), "booklet-national").text;
    assert!(has(&booklet, "سطح ملی «ممتاز ملی»، رتبهٔ ملی ۱۲"), "the first agency's page");
    assert!(has(&booklet, "رتبهٔ استان در میان استان‌های کشور: ۵ از ۳۱"), "the summary");
    assert!(has(&booklet, "در سطح‌بندی ملی نیامده است"), "an agency the tiering does not list");

    // The letters: one a page for every agency, or one agency's.
    let letters = reports::make(&store, &request).unwrap();
    let back = read_back(&letters.pdf, dir.path(), "tier-letters");
    assert_eq!(back.pages, approved.len());
    let text = back.text;
    assert!(has(&text, "ابلاغ سطح‌بندی ارزیابی عملکرد سال ۱۴۰۳ و رتبه‌بندی استان‌ها"), "{text}");
    assert!(has(&text, "سطح ملی آن دستگاه «ممتاز ملی» و رتبهٔ ملی آن ۱۲ است"), "{text}");
    assert!(has(&text, "رتبهٔ ۵ را در میان ۳۱ استان کشور"), "{text}");
    assert!(has(&text, "سطحی برای آن دستگاه نیامده است"), "{} is not listed", third.agency.name);
    let one = ReportRequest { agency: Some(second.agency.code.clone()), ..request.clone() };
    let back = read_back(&reports::make(&store, &one).unwrap().pdf, dir.path(), "tier-letter-one");
    assert_eq!(back.pages, 1);
    assert!(has(&back.text, &second.agency.name) && has(&back.text, "«خوب»"));
    let xlsx = dir.path().join("tier-letters.xlsx");
    reports::save(&mut store, &ReportRequest { format: ReportFormat::Xlsx, ..request.clone() }, &xlsx).unwrap();
    let mut book = daftar::sheets::WorkbookReader::open(&xlsx).unwrap();
    assert_eq!(book.rows("سطح‌بندی ابلاغ‌شده", 1000).unwrap().len(), approved.len() + 2, "title, header, agencies");

    // Reopened, the approval no longer stands: no letter until the council approves again.
    approval::reopen(&mut store, 1403, "بازبینی یک امتیاز").unwrap();
    let refused = reports::make(&store, &request).err().unwrap();
    assert_eq!(daftar::Problem::code(&refused), "evaluation.national.before_approval");
    assert!(refused.to_string().contains("شورای توسعهٔ مدیریت استان"), "{refused}");
}
