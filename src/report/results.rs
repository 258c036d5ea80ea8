//! The prize results as a terminal table, Markdown and CSV.

use crate::text_width::{pad_left, wider_than};

use super::columns::{Column, columns};
use crate::prizes::{Award, Outcome, PrizeOutcome, Tie};
use crate::sanitize::{clean_line, csv_cell};

/// What every output of one results run shares.
pub struct Sheet<'a> {
    pub event: &'a str,
    pub method: &'a str,
    pub currency: &'a str,
    /// The decisions file read, if any.
    pub decisions_file: Option<&'a str>,
    pub outcome: &'a Outcome,
    /// The day the results were made, for a printed page.
    pub made: jiff::civil::Date,
    /// The merge's judges, for the page's picture of their leniency.
    pub judges: &'a [crate::rankings::JudgeLine],
    /// What the test without each judge says of the ranking each prize by score reads.
    pub held: &'a [Held],
    /// Each paid place that changes hands without one judge; `None` where it was not tested.
    pub robustness: Option<&'a [crate::rankings::PlaceChange]>,
    /// The judges whose files were left out, as asked (`--without`).
    pub left_out: &'a [String],
}

/// The ranking a prize by score reads, and for each place it pays in that ranking whether it
/// holds without any one judge, a line each (as `Rankings::robustness_lines` says it).
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub prize: String,
    /// The ranking's name, as judging.toml names its track ([`crate::rankings::Rankings::ranking_name`]).
    pub name: String,
    pub lines: Vec<String>,
    /// Each line's entry and its place in the ranking, to list a tie the jury settled in the
    /// decision's order, as every list of the ranking does.
    pub holders: Vec<(String, usize)>,
}

impl Held {
    /// For each prize of judging.toml that reads a whole ranking by score, what the test says of
    /// that ranking's paid places; none where it was not worked out.
    pub fn of(rankings: &crate::rankings::Rankings, prizes: &[crate::config::Prize]) -> Vec<Held> {
        prizes
            .iter()
            .filter(|p| p.reads_whole_ranking())
            .filter_map(|p| {
                let lines = rankings.robustness_lines(p.ranking(), str::to_owned);
                let holders = rankings.paid_holders(p.ranking()).iter().map(|h| (h.id.clone(), h.place)).collect();
                (!lines.is_empty()).then(|| Held {
                    prize: p.id.clone(),
                    name: rankings.ranking_name(p.ranking()).to_owned(),
                    lines,
                    holders,
                })
            })
            .collect()
    }

    /// The heading over its lines, the ranking's name passed through `show`.
    pub fn heading(&self, show: fn(&str) -> String) -> String {
        format!("Without any one judge, the places of the {} ranking this prize reads", show(&self.name))
    }
}

/// The prize's lines of the test without each judge, if it has any, under their heading. Where the
/// jury's decision settled a tie of the prize, the first line says that the places are the
/// merge's, before it: "3rd= Lullaby Loom" had read as a place the decision had given away.
pub(super) fn held(sheet: &Sheet, p: &PrizeOutcome, show: fn(&str) -> String) -> Option<(String, Vec<String>)> {
    let h = sheet.held.iter().find(|h| h.prize == p.id)?;
    let applied = sheet.outcome.decisions.iter().filter(|d| d.used && d.decision.prize == p.id);
    // A tie the jury settled listed in the decision's order, as the board and the teams' index
    // list it (by the one rule): its loser's line had stood above its winner's.
    let lines: Vec<String> = if h.lines.len() == h.holders.len() {
        let rows: Vec<(&str, usize)> = h.holders.iter().map(|(id, place)| (id.as_str(), *place)).collect();
        let order = crate::prizes::decisions::decided_order(&rows, applied.clone().map(|d| &d.decision));
        order.into_iter().map(|k| h.lines[k].clone()).collect()
    } else {
        h.lines.clone()
    };
    let settled: Vec<String> = applied
        .map(|d| {
            let named = d.decision.order.iter().zip(&d.titles).map(|(id, t)| t.clone().unwrap_or_else(|| id.clone()));
            named.collect::<Vec<_>>().join(" before ")
        })
        .collect();
    let before = (!settled.is_empty()).then(|| {
        format!(
            "The places below are the merge's, before the jury's decision on a tie of this prize ({}): a judge whose absence moves a tied entry bears on that decision.",
            settled.join("; ")
        )
    });
    // The test moves the ranking's paid places; a prize that passed over some of them (won
    // elsewhere, or barred) pays entries further down, which it did not test: said, so that the
    // lines are not read as the prize's own (a paid entry had gone unanalysed without a word).
    let untested: Vec<String> = p
        .awards
        .iter()
        .filter(|a| a.amount.is_some() && !h.holders.iter().any(|(id, _)| *id == a.id))
        .map(|a| show(&a.title))
        .collect();
    let after = (!untested.is_empty()).then(|| {
        format!(
            "This prize passes over entries above (see \"passed over\"), so it also pays {}, whose place the test without each judge did not cover: it moves the ranking's own paid places only.",
            crate::format::names_and(&untested, 5)
        )
    });
    Some((h.heading(show), before.into_iter().chain(lines).chain(after).collect()))
}

