//! The package proves itself: manifest.json is signed with the office's key (kept in the
//! province file), verify checks the signature over its exact bytes, every file, the counts,
//! and the key against a registered one; the cover letter is refused for a package that does
//! not verify; a file that is not a package is bad input (exit 2), not a finding (exit 1).

use crate::common;

use daftar::accounts::package::{self, Manifest};
use daftar::accounts::signing::{self, ExpectedKey};
use daftar::store::Store;
use daftar::Problem;
use ed25519_dalek::{Signer, SigningKey};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A demo province with a draft package of 1403 written; the store stays open.
fn packaged() -> (tempfile::TempDir, Store, PathBuf, Manifest) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lorestan.daftar");
    daftar::demo::build(&path, &common::fixtures(), false, "آزمون").unwrap();
    let mut store = Store::open(&path, "کارشناس").unwrap();
    let out = dir.path().join("package-1403.zip");
    let manifest = package::package(&mut store, 1403, &out, true).unwrap();
    (dir, store, out, manifest)
}

/// The entries of a zip, in order.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    common::zip_entries(path)
}

fn write_zip(path: &Path, entries: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

fn entry<'a>(all: &'a mut [(String, Vec<u8>)], name: &str) -> &'a mut Vec<u8> {
    &mut all.iter_mut().find(|(n, _)| n == name).unwrap().1
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Sign a manifest as a forger would: with a key of their own, public key and fingerprint
/// in the manifest made to match.
fn resign(all: &mut [(String, Vec<u8>)], mut manifest: Manifest) {
    let key = SigningKey::from_bytes(&[42u8; 32]);
    manifest.public_key = hex(key.verifying_key().as_bytes());
    manifest.key_fingerprint = signing::fingerprint(key.verifying_key().as_bytes());
    let bytes = serde_json::to_vec_pretty(&manifest).unwrap();
    *entry(all, "manifest.sig") = format!("{}\n", hex(&key.sign(&bytes).to_bytes())).into_bytes();
    *entry(all, "manifest.json") = bytes;
}

const BAD_SIGNATURE: &str = "امضای manifest.json درست نیست: manifest پس از ساخت بسته تغییر کرده یا امضا از آنِ آن نیست.";

#[test]
fn a_package_is_signed_by_the_office_key_and_verifies_against_it() {
    let (dir, mut store, out, manifest) = packaged();
    let key = signing::office_key(&mut store).unwrap();
    assert_eq!(manifest.public_key, key.public_key);
    assert_eq!(manifest.key_fingerprint, key.fingerprint);
    assert_eq!(
        entries(&out).iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()[3..],
        ["manifest.json", "manifest.sig"]
    );

    let report = package::verify(&out, None).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.signed_by.as_deref(), Some(key.fingerprint.as_str()));
    assert_eq!(report.manifest_sha256, sha256_hex(&entry(&mut entries(&out), "manifest.json")[..]));
    for given in [key.fingerprint.clone(), key.fingerprint.to_lowercase().replace(' ', ""), key.public_key.clone()] {
        let report = package::verify(&out, Some(&ExpectedKey::parse(&given).unwrap())).unwrap();
        assert!(report.problems.is_empty(), "{given}: {:?}", report.problems);
    }

    // Another province file has another key: its fingerprint does not match this package.
    let other = dir.path().join("other.daftar");
    let mut other = Store::create(&other, &common::lorestan(), "آزمون").unwrap();
    let other_key = signing::office_key(&mut other).unwrap();
    assert_ne!(other_key.fingerprint, key.fingerprint);
    let report = package::verify(&out, Some(&ExpectedKey::parse(&other_key.fingerprint).unwrap())).unwrap();
    assert_eq!(
        report.problems,
        [format!(
            "بسته با کلید {} امضا شده است، نه با کلید {} که باید؛ از دفتر دیگری است یا کسی آن را دوباره امضا کرده است.",
            key.fingerprint, other_key.fingerprint
        )]
    );

    // The key is made once, audited, and kept: asking again gives the same one.
    assert_eq!(signing::office_key(&mut store).unwrap(), key);
    let made: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE entity = 'office_key' AND action = 'create'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(made, 1);
}

