//! Batches (issue 14 item 3) on the demo province: a document for every agency in one PDF (each
//! page range read back with poppler holds its agency and its register number), a folder of
//! files «کد - نام دستگاه.pdf», a group from the CLI, a cancelled batch that leaves nothing, an
//! agency whose document cannot be made, and the appointment letters' numbers (item 1).

use crate::common;
use crate::register::{pdf_pages, pdf_text, prints_number};
use daftar::register::{self, RegisterEntry, RegisterFilter};
use daftar::reports::{self, BatchOutput, BatchRequest, ReportError, ReportFormat, SavedBatch};
use daftar::store::Store;
use std::path::Path;

fn outgoing(store: &Store) -> Vec<RegisterEntry> {
    let all = register::list(store.conn(), &RegisterFilter::default()).unwrap();
    all.into_iter().filter(|e| e.direction == "out").collect()
}

fn batch(kind: &str, agencies: &[&str], output: BatchOutput) -> BatchRequest {
    BatchRequest {
        kind: kind.into(),
        year: 1403,
        agencies: agencies.iter().map(|a| a.to_string()).collect(),
        format: ReportFormat::Pdf,
        output,
    }
}

fn run(store: &mut Store, request: &BatchRequest, out: &Path) -> Result<SavedBatch, ReportError> {
    reports::save_batch(store, request, out, &mut |_| {}, &|| false)
}

/// The agencies a letter in `text` is addressed to («به: …» lines; poppler may put the colon's
/// space before it).
fn addressees(text: &str) -> Vec<String> {
    text.lines().filter_map(|l| l.trim().strip_prefix("به")?.trim_start().strip_prefix(':').map(bare)).collect()
}

/// A name without spaces and commas, which poppler moves around in right-to-left text.
fn bare(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace() && !matches!(c, '،' | ',')).collect()
}

