//! A plain-text table: columns sized to their contents, numbers right-aligned.

use crate::text::{fit, right, width};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Default)]
pub struct Table {
    columns: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
    /// Largest width of a left-aligned column; longer cells are cut with `…`.
    pub max_left: Option<usize>,
}

impl Table {
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Table {
            columns: columns.iter().map(|(h, a)| (h.to_string(), *a)).collect(),
            rows: Vec::new(),
            max_left: None,
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Render with `indent` spaces before each line and two spaces between columns.
    /// Trailing spaces are trimmed.
    pub fn render(&self, indent: usize) -> String {
        let n = self.columns.len();
        let mut widths: Vec<usize> = self.columns.iter().map(|(h, _)| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        if let Some(max) = self.max_left {
            for (i, (_, a)) in self.columns.iter().enumerate() {
                if *a == Align::Left {
                    widths[i] = widths[i].min(max);
                }
            }
        }
        let pad = " ".repeat(indent);
        let line = |cells: &[String]| {
            let parts: Vec<String> = (0..n)
                .map(|i| {
                    let cell = cells.get(i).map(String::as_str).unwrap_or("");
                    match self.columns[i].1 {
                        Align::Left => fit(cell, widths[i]),
                        Align::Right => right(cell, widths[i]),
                    }
                })
                .collect();
            format!("{pad}{}", parts.join("  ")).trim_end().to_string()
        };
        let headers: Vec<String> = self.columns.iter().map(|(h, _)| h.clone()).collect();
        let mut out = line(&headers);
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_their_widest_cell() {
        let mut t = Table::new(&[("Name", Align::Left), ("Votes", Align::Right)]);
        t.row(vec!["Ann".into(), "1,000".into()]);
        t.row(vec!["Bartholomew".into(), "7".into()]);
        assert_eq!(
            t.render(2),
            "  Name         Votes\n  Ann          1,000\n  Bartholomew      7\n"
        );
    }
}
