//! The embedded fonts: Vazirmatn regular and bold (SIL OFL, assets/fonts).

use printpdf::{FontId, ParsedFont, PdfDocument};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/Vazirmatn-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/Vazirmatn-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// One font: its shaper and the PDF's font id.
pub(super) struct Font {
    pub shaper: super::shape::Shaper,
    pub id: FontId,
}

pub(super) struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

fn load(doc: &mut PdfDocument, bytes: &'static [u8]) -> Font {
    let face = rustybuzz::Face::from_slice(bytes, 0).expect("the shipped font parses");
    let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the shipped font parses");
    let id = doc.add_font(&parsed);
    Font { shaper: super::shape::Shaper::new(face), id }
}

impl Fonts {
    pub fn load(doc: &mut PdfDocument) -> Self {
        Self { regular: load(doc, REGULAR), bold: load(doc, BOLD) }
    }

    pub fn get(&self, weight: Weight) -> &Font {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}
