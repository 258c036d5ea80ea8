//! A score file's body: what a judge gave, as written ([`Body`], [`Written`]) and as the merge
//! reads it ([`Checked`]). The text parts of a judge's sheet travel under the keys their
//! declarations name (`TextPart::spec().key`), so a new part needs no edit here.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{ByPart, Compared, Pair, TextPart};

/// One submission's scores as a score file carries them: its id, a value per criterion in the
/// rubric's order (`None` where not scored), and when each was given, in Unix milliseconds.
pub type ScoreRow = (String, Vec<Option<u8>>, Vec<Option<i64>>);

/// What a judge gave, as written to the file. `Body { event, judge, .., ..Body::default() }`
/// builds one with nothing but what it names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub event: String,
    /// The rubric's fingerprint: criteria, scales and weights.
    pub rubric: String,
    pub judge: String,
    pub written_at: String,
    /// The rubric's criteria, in the order of each row's values.
    pub criteria: Vec<String>,
    /// Per scored submission: id, value per criterion (null if not scored), and when each was
    /// given in Unix milliseconds.
    pub scores: Vec<ScoreRow>,
    /// Stopwatch seconds per submission: the median of its readings.
    pub timings: BTreeMap<String, f64>,
    /// Every stopwatch reading per submission, in seconds (version 3).
    pub readings: BTreeMap<String, Vec<f64>>,
    /// The Space's commit each submission was scored on, when the Hub said (version 3).
    pub revisions: BTreeMap<String, String>,
    /// Each text part's texts, by submission: the jury's notes, the team's notes (version 3),
    /// recusals with their reasons.
    pub texts: ByPart<BTreeMap<String, String>>,
    /// The judge's answers in the finals, one a pair (version 5).
    pub comparisons: Vec<(Pair, Compared)>,
}

/// One comparison as a file carries it: `{"pair": [A, B], "verdict": "first", "note": "…"}`,
/// the verdict said of the pair in the order written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonRow<'a> {
    #[serde(borrow)]
    pub pair: [Cow<'a, str>; 2],
    #[serde(borrow)]
    pub verdict: Cow<'a, str>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Cow<'a, str>>,
}

/// A row as version 2 and later write it: id, values, and seconds after `times_from`.
pub(super) type WrittenRow<'a> = (&'a str, &'a [Option<u8>], Vec<Option<i64>>);

/// The body as written since version 3: times as seconds after the earliest.
pub(super) struct Written<'a> {
    pub body: &'a Body,
    pub times_from: i64,
    pub scores: Vec<WrittenRow<'a>>,
}

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let b = self.body;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("event", &b.event)?;
        map.serialize_entry("rubric", &b.rubric)?;
        map.serialize_entry("judge", &b.judge)?;
        map.serialize_entry("written_at", &b.written_at)?;
        map.serialize_entry("criteria", &b.criteria)?;
        map.serialize_entry("times_from", &self.times_from)?;
        map.serialize_entry("scores", &self.scores)?;
        map.serialize_entry("timings", &b.timings)?;
        map.serialize_entry("readings", &b.readings)?;
        map.serialize_entry("revisions", &b.revisions)?;
        for (part, texts) in b.texts.iter() {
            map.serialize_entry(part.spec().key, texts)?;
        }
        // Only a file with comparisons has the key, and only such a file is version 5: a judge
        // who took no part in the finals sends what earlier builds read.
        if !b.comparisons.is_empty() {
            let rows: Vec<ComparisonRow> = b
                .comparisons
                .iter()
                .map(|(pair, c)| ComparisonRow {
                    pair: [Cow::Borrowed(pair.first.as_str()), Cow::Borrowed(pair.second.as_str())],
                    verdict: Cow::Borrowed(c.verdict.key()),
                    note: c.note.as_deref().map(Cow::Borrowed),
                })
                .collect();
            map.serialize_entry(crate::model::COMPARISONS.key, &rows)?;
        }
        map.end()
    }
}

