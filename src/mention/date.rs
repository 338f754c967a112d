//! Dates: every date expression of a news text, normalised against the publication date.
//!
//! # How the scan works
//!
//! One pass over the bytes finds *anchors*. Every byte goes through a 256-entry class
//! table; at each word start (an ASCII letter or digit after anything that is not a
//! letter or digit) the word is an anchor when it is a number or one of about 70 lexicon
//! words: month and weekday names and their abbreviations, `today`, `tonight`,
//! `yesterday`, `tomorrow`, `morning`, `afternoon`, `evening`, `night`, and the unit nouns
//! `day`, `week`, `weekend`, `fortnight`, `month`, `year` (and plurals). Lexicon words
//! are found by a two-letter prefilter and a hashed table, so nothing per token is a
//! regular expression or a string search. An anchor inside the previous mention is
//! skipped. Each other anchor goes to a small hand-written grammar that reads tokens
//! lazily: a few to the left (modifiers such as `last`, `mid-`, `earlier this`,
//! `between`) and as many as needed to the right (day, year, the second half of a range).
//! Text away from anchors is never tokenised.
//!
//! Inside an extraction the text's tokens already exist, and the scan walks them instead
//! of the bytes: a token of ASCII letters and digits alone is one word of the scan, and
//! only other tokens (with joining marks or other scripts inside) are read byte by byte.
//! A test holds the two walks to the same result on random texts.
//!
//! # Rules (the `rule` of a [`DateMention`])
//!
//! | rule | examples | value |
//! |---|---|---|
//! | `month_day_year` | April 9, 2021 · Apr. 9 2021 · April 9th, 2021 | `2021-04-09` |
//! | `day_month_year` | 9 April 2021 · 9th of April, 2021 | `2021-04-09` |
//! | `month_day`, `day_month` | April 9 · Sept. 5 · 9 April · November 11th | year from the document date |
//! | `month_year` | April 2021 · April of 2021 | `2021-04` |
//! | `month` | in August · this July · last March · mid-April · early May | `YYYY-MM` |
//! | `year` | in 2021 · by 2050 · since 1986 · a 1966 air accident · 2021's | `2021` |
//! | `decade` | the 1990s | `1990/1999` |
//! | `iso_date`, `iso_month` | 2021-04-09 · 2021/04/09 · 2021-04 | `2021-04-09`, `2021-04` |
//! | `numeric_date` | 09.04.2021 · 9/4/2021 · 04-09-2021 · 9/4/21 | see [`NumericOrder`] |
//! | `weekday_date` | Friday, April 9 · Fri 9 Apr 2021 | the date; confidence drops when the weekday disagrees |
//! | `range_month_days` | April 7-10, 2021 · November 13th-16th · September 5 to 8 · May 12 and 13 | `START/END` |
//! | `range_days_month` | 7–10 April · between 5 and 8 September | `START/END` |
//! | `range_dates` | May 20-May 24 · April 7 to April 10, 2021 · 28 April - 3 May | `START/END` |
//! | `range_months` | April-June 2021 · from April to June | `2021-04/2021-06` |
//! | `range_years` | 2020-2022 · 2020–22 · from 2020 to 2022 · between 2020 and 2022 | `2020/2022` |
//! | `range_weekdays` | from Monday to Wednesday | `START/END` (days) |
//! | `today`, `tonight`, `this_daypart` | today · tonight · this evening | the document date |
//! | `yesterday`, `tomorrow`, `last_night`, `relative_day` | yesterday morning · last night · the day after tomorrow | document date ± n |
//! | `relative_weekday` | on Tuesday · last Tuesday · next Tuesday · Tuesday night | a day, chosen by tense |
//! | `relative_week`, `relative_weekend` | this week · last week · this weekend · over the weekend | Monday/Sunday or Saturday/Sunday |
//! | `relative_month`, `relative_year` | earlier this month · next month · later this year · last year | `YYYY-MM`, `YYYY` |
//! | `ago`, `in_n_days` | two days ago · a year ago · in three days | document date − or + the amount |
//! | `anaphoric` | a week later · the day before · the next day · two days earlier | counted from the last day-precise date mentioned before it |
//! | `day_of_month` | on the 9th | the nearest 9th consistent with tense |
//!
//! Not dates (no mention at all): durations and vague spans (`in recent weeks`, `the weeks
//! ahead`, `over the past year`, `over the next three years`, `the 10-year plan`,
//! `this decade`), scores and fractions (`3-1`, `24/7`, `9/11` without a year), times
//! (`10.30`, `9:30`), quantities (`2,000 troops`, `6,000 hours`, `$2021 million`,
//! `2000 soldiers`), phone and version numbers, names (`USA Today`, `Theresa May`,
//! `Good Friday`, `The Sunday Times`), and impossible dates (`February 30, 2021`).
//! A `date YYYY-MM-DD` header line gives the document date but is not itself a mention.
//!
//! # Choosing a year, a month or a day that the text leaves out
//!
//! A partial date (`April 9`, `in August`, `on the 9th`, `on Tuesday`) takes the missing
//! parts from the document date. Among the candidate readings (the previous, the current
//! and the next year; for `the 9th` the previous, current and next month; for weekdays
//! the past and the coming seven days) the grammatical tense of the clause decides:
//!
//! * past tense (`met`, `was`, `said`, any `-ed` verb, `ago`) takes the latest reading on
//!   or before the document date;
//! * future tense (`will`, `shall`, `would`, `is scheduled`, `plans to`, `agreed to`,
//!   `upcoming`) takes the earliest reading on or after it;
//! * present tense (`the next round is in December`) takes the coming reading unless it
//!   is more than twice as far away as the past one (for weekdays: the nearest one);
//! * no cue at all takes the nearest reading (for a bare weekday: the past one, as news
//!   reports mostly look back).
//!
//! `in two days` in a past-tense clause is a duration and yields no mention.
//!
//! The cue used is the tense word nearest to the expression in its sentence, so
//! "said on Monday that he will visit on Friday" reads Monday as past and Friday as future.
//! `this July` is always the document's year; `last July` and `next July` are the
//! nearest July strictly before or after the document's month; `April 9 last year` is
//! April 9 of the previous year. A weekday attached to a partial date (`Friday, April 9`)
//! also helps choose the year.
//!
//! Without a document date, partial and relative dates are still reported, with
//! `value: None`.
#![forbid(unsafe_code)]

use std::fmt;
use std::str::FromStr;

use crate::Span;
use crate::mention::class;
use crate::text::{Shape, Token};

// ===================================================================== calendar

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Monday (index 0).
    Monday,
    /// Tuesday (index 1).
    Tuesday,
    /// Wednesday (index 2).
    Wednesday,
    /// Thursday (index 3).
    Thursday,
    /// Friday (index 4).
    Friday,
    /// Saturday (index 5).
    Saturday,
    /// Sunday (index 6).
    Sunday,
}

impl Weekday {
    /// Monday = 0 … Sunday = 6.
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The weekday with index `i` modulo 7 (Monday = 0).
    pub fn from_index(i: u8) -> Weekday {
        match i % 7 {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The English name, capitalised.
    pub fn name(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self as usize]
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A calendar day (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year; 2021 is 2021 (astronomical numbering before year 1).
    pub year: i32,
    /// The month, 1-12.
    pub month: u8,
    /// The day of the month, 1-31.
    pub day: u8,
}

/// Day numbers are clamped to this magnitude so that years stay inside `i32`.
const MAX_DAYS: i64 = 700_000_000_000;

impl Date {
    /// The date, or `None` when the month or the day does not exist (`2021-02-29`).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if (1..=12).contains(&month) && day >= 1 && day <= Date::days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Whether `year` has a February 29.
    pub fn is_leap_year(year: i32) -> bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days of a month (0 for a month outside 1-12).
    pub fn days_in_month(year: i32, month: u8) -> u8 {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if Date::is_leap_year(year) => 29,
            2 => 28,
            _ => 0,
        }
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn to_days(&self) -> i64 {
        let m = i64::from(self.month.clamp(1, 12));
        let d = i64::from(self.day);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `n` days after 1970-01-01 (clamped to about ±1.9 billion years).
    pub fn from_days(n: i64) -> Date {
        let z = n.clamp(-MAX_DAYS, MAX_DAYS) + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }

    /// The day of the week.
    pub fn weekday(&self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3).
        Weekday::from_index((self.to_days() + 3).rem_euclid(7) as u8)
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(&self, n: i64) -> Date {
        Date::from_days(self.to_days().saturating_add(n))
    }

    /// The date `n` months later, the day clamped to the length of the target month
    /// (January 31 + 1 month = February 28 or 29).
    pub fn add_months(&self, n: i64) -> Date {
        let (year, month) = month_add(self.year, self.month, n);
        let day = self.day.min(Date::days_in_month(year, month)).max(1);
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}", -i64::from(self.year))?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        write!(f, "-{:02}-{:02}", self.month, self.day)
    }
}

/// Why a text is not a `YYYY-MM-DD` date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateParseError {
    /// The text is not four digits, `-`, two digits, `-`, two digits.
    Format(String),
    /// The month is outside 1-12.
    Month(u32),
    /// The day does not exist in that month.
    Day {
        /// The year read.
        year: i32,
        /// The month read.
        month: u8,
        /// The day read.
        day: u32,
    },
}

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateParseError::Format(s) => write!(f, "expected a date as YYYY-MM-DD, got {s:?}"),
            DateParseError::Month(m) => write!(f, "month {m} is not in 1-12"),
            DateParseError::Day { year, month, day } => {
                write!(f, "day {day} does not exist in {year:04}-{month:02}")
            }
        }
    }
}

impl std::error::Error for DateParseError {}

impl FromStr for Date {
    type Err = DateParseError;

    /// Reads `YYYY-MM-DD` (surrounding white space allowed).
    fn from_str(s: &str) -> Result<Date, DateParseError> {
        let t = s.trim();
        let b = t.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return Err(DateParseError::Format(t.chars().take(40).collect()));
        }
        let num = |r: std::ops::Range<usize>| {
            b[r].iter()
                .fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0'))
        };
        let (year, month, day) = (num(0..4) as i32, num(5..7), num(8..10));
        if !(1..=12).contains(&month) {
            return Err(DateParseError::Month(month));
        }
        let month = month as u8;
        if day == 0 || day > u32::from(Date::days_in_month(year, month)) {
            return Err(DateParseError::Day { year, month, day });
        }
        Ok(Date {
            year,
            month,
            day: day as u8,
        })
    }
}

/// `(year, month)` moved by `n` months.
fn month_add(year: i32, month: u8, n: i64) -> (i32, u8) {
    let idx = i64::from(year) * 12 + i64::from(month.clamp(1, 12)) - 1 + n;
    let y = idx
        .div_euclid(12)
        .clamp(i64::from(i32::MIN), i64::from(i32::MAX));
    (y as i32, (idx.rem_euclid(12) + 1) as u8)
}

/// The first and the last day covered by a normalised value (`2021-04-09`, `2021-04`,
/// `2021`, or `START/END` of those), or `None` when `value` is not of that form.
pub fn value_bounds(value: &str) -> Option<(Date, Date)> {
    fn point(p: &str) -> Option<(Date, Date)> {
        let b = p.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = b.get(r)?;
            if s.iter().all(u8::is_ascii_digit) {
                Some(s.iter().fold(0u32, |a, c| a * 10 + u32::from(c - b'0')))
            } else {
                None
            }
        };
        match b.len() {
            4 => {
                let y = digits(0..4)? as i32;
                Some((Date::new(y, 1, 1)?, Date::new(y, 12, 31)?))
            }
            7 if b[4] == b'-' => {
                let y = digits(0..4)? as i32;
                let m = u8::try_from(digits(5..7)?).ok()?;
                Some((
                    Date::new(y, m, 1)?,
                    Date::new(y, m, Date::days_in_month(y, m))?,
                ))
            }
            10 => {
                let d: Date = p.parse().ok()?;
                Some((d, d))
            }
            _ => None,
        }
    }
    match value.split_once('/') {
        Some((a, b)) => {
            let (first, _) = point(a)?;
            let (_, last) = point(b)?;
            (first <= last).then_some((first, last))
        }
        None => point(value),
    }
}

// ===================================================================== public types

/// The grammatical time of the clause around a date: it decides which year (or which
/// Tuesday) a partial date means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tense {
    /// Past tense or perfect (`met`, `was held`, `has visited`, `ago`).
    Past,
    /// Present tense (`is`, `are`).
    Present,
    /// Future or intention (`will`, `would`, `is scheduled`, `plans to`, `upcoming`).
    Future,
}

/// How to read an all-numeric date such as `09/04/2021` whose first two numbers could
/// each be the month.
///
/// Whatever the setting, a reading that is impossible is never chosen (`13/04/2021` is
/// always April 13), and ISO order `2021-04-09` is always year-month-day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum NumericOrder {
    /// `09/04/2021` is 9 April 2021.
    DayFirst,
    /// `09/04/2021` is September 4, 2021.
    MonthFirst,
    /// Decide per document: first from the document's own numeric dates that can be read
    /// only one way (`25/04/2021` votes day-first, `04/25/2021` month-first); failing
    /// that, from its written dates (more `9 April` than `April 9` gives day-first, the
    /// reverse or a tie month-first); with no evidence at all, dotted dates
    /// (`09.04.2021`) are read day-first and the others month-first. Confidence is lower
    /// for readings chosen this way.
    #[default]
    Auto,
}

/// A date expression found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Byte span of the expression in the input text (without a leading `on`, `in`,
    /// `from` or `between`; with modifiers such as `last`, `mid-`, `earlier this`).
    pub span: Span,
    /// Normalised value: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `START/END` of those. `None`
    /// when it cannot be resolved (a partial or relative date without a document date, or
    /// an anaphoric date such as `the day before` with nothing before it).
    pub value: Option<String>,
    /// The rule that produced it (see the module documentation).
    pub rule: &'static str,
    /// 0..1: high for explicit dates, lower for resolved partial and relative ones, low
    /// when a weekday contradicts the date or the numeric order was guessed.
    pub confidence: f32,
    /// The tense used to choose among readings, when one had to be chosen.
    pub tense: Option<Tense>,
}

impl DateMention {
    /// The text of the mention.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span.start..self.span.end).unwrap_or("")
    }
}

// ===================================================================== lexicon

/// Unit nouns of relative dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Year,
}

/// What an anchor word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lex {
    /// Month 1-12; abbreviated?
    Month(u8, bool),
    /// Weekday 0 (Monday) - 6; abbreviated?
    Weekday(u8, bool),
    /// `Mondays`: a recurring day, not a date.
    Weekdays,
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    /// morning, afternoon, evening, night
    DayPart,
    /// A unit noun; plural?
    Unit(Unit, bool),
}

/// The words that may anchor a date, lower case.
pub(crate) fn anchor_words() -> impl Iterator<Item = &'static str> {
    LEXICON.iter().map(|&(word, _)| word)
}

const LEXICON: &[(&str, Lex)] = &[
    ("january", Lex::Month(1, false)),
    ("february", Lex::Month(2, false)),
    ("march", Lex::Month(3, false)),
    ("april", Lex::Month(4, false)),
    ("may", Lex::Month(5, false)),
    ("june", Lex::Month(6, false)),
    ("july", Lex::Month(7, false)),
    ("august", Lex::Month(8, false)),
    ("september", Lex::Month(9, false)),
    ("october", Lex::Month(10, false)),
    ("november", Lex::Month(11, false)),
    ("december", Lex::Month(12, false)),
    ("jan", Lex::Month(1, true)),
    ("feb", Lex::Month(2, true)),
    ("mar", Lex::Month(3, true)),
    ("apr", Lex::Month(4, true)),
    ("jun", Lex::Month(6, true)),
    ("jul", Lex::Month(7, true)),
    ("aug", Lex::Month(8, true)),
    ("sep", Lex::Month(9, true)),
    ("sept", Lex::Month(9, true)),
    ("oct", Lex::Month(10, true)),
    ("nov", Lex::Month(11, true)),
    ("dec", Lex::Month(12, true)),
    ("monday", Lex::Weekday(0, false)),
    ("tuesday", Lex::Weekday(1, false)),
    ("wednesday", Lex::Weekday(2, false)),
    ("thursday", Lex::Weekday(3, false)),
    ("friday", Lex::Weekday(4, false)),
    ("saturday", Lex::Weekday(5, false)),
    ("sunday", Lex::Weekday(6, false)),
    ("mon", Lex::Weekday(0, true)),
    ("tue", Lex::Weekday(1, true)),
    ("tues", Lex::Weekday(1, true)),
    ("wed", Lex::Weekday(2, true)),
    ("thu", Lex::Weekday(3, true)),
    ("thur", Lex::Weekday(3, true)),
    ("thurs", Lex::Weekday(3, true)),
    ("fri", Lex::Weekday(4, true)),
    ("sat", Lex::Weekday(5, true)),
    ("sun", Lex::Weekday(6, true)),
    ("mondays", Lex::Weekdays),
    ("tuesdays", Lex::Weekdays),
    ("wednesdays", Lex::Weekdays),
    ("thursdays", Lex::Weekdays),
    ("fridays", Lex::Weekdays),
    ("saturdays", Lex::Weekdays),
    ("sundays", Lex::Weekdays),
    ("today", Lex::Today),
    ("tonight", Lex::Tonight),
    ("yesterday", Lex::Yesterday),
    ("tomorrow", Lex::Tomorrow),
    ("morning", Lex::DayPart),
    ("afternoon", Lex::DayPart),
    ("evening", Lex::DayPart),
    ("night", Lex::DayPart),
    ("day", Lex::Unit(Unit::Day, false)),
    ("days", Lex::Unit(Unit::Day, true)),
    ("week", Lex::Unit(Unit::Week, false)),
    ("weeks", Lex::Unit(Unit::Week, true)),
    ("weekend", Lex::Unit(Unit::Weekend, false)),
    ("weekends", Lex::Unit(Unit::Weekend, true)),
    ("fortnight", Lex::Unit(Unit::Fortnight, false)),
    ("fortnights", Lex::Unit(Unit::Fortnight, true)),
    ("month", Lex::Unit(Unit::Month, false)),
    ("months", Lex::Unit(Unit::Month, true)),
    ("year", Lex::Unit(Unit::Year, false)),
    ("years", Lex::Unit(Unit::Year, true)),
];

/// The largest day a month can have in any year.
fn max_day(m: u8) -> u8 {
    Date::days_in_month(2000, m)
}

/// Words after a number that make it a quantity, not a year.
#[rustfmt::skip]
const COUNT_NOUNS: &[&str] = &[
    "troops", "soldiers", "personnel", "people", "persons", "men", "women", "children",
    "hours", "minutes", "seconds", "days", "weeks", "months", "years", "km", "kilometres",
    "kilometers", "miles", "metres", "meters", "feet", "ft", "tonnes", "tons", "kg",
    "kilograms", "pounds", "dollars", "euros", "rupees", "yuan", "yen", "units", "vehicles",
    "tanks", "aircraft", "jets", "planes", "helicopters", "ships", "vessels", "boats",
    "missiles", "rockets", "rounds", "shells", "drones", "members", "employees", "workers",
    "residents", "civilians", "refugees", "migrants", "casualties", "deaths", "dead",
    "injured", "wounded", "cases", "votes", "seats", "points", "jobs", "homes", "houses",
    "students", "officers", "sailors", "marines", "pilots", "police", "staff", "families",
    "villages", "sites", "times", "million", "billion", "thousand", "hundred", "crore",
    "lakh", "percent", "per", "acres", "hectares", "barrels", "mw", "gw", "m", "bn", "mn",
    "k", "sq", "square", "cubic", "calories", "kilos", "guns", "weapons", "bombs",
    "warheads", "pages", "words", "copies", "doses", "beds",
];

