//! Where things go on the journey map. A pure function of the journey, shared by the editor
//! canvas and the SVG export so both draw the same picture.
//!
//! Stages are columns in their order, lanes are rows in theirs, and the touchpoints of one
//! cell stack top to bottom in journey order. Touchpoints with no lane go in a last row
//! named "No lane", so nothing is ever hidden.

use crate::model::*;
use std::collections::HashMap;

pub const CARD_W: f64 = 212.0;
pub const CARD_H: f64 = 108.0;
pub const GAP: f64 = 18.0;
pub const HEADER_H: f64 = 64.0;
pub const LANE_LABEL_W: f64 = 132.0;
/// The band under the stage names where the emotion curve runs.
pub const EMOTION_H: f64 = 72.0;

/// A rectangle in canvas units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn center_x(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub fn center_y(&self) -> f64 {
        self.y + self.h / 2.0
    }
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub stage: StageId,
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The lane of a row when rows are lanes; `None` in the "No lane" row and when rows are
    /// channels.
    pub lane: Option<LaneId>,
    /// The channel of a row when rows are channels; `None` otherwise and in "No channel".
    pub channel: Option<ChannelId>,
    pub label: String,
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CardBox {
    pub touchpoint: TouchpointId,
    pub rect: Rect,
}

/// A transition drawn as a cubic Bezier from `start` to `end`.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeGeom {
    pub transition: TransitionId,
    pub start: (f64, f64),
    pub c1: (f64, f64),
    pub c2: (f64, f64),
    pub end: (f64, f64),
}

impl EdgeGeom {
    /// The SVG path data for this edge.
    pub fn path_data(&self) -> String {
        format!(
            "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            self.start.0,
            self.start.1,
            self.c1.0,
            self.c1.1,
            self.c2.0,
            self.c2.1,
            self.end.0,
            self.end.1
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub cards: Vec<CardBox>,
    pub edges: Vec<EdgeGeom>,
    /// The y of the line of visibility (between what the customer sees and what they don't),
    /// when the journey has lanes on both sides of it.
    pub visibility_line: Option<f64>,
    /// The band the emotion curve is drawn in, across all stages.
    pub emotion_band: Rect,
    /// One point per stage, left to right.
    pub emotion: Vec<EmotionPoint>,
    /// What the rows are.
    pub rows_by: RowsBy,
}

/// The emotion curve at one stage: the average emotion of its rated touchpoints, placed in
/// the emotion band (+2 at the top, -2 at the bottom), and how many pain points it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct EmotionPoint {
    pub stage: StageId,
    pub x: f64,
    /// `None` when no touchpoint of the stage has an emotion.
    pub y: Option<f64>,
    pub average: Option<f64>,
    pub pain_points: usize,
}

impl Layout {
    pub fn card(&self, id: TouchpointId) -> Option<&CardBox> {
        self.cards.iter().find(|c| c.touchpoint == id)
    }
}

/// What the rows of the map are: the service-blueprint lanes (with the line of visibility),
/// or the channels (to see where the journey moves between them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowsBy {
    #[default]
    Lanes,
    Channels,
}

/// The map with lanes as rows.
pub fn layout(j: &Journey) -> Layout {
    layout_by(j, RowsBy::Lanes)
}

