//! The settings of a year's evaluation: scales, how the parts combine, tiers, the objection
//! window and the festival. They are data: the defaults come from
//! assets/evaluation-defaults.json and each year keeps its own copy in the province file.

use super::EvaluationError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const DEFAULTS: &str = include_str!("../../assets/evaluation-defaults.json");

/// How general and specific (with development) scores make the combined score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// combined = general + specific + development, out of the two scales together.
    Sum,
    /// percent = general share × general_weight + specific share × (100 − general_weight).
    Weighted,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Tier {
    pub name: String,
    /// The lowest percent of the scale that reaches this tier.
    pub min_percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvalSettings {
    pub general_scale: f64,
    /// Specific and development indicators together.
    pub specific_scale: f64,
    /// Percent of the specific scale carried by development indicators.
    pub development_share: f64,
    pub combine: Combine,
    /// Percent weight of the general part when `combine` is weighted.
    pub general_weight: f64,
    /// Highest first; the last should start at 0.
    pub tiers: Vec<Tier>,
    pub objection_window_days: u32,
    /// A claimed score needs evidence.
    pub evidence_required: bool,
    /// An evaluator score further than this percent of the ceiling from the self score needs a comment.
    pub departure_percent: f64,
    pub winners_per_group: u32,
    /// How many agencies with the largest growth are honoured.
    pub growth_awards: u32,
    /// The evaluators score an agency only once its national headquarters has confirmed its
    /// self-assessment (seed step 9 comes before step 13). Years stored before this setting read
    /// «no», as they were played.
    #[serde(default)]
    pub evaluator_waits_for_hq: bool,
    /// The council that approves the results, as documents name it (seed steps 15–16).
    #[serde(default = "default_council")]
    pub council: String,
    /// Who signs each kind of letter (name and title).
    #[serde(default = "default_signatories")]
    pub signatories: Signatories,
    /// A lead agency's score (دستگاه سنجش, seed §8) also becomes the evaluator's score when its
    /// workbook is taken in; otherwise it is only the evidence evaluators see.
    #[serde(default)]
    pub lead_score_as_evaluator: bool,
}

/// The name and title printed under a letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Signatory {
    pub name: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Signatories {
    /// The committees' appointment letters.
    pub appointment: Signatory,
    /// The festival's certificates.
    pub certificate: Signatory,
    /// The letters notifying the agencies of their tiers and the provinces' ranking (seed step 18).
    #[serde(default = "default_notification_signatory")]
    pub notification: Signatory,
}

/// For years whose signatories were stored before the notification letter had one.
fn default_notification_signatory() -> Signatory {
    EvalSettings::default().signatories.notification
}

/// For years stored before the signatories were settings.
fn default_signatories() -> Signatories {
    EvalSettings::default().signatories
}

/// For years stored before the council's name was a setting.
fn default_council() -> String {
    EvalSettings::default().council
}

impl Default for EvalSettings {
    fn default() -> Self {
        serde_json::from_str(DEFAULTS).expect("assets/evaluation-defaults.json is valid")
    }
}

impl EvalSettings {
    pub fn max_total(&self) -> f64 {
        self.general_scale + self.specific_scale
    }

    pub fn development_scale(&self) -> f64 {
        self.specific_scale * self.development_share / 100.0
    }

    /// The tier of a percent of the scale.
    pub fn tier_of(&self, percent: f64) -> String {
        let mut tiers: Vec<&Tier> = self.tiers.iter().collect();
        tiers.sort_by(|a, b| b.min_percent.total_cmp(&a.min_percent));
        tiers
            .iter()
            .find(|t| percent + 1e-9 >= t.min_percent)
            .or(tiers.last())
            .map(|t| t.name.clone())
            .unwrap_or_default()
    }

    /// Refuse settings that cannot work, with the reason.
    pub fn validate(&self) -> Result<(), EvaluationError> {
        let bad = |message: &str| Err(EvaluationError::BadSettings { message: message.to_string() });
        if self.general_scale <= 0.0 || self.specific_scale <= 0.0 {
            return bad("مقیاس شاخص‌های عمومی و اختصاصی باید بیشتر از صفر باشد");
        }
        if !(0.0..=100.0).contains(&self.development_share) {
            return bad("سهم شاخص‌های توسعه‌ای باید درصدی میان ۰ و ۱۰۰ باشد");
        }
        let s = &self.signatories;
        let signatories = [&s.appointment, &s.certificate, &s.notification];
        if signatories.iter().any(|s| s.title.trim().is_empty()) {
            return bad(
                "عنوان امضاکنندهٔ ابلاغ‌ها، تقدیرنامه‌ها و نامه‌های ابلاغ سطح‌بندی را بنویسید (مثلاً «رئیس سازمان مدیریت و برنامه‌ریزی استان»)",
            );
        }
        if self.council.trim().is_empty() {
            return bad("نام شورایی که نتایج را تصویب می‌کند خالی است؛ سندها آن را نام می‌برند");
        }
        if !(0.0..=100.0).contains(&self.general_weight) {
            return bad("وزن شاخص‌های عمومی باید درصدی میان ۰ و ۱۰۰ باشد");
        }
        if self.tiers.is_empty()
            || self.tiers.iter().any(|t| t.name.trim().is_empty() || !(0.0..=100.0).contains(&t.min_percent))
        {
            return bad("هر سطح باید نام و کمینهٔ درصدی میان ۰ و ۱۰۰ داشته باشد");
        }
        let mut names: Vec<String> = self.tiers.iter().map(|t| crate::fa::comparison_key(&t.name)).collect();
        names.sort();
        names.dedup();
        if names.len() != self.tiers.len() {
            return bad("نام هر سطح باید یکتا باشد؛ دو سطح هم‌نام را از هم جدا کنید");
        }
        let mut floors: Vec<f64> = self.tiers.iter().map(|t| t.min_percent).collect();
        floors.sort_by(f64::total_cmp);
        if floors.windows(2).any(|w| w[0] == w[1]) {
            return bad("کمینهٔ درصد دو سطح یکی است؛ هر سطح باید از درصدی دیگر آغاز شود");
        }
        if !self.tiers.iter().any(|t| t.min_percent == 0.0) {
            return bad("پایین‌ترین سطح باید از ۰ درصد آغاز شود تا هر دستگاهی سطحی داشته باشد");
        }
        if self.objection_window_days == 0 || self.objection_window_days > 90 {
            return bad("مهلت اعتراض باید میان ۱ و ۹۰ روز باشد");
        }
        if !(0.0..=100.0).contains(&self.departure_percent) {
            return bad("آستانهٔ اختلاف امتیاز ارزیاب باید درصدی میان ۰ و ۱۰۰ باشد");
        }
        if self.winners_per_group == 0 {
            return bad("شمار برگزیدگان هر گروه دست‌کم ۱ است");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_come_from_the_assets_file() {
        let s = EvalSettings::default();
        assert_eq!((s.general_scale, s.specific_scale, s.development_scale()), (1000.0, 1000.0, 200.0));
        assert_eq!(s.tiers.len(), 5);
        assert_eq!(s.objection_window_days, 7);
        s.validate().unwrap();
    }

    #[test]
    fn tiers_by_percent() {
        let s = EvalSettings::default();
        assert_eq!(s.tier_of(90.0), "عالی");
        assert_eq!(s.tier_of(89.99), "خیلی خوب");
        assert_eq!(s.tier_of(70.0), "خوب");
        assert_eq!(s.tier_of(60.5), "متوسط");
        assert_eq!(s.tier_of(0.0), "ضعیف");
    }

    #[test]
    fn settings_that_cannot_work_are_refused() {
        let mut s = EvalSettings::default();
        s.tiers.retain(|t| t.min_percent > 0.0);
        assert!(s.validate().unwrap_err().to_string().contains("پایین‌ترین سطح"));
        let s = EvalSettings { objection_window_days: 0, ..EvalSettings::default() };
        assert!(s.validate().is_err());
        let s = EvalSettings { council: " ".into(), ..EvalSettings::default() };
        assert!(s.validate().unwrap_err().to_string().contains("نام شورایی"));
    }

    #[test]
    fn the_council_is_named_as_the_seed_names_it_and_old_years_get_it() {
        assert_eq!(EvalSettings::default().council, "شورای توسعهٔ مدیریت استان");
        // A year stored before the council was a setting reads the default.
        let mut stored = serde_json::to_value(EvalSettings::default()).unwrap();
        stored.as_object_mut().unwrap().remove("council");
        stored_without(&mut stored, "signatories");
        let old: EvalSettings = serde_json::from_value(stored).unwrap();
        assert_eq!(old.council, "شورای توسعهٔ مدیریت استان");
        assert_eq!(old.signatories, EvalSettings::default().signatories);
        assert_eq!(old.signatories.certificate.title, "رئیس سازمان مدیریت و برنامه‌ریزی استان");
        assert_eq!(old.signatories.appointment.name, "", "no name is guessed: the office writes it");
    }

    #[test]
    fn new_years_wait_for_the_headquarters_and_years_stored_before_do_not() {
        // Seed step 9 (the headquarters confirm) comes before step 13 (the evaluators score).
        assert!(EvalSettings::default().evaluator_waits_for_hq);
        let mut stored = serde_json::to_value(EvalSettings::default()).unwrap();
        stored_without(&mut stored, "evaluator_waits_for_hq");
        let old: EvalSettings = serde_json::from_value(stored).unwrap();
        assert!(!old.evaluator_waits_for_hq, "a year stored before goes on as it was played");
    }

    #[test]
    fn years_stored_before_the_notification_letter_read_its_default_signatory() {
        let mut stored = serde_json::to_value(EvalSettings::default()).unwrap();
        stored["signatories"].as_object_mut().unwrap().remove("notification");
        let old: EvalSettings = serde_json::from_value(stored).unwrap();
        assert_eq!(old.signatories.notification.title, "رئیس سازمان مدیریت و برنامه‌ریزی استان");
    }

    fn stored_without(stored: &mut serde_json::Value, field: &str) {
        stored.as_object_mut().unwrap().remove(field);
    }

    #[test]
    fn tiers_must_differ_in_name_and_floor() {
        let mut s = EvalSettings::default();
        s.tiers[1].name = s.tiers[0].name.clone();
        assert!(s.validate().unwrap_err().to_string().contains("یکتا"));
        let mut s = EvalSettings::default();
        s.tiers[1].min_percent = s.tiers[0].min_percent;
        assert!(s.validate().unwrap_err().to_string().contains("کمینهٔ درصد دو سطح"));
    }

    #[test]
    fn every_group_has_a_winner() {
        let s = EvalSettings { winners_per_group: 0, ..EvalSettings::default() };
        assert!(s.validate().unwrap_err().to_string().contains("برگزیدگان"));
        let s = EvalSettings { winners_per_group: 1, growth_awards: 0, ..EvalSettings::default() };
        s.validate().unwrap();
    }
}
