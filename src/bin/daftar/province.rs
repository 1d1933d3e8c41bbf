//! `daftar init | info | audit | demo`: the province file itself.

use crate::out::{file_failure, open, usage, Failure, Out};
use daftar::fa::{self, JalaliDate};
use daftar::store::{export_audit_xlsx, query_audit, AuditFilter, AuditService, NewProvince, ProvinceInfo, Store};
use std::path::PathBuf;

pub(crate) fn init(
    file: &Option<PathBuf>,
    province: String,
    office: String,
    year: Option<i32>,
    actor: &str,
    out: &Out,
) -> Result<(), Failure> {
    let path = file.as_ref().ok_or_else(|| usage("جای پروندهٔ تازه را با --file بدهید."))?;
    let setup = NewProvince { province, office, working_year: year.unwrap_or_else(|| JalaliDate::today().year) };
    let info = Store::create(path, &setup, actor)?.province()?;
    out.print(&info, || {
        format!("پروندهٔ استان {} برای سال {} ساخته شد: {}", info.province, fa::int(info.working_year), info.path)
    });
    Ok(())
}

pub(crate) fn info(file: &Option<PathBuf>, actor: &str, out: &Out) -> Result<(), Failure> {
    let info = open(file, actor)?.province()?;
    out.print(&info, || info_text(&info));
    Ok(())
}

fn info_text(info: &ProvinceInfo) -> String {
    format!(
        "استان: {}\nاداره: {}\nسال کاری: {}\nساخته‌شده: {}\nنسخه: {}{}",
        info.province,
        info.office,
        fa::int(info.working_year),
        info.created_at_jalali,
        info.app_version,
        info.read_only.as_ref().map(|why| format!("\n{why}")).unwrap_or_default()
    )
}

/// `daftar audit`: which rows, and where they go.
#[derive(clap::Args)]
pub(crate) struct AuditArgs {
    /// At most this many rows are printed (an --xlsx export holds every matching row).
    #[arg(long, default_value_t = 20)]
    limit: u32,
    #[arg(long, value_parser = audit_service)]
    service: Option<AuditService>,
    /// An agency's code: the rows that name it.
    #[arg(long)]
    agency: Option<String>,
    /// Who made the change, as recorded.
    #[arg(long)]
    person: Option<String>,
    /// First day, Jalali (e.g. 1403/07/01).
    #[arg(long)]
    from: Option<String>,
    /// Last day, Jalali.
    #[arg(long)]
    to: Option<String>,
    /// Write the matching rows to this workbook instead of printing them.
    #[arg(long, value_name = "FILE.xlsx")]
    xlsx: Option<PathBuf>,
}

fn audit_service(text: &str) -> Result<AuditService, String> {
    match text {
        "accounts" => Ok(AuditService::Accounts),
        "evaluation" => Ok(AuditService::Evaluation),
        "agencies" => Ok(AuditService::Agencies),
        "file" => Ok(AuditService::File),
        _ => Err("one of: accounts, evaluation, agencies, file".into()),
    }
}

pub(crate) fn audit(file: &Option<PathBuf>, args: AuditArgs, actor: &str, out: &Out) -> Result<(), Failure> {
    let store = open(file, actor)?;
    let filter =
        AuditFilter { service: args.service, agency: args.agency, actor: args.person, from: args.from, to: args.to };
    if let Some(path) = args.xlsx {
        let written = export_audit_xlsx(store.conn(), &filter, &path)?;
        out.print(&written, || format!("{} ردیف گزارش تغییرات در «{}» نوشته شد.", fa::int(written), path.display()));
        return Ok(());
    }
    let rows = query_audit(store.conn(), &filter, args.limit)?.rows;
    out.print(&rows, || {
        rows.iter()
            .map(|r| format!("{}\t{}\t{}\t{}\t{}", r.at_jalali, r.actor, r.entity, r.entity_key, r.action))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

/// Build the demo province at `target` (default demo/lorestan.daftar).
pub(crate) fn demo(
    target: Option<PathBuf>,
    fixtures: Option<PathBuf>,
    force: bool,
    actor: &str,
    out: &Out,
) -> Result<(), Failure> {
    let target = target.unwrap_or_else(|| PathBuf::from("demo/lorestan.daftar"));
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| file_failure(format!("پوشهٔ «{}» ساخته نشد", dir.display()), &e))?;
    }
    let fixtures = fixtures.unwrap_or_else(daftar::demo::default_fixtures_dir);
    let report = daftar::demo::build(&target, &fixtures, force, actor)?;
    out.print(&report, || {
        format!("پروندهٔ نمونهٔ لرستان ساخته شد: {} ({} دستگاه)", target.display(), fa::int(report.added))
    });
    Ok(())
}
