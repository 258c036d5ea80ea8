//! The fast reading of a score file's body as the app writes it: its rows,
//! `[["id", [values], [times]], ...]`, scanned byte by byte, and its other keys through serde,
//! value by value. It reads only what it is sure of (keys and ids without escapes, values that
//! are null or 0-255, times that are null or whole numbers, maps that give each entry once) and
//! gives up on anything else, so that serde's reader reads that file instead and says what is
//! wrong with it, where. Reading
//! the rows was 40% of a merge of 1.5 million scores through serde, a call per value; finding
//! where the rows end through serde first, a further sixth.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;

use super::body::{ByEntry, Checked, Entries, Fields, Latest, ReadRows, Source};

/// The body, or `None` where it holds anything this reader does not take for certain (then
/// serde's reader is the judge of it).
pub(super) fn body(raw: &str) -> Option<Checked<'_>> {
    let mut walk = Scan { text: raw, bytes: raw.as_bytes(), at: 0 };
    let mut fields = Fields::default();
    walk.eat(b'{')?;
    if walk.peek()? == b'}' {
        walk.at += 1;
    } else {
        loop {
            let key = walk.string()?;
            walk.eat(b':')?;
            walk.space();
            fields.take(key, &mut walk).ok()?;
            match walk.peek()? {
                b',' => walk.at += 1,
                b'}' => {
                    walk.at += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    walk.space();
    if walk.at != walk.bytes.len() {
        return None;
    }
    fields.finish::<GaveUp>().ok()
}

/// Anything the fast reader is not sure of: serde's reader reads the body again.
#[derive(Debug)]
pub(super) struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("read again by serde")
    }
}

impl std::error::Error for GaveUp {}

impl serde::de::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GaveUp
    }
}

impl<'a> Source<'a> for Scan<'a> {
    type Error = GaveUp;

    /// A value other than the rows, through serde, from where the reader is to its end.
    fn value<T: Deserialize<'a>>(&mut self) -> Result<T, GaveUp> {
        let text: &'a str = self.text;
        let mut values = serde_json::Deserializer::from_str(text.get(self.at..).ok_or(GaveUp)?).into_iter::<T>();
        let value = values.next().ok_or(GaveUp)?.map_err(|_| GaveUp)?;
        self.at += values.byte_offset();
        Ok(value)
    }

    fn rows(&mut self) -> Result<ReadRows<'a>, GaveUp> {
        self.rows_list().ok_or(GaveUp)
    }

    /// A map by entry, each entry once: one that gives an entry twice is given up on, and serde's
    /// reader refuses it, naming the map and the entry.
    fn entries<V: Deserialize<'a>>(&mut self, _map: &'static str) -> Result<ByEntry<'a, V>, GaveUp> {
        self.value::<Entries<V>>().map(|entries| entries.0)
    }
}

