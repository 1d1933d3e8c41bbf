//! Text as people type it: Arabic ي/ك for Persian ی/ک, many kinds of space and half-space.

/// Characters that mean "half-space" in practice; all become ZWNJ (U+200C).
const ZWNJ_LIKE: [char; 5] = ['\u{200C}', '\u{200B}', '\u{2060}', '\u{FEFF}', '\u{00AD}'];

fn is_space_like(c: char) -> bool {
    c.is_whitespace() || c == '\u{00A0}' || c == '\u{202F}'
}

/// Normalize text for storage and display: Persian ی and ک, one kind of space, single
/// ZWNJ (never beside a space), trimmed. ZWNJ itself is kept: it is part of Persian spelling.
pub fn normalize_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        let c = match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' => continue, // direction marks
            c if ZWNJ_LIKE.contains(&c) => '\u{200C}',
            c if is_space_like(c) => ' ',
            c => c,
        };
        let last = out.chars().last();
        match (last, c) {
            (Some(' '), ' ') | (Some('\u{200C}'), '\u{200C}') | (Some(' '), '\u{200C}') => {}
            (Some('\u{200C}'), ' ') => {
                out.pop();
                out.push(' ');
            }
            (None, ' ') | (None, '\u{200C}') => {}
            _ => out.push(c),
        }
    }
    while out.ends_with(' ') || out.ends_with('\u{200C}') {
        out.pop();
    }
    out
}

/// A key for "is this the same name?": normalized text without spaces, half-spaces,
/// diacritics or tatweel, with hamza forms folded and Latin digits and lower case.
/// «اداره کل آموزش‌وپرورش» and «اداره‌كل آموزش و پرورش» get the same key.
pub fn comparison_key(input: &str) -> String {
    normalize_text(input)
        .chars()
        .filter_map(|c| match c {
            ' ' | '\u{200C}' | '\u{0640}' => None,
            '\u{064B}'..='\u{065F}' | '\u{0670}' => None,
            'أ' | 'إ' | 'ٱ' => Some('ا'),
            'ۀ' | 'ة' => Some('ه'),
            'ؤ' => Some('و'),
            c => Some(c),
        })
        .flat_map(char::to_lowercase)
        .map(super::digits::latin_digit)
        .collect()
}

/// Names quoted and listed the Persian way: «A»، «B»، «C».
pub fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    names.iter().map(|n| format!("«{}»", n.as_ref())).collect::<Vec<_>>().join("، ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_become_persian() {
        assert_eq!(normalize_text("علي كريمي"), "علی کریمی");
    }

    #[test]
    fn spaces_and_half_spaces_are_unified_and_trimmed() {
        assert_eq!(normalize_text("  اداره\u{00A0}\u{00A0}کل\t"), "اداره کل");
        assert_eq!(normalize_text("منطقه\u{200B}ای"), "منطقه\u{200C}ای");
        assert_eq!(normalize_text("منطقه\u{200C}\u{200C}ای"), "منطقه\u{200C}ای");
        assert_eq!(normalize_text("منطقه\u{200C} ای"), "منطقه ای");
        assert_eq!(normalize_text("\u{200F}لرستان\u{200C}"), "لرستان");
    }

    #[test]
    fn zwnj_is_kept_where_it_belongs() {
        assert_eq!(normalize_text("کتابخانه‌های عمومی"), "کتابخانه‌های عمومی");
    }

    #[test]
    fn comparison_key_ignores_spelling_variants() {
        let a = comparison_key("شرکت آب منطقه‌ای لرستان");
        assert_eq!(a, comparison_key("شركت آب منطقه ای لرستان"));
        assert_eq!(a, comparison_key("شرکت آب منطقهای لرستان "));
        assert_ne!(a, comparison_key("شرکت آب و فاضلاب لرستان"));
        assert_eq!(comparison_key("Info@Example.IR"), "info@example.ir");
        assert_eq!(comparison_key("۱۰۱"), "101");
    }

    proptest::proptest! {
        #[test]
        fn normalizing_twice_changes_nothing(text in "[ يیكکا-ی\u{200C}\u{200B}\u{00A0} ]{0,40}") {
            let once = normalize_text(&text);
            proptest::prop_assert_eq!(normalize_text(&once), once.clone());
            proptest::prop_assert_eq!(comparison_key(&once), comparison_key(&text));
            proptest::prop_assert!(!once.contains('ي') && !once.contains('ك'));
        }
    }
}
