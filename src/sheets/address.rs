/// «A», «Z», «AA» for 0, 25, 26: the column letters of a 0-based column index.
pub fn column_letter(column: u32) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// «C12» for the 0-based (row 11, column 2).
pub fn cell_address(row: u32, column: u32) -> String {
    format!("{}{}", column_letter(column), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(cell_address(11, 2), "C12");
    }
}