/// Words before a bare year that make it a date: `in 2021`, `since 1986`.
#[rustfmt::skip]
const YEAR_PREPS: &[&str] = &[
    "in", "since", "by", "until", "till", "before", "after", "during", "from", "through",
    "throughout", "of", "circa", "into", "beyond", "fiscal", "around", "between", "for",
    "year", "spring", "summer", "autumn", "fall", "winter", "early", "late", "mid", "as",
];

/// Determiners before a year used as a modifier: `a 1966 air accident`, `the 2021 budget`.
#[rustfmt::skip]
const YEAR_DETS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this",
];

/// Words before a bare month name that make it a date: `in August`, `by March`.
#[rustfmt::skip]
const MONTH_PREPS: &[&str] = &[
    "in", "since", "by", "until", "till", "before", "after", "during", "from", "through",
    "throughout", "of", "around", "between", "into", "for", "to", "early", "late", "mid",
    "last", "next", "this", "starting", "beginning", "ending", "as",
];

/// Words that, before a weekday, make it part of a name.
#[rustfmt::skip]
const WEEKDAY_NAMES: &[&str] = &[
    "good", "black", "super", "cyber", "ash", "holy", "maundy", "easter", "bloody", "palm",
    "giving", "shrove", "blue", "manic", "the",
];

/// Word classes, as bits of [`word_info`].
const F_COUNT: u32 = 1;
const F_YEAR_PREP: u32 = 1 << 1;
const F_YEAR_DET: u32 = 1 << 2;
const F_MONTH_PREP: u32 = 1 << 3;
const F_WEEKDAY_NAME: u32 = 1 << 4;
const F_TO_FUTURE: u32 = 1 << 5;
const F_FUTURE: u32 = 1 << 6;
const F_PRESENT: u32 = 1 << 7;
const F_PAST: u32 = 1 << 8;
const F_ED_NOT_PAST: u32 = 1 << 9;
const F_MODAL: u32 = 1 << 10;
const F_ABBREV: u32 = 1 << 11;

/// Every listed word, lower case, sorted, with its classes and its anchor meaning; and,
/// per word length, a bit per first letter that some listed word has.
struct WordTable {
    words: Vec<(u128, u32, Option<Lex>)>,
    first_letters: [u32; 17],
    /// `second_letters[len][first letter]`: a bit per second letter of some listed word;
    /// with `first_letters` it turns most unlisted words away before the search.
    second_letters: [[u32; 26]; 17],
}

fn word_table() -> &'static WordTable {
    static TABLE: std::sync::OnceLock<WordTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: std::collections::BTreeMap<&'static str, (u32, Option<Lex>)> =
            std::collections::BTreeMap::new();
        let lists: [(&[&'static str], u32); 12] = [
            (COUNT_NOUNS, F_COUNT),
            (YEAR_PREPS, F_YEAR_PREP),
            (YEAR_DETS, F_YEAR_DET),
            (MONTH_PREPS, F_MONTH_PREP),
            (WEEKDAY_NAMES, F_WEEKDAY_NAME),
            (TO_FUTURE, F_TO_FUTURE),
            (FUTURE_WORDS, F_FUTURE),
            (PRESENT_WORDS, F_PRESENT),
            (PAST_WORDS, F_PAST),
            (ED_NOT_PAST, F_ED_NOT_PAST),
            (MODALS, F_MODAL),
            (ABBREVIATIONS, F_ABBREV),
        ];
        for (list, flag) in lists {
            for w in list {
                map.entry(w).or_default().0 |= flag;
            }
        }
        for &(w, l) in LEXICON {
            map.entry(w).or_default().1 = Some(l);
        }
        let mut first_letters = [0u32; 17];
        let mut second_letters = [[0u32; 26]; 17];
        for w in map.keys() {
            if let (Some(slot), Some(c)) = (first_letters.get_mut(w.len()), w.bytes().next()) {
                *slot |= 1 << (c.wrapping_sub(b'a') & 31);
            }
            if let (Some(row), [c0, c1, ..]) = (second_letters.get_mut(w.len()), w.as_bytes()) {
                row[usize::from(c0.wrapping_sub(b'a') % 26)] |= 1 << (c1.wrapping_sub(b'a') & 31);
            }
        }
        let mut words: Vec<(u128, u32, Option<Lex>)> = map
            .into_iter()
            .map(|(w, (f, l))| (pack(w.as_bytes()), f, l))
            .collect();
        words.sort_by_key(|w| w.0);
        WordTable {
            words,
            first_letters,
            second_letters,
        }
    })
}

/// Classes and anchor meaning of a word (any case); nothing for unlisted words.
fn word_info(w: &[u8]) -> (u32, Option<Lex>) {
    let table = word_table();
    let Some(&c) = w.first() else {
        return (0, None);
    };
    let c = c.to_ascii_lowercase();
    let bits = table.first_letters.get(w.len()).copied().unwrap_or(0);
    if !c.is_ascii_lowercase() || bits & (1 << (c - b'a')) == 0 {
        return (0, None);
    }
    if let (Some(row), Some(&c1)) = (table.second_letters.get(w.len()), w.get(1)) {
        let c1 = c1.to_ascii_lowercase();
        if !c1.is_ascii_lowercase() || row[usize::from(c - b'a')] & (1 << (c1 - b'a')) == 0 {
            return (0, None);
        }
    }
    let k = pack(w);
    if k == 0 {
        return (0, None);
    }
    match table.words.binary_search_by_key(&k, |w| w.0) {
        Ok(i) => (table.words[i].1, table.words[i].2),
        Err(_) => (0, None),
    }
}

/// Number words used in relative dates.
fn number_word(w: &str) -> Option<i64> {
    const W: &[(&str, i64)] = &[
        ("a", 1),
        ("an", 1),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("fifteen", 15),
        ("twenty", 20),
        ("thirty", 30),
    ];
    W.iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(w))
        .map(|&(_, n)| n)
}

// ===================================================================== tokens

/// Token kinds of the lazy lexer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum K {
    /// Digits: value (saturating) and number of digits (saturating at 255).
    Num(u32, u8),
    /// `9th`, `21st`.
    Ord(u32),
    /// `1990s`.
    Decade(u32),
    /// Letters, or letters and digits mixed (`COP27`).
    Word,
    /// Any other single character.
    P(char),
    /// End of text, a line break, or the left limit.
    End,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: usize,
    e: usize,
    k: K,
}

impl Tok {
    fn end(at: usize) -> Tok {
        Tok {
            s: at,
            e: at,
            k: K::End,
        }
    }
}

/// A letter or digit of a word. Quick for ASCII and for the punctuation blocks news
/// text is full of (curly quotes, dashes, non-breaking and thin spaces).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(c, '\u{a0}'..='\u{a9}' | '\u{ab}'..='\u{b1}' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}')
    {
        false
    } else {
        c.is_alphanumeric()
    }
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_dash(t: Tok) -> bool {
    matches!(t.k, K::P('-' | '–' | '—' | '‐' | '‑' | '−'))
}

fn is_apostrophe(t: Tok) -> bool {
    matches!(t.k, K::P('\'' | '’'))
}

/// A view of the text for the grammar: tokens are read on demand, never left of `lo`.
#[derive(Clone, Copy)]
struct Sc<'a> {
    t: &'a str,
    b: &'a [u8],
    /// Tokens starting before this offset are invisible (the previous mention's end).
    lo: usize,
    /// The previous mention ended at `lo` and was a year (for `in 2020 and 2021`).
    after_year: bool,
    /// The previous mention ended at `lo` and was a bare month (`in March and April`).
    after_month: bool,
}

impl<'a> Sc<'a> {
    fn new(t: &'a str, lo: usize) -> Sc<'a> {
        Sc {
            t,
            b: t.as_bytes(),
            lo,
            after_year: false,
            after_month: false,
        }
    }

    /// The character at byte `i` (< len) and its length.
    fn ch_at(&self, i: usize) -> (char, usize) {
        match self.b.get(i) {
            Some(&c) if c < 0x80 => (c as char, 1),
            _ => match self.t.get(i..).and_then(|s| s.chars().next()) {
                Some(ch) => (ch, ch.len_utf8()),
                None => ('\u{fffd}', 1),
            },
        }
    }

    /// The character ending at byte `i` (> 0) and its length.
    fn ch_before(&self, i: usize) -> (char, usize) {
        match self.b.get(i.wrapping_sub(1)) {
            Some(&c) if c < 0x80 => (c as char, 1),
            _ => match self.t.get(..i).and_then(|s| s.chars().next_back()) {
                Some(ch) => (ch, ch.len_utf8()),
                None => ('\u{fffd}', 1),
            },
        }
    }

    fn alnum_end(&self, mut j: usize) -> usize {
        // ASCII bytes are judged without decoding a char.
        while let Some(&c) = self.b.get(j) {
            match CLASS[usize::from(c)] {
                1 | 2 => {
                    j += 1;
                    continue;
                }
                0 => break,
                _ => {}
            }
            let (c, l) = self.ch_at(j);
            if is_word_char(c) {
                j += l;
            } else {
                break;
            }
        }
        j
    }

    /// The token starting exactly at `i` (which is not white space).
    fn lex_at(&self, i: usize) -> Tok {
        let b = self.b;
        let (c, l) = self.ch_at(i);
        if c.is_ascii_digit() {
            let mut j = i;
            let mut v: u32 = 0;
            while j < b.len() && b[j].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[j] - b'0'));
                j += 1;
            }
            let nd = (j - i).min(255) as u8;
            let k = self.alnum_end(j);
            if k == j {
                return Tok {
                    s: i,
                    e: j,
                    k: K::Num(v, nd),
                };
            }
            let suf = self.t.get(j..k).unwrap_or("");
            let kind = if nd <= 2
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(suf))
            {
                K::Ord(v)
            } else if nd == 4 && suf == "s" && v % 10 == 0 {
                K::Decade(v)
            } else {
                K::Word
            };
            return Tok {
                s: i,
                e: k,
                k: kind,
            };
        }
        if is_word_char(c) {
            return Tok {
                s: i,
                e: self.alnum_end(i + l),
                k: K::Word,
            };
        }
        Tok {
            s: i,
            e: i + l,
            k: K::P(c),
        }
    }

    /// The next token at or after `i`, on the same line.
    fn next(&self, mut i: usize) -> Tok {
        while i < self.b.len() {
            if self.b[i] == b' ' {
                i += 1;
                continue;
            }
            let (c, l) = self.ch_at(i);
            if is_break(c) {
                return Tok::end(i);
            }
            if c.is_whitespace() || c == '\u{feff}' {
                i += l;
                continue;
            }
            return self.lex_at(i);
        }
        Tok::end(self.b.len())
    }

    /// The token ending at or before `i`, on the same line and not left of `lo`.
    fn prev(&self, mut i: usize) -> Tok {
        loop {
            if i <= self.lo {
                return Tok::end(i);
            }
            if self.b.get(i - 1) == Some(&b' ') {
                i -= 1;
                continue;
            }
            let (c, l) = self.ch_before(i);
            if is_break(c) {
                return Tok::end(i);
            }
            if c.is_whitespace() || c == '\u{feff}' {
                i = i.saturating_sub(l);
                continue;
            }
            if is_word_char(c) {
                let mut s = i;
                // Whether `s..i` is ASCII letters alone: then it is the word, unlexed.
                let mut letters = true;
                while s > self.lo {
                    let Some(&c2) = self.b.get(s - 1) else {
                        break;
                    };
                    if c2.is_ascii_alphabetic() {
                        s -= 1;
                        continue;
                    }
                    if c2.is_ascii_digit() {
                        letters = false;
                        s -= 1;
                        continue;
                    }
                    if c2 < 0x80 {
                        break;
                    }
                    letters = false;
                    let (c2, l2) = self.ch_before(s);
                    if is_word_char(c2) {
                        s = s.saturating_sub(l2);
                    } else {
                        break;
                    }
                }
                if letters && s < i {
                    return Tok {
                        s,
                        e: i,
                        k: K::Word,
                    };
                }
                let t = self.lex_at(s);
                return Tok {
                    s: t.s,
                    e: t.e.min(i).max(t.s),
                    k: t.k,
                };
            }
            return Tok {
                s: i.saturating_sub(l),
                e: i,
                k: K::P(c),
            };
        }
    }

    fn s(&self, t: Tok) -> &'a str {
        self.t.get(t.s..t.e).unwrap_or("")
    }

    fn is(&self, t: Tok, w: &str) -> bool {
        t.k == K::Word && self.s(t).eq_ignore_ascii_case(w)
    }

    fn is_any(&self, t: Tok, ws: &[&str]) -> bool {
        t.k == K::Word && {
            let s = self.s(t);
            ws.iter().any(|w| s.eq_ignore_ascii_case(w))
        }
    }

    fn cap(&self, t: Tok) -> bool {
        self.b.get(t.s).is_some_and(u8::is_ascii_uppercase)
    }

    fn lex(&self, t: Tok) -> Option<Lex> {
        if t.k != K::Word {
            return None;
        }
        word_info(self.s(t).as_bytes()).1
    }

    /// Whether `t` is a word of the class `flag`.
    fn has(&self, t: Tok, flag: u32) -> bool {
        t.k == K::Word && word_info(self.s(t).as_bytes()).0 & flag != 0
    }

    fn month(&self, t: Tok) -> Option<(u8, bool)> {
        // The capital first: it is one byte, the word look-up is a search.
        if !self.cap(t) {
            return None;
        }
        match self.lex(t) {
            Some(Lex::Month(m, ab)) => Some((m, ab)),
            _ => None,
        }
    }

    fn weekday(&self, t: Tok) -> Option<(u8, bool)> {
        if !self.cap(t) {
            return None;
        }
        match self.lex(t) {
            Some(Lex::Weekday(w, ab)) => Some((w, ab)),
            _ => None,
        }
    }

    /// End of an abbreviated month or weekday, with its full stop.
    fn after_abbrev(&self, t: Tok, ab: bool) -> usize {
        if ab && self.b.get(t.e) == Some(&b'.') {
            t.e + 1
        } else {
            t.e
        }
    }

    fn day(&self, t: Tok) -> Option<u8> {
        match t.k {
            K::Num(v, 1..=2) | K::Ord(v) if (1..=31).contains(&v) => Some(v as u8),
            _ => None,
        }
    }

    fn year4(&self, t: Tok) -> Option<i32> {
        match t.k {
            K::Num(v, 4) if (1000..=2999).contains(&v) => Some(v as i32),
            _ => None,
        }
    }

    fn count_noun(&self, t: Tok) -> bool {
        t.k == K::P('%') || self.has(t, F_COUNT)
    }

    /// The number goes on with `,` `.` `:` `/` and more digits (9,000 · 10.30 · 9:30 ·
    /// 5/6), except `9,2021` (a day, a comma and a year).
    fn continues_number(&self, t: Tok) -> bool {
        self.continues_number_with(t, self.next(t.e))
    }

    /// [`Sc::continues_number`] with the token after `t` at hand.
    fn continues_number_with(&self, t: Tok, n: Tok) -> bool {
        if n.s != t.e || !matches!(n.k, K::P(',' | '.' | ':' | '/')) {
            return false;
        }
        let m = self.next(n.e);
        m.s == n.e && matches!(m.k, K::Num(_, nd) if !(n.k == K::P(',') && nd == 4))
    }

    /// A separator and a number glued in front (`1-9/4/2021`, `4.9.4.2021`), or letters.
    fn glued_before(&self, t: Tok) -> bool {
        let p = self.prev(t.s);
        if p.e != t.s || p.k == K::End {
            return false;
        }
        match p.k {
            K::P('/' | '.' | '-' | ':' | ',' | '+') => {
                let q = self.prev(p.s);
                q.e == p.s && matches!(q.k, K::Num(..) | K::Word)
            }
            K::Num(..) | K::Word | K::Ord(..) => true,
            _ => false,
        }
    }

    /// A separator and a number glued after (`9/4/2021/5`, `2021-04-09-1`).
    fn glued_after(&self, t: Tok) -> bool {
        let n = self.next(t.e);
        if n.s != t.e {
            return false;
        }
        match n.k {
            K::P('/' | '.' | '-' | ':' | ',') => {
                let m = self.next(n.e);
                m.s == n.e && matches!(m.k, K::Num(..))
            }
            K::Num(..) => true,
            _ => false,
        }
    }

    /// A range connector after `pos`: a dash (or `--`), `to`, `through`, `thru`, `until`,
    /// `till`, or `and`. Returns its end and whether it was `and`.
    fn connector(&self, pos: usize) -> Option<(usize, bool)> {
        self.connector_at(self.next(pos))
    }

    /// [`Sc::connector`] with its first token `n` at hand.
    fn connector_at(&self, n: Tok) -> Option<(usize, bool)> {
        if is_dash(n) {
            let n2 = self.next(n.e);
            if is_dash(n2) && n2.s == n.e {
                return Some((n2.e, false));
            }
            return Some((n.e, false));
        }
        if self.is_any(n, &["to", "through", "thru", "until", "till"]) {
            return Some((n.e, false));
        }
        if self.is(n, "and") {
            return Some((n.e, true));
        }
        None
    }

    /// `p` is `and`, `or` or a comma right after the previous mention (`lo`).
    fn continues_list(&self, p: Tok) -> bool {
        (p.k == K::P(',') || self.is_any(p, &["and", "or"]))
            && self.lo > 0
            && self.prev(p.s).k == K::End
            && self
                .b
                .get(self.lo..p.s)
                .is_some_and(|g| g.iter().all(u8::is_ascii_whitespace))
    }

    /// `, 2021` or ` 2021` after `pos`, when 2021 is not a quantity.
    fn year_after(&self, pos: usize) -> Option<(i32, usize)> {
        let mut n = self.next(pos);
        if n.k == K::P(',') {
            n = self.next(n.e);
        }
        let y = self.year4(n)?;
        if self.continues_number(n) || self.count_noun(self.next(n.e)) {
            return None;
        }
        Some((y, n.e))
    }
}

// ===================================================================== grammar

/// Year, month and day as written (any may be missing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Dm {
    y: Option<i32>,
    m: Option<u8>,
    d: Option<u8>,
}

/// How to supply a missing year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum YearSel {
    /// By the tense of the clause.
    Tense,
    /// The document's year plus this (`this July`: 0, `April 9 last year`: -1).
    Offset(i32),
    /// The nearest strictly before the document date (`last July`).
    Prev,
    /// The nearest strictly after (`next July`).
    Next,
}

/// Which weekday a weekday name means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WdMode {
    Bare,
    Last,
    Next,
    Coming,
}

/// A parsed expression, not yet resolved.
#[derive(Clone, Copy, Debug)]
enum Expr {
    Date {
        dm: Dm,
        wd: Option<u8>,
        sel: YearSel,
    },
    Range {
        a: Dm,
        b: Dm,
    },
    /// An all-numeric date in day/month or month/day order.
    Numeric {
        p1: u8,
        p2: u8,
        y: i32,
        dot: bool,
        short: bool,
    },
    DocOffset(i64),
    /// `in two days`: the document date plus n, unless the clause is in the past
    /// (`built in three days` is a duration).
    InDays(i64),
    Weekday {
        wd: u8,
        mode: WdMode,
    },
    WeekdayRange {
        a: u8,
        b: u8,
        mode: WdMode,
    },
    Week(i64),
    /// `Some(k)`: this (0), last (-1), next (+1) weekend; `None`: `over the weekend`.
    Weekend(Option<i64>),
    MonthOff(i64),
    YearOff(i32),
    Ago {
        n: i64,
        unit: Unit,
    },
    Anaphor {
        n: i64,
        unit: Unit,
    },
    DayOfMonth(u8),
}

/// Written style, counted for [`NumericOrder::Auto`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    MonthDay,
    DayMonth,
    MonthYear,
    Month,
    AbbrevMonth,
}

