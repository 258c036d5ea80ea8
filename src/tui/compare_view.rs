//! Drawing the finals' comparison screen (`F`): two finalists side by side, each with its title,
//! team, links, rubric place and the judge's own scores and note; the note on the pair; the
//! message; the keys. A pure function of the app's state; every text is cleaned on its way in
//! (`App::finalist_shown`, `screen_line`, `screen_block`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};

use super::app::{App, Comparing, FinalistShown, Side};
use super::fit::{self, hanging, wrap};
use super::view::footer_line;
use crate::model::TextPart;
use crate::sanitize::{screen_block, screen_line};

impl App {
    /// The comparison screen, whole.
    pub(super) fn comparison(&self, c: &Comparing, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let header = Rect { height: 1, ..area };
        // The header's parts, whole, as many as fit: the least needed are left out first.
        let mut said = String::new();
        for part in self.comparison_header(c) {
            let next = if said.is_empty() { part } else { format!("{said} · {part}") };
            if fit::width(&next) > width {
                break;
            }
            said = next;
        }
        Line::from(said).bold().render(header, buf);
        // The footer: the message, wrapped, over the keys.
        let news: Vec<String> =
            if self.status.is_empty() { Vec::new() } else { wrap(&screen_line(&self.status), width) };
        let news = fit::rows(news, 2, crate::format::more_lines);
        let footer_rows = u16::try_from(news.len()).unwrap_or(2) + 1;
        let footer = Rect { y: area.bottom().saturating_sub(footer_rows), height: footer_rows, ..area };
        for (k, line) in news.iter().enumerate() {
            let y = footer.y + u16::try_from(k).unwrap_or(0);
            Line::from(line.clone()).render(Rect { y, height: 1, ..footer }, buf);
        }
        let keys = Rect { y: area.bottom().saturating_sub(1), height: 1, ..area };
        Line::from(footer_line(self, width)).dark_gray().render(keys, buf);
        // The note on the pair, over the footer.
        let note: Vec<String> = if c.note.trim().is_empty() || c.pair.is_none() {
            Vec::new()
        } else {
            hanging("Your note on this pair: ", &screen_line(&c.note), width)
        };
        let note = fit::rows(note, 2, crate::format::more_lines);
        let note_rows = u16::try_from(note.len()).unwrap_or(2);
        let middle = Rect { y: area.y + 1, height: area.height.saturating_sub(1 + footer_rows + note_rows), ..area };
        for (k, line) in note.iter().enumerate() {
            let y = middle.bottom() + u16::try_from(k).unwrap_or(0);
            Line::from(line.clone()).cyan().render(Rect { y, height: 1, ..area }, buf);
        }
        let Some((i, j)) = c.pair else {
            let said: Vec<Line> =
                wrap(&self.none_left(), width.saturating_sub(4)).into_iter().map(Line::from).collect();
            let height = u16::try_from(said.len()).unwrap_or(u16::MAX).min(middle.height);
            let y = middle.y + middle.height.saturating_sub(height) / 2;
            Paragraph::new(said).alignment(Alignment::Center).render(Rect { y, height, ..middle }, buf);
            return;
        };
        let half = middle.width / 2;
        let left = Rect { width: half, ..middle };
        let right = Rect { x: middle.x + half, width: middle.width - half, ..middle };
        for (side, rect, k) in [(Side::Left, left, i), (Side::Right, right, j)] {
            let Some(shown) = self.finalist_shown(c.round, k) else { continue };
            let title = match side {
                Side::Left => " Left · ← h ",
                Side::Right => " Right · → l ",
            };
            let block = Block::bordered().title(title).border_style(Style::new().cyan());
            let inner = block.inner(rect);
            block.render(rect, buf);
            let lines = self.finalist_lines(&shown, side, usize::from(inner.width));
            let lines = fit::rows(lines, usize::from(inner.height), |n| {
                Line::from(format!("{}: enlarge the terminal", crate::format::more_lines(n))).dark_gray()
            });
            Paragraph::new(lines).render(inner, buf);
        }
    }

