//! The event's rules for who may win, written once: the prize results, the merge's rankings, the
//! judge's warnings, the list and `judging enrich` all ask here.

use std::collections::{HashMap, HashSet};

use crate::config::Rules;
use crate::model::{HubFacts, Submission, format_params};
use crate::rankings::{Field, Flag, Ineligible, Rankings};

/// What the rules read of an entry: the Hub's word where it has one, else what the entrants
/// declared in the export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// The parameters of all its models together.
    pub params: Option<u64>,
    /// Whether that count is the Hub's (else the entrants' declaration).
    pub params_from_hub: bool,
    /// Why the count may be wrong (a quantized repo, a model without a count).
    pub params_uncertain: Option<String>,
    pub sdk: Option<String>,
    pub video: bool,
    pub post: bool,
}

impl Evidence {
    pub fn of(s: &Submission, hub: Option<&HubFacts>) -> Evidence {
        let hub_params = hub.and_then(|f| f.params);
        Evidence {
            params: hub_params.or(s.declared_params),
            params_from_hub: hub_params.is_some(),
            params_uncertain: hub.filter(|f| f.params.is_some()).and_then(|f| f.params_uncertain.clone()),
            sdk: hub.and_then(|f| f.sdk.clone()).or_else(|| s.sdk.clone()),
            video: s.video_url.is_some(),
            post: s.post_url.is_some(),
        }
    }
}

/// Where an entry stands against a size limit: the one test that a prize narrowed by size
/// (Tiny Titan's `max_params`) applies and that the judge's hint shows, so the two never say
/// opposite things. The count is the Hub's where it has one, else the entrants' declaration; an
/// uncertain count is taken as it reads (the results say it is unverified).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Within,
    Over,
    /// No count, from the Hub or declared.
    Unknown,
}

impl Evidence {
    pub fn size_against(&self, limit: u64) -> Size {
        match self.params {
            None => Size::Unknown,
            Some(p) if p > limit => Size::Over,
            Some(_) => Size::Within,
        }
    }
}

/// A rule an entry breaks: it cannot win a prize.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    TooLarge { params: u64, limit: u64 },
    Sdk { found: String, wanted: String },
    NoVideo,
    NoPost,
}

impl std::fmt::Display for Breach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Breach::TooLarge { params, limit } => {
                write!(f, "{} of models, over the {} limit", format_params(*params), format_params(*limit))
            }
            // Shown as given, controls escaped: cleaned, "gradio\u{1b}[2J" read as gradio.
            Breach::Sdk { found, wanted } => write!(f, "a {} Space, not {wanted}", crate::sanitize::quoted(found)),
            Breach::NoVideo => f.write_str("no demo video"),
            Breach::NoPost => f.write_str("no social post"),
        }
    }
}

/// Every rule of `rules` the entry breaks, by what is known of it.
pub fn breaches(e: &Evidence, rules: &Rules) -> Vec<Breach> {
    let mut out = Vec::new();
    if let Some(params) = e.params.filter(|p| *p > rules.max_params.0) {
        out.push(Breach::TooLarge { params, limit: rules.max_params.0 });
    }
    if let Some(sdk) = e.sdk.as_deref().filter(|s| !rules.sdk.is_empty() && !s.eq_ignore_ascii_case(&rules.sdk)) {
        out.push(Breach::Sdk { found: sdk.to_owned(), wanted: rules.sdk.clone() });
    }
    if rules.require_video && !e.video {
        out.push(Breach::NoVideo);
    }
    if rules.require_post && !e.post {
        out.push(Breach::NoPost);
    }
    out
}