pub fn layout_by(j: &Journey, rows_by: RowsBy) -> Layout {
    let stage_col: HashMap<StageId, usize> = j
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let lane_row: HashMap<LaneId, usize> =
        j.lanes.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    let channel_row: HashMap<ChannelId, usize> = j
        .channels
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let named_rows = match rows_by {
        RowsBy::Lanes => j.lanes.len(),
        RowsBy::Channels => j.channels.len(),
    };
    let no_lane_row = named_rows;
    let row_of = |t: &Touchpoint| {
        match rows_by {
            RowsBy::Lanes => t.lane.and_then(|l| lane_row.get(&l).copied()),
            RowsBy::Channels => t.channel.and_then(|c| channel_row.get(&c).copied()),
        }
        .unwrap_or(no_lane_row)
    };
    let has_no_lane = j.touchpoints.iter().any(|t| row_of(t) == no_lane_row);
    let n_rows = named_rows + usize::from(has_no_lane || named_rows == 0);

    // Slot of each card inside its cell, and the tallest cell of each row.
    let mut cell_count: HashMap<(usize, usize), usize> = HashMap::new();
    let mut slot: Vec<(usize, usize, usize)> = Vec::with_capacity(j.touchpoints.len());
    let mut row_max = vec![1usize; n_rows];
    for t in &j.touchpoints {
        let Some(&col) = stage_col.get(&t.stage) else {
            // A touchpoint with an unknown stage cannot be placed; validation refuses such
            // journeys, so this only guards against a bug elsewhere.
            slot.push((usize::MAX, 0, 0));
            continue;
        };
        let row = row_of(t);
        let k = cell_count.entry((col, row)).or_insert(0);
        slot.push((col, row, *k));
        *k += 1;
        row_max[row] = row_max[row].max(*k);
    }

    let col_w = CARD_W + 2.0 * GAP;
    let columns: Vec<Column> = j
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| Column {
            stage: s.id,
            rect: Rect {
                x: LANE_LABEL_W + i as f64 * col_w,
                y: 0.0,
                w: col_w,
                h: 0.0,
            },
        })
        .collect();

    let mut rows = Vec::with_capacity(n_rows);
    let mut y = HEADER_H + EMOTION_H;
    for (r, &max) in row_max.iter().enumerate() {
        let h = max as f64 * (CARD_H + GAP) + GAP;
        let (lane, channel, label) = match rows_by {
            RowsBy::Lanes => match j.lanes.get(r) {
                Some(l) => (Some(l.id), None, l.name.clone()),
                None => (None, None, "No lane".to_string()),
            },
            RowsBy::Channels => match j.channels.get(r) {
                Some(c) => (None, Some(c.id), c.name.clone()),
                None => (None, None, "No channel".to_string()),
            },
        };
        rows.push(Row {
            lane,
            channel,
            label,
            rect: Rect {
                x: 0.0,
                y,
                w: 0.0,
                h,
            },
        });
        y += h;
    }
    let height = y;
    let width = LANE_LABEL_W + j.stages.len() as f64 * col_w;
    let mut columns = columns;
    for c in &mut columns {
        c.rect.h = height;
    }
    for r in &mut rows {
        r.rect.w = width;
    }

    let cards: Vec<CardBox> = j
        .touchpoints
        .iter()
        .zip(&slot)
        .filter(|(_, (col, _, _))| *col != usize::MAX)
        .map(|(t, &(col, row, k))| CardBox {
            touchpoint: t.id,
            rect: Rect {
                x: columns[col].rect.x + GAP,
                y: rows[row].rect.y + GAP + k as f64 * (CARD_H + GAP),
                w: CARD_W,
                h: CARD_H,
            },
        })
        .collect();

    let by_id: HashMap<TouchpointId, Rect> = cards.iter().map(|c| (c.touchpoint, c.rect)).collect();
    let edges = j
        .transitions
        .iter()
        .filter_map(|tr| {
            let a = by_id.get(&tr.from)?;
            let b = by_id.get(&tr.to)?;
            Some(edge(tr.id, a, b))
        })
        .collect();

    // The line of visibility sits under the last lane the customer can see, if a lane they
    // cannot see follows it.
    let visibility_line = (rows_by == RowsBy::Lanes)
        .then_some(())
        .and(j.lanes.iter().position(|l| !l.kind.visible_to_customer()))
        .filter(|&i| i > 0 && j.lanes[..i].iter().any(|l| l.kind.visible_to_customer()))
        .map(|i| rows[i].rect.y);
    let emotion_band = Rect {
        x: LANE_LABEL_W,
        y: HEADER_H,
        w: width - LANE_LABEL_W,
        h: EMOTION_H,
    };
    let emotion = columns
        .iter()
        .map(|c| {
            let mut sum = 0i32;
            let mut rated = 0i32;
            let mut pain_points = 0;
            for t in j.touchpoints_in(c.stage) {
                if let Some(e) = t.emotion {
                    sum += i32::from(e.get());
                    rated += 1;
                }
                pain_points += t.pain_points.len();
            }
            let average = (rated > 0).then(|| f64::from(sum) / f64::from(rated));
            // Keep the dot clear of the band's edges so it never touches the stage names.
            let half = emotion_band.h / 2.0 - 10.0;
            EmotionPoint {
                stage: c.stage,
                x: c.rect.center_x(),
                y: average.map(|a| emotion_band.center_y() - a / 2.0 * half),
                average,
                pain_points,
            }
        })
        .collect();

    Layout {
        width,
        height,
        columns,
        rows,
        cards,
        edges,
        visibility_line,
        emotion_band,
        emotion,
        rows_by,
    }
}

