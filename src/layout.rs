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

/// Longest stretch of a dashed arrow the canvas draws as one path, in canvas units (about one
/// raster tile). Chromium dashes a path over its whole length again for every tile it
/// touches, so long dashed arrows cost several times solid ones to raster in software; cut
/// into pieces, each tile dashes only what crosses it. Re-rastering the arrows of 1,000
/// touchpoints: 101-115 ms dashed whole, 22-24 ms in pieces, 19-28 ms solid
/// (docs/performance.md, third round).
pub const DASH_PIECE: f64 = 256.0;

impl EdgeGeom {
    /// The SVG path data for this edge.
    pub fn path_data(&self) -> String {
        let mut d = String::with_capacity(56);
        d.push('M');
        push_point(&mut d, self.start);
        d.push_str(" C");
        push_point(&mut d, self.c1);
        d.push(' ');
        push_point(&mut d, self.c2);
        d.push(' ');
        push_point(&mut d, self.end);
        d
    }

    /// The point at `t` (0 at the start, 1 at the end).
    fn at(&self, t: f64) -> (f64, f64) {
        self.blossom(t, t, t)
    }

    /// The curve's blossom (polar form): (a, a, a) is its point at a, and (a, a, b), (a, b, b)
    /// are the inner control points of its part from a to b.
    fn blossom(&self, u: f64, v: f64, w: f64) -> (f64, f64) {
        let lerp =
            |p: (f64, f64), q: (f64, f64), t: f64| (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
        let r = [
            lerp(self.start, self.c1, u),
            lerp(self.c1, self.c2, u),
            lerp(self.c2, self.end, u),
        ];
        let s = [lerp(r[0], r[1], v), lerp(r[1], r[2], v)];
        lerp(s[0], s[1], w)
    }

    /// The curve from parameter `a` to `b`: itself a cubic, the same line.
    fn part(&self, a: f64, b: f64) -> EdgeGeom {
        EdgeGeom {
            transition: self.transition,
            start: self.blossom(a, a, a),
            c1: self.blossom(a, a, b),
            c2: self.blossom(a, b, b),
            end: self.blossom(b, b, b),
        }
    }

    /// Whether the curve is longer than `max`, measured only when its control polygon (which
    /// is never shorter than the curve) is: most arrows join neighbouring stages.
    pub fn longer_than(&self, max: f64) -> bool {
        let d = |p: (f64, f64), q: (f64, f64)| (q.0 - p.0).hypot(q.1 - p.1);
        let hull = d(self.start, self.c1) + d(self.c1, self.c2) + d(self.c2, self.end);
        hull > max && self.length() > max
    }

    /// The length along the curve (64 chords).
    pub fn length(&self) -> f64 {
        self.chord_lengths()[64]
    }

    /// Distance along the curve at 0, 1/64, ... 1 of its parameter.
    fn chord_lengths(&self) -> [f64; 65] {
        let mut along = [0.0; 65];
        let mut prev = self.start;
        for i in 1..=64 {
            let p = self.at(i as f64 / 64.0);
            along[i] = along[i - 1] + (p.0 - prev.0).hypot(p.1 - prev.1);
            prev = p;
        }
        along
    }

    /// The curve cut into pieces of about `max` each along it (measured on 64 chords), each
    /// with how far along the curve it starts: a dashed piece drawn with that as its negative
    /// dash offset carries the dashes on across the cut. One piece, at 0, when the curve is no
    /// longer than `max`.
    pub fn pieces(&self, max: f64) -> Vec<(EdgeGeom, f64)> {
        const CHORDS: usize = 64;
        let along = self.chord_lengths();
        let len = along[CHORDS];
        let n = (len / max).ceil().max(1.0) as usize;
        if n == 1 {
            return vec![(self.clone(), 0.0)];
        }
        // The parameter at distance `s` along the curve, straight within its chord.
        let t_at = |s: f64| {
            let i = along.partition_point(|&c| c < s).clamp(1, CHORDS);
            let (c0, c1) = (along[i - 1], along[i]);
            let f = if c1 > c0 { (s - c0) / (c1 - c0) } else { 0.0 };
            ((i - 1) as f64 + f) / CHORDS as f64
        };
        (0..n)
            .map(|k| {
                let s0 = len * k as f64 / n as f64;
                let a = if k == 0 { 0.0 } else { t_at(s0) };
                let b = if k + 1 == n {
                    1.0
                } else {
                    t_at(len * (k + 1) as f64 / n as f64)
                };
                (self.part(a, b), s0)
            })
            .collect()
    }
}

/// `x,y`, each with one decimal.
fn push_point(out: &mut String, (x, y): (f64, f64)) {
    push_tenths(out, x);
    out.push(',');
    push_tenths(out, y);
}

/// Writes `v` with one decimal by integer arithmetic: under opt-level "z", core's `{:.1}`
/// takes its slow exact path, and the canvas writes tens of thousands of these numbers
/// (docs/performance.md). Halves round away from zero, and there is no "-0.0".
pub fn push_tenths(out: &mut String, v: f64) {
    use std::fmt::Write;
    let t = (v * 10.0).round() as i64;
    if t < 0 {
        out.push('-');
    }
    let a = t.unsigned_abs();
    let _ = write!(out, "{}.{}", a / 10, a % 10);
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
    fn numbers_are_written_with_one_decimal() {
        let w = |v: f64| {
            let mut s = String::new();
            push_tenths(&mut s, v);
            s
        };
        assert_eq!(w(12.0), "12.0");
        assert_eq!(w(1.26), "1.3");
        assert_eq!(w(-1.26), "-1.3");
        assert_eq!(w(-0.04), "0.0");
        assert_eq!(w(0.05), "0.1");
        assert_eq!(w(-1234.56), "-1234.6");
    }

    #[test]
    fn a_long_arrow_is_cut_into_pieces_that_trace_the_same_curve() {
        // The longest arrow of the sample, and a short one.
        let l = layout(&sample::broadband());
        let long = l
            .edges
            .iter()
            .max_by(|a, b| a.length().total_cmp(&b.length()))
            .unwrap();
        let total = long.length();
        assert!(
            total > 2.0 * DASH_PIECE,
            "the sample's longest arrow is {total}"
        );
        let pieces = long.pieces(DASH_PIECE);
        assert_eq!(pieces.len(), (total / DASH_PIECE).ceil() as usize);
        assert_eq!(pieces[0].0.start, long.start);
        assert_eq!(pieces.last().unwrap().0.end, long.end);
        let mut run = 0.0;
        for (k, (p, offset)) in pieces.iter().enumerate() {
            // Joined end to end, each starting where the dashes have got to.
            if k > 0 {
                let before = pieces[k - 1].0.end;
                assert!((p.start.0 - before.0).abs() < 1e-9 && (p.start.1 - before.1).abs() < 1e-9);
            }
            assert!(
                (offset - run).abs() < 0.5,
                "piece {k} starts at {offset}, the curve at {run}"
            );
            let len = p.length();
            assert!(len < DASH_PIECE * 1.02, "piece {k} is {len} long");
            run += len;
            // On the original curve: the piece's middle is one of its points.
            let mid = p.at(0.5);
            let near = (0..=4000)
                .map(|i| long.at(i as f64 / 4000.0))
                .map(|q| (q.0 - mid.0).hypot(q.1 - mid.1))
                .fold(f64::MAX, f64::min);
            assert!(near < 0.5, "piece {k} strays {near} from the curve");
        }
        assert!((run - total).abs() < 0.5);
        // The arrowhead's direction is kept: the last piece ends along the same tangent.
        let (a, b) = (long.end, long.c2);
        let (c, d) = (pieces.last().unwrap().0.end, pieces.last().unwrap().0.c2);
        let cross = (a.0 - b.0) * (c.1 - d.1) - (a.1 - b.1) * (c.0 - d.0);
        assert!(cross.abs() < 1e-6 * (a.0 - b.0).hypot(a.1 - b.1) * (c.0 - d.0).hypot(c.1 - d.1));
        assert!(long.longer_than(DASH_PIECE));
        // A short arrow stays whole.
        let short = l.edges.iter().find(|e| e.length() < DASH_PIECE).unwrap();
        assert!(!short.longer_than(DASH_PIECE));
        assert_eq!(short.pieces(DASH_PIECE), vec![(short.clone(), 0.0)]);
    }

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
