//! Where the lab's graph draws each AS, for the width it has on screen.
//!
//! A scenario places its ASes on a 1000 × 600 canvas (`AsEntry::Detailed { x, y }`). Drawn
//! at that size in a narrow column, the boxes and their labels shrink below legibility (a
//! phone shows the canvas at a third of its size). When the canvas cannot be shown with
//! its smallest label at [`crate::legible::MIN_LABEL_PX`], the graph is laid out again in
//! tiers instead: ASes grouped by their height on the canvas (providers above customers,
//! as the scenarios draw them), left to right within a tier, each tier wrapped into rows
//! of as many boxes as the width holds legibly. The links stay what they are; only the
//! positions change.
//!
//! ```
//! use cloudhop_core::bgp::drawing::{drawing, Arrangement};
//! use cloudhop_core::bgp::seeds::seed;
//! let sc = seed("internet-hijack").unwrap();
//! assert_eq!(drawing(&sc, None).arrangement, Arrangement::Canvas);
//! let phone = drawing(&sc, Some(320.0));
//! assert_eq!(phone.arrangement, Arrangement::Tiers { columns: 2 });
//! // Drawn 320 px wide, the smallest label (14 units) is at least 11 px.
//! assert!(320.0 / phone.view_box[2] * 14.0 >= 11.0);
//! ```

use super::asn::Asn;
use super::scenario::{AsEntry, Scenario};
use crate::legible::widest_view;
use std::collections::BTreeMap;

/// Width of the canvas the scenarios are drawn on.
pub const CANVAS_W: f64 = 1000.0;
/// Height of the canvas the scenarios are drawn on.
pub const CANVAS_H: f64 = 600.0;
/// An AS box on the canvas.
pub const BOX_W: f64 = 190.0;
/// An AS box's height.
pub const BOX_H: f64 = 54.0;
/// An AS box in tiers (narrow widths): a name of about 22 characters at 14 units fits.
pub const TIER_BOX_W: f64 = 170.0;
/// The smallest label in the graph, in drawing units (the AS name, `.bgp-node-name`).
pub const SMALLEST_FONT: f64 = 14.0;
/// Space between two boxes of a tier row.
const TIER_GAP_X: f64 = 20.0;
/// Space between two tier rows (room for a link label).
const TIER_GAP_Y: f64 = 46.0;
/// Margin around the drawing, beyond the boxes.
const MARGIN_X: f64 = 12.0;
const MARGIN_Y: f64 = 24.0;
/// ASes whose canvas heights differ by less than this are one tier.
const TIER_TOLERANCE: f64 = 40.0;

/// How the graph is arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// At the scenario's own positions.
    Canvas,
    /// In tiers, rows of at most `columns` boxes.
    Tiers {
        /// Boxes a row holds.
        columns: usize,
    },
}

/// Where each AS is drawn, how large a box is, and the view box around them all.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// The centre of each AS's box.
    pub positions: BTreeMap<Asn, (f64, f64)>,
    /// A box's width.
    pub box_w: f64,
    /// A box's height.
    pub box_h: f64,
    /// `[x, y, width, height]` of the view box.
    pub view_box: [f64; 4],
    /// Which arrangement this is.
    pub arrangement: Arrangement,
}

impl Drawing {
    /// The view box as the SVG attribute text.
    pub fn view_box_attr(&self) -> String {
        let [x, y, w, h] = self.view_box;
        format!("{x:.0} {y:.0} {w:.0} {h:.0}")
    }

    /// The centre of `asn`'s box (the middle of the drawing for an AS not drawn).
    pub fn at(&self, asn: Asn) -> (f64, f64) {
        self.positions.get(&asn).copied().unwrap_or_else(|| {
            let [x, y, w, h] = self.view_box;
            (x + w / 2.0, y + h / 2.0)
        })
    }
}

/// The layout for a graph `width_px` CSS pixels wide (`None`: wide enough for the canvas).
pub fn drawing(sc: &Scenario, width_px: Option<f64>) -> Drawing {
    let canvas = canvas_positions(sc);
    let view_box = fit(&canvas, BOX_W);
    let widest = width_px.map_or(f64::INFINITY, |w| widest_view(w, SMALLEST_FONT));
    if view_box[2] <= widest || canvas.len() <= 1 {
        return Drawing {
            positions: canvas,
            box_w: BOX_W,
            box_h: BOX_H,
            view_box,
            arrangement: Arrangement::Canvas,
        };
    }
    // The most boxes a row holds legibly (at least one: a single column of boxes is read
    // at any phone width).
    let row_w = |k: usize| k as f64 * TIER_BOX_W + (k as f64 - 1.0) * TIER_GAP_X + 2.0 * MARGIN_X;
    let mut columns = 1;
    while columns < canvas.len() && row_w(columns + 1) <= widest {
        columns += 1;
    }
    let positions = tiers(&canvas, columns);
    let view_box = fit(&positions, TIER_BOX_W);
    Drawing {
        positions,
        box_w: TIER_BOX_W,
        box_h: BOX_H,
        view_box,
        arrangement: Arrangement::Tiers { columns },
    }
}

