//! The instructor's pages as one wasm chunk ([`crate::chunks`]): the workshop link page,
//! the class report (with the LRS reader and the QR scanner) and the presenter view.
//! Learners, on the course or in a workshop, never fetch it.

use super::class_report::ClassReportPage;
use super::instructor::InstructorPage;
use super::presenter::PresenterPage;
use crate::chunks::{Chunk, ChunkLoadFailed, Kept, Lazy, Loading, View};
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
    /// The class report (`#/report`), for the workshop in `link` (a `w=` payload).
    Report {
        /// The course.
        course: Rc<Course>,
        /// The `w=` payload, if any.
        link: Option<AttrValue>,
    },
    /// The presenter view (`#/present`), for the workshop in `link`.
    Presenter {
        /// The course.
        course: Rc<Course>,
        /// The `w=` payload, if any.
        link: Option<AttrValue>,
    },
}

/// The chunk holding the instructor's pages.
#[derive(Clone, Copy, PartialEq)]
pub struct InstructorPages;

thread_local! {
    static LOADED: Kept<InstructorView> = const { Kept::new() };
}

#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(instructor, fallible)
)]
fn instructor_chunk() -> Result<View<InstructorView>, ChunkLoadFailed> {
    Ok(|v| match v {
        InstructorView::Link { course } => html! { <InstructorPage {course} /> },
        InstructorView::Report { course, link } => html! { <ClassReportPage {course} {link} /> },
        InstructorView::Presenter { course, link } => html! { <PresenterPage {course} {link} /> },
    })
}

impl Chunk for InstructorPages {
    type Props = InstructorView;

    #[cfg(feature = "split")]
    fn loaded(self) -> Option<View<InstructorView>> {
        LOADED.with(Kept::get)
    }

    #[cfg(not(feature = "split"))]
    fn loaded(self) -> Option<View<InstructorView>> {
        instructor_chunk().ok()
    }

    fn load(self) -> Loading<InstructorView> {
        Box::pin(async move {
            if let Some(view) = self.loaded() {
                return Ok(view);
            }
            #[cfg(feature = "split")]
            let view = instructor_chunk().await?;
            #[cfg(not(feature = "split"))]
            let view = instructor_chunk()?;
            Ok(LOADED.with(|l| l.keep(view)))
        })
    }

    fn name(self) -> String {
        "instructor pages".to_string()
    }
}

/// Draw an instructor page, fetching the chunk first if it is not in.
pub fn view(page: InstructorView) -> Html {
    html! { <Lazy<InstructorPages> chunk={InstructorPages} props={page} /> }
}