/// Who was left out as asked (`--without`), in one sentence, as the merge, the results and the
/// teams' feedback all say it; `None` when nobody was.
pub fn left_out(judges: &[String], text: fn(&str) -> String) -> Option<String> {
    (!judges.is_empty()).then(|| {
        let names: Vec<String> = judges.iter().map(|n| text(n)).collect();
        format!("Left out, as asked (--without): {}; their files were not merged.", names.join(", "))
    })
}

/// What the jury should weigh before announcing, from the merge (a judge not listed, a
/// conflict, a judge in two files) and the prizes (an undecided tie, a prize file's row for a
/// withdrawn entry): each passed through `text`, under a heading. They had reached standard
/// error only, which a page printed for the jury never shows.
pub fn warnings_said(sheet: &Sheet, text: fn(&str) -> String) -> Vec<String> {
    sheet.outcome.warnings.iter().map(|w| text(w)).collect()
}

/// What the warnings' heading asks of the jury, in the printed merge, the results and the head
/// judge's screen alike.
pub const WEIGH_THESE: &str = "weigh these before announcing";

/// `warnings` as the terminal's table lists them (`markdown` false) or the Markdown, each passed
/// through `text`, under one heading; nothing where there are none. The jury's results and the
/// printed merge both list theirs so: on a terminal they are then not said on standard error
/// too (`commands::stderr::Listed`).
pub fn warnings_section(warnings: &[String], text: fn(&str) -> String, markdown: bool) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let (heading, item) = if markdown {
        (format!("\n**Warnings: {WEIGH_THESE}**\n\n"), "- ")
    } else {
        (format!("\nWARNINGS: {WEIGH_THESE}\n"), "  - ")
    };
    let mut out = heading;
    for w in warnings {
        out.push_str(&format!("{item}{}\n", text(w)));
    }
    out
}

/// The jury's results as JSON: the outcome, with beside it every paid place that changes hands
/// without one judge (`robustness`) and who was left out.
pub fn json(sheet: &Sheet) -> Result<String, serde_json::Error> {
    // The event, the method and the currency, as the CSV's `currency` column and the other
    // formats' headings say them: finance reading the JSON had amounts with no currency.
    #[derive(serde::Serialize)]
    struct Jury<'a> {
        event: &'a str,
        method: &'a str,
        currency: &'a str,
        #[serde(flatten)]
        outcome: &'a Outcome,
        #[serde(skip_serializing_if = "Option::is_none")]
        robustness: Option<&'a [crate::rankings::PlaceChange]>,
        left_out: &'a [String],
    }
    let jury = Jury {
        event: sheet.event,
        method: sheet.method,
        currency: sheet.currency,
        outcome: sheet.outcome,
        robustness: sheet.robustness,
        left_out: sheet.left_out,
    };
    Ok(super::json::pretty(&jury)? + "\n")
}

/// What the jury's results say of themselves, so that nobody posts them by mistake.
pub const FOR_THE_JURY: &str = "For the jury, not for publication: judging results --public prints the announcement.";

/// An amount as a finance team reads it: `$2,500`, `$312.50`.
pub fn money(currency: &str, amount: f64) -> String {
    // Amounts are checked finite and non-negative when judging.toml is read.
    #[allow(clippy::cast_possible_truncation)]
    let cents = (amount * 100.0).round() as i64;
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let fraction = if cents % 100 == 0 { String::new() } else { format!(".{:02}", cents % 100) };
    format!("{}{grouped}{fraction}", clean_line(currency))
}

/// The place as printed: `2=` for a shared, undecided place.
pub fn place(a: &Award) -> String {
    match a.tie {
        Some(Tie::Undecided { .. }) => format!("{}=", a.place),
        _ => a.place.to_string(),
    }
}

/// What a prize ordered by, for one award: a score to two places, counts whole.
pub fn value(p: &PrizeOutcome, a: &Award) -> String {
    if shown_whole(p) { format!("{:.0}", a.value) } else { format!("{:.2}", a.value) }
}

/// Whether a prize's values are shown whole: counts (badges, likes, a file's votes) where every
/// value is whole (votes had shown as "9.00"); a score or a criterion to two places. Read from
/// what the prize orders by, not from the words that name it.
fn shown_whole(p: &PrizeOutcome) -> bool {
    p.by_count && p.awards.iter().all(|a| a.value.fract() == 0.0)
}

pub fn amount(sheet: &Sheet, a: &Award) -> String {
    match (a.amount, &a.tie) {
        (Some(x), _) => money(sheet.currency, x),
        (None, Some(Tie::Undecided { .. })) => "undecided".into(),
        (None, _) => String::new(),
    }
}

/// The award's note: that no judge's marks placed its entry, where none did, and how a tie was
/// settled, or what an undecided one is about, the entries it is tied with named by title
/// (`format::entry_names`, among the tie).
pub fn note(sheet: &Sheet, p: &PrizeOutcome, a: &Award) -> String {
    // An entry no judge placed, first: the jury reads what the place rests on before its tie.
    let tie = tie_note(sheet, p, a);
    match a.unranked_said() {
        Some(said) if tie.is_empty() => said,
        Some(said) => format!("{said}; {tie}"),
        None => tie,
    }
}