/// A date core: `April 9[, 2021]`, `9 [of] April[ 2021]`, `April[,| of] 2021`, `April`.
#[derive(Clone, Copy, Debug)]
struct Core {
    dm: Dm,
    e: usize,
    style: Style,
}

/// A grammar match.
#[derive(Clone, Copy, Debug)]
struct Found {
    s: usize,
    e: usize,
    expr: Expr,
    rule: &'static str,
    style: Option<Style>,
}

fn found(s: usize, e: usize, expr: Expr, rule: &'static str) -> Option<Found> {
    Some(Found {
        s,
        e,
        expr,
        rule,
        style: None,
    })
}

fn date_expr(dm: Dm) -> Expr {
    Expr::Date {
        dm,
        wd: None,
        sel: YearSel::Tense,
    }
}

impl Sc<'_> {
    fn core(&self, t: Tok) -> Option<Core> {
        if let Some((m, ab)) = self.month(t) {
            let p = self.after_abbrev(t, ab);
            let n = self.next(p);
            if matches!(n.k, K::Num(_, 1..=2) | K::Ord(_)) {
                // A month and a number that cannot be its day is no date at all
                // (`February 30`), not a bare month.
                let d = self.day(n)?;
                if d > max_day(m) || self.continues_number(n) {
                    return None;
                }
                let (y, e) = match self.year_after(n.e) {
                    Some((y, e)) => (Some(y), e),
                    None => (None, n.e),
                };
                return Some(Core {
                    dm: Dm {
                        y,
                        m: Some(m),
                        d: Some(d),
                    },
                    e,
                    style: Style::MonthDay,
                });
            }
            let mut n2 = n;
            if n2.k == K::P(',') || self.is(n2, "of") {
                n2 = self.next(n2.e);
            }
            if let Some(y) = self.year4(n2) {
                if !self.continues_number(n2) && !self.count_noun(self.next(n2.e)) {
                    return Some(Core {
                        dm: Dm {
                            y: Some(y),
                            m: Some(m),
                            d: None,
                        },
                        e: n2.e,
                        style: Style::MonthYear,
                    });
                }
            }
            return Some(Core {
                dm: Dm {
                    y: None,
                    m: Some(m),
                    d: None,
                },
                e: if ab { p } else { t.e },
                style: if ab { Style::AbbrevMonth } else { Style::Month },
            });
        }
        let d = self.day(t)?;
        if self.continues_number(t) || self.glued_before(t) {
            return None;
        }
        let mut n = self.next(t.e);
        if self.is(n, "of") {
            n = self.next(n.e);
        }
        let (m, ab) = self.month(n)?;
        if d > max_day(m) {
            return None;
        }
        let p = self.after_abbrev(n, ab);
        let (y, e) = match self.year_after(p) {
            Some((y, e)) => (Some(y), e),
            None => (None, p),
        };
        Some(Core {
            dm: Dm {
                y,
                m: Some(m),
                d: Some(d),
            },
            e,
            style: Style::DayMonth,
        })
    }

    /// `7-10 April`, `7th to 10th of April 2021`, `5 and 8 September` (after `between`).
    fn day_led_range(&self, t: Tok, d1: u8, between: bool) -> Option<Found> {
        if self.continues_number(t) || self.glued_before(t) {
            return None;
        }
        let (ce, is_and) = self.connector(t.e)?;
        let n = self.next(ce);
        let d2 = self.day(n)?;
        if self.continues_number(n) {
            return None;
        }
        let mut n3 = self.next(n.e);
        if self.is(n3, "of") {
            n3 = self.next(n3.e);
        }
        let (m, ab) = self.month(n3)?;
        if d2 <= d1 || d2 > max_day(m) || (is_and && !between && d2 != d1 + 1) {
            return None;
        }
        let p = self.after_abbrev(n3, ab);
        let (y, e) = match self.year_after(p) {
            Some((y, e)) => (Some(y), e),
            None => (None, p),
        };
        let a = Dm {
            y: None,
            m: Some(m),
            d: Some(d1),
        };
        let b = Dm {
            y,
            m: Some(m),
            d: Some(d2),
        };
        Some(Found {
            s: t.s,
            e,
            expr: Expr::Range { a, b },
            rule: "range_days_month",
            style: Some(Style::DayMonth),
        })
    }

    /// A date core possibly followed by a range tail. `t` is a month or a day number.
    fn date_or_range(&self, t: Tok, between: bool) -> Option<Found> {
        if let Some(d1) = self.day(t) {
            if let Some(f) = self.day_led_range(t, d1, between) {
                return Some(f);
            }
        }
        let c1 = self.core(t)?;
        if let Some(f) = self.range_tail(t.s, &c1, between) {
            return Some(f);
        }
        let rule = match (c1.style, c1.dm.y.is_some()) {
            (Style::MonthDay, true) => "month_day_year",
            (Style::MonthDay, false) => "month_day",
            (Style::DayMonth, true) => "day_month_year",
            (Style::DayMonth, false) => "day_month",
            (Style::MonthYear, _) => "month_year",
            _ => "month",
        };
        Some(Found {
            s: t.s,
            e: c1.e,
            expr: date_expr(c1.dm),
            rule,
            style: Some(c1.style),
        })
    }

    fn range_tail(&self, s: usize, c1: &Core, between: bool) -> Option<Found> {
        let (ce, is_and) = self.connector(c1.e)?;
        let n = self.next(ce);
        match c1.style {
            Style::MonthDay | Style::DayMonth => {
                let d1 = c1.dm.d.unwrap_or(0);
                if let Some(c2) = self.core(n) {
                    if let Some(d2) = c2.dm.d {
                        let next_day = c2.dm.m == c1.dm.m && d2 == d1 + 1;
                        if !is_and || between || next_day {
                            return Some(Found {
                                s,
                                e: c2.e,
                                expr: Expr::Range { a: c1.dm, b: c2.dm },
                                rule: "range_dates",
                                style: Some(c1.style),
                            });
                        }
                    }
                    return None;
                }
                if c1.style == Style::MonthDay && c1.dm.y.is_none() {
                    let d2 = self.day(n)?;
                    if self.continues_number(n) || d2 <= d1 {
                        return None;
                    }
                    if is_and && !between && d2 != d1 + 1 {
                        return None;
                    }
                    let (y, e) = match self.year_after(n.e) {
                        Some((y, e)) => (Some(y), e),
                        None => (None, n.e),
                    };
                    let b = Dm {
                        y,
                        m: c1.dm.m,
                        d: Some(d2),
                    };
                    return Some(Found {
                        s,
                        e,
                        expr: Expr::Range { a: c1.dm, b },
                        rule: "range_month_days",
                        style: Some(Style::MonthDay),
                    });
                }
                None
            }
            Style::Month | Style::MonthYear => {
                let c2 = self.core(n)?;
                if !matches!(c2.style, Style::Month | Style::MonthYear) || (is_and && !between) {
                    return None;
                }
                if c1.style == Style::MonthYear && c2.style == Style::Month {
                    return None;
                }
                Some(Found {
                    s,
                    e: c2.e,
                    expr: Expr::Range { a: c1.dm, b: c2.dm },
                    rule: "range_months",
                    style: None,
                })
            }
            Style::AbbrevMonth => None,
        }
    }

    // ------------------------------------------------------------- month anchors

    fn month_rule(&self, t: Tok, m: u8, ab: bool) -> Option<Found> {
        if !self.cap(t) {
            return None;
        }
        let p1 = self.prev(t.s);
        let mut start = t.s;
        let mut sel = YearSel::Tense;
        let mut ctx = false;
        let between = self.is(p1, "between");
        if is_dash(p1) && p1.e == t.s {
            let p2 = self.prev(p1.s);
            if self.is(p2, "mid") && p2.e == p1.s {
                start = p2.s;
                ctx = true;
            }
        } else if self.is(p1, "this") {
            sel = YearSel::Offset(0);
            start = p1.s;
            ctx = true;
        } else if self.is(p1, "last") {
            sel = YearSel::Prev;
            start = p1.s;
            ctx = true;
        } else if self.is(p1, "next") {
            sel = YearSel::Next;
            start = p1.s;
            ctx = true;
        } else if self.is_any(p1, &["early", "late", "mid"]) {
            start = p1.s;
            ctx = true;
        } else if self.has(p1, F_MONTH_PREP) || (self.after_month && self.continues_list(p1)) {
            ctx = true;
        }
        let mut f = self.date_or_range(t, between)?;
        match f.expr {
            Expr::Date { dm, .. } if dm.d.is_none() && dm.y.is_none() => {
                // A bare month name: only with a preposition or modifier, and not as a
                // first name (`in April Ryan's book`).
                if ab || !ctx {
                    return None;
                }
                let n = self.next(f.e);
                if n.k == K::Word && self.cap(n) && self.month(n).is_none() {
                    return None;
                }
                // `voted for May`, `a letter to May`: the name, not the month.
                if m == 5 && self.is_any(p1, &["for", "to", "as", "around", "by"]) {
                    return None;
                }
                f.s = start;
                f.expr = Expr::Date { dm, wd: None, sel };
                f.rule = "month";
                Some(f)
            }
            Expr::Date { dm, .. } if dm.y.is_none() && dm.d.is_some() => {
                let n = self.next(f.e);
                // `the September 11 attacks` always means 2001.
                if dm.m == Some(9)
                    && dm.d == Some(11)
                    && self.is_any(
                        n,
                        &[
                            "attacks",
                            "attack",
                            "terrorist",
                            "hijackers",
                            "hijackings",
                            "commission",
                        ],
                    )
                {
                    f.expr = date_expr(Dm {
                        y: Some(2001),
                        ..dm
                    });
                    return Some(f);
                }
                // `April 9 last year`
                let off = if self.is(n, "last") {
                    Some(-1)
                } else if self.is(n, "this") {
                    Some(0)
                } else if self.is(n, "next") {
                    Some(1)
                } else {
                    None
                };
                if let Some(off) = off {
                    let n2 = self.next(n.e);
                    if self.is(n2, "year") {
                        f.e = n2.e;
                        f.expr = Expr::Date {
                            dm,
                            wd: None,
                            sel: YearSel::Offset(off),
                        };
                    }
                }
                Some(f)
            }
            _ => Some(f),
        }
    }

    // ------------------------------------------------------------- number anchors

    fn num_rule(&self, t: Tok) -> Option<Found> {
        match t.k {
            K::Decade(v) if (1800..=2090).contains(&v) => {
                let y = v as i32;
                let a = Dm {
                    y: Some(y),
                    ..Dm::default()
                };
                let b = Dm {
                    y: Some(y + 9),
                    ..Dm::default()
                };
                found(t.s, t.e, Expr::Range { a, b }, "decade")
            }
            K::Num(v, 4) => self.year_led(t, v),
            K::Num(_, 1..=2) | K::Ord(_) => {
                // Every date a day number starts goes on with a separator, a dash, a range
                // word, `of` or a month name; most numbers are counts, turned away here
                // with one token read.
                if !self.may_follow_day(self.next(t.e)) {
                    return match t.k {
                        K::Ord(v) => self.day_of_month(t, v),
                        _ => None,
                    };
                }
                if let K::Num(..) = t.k {
                    if let Some(f) = self.numeric(t) {
                        return Some(f);
                    }
                }
                let between = self.is(self.prev(t.s), "between");
                if let Some(f) = self.date_or_range(t, between) {
                    return Some(f);
                }
                if let K::Ord(v) = t.k {
                    return self.day_of_month(t, v);
                }
                None
            }
            _ => None,
        }
    }

    /// Whether `n`, the token after a day number, may go on with a date: the separator of
    /// a numeric date (`9/4/2021`), a range connector (`7-10 April`, `7 to 10 April`),
    /// `of` or a month (`9 April`).
    fn may_follow_day(&self, n: Tok) -> bool {
        match n.k {
            K::P('/' | '.') => true,
            K::P(_) => is_dash(n),
            K::Word => {
                self.month(n).is_some()
                    || self.is_any(n, &["of", "to", "through", "thru", "until", "till", "and"])
            }
            _ => false,
        }
    }

    /// `09.04.2021`, `9/4/2021`, `04-09-2021`, `9/4/21`.
    fn numeric(&self, t: Tok) -> Option<Found> {
        let K::Num(v1, 1..=2) = t.k else {
            return None;
        };
        let s1 = self.next(t.e);
        let sep = match s1.k {
            K::P(c @ ('/' | '.' | '-')) if s1.s == t.e => c,
            _ => return None,
        };
        let t2 = self.next(s1.e);
        let K::Num(v2, 1..=2) = t2.k else {
            return None;
        };
        let s2 = self.next(t2.e);
        if t2.s != s1.e || s2.s != t2.e || s2.k != K::P(sep) {
            return None;
        }
        let t3 = self.next(s2.e);
        if t3.s != s2.e {
            return None;
        }
        let (y, short) = match t3.k {
            K::Num(v, 4) => (v as i32, false),
            K::Num(v, 2) if sep == '/' => ((if v < 50 { 2000 + v } else { 1900 + v }) as i32, true),
            _ => return None,
        };
        if self.glued_before(t) || self.glued_after(t3) {
            return None;
        }
        let p = self.prev(t.s);
        if self.is_any(
            p,
            &[
                "version", "v", "ver", "release", "build", "firmware", "patch", "update", "ios",
                "android",
            ],
        ) {
            return None;
        }
        found(
            t.s,
            t3.e,
            Expr::Numeric {
                p1: v1 as u8,
                p2: v2 as u8,
                y,
                dot: sep == '.',
                short,
            },
            "numeric_date",
        )
    }

    /// A four-digit number: ISO date or month, year range, or a year in date context.
    fn year_led(&self, t: Tok, v: u32) -> Option<Found> {
        let y = v as i32;
        let s1 = self.next(t.e);
        let t2 = self.next(s1.e);
        let tight = s1.s == t.e && t2.s == s1.e && matches!(t2.k, K::Num(..));
        if tight {
            let K::Num(v2, nd2) = t2.k else {
                return None;
            };
            let slash = s1.k == K::P('/');
            if !(is_dash(s1) || slash || s1.k == K::P('.')) || self.glued_before(t) {
                return None;
            }
            if nd2 <= 2 {
                let s2 = self.next(t2.e);
                if s2.s == t2.e && s2.k == s1.k {
                    let t3 = self.next(s2.e);
                    if let K::Num(v3, 1..=2) = t3.k {
                        if t3.s == s2.e && !self.glued_after(t3) {
                            let dm = Dm {
                                y: Some(y),
                                m: u8::try_from(v2).ok(),
                                d: u8::try_from(v3).ok(),
                            };
                            return found(t.s, t3.e, date_expr(dm), "iso_date");
                        }
                    }
                    return None;
                }
            }
            if self.glued_after(t2) || self.count_noun(self.next(t2.e)) || s1.k == K::P('.') {
                return None;
            }
            if nd2 == 2 {
                let zero = self.b.get(t2.s) == Some(&b'0');
                if zero && s1.k == K::P('-') {
                    if (1..=9).contains(&v2) {
                        let dm = Dm {
                            y: Some(y),
                            m: Some(v2 as u8),
                            d: None,
                        };
                        return found(t.s, t2.e, date_expr(dm), "iso_month");
                    }
                    return None;
                }
                let mut y2 = y / 100 * 100 + v2 as i32;
                if y2 <= y {
                    y2 += 100;
                }
                if y2 - y <= 10 && (1800..=2100).contains(&y) {
                    return self.year_range(t.s, t2.e, y, y2);
                }
                if s1.k == K::P('-') && (10..=12).contains(&v2) {
                    let dm = Dm {
                        y: Some(y),
                        m: Some(v2 as u8),
                        d: None,
                    };
                    return found(t.s, t2.e, date_expr(dm), "iso_month");
                }
                return None;
            }
            if nd2 == 4 {
                let y2 = v2 as i32;
                if y2 > y && y2 - y <= 100 && y2 <= 2100 && y >= 1800 {
                    return self.year_range(t.s, t2.e, y, y2);
                }
            }
            return None;
        }
        if !(1900..=2100).contains(&y) {
            return None;
        }
        // Spaced ranges: `2020 to 2022`, `from 2020 to 2022`, `between 2020 and 2022`.
        let p1 = self.prev(t.s);
        // `s1` is the token after the year: read once for the rules below.
        if let Some((ce, is_and)) = self.connector_at(s1) {
            let n = self.next(ce);
            if let Some(y2) = self.year4(n) {
                let ok_conn = if is_and {
                    self.is(p1, "between")
                } else {
                    self.is_any(p1, &["from", "between"]) || is_dash(s1)
                };
                if self.count_noun(self.next(n.e)) {
                    return None;
                }
                if ok_conn && y2 > y && y2 - y <= 100 && y2 <= 2100 && !self.continues_number(n) {
                    return self.year_range(t.s, n.e, y, y2);
                }
            }
        }
        let s = self.year_context(t, p1, s1)?;
        found(
            s,
            t.e,
            date_expr(Dm {
                y: Some(y),
                ..Dm::default()
            }),
            "year",
        )
    }

    fn year_range(&self, s: usize, e: usize, y1: i32, y2: i32) -> Option<Found> {
        let a = Dm {
            y: Some(y1),
            ..Dm::default()
        };
        let b = Dm {
            y: Some(y2),
            ..Dm::default()
        };
        found(s, e, Expr::Range { a, b }, "range_years")
    }

    /// Whether a bare four-digit number (1900-2100) is a year here; returns the mention
    /// start (earlier for `mid-2021`, `early 2021`). `p1` and `n1` are the tokens before
    /// and after it.
    fn year_context(&self, t: Tok, p1: Tok, n1: Tok) -> Option<usize> {
        if self.continues_number_with(t, n1) || self.count_noun(n1) {
            return None;
        }
        if n1.s == t.e && matches!(n1.k, K::P('%' | '$' | '€' | '£')) {
            return None;
        }
        if is_dash(n1) && n1.s == t.e && self.next(n1.e).k == K::Word {
            return None;
        }
        if n1.k == K::Word && n1.s == t.e {
            return None;
        }
        // 2021's
        if is_apostrophe(n1)
            && n1.s == t.e
            && self.is(self.next(n1.e), "s")
            && !self.glued_before(t)
        {
            return Some(t.s);
        }
        if p1.k == K::End && p1.s == self.lo && self.after_year {
            return None;
        }
        if self.is_any(p1, &["early", "late"]) {
            return Some(p1.s);
        }
        if self.is_any(p1, &["mid", "end"]) {
            return Some(p1.s);
        }
        if is_dash(p1) && p1.e == t.s {
            let p2 = self.prev(p1.s);
            if self.is_any(p2, &["mid", "end", "early", "late"]) && p2.e == p1.s {
                return Some(p2.s);
            }
            return None;
        }
        if self.has(p1, F_YEAR_PREP) {
            return Some(t.s);
        }
        if self.has(p1, F_YEAR_DET) {
            return (n1.k == K::Word).then_some(t.s);
        }
        if p1.k == K::P('(') && n1.k == K::P(')') {
            return Some(t.s);
        }
        if p1.k == K::P(',') || self.is_any(p1, &["and", "or"]) {
            // `in 2020 and 2021`, `in 2019, 2020 and 2021`
            return (self.after_year && self.continues_list(p1)).then_some(t.s);
        }
        let sentence_start = p1.k == K::End || matches!(p1.k, K::P('.' | '!' | '?' | '"' | '“'));
        if sentence_start
            && self.is_any(
                n1,
                &[
                    "was", "is", "will", "saw", "has", "had", "marked", "brought", "began", "ended",
                ],
            )
        {
            return Some(t.s);
        }
        None
    }

    /// `on the 9th`: an ordinal after `the` and a preposition, not followed by a noun.
    fn day_of_month(&self, t: Tok, v: u32) -> Option<Found> {
        if !(1..=31).contains(&v) {
            return None;
        }
        let p1 = self.prev(t.s);
        if !self.is(p1, "the") {
            return None;
        }
        let p2 = self.prev(p1.s);
        if !self.is_any(
            p2,
            &[
                "on", "by", "until", "till", "since", "from", "before", "after",
            ],
        ) && !self.continues_list(p2)
        {
            return None;
        }
        let n = self.next(t.e);
        match n.k {
            K::Word if !self.is_any(n, &["and", "or", "to"]) => return None,
            K::Num(..) | K::Ord(..) | K::Decade(..) => return None,
            _ => {}
        }
        found(p1.s, t.e, Expr::DayOfMonth(v as u8), "day_of_month")
    }

    // ------------------------------------------------------------- weekday anchors

    fn weekday_rule(&self, t: Tok, wd: u8, ab: bool) -> Option<Found> {
        if !self.cap(t) {
            return None;
        }
        let p1 = self.prev(t.s);
        if self.has(p1, F_WEEKDAY_NAME) && (self.cap(p1) || self.is(p1, "the")) {
            // `Good Friday`, `The Sunday Times`; `the Tuesday meeting` stays a date.
            if !self.is(p1, "the") || self.next(t.e).k == K::Word && self.cap(self.next(t.e)) {
                return None;
            }
        }
        // Weekday and date: `Friday, April 9`, `Fri 9 Apr 2021`, `Friday (April 9)`.
        let q = self.after_abbrev(t, ab);
        let mut n = self.next(q);
        let paren = n.k == K::P('(');
        if n.k == K::P(',') || paren {
            n = self.next(n.e);
        }
        if let Some(mut f) = self.date_or_range(n, false) {
            let with_day = match f.expr {
                Expr::Date { dm, .. } => dm.d.is_some(),
                Expr::Range { a, .. } => a.d.is_some(),
                _ => false,
            };
            if with_day {
                if let Expr::Date { dm, sel, .. } = f.expr {
                    f.expr = Expr::Date {
                        dm,
                        wd: Some(wd),
                        sel,
                    };
                    f.rule = "weekday_date";
                }
                f.s = t.s;
                if paren {
                    let c = self.next(f.e);
                    if c.k == K::P(')') {
                        f.e = c.e;
                    }
                }
                return Some(f);
            }
        }
        if ab {
            return None;
        }
        // Mode from the word before.
        let (mode, start) = if self.is(p1, "last") {
            (WdMode::Last, p1.s)
        } else if self.is(p1, "next") {
            (WdMode::Next, p1.s)
        } else if self.is(p1, "coming") {
            let p2 = self.prev(p1.s);
            if self.is(p2, "this") {
                (WdMode::Coming, p2.s)
            } else {
                (WdMode::Coming, p1.s)
            }
        } else if self.is(p1, "this") {
            (WdMode::Bare, p1.s)
        } else {
            (WdMode::Bare, t.s)
        };
        // `from Monday to Wednesday`, `Monday-Wednesday`.
        if let Some((ce, is_and)) = self.connector(t.e) {
            let n2 = self.next(ce);
            if let Some((wd2, false)) = self.weekday(n2) {
                if wd2 != wd && (!is_and || self.is(p1, "between")) {
                    return found(
                        start,
                        n2.e,
                        Expr::WeekdayRange {
                            a: wd,
                            b: wd2,
                            mode,
                        },
                        "range_weekdays",
                    );
                }
            }
        }
        let n = self.next(t.e);
        // `The Sunday Times`-like names: a capitalised word after a bare weekday that has
        // no preposition before it.
        let prep = self.is_any(
            p1,
            &[
                "on", "by", "until", "till", "since", "from", "before", "after", "last", "next",
                "this", "coming", "late", "early", "and", "or", "through", "to",
            ],
        );
        if n.k == K::Word && self.cap(n) && !prep && self.lex(n) != Some(Lex::DayPart) {
            return None;
        }
        let e = if self.lex(n) == Some(Lex::DayPart) {
            n.e
        } else {
            t.e
        };
        found(start, e, Expr::Weekday { wd, mode }, "relative_weekday")
    }

    // ------------------------------------------------------------- relative words

    fn today_rule(&self, t: Tok, lex: Lex) -> Option<Found> {
        let p1 = self.prev(t.s);
        if self.cap(t)
            && p1.k == K::Word
            && self.cap(p1)
            && matches!(lex, Lex::Today | Lex::Tonight)
        {
            // `USA Today`, `India Today`, `The Tonight Show`
            return None;
        }
        let (off, rule) = match lex {
            Lex::Today => (0, "today"),
            Lex::Tonight => (0, "tonight"),
            Lex::Yesterday => (-1, "yesterday"),
            _ => (1, "tomorrow"),
        };
        let n = self.next(t.e);
        let e = if lex != Lex::Tonight && lex != Lex::Today && self.lex(n) == Some(Lex::DayPart) {
            n.e
        } else {
            t.e
        };
        found(t.s, e, Expr::DocOffset(off), rule)
    }

    fn daypart_rule(&self, t: Tok) -> Option<Found> {
        let p1 = self.prev(t.s);
        if self.is(p1, "this") {
            let p2 = self.prev(p1.s);
            if self.is_any(p2, &["the", "all"]) {
                return None;
            }
            return found(p1.s, t.e, Expr::DocOffset(0), "this_daypart");
        }
        if self.is(p1, "last") && self.is(t, "night") {
            let p2 = self.prev(p1.s);
            if self.is_any(p2, &["the", "a"]) {
                return None;
            }
            return found(p1.s, t.e, Expr::DocOffset(-1), "last_night");
        }
        None
    }

    fn number_before(&self, p: Tok) -> Option<i64> {
        match p.k {
            K::Num(v, 1..=3) if v > 0 => Some(i64::from(v)),
            K::Word => number_word(self.s(p)),
            _ => None,
        }
    }

    /// A token that ends a clause: punctuation (not a hyphen), a line end, `and`, `when`.
    fn clause_end(&self, t: Tok) -> bool {
        match t.k {
            K::End => true,
            K::P(c) => !matches!(c, '-' | '‐' | '‑'),
            K::Word => self.is_any(t, &["and", "when", "as", "but", "while", "in", "at", "on"]),
            _ => false,
        }
    }

    fn unit_rule(&self, t: Tok, unit: Unit, plural: bool) -> Option<Found> {
        let p1 = self.prev(t.s);
        let n1 = self.next(t.e);
        if unit == Unit::Day && !plural {
            let p2 = self.prev(p1.s);
            if self.is(p1, "the") {
                let n2 = self.next(n1.e);
                if self.is(n1, "before") && self.is(n2, "yesterday") {
                    return found(p1.s, n2.e, Expr::DocOffset(-2), "relative_day");
                }
                if self.is(n1, "after") && self.is(n2, "tomorrow") {
                    return found(p1.s, n2.e, Expr::DocOffset(2), "relative_day");
                }
                if self.is_any(n1, &["before", "after"]) && self.clause_end(n2) {
                    let n = if self.is(n1, "before") { -1 } else { 1 };
                    return found(p1.s, n1.e, Expr::Anaphor { n, unit }, "anaphoric");
                }
                return None;
            }
            if self.is(p2, "the") {
                let n = if self.is_any(p1, &["next", "following"]) {
                    Some(1)
                } else if self.is(p1, "previous") {
                    Some(-1)
                } else if self.is(p1, "same") {
                    Some(0)
                } else {
                    None
                };
                if let Some(n) = n {
                    return found(p2.s, t.e, Expr::Anaphor { n, unit }, "anaphoric");
                }
            }
            if self.is(p1, "same") && self.is(p2, "that") {
                return found(p2.s, t.e, Expr::Anaphor { n: 0, unit }, "anaphoric");
            }
        }
        if !plural && unit != Unit::Day && unit != Unit::Fortnight {
            let off = if self.is_any(p1, &["this", "current"]) {
                Some(0)
            } else if self.is(p1, "last") {
                Some(-1)
            } else if self.is(p1, "next") {
                Some(1)
            } else if self.is(p1, "past")
                && matches!(unit, Unit::Week | Unit::Weekend)
                && self.is(self.prev(p1.s), "this")
            {
                Some(-1)
            } else {
                None
            };
            if let Some(off) = off {
                let mut p1 = p1;
                if self.is(p1, "past") {
                    p1 = self.prev(p1.s);
                }
                let p2 = self.prev(p1.s);
                if self.is_any(
                    p2,
                    &["the", "a", "an", "over", "within", "for", "every", "each"],
                ) {
                    // `the last week`, `over the next month`: a duration
                    return None;
                }
                let mut start = p1.s;
                if self.is_any(p2, &["earlier", "later", "early", "late", "mid"]) {
                    start = p2.s;
                } else if is_dash(p2) && p2.e == p1.s {
                    let p3 = self.prev(p2.s);
                    if self.is(p3, "mid") && p3.e == p2.s {
                        start = p3.s;
                    }
                }
                let (expr, rule) = match unit {
                    Unit::Week => (Expr::Week(off), "relative_week"),
                    Unit::Weekend => (Expr::Weekend(Some(off)), "relative_weekend"),
                    Unit::Month => (Expr::MonthOff(off), "relative_month"),
                    _ => (Expr::YearOff(off as i32), "relative_year"),
                };
                return found(start, t.e, expr, rule);
            }
            if unit == Unit::Weekend && self.is(p1, "the") {
                let p2 = self.prev(p1.s);
                if self.is_any(p2, &["over", "at", "on", "during", "this"]) {
                    return found(p1.s, t.e, Expr::Weekend(None), "relative_weekend");
                }
            }
        }
        // `two days ago`, `a week later`, `three days earlier`, `in two days`
        let n = self.number_before(p1)?;
        if plural != (n != 1) {
            return None;
        }
        if self.is(n1, "ago") {
            if unit == Unit::Weekend {
                return None;
            }
            return found(p1.s, n1.e, Expr::Ago { n, unit }, "ago");
        }
        if self.is_any(n1, &["later", "earlier", "afterwards", "afterward"])
            || self.is_any(n1, &["before", "after"]) && self.clause_end(self.next(n1.e))
        {
            if unit == Unit::Weekend {
                return None;
            }
            let sign = if self.is_any(n1, &["earlier", "before"]) {
                -1
            } else {
                1
            };
            return found(p1.s, n1.e, Expr::Anaphor { n: sign * n, unit }, "anaphoric");
        }
        if self.is(n1, "from") && self.is(self.next(n1.e), "now") && unit == Unit::Day {
            let e = self.next(n1.e).e;
            return found(p1.s, e, Expr::DocOffset(n), "in_n_days");
        }
        let p2 = self.prev(p1.s);
        if unit == Unit::Day
            && n > 1
            && self.is(p2, "in")
            && !self.is(n1, "of")
            && (self.clause_end(n1) && !is_apostrophe(n1)
                || is_apostrophe(n1) && self.is(self.next(n1.e), "time"))
        {
            return found(p1.s, t.e, Expr::InDays(n), "in_n_days");
        }
        None
    }

    /// Dispatch on an anchor at `pos`.
    fn rule_at(&self, pos: usize, lex: Option<Lex>) -> Option<Found> {
        let t = self.lex_at(pos);
        match lex {
            None => self.num_rule(t),
            Some(Lex::Month(m, ab)) => self.month_rule(t, m, ab),
            Some(Lex::Weekday(w, ab)) => self.weekday_rule(t, w, ab),
            Some(Lex::Weekdays) => None,
            Some(l @ (Lex::Today | Lex::Tonight | Lex::Yesterday | Lex::Tomorrow)) => {
                self.today_rule(t, l)
            }
            Some(Lex::DayPart) => self.daypart_rule(t),
            Some(Lex::Unit(u, pl)) => self.unit_rule(t, u, pl),
        }
    }
}

