//! `judging feedback FILES -o DIR`: one Markdown file and one printable HTML page per entry, and
//! an index, from the judges' score files and the prize rules. Only notes written for the team
//! reach a page, and only when `[feedback] notes` lets them.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::Session;
use crate::config::{Config, FeedbackNotes, OVERALL};
use crate::model::Submission;
use crate::prizes::Outcome;
use crate::rankings::Rankings;
use crate::report::feedback::{
    Among, BINS, CriterionLine, LeftOut, Listed, Page, Standing, Unscored, bin_of, html_page, index, judge_label,
    markdown_page,
};

/// What feedback writes into its folder, as a file in the folder's place is told: checked
/// before the files are collected and merged, not after.
pub(super) const PAGES: &str = "`judging feedback` writes the teams' pages (one per entry, and an index)";

pub(super) fn run(
    session: &Session,
    files: &[std::path::PathBuf],
    mut options: crate::rankings::Options,
    decisions: Option<&Path>,
    dir: &Path,
) -> Result<ExitCode> {
    let config = &session.loaded.config;
    let (submissions, ids, judges) =
        super::merge::read_with_the_store(session, files, super::given::Taker::Feedback(dir))?;
    let field = super::merge::in_play(&submissions, ids)?;
    // A team's page shows no chance of a paid place: the refits that work them out are skipped.
    options.chances = crate::rankings::Chances::Off;
    // The teams' pages list no warnings: each is said on standard error.
    let listed = super::stderr::Listed::NOWHERE;
    let mut rankings = super::merge::merged(judges, config, &field, &options, listed)?;
    // The store's facts first, as `merge` and `results` take them: the finals are checked
    // against the finalists the rubric round picks, which leaves out the entries the rules
    // exclude, and without them an excluded entry among the first counted as a finalist and
    // the teams' pages were refused as a finals file edited by hand.
    super::merge::from_the_store(&mut rankings, session, &field, listed)?;
    super::finals::settle_into(&mut rankings, session, &field, listed)?;
    let outcome = if config.prizes.is_empty() {
        None
    } else {
        // The decisions `results` paid from: a team's page must not call undecided a place the
        // announcement gave.
        Some(super::results::award(session, &field, &rankings, decisions, false)?.0)
    };
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot make {}: {e}", dir.display()))?;
    let figures = Figures::of(&rankings, outcome.as_ref(), config);
    let mut titles = Vec::new();
    let mut written: HashSet<String> = HashSet::new();
    let progress = crate::progress::Progress::bar(field.entries.len(), "Writing the teams' pages");
    for (e, stored) in field.entries.iter().enumerate() {
        progress.tick();
        let s = &stored.submission;
        let page = page_of(e, s, &figures, config, &options.method);
        let name = crate::file_names::entry_stem(&s.id);
        // Pages are made again from the score files at will: written plainly, not synced one by
        // one (thousands of syncs would take minutes).
        write(&dir.join(format!("{name}.md")), &markdown_page(&page))?;
        write(&dir.join(format!("{name}.html")), &html_page(&page))?;
        written.extend([format!("{name}.md"), format!("{name}.html")]);
        titles.push((s.id.as_str(), name, s.title.as_str()));
    }
    progress.done();
    let (md, html) = index(&groups(&rankings, config, &titles, &figures, outcome.as_ref()), &config.event.name);
    let index_at = |ext: &str| dir.join(format!("{}.{ext}", crate::file_names::INDEX));
    crate::disk::write_durably(&index_at("md"), md.as_bytes())?;
    crate::disk::write_durably(&index_at("html"), html.as_bytes())?;
    println!("Wrote feedback for {} entries into {} (index.md, index.html)", titles.len(), dir.display());
    written.extend(["md", "html"].map(|ext| format!("{}.{ext}", crate::file_names::INDEX)));
    not_written(dir, &written);
    if let Some(line) = crate::report::results::left_out(&rankings.left_out, crate::sanitize::clean_line) {
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Names the pages in `dir` this run did not write (`written`): a folder written into before
/// keeps the pages of entries since withdrawn or left out, with the places they had then, and
/// shared whole it would send them. They are said, not removed: the folder is the organizers'.
fn not_written(dir: &Path, written: &HashSet<String>) {
    let Ok(listed) = std::fs::read_dir(dir) else { return };
    let mut others: Vec<String> = listed
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let page = Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            matches!(page.as_deref(), Some("md" | "html")) && !written.contains(name)
        })
        .collect();
    if others.is_empty() {
        return;
    }
    others.sort();
    let shown: Vec<String> = others.iter().map(|n| crate::sanitize::quoted(n)).collect();
    super::stderr::warn(&format!(
        "{} holds {} this run did not write ({}): pages of entries no longer in the field, from an earlier run, or files of your own; remove them before you share the folder",
        crate::sanitize::visible(&dir.display().to_string()),
        crate::format::count(others.len(), "page", "pages"),
        crate::format::first_few(&shown, 5, ", ")
    ));
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}

