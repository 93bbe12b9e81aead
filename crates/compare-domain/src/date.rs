//! The `YYYY-MM-DD` dates of the catalog, shown to readers in words.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalendarDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl CalendarDate {
    pub fn parse(text: &str) -> Option<CalendarDate> {
        let bytes = text.as_bytes();
        if !text.is_ascii() || bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &text[range];
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&day).then_some(CalendarDate { year, month: month as u8, day: day as u8 })
    }
}

/// "24 November 2026": unambiguous for readers everywhere, unlike 11/24/2026.
impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.day, MONTHS[usize::from(self.month) - 1], self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_calendar_dates() {
        let date = CalendarDate::parse("2026-11-24").unwrap();
        assert_eq!(date.to_string(), "24 November 2026");
        assert_eq!(CalendarDate::parse("2024-02-29").unwrap().to_string(), "29 February 2024");
    }

    #[test]
    fn refuses_what_is_not_a_calendar_date() {
        for text in [
            "2026-13-01",
            "2026-02-29",
            "1900-02-29",
            "2026-1-01",
            "2026/11/24",
            "",
            "２０２６-11-24",
            "2026-11-00",
            "é026-11-24",
            "2026-1é-2",
        ] {
            assert_eq!(CalendarDate::parse(text), None, "{text}");
        }
    }
}