/// The rows as the merge reads them: each row's id (borrowed where it can be), its values and
/// the latest of its times as written. The values of every row are kept in one list, each row's
/// end marked, so that reading 5,000 rows makes a few allocations, not one a row.
#[derive(Debug, Default)]
pub struct ReadRows<'a> {
    pub(super) ids: Vec<Cow<'a, str>>,
    pub(super) values: Vec<Option<u8>>,
    pub(super) ends: Vec<usize>,
    pub(super) latest: Vec<Latest>,
}

impl<'a> ReadRows<'a> {
    pub(super) fn with_capacity(rows: usize, values_per_row: usize) -> Self {
        ReadRows {
            ids: Vec::with_capacity(rows),
            values: Vec::with_capacity(rows * values_per_row),
            ends: Vec::with_capacity(rows),
            latest: Vec::with_capacity(rows),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Each row: its id, its values (as many as the file gave) and the latest of its times.
    pub fn iter(&self) -> impl Iterator<Item = (&Cow<'a, str>, &[Option<u8>], Latest)> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        self.ids
            .iter()
            .zip(starts.zip(&self.ends))
            .zip(&self.latest)
            .map(|((id, (start, end)), latest)| (id, &self.values[start..*end], *latest))
    }
}

/// The latest of a row's times, as the file counts time: what the merge needs of them (when the
/// entry was fully scored), read without keeping the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Latest(pub Option<i64>);

impl<'de> Deserialize<'de> for Latest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Times;
        impl<'de> Visitor<'de> for Times {
            type Value = Latest;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of times")
            }

            fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<Latest, S::Error> {
                let mut latest: Option<i64> = None;
                while let Some(time) = seq.next_element::<Option<i64>>()? {
                    latest = latest.max(time);
                }
                Ok(Latest(latest))
            }
        }
        deserializer.deserialize_seq(Times)
    }
}

/// A body as the merge reads it: borrowed from the file's text where it can be.
#[derive(Debug)]
pub struct Checked<'a> {
    pub event: Cow<'a, str>,
    pub rubric: Cow<'a, str>,
    pub judge: Cow<'a, str>,
    pub written_at: Cow<'a, str>,
    pub criteria: Vec<Cow<'a, str>>,
    /// Each row: id, a value per criterion, and when each was given as the file counts time
    /// (see [`Checked::given`]).
    pub scores: ReadRows<'a>,
    /// Version 2 on: the Unix second the rows' times count from, in seconds; without it
    /// (version 1) the times are Unix milliseconds.
    pub times_from: Option<i64>,
    /// Read for the head judge's view of each entry: every judge's stopwatch time.
    pub timings: BTreeMap<Cow<'a, str>, f64>,
    /// Version 3: every reading, and the Space revision each entry was scored on.
    pub readings: BTreeMap<Cow<'a, str>, Vec<f64>>,
    pub revisions: BTreeMap<Cow<'a, str>, Cow<'a, str>>,
    /// Each text part's texts, by entry; a part the file does not have is empty.
    pub texts: ByPart<BTreeMap<Cow<'a, str>, Cow<'a, str>>>,
    /// Version 5: the judge's answers in the finals, as written (checked by `read`).
    pub comparisons: Vec<ComparisonRow<'a>>,
    /// The SHA-256 of the body's bytes, in hex: two files with the same body are one file.
    pub digest: String,
}

impl Checked<'_> {
    /// When a row's scores were all given, in Unix seconds: the latest of its times, whichever
    /// version wrote them; `None` when the row carries none.
    pub fn given(&self, latest: Latest) -> Option<f64> {
        let latest = latest.0?;
        Some(match self.times_from {
            // Added as floats: a hostile file's two i64s may overflow as integers.
            Some(from) => from as f64 + latest as f64,
            None => latest as f64 / 1000.0,
        })
    }

    /// Whether the judge stepped back from the entry: their marks on it do not count.
    pub fn sets_aside(&self, id: &str) -> bool {
        self.texts.iter().any(|(part, texts)| part.sets_aside() && texts.contains_key(id))
    }
}

