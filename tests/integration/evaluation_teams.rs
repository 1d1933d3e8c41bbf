//! Evaluator teams (seed step 13): assignment rules, each team's evaluator workbooks, their
//! intake, and the progress the overview shows, through the core and the CLI.

use crate::common;
use daftar::evaluation::committees::{self, Committee, MemberInput, Role};
use daftar::evaluation::reply::{read_tsv, typed_for, write_reply};
use daftar::evaluation::teams::{self, TeamInput, TeamMemberInput};
use daftar::evaluation::workbook::Purpose;
use daftar::evaluation::{catalog, create_year, intake, phases, view};
use daftar::fa::JalaliDate;
use daftar::issued::IntakeStatus;
use daftar::store::Store;
use daftar::Problem;
use std::path::{Path, PathBuf};

const YEAR: i32 = 1403;

fn d(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

/// The first day of a phase of the year laid out from 1404/01/15.
fn day(store: &Store, code: &str) -> JalaliDate {
    let phase = phases::phases(store.conn(), YEAR, d("1404/01/15")).unwrap().into_iter().find(|p| p.code == code);
    d(&phase.unwrap().starts_on)
}

/// The demo agencies, the 1403 catalog and one steering committee member; nothing scored.
/// Evaluators do not wait for the headquarters here (seed step 9 is evaluation_hq's concern).
fn year_with_catalog() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::demo_store();
    let settings = daftar::evaluation::EvalSettings { evaluator_waits_for_hq: false, ..Default::default() };
    create_year(&mut store, YEAR, d("1404/01/15"), Some(settings)).unwrap();
    let circular = day(&store, "circular");
    catalog::import_catalog(&mut store, YEAR, &common::fixtures().join("evaluation/catalog-1403.xlsx"), circular)
        .unwrap();
    let member = MemberInput {
        committee: Committee::Steering,
        name: "فریبا حیدری".into(),
        position: "معاون برنامه‌ریزی".into(),
        role: Role::Member,
        letter_date: "1404/02/01".into(),
        letter_number: "".into(),
    };
    let committees_day = day(&store, "committees");
    committees::add_member(&mut store, YEAR, &member, committees_day).unwrap();
    (dir, store)
}

fn input(name: &str, members: &[(Option<i64>, &str)]) -> TeamInput {
    TeamInput {
        name: name.into(),
        members: members
            .iter()
            .map(|(id, name)| TeamMemberInput { committee_member_id: *id, name: name.to_string() })
            .collect(),
    }
}

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|c| c.to_string()).collect()
}

fn agencies_of(store: &Store, id: i64) -> Vec<String> {
    let team = teams::teams(store.conn(), YEAR).unwrap().into_iter().find(|t| t.id == id).unwrap();
    team.agencies.into_iter().map(|a| a.code).collect()
}

#[test]
fn an_agency_is_in_one_team_at_most_and_a_team_with_agencies_is_not_deleted() {
    let (_dir, mut store) = year_with_catalog();
    let member_id = committees::members(store.conn(), YEAR).unwrap()[0].id;
    let a =
        teams::create_team(&mut store, YEAR, &input("تیم الف", &[(Some(member_id), ""), (None, "علي رضايي")])).unwrap();
    let names: Vec<&str> = a.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["فریبا حیدری", "علی رضایی"], "a committee member's name, a free name normalized");
    assert_eq!(a.members[0].committee_member_id, Some(member_id));
    let b = teams::create_team(&mut store, YEAR, &input("تیم ب", &[(None, "سارا کریمی")])).unwrap();
    let e = teams::create_team(&mut store, YEAR, &input("تيم الف", &[])).unwrap_err();
    assert_eq!(e.code(), "evaluation.team.exists", "the same name with Arabic letters");

    teams::assign(&mut store, YEAR, a.id, &codes(&["101", "۱۰۲"])).unwrap();
    // 102 is team A's: the whole assignment to B is refused, naming it and its team.
    let e = teams::assign(&mut store, YEAR, b.id, &codes(&["103", "102"])).unwrap_err();
    assert_eq!(e.code(), "evaluation.team.agencies_in_another_team");
    assert!(e.details().iter().any(|l| l.contains("(102)") && l.contains("تیم الف")), "{:?}", e.details());
    assert!(agencies_of(&store, b.id).is_empty(), "nothing assigned");
    // Assigning again to the same team changes nothing; an unknown code is refused.
    teams::assign(&mut store, YEAR, a.id, &codes(&["101"])).unwrap();
    assert_eq!(agencies_of(&store, a.id), ["101", "102"]);
    let e = teams::assign(&mut store, YEAR, b.id, &codes(&["999"])).unwrap_err();
    assert_eq!(e.code(), "evaluation.unknown_agency");
    // Raw SQL cannot put an agency in two teams either.
    let twice = store.conn().execute(
        "INSERT INTO ev_team_agency (year, agency_id, team_id) SELECT year, agency_id, ?1 FROM ev_team_agency LIMIT 1",
        [b.id],
    );
    assert!(twice.is_err());

    // Deleting a team with agencies is refused (not confirmed away): unassign first.
    let e = teams::delete_team(&mut store, YEAR, a.id).unwrap_err();
    assert_eq!(e.code(), "evaluation.team.has_agencies");
    assert!(e.to_string().contains("۲ دستگاه"), "{e}");
    assert_eq!(teams::unassign(&mut store, YEAR, &codes(&["102", "103"])).unwrap(), 1, "103 was in no team");
    teams::assign(&mut store, YEAR, b.id, &codes(&["102"])).unwrap();
    teams::unassign(&mut store, YEAR, &codes(&["101"])).unwrap();
    teams::delete_team(&mut store, YEAR, a.id).unwrap();
    assert_eq!(teams::teams(store.conn(), YEAR).unwrap().len(), 1);
}

