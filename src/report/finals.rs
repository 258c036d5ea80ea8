//! A finals round for the jury, under its ranking: the finals' order with each finalist's rubric
//! place beside it, its strength and how sure that is, its comparisons and its chance of a paid
//! place; then the pairs still uncompared, the cycles, the disagreements and each judge's weight,
//! in words. One text for the table and Markdown: `show` cleans (or escapes) untrusted text.

use crate::finals::Standing;
use crate::format::fit;

/// The lines of one round: a heading sentence, a table (`markdown` makes it a Markdown table),
/// then the sentences.
pub fn lines(s: &Standing, show: fn(&str) -> String, markdown: bool) -> Vec<String> {
    let answers: usize = s.judges.iter().map(|j| j.answers).sum();
    let mut out = vec![format!(
        "FINALS of {}: the paid places come from {} by {} among {} finalists, fitted by Bradley-Terry with ties (Davidson 1970), every judge's answers counting alike, the rubric round a weak prior. STRENGTH is on a log scale, ± its standard error; PAID is the chance of one of the {} paid places when the strengths are redrawn as unsure as they are; NEXT, how sure it is above the finalist after it.",
        show(&s.ranking),
        crate::format::count(answers, "comparison", "comparisons"),
        crate::format::count(s.judges.len(), "judge", "judges"),
        s.order.len(),
        s.paid
    )];
    if markdown {
        out.push(String::new());
        out.push("| Place | Rubric | ID | Title | Strength | Compared (won-lost-level) | Paid | Next |".into());
        out.push("|---:|---:|---|---|---:|---:|---:|---:|".into());
    } else {
        out.push(
            "PLACE  RUBRIC  ID                    TITLE                   STRENGTH  COMPARED  W-L-LEVEL  PAID  NEXT"
                .into(),
        );
    }
    for f in &s.order {
        let next = f.above_next.map_or_else(|| "-".to_owned(), crate::format::percent);
        let strength = format!("{} ± {:.2}", crate::format::signed(f.strength, 2), f.sd);
        let record = format!("{}-{}-{}", f.wins, f.losses, f.levels);
        let paid = crate::format::percent(f.paid);
        out.push(if markdown {
            format!(
                "| {} | {} | {} | {} | {strength} | {} ({record}) | {paid} | {next} |",
                f.place,
                f.rubric_place,
                show(&f.id),
                show(&f.title),
                f.compared
            )
        } else {
            format!(
                "{:>5}  {:>6}  {:<20}  {:<22}  {strength:>13}  {:>8}  {record:>9}  {paid:>4}  {next:>4}",
                f.place,
                f.rubric_place,
                fit(&show(&f.id), 20),
                fit(&show(&f.title), 22),
                f.compared
            )
        });
    }
    if markdown {
        out.push(String::new());
    }
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