#[test]
fn every_agency_in_one_pdf_each_page_range_holds_its_agency_and_its_number() {
    let (dir, mut store) = common::demo_copy();
    let listed = reports::catalog(&store).unwrap().documents.into_iter().find(|d| d.kind == "request_letter").unwrap();
    let path = dir.path().join("letters.pdf");
    let mut told = Vec::new();
    let saved = reports::save_batch(
        &mut store,
        &batch("request_letter", &[], BatchOutput::File),
        &path,
        &mut |p| told.push((p.done, p.total, p.agency_code.clone())),
        &|| false,
    )
    .unwrap();

    assert!(saved.failures.is_empty(), "{:?}", saved.failures);
    let codes: Vec<&str> = saved.parts.iter().map(|p| p.agency_code.as_str()).collect();
    assert_eq!(codes, listed.agencies.iter().map(|a| a.code.as_str()).collect::<Vec<_>>());
    assert_eq!(told.len(), listed.agencies.len(), "progress after each agency");
    assert_eq!(told.last().unwrap().0, told.last().unwrap().1);

    // The ranges follow one another and cover every page.
    let mut next = 1;
    for part in &saved.parts {
        assert_eq!(part.first_page, Some(next));
        next = part.last_page.unwrap() + 1;
    }
    let pages = pdf_pages(&path);
    assert_eq!(next as usize - 1, pages);

    // Each range: exactly its agency, and its own number printed.
    let entries = outgoing(&store);
    assert_eq!(entries.len(), saved.parts.len(), "one register entry per agency");
    let sha = daftar::issued::sha256_hex(&std::fs::read(&path).unwrap());
    for part in &saved.parts {
        let range = (part.first_page.unwrap() as usize, part.last_page.unwrap() as usize);
        let text = pdf_text(&path, Some(range));
        assert_eq!(addressees(&text), vec![bare(&part.agency_name)], "pages {range:?}");
        assert_eq!(part.numbers.len(), 1);
        assert!(prints_number(&text, &part.numbers[0]), "pages {range:?} print {}: {text}", part.numbers[0]);
        let entry = entries.iter().find(|e| e.number.as_ref() == Some(&part.numbers[0])).unwrap();
        assert_eq!(
            (entry.agency_code.as_str(), entry.document_name.as_str()),
            (part.agency_code.as_str(), "letters.pdf")
        );
        assert_eq!(entry.document_sha256, sha);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");
}

#[test]
fn a_folder_holds_one_file_per_agency_named_code_and_name() {
    let (dir, mut store) = common::demo_copy();
    let sheets =
        reports::catalog(&store).unwrap().documents.into_iter().find(|d| d.kind == "preliminary_sheet").unwrap();
    let group: Vec<&str> = sheets.agencies.iter().take(3).map(|a| a.code.as_str()).collect();
    let folder = dir.path().join("نتایج اولیه");
    let saved = run(&mut store, &batch("preliminary_sheet", &group, BatchOutput::Folder), &folder).unwrap();

    let mut names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut wanted: Vec<String> = sheets.agencies[..3].iter().map(|a| format!("{} - {}.pdf", a.code, a.name)).collect();
    wanted.sort();
    assert_eq!(names, wanted, "one file per agency, nothing else");
    assert_eq!(saved.parts.iter().map(|p| p.agency_code.as_str()).collect::<Vec<_>>(), group);
    for part in &saved.parts {
        let text = pdf_text(Path::new(&part.path), None);
        assert!(prints_number(&text, &part.numbers[0]), "{}: {text}", part.path);
        let entry = outgoing(&store).into_iter().find(|e| e.number.as_ref() == Some(&part.numbers[0])).unwrap();
        assert_eq!(entry.document_name, format!("{} - {}.pdf", part.agency_code, part.agency_name));
    }
}

/// The codes of the agencies a request letter can be made for (those supplying items).
fn request_letter_agencies(store: &daftar::store::Store) -> Vec<String> {
    let catalog = reports::catalog(store).unwrap();
    let letters = catalog.documents.into_iter().find(|d| d.kind == "request_letter").unwrap();
    letters.agencies.into_iter().map(|a| a.code).collect()
}

#[test]
fn a_group_from_the_cli_lists_files_ranges_and_numbers_as_json() {
    let (dir, store) = common::demo_copy();
    let file = store.path().to_path_buf();
    let codes = request_letter_agencies(&store);
    drop(store);
    let group = format!("{},{}", codes[2], codes[0]);
    let out = dir.path().join("group.pdf");
    let (code, stdout, stderr) = common::cli(
        &file,
        &["--json", "report", "make", "request_letter", "--agencies", &group, "--out", &out.to_string_lossy()],
    );
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let parts = json["parts"].as_array().unwrap();
    assert_eq!(
        parts.iter().map(|p| p["agency_code"].as_str().unwrap()).collect::<Vec<_>>(),
        vec![codes[2].as_str(), codes[0].as_str()],
        "the group's order"
    );
    assert_eq!(parts[0]["first_page"], 1);
    assert!(parts.iter().all(|p| p["numbers"].as_array().unwrap().len() == 1));

    // Repeated --agency is a group too; --split makes a folder; text output names each agency.
    let folder = dir.path().join("split");
    let (code, stdout, stderr) = common::cli(
        &file,
        &[
            "report",
            "make",
            "request_letter",
            "--agency",
            &codes[1],
            "--agency",
            &codes[3],
            "--split",
            "--out",
            &folder.to_string_lossy(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(&codes[1]) && stdout.contains(&codes[3]), "{stdout}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);

    // A code that is no agency is refused before anything is made.
    let (code, _, stderr) = common::cli(
        &file,
        &[
            "report",
            "make",
            "request_letter",
            "--agencies",
            "101,XYZ9",
            "--out",
            &dir.path().join("x.pdf").to_string_lossy(),
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("XYZ9"), "{stderr}");
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn a_cancelled_batch_leaves_no_file_and_no_number() {
    let (dir, mut store) = common::demo_copy();
    for output in [BatchOutput::File, BatchOutput::Folder] {
        let out = dir.path().join(if output == BatchOutput::File { "cancelled.pdf" } else { "cancelled" });
        let made = std::cell::Cell::new(0);
        let result = reports::save_batch(
            &mut store,
            &batch("request_letter", &[], output),
            &out,
            &mut |_| made.set(made.get() + 1),
            &|| made.get() >= 3,
        );
        assert!(matches!(result, Err(ReportError::BatchCancelled)), "{result:?}");
        assert_eq!(made.get(), 3, "stopped between agencies");
        assert!(!out.exists(), "nothing written");
        assert!(std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".partial")));
        assert!(outgoing(&store).is_empty(), "no number taken");
    }
    // Cancelled after the last agency, before writing: still nothing.
    let out = dir.path().join("late.pdf");
    let result =
        reports::save_batch(&mut store, &batch("request_letter", &[], BatchOutput::File), &out, &mut |_| {}, &{
            let asked = std::cell::Cell::new(0);
            move || {
                asked.set(asked.get() + 1);
                asked.get() > 29
            }
        });
    assert!(matches!(result, Err(ReportError::BatchCancelled)));
    assert!(!out.exists() && outgoing(&store).is_empty());
}

#[test]
fn an_agency_whose_document_cannot_be_made_is_reported_and_the_others_are_written() {
    let (dir, mut store) = common::demo_copy();
    let suppliers = request_letter_agencies(&store);
    let idle =
        daftar::agencies::list(&store, "", false).unwrap().into_iter().find(|a| !suppliers.contains(&a.code)).unwrap();
    let out = dir.path().join("some.pdf");
    let group = [suppliers[0].as_str(), idle.code.as_str(), suppliers[1].as_str()];
    let saved = run(&mut store, &batch("request_letter", &group, BatchOutput::File), &out).unwrap();

    assert_eq!(saved.parts.len(), 2);
    assert_eq!(saved.failures.len(), 1);
    let failure = &saved.failures[0];
    assert_eq!((failure.agency_code.as_str(), failure.agency_name.as_str()), (idle.code.as_str(), idle.name.as_str()));
    assert!(failure.reason.contains("قلم"), "the document's own Persian reason: {}", failure.reason);
    // The failed agency took no number: the next agency's follows the first's.
    let seqs: Vec<String> = saved.parts.iter().map(|p| p.numbers[0].clone()).collect();
    let year = daftar::fa::JalaliDate::today().year;
    assert_eq!(seqs, vec![format!("{year}/1/ص"), format!("{year}/2/ص")]);
    assert_eq!(outgoing(&store).len(), 2);

    // From the CLI: written, the failure listed, exit 1.
    let file = store.path().to_path_buf();
    drop(store);
    let out = dir.path().join("cli.pdf");
    let (code, stdout, _) = common::cli(
        &file,
        &["report", "make", "request_letter", "--agencies", &group.join(","), "--out", &out.to_string_lossy()],
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("ساخته نشد") && stdout.contains(&idle.name), "{stdout}");
    assert!(out.exists());

    // Only failures: refused, nothing written.
    let mut store = Store::open(&file, "آزمون").unwrap();
    let none = dir.path().join("none.pdf");
    let refused = run(&mut store, &batch("request_letter", &[&idle.code], BatchOutput::File), &none).unwrap_err();
    assert_eq!(daftar::Problem::code(&refused), "report.batch_nothing_made");
    assert!(refused.to_string().contains(&idle.name));
    assert!(!none.exists());
}

#[test]
fn documents_not_about_one_agency_and_excel_in_one_file_are_refused() {
    let (dir, mut store) = common::demo_copy();
    let out = dir.path().join("x.pdf");
    let refused = run(&mut store, &batch("ranking", &[], BatchOutput::File), &out).unwrap_err();
    assert_eq!(daftar::Problem::code(&refused), "report.batch_not_offered");
    let excel = BatchRequest { format: ReportFormat::Xlsx, ..batch("request_letter", &[], BatchOutput::File) };
    assert_eq!(daftar::Problem::code(&run(&mut store, &excel, &out).unwrap_err()), "report.batch_one_file_is_pdf");
    assert!(!out.exists());

    // Workbooks in a folder: one per agency, no number taken.
    let folder = dir.path().join("workbooks");
    let excel = BatchRequest { format: ReportFormat::Xlsx, ..batch("request_letter", &[], BatchOutput::Folder) };
    let saved = run(&mut store, &excel, &folder).unwrap();
    assert!(saved.parts.iter().all(|p| p.path.ends_with(".xlsx") && p.numbers.is_empty() && p.first_page.is_none()));
    assert!(outgoing(&store).is_empty());
}

#[test]
fn final_appointment_letters_take_one_register_number_per_member() {
    let (dir, mut store) = common::demo_copy();
    let members = daftar::evaluation::committees::members(store.conn(), 1403).unwrap();
    assert!(!members.is_empty());
    let request = reports::ReportRequest {
        kind: "appointment_letters".into(),
        year: 1403,
        agency: None,
        format: ReportFormat::Pdf,
    };
    let path = dir.path().join("appointments.pdf");
    let saved = reports::save(&mut store, &request, &path).unwrap();
    assert_eq!(saved.numbers.len(), members.len(), "one number per member");
    let entries = outgoing(&store);
    assert!(entries.iter().all(|e| e.kind == "appointment_letters" && e.agency_code.is_empty()));
    for (page, number) in saved.numbers.iter().enumerate() {
        let text = pdf_text(&path, Some((page + 1, page + 1)));
        assert!(prints_number(&text, number), "page {}: {text}", page + 1);
    }
    // A preview takes none and keeps the typed numbers.
    reports::make(&store, &request).unwrap();
    assert_eq!(outgoing(&store).len(), members.len());
}
