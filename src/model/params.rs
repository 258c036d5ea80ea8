//! Parameter counts: the one reader of counts as people write them (`7B`, `350M`), for
//! judging.toml's limits and the export's declarations alike, and the one way they are printed.

use serde::Deserialize;

/// A parameter count or limit from judging.toml, read once when the file is read: `"32B"`, or a
/// plain number of parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "Written")]
pub struct Params(pub u64);

#[derive(Deserialize)]
#[serde(untagged)]
enum Written {
    Text(String),
    Number(u64),
}

impl TryFrom<Written> for Params {
    type Error = String;
    fn try_from(written: Written) -> Result<Params, String> {
        match written {
            Written::Text(raw) => parse_params(&raw).map(Params),
            Written::Number(n) => parse_params(&n.to_string()).map(Params),
        }
    }
}

impl std::fmt::Display for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_params(self.0))
    }
}

/// Reads a parameter count as people write it: `7B`, `1.5b`, `350M`, `2T`, `8000000000`,
/// `1,500,000,000`. A bare number under a million has no unit and is refused: `8` is surely not
/// eight parameters, and guessing which unit was meant could pass a 32B limit wrongly.
pub fn parse_params(raw: &str) -> Result<u64, String> {
    let text: String = raw.trim().chars().filter(|c| *c != ',' && *c != '_').collect();
    let (number, scale) = match text.char_indices().last() {
        Some((i, u)) if u.is_ascii_alphabetic() => {
            let scale = match u.to_ascii_uppercase() {
                'K' => 1e3,
                'M' => 1e6,
                'B' | 'G' => 1e9,
                'T' => 1e12,
                _ => return Err(format!("{raw:?} has an unknown unit; write it like 7B, 350M or 1.5B")),
            };
            (&text[..i], scale)
        }
        _ => (text.as_str(), 1.0),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("{raw:?} is not a parameter count; write it like 7B, 350M or 1.5B"))?;
    let count = value * scale;
    if !count.is_finite() || !(0.0..=1e15).contains(&count) {
        return Err(format!("{raw:?} is not a plausible parameter count"));
    }
    if scale == 1.0 && count < 1e6 {
        return Err(format!("{raw:?} has no unit; write 8B for eight billion, 350M for millions"));
    }
    // Finite and within 0..=1e15, checked above: the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(count.round() as u64)
}

/// A parameter count for people: `7B`, `1.5B`, `350M`.
pub fn format_params(count: u64) -> String {
    let (value, unit) = match count {
        c if c >= 1_000_000_000_000 => (c as f64 / 1e12, "T"),
        c if c >= 1_000_000_000 => (c as f64 / 1e9, "B"),
        c if c >= 1_000_000 => (c as f64 / 1e6, "M"),
        c => (c as f64 / 1e3, "K"),
    };
    let text = format!("{value:.1}");
    format!("{}{unit}", text.trim_end_matches(".0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_counts_as_people_write_them() {
        let cases = [
            ("7B", Ok(7_000_000_000)),
            ("1.5b", Ok(1_500_000_000)),
            (" 350M ", Ok(350_000_000)),
            ("8000000000", Ok(8_000_000_000)),
            ("1,500,000,000", Ok(1_500_000_000)),
            ("0.5T", Ok(500_000_000_000)),
            ("135m", Ok(135_000_000)),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_params(raw), want, "{raw}");
        }
        for bad in ["8", "seven", "7X", "", "-3B", "1e400"] {
            assert!(parse_params(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parameter_counts_print_short() {
        assert_eq!(format_params(7_000_000_000), "7B");
        assert_eq!(format_params(1_540_000_000), "1.5B");
        assert_eq!(format_params(350_000_000), "350M");
        assert_eq!(format_params(32_000_000_000), "32B");
    }

    #[test]
    fn limits_are_read_once_from_text_or_numbers() {
        #[derive(Deserialize)]
        struct Limit {
            max: Params,
        }
        let read = |text: &str| toml::from_str::<Limit>(text).map(|l| l.max).map_err(|e| e.to_string());
        assert_eq!(read("max = \"32B\""), Ok(Params(32_000_000_000)));
        assert_eq!(read("max = 4000000000"), Ok(Params(4_000_000_000)));
        assert_eq!(read("max = \"4B\"").map(|p| p.to_string()), Ok("4B".to_owned()));
        for bad in ["max = \"lots\"", "max = 8", "max = \"-1B\""] {
            let err = read(bad).expect_err(bad);
            assert!(err.contains("max = "), "the line is quoted: {err}");
        }
    }
}
