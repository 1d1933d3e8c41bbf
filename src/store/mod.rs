//! The province file: one SQLite file per province office, safe on a USB stick or a
//! network share (rollback journal, synchronous=FULL), held exclusively by one program.

mod audit;
mod error;
mod migrate;
mod province;

pub use audit::{
    export_xlsx as export_audit_xlsx, jalali_of_iso, now_iso, query as query_audit, AuditEntry, AuditError,
    AuditFilter, AuditPage, AuditRow, AuditService,
};
pub use error::{ReadOnlyReason, StoreError};
pub use migrate::LATEST_VERSION;
pub use province::{NewProvince, ProvinceInfo};

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// «DFTR»: marks a SQLite file as a Daftar province file.
pub const APPLICATION_ID: i32 = 0x4446_5452;

/// An open province file. While it lives, no other program can open the same file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    backup: Option<PathBuf>,
    /// Set when the file opened for reading only; every write is refused with it.
    read_only: Option<ReadOnlyReason>,
    /// Inside `batch`: each `write` is a savepoint of the batch's one transaction.
    in_batch: bool,
    /// Said to the person after the operation and never a failure of it (a backup that could
    /// not be written beside the file).
    warnings: Vec<String>,
}

impl Store {
    /// Create a new province file at `path`; refuses to overwrite anything.
    pub fn create(path: &Path, setup: &NewProvince, actor: &str) -> Result<Self, StoreError> {
        let setup = setup.validated()?;
        if path.exists() {
            return Err(StoreError::AlreadyExists { path: path.to_path_buf() });
        }
        let result = (|| {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| StoreError::from_open(path, e))?;
            configure_and_lock(&conn, path, true)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            migrate::run(&conn, 0, migrate::MIGRATIONS)?;
            let mut store = Self {
                conn,
                path: path.to_path_buf(),
                actor: actor.to_string(),
                backup: None,
                read_only: None,
                in_batch: false,
                warnings: Vec::new(),
            };
            store.write(|tx, actor| province::insert(tx, actor, &setup))?;
            Ok(store)
        })();
        if result.is_err() {
            // Leave nothing half-made behind.
            let _ = std::fs::remove_file(path);
        }
        result
    }

    /// Open an existing province file, bringing its schema up to date (after copying it).
    /// A file that cannot be written (or whose folder cannot) opens for reading only.
    pub fn open(path: &Path, actor: &str) -> Result<Self, StoreError> {
        Self::open_with(path, actor, migrate::MIGRATIONS, false)
    }

    /// Open for viewing and printing only: nothing is written to the file, not even at open.
    pub fn open_read_only(path: &Path, actor: &str) -> Result<Self, StoreError> {
        Self::open_with(path, actor, migrate::MIGRATIONS, true)
    }

    fn open_with(path: &Path, actor: &str, migrations: &[&str], read_only: bool) -> Result<Self, StoreError> {
        let latest = migrations.len() as u32;
        if !path.is_file() {
            return Err(StoreError::NotFound { path: path.to_path_buf() });
        }
        // SQLite would happily write a header into an empty or foreign file; look first.
        if !has_province_header(path) {
            return Err(StoreError::NotAProvinceFile { path: path.to_path_buf() });
        }
        let read_only = if read_only { Some(ReadOnlyReason::Requested) } else { why_read_only(path) };
        let mode = match read_only {
            Some(_) => OpenFlags::SQLITE_OPEN_READ_ONLY,
            None => OpenFlags::SQLITE_OPEN_READ_WRITE,
        };
        let conn = Connection::open_with_flags(path, mode | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| StoreError::from_open(path, e))?;
        configure_and_lock(&conn, path, read_only.is_none())?;
        let application_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if application_id != APPLICATION_ID || version == 0 {
            return Err(StoreError::NotAProvinceFile { path: path.to_path_buf() });
        }
        if version > latest {
            let written_by = province::last_app_version(&conn).unwrap_or_default();
            return Err(StoreError::NewerVersion { path: path.to_path_buf(), file_version: version, written_by });
        }
        if let (true, Some(reason)) = (version < latest, read_only) {
            return Err(StoreError::ReadOnlyNeedsMigration { path: path.to_path_buf(), reason });
        }
        let mut backup = None;
        if version < latest {
            let copy = backup_path(path, version);
            conn.execute("VACUUM INTO ?1", [copy.to_string_lossy()])
                .map_err(|source| StoreError::BackupFailed { path: copy.clone(), source })?;
            migrate::run(&conn, version, migrations)?;
            backup = Some(copy);
        }
        let mut store = Self {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
            backup,
            read_only,
            in_batch: false,
            warnings: Vec::new(),
        };
        if store.read_only.is_none() {
            store.write(|tx, _| province::note_app_version(tx))?;
        }
        Ok(store)
    }

    /// Why this file opened for reading only, if it did.
    pub fn read_only(&self) -> Option<ReadOnlyReason> {
        self.read_only
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who is recorded in the audit log for changes made through this store.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The copy made before this open migrated the file, if it did.
    pub fn backup_made(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    /// Read access for modules' queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn province(&self) -> Result<ProvinceInfo, StoreError> {
        let mut info = province::read(&self.conn, &self.path)?;
        // The banner says the sentence a refused write says.
        info.read_only = self.read_only.map(|reason| StoreError::ReadOnly { reason, detail: None }.to_string());
        Ok(info)
    }

    /// One operation, one transaction: commits when `work` succeeds, rolls back otherwise.
    /// `work` gets the connection inside the transaction and the actor to write audit rows with.
    /// Inside `batch` the operation is a savepoint instead: all or nothing all the same.
    pub fn write<T, E>(&mut self, work: impl FnOnce(&Connection, &str) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if let Some(reason) = self.read_only {
            return Err(E::from(StoreError::ReadOnly { reason, detail: None }));
        }
        let sql = |e: rusqlite::Error| E::from(StoreError::from(e));
        if self.in_batch {
            let savepoint = self.conn.savepoint().map_err(sql)?;
            let value = work(&savepoint, &self.actor)?;
            savepoint.commit().map_err(sql)?;
            return Ok(value);
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
        let value = work(&tx, &self.actor)?;
        tx.commit().map_err(sql)?;
        Ok(value)
    }

    /// Many operations (a batch of returned workbooks) in ONE transaction, one fsync'd commit
    /// instead of one per operation; each `write` inside stays all or nothing as a savepoint.
    /// What succeeded is committed even when `work` stops with an error, as separate
    /// transactions would have left it. A crash or kill before the commit leaves the file as it
    /// was before the batch (the rollback journal undoes it at the next open).
    pub fn batch<T, E>(&mut self, work: impl FnOnce(&mut Store) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if self.in_batch || self.read_only.is_some() {
            return work(self);
        }
        let sql = |e: rusqlite::Error| E::from(StoreError::from(e));
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(sql)?;
        self.in_batch = true;
        let value = work(self);
        self.in_batch = false;
        if self.conn.is_autocommit() {
            // SQLite itself rolled the transaction back (a full disk, an I/O error): `work`
            // stopped with that error.
            return value;
        }
        match self.conn.execute_batch("COMMIT") {
            Ok(()) => value,
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(sql(e))
            }
        }
    }

    /// Keep a warning for the person; the operation goes on.
    pub fn warn(&mut self, text: String) {
        self.warnings.push(text);
    }

    /// The warnings kept since last asked, taken.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The latest audit rows, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditRow>, StoreError> {
        Ok(audit::latest(&self.conn, limit)?)
    }
}

