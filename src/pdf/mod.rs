//! Persian PDF on printpdf. printpdf does not shape Arabic script, so text is shaped here:
//! each bidi run (unicode-bidi) is shaped with rustybuzz, runs are placed in visual order,
//! and the shaped glyph ids are written with printpdf's glyph operations, which embed a
//! subset of Vazirmatn. Paragraphs break lines with unicode-linebreak.

mod document;
mod fonts;
mod merge;
mod shape;
mod wrap;

pub use document::{Align, BarChart, Cell, Column, ContentsEntry, Document, Orientation, TableSpec, TextStyle};
pub use fonts::Weight;
pub use merge::concatenate;
pub use shape::{shape_line, ShapedLine};
