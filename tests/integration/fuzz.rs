//! Fuzz-style tests, bounded so that they run in `make test` (a few seconds each): the sheet
//! reader, the rule parser and the package reader on mutated inputs (bytes flipped, cut
//! short, ranges repeated, entries duplicated, dropped or added). Whatever the input: no
//! panic, no internal error (the CLI's exit 3), and a refused input leaves the province file
//! byte for byte as it was.

use crate::common;

use daftar::accounts::rules::{evaluate, parse_rule, ValueSource};
use daftar::store::Store;
use daftar::{Fault, Problem};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Few cases, no failure files: bounded time, and nothing written into the tree.
fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

/// How one input is damaged.
#[derive(Debug, Clone)]
enum Mutation {
    /// XOR these bytes at these positions (taken modulo the length).
    Flip(Vec<(usize, u8)>),
    /// Keep this share (per mille) of the bytes.
    Truncate(u16),
    /// Insert a copy of `len` bytes from `from` at `at`.
    Repeat { from: usize, len: usize, at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        proptest::collection::vec((any::<usize>(), 1u8..=255), 1..8).prop_map(Mutation::Flip),
        (0u16..1000).prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..4096, any::<usize>()).prop_map(|(from, len, at)| Mutation::Repeat { from, len, at }),
    ]
}

fn mutate(bytes: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match mutation {
        Mutation::Flip(flips) => {
            for (at, mask) in flips {
                let at = at % out.len();
                out[at] ^= mask;
            }
        }
        Mutation::Truncate(per_mille) => out.truncate(out.len() * usize::from(*per_mille) / 1000),
        Mutation::Repeat { from, len, at } => {
            let from = from % out.len();
            let piece: Vec<u8> = out[from..(from + len).min(out.len())].to_vec();
            let at = at % out.len();
            out.splice(at..at, piece);
        }
    }
    out
}

fn file_bytes(store: &Store) -> Vec<u8> {
    std::fs::read(store.path()).unwrap()
}

#[test]
fn the_sheet_reader_survives_mutated_workbooks() {
    let (dir, store) = common::new_store();
    // The runner takes a `Fn`; the store is written through this cell, one case at a time.
    let store = std::cell::RefCell::new(store);
    let base = std::fs::read(common::fixtures().join("agencies.xlsx")).unwrap();
    let parts = unzip(&base);
    let input = dir.path().join("agencies.xlsx");
    // Raw damage mostly breaks the zip; damage inside a part, zipped again, reaches the XML.
    let raw = mutation().prop_map(|m| (format!("{m:?}"), mutate(&base, &m)));
    let repacked = repack_strategy().prop_map(|how| (format!("{how:?}"), repack(&parts, &how).1));
    runner(300)
        .run(&prop_oneof![raw, repacked], |(m, bytes)| {
            std::fs::write(&input, bytes).unwrap();
            let mut store = store.borrow_mut();
            let before = file_bytes(&store);
            if let Err(e) = daftar::agencies::import_xlsx(&mut store, &input) {
                prop_assert_eq!(e.fault(), Fault::User, "{:?}: {}", m, e);
                prop_assert!(file_bytes(&store) == before, "{:?} was refused but the file changed", m);
            }
            if let Err(e) = daftar::sheets::read_sheet(&input, &["دستگاه‌ها"], 1000) {
                prop_assert_eq!(e.fault(), Fault::User, "{:?}: {}", m, e);
            }
            Ok(())
        })
        .unwrap();
}

struct Values;

impl ValueSource for Values {
    fn value(&self, code: &str) -> Option<f64> {
        (!code.len().is_multiple_of(3)).then_some(code.len() as f64 - 4.0)
    }
    fn previous(&self, code: &str) -> Option<f64> {
        (!code.is_empty()).then_some(0.0)
    }
    fn is_present(&self, code: &str) -> bool {
        code.len().is_multiple_of(2)
    }
    fn range<'s>(&'s self, from: &'s str, to: &'s str) -> Option<Vec<(&'s str, Option<f64>)>> {
        (from <= to).then(|| vec![(from, self.value(from)), (to, self.value(to))])
    }
    fn decimals(&self, _code: &str) -> usize {
        2
    }
}

const RULES: &[&str] = &[
    "T01.TOTAL == T01.A + T01.B ~ 0.5",
    "T03.TOTAL == sum(T03.A, T03.B) ~ 0.1%",
    "sum(T02.A .. T02.C) >= 0",
    "if T01.X > 0 then between(T01.Y / T01.X, 2, 7)",
    "present(a.b) and not abs(change(A.B)) > 0.25 or prev(A.B) >= 1",
    "-۲ < ۱٫۵",
];

