//! Zip bombs: a gigabyte of zeros deflated to a few megabytes, as a workbook's sheet and as a
//! package's file. Every reader refuses them from the zip's central directory, before
//! unpacking anything (the error kind says which bound refused), with a Persian message, and
//! leaves the province file as it was. How fast that is belongs to the benchmarks, not here.

use crate::common;

use daftar::accounts::values;
use daftar::sheets::guard::ZipExcess;
use daftar::sheets::SheetError;
use daftar::Problem;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const GIGABYTE: u64 = 1 << 30;

/// CRC-32 (IEEE) of `bytes`, bit by bit: for the small entries only.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// `vector` times the GF(2) matrix `matrix` (one column a bit), as zlib's crc32_combine does.
fn gf2_times(matrix: &[u32; 32], mut vector: u32) -> u32 {
    let mut sum = 0;
    for column in matrix {
        if vector == 0 {
            break;
        }
        if vector & 1 == 1 {
            sum ^= column;
        }
        vector >>= 1;
    }
    sum
}

fn gf2_square(matrix: &[u32; 32]) -> [u32; 32] {
    std::array::from_fn(|n| gf2_times(matrix, matrix[n]))
}

/// CRC-32 of `len` zero bytes without running over them: the CRC register's step over one
/// zero bit is a linear map, raised to the 8·len-th power by squaring.
fn crc32_of_zeros(mut len: u64) -> u32 {
    let mut one_bit = [0u32; 32];
    one_bit[0] = 0xEDB8_8320;
    for (n, column) in one_bit.iter_mut().enumerate().skip(1) {
        *column = 1 << (n - 1);
    }
    let mut power = gf2_square(&gf2_square(&gf2_square(&one_bit))); // one zero byte
    let mut crc = !0u32;
    while len > 0 {
        if len & 1 == 1 {
            crc = gf2_times(&power, crc);
        }
        power = gf2_square(&power);
        len >>= 1;
    }
    !crc
}

/// Bits into bytes, least significant first, as deflate packs them.
struct Bits {
    bytes: Vec<u8>,
    buffer: u64,
    count: u32,
}

impl Bits {
    fn push(&mut self, value: u64, count: u32) {
        self.buffer |= value << self.count;
        self.count += count;
        while self.count >= 8 {
            self.bytes.push(self.buffer as u8);
            self.buffer >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code goes most significant bit first.
    fn code(&mut self, code: u64, length: u32) {
        self.push(code.reverse_bits() >> (64 - length), length);
    }
}

/// A raw deflate stream of `len` zero bytes in one block of fixed Huffman codes: a literal
/// zero, then matches of 258 bytes at distance 1 (13 bits each), then zeros up to `len`.
/// About 6.5 MB for a gigabyte, and made in a blink, where deflating the zeros took the
/// test a minute on a busy machine.
fn deflated_zeros(len: u64) -> Vec<u8> {
    let mut bits = Bits { bytes: Vec::with_capacity((len / 158) as usize + 16), buffer: 0, count: 0 };
    bits.push(1, 1); // the last block
    bits.push(1, 2); // fixed Huffman codes
    let literal_zero = |bits: &mut Bits| bits.code(0x30, 8);
    if len > 0 {
        literal_zero(&mut bits);
        for _ in 0..(len - 1) / 258 {
            bits.code(0xC5, 8); // length 258 (symbol 285)
            bits.code(0, 5); // distance 1
        }
        for _ in 0..(len - 1) % 258 {
            literal_zero(&mut bits);
        }
    }
    bits.code(0, 7); // end of block
    bits.push(0, 7); // pad the last byte
    bits.bytes
}

/// A zip (written by hand: the zip crate would deflate and checksum the gigabyte) whose
/// entries are `small` as given, stored, and `zeros` as that many zero bytes, deflated.
fn write_bomb(path: &Path, small: &[(&str, &[u8])], zeros: (&str, u64)) {
    write_lying_bomb(path, small, zeros, zeros.1);
}

/// `write_bomb` whose zeros entry declares `declared` bytes in its headers, whatever it holds.
fn write_lying_bomb(path: &Path, small: &[(&str, &[u8])], zeros: (&str, u64), declared: u64) {
    struct Entry<'a> {
        name: &'a str,
        method: u16,
        crc: u32,
        packed: Vec<u8>,
        size: u64,
    }
    let mut entries: Vec<Entry> = small
        .iter()
        .map(|(name, bytes)| Entry {
            name,
            method: 0,
            crc: crc32(bytes),
            packed: bytes.to_vec(),
            size: bytes.len() as u64,
        })
        .collect();
    entries.push(Entry {
        name: zeros.0,
        method: 8,
        crc: crc32_of_zeros(zeros.1),
        packed: deflated_zeros(zeros.1),
        size: declared,
    });
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    let u16le = |v: usize| (v as u16).to_le_bytes();
    let u32le = |v: u64| u32::try_from(v).expect("no zip64 here").to_le_bytes();
    for e in &entries {
        let offset = out.len() as u64;
        let fields = [
            &u16le(20)[..],          // version needed
            &u16le(0),               // flags
            &e.method.to_le_bytes(), // method
            &u16le(0),               // time
            &u16le(0x21),            // date: 1980-01-01
            &e.crc.to_le_bytes(),
            &u32le(e.packed.len() as u64),
            &u32le(e.size),
            &u16le(e.name.len()),
            &u16le(0), // extra field
        ]
        .concat();
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&fields);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.packed);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&u16le(20)); // version made by
        central.extend_from_slice(&fields);
        central.extend_from_slice(&[0; 10]); // comment length, disk, internal and external attributes
        central.extend_from_slice(&u32le(offset));
        central.extend_from_slice(e.name.as_bytes());
    }
    let central_offset = out.len() as u64;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]); // disks
    out.extend_from_slice(&u16le(entries.len()));
    out.extend_from_slice(&u16le(entries.len()));
    out.extend_from_slice(&u32le(central.len() as u64));
    out.extend_from_slice(&u32le(central_offset));
    out.extend_from_slice(&u16le(0)); // comment
    std::fs::write(path, out).unwrap();
}

