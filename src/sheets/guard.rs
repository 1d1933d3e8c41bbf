//! Zip archives from outside (xlsx workbooks, packages) are measured before anything parses
//! them: a few megabytes can unpack to gigabytes (a «zip bomb»), and calamine or a
//! `read_to_end` would spend seconds and hundreds of megabytes finding out. The central
//! directory is checked first (entry count, declared sizes, compression ratio); since it can
//! lie, every entry is then read with a hard cap at its declared size. A workbook's XML is
//! also counted in elements (cells, rows, strings) while it is unpacked, because the time
//! calamine takes grows with them: a sheet of a few megabytes of empty `<c/>` holds millions.

use super::read::SheetError;
use std::fmt;
use std::io::{self, Read, Seek};
use zip::ZipArchive;

/// Below this size an entry's compression ratio is not judged: small files of repeated
/// characters compress very well and harm nobody.
const RATIO_FLOOR_BYTES: u64 = 1 << 20;
const MIB: u64 = 1 << 20;

/// How large an archive may unpack.
#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    pub max_entries: usize,
    /// Any entry, unpacked.
    pub max_entry_bytes: u64,
    /// Entries whose name starts with `large_prefix`, unpacked (a workbook's sheets).
    pub max_large_entry_bytes: u64,
    pub large_prefix: &'static str,
    /// All entries together, unpacked.
    pub max_total_bytes: u64,
    /// Unpacked size over packed size, for entries above a megabyte. Office files and CSV
    /// stay far below it; deflated zeros reach about a thousand.
    pub max_ratio: u64,
    /// XML elements (start tags) in all `.xml` and `.rels` entries together.
    pub max_xml_elements: u64,
}

/// Workbooks people send. The largest the importers accept (20,000 rows of a template, ten
/// columns) is about 10 MB of sheet XML and 400,000 elements; the bounds leave room for
/// three or four times that. Sheets up to 64 MB, every other part (shared strings, styles)
/// up to 32 MB, because calamine keeps those in memory whole; 1.5 million elements, which an
/// unoptimised build parses in about five seconds.
pub const WORKBOOK_LIMITS: ZipLimits = ZipLimits {
    max_entries: 10_000,
    max_entry_bytes: 32 * MIB,
    max_large_entry_bytes: 64 * MIB,
    large_prefix: "xl/worksheets/",
    max_total_bytes: 128 * MIB,
    max_ratio: 100,
    max_xml_elements: 1_500_000,
};

impl ZipLimits {
    fn entry_limit(&self, name: &str) -> u64 {
        if name.starts_with(self.large_prefix) {
            self.max_large_entry_bytes
        } else {
            self.max_entry_bytes
        }
    }
}

/// What makes an archive too large to read, in words for the person who sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipExcess {
    TooManyEntries {
        entries: usize,
        limit: usize,
    },
    EntryTooLarge {
        name: String,
        bytes: u64,
        limit: u64,
    },
    TotalTooLarge {
        bytes: u64,
        limit: u64,
    },
    RatioTooHigh {
        name: String,
        ratio: u64,
        limit: u64,
    },
    /// The entry unpacks to more than its declared size: the central directory lies.
    LargerThanDeclared {
        name: String,
        declared: u64,
    },
    TooManyElements {
        limit: u64,
    },
}

fn megabytes(bytes: u64) -> String {
    crate::fa::format_integer(bytes.div_ceil(MIB) as i64)
}

impl fmt::Display for ZipExcess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::fa::format_integer as n;
        match self {
            Self::TooManyEntries { entries, limit } => {
                write!(f, "{} بخش دارد و بیش از {} بخش پذیرفته نیست", n(*entries as i64), n(*limit as i64))
            }
            Self::EntryTooLarge { name, bytes, limit } => write!(
                f,
                "بخش «{name}» باز که شود {} مگابایت است و بیش از {} مگابایت پذیرفته نیست",
                megabytes(*bytes),
                megabytes(*limit)
            ),
            Self::TotalTooLarge { bytes, limit } => write!(
                f,
                "باز که شود {} مگابایت است و بیش از {} مگابایت پذیرفته نیست",
                megabytes(*bytes),
                megabytes(*limit)
            ),
            Self::RatioTooHigh { name, ratio, limit } => write!(
                f,
                "بخش «{name}» {} برابر فشرده شده و بیش از {} برابر پذیرفته نیست",
                n(*ratio as i64),
                n(*limit as i64)
            ),
            Self::LargerThanDeclared { name, declared } => {
                write!(f, "بخش «{name}» بیش از اندازه‌ای که برای خود نوشته ({} بایت) باز می‌شود", n(*declared as i64))
            }
            Self::TooManyElements { limit } => write!(f, "بیش از {} جزء (خانه، ردیف، متن) دارد", n(*limit as i64)),
        }
    }
}