/// What every page reads of the field, worked out once: each entry's places and scores, where
/// the field stands on each criterion, the team notes and the reasons an entry could not win.
/// Pages are then made in time that does not grow with the field.
struct Figures<'r> {
    standings: HashMap<&'r str, Vec<Standing>>,
    /// Each entry's scores per criterion: its track's ranking's where it has one, else the
    /// overall's.
    means: HashMap<&'r str, &'r Vec<Option<f64>>>,
    /// Per criterion: every entry's score, sorted, and how many fall in each tenth of the scale.
    sorted: Vec<Vec<f64>>,
    bins: Vec<Vec<usize>>,
    /// The team notes per entry, in the order the files name their judges.
    notes: HashMap<usize, Vec<(String, String)>>,
    scored: HashSet<usize>,
    /// Why judges' scores of each entry were left out, by field index: an entry with none
    /// here and no score that counts was scored by no judge at all.
    left_out: HashMap<usize, Vec<LeftOut>>,
    /// Whether judges' files were left out of this count (`--without`): an entry no file read
    /// scores may have been scored in them.
    files_left_out: bool,
    prizes: HashMap<&'r str, Vec<String>>,
    /// The prizes each entry is tied for with no decision recorded yet, as the results print
    /// the place (`4=`), and those whose tie the jury's decision gave to another.
    tied: HashMap<&'r str, Vec<String>>,
    /// The prizes each entry placed for but was passed over for though it could win them.
    passed: HashMap<&'r str, Vec<String>>,
    ineligible: HashMap<&'r str, &'r Vec<String>>,
    /// Why the method gave an entry scored no place, by id.
    not_ranked: HashMap<&'r str, &'r str>,
}

impl<'r> Figures<'r> {
    fn of(rankings: &'r Rankings, outcome: Option<&'r Outcome>, config: &Config) -> Figures<'r> {
        let name_of = |ranking: &str| crate::config::track_name(&config.tracks, ranking).to_owned();
        let mut standings: HashMap<&str, Vec<Standing>> = HashMap::new();
        let mut means: HashMap<&str, &Vec<Option<f64>>> = HashMap::new();
        for (ranking, ranked) in &rankings.rankings {
            let at_place = at_each_place(ranked);
            for r in ranked {
                let shared_with = at_place.get(&r.place).map_or(0, |n| n - 1);
                let standing = Standing {
                    ranking: name_of(ranking),
                    place: r.place,
                    of: ranked.len(),
                    shared_with,
                    rubric_place: r.rubric_place,
                    compared: rankings
                        .finals
                        .iter()
                        .filter(|f| f.ranking == *ranking)
                        .flat_map(|f| &f.order)
                        .find(|f| f.id == r.id)
                        .map(|f| (f.wins, f.losses, f.levels)),
                };
                standings.entry(r.id.as_str()).or_default().push(standing);
                if ranking != OVERALL || !means.contains_key(r.id.as_str()) {
                    means.insert(r.id.as_str(), &r.by_criterion);
                }
            }
        }
        let (sorted, bins) = field_of(rankings, config);
        let share = config.feedback.notes != FeedbackNotes::Never;
        let mut notes: HashMap<usize, Vec<(String, String)>> = HashMap::new();
        for j in rankings.sheets.judges.iter().filter(|_| share) {
            for (entry, note) in &j.texts[crate::model::TextPart::TeamNote] {
                let list = notes.entry(*entry).or_default();
                list.push((judge_label(list.len()), note.clone()));
            }
        }
        let scored = rankings.sheets.judges.iter().flat_map(|j| j.entries.iter().copied()).collect();
        let left_out = left_out(rankings);
        let ineligible: HashMap<&str, &Vec<String>> =
            outcome.iter().flat_map(|o| &o.ineligible).map(|f| (f.id.as_str(), &f.reasons)).collect();
        let (prizes, tied) = prize_lines(rankings, outcome, config, &ineligible);
        let passed = passed_lines(outcome, &ineligible);
        let not_ranked = rankings.not_ranked.iter().map(|n| (n.id.as_str(), n.why.as_str())).collect();
        let files_left_out = !rankings.left_out.is_empty();
        Figures {
            standings,
            means,
            sorted,
            bins,
            notes,
            scored,
            left_out,
            files_left_out,
            prizes,
            tied,
            passed,
            ineligible,
            not_ranked,
        }
    }
}