#[test]
fn an_edited_manifest_or_a_file_edited_with_its_hash_breaks_the_signature() {
    let (dir, _store, out, manifest) = packaged();
    let tampered = dir.path().join("tampered.zip");

    // The manifest itself: province, counts, failed rules.
    let mut all = entries(&out);
    let text = String::from_utf8(entry(&mut all, "manifest.json").clone()).unwrap();
    let edited = text
        .replace(&format!("\"rules_failed\": {}", manifest.rules_failed), "\"rules_failed\": 0")
        .replace(&format!("\"province\": \"{}\"", manifest.province), "\"province\": \"تهران\"");
    assert_ne!(edited, text);
    *entry(&mut all, "manifest.json") = edited.into_bytes();
    write_zip(&tampered, &all);
    let report = package::verify(&tampered, None).unwrap();
    assert!(report.problems.contains(&BAD_SIGNATURE.to_string()), "{:?}", report.problems);
    assert_eq!(report.signed_by, None);

    // data.csv changed together with its hash and size in the manifest.
    let mut all = entries(&out);
    let data = String::from_utf8(entry(&mut all, "data.csv").clone()).unwrap();
    let line = data.lines().find(|l| l.contains(",T01.WHEAT_IRR.AREA,")).unwrap().to_string();
    assert!(!line.contains('"'), "{line}");
    let mut fields: Vec<&str> = line.split(',').collect();
    assert_ne!(fields[6], "999999");
    fields[6] = "999999"; // the value
    let data = data.replace(&line, &fields.join(","));
    let mut forged = manifest.clone();
    let listed = forged.files.iter_mut().find(|f| f.name == "data.csv").unwrap();
    listed.sha256 = sha256_hex(data.as_bytes());
    listed.bytes = data.len() as u64;
    *entry(&mut all, "data.csv") = data.into_bytes();
    *entry(&mut all, "manifest.json") = serde_json::to_vec_pretty(&forged).unwrap();
    write_zip(&tampered, &all);
    let report = package::verify(&tampered, None).unwrap();
    assert_eq!(report.problems, [BAD_SIGNATURE]);

    // Signature missing.
    let mut all = entries(&out);
    all.retain(|(n, _)| n != "manifest.sig");
    write_zip(&tampered, &all);
    assert_eq!(
        package::verify(&tampered, None).unwrap().problems,
        ["امضای manifest.json (فایل manifest.sig) در بسته نیست."]
    );
}

#[test]
fn a_forger_key_verifies_alone_but_not_against_the_registered_one_and_counts_are_checked() {
    let (dir, mut store, out, manifest) = packaged();
    let registered = ExpectedKey::parse(&signing::office_key(&mut store).unwrap().fingerprint).unwrap();
    let forged = dir.path().join("forged.zip");

    // Re-signed with the forger's own key, counts changed: the signature holds for that key,
    // the counts do not hold against the files, and the registered key does not match.
    let mut all = entries(&out);
    let mut lie = manifest.clone();
    lie.items += 1;
    lie.values -= 1;
    lie.rules_failed = 0;
    lie.tables += 2;
    resign(&mut all, lie);
    write_zip(&forged, &all);
    let alone = package::verify(&forged, None).unwrap();
    assert_ne!(alone.signed_by, Some(manifest.key_fingerprint.clone()));
    assert!(alone.signed_by.is_some());
    let fa = |n: u32| daftar::fa::int(n);
    assert_eq!(
        alone.problems,
        [
            format!("manifest {} قلم می‌گوید و فایل‌ها {} دارند.", fa(manifest.items + 1), fa(manifest.items)),
            format!("manifest {} مقدار می‌گوید و فایل‌ها {} دارند.", fa(manifest.values - 1), fa(manifest.values)),
            format!("manifest ۰ قاعدهٔ ناموفق می‌گوید و فایل‌ها {} دارند.", fa(manifest.rules_failed)),
            format!("manifest {} جدول می‌گوید و فایل‌ها {} دارند.", fa(manifest.tables + 2), fa(manifest.tables)),
        ]
    );
    assert!(manifest.rules_failed > 0, "the demo draft has failed rules to hide");
    let against = package::verify(&forged, Some(&registered)).unwrap();
    assert_eq!(against.problems.len(), alone.problems.len() + 1);
    assert!(against.problems[0].contains("نه با کلید"), "{:?}", against.problems);
}

