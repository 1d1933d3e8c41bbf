//! Batches and the register (issue 14), timed on this 2-core machine; `make bench` runs it.
//! Goals: request letters for 60 agencies in one PDF < 2 s; all 61 scorecards in one PDF < 3 s;
//! the register's list of 5,000 letters filtered as the app filters it < 100 ms.
//! The data is built here: the demo province with the year's items spread over 60 agencies,
//! the fixture year played to the festival, and 5,000 numbered letters.

use daftar::evaluation::simulate::{play_year, Until};
use daftar::fa::JalaliDate;
use daftar::register::{self, IssuedDocument, Numbering, RegisterFilter};
use daftar::reports::{self, BatchOutput, BatchRequest, ReportFormat};
use daftar::store::{NewProvince, Store};
use std::path::Path;

mod common;
use common::timed;

fn all_agencies(kind: &str, year: i32) -> BatchRequest {
    BatchRequest { kind: kind.into(), year, agencies: vec![], format: ReportFormat::Pdf, output: BatchOutput::File }
}

/// The demo province with the working year's items dealt out so that 60 agencies supply some.
fn sixty_suppliers(fixtures: &Path, dir: &Path) -> Store {
    let path = dir.join("demo.daftar");
    daftar::demo::build(&path, fixtures, false, "سنجش").unwrap();
    let mut store = Store::open(&path, "سنجش").unwrap();
    let year = store.province().unwrap().working_year;
    let items = daftar::accounts::template_of(&store, year).unwrap().items;
    let agencies: Vec<String> =
        daftar::agencies::list(&store, "", false).unwrap().into_iter().map(|a| a.code).take(60).collect();
    for (item, agency) in items.iter().zip(agencies.iter().cycle()) {
        // Items of an approved part are locked; the others are enough.
        let _ = daftar::accounts::assign::assign(&mut store, year, &item.code, agency, Some("سنجش"));
    }
    store
}

/// 5,000 numbered letters to the agencies in turn, in one transaction.
fn five_thousand_letters(store: &mut Store) {
    let codes: Vec<String> = daftar::agencies::list(store, "", false).unwrap().into_iter().map(|a| a.code).collect();
    let numbering = Numbering::begin(store.conn(), JalaliDate::today()).unwrap();
    for i in 0..5000 {
        numbering.stamp_for(&i.to_string(), &codes[i % codes.len()]);
    }
    let document = IssuedDocument {
        service: "accounts",
        kind: "request_letter",
        subject: "نامهٔ درخواست اقلام",
        document_name: "سنجش.pdf",
        pdf: b"%PDF",
    };
    store.write(|tx, actor| register::record_issued(tx, actor, &numbering, &document)).unwrap();
}

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let dir = tempfile::tempdir().unwrap();

    let mut store = sixty_suppliers(&fixtures, dir.path());
    let year = store.province().unwrap().working_year;
    let out = dir.path().join("letters.pdf");
    let (letters, saved) = timed(3, || {
        reports::save_batch(&mut store, &all_agencies("request_letter", year), &out, &mut |_| {}, &|| false).unwrap()
    });
    println!(
        "request letters for {} agencies in one PDF: {:.2} s, {} pages, {:.2} MB (goal < 2 s)",
        saved.parts.len(),
        letters.as_secs_f64(),
        saved.parts.last().and_then(|p| p.last_page).unwrap_or(0),
        saved.bytes as f64 / 1024.0 / 1024.0
    );

    five_thousand_letters(&mut store);
    let entries = register::list(store.conn(), &RegisterFilter::default()).unwrap().len();
    let filters = [
        RegisterFilter::default(),
        RegisterFilter { agency: None, query: "آب".into() },
        RegisterFilter { agency: Some("101".into()), query: String::new() },
        RegisterFilter { agency: None, query: "۱۴۰".into() },
    ];
    let slowest = filters.iter().map(|f| timed(11, || register::list(store.conn(), f).unwrap().len()).0).max().unwrap();
    println!(
        "the register's list of {entries} letters, filtered (all, a search, one agency, digits; the slowest): {:.1} ms (goal < 100 ms)",
        slowest.as_secs_f64() * 1000.0
    );

    let setup = NewProvince {
        province: "لرستان".into(),
        office: "سازمان مدیریت و برنامه‌ریزی استان لرستان".into(),
        working_year: 1403,
    };
    let mut played = Store::create(&dir.path().join("played.daftar"), &setup, "سنجش").unwrap();
    daftar::agencies::import_xlsx(&mut played, &fixtures.join("agencies.xlsx")).unwrap();
    let finished = JalaliDate::parse("1404/01/15").unwrap();
    play_year(&mut played, &fixtures, 1403, finished, Until::Festival, &dir.path().join("work")).unwrap();
    let out = dir.path().join("scorecards.pdf");
    let (scorecards, saved) = timed(3, || {
        reports::save_batch(&mut played, &all_agencies("scorecard", 1403), &out, &mut |_| {}, &|| false).unwrap()
    });
    println!(
        "all {} scorecards in one PDF: {:.2} s, {} pages, {:.2} MB (goal < 3 s)",
        saved.parts.len(),
        scorecards.as_secs_f64(),
        saved.parts.last().and_then(|p| p.last_page).unwrap_or(0),
        saved.bytes as f64 / 1024.0 / 1024.0
    );
}
