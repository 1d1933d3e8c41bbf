//! The agency directory in the province file; every change writes its audit row in
//! the same transaction.

use super::validate::{clean, problems};
use super::{Agency, AgencyError, AgencyGroup, AgencyInput};
use crate::fa::comparison_key;
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

const SELECT_AGENCY: &str = "SELECT a.id, a.code, a.name, a.short_name, g.name, a.parent_ministry,
        a.focal_person, a.phone, a.email, a.active
     FROM agency a LEFT JOIN agency_group g ON g.id = a.group_id";

fn from_row(r: &Row) -> rusqlite::Result<Agency> {
    Ok(Agency {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        short_name: r.get(3)?,
        group: r.get(4)?,
        parent_ministry: r.get(5)?,
        focal_person: r.get(6)?,
        phone: r.get(7)?,
        email: r.get(8)?,
        active: r.get(9)?,
    })
}

/// Agencies ordered by code, filtered by a search over code, name, short name, group and
/// ministry that ignores ی/ي, ک/ك, spaces and half-spaces.
pub fn list(store: &Store, query: &str, include_inactive: bool) -> Result<Vec<Agency>, AgencyError> {
    let mut stmt = store.conn().prepare(&format!("{SELECT_AGENCY} ORDER BY a.code"))?;
    let all = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let key = comparison_key(query);
    Ok(all
        .into_iter()
        .filter(|a| include_inactive || a.active)
        .filter(|a| {
            key.is_empty()
                || [&a.code, &a.name, &a.short_name, &a.parent_ministry, a.group.as_deref().unwrap_or_default()]
                    .iter()
                    .any(|field| comparison_key(field).contains(&key))
        })
        .collect())
}

pub fn find(store: &Store, code: &str) -> Result<Agency, AgencyError> {
    let code = super::validate::normalized_code(code);
    by_code(store.conn(), &code)?.ok_or(AgencyError::NotFound { code })
}

