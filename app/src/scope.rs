//! Which course the pages are showing: the learner's own, or a workshop's (workshop mode).
//! The app sets it for each page ([`enter`]); every in-app link a page renders goes through
//! [`href`] (or [`in_app`] for links in lesson text), so navigation inside a workshop stays
//! in it: a lesson, lab or glossary link becomes that page under `#/workshop/<id>/`.

use crate::route::Route;
use std::cell::RefCell;

thread_local! {
    static WORKSHOP: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Show pages in workshop `id`'s scope, or (`None`) in the learner's own course.
pub fn enter(workshop: Option<&str>) {
    WORKSHOP.with(|w| *w.borrow_mut() = workshop.map(str::to_string));
}

/// The workshop whose pages are showing.
pub fn workshop() -> Option<String> {
    WORKSHOP.with(|w| w.borrow().clone())
}

/// The link to `route` in the current scope.
///
/// ```
/// use cloudhop_app::{route::Route, scope};
/// scope::enter(Some("day-one"));
/// assert_eq!(scope::href(Route::Lesson("failover".into())), "#/workshop/day-one/lesson/failover");
/// assert_eq!(scope::href(Route::Progress), "#/progress");
/// scope::enter(None);
/// assert_eq!(scope::href(Route::Lesson("failover".into())), "#/lesson/failover");
/// ```
pub fn href(route: Route) -> String {
    match (workshop(), route) {
        (
            Some(id),
            r @ (Route::Home
            | Route::Lesson(_)
            | Route::Lab(..)
            | Route::Glossary(_)
            | Route::HandIn),
        ) => Route::InWorkshop(id, Box::new(r)).href(),
        (_, r) => r.href(),
    }
}

/// An in-app link from lesson text (`#/lesson/…`, `#/lab/…`, `#/glossary/…`) in the
/// current scope.
///
/// ```
/// use cloudhop_app::scope;
/// scope::enter(Some("w"));
/// assert_eq!(scope::in_app("#/lab/bgp"), "#/workshop/w/lab/bgp");
/// assert_eq!(scope::in_app("#/progress"), "#/progress");
/// scope::enter(None);
/// assert_eq!(scope::in_app("#/lab/bgp"), "#/lab/bgp");
/// ```
pub fn in_app(link: &str) -> String {
    if workshop().is_none() {
        return link.to_string();
    }
    match Route::parse(link) {
        Route::NotFound(_) => link.to_string(),
        r => href(r),
    }
}
