//! The festival secretariat and the steering committee: members, roles and the date and
//! number of their appointment letters (ابلاغ).

use super::EvaluationError;
use crate::fa::{normalize_text, JalaliDate};
use crate::store::{record_audit, AuditEntry, Store};
use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Committee {
    Secretariat,
    Steering,
}

impl Committee {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Secretariat => "secretariat",
            Self::Steering => "steering",
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::Secretariat => "دبیرخانه جشنواره",
            Self::Steering => "کمیته راهبری",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        let key = crate::fa::comparison_key(text);
        [Self::Secretariat, Self::Steering]
            .into_iter()
            .find(|c| c.as_str() == key || crate::fa::comparison_key(c.persian()) == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chair,
    Secretary,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Chair => "chair",
            Self::Secretary => "secretary",
            Self::Member => "member",
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::Chair => "رئیس",
            Self::Secretary => "دبیر",
            Self::Member => "عضو",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        let key = crate::fa::comparison_key(text);
        [Self::Chair, Self::Secretary, Self::Member]
            .into_iter()
            .find(|r| r.as_str() == key || crate::fa::comparison_key(r.persian()) == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Member {
    #[ts(type = "number")]
    pub id: i64,
    pub committee: Committee,
    pub name: String,
    pub position: String,
    pub role: Role,
    /// «۱۴۰۳/۰۲/۱۵»
    pub letter_date: String,
    pub letter_number: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MemberInput {
    pub committee: Committee,
    pub name: String,
    pub position: String,
    pub role: Role,
    /// Jalali, any digits.
    pub letter_date: String,
    pub letter_number: String,
}

/// The member's name and letter date as stored, or why the input cannot be.
fn checked(input: &MemberInput) -> Result<(String, JalaliDate), EvaluationError> {
    let name = normalize_text(&input.name);
    if name.is_empty() {
        return Err(EvaluationError::Required { what: "نام عضو".into() });
    }
    let letter_date = JalaliDate::parse(&input.letter_date)
        .map_err(|e| EvaluationError::BadDate { what: "تاریخ ابلاغ".into(), message: e.to_string() })?;
    Ok((name, letter_date))
}

type Columns = Vec<(&'static str, Box<dyn ToSql>)>;

/// Named parameters as rusqlite takes them.
fn named(columns: &Columns) -> Vec<(&str, &dyn ToSql)> {
    columns.iter().map(|(name, value)| (*name, value.as_ref())).collect()
}

/// The columns a member's entry sets, as the named parameters of its INSERT and UPDATE.
fn member_columns(input: &MemberInput, name: &str, letter_date: JalaliDate) -> Columns {
    vec![
        (":committee", Box::new(input.committee.as_str())),
        (":name", Box::new(name.to_string())),
        (":position", Box::new(normalize_text(&input.position))),
        (":role", Box::new(input.role.as_str())),
        (":letter_date", Box::new(letter_date.to_latin_string())),
        (":letter_number", Box::new(crate::fa::to_latin_digits(input.letter_number.trim()))),
    ]
}

/// Why committee members cannot be added, changed or removed today: their phase is closed.
pub fn editing_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<(), EvaluationError> {
    super::phases::ensure_open(conn, year, "committees", today)
}

/// The latest earlier year whose committees have members, to start `year`'s from.
fn earlier_year_with_members(conn: &Connection, year: i32) -> Result<Option<i32>, EvaluationError> {
    Ok(conn
        .query_row("SELECT max(year) FROM ev_committee_member WHERE year < ?1", [year], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Why last year's members cannot be reused for `year`, if they cannot: the committees' phase
/// is closed, `year` has members already, or no earlier year has any.
pub fn reuse_allowed(conn: &Connection, year: i32, today: JalaliDate) -> Result<i32, EvaluationError> {
    editing_allowed(conn, year, today)?;
    let present = members(conn, year)?.len();
    if present > 0 {
        return Err(EvaluationError::MembersAlreadyThere { year, count: present as u32 });
    }
    earlier_year_with_members(conn, year)?.ok_or(EvaluationError::NoEarlierMembers { year })
}

/// Start `year`'s committees with the members of the latest earlier year (same people, roles
/// and positions); their appointment letters are new: dated today, numbered when issued.
pub fn reuse_members(store: &mut Store, year: i32, today: JalaliDate) -> Result<Vec<Member>, EvaluationError> {
    let from = reuse_allowed(store.conn(), year, today)?;
    let earlier = members(store.conn(), from)?;
    store.write(|tx, actor| {
        for m in &earlier {
            tx.execute(
                "INSERT INTO ev_committee_member (year, committee, name, position, role, letter_date, letter_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')",
                params![year, m.committee.as_str(), m.name, m.position, m.role.as_str(), today.to_latin_string()],
            )?;
        }
        let names: Vec<&str> = earlier.iter().map(|m| m.name.as_str()).collect();
        let key = year.to_string();
        record_audit(tx, actor, &AuditEntry::new("ev_committee_member", &key, "reuse").new_value((from, &names)))?;
        Ok::<_, EvaluationError>(())
    })?;
    members(store.conn(), year)
}

fn member(conn: &Connection, year: i32, id: i64) -> Result<Member, EvaluationError> {
    members(conn, year)?.into_iter().find(|m| m.id == id).ok_or(EvaluationError::UnknownMember { id })
}

/// Add a member while the committees' phase is open. Audited.
pub fn add_member(
    store: &mut Store,
    year: i32,
    input: &MemberInput,
    today: JalaliDate,
) -> Result<Member, EvaluationError> {
    editing_allowed(store.conn(), year, today)?;
    let (name, letter_date) = checked(input)?;
    store.write(|tx, actor| {
        let mut columns = member_columns(input, &name, letter_date);
        columns.push((":year", Box::new(year)));
        tx.execute(
            "INSERT INTO ev_committee_member (year, committee, name, position, role, letter_date, letter_number)
             VALUES (:year, :committee, :name, :position, :role, :letter_date, :letter_number)",
            &named(&columns)[..],
        )?;
        let id = tx.last_insert_rowid();
        record_audit(tx, actor, &AuditEntry::new("ev_committee_member", &id.to_string(), "add").new_value(input))?;
        member(tx, year, id)
    })
}

/// Correct a member (committee, name, position, role, letter) while the committees' phase is
/// open. Audited with the old and new entry.
pub fn edit_member(
    store: &mut Store,
    year: i32,
    id: i64,
    input: &MemberInput,
    today: JalaliDate,
) -> Result<Member, EvaluationError> {
    editing_allowed(store.conn(), year, today)?;
    let (name, letter_date) = checked(input)?;
    let old = member(store.conn(), year, id)?;
    store.write(|tx, actor| {
        let mut columns = member_columns(input, &name, letter_date);
        columns.extend([(":year", Box::new(year) as Box<dyn ToSql>), (":id", Box::new(id))]);
        tx.execute(
            "UPDATE ev_committee_member SET committee = :committee, name = :name, position = :position, role = :role,
                 letter_date = :letter_date, letter_number = :letter_number
             WHERE year = :year AND id = :id",
            &named(&columns)[..],
        )?;
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_committee_member", &id.to_string(), "edit").old(&old).new_value(input),
        )?;
        member(tx, year, id)
    })
}

/// Remove a member (a wrong entry) while the committees' phase is open. Audited with the reason.
pub fn remove_member(
    store: &mut Store,
    year: i32,
    id: i64,
    reason: &str,
    today: JalaliDate,
) -> Result<(), EvaluationError> {
    editing_allowed(store.conn(), year, today)?;
    if reason.trim().is_empty() {
        return Err(EvaluationError::ReasonRequired);
    }
    let old = member(store.conn(), year, id)?;
    store.write(|tx, actor| {
        tx.execute("DELETE FROM ev_committee_member WHERE id = ?1", [id])?;
        record_audit(
            tx,
            actor,
            &AuditEntry::new("ev_committee_member", &id.to_string(), "remove").old(&old).reason(Some(reason.trim())),
        )?;
        Ok(())
    })
}

pub fn members(conn: &Connection, year: i32) -> Result<Vec<Member>, EvaluationError> {
    let mut stmt = conn.prepare(
        "SELECT id, committee, name, position, role, letter_date, letter_number FROM ev_committee_member
         WHERE year = ?1 ORDER BY committee DESC, CASE role WHEN 'chair' THEN 0 WHEN 'secretary' THEN 1 ELSE 2 END, id",
    )?;
    let rows = stmt.query_map([year], |r| {
        Ok(Member {
            id: r.get(0)?,
            committee: Committee::parse(&r.get::<_, String>(1)?).unwrap_or(Committee::Secretariat),
            name: r.get(2)?,
            position: r.get(3)?,
            role: Role::parse(&r.get::<_, String>(4)?).unwrap_or(Role::Member),
            letter_date: JalaliDate::display_stored(&r.get::<_, String>(5)?),
            letter_number: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