/// The team's workbooks filled from the fixture's evaluator table for `agencies`, returned.
fn filled(written: &[daftar::evaluation::workbook::EvalWorkbook], agencies: &[&str], work: &Path) -> Vec<PathBuf> {
    let rows = read_tsv(&common::fixtures().join("src/evaluation/evaluator-1403.tsv")).unwrap();
    written
        .iter()
        .filter(|w| agencies.contains(&w.agency_code.as_str()))
        .map(|w| {
            let path = work.join(format!("returned-{}.xlsx", w.agency_code));
            write_reply(Path::new(&w.path), &path, &typed_for(&rows, &w.agency_code)).unwrap();
            path
        })
        .collect()
}

#[test]
fn a_teams_workbooks_hold_its_agencies_and_come_back_only_while_they_are_its() {
    let (dir, mut store) = year_with_catalog();
    let a = teams::create_team(&mut store, YEAR, &input("تیم الف", &[(None, "علی رضایی")])).unwrap();
    let b = teams::create_team(&mut store, YEAR, &input("تیم ب", &[(None, "سارا کریمی")])).unwrap();
    // A team without agencies writes nothing (an empty filter would mean every agency).
    let e = teams::write_workbooks(&mut store, YEAR, a.id, &dir.path().join("none")).unwrap_err();
    assert_eq!(e.code(), "evaluation.team.without_agencies");
    teams::assign(&mut store, YEAR, a.id, &codes(&["101", "102"])).unwrap();
    teams::assign(&mut store, YEAR, b.id, &codes(&["201"])).unwrap();

    let out = dir.path().join("team-a");
    let written = teams::write_workbooks(&mut store, YEAR, a.id, &out).unwrap();
    let mut sent: Vec<&str> = written.iter().map(|w| w.agency_code.as_str()).collect();
    sent.sort();
    assert_eq!(sent, ["101", "102"], "exactly the team's agencies");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);

    // 101 moves to team B after its workbook was written: the workbook is refused, in Persian,
    // naming both teams; 102's, still team A's, comes in.
    teams::unassign(&mut store, YEAR, &codes(&["101"])).unwrap();
    teams::assign(&mut store, YEAR, b.id, &codes(&["101"])).unwrap();
    let returned = filled(&written, &["101", "102"], dir.path());
    let evaluation = day(&store, "evaluation");
    let results =
        intake::import_workbooks(&mut store, YEAR, Purpose::Evaluator, &returned, evaluation, &mut |_, _, _| {})
            .unwrap();
    let of = |code: &str| results.iter().find(|r| r.file_name.contains(code)).unwrap();
    assert_eq!(of("101").status, IntakeStatus::Refused);
    let refusal = of("101").refusal.clone().unwrap();
    assert_eq!(refusal.code, "evaluation.intake.workbook_of_another_team");
    assert!(
        refusal.message.contains("تیم «تیم الف»") && refusal.message.contains("تیم «تیم ب»"),
        "{}",
        refusal.message
    );
    assert_eq!(of("102").status, IntakeStatus::Imported);
    assert!(of("102").new_scores > 0);

    // Unassigned, it is still not team A's; back in team A, the same file comes in.
    teams::unassign(&mut store, YEAR, &codes(&["101"])).unwrap();
    let again =
        intake::import_workbooks(&mut store, YEAR, Purpose::Evaluator, &returned[..1], evaluation, &mut |_, _, _| {})
            .unwrap();
    assert!(again[0].refusal.as_ref().unwrap().message.contains("به هیچ تیمی سپرده نشده"), "{:?}", again[0].refusal);
    teams::assign(&mut store, YEAR, a.id, &codes(&["101"])).unwrap();
    let back =
        intake::import_workbooks(&mut store, YEAR, Purpose::Evaluator, &returned[..1], evaluation, &mut |_, _, _| {})
            .unwrap();
    assert_eq!(back[0].status, IntakeStatus::Imported, "{:?}", back[0].refusal);
}

