//! The merged rankings as a table for the terminal, Markdown or CSV.

use crate::text_width::{fit_padded, pad, push_fit_padded, width as text_width};

use crate::format::{bars, fit, mean};
use crate::rankings::{Disagreement, Ranked, Rankings};
use crate::sanitize::{clean_line, clean_line_in_place, csv_cell};

/// Flags as printed: a tie the tie-breaks settled says which one did.
fn flags(e: &Ranked) -> String {
    let mut out = String::new();
    write_flags(&mut out, e);
    out
}

/// The flags, written straight into a table's line.
fn write_flags(out: &mut String, e: &Ranked) {
    use std::fmt::Write as _;
    let mut sep = "";
    for flag in &e.flags {
        let _ = write!(out, "{sep}{flag}");
        sep = ", ";
    }
    if let Some(k) = &e.tie_break {
        let _ = write!(out, "{sep}tie-break: {k}");
    }
}

/// What Kendall's W means, wherever it is printed.
pub const W_MEANING: &str = "Kendall's W runs from 0 (the judges' orders have nothing in common) to 1 (every judge put the entries in the same order).";

/// What a judge's figures mean, under their table.
fn judge_legend(r: &Rankings) -> String {
    format!(
        "Leniency: how many points above (+) or below (-) the other judges of the same entries a judge's totals sit; ~ marks one from fewer than {} entries, a rough guess. Spread: how widely a judge's own totals vary (their standard deviation). {}",
        crate::rankings::FEW_ENTRIES,
        drift_legend(r)
    )
}

/// What the drift column means, and what the merge did about it.
fn drift_legend(r: &Rankings) -> String {
    let done = match r.drift {
        crate::config::DriftPolicy::Report => {
            "reported only; merge.drift = \"correct\" in judging.toml takes it out before the fit"
        }
        crate::config::DriftPolicy::Correct => {
            "taken out of their marks before the fit where it is large (merge.drift = \"correct\"), and reported only where it is not"
        }
    };
    format!(
        "Drift: how many points an hour a judge's marks rose (+) or fell (-) through their judging time beyond what the entries explain, ± its standard error; ! marks a large one ({} points or more over their time, and at least {} standard errors from none); - under {} marks with a time, or less than {} hours between the first and the last. Drift is {done}.",
        crate::format::number(crate::merge::drift::LARGE_POINTS),
        crate::format::number(crate::merge::drift::SURE),
        crate::merge::drift::LEAST_MARKS,
        crate::format::number(crate::merge::drift::LEAST_HOURS)
    )
}

/// Who was left out as asked (`--without`), in one sentence; empty when nobody was.
fn left_out(r: &Rankings, show: fn(&str) -> String) -> String {
    super::results::left_out(&r.left_out, show).map(|line| line + "\n").unwrap_or_default()
}

/// Under a ranking a prize pays places in: whether each holds without any one judge.
fn robustness(r: &Rankings, group: &str, text: fn(&str) -> String) -> Vec<String> {
    let lines = r.robustness_lines(group, text);
    if lines.is_empty() {
        return lines;
    }
    let head = format!(
        "Without any one judge (each paid place, among the entries that can win, with the merge run again without each judge's file in turn, by the {} method):",
        r.method
    );
    std::iter::once(head).chain(lines.into_iter().map(|l| format!("  {l}"))).collect()
}

/// What a trainee's figures mean, under their table.
const TRAINEE_LEGEND: &str = "Trainees (counts = false in judging.toml): their files are checked and their marks shown beside the judges', and change no ranking, chance or prize. Leniency: how many points above (+) or below (-) a typical judge of the panel they mark the same entries; Apart: how far from it on average, either way; Order: how far they order the entries as the panel does (Spearman's rank correlation: 1 the same order, 0 nothing in common, -1 the reverse).";

/// Kendall's W, as one sentence per figure: for each group of judges who saw the same entries,
/// and over the judge pairs whose entries overlap; then what W means.
fn agreement(r: &Rankings) -> Vec<String> {
    let mut out: Vec<String> = r
        .concordance
        .iter()
        .map(|c| {
            format!(
                "Agreement of {} judges on the same {} entries: Kendall's W {:.3} ({:.3} corrected for ties).",
                c.judges.len(),
                c.entries,
                c.w,
                c.w_tie_corrected
            )
        })
        .collect();
    if let Some(p) = &r.pairwise {
        out.push(format!(
            "Agreement of {} judge pairs on the entries each pair shares ({}+): mean Kendall's W {:.3} ({:.3} corrected for ties).",
            p.pairs, p.shared_at_least, p.w, p.w_tie_corrected
        ));
    }
    if !out.is_empty() {
        out.push(W_MEANING.to_owned());
    }
    if let Some(a) = &r.alpha {
        out.push(format!(
            "Agreement of every judge on the {} entries with two judges or more: Krippendorff's alpha {:.3} on the totals' differences (interval), {:.3} on their order (ordinal). {}",
            a.entries,
            a.interval,
            a.ordinal,
            crate::rankings::ALPHA_MEANING
        ));
    }
    out
}