/// Why an archive was not read: too large, or not a readable zip at all (`detail` is the
/// zip library's text, for the details line).
#[derive(Debug)]
pub enum GuardError {
    Excess(ZipExcess),
    Unreadable(String),
}

impl From<zip::result::ZipError> for GuardError {
    fn from(e: zip::result::ZipError) -> Self {
        Self::Unreadable(e.to_string())
    }
}

/// Check the central directory against `limits` without unpacking anything.
pub fn measure<R: Read + Seek>(archive: &mut ZipArchive<R>, limits: &ZipLimits) -> Result<(), GuardError> {
    if archive.len() > limits.max_entries {
        return Err(GuardError::Excess(ZipExcess::TooManyEntries {
            entries: archive.len(),
            limit: limits.max_entries,
        }));
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index)?;
        let name = entry.name().unwrap_or_default().to_string();
        let bytes = entry.size();
        let limit = limits.entry_limit(&name);
        if bytes > limit {
            return Err(GuardError::Excess(ZipExcess::EntryTooLarge { name, bytes, limit }));
        }
        let ratio = bytes / entry.compressed_size().max(1);
        if bytes > RATIO_FLOOR_BYTES && ratio > limits.max_ratio {
            return Err(GuardError::Excess(ZipExcess::RatioTooHigh { name, ratio, limit: limits.max_ratio }));
        }
        total = total.saturating_add(bytes);
        if total > limits.max_total_bytes {
            return Err(GuardError::Excess(ZipExcess::TotalTooLarge { bytes: total, limit: limits.max_total_bytes }));
        }
    }
    Ok(())
}

/// Counts XML start tags (`<` not followed by `/`, `?` or `!`) in what is written to it and
/// fails once there are more than `budget`.
struct ElementCounter {
    budget: u64,
    elements: u64,
    /// The last chunk ended with `<`: the next byte decides.
    open_bracket: bool,
}

impl ElementCounter {
    fn exceeded(&self) -> bool {
        self.elements > self.budget
    }
}

