//! Cells of a line of delimited text, as spreadsheets and form tools write it: the
//! separator detected (a comma, a semicolon as Excel writes CSV in many locales, or a tab as
//! a spreadsheet's cells are pasted), and quoted cells (`"Smith, J"`, `"say ""hi"""`) kept
//! whole. Shared by the class's ballots format and the Forms exports, so both split alike.

/// The separators tally detects.
pub const SEPARATORS: [char; 3] = [',', ';', '\t'];

/// The separator a line uses, if it has one outside quotes: a tab wins (nobody types one in
/// a name); otherwise whichever of comma and semicolon occurs more often (a comma when as
/// often). `None` for a line of one cell, which reads the same under any separator.
pub fn detect(line: &str) -> Option<char> {
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if tabs > 0 {
        Some('\t')
    } else if semicolons > commas {
        Some(';')
    } else if commas > 0 {
        Some(',')
    } else {
        None
    }
}

/// Whether a quote opened on this line is still open at its end: the cell goes on over the
/// line break (a form's answer with a new line in it).
pub fn open_quote(line: &str) -> bool {
    line.chars().filter(|&c| c == '"').count() % 2 == 1
}

/// The cells of a line, split at `sep` outside quotes, each trimmed. Quotes delimit a cell
/// and are dropped; a doubled quote inside quotes is one quote.
pub fn split(line: &str, sep: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if quoted && chars.peek() == Some(&'"') {
                cell.push('"');
                chars.next();
            } else {
                quoted = !quoted;
            }
        } else if c == sep && !quoted {
            cells.push(cell.trim().to_string());
            cell.clear();
        } else {
            cell.push(c);
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

/// A column's name as a spreadsheet shows it: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_one_used_outside_quotes() {
        assert_eq!(detect("Zoo, Beach"), Some(','));
        assert_eq!(detect("Zoo;Beach;Museum"), Some(';'));
        assert_eq!(detect("Zoo\tBeach, the"), Some('\t'));
        assert_eq!(detect("\"Zoo;Beach;Museum;\",1"), Some(','));
        assert_eq!(detect("ID;Name;\"A, B\""), Some(';'));
        assert_eq!(detect("Zoo"), None);
        assert_eq!(detect("Zoo > Beach"), None);
    }

    #[test]
    fn quoted_cells_stay_whole() {
        assert_eq!(
            split("\"Smith, J\" , Bob,\"say \"\"hi\"\"\",", ','),
            ["Smith, J", "Bob", "say \"hi\"", ""]
        );
        assert_eq!(split("a;\"b;c;\"", ';'), ["a", "b;c;"]);
        assert_eq!(split("a\t b ", '\t'), ["a", "b"]);
        assert!(open_quote("1,\"first line"));
        assert!(!open_quote("1,\"a \"\"b\"\"\""));
    }

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letter)
            .collect();
        assert_eq!(
            letters,
            ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
    }
}