/// The lowest and the highest judge of a disagreed entry, with their totals.
/// The two judges BEYOND measures, each with how far under (-) or over (+) what their habits
/// predict they marked the entry, in the signed form of the judges' leniency: ordered by BEYOND,
/// the list had named the lowest and highest totals, so a judge who gives every entry a 5 stood
/// beside an entry whose disagreement was between two others. A merge saved before the pair was
/// kept names the lowest and highest totals.
fn far_apart(d: &Disagreement, name: impl Fn(&str) -> String, between: &str) -> String {
    match (&d.below, &d.above) {
        (Some((low, under)), Some((high, over))) => format!(
            "{} {}{between}{} {}",
            name(low),
            crate::format::signed(*under, 2),
            name(high),
            crate::format::signed(*over, 2)
        ),
        _ => format!("{} {:.2}{between}{} {:.2}", name(&d.lowest.0), d.lowest.1, name(&d.highest.0), d.highest.1),
    }
}

/// The heading of the pair beside BEYOND, and what it is, under the heading of the most
/// disagreed.
const FURTHEST_HEADING: &str = "LOW / HIGH AGAINST HABIT";
const FURTHEST_SAID: &str = "LOW / HIGH AGAINST HABIT: the judge whose total is lowest against what their habits (leniency, severity) predict of them, and the one highest, in points; BEYOND is the one less the other.";

/// What head-to-head majorities say about one ranking, when the merge worked it out.
fn majority<'r>(r: &'r Rankings, group: &str) -> Option<&'r crate::rankings::Majority> {
    r.majorities.iter().find(|m| m.ranking == group)
}

/// An entry's standing head to head, for a CSV cell.
fn head_to_head(r: &Rankings, group: &str, id: &str) -> &'static str {
    majority(r, group).and_then(|m| m.standing(id)).unwrap_or_default()
}

/// The criteria a ranking's table shows, by index: its rubric's with per-track rubrics, else all.
fn columns(r: &Rankings, group: &str) -> Vec<usize> {
    match r.rubrics.get(group) {
        Some(ids) => (0..r.criteria.len()).filter(|k| ids.contains(&r.criteria[*k])).collect(),
        None => (0..r.criteria.len()).collect(),
    }
}

/// The most columns a ranking's table gives an id: a longer one ends in "…".
const ID_WIDEST: usize = 20;
/// The fewest an id narrows to on a terminal too narrow for the table.
const ID_NARROWEST: usize = 8;

/// How a ranking's table is laid out at the width it is printed at: on a terminal narrower than
/// its natural rows the title narrows first, then BEYOND and GAP (said in the preamble, and
/// written whole to a file) are left out, and flags that do not fit beside a row go on a line
/// of their own under its title. Natural where no width is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    id: usize,
    /// The widest id's columns (up to 20): more than `id` where ids are cut to fit.
    id_whole: usize,
    title: usize,
    gap: bool,
    beyond: bool,
    /// The terminal's width, where the table is printed on one.
    width: Option<usize>,
    paid: bool,
    rubric: bool,
    /// How many of the ranking's criteria columns it keeps, from the first.
    criteria: usize,
}

/// The widest title a table gives, and the narrowest it narrows to on a small terminal.
const TITLE_WIDTHS: (usize, usize) = (12, 30);
/// The most columns kept for flags beside a row when a table narrows: longer ones go below it.
const FLAGS_ROOM: usize = 12;

impl Layout {
    fn of(ranked: &[Ranked], criteria: usize, width: Option<usize>) -> Layout {
        // As wide as its widest id, up to 20: an event whose ids are short ("e07", "12345") had
        // spent 20 columns on them, and a row did not fit a terminal it could.
        let id = ranked.iter().map(|e| text_width(&clean_line(&e.id))).max().unwrap_or(0).clamp(2, ID_WIDEST);
        let (paid, rubric) = (has_chances(ranked), has_finals(ranked));
        let natural =
            Layout { id, id_whole: id, title: TITLE_WIDTHS.1, gap: true, beyond: true, width, paid, rubric, criteria };
        let Some(columns) = width else { return natural };
        // The flags' column: as wide as its heading at least, which the heading's row takes.
        let flags = ranked.iter().map(|e| text_width(&flags(e))).max().unwrap_or(0).clamp("FLAGS".len(), FLAGS_ROOM);
        let room = flags + 2;
        // BEYOND goes before GAP, and GAP only once a title would narrow past 20 columns; then,
        // the title at its narrowest, a long id narrows too (to 8 columns, ending in "…"), and
        // last the criteria columns go, from the last (said above the table, as GAP's is).
        for (gap, beyond) in [(true, true), (true, false), (false, false)] {
            let layout = Layout { gap, beyond, ..natural };
            let rest = layout.row_width() - natural.title + room;
            if columns >= rest + 20 || !gap {
                let title = super::words_width(width, rest, TITLE_WIDTHS);
                // Past here only the FLAGS heading's room is kept: a row's flags go under it.
                let heading = "FLAGS".len() + 2;
                let over = (rest - room + heading + title).saturating_sub(columns);
                let id = layout.id.saturating_sub(over).max(layout.id.min(ID_NARROWEST));
                let mut fitted = Layout { id, title, ..layout };
                while fitted.criteria > 0 && fitted.row_width() + heading > columns {
                    fitted.criteria -= 1;
                }
                return fitted;
            }
        }
        natural
    }

