//! Where the lab's diagram draws each network, for the width it has on screen.
//!
//! Each network is a box (a title, its kind and range, then one row per resolver, server,
//! endpoint and client) on a grid of up to three columns. The grid gets as many columns as
//! its networks want and the width holds with every label at
//! [`crate::legible::MIN_LABEL_PX`] or more; with one column (a phone, a docs column) the
//! boxes are stacked and the links between them run as arcs in lanes beside the stack, each
//! link named in a list under the drawing instead of on it ([`Layout::lanes`]).
//!
//! ```
//! use cloudhop_core::dns::layout::place;
//! // Four networks: two columns where there is room, one on a phone.
//! let rows = [2, 3, 1, 2];
//! assert_eq!(place(&rows, 3, None).columns, 2);
//! let phone = place(&rows, 3, Some(320.0));
//! assert_eq!(phone.columns, 1);
//! assert!(phone.lanes.is_some());
//! assert!(320.0 / phone.width * 13.0 >= 11.0);
//! ```

use crate::legible::widest_view;

/// The smallest label in the diagram, in drawing units (rows, kinds, link labels).
pub const SMALLEST_FONT: f64 = 13.0;
/// A row's height.
pub const ROW_H: f64 = 20.0;
/// The head of a box: its title and kind.
pub const HEAD_H: f64 = 46.0;
/// Box width on a wide grid.
const BOX_W: f64 = 330.0;
/// Box width when the width is short (rows of about 40 characters at 13 units still fit).
const NARROW_BOX_W: f64 = 300.0;
/// The narrowest box a stack gets.
const MIN_BOX_W: f64 = 200.0;
const GAP_X: f64 = 110.0;
const NARROW_GAP_X: f64 = 50.0;
const GAP_Y: f64 = 70.0;
/// Gap between stacked boxes (one column: links do not run between them).
const STACK_GAP_Y: f64 = 24.0;
const MARGIN: f64 = 16.0;
/// Room between the stack and the first lane, and between lanes.
const LANE_START: f64 = 10.0;
const LANE_STEP: f64 = 10.0;

/// Where one network's box is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Placed {
    /// The centre of the box.
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The vertical middle of row `i`.
    pub fn row_y(&self, i: usize) -> f64 {
        self.y + HEAD_H + ROW_H * i as f64 + ROW_H / 2.0
    }

    /// Where the segment from the centre towards `(tx, ty)` leaves the box.
    pub fn edge(&self, tx: f64, ty: f64) -> (f64, f64) {
        let (cx, cy) = self.centre();
        let (dx, dy) = (tx - cx, ty - cy);
        let sx = if dx.abs() > 1e-9 {
            (self.w / 2.0) / dx.abs()
        } else {
            f64::INFINITY
        };
        let sy = if dy.abs() > 1e-9 {
            (self.h / 2.0) / dy.abs()
        } else {
            f64::INFINITY
        };
        let s = sx.min(sy).min(1.0);
        (cx + dx * s, cy + dy * s)
    }
}

/// Lanes beside a stack of boxes, where links run as arcs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lanes {
    /// The x of the first lane.
    pub x0: f64,
    /// Space between lanes.
    pub step: f64,
    /// How many lanes there are (link `i` runs in lane `i % count`).
    pub count: usize,
}

impl Lanes {
    /// The x of link `i`'s lane.
    pub fn x_of(&self, i: usize) -> f64 {
        self.x0 + self.step * (i % self.count.max(1)) as f64
    }
}

/// The diagram's layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Columns of the grid.
    pub columns: usize,
    /// One box per network, in the order given.
    pub boxes: Vec<Placed>,
    /// With one column: the lanes links run in (their labels are listed, not drawn).
    pub lanes: Option<Lanes>,
    /// The view box's width.
    pub width: f64,
    /// The view box's height.
    pub height: f64,
}