#[test]
fn the_overview_shows_each_teams_progress_and_the_agencies_in_no_team() {
    let (dir, mut store) = year_with_catalog();
    let evaluation = day(&store, "evaluation");
    let before = view::overview(store.conn(), YEAR, evaluation).unwrap();
    assert!(before.teams.is_empty() && before.unassigned.is_empty(), "no teams, nobody is missing one");
    assert!(!before.todo.iter().any(|t| t.text.contains("تیم ارزیابی")));

    let a = teams::create_team(&mut store, YEAR, &input("تیم الف", &[(None, "علی رضایی")])).unwrap();
    teams::assign(&mut store, YEAR, a.id, &codes(&["101", "102"])).unwrap();
    let written = teams::write_workbooks(&mut store, YEAR, a.id, &dir.path().join("a")).unwrap();
    let returned = filled(&written, &["101"], dir.path());
    intake::import_workbooks(&mut store, YEAR, Purpose::Evaluator, &returned, evaluation, &mut |_, _, _| {}).unwrap();

    let o = view::overview(store.conn(), YEAR, evaluation).unwrap();
    let count = |code: &str| o.agencies.iter().find(|a| a.code == code).unwrap();
    let (a101, a102) = (count("101"), count("102"));
    assert!(a101.evaluator_scored > 0 && a102.evaluator_scored == 0);
    let progress = &o.teams[0];
    assert_eq!((progress.name.as_str(), progress.agencies), ("تیم الف", 2));
    assert_eq!(progress.indicators, a101.indicators + a102.indicators);
    assert_eq!(progress.scored, a101.evaluator_scored);
    assert_eq!(progress.members, ["علی رضایی"]);
    assert_eq!(o.unassigned.len(), o.agencies.len() - 2);
    let line = o.todo.iter().find(|t| t.text.contains("تیم ارزیابی")).expect("a to-do line for agencies in no team");
    assert!(line.text.starts_with(&daftar::fa::count(o.agencies.len() - 2)), "{}", line.text);
    assert_eq!(line.view, Some(view::EvalView::Setup));
}

#[test]
fn the_cli_manages_teams_and_prints_their_progress() {
    let (dir, store) = year_with_catalog();
    let file = store.path().to_path_buf();
    drop(store);
    let today = "--today=1404/06/01";
    let (code, out, err) =
        common::cli(&file, &["--json", today, "eval", "teams", "create", "تیم الف", "--member", "علی"]);
    assert_eq!(code, 0, "{err}");
    let id = serde_json::from_str::<serde_json::Value>(&out).unwrap()["id"].as_i64().unwrap().to_string();
    let (code, _, err) = common::cli(&file, &[today, "eval", "teams", "assign", &id, "101", "102"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = common::cli(&file, &[today, "eval", "teams", "create", "تیم ب"]);
    assert_eq!(code, 0);
    let (code, _, err) = common::cli(&file, &[today, "eval", "teams", "assign", "2", "102"]);
    assert_eq!(code, 2);
    assert!(err.contains("تیم دیگری") && err.contains("(102)"), "{err}");
    let (code, out, _) = common::cli(&file, &[today, "eval", "teams", "progress"]);
    assert_eq!(code, 0);
    assert!(out.contains("تیم الف\t۲ دستگاه\tامتیاز ارزیاب: ۰ از "), "{out}");
    let (code, _, err) = common::cli(&file, &[today, "eval", "teams", "delete", &id]);
    assert_eq!(code, 2);
    assert!(err.contains("هنوز ۲ دستگاه دارد"), "{err}");
    let work = dir.path().join("cli-workbooks");
    let (code, out, err) =
        common::cli(&file, &["--json", today, "eval", "teams", "workbooks", &id, "--out", work.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let written: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(written.len(), 2);
}