/// Marks every ranked entry the rules exclude from prizes: flagged `ineligible` in each ranking
/// it is in, and listed with its reasons in `rankings.ineligible`, by the same test the prize
/// results apply (`hub` is what the head judge's store holds of the Hub, by entry id).
pub fn mark(rankings: &mut Rankings, field: &Field, hub: &HashMap<String, (HubFacts, String)>, rules: &Rules) {
    let ranked: HashSet<&str> = rankings.rankings.iter().flat_map(|(_, r)| r).map(|e| e.id.as_str()).collect();
    let ineligible: Vec<Ineligible> = field
        .entries
        .iter()
        .map(|s| &s.submission)
        .filter(|s| ranked.contains(s.id.as_str()))
        .filter_map(|s| {
            let reasons: Vec<String> = breaches(&Evidence::of(s, hub.get(&s.id).map(|(f, _)| f)), rules)
                .iter()
                .map(ToString::to_string)
                .collect();
            (!reasons.is_empty()).then(|| Ineligible { id: s.id.clone(), title: s.title.clone(), reasons })
        })
        .collect();
    let out: HashSet<&str> = ineligible.iter().map(|i| i.id.as_str()).collect();
    for e in rankings.rankings.iter_mut().flat_map(|(_, r)| r).filter(|e| out.contains(e.id.as_str())) {
        if !e.has(Flag::Ineligible) {
            e.flags.push(Flag::Ineligible);
            e.flags.sort();
        }
    }
    rankings.ineligible = ineligible;
    // Head to head among the entries that can win; where it cannot be said again, the entries
    // it names that cannot are said to be excluded.
    rankings.compare_who_can_win(field);
    for m in &mut rankings.majorities {
        for i in &rankings.ineligible {
            m.excluded(&i.id, &i.title, &i.reasons);
        }
    }
    // The paid places go to the entries that can win: their chances, and whether each holds
    // without one judge, worked out again without those that cannot.
    rankings.pay_only_who_can_win();
    rankings.test_places();
}

/// What the data cannot confirm about the entry's eligibility.
pub fn unverified(e: &Evidence, rules: &Rules) -> Vec<String> {
    let mut out = Vec::new();
    if e.params.is_none() {
        out.push("parameters not declared".to_owned());
    }
    if let Some(why) = &e.params_uncertain {
        out.push(format!("parameter count uncertain ({why})"));
    }
    if e.sdk.is_none() && !rules.sdk.is_empty() {
        out.push("SDK not known".to_owned());
    }
    out
}

/// One judge's standing towards an entry, beside what the entry is.
pub struct Standing<'a> {
    pub withdrawn: bool,
    /// judging.toml lists a conflict of this judge's with the entry.
    pub conflict: bool,
    /// Why the judge recused from it, if they did.
    pub recusal: Option<&'a str>,
    /// How this judge recuses where they read the warning (a key in the app, which `list` names).
    pub how_to_recuse: &'a str,
}

/// What one judge must know before scoring an entry, the most pressing first: their recusal and
/// why, the entry withdrawn from the export, a conflict of theirs judging.toml lists (until they
/// recuse), then the event's rules it breaks. The judge's app and `judging list` both say these.
pub fn for_a_judge(s: &Submission, standing: &Standing, e: &Evidence, rules: &Rules) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(reason) = standing.recusal {
        out.push(format!("recused: {}", crate::sanitize::clean_line(reason)));
    }
    if standing.withdrawn {
        out.push("withdrawn from the export".to_owned());
    }
    if standing.conflict && standing.recusal.is_none() {
        out.push(conflict_reminder(standing.how_to_recuse));
    }
    out.extend(warnings(s, e, rules));
    out
}

/// The reminder a judge reads by an entry the event lists as a conflict of theirs, ending with
/// how they recuse where they read it: the app's list, its messages and `judging list` say it so.
/// "The event", not "judging.toml": the built-in event lists conflicts with no file to look in.
pub fn conflict_reminder(how_to_recuse: &str) -> String {
    format!("the event lists a conflict of yours with this entry: {how_to_recuse}")
}