/// Write one audit row inside the caller's transaction.
pub fn record_audit(conn: &Connection, actor: &str, entry: &AuditEntry) -> Result<(), StoreError> {
    Ok(audit::record(conn, actor, entry)?)
}

/// Why the file could not take a write, asked of the system before SQLite is: SQLite would
/// open it anyway and fail at the first write, and its rollback journal is a new file beside it.
fn why_read_only(path: &Path) -> Option<ReadOnlyReason> {
    use std::fs::OpenOptions;
    use std::io::ErrorKind;
    let denied = |e: &std::io::Error, otherwise: ReadOnlyReason| match e.kind() {
        ErrorKind::ReadOnlyFilesystem => Some(ReadOnlyReason::ReadOnlyDisk),
        ErrorKind::PermissionDenied => Some(otherwise),
        _ => None,
    };
    // Opening for writing changes nothing in the file.
    if let Err(e) = OpenOptions::new().write(true).open(path) {
        return denied(&e, ReadOnlyReason::FileNotWritable);
    }
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Not the journal's own name: a journal left by a crash must not be touched.
    let probe = folder.join(format!(".{name}-{}.probe", std::process::id()));
    match OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) => denied(&e, ReadOnlyReason::FolderNotWritable),
    }
}

/// `writable: false` for a file opened read-only: its journal mode is left as it is (setting
/// it would be a write) and the lock held is a shared one, taken by a read.
fn configure_and_lock(conn: &Connection, path: &Path, writable: bool) -> Result<(), StoreError> {
    let in_use_or = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            StoreError::InUse { path: path.to_path_buf() }
        }
        Some(ErrorCode::NotADatabase) => StoreError::NotAProvinceFile { path: path.to_path_buf() },
        _ => StoreError::from(e),
    };
    conn.busy_timeout(Duration::from_millis(300))?;
    // Hold the file's lock from open to close: a second app or CLI gets «in use», not a race.
    let _: String = conn.pragma_update_and_check(None, "locking_mode", "EXCLUSIVE", |r| r.get(0))?;
    if writable {
        // A rollback journal, not WAL: WAL needs shared memory that network file systems lack.
        let _: String =
            conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0)).map_err(in_use_or)?;
    } else {
        // In exclusive locking mode the shared lock of this read is kept until close.
        let _: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).map_err(in_use_or)?;
    }
    conn.pragma_update(None, "synchronous", "FULL").map_err(in_use_or)?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(in_use_or)?;
    // Savepoints (each workbook of a batch is one) keep their undo pages in memory instead of
    // spilling them to a temporary file page by page; the file's own rollback journal, which
    // is what a crash needs, is unchanged.
    conn.pragma_update(None, "temp_store", "MEMORY").map_err(in_use_or)?;
    if writable {
        conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;").map_err(in_use_or)?;
    }
    Ok(())
}