/// The prizes each entry was passed over for though the rules let it win them (it had won
/// another, one prize per entry): what its page says beside what it won. An entry the rules
/// exclude is passed over for that, which its page says once, under why it could not win.
fn passed_lines<'r>(outcome: Option<&'r Outcome>, ineligible: &HashMap<&str, &Vec<String>>) -> Lines<'r> {
    let mut passed: Lines<'r> = HashMap::new();
    for p in outcome.iter().flat_map(|o| &o.prizes) {
        for x in p.passed_over.iter().filter(|x| !ineligible.contains_key(x.id.as_str())) {
            passed.entry(x.id.as_str()).or_default().push(format!("{} ({})", p.name, x.reason));
        }
    }
    passed
}

/// Lines of a page, by entry id.
type Lines<'r> = HashMap<&'r str, Vec<String>>;

/// Each entry's prize lines: the prizes it won, and those it is tied for (undecided, or decided
/// by the jury for another), each with its place and, where that is not its ranking place, why.
/// `ineligible`: the entries the rules exclude, which a prize passes over as unable to win it.
fn prize_lines<'r>(
    rankings: &'r Rankings,
    outcome: Option<&'r Outcome>,
    config: &Config,
    ineligible: &HashMap<&str, &Vec<String>>,
) -> (Lines<'r>, Lines<'r>) {
    let name_of = |ranking: &str| crate::config::track_name(&config.tracks, ranking).to_owned();
    let mut prizes: HashMap<&str, Vec<String>> = HashMap::new();
    let mut tied: HashMap<&str, Vec<String>> = HashMap::new();
    for p in outcome.iter().flat_map(|o| &o.prizes) {
        // A prize by score pays in its ranking's order, passing over entries that could not
        // win: where one placed above this entry, its prize place is not its ranking place,
        // and the page says why rather than contradict its own "Place 3 of 19".
        // Each place looked up once per prize, not searched for per award: a ranking may hold
        // 100,000 entries.
        let rule = config.prizes.iter().find(|c| c.id == p.id && c.by == crate::config::PrizeBy::Score);
        let ranking = rule.and_then(|c| rankings.ranking(c.ranking()));
        let places: HashMap<&str, usize> =
            ranking.map(|r| r.iter().map(|e| (e.id.as_str(), e.place)).collect()).unwrap_or_default();
        let sharing = ranking.map(at_each_place).unwrap_or_default();
        // A prize narrowed by tag or size ranks only the entries it is open to: those above
        // are not passed over, they were never in the running.
        let narrowed = rule.is_some_and(|c| !c.reads_whole_ranking());
        let place_of = |id: &str| places.get(id).copied();
        // Its place said with the ranking named, as the page's own lines name it ("Place 6
        // of 21 in Backyard AI"): "placed 10 in its ranking" beside that had read as a
        // contradiction, its ranking being the overall one.
        let standing_said = |own: usize| {
            let within = match rule.map(crate::config::Prize::ranking) {
                Some(OVERALL) | None => "overall".to_owned(),
                Some(track) => format!("in {}", name_of(track)),
            };
            format!("placed {} {within}", crate::format::ordinal(own))
        };
        for a in &p.awards {
            // A team reads an undecided tie as the announcement says it: its place, and who
            // shares it below, not the jury's "1=".
            let undecided = matches!(a.tie, Some(crate::prizes::Tie::Undecided { .. })) && a.amount.is_none();
            let place = match &a.tie {
                Some(crate::prizes::Tie::Undecided { shares, .. }) if undecided => {
                    crate::report::public::places_spanned(a.place, shares.len())
                }
                _ => format!("place {}", crate::report::results::place(a)),
            };
            let mut line = format!("{}, prize {place}", p.name);
            let decided = matches!(a.tie, Some(crate::prizes::Tie::Decided { .. }));
            if let Some(own) = place_of(&a.id).filter(|own| *own != a.place && narrowed) {
                line.push_str(&format!(" ({}; this prize ranks only the entries it is open to)", standing_said(own)));
            } else if let Some(own) = place_of(&a.id).filter(|own| *own != a.place || decided) {
                // What moved it: entries above it that could not win, the jury's decision on
                // a tie it was in, or both; said only as far as it is so.
                // Above it and passed over: those the rules exclude, and those that had won
                // another prize ("could not win this prize" had been said of both).
                let above = p.passed_over.iter().filter(|x| place_of(&x.id).is_some_and(|q| q < own));
                let (barred, paid_elsewhere): (Vec<_>, Vec<_>) =
                    above.partition(|x| ineligible.contains_key(x.id.as_str()));
                let (barred, paid_elsewhere) = (barred.len(), paid_elsewhere.len());
                let others = sharing.get(&own).map_or(0, |n| n.saturating_sub(1));
                let mut why = vec![standing_said(own)];
                if others > 0 {
                    why[0].push_str(&format!(
                        ", shared with {}",
                        crate::format::count(others, "other entry", "other entries")
                    ));
                }
                if barred > 0 {
                    why.push(format!(
                        "{} above it could not win this prize",
                        crate::format::count(barred, "entry", "entries")
                    ));
                }
                if paid_elsewhere > 0 {
                    why.push(format!(
                        "{} above it had already won another prize (one prize per entry)",
                        crate::format::count(paid_elsewhere, "entry", "entries")
                    ));
                }
                // Said alike of every entry of the tie, the one placed first as the others
                // (`lost_ties`): the winner's page had said nothing of the jury's decision.
                if decided {
                    why.push("the jury's decision on the tie gave it this place".to_owned());
                }
                line.push_str(&format!(" ({})", why.join("; ")));
            }
            // An undecided tie pays no one yet: the page says the entry is in it, as the
            // results do, rather than say nothing of a prize it may still win.
            match &a.tie {
                Some(crate::prizes::Tie::Undecided { others, .. }) if undecided => {
                    line.push_str(&format!(
                        ", tied with {} and undecided, awaiting the jury's decision",
                        crate::format::count(*others, "other entry", "other entries")
                    ));
                    tied.entry(a.id.as_str()).or_default().push(line);
                }
                _ if a.amount.is_some() => prizes.entry(a.id.as_str()).or_default().push(line),
                _ => {}
            }
        }
    }
    lost_ties(outcome, &mut tied);
    (prizes, tied)
}