fn edge(id: TransitionId, a: &Rect, b: &Rect) -> EdgeGeom {
    if b.x > a.right() {
        // Forward: right side to left side.
        let start = (a.right(), a.center_y());
        let end = (b.x, b.center_y());
        let dx = ((end.0 - start.0) / 2.0).max(24.0);
        EdgeGeom {
            transition: id,
            start,
            c1: (start.0 + dx, start.1),
            c2: (end.0 - dx, end.1),
            end,
        }
    } else if b.right() < a.x {
        // Backward (a loop or a return visit): over the top, so it does not cross the cards
        // in between.
        let start = (a.center_x(), a.y);
        let end = (b.center_x(), b.y);
        let lift = 36.0 + (start.0 - end.0).abs() * 0.08;
        EdgeGeom {
            transition: id,
            start,
            c1: (start.0, start.1 - lift),
            c2: (end.0, end.1 - lift),
            end,
        }
    } else {
        // Same column: out of the right side and back in, bulging to the right.
        let start = (a.right(), a.center_y());
        let end = (b.right(), b.center_y());
        let bulge = GAP + 26.0;
        EdgeGeom {
            transition: id,
            start,
            c1: (start.0 + bulge, start.1),
            c2: (end.0 + bulge, end.1),
            end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn every_touchpoint_sits_inside_its_stage_column_and_lane_row() {
        let j = sample::broadband();
        let l = layout(&j);
        assert_eq!(l.cards.len(), j.touchpoints.len());
        for t in &j.touchpoints {
            let card = l.card(t.id).unwrap().rect;
            let col = l.columns.iter().find(|c| c.stage == t.stage).unwrap().rect;
            assert!(card.x >= col.x && card.right() <= col.right(), "{}", t.name);
            let row = l.rows.iter().find(|r| r.lane == t.lane).unwrap().rect;
            assert!(
                card.y >= row.y && card.bottom() <= row.bottom(),
                "{}",
                t.name
            );
        }
    }

    #[test]
    fn cards_never_overlap() {
        let l = layout(&sample::broadband());
        for (i, a) in l.cards.iter().enumerate() {
            for b in &l.cards[i + 1..] {
                let (a, b) = (a.rect, b.rect);
                let apart =
                    a.right() <= b.x || b.right() <= a.x || a.bottom() <= b.y || b.bottom() <= a.y;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn every_transition_gets_an_edge_and_backward_ones_go_over_the_top() {
        let j = sample::broadband();
        let l = layout(&j);
        assert_eq!(l.edges.len(), j.transitions.len());
        let back = j
            .transitions
            .iter()
            .find(|t| t.kind == TransitionKind::Return)
            .unwrap();
        let e = l.edges.iter().find(|e| e.transition == back.id).unwrap();
        assert!(e.c1.1 < e.start.1, "return visits arc upwards");
    }

    #[test]
    fn visibility_line_separates_front_from_back_stage() {
        let j = sample::broadband();
        let l = layout(&j);
        let line = l.visibility_line.expect("sample has front and back lanes");
        let front = &l.rows[1];
        let back = &l.rows[2];
        assert_eq!(front.label, "Front stage");
        assert_eq!(line, front.rect.bottom());
        assert_eq!(line, back.rect.y);
    }

    #[test]
    fn emotion_curve_has_a_point_per_stage_higher_when_happier() {
        let j = sample::broadband();
        let l = layout(&j);
        assert_eq!(l.emotion.len(), j.stages.len());
        let by_name = |name: &str| {
            let id = j.stages.iter().find(|s| s.name == name).unwrap().id;
            l.emotion.iter().find(|p| p.stage == id).unwrap().clone()
        };
        // Choose is all +1 and 0; Get help has -1, -2 and 0.
        let choose = by_name("Choose");
        let help = by_name("Get help");
        assert!(choose.average.unwrap() > help.average.unwrap());
        assert!(
            choose.y.unwrap() < help.y.unwrap(),
            "happier is drawn higher"
        );
        for p in &l.emotion {
            let y = p.y.unwrap();
            assert!(y > l.emotion_band.y && y < l.emotion_band.bottom());
        }
        assert!(help.pain_points >= 1);
        // The curve sits between the stage names and the first lane.
        assert_eq!(l.emotion_band.bottom(), l.rows[0].rect.y);
    }

    #[test]
    fn a_stage_with_no_emotion_has_no_point() {
        let mut j = sample::broadband();
        for t in &mut j.touchpoints {
            t.emotion = None;
        }
        assert!(layout(&j)
            .emotion
            .iter()
            .all(|p| p.y.is_none() && p.average.is_none()));
    }

    #[test]
    fn rows_can_be_channels_instead_of_lanes() {
        let j = sample::broadband();
        let l = layout_by(&j, RowsBy::Channels);
        assert_eq!(
            l.visibility_line, None,
            "the line of visibility belongs to lanes"
        );
        // The sample has a back-stage touchpoint with no channel: it gets a "No channel" row.
        assert_eq!(l.rows.last().unwrap().label, "No channel");
        for t in &j.touchpoints {
            let card = l.card(t.id).unwrap().rect;
            let row = l.rows.iter().find(|r| r.channel == t.channel).unwrap().rect;
            assert!(
                card.y >= row.y && card.bottom() <= row.bottom(),
                "{}",
                t.name
            );
        }
        assert_eq!(l.rows[0].label, j.channels[0].name);
    }

    #[test]
    fn touchpoints_without_a_lane_get_their_own_row() {
        let mut j = sample::broadband();
        j.touchpoints[0].lane = None;
        let l = layout(&j);
        assert_eq!(l.rows.last().unwrap().label, "No lane");
        assert_eq!(l.rows.len(), j.lanes.len() + 1);
    }
}
