//! Tokens and a recursive-descent parser for rules.

use crate::fa;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    Item(String),
    Neg(Box<Expr>),
    Binary(Box<Expr>, char, Box<Expr>),
    /// left, operator («==», «<=», …), right, tolerance (value, relative?)
    Compare(Box<Expr>, &'static str, Box<Expr>, Option<(f64, bool)>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// if condition then check
    Implies(Box<Expr>, Box<Expr>),
    Sum(Vec<Expr>),
    /// sum(A .. B): every item from A to B in template order.
    SumRange(String, String),
    Prev(String),
    Change(String),
    Abs(Box<Expr>),
    Present(String),
    Between(Box<Expr>, Box<Expr>, Box<Expr>),
}

impl Expr {
    /// How a divisor is named when it turns out to be zero: an item's code, last year's value
    /// («prev:CODE»), a number, or «مقسوم‌علیه» for a longer expression.
    pub fn describe(&self) -> String {
        match self {
            Expr::Item(code) => code.clone(),
            Expr::Prev(code) => format!("prev:{code}"),
            Expr::Number(n) => n.to_string(),
            _ => "مقسوم‌علیه".to_string(),
        }
    }

    /// Every item the expression reads, in order of appearance (ranges are listed by their ends).
    pub fn items<'a>(&'a self, out: &mut Vec<&'a str>) {
        let mut push = |code: &'a String| {
            if !out.contains(&code.as_str()) {
                out.push(code);
            }
        };
        match self {
            Expr::Number(_) => {}
            Expr::Item(c) | Expr::Prev(c) | Expr::Change(c) | Expr::Present(c) => push(c),
            Expr::SumRange(a, b) => {
                push(a);
                push(b);
            }
            Expr::Neg(e) | Expr::Not(e) | Expr::Abs(e) => e.items(out),
            Expr::Binary(a, _, b)
            | Expr::Compare(a, _, b, _)
            | Expr::And(a, b)
            | Expr::Or(a, b)
            | Expr::Implies(a, b) => {
                a.items(out);
                b.items(out);
            }
            Expr::Sum(list) => list.iter().for_each(|e| e.items(out)),
            Expr::Between(x, lo, hi) => {
                x.items(out);
                lo.items(out);
                hi.items(out);
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleSyntaxError {
    /// 1-based character position.
    pub position: usize,
    pub message: String,
}

impl fmt::Display for RuleSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "در نویسهٔ {}: {}", fa::count(self.position), self.message)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(&'static str),
    End,
}

fn lex(text: &str) -> Result<Vec<(Tok, usize)>, RuleSyntaxError> {
    let chars: Vec<char> = crate::fa::to_latin_digits(text).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '٫') {
                // «..» is the range operator, not a decimal point.
                if chars[i] == '.' && chars.get(i + 1) == Some(&'.') {
                    break;
                }
                i += 1;
            }
            let number: String = chars[start..i].iter().map(|c| if *c == '٫' { '.' } else { *c }).collect();
            let value = number
                .parse()
                .map_err(|_| RuleSyntaxError {
                    position: at, message: format!("«{number}» عدد درستی نیست.")
                })?;
            out.push((Tok::Num(value), at));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric()
                    || chars[i] == '_'
                    || (chars[i] == '.' && chars.get(i + 1) != Some(&'.')))
            {
                i += 1;
            }
            out.push((Tok::Ident(chars[start..i].iter().collect()), at));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let op = match two.as_str() {
                "==" => Some("=="),
                "!=" => Some("!="),
                "<=" => Some("<="),
                ">=" => Some(">="),
                ".." => Some(".."),
                _ => None,
            };
            if let Some(op) = op {
                out.push((Tok::Op(op), at));
                i += 2;
                continue;
            }
            let op = match c {
                '+' => "+",
                '-' | '\u{2212}' => "-",
                '*' | '×' => "*",
                '/' | '÷' => "/",
                '(' => "(",
                ')' => ")",
                ',' | '،' => ",",
                '<' => "<",
                '>' => ">",
                '~' => "~",
                '%' | '٪' => "%",
                _ => {
                    return Err(RuleSyntaxError {
                        position: at,
                        message: format!("نویسهٔ «{c}» در قاعده‌ها معنایی ندارد."),
                    })
                }
            };
            out.push((Tok::Op(op), at));
            i += 1;
        }
    }
    out.push((Tok::End, chars.len() + 1));
    Ok(out)
}

struct Parser {
    tokens: Vec<(Tok, usize)>,
    at: usize,
    /// How deep the recursive descent is: bounded, so that a rule cell of 32,767 «(» is
    /// refused instead of overflowing the stack.
    depth: usize,
}

const MAX_DEPTH: usize = 100;