/// The keys a body has besides its text parts'.
const FIELDS: [&str; 11] = [
    "event",
    "rubric",
    "judge",
    "written_at",
    "criteria",
    "times_from",
    "scores",
    "timings",
    "readings",
    "revisions",
    crate::model::COMPARISONS.key,
];

// Wrappers that let a value borrow from the file's text, as `#[serde(borrow)]` does on a field.
#[derive(Deserialize)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);
#[derive(Deserialize)]
struct Texts<'a>(#[serde(borrow)] Vec<Cow<'a, str>>);
/// The `scores` list, read row by row into [`ReadRows`]: a row is `[id, [values], [times]]`.
struct Rows<'a>(ReadRows<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for Rows<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct List<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for List<'a> {
            type Value = ReadRows<'a>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of rows")
            }

            fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<ReadRows<'a>, S::Error> {
                let mut rows = ReadRows::default();
                while seq.next_element_seed(Row(&mut rows))?.is_some() {}
                Ok(rows)
            }
        }
        deserializer.deserialize_seq(List(PhantomData)).map(Rows)
    }
}

/// One row, added to the rows read so far.
struct Row<'r, 'a>(&'r mut ReadRows<'a>);

impl<'de: 'a, 'a> de::DeserializeSeed<'de> for Row<'_, 'a> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for Row<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row: [id, [values], [times]]")
    }

    fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let rows = self.0;
        let short = |n: usize| de::Error::invalid_length(n, &"a row of 3: [id, [values], [times]]");
        let id = seq.next_element::<Text>()?.ok_or_else(|| short(0))?.0;
        // A bad value is said with its row's id: "sprout-sense: a score of 300: …".
        seq.next_element_seed(Values(&mut rows.values))
            .map_err(|e| {
                // The reader places the error again: its first place is left out.
                let said = e.to_string();
                let said = said.split(" at line ").next().unwrap_or(&said);
                de::Error::custom(format!("{}: {said}", crate::sanitize::quoted(&id)))
            })?
            .ok_or_else(|| short(1))?;
        let latest = seq.next_element::<Latest>()?.ok_or_else(|| short(2))?;
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(4, &"a row of 3: [id, [values], [times]]"));
        }
        rows.ids.push(id);
        rows.ends.push(rows.values.len());
        rows.latest.push(latest);
        Ok(())
    }
}

/// A row's values, added to the values of the rows before it.
struct Values<'r>(&'r mut Vec<Option<u8>>);

impl<'de> de::DeserializeSeed<'de> for Values<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Values<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of values")
    }

    fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(value) = seq.next_element::<Option<Score>>()? {
            self.0.push(value.map(|s| s.0));
        }
        Ok(())
    }
}

/// One value of a row: a whole number a scale can hold (0 to 255), said so when it is not,
/// rather than in serde's terms ("expected u8").
struct Score(u8);

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Whole;
        impl Visitor<'_> for Whole {
            type Value = Score;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a score: a whole number on its criterion's scale, or null")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Score, E> {
                u8::try_from(v).map(Score).map_err(|_| E::custom(format!("a score of {v}: no scale runs past 255")))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Score, E> {
                u8::try_from(v).map(Score).map_err(|_| E::custom(format!("a score of {v}: a scale runs from 0 up")))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Score, E> {
                // A whole number past any scale (1e308, which JSON reads as a float) is said to
                // be so, in exponent form: it had been "a score is a whole number", with 309
                // digits.
                if v.fract() == 0.0 && v.abs() > 255.0 {
                    let why = if v < 0.0 { "a scale runs from 0 up" } else { "no scale runs past 255" };
                    return Err(E::custom(format!("a score of {}: {why}", crate::format::refused_number(v))));
                }
                Err(E::custom(format!("a score of {v}: a score is a whole number")))
            }
        }
        deserializer.deserialize_any(Whole)
    }
}
#[derive(Deserialize)]
struct Comparisons<'a>(#[serde(borrow)] Vec<ComparisonRow<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for Checked<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BodyVisitor(PhantomData))
    }
}

