//! Hash routes. Everything lives after `#` so the site works as plain static files from any
//! folder, with no server rewrites.
//!
//! | hash | page |
//! |---|---|
//! | `#/` | course map |
//! | `#/lesson/<id>` | a lesson |
//! | `#/lab/<lab>?s=<state>` | a lab, with an optional shared scenario |
//! | `#/embed/<lab>?s=<state>` | a lab alone, for iframes in other docs sites |
//! | `#/glossary` (`#/glossary/<term>`) | the glossary |
//! | `#/progress` | progress, course completion, export and import |
//! | `#/workshop?w=1.…` | open a workshop link (then `#/workshop/<id>/`) |
//! | `#/workshop` | open a workshop file (for links too long for a URL) |
//! | `#/workshop/<id>/…` | workshop mode: `…` is `` (its lesson list), `lesson/<id>`, `lab/<lab>`, `glossary`, `hand-in` |
//! | `#/instructor` | the instructor's link page (paste or open a workshop file) |
//! | `#/instructor/report?w=<workshop>` | the class report from learners' receipts |
//! | `#/instructor/present?w=<workshop>` | the presenter (projector) view of a workshop |

use cloudhop_core::labs::LabId;
use cloudhop_core::share;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The course map.
    Home,
    /// One lesson.
    Lesson(String),
    /// A lab page with optional shared state.
    Lab(LabId, Option<String>),
    /// A lab alone, for embedding.
    Embed(LabId, Option<String>),
    /// The glossary, optionally at one term.
    Glossary(Option<String>),
    /// Progress, completion, export and import.
    Progress,
    /// Open a workshop: the link's hash (`#/workshop?w=…`, decoded by
    /// `cloudhop_core::workshop::decode_link`), or `None` for the page where a learner opens
    /// a workshop file.
    OpenWorkshop(Option<String>),
    /// A page in workshop mode: the workshop's id and the page ([`Route::Home`] is its
    /// lesson list; lessons, labs, the glossary and [`Route::HandIn`] live there too).
    InWorkshop(String, Box<Route>),
    /// The hand-in page (in workshop mode).
    HandIn,
    /// The instructor's link page.
    Instructor,
    /// The class report for the workshop in the `w=` link payload (none: paste one).
    ClassReport(Option<String>),
    /// The presenter view of the workshop in the `w=` link payload (none: paste one).
    Presenter(Option<String>),
    /// Anything else.
    NotFound(String),
}

impl Route {
    /// The route the address shows now.
    pub fn current() -> Route {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Route::parse(&hash)
    }

    /// The page without its lab state (`?s=`): two routes with the same page differ only in
    /// the scenario on screen.
    ///
    /// ```
    /// use cloudhop_app::route::Route;
    /// use cloudhop_core::labs::LabId;
    /// assert_eq!(Route::Lab(LabId::Bgp, Some("x".into())).page(), Route::Lab(LabId::Bgp, None));
    /// assert_eq!(Route::Progress.page(), Route::Progress);
    /// ```
    pub fn page(&self) -> Route {
        match self {
            Route::Lab(lab, _) => Route::Lab(*lab, None),
            Route::Embed(lab, _) => Route::Embed(*lab, None),
            Route::InWorkshop(id, inner) => Route::InWorkshop(id.clone(), Box::new(inner.page())),
            other => other.clone(),
        }
    }

    /// Write this route (a lab's page with its new state) into the address in place, unless
    /// the address has moved to another page meanwhile. A lab writes its link a moment after
    /// it draws (and, since labs come in chunks, it may draw just as the learner leaves):
    /// that write must never undo the learner's navigation.
    pub fn replace_in_place(&self) {
        if Route::current().page() == self.page() {
            crate::chrome::replace_hash(&self.href());
        }
    }