    /// Columns from the start of a row to where its title begins.
    fn title_at(&self) -> usize {
        5 + if self.rubric { 8 } else { 0 } + 2 + self.id + 2
    }

    /// A row's width before its flags.
    fn row_width(&self) -> usize {
        self.title_at()
            + self.title
            + 7
            + if self.paid { 6 } else { 0 }
            + 9 * self.criteria
            + 8
            + if self.gap { 8 } else { 0 }
            + if self.beyond { 8 } else { 0 }
    }

    /// The columns left out to fit the terminal, by their headings: the criteria's of `shown`
    /// past those kept, GAP and BEYOND.
    fn left_out(&self, r: &Rankings, shown: &[usize]) -> Vec<String> {
        let criteria =
            shown.iter().skip(self.criteria).map(|k| super::criterion_heading(&r.criteria[*k]).trim_start().to_owned());
        let figures = [(!self.gap, "GAP"), (!self.beyond, "BEYOND")].into_iter().filter(|(out, _)| *out);
        criteria.chain(figures.map(|(_, c)| c.to_owned())).collect()
    }

    fn heading(&self, r: &Rankings, shown: &[usize]) -> String {
        let criteria: String =
            shown.iter().map(|k| format!("  {}", super::criterion_heading(&r.criteria[*k]))).collect();
        format!(
            "PLACE{}  {:<id$}  {:<title$}  {:>5}{}{criteria}  JUDGES{}{}  FLAGS\n",
            if self.rubric { "  RUBRIC" } else { "" },
            "ID",
            "TITLE",
            "SCORE",
            if self.paid { "  PAID" } else { "" },
            if self.gap { "     GAP" } else { "" },
            if self.beyond { "  BEYOND" } else { "" },
            id = self.id,
            title = self.title,
        )
    }
}

/// One entry's line of the table, written straight into it: 10,000 entries are 10,000 lines.
fn table_row(out: &mut String, e: &Ranked, shown: &[usize], layout: &Layout) {
    use std::fmt::Write as _;
    // Right-aligned to `width`, to two decimals, or "-" for none.
    let figure = |out: &mut String, value: Option<f64>, width: usize| {
        out.push_str("  ");
        match value {
            Some(v) => crate::format::two_decimals(out, v, width),
            None => {
                let _ = write!(out, "{:>width$}", "-");
            }
        }
    };
    let _ = write!(out, "{:>5}{}", e.place, rubric_cell(layout.rubric, e, false));
    out.push_str("  ");
    push_fit_padded(out, &clean_line_in_place(&e.id), layout.id);
    out.push_str("  ");
    push_fit_padded(out, &clean_line_in_place(&e.title), layout.title);
    figure(out, Some(e.score), 5);
    if layout.paid {
        let _ = write!(out, "  {:>4}", e.chance_text());
    }
    for k in shown {
        figure(out, e.by_criterion.get(*k).copied().flatten(), 7);
    }
    let _ = write!(out, "  {:>6}", e.judges);
    if layout.gap {
        figure(out, e.gap, 6);
    }
    if layout.beyond {
        figure(out, e.gap_beyond_habits, 6);
    }
    match layout.width {
        // On a terminal, flags that would run past its edge go on a line of their own, under
        // the title: the terminal would have cut the row in two at its edge.
        Some(width) if !e.flags.is_empty() || e.tie_break.is_some() => {
            let flags = flags(e);
            if layout.row_width() + 2 + text_width(&flags) > width {
                let _ = write!(out, "\n{:indent$}{flags}", "", indent = layout.title_at());
            } else {
                let _ = write!(out, "  {flags}");
            }
        }
        // On a terminal, nothing after a row without flags: two spaces past its edge would be
        // wrapped onto a line of their own.
        Some(_) => {}
        None => {
            out.push_str("  ");
            write_flags(out, e);
        }
    }
    out.push('\n');
}

fn has_chances(ranked: &[Ranked]) -> bool {
    ranked.iter().any(|e| e.chance.is_some())
}

/// Whether a finals round placed this ranking: then each entry's rubric place is shown beside.
fn has_finals(ranked: &[Ranked]) -> bool {
    ranked.iter().any(|e| e.rubric_place.is_some())
}

/// A Markdown column's heading and alignment when it is shown, nothing otherwise.
fn optional(shown: bool, heading: &'static str) -> (&'static str, &'static str) {
    if shown { (heading, "---:|") } else { ("", "") }
}

/// An entry's RUBRIC cell where a finals round placed its ranking (`shown`), empty elsewhere.
fn rubric_cell(shown: bool, e: &Ranked, markdown: bool) -> String {
    let place = e.rubric_place.map_or_else(|| "-".into(), |p| p.to_string());
    match (shown, markdown) {
        (false, _) => String::new(),
        (true, true) => format!(" {place} |"),
        (true, false) => format!("  {place:>6}"),
    }
}

/// The finals round of a ranking as a Markdown section, or nothing without one.
fn finals_section(r: &Rankings, group: &str) -> String {
    let lines = finals(r, group, crate::report::md::text, true, None);
    if lines.is_empty() { String::new() } else { format!("\n### Finals\n\n{}\n", lines.join("\n")) }
}

