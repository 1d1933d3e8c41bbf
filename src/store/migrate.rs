//! Embedded, numbered migrations; each runs in its own transaction with the
//! schema version (PRAGMA user_version) bumped inside it.

use super::StoreError;
use rusqlite::Connection;

pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_foundation.sql"),
    include_str!("migrations/0002_accounts.sql"),
    include_str!("migrations/0003_evaluation.sql"),
    include_str!("migrations/0004_reports.sql"),
    include_str!("migrations/0005_locks.sql"),
    include_str!("migrations/0006_office_key.sql"),
    include_str!("migrations/0007_explanations_by_agency.sql"),
    include_str!("migrations/0008_hq_changes.sql"),
    include_str!("migrations/0009_national_transfer.sql"),
    include_str!("migrations/0010_lead_agencies.sql"),
    include_str!("migrations/0011_evaluator_teams.sql"),
    include_str!("migrations/0012_briefings_and_requests.sql"),
    include_str!("migrations/0013_letter_register.sql"),
    // backups
    include_str!("migrations/0016_backups.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

pub(super) fn run(conn: &Connection, from: u32, migrations: &[&str]) -> Result<(), StoreError> {
    for (index, sql) in migrations.iter().enumerate().skip(from as usize) {
        let version = index as u32 + 1;
        let apply = || -> rusqlite::Result<()> {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let result = conn.execute_batch(sql).and_then(|_| conn.pragma_update(None, "user_version", version));
            match result {
                Ok(()) => conn.execute_batch("COMMIT"),
                Err(e) => {
                    let _ = conn.execute_batch("ROLLBACK");
                    Err(e)
                }
            }
        };
        apply().map_err(|source| StoreError::MigrationFailed { version, source })?;
    }
    Ok(())
}