/// Reads a body as [`Checked`]'s `Deserialize` does: through the fast reader (`rows::body`)
/// where it is sure of every byte, else through serde alone, so that a broken file is said to be
/// broken exactly as before, at the same line and column.
pub fn parse(raw: &str) -> serde_json::Result<Checked<'_>> {
    super::rows::body(raw).map_or_else(|| serde_json::from_str(raw), Ok)
}

struct BodyVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for BodyVisitor<'a> {
    type Value = Checked<'a>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a score file's body")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Checked<'a>, M::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            fields.take(&key, &mut Serde(&mut map))?;
        }
        fields.finish()
    }
}

/// Where a body's values come from, key by key: serde's reader of the map ([`Serde`]) or the
/// fast reader, which reads the rows itself.
pub(super) trait Source<'de> {
    type Error: de::Error;
    fn value<T: Deserialize<'de>>(&mut self) -> Result<T, Self::Error>;
    fn rows(&mut self) -> Result<ReadRows<'de>, Self::Error>;
    /// A map by entry, each entry once ([`EachOnce`]): `map` names it where it is refused.
    fn entries<V: Deserialize<'de>>(&mut self, map: &'static str) -> Result<ByEntry<'de, V>, Self::Error>;
}

struct Serde<'m, M>(&'m mut M);

impl<'de, M: MapAccess<'de>> Source<'de> for Serde<'_, M> {
    type Error = M::Error;

    fn value<T: Deserialize<'de>>(&mut self) -> Result<T, M::Error> {
        self.0.next_value()
    }

    fn rows(&mut self) -> Result<ReadRows<'de>, M::Error> {
        self.0.next_value::<Rows>().map(|rows| rows.0)
    }

    fn entries<V: Deserialize<'de>>(&mut self, map: &'static str) -> Result<ByEntry<'de, V>, M::Error> {
        self.0.next_value_seed(EachOnce::new(map))
    }
}

/// A map of the body by entry (`notes`, `timings`, ...), with the keys borrowed where they can be.
pub(super) type ByEntry<'a, V> = BTreeMap<Cow<'a, str>, V>;

/// Reads a map of the body by entry, each entry once. serde's own map keeps the last of two
/// values for one key without a word, as the body's keys are not (`once`); the app writes each
/// map from a map, so a file that gives an entry twice was edited, and is refused naming the map
/// and the entry. The check is one look-up an entry, made as the entry is kept.
pub(super) struct EachOnce<'a, V> {
    map: &'static str,
    read: PhantomData<ByEntry<'a, V>>,
}

impl<V> EachOnce<'_, V> {
    pub(super) fn new(map: &'static str) -> Self {
        EachOnce { map, read: PhantomData }
    }
}

impl<'de: 'a, 'a, V: Deserialize<'de>> de::DeserializeSeed<'de> for EachOnce<'a, V> {
    type Value = ByEntry<'a, V>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de: 'a, 'a, V: Deserialize<'de>> Visitor<'de> for EachOnce<'a, V> {
    type Value = ByEntry<'a, V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // As serde's map says it, so that a body of the wrong shape is said to be as before.
        f.write_str("a map")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut access: M) -> Result<Self::Value, M::Error> {
        let mut read = BTreeMap::new();
        while let Some(Text(entry)) = access.next_key()? {
            let value = access.next_value()?;
            match read.entry(entry) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(slot) => {
                    return Err(de::Error::custom(format_args!(
                        "{} has {} twice; the app writes each entry once",
                        self.map,
                        crate::sanitize::in_quotes(slot.key())
                    )));
                }
            }
        }
        Ok(read)
    }
}

