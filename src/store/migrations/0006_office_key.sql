-- 0006: the office's signing key. The package for the Statistical Centre carries an Ed25519
-- signature of its manifest.json made with this key; the Centre registers the public key's
-- fingerprint once and checks every package against it (docs/formats/package.md).
-- One key per province file, made on first use. It is never replaced or deleted by the app:
-- a new key would make every registered fingerprint wrong, so raw SQL is refused too
-- (REPLACE is caught by the BEFORE INSERT guard, see 0005 for why).
CREATE TABLE office_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    algorithm   TEXT NOT NULL CHECK (algorithm = 'ed25519'),
    secret_key  BLOB NOT NULL CHECK (length(secret_key) = 32),
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    created_at  TEXT NOT NULL
);

CREATE TRIGGER office_key_made_once BEFORE INSERT ON office_key
WHEN EXISTS (SELECT 1 FROM office_key)
BEGIN
    SELECT RAISE(ABORT, 'office_key_immutable');
END;

CREATE TRIGGER office_key_no_update BEFORE UPDATE ON office_key
BEGIN
    SELECT RAISE(ABORT, 'office_key_immutable');
END;

CREATE TRIGGER office_key_no_delete BEFORE DELETE ON office_key
BEGIN
    SELECT RAISE(ABORT, 'office_key_immutable');
END;
