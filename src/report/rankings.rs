//! The merged rankings as a table for the terminal.

use unicode_width::UnicodeWidthStr;

use crate::headjudge::Rankings;
use crate::text::{clean_line, fit};

pub fn table(r: &Rankings) -> String {
    let mut out = format!("Merged with the {} method.\n", r.method);
    for (group, ranked) in &r.rankings {
        out.push_str(&format!("\n{} ({} entries)\n", group.to_uppercase(), ranked.len()));
        out.push_str("PLACE  ID                    TITLE                          SCORE  JUDGES  SPREAD  FLAGS\n");
        for e in ranked {
            let title = fit(&clean_line(&e.title), 30);
            out.push_str(&format!(
                "{:>5}  {:<20}  {title}{}  {:>6.2}  {:>6}  {:>6.2}  {}\n",
                e.place,
                fit(&clean_line(&e.id), 20),
                " ".repeat(30usize.saturating_sub(title.width())),
                e.score,
                e.judges,
                e.spread,
                e.flags.join(", ")
            ));
        }
    }
    out.push_str("\nJUDGE                 ENTRIES  LENIENCY  SPREAD\n");
    for j in &r.judges {
        out.push_str(&format!(
            "{:<20}  {:>7}  {:>+8.2}  {:>6.2}\n",
            fit(&clean_line(&j.judge), 20),
            j.entries,
            j.leniency,
            j.spread
        ));
    }
    out
}
