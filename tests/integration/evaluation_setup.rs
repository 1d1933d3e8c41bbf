//! Setting up a year's evaluation: the schedule, reopening, committees, settings and the
//! imports previewed before they are stored, through the core and through the CLI.

use crate::common;
use daftar::evaluation::committees::{self, Committee, MemberInput, Role};
use daftar::evaluation::{approval, create_year, phases, settings_of, update_settings};
use daftar::fa::JalaliDate;
use daftar::store::Store;
use daftar::Problem;
use std::process::Command;

fn d(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

/// A province with agencies and a 1404 evaluation laid out from 1404/01/15.
fn year_1404() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::demo_store();
    create_year(&mut store, 1404, d("1404/01/15"), None).unwrap();
    (dir, store)
}

fn phase(store: &Store, code: &str, today: JalaliDate) -> phases::Phase {
    phases::phases(store.conn(), 1404, today).unwrap().into_iter().find(|p| p.code == code).unwrap()
}

#[test]
fn the_schedule_refuses_overlaps_and_can_shift_the_later_phases() {
    let (_dir, mut store) = year_1404();
    let today = d("1404/01/15");
    let briefing = phase(&store, "briefing", today);
    let committees_phase = phase(&store, "committees", today);
    let ends = d(&committees_phase.starts_on).add_days(2);
    // Lengthening «briefing» into «committees» is refused and nothing changes.
    let e = phases::set_dates(&mut store, 1404, "briefing", d(&briefing.starts_on), ends, false).unwrap_err();
    assert_eq!(e.code(), "evaluation.phases_overlap");
    assert!(e.to_string().contains("توجیه مدیران") && e.to_string().contains("تشکیل دبیرخانه"), "{e}");
    assert_eq!(phase(&store, "briefing", today), briefing);
    // Moving the later phases along with it is accepted: each keeps its length.
    phases::set_dates(&mut store, 1404, "briefing", d(&briefing.starts_on), ends, true).unwrap();
    let moved = phase(&store, "committees", today);
    assert_eq!(d(&moved.starts_on), d(&committees_phase.starts_on).add_days(3));
    assert_eq!(d(&moved.ends_on), d(&committees_phase.ends_on).add_days(3));
    let last = phase(&store, "publication", today);
    assert_eq!(d(&last.starts_on).days_until(d(&last.ends_on)), 20, "publication keeps its 21 days");
    // An end before the start is refused with its own sentence.
    let e = phases::set_dates(&mut store, 1404, "circular", d("1404/01/20"), d("1404/01/16"), false).unwrap_err();
    assert_eq!(e.code(), "evaluation.ends_before_start");
}

#[test]
fn reopening_is_offered_only_for_a_phase_that_has_ended() {
    let (_dir, mut store) = year_1404();
    let circular = phase(&store, "circular", d("1404/01/15"));
    let today = d(&circular.ends_on).add_days(1);
    let ended = phase(&store, "circular", today);
    assert!(ended.past && ended.reopen.visible && ended.reopen.enabled);
    let current = phase(&store, "specific_approval", today);
    assert!(current.current && !current.reopen.visible);
    let future = phase(&store, "festival", today);
    assert!(!future.past && !future.reopen.visible);
    // The CLI's refusal for a phase that has not ended says why.
    let e = phases::reopen(&mut store, 1404, "festival", "زودتر", today, today).unwrap_err();
    assert_eq!(e.code(), "evaluation.phase_not_ended");
    phases::reopen(&mut store, 1404, "circular", "نامهٔ دیرهنگام", today, today).unwrap();
    let reopened = phase(&store, "circular", today);
    assert!(reopened.open && !reopened.reopen.visible, "a reopened phase is open; nothing to offer");
    let e = phases::reopen(&mut store, 1404, "circular", "دوباره", today, today).unwrap_err();
    assert_eq!(e.code(), "evaluation.phase_still_reopened");
}