/// How a tie was settled, or what an undecided one is about; empty where the place is not tied.
fn tie_note(sheet: &Sheet, p: &PrizeOutcome, a: &Award) -> String {
    match &a.tie {
        None => String::new(),
        Some(Tie::Decided { reason }) => format!("tie decided: {}", clean_line(reason)),
        Some(Tie::Undecided { with, others, shares }) => {
            let pay: Vec<String> = shares.iter().map(|s| money(sheet.currency, *s)).collect();
            // Named among the whole tie, this entry included: a title it shares needs the ids.
            let tie = std::iter::once(a.id.as_str()).chain(with.iter().map(String::as_str));
            let with: Vec<String> =
                crate::format::entry_names(tie.map(|id| (id, p.title_of(id)))).into_iter().skip(1).collect();
            let pays = match pay.as_slice() {
                [one] => format!("one paid place ({one}) is left"),
                many => format!("their places pay {}", many.join(" + ")),
            };
            format!("tied with {}: {pays}; the head judge decides", crate::format::few_of(&with, *others))
        }
    }
}

/// What a prize's values shown side by side do not say (not a count of badges or likes, shown
/// whole): places apart whose values show alike to two decimals though they differ
/// ([`super::alike_when_shown`]), and places apart on the very same value, which the event's
/// tie-breaks ordered (the jury's table has no FLAGS column to say so, as `merge` does). Each
/// place by its title.
pub(super) fn placed_apart(p: &PrizeOutcome) -> Vec<String> {
    if shown_whole(p) {
        return Vec::new();
    }
    let set_by_finals = |a: &Award| a.support.as_ref().is_some_and(|s| s.rubric_place.is_some());
    let alike = super::alike_when_shown(&p.awards, |a| (a.place, a.value, set_by_finals(a)), |a| a.title.clone());
    // A tie the head judge decided says so in its note; an undecided one shares its place.
    let broken = super::first_pair(&p.awards, |a, b| {
        a.place != b.place && a.value == b.value && a.tie.is_none() && b.tie.is_none() && !set_by_finals(a)
    });
    let broken = broken.map(|(a, b, more)| {
        format!(
            "Places apart, scores equal: #{} {} and #{} {} have the very same score{}; the event's tie-breaks placed them (`judging merge` names each in FLAGS).",
            a.place,
            a.title,
            b.place,
            b.title,
            super::and_more_pairs(more)
        )
    });
    alike.into_iter().chain(broken).collect()
}

/// What the jury should settle about a prize's places before announcing them, a sentence each:
/// places resting on too few judges, or unlikely to hold (`prizes::support`).
pub fn checks(p: &PrizeOutcome) -> Vec<String> {
    p.awards.iter().flat_map(award_checks).collect()
}

/// What the jury should settle about one place before announcing it.
fn award_checks(a: &Award) -> Vec<String> {
    a.support
        .iter()
        .flat_map(|s| s.doubts.iter().map(|d| d.advice(&a.title, a.place, s.rubric_place.is_some())))
        .collect()
}

/// How wide each column of a prize's table is: the entry's title and the team's name narrow on
/// a terminal (`width`) too small for their natural 28 and 20 columns, the title last; the note,
/// the last column, is as long as it is.
fn widths(p: &PrizeOutcome, columns: &[Column], width: Option<usize>) -> Vec<usize> {
    let natural = |c: Column| match c {
        Column::Place => 5,
        Column::Rubric => 6,
        Column::Entry => 28,
        Column::Team => 20,
        Column::Value => crate::text_width::width(&heading(c, p)).max(7),
        Column::Judges => 6,
        Column::Paid => 4,
        Column::Amount => 10,
        Column::Note => 0,
    };
    let words = |c: &Column| matches!(c, Column::Entry | Column::Team);
    let fixed: usize =
        columns.iter().filter(|c| !words(c)).map(|c| natural(*c)).sum::<usize>() + 2 * columns.len().saturating_sub(1);
    let team = if columns.contains(&Column::Team) { natural(Column::Team) } else { 0 };
    let entry = super::words_width(width, fixed + team.min(14), (16, 28));
    let team = super::words_width(width, fixed + entry, (10, 20));
    columns
        .iter()
        .map(|c| match c {
            Column::Entry => entry,
            Column::Team => team,
            c => natural(*c),
        })
        .collect()
}

/// A column's heading as the terminal's table prints it: in capitals, cleaned (a criterion's
/// label and a prize file's heading come from judging.toml and the file).
fn heading(c: Column, p: &PrizeOutcome) -> String {
    clean_line(&c.heading(p).to_uppercase())
}

