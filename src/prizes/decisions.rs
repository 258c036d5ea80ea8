//! The head judge's decisions on ties (decisions.toml): read, and checked against the prizes and
//! the entries before any result is made.

use std::collections::HashSet;

use serde::Deserialize;

use super::Decision;
use crate::config::Prize;
use crate::sanitize::clean_line;

/// The decisions in a decisions.toml text.
pub fn parse(text: &str) -> Result<Vec<Decision>, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        #[serde(default)]
        decisions: Vec<Decision>,
    }
    toml::from_str::<File>(text).map(|f| f.decisions).map_err(|e| e.to_string())
}

/// Every problem with the decisions, each naming `decisions[i]` and its key: a prize that does
/// not exist, fewer than two entries, an entry not in `known`, no reason.
pub fn problems(decisions: &[Decision], prizes: &[Prize], known: &HashSet<&str>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, d) in decisions.iter().enumerate() {
        let at = format!("decisions[{i}]");
        if prizes.iter().all(|p| p.id != d.prize) {
            let ids: Vec<&str> = prizes.iter().map(|p| p.id.as_str()).collect();
            out.push(format!(
                "{at}.prize = {:?} is not a prize; the prizes are {}",
                clean_line(&d.prize),
                ids.join(", ")
            ));
        }
        if d.order.len() < 2 {
            out.push(format!(
                "{at}.order names {} entr(ies): a decision orders two tied entries or more",
                d.order.len()
            ));
        }
        for id in d.order.iter().filter(|id| !known.contains(id.as_str())) {
            out.push(format!("{at}.order: {:?} is not an entry in the store", clean_line(id)));
        }
        if d.reason.trim().is_empty() {
            out.push(format!("{at}.reason is empty: say why, for the record"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn each_bad_decision_is_named() {
        let prizes = Config::builtin().prizes;
        let known: HashSet<&str> = ["a", "b"].into();
        let decision = |prize: &str, order: &[&str], reason: &str| Decision {
            prize: prize.into(),
            order: order.iter().map(|o| (*o).to_owned()).collect(),
            reason: reason.into(),
        };
        let cases = [
            (decision("wood", &["a", "b"], "coin"), None),
            (decision("forest", &["a", "b"], "coin"), Some("decisions[0].prize = \"forest\" is not a prize")),
            (decision("wood", &["a"], "coin"), Some("decisions[0].order names 1 entr(ies)")),
            (decision("wood", &["a", "zz"], "coin"), Some("decisions[0].order: \"zz\" is not an entry")),
            (decision("wood", &["a", "b"], " "), Some("decisions[0].reason is empty")),
        ];
        for (d, want) in cases {
            let found = problems(std::slice::from_ref(&d), &prizes, &known);
            match want {
                None => assert!(found.is_empty(), "{found:?}"),
                Some(want) => assert!(found.iter().any(|p| p.contains(want)), "{want}: {found:?}"),
            }
        }
        assert!(parse("[[decisions]]\nprize = \"wood\"\norder = [\"a\"]\nreason = \"x\"\nextra = 1").is_err());
    }
}
