//! Writes the committed fixtures from their sources: fixtures/agencies.xlsx from
//! fixtures/src/agencies.tsv, the broken agency files in fixtures/broken/, and the regional
//! accounts template, its revision and last year's values in fixtures/accounts/, and the
//! evaluation's indicator catalog, last year's results and the national system's transfer in
//! fixtures/evaluation/ (the transfer's broken copies in fixtures/broken/).
//! Run with `make fixtures` (cargo run --example make_fixtures).

use rust_xlsxwriter::{Format, FormatAlign, Formula, Workbook, XlsxError};
use std::path::Path;

type Table = Vec<Vec<String>>;

fn read_tsv(path: &Path) -> Table {
    std::fs::read_to_string(path)
        .expect("fixtures/src/agencies.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// One RTL sheet named «دستگاه‌ها»; the code column is written as numbers, as offices type it.
fn write_agencies(path: &Path, table: &Table) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("دستگاه‌ها")?;
    sheet.set_right_to_left(true);
    let header = Format::new().set_bold().set_background_color("#DDEBE6").set_align(FormatAlign::Center);
    for (r, row) in table.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r == 0 {
                sheet.write_string_with_format(r, c, value, &header)?;
            } else if c == 0 && value.parse::<f64>().is_ok() {
                sheet.write_number(r, c, value.parse::<f64>().unwrap())?;
            } else if !value.is_empty() {
                sheet.write_string(r, c, value)?;
            }
        }
    }
    for (c, width) in [8, 48, 22, 26, 34, 20, 16, 26, 8].iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save(path)
}

/// RTL sheets with a bold header row; cells that read as numbers are written as numbers
/// unless their column is listed in `text_columns`.
fn write_sheets(path: &Path, sheets: &[(&str, &Table, &[usize])]) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold().set_background_color("#DDEBE6");
    for (name, table, text_columns) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name)?;
        sheet.set_right_to_left(true);
        for (r, row) in table.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if r == 0 {
                    sheet.write_string_with_format(r, c, value, &header)?;
                } else if value.is_empty() {
                    continue;
                } else if let (false, Ok(n)) = (text_columns.contains(&(c as usize)), value.parse::<f64>()) {
                    sheet.write_number(r, c, n)?;
                } else {
                    sheet.write_string(r, c, value)?;
                }
            }
        }
        sheet.set_column_width(0, 18)?;
        sheet.set_column_width(1, 40)?;
        sheet.set_column_width(2, 24)?;
        sheet.set_column_width(3, 40)?;
    }
    workbook.save(path)
}