const FUNCTIONS: [&str; 6] = ["sum", "prev", "change", "abs", "present", "between"];
const KEYWORDS: [&str; 5] = ["if", "then", "and", "or", "not"];

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.at].0
    }
    fn position(&self) -> usize {
        self.tokens[self.at].1
    }
    fn next(&mut self) -> Tok {
        let tok = self.tokens[self.at].0.clone();
        if self.at < self.tokens.len() - 1 {
            self.at += 1;
        }
        tok
    }
    fn error<T>(&self, message: impl Into<String>) -> Result<T, RuleSyntaxError> {
        Err(RuleSyntaxError { position: self.position(), message: message.into() })
    }
    fn descend<T>(
        &mut self,
        parse: impl FnOnce(&mut Self) -> Result<T, RuleSyntaxError>,
    ) -> Result<T, RuleSyntaxError> {
        if self.depth >= MAX_DEPTH {
            return self
                .error(format!("قاعده بیش از {} لایه تودرتو است؛ آن را ساده‌تر بنویسید.", fa::int(MAX_DEPTH as u32)));
        }
        self.depth += 1;
        let parsed = parse(self);
        self.depth -= 1;
        parsed
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }
    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Tok::Ident(w) if w.eq_ignore_ascii_case(word))
    }
    fn expect_op(&mut self, op: &str, what: &str) -> Result<(), RuleSyntaxError> {
        if self.is_op(op) {
            self.next();
            Ok(())
        } else {
            self.error(format!("«{op}» لازم است ({what})."))
        }
    }

    fn rule(&mut self) -> Result<Expr, RuleSyntaxError> {
        let expr = if self.is_word("if") {
            self.next();
            let condition = self.or()?;
            if !self.is_word("then") {
                return self.error("پس از شرط «if» باید «then» بیاید.");
            }
            self.next();
            Expr::Implies(Box::new(condition), Box::new(self.or()?))
        } else {
            self.or()?
        };
        if *self.peek() != Tok::End {
            return self.error("قاعده اینجا باید پایان یابد؛ شاید عملگری جا افتاده است.");
        }
        Ok(expr)
    }

    fn or(&mut self) -> Result<Expr, RuleSyntaxError> {
        let mut left = self.and()?;
        while self.is_word("or") {
            self.next();
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, RuleSyntaxError> {
        let mut left = self.not()?;
        while self.is_word("and") {
            self.next();
            left = Expr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, RuleSyntaxError> {
        if self.is_word("not") {
            self.next();
            return Ok(Expr::Not(Box::new(self.descend(Self::not)?)));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Expr, RuleSyntaxError> {
        let left = self.sum()?;
        let op = match self.peek() {
            Tok::Op(o @ ("==" | "!=" | "<" | "<=" | ">" | ">=")) => *o,
            _ => return Ok(left),
        };
        self.next();
        let right = self.sum()?;
        let tolerance = if self.is_op("~") {
            self.next();
            let Tok::Num(value) = self.next() else {
                return self.error("پس از «~» مقدار رواداری (مانند 0.5 یا 1%) بیاید.");
            };
            let relative = self.is_op("%");
            if relative {
                self.next();
            }
            Some((value, relative))
        } else {
            None
        };
        Ok(Expr::Compare(Box::new(left), op, Box::new(right), tolerance))
    }

    fn sum(&mut self) -> Result<Expr, RuleSyntaxError> {
        let mut left = self.product()?;
        while self.is_op("+") || self.is_op("-") {
            let op = if self.is_op("+") { '+' } else { '-' };
            self.next();
            left = Expr::Binary(Box::new(left), op, Box::new(self.product()?));
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, RuleSyntaxError> {
        let mut left = self.unary()?;
        while self.is_op("*") || self.is_op("/") {
            let op = if self.is_op("*") { '*' } else { '/' };
            self.next();
            left = Expr::Binary(Box::new(left), op, Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, RuleSyntaxError> {
        if self.is_op("-") {
            self.next();
            return Ok(Expr::Neg(Box::new(self.descend(Self::unary)?)));
        }
        self.descend(Self::atom)
    }

    fn item(&mut self, what: &str) -> Result<String, RuleSyntaxError> {
        match self.next() {
            Tok::Ident(code) if !FUNCTIONS.contains(&code.as_str()) && !KEYWORDS.contains(&code.as_str()) => {
                Ok(code.to_ascii_uppercase())
            }
            _ => {
                self.at -= 1;
                self.error(format!("{what} باید کد یک قلم باشد."))
            }
        }
    }

    fn atom(&mut self) -> Result<Expr, RuleSyntaxError> {
        match self.next() {
            Tok::Num(n) => Ok(Expr::Number(n)),
            Tok::Op("(") => {
                let inner = self.or()?;
                self.expect_op(")", "پرانتز باز شده بسته نشده است")?;
                Ok(inner)
            }
            Tok::Ident(word) if FUNCTIONS.contains(&word.to_ascii_lowercase().as_str()) => {
                let name = word.to_ascii_lowercase();
                self.expect_op("(", &format!("پس از «{name}» پرانتز"))?;
                let expr = match name.as_str() {
                    "sum" => {
                        let first = self.or()?;
                        if self.is_op("..") {
                            self.next();
                            let Expr::Item(from) = first else {
                                return self.error("آغاز بازهٔ «..» باید کد یک قلم باشد.");
                            };
                            let to = self.item("پایان بازهٔ «..»")?;
                            Expr::SumRange(from, to)
                        } else {
                            let mut list = vec![first];
                            while self.is_op(",") {
                                self.next();
                                list.push(self.or()?);
                            }
                            Expr::Sum(list)
                        }
                    }
                    "prev" => Expr::Prev(self.item("درون prev")?),
                    "change" => Expr::Change(self.item("درون change")?),
                    "present" => Expr::Present(self.item("درون present")?),
                    "abs" => Expr::Abs(Box::new(self.or()?)),
                    _ => {
                        let x = self.or()?;
                        self.expect_op(",", "between سه بخش دارد: مقدار، کران پایین، کران بالا")?;
                        let lo = self.or()?;
                        self.expect_op(",", "between سه بخش دارد: مقدار، کران پایین، کران بالا")?;
                        let hi = self.or()?;
                        Expr::Between(Box::new(x), Box::new(lo), Box::new(hi))
                    }
                };
                self.expect_op(")", &format!("پرانتز «{name}» بسته نشده است"))?;
                Ok(expr)
            }
            Tok::Ident(word) if KEYWORDS.contains(&word.to_ascii_lowercase().as_str()) => {
                self.at -= 1;
                self.error(format!("«{word}» اینجا جایی ندارد."))
            }
            Tok::Ident(code) => Ok(Expr::Item(code.to_ascii_uppercase())),
            Tok::End => self.error("قاعده ناتمام است."),
            Tok::Op(op) => {
                self.at -= 1;
                self.error(format!("«{op}» اینجا جایی ندارد."))
            }
        }
    }
}

/// Parse one rule expression.
pub fn parse_rule(text: &str) -> Result<Expr, RuleSyntaxError> {
    let tokens = lex(text)?;
    Parser { tokens, at: 0, depth: 0 }.rule()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(c: &str) -> Box<Expr> {
        Box::new(Expr::Item(c.into()))
    }

    #[test]
    fn totals_with_tolerance() {
        let e = parse_rule("T01.TOTAL == T01.A + T01.B ~ 0.5").unwrap();
        assert_eq!(
            e,
            Expr::Compare(
                item("T01.TOTAL"),
                "==",
                Box::new(Expr::Binary(item("T01.A"), '+', item("T01.B"))),
                Some((0.5, false))
            )
        );
        let e = parse_rule("T03.TOTAL == sum(T03.A, T03.B) ~ 0.1%").unwrap();
        assert!(matches!(e, Expr::Compare(_, "==", _, Some((v, true))) if v == 0.1));
    }

    #[test]
    fn functions_ranges_and_logic() {
        assert_eq!(parse_rule("sum(T02.A .. T02.C)").unwrap(), Expr::SumRange("T02.A".into(), "T02.C".into()));
        let e = parse_rule("if T01.X > 0 then between(T01.Y / T01.X, 2, 7)").unwrap();
        assert!(matches!(e, Expr::Implies(_, _)));
        let e = parse_rule("present(a.b) and not abs(change(A.B)) > 0.25 or prev(A.B) >= 1").unwrap();
        assert!(matches!(e, Expr::Or(_, _)));
        let mut items = Vec::new();
        let rule = parse_rule("T01.A - T01.B == T01.C ~ 1").unwrap();
        rule.items(&mut items);
        assert_eq!(items, ["T01.A", "T01.B", "T01.C"]);
        assert_eq!(
            parse_rule("-۲ < ۱٫۵").unwrap(),
            Expr::Compare(Box::new(Expr::Neg(Box::new(Expr::Number(2.0)))), "<", Box::new(Expr::Number(1.5)), None)
        );
    }

    #[test]
    fn syntax_errors_say_where_and_what() {
        assert_eq!(
            parse_rule("T01.A == (T01.B + 1").unwrap_err().to_string(),
            "در نویسهٔ ۲۰: «)» لازم است (پرانتز باز شده بسته نشده است)."
        );
        assert_eq!(parse_rule("T01.A ==").unwrap_err().to_string(), "در نویسهٔ ۹: قاعده ناتمام است.");
        assert_eq!(parse_rule("T01.A # 2").unwrap_err().to_string(), "در نویسهٔ ۷: نویسهٔ «#» در قاعده‌ها معنایی ندارد.");
        assert_eq!(parse_rule("if T01.A > 0 T01.B > 0").unwrap_err().message, "پس از شرط «if» باید «then» بیاید.");
        assert_eq!(parse_rule("prev(2)").unwrap_err().message, "درون prev باید کد یک قلم باشد.");
        assert_eq!(
            parse_rule("T01.A T01.B").unwrap_err().message,
            "قاعده اینجا باید پایان یابد؛ شاید عملگری جا افتاده است."
        );
    }
}