/// The finals round of a ranking, as lines for the table (`markdown` false) or Markdown, the
/// ranking named by its track's name.
fn finals(r: &Rankings, group: &str, show: fn(&str) -> String, markdown: bool, width: Option<usize>) -> Vec<String> {
    r.finals
        .iter()
        .filter(|s| s.ranking == group)
        .flat_map(|s| crate::report::finals::lines(s, r.ranking_name(group), show, markdown, width))
        .collect()
}

/// How many entries "To discuss" names before "and N more".
const TO_DISCUSS: usize = 5;

/// Neighbouring places whose scores show alike to the two decimals printed, though the scores
/// differ (the unrounded ones decide): said under the ranking with the first such pair, so that
/// two rows of 4.53 at places 1 and 2 are not read as a slip or an unflagged tie.
fn closer_than_shown(ranked: &[Ranked], text: fn(&str) -> String) -> Option<String> {
    super::alike_when_shown(ranked, |e| (e.place, e.score, e.rubric_place.is_some()), |e| text(&e.id))
}

/// Under a ranking with chances: what they mean, and the entries to discuss.
fn chances(r: &Rankings, group: &str, ranked: &[Ranked], text: fn(&str) -> String) -> Vec<String> {
    if !has_chances(ranked) {
        return Vec::new();
    }
    let mut out: Vec<String> = if r.finals.iter().any(|s| s.ranking == group) {
        vec![
            "PAID: a finals round decided these places; a finalist's chance comes from the finals' model (below), and an entry outside the finals holds none of the places they decide.".to_owned(),
        ]
    } else {
        r.chance_meaning(group).into_iter().collect()
    };
    // A thin entry listed says so, sure or not: its chance does not count the judges it lacks.
    let said = |e: &Ranked| (e.place, format!("{} {}{}", text(&e.title), e.chance_text(), e.thin_note()));
    let uncertain: Vec<(usize, String)> = r.uncertain(group).into_iter().map(said).collect();
    let thin: Vec<(usize, String)> = r.thin_paid(group).into_iter().map(said).collect();
    out.push(to_discuss(uncertain, thin, r.min_judges));
    out
}

/// The entries whose paid place is uncertain, and the paid places that rest on fewer judges than
/// `min_judges` however sure they read, as (place, what to say of it): in place order, the first
/// few, so that the jury can read the list aloud.
fn to_discuss(uncertain: Vec<(usize, String)>, thin: Vec<(usize, String)>, min_judges: usize) -> String {
    let (low, high) =
        (crate::format::percent(crate::rankings::UNCERTAIN.0), crate::format::percent(crate::rankings::UNCERTAIN.1));
    if uncertain.is_empty() && thin.is_empty() {
        return format!("To discuss: none; every paid place is {high} sure or more, every other entry {low} or less.");
    }
    let why = match (uncertain.len(), thin.len()) {
        (n, 0) => format!("{n} between {low} and {high}"),
        (0, t) => format!("{} on fewer than {min_judges} judges", crate::format::count(t, "paid place", "paid places")),
        (n, t) => format!(
            "{n} between {low} and {high}, {} on fewer than {min_judges} judges",
            crate::format::count(t, "paid place", "paid places")
        ),
    };
    let mut all: Vec<(usize, String)> = uncertain.into_iter().chain(thin).collect();
    all.sort_by_key(|(place, _)| *place);
    let named: Vec<String> = all.iter().map(|(place, said)| format!("#{place} {said}")).collect();
    format!("To discuss ({why}): {}.", crate::format::first_few(&named, TO_DISCUSS, ", "))
}

fn preamble(r: &Rankings, show: fn(&str) -> String) -> String {
    let breaks = if r.tie_breaks.is_empty() { "none".to_owned() } else { r.tie_breaks.join(", then ") };
    left_out(r, show)
        + &format!(
            "Merged with the {} method. Tie-breaks: {breaks}. Criteria columns are the judges' means. GAP: the highest judge's total less the lowest's. BEYOND: the same once each judge's habits are taken out (each judge's total less what their leniency and severity predict, highest less lowest).\nFlags: {}.\n",
            r.method,
            r.legend()
        )
}

/// The entries no judge scored, in one sentence, "Title (id)" as the other lists name them, each
/// passed through `show`; then those scored that the method left out of every ranking, with why.
fn unscored(r: &Rankings, show: impl Fn(&str) -> String) -> Option<String> {
    let mut out = String::new();
    if !r.unscored.is_empty() {
        let ids = r.unscored_named(&show, true);
        out.push_str(&format!(
            "Not scored in full by any judge, so in no ranking ({}): {}.\n",
            ids.len(),
            crate::format::first_few(&ids, 12, ", ")
        ));
    }
    if let Some(first) = r.not_ranked.first() {
        let named: Vec<String> = r
            .not_ranked
            .iter()
            .map(|n| {
                let judges = crate::format::count(n.judges, "judge", "judges");
                crate::format::title_and_id(&n.title, &n.id, Some(&judges), &show)
            })
            .collect();
        out.push_str(&format!(
            "Scored, but in no ranking ({}), {}: {}.\n",
            named.len(),
            show(&first.why),
            crate::format::first_few(&named, 12, ", ")
        ));
    }
    (!out.is_empty()).then_some(out)
}

