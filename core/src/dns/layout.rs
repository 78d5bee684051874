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
