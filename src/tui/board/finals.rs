//! The head judge's finals view (`F`): for the ranking in sight, the finals' order with each
//! finalist's strength and its uncertainty, its comparisons and how sure its paid place is; each
//! pair's tally; the pairs still uncompared; the cycles and disagreements, in plain words. All of
//! it is the core's `Standing` (`Round::standing`), which the merge put in `Rankings::finals`.

use ratatui::style::Stylize;
use ratatui::text::Line;

use super::Board;
use crate::finals::Standing;
use crate::sanitize::screen_line;
use crate::tui::fit::{hanging, wrap};
use crate::tui::layout::{pad, pad_left};

impl Board<'_> {
    /// The finals of the ranking in sight, if it had any.
    pub fn standing_here(&self) -> Option<&Standing> {
        self.rankings.finals.iter().find(|s| s.ranking == self.ranking_name())
    }

    /// The finals view's lines, most needed first, in `room` columns.
    pub(super) fn finals_lines(&self, room: usize) -> Vec<Line<'static>> {
        let Some(s) = self.standing_here() else {
            let said = if self.rankings.finals.is_empty() {
                "No finals: none were published (judging merge --finals), or no comparison was read.".to_owned()
            } else {
                let with: Vec<String> = self.rankings.finals.iter().map(|s| self.name_of(&s.ranking)).collect();
                format!("No finals in this ranking; ←/→ to those with finals: {}.", with.join(", "))
            };
            return wrap(&said, room).into_iter().map(Line::from).collect();
        };
        let mut out: Vec<Line<'static>> = wrap(
            &format!(
                "Finals of {}: {} finalists, {} paid; the paid places by the finals' order",
                self.ranking_shown(),
                s.order.len(),
                crate::format::count(s.paid, "place", "places")
            ),
            room,
        )
        .into_iter()
        .map(|l| Line::from(l).bold())
        .collect();
        // PLACE RUBRIC STRENGTH W-L-= PAID ABOVE NEXT, then the title in the rest.
        let fixed = 5 + 7 + 14 + 10 + 6 + 7;
        let title_room = room.saturating_sub(fixed + 1).max(8);
        out.push(
            Line::from(format!(
                "{}{}{}{}{}{} {}",
                pad_left("PLACE", 5),
                pad_left("RUBRIC", 7),
                pad_left("STRENGTH", 14),
                pad_left("W-L-=", 10),
                pad_left("PAID", 6),
                pad_left("ABOVE", 7),
                "TITLE"
            ))
            .underlined(),
        );
        // Finalists' titles cut keep what tells each from the others.
        let titles = super::titles_apart(s.order.iter().map(|f| &f.title));
        for (f, (title, shared)) in s.order.iter().zip(&titles) {
            let above = f.above_next.map_or_else(|| "–".to_owned(), crate::format::percent);
            let line = format!(
                "{}{}{}{}{}{} {}",
                pad_left(&f.place.to_string(), 5),
                pad_left(&f.rubric_place.to_string(), 7),
                pad_left(&format!("{} ± {:.2}", crate::format::signed(f.strength, 2), f.sd), 14),
                pad_left(&format!("{}-{}-{}", f.wins, f.losses, f.levels), 10),
                pad_left(&crate::format::percent(f.paid), 6),
                pad_left(&above, 7),
                pad(&crate::tui::fit::cut_apart(title, *shared, title_room), title_room)
            );
            let line = Line::from(line);
            out.push(if f.place <= s.paid { line.bold() } else { line });
        }
        out.push(Line::from(""));
        let title =
            |id: &str| s.order.iter().find(|f| f.id == id).map_or_else(|| screen_line(id), |f| screen_line(&f.title));
        let (answered, open): (Vec<_>, Vec<_>) = s.pairs.iter().partition(|p| p.answers() > 0);
        out.extend(
            wrap(&format!("Pairs: {} compared, {} still uncompared", answered.len(), open.len()), room)
                .into_iter()
                .map(|l| Line::from(l).bold()),
        );
        for p in &answered {
            let said = format!(
                "{} – {}: {}–{}, {} level · {} sure the first is above{}",
                title(&p.first),
                title(&p.second),
                p.first_wins,
                p.second_wins,
                p.levels,
                crate::format::percent(p.above),
                if p.disputed() { " · judges disagree" } else { "" }
            );
            out.extend(hanging("  ", &said, room).into_iter().map(Line::from));
        }
        if !open.is_empty() {
            let names: Vec<String> =
                open.iter().map(|p| format!("{} – {}", title(&p.first), title(&p.second))).collect();
            let head = "  Uncompared: ";
            out.extend(hanging(head, &names.join("; "), room).into_iter().map(Line::from));
        }
        for said in s.cycles.iter().chain(&s.disagreements) {
            out.extend(hanging("  ", &screen_line(said), room).into_iter().map(|l| Line::from(l).yellow()));
        }
        out
    }
}
