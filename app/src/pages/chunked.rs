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

/// Which page, with what it takes.
#[derive(Clone, PartialEq)]
pub enum PageView {
    /// The workshop link page (`#/instructor`).
    InstructorLink {
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
    /// A workshop's hand-in page.
    HandIn {
        /// The workshop.
        workshop: WorkshopHandle,
    },
}

/// The chunks holding these pages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PageChunk {
    /// The instructor's pages.
    Instructor,
    /// A workshop's hand-in page.
    HandIn,
}

impl PageView {
    /// The chunk the page is in.
    pub fn chunk(&self) -> PageChunk {
        match self {
            PageView::InstructorLink { .. }
            | PageView::ClassReport { .. }
            | PageView::Presenter { .. } => PageChunk::Instructor,
            PageView::HandIn { .. } => PageChunk::HandIn,
        }
    }
}

thread_local! {
    static LOADED: [Kept<PageView>; 2] = const { [const { Kept::new() }; 2] };
}

// Each function draws the pages of its chunk; a page of the other chunk never reaches it
// ([`view`] picks the chunk from the page), and would draw nothing.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(instructor, fallible)
)]
fn instructor_chunk() -> Result<View<PageView>, ChunkLoadFailed> {
    Ok(|v| match v {
        PageView::InstructorLink { course } => html! { <InstructorPage {course} /> },
        PageView::ClassReport { course, link } => html! { <ClassReportPage {course} {link} /> },
        PageView::Presenter { course, link } => html! { <PresenterPage {course} {link} /> },
        PageView::HandIn { .. } => html! {},
    })
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(handin, fallible))]
fn hand_in_chunk() -> Result<View<PageView>, ChunkLoadFailed> {
    Ok(|v| match v {
        PageView::HandIn { workshop } => html! { <HandInPage {workshop} /> },
        PageView::InstructorLink { .. }
        | PageView::ClassReport { .. }
        | PageView::Presenter { .. } => {
            html! {}
        }
    })
}

impl Chunk for PageChunk {
    type Props = PageView;

    fn fetch(self) -> Loading<PageView> {
        Box::pin(async move {
            match self {
                PageChunk::Instructor => split_call!(instructor_chunk()),
                PageChunk::HandIn => split_call!(hand_in_chunk()),
            }
        })
    }

    fn with_kept<R>(self, f: impl FnOnce(&Kept<PageView>) -> R) -> R {
        LOADED.with(|l| f(&l[self as usize]))
    }

    fn name(self) -> String {
        match self {
            PageChunk::Instructor => "instructor pages".to_string(),
            PageChunk::HandIn => "hand-in page".to_string(),
        }
    }
}

/// Draw a page, fetching its chunk first if it is not in.
pub fn view(page: PageView) -> Html {
    html! { <Lazy<PageChunk> chunk={page.chunk()} props={page} /> }
}