/// One line of a prize's table in the terminal: numbers to the right, words to the left, the
/// last column as long as it is; padded by terminal columns ("{:>w$}" counts characters, and
/// had put "元2,500" a column past AMOUNT, "❤️ 実用性" three past its scores).
fn row(columns: &[Column], widths: &[usize], cells: &[String]) -> String {
    let line: Vec<String> = columns
        .iter()
        .zip(widths)
        .zip(cells)
        .enumerate()
        .map(|(k, ((c, width), text))| match (c.numeric(), k + 1 == columns.len()) {
            (true, _) => pad_left(text, *width),
            (false, true) => text.clone(),
            (false, false) => crate::format::fit_padded(text, *width),
        })
        .collect();
    format!("{}\n", line.join("  ").trim_end())
}

/// What a prize ranks by, as every jury format says it: "by criterion Utility", "by badges", "by
/// the finals' order, then merged score". The terminal's table puts it beside the prize's name,
/// the Markdown and the page on a line under it ([`by_line`]).
pub fn ranked_by(p: &PrizeOutcome) -> String {
    format!("by {}", p.by)
}

/// [`ranked_by`] as a line of its own: "By criterion Utility."
pub fn by_line(p: &PrizeOutcome) -> String {
    format!("{}.", super::opening(&ranked_by(p)))
}

/// The jury's results for the terminal, each prize's table fitted to its `width` where printed
/// on one.
pub fn table(sheet: &Sheet, width: Option<usize>) -> String {
    let mut out = format!(
        "{}: prize results (rankings merged with the {} method)\n{FOR_THE_JURY}\n",
        clean_line(sheet.event),
        clean_line(sheet.method)
    );
    if let Some(line) = left_out(sheet.left_out, clean_line) {
        out.push_str(&format!("{line}\n"));
    }
    out.push_str(&warnings_section(&sheet.outcome.warnings, clean_line, false));
    for p in &sheet.outcome.prizes {
        out.push_str(&format!("\n{} ({})\n", clean_line(&p.name).to_uppercase(), clean_line(&ranked_by(p))));
        let mut columns = columns(sheet, p);
        let widths = widths(p, &columns, width);
        let (shown, more) = super::first_rows(&p.awards);
        let mut rows: Vec<Vec<String>> =
            shown.iter().map(|a| columns.iter().map(|c| clean_line(&c.text(sheet, p, a))).collect()).collect();
        // On a terminal too narrow for a row and its note, the notes go under their rows, where
        // they wrap between words: the terminal had cut them, and the next row, at its edge.
        let notes_below = columns.last() == Some(&Column::Note)
            && width.is_some_and(|w| rows.iter().any(|r| wider_than(row(&columns, &widths, r).trim_end(), w)));
        let notes: Vec<Option<String>> = if notes_below {
            columns.pop();
            rows.iter_mut().map(|r| r.pop().filter(|n| !n.is_empty())).collect()
        } else {
            vec![None; rows.len()]
        };
        if !p.awards.is_empty() {
            let headings: Vec<String> = columns.iter().map(|c| heading(*c, p)).collect();
            out.push_str(&row(&columns, &widths, &headings));
        }
        for (cells, note) in rows.iter().zip(notes) {
            out.push_str(&row(&columns, &widths, cells));
            if let Some(note) = note {
                out.push_str(&format!("       note: {note}\n"));
            }
        }
        if more > 0 {
            out.push_str(&format!("  and {more} more\n"));
        }
        for line in placed_apart(p) {
            out.push_str(&format!("  {}\n", clean_line(&line)));
        }
        for check in checks(p) {
            out.push_str(&format!("  CHECK: {}\n", clean_line(&check)));
        }
        if let Some((heading, lines)) = held(sheet, p, clean_line) {
            out.push_str(&format!("  {heading}:\n"));
            for line in &lines {
                out.push_str(&format!("    {}\n", clean_line(line)));
            }
        }
        let (passed, more) = super::first_rows(&p.passed_over);
        for x in passed {
            out.push_str(&format!(
                "  passed over: {} ({}): {}\n",
                clean_line(&x.title),
                clean_line(&x.id),
                clean_line(&x.reason)
            ));
        }
        if more > 0 {
            out.push_str(&format!("  and {more} more passed over\n"));
        }
        for n in &p.notes {
            out.push_str(&format!("  note: {}\n", clean_line(n)));
        }
    }
    trail(
        sheet,
        &mut out,
        |heading| format!("\n{}\n", heading.to_uppercase()),
        |line| format!("  {line}\n"),
        clean_line,
    );
    out
}