/// The 100-byte SQLite header says «SQLite format 3» and carries our application id at offset 68.
fn has_province_header(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    read.is_ok() && header.starts_with(b"SQLite format 3\0") && header[68..72] == APPLICATION_ID.to_be_bytes()
}

fn backup_path(path: &Path, version: u32) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "province".into());
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    path.with_file_name(format!("{stem}.before-migration-v{version}-{stamp}.daftar"))
}

/// The name recorded as «who» when nobody said: the computer account's name.
pub fn default_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "کاربر".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Problem;

    fn lorestan() -> NewProvince {
        NewProvince {
            province: "لرستان".into(),
            office: "سازمان مدیریت و برنامه‌ریزی استان لرستان".into(),
            working_year: 1403,
        }
    }

    #[test]
    fn pragmas_make_the_file_safe_to_carry() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("p.daftar"), &lorestan(), "tester").unwrap();
        let c = store.conn();
        let journal: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        let sync: i64 = c.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
        let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        let locking: String = c.pragma_query_value(None, "locking_mode", |r| r.get(0)).unwrap();
        assert_eq!((journal.as_str(), sync, fk, locking.as_str()), ("delete", 2, 1, "exclusive"));
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("p.daftar"), &lorestan(), "tester").unwrap();
        let before = store.audit_log(100).unwrap().len();
        let result: Result<(), StoreError> = store.write(|tx, actor| {
            record_audit(tx, actor, &AuditEntry::new("test", "x", "create"))?;
            Err(StoreError::InvalidSetup { message: "stop".into() })
        });
        assert!(result.is_err());
        assert_eq!(store.audit_log(100).unwrap().len(), before);
    }

    const M1: &str = "CREATE TABLE t1 (x INTEGER);";
    const M2: &str = "CREATE TABLE t2 (y INTEGER); INSERT INTO t1 VALUES (7);";

    fn user_version(path: &Path) -> u32 {
        Connection::open(path).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
    }

    #[test]
    fn migrating_copies_the_file_first_and_runs_each_step_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.daftar");
        drop(Store::create(&path, &lorestan(), "tester").unwrap());
        let mut all = migrate::MIGRATIONS.to_vec();
        all.push(M1);
        let store = Store::open_with(&path, "tester", &all, false).unwrap();
        let backup = store.backup_made().unwrap().to_path_buf();
        drop(store);
        assert_eq!(user_version(&path), LATEST_VERSION + 1);
        assert_eq!(user_version(&backup), LATEST_VERSION);
        assert!(backup.file_name().unwrap().to_string_lossy().contains("before-migration"));
        all.push(M2);
        let store = Store::open_with(&path, "tester", &all, false).unwrap();
        let rows: i64 = store.conn().query_row("SELECT count(*) FROM t1", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 1);
        drop(store);
        let store = Store::open_with(&path, "tester", &all, false).unwrap();
        assert!(store.backup_made().is_none(), "an up-to-date file is not copied again");
    }

    #[test]
    fn a_failing_migration_leaves_the_file_at_its_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.daftar");
        drop(Store::create(&path, &lorestan(), "tester").unwrap());
        let mut all = migrate::MIGRATIONS.to_vec();
        all.push("CREATE TABLE half (x); THIS IS NOT SQL;");
        let err = Store::open_with(&path, "tester", &all, false).err().unwrap();
        assert!(matches!(err, StoreError::MigrationFailed { version, .. } if version == LATEST_VERSION + 1));
        assert_eq!(user_version(&path), LATEST_VERSION);
        let store = Store::open(&path, "tester").unwrap();
        let half: i64 =
            store.conn().query_row("SELECT count(*) FROM sqlite_master WHERE name = 'half'", [], |r| r.get(0)).unwrap();
        assert_eq!(half, 0);
    }

    fn audit_rows(path: &Path) -> i64 {
        Connection::open(path).unwrap().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_file_opened_read_only_is_read_and_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.daftar");
        drop(Store::create(&path, &lorestan(), "tester").unwrap());
        let before = std::fs::read(&path).unwrap();
        let mut store = Store::open_read_only(&path, "tester").unwrap();
        assert_eq!(store.read_only(), Some(ReadOnlyReason::Requested));
        let info = store.province().unwrap();
        assert_eq!(info.province, "لرستان");
        let said = info.read_only.unwrap();
        let refused =
            store.write(|tx, actor| record_audit(tx, actor, &AuditEntry::new("test", "x", "create"))).unwrap_err();
        assert_eq!((refused.code(), refused.fault()), ("store.read_only", crate::Fault::User));
        assert_eq!(refused.to_string(), said, "the banner and the refusal say one sentence");
        // Raw SQL through the connection is refused by SQLite too, and said the same way.
        let raw = StoreError::from(store.conn().execute("DELETE FROM province", []).unwrap_err());
        assert_eq!(raw.code(), "store.read_only");
        drop(store);
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!dir.path().join("p.daftar-journal").exists());
    }

    #[test]
    fn a_read_only_file_that_needs_migrating_says_to_copy_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.daftar");
        drop(Store::create(&path, &lorestan(), "tester").unwrap());
        let before = std::fs::read(&path).unwrap();
        let mut all = migrate::MIGRATIONS.to_vec();
        all.push(M1);
        let err = Store::open_with(&path, "tester", &all, true).err().unwrap();
        assert_eq!(err.code(), "store.read_only_needs_migration");
        assert!(err.to_string().contains("رونوشت کنید"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no copy was made beside it");
    }

    /// chmod binds everyone but root (and CAP_DAC_OVERRIDE): there such a test has nothing to show.
    fn chmod_binds(probe: impl FnOnce() -> std::io::Result<()>, what: &str) -> bool {
        let binds = probe().is_err();
        if !binds {
            eprintln!("skipped: this user writes through permissions (root?), so a {what} cannot be made here");
        }
        binds
    }

    /// Read-only is chmod a-w on Unix and the read-only attribute on Windows.
    #[test]
    fn a_file_without_write_permission_opens_read_only_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.daftar");
        drop(Store::create(&path, &lorestan(), "tester").unwrap());
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let open_for_write = || std::fs::OpenOptions::new().write(true).open(&path).map(drop);
        if !chmod_binds(open_for_write, "read-only file") {
            return;
        }
        let store = Store::open(&path, "tester").unwrap();
        assert_eq!(store.read_only(), Some(ReadOnlyReason::FileNotWritable));
        assert!(store.province().unwrap().read_only.unwrap().contains("اجازهٔ نوشتن ندارد"));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_in_a_closed_folder_opens_read_only_and_says_why() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("closed");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("p.daftar");
        drop(Store::create(&path, &lorestan(), "tester").unwrap());
        let rows = audit_rows(&path);
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        let create_beside =
            || std::fs::write(folder.join("probe"), b"").inspect(|_| drop(std::fs::remove_file(folder.join("probe"))));
        let binds = chmod_binds(create_beside, "closed folder");
        if binds {
            let mut store = Store::open(&path, "tester").unwrap();
            assert_eq!(store.read_only(), Some(ReadOnlyReason::FolderNotWritable));
            let refused =
                store.write(|tx, actor| record_audit(tx, actor, &AuditEntry::new("t", "x", "y"))).unwrap_err();
            assert_eq!(refused.code(), "store.read_only");
        }
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(audit_rows(&path), rows);
    }

    #[test]
    fn the_audit_log_refuses_edits_in_sql() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("p.daftar"), &lorestan(), "tester").unwrap();
        let err = store.conn().execute("UPDATE audit_log SET actor = 'x'", []).unwrap_err();
        assert!(err.to_string().contains("append-only"));
        let err = store.conn().execute("DELETE FROM audit_log", []).unwrap_err();
        assert!(err.to_string().contains("append-only"));
    }
}
