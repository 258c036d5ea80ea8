//! The tie dialog: the tied entries, numbered, what is at stake, and what to press now. The
//! prompt, the input and the keys always show; the list of entries is what shrinks, first into
//! columns side by side, then to the first ones and "and N more".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::Settle;
use super::draw::centred;
use crate::sanitize::screen_line;
use crate::tui::fit::{self as fitting, Column, wrap};
use crate::tui::layout::pad;

/// Columns between two columns of entries.
const APART: usize = 3;

/// The dialog's width on a screen this wide: 76 columns on the smallest screen, growing with
/// the screen to what its lines want, up to 120.
fn width(s: &Settle, screen: u16) -> u16 {
    let judges = s
        .tied
        .iter()
        .map(|t| fitting::width(&format!("· {}", crate::format::count(t.judges, "judge", "judges"))))
        .max()
        .unwrap_or(0);
    let titles = s.tied.iter().map(|t| fitting::width(&screen_line(&t.title))).max().unwrap_or(0);
    let entry = s.tied.len().to_string().len()
        + titles
        + 4
        + judges
        + fitting::width(&format!("→ #{}", s.place + s.tied.len()))
        + 8;
    let mut said = vec![heading(s).to_string(), stakes(s)];
    said.extend(prompt(s).iter().map(ToString::to_string));
    let wants = said.iter().map(|l| fitting::width(l)).max().unwrap_or(0).max(entry) + 2;
    let wants = u16::try_from(wants).unwrap_or(u16::MAX);
    wants.clamp(76, 120).min(screen.saturating_sub(4)).max(76.min(screen))
}

/// The heading: which tie, for which prize, how many entries.
fn heading(s: &Settle) -> Line<'static> {
    Line::from(format!("The tie at #{} for {}: {} entries", s.place, screen_line(&s.prize_name), s.tied.len())).bold()
}

/// What each place the tie spans pays, places that pay alike said as one range: "#1 $2,500,
/// #2 $1,500, #3–#21 nothing".
pub(super) fn stakes(s: &Settle) -> String {
    let mut runs: Vec<(usize, usize, f64)> = Vec::new();
    for (k, amount) in s.pays.iter().enumerate() {
        let place = s.place + k;
        match runs.last_mut() {
            Some((_, last, paid)) if (*paid - amount).abs() < f64::EPSILON => *last = place,
            _ => runs.push((place, place, *amount)),
        }
    }
    let said: Vec<String> = runs
        .iter()
        .map(|(first, last, amount)| {
            let pays =
                if *amount > 0.0 { crate::report::results::money(&s.currency, *amount) } else { "nothing".into() };
            if first == last { format!("#{first} {pays}") } else { format!("#{first}–#{last} {pays}") }
        })
        .collect();
    format!("At stake: {}.", said.join(", "))
}

/// What to do now, the input and the keys: never left out.
fn prompt(s: &Settle) -> Vec<Line<'static>> {
    if s.ordered() {
        return vec![
            Line::from("Why this order? (printed with the results)"),
            Line::from(format!("> {}▏", crate::tui::app::as_typed(&s.reason))).bold(),
            Line::from("Enter records it in decisions.toml · Backspace edits · Esc leaves").dark_gray(),
        ];
    }
    let place = s.place + s.order.len();
    let typed = if s.typed.is_empty() { String::new() } else { format!(" {}▏", s.typed) };
    // Past nine entries a number takes two digits: Enter ends one that could go on.
    let how = if s.tied.len() > 9 { " (Enter after a number that could go on)" } else { "" };
    vec![
        Line::from(format!("Press the number of the entry that places #{place}{how}.{typed}")),
        Line::from("Backspace starts again · Esc leaves, recording nothing").dark_gray(),
    ]
}

/// Each line wrapped to `room` columns, in its own style.
fn wrapped(lines: Vec<Line<'static>>, room: usize) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|l| {
            let style = l.spans.first().map_or(l.style, |span| l.style.patch(span.style));
            wrap(&l.to_string(), room).into_iter().map(move |t| Line::from(t).style(style))
        })
        .collect()
}

