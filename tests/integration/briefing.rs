//! Briefing sessions of both services (evaluation step 4, regional accounts step 3), and
//! regional accounts step 6 on paper: the Statistical Centre's request letter answered by the
//! request and cover letters, and the day each package was sent. Read back with poppler.

use crate::common;

use daftar::accounts::dispatch::{self, set_centre_letter};
use daftar::accounts::package::package;
use daftar::briefing::{self, AttendanceInput, BriefingInput, Service};
use daftar::fa::JalaliDate;
use daftar::store::Store;
use daftar::Problem;
use std::path::Path;
use std::process::Command;

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let store = Store::open(&path, "کارشناس").unwrap();
    (dir, store)
}

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

/// The text of a PDF (or of one page), without the bidi controls pdftotext adds.
fn pdf_text(pdf: &[u8], dir: &Path, page: Option<u32>) -> String {
    let path = dir.join("read-back.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut command = Command::new("pdftotext");
    if let Some(p) = page {
        command.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = command.arg(&path).arg("-").output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// Whether `text` holds `needle`, spaces and line breaks aside: poppler moves the spaces
/// around numbers in a right-to-left line and breaks lines where the PDF wraps them.
fn holds(text: &str, needle: &str) -> bool {
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squeeze(text).contains(&squeeze(needle))
}

fn input(service: Service) -> BriefingInput {
    BriefingInput {
        service,
        year: 1403,
        title: String::new(),
        held_on: "۱۴۰۳/۰۲/۱۱".into(),
        starts_at: "۹:۳۰".into(),
        place: "سالن جلسات سازمان".into(),
        letter_number: "۱۲/۳۴۵".into(),
        letter_date: "1403/02/01".into(),
    }
}

const INVITED: [(&str, &str); 3] = [
    ("101", "اداره کل آموزش و پرورش استان لرستان"),
    ("202", "شرکت گاز استان لرستان"),
    ("501", "سازمان جهاد کشاورزی استان لرستان"),
];

#[test]
fn a_session_of_each_service_is_planned_invited_printed_and_attended() {
    let (dir, mut store) = demo();
    let before = day("1403/02/01");
    let after = day("1403/02/12");
    for service in [Service::Accounts, Service::Evaluation] {
        let b = briefing::create(&mut store, &input(service), before).unwrap();
        assert_eq!((b.service, b.held_on.as_str(), b.starts_at.as_str()), (service, "۱۴۰۳/۰۲/۱۱", "09:30"));
        assert_eq!(b.title, service.default_title());
        assert!(!b.letters.enabled, "no letters before anyone is invited");
        let codes: Vec<String> = INVITED.iter().map(|(c, _)| c.to_string()).collect();
        let b = briefing::invite(&mut store, b.id, &codes, before).unwrap();
        assert_eq!(b.invitees.len(), 3);
        assert!(b.letters.enabled);
        assert!(b.attendance.blocker.as_deref().unwrap().contains("پس از برگزاری"), "{:?}", b.attendance);

        // One letter per invited agency, each naming its agency, the place and the day.
        let letters = daftar::reports::invitation_letters(&store, b.id).unwrap();
        assert_eq!(letters.pages, 3);
        for (page, (_, name)) in INVITED.iter().enumerate() {
            let text = pdf_text(&letters.pdf, dir.path(), Some(page as u32 + 1));
            assert!(holds(&text, &format!("ریاست محترم {name}")), "page {}: {text}", page + 1);
            assert!(holds(&text, "روز سه‌شنبه ۱۴۰۳/۰۲/۱۱ ساعت ۰۹:۳۰ در سالن جلسات سازمان"), "{text}");
            assert!(holds(&text, service.persian()) && holds(&text, "شماره") && holds(&text, "۱۲/۳۴۵"), "{text}");
            let others = INVITED.iter().filter(|(_, n)| n != name);
            assert!(others.clone().all(|(_, n)| !text.contains(n)), "page {} names only its agency", page + 1);
        }

        // Attendance: refused before the day, recorded after it.
        let came = vec![
            AttendanceInput {
                agency: "202".into(), present: true, attendee: "علی رضایی، کارشناس آمار".into()
            },
            AttendanceInput {
                agency: "501".into(), present: false, attendee: "نامی که نباید بماند".into()
            },
        ];
        let err = briefing::record_attendance(&mut store, b.id, &came, before).unwrap_err();
        assert_eq!(err.code(), "briefing.not_held_yet");
        let b = briefing::record_attendance(&mut store, b.id, &came, after).unwrap();
        let by_code = |code: &str| b.invitees.iter().find(|i| i.agency_code == code).unwrap().clone();
        assert_eq!((by_code("202").present, by_code("202").attendee.as_str()), (Some(true), "علی رضایی، کارشناس آمار"));
        assert_eq!((by_code("501").present, by_code("501").attendee.as_str()), (Some(false), ""));
        assert_eq!(by_code("101").present, None);

        let sheet = daftar::reports::attendance_sheet(&store, b.id).unwrap();
        let text = pdf_text(&sheet.pdf, dir.path(), None);
        assert!(INVITED.iter().all(|(_, n)| holds(&text, n)), "{text}");
        assert!(text.contains("امضا") && text.contains("علی رضایی"), "{text}");

        // Kept in the file, under its own service only.
        let listed = briefing::list(&store, service, 1403, after).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0], b);
    }
    let audit = store.audit_log(50).unwrap();
    assert_eq!(audit.iter().filter(|r| r.entity == "briefing").count(), 2);
}

#[test]
fn broken_briefing_inputs_are_refused_in_persian() {
    let (_dir, mut store) = demo();
    let today = day("1403/02/01");
    let refused = |store: &mut Store, change: &dyn Fn(&mut BriefingInput)| {
        let mut wrong = input(Service::Evaluation);
        change(&mut wrong);
        briefing::create(store, &wrong, today).unwrap_err()
    };
    let err = refused(&mut store, &|i| i.held_on = "11/02/1403".into());
    assert_eq!(err.code(), "briefing.bad_date");
    assert!(err.to_string().starts_with("تاریخ جلسه پذیرفته نشد"), "{err}");
    let err = refused(&mut store, &|i| i.held_on = "1403/13/01".into());
    assert_eq!(err.code(), "briefing.bad_date");
    let err = refused(&mut store, &|i| i.place = "  ".into());
    assert_eq!((err.code(), err.to_string().contains("محل برگزاری")), ("briefing.place_required", true));
    let err = refused(&mut store, &|i| i.starts_at = "25:00".into());
    assert_eq!(err.code(), "briefing.bad_time");
    let err = refused(&mut store, &|i| i.letter_date = "دیروز".into());
    assert!(err.to_string().starts_with("تاریخ نامهٔ دعوت پذیرفته نشد"), "{err}");
    assert!(briefing::list(&store, Service::Evaluation, 1403, today).unwrap().is_empty(), "nothing stored");

    let b = briefing::create(&mut store, &input(Service::Evaluation), today).unwrap();
    let err = briefing::invite(&mut store, b.id, &["999".into()], today).unwrap_err();
    assert_eq!((err.code(), err.to_string()), ("agency.not_found", "دستگاهی با کد «999» در این پرونده نیست.".into()));
    let err = daftar::reports::invitation_letters(&store, b.id).err().unwrap();
    assert_eq!(err.code(), "briefing.no_invitees");
    briefing::invite(&mut store, b.id, &["202".into()], today).unwrap();
    let later = day("1403/03/01");
    let not_invited = [AttendanceInput { agency: "501".into(), present: true, attendee: String::new() }];
    let err = briefing::record_attendance(&mut store, b.id, &not_invited, later).unwrap_err();
    assert_eq!(err.code(), "briefing.not_invited");
    assert!(err.to_string().contains("سازمان جهاد کشاورزی استان لرستان"), "{err}");
    let err = briefing::briefing(&store, 77, today).unwrap_err();
    assert_eq!(err.code(), "briefing.not_found");
    let messages = [
        err.to_string(),
        refused(&mut store, &|i| i.held_on = "11/02/1403".into()).to_string(),
        refused(&mut store, &|i| i.place = String::new()).to_string(),
        refused(&mut store, &|i| i.starts_at = "ظهر".into()).to_string(),
        briefing::record_attendance(&mut store, b.id, &not_invited, later).unwrap_err().to_string(),
    ];
    for message in messages {
        assert!(!message.chars().any(|c| c.is_ascii_alphabetic()), "no English: {message}");
    }
}

fn has_reference(text: &str) -> bool {
    holds(text, "بازگشت به نامهٔ شمارهٔ ۱۲۳/۴۵۶ مورخ ۱۴۰۳/۰۱/۲۰ مرکز آمار ایران")
}

#[test]
fn request_and_cover_letters_answer_the_centres_letter_only_when_recorded() {
    let (dir, mut store) = demo();
    let zip = dir.path().join("package-1403-draft.zip");
    package(&mut store, 1403, &zip, true).unwrap();
    let request =
        |store: &Store| pdf_text(&daftar::reports::request_letter(store, 1403, "202").unwrap().pdf, dir.path(), None);
    let cover =
        |store: &Store| pdf_text(&daftar::reports::package_cover_letter(store, &zip).unwrap().pdf, dir.path(), None);

    for text in [request(&store), cover(&store)] {
        assert!(!text.contains("بازگشت به نامه"), "nothing of a letter not recorded: {text}");
    }
    let letter = set_centre_letter(&mut store, 1403, "۱۲۳/۴۵۶", "1403/01/20").unwrap().unwrap();
    assert_eq!((letter.number.as_str(), letter.date.as_str()), ("123/456", "۱۴۰۳/۰۱/۲۰"));
    for text in [request(&store), cover(&store)] {
        assert!(has_reference(&text), "{text}");
    }
    // Another year's letter is not this year's.
    assert!(dispatch::centre_letter(store.conn(), 1402).unwrap().is_none());

    let err = set_centre_letter(&mut store, 1403, "۱۲۳", "").unwrap_err();
    assert_eq!(err.code(), "accounts.centre_letter.incomplete");
    let err = set_centre_letter(&mut store, 1403, "۱۲۳", "1403/1/40").unwrap_err();
    assert_eq!(err.code(), "accounts.bad_date");
    assert!(has_reference(&request(&store)), "a refused change keeps the letter");
    assert_eq!(set_centre_letter(&mut store, 1403, "", "").unwrap(), None);
    assert!(!request(&store).contains("بازگشت به نامه"));
}

#[test]
fn a_package_keeps_the_day_it_was_sent() {
    let (dir, mut store) = demo();
    let zip = dir.path().join("package-1403-draft.zip");
    package(&mut store, 1403, &zip, true).unwrap();
    let listed = dispatch::packages(store.conn(), 1403).unwrap();
    assert_eq!(listed.len(), 1);
    let (id, sent) = (listed[0].id, listed[0].sent_on.clone());
    assert_eq!((listed[0].file_name.as_str(), listed[0].draft, sent), ("package-1403-draft.zip", true, None));
    let report = daftar::accounts::package::verify(&zip, None).unwrap();
    assert_eq!(listed[0].manifest_sha256, report.manifest_sha256);

    let today = day("1403/10/10");
    let err = dispatch::mark_sent(&mut store, id, "1403/10/11", today).unwrap_err();
    assert_eq!(err.code(), "accounts.package.sent_in_future");
    let err = dispatch::mark_sent(&mut store, id, "10/05", today).unwrap_err();
    assert_eq!(err.code(), "accounts.bad_date");
    let err = dispatch::mark_sent(&mut store, id + 5, "1403/10/05", today).unwrap_err();
    assert_eq!(err.code(), "accounts.package.not_found");
    dispatch::mark_sent(&mut store, id, "۱۴۰۳/۱۰/۰۵", today).unwrap();

    let path = store.path().to_path_buf();
    drop(store);
    let store = Store::open(&path, "کارشناس").unwrap();
    let kept = dispatch::packages(store.conn(), 1403).unwrap();
    assert_eq!(kept[0].sent_on.as_deref(), Some("۱۴۰۳/۱۰/۰۵"));
    let overview = daftar::accounts::view::accounts_overview(&store, 1403).unwrap();
    assert_eq!(overview.packages, kept);
}

#[test]
fn the_cli_plans_a_session_prints_its_letters_and_marks_a_package_sent() {
    let (dir, store) = demo();
    let file = store.path().to_path_buf();
    drop(store);
    let json = |args: &[&str]| {
        let (code, out, err) = common::cli(&file, &[&["--json", "--today", "1403/02/20"], args].concat());
        let parsed = serde_json::from_str::<serde_json::Value>(&out).unwrap_or_else(|_| serde_json::json!(err));
        (code, parsed, err)
    };
    let (code, b, _) = json(&[
        "briefing",
        "create",
        "--service",
        "accounts",
        "--date",
        "1403/02/11",
        "--time",
        "10:00",
        "--place",
        "سالن شهید رجایی",
    ]);
    assert_eq!(code, 0, "{b}");
    let id = b["id"].as_i64().unwrap().to_string();
    let (code, b, _) = json(&["briefing", "invite", &id, "202", "501"]);
    assert_eq!((code, b["invitees"].as_array().unwrap().len()), (0, 2));
    let pdf = dir.path().join("invitations.pdf");
    let (code, made, _) = json(&["briefing", "letters", &id, "--out", pdf.to_str().unwrap()]);
    assert_eq!((code, made["pages"].as_u64()), (0, Some(2)));
    let (code, b, _) = json(&["briefing", "attendance", &id, "--present", "202=مریم احمدی", "--absent", "501"]);
    assert_eq!((code, b["invitees"][0]["attendee"].as_str()), (0, Some("مریم احمدی")));
    let (code, list, _) = json(&["briefing", "list", "--service", "accounts", "--year", "1403"]);
    assert_eq!((code, list.as_array().unwrap().len()), (0, 1));
    let (code, err, _) = json(&[
        "briefing",
        "create",
        "--service",
        "evaluation",
        "--date",
        "11/02/1403",
        "--time",
        "9:00",
        "--place",
        "x",
    ]);
    assert_eq!((code, err["error"]["code"].as_str()), (2, Some("briefing.bad_date")));

    let (code, letter, _) = json(&["accounts", "request-letter", "set", "--number", "77/1", "--date", "1403/01/15"]);
    assert_eq!((code, letter["number"].as_str()), (0, Some("77/1")));
    let zip = dir.path().join("p.zip");
    let (code, _, _) = json(&["accounts", "package", "--out", zip.to_str().unwrap(), "--draft"]);
    assert_eq!(code, 0);
    let (code, list, _) = json(&["accounts", "package", "list"]);
    assert_eq!((code, list[0]["sent_on"].is_null()), (0, true));
    let pid = list[0]["id"].as_i64().unwrap().to_string();
    let (code, sent, _) = json(&["accounts", "package", "mark-sent", &pid, "--date", "1403/02/01"]);
    assert_eq!((code, sent["sent_on"].as_str()), (0, Some("۱۴۰۳/۰۲/۰۱")));
}
