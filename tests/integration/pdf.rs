//! The PDF engine on a real document: the agency directory of the fixture province, read
//! back with poppler (pdfinfo, pdffonts, pdftotext, pdftoppm).

use crate::common;

use daftar::pdf::{Align, Column, Document, Orientation, TableSpec, TextStyle};
use std::process::Command;

fn poppler(tool: &str, args: &[&str]) -> String {
    let out =
        Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} (poppler-utils, make setup): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_persian_document_with_a_long_table_reads_back() {
    let (dir, store) = common::demo_store();
    let agencies = daftar::agencies::list(&store, "", true).unwrap();
    let mut doc = Document::new("فهرست دستگاه‌های اجرایی", Orientation::Portrait)
        .with_header("سازمان مدیریت و برنامه‌ریزی استان لرستان");
    doc.paragraph("فهرست دستگاه‌های اجرایی استان لرستان", &TextStyle::heading());
    doc.paragraph(
        "این فهرست از پروندهٔ استان ساخته شده است و برای هر دستگاه کد، نام، گروه جشنواره و کارشناس رابط را نشان می‌دهد. \
         کدها مانند T01 یا ۱۰۱ و سال ۱۴۰۳ در میان متن فارسی درست نمایش داده می‌شوند؛ نیم‌فاصله در «می‌شود» حفظ می‌شود.",
        &TextStyle::body(),
    );
    doc.spacer(6.0);
    let rows: Vec<Vec<String>> = agencies
        .iter()
        .map(|a| {
            vec![
                daftar::fa::to_persian_digits(&a.code),
                a.name.clone(),
                a.group.clone().unwrap_or_default(),
                if a.focal_person.is_empty() { "—".into() } else { a.focal_person.clone() },
            ]
        })
        .collect();
    doc.table(&TableSpec {
        columns: vec![
            Column { title: "کد".into(), width: 1.0, align: Align::Center },
            Column { title: "نام دستگاه".into(), width: 5.0, align: Align::Right },
            Column { title: "گروه جشنواره".into(), width: 3.0, align: Align::Right },
            Column { title: "کارشناس رابط".into(), width: 2.2, align: Align::Right },
        ],
        rows,
        totals: Some(vec![
            String::new(),
            daftar::fa::to_persian_digits(&format!("جمع: {} دستگاه", agencies.len())),
            String::new(),
            String::new(),
        ]),
        size: 9.0,
    });
    let pages = doc.page_count();
    assert!(pages >= 3, "63 agencies run over several pages: {pages}");
    let path = dir.path().join("agencies.pdf");
    std::fs::write(&path, doc.finish()).unwrap();
    let p = path.to_str().unwrap();

    let info = poppler("pdfinfo", &[p]);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(&pages.to_string())), "{info}");
    let fonts = poppler("pdffonts", &[p]);
    let vazirmatn: Vec<&str> = fonts.lines().filter(|l| l.contains("Vazirmatn")).collect();
    assert!(!vazirmatn.is_empty(), "{fonts}");
    // Embedded and subset: a subset's name has a six-letter tag, «ABCDEF+Vazirmatn».
    assert!(vazirmatn.iter().all(|l| l.contains('+') && l.contains(" yes yes ")), "{fonts}");

    let text = poppler("pdftotext", &["-layout", p, "-"]);
    for word in ["لرستان", "دستگاه", "صفحه"] {
        assert!(text.contains(word) || text.contains(&word.chars().rev().collect::<String>()), "«{word}» in:\n{text}");
    }
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 400_000, "subset fonts keep the file small: {size} bytes");

    let png = dir.path().join("page");
    poppler("pdftoppm", &["-png", "-r", "40", p, png.to_str().unwrap()]);
    let rendered: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("page"))
        .collect();
    assert_eq!(rendered.len(), pages);
    if let Ok(keep) = std::env::var("DAFTAR_KEEP_PDF") {
        std::fs::copy(&path, keep).unwrap();
    }
}

#[test]
fn bar_and_column_charts_with_persian_labels() {
    use daftar::pdf::BarChart;
    let dir = tempfile::tempdir().unwrap();
    let mut doc = Document::new("نمودارها", Orientation::Landscape);
    doc.bar_chart(&BarChart {
        title: "امتیاز دستگاه‌ها".into(),
        bars: vec![
            ("آموزش و پرورش".into(), 1820.5),
            ("جهاد کشاورزی".into(), 1675.0),
            ("راه و شهرسازی".into(), 1402.25),
        ],
        max: Some(2000.0),
        decimals: 1,
        ceilings: vec![],
    });
    doc.column_chart(
        &BarChart {
            title: "توزیع سطح‌ها".into(),
            bars: vec![
                ("عالی".into(), 8.0),
                ("خیلی خوب".into(), 17.0),
                ("خوب".into(), 21.0),
                ("متوسط".into(), 11.0),
                ("ضعیف".into(), 4.0),
            ],
            max: None,
            decimals: 0,
            ceilings: vec![],
        },
        120.0,
    );
    let path = dir.path().join("charts.pdf");
    std::fs::write(&path, doc.finish()).unwrap();
    let text: String = poppler("pdftotext", &[path.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}'))
        .collect();
    for label in ["آموزش و پرورش", "خیلی خوب", "ضعیف", "۱٬۸۲۰٫۵", "۲۱"] {
        assert!(text.contains(label), "«{label}» in:\n{text}");
    }
    if let Ok(keep) = std::env::var("DAFTAR_KEEP_CHART") {
        std::fs::copy(&path, keep).unwrap();
    }
}
