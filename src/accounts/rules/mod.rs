//! The rule language of the template (docs/formats/rules.md): arithmetic, comparisons with
//! an absolute or relative tolerance, sums over lists and ranges of items, last year's value,
//! relative change, if/then, presence and between.

mod eval;
mod parse;

pub use eval::{evaluate, render_message, Outcome, ValueSource};
pub use parse::{parse_rule, Expr, RuleSyntaxError};