/// Every warning of the merge under one heading, as `results` lists its own (a conflict and the
/// paid places that rest on lenient judges among them, said nowhere else in the output): the
/// table and the Markdown had stated only those two, and standard error repeated them.
fn warnings(r: &Rankings, show: fn(&str) -> String, markdown: bool) -> String {
    super::results::warnings_section(&r.warnings, show, markdown)
}

/// The ranked entries the event's rules exclude from prizes, with why, in one sentence.
fn ineligible(r: &Rankings, show: fn(&str) -> String) -> String {
    if r.ineligible.is_empty() {
        return String::new();
    }
    let named: Vec<String> = r
        .ineligible
        .iter()
        .map(|i| {
            let reasons: Vec<String> = i.reasons.iter().map(|w| show(w)).collect();
            format!("{} ({}): {}", show(&i.title), show(&i.id), reasons.join(", "))
        })
        .collect();
    format!(
        "Ranked, but the event's rules exclude from prizes ({}): {}.\n",
        named.len(),
        crate::format::first_few(&named, 12, "; ")
    )
}

/// The rankings as a table for the terminal, fitted to its `width` where printed on one; each
/// ranking headed by its track's name in judging.toml ([`Rankings::ranking_name`]).
pub fn table(r: &Rankings, width: Option<usize>) -> String {
    let mut out = preamble(r, clean_line);
    out.push_str(&unscored(r, clean_line).unwrap_or_default());
    out.push_str(&ineligible(r, clean_line));
    out.push_str(&r.robustness_summary().map(|s| format!("{}\n", clean_line(&s))).unwrap_or_default());
    out.push_str(&warnings(r, clean_line, false));
    out.push_str(&crate::parallel::text_of_each_part(
        &r.rankings,
        |(_, ranked)| ranked.len(),
        |(group, ranked)| table_section(r, group, ranked, width),
    ));
    for line in agreement(r) {
        out.push_str(&format!("\n{line}\n"));
    }
    if r.concordance.is_empty() && r.pairwise.is_none() && r.judges.len() > 1 {
        out.push_str("\nKendall's W: no two judges scored enough of the same entries, so it is not given.\n");
    }
    if !r.disagreements.is_empty() {
        out.push_str(&disagreed(r, width));
    }
    let high = r.scale_high();
    out.push_str(&format!(
        "\nJUDGE                 ENTRIES  LENIENCY  SPREAD  DRIFT/HOUR     SCORES {}-{high}\n",
        r.scale_low
    ));
    for j in &r.judges {
        out.push_str(&format!(
            "{}  {:>7}  {:>8}  {:>6.2}  {:<13}  {}\n",
            fit_padded(&clean_line(&j.judge), 20),
            j.entries,
            j.leniency_text(),
            j.spread,
            j.drift_text(),
            bars(&j.histogram)
        ));
    }
    out.push_str(&format!("{}\n", judge_legend(r)));
    if !r.trainees.is_empty() {
        out.push_str("\nTRAINEE               ENTRIES  COMPARED  LENIENCY  APART  ORDER\n");
        for t in &r.trainees {
            out.push_str(&format!(
                "{}  {:>7}  {:>8}  {:>8}  {:>5}  {:>5}\n",
                fit_padded(&clean_line(&t.judge), 20),
                t.entries,
                t.compared,
                t.leniency.map_or_else(|| "-".to_owned(), |l| crate::format::signed(l, 2)),
                mean(t.gap, 2),
                mean(t.order, 2)
            ));
        }
        out.push_str(&format!("{TRAINEE_LEGEND}\n"));
    }
    out
}

/// The entries whose judges are furthest apart, as a table fitted to `width` where it is known.
fn disagreed(r: &Rankings, width: Option<usize>) -> String {
    let apart: Vec<String> = r.disagreements.iter().map(|d| far_apart(d, clean_line, " / ")).collect();
    let widest = apart.iter().map(|a| text_width(a)).max().unwrap_or(0).max(FURTHEST_HEADING.len());
    let fixed = 2 + 2 + 6 + 2 + 6 + 2 + 6 + 2 + widest;
    // The ids give up columns, down to the fewest, before a row runs past the terminal's edge.
    let whole = r.disagreements.iter().map(|d| text_width(&clean_line(&d.id))).max().unwrap_or(0).clamp(2, ID_WIDEST);
    let room = width.map_or(whole, |w| w.saturating_sub(fixed + TITLE_WIDTHS.0));
    let ids = whole.min(room.max(ID_NARROWEST.min(whole)));
    let title = super::words_width(width, ids + fixed, TITLE_WIDTHS);
    let mut out = format!(
        "\nMOST DISAGREED (beyond their habits, as contested is judged)\n{FURTHEST_SAID}\n{:<ids$}  {:<title$}  JUDGES     GAP  BEYOND  {FURTHEST_HEADING}\n",
        "ID", "TITLE"
    );
    for (d, apart) in r.disagreements.iter().zip(apart) {
        let shown = fit(&clean_line(&d.title), title);
        out.push_str(&format!(
            "{}  {}  {:>6}  {:>6.2}  {:>6}  {apart}\n",
            fit_padded(&clean_line(&d.id), ids),
            pad(&shown, title),
            d.judges,
            d.gap,
            crate::format::mean(d.beyond, 2),
        ));
    }
    out
}