fn meta(version: &str) -> Table {
    [
        ["کد الگو", "SCI-RA"],
        ["سال", "۱۴۰۳"],
        ["نسخه", version],
        ["عنوان", "الگوی جداول حساب‌های منطقه‌ای استان — سال ۱۴۰۳"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect()
}

/// The 1403 template, a revision of it, and the 1402 final values, from fixtures/src/accounts.
fn write_accounts(root: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let src = root.join("src/accounts");
    let out = root.join("accounts");
    std::fs::create_dir_all(&out)?;
    let tables = read_tsv(&src.join("tables.tsv"));
    let items = read_tsv(&src.join("items.tsv"));
    let rules = read_tsv(&src.join("rules.tsv"));
    // Item and table codes, «الزامی» and agency codes stay text; «اعشار» is a number.
    let item_text = [0, 1, 2, 3, 4, 5, 7, 8];
    write_sheets(
        &out.join("template-1403.xlsx"),
        &[
            ("مشخصات", &meta("1403.1"), &[0, 1, 2, 3]),
            ("جداول", &tables, &[0, 1, 2, 3]),
            ("اقلام", &items, &item_text),
            ("قواعد", &rules, &[0, 1, 2, 3]),
        ],
    )?;

    // Revision 2: the two last items that no rule names are removed; two items are added.
    let rule_text: String = rules.iter().map(|r| r[1].clone()).collect::<Vec<_>>().join(" ");
    let unreferenced: Vec<String> = items[1..]
        .iter()
        .rev()
        .filter(|r| !rule_text.contains(&r[1]) && r[5] != "متن")
        .take(2)
        .map(|r| r[1].clone())
        .collect();
    let mut revised: Table = items.iter().filter(|r| !unreferenced.contains(&r[1])).cloned().collect();
    for (code, row, col) in
        [("T12.MIGRANTS_IN.NUM", "مهاجران واردشده", "تعداد"), ("T12.MIGRANTS_OUT.NUM", "مهاجران خارج‌شده", "تعداد")]
    {
        revised.push(
            ["T12", code, row, col, "نفر", "عدد صحیح", "0", "خیر", "306"].iter().map(|s| s.to_string()).collect(),
        );
    }
    write_sheets(
        &out.join("template-1403-rev2.xlsx"),
        &[
            ("مشخصات", &meta("1403.2"), &[0, 1, 2, 3]),
            ("جداول", &tables, &[0, 1, 2, 3]),
            ("اقلام", &revised, &item_text),
            ("قواعد", &rules, &[0, 1, 2, 3]),
        ],
    )?;

    let values_1402 = read_tsv(&src.join("values-1402.tsv"));
    write_sheets(&out.join("values-1402.xlsx"), &[("مقادیر", &values_1402, &[0])])?;
    Ok(())
}

/// The 1403 indicator catalog and the 1402 final results, from fixtures/src/evaluation.
fn write_evaluation(root: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let src = root.join("src/evaluation");
    let out = root.join("evaluation");
    std::fs::create_dir_all(&out)?;
    let axes = read_tsv(&src.join("axes.tsv"));
    let indicators = read_tsv(&src.join("indicators.tsv"));
    let measures = read_tsv(&src.join("measures.tsv"));
    // Codes and agency lists stay text; the ceiling, the target and the weight are numbers.
    write_sheets(
        &out.join("catalog-1403.xlsx"),
        &[
            ("محورها", &axes, &[0, 1]),
            ("شاخص‌ها", &indicators, &[0, 1, 2, 3, 5, 6, 7, 8, 10, 11]),
            ("سنجه‌ها", &measures, &[0, 1, 2]),
        ],
    )?;
    let results = read_tsv(&src.join("results-1402.tsv"));
    write_sheets(&out.join("results-1402.xlsx"), &[("نتایج نهایی ۱۴۰۲", &results, &[0, 6])])?;
    Ok(())
}

/// The national system's export (docs/formats/national-transfer.md) as such exports look: a
/// title above the header, an extra «ردیف» column, columns in another order than the source,
/// two headers typed with Arabic ي/ك, agency 401's code and agency 301's scores typed as text
/// with Persian digits.
fn write_export(path: &Path, rows: &[Vec<String>], formula_at: Option<usize>) -> Result<(), XlsxError> {
    // Source columns: 0 code, 1 name, 2 indicator, 3 title, 4 ceiling, 5 self, 6 confirmed, 7 state.
    const ORDER: [usize; 8] = [1, 0, 3, 2, 4, 5, 6, 7];
    const HEADER: [&str; 9] = [
        "ردیف",
        "نام دستگاه",
        "كد دستگاه",
        "عنوان شاخص",
        "کد شاخص",
        "سقف امتیاز",
        "امتياز خوداظهاري",
        "امتیاز تأیید ستاد",
        "وضعیت",
    ];
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("امتیازهای خودارزیابی")?;
    sheet.set_right_to_left(true);
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(
        0,
        0,
        "سامانه جامع ارزیابی عملکرد دستگاه‌های اجرایی — امتیازهای خودارزیابی استان لرستان، سال ۱۴۰۳",
        &bold,
    )?;
    sheet.write_string(1, 0, "تاریخ گزارش: ۱۴۰۴/۰۲/۲۰")?;
    let header = Format::new().set_bold().set_background_color("#DDEBE6");
    for (c, name) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(3, c as u16, *name, &header)?;
    }
    for (n, row) in rows.iter().enumerate() {
        let r = 4 + n as u32;
        sheet.write_number(r, 0, (n + 1) as f64)?;
        let persian = |text: &str| {
            text.chars()
                .map(|ch| match ch.to_digit(10) {
                    Some(d) => char::from_u32(0x06F0 + d).unwrap(),
                    None if ch == '.' => '٫',
                    None => ch,
                })
                .collect::<String>()
        };
        for (c, &source) in ORDER.iter().enumerate() {
            let (c, value) = (c as u16 + 1, row[source].as_str());
            let as_text = (source == 0 && row[0] == "401") || (matches!(source, 5 | 6) && row[0] == "301");
            if formula_at == Some(n) && source == 6 {
                sheet.write_formula(r, c, Formula::new(format!("=G{}*1", r + 1)).set_result(""))?;
            } else if value.is_empty() {
                continue;
            } else if as_text {
                sheet.write_string(r, c, persian(value))?;
            } else if let (true, Some(number)) =
                (matches!(source, 0 | 4 | 5 | 6), value.parse::<f64>().ok().filter(|n| n.is_finite()))
            {
                sheet.write_number(r, c, number)?;
            } else {
                sheet.write_string(r, c, value)?;
            }
        }
    }
    for (c, width) in [6, 40, 10, 50, 10, 10, 12, 12, 18].iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    workbook.save(path)
}

/// The national system's transfer of 1403 from fixtures/src/evaluation/national-1403.tsv, and
/// its broken copies, each with one fault (fixtures/src/evaluation/README.md).
fn write_national(root: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let table = read_tsv(&root.join("src/evaluation/national-1403.tsv"));
    let rows = &table[1..];
    write_export(&root.join("evaluation/national-transfer-1403.xlsx"), rows, None)?;
    let broken = root.join("broken");
    // Each fault on the row of (agency, indicator), data rows counted from 0.
    let at = |agency: &str, indicator: &str| rows.iter().position(|r| r[0] == agency && r[2] == indicator).unwrap();
    let with = |n: usize, column: usize, value: &str| {
        let mut copy = rows.to_vec();
        copy[n][column] = value.to_string();
        copy
    };
    let out = |name: &str| broken.join(format!("national-{name}.xlsx"));
    write_export(&out("unknown-indicator"), &with(at("104", "G03"), 2, "G99"), None)?;
    write_export(&out("unknown-agency"), &with(at("201", "G01"), 0, "999"), None)?;
    write_export(&out("text-score"), &with(at("104", "G05"), 6, "NaN"), None)?;
    write_export(&out("over-ceiling"), &with(at("201", "G12"), 6, "75"), None)?;
    let mut twice = rows.to_vec();
    let mut copy = rows[at("104", "G06")].clone();
    copy[6] = "30".into();
    twice.push(copy);
    write_export(&out("duplicate-row"), &twice, None)?;
    write_export(&out("formula-no-value"), rows, Some(at("401", "G01")))?;
    drop_formula_values(&out("formula-no-value"))?;
    Ok(())
}

/// A formula saved without its value, as a program that does not calculate saves it: the
/// writer always stores a value, so it is taken out of the sheet's XML.
fn drop_formula_values(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path)?)?;
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        entries.push((entry.name().unwrap_or_default().to_string(), bytes));
    }
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path)?);
    for (name, bytes) in entries {
        let bytes = if name == "xl/worksheets/sheet1.xml" {
            String::from_utf8(bytes)?.replace("</f><v>0</v>", "</f>").into_bytes()
        } else {
            bytes
        };
        writer.start_file(name, zip::write::SimpleFileOptions::default())?;
        writer.write_all(&bytes)?;
    }
    writer.finish()?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let broken = root.join("broken");
    std::fs::create_dir_all(&broken)?;
    let table = read_tsv(&root.join("src/agencies.tsv"));

    let good = root.join("agencies.xlsx");
    write_agencies(&good, &table)?;

    // A CSV that someone renamed to .xlsx.
    let csv: String = table.iter().map(|row| row.join(",") + "\n").collect();
    std::fs::write(broken.join("agencies-csv-renamed.xlsx"), csv)?;

    // Zero bytes, and a copy cut off half-way.
    std::fs::write(broken.join("agencies-empty.xlsx"), b"")?;
    let bytes = std::fs::read(&good)?;
    std::fs::write(broken.join("agencies-truncated.xlsx"), &bytes[..bytes.len() / 2])?;

    // No «کد» column.
    let without_code: Table = table.iter().map(|row| row[1..].to_vec()).collect();
    write_agencies(&broken.join("agencies-missing-columns.xlsx"), &without_code)?;

    // Row 6 repeats the code of row 3 (Excel rows; row 1 is the header).
    let mut duplicate_codes = table.clone();
    duplicate_codes[5][0] = duplicate_codes[2][0].clone();
    write_agencies(&broken.join("agencies-duplicate-codes.xlsx"), &duplicate_codes)?;

    // A last row whose name differs from row 2's only by Arabic ي/ك and a half-space for a space.
    let mut duplicate_names = table.clone();
    let mut copy = duplicate_names[1].clone();
    copy[0] = "199".into();
    copy[1] = copy[1].replace('ی', "ي").replace('ک', "ك").replacen(' ', "\u{200C}", 1);
    duplicate_names.push(copy);
    write_agencies(&broken.join("agencies-duplicate-names.xlsx"), &duplicate_names)?;

    write_accounts(&root)?;
    write_evaluation(&root)?;
    write_national(&root)?;

    println!("fixtures written to {}", root.display());
    Ok(())
}
