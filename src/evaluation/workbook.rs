//! Self-assessment and evaluator workbooks, one per agency: its indicators with ceiling and
//! target, shaded input cells for the actual value, the score and the evidence (or the
//! evaluator's comment), measures on rows of their own, a Persian guide, and a very hidden
//! identity sheet that intake checks. Returned workbooks are read by indicator code.

use super::catalog::catalog_of;
use super::model::{Indicator, Method};
use super::scores::{current_scores, Stage, StoredScore};
use super::EvaluationError;
use crate::fa::{self, format_decimal};
use crate::issued::{write_identity_sheet, Stamp, GUIDE_SHEET};
use crate::store::{record_audit, AuditEntry, Store};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook,
    XlsxError,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub const SCORES_SHEET: &str = "شاخص‌ها";
pub const CODE_HEADER: &str = "کد شاخص";
/// Columns (0-based) of the scores sheet.
pub const MEASURE_COLUMN: u16 = 1;
pub const ACTUAL_COLUMN: u16 = 8;
pub const SCORE_COLUMN: u16 = 9;
pub const NOTE_COLUMN: u16 = 10;
pub const SELF_SCORE_COLUMN: u16 = 11;
pub const HEADER_ROW: u32 = 3;

/// Whose workbook: the agency's self-assessment or the evaluators'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    SelfAssessment,
    Evaluator,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        self.stage().as_str()
    }
    pub fn stage(self) -> Stage {
        match self {
            Self::SelfAssessment => Stage::SelfAssessment,
            Self::Evaluator => Stage::Evaluator,
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::SelfAssessment => "خودارزیابی",
            Self::Evaluator => "امتیازدهی ارزیاب",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        [Self::SelfAssessment, Self::Evaluator].into_iter().find(|p| p.as_str() == text || p.persian() == text)
    }
    /// The phase during which these workbooks come back.
    pub(super) fn phase_code(self) -> &'static str {
        match self {
            Self::SelfAssessment => "self_assessment",
            Self::Evaluator => "evaluation",
        }
    }
}

/// What the identity sheet of an evaluation workbook says: its purpose, then the stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvalIdentity {
    pub purpose: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// The label of the purpose on the identity sheet, above the stamp's.
pub(super) const IDENTITY_LABELS: [&str; 1] = ["کار"];

