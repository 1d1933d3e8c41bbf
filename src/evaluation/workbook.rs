//! Self-assessment and evaluator workbooks, one per agency: its indicators with ceiling and
//! target, shaded input cells for the actual value, the score and the evidence (or the
//! evaluator's comment), measures on rows of their own, a Persian guide, and a very hidden
//! identity sheet that intake checks. Returned workbooks are read by indicator code.

use super::catalog::catalog_of;
use super::model::{Indicator, Measure, Method};
use super::scores::{current_scores, Stage, StoredScore};
use super::EvaluationError;
use crate::fa::{self, format_decimal};
use crate::issued::{write_identity_sheet, write_sheet_mark, Stamp, GUIDE_SHEET};
use crate::sheets::style::{self, bordered};
use crate::store::{record_audit, AuditEntry, Store};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign, Workbook, Worksheet, XlsxError,
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
    issue_workbooks(store, year, purpose, out_dir, agency_codes, None)
}

/// [`generate_workbooks`], each workbook registered as issued to `team` (id, name) if given.
pub(super) fn issue_workbooks(
    store: &mut Store,
    year: i32,
    purpose: Purpose,
    out_dir: &Path,
    agency_codes: &[String],
    team: Option<(i64, &str)>,
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
        let contents = Contents {
            purpose,
            province: &province.province,
            office: &province.office,
            identity: &identity,
            indicators: &indicators,
            own: &own_scores,
        };
        write_workbook(&path, &contents)
            .map_err(|e| EvaluationError::Write { path: path.display().to_string(), detail: e.to_string() })?;
        store.write(|tx, actor| {
            tx.execute(
                "INSERT INTO ev_workbook_issued (year, agency_id, purpose, digest, generated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![year, agency_id, purpose.as_str(), identity.stamp.digest, identity.stamp.generated_at],
            )?;
            if let Some((team_id, team_name)) = team {
                tx.execute(
                    "INSERT INTO ev_team_workbook (digest, team_id, team_name) VALUES (?1, ?2, ?3)",
                    rusqlite::params![identity.stamp.digest, team_id, team_name],
                )?;
            }
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

/// The cell formats of an evaluation workbook.
pub(super) struct Formats {
    pub(super) title: Format,
    pub(super) subtitle: Format,
    pub(super) header: Format,
    pub(super) label: Format,
    pub(super) measure_label: Format,
    pub(super) code: Format,
    pub(super) number: Format,
    pub(super) locked_input: Format,
    pub(super) input: Format,
    pub(super) input_number: Format,
    pub(super) input_text: Format,
}

impl Formats {
    pub(super) fn new() -> Self {
        let input = style::input();
        Self {
            title: style::title(),
            subtitle: style::persian(
                Format::new().set_font_color("#52606D").set_align(FormatAlign::Right).set_text_wrap(),
            ),
            header: style::header(),
            label: style::label(),
            measure_label: bordered(style::persian(
                Format::new().set_text_wrap().set_indent(2).set_font_color("#3E4C59"),
            )),
            code: bordered(Format::new().set_font_color("#52606D").set_font_size(9)),
            number: bordered(Format::new().set_num_format("#,##0.##")),
            locked_input: bordered(style::persian(Format::new().set_background_color("#EEF1F4"))),
            input_number: input.clone().set_num_format("#,##0.##"),
            input_text: input.clone().set_text_wrap(),
            input,
        }
    }
}

/// What the scores sheet lets people type (warnings, not stops: Daftar checks on intake).
pub(super) struct Validations {
    percent: DataValidation,
    yes_no: DataValidation,
}

impl Validations {
    pub(super) fn new() -> Result<Self, XlsxError> {
        Ok(Self {
            percent: DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
                .set_error_message("درصد تحقق سنجه باید میان ۰ و ۱۰۰ باشد.")?
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title("درصد نادرست")?,
            yes_no: DataValidation::new()
                .allow_list_strings(&["بله", "خیر"])?
                .set_error_style(DataValidationErrorStyle::Warning),
        })
    }

    fn score(ceiling: f64) -> Result<DataValidation, XlsxError> {
        DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(0.0, ceiling))
            .set_error_message(format!("امتیاز باید میان ۰ و {} باشد.", format_decimal(ceiling, 2)))?
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("امتیاز نادرست")
    }
}

/// Who the workbook is for and what it holds.
struct Contents<'a> {
    purpose: Purpose,
    province: &'a str,
    office: &'a str,
    identity: &'a EvalIdentity,
    indicators: &'a [&'a Indicator],
    own: &'a HashMap<&'a str, &'a StoredScore>,
}

