//! Pages of Persian text: paragraphs that break lines and align right (or justify), tables
//! that run right to left, repeat their header on every page and never split a row, and
//! page furniture (header, «صفحه ۳ از ۴۰», Jalali date) on A4 portrait or landscape.

use super::fonts::{Font, Fonts, Weight};
use super::shape::ShapedLine;
use super::wrap::wrap_text;
use crate::fa::{self, to_persian_digits, JalaliDate};
use printpdf::{
    Codepoint, Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rgb, TextItem, TextMatrix, WindingOrder,
};
use std::rc::Rc;

const MM: f32 = 2.834_646;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Right,
    Center,
    Left,
    /// Both edges, except a paragraph's last line (which is right-aligned).
    Justify,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    pub weight: Weight,
    pub align: Align,
    pub color: (f32, f32, f32),
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl TextStyle {
    pub fn body() -> Self {
        Self { size: 11.0, weight: Weight::Regular, align: Align::Justify, color: (0.1, 0.12, 0.15), leading: 1.7 }
    }
    pub fn heading() -> Self {
        Self { size: 16.0, weight: Weight::Bold, align: Align::Right, color: (0.07, 0.3, 0.26), leading: 1.5 }
    }
    pub fn small() -> Self {
        Self { size: 8.5, weight: Weight::Regular, align: Align::Right, color: (0.35, 0.38, 0.42), leading: 1.5 }
    }
    pub fn with_align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    pub fn bold(mut self) -> Self {
        self.weight = Weight::Bold;
        self
    }
}

/// A table column: title, width as a share of the table, alignment of its cells.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

pub type Cell = String;

#[derive(Debug, Clone)]
pub struct TableSpec {
    /// Listed right to left: the first column is the rightmost.
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub totals: Option<Vec<Cell>>,
    pub size: f32,
}

/// Bars with Persian labels: horizontal (a ranking) or vertical (a distribution).
#[derive(Debug, Clone)]
pub struct BarChart {
    pub title: String,
    pub bars: Vec<(String, f64)>,
    /// The scale's end; the largest bar when not given.
    pub max: Option<f64>,
    /// Decimals of the values written beside the bars.
    pub decimals: usize,
    /// Each bar's ceiling, drawn as a light track behind it (empty: no tracks).
    pub ceilings: Vec<f64>,
}

/// A heading listed in the table of contents, with the page it starts on (from 1).
#[derive(Debug, Clone, PartialEq)]
pub struct ContentsEntry {
    pub title: String,
    pub page: usize,
    /// 0 for a chapter, 1 for a section under it.
    pub level: u8,
}

pub struct Document {
    pdf: PdfDocument,
    fonts: Fonts,
    title: String,
    width: f32,
    height: f32,
    margin: f32,
    pages: Vec<Vec<Op>>,
    /// Distance of the next line's top from the page's top edge.
    y: f32,
    header: Option<String>,
    /// The page drawing goes to when it is not the last one (page furniture at the end).
    target: Option<usize>,
    /// Header, footer and page numbers (not on a certificate).
    furniture: bool,
    /// Pages (from 0) left without furniture, such as a cover.
    bare: Vec<usize>,
    contents: Vec<ContentsEntry>,
    /// Images already added to the PDF, by the address of their bytes: added once, drawn often.
    images: std::collections::HashMap<usize, (printpdf::XObjectId, f32, f32)>,
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}

impl Document {
    pub fn new(title: &str, orientation: Orientation) -> Self {
        let mut pdf = PdfDocument::new(title);
        let fonts = Fonts::load(&mut pdf);
        let (width, height) = match orientation {
            Orientation::Portrait => (210.0 * MM, 297.0 * MM),
            Orientation::Landscape => (297.0 * MM, 210.0 * MM),
        };
        let margin = 18.0 * MM;
        Self {
            pdf,
            fonts,
            title: title.to_string(),
            width,
            height,
            margin,
            pages: vec![Vec::new()],
            y: margin + 14.0,
            header: None,
            target: None,
            furniture: true,
            bare: Vec::new(),
            contents: Vec::new(),
            images: Default::default(),
        }
    }

