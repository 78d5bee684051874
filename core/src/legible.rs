//! How small a drawing may be shown and still be read: every label in a lab's graph, map
//! or diagram is at least [`MIN_LABEL_PX`] CSS pixels on screen. A drawing in a view box
//! is scaled to the width it is given, so its labels shrink with it; the layouts of the
//! labs' drawings (`bgp::drawing`, `dns::layout`, `latency::map_view`) use these functions
//! to change their arrangement, not their size, when the width is too small.
//!
//! ```
//! use cloudhop_core::legible::{widest_view, MIN_LABEL_PX};
//! // A 14-unit label drawn 320 px wide stays legible while the view box is at most 407 units wide.
//! assert_eq!(widest_view(320.0, 14.0).round(), 407.0);
//! assert_eq!(MIN_LABEL_PX, 11.0);
//! ```

/// The smallest text size, in CSS pixels, that a label is drawn at on screen.
pub const MIN_LABEL_PX: f64 = 11.0;

/// The widest view box (in drawing units) that can be shown `width_px` CSS pixels wide
/// with a label of `smallest_font` units still at least [`MIN_LABEL_PX`] on screen.
pub fn widest_view(width_px: f64, smallest_font: f64) -> f64 {
    if !(width_px.is_finite() && width_px > 0.0 && smallest_font > 0.0) {
        return f64::INFINITY;
    }
    width_px * smallest_font / MIN_LABEL_PX
}

/// The font size, in drawing units, that shows as at least [`MIN_LABEL_PX`] when a view
/// box `view_w` units wide is drawn `width_px` pixels wide (never below `at_least`).
///
/// ```
/// use cloudhop_core::legible::font_units;
/// // A world map 360 units wide drawn 320 px wide: labels of 12.4 units show at 11 px.
/// assert!((font_units(360.0, 320.0, 3.0) - 12.375).abs() < 1e-9);
/// assert_eq!(font_units(360.0, 3600.0, 3.0), 3.0);
/// ```
pub fn font_units(view_w: f64, width_px: f64, at_least: f64) -> f64 {
    if !(width_px.is_finite() && width_px > 0.0 && view_w > 0.0) {
        return at_least;
    }
    (MIN_LABEL_PX * view_w / width_px).max(at_least)
}