struct Scan<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    /// The rows of a `scores` list.
    fn rows_list(&mut self) -> Option<ReadRows<'a>> {
        // About 40 bytes a row of three criteria: sized once, not grown by doubling, from what is
        // left of the body; at most for an event of 16,384 entries, as the notes that follow the
        // rows may be far longer than they are.
        let mut rows = ReadRows::with_capacity(((self.bytes.len() - self.at) / 40).min(1 << 14), 3);
        self.list(|s| {
            if s.compact_row(&mut rows).is_some() {
                return Some(());
            }
            s.eat(b'[')?;
            let id = s.string()?;
            s.eat(b',')?;
            s.list(|s| {
                let value = if s.null() { None } else { Some(u8::try_from(s.whole()?).ok()?) };
                rows.values.push(value);
                Some(())
            })?;
            s.eat(b',')?;
            let mut latest: Option<i64> = None;
            s.list(|s| {
                let time = if s.null() { None } else { Some(s.signed()?) };
                latest = latest.max(time);
                Some(())
            })?;
            s.eat(b']')?;
            rows.ids.push(Cow::Borrowed(id));
            rows.ends.push(rows.values.len());
            rows.latest.push(Latest(latest));
            Some(())
        })?;
        Some(rows)
    }

    /// A row as the app writes it, with no whitespace: `["id",[3,null,4],[0,30,null]]`, read
    /// with no step over whitespace between its parts; `None`, with nothing read or kept, for
    /// anything else, which the reader of any row then reads from the same place. Most rows of
    /// a merge are read here, at about twice the speed.
    fn compact_row(&mut self, rows: &mut ReadRows<'a>) -> Option<()> {
        /// Values a row reads here: more go to the reader of any row.
        const MOST: usize = 16;
        let bytes = self.bytes;
        let past = |expected: &[u8], at: usize| -> Option<usize> {
            (bytes.get(at..at + expected.len())? == expected).then_some(at + expected.len())
        };
        let start = past(b"[\"", self.at)?;
        let end = start + memchr::memchr2(b'"', b'\\', &bytes[start..])?;
        if bytes[end] != b'"' || bytes[start..end].iter().any(|b| *b < 0x20) {
            return None;
        }
        // Both ends are at a '"', an ASCII byte, so both are character boundaries.
        let id = self.text.get(start..end)?;
        let (mut values, mut count) = ([None; MOST], 0);
        let at = numbers_at(bytes, past(b",[", end + 1)?, false, |value| {
            *values.get_mut(count)? = value.map(u8::try_from).transpose().ok()?;
            count += 1;
            Some(())
        })?;
        let mut latest: Option<i64> = None;
        let at = numbers_at(bytes, past(b",[", at)?, true, |time| {
            latest = latest.max(time);
            Some(())
        })?;
        self.at = past(b"]", at)?;
        rows.values.extend_from_slice(&values[..count]);
        rows.ids.push(Cow::Borrowed(id));
        rows.ends.push(rows.values.len());
        rows.latest.push(Latest(latest));
        Some(())
    }

    /// Past JSON's whitespace.
    fn space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, not taken.
    fn peek(&mut self) -> Option<u8> {
        self.space();
        self.bytes.get(self.at).copied()
    }

    /// Takes `byte`, after whitespace, or gives up.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// A list, each item read by `item` (which starts after whitespace).
    fn list(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        loop {
            self.space();
            item(self)?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A string with no escapes and no control characters, borrowed from the text.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        let end = start + memchr::memchr2(b'"', b'\\', &self.bytes[start..])?;
        if self.bytes[end] != b'"' || self.bytes[start..end].iter().any(|b| *b < 0x20) {
            return None;
        }
        self.at = end + 1;
        // Both ends are at a '"', an ASCII byte, so both are character boundaries.
        self.text.get(start..end)
    }

    fn null(&mut self) -> bool {
        let null = self.bytes[self.at..].starts_with(b"null");
        if null {
            self.at += 4;
        }
        null
    }

    /// A whole number as JSON writes one ([`whole_at`]).
    fn whole(&mut self) -> Option<u64> {
        let (n, next) = whole_at(self.bytes, self.at)?;
        self.at = next;
        Some(n)
    }

    /// A whole number that may be negative; not `-0`, which serde reads as a float.
    fn signed(&mut self) -> Option<i64> {
        let (n, next) = signed_at(self.bytes, self.at)?;
        self.at = next;
        Some(n)
    }
}

/// A whole number as JSON writes one, at `at`: digits, no leading zero, no fraction or
/// exponent; at most 18 digits, so that it fits any type it is read into here. Read in one pass:
/// three million numbers in a merge of 1.5 million scores. Returns it and where it ends.
#[inline]
fn whole_at(bytes: &[u8], start: usize) -> Option<(u64, usize)> {
    match short_whole_at(bytes, start) {
        Short::Number(n, end) => return Some((n, end)),
        Short::Refused => return None,
        Short::Long => {}
    }
    let mut at = start;
    let mut n: u64 = 0;
    while let Some(digit) = bytes.get(at).map(|b| b.wrapping_sub(b'0')).filter(|d| *d < 10) {
        // Wrapping: past 18 digits the number is refused below, whatever it came to.
        n = n.wrapping_mul(10).wrapping_add(u64::from(digit));
        at += 1;
    }
    let digits = at - start;
    if digits == 0 || digits > 18 || (digits > 1 && bytes[start] == b'0') {
        return None;
    }
    if matches!(bytes.get(at), Some(b'.' | b'e' | b'E')) {
        return None;
    }
    Some((n, at))
}