impl EvalIdentity {
    pub fn compute_digest(&self) -> String {
        self.stamp.digest_over("daftar-ev-workbook-v1", &[&self.purpose])
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvalWorkbook {
    pub agency_code: String,
    pub agency_name: String,
    pub file_name: String,
    pub path: String,
    pub indicators: u32,
}

/// One workbook per active agency with indicators (or only `agency_codes`), into `out_dir`.
pub fn generate_workbooks(
    store: &mut Store,
    year: i32,
    purpose: Purpose,
    out_dir: &Path,
    agency_codes: &[String],
) -> Result<Vec<EvalWorkbook>, EvaluationError> {
    let catalog = catalog_of(store.conn(), year)?;
    let province = store.province()?;
    let own = current_scores(store.conn(), year, Stage::SelfAssessment)?;
    let agencies: Vec<_> = super::results::agency_refs(store.conn())?
        .into_iter()
        .filter(|a| catalog.of_agency(&a.code).next().is_some())
        .filter(|a| agency_codes.is_empty() || agency_codes.iter().any(|c| crate::fa::to_latin_digits(c) == a.code))
        .collect();
    if agencies.is_empty() {
        return Err(EvaluationError::NoCatalog { year });
    }
    std::fs::create_dir_all(out_dir)
        .map_err(|e| EvaluationError::Write { path: out_dir.display().to_string(), detail: e.to_string() })?;
    let mut written = Vec::new();
    for agency in &agencies {
        let (agency_id, ..) = super::agency_by_code(store.conn(), &agency.code)?;
        let mut identity = EvalIdentity {
            purpose: purpose.as_str().to_string(),
            stamp: Stamp::new(store.conn(), year, &agency.code, &agency.name)?,
        };
        identity.stamp.digest = identity.compute_digest();
        let short = if agency.short_name.is_empty() { &agency.name } else { &agency.short_name };
        let file_name = crate::sheets::safe_file_name(&format!(
            "{} {} - {} {}.xlsx",
            purpose.persian(),
            fa::int(year),
            agency.code,
            short
        ));
        let path: PathBuf = out_dir.join(&file_name);
        let indicators: Vec<&Indicator> = catalog.of_agency(&agency.code).collect();
        let own_scores: HashMap<&str, &StoredScore> =
            own.iter().filter(|((a, _), _)| a == &agency.code).map(|((_, i), s)| (i.as_str(), s)).collect();
        write_workbook(&path, purpose, &province.province, &province.office, &identity, &indicators, &own_scores)
            .map_err(|e| EvaluationError::Write { path: path.display().to_string(), detail: e.to_string() })?;
        store.write(|tx, actor| {
            tx.execute(
                "INSERT INTO ev_workbook_issued (year, agency_id, purpose, digest, generated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![year, agency_id, purpose.as_str(), identity.stamp.digest, identity.stamp.generated_at],
            )?;
            record_audit(tx, actor, &AuditEntry::new("ev_workbook", &agency.code, "generate").new_value(&identity))?;
            Ok::<_, EvaluationError>(())
        })?;
        written.push(EvalWorkbook {
            agency_code: agency.code.clone(),
            agency_name: agency.name.clone(),
            file_name,
            path: path.display().to_string(),
            indicators: indicators.len() as u32,
        });
    }
    Ok(written)
}

fn write_workbook(
    path: &Path,
    purpose: Purpose,
    province: &str,
    office: &str,
    identity: &EvalIdentity,
    indicators: &[&Indicator],
    own: &HashMap<&str, &StoredScore>,
) -> Result<(), XlsxError> {
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_border_color("#B7C4CC");
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Right);
    let subtitle = Format::new().set_font_color("#52606D").set_align(FormatAlign::Right).set_text_wrap();
    let header =
        border(Format::new().set_bold().set_background_color("#DDEBE6").set_align(FormatAlign::Center).set_text_wrap());
    let label =
        border(Format::new().set_text_wrap().set_align(FormatAlign::Right).set_align(FormatAlign::VerticalCenter));
    let measure_label = border(Format::new().set_text_wrap().set_indent(2).set_font_color("#3E4C59"));
    let code = border(Format::new().set_font_color("#52606D").set_font_size(9));
    let number = border(Format::new().set_num_format("#,##0.##"));
    let locked_input = border(Format::new().set_background_color("#EEF1F4"));
    let input = Format::new()
        .set_unlocked()
        .set_background_color("#FFF7D6")
        .set_border(FormatBorder::Thin)
        .set_border_color("#E0B84C");
    let input_number = input.clone().set_num_format("#,##0.##");
    let input_text = input.clone().set_text_wrap();
    let year = fa::int(identity.stamp.year);

    let mut workbook = Workbook::new();
    let guide = workbook.add_worksheet();
    guide.set_name(GUIDE_SHEET)?.set_right_to_left(true).set_column_width(0, 100)?;
    let lines = guide_lines(purpose, &year, &identity.stamp.agency_name, office);
    guide.write_string_with_format(0, 0, &lines[0], &title)?;
    for (r, line) in lines.iter().enumerate().skip(1) {
        guide.set_row_height(r as u32, 34)?;
        guide.write_string_with_format(
            r as u32,
            0,
            line,
            &Format::new().set_text_wrap().set_align(FormatAlign::Right),
        )?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name(SCORES_SHEET)?.set_right_to_left(true);
    sheet.write_string_with_format(
        0,
        0,
        &format!("{} {} سال {} — {}", purpose.persian(), identity.stamp.agency_name, year, province),
        &title,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        "خانه‌های زرد را پر کنید؛ هر شاخص با کد ستون نخست شناخته می‌شود. ستون‌ها و ردیف‌ها را جابه‌جا نکنید.",
        &subtitle,
    )?;
    let (score_header, note_header) = match purpose {
        Purpose::SelfAssessment => ("امتیاز خوداظهاری", "مستندات"),
        Purpose::Evaluator => ("امتیاز ارزیاب", "توضیح ارزیاب"),
    };
    let mut headers = vec![
        CODE_HEADER,
        "کد سنجه",
        "نوع",
        "عنوان شاخص / سنجه",
        "روش امتیازدهی",
        "سقف امتیاز / وزن",
        "هدف",
        "جهت",
        "مقدار عملکرد",
        score_header,
        note_header,
    ];
    if purpose == Purpose::Evaluator {
        headers.push("امتیاز خوداظهاری");
    }
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &header)?;
    }
    let score_validation = |ceiling: f64| -> Result<DataValidation, XlsxError> {
        Ok(DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(0.0, ceiling))
            .set_error_message(format!("امتیاز باید میان ۰ و {} باشد.", format_decimal(ceiling, 2)))?
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("امتیاز نادرست")?)
    };
    let percent_validation = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_error_message("درصد تحقق سنجه باید میان ۰ و ۱۰۰ باشد.")?
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("درصد نادرست")?;
    let yes_no =
        DataValidation::new().allow_list_strings(&["بله", "خیر"])?.set_error_style(DataValidationErrorStyle::Warning);
    let mut row = HEADER_ROW + 1;
    for indicator in indicators {
        sheet.set_row_height(row, if indicator.title.chars().count() > 45 { 34.0 } else { 20.0 })?;
        sheet.write_string_with_format(row, 0, &indicator.code, &code)?;
        sheet.write_string_with_format(row, 1, "", &code)?;
        sheet.write_string_with_format(row, 2, indicator.kind.persian(), &label)?;
        sheet.write_string_with_format(row, 3, &indicator.title, &label)?;
        sheet.write_string_with_format(row, 4, indicator.method.persian(), &label)?;
        sheet.write_number_with_format(row, 5, indicator.ceiling, &number)?;
        match indicator.target {
            Some(t) => sheet.write_number_with_format(row, 6, t, &number)?,
            None => sheet.write_string_with_format(row, 6, "", &label)?,
        };
        sheet.write_string_with_format(row, 7, indicator.direction.map(|d| d.persian()).unwrap_or(""), &label)?;
        match indicator.method {
            Method::Ratio => {
                sheet.write_blank(row, ACTUAL_COLUMN, &input_number)?;
                sheet.write_blank(row, SCORE_COLUMN, &input_number)?;
            }
            Method::YesNo => {
                sheet.write_blank(row, ACTUAL_COLUMN, &input)?;
                sheet.add_data_validation(row, ACTUAL_COLUMN, row, ACTUAL_COLUMN, &yes_no)?;
                sheet.write_blank(row, SCORE_COLUMN, &locked_input)?;
            }
            Method::Points => {
                sheet.write_blank(row, ACTUAL_COLUMN, &locked_input)?;
                sheet.write_blank(row, SCORE_COLUMN, &input_number)?;
            }
            Method::Measures => {
                sheet.write_blank(row, ACTUAL_COLUMN, &locked_input)?;
                sheet.write_blank(row, SCORE_COLUMN, &input_number)?;
            }
        }
        if indicator.method != Method::YesNo {
            sheet.add_data_validation(row, SCORE_COLUMN, row, SCORE_COLUMN, &score_validation(indicator.ceiling)?)?;
        }
        sheet.write_blank(row, NOTE_COLUMN, &input_text)?;
        if purpose == Purpose::Evaluator {
            match own.get(indicator.code.as_str()) {
                Some(s) => sheet.write_number_with_format(row, SELF_SCORE_COLUMN, s.score, &number)?,
                None => sheet.write_string_with_format(row, SELF_SCORE_COLUMN, "—", &label)?,
            };
        }
        row += 1;
        for measure in &indicator.measures {
            sheet.write_string_with_format(row, 0, &indicator.code, &code)?;
            sheet.write_string_with_format(row, 1, &measure.code, &code)?;
            sheet.write_string_with_format(row, 2, "سنجه", &label)?;
            sheet.write_string_with_format(row, 3, &measure.title, &measure_label)?;
            sheet.write_string_with_format(row, 4, "درصد تحقق", &label)?;
            sheet.write_string_with_format(row, 5, &format!("وزن {}", format_decimal(measure.weight, 0)), &label)?;
            sheet.write_blank(row, ACTUAL_COLUMN, &input_number)?;
            sheet.add_data_validation(row, ACTUAL_COLUMN, row, ACTUAL_COLUMN, &percent_validation)?;
            sheet.write_blank(row, NOTE_COLUMN, &input_text)?;
            row += 1;
        }
    }
    for (c, width) in
        [9.0, 7.0, 9.0, 52.0, 13.0, 11.0, 9.0, 10.0, 13.0, 13.0, 40.0, 12.0].iter().enumerate().take(headers.len())
    {
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    sheet.protect();
    sheet.set_paper_size(9).set_print_fit_to_pages(1, 0).set_landscape();
    sheet.set_active(true);

    write_identity_sheet(&mut workbook, &[(IDENTITY_LABELS[0], &identity.purpose)], &identity.stamp)?;
    workbook.save(path)
}