fn write_workbook(path: &Path, contents: &Contents) -> Result<(), XlsxError> {
    let formats = Formats::new();
    let year = fa::int(contents.identity.stamp.year);
    let mut workbook = Workbook::new();
    let lines = guide_lines(contents.purpose, &year, &contents.identity.stamp.agency_name, contents.office);
    write_guide(&mut workbook, &formats, &lines)?;
    write_scores_sheet(workbook.add_worksheet(), &formats, contents, &year)?;
    let identity = contents.identity;
    write_identity_sheet(&mut workbook, &[(IDENTITY_LABELS[0], &identity.purpose)], &identity.stamp)?;
    workbook.save(path)
}

/// The guide sheet: its title line, then one paragraph a row.
pub(super) fn write_guide(workbook: &mut Workbook, formats: &Formats, lines: &[String]) -> Result<(), XlsxError> {
    let guide = workbook.add_worksheet();
    guide.set_name(GUIDE_SHEET)?.set_right_to_left(true).set_column_width(0, style::GUIDE_WIDTH)?;
    guide.write_string_with_format(0, 0, &lines[0], &formats.title.clone().set_text_wrap())?;
    guide.set_row_height(0, style::wrapped_height(&lines[0], style::GUIDE_WIDTH as usize / 2 - 4) * 1.2)?;
    let guide_line = style::persian(Format::new().set_text_wrap().set_align(FormatAlign::Right));
    for (r, line) in lines.iter().enumerate().skip(1) {
        guide.set_row_height(r as u32, style::wrapped_height(line, style::GUIDE_WIDTH as usize - 8).max(34.0))?;
        guide.write_string_with_format(r as u32, 0, line, &guide_line)?;
    }
    style::print_setup(guide, false, None)
}

fn write_scores_sheet(sheet: &mut Worksheet, f: &Formats, contents: &Contents, year: &str) -> Result<(), XlsxError> {
    let purpose = contents.purpose;
    sheet.set_name(SCORES_SHEET)?.set_right_to_left(true);
    let agency = &contents.identity.stamp.agency_name;
    let title = format!("{} {agency} سال {year} — {}", purpose.persian(), contents.province);
    sheet.write_string_with_format(0, 0, &title, &f.title)?;
    write_sheet_mark(sheet, &contents.identity.stamp)?;
    sheet.write_string_with_format(
        1,
        0,
        "خانه‌های زرد را پر کنید؛ هر شاخص با کد ستون نخست شناخته می‌شود. ستون‌ها و ردیف‌ها را جابه‌جا نکنید.",
        &f.subtitle,
    )?;
    let headers = score_headers(purpose);
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &f.header)?;
    }
    let validations = Validations::new()?;
    let mut row = HEADER_ROW + 1;
    for indicator in contents.indicators {
        let own = contents.own.get(indicator.code.as_str()).map(|s| s.score);
        row = write_indicator_rows(sheet, (row, 0), f, &validations, purpose, indicator, own)?;
    }
    finish_scores_sheet(sheet, &headers, &INDICATOR_WIDTHS, 1)
}

/// The widths of the indicator columns of a scores sheet, from «کد شاخص» on.
pub(super) const INDICATOR_WIDTHS: [f64; 12] = [9.0, 7.0, 9.0, 52.0, 13.0, 11.0, 9.0, 10.0, 13.0, 13.0, 40.0, 12.0];

