/// Where a stored value or score came from. `source` is kept where the service's table has a
/// column for it (the accounts' values).
pub struct Provenance<'a> {
    pub source: &'a str,
    pub submission_id: Option<i64>,
    /// The workbook cell it was read from; empty when typed or imported.
    pub cell: &'a str,
    pub actor: &'a str,
}

impl<'a> Provenance<'a> {
    /// Read from `cell` of a returned workbook, submission `submission_id`.
    pub fn workbook(submission_id: i64, cell: &'a str, actor: &'a str) -> Self {
        Self { source: "workbook", submission_id: Some(submission_id), cell, actor }
    }
    /// Typed by `actor` in the app or the CLI.
    pub fn typed(actor: &'a str) -> Self {
        Self { source: "manual", submission_id: None, cell: "", actor }
    }
    /// Imported from a file of final values.
    pub fn imported(actor: &'a str) -> Self {
        Self { source: "import", submission_id: None, cell: "", actor }
    }
}

/// Whether storing a value changed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Changed,
    Same,
}