/// Positions on the canvas: the scenario's, or on an ellipse for ASes without one.
fn canvas_positions(sc: &Scenario) -> BTreeMap<Asn, (f64, f64)> {
    let mut all: Vec<Asn> = sc.ases.iter().map(AsEntry::asn).collect();
    for l in &sc.links {
        if let Ok(l) = l.link() {
            let (a, b) = l.ends();
            all.push(a);
            all.push(b);
        }
    }
    crate::order::sort(&mut all);
    all.dedup();
    let mut pos = BTreeMap::new();
    for e in &sc.ases {
        if let AsEntry::Detailed { asn, x, y, .. } = e {
            if *x > 0.0 || *y > 0.0 {
                pos.insert(
                    *asn,
                    (
                        x.clamp(BOX_W / 2.0, CANVAS_W - BOX_W / 2.0),
                        y.clamp(BOX_H, CANVAS_H - BOX_H),
                    ),
                );
            }
        }
    }
    let rest: Vec<Asn> = all
        .iter()
        .copied()
        .filter(|a| !pos.contains_key(a))
        .collect();
    let n = rest.len().max(1) as f64;
    for (i, a) in rest.into_iter().enumerate() {
        let t = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        pos.insert(
            a,
            (
                CANVAS_W / 2.0 + 380.0 * t.cos(),
                CANVAS_H / 2.0 + 230.0 * t.sin(),
            ),
        );
    }
    pos
}

/// Tiers by canvas height, left to right, wrapped into rows of `columns`, each row centred.
fn tiers(canvas: &BTreeMap<Asn, (f64, f64)>, columns: usize) -> BTreeMap<Asn, (f64, f64)> {
    let mut order: Vec<(Asn, f64, f64)> = canvas.iter().map(|(&a, &(x, y))| (a, x, y)).collect();
    // By height, then left to right (a stable, total order: ties by ASN).
    order.sort_by(|a, b| {
        a.2.total_cmp(&b.2)
            .then(a.1.total_cmp(&b.1))
            .then(a.0.cmp(&b.0))
    });
    let mut groups: Vec<Vec<(Asn, f64)>> = Vec::new();
    let mut top = f64::NEG_INFINITY;
    for (a, x, y) in order {
        match groups.last_mut() {
            Some(g) if y - top < TIER_TOLERANCE => g.push((a, x)),
            _ => {
                top = y;
                groups.push(vec![(a, x)]);
            }
        }
    }
    let step_x = TIER_BOX_W + TIER_GAP_X;
    let full = (columns as f64 - 1.0) * step_x;
    let mut out = BTreeMap::new();
    let mut row = 0usize;
    for mut g in groups {
        g.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        for chunk in g.chunks(columns.max(1)) {
            let used = (chunk.len() as f64 - 1.0) * step_x;
            let x0 = TIER_BOX_W / 2.0 + (full - used) / 2.0;
            let y = BOX_H / 2.0 + row as f64 * (BOX_H + TIER_GAP_Y);
            for (i, (a, _)) in chunk.iter().enumerate() {
                out.insert(*a, (x0 + i as f64 * step_x, y));
            }
            row += 1;
        }
    }
    out
}

/// The view box around boxes `box_w` wide centred at `pos`, with room for labels.
fn fit(pos: &BTreeMap<Asn, (f64, f64)>, box_w: f64) -> [f64; 4] {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in pos.values() {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    if x0 <= x1 {
        let (mx, my) = (box_w / 2.0 + MARGIN_X, BOX_H / 2.0 + MARGIN_Y);
        [
            (x0 - mx).floor(),
            (y0 - my).floor(),
            ((x1 - x0) + 2.0 * mx).ceil(),
            ((y1 - y0) + 2.0 * my).ceil(),
        ]
    } else {
        [0.0, 0.0, CANVAS_W, CANVAS_H]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bgp::seeds::{seed, SEEDS};

    fn overlaps(d: &Drawing) -> bool {
        let p: Vec<_> = d.positions.values().collect();
        p.iter().enumerate().any(|(i, a)| {
            p[i + 1..]
                .iter()
                .any(|b| (a.0 - b.0).abs() < d.box_w && (a.1 - b.1).abs() < d.box_h)
        })
    }

    #[test]
    fn every_seed_is_legible_and_unoverlapped_at_phone_column_and_desk_widths() {
        for (name, _) in SEEDS {
            let sc = seed(name).unwrap();
            for w in [300.0, 320.0, 500.0, 560.0, 680.0, 1000.0, 1400.0] {
                let d = drawing(&sc, Some(w));
                let scale = w / d.view_box[2];
                assert!(
                    scale * SMALLEST_FONT >= 11.0 - 1e-9,
                    "{name} at {w}px: labels at {:.1}px ({:?})",
                    scale * SMALLEST_FONT,
                    d.arrangement
                );
                assert!(!overlaps(&d), "{name} at {w}px: boxes overlap");
                assert_eq!(d.positions.len(), drawing(&sc, None).positions.len());
            }
        }
    }

    #[test]
    fn tiers_keep_providers_above_customers_and_wrap_by_width() {
        let sc = seed("internet-hijack").unwrap();
        let canvas = drawing(&sc, None);
        let phone = drawing(&sc, Some(320.0));
        assert_eq!(phone.arrangement, Arrangement::Tiers { columns: 2 });
        for (a, (_, ya)) in &canvas.positions {
            for (b, (_, yb)) in &canvas.positions {
                if yb - ya >= TIER_TOLERANCE * 2.0 {
                    assert!(phone.at(*a).1 < phone.at(*b).1, "{a} above {b}");
                }
            }
        }
        let column = drawing(&sc, Some(560.0));
        assert!(matches!(column.arrangement, Arrangement::Tiers { columns } if columns >= 3));
        assert_eq!(drawing(&sc, Some(1200.0)).arrangement, Arrangement::Canvas);
    }

    #[test]
    fn a_width_that_is_not_a_number_keeps_the_canvas() {
        let sc = seed("internet-hijack").unwrap();
        assert_eq!(
            drawing(&sc, Some(f64::NAN)).arrangement,
            Arrangement::Canvas
        );
        assert_eq!(drawing(&sc, Some(0.0)).arrangement, Arrangement::Canvas);
    }
}