/// Why judges' scores of each entry were left out, by field index, as the files read say it: a
/// judge's partial scores, a judge's recusal, a score despite a declared conflict the event
/// leaves out, a trainee's scores. An entry with none of these and no score that counts was
/// scored by no judge: its page says so, not that its scores were left out.
fn left_out(rankings: &Rankings) -> HashMap<usize, Vec<LeftOut>> {
    let sheets = &rankings.sheets;
    let index: HashMap<&str, usize> = sheets.ids.iter().enumerate().map(|(e, id)| (id.as_str(), e)).collect();
    let at = |id: &str| index.get(id).copied();
    let mut found: Vec<(usize, LeftOut)> = Vec::new();
    for j in &sheets.judges {
        found.extend(j.partial.iter().filter_map(|id| Some((at(id)?, LeftOut::Partial))));
        found.extend(j.texts[crate::model::TextPart::Recusal].iter().map(|(e, _)| (*e, LeftOut::Recused)));
    }
    for t in &sheets.trainees {
        found.extend(t.entries.iter().map(|e| (*e, LeftOut::Trainee)));
        found.extend(t.partial.iter().filter_map(|id| Some((at(id)?, LeftOut::Trainee))));
    }
    found
        .extend(rankings.conflicts.iter().filter(|c| !c.counted).filter_map(|c| Some((at(&c.id)?, LeftOut::Conflict))));
    let mut out: HashMap<usize, Vec<LeftOut>> = HashMap::new();
    for (e, why) in found {
        out.entry(e).or_default().push(why);
    }
    for why in out.values_mut() {
        why.sort_unstable();
        why.dedup();
    }
    out
}