    /// Parse a location hash (with or without the leading `#`).
    ///
    /// ```
    /// use cloudhop_app::route::Route;
    /// use cloudhop_core::labs::LabId;
    /// assert_eq!(Route::parse("#/lesson/intro"), Route::Lesson("intro".into()));
    /// assert_eq!(Route::parse("#/lab/bgp?s=abc"), Route::Lab(LabId::Bgp, Some("abc".into())));
    /// assert_eq!(Route::parse(""), Route::Home);
    /// assert_eq!(
    ///     Route::parse("#/workshop/day-one/lesson/failover"),
    ///     Route::InWorkshop("day-one".into(), Box::new(Route::Lesson("failover".into())))
    /// );
    /// assert_eq!(Route::parse("#/workshop?w=1.abc"), Route::OpenWorkshop(Some("#/workshop?w=1.abc".into())));
    /// assert_eq!(Route::parse("#/workshop"), Route::OpenWorkshop(None));
    /// assert_eq!(Route::parse("#/instructor/report?w=1.abc"), Route::ClassReport(Some("1.abc".into())));
    /// assert_eq!(Route::parse("#/instructor/present"), Route::Presenter(None));
    /// ```
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = match h.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (h, None),
        };
        let param = |name: &str| {
            query.and_then(|q| {
                q.split('&')
                    .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
                    .map(str::to_string)
            })
        };
        let state = param("s");
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["lesson", id] => Route::Lesson(share::decode(id)),
            ["lab", lab] => match LabId::from_slug(lab) {
                Some(l) => Route::Lab(l, state),
                None => Route::NotFound(hash.to_string()),
            },
            ["embed", lab] => match LabId::from_slug(lab) {
                Some(l) => Route::Embed(l, state),
                None => Route::NotFound(hash.to_string()),
            },
            ["glossary"] => Route::Glossary(None),
            ["glossary", term] => Route::Glossary(Some(share::decode(term))),
            ["progress"] => Route::Progress,
            ["hand-in"] => Route::HandIn,
            ["instructor"] => Route::Instructor,
            ["workshop"] => Route::OpenWorkshop(
                query
                    .is_some_and(|q| q.split('&').any(|kv| kv.starts_with("w=")))
                    .then(|| hash.to_string()),
            ),
            ["workshop", id, ..] => {
                let rest = h
                    .split_once('?')
                    .map_or(h, |(p, _)| p)
                    .trim_end_matches('/')
                    .splitn(3, '/')
                    .nth(2)
                    .unwrap_or("");
                let inner = match query {
                    Some(q) => Route::parse(&format!("{rest}?{q}")),
                    None => Route::parse(rest),
                };
                match inner {
                    Route::Home
                    | Route::Lesson(_)
                    | Route::Lab(..)
                    | Route::Glossary(_)
                    | Route::HandIn => Route::InWorkshop(share::decode(id), Box::new(inner)),
                    _ => Route::NotFound(hash.to_string()),
                }
            }
            ["instructor", "report"] => Route::ClassReport(param("w")),
            ["instructor", "present"] => Route::Presenter(param("w")),
            _ => Route::NotFound(hash.to_string()),
        }
    }

    /// The hash for this route, starting with `#`.
    ///
    /// ```
    /// use cloudhop_app::route::Route;
    /// use cloudhop_core::labs::LabId;
    /// let r = Route::Lab(LabId::Planner, Some("x".into()));
    /// assert_eq!(r.href(), "#/lab/planner?s=x");
    /// assert_eq!(Route::parse(&r.href()), r);
    /// let w = Route::InWorkshop("w-1".into(), Box::new(Route::Lab(LabId::Bgp, Some("x".into()))));
    /// assert_eq!(w.href(), "#/workshop/w-1/lab/bgp?s=x");
    /// assert_eq!(Route::parse(&w.href()), w);
    /// let home = Route::InWorkshop("w-1".into(), Box::new(Route::Home));
    /// assert_eq!(Route::parse(&home.href()), home);
    /// ```
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Lesson(id) => format!("#/lesson/{}", share::encode(id)),
            Route::Lab(l, s) => with_state(format!("#/lab/{}", l.slug()), s),
            Route::Embed(l, s) => with_state(format!("#/embed/{}", l.slug()), s),
            Route::Glossary(None) => "#/glossary".into(),
            Route::Glossary(Some(t)) => format!("#/glossary/{}", share::encode(t)),
            Route::Progress => "#/progress".into(),
            Route::OpenWorkshop(None) => "#/workshop".into(),
            Route::OpenWorkshop(Some(h)) => h.clone(),
            Route::InWorkshop(id, inner) => {
                let inner = inner.href();
                format!(
                    "#/workshop/{}{}",
                    share::encode(id),
                    inner.trim_start_matches('#')
                )
            }
            Route::HandIn => "#/hand-in".into(),
            Route::Instructor => "#/instructor".into(),
            Route::ClassReport(w) => with_param("#/instructor/report".into(), "w", w),
            Route::Presenter(w) => with_param("#/instructor/present".into(), "w", w),
            Route::NotFound(h) => h.clone(),
        }
    }
}

fn with_state(base: String, state: &Option<String>) -> String {
    with_param(base, "s", state)
}

fn with_param(base: String, name: &str, value: &Option<String>) -> String {
    match value {
        Some(v) => format!("{base}?{name}={v}"),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workshop_routes_round_trip_and_refuse_what_does_not_live_there() {
        for inner in [
            Route::Home,
            Route::Lesson("failover".into()),
            Route::Glossary(None),
            Route::Glossary(Some("asn".into())),
            Route::HandIn,
            Route::Lab(LabId::Planner, None),
        ] {
            let r = Route::InWorkshop("day-one".into(), Box::new(inner));
            assert_eq!(Route::parse(&r.href()), r, "{}", r.href());
        }
        assert_eq!(
            Route::parse("#/workshop/day-one"),
            Route::InWorkshop("day-one".into(), Box::new(Route::Home))
        );
        assert!(matches!(
            Route::parse("#/workshop/day-one/progress"),
            Route::NotFound(_)
        ));
        assert!(matches!(
            Route::parse("#/workshop/day-one/workshop/x"),
            Route::NotFound(_)
        ));
        assert_eq!(Route::parse("#/workshop?x=1"), Route::OpenWorkshop(None));
        assert_eq!(Route::parse("#/instructor"), Route::Instructor);
    }
}
