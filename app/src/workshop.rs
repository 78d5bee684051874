//! The workshops open in this browser: a link or learner file read and resolved against the
//! course once (by `cloudhop_lessons::workshop::open`), kept as its learner file under
//! [`storage::WORKSHOP_FILE_PREFIX`] so that workshop pages open again after a reload, from a
//! bookmark or in a second tab, and shared as a [`WorkshopHandle`].

use crate::storage;
use cloudhop_core::workshop::{link, Outline};
use cloudhop_lessons::exercise_check::AtUse;
use cloudhop_lessons::workshop::{self, Resolved};
use cloudhop_lessons::Course;
use std::cell::RefCell;
use std::rc::Rc;

/// A workshop as the learner's pages use it.
#[derive(Debug)]
pub struct OpenWorkshop {
    /// The workshop resolved against the course.
    pub resolved: Resolved,
    /// Its lessons as a course of their own ([`Resolved::as_course`]).
    pub course: Rc<Course>,
    /// What receipts are made against.
    pub outline: Outline,
}

impl OpenWorkshop {
    /// The workshop's id.
    pub fn id(&self) -> &str {
        &self.resolved.workshop.id
    }

    /// The workshop's title.
    pub fn title(&self) -> &str {
        &self.resolved.workshop.title
    }
}

/// A shared open workshop; two handles are equal when they are the same opening.
#[derive(Debug, Clone)]
pub struct WorkshopHandle(pub Rc<OpenWorkshop>);

impl PartialEq for WorkshopHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for WorkshopHandle {
    type Target = OpenWorkshop;
    fn deref(&self) -> &OpenWorkshop {
        &self.0
    }
}

thread_local! {
    static OPEN: RefCell<Vec<WorkshopHandle>> = const { RefCell::new(Vec::new()) };
}

fn opened(resolved: Resolved, full: &Course) -> WorkshopHandle {
    WorkshopHandle(Rc::new(OpenWorkshop {
        course: Rc::new(resolved.as_course(full)),
        outline: resolved.outline(),
        resolved,
    }))
}

/// Open a workshop from a link (or hash) or a learner file (against the course `full`), keep it for later pages, and
/// return it; or a message for the learner. A workshop of the same id opened before is
/// replaced (the instructor sent a new version).
pub fn open(text: &str, full: &Course) -> Result<WorkshopHandle, String> {
    let resolved = workshop::open_with::<AtUse>(text, full).map_err(|e| e.to_string())?;
    let file = link::to_file(&resolved.workshop);
    let handle = opened(resolved, full);
    let id = handle.id().to_string();
    let key = format!("{}{id}", storage::WORKSHOP_FILE_PREFIX);
    if storage::get(&key).as_deref() != Some(file.as_str()) {
        // Without storage the workshop still opens, for this page's life only.
        let _ = storage::set(&key, &file);
    }
    OPEN.with(|o| {
        let mut o = o.borrow_mut();
        o.retain(|h| h.id() != id);
        o.push(handle.clone());
    });
    Ok(handle)
}

/// The workshop `id` as opened in this browser (this page, else storage), or `None`.
pub fn by_id(id: &str, full: &Course) -> Option<WorkshopHandle> {
    if let Some(h) = OPEN.with(|o| o.borrow().iter().find(|h| h.id() == id).cloned()) {
        return Some(h);
    }
    let text = storage::get(&format!("{}{id}", storage::WORKSHOP_FILE_PREFIX))?;
    open(&text, full).ok().filter(|h| h.id() == id)
}

/// The workshops opened in this browser before, as `(id, title)`, by title.
pub fn known() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = storage::workshop_files()
        .into_iter()
        .filter_map(|(id, text)| {
            let w = link::from_file(&text).ok()?;
            (w.id == id).then_some((id, w.title))
        })
        .collect();
    cloudhop_core::order::sort_by(&mut out, |a, b| a.1.cmp(&b.1));
    out
}

/// A page address that names a workshop in its query (`index.html?w=1.…`, as
/// `cloudhop package cmi5` writes an AU's URL: an LMS appends its launch parameters to the
/// URL, so the workshop cannot be in the fragment) opens it, when the address names no page
/// of its own. Not for a SCORM package, whose launch does this itself (`main` decides).
pub fn open_from_query() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let Some(payload) = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("w="))
        .filter(|p| !p.is_empty())
    else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    if hash.is_empty() || hash == "#" || hash == "#/" {
        crate::chrome::replace_hash(&format!("#/workshop?w={payload}"));
    }
}