/// A ranking's heading, as the table and the Markdown both name it, by its track's name
/// ([`Rankings::ranking_name`], as the results name the prize of a track), passed through `show`: `BACKYARD AI (18 entries)`.
fn ranking_heading(r: &Rankings, group: &str, entries: usize, show: fn(&str) -> String) -> String {
    let noun = if entries == 1 { "entry" } else { "entries" };
    format!("{} ({entries} {noun})", show(&r.ranking_name(group).to_uppercase()))
}

/// One ranking's table and the sentences under it.
fn table_section(r: &Rankings, group: &str, ranked: &[Ranked], width: Option<usize>) -> String {
    let shown = columns(r, group);
    let mut out = format!("\n{}\n", ranking_heading(r, group, ranked.len(), clean_line));
    let layout = Layout::of(ranked, shown.len(), width);
    let left_out = layout.left_out(r, &shown);
    let cut = (layout.id < layout.id_whole).then(|| format!("ids cut to {} columns", layout.id));
    let said: Vec<String> = left_out
        .split_last()
        .map(|(last, before)| {
            let named = if before.is_empty() { last.clone() } else { format!("{} and {last}", before.join(", ")) };
            format!("{named} left out")
        })
        .into_iter()
        .chain(cut)
        .collect();
    if !said.is_empty() {
        out.push_str(&format!(
            "{} to fit this terminal's {} columns; a wider one shows them whole, and so do -o FILE and --format csv\n",
            said.join(", "),
            width.unwrap_or_default()
        ));
    }
    let shown = &shown[..layout.criteria];
    out.push_str(&layout.heading(r, shown));
    out.push_str(&crate::parallel::text_of_each(ranked, |out, e| table_row(out, e, shown, &layout)));
    let said = majority(r, group).map(|m| clean_line(&m.said));
    let under = closer_than_shown(ranked, clean_line)
        .into_iter()
        .chain(chances(r, group, ranked, clean_line))
        .chain(robustness(r, group, clean_line));
    for line in under.chain(said).chain(finals(r, group, clean_line, false, width)) {
        out.push_str(&format!("{line}\n"));
    }
    out
}

/// What the Markdown says under one ranking's table: scores alike to two decimals, chances,
/// the paid places without each judge, the head-to-head majority and the finals.
fn markdown_under(r: &Rankings, group: &str, ranked: &[Ranked]) -> String {
    let cell = crate::report::md::text;
    let mut out = String::new();
    // Its own paragraph: a renderer joins lines with no blank line between.
    if let Some(line) = closer_than_shown(ranked, cell) {
        out.push_str(&format!("\n{line}\n"));
    }
    let notes = chances(r, group, ranked, cell);
    if !notes.is_empty() {
        out.push('\n');
    }
    for line in notes {
        out.push_str(&format!("{line}\n"));
    }
    let held = robustness(r, group, cell);
    if let Some((head, places)) = held.split_first() {
        out.push_str(&format!("\n{head}\n\n"));
        for line in places {
            out.push_str(&format!("- {}\n", line.trim_start()));
        }
    }
    if let Some(m) = majority(r, group) {
        out.push_str(&format!("\n{}\n", cell(&m.said)));
    }
    out.push_str(&finals_section(r, group));
    out
}

/// Markdown tables, one per ranking, each headed by its track's name in judging.toml
/// ([`Rankings::ranking_name`]). Pipes in titles are escaped so they cannot split a cell.
pub fn markdown(r: &Rankings) -> String {
    let cell = crate::report::md::text;
    let mut out = format!("# Rankings\n\n{}", preamble(r, cell));
    out.push_str(&unscored(r, cell).unwrap_or_default());
    out.push_str(&ineligible(r, cell));
    out.push_str(&r.robustness_summary().map(|s| format!("{}\n", cell(&s))).unwrap_or_default());
    out.push_str(&warnings(r, cell, true));
    out.push_str(&crate::parallel::text_of_each_part(
        &r.rankings,
        |(_, ranked)| ranked.len(),
        |(group, ranked)| markdown_section(r, group, ranked),
    ));
    if !r.disagreements.is_empty() {
        out.push_str("\n## Most disagreed\n\nBeyond their habits first, as contested is judged. Low and high against habit: the judge whose total is lowest against what their habits (leniency, severity) predict of them, and the one highest, in points; Beyond is the one less the other.\n\n| Entry | Judges | Gap | Beyond | Low against habit | High against habit |\n|---|---:|---:|---:|---|---|\n");
        for d in &r.disagreements {
            out.push_str(&format!(
                "| {} ({}) | {} | {:.2} | {} | {} |\n",
                cell(&d.title),
                cell(&d.id),
                d.judges,
                d.gap,
                crate::format::mean(d.beyond, 2),
                far_apart(d, cell, " | ")
            ));
        }
    }
    out.push('\n');
    for line in agreement(r) {
        out.push_str(&format!("{line}\n"));
    }
    out.push_str("\n## Judges\n\n| Judge | Entries | Leniency | Spread | Drift/hour |\n|---|---:|---:|---:|---:|\n");
    for j in &r.judges {
        out.push_str(&format!(
            "| {} | {} | {} | {:.2} | {} |\n",
            cell(&j.judge),
            j.entries,
            j.leniency_text(),
            j.spread,
            j.drift_text()
        ));
    }
    out.push_str(&format!("\n{}\n", judge_legend(r)));
    if !r.trainees.is_empty() {
        out.push_str(
            "\n## Trainees\n\n| Trainee | Entries | Compared | Leniency | Apart | Order |\n|---|---:|---:|---:|---:|---:|\n",
        );
        for t in &r.trainees {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                cell(&t.judge),
                t.entries,
                t.compared,
                t.leniency.map_or_else(|| "-".to_owned(), |l| crate::format::signed(l, 2)),
                mean(t.gap, 2),
                mean(t.order, 2)
            ));
        }
        out.push_str(&format!("\n{TRAINEE_LEGEND}\n"));
    }
    out
}