/// [`EachOnce`] as a type, for the fast reader, which reads values by type and gives a body it
/// is unsure of to serde's reader: that one then says what is wrong, naming the map.
pub(super) struct Entries<'a, V>(pub(super) ByEntry<'a, V>);

impl<'de: 'a, 'a, V: Deserialize<'de>> Deserialize<'de> for Entries<'a, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        de::DeserializeSeed::deserialize(EachOnce::new("a map"), deserializer).map(Entries)
    }
}

/// A body's fields as they are read, each once: the one place that knows its keys.
#[derive(Default)]
pub(super) struct Fields<'a> {
    event: Option<Cow<'a, str>>,
    rubric: Option<Cow<'a, str>>,
    judge: Option<Cow<'a, str>>,
    written_at: Option<Cow<'a, str>>,
    criteria: Option<Vec<Cow<'a, str>>>,
    scores: Option<ReadRows<'a>>,
    times_from: Option<i64>,
    timings: Option<BTreeMap<Cow<'a, str>, f64>>,
    readings: Option<BTreeMap<Cow<'a, str>, Vec<f64>>>,
    revisions: Option<BTreeMap<Cow<'a, str>, Cow<'a, str>>>,
    comparisons: Option<Vec<ComparisonRow<'a>>>,
    texts: ByPart<Option<BTreeMap<Cow<'a, str>, Cow<'a, str>>>>,
}

impl<'a> Fields<'a> {
    /// Reads the value of `key` from `source`.
    pub(super) fn take<S: Source<'a>>(&mut self, key: &str, source: &mut S) -> Result<(), S::Error> {
        match key {
            "event" => once(&mut self.event, "event", source.value::<Text>()?.0),
            "rubric" => once(&mut self.rubric, "rubric", source.value::<Text>()?.0),
            "judge" => once(&mut self.judge, "judge", source.value::<Text>()?.0),
            "written_at" => once(&mut self.written_at, "written_at", source.value::<Text>()?.0),
            "criteria" => once(&mut self.criteria, "criteria", source.value::<Texts>()?.0),
            "scores" => once(&mut self.scores, "scores", source.rows()?),
            "timings" => once(&mut self.timings, "timings", source.entries("timings")?),
            "readings" => once(&mut self.readings, "readings", source.entries("readings")?),
            "revisions" => once(&mut self.revisions, "revisions", source.entries("revisions")?),
            "comparisons" => once(&mut self.comparisons, "comparisons", source.value::<Comparisons>()?.0),
            // Version 2 on: what the rows' times count from.
            "times_from" => once(&mut self.times_from, "times_from", source.value()?),
            other => match TextPart::from_key(other) {
                Some(part) => once(&mut self.texts[part], part.spec().key, source.entries(part.spec().key)?),
                None => Err(unknown(other)),
            },
        }
    }

    /// The body, once every key is read: the keys every body has must have been there.
    pub(super) fn finish<E: de::Error>(self) -> Result<Checked<'a>, E> {
        let need = |field: &'static str| E::missing_field(field);
        let mut texts = self.texts;
        Ok(Checked {
            event: self.event.ok_or_else(|| need("event"))?,
            rubric: self.rubric.ok_or_else(|| need("rubric"))?,
            judge: self.judge.ok_or_else(|| need("judge"))?,
            written_at: self.written_at.ok_or_else(|| need("written_at"))?,
            criteria: self.criteria.ok_or_else(|| need("criteria"))?,
            scores: self.scores.ok_or_else(|| need("scores"))?,
            times_from: self.times_from,
            timings: self.timings.unwrap_or_default(),
            readings: self.readings.unwrap_or_default(),
            revisions: self.revisions.unwrap_or_default(),
            texts: ByPart::from_fn(|part| texts[part].take().unwrap_or_default()),
            comparisons: self.comparisons.unwrap_or_default(),
            digest: String::new(),
        })
    }
}