// ===================================================================== tense

/// Abbreviations whose full stop does not end a sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "lt", "col", "adm", "capt", "cmdr",
    "sgt", "maj", "gov", "sen", "rep", "no", "vs", "prof", "rev", "hon", "corp", "inc",
    "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "dept", "fig", "vol", "brig", "cdr", "pres", "amb", "mon",
    "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
];

/// Irregular past forms (and `had`, `did`).
#[rustfmt::skip]
const PAST_WORDS: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "met", "held", "spoke", "made", "took",
    "gave", "went", "came", "saw", "began", "left", "sent", "led", "brought", "bought",
    "thought", "felt", "found", "got", "kept", "lost", "paid", "ran", "sat", "stood",
    "struck", "won", "wrote", "became", "chose", "drew", "drove", "fell", "flew", "fought",
    "grew", "knew", "meant", "rose", "sold", "shook", "shot", "sought", "spent", "stole",
    "taught", "threw", "understood", "wore", "withdrew", "ago", "yesterday", "last",
    "earlier", "previously", "oversaw", "undertook", "overtook", "hosted", "hit", "laid",
    "forgot", "forgave", "arose", "awoke", "bore", "broke", "heard", "hung", "lay", "lit",
    "rode", "rang", "sang", "sank", "slept", "spun", "swore", "swam", "tore", "woke",
    "built", "dealt", "lent", "bent", "caught", "fed", "froze", "hid", "slid", "sprang",
    "stuck", "stung", "swung", "wound", "overran", "overcame", "upheld", "withheld",
    "mistook", "foresaw", "rebuilt", "shone", "strove", "forbade", "dug", "wept", "swept",
];

/// Words that mark the future or an intention.
#[rustfmt::skip]
const FUTURE_WORDS: &[&str] = &[
    "will", "shall", "would", "upcoming", "forthcoming", "scheduled", "slated", "planned",
    "expected", "due", "tomorrow", "next", "may", "might", "should", "intends", "plans",
    "soon", "ahead", "coming",
];

/// Verbs that put an infinitive after them in the future: `agreed to meet`.
#[rustfmt::skip]
const TO_FUTURE: &[&str] = &[
    "agreed", "agree", "agrees", "decided", "decide", "decides", "plan", "plans", "planned",
    "intend", "intends", "intended", "expect", "expects", "expected", "scheduled", "set",
    "due", "promised", "promise", "pledged", "pledge", "vowed", "vow", "hope", "hopes",
    "hoped", "aim", "aims", "aimed", "prepare", "prepares", "prepared", "want", "wants",
    "wanted", "going", "about", "slated", "poised", "ready", "likely", "seeks", "sought",
    "seek", "tasked", "invited", "committed", "looks", "look", "forward",
];

/// Words before `be` that put a participle in the future.
#[rustfmt::skip]
const MODALS: &[&str] = &[
    "will", "would", "shall", "to", "may", "might", "should", "could", "must", "ll", "can",
];

/// Present-tense auxiliaries.
#[rustfmt::skip]
const PRESENT_WORDS: &[&str] = &[
    "is", "are", "am", "has", "have", "does", "do",
];

/// `-ed` words that are not past verbs.
#[rustfmt::skip]
const ED_NOT_PAST: &[&str] = &[
    "hundred", "united", "red", "bed", "shed", "wed", "based", "limited", "related",
    "alleged", "advanced", "detailed", "concerned", "interested", "supposed", "naked",
    "sacred", "beloved", "kindred", "wicked", "rugged", "ragged", "learned", "armed",
    "unprecedented", "sophisticated", "dedicated", "experienced", "qualified", "skilled",
    "talented", "varied", "mixed", "combined", "integrated", "coordinated", "expanded",
    "elected", "unprovoked", "unjustified", "proposed", "extended", "continued", "need",
    "speed", "feed", "seed", "deed", "breed", "indeed", "proceed", "exceed", "succeed",
    "embed", "hatred", "ed", "ted", "fred", "led", "fled", "sled", "bled", "bred",
];

fn is_full_stop(b: &[u8], k: usize) -> bool {
    match b.get(k + 1) {
        None | Some(b' ' | b'\n' | b'\t' | b'\r' | b'"' | b'\'' | b')') => {}
        Some(&c) if c >= 0x80 => {}
        _ => return false,
    }
    let mut j = k;
    while j > 0 && b[j - 1].is_ascii_alphabetic() {
        j -= 1;
    }
    let w = &b[j..k];
    if w.len() == 1 && w[0].is_ascii_uppercase() {
        return false;
    }
    word_info(w).0 & F_ABBREV == 0
}

/// Whether byte `k` ends a sentence (a line break, `!`, `?`, or a full stop).
fn sentence_end(b: &[u8], k: usize) -> bool {
    match b.get(k) {
        Some(b'\n' | b'!' | b'?') => true,
        Some(b'.') => is_full_stop(b, k),
        _ => false,
    }
}

/// The ASCII word ending at or before `pos` (not left of `limit`, not across a sentence
/// end), and the number of `,` `;` `:` `(` `)` between it and `pos`.
fn word_before(b: &[u8], mut pos: usize, limit: usize) -> Option<(usize, usize, usize)> {
    let mut punct = 0;
    while pos > limit && !b[pos - 1].is_ascii_alphabetic() {
        if sentence_end(b, pos - 1) {
            return None;
        }
        punct += usize::from(matches!(b[pos - 1], b',' | b';' | b':' | b'(' | b')'));
        pos -= 1;
    }
    if pos <= limit {
        return None;
    }
    let we = pos;
    while pos > limit && b[pos - 1].is_ascii_alphabetic() {
        pos -= 1;
    }
    Some((pos, we, punct))
}

/// The ASCII word starting at or after `pos` (before `limit`, not across a sentence end).
fn word_after(b: &[u8], mut pos: usize, limit: usize) -> Option<(usize, usize, usize)> {
    let mut punct = 0;
    while pos < limit && !b[pos].is_ascii_alphabetic() {
        if sentence_end(b, pos) {
            return None;
        }
        punct += usize::from(matches!(b[pos], b',' | b';' | b':' | b'(' | b')'));
        pos += 1;
    }
    if pos >= limit {
        return None;
    }
    let ws = pos;
    while pos < limit && b[pos].is_ascii_alphabetic() {
        pos += 1;
    }
    Some((ws, pos, punct))
}

/// The tense a word signals, if any; `lo`/`hi` bound the look at its neighbours.
fn cue_at(b: &[u8], ws: usize, we: usize, lo: usize, hi: usize) -> Option<Tense> {
    let w = b.get(ws..we)?;
    let flags = word_info(w).0;
    let next = || word_after(b, we, hi).and_then(|(a, z, _)| b.get(a..z));
    if w.eq_ignore_ascii_case(b"ll") && ws >= 1 && matches!(b[ws - 1], b'\'' | 0x99) {
        return Some(Tense::Future);
    }
    if w.eq_ignore_ascii_case(b"won") && next() == Some(&b"t"[..]) {
        return Some(Tense::Future);
    }
    if flags & F_TO_FUTURE != 0 && next().is_some_and(|n| n.eq_ignore_ascii_case(b"to")) {
        return Some(Tense::Future);
    }
    if flags & F_FUTURE != 0 && !(w.eq_ignore_ascii_case(b"may") && w[0].is_ascii_uppercase()) {
        return Some(Tense::Future);
    }
    if flags & F_PRESENT != 0 {
        return Some(Tense::Present);
    }
    let regular_past = w.len() >= 4
        && w[w.len() - 2..].eq_ignore_ascii_case(b"ed")
        && w[0].is_ascii_lowercase()
        && flags & F_ED_NOT_PAST == 0
        && !w.ends_with(b"eed");
    if flags & F_PAST != 0 || regular_past {
        // A participle after `be` takes the time of what precedes `be`: `will be held`
        // and `is to be signed` are future.
        let Some((ps, pe, _)) = word_before(b, ws, lo) else {
            return Some(Tense::Past);
        };
        if !b[ps..pe].eq_ignore_ascii_case(b"be") {
            return Some(Tense::Past);
        }
        let aux = word_before(b, ps, lo).map_or(0, |(a, z, _)| word_info(&b[a..z]).0);
        return (aux & F_MODAL != 0).then_some(Tense::Future);
    }
    None
}

