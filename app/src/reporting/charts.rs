//! Charts as SVG drawn on the server: no JavaScript. Each is an image with a title and a
//! description for screen readers, and sits beside its table (the same figures as text) and a
//! summary in words. A figure describing fewer than five leaders is not drawn: its place reads
//! "fewer than 5".

use super::overview::{Bars, Changes};
use super::stats::{FEWER_THAN_FIVE, Shown};
use leptos::prelude::*;

/// Bar colours, each at least 3:1 against white (WCAG's contrast for graphics).
const COLOURS: [&str; 4] = ["#00594f", "#b04a00", "#4b3f8c", "#5c6670"];
const INK: &str = "#1f2a2e";
const GRID: &str = "#c9d1d3";

/// A round axis maximum at or above `max`, and its step.
fn axis(max: f64) -> (f64, f64) {
    if max <= 0.0 {
        return (5.0, 1.0);
    }
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    ((max / step).ceil() * step, step)
}

/// Vertical bars, one group per label and one bar per series, with a legend.
#[component]
pub fn BarChart(id: String, title: String, description: String, bars: Bars) -> impl IntoView {
    let (width, height) = (760.0_f64, 300.0_f64);
    let (left, right, top, bottom) = (48.0, 12.0, 12.0, 64.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let max = bars
        .groups
        .iter()
        .flat_map(|(_, values)| values.iter().filter_map(|v| v.value()))
        .fold(0.0, f64::max);
    let (top_value, step) = axis(max);
    let y = move |v: f64| top + plot_h - plot_h * v / top_value;
    let groups = bars.groups.len().max(1) as f64;
    let series = bars.series.len().max(1) as f64;
    let group_w = plot_w / groups;
    let bar_w = (group_w * 0.8 / series).max(1.0);
    let ticks: Vec<f64> = (0..=((top_value / step).round() as usize))
        .map(|i| i as f64 * step)
        .collect();
    // Label every nth group so the labels do not collide.
    let label_every = ((groups * 46.0 / plot_w).ceil() as usize).max(1);
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {width} {height}")
            role="img"
            aria-labelledby=labelled_by
            data-testid="overview-chart"
            id=id.clone()
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {ticks.into_iter().map(|t| view! {
                <line x1=left x2=width - right y1=y(t) y2=y(t) stroke=GRID stroke-width="1" />
                <text x=left - 6.0 y=y(t) + 4.0 text-anchor="end" font-size="12" fill=INK>{format!("{t:.0}")}</text>
            }).collect_view()}
            {bars.groups.iter().enumerate().map(|(g, (label, values))| {
                let x0 = left + g as f64 * group_w + group_w * 0.1;
                view! {
                    <g>
                        {values.iter().enumerate().map(|(s, value)| {
                            let x = x0 + s as f64 * bar_w;
                            let colour = COLOURS[s % COLOURS.len()];
                            match value {
                                Shown::Value(v) => view! {
                                    <rect x=x y=y(*v) width=(bar_w - 1.0).max(1.0) height=(top + plot_h - y(*v)).max(0.0) fill=colour>
                                        <title>{format!("{label}, {}: {v:.0}", bars.series[s])}</title>
                                    </rect>
                                }.into_any(),
                                Shown::FewerThanFive => {
                                    let cx = x + bar_w / 2.0;
                                    let cy = top + plot_h - 4.0;
                                    view! {
                                        <text x=cx y=cy font-size="9" fill=INK transform=format!("rotate(-90 {cx} {cy})") dominant-baseline="middle">
                                            {FEWER_THAN_FIVE}
                                        </text>
                                    }.into_any()
                                }
                            }
                        }).collect_view()}
                        {(g % label_every == 0).then(|| view! {
                            <text x=x0 + group_w * 0.4 y=top + plot_h + 16.0 text-anchor="middle" font-size="12" fill=INK>{label.clone()}</text>
                        })}
                    </g>
                }
            }).collect_view()}
            <line x1=left x2=width - right y1=top + plot_h y2=top + plot_h stroke=INK stroke-width="1" />
            {bars.series.iter().enumerate().map(|(s, name)| {
                let x = left + s as f64 * 170.0;
                let ly = height - 18.0;
                view! {
                    <rect x=x y=ly - 10.0 width="12" height="12" fill=COLOURS[s % COLOURS.len()] />
                    <text x=x + 18.0 y=ly font-size="13" fill=INK>{name.clone()}</text>
                }
            }).collect_view()}
        </svg>
    }
}

/// Each measure's mean change at the close, as a share of its scale's range, with its 95%
/// confidence interval: to the right is better, for every measure.
#[component]
pub fn ChangeChart(
    id: String,
    title: String,
    description: String,
    changes: Changes,
) -> impl IntoView {
    let row_h = 30.0_f64;
    let (label_w, width) = (330.0_f64, 760.0_f64);
    let top = 28.0;
    let height = top + row_h * changes.rows.len() as f64 + 24.0;
    let extent = changes
        .rows
        .iter()
        .filter_map(|(_, c)| c.value())
        .map(|(_, low, high)| low.abs().max(high.abs()))
        .fold(10.0_f64, f64::max)
        .ceil();
    let plot_w = width - label_w - 20.0;
    let x = move |v: f64| label_w + plot_w / 2.0 + (plot_w / 2.0) * v / extent;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {width} {height}")
            role="img"
            aria-labelledby=labelled_by
            data-testid="overview-chart"
            id=id.clone()
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            <text x=x(-extent) y="16" font-size="12" fill=INK>{format!("{extent:.0}% worse")}</text>
            <text x=x(0.0) y="16" font-size="12" fill=INK text-anchor="middle">"No change"</text>
            <text x=x(extent) y="16" font-size="12" fill=INK text-anchor="end">{format!("{extent:.0}% better")}</text>
            <line x1=x(0.0) x2=x(0.0) y1=top - 6.0 y2=height - 18.0 stroke=INK stroke-width="1" />
            {changes.rows.iter().enumerate().map(|(i, (label, change))| {
                let cy = top + row_h * i as f64 + row_h / 2.0;
                view! {
                    <text x="0" y=cy + 4.0 font-size="12" fill=INK>{label.clone()}</text>
                    {match change {
                        Shown::Value((mean, low, high)) => view! {
                            <line x1=x(*low) x2=x(*high) y1=cy y2=cy stroke=COLOURS[0] stroke-width="2" />
                            <line x1=x(*low) x2=x(*low) y1=cy - 6.0 y2=cy + 6.0 stroke=COLOURS[0] stroke-width="2" />
                            <line x1=x(*high) x2=x(*high) y1=cy - 6.0 y2=cy + 6.0 stroke=COLOURS[0] stroke-width="2" />
                            <circle cx=x(*mean) cy=cy r="5" fill=COLOURS[0]>
                                <title>{format!("{label}: {mean:+.1}% of the scale ({low:+.1}% to {high:+.1}%)")}</title>
                            </circle>
                        }.into_any(),
                        Shown::FewerThanFive => view! {
                            <text x=x(0.0) + 8.0 y=cy + 4.0 font-size="12" fill=INK>{FEWER_THAN_FIVE}</text>
                        }.into_any(),
                    }}
                }
            }).collect_view()}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::axis;

    #[test]
    fn axes_end_on_a_round_number_above_the_largest_bar() {
        assert_eq!(axis(37.0), (40.0, 10.0));
        assert_eq!(axis(7.0), (8.0, 2.0));
        assert_eq!(axis(0.0), (5.0, 1.0));
        assert_eq!(axis(450.0), (600.0, 200.0));
    }
}
