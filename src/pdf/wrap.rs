//! Line breaking without reshaping prefixes. Breaking greedily asks at every break
//! opportunity whether the line so far still fits; shaping that growing line each time made
//! long paragraphs quadratic. Here the pieces between opportunities are measured once each,
//! a line's width is estimated as the sum of its pieces, and only a line whose estimate lies
//! within `SURE` points of the width is shaped whole to decide. Persian letters join only
//! within a word and a break opportunity never falls inside a joined word, so a line's shaped
//! width differs from the sum of its pieces only by kerning at the spaces: far less than
//! `SURE`. The lines are those that shaping every prefix gave (a test compares both).

use unicode_linebreak::{linebreaks, BreakOpportunity};

/// The break opportunities of `text` (UAX #14), less those after a hyphen inside a Latin code
/// such as «B-REQUIRED» or «R-T03-03»: a code cut in two inside right-to-left text has its
/// halves and its brackets scattered over two lines.
pub(super) fn opportunities(text: &str) -> impl Iterator<Item = (usize, BreakOpportunity)> + '_ {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    linebreaks(text).filter(move |&(at, opportunity)| {
        let inside_code = opportunity == BreakOpportunity::Allowed
            && text[..at].ends_with('-')
            && latin(text[..at - 1].chars().next_back())
            && latin(text[at..].chars().next());
        !inside_code
    })
}

/// How far (points) a line's estimated width may be from its shaped width.
const SURE: f32 = 1.5;

/// Lines of `text` that fit `width`, as measured by `measure` (the shaped width of a line).
pub(super) fn wrap_text(text: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // Most cells and short paragraphs fit whole: one shaping instead of one per word.
        let whole = paragraph.trim();
        if !whole.contains('\u{2028}') && measure(whole) <= width {
            lines.push(whole.to_string());
            continue;
        }
        Paragraph::new(paragraph, measure).break_into(width, &mut lines);
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// A paragraph cut at its break opportunities into pieces, each measured once.
struct Paragraph<'a> {
    text: &'a str,
    measure: &'a dyn Fn(&str) -> f32,
    /// Byte offsets: 0, then each break opportunity; piece k runs from bounds[k] to bounds[k + 1].
    bounds: Vec<usize>,
    mandatory: Vec<bool>,
    /// Sum of the widths of the pieces before piece k (spaces included).
    sums: Vec<f32>,
    /// Width of piece k's leading and trailing white space, which a line's ends drop.
    lead: Vec<f32>,
    trail: Vec<f32>,
    /// Piece k is white space only: lines that start or end with it are shaped to decide.
    blank: Vec<bool>,
}

impl<'a> Paragraph<'a> {
    fn new(text: &'a str, measure: &'a dyn Fn(&str) -> f32) -> Self {
        let blanks = |s: &str| s.chars().map(|c| measure(c.encode_utf8(&mut [0; 4]))).sum::<f32>();
        let mut this = Self {
            text,
            measure,
            bounds: vec![0],
            mandatory: Vec::new(),
            sums: vec![0.0],
            lead: Vec::new(),
            trail: Vec::new(),
            blank: Vec::new(),
        };
        for (at, opportunity) in opportunities(text) {
            let piece = &text[*this.bounds.last().expect("starts with 0")..at];
            let core = piece.trim();
            let lead = blanks(&piece[..piece.len() - piece.trim_start().len()]);
            let trail = if core.is_empty() { 0.0 } else { blanks(&piece[piece.trim_end().len()..]) };
            let full = lead + measure(core) + trail;
            this.sums.push(this.sums.last().expect("starts with 0") + full);
            this.lead.push(lead);
            this.trail.push(trail);
            this.blank.push(core.is_empty());
            this.mandatory.push(opportunity == BreakOpportunity::Mandatory);
            this.bounds.push(at);
        }
        this
    }