    /// The header's parts, most needed first: the round, the judge's progress in it, the judge.
    fn comparison_header(&self, c: &Comparing) -> Vec<String> {
        let Some((round, why)) = self.finals_round(c.round) else { return vec![" Finals".into()] };
        let barred: Vec<bool> = why.iter().map(Option::is_some).collect();
        let (done, open) = round.progress(&self.judge, &barred);
        vec![
            format!(" Finals · {}", screen_line(crate::config::track_name(&self.config.tracks, &round.ranking))),
            format!("you compared {done} of the {open} pairs you may"),
            format!("{} paid", crate::format::count(round.paid, "place", "places")),
            format!("judge {}", screen_line(&self.judge)),
        ]
    }

    /// What the screen says when no pair is left for the judge, in every round.
    fn none_left(&self) -> String {
        let (mut done, mut open) = (0, 0);
        for r in 0..self.finals.len() {
            if let Some((round, why)) = self.finals_round(r) {
                let barred: Vec<bool> = why.iter().map(Option::is_some).collect();
                let (d, o) = round.progress(&self.judge, &barred);
                (done, open) = (done + d, open + o);
            }
        }
        if open == 0 {
            "No pair of these finalists is yours to compare (your conflicts, recusals or tracks leave none). Esc returns to the list.".into()
        } else {
            format!(
                "No pair is left for you to compare: you compared all {done} of the {open} pairs you may. Thank you. u takes your last answer back; Esc returns to the list."
            )
        }
    }

    /// One finalist's lines, most needed first: title, team, links, rubric place; the judge's
    /// scores on it; their note on it.
    fn finalist_lines(&self, shown: &FinalistShown, side: Side, room: usize) -> Vec<Line<'static>> {
        let mut out: Vec<Line<'static>> = wrap(&shown.title, room).into_iter().map(|l| Line::from(l).bold()).collect();
        let plain =
            |out: &mut Vec<Line<'static>>, text: String| out.extend(wrap(&text, room).into_iter().map(Line::from));
        if !shown.team.is_empty() {
            plain(&mut out, format!("by {}", shown.team));
        }
        plain(&mut out, format!("rubric place {} · {}", shown.rubric_place, shown.id));
        let Some(entry) = self.entries.get(&shown.id) else {
            plain(&mut out, "not in your store: pull to see its links and your scores".into());
            return out;
        };
        let s = &entry.submission;
        let keys = match side {
            Side::Left => ["o", "v", "p"],
            Side::Right => ["O", "V", "P"],
        };
        let links: Vec<String> = [(true, "Space"), (s.video_url.is_some(), "video"), (s.post_url.is_some(), "post")]
            .iter()
            .zip(keys)
            .filter(|((has, _), _)| *has)
            .map(|((_, what), key)| format!("{key} {what}"))
            .collect();
        plain(&mut out, links.join(" · "));
        let criteria = self.entries.rubric_of(s.track.as_deref());
        let sheet = self.sheet();
        let scores: Vec<String> = criteria
            .iter()
            .map(|c| match sheet.score(&s.id, &c.id) {
                Some(v) => format!("{} {v}/{}", screen_line(&c.label), c.scale.high),
                None => format!("{} –", screen_line(&c.label)),
            })
            .collect();
        if scores.iter().all(|t| t.ends_with('–')) {
            plain(&mut out, "You gave it no rubric score.".into());
        } else {
            let total = self.total_of(&s.id).map(|t| format!(" (total {t:.2})")).unwrap_or_default();
            out.push(Line::from(format!("Your scores{total}:")).underlined());
            for line in scores {
                plain(&mut out, format!("  {line}"));
            }
        }
        if let Some(note) = sheet.text(TextPart::Note, &s.id) {
            out.extend(
                hanging("Your note: ", &screen_block(note).replace('\n', " "), room).into_iter().map(Line::from),
            );
        }
        out
    }

    /// What the comparison screen means to show whole: the titles on both sides, the message,
    /// or what it says when no pair is left.
    pub(super) fn comparison_promised(&self, c: &Comparing) -> Vec<String> {
        let mut out = Vec::new();
        if !self.status.is_empty() {
            out.push(screen_line(&self.status));
        }
        match c.pair {
            Some((i, j)) => {
                for k in [i, j] {
                    if let Some(shown) = self.finalist_shown(c.round, k) {
                        out.push(shown.title);
                    }
                }
            }
            None => out.push(self.none_left()),
        }
        if let Some(t) = self.box_titles() {
            out.extend([t.top.trim().to_owned(), t.keys.join(" · ")]);
        }
        out
    }
}
