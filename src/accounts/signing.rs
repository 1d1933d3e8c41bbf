//! The office's Ed25519 key, kept in the province file (table office_key, migration 0006) and
//! made on first use. It signs each package's manifest.json; the Statistical Centre registers
//! the key's fingerprint once and checks every package against it.

use super::AccountsError;
use crate::store::{now_iso, record_audit, AuditEntry, Store};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The office's public key as it is registered and printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficeKey {
    /// The 32-byte Ed25519 public key, hex.
    pub public_key: String,
    pub fingerprint: String,
    pub created_at: String,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hex digits to bytes; None unless the text is whole pairs of hex digits.
pub(crate) fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

/// The first 16 bytes of the public key's SHA-256, in upper-case groups of four: short enough
/// to read over the telephone, long enough that no other key shares it.
pub fn fingerprint(public_key: &[u8; 32]) -> String {
    fingerprint_of_digits(&hex(&Sha256::digest(public_key)[..16]))
}

fn office_key_of(public_key: &[u8; 32], created_at: String) -> OfficeKey {
    OfficeKey { public_key: hex(public_key), fingerprint: fingerprint(public_key), created_at }
}

/// The stored key pair, if the file has one.
fn stored(conn: &Connection) -> Result<Option<(SigningKey, String)>, AccountsError> {
    let row: Option<(Vec<u8>, String)> = conn
        .query_row("SELECT secret_key, created_at FROM office_key WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.and_then(|(secret, created_at)| {
        let secret: [u8; 32] = secret.try_into().ok()?;
        Some((SigningKey::from_bytes(&secret), created_at))
    }))
}

/// The office's public key, without making one: None for a file that never signed a package.
pub fn existing_office_key(conn: &Connection) -> Result<Option<OfficeKey>, AccountsError> {
    Ok(stored(conn)?.map(|(key, created_at)| office_key_of(key.verifying_key().as_bytes(), created_at)))
}

/// The office's signing key, made (from the operating system's randomness) and audited the
/// first time it is needed.
pub(crate) struct OfficeSigner {
    key: SigningKey,
}

impl OfficeSigner {
    pub(crate) fn for_office(store: &mut Store) -> Result<Self, AccountsError> {
        if let Some((key, _)) = stored(store.conn())? {
            return Ok(Self { key });
        }
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| AccountsError::KeyCreation { detail: e.to_string() })?;
        let key = SigningKey::from_bytes(&secret);
        let signer = Self { key };
        store.write(|tx, actor| {
            tx.execute(
                "INSERT INTO office_key (id, algorithm, secret_key, public_key, created_at) VALUES (1, 'ed25519', ?1, ?2, ?3)",
                rusqlite::params![&secret[..], &signer.key.verifying_key().as_bytes()[..], now_iso()],
            )?;
            let made = serde_json::json!({ "public_key": signer.public_key(), "fingerprint": signer.fingerprint() });
            record_audit(tx, actor, &AuditEntry::new("office_key", "1", "create").new_value(made))?;
            Ok::<_, AccountsError>(())
        })?;
        Ok(signer)
    }

    /// Hex.
    pub(crate) fn public_key(&self) -> String {
        hex(self.key.verifying_key().as_bytes())
    }

    pub(crate) fn fingerprint(&self) -> String {
        fingerprint(self.key.verifying_key().as_bytes())
    }

    /// The signature of exactly `message`, hex.
    pub(crate) fn sign(&self, message: &[u8]) -> String {
        hex(&self.key.sign(message).to_bytes())
    }
}

/// The office's public key, made first if the file has none yet (`package key`).
pub fn office_key(store: &mut Store) -> Result<OfficeKey, AccountsError> {
    OfficeSigner::for_office(store)?;
    existing_office_key(store.conn())?
        .ok_or_else(|| AccountsError::KeyCreation { detail: "the stored key is not 32 bytes".into() })
}

/// Whether `signature` (hex) is `public_key`'s (hex) signature of exactly `message`.
/// Strict verification: no malleable or small-order forms.
pub(crate) fn signature_holds(public_key: &str, signature: &str, message: &[u8]) -> bool {
    let Some(public) = from_hex(public_key).and_then(|b| <[u8; 32]>::try_from(b).ok()) else { return false };
    let Some(signature) = from_hex(signature).and_then(|b| <[u8; 64]>::try_from(b).ok()) else { return false };
    let Ok(public) = VerifyingKey::from_bytes(&public) else { return false };
    public.verify_strict(message, &Signature::from_bytes(&signature)).is_ok()
}

/// The key a package must be signed with, as the receiver gives it: the public key (64 hex
/// digits) or its fingerprint (32), spaces, colons and case as they come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectedKey {
    PublicKey([u8; 32]),
    Fingerprint(String),
}

impl ExpectedKey {
    pub fn parse(text: &str) -> Result<Self, AccountsError> {
        let digits: String = text.chars().filter(|c| !matches!(c, ' ' | ':' | '-')).collect::<String>().to_lowercase();
        let bytes = from_hex(&crate::fa::to_latin_digits(&digits));
        match bytes {
            Some(b) if b.len() == 32 => Ok(Self::PublicKey(b.try_into().expect("32 bytes"))),
            Some(b) if b.len() == 16 => Ok(Self::Fingerprint(fingerprint_of_digits(&hex(&b)))),
            _ => Err(AccountsError::BadKeyArgument { given: text.to_string() }),
        }
    }

    /// The fingerprint this expectation stands for.
    pub fn fingerprint(&self) -> String {
        match self {
            Self::PublicKey(key) => fingerprint(key),
            Self::Fingerprint(f) => f.clone(),
        }
    }

    pub fn matches(&self, public_key: &str) -> bool {
        let Some(public) = from_hex(public_key).and_then(|b| <[u8; 32]>::try_from(b).ok()) else { return false };
        match self {
            Self::PublicKey(key) => *key == public,
            Self::Fingerprint(f) => *f == fingerprint(&public),
        }
    }
}

fn fingerprint_of_digits(digits: &str) -> String {
    digits
        .to_uppercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Problem;

    #[test]
    fn a_key_is_given_as_public_key_or_fingerprint_in_any_spelling() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let public = key.verifying_key().to_bytes();
        let print = fingerprint(&public);
        assert_eq!(print.len(), 39);
        assert_eq!(ExpectedKey::parse(&hex(&public)).unwrap(), ExpectedKey::PublicKey(public));
        let loose = print.to_lowercase().replace(' ', ":");
        assert!(ExpectedKey::parse(&loose).unwrap().matches(&hex(&public)));
        assert!(!ExpectedKey::parse(&loose).unwrap().matches(&hex(&[1u8; 32])));
        assert_eq!(ExpectedKey::parse("abc").unwrap_err().code(), "accounts.package.bad_key");
    }

    #[test]
    fn a_signature_holds_only_for_its_own_bytes_and_key() {
        let key = SigningKey::from_bytes(&[9u8; 32]);
        let public = hex(key.verifying_key().as_bytes());
        let signature = hex(&key.sign(b"manifest").to_bytes());
        assert!(signature_holds(&public, &signature, b"manifest"));
        assert!(!signature_holds(&public, &signature, b"manifesT"));
        assert!(!signature_holds(
            &hex(SigningKey::from_bytes(&[1u8; 32]).verifying_key().as_bytes()),
            &signature,
            b"manifest"
        ));
        assert!(!signature_holds(&public, "zz", b"manifest"));
    }
}