/// The lists after the prizes: who cannot win (the first rows of a long list, and how many in
/// all), what is unverified, the decisions on ties. `text` makes entrants' words safe for the output (plain or
/// Markdown); the rest is judging's own.
fn trail(
    sheet: &Sheet,
    out: &mut String,
    heading: impl Fn(&str) -> String,
    line: impl Fn(&str) -> String,
    text: fn(&str) -> String,
) {
    let o = sheet.outcome;
    for (title, list) in [("Not eligible", &o.ineligible), ("Unverified", &o.unverified)] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&heading(title));
        let (shown, more) = super::first_rows(list);
        if more > 0 {
            out.push_str(&line(&format!("{} in all; the first {}:", list.len(), shown.len())));
        }
        for f in shown {
            let reasons: Vec<String> = f.reasons.iter().map(|r| text(r)).collect();
            out.push_str(&line(&format!("{} ({}): {}", text(&f.title), text(&f.id), reasons.join("; "))));
        }
    }
    if !o.decisions.is_empty() {
        out.push_str(&heading("Decisions on ties"));
        out.push_str(&line(&format!("from {}", text(sheet.decisions_file.unwrap_or("")))));
        for d in &o.decisions {
            let order: Vec<String> = d.named().iter().map(|n| text(n)).collect();
            let status = text(&d.status(sheet.method));
            out.push_str(&line(&format!(
                "{}: {}, because {} ({status})",
                text(&prize_name(o, &d.decision.prize)),
                order.join(" before "),
                text(&d.decision.reason)
            )));
        }
    }
}

/// A prize by its name, from its id; an id no prize has, as it is.
pub fn prize_name(o: &Outcome, id: &str) -> String {
    o.prizes.iter().find(|p| p.id == id).map_or_else(|| id.to_owned(), |p| p.name.clone())
}

/// The jury's Markdown: every place with its support, who was passed over and why, the lists
/// and the decisions (the announcement is `report::public`). Entrants' text is escaped (`report::md::text`): no HTML, link,
/// image or split cell can come from a title or a team.
pub fn markdown(sheet: &Sheet) -> String {
    let cell = crate::report::md::text;
    let mut out = format!(
        "# {}: prize results\n\nRankings merged with the {} method. {FOR_THE_JURY}\n",
        cell(sheet.event),
        cell(sheet.method)
    );
    if let Some(line) = left_out(sheet.left_out, cell) {
        out.push_str(&format!("\n{line}\n"));
    }
    out.push_str(&warnings_section(&sheet.outcome.warnings, cell, true));
    for p in &sheet.outcome.prizes {
        out.push_str(&format!("\n## {}\n\n{}\n\n", cell(&p.name), cell(&by_line(p))));
        let columns = columns(sheet, p);
        if !p.awards.is_empty() {
            let headings: Vec<String> = columns.iter().map(|c| cell(&c.heading(p))).collect();
            let rules: Vec<&str> = columns.iter().map(|c| if c.numeric() { "---:" } else { "---" }).collect();
            out.push_str(&format!("| {} |\n|{}|\n", headings.join(" | "), rules.join("|")));
        }
        let (shown, more) = super::first_rows(&p.awards);
        for a in shown {
            let cells: Vec<String> = columns.iter().map(|c| cell(&c.text(sheet, p, a))).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        if more > 0 {
            // A row of its own, in the Entry column, so the table stays one table.
            let cells: Vec<String> = columns
                .iter()
                .map(|c| if *c == Column::Entry { format!("and {more} more") } else { String::new() })
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        let mut extra: Vec<String> = placed_apart(p).iter().map(|line| cell(line)).collect();
        extra.extend(checks(p).iter().map(|c| format!("**Check:** {}", cell(c))));
        let (passed, more) = super::first_rows(&p.passed_over);
        extra.extend(passed.iter().map(|x| format!("Passed over: {} ({})", cell(&x.title), cell(&x.reason))));
        extra.extend((more > 0).then(|| format!("and {more} more passed over")));
        extra.extend(p.notes.iter().map(|n| cell(n)));
        if !extra.is_empty() {
            out.push('\n');
            for e in extra {
                out.push_str(&format!("- {e}\n"));
            }
        }
        if let Some((heading, lines)) = held(sheet, p, cell) {
            out.push_str(&format!("\n{heading}:\n\n"));
            for line in &lines {
                out.push_str(&format!("- {}\n", cell(line)));
            }
        }
    }
    trail(sheet, &mut out, |h| format!("\n## {h}\n\n"), |l| format!("- {l}\n"), crate::report::md::text);
    out
}

/// One row per award, for the finance team; every cell safe to open in a spreadsheet.
pub fn csv(sheet: &Sheet) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "prize_id", "prize", "place", "entry_id", "title", "team", "amount", "currency", "status", "note", "check",
    ])?;
    for p in &sheet.outcome.prizes {
        for a in &p.awards {
            let status = match a.tie {
                None => "awarded",
                Some(Tie::Decided { .. }) => "awarded (tie decided)",
                Some(Tie::Undecided { .. }) => "undecided tie",
            };
            let row = [
                p.id.clone(),
                p.name.clone(),
                a.place.to_string(),
                a.id.clone(),
                a.title.clone(),
                a.team.clone(),
                a.amount.map(|x| format!("{x:.2}")).unwrap_or_default(),
                sheet.currency.to_owned(),
                status.to_owned(),
                note(sheet, p, a),
                award_checks(a).join("; "),
            ];
            w.write_record(row.iter().map(|c| csv_cell(c)))?;
        }
        // A paid place no entry could take has a row of its own, as the payouts list it: the
        // sheet the organizers pay from had left it out, and its amounts did not add up to
        // the prizes'.
        for u in &p.unawarded {
            let row = [
                p.id.clone(),
                p.name.clone(),
                u.place.to_string(),
                String::new(),
                String::new(),
                String::new(),
                format!("{:.2}", u.amount),
                sheet.currency.to_owned(),
                "not awarded".to_owned(),
                "no entry could win this place".to_owned(),
                String::new(),
            ];
            w.write_record(row.iter().map(|c| csv_cell(c)))?;
        }
    }
    let bytes = w.into_inner().map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What each team is paid: its awards and total, the pool's paid total, and the undecided ties,