/// The tied entries in `rows` rows of `room` columns: one column when they fit, else as many
/// columns side by side as the room holds (each entry's number, title, score and judges, the
/// judges going first, the title cut with "…"); entries beyond those say "and N more".
fn entries(s: &Settle, room: usize, rows: usize) -> Vec<Line<'static>> {
    let n = s.tied.len();
    if rows == 0 || n == 0 {
        return Vec::new();
    }
    let number = n.to_string().len();
    let placed = fitting::width(&format!("→ #{}", s.place + n - 1));
    let judges = |t: &super::Tied| format!("· {}", crate::format::count(t.judges, "judge", "judges"));
    let titles = s.tied.iter().map(|t| fitting::width(&screen_line(&t.title))).max().unwrap_or(0);
    let spec = [
        Column::whole(number, None),
        Column { want: titles, least: titles.min(10), drop: None },
        Column::whole(4, Some(2)),
        Column::whole(s.tied.iter().map(|t| fitting::width(&judges(t))).max().unwrap_or(0), Some(1)),
        Column::whole(placed, None),
    ];
    // A column of entries holds at least the number, ten columns of title and the place.
    let least = number + spec[1].least + placed + 2 * 2;
    let most_columns = ((room + APART) / (least + APART)).max(1);
    let columns = n.div_ceil(rows).clamp(1, most_columns);
    // Column by column: the first `rows` entries down the first.
    let fits = columns * rows;
    let shown = if fits >= n { n } else { fits - 1 };
    let down = shown.div_ceil(columns);
    let cell = (room.saturating_sub(APART * (columns - 1)) / columns).max(1);
    let widths = fitting::columns(&spec, 2, cell);
    // Tied entries are alike by nature: a title cut keeps what tells it from the others.
    let titles = super::titles_apart(s.tied.iter().map(|t| &t.title));
    let text = |k: usize| -> String {
        let t = &s.tied[k];
        let at = s.order.iter().position(|i| *i == k).map(|p| format!("→ #{}", s.place + p)).unwrap_or_default();
        let parts = [
            format!("{:>number$}", k + 1),
            fitting::cut_apart(&titles[k].0, titles[k].1, widths[1].unwrap_or(1)),
            format!("{:.2}", t.score),
            judges(t),
            at,
        ];
        let cells: Vec<String> =
            parts.iter().zip(&widths).filter_map(|(p, w)| w.map(|w| pad(p, w))).collect::<Vec<_>>();
        pad(&cells.join("  "), cell)
    };
    let mut out: Vec<Line<'static>> = (0..down)
        .map(|row| {
            let line: Vec<String> = (0..columns).map(|c| c * down + row).filter(|k| *k < shown).map(text).collect();
            Line::from(line.join(&" ".repeat(APART)).trim_end().to_owned())
        })
        .collect();
    if shown < n {
        let said = format!("and {} more", n - shown);
        if out.len() < rows {
            out.push(Line::from(format!("{said}: enlarge the terminal to see them")).dark_gray());
        } else if let Some(last) = out.last_mut() {
            // The last column's last cell is the one left free.
            let before = pad(&last.to_string(), (columns - 1) * (cell + APART));
            *last = Line::from(format!("{before}{said}"));
        }
    }
    out
}

/// The dialog's lines in `area`: the heading, the entries in the rows the rest leaves, what is
/// at stake, then the prompt, the input and the keys.
fn lines(s: &Settle, area: Rect) -> Vec<Line<'static>> {
    let room = usize::from(width(s, area.width).saturating_sub(2));
    let budget = usize::from(area.height.saturating_sub(2));
    let head = wrapped(vec![heading(s)], room);
    let stakes = wrapped(vec![Line::from(stakes(s)).dark_gray()], room);
    let prompt = wrapped(prompt(s), room);
    let fixed = head.len() + stakes.len() + prompt.len();
    // A blank row before the prompt, where there is room for it and a row of entries.
    let blank = usize::from(budget >= fixed + 2);
    let list = entries(s, room, budget.saturating_sub(fixed + blank));
    let mut out = head;
    out.extend(list);
    out.extend(stakes);
    out.extend(std::iter::repeat_n(Line::default(), blank));
    out.extend(prompt);
    out
}

pub(super) fn dialog(s: &Settle, area: Rect, buf: &mut Buffer) {
    let lines = lines(s, area);
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2);
    let boxed = centred(area, width(s, area.width), height, buf);
    Paragraph::new(lines).style(Style::new()).block(Block::bordered().title(" Settle a tie ")).render(boxed, buf);
}

/// What the dialog means to show whole: its heading, what is at stake, the prompt, the input
/// and the keys (the entries are what shrinks).
pub(super) fn promised(s: &Settle) -> Vec<String> {
    let mut out = vec![heading(s).to_string(), stakes(s)];
    out.extend(prompt(s).iter().map(|l| l.to_string().trim().to_owned()));
    out
}