impl io::Write for ElementCounter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let starts = |byte: u8| !matches!(byte, b'/' | b'?' | b'!');
        if let (true, Some(&first)) = (self.open_bracket, buf.first()) {
            self.elements += u64::from(starts(first));
        }
        // Only the bytes after each `<` matter: memchr finds them without a look at the rest.
        for at in memchr::memchr_iter(b'<', buf) {
            self.elements += buf.get(at + 1).is_some_and(|&next| starts(next)) as u64;
        }
        if let Some(&last) = buf.last() {
            self.open_bracket = last == b'<';
        }
        if self.exceeded() {
            return Err(io::Error::other("too many XML elements"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Unpack entry `index` into `sink`, refusing it as soon as it passes its declared size
/// (which `measure` has bounded). Returns the entry's name.
fn unpack_bounded<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    index: usize,
    sink: &mut impl io::Write,
) -> Result<String, GuardError> {
    let entry = archive.by_index(index)?;
    let name = entry.name().unwrap_or_default().to_string();
    let declared = entry.size();
    // zip 9 stops an entry at its declared size itself (with this io error); the `take` is
    // ours, so that the bound does not hang on the library's version or the entry's method.
    let copied = io::copy(&mut entry.take(declared.saturating_add(1)), sink).map_err(|e| {
        if e.to_string().contains("larger than its declared uncompressed size") {
            GuardError::Excess(ZipExcess::LargerThanDeclared { name: name.clone(), declared })
        } else {
            GuardError::Unreadable(format!("{name}: {e}"))
        }
    })?;
    if copied > declared {
        return Err(GuardError::Excess(ZipExcess::LargerThanDeclared { name, declared }));
    }
    Ok(name)
}

/// Entry `index` unpacked into memory, bounded as `unpack_bounded` says; call `measure` first.
pub fn read_entry<R: Read + Seek>(archive: &mut ZipArchive<R>, index: usize) -> Result<(String, Vec<u8>), GuardError> {
    let mut bytes = Vec::new();
    let name = unpack_bounded(archive, index, &mut bytes)?;
    Ok((name, bytes))
}

/// A workbook (an xlsx is a zip) measured and every part unpacked once with the hard cap,
/// its XML elements counted, so that calamine afterwards reads only what was measured.
pub fn check_workbook<R: Read + Seek>(reader: R) -> Result<(), GuardError> {
    let mut archive = ZipArchive::new(reader)?;
    measure(&mut archive, &WORKBOOK_LIMITS)?;
    count_elements(&mut archive)
}

fn is_xml(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels")
}

/// `check_workbook` without unpacking what cannot be past the limits: when the XML parts
/// declare no more bytes than the element budget they cannot hold more elements (each takes a
/// `<`), and the zip reader stops every part at its declared size as calamine reads it, so
/// the central directory (`measure`) is the whole check. Most returned workbooks are this
/// small, and are unpacked once (by calamine) instead of twice. A part that turns out larger
/// than it declared fails calamine's read: `check_workbook` then says which (read.rs).
pub fn check_workbook_lightly<R: Read + Seek>(reader: R) -> Result<(), GuardError> {
    let mut archive = ZipArchive::new(reader)?;
    let limits = WORKBOOK_LIMITS;
    measure(&mut archive, &limits)?;
    let mut declared_xml: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index)?;
        if is_xml(&entry.name().unwrap_or_default()) {
            declared_xml = declared_xml.saturating_add(entry.size());
        }
    }
    if declared_xml <= limits.max_xml_elements {
        return Ok(());
    }
    count_elements(&mut archive)
}

/// Unpack every part with its hard cap, counting the XML parts' elements against the budget.
fn count_elements<R: Read + Seek>(archive: &mut ZipArchive<R>) -> Result<(), GuardError> {
    let limits = WORKBOOK_LIMITS;
    let mut counter = ElementCounter { budget: limits.max_xml_elements, elements: 0, open_bracket: false };
    for index in 0..archive.len() {
        let xml = archive.name_for_index(index).and_then(Result::ok).is_some_and(|n| is_xml(&n));
        if !xml {
            unpack_bounded(archive, index, &mut io::sink())?;
            continue;
        }
        counter.open_bracket = false;
        match unpack_bounded(archive, index, &mut counter) {
            Err(_) if counter.exceeded() => {
                return Err(GuardError::Excess(ZipExcess::TooManyElements { limit: limits.max_xml_elements }));
            }
            other => other?,
        };
    }
    Ok(())
}

fn as_sheet_error(e: GuardError, file: &str) -> SheetError {
    match e {
        GuardError::Excess(excess) => SheetError::TooLarge { file: file.to_string(), excess },
        GuardError::Unreadable(detail) => SheetError::Damaged { file: file.to_string(), detail },
    }
}

/// `check_workbook_lightly` on a file's bytes, as the sheet reader's error (`file` names it).
pub(crate) fn guard_workbook(bytes: &[u8], file: &str) -> Result<(), SheetError> {
    check_workbook_lightly(io::Cursor::new(bytes)).map_err(|e| as_sheet_error(e, file))
}

