//! The cascade: leaders who were coached become coaches in turn.
//!
//! - When their coaching closes, a leader may offer to train as a coach (from their closing
//!   questionnaire's link, beside their feedback: `/questionnaires/{token}/train`).
//! - Staff see the offers at `/staff/cascade` and may invite the leader to coach; the invited
//!   account, and then the profile, keep who coached them (a trigger copies it across).
//! - The same page draws the cascade: generations, coaches who were once leaders, and the
//!   leaders reached through each coach's line, as an SVG tree drawn here with a table beside.

pub mod pages;

#[cfg(feature = "ssr")]
pub mod actions;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// A leader's offer to train as a coach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingOffer {
    pub engagement_id: Uuid,
    pub leader_name: String,
    pub email: String,
    pub organisation_name: String,
    /// Who coached them.
    pub coach_name: String,
    pub offered_on: NaiveDate,
    pub invited_on: Option<NaiveDate>,
}

/// A coach in the cascade: who coached them, and the leaders they coached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lineage {
    pub coach_id: Uuid,
    pub name: String,
    pub coached_by: Option<Uuid>,
    /// Leaders this coach has coached (every coaching started).
    pub leaders: i64,
}

/// A coach placed in the cascade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CascadeCoach {
    pub coach_id: Uuid,
    pub name: String,
    pub coached_by: Option<String>,
    /// 1 for a coach nobody in Cascade coached.
    pub generation: u32,
    pub leaders: i64,
    /// Leaders coached by this coach and every coach in their line after them.
    pub leaders_through_line: i64,
    /// Where the tree draws them.
    pub x: u32,
}

/// The cascade, as the overview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cascade {
    /// Only coaches with a line: who coached someone, or were coached in Cascade. In the
    /// tree's order: each coach before those they coached.
    pub coaches: Vec<CascadeCoach>,
    pub generations: u32,
    pub once_leaders: usize,
}

/// Spacing of the tree, in SVG units.
const COLUMN: u32 = 180;
const ROW: u32 = 100;
const BOX_WIDTH: u32 = 160;
const BOX_HEIGHT: u32 = 44;

impl Cascade {
    /// Places `lineage` (every coach) in generations, keeping coaches with a line: a depth-first
    /// walk from each first-generation coach, by name, gives each leaf the next column and each
    /// parent the middle of its children's. A loop (which the data cannot hold) is cut.
    pub fn of(lineage: &[Lineage]) -> Cascade {
        let by_id: BTreeMap<Uuid, &Lineage> = lineage.iter().map(|l| (l.coach_id, l)).collect();
        let mut children: BTreeMap<Uuid, Vec<&Lineage>> = BTreeMap::new();
        for coach in lineage {
            if let Some(parent) = coach.coached_by.filter(|p| by_id.contains_key(p)) {
                children.entry(parent).or_default().push(coach);
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| a.name.cmp(&b.name).then(a.coach_id.cmp(&b.coach_id)));
        }
        let mut roots: Vec<&Lineage> = lineage
            .iter()
            .filter(|c| c.coached_by.is_none_or(|p| !by_id.contains_key(&p)))
            .filter(|c| children.contains_key(&c.coach_id))
            .collect();
        roots.sort_by(|a, b| a.name.cmp(&b.name).then(a.coach_id.cmp(&b.coach_id)));

        struct Walk<'a> {
            children: &'a BTreeMap<Uuid, Vec<&'a Lineage>>,
            by_id: &'a BTreeMap<Uuid, &'a Lineage>,
            placed: Vec<CascadeCoach>,
            next_column: u32,
        }
        impl Walk<'_> {
            /// Places `coach` and their line; returns (x, leaders through the line).
            fn place(
                &mut self,
                coach: &Lineage,
                generation: u32,
                seen: &mut Vec<Uuid>,
            ) -> (u32, i64) {
                seen.push(coach.coach_id);
                let index = self.placed.len();
                self.placed.push(CascadeCoach {
                    coach_id: coach.coach_id,
                    name: coach.name.clone(),
                    coached_by: coach
                        .coached_by
                        .and_then(|p| self.by_id.get(&p))
                        .map(|p| p.name.clone()),
                    generation,
                    leaders: coach.leaders,
                    leaders_through_line: coach.leaders,
                    x: 0,
                });
                let mut xs = Vec::new();
                let mut through = coach.leaders;
                let kids: Vec<&Lineage> = self
                    .children
                    .get(&coach.coach_id)
                    .cloned()
                    .unwrap_or_default();
                for child in kids {
                    if seen.contains(&child.coach_id) {
                        continue;
                    }
                    let (x, line) = self.place(child, generation + 1, seen);
                    xs.push(x);
                    through += line;
                }
                let x = match (xs.first(), xs.last()) {
                    (Some(first), Some(last)) => (first + last) / 2,
                    _ => {
                        let x = self.next_column * COLUMN + COLUMN / 2;
                        self.next_column += 1;
                        x
                    }
                };
                self.placed[index].x = x;
                self.placed[index].leaders_through_line = through;
                (x, through)
            }
        }
        let mut walk = Walk {
            children: &children,
            by_id: &by_id,
            placed: Vec::new(),
            next_column: 0,
        };
        for root in roots {
            let mut seen = Vec::new();
            walk.place(root, 1, &mut seen);
        }
        let coaches = walk.placed;
        Cascade {
            generations: coaches.iter().map(|c| c.generation).max().unwrap_or(0),
            once_leaders: coaches.iter().filter(|c| c.coached_by.is_some()).count(),
            coaches,
        }
    }

    /// The tree as SVG markup: a box per coach (name, and leaders reached through their line),
    /// a line from each coach to those they coached. Names are escaped.
    pub fn svg(&self) -> String {
        let columns = self
            .coaches
            .iter()
            .map(|c| c.x / COLUMN + 1)
            .max()
            .unwrap_or(1);
        let width = columns * COLUMN;
        let height = self.generations.max(1) * ROW;
        let y = |generation: u32| (generation - 1) * ROW + 20;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" \
             height=\"{height}\" role=\"img\" aria-labelledby=\"cascade-tree-title\">\
             <title id=\"cascade-tree-title\">The cascade: who coached whom, as a tree. The table below gives the same.</title>"
        );
        for (i, coach) in self.coaches.iter().enumerate() {
            // The parent is the nearest earlier coach one generation up whose line holds this
            // one (the walk places each coach's line right after them).
            if coach.generation > 1
                && let Some(parent) = self.coaches[..i]
                    .iter()
                    .rev()
                    .find(|p| p.generation == coach.generation - 1)
            {
                svg.push_str(&format!(
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#4a4a55\" stroke-width=\"2\"/>",
                    parent.x,
                    y(parent.generation) + BOX_HEIGHT,
                    coach.x,
                    y(coach.generation)
                ));
            }
        }
        for coach in &self.coaches {
            let left = coach.x.saturating_sub(BOX_WIDTH / 2);
            let top = y(coach.generation);
            let name: String = coach.name.chars().take(22).collect();
            svg.push_str(&format!(
                "<g><rect x=\"{left}\" y=\"{top}\" width=\"{BOX_WIDTH}\" height=\"{BOX_HEIGHT}\" rx=\"6\" \
                 fill=\"#e3f1ee\" stroke=\"#00594f\" stroke-width=\"2\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#1b1b1f\">{}</text>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1b1b1f\">{} leader{} through their line</text></g>",
                coach.x,
                top + 18,
                escape(&name),
                coach.x,
                top + 35,
                coach.leaders_through_line,
                if coach.leaders_through_line == 1 { "" } else { "s" }
            ));
        }
        svg.push_str("</svg>");
        svg
    }
}