fn guide_lines(purpose: Purpose, year: &str, agency: &str, office: &str) -> Vec<String> {
    let mut lines = vec![format!("راهنمای {} سال {year} — {agency}", purpose.persian())];
    lines.push(format!("این کارپوشه را {office} برای شما ساخته است. آن را پر کنید و همین فایل را برگردانید؛ برگه‌ها را جابه‌جا یا نام‌شان را دگرگون نکنید."));
    lines.push("شاخص‌های «نسبت به هدف»: مقدار عملکرد را بنویسید؛ امتیاز از هدف و جهت شاخص حساب می‌شود. اگر امتیاز را خود می‌نویسید، از سقف بیشتر نباشد.".into());
    lines.push("شاخص‌های «امتیاز مستقیم»: امتیاز را از ۰ تا سقف بنویسید. شاخص‌های «بله/خیر»: در ستون مقدار عملکرد «بله» یا «خیر» بنویسید.".into());
    lines.push("شاخص‌های «سنجه‌ای»: برای هر سنجه درصد تحقق (۰ تا ۱۰۰) را در ردیف خود سنجه بنویسید؛ امتیاز شاخص از وزن سنجه‌ها حساب می‌شود.".into());
    lines.push("عددها را با رقم فارسی یا لاتین، با «٫» یا «.» برای اعشار بنویسید. امتیاز منفی یا بیش از سقف پذیرفته نمی‌شود و کل کارپوشه برگردانده می‌شود.".into());
    match purpose {
        Purpose::SelfAssessment => lines.push("برای هر امتیازی که ادعا می‌کنید، مستندات (شمارهٔ نامه، گزارش، نشانی سامانه) را در ستون «مستندات» بنویسید؛ امتیاز بی‌مستند پذیرفته نمی‌شود.".into()),
        Purpose::Evaluator => lines.push("اگر امتیاز شما با امتیاز خوداظهاری دستگاه بیش از آستانهٔ تعیین‌شده فاصله دارد، دلیل را در «توضیح ارزیاب» بنویسید.".into()),
    }
    lines
}
