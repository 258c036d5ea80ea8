//! Dates and times read from untrusted text: judging.toml's deadline, the Hub's `lastModified`,
//! score files' `written_at`. One parser for all of them, so that an impossible date
//! (`2026-02-31`, `25:61:61`) is refused wherever it comes from, and times with different
//! offsets compare as the moments they are, never as text. And the day a page is made, said as
//! its readers say a date.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::Offset;

/// A moment: RFC 3339 with its offset, `2026-06-30T23:59:59Z`, `2026-06-30T23:59:59.250Z` or
/// `2026-07-01T01:59:59+02:00`. The error says what is wrong and what would be right; the
/// caller names the key and quotes the value.
pub fn instant(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    text.parse::<Timestamp>().map_err(|e| {
        // Said in a reader's words where the text is a date and time that only cannot be a
        // moment: the year 9999 had brought the time library's overflow of Unix seconds.
        let why = match jiff::fmt::temporal::Pieces::parse(text) {
            Ok(pieces) if pieces.offset().is_none() => {
                "it has no offset: end it with Z for UTC, or give one such as +02:00".to_owned()
            }
            Ok(_) => "beyond the times this reads, which end in the year 9999".to_owned(),
            Err(_) => e.to_string(),
        };
        format!(
            "not a real time ({why}); write it as \"2026-06-30T23:59:59Z\" or with an offset, \"2026-06-30T23:59:59+02:00\""
        )
    })
}

/// A deadline: a moment as [`instant`] reads it, or a date alone (`2026-06-30`) for the last
/// moment of that day in UTC.
pub fn deadline(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if text.len() == "2026-06-30".len() && !text.contains(['T', 't']) {
        let date = text.parse::<Date>().map_err(|e| {
            format!(
                "not a real date ({e}); write a date as \"2026-06-30\" (the end of that day, UTC), or a time as \"2026-06-30T23:59:59Z\""
            )
        })?;
        return Offset::UTC.to_timestamp(date.to_datetime(Time::MAX)).map_err(|e| format!("out of range ({e})"));
    }
    instant(text)
}

/// Today, where this machine is (its `TZ`, else its system time zone, else UTC): the day a
/// printed page was made. Read at the edge and passed in, so that what prints it stays pure.
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// A date as a printed page says it: `21 June 2026`, the month in words, so that no reader takes
/// 6/7 for 7/6.
pub fn day(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates_and_times_with_offsets_are_read() {
        let utc = deadline("2026-06-30T23:59:59Z").expect("a time");
        assert_eq!(deadline("2026-07-01T01:59:59+02:00").expect("an offset"), utc, "the same moment");
        assert_eq!(instant("2026-06-30T23:59:59.000Z").expect("fractions"), utc);
        let day = deadline("2026-06-30").expect("a date");
        assert!(day > utc && day < instant("2026-07-01T00:00:00Z").expect("a time"), "the day's last moment");
        assert!(deadline("2028-02-29").is_ok(), "a leap day");
    }

    #[test]
    fn impossible_dates_and_times_are_refused() {
        for bad in [
            "2026-02-31",
            "2026-99-99",
            "0000-00-00",
            "2027-02-29",
            "2026-06-30T25:61:61Z",
            "2026-06-30T23:59:59",
            "30 June",
            "",
        ] {
            let err = deadline(bad).expect_err(bad);
            assert!(err.starts_with("not a real") && err.contains("2026-06-30"), "{bad}: {err}");
        }
        assert!(instant("2026-06-30").is_err(), "a moment needs its time and offset");
        // A date and time that cannot be a moment is said in words, not the library's.
        for (bad, why) in [
            ("9999-12-31T23:59:59Z", "beyond the times this reads, which end in the year 9999"),
            ("9999-12-31T23:59:59-05:00", "beyond the times this reads"),
            ("2026-06-30T23:59:59", "it has no offset: end it with Z for UTC"),
        ] {
            let err = instant(bad).expect_err(bad);
            assert!(err.contains(why) && !err.contains("overflow") && !err.contains("parameter"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_day_is_said_in_words() {
        for (date, want) in [
            (jiff::civil::date(2026, 6, 21), "21 June 2026"),
            (jiff::civil::date(2026, 7, 1), "1 July 2026"),
            (jiff::civil::date(2028, 2, 29), "29 February 2028"),
        ] {
            assert_eq!(day(date), want);
        }
    }
}