/// Text made safe inside SVG (XML) markup.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Whether this questionnaire link's leader has offered to train.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferState {
    pub offered: bool,
}

#[cfg(feature = "ssr")]
use crate::access::{Access, require};
use crate::error::AppError;
use leptos::server;

#[server(endpoint = "staff_cascade")]
pub async fn staff_cascade() -> Result<(Vec<TrainingOffer>, Cascade), AppError> {
    require(Access::Staff)?;
    let pool = crate::state::pool()?;
    let offers = db::offers(&pool).await?;
    let lineage = db::lineage(&pool).await?;
    Ok((offers, Cascade::of(&lineage)))
}

/// Public: the link (a leader's closing questionnaire's) is the permission.
#[server(endpoint = "offer_to_train")]
pub async fn offer_to_train(token: String) -> Result<OfferState, AppError> {
    db::offer_state(&crate::state::pool()?, &token)
        .await?
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coach(n: u128, name: &str, parent: Option<u128>, leaders: i64) -> Lineage {
        Lineage {
            coach_id: Uuid::from_u128(n),
            name: name.into(),
            coached_by: parent.map(Uuid::from_u128),
            leaders,
        }
    }

    #[test]
    fn the_cascade_counts_generations_and_leaders_through_each_line() {
        let lineage = [
            coach(1, "Ada", None, 5),
            coach(2, "Bea", Some(1), 3),
            coach(3, "Cal", Some(1), 2),
            coach(4, "Dee", Some(2), 1),
            // A coach with no line is left out of the cascade.
            coach(5, "Eve", None, 7),
        ];
        let cascade = Cascade::of(&lineage);
        assert_eq!(cascade.generations, 3);
        assert_eq!(cascade.once_leaders, 3);
        let names: Vec<&str> = cascade.coaches.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ada", "Bea", "Dee", "Cal"],
            "each coach before their line"
        );
        let through: Vec<i64> = cascade
            .coaches
            .iter()
            .map(|c| c.leaders_through_line)
            .collect();
        assert_eq!(through, [11, 4, 1, 2]);
        let generations: Vec<u32> = cascade.coaches.iter().map(|c| c.generation).collect();
        assert_eq!(generations, [1, 2, 3, 2]);
        // A parent sits over the middle of their children.
        let x = |name: &str| cascade.coaches.iter().find(|c| c.name == name).map(|c| c.x);
        assert_eq!(x("Bea"), x("Dee"));
        assert_eq!(
            x("Ada").map(|a| a * 2),
            Some(x("Bea").unwrap_or(0) + x("Cal").unwrap_or(0))
        );
    }

    #[test]
    fn an_empty_cascade_has_no_generations_and_draws_an_empty_tree() {
        let cascade = Cascade::of(&[coach(1, "Ada", None, 5)]);
        assert!(cascade.coaches.is_empty());
        assert_eq!(cascade.generations, 0);
        assert!(cascade.svg().starts_with("<svg"));
    }

    #[test]
    fn names_in_the_tree_are_text() {
        let cascade = Cascade::of(&[
            coach(1, "<script>alert(1)</script>", None, 1),
            coach(2, "O'Brien & Sons \"Ltd\"", Some(1), 1),
        ]);
        let svg = cascade.svg();
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("O&#39;Brien &amp; Sons &quot;Ltd&quot;"));
    }
}