/// [`whole_at`] for a number of at most seven digits with a byte after it, read from eight
/// bytes at once: its length from where the first byte that is not a digit is, its value by
/// three multiplications, with no step a digit. A longer number, or one within eight bytes of
/// the text's end, is [`Short::Long`]: the loop of [`whole_at`] reads it.
#[allow(clippy::inline_always)] // called for three million numbers in a merge of 1.5 million scores
#[inline(always)]
fn short_whole_at(bytes: &[u8], start: usize) -> Short {
    const LOW: u64 = 0x0F0F_0F0F_0F0F_0F0F;
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    let Some(eight) = bytes.get(start..start + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) else { return Short::Long };
    // '0' to '9' become 0 to 9; any other byte has a bit in its high half, or does once 6 is
    // added (10 to 15 become 16 to 21). A carry out of a byte past 0xF9 reaches only the bytes
    // after it, which are past the number's end.
    let x = u64::from_le_bytes(eight) ^ 0x3030_3030_3030_3030;
    let not_digit = (x | x.wrapping_add(0x0606_0606_0606_0606)) & HIGH;
    let digits = (not_digit.trailing_zeros() / 8) as usize;
    if digits == 8 {
        return Short::Long;
    }
    let end = start + digits;
    if digits == 0 || (digits > 1 && eight[0] == b'0') || matches!(eight[digits], b'.' | b'e' | b'E') {
        return Short::Refused;
    }
    // The digits moved to the top bytes, the first the most significant, zeros before them;
    // then pairs, fours and eights of digits are joined.
    let v = (x & LOW) << (64 - 8 * digits);
    let v = (v.wrapping_mul(10) + (v >> 8)) & 0x00FF_00FF_00FF_00FF;
    let v = (v.wrapping_mul(100) + (v >> 16)) & 0x0000_FFFF_0000_FFFF;
    let v = (v.wrapping_mul(10_000) + (v >> 32)) & 0xFFFF_FFFF;
    Short::Number(v, end)
}

/// What [`short_whole_at`] made of eight bytes.
enum Short {
    /// The number, and where it ends.
    Number(u64, usize),
    /// Not a number JSON writes (no digit, a leading zero, a fraction or an exponent).
    Refused,
    /// Eight digits or more, or fewer than eight bytes left: read digit by digit.
    Long,
}

/// A whole number at `start` that may be negative ([`whole_at`] after an optional `-`); not
/// `-0`, which serde reads as a float. Returns it and where it ends.
fn signed_at(bytes: &[u8], start: usize) -> Option<(i64, usize)> {
    let negative = bytes.get(start) == Some(&b'-');
    let (n, at) = whole_at(bytes, start + usize::from(negative))?;
    let n = i64::try_from(n).ok()?;
    match (negative, n) {
        (true, 0) => None,
        (true, n) => Some((-n, at)),
        (false, n) => Some((n, at)),
    }
}

