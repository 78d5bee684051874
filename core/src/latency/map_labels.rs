//! Which sites the lab's world map labels, where, and how large, for the width the map has
//! on screen.
//!
//! The map is the whole world in a 360 × 145 view box, so a label of a fixed size in map
//! units shrinks with the map: on a phone a 3-unit label is under 3 px. Labels are sized
//! instead so that they show at [`crate::legible::MIN_LABEL_PX`] or more, and placed one
//! after another (right of the marker, else left, above, below) where they overlap no
//! label already placed and stay inside the map. A site whose label finds no room is left
//! unlabelled on the map: every site is in the numbered list beside it. Where the map is
//! wide enough for names (few sites, large map) a label is the site's number and metro,
//! else its number alone.
//!
//! ```
//! use cloudhop_core::latency::map_labels::{place, LabelText};
//! // Frankfurt and Paris, drawn 320 px wide: numbers only, 11 px or more on screen.
//! let sites = [(188.7, -5.1), (182.4, -3.9)];
//! let names = ["Frankfurt", "Paris"];
//! let l = place(&sites, &names, 2, Some(320.0));
//! assert_eq!(l.text, LabelText::Number);
//! assert!(l.font * 320.0 / 360.0 >= 11.0);
//! assert!(l.labels.iter().filter(|x| x.is_some()).count() >= 1);
//! ```

use crate::legible::font_units;

/// The map's view box width.
pub const MAP_W: f64 = 360.0;
/// The map's view box height.
pub const MAP_H: f64 = 145.0;
/// The label size on a large map, in map units.
const BASE_FONT: f64 = 3.0;
/// Names are shown when there are at most this many sites.
const NAMED_SITES: usize = 12;
/// Names are shown while a label is at most this large in map units (a large map).
const NAMED_FONT: f64 = 4.5;
/// A character's width, as a share of the font size (a little generous, so labels do not touch).
const CHAR_W: f64 = 0.62;

/// What a label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelText {
    /// "3 Frankfurt".
    NumberAndName,
    /// "3".
    Number,
}

/// Where a label's text starts, and on which side of the marker it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    /// Anchor x (start of the text, or its end when `end` is set).
    pub x: f64,
    /// Baseline y.
    pub y: f64,
    /// The text ends at `x` (left of the marker) instead of starting there.
    pub end: bool,
    /// The box the label takes: `[left, top, right, bottom]` in map units.
    pub bounds: [f64; 4],
}

/// The labels of a map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLabels {
    /// Font size in map units.
    pub font: f64,
    /// What the labels say.
    pub text: LabelText,
    /// One entry per site, in order: where its label goes, or `None` when it is left out.
    pub labels: Vec<Option<Label>>,
}

/// The text of point `i`'s label with `name`: the first `numbered` points are the
/// numbered sites (numbered from 1); the others (relays, hubs) are labelled by name.
pub fn label_text(text: LabelText, i: usize, numbered: usize, name: &str) -> String {
    match text {
        _ if i >= numbered => name.to_string(),
        LabelText::NumberAndName => format!("{} {name}", i + 1),
        LabelText::Number => (i + 1).to_string(),
    }
}