/// The tense of the cue word nearest to `s..e` in its sentence. A cue after the date
/// counts three times its distance (the governing verb mostly comes first: `met on
/// Monday`), and each comma, colon or bracket between adds 20 bytes.
fn tense_near(t: &str, s: usize, e: usize) -> Option<Tense> {
    const REACH: usize = 300;
    const WORDS: usize = 16;
    let b = t.as_bytes();
    let lo = s.saturating_sub(REACH);
    let hi = e.saturating_add(REACH).min(b.len());
    let mut best: Option<(usize, Tense)> = None;
    let mut pos = s.min(b.len());
    let mut punct = 0;
    let mut budget = WORDS;
    while let Some((ws, we, p)) = word_before(b, pos, lo) {
        if budget == 0 {
            break;
        }
        budget -= 1;
        punct += p;
        if let Some(c) = cue_at(b, ws, we, lo, hi) {
            best = Some((s - we + punct * 20, c));
            break;
        }
        pos = ws;
    }
    let mut pos = e.min(b.len());
    let mut punct = 0;
    let mut budget = WORDS;
    while let Some((ws, we, p)) = word_after(b, pos, hi) {
        if budget == 0 {
            break;
        }
        budget -= 1;
        punct += p;
        let d = (ws - e) * 3 + punct * 20;
        if best.is_some_and(|(bd, _)| d >= bd) {
            break;
        }
        if let Some(c) = cue_at(b, ws, we, lo, hi) {
            best = Some((d, c));
            break;
        }
        pos = we;
    }
    best.map(|(_, c)| c)
}

// ===================================================================== resolution

/// A resolved point: a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Point {
    Year(i32),
    Month(i32, u8),
    Day(Date),
}

impl Point {
    fn first(self) -> Date {
        match self {
            Point::Year(y) => Date {
                year: y,
                month: 1,
                day: 1,
            },
            Point::Month(y, m) => Date {
                year: y,
                month: m,
                day: 1,
            },
            Point::Day(d) => d,
        }
    }

    fn same_grain(self, o: Point) -> bool {
        matches!(
            (self, o),
            (Point::Year(_), Point::Year(_))
                | (Point::Month(..), Point::Month(..))
                | (Point::Day(_), Point::Day(_))
        )
    }

    fn write(self, out: &mut String) {
        fn two(out: &mut String, v: u8) {
            out.push(char::from(b'0' + v / 10 % 10));
            out.push(char::from(b'0' + v % 10));
        }
        let (y, m, d) = match self {
            Point::Year(y) => (y, None, None),
            Point::Month(y, m) => (y, Some(m), None),
            Point::Day(x) => (x.year, Some(x.month), Some(x.day)),
        };
        if (0..=9999).contains(&y) {
            two(out, (y / 100) as u8);
            two(out, (y % 100) as u8);
        } else {
            out.push_str(&format!("{y:04}"));
        }
        for v in [m, d].into_iter().flatten() {
            out.push('-');
            two(out, v);
        }
    }

    fn from_dm(dm: Dm) -> Option<Point> {
        match (dm.y, dm.m, dm.d) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m, d).map(Point::Day),
            (Some(y), Some(m), None) if (1..=12).contains(&m) => Some(Point::Month(y, m)),
            (Some(y), None, None) => Some(Point::Year(y)),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Val {
    One(Point),
    Two(Point, Point),
}

impl Val {
    fn text(self) -> String {
        let mut out = String::with_capacity(21);
        match self {
            Val::One(p) => p.write(&mut out),
            Val::Two(a, b) => {
                a.write(&mut out);
                out.push('/');
                b.write(&mut out);
            }
        }
        out
    }

    /// The last day-precise date it names (for anaphoric references).
    fn day_ref(self) -> Option<Date> {
        match self {
            Val::One(Point::Day(d)) | Val::Two(_, Point::Day(d)) => Some(d),
            _ => None,
        }
    }
}

enum Res {
    /// Not a date after all (impossible date, empty range).
    Drop,
    Keep(Option<Val>, f32, Option<Tense>),
}

/// Chooses a year for `m` (and `d`) near `doc`: see the module documentation.
fn pick_year(
    doc: Date,
    m: u8,
    d: Option<u8>,
    sel: YearSel,
    tense: Option<Tense>,
    wd: Option<u8>,
) -> Option<(i32, f32)> {
    if let YearSel::Offset(k) = sel {
        let y = doc.year.saturating_add(k);
        if let Some(d) = d {
            Date::new(y, m, d)?;
        }
        return Some((y, 0.9));
    }
    let key = |y: i32| -> Option<i64> {
        match d {
            Some(d) => Date::new(y, m, d).map(|x| x.to_days()),
            None => Some(i64::from(y) * 12 + i64::from(m)),
        }
    };
    let now = match d {
        Some(_) => doc.to_days(),
        None => i64::from(doc.year) * 12 + i64::from(doc.month),
    };
    let mut cands = [(0i32, 0i64); 9];
    let mut nc = 0;
    for k in -4..=4 {
        if let Some(v) = doc.year.checked_add(k).and_then(|y| key(y).map(|v| (y, v))) {
            cands[nc] = v;
            nc += 1;
        }
    }
    let cands = &cands[..nc];
    let past = cands
        .iter()
        .filter(|c| c.1 <= now)
        .max_by_key(|c| c.1)
        .copied();
    let fut = cands
        .iter()
        .filter(|c| c.1 >= now)
        .min_by_key(|c| c.1)
        .copied();
    let strict_past = cands
        .iter()
        .filter(|c| c.1 < now)
        .max_by_key(|c| c.1)
        .copied();
    let strict_fut = cands
        .iter()
        .filter(|c| c.1 > now)
        .min_by_key(|c| c.1)
        .copied();
    let nearest = match (past, fut) {
        (Some(p), Some(f)) => Some(if now - p.1 <= f.1 - now { p } else { f }),
        (p, f) => p.or(f),
    };
    // Present tense (`the next round is in December`) leans to the coming reading: it
    // wins unless it is more than twice as far as the past one.
    let leaning = match (past, fut) {
        (Some(p), Some(f)) => Some(if f.1 - now <= 2 * (now - p.1) { f } else { p }),
        (p, f) => p.or(f),
    };
    let (pick, conf) = match sel {
        YearSel::Prev => (strict_past, 0.85),
        YearSel::Next => (strict_fut, 0.85),
        _ => match tense {
            Some(Tense::Past) => (past, 0.85),
            Some(Tense::Future) => (fut, 0.85),
            Some(Tense::Present) => (leaning, 0.75),
            None => (nearest, 0.75),
        },
    };
    let (y, _) = pick?;
    if let (Some(w), Some(d)) = (wd, d) {
        let matches = |y: i32| Date::new(y, m, d).is_some_and(|x| x.weekday().index() == w);
        if matches(y) {
            return Some((y, 0.9));
        }
        for alt in [past, fut].into_iter().flatten() {
            if matches(alt.0) {
                return Some((alt.0, 0.75));
            }
        }
        return Some((y, 0.5));
    }
    Some((y, conf))
}

/// Offset in days from `doc` to the weekday `wd` in `mode`, by tense.
fn weekday_offset(doc: Date, wd: u8, mode: WdMode, tense: Option<Tense>) -> i64 {
    let cur = i64::from(doc.weekday().index());
    let w = i64::from(wd % 7);
    let back = (cur - w).rem_euclid(7);
    let fwd = (w - cur).rem_euclid(7);
    match mode {
        WdMode::Last => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        WdMode::Next | WdMode::Coming => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        WdMode::Bare => match tense {
            Some(Tense::Future) => fwd,
            Some(Tense::Present) => {
                if back <= fwd {
                    -back
                } else {
                    fwd
                }
            }
            _ => -back,
        },
    }
}

struct Resolver<'a> {
    text: &'a str,
    doc: Option<Date>,
    last_day: Option<Date>,
}

impl Resolver<'_> {
    fn resolve(&self, f: &Found) -> Res {
        let one = |p: Point, c: f32, t: Option<Tense>| Res::Keep(Some(Val::One(p)), c, t);
        let two =
            |a: Point, b: Point, c: f32, t: Option<Tense>| Res::Keep(Some(Val::Two(a, b)), c, t);
        let unresolved = Res::Keep(None, 0.7, None);
        match f.expr {
            Expr::Date { dm, wd, sel } => match (dm.y, dm.m, dm.d) {
                (Some(_), Some(_), Some(_)) => {
                    let Some(Point::Day(date)) = Point::from_dm(dm) else {
                        return Res::Drop;
                    };
                    let conf = match wd {
                        None => 0.95,
                        Some(w) if date.weekday().index() == w => 0.98,
                        Some(_) => 0.5,
                    };
                    one(Point::Day(date), conf, None)
                }
                (Some(_), _, None) => match Point::from_dm(dm) {
                    Some(p @ Point::Month(..)) => one(p, 0.9, None),
                    Some(p) => one(p, 0.85, None),
                    None => Res::Drop,
                },
                (None, Some(m), d) => {
                    let Some(doc) = self.doc else {
                        return unresolved;
                    };
                    let tense = match sel {
                        YearSel::Tense => tense_near(self.text, f.s, f.e),
                        _ => None,
                    };
                    match pick_year(doc, m, d, sel, tense, wd) {
                        Some((y, c)) => match Point::from_dm(Dm {
                            y: Some(y),
                            m: Some(m),
                            d,
                        }) {
                            Some(p) => one(p, c, tense),
                            None => Res::Drop,
                        },
                        None => Res::Drop,
                    }
                }
                _ => Res::Drop,
            },
            Expr::Range { a, b } => self.range(f, a, b),
            Expr::Numeric { .. } => Res::Drop, // resolved by the caller
            Expr::DocOffset(n) => match self.doc {
                Some(doc) => one(Point::Day(doc.add_days(n)), 0.9, None),
                None => unresolved,
            },
            Expr::InDays(n) => {
                let tense = tense_near(self.text, f.s, f.e);
                if tense == Some(Tense::Past) {
                    return Res::Drop;
                }
                match self.doc {
                    Some(doc) => one(Point::Day(doc.add_days(n)), 0.75, tense),
                    None => unresolved,
                }
            }
            Expr::Weekday { wd, mode } => {
                let Some(doc) = self.doc else {
                    return unresolved;
                };
                let tense = if mode == WdMode::Bare {
                    tense_near(self.text, f.s, f.e)
                } else {
                    None
                };
                let off = weekday_offset(doc, wd, mode, tense);
                one(Point::Day(doc.add_days(off)), 0.8, tense)
            }
            Expr::WeekdayRange { a, b, mode } => {
                let Some(doc) = self.doc else {
                    return unresolved;
                };
                let tense = if mode == WdMode::Bare {
                    tense_near(self.text, f.s, f.e)
                } else {
                    None
                };
                let start = doc.add_days(weekday_offset(doc, a, mode, tense));
                let len = (i64::from(b) - i64::from(a)).rem_euclid(7);
                two(
                    Point::Day(start),
                    Point::Day(start.add_days(len)),
                    0.8,
                    tense,
                )
            }
            Expr::Week(k) => {
                let Some(doc) = self.doc else {
                    return unresolved;
                };
                let monday = doc.add_days(-i64::from(doc.weekday().index()) + 7 * k);
                two(
                    Point::Day(monday),
                    Point::Day(monday.add_days(6)),
                    0.85,
                    None,
                )
            }
            Expr::Weekend(k) => {
                let Some(doc) = self.doc else {
                    return unresolved;
                };
                let wdi = i64::from(doc.weekday().index());
                let (k, tense) = match k {
                    Some(k) => (k, None),
                    None => {
                        let t = tense_near(self.text, f.s, f.e);
                        let k = match t {
                            Some(Tense::Future) | Some(Tense::Present) => 0,
                            _ if wdi >= 5 => 0,
                            _ => -1,
                        };
                        (k, t)
                    }
                };
                let sat = doc.add_days(-wdi + 5 + 7 * k);
                two(Point::Day(sat), Point::Day(sat.add_days(1)), 0.8, tense)
            }
            Expr::MonthOff(k) => match self.doc {
                Some(doc) => {
                    let (y, m) = month_add(doc.year, doc.month, k);
                    one(Point::Month(y, m), 0.85, None)
                }
                None => unresolved,
            },
            Expr::YearOff(k) => match self.doc {
                Some(doc) => one(Point::Year(doc.year.saturating_add(k)), 0.85, None),
                None => unresolved,
            },
            Expr::Ago { n, unit } => match self.doc {
                Some(doc) => one(shift(doc, -n, unit), 0.8, Some(Tense::Past)),
                None => unresolved,
            },
            Expr::Anaphor { n, unit } => match self.last_day {
                Some(r) => one(shift(r, n, unit), 0.6, None),
                None => Res::Keep(None, 0.5, None),
            },
            Expr::DayOfMonth(d) => {
                let Some(doc) = self.doc else {
                    return unresolved;
                };
                let tense = tense_near(self.text, f.s, f.e);
                let now = doc.to_days();
                let cands: [Option<Date>; 3] = [-1, 0, 1].map(|k| {
                    let (y, m) = month_add(doc.year, doc.month, k);
                    Date::new(y, m, d)
                });
                let cands = cands.iter().flatten();
                let past = cands.clone().filter(|c| c.to_days() <= now).max().copied();
                let fut = cands.filter(|c| c.to_days() >= now).min().copied();
                let pick = match tense {
                    Some(Tense::Past) => past.or(fut),
                    Some(Tense::Future) => fut.or(past),
                    _ => match (past, fut) {
                        (Some(p), Some(f)) => Some(if now - p.to_days() <= f.to_days() - now {
                            p
                        } else {
                            f
                        }),
                        (p, f) => p.or(f),
                    },
                };
                match pick {
                    Some(p) => one(Point::Day(p), 0.7, tense),
                    None => Res::Drop,
                }
            }
        }
    }

    fn range(&self, f: &Found, mut a: Dm, mut b: Dm) -> Res {
        let order = |x: &Dm| (x.m.unwrap_or(0), x.d.unwrap_or(0));
        a.m = a.m.or(b.m);
        b.m = b.m.or(a.m);
        if a.y.is_none() {
            if let Some(y) = b.y {
                a.y = Some(if order(&a) > order(&b) { y - 1 } else { y });
            }
        }
        if b.y.is_none() {
            if let Some(y) = a.y {
                b.y = Some(if order(&a) > order(&b) { y + 1 } else { y });
            }
        }
        let mut tense = None;
        if a.y.is_none() {
            let Some(doc) = self.doc else {
                return Res::Keep(None, 0.7, None);
            };
            let Some(m) = a.m else {
                return Res::Drop;
            };
            tense = tense_near(self.text, f.s, f.e);
            if tense == Some(Tense::Future) {
                // A coming range may have begun already: its end must not be past.
                let Some(bm) = b.m else {
                    return Res::Drop;
                };
                let Some((y, _)) = pick_year(doc, bm, b.d, YearSel::Tense, tense, None) else {
                    return Res::Drop;
                };
                b.y = Some(y);
                a.y = Some(if order(&a) > order(&b) { y - 1 } else { y });
            } else {
                let Some((y, _)) = pick_year(doc, m, a.d, YearSel::Tense, tense, None) else {
                    return Res::Drop;
                };
                a.y = Some(y);
                b.y = Some(if order(&a) > order(&b) { y + 1 } else { y });
            }
        }
        match (Point::from_dm(a), Point::from_dm(b)) {
            (Some(pa), Some(pb)) if pa.same_grain(pb) && pa.first() < pb.first() => {
                let conf = if tense.is_some() || a.y.is_some() {
                    0.9
                } else {
                    0.8
                };
                Res::Keep(Some(Val::Two(pa, pb)), conf, tense)
            }
            _ => Res::Drop,
        }
    }
}

/// `d` moved by `n` units, at the unit's precision.
fn shift(d: Date, n: i64, unit: Unit) -> Point {
    match unit {
        Unit::Day => Point::Day(d.add_days(n)),
        Unit::Week | Unit::Weekend => Point::Day(d.add_days(7 * n)),
        Unit::Fortnight => Point::Day(d.add_days(14 * n)),
        Unit::Month => {
            let (y, m) = month_add(d.year, d.month, n);
            Point::Month(y, m)
        }
        Unit::Year => Point::Year(d.year.saturating_add(n.clamp(-100_000, 100_000) as i32)),
    }
}

// ===================================================================== finder

/// The anchor words, hashed: lower-case ASCII packed into a `u128`, open addressing.
#[derive(Clone, Debug)]
struct AnchorTable {
    slots: Vec<(u128, Lex)>,
    mask: usize,
    /// `prefix[len][first letter]` has a bit per second letter of some anchor word.
    prefix: [[u32; 26]; 11],
    /// `infix[len][second letter]` has a bit per third letter of some anchor word (every
    /// bit for words of two letters): with `prefix`, it turns away "the", which "thu" and
    /// "tue" would let through alone.
    infix: [[u32; 26]; 11],
}

/// Packs a word of 1-16 ASCII letters, lower-cased, into a `u128` (0 otherwise).
fn pack(w: &[u8]) -> u128 {
    if w.is_empty() || w.len() > 16 {
        return 0;
    }
    let mut k: u128 = 0;
    for &c in w {
        if !c.is_ascii_alphabetic() {
            return 0;
        }
        k = (k << 8) | u128::from(c | 0x20);
    }
    k
}