/// `check_workbook`, every part unpacked, on a file's bytes, as the sheet reader's error.
pub(crate) fn guard_workbook_fully(bytes: &[u8], file: &str) -> Result<(), SheetError> {
    check_workbook(io::Cursor::new(bytes)).map_err(|e| as_sheet_error(e, file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn elements_are_counted_alike_however_the_xml_is_cut() {
        let xml = b"<?xml v?><a><b/><!-- c --><<d x='1'></d></a><";
        let count = |chunks: &[&[u8]]| {
            let mut counter = ElementCounter { budget: u64::MAX, elements: 0, open_bracket: false };
            chunks.iter().for_each(|c| assert_eq!(io::Write::write(&mut counter, c).unwrap(), c.len()));
            counter.elements
        };
        // <a, <b and <<d (twice: the first «<» is followed by one that is not / ? !); nothing
        // for <?, <!--, </ or the last «<».
        assert_eq!(count(&[xml]), 4);
        for cut in 0..xml.len() {
            assert_eq!(count(&[&xml[..cut], &[], &xml[cut..]]), 4, "cut at {cut}");
        }
    }

    #[test]
    fn a_small_workbook_is_judged_by_its_directory_alone_and_a_large_one_unpacked() {
        // A stored part whose bytes no longer match its checksum: only unpacking notices.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("xl/worksheets/sheet1.xml", stored).unwrap();
        zip.write_all(b"<worksheet><sheetData/></worksheet>").unwrap();
        let mut bytes = zip.finish().unwrap().into_inner();
        let at = bytes.windows(9).position(|w| w == b"sheetData").unwrap();
        bytes[at] = b'S';
        assert!(matches!(check_workbook(Cursor::new(&bytes)), Err(GuardError::Unreadable(_))));
        assert!(check_workbook_lightly(Cursor::new(&bytes)).is_ok());
        // Past the element budget in declared bytes, the light check unpacks and counts too.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("xl/worksheets/sheet1.xml", stored).unwrap();
        zip.write_all("<c".repeat(1_600_000).as_bytes()).unwrap();
        let big = zip.finish().unwrap().into_inner();
        assert!(matches!(
            check_workbook_lightly(Cursor::new(big)),
            Err(GuardError::Excess(ZipExcess::TooManyElements { .. }))
        ));
    }

    #[test]
    fn an_ordinary_workbook_sized_archive_passes() {
        let text = "<row><c><v>1</v></c></row>".repeat(1000);
        let bytes = zip_of(&[("xl/worksheets/sheet1.xml", text.as_bytes()), ("xl/styles.xml", b"<styleSheet/>")]);
        assert!(check_workbook(Cursor::new(bytes)).is_ok());
    }

    #[test]
    fn a_highly_compressed_entry_is_refused_from_the_directory() {
        let zeros = vec![0u8; 8 << 20];
        let bytes = zip_of(&[("xl/worksheets/sheet1.xml", &zeros)]);
        match check_workbook(Cursor::new(bytes)) {
            Err(GuardError::Excess(ZipExcess::RatioTooHigh { name, ratio, limit: 100 })) => {
                assert_eq!(name, "xl/worksheets/sheet1.xml");
                assert!(ratio > 100, "{ratio}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn too_many_entries_are_refused() {
        let names: Vec<String> = (0..20).map(|i| format!("f{i}")).collect();
        let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
        let mut archive = ZipArchive::new(Cursor::new(zip_of(&entries))).unwrap();
        let limits = ZipLimits { max_entries: 10, ..WORKBOOK_LIMITS };
        match measure(&mut archive, &limits) {
            Err(GuardError::Excess(e)) => {
                assert_eq!(e, ZipExcess::TooManyEntries { entries: 20, limit: 10 });
                assert_eq!(e.to_string(), "۲۰ بخش دارد و بیش از ۱۰ بخش پذیرفته نیست");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_entry_larger_than_declared_is_stopped_at_its_declared_size() {
        // A stored entry whose declared sizes (local header and central directory) say 10
        // bytes while 4000 follow: the reader must stop at 11.
        let payload = vec![b'a'; 4000];
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("big", stored).unwrap();
        zip.write_all(&payload).unwrap();
        let mut bytes = zip.finish().unwrap().into_inner();
        let size = 4000u32.to_le_bytes();
        let small = 10u32.to_le_bytes();
        // Uncompressed size: local header offset 22, central directory entry offset 24.
        let local = 0;
        assert_eq!(bytes[local + 22..local + 26], size);
        bytes[local + 22..local + 26].copy_from_slice(&small);
        let central = bytes.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        assert_eq!(bytes[central + 24..central + 28], size);
        bytes[central + 24..central + 28].copy_from_slice(&small);
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        measure(&mut archive, &WORKBOOK_LIMITS).unwrap();
        match read_entry(&mut archive, 0) {
            Err(GuardError::Excess(ZipExcess::LargerThanDeclared { name, declared: 10 })) => assert_eq!(name, "big"),
            other => panic!("{other:?}"),
        }
    }
}