/// Sets a field seen for the first time; a key given twice is refused, as serde's derive does.
fn once<T, E: de::Error>(slot: &mut Option<T>, field: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(field));
    }
    *slot = Some(value);
    Ok(())
}

fn unknown<E: de::Error>(key: &str) -> E {
    let parts = TextPart::ALL.map(|p| p.spec().key);
    let known: Vec<&str> = FIELDS.iter().copied().chain(parts).collect();
    E::custom(format_args!(
        "unknown field `{}`, expected one of {}",
        // Shown, not cleaned: "note<ESC>[2Js" cleaned is "notes", a field it is not.
        crate::sanitize::quoted(key),
        known.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(body: &Body) -> String {
        serde_json::to_string(&Written { body, times_from: 0, scores: Vec::new() }).expect("written")
    }

    /// A hostile file's times past what an i64 sum holds are read as a (far) time, not a crash.
    #[test]
    fn times_that_overflow_when_added_are_read_without_a_crash() {
        let text = r#"{"event":"e","rubric":"r","judge":"j","written_at":"w","criteria":["a"],"times_from":9223372036854775807,"scores":[["a",[1],[999999999999999999]]]}"#;
        let body = super::parse(text).expect("read");
        let (_, _, latest) = body.scores.iter().next().expect("a row");
        assert!(body.given(latest).is_some_and(|t| t > 9.2e18), "{:?}", body.given(latest));
    }

    #[test]
    fn every_text_part_travels_under_its_key_and_comes_back() {
        let body = Body {
            texts: ByPart::from_fn(|part| [(format!("{part:?}-entry"), format!("{part:?} text"))].into()),
            ..Body::default()
        };
        let text = written(&body);
        let read: Checked = serde_json::from_str(&text).expect("read back");
        for part in TextPart::ALL {
            assert!(text.contains(&format!("\"{}\":{{\"{part:?}-entry\"", part.spec().key)), "{text}");
            let got: Vec<(String, String)> =
                read.texts[part].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            assert_eq!(got, [(format!("{part:?}-entry"), format!("{part:?} text"))]);
        }
        assert!(read.sets_aside("Recusal-entry") && !read.sets_aside("Note-entry"));
    }

    #[test]
    fn rows_read_into_one_list_keep_each_rows_values_and_a_bad_row_is_refused() {
        let base = r#""event":"e","rubric":"r","judge":"j","written_at":"w","criteria":["a","b"]"#;
        let text = format!(r#"{{{base},"scores":[["x",[1,null],[5,9]],["y",[],[]],["z",[3],[null]]]}}"#);
        let read: Checked = serde_json::from_str(&text).expect("read");
        let rows: Vec<(String, Vec<Option<u8>>, Latest)> =
            read.scores.iter().map(|(id, values, latest)| (id.to_string(), values.to_vec(), latest)).collect();
        assert_eq!(
            rows,
            [
                ("x".into(), vec![Some(1), None], Latest(Some(9))),
                ("y".into(), vec![], Latest(None)),
                ("z".into(), vec![Some(3)], Latest(None)),
            ]
        );
        for (scores, want) in [
            (r#"[["x",[1,2]]]"#, "invalid length 2"),
            (r#"[["x",[1,2],[0,0],7]]"#, "invalid length 4"),
            (r#"[["x",1,[0]]]"#, "invalid type: integer `1`, expected a list of values"),
            (r#"[["x",[300],[0]]]"#, "300"),
            (r#"{"x":1}"#, "expected a list of rows"),
        ] {
            let text = format!(r#"{{{base},"scores":{scores}}}"#);
            let err = serde_json::from_str::<Checked>(&text).expect_err(scores).to_string();
            assert!(err.contains(want), "{scores}: {err}");
        }
    }

    /// An entry given twice in one of the body's maps is refused, naming the map and the entry,
    /// as a key given twice at the top is: serde's map had kept the last without a word, so an
    /// edit could hide a note or a recusal behind another. The fast reader gives such a body up
    /// to serde's, which says so at its place; one entry each reads as before.
    #[test]
    fn an_entry_given_twice_in_a_map_is_refused_by_name() {
        let base = r#""event":"e","rubric":"r","judge":"j","written_at":"w","criteria":["a"],"scores":[["x",[1],[0]]]"#;
        let cases = [
            ("notes", r#"{"x":"kind","x":"cruel"}"#, r#"notes has "x" twice"#),
            ("team_notes", r#"{"x":"a","y":"b","x":"c"}"#, r#"team_notes has "x" twice"#),
            ("recusals", r#"{"x":"cousin","x":""}"#, r#"recusals has "x" twice"#),
            ("timings", r#"{"x":1.5,"x":90}"#, r#"timings has "x" twice"#),
            ("readings", r#"{"x":[1.0],"x":[2.0]}"#, r#"readings has "x" twice"#),
            ("revisions", r#"{"x":"abc1234","x":"def5678"}"#, r#"revisions has "x" twice"#),
            // Two spellings of one key are one key twice; its controls are shown.
            ("notes", r#"{"x\u001b[0m":"a","x\u001b[0m":"b"}"#, r#"notes has "x\u{1b}[0m" twice"#),
            ("notes", r#"{"x":"a","\u0078":"b"}"#, r#"notes has "x" twice"#),
        ];
        for (map, value, want) in cases {
            let text = format!("{{{base},\"{map}\":{value}}}");
            assert!(super::super::rows::body(&text).is_none(), "{text}: the fast reader gives it up");
            let err = super::parse(&text).map(|_| ()).expect_err(&text).to_string();
            assert!(err.contains(want), "{text}: {err}");
            assert!(err.contains("the app writes each entry once") && err.contains("at line 1"), "{err}");
            assert_eq!(
                format!("{:?}", super::parse(&text).map(|_| ())),
                format!("{:?}", serde_json::from_str::<Checked>(&text).map(|_| ()))
            );
        }
        // One entry each, as the app writes: read as before, by the fast reader.
        let once = format!(
            r#"{{{base},"notes":{{"x":"a","y":"b"}},"timings":{{"x":1.5}},"readings":{{"x":[1.5]}},"revisions":{{"x":"abc1234"}},"recusals":{{}},"team_notes":{{"y":"c"}}}}"#
        );
        let read = super::super::rows::body(&once).expect("the fast reader reads it");
        assert_eq!(
            (read.texts[TextPart::Note].len(), read.timings["x"], read.revisions["x"].as_ref()),
            (2, 1.5, "abc1234")
        );
    }

    #[test]
    fn a_body_with_an_unknown_or_doubled_key_is_refused_by_name() {
        let base = r#""event":"e","rubric":"r","judge":"j","written_at":"w","criteria":[],"scores":[]"#;
        let cases = [
            (format!("{{{base},\"notez\":{{}}}}"), "unknown field `notez`"),
            // Shown as the envelope's unknown key is: cleaned, it read as "notes", a known one.
            (format!("{{{base},\"note\\u001b[2Js\":{{}}}}"), "unknown field `note\\u{1b}[2Js`"),
            (format!("{{{base},\"notes\":{{}},\"notes\":{{}}}}"), "duplicate field `notes`"),
            (format!("{{{base},\"judge\":\"k\"}}"), "duplicate field `judge`"),
            (r#"{"event":"e"}"#.to_owned(), "missing field `rubric`"),
        ];
        for (text, want) in cases {
            let err = serde_json::from_str::<Checked>(&text).expect_err(&text).to_string();
            assert!(err.contains(want), "{text}: {err}");
        }
        // A file of an earlier version without team notes reads as having none.
        let earlier = format!("{{{base},\"notes\":{{\"a\":\"n\"}}}}");
        let read: Checked = serde_json::from_str(&earlier).expect("read");
        assert!(read.texts[TextPart::TeamNote].is_empty() && read.texts[TextPart::Note].len() == 1);
    }
}
