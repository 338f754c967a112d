//! Dates (placeholder until the full date stage lands): only the `date YYYY-MM-DD` header.

use crate::Span;

/// A calendar day (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day, 1..=31.
    pub day: u8,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        let mut parts = s.split('-');
        let mut next = || parts.next().and_then(|p| p.parse::<i32>().ok());
        match (next(), next(), next()) {
            (Some(y), Some(m), Some(d)) => {
                Date::new(y, m as u8, d as u8).ok_or_else(|| format!("{s:?} is not a valid date"))
            }
            _ => Err(format!("{s:?} is not YYYY-MM-DD")),
        }
    }
}

/// A date expression found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Byte span in the input text.
    pub span: Span,
    /// The normalised value, when it can be resolved.
    pub value: Option<String>,
    /// The rule that produced it.
    pub rule: &'static str,
    /// Confidence in 0..1.
    pub confidence: f32,
}

/// Finds and resolves dates.
#[derive(Clone, Debug, Default)]
pub struct DateFinder;

impl DateFinder {
    /// A finder.
    pub fn new() -> DateFinder {
        DateFinder
    }

    /// The publication date from a `date YYYY-MM-DD` header line.
    pub fn document_date(&self, text: &str) -> Option<(Date, Span)> {
        let offset = text.len() - text.trim_start().len();
        let rest = text[offset..].strip_prefix("date ")?;
        let candidate = rest.get(..10)?;
        let date = candidate.parse().ok()?;
        Some((date, Span::new(offset, offset + 15)))
    }

    /// Every date expression (none yet).
    pub fn find(&self, _text: &str, _document_date: Option<Date>) -> Vec<DateMention> {
        Vec::new()
    }
}