/// An indicator's row and its measures' rows from `(row, shift)` (the indicator's columns start
/// at column `shift`); the row after them.
pub(super) fn write_indicator_rows(
    sheet: &mut Worksheet,
    (row, shift): (u32, u16),
    f: &Formats,
    validations: &Validations,
    purpose: Purpose,
    indicator: &Indicator,
    own: Option<f64>,
) -> Result<u32, XlsxError> {
    write_indicator_row(sheet, (row, shift), f, validations, purpose, indicator, own)?;
    let mut row = row + 1;
    for measure in &indicator.measures {
        write_measure_row(sheet, (row, shift), f, validations, &indicator.code, measure)?;
        row += 1;
    }
    Ok(row)
}

/// Column widths, the header row's height, frozen panes (the header and `frozen_columns`),
/// protection and the print set-up of a written scores sheet.
pub(super) fn finish_scores_sheet(
    sheet: &mut Worksheet,
    headers: &[&str],
    widths: &[f64],
    frozen_columns: u16,
) -> Result<(), XlsxError> {
    let mut header_height: f64 = 20.0;
    for (c, width) in widths.iter().enumerate().take(headers.len()) {
        sheet.set_column_width(c as u16, *width)?;
        header_height = header_height.max(style::wrapped_height(headers[c], *width as usize - 2));
    }
    sheet.set_row_height(HEADER_ROW, header_height)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, frozen_columns)?;
    sheet.protect();
    style::print_setup(sheet, true, Some((HEADER_ROW, HEADER_ROW)))?;
    sheet.set_active(true);
    Ok(())
}

/// The scores sheet's columns; the evaluator's workbook also shows the agency's own score.
fn score_headers(purpose: Purpose) -> Vec<&'static str> {
    let (score_header, note_header) = match purpose {
        Purpose::SelfAssessment => ("امتیاز خوداظهاری", "مستندات"),
        Purpose::Evaluator => ("امتیاز ارزیاب", "توضیح ارزیاب"),
    };
    let mut headers = indicator_headers(score_header, note_header);
    if purpose == Purpose::Evaluator {
        headers.push("امتیاز خوداظهاری");
    }
    headers
}

/// The headers of an indicator's columns, with the names of its score and note columns.
pub(super) fn indicator_headers(score_header: &'static str, note_header: &'static str) -> Vec<&'static str> {
    vec![
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
    ]
}

/// An indicator's row: its terms locked, and the input cells its method asks for; its columns
/// start at column `shift`.
fn write_indicator_row(
    sheet: &mut Worksheet,
    (row, shift): (u32, u16),
    f: &Formats,
    validations: &Validations,
    purpose: Purpose,
    indicator: &Indicator,
    own: Option<f64>,
) -> Result<(), XlsxError> {
    let c = |column: u16| column + shift;
    sheet.set_row_height(row, style::wrapped_height(&indicator.title, 48))?;
    sheet.write_string_with_format(row, c(0), &indicator.code, &f.code)?;
    sheet.write_string_with_format(row, c(MEASURE_COLUMN), "", &f.code)?;
    sheet.write_string_with_format(row, c(2), indicator.kind.persian(), &f.label)?;
    sheet.write_string_with_format(row, c(3), &indicator.title, &f.label)?;
    sheet.write_string_with_format(row, c(4), indicator.method.persian(), &f.label)?;
    sheet.write_number_with_format(row, c(5), indicator.ceiling, &f.number)?;
    match indicator.target {
        Some(t) => sheet.write_number_with_format(row, c(6), t, &f.number)?,
        None => sheet.write_string_with_format(row, c(6), "", &f.label)?,
    };
    sheet.write_string_with_format(row, c(7), indicator.direction.map(|d| d.persian()).unwrap_or(""), &f.label)?;
    let (actual, score) = match indicator.method {
        Method::Ratio => (&f.input_number, &f.input_number),
        Method::YesNo => (&f.input, &f.locked_input),
        Method::Points | Method::Measures => (&f.locked_input, &f.input_number),
    };
    sheet.write_blank(row, c(ACTUAL_COLUMN), actual)?;
    if indicator.method == Method::YesNo {
        sheet.add_data_validation(row, c(ACTUAL_COLUMN), row, c(ACTUAL_COLUMN), &validations.yes_no)?;
    }
    sheet.write_blank(row, c(SCORE_COLUMN), score)?;
    if indicator.method != Method::YesNo {
        let rule = Validations::score(indicator.ceiling)?;
        sheet.add_data_validation(row, c(SCORE_COLUMN), row, c(SCORE_COLUMN), &rule)?;
    }
    sheet.write_blank(row, c(NOTE_COLUMN), &f.input_text)?;
    if purpose == Purpose::Evaluator {
        match own {
            Some(score) => sheet.write_number_with_format(row, c(SELF_SCORE_COLUMN), score, &f.number)?,
            None => sheet.write_string_with_format(row, c(SELF_SCORE_COLUMN), "—", &f.label)?,
        };
    }
    Ok(())
}

