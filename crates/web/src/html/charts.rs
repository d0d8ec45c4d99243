//! Small hand-written SVG charts for the public pages: pure functions from a series to an SVG
//! string that reads on a cheap phone (scales to the width, no script, no inline style, so the
//! page's Content-Security-Policy holds). Every chart carries a `<title>` and a `<desc>`, and
//! every bar or point its own `<title>` with the number, for screen readers and a long press.

use std::fmt::Write;

/// The drawing area, in SVG units; the chart scales to its container's width.
const W: f64 = 360.0;
const H: f64 = 220.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 30.0;
const FONT: f64 = 12.0;

/// One named series of a chart, with a value per label (`None`: nothing to show that month).
#[derive(Clone, Debug)]
pub struct Series<'a> {
    pub name: &'a str,
    pub values: &'a [Option<f64>],
    pub color: &'static str,
}

/// Text made safe for SVG/XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The top of the value axis: the smallest of 1, 2, 5 × 10ⁿ at or above `max` (1 for nothing).
pub fn nice_max(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let mut step = 10f64.powf(max.log10().floor());
    loop {
        for m in [1.0, 2.0, 5.0, 10.0] {
            if m * step >= max - 1e-9 {
                return m * step;
            }
        }
        step *= 10.0;
    }
}

/// A number as an axis or a tooltip shows it: whole numbers without decimals, others with one.
pub fn num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{}", v.round() as i64) } else { format!("{v:.1}") }
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// Roughly how wide a label is drawn (CJK characters are square, Latin ones about half).
fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * FONT
}

struct Frame {
    out: String,
    max: f64,
    slot: f64,
}

impl Frame {
    fn plot_h() -> f64 {
        H - TOP - BOTTOM
    }

    fn y(&self, v: f64) -> f64 {
        TOP + Self::plot_h() * (1.0 - (v / self.max).clamp(0.0, 1.0))
    }

    fn x_center(&self, i: usize) -> f64 {
        LEFT + self.slot * (i as f64 + 0.5)
    }
}

/// The frame shared by both kinds of chart: title, description, legend, axes and labels. With
/// `whole` (counts), a tick that would fall between whole numbers keeps its line but no label;
/// `empty` draws a dash where the data would be.
#[allow(clippy::too_many_arguments)]
fn frame(
    id: &str,
    title: &str,
    desc: &str,
    labels: &[String],
    unit: &str,
    legend: &[(&str, &str)],
    max: f64,
    whole: bool,
    empty: bool,
) -> Frame {
    let id = esc(id);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"##,
        esc(title),
        esc(desc)
    );
    // Legend across the top.
    let mut lx = LEFT;
    for (name, color) in legend {
        let _ = write!(
            out,
            r##"<rect x="{}" y="8" width="12" height="12" fill="{color}"/><text x="{}" y="18" font-size="{FONT}" fill="#1b1b1b">{}</text>"##,
            f(lx),
            f(lx + 16.0),
            esc(name)
        );
        lx += 16.0 + text_width(name) + 14.0;
    }
    // The unit above the value axis, on the right so it never meets the legend.
    if !unit.is_empty() {
        let _ =
            write!(out, r##"<text x="{}" y="18" font-size="{FONT}" text-anchor="end" fill="#595959">{}</text>"##, f(W - RIGHT), esc(unit));
    }
    let plot_w = W - LEFT - RIGHT;
    let slot = if labels.is_empty() { plot_w } else { plot_w / labels.len() as f64 };
    // Value axis: 0, half, top, with light grid lines.
    for v in [0.0, max / 2.0, max] {
        let y = TOP + Frame::plot_h() * (1.0 - v / max);
        let _ = write!(
            out,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d0d0d0" stroke-width="1"/>"##,
            f(LEFT),
            f(y),
            f(W - RIGHT),
            f(y)
        );
        if whole && (v - v.round()).abs() > 1e-9 {
            continue;
        }
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="{FONT}" text-anchor="end" fill="#595959">{}</text>"##,
            f(LEFT - 4.0),
            f(y + FONT / 3.0),
            esc(&num(v))
        );
    }
    // Category axis: every label that fits, evenly thinned, always keeping the last (the latest).
    let widest = labels.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    let every = if slot > 0.0 { ((widest + 4.0) / slot).ceil().max(1.0) as usize } else { 1 };
    for (i, l) in labels.iter().enumerate() {
        if !(labels.len() - 1 - i).is_multiple_of(every) {
            continue;
        }
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="{FONT}" text-anchor="middle" fill="#1b1b1b">{}</text>"##,
            f(LEFT + slot * (i as f64 + 0.5)),
            f(H - BOTTOM + FONT + 4.0),
            esc(l)
        );
    }
    if empty || labels.is_empty() {
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" font-size="{FONT}" text-anchor="middle" fill="#595959">—</text>"##,
            f(LEFT + plot_w / 2.0),
            f(TOP + Frame::plot_h() / 2.0)
        );
    }
    Frame { out, max, slot }
}

