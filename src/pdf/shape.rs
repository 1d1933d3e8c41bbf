//! One line of text, shaped: bidi runs in visual order, each shaped by rustybuzz, glyphs
//! positioned left to right in points.

use rustybuzz::{BufferFlags, Direction, Face, Script, ShapePlan, UnicodeBuffer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use unicode_bidi::{Level, ParagraphBidiInfo};

/// A glyph placed on the line, `x` from the line's left edge, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub gid: u16,
    pub x: f32,
    pub y_offset: f32,
    /// The text this glyph stands for (its cluster's text on the cluster's first glyph, else
    /// empty): it becomes the PDF's ToUnicode mapping, so that text can be copied.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShapedLine {
    pub glyphs: Vec<PlacedGlyph>,
    pub width: f32,
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Shaping plans by direction and script. Building a plan costs more than shaping a short
/// line with it (rustybuzz's `shape` builds one on every call), so plans are kept.
#[derive(Default)]
struct Plans(HashMap<(Direction, Option<Script>), ShapePlan>);

impl Plans {
    fn get(&mut self, face: &Face, direction: Direction, script: Option<Script>) -> &ShapePlan {
        self.0.entry((direction, script)).or_insert_with(|| ShapePlan::new(face, direction, script, None, &[]))
    }
}

/// One font's shaper for a document: its plans, and every line already shaped (by text and
/// size). A document shapes the same words, numbers and headings many times over: to measure
/// them while breaking lines, then to draw them.
pub(crate) struct Shaper {
    face: Face<'static>,
    plans: RefCell<Plans>,
    shaped: RefCell<HashMap<(String, u32), Rc<ShapedLine>>>,
}

impl Shaper {
    pub fn new(face: Face<'static>) -> Self {
        Self { face, plans: Default::default(), shaped: Default::default() }
    }

    /// `text` shaped as [`shape_line`] does, once per text and size.
    pub fn shape(&self, text: &str, size: f32) -> Rc<ShapedLine> {
        let key = (text.to_string(), size.to_bits());
        if let Some(found) = self.shaped.borrow().get(&key) {
            return found.clone();
        }
        let line = Rc::new(shape_with(text, &self.face, size, &mut self.plans.borrow_mut()));
        self.shaped.borrow_mut().insert(key, line.clone());
        line
    }

    /// The width of `text` in points at `size`.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text, size).width
    }
}

/// Shape `text` as one line in a right-to-left paragraph (Persian), at `size` points.
pub fn shape_line(text: &str, face: &Face, size: f32) -> ShapedLine {
    shape_with(text, face, size, &mut Plans::default())
}

fn shape_with(text: &str, face: &Face, size: f32, plans: &mut Plans) -> ShapedLine {
    let scale = size / face.units_per_em() as f32;
    let mut glyphs = Vec::new();
    let mut pen = 0.0f32;
    if text.is_empty() {
        return ShapedLine { glyphs, width: 0.0 };
    }
    let bidi = ParagraphBidiInfo::new(text, Some(Level::rtl()));
    let (levels, runs) = bidi.visual_runs(0..text.len());
    for run in runs {
        let rtl = levels[run.start].is_rtl();
        // Bidi controls (isolates, marks, embeddings) did their work in the ordering above;
        // the font has no glyphs for them.
        let run_text: String = text[run.clone()].chars().filter(|c| !is_bidi_control(*c)).collect();
        let run_text = run_text.as_str();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(run_text);
        buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
        // Keep ZWNJ: it is part of Persian spelling and shapes the letters beside it.
        buffer.set_flags(BufferFlags::PRESERVE_DEFAULT_IGNORABLES);
        buffer.guess_segment_properties();
        let script = Some(buffer.script()).filter(|s| *s != rustybuzz::script::UNKNOWN);
        let plan = plans.get(face, buffer.direction(), script);
        let shaped = rustybuzz::shape_with_plan(face, plan, buffer);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        // Cluster boundaries in this run, to give each cluster's first glyph its text.
        let mut clusters: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        clusters.sort_unstable();
        clusters.dedup();
        let mut seen = std::collections::HashSet::new();
        for (info, pos) in infos.iter().zip(positions) {
            let cluster = info.cluster as usize;
            let text = if seen.insert(cluster) {
                let end = clusters.iter().find(|c| **c > cluster).copied().unwrap_or(run_text.len());
                let cluster_text = &run_text[cluster..end];
                // Extractors such as pdftotext reverse right-to-left text character by
                // character; a cluster of several characters (lam-alef, a letter and its
                // mark) is stored reversed so that it comes out in logical order.
                if rtl {
                    cluster_text.chars().rev().collect()
                } else {
                    cluster_text.to_string()
                }
            } else {
                String::new()
            };
            glyphs.push(PlacedGlyph {
                gid: info.glyph_id as u16,
                x: pen + pos.x_offset as f32 * scale,
                y_offset: pos.y_offset as f32 * scale,
                text,
            });
            pen += pos.x_advance as f32 * scale;
        }
    }
    ShapedLine { glyphs, width: pen }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face() -> Face<'static> {
        Face::from_slice(include_bytes!("../../assets/fonts/Vazirmatn-Regular.ttf"), 0).unwrap()
    }

    #[test]
    fn persian_is_joined_and_runs_right_to_left() {
        let face = face();
        let line = shape_line("کتاب", &face, 12.0);
        // Four letters, four glyphs, in visual order: the last letter first.
        assert_eq!(line.glyphs.len(), 4);
        assert_eq!(line.glyphs[0].text, "ب");
        assert_eq!(line.glyphs[3].text, "ک");
        // Joined forms differ from the isolated letters' glyphs.
        let isolated = shape_line("ک", &face, 12.0);
        assert_ne!(line.glyphs[3].gid, isolated.glyphs[0].gid);
        assert!(line.width > 0.0);
        // Lam-alef is one ligature glyph that copies back as both letters.
        let salam = shape_line("سلام", &face, 12.0);
        assert_eq!(salam.glyphs.len(), 3);
        assert!(salam.glyphs.iter().any(|g| g.text == "ال"), "stored reversed for extraction");
    }

    #[test]
    fn mixed_runs_keep_latin_and_digits_left_to_right() {
        let face = face();
        let line = shape_line("کد T01 و ۱۴۰۳", &face, 12.0);
        let text: String = line.glyphs.iter().map(|g| g.text.as_str()).collect();
        // Visual order: «۱۴۰۳» (left to right), then «و», then «T01» left to right, then «کد».
        assert!(text.contains("T01"), "{text}");
        assert!(text.starts_with("۱۴۰۳"), "{text}");
        let xs: Vec<f32> = line.glyphs.iter().map(|g| g.x).collect();
        assert!(xs.windows(2).all(|w| w[0] <= w[1] + 0.01), "glyphs placed left to right");
    }

    #[test]
    fn an_isolated_signed_number_keeps_its_sign_at_the_left() {
        let face = face();
        let line = shape_line("رشد \u{2066}+۲٫۵\u{2069}", &face, 12.0);
        let text: String = line.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert!(text.starts_with("+۲٫۵"), "{text}");
        assert!(!text.contains('\u{2066}') && !text.contains('\u{2069}'), "controls are not drawn");
    }

    #[test]
    fn zwnj_is_kept() {
        let face = face();
        let with = shape_line("می‌شود", &face, 12.0);
        let without = shape_line("میشود", &face, 12.0);
        assert_ne!(
            with.glyphs.iter().map(|g| g.gid).collect::<Vec<_>>(),
            without.glyphs.iter().map(|g| g.gid).collect::<Vec<_>>()
        );
    }
}