    /// The line from piece `from` up to piece `to` (excluded), trimmed.
    fn line(&self, from: usize, to: usize) -> &'a str {
        self.text[self.bounds[from]..self.bounds[to]].trim()
    }

    fn fits(&self, from: usize, to: usize, width: f32) -> bool {
        if from >= to {
            return true;
        }
        let estimate = self.sums[to] - self.sums[from] - self.lead[from] - self.trail[to - 1];
        let unsure = self.blank[from] || self.blank[to - 1] || (estimate - width).abs() <= SURE;
        if unsure {
            (self.measure)(self.line(from, to)) <= width
        } else {
            estimate <= width
        }
    }

    /// Greedy breaking: each line takes as many pieces as fit; a piece wider than the column
    /// stands on its own line; mandatory breaks (U+2028, the end) always break.
    fn break_into(&self, width: f32, lines: &mut Vec<String>) {
        let mut start = 0;
        let mut last_fit: Option<usize> = None;
        for to in 1..self.bounds.len() {
            if self.fits(start, to, width) {
                last_fit = Some(to);
            } else {
                let end = last_fit.unwrap_or(to);
                lines.push(self.line(start, end).to_string());
                start = end;
                last_fit = self.fits(start, to, width).then_some(to);
            }
            if self.mandatory[to - 1] && start < to {
                lines.push(self.line(start, to).to_string());
                start = to;
                last_fit = None;
            }
        }
        let rest = self.text[self.bounds[start]..].trim();
        if !rest.is_empty() || self.text.is_empty() {
            lines.push(rest.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::shape::Shaper;

    /// The former breaking, which shaped the growing line at every opportunity: the reference.
    fn wrap_by_prefixes(text: &str, width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let whole = paragraph.trim();
            if !whole.contains('\u{2028}') && measure(whole) <= width {
                lines.push(whole.to_string());
                continue;
            }
            let mut start = 0;
            let mut last_fit: Option<usize> = None;
            for (at, opportunity) in opportunities(paragraph) {
                let candidate = paragraph[start..at].trim();
                if measure(candidate) > width {
                    match last_fit {
                        Some(fit) => {
                            lines.push(paragraph[start..fit].trim().to_string());
                            start = fit;
                        }
                        None => {
                            lines.push(candidate.to_string());
                            start = at;
                        }
                    }
                    last_fit = None;
                    if measure(paragraph[start..at].trim()) <= width {
                        last_fit = Some(at);
                    }
                } else {
                    last_fit = Some(at);
                }
                if opportunity == BreakOpportunity::Mandatory && start < at {
                    lines.push(paragraph[start..at].trim().to_string());
                    start = at;
                    last_fit = None;
                }
            }
            if start < paragraph.len() || paragraph.is_empty() {
                let rest = paragraph[start..].trim();
                if !rest.is_empty() || lines.is_empty() {
                    lines.push(rest.to_string());
                }
            }
        }
        lines.retain(|l| !l.is_empty());
        lines
    }

    fn shaper() -> Shaper {
        let bytes = include_bytes!("../../assets/fonts/Vazirmatn-Regular.ttf");
        Shaper::new(rustybuzz::Face::from_slice(bytes, 0).unwrap())
    }

    const TEXTS: &[&str] = &[
        "ارزیابی عملکرد دستگاه‌های اجرایی استان در سال ۱۴۰۳ بر پایهٔ شاخص‌های عمومی، اختصاصی و \
         توسعه‌ای انجام شد و نتایج آن پس از رسیدگی به اعتراض‌ها در شورای توسعهٔ مدیریت تصویب شد.",
        "کد T01 و ۱۴۰۳/۰۱/۱۵ — رشد \u{2066}+۲٫۵\u{2069} درصد؛ سهم (۳۵٫۲٪) از کل، see https://example.org/a-b.",
        "سطر اول\u{2028}سطر دوم  با دو فاصله   و سه\nبند دوم می‌شود کتاب‌ها",
        "یک‌واژهٔ‌بسیاربلندکه‌درهیچ‌ستونی‌جانمی‌شود و سپس واژه‌های کوتاه",
        "  فاصله در آغاز و پایان  ",
        "",
    ];

    #[test]
    fn a_latin_code_is_never_cut_at_its_hyphen() {
        let text = "۲ خطای اصلاح‌نشده (B-REQUIRED، R-T03-03) و well-known";
        let at: Vec<usize> = opportunities(text).map(|(at, _)| at).collect();
        for code in ["B-REQUIRED", "R-T03-03"] {
            let start = text.find(code).unwrap();
            assert!(!at.iter().any(|&a| a > start && a < start + code.len()), "{code} is kept whole: {at:?}");
        }
        // Every character one unit wide: any width narrower than the code puts it on a line of its own.
        let lines = wrap_text(text, 12.0, &|s: &str| s.chars().count() as f32);
        assert!(lines.iter().any(|l| l.contains("(B-REQUIRED")), "{lines:?}");
    }

    #[test]
    fn breaks_where_shaping_every_prefix_broke() {
        let shaper = shaper();
        for size in [7.0, 8.5, 11.0] {
            let measure = |s: &str| shaper.width(s, size);
            for text in TEXTS {
                for width in (20..=400).step_by(7).map(|w| w as f32) {
                    let expected = wrap_by_prefixes(text, width, &measure);
                    assert_eq!(wrap_text(text, width, &measure), expected, "{text:?} at {width} pt, {size} pt");
                }
            }
        }
    }

    #[test]
    fn measures_each_piece_once_rather_than_every_prefix() {
        let shaper = shaper();
        let text = TEXTS[0].repeat(20);
        let calls = std::cell::Cell::new(0);
        let measure = |s: &str| {
            calls.set(calls.get() + 1);
            shaper.width(s, 11.0)
        };
        let lines = wrap_text(&text, 200.0, &measure);
        assert!(lines.len() > 20);
        let words = text.split(' ').count();
        // Each piece and each space, then a few unsure lines: not one shaping per prefix.
        assert!(calls.get() < 3 * words, "{} measurements for {words} words", calls.get());
        calls.set(0);
        wrap_by_prefixes(&text, 200.0, &measure);
        assert!(calls.get() >= words, "the reference shapes at every opportunity");
    }
}