fn slot_of(k: u128, mask: usize) -> usize {
    let h = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

impl AnchorTable {
    fn new() -> AnchorTable {
        let size = (LEXICON.len() * 4).next_power_of_two();
        let mask = size - 1;
        let mut slots = vec![(0u128, Lex::Weekdays); size];
        let mut prefix = [[0u32; 26]; 11];
        let mut infix = [[0u32; 26]; 11];
        for &(w, l) in LEXICON {
            let wb = w.as_bytes();
            if let (Some(row), [c0, c1, ..]) = (prefix.get_mut(wb.len()), wb) {
                row[usize::from((c0 - b'a') % 26)] |= 1 << ((c1 - b'a') % 26);
            }
            if let Some(row) = infix.get_mut(wb.len()) {
                match wb {
                    [_, c1, c2, ..] => {
                        row[usize::from((c1 - b'a') % 26)] |= 1 << ((c2 - b'a') % 26)
                    }
                    [_, c1] => row[usize::from((c1 - b'a') % 26)] = u32::MAX,
                    _ => {}
                }
            }
            let k = pack(w.as_bytes());
            let mut i = slot_of(k, mask);
            while slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (k, l);
        }
        AnchorTable {
            slots,
            mask,
            prefix,
            infix,
        }
    }

    fn get(&self, w: &[u8]) -> Option<Lex> {
        let [c0, c1, ..] = *w else {
            return None;
        };
        let (c0, c1) = (
            (c0 | 0x20).wrapping_sub(b'a'),
            (c1 | 0x20).wrapping_sub(b'a'),
        );
        if c0 >= 26 || c1 >= 26 {
            return None;
        }
        let row = self.prefix.get(w.len())?;
        if row[usize::from(c0)] & (1 << c1) == 0 {
            return None;
        }
        let c2 = w.get(2).map_or(0, |&c| (c | 0x20).wrapping_sub(b'a'));
        if c2 >= 26 || self.infix[w.len()][usize::from(c1)] & (1 << c2) == 0 {
            return None;
        }
        let k = pack(w);
        if k == 0 {
            return None;
        }
        let mut i = slot_of(k, self.mask);
        loop {
            let (key, lex) = *self.slots.get(i)?;
            if key == k {
                return Some(lex);
            }
            if key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Byte classes of the scan: 0 other ASCII, 1 ASCII letter, 2 digit, 3 non-ASCII.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            3
        } else if c.is_ascii_alphabetic() {
            1
        } else if c.is_ascii_digit() {
            2
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Whether the scan looks at a token of this shape and word class. Punctuation has no
/// letter or digit, so no word of the scan starts in it; a word of letters alone that is
/// no anchor word holds no anchor either (where a mention ends inside it, the rest of it
/// follows a letter). The class bit says whether the key (the word in lower case) is an
/// anchor word at all; the anchor table then says which.
fn scanned(t: &Token, class: u8) -> bool {
    // Bitwise, not short-circuit: one branch for the common case.
    let anchor_word = class & class::DATE_ANCHOR != 0;
    let letters_only = t.shape.contains(Shape::ASCII_WORD) & !t.shape.contains(Shape::DIGIT);
    !(t.shape.contains(Shape::PUNCT) | (letters_only & !anchor_word))
}

/// The first token at or after `i` that the scan looks at ([`scanned`]).
fn next_scanned(tokens: &[Token], classes: &[u8], i: usize) -> Option<usize> {
    // A loop of its own: kept apart from the scan's state, it compiles to a few
    // instructions a token (unrolling by four cost more).
    let k = tokens
        .get(i..)?
        .iter()
        .zip(classes.get(i..)?)
        .position(|(t, &class)| scanned(t, class))?;
    Some(i + k)
}

/// Finds and resolves dates. Built once (the anchor table is made in
/// [`DateFinder::new`]), `Send + Sync`, shared across threads.
#[derive(Clone, Debug)]
pub struct DateFinder {
    anchors: AnchorTable,
    order: NumericOrder,
}

impl Default for DateFinder {
    fn default() -> DateFinder {
        DateFinder::new()
    }
}

/// An all-numeric date waiting for the document's numeric order.
struct PendingNumeric {
    index: usize,
    p1: u8,
    p2: u8,
    y: i32,
    dot: bool,
}

/// State of one scan.
struct Run<'a> {
    text: &'a str,
    out: Vec<DateMention>,
    pending: Vec<PendingNumeric>,
    last_end: usize,
    last_was_year: bool,
    last_was_month: bool,
    res: Resolver<'a>,
    /// Unambiguous numeric dates read day-first / month-first.
    ev_day_first: u32,
    ev_month_first: u32,
    /// Written dates in `April 9` / `9 April` style.
    style_md: u32,
    style_dm: u32,
}

impl<'a> Run<'a> {
    fn new(text: &'a str, doc: Option<Date>) -> Run<'a> {
        Run {
            text,
            out: Vec::new(),
            pending: Vec::new(),
            last_end: 0,
            last_was_year: false,
            last_was_month: false,
            res: Resolver {
                text,
                doc,
                last_day: None,
            },
            ev_day_first: 0,
            ev_month_first: 0,
            style_md: 0,
            style_dm: 0,
        }
    }

    fn push(&mut self, f: Found) {
        if f.s < self.last_end || f.e <= f.s {
            return;
        }
        let span = Span {
            start: f.s,
            end: f.e,
        };
        if let Expr::Numeric {
            p1,
            p2,
            y,
            dot,
            short,
        } = f.expr
        {
            let df = Date::new(y, p2, p1);
            let mf = Date::new(y, p1, p2);
            let base = if short { 0.8 } else { 0.9 };
            let (date, conf) = match (df, mf) {
                (Some(a), Some(b)) if a == b => (Some(a), base),
                (Some(a), None) => {
                    self.ev_day_first += 1;
                    (Some(a), base)
                }
                (None, Some(b)) => {
                    self.ev_month_first += 1;
                    (Some(b), base)
                }
                (Some(_), Some(_)) => {
                    self.pending.push(PendingNumeric {
                        index: self.out.len(),
                        p1,
                        p2,
                        y,
                        dot,
                    });
                    (None, 0.6)
                }
                (None, None) => return,
            };
            if let Some(d) = date {
                self.res.last_day = Some(d);
            }
            self.out.push(DateMention {
                span,
                value: date.map(|d| Val::One(Point::Day(d)).text()),
                rule: f.rule,
                confidence: conf,
                tense: None,
            });
            self.last_end = f.e;
            self.last_was_year = false;
            self.last_was_month = false;
            return;
        }
        match self.res.resolve(&f) {
            Res::Drop => {}
            Res::Keep(val, conf, tense) => {
                match f.style {
                    Some(Style::MonthDay) => self.style_md += 1,
                    Some(Style::DayMonth) => self.style_dm += 1,
                    _ => {}
                }
                if let Some(d) = val.and_then(Val::day_ref) {
                    self.res.last_day = Some(d);
                }
                self.last_was_year = matches!(f.rule, "year" | "range_years" | "decade");
                self.last_was_month = f.rule == "month";
                self.last_end = f.e;
                self.out.push(DateMention {
                    span,
                    value: val.map(Val::text),
                    rule: f.rule,
                    confidence: conf,
                    tense,
                });
            }
        }
    }

    /// The numeric order to apply to ambiguous numeric dates (`dot`: written with dots).
    fn decide(&self, order: NumericOrder, dot: bool) -> (NumericOrder, f32) {
        match order {
            NumericOrder::Auto => {
                let o = if self.ev_day_first != self.ev_month_first {
                    if self.ev_day_first > self.ev_month_first {
                        NumericOrder::DayFirst
                    } else {
                        NumericOrder::MonthFirst
                    }
                } else if self.style_dm != self.style_md {
                    if self.style_dm > self.style_md {
                        NumericOrder::DayFirst
                    } else {
                        NumericOrder::MonthFirst
                    }
                } else if dot {
                    NumericOrder::DayFirst
                } else {
                    NumericOrder::MonthFirst
                };
                (o, 0.6)
            }
            o => (o, 0.7),
        }
    }

    fn finish(mut self, order: NumericOrder) -> Vec<DateMention> {
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            let (o, conf) = self.decide(order, p.dot);
            let d = if o == NumericOrder::DayFirst {
                Date::new(p.y, p.p2, p.p1)
            } else {
                Date::new(p.y, p.p1, p.p2)
            };
            if let Some(m) = self.out.get_mut(p.index) {
                m.value = d.map(|d| d.to_string());
                m.confidence = conf;
            }
        }
        self.out
    }
}

impl DateFinder {
    /// Builds the finder (a hashed table of about 70 anchor words: microseconds).
    pub fn new() -> DateFinder {
        // The word lists are sorted once, here, not in the first document's scan.
        word_table();
        DateFinder {
            anchors: AnchorTable::new(),
            order: NumericOrder::Auto,
        }
    }

    /// The same finder with another policy for all-numeric dates.
    pub fn with_numeric_order(mut self, o: NumericOrder) -> DateFinder {
        self.order = o;
        self
    }

    /// The policy for all-numeric dates.
    pub fn numeric_order(&self) -> NumericOrder {
        self.order
    }

    /// Every date expression, resolved against `document_date` when given. Never panics;
    /// spans lie on char boundaries, sorted by start, never overlapping (a range is one
    /// mention). A `date YYYY-MM-DD` header line near the top is skipped.
    pub fn find(&self, text: &str, document_date: Option<Date>) -> Vec<DateMention> {
        let mut run = Run::new(text, document_date);
        run.out.reserve(text.len() / 500 + 4);
        self.scan(&mut run);
        run.finish(self.order)
    }

    /// [`DateFinder::find`] with the text's tokens (from [`crate::text::tokenize`]) at
    /// hand: a token of ASCII letters and digits alone ([`Shape::ASCII_WORD`], most of
    /// them) is a word of the scan as it stands, so only the other tokens' bytes are read.
    /// The result is the same as `find`'s.
    pub(crate) fn find_in_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        classes: &[u8],
        document_date: Option<Date>,
    ) -> Vec<DateMention> {
        let mut run = Run::new(text, document_date);
        run.out.reserve(text.len() / 500 + 4);
        let skip = header_date(text).map(|(_, s)| s);
        let sc0 = Sc::new(text, 0);
        let b = text.as_bytes();
        // Bytes before `done` are scanned.
        let mut done = 0;
        // Most tokens are turned away by their shape and class byte alone, before their
        // span is read.
        let padded: Vec<u8>;
        let classes = if classes.len() >= tokens.len() {
            classes
        } else {
            padded = classes
                .iter()
                .copied()
                .chain(std::iter::repeat(0))
                .take(tokens.len())
                .collect();
            &padded
        };
        let classes = &classes[..tokens.len()];
        let mut next = 0;
        // A tight loop to the next token the scan looks at, apart from the rest.
        while let Some(i) = next_scanned(tokens, classes, next) {
            next = i + 1;
            let (t, class) = (&tokens[i], classes[i]);
            let anchor_word = class & class::DATE_ANCHOR != 0;
            let (start, end) = (t.span.start, t.span.end);
            if end <= done || end > b.len() {
                continue;
            }
            let whole_word = start >= done
                && t.shape.contains(Shape::ASCII_WORD)
                && !b.get(end).is_some_and(u8::is_ascii_alphanumeric);
            if !whole_word {
                done = self.scan_bytes(&mut run, skip, start.max(done), end);
                continue;
            }
            // The word's end, with any letters of other scripts glued to it.
            let word_end = if b.get(end).is_some_and(|&c| c >= 0x80) {
                sc0.alnum_end(end)
            } else {
                end
            };
            done = word_end;
            if start > 0 && !t.space_before && is_word_char(sc0.ch_before(start).0) {
                continue;
            }
            let lex = if b[start].is_ascii_digit() {
                // A number of 3 or 5+ digits alone anchors no rule: only days (1-2 digits),
                // years (4), ordinals and decades (with letters) do.
                if !t.shape.contains(Shape::ALPHA)
                    && word_end == end
                    && !matches!(end - start, 1 | 2 | 4)
                {
                    continue;
                }
                None
            } else {
                if !anchor_word {
                    continue;
                }
                match self.anchors.get(&b[start..end]) {
                    Some(l) if word_end == end => Some(l),
                    _ => continue,
                }
            };
            self.anchor(&mut run, &sc0, skip, start, lex);
            done = done.max(run.last_end);
        }
        run.finish(self.order)
    }

    fn scan(&self, run: &mut Run<'_>) {
        let skip = header_date(run.text).map(|(_, s)| s);
        self.scan_bytes(run, skip, 0, run.text.len());
    }

    /// The scan of bytes `from..to`; returns where it stopped: `to`, or further when a word
    /// or a mention runs past it.
    fn scan_bytes(&self, run: &mut Run<'_>, skip: Option<Span>, from: usize, to: usize) -> usize {
        let text = run.text;
        let sc0 = Sc::new(text, 0);
        let b = text.as_bytes();
        let n = b.len();
        let to = to.min(n);
        // One pass over the bytes. At each word start (an ASCII letter or digit after
        // something that is not a letter or digit) the word is an anchor if it is a
        // digit run or one of the lexicon's words.
        let mut i = from;
        let mut prev_alnum = i > 0 && i <= n && is_word_char(sc0.ch_before(i).0);
        while i < to {
            let gap = b[i..to]
                .iter()
                .position(|&c| CLASS[usize::from(c)] != 0)
                .unwrap_or(to - i);
            if gap > 0 {
                prev_alnum = false;
                i += gap;
                if i >= to {
                    break;
                }
            }
            let class = CLASS[usize::from(b[i])];
            if class == 3 {
                let (c, l) = sc0.ch_at(i);
                prev_alnum = is_word_char(c);
                i += l;
                continue;
            }
            let start = i;
            let j = start
                + b[start..]
                    .iter()
                    .position(|&c| !matches!(CLASS[usize::from(c)], 1 | 2))
                    .unwrap_or(n - start);
            let end = if j < n && b[j] >= 0x80 {
                sc0.alnum_end(j)
            } else {
                j
            };
            i = end;
            if prev_alnum {
                continue;
            }
            prev_alnum = true;
            let lex = if class == 2 {
                None
            } else {
                match self.anchors.get(&b[start..j]) {
                    Some(l) if end == j => Some(l),
                    _ => continue,
                }
            };
            self.anchor(run, &sc0, skip, start, lex);
            if run.last_end > i {
                i = run.last_end;
                prev_alnum = i > 0 && is_word_char(sc0.ch_before(i).0);
            }
        }
        i
    }

    /// Reads the date expression that the anchor word at `start` may begin (`lex`: its
    /// lexicon entry, `None` for a number), unless it lies in the skipped header date.
    fn anchor(
        &self,
        run: &mut Run<'_>,
        sc0: &Sc<'_>,
        skip: Option<Span>,
        start: usize,
        lex: Option<Lex>,
    ) {
        if skip.is_some_and(|k| start >= k.start && start < k.end) {
            return;
        }
        let mut lo = run.last_end;
        if let Some(k) = skip {
            if k.end <= start {
                lo = lo.max(k.end);
            }
        }
        let sc = Sc {
            lo,
            after_year: run.last_was_year && lo == run.last_end,
            after_month: run.last_was_month && lo == run.last_end,
            ..*sc0
        };
        if let Some(f) = sc.rule_at(start, lex) {
            run.push(f);
        }
    }

    /// The numeric order [`NumericOrder::Auto`] settles on for this text.
    fn auto_order(&self, text: &str, dot: bool) -> NumericOrder {
        let mut run = Run::new(text, None);
        self.scan(&mut run);
        run.decide(NumericOrder::Auto, dot).0
    }

    /// The publication date from the text itself, and the span of the expression it came
    /// from. Sources, in this order:
    ///
    /// 1. a `date YYYY-MM-DD` header line among the first ten lines (leading spaces and
    ///    trailing text allowed: ` date 2021-04-09 Some Site: headline`);
    /// 2. a `Published:` / `Posted:` / `Publication date:` / `Dated:` line;
    /// 3. a dateline near the top: `NEW DELHI, April 9 (Reuters) -`,
    ///    `WASHINGTON, April 9, 2021 --` (a dateline without a year takes the latest year
    ///    of the text's full dates, and is ignored when there is none);
    /// 4. a full date alone on a line among the first 15 lines, possibly with a weekday
    ///    and a time (`Friday, 9 April 2021 10:30 IST`);
    /// 5. an `Updated:` / `Last updated:` line.
    pub fn document_date(&self, text: &str) -> Option<(Date, Span)> {
        if let Some(x) = header_date(text) {
            return Some(x);
        }
        const PUBLISHED: &[&str] = &[
            "first published",
            "published on",
            "published",
            "posted on",
            "posted",
            "publication date",
            "date published",
            "dated",
            "date",
        ];
        if let Some(x) = self.labelled_date(text, PUBLISHED) {
            return Some(x);
        }
        if let Some(x) = self.dateline_date(text) {
            return Some(x);
        }
        if let Some(x) = self.alone_line_date(text) {
            return Some(x);
        }
        const UPDATED: &[&str] = &[
            "last updated",
            "updated on",
            "updated",
            "last modified",
            "modified",
        ];
        self.labelled_date(text, UPDATED)
    }

    /// A full explicit date starting at the first token at or after `pos`, optionally
    /// after a weekday: returns the date, its span (weekday included) and its end.
    fn full_date_at(&self, text: &str, pos: usize) -> Option<(Date, Span)> {
        let sc = Sc::new(text, pos);
        let mut t = sc.next(pos);
        let start = t.s;
        if let Some((_, ab)) = sc.weekday(t) {
            let mut n = sc.next(sc.after_abbrev(t, ab));
            if n.k == K::P(',') {
                n = sc.next(n.e);
            }
            t = n;
        }
        let f = match t.k {
            K::Num(v, 4) => sc.year_led(t, v),
            K::Num(_, 1..=2) => sc.numeric(t).or_else(|| {
                sc.core(t).map(|c| Found {
                    s: t.s,
                    e: c.e,
                    expr: date_expr(c.dm),
                    rule: "",
                    style: None,
                })
            }),
            K::Ord(_) | K::Word => sc.core(t).map(|c| Found {
                s: t.s,
                e: c.e,
                expr: date_expr(c.dm),
                rule: "",
                style: None,
            }),
            _ => None,
        }?;
        let date = match f.expr {
            Expr::Date { dm, .. } => match Point::from_dm(dm)? {
                Point::Day(d) => d,
                _ => return None,
            },
            Expr::Numeric { p1, p2, y, dot, .. } => {
                let df = Date::new(y, p2, p1);
                let mf = Date::new(y, p1, p2);
                match (df, mf) {
                    (Some(a), Some(b)) if a != b => {
                        let o = match self.order {
                            NumericOrder::Auto => self.auto_order(text, dot),
                            o => o,
                        };
                        if o == NumericOrder::DayFirst { a } else { b }
                    }
                    (a, b) => a.or(b)?,
                }
            }
            _ => return None,
        };
        Some((date, Span { start, end: f.e }))
    }

    fn labelled_date(&self, text: &str, labels: &[&str]) -> Option<(Date, Span)> {
        for (off, line) in lines(text) {
            let lead = line.len() - line.trim_start().len();
            let l = &line[lead..];
            for label in labels {
                let Some(head) = l.get(..label.len()) else {
                    continue;
                };
                if !head.eq_ignore_ascii_case(label) {
                    continue;
                }
                let rest = &l[label.len()..];
                // The label must end there: `Posted:`, `Published 9 April`, not `Postedby`.
                if rest.chars().next().is_some_and(char::is_alphanumeric) {
                    continue;
                }
                let skip = rest.len()
                    - rest
                        .trim_start_matches(|c: char| {
                            c.is_whitespace() || matches!(c, ':' | '-' | '|' | '–' | '—')
                        })
                        .len();
                let pos = off + lead + label.len() + skip;
                if let Some(x) = self.full_date_at(text, pos) {
                    return Some(x);
                }
            }
        }
        None
    }

    fn dateline_date(&self, text: &str) -> Option<(Date, Span)> {
        for (off, line) in lines(text).take(30) {
            if off > 3000 {
                break;
            }
            let lead = line.len() - line.trim_start().len();
            let l = &line[lead..];
            if !l.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
                continue;
            }
            // Up to two place segments, each of capitalised words, ended by commas.
            let mut i = 0;
            let mut found_date = None;
            for _ in 0..2 {
                let Some(comma) = l[i..].find(',') else {
                    break;
                };
                let seg = &l[i..i + comma];
                let place_like = !seg.trim().is_empty()
                    && seg.len() <= 40
                    && !seg.bytes().any(|c| c.is_ascii_digit())
                    && seg
                        .split_whitespace()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
                if !place_like {
                    break;
                }
                i += comma + 1;
                let sc = Sc::new(text, off + lead + i);
                let t = sc.next(off + lead + i);
                if let Some(c) = sc.core(t) {
                    if c.dm.d.is_some() && c.dm.m.is_some() {
                        found_date = Some((t.s, c));
                        break;
                    }
                }
            }
            let Some((s, c)) = found_date else {
                continue;
            };
            // After the date: an optional agency in brackets, then a dash or a colon.
            let sc = Sc::new(text, c.e);
            let mut n = sc.next(c.e);
            if n.k == K::P('(') {
                let close = text
                    .get(n.e..)
                    .and_then(|r| r.find(')'))
                    .filter(|&k| k <= 40);
                let Some(k) = close else {
                    continue;
                };
                n = sc.next(n.e + k + 1);
            }
            if !(is_dash(n) || n.k == K::P(':')) {
                continue;
            }
            let y = match c.dm.y {
                Some(y) => y,
                None => match self.latest_full_year(text) {
                    Some(y) => y,
                    None => continue,
                },
            };
            let (Some(m), Some(d)) = (c.dm.m, c.dm.d) else {
                continue;
            };
            if let Some(date) = Date::new(y, m, d) {
                return Some((date, Span { start: s, end: c.e }));
            }
        }
        None
    }

    /// The latest year among the text's full explicit dates.
    fn latest_full_year(&self, text: &str) -> Option<i32> {
        self.find(text, None)
            .iter()
            .filter(|m| {
                matches!(
                    m.rule,
                    "month_day_year"
                        | "day_month_year"
                        | "iso_date"
                        | "numeric_date"
                        | "weekday_date"
                )
            })
            .filter_map(|m| m.value.as_deref()?.get(..4)?.parse::<i32>().ok())
            .max()
    }

    fn alone_line_date(&self, text: &str) -> Option<(Date, Span)> {
        for (off, line) in lines(text).take(15) {
            if off > 3000 {
                break;
            }
            let lead = line.len() - line.trim_start().len();
            if line.trim().is_empty() {
                continue;
            }
            let Some((date, span)) = self.full_date_at(text, off + lead) else {
                continue;
            };
            if span.start != off + lead {
                continue;
            }
            let rest = text.get(span.end..off + line.len()).unwrap_or("");
            if time_tail(rest) {
                return Some((date, span));
            }
        }
        None
    }
}

/// Lines with their byte offsets, without line terminators.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0usize, |off, l| {
        let o = *off;
        *off += l.len();
        Some((o, l.trim_end_matches(['\n', '\r'])))
    })
}