/// What a judge should know before scoring: every rule the entry breaks, and a link that is not
/// a Space.
pub fn warnings(s: &Submission, e: &Evidence, rules: &Rules) -> Vec<String> {
    let mut out: Vec<String> = breaches(e, rules).iter().map(ToString::to_string).collect();
    if s.space_key.is_none() {
        out.push("not a Space".to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Params;

    fn rules() -> Rules {
        Rules::default()
    }

    /// A judge's own standing comes before the rules' warnings, the most pressing first, and a
    /// conflict is no longer said once they recused.
    #[test]
    fn a_judges_standing_is_said_first_and_a_recusal_ends_the_conflict_reminder() {
        let entry = Submission::example("e");
        let evidence = Evidence::of(&entry, None);
        let conflict = &conflict_reminder("r recuses");
        // (withdrawn, conflict, recusal, the warnings' start)
        let cases: [(bool, bool, Option<&str>, &[&str]); 5] = [
            (false, false, None, &[]),
            (false, true, None, &[conflict]),
            (true, true, None, &["withdrawn from the export", conflict]),
            (false, true, Some("my cousin's"), &["recused: my cousin's"]),
            (true, false, Some("x"), &["recused: x", "withdrawn from the export"]),
        ];
        for (withdrawn, conflict, recusal, want) in cases {
            let standing = Standing { withdrawn, conflict, recusal, how_to_recuse: "r recuses" };
            let got = for_a_judge(&entry, &standing, &evidence, &rules());
            let rules_say = warnings(&entry, &evidence, &rules());
            assert_eq!(got[..want.len()], *want, "{got:?}");
            assert_eq!(got[want.len()..], rules_say[..], "the rules' warnings follow");
        }
    }

    /// One entry, with or without the Hub's facts, and the breaches the rules find.
    #[test]
    fn the_hub_wins_over_the_declaration_and_every_source_is_checked() {
        let entry = |params: Option<u64>, sdk: Option<&str>, video: bool| Submission {
            declared_params: params,
            sdk: sdk.map(str::to_owned),
            video_url: video.then(|| "https://youtu.be/x".to_owned()),
            post_url: Some("https://x.com/p".into()),
            ..Submission::example("x")
        };
        let b72 = 72_000_000_000;
        let cases: [(Submission, Option<HubFacts>, Vec<Breach>); 7] = [
            (entry(Some(7_000_000_000), Some("gradio"), true), None, vec![]),
            (
                entry(Some(b72), Some("gradio"), true),
                None,
                vec![Breach::TooLarge { params: b72, limit: 32_000_000_000 }],
            ),
            // A streamlit entry from the export is caught without the Hub.
            (
                entry(None, Some("streamlit"), true),
                None,
                vec![Breach::Sdk { found: "streamlit".into(), wanted: "gradio".into() }],
            ),
            (entry(Some(b72), Some("gradio"), true), Some(HubFacts::example(Some(1_000_000_000), "gradio")), vec![]),
            (
                entry(Some(1_000_000_000), None, true),
                Some(HubFacts::example(Some(b72), "docker")),
                vec![
                    Breach::TooLarge { params: b72, limit: 32_000_000_000 },
                    Breach::Sdk { found: "docker".into(), wanted: "gradio".into() },
                ],
            ),
            (entry(None, Some("Gradio"), false), None, vec![Breach::NoVideo]),
            (entry(None, None, true), None, vec![]),
        ];
        for (s, facts, want) in cases {
            let e = Evidence::of(&s, facts.as_ref());
            assert_eq!(breaches(&e, &rules()), want, "{e:?}");
        }
    }

    /// The cases where the judge's hint and the prize used to disagree: a count from the
    /// declaration only, and an uncertain count from the Hub. One test decides both now.
    #[test]
    fn one_size_test_for_the_hint_and_the_prize() {
        let b4 = 4_000_000_000;
        let uncertain =
            |params| HubFacts { params_uncertain: Some("GPTQ".into()), ..HubFacts::example(params, "gradio") };
        let cases: [(Option<u64>, Option<HubFacts>, Size); 7] = [
            (Some(1_000_000_000), None, Size::Within),
            (Some(7_000_000_000), None, Size::Over),
            (None, None, Size::Unknown),
            (Some(1_000_000_000), Some(HubFacts::example(Some(8_000_000_000), "gradio")), Size::Over),
            (Some(8_000_000_000), Some(HubFacts::example(Some(b4), "gradio")), Size::Within),
            (None, Some(uncertain(Some(3_000_000_000))), Size::Within),
            (Some(2_000_000_000), Some(HubFacts::example(None, "gradio")), Size::Within),
        ];
        for (declared, facts, want) in cases {
            let s = Submission { declared_params: declared, ..Submission::example("x") };
            let e = Evidence::of(&s, facts.as_ref());
            assert_eq!(e.size_against(b4), want, "declared {declared:?}, hub {:?}", facts.map(|f| f.params));
        }
    }

    #[test]
    fn rules_that_are_off_are_not_checked() {
        let off = Rules {
            sdk: String::new(),
            require_video: false,
            require_post: false,
            max_params: Params(u64::MAX),
            ..rules()
        };
        let e = Evidence { params: Some(100_000_000_000), sdk: Some("static".into()), ..Evidence::default() };
        assert!(breaches(&e, &off).is_empty());
        assert_eq!(unverified(&Evidence::default(), &off), ["parameters not declared"]);
        assert_eq!(unverified(&Evidence::default(), &rules()), ["parameters not declared", "SDK not known"]);
    }

    #[test]
    fn a_judge_is_warned_of_each_breach_and_of_a_link_that_is_not_a_space() {
        let s = Submission { space_key: None, sdk: Some("streamlit".into()), ..Submission::example("x") };
        let e = Evidence::of(&s, None);
        assert_eq!(
            warnings(&s, &e, &rules()),
            ["a streamlit Space, not gradio", "no demo video", "no social post", "not a Space"]
        );
    }
}