#[test]
fn the_rule_parser_survives_mutated_and_random_rules() {
    let token = prop_oneof![
        Just("T01.A".to_string()),
        Just("sum(".to_string()),
        Just("between(".to_string()),
        Just("prev(".to_string()),
        Just("..".to_string()),
        Just("~".to_string()),
        Just("%".to_string()),
        "[-+*/(),<>=!ifthenandornot ]{1,3}",
        "[0-9۰-۹٫.eE]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    let random = proptest::collection::vec(token, 0..40).prop_map(|t| t.concat());
    let mutated = (0..RULES.len(), mutation())
        .prop_map(|(i, m)| String::from_utf8_lossy(&mutate(RULES[i].as_bytes(), &m)).into_owned());
    runner(2000)
        .run(&prop_oneof![random, mutated], |text| {
            match parse_rule(&text) {
                Ok(rule) => {
                    let _ = evaluate(&rule, &Values);
                }
                Err(e) => prop_assert!(e.position <= text.chars().count() + 1, "{text:?}: {e}"),
            }
            Ok(())
        })
        .unwrap();
}

/// A rule cell holds up to 32,767 characters: nesting that deep must be refused, not
/// overflow the stack (which no test harness survives).
#[test]
fn a_deeply_nested_rule_is_refused_not_a_stack_overflow() {
    let deep = 32_767 / 2;
    for text in [
        "(".repeat(deep) + "1" + &")".repeat(deep) + " > 0",
        "-".repeat(deep * 2) + "1 > 0",
        "not ".repeat(deep / 2) + "1 > 0",
        "abs(".repeat(deep / 4) + "1" + &")".repeat(deep / 4) + " > 0",
    ] {
        let err = parse_rule(&text).unwrap_err();
        assert!(err.message.contains("تودرتو"), "{}", err.message);
    }
}

/// A draft package of the demo year and the province file that made it, built once.
struct Packaged {
    _dir: tempfile::TempDir,
    file: PathBuf,
    zip: Vec<u8>,
    entries: Vec<(String, Vec<u8>)>,
}

fn packaged() -> &'static Packaged {
    static PACKAGED: OnceLock<Packaged> = OnceLock::new();
    PACKAGED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lorestan.daftar");
        daftar::demo::build(&file, &common::fixtures(), false, "آزمون").unwrap();
        let mut store = Store::open(&file, "کارشناس").unwrap();
        let out = dir.path().join("package.zip");
        daftar::accounts::package::package(&mut store, 1403, &out, true).unwrap();
        let zip = std::fs::read(&out).unwrap();
        let entries = unzip(&zip);
        Packaged { _dir: dir, file, zip, entries }
    })
}

/// The entries of a zip, in order.
fn unzip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// What is done to a zip's entries before they are zipped again.
#[derive(Debug, Clone)]
enum Repack {
    Drop(usize),
    /// The entry twice: written under a placeholder name patched to the same name afterwards,
    /// since the zip writer refuses duplicate names.
    Duplicate(usize),
    Add(String),
    /// Bytes of one entry changed; the manifest left alone.
    Damage(usize, Mutation),
}

fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn repack_strategy() -> impl Strategy<Value = Repack> {
    prop_oneof![
        any::<usize>().prop_map(Repack::Drop),
        any::<usize>().prop_map(Repack::Duplicate),
        "[a-z./]{1,12}".prop_map(|name| Repack::Add(format!("extra/{name}"))),
        (any::<usize>(), mutation()).prop_map(|(i, m)| Repack::Damage(i, m)),
    ]
}

/// The entries zipped again after `how`, and whether what the manifest and its signature
/// cover was changed (which verify must then find).
fn repack(entries: &[(String, Vec<u8>)], how: &Repack) -> (bool, Vec<u8>) {
    let mut entries = entries.to_vec();
    match how {
        Repack::Drop(i) => {
            entries.remove(i % entries.len());
        }
        Repack::Duplicate(i) => {
            let (name, bytes) = entries[i % entries.len()].clone();
            // Same length as the name, so that patching keeps every offset right.
            let placeholder: String = name.chars().rev().map(|c| if c == 'z' { 'y' } else { 'z' }).collect();
            entries.push((placeholder.clone(), bytes));
            let mut zipped = zip_of(&entries);
            let (from, to) = (placeholder.as_bytes(), name.as_bytes());
            let mut at = 0;
            while let Some(found) = zipped[at..].windows(from.len()).position(|w| w == from) {
                zipped[at + found..at + found + from.len()].copy_from_slice(to);
                at += found + from.len();
            }
            return (false, zipped);
        }
        Repack::Add(name) => entries.push((name.clone(), b"extra".to_vec())),
        Repack::Damage(i, m) => {
            let count = entries.len();
            let (name, bytes) = &mut entries[i % count];
            let damaged = mutate(bytes, m);
            // The signature is hex and a line end: a change of the line end alone is no change.
            let trimmed = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
            let covered = damaged != *bytes && !(name == "manifest.sig" && trimmed(&damaged) == trimmed(bytes));
            *bytes = damaged;
            return (covered, zip_of(&entries));
        }
    }
    (true, zip_of(&entries))
}

#[test]
fn the_package_reader_survives_mutated_packages_and_never_writes() {
    let packaged = packaged();
    let store = Store::open(&packaged.file, "کارشناس").unwrap();
    let before = file_bytes(&store);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mutated.zip");
    let repacked = repack_strategy().prop_map(|how| {
        let (covered, bytes) = repack(&packaged.entries, &how);
        (format!("{how:?}"), covered, bytes)
    });
    // Raw damage to the zip may hit only its metadata (a date, a comment) and leave the package whole.
    let raw = mutation().prop_map(|m| (format!("{m:?}"), false, mutate(&packaged.zip, &m)));
    runner(64)
        .run(&prop_oneof![repacked, raw], |(how, covered, bytes)| {
            std::fs::write(&input, &bytes).unwrap();
            match daftar::accounts::package::verify(&input, None) {
                Ok(report) => prop_assert!(!covered || !report.problems.is_empty(), "{how} passed verify"),
                Err(e) => prop_assert_eq!(e.fault(), Fault::User, "{}: {}", how, e),
            }
            if let Err(e) = daftar::reports::package_cover_letter(&store, &input) {
                prop_assert_eq!(e.fault(), Fault::User, "{}: {}", how, e);
            }
            prop_assert!(file_bytes(&store) == before, "{how} changed the province file");
            Ok(())
        })
        .unwrap();
}