fn has_values(series: &[Series]) -> bool {
    series.iter().flat_map(|s| s.values.iter().flatten()).any(|v| v.is_finite())
}

fn largest(series: &[Series]) -> f64 {
    series.iter().flat_map(|s| s.values.iter().flatten()).copied().filter(|v| v.is_finite()).fold(0.0, f64::max)
}

/// Grouped bars of counts, one group per label (e.g. filed and resolved per month).
pub fn bars(id: &str, title: &str, desc: &str, labels: &[String], series: &[Series], unit: &str) -> String {
    let legend: Vec<(&str, &str)> = series.iter().map(|s| (s.name, s.color)).collect();
    let max = nice_max(largest(series));
    let mut fr = frame(id, title, desc, labels, unit, &legend, max, true, !has_values(series));
    let n = series.len().max(1) as f64;
    let group = fr.slot * 0.8;
    let bar = group / n;
    for (i, label) in labels.iter().enumerate() {
        for (k, s) in series.iter().enumerate() {
            let Some(v) = s.values.get(i).copied().flatten().filter(|v| v.is_finite()) else { continue };
            let x = LEFT + fr.slot * i as f64 + fr.slot * 0.1 + bar * k as f64;
            let y = fr.y(v);
            let h = TOP + Frame::plot_h() - y;
            let _ = write!(
                fr.out,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} {}: {}</title></rect>"##,
                f(x),
                f(y),
                f((bar - 1.0).max(1.0)),
                f(h),
                s.color,
                esc(label),
                esc(s.name),
                esc(&num(v))
            );
        }
    }
    fr.out.push_str("</svg>");
    fr.out
}