/// Each entry that lost a tie the jury decided, with a line for its page: its page had said
/// nothing of the prize, the winner's "Won" the only word of it. Said without the jury's
/// reason, which is theirs.
fn lost_ties<'r>(outcome: Option<&'r Outcome>, tied: &mut HashMap<&'r str, Vec<String>>) {
    let Some(o) = outcome else { return };
    for used in o.decisions.iter().filter(|d| d.used) {
        let d = &used.decision;
        let Some(p) = o.prizes.iter().find(|p| p.id == d.prize) else { continue };
        let won = |id: &str| p.awards.iter().find(|a| a.id == id && a.amount.is_some());
        let winners: Vec<String> = d.order.iter().filter_map(|id| won(id)).map(|a| a.title.clone()).collect();
        let Some(first) = d.order.iter().find_map(|id| won(id)) else { continue };
        let place = d.place.unwrap_or(first.place);
        for id in d.order.iter().filter(|id| won(id).is_none()) {
            tied.entry(id.as_str()).or_default().push(format!(
                "{}, prize place {place}; the jury's decision on the tie gave it to {}",
                p.name,
                crate::format::few_of(&winners, winners.len())
            ));
        }
    }
}

/// How many entries of a ranking hold each place: a place more than one holds is shared, as the
/// pages and the index say.
fn at_each_place(ranked: &[crate::rankings::Ranked]) -> HashMap<usize, usize> {
    let mut at_place: HashMap<usize, usize> = HashMap::new();
    for r in ranked {
        *at_place.entry(r.place).or_default() += 1;
    }
    at_place
}

/// Per criterion, every entry's score sorted, and how many fall in each tenth of its scale: from
/// the overall ranking, or, without one, every track's.
fn field_of(rankings: &Rankings, config: &Config) -> (Vec<Vec<f64>>, Vec<Vec<usize>>) {
    let field: Vec<&crate::rankings::Ranked> = match rankings.ranking(OVERALL) {
        Some(all) => all.iter().collect(),
        None => rankings.rankings.iter().flat_map(|(_, r)| r.iter()).collect(),
    };
    let mut sorted = Vec::new();
    let mut bins = Vec::new();
    for (k, c) in config.criteria.iter().enumerate() {
        let mut scores: Vec<f64> = field.iter().filter_map(|r| r.by_criterion.get(k).copied().flatten()).collect();
        scores.sort_by(f64::total_cmp);
        let mut counts = vec![0; BINS];
        for v in &scores {
            counts[bin_of(*v, c.scale.low, c.scale.high)] += 1;
        }
        sorted.push(scores);
        bins.push(counts);
    }
    (sorted, bins)
}

