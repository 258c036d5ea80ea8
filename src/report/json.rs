//! JSON as every command prints it (pretty) and a score file holds (compact), with nothing in a
//! string that a terminal would act on or a reader could not see.
//!
//! JSON is data, so an entrant's title is kept as given; but serde escapes only C0 controls, and
//! a title's bidi override (U+202E), C1 control or zero-width space went out raw, to reorder or
//! hide what a terminal showing the JSON drew. Each such character ([`crate::sanitize::hides`])
//! is written as its `\uXXXX` escape instead: the JSON parses to the very same value.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use std::io::{self, Write};

/// `value` as pretty JSON, each character a reader could not see escaped, with no final newline.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    written(value, PrettyFormatter::new())
}

/// `value` as compact JSON (a score file's body), each character a reader could not see escaped.
pub fn compact<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    written(value, CompactFormatter)
}

fn written<T: Serialize + ?Sized, F: Formatter>(value: &T, layout: F) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(4096);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Escaping(layout));
    value.serialize(&mut serializer)?;
    // The serializer writes only whole UTF-8 strings and ASCII escapes.
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::new(io::ErrorKind::InvalidData, e)))
}

/// A formatter that escapes what [`crate::sanitize::hides`] names, and lays out as its inner one.
struct Escaping<F>(F);

/// Every layout call goes to the inner formatter: only strings' text is written here.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(writer $(, $arg)*)
        }
    )*};
}

impl<F: Formatter> Formatter for Escaping<F> {
    forward! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if !fragment.chars().any(crate::sanitize::hides) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut units = [0u16; 2];
        for c in fragment.chars() {
            if crate::sanitize::hides(c) {
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
            } else {
                writer.write_all(c.encode_utf8(&mut [0; 4]).as_bytes())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    /// Each character a terminal acts on or a reader cannot see is written escaped, nothing else
    /// is, and the JSON reads back as the value given.
    #[test]
    fn what_a_reader_cannot_see_is_escaped_and_the_value_kept() {
        for (raw, written) in [
            ("plain café 日本 ✓", "plain café 日本 ✓"),
            ("gnp\u{202e}.exe", "gnp\\u202e.exe"),
            ("\u{2066}isolate\u{2069}", "\\u2066isolate\\u2069"),
            ("mark\u{200e}\u{200f}\u{61c}", "mark\\u200e\\u200f\\u061c"),
            ("c1\u{9b}31m del\u{7f}", "c1\\u009b31m del\\u007f"),
            ("zero\u{200b}width\u{feff}", "zero\\u200bwidth\\ufeff"),
            ("esc\u{1b}[2J", "esc\\u001b[2J"),
            ("line\u{2028}para\u{2029}", "line\\u2028para\\u2029"),
            ("quote \" and \\", "quote \\\" and \\\\"),
        ] {
            let value = json!({ "title": raw, raw: [raw] });
            let text = super::pretty(&value).expect("json");
            assert!(text.contains(&format!("\"{written}\"")), "{raw:?} written as {text}");
            // The layout's own newlines aside, nothing hidden is left raw.
            assert!(text.chars().all(|c| c == '\n' || !crate::sanitize::hides(c)), "{text:?}");
            assert_eq!(serde_json::from_str::<Value>(&text).expect("reads back"), value, "{text}");
        }
    }

    /// The layouts are serde's: the escaping changes strings' text only.
    #[test]
    fn laid_out_as_serde_lays_out() {
        let value = json!({ "a": [1, { "b": null }], "c": [], "d": {}, "e": "x" });
        assert_eq!(super::pretty(&value).expect("json"), serde_json::to_string_pretty(&value).expect("json"));
        assert_eq!(super::compact(&value).expect("json"), serde_json::to_string(&value).expect("json"));
    }
}
