//! Pictures for the jury's page, as inline SVG: fixed size, no script, no external asset, every
//! name escaped (names come from the judges' and entrants' own files). Each is nothing at all
//! when it has nothing to draw.

use super::html::escape;
use crate::format::fit;

/// The width of every picture, in CSS pixels: the page's 180 mm column at 96 dpi, less a margin.
const WIDTH: f64 = 640.0;
/// One judge or one place a row.
const ROW: f64 = 16.0;
/// Where the labels end and the plot begins.
const LABELS: f64 = 190.0;
/// The widest label, in characters; longer names end in "…".
const LABEL_CHARS: usize = 28;
/// Error bars span this many standard errors each way: 95 % of a normal estimate.
pub const Z95: f64 = 1.96;

/// A judge on the leniency picture: their leniency in marks above a typical judge's, and its
/// standard error.
#[derive(Debug, Clone, PartialEq)]
pub struct JudgeDot {
    pub name: String,
    pub leniency: f64,
    pub error: f64,
    pub marks: usize,
}

/// A paid place on a prize's picture: its label (place and title) and its chance of a paid
/// place, 0 to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceBar {
    pub label: String,
    pub chance: f64,
    /// Under the chance that makes a place one to check.
    pub doubtful: bool,
}

/// A name as a picture's label: cut to fit, then escaped.
fn label(text: &str) -> String {
    escape(&fit(&crate::sanitize::clean_line(text), LABEL_CHARS))
}

/// The picture's opening tag, of the fixed size `height`, with what it shows for readers who
/// cannot see it.
fn open(height: f64, what: &str) -> String {
    format!(
        "<svg width=\"{WIDTH:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"img\" aria-label=\"{}\" font-size=\"12\">\n",
        escape(what)
    )
}

/// The half-width of a symmetric axis that holds `extent`, and its tick step: a round step, at
/// most four ticks each side of zero, never narrower than half a mark.
fn axis(extent: f64) -> (f64, f64) {
    let extent = if extent.is_finite() { extent.max(0.5) } else { 0.5 };
    let step = [0.25, 0.5, 1.0, 2.0, 5.0, 10.0].into_iter().find(|s| extent / s <= 4.0).unwrap_or(extent / 4.0);
    ((extent / step).ceil() * step, step)
}

/// Each judge's leniency as a dot, with its 95 % interval as a bar, about a line at zero (the
/// typical judge), most lenient at the top. Past [`super::LONGEST_LIST`] judges, the most
/// lenient and the harshest half of that each, with how many are between: the judges a jury
/// asks about are at the ends.
pub fn leniency(judges: &[JudgeDot]) -> String {
    if judges.is_empty() {
        return String::new();
    }
    let mut sorted: Vec<&JudgeDot> = judges.iter().collect();
    sorted.sort_by(|a, b| b.leniency.total_cmp(&a.leniency).then_with(|| a.name.cmp(&b.name)));
    let most = super::LONGEST_LIST;
    let between = sorted.len().saturating_sub(most);
    if between > 0 {
        sorted.drain(most / 2..sorted.len() - most / 2);
    }
    let extent = sorted.iter().map(|j| j.leniency.abs() + Z95 * j.error.max(0.0)).fold(0.0, f64::max);
    let (half, step) = axis(extent);
    let (left, right) = (LABELS, WIDTH - 20.0);
    let x = |v: f64| left + (v.clamp(-half, half) + half) / (2.0 * half) * (right - left);
    let rows = sorted.len() + usize::from(between > 0);
    let (top, bottom) = (18.0, 18.0 + rows as f64 * ROW);
    let height = bottom + 34.0;
    let mut out = open(height, "each judge's leniency with its 95% interval; zero is a typical judge");
    out.push_str(&format!(
        "<text x=\"{left:.1}\" y=\"11\" fill=\"#444\">← harsher</text><text x=\"{right:.1}\" y=\"11\" text-anchor=\"end\" fill=\"#444\">more lenient →</text>\n"
    ));
    // The ticks, at round steps each side of zero, and zero itself darker: the typical judge.
    // At most a few, from `axis`: the cast is exact.
    #[allow(clippy::cast_possible_truncation)]
    let ticks = (half / step).round() as i64;
    for k in -ticks..=ticks {
        let v = k as f64 * step;
        let (stroke, dash) = if k == 0 { ("#333", "") } else { ("#ccc", " stroke-dasharray=\"2 3\"") };
        out.push_str(&format!(
            "<line x1=\"{0:.1}\" y1=\"{top:.1}\" x2=\"{0:.1}\" y2=\"{bottom:.1}\" stroke=\"{stroke}\"{dash}/><text x=\"{0:.1}\" y=\"{1:.1}\" text-anchor=\"middle\">{2}</text>\n",
            x(v),
            bottom + 13.0,
            tick(v)
        ));
    }
    out.push_str(&format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#444\">marks above a typical judge's, on the same entry</text>\n",
        f64::midpoint(left, right),
        bottom + 28.0
    ));
    let mut y = top + ROW / 2.0;
    for (k, j) in sorted.iter().enumerate() {
        if between > 0 && k == most / 2 {
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#444\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">and {between} more judges between</text>\n",
                f64::midpoint(left, right),
                y + 4.0
            ));
            y += ROW;
        }
        let (low, high) = (j.leniency - Z95 * j.error.max(0.0), j.leniency + Z95 * j.error.max(0.0));
        out.push_str(&format!(
            "<g><title>{name}: {lean} ± {err:.2} marks, on {marks} entries</title><text x=\"{lx:.1}\" y=\"{ty:.1}\" text-anchor=\"end\">{name}</text><line x1=\"{x1:.1}\" y1=\"{y:.1}\" x2=\"{x2:.1}\" y2=\"{y:.1}\" stroke=\"#555\" stroke-width=\"1.5\"/><circle cx=\"{cx:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"#111\"/></g>\n",
            name = label(&j.name),
            lean = crate::format::signed(j.leniency, 2),
            err = Z95 * j.error.max(0.0),
            marks = j.marks,
            lx = left - 8.0,
            ty = y + 4.0,
            x1 = x(low),
            x2 = x(high),
            cx = x(j.leniency),
        ));
        y += ROW;
    }
    out.push_str("</svg>\n");
    out
}