/// One entry's page: its places, prizes, and each criterion against the field.
fn page_of(entry: usize, s: &Submission, figures: &Figures, config: &Config, method: &crate::merge::Method) -> Page {
    let means = figures.means.get(s.id.as_str());
    let unranked = figures.not_ranked.get(s.id.as_str()).copied();
    let rubric = config.rubric(s.track.as_deref());
    let criteria = config
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| rubric.iter().any(|r| r.id == c.id))
        .map(|(k, c)| {
            let mean = means.and_then(|m| m.get(k).copied().flatten());
            let field = &figures.sorted[k];
            // How many of the field score lower and higher, found in the sorted scores (its
            // own among them: an average within 1e-9 is level).
            let among = mean.filter(|_| !field.is_empty()).map(|m| Among {
                lower: field.partition_point(|v| *v < m - 1e-9),
                higher: field.len() - field.partition_point(|v| *v <= m + 1e-9),
                field: field.len(),
            });
            CriterionLine {
                label: c.label.clone(),
                mean,
                among,
                bins: figures.bins[k].clone(),
                // The level of the score the page shows: one figure, never two that disagree.
                level: mean.and_then(|m| c.level_nearest(m)).map(str::to_owned),
                low: c.scale.low,
                high: c.scale.high,
            }
        })
        .collect();
    Page {
        event: config.event.name.clone(),
        id: s.id.clone(),
        title: s.title.clone(),
        team: s.team.clone(),
        places: figures.standings.get(s.id.as_str()).cloned().unwrap_or_default(),
        criteria,
        prizes: figures.prizes.get(s.id.as_str()).cloned().unwrap_or_default(),
        tied: figures.tied.get(s.id.as_str()).cloned().unwrap_or_default(),
        passed: figures.passed.get(s.id.as_str()).cloned().unwrap_or_default(),
        ineligible: figures.ineligible.get(s.id.as_str()).map(|r| (*r).clone()).unwrap_or_default(),
        notes: figures.notes.get(&entry).cloned().unwrap_or_default(),
        // Scored, but given no place by the method: said with why, not shown with empty scores.
        scored: figures.scored.contains(&entry) && unranked.is_none(),
        unscored: match figures.left_out.get(&entry) {
            Some(why) => Unscored::LeftOut(why.clone()),
            None if figures.files_left_out => Unscored::Unknown,
            None => Unscored::NoJudge,
        },
        unranked: unranked.map(str::to_owned),
        method: method.clone(),
    }
}

/// The index's groups: each track's entries in place order (or the overall ranking's, without
/// tracks), a tie the jury settled in its decision's order, then the entries in no such ranking,
/// by title.
fn groups(
    rankings: &Rankings,
    config: &Config,
    titles: &[(&str, String, &str)],
    figures: &Figures,
    outcome: Option<&Outcome>,
) -> Vec<(String, Vec<Listed>)> {
    // The index marks an entry the rules exclude from prizes as its page does: from the same list.
    let ineligible = |id: &str| figures.ineligible.contains_key(id);
    let by_id: HashMap<&str, (&String, &str)> = titles.iter().map(|(id, file, title)| (*id, (file, *title))).collect();
    let scopes: Vec<(String, &str)> = if config.tracks.is_empty() {
        vec![("Overall".to_owned(), OVERALL)]
    } else {
        config.tracks.iter().map(|t| (t.name.clone(), t.id.as_str())).collect()
    };
    let mut listed: HashSet<&str> = HashSet::new();
    let mut groups = Vec::new();
    for (name, ranking) in scopes {
        let ranked = rankings.ranking(ranking).unwrap_or(&[]);
        let at_place = at_each_place(ranked);
        // The ties the jury settled for the prize that pays this ranking's places, listed in
        // its decision's order as `results` pays them, by the rule every such list follows.
        let pays_here = |prize: &str| {
            config.prizes.iter().any(|p| p.id == prize && p.reads_whole_ranking() && p.ranking() == ranking)
        };
        let applied = outcome
            .iter()
            .flat_map(|o| &o.decisions)
            .filter(|u| u.used && pays_here(&u.decision.prize))
            .map(|u| &u.decision);
        let rows: Vec<(&str, usize)> = ranked.iter().map(|r| (r.id.as_str(), r.place)).collect();
        let entries = crate::prizes::decisions::decided_order(&rows, applied)
            .into_iter()
            .filter_map(|k| ranked.get(k))
            .filter_map(|r| {
                let (file, title) = by_id.get(r.id.as_str())?;
                listed.insert(r.id.as_str());
                Some(Listed {
                    file: (*file).clone(),
                    title: (*title).to_owned(),
                    place: Some(r.place),
                    shared: at_place.get(&r.place).is_some_and(|n| *n > 1),
                    ineligible: ineligible(r.id.as_str()),
                })
            })
            .collect();
        groups.push((name, entries));
    }
    let mut rest: Vec<Listed> = titles
        .iter()
        .filter(|(id, _, _)| !listed.contains(id))
        .map(|(id, file, title)| Listed {
            file: file.clone(),
            title: (*title).to_owned(),
            place: None,
            shared: false,
            ineligible: ineligible(id),
        })
        .collect();
    rest.sort_by(|a, b| a.title.cmp(&b.title));
    groups.push(("Not ranked".to_owned(), rest));
    groups
}