/// Lay out networks with `rows[i]` rows each and `links` links between them, for a diagram
/// `width_px` CSS pixels wide (`None`: as wide as it wants).
pub fn place(rows: &[usize], links: usize, width_px: Option<f64>) -> Layout {
    let wanted = match rows.len() {
        0 | 1 => 1,
        2..=4 => 2,
        _ => 3,
    };
    let widest = width_px.map_or(f64::INFINITY, |w| widest_view(w, SMALLEST_FONT));
    let grid_w =
        |k: usize, bw: f64, gap: f64| 2.0 * MARGIN + k as f64 * bw + (k as f64 - 1.0) * gap;
    let mut choice = None;
    for k in (2..=wanted).rev() {
        if let Some((bw, gap)) = [(BOX_W, GAP_X), (NARROW_BOX_W, NARROW_GAP_X)]
            .into_iter()
            .find(|&(bw, gap)| grid_w(k, bw, gap) <= widest)
        {
            choice = Some((k, bw, gap));
            break;
        }
    }
    let height_of = |r: usize| HEAD_H + ROW_H * r as f64 + 8.0;
    match choice {
        Some((cols, bw, gap)) => {
            let mut boxes = Vec::with_capacity(rows.len());
            let mut y = MARGIN;
            for chunk in rows.chunks(cols) {
                let h = chunk.iter().map(|&r| height_of(r)).fold(0.0, f64::max);
                for (c, &r) in chunk.iter().enumerate() {
                    boxes.push(Placed {
                        x: MARGIN + c as f64 * (bw + gap),
                        y,
                        w: bw,
                        h: height_of(r),
                    });
                }
                y += h + GAP_Y;
            }
            Layout {
                columns: cols,
                boxes,
                lanes: None,
                width: grid_w(cols, bw, gap),
                height: y - GAP_Y + MARGIN,
            }
        }
        None => {
            // One column: the wide box where it fits beside its lanes, else the narrow one.
            let lanes_w = |n: usize| LANE_START + LANE_STEP * n as f64;
            let wanted_lanes = links.max(1);
            let mut count = wanted_lanes;
            while count > 1 && 2.0 * MARGIN + NARROW_BOX_W + lanes_w(count) > widest {
                count -= 1;
            }
            // The wide box where it fits beside its lanes, else as wide as the width allows
            // (on the narrowest phones a long row runs past the box's edge, still legible).
            let lanes_room = if links > 0 { lanes_w(count) } else { 0.0 };
            let bw = if 2.0 * MARGIN + BOX_W + lanes_room <= widest {
                BOX_W
            } else {
                (widest - 2.0 * MARGIN - lanes_room).clamp(MIN_BOX_W, NARROW_BOX_W)
            };
            let mut boxes = Vec::with_capacity(rows.len());
            let mut y = MARGIN;
            for &r in rows {
                boxes.push(Placed {
                    x: MARGIN,
                    y,
                    w: bw,
                    h: height_of(r),
                });
                y += height_of(r) + STACK_GAP_Y;
            }
            let lanes = (links > 0).then_some(Lanes {
                x0: MARGIN + bw + LANE_START,
                step: LANE_STEP,
                count,
            });
            Layout {
                columns: 1,
                boxes,
                lanes,
                width: 2.0 * MARGIN + bw + if links > 0 { lanes_w(count) } else { 0.0 },
                height: y - STACK_GAP_Y + MARGIN,
            }
        }
    }
}

/// The curve the lab draws for a hop being played: a quadratic Bézier from `start` to
/// `end` through the control point `ctrl`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HopArc {
    /// Where the arrow starts.
    pub start: (f64, f64),
    /// The control point.
    pub ctrl: (f64, f64),
    /// Where the arrowhead is.
    pub end: (f64, f64),
}

/// Room kept between a bent arrow and the view box's edge (the arrowhead's half width).
const ARC_EDGE: f64 = 6.0;