/// listed apart once each so that nothing is paid twice.
pub struct Payouts {
    /// (team, its awards in words, its total), by team.
    pub teams: Vec<(String, Vec<String>, f64)>,
    pub pool: f64,
    pub undecided: Vec<String>,
    pub undecided_total: f64,
    /// The paid places no entry could take, each prize's in one line, and their total: with the
    /// pool and the undecided total, the prizes' amounts in full.
    pub unawarded: Vec<String>,
    pub unawarded_total: f64,
}

pub fn payouts_of(sheet: &Sheet) -> Payouts {
    let mut teams: std::collections::BTreeMap<String, (Vec<String>, f64)> = std::collections::BTreeMap::new();
    let mut undecided: Vec<String> = Vec::new();
    let mut undecided_total = 0.0;
    // One line per tie, said by the first of its entries for all of them.
    let mut said: std::collections::HashSet<(&str, usize)> = std::collections::HashSet::new();
    for p in &sheet.outcome.prizes {
        for a in &p.awards {
            let team = if a.team.trim().is_empty() { a.title.clone() } else { a.team.clone() };
            match (&a.tie, a.amount) {
                (Some(Tie::Undecided { shares, .. }), _) => {
                    if said.insert((p.id.as_str(), a.place)) {
                        let tied = p
                            .awards
                            .iter()
                            .filter(|o| o.place == a.place && matches!(o.tie, Some(Tie::Undecided { .. })));
                        let who: Vec<String> = tied.map(|o| format!("{} ({})", o.title, o.id)).collect();
                        undecided_total += shares.iter().sum::<f64>();
                        undecided.push(format!(
                            "{} place {}: {}",
                            p.name,
                            a.place,
                            crate::format::first_few(&who, crate::prizes::TIED_NAMED, ", ")
                        ));
                    }
                    teams
                        .entry(team)
                        .or_default()
                        .0
                        .push(format!("{} place {} (undecided tie: not paid yet)", p.name, a.place));
                }
                (_, Some(amount)) => {
                    let entry = teams.entry(team).or_default();
                    entry.0.push(format!("{} place {}: {}", p.name, a.place, money(sheet.currency, amount)));
                    entry.1 += amount;
                }
                (_, None) => {}
            }
        }
    }
    let teams: Vec<(String, Vec<String>, f64)> =
        teams.into_iter().map(|(t, (a, total))| (t, counted(a), total)).collect();
    let pool = teams.iter().map(|(_, _, t)| t).sum();
    let (mut unawarded, mut unawarded_total) = (Vec::new(), 0.0);
    for p in sheet.outcome.prizes.iter().filter(|p| !p.unawarded.is_empty()) {
        for u in &p.unawarded {
            unawarded_total += u.amount;
            unawarded.push(format!("{} place {}: {}", p.name, u.place, money(sheet.currency, u.amount)));
        }
    }
    Payouts { teams, pool, undecided, undecided_total, unawarded, unawarded_total }
}

/// A team's awards with the same award said once, with how many times: a team of many entries
/// in a tie of thousands holds the same undecided place hundreds of times.
fn counted(awards: Vec<String>) -> Vec<String> {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for a in awards {
        match seen.iter_mut().find(|(s, _)| *s == a) {
            Some((_, n)) => *n += 1,
            None => seen.push((a, 1)),
        }
    }
    seen.into_iter().map(|(a, n)| if n == 1 { a } else { format!("{a} ×{n}") }).collect()
}