/// Whether what follows a date on its line is only a time (`10:30 AM IST`, `| 14.05 GMT`).
fn time_tail(rest: &str) -> bool {
    const WORDS: &[&str] = &[
        "am", "pm", "a", "m", "p", "at", "ist", "gmt", "utc", "bst", "est", "edt", "cst", "cdt",
        "pst", "pdt", "cet", "cest", "et", "pt", "hrs", "h", "jst", "kst", "aest", "aedt", "msk",
        "pkt", "sgt", "hkt", "wib", "eat", "wat", "cat", "sast", "ist)", "z",
    ];
    rest.split(|c: char| !c.is_alphabetic())
        .all(|w| w.is_empty() || WORDS.iter().any(|x| x.eq_ignore_ascii_case(w)))
        && rest.chars().all(|c| {
            is_word_char(c)
                || c.is_whitespace()
                || matches!(
                    c,
                    ':' | '.' | ',' | '|' | '-' | '–' | '—' | '(' | ')' | '/' | '+'
                )
        })
}

/// A `date YYYY-MM-DD` header line among the first ten lines: the date and the span of
/// the `YYYY-MM-DD`.
fn header_date(text: &str) -> Option<(Date, Span)> {
    for (off, line) in lines(text).take(10) {
        let l = line.trim_start_matches([' ', '\t', '\u{feff}']);
        let lead = line.len() - l.len();
        let Some(head) = l.get(..4) else {
            continue;
        };
        if !head.eq_ignore_ascii_case("date") {
            continue;
        }
        let rest = &l[4..];
        let after = rest.trim_start_matches([':', ' ', '\t']);
        if after.len() == rest.len() {
            continue;
        }
        let start = lead + 4 + (rest.len() - after.len());
        let Some(iso) = after.get(..10) else {
            continue;
        };
        if after[10..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        if let Ok(d) = iso.parse::<Date>() {
            return Some((
                d,
                Span {
                    start: off + start,
                    end: off + start + 10,
                },
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(document date or "", text, expected)`: expected lists every mention as
    /// `text=value` (`?` for no value), separated by `;`; "" means no mention at all.
    #[rustfmt::skip]
    const TABLE: &[(&str, &str, &str)] = &[
        // ---- absolute: month-day-year, day-month-year
        ("2021-04-09", "They met on April 9, 2021.", "April 9, 2021=2021-04-09"),
        ("2021-04-09", "They met on 9 April 2021.", "9 April 2021=2021-04-09"),
        ("2021-04-09", "Apr 9, 2021", "Apr 9, 2021=2021-04-09"),
        ("2021-04-09", "Filed Apr. 9, 2021 in Delhi", "Apr. 9, 2021=2021-04-09"),
        ("2021-04-09", "It began on Sept. 5, 2020, in Moscow.", "Sept. 5, 2020=2020-09-05"),
        ("2021-04-09", "signed on 9th April, 2021 by both", "9th April, 2021=2021-04-09"),
        ("2021-04-09", "signed on April 9th, 2021 by both", "April 9th, 2021=2021-04-09"),
        ("2021-04-09", "on the 9th of April 2021 they", "9th of April 2021=2021-04-09"),
        ("2021-04-09", "on April 9 2021 they met", "April 9 2021=2021-04-09"),
        ("2021-04-09", "on April 9,2021 they met", "April 9,2021=2021-04-09"),
        ("2021-04-09", "9 April, 2021", "9 April, 2021=2021-04-09"),
        ("2021-04-09", "a ceasefire from December 31, 1999", "December 31, 1999=1999-12-31"),
        ("2021-04-09", "on February 29, 2020 the deal", "February 29, 2020=2020-02-29"),
        ("2021-04-09", "since Jan. 6, 2021", "Jan. 6, 2021=2021-01-06"),
        ("2021-04-09", "on Dec 25, 2020", "Dec 25, 2020=2020-12-25"),
        ("2021-04-09", "on 3 Mar 2021 the", "3 Mar 2021=2021-03-03"),
        ("2021-04-09", "on 3rd March 2021 the", "3rd March 2021=2021-03-03"),
        ("2021-04-09", "from 1 January 2022", "1 January 2022=2022-01-01"),
        ("2021-04-09", "on July 4, 1976", "July 4, 1976=1976-07-04"),
        ("2021-04-09", "ON APRIL 9, 2021 THE", "APRIL 9, 2021=2021-04-09"),
        // ---- absolute: numeric
        ("2021-04-09", "Dated 2021-04-09.", "2021-04-09=2021-04-09"),
        ("2021-04-09", "Dated 2021/04/09.", "2021/04/09=2021-04-09"),
        ("2021-04-09", "Dated 09.04.2021.", "09.04.2021=2021-04-09"),
        ("2021-04-09", "Dated 25.12.2021.", "25.12.2021=2021-12-25"),
        ("2021-04-09", "Dated 13/4/2021.", "13/4/2021=2021-04-13"),
        ("2021-04-09", "Dated 4/13/2021.", "4/13/2021=2021-04-13"),
        ("2021-04-09", "Dated 9/4/2021.", "9/4/2021=2021-09-04"),
        ("2021-04-09", "Dated 12/25/2021.", "12/25/2021=2021-12-25"),
        ("2021-04-09", "since 9/11/2001 the", "9/11/2001=2001-09-11"),
        ("2021-04-09", "Dated 4/4/2021.", "4/4/2021=2021-04-04"),
        ("2021-04-09", "Dated 04-13-2021.", "04-13-2021=2021-04-13"),
        ("2021-04-09", "Dated 13/4/21.", "13/4/21=2021-04-13"),
        ("2021-04-09", "the 2021-04 report", "2021-04=2021-04"),
        ("2021-04-09", "Signed 25/12/2021. Reviewed 09/04/2021.", "25/12/2021=2021-12-25;09/04/2021=2021-04-09"),
        ("2021-04-09", "On 9 April they met. The form is dated 05/04/2021.", "9 April=2021-04-09;05/04/2021=2021-04-05"),
        ("2021-04-09", "On April 9 they met. The form is dated 05/04/2021.", "April 9=2021-04-09;05/04/2021=2021-05-04"),
        // ---- absolute: month and year, years, decades
        ("2021-04-09", "in April 2021", "April 2021=2021-04"),
        ("2021-04-09", "in April of 2021", "April of 2021=2021-04"),
        ("2021-04-09", "in June, 2020", "June, 2020=2020-06"),
        ("2021-04-09", "the March 2021 coup", "March 2021=2021-03"),
        ("2021-04-09", "by Oct 2021", "Oct 2021=2021-10"),
        ("2021-04-09", "growth in 2021 was slow", "2021=2021"),
        ("2021-04-09", "net zero by 2050.", "2050=2050"),
        ("2021-04-09", "allies since 1986,", "1986=1986"),
        ("2021-04-09", "the site of a 1966 air accident", "1966=1966"),
        ("2021-04-09", "He is a 1986 graduate of the academy.", "1986=1986"),
        ("2021-04-09", "He was commissioned in 1987.", "1987=1987"),
        ("2021-04-09", "2021's budget was cut", "2021=2021"),
        ("2021-04-09", "before the 2021 election", "2021=2021"),
        ("2021-04-09", "growth in mid-2021", "mid-2021=2021"),
        ("2021-04-09", "due in early 2022", "early 2022=2022"),
        ("2021-04-09", "it ended late 2019", "late 2019=2019"),
        ("2021-04-09", "the film (2019) won", "2019=2019"),
        ("2021-04-09", "a war in the 1990s", "1990s=1990/1999"),
        ("2021-04-09", "tests in 2020 and 2021", "2020=2020;2021=2021"),
        ("2021-04-09", "in 2019, 2020 and 2021", "2019=2019;2020=2020;2021=2021"),
        ("2021-04-09", "born in the year 1955", "1955=1955"),
        ("2021-04-09", "during 2020 the", "2020=2020"),
        ("2021-04-09", "2020 was a hard year", "2020=2020"),
        ("2021-04-09", "the fiscal 2022 budget", "2022=2022"),
        // ---- weekday with date
        ("2021-04-09", "on Friday, April 9 the", "Friday, April 9=2021-04-09"),
        ("2021-04-09", "on Friday, April 9, 2021 the", "Friday, April 9, 2021=2021-04-09"),
        ("2021-04-09", "on Thursday, April 9, 2021 the", "Thursday, April 9, 2021=2021-04-09"),
        ("2021-04-09", "Fri 9 Apr 2021", "Fri 9 Apr 2021=2021-04-09"),
        ("2021-04-09", "on Friday (April 9) the", "Friday (April 9)=2021-04-09"),
        ("2022-03-01", "the meeting on Friday, April 9", "Friday, April 9=2021-04-09"),
        ("2021-04-09", "on Wednesday, 7 April, they", "Wednesday, 7 April=2021-04-07"),
        // ---- partial dates, year by tense
        ("2021-04-09", "They met on April 7.", "April 7=2021-04-07"),
        ("2021-04-09", "He will visit on April 12.", "April 12=2021-04-12"),
        ("2021-12-20", "He will visit on January 5.", "January 5=2022-01-05"),
        ("2021-12-20", "They met on December 9.", "December 9=2021-12-09"),
        ("2022-01-03", "They met on December 20.", "December 20=2021-12-20"),
        ("2023-12-17", "The summit in August was a success.", "August=2023-08"),
        ("2023-12-17", "They will meet again in August.", "August=2024-08"),
        ("2023-05-12", "Spain takes over the presidency this July.", "this July=2023-07"),
        ("2023-09-10", "It opened last July.", "last July=2023-07"),
        ("2023-05-12", "It opened last July.", "last July=2022-07"),
        ("2023-05-12", "It opens next July.", "next July=2023-07"),
        ("2023-09-10", "It opens next July.", "next July=2024-07"),
        ("2021-04-09", "They met on the 5th.", "the 5th=2021-04-05"),
        ("2021-04-09", "They will meet on the 20th.", "the 20th=2021-04-20"),
        ("2021-04-09", "They met on the 20th.", "the 20th=2021-03-20"),
        ("2021-04-09", "It must be done by the 15th.", "the 15th=2021-04-15"),
        ("2021-04-09", "They met on Sept. 5 in Moscow.", "Sept. 5=2020-09-05"),
        ("2021-04-09", "They met on April 9th.", "April 9th=2021-04-09"),
        ("2021-04-09", "He will attend on November 11th.", "November 11th=2021-11-11"),
        ("2021-04-09", "It ends by mid-April.", "mid-April=2021-04"),
        ("2021-04-09", "The talks will be held in early May.", "early May=2021-05"),
        ("2021-04-09", "They met on April 9 last year.", "April 9 last year=2020-04-09"),
        ("2022-10-28", "On November 11th, he will attend COP27.", "November 11th=2022-11-11"),
        ("2021-04-09", "The last round was held in December.", "December=2020-12"),
        ("2021-04-09", "The next round is in December.", "December=2021-12"),
        ("2021-04-09", "They agreed to meet in June.", "June=2021-06"),
        ("2021-04-09", "He was appointed on 12 March.", "12 March=2021-03-12"),
        ("2020-03-01", "on February 29 they met", "February 29=2020-02-29"),
        ("2021-04-09", "talks since March", "March=2021-03"),
        ("2021-04-09", "until the end of May", "May=2021-05"),
        // ---- ranges
        ("2021-04-09", "a visit from April 7 to April 10, 2021.", "April 7 to April 10, 2021=2021-04-07/2021-04-10"),
        ("2021-04-09", "a visit on April 7-10, 2021.", "April 7-10, 2021=2021-04-07/2021-04-10"),
        ("2021-04-09", "He will visit 7–10 April.", "7–10 April=2021-04-07/2021-04-10"),
        ("2021-04-09", "It was held between 5 and 8 September.", "5 and 8 September=2020-09-05/2020-09-08"),
        ("2022-10-28", "They met September 5 to 8.", "September 5 to 8=2022-09-05/2022-09-08"),
        ("2022-04-27", "He will visit Korea from May 20-May 24 to further ties.", "May 20-May 24=2022-05-20/2022-05-24"),
        ("2021-04-09", "They will meet from Monday to Wednesday.", "Monday to Wednesday=2021-04-12/2021-04-14"),
        ("2021-04-09", "the 2020-2022 plan", "2020-2022=2020/2022"),
        ("2021-04-09", "the 2020–22 plan", "2020–22=2020/2022"),
        ("2022-10-28", "He will be in Bali from November 13th-16th for the summit.", "November 13th-16th=2022-11-13/2022-11-16"),
        ("2022-10-28", "He will be in Cambodia from November 12-13 to take part.", "November 12-13=2022-11-12/2022-11-13"),
        ("2022-10-28", "She will attend the November 18-19 Leaders Meeting.", "November 18-19=2022-11-18/2022-11-19"),
        ("2021-04-09", "held on 12-13 November 2021", "12-13 November 2021=2021-11-12/2021-11-13"),
        ("2021-04-09", "from 28 April - 3 May 2021", "28 April - 3 May 2021=2021-04-28/2021-05-03"),
        ("2021-04-09", "from Dec 28, 2020 - Jan 3, 2021", "Dec 28, 2020 - Jan 3, 2021=2020-12-28/2021-01-03"),
        ("2021-12-20", "He will travel December 28 to January 3.", "December 28 to January 3=2021-12-28/2022-01-03"),
        ("2021-04-09", "in April-June 2021", "April-June 2021=2021-04/2021-06"),
        ("2021-04-09", "The trials will run from April to June.", "April to June=2021-04/2021-06"),
        ("2021-04-09", "from 2019 to 2021 the", "2019 to 2021=2019/2021"),
        ("2021-04-09", "between 2019 and 2021 the", "2019 and 2021=2019/2021"),
        ("2021-04-09", "the 2019/20 season", "2019/20=2019/2020"),
        ("2022-04-27", "the summit on May 12 and 13 will", "May 12 and 13=2022-05-12/2022-05-13"),
        ("2021-04-09", "They will meet on April 12 and 14.", "April 12=2021-04-12"),
        ("2021-04-09", "It will run 7th to 10th April.", "7th to 10th April=2021-04-07/2021-04-10"),
        ("2021-04-09", "It will run April 12 through 16.", "April 12 through 16=2021-04-12/2021-04-16"),
        ("2021-04-09", "between April 12 and 16, 2021", "April 12 and 16, 2021=2021-04-12/2021-04-16"),
        ("2021-04-09", "from 2001–2003 he", "2001–2003=2001/2003"),
        // ---- relative to the document date
        ("2021-04-09", "He spoke today.", "today=2021-04-09"),
        ("2021-04-09", "He speaks tonight.", "tonight=2021-04-09"),
        ("2021-04-09", "He spoke this evening.", "this evening=2021-04-09"),
        ("2021-04-09", "He spoke this morning.", "this morning=2021-04-09"),
        ("2021-04-09", "He spoke yesterday.", "yesterday=2021-04-08"),
        ("2021-04-09", "He speaks tomorrow.", "tomorrow=2021-04-10"),
        ("2021-04-09", "He spoke yesterday morning.", "yesterday morning=2021-04-08"),
        ("2021-04-09", "He spoke last night.", "last night=2021-04-08"),
        ("2021-04-09", "He spoke the day before yesterday.", "the day before yesterday=2021-04-07"),
        ("2021-04-09", "He speaks the day after tomorrow.", "the day after tomorrow=2021-04-11"),
        ("2021-04-09", "WASHINGTON – Today, the President announced", "Today=2021-04-09"),
        ("2021-04-09", "for today's challenges", "today=2021-04-09"),
        ("2021-04-09", "They met on Tuesday.", "Tuesday=2021-04-06"),
        ("2021-04-09", "They will meet on Tuesday.", "Tuesday=2021-04-13"),
        ("2021-04-09", "They met last Tuesday.", "last Tuesday=2021-04-06"),
        ("2021-04-09", "They meet next Tuesday.", "next Tuesday=2021-04-13"),
        ("2021-04-09", "They met on Friday.", "Friday=2021-04-09"),
        ("2021-04-09", "They meet next Friday.", "next Friday=2021-04-16"),
        ("2021-04-09", "They met last Friday.", "last Friday=2021-04-02"),
        ("2021-04-09", "He spoke Tuesday night.", "Tuesday night=2021-04-06"),
        ("2021-04-09", "He will speak this coming Monday.", "this coming Monday=2021-04-12"),
        ("2021-04-09", "Talks are on Monday.", "Monday=2021-04-12"),
        ("2021-04-09", "On Tuesday President Biden spoke.", "Tuesday=2021-04-06"),
        ("2021-04-09", "They met this week.", "this week=2021-04-05/2021-04-11"),
        ("2021-04-09", "They met last week.", "last week=2021-03-29/2021-04-04"),
        ("2021-04-09", "They meet next week.", "next week=2021-04-12/2021-04-18"),
        ("2021-04-09", "They met this month.", "this month=2021-04"),
        ("2021-04-09", "They met last month.", "last month=2021-03"),
        ("2021-04-09", "They meet next month.", "next month=2021-05"),
        ("2021-01-15", "They met last month.", "last month=2020-12"),
        ("2021-04-09", "They met this year.", "this year=2021"),
        ("2021-04-09", "They met last year.", "last year=2020"),
        ("2021-04-09", "They meet next year.", "next year=2022"),
        ("2021-04-09", "They met earlier this month.", "earlier this month=2021-04"),
        ("2021-04-09", "They meet later this year.", "later this year=2021"),
        ("2021-04-09", "They meet early next year.", "early next year=2022"),
        ("2021-04-09", "It ended late last year.", "late last year=2020"),
        ("2021-04-09", "It ended two days ago.", "two days ago=2021-04-07"),
        ("2021-04-09", "It ended 2 days ago.", "2 days ago=2021-04-07"),
        ("2021-04-09", "It ended three weeks ago.", "three weeks ago=2021-03-19"),
        ("2021-04-09", "It ended a year ago.", "a year ago=2020"),
        ("2021-04-09", "It ended two months ago.", "two months ago=2021-02"),
        ("2021-04-09", "It starts in two days.", "two days=2021-04-11"),
        ("2021-04-09", "They built it in three days.", ""),
        ("2021-04-09", "It is done in a day.", ""),
        ("2021-04-09", "They meet this weekend.", "this weekend=2021-04-10/2021-04-11"),
        ("2021-04-09", "They met last weekend.", "last weekend=2021-04-03/2021-04-04"),
        ("2021-04-09", "They met over the weekend.", "the weekend=2021-04-03/2021-04-04"),
        ("2021-04-09", "last week's summit", "last week=2021-03-29/2021-04-04"),
        ("2021-04-09", "this year's budget", "this year=2021"),
        ("2022-10-28", "He said on Monday that he will visit on Friday.", "Monday=2022-10-24;Friday=2022-10-28"),
        // ---- anaphoric
        ("2021-04-09", "They met on April 2 and a week later they signed.", "April 2=2021-04-02;a week later=2021-04-09"),
        ("2021-04-09", "He arrived on April 7, 2021. The day before, talks stalled.", "April 7, 2021=2021-04-07;The day before=2021-04-06"),
        ("2021-04-09", "He arrived on April 7, 2021, and left the next day.", "April 7, 2021=2021-04-07;the next day=2021-04-08"),
        ("2021-04-09", "He arrived on April 7, 2021. Two days later he left.", "April 7, 2021=2021-04-07;Two days later=2021-04-09"),
        ("2021-04-09", "The talks began the day before.", "the day before=?"),
        // ---- no document date
        ("", "They met on Tuesday.", "Tuesday=?"),
        ("", "They met on April 9.", "April 9=?"),
        ("", "They met on April 9, 2021.", "April 9, 2021=2021-04-09"),
        ("", "They met today.", "today=?"),
        ("", "They met last year.", "last year=?"),
        ("", "It runs April 7-10.", "April 7-10=?"),
        // ---- impossible dates
        ("2021-04-09", "on February 29, 2021 they", ""),
        ("2021-04-09", "on February 30, 2021 they", ""),
        ("2021-04-09", "by February 30 they", ""),
        ("2021-04-09", "on April 31, 2021 they", ""),
        ("2021-04-09", "Dated 31/04/2021.", ""),
        ("2021-04-09", "Dated 2021-02-30.", ""),
        ("2021-04-09", "Dated 2021-13-01.", ""),
        ("2021-04-09", "Dated 32/13/2021.", ""),
        // ---- numbers that only look like dates
        ("2021-04-09", "The score was 3-1 at half time.", ""),
        ("2021-04-09", "The hotline is open 24/7.", ""),
        ("2021-04-09", "after the 9/11 attacks", ""),
        ("2021-04-09", "Call 555-1234 or 202-456-1111.", ""),
        ("2021-04-09", "Call +1 (202) 456-1111.", ""),
        ("2021-04-09", "version 2.10.2021 fixes it", ""),
        ("2021-04-09", "They met at 10.30 in the hall.", ""),
        ("2021-04-09", "They met at 9:30.", ""),
        ("2021-04-09", "a $2021 million deal", ""),
        ("2021-04-09", "more than 2,000 troops", ""),
        ("2021-04-09", "has flown more than 6,000 hours", ""),
        ("2021-04-09", "2000 soldiers were deployed", ""),
        ("2021-04-09", "in 2000 villages", ""),
        ("2021-04-09", "the 2,021 votes", ""),
        ("2021-04-09", "1.5 million people", ""),
        ("2021-04-09", "the server at 192.168.1.1", ""),
        ("2021-04-09", "ISBN 978-3-16-148410-0", ""),
        ("2021-04-09", "with 1,100 carrier landings", ""),
        ("2021-04-09", "the Battle of Hastings in 1066", ""),
        ("2021-04-09", "a colony in 2500", ""),
        ("2021-04-09", "a Type 055 destroyer", ""),
        ("2021-04-09", "it takes 3 to 4 hours", ""),
        ("2021-04-09", "see page 12", ""),
        ("2021-04-09", "nearly 700,000 Ukrainians", ""),
        ("2021-04-09", "more than 80% of GDP", ""),
        ("2021-04-09", "Security Council Resolution 1973", ""),
        ("2021-04-09", "Flight 370 vanished", ""),
        ("2021-04-09", "Carrier Strike Group 15", ""),
        ("2021-04-09", "the 12 Corps at Jodhpur", ""),
        ("2021-04-09", "the 27th Conference of the Parties", ""),
        ("2021-04-09", "the U.S. 5th Fleet", ""),
        ("2021-04-09", "at COP27 and the G20", ""),
        ("2021-04-09", "the N-9 office", ""),
        ("2021-04-09", "at 10am sharp", ""),
        ("2021-04-09", "half of 1/2 of", ""),
        ("2021-04-09", "on the 9th floor", ""),
        ("2021-04-09", "the 9th Division", ""),
        ("2021-04-09", "9,000 U.S. forces", ""),
        ("2021-04-09", "a 2000-strong force", ""),
        ("2021-04-09", "the 1990 troops", ""),
        // ---- durations and vague expressions
        ("2021-04-09", "deployed there in recent weeks", ""),
        ("2021-04-09", "engaged in the weeks ahead", ""),
        ("2021-04-09", "who have fled the war so far", ""),
        ("2021-04-09", "$86 million over the next three years", ""),
        ("2021-04-09", "the 10-year plan", ""),
        ("2021-04-09", "to act in this decisive decade", ""),
        ("2021-04-09", "Over the past year, we have", ""),
        ("2021-04-09", "in the last week", ""),
        ("2021-04-09", "over the next month", ""),
        ("2021-04-09", "in the year since our summit", ""),
        ("2021-04-09", "more than a year of diplomacy", ""),
        ("2021-04-09", "for years", ""),
        ("2021-04-09", "a two-day visit", ""),
        ("2021-04-09", "a 12-month deal", ""),
        ("2021-04-09", "every day", ""),
        ("2021-04-09", "a few days ago", ""),
        ("2021-04-09", "in the coming days", ""),
        ("2021-04-09", "at this critical moment", ""),
        ("2021-04-09", "they work on Mondays", ""),
        ("2021-04-09", "day and night", ""),
        // ---- names and words that are not dates
        ("2021-04-09", "Theresa May said so.", ""),
        ("2021-04-09", "she may come", ""),
        ("2021-04-09", "USA Today reported it", ""),
        ("2021-04-09", "the Good Friday Agreement", ""),
        ("2021-04-09", "The Sunday Times reported it", ""),
        ("2021-04-09", "they march on the capital", ""),
        ("2021-04-09", "August Wilson wrote plays", ""),
        ("2021-04-09", "said April Ryan", ""),
        ("2021-04-09", "in April Ryan's book", ""),
        ("2021-04-09", "a summary of the marine sector", ""),
        ("2021-04-09", "the decision of the secretary", ""),
        ("2021-04-09", "a weekday service", ""),
        ("2021-04-09", "Mayday calls", ""),
        ("2021-04-09", "Sun Tzu wrote", ""),
        ("2021-04-09", "Jan Smuts said", ""),
        ("2021-04-09", "in March and April", "March=2021-03;April=2021-04"),
        ("2021-04-09", "scored 2-1 in May", "May=2020-05"),
        ("2021-04-09", "Jagranjosh Education Awards 2021: Click here", ""),
        // ---- later probes
        ("2021-04-09", "They will be back in two days' time.", "two days=2021-04-11"),
        ("2021-04-09", "He appeared on The Tonight Show.", ""),
        ("2021-04-09", "He voted for May in 2016.", "2016=2016"),
        ("2021-04-09", "The 1998 tests, and the 1974 test, were nuclear.", "1998=1998;1974=1974"),
        ("2021-04-09", "He met him this past weekend.", "this past weekend=2021-04-03/2021-04-04"),
        ("2021-04-09", "They met on the 1st and the 2nd.", "the 1st=2021-04-01;the 2nd=2021-04-02"),
        ("2021-04-09", "The deal, signed on Monday, will take effect on July 1.", "Monday=2021-04-05;July 1=2021-07-01"),
        ("2021-04-09", "It rose from 2000 to 2010 troops.", ""),
        ("2021-04-09", "since the Sept. 11 attacks", "Sept. 11=2001-09-11"),
        ("2023-03-27", "The ships arrived on Saturday and will leave on Tuesday.", "Saturday=2023-03-25;Tuesday=2023-03-28"),
        ("2023-03-27", "In a statement issued on Monday, the ministry said troops would return by mid-April.", "Monday=2023-03-27;mid-April=2023-04"),
        ("2023-03-27", "The Quad ministers met in New Delhi on March 3.", "March 3=2023-03-03"),
        ("2023-03-27", "NATO leaders will meet in Vilnius in July.", "July=2023-07"),
        ("2023-03-27", "The deal was announced at the summit in July.", "July=2022-07"),
        ("2023-03-27", "She will visit Japan from April 5-7 and Korea from April 8 to 10.", "April 5-7=2023-04-05/2023-04-07;April 8 to 10=2023-04-08/2023-04-10"),
        ("2023-03-27", "The drills were held from March 20-24.", "March 20-24=2023-03-20/2023-03-24"),
        ("2023-03-27", "The ministers are due to meet on April 4 in Brussels.", "April 4=2023-04-04"),
        ("2023-03-27", "Between 2014 and 2022, the country spent $1.2bn.", "2014 and 2022=2014/2022"),
        ("2023-03-27", "In 1999-2000 he served.", "1999-2000=1999/2000"),
        ("2023-03-27", "The 2021 Act came into force.", "2021=2021"),
        ("2023-03-27", "Windows 2000 and Office 2010 were patched.", ""),
        ("2023-03-27", "Resolution 2231 (2015) endorsed the deal.", "2015=2015"),
        ("2023-03-27", "About 1,500-2,000 troops remain.", ""),
        ("2023-03-27", "People aged 18-25 were drafted.", ""),
        ("2023-03-27", "The vote was 52-48.", ""),
        ("2023-03-27", "Call 1-800-273-8255 now.", ""),
        ("2023-03-27", "ISO 9001:2015 certified.", ""),
        ("2023-03-27", "Vision 2030 targets.", ""),
        ("2023-03-27", "The rupee fell to 82.5 against the dollar.", ""),
        ("2023-03-27", "the Su-30 and the T-90", ""),
    ];

    /// The dates of `text`, found by the scan over bytes, after checking that the walk
    /// over tokens finds exactly the same.
    fn find_both_ways(f: &DateFinder, text: &str, doc: Option<Date>) -> Vec<DateMention> {
        let found = f.find(text, doc);
        let tokenized = crate::text::tokenize_with_keys(text);
        let classes = class::of_tokens(&tokenized);
        assert_eq!(
            f.find_in_tokens(text, &tokenized.tokens, &classes, doc),
            found,
            "{text:?}"
        );
        found
    }

    fn render(text: &str, ms: &[DateMention]) -> String {
        ms.iter()
            .map(|m| format!("{}={}", m.text(text), m.value.as_deref().unwrap_or("?")))
            .collect::<Vec<_>>()
            .join(";")
    }

    #[test]
    fn table() {
        let f = DateFinder::new();
        let mut bad = Vec::new();
        for &(doc, text, want) in TABLE {
            let d = if doc.is_empty() {
                None
            } else {
                doc.parse::<Date>().ok()
            };
            let got = render(text, &find_both_ways(&f, text, d));
            if got != want {
                bad.push(format!(
                    "  [{doc}] {text:?}\n      want {want:?}\n      got  {got:?}"
                ));
            }
        }
        assert!(TABLE.len() >= 200, "table has {} rows", TABLE.len());
        assert!(
            bad.is_empty(),
            "{} of {} failed:\n{}",
            bad.len(),
            TABLE.len(),
            bad.join("\n")
        );
    }

    #[test]
    fn numeric_order_override() {
        let d = Date::new(2021, 4, 9);
        let text = "Dated 09/04/2021 and 10/04/2021.";
        let day = DateFinder::new().with_numeric_order(NumericOrder::DayFirst);
        let month = DateFinder::new().with_numeric_order(NumericOrder::MonthFirst);
        assert_eq!(
            render(text, &day.find(text, d)),
            "09/04/2021=2021-04-09;10/04/2021=2021-04-10"
        );
        assert_eq!(
            render(text, &month.find(text, d)),
            "09/04/2021=2021-09-04;10/04/2021=2021-10-04"
        );
        // an impossible reading is never chosen, whatever the policy
        assert_eq!(
            render("on 25/04/2021", &month.find("on 25/04/2021", d)),
            "25/04/2021=2021-04-25"
        );
    }

    #[test]
    fn confidence_and_tense() {
        let f = DateFinder::new();
        let d = Date::new(2021, 4, 9);
        let good = f.find("on Friday, April 9, 2021", d);
        let bad = f.find("on Thursday, April 9, 2021", d);
        assert!(good[0].confidence > 0.9, "{good:?}");
        assert!(bad[0].confidence < 0.6, "{bad:?}");
        let fut = f.find("He will visit on April 12.", d);
        assert_eq!(fut[0].tense, Some(Tense::Future));
        let past = f.find("He visited on April 2.", d);
        assert_eq!(past[0].tense, Some(Tense::Past));
        assert_eq!(past[0].rule, "month_day");
    }

    #[test]
    fn header_line_is_not_a_mention() {
        let f = DateFinder::new();
        let text =
            " date 2021-04-09 Jagranjosh Education Awards 2021: Click here\n\nHe spoke today.";
        let (d, span) = f.document_date(text).expect("header");
        assert_eq!(d.to_string(), "2021-04-09");
        assert_eq!(&text[span.start..span.end], "2021-04-09");
        assert_eq!(render(text, &f.find(text, Some(d))), "today=2021-04-09");
    }

    #[test]
    fn document_dates() {
        let f = DateFinder::new();
        let cases: &[(&str, Option<&str>, &str)] = &[
            (
                "date 2023-07-21\nTitle\n\nText.",
                Some("2023-07-21"),
                "2023-07-21",
            ),
            (
                "  Date: 2023-07-21 site\nText.",
                Some("2023-07-21"),
                "2023-07-21",
            ),
            (
                "NEW DELHI, April 9 (Reuters) - India and Kazakhstan held talks. The visit ends on April 10, 2021.",
                Some("2021-04-09"),
                "April 9",
            ),
            (
                "WASHINGTON, April 9, 2021 -- The President said.",
                Some("2021-04-09"),
                "April 9, 2021",
            ),
            (
                "New Delhi, April 9 (PTI): talks were held, as on March 3, 2021.",
                Some("2021-04-09"),
                "April 9",
            ),
            (
                "Headline\n\nApr 9, 2021\nIndia-Kazakhstan ties\n",
                Some("2021-04-09"),
                "Apr 9, 2021",
            ),
            (
                "Headline\nFriday, 9 April 2021 10.30 BST\nText",
                Some("2021-04-09"),
                "Friday, 9 April 2021",
            ),
            (
                "Headline\nPublished: 9 April 2021 10:30 IST\nText",
                Some("2021-04-09"),
                "9 April 2021",
            ),
            (
                "Headline\nUpdated: April 10, 2021\nText",
                Some("2021-04-10"),
                "April 10, 2021",
            ),
            (
                "Updated: April 10, 2021\nPublished: April 9, 2021\nText",
                Some("2021-04-09"),
                "April 9, 2021",
            ),
            (
                "Headline\n2021-04-09\nText",
                Some("2021-04-09"),
                "2021-04-09",
            ),
            (
                "Headline\nPosted on 09/04/2021\nHe met him on 9 April.",
                Some("2021-04-09"),
                "09/04/2021",
            ),
            ("No dates here at all.", None, ""),
            ("NEW DELHI, April 9 (Reuters) - no year anywhere.", None, ""),
            ("He met them on April 9, 2021 in Delhi.", None, ""),
        ];
        for &(text, want, span_text) in cases {
            let got = f.document_date(text);
            assert_eq!(got.map(|(d, _)| d.to_string()).as_deref(), want, "{text:?}");
            if let Some((_, s)) = got {
                assert_eq!(&text[s.start..s.end], span_text, "{text:?}");
            }
        }
    }

    #[test]
    fn calendar() {
        let d: Date = "2021-04-09".parse().expect("valid");
        assert_eq!(d.weekday(), Weekday::Friday);
        assert_eq!(d.add_days(-9).to_string(), "2021-03-31");
        assert_eq!(d.add_days(366).to_string(), "2022-04-10");
        assert_eq!(Date::new(1970, 1, 1).map(|d| d.to_days()), Some(0));
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(-1).to_string(), "1969-12-31");
        assert_eq!(
            Date::new(2000, 2, 29).map(|d| d.weekday()),
            Some(Weekday::Tuesday)
        );
        assert_eq!(
            Date::new(2021, 1, 31).map(|d| d.add_months(1).to_string()),
            Some("2021-02-28".into())
        );
        assert!(Date::new(2021, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        for n in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(n).to_days(), n);
        }
        let _ = Date::from_days(i64::MAX).add_days(i64::MAX);
        let _ = Date::from_days(i64::MIN).add_days(i64::MIN);
        assert_eq!(
            "2021-02-30".parse::<Date>(),
            Err(DateParseError::Day {
                year: 2021,
                month: 2,
                day: 30
            })
        );
        assert_eq!("2021-13-01".parse::<Date>(), Err(DateParseError::Month(13)));
        assert!(matches!(
            "2021-4-9".parse::<Date>(),
            Err(DateParseError::Format(_))
        ));
        assert!(matches!(
            "2021-04-09x".parse::<Date>(),
            Err(DateParseError::Format(_))
        ));
        assert!(
            "2021-02-30"
                .parse::<Date>()
                .unwrap_err()
                .to_string()
                .contains("does not exist")
        );
        assert_eq!(
            value_bounds("2021-04"),
            Date::new(2021, 4, 1).zip(Date::new(2021, 4, 30))
        );
        assert_eq!(
            value_bounds("2020/2022"),
            Date::new(2020, 1, 1).zip(Date::new(2022, 12, 31))
        );
        assert_eq!(value_bounds("2022/2020"), None);
        assert_eq!(value_bounds("junk"), None);
    }

    #[test]
    fn thread_safe() {
        fn check<T: Send + Sync>() {}
        check::<DateFinder>();
    }

    /// A tiny xorshift generator for the robustness loop.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    fn check_invariants(f: &DateFinder, text: &str, doc: Option<Date>) {
        let ms = find_both_ways(f, text, doc);
        let mut last = 0;
        for m in &ms {
            assert!(
                m.span.start >= last,
                "overlap or unsorted in {text:?}: {ms:?}"
            );
            assert!(m.span.start < m.span.end && m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            assert!((0.0..=1.0).contains(&m.confidence));
            if let Some(v) = &m.value {
                assert!(value_bounds(v).is_some(), "bad value {v:?} in {text:?}");
            }
            last = m.span.end;
        }
        let _ = f.document_date(text);
    }

    #[test]
    fn never_panics_on_random_input() {
        let f = DateFinder::new();
        let doc = Date::new(2021, 4, 9);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        // Random bytes, decoded lossily.
        for _ in 0..3000 {
            let len = (rng.next() % 120) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let text = String::from_utf8_lossy(&bytes);
            check_invariants(&f, &text, doc);
        }
        // Random sequences of date-ish pieces, which reach far more of the grammar.
        const PIECES: &[&str] = &[
            "April",
            "Apr",
            ".",
            "9",
            "09",
            "2021",
            "21",
            ",",
            " ",
            " ",
            " ",
            "-",
            "–",
            "/",
            "to",
            "and",
            "between",
            "from",
            "Friday",
            "Fri",
            "the",
            "9th",
            "of",
            "last",
            "next",
            "this",
            "week",
            "year",
            "month",
            "day",
            "days",
            "ago",
            "later",
            "before",
            "yesterday",
            "today",
            "night",
            "evening",
            "mid",
            "early",
            "in",
            "since",
            "(",
            ")",
            "\n",
            "é",
            "’s",
            "31",
            "2",
            "1990s",
            "29",
            "February",
            "May",
            "Sept",
            "0",
            "99999999999999",
            "date 2021-04-09",
            "will",
            "met",
            ":",
            "'",
            "12",
            "13",
            "—",
            "\u{a0}",
            "Date:",
            // Joining marks, other scripts and glued letters, where tokens and the
            // scan's words part.
            ",",
            "_",
            "’s",
            "'s",
            "é",
            "東",
            "x",
            "U.S.",
            "\u{ad}",
        ];
        for _ in 0..20_000 {
            let n = (rng.next() % 14) as usize;
            let text: String = (0..n)
                .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
                .collect();
            check_invariants(&f, &text, doc);
            check_invariants(&f, &text, None);
        }
    }
}