#[test]
fn the_cover_letter_is_refused_for_a_tampered_package_saying_what_is_wrong() {
    let (dir, store, out, _manifest) = packaged();
    let tampered = dir.path().join("tampered.zip");
    let mut all = entries(&out);
    all.retain(|(n, _)| n != "checks.csv");
    all.push(("notes.txt".into(), b"added after packaging".to_vec()));
    write_zip(&tampered, &all);
    let before = std::fs::read(store.path()).unwrap();

    let err = daftar::reports::package_cover_letter(&store, &tampered).err().expect("refused");
    assert_eq!(err.code(), "accounts.package.rejected");
    assert_eq!(
        err.to_string(),
        "بستهٔ «tampered.zip» وارسی شد و ۲ ایراد دارد؛ برای بسته‌ای که با ساختهٔ این پرونده یکی نیست نامهٔ همراه نوشته نمی‌شود. بسته را دوباره بسازید."
    );
    assert_eq!(
        err.details(),
        ["«checks.csv» در فهرست manifest هست ولی در بسته نیست.", "«notes.txt» در بسته هست ولی در manifest نیست."]
    );
    assert_eq!(std::fs::read(store.path()).unwrap(), before, "the cover letter writes nothing");

    // A whole package made by another province file is not this office's either.
    let other_dir = tempfile::tempdir().unwrap();
    let other_path = other_dir.path().join("other.daftar");
    let mut other = Store::create(&other_path, &common::lorestan(), "آزمون").unwrap();
    let err = daftar::reports::package_cover_letter(&other, &out).err().expect("refused");
    assert_eq!(err.code(), "accounts.package.no_office_key");
    signing::office_key(&mut other).unwrap();
    let err = daftar::reports::package_cover_letter(&other, &out).err().expect("refused");
    assert_eq!(err.code(), "accounts.package.rejected");
    assert!(err.details()[0].contains("نه با کلید"), "{:?}", err.details());
}

#[test]
fn files_that_are_not_packages_are_bad_input_saying_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let plain_zip = dir.path().join("photos.zip");
    write_zip(&plain_zip, &[("a.txt".into(), b"hello".to_vec())]);
    let text = dir.path().join("notes.zip");
    std::fs::write(&text, "just text").unwrap();
    let what_a_package_is = "بسته فایل zipی است که دفتر با «ساختن بسته» می‌سازد و manifest.json، امضای آن (manifest.sig)، data.csv، checks.csv و کارپوشهٔ جدول‌ها را دارد.";
    for (path, looks_like) in [
        (common::fixtures().join("agencies.xlsx"), "کارپوشهٔ اکسل (xlsx) است"),
        (plain_zip, "فایل zipی است که manifest.json ندارد"),
        (text, "متن ساده است، نه zip"),
    ] {
        let err = package::verify(&path, None).unwrap_err();
        assert_eq!(err.code(), "accounts.package.not_a_package");
        assert_eq!(err.fault(), daftar::Fault::User);
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(err.to_string(), format!("«{name}» بستهٔ حساب‌های منطقه‌ای نیست: {looks_like}. {what_a_package_is}"));
    }
}