impl Layout {
    /// The arc for a hop from row centre `from` to row centre `to`. Between columns it is a
    /// straight line; within one column (always, when stacked) it leaves and reaches the
    /// boxes' right edges and bends out to the right, no further than the view box allows,
    /// so it does not run along the rows it passes and is never cut off.
    ///
    /// ```
    /// use cloudhop_core::dns::layout::place;
    /// let phone = place(&[2, 2, 2], 3, Some(320.0));
    /// let b = phone.boxes[0];
    /// let arc = phone.hop_arc(b.centre(), phone.boxes[2].centre());
    /// // The curve's furthest point is half way to its control point: inside the view box.
    /// let apex = (arc.start.0 + arc.end.0) / 4.0 + arc.ctrl.0 / 2.0;
    /// assert!(apex > b.x + b.w && apex < phone.width);
    /// ```
    pub fn hop_arc(&self, from: (f64, f64), to: (f64, f64)) -> HopArc {
        if (from.0 - to.0).abs() >= 1.0 {
            let ctrl = ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0);
            return HopArc {
                start: from,
                ctrl,
                end: to,
            };
        }
        let half = self.boxes.first().map_or(0.0, |b| b.w / 2.0);
        let edge = from.0 + half - 8.0;
        // A quadratic curve reaches half way to its control point: bend by up to twice the
        // room there is, and by no more than it looks right (a box's half width and a bit).
        let room = (self.width - ARC_EDGE - edge).max(0.0);
        let bend = (half + 24.0).min(2.0 * room);
        HopArc {
            start: (edge, from.1),
            ctrl: (edge + bend, (from.1 + to.1) / 2.0),
            end: (edge, to.1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlap(a: &Placed, b: &Placed) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    #[test]
    fn every_width_keeps_labels_legible_and_boxes_apart() {
        for n in 1..=12 {
            let rows: Vec<usize> = (0..n).map(|i| 1 + i % 4).collect();
            for links in [0, 1, 3, 8] {
                for w in [230.0, 260.0, 300.0, 320.0, 530.0, 610.0, 650.0, 1000.0] {
                    let l = place(&rows, links, Some(w));
                    assert_eq!(l.boxes.len(), n);
                    assert!(
                        w / l.width * SMALLEST_FONT >= 11.0 - 1e-9,
                        "{n} networks, {links} links, {w}px: {:.1}px",
                        w / l.width * SMALLEST_FONT
                    );
                    for (i, a) in l.boxes.iter().enumerate() {
                        assert!(a.x + a.w <= l.width && a.y + a.h <= l.height);
                        for b in &l.boxes[i + 1..] {
                            assert!(!overlap(a, b));
                        }
                    }
                    assert_eq!(l.lanes.is_some(), l.columns == 1 && links > 0);
                }
            }
        }
    }

    #[test]
    fn hop_arcs_stay_in_the_view_box() {
        for n in 2..=8 {
            let rows: Vec<usize> = (0..n).map(|i| 1 + i % 3).collect();
            for links in [1, 4] {
                for w in [260.0, 320.0, 390.0, 650.0, 1000.0] {
                    let l = place(&rows, links, Some(w));
                    for a in &l.boxes {
                        for b in &l.boxes {
                            let arc =
                                l.hop_arc((a.centre().0, a.row_y(0)), (b.centre().0, b.row_y(0)));
                            // The furthest right a quadratic Bézier reaches.
                            let t = {
                                let den = arc.start.0 - 2.0 * arc.ctrl.0 + arc.end.0;
                                if den.abs() < 1e-9 {
                                    0.5
                                } else {
                                    ((arc.start.0 - arc.ctrl.0) / den).clamp(0.0, 1.0)
                                }
                            };
                            let x = (1.0 - t) * (1.0 - t) * arc.start.0
                                + 2.0 * t * (1.0 - t) * arc.ctrl.0
                                + t * t * arc.end.0;
                            assert!(
                                x + ARC_EDGE <= l.width + 1e-9,
                                "{n} nets, {w}px: apex {x:.1} of {:.1}",
                                l.width
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn columns_follow_the_count_where_there_is_room() {
        assert_eq!(place(&[1], 0, None).columns, 1);
        assert_eq!(place(&[1, 2, 3], 2, None).columns, 2);
        assert_eq!(place(&[1; 6], 2, None).columns, 3);
        assert_eq!(place(&[1; 6], 2, Some(610.0)).columns, 2);
        assert_eq!(place(&[1; 6], 2, Some(530.0)).columns, 1);
        let l = place(&[1; 3], 3, Some(320.0));
        let lanes = l.lanes.unwrap();
        assert!(lanes.x_of(0) > l.boxes[0].x + l.boxes[0].w);
    }
}
