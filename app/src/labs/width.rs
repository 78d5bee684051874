//! The width a lab's drawing has on screen, measured: the one browser fact the drawings'
//! layouts in `core` (`bgp::drawing`, `dns::layout`, `latency::map_view`,
//! `failover::display::ticks`) need to keep their labels legible. The app only measures;
//! what changes with the width is decided in core.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The content width of the element `node` refers to, in CSS pixels, kept current with a
/// `ResizeObserver` (whole pixels, so a sub-pixel change does not redraw). `None` until
/// it is first measured.
#[hook]
pub fn use_width(node: NodeRef) -> Option<f64> {
    let width = use_state_eq(|| None::<f64>);
    {
        let width = width.clone();
        use_effect_with((), move |_| {
            let measure = {
                let node = node.clone();
                let width = width.clone();
                move || {
                    if let Some(el) = node.cast::<web_sys::Element>() {
                        let w = f64::from(el.client_width());
                        if w > 0.0 {
                            width.set(Some(w));
                        }
                    }
                }
            };
            measure();
            let callback = Closure::<dyn FnMut()>::new(measure);
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(o), Some(el)) = (&observer, node.cast::<web_sys::Element>()) {
                o.observe(&el);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }
    *width
}