#[test]
fn committee_members_are_added_corrected_and_removed_in_their_phase() {
    let (_dir, mut store) = year_1404();
    let today = d(&phase(&store, "committees", d("1404/01/15")).starts_on);
    let mut input = MemberInput {
        committee: Committee::Steering,
        name: "علي رضايي".into(),
        position: "معاون".into(),
        role: Role::Chair,
        letter_date: "۱۴۰۴/۰۲/۱۰".into(),
        letter_number: "۱۲۳".into(),
    };
    let added = committees::add_member(&mut store, 1404, &input, today).unwrap();
    assert_eq!((added.name.as_str(), added.letter_number.as_str()), ("علی رضایی", "123"));
    input.role = Role::Secretary;
    input.committee = Committee::Secretariat;
    let edited = committees::edit_member(&mut store, 1404, added.id, &input, today).unwrap();
    assert_eq!((edited.id, edited.role, edited.committee), (added.id, Role::Secretary, Committee::Secretariat));
    let e = committees::edit_member(&mut store, 1404, 999, &input, today).unwrap_err();
    assert_eq!(e.code(), "evaluation.committee.unknown_member");
    // Outside the phase every change is refused with the phase's sentence.
    let later = d(&phase(&store, "festival", today).starts_on);
    let e = committees::edit_member(&mut store, 1404, added.id, &input, later).unwrap_err();
    assert_eq!(e.code(), "evaluation.phase_closed");
    committees::remove_member(&mut store, 1404, added.id, "نام اشتباه", today).unwrap();
    assert!(committees::members(store.conn(), 1404).unwrap().is_empty());
}

#[test]
fn a_new_year_starts_its_committees_with_last_years_members() {
    let (_dir, mut store) = year_1404();
    let today_1404 = d(&phase(&store, "committees", d("1404/01/15")).starts_on);
    let member = MemberInput {
        committee: Committee::Steering,
        name: "بهرام دلفانی".into(),
        position: "رئیس سازمان".into(),
        role: Role::Chair,
        letter_date: "۱۴۰۴/۰۲/۱۰".into(),
        letter_number: "۱۲۳".into(),
    };
    // Nothing earlier to reuse: the action is blocked with the refusal's sentence.
    let none = committees::reuse_allowed(store.conn(), 1404, today_1404).unwrap_err();
    assert_eq!(none.code(), "evaluation.committee.no_earlier_members");
    committees::add_member(&mut store, 1404, &member, today_1404).unwrap();

    create_year(&mut store, 1405, d("1405/01/15"), None).unwrap();
    let today = phases::phases(store.conn(), 1405, today_1404)
        .unwrap()
        .into_iter()
        .find(|p| p.code == "committees")
        .map(|p| d(&p.starts_on))
        .unwrap();
    let view = daftar::evaluation::view::overview(store.conn(), 1405, today).unwrap();
    assert!(view.actions.reuse_committee.enabled, "{:?}", view.actions.reuse_committee);
    let reused = committees::reuse_members(&mut store, 1405, today).unwrap();
    assert_eq!(reused.len(), 1);
    assert_eq!(
        (reused[0].name.as_str(), reused[0].role, reused[0].letter_number.as_str()),
        ("بهرام دلفانی", Role::Chair, "")
    );
    assert_eq!(reused[0].letter_date, today.to_string(), "a new letter, dated the day of reuse");
    // Once the year has members it is not reused again: the same sentence as the action's.
    let again = committees::reuse_members(&mut store, 1405, today).unwrap_err();
    assert_eq!(again.code(), "evaluation.committee.members_present");
    let blocked = daftar::evaluation::view::overview(store.conn(), 1405, today).unwrap().actions.reuse_committee;
    assert_eq!(blocked.blocker, Some(again.to_string()));
}

#[test]
fn settings_that_cannot_work_are_refused_and_the_old_ones_stay() {
    let (_dir, mut store) = year_1404();
    let before = settings_of(store.conn(), 1404).unwrap();
    let mut bad = before.clone();
    bad.tiers[1].name = bad.tiers[0].name.clone();
    let e = update_settings(&mut store, 1404, &bad).unwrap_err();
    assert_eq!(e.code(), "evaluation.bad_settings");
    assert_eq!(settings_of(store.conn(), 1404).unwrap(), before);
}

