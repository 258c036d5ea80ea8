//! A finals round for the jury, under its ranking: the finals' order with each finalist's rubric
//! place beside it, its strength and how sure that is, its comparisons and its chance of a paid
//! place; then the pairs still uncompared, the cycles, the disagreements and each judge's weight,
//! in words. One text for the table and Markdown: `show` cleans (or escapes) untrusted text.

use crate::finals::Standing;

/// The lines of one round: a heading sentence naming its ranking as `ranking` (its track's name,
/// untrusted: passed through `show`), a table (`markdown` makes it a Markdown table), then the
/// sentences. Printed on a terminal (`width`), the table's id and title narrow to fit
/// it, as the ranking's table above does.
pub fn lines(
    s: &Standing,
    ranking: &str,
    show: fn(&str) -> String,
    markdown: bool,
    width: Option<usize>,
) -> Vec<String> {
    let answers: usize = s.judges.iter().map(|j| j.answers).sum();
    let mut out = vec![format!(
        "FINALS of {}: the paid places come from {} by {} among {} finalists, fitted by Bradley-Terry with ties (Davidson 1970), every judge's answers counting alike, the rubric round a weak prior. STRENGTH is on a log scale, ± its standard error; PAID is the chance of one of the {} paid places when the strengths are redrawn as unsure as they are; NEXT, how sure it is above the finalist after it.",
        show(ranking),
        crate::format::count(answers, "comparison", "comparisons"),
        crate::format::count(s.judges.len(), "judge", "judges"),
        s.order.len(),
        s.paid
    )];
    out.extend(if markdown { finalists_markdown(s, show) } else { finalists_table(s, show, width) });
    let title = |id: &str| s.order.iter().find(|f| f.id == id).map_or_else(|| show(id), |f| show(&f.title));
    let open: Vec<String> = s
        .pairs
        .iter()
        .filter(|p| p.answers() == 0)
        .map(|p| format!("{} / {}", title(&p.first), title(&p.second)))
        .collect();
    out.push(if open.is_empty() {
        format!("Every one of the {} pairs was compared.", s.pairs.len())
    } else {
        format!(
            "Not yet compared ({} of {} pairs, ordered by the rubric round and the other comparisons): {}.",
            open.len(),
            s.pairs.len(),
            crate::format::first_few(&open, 10, ", ")
        )
    });
    out.extend(s.cycles.iter().map(|c| show(c)));
    out.extend(s.disagreements.iter().map(|d| show(d)));
    if s.judges.iter().any(|j| j.decided.is_some()) {
        // A merge saved by an earlier build did not count them: nothing is said rather than 0.
        let agreed: Vec<String> = s
            .judges
            .iter()
            .filter_map(|j| {
                let (agreed, decided) = (j.agreed?, j.decided?);
                let levels = j.answers.saturating_sub(decided);
                let level = if levels > 0 { format!(", {levels} level") } else { String::new() };
                Some(format!(
                    "{} {agreed} of {}{level}",
                    show(&j.judge),
                    crate::format::count(decided, "answer", "answers")
                ))
            })
            .collect();
        out.push(format!(
            "How often each judge's winner is the one the order places higher (shown only: every judge's answers count alike, so no judge is silenced for dissenting): {}.",
            agreed.join(", ")
        ));
    }
    out
}

/// A finalist's strength ± its standard error, its record (won-lost-level), its chance of a paid
/// place and how sure it is above the next, as every format shows them.
fn figures(f: &crate::finals::FinalistStanding) -> (String, String, String, String) {
    (
        format!("{} ± {:.2}", crate::format::signed(f.strength, 2), f.sd),
        format!("{}-{}-{}", f.wins, f.losses, f.levels),
        crate::format::percent(f.paid),
        f.above_next.map_or_else(|| "-".to_owned(), crate::format::percent),
    )
}

/// The finalists as a Markdown table, a blank line before and after.
fn finalists_markdown(s: &Standing, show: fn(&str) -> String) -> Vec<String> {
    let mut out = vec![
        String::new(),
        "| Place | Rubric | ID | Title | Strength | Compared (won-lost-level) | Paid | Next |".into(),
        "|---:|---:|---|---|---:|---:|---:|---:|".into(),
    ];
    for f in &s.order {
        let (strength, record, chance, next) = figures(f);
        out.push(format!(
            "| {} | {} | {} | {} | {strength} | {} ({record}) | {chance} | {next} |",
            f.place,
            f.rubric_place,
            show(&f.id),
            show(&f.title),
            f.compared
        ));
    }
    out.push(String::new());
    out
}

/// The finalists as a table for the terminal. Printed on one (`width`) too narrow for it,
/// COMPARED (the sum of W-L-LEVEL beside it) goes first, then the title and the id narrow.
fn finalists_table(s: &Standing, show: fn(&str) -> String, width: Option<usize>) -> Vec<String> {
    // PLACE, RUBRIC, then (after the id and the title) STRENGTH, COMPARED, W-L-LEVEL, PAID and
    // NEXT, with the gaps between them.
    let natural_id = s.order.iter().map(|f| crate::text_width::width(&show(&f.id))).max().unwrap_or(0).clamp(2, 20);
    let rest = 5 + 2 + 6 + 2 + 2 + 2 + 13 + 2 + 8 + 2 + 9 + 2 + 4 + 2 + 4;
    let compared = width.is_none_or(|w| rest + natural_id.min(8) + 12 <= w);
    let rest = if compared { rest } else { rest - 10 };
    let title = super::words_width(width, rest + natural_id, (12, 22));
    let over = (rest + natural_id + title).saturating_sub(width.unwrap_or(usize::MAX));
    let id = natural_id.saturating_sub(over).max(natural_id.min(8));
    let pad = |text: String, room: usize| crate::format::fit_padded(&text, room);
    let mut out = vec![format!(
        "PLACE  RUBRIC  {}  {}  STRENGTH{}  W-L-LEVEL  PAID  NEXT",
        pad("ID".into(), id),
        pad("TITLE".into(), title),
        if compared { "  COMPARED" } else { "" }
    )];
    for f in &s.order {
        let (strength, record, chance, next) = figures(f);
        out.push(format!(
            "{:>5}  {:>6}  {}  {}  {strength:>13}{}  {record:>9}  {chance:>4}  {next:>4}",
            f.place,
            f.rubric_place,
            pad(show(&f.id), id),
            pad(show(&f.title), title),
            if compared { format!("  {:>8}", f.compared) } else { String::new() }
        ));
    }
    out
}