/// A measure's row under its indicator: the percent achieved and a note.
fn write_measure_row(
    sheet: &mut Worksheet,
    (row, shift): (u32, u16),
    f: &Formats,
    validations: &Validations,
    indicator_code: &str,
    measure: &Measure,
) -> Result<(), XlsxError> {
    let c = |column: u16| column + shift;
    sheet.set_row_height(row, style::wrapped_height(&measure.title, 44))?;
    sheet.write_string_with_format(row, c(0), indicator_code, &f.code)?;
    sheet.write_string_with_format(row, c(MEASURE_COLUMN), &measure.code, &f.code)?;
    sheet.write_string_with_format(row, c(2), "سنجه", &f.label)?;
    sheet.write_string_with_format(row, c(3), &measure.title, &f.measure_label)?;
    sheet.write_string_with_format(row, c(4), "درصد تحقق", &f.label)?;
    sheet.write_string_with_format(row, c(5), format!("وزن {}", format_decimal(measure.weight, 0)), &f.label)?;
    sheet.write_blank(row, c(ACTUAL_COLUMN), &f.input_number)?;
    sheet.add_data_validation(row, c(ACTUAL_COLUMN), row, c(ACTUAL_COLUMN), &validations.percent)?;
    sheet.write_blank(row, c(NOTE_COLUMN), &f.input_text)?;
    Ok(())
}

fn guide_lines(purpose: Purpose, year: &str, agency: &str, office: &str) -> Vec<String> {
    let mut lines = vec![format!("راهنمای {} سال {year} — {agency}", purpose.persian())];
    lines.push(format!("این کارپوشه را {office} برای شما ساخته است. آن را پر کنید و همین فایل را برگردانید؛ برگه‌ها را جابه‌جا یا نام‌شان را دگرگون نکنید."));
    lines.extend(scoring_guide_lines());
    match purpose {
        Purpose::SelfAssessment => lines.push("برای هر امتیازی که ادعا می‌کنید، مستندات (شمارهٔ نامه، گزارش، نشانی سامانه) را در ستون «مستندات» بنویسید؛ امتیاز بی‌مستند پذیرفته نمی‌شود.".into()),
        Purpose::Evaluator => lines.push("اگر امتیاز شما با امتیاز خوداظهاری دستگاه بیش از آستانهٔ تعیین‌شده فاصله دارد، دلیل را در «توضیح ارزیاب» بنویسید.".into()),
    }
    lines
}

/// How each method's cells are filled, for every workbook's guide.
pub(super) fn scoring_guide_lines() -> Vec<String> {
    vec![
        "شاخص‌های «نسبت به هدف»: مقدار عملکرد را بنویسید؛ امتیاز از هدف و جهت شاخص حساب می‌شود. اگر امتیاز را خود می‌نویسید، از سقف بیشتر نباشد.".into(),
        "شاخص‌های «امتیاز مستقیم»: امتیاز را از ۰ تا سقف بنویسید. شاخص‌های «بله/خیر»: در ستون مقدار عملکرد «بله» یا «خیر» بنویسید.".into(),
        "شاخص‌های «سنجه‌ای»: برای هر سنجه درصد تحقق (۰ تا ۱۰۰) را در ردیف خود سنجه بنویسید؛ امتیاز شاخص از وزن سنجه‌ها حساب می‌شود.".into(),
        "عددها را با رقم فارسی یا لاتین، با «٫» یا «.» برای اعشار بنویسید. امتیاز منفی یا بیش از سقف پذیرفته نمی‌شود و کل کارپوشه برگردانده می‌شود.".into(),
    ]
}