/// A list of numbers or nulls with no whitespace, from just after its `[`, each given to
/// `each` (which may refuse it); negative ones only with `signed` ([`signed_at`]). Returns where
/// the list ends, past its `]`.
fn numbers_at(
    bytes: &[u8],
    mut at: usize,
    signed: bool,
    mut each: impl FnMut(Option<i64>) -> Option<()>,
) -> Option<usize> {
    if bytes.get(at) == Some(&b']') {
        return Some(at + 1);
    }
    loop {
        // What the number is, from its first byte: a digit (nearly every one), the `n` of a
        // null, or a minus sign.
        let first = *bytes.get(at)?;
        let number = if first.is_ascii_digit() && matches!(bytes.get(at + 1), Some(b',' | b']')) {
            // One digit, as nearly every mark is: the list's next byte ends it. Read so, the
            // three million numbers of a merge of 1.5 million scores took a fifteenth less time.
            at += 1;
            Some(i64::from(first - b'0'))
        } else if first.is_ascii_digit() {
            let (n, next) = whole_at(bytes, at)?;
            at = next;
            // At most 18 digits: within an i64.
            Some(i64::try_from(n).ok()?)
        } else if first == b'n' {
            (bytes.get(at..at + 4)? == b"null").then_some(())?;
            at += 4;
            None
        } else if signed {
            let (n, next) = signed_at(bytes, at)?;
            at = next;
            Some(n)
        } else {
            return None;
        };
        each(number)?;
        match bytes.get(at)? {
            b',' => at += 1,
            b']' => return Some(at + 1),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::body::{Checked, parse};

    fn body(scores: &str) -> String {
        format!(
            r#"{{"event":"e","rubric":"r","judge":"j","written_at":"w","criteria":["a","b","c"],"times_from":0,"scores":{scores}}}"#
        )
    }

    /// Every list reads as serde alone reads it: the same rows, or the same error at the same
    /// line and column. The lists the app writes, with any whitespace, are read by the fast reader.
    #[test]
    fn rows_read_fast_as_serde_reads_them_and_anything_else_by_serde() {
        let fast = [
            "[]",
            " [ ] ",
            r#"[["a",[3,4,5],[0,30,60]],["b",[1,null,2],[null,null,90]]]"#,
            "[\n  [ \"a\" , [ 3 , 4 , 5 ] , [ 0 , 30 , 60 ] ] ,\r\n\t[\"b\",[],[]]\n]",
            r#"[["a",[null,null,null],[null,null,null]]]"#,
            r#"[["a",[0,255,9],[-5,0,1781000000000]]]"#,
            r#"[["café ünï",[1,2,3],[1,2,3]]]"#,
            r#"[["a",[],[]],["b",[1],[-2,null]],["c",[null],[]]]"#,
            // More values than a compact row reads: the reader of any row reads it.
            r#"[["a",[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],[1]]]"#,
            "[[\"a\",[1,2,3],[1,2,3]] , [\"b\",[4,5,6],[4,5,6]]]",
            // One digit before the list's end or its next value, and longer numbers beside.
            r#"[["a",[0,9,1],[0,9]],["b",[10,5,99],[5,10,-5,7]]]"#,
            r#"[["a",[1,2,3],[0 ,2,3]]]"#,
        ];
        let given_up = [
            r#"[["a\"b",[1,2,3],[1,2,3]]]"#,
            r#"[["caf\u00e9",[1,2,3],[1,2,3]]]"#,
            "[[\"a\tb\",[1,2,3],[1,2,3]]]",
            r#"[["a",[256,2,3],[1,2,3]]]"#,
            r#"[["a",[-1,2,3],[1,2,3]]]"#,
            r#"[["a",[-0,2,3],[1,2,3]]]"#,
            r#"[["a",[1,2,3],[1,-0,3]]]"#,
            r#"[["a",[3.5,2,3],[1,2,3]]]"#,
            r#"[["a",[1e0,2,3],[1,2,3]]]"#,
            r#"[["a",[03,2,3],[1,2,3]]]"#,
            r#"[["a",[1,2,3],[1.5,2,3]]]"#,
            r#"[["a",[1,2,3],[99999999999999999999,2,3]]]"#,
            r#"[["a",[1,2,3],[-9223372036854775808]]]"#,
            r#"[["a",[1,2,3],[1,2,3],[4]]]"#,
            r#"[["a",[1,2,3]]]"#,
            r#"[["a",[1,2,3],[1,2,3]],]"#,
            r#"[["a",[nul,2,3],[1,2,3]]]"#,
            r#"[["a",[nullx,2,3],[1,2,3]]]"#,
            r#"[["a",[true,2,3],[1,2,3]]]"#,
            r#"[["a",["3",2,3],[1,2,3]]]"#,
            "[[7,[1,2,3],[1,2,3]]]",
            r#"[["a",[1,2,3],[1,2,3]]"#,
            r#"{"a":[1,2,3]}"#,
            r#"[["a",[1,,3],[1,2,3]]]"#,
            r#"[["a",[1,2,3],[1,2,3]]]]"#,
            r#"[["a",[1,2,3],[--1]]]"#,
            r#"[["a",[1,2,3],[1,]]]"#,
            r#"[["a",[,],[1]]]"#,
            r#"[["a",[0x,2,3],[1,2,3]]]"#,
            r#"[["a",[1,2,3],[5,2,3]],["b",[1,2,3],[9]]"#,
        ];
        for (list, fast_reads) in fast.iter().map(|l| (l, true)).chain(given_up.iter().map(|l| (l, false))) {
            let text = body(list);
            assert_eq!(super::body(&text).is_some(), fast_reads, "{list}");
            let slow = serde_json::from_str::<Checked>(&text);
            assert_eq!(format!("{:?}", parse(&text)), format!("{slow:?}"), "{list}");
        }
    }

    /// Every number reads as JSON's rules say, whether its eight bytes are read at once (a
    /// short number with bytes after it) or digit by digit (a long one, or one at the text's end):
    /// the same value, the same end, the same refusals, whatever byte follows.
    #[test]
    fn numbers_read_alike_at_once_and_digit_by_digit() {
        let numbers = [
            "",
            "0",
            "7",
            "10",
            "09",
            "99",
            "100",
            "255",
            "256",
            "1234567",
            "12345678",
            "0000000",
            "149970",
            "1781000000000",
            "999999999999999999",
            "1000000000000000000",
            "0123456",
        ];
        let after: [&[u8]; 12] =
            [b",", b"]", b".5", b"e3", b"E", b"x", b" ", b"\xc3\xa9", b"\xfa\x31", b"\xcf\x31", b"/", b":"];
        for number in numbers {
            for next in after {
                for padding in [&b""[..], b"0", b",1,2,3,4,5,6,7]"] {
                    let text = [number.as_bytes(), next, padding].concat();
                    let digits = number.len();
                    let expected = (digits > 0
                        && digits <= 18
                        && !(digits > 1 && number.starts_with('0'))
                        && !matches!(next[0], b'.' | b'e' | b'E'))
                    .then(|| (number.parse::<u64>().expect("digits"), digits));
                    assert_eq!(super::whole_at(&text, 0), expected, "{:?}", String::from_utf8_lossy(&text));
                }
            }
        }
    }

    /// Every key the app writes (notes of every part, stopwatch times, readings, revisions,
    /// comparisons) is read by the fast reader, as serde reads it; a body it is unsure of (a key
    /// with an escape, whitespace anywhere JSON allows it) is read as serde reads it.
    #[test]
    fn every_key_as_written_reads_fast_as_serde_reads_it() {
        use crate::model::{ByPart, Compared, Pair, Verdict};
        let written = super::super::body::Body {
            event: "e".into(),
            judge: "j".into(),
            criteria: vec!["a".into()],
            scores: vec![("x".into(), vec![Some(3)], vec![Some(1_781_000_000_000)])],
            timings: [("x".to_owned(), 42.5)].into(),
            readings: [("x".to_owned(), vec![40.0, 45.0])].into(),
            revisions: [("x".to_owned(), "abc1234".to_owned())].into(),
            texts: ByPart::from_fn(|part| [("x".to_owned(), format!("{part:?}: \"quoted\" \u{e9}\n"))].into()),
            comparisons: vec![(
                Pair::new("x", "y").expect("two entries"),
                Compared { verdict: Verdict::First, note: Some("close".into()) },
            )],
            ..Default::default()
        };
        let text = crate::scorefile::write(&written, None).expect("written");
        let (_, _, raw) = super::super::split(&text).expect("a body as written");
        let slow = serde_json::from_str::<Checked>(raw).expect("serde reads it");
        let fast = super::body(raw).expect("the fast reader reads it");
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
        for text in [
            r#"{"ev\u0065nt":"e","rubric":"r","judge":"j","written_at":"w","criteria":["a"],"scores":[]}"#,
            " {\n \"event\" : \"e\" ,\t\"rubric\":\"r\",\"judge\":\"j\",\"written_at\":\"w\",\"criteria\":[],\"scores\":[] } \n",
            "{}",
            r#"{"event":"e","event":"e"}"#,
        ] {
            let slow = serde_json::from_str::<Checked>(text);
            assert_eq!(format!("{:?}", parse(text)), format!("{slow:?}"), "{text}");
        }
    }

    /// A body whose other keys are broken is said to be so as before, whether the rows came first.
    #[test]
    fn the_rest_of_the_body_is_read_as_before() {
        for text in [
            r#"{"scores":[["a",[1,2,3],[1,2,3]]],"event":7}"#,
            r#"{"scores":[["a",[1,2,3],[1,2,3]]],"scores":[]}"#,
            r#"{"scores":[["a",[1,2,3],[1,2,3]]]} trailing"#,
            r#"{"scores":[["a",[1,2,3],[1,2,3]]],"nonsense":1}"#,
            r#"{"event":"e","scores":[["a",[1.5,2,3],[1,2,3]]],"event":"f"}"#,
        ] {
            let slow = serde_json::from_str::<Checked>(text);
            assert!(slow.is_err(), "{text}");
            assert_eq!(format!("{:?}", parse(text)), format!("{slow:?}"), "{text}");
        }
    }
}