/// One ranking's Markdown table and the sentences under it.
fn markdown_section(r: &Rankings, group: &str, ranked: &[Ranked]) -> String {
    let cell = crate::report::md::text;
    let mut out = String::new();
    let shown = columns(r, group);
    let criteria: String =
        shown.iter().map(|k| format!(" {} |", cell(&super::criterion_label(&r.criteria[*k])))).collect();
    let align = "---:|".repeat(shown.len());
    let (paid, rubric) = (has_chances(ranked), has_finals(ranked));
    let ((paid_head, paid_align), (rubric_head, rubric_align)) =
        (optional(paid, " Paid |"), optional(rubric, " Rubric |"));
    out.push_str(&format!(
            "\n## {}\n\n| Place |{rubric_head} Entry | Score |{paid_head}{criteria} Judges | Gap | Beyond | Flags |\n|---:|{rubric_align}---|---:|{paid_align}{align}---:|---:|---:|---|\n",
            ranking_heading(r, group, ranked.len(), cell)
        ));
    out.push_str(&crate::parallel::text_of_each(ranked, |out, e| {
        let by_criterion: String =
            shown.iter().map(|k| format!(" {} |", mean(e.by_criterion.get(*k).copied().flatten(), 2))).collect();
        let chance = if paid { format!(" {} |", e.chance_text()) } else { String::new() };
        let rubric_place = rubric_cell(rubric, e, true);
        out.push_str(&format!(
            "| {} |{rubric_place} {} ({}) | {:.2} |{chance}{by_criterion} {} | {} | {} | {} |\n",
            e.place,
            cell(&e.title),
            cell(&e.id),
            e.score,
            e.judges,
            e.gap_text(),
            e.beyond_text(),
            flags(e)
        ));
    }));
    out.push_str(&markdown_under(r, group, ranked));
    out
}

/// One CSV row per entry and ranking, every cell safe to open in a spreadsheet.
pub fn csv(r: &Rankings) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["ranking", "place", "id", "title", "score"].map(String::from).to_vec();
    header.extend(r.criteria.iter().cloned());
    header.extend(
        [
            "judges",
            "gap",
            "gap_beyond_habits",
            "flags",
            "ineligible",
            "tie_break",
            "method",
            "head_to_head",
            "paid_chance",
            "without_one_judge",
            // Last, so that a sheet reading the columns before keeps reading them: where a
            // finals round placed the ranking, its place in the rubric round and what placed it
            // (the rows had read as out of order by score, with no sign of the finals).
            "rubric_place",
            "placed_by",
        ]
        .map(String::from),
    );
    w.write_record(header.iter().map(|c| csv_cell(c)))?;
    for (group, ranked) in &r.rankings {
        let placed_by = if has_finals(ranked) { "finals, then the rubric round" } else { "rubric round" };
        let said = r.robustness_said(group, str::to_owned);
        let holders: Vec<&str> = r.paid_holders(group).iter().map(|h| h.id.as_str()).collect();
        let held = |id: &str| holders.iter().position(|h| *h == id).and_then(|k| said.get(k)).cloned();
        for e in ranked {
            let mut row =
                vec![group.clone(), e.place.to_string(), e.id.clone(), e.title.clone(), format!("{:.4}", e.score)];
            row.extend(e.by_criterion.iter().map(|v| v.map(|v| format!("{v:.4}")).unwrap_or_default()));
            row.extend([
                e.judges.to_string(),
                e.gap.map(|g| format!("{g:.4}")).unwrap_or_default(),
                e.gap_beyond_habits.map(|g| format!("{g:.4}")).unwrap_or_default(),
                e.flags.iter().map(|f| f.label()).collect::<Vec<_>>().join(";"),
                r.ineligible.iter().find(|i| i.id == e.id).map(|i| i.reasons.join("; ")).unwrap_or_default(),
                e.tie_break.clone().unwrap_or_default(),
                r.method.clone(),
                head_to_head(r, group, &e.id).to_owned(),
                e.chance.map(|c| format!("{c:.3}")).unwrap_or_default(),
                held(&e.id).unwrap_or_default(),
                e.rubric_place.map(|p| p.to_string()).unwrap_or_default(),
                placed_by.to_owned(),
            ]);
            w.write_record(row.iter().map(|c| csv_cell(c)))?;
        }
    }
    // Entries no judge scored are in no ranking: a row each, in a group of their own, so that a
    // spreadsheet accounts for every entry in play.
    // The fixed columns follow the criteria, whatever a criterion is called: the last of a name.
    // So are the entries scored that the method gave no score, in a group of theirs.
    let column = |name: &str| header.iter().rposition(|h| h == name);
    let unscored = r.unscored.iter().map(|id| {
        let title = r.sheets.ids.iter().position(|i| i == id).and_then(|e| r.sheets.titles.get(e)).cloned();
        (UNSCORED, id.clone(), title.unwrap_or_default(), 0)
    });
    let not_ranked = r.not_ranked.iter().map(|n| (NOT_RANKED, n.id.clone(), n.title.clone(), n.judges));
    for (group, id, title, judges) in unscored.chain(not_ranked) {
        let mut row = vec![group.to_owned(), String::new(), id, title];
        row.resize(header.len(), String::new());
        for (name, value) in [("judges", judges.to_string()), ("method", r.method.clone())] {
            if let Some(k) = column(name) {
                row[k] = value;
            }
        }
        w.write_record(row.iter().map(|c| csv_cell(c)))?;
    }
    let bytes = w.into_inner().map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The CSV's `ranking` for the entries no judge scored.