    /// A line drawn at the top of every page (e.g. the office's name).
    pub fn with_header(mut self, header: &str) -> Self {
        self.header = Some(header.to_string());
        self
    }

    /// No header, footer or page numbers: a certificate is one framed page.
    pub fn without_furniture(mut self) -> Self {
        self.furniture = false;
        self
    }

    pub fn page_width(&self) -> f32 {
        self.width
    }

    pub fn page_height(&self) -> f32 {
        self.height
    }

    /// The distance of the next line from the page's top edge, in points.
    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn set_y(&mut self, top: f32) {
        self.y = top;
    }

    /// The current page gets no header, footer or number (a cover); it still counts.
    pub fn bare_page(&mut self) {
        self.bare.push(self.pages.len() - 1);
    }

    /// The page being written, from 1.
    pub fn current_page(&self) -> usize {
        self.pages.len()
    }

    /// The headings recorded for the table of contents, in order.
    pub fn contents(&self) -> &[ContentsEntry] {
        &self.contents
    }

    /// A heading that is listed in the table of contents with its page.
    pub fn contents_heading(&mut self, text: &str, style: &TextStyle, level: u8) {
        self.ensure_room(style.size * style.leading * 3.0);
        self.contents.push(ContentsEntry { title: text.to_string(), page: self.current_page(), level });
        self.paragraph(text, style);
    }

    /// The table of contents: titles at the right, page numbers in Persian digits at the
    /// left, a dotted leader between. The pages come from a first pass over the document, so
    /// the contents must take the same room in both passes (same titles, same count).
    pub fn table_of_contents(&mut self, entries: &[ContentsEntry]) {
        let right = self.width - self.margin;
        let width = self.content_width();
        for entry in entries {
            let style = if entry.level == 0 {
                TextStyle { size: 11.5, leading: 2.0, ..TextStyle::body().bold() }
            } else {
                TextStyle { size: 10.5, leading: 1.8, ..TextStyle::body() }
            };
            let line_height = style.size * style.leading;
            self.ensure_room(line_height);
            let indent = 16.0 * entry.level as f32;
            let title = self.shape(&entry.title, &style);
            let number = self.shape(&fa::count(entry.page), &style);
            let top = self.y;
            self.draw_line(&title, right - indent, width - indent, top, &style.with_align(Align::Right), false);
            self.draw_line(&number, right, width, top, &style.with_align(Align::Left), false);
            let leader_right = right - indent - title.width - 6.0;
            let leader_left = self.margin + number.width + 6.0;
            if leader_right > leader_left {
                self.dotted_line(leader_left, leader_right, top + style.size + 1.0);
            }
            self.y += line_height;
        }
    }

    /// Pages drawn by `draw` and put before page `at` (from 0), such as a table of contents
    /// made once what follows it is laid out: the headings after them move by the pages added.
    /// Drawing goes on where it was.
    pub fn insert_pages(&mut self, at: usize, draw: impl FnOnce(&mut Document)) {
        let tail = self.pages.split_off(at);
        let y = self.y;
        self.new_page();
        draw(self);
        let added = self.pages.len() - at;
        self.pages.extend(tail);
        self.y = y;
        for entry in self.contents.iter_mut().filter(|e| e.page > at) {
            entry.page += added;
        }
        for page in self.bare.iter_mut().filter(|p| **p >= at) {
            *page += added;
        }
    }

    fn dotted_line(&mut self, left: f32, right: f32, top: f32) {
        let page = self.page_mut();
        page.push(Op::SetLineDashPattern { dash: printpdf::LineDashPattern::new(0.0, &[1.0, 3.0]) });
        self.hline(left, right, top, 0.8, (0.55, 0.58, 0.6));
        self.page_mut().push(Op::SetLineDashPattern { dash: printpdf::LineDashPattern::solid() });
    }