#[test]
fn the_office_key_cannot_be_replaced_or_deleted_by_raw_sql() {
    let (dir, mut store) = common::new_store();
    let key = signing::office_key(&mut store).unwrap();
    let path = dir.path().join("lorestan.daftar");
    drop(store);
    let raw = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE office_key SET public_key = zeroblob(32)",
        "DELETE FROM office_key",
        "INSERT OR REPLACE INTO office_key VALUES (1, 'ed25519', zeroblob(32), zeroblob(32), 'now')",
        "REPLACE INTO office_key (id, algorithm, secret_key, public_key, created_at) VALUES (1, 'ed25519', zeroblob(32), zeroblob(32), 'now')",
    ] {
        let err = raw.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("office_key_immutable"), "{sql}: {err}");
    }
    drop(raw);
    let mut store = Store::open(&path, "آزمون").unwrap();
    assert_eq!(signing::office_key(&mut store).unwrap(), key);
}

fn daftar_cli(file: &Path, args: &[&str]) -> (i32, String, String) {
    common::cli(file, args)
}

#[test]
fn the_cli_verifies_with_a_key_refuses_a_cover_and_tells_bad_input_from_findings() {
    let (dir, store, out, manifest) = packaged();
    let file = store.path().to_path_buf();
    drop(store);
    let p = |path: &Path| path.to_string_lossy().into_owned();

    let (code, stdout, _) = daftar_cli(&file, &["accounts", "package", "key"]);
    assert_eq!(code, 0);
    assert!(stdout.contains(&manifest.key_fingerprint), "{stdout}");
    let (code, stdout, err) =
        daftar_cli(&file, &["accounts", "package", "verify", &p(&out), "--key", &manifest.key_fingerprint]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("امضای manifest درست است"), "{stdout}");

    let (code, _, err) =
        daftar_cli(&file, &["accounts", "package", "verify", &p(&common::fixtures().join("agencies.xlsx"))]);
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("خطا: «agencies.xlsx» بستهٔ حساب‌های منطقه‌ای نیست: کارپوشهٔ اکسل (xlsx) است."), "{err}");
    let (code, _, err) = daftar_cli(&file, &["accounts", "package", "verify", &p(&out), "--key", "not-a-key"]);
    assert_eq!(code, 2, "{err}");

    let tampered = dir.path().join("tampered.zip");
    let mut all = entries(&out);
    all.retain(|(n, _)| n != "data.csv");
    write_zip(&tampered, &all);
    let (code, stdout, _) = daftar_cli(&file, &["accounts", "package", "verify", &p(&tampered)]);
    assert_eq!(code, 1);
    assert!(stdout.contains("ایراد: «data.csv» در فهرست manifest هست ولی در بسته نیست."), "{stdout}");
    let cover = dir.path().join("cover.pdf");
    let (code, _, err) = daftar_cli(&file, &["report", "cover", &p(&tampered), "--out", &p(&cover)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("«data.csv» در فهرست manifest هست ولی در بسته نیست."), "{err}");
    assert!(!cover.exists());
    let (code, _, err) = daftar_cli(&file, &["report", "cover", &p(&out), "--out", &p(&cover)]);
    assert_eq!(code, 0, "{err}");
    assert!(cover.exists());
    // The cover letter took a number from the register (the refused one took none).
    let (code, listed, _) = daftar_cli(&file, &["--json", "register", "list", "--query", "cover.pdf"]);
    assert_eq!(code, 0);
    let entries: Vec<daftar::register::RegisterEntry> = serde_json::from_str(&listed).unwrap();
    assert_eq!(entries.len(), 1, "{listed}");
    assert_eq!((entries[0].kind.as_str(), entries[0].direction.as_str()), ("cover_letter", "out"));
    let text = String::from_utf8(std::process::Command::new("pdftotext").arg(&cover).arg("-").output().unwrap().stdout)
        .unwrap();
    assert!(text.contains("شماره"), "the number is printed: {text}");
}