const UNSCORED: &str = "unscored";
/// The CSV's `ranking` for the entries scored that the method gave no score.
const NOT_RANKED: &str = "not ranked";

#[cfg(test)]
mod tests {
    use super::{closer_than_shown, to_discuss};
    use crate::rankings::Ranked;

    /// Neighbours placed apart whose scores show alike are said, with the first pair; equal
    /// scores (a tie or a tie-break, said by their flags) and scores that show apart are not.
    #[test]
    fn places_apart_with_scores_alike_to_two_decimals_are_said() {
        let at = |place: usize, score: f64| Ranked { score, ..Ranked::example(place, &format!("e{place}")) };
        let said = |ranked: &[Ranked]| closer_than_shown(ranked, str::to_owned);
        // Places a finals round set: the rubric round's scores do not place them.
        let finals =
            |place: usize, score: f64, rubric: usize| Ranked { rubric_place: Some(rubric), ..at(place, score) };
        let cases: [(Vec<Ranked>, Option<&str>); 7] = [
            (vec![finals(2, 3.6410, 3), finals(3, 3.6412, 2)], None),
            (vec![], None),
            (vec![at(1, 4.5312), at(2, 4.5280)], Some("#1 e1 and #2 e2 both show 4.53;")),
            (vec![at(1, 4.5312), at(2, 4.5249)], None),
            // Equal to the bit: a tie or a tie-break, not a rounding.
            (vec![at(1, 4.53), at(2, 4.53)], None),
            (vec![at(1, 4.53), at(1, 4.53)], None),
            (
                vec![at(1, 4.9), at(2, 4.5312), at(3, 4.5280), at(4, 4.527), at(5, 3.0), at(6, 2.999)],
                Some("#2 e2 and #3 e3 both show 4.53, and 2 more pairs;"),
            ),
        ];
        for (ranked, want) in cases {
            match (said(&ranked), want) {
                (Some(line), Some(want)) => assert!(line.contains(want), "{line}"),
                (got, want) => assert_eq!(got.as_deref(), want, "{ranked:?}"),
            }
        }
    }

    #[test]
    fn the_list_to_discuss_is_in_place_order_and_short() {
        let entry = |place: usize| (place, format!("E{place} 50%"));
        let cases: [(Vec<(usize, String)>, &str); 3] = [
            (vec![], "To discuss: none; every paid place is 90% sure or more, every other entry 10% or less."),
            (vec![entry(3), entry(2)], "To discuss (2 between 10% and 90%): #2 E2 50%, #3 E3 50%."),
            (
                (1..=7).rev().map(entry).collect(),
                "To discuss (7 between 10% and 90%): #1 E1 50%, #2 E2 50%, #3 E3 50%, #4 E4 50%, #5 E5 50% and 2 more.",
            ),
        ];
        for (uncertain, want) in cases {
            assert_eq!(to_discuss(uncertain, Vec::new(), 2), want);
        }
        // A paid place on one judge, sure as PAID reads it, is to discuss all the same.
        let thin = vec![(2, "Weather Bard 91% (thin: one judge)".to_owned())];
        assert_eq!(
            to_discuss(vec![entry(3)], thin.clone(), 2),
            "To discuss (1 between 10% and 90%, 1 paid place on fewer than 2 judges): #2 Weather Bard 91% (thin: one judge), #3 E3 50%."
        );
        assert_eq!(
            to_discuss(Vec::new(), thin, 3),
            "To discuss (1 paid place on fewer than 3 judges): #2 Weather Bard 91% (thin: one judge)."
        );
    }
}
