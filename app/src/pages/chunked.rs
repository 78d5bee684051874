//! The pages that come in wasm chunks of their own ([`crate::chunks`]): the instructor's
//! (the workshop link page, the class report with its LRS reader and QR scanner, the
//! presenter view) in one, and a workshop's hand-in page (with its receipt and QR code) in
//! another. The course map, the lessons and the labs are drawn without waiting for either.

use super::class_report::ClassReportPage;
use super::hand_in::HandInPage;
use super::instructor::InstructorPage;
use super::presenter::PresenterPage;
use crate::chunks::{split_call, Chunk, ChunkLoadFailed, Kept, Lazy, Loading, View};
use crate::workshop::WorkshopHandle;
use cloudhop_lessons::Course;
use std::rc::Rc;
use yew::prelude::*;

/// Which instructor page, with what it takes.
#[derive(Clone, PartialEq)]
pub enum InstructorView {
    /// The workshop link page (`#/instructor`).
    Link {
        /// The course.
        course: Rc<Course>,
    },
    /// The class report (`#/instructor/report`), for the workshop in `link` (a `w=` payload).
    ClassReport {
        /// The course.
        course: Rc<Course>,
        /// The `w=` payload, if any.
        link: Option<AttrValue>,
    },
    /// The presenter view, for the workshop in `link`.
    Presenter {
        /// The course.
        course: Rc<Course>,
        /// The `w=` payload, if any.
        link: Option<AttrValue>,
    },
}

/// The chunk holding the instructor's pages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct InstructorPages;

/// The chunk holding a workshop's hand-in page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct HandIn;

#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(instructor, fallible)
)]
fn instructor_chunk() -> Result<View<InstructorView>, ChunkLoadFailed> {
    Ok(|v| match v {
        InstructorView::Link { course } => html! { <InstructorPage {course} /> },
        InstructorView::ClassReport { course, link } => {
            html! { <ClassReportPage {course} {link} /> }
        }
        InstructorView::Presenter { course, link } => html! { <PresenterPage {course} {link} /> },
    })
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(handin, fallible))]
fn hand_in_chunk() -> Result<View<WorkshopHandle>, ChunkLoadFailed> {
    Ok(|workshop| html! { <HandInPage {workshop} /> })
}

/// A chunk of one split point, its view kept in a thread-local of its own.
macro_rules! one_split_point {
    ($chunk:ty, $props:ty, $split:ident, $name:literal) => {
        impl Chunk for $chunk {
            type Props = $props;

            fn fetch(self) -> Loading<$props> {
                Box::pin(async move { split_call!($split()) })
            }

            fn with_kept<R>(self, f: impl FnOnce(&Kept<$props>) -> R) -> R {
                thread_local! {
                    static KEPT: Kept<$props> = const { Kept::new() };
                }
                KEPT.with(f)
            }

            fn name(self) -> String {
                $name.to_string()
            }
        }
    };
}
one_split_point!(
    InstructorPages,
    InstructorView,
    instructor_chunk,
    "instructor pages"
);
one_split_point!(HandIn, WorkshopHandle, hand_in_chunk, "hand-in page");

/// Draw an instructor page, fetching the chunk first if it is not in.
pub fn instructor(page: InstructorView) -> Html {
    html! { <Lazy<InstructorPages> chunk={InstructorPages} props={page} /> }
}

/// Draw a workshop's hand-in page, fetching the chunk first if it is not in.
pub fn hand_in(workshop: WorkshopHandle) -> Html {
    html! { <Lazy<HandIn> chunk={HandIn} props={workshop} /> }
}