/// A tick's label: `0`, `+0.5`, `−1`, with no more decimals than it needs.
fn tick(v: f64) -> String {
    let text = format!("{:.2}", v.abs());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match v {
        v if v > 0.0 => format!("+{text}"),
        v if v < 0.0 => format!("−{text}"),
        _ => "0".into(),
    }
}

/// Each paid place's chance of a paid place as a bar from 0 to 100 %, its figure in a column of
/// its own at the right (where no line crosses it), with a line at `threshold` (under it, a
/// place to check), the doubtful bars dark.
pub fn chances(places: &[PlaceBar], threshold: f64) -> String {
    let (shown, more) = super::first_rows(places);
    if shown.is_empty() {
        return String::new();
    }
    let (left, right) = (LABELS + 60.0, WIDTH - 50.0);
    let x = |c: f64| left + c.clamp(0.0, 1.0) * (right - left);
    let rows = shown.len() + usize::from(more > 0);
    let (top, bottom) = (16.0, 16.0 + rows as f64 * ROW);
    let mut out = open(bottom + 4.0, "each paid place's chance of a paid place, in per cent");
    out.push_str(&format!(
        "<text x=\"{left:.1}\" y=\"11\" fill=\"#444\">0%</text><text x=\"{right:.1}\" y=\"11\" text-anchor=\"end\" fill=\"#444\">100%</text>\n"
    ));
    let mut y = top;
    for p in shown {
        let fill = if p.doubtful { "#8a1c00" } else { "#8fa8bb" };
        out.push_str(&format!(
            "<g><text x=\"{lx:.1}\" y=\"{ty:.1}\" text-anchor=\"end\">{name}</text><rect x=\"{left:.1}\" y=\"{ry:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{fill}\"/><text x=\"{vx:.1}\" y=\"{ty:.1}\" text-anchor=\"end\">{pct}</text></g>\n",
            name = label(&p.label),
            lx = left - 8.0,
            ty = y + 12.0,
            ry = y + 3.0,
            w = x(p.chance) - left,
            h = ROW - 5.0,
            vx = WIDTH - 4.0,
            // As the tables show it: a bar just under the line never reads as on it.
            pct = escape(&crate::format::percent(p.chance.clamp(0.0, 1.0))),
        ));
        y += ROW;
    }
    if more > 0 {
        out.push_str(&format!("<text x=\"{left:.1}\" y=\"{:.1}\" fill=\"#444\">and {more} more</text>\n", y + 12.0));
    }
    out.push_str(&format!(
        "<line x1=\"{0:.1}\" y1=\"{top:.1}\" x2=\"{0:.1}\" y2=\"{bottom:.1}\" stroke=\"#333\" stroke-dasharray=\"3 2\"/><text x=\"{0:.1}\" y=\"11\" text-anchor=\"middle\">{1}</text>\n",
        x(threshold),
        escape(&crate::format::percent(threshold))
    ));
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(name: &str, leniency: f64, error: f64) -> JudgeDot {
        JudgeDot { name: name.into(), leniency, error, marks: 10 }
    }

    /// The number after `attribute="` in the first element after `from`.
    fn number_after(svg: &str, from: &str, attribute: &str) -> f64 {
        let at = svg.find(from).unwrap_or_else(|| panic!("{from} in {svg}"));
        let rest = &svg[at..];
        let start = rest.find(&format!("{attribute}=\"")).unwrap_or_else(|| panic!("{attribute} after {from}"));
        let value = &rest[start + attribute.len() + 2..];
        value[..value.find('"').expect("closed")].parse().expect("a number")
    }

    /// A leniency that rounds to zero reads "+0.00", never "-0.00".
    #[test]
    fn a_leniency_of_nothing_reads_plus_zero() {
        let drawn = leniency(&[judge("ana", -0.0, 0.0), judge("ben", -0.004, 0.1), judge("cai", 0.3, 0.1)]);
        assert!(!drawn.contains("-0.00"), "{drawn}");
        assert!(drawn.contains("ana: +0.00") && drawn.contains("ben: +0.00"), "{drawn}");
    }

    #[test]
    fn a_judges_dot_sits_at_their_leniency_on_the_axis() {
        let svg = leniency(&[judge("ana", 1.0, 0.1), judge("ben", 0.0, 0.1), judge("cai", -0.5, 0.1)]);
        // The axis holds 1.0 + 1.96 × 0.1: ±1.5 in steps of 0.5, from LABELS to WIDTH - 20.
        let (left, right) = (LABELS, WIDTH - 20.0);
        let at = |v: f64| left + (v + 1.5) / 3.0 * (right - left);
        for (name, lean) in [("ana", 1.0), ("ben", 0.0), ("cai", -0.5)] {
            let cx = number_after(&svg, &format!(">{name}</text>"), "cx");
            assert!((cx - at(lean)).abs() < 0.1, "{name}: {cx} for {lean}, want {}", at(lean));
        }
        // The zero line is at the typical judge's place, and the bar spans 1.96 errors each way.
        assert!(svg.contains(&format!("x1=\"{0:.1}\" y1=\"18.0\" x2=\"{0:.1}\"", at(0.0))), "{svg}");
        let x1 = number_after(&svg, ">ana</text>", "x1");
        assert!((x1 - at(1.0 - 0.196)).abs() < 0.1, "{x1}");
        // Most lenient first.
        assert!(svg.find(">ana<") < svg.find(">ben<") && svg.find(">ben<") < svg.find(">cai<"), "{svg}");
    }

    #[test]
    fn names_are_escaped_and_long_ones_cut() {
        let long = "a".repeat(80);
        let svg = leniency(&[judge("<script>&\"x\"", 0.2, 0.1), judge(&long, 0.0, 0.0)]);
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;&amp;&quot;x&quot;"), "{svg}");
        assert!(!svg.contains(&long) && svg.contains('…'), "a long name is cut");
        let bars = chances(&[PlaceBar { label: "1 <b>Owl</b>".into(), chance: 0.4, doubtful: true }], 0.5);
        assert!(!bars.contains("<b>") && bars.contains("&lt;b&gt;Owl"), "{bars}");
    }

    #[test]
    fn nothing_is_drawn_for_an_empty_list() {
        assert_eq!(leniency(&[]), "");
        assert_eq!(chances(&[], 0.5), "");
    }

    #[test]
    fn many_judges_show_the_ends_and_say_how_many_are_between() {
        let judges: Vec<JudgeDot> = (0..100).map(|i| judge(&format!("j{i:03}"), f64::from(i) / 100.0, 0.05)).collect();
        let svg = leniency(&judges);
        let most = crate::report::LONGEST_LIST;
        assert_eq!(svg.matches("<circle").count(), most);
        assert!(svg.contains("and 60 more judges between"), "{svg}");
        assert!(
            svg.contains(">j099<") && svg.contains(">j000<") && !svg.contains(">j050<"),
            "the ends, not the middle"
        );
        let height = number_after(&svg, "<svg", "height");
        assert!(height < 800.0, "a fixed size, whatever the panel: {height}");
    }

    #[test]
    fn a_places_bar_is_as_long_as_its_chance_and_doubtful_ones_are_dark() {
        let bars = chances(
            &[
                PlaceBar { label: "1 Owl".into(), chance: 1.0, doubtful: false },
                PlaceBar { label: "2 Map".into(), chance: 0.25, doubtful: true },
            ],
            0.5,
        );
        let full = number_after(&bars, ">1 Owl</text>", "width");
        let quarter = number_after(&bars, ">2 Map</text>", "width");
        assert!((quarter - full / 4.0).abs() < 0.1, "{quarter} against {full}");
        assert!(bars.contains(">100%<") && bars.contains(">25%<"), "{bars}");
        let map = &bars[bars.find(">2 Map<").expect("map")..];
        assert!(map[..map.find("</g>").expect("end")].contains("#8a1c00"), "doubtful is dark: {bars}");
        let line = number_after(&bars, "<line", "x1");
        let start = number_after(&bars, ">1 Owl</text>", "x");
        assert!((line - (start + full / 2.0)).abs() < 0.1, "the line at 50%: {line}");
    }

    /// A bar's figure is the share as the tables print it ([`crate::format::percent`]): a place
    /// at 0.495 reads 49%, under the 50% line, where rounding to the nearest read 50%; 0.215 reads
    /// 21% beside the table's 21%, not 22%.
    #[test]
    fn a_bars_figure_is_the_tables() {
        for (chance, shown) in [(0.495, "49%"), (0.215, "21%"), (0.279, "27%"), (0.004, "<1%"), (0.29, "29%")] {
            let bars = chances(&[PlaceBar { label: "1 Owl".into(), chance, doubtful: true }], 0.5);
            assert_eq!(crate::format::percent(chance), shown);
            // Escaped as any text in the picture: "<1%" would open a tag.
            assert!(bars.contains(&format!(">{}</text></g>", escape(shown))), "{chance}: {bars}");
            assert!(!bars.contains("<1%"), "{bars}");
        }
    }
}