/// Place the labels of sites at `points` (map units) named `names`, for a map `width_px`
/// CSS pixels wide (`None`: a large map). The first `numbered` points are the numbered
/// sites, the rest are labelled by name ([`label_text`]); labels are placed in order.
pub fn place(
    points: &[(f64, f64)],
    names: &[&str],
    numbered: usize,
    width_px: Option<f64>,
) -> MapLabels {
    let font = width_px.map_or(BASE_FONT, |w| font_units(MAP_W, w, BASE_FONT));
    let text = if numbered <= NAMED_SITES && font <= NAMED_FONT {
        LabelText::NumberAndName
    } else {
        LabelText::Number
    };
    let mut taken: Vec<[f64; 4]> = Vec::new();
    let marker = font * 0.5;
    let labels = points
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            let name = names.get(i).copied().unwrap_or("");
            let w = label_text(text, i, numbered, name).chars().count() as f64 * font * CHAR_W;
            let h = font;
            let gap = 1.0 + font * 0.2;
            // (left, top) of the box and the label for each side, in order of preference.
            let sides = [
                (
                    [x + gap, y - h / 2.0],
                    Label {
                        x: x + gap,
                        y: y + h * 0.35,
                        end: false,
                        bounds: [0.0; 4],
                    },
                ),
                (
                    [x - gap - w, y - h / 2.0],
                    Label {
                        x: x - gap,
                        y: y + h * 0.35,
                        end: true,
                        bounds: [0.0; 4],
                    },
                ),
                (
                    [x - w / 2.0, y - marker - h],
                    Label {
                        x: x - w / 2.0,
                        y: y - marker - h * 0.15,
                        end: false,
                        bounds: [0.0; 4],
                    },
                ),
                (
                    [x - w / 2.0, y + marker],
                    Label {
                        x: x - w / 2.0,
                        y: y + marker + h * 0.85,
                        end: false,
                        bounds: [0.0; 4],
                    },
                ),
            ];
            let fits = |[l, t]: [f64; 2]| {
                let b = [l, t, l + w, t + h];
                b[0] >= 0.0
                    && b[1] >= 0.0
                    && b[2] <= MAP_W
                    && b[3] <= MAP_H
                    && taken
                        .iter()
                        .all(|o| b[2] <= o[0] || o[2] <= b[0] || b[3] <= o[1] || o[3] <= b[1])
            };
            let found = sides.into_iter().find(|(corner, _)| fits(*corner))?;
            let [l, t] = found.0;
            let bounds = [l, t, l + w, t + h];
            taken.push(bounds);
            Some(Label { bounds, ..found.1 })
        })
        .collect();
    MapLabels { font, text, labels }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_legible_and_never_overlap_at_any_width() {
        // A European cluster and a few far sites.
        let pts = [
            (188.7, -5.1),
            (182.4, -3.9),
            (179.9, -1.5),
            (173.7, -8.3),
            (184.9, -7.4),
            (102.0, 47.4),
            (283.8, 83.6),
            (319.2, 100.3),
        ];
        let names = [
            "Frankfurt",
            "Paris",
            "London",
            "Dublin",
            "Amsterdam",
            "Virginia",
            "Singapore",
            "Sydney",
        ];
        for w in [300.0, 320.0, 520.0, 650.0, 1000.0, 2000.0] {
            let m = place(&pts, &names, pts.len(), Some(w));
            assert!(m.font * w / MAP_W >= 11.0 - 1e-9 || m.font == BASE_FONT);
            assert_eq!(m.labels.len(), pts.len());
            let boxes: Vec<[f64; 4]> = m.labels.iter().flatten().map(|l| l.bounds).collect();
            for b in &boxes {
                assert!(b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= MAP_W && b[3] <= MAP_H);
            }
            assert!(!boxes.is_empty(), "{w}px: no label at all");
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    let apart = a[2] <= b[0] + 1e-6
                        || b[2] <= a[0] + 1e-6
                        || a[3] <= b[1] + 1e-6
                        || b[3] <= a[1] + 1e-6;
                    assert!(apart, "{w}px: {a:?} overlaps {b:?}");
                }
            }
        }
    }

    #[test]
    fn far_apart_sites_all_get_a_label_and_names_need_a_large_map() {
        let pts = [(10.0, 20.0), (200.0, 80.0), (330.0, 120.0)];
        let names = ["A", "B", "C"];
        let m = place(&pts, &names, 3, Some(320.0));
        assert!(m.labels.iter().all(Option::is_some));
        assert_eq!(m.text, LabelText::Number);
        assert_eq!(
            place(&pts, &names, 3, Some(1200.0)).text,
            LabelText::NumberAndName
        );
        assert_eq!(place(&pts, &names, 3, None).font, BASE_FONT);
    }
}