/// One row per team, for the finance team: every award it won, what it is paid in all, and at the
/// end the pool's total. An undecided tie pays nothing yet: its places are listed apart, once,
/// so that nothing is paid twice.
pub fn payouts(sheet: &Sheet) -> Result<String, csv::Error> {
    let p = payouts_of(sheet);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["team", "awards", "total", "currency"])?;
    for (team, awards, total) in &p.teams {
        let row = [team.clone(), awards.join("; "), format!("{total:.2}"), sheet.currency.to_owned()];
        w.write_record(row.iter().map(|c| csv_cell(c)))?;
    }
    w.write_record(["POOL TOTAL (paid)", "", &format!("{:.2}", p.pool), sheet.currency].iter().map(|c| csv_cell(c)))?;
    // The places not paid yet, and those no entry could win: a row each, where there are any.
    let apart = [
        ("UNDECIDED (not paid until the head judge decides)", &p.undecided, p.undecided_total),
        ("NOT AWARDED (no entry could win these places)", &p.unawarded, p.unawarded_total),
    ];
    for (label, places, total) in apart.into_iter().filter(|(_, places, _)| !places.is_empty()) {
        let row = [label.to_owned(), places.join("; "), format!("{total:.2}"), sheet.currency.to_owned()];
        w.write_record(row.iter().map(|c| csv_cell(c)))?;
    }
    let bytes = w.into_inner().map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::money;

    /// Places apart on values that show alike, and on the very same value (tie-broken), are
    /// said under the prize; a decided tie and a count of badges are not.
    #[test]
    fn places_apart_on_alike_or_equal_values_are_said() {
        let mut outcome = crate::report::fixtures::tied(4);
        let p = &mut outcome.prizes[0];
        assert!(super::placed_apart(p).is_empty(), "badges are shown whole");
        p.by = "merged score".into();
        for (k, (value, tie)) in [(3.51, None), (3.51, None), (3.5051, None), (3.2, None)].into_iter().enumerate() {
            (p.awards[k].place, p.awards[k].value, p.awards[k].tie) = (k + 1, value, tie);
        }
        let said = super::placed_apart(p);
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("#2 Entry 1 and #3 Entry 2 both show 3.51;"), "{said:?}");
        assert!(said[1].contains("#1 Entry 0 and #2 Entry 1 have the very same score;"), "{said:?}");
        p.awards[1].tie = Some(crate::prizes::Tie::Decided { reason: "the jury chose".into() });
        let said = super::placed_apart(p);
        assert!(!said.iter().any(|s| s.contains("very same")), "a decided tie says so in its note: {said:?}");
    }

    /// Where the jury's decision settled a tie of the prize, its lines without each judge say
    /// first that they are the merge's places, before it, in every jury format.
    #[test]
    fn the_lines_without_each_judge_say_when_a_decision_came_after() {
        let mut outcome = crate::report::fixtures::tied(2);
        let held = [super::Held {
            prize: "badges".into(),
            name: "overall".into(),
            lines: vec![
                "1st= Entry 0: without ana, Entry 1 takes 1st".into(),
                "1st= Entry 1: without ana, Entry 1 takes 1st".into(),
            ],
            holders: vec![("e0".into(), 1), ("e1".into(), 1)],
        }];
        let said = "before the jury";
        for used in [false, true] {
            outcome.decisions = vec![crate::prizes::DecisionUse {
                decision: crate::prizes::Decision {
                    prize: "badges".into(),
                    order: vec!["e1".into(), "e0".into()],
                    reason: "r".into(),
                    method: None,
                    place: None,
                    lines: None,
                },
                titles: vec![Some("Entry 1".into()), Some("Entry 0".into())],
                used,
                misfit: None,
                moved: None,
            }];
            let sheet = super::Sheet { held: &held, ..crate::report::fixtures::sheet(&outcome) };
            for text in [super::table(&sheet, None), super::markdown(&sheet), crate::report::html::page(&sheet)] {
                let text = text.replace("&#39;", "'");
                assert_eq!(text.contains(said) && text.contains("Entry 1 before Entry 0"), used, "{text}");
                assert!(text.contains("without ana, Entry 1 takes 1st"), "{text}");
                // The tie the decision settled is listed in its order, as the board lists it.
                let (first, second) = (text.find("1st= Entry 1:"), text.find("1st= Entry 0:"));
                assert_eq!(first < second, used, "{text}");
            }
        }
    }

    /// A prize that pays an entry the test without each judge did not cover (the ranking's
    /// paid place above it passed over) says so under the lines, in every jury format; one whose
    /// paid entries were all tested says nothing more.
    #[test]
    fn a_paid_entry_the_test_did_not_cover_is_named_under_its_lines() {
        let mut outcome = crate::report::fixtures::tied(2);
        for a in &mut outcome.prizes[0].awards {
            (a.tie, a.amount) = (None, Some(100.0));
        }
        let held = |holders: Vec<(String, usize)>| {
            [super::Held {
                prize: "badges".into(),
                name: "overall".into(),
                lines: vec!["1st Entry 0: without ana, Entry 1 takes 1st".into()],
                holders,
            }]
        };
        let said = "so it also pays Entry 1, whose place the test without each judge did not cover";
        for (holders, named) in [(vec![("e0".into(), 1)], true), (vec![("e0".into(), 1), ("e1".into(), 2)], false)] {
            let held = held(holders);
            let sheet = super::Sheet { held: &held, ..crate::report::fixtures::sheet(&outcome) };
            for text in [super::table(&sheet, None), super::markdown(&sheet), crate::report::html::page(&sheet)] {
                let text = text.replace("&#39;", "'").replace("&quot;", "\"");
                assert_eq!(text.contains(said), named, "{text}");
            }
        }
    }

    /// A place whose entry is in no ranking says so first in its note, before its tie, and the
    /// Note column shows where nothing else would fill it; a saved merge's reason is cleaned.
    #[test]
    fn a_place_no_judges_marks_gave_says_so_before_its_tie() {
        let mut outcome = crate::report::fixtures::tied(2);
        outcome.prizes[0].awards[0].unranked = Some(crate::prizes::NOT_SCORED.into());
        let sheet = crate::report::fixtures::sheet(&outcome);
        let p = &outcome.prizes[0];
        let said = |k: usize| super::note(&sheet, p, &p.awards[k]);
        assert_eq!(
            said(0),
            "not scored in full by any judge, so in no ranking; tied with 1 other: one paid place ($100) is left; the head judge decides"
        );
        assert!(said(1).starts_with("tied with"), "a ranked entry says only its tie: {}", said(1));

        let mut outcome = crate::report::fixtures::tied(2);
        for a in &mut outcome.prizes[0].awards {
            (a.tie, a.amount) = (None, Some(100.0));
        }
        outcome.prizes[0].awards[1].unranked = Some("too few \u{1b}[31mjudges".into());
        let sheet = crate::report::fixtures::sheet(&outcome);
        let p = &outcome.prizes[0];
        assert_eq!(super::note(&sheet, p, &p.awards[0]), "");
        assert_eq!(super::note(&sheet, p, &p.awards[1]), "scored, but in no ranking (too few judges)");
        assert!(super::columns(&sheet, p).contains(&crate::report::columns::Column::Note), "its note has a column");
        let table = super::table(&sheet, None);
        let row = table.lines().find(|l| l.contains("Entry 1")).expect("its row");
        assert!(row.ends_with("scored, but in no ranking (too few judges)"), "{table}");
    }

    #[test]
    fn a_teams_same_award_is_said_once_with_its_count() {
        let awards = [
            "Wood place 1: $2,500",
            "Bonus place 1 (undecided)",
            "Bonus place 1 (undecided)",
            "Bonus place 1 (undecided)",
        ];
        let said = super::counted(awards.iter().map(ToString::to_string).collect());
        assert_eq!(said, ["Wood place 1: $2,500", "Bonus place 1 (undecided) ×3"]);
        assert_eq!(super::counted(vec!["a".into()]), ["a"]);
    }

    /// A prize nobody earned marks for ties every entry: the table and the Markdown show the
    /// first rows of each list and say how many more, as the page does.
    #[test]
    fn long_lists_end_with_how_many_more_in_the_table_and_markdown() {
        let tied = 100;
        let outcome = crate::report::fixtures::tied(tied);
        let sheet = crate::report::fixtures::sheet(&outcome);
        let most = crate::report::LONGEST_LIST;
        for (format, text) in [("table", super::table(&sheet, None)), ("markdown", super::markdown(&sheet))] {
            // Lines naming an entry of the fixture: "Entry 7", "P7", "F7", by what follows.
            let rows = |prefix: &str| {
                let numbered = |l: &&str| l.split(prefix).skip(1).any(|r| r.starts_with(|c: char| c.is_ascii_digit()));
                text.lines().filter(numbered).count()
            };
            assert_eq!(rows("Entry "), most, "{format}: the places\n{text}");
            assert_eq!(rows("over: P"), most, "{format}: the passed over\n{text}");
            assert_eq!(rows("F"), most, "{format}: the ineligible\n{text}");
            let left = tied - most;
            assert!(text.contains(&format!("and {left} more")), "{format}: the places\n{text}");
            assert!(text.contains(&format!("and {left} more passed over")), "{format}\n{text}");
            assert!(text.contains(&format!("{tied} in all; the first {most}:")), "{format}: the ineligible\n{text}");
        }
    }

    /// The payouts add up to the prizes' amounts: what is paid, what waits on a tie, and what
    /// no entry could win, each said, so the finance team can reconcile the pool.
    #[test]
    fn payouts_say_the_places_no_entry_could_take() {
        let mut outcome = crate::report::fixtures::tied(2);
        outcome.prizes[0].unawarded = vec![
            crate::prizes::Unawarded { place: 2, amount: 60.0 },
            crate::prizes::Unawarded { place: 3, amount: 40.0 },
        ];
        let sheet = crate::report::fixtures::sheet(&outcome);
        let csv = super::payouts(&sheet).unwrap();
        let last = csv.lines().last().unwrap();
        assert_eq!(
            last, "NOT AWARDED (no entry could win these places),Badges place 2: $60; Badges place 3: $40,100.00,$",
            "{csv}"
        );
        let html = crate::report::html::page(&sheet);
        assert!(
            html.contains(
                "Not awarded, as no entry could win these places ($100): Badges place 2: $60; Badges place 3: $40"
            ),
            "{html}"
        );
        // The organizers' sheet has a row for each, as the payouts do: it had none.
        let sheet_csv = super::csv(&sheet).unwrap();
        let rows: Vec<&str> = sheet_csv.lines().filter(|l| l.contains(",not awarded,")).collect();
        assert_eq!(rows.len(), 2, "{sheet_csv}");
        assert!(rows[0].contains(",2,,,,60.00,$,not awarded,no entry could win this place,"), "{sheet_csv}");
    }

    #[test]
    fn amounts_read_as_money() {
        let cases = [(2500.0, "$2,500"), (0.0, "$0"), (312.5, "$312.50"), (1_234_567.0, "$1,234,567"), (999.0, "$999")];
        for (amount, want) in cases {
            assert_eq!(money("$", amount), want);
        }
        assert_eq!(money("€", 1000.0), "€1,000");
    }
}