/// The festival groups with their agency counts, by name.
pub fn groups(store: &Store) -> Result<Vec<AgencyGroup>, AgencyError> {
    let mut stmt = store.conn().prepare(
        "SELECT g.id, g.name, count(a.id) FROM agency_group g LEFT JOIN agency a ON a.group_id = g.id
         GROUP BY g.id ORDER BY g.name",
    )?;
    let rows = stmt.query_map([], |r| Ok(AgencyGroup { id: r.get(0)?, name: r.get(1)?, agency_count: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn add(store: &mut Store, input: &AgencyInput) -> Result<Agency, AgencyError> {
    let input = checked(input)?;
    store.write(|tx, actor| insert(tx, actor, &input))
}

/// Change the agency now coded `code` to `input` (which may carry a new code).
pub fn edit(store: &mut Store, code: &str, input: &AgencyInput, reason: Option<&str>) -> Result<Agency, AgencyError> {
    let input = checked(input)?;
    let existing = find(store, code)?;
    store.write(|tx, actor| update(tx, actor, &existing, &input, reason))
}

/// Deactivate (with a reason) or reactivate an agency; its history stays.
pub fn set_active(store: &mut Store, code: &str, active: bool, reason: Option<&str>) -> Result<Agency, AgencyError> {
    let existing = find(store, code)?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if !active && reason.is_none() {
        return Err(AgencyError::ReasonRequired { name: existing.name });
    }
    if existing.active == active {
        return Ok(existing);
    }
    store.write(|tx, actor| {
        tx.execute("UPDATE agency SET active = ?1 WHERE id = ?2", params![active, existing.id])?;
        let after = by_code(tx, &existing.code)?.expect("just updated");
        let action = if active { "activate" } else { "deactivate" };
        record_audit(
            tx,
            actor,
            &AuditEntry::new("agency", &existing.code, action).old(&existing).new_value(&after).reason(reason),
        )?;
        Ok(after)
    })
}

/// Clean the input and refuse it with every field problem at once.
pub(super) fn checked(input: &AgencyInput) -> Result<AgencyInput, AgencyError> {
    let input = clean(input);
    let found = problems(&input);
    if found.is_empty() {
        Ok(input)
    } else {
        Err(AgencyError::Invalid(found.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" ")))
    }
}

pub(super) fn by_code(conn: &Connection, code: &str) -> rusqlite::Result<Option<Agency>> {
    // Cached: intake looks up an agency per workbook.
    conn.prepare_cached(&format!("{SELECT_AGENCY} WHERE a.code = ?1"))?.query_row([code], from_row).optional()
}

pub(super) fn by_name_key(conn: &Connection, key: &str) -> rusqlite::Result<Option<Agency>> {
    conn.query_row(&format!("{SELECT_AGENCY} WHERE a.name_key = ?1"), [key], from_row).optional()
}

/// The id of the group called `name` (compared by key), creating it if new. Returns (id, created).
pub(super) fn group_id(conn: &Connection, actor: &str, name: Option<&str>) -> Result<(Option<i64>, bool), AgencyError> {
    let Some(name) = name else { return Ok((None, false)) };
    let key = comparison_key(name);
    if let Some(id) =
        conn.query_row("SELECT id FROM agency_group WHERE name_key = ?1", [&key], |r| r.get(0)).optional()?
    {
        return Ok((Some(id), false));
    }
    conn.execute("INSERT INTO agency_group (name, name_key) VALUES (?1, ?2)", params![name, key])?;
    let id = conn.last_insert_rowid();
    record_audit(conn, actor, &AuditEntry::new("agency_group", name, "create").new_value(name))?;
    Ok((Some(id), true))
}

fn refuse_duplicates(conn: &Connection, input: &AgencyInput, except_id: Option<i64>) -> Result<(), AgencyError> {
    if let Some(other) = by_code(conn, &input.code)?.filter(|a| Some(a.id) != except_id) {
        return Err(AgencyError::DuplicateCode { code: input.code.clone(), existing: other.name });
    }
    if let Some(other) = by_name_key(conn, &comparison_key(&input.name))?.filter(|a| Some(a.id) != except_id) {
        return Err(AgencyError::DuplicateName { name: input.name.clone(), existing_code: other.code });
    }
    Ok(())
}

/// The columns an agency's input sets, as the named parameters of its INSERT and UPDATE.
#[allow(clippy::ptr_arg)] // a &str cannot become a &dyn ToSql; a &String can
fn input_columns<'a>(
    input: &'a AgencyInput,
    name_key: &'a String,
    group_id: &'a Option<i64>,
) -> [(&'static str, &'a dyn ToSql); 9] {
    [
        (":code", &input.code),
        (":name", &input.name),
        (":name_key", name_key),
        (":short_name", &input.short_name),
        (":group_id", group_id),
        (":parent_ministry", &input.parent_ministry),
        (":focal_person", &input.focal_person),
        (":phone", &input.phone),
        (":email", &input.email),
    ]
}

pub(super) fn insert(conn: &Connection, actor: &str, input: &AgencyInput) -> Result<Agency, AgencyError> {
    refuse_duplicates(conn, input, None)?;
    let (group_id, _) = group_id(conn, actor, input.group.as_deref())?;
    let name_key = comparison_key(&input.name);
    conn.execute(
        "INSERT INTO agency (code, name, name_key, short_name, group_id, parent_ministry, focal_person, phone, email)
         VALUES (:code, :name, :name_key, :short_name, :group_id, :parent_ministry, :focal_person, :phone, :email)",
        &input_columns(input, &name_key, &group_id)[..],
    )?;
    let agency = by_code(conn, &input.code)?.expect("just inserted");
    record_audit(conn, actor, &AuditEntry::new("agency", &agency.code, "create").new_value(&agency))?;
    Ok(agency)
}

pub(super) fn update(
    conn: &Connection,
    actor: &str,
    existing: &Agency,
    input: &AgencyInput,
    reason: Option<&str>,
) -> Result<Agency, AgencyError> {
    if existing.to_input() == *input {
        return Ok(existing.clone());
    }
    refuse_duplicates(conn, input, Some(existing.id))?;
    let (group_id, _) = group_id(conn, actor, input.group.as_deref())?;
    let name_key = comparison_key(&input.name);
    let mut columns = input_columns(input, &name_key, &group_id).to_vec();
    columns.push((":id", &existing.id));
    conn.execute(
        "UPDATE agency SET code = :code, name = :name, name_key = :name_key, short_name = :short_name,
             group_id = :group_id, parent_ministry = :parent_ministry, focal_person = :focal_person,
             phone = :phone, email = :email
         WHERE id = :id",
        &columns[..],
    )?;
    let after = by_code(conn, &input.code)?.expect("just updated");
    record_audit(
        conn,
        actor,
        &AuditEntry::new("agency", &existing.code, "update").old(existing).new_value(&after).reason(reason),
    )?;
    Ok(after)
}