#[test]
fn past_results_are_previewed_without_being_stored() {
    let (_dir, mut store) = year_1404();
    let file = common::fixtures().join("evaluation/results-1402.xlsx");
    let count = |store: &Store| -> i64 {
        store.conn().query_row("SELECT count(*) FROM ev_past_result WHERE year = 1403", [], |r| r.get(0)).unwrap()
    };
    let preview = approval::read_past_results(store.conn(), 1403, &file).unwrap();
    assert!(!preview.rows.is_empty());
    assert_eq!((preview.year, preview.replaces, count(&store)), (1403, 0, 0), "the preview wrote nothing");
    let stored = approval::import_past_results(&mut store, 1403, &file).unwrap();
    assert_eq!(stored as usize, preview.rows.len());
    assert_eq!(count(&store), stored as i64);
    let again = approval::read_past_results(store.conn(), 1403, &file).unwrap();
    assert_eq!(again.replaces, stored, "a second import says what it replaces");
    // The national tiering belongs to its phase, previews included.
    let e = approval::read_national(store.conn(), 1404, &file, d("1404/01/15")).unwrap_err();
    assert_eq!(e.code(), "evaluation.phase_closed");
}

fn cli(file: &std::path::Path, today: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_daftar"))
        .arg("--file")
        .arg(file)
        .arg("--today")
        .arg(today)
        .arg("--json")
        .args(args)
        .env("USER", "ارزیاب")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn the_cli_sets_up_a_year_as_the_app_does() {
    let (dir, store) = common::demo_store();
    let file = store.path().to_path_buf();
    drop(store);
    let _keep = dir;
    let day = "1404/01/15";
    let ok = |args: &[&str]| -> serde_json::Value {
        let (code, out) = cli(&file, day, args);
        assert_eq!(code, 0, "{args:?}: {out}");
        serde_json::from_str(&out).unwrap()
    };
    ok(&["eval", "init", "--year", "1404", "--start", day]);
    let defaults = ok(&["eval", "settings", "--year", "1404", "--defaults"]);
    assert_eq!(defaults["objection_window_days"], 7);
    // Phase dates that overlap the next phase are refused; with --shift-following they move it.
    let (code, out) =
        cli(&file, day, &["eval", "phase-dates", "circular", "--start", day, "--end", "1404/01/30", "--year", "1404"]);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("evaluation.phases_overlap"), "{out}");
    ok(&[
        "eval",
        "phase-dates",
        "circular",
        "--start",
        day,
        "--end",
        "1404/01/30",
        "--shift-following",
        "--year",
        "1404",
    ]);
    let phases = ok(&["eval", "phases", "--year", "1404"]);
    let committees = phases.as_array().unwrap().iter().find(|p| p["code"] == "committees").unwrap();
    let start = committees["starts_on"].as_str().unwrap().to_string();
    let (code, out) = cli(
        &file,
        &start,
        &[
            "eval",
            "committee-add",
            "--committee",
            "steering",
            "--name",
            "مریم احمدی",
            "--letter-date",
            &start,
            "--year",
            "1404",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let member: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = member["id"].as_i64().unwrap().to_string();
    let (code, out) = cli(
        &file,
        &start,
        &[
            "eval",
            "committee-edit",
            &id,
            "--committee",
            "secretariat",
            "--name",
            "مریم احمدی",
            "--role",
            "chair",
            "--letter-date",
            &start,
            "--year",
            "1404",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\"chair\""), "{out}");
    let results = common::fixtures().join("evaluation/results-1402.xlsx");
    let preview = ok(&["eval", "past-results", results.to_str().unwrap(), "--year", "1403", "--preview"]);
    assert_eq!(preview["replaces"], 0);
    let again = ok(&["eval", "past-results", results.to_str().unwrap(), "--year", "1403", "--preview"]);
    assert_eq!(again["replaces"], 0, "a preview stores nothing");
    ok(&["eval", "nominations", "--year", "1404"]);
}