#[test]
fn the_hand_made_bombs_are_valid_zips() {
    for len in [0u64, 1, 2, 257, 258, 259, 517, 4096] {
        assert_eq!(crc32_of_zeros(len), crc32(&vec![0; len as usize]), "{len}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small-bomb.zip");
    write_bomb(&path, &[("a.txt", b"hello")], ("zeros", 100_000));
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("a.txt").unwrap(), &mut text).unwrap();
    assert_eq!(text, "hello");
    let mut zeros = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name("zeros").unwrap(), &mut zeros).unwrap(); // checks the CRC
    assert_eq!(zeros, vec![0; 100_000]);
}

/// The parts of a workbook around its one sheet.
const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const WORKBOOK_XML: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

fn workbook_parts() -> [(&'static str, &'static [u8]); 3] {
    [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("xl/workbook.xml", WORKBOOK_XML),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ]
}

/// The bombs are built once per test run and shared.
struct Bombs {
    _dir: tempfile::TempDir,
    workbook: PathBuf,
    package: PathBuf,
}

fn bombs() -> &'static Bombs {
    static BOMBS: OnceLock<Bombs> = OnceLock::new();
    BOMBS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let workbook = dir.path().join("values-bomb.xlsx");
        write_bomb(&workbook, &workbook_parts(), ("xl/worksheets/sheet1.xml", GIGABYTE));
        let package = dir.path().join("package-bomb.zip");
        write_bomb(&package, &[("manifest.json", b"{}")], ("data.csv", GIGABYTE));
        Bombs { _dir: dir, workbook, package }
    })
}

#[test]
fn the_gigabyte_bombs_are_files_of_a_few_megabytes() {
    for path in [&bombs().workbook, &bombs().package] {
        let bytes = std::fs::metadata(path).unwrap().len();
        assert!(bytes < 7 * (1 << 20), "{} is {bytes} bytes", path.display());
    }
}

#[test]
fn a_workbook_bomb_is_refused_by_values_import_before_reading_and_nothing_changes() {
    let (_dir, mut store) = common::new_store();
    let path = store.path().to_path_buf();
    let before = std::fs::read(&path).unwrap();

    let err = values::import_final_values(&mut store, 1402, &bombs().workbook).unwrap_err();
    assert_eq!(err.code(), "sheet.too_large");
    assert_eq!(err.fault(), daftar::Fault::User);
    let daftar::accounts::AccountsError::Sheet(SheetError::TooLarge { excess, .. }) = &err else { panic!("{err:?}") };
    // Refused from the central directory's declared size: nothing was unpacked.
    assert_eq!(
        *excess,
        ZipExcess::EntryTooLarge { name: "xl/worksheets/sheet1.xml".into(), bytes: GIGABYTE, limit: 64 << 20 }
    );
    assert_eq!(
        err.to_string(),
        "فایل «values-bomb.xlsx» خوانده نشد چون بخش «xl/worksheets/sheet1.xml» باز که شود ۱٬۰۲۴ مگابایت است و بیش از ۶۴ مگابایت پذیرفته نیست؛ کارپوشه‌ای که دفتر می‌خواند هرگز به این اندازه نمی‌رسد. برگه‌ها و ردیف‌های اضافه را پاک کنید یا کارپوشهٔ درست را از فرستنده بخواهید."
    );
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_bomb_under_the_size_limit_is_refused_by_its_ratio() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ratio.xlsx");
    write_bomb(&path, &[("[Content_Types].xml", b"<Types/>")], ("xl/worksheets/sheet1.xml", 32 << 20));
    let err = daftar::sheets::read_sheet(&path, &["Sheet1"], 100).unwrap_err();
    let SheetError::TooLarge { excess: ZipExcess::RatioTooHigh { name, ratio, limit: 100 }, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, "xl/worksheets/sheet1.xml");
    assert!(*ratio > 100, "{ratio}");
}

