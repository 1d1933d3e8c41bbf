//! The template of tables as the Statistical Centre sends it (docs/formats/template.md).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Number,
    Integer,
    Percent,
    Text,
}

impl ItemKind {
    /// The kind named in the template sheet («عدد»، «عدد صحیح»، «درصد»، «متن»).
    pub fn from_persian(text: &str) -> Option<Self> {
        match crate::fa::comparison_key(text).as_str() {
            "عدد" | "number" => Some(Self::Number),
            "عددصحیح" | "integer" => Some(Self::Integer),
            "درصد" | "percent" => Some(Self::Percent),
            "متن" | "text" => Some(Self::Text),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Number => "number",
            Self::Integer => "integer",
            Self::Percent => "percent",
            Self::Text => "text",
        }
    }
    pub fn from_db(text: &str) -> Self {
        match text {
            "integer" => Self::Integer,
            "percent" => Self::Percent,
            "text" => Self::Text,
            _ => Self::Number,
        }
    }
    pub fn persian(self) -> &'static str {
        match self {
            Self::Number => "عدد",
            Self::Integer => "عدد صحیح",
            Self::Percent => "درصد",
            Self::Text => "متن",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks approval.
    Error,
    /// Needs a written explanation before approval.
    Warning,
}

impl Severity {
    pub fn from_persian(text: &str) -> Option<Self> {
        match crate::fa::comparison_key(text).as_str() {
            "خطا" | "error" => Some(Self::Error),
            "هشدار" | "warning" => Some(Self::Warning),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
    pub fn from_db(text: &str) -> Self {
        if text == "error" {
            Self::Error
        } else {
            Self::Warning
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateTable {
    pub code: String,
    pub title: String,
    pub unit: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateItem {
    pub code: String,
    pub table_code: String,
    pub row_label: String,
    pub col_label: String,
    pub unit: String,
    pub kind: ItemKind,
    pub decimals: u8,
    pub required: bool,
    /// The supplying agency the template proposes; the office may reassign.
    pub agency_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateRule {
    pub code: String,
    pub expression: String,
    pub severity: Severity,
    pub message: String,
}

/// A year's template: its identity and its tables, items (in order) and rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Template {
    pub code: String,
    pub year: i32,
    pub version: String,
    pub title: String,
    pub tables: Vec<TemplateTable>,
    pub items: Vec<TemplateItem>,
    pub rules: Vec<TemplateRule>,
}