/// A line with a dot per value; months without a value leave a gap. `fixed_max` fixes the top of
/// the value axis (100 for percentages); otherwise it is scaled to the values.
pub fn line(id: &str, title: &str, desc: &str, labels: &[String], s: &Series, unit: &str, fixed_max: Option<f64>) -> String {
    let max = fixed_max.filter(|m| *m > 0.0).unwrap_or_else(|| nice_max(largest(std::slice::from_ref(s))));
    let mut fr = frame(id, title, desc, labels, unit, &[(s.name, s.color)], max, false, !has_values(std::slice::from_ref(s)));
    let mut d = String::new();
    let mut pen_down = false;
    let mut dots = String::new();
    for (i, label) in labels.iter().enumerate() {
        match s.values.get(i).copied().flatten().filter(|v| v.is_finite()) {
            Some(v) => {
                let (x, y) = (fr.x_center(i), fr.y(v));
                let _ = write!(d, "{}{} {} ", if pen_down { "L" } else { "M" }, f(x), f(y));
                pen_down = true;
                let _ = write!(
                    dots,
                    r##"<circle cx="{}" cy="{}" r="4" fill="{}"><title>{} {}: {}</title></circle>"##,
                    f(x),
                    f(y),
                    s.color,
                    esc(label),
                    esc(s.name),
                    esc(&num(v))
                );
            }
            None => pen_down = false,
        }
    }
    if d.contains('L') {
        let _ = write!(fr.out, r##"<path d="{}" fill="none" stroke="{}" stroke-width="2.5"/>"##, d.trim_end(), s.color);
    }
    fr.out.push_str(&dots);
    fr.out.push_str("</svg>");
    fr.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize) -> Vec<String> {
        (1..=n).map(|m| format!("{m}月")).collect()
    }

    fn rect_heights(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .filter(|r| r.contains("<title>"))
            .filter_map(|r| r.split("height=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn nice_max_rounds_up_to_one_two_five() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(-3.0), 1.0);
        assert_eq!(nice_max(f64::NAN), 1.0);
        assert_eq!(nice_max(1.0), 1.0);
        assert_eq!(nice_max(3.0), 5.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(10.0), 10.0);
        assert_eq!(nice_max(11.0), 20.0);
        assert_eq!(nice_max(0.3), 0.5);
        assert_eq!(nice_max(420.0), 500.0);
    }

    #[test]
    fn empty_series_draw_a_frame_without_numbers_gone_wrong() {
        for svg in [
            bars("a", "受理", "", &[], &[], "件"),
            bars("b", "受理", "", &labels(12), &[Series { name: "受理", values: &[], color: "#b3261e" }], "件"),
            line("c", "满意率", "", &[], &Series { name: "满意率", values: &[], color: "#0b4fa8" }, "%", Some(100.0)),
            line("d", "时长", "", &labels(3), &Series { name: "时长", values: &[None, None, None], color: "#0b4fa8" }, "天", None),
        ] {
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
            assert!(!svg.contains("<circle") && !svg.contains("<path"), "nothing to draw: {svg}");
            assert!(rect_heights(&svg).is_empty(), "no bars: {svg}");
            assert!(svg.contains("<title id="), "the chart has a title: {svg}");
            assert!(svg.contains(">—</text>"), "and says there is nothing: {svg}");
        }
    }

    #[test]
    fn one_value_is_a_dot_and_a_full_height_bar() {
        let svg = line("m", "中位时长", "", &labels(1), &Series { name: "天", values: &[Some(2.0)], color: "#0b4fa8" }, "天", None);
        assert_eq!(svg.matches("<circle").count(), 1, "{svg}");
        assert!(!svg.contains("<path"), "one point draws no line: {svg}");
        assert!(svg.contains("<title>1月 天: 2</title>"), "{svg}");
        let svg = bars("v", "受理", "", &labels(1), &[Series { name: "受理", values: &[Some(1.0)], color: "#b3261e" }], "件");
        assert_eq!(rect_heights(&svg), vec![H - TOP - BOTTOM], "{svg}");
        assert!(svg.contains(">1</text>") && svg.contains(">0</text>"), "{svg}");
        assert!(!svg.contains(">0.5</text>"), "counts have no half ticks: {svg}");
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        let filed = [Some(10.0), Some(5.0), Some(0.0), None];
        let done = [Some(7.0), None, None, Some(2.5)];
        let svg = bars(
            "v",
            "受理与办结",
            "",
            &labels(4),
            &[Series { name: "受理", values: &filed, color: "#b3261e" }, Series { name: "办结", values: &done, color: "#1e6b32" }],
            "件",
        );
        let h = rect_heights(&svg);
        let full = H - TOP - BOTTOM;
        assert_eq!(h.len(), 5, "a bar per value given, none for the missing: {svg}");
        assert_eq!(h[0], full, "the largest value (10, the axis top) fills the height");
        assert!((h[2] - full / 2.0).abs() < 0.11, "5 is half of 10: {h:?}");
        assert_eq!(h[3], 0.0, "zero is a flat bar");
        assert!(svg.contains(">10</text>") && svg.contains(">5</text>"), "axis ticks 0, 5, 10: {svg}");
        assert!(svg.contains("<title>4月 办结: 2.5</title>"), "{svg}");
    }

    #[test]
    fn lines_break_at_missing_months_and_respect_a_fixed_top() {
        let vals = [Some(50.0), Some(100.0), None, Some(80.0), Some(90.0)];
        let svg = line("s", "满意率", "", &labels(5), &Series { name: "满意率", values: &vals, color: "#0b4fa8" }, "%", Some(100.0));
        assert_eq!(svg.matches("<circle").count(), 4, "{svg}");
        let d = svg.split("<path d=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
        assert_eq!(d.matches('M').count(), 2, "two runs around the gap: {d}");
        assert_eq!(d.matches('L').count(), 2, "{d}");
        let top = format!("cy=\"{}\"", f(TOP));
        assert!(svg.contains(&top), "100 % sits at the top of a 100 % axis: {svg}");
    }

    #[test]
    fn text_is_escaped() {
        let evil = "<script>alert('x')</script>&\"";
        let svg = bars(evil, evil, evil, &[evil.to_owned()], &[Series { name: evil, values: &[Some(1.0)], color: "#000" }], evil);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"), "{svg}");
    }

    #[test]
    fn crowded_labels_are_thinned() {
        let long: Vec<String> = (1..=12).map(|m| format!("2026-{m:02}")).collect();
        let svg = bars("v", "t", "", &long, &[Series { name: "n", values: &[Some(1.0); 12], color: "#000" }], "");
        let shown = long.iter().filter(|l| svg.contains(&format!(">{l}</text>"))).count();
        assert!((2..12).contains(&shown), "some, not all, of the twelve long labels: {shown}");
        assert!(svg.contains(">2026-12</text>"), "the latest month is always labelled: {svg}");
        let svg = bars("v", "t", "", &labels(12), &[Series { name: "n", values: &[Some(1.0); 12], color: "#000" }], "");
        assert!(labels(12).iter().filter(|l| svg.contains(&format!(">{l}</text>"))).count() >= 6);
    }
}
