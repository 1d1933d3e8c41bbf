//! Reports, timed on the fixture year, council-approved: the results booklet (about 80
//! pages), one certificate, the ranking as a workbook. Prints figures; `make bench` runs it.
//! Targets on the 2-core machine: booklet < 3 s and < 4 MB; a certificate < 50 ms; the
//! ranking workbook < 200 ms.

use daftar::evaluation::simulate::{play_year, Until};
use daftar::fa::JalaliDate;
use daftar::reports::{self, ReportFormat, ReportRequest};
use daftar::store::{NewProvince, Store};
use std::path::Path;

mod common;
use common::timed;

fn request(kind: &str, agency: Option<&str>, format: ReportFormat) -> ReportRequest {
    ReportRequest { kind: kind.into(), year: 1403, agency: agency.map(Into::into), format }
}

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let dir = tempfile::tempdir().unwrap();
    let setup = NewProvince {
        province: "لرستان".into(),
        office: "سازمان مدیریت و برنامه‌ریزی استان لرستان".into(),
        working_year: 1403,
    };
    let mut store = Store::create(&dir.path().join("bench.daftar"), &setup, "سنجش").unwrap();
    daftar::agencies::import_xlsx(&mut store, &fixtures.join("agencies.xlsx")).unwrap();
    play_year(
        &mut store,
        &fixtures,
        1403,
        JalaliDate::parse("1404/01/15").unwrap(),
        Until::Festival,
        &dir.path().join("work"),
    )
    .unwrap();

    let (booklet, made) = timed(3, || reports::make(&store, &request("booklet", None, ReportFormat::Pdf)).unwrap());
    println!(
        "results booklet of {} agencies: {:.2} s, {} pages, {:.2} MB (targets < 3 s, < 4 MB)",
        daftar::evaluation::approval::approved_results(store.conn(), 1403).unwrap().unwrap().len(),
        booklet.as_secs_f64(),
        made.pages,
        made.pdf.len() as f64 / 1024.0 / 1024.0
    );

    let winner = daftar::evaluation::festival::festival(store.conn(), 1403).unwrap().growth[0].agency.code.clone();
    let (one, made) =
        timed(11, || reports::make(&store, &request("certificates", Some(&winner), ReportFormat::Pdf)).unwrap());
    println!("one certificate: {:.2} ms, {} KB (target < 50 ms)", one.as_secs_f64() * 1000.0, made.pdf.len() / 1024);

    let (ranking, bytes) = timed(11, || {
        let made = reports::make(&store, &request("ranking", None, ReportFormat::Xlsx)).unwrap();
        made.workbook("رتبه‌بندی").unwrap()
    });
    println!(
        "ranking workbook (61 agencies): {:.2} ms, {} KB (target < 200 ms)",
        ranking.as_secs_f64() * 1000.0,
        bytes.len() / 1024
    );
}