#[test]
fn a_package_bomb_is_refused_by_verify_and_the_cover_letter_before_reading() {
    let expected = ZipExcess::EntryTooLarge { name: "data.csv".into(), bytes: GIGABYTE, limit: 16 << 20 };
    let err = daftar::accounts::package::verify(&bombs().package, None).unwrap_err();
    assert_eq!(err.code(), "accounts.package.too_large");
    let daftar::accounts::AccountsError::PackageTooLarge { excess, .. } = &err else { panic!("{err:?}") };
    assert_eq!(*excess, expected);
    assert_eq!(
        err.to_string(),
        "بستهٔ «package-bomb.zip» خوانده نشد چون بخش «data.csv» باز که شود ۱٬۰۲۴ مگابایت است و بیش از ۱۶ مگابایت پذیرفته نیست؛ بستهٔ دفتر هرگز چنین نیست. بستهٔ درست را دوباره بخواهید."
    );

    let (_dir, mut store) = common::new_store();
    daftar::accounts::signing::office_key(&mut store).unwrap();
    let before = std::fs::read(store.path()).unwrap();
    let err = daftar::reports::package_cover_letter(&store, &bombs().package).err().expect("refused");
    assert_eq!(err.code(), "accounts.package.too_large");
    assert_eq!(std::fs::read(store.path()).unwrap(), before);
}

#[test]
fn a_package_of_many_entries_is_refused_by_their_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.zip");
    let names: Vec<String> = (0..1000).map(|i| format!("f{i}.csv")).collect();
    let mut small: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    small.push(("manifest.json", b"{}"));
    write_bomb(&path, &small, ("last", 0));
    let err = daftar::accounts::package::verify(&path, None).unwrap_err();
    let daftar::accounts::AccountsError::PackageTooLarge { excess, .. } = &err else { panic!("{err:?}") };
    assert_eq!(*excess, ZipExcess::TooManyEntries { entries: 1002, limit: 64 });
}

#[test]
fn a_bomb_whose_headers_lie_about_its_size_is_stopped_at_the_declared_size() {
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("lying.xlsx");
    write_lying_bomb(&workbook, &workbook_parts(), ("xl/worksheets/sheet1.xml", GIGABYTE), 1000);
    let err = daftar::sheets::read_sheet(&workbook, &["Sheet1"], 100).unwrap_err();
    let SheetError::TooLarge { excess, .. } = &err else { panic!("{err:?}") };
    assert_eq!(*excess, ZipExcess::LargerThanDeclared { name: "xl/worksheets/sheet1.xml".into(), declared: 1000 });
    assert_eq!(
        err.to_string(),
        "فایل «lying.xlsx» خوانده نشد چون بخش «xl/worksheets/sheet1.xml» بیش از اندازه‌ای که برای خود نوشته (۱٬۰۰۰ بایت) باز می‌شود؛ کارپوشه‌ای که دفتر می‌خواند هرگز به این اندازه نمی‌رسد. برگه‌ها و ردیف‌های اضافه را پاک کنید یا کارپوشهٔ درست را از فرستنده بخواهید."
    );

    let package = dir.path().join("lying.zip");
    write_lying_bomb(&package, &[("manifest.json", b"{}")], ("data.csv", GIGABYTE), 1000);
    let err = daftar::accounts::package::verify(&package, None).unwrap_err();
    let daftar::accounts::AccountsError::PackageTooLarge { excess, .. } = &err else { panic!("{err:?}") };
    assert_eq!(*excess, ZipExcess::LargerThanDeclared { name: "data.csv".into(), declared: 1000 });
}

#[test]
fn a_small_sheet_of_millions_of_empty_cells_is_refused_by_its_element_count() {
    // Stored, not deflated: the ratio is 1 and the size 6.4 MB, well inside both bounds; what
    // would take calamine long is the 1.6 million cells.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cells.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in workbook_parts() {
        zip.start_file(name, stored).unwrap();
        std::io::Write::write_all(&mut zip, bytes).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", stored).unwrap();
    std::io::Write::write_all(&mut zip, b"<worksheet><sheetData><row>").unwrap();
    std::io::Write::write_all(&mut zip, "<c/>".repeat(1_600_000).as_bytes()).unwrap();
    std::io::Write::write_all(&mut zip, b"</row></sheetData></worksheet>").unwrap();
    zip.finish().unwrap();
    let err = daftar::sheets::read_sheet(&path, &["Sheet1"], 100).unwrap_err();
    let SheetError::TooLarge { excess, .. } = &err else { panic!("{err:?}") };
    assert_eq!(*excess, ZipExcess::TooManyElements { limit: 1_500_000 });
    assert_eq!(
        err.to_string(),
        "فایل «cells.xlsx» خوانده نشد چون بیش از ۱٬۵۰۰٬۰۰۰ جزء (خانه، ردیف، متن) دارد؛ کارپوشه‌ای که دفتر می‌خواند هرگز به این اندازه نمی‌رسد. برگه‌ها و ردیف‌های اضافه را پاک کنید یا کارپوشهٔ درست را از فرستنده بخواهید."
    );
}
