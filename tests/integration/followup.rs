//! Follow-up (issue 14 item 2) on the fixtures: the board of late agencies for both services as
//! of a given day (late or not, days late, the last letter), the reminder letters numbered and
//! registered and read back with poppler, a preview that takes no number, and refusals.

use crate::common;
use crate::register::{has, pdf_pages, pdf_text, prints_number};
use daftar::accounts::{self, review};
use daftar::fa::JalaliDate;
use daftar::followup::{self, Board, Cause, FollowupError};
use daftar::register::{self, Numbering, RegisterFilter};
use daftar::store::Store;
use daftar::Problem;
use std::path::Path;

fn d(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

fn end_of(store: &Store, code: &str) -> JalaliDate {
    let phases = daftar::evaluation::phases::phases(store.conn(), 1403, JalaliDate::today()).unwrap();
    d(&phases.into_iter().find(|p| p.code == code).unwrap().ends_on)
}

fn deadline(store: &Store) -> JalaliDate {
    d(review::dashboard(store, 1403).unwrap().deadline.as_deref().unwrap())
}

fn rows_of(board: &Board, cause: Cause) -> Vec<&followup::LateRow> {
    board.rows.iter().filter(|r| r.cause == cause).collect()
}

#[test]
fn the_demo_board_today_has_late_agencies_on_both_services() {
    let (_dir, store) = common::demo_copy();
    let today = JalaliDate::today();
    let board = followup::board(&store, 1403, today).unwrap();

    // Regional accounts: every workbook came back, but the findings are unanswered a month past the deadline.
    let findings = rows_of(&board, Cause::Findings);
    assert!(!findings.is_empty(), "{board:#?}");
    assert!(rows_of(&board, Cause::NoWorkbook).is_empty());
    for r in &findings {
        assert_eq!((r.service.as_str(), r.days_late, r.agency_owes), ("accounts", 30, true));
        assert!(r.reason.contains("خطای اصلاح‌نشده") || r.reason.contains("هشدار بی‌توضیح"), "{}", r.reason);
    }
    // Evaluation: the lead agency that never replied, late since the headquarters' phase ended.
    let leads = rows_of(&board, Cause::LeadReply);
    assert_eq!(leads.len(), 1, "{board:#?}");
    assert_eq!(leads[0].days_late, end_of(&store, "hq_confirmation").days_until(today));
    assert!(leads[0].reason.contains("دستگاه سنجش"));
    // Three agencies left indicators of their self-assessment unscored; the objections are
    // still within re-scoring: not late.
    let partial = rows_of(&board, Cause::SelfAssessment);
    assert_eq!(partial.iter().map(|r| r.agency_code.as_str()).collect::<Vec<_>>(), ["102", "309", "510"]);
    for r in &partial {
        assert_eq!(r.days_late, end_of(&store, "self_assessment").days_until(today));
        assert!(r.reason.starts_with("خودارزیابی ناقص است"), "{}", r.reason);
    }
    assert!(rows_of(&board, Cause::ObjectionDecision).is_empty());
    assert!(board.remind.enabled);
    let mut owing: Vec<&str> = board.rows.iter().map(|r| r.agency_code.as_str()).collect();
    owing.sort();
    owing.dedup();
    assert_eq!(board.late_agencies.len(), owing.len(), "each late agency once (405 is late on both services)");
    // Longest late first; every row's last letter is the newest the register sent it (none yet).
    assert!(board.rows.windows(2).all(|w| w[0].days_late >= w[1].days_late));
    assert!(board.rows.iter().all(|r| r.last_letter.is_none()));
}

#[test]
fn nobody_is_late_before_the_ends_and_objections_are_the_office_s_after_rescoring() {
    let (_dir, store) = common::demo_copy();
    // The last day of self-assessment: before the accounts' deadline and the headquarters' phase.
    let self_end = end_of(&store, "self_assessment");
    assert!(self_end < deadline(&store));
    let on_time = followup::board(&store, 1403, self_end).unwrap();
    assert!(rows_of(&on_time, Cause::SelfAssessment).is_empty(), "late only after the phase's last day");
    let day_after = followup::board(&store, 1403, self_end.add_days(1)).unwrap();
    assert!(rows_of(&day_after, Cause::SelfAssessment).iter().all(|r| r.days_late == 1));
    assert!(rows_of(&day_after, Cause::Findings).is_empty(), "the deadline is still ahead");
    assert!(on_time.rows.is_empty() && !on_time.remind.enabled);
    let refusal = on_time.remind.blocker.clone().unwrap();
    assert!(refusal.contains("هیچ دستگاهی تأخیر ندارد"), "{refusal}");

    // After re-scoring, the undecided objections are late, owed by the evaluators: listed, not reminded.
    let after = end_of(&store, "rescoring").add_days(3);
    let board = followup::board(&store, 1403, after).unwrap();
    let pending = rows_of(&board, Cause::ObjectionDecision);
    assert!(!pending.is_empty());
    for r in pending {
        assert_eq!((r.days_late, r.agency_owes), (3, false));
        assert!(r.reason.contains("ارزیابان"));
        let owes_otherwise = board.rows.iter().any(|o| o.agency_code == r.agency_code && o.agency_owes);
        assert_eq!(board.late_agencies.contains(&r.agency_code), owes_otherwise);
    }
}

#[test]
fn an_agency_without_its_workbook_by_the_deadline_is_late() {
    let (dir, mut store) = common::demo_store();
    let fx = common::fixtures();
    accounts::import_template(&mut store, &fx.join("accounts/template-1403.xlsx")).unwrap();
    let returned = daftar::demo::agency_replies(&mut store, 1403, &fx, &dir.path().join("work")).unwrap();
    review::set_deadline(&mut store, 1403, d("1404/03/31")).unwrap();
    let first = accounts::import_workbooks(&mut store, 1403, &returned[..1], None, &mut |_, _, _| {}).unwrap();
    let back = first[0].agency_code.clone().unwrap();

    let board = followup::board(&store, 1403, d("1404/04/10")).unwrap();
    let missing = rows_of(&board, Cause::NoWorkbook);
    assert_eq!(missing.len(), returned.len() - 1, "all but the one returned");
    assert!(missing.iter().all(|r| r.agency_code != back && r.days_late == 10 && r.due == "۱۴۰۴/۰۳/۳۱"));
    assert!(missing[0].reason.contains("بازنگشته"));
    assert!(followup::board(&store, 1403, d("1404/03/31")).unwrap().rows.is_empty());
    // A year with neither service is refused.
    let none = followup::board(&store, 1390, d("1404/04/10")).unwrap_err();
    assert_eq!(none.code(), "followup.no_year");
}

#[test]
fn reminders_are_numbered_registered_and_one_agency_a_page() {
    let (dir, mut store) = common::demo_copy();
    let today = JalaliDate::today();
    let board = followup::board(&store, 1403, today).unwrap();
    let out = dir.path().join("reminders").join(followup::suggested_file_name(1403, today));
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let result = followup::remind(&mut store, 1403, &[], today, &out, false).unwrap();
    assert!(!result.draft);
    assert_eq!(result.agencies, board.late_agencies);
    assert_eq!(result.saved.numbers.len(), board.late_agencies.len());
    assert_eq!(pdf_pages(&out), board.late_agencies.len());

    // Each page: its agency's name, its own number, what it owes and the days late.
    for (i, code) in result.agencies.iter().enumerate() {
        let text = pdf_text(&out, Some((i + 1, i + 1)));
        let mine: Vec<_> = board.rows.iter().filter(|r| &r.agency_code == code).collect();
        assert!(has(&text, &mine[0].agency_name), "page {}: {text}", i + 1);
        assert!(prints_number(&text, &result.saved.numbers[i]), "page {}: {text}", i + 1);
        assert!(text.contains("یادآوری"));
        for other in result.agencies.iter().filter(|c| *c != code) {
            let name = &board.rows.iter().find(|r| &r.agency_code == other).unwrap().agency_name;
            assert!(!has(&text, &format!("محترم {name}")), "one agency a page");
        }
    }

    // Registered as reminders, each under its agency, with the PDF's digest.
    let entries = register::list(store.conn(), &RegisterFilter::default()).unwrap();
    let reminders: Vec<_> = entries.iter().filter(|e| e.kind == "reminder").collect();
    assert_eq!(reminders.len(), result.agencies.len());
    let sha = daftar::issued::sha256_hex(&std::fs::read(&out).unwrap());
    for e in &reminders {
        assert_eq!((e.kind_label.as_str(), e.document_sha256.as_str()), ("نامهٔ یادآوری", sha.as_str()));
        assert!(result.saved.numbers.contains(e.number.as_ref().unwrap()));
    }
    let lead = rows_of(&board, Cause::LeadReply)[0].agency_code.clone();
    let lead_entry = reminders.iter().find(|e| e.agency_code == lead).unwrap();
    assert_eq!(lead_entry.service, "evaluation");

    // The agencies with findings got their feedback workbook beside the PDF; the lead did not.
    let with_findings: Vec<&str> = rows_of(&board, Cause::Findings).iter().map(|r| r.agency_code.as_str()).collect();
    assert_eq!(result.feedback.len(), with_findings.len());
    for w in &result.feedback {
        assert!(with_findings.contains(&w.agency_code.as_str()));
        assert_eq!(Path::new(&w.path).parent(), out.parent());
        assert!(Path::new(&w.path).exists());
    }

    // The board now names each reminder as the agency's last letter.
    let again = followup::board(&store, 1403, today).unwrap();
    for r in again.rows.iter().filter(|r| r.agency_owes) {
        let last = r.last_letter.as_ref().unwrap();
        assert_eq!(last.kind_label, "نامهٔ یادآوری");
        assert_eq!(last.date, today.to_string());
    }
}

#[test]
fn a_preview_takes_no_number_and_a_chosen_agency_gets_only_its_page() {
    let (dir, mut store) = common::demo_copy();
    let today = JalaliDate::today();
    let board = followup::board(&store, 1403, today).unwrap();
    let chosen = vec![board.late_agencies[0].clone()];
    let made = followup::reminder_letters(&store, 1403, &chosen, today, &Numbering::preview()).unwrap();
    assert_eq!(made.pages, 1);
    let draft = dir.path().join("draft.pdf");
    std::fs::write(&draft, &made.pdf).unwrap();
    assert!(!pdf_text(&draft, None).contains("شماره:"), "a draft prints no number");
    let result = followup::remind(&mut store, 1403, &chosen, today, &dir.path().join("d.pdf"), true).unwrap();
    assert!(result.draft && result.saved.numbers.is_empty() && result.feedback.is_empty());
    assert!(register::list(store.conn(), &RegisterFilter::default()).unwrap().iter().all(|e| e.kind != "reminder"));

    // Chosen and final: one page, one number.
    let one = followup::remind(&mut store, 1403, &chosen, today, &dir.path().join("one.pdf"), false).unwrap();
    assert_eq!((one.saved.pages, one.saved.numbers.len()), (Some(1), 1));
}

#[test]
fn reminders_are_refused_for_unknown_agencies_agencies_on_time_and_days_nobody_is_late() {
    let (dir, mut store) = common::demo_copy();
    let today = JalaliDate::today();
    let out = dir.path().join("r.pdf");
    let refuse = |store: &mut Store, chosen: &[&str], day: JalaliDate| -> FollowupError {
        let chosen: Vec<String> = chosen.iter().map(|c| c.to_string()).collect();
        followup::remind(store, 1403, &chosen, day, &out, false).unwrap_err()
    };
    let unknown = refuse(&mut store, &["999"], today);
    assert_eq!(unknown.code(), "followup.unknown_agency");
    assert!(unknown.to_string().contains("«999»"));
    let board = followup::board(&store, 1403, today).unwrap();
    let on_time = daftar::agencies::list(&store, "", false)
        .unwrap()
        .into_iter()
        .find(|a| !board.rows.iter().any(|r| r.agency_code == a.code))
        .unwrap();
    let not_late = refuse(&mut store, &[&on_time.code], today);
    assert_eq!(not_late.code(), "followup.not_late");
    let quiet_day = end_of(&store, "self_assessment");
    let nobody = refuse(&mut store, &[], quiet_day);
    assert_eq!(nobody.code(), "followup.nobody_late");
    assert!(nobody.to_string().contains("هیچ دستگاهی تأخیر ندارد"), "{nobody}");
    assert!(!out.exists(), "nothing written when refused");
    assert!(register::list(store.conn(), &RegisterFilter::default()).unwrap().iter().all(|e| e.kind != "reminder"));
}

#[test]
fn the_cli_shows_the_board_and_writes_the_reminders() {
    let (dir, store) = common::demo_copy();
    let file = store.path().to_path_buf();
    drop(store);
    let (code, stdout, stderr) = common::cli(&file, &["followup", "board", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let board: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let late = board["late_agencies"].as_array().unwrap().len();
    assert!(late > 0);
    let out = dir.path().join("out");
    let (code, stdout, stderr) = common::cli(&file, &["followup", "remind", "--out", out.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let result: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(result["saved"]["numbers"].as_array().unwrap().len(), late);
    let (code, _, stderr) = common::cli(&file, &["followup", "remind", "--agency", "999", "--out", "x"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("999"), "{stderr}");
}