    fn image_id(&mut self, png: &'static [u8]) -> (printpdf::XObjectId, f32, f32) {
        let key = png.as_ptr() as usize;
        if let Some(found) = self.images.get(&key) {
            return found.clone();
        }
        let image = printpdf::RawImage::decode_from_bytes(png, &mut Vec::new()).expect("a shipped PNG decodes");
        let entry = (self.pdf.add_image(&image), image.width as f32, image.height as f32);
        self.images.insert(key, entry.clone());
        entry
    }

    /// An image (PNG shipped with the app) `width` points wide, its top-left corner at
    /// (`left`, `top`) from the page's top-left.
    pub fn image_at(&mut self, png: &'static [u8], left: f32, top: f32, width: f32) -> f32 {
        let (id, pixels_wide, pixels_high) = self.image_id(png);
        let height = width * pixels_high / pixels_wide;
        // printpdf maps one pixel to one point at 72 dpi; choose the dpi that gives `width`.
        let dpi = 72.0 * pixels_wide / width;
        let bottom = self.height - top - height;
        self.page_mut().push(Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(Pt(left)),
                translate_y: Some(Pt(bottom)),
                dpi: Some(dpi),
                ..Default::default()
            },
        });
        height
    }

    /// An image in the flow of text, aligned like text.
    pub fn image(&mut self, png: &'static [u8], width: f32, align: Align) {
        let (_, pixels_wide, pixels_high) = self.image_id(png);
        let height = width * pixels_high / pixels_wide;
        self.ensure_room(height);
        let left = match align {
            Align::Left => self.margin,
            Align::Center => (self.width - width) / 2.0,
            Align::Right | Align::Justify => self.width - self.margin - width,
        };
        let top = self.y;
        self.image_at(png, left, top, width);
        self.y += height;
    }

    /// A rectangle's outline `inset` points inside the page's edges (a certificate's border).
    pub fn frame(&mut self, inset: f32, thickness: f32, color: (f32, f32, f32)) {
        let (x0, x1, y0, y1) = (inset, self.width - inset, inset, self.height - inset);
        let points = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            .iter()
            .map(|(x, y)| LinePoint { p: Point { x: Pt(*x), y: Pt(*y) }, bezier: false })
            .collect();
        let page = self.page_mut();
        page.push(Op::SetOutlineColor { col: rgb(color) });
        page.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        page.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode: PaintMode::Stroke,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// A filled rectangle in page coordinates from the top-left (a colour band, a tier chip).
    pub fn fill_rect(&mut self, left: f32, top: f32, width: f32, height: f32, fill: (f32, f32, f32)) {
        self.rect(left, top, width, height, fill);
    }

    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    fn bottom(&self) -> f32 {
        self.height - self.margin - 12.0
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.margin + 14.0;
    }

    fn ensure_room(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > self.margin + 14.0 {
            self.new_page();
        }
    }

    pub fn spacer(&mut self, points: f32) {
        self.y += points;
    }

    fn page_mut(&mut self) -> &mut Vec<Op> {
        let index = self.target.unwrap_or(self.pages.len() - 1);
        &mut self.pages[index]
    }

    fn font(&self, weight: Weight) -> &Font {
        self.fonts.get(weight)
    }

    fn shape(&self, text: &str, style: &TextStyle) -> Rc<ShapedLine> {
        self.font(style.weight).shaper.shape(text, style.size)
    }

    /// Lines of `text` that fit `width` at `style`, broken where Unicode allows.
    fn wrap(&self, text: &str, width: f32, style: &TextStyle) -> Vec<String> {
        let shaper = &self.font(style.weight).shaper;
        wrap_text(text, width, &|line: &str| shaper.width(line, style.size))
    }

    /// Draw one shaped line with its right edge at `right` (or per `align`), baseline at `y_top + size`.
    fn draw_line(&mut self, line: &ShapedLine, right: f32, width: f32, y_top: f32, style: &TextStyle, justify: bool) {
        let spaces = line.glyphs.iter().filter(|g| g.text == " ").count();
        let extra = if justify && spaces > 0 { ((width - line.width) / spaces as f32).max(0.0) } else { 0.0 };
        let left = match style.align {
            Align::Left => right - width,
            Align::Center => right - width + (width - line.width) / 2.0,
            Align::Justify if justify => right - width,
            _ => right - line.width,
        };
        let baseline = self.height - (y_top + style.size);
        let font_id = self.font(style.weight).id.clone();
        let page = self.page_mut();
        page.push(Op::StartTextSection);
        page.push(Op::SetFont { font: PdfFontHandle::External(font_id), size: Pt(style.size) });
        page.push(Op::SetFillColor { col: rgb(style.color) });
        let mut spaces_before = 0;
        for glyph in &line.glyphs {
            let x = left + glyph.x + extra * spaces_before as f32;
            page.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(baseline + glyph.y_offset)) });
            let cid = (!glyph.text.is_empty()).then(|| glyph.text.clone());
            page.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint { gid: glyph.gid, offset: 0.0, cid }])],
            });
            if glyph.text == " " {
                spaces_before += 1;
            }
        }
        page.push(Op::EndTextSection);
    }

    /// A paragraph across the content width.
    pub fn paragraph(&mut self, text: &str, style: &TextStyle) {
        let width = self.content_width();
        let right = self.width - self.margin;
        self.text_block(text, right, width, style);
    }

    fn text_block(&mut self, text: &str, right: f32, width: f32, style: &TextStyle) {
        let lines = self.wrap(text, width, style);
        let line_height = style.size * style.leading;
        let count = lines.len();
        for (i, line) in lines.iter().enumerate() {
            self.ensure_room(line_height);
            let shaped = self.shape(line, style);
            let justify = style.align == Align::Justify && i + 1 < count;
            let y = self.y;
            self.draw_line(&shaped, right, width, y, style, justify);
            self.y += line_height;
        }
    }

    fn rect(&mut self, left: f32, top: f32, width: f32, height: f32, fill: (f32, f32, f32)) {
        let (x0, x1) = (left, left + width);
        let (y0, y1) = (self.height - top - height, self.height - top);
        let points = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            .iter()
            .map(|(x, y)| LinePoint { p: Point { x: Pt(*x), y: Pt(*y) }, bezier: false })
            .collect();
        let page = self.page_mut();
        page.push(Op::SetFillColor { col: rgb(fill) });
        page.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    fn hline(&mut self, left: f32, right: f32, top: f32, thickness: f32, color: (f32, f32, f32)) {
        let y = self.height - top;
        let page = self.page_mut();
        page.push(Op::SetOutlineColor { col: rgb(color) });
        page.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        page.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint { p: Point { x: Pt(left), y: Pt(y) }, bezier: false },
                    LinePoint { p: Point { x: Pt(right), y: Pt(y) }, bezier: false },
                ],
                is_closed: false,
            },
        });
    }

    /// A table right to left; its header repeats on every page and no row is split.
    pub fn table(&mut self, spec: &TableSpec) {
        let total: f32 = spec.columns.iter().map(|c| c.width).sum();
        let widths: Vec<f32> = spec.columns.iter().map(|c| c.width / total * self.content_width()).collect();
        // Small print gets tighter cells, so that a page of indicators fits on a page.
        let pad = (spec.size * 0.36).clamp(2.2, 4.0);
        let cell_style = |align: Align, bold: bool| TextStyle {
            size: spec.size,
            weight: if bold { Weight::Bold } else { Weight::Regular },
            align,
            color: (0.1, 0.12, 0.15),
            leading: 1.45,
        };
        let line_height = spec.size * 1.45;
        let header: Vec<String> = spec.columns.iter().map(|c| c.title.clone()).collect();
        let header_lines: Vec<Vec<String>> = header
            .iter()
            .zip(&widths)
            .map(|(t, w)| self.wrap(t, w - 2.0 * pad, &cell_style(Align::Center, true)))
            .collect();
        let header_height = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_height + 2.0 * pad;

        let draw_row = |doc: &mut Document,
                        cells: &[Vec<String>],
                        height: f32,
                        bold: bool,
                        fill: Option<(f32, f32, f32)>,
                        header: bool| {
            let top = doc.y;
            let right_edge = doc.width - doc.margin;
            if let Some(fill) = fill {
                doc.rect(doc.margin, top, doc.content_width(), height, fill);
            }
            let mut right = right_edge;
            for ((lines, width), column) in cells.iter().zip(&widths).zip(&spec.columns) {
                let align = if header { Align::Center } else { column.align };
                let style = cell_style(align, bold);
                let mut y = top + pad;
                for line in lines {
                    let shaped = doc.shape(line, &style);
                    doc.draw_line(&shaped, right - pad, width - 2.0 * pad, y, &style, false);
                    y += line_height;
                }
                right -= width;
            }
            doc.hline(doc.margin, right_edge, top + height, 0.4, (0.75, 0.79, 0.82));
            doc.y += height;
        };

        let draw_header = |doc: &mut Document| {
            draw_row(doc, &header_lines, header_height, true, Some((0.87, 0.92, 0.9)), true);
        };
        self.ensure_room(header_height + line_height + 2.0 * pad);
        draw_header(self);
        let mut body: Vec<(Vec<String>, bool)> = spec.rows.iter().map(|r| (r.clone(), false)).collect();
        if let Some(totals) = &spec.totals {
            body.push((totals.clone(), true));
        }
        for (index, (row, is_total)) in body.iter().enumerate() {
            let lines: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .zip(&spec.columns)
                .map(|((text, w), c)| self.wrap(text, w - 2.0 * pad, &cell_style(c.align, *is_total)))
                .collect();
            let height = lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * line_height + 2.0 * pad;
            if self.y + height > self.bottom() {
                self.new_page();
                draw_header(self);
            }
            let fill = if *is_total {
                Some((0.93, 0.95, 0.94))
            } else if index % 2 == 1 {
                Some((0.965, 0.97, 0.975))
            } else {
                None
            };
            draw_row(self, &lines, height, *is_total, fill, false);
        }
    }

    /// Horizontal bars right to left: the label at the right, the bar growing leftwards, its
    /// value in Persian digits at the bar's end.
    pub fn bar_chart(&mut self, chart: &BarChart) {
        let label_style = TextStyle {
            size: 8.5,
            weight: Weight::Regular,
            align: Align::Right,
            color: (0.1, 0.12, 0.15),
            leading: 1.4,
        };
        let value_style = TextStyle { color: (0.3, 0.33, 0.36), ..label_style };
        if !chart.title.is_empty() {
            self.paragraph(&chart.title, &TextStyle::body().bold().with_align(Align::Right));
        }
        let max =
            chart.max.unwrap_or_else(|| chart.bars.iter().map(|(_, v)| *v).fold(0.0, f64::max)).max(f64::MIN_POSITIVE);
        let right = self.width - self.margin;
        let label_width = self.content_width() * 0.34;
        let value_width = if chart.ceilings.is_empty() { 42.0 } else { 64.0 };
        let bar_right = right - label_width - 6.0;
        let bar_room = bar_right - self.margin - value_width;
        let row = if chart.bars.len() > 6 { 11.5 } else { 15.0 };
        for (index, (label, value)) in chart.bars.iter().enumerate() {
            self.ensure_room(row);
            let top = self.y;
            let shaped = self.shape(label, &label_style);
            self.draw_line(&shaped, right, label_width, top + 2.0, &label_style, false);
            let ceiling = chart.ceilings.get(index).copied();
            // Against a ceiling, every bar is a share of its own ceiling: a full track is the ceiling.
            let length = match ceiling {
                Some(c) if c > 0.0 => (value.max(0.0) / c).min(1.0) as f32 * bar_room,
                _ => (value.max(0.0) / max) as f32 * bar_room,
            };
            if ceiling.is_some() {
                self.rect(bar_right - bar_room, top + 3.0, bar_room, row - 6.0, (0.88, 0.91, 0.9));
            }
            self.rect(bar_right - length, top + 3.0, length, row - 6.0, (0.12, 0.44, 0.36));
            let text = match ceiling {
                Some(ceiling) => format!(
                    "{} از {}",
                    crate::fa::format_decimal(*value, chart.decimals),
                    crate::fa::format_decimal(ceiling, 0)
                ),
                None => crate::fa::format_decimal(*value, chart.decimals),
            };
            let length = if ceiling.is_some() { bar_room } else { length };
            let shaped = self.shape(&text, &value_style);
            let end = bar_right - length - 3.0;
            self.draw_line(&shaped, end, value_width, top + 2.0, &value_style, false);
            self.y += row;
        }
        self.y += 6.0;
    }

    /// Vertical bars over a baseline, labels under them and values over them.
    pub fn column_chart(&mut self, chart: &BarChart, height: f32) {
        let style = TextStyle {
            size: 8.5,
            weight: Weight::Regular,
            align: Align::Center,
            color: (0.1, 0.12, 0.15),
            leading: 1.4,
        };
        if !chart.title.is_empty() {
            self.paragraph(&chart.title, &TextStyle::body().bold().with_align(Align::Right));
        }
        self.ensure_room(height + 30.0);
        let max =
            chart.max.unwrap_or_else(|| chart.bars.iter().map(|(_, v)| *v).fold(0.0, f64::max)).max(f64::MIN_POSITIVE);
        let slot = self.content_width() / chart.bars.len().max(1) as f32;
        let base = self.y + 14.0 + height;
        // Right to left: the first bar is the rightmost.
        for (index, (label, value)) in chart.bars.iter().enumerate() {
            let slot_right = self.width - self.margin - slot * index as f32;
            let bar = (value.max(0.0) / max) as f32 * height;
            self.rect(slot_right - slot * 0.7, base - bar, slot * 0.4, bar, (0.12, 0.44, 0.36));
            let text = crate::fa::format_decimal(*value, chart.decimals);
            let shaped = self.shape(&text, &style);
            self.draw_line(&shaped, slot_right, slot, base - bar - 13.0, &style, false);
            let shaped = self.shape(label, &style);
            self.draw_line(&shaped, slot_right, slot, base + 3.0, &style, false);
        }
        self.hline(self.margin, self.width - self.margin, base, 0.6, (0.4, 0.43, 0.46));
        self.y = base + 20.0;
    }

    /// Page furniture on every page, then the PDF's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        let total = self.pages.len();
        let date = JalaliDate::today().to_string();
        let small = TextStyle::small();
        let right = self.width - self.margin;
        let width = self.content_width();
        let furnished = if self.furniture { total } else { 0 };
        for index in (0..furnished).filter(|i| !self.bare.contains(i)).collect::<Vec<_>>() {
            self.target = Some(index);
            if let Some(header) = self.header.clone() {
                let shaped = self.shape(&header, &small);
                self.draw_line(&shaped, right, width, self.margin - 8.0, &small, false);
                self.hline(self.margin, right, self.margin + 6.0, 0.5, (0.12, 0.44, 0.36));
            }
            let footer_top = self.height - self.margin + 2.0;
            let page_text = to_persian_digits(&format!("صفحه {} از {}", index + 1, total));
            let shaped = self.shape(&page_text, &small);
            self.draw_line(&shaped, right, width, footer_top, &small.with_align(Align::Center), false);
            let shaped = self.shape(&date, &small);
            self.draw_line(&shaped, right, width, footer_top, &small.with_align(Align::Left), false);
            let title = self.title.clone();
            let shaped = self.shape(&title, &small);
            self.draw_line(&shaped, right, width, footer_top, &small, false);
        }
        let pages =
            self.pages.into_iter().map(|ops| PdfPage::new(Mm(self.width / MM), Mm(self.height / MM), ops)).collect();
        self.pdf.with_pages(pages).save(&PdfSaveOptions::default(), &mut Vec::new())
    }
}
