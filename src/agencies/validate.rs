//! Cleaning and checking what a person typed for an agency.

use super::AgencyInput;
use crate::fa::{normalize_text, to_latin_digits};

/// The input with text normalized (ی/ک, spaces), code and phone in Latin digits.
/// An agency code as stored: normalized, with Latin digits.
pub fn normalized_code(code: &str) -> String {
    to_latin_digits(&normalize_text(code))
}

pub(super) fn clean(input: &AgencyInput) -> AgencyInput {
    let group = input.group.as_deref().map(normalize_text).filter(|g| !g.is_empty());
    AgencyInput {
        code: normalized_code(&input.code),
        name: normalize_text(&input.name),
        short_name: normalize_text(&input.short_name),
        group,
        parent_ministry: normalize_text(&input.parent_ministry),
        focal_person: normalize_text(&input.focal_person),
        phone: to_latin_digits(&normalize_text(&input.phone)),
        email: normalize_text(&input.email).to_lowercase(),
    }
}

/// Problems of a cleaned input, field by field: (field, Persian message).
pub(super) fn problems(input: &AgencyInput) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if input.code.is_empty() {
        out.push(("code", "کد دستگاه را بنویسید (مثلاً ۱۰۱).".to_string()));
    } else if input.code.chars().count() > 20 || !input.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        out.push((
            "code",
            format!("کد «{}» باید از رقم و حرف لاتین (و خط تیره) باشد و بیش از ۲۰ نویسه نباشد.", input.code),
        ));
    }
    if input.name.is_empty() {
        out.push(("name", "نام دستگاه را بنویسید (مثلاً «اداره کل آموزش و پرورش استان لرستان»).".to_string()));
    }
    if !input.phone.is_empty()
        && !input.phone.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'))
    {
        out.push(("phone", format!("تلفن «{}» فقط رقم، فاصله، خط تیره، پرانتز و + می‌تواند داشته باشد.", input.phone)));
    }
    if !input.email.is_empty() && !looks_like_email(&input.email) {
        out.push(("email", format!("رایانامهٔ «{}» درست نیست؛ به شکل name@example.ir بنویسید.", input.email)));
    }
    out
}

fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.is_ascii()
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> AgencyInput {
        AgencyInput {
            code: "۱۰۱".into(), name: "اداره كل آموزش و پرورش استان لرستان".into(), ..Default::default()
        }
    }

    #[test]
    fn cleaning_unifies_digits_and_letters() {
        let c = clean(&AgencyInput {
            phone: "۰۶۶-۳۳۲۲۰۰۰۰".into(), email: " Info@Example.IR ".into(), ..input()
        });
        assert_eq!(c.code, "101");
        assert_eq!(c.name, "اداره کل آموزش و پرورش استان لرستان");
        assert_eq!(c.phone, "066-33220000");
        assert_eq!(c.email, "info@example.ir");
        assert!(problems(&c).is_empty());
    }

    #[test]
    fn names_each_wrong_field() {
        let c = clean(&AgencyInput {
            code: "".into(),
            name: " ".into(),
            phone: "تلفن".into(),
            email: "a@b".into(),
            ..input()
        });
        let fields: Vec<_> = problems(&c).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["code", "name", "phone", "email"]);
        let c = clean(&AgencyInput { code: "۱۰ ۱".into(), ..input() });
        assert_eq!(problems(&c)[0].0, "code");
    }
}
